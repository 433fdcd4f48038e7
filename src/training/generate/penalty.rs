//! 罚则 — which provision sets the penalty, and its range: the case's penalty provision (cited
//! with the item a personal-information breach falls under) against other penalty provisions of
//! the library, each with its real range and its in-force date. A wrong option is wrong by a
//! stated rule: not in force at the time of the case (from the case's own dates), or — only where
//! the source itself cites the case's penalty provision — simply not the one the source names.
//! A provision the relation table joins to the right one is never a wrong option: it may apply
//! alongside it.

use crate::law::{self, AtCase};
use crate::library::{Basis, Case, LawRole, Statute};
use crate::msg::fill;
use crate::msg::training::TrainingCatalog;

use super::{Draw, Step, cite_dated, yuan};
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
    let right_text = option(t, right, d.penalty_cite(right))?;
    let stated = case
        .law
        .iter()
        .any(|l| *l.statute == *right.id && l.role == LawRole::Penalty && l.basis == Basis::Stated);
    let wrong = d
        .library
        .statutes
        .iter()
        .filter(|s| !d.links(case, &s.id) && !law::related(d.library, &s.id, &right.id))
        .filter(|s| s.in_force.is_some())
        // A provision that sets the same range (one that applies another's) is not wrong.
        .filter(|s| range(t, s) != range(t, right))
        .filter_map(|s| {
            let text = option(t, s, d.cite(s))?;
            Some(Choice {
                text,
                why_wrong: Some(why_wrong(d, case, right, s, stated)?),
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
            ("citation", d.penalty_cite(right)),
            ("range", range(t, right).unwrap_or_default()),
            ("note", d.basis_note(case, &right.id).to_string()),
        ],
    );
    Some(
        d.exercise(id, Step::Penalty, Some(case), t.q_penalty.to_string())
            .cite_as(d.penalty_cite(right))
            .finish(answer, explanation, right, words.into_iter().collect()),
    )
}

/// `消法 第五十六条第一款第（九）项（2014-03-15 起施行）：…`: every option has its in-force date.
fn option(t: &TrainingCatalog, statute: &Statute, citation: String) -> Option<String> {
    Some(fill(
        t.opt_penalty,
        &[
            ("citation", cite_dated(t, statute, citation)),
            ("range", range(t, statute)?),
        ],
    ))
}

/// The range a provision sets, from its figures (in its words when it has none), keeping the
/// conditions the text sets: `拒不改正的，罚款 ¥1,000,000 以下；情节严重的，¥50,000,000 以下或…`.
pub(super) fn range(t: &TrainingCatalog, statute: &Statute) -> Option<String> {
    let p = statute.penalty.as_ref()?;
    let ordinary = match (&p.gains_multiple, p.fine_max_yuan, p.prison_max_years) {
        (Some(m), Some(cap), _) => fill(
            t.range_gains_cap,
            &[
                ("lo", m[0].to_string()),
                ("hi", m[1].to_string()),
                ("cap", yuan(cap)),
            ],
        ),
        (None, Some(cap), _) => match condition(t, p) {
            Some(condition) => fill(
                t.range_cap_condition,
                &[("condition", condition), ("cap", yuan(cap))],
            ),
            None => fill(t.range_cap, &[("cap", yuan(cap))]),
        },
        (_, None, Some(years)) => fill(t.range_prison, &[("years", years.to_string())]),
        _ => fill(t.law_words, &[("words", p.words.clone()?)]),
    };
    Some(match serious(t, p) {
        Some(serious) => fill(
            t.range_and_serious,
            &[("range", ordinary), ("serious", serious)],
        ),
        None => ordinary,
    })
}

/// The condition on a provision's cap, in the interface's language (`拒不改正的`).
pub(super) fn condition(t: &TrainingCatalog, p: &crate::library::PenaltyRange) -> Option<String> {
    let zh = p.fine_condition.as_deref()?;
    Some(t.lang.catalog().content(zh, p.fine_condition_en.as_deref()))
}

/// The cap in serious cases (`¥50,000,000 以下，或上一年度营业额 5% 以下`).
pub(super) fn serious(t: &TrainingCatalog, p: &crate::library::PenaltyRange) -> Option<String> {
    let cap = p.serious_fine_max_yuan?;
    Some(match p.serious_turnover_percent {
        Some(percent) => fill(
            t.opt_serious_turnover,
            &[("cap", yuan(cap)), ("percent", percent.to_string())],
        ),
        None => fill(t.opt_up_to, &[("cap", yuan(cap))]),
    })
}

/// Why another penalty provision is wrong, by a stated rule: not in force at the time of the case
/// (its dates), or, where the source cites the right one, not the provision the source names.
/// `None` when no rule makes it wrong: such a provision is not offered.
fn why_wrong(
    d: &Draw,
    case: &Case,
    right: &Statute,
    other: &Statute,
    stated: bool,
) -> Option<String> {
    let t = d.t;
    let date = super::latest_date_text(d, case)?;
    match law::at_case(d.library, other, case) {
        AtCase::Later { from } => Some(fill(
            t.why_later,
            &[
                ("this", d.cite(other)),
                ("in_force", from.to_string()),
                ("date", date),
            ],
        )),
        AtCase::CeasedBefore { on, .. } => Some(fill(
            t.why_ceased_before,
            &[
                ("this", d.cite(other)),
                ("on", on.to_string()),
                ("date", date),
            ],
        )),
        AtCase::InForce if stated => Some(fill(
            t.why_not_basis,
            &[
                ("source", source_said(d, case)),
                ("right", d.penalty_cite(right)),
                ("this", d.cite(other)),
                ("whom", whom(d, other)),
            ],
        )),
        _ => None,
    }
}

/// What kind of source names the case's penalty provision: `处罚决定`, `新闻报道`, `转载或镜像`.
fn source_said(d: &Draw, case: &Case) -> String {
    let m = d.t.lang.catalog();
    match case.source.iter().find_map(|s| s.kind) {
        Some(crate::library::SourceKind::Decision) => m.source_decision,
        Some(crate::library::SourceKind::Report) => m.source_report,
        Some(crate::library::SourceKind::Copy) => m.source_copy,
        None => d.t.source_unknown,
    }
    .to_string()
}

/// Whom another penalty provision punishes, from the provisions the relation table leads to it
/// and whom they bind (`网络安全法 第六十四条罚的是网络运营者……`); empty where the data do not say.
fn whom(d: &Draw, other: &Statute) -> String {
    let mut bound: Vec<&str> = Vec::new();
    let mut breaches: Vec<String> = Vec::new();
    for r in d
        .library
        .relations
        .iter()
        .filter(|r| r.kind == crate::library::RelationKind::PenaltyUnder && r.to == other.id)
    {
        let Some(from) = d.library.statute(&r.from) else {
            continue;
        };
        // Articles of the same law by their number alone.
        breaches.push(if from.law == other.law {
            d.article(&from.article)
        } else {
            d.cite(from)
        });
        for who in from.forbids.iter().filter_map(|f| f.who.as_deref()) {
            if !bound.contains(&who) {
                bound.push(who);
            }
        }
    }
    if bound.is_empty() {
        return String::new();
    }
    let sep = d.t.lang.catalog().list_sep;
    fill(
        d.t.why_whom,
        &[
            ("this", d.cite(other)),
            (
                "who",
                bound
                    .iter()
                    .map(|who| fill(d.t.law_words, &[("words", who.to_string())]))
                    .collect::<Vec<_>>()
                    .join(sep),
            ),
            ("breaches", breaches.join(sep)),
        ],
    )
}
