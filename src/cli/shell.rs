//! What a shell and `man` need: completion scripts and manual pages, both made from the clap
//! definitions, and the ids the scripts complete (case ids after `show`, statute ids after
//! `statute`, vocabulary keys after `--sector`…), printed by a hidden `complete-ids` command so
//! that an office's own `--cases DIR` completes too.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use clap_complete::Shell;

use crate::library::{Library, VocabKind};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to print a completion script for.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command's own page (`casebook man show`); without one, the main page.
    pub command: Option<String>,
    /// List the commands that have a page of their own, one per line.
    #[arg(long, conflicts_with = "command")]
    pub list: bool,
}

#[derive(Debug, Args)]
pub struct CompleteIdsArgs {
    #[arg(value_enum)]
    pub kind: IdKind,
}

/// What a completion script asks for.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum IdKind {
    Cases,
    Statutes,
    Sectors,
    Violations,
    Penalties,
    Provinces,
    Collections,
    DataKinds,
}

/// The ids of one kind, one per line.
pub fn ids(library: &Library, kind: IdKind) -> Vec<String> {
    let keys = |vocab: VocabKind| {
        library
            .vocab
            .terms(vocab)
            .iter()
            .map(|term| term.key.to_string())
            .collect()
    };
    match kind {
        IdKind::Cases => library.cases.iter().map(|c| c.id.to_string()).collect(),
        IdKind::Statutes => library.statutes.iter().map(|s| s.id.to_string()).collect(),
        IdKind::Sectors => keys(VocabKind::Sectors),
        IdKind::Violations => keys(VocabKind::Violations),
        IdKind::Penalties => keys(VocabKind::Penalties),
        IdKind::Provinces => keys(VocabKind::Provinces),
        IdKind::Collections => library.collections.iter().map(|c| c.id.clone()).collect(),
        IdKind::DataKinds => keys(VocabKind::DataKinds),
    }
}

pub fn complete_ids(library: &Library, args: &CompleteIdsArgs) -> ExitCode {
    let mut out = std::io::stdout().lock();
    for id in ids(library, args.kind) {
        // Ids come from files: nothing but the id itself reaches the shell.
        let _ = writeln!(out, "{}", crate::text::sanitize_line(&id));
    }
    ExitCode::SUCCESS
}

/// Which value of which option, or which command's first argument, completes with which ids.
const OPTION_IDS: [(&str, &str); 9] = [
    ("--case", "cases"),
    ("--from-case", "cases"),
    ("--conduct", "violations"),
    ("--data", "data-kinds"),
    ("--sector", "sectors"),
    ("--violation", "violations"),
    ("--penalty", "penalties"),
    ("--province", "provinces"),
    ("--collection", "collections"),
];
const COMMAND_IDS: [(&str, &str); 3] = [
    ("show", "cases"),
    ("similar", "cases"),
    ("statute", "statutes"),
];

/// The completion script for `shell`: clap's, with the ids added where the shell allows.
pub fn script(command: &mut clap::Command, shell: Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, command, "casebook", &mut out);
    let mut script = String::from_utf8_lossy(&out).into_owned();
    match shell {
        Shell::Bash => script.push_str(&bash_ids()),
        Shell::Fish => script.push_str(&fish_ids()),
        Shell::Zsh => script = zsh_ids(&script),
        _ => {}
    }
    script
}

/// Bash: a function in front of clap's that answers where an id is wanted and hands everything
/// else to it. `--cases DIR` and `--only` on the line are passed on, so an office's ids complete.
fn bash_ids() -> String {
    let options: String = OPTION_IDS
        .iter()
        .map(|(option, kind)| format!("        {option}) kind={kind} ;;\n"))
        .collect();
    let commands: String = COMMAND_IDS
        .iter()
        .map(|(command, kind)| format!("            {command}) command_kind={kind} ;;\n"))
        .collect();
    format!(
        r#"
# casebook: ids where an id is wanted (case ids after `show`, vocabulary keys after `--sector`…).
_casebook_ids() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    local kind="" command_kind="" library=() i word positional=0
    case "$prev" in
{options}    esac
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${{COMP_WORDS[i]}}"
        case "$word" in
            --cases) library+=(--cases "${{COMP_WORDS[i+1]}}") ;;
            --only) library+=(--only) ;;
        esac
        if [[ -n $command_kind && $word != -* && ${{COMP_WORDS[i-1]}} != --* ]]; then
            positional=1
        fi
        case "$word" in
{commands}        esac
    done
    if [[ -z $kind && -n $command_kind && $positional == 0 && $cur != -* && $prev != --* ]]; then
        kind=$command_kind
    fi
    if [[ -n $kind ]]; then
        local IFS=$'\n'
        COMPREPLY=($(compgen -W "$(casebook "${{library[@]}}" complete-ids "$kind" 2>/dev/null)" -- "$cur"))
        return 0
    fi
    _casebook "$@"
}}
complete -F _casebook_ids -o nosort -o bashdefault -o default casebook
"#
    )
}

/// Fish: more `complete` lines, which fish adds to clap's.
fn fish_ids() -> String {
    let mut lines = String::from("\n# casebook: ids where an id is wanted.\n");
    for (option, kind) in OPTION_IDS {
        let long = option.trim_start_matches("--");
        lines.push_str(&format!(
            "complete -c casebook -l {long} -x -a '(casebook complete-ids {kind} 2>/dev/null)'\n"
        ));
    }
    for (command, kind) in COMMAND_IDS {
        lines.push_str(&format!(
            "complete -c casebook -n '__fish_seen_subcommand_from {command}' -f -a '(casebook complete-ids {kind} 2>/dev/null)'\n"
        ));
    }
    lines
}

/// Zsh: clap's script with its "anything" completer replaced by the ids where an id is wanted.
fn zsh_ids(script: &str) -> String {
    let mut out = String::new();
    let mut command: Option<&str> = None;
    for line in script.lines() {
        // clap's zsh script names each command's arguments in a `(name)` case branch.
        if let Some(name) = line
            .trim()
            .strip_prefix('(')
            .and_then(|l| l.strip_suffix(')'))
        {
            command = Some(name);
        }
        let kind = OPTION_IDS
            .iter()
            .find(|(option, _)| {
                line.contains(&format!("'{option}=")) || line.contains(&format!("'*{option}="))
            })
            .map(|(_, kind)| *kind)
            .or_else(|| {
                let (_, kind) = COMMAND_IDS.iter().find(|(c, _)| Some(*c) == command)?;
                (line.trim_start().starts_with("':id") || line.trim_start().starts_with("'::id"))
                    .then_some(*kind)
            });
        match kind {
            Some(kind) if line.contains(":_default'") => {
                out.push_str(&line.replacen(":_default'", &format!(":_casebook_ids {kind}'"), 1))
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    // Defined before clap's closing lines, which call `_casebook` at once when the file is
    // autoloaded from fpath.
    // _arguments passes its own options (`-J -default-`) first: the kind is the last argument.
    let ids = "_casebook_ids() {\n    local kind=${@[-1]}\n    local -a ids\n    ids=(${(f)\"$(casebook complete-ids $kind 2>/dev/null)\"})\n    compadd \"${@[1,-2]}\" -a ids\n}\n\n";
    match out.find("if [ \"$funcstack[1]\" = \"_casebook\" ]") {
        Some(at) => out.insert_str(at, ids),
        None => out.push_str(ids),
    }
    out
}

/// The roff of the main page, or of one command's page (`casebook-show(1)`).
pub fn man_page(
    command: clap::Command,
    name: Option<&str>,
    m: &crate::msg::Catalog,
) -> Result<Vec<u8>, String> {
    let page = match name {
        None => command,
        Some(name) => {
            let sub = command
                .get_subcommands()
                .find(|sub| sub.get_name() == name && !sub.is_hide_set())
                .cloned()
                .ok_or_else(|| format!("no such command: {name}"))?;
            sub.name(format!("casebook-{name}"))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut out = Vec::new();
    let man = clap_mangen::Man::new(page);
    if name.is_some() {
        man.render(&mut out).map_err(|e| e.to_string())?;
        return Ok(out);
    }
    // The program's own page: clap's sections, then the browser's keys (what `casebook` with
    // no command opens), then the version.
    let sections: [Section; 6] = [
        clap_mangen::Man::render_title,
        clap_mangen::Man::render_name_section,
        clap_mangen::Man::render_synopsis_section,
        clap_mangen::Man::render_description_section,
        clap_mangen::Man::render_options_section,
        clap_mangen::Man::render_subcommands_section,
    ];
    for section in sections {
        section(&man, &mut out).map_err(|e| e.to_string())?;
    }
    out.extend(keys_section(m).into_bytes());
    man.render_version_section(&mut out)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// One of clap_mangen's sections, rendered into a writer.
type Section = fn(&clap_mangen::Man, &mut dyn std::io::Write) -> std::io::Result<()>;

/// The browser's keys as a man page section: a subsection per screen, a tagged paragraph per
/// key (the built-in keys; a config file can change them, see `casebook config`).
fn keys_section(m: &crate::msg::Catalog) -> String {
    use crate::tui::keymap::{Group, built_in};
    let keymap = built_in();
    let mut out = format!(
        ".SH \"{}\"\n{}\n",
        roff_text(m.man_keys),
        roff_text(m.man_keys_intro)
    );
    for group in Group::ALL {
        out.push_str(&format!(".SS \"{}\"\n", roff_text(group.title(m))));
        for (keys, describe) in keymap.help_rows(group, m) {
            out.push_str(&format!(
                ".TP\n\\fB{}\\fR\n{}\n",
                roff_text(&keys),
                roff_text(describe)
            ));
        }
    }
    out
}

/// Text safe in a roff line: backslashes escaped, `-` as a hyphen-minus, and a line that would
/// start with a control character (`.` or `'`) guarded.
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// The commands with a page of their own.
pub fn man_commands(command: &clap::Command) -> Vec<String> {
    command
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
        .map(|sub| sub.get_name().to_string())
        .collect()
}
