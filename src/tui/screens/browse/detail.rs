//! The case detail: the case sheet (the same one `casebook show` prints), wrapped to the pane,
//! scrolled, and with the search's matches highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::library::Case;
use crate::query::similar::Similar;
use crate::sheet;
use crate::tui::context::Context;
use crate::tui::layout::inner;
use crate::tui::sheet_view::{self, SheetLines};
use crate::tui::theme;
use crate::tui::widgets::{pane, scrolled};

use super::Browse;
use super::results::Results;

/// A case's detail laid out at `width` cells, with the lines that hold a search match.
pub fn lay_out(
    ctx: &Context,
    results: &Results,
    case: &Case,
    similar: &[Similar],
    width: usize,
) -> SheetLines {
    let identified = results.identified_in(&case.collection);
    let sheet = sheet::build_counted(ctx.m, ctx.library, case, similar, identified);
    sheet_view::lay_out(ctx, &sheet, width, &|text| results.marks(text))
}

pub fn view(ctx: &Context, browse: &Browse, focused: bool, frame: &mut Frame, area: Rect) {
    let case = browse.current();
    let title = match case {
        Some(case) => format!(" {} · {} ", ctx.m.pane_detail, case.id),
        None => format!(" {} ", ctx.m.pane_detail),
    };
    let block = pane(ctx, focused, title);
    let body = inner(area);
    let Some(case) = case else {
        frame.render_widget(block, area);
        let text = crate::text::truncate(ctx.m.no_case_selected, body.width as usize);
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme::quiet(ctx.look))),
            body,
        );
        return;
    };
    let similar = browse.similar();
    let lines = lay_out(ctx, &browse.results, case, &similar, body.width as usize).lines;
    scrolled(frame, area, block, lines, browse.detail_scroll);
}
