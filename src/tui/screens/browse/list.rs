//! The case list: two lines a case — position and party, then province · sector · penalty.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::library::{Case, VocabKind};
use crate::sheet;
use crate::tui::context::Context;
use crate::tui::layout::{LIST_ITEM_HEIGHT, inner};
use crate::tui::theme;
use crate::tui::widgets::{cell, marked_spans, pane};

use super::Browse;

/// The second line of a list item: where, which sector, what penalty.
fn glance(ctx: &Context, case: &Case) -> String {
    let label = |kind, key: &str| ctx.m.term(ctx.library, kind, key);
    let sector = match &case.sector {
        Some(s) if case.inferred_reason("sector").is_some() => {
            format!("{}*", label(VocabKind::Sectors, s))
        }
        Some(s) => label(VocabKind::Sectors, s),
        None => ctx.m.not_stated_short.to_string(),
    };
    let penalty = sheet::penalty_kinds(ctx.m, ctx.library, case);
    let province = ctx
        .m
        .term(ctx.library, VocabKind::Provinces, &case.place.province);
    format!("{province} · {sector} · {penalty}")
}

pub fn view(ctx: &Context, browse: &Browse, focused: bool, frame: &mut Frame, area: Rect) {
    let results = &browse.results;
    let mut block = pane(
        ctx,
        focused,
        format!(
            " {} {}/{} ",
            ctx.m.pane_list,
            results.visible.len(),
            ctx.library.cases.len()
        ),
    );
    // The collection header: how many the publisher announced, how many are identified.
    if let Some(case) = browse.current()
        && let Some(collection) = ctx.library.collection(&case.collection)
        && let Some(announced) = collection.announced
    {
        let identified = results.identified_in(&collection.id);
        let counts = sheet::published_identified(ctx.m, identified, announced);
        block = block.title_bottom(format!(" {counts} "));
    }
    let body = inner(area);
    frame.render_widget(block, area);
    if results.visible.is_empty() {
        nothing_found(ctx, browse, frame, body);
        return;
    }
    let row_width = body.width as usize;
    let mut lines = Vec::new();
    let rows = body.height as usize / LIST_ITEM_HEIGHT;
    for (row, &index) in results
        .visible
        .iter()
        .enumerate()
        .skip(browse.list_offset)
        .take(rows)
    {
        let case = &ctx.library.cases[index];
        let is_selected = row == browse.selected;
        lines.extend(item(ctx, browse, case, is_selected, focused, row_width));
    }
    frame.render_widget(Paragraph::new(lines), body);
}

/// Says that nothing matches, and what was asked, so the user sees what to loosen.
fn nothing_found(ctx: &Context, browse: &Browse, frame: &mut Frame, body: Rect) {
    let mut message = ctx.m.no_match.to_string();
    if !browse.results.parsed.is_empty() {
        message.push_str(&format!(
            "\n{}{}{}",
            ctx.m.searched_for, ctx.m.colon, browse.search.query
        ));
    }
    let chosen = super::bars::chosen_labels(ctx, &browse.results.filter);
    if !chosen.is_empty() {
        let chosen = chosen.join(ctx.m.list_sep);
        message.push_str(&format!("\n{}{}{chosen}", ctx.m.filters, ctx.m.colon));
    }
    let suggestions = &browse.results.suggestions;
    let mut lines = suggestions.lines(ctx.m, ctx.library);
    if browse.results.suggest_pending {
        lines.push(ctx.m.suggest_pending.to_string());
    }
    if !suggestions.provisions.is_empty() {
        lines.push(ctx.m.suggest_open_provision.to_string());
    }
    if !browse.results.parsed.is_empty() {
        let n = ctx.library.cases.len().to_string();
        lines.push(crate::msg::fill(ctx.m.suggest_clear, &[("n", n)]));
    }
    for line in lines {
        message.push_str(&format!("\n\n{line}"));
    }
    let lines: Vec<Line> = crate::tui::text::wrap(&message, body.width as usize)
        .into_iter()
        .map(|l| Line::styled(l, theme::quiet(ctx.look)))
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}

/// A case's two lines, the search's matches marked in the party's name.
fn item(
    ctx: &Context,
    browse: &Browse,
    case: &Case,
    is_selected: bool,
    focused: bool,
    row_width: usize,
) -> [Line<'static>; 2] {
    let marker = if is_selected {
        theme::marker(ctx.look)
    } else {
        "  "
    };
    let position = case
        .position
        .map_or(String::from("  "), |p| format!("{p:>2}"));
    let prefix = format!("{marker}{position} ");
    let party = crate::sheet::list_name(ctx.m, case);
    let first = crate::text::truncate(&format!("{prefix}{party}"), row_width);
    let second = format!("     {}", glance(ctx, case));
    let (first_style, second_style) = match (is_selected, focused) {
        (true, true) => (theme::selected(ctx.look), theme::selected(ctx.look)),
        (true, false) => (theme::title(ctx.look), Style::new()),
        _ => (Style::new(), theme::quiet(ctx.look)),
    };
    // Marks in the party's name, shifted past the marker and position.
    let shift = prefix.chars().count();
    let marks: Vec<usize> = browse
        .results
        .marks(&party)
        .into_iter()
        .map(|m| m + shift)
        .collect();
    let highlight = theme::highlight(ctx.look).patch(first_style);
    let mut lines = [
        Line::from(marked_spans(&first, 0, &marks, first_style, highlight)),
        Line::from(vec![cell(&second, row_width, second_style)]),
    ];
    // Reverse video fills the whole row so the selection reads without colour.
    if is_selected && focused {
        for line in &mut lines {
            let used: usize = line
                .spans
                .iter()
                .map(|s| crate::text::width(&s.content))
                .sum();
            line.spans.push(Span::styled(
                " ".repeat(row_width.saturating_sub(used)),
                theme::selected(ctx.look),
            ));
        }
    }
    lines
}
