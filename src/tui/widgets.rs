//! Drawing pieces several screens use: a pane's frame, a one-line cell, text with marked
//! characters, and the status line. Pure functions of their arguments; they know no screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::text::width;

use super::context::Context;
use super::theme;

/// The frame of a pane: its title, and a bold coloured border when it has the focus.
pub fn pane<'a>(ctx: &Context, focused: bool, title: impl Into<Line<'a>>) -> Block<'a> {
    let style = if focused {
        theme::focused_border(ctx.look)
    } else {
        Style::new()
    };
    Block::bordered()
        .border_set(theme::border(ctx.look))
        .border_style(style)
        .title(title)
}

/// A one-line cell of `width`, cut with `…` at display width.
pub fn cell(text: &str, width: usize, style: Style) -> Span<'static> {
    Span::styled(
        crate::text::truncate(&crate::text::sanitize_line(text), width),
        style,
    )
}

/// Spans of `text` with the characters whose index (counted from `first`, in the text the marks
/// refer to) is in `marks` drawn in `marked`, the rest in `style`.
pub fn marked_spans(
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

/// The status line: `left` (where the user is), a kept search as a chip (`chip`, shown in reverse
/// video so it reads as something that can be removed), and on the right `note` if there is one
/// (what the cursor is on, whole) or else, where they fit whole, the hints of the keys in force.
pub fn status_line(
    ctx: &Context,
    frame: &mut Frame,
    area: Rect,
    left: &str,
    chip: Option<&str>,
    note: Option<&str>,
) {
    let hints = ctx.keymap.hints(ctx.keys, ctx.m);
    status_line_with(ctx, frame, area, (left, chip), note, hints);
}

/// [`status_line`] with the hints a screen chose (the keys of the pane in focus).
pub fn status_line_with(
    ctx: &Context,
    frame: &mut Frame,
    area: Rect,
    (left, chip): (&str, Option<&str>),
    note: Option<&str>,
    hints: Vec<(&'static str, &'static str)>,
) {
    let total = area.width as usize;
    let right: Vec<Span> = match note {
        Some(note) => vec![Span::styled(format!(" {note}"), theme::label(ctx.look))],
        None => {
            // Where not every hint fits beside `left`, the last ones (help, quit) stay and the
            // ones before them give way; at the narrowest, help alone.
            let mut hints = hints;
            let room = total.saturating_sub(width(left) + 2);
            let cost = |hints: &[(&str, &str)]| -> usize {
                hints.iter().map(|(k, d)| width(k) + width(d) + 2).sum()
            };
            while cost(&hints) > room && hints.len() > 2 {
                hints.remove(hints.len() - 3);
            }
            if cost(&hints) > room && hints.len() == 2 {
                hints.pop();
            }
            hints
                .into_iter()
                .flat_map(|(key, describe)| {
                    [
                        Span::styled(format!(" {key}"), theme::key(ctx.look)),
                        Span::raw(format!(" {describe}")),
                    ]
                })
                .collect()
        }
    };
    let right_width: usize = right.iter().map(|s| width(&s.content)).sum();
    let left_room = total.saturating_sub(right_width + 1).max(total / 3);
    let mut spans = vec![cell(left, left_room, theme::title(ctx.look))];
    if let Some(chip) = chip {
        let room = left_room.saturating_sub(width(&spans[0].content) + 1);
        if room > 2 {
            spans.push(Span::raw(" "));
            spans.push(cell(&format!(" /{chip} "), room, theme::selected(ctx.look)));
        }
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    if used + 1 + right_width <= total {
        spans.push(Span::raw(" ".repeat(total - used - right_width)));
        spans.extend(right);
    } else if let Some(note) = note {
        // A note too long for the room left: cut it rather than drop it.
        let room = total.saturating_sub(used + 1);
        spans.push(Span::raw(" "));
        spans.push(cell(note, room, theme::label(ctx.look)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A scrolled window of `lines` in a bordered `block` at `area`, with `shown/total` on the bottom
/// border when the lines do not all fit.
pub fn scrolled(
    frame: &mut Frame,
    area: Rect,
    block: Block,
    lines: Vec<Line<'static>>,
    scroll: usize,
) {
    let body = super::layout::inner(area);
    let total = lines.len();
    let mut block = block;
    if total > body.height as usize {
        let last = (scroll + body.height as usize).min(total);
        block = block.title_bottom(Line::from(format!(" {last}/{total} ")).right_aligned());
    }
    frame.render_widget(block, area);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(scroll)
        .take(body.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(shown), body);
}

/// Clears `area` for a popup. A double-width character just left of it would reach under the
/// popup's left border, and the terminal would show one or the other, not both: it is blanked.
pub fn clear_popup(frame: &mut Frame, area: Rect) {
    frame.render_widget(ratatui::widgets::Clear, area);
    if area.x == 0 {
        return;
    }
    let buffer = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        if let Some(cell) = buffer.cell_mut((area.x - 1, y))
            && width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// ASCII stand-ins for the symbols a console without them (`TERM=linux`, `--ascii`) would show
/// as boxes: markers, arrows, dashes and the ellipsis.
const ASCII: [(&str, &str); 15] = [
    ("…", "~"),
    ("·", "-"),
    ("↳", ">"),
    ("▶", ">"),
    ("■", "#"),
    ("—", "-"),
    ("–", "-"),
    ("✓", "+"),
    ("✗", "x"),
    ("→", ">"),
    ("←", "<"),
    ("↑", "^"),
    ("↓", "v"),
    ("▲", "^"),
    ("▼", "v"),
];

/// Replaces, in a drawn frame, every symbol [`ASCII`] has a stand-in for.
pub fn asciify(buffer: &mut ratatui::buffer::Buffer) {
    for cell in &mut buffer.content {
        if let Some((_, plain)) = ASCII.iter().find(|(fancy, _)| cell.symbol() == *fancy) {
            cell.set_symbol(plain);
        }
    }
}
