//! A sheet (a case's or a provision's, the same ones `casebook show` and `casebook statute`
//! print) laid out in lines at a width: labels beside their values where there is room, above
//! them where there is not, and a search's matches marked.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::sheet::Sheet;
use crate::text::{pad, sanitize};

use super::context::Context;
use super::text::wrap_at;
use super::theme;
use super::widgets::marked_spans;

/// Cells for the row labels (four Chinese characters) and the gap after them.
const GAP: usize = 2;
/// Narrower than this, labels go on a line of their own.
const SIDE_BY_SIDE_MIN: usize = 36;

/// Which characters of a text a search matched (indices in characters, ascending).
pub type Marker<'a> = &'a dyn Fn(&str) -> Vec<usize>;

/// A sheet's lines, and which of them hold a search match.
pub struct SheetLines {
    pub lines: Vec<Line<'static>>,
    pub matches: Vec<usize>,
}

/// Lays out `sheet` at `width` cells, marking what `marker` finds.
pub fn lay_out(ctx: &Context, sheet: &Sheet, width: usize, marker: Marker) -> SheetLines {
    // The label column is as wide as the sheet's longest label, so none is cut where there is
    // room (幅度中的位置), but never more than the catalog's width where the pane is narrow.
    let longest = sheet
        .key_facts
        .iter()
        .chain(&sheet.sections)
        .flat_map(|section| &section.rows)
        .map(|row| crate::text::width(row.label))
        .max()
        .unwrap_or(0);
    let label_width = longest.min((width / 3).max(ctx.m.label_cells)).max(1);
    let mut out = Writer {
        ctx,
        marker,
        label_width,
        done: SheetLines {
            lines: Vec::new(),
            matches: Vec::new(),
        },
    };
    out.push(&sheet.title, width, theme::title(ctx.look), &[], "");
    if let Some(key_facts) = &sheet.key_facts {
        out.section(key_facts, width);
        out.done.lines.push(Line::default());
    }
    if let Some(en) = &sheet.title_en {
        out.push(en, width, Style::new(), &[], "");
    }
    out.push(
        &sheet.collection_line,
        width,
        theme::quiet(ctx.look),
        &[],
        "",
    );
    for section in &sheet.sections {
        out.section(section, width);
    }
    out.done
}

struct Writer<'a, 'c> {
    ctx: &'a Context<'c>,
    marker: Marker<'a>,
    /// The label column's width, in cells.
    label_width: usize,
    done: SheetLines,
}

impl Writer<'_, '_> {
    /// Adds `text` wrapped to `width`, each line led by `lead` (the first) or `indent` (the rest),
    /// with the search's matches marked.
    fn push(
        &mut self,
        text: &str,
        width: usize,
        style: Style,
        lead: &[Span<'static>],
        indent: &str,
    ) {
        let text = sanitize(text);
        let marks = (self.marker)(&text);
        let highlight = theme::highlight(self.ctx.look);
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
                self.done.matches.push(self.done.lines.len());
            }
            spans.extend(marked_spans(&line, first, &marks, style, highlight));
            self.done.lines.push(Line::from(spans));
        }
    }

    /// A section: a blank line, its heading, then its rows.
    fn section(&mut self, section: &crate::sheet::Section, width: usize) {
        let look = self.ctx.look;
        self.done.lines.push(Line::default());
        let heading = if look.ascii {
            format!("== {} ==", section.heading)
        } else {
            format!("■ {}", section.heading)
        };
        self.push(&heading, width, theme::heading(look), &[], "");
        for row in &section.rows {
            self.row(row, width);
        }
    }

    /// A labelled row: beside its label from `SIDE_BY_SIDE_MIN` cells, under it below that; the
    /// reason for an inferred value follows it.
    fn row(&mut self, row: &crate::sheet::Row, width: usize) {
        let look = self.ctx.look;
        let label_width = self.label_width;
        let side_by_side = width >= SIDE_BY_SIDE_MIN;
        let value_width = if side_by_side {
            width - label_width - GAP
        } else {
            width.saturating_sub(GAP)
        };
        let indent = " ".repeat(if side_by_side { label_width + GAP } else { GAP });
        let style = if row.missing {
            theme::quiet(look)
        } else {
            Style::new()
        };
        let label = Span::styled(pad(row.label, label_width), theme::label(look));
        for (i, line) in row.lines.iter().enumerate() {
            let lead = if !side_by_side {
                if i == 0 {
                    self.done.lines.push(Line::from(label.clone()));
                }
                vec![Span::raw(indent.clone())]
            } else if i == 0 {
                vec![label.clone(), Span::raw(" ".repeat(GAP))]
            } else {
                vec![Span::raw(indent.clone())]
            };
            self.push(line, value_width, style, &lead, &indent);
        }
        if let Some(reason) = &row.inferred {
            let text = format!("↳ {}{}{reason}", self.ctx.m.inferred, self.ctx.m.colon);
            let lead = vec![Span::raw(indent.clone())];
            self.push(&text, value_width, theme::inferred(look), &lead, &indent);
        }
    }
}
