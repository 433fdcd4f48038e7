//! One table of key bindings. It drives dispatch, the status-bar hints and the `?` help screen, so
//! a key can never be undocumented.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::msg::Catalog;

use super::app::{Action, Mode};

/// A key as bound: the code, the modifiers it needs, and how help shows it.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub label: &'static str,
}

const fn key(code: KeyCode, label: &'static str) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
        label,
    }
}

const fn ctrl(c: char, label: &'static str) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
        label,
    }
}

const fn ch(c: char, label: &'static str) -> Key {
    key(KeyCode::Char(c), label)
}

/// Help groups, in the order the help screen shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Move,
    Panes,
    Filter,
    App,
}

impl Group {
    pub const ALL: [Group; 4] = [Group::Move, Group::Panes, Group::Filter, Group::App];

    pub fn title(self, m: &Catalog) -> &'static str {
        match self {
            Group::Move => m.group_move,
            Group::Panes => m.group_panes,
            Group::Filter => m.group_filter,
            Group::App => m.group_app,
        }
    }
}

/// One binding: keys, the action, where it applies, and its description.
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub modes: &'static [Mode],
    pub group: Group,
    pub describe: fn(&Catalog) -> &'static str,
    /// Shown in the status bar.
    pub hint: bool,
}

const BROWSE: &[Mode] = &[Mode::Browse];
const SEARCH: &[Mode] = &[Mode::Search];
const BROWSE_HELP: &[Mode] = &[Mode::Browse, Mode::Help];
const ALL: &[Mode] = &[Mode::Browse, Mode::Search, Mode::Help];

/// Every binding. The first match for the current mode wins.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[ch('j', "j"), key(KeyCode::Down, "↓")],
        action: Action::Down,
        modes: BROWSE_HELP,
        group: Group::Move,
        describe: |m| m.key_down,
        hint: false,
    },
    Binding {
        keys: &[ch('k', "k"), key(KeyCode::Up, "↑")],
        action: Action::Up,
        modes: BROWSE_HELP,
        group: Group::Move,
        describe: |m| m.key_up,
        hint: false,
    },
    Binding {
        keys: &[ch('g', "g"), key(KeyCode::Home, "Home")],
        action: Action::First,
        modes: BROWSE_HELP,
        group: Group::Move,
        describe: |m| m.key_first,
        hint: false,
    },
    Binding {
        keys: &[ch('G', "G"), key(KeyCode::End, "End")],
        action: Action::Last,
        modes: BROWSE_HELP,
        group: Group::Move,
        describe: |m| m.key_last,
        hint: false,
    },
    Binding {
        keys: &[key(KeyCode::PageDown, "PgDn"), ctrl('d', "Ctrl-d")],
        action: Action::PageDown,
        modes: BROWSE_HELP,
        group: Group::Move,
        describe: |m| m.key_page_down,
        hint: false,
    },
    Binding {
        keys: &[key(KeyCode::PageUp, "PgUp"), ctrl('u', "Ctrl-u")],
        action: Action::PageUp,
        modes: BROWSE_HELP,
        group: Group::Move,
        describe: |m| m.key_page_up,
        hint: false,
    },
    Binding {
        keys: &[key(KeyCode::Tab, "Tab")],
        action: Action::NextPane,
        modes: BROWSE,
        group: Group::Panes,
        describe: |m| m.key_next_pane,
        hint: false,
    },
    Binding {
        keys: &[key(KeyCode::BackTab, "Shift-Tab")],
        action: Action::PrevPane,
        modes: BROWSE,
        group: Group::Panes,
        describe: |m| m.key_prev_pane,
        hint: false,
    },
    Binding {
        keys: &[key(KeyCode::Enter, "Enter"), ch('l', "l")],
        action: Action::Open,
        modes: BROWSE,
        group: Group::Panes,
        describe: |m| m.key_open,
        hint: true,
    },
    Binding {
        keys: &[
            key(KeyCode::Esc, "Esc"),
            key(KeyCode::Backspace, "Backspace"),
            ch('h', "h"),
        ],
        action: Action::Back,
        modes: BROWSE_HELP,
        group: Group::Panes,
        describe: |m| m.key_back,
        hint: false,
    },
    Binding {
        keys: &[ch('/', "/")],
        action: Action::StartSearch,
        modes: BROWSE,
        group: Group::Filter,
        describe: |m| m.key_search,
        hint: true,
    },
    Binding {
        keys: &[key(KeyCode::Enter, "Enter")],
        action: Action::SearchKeep,
        modes: SEARCH,
        group: Group::Filter,
        describe: |m| m.key_search_keep,
        hint: true,
    },
    Binding {
        keys: &[key(KeyCode::Esc, "Esc")],
        action: Action::SearchCancel,
        modes: SEARCH,
        group: Group::Filter,
        describe: |m| m.key_search_cancel,
        hint: true,
    },
    Binding {
        keys: &[ch('f', "f")],
        action: Action::ToggleFacets,
        modes: BROWSE,
        group: Group::Filter,
        describe: |m| m.key_facets,
        hint: true,
    },
    Binding {
        keys: &[ch(' ', "Space"), ch('x', "x")],
        action: Action::ToggleValue,
        modes: BROWSE,
        group: Group::Filter,
        describe: |m| m.key_toggle,
        hint: false,
    },
    Binding {
        keys: &[ch('c', "c")],
        action: Action::ClearFilters,
        modes: BROWSE,
        group: Group::Filter,
        describe: |m| m.key_clear,
        hint: false,
    },
    Binding {
        keys: &[ch('?', "?")],
        action: Action::Help,
        modes: BROWSE_HELP,
        group: Group::App,
        describe: |m| m.key_help,
        hint: true,
    },
    Binding {
        keys: &[ctrl('l', "Ctrl-l")],
        action: Action::Redraw,
        modes: ALL,
        group: Group::App,
        describe: |m| m.key_redraw,
        hint: false,
    },
    Binding {
        keys: &[ch('q', "q")],
        action: Action::Quit,
        modes: BROWSE_HELP,
        group: Group::App,
        describe: |m| m.key_quit,
        hint: true,
    },
    Binding {
        keys: &[ctrl('c', "Ctrl-c")],
        action: Action::Quit,
        modes: ALL,
        group: Group::App,
        describe: |m| m.key_quit,
        hint: false,
    },
    // Editing the search line (typed characters go into it).
    Binding {
        keys: &[key(KeyCode::Backspace, "Backspace")],
        action: Action::SearchBackspace,
        modes: SEARCH,
        group: Group::Filter,
        describe: |m| m.key_search_delete,
        hint: false,
    },
    Binding {
        keys: &[key(KeyCode::Delete, "Del")],
        action: Action::SearchDelete,
        modes: SEARCH,
        group: Group::Filter,
        describe: |m| m.key_search_delete,
        hint: false,
    },
    Binding {
        keys: &[key(KeyCode::Left, "←")],
        action: Action::SearchLeft,
        modes: SEARCH,
        group: Group::Filter,
        describe: |m| m.key_search_move,
        hint: false,
    },
    Binding {
        keys: &[key(KeyCode::Right, "→")],
        action: Action::SearchRight,
        modes: SEARCH,
        group: Group::Filter,
        describe: |m| m.key_search_move,
        hint: false,
    },
    Binding {
        keys: &[key(KeyCode::Home, "Home")],
        action: Action::SearchHome,
        modes: SEARCH,
        group: Group::Filter,
        describe: |m| m.key_search_move,
        hint: false,
    },
    Binding {
        keys: &[key(KeyCode::End, "End")],
        action: Action::SearchEnd,
        modes: SEARCH,
        group: Group::Filter,
        describe: |m| m.key_search_move,
        hint: false,
    },
];

fn matches(key: &Key, event: &KeyEvent) -> bool {
    if key.code != event.code {
        return false;
    }
    // Shift is part of the character for letters and symbols (`G`, `?`), so only Ctrl and Alt count.
    let wanted = key.mods & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    let got = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    wanted == got
}

/// The action for a key press in a mode, if any. Releases and repeats of other kinds are ignored
/// (Windows reports releases too).
pub fn action(mode: Mode, event: &KeyEvent) -> Option<Action> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    let bound = BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode))
        .find(|b| b.keys.iter().any(|k| matches(k, event)))
        .map(|b| b.action.clone());
    if bound.is_some() {
        return bound;
    }
    // While searching, any other character is typed into the search line.
    let plain = !event
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match event.code {
        KeyCode::Char(c) if mode == Mode::Search && plain => Some(Action::SearchInput(c)),
        _ => None,
    }
}

/// The status-bar hints for a mode: `key description` pairs.
pub fn hints(mode: Mode, m: &Catalog) -> Vec<(&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.hint && b.modes.contains(&mode))
        .map(|b| (b.keys[0].label, (b.describe)(m)))
        .collect()
}

/// Every binding of a help group: the keys joined, and the description. Bindings that share a
/// description (the search-editing keys, the two ways to quit) share a row.
pub fn help_rows(group: Group, m: &Catalog) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(Vec<&str>, &'static str)> = Vec::new();
    for binding in BINDINGS.iter().filter(|b| b.group == group) {
        let describe = (binding.describe)(m);
        let labels = binding.keys.iter().map(|k| k.label);
        match rows.iter_mut().find(|(_, d)| *d == describe) {
            Some((keys, _)) => keys.extend(labels),
            None => rows.push((labels.collect(), describe)),
        }
    }
    rows.into_iter()
        .map(|(mut keys, describe)| {
            let mut seen = std::collections::HashSet::new();
            keys.retain(|k| seen.insert(*k));
            (keys.join(" "), describe)
        })
        .collect()
}

/// How many lines the help screen has in one column, to bound its scrolling.
pub fn help_line_count(m: &Catalog) -> usize {
    Group::ALL.iter().map(|&g| help_rows(g, m).len() + 2).sum()
}
