//! The instructor's view of a class: per person, how much they answered, how much was right,
//! what is due now and when they were last seen; per exercise, how often it was answered wrongly,
//! the hardest first. Pure: from each person's progress, read by the caller.

use serde::Serialize;

use super::clock::Millis;
use super::progress::Progress;
use super::schedule::due_at;

/// One person's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub name: String,
    /// Exercises answered at least once.
    pub exercises: usize,
    /// Answers given, and how many were right.
    pub answers: usize,
    pub right: usize,
    /// Exercises whose review is due now.
    pub due: usize,
    /// The last answer, if any.
    pub last_seen: Option<Millis>,
    /// Why the person's file could not be read, if it could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<String>,
}

impl Person {
    /// Right answers in whole per cent; `None` before any answer.
    pub fn percent(&self) -> Option<usize> {
        (self.answers > 0).then(|| (self.right * 100 + self.answers / 2) / self.answers)
    }
}

/// One exercise's row: how the class answered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exercise {
    pub id: String,
    pub step: String,
    pub answers: usize,
    pub wrong: usize,
    /// People who answered it.
    pub people: usize,
}

impl Exercise {
    /// Wrong answers in whole per cent.
    pub fn percent_wrong(&self) -> usize {
        (self.wrong * 100 + self.answers / 2) / self.answers.max(1)
    }
}

/// One person's sittings of one exam.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sitting {
    pub code: String,
    pub person: String,
    pub attempts: usize,
    /// The last attempt's score, and the best: (right, total).
    pub last: (usize, usize),
    pub best: (usize, usize),
}

/// The whole class.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Class {
    pub people: Vec<Person>,
    /// Exercises answered wrongly at least once, the hardest first (the largest share wrong,
    /// then the most wrong answers, then by id).
    pub exercises: Vec<Exercise>,
    /// Each exam's sittings, by code, then by person.
    pub exams: Vec<Sitting>,
}

/// The class from each person's progress (`Err`: why their file could not be read), at `now`.
pub fn class(people: &[(String, Result<Progress, String>)], now: Millis) -> Class {
    let mut out = Class::default();
    let mut exercises: std::collections::BTreeMap<&str, Exercise> = Default::default();
    for (name, progress) in people {
        let mut person = Person {
            name: name.clone(),
            exercises: 0,
            answers: 0,
            right: 0,
            due: 0,
            last_seen: None,
            unreadable: None,
        };
        let progress = match progress {
            Ok(progress) => progress,
            Err(why) => {
                person.unreadable = Some(why.clone());
                out.people.push(person);
                continue;
            }
        };
        for (id, step, answers) in progress.items() {
            if answers.is_empty() {
                continue;
            }
            let right = answers.iter().filter(|a| a.right).count();
            person.exercises += 1;
            person.answers += answers.len();
            person.right += right;
            if due_at(answers).is_some_and(|at| at <= now) {
                person.due += 1;
            }
            person.last_seen = person.last_seen.max(answers.last().map(|a| a.at));
            let row = exercises.entry(id).or_insert_with(|| Exercise {
                id: id.to_string(),
                step: step.to_string(),
                answers: 0,
                wrong: 0,
                people: 0,
            });
            row.answers += answers.len();
            row.wrong += answers.len() - right;
            row.people += 1;
        }
        for (code, attempts) in progress.exams() {
            let (Some(last), Some(best)) = (
                attempts.last(),
                attempts
                    .iter()
                    .max_by_key(|a| (a.right * 1000) / a.total.max(1)),
            ) else {
                continue;
            };
            out.exams.push(Sitting {
                code: code.to_string(),
                person: name.clone(),
                attempts: attempts.len(),
                last: (last.right, last.total),
                best: (best.right, best.total),
            });
        }
        out.people.push(person);
    }
    out.exams
        .sort_by(|a, b| a.code.cmp(&b.code).then(a.person.cmp(&b.person)));
    out.exercises = exercises.into_values().filter(|e| e.wrong > 0).collect();
    out.exercises.sort_by(|a, b| {
        (b.wrong * a.answers.max(1))
            .cmp(&(a.wrong * b.answers.max(1)))
            .then(b.wrong.cmp(&a.wrong))
            .then(a.id.cmp(&b.id))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::clock::{DAY, MINUTE};
    use crate::training::progress::Answered;

    fn progress(answers: &[(&str, &str, Millis, bool)]) -> Progress {
        let mut p = Progress::default();
        for &(id, step, at, right) in answers {
            p.add(id, step, Answered { at, right });
        }
        p
    }

    #[test]
    fn each_person_counted_on_their_own_and_the_hardest_first() {
        let now = 10 * DAY;
        let alice = progress(&[
            ("q1", "qualify", now - 2 * DAY, true),
            ("q1", "qualify", now - DAY, true),
            ("q2", "penalty", now - MINUTE, false),
        ]);
        let mut bob = progress(&[
            ("q2", "penalty", now - 3 * DAY, false),
            ("q3", "words", now - 5 * MINUTE, true),
        ]);
        for (at, right) in [(now - DAY, 6), (now - MINUTE, 5)] {
            let attempt = crate::training::progress::Attempt {
                at,
                right,
                total: 10,
            };
            bob.add_attempt("42-3-3f-57", attempt);
        }
        let people = vec![
            ("alice".to_string(), Ok(alice)),
            ("bob".to_string(), Ok(bob)),
            ("carol".to_string(), Err("not UTF-8 text".to_string())),
        ];
        let class = class(&people, now);
        let alice = &class.people[0];
        assert_eq!((alice.exercises, alice.answers, alice.right), (2, 3, 2));
        assert_eq!(alice.percent(), Some(67));
        // q1 (box 3 after two right answers) is due in 3 days; q2 (wrong a minute ago) in 10 min.
        assert_eq!(alice.due, 0);
        assert_eq!(alice.last_seen, Some(now - MINUTE));
        let bob = &class.people[1];
        // q2 wrong three days ago: due; q3 right five minutes ago: box 2, due in a day.
        assert_eq!((bob.answers, bob.right, bob.due), (2, 1, 1));
        assert_eq!(
            class.people[2].unreadable.as_deref(),
            Some("not UTF-8 text")
        );
        // Only q2 was ever answered wrongly: by both, every time.
        assert_eq!(class.exercises.len(), 1);
        let q2 = &class.exercises[0];
        assert_eq!(
            (q2.id.as_str(), q2.answers, q2.wrong, q2.people),
            ("q2", 2, 2, 2)
        );
        assert_eq!(q2.percent_wrong(), 100);
        // Bob sat one exam twice: the last score and the best.
        assert_eq!(class.exams.len(), 1);
        let sitting = &class.exams[0];
        assert_eq!((sitting.person.as_str(), sitting.attempts), ("bob", 2));
        assert_eq!((sitting.last, sitting.best), ((5, 10), (6, 10)));
    }

    #[test]
    fn the_hardest_by_share_then_count() {
        let now = DAY;
        let p = progress(&[
            ("easy", "qualify", 1, false),
            ("easy", "qualify", 2, true),
            ("easy", "qualify", 3, true),
            ("hard", "qualify", 1, false),
            ("hard", "qualify", 2, false),
            ("half", "qualify", 1, false),
            ("half", "qualify", 2, true),
        ]);
        let class = class(&[("a".to_string(), Ok(p))], now);
        let ids: Vec<&str> = class.exercises.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["hard", "half", "easy"]);
    }
}
