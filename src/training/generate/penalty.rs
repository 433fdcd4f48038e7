//! 罚则 — which provision sets the penalty, and its range: the case's penalty provision against
//! other penalty provisions of the library, each with its real range.

use crate::library::{Case, Era, LawRole, Statute};
use crate::msg::fill;
use crate::msg::training::TrainingCatalog;

use super::{Draw, Step, case_date, cite, yuan};
use crate::training::exercise::{Choice, Exercise};

pub(super) fn exercises(d: &Draw) -> Vec<Exercise> {
    d.cases().filter_map(|case| one(d, case)).collect()
}

fn one(d: &Draw, case: &Case) -> Option<Exercise> {
    let t = d.t;
    let right = d
        .linked(case, LawRole::Penalty)
        .into_iter()
        .find(|s| range(t, s).is_some())?;
    let right_text = option(t, right)?;
    let wrong = d
        .library
        .statutes
        .iter()
        .filter(|s| !d.links(case, &s.id))
        .filter_map(|s| {
            let text = option(t, s)?;
            // A provision that sets the same range (one that applies another's) is not wrong.
            (range(t, s) != range(t, right)).then(|| Choice {
                text,
                why_wrong: Some(why_wrong(d, case, right, s)),
            })
        })
        .collect();
    let id = format!("case:{}/penalty/{}", case.id, right.id);
    let mut rng = d.rng(&id);
    let answer = d.choice(&mut rng, right_text, wrong)?;
    let words = right.penalty.as_ref().and_then(|p| p.words.clone());
    let explanation = fill(
        t.explain_penalty,
        &[
            ("citation", right.citation()),
            ("range", range(t, right).unwrap_or_default()),
            ("note", d.basis_note(case, &right.id).to_string()),
        ],
    );
    Some(
        d.exercise(id, Step::Penalty, Some(case), t.q_penalty.to_string())
            .finish(answer, explanation, right, words.into_iter().collect()),
    )
}

fn option(t: &TrainingCatalog, statute: &Statute) -> Option<String> {
    Some(fill(
        t.opt_penalty,
        &[
            ("citation", cite(t, statute)),
            ("range", range(t, statute)?),
        ],
    ))
}

/// The range a provision sets, from its figures (in its words when it has none).
pub(super) fn range(t: &TrainingCatalog, statute: &Statute) -> Option<String> {
    let p = statute.penalty.as_ref()?;
    Some(
        match (&p.gains_multiple, p.fine_max_yuan, p.prison_max_years) {
            (Some(m), Some(cap), _) => fill(
                t.range_gains_cap,
                &[
                    ("lo", m[0].to_string()),
                    ("hi", m[1].to_string()),
                    ("cap", yuan(cap)),
                ],
            ),
            (None, Some(cap), _) => fill(t.range_cap, &[("cap", yuan(cap))]),
            (_, None, Some(years)) => fill(t.range_prison, &[("years", years.to_string())]),
            _ => p.words.clone()?,
        },
    )
}

/// Later law came into force after the case was decided; anything else is simply not the
/// provision the case's penalty rests on.
fn why_wrong(d: &Draw, case: &Case, right: &Statute, other: &Statute) -> String {
    let t = d.t;
    if let (Era::Later, Some(in_force), Some(date)) =
        (other.era, other.in_force, case_date(d.library, case))
        && date.certainly_before(&in_force)
    {
        return fill(
            t.why_later,
            &[
                ("this", other.citation()),
                ("in_force", in_force.to_string()),
                ("date", date.to_string()),
            ],
        );
    }
    fill(
        t.why_not_basis,
        &[("right", right.citation()), ("this", other.citation())],
    )
}
