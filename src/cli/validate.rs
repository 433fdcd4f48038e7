//! `casebook validate [DIR]`: every problem of a library, one line each.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::library::{self, LoadOptions};

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The directory to check, as it would load with --cases DIR (extending the built-in
    /// library). Without DIR, the built-in library itself is checked.
    pub dir: Option<PathBuf>,

    /// Check DIR as a complete library on its own (it must then hold vocab.toml, statutes.toml
    /// and collections.toml), not as an extension of the built-in one.
    #[arg(long, requires = "dir")]
    pub standalone: bool,
}

pub fn run(args: &ValidateArgs) -> ExitCode {
    let result = match (&args.dir, args.standalone) {
        (Some(dir), true) => library::load_standalone(dir),
        (dir, _) => library::load(&LoadOptions {
            extra_dir: dir.as_deref(),
            only: false,
        }),
    };
    match result {
        Ok(library) => {
            let what = args
                .dir
                .as_ref()
                .map_or("the built-in library".to_string(), |d| {
                    d.display().to_string()
                });
            super::print(&format!(
                "{}: valid ({} cases, {} statutes)\n",
                crate::text::sanitize_line(&what),
                library.cases.len(),
                library.statutes.len()
            ))
        }
        Err(report) => {
            // The report goes to stdout: it is the command's output, meant to be read or piped.
            super::print(&crate::text::sanitize(&report.to_string()));
            eprintln!("casebook: {} problem(s) found", report.problems.len());
            ExitCode::from(1)
        }
    }
}
