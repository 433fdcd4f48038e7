//! A terminal backend light on the wire: ratatui's crossterm backend, but for how a frame's
//! changed cells are written. ratatui 0.30 moves the cursor after every double-width character
//! (it assumes every cell advances the cursor one column), so a line of Chinese costs a cursor
//! move per character: most of a keystroke's bytes. Here the cursor is followed as the terminal
//! moves it — by each symbol's display width — and moved only when it is not already where the
//! next cell is; a move is the shorter of an absolute and a relative one; a colour is set alone
//! when only it changed. (Erasing runs of blanks with ECH was tried and dropped: terminals differ
//! on it over double-width characters — tmux shifted text by a cell.) Remove this when ratatui releases its own fix (PR #2721).

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, IntoCrossterm, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// The crossterm backend, with its own `draw`.
pub struct Wire<W: Write> {
    inner: CrosstermBackend<W>,
    /// Whether the cursor is hidden: ratatui hides it on every frame.
    hidden: bool,
    /// The terminal's size when it is not the process's terminal (tests).
    fixed: Option<Size>,
    /// What the terminal shows, as far as this backend wrote it since the screen was cleared:
    /// a few unchanged cells between two changed ones are cheaper printed again than skipped.
    screen: Option<Screen>,
}

/// The cells on the terminal's screen.
struct Screen {
    size: Size,
    cells: Vec<Cell>,
}

impl Screen {
    fn blank(size: Size) -> Screen {
        let count = usize::from(size.width) * usize::from(size.height);
        Screen {
            size,
            cells: vec![Cell::default(); count],
        }
    }

    fn set(&mut self, x: u16, y: u16, cell: Cell) {
        if x < self.size.width && y < self.size.height {
            self.cells[usize::from(y) * usize::from(self.size.width) + usize::from(x)] = cell;
        }
    }

    fn cell(&self, x: u16, y: u16) -> Option<&Cell> {
        (x < self.size.width && y < self.size.height)
            .then(|| &self.cells[usize::from(y) * usize::from(self.size.width) + usize::from(x)])
    }

    /// Records a printed cell; a wide one covers the cells after it. Printing over any part of a
    /// wide character erases the rest of it: the terminal shows blanks there (ratatui's diff
    /// counts on that, and leaves the blanks out). How many cells after this one were erased so.
    fn put(&mut self, x: u16, y: u16, cell: &Cell) -> u16 {
        if y >= self.size.height || x >= self.size.width {
            return 0;
        }
        let width = cell.symbol().width().max(1) as u16;
        let end = x.saturating_add(width).min(self.size.width);
        let mut blank = cell.clone();
        blank.set_symbol(" ");
        let covered =
            |screen: &Self, at: u16| screen.cell(at, y).is_some_and(|c| c.symbol().is_empty());
        // The start of a wide character this cell lands on the second half of.
        let mut start = x;
        while start > 0 && covered(self, start) {
            start -= 1;
        }
        for at in start..x {
            self.set(at, y, blank.clone());
        }
        // The second halves, after this cell, of a wide character it lands on the first half of:
        // plain blanks (the caller makes them so on the terminal too).
        let mut after = end;
        while after < self.size.width && covered(self, after) {
            self.set(after, y, Cell::default());
            after += 1;
        }
        for at in x..end {
            let mut part = cell.clone();
            if at > x {
                // Covered by the wide symbol: not printable on its own.
                part.set_symbol("");
            }
            self.set(at, y, part);
        }
        after - end
    }
}

type Style = (Color, Color, Modifier);

impl<W: Write> Wire<W> {
    pub fn new(writer: W) -> Self {
        Wire {
            inner: CrosstermBackend::new(writer),
            hidden: false,
            fixed: None,
            screen: None,
        }
    }

    /// A backend for a terminal of this size that is not the process's own (tests).
    pub fn with_size(writer: W, width: u16, height: u16) -> Self {
        Wire {
            fixed: Some(Size::new(width, height)),
            ..Wire::new(writer)
        }
    }

    fn terminal_size(&self) -> io::Result<Size> {
        match self.fixed {
            Some(size) => Ok(size),
            None => self.inner.size(),
        }
    }

    /// A terminal that is not the process's own changed size (a session's window-change): what
    /// was on its screen is no longer known.
    pub fn set_size(&mut self, width: u16, height: u16) {
        self.fixed = Some(Size::new(width, height));
        self.screen = None;
    }

    /// For a screen known to be blank (the alternate screen just entered).
    pub fn on_blank_screen(mut self) -> Self {
        self.screen = self.terminal_size().ok().map(Screen::blank);
        self
    }

    /// The cells from `from` up to `to` on one row printed again, if they are known, single
    /// width and in the current style: the cursor then lands on `to`.
    fn reprint(&self, y: u16, from: u16, to: u16, style: Style) -> Option<String> {
        let screen = self.screen.as_ref()?;
        let mut out = String::new();
        for x in from..to {
            let cell = screen.cell(x, y)?;
            let symbol = cell.symbol();
            let plain = symbol.width() == 1 && !symbol.contains('\u{FE0F}');
            if !plain || (cell.fg, cell.bg, cell.modifier) != style {
                return None;
            }
            out.push_str(symbol);
        }
        Some(out)
    }

    /// The fewest bytes that take the cursor from `from` to `to`: an absolute move, or down by
    /// line feeds and across by relative moves, or by printing again what is already there.
    fn way(
        &self,
        from: Option<(u16, u16)>,
        (x, y): (u16, u16),
        size: Size,
        style: Style,
    ) -> String {
        let absolute = match (x, y) {
            (0, 0) => "\x1b[H".to_string(),
            (0, _) => format!("\x1b[{}H", y + 1),
            _ => format!("\x1b[{};{}H", y + 1, x + 1),
        };
        let Some((cx, cy)) = from else {
            return absolute;
        };
        if y < cy || y >= size.height {
            return absolute;
        }
        // Down first: a line feed (in raw mode the column stays) or a cursor-down.
        let down = match y - cy {
            0 => String::new(),
            1 => "\n".to_string(),
            n => format!("\x1b[{n}B"),
        };
        let across = match x.cmp(&cx) {
            std::cmp::Ordering::Equal => String::new(),
            std::cmp::Ordering::Greater => {
                let n = x - cx;
                let skip = if n == 1 {
                    "\x1b[C".to_string()
                } else {
                    format!("\x1b[{n}C")
                };
                match self.reprint(y, cx, x, style).filter(|_| y == cy) {
                    Some(again) if again.len() < skip.len() => again,
                    _ => skip,
                }
            }
            std::cmp::Ordering::Less => {
                let back = format!("\x1b[{}D", cx - x);
                let from_start = match x {
                    0 => "\r".to_string(),
                    1 => "\r\x1b[C".to_string(),
                    _ => format!("\r\x1b[{x}C"),
                };
                if from_start.len() < back.len() {
                    from_start
                } else {
                    back
                }
            }
        };
        let relative = down + &across;
        if relative.len() < absolute.len() {
            relative
        } else {
            absolute
        }
    }
}

impl<W: Write> Write for Wire<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

/// Whether a blank in this cell's style looks different from a plain blank: a background, or
/// reverse video or an underline.
fn visible_on_blank(cell: &Cell) -> bool {
    cell.bg != Color::Reset
        || cell
            .modifier
            .intersects(Modifier::REVERSED | Modifier::UNDERLINED | Modifier::CROSSED_OUT)
}

/// Where the terminal's cursor will be after printing `symbol` at `x` on a screen `width` wide;
/// `None` where that is not certain: at the right edge (the cursor waits there to wrap), after
/// a zero-width symbol, or after an emoji presentation selector (U+FE0F), whose width terminals
/// disagree on.
fn advance(symbol: &str, x: u16, width: u16) -> Option<u16> {
    let cells = symbol.width() as u16;
    if cells == 0 || symbol.contains('\u{FE0F}') {
        return None;
    }
    let next = x.checked_add(cells)?;
    (next < width).then_some(next)
}

/// The SGR sequence from one style to another: the changes alone, or a reset and the new
/// style whole, whichever is shorter (`\x1b[m` back to plain text beats `\x1b[22;39m`).
fn style_change(from: Style, to: Style) -> String {
    if from == to {
        return String::new();
    }
    let mut changes = Vec::new();
    attribute_changes(from.2, to.2, &mut changes);
    if from.0 != to.0 {
        colour(to.0, false, &mut changes);
    }
    if from.1 != to.1 {
        colour(to.1, true, &mut changes);
    }
    let mut whole = vec![String::new()];
    attribute_changes(Modifier::empty(), to.2, &mut whole);
    if to.0 != Color::Reset {
        colour(to.0, false, &mut whole);
    }
    if to.1 != Color::Reset {
        colour(to.1, true, &mut whole);
    }
    let changes = format!("\x1b[{}m", changes.join(";"));
    let whole = if whole.len() == 1 {
        "\x1b[m".to_string()
    } else {
        format!("\x1b[{}m", whole.join(";"))
    };
    if whole.len() < changes.len() {
        whole
    } else {
        changes
    }
}

/// The SGR parameters that take the terminal from one set of attributes to another.
fn attribute_changes(from: Modifier, to: Modifier, params: &mut Vec<String>) {
    let removed = from - to;
    let added = to - from;
    // Bold and dim are both turned off by "normal intensity" (22); what stays is set again.
    let intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if intensity {
        params.push("22".into());
    }
    let again = |m: Modifier| {
        if intensity {
            to.contains(m)
        } else {
            added.contains(m)
        }
    };
    for (modifier, off, on) in [
        (Modifier::ITALIC, "23", "3"),
        (Modifier::UNDERLINED, "24", "4"),
        (Modifier::REVERSED, "27", "7"),
        (Modifier::HIDDEN, "28", "8"),
        (Modifier::CROSSED_OUT, "29", "9"),
    ] {
        if removed.contains(modifier) {
            params.push(off.into());
        }
        if added.contains(modifier) {
            params.push(on.into());
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        params.push("25".into());
    }
    if again(Modifier::BOLD) {
        params.push("1".into());
    }
    if again(Modifier::DIM) {
        params.push("2".into());
    }
    if added.contains(Modifier::SLOW_BLINK) {
        params.push("5".into());
    }
    if added.contains(Modifier::RAPID_BLINK) {
        params.push("6".into());
    }
}

/// The SGR parameters of a colour, foreground or background.
fn colour(color: Color, background: bool, params: &mut Vec<String>) {
    use crossterm::style::Color as C;
    let base = if background { 40 } else { 30 };
    let code = match color.into_crossterm() {
        C::Reset => base + 9,
        C::Black => base,
        C::DarkRed => base + 1,
        C::DarkGreen => base + 2,
        C::DarkYellow => base + 3,
        C::DarkBlue => base + 4,
        C::DarkMagenta => base + 5,
        C::DarkCyan => base + 6,
        C::Grey => base + 7,
        C::DarkGrey => base + 60,
        C::Red => base + 61,
        C::Green => base + 62,
        C::Yellow => base + 63,
        C::Blue => base + 64,
        C::Magenta => base + 65,
        C::Cyan => base + 66,
        C::White => base + 67,
        C::AnsiValue(n) => {
            params.push(format!("{};5;{n}", base + 8));
            return;
        }
        C::Rgb { r, g, b } => {
            params.push(format!("{};2;{r};{g};{b}", base + 8));
            return;
        }
    };
    params.push(code.to_string());
}

impl<W: Write> Backend for Wire<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let size = self
            .terminal_size()
            .unwrap_or(Size::new(u16::MAX, u16::MAX));
        if self.screen.as_ref().is_some_and(|s| s.size != size) {
            // Resized without a clear: what is on the screen is no longer known.
            self.screen = None;
        }
        let (mut fg, mut bg, mut modifier) = (Color::Reset, Color::Reset, Modifier::empty());
        // Where the terminal's cursor is; unknown at the start of a frame.
        let mut cursor: Option<(u16, u16)> = None;
        let mut styled = false;
        let mut bytes: Vec<u8> = Vec::new();
        for (x, y, cell) in content {
            if cursor != Some((x, y)) {
                let style = (fg, bg, modifier);
                let way = self.way(cursor, (x, y), size, style);
                bytes.extend_from_slice(way.as_bytes());
            }
            let sgr = style_change((fg, bg, modifier), (cell.fg, cell.bg, cell.modifier));
            if !sgr.is_empty() {
                bytes.extend_from_slice(sgr.as_bytes());
                styled = true;
            }
            (fg, bg, modifier) = (cell.fg, cell.bg, cell.modifier);
            let symbol = cell.symbol();
            bytes.extend_from_slice(symbol.as_bytes());
            // Printing over the first half of a wide character erases its second half in the
            // style now in force; ratatui counts on a plain blank there.
            let erased = self
                .screen
                .as_mut()
                .map_or(0, |screen| screen.put(x, y, cell));
            cursor = advance(symbol, x, size.width).map(|next| (next, y));
            if erased > 0 && visible_on_blank(cell) && cursor.is_some() {
                bytes.extend_from_slice(b"\x1b[m");
                bytes.extend(std::iter::repeat_n(b' ', usize::from(erased)));
                (fg, bg, modifier) = (Color::Reset, Color::Reset, Modifier::empty());
                let next = cursor.and_then(|(cx, _)| cx.checked_add(erased));
                cursor = next.filter(|&nx| nx < size.width).map(|nx| (nx, y));
            }
        }
        if styled && (fg, bg, modifier) != (Color::Reset, Color::Reset, Modifier::empty()) {
            bytes.extend_from_slice(b"\x1b[m");
        }
        self.inner.write_all(&bytes)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.hidden {
            return Ok(());
        }
        self.hidden = true;
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.hidden = false;
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.screen = self.terminal_size().ok().map(Screen::blank);
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.screen = None;
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.terminal_size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::widgets::Paragraph;

    fn frame(text: &str, width: u16) -> String {
        let mut bytes = Vec::new();
        {
            let mut backend = Wire::new(&mut bytes);
            let mut cells =
                ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, width, 2));
            ratatui::widgets::Widget::render(Paragraph::new(text), cells.area, &mut cells);
            let empty = ratatui::buffer::Buffer::empty(cells.area);
            let diff = empty.diff(&cells);
            backend.draw(diff.into_iter()).unwrap();
        }
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn chinese_text_is_written_without_a_move_per_character() {
        let written = frame("浙江省诸暨市", 40);
        assert_eq!(written, "\x1b[H浙江省诸暨市");
    }

    /// A wide character printed over the first half of another erases its second half, and the
    /// model of the screen says so: a cell printed there later must not blank the new one.
    /// (Found by the frame test: a reprinted gap showed `inte views` for `interviews`.)
    #[test]
    fn the_screen_model_follows_wide_characters_written_over_each_other() {
        let size = Size::new(8, 1);
        let mut screen = Screen::blank(size);
        let cell = |symbol: &str| {
            let mut cell = Cell::default();
            cell.set_symbol(symbol);
            cell
        };
        let symbols = |screen: &Screen| -> Vec<String> {
            (0..8)
                .map(|x| screen.cell(x, 0).unwrap().symbol().to_string())
                .collect()
        };
        screen.put(0, 0, &cell("a"));
        screen.put(1, 0, &cell("未"));
        screen.put(3, 0, &cell("载"));
        // 明 over `a` and the first half of 未; then `x` where 未's second half was.
        screen.put(0, 0, &cell("明"));
        screen.put(2, 0, &cell("x"));
        assert_eq!(symbols(&screen), ["明", "", "x", "载", "", " ", " ", " "]);
        // A narrow character on the second half of 载 erases its first half.
        screen.put(4, 0, &cell("y"));
        assert_eq!(symbols(&screen), ["明", "", "x", " ", "y", " ", " ", " "]);
    }

    #[test]
    fn a_gap_is_crossed_by_a_relative_move() {
        let written = frame("浙江 x", 40);
        // The space is a changed cell too (from the empty buffer's space? no: equal, skipped).
        assert_eq!(written, "\x1b[H浙江\x1b[Cx");
    }

    #[test]
    fn an_emoji_selector_or_the_right_edge_forgets_the_cursor() {
        assert_eq!(advance("❤\u{FE0F}", 0, 40), None);
        assert_eq!(advance("浙", 38, 40), None);
        assert_eq!(advance("浙", 37, 40), Some(39));
        assert_eq!(advance("a", 0, 40), Some(1));
    }

    #[test]
    fn colours_and_attributes_change_only_what_changed() {
        let mut params = Vec::new();
        attribute_changes(
            Modifier::BOLD,
            Modifier::BOLD | Modifier::REVERSED,
            &mut params,
        );
        assert_eq!(params, ["7"]);
        params.clear();
        attribute_changes(Modifier::BOLD | Modifier::DIM, Modifier::DIM, &mut params);
        assert_eq!(params, ["22", "2"]);
        params.clear();
        colour(Color::Cyan, false, &mut params);
        colour(Color::Reset, true, &mut params);
        assert_eq!(params, ["36", "49"]);
        let plain = (Color::Reset, Color::Reset, Modifier::empty());
        let dim = (Color::DarkGray, Color::Reset, Modifier::DIM);
        assert_eq!(style_change(dim, plain), "\x1b[m");
        assert_eq!(style_change(plain, dim), "\x1b[2;90m");
        assert_eq!(style_change(plain, plain), "");
        let _ = Terminal::new(Wire::new(Vec::new())).unwrap();
    }
}
