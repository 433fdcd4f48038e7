//! The training screen (`t`): a session of exercises on the cases in view (the browser's filter
//! and search) and their law — question, answer, feedback that teaches, and a summary by step.
//! Each answer is written to the progress file at once; without a state directory (tests), the
//! session keeps its progress in memory.
//!
//! Why one file of over 500 lines: a screen is one component (its state machine, keys and update;
//! drawing is in `view.rs`, the answer keys in `answer.rs`), and the rest is its unit tests.

use ratatui::Frame;

use crate::library::Library;
use crate::msg::fill;
use crate::msg::training::TrainingCatalog;
use crate::training::clock;
use crate::training::exercise::{Exercise, Given};
use crate::training::progress::{Answered, Progress, Store};
use crate::training::schedule::{self, Why};
use crate::training::{SAMPLE, Scope as Drawn, exercises};
use crate::tui::context::Context;
use crate::tui::types::{Action, Next, Pane, Place, Scope};

use super::Screen;

pub(crate) mod answer;
pub(crate) mod view;

/// Exercises in a session.
pub const SESSION: usize = 10;
/// A wrong answer comes back this many exercises later in the same session.
const AGAIN_AFTER: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Question,
    Feedback {
        given: Given,
        right: bool,
    },
    /// The summary; `resume`, the stage it was opened over (`s` mid-session), to go back to.
    Summary {
        resume: Option<Resume>,
    },
    /// Esc in the middle of a session with answers or retries waiting: `y` leaves (the session
    /// kept, to resume from the summary), anything else goes back to `resume`.
    Leaving {
        resume: Resume,
    },
}

/// A stage of an unfinished session the summary can go back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resume {
    Question,
    Feedback { given: Given, right: bool },
}

impl Resume {
    fn stage(self) -> Stage {
        match self {
            Resume::Question => Stage::Question,
            Resume::Feedback { given, right } => Stage::Feedback { given, right },
        }
    }
}

pub struct Training<'l> {
    library: &'l Library,
    /// The training strings of the interface language.
    t: &'static TrainingCatalog,
    /// What the exercises are drawn from.
    scope: Drawn,
    store: Option<Store>,
    progress: Progress,
    /// The scope's cases, when narrower than the library (for the title).
    narrowed: Option<usize>,
    /// How many cases exercises were drawn from, when a sample of the scope.
    sampled: Option<usize>,
    exercises: Vec<Exercise>,
    /// Retries in another form (see [`Training::variant`]): a session index past `exercises`
    /// points here. Kept apart so that the summary and the schedule count each exercise once.
    retries: Vec<Exercise>,
    session: Vec<(usize, Why)>,
    /// The exercises a wrong answer has already brought back in this session (once each).
    again: Vec<usize>,
    at: usize,
    stage: Stage,
    typed: String,
    scroll: usize,
    answered: usize,
    right: usize,
    seed: u64,
    /// Said once in the status line: a progress file kept aside, a failed save.
    notice: Option<String>,
    /// A session left in the middle (`y` at the question "leave?"): the next `t` opens its
    /// summary, from which it resumes.
    left: Option<Resume>,
    /// The clock, fixed in tests so that screens do not change with the time.
    now: fn() -> clock::Millis,
}

impl<'l> Training<'l> {
    pub fn new(library: &'l Library) -> Self {
        Training {
            library,
            t: &crate::msg::training::ZH,
            scope: Drawn::all(library),
            store: None,
            progress: Progress::default(),
            narrowed: None,
            sampled: None,
            exercises: Vec::new(),
            retries: Vec::new(),
            session: Vec::new(),
            again: Vec::new(),
            at: 0,
            stage: Stage::Summary { resume: None },
            typed: String::new(),
            scroll: 0,
            answered: 0,
            right: 0,
            seed: 1,
            notice: None,
            left: None,
            now: clock::now,
        }
    }

    /// Keeps progress in `store` (the CLI's state directory).
    pub fn keep_progress_in(&mut self, store: Store) {
        self.store = Some(store);
    }

    /// Fixes the seed and the clock (tests and snapshots).
    pub fn fix(&mut self, seed: u64, now: fn() -> clock::Millis) {
        self.seed = seed;
        self.now = now;
    }

    fn t(&self) -> &'static TrainingCatalog {
        self.t
    }

    /// The exercise being asked or explained.
    pub fn current(&self) -> Option<&Exercise> {
        let &(i, _) = self.session.get(self.at)?;
        self.exercise(i)
    }

    /// A session's exercise by index: the drawn ones, then the retries.
    fn exercise(&self, i: usize) -> Option<&Exercise> {
        match i.checked_sub(self.exercises.len()) {
            Some(retry) => self.retries.get(retry),
            None => self.exercises.get(i),
        }
    }

    /// After an answer: whether it was right; `None` while asking or in the summary.
    pub fn feedback(&self) -> Option<bool> {
        match self.stage {
            Stage::Feedback { right, .. } => Some(right),
            _ => None,
        }
    }

    pub fn in_summary(&self) -> bool {
        matches!(self.stage, Stage::Summary { .. })
    }

    /// The exercises of the session not yet done (retries included).
    pub fn left_in_session(&self) -> usize {
        self.session.len().saturating_sub(self.at)
    }

    /// Whether Esc is asking "leave?" before leaving.
    pub fn asking_to_leave(&self) -> bool {
        matches!(self.stage, Stage::Leaving { .. })
    }

    /// Answers given or retries waiting, and exercises left: leaving would lose the round.
    fn unfinished(&self) -> bool {
        self.at < self.session.len() && (self.answered > 0 || !self.again.is_empty())
    }

    /// Where the session is, to come back to.
    fn resume_point(&self) -> Resume {
        match self.stage {
            Stage::Feedback { given, right } => Resume::Feedback { given, right },
            _ => Resume::Question,
        }
    }

    /// The session's exercises, wrong answers' repeats included.
    pub fn session_len(&self) -> usize {
        self.session.len()
    }

    /// The number of cases trained on, when narrower than the library.
    pub fn narrowed(&self) -> Option<usize> {
        self.narrowed
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// A new session: due items, then new ones; `anyway`: practise items not yet due.
    fn start(&mut self, anyway: bool) {
        let now = (self.now)();
        self.session = schedule::plan(
            &self.exercises,
            &self.progress,
            now,
            self.seed,
            SESSION,
            anyway,
        );
        if self.session.is_empty() && !anyway {
            self.session = Vec::new();
        }
        self.at = 0;
        self.again.clear();
        self.retries.clear();
        self.answered = 0;
        self.right = 0;
        self.typed.clear();
        self.scroll = 0;
        self.stage = if self.session.is_empty() {
            Stage::Summary { resume: None }
        } else {
            Stage::Question
        };
    }

    fn answer(&mut self, given: Given) {
        let Some(exercise) = self.current() else {
            return;
        };
        let right = exercise.is_right(given);
        let (id, step) = (exercise.id.clone(), exercise.step.key());
        let answered = Answered {
            at: (self.now)(),
            right,
        };
        match &self.store {
            Some(store) => match store.record(&self.progress, &id, step, answered) {
                Ok((progress, kept)) => {
                    self.progress = progress;
                    if let Some(kept) = kept {
                        self.notice = Some(fill(
                            self.t().kept_aside,
                            &[("why", kept.why), ("path", kept.to.display().to_string())],
                        ));
                    }
                }
                Err(error) => {
                    self.progress.add(&id, step, answered);
                    self.notice = Some(fill(self.t().save_failed, &[("error", error.to_string())]));
                }
            },
            None => self.progress.add(&id, step, answered),
        }
        self.answered += 1;
        if right {
            self.right += 1;
        } else {
            // Soon again: a few exercises later in this session, once, reshuffled.
            let item = self.session[self.at].0;
            if !self.again.contains(&item) {
                self.again.push(item);
                let variant = self.exercise(item).and_then(|e| self.variant(e));
                let retry = match variant {
                    Some(variant) => {
                        self.retries.push(variant);
                        self.exercises.len() + self.retries.len() - 1
                    }
                    None => item,
                };
                self.again.push(retry);
                let at = (self.at + 1 + AGAIN_AFTER).min(self.session.len());
                self.session.insert(at, (retry, Why::Again));
            }
        }
        self.stage = Stage::Feedback { given, right };
        self.scroll = 0;
    }

    /// The same exercise drawn by another seed, so that a retry is not answered from memory:
    /// its options in another order, its assumed figures drawn anew. `None` when no seed tried
    /// gives a different form (an exercise with nothing to shuffle).
    fn variant(&self, e: &Exercise) -> Option<Exercise> {
        let form = |x: &Exercise| (x.answer.clone(), x.assumption.clone());
        (1..=8u64).find_map(|k| {
            let seed = self.seed.wrapping_add(k.wrapping_mul(0x9e37_79b9));
            exercises(self.t, self.library, &self.scope, &[e.step], seed)
                .into_iter()
                .find(|x| x.id == e.id && form(x) != form(e))
        })
    }

    fn go_on(&mut self) {
        self.at += 1;
        self.typed.clear();
        self.scroll = 0;
        self.stage = if self.at < self.session.len() {
            Stage::Question
        } else {
            Stage::Summary { resume: None }
        };
    }

    /// Feedback's links: the provision the answer rests on, then the case.
    fn links(&self) -> Vec<Place> {
        let Some(e) = self.current() else {
            return Vec::new();
        };
        let mut links = Vec::new();
        if let Some(statute) = self
            .library
            .statutes
            .iter()
            .position(|s| s.id == e.reason.statute)
        {
            links.push(Place::Statute { statute, scroll: 0 });
        }
        if let Some(case) = e
            .case
            .as_deref()
            .and_then(|id| self.library.cases.iter().position(|c| c.id == id))
        {
            links.push(Place::Case {
                case,
                focus: Pane::Detail,
                scroll: 0,
            });
        }
        links
    }

    fn on_question(&mut self, action: Action) -> Next {
        let Some(answer) = self.current().map(|e| e.answer.clone()) else {
            return Next::Stay;
        };
        let key = answer::key(&answer, &mut self.typed, action);
        self.notice = key.notice(self.t, self.notice.take());
        if let answer::Key::Given(given) = key {
            self.answer(given);
        }
        Next::Stay
    }
}

impl<'l> Screen<'l> for Training<'l> {
    fn scope(&self) -> Scope {
        Scope::Training
    }

    fn wants_view(&self) -> bool {
        true
    }

    /// Draws the exercises of the cases in view (all, if the browser shows them all), loads the
    /// progress, and starts a session.
    fn enter(&mut self, ctx: &Context<'l>, in_view: Option<Vec<usize>>) {
        let library = ctx.library;
        self.t = ctx.m.training;
        // A session left in the middle: its summary, from which Enter resumes it.
        if let Some(resume) = self.left.take() {
            self.stage = Stage::Summary {
                resume: Some(resume),
            };
            self.scroll = 0;
            return;
        }
        self.narrowed = in_view.as_ref().map(Vec::len);
        self.notice = None;
        if let Some(store) = &self.store {
            match store.load() {
                Ok((progress, kept)) => {
                    self.progress = progress;
                    self.notice = kept.map(|kept| {
                        fill(
                            self.t().kept_aside,
                            &[("why", kept.why), ("path", kept.to.display().to_string())],
                        )
                    });
                }
                Err(error) => {
                    self.notice = Some(fill(self.t().save_failed, &[("error", error.to_string())]))
                }
            }
        }
        let scope = match in_view {
            Some(cases) => Drawn::of_cases(library, cases),
            None => Drawn::all(library),
        };
        let total = scope.cases.len();
        let answered = self.progress.cases();
        let scope = scope.sampled(library, &|id| answered.contains(id), self.seed, SAMPLE);
        self.sampled = (scope.cases.len() < total).then_some(scope.cases.len());
        self.exercises = exercises(self.t(), library, &scope, &[], self.seed);
        self.scope = scope;
        self.start(false);
    }

    fn place(&self) -> Option<Place> {
        Some(Place::Training)
    }

    /// Esc asks before it leaves a round with answers or retries waiting.
    fn claims_back(&self) -> bool {
        match self.stage {
            Stage::Question | Stage::Feedback { .. } => self.unfinished(),
            Stage::Leaving { .. } => true,
            // Leaving the summary opened mid-round keeps the round (see `update`).
            Stage::Summary { resume: Some(_) } => self.unfinished(),
            Stage::Summary { resume: None } => false,
        }
    }

    /// The same exercises, in the new language; the session goes on where it was.
    fn relanguage(&mut self, ctx: &Context<'l>) {
        self.t = ctx.m.training;
        let old: Vec<String> = (0..self.exercises.len() + self.retries.len())
            .filter_map(|i| Some(self.exercise(i)?.id.clone()))
            .collect();
        self.exercises = exercises(self.t, ctx.library, &self.scope, &[], self.seed);
        // A retry comes back in its ordinary form in the new language.
        self.retries.clear();
        let index_of = |i: usize| self.exercises.iter().position(|e| e.id == old[i]);
        self.session = self
            .session
            .iter()
            .filter_map(|&(i, why)| Some((index_of(i)?, why)))
            .collect();
        self.again = self.again.iter().filter_map(|&i| index_of(i)).collect();
    }

    fn update(&mut self, ctx: &Context<'l>, action: Action) -> Next {
        if action == Action::Back {
            return match self.stage {
                Stage::Question | Stage::Feedback { .. } if self.unfinished() => {
                    self.stage = Stage::Leaving {
                        resume: self.resume_point(),
                    };
                    Next::Stay
                }
                Stage::Leaving { resume } => {
                    self.stage = resume.stage();
                    Next::Stay
                }
                // The summary opened mid-session (`s`): leaving keeps the round to resume.
                Stage::Summary {
                    resume: Some(resume),
                } if self.unfinished() => {
                    self.left = Some(resume);
                    Next::Close
                }
                _ => Next::Close,
            };
        }
        if let Stage::Leaving { resume } = self.stage {
            if action == Action::YesNo(true) {
                self.left = Some(resume);
                self.stage = Stage::Summary {
                    resume: Some(resume),
                };
                return Next::Close;
            }
            if !matches!(action, Action::Resize(..)) {
                self.stage = resume.stage();
            }
            return Next::Stay;
        }
        if let Action::Resize(..) = action {
            return Next::Stay;
        }
        if let Some(delta) = action.scroll_delta(ctx.height.saturating_sub(4) as usize) {
            self.scroll = self.scroll.saturating_add_signed(delta).min(10_000);
            return Next::Stay;
        }
        match (self.stage, action) {
            (
                Stage::Summary {
                    resume: Some(resume),
                },
                Action::Summary | Action::Open,
            ) => {
                self.stage = resume.stage();
                self.scroll = 0;
                Next::Stay
            }
            (Stage::Question | Stage::Feedback { .. }, Action::Summary) => {
                let resume = match self.stage {
                    Stage::Feedback { given, right } => Resume::Feedback { given, right },
                    _ => Resume::Question,
                };
                self.stage = Stage::Summary {
                    resume: Some(resume),
                };
                self.scroll = 0;
                Next::Stay
            }
            (Stage::Question, action) => self.on_question(action),
            (Stage::Feedback { .. }, Action::Open) => {
                self.go_on();
                Next::Stay
            }
            (Stage::Feedback { .. }, Action::Digit(d)) => {
                match self.links().get((d as usize).wrapping_sub(1)) {
                    Some(&place) => Next::Go(place),
                    None => Next::Stay,
                }
            }
            (Stage::Summary { resume: None }, Action::Open) => {
                // Another round: what is due and new, else practise anyway.
                self.start(false);
                if self.session.is_empty() {
                    self.start(true);
                }
                Next::Stay
            }
            _ => Next::Stay,
        }
    }

    fn view(&self, ctx: &Context<'l>, frame: &mut Frame) {
        view::draw(self, ctx, frame);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::exercise::Answer;
    use crate::tui::context::Context;
    use crate::tui::theme::Look;

    fn context(library: &Library) -> Context<'_> {
        Context {
            library,
            m: &crate::msg::ZH,
            look: Look::default(),
            width: 80,
            height: 24,
            keys: Scope::Training,
            keymap: crate::tui::keymap::built_in(),
        }
    }

    /// A wrong answer brings the exercise back later in the round, in another form: its options
    /// reshuffled or its assumed figures drawn anew, never the same screen to answer from memory.
    #[test]
    fn a_retry_is_reshuffled() {
        let library = crate::library::list_2019();
        let ctx = context(&library);
        let mut training = Training::new(&library);
        training.fix(1, || 1_795_934_412_345);
        training.enter(&ctx, None);
        let mut reshuffled = 0;
        for _ in 0..10 {
            let Some(e) = training.current().cloned() else {
                break;
            };
            // A retry answered wrongly again does not come back a third time.
            if training.session[training.at].1 == Why::Again {
                training.answer(Given::Number(0));
                training.go_on();
                continue;
            }
            let wrong = match &e.answer {
                Answer::Choice { right, options } => Given::Choice((right + 1) % options.len()),
                Answer::YesNo { right, .. } => Given::YesNo(!right),
                Answer::Number { right, .. } => Given::Number(right + 1),
            };
            training.answer(wrong);
            let retry = training
                .session
                .iter()
                .skip(training.at + 1)
                .find(|(i, why)| *why == Why::Again && training.exercise(*i).unwrap().id == e.id)
                .map(|(i, _)| training.exercise(*i).unwrap().clone())
                .expect("the wrong answer's exercise comes back");
            assert_eq!(retry.id, e.id);
            assert_eq!(retry.step, e.step);
            if (retry.answer.clone(), retry.assumption.clone())
                != (e.answer.clone(), e.assumption.clone())
            {
                reshuffled += 1;
            }
            training.go_on();
        }
        assert!(
            reshuffled >= 3,
            "{reshuffled} of the retries were reshuffled"
        );
    }
}
