//! Where each pane goes, as a pure function of the terminal size and the state. `update` uses it
//! to keep cursors on screen and to size pages; the view uses it to draw.

use ratatui::layout::Rect;

use super::app::{App, Pane};
use super::view::detail;

/// Below this the browser shows one line asking for a larger terminal.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// Three panes from this width; below it, two.
pub const THREE_PANES: u16 = 120;
/// Two panes from this width; below it, one at a time.
pub const TWO_PANES: u16 = 80;
const FACETS_WIDTH: u16 = 30;
const LIST_WIDTH_THREE: u16 = 42;
const LIST_WIDTH_TWO: u16 = 38;
/// Each case takes two lines in the list: title, then place · sector · penalty.
pub const LIST_ITEM_HEIGHT: usize = 2;

/// The rectangles of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub area: Rect,
    pub too_small: bool,
    pub search: Rect,
    pub status: Rect,
    pub facets: Option<Rect>,
    pub list: Option<Rect>,
    pub detail: Option<Rect>,
}

/// The inside of a bordered pane.
pub fn inner(rect: Rect) -> Rect {
    Rect {
        x: rect.x + 1,
        y: rect.y + 1,
        width: rect.width.saturating_sub(2),
        height: rect.height.saturating_sub(2),
    }
}

impl Screen {
    pub fn list_rows(&self) -> usize {
        self.list
            .map_or(0, |r| inner(r).height as usize / LIST_ITEM_HEIGHT)
    }

    pub fn facet_rows(&self) -> usize {
        self.facets.map_or(0, |r| inner(r).height as usize)
    }

    pub fn detail_height(&self) -> usize {
        self.detail.map_or(0, |r| inner(r).height as usize)
    }

    /// The panes Tab moves between, in screen order.
    pub fn focusable(&self) -> Vec<Pane> {
        let mut panes = Vec::new();
        if self.facets.is_some() {
            panes.push(Pane::Facets);
        }
        if self.list.is_some() {
            panes.push(Pane::List);
        }
        if self.detail.is_some() {
            panes.push(Pane::Detail);
        }
        if panes.len() == 1 {
            // One pane at a time: Tab walks through all three.
            return vec![Pane::Facets, Pane::List, Pane::Detail];
        }
        panes
    }

    /// The list item (counted from the top of the pane) under a screen cell.
    pub fn list_row_at(&self, x: u16, y: u16) -> Option<usize> {
        let area = inner(self.list?);
        area.contains((x, y).into())
            .then(|| (y - area.y) as usize / LIST_ITEM_HEIGHT)
    }

    /// The facet row (counted from the top of the pane) under a screen cell.
    pub fn facet_row_at(&self, x: u16, y: u16) -> Option<usize> {
        let area = inner(self.facets?);
        area.contains((x, y).into()).then(|| (y - area.y) as usize)
    }
}

/// Whether facets open in a drawer (two-pane widths).
pub fn facets_in_drawer(width: u16) -> bool {
    (TWO_PANES..THREE_PANES).contains(&width)
}

/// Lays out the browse screen.
pub fn screen(app: &App) -> Screen {
    let area = Rect::new(0, 0, app.width, app.height);
    let nothing = Screen {
        area,
        too_small: true,
        search: Rect::default(),
        status: Rect::default(),
        facets: None,
        list: None,
        detail: None,
    };
    if app.width < MIN_WIDTH || app.height < MIN_HEIGHT {
        return nothing;
    }
    let search = Rect::new(0, 0, app.width, 1);
    let status = Rect::new(0, app.height - 1, app.width, 1);
    let main = Rect::new(0, 1, app.width, app.height - 2);
    let column = |x: u16, width: u16| Rect::new(x, main.y, width, main.height);
    let (facets, list, detail) = if app.width >= THREE_PANES {
        let detail_x = FACETS_WIDTH + LIST_WIDTH_THREE;
        (
            Some(column(0, FACETS_WIDTH)),
            Some(column(FACETS_WIDTH, LIST_WIDTH_THREE)),
            Some(column(detail_x, app.width - detail_x)),
        )
    } else if app.width >= TWO_PANES {
        if app.drawer_open {
            (
                Some(column(0, FACETS_WIDTH)),
                Some(column(FACETS_WIDTH, app.width - FACETS_WIDTH)),
                None,
            )
        } else {
            (
                None,
                Some(column(0, LIST_WIDTH_TWO)),
                Some(column(LIST_WIDTH_TWO, app.width - LIST_WIDTH_TWO)),
            )
        }
    } else {
        let whole = Some(main);
        match app.focus {
            Pane::Facets => (whole, None, None),
            Pane::List => (None, whole, None),
            Pane::Detail => (None, None, whole),
        }
    };
    Screen {
        too_small: false,
        search,
        status,
        facets,
        list,
        detail,
        ..nothing
    }
}

/// How far the detail pane can scroll before its last line reaches the bottom.
pub fn detail_max_scroll(app: &App) -> usize {
    let screen = screen(app);
    let Some(rect) = screen.detail else {
        return 0;
    };
    let Some(case) = app.current() else {
        return 0;
    };
    let inner = inner(rect);
    let total = detail::lines(app, case, inner.width as usize).len();
    total.saturating_sub(inner.height as usize)
}

/// The statute view: the provisions down the left from 80 columns, the provision's text beside
/// them (alone when narrower), the status line at the bottom.
pub struct StatuteScreen {
    pub list: Option<Rect>,
    pub text: Rect,
    pub status: Rect,
}

/// Columns of the statute view's list of provisions.
const STATUTE_LIST_WIDTH: u16 = 30;

pub fn statute_screen(app: &App) -> StatuteScreen {
    let area = Rect::new(0, 0, app.width, app.height);
    let body = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let status = Rect {
        y: area.height.saturating_sub(1),
        height: 1.min(area.height),
        ..area
    };
    if app.width >= 80 {
        let list = Rect {
            width: STATUTE_LIST_WIDTH,
            ..body
        };
        let text = Rect {
            x: body.x + STATUTE_LIST_WIDTH,
            width: body.width - STATUTE_LIST_WIDTH,
            ..body
        };
        StatuteScreen {
            list: Some(list),
            text,
            status,
        }
    } else {
        StatuteScreen {
            list: None,
            text: body,
            status,
        }
    }
}

/// How far the provision's text can scroll.
pub fn statute_max_scroll(app: &App) -> usize {
    let text = inner(statute_screen(app).text);
    let Some(statute) = app.library.statutes.get(app.statute) else {
        return 0;
    };
    let sheet = crate::sheet::statute(app.m, app.library, statute);
    let total = detail::sheet_lines(app, &sheet, text.width as usize).len();
    total.saturating_sub(text.height as usize)
}
