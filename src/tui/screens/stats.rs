//! The statistics screen (`S`): the 2019 campaign's published figures and breakdowns, then the
//! library's cases in view (the browser's filter and search) by sector, province, violation,
//! penalty, year, records and provision — each a bar chart with its figures after the bars.
//! It scrolls a chart at a time.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::msg::fill;
use crate::stats::{self, Chart, Total};
use crate::tui::context::Context;
use crate::tui::theme;
use crate::tui::types::{Action, Next, Place, Scope};
use crate::tui::widgets::status_line;

use super::Screen;

/// One block of the page: the totals, a heading, or a chart.
enum Piece {
    Heading(String),
    Totals(Vec<Total>),
    Chart(Chart),
}

impl Piece {
    fn height(&self) -> u16 {
        match self {
            Piece::Heading(_) => 1,
            Piece::Totals(totals) => totals.len() as u16 + 2,
            Piece::Chart(chart) => chart.bars.len().max(1) as u16 + 2,
        }
    }
}

#[derive(Default)]
pub struct Stats {
    pieces: Vec<Piece>,
    /// The first piece shown.
    first: usize,
    /// The cases charted, when fewer than the library's.
    narrowed: Option<usize>,
    in_view: Option<Vec<usize>>,
}

impl Stats {
    fn build(&mut self, ctx: &Context) {
        let (m, library) = (ctx.m, ctx.library);
        let cases: Vec<usize> = match &self.in_view {
            Some(cases) => cases.clone(),
            None => (0..library.cases.len()).collect(),
        };
        let mut pieces = Vec::new();
        if let Some(campaign) = &library.campaign {
            pieces.push(Piece::Heading(m.stats_campaign.to_string()));
            pieces.push(Piece::Totals(stats::campaign_totals(m, campaign)));
            pieces.extend(
                stats::campaign_charts(m, campaign)
                    .into_iter()
                    .map(Piece::Chart),
            );
        }
        // "Current filter" only where the browser's filter or search narrows what is charted.
        let template = if cases.len() < library.cases.len() {
            m.stats_library
        } else {
            m.stats_library_all
        };
        let title = fill(
            template,
            &[("n", crate::text::thousands(cases.len() as u64))],
        );
        pieces.push(Piece::Heading(title));
        pieces.extend(
            stats::library_charts(m, library, &cases)
                .into_iter()
                .map(Piece::Chart),
        );
        self.first = self.first.min(pieces.len().saturating_sub(1));
        self.pieces = pieces;
    }

    /// How many pieces from `first` fit in `height` rows.
    fn fitting(&self, height: u16) -> usize {
        let mut used = 0;
        self.pieces[self.first..]
            .iter()
            .take_while(|p| {
                used += p.height();
                used <= height
            })
            .count()
            .max(1)
    }
}

impl<'l> Screen<'l> for Stats {
    fn scope(&self) -> Scope {
        Scope::Stats
    }

    fn wants_view(&self) -> bool {
        true
    }

    fn enter(&mut self, ctx: &Context<'l>, in_view: Option<Vec<usize>>) {
        self.narrowed = in_view.as_ref().map(Vec::len);
        self.in_view = in_view;
        self.first = 0;
        self.build(ctx);
    }

    fn relanguage(&mut self, ctx: &Context<'l>) {
        if !self.pieces.is_empty() {
            self.build(ctx);
        }
    }

    fn place(&self) -> Option<Place> {
        Some(Place::Stats)
    }

    fn update(&mut self, ctx: &Context<'l>, action: Action) -> Next {
        let last = self.pieces.len().saturating_sub(1);
        let page = self.fitting(ctx.height.saturating_sub(2));
        match action {
            Action::Back => return Next::Close,
            Action::Down | Action::Scroll(_, _, 1..) => self.first = (self.first + 1).min(last),
            Action::Up | Action::Scroll(_, _, ..=-1) => self.first = self.first.saturating_sub(1),
            Action::PageDown => self.first = (self.first + page).min(last),
            Action::PageUp => self.first = self.first.saturating_sub(page),
            Action::First => self.first = 0,
            Action::Last => self.first = last,
            _ => {}
        }
        Next::Stay
    }

    fn view(&self, ctx: &Context<'l>, frame: &mut Frame) {
        let (w, h) = (ctx.width, ctx.height);
        let m = ctx.m;
        let title = format!(" {} ", m.stats_title);
        frame.render_widget(
            Paragraph::new(title).style(theme::title(ctx.look)),
            Rect::new(0, 0, w, 1),
        );
        let bottom = h.saturating_sub(1);
        let mut y = 1;
        for piece in &self.pieces[self.first.min(self.pieces.len())..] {
            let height = piece.height();
            if y + height > bottom {
                break;
            }
            let area = Rect::new(0, y, w, height);
            match piece {
                Piece::Heading(text) => frame.render_widget(
                    Paragraph::new(crate::text::truncate(text, w as usize))
                        .style(theme::heading(ctx.look)),
                    area,
                ),
                Piece::Totals(totals) => draw_totals(ctx, frame, area, totals),
                Piece::Chart(chart) => draw_chart(ctx, frame, area, chart),
            }
            y += height;
        }
        let shown = format!(
            "{}/{}",
            (self.first + 1).min(self.pieces.len()),
            self.pieces.len()
        );
        let status = Rect::new(0, bottom, w, 1);
        let hint = ctx.keymap.fill(m.stats_hint);
        status_line(ctx, frame, status, &shown, None, Some(&hint));
    }
}

fn draw_totals(ctx: &Context, frame: &mut Frame, area: Rect, totals: &[Total]) {
    let room = area.width.saturating_sub(2) as usize;
    let lines: Vec<Line> = totals
        .iter()
        .map(|t| {
            let text = format!("{}{}{}", t.label, ctx.m.colon, t.shown);
            Line::from(crate::text::truncate(&text, room))
        })
        .collect();
    let block = Block::bordered().border_set(theme::border(ctx.look));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// A chart as lines of text: the label, the bar, the figure and share after it (never over the
/// bar, where a short bar would hide it); a computed bar dimmed; the source or what is counted
/// apart under it. Laid out by the core's [`stats::BarLayout`], as `casebook stats` prints.
fn draw_chart(ctx: &Context, frame: &mut Frame, area: Rect, chart: &Chart) {
    let room = area.width.saturating_sub(4) as usize;
    let mut block = Block::bordered()
        .border_set(theme::border(ctx.look))
        .title(format!(" {} ", crate::text::truncate(&chart.title, room)));
    if !chart.notes.is_empty() {
        let notes = chart.notes.join(" · ");
        block = block.title_bottom(format!(" {} ", crate::text::truncate(&notes, room)));
    }
    if chart.bars.is_empty() {
        let none = Paragraph::new(ctx.m.none).block(block);
        frame.render_widget(none, area);
        return;
    }
    // Inside the border; the layout indents by two, which the border stands in for.
    let inner = (area.width as usize).saturating_sub(2);
    let layout = stats::BarLayout::of(chart, Some(inner + 2));
    let full = theme::bar_set(ctx.look).full;
    let lines: Vec<Line> = layout
        .lines(chart)
        .into_iter()
        .map(|line| {
            let style = if line.computed {
                theme::bar_computed(ctx.look)
            } else {
                theme::bar(ctx.look)
            };
            Line::from(vec![
                Span::raw(format!("{}  ", line.label)),
                Span::styled(full.repeat(line.cells), style),
                Span::raw(format!(" {}", line.shown)),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
