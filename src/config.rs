//! The user's settings file: `$XDG_CONFIG_HOME/casebook/config.toml` (else
//! `~/.config/casebook/config.toml`), or `--config FILE`.
//!
//! It holds what would otherwise be typed every time: the language, ASCII borders, the mouse,
//! copying through the terminal, the library directory and `--only`, the colour of each role of
//! the theme, and keys for the browser's actions. A flag or an environment variable given when
//! casebook starts wins over it; the file wins over the defaults. It is checked like a case file:
//! every problem is reported as `FILE:LINE:COL: message`, with "did you mean" for a misspelt
//! name, and none is ignored.

use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::library::diag::{Diagnostic, Msg, Report, Sink, line_col};
use crate::msg::Lang;
use crate::tui::keymap::{self, Key, Keymap};
use crate::tui::theme::{COLOURS, DEFAULT_PALETTE, Palette, ROLES};

mod default_file;
pub use default_file::{config_key_name, default_file};

/// Where a setting's value was written: `(line, column)` in the config file.
pub type At = (usize, usize);

/// The settings a config file gives; `None` where it says nothing.
#[derive(Debug, Default)]
pub struct Config {
    /// The file read, if any.
    pub file: Option<PathBuf>,
    pub lang: Option<(Lang, At)>,
    pub ascii: Option<(bool, At)>,
    pub mouse: Option<(bool, At)>,
    pub osc52: Option<(bool, At)>,
    /// Resolved against the config file's directory when relative.
    pub cases: Option<(PathBuf, At)>,
    pub only: Option<(bool, At)>,
    /// Colours by role name, in file order.
    pub colours: Vec<(String, ratatui::style::Color, At)>,
    /// Keys by action name, in file order.
    pub keys: Vec<(String, Vec<Key>, At)>,
}

/// The settings a file may hold at its top level, and the tables.
const SETTINGS: [&str; 8] = [
    "lang", "ascii", "mouse", "osc52", "cases", "only", "colours", "keys",
];

/// Where the config file is looked for when `--config` is not given.
pub fn default_path() -> Option<PathBuf> {
    Some(crate::dirs::casebook(crate::dirs::Kind::Config)?.join("config.toml"))
}

/// Reads the config file: `explicit` (which must exist), else the default path (which may not).
pub fn load(explicit: Option<&Path>) -> Result<Config, Report> {
    let (path, required) = match explicit {
        Some(path) => (path.to_path_buf(), true),
        None => match default_path() {
            Some(path) => (path, false),
            None => return Ok(Config::default()),
        },
    };
    let name = path.display().to_string();
    // A settings file is a few hundred bytes: anything past the case files' limit is a mistake.
    let limit = crate::library::files::MAX_FILE_BYTES;
    let read = std::fs::File::open(&path).and_then(|file| {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(file, limit + 1), &mut bytes)?;
        Ok(bytes)
    });
    let bytes = match read {
        Ok(bytes) if bytes.len() as u64 > limit => {
            let message = Msg::new(
                format!("the config file is over {limit} bytes"),
                format!("配置文件超过 {limit} 字节"),
            );
            return Err(Report {
                problems: vec![Diagnostic::new(&name, (1, 1), message)],
            });
        }
        Ok(bytes) => bytes,
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Config::default());
        }
        Err(e) => {
            let message = Msg::new(
                format!("cannot read the config file: {e}"),
                format!("无法读取配置文件：{e}"),
            );
            return Err(Report {
                problems: vec![Diagnostic::new(&name, (1, 1), message)],
            });
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let at = line_col(std::str::from_utf8(valid).unwrap_or(""), valid.len());
            let message = Msg::new(
                "the config file is not valid UTF-8",
                "配置文件不是有效的 UTF-8",
            );
            return Err(Report {
                problems: vec![Diagnostic::new(&name, at, message)],
            });
        }
    };
    let mut config = parse(&name, &text)?;
    if let Some((cases, at)) = config.cases.take() {
        let dir = path.parent().unwrap_or(Path::new("."));
        config.cases = Some((dir.join(cases), at));
    }
    config.file = Some(path);
    Ok(config)
}

/// Parses a config file's text, reporting every problem.
pub fn parse(name: &str, text: &str) -> Result<Config, Report> {
    let mut sink = Sink::new(name, text);
    let Some(table) = crate::library::parse::document(&mut sink, text) else {
        return Err(Report {
            problems: sink.problems,
        });
    };
    let mut config = Config::default();
    let at = |span: std::ops::Range<usize>| line_col(text, span.start);
    for (key, value) in table.get_ref().iter() {
        let name = key.get_ref().as_ref();
        let where_ = at(value.span());
        match name {
            "lang" => {
                config.lang = string(&mut sink, name, value).and_then(|text| {
                    let lang = match text {
                        "zh" => Lang::Zh,
                        "en" => Lang::En,
                        other => {
                            sink.at(
                                value.span(),
                                Msg::new(
                                    format!("`lang` is \"zh\" or \"en\", not \"{other}\""),
                                    format!("`lang` 应为 \"zh\" 或 \"en\"，不是 \"{other}\""),
                                ),
                            );
                            return None;
                        }
                    };
                    Some((lang, where_))
                })
            }
            "ascii" => config.ascii = boolean(&mut sink, name, value).map(|b| (b, where_)),
            "mouse" => config.mouse = boolean(&mut sink, name, value).map(|b| (b, where_)),
            "osc52" => config.osc52 = boolean(&mut sink, name, value).map(|b| (b, where_)),
            "only" => config.only = boolean(&mut sink, name, value).map(|b| (b, where_)),
            "cases" => {
                config.cases = string(&mut sink, name, value)
                    .filter(|dir| !dir.trim().is_empty())
                    .map(|dir| (PathBuf::from(dir), where_))
            }
            "colours" => {
                if let Some(table) = subtable(&mut sink, name, value) {
                    config.colours = colours(&mut sink, text, table);
                }
            }
            "keys" => {
                if let Some(table) = subtable(&mut sink, name, value) {
                    config.keys = keys(&mut sink, text, table);
                }
            }
            _ => unknown(&mut sink, key, "setting", "设置", &SETTINGS),
        }
    }
    if config.only.is_some_and(|(only, _)| only) && config.cases.is_none() {
        let at = config.only.map_or((1, 1), |(_, at)| at);
        sink.problems.push(Diagnostic::new(
            name,
            at,
            Msg::new(
                "`only = true` needs `cases` (the library directory) in the same file",
                "`only = true` 需要同一文件中的 `cases`（案例库目录）",
            ),
        ));
    }
    if sink.problems.is_empty() {
        // The keys are checked together: two actions must not share a key on one screen.
        if let Err(problem) = keymap_of(&config) {
            sink.problems
                .push(Diagnostic::new(name, problem.0, problem.1));
        }
    }
    if sink.problems.is_empty() {
        Ok(config)
    } else {
        Err(Report {
            problems: sink.problems,
        }
        .finish())
    }
}

/// The bindings with the file's keys; where they clash, the entry that made the clash and why.
pub fn keymap_of(config: &Config) -> Result<&'static Keymap, (At, Msg)> {
    if config.keys.is_empty() {
        return Ok(keymap::built_in());
    }
    let changes: Vec<(&str, Vec<Key>)> = config
        .keys
        .iter()
        .map(|(name, keys, _)| (name.as_str(), keys.clone()))
        .collect();
    match keymap::built_in().with_keys(&changes) {
        Ok(keymap) => Ok(Box::leak(Box::new(keymap))),
        Err(clash) => {
            let (first, second) = &clash.actions;
            // The entry to blame: the later of the two in the file, else the one named.
            let at = config
                .keys
                .iter()
                .rev()
                .find(|(name, _, _)| name == first || name == second)
                .map_or((1, 1), |(_, _, at)| *at);
            let group = keymap::Group::Screen(clash.scope);
            let (screen, screen_zh) = (group.title(&crate::msg::EN), group.title(&crate::msg::ZH));
            let key = clash.key;
            if second == keymap::FIXED {
                return Err((
                    at,
                    Msg::new(
                        format!(
                            "`{first}`: every key given ({key}…) has a fixed purpose in \"{screen}\"; give it another key as well"
                        ),
                        format!(
                            "`{first}`：所给的键（{key}…）在“{screen_zh}”中都有固定用途；请再给一个别的键"
                        ),
                    ),
                ));
            }
            Err((
                at,
                Msg::new(
                    format!(
                        "`{key}` would mean both `{first}` and `{second}` in \"{screen}\"; give one of them another key"
                    ),
                    format!(
                        "`{key}` 在“{screen_zh}”中会同时表示 `{first}` 和 `{second}`；请给其中一个换键"
                    ),
                ),
            ))
        }
    }
}

/// The palette with the file's colours.
pub fn palette_of(config: &Config) -> Palette {
    let mut palette = DEFAULT_PALETTE;
    for (role, colour, _) in &config.colours {
        if let Some(slot) = palette.role_mut(role) {
            *slot = *colour;
        }
    }
    palette
}

type Value<'i> = Spanned<DeValue<'i>>;

/// What a value is, for "found …" in messages.
fn kind(value: &DeValue) -> &'static str {
    value.type_str()
}

fn wrong_type(sink: &mut Sink, name: &str, value: &Value, expected: (&str, &str)) {
    let found = kind(value.get_ref());
    sink.at(
        value.span(),
        Msg::new(
            format!("`{name}` must be {}, found {found}", expected.0),
            format!("`{name}` 应为{}，实为 {found}", expected.1),
        ),
    );
}

fn string<'v>(sink: &mut Sink, name: &str, value: &'v Value) -> Option<&'v str> {
    match value.get_ref() {
        DeValue::String(text) => {
            if let Some(bad) = crate::text::forbidden_char(text) {
                let bad = bad.escape_unicode();
                sink.at(
                    value.span(),
                    Msg::new(
                        format!("`{name}` contains the control character {bad}"),
                        format!("`{name}` 含有控制字符 {bad}"),
                    ),
                );
                return None;
            }
            Some(text.as_ref())
        }
        _ => {
            wrong_type(sink, name, value, ("a string", "字符串"));
            None
        }
    }
}

fn boolean(sink: &mut Sink, name: &str, value: &Value) -> Option<bool> {
    match value.get_ref() {
        DeValue::Boolean(b) => Some(*b),
        _ => {
            wrong_type(sink, name, value, ("true or false", " true 或 false"));
            None
        }
    }
}

fn subtable<'a, 'i>(sink: &mut Sink, name: &str, value: &'a Value<'i>) -> Option<&'a DeTable<'i>> {
    match value.get_ref() {
        DeValue::Table(table) => Some(table),
        _ => {
            wrong_type(sink, name, value, ("a table", "表"));
            None
        }
    }
}

/// Reports an unknown name, with the closest known one when it is close.
fn unknown(
    sink: &mut Sink,
    key: &Spanned<std::borrow::Cow<str>>,
    what: &str,
    what_zh: &str,
    known: &[&str],
) {
    let name = key.get_ref().as_ref();
    let shown = crate::text::sanitize_line(name);
    let nearest = known
        .iter()
        .map(|k| (strsim::levenshtein(name, k), *k))
        .min()
        .filter(|(distance, k)| *distance <= 2.max(k.len() / 3));
    let list = known.join(", ");
    let message = match nearest {
        Some((_, k)) => Msg::new(
            format!("unknown {what} `{shown}`; did you mean `{k}`?"),
            format!("未知的{what_zh} `{shown}`；是不是 `{k}`？"),
        ),
        None => Msg::new(
            format!("unknown {what} `{shown}`; known: {list}"),
            format!("未知的{what_zh} `{shown}`；可用的有：{list}"),
        ),
    };
    sink.at(key.span(), message);
}

fn colours(
    sink: &mut Sink,
    text: &str,
    table: &DeTable,
) -> Vec<(String, ratatui::style::Color, At)> {
    let roles: Vec<&str> = ROLES.to_vec();
    let names: Vec<&str> = COLOURS.iter().map(|(name, _)| *name).collect();
    let mut out = Vec::new();
    for (key, value) in table.iter() {
        let role = key.get_ref().as_ref();
        if !roles.contains(&role) {
            unknown(sink, key, "colour role", "颜色角色", &roles);
            continue;
        }
        let Some(name) = string(sink, role, value) else {
            continue;
        };
        match COLOURS.iter().find(|(n, _)| *n == name) {
            Some((_, colour)) => out.push((
                role.to_string(),
                *colour,
                line_col(text, value.span().start),
            )),
            None => {
                let spanned = Spanned::new(value.span(), std::borrow::Cow::Borrowed(name));
                unknown(sink, &spanned, "colour", "颜色", &names);
            }
        }
    }
    out
}

fn keys(sink: &mut Sink, text: &str, table: &DeTable) -> Vec<(String, Vec<Key>, At)> {
    let actions: Vec<&str> = keymap::NAMED.iter().map(|(name, _)| *name).collect();
    let mut out = Vec::new();
    for (key, value) in table.iter() {
        let action = key.get_ref().as_ref();
        if !actions.contains(&action) {
            unknown(sink, key, "action", "动作", &actions);
            continue;
        }
        let written: Vec<&Value> = match value.get_ref() {
            DeValue::String(_) => vec![value],
            DeValue::Array(items) => items.iter().collect(),
            _ => {
                wrong_type(
                    sink,
                    action,
                    value,
                    ("a key or a list of keys", "一个键或键的列表"),
                );
                continue;
            }
        };
        if written.is_empty() {
            sink.at(
                value.span(),
                Msg::new(
                    format!("`{action}` needs at least one key"),
                    format!("`{action}` 至少需要一个键"),
                ),
            );
            continue;
        }
        let mut parsed = Vec::new();
        for item in written {
            let Some(name) = string(sink, action, item) else {
                continue;
            };
            match keymap::parse_key(name) {
                Some(k) => parsed.push(k),
                None => sink.at(
                    item.span(),
                    Msg::new(
                        format!(
                            "`{}` is not a key; write a character (`j`, `?`), `Ctrl-x`, `Alt-x`, or one of Enter, Esc, Tab, Shift-Tab, Backspace, Del, Up, Down, Left, Right, Home, End, PgUp, PgDn, Space, F1–F12",
                            crate::text::sanitize_line(name)
                        ),
                        format!(
                            "`{}` 不是按键；请写一个字符（`j`、`?`）、`Ctrl-x`、`Alt-x`，或 Enter、Esc、Tab、Shift-Tab、Backspace、Del、Up、Down、Left、Right、Home、End、PgUp、PgDn、Space、F1–F12 之一",
                            crate::text::sanitize_line(name)
                        ),
                    ),
                ),
            }
        }
        out.push((
            action.to_string(),
            parsed,
            line_col(text, value.span().start),
        ));
    }
    out
}

#[cfg(test)]
mod tests;
