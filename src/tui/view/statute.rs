//! The statute view: every provision down the left, grouped by law with 2019 law first; the
//! chosen provision's sheet beside it (its text, range, cases, and the later law, labelled).

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::library::Era;
use crate::sheet;
use crate::tui::app::App;
use crate::tui::layout::{inner, statute_screen};
use crate::tui::theme;

use super::{bars, cell, detail};

pub fn render(app: &App, frame: &mut Frame) {
    let screen = statute_screen(app);
    let Some(statute) = app.library.statutes.get(app.statute) else {
        return;
    };
    if let Some(area) = screen.list {
        let block = Block::bordered()
            .border_set(theme::border(app.look))
            .title(format!(" {} ", app.m.pane_statutes));
        let body = inner(area);
        frame.render_widget(block, area);
        let rows = list_rows(app, body.width as usize);
        // Keep the chosen provision in sight.
        let at = rows
            .iter()
            .position(|(i, _)| *i == Some(app.statute))
            .unwrap_or(0);
        let height = body.height as usize;
        let offset = at.saturating_sub(height.saturating_sub(1));
        let lines: Vec<Line> = rows
            .into_iter()
            .skip(offset)
            .take(height)
            .map(|(_, line)| line)
            .collect();
        frame.render_widget(Paragraph::new(lines), body);
    }

    let sheet = sheet::statute(app.m, app.library, statute);
    let body = inner(screen.text);
    let all = detail::sheet_lines(app, &sheet, body.width as usize);
    let total = all.len();
    let mut block = Block::bordered()
        .border_set(theme::border(app.look))
        .border_style(theme::focused_border(app.look))
        .title(format!(" {} ", statute.citation()));
    if total > body.height as usize {
        let last = (app.statute_scroll + body.height as usize).min(total);
        block = block.title_bottom(Line::from(format!(" {last}/{total} ")).right_aligned());
    }
    frame.render_widget(block, screen.text);
    let shown: Vec<Line> = all
        .into_iter()
        .skip(app.statute_scroll)
        .take(body.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(shown), body);
    bars::status(app, frame, screen.status);
}

/// The list's lines: a heading per law, then its provisions (the chosen one marked), each with
/// the provision it stands for.
fn list_rows(app: &App, width: usize) -> Vec<(Option<usize>, Line<'static>)> {
    let mut rows = Vec::new();
    let mut law = "";
    for &i in &app.statute_order {
        let statute = &app.library.statutes[i];
        if statute.law != law {
            law = &statute.law;
            let name = statute.short.as_deref().unwrap_or(&statute.law);
            let heading = match statute.era {
                Era::Y2019 => name.to_string(),
                Era::Later => format!("{name}（{}）", app.m.era_later),
            };
            rows.push((
                None,
                Line::from(cell(&heading, width, theme::heading(app.look))),
            ));
        }
        let chosen = i == app.statute;
        let marker = match (chosen, app.look.ascii) {
            (true, true) => "> ",
            (true, false) => "▶ ",
            (false, _) => "  ",
        };
        let style = if chosen {
            theme::selected(app.look)
        } else {
            Style::new()
        };
        let text = format!("{marker}{}", statute.article);
        rows.push((
            Some(i),
            Line::from(vec![cell(&text, width, style), Span::raw("")]),
        ));
    }
    rows
}
