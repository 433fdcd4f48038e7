//! A case laid out for reading, in the order a penalty decision is written: party and place →
//! authority and dates → what happened → personal data → violations → law → penalty → sources.
//!
//! The sheet is plain data (labels resolved, unknowns spelt out, inferences marked), so the CLI's
//! text and Markdown output and the interactive detail pane all show the same thing.

use crate::law;
use crate::library::{Basis, Case, Era, LawRole, Library, PartialDate, Statute, Str, VocabKind};
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

/// Later law that governs what `statute` governed, one line per law:
/// `个人信息保护法 第五条、第十条（2021-11-01 起施行；后法，…）`.
pub fn later_law_lines(m: &Catalog, library: &Library, statute: &Statute) -> Vec<String> {
    let mut groups: Vec<(String, Vec<&str>, String)> = Vec::new();
    for later in law::later_law(library, statute) {
        let name = later.short.as_deref().unwrap_or(&later.law).to_string();
        let in_force = later
            .in_force
            .map_or(m.not_stated_short.to_string(), |d| d.to_string());
        match groups
            .iter_mut()
            .find(|(n, _, f)| *n == name && *f == in_force)
        {
            Some((_, articles, _)) => articles.push(&later.article),
            None => groups.push((name, vec![&later.article], in_force)),
        }
    }
    groups
        .into_iter()
        .map(|(name, articles, in_force)| {
            fill(
                m.later_line,
                &[
                    ("citation", format!("{name} {}", articles.join("、"))),
                    ("in_force", in_force),
                ],
            )
        })
        .collect()
}

/// Where each fine of a case sits in the range of its penalty provisions; "not stated" when the
/// source gives no amount.
fn penalty_position(m: &Catalog, library: &Library, case: &Case) -> Vec<String> {
    let ranges: Vec<(&Statute, &crate::library::PenaltyRange)> = case
        .law
        .iter()
        .filter(|l| l.role == LawRole::Penalty)
        .filter_map(|l| library.statute(&l.statute))
        .filter_map(|s| Some((s, s.penalty.as_ref()?)))
        .collect();
    let mut lines = Vec::new();
    let gains = case.illegal_gains_yuan.filter(|&g| g > 0);
    for amount in case.penalty.iter().filter_map(|p| p.amount_yuan) {
        for (statute, range) in &ranges {
            // With illegal gains the fine is a multiple of them; the cap is for where there are none.
            if let (Some(gains), Some([low, high])) = (gains, range.gains_multiple.as_deref())
                && let Some(multiple) = law::Share::of(amount, gains)
            {
                let verdict = if multiple.within_multiples(*low, *high) {
                    m.within
                } else {
                    m.outside
                };
                lines.push(fill(
                    m.position_multiple,
                    &[
                        ("amount", yuan(amount)),
                        ("gains", yuan(gains)),
                        ("times", multiple.times()),
                        ("citation", statute.citation()),
                        ("low", low.to_string()),
                        ("high", high.to_string()),
                        ("verdict", verdict.to_string()),
                    ],
                ));
                continue;
            }
            let Some(share) = range
                .fine_max_yuan
                .and_then(|cap| law::Share::of(amount, cap))
            else {
                continue;
            };
            if share.exceeds() {
                lines.push(format!("{}：{}", yuan(amount), m.position_over));
                continue;
            }
            let fraction = match share.simple_fraction() {
                Some(fraction) => format!("{fraction}（{}）", share.percent()),
                None => share.percent(),
            };
            lines.push(fill(
                m.position_line,
                &[
                    ("amount", yuan(amount)),
                    ("citation", statute.citation()),
                    ("cap", yuan(share.cap)),
                    ("share", fraction),
                ],
            ));
            if let Some([low, high]) = range.gains_multiple.as_deref() {
                lines.push(fill(
                    m.position_gains,
                    &[("low", low.to_string()), ("high", high.to_string())],
                ));
            }
        }
    }
    if lines.is_empty() {
        lines.push(m.position_unknown.to_string());
    }
    lines
}

/// How the case's figures compare with the criminal thresholds; nothing where the data kinds do
/// not tell which threshold applies, or the source gives no figure.
fn threshold_lines(m: &Catalog, library: &Library, case: &Case) -> Vec<String> {
    let Some((_, thresholds)) = law::threshold_provision(library) else {
        return Vec::new();
    };
    let compared = [
        law::compare_records(thresholds, case).map(|c| (c, m.records_unit)),
        case.illegal_gains_yuan
            .and_then(|gains| law::compare_gains(thresholds, gains))
            .map(|c| (c, m.yuan_unit)),
    ];
    let verdict = |reached: bool| if reached { m.reached } else { m.not_reached }.to_string();
    let mut lines = Vec::new();
    for (compared, unit) in compared.into_iter().flatten() {
        lines.push(fill(
            m.threshold_line,
            &[
                ("value", thousands(compared.value)),
                ("unit", unit.to_string()),
                ("item", compared.item.clone()),
                ("threshold", thousands(compared.threshold)),
                ("verdict", verdict(compared.reached())),
            ],
        ));
        if let Some(half) = compared.in_duty {
            lines.push(fill(
                m.threshold_in_duty,
                &[
                    ("threshold", thousands(half)),
                    ("verdict", verdict(compared.reached_in_duty())),
                ],
            ));
        }
        if let Some(tenfold) = compared.especially_serious {
            lines.push(fill(
                m.threshold_especially,
                &[
                    ("threshold", thousands(tenfold)),
                    ("verdict", verdict(compared.especially_serious_reached())),
                ],
            ));
        }
    }
    if !lines.is_empty() {
        lines.insert(0, m.threshold_disclaimer.to_string());
    }
    lines
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
        r.opt(m.row_gains, case.illegal_gains_yuan.map(yuan)),
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

    // Numbered: in the browser, the number opens the provision.
    let law_lines = case
        .law
        .iter()
        .enumerate()
        .map(|(i, link)| match library.statute(&link.statute) {
            Some(statute) => format!(
                "[{}] {} — {} · {} [{}]",
                i + 1,
                statute.citation(),
                role_label(m, link.role),
                basis_label(m, link.basis),
                statute.id
            ),
            None => link.statute.to_string(),
        })
        .collect();
    let mut law_rows = vec![with_reason(r.row(m.row_provisions, law_lines), case, "law")];
    let later: Vec<String> = case
        .law
        .iter()
        .filter_map(|link| library.statute(&link.statute))
        .flat_map(|statute| {
            later_law_lines(m, library, statute)
                .into_iter()
                .map(move |line| format!("{} → {line}", statute.citation()))
        })
        .collect();
    if !later.is_empty() {
        law_rows.push(r.row(m.row_later, later));
    }
    let law = Section {
        heading: m.sec_law,
        rows: law_rows,
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
        penalty_rows.push(r.row(m.row_position, penalty_position(m, library, case)));
    }
    let thresholds = threshold_lines(m, library, case);
    if !thresholds.is_empty() {
        penalty_rows.push(r.row(m.row_threshold, thresholds));
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

/// How many linked cases a provision's sheet lists, per kind of link.
const LINKED_SHOWN: usize = 20;

/// A provision laid out for reading: its text, its penalty range in words and figures, its
/// thresholds, the cases linked to it, and — apart, labelled — the later law that now governs the
/// same conduct (or, for later law, the 2019 provisions it follows).
pub fn statute(m: &Catalog, library: &Library, statute: &Statute) -> Sheet {
    let r = Rows { m };
    let era = match statute.era {
        Era::Y2019 => m.era_2019,
        Era::Later => m.era_later,
    };
    let mut text_rows = vec![r.row(m.row_text, vec![statute.text.clone()])];
    if let Some(note) = &statute.text_note {
        text_rows.push(r.row(m.row_note, vec![note.clone()]));
    }
    text_rows.push(r.row(m.row_summary_en, vec![statute.summary_en.clone()]));
    text_rows.push(r.row(m.row_version, vec![statute.version.to_string()]));
    text_rows.push(r.opt(m.row_in_force, date(statute.in_force)));
    text_rows.push(r.row(m.row_era, vec![era.to_string()]));
    let mut sections = vec![Section {
        heading: m.sec_text,
        rows: text_rows,
    }];

    if let Some(range) = &statute.penalty {
        let mut rows = vec![r.opt(m.row_range, range.words.clone())];
        let pair = |p: &Option<Vec<u64>>, unit: fn(u64) -> String| {
            p.as_deref()
                .and_then(|p| Some(format!("{}–{}", unit(*p.first()?), unit(*p.last()?))))
        };
        let figures: Vec<String> = [
            (m.fig_fine_max, range.fine_max_yuan.map(yuan)),
            (m.fig_gains, pair(&range.gains_multiple, |n| n.to_string())),
            (m.fig_prison, range.prison_max_years.map(|y| y.to_string())),
            (m.fig_individual, pair(&range.individual_fine_yuan, yuan)),
            (m.fig_serious, range.serious_fine_max_yuan.map(yuan)),
            (
                m.fig_turnover,
                range.serious_turnover_percent.map(|p| format!("{p}%")),
            ),
        ]
        .into_iter()
        .filter_map(|(label, value)| Some(format!("{label}：{}", value?)))
        .chain(std::iter::once(
            range
                .measures
                .iter()
                .map(|k| term_label(library, VocabKind::Penalties, k))
                .collect::<Vec<_>>()
                .join("、"),
        ))
        .filter(|line| !line.is_empty())
        .collect();
        rows.push(r.row(m.row_figures, figures));
        if let Some(note) = &range.note {
            rows.push(r.row(m.row_note, vec![note.clone()]));
        }
        sections.push(Section {
            heading: m.sec_range,
            rows,
        });
    }

    if let Some(thresholds) = &statute.thresholds {
        let lines = thresholds
            .tiers
            .iter()
            .map(|tier| {
                let figure = match (tier.records, tier.gains_yuan) {
                    (Some(records), _) => format!("{} {}", thousands(records), m.records_unit),
                    (_, Some(gains)) => yuan(gains),
                    _ => String::new(),
                };
                if tier.kinds.is_empty() {
                    format!("{}：{figure}", tier.item)
                } else {
                    format!("{}：{figure}（{}）", tier.item, tier.kinds.join("、"))
                }
            })
            .collect();
        sections.push(Section {
            heading: m.sec_thresholds,
            rows: vec![r.row(m.row_threshold, lines)],
        });
    }

    // Numbered across both lists: in the browser, the number opens the case.
    let linked = law::linked_cases(library, &statute.id);
    // At most a screenful each: a provision of a large library may govern thousands of cases
    // (`casebook statute ID --json` lists them all).
    let case_lines = |list: &[usize], first: usize| -> Vec<String> {
        let mut lines: Vec<String> = list
            .iter()
            .take(LINKED_SHOWN)
            .enumerate()
            .map(|(n, &i)| {
                let case = &library.cases[i];
                format!("[{}] {} {}", first + n, case.id, case.party.name)
            })
            .collect();
        if list.len() > LINKED_SHOWN {
            let more = (list.len() - LINKED_SHOWN) as u64;
            lines.push(fill(m.more_cases, &[("n", thousands(more))]));
        }
        if lines.is_empty() {
            vec![m.none.to_string()]
        } else {
            lines
        }
    };
    sections.push(Section {
        heading: m.sec_linked,
        rows: vec![
            r.row(m.row_linked_stated, case_lines(&linked.stated, 1)),
            r.row(
                m.row_linked_governing,
                case_lines(&linked.governing, linked.stated.len().min(LINKED_SHOWN) + 1),
            ),
        ],
    });

    let today = match statute.era {
        Era::Y2019 => {
            let lines = later_law_lines(m, library, statute);
            r.row(
                m.row_later,
                if lines.is_empty() {
                    vec![m.none.to_string()]
                } else {
                    lines
                },
            )
        }
        Era::Later => {
            let earlier: Vec<String> = law::earlier_law(library, statute)
                .iter()
                .map(|s| format!("{} [{}]", s.citation(), s.id))
                .collect();
            r.row(
                m.row_earlier,
                if earlier.is_empty() {
                    vec![m.none.to_string()]
                } else {
                    earlier
                },
            )
        }
    };
    sections.push(Section {
        heading: m.sec_today,
        rows: vec![today],
    });

    Sheet {
        id: statute.id.clone(),
        title: format!("{} {}", statute.law, statute.article),
        title_en: Some(statute.heading_en.clone()),
        collection_line: format!(
            "{} · {} {} · {}",
            statute.citation(),
            m.row_version,
            statute.version,
            era
        ),
        sections,
    }
}
