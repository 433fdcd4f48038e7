//! A provision's sheet, one function per section: its text, its penalty range in words and
//! figures, its thresholds, the cases linked to it, and the law today: its status on the day
//! casebook runs (or `--today`) and how it stands to other provisions (the relation table).

use crate::law;
use crate::library::{Library, PenaltyRange, Statute, Thresholds, VocabKind};
use crate::msg::{Catalog, fill};
use crate::text::thousands;

use super::{Rows, Section, Sheet, date, relation_lines, status_text, term_label, yuan};

/// How many linked cases a provision's sheet lists, per kind of link.
const LINKED_SHOWN: usize = 20;

/// Lays out one provision.
pub fn statute(m: &Catalog, library: &Library, statute: &Statute) -> Sheet {
    let r = Rows { m };
    let mut sections = vec![text(&r, library, statute)];
    if let Some(range) = &statute.penalty {
        sections.push(range_section(&r, library, range));
    }
    if let Some(thresholds) = &statute.thresholds {
        sections.push(thresholds_section(&r, thresholds));
    }
    sections.push(linked(&r, library, statute));
    let practice = law::practice::fines(library, &statute.id);
    if practice != law::practice::Practice::default() {
        sections.push(practice_section(&r, library, &practice));
    }
    sections.push(today(&r, library, statute));
    Sheet {
        id: statute.id.clone(),
        // The law and article in the interface language, the provision's heading under it.
        title: match m.lang {
            crate::msg::Lang::Zh => format!("{} {}", statute.law, statute.article),
            crate::msg::Lang::En => statute.official_en(&statute.article),
        },
        title_en: Some(m.heading(statute).to_string()),
        cite_as: m.official(statute, &statute.article),
        key_facts: None,
        collection_line: format!(
            "{} · {} {} · {} {}",
            m.cite(statute),
            m.row_version,
            statute.version,
            m.row_status,
            today_status(m, library, statute)
        ),
        sections,
    }
}

/// `2026-12-05：现行有效，2014-03-15 起施行`: the provision's status on the library's today.
fn today_status(m: &Catalog, library: &Library, statute: &Statute) -> String {
    let today = library.today();
    format!(
        "{today}{}{}",
        m.colon,
        status_text(m, law::status_on(statute, today))
    )
}

/// The official text, its note, the English summary, version, in-force date and status today.
fn text(r: &Rows, library: &Library, statute: &Statute) -> Section {
    let m = r.m;
    let mut rows = vec![r.row(m.row_text, vec![statute.text.clone()])];
    if let Some(note) = &statute.text_note {
        let note = m.english_first(note, statute.text_note_zh.as_deref());
        rows.push(r.row(m.row_note, vec![note]));
    }
    rows.push(r.row(m.law_gloss, vec![statute.summary_en.clone()]));
    rows.push(r.row(m.row_version, vec![statute.version.to_string()]));
    rows.push(r.opt(m.row_in_force, date(statute.in_force)));
    rows.push(r.row(m.row_status, vec![today_status(m, library, statute)]));
    if let Some(note) = &statute.status_note {
        let note = m.english_first(note, statute.status_note_zh.as_deref());
        rows.push(r.row(m.row_note, vec![note]));
    }
    Section {
        heading: m.sec_text,
        rows,
    }
}

/// The penalty range in the law's words, then as figures and measures.
fn range_section(r: &Rows, library: &Library, range: &PenaltyRange) -> Section {
    let m = r.m;
    let mut rows = vec![r.opt(m.row_range, range.words.clone())];
    let pair = |p: &Option<Vec<u64>>, unit: fn(u64) -> String| {
        p.as_deref()
            .and_then(|p| Some(format!("{}–{}", unit(*p.first()?), unit(*p.last()?))))
    };
    // A cap the text sets on a condition (拒不改正的) is labelled with it, never as the cap
    // "without illegal gains".
    let fine_max_label = match &range.fine_condition {
        Some(condition) => fill(
            m.fig_fine_max_if,
            &[(
                "condition",
                m.content(condition, range.fine_condition_en.as_deref()),
            )],
        ),
        None => m.fig_fine_max.to_string(),
    };
    let figures: Vec<String> = [
        (fine_max_label.as_str(), range.fine_max_yuan.map(yuan)),
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
    .filter_map(|(label, value)| Some(format!("{label}{}{}", m.colon, value?)))
    .chain(std::iter::once(
        range
            .measures
            .iter()
            .map(|k| term_label(m, library, VocabKind::Penalties, k))
            .collect::<Vec<_>>()
            .join(m.list_sep),
    ))
    .filter(|line| !line.is_empty())
    .collect();
    rows.push(r.row(m.row_figures, figures));
    if let Some(note) = &range.note {
        let note = m.english_first(note, range.note_zh.as_deref());
        rows.push(r.row(m.row_note, vec![note]));
    }
    Section {
        heading: m.sec_range,
        rows,
    }
}

/// The criminal thresholds, one line a tier: the item, the figure, the kinds of information.
fn thresholds_section(r: &Rows, thresholds: &Thresholds) -> Section {
    let m = r.m;
    let lines = thresholds
        .tiers
        .iter()
        .map(|tier| {
            let figure = match (tier.records, tier.gains_yuan) {
                (Some(records), _) => format!("{} {}", thousands(records), m.records_unit),
                (_, Some(gains)) => yuan(gains),
                _ => String::new(),
            };
            // What the tier covers in the interpretation's own words, catch-all included
            // (…交易信息等其他可能影响人身、财产安全的公民个人信息), else the kinds it names.
            let what = tier
                .what
                .clone()
                .unwrap_or_else(|| tier.kinds.join(m.list_sep));
            if what.is_empty() {
                format!("{}{}{figure}", tier.item, m.colon)
            } else {
                m.paren(&format!("{}{}{figure}", tier.item, m.colon), &what)
            }
        })
        .collect();
    Section {
        heading: m.sec_thresholds,
        rows: vec![r.row(m.row_threshold, lines)],
    }
}

/// The linked cases, numbered across both lists (in the browser the number opens the case), at
/// most a screenful of each: a provision of a large library may govern thousands of cases
/// (`casebook statute ID --json` lists them all).
fn linked(r: &Rows, library: &Library, statute: &Statute) -> Section {
    let m = r.m;
    let linked = law::linked_cases(library, &statute.id);
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
        or_none(m, lines)
    };
    let governing_first = linked.stated.len().min(LINKED_SHOWN) + 1;
    Section {
        heading: m.sec_linked,
        rows: vec![
            r.row(m.row_linked_stated, case_lines(&linked.stated, 1)),
            r.row(
                m.row_linked_governing,
                case_lines(&linked.governing, governing_first),
            ),
        ],
    }
}

/// Fines in practice: the range of the fines the library's cases decided under the provision,
/// each decision on a line (amount, party, date, illegal gains, how the link is known), and the
/// fines kept apart (proposed, or shared with another violation).
fn practice_section(r: &Rows, library: &Library, practice: &law::practice::Practice) -> Section {
    use law::practice::Gains;
    let m = r.m;
    let mut rows = Vec::new();
    if let Some((low, high)) = practice.range() {
        let summary = fill(
            m.practice_range,
            &[
                ("n", practice.decided.len().to_string()),
                ("low", yuan(low)),
                ("high", yuan(high)),
            ],
        );
        rows.push(r.row(
            m.row_practice_range,
            vec![summary, m.practice_note.to_string()],
        ));
    }
    let lines: Vec<String> = practice
        .decided
        .iter()
        .map(|d| {
            let case = &library.cases[d.case];
            let date = d
                .decided
                .map_or(m.decided_not_stated.to_string(), |d| d.to_string());
            let gains = match d.gains {
                Gains::Amount(0) => m.practice_no_gains.to_string(),
                Gains::Amount(yuan_) => fill(m.practice_gains, &[("gains", yuan(yuan_))]),
                Gains::Explained => m.practice_gains_explained.to_string(),
                Gains::NotStated => m.practice_gains_not_stated.to_string(),
            };
            let basis = match d.basis {
                crate::library::Basis::Stated => m.basis_stated,
                crate::library::Basis::Governing => m.basis_governing,
            };
            format!(
                "{} {} · {date} · {gains} · {basis} [{}]",
                yuan(d.amount_yuan),
                case.party.name,
                case.id
            )
        })
        .collect();
    rows.push(r.row(m.row_practice_decided, or_none(m, lines)));
    if !practice.apart.is_empty() {
        let apart = practice
            .apart
            .iter()
            .map(|a| {
                let case = &library.cases[a.case];
                let why = match (&a.combined, a.proposed) {
                    (Some(what), _) => fill(m.penalty_combined, &[("what", what.clone())]),
                    (None, true) => m.penalty_proposed.to_string(),
                    (None, false) => String::new(),
                };
                format!(
                    "{} {}{why} [{}]",
                    yuan(a.amount_yuan),
                    case.party.name,
                    case.id
                )
            })
            .collect();
        rows.push(r.row(m.row_practice_apart, apart));
    }
    Section {
        heading: m.sec_practice,
        rows,
    }
}

/// The law today: the provision's status on the day casebook runs, and every relation it takes
/// part in (implemented by, applies alongside, renumbered as, repealed by…), each with its reason.
fn today(r: &Rows, library: &Library, statute: &Statute) -> Section {
    let m = r.m;
    Section {
        heading: m.sec_today,
        rows: vec![
            r.row(m.row_status, vec![today_status(m, library, statute)]),
            r.row(
                m.row_relations,
                or_none(m, relation_lines(m, library, statute, false)),
            ),
        ],
    }
}

/// The lines, or the catalog's "none" when there are none (an empty list is a fact here, not an
/// unknown).
fn or_none(m: &Catalog, lines: Vec<String>) -> Vec<String> {
    if lines.is_empty() {
        vec![m.none.to_string()]
    } else {
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{LoadOptions, load};
    use crate::msg::ZH;

    fn sections_of(id: &str) -> Vec<Section> {
        let library = load(&LoadOptions::default()).unwrap();
        let provision = library.statute(id).unwrap();
        statute(&ZH, &library, provision).sections
    }

    #[test]
    fn a_penalty_provision_has_its_range_and_later_law() {
        let sections = sections_of("cprl-56");
        let headings: Vec<&str> = sections.iter().map(|s| s.heading).collect();
        assert_eq!(
            headings,
            [
                ZH.sec_text,
                ZH.sec_range,
                ZH.sec_linked,
                ZH.sec_practice,
                ZH.sec_today
            ]
        );
        let figures = &sections[1].rows[1];
        assert!(
            figures.lines.iter().any(|l| l.contains("¥500,000")),
            "{figures:?}"
        );
        let practice = &sections[3].rows[0].lines;
        assert!(
            practice[0].contains("¥3,000") && practice[0].contains("¥500,000"),
            "{practice:?}"
        );
        let relations = &sections[4].rows[1].lines;
        assert!(
            relations
                .iter()
                .any(|l| l.contains("个人信息保护法 第六十六条")),
            "{relations:?}"
        );
    }

    #[test]
    fn the_judicial_interpretation_lists_its_thresholds() {
        let sections = sections_of("spc-2017-10");
        let thresholds = sections
            .iter()
            .find(|s| s.heading == ZH.sec_thresholds)
            .unwrap();
        assert!(thresholds.rows[0].lines.iter().any(|l| l.contains("5,000")));
    }

    #[test]
    fn relations_are_shown_from_both_ends() {
        let sections = sections_of("pipl-66");
        let today = sections.last().unwrap();
        assert_eq!(today.rows[1].label, ZH.row_relations);
        assert!(
            today.rows[1]
                .lines
                .iter()
                .any(|l| l.starts_with("并行适用：消法 第五十六条")),
            "{:?}",
            today.rows[1].lines
        );
    }
}
