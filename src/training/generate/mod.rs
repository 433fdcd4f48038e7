//! Exercises drawn from the library: one module per step, each reading only what the case and
//! statute files state. Nothing here is written by hand for a particular case, so an office that
//! adds cases (or provisions with `forbids`, penalties and relations) gets exercises on them.
//!
//! Each exercise draws its own numbers and option order from `hash(seed, id)`, so one seed gives
//! the same exercises on any machine with the same library, whatever else the library holds.

mod discretion;
mod penalty;
mod qualify;
mod threshold;
mod today;
mod words;

use crate::library::{Case, LawRole, Library, RareText, Statute, SummaryPart};
use crate::msg::fill;
use crate::msg::training::TrainingCatalog;
use crate::rng::{Rng, hash};

use super::exercise::{Answer, Choice, Exercise};
use super::step::Step;

/// What exercises are drawn from: some cases (indices into `library.cases`) and the provisions
/// they rest on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub cases: Vec<usize>,
    pub statutes: Vec<usize>,
}

impl Scope {
    /// Every case and every provision.
    pub fn all(library: &Library) -> Scope {
        Scope {
            cases: (0..library.cases.len()).collect(),
            statutes: (0..library.statutes.len()).collect(),
        }
    }

    /// Some cases (a filter's), the provisions they link, the provisions related to those in the
    /// relation table, and the provision that sets the criminal thresholds (every case is
    /// weighed against them).
    pub fn of_cases(library: &Library, cases: Vec<usize>) -> Scope {
        let linked = |s: &Statute| {
            cases.iter().any(|&c| {
                library.cases[c]
                    .law
                    .iter()
                    .any(|l| *l.statute == *s.id || crate::law::related(library, &l.statute, &s.id))
            })
        };
        let statutes = (0..library.statutes.len())
            .filter(|&i| {
                let s = &library.statutes[i];
                linked(s) || (s.thresholds.is_some() && !cases.is_empty())
            })
            .collect();
        Scope { cases, statutes }
    }
}

/// The most cases exercises are drawn from at once, in the browser and for a handout: beyond,
/// a sample (see [`Scope::sampled`]).
pub const SAMPLE: usize = 2_000;

impl Scope {
    /// At most `limit` cases of the scope: every case the trainee has answered on (so what is due
    /// comes back), then others drawn by `seed`; the provisions stay. Drawing every exercise of
    /// 100,000 cases takes seconds (see the `training_exercises` benchmark); a session needs ten.
    pub fn sampled(
        self,
        library: &Library,
        answered: &dyn Fn(&str) -> bool,
        seed: u64,
        limit: usize,
    ) -> Scope {
        if self.cases.len() <= limit {
            return self;
        }
        let (mut kept, mut others): (Vec<usize>, Vec<usize>) = self
            .cases
            .iter()
            .partition(|&&i| answered(&library.cases[i].id));
        let mut rng = Rng::new(hash(seed, "sample"));
        rng.shuffle(&mut others);
        others.truncate(limit.saturating_sub(kept.len()));
        kept.extend(others);
        kept.sort_unstable();
        Scope {
            cases: kept,
            statutes: self.statutes,
        }
    }
}

/// Every exercise of the scope, for the steps asked (all if `steps` is empty), in step order.
pub fn exercises(
    t: &TrainingCatalog,
    library: &Library,
    scope: &Scope,
    steps: &[Step],
    seed: u64,
) -> Vec<Exercise> {
    let d = Draw {
        t,
        library,
        scope,
        seed,
    };
    let mut all = Vec::new();
    for step in Step::ALL {
        if !steps.is_empty() && !steps.contains(&step) {
            continue;
        }
        match step {
            Step::Qualify => all.extend(qualify::exercises(&d)),
            Step::Penalty => all.extend(penalty::exercises(&d)),
            Step::Discretion => all.extend(discretion::exercises(&d)),
            Step::Threshold => all.extend(threshold::exercises(&d)),
            Step::Today => all.extend(today::exercises(&d)),
            Step::Words => all.extend(words::exercises(&d)),
        }
    }
    all
}

/// What every step's generator reads.
struct Draw<'a> {
    t: &'a TrainingCatalog,
    library: &'a Library,
    scope: &'a Scope,
    seed: u64,
}

impl<'a> Draw<'a> {
    fn cases(&self) -> impl Iterator<Item = &'a Case> + '_ {
        self.scope.cases.iter().map(|&i| &self.library.cases[i])
    }

    fn statutes(&self) -> impl Iterator<Item = &'a Statute> + '_ {
        self.scope
            .statutes
            .iter()
            .map(|&i| &self.library.statutes[i])
    }

    /// A provision's citation in the exercise's language (`消法 第二十九条第一款`, `CPRL Art. 29(1)`).
    fn cite(&self, statute: &Statute) -> String {
        self.t.lang.catalog().cite(statute)
    }

    /// A provision cited as a penalty basis, with its item, in the exercise's language.
    fn penalty_cite(&self, statute: &Statute) -> String {
        self.t.lang.catalog().penalty_cite(statute)
    }

    /// A place inside a provision's law with the law's short name, in the exercise's language.
    fn item_cite(&self, statute: &Statute, item: &str) -> String {
        self.t.lang.catalog().item_cite(statute, item)
    }

    /// An article reference alone, in the exercise's language.
    fn article(&self, text: &str) -> String {
        self.t.lang.catalog().article(text)
    }

    /// The exercise's own random numbers.
    fn rng(&self, id: &str) -> Rng {
        Rng::new(hash(self.seed, id))
    }

    /// The provisions a case links in one role, that the library knows.
    fn linked(&self, case: &Case, role: LawRole) -> Vec<&'a Statute> {
        case.law
            .iter()
            .filter(|l| l.role == role)
            .filter_map(|l| self.library.statute(&l.statute))
            .collect()
    }

    /// Whether the case links the provision at all, in any role.
    fn links(&self, case: &Case, statute: &str) -> bool {
        case.law.iter().any(|l| *l.statute == *statute)
    }

    /// A note when the case's link to a provision is the library's reading, not its source's.
    fn basis_note(&self, case: &Case, statute: &str) -> &'static str {
        let stated = case
            .law
            .iter()
            .any(|l| *l.statute == *statute && l.basis == crate::library::Basis::Stated);
        if stated { "" } else { self.t.basis_governing }
    }

    /// The case lines a question about it shows: who, where, what happened, what data, how much.
    /// Only what the case file states; the violation's category is left out, since telling it
    /// would answer "which provision".
    fn facts(&self, case: &Case) -> Vec<String> {
        let t = self.t;
        let m = t.lang.catalog();
        let province = m.term(
            self.library,
            crate::library::VocabKind::Provinces,
            &case.place.province,
        );
        let place = [
            Some(province.as_str()),
            case.place.city.as_deref(),
            case.place.district.text(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(if m.lang == crate::msg::Lang::En {
            " "
        } else {
            ""
        });
        let mut lines = vec![fill(
            t.fact_party,
            &[("party", case.party.name.to_string()), ("place", place)],
        )];
        let join = if m.lang == crate::msg::Lang::En {
            " "
        } else {
            ""
        };
        let found = |text: &str| found_paragraphs(case, text).join(join).replace('\n', join);
        let zh = found(&case.summary.text());
        if !zh.trim().is_empty() {
            let en = case.summary_en.text().map(found);
            let conduct = m.content(&zh, en.as_deref());
            lines.push(fill(t.fact_conduct, &[("text", conduct)]));
        }
        if let Some(kinds) = case.data_kinds.as_deref().filter(|k| !k.is_empty()) {
            lines.push(fill(
                t.fact_data,
                &[("kinds", kinds.join(t.lang.catalog().list_sep))],
            ));
        }
        if let Some(records) = case.records {
            lines.push(fill(
                t.fact_records,
                &[("n", crate::text::thousands(records))],
            ));
        }
        // A question on which law applied turns on the case's dates: always shown.
        let dates: Vec<String> = crate::law::case_dates(self.library, case)
            .into_iter()
            .map(|(kind, date)| format!("{} {date}", m.case_date_kinds[kind as usize]))
            .collect();
        if !dates.is_empty() {
            lines.push(fill(t.fact_dates, &[("dates", dates.join(m.list_sep))]));
        }
        // A question on the fine's range or the thresholds may turn on them: never hidden.
        if let Some(gains) = case.illegal_gains_yuan {
            lines.push(fill(t.fact_gains, &[("gains", yuan(gains))]));
        }
        lines
    }

    /// A choice exercise's answer: the right option and up to three wrong ones drawn by `rng`,
    /// in an order drawn by `rng`. `None` when there is no wrong option to set against the right
    /// one, or two options read the same.
    fn choice(&self, rng: &mut Rng, right: String, mut wrong: Vec<Choice>) -> Option<Answer> {
        wrong.retain(|w| w.text != right);
        let mut seen = std::collections::HashSet::new();
        wrong.retain(|w| seen.insert(w.text.clone()));
        if wrong.is_empty() {
            return None;
        }
        rng.shuffle(&mut wrong);
        wrong.truncate(3);
        let mut options = wrong;
        let at = rng.below(options.len() + 1);
        options.insert(
            at,
            Choice {
                text: right,
                why_wrong: None,
            },
        );
        Some(Answer::Choice { options, right: at })
    }

    fn exercise(&self, id: String, step: Step, case: Option<&Case>, question: String) -> Partial {
        Partial {
            id,
            step,
            case: case.map(|c| c.id.to_string()),
            facts: case.map(|c| self.facts(c)).unwrap_or_default(),
            question,
            assumption: None,
            cite: None,
            lang: self.t.lang,
        }
    }
}

/// The paragraphs of a summary that say what was found: those marked `findings`; where the file
/// marks none, the first paragraph (files written before `summary_parts`).
fn found_paragraphs<'t>(case: &Case, text: &'t str) -> Vec<&'t str> {
    let paragraphs: Vec<&str> = crate::library::paragraphs(text).collect();
    if case.summary_parts.is_empty() {
        return paragraphs.into_iter().take(1).collect();
    }
    if case.summary_parts.len() != paragraphs.len() {
        // An English summary whose paragraphs do not match the parts: nothing, rather than a guess.
        return Vec::new();
    }
    paragraphs
        .into_iter()
        .zip(case.summary_parts.iter())
        .filter(|(_, part)| **part == SummaryPart::Findings)
        .map(|(p, _)| p)
        .collect()
}

/// An exercise before its answer and reason.
struct Partial {
    id: String,
    step: Step,
    case: Option<String>,
    facts: Vec<String>,
    question: String,
    assumption: Option<String>,
    cite: Option<String>,
    /// The language the exercise is written in, for its default citation.
    lang: crate::msg::Lang,
}

impl Partial {
    fn assume(mut self, assumption: String) -> Self {
        self.assumption = Some(assumption);
        self
    }

    /// Cites the answer's basis more precisely than the provision's own citation.
    fn cite_as(mut self, cite: String) -> Self {
        self.cite = Some(cite);
        self
    }

    fn finish(
        self,
        answer: Answer,
        explanation: String,
        statute: &Statute,
        highlight: Vec<String>,
    ) -> Exercise {
        Exercise {
            id: self.id,
            step: self.step,
            case: self.case,
            question: self.question,
            facts: self.facts,
            assumption: self.assumption,
            answer,
            reason: super::exercise::Reason {
                explanation,
                statute: statute.id.clone(),
                cite: self
                    .cite
                    .unwrap_or_else(|| self.lang.catalog().cite(statute)),
                // Only phrases that are in the text can be highlighted in it.
                highlight: highlight
                    .into_iter()
                    .filter(|h| !h.is_empty() && statute.text.contains(h.as_str()))
                    .collect(),
            },
        }
    }
}

/// A citation with the day it came into force (`消法 第二十九条第一款（2014-03-15 起施行）`): how
/// every option of a question about dates reads, right or wrong alike.
fn cite_dated(t: &TrainingCatalog, statute: &Statute, citation: String) -> String {
    match statute.in_force {
        Some(date) => fill(
            t.cite_dated,
            &[("citation", citation), ("in_force", date.to_string())],
        ),
        None => citation,
    }
}

/// The latest of a case's dates with what it is: `处罚决定 2019-05-24`, `所在名单公布 2019-11-18`.
fn latest_date_text(d: &Draw, case: &Case) -> Option<String> {
    let m = d.t.lang.catalog();
    crate::law::case_dates(d.library, case)
        .into_iter()
        .max_by_key(|(_, date)| date.latest())
        .map(|(kind, date)| format!("{} {date}", m.case_date_kinds[kind as usize]))
}

/// `¥12,000`.
fn yuan(amount: u64) -> String {
    crate::sheet::yuan(amount)
}

#[cfg(test)]
mod tests;
