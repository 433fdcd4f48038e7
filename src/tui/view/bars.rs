//! The search line at the top and the status line at the bottom.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::query::filter::Facet;
use crate::text::{truncate, width};
use crate::tui::app::{App, Mode};
use crate::tui::{keymap, theme};

use super::cell;

/// `/ 搜索：query`, with the real cursor at the caret while typing so that an input method's
/// candidate window appears there.
pub fn search(app: &App, frame: &mut Frame, area: Rect) {
    let label = format!("/ {}：", app.m.search_label);
    let label_width = width(&label);
    let room = (area.width as usize).saturating_sub(label_width);
    let typing = app.mode == Mode::Search;
    let query = crate::text::sanitize_line(&app.query);
    let (text, style) = if query.is_empty() && !typing {
        (app.m.search_placeholder.to_string(), theme::quiet(app.look))
    } else {
        (query.clone(), theme::title(app.look))
    };
    // Keep the caret on screen: show the tail of a query longer than the box.
    let before_caret: String = query.chars().take(app.caret).collect();
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
    let line = Line::from(vec![
        Span::styled(
            label,
            if typing {
                theme::key(app.look)
            } else {
                theme::label(app.look)
            },
        ),
        Span::styled(truncate(&shown, room), style),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if typing {
        let caret_x = label_width + width(&before_caret).saturating_sub(skipped);
        let x = area.x + (caret_x as u16).min(area.width.saturating_sub(1));
        frame.set_cursor_position((x, area.y));
    }
}

/// `4 / 9 例 · 房产租售、广西壮族自治区` on the left, the most useful keys on the right.
pub fn status(app: &App, frame: &mut Frame, area: Rect) {
    let mut hints: Vec<Span> = Vec::new();
    for (key, describe) in keymap::hints(app.mode, app.m) {
        hints.push(Span::styled(format!(" {key}"), theme::key(app.look)));
        hints.push(Span::raw(format!(" {describe}")));
    }
    let hints_width: usize = hints.iter().map(|s| width(&s.content)).sum();

    let mut left = format!(
        "{} / {} {}",
        app.visible.len(),
        app.library.cases.len(),
        app.m.cases_unit
    );
    if app.mode == Mode::Statute {
        // Which provision of how many, rather than the browser's case count.
        let at = app.statute_order.iter().position(|&s| s == app.statute);
        left = format!(
            "{} {} / {}",
            app.m.pane_statutes,
            at.map_or(0, |a| a + 1),
            app.statute_order.len()
        );
    }
    let chosen = chosen_labels(app);
    if !chosen.is_empty() {
        left.push_str(&format!(" · {}：{}", app.m.filters, chosen.join("、")));
    }
    if !app.query.trim().is_empty() && app.mode != Mode::Search {
        left.push_str(&format!(" · /{}", app.query));
    }
    let total = area.width as usize;
    let left_room = total.saturating_sub(hints_width + 1).max(total / 2);
    let mut spans = vec![cell(&left, left_room, theme::title(app.look))];
    let used = width(&spans[0].content);
    if used + 1 + hints_width <= total {
        spans.push(Span::raw(" ".repeat(total - used - hints_width)));
        spans.extend(hints);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The chosen facet values, as the user reads them.
pub fn chosen_labels(app: &App) -> Vec<String> {
    Facet::ALL
        .iter()
        .flat_map(|&facet| {
            app.filter
                .values(facet)
                .iter()
                .map(move |key| facet_label(app, facet, key))
        })
        .collect()
}

/// A chosen facet value as the user reads it.
fn facet_label(app: &App, facet: Facet, key: &str) -> String {
    match facet.vocab() {
        Some(kind) => app
            .library
            .vocab
            .term(kind, key)
            .map_or(key.to_string(), |t| t.label.zh.clone()),
        None => key.to_string(),
    }
}
