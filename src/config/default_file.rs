//! The commented config file `casebook config --default` prints: every setting at its default.

use crate::msg::config::ConfigCatalog;
use crate::tui::keymap;
use crate::tui::theme::DEFAULT_PALETTE;

/// A commented config file to start from, its comments in `c`'s language: every setting with
/// its default, commented out. Uncommented whole, it parses and changes nothing.
pub fn default_file(c: &ConfigCatalog) -> String {
    let keymap = keymap::built_in();
    let comment = |lines: &[&str]| -> String { lines.iter().map(|l| format!("# {l}\n")).collect() };
    let mut out = comment(c.intro);
    let palette = &DEFAULT_PALETTE;
    for (setting, what) in c.settings {
        let default = match setting {
            "lang" => "\"zh\"",
            "ascii" | "only" => "false",
            "mouse" | "osc52" => "true",
            _ => "\"/srv/office/cases\"",
        };
        out.push_str(&format!("\n# {what}\n# {setting} = {default}\n"));
    }
    out.push('\n');
    out.push_str(&comment(c.colours));
    out.push_str("[colours]\n");
    for (role, what) in c.roles {
        let colour = palette
            .role(role)
            .map_or("?", crate::tui::theme::colour_name);
        out.push_str(&format!("# {role} = \"{colour}\"   # {what}\n"));
    }
    out.push('\n');
    out.push_str(&comment(c.keys));
    out.push_str("[keys]\n");
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
