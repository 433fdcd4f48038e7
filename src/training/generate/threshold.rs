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

/// A case whose figures the data let compare: records of kinds one tier names, and stated gains —
/// both where both are stated, the higher level deciding (第五条 lists them as alternatives).
fn for_case(d: &Draw, statute: &Statute, thresholds: &Thresholds, case: &Case) -> Option<Exercise> {
    let t = d.t;
    let mut figures = Vec::new();
    if let Some(c) = law::compare_records(thresholds, case) {
        let tier = thresholds.tiers.iter().find(|tier| tier.item == c.item)?;
        figures.push(Figure {
            compared: c,
            unit: Unit::Records,
            what: tier.what.clone(),
            thresholds,
        });
    }
    if let Some(c) = case
        .illegal_gains_yuan
        .and_then(|gains| law::compare_gains(thresholds, gains))
    {
        let what = thresholds
            .tiers
            .iter()
            .find(|tier| tier.item == c.item)
            .and_then(|tier| tier.what.clone());
        figures.push(Figure {
            compared: c,
            unit: Unit::Yuan,
            what,
            thresholds,
        });
    }
    if figures.is_empty() || count_could_decide(thresholds, case, &figures) {
        return None;
    }
    let id = format!("case:{}/threshold/{}", case.id, statute.id);
    let partial = d
        .exercise(
            id,
            Step::Threshold,
            Some(case),
            t.q_threshold_case.to_string(),
        )
        .assume(t.assume_not_in_duty.to_string());
    Some(levels(d, partial, statute, &figures, false))
}

/// Whether the case states a count whose kinds no single tier names (so it was not compared) that
/// could reach a higher level under some tier than the figures compared show: then "on the
/// count or amount alone" has no one answer, and the case gives no exercise. 431,623 face photos
/// with no illegal gains is not "below 情节严重".
fn count_could_decide(thresholds: &Thresholds, case: &Case, figures: &[Figure]) -> bool {
    let Some(records) = case.records else {
        return false;
    };
    if figures.iter().any(|f| matches!(f.unit, Unit::Records)) {
        return false;
    }
    let shown = figures.iter().map(|f| f.level(false)).max().unwrap_or(0);
    law::record_tiers(thresholds, records)
        .into_iter()
        .any(|(_, threshold, _)| {
            law::level(records, law::bars(thresholds, threshold, false)) as usize > shown
        })
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
        duty_item: thresholds.duty_item.clone(),
        especially_serious_item: thresholds.especially_serious_item.clone(),
    };
    let what = named(d, &what_of(tier, &mut rng));
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
    let figure = Figure {
        compared,
        unit,
        what: tier.what.clone(),
        thresholds,
    };
    levels(d, partial, statute, &[figure], in_duty)
}

/// The kind an assumed count is of: one the tier names, drawn by the seed, else its words.
fn what_of(tier: &ThresholdTier, rng: &mut Rng) -> String {
    if tier.kinds.is_empty() {
        tier.what.clone().unwrap_or_default()
    } else {
        tier.kinds[rng.below(tier.kinds.len())].clone()
    }
}

/// A kind of information or a tier's words as the exercise's language names them: in English the
/// vocabulary's label with the Chinese quoted (`credit information (「征信信息」)`), or the
/// provision's words quoted; in Chinese as they are.
fn named(d: &Draw, zh: &str) -> String {
    if d.t.lang == crate::msg::Lang::Zh {
        return zh.to_string();
    }
    let label = d
        .library
        .vocab
        .terms(crate::library::VocabKind::DataKinds)
        .iter()
        .find(|term| term.label.zh == zh)
        .map(|term| lower_first(&term.label.en));
    match label {
        Some(en) => format!("{en} (「{zh}」)"),
        None => format!("「{zh}」"),
    }
}

/// `Credit information` → `credit information`, leaving `ID card numbers` as it is.
fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if second.is_lowercase() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_string(),
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

/// One figure of the conduct against its tier.
struct Figure<'t> {
    compared: ThresholdComparison,
    unit: Unit,
    what: Option<String>,
    thresholds: &'t Thresholds,
}

impl Figure<'_> {
    /// The bars of 情节严重 and 情节特别严重 for this figure ([`law::bars`]).
    fn bars(&self, in_duty: bool) -> (u64, Option<u64>) {
        law::bars(self.thresholds, self.compared.threshold, in_duty)
    }

    /// 0: below, 1: 情节严重, 2: 情节特别严重.
    fn level(&self, in_duty: bool) -> usize {
        law::level(self.compared.value, self.bars(in_duty)) as usize
    }
}

/// The three-way question: below, 情节严重, 情节特别严重 — the highest level any figure reaches,
/// with why each wrong level is wrong, citing the items that set each bar.
fn levels(
    d: &Draw,
    partial: Partial,
    statute: &Statute,
    figures: &[Figure],
    in_duty: bool,
) -> Exercise {
    let t = d.t;
    let labels = [t.level_below, t.level_serious, t.level_especially];
    let deciding = figures
        .iter()
        .max_by_key(|f| f.level(in_duty))
        .expect("at least one figure");
    let level = deciding.level(in_duty);
    let has_especially = figures.iter().all(|f| f.bars(in_duty).1.is_some());
    let why = |option: usize| -> String {
        if option < level {
            // Too low: the deciding figure reaches the next bar.
            let (serious, especially) = deciding.bars(in_duty);
            let bar = if option + 1 == 2 {
                especially.unwrap_or(u64::MAX)
            } else {
                serious
            };
            return fill(
                t.why_reaches,
                &[
                    ("n", deciding.unit.show(d, deciding.compared.value)),
                    ("level", labels[option + 1].to_string()),
                    ("bar", deciding.unit.show(d, bar)),
                ],
            );
        }
        // Too high: no figure reaches this level's bar.
        figures
            .iter()
            .map(|f| {
                let (serious, especially) = f.bars(in_duty);
                let bar = if option == 2 {
                    especially.unwrap_or(u64::MAX)
                } else {
                    serious
                };
                fill(
                    t.why_misses,
                    &[
                        ("n", f.unit.show(d, f.compared.value)),
                        ("level", labels[option].to_string()),
                        ("bar", f.unit.show(d, bar)),
                    ],
                )
            })
            .collect::<Vec<_>>()
            .join(t.lang.catalog().clause_sep)
    };
    let wrong: Vec<Choice> = (0..3)
        .filter(|&o| o != level && (o < 2 || has_especially))
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
    let explanation = figures
        .iter()
        .map(|f| explain(d, f, in_duty, labels[f.level(in_duty)]))
        .collect::<Vec<_>>()
        .join("");
    let cite = d.item_cite(statute, &deciding.compared.item);
    partial.cite_as(cite).finish(
        crate::training::exercise::Answer::Choice { options, right },
        explanation,
        statute,
        figures.iter().filter_map(|f| f.what.clone()).collect(),
    )
}

/// One figure's working: the tier and its items, the bars, the figure and its level.
fn explain(d: &Draw, f: &Figure, in_duty: bool, level: &str) -> String {
    let t = d.t;
    let c = &f.compared;
    let (serious, especially) = f.bars(in_duty);
    let show = |v| f.unit.show(d, v);
    fill(
        if in_duty {
            t.explain_threshold_duty
        } else {
            t.explain_threshold
        },
        &[
            ("item", d.article(&c.item)),
            ("what", named(d, f.what.as_deref().unwrap_or_default())),
            ("serious", show(serious)),
            (
                "especially",
                especially.map(show).unwrap_or_else(|| "—".to_string()),
            ),
            (
                "especially_item",
                d.article(c.especially_serious_item.as_deref().unwrap_or_default()),
            ),
            (
                "duty_item",
                d.article(c.duty_item.as_deref().unwrap_or_default()),
            ),
            ("n", show(c.value)),
            ("level", level.to_string()),
        ],
    )
}
