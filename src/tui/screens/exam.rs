//! An exam (`T`): the trainee types the code the instructor gave (`casebook quiz --exam`) and
//! answers exactly those exercises, in that order, without being told right or wrong; at the end,
//! the score and every answer with the right one and its reason. Each answer counts in the
//! trainee's progress as it is given; the score is saved with the exam's code when the last
//! answer is in (a second sitting is a second attempt).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::library::Library;
use crate::msg::fill;
use crate::msg::training::TrainingCatalog;
use crate::training::clock;
use crate::training::exam::Exam as ExamCode;
use crate::training::exercise::{Exercise, Given};
use crate::training::handout::right_answer;
use crate::training::progress::{Answered, Attempt, Progress, Store};
use crate::tui::context::Context;
use crate::tui::search_line::{self, SearchLine};
use crate::tui::theme;
use crate::tui::types::{Action, Next, Scope};
use crate::tui::widgets::{pane, scrolled, status_line};

use super::Screen;
use super::training::answer;
use super::training::view::{given_text, push_wrapped, question_lines};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Typing the code.
    Code,
    Question,
    /// The score and the review.
    Result,
}

pub struct Exam<'l> {
    library: &'l Library,
    t: &'static TrainingCatalog,
    store: Option<Store>,
    progress: Progress,
    stage: Stage,
    pub line: SearchLine,
    /// Why the code typed was refused.
    refused: Option<String>,
    code: String,
    pub exercises: Vec<Exercise>,
    /// The answers given, in order.
    pub given: Vec<Given>,
    typed: String,
    scroll: usize,
    /// Which attempt this was at its code (1 for the first).
    attempt: usize,
    notice: Option<String>,
    now: fn() -> clock::Millis,
}

impl<'l> Exam<'l> {
    pub fn new(library: &'l Library) -> Self {
        Exam {
            library,
            t: &crate::msg::training::ZH,
            store: None,
            progress: Progress::default(),
            stage: Stage::Code,
            line: SearchLine::default(),
            refused: None,
            code: String::new(),
            exercises: Vec::new(),
            given: Vec::new(),
            typed: String::new(),
            scroll: 0,
            attempt: 0,
            notice: None,
            now: clock::now,
        }
    }

    /// Keeps answers and scores in `store` (the trainee's own).
    pub fn keep_progress_in(&mut self, store: Store) {
        self.store = Some(store);
    }

    /// Fixes the clock (tests).
    pub fn fix(&mut self, now: fn() -> clock::Millis) {
        self.now = now;
    }

    /// The score: right answers of all.
    pub fn score(&self) -> (usize, usize) {
        let right = self
            .exercises
            .iter()
            .zip(&self.given)
            .filter(|(e, g)| e.is_right(**g))
            .count();
        (right, self.exercises.len())
    }

    pub fn finished(&self) -> bool {
        self.stage == Stage::Result
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Enter on the code: the exam's exercises, or why not.
    fn begin(&mut self) {
        let typed = self.line.query.trim().to_string();
        match ExamCode::parse(&typed) {
            Ok(exam) => {
                let exercises = exam.exercises(self.t, self.library);
                if exercises.is_empty() {
                    self.refused = Some(self.t.none_in_scope.to_string());
                    return;
                }
                self.code = exam.code();
                self.exercises = exercises;
                self.given.clear();
                self.typed.clear();
                self.scroll = 0;
                self.refused = None;
                self.stage = Stage::Question;
                if let Some(store) = &self.store
                    && let Ok((progress, _)) = store.load()
                {
                    self.progress = progress;
                }
            }
            Err(why) => {
                let m = self.t.lang.catalog();
                self.refused = Some(m.msg(&why).to_string());
            }
        }
    }

    /// One answer: counted in the progress at once; the next exercise, or the result.
    fn answer(&mut self, given: Given) {
        let Some(e) = self.exercises.get(self.given.len()) else {
            return;
        };
        let answered = Answered {
            at: (self.now)(),
            right: e.is_right(given),
        };
        let (id, step) = (e.id.clone(), e.step.key());
        self.save(|store, progress| store.record(progress, &id, step, answered));
        if self.store.is_none() {
            self.progress.add(&id, step, answered);
        }
        self.given.push(given);
        self.typed.clear();
        self.scroll = 0;
        if self.given.len() == self.exercises.len() {
            self.finish();
        }
    }

    /// The last answer is in: the score saved with the code, then the result.
    fn finish(&mut self) {
        let (right, total) = self.score();
        let attempt = Attempt {
            at: (self.now)(),
            right,
            total,
        };
        let code = self.code.clone();
        self.save(|store, progress| store.record_attempt(progress, &code, attempt));
        if self.store.is_none() {
            self.progress.add_attempt(&code, attempt);
        }
        self.attempt = self
            .progress
            .exams()
            .find(|(c, _)| *c == self.code)
            .map_or(1, |(_, attempts)| attempts.len());
        self.stage = Stage::Result;
    }

    /// Writes through the store (when there is one), keeping what it read back.
    fn save(
        &mut self,
        write: impl FnOnce(
            &Store,
            &Progress,
        )
            -> std::io::Result<(Progress, Option<crate::training::progress::KeptAside>)>,
    ) {
        let Some(store) = &self.store else { return };
        match write(store, &self.progress) {
            Ok((progress, kept)) => {
                self.progress = progress;
                if let Some(kept) = kept {
                    self.notice = Some(fill(
                        self.t.kept_aside,
                        &[("why", kept.why), ("path", kept.to.display().to_string())],
                    ));
                }
            }
            Err(error) => {
                self.notice = Some(fill(self.t.save_failed, &[("error", error.to_string())]));
            }
        }
    }

    fn on_question(&mut self, action: Action) {
        let Some(answer) = self
            .exercises
            .get(self.given.len())
            .map(|e| e.answer.clone())
        else {
            return;
        };
        let key = answer::key(&answer, &mut self.typed, action);
        self.notice = key.notice(self.t, self.notice.take());
        if let answer::Key::Given(given) = key {
            self.answer(given);
        }
    }

    /// The score, then each exercise: the question, the answer given, the right one, the reason.
    fn result_lines(&self, ctx: &Context, width: usize) -> Vec<Line<'static>> {
        let t = self.t;
        let look = ctx.look;
        let (right, total) = self.score();
        let mut lines = Vec::new();
        let score = fill(
            t.exam_score,
            &[
                ("right", right.to_string()),
                ("total", total.to_string()),
                (
                    "percent",
                    ((right * 100 + total / 2) / total.max(1)).to_string(),
                ),
                ("code", self.code.clone()),
                ("attempt", self.attempt.to_string()),
            ],
        );
        push_wrapped(&mut lines, &score, width, theme::heading(look));
        for (n, (e, &given)) in self.exercises.iter().zip(&self.given).enumerate() {
            lines.push(Line::default());
            let mark = if e.is_right(given) { "✓" } else { "✗" };
            let head = format!("{}. {mark} {}", n + 1, e.question);
            push_wrapped(&mut lines, &head, width, theme::title(look));
            let yours = fill(t.your_answer, &[("answer", given_text(t, e, given))]);
            push_wrapped(&mut lines, &yours, width, Style::new());
            if !e.is_right(given) {
                let right = fill(t.right_answer, &[("answer", right_answer(t, e))]);
                push_wrapped(&mut lines, &right, width, Style::new());
            }
            push_wrapped(&mut lines, &e.reason.explanation, width, theme::quiet(look));
        }
        lines
    }
}

impl<'l> Screen<'l> for Exam<'l> {
    /// Typing the code takes the search box's keys; answering and reading, training's.
    fn scope(&self) -> Scope {
        match self.stage {
            Stage::Code => Scope::Search,
            Stage::Question | Stage::Result => Scope::Training,
        }
    }

    fn enter(&mut self, ctx: &Context<'l>, _in_view: Option<Vec<usize>>) {
        self.t = ctx.m.training;
        if self.stage != Stage::Question {
            self.stage = Stage::Code;
            self.line = SearchLine::default();
            self.line.start();
            self.refused = None;
            self.notice = None;
        }
    }

    fn relanguage(&mut self, ctx: &Context<'l>) {
        self.t = ctx.m.training;
        if let Ok(exam) = ExamCode::parse(&self.code) {
            self.exercises = exam.exercises(self.t, self.library);
        }
    }

    fn update(&mut self, ctx: &Context<'l>, action: Action) -> Next {
        match self.stage {
            Stage::Code => {
                if let Some(changed) = self.line.apply(&action) {
                    if changed {
                        self.refused = None;
                    }
                    return Next::Stay;
                }
                match action {
                    Action::SearchOpen => self.begin(),
                    Action::SearchLeave | Action::Back => return Next::Close,
                    _ => {}
                }
            }
            Stage::Question => match action {
                Action::Back => return Next::Close,
                action => self.on_question(action),
            },
            Stage::Result => {
                if let Some(delta) = action.scroll_delta(ctx.height.saturating_sub(4) as usize) {
                    self.scroll = self.scroll.saturating_add_signed(delta).min(10_000);
                    return Next::Stay;
                }
                if matches!(action, Action::Back | Action::Open) {
                    return Next::Close;
                }
            }
        }
        Next::Stay
    }

    fn view(&self, ctx: &Context<'l>, frame: &mut Frame) {
        let (w, h) = (ctx.width, ctx.height);
        let t = self.t;
        let title_area = Rect::new(0, 0, w, 1);
        let body = Rect::new(0, 1, w, h.saturating_sub(2));
        let status = Rect::new(0, h.saturating_sub(1), w, 1);
        let width = body.width.saturating_sub(2) as usize;
        let (title, lines, hint): (String, Vec<Line<'static>>, String) = match self.stage {
            Stage::Code => (
                t.exam_title.to_string(),
                self.refused
                    .iter()
                    .map(|why| {
                        Line::from(Span::styled(
                            crate::text::sanitize_line(why),
                            theme::heading(ctx.look),
                        ))
                    })
                    .collect(),
                t.exam_hint_code.to_string(),
            ),
            Stage::Question => {
                let n = self.given.len();
                let e = &self.exercises[n.min(self.exercises.len() - 1)];
                (
                    fill(
                        t.exam_counter,
                        &[
                            ("n", (n + 1).to_string()),
                            ("total", self.exercises.len().to_string()),
                            ("code", self.code.clone()),
                        ],
                    ),
                    question_lines(ctx, t, e, &self.typed, width),
                    t.exam_hint_question.to_string(),
                )
            }
            Stage::Result => (
                fill(t.exam_done, &[("code", self.code.clone())]),
                self.result_lines(ctx, width),
                t.exam_hint_result.to_string(),
            ),
        };
        let head = format!(" {} · {title}", t.screen_title);
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                crate::text::truncate(&head, w as usize),
                theme::title(ctx.look),
            ))),
            title_area,
        );
        let mut lines = lines;
        let scroll = if self.stage == Stage::Code {
            // The code box on the first line of the pane, what was refused under it.
            lines.insert(0, Line::default());
            0
        } else {
            let visible = body.height.saturating_sub(2) as usize;
            self.scroll.min(lines.len().saturating_sub(visible))
        };
        scrolled(frame, body, pane(ctx, true, ""), lines, scroll);
        if self.stage == Stage::Code {
            let input = Rect::new(body.x + 1, body.y + 1, body.width.saturating_sub(2), 1);
            search_line::view(ctx, &self.line, t.exam_label, frame, input);
        }
        let note = self.notice.clone().unwrap_or(hint);
        status_line(ctx, frame, status, "", None, Some(&note));
    }
}
