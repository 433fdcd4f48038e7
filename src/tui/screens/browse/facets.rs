//! The facet pane: each facet's values with live counts; several values of a facet combine with
//! OR, facets with AND. Values with no case stay visible, dimmed. The pane's state is its rows
//! and its cursor, which always rests on a value.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::library::Library;
use crate::msg::fill;
use crate::query::facets;
use crate::query::filter::{Facet, Filter};
use crate::text::width;
use crate::tui::context::Context;
use crate::tui::layout::inner;
use crate::tui::theme;
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
    /// The rows shown (indices into `rows`): every heading, and the values that have cases under
    /// the other filters and the search, or are chosen — or every value, with `show_empty`.
    pub shown: Vec<usize>,
    pub show_empty: bool,
    /// Index into `rows`; always on a shown value while there is one.
    pub cursor: usize,
    /// The value the user last put the cursor on: a search that hides it moves the cursor to
    /// the top of its facet, and clearing the search brings it back here.
    wanted: usize,
    /// The first shown row on screen (an index into `shown`).
    pub offset: usize,
}

impl FacetPane {
    pub fn new(library: &Library) -> Self {
        let rows: Vec<FacetRow> = Facet::ALL
            .iter()
            .flat_map(|&facet| {
                let values = facets::keys(library, facet)
                    .into_iter()
                    .map(move |k| FacetRow::Value(facet, k.to_string()));
                std::iter::once(FacetRow::Header(facet)).chain(values)
            })
            .collect();
        FacetPane {
            shown: (0..rows.len()).collect(),
            rows,
            show_empty: false,
            cursor: 1,
            wanted: 1,
            offset: 0,
        }
    }

    /// Decides which values show under the current counts, keeping the cursor on its value or,
    /// if that is hidden now, on the nearest shown one.
    pub fn refresh(&mut self, library: &Library, results: &Results) {
        let counted: Vec<Vec<facets::FacetValue>> = Facet::ALL
            .iter()
            .map(|&f| facets::values(library, &results.filter, &results.facet_counts, f))
            .collect();
        let visible = |facet: &Facet, key: &str| {
            let slot = Facet::ALL.iter().position(|f| f == facet).unwrap_or(0);
            counted[slot]
                .iter()
                .find(|v| v.key == key)
                .is_some_and(|v| v.count > 0 || v.chosen)
        };
        let show_empty = self.show_empty;
        self.shown = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, row)| match row {
                FacetRow::Header(_) => true,
                FacetRow::Value(facet, key) => show_empty || visible(facet, key),
            })
            .map(|(i, _)| i)
            .collect();
        self.cursor = self.settled();
    }

    /// Where the cursor rests under the shown rows: on the wanted value if it shows, else on
    /// the first shown value of its facet, else on the nearest shown value.
    fn settled(&self) -> usize {
        let values = self.value_rows();
        let wanted = self.wanted;
        if values.contains(&wanted) {
            return wanted;
        }
        let facet = self.facet_of(wanted);
        let top_of_facet = values.iter().find(|&&i| self.facet_of(i) == facet);
        let after = values.iter().find(|&&i| i > wanted);
        let before = values.iter().rev().find(|&&i| i < wanted);
        top_of_facet
            .or(after)
            .or(before)
            .copied()
            .unwrap_or(self.cursor)
    }

    fn facet_of(&self, row: usize) -> Option<Facet> {
        match self.rows.get(row)? {
            FacetRow::Header(f) | FacetRow::Value(f, _) => Some(*f),
        }
    }

    /// Puts the cursor on `row`, as the user chose.
    pub fn put(&mut self, row: usize) {
        self.cursor = row;
        self.wanted = row;
    }

    /// The shown rows that are values.
    fn value_rows(&self) -> Vec<usize> {
        self.shown
            .iter()
            .copied()
            .filter(|&i| matches!(self.rows[i], FacetRow::Value(..)))
            .collect()
    }

    /// Moves the cursor by `delta` shown values, stepping over headings.
    pub fn step(&mut self, delta: isize) {
        let values = self.value_rows();
        let Some(at) = values.iter().position(|&i| i >= self.cursor) else {
            return;
        };
        let last = values.len().saturating_sub(1) as isize;
        let to = (at as isize + delta).clamp(0, last) as usize;
        self.put(values[to]);
    }

    /// Moves to the first shown value of the next (or previous) facet.
    pub fn jump_group(&mut self, forward: bool) {
        // The first shown value of each facet, in order.
        let mut firsts: Vec<usize> = Vec::new();
        for i in self.value_rows() {
            if firsts
                .last()
                .is_none_or(|&last| self.facet_of(last) != self.facet_of(i))
            {
                firsts.push(i);
            }
        }
        let Some(at) = firsts.iter().rposition(|&i| i <= self.cursor) else {
            return;
        };
        let target = if forward {
            firsts.get(at + 1)
        } else {
            at.checked_sub(1).and_then(|a| firsts.get(a))
        };
        if let Some(&row) = target {
            self.put(row);
        }
    }

    /// The row (an index into `rows`) at a line of the pane, counted from its top.
    pub fn row_at(&self, line: usize) -> Option<usize> {
        self.shown.get(self.offset + line).copied()
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

    /// Scrolls so that the cursor is within `height` lines, with its facet's heading above its
    /// first value.
    pub fn follow(&mut self, height: usize) {
        let Some(at) = self.shown.iter().position(|&i| i == self.cursor) else {
            return;
        };
        self.offset = crate::tui::layout::follow(at, self.offset, height);
        if self.offset == at
            && at > 0
            && matches!(self.rows[self.shown[at - 1]], FacetRow::Header(_))
        {
            self.offset -= 1;
        }
    }

    /// The value under the cursor as the status line shows it: facet and full label.
    pub fn describe(&self, ctx: &Context) -> Option<String> {
        let FacetRow::Value(facet, key) = self.rows.get(self.cursor)? else {
            return None;
        };
        let label = match facet.vocab() {
            Some(kind) => ctx.m.term(ctx.library, kind, key),
            None => ctx
                .library
                .collection(key)
                .map_or(key.clone(), |c| ctx.m.collection_title(c)),
        };
        Some(format!("{}{}{label}", ctx.m.facet(*facet), ctx.m.colon))
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
        .shown
        .iter()
        .skip(facet_pane.offset)
        .take(body.height as usize)
        .map(|&index| match &facet_pane.rows[index] {
            FacetRow::Header(facet) => {
                let chosen = results.filter.values(*facet).len();
                let title = if chosen > 0 {
                    let count = fill(ctx.m.facet_chosen, &[("n", chosen.to_string())]);
                    format!("{} · {count}", ctx.m.facet(*facet))
                } else {
                    ctx.m.facet(*facet).to_string()
                };
                Line::from(cell(&title, row_width, theme::heading(ctx.look)))
            }
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
    let shown = match ctx.m.lang {
        crate::msg::Lang::Zh => &value.zh,
        crate::msg::Lang::En => &value.en,
    };
    let label = crate::text::pad(&crate::text::sanitize_line(shown), room);
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
