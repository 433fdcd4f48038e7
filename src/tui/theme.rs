//! Styles from the 16 ANSI colours only (truecolor is unreliable over SSH), chosen so that every
//! distinction also survives `NO_COLOR` through bold, reverse video or a marker.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use super::app::Look;

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

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

pub fn focused_border() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn heading() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn label() -> Style {
    Style::new().fg(Color::Cyan)
}

/// Facts no source states, and values with no cases: visible but quiet.
pub fn quiet() -> Style {
    Style::new().fg(Color::DarkGray).add_modifier(Modifier::DIM)
}

pub fn inferred() -> Style {
    Style::new()
        .fg(Color::Magenta)
        .add_modifier(Modifier::ITALIC)
}

pub fn later_law() -> Style {
    Style::new().fg(Color::Magenta)
}

pub fn chosen() -> Style {
    Style::new().fg(Color::Green).add_modifier(Modifier::BOLD)
}

pub fn key() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}
