//! The instructor's view as a screen (`casebook class --browse`): the same table `casebook class`
//! prints, read from the state directory, scrolled with the usual keys; `r` reads the files again.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::msg::fill;
use crate::msg::training::TrainingCatalog;
use crate::training::class::Class;
use crate::training::{class_text, clock, people};
use crate::tui::context::Context;
use crate::tui::theme;
use crate::tui::types::{Action, Next, Place, Scope};
use crate::tui::widgets::{pane, scrolled, status_line};

use super::Screen;

#[derive(Default)]
pub struct ClassView {
    /// The state directory read.
    root: Option<PathBuf>,
    /// What was read: the class, or why it could not be.
    read: Option<Result<Class, String>>,
    scroll: usize,
}

impl ClassView {
    /// Reads the class under `root` (again).
    pub fn load(&mut self, ctx: &Context, root: PathBuf) {
        let t = ctx.m.training;
        self.read = Some(people::class(&root, clock::now()).map_err(|e| {
            let values = [
                ("path", root.join(people::PEOPLE).display().to_string()),
                ("error", e.to_string()),
            ];
            fill(t.cli_cannot_read, &values)
        }));
        self.root = Some(root);
    }

    /// The screen's lines, the tables fitted to `width` cells.
    pub fn lines(&self, t: &TrainingCatalog, width: usize) -> Vec<String> {
        match (&self.read, &self.root) {
            (Some(Ok(class)), Some(root)) => {
                class_text::table(t, class, &root.join(people::PEOPLE), Some(width))
                    .lines()
                    .map(str::to_string)
                    .collect()
            }
            (Some(Err(why)), _) => vec![why.clone()],
            _ => Vec::new(),
        }
    }
}

impl<'l> Screen<'l> for ClassView {
    /// Scrolling and back, and typed letters reaching the screen (`r`): training's keys.
    fn scope(&self) -> Scope {
        Scope::Training
    }

    fn place(&self) -> Option<Place> {
        None
    }

    fn relanguage(&mut self, ctx: &Context<'l>) {
        if let Some(root) = self.root.clone() {
            self.load(ctx, root);
        }
    }

    fn update(&mut self, ctx: &Context<'l>, action: Action) -> Next {
        match action {
            Action::Back => return Next::Close,
            // r: read the files again (trainees answer while the instructor watches).
            Action::SearchInput('r') => {
                if let Some(root) = self.root.clone() {
                    self.load(ctx, root);
                }
            }
            action => {
                if let Some(delta) = action.scroll_delta(ctx.height.saturating_sub(4) as usize) {
                    let most = self
                        .lines(ctx.m.training, usize::from(ctx.width).saturating_sub(2))
                        .len();
                    let most = most.saturating_sub(1);
                    self.scroll = self.scroll.saturating_add_signed(delta).min(most);
                }
            }
        }
        Next::Stay
    }

    fn view(&self, ctx: &Context<'l>, frame: &mut Frame) {
        let (w, h) = (ctx.width, ctx.height);
        let t = ctx.m.training;
        let title = format!(" {} · {}", t.screen_title, t.class_screen);
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                crate::text::truncate(&title, w as usize),
                theme::title(ctx.look),
            ))),
            Rect::new(0, 0, w, 1),
        );
        let body = Rect::new(0, 1, w, h.saturating_sub(2));
        let width = body.width.saturating_sub(2) as usize;
        let lines: Vec<Line<'static>> = self
            .lines(t, width)
            .iter()
            .map(|l| Line::from(crate::text::truncate(&crate::text::sanitize_line(l), width)))
            .collect();
        let visible = body.height.saturating_sub(2) as usize;
        let scroll = self.scroll.min(lines.len().saturating_sub(visible));
        scrolled(frame, body, pane(ctx, true, ""), lines, scroll);
        let status = Rect::new(0, h.saturating_sub(1), w, 1);
        status_line(ctx, frame, status, "", None, Some(t.class_hint));
    }
}
