//! The browse screen: facets, the case list and the case detail, with the search line above and
//! the status line below. Its state is its own; it reaches other screens only by answering
//! [`Next::Go`] with a place.

mod bars;
pub mod detail;
pub mod facets;
mod jumps;
mod list;
mod mouse;
pub mod results;

use ratatui::Frame;

use std::cell::RefCell;
use std::rc::Rc;

use crate::library::Case;
use crate::query::similar::Similar;
use crate::tui::context::Context;
use crate::tui::layout::{self, BrowseLayout};
use crate::tui::types::{Action, Next, Pane, Place, Scope};

use super::Screen;
use crate::tui::search_line::{self, SearchLine};
use facets::FacetPane;
use results::Results;

pub struct Browse<'l> {
    pub focus: Pane,
    /// At 80–119 columns the facets live in a drawer over the list.
    pub drawer_open: bool,
    pub search: SearchLine,
    pub results: Results<'l>,
    pub facets: FacetPane,
    /// Index into `results.visible`.
    pub selected: usize,
    pub list_offset: usize,
    pub detail_scroll: usize,
    /// The query changed and has not been searched yet.
    search_pending: bool,
    /// The detail, opened to read, takes the whole width (until Esc or `w`). Opening a case
    /// sets it below three-pane widths, where beside the list the detail is a narrow column.
    pub reading: bool,
    /// The similar cases of the case last asked about: the detail is laid out several times a
    /// key, and at 100,000 cases a ranking costs a few milliseconds.
    similar: RefCell<Option<(usize, Rc<[Similar]>)>>,
}

impl<'l> Browse<'l> {
    pub fn new(library: &'l crate::library::Library) -> Self {
        let results = Results::new(library);
        let mut facets = FacetPane::new(library);
        facets.refresh(library, &results);
        Browse {
            focus: Pane::List,
            drawer_open: false,
            search: SearchLine::default(),
            results,
            facets,
            selected: 0,
            list_offset: 0,
            detail_scroll: 0,
            search_pending: false,
            reading: false,
            similar: RefCell::new(None),
        }
    }

    /// The case under the list's selection, if any case is visible.
    pub fn current(&self) -> Option<&'l Case> {
        self.results.case_at(self.selected)
    }

    /// Selects a case by id and shows its detail (`casebook --case ID`); false if there is no
    /// such case among those shown.
    pub fn open_case(&mut self, ctx: &Context, id: &str) -> bool {
        let Some(index) = ctx.library.cases.iter().position(|c| c.id == id) else {
            return false;
        };
        let Some(row) = self.results.visible.iter().position(|&i| i == index) else {
            return false;
        };
        self.selected = row;
        self.read(ctx);
        self.keep_visible(ctx);
        true
    }

    /// Where each pane goes at this size.
    pub fn layout(&self, ctx: &Context) -> BrowseLayout {
        layout::browse(
            ctx.width,
            ctx.height,
            self.drawer_open,
            self.focus,
            self.reading,
        )
    }

    /// Gives the detail the keyboard to read a case: across the whole width where it would
    /// otherwise be a narrow column.
    fn read(&mut self, ctx: &Context) {
        self.focus = Pane::Detail;
        self.reading = ctx.width < layout::THREE_PANES;
    }

    /// Recomputes which cases are visible. A new query puts the selection on its best result;
    /// a changed filter keeps the selected case if it is still shown.
    fn refilter(&mut self, ctx: &Context) {
        let keep = self.results.visible.get(self.selected).copied();
        let new_query = self.results.refresh(&self.search.query);
        let visible = &self.results.visible;
        self.selected = keep
            .filter(|_| !new_query)
            .and_then(|k| visible.iter().position(|&i| i == k))
            .unwrap_or(0);
        if keep != visible.get(self.selected).copied() {
            self.detail_scroll = 0;
        }
        self.facets.refresh(ctx.library, &self.results);
        self.keep_visible(ctx);
    }

    /// Scrolls the list and facet pane so their cursors are on screen, and clamps the detail.
    fn keep_visible(&mut self, ctx: &Context) {
        let layout = self.layout(ctx);
        self.list_offset = layout::follow(self.selected, self.list_offset, layout.list_rows());
        self.facets.follow(layout.facet_rows());
        self.detail_scroll = self.detail_scroll.min(self.detail_max_scroll(ctx));
    }

    /// How far the detail pane can scroll before its last line reaches the bottom.
    pub fn detail_max_scroll(&self, ctx: &Context) -> usize {
        let (Some(rect), Some(case)) = (self.layout(ctx).detail, self.current()) else {
            return 0;
        };
        let body = layout::inner(rect);
        let similar = self.similar();
        let total = detail::lay_out(ctx, &self.results, case, &similar, body.width as usize)
            .lines
            .len();
        total.saturating_sub(body.height as usize)
    }

    /// The lines of the current case's detail that hold a search match, at the detail's width
    /// (the whole screen's when the detail is not shown beside the list).
    pub fn match_rows(&self, ctx: &Context) -> Vec<usize> {
        let layout = self.layout(ctx);
        let rect = match layout.detail {
            Some(rect) => rect,
            None if self.focus != Pane::List => layout.area,
            None => return Vec::new(),
        };
        let Some(case) = self.current() else {
            return Vec::new();
        };
        let width = layout::inner(rect).width as usize;
        detail::lay_out(ctx, &self.results, case, &self.similar(), width).matches
    }

    /// Scrolls the detail to the next (or previous) line with a search match.
    fn jump_to_match(&mut self, ctx: &Context, forward: bool) {
        let rows = self.match_rows(ctx);
        let target = if forward {
            rows.iter().find(|&&r| r > self.detail_scroll)
        } else {
            rows.iter().rev().find(|&&r| r < self.detail_scroll)
        };
        if let Some(&row) = target {
            self.focus = Pane::Detail;
            self.detail_scroll = row;
            self.keep_visible(ctx);
        }
    }

    /// One page of the focused pane.
    fn page(&self, ctx: &Context) -> usize {
        let layout = self.layout(ctx);
        match self.focus {
            Pane::Detail => layout.detail_height(),
            Pane::List => layout.list_rows(),
            Pane::Facets => layout.facet_rows(),
        }
    }

    /// Moves in the focused pane; while typing, in the results.
    fn move_by(&mut self, ctx: &Context, delta: isize) {
        let pane = if self.search.typing {
            Pane::List
        } else {
            self.focus
        };
        match pane {
            Pane::List => {
                let before = self.selected;
                let last = self.results.visible.len().saturating_sub(1) as isize;
                self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
                if before != self.selected {
                    self.detail_scroll = 0;
                }
            }
            Pane::Facets => self.facets.step(delta),
            Pane::Detail => {
                let max = self.detail_max_scroll(ctx) as isize;
                self.detail_scroll = (self.detail_scroll as isize + delta).clamp(0, max) as usize;
            }
        }
        self.keep_visible(ctx);
    }

    fn cycle_focus(&mut self, ctx: &Context, forward: bool) {
        let panes = self.layout(ctx).focusable();
        // A terminal too small for any pane has none to move to (Tab there panicked).
        if panes.is_empty() {
            return;
        }
        let at = panes.iter().position(|p| *p == self.focus).unwrap_or(0);
        let next = if forward {
            (at + 1) % panes.len()
        } else {
            (at + panes.len() - 1) % panes.len()
        };
        self.focus = panes[next];
    }

    fn toggle_value(&mut self, ctx: &Context) {
        if self.facets.toggle(&mut self.results.filter) {
            self.refilter(ctx);
        }
    }

    fn toggle_facets(&mut self, ctx: &Context) {
        if layout::facets_in_drawer(ctx.width) {
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
        self.keep_visible(ctx);
    }

    /// Esc: the detail gives the keyboard back to the list; the facets close; on the list, a
    /// kept search is cleared (the facets stay).
    fn back(&mut self, ctx: &Context) {
        if self.focus == Pane::List && self.search.is_kept() {
            self.search.clear();
            self.refilter(ctx);
        } else if self.focus == Pane::Detail {
            self.focus = Pane::List;
            self.reading = false;
        } else if self.focus == Pane::Facets && self.drawer_open {
            self.drawer_open = false;
            self.focus = Pane::List;
        } else if self.focus == Pane::Facets
            && !self.layout(ctx).focusable().contains(&Pane::Facets)
        {
            self.focus = Pane::List;
        }
    }

    fn clear(&mut self, ctx: &Context) {
        self.results.filter = Default::default();
        self.search.clear();
        self.refilter(ctx);
    }

    /// Typing leaves the search pending, to run once the burst of waiting keys is handled
    /// (`settle`), so fast typing on a large library never queues one search per key.
    fn edited(&mut self, changed: bool) {
        self.search_pending |= changed;
    }
}

impl<'l> Screen<'l> for Browse<'l> {
    /// The cases the filters and the search leave, when they leave fewer than all.
    /// The case whose detail is open (the detail has the keyboard).
    fn case_in_hand(&self) -> Option<usize> {
        if self.focus != Pane::Detail {
            return None;
        }
        self.results.visible.get(self.selected).copied()
    }

    fn in_view(&self) -> Option<Vec<usize>> {
        let r = &self.results;
        (!r.filter.is_empty() || !r.parsed.is_empty()).then(|| r.visible.clone())
    }

    fn scope(&self) -> Scope {
        if self.search.typing {
            Scope::Search
        } else {
            Scope::Browse
        }
    }

    fn update(&mut self, ctx: &Context<'l>, action: Action) -> Next {
        match self.search.apply(&action) {
            // Typing leaves the search pending (see `edited`); moving the caret needs none.
            Some(changed) => {
                self.edited(changed);
                return Next::Stay;
            }
            // Any other action works on fresh results, suggestions included (`s` opens the
            // provision a search that found nothing suggests).
            None => {
                self.settle(ctx);
                self.results.finish_suggestions();
            }
        }
        if let Action::Scroll(x, y, delta) = action {
            self.wheel(ctx, x, y, delta);
            return Next::Stay;
        }
        if let Some(delta) = action.scroll_delta(self.page(ctx)) {
            self.move_by(ctx, delta);
            return Next::Stay;
        }
        match action {
            Action::NextPane => self.cycle_focus(ctx, true),
            Action::PrevPane => self.cycle_focus(ctx, false),
            Action::Open => match self.focus {
                Pane::List if self.current().is_some() => {
                    self.read(ctx);
                    self.detail_scroll = 0;
                    self.keep_visible(ctx);
                }
                Pane::Facets => self.toggle_value(ctx),
                _ => {}
            },
            Action::Back => self.back(ctx),
            Action::StartSearch => self.search.start(),
            Action::SearchOpen => {
                self.search.leave();
                if self.current().is_some() {
                    self.read(ctx);
                    self.detail_scroll = 0;
                    self.keep_visible(ctx);
                }
            }
            Action::SearchLeave => self.search.leave(),
            Action::ToggleFacets => self.toggle_facets(ctx),
            Action::ToggleWide => {
                self.reading = !(self.reading && self.focus == Pane::Detail);
                if self.current().is_some() {
                    self.focus = Pane::Detail;
                }
                self.keep_visible(ctx);
            }
            Action::ToggleValue if self.focus == Pane::Facets => self.toggle_value(ctx),
            Action::ToggleEmptyValues => {
                self.facets.show_empty = !self.facets.show_empty;
                self.facets.refresh(ctx.library, &self.results);
                self.keep_visible(ctx);
            }
            Action::NextGroup | Action::PrevGroup if self.focus == Pane::Facets => {
                self.facets.jump_group(action == Action::NextGroup);
                self.keep_visible(ctx);
            }
            Action::ClearFilters => self.clear(ctx),
            Action::NextMatch => self.jump_to_match(ctx, true),
            Action::PrevMatch => self.jump_to_match(ctx, false),
            Action::Statutes => return self.statutes(ctx),
            Action::CopyCitation | Action::CopySheet => return self.copy(ctx, &action),
            Action::Export => return self.export(ctx),
            // In the detail a digit opens its numbered links; elsewhere the case published
            // under that number, as the list shows it (`7` → 第 7 例).
            Action::OpenNumbered(n) if self.focus == Pane::Detail => {
                return self.numbered(ctx, n as usize).map_or(Next::Stay, Next::Go);
            }
            Action::OpenNumbered(n) => {
                return self.published(ctx, n as u64).map_or(Next::Stay, Next::Go);
            }
            Action::Resize(..) => {
                if !self.layout(ctx).focusable().contains(&self.focus) && !self.drawer_open {
                    self.focus = Pane::List;
                }
                self.keep_visible(ctx);
            }
            Action::Click(x, y) => self.click(ctx, x, y),
            _ => {}
        }
        // The detail keeps the whole width only while it is being read.
        if self.focus != Pane::Detail {
            self.reading = false;
        }
        Next::Stay
    }

    fn view(&self, ctx: &Context<'l>, frame: &mut Frame) {
        let layout = self.layout(ctx);
        let active = ctx.keys == Scope::Browse;
        search_line::view(ctx, &self.search, ctx.m.search_label, frame, layout.search);
        if let Some(area) = layout.facets {
            let focused = active && self.focus == Pane::Facets;
            facets::view(ctx, &self.facets, &self.results, focused, frame, area);
        }
        if let Some(area) = layout.list {
            list::view(ctx, self, active && self.focus == Pane::List, frame, area);
        }
        if let Some(area) = layout.detail {
            let focused = active && self.focus == Pane::Detail;
            detail::view(ctx, self, focused, frame, area);
        }
        bars::status(ctx, self, frame, layout.status);
    }

    fn claims_back(&self) -> bool {
        (self.focus == Pane::List && self.search.is_kept()) || self.drawer_open
    }

    fn place(&self) -> Option<Place> {
        Some(Place::Case {
            case: *self.results.visible.get(self.selected)?,
            focus: self.focus,
            scroll: self.detail_scroll,
        })
    }

    /// Shows a case, clearing the filters and the search if they hide it.
    fn show(&mut self, ctx: &Context<'l>, place: Place) {
        let Place::Case {
            case,
            focus,
            scroll,
        } = place
        else {
            return;
        };
        if !self.results.visible.contains(&case) {
            self.results.filter = Default::default();
            self.search.clear();
            self.refilter(ctx);
        }
        if let Some(row) = self.results.visible.iter().position(|&i| i == case) {
            self.selected = row;
        }
        self.focus = if self.layout(ctx).focusable().contains(&focus) {
            focus
        } else {
            Pane::List
        };
        if self.focus == Pane::Detail {
            self.read(ctx);
        }
        self.detail_scroll = scroll;
        self.keep_visible(ctx);
    }

    fn settle(&mut self, ctx: &Context<'l>) {
        if self.search_pending {
            self.search_pending = false;
            self.refilter(ctx);
        }
    }

    fn idle(&mut self, _ctx: &Context<'l>) -> bool {
        self.results.after_frame()
    }
}
