//! The browser's state and `update`: every key, mouse event and resize becomes an [`Action`], and
//! `update` is the only place state changes. Nothing here draws.

use crate::library::Library;
use crate::msg::Catalog;
use crate::query::facets::{self, Counts, FacetIndex};
use crate::query::filter::{Facet, Filter};
use crate::query::search::{Index, Query};

use super::layout::{self, Screen};

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
    SearchKeep,
    SearchCancel,
    SearchInput(char),
    SearchBackspace,
    SearchDelete,
    SearchLeft,
    SearchRight,
    SearchHome,
    SearchEnd,
    ToggleFacets,
    ToggleValue,
    ClearFilters,
    NextMatch,
    PrevMatch,
    Help,
    /// The statute view, on the selected case's first provision.
    Statutes,
    /// Open the case's `n`th provision, or in the statute view the provision's `n`th case.
    OpenNumbered(u8),
    NextProvision,
    PrevProvision,
    Quit,
    Redraw,
    Resize(u16, u16),
    /// A click at a screen cell (mouse is optional; every click has a key).
    Click(u16, u16),
    /// Wheel scroll at a screen cell: positive is down.
    Scroll(u16, u16, i32),
}

/// What the keyboard is talking to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Browse,
    Search,
    Help,
    /// A provision of law: its text, range, cases and later law.
    Statute,
}

/// A place to come back to with Esc.
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
}

/// The panes of the browse screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Facets,
    List,
    Detail,
}

/// A row of the facet pane: a facet's heading, or one of its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FacetRow {
    Header(Facet),
    Value(Facet, String),
}

/// How the terminal is drawn: colours and box drawing it can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Plain ASCII borders and markers, for `TERM=linux`/`vt100` consoles.
    pub ascii: bool,
    /// False under `NO_COLOR`: attributes (bold, reverse) only.
    pub color: bool,
}

impl Default for Look {
    fn default() -> Self {
        Look {
            ascii: false,
            color: true,
        }
    }
}

/// The whole state of the browser.
pub struct App<'l> {
    pub library: &'l Library,
    pub m: &'static Catalog,
    pub look: Look,
    pub width: u16,
    pub height: u16,
    pub mode: Mode,
    pub focus: Pane,
    /// At 80–119 columns the facets live in a drawer over the list.
    pub drawer_open: bool,
    pub filter: Filter,
    pub query: String,
    /// Caret position in `query`, in characters.
    pub caret: usize,
    /// The query before `/` was pressed, restored when the search is cancelled.
    query_before: String,
    /// `query` parsed, for matching and highlighting.
    pub parsed: Query,
    pub index: Index<'l>,
    /// The cases matching the query, best first (all cases, in library order, for no query), and
    /// the query they answer: a longer query searches only within them.
    searched: Vec<usize>,
    searched_for: String,
    facet_index: FacetIndex,
    /// Facet counts under the current filters and search.
    pub facet_counts: Counts,
    /// Indices into `library.cases` of the cases that pass the filters and the search, in rank
    /// order.
    pub visible: Vec<usize>,
    /// Index into `visible`.
    pub selected: usize,
    pub list_offset: usize,
    /// Every facet heading and value, in display order: the facet pane's rows.
    pub facet_rows: Vec<FacetRow>,
    /// Index into `facet_rows`; always on a value.
    pub facet_cursor: usize,
    pub facet_offset: usize,
    pub detail_scroll: usize,
    pub help_scroll: usize,
    /// The provision the statute view shows (an index into `library.statutes`), and its scroll.
    pub statute: usize,
    pub statute_scroll: usize,
    /// Every provision in the order the statute view steps through them: by law, 2019 first.
    pub statute_order: Vec<usize>,
    /// Where Esc goes back to, most recent last.
    pub history: Vec<Place>,
    /// The mode help was opened from, to return to.
    pub help_from: Mode,
    /// The query changed and has not been searched yet.
    search_pending: bool,
    pub quit: bool,
}

impl<'l> App<'l> {
    pub fn new(library: &'l Library, m: &'static Catalog, width: u16, height: u16) -> Self {
        let facet_rows = Facet::ALL
            .iter()
            .flat_map(|&facet| {
                let values = facets::keys(library, facet)
                    .into_iter()
                    .map(move |k| FacetRow::Value(facet, k.to_string()));
                std::iter::once(FacetRow::Header(facet)).chain(values)
            })
            .collect();
        let mut app = App {
            library,
            m,
            look: Look::default(),
            width,
            height,
            mode: Mode::Browse,
            focus: Pane::List,
            drawer_open: false,
            filter: Filter::default(),
            query: String::new(),
            caret: 0,
            query_before: String::new(),
            parsed: Query::new(""),
            index: Index::new(library),
            searched: (0..library.cases.len()).collect(),
            searched_for: String::new(),
            facet_index: FacetIndex::new(library),
            facet_counts: Counts::new(),
            visible: Vec::new(),
            selected: 0,
            list_offset: 0,
            facet_rows,
            facet_cursor: 1,
            facet_offset: 0,
            detail_scroll: 0,
            help_scroll: 0,
            statute: 0,
            statute_scroll: 0,
            statute_order: crate::law::by_law(library)
                .into_iter()
                .flat_map(|(_, members)| members)
                .filter_map(|s| library.statutes.iter().position(|t| t.id == s.id))
                .collect(),
            history: Vec::new(),
            help_from: Mode::Browse,
            search_pending: false,
            quit: false,
        };
        app.refilter();
        app
    }

    /// Opens the browser on one case (`casebook --case ID`); false if there is no such case.
    pub fn open_case(&mut self, id: &str) -> bool {
        let Some(index) = self.library.cases.iter().position(|c| c.id == id) else {
            return false;
        };
        let Some(row) = self.visible.iter().position(|&i| i == index) else {
            return false;
        };
        self.selected = row;
        self.focus = Pane::Detail;
        self.keep_visible();
        true
    }

    fn statute_index(&self, id: &str) -> Option<usize> {
        self.library.statutes.iter().position(|s| s.id == id)
    }

    /// Where the user is now, to come back to.
    fn place(&self) -> Option<Place> {
        match self.mode {
            Mode::Statute => Some(Place::Statute {
                statute: self.statute,
                scroll: self.statute_scroll,
            }),
            _ => Some(Place::Case {
                case: *self.visible.get(self.selected)?,
                focus: self.focus,
                scroll: self.detail_scroll,
            }),
        }
    }

    /// Shows a provision, remembering where the user was.
    fn open_statute(&mut self, statute: Option<usize>) {
        let Some(statute) = statute else { return };
        if let Some(place) = self.place() {
            self.history.push(place);
        }
        self.mode = Mode::Statute;
        self.statute = statute;
        self.statute_scroll = 0;
    }

    /// Shows a case in the browser's detail, clearing filters and search if they hide it.
    fn show_case(&mut self, case: usize, focus: Pane, scroll: usize) {
        if !self.visible.contains(&case) {
            self.filter = Filter::default();
            self.query.clear();
            self.caret = 0;
            self.refilter();
        }
        if let Some(row) = self.visible.iter().position(|&i| i == case) {
            self.selected = row;
        }
        self.mode = Mode::Browse;
        self.focus = if self.panes().contains(&focus) {
            focus
        } else {
            Pane::List
        };
        self.detail_scroll = scroll;
        self.keep_visible();
    }

    /// The `n`th provision of the selected case, or — in the statute view — the `n`th case linked
    /// to the provision (those its source cites first, as the view numbers them).
    fn open_numbered(&mut self, n: usize) {
        if n == 0 {
            return;
        }
        match self.mode {
            Mode::Statute => {
                let id = &self.library.statutes[self.statute].id;
                let linked = crate::law::linked_cases(self.library, id);
                // The sheet numbers the first 20 of each list; a key reaches 9, within them.
                let Some(&case) = linked.stated.iter().chain(&linked.governing).nth(n - 1) else {
                    return;
                };
                if let Some(place) = self.place() {
                    self.history.push(place);
                }
                self.show_case(case, Pane::Detail, 0);
            }
            Mode::Browse => {
                let statute = self
                    .current()
                    .and_then(|case| case.law.get(n - 1))
                    .and_then(|link| self.statute_index(&link.statute));
                self.open_statute(statute);
            }
            _ => {}
        }
    }

    /// The next or previous provision, in the view's order.
    fn step_statute(&mut self, delta: isize) {
        let order = &self.statute_order;
        let at = order.iter().position(|&s| s == self.statute).unwrap_or(0) as isize;
        let next = (at + delta).clamp(0, order.len() as isize - 1) as usize;
        if let Some(&statute) = order.get(next) {
            self.statute = statute;
            self.statute_scroll = 0;
        }
    }

    /// Back to where the user was before the last jump; to the browser when there is none.
    fn go_back(&mut self) {
        match self.history.pop() {
            Some(Place::Statute { statute, scroll }) => {
                self.mode = Mode::Statute;
                self.statute = statute;
                self.statute_scroll = scroll;
            }
            Some(Place::Case {
                case,
                focus,
                scroll,
            }) => self.show_case(case, focus, scroll),
            None => self.mode = Mode::Browse,
        }
    }

    /// The case under the list's selection, if any case is visible.
    pub fn current(&self) -> Option<&'l crate::library::Case> {
        let index = *self.visible.get(self.selected)?;
        Some(&self.library.cases[index])
    }

    /// The screen layout for the current size and state.
    pub fn screen(&self) -> Screen {
        layout::screen(self)
    }

    /// Recomputes which cases are visible, keeping the selected case if it still is.
    fn refilter(&mut self) {
        let keep = self.visible.get(self.selected).copied();
        let library = self.library;
        if self.query != self.searched_for {
            self.parsed = Query::new(&self.query);
            self.searched = if self.parsed.is_empty() {
                (0..library.cases.len()).collect()
            } else {
                // Typing on narrows: search only the previous results.
                let grew = !self.searched_for.trim().is_empty()
                    && self.query.starts_with(&self.searched_for);
                let within = grew.then_some(self.searched.as_slice());
                let hits = self.index.search(&self.parsed, within);
                hits.into_iter().map(|h| h.case).collect()
            };
            self.searched_for = self.query.clone();
        }
        let mask = (!self.parsed.is_empty()).then(|| {
            let mut mask = vec![false; library.cases.len()];
            for &case in &self.searched {
                mask[case] = true;
            }
            mask
        });
        self.facet_counts = self.facet_index.count(&self.filter, mask.as_deref());
        self.visible = self
            .searched
            .iter()
            .copied()
            .filter(|&i| self.filter.matches(library, &library.cases[i]))
            .collect();
        self.selected = keep
            .and_then(|k| self.visible.iter().position(|&i| i == k))
            .unwrap_or(0);
        if keep != self.visible.get(self.selected).copied() {
            self.detail_scroll = 0;
        }
        self.keep_visible();
    }

    /// Scrolls the detail to the next (or previous) line with a search match.
    fn jump_to_match(&mut self, forward: bool) {
        let screen = self.screen();
        let Some(rect) = screen.detail.or(if self.focus == Pane::List {
            None
        } else {
            Some(screen.area)
        }) else {
            return;
        };
        let Some(case) = self.current() else {
            return;
        };
        let width = layout::inner(rect).width as usize;
        let rows = super::view::detail::match_rows(self, case, width);
        let target = if forward {
            rows.iter().find(|&&r| r > self.detail_scroll).copied()
        } else {
            rows.iter()
                .rev()
                .find(|&&r| r < self.detail_scroll)
                .copied()
        };
        if let Some(row) = target {
            self.focus = Pane::Detail;
            self.detail_scroll = row;
            self.keep_visible();
        }
    }

    /// Scrolls the list and facet pane so their cursors are on screen, and clamps the detail.
    fn keep_visible(&mut self) {
        let screen = self.screen();
        let rows = screen.list_rows();
        self.list_offset = follow(self.selected, self.list_offset, rows);
        let facet_rows = screen.facet_rows();
        self.facet_offset = follow(self.facet_cursor, self.facet_offset, facet_rows);
        // Show a facet's heading above its first value.
        if self.facet_offset == self.facet_cursor
            && self.facet_cursor > 0
            && matches!(self.facet_rows[self.facet_cursor - 1], FacetRow::Header(_))
        {
            self.facet_offset -= 1;
        }
        self.detail_scroll = self.detail_scroll.min(layout::detail_max_scroll(self));
    }

    /// The panes that can take focus at this size.
    fn panes(&self) -> Vec<Pane> {
        self.screen().focusable()
    }

    fn page(&self) -> usize {
        if self.mode == Mode::Statute {
            let text = layout::inner(layout::statute_screen(self).text);
            return (text.height as usize).max(1);
        }
        match self.focus {
            Pane::Detail => self.screen().detail_height().max(1),
            Pane::List => self.screen().list_rows().max(1),
            Pane::Facets => self.screen().facet_rows().max(1),
        }
    }

    fn move_by(&mut self, delta: isize) {
        if self.mode == Mode::Statute {
            let max = layout::statute_max_scroll(self) as isize;
            self.statute_scroll = (self.statute_scroll as isize + delta).clamp(0, max) as usize;
            return;
        }
        if self.mode == Mode::Help {
            let last = super::keymap::help_line_count(self.m) as isize;
            self.help_scroll = (self.help_scroll as isize + delta).clamp(0, last) as usize;
            return;
        }
        let step = |value: usize, len: usize| -> usize {
            let last = len.saturating_sub(1) as isize;
            (value as isize + delta).clamp(0, last.max(0)) as usize
        };
        match self.focus {
            Pane::List => {
                let before = self.selected;
                self.selected = step(self.selected, self.visible.len());
                if before != self.selected {
                    self.detail_scroll = 0;
                }
            }
            Pane::Facets => {
                let mut at = step(self.facet_cursor, self.facet_rows.len());
                // Headings are not values: step over them, back if at the very top.
                if matches!(self.facet_rows.get(at), Some(FacetRow::Header(_))) {
                    at = if delta > 0 || at == 0 { at + 1 } else { at - 1 };
                }
                if matches!(self.facet_rows.get(at), Some(FacetRow::Value(..))) {
                    self.facet_cursor = at;
                }
            }
            Pane::Detail => {
                let max = layout::detail_max_scroll(self) as isize;
                self.detail_scroll = (self.detail_scroll as isize + delta).clamp(0, max) as usize;
            }
        }
        self.keep_visible();
    }

    fn cycle_focus(&mut self, forward: bool) {
        let panes = self.panes();
        let at = panes.iter().position(|p| *p == self.focus).unwrap_or(0);
        let next = if forward {
            (at + 1) % panes.len()
        } else {
            (at + panes.len() - 1) % panes.len()
        };
        self.focus = panes[next];
    }

    fn toggle_value(&mut self) {
        let Some(FacetRow::Value(facet, key)) = self.facet_rows.get(self.facet_cursor).cloned()
        else {
            return;
        };
        let values = self.filter.values_mut(facet);
        match values.iter().position(|v| *v == key) {
            Some(at) => {
                values.remove(at);
            }
            None => values.push(key),
        }
        self.refilter();
    }

    fn edit_query(&mut self, edit: impl FnOnce(&mut Vec<char>, &mut usize)) {
        let mut chars: Vec<char> = self.query.chars().collect();
        let mut caret = self.caret.min(chars.len());
        edit(&mut chars, &mut caret);
        self.query = chars.into_iter().collect();
        self.caret = caret;
        // Searched once the batch of waiting keys is done (`update_all`), so fast typing on a
        // large library never queues one search per key.
        self.search_pending = true;
    }

    /// Runs the search that typing left pending.
    pub fn settle(&mut self) {
        if self.search_pending {
            self.search_pending = false;
            self.refilter();
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let screen = self.screen();
        if let Some(row) = screen.list_row_at(x, y) {
            let index = self.list_offset + row;
            if index < self.visible.len() {
                if self.selected != index {
                    self.detail_scroll = 0;
                }
                self.selected = index;
            }
            self.focus = Pane::List;
        } else if let Some(row) = screen.facet_row_at(x, y) {
            let index = self.facet_offset + row;
            self.focus = Pane::Facets;
            if matches!(self.facet_rows.get(index), Some(FacetRow::Value(..))) {
                self.facet_cursor = index;
                self.toggle_value();
            }
        } else if screen.detail.is_some_and(|r| r.contains((x, y).into())) {
            self.focus = Pane::Detail;
        }
        self.keep_visible();
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
        let edits_query = matches!(
            action,
            Action::SearchInput(_) | Action::SearchBackspace | Action::SearchDelete
        );
        if !edits_query {
            self.settle();
        }
        match action {
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::First => self.move_by(isize::MIN / 2),
            Action::Last => self.move_by(isize::MAX / 2),
            Action::PageDown => self.move_by(self.page() as isize),
            Action::PageUp => self.move_by(-(self.page() as isize)),
            Action::NextPane => self.cycle_focus(true),
            Action::PrevPane => self.cycle_focus(false),
            Action::Open => match self.focus {
                Pane::List if self.current().is_some() => {
                    self.focus = Pane::Detail;
                    self.detail_scroll = 0;
                }
                Pane::Facets => self.toggle_value(),
                _ => {}
            },
            Action::Back => match self.mode {
                Mode::Help => self.mode = self.help_from,
                Mode::Statute => self.go_back(),
                Mode::Browse if matches!(self.history.last(), Some(Place::Statute { .. })) => {
                    self.go_back()
                }
                _ if self.focus == Pane::Detail => self.focus = Pane::List,
                _ if self.focus == Pane::Facets && self.drawer_open => {
                    self.drawer_open = false;
                    self.focus = Pane::List;
                }
                _ if self.focus == Pane::Facets && !self.panes().contains(&Pane::Facets) => {
                    self.focus = Pane::List;
                }
                _ => {}
            },
            Action::StartSearch => {
                self.mode = Mode::Search;
                self.query_before = self.query.clone();
                self.caret = self.query.chars().count();
            }
            Action::SearchKeep => self.mode = Mode::Browse,
            Action::SearchCancel => {
                self.mode = Mode::Browse;
                self.query = std::mem::take(&mut self.query_before);
                self.caret = self.query.chars().count();
                self.refilter();
            }
            Action::SearchInput(c) => {
                if !crate::text::is_forbidden(c) {
                    self.edit_query(|chars, caret| {
                        chars.insert(*caret, c);
                        *caret += 1;
                    });
                }
            }
            Action::SearchBackspace => self.edit_query(|chars, caret| {
                if *caret > 0 {
                    *caret -= 1;
                    chars.remove(*caret);
                }
            }),
            Action::SearchDelete => self.edit_query(|chars, caret| {
                if *caret < chars.len() {
                    chars.remove(*caret);
                }
            }),
            Action::SearchLeft => self.caret = self.caret.saturating_sub(1),
            Action::SearchRight => self.caret = (self.caret + 1).min(self.query.chars().count()),
            Action::SearchHome => self.caret = 0,
            Action::SearchEnd => self.caret = self.query.chars().count(),
            Action::ToggleFacets => {
                if layout::facets_in_drawer(self.width) {
                    self.drawer_open = !self.drawer_open;
                    self.focus = if self.drawer_open {
                        Pane::Facets
                    } else {
                        Pane::List
                    };
                } else {
                    self.focus = if self.focus == Pane::Facets {
                        Pane::List
                    } else {
                        Pane::Facets
                    };
                }
                self.keep_visible();
            }
            Action::ToggleValue => {
                if self.focus == Pane::Facets {
                    self.toggle_value();
                }
            }
            Action::ClearFilters => {
                self.filter = Filter::default();
                self.query.clear();
                self.caret = 0;
                self.refilter();
            }
            Action::NextMatch => self.jump_to_match(true),
            Action::PrevMatch => self.jump_to_match(false),
            Action::Help => {
                self.help_scroll = 0;
                if self.mode == Mode::Help {
                    self.mode = self.help_from;
                } else {
                    self.help_from = self.mode;
                    self.mode = Mode::Help;
                }
            }
            Action::Statutes => {
                let first = self
                    .current()
                    .and_then(|case| case.law.first())
                    .and_then(|link| self.statute_index(&link.statute));
                self.open_statute(first.or(self.statute_order.first().copied()));
            }
            Action::OpenNumbered(n) => self.open_numbered(n as usize),
            Action::NextProvision => self.step_statute(1),
            Action::PrevProvision => self.step_statute(-1),
            Action::Quit => self.quit = true,
            Action::Redraw => {}
            Action::Resize(width, height) => {
                self.width = width;
                self.height = height;
                if !self.panes().contains(&self.focus) && !self.drawer_open {
                    self.focus = Pane::List;
                }
                self.keep_visible();
            }
            Action::Click(x, y) => self.click(x, y),
            Action::Scroll(x, y, delta) => {
                let screen = self.screen();
                let saved = self.focus;
                if screen.detail.is_some_and(|r| r.contains((x, y).into())) {
                    self.focus = Pane::Detail;
                } else if screen.facets.is_some_and(|r| r.contains((x, y).into())) {
                    self.focus = Pane::Facets;
                } else if screen.list.is_some_and(|r| r.contains((x, y).into())) {
                    self.focus = Pane::List;
                }
                self.move_by(delta as isize);
                if self.focus != saved && self.mode == Mode::Search {
                    self.focus = saved;
                }
            }
        }
    }
}

/// The first row to show so that `cursor` is within `rows` rows starting at `offset`.
fn follow(cursor: usize, offset: usize, rows: usize) -> usize {
    if rows == 0 {
        return offset; // the pane is not on screen
    }
    if cursor < offset {
        cursor
    } else if cursor >= offset + rows {
        cursor + 1 - rows
    } else {
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{LoadOptions, load};
    use crate::msg::ZH;
    use crate::tui::keymap;
    use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

    fn library() -> Library {
        load(&LoadOptions::default()).unwrap()
    }

    fn press(app: &mut App, code: KeyCode) {
        let event = KeyEvent::new(code, KeyModifiers::NONE);
        if let Some(action) = keymap::action(app.mode, &event) {
            app.update(action);
        }
    }

    fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            press(app, KeyCode::Char(c));
        }
    }

    fn ids<'a>(app: &'a App<'a>) -> Vec<&'a str> {
        app.visible
            .iter()
            .map(|&i| app.library.cases[i].id.as_str())
            .collect()
    }

    #[test]
    fn moving_selects_cases_and_stops_at_the_ends() {
        let library = library();
        let mut app = App::new(&library, &ZH, 120, 40);
        assert_eq!(app.current().unwrap().id, "zhuji-xiangsheng");
        press(&mut app, KeyCode::Char('k'));
        assert_eq!(app.selected, 0);
        press(&mut app, KeyCode::Char('j'));
        press(&mut app, KeyCode::Down);
        assert_eq!(app.current().unwrap().id, "alar-tongtianyi");
        press(&mut app, KeyCode::Char('G'));
        assert_eq!(app.current().unwrap().id, "luoyang-shoumao");
        press(&mut app, KeyCode::Char('j'));
        assert_eq!(app.current().unwrap().id, "luoyang-shoumao");
        press(&mut app, KeyCode::Char('g'));
        assert_eq!(app.selected, 0);
    }

    #[test]
    fn facets_toggle_with_or_inside_and_across() {
        let library = library();
        let mut app = App::new(&library, &ZH, 120, 40);
        press(&mut app, KeyCode::Char('f'));
        assert_eq!(app.focus, Pane::Facets);
        press(&mut app, KeyCode::Char(' ')); // 房产租售
        assert_eq!(
            ids(&app),
            ["zhuji-xiangsheng", "nanning-fangduoduo", "luoyang-shoumao"]
        );
        press(&mut app, KeyCode::Char('j'));
        press(&mut app, KeyCode::Char('j'));
        press(&mut app, KeyCode::Char(' ')); // 教育培训: OR within the facet
        assert_eq!(app.visible.len(), 5);
        // Down to the provinces: 北京市 is the first value after the heading.
        while !matches!(
            &app.facet_rows[app.facet_cursor],
            FacetRow::Value(Facet::Province, _)
        ) {
            press(&mut app, KeyCode::Char('j'));
        }
        press(&mut app, KeyCode::Char(' ')); // 北京市: AND across facets
        assert_eq!(ids(&app), ["beijing-maikainike"]);
        press(&mut app, KeyCode::Char(' ')); // toggled off again
        assert_eq!(app.visible.len(), 5);
        press(&mut app, KeyCode::Char('c'));
        assert_eq!(app.visible.len(), 9);
        assert!(app.filter.is_empty());
    }

    #[test]
    fn the_facet_cursor_skips_headings() {
        let library = library();
        let mut app = App::new(&library, &ZH, 120, 40);
        app.update(Action::ToggleFacets);
        assert_eq!(app.facet_cursor, 1);
        press(&mut app, KeyCode::Char('k'));
        assert_eq!(app.facet_cursor, 1, "cannot land on the first heading");
        for _ in 0..12 {
            press(&mut app, KeyCode::Char('j'));
        }
        assert!(matches!(
            app.facet_rows[app.facet_cursor],
            FacetRow::Value(Facet::Province, _)
        ));
        press(&mut app, KeyCode::Char('k'));
        assert!(matches!(
            app.facet_rows[app.facet_cursor],
            FacetRow::Value(Facet::Sector, _)
        ));
    }

    #[test]
    fn search_filters_as_you_type_and_esc_restores() {
        let library = library();
        let mut app = App::new(&library, &ZH, 80, 24);
        press(&mut app, KeyCode::Char('/'));
        assert_eq!(app.mode, Mode::Search);
        typed(&mut app, "房多多");
        assert_eq!(ids(&app), ["nanning-fangduoduo"]);
        assert_eq!(app.caret, 3);
        press(&mut app, KeyCode::Left);
        press(&mut app, KeyCode::Backspace);
        assert_eq!(app.query, "房多");
        press(&mut app, KeyCode::Enter); // keep
        assert_eq!(app.mode, Mode::Browse);
        assert_eq!(app.query, "房多");
        press(&mut app, KeyCode::Char('/'));
        typed(&mut app, "x");
        press(&mut app, KeyCode::Esc); // cancel: back to the kept query
        assert_eq!(app.query, "房多");
        assert_eq!(ids(&app), ["nanning-fangduoduo"]);
        // `q` is text while typing, not quit.
        press(&mut app, KeyCode::Char('/'));
        press(&mut app, KeyCode::Char('q'));
        assert!(!app.quit);
        assert_eq!(app.visible.len(), 0);
    }

    #[test]
    fn open_scroll_and_back() {
        let library = library();
        let mut app = App::new(&library, &ZH, 80, 24);
        press(&mut app, KeyCode::Char('j'));
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.focus, Pane::Detail);
        press(&mut app, KeyCode::PageDown);
        assert!(app.detail_scroll > 0);
        press(&mut app, KeyCode::Char('G'));
        let bottom = app.detail_scroll;
        assert_eq!(bottom, layout::detail_max_scroll(&app));
        press(&mut app, KeyCode::Char('j'));
        assert_eq!(app.detail_scroll, bottom, "scrolling stops at the end");
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.focus, Pane::List);
        press(&mut app, KeyCode::Char('j'));
        assert_eq!(app.detail_scroll, 0, "a new case starts at the top");
    }

    #[test]
    fn one_pane_at_a_time_below_80_columns() {
        let library = library();
        let mut app = App::new(&library, &ZH, 60, 20);
        let screen = app.screen();
        assert!(screen.list.is_some() && screen.detail.is_none() && screen.facets.is_none());
        press(&mut app, KeyCode::Enter);
        assert!(app.screen().detail.is_some() && app.screen().list.is_none());
        press(&mut app, KeyCode::Tab);
        assert_eq!(app.focus, Pane::Facets);
        assert!(app.screen().facets.is_some());
        app.update(Action::Resize(30, 8));
        assert!(app.screen().too_small);
    }

    #[test]
    fn the_facet_drawer_at_two_pane_widths() {
        let library = library();
        let mut app = App::new(&library, &ZH, 100, 30);
        assert!(app.screen().facets.is_none());
        press(&mut app, KeyCode::Char('f'));
        assert!(app.drawer_open && app.screen().facets.is_some());
        assert_eq!(app.focus, Pane::Facets);
        press(&mut app, KeyCode::Esc);
        assert!(!app.drawer_open && app.screen().facets.is_none());
        assert_eq!(app.focus, Pane::List);
    }

    #[test]
    fn n_and_capital_n_jump_between_matches_in_the_detail() {
        let library = library();
        let mut app = App::new(&library, &ZH, 80, 24);
        press(&mut app, KeyCode::Char('/'));
        typed(&mut app, "yibin");
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.current().unwrap().id, "yibin-yu");
        let case = app.current().unwrap();
        let width = layout::inner(app.screen().detail.unwrap()).width as usize;
        let rows = crate::tui::view::detail::match_rows(&app, case, width);
        assert!(
            rows.len() >= 2,
            "the title and the English summary mention Yibin: {rows:?}"
        );
        press(&mut app, KeyCode::Char('n'));
        assert_eq!(
            app.detail_scroll,
            rows[1].min(layout::detail_max_scroll(&app))
        );
        assert_eq!(app.focus, Pane::Detail);
        press(&mut app, KeyCode::Char('N'));
        assert_eq!(app.detail_scroll, rows[0]);
    }

    #[test]
    fn a_burst_of_typed_keys_costs_one_search() {
        let library = library();
        let mut app = App::new(&library, &ZH, 80, 24);
        app.update(Action::StartSearch);
        for c in "nanning".chars() {
            app.apply(Action::SearchInput(c));
        }
        assert_eq!(app.visible.len(), 9, "not searched yet");
        app.settle();
        assert_eq!(ids(&app), ["nanning-fangduoduo"]);
        // Any other action searches first, so it never works on stale results.
        app.apply(Action::SearchBackspace);
        app.apply(Action::SearchKeep);
        assert_eq!(ids(&app), ["nanning-fangduoduo"]);
    }

    #[test]
    fn deep_link_opens_the_case() {
        let library = library();
        let mut app = App::new(&library, &ZH, 80, 24);
        assert!(app.open_case("yibin-yu"));
        assert_eq!(app.current().unwrap().id, "yibin-yu");
        assert_eq!(app.focus, Pane::Detail);
        assert!(!app.open_case("no-such-case"));
    }

    #[test]
    fn help_opens_scrolls_and_closes() {
        let library = library();
        let mut app = App::new(&library, &ZH, 60, 20);
        press(&mut app, KeyCode::Char('?'));
        assert_eq!(app.mode, Mode::Help);
        press(&mut app, KeyCode::Char('j'));
        assert_eq!(app.help_scroll, 1);
        assert_eq!(app.selected, 0, "keys scroll the help, not the list");
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.mode, Mode::Browse);
        press(&mut app, KeyCode::Char('q'));
        assert!(app.quit);
    }

    #[test]
    fn only_presses_count_and_ctrl_c_quits() {
        let library = library();
        let mut app = App::new(&library, &ZH, 80, 24);
        let mut release = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(keymap::action(Mode::Browse, &release), None);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(keymap::action(Mode::Search, &ctrl_c), Some(Action::Quit));
        app.update(Action::Quit);
        assert!(app.quit);
    }

    #[test]
    fn mouse_click_and_wheel() {
        let library = library();
        let mut app = App::new(&library, &ZH, 120, 40);
        let list = app.screen().list.unwrap();
        // The third case's first line: border, then two lines a case.
        app.update(Action::Click(list.x + 3, list.y + 1 + 4));
        assert_eq!(app.current().unwrap().id, "alar-tongtianyi");
        let detail = app.screen().detail.unwrap();
        app.update(Action::Scroll(detail.x + 2, detail.y + 2, 3));
        assert_eq!(app.detail_scroll, 3);
        assert_eq!(app.focus, Pane::Detail);
    }

    #[test]
    fn every_binding_is_described_and_the_hints_come_from_the_table() {
        for binding in keymap::BINDINGS {
            assert!(!(binding.describe)(&ZH).is_empty());
            assert!(!binding.keys.is_empty());
        }
        let hints = keymap::hints(Mode::Browse, &ZH);
        assert!(hints.contains(&("/", ZH.key_search)));
        assert!(hints.contains(&("q", ZH.key_quit)));
    }

    /// From a case, a number opens its provision and Esc comes back; from the provision, a
    /// number opens a linked case and Esc comes back to the provision, where it was.
    #[test]
    fn provisions_and_cases_both_ways_with_history() {
        let library = library();
        let mut app = App::new(&library, &ZH, 100, 30);
        assert!(app.open_case("nanning-fangduoduo"));
        press(&mut app, KeyCode::Char('3'));
        assert_eq!(app.mode, Mode::Statute);
        assert_eq!(library.statutes[app.statute].id, "cprl-56");
        press(&mut app, KeyCode::PageDown);
        let scrolled = app.statute_scroll;
        assert!(scrolled > 0);
        // 消法56's third linked case is 南宁房多多; the first is 诸暨.
        press(&mut app, KeyCode::Char('1'));
        assert_eq!(app.mode, Mode::Browse);
        assert_eq!(app.current().unwrap().id, "zhuji-xiangsheng");
        assert_eq!(app.focus, Pane::Detail);
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.mode, Mode::Statute);
        assert_eq!(
            (
                library.statutes[app.statute].id.as_str(),
                app.statute_scroll
            ),
            ("cprl-56", scrolled)
        );
        press(&mut app, KeyCode::Backspace);
        assert_eq!(app.mode, Mode::Browse);
        assert_eq!(app.current().unwrap().id, "nanning-fangduoduo");
        // A number past the case's provisions does nothing.
        press(&mut app, KeyCode::Char('9'));
        assert_eq!(app.mode, Mode::Browse);
        assert!(app.history.is_empty());
    }

    #[test]
    fn the_statute_view_steps_through_provisions_and_keeps_help_in_place() {
        let library = library();
        let mut app = App::new(&library, &ZH, 80, 24);
        press(&mut app, KeyCode::Char('s'));
        assert_eq!(app.mode, Mode::Statute);
        // The first case's first provision.
        assert_eq!(library.statutes[app.statute].id, "cprl-29-2");
        press(&mut app, KeyCode::Char('N'));
        assert_eq!(library.statutes[app.statute].id, "cprl-29-1");
        for _ in 0..100 {
            press(&mut app, KeyCode::Char('n'));
        }
        assert_eq!(
            library.statutes[app.statute].era,
            crate::library::Era::Later
        );
        assert_eq!(app.statute, *app.statute_order.last().unwrap());
        press(&mut app, KeyCode::Char('?'));
        assert_eq!(app.mode, Mode::Help);
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.mode, Mode::Statute);
        // j and k scroll the text, within bounds.
        for _ in 0..500 {
            press(&mut app, KeyCode::Char('j'));
        }
        assert_eq!(app.statute_scroll, layout::statute_max_scroll(&app));
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.mode, Mode::Browse);
    }
}
