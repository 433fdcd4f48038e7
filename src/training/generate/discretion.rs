//! 裁量 — placing a fine in the range: from a case's stated illegal gains and fine where it states
//! them, otherwise from an exercise assumption (labelled 练习假设, never a fact of the case);
//! and, for a provision with a higher cap in serious cases, that cap.

use crate::library::{Case, LawRole, Statute};
use crate::msg::fill;
use crate::rng::Rng;

use super::{Draw, Step, yuan};
use crate::training::exercise::{Answer, Choice, Exercise};

/// Illegal gains an exercise may assume, in yuan.
const ASSUMED_GAINS: [u64; 4] = [3_000, 12_000, 26_000, 80_000];
/// Fines an exercise may ask about, as halves of the gains: ½×, 3×, 7×, 12×, 20×.
const ASSUMED_FINE_HALVES: [u64; 5] = [1, 6, 14, 24, 40];

pub(super) fn exercises(d: &Draw) -> Vec<Exercise> {
    let by_case = d.cases().filter_map(|case| for_case(d, case));
    let serious = d.statutes().filter_map(|s| serious_cap(d, s));
    by_case.chain(serious).collect()
}

/// A penalty provision with a fine of multiples of the gains and a cap without gains.
struct Range {
    low: u64,
    high: u64,
    cap: u64,
}

fn range_of(statute: &Statute) -> Option<Range> {
    let p = statute.penalty.as_ref()?;
    let m = p.gains_multiple.as_ref()?;
    Some(Range {
        low: m[0],
        high: m[1],
        cap: p.fine_max_yuan?,
    })
}

fn for_case(d: &Draw, case: &Case) -> Option<Exercise> {
    let statute = d
        .linked(case, LawRole::Penalty)
        .into_iter()
        .find(|s| range_of(s).is_some())?;
    let range = range_of(statute)?;
    let id = format!("case:{}/discretion/{}", case.id, statute.id);
    let mut rng = d.rng(&id);
    // A proposed fine, or one that also punishes another violation, is no fine to place.
    let stated_fine = case.penalty.iter().find_map(|p| p.decided_fine());
    let partial = d.exercise(id, Step::Discretion, Some(case), String::new());
    match (case.illegal_gains_yuan, stated_fine) {
        // Both stated: is the fine the case imposed within the range?
        (Some(gains), Some(fine)) if gains > 0 => {
            Some(inside(d, partial, statute, &range, gains, fine))
        }
        (Some(gains), _) if gains > 0 => {
            Some(lawful_range(d, partial, statute, &range, gains, &mut rng))
        }
        // The case states there were no illegal gains: the cap without gains, asked as a fact.
        (Some(_), _) => Some(cap(d, partial, statute, &range)),
        _ => Some(assumed(d, partial, statute, &range, &mut rng)),
    }
}

/// "What is the most this provision allows?" where there are no illegal gains.
fn cap(d: &Draw, partial: super::Partial, statute: &Statute, range: &Range) -> Exercise {
    let t = d.t;
    let question = fill(t.q_cap, &[("citation", d.penalty_cite(statute))]);
    let explanation = fill(t.explain_cap, &[("cap", yuan(range.cap))]);
    let answer = Answer::Number {
        right: range.cap,
        unit: t.unit_yuan.to_string(),
    };
    super::Partial {
        question,
        ..partial
    }
    .finish(answer, explanation, statute, gains_words(statute))
}

/// One of three exercises on assumed facts, drawn by the seed.
fn assumed(
    d: &Draw,
    partial: super::Partial,
    statute: &Statute,
    range: &Range,
    rng: &mut Rng,
) -> Exercise {
    let t = d.t;
    let gains = ASSUMED_GAINS[rng.below(ASSUMED_GAINS.len())];
    let assume_gains = fill(t.assume_gains, &[("gains", yuan(gains))]);
    match rng.below(3) {
        0 => lawful_range(d, partial.assume(assume_gains), statute, range, gains, rng),
        1 => {
            let fine = gains * ASSUMED_FINE_HALVES[rng.below(ASSUMED_FINE_HALVES.len())] / 2;
            inside(d, partial.assume(assume_gains), statute, range, gains, fine)
        }
        _ => cap(
            d,
            partial.assume(t.assume_no_gains.to_string()),
            statute,
            range,
        ),
    }
}

/// "What is the lawful range?" for gains of `gains`.
fn lawful_range(
    d: &Draw,
    partial: super::Partial,
    statute: &Statute,
    range: &Range,
    gains: u64,
    rng: &mut Rng,
) -> Exercise {
    let t = d.t;
    let between = |lo: u64, hi: u64| {
        fill(
            t.opt_between,
            &[("lo", yuan(gains * lo)), ("hi", yuan(gains * hi))],
        )
    };
    let why_multiple = fill(
        t.why_multiple,
        &[
            ("lo", range.low.to_string()),
            ("hi", range.high.to_string()),
        ],
    );
    let other_high = if range.high == 5 { 3 } else { 5 };
    let wrong = vec![
        Choice {
            text: fill(t.opt_up_to, &[("cap", yuan(range.cap))]),
            why_wrong: Some(fill(t.why_cap_only_no_gains, &[("cap", yuan(range.cap))])),
        },
        Choice {
            text: between(range.low, other_high),
            why_wrong: Some(why_multiple.clone()),
        },
        Choice {
            text: fill(t.opt_up_to, &[("cap", yuan(gains * range.high))]),
            why_wrong: Some(fill(
                t.why_no_floor,
                &[
                    ("lo", range.low.to_string()),
                    ("floor", yuan(gains * range.low)),
                ],
            )),
        },
    ];
    let answer = d
        .choice(rng, between(range.low, range.high), wrong)
        .expect("three distinct wrong options");
    let explanation = fill(
        t.explain_range,
        &[
            ("gains", yuan(gains)),
            ("lo", range.low.to_string()),
            ("hi", range.high.to_string()),
            ("from", yuan(gains * range.low)),
            ("to", yuan(gains * range.high)),
        ],
    );
    let question = fill(t.q_range, &[("citation", d.penalty_cite(statute))]);
    super::Partial {
        question,
        ..partial
    }
    .finish(answer, explanation, statute, gains_words(statute))
}

/// "Is a fine of `fine` within the range?" for gains of `gains`.
fn inside(
    d: &Draw,
    partial: super::Partial,
    statute: &Statute,
    range: &Range,
    gains: u64,
    fine: u64,
) -> Exercise {
    let t = d.t;
    let (from, to) = (gains * range.low, gains * range.high);
    let values = [
        ("fine", yuan(fine)),
        ("from", yuan(from)),
        ("to", yuan(to)),
        ("gains", yuan(gains)),
        ("lo", range.low.to_string()),
        ("hi", range.high.to_string()),
    ];
    let within = (from..=to).contains(&fine);
    let explanation = if within {
        fill(t.explain_inside, &values)
    } else if fine < from {
        fill(t.explain_below, &values)
    } else {
        fill(t.explain_above, &values)
    };
    let why_wrong = if within {
        fill(t.why_inside, &values)
    } else {
        explanation.clone()
    };
    let question = fill(
        t.q_inside,
        &[("fine", yuan(fine)), ("citation", d.penalty_cite(statute))],
    );
    let answer = Answer::YesNo {
        right: within,
        why_wrong,
    };
    super::Partial {
        question,
        ..partial
    }
    .finish(answer, explanation, statute, gains_words(statute))
}

/// A provision with a higher cap for serious cases (个人信息保护法第六十六条第二款): that cap,
/// against the ordinary cap and the fine on responsible persons.
fn serious_cap(d: &Draw, statute: &Statute) -> Option<Exercise> {
    let t = d.t;
    let p = statute.penalty.as_ref()?;
    let right = super::penalty::serious(t, p)?;
    let mut wrong = Vec::new();
    if let Some(normal) = p.fine_max_yuan {
        // Which cap the ordinary one is, in the text's own condition (拒不改正的), else "without
        // illegal gains".
        let condition =
            super::penalty::condition(t, p).unwrap_or_else(|| t.assume_no_gains.to_string());
        wrong.push(Choice {
            text: fill(t.opt_up_to, &[("cap", yuan(normal))]),
            why_wrong: Some(fill(t.why_ordinary_cap, &[("condition", condition)])),
        });
    }
    let individual = [
        (&p.individual_fine_yuan, t.why_individual_fine),
        (
            &p.serious_individual_fine_yuan,
            t.why_serious_individual_fine,
        ),
    ];
    for (pair, why) in individual {
        if let Some(pair) = pair {
            wrong.push(Choice {
                text: fill(
                    t.opt_between,
                    &[("lo", yuan(pair[0])), ("hi", yuan(pair[1]))],
                ),
                why_wrong: Some(why.to_string()),
            });
        }
    }
    let id = format!("statute:{}/discretion/serious", statute.id);
    let mut rng = d.rng(&id);
    let answer = d.choice(&mut rng, right.clone(), wrong)?;
    let question = fill(t.q_serious_cap, &[("citation", d.cite(statute))]);
    let explanation = fill(
        t.explain_serious_cap,
        &[("citation", d.cite(statute)), ("right", right)],
    );
    let highlight = p.words.iter().cloned().collect();
    Some(d.exercise(id, Step::Discretion, None, question).finish(
        answer,
        explanation,
        statute,
        highlight,
    ))
}

/// The words of the range, for the feedback to highlight in the provision's text.
fn gains_words(statute: &Statute) -> Vec<String> {
    statute
        .penalty
        .as_ref()
        .and_then(|p| p.words.as_deref())
        .map(|words| {
            words
                .split('，')
                .flat_map(|part| part.split('；'))
                .filter(|part| part.contains("罚款"))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}
