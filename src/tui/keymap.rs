//! One table of key bindings. It drives dispatch, the status-bar hints and the `?` help screen, so
//! a key can never be undocumented.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::msg::Catalog;

use super::types::{Action, Scope, ScreenId};

mod remap;
pub use remap::{Clash, FIXED, NAMED, parse_key};

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

/// A help group: one screen's own keys, or the keys every screen shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Screen(Scope),
    /// Keys that mean the same on every screen.
    Everywhere,
}

impl Group {
    /// The groups in the order the help screen shows them.
    pub const ALL: [Group; 8] = [
        Group::Screen(Scope::Browse),
        Group::Screen(Scope::Search),
        Group::Screen(Scope::Statute),
        Group::Screen(Scope::Training),
        Group::Screen(Scope::Stats),
        Group::Screen(Scope::Assess),
        Group::Screen(Scope::Help),
        Group::Everywhere,
    ];

    pub fn title(self, m: &Catalog) -> &'static str {
        match self {
            Group::Screen(Scope::Browse) => m.group_browse,
            Group::Screen(Scope::Search) => m.group_search,
            Group::Screen(Scope::Statute) => m.group_statute,
            Group::Screen(Scope::Help) => m.group_help,
            Group::Screen(Scope::Training) => m.group_training,
            Group::Screen(Scope::Stats) => m.group_stats,
            Group::Screen(Scope::Assess) => m.group_assess,
            Group::Everywhere => m.group_everywhere,
        }
    }
}

/// One binding: keys, the action, the scopes it belongs to, and its description.
#[derive(Clone)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// One screen (or the search line), or every screen ([`SCREENS`], [`ALWAYS`]).
    pub scopes: &'static [Scope],
    pub describe: fn(&Catalog) -> &'static str,
    /// Shown in the status bar.
    pub hint: bool,
}

impl Binding {
    /// The help group: a binding of one scope is that screen's; a shared one is everywhere's.
    pub fn group(&self) -> Group {
        match self.scopes {
            [scope] => Group::Screen(*scope),
            _ => Group::Everywhere,
        }
    }
}

const fn bind(
    keys: &'static [Key],
    action: Action,
    scopes: &'static [Scope],
    describe: fn(&Catalog) -> &'static str,
    hint: bool,
) -> Binding {
    Binding {
        keys,
        action,
        scopes,
        describe,
        hint,
    }
}

const BROWSE: &[Scope] = &[Scope::Browse];
const SEARCH: &[Scope] = &[Scope::Search];
const STATUTE: &[Scope] = &[Scope::Statute];
const HELP: &[Scope] = &[Scope::Help];
const TRAINING: &[Scope] = &[Scope::Training];
const STATS: &[Scope] = &[Scope::Stats];
const ASSESS: &[Scope] = &[Scope::Assess];
/// Every screen, but not while typing in the search line (where letters are text).
pub const SCREENS: &[Scope] = &[
    Scope::Browse,
    Scope::Statute,
    Scope::Help,
    Scope::Training,
    Scope::Stats,
    Scope::Assess,
];
/// Everywhere, typing included.
pub const ALWAYS: &[Scope] = &[
    Scope::Browse,
    Scope::Search,
    Scope::Statute,
    Scope::Help,
    Scope::Training,
    Scope::Stats,
    Scope::Assess,
];

/// Every binding, one screen after another, then the shared ones. A key means one thing in a
/// scope (a test checks it), so the order matters only for the status-bar hints.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // The browse screen: facets, list, detail.
    bind(&[key(KeyCode::Tab, "Tab")], Action::NextPane, BROWSE, |m| m.key_next_pane, false),
    bind(&[key(KeyCode::BackTab, "Shift-Tab")], Action::PrevPane, BROWSE, |m| m.key_prev_pane, false),
    bind(&[key(KeyCode::Enter, "Enter"), ch('l', "l")], Action::Open, BROWSE, |m| m.key_open, true),
    bind(&[key(KeyCode::Esc, "Esc"), key(KeyCode::Backspace, "Backspace"), ch('h', "h")], Action::Back, BROWSE, |m| m.key_back_search, false),
    bind(&[ch('/', "/")], Action::StartSearch, BROWSE, |m| m.key_search, true),
    bind(&[ch('n', "n")], Action::NextMatch, BROWSE, |m| m.key_next_match, false),
    bind(&[ch('N', "N")], Action::PrevMatch, BROWSE, |m| m.key_prev_match, false),
    bind(&[ch('f', "f")], Action::ToggleFacets, BROWSE, |m| m.key_facets, true),
    bind(&[ch('w', "w")], Action::ToggleWide, BROWSE, |m| m.key_wide, false),
    bind(&[ch(' ', "Space"), ch('x', "x")], Action::ToggleValue, BROWSE, |m| m.key_toggle, false),
    bind(&[ch(']', "]")], Action::NextGroup, BROWSE, |m| m.key_next_group, false),
    bind(&[ch('[', "[")], Action::PrevGroup, BROWSE, |m| m.key_prev_group, false),
    bind(&[ch('z', "z")], Action::ToggleEmptyValues, BROWSE, |m| m.key_show_empty, false),
    bind(&[ch('c', "c")], Action::ClearFilters, BROWSE, |m| m.key_clear, false),
    bind(&[ch('s', "s")], Action::Statutes, BROWSE, |m| m.key_statutes, true),
    bind(&[ch('y', "y")], Action::CopyCitation, BROWSE, |m| m.key_copy_citation, false),
    bind(&[ch('Y', "Y")], Action::CopySheet, BROWSE, |m| m.key_copy_sheet, false),
    bind(&[ch('e', "e")], Action::Export, BROWSE, |m| m.key_export, false),
    bind(&[ch('t', "t")], Action::Show(ScreenId::Training), BROWSE, |m| m.key_training, true),
    bind(&[ch('a', "a")], Action::Show(ScreenId::Assess), BROWSE, |m| m.key_assess, false),
    bind(&[ch('T', "T")], Action::Show(ScreenId::Exam), BROWSE, |m| m.key_exam, false),
    bind(&[ch('1', "1")], Action::OpenNumbered(1), BROWSE, |m| m.key_open_number, false),
    bind(&[ch('2', "2")], Action::OpenNumbered(2), BROWSE, |m| m.key_open_number, false),
    bind(&[ch('3', "3")], Action::OpenNumbered(3), BROWSE, |m| m.key_open_number, false),
    bind(&[ch('4', "4")], Action::OpenNumbered(4), BROWSE, |m| m.key_open_number, false),
    bind(&[ch('5', "5")], Action::OpenNumbered(5), BROWSE, |m| m.key_open_number, false),
    bind(&[ch('6', "6")], Action::OpenNumbered(6), BROWSE, |m| m.key_open_number, false),
    bind(&[ch('7', "7")], Action::OpenNumbered(7), BROWSE, |m| m.key_open_number, false),
    bind(&[ch('8', "8")], Action::OpenNumbered(8), BROWSE, |m| m.key_open_number, false),
    bind(&[ch('9', "9")], Action::OpenNumbered(9), BROWSE, |m| m.key_open_number, false),
    // The search box (typed characters go into it), in the browser and the statute view.
    bind(&[key(KeyCode::Enter, "Enter")], Action::SearchOpen, SEARCH, |m| m.key_search_open, true),
    bind(&[key(KeyCode::Esc, "Esc")], Action::SearchLeave, SEARCH, |m| m.key_search_leave, true),
    bind(&[key(KeyCode::Down, "↓"), ctrl('n', "Ctrl-n")], Action::Down, SEARCH, |m| m.key_result_next, false),
    bind(&[key(KeyCode::Up, "↑"), ctrl('p', "Ctrl-p")], Action::Up, SEARCH, |m| m.key_result_prev, false),
    bind(&[ctrl('w', "Ctrl-w")], Action::SearchDeleteWord, SEARCH, |m| m.key_search_word, false),
    bind(&[ctrl('u', "Ctrl-u")], Action::SearchClear, SEARCH, |m| m.key_search_clear, false),
    bind(&[key(KeyCode::Backspace, "Backspace")], Action::SearchBackspace, SEARCH, |m| m.key_search_delete, false),
    bind(&[key(KeyCode::Delete, "Del")], Action::SearchDelete, SEARCH, |m| m.key_search_delete, false),
    bind(&[key(KeyCode::Left, "←")], Action::SearchLeft, SEARCH, |m| m.key_search_move, false),
    bind(&[key(KeyCode::Right, "→")], Action::SearchRight, SEARCH, |m| m.key_search_move, false),
    bind(&[key(KeyCode::Home, "Home")], Action::SearchHome, SEARCH, |m| m.key_search_move, false),
    bind(&[key(KeyCode::End, "End")], Action::SearchEnd, SEARCH, |m| m.key_search_move, false),
    // The statute view.
    bind(&[ch('/', "/")], Action::StartSearch, STATUTE, |m| m.key_search_statutes, false),
    bind(&[ch('y', "y")], Action::CopyCitation, STATUTE, |m| m.key_copy_provision, false),
    bind(&[key(KeyCode::Esc, "Esc"), key(KeyCode::Backspace, "Backspace")], Action::Back, STATUTE, |m| m.key_back, true),
    bind(&[ch('n', "n"), key(KeyCode::Right, "→")], Action::NextProvision, STATUTE, |m| m.key_next_provision, true),
    bind(&[ch('N', "N"), key(KeyCode::Left, "←")], Action::PrevProvision, STATUTE, |m| m.key_prev_provision, true),
    bind(&[ch('1', "1")], Action::OpenNumbered(1), STATUTE, |m| m.key_open_case, false),
    bind(&[ch('2', "2")], Action::OpenNumbered(2), STATUTE, |m| m.key_open_case, false),
    bind(&[ch('3', "3")], Action::OpenNumbered(3), STATUTE, |m| m.key_open_case, false),
    bind(&[ch('4', "4")], Action::OpenNumbered(4), STATUTE, |m| m.key_open_case, false),
    bind(&[ch('5', "5")], Action::OpenNumbered(5), STATUTE, |m| m.key_open_case, false),
    bind(&[ch('6', "6")], Action::OpenNumbered(6), STATUTE, |m| m.key_open_case, false),
    bind(&[ch('7', "7")], Action::OpenNumbered(7), STATUTE, |m| m.key_open_case, false),
    bind(&[ch('8', "8")], Action::OpenNumbered(8), STATUTE, |m| m.key_open_case, false),
    bind(&[ch('9', "9")], Action::OpenNumbered(9), STATUTE, |m| m.key_open_case, false),
    bind(&[ch('t', "t")], Action::Show(ScreenId::Training), STATUTE, |m| m.key_training_all, false),
    bind(&[ch('a', "a")], Action::Show(ScreenId::Assess), STATUTE, |m| m.key_assess, false),
    bind(&[ch('T', "T")], Action::Show(ScreenId::Exam), STATUTE, |m| m.key_exam, false),
    // The training screen: digits and letters answer, Enter goes on.
    bind(&[ch('1', "1")], Action::Digit(1), TRAINING, |m| m.key_answer, false),
    bind(&[ch('2', "2")], Action::Digit(2), TRAINING, |m| m.key_answer, false),
    bind(&[ch('3', "3")], Action::Digit(3), TRAINING, |m| m.key_answer, false),
    bind(&[ch('4', "4")], Action::Digit(4), TRAINING, |m| m.key_answer, false),
    bind(&[ch('a', "a")], Action::Choose(0), TRAINING, |m| m.key_answer, false),
    bind(&[ch('b', "b")], Action::Choose(1), TRAINING, |m| m.key_answer, false),
    bind(&[ch('c', "c")], Action::Choose(2), TRAINING, |m| m.key_answer, false),
    bind(&[ch('d', "d")], Action::Choose(3), TRAINING, |m| m.key_answer, false),
    bind(&[ch('y', "y")], Action::YesNo(true), TRAINING, |m| m.key_yes, false),
    bind(&[ch('n', "n")], Action::YesNo(false), TRAINING, |m| m.key_no, false),
    bind(&[ch('0', "0")], Action::Digit(0), TRAINING, |m| m.key_digit, false),
    bind(&[ch('5', "5")], Action::Digit(5), TRAINING, |m| m.key_digit, false),
    bind(&[ch('6', "6")], Action::Digit(6), TRAINING, |m| m.key_digit, false),
    bind(&[ch('7', "7")], Action::Digit(7), TRAINING, |m| m.key_digit, false),
    bind(&[ch('8', "8")], Action::Digit(8), TRAINING, |m| m.key_digit, false),
    bind(&[ch('9', "9")], Action::Digit(9), TRAINING, |m| m.key_digit, false),
    bind(&[key(KeyCode::Backspace, "Backspace")], Action::SearchBackspace, TRAINING, |m| m.key_digit_delete, false),
    bind(&[key(KeyCode::Enter, "Enter"), ch(' ', "Space")], Action::Open, TRAINING, |m| m.key_go_on, false),
    bind(&[ch('s', "s")], Action::Summary, TRAINING, |m| m.key_summary, false),
    bind(&[key(KeyCode::Esc, "Esc")], Action::Back, TRAINING, |m| m.key_back, false),
    // The statistics screen.
    bind(&[key(KeyCode::Esc, "Esc"), key(KeyCode::Backspace, "Backspace")], Action::Back, STATS, |m| m.key_back, false),
    bind(&[ch('a', "a")], Action::Show(ScreenId::Assess), STATS, |m| m.key_assess, false),
    // The decision aid's form: typed digits and '-' go into the field in focus.
    bind(&[key(KeyCode::Tab, "Tab"), key(KeyCode::BackTab, "Shift-Tab")], Action::NextPane, ASSESS, |m| m.key_form_or_result, true),
    bind(&[key(KeyCode::Enter, "Enter")], Action::Open, ASSESS, |m| m.key_next_field, false),
    bind(&[key(KeyCode::Left, "←")], Action::PrevValue, ASSESS, |m| m.key_change_value, true),
    bind(&[key(KeyCode::Right, "→")], Action::NextValue, ASSESS, |m| m.key_change_value, false),
    bind(&[ch(' ', "Space")], Action::ToggleValue, ASSESS, |m| m.key_tick, true),
    bind(&[key(KeyCode::Backspace, "Backspace")], Action::SearchBackspace, ASSESS, |m| m.key_digit_delete, false),
    bind(&[key(KeyCode::Delete, "Del")], Action::SearchClear, ASSESS, |m| m.key_clear_field, false),
    bind(&[ch('y', "y")], Action::CopyCitation, ASSESS, |m| m.key_copy_assessment, true),
    bind(&[ch('Y', "Y")], Action::CopySheet, ASSESS, |m| m.key_copy_report, false),
    bind(&[ch('e', "e")], Action::Export, ASSESS, |m| m.key_export_assessment, false),
    bind(&[key(KeyCode::Esc, "Esc")], Action::Back, ASSESS, |m| m.key_back, true),
    // The help screen.
    bind(&[key(KeyCode::Esc, "Esc"), key(KeyCode::Backspace, "Backspace"), ch('h', "h")], Action::Back, HELP, |m| m.key_back, false),
    // Every screen.
    bind(&[ch('j', "j"), key(KeyCode::Down, "↓")], Action::Down, SCREENS, |m| m.key_down, false),
    bind(&[ch('k', "k"), key(KeyCode::Up, "↑")], Action::Up, SCREENS, |m| m.key_up, false),
    bind(&[ch('g', "g"), key(KeyCode::Home, "Home")], Action::First, SCREENS, |m| m.key_first, false),
    bind(&[ch('G', "G"), key(KeyCode::End, "End")], Action::Last, SCREENS, |m| m.key_last, false),
    bind(&[key(KeyCode::PageDown, "PgDn"), ctrl('d', "Ctrl-d")], Action::PageDown, SCREENS, |m| m.key_page_down, false),
    bind(&[key(KeyCode::PageUp, "PgUp"), ctrl('u', "Ctrl-u")], Action::PageUp, SCREENS, |m| m.key_page_up, false),
    bind(&[ch('?', "?")], Action::Show(ScreenId::Help), SCREENS, |m| m.key_help, true),
    bind(&[ch('#', "#"), ch(':', ":")], Action::Show(ScreenId::Goto), SCREENS, |m| m.key_goto, false),
    bind(&[ch('S', "S")], Action::Show(ScreenId::Stats), SCREENS, |m| m.key_stats, false),
    bind(&[ch('L', "L")], Action::SwitchLanguage, SCREENS, |m| m.key_lang, false),
    bind(&[ctrl('l', "Ctrl-l")], Action::Redraw, ALWAYS, |m| m.key_redraw, false),
    bind(&[ch('q', "q")], Action::Quit, SCREENS, |m| m.key_quit, true),
    bind(&[ctrl('c', "Ctrl-c")], Action::Quit, ALWAYS, |m| m.key_quit, false),
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

/// The bindings in force: the built-in ones ([`BINDINGS`]), with the keys a config file gave
/// some actions instead. It drives dispatch, the status-bar hints and the help screen alike.
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl std::fmt::Debug for Keymap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Keymap({} bindings)", self.bindings.len())
    }
}

impl Default for &'static Keymap {
    fn default() -> Self {
        built_in()
    }
}

/// The built-in bindings.
pub fn built_in() -> &'static Keymap {
    static BUILT_IN: std::sync::LazyLock<Keymap> = std::sync::LazyLock::new(|| Keymap {
        bindings: BINDINGS.to_vec(),
    });
    &BUILT_IN
}

impl Keymap {
    /// A hint's text with `{down}`, `{up}`, `{back}`, `{help}` replaced by the first key of that
    /// action in force, so that hints follow keys a config file moved.
    pub fn fill(&self, template: &str) -> String {
        let first = |name: &str| {
            self.keys_of(name)
                .first()
                .copied()
                .unwrap_or("?")
                .to_string()
        };
        crate::msg::fill(
            template,
            &[
                ("down", first("down")),
                ("up", first("up")),
                ("back", first("back")),
                ("help", first("help")),
            ],
        )
    }

    /// The action for a key press in a scope, if any: the scope's own bindings first, then those
    /// it shares. Releases and repeats of other kinds are ignored (Windows reports releases too).
    pub fn action(&self, scope: Scope, event: &KeyEvent) -> Option<Action> {
        if event.kind != KeyEventKind::Press {
            return None;
        }
        let in_scope = |b: &&Binding| b.scopes.contains(&scope);
        let pressed = |b: &&Binding| b.keys.iter().any(|k| matches(k, event));
        let own = self
            .bindings
            .iter()
            .filter(|b| b.group() == Group::Screen(scope));
        let shared = self
            .bindings
            .iter()
            .filter(|b| b.group() == Group::Everywhere);
        let bound = own
            .chain(shared)
            .filter(in_scope)
            .find(pressed)
            .map(|b| b.action.clone());
        if bound.is_some() {
            return bound;
        }
        // While searching (or filling the decision aid's form), any other character is typed.
        let plain = !event
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match event.code {
            // In training, an amount typed as officers write it (50万, 五十万, 500,000).
            KeyCode::Char(c)
                if matches!(scope, Scope::Search | Scope::Assess | Scope::Training) && plain =>
            {
                Some(Action::SearchInput(c))
            }
            _ => None,
        }
    }

    /// The status-bar hints for a scope: `key description` pairs.
    pub fn hints(&self, scope: Scope, m: &Catalog) -> Vec<(&'static str, &'static str)> {
        self.bindings
            .iter()
            .filter(|b| b.hint && b.scopes.contains(&scope))
            .filter_map(|b| Some((b.keys.first()?.label, (b.describe)(m))))
            .collect()
    }

    /// Every binding of a help group: the keys joined, and the description. Bindings that share
    /// a description (the search-editing keys, the two ways to quit) share a row.
    pub fn help_rows(&self, group: Group, m: &Catalog) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(Vec<&str>, &'static str)> = Vec::new();
        for binding in self.bindings.iter().filter(|b| b.group() == group) {
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
                (join_keys(&keys), describe)
            })
            .collect()
    }
}

/// The action for a key press in a scope under the built-in bindings.
pub fn action(scope: Scope, event: &KeyEvent) -> Option<Action> {
    built_in().action(scope, event)
}

/// Key labels joined by spaces, a run of three or more consecutive digits as a range (`1–9`).
fn join_keys(keys: &[&str]) -> String {
    let digit = |k: &str| match k.as_bytes() {
        [d @ b'0'..=b'9'] => Some(*d),
        _ => None,
    };
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let mut end = i;
        while let (Some(a), Some(b)) = (digit(keys[end]), keys.get(end + 1).and_then(|k| digit(k)))
        {
            if b != a + 1 {
                break;
            }
            end += 1;
        }
        if end >= i + 2 {
            parts.push(format!("{}–{}", keys[i], keys[end]));
        } else {
            end = i;
            parts.push(keys[i].to_string());
        }
        i = end + 1;
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg::ZH;
    use crossterm::event::KeyEvent;

    #[test]
    fn every_binding_is_described_and_scoped_as_help_groups_expect() {
        for binding in BINDINGS {
            assert!(!(binding.describe)(&ZH).is_empty());
            assert!(!binding.keys.is_empty());
            assert!(
                binding.scopes.len() == 1 || binding.scopes == SCREENS || binding.scopes == ALWAYS,
                "{:?}: one scope, or every screen",
                binding.action
            );
        }
        // Every binding shows in exactly one help group.
        let shown: usize = Group::ALL
            .iter()
            .map(|&g| BINDINGS.iter().filter(|b| b.group() == g).count())
            .sum();
        assert_eq!(shown, BINDINGS.len());
    }

    /// A key means one thing on a screen: no two bindings in force together share a key.
    #[test]
    fn a_key_means_one_thing_per_scope() {
        for scope in Scope::ALL {
            let mut seen: Vec<(&Key, &Action)> = Vec::new();
            for binding in BINDINGS.iter().filter(|b| b.scopes.contains(&scope)) {
                for key in binding.keys {
                    let event = KeyEvent::new(key.code, key.mods);
                    if let Some((other, action)) = seen.iter().find(|(k, _)| matches(k, &event)) {
                        panic!(
                            "{scope:?}: {} is bound to {action:?} and {:?}",
                            other.label, binding.action
                        );
                    }
                    seen.push((key, &binding.action));
                }
            }
        }
    }

    #[test]
    fn the_screen_on_top_decides_what_a_key_means() {
        let n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE);
        assert_eq!(action(Scope::Browse, &n), Some(Action::NextMatch));
        assert_eq!(action(Scope::Statute, &n), Some(Action::NextProvision));
        assert_eq!(action(Scope::Search, &n), Some(Action::SearchInput('n')));
        assert_eq!(action(Scope::Help, &n), None);
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action(Scope::Help, &q), Some(Action::Quit));
        assert_eq!(action(Scope::Search, &q), Some(Action::SearchInput('q')));
    }

    #[test]
    fn digit_runs_read_as_a_range() {
        assert_eq!(join_keys(&["1", "2", "3", "4"]), "1–4");
        assert_eq!(join_keys(&["1", "2"]), "1 2");
        assert_eq!(join_keys(&["q", "1", "2", "3", "5"]), "q 1–3 5");
        assert_eq!(join_keys(&["Esc", "Backspace"]), "Esc Backspace");
    }
}
