//! The `?` help screen, drawn over the screen below it from the keymap table: each screen's keys
//! in a group of their own, then the keys every screen shares.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::text::{pad, truncate, width};
use crate::tui::context::Context;
use crate::tui::keymap::Group;
use crate::tui::layout::{centered, inner};
use crate::tui::theme;
use crate::tui::types::{Action, Next, Scope};

use super::Screen;

/// Widest help box; two columns from `TWO_COLUMNS` cells.
const MAX_WIDTH: u16 = 84;
const TWO_COLUMNS: u16 = 72;
/// The blank cells between two columns.
const COLUMN_GAP: usize = 2;
/// The groups of the left column when there are two: the browser's own keys.
const LEFT_GROUPS: usize = 2;

#[derive(Default)]
pub struct Help {
    pub scroll: usize,
}

/// The help box at a terminal size: its columns' lines, its rectangle, and its inside.
struct HelpBox {
    left: Vec<Line<'static>>,
    right: Option<Vec<Line<'static>>>,
    column: usize,
    outer: Rect,
}

impl HelpBox {
    fn new(ctx: &Context) -> Self {
        let area = Rect::new(0, 0, ctx.width, ctx.height);
        let box_width = area.width.saturating_sub(2).min(MAX_WIDTH);
        let two_columns = box_width >= TWO_COLUMNS;
        let inside = box_width.saturating_sub(2) as usize;
        let column = if two_columns { inside / 2 } else { inside };
        let (left, right) = if two_columns {
            let (left, right) = Group::ALL.split_at(LEFT_GROUPS);
            // The left column stops two cells short, so its last word never runs into the
            // right column's first.
            (
                column_lines(ctx, left, column.saturating_sub(COLUMN_GAP)),
                Some(column_lines(ctx, right, column)),
            )
        } else {
            (column_lines(ctx, &Group::ALL, column), None)
        };
        let content_height = left.len().max(right.as_ref().map_or(0, Vec::len));
        let outer = centered(area, box_width, content_height as u16 + 2);
        HelpBox {
            left,
            right,
            column,
            outer,
        }
    }

    fn content_height(&self) -> usize {
        self.left.len().max(self.right.as_ref().map_or(0, Vec::len))
    }

    /// How far the help can scroll before its last line reaches the bottom of the box.
    fn max_scroll(&self) -> usize {
        let body = inner(self.outer);
        self.content_height().saturating_sub(body.height as usize)
    }
}

/// The lines of some help groups, their keys aligned in one column.
fn column_lines(ctx: &Context, groups: &[Group], column: usize) -> Vec<Line<'static>> {
    let key_width = groups
        .iter()
        .flat_map(|&g| ctx.keymap.help_rows(g, ctx.m))
        .map(|(keys, _)| width(&keys))
        .max()
        .unwrap_or(0)
        .min(column / 2);
    let mut out = Vec::new();
    for &group in groups {
        let title = truncate(group.title(ctx.m), column);
        out.push(Line::styled(title, theme::heading(ctx.look)));
        for (keys, describe) in ctx.keymap.help_rows(group, ctx.m) {
            let room = column.saturating_sub(key_width + 3);
            out.push(Line::from(vec![
                Span::styled(format!(" {}", pad(&keys, key_width)), theme::key(ctx.look)),
                Span::raw(format!("  {}", truncate(describe, room))),
            ]));
        }
        out.push(Line::default());
    }
    out.pop(); // no blank line after the last group
    out
}

impl Help {
    fn scroll_by(&mut self, ctx: &Context, delta: isize) {
        let max = HelpBox::new(ctx).max_scroll() as isize;
        self.scroll = (self.scroll as isize + delta).clamp(0, max) as usize;
    }

    fn page(ctx: &Context) -> usize {
        inner(HelpBox::new(ctx).outer).height as usize
    }
}

impl<'l> Screen<'l> for Help {
    fn scope(&self) -> Scope {
        Scope::Help
    }

    fn is_popup(&self) -> bool {
        true
    }

    fn enter(&mut self, _ctx: &Context<'l>, _in_view: Option<Vec<usize>>) {
        self.scroll = 0;
    }

    fn update(&mut self, ctx: &Context<'l>, action: Action) -> Next {
        if let Some(delta) = action.scroll_delta(Self::page(ctx)) {
            self.scroll_by(ctx, delta);
        }
        match action {
            Action::Resize(..) => self.scroll_by(ctx, 0),
            Action::Back => return Next::Close,
            _ => {}
        }
        Next::Stay
    }

    fn view(&self, ctx: &Context<'l>, frame: &mut Frame) {
        let help = HelpBox::new(ctx);
        let body = inner(help.outer);
        let scroll = self.scroll.min(help.max_scroll()) as u16;
        let closing = if help.max_scroll() > 0 {
            let (scroll, close) = (
                ctx.keymap.fill(ctx.m.help_scroll),
                ctx.keymap.fill(ctx.m.help_close),
            );
            format!(" {scroll} · {close} ")
        } else {
            format!(" {} ", ctx.keymap.fill(ctx.m.help_close))
        };
        let block = Block::bordered()
            .border_set(theme::border(ctx.look))
            .border_style(theme::focused_border(ctx.look))
            .title(format!(" {} ", ctx.m.help_title))
            .title_bottom(Line::from(closing).right_aligned());
        crate::tui::widgets::clear_popup(frame, help.outer);
        frame.render_widget(block, help.outer);
        let left_area = Rect {
            width: help.column as u16,
            ..body
        };
        frame.render_widget(Paragraph::new(help.left).scroll((scroll, 0)), left_area);
        if let Some(right) = help.right {
            let right_area = Rect {
                x: body.x + help.column as u16,
                width: body.width - help.column as u16,
                ..body
            };
            frame.render_widget(Paragraph::new(right).scroll((scroll, 0)), right_area);
        }
    }
}
