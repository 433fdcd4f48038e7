//! 刑事门槛 — does the conduct reach 法释〔2017〕10号's thresholds: from a case whose data kinds all
//! fall in one tier (or whose illegal gains are stated), otherwise from an exercise assumption
//! ("620 records of 征信信息"), and once with information obtained in the course of a service.

use crate::law::{self, ThresholdComparison};
use crate::library::{Case, Statute, ThresholdTier, Thresholds};
use crate::msg::fill;
use crate::rng::Rng;
use crate::text::thousands;

use super::{Draw, Partial, Step, yuan};
use crate::training::exercise::{Choice, Exercise};

/// Counts an exercise may assume, as fifths of a threshold: below, above, well above, ten times.
const FIFTHS: [u64; 4] = [3, 8, 20, 60];

pub(super) fn exercises(d: &Draw) -> Vec<Exercise> {
    let Some((statute, thresholds)) = law::threshold_provision(d.library) else {
        return Vec::new();
    };
    if !d.statutes().any(|s| s.id == statute.id) {
        return Vec::new();
    }
    let mut out: Vec<Exercise> = d
        .cases()
        .filter_map(|case| for_case(d, statute, thresholds, case))
        .collect();
    for (index, tier) in thresholds.tiers.iter().enumerate() {
        out.push(assumed(d, statute, thresholds, index, tier, false));
    }
    if thresholds.duty_divisor.is_some()
        && let Some(index) = thresholds.tiers.iter().position(|t| t.records.is_some())
    {
        out.push(assumed(
            d,
            statute,
            thresholds,
            index,
            &thresholds.tiers[index],
            true,
        ));
    }
    out
}

/// A case whose figures the data let compare: records of kinds one tier names, or stated gains.
fn for_case(d: &Draw, statute: &Statute, thresholds: &Thresholds, case: &Case) -> Option<Exercise> {
    let t = d.t;
    let (compared, unit, what) = match law::compare_records(thresholds, case) {
        Some(c) => {
            let tier = thresholds.tiers.iter().find(|tier| tier.item == c.item)?;
            (c, Unit::Records, tier.what.clone())
        }
        None => {
            let c = law::compare_gains(thresholds, case.illegal_gains_yuan?)?;
            (c, Unit::Yuan, None)
        }
    };
    let id = format!("case:{}/threshold/{}", case.id, statute.id);
    let partial = d
        .exercise(
            id,
            Step::Threshold,
            Some(case),
            t.q_threshold_case.to_string(),
        )
        .assume(t.assume_not_in_duty.to_string());
    Some(levels(d, partial, statute, &compared, unit, what, false))
}

/// An assumed count (or amount) against one tier, drawn by the seed; `in_duty`: the information
/// was obtained in the course of a service, so the thresholds are divided.
fn assumed(
    d: &Draw,
    statute: &Statute,
    thresholds: &Thresholds,
    index: usize,
    tier: &ThresholdTier,
    in_duty: bool,
) -> Exercise {
    let t = d.t;
    let variant = if in_duty {
        "duty".to_string()
    } else {
        format!("tier{}", index + 1)
    };
    let id = format!("statute:{}/threshold/{variant}", statute.id);
    let mut rng = d.rng(&id);
    let (threshold, unit) = match (tier.records, tier.gains_yuan) {
        (Some(records), _) => (records, Unit::Records),
        (None, Some(gains)) => (gains, Unit::Yuan),
        (None, None) => unreachable!("a tier sets records or gains (checked on load)"),
    };
    let divisor = if in_duty {
        thresholds.duty_divisor.unwrap_or(1).max(1)
    } else {
        1
    };
    let value = threshold * FIFTHS[rng.below(FIFTHS.len())] / 5 / divisor;
    let compared = ThresholdComparison {
        item: tier.item.clone(),
        value,
        threshold,
        in_duty: Some(threshold.div_ceil(divisor)),
        especially_serious: thresholds
            .especially_serious_multiple
            .map(|m| threshold * m),
    };
    let what = what_of(tier, &mut rng);
    let assumption = match (unit, in_duty) {
        (Unit::Yuan, _) => fill(t.assume_crime_gains, &[("gains", yuan(value))]),
        (Unit::Records, false) => fill(
            t.assume_records,
            &[("n", thousands(value)), ("what", what.clone())],
        ),
        (Unit::Records, true) => fill(
            t.assume_records_duty,
            &[("n", thousands(value)), ("what", what.clone())],
        ),
    };
    let partial = d
        .exercise(id, Step::Threshold, None, t.q_threshold.to_string())
        .assume(assumption);
    levels(
        d,
        partial,
        statute,
        &compared,
        unit,
        tier.what.clone(),
        in_duty,
    )
}

/// The kind an assumed count is of: one the tier names, drawn by the seed, else its words.
fn what_of(tier: &ThresholdTier, rng: &mut Rng) -> String {
    if tier.kinds.is_empty() {
        tier.what.clone().unwrap_or_default()
    } else {
        tier.kinds[rng.below(tier.kinds.len())].clone()
    }
}

#[derive(Clone, Copy)]
enum Unit {
    Records,
    Yuan,
}

impl Unit {
    fn show(self, d: &Draw, n: u64) -> String {
        match self {
            Unit::Records => fill(d.t.n_records, &[("n", thousands(n))]),
            Unit::Yuan => yuan(n),
        }
    }
}

/// The three-way question: below, 情节严重, 情节特别严重 — with why each wrong level is wrong.
fn levels(
    d: &Draw,
    partial: Partial,
    statute: &Statute,
    c: &ThresholdComparison,
    unit: Unit,
    what: Option<String>,
    in_duty: bool,
) -> Exercise {
    let t = d.t;
    let serious = if in_duty {
        c.in_duty.unwrap_or(c.threshold)
    } else {
        c.threshold
    };
    // 情节特别严重 is "ten times the standards of items (三) to (八)": in duty, ten times the
    // halved standard of item (八).
    let especially = c
        .especially_serious
        .map(|e| serious * (e / c.threshold.max(1)));
    let n = c.value;
    let level = match especially {
        Some(e) if n >= e => 2,
        _ if n >= serious => 1,
        _ => 0,
    };
    let show = |v| unit.show(d, v);
    let labels = [t.level_below, t.level_serious, t.level_especially];
    let bar = |lvl: usize| {
        if lvl == 2 {
            especially.unwrap_or(u64::MAX)
        } else {
            serious
        }
    };
    let why = |option: usize| -> String {
        // A level too low: the count reaches the next bar; too high: it misses this one.
        let (template, next) = if option < level {
            (t.why_reaches, option + 1)
        } else {
            (t.why_misses, option)
        };
        fill(
            template,
            &[
                ("n", show(n)),
                ("level", labels[next].to_string()),
                ("bar", show(bar(next))),
            ],
        )
    };
    let wrong: Vec<Choice> = (0..3)
        .filter(|&o| o != level && (o < 2 || especially.is_some()))
        .map(|o| Choice {
            text: labels[o].to_string(),
            why_wrong: Some(why(o)),
        })
        .collect();
    // The levels read best in their own order, so they are not shuffled.
    let mut options = wrong;
    options.insert(
        level.min(options.len()),
        Choice {
            text: labels[level].to_string(),
            why_wrong: None,
        },
    );
    let right = options
        .iter()
        .position(|o| o.why_wrong.is_none())
        .unwrap_or(0);
    let explanation = fill(
        if in_duty {
            t.explain_threshold_duty
        } else {
            t.explain_threshold
        },
        &[
            ("item", c.item.clone()),
            ("what", what.clone().unwrap_or_default()),
            ("serious", show(serious)),
            (
                "especially",
                especially.map(show).unwrap_or_else(|| "—".to_string()),
            ),
            ("n", show(n)),
            ("level", labels[level].to_string()),
        ],
    );
    partial.finish(
        crate::training::exercise::Answer::Choice { options, right },
        explanation,
        statute,
        what.into_iter().collect(),
    )
}
