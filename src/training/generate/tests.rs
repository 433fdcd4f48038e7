//! Properties every exercise keeps, over the built-in library, the generated 300-case library and
//! many seeds: one right answer by the data, distinct options, reasons that point at real
//! provisions, no question on an unstated fact, and every assumption labelled.

use super::*;
use crate::library::{LawRole, Library};
use crate::msg::training::ZH;
use crate::training::exercise::{Answer, Exercise};

fn builtin() -> Library {
    crate::library::load(&crate::library::LoadOptions::default()).expect("built-in library")
}

/// The text between the first 「 and the last 」 of a question.
fn quoted(question: &str) -> &str {
    let start = question.find('「').map_or(0, |i| i + '「'.len_utf8());
    let end = question.rfind('」').unwrap_or(question.len());
    &question[start..end]
}

fn check(library: &Library, e: &Exercise) {
    let statute = library
        .statute(&e.reason.statute)
        .unwrap_or_else(|| panic!("{}: reason names unknown {}", e.id, e.reason.statute));
    for phrase in &e.reason.highlight {
        assert!(statute.text.contains(phrase.as_str()), "{}: {phrase}", e.id);
    }
    // An assumption is never mixed into the question or the case lines: it stands apart, and
    // every rendering labels it (see `handouts_label_every_assumption`).
    if let Some(assumption) = &e.assumption {
        assert!(!e.question.contains(assumption.as_str()), "{}", e.id);
        assert!(
            e.facts.iter().all(|f| !f.contains(assumption.as_str())),
            "{}",
            e.id
        );
    }
    let case = e
        .case
        .as_deref()
        .map(|id| library.case(id).expect("case exists"));
    match &e.answer {
        Answer::Choice { options, right } => {
            assert!((2..=4).contains(&options.len()), "{}", e.id);
            assert!(*right < options.len());
            let texts: std::collections::HashSet<&str> =
                options.iter().map(|o| o.text.as_str()).collect();
            assert_eq!(
                texts.len(),
                options.len(),
                "{}: two options read the same",
                e.id
            );
            for (i, o) in options.iter().enumerate() {
                assert_eq!(o.why_wrong.is_none(), i == *right, "{}: option {i}", e.id);
            }
            let right_by_data: Vec<usize> = (0..options.len())
                .filter(|&i| right_by_the_data(library, e, &options[i].text))
                .collect();
            if let Some(right_by_data) = right_by_data.first().filter(|_| matters(e)) {
                assert_eq!(right_by_data, right, "{}", e.id);
                assert_eq!(
                    (0..options.len())
                        .filter(|&i| right_by_the_data(library, e, &options[i].text))
                        .count(),
                    1,
                    "{}: two options are right",
                    e.id
                );
            }
        }
        Answer::YesNo { why_wrong, .. } => assert!(!why_wrong.is_empty()),
        Answer::Number { right, .. } => assert!(*right > 0),
    }
    // Nothing the case file leaves unstated is asked as a fact of the case.
    if let Some(case) = case {
        match e.step {
            Step::Qualify => assert!(
                case.law
                    .iter()
                    .any(|l| l.role == LawRole::Violated && *l.statute == *statute.id)
            ),
            Step::Penalty => assert!(
                case.law
                    .iter()
                    .any(|l| l.role == LawRole::Penalty && *l.statute == *statute.id)
            ),
            Step::Discretion if e.assumption.is_none() => {
                assert!(case.illegal_gains_yuan.is_some(), "{}", e.id)
            }
            Step::Threshold => {
                assert!(case.records.is_some() || case.illegal_gains_yuan.is_some())
            }
            Step::Today => assert!(case_date(library, case).is_some()),
            _ => {}
        }
    }
}

/// Steps whose right option can be recomputed from the data alone.
fn matters(e: &Exercise) -> bool {
    matches!(e.step, Step::Qualify | Step::Penalty | Step::Words)
}

/// Whether an option is right according to the case and statute files, worked out afresh.
fn right_by_the_data(library: &Library, e: &Exercise, option: &str) -> bool {
    let case = e.case.as_deref().and_then(|id| library.case(id));
    match e.step {
        Step::Qualify => library.statutes.iter().any(|s| {
            s.forbids.iter().any(|f| {
                option.ends_with(&format!("：{}", f.words))
                    && option.contains(&f.item)
                    && case.is_some_and(|c| c.violations.iter().any(|v| *v == f.violation))
            })
        }),
        Step::Penalty => case.is_some_and(|c| {
            c.law.iter().any(|l| {
                l.role == LawRole::Penalty
                    && library
                        .statute(&l.statute)
                        .is_some_and(|s| option.starts_with(&s.citation()))
            })
        }),
        Step::Words => {
            let statute = library.statute(&e.reason.statute).expect("statute");
            let filled = quoted(&e.question).replacen(ZH.blank, option, 1);
            statute.text.contains(&filled)
        }
        _ => false,
    }
}

#[test]
fn every_exercise_of_the_builtin_library_has_one_right_answer_by_the_data() {
    let library = builtin();
    let scope = Scope::all(&library);
    for seed in 0..60 {
        let all = exercises(&ZH, &library, &scope, &[], seed);
        assert!(all.len() >= 30, "seed {seed}: {}", all.len());
        for e in &all {
            check(&library, e);
        }
        let steps: std::collections::HashSet<Step> = all.iter().map(|e| e.step).collect();
        assert_eq!(steps.len(), Step::ALL.len(), "every step has exercises");
    }
}

#[test]
fn every_exercise_of_a_generated_library_has_one_right_answer_by_the_data() {
    let library = crate::synth::library(300).expect("valid");
    let scope = Scope::all(&library);
    for seed in [1, 7, 99] {
        let all = exercises(&ZH, &library, &scope, &[], seed);
        assert!(all.len() > 600, "{}", all.len());
        for e in &all {
            check(&library, e);
        }
    }
}

#[test]
fn a_seed_gives_the_same_exercises_and_ids_do_not_depend_on_it() {
    let library = builtin();
    let scope = Scope::all(&library);
    let a = exercises(&ZH, &library, &scope, &[], 5);
    assert_eq!(a, exercises(&ZH, &library, &scope, &[], 5));
    let b = exercises(&ZH, &library, &scope, &[], 6);
    let ids = |v: &[Exercise]| v.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
    assert_ne!(a, b, "another seed draws other numbers or orders");
}

#[test]
fn ids_do_not_change_when_a_case_is_reworded() {
    let mut library = builtin();
    let scope = Scope::all(&library);
    let before: Vec<String> = exercises(&ZH, &library, &scope, &[], 1)
        .into_iter()
        .map(|e| e.id)
        .collect();
    for case in &mut library.cases {
        case.summary = format!("{}（改写）", case.summary).into();
        case.title = "改写".into();
    }
    let after: Vec<String> = exercises(&ZH, &library, &scope, &[], 1)
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(before, after);
}

#[test]
fn a_filter_narrows_the_exercises_to_its_cases_and_their_law() {
    let library = builtin();
    let real_estate: Vec<usize> = (0..library.cases.len())
        .filter(|&i| library.cases[i].sector.as_deref() == Some("real-estate"))
        .collect();
    let scope = Scope::of_cases(&library, real_estate.clone());
    let all = exercises(&ZH, &library, &scope, &[], 1);
    assert!(!all.is_empty());
    for e in &all {
        if let Some(case) = &e.case {
            let case = library.case(case).unwrap();
            assert_eq!(case.sector.as_deref(), Some("real-estate"), "{}", e.id);
        }
    }
    // The telecom case yibin-yu is not in the scope.
    assert!(all.iter().all(|e| !e.id.contains("yibin-yu")));
}

#[test]
fn steps_filter_the_exercises() {
    let library = builtin();
    let scope = Scope::all(&library);
    let only = exercises(&ZH, &library, &scope, &[Step::Threshold, Step::Qualify], 1);
    assert!(
        only.iter()
            .all(|e| matches!(e.step, Step::Threshold | Step::Qualify))
    );
    assert!(only.iter().any(|e| e.step == Step::Threshold));
}

#[test]
fn a_case_that_states_its_gains_and_fine_is_asked_without_assumption() {
    let mut library = builtin();
    let case = library
        .cases
        .iter_mut()
        .find(|c| c.id == "nanning-fangduoduo")
        .unwrap();
    case.illegal_gains_yuan = Some(20_000);
    case.penalty = vec![crate::library::Penalty {
        kind: "fine".into(),
        amount_yuan: Some(250_000),
        note: None,
    }]
    .into();
    let scope = Scope::all(&library);
    let e = exercises(&ZH, &library, &scope, &[Step::Discretion], 1)
        .into_iter()
        .find(|e| e.id == "case:nanning-fangduoduo/discretion/cprl-56")
        .unwrap();
    assert_eq!(e.assumption, None);
    // ¥250,000 is above ten times ¥20,000.
    assert!(
        matches!(e.answer, Answer::YesNo { right: false, .. }),
        "{e:?}"
    );
}

#[test]
fn threshold_levels_follow_the_interpretation() {
    let library = builtin();
    let scope = Scope::all(&library);
    for seed in 0..40 {
        for e in exercises(&ZH, &library, &scope, &[Step::Threshold], seed) {
            let Answer::Choice { options, right } = &e.answer else {
                panic!("{}", e.id)
            };
            let assumption = e.assumption.clone().unwrap_or_default();
            let digits: String = assumption
                .split(' ')
                .find(|w| {
                    w.trim_start_matches('¥')
                        .starts_with(|c: char| c.is_ascii_digit())
                })
                .unwrap_or_default()
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            let Ok(n) = digits.parse::<u64>() else {
                continue;
            };
            let (serious, especially) = match e.id.rsplit('/').next().unwrap() {
                "tier1" => (50, 500),
                "tier2" => (500, 5_000),
                "tier3" => (5_000, 50_000),
                "tier4" => (5_000, 50_000),
                "duty" => (25, 250),
                _ => continue,
            };
            let level = if n >= especially {
                ZH.level_especially
            } else if n >= serious {
                ZH.level_serious
            } else {
                ZH.level_below
            };
            assert_eq!(options[*right].text, level, "{}: {assumption}", e.id);
        }
    }
}

#[test]
fn handouts_label_every_assumption() {
    let library = builtin();
    let all = exercises(&ZH, &library, &Scope::all(&library), &[], 4);
    let text = crate::training::handout::markdown(&ZH, &library, &all, 4);
    for e in all.iter().filter(|e| e.assumption.is_some()) {
        let labelled = format!(
            "**{}**：{}",
            e.assumption_label(&ZH),
            e.assumption.as_deref().unwrap()
        );
        assert!(text.contains(&labelled), "{}", e.id);
        if e.case.is_some() {
            assert!(labelled.contains("不是本案事实"));
        }
    }
}

#[test]
fn a_large_scope_is_sampled_keeping_every_answered_case() {
    let library = crate::synth::library(300).expect("valid");
    let answered = ["gen-000007", "gen-000250"];
    let scope = Scope::all(&library).sampled(&library, &|id| answered.contains(&id), 3, 50);
    assert_eq!(scope.cases.len(), 50);
    for id in answered {
        let i = library.cases.iter().position(|c| c.id == id).unwrap();
        assert!(scope.cases.contains(&i), "{id} kept");
    }
    assert_eq!(scope.statutes, Scope::all(&library).statutes);
    let small = Scope::all(&library).sampled(&library, &|_| false, 3, 1000);
    assert_eq!(small, Scope::all(&library));
}
