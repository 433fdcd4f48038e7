//! The browse screen's search line at the top and status line at the bottom.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::query::filter::{Facet, Filter};
use crate::text::{truncate, width};
use crate::tui::theme;
use crate::tui::types::Context;
use crate::tui::widgets::status_line;

use super::Browse;
use super::search_line::SearchLine;

/// `/ 搜索：query`, with the real cursor at the caret while typing so that an input method's
/// candidate window appears there.
pub fn search(ctx: &Context, line: &SearchLine, frame: &mut Frame, area: Rect) {
    let label = format!("/ {}：", ctx.m.search_label);
    let label_width = width(&label);
    let room = (area.width as usize).saturating_sub(label_width);
    let query = crate::text::sanitize_line(&line.query);
    let (text, style) = if query.is_empty() && !line.typing {
        (ctx.m.search_placeholder.to_string(), theme::quiet(ctx.look))
    } else {
        (query.clone(), theme::title(ctx.look))
    };
    // Keep the caret on screen: show the tail of a query longer than the box.
    let before_caret: String = query.chars().take(line.caret).collect();
    let skip = width(&before_caret).saturating_sub(room.saturating_sub(1));
    let mut shown = String::new();
    let mut skipped = 0;
    for c in text.chars() {
        if skipped < skip {
            skipped += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            continue;
        }
        shown.push(c);
    }
    let label_style = if line.typing {
        theme::key(ctx.look)
    } else {
        theme::label(ctx.look)
    };
    let spans = vec![
        Span::styled(label, label_style),
        Span::styled(truncate(&shown, room), style),
    ];
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if line.typing {
        let caret_x = label_width + width(&before_caret).saturating_sub(skipped);
        let x = area.x + (caret_x as u16).min(area.width.saturating_sub(1));
        frame.set_cursor_position((x, area.y));
    }
}

/// `4 / 9 例 · 筛选：房产租售、广西壮族自治区 · /房` on the left, the keys in force on the right.
pub fn status(ctx: &Context, browse: &Browse, frame: &mut Frame, area: Rect) {
    let mut left = format!(
        "{} / {} {}",
        browse.results.visible.len(),
        ctx.library.cases.len(),
        ctx.m.cases_unit
    );
    let chosen = chosen_labels(ctx, &browse.results.filter);
    if !chosen.is_empty() {
        left.push_str(&format!(" · {}：{}", ctx.m.filters, chosen.join("、")));
    }
    if !browse.search.query.trim().is_empty() && !browse.search.typing {
        left.push_str(&format!(" · /{}", browse.search.query));
    }
    status_line(ctx, frame, area, &left);
}

/// The chosen facet values, as the user reads them.
pub fn chosen_labels(ctx: &Context, filter: &Filter) -> Vec<String> {
    Facet::ALL
        .iter()
        .flat_map(|&facet| {
            filter
                .values(facet)
                .iter()
                .map(move |key| facet_label(ctx, facet, key))
        })
        .collect()
}

/// A chosen facet value as the user reads it.
fn facet_label(ctx: &Context, facet: Facet, key: &str) -> String {
    match facet.vocab() {
        Some(kind) => ctx
            .library
            .vocab
            .term(kind, key)
            .map_or(key.to_string(), |t| t.label.zh.clone()),
        None => key.to_string(),
    }
}
