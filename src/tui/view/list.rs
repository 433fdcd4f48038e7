//! The case list: two lines a case — position and party, then province · sector · penalty.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::library::{Case, VocabKind};
use crate::sheet;
use crate::tui::app::{App, Mode, Pane};
use crate::tui::layout::{LIST_ITEM_HEIGHT, inner};
use crate::tui::theme;

use super::{cell, pane};

/// The second line of a list item: where, which sector, what penalty.
fn glance(app: &App, case: &Case) -> String {
    let vocab = &app.library.vocab;
    let label = |kind, key: &str| {
        vocab
            .term(kind, key)
            .map_or(key.to_string(), |t| t.label.zh.clone())
    };
    let sector = match &case.sector {
        Some(s) if case.inferred_reason("sector").is_some() => {
            format!("{}*", label(VocabKind::Sectors, s))
        }
        Some(s) => label(VocabKind::Sectors, s),
        None => app.m.not_stated_short.to_string(),
    };
    let penalty = if case.penalty.is_empty() {
        app.m.not_stated_short.to_string()
    } else {
        case.penalty
            .iter()
            .map(|p| label(VocabKind::Penalties, &p.kind))
            .collect::<Vec<_>>()
            .join("、")
    };
    format!("{} · {sector} · {penalty}", case.place.province)
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let mut block = pane(
        app,
        Pane::List,
        format!(
            " {} {}/{} ",
            app.m.pane_list,
            app.visible.len(),
            app.library.cases.len()
        ),
    );
    // The collection header: how many the publisher announced, how many are identified.
    if let Some(case) = app.current()
        && let Some(collection) = app.library.collection(&case.collection)
        && let Some(announced) = collection.announced
    {
        let counts = sheet::published_identified(app.m, app.library, &collection.id, announced);
        block = block.title_bottom(format!(" {counts} "));
    }
    let body = inner(area);
    frame.render_widget(block, area);
    if app.visible.is_empty() {
        let lines = crate::tui::text::wrap(app.m.no_match, body.width as usize);
        let lines: Vec<Line> = lines
            .into_iter()
            .map(|l| Line::styled(l, theme::quiet(app.look)))
            .collect();
        frame.render_widget(Paragraph::new(lines), body);
        return;
    }
    let row_width = body.width as usize;
    let focused = app.focus == Pane::List && app.mode == Mode::Browse;
    let mut lines = Vec::new();
    let rows = body.height as usize / LIST_ITEM_HEIGHT;
    for (row, &index) in app
        .visible
        .iter()
        .enumerate()
        .skip(app.list_offset)
        .take(rows)
    {
        let case = &app.library.cases[index];
        let is_selected = row == app.selected;
        let marker = if is_selected {
            theme::marker(app.look)
        } else {
            "  "
        };
        let position = case
            .position
            .map_or(String::from("  "), |p| format!("{p:>2}"));
        let first = format!("{marker}{position} {}", case.party.name);
        let second = format!("     {}", glance(app, case));
        let (first_style, second_style) = match (is_selected, focused) {
            (true, true) => (theme::selected(app.look), theme::selected(app.look)),
            (true, false) => (theme::title(app.look), ratatui::style::Style::new()),
            _ => (ratatui::style::Style::new(), theme::quiet(app.look)),
        };
        lines.push(Line::from(cell(&first, row_width, first_style)));
        lines.push(Line::from(vec![cell(&second, row_width, second_style)]));
        // Reverse video fills the whole row so the selection reads without colour.
        if is_selected && focused {
            for line in lines.iter_mut().rev().take(2) {
                let used: usize = line
                    .spans
                    .iter()
                    .map(|s| crate::text::width(&s.content))
                    .sum();
                line.spans.push(Span::styled(
                    " ".repeat(row_width.saturating_sub(used)),
                    theme::selected(app.look),
                ));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), body);
}
