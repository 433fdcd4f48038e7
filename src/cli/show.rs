//! `casebook show ID`: one case in full, as text, Markdown or JSON.

use std::process::ExitCode;

use clap::Args;

use super::m;
use crate::library::Library;
use crate::msg::fill;
use crate::query::lookup::cases_named;
use crate::query::lookup::nearest_case_ids;
use crate::query::search::Index;
use crate::query::similar::similar;
use crate::sheet;
use crate::text::sanitize;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The case: its id (zhuji-xiangsheng), its published number (7), or words with one hit
    /// (房多多).
    pub id: String,
    /// The output format: the sheet as text or Markdown, the case as JSON (the case-file field
    /// names), or a one-line citation for a report.
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
    /// The same as --format json.
    #[arg(long, conflicts_with_all = ["markdown", "format"])]
    pub json: bool,
    /// The same as --format markdown.
    #[arg(long, conflicts_with = "format")]
    pub markdown: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    Text,
    Markdown,
    Json,
    Citation,
}

/// The case `wanted` names (id, published number, or words with one hit), or `None` after saying
/// why not: no such case (with the nearest ids), or which cases it could mean.
pub fn resolve(library: &Library, index: &Index, wanted: &str) -> Option<usize> {
    let found = cases_named(library, index, wanted);
    match found.as_slice() {
        [one] => Some(*one),
        [] => {
            if let Some(said) = crate::sheet::unidentified(m(), library, wanted) {
                eprintln!("casebook: {said}");
                return None;
            }
            let nearest = nearest_case_ids(library, wanted, 3);
            let message = fill(
                m().cli_no_case,
                &[
                    ("id", crate::text::sanitize_line(wanted)),
                    ("nearest", nearest.join(", ")),
                ],
            );
            eprintln!("casebook: {message}");
            None
        }
        several => {
            let message = fill(
                m().cli_names_cases,
                &[
                    ("what", crate::text::sanitize_line(wanted)),
                    ("n", several.len().to_string()),
                ],
            );
            eprintln!("casebook: {message}");
            for &i in several {
                let case = &library.cases[i];
                eprintln!(
                    "  {}  {}",
                    case.id,
                    crate::text::sanitize_line(&case.party.name)
                );
            }
            None
        }
    }
}

pub fn run(library: &Library, args: &ShowArgs) -> ExitCode {
    let index = Index::new(library);
    let Some(at) = resolve(library, &index, &args.id) else {
        return ExitCode::from(1);
    };
    let case = &library.cases[at];
    let format = match (args.json, args.markdown) {
        (true, _) => ShowFormat::Json,
        (_, true) => ShowFormat::Markdown,
        _ => args.format,
    };
    if format == ShowFormat::Json {
        return super::print_json(case);
    }
    if format == ShowFormat::Citation {
        return super::print(&format!("{}\n", sheet::citation(m(), library, case)));
    }
    let similar = similar(library, &index, at, sheet::SIMILAR_SHOWN);
    let sheet = sheet::build(m(), library, case, &similar);
    let out = if format == ShowFormat::Markdown {
        sheet::markdown(m(), &sheet)
    } else {
        sheet::plain(m(), &sheet)
    };
    super::print(&sanitize(&out))
}
