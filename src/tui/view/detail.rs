//! The case detail: the case sheet (the same one `casebook show` prints), wrapped to the pane,
//! scrolled, and with the search's matches highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::library::Case;
use crate::sheet;
use crate::text::{pad, sanitize};
use crate::tui::app::{App, Pane};
use crate::tui::layout::inner;
use crate::tui::text::wrap_at;
use crate::tui::theme;

use super::{marked_spans, pane};

/// Cells for the row labels (four Chinese characters) and the gap after them.
const LABEL_WIDTH: usize = 8;
const GAP: usize = 2;
/// Narrower than this, labels go on a line of their own.
const SIDE_BY_SIDE_MIN: usize = 36;

/// The detail's lines, and which of them hold a search match.
struct Detail {
    lines: Vec<Line<'static>>,
    matches: Vec<usize>,
}

impl Detail {
    /// Adds `text` wrapped to `width`, each line led by `lead` (the first) or `indent` (the rest),
    /// with the search's matches marked.
    fn push(
        &mut self,
        app: &App,
        text: &str,
        width: usize,
        style: Style,
        lead: &[Span<'static>],
        indent: &str,
    ) {
        let text = sanitize(text);
        let marks = if app.parsed.is_empty() {
            Vec::new()
        } else {
            app.index.highlight(&text, &app.parsed)
        };
        let highlight = theme::highlight(app.look);
        for (i, (first, line)) in wrap_at(&text, width).into_iter().enumerate() {
            let mut spans: Vec<Span<'static>> = if i == 0 {
                lead.to_vec()
            } else if indent.is_empty() {
                Vec::new()
            } else {
                vec![Span::raw(indent.to_string())]
            };
            let count = line.chars().count();
            if marks.iter().any(|&m| m >= first && m < first + count) {
                self.matches.push(self.lines.len());
            }
            spans.extend(marked_spans(&line, first, &marks, style, highlight));
            self.lines.push(Line::from(spans));
        }
    }
}

fn build(app: &App, case: &Case, width: usize) -> Detail {
    from_sheet(app, &sheet::build(app.m, app.library, case), width)
}

/// A sheet (a case's or a provision's) laid out at `width` cells.
fn from_sheet(app: &App, sheet: &sheet::Sheet, width: usize) -> Detail {
    let mut out = Detail {
        lines: Vec::new(),
        matches: Vec::new(),
    };
    out.push(app, &sheet.title, width, theme::title(app.look), &[], "");
    if let Some(en) = &sheet.title_en {
        out.push(app, en, width, Style::new(), &[], "");
    }
    out.push(
        app,
        &sheet.collection_line,
        width,
        theme::quiet(app.look),
        &[],
        "",
    );
    let side_by_side = width >= SIDE_BY_SIDE_MIN;
    let value_width = if side_by_side {
        width - LABEL_WIDTH - GAP
    } else {
        width.saturating_sub(GAP)
    };
    let indent = " ".repeat(if side_by_side { LABEL_WIDTH + GAP } else { GAP });
    for section in &sheet.sections {
        out.lines.push(Line::default());
        let heading = if app.look.ascii {
            format!("== {} ==", section.heading)
        } else {
            format!("■ {}", section.heading)
        };
        out.push(app, &heading, width, theme::heading(app.look), &[], "");
        for row in &section.rows {
            let style = if row.missing {
                theme::quiet(app.look)
            } else {
                Style::new()
            };
            let label = Span::styled(pad(row.label, LABEL_WIDTH), theme::label(app.look));
            for (i, line) in row.lines.iter().enumerate() {
                if side_by_side {
                    let lead = if i == 0 {
                        vec![label.clone(), Span::raw(" ".repeat(GAP))]
                    } else {
                        vec![Span::raw(indent.clone())]
                    };
                    out.push(app, line, value_width, style, &lead, &indent);
                } else {
                    if i == 0 {
                        out.lines.push(Line::from(label.clone()));
                    }
                    let lead = vec![Span::raw(indent.clone())];
                    out.push(app, line, value_width, style, &lead, &indent);
                }
            }
            if let Some(reason) = &row.inferred {
                let text = format!("↳ {}：{reason}", app.m.inferred);
                let lead = vec![Span::raw(indent.clone())];
                out.push(
                    app,
                    &text,
                    value_width,
                    theme::inferred(app.look),
                    &lead,
                    &indent,
                );
            }
        }
    }
    out
}

/// Every line of a sheet at `width` cells: the statute view draws provisions the way the detail
/// draws cases.
pub fn sheet_lines(app: &App, sheet: &sheet::Sheet, width: usize) -> Vec<Line<'static>> {
    from_sheet(app, sheet, width).lines
}

/// Every line of a case's detail at `width` cells. `update` counts them to bound scrolling.
pub fn lines(app: &App, case: &Case, width: usize) -> Vec<Line<'static>> {
    build(app, case, width).lines
}

/// The lines of a case's detail that hold a search match, for `n` and `N`.
pub fn match_rows(app: &App, case: &Case, width: usize) -> Vec<usize> {
    build(app, case, width).matches
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
