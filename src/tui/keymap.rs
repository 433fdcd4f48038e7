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
    Law,
    App,
}

impl Group {
    pub const ALL: [Group; 5] = [
        Group::Move,
        Group::Panes,
        Group::Filter,
        Group::Law,
        Group::App,
    ];

    pub fn title(self, m: &Catalog) -> &'static str {
        match self {
            Group::Move => m.group_move,
            Group::Panes => m.group_panes,
            Group::Filter => m.group_filter,
            Group::Law => m.group_law,
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

const fn bind(
    keys: &'static [Key],
    action: Action,
    modes: &'static [Mode],
    group: Group,
    describe: fn(&Catalog) -> &'static str,
    hint: bool,
) -> Binding {
    Binding {
        keys,
        action,
        modes,
        group,
        describe,
        hint,
    }
}

const BROWSE: &[Mode] = &[Mode::Browse];
const SEARCH: &[Mode] = &[Mode::Search];
const STATUTE: &[Mode] = &[Mode::Statute];
const BROWSE_STATUTE: &[Mode] = &[Mode::Browse, Mode::Statute];
const BROWSE_HELP: &[Mode] = &[Mode::Browse, Mode::Help, Mode::Statute];
const ALL: &[Mode] = &[Mode::Browse, Mode::Search, Mode::Help, Mode::Statute];

/// Every binding. The first match for the current mode wins.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(&[ch('j', "j"), key(KeyCode::Down, "↓")], Action::Down, BROWSE_HELP, Group::Move, |m| m.key_down, false),
    bind(&[ch('k', "k"), key(KeyCode::Up, "↑")], Action::Up, BROWSE_HELP, Group::Move, |m| m.key_up, false),
    bind(&[ch('g', "g"), key(KeyCode::Home, "Home")], Action::First, BROWSE_HELP, Group::Move, |m| m.key_first, false),
    bind(&[ch('G', "G"), key(KeyCode::End, "End")], Action::Last, BROWSE_HELP, Group::Move, |m| m.key_last, false),
    bind(&[key(KeyCode::PageDown, "PgDn"), ctrl('d', "Ctrl-d")], Action::PageDown, BROWSE_HELP, Group::Move, |m| m.key_page_down, false),
    bind(&[key(KeyCode::PageUp, "PgUp"), ctrl('u', "Ctrl-u")], Action::PageUp, BROWSE_HELP, Group::Move, |m| m.key_page_up, false),
    bind(&[key(KeyCode::Tab, "Tab")], Action::NextPane, BROWSE, Group::Panes, |m| m.key_next_pane, false),
    bind(&[key(KeyCode::BackTab, "Shift-Tab")], Action::PrevPane, BROWSE, Group::Panes, |m| m.key_prev_pane, false),
    bind(&[key(KeyCode::Enter, "Enter"), ch('l', "l")], Action::Open, BROWSE, Group::Panes, |m| m.key_open, true),
    bind(&[key(KeyCode::Esc, "Esc"), key(KeyCode::Backspace, "Backspace")], Action::Back, STATUTE, Group::Law, |m| m.key_back, true),
    bind(&[key(KeyCode::Esc, "Esc"), key(KeyCode::Backspace, "Backspace"), ch('h', "h")], Action::Back, BROWSE_HELP, Group::Panes, |m| m.key_back, false),
    bind(&[ch('/', "/")], Action::StartSearch, BROWSE, Group::Filter, |m| m.key_search, true),
    bind(&[key(KeyCode::Enter, "Enter")], Action::SearchKeep, SEARCH, Group::Filter, |m| m.key_search_keep, true),
    bind(&[key(KeyCode::Esc, "Esc")], Action::SearchCancel, SEARCH, Group::Filter, |m| m.key_search_cancel, true),
    bind(&[ch('n', "n")], Action::NextMatch, BROWSE, Group::Filter, |m| m.key_next_match, false),
    bind(&[ch('N', "N")], Action::PrevMatch, BROWSE, Group::Filter, |m| m.key_prev_match, false),
    bind(&[ch('f', "f")], Action::ToggleFacets, BROWSE, Group::Filter, |m| m.key_facets, true),
    bind(&[ch(' ', "Space"), ch('x', "x")], Action::ToggleValue, BROWSE, Group::Filter, |m| m.key_toggle, false),
    bind(&[ch('c', "c")], Action::ClearFilters, BROWSE, Group::Filter, |m| m.key_clear, false),
    bind(&[ch('s', "s")], Action::Statutes, BROWSE, Group::Law, |m| m.key_statutes, true),
    bind(&[ch('1', "1")], Action::OpenNumbered(1), BROWSE_STATUTE, Group::Law, |m| m.key_open_numbered, false),
    bind(&[ch('2', "2")], Action::OpenNumbered(2), BROWSE_STATUTE, Group::Law, |m| m.key_open_numbered, false),
    bind(&[ch('3', "3")], Action::OpenNumbered(3), BROWSE_STATUTE, Group::Law, |m| m.key_open_numbered, false),
    bind(&[ch('4', "4")], Action::OpenNumbered(4), BROWSE_STATUTE, Group::Law, |m| m.key_open_numbered, false),
    bind(&[ch('5', "5")], Action::OpenNumbered(5), BROWSE_STATUTE, Group::Law, |m| m.key_open_numbered, false),
    bind(&[ch('6', "6")], Action::OpenNumbered(6), BROWSE_STATUTE, Group::Law, |m| m.key_open_numbered, false),
    bind(&[ch('7', "7")], Action::OpenNumbered(7), BROWSE_STATUTE, Group::Law, |m| m.key_open_numbered, false),
    bind(&[ch('8', "8")], Action::OpenNumbered(8), BROWSE_STATUTE, Group::Law, |m| m.key_open_numbered, false),
    bind(&[ch('9', "9")], Action::OpenNumbered(9), BROWSE_STATUTE, Group::Law, |m| m.key_open_numbered, false),
    bind(&[ch('n', "n"), key(KeyCode::Right, "→")], Action::NextProvision, STATUTE, Group::Law, |m| m.key_next_provision, true),
    bind(&[ch('N', "N"), key(KeyCode::Left, "←")], Action::PrevProvision, STATUTE, Group::Law, |m| m.key_prev_provision, true),
    bind(&[ch('?', "?")], Action::Help, BROWSE_HELP, Group::App, |m| m.key_help, true),
    bind(&[ctrl('l', "Ctrl-l")], Action::Redraw, ALL, Group::App, |m| m.key_redraw, false),
    bind(&[ch('q', "q")], Action::Quit, BROWSE_HELP, Group::App, |m| m.key_quit, true),
    bind(&[ctrl('c', "Ctrl-c")], Action::Quit, ALL, Group::App, |m| m.key_quit, false),
    // Editing the search line (typed characters go into it).
    bind(&[key(KeyCode::Backspace, "Backspace")], Action::SearchBackspace, SEARCH, Group::Filter, |m| m.key_search_delete, false),
    bind(&[key(KeyCode::Delete, "Del")], Action::SearchDelete, SEARCH, Group::Filter, |m| m.key_search_delete, false),
    bind(&[key(KeyCode::Left, "←")], Action::SearchLeft, SEARCH, Group::Filter, |m| m.key_search_move, false),
    bind(&[key(KeyCode::Right, "→")], Action::SearchRight, SEARCH, Group::Filter, |m| m.key_search_move, false),
    bind(&[key(KeyCode::Home, "Home")], Action::SearchHome, SEARCH, Group::Filter, |m| m.key_search_move, false),
    bind(&[key(KeyCode::End, "End")], Action::SearchEnd, SEARCH, Group::Filter, |m| m.key_search_move, false),
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
