//! Styles from the 16 ANSI colours only (truecolor is unreliable over SSH), chosen so that every
//! distinction also survives `NO_COLOR` through bold, reverse video or a marker.
//!
//! Under `NO_COLOR` no colour is set at all, rather than left to crossterm to drop: crossterm
//! writes a dropped colour as `ESC [ m`, which resets the reverse video set just before it.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use super::types::Look;

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
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    )
}

pub fn title(look: Look) -> Style {
    paint(look, Style::new().add_modifier(Modifier::BOLD))
}

pub fn heading(look: Look) -> Style {
    paint(
        look,
        Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    )
}

pub fn label(look: Look) -> Style {
    paint(look, Style::new().fg(Color::Cyan))
}

/// Facts no source states, and values with no cases: visible but quiet.
pub fn quiet(look: Look) -> Style {
    paint(
        look,
        Style::new().fg(Color::DarkGray).add_modifier(Modifier::DIM),
    )
}

pub fn inferred(look: Look) -> Style {
    paint(
        look,
        Style::new()
            .fg(Color::Magenta)
            .add_modifier(Modifier::ITALIC),
    )
}

pub fn chosen(look: Look) -> Style {
    paint(
        look,
        Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
    )
}

/// Characters a search matched: underlined and bold as well as coloured, so they show without colour.
pub fn highlight(look: Look) -> Style {
    paint(
        look,
        Style::new()
            .fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    )
}

pub fn key(look: Look) -> Style {
    paint(
        look,
        Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
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
    paint(look, Style::new().fg(Color::Cyan))
}

/// A figure printed over its bar: reversed, so it reads on the bar with or without colours.
pub fn bar_value(look: Look) -> Style {
    paint(
        look,
        Style::new()
            .fg(Color::Cyan)
            .add_modifier(Modifier::REVERSED),
    )
}

/// A bar computed here rather than printed by the source: dimmed.
pub fn bar_computed(look: Look) -> Style {
    paint(
        look,
        Style::new().fg(Color::Cyan).add_modifier(Modifier::DIM),
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
