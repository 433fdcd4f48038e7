//! A chart laid out as text: label, bar and figure sharing a width — what `casebook stats`
//! prints and the statistics screen draws — with prose (titles, notes) wrapped to it.

use super::{Bar, Chart};

/// The widest a bar is drawn (a piped chart's bars, and a wide terminal's).
pub const BAR_CELLS: usize = 30;

/// How a chart's lines share a width: the label, the bar, the figure after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BarLayout {
    pub label_cells: usize,
    pub bar_cells: usize,
}

/// One bar's line, laid out: the label cut to its cells, the bar's length, the figure whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarLine<'c> {
    pub label: String,
    pub cells: usize,
    pub shown: &'c str,
    pub computed: bool,
}

impl BarLayout {
    /// The layout of `chart` in `width` cells (after a two-cell indent): the figures never cut,
    /// the bars given what is left up to [`BAR_CELLS`] (at least a few), the label cut only
    /// when both do not fit. Without a width (piped), labels are whole.
    pub fn of(chart: &Chart, width: Option<usize>) -> BarLayout {
        use crate::text::width as cells;
        let widest_label = chart
            .bars
            .iter()
            .map(|b| cells(&b.label))
            .max()
            .unwrap_or(0);
        let Some(width) = width else {
            return BarLayout {
                label_cells: widest_label,
                bar_cells: BAR_CELLS,
            };
        };
        let widest_shown = chart
            .bars
            .iter()
            .map(|b| cells(&b.shown))
            .max()
            .unwrap_or(0);
        // indent 2, gap 2 after the label, 1 before the figure
        let room = width.saturating_sub(2 + 2 + 1 + widest_shown);
        const FEWEST_BAR: usize = 6;
        // A provision's article is never cut while the room allows it.
        let widest_tail = chart
            .bars
            .iter()
            .filter_map(|b| b.tail.as_deref().map(cells))
            .max()
            .unwrap_or(0);
        let label_cells = widest_label
            .min(room.saturating_sub(FEWEST_BAR))
            .max(widest_tail.min(room.saturating_sub(1)))
            .max(4.min(widest_label));
        let bar_cells = room.saturating_sub(label_cells).clamp(1, BAR_CELLS);
        BarLayout {
            label_cells,
            bar_cells,
        }
    }

    /// A bar's label cut to the label cells: from the end of what precedes its tail where it
    /// has one (`处罚办法… 第十四条`), else from its end.
    fn fitted_label(&self, bar: &Bar) -> String {
        use crate::text::{truncate, width};
        let label = crate::text::sanitize_line(&bar.label);
        if width(&label) <= self.label_cells {
            return label;
        }
        let kept = bar.tail.as_deref().and_then(|tail| {
            let head = label.strip_suffix(tail)?.trim_end();
            let room = self.label_cells.checked_sub(width(tail))?;
            Some(match room {
                0 | 1 => tail.to_string(),
                _ => format!("{} {tail}", truncate(head, room - 1)),
            })
        });
        kept.unwrap_or_else(|| truncate(&label, self.label_cells))
    }

    /// The chart's bars, laid out: each bar scaled to the largest.
    pub fn lines<'c>(&self, chart: &'c Chart) -> Vec<BarLine<'c>> {
        let max = chart.bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
        chart
            .bars
            .iter()
            .map(|bar| BarLine {
                label: crate::text::pad(&self.fitted_label(bar), self.label_cells),
                cells: ((u128::from(bar.value) * self.bar_cells as u128).div_ceil(u128::from(max)))
                    as usize,
                shown: &bar.shown,
                computed: bar.computed,
            })
            .collect()
    }
}

/// A chart as text: a bar of `#` (or `█`) scaled to the room `width` leaves (see
/// [`BarLayout::of`]), the figure after it; its notes under it.
pub fn chart_text(chart: &Chart, width: Option<usize>, full: &str) -> String {
    let layout = BarLayout::of(chart, width);
    // Prose (the title, the notes) wrapped to the width, the notes indented under the bars.
    let wrapped = |text: &str, indent: usize| -> Vec<String> {
        match width {
            Some(width) => crate::wrap::wrap(text, width.saturating_sub(indent)),
            None => vec![text.to_string()],
        }
    };
    let mut out: String = wrapped(&chart.title, 0)
        .into_iter()
        .map(|line| line + "\n")
        .collect();
    for line in layout.lines(chart) {
        out.push_str(&format!(
            "  {}  {} {}\n",
            line.label,
            full.repeat(line.cells),
            line.shown
        ));
    }
    for note in &chart.notes {
        for line in wrapped(note, 2) {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}
