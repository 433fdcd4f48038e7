//! `casebook show ID`: one case in full, as text, Markdown or JSON.

use std::process::ExitCode;

use clap::Args;

use crate::library::{Library, nearest_case_ids};
use crate::msg::{Catalog, ZH};
use crate::query::lookup::cases_named;
use crate::query::search::Index;
use crate::query::similar::similar;
use crate::sheet::{self, Section, Sheet};
use crate::text::{pad, sanitize, width};

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
            let nearest = nearest_case_ids(library, wanted, 3);
            eprintln!(
                "casebook: no case \"{}\"; nearest ids: {}",
                crate::text::sanitize_line(wanted),
                nearest.join(", ")
            );
            None
        }
        several => {
            eprintln!(
                "casebook: \"{}\" names {} cases; choose one:",
                crate::text::sanitize_line(wanted),
                several.len()
            );
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
        return super::print(&format!("{}\n", sheet::citation(&ZH, library, case)));
    }
    let similar = similar(library, &index, at, sheet::SIMILAR_SHOWN);
    let sheet = sheet::build(&ZH, library, case, &similar);
    let out = if format == ShowFormat::Markdown {
        markdown(&ZH, &sheet)
    } else {
        plain(&ZH, &sheet)
    };
    super::print(&sanitize(&out))
}

/// Plain text: sections with aligned labels; continuation lines indented under the value.
pub fn plain(m: &Catalog, sheet: &Sheet) -> String {
    let label_width = sheet
        .sections
        .iter()
        .flat_map(|s| s.rows.iter())
        .map(|r| width(r.label))
        .max()
        .unwrap_or(0);
    let indent = " ".repeat(label_width + 4);
    let mut out = format!("{}\n", sheet.title);
    let section = |out: &mut String, section: &Section| {
        out.push_str(&format!("\n【{}】\n", section.heading));
        for row in &section.rows {
            let mut lines = row.lines.iter().flat_map(|l| l.split('\n'));
            let first = lines.next().unwrap_or_default();
            out.push_str(&format!("  {}  {first}\n", pad(row.label, label_width)));
            for line in lines {
                out.push_str(&format!("{indent}{line}\n"));
            }
            if let Some(reason) = &row.inferred {
                out.push_str(&format!("{indent}↳ {}: {reason}\n", m.inferred));
            }
        }
    };
    if let Some(key_facts) = &sheet.key_facts {
        section(&mut out, key_facts);
        out.push('\n');
    }
    if let Some(en) = &sheet.title_en {
        out.push_str(&format!("{en}\n"));
    }
    out.push_str(&format!("{}\nid: {}\n", sheet.collection_line, sheet.id));
    for each in &sheet.sections {
        section(&mut out, each);
    }
    out
}

/// Markdown: a heading per section, a bullet per row.
pub fn markdown(m: &Catalog, sheet: &Sheet) -> String {
    let mut out = format!("# {}\n", sheet.title);
    let section = |out: &mut String, section: &Section| {
        out.push_str(&format!("\n## {}\n\n", section.heading));
        for row in &section.rows {
            if row.lines.len() == 1 && !row.lines[0].contains('\n') {
                out.push_str(&format!("- **{}**: {}\n", row.label, row.lines[0]));
            } else {
                out.push_str(&format!("- **{}**:\n", row.label));
                for line in &row.lines {
                    for (i, part) in line.split('\n').enumerate() {
                        let bullet = if i == 0 { "  - " } else { "    " };
                        out.push_str(&format!("{bullet}{part}\n"));
                    }
                }
            }
            if let Some(reason) = &row.inferred {
                out.push_str(&format!("  - *{}*: {reason}\n", m.inferred));
            }
        }
    };
    if let Some(key_facts) = &sheet.key_facts {
        section(&mut out, key_facts);
    }
    out.push('\n');
    if let Some(en) = &sheet.title_en {
        out.push_str(&format!("*{en}*\n\n"));
    }
    out.push_str(&format!("{}  \n`{}`\n", sheet.collection_line, sheet.id));
    for each in &sheet.sections {
        section(&mut out, each);
    }
    out
}
