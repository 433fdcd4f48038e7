//! `casebook validate [DIR]`: every problem of a library, one line each.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::m;
use crate::msg::fill;

use clap::Args;

use crate::library::{self, LoadOptions, files};

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
    let Some(dir) = &args.dir else {
        return built_in(result);
    };
    let name = crate::text::sanitize_line(&dir.display().to_string());
    // What the directory holds, counted on its own: the built-in library is not DIR's.
    let survey = match files::survey(dir) {
        Ok(survey) => survey,
        Err(error) => {
            let problem = fill(
                m().cli_dir_unreadable,
                &[("name", name.clone()), ("error", error.to_string())],
            ) + "\n";
            super::print(&problem);
            return ExitCode::from(1);
        }
    };
    let mut out = String::new();
    for (file, why) in &survey.ignored {
        let file = crate::text::sanitize_line(file);
        let values = [
            ("name", name.clone()),
            ("file", file),
            (
                "why",
                if m().lang == crate::msg::Lang::Zh {
                    why.1
                } else {
                    why.0
                }
                .to_string(),
            ),
        ];
        out.push_str(&(fill(m().cli_ignored, &values) + "\n"));
    }
    let total = survey.case_files.len();
    let status = match &result {
        Ok(_) if total == 0 => {
            out.push_str(&(fill(m().cli_no_case_files, &[("name", name.clone())]) + "\n"));
            ExitCode::from(1)
        }
        Ok(_) => {
            let values = [("name", name.clone()), ("total", total.to_string())];
            out.push_str(&(fill(m().cli_all_valid, &values) + "\n"));
            ExitCode::SUCCESS
        }
        Err(report) => {
            // The report is the command's output, meant to be read or piped: stdout.
            out.push_str(&crate::text::sanitize(
                &report.render(m().lang == crate::msg::Lang::Zh),
            ));
            let with_problems = survey
                .case_files
                .iter()
                .filter(|file| {
                    report
                        .problems
                        .iter()
                        .any(|p| Path::new(&p.file).file_name() == Some(file.as_ref()))
                })
                .count();
            let values = [
                ("name", name.clone()),
                ("total", total.to_string()),
                ("valid", (total - with_problems).to_string()),
                ("bad", with_problems.to_string()),
            ];
            out.push_str(&(fill(m().cli_some_invalid, &values) + "\n"));
            let n = ("n", report.problems.len().to_string());
            eprintln!("casebook: {}", fill(m().cli_problems_found, &[n]));
            ExitCode::from(1)
        }
    };
    let printed = super::print(&out);
    if printed == ExitCode::SUCCESS {
        status
    } else {
        printed
    }
}

/// The built-in library: valid with its counts, or its problems.
fn built_in(result: Result<library::Library, library::Report>) -> ExitCode {
    match result {
        Ok(library) => {
            let values = [
                ("cases", library.cases.len().to_string()),
                ("statutes", library.statutes.len().to_string()),
            ];
            super::print(&(fill(m().cli_builtin_valid, &values) + "\n"))
        }
        Err(report) => {
            super::print(&crate::text::sanitize(
                &report.render(m().lang == crate::msg::Lang::Zh),
            ));
            let n = ("n", report.problems.len().to_string());
            eprintln!("casebook: {}", fill(m().cli_problems_found, &[n]));
            ExitCode::from(1)
        }
    }
}
