//! The case detail: the case sheet (the same one `casebook show` prints), wrapped to the pane and
//! scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::library::Case;
use crate::sheet;
use crate::text::pad;
use crate::tui::app::{App, Pane};
use crate::tui::layout::inner;
use crate::tui::text::wrap;
use crate::tui::theme;

use super::pane;

/// Cells for the row labels (four Chinese characters) and the gap after them.
const LABEL_WIDTH: usize = 8;
const GAP: usize = 2;
/// Narrower than this, labels go on a line of their own.
const SIDE_BY_SIDE_MIN: usize = 36;

/// Every line of a case's detail at `width` cells. `update` counts them to bound scrolling.
pub fn lines(app: &App, case: &Case, width: usize) -> Vec<Line<'static>> {
    let sheet = sheet::build(app.m, app.library, case);
    let mut out: Vec<Line<'static>> = Vec::new();
    let push_wrapped = |out: &mut Vec<Line<'static>>, text: &str, style: Style| {
        out.extend(
            wrap(text, width)
                .into_iter()
                .map(|l| Line::styled(l, style)),
        );
    };
    push_wrapped(&mut out, &sheet.title, theme::title(app.look));
    if let Some(en) = &sheet.title_en {
        push_wrapped(&mut out, en, Style::new());
    }
    push_wrapped(&mut out, &sheet.collection_line, theme::quiet(app.look));
    let side_by_side = width >= SIDE_BY_SIDE_MIN;
    let value_width = if side_by_side {
        width - LABEL_WIDTH - GAP
    } else {
        width.saturating_sub(GAP)
    };
    let indent = " ".repeat(if side_by_side { LABEL_WIDTH + GAP } else { GAP });
    for section in &sheet.sections {
        out.push(Line::default());
        let heading = if app.look.ascii {
            format!("== {} ==", section.heading)
        } else {
            format!("■ {}", section.heading)
        };
        push_wrapped(&mut out, &heading, theme::heading(app.look));
        for row in &section.rows {
            let style = if row.missing {
                theme::quiet(app.look)
            } else {
                Style::new()
            };
            let mut values: Vec<String> = Vec::new();
            for line in &row.lines {
                values.extend(wrap(line, value_width));
            }
            let label = Span::styled(pad(row.label, LABEL_WIDTH), theme::label(app.look));
            if side_by_side {
                for (i, value) in values.into_iter().enumerate() {
                    let lead = if i == 0 {
                        label.clone()
                    } else {
                        Span::raw(" ".repeat(LABEL_WIDTH))
                    };
                    out.push(Line::from(vec![
                        lead,
                        Span::raw(" ".repeat(GAP)),
                        Span::styled(value, style),
                    ]));
                }
            } else {
                out.push(Line::from(label));
                for value in values {
                    out.push(Line::from(vec![
                        Span::raw(indent.clone()),
                        Span::styled(value, style),
                    ]));
                }
            }
            if let Some(reason) = &row.inferred {
                let text = format!("↳ {}：{reason}", app.m.inferred);
                for line in wrap(&text, value_width) {
                    out.push(Line::from(vec![
                        Span::raw(indent.clone()),
                        Span::styled(line, theme::inferred(app.look)),
                    ]));
                }
            }
        }
    }
    out
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let body = inner(area);
    let Some(case) = app.current() else {
        frame.render_widget(
            pane(app, Pane::Detail, format!(" {} ", app.m.pane_detail)),
            area,
        );
        let text = crate::text::truncate(app.m.no_case_selected, body.width as usize);
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme::quiet(app.look))),
            body,
        );
        return;
    };
    let all = lines(app, case, body.width as usize);
    let total = all.len();
    let mut block = pane(app, Pane::Detail, format!(" {} ", app.m.pane_detail));
    if total > body.height as usize {
        let last = (app.detail_scroll + body.height as usize).min(total);
        block = block.title_bottom(Line::from(format!(" {last}/{total} ")).right_aligned());
    }
    frame.render_widget(block, area);
    let shown: Vec<Line> = all
        .into_iter()
        .skip(app.detail_scroll)
        .take(body.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(shown), body);
}
