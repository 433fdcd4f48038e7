//! 今日适用的法律 — what governs the same conduct today (a provision's `successors`), and that a
//! 2019 case is still decided under the law in force when it was decided.

use crate::library::{Case, Era, LawRole, Statute};
use crate::msg::fill;

use super::{Draw, Step, case_date, cite};
use crate::training::exercise::{Choice, Exercise};

pub(super) fn exercises(d: &Draw) -> Vec<Exercise> {
    let by_case = d.cases().filter_map(|case| decided_under(d, case));
    let by_statute = d.statutes().filter_map(|s| successor(d, s));
    by_case.chain(by_statute).collect()
}

/// "Under which provision is this case decided?": the 2019 provision it broke, against the later
/// law that succeeds it, all of which came into force after the case was decided.
fn decided_under(d: &Draw, case: &Case) -> Option<Exercise> {
    let t = d.t;
    let date = case_date(d.library, case)?;
    let statute = d
        .linked(case, LawRole::Violated)
        .into_iter()
        .find(|s| s.era == Era::Y2019 && !s.successors.is_empty())?;
    let wrong: Vec<Choice> = crate::law::later_law(d.library, statute)
        .into_iter()
        .filter_map(|later| {
            let in_force = later.in_force?;
            date.certainly_before(&in_force).then(|| Choice {
                text: cite(t, later),
                why_wrong: Some(fill(
                    t.why_later,
                    &[
                        ("this", later.citation()),
                        ("in_force", in_force.to_string()),
                        ("date", date.to_string()),
                    ],
                )),
            })
        })
        .collect();
    let id = format!("case:{}/today/{}", case.id, statute.id);
    let mut rng = d.rng(&id);
    let answer = d.choice(&mut rng, cite(t, statute), wrong)?;
    let successors: Vec<String> = crate::law::later_law(d.library, statute)
        .iter()
        .map(|s| s.citation())
        .collect();
    let when = if case.dates.decided.is_some() {
        fill(t.when_decided, &[("date", date.to_string())])
    } else {
        fill(t.when_published, &[("date", date.to_string())])
    };
    let explanation = fill(
        t.explain_decided_under,
        &[
            ("when", when),
            ("citation", statute.citation()),
            ("successors", successors.join(t.lang.catalog().list_sep)),
        ],
    );
    Some(
        d.exercise(id, Step::Today, Some(case), t.q_decided_under.to_string())
            .finish(answer, explanation, statute, Vec::new()),
    )
}

/// "Which later provision now governs what this one governed?": one of its successors, against
/// later law that is not among them.
fn successor(d: &Draw, statute: &Statute) -> Option<Exercise> {
    let t = d.t;
    if statute.era != Era::Y2019 || statute.successors.is_empty() {
        return None;
    }
    let id = format!("statute:{}/today", statute.id);
    let mut rng = d.rng(&id);
    let later = crate::law::later_law(d.library, statute);
    let right = *later.get(rng.below(later.len().max(1)))?;
    let wrong = d
        .library
        .statutes
        .iter()
        .filter(|s| s.era == Era::Later && !statute.successors.contains(&s.id))
        .map(|s| Choice {
            text: cite(t, s),
            why_wrong: Some(fill(
                t.why_not_successor,
                &[("this", s.citation()), ("citation", statute.citation())],
            )),
        })
        .collect();
    let answer = d.choice(&mut rng, cite(t, right), wrong)?;
    let all: Vec<String> = later.iter().map(|s| s.citation()).collect();
    let question = fill(t.q_successor, &[("citation", cite(t, statute))]);
    let explanation = fill(
        t.explain_successor,
        &[
            ("citation", statute.citation()),
            ("successors", all.join(t.lang.catalog().list_sep)),
        ],
    );
    Some(
        d.exercise(id, Step::Today, None, question)
            .finish(answer, explanation, right, Vec::new()),
    )
}
