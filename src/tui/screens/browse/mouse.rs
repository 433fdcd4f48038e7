//! The mouse on the browse screen: a click selects a case or a facet value or focuses the
//! detail; the wheel scrolls the pane under the pointer. Every one has a key.

use crate::tui::types::Pane;

use crate::tui::context::Context;

use super::{Browse, facets};

impl Browse<'_> {
    pub(super) fn click(&mut self, ctx: &Context, x: u16, y: u16) {
        let layout = self.layout(ctx);
        if let Some(row) = layout.list_row_at(x, y) {
            let index = self.list_offset + row;
            if index < self.results.visible.len() {
                if self.selected != index {
                    self.detail_scroll = 0;
                }
                self.selected = index;
            }
            self.focus = Pane::List;
        } else if let Some(row) = layout.facet_row_at(x, y) {
            let index = self.facets.row_at(row).unwrap_or(usize::MAX);
            self.focus = Pane::Facets;
            if matches!(
                self.facets.rows.get(index),
                Some(facets::FacetRow::Value(..))
            ) {
                self.facets.put(index);
                self.toggle_value(ctx);
            }
        } else if layout.detail.is_some_and(|r| r.contains((x, y).into())) {
            self.focus = Pane::Detail;
        }
        self.keep_visible(ctx);
    }

    /// The wheel scrolls the pane under the pointer, which takes the focus (but not from the
    /// search line while typing).
    pub(super) fn wheel(&mut self, ctx: &Context, x: u16, y: u16, delta: i32) {
        let layout = self.layout(ctx);
        let saved = self.focus;
        let under = |r: Option<ratatui::layout::Rect>| r.is_some_and(|r| r.contains((x, y).into()));
        if under(layout.detail) {
            self.focus = Pane::Detail;
        } else if under(layout.facets) {
            self.focus = Pane::Facets;
        } else if under(layout.list) {
            self.focus = Pane::List;
        }
        self.move_by(ctx, delta as isize);
        if self.search.typing {
            self.focus = saved;
        }
    }
}
