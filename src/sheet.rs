//! A case laid out for reading, in the order a penalty decision is written: party and place →
//! authority and dates → what happened → personal data → violations → law → penalty → sources.
//!
//! The sheet is plain data (labels resolved, unknowns spelt out, inferences marked), so the CLI's
//! text and Markdown output and the interactive detail pane all show the same thing.

use crate::library::{Basis, Case, LawRole, Library, PartialDate, VocabKind};
use crate::text::thousands;

/// What every absent fact reads as: the app never guesses.
pub const NOT_STATED: &str = "未载明 (not stated)";

/// A labelled value of the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub label: &'static str,
    /// One or more lines; a single [`NOT_STATED`] line when the source says nothing.
    pub lines: Vec<String>,
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

fn row(label: &'static str, lines: Vec<String>) -> Row {
    let lines = if lines.is_empty() {
        vec![NOT_STATED.to_string()]
    } else {
        lines
    };
    Row {
        label,
        lines,
        inferred: None,
    }
}

fn opt_row(label: &'static str, value: Option<String>) -> Row {
    row(label, value.into_iter().collect())
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

pub fn role_label(role: LawRole) -> &'static str {
    match role {
        LawRole::Violated => "违反条款 (provision violated)",
        LawRole::Penalty => "处罚依据 (penalty provision)",
        LawRole::Transfer => "移送依据 (transfer provision)",
    }
}

pub fn basis_label(basis: Basis) -> &'static str {
    match basis {
        Basis::Stated => "来源引用 (cited by the source)",
        Basis::Governing => "适用条款 (governing provision; the source does not cite it)",
    }
}

/// The collection line: which published list, which place in it, and how many of the announced
/// cases the library identifies.
pub fn collection_line(library: &Library, case: &Case) -> String {
    let Some(collection) = library.collection(&case.collection) else {
        return case.collection.clone();
    };
    let position = case
        .position
        .map(|p| format!(" · 第 {p} 例 (no. {p})"))
        .unwrap_or_default();
    let identified = library.identified_in(&collection.id);
    let count = match collection.announced {
        Some(announced) => format!(
            " · {announced} 例公布，{identified} 例已识别 ({announced} published, {identified} identified)"
        ),
        None => String::new(),
    };
    format!(
        "{} ({} {}){position}{count}",
        collection.title, collection.publisher, collection.published
    )
}

/// Lays out one case.
pub fn build(library: &Library, case: &Case) -> Sheet {
    let place = {
        let mut parts = vec![term_label(
            library,
            VocabKind::Provinces,
            &case.place.province,
        )];
        parts.extend(case.place.city.clone());
        parts.extend(case.place.district.clone());
        parts.join(" ")
    };
    let party_and_place = Section {
        heading: "当事人与地点 (Party and place)",
        rows: vec![
            row("当事人 (Party)", vec![case.party.name.clone()]),
            with_reason(
                row(
                    "当事人类型 (Kind)",
                    vec![term_label(library, VocabKind::PartyKinds, &case.party.kind)],
                ),
                case,
                "party.kind",
            ),
            with_reason(row("地点 (Place)", vec![place]), case, "place.province"),
            with_reason(
                opt_row(
                    "行业 (Sector)",
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
            date(from).unwrap_or_else(|| NOT_STATED.to_string()),
            date(to).unwrap_or_else(|| NOT_STATED.to_string())
        )),
    };
    let authority_and_dates = Section {
        heading: "执法机关与日期 (Authority and dates)",
        rows: vec![
            with_reason(
                opt_row("执法机关 (Authority)", case.authority.clone()),
                case,
                "authority",
            ),
            with_reason(
                opt_row("发现线索 (Found)", date(case.dates.found)),
                case,
                "dates.found",
            ),
            opt_row("违法期间 (Conduct)", conduct_period),
            with_reason(
                opt_row("处罚决定 (Decided)", date(case.dates.decided)),
                case,
                "dates.decided",
            ),
        ],
    };

    let mut happened = vec![row("案情 (Summary)", vec![case.summary.clone()])];
    if let Some(en) = &case.summary_en {
        happened.push(row("Summary (English)", vec![en.clone()]));
    }

    let mut data_rows = vec![
        with_reason(
            row(
                "信息种类 (Data kinds)",
                case.data_kinds
                    .as_ref()
                    .map(|kinds| vec![kinds.join("、")])
                    .unwrap_or_default(),
            ),
            case,
            "data_kinds",
        ),
        with_reason(
            opt_row(
                "信息条数 (Records)",
                case.records.map(|n| format!("{} 条", thousands(n))),
            ),
            case,
            "records",
        ),
        with_reason(
            opt_row(
                "涉案金额 (Amount)",
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
        data_rows.push(row("其他数量 (Other counts)", vec![line]));
    }

    let violations = Section {
        heading: "违法行为 (Violations)",
        rows: vec![with_reason(
            row(
                "违法行为 (Violations)",
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
                role_label(link.role),
                basis_label(link.basis),
                statute.id
            ),
            None => link.statute.clone(),
        })
        .collect();
    let law = Section {
        heading: "法律依据 (Law)",
        rows: vec![with_reason(
            row("条款 (Provisions)", law_lines),
            case,
            "law",
        )],
    };

    let mut penalty_rows = vec![with_reason(
        row(
            "处罚 (Penalty)",
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
        penalty_rows.push(row("法定幅度 (Statutory range)", ranges));
    }

    let sources = Section {
        heading: "来源 (Sources)",
        rows: vec![row(
            "来源 (Sources)",
            case.source
                .iter()
                .map(|s| {
                    let mut line = s.title.clone();
                    for part in [s.publisher.clone(), date(s.date), s.url.clone()]
                        .into_iter()
                        .flatten()
                    {
                        line.push_str(" · ");
                        line.push_str(&part);
                    }
                    line
                })
                .collect(),
        )],
    };

    Sheet {
        id: case.id.clone(),
        title: case.title.clone(),
        title_en: case.title_en.clone(),
        collection_line: collection_line(library, case),
        sections: vec![
            party_and_place,
            authority_and_dates,
            Section {
                heading: "案情 (What happened)",
                rows: happened,
            },
            Section {
                heading: "涉及个人信息 (Personal data involved)",
                rows: data_rows,
            },
            violations,
            law,
            Section {
                heading: "处罚 (Penalty)",
                rows: penalty_rows,
            },
            sources,
        ],
    }
}
