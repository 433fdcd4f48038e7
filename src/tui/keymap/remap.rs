//! Keys a config file gives the browser's actions by name: the names, how keys are written,
//! and the checks that keep a key to one meaning per screen.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Binding, Key, Keymap, matches};
use crate::tui::types::{Action, Scope, ScreenId};

/// The actions a config file may give keys to, by name. The search line's editing keys, the
/// answer keys of training and Ctrl-c / Ctrl-l (which work even while typing) are fixed.
pub const NAMED: &[(&str, Action)] = &[
    ("down", Action::Down),
    ("up", Action::Up),
    ("first", Action::First),
    ("last", Action::Last),
    ("page-down", Action::PageDown),
    ("page-up", Action::PageUp),
    ("next-pane", Action::NextPane),
    ("prev-pane", Action::PrevPane),
    ("open", Action::Open),
    ("back", Action::Back),
    ("search", Action::StartSearch),
    ("facets", Action::ToggleFacets),
    ("wide", Action::ToggleWide),
    ("toggle-value", Action::ToggleValue),
    ("show-empty", Action::ToggleEmptyValues),
    ("next-group", Action::NextGroup),
    ("prev-group", Action::PrevGroup),
    ("clear-filters", Action::ClearFilters),
    ("next-match", Action::NextMatch),
    ("prev-match", Action::PrevMatch),
    ("statutes", Action::Statutes),
    ("copy-citation", Action::CopyCitation),
    ("copy-sheet", Action::CopySheet),
    ("export", Action::Export),
    ("training", Action::Show(ScreenId::Training)),
    ("assess", Action::Show(ScreenId::Assess)),
    ("exam", Action::Show(ScreenId::Exam)),
    ("next-provision", Action::NextProvision),
    ("prev-provision", Action::PrevProvision),
    ("summary", Action::Summary),
    ("help", Action::Show(ScreenId::Help)),
    ("goto", Action::Show(ScreenId::Goto)),
    ("stats", Action::Show(ScreenId::Stats)),
    ("language", Action::SwitchLanguage),
    ("quit", Action::Quit),
];

/// Whether a binding's keys are the named action's to change: not those in force while typing.
fn changeable(binding: &Binding, action: &Action) -> bool {
    binding.action == *action && !binding.scopes.contains(&Scope::Search)
}

/// A key as a config file writes it: `j`, `G`, `?`, `Space`, `Ctrl-x`, `Alt-x`, `Enter`, `Esc`,
/// `Tab`, `Shift-Tab`, `Backspace`, `Del`, `Up`, `Down`, `Left`, `Right`, `Home`, `End`,
/// `PgUp`, `PgDn`, `F1`…`F12`. `None` for anything else.
pub fn parse_key(text: &str) -> Option<Key> {
    let named = |name: &str| -> Option<(KeyCode, &'static str)> {
        Some(match name {
            "Enter" => (KeyCode::Enter, "Enter"),
            "Esc" => (KeyCode::Esc, "Esc"),
            "Tab" => (KeyCode::Tab, "Tab"),
            "Shift-Tab" => (KeyCode::BackTab, "Shift-Tab"),
            "Backspace" => (KeyCode::Backspace, "Backspace"),
            "Del" => (KeyCode::Delete, "Del"),
            "Up" => (KeyCode::Up, "↑"),
            "Down" => (KeyCode::Down, "↓"),
            "Left" => (KeyCode::Left, "←"),
            "Right" => (KeyCode::Right, "→"),
            "Home" => (KeyCode::Home, "Home"),
            "End" => (KeyCode::End, "End"),
            "PgUp" => (KeyCode::PageUp, "PgUp"),
            "PgDn" => (KeyCode::PageDown, "PgDn"),
            "Space" => (KeyCode::Char(' '), "Space"),
            _ => {
                let n: u8 = name.strip_prefix('F')?.parse().ok()?;
                if !(1..=12).contains(&n) {
                    return None;
                }
                (KeyCode::F(n), leak(format!("F{n}")))
            }
        })
    };
    let printable = |c: char| !c.is_control() && !c.is_whitespace();
    if let Some((code, label)) = named(text) {
        return Some(Key {
            code,
            mods: KeyModifiers::NONE,
            label,
        });
    }
    for (prefix, mods) in [
        ("Ctrl-", KeyModifiers::CONTROL),
        ("Alt-", KeyModifiers::ALT),
    ] {
        if let Some(rest) = text.strip_prefix(prefix) {
            let mut chars = rest.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                return None;
            };
            // Terminals send Ctrl with a letter as the lowercase letter.
            let c = if mods == KeyModifiers::CONTROL {
                c.to_ascii_lowercase()
            } else {
                c
            };
            return (printable(c) && c.is_ascii()).then(|| Key {
                code: KeyCode::Char(c),
                mods,
                label: leak(format!("{prefix}{c}")),
            });
        }
    }
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if printable(c) => Some(Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::NONE,
            label: leak(c.to_string()),
        }),
        _ => None,
    }
}

/// A label made once per key a config file names, for the life of the process (help and hints
/// hold labels as `&'static str`, like the built-in ones).
fn leak(label: String) -> &'static str {
    Box::leak(label.into_boxed_str())
}

/// Two actions that would share a key on one screen, or an action left with no key there (every
/// key given has a fixed purpose on it: then the second action is [`FIXED`]): what a config
/// file must not do.
#[derive(Debug, PartialEq, Eq)]
pub struct Clash {
    pub key: &'static str,
    pub actions: (String, String),
    pub scope: Scope,
}

/// The second "action" of a [`Clash`] with keys that have a fixed purpose.
pub const FIXED: &str = "(fixed)";

impl Keymap {
    /// These bindings with the named actions' keys replaced (`changes`: action name and keys,
    /// names from [`NAMED`]); the first clash if two actions would then share a key in a scope.
    pub fn with_keys(&self, changes: &[(&str, Vec<Key>)]) -> Result<Keymap, Clash> {
        let mut bindings = self.bindings.clone();
        for (name, keys) in changes {
            let Some((_, action)) = NAMED.iter().find(|(n, _)| n == name) else {
                continue;
            };
            for i in 0..bindings.len() {
                if !changeable(&bindings[i], action) {
                    continue;
                }
                // A key a screen uses for a fixed purpose (training's Backspace deletes a digit)
                // keeps it there: the action gets the other keys on that screen.
                let scopes = bindings[i].scopes;
                let fixed = |key: &Key| {
                    let event = KeyEvent::new(key.code, key.mods);
                    bindings.iter().any(|b| {
                        !NAMED.iter().any(|(_, a)| changeable(b, a))
                            && b.scopes.iter().any(|s| scopes.contains(s))
                            && b.keys.iter().any(|k| matches(k, &event))
                    })
                };
                let kept: Vec<Key> = keys.iter().filter(|k| !fixed(k)).copied().collect();
                if kept.is_empty() {
                    return Err(Clash {
                        key: keys.first().map_or("", |k| k.label),
                        actions: (name.to_string(), FIXED.to_string()),
                        scope: scopes[0],
                    });
                }
                bindings[i].keys = Box::leak(kept.into_boxed_slice());
            }
        }
        let keymap = Keymap { bindings };
        match keymap.clash() {
            Some(clash) => Err(clash),
            None => Ok(keymap),
        }
    }

    /// The first key bound to two actions in one scope, if any.
    fn clash(&self) -> Option<Clash> {
        let name = |action: &Action| {
            NAMED
                .iter()
                .find(|(_, a)| a == action)
                .map_or_else(|| format!("{action:?}"), |(n, _)| n.to_string())
        };
        for scope in Scope::ALL {
            let mut seen: Vec<(&Key, &Action)> = Vec::new();
            for binding in self.bindings.iter().filter(|b| b.scopes.contains(&scope)) {
                for key in binding.keys {
                    let event = KeyEvent::new(key.code, key.mods);
                    if let Some((_, other)) = seen
                        .iter()
                        .find(|(k, a)| matches(k, &event) && **a != binding.action)
                    {
                        return Some(Clash {
                            key: key.label,
                            actions: (name(other), name(&binding.action)),
                            scope,
                        });
                    }
                    seen.push((key, &binding.action));
                }
            }
        }
        None
    }

    /// The keys of a named action, as help shows them (its first binding's).
    pub fn keys_of(&self, name: &str) -> Vec<&'static str> {
        let Some((_, action)) = NAMED.iter().find(|(n, _)| *n == name) else {
            return Vec::new();
        };
        self.bindings
            .iter()
            .find(|b| changeable(b, action))
            .map(|b| b.keys.iter().map(|k| k.label).collect())
            .unwrap_or_default()
    }
}
