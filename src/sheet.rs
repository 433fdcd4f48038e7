//! A case laid out for reading, in the order a penalty decision is written: party and place →
//! authority and dates → what happened → personal data → violations → law → penalty → sources.
//!
//! The sheet is plain data (labels resolved, unknowns spelt out, inferences marked), so the CLI's
//! text and Markdown output and the interactive detail pane all show the same thing.

use crate::library::{Basis, Case, LawRole, Library, PartialDate, Str, VocabKind};
use crate::msg::{Catalog, fill};
use crate::text::thousands;

/// A labelled value of the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub label: &'static str,
    /// One or more lines; the catalog's "not stated" when the source says nothing.
    pub lines: Vec<String>,
    /// True when no source states the value (the line reads "not stated").
    pub missing: bool,
    /// Why the value is inferred rather than stated by a source, if it is.
    pub inferred: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: &'static str,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    /// Where the case stands in its published list, e.g. `国家市场监督管理总局 2019-11-18 … 第 1 例`.
    pub collection_line: String,
    pub sections: Vec<Section>,
}

/// Builds rows, spelling out absent values in the catalog's words.
struct Rows<'m> {
    m: &'m Catalog,
}

impl Rows<'_> {
    fn row(&self, label: &'static str, lines: Vec<String>) -> Row {
        let missing = lines.is_empty();
        let lines = if missing {
            vec![self.m.not_stated.to_string()]
        } else {
            lines
        };
        Row {
            label,
            lines,
            missing,
            inferred: None,
        }
    }

    fn opt(&self, label: &'static str, value: Option<String>) -> Row {
        self.row(label, value.into_iter().collect())
    }
}

fn with_reason(mut row: Row, case: &Case, field: &str) -> Row {
    row.inferred = case.inferred_reason(field).map(str::to_string);
    row
}

/// `¥286,179`.
pub fn yuan(amount: u64) -> String {
    format!("¥{}", thousands(amount))
}

fn date(d: Option<PartialDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// The "zh (en)" label of a vocabulary term, or the raw key if the vocabulary lacks it.
pub fn term_label(library: &Library, kind: VocabKind, key: &str) -> String {
    match library.vocab.term(kind, key) {
        Some(term) => format!("{} ({})", term.label.zh, term.label.en),
        None => key.to_string(),
    }
}

pub fn role_label(m: &Catalog, role: LawRole) -> &'static str {
    match role {
        LawRole::Violated => m.role_violated,
        LawRole::Penalty => m.role_penalty,
        LawRole::Transfer => m.role_transfer,
    }
}

pub fn basis_label(m: &Catalog, basis: Basis) -> &'static str {
    match basis {
        Basis::Stated => m.basis_stated,
        Basis::Governing => m.basis_governing,
    }
}

/// The collection line: which published list, which place in it, and how many of the announced
/// cases the library identifies.
pub fn collection_line(m: &Catalog, library: &Library, case: &Case) -> String {
    let Some(collection) = library.collection(&case.collection) else {
        return case.collection.to_string();
    };
    let position = case
        .position
        .map(|p| format!(" · {}", fill(m.position, &[("n", p.to_string())])))
        .unwrap_or_default();
    let count = collection
        .announced
        .map(|announced| {
            format!(
                " · {}",
                published_identified(m, library, &collection.id, announced)
            )
        })
        .unwrap_or_default();
    format!(
        "{} ({} {}){position}{count}",
        collection.title, collection.publisher, collection.published
    )
}

/// "10 published, 9 identified" for a collection.
pub fn published_identified(
    m: &Catalog,
    library: &Library,
    collection: &str,
    announced: u64,
) -> String {
    let identified = library.identified_in(collection).to_string();
    fill(
        m.published_identified,
        &[
            ("announced", announced.to_string()),
            ("identified", identified),
        ],
    )
}

/// Lays out one case.
pub fn build(m: &Catalog, library: &Library, case: &Case) -> Sheet {
    let r = Rows { m };
    let place = {
        let mut parts = vec![term_label(
            library,
            VocabKind::Provinces,
            &case.place.province,
        )];
        parts.extend(case.place.city.as_deref().map(str::to_string));
        parts.extend(case.place.district.as_deref().map(str::to_string));
        parts.join(" ")
    };
    let party_and_place = Section {
        heading: m.sec_party,
        rows: vec![
            r.row(m.row_party, vec![case.party.name.to_string()]),
            with_reason(
                r.row(
                    m.row_party_kind,
                    vec![term_label(library, VocabKind::PartyKinds, &case.party.kind)],
                ),
                case,
                "party.kind",
            ),
            with_reason(r.row(m.row_place, vec![place]), case, "place.province"),
            with_reason(
                r.opt(
                    m.row_sector,
                    case.sector
                        .as_deref()
                        .map(|s| term_label(library, VocabKind::Sectors, s)),
                ),
                case,
                "sector",
            ),
        ],
    };

    let conduct_period = match (case.dates.conduct_from, case.dates.conduct_to) {
        (None, None) => None,
        (from, to) => Some(format!(
            "{} – {}",
            date(from).unwrap_or_else(|| m.not_stated.to_string()),
            date(to).unwrap_or_else(|| m.not_stated.to_string())
        )),
    };
    let authority_and_dates = Section {
        heading: m.sec_authority,
        rows: vec![
            with_reason(
                r.opt(
                    m.row_authority,
                    case.authority.as_deref().map(str::to_string),
                ),
                case,
                "authority",
            ),
            with_reason(
                r.opt(m.row_found, date(case.dates.found)),
                case,
                "dates.found",
            ),
            r.opt(m.row_conduct, conduct_period),
            with_reason(
                r.opt(m.row_decided, date(case.dates.decided)),
                case,
                "dates.decided",
            ),
        ],
    };

    let mut happened = vec![r.row(m.row_summary, vec![case.summary.to_string()])];
    if let Some(en) = &case.summary_en {
        happened.push(r.row(m.row_summary_en, vec![en.to_string()]));
    }

    let mut data_rows = vec![
        with_reason(
            r.row(
                m.row_data_kinds,
                case.data_kinds
                    .as_ref()
                    .map(|kinds| vec![kinds.join("、")])
                    .unwrap_or_default(),
            ),
            case,
            "data_kinds",
        ),
        with_reason(
            r.opt(
                m.row_records,
                case.records
                    .map(|n| format!("{} {}", thousands(n), m.records_unit)),
            ),
            case,
            "records",
        ),
        with_reason(
            r.opt(
                m.row_amount,
                case.amount_yuan.map(|amount| match &case.amount_note {
                    Some(note) => format!("{} — {note}", yuan(amount)),
                    None => yuan(amount),
                }),
            ),
            case,
            "amount_yuan",
        ),
    ];
    for quantity in &case.quantity {
        let mut line = format!(
            "{} {} {}",
            thousands(quantity.value),
            quantity.unit,
            quantity.what
        );
        if let Some(en) = &quantity.what_en {
            line.push_str(&format!(" ({en})"));
        }
        data_rows.push(r.row(m.row_other_counts, vec![line]));
    }

    let violations = Section {
        heading: m.sec_violations,
        rows: vec![with_reason(
            r.row(
                m.row_violations,
                case.violations
                    .iter()
                    .map(|v| term_label(library, VocabKind::Violations, v))
                    .collect(),
            ),
            case,
            "violations",
        )],
    };

    let law_lines = case
        .law
        .iter()
        .map(|link| match library.statute(&link.statute) {
            Some(statute) => format!(
                "{} — {} · {} [{}]",
                statute.citation(),
                role_label(m, link.role),
                basis_label(m, link.basis),
                statute.id
            ),
            None => link.statute.to_string(),
        })
        .collect();
    let law = Section {
        heading: m.sec_law,
        rows: vec![with_reason(r.row(m.row_provisions, law_lines), case, "law")],
    };

    let mut penalty_rows = vec![with_reason(
        r.row(
            m.row_penalty,
            case.penalty
                .iter()
                .map(|p| {
                    let mut line = term_label(library, VocabKind::Penalties, &p.kind);
                    if let Some(amount) = p.amount_yuan {
                        line.push_str(&format!(" {}", yuan(amount)));
                    }
                    if let Some(note) = &p.note {
                        line.push_str(&format!(" — {note}"));
                    }
                    line
                })
                .collect(),
        ),
        case,
        "penalty",
    )];
    let ranges: Vec<String> = case
        .law
        .iter()
        .filter(|l| matches!(l.role, LawRole::Penalty | LawRole::Transfer))
        .filter_map(|l| library.statute(&l.statute))
        .filter_map(|s| {
            let words = s.penalty.as_ref()?.words.as_ref()?;
            Some(format!("{}：{words}", s.citation()))
        })
        .collect();
    if !ranges.is_empty() {
        penalty_rows.push(r.row(m.row_range, ranges));
    }

    let sources = Section {
        heading: m.sec_sources,
        rows: vec![
            r.row(
                m.row_sources,
                case.source
                    .iter()
                    .map(|s| {
                        let mut line = s.title.to_string();
                        let text = |t: &Option<Str>| t.as_deref().map(str::to_string);
                        for part in [text(&s.publisher), date(s.date), text(&s.url)]
                            .into_iter()
                            .flatten()
                        {
                            line.push_str(" · ");
                            line.push_str(&part);
                        }
                        line
                    })
                    .collect(),
            ),
        ],
    };

    Sheet {
        id: case.id.to_string(),
        title: case.title.to_string(),
        title_en: case.title_en.as_deref().map(str::to_string),
        collection_line: collection_line(m, library, case),
        sections: vec![
            party_and_place,
            authority_and_dates,
            Section {
                heading: m.sec_happened,
                rows: happened,
            },
            Section {
                heading: m.sec_data,
                rows: data_rows,
            },
            violations,
            law,
            Section {
                heading: m.sec_penalty,
                rows: penalty_rows,
            },
            sources,
        ],
    }
}
