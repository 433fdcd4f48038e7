//! The command line: clap definitions and the non-interactive commands. Every command loads the
//! library through the same core functions the interactive app uses.
//!
//! Why one file of over 500 lines: it is the command table clap reads (one enum, one dispatch)
//! and the few helpers every command shares; each command's own code is in a file of its own.

mod assess;
mod clap_zh;
pub(crate) mod class;
mod gate;
pub(crate) mod list;
mod localized;
mod quiz;
mod serve;
mod settings;
mod shell;
mod show;
mod similar;
mod stats;
mod statute;
mod today;
mod validate;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::library::{self, Library, LoadOptions};
use crate::tui;

#[derive(Debug, Parser)]
#[command(
    name = "casebook",
    version,
    about = "Browse enforcement cases on consumers' personal information (SAMR 2019 and your own)",
    long_about = "Browse enforcement cases on consumers' personal information.\n\n\
        The library of cases, statutes and vocabularies is built into the binary. An office can \
        add its own case files with --cases DIR (or CASEBOOK_CASES=DIR); see `casebook validate`.\n\n\
        With no command, casebook opens the interactive browser."
)]
pub struct Cli {
    /// Add the case files (and vocab/statutes/collections files) of DIR to the built-in library.
    #[arg(long, global = true, value_name = "DIR", env = "CASEBOOK_CASES")]
    pub cases: Option<PathBuf>,

    /// With --cases (or `cases` in the config file): show only DIR's cases.
    #[arg(long, global = true)]
    pub only: bool,

    /// Read settings from FILE instead of $XDG_CONFIG_HOME/casebook/config.toml (else
    /// ~/.config/casebook/config.toml). A flag or an environment variable wins over the file.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Refuse to run if any file of --cases DIR has a problem (without it, such files are left
    /// out, said on stderr, and everything else loads).
    #[arg(long, global = true)]
    pub strict: bool,

    /// Open the interactive browser on this case (e.g. --case yibin-yu).
    #[arg(long, value_name = "ID")]
    pub case: Option<String>,

    /// Do not capture the mouse (keeps the terminal's own text selection; every action has a key).
    #[arg(long)]
    pub no_mouse: bool,

    /// Never write to the clipboard: y and Y copy through the terminal (OSC 52) unless this is
    /// given.
    #[arg(long)]
    pub no_osc52: bool,

    /// Draw with ASCII borders and markers (automatic for TERM=linux, vt100 and dumb).
    #[arg(long)]
    pub ascii: bool,

    /// Load --cases DIR afresh, without the cache of its parsed files (kept in
    /// $XDG_CACHE_HOME/casebook, else ~/.cache/casebook).
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// The interface language: zh or en (default: the locale, LC_ALL / LC_MESSAGES / LANG; en* is
    /// English, anything else Chinese).
    /// (Or CASEBOOK_LANG=zh|en.)
    #[arg(long, global = true, value_enum)]
    pub lang: Option<crate::msg::Lang>,

    /// Keep training progress in DIR (default: $XDG_STATE_HOME/casebook, else
    /// ~/.local/state/casebook).
    #[arg(long, global = true, value_name = "DIR", env = "CASEBOOK_STATE")]
    pub state: Option<PathBuf>,

    /// Judge "the law today" as of this day (YYYY-MM-DD) instead of the system's date: for tests,
    /// and for handouts that must read the same whenever they are printed.
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = today::parse)]
    pub today: Option<library::PartialDate>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List cases, optionally filtered (several filters combine with AND; repeat one for OR).
    List(list::ListArgs),
    /// Search the cases: every word must match (Chinese, pinyin, initials, English, ids); best
    /// matches first. Facet filters as for `list`. Exits 1 if nothing matches.
    Search(list::SearchArgs),
    /// The cases most like one (same violation, provisions, sector, data kinds, province), each
    /// with what it shares.
    Similar(similar::SimilarArgs),
    /// Show one case in full, with labels resolved and unknown facts marked "not stated".
    Show(show::ShowArgs),
    /// The decision aid for a case in hand: from the conduct, data kinds, records, gains and
    /// date to the provisions breached as the law stood that day, the penalty provision with its
    /// range, mitigation, criminal thresholds and transfer, fines in practice, the closest
    /// precedents and a text to paste. An aid that shows its working, never a finding. In the
    /// browser, `a`.
    Assess(assess::AssessArgs),
    /// Show a provision of law in full (text, penalty range, linked cases, status today and
    /// relations), or with no id every provision grouped by law with its status today.
    Statute(statute::StatuteArgs),
    /// Training: a handout of exercises with the answer key (--seed, --count, --format), the
    /// trainee's progress by step (--progress), or its reset (--reset). In the browser, `t`.
    Quiz(quiz::QuizArgs),
    /// The 2019 campaign's figures and the library's own cases as bar charts (facet filters as
    /// for `list`).
    Stats(stats::StatsArgs),
    /// Check a library directory (default: the built-in library) and report every problem as
    /// FILE:LINE:COL: message. Exits 1 if there is any problem, 0 if none.
    Validate(validate::ValidateArgs),
    /// Print a shell completion script: `casebook completions bash > ~/.local/share/bash-completion/completions/casebook`.
    /// Case ids, statute ids and filter keys complete too.
    Completions(shell::CompletionsArgs),
    /// Print the manual page (roff) of casebook or of one command: `casebook man | man -l -`.
    Man(shell::ManArgs),
    /// The instructor's view: each trainee a server keeps progress for (answered, right %, due,
    /// last answer) and the exercises answered wrongly most often (`--state DIR` as for serve).
    Class(class::ClassArgs),
    /// Print the settings in effect and where each comes from (flag, environment, config file,
    /// default); --default prints a commented config file to start from.
    Config(settings::ConfigArgs),
    /// Serve the browser and the read-only commands over SSH to an office: public keys only,
    /// from an authorized_keys file (`ssh -p 2222 casebook.office`).
    Serve(serve::ServeArgs),
    /// Behind the office's own sshd: the browser, or one of the read-only commands serve allows
    /// ($SSH_ORIGINAL_COMMAND), for the officer --person names. For authorized_keys lines such as
    /// `command="casebook gate --person alice",restrict,pty ssh-ed25519 …`.
    Gate(gate::GateArgs),
    /// The ids a completion script offers, one per line (used by the scripts).
    #[command(hide = true)]
    CompleteIds(shell::CompleteIdsArgs),
}

/// Parses the command line and runs it.
pub fn run() -> ExitCode {
    // The config file is read before the command line is parsed (`--config FILE` is looked
    // for by hand), so that its language can speak --help too.
    let args: Vec<String> = std::env::args().collect();
    let loaded = crate::config::load(config_asked(&args).as_deref());
    let config_lang = loaded
        .as_ref()
        .ok()
        .and_then(|c| c.lang.map(|(lang, _)| lang));
    let asked = language_asked(&args);
    let env = |name: &str| std::env::var(name).ok();
    let lang = crate::msg::Lang::choose(asked.or(config_lang), &env);
    let matches = match localized::localized(with_version(Cli::command()), lang).try_get_matches() {
        Ok(matches) => matches,
        Err(error) => return usage_error(error, lang),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => error.exit(),
    };
    let _ = CATALOG.set(lang.catalog());
    // A broken config file stops every command but those that help fix it or need no settings.
    let needs_no_settings = matches!(
        &cli.command,
        Some(Command::Completions(_) | Command::Man(_))
            | Some(Command::Config(settings::ConfigArgs { default: true }))
    );
    let config = match loaded {
        Ok(config) => config,
        Err(_) if needs_no_settings => crate::config::Config::default(),
        Err(report) => return refuse_config(&report),
    };
    let given = settings::Given {
        lang_flag: cli.lang,
        ascii_flag: cli.ascii,
        no_mouse_flag: cli.no_mouse,
        no_osc52_flag: cli.no_osc52,
        only_flag: cli.only,
        cases: cli.cases.clone(),
        cases_source: matches.value_source("cases"),
        env: &env,
    };
    let settings = settings::resolve(&given, config);
    let cases = settings.cases.0.clone();
    let only = settings.only.0;
    if only && cases.is_none() {
        eprintln!("casebook: {}", m().cli_only_needs_cases);
        return ExitCode::from(2);
    }
    let cache = (!cli.no_cache).then(library::cache::default_dir).flatten();
    let _ = CACHE_DIR.set(cache);
    if let Some(today) = cli.today {
        today::set(today);
    }
    // The language chosen on purpose (flag, CASEBOOK_LANG, config file), not the locale: a
    // server offers it to clients whose own CASEBOOK_LANG does not choose.
    let chosen_lang = match &settings.lang.1 {
        settings::Origin::Env(name) if name != "CASEBOOK_LANG" => None,
        settings::Origin::Default => None,
        _ => Some(settings.lang.0),
    };
    let cli = Cli {
        cases,
        only,
        lang: chosen_lang,
        ..cli
    };
    match cli.command {
        Some(Command::Validate(args)) => validate::run(&args),
        Some(Command::Completions(args)) => {
            let script = shell::script(&mut Cli::command(), args.shell);
            print_or_fail(script.as_bytes())
        }
        Some(Command::Man(args)) if args.list => {
            let commands = shell::man_commands(&Cli::command());
            print_or_fail(format!("{}\n", commands.join("\n")).as_bytes())
        }
        Some(Command::Man(args)) => {
            match shell::man_page(Cli::command(), args.command.as_deref(), m()) {
                Ok(page) => print_or_fail(&page),
                Err(why) => {
                    let commands = shell::man_commands(&Cli::command()).join(", ");
                    eprintln!("casebook: {why} (pages: {commands})");
                    ExitCode::from(2)
                }
            }
        }
        Some(Command::Config(args)) => settings::run(&settings, &args),
        Some(Command::Class(ref args)) if args.browse => {
            let Some(root) = class::root(cli.state.clone()) else {
                return ExitCode::from(1);
            };
            let (library, banner) = match load_for_use(&cli.cases, cli.only, cli.strict) {
                Ok(loaded) => loaded,
                Err(code) => return code,
            };
            let options = tui::Options {
                class: Some(root),
                ..browser_options(&settings, &cli, banner)
            };
            tui::run(&library, m(), &options)
        }
        Some(Command::Class(args)) => class::run(cli.state.clone(), &args),
        Some(Command::Serve(ref args)) => serve::run(&cli, args),
        Some(Command::Gate(ref args)) => gate::run(&cli, args),
        Some(Command::CompleteIds(args)) => with_library(&cli.cases, cli.only, false, |lib| {
            shell::complete_ids(lib, &args)
        }),
        Some(Command::List(args)) => with_library(&cli.cases, cli.only, cli.strict, |lib| {
            list::run(lib, &args)
        }),
        Some(Command::Search(args)) => with_library(&cli.cases, cli.only, cli.strict, |lib| {
            list::search(lib, &args)
        }),
        Some(Command::Similar(args)) => with_library(&cli.cases, cli.only, cli.strict, |lib| {
            similar::run(lib, &args)
        }),
        Some(Command::Show(args)) => with_library(&cli.cases, cli.only, cli.strict, |lib| {
            show::run(lib, &args)
        }),
        Some(Command::Quiz(args)) => {
            let store = state_store(&cli.state);
            with_library(&cli.cases, cli.only, cli.strict, |lib| {
                quiz::run(lib, &args, store)
            })
        }
        Some(Command::Stats(args)) => {
            let ascii = settings.ascii.0;
            with_library(&cli.cases, cli.only, cli.strict, |lib| {
                stats::run(lib, &args, ascii)
            })
        }
        Some(Command::Assess(args)) => with_library(&cli.cases, cli.only, cli.strict, |lib| {
            assess::run(lib, &args)
        }),
        Some(Command::Statute(args)) => with_library(&cli.cases, cli.only, cli.strict, |lib| {
            statute::run(lib, &args)
        }),
        None => {
            let (library, banner) = match load_for_use(&cli.cases, cli.only, cli.strict) {
                Ok(loaded) => loaded,
                Err(code) => return code,
            };
            let options = browser_options(&settings, &cli, banner);
            tui::run(&library, m(), &options)
        }
    }
}

/// The browser's options from the settings in effect.
fn browser_options(
    settings: &settings::Settings,
    cli: &Cli,
    banner: Option<String>,
) -> tui::Options {
    tui::Options {
        banner,
        case: cli.case.clone(),
        mouse: settings.mouse.0,
        osc52: settings.osc52.0,
        state: state_store(&cli.state),
        look: tui::Look {
            ascii: settings.ascii.0,
            // https://no-color.org: any non-empty value turns colour off.
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            palette: Box::leak(Box::new(settings.palette)),
        },
        keymap: settings.keymap,
        class: None,
    }
}

/// Writes `bytes` to stdout; exit 1 if they cannot be written (a closed pipe says nothing).
/// The terminal's columns when standard output is one; `None` when piped or redirected, where
/// tables keep whole cells for scripts.
pub(crate) fn terminal_columns() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    crossterm::terminal::size()
        .ok()
        .map(|(cols, _)| usize::from(cols))
        .filter(|&cols| cols > 0)
}

/// The columns a table is cut to: the terminal's, unless `--wide` asks for whole cells (piped
/// output is never cut).
pub(crate) fn fit(wide: bool) -> Option<usize> {
    if wide { None } else { terminal_columns() }
}

/// Prose under a table (a note, a footnote) wrapped to `fit` columns where given (CJK-aware, so
/// that the terminal does not break a word); piped, one line as written.
pub(crate) fn prose(text: &str, fit: Option<usize>) -> String {
    match fit {
        Some(cols) => crate::wrap::wrap(text, cols).join("\n"),
        None => text.to_string(),
    }
}

fn print_or_fail(bytes: &[u8]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("casebook: {e}");
            ExitCode::from(1)
        }
    }
}

/// The command with `--version` saying the built-in library's version too, when it is asked
/// for (the library is not loaded for anything else here).
fn with_version(command: clap::Command) -> clap::Command {
    let asked = std::env::args()
        .skip(1)
        .any(|a| a == "--version" || a == "-V");
    if !asked {
        return command;
    }
    let version = format!(
        "{} ({}; {})",
        env!("CARGO_PKG_VERSION"),
        env!("CASEBOOK_TARGET"),
        library_version()
    );
    command.version(version)
}

/// The built-in library in a few words: its cases, its provisions, its newest source.
pub fn library_version() -> String {
    match library::load(&LoadOptions::default()) {
        Ok(library) => {
            let newest = library
                .cases
                .iter()
                .flat_map(|c| c.source.iter())
                .filter_map(|s| s.date)
                .max_by_key(|d| (d.year, d.month, d.day));
            let newest = newest.map_or("not stated".to_string(), |d| d.to_string());
            format!(
                "built-in library: {} cases, {} provisions, newest source {newest}",
                library.cases.len(),
                library.statutes.len()
            )
        }
        Err(_) => "built-in library: does not load".to_string(),
    }
}

/// The value of `--flag VALUE` or `--flag=VALUE` on the command line, read before clap parses
/// it (the language and the config file are needed to build the parser's help).
fn flag_value(args: &[String], flag: &str) -> Option<String> {
    args.iter().enumerate().find_map(|(i, arg)| {
        if arg == flag {
            args.get(i + 1).cloned()
        } else {
            arg.strip_prefix(flag)?
                .strip_prefix('=')
                .map(str::to_string)
        }
    })
}

/// A command line clap refuses: in Chinese said again in Chinese (exit 2, as clap would), else
/// clap's own words; `--help` and `--version` print as clap prints them.
fn usage_error(error: clap::Error, lang: crate::msg::Lang) -> ExitCode {
    if lang == crate::msg::Lang::Zh
        && let Some(said) = clap_zh::message(&error)
    {
        eprint!("{said}");
        return ExitCode::from(2);
    }
    error.exit()
}

/// `--config FILE` on the command line.
fn config_asked(args: &[String]) -> Option<PathBuf> {
    flag_value(args, "--config").map(PathBuf::from)
}

/// `--lang X` on the command line, else `CASEBOOK_LANG`; read leniently, like a locale (`en`,
/// `EN`, `en_GB.UTF-8`), anything else being left to the locale.
fn language_asked(args: &[String]) -> Option<crate::msg::Lang> {
    let value = flag_value(args, "--lang").or_else(|| std::env::var("CASEBOOK_LANG").ok())?;
    crate::msg::Lang::lenient(&value)
}

/// Prints every problem of the config file and exits 1: a setting misread is not guessed at.
fn refuse_config(report: &library::Report) -> ExitCode {
    print_problems(report, m().cli_config_problems)
}

/// Where the cache of `--cases DIR` is kept for this run (`None`: no cache).
static CACHE_DIR: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();

/// The interface strings of the language chosen for this run (Chinese until `run` chooses).
static CATALOG: std::sync::OnceLock<&'static crate::msg::Catalog> = std::sync::OnceLock::new();

pub(crate) fn m() -> &'static crate::msg::Catalog {
    CATALOG.get().copied().unwrap_or(&crate::msg::ZH)
}

/// Where training progress is kept: `--state DIR`, else the XDG state directory.
fn state_store(state: &Option<PathBuf>) -> Option<crate::training::progress::Store> {
    state
        .clone()
        .or_else(crate::training::progress::Store::default_dir)
        .map(crate::training::progress::Store::new)
}

/// Prints every problem of a library that cannot load, in the interface language, and says
/// that nothing was loaded: exit 1.
fn refuse(report: &library::Report) -> ExitCode {
    print_problems(report, m().cli_library_problems)
}

/// Every problem of a report in the interface language, then `summary` with their number: exit 1.
fn print_problems(report: &library::Report, summary: &str) -> ExitCode {
    let chinese = m().lang == crate::msg::Lang::Zh;
    eprint!("{}", crate::text::sanitize(&report.render(chinese)));
    let n = ("n", report.problems.len().to_string());
    eprintln!("casebook: {}", crate::msg::fill(summary, &[n]));
    ExitCode::from(1)
}

/// Loads the library as the options say, or prints the report of every problem and exits 1.
pub fn load_or_report(cases: &Option<PathBuf>, only: bool) -> Result<Library, ExitCode> {
    let options = LoadOptions {
        extra_dir: cases.as_deref(),
        only,
    };
    library::load(&options).map_err(|report| refuse(&report))
}

/// Loads the library for a command: with `strict`, all or nothing; otherwise the directory's
/// files with problems are left out, said on stderr with the command that lists why, and the
/// command runs on the rest. Returns the library and, if files were left out, the banner to show.
pub fn load_for_use(
    cases: &Option<PathBuf>,
    only: bool,
    strict: bool,
) -> Result<(Library, Option<String>), ExitCode> {
    let (mut library, banner) = load_leniently(cases, only, strict)?;
    library.today = today::get();
    Ok((library, banner))
}

fn load_leniently(
    cases: &Option<PathBuf>,
    only: bool,
    strict: bool,
) -> Result<(Library, Option<String>), ExitCode> {
    if strict {
        return load_or_report(cases, only).map(|library| (library, None));
    }
    let options = LoadOptions {
        extra_dir: cases.as_deref(),
        only,
    };
    let cache_dir = CACHE_DIR.get().and_then(Option::as_deref);
    let loaded = crate::memory::loading(|| {
        library::cache::load(&options, cache_dir, &crate::query::search::Indexer)
    });
    crate::memory::give_back();
    match loaded {
        Ok(loaded) if loaded.left_out.is_empty() => Ok((loaded.library, None)),
        Ok(loaded) => {
            let dir = cases
                .as_ref()
                .map_or(String::new(), |d| d.display().to_string());
            let dir = crate::text::sanitize_line(&dir);
            let files: Vec<String> = loaded
                .left_out
                .iter()
                .map(|f| crate::text::sanitize_line(f))
                .collect();
            let message = crate::msg::fill(
                m().cli_left_out,
                &[
                    ("n", files.len().to_string()),
                    ("files", files.join(", ")),
                    ("dir", dir.clone()),
                ],
            );
            eprintln!("casebook: {message}");
            let banner = crate::msg::fill(
                m().left_out_banner,
                &[("n", files.len().to_string()), ("dir", dir)],
            );
            Ok((loaded.library, Some(banner)))
        }
        Err(report) => Err(refuse(&report)),
    }
}

fn with_library(
    cases: &Option<PathBuf>,
    only: bool,
    strict: bool,
    command: impl FnOnce(&Library) -> ExitCode,
) -> ExitCode {
    match load_for_use(cases, only, strict) {
        Ok((library, _)) => command(&library),
        Err(code) => code,
    }
}

/// Writes a value as pretty JSON. serde_json escapes C0 controls but writes C1 controls and bidi
/// marks as they are; those are escaped too (defence in depth: validation already refuses them),
/// so JSON on a terminal cannot drive it either.
pub(crate) fn print_json(value: &impl serde::Serialize) -> ExitCode {
    match serde_json::to_string_pretty(value) {
        Ok(json) => print(&(crate::text::json_safe(&json) + "\n")),
        Err(e) => {
            let (what, error) = ("JSON".to_string(), e.to_string());
            let message =
                crate::msg::fill(m().cli_cannot_write, &[("what", what), ("error", error)]);
            eprintln!("casebook: {message}");
            ExitCode::from(1)
        }
    }
}

/// Writes to stdout, treating a closed pipe (`casebook list | head`) as success.
pub(crate) fn print(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("casebook: cannot write output: {e}");
            ExitCode::from(1)
        }
    }
}
