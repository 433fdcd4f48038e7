//! The app routes: it knows which screen is shown and which popups are over it, the history that
//! Esc retraces (case → provision → case …), the terminal's size and the look. Every other piece
//! of state belongs to a screen. Nothing here draws but by asking the screens to.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use crate::library::Library;
use crate::msg::{Catalog, fill};

use super::context::Context;
use super::layout;
use super::screens::Screens;
use super::screens::browse::Browse;
use super::theme::Look;
use super::types::{Action, Next, Place, Scope, ScreenId};

pub struct App<'l> {
    pub library: &'l Library,
    pub m: &'static Catalog,
    pub look: Look,
    /// The bindings in force: the built-in ones unless a config file changed some.
    pub keymap: &'static super::keymap::Keymap,
    pub width: u16,
    pub height: u16,
    pub screens: Screens<'l>,
    /// The full screen shown.
    shown: ScreenId,
    /// Popups over it, the top one last: keys go to the top one.
    popups: Vec<ScreenId>,
    /// Where Esc goes back to, most recent last.
    pub history: Vec<Place>,
    /// Where the last jump (or step back) landed: while the user is still there, Esc retraces
    /// the jump even within one screen (a case → a similar case).
    landed: Option<Place>,
    /// Whether copying may write OSC 52 to the terminal (`--no-osc52` turns it off).
    pub osc52: bool,
    /// Texts to put on the user's clipboard, written to the terminal by the event loop.
    clipboard: Vec<String>,
    /// Exports to write (a file name's stem and the text), written by the event loop.
    exports: Vec<(String, String)>,
    /// A line for the user about the last action (what was copied), until the next key.
    pub notice: Option<String>,
    /// A line shown at the top for the whole session (files of the office's library left out).
    pub banner: Option<String>,
    pub quit: bool,
}

impl<'l> App<'l> {
    pub fn new(library: &'l Library, m: &'static Catalog, width: u16, height: u16) -> Self {
        App {
            library,
            m,
            look: Look::default(),
            keymap: super::keymap::built_in(),
            width,
            height,
            screens: Screens::new(library),
            shown: ScreenId::Browse,
            popups: Vec::new(),
            history: Vec::new(),
            landed: None,
            osc52: true,
            clipboard: Vec::new(),
            exports: Vec::new(),
            notice: None,
            banner: None,
            quit: false,
        }
    }

    /// What every screen may read, with the keys of the screen on top in force.
    pub fn context(&self) -> Context<'l> {
        Context {
            library: self.library,
            m: self.m,
            look: self.look,
            width: self.width,
            height: self.height,
            keys: self.scope(),
            keymap: self.keymap,
        }
    }

    /// The screen the keyboard talks to: the top popup, else the screen shown.
    pub fn top(&self) -> ScreenId {
        self.popups.last().copied().unwrap_or(self.shown)
    }

    /// The keys in force.
    pub fn scope(&self) -> Scope {
        self.screens.get(self.top()).scope()
    }

    /// The browse screen (the cases), whichever screen is on top.
    pub fn browse(&self) -> &Browse<'l> {
        &self.screens.browse
    }

    /// Keeps the trainee's progress in `store`: training's answers, exams' answers and scores.
    pub fn keep_progress_in(&mut self, store: crate::training::progress::Store) {
        self.screens.exam.keep_progress_in(store.clone());
        self.screens.training.keep_progress_in(store);
    }

    /// Opens on the class under a state directory (`casebook class --browse`).
    pub fn open_class(&mut self, root: std::path::PathBuf) {
        let ctx = self.context();
        self.screens.class.load(&ctx, root);
        self.shown = super::types::ScreenId::Class;
    }

    /// Opens the browser on one case (`casebook --case ID`); false if there is no such case.
    pub fn open_case(&mut self, id: &str) -> bool {
        let ctx = self.context();
        self.screens.browse.open_case(&ctx, id)
    }

    /// Applies one action, searching at once if it changed the query.
    pub fn update(&mut self, action: Action) {
        self.apply(action);
        self.settle();
    }

    /// Applies one action; a changed query is searched at the next other action or [`settle`],
    /// so a burst of typed keys costs one search.
    ///
    /// [`settle`]: App::settle
    pub fn apply(&mut self, action: Action) {
        self.notice = None;
        match action {
            Action::Quit => self.quit = true,
            Action::Redraw => {}
            Action::Resize(width, height) => {
                self.width = width;
                self.height = height;
                let ctx = self.context();
                for id in ScreenId::ALL {
                    self.screens.get_mut(id).update(&ctx, action.clone());
                }
            }
            Action::Show(id) => self.open(id),
            Action::SwitchLanguage => {
                self.m = self.m.lang.other().catalog();
                let ctx = self.context();
                for id in ScreenId::ALL {
                    self.screens.get_mut(id).relanguage(&ctx);
                }
            }
            // Esc retraces a jump, unless the screen has its own to undo first.
            Action::Back
                if self.popups.is_empty()
                    && (self.came_from_elsewhere() || self.still_where_landed())
                    && !self.screens.get(self.shown).claims_back() =>
            {
                self.go_back()
            }
            action => {
                let ctx = self.context();
                let next = self.screens.get_mut(self.top()).update(&ctx, action);
                self.follow(next);
            }
        }
        // Once the user has moved away from where a jump landed, Esc no longer retraces it.
        if !self.still_where_landed() {
            self.landed = None;
        }
    }

    /// Runs what a burst of keys left pending.
    pub fn settle(&mut self) {
        let ctx = self.context();
        for id in ScreenId::ALL {
            self.screens.get_mut(id).settle(&ctx);
        }
    }

    /// Does the work left for after a frame, when no key is waiting; true if the app changed
    /// and its frame must be drawn again. The event loops call it until it says false.
    pub fn idle(&mut self) -> bool {
        let ctx = self.context();
        let mut changed = false;
        for id in ScreenId::ALL {
            changed |= self.screens.get_mut(id).idle(&ctx);
        }
        changed
    }

    /// The exports asked for since the last call, for the event loop to write.
    pub fn take_exports(&mut self) -> Vec<(String, String)> {
        std::mem::take(&mut self.exports)
    }

    /// Says where an export went, or why it could not be written.
    pub fn exported(&mut self, result: std::io::Result<std::path::PathBuf>) {
        self.notice = Some(match result {
            Ok(path) => fill(self.m.exported, &[("path", path.display().to_string())]),
            Err(error) => fill(self.m.export_failed, &[("error", error.to_string())]),
        });
    }

    /// The texts copied since the last call, for the event loop to send to the terminal.
    pub fn take_clipboard(&mut self) -> Vec<String> {
        std::mem::take(&mut self.clipboard)
    }

    /// Draws the screen shown, then the popups over it.
    pub fn view(&self, frame: &mut Frame) {
        if layout::too_small(self.width, self.height) {
            let line = crate::text::truncate(self.m.too_small, frame.area().width as usize);
            frame.render_widget(Paragraph::new(line), frame.area());
            return;
        }
        let ctx = self.context();
        self.screens.get(self.shown).view(&ctx, frame);
        for &popup in &self.popups {
            self.screens.get(popup).view(&ctx, frame);
        }
        // Over the top line's placeholder, beside the search box's label; not while typing.
        if let Some(banner) = self
            .banner
            .as_ref()
            .filter(|_| self.scope() != Scope::Search)
        {
            let area = frame.area();
            let room = (area.width as usize).saturating_sub(8);
            let banner = format!(
                " {} ",
                crate::text::truncate(banner, room.saturating_sub(2))
            );
            let width = crate::text::width(&banner) as u16;
            let at = Rect::new(area.width.saturating_sub(width), 0, width, 1);
            let style = super::theme::selected(self.look);
            frame.render_widget(Paragraph::new(banner).style(style), at);
        }
        if let Some(notice) = &self.notice {
            // The notice takes the whole status line until the next key (then the hints come
            // back): drawn over the hints, their ends would run into it.
            let area = frame.area();
            let line = Rect::new(0, area.height.saturating_sub(1), area.width, 1);
            frame.render_widget(ratatui::widgets::Clear, line);
            let notice = format!(
                " {} ",
                crate::text::truncate(notice, (area.width as usize).saturating_sub(2))
            );
            let width = crate::text::width(&notice) as u16;
            let at = Rect::new(area.width.saturating_sub(width), line.y, width, 1);
            let style = super::theme::selected(self.look);
            frame.render_widget(Paragraph::new(notice).style(style), at);
        }
        if self.look.ascii {
            super::widgets::asciify(frame.buffer_mut());
        }
    }

    fn follow(&mut self, next: Next) {
        match next {
            Next::Stay => {}
            Next::Go(place) => {
                // A popup that jumps (a "go to" box) closes with the jump.
                self.popups.clear();
                if let Some(here) = self.screens.get(self.shown).place() {
                    self.history.push(here);
                }
                self.show(place);
            }
            Next::Close if self.popups.pop().is_some() => {}
            Next::Close => self.go_back(),
            Next::Export { stem, text } => self.exports.push((stem, crate::text::sanitize(&text))),
            Next::Copy { what, text } => {
                let text = crate::text::sanitize(&text);
                self.notice = Some(if self.osc52 {
                    let n = text.chars().count().to_string();
                    let notice = fill(self.m.copied, &[("what", what.to_string()), ("n", n)]);
                    self.clipboard.push(text);
                    notice
                } else {
                    self.m.copy_off.to_string()
                });
            }
        }
    }

    /// Opens a screen by its key: a popup toggles; a full screen is shown, the place the user
    /// leaves remembered for Esc.
    fn open(&mut self, id: ScreenId) {
        if self.screens.get(id).is_popup() {
            if self.popups.last() == Some(&id) {
                self.popups.pop();
            } else {
                let ctx = self.context();
                self.screens.get_mut(id).enter(&ctx, None);
                self.popups.push(id);
            }
        } else if self.shown != id {
            self.popups.clear();
            if let Some(here) = self.screens.get(self.shown).place() {
                self.history.push(here);
            }
            let in_view = if self.screens.get(id).wants_view() {
                self.screens.get(self.shown).in_view()
            } else {
                None
            };
            let in_hand = self.screens.get(self.shown).case_in_hand();
            self.screens.get_mut(id).hand(in_hand);
            let ctx = self.context();
            self.screens.get_mut(id).enter(&ctx, in_view);
            self.shown = id;
        }
    }

    /// Whether the last jump came from another screen than the one shown.
    fn came_from_elsewhere(&self) -> bool {
        self.history
            .last()
            .is_some_and(|place| place.screen() != self.shown)
    }

    /// Whether the user is still where the last jump landed (and there is somewhere to go back).
    fn still_where_landed(&self) -> bool {
        let here = self.screens.get(self.shown).place();
        !self.history.is_empty()
            && matches!((self.landed, here), (Some(landed), Some(here)) if landed.same_spot(here))
    }

    /// Back to where the user was before the last jump; to the browser when there is none.
    fn go_back(&mut self) {
        match self.history.pop() {
            Some(place) => self.show(place),
            None => self.shown = ScreenId::Browse,
        }
    }

    fn show(&mut self, place: Place) {
        let ctx = self.context();
        let id = place.screen();
        self.screens.get_mut(id).show(&ctx, place);
        self.shown = id;
        self.landed = self.screens.get(id).place();
    }
}
