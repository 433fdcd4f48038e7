//! The "go to" box (`#` or `:`): type a case's published number or its id, Enter opens it. Where
//! a number names a case in several collections, ↑/↓ choose among them. A popup over any screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use crate::query::lookup::cases_at;
use crate::tui::context::Context;
use crate::tui::layout::{centered, inner};
use crate::tui::search_line::{self, SearchLine};
use crate::tui::theme;
use crate::tui::types::{Action, Next, Pane, Place, Scope};
use crate::tui::widgets::cell;

use super::Screen;

/// Widest box, and the most cases it lists.
const WIDTH: u16 = 60;
const LISTED: usize = 8;

#[derive(Default)]
pub struct Goto {
    pub line: SearchLine,
    /// The cases the typed number or id names (indices into `library.cases`).
    pub found: Vec<usize>,
    /// Which of them Enter opens.
    pub chosen: usize,
    /// Enter was pressed on something that names no case.
    missed: bool,
}

impl Goto {
    fn edited(&mut self, ctx: &Context) {
        self.found = cases_at(ctx.library, &self.line.query);
        self.chosen = 0;
        self.missed = false;
    }

    fn open(&mut self) -> Next {
        match self.found.get(self.chosen) {
            Some(&case) => Next::Go(Place::Case {
                case,
                focus: Pane::Detail,
                scroll: 0,
            }),
            None => {
                self.missed = true;
                Next::Stay
            }
        }
    }
}

impl Goto {
    /// What the box says where it lists no case: the hint, that a published number was never
    /// identified (`10`), or after Enter that nothing has that number or id.
    fn note(&self, ctx: &Context) -> Option<String> {
        if !self.found.is_empty() {
            return None;
        }
        if let Some(said) = crate::sheet::unidentified(ctx.m, ctx.library, &self.line.query) {
            return Some(said);
        }
        Some(
            if self.missed {
                ctx.m.goto_none
            } else {
                ctx.m.goto_hint
            }
            .to_string(),
        )
    }
}

impl<'l> Screen<'l> for Goto {
    /// The keys of a text box: the search box's.
    fn scope(&self) -> Scope {
        Scope::Search
    }

    fn is_popup(&self) -> bool {
        true
    }

    fn enter(&mut self, _ctx: &Context<'l>, _in_view: Option<Vec<usize>>) {
        *self = Goto::default();
        self.line.start();
    }

    fn update(&mut self, ctx: &Context<'l>, action: Action) -> Next {
        if let Some(changed) = self.line.apply(&action) {
            if changed {
                self.edited(ctx);
            }
            return Next::Stay;
        }
        match action {
            Action::Down => {
                self.chosen = (self.chosen + 1).min(self.found.len().saturating_sub(1));
            }
            Action::Up => self.chosen = self.chosen.saturating_sub(1),
            Action::SearchOpen => return self.open(),
            Action::SearchLeave | Action::Back => return Next::Close,
            _ => {}
        }
        Next::Stay
    }

    fn view(&self, ctx: &Context<'l>, frame: &mut Frame) {
        let area = Rect::new(0, 0, ctx.width, ctx.height);
        let box_width = WIDTH.min(area.width.saturating_sub(2));
        // A note wraps (CJK-aware) to as many lines as it needs, a few at most.
        let note: Option<Vec<String>> = self
            .note(ctx)
            .map(|n| crate::tui::text::wrap(&n, usize::from(box_width.saturating_sub(2))));
        let note_lines = note.as_ref().map_or(1, Vec::len);
        let listed = self.found.len().max(note_lines).clamp(1, LISTED) as u16;
        let outer = centered(area, box_width, listed + 3);
        let body = inner(outer);
        let block = Block::bordered()
            .border_set(theme::border(ctx.look))
            .border_style(theme::focused_border(ctx.look))
            .title(format!(" {} ", ctx.m.goto_title));
        crate::tui::widgets::clear_popup(frame, outer);
        frame.render_widget(block, outer);
        let input = Rect { height: 1, ..body };
        search_line::view(ctx, &self.line, ctx.m.goto_label, frame, input);
        let width = body.width as usize;
        if let Some(note) = note {
            let list = Rect {
                y: body.y + 1,
                height: body.height.saturating_sub(1),
                ..body
            };
            let lines: Vec<Line> = note.into_iter().map(Line::from).collect();
            frame.render_widget(Paragraph::new(lines).style(theme::quiet(ctx.look)), list);
            return;
        }
        let lines: Vec<Line> = {
            self.found
                .iter()
                .take(LISTED)
                .enumerate()
                .map(|(i, &case)| {
                    let case = &ctx.library.cases[case];
                    let chosen = i == self.chosen;
                    let marker = if chosen {
                        theme::marker(ctx.look)
                    } else {
                        "  "
                    };
                    let name = crate::sheet::list_name(ctx.m, case);
                    let text = format!("{marker}{} {name}", case.id);
                    let style = if chosen {
                        theme::selected(ctx.look)
                    } else {
                        ratatui::style::Style::new()
                    };
                    Line::from(cell(&text, width, style))
                })
                .collect()
        };
        let list = Rect {
            y: body.y + 1,
            height: body.height.saturating_sub(1),
            ..body
        };
        frame.render_widget(Paragraph::new(lines), list);
    }
}
