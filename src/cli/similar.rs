//! `casebook similar ID`: the cases most like one, with what each shares.

use std::process::ExitCode;

use clap::Args;

use super::m;
use crate::library::Library;
use crate::query::search::Index;
use crate::query::similar::{Shared, similar};
use crate::sheet::shared_reasons;
use crate::text::{pad, sanitize_line, width};

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
    let widest = found
        .iter()
        .map(|s| width(&library.cases[s.case].id))
        .max()
        .unwrap_or(0);
    let widest_party = found
        .iter()
        .map(|s| width(&sanitize_line(&library.cases[s.case].party.name)))
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for s in &found {
        let case = &library.cases[s.case];
        // The same reasons the case sheet gives in its 相似案例 section.
        let reasons = shared_reasons(m(), library, &s.shared);
        out.push_str(&format!(
            "{:>2}  {}  {}  {}\n",
            s.score,
            pad(&case.id, widest),
            pad(&sanitize_line(&case.party.name), widest_party),
            sanitize_line(&reasons)
        ));
    }
    super::print(&out)
}
