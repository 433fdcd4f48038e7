//! `casebook similar ID`: the cases most like one, with what each shares.

use std::process::ExitCode;

use clap::Args;

use super::m;
use crate::library::Library;
use crate::query::search::Index;
use crate::query::similar::{Shared, similar};
use crate::sheet::shared_reasons;
use crate::text::sanitize_line;

#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// The case: its id, its published number (7), or words with one hit (房多多).
    pub id: String,
    /// How many cases to list.
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
    /// Print as JSON: each case's id, score and what it shares (kind and key).
    #[arg(long)]
    pub json: bool,
    /// Every cell whole, however wide the terminal (piped output is never cut).
    #[arg(long)]
    pub wide: bool,
}

/// What the score column counts, from the weights the ranking uses.
fn score_note() -> String {
    use crate::query::similar::{DATA, PROVINCE, PROVISION, SECTOR, VIOLATION};
    crate::msg::fill(
        m().sim_score,
        &[
            ("violation", VIOLATION.to_string()),
            ("provision", PROVISION.to_string()),
            ("sector", SECTOR.to_string()),
            ("data", DATA.to_string()),
            ("province", PROVINCE.to_string()),
        ],
    )
}

pub fn run(library: &Library, args: &SimilarArgs) -> ExitCode {
    let index = Index::new(library);
    let Some(at) = super::show::resolve(library, &index, &args.id) else {
        return ExitCode::from(1);
    };
    let found = similar(library, &index, at, args.limit);
    if args.json {
        let value: Vec<serde_json::Value> = found
            .iter()
            .map(|s| {
                let shared: Vec<serde_json::Value> = s
                    .shared
                    .iter()
                    .map(|item| {
                        let (kind, key) = match item {
                            Shared::Violation(k) => ("violation", k),
                            Shared::Provision(k) => ("statute", k),
                            Shared::Sector(k) => ("sector", k),
                            Shared::DataKind(k) => ("data_kind", k),
                            Shared::Province(k) => ("province", k),
                        };
                        serde_json::json!({ "kind": kind, "key": key })
                    })
                    .collect();
                serde_json::json!({
                    "id": library.cases[s.case].id,
                    "score": s.score,
                    "shared": shared,
                })
            })
            .collect();
        return super::print_json(&value);
    }
    let rows: Vec<Vec<String>> = found
        .iter()
        .map(|s| {
            let case = &library.cases[s.case];
            // The same reasons the case sheet gives in its 相似案例 section.
            vec![
                s.score.to_string(),
                case.id.to_string(),
                crate::sheet::list_name(m(), case),
                sanitize_line(&shared_reasons(m(), library, &s.shared)),
            ]
        })
        .collect();
    // What they share keeps its cells longest; the id is never cut.
    let columns = crate::table::Columns {
        main: Some(3),
        whole: &[1],
        drop_first: &[2],
    };
    let fit = super::fit(args.wide);
    let mut out = crate::table::aligned_around(&m().sim_heads, &rows, fit, columns);
    out.push_str(&format!("\n{}\n", super::prose(&score_note(), fit)));
    super::print(&out)
}
