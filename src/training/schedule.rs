//! When each exercise comes back: a Leitner scheme of five boxes, derived from the answers alone
//! (so two sessions' answers merge by simply joining them).
//!
//! - A new item enters at box 1. A right answer moves it up one box (at most 5); a wrong answer
//!   sends it back to box 1.
//! - It is due again after its box's interval, counted from the last answer: box 1 ten minutes
//!   (soon again, and once more later in the same session), box 2 one day, box 3 three days,
//!   box 4 a week, box 5 three weeks.
//! - A session takes the due items first (longest overdue first), then new ones (in an order
//!   drawn from the seed); when nothing is due or new, "practise anyway" takes the items that
//!   will be due soonest.

use super::clock::{DAY, MINUTE, Millis};
use super::exercise::Exercise;
use super::progress::{Answered, Progress};
use super::step::Step;

/// How long an item rests in each box before it is due again.
pub const INTERVALS: [Millis; 5] = [10 * MINUTE, DAY, 3 * DAY, 7 * DAY, 21 * DAY];

/// The box (1–5) the answers leave an item in; `None` if never answered.
pub fn box_of(answers: &[Answered]) -> Option<usize> {
    let last = answers.last()?;
    if !last.right {
        return Some(1);
    }
    let run = answers.iter().rev().take_while(|a| a.right).count();
    Some((1 + run).min(INTERVALS.len()))
}

/// When the item is due again; `None` if never answered (new).
pub fn due_at(answers: &[Answered]) -> Option<Millis> {
    let last = answers.last()?;
    Some(last.at + INTERVALS[box_of(answers)? - 1])
}

/// Why an exercise is in a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    Due,
    New,
    /// Not yet due: practised anyway.
    Ahead,
    /// Answered wrong earlier in this session: once more.
    Again,
}

/// The exercises of a session (indices into `exercises`), at most `count`: due, then new, then
/// (with `anyway`) the soonest due.
pub fn plan(
    exercises: &[Exercise],
    progress: &Progress,
    now: Millis,
    seed: u64,
    count: usize,
    anyway: bool,
) -> Vec<(usize, Why)> {
    let mut due = Vec::new();
    let mut new = Vec::new();
    let mut ahead = Vec::new();
    for (i, exercise) in exercises.iter().enumerate() {
        match due_at(progress.answers(&exercise.id)) {
            None => new.push(i),
            Some(at) if at <= now => due.push((at, i)),
            Some(at) => ahead.push((at, i)),
        }
    }
    due.sort();
    ahead.sort();
    let mut out: Vec<(usize, Why)> = due.into_iter().map(|(_, i)| (i, Why::Due)).collect();
    // New items: drawn at random, then asked in the order a case is decided (定性 → … → 条文).
    let mut rng = crate::rng::Rng::new(crate::rng::hash(seed, "session"));
    rng.shuffle(&mut new);
    let mut new = spread(exercises, new, count.saturating_sub(out.len()));
    new.sort_by_key(|&i| (exercises[i].step, i));
    out.extend(new.into_iter().map(|i| (i, Why::New)));
    if anyway {
        out.extend(ahead.into_iter().map(|(_, i)| (i, Why::Ahead)));
    }
    out.truncate(count);
    out
}

/// Up to `count` of `order` (indices into `exercises`), taken a step at a time in turn (定性, 罚则,
/// …, 条文, 定性 …), each step's in `order`: so ten exercises cover every step, not three of one.
pub fn spread(exercises: &[Exercise], order: Vec<usize>, count: usize) -> Vec<usize> {
    let mut by_step: Vec<std::collections::VecDeque<usize>> =
        Step::ALL.iter().map(|_| Default::default()).collect();
    for i in order {
        by_step[exercises[i].step as usize].push_back(i);
    }
    let mut out = Vec::new();
    while out.len() < count && by_step.iter().any(|q| !q.is_empty()) {
        for queue in &mut by_step {
            if out.len() < count
                && let Some(i) = queue.pop_front()
            {
                out.push(i);
            }
        }
    }
    out
}

/// When the next item of these exercises falls due, if any has been answered.
pub fn next_due(exercises: &[Exercise], progress: &Progress) -> Option<Millis> {
    exercises
        .iter()
        .filter_map(|e| due_at(progress.answers(&e.id)))
        .min()
}

/// One step's row of the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepSummary {
    pub step: Step,
    pub exercises: usize,
    pub answers: usize,
    pub right: usize,
    pub due: usize,
    pub new: usize,
}

impl StepSummary {
    /// The share of answers that were right, in whole per cent; `None` before any answer.
    pub fn percent(&self) -> Option<usize> {
        (self.answers > 0).then(|| (self.right * 100 + self.answers / 2) / self.answers)
    }
}

/// Where a trainee stands, step by step, over these exercises.
pub fn summary(exercises: &[Exercise], progress: &Progress, now: Millis) -> Vec<StepSummary> {
    Step::ALL
        .into_iter()
        .map(|step| {
            let mut row = StepSummary {
                step,
                exercises: 0,
                answers: 0,
                right: 0,
                due: 0,
                new: 0,
            };
            for e in exercises.iter().filter(|e| e.step == step) {
                let answers = progress.answers(&e.id);
                row.exercises += 1;
                row.answers += answers.len();
                row.right += answers.iter().filter(|a| a.right).count();
                match due_at(answers) {
                    None => row.new += 1,
                    Some(at) if at <= now => row.due += 1,
                    Some(_) => {}
                }
            }
            row
        })
        .filter(|row| row.exercises > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg::training::ZH;

    fn a(at: Millis, right: bool) -> Answered {
        Answered { at, right }
    }

    #[test]
    fn right_answers_climb_the_boxes_and_a_wrong_one_sends_back_to_the_first() {
        assert_eq!(box_of(&[]), None);
        assert_eq!(box_of(&[a(0, true)]), Some(2));
        assert_eq!(box_of(&[a(0, true), a(1, true), a(2, true)]), Some(4));
        let many: Vec<Answered> = (0..9).map(|i| a(i, true)).collect();
        assert_eq!(box_of(&many), Some(5));
        assert_eq!(box_of(&[a(0, true), a(1, true), a(2, false)]), Some(1));
        assert_eq!(box_of(&[a(0, false), a(1, true)]), Some(2));
    }

    #[test]
    fn due_dates_follow_the_box_intervals() {
        assert_eq!(due_at(&[a(100, false)]), Some(100 + 10 * MINUTE));
        assert_eq!(due_at(&[a(100, true)]), Some(100 + DAY));
        assert_eq!(due_at(&[a(0, true), a(100, true)]), Some(100 + 3 * DAY));
    }

    #[test]
    fn a_session_takes_due_items_first_then_new_and_practises_ahead_only_when_asked() {
        let library = crate::library::load(&Default::default()).unwrap();
        let scope = crate::training::Scope::all(&library);
        let all = crate::training::exercises(&ZH, &library, &scope, &[], 1);
        let now = 100 * DAY;
        let mut progress = Progress::default();
        // Item 0: answered wrong long ago, due. Item 1: answered right just now, not due.
        // Item 2: answered right two days ago, due (box 2: one day). Everything else is new.
        progress.add(&all[0].id, "x", a(now - 5 * DAY, false));
        progress.add(&all[1].id, "x", a(now, true));
        progress.add(&all[2].id, "x", a(now - 2 * DAY, true));
        let plan_ = plan(&all, &progress, now, 1, all.len(), false);
        assert_eq!(plan_[0], (0, Why::Due), "the longest overdue first");
        assert_eq!(plan_[1], (2, Why::Due));
        assert!(plan_[2..].iter().all(|&(_, why)| why == Why::New));
        let steps: Vec<Step> = plan_[2..].iter().map(|&(i, _)| all[i].step).collect();
        assert!(
            steps.is_sorted(),
            "new items in the order a case is decided"
        );
        assert_eq!(plan_.len(), all.len() - 1, "the item not due is left out");
        let anyway = plan(&all, &progress, now, 1, all.len(), true);
        assert_eq!(anyway.last(), Some(&(1, Why::Ahead)));
        assert_eq!(plan(&all, &progress, now, 1, 5, false).len(), 5);
        // The same seed orders new items the same way.
        assert_eq!(plan_, plan(&all, &progress, now, 1, all.len(), false));
    }

    #[test]
    fn the_summary_shows_each_steps_share_of_right_answers() {
        let library = crate::library::load(&Default::default()).unwrap();
        let scope = crate::training::Scope::all(&library);
        let all = crate::training::exercises(&ZH, &library, &scope, &[], 1);
        let qualify: Vec<&Exercise> = all.iter().filter(|e| e.step == Step::Qualify).collect();
        let mut progress = Progress::default();
        for (i, e) in qualify.iter().take(5).enumerate() {
            progress.add(&e.id, "qualify", a(0, i != 0));
        }
        let rows = summary(&all, &progress, DAY / 2);
        let row = rows.iter().find(|r| r.step == Step::Qualify).unwrap();
        assert_eq!((row.answers, row.right, row.percent()), (5, 4, Some(80)));
        assert_eq!(row.due, 1, "the wrong answer is due after ten minutes");
        assert_eq!(row.new, qualify.len() - 5);
        let words = rows.iter().find(|r| r.step == Step::Words).unwrap();
        assert_eq!(words.percent(), None);
    }
}

#[cfg(test)]
mod spread_tests {
    use super::*;

    #[test]
    fn ten_exercises_cover_every_step() {
        let library = crate::library::load(&Default::default()).unwrap();
        let scope = crate::training::Scope::all(&library);
        let all = crate::training::exercises(&crate::msg::training::ZH, &library, &scope, &[], 1);
        let picked = spread(&all, (0..all.len()).collect(), 10);
        assert_eq!(picked.len(), 10);
        let steps: std::collections::HashSet<Step> = picked.iter().map(|&i| all[i].step).collect();
        assert_eq!(steps.len(), Step::ALL.len());
        assert_eq!(
            spread(&all, (0..all.len()).collect(), 1000).len(),
            all.len()
        );
    }
}
