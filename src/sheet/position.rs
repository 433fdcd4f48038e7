//! Where a case stands against the law's figures: a known fine in the range of its penalty
//! provisions, and its records and illegal gains against the criminal thresholds — labelled as
//! comparisons, not legal findings.

use crate::law;
use crate::library::{Case, LawRole, Library, Statute, ThresholdTier, Thresholds};
use crate::msg::{Catalog, fill};
use crate::text::thousands;

use super::yuan;

/// Where each fine of a case sits in the range of its penalty provisions; "not stated" when the
/// source gives no amount.
pub(super) fn penalty_position(m: &Catalog, library: &Library, case: &Case) -> Vec<String> {
    let ranges: Vec<(&Statute, &crate::library::PenaltyRange)> = case
        .law
        .iter()
        .filter(|l| l.role == LawRole::Penalty)
        .filter_map(|l| library.statute(&l.statute))
        .filter_map(|s| Some((s, s.penalty.as_ref()?)))
        .collect();
    let mut lines = Vec::new();
    let gains = case.illegal_gains_yuan.filter(|&g| g > 0);
    // Only a fine sits in a fine's range: a confiscation or a criminal 罚金 does not.
    // A proposed fine, or one shared with another violation, is not placed.
    for amount in case.penalty.iter().filter_map(|p| p.decided_fine()) {
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
                        ("times", multiple.times_against(*low, *high)),
                        ("citation", m.penalty_cite(statute)),
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
                lines.push(format!("{}{}{}", yuan(amount), m.colon, m.position_over));
                continue;
            }
            let fraction = match share.simple_fraction() {
                Some(fraction) => m.paren(&fraction, &share.percent()),
                None => share.percent(),
            };
            lines.push(fill(
                m.position_line,
                &[
                    ("amount", yuan(amount)),
                    ("citation", m.penalty_cite(statute)),
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
        let kept_apart = case
            .penalty
            .iter()
            .any(|p| p.amount_yuan.is_some() && (p.proposed || p.combined.is_some()));
        lines.push(if kept_apart {
            m.position_apart.to_string()
        } else {
            m.position_unknown.to_string()
        });
    }
    lines
}

/// How the case's figures compare with the criminal thresholds, labelled as no legal finding.
/// Records are compared with the tier their data kinds name; where the kinds name no single tier,
/// with every record tier, saying what holds whichever the data fall under. Nothing where the
/// source gives no figure.
pub(super) fn threshold_lines(m: &Catalog, library: &Library, case: &Case) -> Vec<String> {
    let Some((_, thresholds)) = law::threshold_provision(library) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    match (law::compare_records(thresholds, case), case.records) {
        (Some(compared), _) => lines.extend(comparison_lines(m, &compared, m.records_unit)),
        (None, Some(records)) => lines.extend(any_tier_lines(m, thresholds, records)),
        (None, None) => {}
    }
    if let Some(compared) = case
        .illegal_gains_yuan
        .and_then(|gains| law::compare_gains(thresholds, gains))
    {
        lines.extend(comparison_lines(m, &compared, m.yuan_unit));
    }
    if !lines.is_empty() {
        lines.insert(0, m.threshold_disclaimer.to_string());
    }
    lines
}

/// One figure against the one tier that applies: the tier, half for information obtained in
/// duty, ten times for 情节特别严重.
pub(super) fn comparison_lines(
    m: &Catalog,
    compared: &law::ThresholdComparison,
    unit: &str,
) -> Vec<String> {
    let verdict = |reached: bool| if reached { m.reached } else { m.not_reached }.to_string();
    let mut lines = vec![fill(
        m.threshold_line,
        &[
            ("value", thousands(compared.value)),
            ("unit", unit.to_string()),
            ("item", m.article(&compared.item)),
            ("threshold", thousands(compared.threshold)),
            ("verdict", verdict(compared.reached())),
        ],
    )];
    let item = |item: &Option<String>| item.as_deref().map(|i| m.article(i)).unwrap_or_default();
    if let Some(half) = compared.in_duty {
        lines.push(fill(
            m.threshold_in_duty,
            &[
                ("threshold", thousands(half)),
                ("verdict", verdict(compared.reached_in_duty())),
                ("item", item(&compared.duty_item)),
            ],
        ));
    }
    if let Some(tenfold) = compared.especially_serious {
        lines.push(fill(
            m.threshold_especially,
            &[
                ("threshold", thousands(tenfold)),
                ("verdict", verdict(compared.especially_serious_reached())),
                ("item", item(&compared.especially_serious_item)),
            ],
        ));
    }
    lines
}

/// A count of records whose kinds name no single tier, against every record tier: one line when
/// it reaches all of them or none (it holds either way), else one line per tier, conditional on
/// the data falling under it.
pub(super) fn any_tier_lines(m: &Catalog, thresholds: &Thresholds, records: u64) -> Vec<String> {
    let tiers = law::record_tiers(thresholds, records);
    let items: Vec<String> = tiers
        .iter()
        .map(|(tier, ..)| m.article(&tier.item))
        .collect();
    let line = |template: &str, tier: &ThresholdTier, threshold: u64| {
        let what = tier
            .what
            .clone()
            .unwrap_or_else(|| tier.kinds.join(m.list_sep));
        fill(
            template,
            &[
                ("value", thousands(records)),
                ("threshold", thousands(threshold)),
                ("item", m.article(&tier.item)),
                ("what", m.law_words(&what)),
                ("items", items.join(m.list_sep)),
            ],
        )
    };
    let highest = tiers.iter().max_by_key(|(_, threshold, _)| *threshold);
    let lowest = tiers.iter().min_by_key(|(_, threshold, _)| *threshold);
    match (highest, lowest) {
        (Some((tier, threshold, true)), _) => vec![line(m.threshold_any_reached, tier, *threshold)],
        (_, Some((tier, threshold, false))) => vec![line(m.threshold_any_short, tier, *threshold)],
        _ => tiers
            .iter()
            .map(|(tier, threshold, reached)| {
                let template = if *reached {
                    m.threshold_if_reached
                } else {
                    m.threshold_if_not
                };
                line(template, tier, *threshold)
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{LoadOptions, load};
    use crate::msg::ZH;

    /// Records whose kinds name no single tier: what holds whichever tier the data fall under,
    /// at, below and above each tier (50, 500, 5,000).
    #[test]
    fn threshold_wording_for_kinds_no_tier_names() {
        let library = load(&LoadOptions::default()).unwrap();
        let (_, thresholds) = law::threshold_provision(&library).unwrap();
        let lines = |records| any_tier_lines(&ZH, thresholds, records);
        for records in [5000, 12_716] {
            let found = lines(records);
            assert_eq!(found.len(), 1, "{found:?}");
            assert!(
                found[0].contains("达到 5,000 条（第五条第一款第（五）项"),
                "{found:?}"
            );
            assert!(
                found[0].contains("均达到「情节严重」的数量标准"),
                "{found:?}"
            );
        }
        for records in [0, 49] {
            let found = lines(records);
            assert_eq!(found.len(), 1, "{found:?}");
            assert!(
                found[0].contains("未达 50 条（第五条第一款第（三）项"),
                "{found:?}"
            );
            assert!(found[0].contains("均未达到数量标准"), "{found:?}");
        }
        let found = lines(1_537);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[0]
                .starts_with("1,537 条达到 50 条（第五条第一款第（三）项），如数据属行踪轨迹信息")
        );
        assert!(found[1].starts_with("1,537 条达到 500 条（第五条第一款第（四）项），如数据属住宿信息、通信记录、健康生理信息、交易信息等其他可能影响人身、财产安全的公民个人信息"));
        assert!(found[2].starts_with(
            "1,537 条未达 5,000 条（第五条第一款第（五）项：第三项、第四项规定以外的公民个人信息）"
        ));
        for (records, reached) in [(50, 1), (499, 1), (500, 2), (4_999, 2)] {
            let found = lines(records);
            let count = found
                .iter()
                .filter(|l| l.contains("达到") && !l.contains("未达"))
                .count();
            assert_eq!(count, reached, "{records}: {found:?}");
        }
    }

    /// Latent: a fine a hair above ten times the gains reads as what it is, never "10 倍 — 在幅度外".
    #[test]
    fn a_multiple_is_never_rounded_onto_its_bound() {
        let mut library = load(&LoadOptions::default()).unwrap();
        let case = library
            .cases
            .iter_mut()
            .find(|c| c.id == "nanning-fangduoduo")
            .unwrap();
        case.illegal_gains_yuan = Some(10_000);
        case.penalty = vec![crate::library::Penalty {
            kind: "fine".into(),
            amount_yuan: Some(100_400),
            note: None,
            proposed: false,
            combined: None,
        }]
        .into();
        let case = library.case("nanning-fangduoduo").unwrap();
        let lines = penalty_position(&ZH, &library, case);
        assert!(
            lines
                .iter()
                .any(|l| l.contains("10.04 倍") && l.ends_with(ZH.outside)),
            "{lines:?}"
        );
        assert!(lines.iter().all(|l| !l.contains(" 10 倍")), "{lines:?}");
    }
}
