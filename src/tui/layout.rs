//! Where each pane goes, as a pure function of the terminal size and a screen's few layout
//! choices. A screen's `update` uses it to keep cursors on screen and to size pages; its view uses
//! it to draw. It knows no screen: callers pass the numbers.

use ratatui::layout::Rect;

use super::types::Pane;

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

/// The rectangles of one frame of the browse screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrowseLayout {
    pub area: Rect,
    pub too_small: bool,
    pub search: Rect,
    pub status: Rect,
    pub facets: Option<Rect>,
    pub list: Option<Rect>,
    pub detail: Option<Rect>,
    /// The detail has the whole width though the list would fit beside it.
    pub detail_alone: bool,
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

impl BrowseLayout {
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
        if self.detail_alone {
            // Tab from the wide detail brings the list back beside it.
            return vec![Pane::List, Pane::Detail];
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

/// Lays out the browse screen: `drawer_open` says whether the facet drawer is out (two-pane
/// widths), `focus` which pane shows when only one fits, and `wide_detail` whether the detail,
/// when it has the focus, takes the whole width (room to read).
pub fn browse(
    width: u16,
    height: u16,
    drawer_open: bool,
    focus: Pane,
    wide_detail: bool,
) -> BrowseLayout {
    let area = Rect::new(0, 0, width, height);
    let nothing = BrowseLayout {
        area,
        too_small: true,
        search: Rect::default(),
        status: Rect::default(),
        facets: None,
        list: None,
        detail: None,
        detail_alone: false,
    };
    if too_small(width, height) {
        return nothing;
    }
    let search = Rect::new(0, 0, width, 1);
    let status = Rect::new(0, height - 1, width, 1);
    let main = Rect::new(0, 1, width, height - 2);
    let column = |x: u16, w: u16| Rect::new(x, main.y, w, main.height);
    let detail_alone = wide_detail && focus == Pane::Detail && !drawer_open;
    let (facets, list, detail) = if detail_alone {
        (None, None, Some(main))
    } else if width >= THREE_PANES {
        let detail_x = FACETS_WIDTH + LIST_WIDTH_THREE;
        (
            Some(column(0, FACETS_WIDTH)),
            Some(column(FACETS_WIDTH, LIST_WIDTH_THREE)),
            Some(column(detail_x, width - detail_x)),
        )
    } else if width >= TWO_PANES {
        if drawer_open {
            (
                Some(column(0, FACETS_WIDTH)),
                Some(column(FACETS_WIDTH, width - FACETS_WIDTH)),
                None,
            )
        } else {
            (
                None,
                Some(column(0, LIST_WIDTH_TWO)),
                Some(column(LIST_WIDTH_TWO, width - LIST_WIDTH_TWO)),
            )
        }
    } else {
        let whole = Some(main);
        match focus {
            Pane::Facets => (whole, None, None),
            Pane::List => (None, whole, None),
            Pane::Detail => (None, None, whole),
        }
    };
    BrowseLayout {
        too_small: false,
        search,
        status,
        facets,
        list,
        detail,
        detail_alone: detail_alone && width >= TWO_PANES,
        ..nothing
    }
}

/// The statute view: the provisions down the left from 80 columns, the provision's text beside
/// them (alone when narrower), the status line at the bottom, and — while a search is typed or
/// kept — the search box at the top.
pub struct StatuteLayout {
    pub search: Option<Rect>,
    pub list: Option<Rect>,
    pub text: Rect,
    pub status: Rect,
}

/// Columns of the statute view's list of provisions.
const STATUTE_LIST_WIDTH: u16 = 30;

pub fn statute(width: u16, height: u16, searching: bool) -> StatuteLayout {
    let area = Rect::new(0, 0, width, height);
    let top = u16::from(searching).min(area.height);
    let search = searching.then_some(Rect {
        height: top,
        ..area
    });
    let body = Rect {
        y: top,
        height: area.height.saturating_sub(1 + top),
        ..area
    };
    let status = Rect {
        y: area.height.saturating_sub(1),
        height: 1.min(area.height),
        ..area
    };
    if width >= TWO_PANES {
        let list = Rect {
            width: STATUTE_LIST_WIDTH,
            ..body
        };
        let text = Rect {
            x: body.x + STATUTE_LIST_WIDTH,
            width: body.width - STATUTE_LIST_WIDTH,
            ..body
        };
        StatuteLayout {
            search,
            list: Some(list),
            text,
            status,
        }
    } else {
        StatuteLayout {
            search,
            list: None,
            text: body,
            status,
        }
    }
}

/// The first row to show so that `cursor` is within `rows` rows starting at `offset`.
pub fn follow(cursor: usize, offset: usize, rows: usize) -> usize {
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

/// Whether the terminal is too small for any screen (one line then asks for a larger one).
pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

/// The rectangle of `width`×`height` centred in `area` (clamped to it).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}
