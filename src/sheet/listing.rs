//! A list of cases as a table, Markdown, CSV or citations — what `casebook list` and `search`
//! print — in a catalog's language: in English the cases' English names and the provinces'
//! English labels, in Chinese the parties and the official names.

use crate::library::{Case, Library, RareText, VocabKind};
use crate::msg::{Catalog, fill};
use crate::text::sanitize_line;

/// Marks an inferred value in a table cell (explained by the catalog's footnote).
const INFERRED_MARK: &str = "*";

/// The table's column headings.
pub fn headings(m: &Catalog) -> [&'static str; 6] {
    [
        "#",
        "ID",
        m.col_party,
        m.col_province,
        m.col_sector,
        m.col_penalty,
    ]
}

/// A Markdown table of the same cells as the aligned table, with the count and the inferred
/// mark's footnote under it.
pub fn markdown(m: &Catalog, library: &Library, cases: &[&Case]) -> String {
    let rows = rows(m, library, cases);
    let mut out = crate::table::markdown(&headings(m), &rows);
    out.push('\n');
    out.push_str(&count_line(m, library, cases, &rows));
    out
}

/// `3 / 25 cases`, and the inferred mark's footnote where a cell carries it.
fn count_line(m: &Catalog, library: &Library, cases: &[&Case], rows: &[Vec<String>]) -> String {
    let mut out = fill(
        m.cases_of,
        &[
            ("n", cases.len().to_string()),
            ("total", library.cases.len().to_string()),
        ],
    );
    if rows
        .iter()
        .any(|r| r.iter().any(|c| c.ends_with(INFERRED_MARK)))
    {
        // On a line of its own, so that a narrow terminal does not cut it.
        out.push_str(&format!("\n{}", m.inferred_footnote));
    }
    out.push('\n');
    out
}

/// One citation a line (see [`crate::sheet::citation`]).
pub fn citations(m: &Catalog, library: &Library, cases: &[&Case]) -> String {
    cases
        .iter()
        .map(|case| super::citation(m, library, case) + "\n")
        .collect()
}

/// CSV through a CSV writer: a header row of field names, then one row a case, with keys beside
/// labels so a spreadsheet can sort and filter on either, and whether the sector is inferred.
pub fn csv(m: &Catalog, library: &Library, cases: &[&Case]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "position",
        "id",
        "title",
        "title_en",
        "party",
        "province",
        "province_label",
        "sector",
        "sector_label",
        "sector_inferred",
        "violations",
        "penalties",
        "records",
    ])?;
    let label = |kind, key: &str| m.term(library, kind, key);
    for case in cases {
        let sector = case.sector.as_deref().unwrap_or_default();
        let violations: Vec<String> = case
            .violations
            .iter()
            .map(|v| label(VocabKind::Violations, v))
            .collect();
        let penalties: Vec<String> = case
            .penalty
            .iter()
            .map(|p| label(VocabKind::Penalties, &p.kind))
            .collect();
        writer.write_record([
            case.position.map_or(String::new(), |p| p.to_string()),
            case.id.to_string(),
            sanitize_line(&case.title),
            sanitize_line(case.title_en.text().unwrap_or_default()),
            sanitize_line(&case.party.name),
            case.place.province.to_string(),
            label(VocabKind::Provinces, &case.place.province),
            sector.to_string(),
            if sector.is_empty() {
                String::new()
            } else {
                label(VocabKind::Sectors, sector)
            },
            case.inferred_reason("sector").is_some().to_string(),
            violations.join("；"),
            penalties.join("；"),
            case.records.map_or(String::new(), |r| r.to_string()),
        ])?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// One table cell: a vocabulary label, marked when inferred, or "not stated".
fn label_cell(
    m: &Catalog,
    library: &Library,
    case: &Case,
    kind: VocabKind,
    key: Option<&str>,
    field: &str,
) -> String {
    match key {
        None => m.not_stated_short.to_string(),
        Some(key) => {
            let label = m.term(library, kind, key);
            if case.inferred_reason(field).is_some() {
                format!("{label}{INFERRED_MARK}")
            } else {
                label
            }
        }
    }
}

/// A case's cells, in the order of [`headings`]: in English the case's English name (the
/// Chinese after it), the province's English name.
fn row(m: &Catalog, library: &Library, case: &Case) -> Vec<String> {
    let name = super::list_name(m, case);
    let cells = [
        case.position.map_or(String::new(), |p| p.to_string()),
        case.id.to_string(),
        name,
        m.term(library, VocabKind::Provinces, &case.place.province),
        label_cell(
            m,
            library,
            case,
            VocabKind::Sectors,
            case.sector.as_deref(),
            "sector",
        ),
        super::penalty_kinds(m, library, case),
    ];
    cells.iter().map(|cell| sanitize_line(cell)).collect()
}

fn rows(m: &Catalog, library: &Library, cases: &[&Case]) -> Vec<Vec<String>> {
    cases.iter().map(|case| row(m, library, case)).collect()
}

/// An aligned table (display width, so Chinese lines up), cut to `fit` columns where given —
/// the case's name keeps its cells longest, the id is never cut (it is what `show` takes).
pub fn table(m: &Catalog, library: &Library, cases: &[&Case], fit: Option<usize>) -> String {
    let rows = rows(m, library, cases);
    // The name keeps its cells longest; the id is never cut; at the narrowest the penalty,
    // then the sector, go (`show` has them).
    let columns = crate::table::Columns {
        main: Some(2),
        whole: &[1],
        drop_first: &[5, 4],
    };
    let mut out = crate::table::aligned_around(&headings(m), &rows, fit, columns);
    out.push('\n');
    out.push_str(&count_line(m, library, cases, &rows));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{LoadOptions, load};
    use crate::msg::{EN, ZH};
    use crate::text::width;

    fn cjk(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// At 60, 80 and 120 columns every line of the table fits, ids are whole and cut cells end
    /// with "…"; piped, every cell is whole — in both languages.
    #[test]
    fn the_table_fits_60_80_120_and_piped_keeps_whole_cells() {
        let library = load(&LoadOptions::default()).unwrap();
        let cases: Vec<&Case> = library.cases.iter().collect();
        for m in [&ZH, &EN] {
            for fit in [60, 80, 120] {
                let text = table(m, &library, &cases, Some(fit));
                for line in text.lines() {
                    assert!(width(line) <= fit, "{fit}: {line}");
                }
                for case in &cases {
                    assert!(
                        text.contains(&format!(" {} ", case.id)),
                        "{fit}: {}",
                        case.id
                    );
                }
                assert!(text.contains('…'), "{fit}: something is cut");
            }
            let piped = table(m, &library, &cases, None);
            for case in &cases {
                assert!(
                    piped.contains(&super::super::list_name(m, case)),
                    "{}",
                    case.id
                );
            }
            assert!(!piped.contains('…'));
        }
    }

    /// In English the table's words are English: the only Chinese is the parties' own names.
    #[test]
    fn the_english_table_is_english_but_for_the_parties() {
        let library = load(&LoadOptions::default()).unwrap();
        let cases: Vec<&Case> = library.cases.iter().collect();
        let text = table(&EN, &library, &cases, None);
        // Each run of Chinese is a party's name or part of a case's English name (a decision
        // number it quotes).
        for run in text.split(|c: char| !cjk(&c.to_string()) && !"（）〔〕".contains(c)) {
            if !cjk(run) {
                continue;
            }
            assert!(
                cases.iter().any(|c| c.party.name.contains(run)
                    || c.title_en.text().is_some_and(|t| t.contains(run))),
                "{run}"
            );
        }
        assert!(
            text.contains("Zhejiang") && text.contains("25 of 25 cases"),
            "{text}"
        );
    }

    /// CSV keeps the recorded Chinese beside the interface's labels, so a spreadsheet can use
    /// either; in English the English title and province label are there.
    #[test]
    fn csv_has_keys_and_labels() {
        let library = load(&LoadOptions::default()).unwrap();
        let case = library.cases.iter().find(|c| c.id == "yibin-yu").unwrap();
        let text = csv(&EN, &library, &[case]).unwrap();
        let mut lines = text.lines();
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("position,id,title,title_en,party,province,province_label,")
        );
        let row = lines.next().unwrap();
        assert!(row.contains(",四川省,Sichuan,"), "{row}");
        assert!(row.contains("Yu and others, Yibin (Sichuan)"), "{row}");
    }
}
