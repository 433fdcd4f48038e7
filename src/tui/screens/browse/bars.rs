//! The browse screen's status line, and the chosen filters as the user reads them.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::msg::fill;
use crate::query::filter::Filter;
use crate::tui::context::Context;
use crate::tui::types::{Pane, Scope};
use crate::tui::widgets::status_line_with;

use super::Browse;

/// `4 / 9 例 · 按词：员工 卖 客户信息 · 筛选：房产租售、广西壮族自治区 · /房` on the left, the keys in force on the right.
pub fn status(ctx: &Context, browse: &Browse, frame: &mut Frame, area: Rect) {
    let mut left = fill(
        ctx.m.cases_of,
        &[
            ("n", browse.results.visible.len().to_string()),
            ("total", ctx.library.cases.len().to_string()),
        ],
    );
    // A phrase searched as its words says so: what matched is those words, not the phrase.
    if let Some(cut) = &browse.results.cut {
        let words: Vec<&str> = cut.words().collect();
        let (m, words) = (ctx.m, crate::text::sanitize_line(&words.join(" ")));
        left.push_str(&format!(" · {}{}{words}", m.searched_as_words, m.colon));
    }
    let chosen = chosen_labels(ctx, &browse.results.filter);
    if !chosen.is_empty() {
        let (m, chosen) = (ctx.m, chosen.join(ctx.m.list_sep));
        left.push_str(&format!(" · {}{}{chosen}", m.filters, m.colon));
    }
    let chip =
        (browse.search.is_kept() && !browse.search.typing).then_some(browse.search.query.as_str());
    // On the facets, the value under the cursor, whole: the pane cuts long labels.
    let on_facets = ctx.keys == Scope::Browse && browse.focus == Pane::Facets;
    let note = on_facets.then(|| browse.facets.describe(ctx)).flatten();
    let mut hints = ctx.keymap.hints(ctx.keys, ctx.m);
    // In the detail, the numbers open its provisions; Enter opens nothing more there. On the
    // list they open the case of that published number.
    if ctx.keys == Scope::Browse && browse.focus == Pane::Detail {
        for hint in &mut hints {
            if hint.0 == "Enter" {
                *hint = ("1–9", ctx.m.key_open_provision);
            }
        }
    } else if ctx.keys == Scope::Browse && browse.focus == Pane::List {
        // Before help and quit: where the line is narrow it is the first to give way (the help
        // screen lists it).
        let at = hints.len().saturating_sub(2);
        hints.insert(at, ("1–9", ctx.m.key_open_published));
    }
    status_line_with(ctx, frame, area, (&left, chip), note.as_deref(), hints);
}

/// The chosen facet values, as the user reads them.
pub fn chosen_labels(ctx: &Context, filter: &Filter) -> Vec<String> {
    filter.chosen_labels(ctx.m, ctx.library)
}
