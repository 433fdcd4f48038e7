//! What every screen reads while it updates or draws. Apart from `types`, which the keymap and
//! the theme import, so that `types` imports none of its users.

use crate::library::Library;
use crate::msg::Catalog;

use super::keymap::Keymap;
use super::theme::Look;
use super::types::Scope;

/// What every screen may read while it updates or draws: the library, the interface strings,
/// the look, the terminal's size, and which keys are in force (a screen under a popup draws
/// itself unfocused, with the popup's hints).
#[derive(Clone, Copy)]
pub struct Context<'l> {
    pub library: &'l Library,
    pub m: &'static Catalog,
    pub look: Look,
    pub width: u16,
    pub height: u16,
    pub keys: Scope,
    /// The bindings in force (the built-in ones, or as a config file changed them).
    pub keymap: &'static Keymap,
}
