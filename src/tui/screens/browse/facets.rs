//! The facet pane: each facet's values with live counts; several values of a facet combine with
//! OR, facets with AND. Values with no case stay visible, dimmed. The pane's state is its rows
//! and its cursor, which always rests on a value.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::library::Library;
use crate::query::facets;
use crate::query::filter::{Facet, Filter};
use crate::text::width;
use crate::tui::layout::inner;
use crate::tui::theme;
use crate::tui::types::Context;
use crate::tui::widgets::{cell, pane};

use super::results::Results;

/// A row of the facet pane: a facet's heading, or one of its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FacetRow {
    Header(Facet),
    Value(Facet, String),
}

pub struct FacetPane {
    /// Every facet heading and value, in display order.
    pub rows: Vec<FacetRow>,
    /// Index into `rows`; always on a value.
    pub cursor: usize,
    /// The first row shown.
    pub offset: usize,
}

impl FacetPane {
    pub fn new(library: &Library) -> Self {
        let rows = Facet::ALL
            .iter()
            .flat_map(|&facet| {
                let values = facets::keys(library, facet)
                    .into_iter()
                    .map(move |k| FacetRow::Value(facet, k.to_string()));
                std::iter::once(FacetRow::Header(facet)).chain(values)
            })
            .collect();
        FacetPane {
            rows,
            cursor: 1,
            offset: 0,
        }
    }

    /// Moves the cursor by `delta` rows, stepping over headings (back down at the very top).
    pub fn step(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1) as isize;
        let mut at = (self.cursor as isize + delta).clamp(0, last.max(0)) as usize;
        if matches!(self.rows.get(at), Some(FacetRow::Header(_))) {
            at = if delta > 0 || at == 0 { at + 1 } else { at - 1 };
        }
        if matches!(self.rows.get(at), Some(FacetRow::Value(..))) {
            self.cursor = at;
        }
    }

    /// Chooses the value under the cursor, or unchooses it; false if the cursor is on none.
    pub fn toggle(&self, filter: &mut Filter) -> bool {
        let Some(FacetRow::Value(facet, key)) = self.rows.get(self.cursor) else {
            return false;
        };
        let values = filter.values_mut(*facet);
        match values.iter().position(|v| v == key) {
            Some(at) => {
                values.remove(at);
            }
            None => values.push(key.clone()),
        }
        true
    }

    /// Scrolls so that the cursor is within `height` rows, with its facet's heading above its
    /// first value.
    pub fn follow(&mut self, height: usize) {
        self.offset = crate::tui::layout::follow(self.cursor, self.offset, height);
        if self.offset == self.cursor
            && self.cursor > 0
            && matches!(self.rows[self.cursor - 1], FacetRow::Header(_))
        {
            self.offset -= 1;
        }
    }
}

pub fn view(
    ctx: &Context,
    facet_pane: &FacetPane,
    results: &Results,
    focused: bool,
    frame: &mut Frame,
    area: Rect,
) {
    let block = pane(ctx, focused, format!(" {} ", ctx.m.pane_facets));
    let body = inner(area);
    frame.render_widget(block, area);
    let row_width = body.width as usize;
    let counted: Vec<(Facet, Vec<facets::FacetValue>)> = Facet::ALL
        .iter()
        .map(|&f| {
            let values = facets::values(ctx.library, &results.filter, &results.facet_counts, f);
            (f, values)
        })
        .collect();
    let lines: Vec<Line> = facet_pane
        .rows
        .iter()
        .enumerate()
        .skip(facet_pane.offset)
        .take(body.height as usize)
        .map(|(index, row)| match row {
            FacetRow::Header(facet) => Line::from(cell(
                ctx.m.facet(*facet),
                row_width,
                theme::heading(ctx.look),
            )),
            FacetRow::Value(facet, key) => {
                let value = counted
                    .iter()
                    .find(|(f, _)| f == facet)
                    .and_then(|(_, values)| values.iter().find(|v| &v.key == key));
                match value {
                    Some(value) => {
                        value_line(ctx, value, focused && index == facet_pane.cursor, row_width)
                    }
                    None => Line::default(),
                }
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}

/// `▶ [x] 房产租售   3`: marker, check box, label, count.
fn value_line(
    ctx: &Context,
    value: &facets::FacetValue,
    under_cursor: bool,
    row_width: usize,
) -> Line<'static> {
    let count = value.count.to_string();
    let prefix = if under_cursor {
        theme::marker(ctx.look)
    } else {
        "  "
    };
    let check = theme::check(value.chosen);
    let room = row_width.saturating_sub(width(prefix) + width(check) + width(&count) + 1);
    let label = crate::text::pad(&crate::text::sanitize_line(&value.zh), room);
    let style = if under_cursor {
        theme::selected(ctx.look)
    } else if value.chosen {
        theme::chosen(ctx.look)
    } else if value.count == 0 {
        theme::quiet(ctx.look)
    } else {
        Style::new()
    };
    Line::from(vec![
        Span::styled(prefix, style),
        Span::styled(check, style),
        Span::styled(label, style),
        Span::styled(format!(" {count}"), style),
    ])
}
