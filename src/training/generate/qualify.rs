//! 定性 — which provision was broken: a case's facts, and as options the conduct that sibling
//! provisions forbid (`[[statute.forbids]]`). The right option forbids the case's violation; the
//! others forbid conduct the case is not charged with, so no two options are both right. An option
//! whose conduct the shown facts themselves describe (推销 for commercial messages, 出售 for
//! selling) is left out: on those facts it would be defensible.

use crate::library::{Case, Forbids, LawRole, Statute};
use crate::msg::fill;

use super::{Draw, Step};
use crate::training::exercise::{Choice, Exercise};

pub(super) fn exercises(d: &Draw) -> Vec<Exercise> {
    let mut out = Vec::new();
    for case in d.cases() {
        for statute in d.linked(case, LawRole::Violated) {
            out.extend(one(d, case, statute));
        }
    }
    out
}

/// The exercise on one provision a case broke, if the data make one: the provision forbids the
/// case's violation in exactly one entry, and other entries forbid other conduct.
fn one(d: &Draw, case: &Case, statute: &Statute) -> Option<Exercise> {
    let t = d.t;
    let violated = |f: &Forbids| case.violations.iter().any(|v| *v == f.violation);
    let mut right = statute.forbids.iter().filter(|f| violated(f));
    let (Some(right), None) = (right.next(), right.next()) else {
        return None;
    };
    // The Chinese findings, whatever the interface language: the same options in either. Without
    // findings shown, or with a violation that is the library's reading rather than its source's,
    // the facts would not settle which provision was broken.
    let shown = super::found_paragraphs(case, &case.summary.text()).join("\n");
    if shown.trim().is_empty() || case.inferred_reason("violations").is_some() {
        return None;
    }
    // Items of one provision (处罚办法第十一条 (一)(二)(三)), else paragraphs of its law
    // (消法第二十九条 ¶1/¶2/¶3); a provision the case also links is never a wrong option.
    let items_of_one = statute.forbids.len() > 1;
    let siblings: Vec<(&Statute, &Forbids)> = if items_of_one {
        statute.forbids.iter().map(|f| (statute, f)).collect()
    } else {
        d.statutes()
            .filter(|s| s.law == statute.law && s.version == statute.version)
            .filter(|s| s.id == statute.id || !d.links(case, &s.id))
            .flat_map(|s| s.forbids.iter().map(move |f| (s, f)))
            .collect()
    };
    let label = |key: &str| {
        d.t.lang
            .catalog()
            .term(d.library, crate::library::VocabKind::Violations, key)
    };
    let option = |s: &Statute, f: &Forbids| {
        fill(
            t.opt_forbids,
            &[("where", where_(d, s, f)), ("words", f.words.clone())],
        )
    };
    let wrong: Vec<Choice> = siblings
        .iter()
        .filter(|(_, f)| !violated(f) && !described(d, &shown, &f.violation))
        .map(|(s, f)| Choice {
            text: option(s, f),
            why_wrong: Some(fill(
                t.why_other_conduct,
                &[
                    ("where", where_(d, s, f)),
                    ("conduct", label(&f.violation)),
                    ("case", label(&right.violation)),
                ],
            )),
        })
        .collect();
    let id = format!("case:{}/qualify/{}", case.id, statute.id);
    let mut rng = d.rng(&id);
    let answer = d.choice(&mut rng, option(statute, right), wrong)?;
    let question = if items_of_one {
        fill(t.q_qualify_items, &[("citation", d.cite(statute))])
    } else {
        t.q_qualify.to_string()
    };
    let explanation = fill(
        t.explain_qualify,
        &[
            ("conduct", label(&right.violation)),
            ("where", where_(d, statute, right)),
            ("words", right.words.clone()),
            ("note", d.basis_note(case, &statute.id).to_string()),
        ],
    );
    Some(
        d.exercise(id, Step::Qualify, Some(case), question)
            .cite_as(where_(d, statute, right))
            .finish(answer, explanation, statute, vec![right.words.clone()]),
    )
}

/// Whether the shown facts describe a kind of conduct in the vocabulary's own words: its Chinese
/// label or one of its Chinese aliases of two or more characters.
fn described(d: &Draw, facts: &str, violation: &str) -> bool {
    let Some(term) = d
        .library
        .vocab
        .term(crate::library::VocabKind::Violations, violation)
    else {
        return false;
    };
    std::iter::once(&term.label.zh)
        .chain(&term.aliases)
        .filter(|w| !w.is_ascii() && w.chars().count() >= 2)
        .any(|w| facts.contains(w.as_str()))
}

/// `消法 第二十九条第二款`, or with an item the provision names `处罚办法 第十一条第一款第（二）项`.
fn where_(d: &Draw, statute: &Statute, forbids: &Forbids) -> String {
    d.item_cite(statute, &forbids.item)
}
