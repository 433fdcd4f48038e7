//! The commented config file `casebook config --default` prints: every setting at its default.

use crate::tui::keymap;
use crate::tui::theme::{DEFAULT_PALETTE, ROLES};

/// A commented config file to start from: every setting with its default, commented out.
/// Uncommented whole, it parses and changes nothing.
pub fn default_file() -> String {
    let keymap = keymap::built_in();
    let mut out = String::from(
        "# casebook's settings. Kept in $XDG_CONFIG_HOME/casebook/config.toml (else\n\
         # ~/.config/casebook/config.toml), or given with --config FILE. Every setting is optional.\n\
         # A flag or an environment variable given when casebook starts wins over this file;\n\
         # this file wins over the defaults. `casebook config` shows what is in effect.\n\n\
         # The interface language: \"zh\" or \"en\" (default: the locale; CASEBOOK_LANG, --lang).\n\
         # lang = \"zh\"\n\n\
         # ASCII borders and markers (default: on for TERM=linux, vt100 and dumb; --ascii).\n\
         # ascii = false\n\n\
         # Capture the mouse (false keeps the terminal's own selection; --no-mouse).\n\
         # mouse = true\n\n\
         # Copy with y / Y through the terminal, OSC 52 (--no-osc52).\n\
         # osc52 = true\n\n\
         # An office's library directory, relative to this file or absolute (CASEBOOK_CASES, --cases).\n\
         # cases = \"/srv/office/cases\"\n\n\
         # Show only that directory's cases (--only).\n\
         # only = false\n\n\
         # The colour of each role, one of: black, red, green, yellow, blue, magenta, cyan, gray,\n\
         # dark-gray, light-red, light-green, light-yellow, light-blue, light-magenta, light-cyan,\n\
         # white. NO_COLOR turns colours off whatever this says.\n\
         [colours]\n",
    );
    for (role, what) in ROLES {
        let colour = DEFAULT_PALETTE
            .role(role)
            .map_or("?", crate::tui::theme::colour_name);
        out.push_str(&format!("# {role} = \"{colour}\"   # {what}\n"));
    }
    out.push_str(
        "\n# Keys for the browser's actions: one key or a list. A character (`j`, `?`), Ctrl-x,\n\
         # Alt-x, Enter, Esc, Tab, Shift-Tab, Backspace, Del, Up, Down, Left, Right, Home, End,\n\
         # PgUp, PgDn, Space, F1-F12. Two actions may not share a key on one screen. Ctrl-c\n\
         # (quit) and Ctrl-l (redraw) always work, and the search line's editing keys are fixed.\n\
         [keys]\n",
    );
    for (name, _) in keymap::NAMED {
        let keys: Vec<String> = keymap
            .keys_of(name)
            .iter()
            .map(|label| format!("\"{}\"", config_key_name(label)))
            .collect();
        out.push_str(&format!("# {name} = [{}]\n", keys.join(", ")));
    }
    out
}

/// A key label as a config file writes it (help shows arrows as ↑ ↓ ← →).
pub fn config_key_name(label: &str) -> &str {
    match label {
        "↑" => "Up",
        "↓" => "Down",
        "←" => "Left",
        "→" => "Right",
        other => other,
    }
}
