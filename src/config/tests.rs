use super::*;
use crate::tui::types::{Action, Scope};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The problems of a config text, rendered in English as `FILE:LINE:COL: message`.
fn problems(text: &str) -> Vec<String> {
    match parse("config.toml", text) {
        Ok(_) => Vec::new(),
        Err(report) => report.problems.iter().map(|p| p.render(false)).collect(),
    }
}

#[test]
fn every_setting_is_read_with_where_it_is_written() {
    let text = "lang = \"en\"\nascii = true\nmouse = false\nosc52 = false\ncases = \"office\"\nonly = true\n\
                [colours]\nheading = \"light-blue\"\n[keys]\nsearch = [\"F\", \"/\"]\nfacets = \"f\"\n";
    let config = parse("config.toml", text).unwrap();
    assert_eq!(config.lang, Some((Lang::En, (1, 8))));
    assert_eq!(config.ascii, Some((true, (2, 9))));
    assert_eq!(config.mouse, Some((false, (3, 9))));
    assert_eq!(config.osc52, Some((false, (4, 9))));
    assert_eq!(config.cases, Some((PathBuf::from("office"), (5, 9))));
    assert_eq!(config.only, Some((true, (6, 8))));
    assert_eq!(
        palette_of(&config).heading,
        ratatui::style::Color::LightBlue
    );
    assert_eq!(palette_of(&config).label, DEFAULT_PALETTE.label);
    let keymap = keymap_of(&config).unwrap();
    assert_eq!(keymap.keys_of("search"), ["F", "/"]);
    let f = KeyEvent::new(KeyCode::Char('F'), KeyModifiers::SHIFT);
    assert_eq!(keymap.action(Scope::Browse, &f), Some(Action::StartSearch));
    let f = KeyEvent::new(KeyCode::Char('f'), KeyModifiers::NONE);
    assert_eq!(keymap.action(Scope::Browse, &f), Some(Action::ToggleFacets));
    // The statute view's search moved too; typing in the search line did not.
    assert_eq!(
        keymap.action(
            Scope::Statute,
            &KeyEvent::new(KeyCode::Char('F'), KeyModifiers::SHIFT)
        ),
        Some(Action::StartSearch)
    );
    assert_eq!(
        keymap.action(Scope::Search, &f),
        Some(Action::SearchInput('f'))
    );
}

#[test]
fn every_problem_is_reported_with_its_position() {
    let cases: [(&str, &str); 12] = [
        (
            "lang = \"fr\"\n",
            "config.toml:1:8: `lang` is \"zh\" or \"en\", not \"fr\"",
        ),
        (
            "langg = \"en\"\n",
            "config.toml:1:1: unknown setting `langg`; did you mean `lang`?",
        ),
        (
            "ascii = \"yes\"\n",
            "config.toml:1:9: `ascii` must be true or false, found string",
        ),
        (
            "mouse = 1\n",
            "config.toml:1:9: `mouse` must be true or false, found integer",
        ),
        (
            "cases = 3\n",
            "config.toml:1:9: `cases` must be a string, found integer",
        ),
        (
            "colours = \"red\"\n",
            "config.toml:1:11: `colours` must be a table, found string",
        ),
        (
            "[colours]\nheading = \"purple\"\n",
            "config.toml:2:11: unknown colour `purple`; known: black, red, green, yellow, blue, magenta, cyan, gray, dark-gray, light-red, light-green, light-yellow, light-blue, light-magenta, light-cyan, white",
        ),
        (
            "[colours]\nheading = \"yelow\"\n",
            "config.toml:2:11: unknown colour `yelow`; did you mean `yellow`?",
        ),
        (
            "[colours]\nlabl = \"red\"\n",
            "config.toml:2:1: unknown colour role `labl`; did you mean `label`?",
        ),
        (
            "[keys]\nexpor = \"x\"\n",
            "config.toml:2:1: unknown action `expor`; did you mean `export`?",
        ),
        (
            "[keys]\ndown = []\n",
            "config.toml:2:8: `down` needs at least one key",
        ),
        (
            "only = true\n",
            "config.toml:1:8: `only = true` needs `cases` (the library directory) in the same file",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(problems(text), [expected], "{text}");
    }
    let bad_key = problems("[keys]\ndown = [\"j\", \"Ctrl-Enter\"]\n");
    assert_eq!(bad_key.len(), 1);
    assert!(
        bad_key[0].starts_with("config.toml:2:14: `Ctrl-Enter` is not a key"),
        "{bad_key:?}"
    );
    let syntax = problems("lang = \n");
    assert!(syntax[0].starts_with("config.toml:1:"), "{syntax:?}");
    assert!(syntax[0].contains("TOML syntax"), "{syntax:?}");
    // Every problem at once, in file order.
    assert_eq!(problems("langg = 1\nascii = 2\n").len(), 2);
    // Control characters are named, never printed.
    let control = problems("lang = \"e\\u001b[2Jn\"\n");
    assert!(control[0].contains("control character"), "{control:?}");
}

#[test]
fn two_actions_may_not_share_a_key_on_one_screen() {
    // `f` is the facet pane's key in the browser.
    assert_eq!(
        problems("[keys]\nsearch = \"f\"\n"),
        [
            "config.toml:2:10: `f` would mean both `search` and `facets` in \"Browsing\"; give one of them another key"
        ]
    );
    // The same key on different screens is fine: `n` is a statute view key, `x` a browser one.
    assert!(problems("[keys]\nnext-provision = \"x\"\n").is_empty());
    // Moving both apart is fine too.
    assert!(problems("[keys]\nsearch = \"f\"\nfacets = \"F\"\n").is_empty());
    // Keys with a fixed purpose on a screen keep it there; an action left with none is refused.
    assert!(problems("[keys]\nback = [\"Esc\", \"Backspace\"]\n").is_empty());
    assert_eq!(
        problems("[keys]\ndown = \"1\"\n"),
        [
            "config.toml:2:8: `down`: every key given (1…) has a fixed purpose in \"Browsing\"; give it another key as well"
        ]
    );
    // Two remapped actions clashing: the later entry is blamed.
    assert_eq!(
        problems("[keys]\nexport = \"E\"\nwide = \"E\"\n"),
        [
            "config.toml:3:8: `E` would mean both `wide` and `export` in \"Browsing\"; give one of them another key"
        ]
    );
}

#[test]
fn keys_are_written_as_help_shows_them() {
    for (text, code, mods) in [
        ("j", KeyCode::Char('j'), KeyModifiers::NONE),
        ("?", KeyCode::Char('?'), KeyModifiers::NONE),
        ("Space", KeyCode::Char(' '), KeyModifiers::NONE),
        ("Ctrl-x", KeyCode::Char('x'), KeyModifiers::CONTROL),
        ("Ctrl-X", KeyCode::Char('x'), KeyModifiers::CONTROL),
        ("Alt-j", KeyCode::Char('j'), KeyModifiers::ALT),
        ("Shift-Tab", KeyCode::BackTab, KeyModifiers::NONE),
        ("PgDn", KeyCode::PageDown, KeyModifiers::NONE),
        ("F12", KeyCode::F(12), KeyModifiers::NONE),
    ] {
        let key = keymap::parse_key(text).unwrap();
        assert_eq!((key.code, key.mods), (code, mods), "{text}");
    }
    for bad in ["", "jj", "F13", "Ctrl-", "Ctrl-Enter", "Hyper-x", "\u{1b}"] {
        assert!(keymap::parse_key(bad).is_none(), "{bad:?}");
    }
}

/// The commented default file, uncommented whole, parses and gives every action the keys shown.
#[test]
fn the_default_file_uncommented_gives_the_defaults() {
    for c in [&crate::msg::config::ZH, &crate::msg::config::EN] {
        the_default_file_in(c);
    }
    // Chinese comments for the Chinese interface, English for the English.
    assert!(default_file(&crate::msg::config::ZH).contains("# 界面语言："));
    assert!(default_file(&crate::msg::config::EN).contains("# The interface language:"));
    assert!(
        !default_file(&crate::msg::config::EN)
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    );
}

fn the_default_file_in(c: &crate::msg::config::ConfigCatalog) {
    let text = default_file(c);
    assert!(parse("default.toml", &text).is_ok());
    let uncommented: String = text
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest)
                if rest.contains(" = ")
                    && !rest.starts_with("cases")
                    && !rest.starts_with("only") =>
            {
                rest
            }
            _ => line,
        })
        .map(|line| format!("{line}\n"))
        .collect();
    let config = parse("default.toml", &uncommented).unwrap();
    assert_eq!(config.colours.len(), ROLES.len());
    assert_eq!(config.keys.len(), keymap::NAMED.len());
    assert!(config.lang.is_some() && config.mouse.is_some());
    assert_eq!(palette_of(&config), DEFAULT_PALETTE);
    let keymap = keymap_of(&config).unwrap();
    for (name, _) in keymap::NAMED {
        assert_eq!(
            keymap.keys_of(name),
            keymap::built_in().keys_of(name),
            "{name}"
        );
    }
}

#[test]
fn a_missing_default_file_is_no_config_but_a_missing_named_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.toml");
    let report = load(Some(&missing)).unwrap_err();
    assert!(
        report.problems[0]
            .render(false)
            .contains("cannot read the config file")
    );
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "cases = \"office\"\n").unwrap();
    let config = load(Some(&file)).unwrap();
    assert_eq!(
        config.cases.unwrap().0,
        dir.path().join("office"),
        "relative to the file"
    );
    std::fs::write(&file, vec![b'#'; 2 << 20]).unwrap();
    let report = load(Some(&file)).unwrap_err();
    assert!(
        report.problems[0]
            .render(false)
            .contains("over 1048576 bytes")
    );
    std::fs::write(&file, b"lang = \"\xff\"\n").unwrap();
    let report = load(Some(&file)).unwrap_err();
    assert!(
        report.problems[0]
            .render(false)
            .contains(":1:9: the config file is not valid UTF-8"),
        "{:?}",
        report.problems
    );
}
