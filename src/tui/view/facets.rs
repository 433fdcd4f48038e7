//! The facet pane: each facet's values with live counts; several values of a facet combine with
//! OR, facets with AND. Values with no case stay visible, dimmed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::query::facets;
use crate::query::filter::Facet;
use crate::text::width;
use crate::tui::app::{App, FacetRow, Mode, Pane};
use crate::tui::layout::inner;
use crate::tui::theme;

use super::{cell, pane};

pub fn facet_title(app: &App, facet: Facet) -> &'static str {
    match facet {
        Facet::Sector => app.m.facet_sector,
        Facet::Province => app.m.facet_province,
        Facet::Violation => app.m.facet_violation,
        Facet::Penalty => app.m.facet_penalty,
        Facet::Collection => app.m.facet_collection,
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let block = pane(app, Pane::Facets, format!(" {} ", app.m.pane_facets));
    let body = inner(area);
    frame.render_widget(block, area);
    let row_width = body.width as usize;
    let counted: Vec<(Facet, Vec<facets::FacetValue>)> = Facet::ALL
        .iter()
        .map(|&f| {
            (
                f,
                facets::values(app.library, &app.filter, &app.facet_counts, f),
            )
        })
        .collect();
    let focused = app.focus == Pane::Facets && app.mode == Mode::Browse;
    let lines: Vec<Line> = app
        .facet_rows
        .iter()
        .enumerate()
        .skip(app.facet_offset)
        .take(body.height as usize)
        .map(|(index, row)| match row {
            FacetRow::Header(facet) => Line::from(cell(
                facet_title(app, *facet),
                row_width,
                theme::heading(app.look),
            )),
            FacetRow::Value(facet, key) => {
                let value = counted
                    .iter()
                    .find(|(f, _)| f == facet)
                    .and_then(|(_, values)| values.iter().find(|v| &v.key == key));
                let Some(value) = value else {
                    return Line::default();
                };
                let under_cursor = focused && index == app.facet_cursor;
                let count = value.count.to_string();
                let prefix = if under_cursor {
                    theme::marker(app.look)
                } else {
                    "  "
                };
                let check = theme::check(value.chosen);
                let room =
                    row_width.saturating_sub(width(prefix) + width(check) + width(&count) + 1);
                let label = crate::text::pad(&crate::text::sanitize_line(&value.zh), room);
                let style = if under_cursor {
                    theme::selected(app.look)
                } else if value.chosen {
                    theme::chosen(app.look)
                } else if value.count == 0 {
                    theme::quiet(app.look)
                } else {
                    ratatui::style::Style::new()
                };
                Line::from(vec![
                    Span::styled(prefix, style),
                    Span::styled(check, style),
                    Span::styled(label, style),
                    Span::styled(format!(" {count}"), style),
                ])
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}
