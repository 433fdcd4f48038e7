//! A sheet as text to print or copy: plain text with aligned labels, or Markdown. The CLI prints
//! them; the browser copies them.

use crate::library::{Case, Library};
use crate::msg::{Catalog, fill};
use crate::text::{pad, width};

use super::{Section, Sheet, citation};

/// A list of cases as Markdown, for a report: a heading with the count and what was asked (the
/// filters and search as the user sees them), then each case's citation.
pub fn list_markdown(m: &Catalog, library: &Library, cases: &[&Case], asked: &str) -> String {
    let count = fill(m.export_list_title, &[("n", cases.len().to_string())]);
    let mut out = format!("# {count}\n\n");
    if !asked.is_empty() {
        out.push_str(&format!("{asked}\n\n"));
    }
    for case in cases {
        out.push_str(&format!("- {}\n", citation(m, library, case)));
    }
    out
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
        out.push_str(&format!(
            "\n{}\n",
            fill(
                m.section_heading,
                &[("heading", section.heading.to_string())]
            )
        ));
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
    out.push_str(&format!(
        "\n> **{}**{}{}\n",
        m.cite_as_label, m.colon, sheet.cite_as
    ));
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
