//! `casebook statute [ID]`: the provisions grouped by law, or one provision in full with the cases
//! linked to it, its status today and how it stands to other provisions.

use std::process::ExitCode;

use clap::Args;

use super::m;
use crate::law;
use crate::library::{Library, Statute};
use crate::msg::fill;
use crate::sheet;
use crate::text::sanitize;

#[derive(Debug, Args)]
pub struct StatuteArgs {
    /// The provision: its id (cprl-29-2), short name and article number (消法56, 消法29-2) or
    /// words with one hit; without one, every provision, grouped by law.
    pub id: Option<String>,
    /// The output format: the provision's sheet as text or Markdown, or JSON (the provision
    /// with its status today, linked cases and relations; without an id, every provision).
    #[arg(long, value_enum, default_value_t = StatuteFormat::Text)]
    pub format: StatuteFormat,
    /// The same as --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// The list of provisions with every cell whole, however wide the terminal (piped output
    /// is never cut).
    #[arg(long)]
    pub wide: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatuteFormat {
    Text,
    Markdown,
    Json,
}

impl StatuteArgs {
    fn chosen(&self) -> StatuteFormat {
        if self.json {
            StatuteFormat::Json
        } else {
            self.format
        }
    }
}

pub fn run(library: &Library, args: &StatuteArgs) -> ExitCode {
    let Some(id) = &args.id else {
        return list(
            library,
            args.chosen() == StatuteFormat::Json,
            super::fit(args.wide),
        );
    };
    let found = law::find::provisions(library, id);
    if found.len() > 1 {
        let message = fill(
            m().cli_names_provisions,
            &[
                ("what", crate::text::sanitize_line(id)),
                ("n", found.len().to_string()),
            ],
        );
        eprintln!("casebook: {message}");
        for statute in found {
            eprintln!("  {}  {}", statute.id, statute.citation());
        }
        return ExitCode::from(1);
    }
    let Some(&statute) = found.first() else {
        let known = library.statutes.iter().map(|s| s.id.as_str());
        // Ids that extend what was typed first (`cprl-29` → its paragraphs), then the closest.
        let mut near: Vec<(bool, usize, &str)> = known
            .map(|k| (!k.starts_with(id.as_str()), strsim::levenshtein(k, id), k))
            .collect();
        near.sort();
        let near: Vec<&str> = near.into_iter().take(3).map(|(_, _, k)| k).collect();
        let message = fill(
            m().cli_no_statute,
            &[
                ("id", crate::text::sanitize_line(id)),
                ("nearest", near.join(", ")),
            ],
        );
        eprintln!("casebook: {message}");
        return ExitCode::from(1);
    };
    if args.chosen() == StatuteFormat::Json {
        let linked = law::linked_cases(library, &statute.id);
        let ids = |list: &[usize]| -> Vec<&str> {
            list.iter().map(|&i| library.cases[i].id.as_str()).collect()
        };
        let relations: Vec<&crate::library::Relation> = law::relations_of(library, &statute.id)
            .into_iter()
            .map(|(relation, ..)| relation)
            .collect();
        let value = serde_json::json!({
            "statute": statute,
            "today": status_json(library, statute),
            "cases_stated": ids(&linked.stated),
            "cases_governing": ids(&linked.governing),
            "relations": relations,
            "fines_in_practice": law::practice::fines(library, &statute.id),
        });
        return json(&value);
    }
    let sheet = sheet::statute(m(), library, statute);
    let out = match args.chosen() {
        StatuteFormat::Markdown => sheet::markdown(m(), &sheet),
        _ => sheet::plain(m(), &sheet),
    };
    super::print(&sanitize(&out))
}

fn json(value: &serde_json::Value) -> ExitCode {
    super::print_json(value)
}

/// A provision's status on the library's "today", for JSON: the day, a key and the words.
fn status_json(library: &Library, statute: &Statute) -> serde_json::Value {
    let today = library.today();
    let status = law::status_on(statute, today);
    let key = match status {
        law::Status::InForce { .. } => "in-force",
        law::Status::NotYet { .. } => "not-yet",
        law::Status::Ceased { .. } => "ceased",
        law::Status::Unverified { .. } => "unverified",
        law::Status::Unknown => "unknown",
    };
    serde_json::json!({
        "date": today,
        "status": key,
        "text": sheet::status_text(m(), status),
    })
}

/// Every provision, grouped by law: id, article, status today, heading — in the interface
/// language, cut to `fit` columns where given.
fn list(library: &Library, as_json: bool, fit: Option<usize>) -> ExitCode {
    let groups = law::by_law(library);
    let today = library.today();
    if as_json {
        let value: Vec<serde_json::Value> = groups
            .iter()
            .map(|(law, members)| {
                serde_json::json!({
                    "law": law,
                    "statutes": members.iter().map(|s| &s.id).collect::<Vec<_>>(),
                    "today": members
                        .iter()
                        .map(|s| (s.id.clone(), status_json(library, s)))
                        .collect::<serde_json::Map<_, _>>(),
                })
            })
            .collect();
        return json(&serde_json::Value::Array(value));
    }
    let status = |s: &Statute| sheet::status_text(m(), law::status_on(s, today));
    let rows: Vec<Vec<String>> = groups
        .iter()
        .flat_map(|(_, members)| members.iter())
        .map(|s| {
            let cells = [
                s.id.clone(),
                m().article(&s.article),
                status(s),
                m().heading(s).to_string(),
            ];
            cells
                .iter()
                .map(|c| crate::text::sanitize_line(c))
                .collect()
        })
        .collect();
    // One table, so every law's provisions line up; each law's name above its rows.
    let columns = crate::table::Columns {
        main: Some(3),
        whole: &[0],
        drop_first: &[2],
    };
    let table = crate::table::aligned_around(&m().statute_heads, &rows, fit, columns);
    let mut lines = table.lines();
    let mut out = format!("{} {today}\n", m().row_status);
    out.extend(lines.next().map(|heads| format!("{heads}\n")));
    for (_, members) in &groups {
        if let Some(first) = members.first() {
            out.push_str(&format!("{}\n", super::prose(m().law_name(first), fit)));
        }
        for line in lines.by_ref().take(members.len()) {
            out.push_str(&format!("{line}\n"));
        }
    }
    super::print(&sanitize(&out))
}
