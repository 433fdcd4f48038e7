//! The key facts of a case: the lines that decide it, read first — id and place in its list;
//! party · place · sector; the data; the violation; the provisions broken → the penalty's basis;
//! the penalty; the threshold comparison.

use crate::law;
use crate::library::{LawRole, VocabKind};
use crate::msg::fill;
use crate::text::thousands;

use super::case::Parts;
use super::position::{comparison_lines, penalty_position};
use super::{Section, yuan};

/// The facts that decide a case, one line each: id and place in its list; party · place ·
/// sector; the data; the violation; the provisions broken → the penalty's basis; the penalty;
/// the threshold comparison. Inferred values say so; unknown ones say "not stated".
pub(super) fn key_facts(p: &Parts) -> Section {
    let (m, case) = (p.m, p.case);
    let mark = |text: String, field: &str| match case.inferred_reason(field) {
        Some(_) => m.paren(&text, m.inferred),
        None => text,
    };
    let id = match case.position {
        Some(n) => format!(
            "{} · {}",
            case.id,
            fill(m.position, &[("n", n.to_string())])
        ),
        None => case.id.to_string(),
    };
    let zh = |kind: VocabKind, key: &str| m.term(p.library, kind, key);
    let mut place = vec![m.term(p.library, VocabKind::Provinces, &case.place.province)];
    place.extend(case.place.city.as_deref().map(str::to_string));
    let sector = case
        .sector
        .as_deref()
        .map_or(m.not_stated_short.to_string(), |s| {
            mark(zh(VocabKind::Sectors, s), "sector")
        });
    let party = format!("{} · {} · {sector}", case.party.name, place.join(" "));
    let rows = vec![
        p.r.row(m.row_kf_id, vec![id]),
        p.r.row(m.row_party, vec![party]),
        p.r.row(m.row_kf_data, vec![key_data(p)]),
        p.r.row(
            m.row_violations,
            case.violations
                .iter()
                .map(|v| zh(VocabKind::Violations, v))
                .reduce(|a, b| format!("{a}{}{b}", m.clause_sep))
                .map(|all| mark(all, "violations"))
                .into_iter()
                .collect(),
        ),
        p.r.row(m.row_kf_law, key_law(p).into_iter().collect()),
        p.r.row(m.row_penalty, key_penalty(p).into_iter().collect()),
    ];
    let mut rows = rows;
    if let Some(line) = key_threshold(p) {
        rows.push(p.r.row(m.row_threshold, vec![line]));
    }
    Section {
        heading: m.sec_key_facts,
        rows,
    }
}

/// `姓名、电话号码 · 1,537 条 · ¥286,179`: kinds and records, spelt out when not stated.
fn key_data(p: &Parts) -> String {
    let (m, case) = (p.m, p.case);
    let kinds = case
        .data_kinds
        .as_ref()
        .filter(|k| !k.is_empty())
        .map_or(m.kf_kinds_missing.to_string(), |k| k.join(m.list_sep));
    let records = case.records.map_or(m.kf_records_missing.to_string(), |n| {
        format!("{} {}", thousands(n), m.records_unit)
    });
    let mut parts = vec![kinds, records];
    // What the amount is (a sale price, a total involved) matters as much as the figure: the
    // note's Chinese part, or the row's own label where the case has no note.
    parts.extend(case.amount_yuan.map(|a| match &case.amount_note {
        Some(note) => m.paren(&yuan(a), m.note_part(note)),
        None => format!("{} {}", m.row_amount, yuan(a)),
    }));
    parts.join(" · ")
}

/// `违反 消法 第二十九条第二款 → 处罚依据 消法 第五十六条`, and the transfer's basis.
fn key_law(p: &Parts) -> Option<String> {
    let cites = |role: LawRole| -> Option<String> {
        let found: Vec<String> = p
            .case
            .law
            .iter()
            .filter(|l| l.role == role)
            .filter_map(|l| p.library.statute(&l.statute))
            .map(|s| match role {
                LawRole::Penalty => p.m.penalty_cite(s),
                _ => p.m.cite(s),
            })
            .collect();
        (!found.is_empty()).then(|| found.join(p.m.list_sep))
    };
    let m = p.m;
    let mut parts = Vec::new();
    let (violated, penalty) = (cites(LawRole::Violated), cites(LawRole::Penalty));
    // Each half reads whole when its provisions are missing ("penalty provision not stated"),
    // never "penalty under not stated".
    let halves = [
        violated.map(|v| fill(m.kf_violated, &[("violated", v)])),
        penalty.map(|p| fill(m.kf_penalty, &[("penalty", p)])),
    ];
    if halves.iter().any(Option::is_some) {
        let [violated, penalty] = halves;
        parts.push(format!(
            "{} → {}",
            violated.unwrap_or_else(|| m.kf_violated_missing.to_string()),
            penalty.unwrap_or_else(|| m.kf_penalty_missing.to_string())
        ));
    }
    if let Some(transfer) = cites(LawRole::Transfer) {
        parts.push(fill(m.kf_transfer, &[("transfer", transfer)]));
    }
    (!parts.is_empty()).then(|| parts.join(m.clause_sep))
}

/// `罚款 ¥50,000：… 上限 ¥500,000 的 1/10（10%）`: the penalties, and where a known fine sits.
fn key_penalty(p: &Parts) -> Option<String> {
    let (m, case) = (p.m, p.case);
    let given: Vec<String> = case
        .penalty
        .iter()
        .map(|penalty| {
            let label = m.term(p.library, VocabKind::Penalties, &penalty.kind);
            super::penalty_line(m, p.library, label, penalty)
        })
        .collect();
    if given.is_empty() {
        return None;
    }
    let mut line = given.join(m.list_sep);
    if case.penalty.iter().any(|p| p.decided_fine().is_some()) {
        let position = penalty_position(m, p.library, case);
        if let Some(first) = position.first().filter(|l| **l != m.position_unknown) {
            line.push_str(&format!(" — {first}"));
        }
    }
    Some(line)
}

/// The threshold comparison in one line, labelled: the records against the tier their kinds
/// name, or against every tier (`1,537 条：已达到 …（三）项 50 条、（四）项 500 条；未达到 …`).
fn key_threshold(p: &Parts) -> Option<String> {
    let (m, case) = (p.m, p.case);
    let (_, thresholds) = law::threshold_provision(p.library)?;
    let line = match (law::compare_records(thresholds, case), case.records) {
        (Some(compared), _) => comparison_lines(m, &compared, m.records_unit).remove(0),
        (None, Some(records)) => any_tier(p, thresholds, records),
        (None, None) => {
            let gains = case.illegal_gains_yuan?;
            let compared = law::compare_gains(thresholds, gains)?;
            comparison_lines(m, &compared, m.yuan_unit).remove(0)
        }
    };
    Some(format!("{line}{}", m.kf_not_a_finding))
}

/// Records whose kinds name no single tier, in one line that keeps each tier's condition: one
/// verdict when it holds whichever tier the data fall under, else `如属（三）项所列信息（…），已达到
/// 50 条；如属…` — never a bare "reached 50" for data that may not be of that tier.
fn any_tier(p: &Parts, thresholds: &crate::library::Thresholds, records: u64) -> String {
    let m = p.m;
    let tiers = law::record_tiers(thresholds, records);
    if tiers.iter().all(|(.., r)| *r) || tiers.iter().all(|(.., r)| !*r) {
        return super::position::any_tier_lines(m, thresholds, records).remove(0);
    }
    let prefix = common_prefix(tiers.iter().map(|(t, ..)| t.item.as_str()));
    let parts: Vec<String> = tiers
        .iter()
        .enumerate()
        .map(|(i, (tier, threshold, reached))| {
            // In Chinese the items after the first drop what they share (第五条第一款); in
            // English each is read whole (Art. 5(1)(4)).
            let item = match m.lang {
                crate::msg::Lang::Zh if i > 0 => tier.item[prefix..].to_string(),
                _ => m.article(&tier.item),
            };
            let what = tier
                .what
                .clone()
                .unwrap_or_else(|| tier.kinds.join(m.list_sep));
            fill(
                m.kf_if_tier,
                &[
                    ("if", m.paren(&item, &m.law_words(&what))),
                    (
                        "verdict",
                        if *reached { m.reached } else { m.not_reached }.to_string(),
                    ),
                    ("threshold", thousands(*threshold)),
                ],
            )
        })
        .collect();
    fill(
        m.kf_tiers,
        &[
            ("value", thousands(records)),
            ("reached", parts.join(m.clause_sep)),
        ],
    )
}

/// How many bytes all of `texts` share at their start, cut back to before its last `第`, so that
/// `第五条第一款第（三）项` and `第五条第一款第（四）项` share `第五条第一款`.
fn common_prefix<'a>(texts: impl Iterator<Item = &'a str> + Clone) -> usize {
    let Some(first) = texts.clone().next() else {
        return 0;
    };
    let mut end = 0;
    for (i, c) in first.char_indices() {
        let upto = i + c.len_utf8();
        if texts.clone().all(|t| t.get(..upto) == Some(&first[..upto])) {
            end = upto;
        } else {
            break;
        }
    }
    first[..end].rfind('第').unwrap_or(0)
}
