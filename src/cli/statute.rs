//! `casebook statute [ID]`: the provisions grouped by law, or one provision in full with the cases
//! linked to it and the later law that now governs the same conduct.

use std::process::ExitCode;

use clap::Args;

use super::m;
use crate::law;
use crate::library::{Era, Library};
use crate::msg::fill;
use crate::sheet;
use crate::text::{pad, sanitize, width};

#[derive(Debug, Args)]
pub struct StatuteArgs {
    /// The provision: its id (cprl-29-2), short name and article number (消法56, 消法29-2) or
    /// words with one hit; without one, every provision, grouped by law.
    pub id: Option<String>,
    /// The output format: the provision's sheet as text or Markdown, or JSON (the provision
    /// with its linked cases and later or earlier law; without an id, every provision).
    #[arg(long, value_enum, default_value_t = StatuteFormat::Text)]
    pub format: StatuteFormat,
    /// The same as --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
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
        return list(library, args.chosen() == StatuteFormat::Json);
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
        let related = |list: Vec<&crate::library::Statute>| -> Vec<String> {
            list.into_iter().map(|s| s.id.clone()).collect()
        };
        let value = serde_json::json!({
            "statute": statute,
            "cases_stated": ids(&linked.stated),
            "cases_governing": ids(&linked.governing),
            "later_law": related(law::later_law(library, statute)),
            "earlier_law": related(law::earlier_law(library, statute)),
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

/// Every provision, grouped by law, 2019 law first: id, article, English heading.
fn list(library: &Library, as_json: bool) -> ExitCode {
    let groups = law::by_law(library);
    if as_json {
        let value: Vec<serde_json::Value> = groups
            .iter()
            .map(|(law, members)| {
                serde_json::json!({
                    "law": law,
                    "statutes": members.iter().map(|s| &s.id).collect::<Vec<_>>(),
                })
            })
            .collect();
        return json(&serde_json::Value::Array(value));
    }
    let id_width = library
        .statutes
        .iter()
        .map(|s| width(&s.id))
        .max()
        .unwrap_or(0);
    let article_width = library
        .statutes
        .iter()
        .map(|s| width(&s.article))
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (law, members) in groups {
        let era = match members[0].era {
            Era::Y2019 => m().era_2019,
            Era::Later => m().era_later,
        };
        out.push_str(&format!("{}\n", m().paren(law, era)));
        for statute in members {
            out.push_str(&format!(
                "  {}  {}  {}\n",
                pad(&statute.id, id_width),
                pad(&statute.article, article_width),
                statute.heading_en
            ));
        }
    }
    super::print(&sanitize(&out))
}
