//! Drawing the training screen: the title line, a question, feedback that teaches, the summary.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::msg::fill;
use crate::msg::training::TrainingCatalog;
use crate::training::clock;
use crate::training::exercise::{Answer, Exercise, Given};
use crate::training::handout::{right_answer, wrong_lines};
use crate::training::schedule::{self, Why};
use crate::tui::context::Context;
use crate::tui::text::wrap_at;
use crate::tui::theme;
use crate::tui::types::Place;
use crate::tui::widgets::{cell, marked_spans, pane, scrolled, status_line};

use super::{Stage, Training};

/// The title line (step, counter, scope), the stage's lines in a scrolled pane, and the hints.
pub(super) fn draw(training: &Training, ctx: &Context, frame: &mut Frame) {
    let (w, h) = (ctx.width, ctx.height);
    let title_area = Rect::new(0, 0, w, 1);
    let body = Rect::new(0, 1, w, h.saturating_sub(2));
    let status = Rect::new(0, h.saturating_sub(1), w, 1);
    let text_width = body.width.saturating_sub(2) as usize;
    let t = training.t();
    let scope = match training.narrowed {
        Some(n) => fill(t.scope_filter, &[("n", crate::text::thousands(n as u64))]),
        None => t.scope_all.to_string(),
    };
    let scope = match training.sampled {
        Some(n) => fill(
            t.scope_sampled,
            &[("scope", scope), ("n", crate::text::thousands(n as u64))],
        ),
        None => scope,
    };
    let (title, lines, hint) = match (training.stage, training.current()) {
        (Stage::Question, Some(e)) => (
            training.counter(e),
            question_lines(ctx, t, e, &training.typed, text_width),
            training.question_hint(e),
        ),
        (Stage::Feedback { given, right }, Some(e)) => (
            training.counter(e),
            training.feedback_lines(ctx, e, given, right, text_width),
            training.feedback_hint(),
        ),
        (Stage::Leaving { .. }, _) => (
            t.summary_title.to_string(),
            training.summary_lines(ctx, text_width),
            fill(
                t.leave_confirm,
                &[
                    ("left", training.left_in_session().to_string()),
                    ("answered", training.answered.to_string()),
                ],
            ),
        ),
        (Stage::Summary { resume: Some(_) }, _) => (
            t.summary_title.to_string(),
            training.summary_lines(ctx, text_width),
            t.hint_resume.to_string(),
        ),
        _ => (
            t.summary_title.to_string(),
            training.summary_lines(ctx, text_width),
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
    let scroll = training.scroll.min(lines.len().saturating_sub(visible));
    scrolled(frame, body, pane(ctx, true, ""), lines, scroll);
    let note = training.notice.clone().unwrap_or(hint);
    status_line(ctx, frame, status, "", None, Some(&note));
}

impl Training<'_> {
    fn counter(&self, e: &Exercise) -> String {
        let t = self.t();
        let why = match self.session[self.at].1 {
            Why::Due => t.why_due,
            Why::New => t.why_new,
            Why::Ahead => t.why_ahead,
            Why::Again => t.why_again,
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
                t.lang.catalog().cite(&self.library.statutes[statute])
            ),
            Place::Case { case, .. } => fill(
                t.open_case,
                &[("party", self.library.cases[case].party.name.to_string())],
            ),
            Place::Training | Place::Stats | Place::Assess => String::new(),
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
            let head = format!("{}{}", t.basis_label, e.reason.cite);
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
        let rows = schedule::summary(&self.exercises, &self.progress, (self.now)());
        for (i, text) in crate::training::handout::summary_table(t, &rows)
            .into_iter()
            .enumerate()
        {
            let style = if i == 0 {
                theme::heading(look)
            } else {
                Style::new()
            };
            lines.push(Line::from(cell(&text, width, style)));
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
pub(crate) fn question_lines(
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
        let text = format!("{}{}{assumption}", e.assumption_label(t), t.colon);
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

pub(crate) fn given_text(t: &TrainingCatalog, e: &Exercise, given: Given) -> String {
    match (given, &e.answer) {
        (Given::Choice(i), Answer::Choice { options, .. }) => {
            format!("{}. {}", Exercise::letter(i), options[i].text)
        }
        (Given::YesNo(yes), _) => (if yes { t.yes } else { t.no }).to_string(),
        (Given::Number(n), Answer::Number { unit, .. }) => format!("{n} {unit}"),
        _ => String::new(),
    }
}

pub(crate) fn push_wrapped(lines: &mut Vec<Line<'static>>, text: &str, width: usize, style: Style) {
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
