//! An assessment laid out for reading — the same sections for the command line (text or
//! Markdown) and the browser's result pane — and the text to paste into a 案件讨论 note or a
//! 答复意见, in Chinese with citations in the official form whatever the interface language.
//!
//! Why one file of over 500 lines: it is one layout — a function per section, in the order the
//! report reads, sharing the wording of ranges, levels and citations; split by section, each part
//! would need the others' helpers and the order would live nowhere.

use crate::law::{Level, Status};
use crate::library::{Library, RelationKind, VocabKind};
use crate::msg::assess::AssessCatalog;
use crate::msg::{Catalog, fill};
use crate::sheet::yuan;
use crate::text::thousands;

use super::criminal::{Applies, Row, RowLevel, Unit};
use super::facts::Gains;
use super::provisions::{Cited, Fine, FineWorking, Role};
use super::{Assessment, Mitigation};

/// One section: a title and its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    pub lines: Vec<String>,
}

/// The provisions the report numbers `[1]`…`[9]`, in the order it lists them (breached, penalty,
/// alongside, criminal), each once: in the browser, its digit opens the provision's text.
pub fn numbered<'l>(a: &Assessment<'l>) -> Vec<&'l crate::library::Statute> {
    let mut out: Vec<&crate::library::Statute> = Vec::new();
    for role in [Role::Breached, Role::Penalty, Role::Also, Role::Criminal] {
        for c in a.cited(role) {
            if out.len() < 9 && !out.iter().any(|s| s.id == c.statute.id) {
                out.push(c.statute);
            }
        }
    }
    out
}

/// Every section, in reading order.
pub fn sections(m: &Catalog, library: &Library, a: &Assessment) -> Vec<Section> {
    let t = m.assess;
    vec![
        Section {
            title: t.facts_title.to_string(),
            lines: facts(m, library, a),
        },
        Section {
            title: t.points_title.to_string(),
            lines: points(m, library, a),
        },
        Section {
            title: fill(t.breached_title, &[("date", a.facts.date.to_string())]),
            lines: breached(m, a),
        },
        Section {
            title: t.penalty_title.to_string(),
            lines: penalty(m, library, a),
        },
        Section {
            title: fill(t.mitigation_title, &[("today", a.today.to_string())]),
            lines: mitigation(m, a),
        },
        Section {
            title: t.criminal_title.to_string(),
            lines: criminal(m, library, a),
        },
        Section {
            title: t.practice_title.to_string(),
            lines: practice(m, library, a),
        },
        Section {
            title: t.paste_title.to_string(),
            lines: paste(library, a).lines().map(str::to_string).collect(),
        },
    ]
}

/// The sections as plain text, the disclaimer first.
pub fn plain(m: &Catalog, sections: &[Section]) -> String {
    render(m, sections, ["", "\n", "", "  "])
}

/// The sections as Markdown.
pub fn markdown(m: &Catalog, sections: &[Section]) -> String {
    render(m, sections, ["> ", "\n## ", "\n", "- "])
}

/// The disclaimer, then each section's title and lines, each with its marks: what goes before
/// the disclaimer, before a title, after a title's line, and before a line.
fn render(m: &Catalog, sections: &[Section], [quote, heading, gap, item]: [&str; 4]) -> String {
    let mut out = format!("{quote}{}\n", m.assess.disclaimer);
    for section in sections {
        out.push_str(&format!("{heading}{}\n{gap}", section.title));
        for line in &section.lines {
            out.push_str(&format!("{item}{line}\n"));
        }
    }
    out
}

fn label(m: &Catalog, library: &Library, kind: VocabKind, key: &str) -> String {
    m.term(library, kind, key)
}

fn yes_no(t: &AssessCatalog, value: bool) -> &'static str {
    if value { t.yes } else { t.no }
}

fn facts(m: &Catalog, library: &Library, a: &Assessment) -> Vec<String> {
    let t = m.assess;
    let f = &a.facts;
    let data = if f.data.is_empty() {
        t.not_entered.to_string()
    } else {
        f.data
            .iter()
            .map(|k| label(m, library, VocabKind::DataKinds, k))
            .collect::<Vec<_>>()
            .join(m.list_sep)
    };
    let records = f.records.map_or(t.not_entered.to_string(), |n| {
        fill(t.n_records, &[("n", thousands(n))])
    });
    let gains = match f.gains {
        Gains::NotStated => t.not_entered.to_string(),
        Gains::None => t.no_gains.to_string(),
        Gains::Yuan(g) => yuan(g),
    };
    let mut lines = vec![
        format!(
            "{}{}{}",
            t.field_conduct,
            m.assess.colon,
            label(m, library, VocabKind::Violations, &f.conduct)
        ),
        format!("{}{}{data}", t.field_data, t.colon),
    ];
    if let Some(sector) = &f.sector {
        lines.push(format!(
            "{}{}{}",
            t.field_sector,
            t.colon,
            label(m, library, VocabKind::Sectors, sector)
        ));
    }
    lines.extend([
        format!("{}{}{records}", t.field_records, t.colon),
        format!("{}{}{gains}", t.field_gains, t.colon),
        format!("{}{}{}", t.field_date, t.colon, f.date),
        format!(
            "{}{}{} · {}{}{} · {}{}{}",
            t.field_in_duty,
            t.colon,
            yes_no(t, f.in_duty),
            t.field_first,
            t.colon,
            yes_no(t, f.first_offence),
            t.field_corrected,
            t.colon,
            yes_no(t, f.corrected)
        ),
    ]);
    if let Some(id) = &f.from_case {
        lines.push(fill(t.from_case, &[("id", id.clone())]));
    }
    lines
}

/// The answers an officer on the phone needs first: what was breached, the fine, the transfer,
/// the closest precedent.
pub fn points(m: &Catalog, library: &Library, a: &Assessment) -> Vec<String> {
    let t = m.assess;
    let breached: Vec<&Cited> = a.cited(Role::Breached).collect();
    let mut lines = vec![match breached.as_slice() {
        [] => t.point_none.to_string(),
        [one] => fill(
            t.point_breached,
            &[("n", "1".to_string()), ("first", one.short(m))],
        ),
        [first, ..] => fill(
            t.point_breached_more,
            &[("n", breached.len().to_string()), ("first", first.short(m))],
        ),
    }];
    if let Some(fine) = &a.fine {
        lines.push(fill(
            t.point_fine,
            &[
                ("range", range(m, fine)),
                ("citation", m.penalty_cite(fine.statute)),
            ],
        ));
    } else {
        lines.push(t.no_penalty.to_string());
    }
    let answer = transfer_word(t, a.criminal.transfer);
    lines.push(fill(t.point_transfer, &[("answer", answer.to_string())]));
    if let Some(p) = a.precedents.first() {
        let case = &library.cases[p.case];
        let fine = case
            .penalty
            .iter()
            .find_map(|x| x.decided_fine())
            .map_or(t.fine_not_stated.to_string(), yuan);
        lines.push(fill(
            t.point_precedent,
            &[
                ("id", case.id.to_string()),
                ("party", case.party.name.to_string()),
                ("fine", fine),
            ],
        ));
    }
    lines
}

/// `消法 第二十九条第二款：“不得泄露……”（现行有效，2014-03-15 起施行）`.
fn cited_line(m: &Catalog, a: &Assessment, c: &Cited) -> String {
    let t = m.assess;
    let number = numbered(a)
        .iter()
        .position(|s| s.id == c.statute.id)
        .map(|i| format!("[{}] ", i + 1))
        .unwrap_or_default();
    let mut line = format!("{number}{}", c.short(m));
    if let Some(words) = &c.words {
        line.push_str(&fill(t.quoted, &[("words", words.clone())]));
    }
    if let Some(who) = &c.who {
        line.push_str(&fill(t.binds, &[("who", who.clone())]));
    }
    line.push_str(&fill(t.status_then, &[("status", standing(m, c))]));
    if !c.in_force_today && !matches!(c.status, Status::NotYet { .. }) {
        line.push_str(t.not_in_force_today);
    }
    line
}

/// Where a provision stood on the day its role is judged by, in words.
fn standing(m: &Catalog, c: &Cited) -> String {
    let t = m.assess;
    let day = ("day", c.on.to_string());
    match c.status {
        Status::InForce { since } => fill(
            t.then_in_force,
            &[
                day,
                ("since", since.map(|d| d.to_string()).unwrap_or_default()),
            ],
        ),
        Status::Unverified { confirmed } => fill(
            t.then_unverified,
            &[day, ("confirmed", confirmed.to_string())],
        ),
        Status::Unknown => fill(t.then_unknown, &[day]),
        Status::NotYet { from } => fill(t.then_not_yet, &[day, ("from", from.to_string())]),
        Status::Ceased { on, .. } => fill(t.then_ceased, &[day, ("on", on.to_string())]),
    }
}

fn reason(m: &Catalog, c: &Cited) -> Option<String> {
    let (zh, en) = c.reason.as_ref()?;
    let text = m.english_first(en.as_deref().unwrap_or(zh), Some(zh));
    let mark = if c.reading { m.assess.reading } else { "" };
    Some(fill(
        m.assess.because,
        &[("reason", text), ("mark", mark.to_string())],
    ))
}

fn breached(m: &Catalog, a: &Assessment) -> Vec<String> {
    let t = m.assess;
    let mut lines: Vec<String> = a
        .cited(Role::Breached)
        .map(|c| cited_line(m, a, c))
        .collect();
    if lines.is_empty() {
        lines.push(fill(t.none_breached, &[("date", a.facts.date.to_string())]));
    }
    for later in &a.later {
        lines.push(fill(
            t.later_law,
            &[
                ("citation", m.cite(later)),
                (
                    "from",
                    later.in_force.map(|d| d.to_string()).unwrap_or_default(),
                ),
            ],
        ));
    }
    lines
}

fn penalty(m: &Catalog, library: &Library, a: &Assessment) -> Vec<String> {
    let t = m.assess;
    let mut lines = Vec::new();
    let penalties: Vec<&Cited> = a.cited(Role::Penalty).collect();
    if penalties.is_empty() {
        lines.push(t.no_penalty.to_string());
    }
    for c in &penalties {
        let mut line = cited_line(m, a, c);
        if let Some(reason) = reason(m, c) {
            line.push_str(&reason);
        }
        lines.push(line);
    }
    if let Some(fine) = &a.fine {
        lines.push(fill(
            t.range_under,
            &[
                ("citation", m.penalty_cite(fine.statute)),
                ("range", range(m, fine)),
            ],
        ));
        if let Some(words) = fine.statute.penalty.as_ref().and_then(|p| p.words.as_ref()) {
            lines.push(fill(t.range_words, &[("words", words.clone())]));
        }
        // The other penalty provisions with figures: another authority's range, said as such.
        // A provision that only sends the breach to the fine's provision has no range of its own.
        let links_to_fine = |c: &Cited| {
            library.relations.iter().any(|r| {
                r.kind == RelationKind::RefersTo
                    && r.from == c.statute.id
                    && r.to == fine.statute.id
            })
        };
        for c in penalties
            .iter()
            .filter(|c| c.statute.id != fine.statute.id && !links_to_fine(c))
        {
            let other = super::provisions::fine(c.statute, a.facts.gains);
            if !matches!(other.working, FineWorking::NoAmounts) {
                let mut range = range(m, &other);
                if let Some(serious) = serious(m, c.statute) {
                    range.push_str(&serious);
                }
                lines.push(fill(
                    t.range_other,
                    &[("citation", m.penalty_cite(c.statute)), ("range", range)],
                ));
            }
        }
    }
    for c in a.cited(Role::Also) {
        let mut line = fill(t.also, &[("line", cited_line(m, a, c))]);
        if let Some(reason) = reason(m, c) {
            line.push_str(&reason);
        }
        lines.push(line);
    }
    lines
}

/// The templates a range is worded with: the report's, or the text to paste's.
struct RangeWords {
    multiple: &'static str,
    cap: &'static str,
    cap_only: &'static str,
    either: &'static str,
}

/// A range in words, with its working: `¥8,000 × 1 至 × 10 = ¥8,000 至 ¥80,000`.
pub fn range(m: &Catalog, fine: &Fine) -> String {
    let t = m.assess;
    let words = RangeWords {
        multiple: t.range_multiple,
        cap: t.range_cap,
        cap_only: t.range_cap_only,
        either: t.range_either,
    };
    worded(t, &words, fine)
}

/// A range for the text to paste, in sentences.
fn paste_range(t: &AssessCatalog, fine: &Fine) -> String {
    let words = RangeWords {
        multiple: t.paste_multiple,
        cap: t.paste_cap,
        cap_only: t.paste_cap_only,
        either: t.paste_either,
    };
    worded(t, &words, fine)
}

fn worded(t: &AssessCatalog, words: &RangeWords, fine: &Fine) -> String {
    match &fine.working {
        FineWorking::Multiple { gains, low, high } => fill(
            words.multiple,
            &[
                ("gains", yuan(*gains)),
                ("low", low.to_string()),
                ("high", high.to_string()),
                ("min", fine.min_yuan.map(yuan).unwrap_or_default()),
                ("max", fine.max_yuan.map(yuan).unwrap_or_default()),
            ],
        ),
        FineWorking::Cap {
            cap,
            condition,
            without_gains,
        } => {
            let template = if *without_gains {
                words.cap
            } else {
                words.cap_only
            };
            let range = fill(template, &[("cap", yuan(*cap))]);
            match condition {
                Some(condition) => fill(
                    t.range_condition,
                    &[("range", range), ("condition", condition.clone())],
                ),
                None => range,
            }
        }
        FineWorking::EitherWay { low, high, cap } => fill(
            words.either,
            &[
                ("low", low.to_string()),
                ("high", high.to_string()),
                ("cap", yuan(*cap)),
            ],
        ),
        FineWorking::NoAmounts => t.range_none.to_string(),
    }
}

/// A higher cap the provision sets in serious cases (个人信息保护法 第六十六条第二款), with its
/// condition, for a range line.
fn serious(m: &Catalog, statute: &crate::library::Statute) -> Option<String> {
    let p = statute.penalty.as_ref()?;
    let cap = p.serious_fine_max_yuan?;
    let turnover = p
        .serious_turnover_percent
        .map(|pc| fill(m.assess.serious_turnover, &[("percent", pc.to_string())]))
        .unwrap_or_default();
    Some(fill(
        m.assess.range_serious,
        &[("cap", yuan(cap)), ("turnover", turnover)],
    ))
}

fn mitigation(m: &Catalog, a: &Assessment) -> Vec<String> {
    let t = m.assess;
    let mut lines: Vec<String> = a.mitigation.iter().map(|x| mitigation_line(m, x)).collect();
    if a.cited(Role::Breached).next().is_none() {
        lines.push(t.no_penalty.to_string());
    } else if lines.is_empty() {
        lines.push(t.no_mitigation.to_string());
    }
    if let Some(x) = a.mitigation.iter().find(|x| x.after_conduct) {
        lines.push(fill(
            t.mitigation_after_conduct,
            &[(
                "from",
                x.statute
                    .in_force
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            )],
        ));
    }
    let mut via: Vec<String> = a
        .mitigation
        .iter()
        .flat_map(|x| x.via.iter().map(|s| m.cite(s)))
        .collect();
    via.dedup();
    if !via.is_empty() {
        lines.push(fill(t.mitigation_via, &[("via", via.join(m.list_sep))]));
    }
    lines
}

fn mitigation_line(m: &Catalog, x: &Mitigation) -> String {
    let t = m.assess;
    let conditions: Vec<String> = x
        .conditions
        .iter()
        .map(|c| {
            let mark = match c.met {
                Some(true) => t.met_yes,
                Some(false) => t.met_no,
                None => t.met_check,
            };
            format!("“{}”{mark}", c.words)
        })
        .collect();
    let joined = conditions.join(if x.any { t.or } else { t.and });
    let verdict = if x.possible {
        t.possible
    } else {
        t.not_on_facts
    };
    fill(
        t.mitigation_line,
        &[
            ("citation", m.cite(x.statute)),
            ("effect", x.effect.clone()),
            ("conditions", joined),
            ("verdict", verdict.to_string()),
        ],
    )
}

fn transfer_word(t: &AssessCatalog, transfer: super::Transfer) -> &'static str {
    match transfer {
        super::Transfer::Yes => t.transfer_yes,
        super::Transfer::Depends => t.transfer_depends,
        super::Transfer::No => t.transfer_no,
    }
}

fn level_word(t: &AssessCatalog, level: Level) -> &'static str {
    match level {
        Level::Below => t.level_below,
        Level::Serious => t.level_serious,
        Level::EspeciallySerious => t.level_especially,
    }
}

fn show(m: &Catalog, unit: Unit, n: u64) -> String {
    match unit {
        Unit::Records => fill(m.assess.n_records, &[("n", thousands(n))]),
        Unit::Yuan => yuan(n),
    }
}

fn row_line(m: &Catalog, library: &Library, row: &Row, in_duty: bool) -> String {
    let t = m.assess;
    let what = row.tier.what.clone().unwrap_or_default();
    let especially = row
        .especially
        .map(|e| fill(t.row_especially, &[("bar", show(m, row.unit, e))]))
        .unwrap_or_default();
    let level = match row.level {
        RowLevel::Level(l) => level_word(t, l).to_string(),
        RowLevel::DependsOnKind => fill(
            t.level_depends,
            &[("own", level_word(t, row.own).to_string())],
        ),
    };
    let applies = match row.applies {
        Applies::All | Applies::Some => {
            let kinds: Vec<String> = row
                .kinds
                .iter()
                .map(|(k, reading)| {
                    let name = label(m, library, VocabKind::DataKinds, k);
                    if *reading {
                        format!("{name}{}", t.reading)
                    } else {
                        name
                    }
                })
                .collect();
            fill(t.applies_kinds, &[("kinds", kinds.join(m.list_sep))])
        }
        Applies::IfKind => t.applies_if_kind.to_string(),
        Applies::Always => String::new(),
    };
    let duty = if in_duty { t.halved } else { "" };
    fill(
        t.row,
        &[
            ("item", m.article(&row.tier.item)),
            ("what", m.law_words(&what)),
            ("bar", show(m, row.unit, row.serious)),
            ("duty", duty.to_string()),
            ("especially", especially),
            ("value", show(m, row.unit, row.value)),
            ("level", level),
            ("applies", applies),
        ],
    )
}

fn criminal(m: &Catalog, library: &Library, a: &Assessment) -> Vec<String> {
    let t = m.assess;
    let c = &a.criminal;
    let Some((_, thresholds)) = c.thresholds else {
        return vec![t.no_thresholds.to_string()];
    };
    let acts = thresholds.acts.clone().unwrap_or_default();
    if !c.in_scope {
        return vec![fill(
            t.out_of_scope,
            &[
                (
                    "conduct",
                    label(m, library, VocabKind::Violations, &a.facts.conduct),
                ),
                ("acts", acts),
            ],
        )];
    }
    let mut lines = vec![fill(t.premise, &[("acts", acts)])];
    lines.extend(
        c.rows
            .iter()
            .map(|r| row_line(m, library, r, a.facts.in_duty)),
    );
    if c.rows.is_empty() {
        lines.push(t.no_figures.to_string());
    }
    if !c.unplaced.is_empty() {
        let kinds: Vec<String> = c
            .unplaced
            .iter()
            .map(|k| label(m, library, VocabKind::DataKinds, k))
            .collect();
        lines.push(fill(t.unplaced, &[("kinds", kinds.join(m.list_sep))]));
    }
    if let Some(from) = c.before_thresholds {
        lines.push(fill(t.before_thresholds, &[("from", from.to_string())]));
    }
    let transfer = transfer_word(t, c.transfer);
    let basis = c
        .provisions
        .last()
        .filter(|p| p.statute.penalty.is_none() && p.statute.thresholds.is_none())
        .map(|p| m.cite(p.statute))
        .unwrap_or_default();
    lines.push(fill(
        t.transfer,
        &[("answer", transfer.to_string()), ("basis", basis)],
    ));
    for p in &c.provisions {
        lines.push(cited_line(m, a, p));
    }
    lines
}

fn practice(m: &Catalog, library: &Library, a: &Assessment) -> Vec<String> {
    let t = m.assess;
    let mut lines = Vec::new();
    if let (Some(fine), Some(practice)) = (&a.fine, &a.practice) {
        match practice.range() {
            Some((low, high)) => lines.push(fill(
                t.practice_range,
                &[
                    ("citation", m.penalty_cite(fine.statute)),
                    ("n", practice.decided.len().to_string()),
                    ("low", yuan(low)),
                    ("high", yuan(high)),
                ],
            )),
            None => lines.push(fill(
                t.practice_none,
                &[("citation", m.penalty_cite(fine.statute))],
            )),
        }
    }
    if a.precedents.is_empty() {
        lines.push(t.no_precedents.to_string());
    }
    for (n, p) in a.precedents.iter().enumerate() {
        let case = &library.cases[p.case];
        let fine = case
            .penalty
            .iter()
            .find_map(|x| x.decided_fine())
            .map_or(t.fine_not_stated.to_string(), yuan);
        let shared: Vec<String> = p
            .shared
            .iter()
            .map(|s| shared_label(m, library, s))
            .collect();
        lines.push(fill(
            t.precedent,
            &[
                ("n", (n + 1).to_string()),
                ("id", case.id.to_string()),
                ("party", case.party.name.to_string()),
                ("fine", fine),
                ("shared", shared.join(m.list_sep)),
            ],
        ));
    }
    lines
}

fn shared_label(m: &Catalog, library: &Library, s: &crate::query::similar::Shared) -> String {
    use crate::query::similar::Shared;
    match s {
        Shared::Violation(k) => label(m, library, VocabKind::Violations, k),
        Shared::Provision(id) => library.statute(id).map_or(id.clone(), |s| m.cite(s)),
        Shared::Sector(k) => label(m, library, VocabKind::Sectors, k),
        Shared::DataKind(k) => label(m, library, VocabKind::DataKinds, k),
        Shared::Province(k) => label(m, library, VocabKind::Provinces, k),
    }
}

/// The text to paste: Chinese, citations in the official form, labelled as an aid.
pub fn paste(library: &Library, a: &Assessment) -> String {
    let zh = crate::msg::Lang::Zh.catalog();
    let t = zh.assess;
    let f = &a.facts;
    let conduct = library
        .vocab
        .term(VocabKind::Violations, &f.conduct)
        .map_or(f.conduct.clone(), |term| term.label.zh.clone());
    let mut out = format!("【{}】\n", t.disclaimer_short);
    let breached: Vec<String> = a
        .cited(Role::Breached)
        .map(|c| match &c.who {
            Some(who) => format!("{}{}", c.official(), fill(t.binds, &[("who", who.clone())])),
            None => c.official(),
        })
        .collect();
    if breached.is_empty() {
        out.push_str(&fill(
            t.paste_none,
            &[("date", f.date.to_string()), ("conduct", conduct)],
        ));
    } else {
        out.push_str(&fill(
            t.paste_breached,
            &[
                ("date", f.date.to_string()),
                ("conduct", conduct),
                ("citations", breached.join("、")),
            ],
        ));
    }
    out.push('\n');
    if let Some(fine) = &a.fine {
        let basis: Vec<String> = a
            .cited(Role::Penalty)
            .filter(|c| {
                c.statute.id == fine.statute.id
                    || library.relations.iter().any(|r| {
                        r.from == c.statute.id
                            && r.to == fine.statute.id
                            && r.kind == crate::library::RelationKind::RefersTo
                    })
            })
            .map(Cited::official)
            .collect();
        out.push_str(&fill(
            t.paste_fine,
            &[("basis", basis.join("、")), ("range", paste_range(t, fine))],
        ));
        out.push('\n');
    }
    let c = &a.criminal;
    if c.in_scope
        && let Some((statute, thresholds)) = c.thresholds
    {
        let reached: Vec<&Row> = c
            .rows
            .iter()
            .filter(|r| matches!(r.level, RowLevel::Level(l) if l >= Level::Serious))
            .collect();
        let answer = transfer_word(t, c.transfer);
        let items: Vec<String> = reached.iter().map(|r| r.tier.item.clone()).collect();
        let transfer = thresholds
            .transfer
            .as_deref()
            .and_then(|id| library.statute(id))
            .map(|s| s.official(&s.article))
            .unwrap_or_default();
        let acts = thresholds.acts.clone().unwrap_or_default();
        let line = if items.is_empty() {
            fill(
                t.paste_criminal_not,
                &[("answer", answer.to_string()), ("acts", acts)],
            )
        } else {
            // A kind placed in a tier by the library's reading keeps that label here too.
            let reading = if reached.iter().any(|r| r.kinds.iter().any(|(_, by)| *by)) {
                t.paste_tier_reading
            } else {
                ""
            };
            fill(
                t.paste_criminal,
                &[
                    ("thresholds", statute.official(&items.join("、"))),
                    ("acts", acts),
                    ("answer", answer.to_string()),
                    ("transfer", transfer),
                    ("reading", reading.to_string()),
                ],
            )
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}
