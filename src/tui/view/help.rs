//! The `?` help screen, drawn from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::text::{pad, truncate, width};
use crate::tui::keymap::{self, Group};
use crate::tui::layout::inner;
use crate::tui::theme;

use super::{App, centered};

/// Widest help box; two columns from `TWO_COLUMNS` cells.
const MAX_WIDTH: u16 = 84;
const TWO_COLUMNS: u16 = 72;

/// The lines of some help groups, their keys aligned in one column.
fn column_lines(app: &App, groups: &[Group], column: usize) -> Vec<Line<'static>> {
    let key_width = groups
        .iter()
        .flat_map(|&g| keymap::help_rows(g, app.m))
        .map(|(keys, _)| width(&keys))
        .max()
        .unwrap_or(0)
        .min(column / 2);
    let mut out = Vec::new();
    for &group in groups {
        out.push(Line::styled(group.title(app.m), theme::heading(app.look)));
        for (keys, describe) in keymap::help_rows(group, app.m) {
            let room = column.saturating_sub(key_width + 3);
            out.push(Line::from(vec![
                Span::styled(format!(" {}", pad(&keys, key_width)), theme::key(app.look)),
                Span::raw(format!("  {}", truncate(describe, room))),
            ]));
        }
        out.push(Line::default());
    }
    out.pop(); // no blank line after the last group
    out
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let box_width = area.width.saturating_sub(2).min(MAX_WIDTH);
    let two_columns = box_width >= TWO_COLUMNS;
    let inside = box_width.saturating_sub(2) as usize;
    let column = if two_columns { inside / 2 } else { inside };
    let (left_groups, right_groups): (&[Group], &[Group]) = if two_columns {
        (&Group::ALL[..2], &Group::ALL[2..])
    } else {
        (&Group::ALL[..], &[])
    };
    let left = column_lines(app, left_groups, column);
    let right = column_lines(app, right_groups, column);
    let content_height = left.len().max(right.len());
    let outer = centered(area, box_width, content_height as u16 + 2);
    let body = inner(outer);
    let scroll = app
        .help_scroll
        .min(content_height.saturating_sub(body.height as usize)) as u16;
    let closing = if content_height > body.height as usize {
        format!(" {} · {} ", app.m.help_scroll, app.m.help_close)
    } else {
        format!(" {} ", app.m.help_close)
    };
    let block = Block::bordered()
        .border_set(theme::border(app.look))
        .border_style(theme::focused_border(app.look))
        .title(format!(" {} ", app.m.help_title))
        .title_bottom(Line::from(closing).right_aligned());
    frame.render_widget(Clear, outer);
    frame.render_widget(block, outer);
    let left_area = Rect {
        width: column as u16,
        ..body
    };
    frame.render_widget(Paragraph::new(left).scroll((scroll, 0)), left_area);
    if two_columns {
        let right_area = Rect {
            x: body.x + column as u16,
            width: body.width - column as u16,
            ..body
        };
        frame.render_widget(Paragraph::new(right).scroll((scroll, 0)), right_area);
    }
}
