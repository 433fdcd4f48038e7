//! The settings in effect for a run, each from the first of: a flag, an environment variable,
//! the config file, the default; and `casebook config`, which prints them with where each came
//! from (or, with `--default`, a commented file to start from).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use clap::parser::ValueSource;

use crate::config::{self, At, Config};
use crate::msg::config::ConfigCatalog;
use crate::msg::{Lang, fill};
use crate::tui::keymap::Keymap;
use crate::tui::theme::{self, Palette, ROLES};

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print a commented config file with every setting at its default, to start from.
    #[arg(long)]
    pub default: bool,
}

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Flag(&'static str),
    Env(String),
    File(PathBuf, At),
    Default,
}

impl Origin {
    fn describe(&self, c: &ConfigCatalog) -> String {
        let named = |template: &str, name: &str| fill(template, &[("name", name.to_string())]);
        match self {
            Origin::Flag(flag) => named(c.from_flag, flag),
            Origin::Env(name) => named(c.from_env, name),
            Origin::File(path, (line, col)) => format!("{}:{line}:{col}", path.display()),
            Origin::Default => c.from_default.to_string(),
        }
    }
}

/// The settings in effect, each with its origin.
pub struct Settings {
    pub lang: (Lang, Origin),
    pub ascii: (bool, Origin),
    pub mouse: (bool, Origin),
    pub osc52: (bool, Origin),
    pub cases: (Option<PathBuf>, Origin),
    pub only: (bool, Origin),
    pub palette: Palette,
    pub keymap: &'static Keymap,
    pub config: Config,
}

/// What the command line and the environment said, as far as the settings go.
pub struct Given<'a> {
    pub lang_flag: Option<Lang>,
    pub ascii_flag: bool,
    pub no_mouse_flag: bool,
    pub no_osc52_flag: bool,
    pub only_flag: bool,
    pub cases: Option<PathBuf>,
    pub cases_source: Option<ValueSource>,
    pub env: &'a dyn Fn(&str) -> Option<String>,
}

/// Resolves every setting: flag > environment > config file > default.
pub fn resolve(given: &Given, config: Config) -> Settings {
    let from_file = |at: At| Origin::File(config.file.clone().unwrap_or_default(), at);
    let env = given.env;
    let lang = if let Some(lang) = given.lang_flag {
        (lang, Origin::Flag("--lang"))
    } else if let Some(lang) = env("CASEBOOK_LANG").and_then(|v| Lang::lenient(&v)) {
        (lang, Origin::Env("CASEBOOK_LANG".into()))
    } else if let Some((lang, at)) = config.lang {
        (lang, from_file(at))
    } else {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find(|name| env(name).is_some_and(|v| !v.is_empty()));
        let lang = Lang::choose(None, env);
        match locale {
            Some(name) => (lang, Origin::Env(name.to_string())),
            None => (lang, Origin::Default),
        }
    };
    let term = env("TERM");
    let ascii = if given.ascii_flag {
        (true, Origin::Flag("--ascii"))
    } else if crate::tui::ascii_terminal(term.as_deref()) {
        (
            true,
            Origin::Env(format!("TERM={}", term.unwrap_or_default())),
        )
    } else if let Some((ascii, at)) = config.ascii {
        (ascii, from_file(at))
    } else {
        (false, Origin::Default)
    };
    let switch = |flag: bool, name: &'static str, file: Option<(bool, At)>| {
        if flag {
            (false, Origin::Flag(name))
        } else if let Some((value, at)) = file {
            (value, from_file(at))
        } else {
            (true, Origin::Default)
        }
    };
    let mouse = switch(given.no_mouse_flag, "--no-mouse", config.mouse);
    let osc52 = switch(given.no_osc52_flag, "--no-osc52", config.osc52);
    let cases = match (&given.cases, &given.cases_source) {
        (Some(dir), Some(ValueSource::EnvVariable)) => {
            (Some(dir.clone()), Origin::Env("CASEBOOK_CASES".into()))
        }
        (Some(dir), _) => (Some(dir.clone()), Origin::Flag("--cases")),
        (None, _) => match &config.cases {
            Some((dir, at)) => (Some(dir.clone()), from_file(*at)),
            None => (None, Origin::Default),
        },
    };
    let only = if given.only_flag {
        (true, Origin::Flag("--only"))
    } else if let Some((only, at)) = config.only {
        (only, from_file(at))
    } else {
        (false, Origin::Default)
    };
    let palette = config::palette_of(&config);
    // Checked when the file was read: a clash there is a problem of the file's.
    let keymap = config::keymap_of(&config).unwrap_or_default();
    Settings {
        lang,
        ascii,
        mouse,
        osc52,
        cases,
        only,
        palette,
        keymap,
        config,
    }
}

/// `casebook config`: the settings in effect as a config file would write them, each with where
/// it came from; or the commented default file.
pub fn run(settings: &Settings, args: &ConfigArgs) -> ExitCode {
    let c = super::m().config;
    if args.default {
        print!("{}", config::default_file(c));
        return ExitCode::SUCCESS;
    }
    print!("{}", effective(settings, c));
    ExitCode::SUCCESS
}

/// The settings in effect, as TOML with a comment naming each one's origin (in `c`'s language).
pub fn effective(settings: &Settings, c: &ConfigCatalog) -> String {
    let mut out = String::new();
    let file = match &settings.config.file {
        Some(path) => path.display().to_string(),
        None => match config::default_path() {
            Some(path) => fill(c.no_file_at, &[("path", path.display().to_string())]),
            None => c.no_file.to_string(),
        },
    };
    out.push_str(&format!(
        "# {}\n",
        fill(c.effective_title, &[("file", file)])
    ));
    let line = |out: &mut String, setting: String, origin: &Origin| {
        let setting = crate::text::pad(&setting, 40);
        out.push_str(&format!("{setting} # {}\n", origin.describe(c)));
    };
    let lang = match settings.lang.0 {
        Lang::Zh => "zh",
        Lang::En => "en",
    };
    line(&mut out, format!("lang = \"{lang}\""), &settings.lang.1);
    line(
        &mut out,
        format!("ascii = {}", settings.ascii.0),
        &settings.ascii.1,
    );
    line(
        &mut out,
        format!("mouse = {}", settings.mouse.0),
        &settings.mouse.1,
    );
    line(
        &mut out,
        format!("osc52 = {}", settings.osc52.0),
        &settings.osc52.1,
    );
    match &settings.cases.0 {
        Some(dir) => {
            let dir = crate::text::sanitize_line(&dir.display().to_string());
            line(&mut out, format!("cases = {dir:?}"), &settings.cases.1)
        }
        None => line(&mut out, format!("# {}", c.cases_none), &settings.cases.1),
    }
    line(
        &mut out,
        format!("only = {}", settings.only.0),
        &settings.only.1,
    );
    out.push_str("\n[colours]\n");
    for role in ROLES {
        let colour = settings.palette.role(role).map_or("?", theme::colour_name);
        let written = settings.config.colours.iter().map(|(r, _, at)| (r, at));
        let origin = written_at(settings, written, role);
        line(&mut out, format!("{role} = \"{colour}\""), &origin);
    }
    out.push_str("\n[keys]\n");
    for (name, _) in crate::tui::keymap::NAMED {
        let keys: Vec<String> = settings
            .keymap
            .keys_of(name)
            .iter()
            .map(|label| format!("\"{}\"", config::config_key_name(label)))
            .collect();
        let written = settings.config.keys.iter().map(|(n, _, at)| (n, at));
        let origin = written_at(settings, written, name);
        line(&mut out, format!("{name} = [{}]", keys.join(", ")), &origin);
    }
    out
}

/// Where the file gave `name` its value (its last entry for it wins), else the default.
fn written_at<'a>(
    settings: &Settings,
    entries: impl DoubleEndedIterator<Item = (&'a String, &'a At)>,
    name: &str,
) -> Origin {
    let file = || settings.config.file.clone().unwrap_or_default();
    entries
        .rev()
        .find(|(n, _)| *n == name)
        .map_or(Origin::Default, |(_, at)| Origin::File(file(), *at))
}
