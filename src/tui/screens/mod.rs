//! The screens, each a component that owns its state, its keys (a [`Scope`] of the keymap), its
//! `update` and its `view`; and [`Screens`], the table the app routes through.
//!
//! Adding a screen (say, "about"), with no change to the app:
//! - `screens/about.rs`: its state, `impl Screen` (scope, update, view);
//! - here: `pub mod about;` and its line in each of `Screens`, `new`, `get` and `get_mut`;
//! - `types.rs`: `ScreenId::About` and `Scope::About` (and their `ALL` lists);
//! - `keymap.rs`: the key that opens it (`Action::Show(ScreenId::About)`), its own keys, and its
//!   help group's title; `msg/mod.rs`: those strings.

pub mod assess;
pub mod browse;
pub mod class;
pub mod exam;
pub mod goto;
pub mod help;
pub mod stats;
pub mod statute;
pub mod training;

use ratatui::Frame;

use super::types::{Action, Next, Place, Scope, ScreenId};

use super::context::Context;

/// A screen of the browser.
pub trait Screen<'l> {
    /// Which keys are in force on this screen now.
    fn scope(&self) -> Scope;

    /// Applies one action and says what the app must do next.
    fn update(&mut self, ctx: &Context<'l>, action: Action) -> Next;

    /// Draws the screen; a popup draws over what is already in the frame.
    fn view(&self, ctx: &Context<'l>, frame: &mut Frame);

    /// Whether the screen is drawn over another (help) rather than on its own.
    fn is_popup(&self) -> bool {
        false
    }

    /// Called when the screen is opened by its key ([`Action::Show`]), with the cases the screen
    /// below has in view if this screen asks for them ([`Screen::wants_view`]).
    fn enter(&mut self, _ctx: &Context<'l>, _in_view: Option<Vec<usize>>) {}

    /// The case the user has open on this screen, for a screen opened over it to start from
    /// (the decision aid takes an open case's facts).
    fn case_in_hand(&self) -> Option<usize> {
        None
    }

    /// Before [`Screen::enter`]: the case the screen below has open, if any.
    fn hand(&mut self, _case: Option<usize>) {}

    /// Whether [`Screen::enter`] needs the cases in view below (training does: `t` trains on the
    /// current filter).
    fn wants_view(&self) -> bool {
        false
    }

    /// The cases this screen has in view (indices into `library.cases`), when it narrows them;
    /// `None` when it shows them all.
    fn in_view(&self) -> Option<Vec<usize>> {
        None
    }

    /// Whether Esc has something of this screen's own to undo first (a kept search, an open
    /// drawer), before it retraces a jump between screens.
    fn claims_back(&self) -> bool {
        false
    }

    /// Where the user is, for Esc to come back to; `None` for screens outside the history.
    fn place(&self) -> Option<Place> {
        None
    }

    /// Shows a place of this screen, reached by a jump or by going back.
    fn show(&mut self, _ctx: &Context<'l>, _place: Place) {}

    /// The interface language changed: redo what the screen made in the old one.
    fn relanguage(&mut self, _ctx: &Context<'l>) {}

    /// Finishes work a burst of keys left pending (the browser's search).
    fn settle(&mut self, _ctx: &Context<'l>) {}

    /// Does work left for after the frame (what would find something, when a search found
    /// nothing); true if the screen changed and must be drawn again.
    fn idle(&mut self, _ctx: &Context<'l>) -> bool {
        false
    }
}

/// Every screen, alive for the whole session so that each keeps its state while another is
/// shown. Adding a screen is a field here, a line in `new` and one in each of `get` and
/// `get_mut`.
pub struct Screens<'l> {
    pub browse: browse::Browse<'l>,
    pub statute: statute::StatuteView,
    pub help: help::Help,
    pub goto: goto::Goto,
    pub training: training::Training<'l>,
    pub stats: stats::Stats,
    pub assess: assess::Assess<'l>,
    pub exam: exam::Exam<'l>,
    pub class: class::ClassView,
}

impl<'l> Screens<'l> {
    pub fn new(library: &'l crate::library::Library) -> Self {
        Screens {
            browse: browse::Browse::new(library),
            statute: statute::StatuteView::new(library),
            help: help::Help::default(),
            goto: goto::Goto::default(),
            training: training::Training::new(library),
            stats: stats::Stats::default(),
            assess: assess::Assess::new(library),
            exam: exam::Exam::new(library),
            class: class::ClassView::default(),
        }
    }

    pub fn get(&self, id: ScreenId) -> &dyn Screen<'l> {
        match id {
            ScreenId::Browse => &self.browse,
            ScreenId::Statute => &self.statute,
            ScreenId::Help => &self.help,
            ScreenId::Goto => &self.goto,
            ScreenId::Training => &self.training,
            ScreenId::Stats => &self.stats,
            ScreenId::Assess => &self.assess,
            ScreenId::Exam => &self.exam,
            ScreenId::Class => &self.class,
        }
    }

    pub fn get_mut(&mut self, id: ScreenId) -> &mut dyn Screen<'l> {
        match id {
            ScreenId::Browse => &mut self.browse,
            ScreenId::Statute => &mut self.statute,
            ScreenId::Help => &mut self.help,
            ScreenId::Goto => &mut self.goto,
            ScreenId::Training => &mut self.training,
            ScreenId::Stats => &mut self.stats,
            ScreenId::Assess => &mut self.assess,
            ScreenId::Exam => &mut self.exam,
            ScreenId::Class => &mut self.class,
        }
    }
}
