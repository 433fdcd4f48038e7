//! `casebook class [--state DIR]`: the instructor's view of the trainees a server keeps progress
//! for (`STATE/people/NAME/`): per person, per exercise (the hardest first), as a table,
//! Markdown, CSV for Excel (UTF-8 with a BOM unless `--no-bom`) or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::msg::fill;
use crate::training::{class_text, clock, people};

#[derive(Debug, Args)]
pub struct ClassArgs {
    /// The output format.
    #[arg(long, value_enum, default_value_t = ClassFormat::Table)]
    pub format: ClassFormat,
    /// CSV without the byte-order mark Excel needs to read UTF-8 (for scripts).
    #[arg(long)]
    pub no_bom: bool,
    /// The same view as a screen of the browser (j k scroll, r reads the files again, q quits).
    #[arg(long, conflicts_with_all = ["format", "no_bom"])]
    pub browse: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClassFormat {
    Table,
    Markdown,
    Csv,
    Json,
}

fn t() -> &'static crate::msg::training::TrainingCatalog {
    super::m().training
}

/// The state directory a class is read from: `--state`, else the default; `None` after saying
/// there is none.
pub fn root(state: Option<PathBuf>) -> Option<PathBuf> {
    let root = state.or_else(crate::training::progress::Store::default_dir);
    if root.is_none() {
        eprintln!("casebook: {}", t().not_saved);
    }
    root
}

/// The class under `state` (`--state`, else the default state directory).
pub fn run(state: Option<PathBuf>, args: &ClassArgs) -> ExitCode {
    let Some(root) = root(state) else {
        return ExitCode::from(1);
    };
    let class = match people::class(&root, clock::now()) {
        Ok(class) => class,
        Err(e) => {
            let values = [
                ("path", root.join(people::PEOPLE).display().to_string()),
                ("error", e.to_string()),
            ];
            eprintln!("casebook: {}", fill(t().cli_cannot_read, &values));
            return ExitCode::from(1);
        }
    };
    let dir = root.join(people::PEOPLE);
    match args.format {
        ClassFormat::Json => super::print_json(&class),
        ClassFormat::Csv => {
            let bom = crate::table::CsvFor::from_no_bom(args.no_bom).prefix();
            super::print(&format!("{bom}{}", class_text::csv(t(), &class)))
        }
        ClassFormat::Markdown => super::print(&class_text::markdown(t(), &class, &dir)),
        ClassFormat::Table => super::print(&class_text::table(
            t(),
            &class,
            &dir,
            super::terminal_columns(),
        )),
    }
}
