//! `casebook gate --person NAME`: casebook behind the office's own sshd, in the gitolite style.
//! One system account holds every officer's key, each line of its authorized_keys reading
//! `command="casebook gate --person alice",restrict,pty ssh-ed25519 …`: sshd authenticates and
//! refuses forwarding (`restrict`), and gate gives the person the browser, or — when the client
//! asked for a command (`SSH_ORIGINAL_COMMAND`) — one of the read-only commands `serve` allows,
//! with the same refusals. The person names their training progress.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Cli;
use crate::serve::exec;

#[derive(Debug, clap::Args)]
pub struct GateArgs {
    /// Whose key this is (letters, digits, `.`, `_`, `-`, `@`): their training progress is kept
    /// apart from everyone else's, under STATE/people/NAME.
    #[arg(long, value_name = "NAME")]
    pub person: String,
}

/// A person's name as gate takes it: 1 to 64 of `A-Za-z0-9._@-`, not starting with a dot.
pub fn valid_person(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._@-".contains(&b))
}

/// What gate does for one connection.
#[derive(Debug, PartialEq, Eq)]
pub enum Gate {
    /// No command asked: the browser.
    Browser,
    /// A read-only command, its words.
    Run(Vec<String>),
    /// Anything else: refused with this message (exit 2).
    Refuse(String),
}

/// Decides from `SSH_ORIGINAL_COMMAND`, as `serve` decides an exec request.
pub fn decide(original: Option<&[u8]>) -> Gate {
    let Some(line) = original else {
        return Gate::Browser;
    };
    match exec::words(line).filter(|w| exec::allowed(w)) {
        Some(words) => Gate::Run(words),
        None => {
            let shown = crate::text::sanitize_line(&String::from_utf8_lossy(line));
            let shown: String = shown.chars().take(160).collect();
            Gate::Refuse(exec::refusal(&shown).trim_end().to_string())
        }
    }
}

pub fn run(cli: &Cli, args: &GateArgs) -> ExitCode {
    if !valid_person(&args.person) {
        eprintln!(
            "casebook gate: --person {:?} is not a name gate takes (letters, digits, . _ @ -)",
            crate::text::sanitize_line(&args.person)
        );
        return ExitCode::from(2);
    }
    let original = std::env::var_os("SSH_ORIGINAL_COMMAND").map(|v| {
        use std::os::unix::ffi::OsStrExt;
        v.as_bytes().to_vec()
    });
    match decide(original.as_deref()) {
        Gate::Refuse(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
        Gate::Run(words) => run_command(cli, &words),
        Gate::Browser => {
            let exe = match std::env::current_exe() {
                Ok(exe) => exe,
                Err(e) => {
                    eprintln!("casebook gate: {e}");
                    return ExitCode::from(1);
                }
            };
            let state = person_state(cli, &args.person);
            let mut command = std::process::Command::new(exe);
            command.args(library_args(cli));
            if let Some(state) = state {
                command.arg("--state").arg(state);
            }
            status_of(command.env_remove("SSH_ORIGINAL_COMMAND").status())
        }
    }
}

/// The person's own state directory: STATE/people/NAME, STATE being `--state` or the default.
fn person_state(cli: &Cli, person: &str) -> Option<PathBuf> {
    let base = cli
        .state
        .clone()
        .or_else(crate::training::progress::Store::default_dir)?;
    // The same directory `casebook serve` keeps the person's progress in.
    Some(crate::training::people::dir(&base, person))
}

/// `--cases DIR [--only]` as the gate itself was given them.
fn library_args(cli: &Cli) -> Vec<std::ffi::OsString> {
    let mut args = Vec::new();
    if let Some(dir) = &cli.cases {
        args.push("--cases".into());
        args.push(dir.clone().into_os_string());
        if cli.only {
            args.push("--only".into());
        }
    }
    args
}

/// A read-only command, as a child of this binary with the gate's library, its output and
/// status passed through.
fn run_command(cli: &Cli, words: &[String]) -> ExitCode {
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            eprintln!("casebook gate: {e}");
            return ExitCode::from(1);
        }
    };
    let mut command = std::process::Command::new(exe);
    command
        .args(library_args(cli))
        .args(words)
        .env_remove("SSH_ORIGINAL_COMMAND")
        .env("XDG_CONFIG_HOME", "/nonexistent/casebook-gate")
        .stdin(std::process::Stdio::null());
    status_of(command.status())
}

fn status_of(status: std::io::Result<std::process::ExitStatus>) -> ExitCode {
    match status {
        Ok(status) => ExitCode::from(status.code().unwrap_or(1).clamp(0, 255) as u8),
        Err(e) => {
            eprintln!("casebook gate: {e}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gate_decides_as_serve_does() {
        assert_eq!(decide(None), Gate::Browser);
        assert_eq!(
            decide(Some(b"list --json")),
            Gate::Run(vec!["list".into(), "--json".into()])
        );
        for refused in [
            &b"rm -rf /"[..],
            b"list --cases /etc",
            b"list --cases\0/etc",
            b"serve",
        ] {
            assert!(
                matches!(decide(Some(refused)), Gate::Refuse(m) if m.contains("is not served here")),
                "{}",
                String::from_utf8_lossy(refused)
            );
        }
    }

    #[test]
    fn person_names() {
        for good in ["alice", "li.wei", "wang_1", "a@office"] {
            assert!(valid_person(good), "{good}");
        }
        for bad in ["", ".hidden", "../etc", "a b", "名字", &"x".repeat(65)] {
            assert!(!valid_person(bad), "{bad}");
        }
    }
}
