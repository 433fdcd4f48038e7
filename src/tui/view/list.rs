//! The case list: two lines a case — position and party, then province · sector · penalty.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::library::{Case, VocabKind};
use crate::sheet;
use crate::tui::app::{App, Mode, Pane};
use crate::tui::layout::{LIST_ITEM_HEIGHT, inner};
use crate::tui::theme;

use super::{cell, marked_spans, pane};

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
        // Say so, and say what was asked, so the user sees what to loosen.
        let mut message = app.m.no_match.to_string();
        if !app.parsed.is_empty() {
            message.push_str(&format!("\n{}：{}", app.m.searched_for, app.query));
        }
        let chosen = super::bars::chosen_labels(app);
        if !chosen.is_empty() {
            message.push_str(&format!("\n{}：{}", app.m.filters, chosen.join("、")));
        }
        let lines: Vec<Line> = crate::tui::text::wrap(&message, body.width as usize)
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
        let prefix = format!("{marker}{position} ");
        let party = crate::text::sanitize_line(&case.party.name);
        let first = crate::text::truncate(&format!("{prefix}{party}"), row_width);
        let second = format!("     {}", glance(app, case));
        let (first_style, second_style) = match (is_selected, focused) {
            (true, true) => (theme::selected(app.look), theme::selected(app.look)),
            (true, false) => (theme::title(app.look), Style::new()),
            _ => (Style::new(), theme::quiet(app.look)),
        };
        // The search's matches in the party's name, shifted past the marker and position.
        let shift = prefix.chars().count();
        let marks: Vec<usize> = if app.parsed.is_empty() {
            Vec::new()
        } else {
            app.index
                .highlight(&party, &app.parsed)
                .into_iter()
                .map(|m| m + shift)
                .collect()
        };
        let highlight = theme::highlight(app.look).patch(first_style);
        lines.push(Line::from(marked_spans(
            &first,
            0,
            &marks,
            first_style,
            highlight,
        )));
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
