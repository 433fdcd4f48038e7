//! The decision aid (`a`): a form of the facts of a case in hand on the left, what the law and
//! practice say of them on the right, worked out again on every change. Opened on a case, the
//! form starts with that case's facts. Choices come from the vocabularies (← →); numbers and the
//! date are typed; `y` copies the text to paste, `e` exports the whole.
//!
//! Why one file of over 500 lines: a screen is one component (state, keys, update, view, as every
//! screen here); the form's rows and the result pane share its state and are short functions each.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::assess::{self, Assessment, Draft, Field, Problem, report};
use crate::library::{Library, VocabKind};
use crate::msg::fill;
use crate::query::search::Index;
use crate::tui::context::Context;
use crate::tui::text::wrap;
use crate::tui::theme;
use crate::tui::types::{Action, Next, Place, Scope};
use crate::tui::widgets::{cell, pane, scrolled, status_line};

use super::Screen;

/// The rows of the form: the six fields, then the three yes/no facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Field(Field),
    InDuty,
    FirstOffence,
    Corrected,
}

const ROWS: [Row; 9] = [
    Row::Field(Field::Conduct),
    Row::Field(Field::Data),
    Row::Field(Field::Sector),
    Row::Field(Field::Records),
    Row::Field(Field::Gains),
    Row::Field(Field::Date),
    Row::InDuty,
    Row::FirstOffence,
    Row::Corrected,
];

/// The longest a typed field may grow: the largest amount with its commas and 万 fits.
const MAX_TYPED: usize = 24;

pub struct Assess<'l> {
    pub draft: Draft,
    /// The row in focus (an index into `ROWS`).
    pub focus: usize,
    /// The data kind the ← → keys are on in the data field (an index into the vocabulary).
    pub data_cursor: usize,
    /// The result pane's first line.
    pub scroll: usize,
    /// The result pane has the keyboard: ↑ ↓ scroll it, 1–9 open its numbered provisions.
    pub result_focus: bool,
    /// The case the next `enter` starts from (`a` on an open case).
    handed: Option<usize>,
    /// Built the first time the form opens: the precedents are ranked by it.
    index: Option<Index<'l>>,
    /// The furthest the result pane can scroll, as last drawn.
    max_scroll: std::cell::Cell<usize>,
    /// The last result and the facts it was worked out from: drawing again (a resize, a
    /// notice) does not work it out again.
    last: std::cell::RefCell<Option<(Draft, Outcome<'l>)>>,
}

type Outcome<'l> = Result<Assessment<'l>, Vec<Problem>>;

impl<'l> Assess<'l> {
    pub fn new(_library: &'l Library) -> Self {
        Assess {
            draft: Draft {
                conduct: "collect-without-consent".to_string(),
                ..Draft::default()
            },
            focus: 0,
            data_cursor: 0,
            scroll: 0,
            result_focus: false,
            handed: None,
            index: None,
            max_scroll: std::cell::Cell::new(0),
            last: std::cell::RefCell::new(None),
        }
    }

    fn row(&self) -> Row {
        ROWS[self.focus.min(ROWS.len() - 1)]
    }

    /// The facts as they stand, worked out; or what must be corrected first.
    pub fn result(&self, library: &'l Library) -> Outcome<'l> {
        if let Some((draft, outcome)) = self.last.borrow().as_ref()
            && *draft == self.draft
        {
            return outcome.clone();
        }
        let outcome = self.work_out(library);
        *self.last.borrow_mut() = Some((self.draft.clone(), outcome.clone()));
        outcome
    }

    fn work_out(&self, library: &'l Library) -> Outcome<'l> {
        let facts = self.draft.facts(library)?;
        let index = match &self.index {
            Some(index) => index,
            None => &Index::new(library),
        };
        Ok(assess::assess(library, index, facts))
    }

    /// The next or previous value of a choice field, from its vocabulary.
    fn change(&mut self, library: &Library, forward: bool) {
        let step = |at: usize, len: usize| {
            if forward {
                (at + 1) % len
            } else {
                (at + len - 1) % len
            }
        };
        match self.row() {
            Row::Field(Field::Conduct) => {
                let terms = library.vocab.terms(VocabKind::Violations);
                if terms.is_empty() {
                    return;
                }
                let at = terms.iter().position(|t| t.key == self.draft.conduct);
                let next = at.map_or(0, |at| step(at, terms.len()));
                self.draft.conduct = terms[next].key.clone();
            }
            Row::Field(Field::Sector) => {
                // The empty value first: a sector is optional.
                let terms = library.vocab.terms(VocabKind::Sectors);
                let at = terms
                    .iter()
                    .position(|t| t.key == self.draft.sector)
                    .map_or(0, |i| i + 1);
                let next = step(at, terms.len() + 1);
                self.draft.sector = match next {
                    0 => String::new(),
                    n => terms[n - 1].key.clone(),
                };
            }
            Row::Field(Field::Data) => {
                let len = library.vocab.terms(VocabKind::DataKinds).len();
                if len > 0 {
                    self.data_cursor = step(self.data_cursor.min(len - 1), len);
                }
            }
            _ => {}
        }
        self.scroll = 0;
    }

    /// Space: tick a yes/no fact, or add or remove the data kind under the cursor.
    fn toggle(&mut self, library: &Library) {
        match self.row() {
            Row::InDuty => self.draft.in_duty = !self.draft.in_duty,
            Row::FirstOffence => self.draft.first_offence = !self.draft.first_offence,
            Row::Corrected => self.draft.corrected = !self.draft.corrected,
            Row::Field(Field::Data) => {
                let Some(term) = library
                    .vocab
                    .terms(VocabKind::DataKinds)
                    .get(self.data_cursor)
                else {
                    return;
                };
                let mut keys = assess::facts::data(library, &self.draft.data).unwrap_or_default();
                match keys.iter().position(|k| *k == term.key) {
                    Some(at) => {
                        keys.remove(at);
                    }
                    None => keys.push(term.key.clone()),
                }
                self.draft.data = keys.join(", ");
            }
            Row::Field(_) => return,
        }
        self.scroll = 0;
    }

    /// A typed character: into a number or date field, where it can belong there.
    fn type_char(&mut self, c: char) {
        let Row::Field(field) = self.row() else {
            return;
        };
        let allowed = match field {
            Field::Records | Field::Gains => {
                c.is_ascii_digit() || matches!(c, ',' | '.' | '万' | '亿')
            }
            Field::Date => c.is_ascii_digit() || c == '-',
            _ => false,
        };
        let text = self.draft.get_mut(field);
        if allowed && text.chars().count() < MAX_TYPED {
            text.push(c);
            self.scroll = 0;
        }
    }

    fn edit(&mut self, action: &Action) {
        let Row::Field(field) = self.row() else {
            return;
        };
        if !matches!(field, Field::Records | Field::Gains | Field::Date) {
            return;
        }
        let text = self.draft.get_mut(field);
        match action {
            Action::SearchBackspace => {
                text.pop();
            }
            Action::SearchClear => text.clear(),
            _ => return,
        }
        self.scroll = 0;
    }

    /// The export's file name: the conduct and the date.
    fn stem(&self) -> String {
        let date: String = self
            .draft
            .date
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '-')
            .collect();
        format!("casebook-assess-{}-{date}", self.draft.conduct)
            .trim_end_matches('-')
            .to_string()
    }
}

impl<'l> Screen<'l> for Assess<'l> {
    fn scope(&self) -> Scope {
        Scope::Assess
    }

    fn hand(&mut self, case: Option<usize>) {
        self.handed = case;
    }

    fn enter(&mut self, ctx: &Context<'l>, _in_view: Option<Vec<usize>>) {
        if self.index.is_none() {
            self.index = Some(Index::new(ctx.library));
        }
        if let Some(case) = self.handed.take().and_then(|i| ctx.library.cases.get(i)) {
            self.draft = Draft::from_case(ctx.library, case);
            self.focus = 0;
            self.scroll = 0;
        }
    }

    fn place(&self) -> Option<Place> {
        Some(Place::Assess)
    }

    fn update(&mut self, ctx: &Context<'l>, action: Action) -> Next {
        let library = ctx.library;
        if self.result_focus
            && let Some(next) = self.in_result(ctx, &action)
        {
            return next;
        }
        match action {
            Action::NextPane | Action::PrevPane => self.result_focus = !self.result_focus,
            Action::Down | Action::Open => self.focus = (self.focus + 1) % ROWS.len(),
            Action::Up => self.focus = (self.focus + ROWS.len() - 1) % ROWS.len(),
            Action::First => self.focus = 0,
            Action::Last => self.focus = ROWS.len() - 1,
            Action::PrevValue => self.change(library, false),
            Action::NextValue => self.change(library, true),
            Action::ToggleValue => self.toggle(library),
            Action::SearchInput(c) => self.type_char(c),
            Action::SearchBackspace | Action::SearchClear => self.edit(&action),
            Action::PageDown => {
                self.scroll = (self.scroll + page(ctx)).min(self.max_scroll.get());
            }
            Action::PageUp => self.scroll = self.scroll.saturating_sub(page(ctx)),
            Action::Back => return Next::Close,
            Action::CopyCitation | Action::CopySheet | Action::Export => {
                let Ok(result) = self.result(library) else {
                    return Next::Stay;
                };
                return match action {
                    Action::CopyCitation => Next::Copy {
                        what: ctx.m.assess.copied_what,
                        text: report::paste(library, &result),
                    },
                    _ => {
                        let sections = report::sections(ctx.m, library, &result);
                        let text = report::markdown(ctx.m, &sections);
                        if action == Action::Export {
                            Next::Export {
                                stem: self.stem(),
                                text,
                            }
                        } else {
                            Next::Copy {
                                what: ctx.m.assess.copied_what,
                                text,
                            }
                        }
                    }
                };
            }
            _ => {}
        }
        Next::Stay
    }

    fn view(&self, ctx: &Context<'l>, frame: &mut Frame) {
        let area = frame.area();
        let body = Rect {
            height: area.height.saturating_sub(1),
            ..area
        };
        // The longest conduct label (42 cells) on two lines, at 80 columns too.
        let form_width = (area.width * 9 / 20).clamp(30, 46);
        let form = Rect {
            width: form_width,
            ..body
        };
        let result = Rect {
            x: body.x + form_width,
            width: body.width.saturating_sub(form_width),
            ..body
        };
        let outcome = self.result(ctx.library);
        let problems: Vec<Problem> = outcome.as_ref().err().cloned().unwrap_or_default();
        self.view_form(ctx, frame, form, &problems);
        self.view_result(ctx, frame, result, &outcome);
        let status = Rect {
            y: area.height.saturating_sub(1),
            height: 1,
            ..area
        };
        let left = match &self.draft.from_case {
            Some(id) => format!("{} · {id}", ctx.m.assess.form_title),
            None => ctx.m.assess.form_title.to_string(),
        };
        status_line(ctx, frame, status, &left, None, None);
    }
}

impl<'l> Assess<'l> {
    /// A key while the result pane has the keyboard: scrolling, or a digit opening the
    /// provision of that number; `None` for the keys that mean the same in either pane.
    fn in_result(&mut self, ctx: &Context<'l>, action: &Action) -> Option<Next> {
        let max = self.max_scroll.get();
        match action {
            Action::SearchInput(c @ '1'..='9') => {
                let n = c.to_digit(10).unwrap_or(1) as usize;
                let result = self.result(ctx.library).ok();
                let at = result
                    .as_ref()
                    .and_then(|r| report::numbered(r).get(n - 1).map(|s| s.id.clone()))
                    .and_then(|id| ctx.library.statutes.iter().position(|s| s.id == id));
                Some(match at {
                    Some(statute) => Next::Go(Place::Statute { statute, scroll: 0 }),
                    None => Next::Stay,
                })
            }
            Action::SearchInput(_)
            | Action::ToggleValue
            | Action::PrevValue
            | Action::NextValue => Some(Next::Stay),
            Action::Down | Action::Up | Action::First | Action::Last => {
                let delta = action.scroll_delta(page(ctx))?;
                self.scroll = (self.scroll as isize + delta).clamp(0, max as isize) as usize;
                Some(Next::Stay)
            }
            _ => None,
        }
    }
}

/// One page of the result pane.
fn page(ctx: &Context) -> usize {
    (ctx.height as usize).saturating_sub(4).max(1)
}

impl<'l> Assess<'l> {
    fn view_form(&self, ctx: &Context, frame: &mut Frame, area: Rect, problems: &[Problem]) {
        let (m, look, library) = (ctx.m, ctx.look, ctx.library);
        let t = m.assess;
        let inner = crate::tui::layout::inner(area).width as usize;
        let mut lines: Vec<Line> = Vec::new();
        for (i, row) in ROWS.iter().enumerate() {
            let focused = i == self.focus && !self.result_focus;
            let marker = if focused { theme::marker(look) } else { "  " };
            let (label, value) = match row {
                Row::Field(field) => (field_label(t, *field), self.value(ctx, *field, focused)),
                Row::InDuty => (t.form_in_duty, theme::check(self.draft.in_duty).to_string()),
                Row::FirstOffence => (
                    t.field_first,
                    theme::check(self.draft.first_offence).to_string(),
                ),
                Row::Corrected => (
                    t.field_corrected,
                    theme::check(self.draft.corrected).to_string(),
                ),
            };
            let flagged = matches!(row, Row::Field(f) if problems.iter().any(|p| p.field == *f));
            let label_style = if flagged {
                theme::heading(look)
            } else if focused {
                theme::title(look)
            } else {
                theme::label(look)
            };
            let bang = if flagged { " !" } else { "" };
            match row {
                // A yes/no fact on one line: the box, then what it says.
                Row::InDuty | Row::FirstOffence | Row::Corrected => {
                    lines.push(Line::from(vec![
                        Span::raw(marker.to_string()),
                        Span::raw(value),
                        cell(label, inner.saturating_sub(6), label_style),
                    ]));
                }
                Row::Field(field) => {
                    lines.push(Line::from(vec![
                        Span::raw(marker.to_string()),
                        cell(
                            &format!("{label}{bang}"),
                            inner.saturating_sub(2),
                            label_style,
                        ),
                    ]));
                    let style = if focused {
                        theme::selected(look)
                    } else {
                        Style::new()
                    };
                    // A long label (a conduct's) takes two lines rather than lose its end.
                    for part in wrap(&value, inner.saturating_sub(2).max(1)).iter().take(2) {
                        lines.push(Line::from(vec![
                            Span::raw("  "),
                            cell(part, inner.saturating_sub(2), style),
                        ]));
                    }
                    if focused && let Some(hint) = self.hint(ctx, *field, library) {
                        lines.push(Line::from(vec![
                            Span::raw("  "),
                            cell(&hint, inner.saturating_sub(2), theme::quiet(look)),
                        ]));
                    }
                }
            }
        }
        let block = pane(ctx, !self.result_focus, format!(" {} ", t.form_title));
        scrolled(frame, area, block, lines, 0);
    }

    /// A field's value as shown: labels for keys, "（未填）" for nothing, a cursor when typing.
    fn value(&self, ctx: &Context, field: Field, focused: bool) -> String {
        let (m, library) = (ctx.m, ctx.library);
        let text = self.draft.get(field);
        let shown = match field {
            Field::Conduct => m.term(library, VocabKind::Violations, text),
            Field::Sector if text.is_empty() => m.assess.none_value.to_string(),
            Field::Sector => m.term(library, VocabKind::Sectors, text),
            Field::Data => match assess::facts::data(library, text) {
                Ok(keys) if keys.is_empty() => m.assess.none_value.to_string(),
                Ok(keys) => keys
                    .iter()
                    .map(|k| m.term(library, VocabKind::DataKinds, k))
                    .collect::<Vec<_>>()
                    .join(m.list_sep),
                Err(_) => text.to_string(),
            },
            Field::Date if text.is_empty() && !focused => fill(
                m.assess.today_value,
                &[("today", library.today().to_string())],
            ),
            Field::Records | Field::Gains | Field::Date => {
                let cursor = if focused { "▏" } else { "" };
                if text.is_empty() && !focused {
                    m.assess.none_value.to_string()
                } else {
                    format!("{text}{cursor}")
                }
            }
        };
        crate::text::sanitize_line(&shown)
    }

    /// The line under the field in focus: how to fill it.
    fn hint(&self, ctx: &Context, field: Field, library: &Library) -> Option<String> {
        let t = ctx.m.assess;
        match field {
            Field::Data => {
                let term = library
                    .vocab
                    .terms(VocabKind::DataKinds)
                    .get(self.data_cursor)?;
                let chosen = assess::facts::data(library, &self.draft.data)
                    .unwrap_or_default()
                    .contains(&term.key);
                Some(fill(
                    t.data_cursor,
                    &[
                        ("kind", ctx.m.label(&term.label).to_string()),
                        (
                            "verb",
                            if chosen { t.verb_remove } else { t.verb_add }.to_string(),
                        ),
                    ],
                ))
            }
            Field::Conduct | Field::Sector => Some(t.pick_hint.to_string()),
            Field::Gains => Some(t.gains_hint.to_string()),
            Field::Date => Some(t.date_hint.to_string()),
            Field::Records => None,
        }
    }

    fn view_result(
        &self,
        ctx: &Context,
        frame: &mut Frame,
        area: Rect,
        outcome: &Result<Assessment, Vec<Problem>>,
    ) {
        let (m, look) = (ctx.m, ctx.look);
        let width = crate::tui::layout::inner(area).width as usize;
        let mut lines: Vec<Line<'static>> = Vec::new();
        let mut push = |text: &str, style: Style, indent: usize| {
            for line in wrap(
                &crate::text::sanitize(text),
                width.saturating_sub(indent).max(1),
            ) {
                lines.push(Line::from(Span::styled(
                    format!("{}{line}", " ".repeat(indent)),
                    style,
                )));
            }
        };
        match outcome {
            Err(problems) => {
                push(m.assess.form_problems, theme::heading(look), 0);
                for p in problems {
                    let label = field_label(m.assess, p.field);
                    push(
                        &format!("{label}{}{}", m.assess.colon, m.msg(&p.message)),
                        Style::new(),
                        2,
                    );
                }
            }
            Ok(result) => {
                push(m.assess.disclaimer, theme::quiet(look), 0);
                // The facts are the form's: the result begins with what follows from them.
                for section in report::sections(m, ctx.library, result).into_iter().skip(1) {
                    push(&section.title, theme::heading(look), 0);
                    for line in &section.lines {
                        push(line, Style::new(), 2);
                    }
                }
            }
        }
        let body = crate::tui::layout::inner(area).height as usize;
        self.max_scroll.set(lines.len().saturating_sub(body));
        let scroll = self.scroll.min(self.max_scroll.get());
        let title = if self.result_focus {
            format!(" {} · {} ", m.assess.result_title, m.assess.open_numbered)
        } else {
            format!(" {} ", m.assess.result_title)
        };
        let block = pane(ctx, self.result_focus, title);
        scrolled(frame, area, block, lines, scroll);
    }
}

fn field_label(t: &crate::msg::assess::AssessCatalog, field: Field) -> &'static str {
    match field {
        Field::Conduct => t.field_conduct,
        Field::Data => t.field_data,
        Field::Sector => t.field_sector,
        Field::Records => t.field_records,
        Field::Gains => t.field_gains,
        Field::Date => t.field_date,
    }
}
