//! Styles from the 16 ANSI colours only (truecolor is unreliable over SSH), chosen so that every
//! distinction also survives `NO_COLOR` through bold, reverse video or a marker.
//!
//! Under `NO_COLOR` no colour is set at all, rather than left to crossterm to drop: crossterm
//! writes a dropped colour as `ESC [ m`, which resets the reverse video set just before it.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

/// The colour of each role of the theme, from the 16 ANSI colours. A config file may change
/// them (`[colours]`); the attributes that carry each distinction without colour stay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub focus: Color,
    pub heading: Color,
    pub label: Color,
    pub quiet: Color,
    pub inferred: Color,
    pub chosen: Color,
    pub highlight: Color,
    pub key: Color,
    pub bar: Color,
}

pub const DEFAULT_PALETTE: Palette = Palette {
    focus: Color::Cyan,
    heading: Color::Yellow,
    label: Color::Cyan,
    quiet: Color::DarkGray,
    inferred: Color::Magenta,
    chosen: Color::Green,
    highlight: Color::Yellow,
    key: Color::Yellow,
    bar: Color::Cyan,
};

/// The roles by the names a config file uses, with what each colours.
pub const ROLES: [&str; 9] = [
    "focus",
    "heading",
    "label",
    "quiet",
    "inferred",
    "chosen",
    "highlight",
    "key",
    "bar",
];

impl Palette {
    /// The colour of a role, by its name in [`ROLES`].
    pub fn role_mut(&mut self, name: &str) -> Option<&mut Color> {
        Some(match name {
            "focus" => &mut self.focus,
            "heading" => &mut self.heading,
            "label" => &mut self.label,
            "quiet" => &mut self.quiet,
            "inferred" => &mut self.inferred,
            "chosen" => &mut self.chosen,
            "highlight" => &mut self.highlight,
            "key" => &mut self.key,
            "bar" => &mut self.bar,
            _ => return None,
        })
    }

    pub fn role(&self, name: &str) -> Option<Color> {
        let mut copy = *self;
        copy.role_mut(name).map(|c| *c)
    }
}

/// The 16 ANSI colours by the names a config file uses.
pub const COLOURS: [(&str, Color); 16] = [
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark-gray", Color::DarkGray),
    ("light-red", Color::LightRed),
    ("light-green", Color::LightGreen),
    ("light-yellow", Color::LightYellow),
    ("light-blue", Color::LightBlue),
    ("light-magenta", Color::LightMagenta),
    ("light-cyan", Color::LightCyan),
    ("white", Color::White),
];

/// A colour's name in [`COLOURS`].
pub fn colour_name(color: Color) -> &'static str {
    COLOURS
        .iter()
        .find(|(_, c)| *c == color)
        .map_or("?", |(name, _)| name)
}

/// Borders drawn with `+ - |`, for consoles without box-drawing glyphs.
const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

pub fn border(look: Look) -> border::Set<'static> {
    if look.ascii {
        ASCII_BORDER
    } else {
        border::PLAIN
    }
}

/// The selection marker, visible without colour.
pub fn marker(look: Look) -> &'static str {
    if look.ascii { "> " } else { "▶ " }
}

/// Chosen / not chosen facet values.
pub fn check(chosen: bool) -> &'static str {
    if chosen { "[x] " } else { "[ ] " }
}

pub fn selected(look: Look) -> Style {
    paint(
        look,
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
    )
}

pub fn focused_border(look: Look) -> Style {
    paint(
        look,
        Style::new()
            .fg(look.palette.focus)
            .add_modifier(Modifier::BOLD),
    )
}

pub fn title(look: Look) -> Style {
    paint(look, Style::new().add_modifier(Modifier::BOLD))
}

pub fn heading(look: Look) -> Style {
    paint(
        look,
        Style::new()
            .fg(look.palette.heading)
            .add_modifier(Modifier::BOLD),
    )
}

pub fn label(look: Look) -> Style {
    paint(look, Style::new().fg(look.palette.label))
}

/// Facts no source states, and values with no cases: visible but quiet.
pub fn quiet(look: Look) -> Style {
    paint(
        look,
        Style::new()
            .fg(look.palette.quiet)
            .add_modifier(Modifier::DIM),
    )
}

pub fn inferred(look: Look) -> Style {
    paint(
        look,
        Style::new()
            .fg(look.palette.inferred)
            .add_modifier(Modifier::ITALIC),
    )
}

pub fn chosen(look: Look) -> Style {
    paint(
        look,
        Style::new()
            .fg(look.palette.chosen)
            .add_modifier(Modifier::BOLD),
    )
}

/// Characters a search matched: underlined and bold as well as coloured, so they show without colour.
pub fn highlight(look: Look) -> Style {
    paint(
        look,
        Style::new()
            .fg(look.palette.highlight)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    )
}

pub fn key(look: Look) -> Style {
    paint(
        look,
        Style::new()
            .fg(look.palette.key)
            .add_modifier(Modifier::BOLD),
    )
}

/// Drops the colours of a style when the terminal is to show none.
fn paint(look: Look, style: Style) -> Style {
    if look.color {
        style
    } else {
        Style {
            fg: None,
            bg: None,
            ..style
        }
    }
}

/// A chart's bars: cyan, or the terminal's own colour without colours.
pub fn bar(look: Look) -> Style {
    paint(look, Style::new().fg(look.palette.bar))
}

/// A bar computed here rather than printed by the source: dimmed.
pub fn bar_computed(look: Look) -> Style {
    paint(
        look,
        Style::new()
            .fg(look.palette.bar)
            .add_modifier(Modifier::DIM),
    )
}

/// The symbols bars are drawn with: blocks, or `#` on ASCII consoles.
pub fn bar_set(look: Look) -> ratatui::symbols::bar::Set<'static> {
    if look.ascii {
        ratatui::symbols::bar::Set {
            full: "#",
            seven_eighths: "#",
            three_quarters: "#",
            five_eighths: "#",
            half: "#",
            three_eighths: "#",
            one_quarter: "#",
            one_eighth: "#",
            empty: " ",
        }
    } else {
        ratatui::symbols::bar::NINE_LEVELS
    }
}

/// How the terminal is drawn: colours and box drawing it can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Plain ASCII borders and markers, for `TERM=linux`/`vt100` consoles.
    pub ascii: bool,
    /// False under `NO_COLOR`: attributes (bold, reverse) only.
    pub color: bool,
    /// The colour of each role (a config file may change them).
    pub palette: &'static Palette,
}

impl Default for Look {
    fn default() -> Self {
        Look {
            ascii: false,
            color: true,
            palette: &DEFAULT_PALETTE,
        }
    }
}
