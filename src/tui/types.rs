//! The vocabulary every part of the browser shares: what a user can ask for ([`Action`]), what a
//! screen answers ([`Next`]), where Esc goes back to ([`Place`]), which keys are in force
//! ([`Scope`]), how the terminal is drawn ([`Look`]) and what every screen may read ([`Context`]).
//!
//! This module imports no other part of `tui`, so the screens, the keymap, the layout and the
//! theme can all use it without a circle.

/// What the user can ask for. The keymap maps keys to these; tests drive `update` with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Down,
    Up,
    First,
    Last,
    PageDown,
    PageUp,
    NextPane,
    PrevPane,
    Open,
    Back,
    StartSearch,
    /// Enter in the search box: leave it and open the selected result.
    SearchOpen,
    /// Esc in the search box: leave it, keeping the words.
    SearchLeave,
    SearchInput(char),
    SearchBackspace,
    SearchDelete,
    SearchDeleteWord,
    SearchClear,
    SearchLeft,
    SearchRight,
    SearchHome,
    SearchEnd,
    ToggleFacets,
    /// The case detail across the whole width, or beside the list again.
    ToggleWide,
    ToggleValue,
    /// Show the facet values with no case, or hide them again.
    ToggleEmptyValues,
    /// The next or previous facet group.
    NextGroup,
    PrevGroup,
    ClearFilters,
    NextMatch,
    PrevMatch,
    /// Open a screen: a popup toggles (help), a full screen is shown with the current place
    /// remembered for Esc.
    Show(ScreenId),
    /// Copy a one-line citation (of the case, or in the statute view of the provision with its
    /// text) to the user's clipboard.
    CopyCitation,
    /// Copy the whole case sheet, as Markdown.
    CopySheet,
    /// Write the case (on the list: the listed cases) to a Markdown file.
    Export,
    /// The statute view, on the selected case's first provision.
    Statutes,
    /// Open the case's `n`th provision, or in the statute view the provision's `n`th case.
    OpenNumbered(u8),
    NextProvision,
    PrevProvision,
    /// A digit key: an option's number, a digit of a typed answer, or a link in feedback.
    Digit(u8),
    /// An option by its letter (`a` is 0).
    Choose(u8),
    /// Yes or no to a yes/no question.
    YesNo(bool),
    /// Training's summary by step.
    Summary,
    /// The decision aid's form: the previous or next value of the field (← →).
    PrevValue,
    NextValue,
    /// Switch the interface language (中文 ↔ English), keeping the place.
    SwitchLanguage,
    Quit,
    Redraw,
    Resize(u16, u16),
    /// A click at a screen cell (mouse is optional; every click has a key).
    Click(u16, u16),
    /// Wheel scroll at a screen cell: positive is down.
    Scroll(u16, u16, i32),
}

impl Action {
    /// How far a scrolling action moves, in rows, given a page of `page` rows: the one meaning
    /// every scrolled pane gives to j/k, g/G, PgDn/PgUp and the wheel.
    pub fn scroll_delta(&self, page: usize) -> Option<isize> {
        let page = page.max(1) as isize;
        Some(match self {
            Action::Down => 1,
            Action::Up => -1,
            Action::First => isize::MIN / 2,
            Action::Last => isize::MAX / 2,
            Action::PageDown => page,
            Action::PageUp => -page,
            Action::Scroll(_, _, delta) => *delta as isize,
            _ => return None,
        })
    }
}

/// Which keys are in force: one per screen, plus the browser's search line, which takes typed
/// text. Every binding of the keymap names the scopes it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Browse,
    /// The browser's search line while typing.
    Search,
    Statute,
    Help,
    Training,
    Stats,
    /// The decision aid's form: typed digits go into the field.
    Assess,
}

impl Scope {
    /// Every scope, in the order the help screen lists them.
    pub const ALL: [Scope; 7] = [
        Scope::Browse,
        Scope::Search,
        Scope::Statute,
        Scope::Help,
        Scope::Training,
        Scope::Stats,
        Scope::Assess,
    ];
}

/// The screens the app routes between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenId {
    /// Facets, the case list and the case detail.
    Browse,
    /// A provision of law: its text, range, cases and the law today.
    Statute,
    /// The key help, drawn over the screen below it.
    Help,
    /// The "go to case N" box, over any screen.
    Goto,
    /// Exercises on the cases in view and their law.
    Training,
    /// The campaign's figures and the cases in view, as charts.
    Stats,
    /// The decision aid: the facts of a case in hand, and what the law and practice say.
    Assess,
    /// An exam set by an instructor, taken by its code.
    Exam,
    /// The instructor's view of a class (`casebook class --browse`).
    Class,
}

impl ScreenId {
    pub const ALL: [ScreenId; 9] = [
        ScreenId::Browse,
        ScreenId::Statute,
        ScreenId::Help,
        ScreenId::Goto,
        ScreenId::Training,
        ScreenId::Stats,
        ScreenId::Assess,
        ScreenId::Exam,
        ScreenId::Class,
    ];
}

/// The panes of the browse screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Facets,
    List,
    Detail,
}

/// A place to jump to, and to come back to with Esc.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A case in the browser (an index into `library.cases`).
    Case {
        case: usize,
        focus: Pane,
        scroll: usize,
    },
    /// A provision (an index into `library.statutes`).
    Statute { statute: usize, scroll: usize },
    /// The training screen, where it was left (it keeps its own session).
    Training,
    /// The statistics screen, where it was left.
    Stats,
    /// The decision aid, where it was left.
    Assess,
}

impl Place {
    /// Whether two places are the same spot, whatever the scroll: the same provision, or the
    /// same case with the same pane focused.
    pub fn same_spot(self, other: Place) -> bool {
        match (self, other) {
            (
                Place::Case { case, focus, .. },
                Place::Case {
                    case: other_case,
                    focus: other_focus,
                    ..
                },
            ) => case == other_case && focus == other_focus,
            (Place::Statute { statute, .. }, Place::Statute { statute: other, .. }) => {
                statute == other
            }
            (Place::Training, Place::Training)
            | (Place::Stats, Place::Stats)
            | (Place::Assess, Place::Assess) => true,
            _ => false,
        }
    }

    /// The screen that shows this place.
    pub fn screen(self) -> ScreenId {
        match self {
            Place::Case { .. } => ScreenId::Browse,
            Place::Statute { .. } => ScreenId::Statute,
            Place::Training => ScreenId::Training,
            Place::Stats => ScreenId::Stats,
            Place::Assess => ScreenId::Assess,
        }
    }
}

/// What a screen's `update` asks the app to do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// Nothing beyond the screen's own change.
    Stay,
    /// Show this place (on whichever screen shows it), remembering where the user was.
    Go(Place),
    /// Leave this screen: a popup closes, a full screen goes back to the browser.
    Close,
    /// Put `text` on the user's clipboard (over SSH too: OSC 52); `what` names it for the notice.
    Copy { what: &'static str, text: String },
    /// Write `text` to a new file named after `stem` in the current directory.
    Export { stem: String, text: String },
}
