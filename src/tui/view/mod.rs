//! Drawing: a pure function from the state to a frame. One file per pane; nothing here changes
//! state.

mod bars;
pub mod detail;
mod facets;
mod help;
mod list;
mod statute;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::app::{App, Mode, Pane};
use super::theme;

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let screen = app.screen();
    if screen.too_small {
        let line = crate::text::truncate(app.m.too_small, frame.area().width as usize);
        frame.render_widget(Paragraph::new(line), frame.area());
        return;
    }
    if app.mode == Mode::Statute || (app.mode == Mode::Help && app.help_from == Mode::Statute) {
        statute::render(app, frame);
        if app.mode == Mode::Help {
            help::render(app, frame, screen.area);
        }
        return;
    }
    bars::search(app, frame, screen.search);
    if let Some(area) = screen.facets {
        facets::render(app, frame, area);
    }
    if let Some(area) = screen.list {
        list::render(app, frame, area);
    }
    if let Some(area) = screen.detail {
        detail::render(app, frame, area);
    }
    bars::status(app, frame, screen.status);
    if app.mode == Mode::Help {
        help::render(app, frame, screen.area);
    }
}

/// The frame of a pane: its title, and a bold coloured border when it has the focus.
fn pane<'a>(app: &App, pane: Pane, title: impl Into<Line<'a>>) -> Block<'a> {
    let focused = app.focus == pane && app.mode == Mode::Browse;
    let style = if focused {
        theme::focused_border(app.look)
    } else {
        Style::new()
    };
    Block::bordered()
        .border_set(theme::border(app.look))
        .border_style(style)
        .title(title)
}

/// A one-line cell of `width`, cut with `…` at display width.
fn cell(text: &str, width: usize, style: Style) -> Span<'static> {
    Span::styled(
        crate::text::truncate(&crate::text::sanitize_line(text), width),
        style,
    )
}

/// Spans of `text` with the characters whose index (counted from `first`, in the text the marks
/// refer to) is in `marks` drawn in `marked`, the rest in `style`.
fn marked_spans(
    text: &str,
    first: usize,
    marks: &[usize],
    style: Style,
    marked: Style,
) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    for (i, c) in text.chars().enumerate() {
        let is_marked = marks.binary_search(&(first + i)).is_ok();
        if is_marked != run_marked && !run.is_empty() {
            let taken = std::mem::take(&mut run);
            spans.push(Span::styled(taken, if run_marked { marked } else { style }));
        }
        run_marked = is_marked;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_marked { marked } else { style }));
    }
    spans
}

/// The rectangle of `width`×`height` centred in `area` (clamped to it).
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}
