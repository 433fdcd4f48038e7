//! The training screen (`t`): a session of exercises on the cases in view (the browser's filter
//! and search) and their law — question, answer, feedback that teaches, and a summary by step.
//! Each answer is written to the progress file at once; without a state directory (tests), the
//! session keeps its progress in memory.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::library::Library;
use crate::msg::fill;
use crate::msg::training::TrainingCatalog;
use crate::training::clock;
use crate::training::exercise::{Answer, Exercise, Given};
use crate::training::handout::{right_answer, wrong_lines};
use crate::training::progress::{Answered, Progress, Store};
use crate::training::schedule::{self, Why};
use crate::training::{Scope as Drawn, exercises};
use crate::tui::text::wrap_at;
use crate::tui::theme;
use crate::tui::types::{Action, Context, Next, Pane, Place, Scope};
use crate::tui::widgets::{cell, marked_spans, pane, scrolled, status_line};

use super::Screen;

/// Exercises in a session.
pub const SESSION: usize = 10;
/// The most cases exercises are drawn from at once: beyond, the cases answered on and a sample
/// (drawing every exercise of 100,000 cases would take seconds; a session needs ten).
pub const SAMPLE: usize = 2_000;
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
}

/// A stage of an unfinished session the summary can go back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resume {
    Question,
    Feedback { given: Given, right: bool },
}

pub struct Training<'l> {
    library: &'l Library,
    store: Option<Store>,
    progress: Progress,
    /// The scope's cases, when narrower than the library (for the title).
    narrowed: Option<usize>,
    /// How many cases exercises were drawn from, when a sample of the scope.
    sampled: Option<usize>,
    exercises: Vec<Exercise>,
    session: Vec<(usize, Why)>,
    at: usize,
    stage: Stage,
    typed: String,
    scroll: usize,
    answered: usize,
    right: usize,
    seed: u64,
    /// Said once in the status line: a progress file kept aside, a failed save.
    notice: Option<String>,
    /// The clock, fixed in tests so that screens do not change with the time.
    now: fn() -> clock::Millis,
}

impl<'l> Training<'l> {
    pub fn new(library: &'l Library) -> Self {
        Training {
            library,
            store: None,
            progress: Progress::default(),
            narrowed: None,
            sampled: None,
            exercises: Vec::new(),
            session: Vec::new(),
            at: 0,
            stage: Stage::Summary { resume: None },
            typed: String::new(),
            scroll: 0,
            answered: 0,
            right: 0,
            seed: 1,
            notice: None,
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
        &crate::msg::training::ZH
    }

    /// The exercise being asked or explained.
    pub fn current(&self) -> Option<&Exercise> {
        let &(i, _) = self.session.get(self.at)?;
        self.exercises.get(i)
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
            // Soon again: a few exercises later in this session, once.
            let item = self.session[self.at].0;
            let later = self.session[self.at + 1..].iter().any(|&(i, _)| i == item);
            if !later {
                let at = (self.at + 1 + AGAIN_AFTER).min(self.session.len());
                self.session.insert(at, (item, Why::Due));
            }
        }
        self.stage = Stage::Feedback { given, right };
        self.scroll = 0;
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
        match (&answer, action) {
            (Answer::Choice { options, .. }, Action::Digit(d))
                if (1..=options.len()).contains(&(d as usize)) =>
            {
                self.answer(Given::Choice(d as usize - 1))
            }
            (Answer::Choice { options, .. }, Action::Choose(i)) if (i as usize) < options.len() => {
                self.answer(Given::Choice(i as usize))
            }
            (Answer::YesNo { .. }, Action::YesNo(yes)) => self.answer(Given::YesNo(yes)),
            (Answer::YesNo { .. }, Action::Digit(d @ 1..=2)) => self.answer(Given::YesNo(d == 1)),
            (Answer::Number { .. }, Action::Digit(d)) if self.typed.len() < 18 => {
                self.typed.push(char::from(b'0' + d))
            }
            (Answer::Number { .. }, Action::SearchBackspace) => {
                self.typed.pop();
            }
            (Answer::Number { .. }, Action::Open) => {
                if let Ok(n) = self.typed.parse::<u64>() {
                    self.answer(Given::Number(n));
                }
            }
            _ => {}
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
        self.start(false);
    }

    fn place(&self) -> Option<Place> {
        Some(Place::Training)
    }

    fn update(&mut self, ctx: &Context<'l>, action: Action) -> Next {
        if action == Action::Back {
            return Next::Close;
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
                self.stage = match resume {
                    Resume::Question => Stage::Question,
                    Resume::Feedback { given, right } => Stage::Feedback { given, right },
                };
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
        let (w, h) = (ctx.width, ctx.height);
        let title_area = Rect::new(0, 0, w, 1);
        let body = Rect::new(0, 1, w, h.saturating_sub(2));
        let status = Rect::new(0, h.saturating_sub(1), w, 1);
        let text_width = body.width.saturating_sub(2) as usize;
        let t = self.t();
        let scope = match self.narrowed {
            Some(n) => fill(t.scope_filter, &[("n", crate::text::thousands(n as u64))]),
            None => t.scope_all.to_string(),
        };
        let scope = match self.sampled {
            Some(n) => fill(
                t.scope_sampled,
                &[("scope", scope), ("n", crate::text::thousands(n as u64))],
            ),
            None => scope,
        };
        let (title, lines, hint) = match (self.stage, self.current()) {
            (Stage::Question, Some(e)) => (
                self.counter(e),
                question_lines(ctx, t, e, &self.typed, text_width),
                self.question_hint(e),
            ),
            (Stage::Feedback { given, right }, Some(e)) => (
                self.counter(e),
                self.feedback_lines(ctx, e, given, right, text_width),
                self.feedback_hint(),
            ),
            (Stage::Summary { resume: Some(_) }, _) => (
                t.summary_title.to_string(),
                self.summary_lines(ctx, text_width),
                t.hint_resume.to_string(),
            ),
            _ => (
                t.summary_title.to_string(),
                self.summary_lines(ctx, text_width),
                t.hint_summary.to_string(),
            ),
        };
        let head = format!(" {} · {title}", t.screen_title);
        let room = (w as usize).saturating_sub(crate::text::width(&scope) + 2);
        let head = crate::text::pad(&crate::text::truncate(&head, room), room);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(head, theme::title(ctx.look)),
                Span::styled(format!("{scope} "), theme::quiet(ctx.look)),
            ])),
            title_area,
        );
        let visible = body.height.saturating_sub(2) as usize;
        let scroll = self.scroll.min(lines.len().saturating_sub(visible));
        scrolled(frame, body, pane(ctx, true, ""), lines, scroll);
        let note = self.notice.clone().unwrap_or(hint);
        status_line(ctx, frame, status, "", None, Some(&note));
    }
}

impl Training<'_> {
    fn counter(&self, e: &Exercise) -> String {
        let t = self.t();
        let why = match self.session[self.at].1 {
            Why::Due => t.why_due,
            Why::New => t.why_new,
            Why::Ahead => t.why_ahead,
        };
        fill(
            t.counter,
            &[
                ("i", (self.at + 1).to_string()),
                ("n", self.session.len().to_string()),
                ("step", e.step.label(t).to_string()),
                ("why", why.to_string()),
            ],
        )
    }

    fn question_hint(&self, e: &Exercise) -> String {
        let t = self.t();
        match &e.answer {
            Answer::Choice { options, .. } => fill(
                t.hint_choice,
                &[
                    ("n", options.len().to_string()),
                    ("last", Exercise::letter(options.len() - 1).to_string()),
                ],
            ),
            Answer::YesNo { .. } => t.hint_yes_no.to_string(),
            Answer::Number { .. } => t.hint_number.to_string(),
        }
    }

    fn feedback_hint(&self) -> String {
        let t = self.t();
        let links: Vec<String> = self
            .links()
            .iter()
            .enumerate()
            .map(|(i, place)| {
                let what = match place {
                    Place::Case { .. } => t.link_case,
                    _ => t.link_statute,
                };
                format!("{} {what}", i + 1)
            })
            .collect();
        fill(t.hint_feedback, &[("links", links.join(" · "))])
    }

    fn link_label(&self, place: &Place) -> String {
        let t = self.t();
        match *place {
            Place::Statute { statute, .. } => format!(
                "{}{}",
                t.open_label,
                self.library.statutes[statute].citation()
            ),
            Place::Case { case, .. } => fill(
                t.open_case,
                &[("party", self.library.cases[case].party.name.to_string())],
            ),
            Place::Training => String::new(),
        }
    }

    /// Right or wrong, the right answer, the reason, the provision's words with the deciding
    /// phrase marked, why the other answers are wrong, and where to read on.
    fn feedback_lines(
        &self,
        ctx: &Context,
        e: &Exercise,
        given: Given,
        right: bool,
        width: usize,
    ) -> Vec<Line<'static>> {
        let t = self.t();
        let look = ctx.look;
        let mut lines = Vec::new();
        let (mark, verdict, style) = match (right, look.ascii) {
            (true, false) => ("✓ ", t.right, theme::chosen(look)),
            (true, true) => ("[+] ", t.right, theme::chosen(look)),
            (false, false) => ("✗ ", t.wrong, theme::heading(look)),
            (false, true) => ("[x] ", t.wrong, theme::heading(look)),
        };
        lines.push(Line::from(Span::styled(format!("{mark}{verdict}"), style)));
        let answer = fill(t.right_answer, &[("answer", right_answer(t, e))]);
        push_wrapped(&mut lines, &answer, width, Style::new());
        if !right {
            let yours = fill(t.your_answer, &[("answer", given_text(t, e, given))]);
            push_wrapped(&mut lines, &yours, width, theme::quiet(look));
        }
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            t.reason_label.to_string(),
            theme::heading(look),
        )));
        push_wrapped(&mut lines, &e.reason.explanation, width, Style::new());
        let wrong = wrong_lines(t, e);
        if !wrong.is_empty() {
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                t.wrong_label.to_string(),
                theme::heading(look),
            )));
            for line in wrong {
                push_wrapped(&mut lines, &line, width, Style::new());
            }
        }
        if let Some(statute) = self.library.statute(&e.reason.statute) {
            lines.push(Line::default());
            let head = format!("{}{}", t.basis_label, statute.citation());
            lines.push(Line::from(Span::styled(head, theme::heading(look))));
            lines.extend(marked_text(ctx, &statute.text, &e.reason.highlight, width));
        }
        if !e.facts.is_empty() {
            lines.push(Line::default());
            for fact in &e.facts {
                push_wrapped(&mut lines, fact, width, theme::quiet(look));
            }
        }
        lines.push(Line::default());
        for (i, place) in self.links().iter().enumerate() {
            lines.push(Line::from(vec![
                Span::styled(format!("{} ", i + 1), theme::key(look)),
                Span::raw(self.link_label(place)),
            ]));
        }
        lines
    }

    /// Progress by step over the exercises in scope, and this round's result.
    fn summary_lines(&self, ctx: &Context, width: usize) -> Vec<Line<'static>> {
        let t = self.t();
        let look = ctx.look;
        let mut lines = Vec::new();
        if self.exercises.is_empty() {
            push_wrapped(&mut lines, t.none_in_scope, width, Style::new());
            return lines;
        }
        if self.answered > 0 && !matches!(self.stage, Stage::Summary { resume: Some(_) }) {
            let done = fill(
                t.session_done,
                &[
                    ("n", self.answered.to_string()),
                    ("right", self.right.to_string()),
                ],
            );
            push_wrapped(&mut lines, &done, width, theme::chosen(look));
            lines.push(Line::default());
        } else if self.session.is_empty() {
            push_wrapped(&mut lines, t.nothing_due, width, Style::new());
            if let Some(at) = schedule::next_due(&self.exercises, &self.progress) {
                let when = clock::format(at);
                let line = fill(
                    t.nothing_due_when,
                    &[("when", when[..16].replace('T', " "))],
                );
                push_wrapped(&mut lines, &line, width, Style::new());
            }
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(
            t.summary_head.to_string(),
            theme::heading(look),
        )));
        for row in schedule::summary(&self.exercises, &self.progress, (self.now)()) {
            let percent = row
                .percent()
                .map_or(t.summary_none.to_string(), |p| format!("{p}%"));
            let text = format!(
                "{}{}{:>4}  {:>4}  {:>4}",
                crate::text::pad(row.step.short(t), 10),
                crate::text::pad(&format!("{percent:>6}"), 8),
                row.answers,
                row.due,
                row.new
            );
            lines.push(Line::from(cell(&text, width, Style::new())));
        }
        lines.push(Line::default());
        let saved = match &self.store {
            Some(store) => fill(t.saved_in, &[("path", store.path().display().to_string())]),
            None => t.not_saved.to_string(),
        };
        push_wrapped(&mut lines, &saved, width, theme::quiet(look));
        lines
    }
}

/// The question, the case lines, the assumption (marked as such), and the ways to answer.
fn question_lines(
    ctx: &Context,
    t: &TrainingCatalog,
    e: &Exercise,
    typed: &str,
    width: usize,
) -> Vec<Line<'static>> {
    let look = ctx.look;
    let mut lines = Vec::new();
    push_wrapped(&mut lines, &e.question, width, theme::heading(look));
    if !e.facts.is_empty() {
        lines.push(Line::default());
        for fact in &e.facts {
            push_wrapped(&mut lines, fact, width, Style::new());
        }
    }
    if let Some(assumption) = &e.assumption {
        lines.push(Line::default());
        let text = format!("{}：{assumption}", e.assumption_label(t));
        push_wrapped(&mut lines, &text, width, theme::highlight(look));
    }
    lines.push(Line::default());
    match &e.answer {
        Answer::Choice { options, .. } => {
            for (i, option) in options.iter().enumerate() {
                let key = format!("{} {}  ", i + 1, Exercise::letter(i));
                let indent = crate::text::width(&key);
                for (n, (_, line)) in wrap_at(
                    &crate::text::sanitize(&option.text),
                    width.saturating_sub(indent),
                )
                .into_iter()
                .enumerate()
                {
                    let lead = if n == 0 {
                        Span::styled(key.clone(), theme::key(look))
                    } else {
                        Span::raw(" ".repeat(indent))
                    };
                    lines.push(Line::from(vec![lead, Span::raw(line)]));
                }
            }
        }
        Answer::YesNo { .. } => lines.push(Line::from(vec![
            Span::styled("y ", theme::key(look)),
            Span::raw(format!("{}    ", t.yes)),
            Span::styled("n ", theme::key(look)),
            Span::raw(t.no),
        ])),
        Answer::Number { unit, .. } => {
            let prompt = fill(t.type_number, &[("typed", format!("{typed}_ {unit}"))]);
            lines.push(Line::from(Span::styled(prompt, theme::label(look))));
        }
    }
    lines
}

fn given_text(t: &TrainingCatalog, e: &Exercise, given: Given) -> String {
    match (given, &e.answer) {
        (Given::Choice(i), Answer::Choice { options, .. }) => {
            format!("{}. {}", Exercise::letter(i), options[i].text)
        }
        (Given::YesNo(yes), _) => (if yes { t.yes } else { t.no }).to_string(),
        (Given::Number(n), Answer::Number { unit, .. }) => format!("{n} {unit}"),
        _ => String::new(),
    }
}

fn push_wrapped(lines: &mut Vec<Line<'static>>, text: &str, width: usize, style: Style) {
    for (_, line) in wrap_at(&crate::text::sanitize(text), width) {
        lines.push(Line::from(Span::styled(line, style)));
    }
}

/// A provision's text with the deciding phrases marked. A long text (a whole judicial
/// interpretation) shows only the paragraphs that hold a marked phrase.
fn marked_text(ctx: &Context, text: &str, phrases: &[String], width: usize) -> Vec<Line<'static>> {
    const LONG: usize = 400;
    let text = crate::text::sanitize(text.trim());
    let paragraphs: Vec<&str> = text.split('\n').collect();
    let keep =
        |p: &&str| text.chars().count() <= LONG || phrases.iter().any(|h| p.contains(h.as_str()));
    let shown: Vec<&str> = paragraphs.iter().copied().filter(keep).collect();
    let shown = if shown.is_empty() {
        vec![paragraphs[0]]
    } else {
        shown
    };
    let mut lines = Vec::new();
    for paragraph in shown {
        // Character positions of every phrase in the paragraph.
        let mut marks = Vec::new();
        for phrase in phrases {
            let mut from = 0;
            while let Some(at) = paragraph[from..].find(phrase.as_str()) {
                let start = paragraph[..from + at].chars().count();
                marks.extend(start..start + phrase.chars().count());
                from += at + phrase.len();
            }
        }
        marks.sort_unstable();
        marks.dedup();
        for (first, line) in wrap_at(paragraph, width) {
            lines.push(Line::from(marked_spans(
                &line,
                first,
                &marks,
                Style::new(),
                theme::highlight(ctx.look),
            )));
        }
    }
    lines
}
