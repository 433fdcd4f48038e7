//! 今日适用的法律 — which law applied to a case, judged from the case's own dates; and how
//! provisions stand to one another today. Every question here asks only what the in-force dates
//! and the relation table state, and every wrong option is wrong by one of them: a provision not
//! yet in force, or one whose relation the table gives as something else.

use crate::law::{self, AtCase, Status};
use crate::library::{Case, LawRole, Relation, RelationKind, Statute};
use crate::msg::fill;

use super::{Draw, Step, cite_dated};
use crate::training::exercise::{Answer, Choice, Exercise};

pub(super) fn exercises(d: &Draw) -> Vec<Exercise> {
    let by_case = d.cases().filter_map(|case| decided_under(d, case));
    let in_scope = |id: &str| d.statutes().any(|s| s.id == id);
    let by_relation = d
        .library
        .relations
        .iter()
        .filter(|r| in_scope(&r.from) || in_scope(&r.to))
        .filter_map(|r| match r.kind {
            RelationKind::Renumbered | RelationKind::Folded | RelationKind::AmendedAs => {
                where_now(d, r)
            }
            RelationKind::Implements => implemented_by(d, r),
            RelationKind::PenaltyUnder => penalty_under(d, r),
            _ => None,
        })
        .collect::<Vec<_>>();
    let by_status = d.statutes().filter_map(|s| no_longer_in_force(d, s));
    by_case.chain(by_relation).chain(by_status).collect()
}

/// The case's dates in words: `违法行为始于 2018-11、违法行为止于 2019-06、所在名单公布 2019-11-18`.
fn dates_text(d: &Draw, case: &Case) -> String {
    let m = d.t.lang.catalog();
    law::case_dates(d.library, case)
        .into_iter()
        .map(|(kind, date)| format!("{} {date}", m.case_date_kinds[kind as usize]))
        .collect::<Vec<_>>()
        .join(m.list_sep)
}

/// "By the case's dates, which provision applies?": a provision the case broke that was in force
/// at the time, against provisions the relation table joins to it that came into force after the
/// case (or ceased before it). Every option carries its in-force date, so none stands out by form.
fn decided_under(d: &Draw, case: &Case) -> Option<Exercise> {
    let t = d.t;
    let right = d
        .linked(case, LawRole::Violated)
        .into_iter()
        .find(|s| s.in_force.is_some() && law::at_case(d.library, s, case) == AtCase::InForce)?;
    let date = super::latest_date_text(d, case)?;
    let m = t.lang.catalog();
    let mut others = Vec::new();
    let wrong: Vec<Choice> = law::relations_of(d.library, &right.id)
        .into_iter()
        .filter(|(_, _, other)| other.in_force.is_some() && !d.links(case, &other.id))
        .filter_map(|(relation, _, other)| {
            let why = match law::at_case(d.library, other, case) {
                AtCase::Later { from } => fill(
                    t.why_later,
                    &[
                        ("this", d.cite(other)),
                        ("in_force", from.to_string()),
                        ("date", date.clone()),
                    ],
                ),
                AtCase::CeasedBefore { on, .. } => fill(
                    t.why_ceased_before,
                    &[
                        ("this", d.cite(other)),
                        ("on", on.to_string()),
                        ("date", date.clone()),
                    ],
                ),
                _ => return None,
            };
            let kind = RelationKind::ALL
                .iter()
                .position(|k| *k == relation.kind)
                .unwrap_or(0);
            others.push(format!(
                "{}{}{}",
                d.cite(other),
                m.colon,
                m.relation_kind_names[kind]
            ));
            Some(Choice {
                text: cite_dated(t, other, d.cite(other)),
                why_wrong: Some(why),
            })
        })
        .collect();
    let id = format!("case:{}/today/{}", case.id, right.id);
    let mut rng = d.rng(&id);
    let answer = d.choice(&mut rng, cite_dated(t, right, d.cite(right)), wrong)?;
    let explanation = fill(
        t.explain_decided_under,
        &[
            ("dates", dates_text(d, case)),
            ("citation", d.cite(right)),
            ("others", others.join(t.lang.catalog().list_sep)),
        ],
    );
    Some(
        d.exercise(id, Step::Today, Some(case), t.q_decided_under.to_string())
            .finish(answer, explanation, right, Vec::new()),
    )
}

/// A relation exercise's id (from the relation, so progress survives rewording) and its options,
/// drawn by the seed.
fn relation_choice(
    d: &Draw,
    r: &Relation,
    right: String,
    wrong: Vec<Choice>,
) -> Option<(String, Answer)> {
    let id = format!("relation:{}/{}/{}", r.from, r.kind.key(), r.to);
    let mut rng = d.rng(&id);
    let answer = d.choice(&mut rng, right, wrong)?;
    Some((id, answer))
}

/// The provisions at either end of a relation, if the library has both.
fn ends<'l>(d: &Draw<'l>, r: &Relation) -> Option<(&'l Statute, &'l Statute)> {
    Some((d.library.statute(&r.from)?, d.library.statute(&r.to)?))
}

/// The relation's reason in the interface's language.
fn reason(d: &Draw, r: &Relation) -> String {
    d.t.lang
        .catalog()
        .content(&r.reason, r.reason_en.as_deref())
}

/// The kinds of relation that say where a provision's words went.
const MOVED: [RelationKind; 3] = [
    RelationKind::Renumbered,
    RelationKind::Folded,
    RelationKind::AmendedAs,
];

/// "From 2026-01-01, which article corresponds to 网络安全法 第四十一条 (2016)?": where a renumbered,
/// amended or merged provision went, against where the other provisions of the same law and
/// version went (each wrong option says whose words it holds).
fn where_now(d: &Draw, r: &Relation) -> Option<Exercise> {
    let t = d.t;
    let m = t.lang.catalog();
    let (from, to) = ends(d, r)?;
    let how = |kind: RelationKind| {
        let index = RelationKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        m.relation_kind_names[index].to_string()
    };
    let wrong: Vec<Choice> = d
        .library
        .relations
        .iter()
        .filter(|o| MOVED.contains(&o.kind) && o.from != r.from && o.to != r.to)
        .filter_map(|o| {
            let (its, this) = ends(d, o)?;
            (its.law == from.law && its.version == from.version).then(|| Choice {
                text: d.cite(this),
                why_wrong: Some(fill(
                    t.why_other_renumbered,
                    &[
                        ("this", d.cite(this)),
                        ("its", d.cite(its)),
                        ("how", how(o.kind)),
                    ],
                )),
            })
        })
        .collect();
    let (id, answer) = relation_choice(d, r, d.cite(to), wrong)?;
    let question = fill(
        t.q_renumbered,
        &[
            ("citation", d.cite(from)),
            ("version", from.version.to_string()),
            (
                "in_force",
                to.in_force.map(|d| d.to_string()).unwrap_or_default(),
            ),
        ],
    );
    let explanation = fill(t.explain_renumbered, &[("reason", reason(d, r))]);
    Some(
        d.exercise(id, Step::Today, None, question)
            .finish(answer, explanation, to, Vec::new()),
    )
}

/// "Which article of the 实施条例 makes 消法 第二十九条第三款 specific?": the implementing article,
/// against the articles of the same regulation that implement other provisions.
fn implemented_by(d: &Draw, r: &Relation) -> Option<Exercise> {
    let t = d.t;
    let (from, to) = ends(d, r)?;
    let implements = |s: &str, target: &str| {
        d.library
            .relations
            .iter()
            .any(|o| o.kind == RelationKind::Implements && o.from == s && o.to == target)
    };
    let wrong: Vec<Choice> = d
        .library
        .relations
        .iter()
        .filter(|o| o.kind == RelationKind::Implements && o.from != r.from)
        .filter(|o| !implements(&o.from, &r.to))
        .filter_map(|o| {
            let (this, its) = ends(d, o)?;
            (this.law == from.law).then(|| Choice {
                text: d.cite(this),
                why_wrong: Some(fill(
                    t.why_implements_other,
                    &[("this", d.cite(this)), ("its", d.cite(its))],
                )),
            })
        })
        .collect();
    let (id, answer) = relation_choice(d, r, d.cite(from), wrong)?;
    let law = match t.lang {
        crate::msg::Lang::Zh => from.short.clone().unwrap_or_else(|| from.law.clone()),
        crate::msg::Lang::En => from.short_en.clone().unwrap_or_else(|| from.law_en.clone()),
    };
    let question = fill(
        t.q_implemented_by,
        &[("law", law), ("citation", d.cite(to))],
    );
    let explanation = fill(
        t.explain_implemented_by,
        &[
            ("this", d.cite(from)),
            ("citation", d.cite(to)),
            ("reason", reason(d, r)),
        ],
    );
    Some(
        d.exercise(id, Step::Today, None, question)
            .finish(answer, explanation, from, Vec::new()),
    )
}

/// "A breach of 实施条例第二十四条 is punished under which provision?": the provision the table
/// names, against the other penalty provisions of the breached provision's own law, each wrong by
/// the text the relation quotes (第五十条第三款).
fn penalty_under(d: &Draw, r: &Relation) -> Option<Exercise> {
    let t = d.t;
    let (from, to) = ends(d, r)?;
    let reason = reason(d, r);
    let wrong: Vec<Choice> = d
        .library
        .statutes
        .iter()
        .filter(|s| s.law == from.law && s.id != from.id && s.penalty.is_some())
        .filter(|s| !law::related(d.library, &s.id, &to.id))
        .map(|s| Choice {
            text: d.cite(s),
            why_wrong: Some(fill(
                t.why_penalty_under,
                &[("this", d.cite(s)), ("reason", reason.clone())],
            )),
        })
        .collect();
    let (id, answer) = relation_choice(d, r, d.penalty_cite(to), wrong)?;
    let question = fill(t.q_penalty_under, &[("citation", d.cite(from))]);
    let explanation = fill(
        t.explain_penalty_under,
        &[("right", d.penalty_cite(to)), ("reason", reason)],
    );
    Some(
        d.exercise(id, Step::Today, None, question)
            .cite_as(d.penalty_cite(to))
            .finish(answer, explanation, to, Vec::new()),
    )
}

/// "Today, is 民法总则 第一百一十一条 still in force?" — asked only of a provision a text ended
/// (repealed, or amended out of this version) before today; the answer quotes that text.
fn no_longer_in_force(d: &Draw, statute: &Statute) -> Option<Exercise> {
    let t = d.t;
    let m = t.lang.catalog();
    let today = d.library.today();
    let status = law::status_on(statute, today);
    if !matches!(status, Status::Ceased { .. }) {
        return None;
    }
    let status_text = crate::sheet::status_text(m, status);
    let note = statute
        .status_note
        .as_deref()
        .map(|en| m.english_first(en, statute.status_note_zh.as_deref()))
        .unwrap_or_default();
    let question = fill(
        t.q_in_force_today,
        &[
            ("today", today.to_string()),
            ("citation", d.cite(statute)),
            ("version", statute.version.to_string()),
        ],
    );
    let explanation = fill(
        t.explain_not_in_force,
        &[("status", status_text.clone()), ("note", note)],
    );
    let answer = Answer::YesNo {
        right: false,
        why_wrong: fill(t.why_in_force_wrong, &[("status", status_text)]),
    };
    // The id holds no date: the same exercise keeps its progress from one day to the next.
    let id = format!("statute:{}/today/status", statute.id);
    Some(d.exercise(id, Step::Today, None, question).finish(
        answer,
        explanation,
        statute,
        Vec::new(),
    ))
}
