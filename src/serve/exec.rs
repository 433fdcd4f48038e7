//! The read-only commands an exec request may run, run as a child of this binary so that
//! neither a command's output nor its failure can reach the server.

use super::ServeOptions;

/// The longest exec request served, in bytes, and the most words in it.
pub(super) const MAX_LINE: usize = 4096;
pub(super) const MAX_WORDS: usize = 64;

/// The words of an exec request, or `None` when it is refused whatever it says: not UTF-8, too
/// long, too many words, or a control character (a NUL would be cut by the kernel, so what ran
/// would not be what was checked).
pub(crate) fn words(line: &[u8]) -> Option<Vec<String>> {
    let line = std::str::from_utf8(line).ok()?;
    if line.len() > MAX_LINE || line.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return None;
    }
    let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
    (words.len() <= MAX_WORDS).then_some(words)
}

/// Whether an exec request's words name a read-only command without a refused option, in any
/// spelling clap would take (`--cases DIR`, `--cases=DIR`, `--cas` as an abbreviation is not
/// taken by clap, but a word that merely begins with one is refused too).
pub(crate) fn allowed(words: &[String]) -> bool {
    let refused = |w: &String| REFUSED_OPTIONS.iter().any(|o| w.starts_with(o));
    words
        .first()
        .is_some_and(|w| READ_ONLY.contains(&w.as_str()))
        && !words.iter().any(refused)
}

/// What a client is told when its command is not served.
pub(crate) fn refusal(shown: &str) -> String {
    format!(
        "casebook: `{shown}` is not served here; the commands are: {}\r\n",
        READ_ONLY.join(", ")
    )
}

/// The commands an exec request may run: they only read.
pub(super) const READ_ONLY: [&str; 8] = [
    "list", "search", "show", "similar", "statute", "stats", "assess", "quiz",
];
/// Options an exec request may not give: they would read or write the server's files.
/// `--reset` would delete the person's progress: the browser's `quiz` handouts and `--progress`
/// read it only.
pub(super) const REFUSED_OPTIONS: [&str; 5] =
    ["--cases", "--config", "--state", "--no-cache", "--reset"];

/// Runs a read-only command as a child of this binary, on the served library.
/// `state`: the person's own progress directory (`quiz --progress` reads it), if the server keeps
/// progress.
pub(super) fn run_command(
    options: &ServeOptions,
    words: &[String],
    lang: crate::msg::Lang,
    state: Option<&std::path::Path>,
) -> std::io::Result<std::process::Output> {
    let exe = std::env::current_exe()?;
    let mut command = std::process::Command::new(exe);
    if let Some(dir) = &options.cases {
        command.arg("--cases").arg(dir);
        if options.only {
            command.arg("--only");
        }
    }
    command
        .args(words)
        .env_clear()
        .env(
            "CASEBOOK_LANG",
            match lang {
                crate::msg::Lang::Zh => "zh",
                crate::msg::Lang::En => "en",
            },
        )
        .env("XDG_CONFIG_HOME", "/nonexistent/casebook-serve")
        // No state directory but the person's own: nothing else's progress can be read.
        .env("XDG_STATE_HOME", "/nonexistent/casebook-serve")
        .env("PATH", "/usr/bin:/bin")
        .stdin(std::process::Stdio::null());
    if let Some(state) = state {
        command.env("CASEBOOK_STATE", state);
    }
    command.output()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed_line(line: &[u8]) -> bool {
        words(line).is_some_and(|w| allowed(&w))
    }

    #[test]
    fn only_read_only_commands_without_file_options_are_served() {
        for good in [
            &b"list --json"[..],
            b"show 7 --format citation",
            b"statute cprl-56",
        ] {
            assert!(allowed_line(good), "{}", String::from_utf8_lossy(good));
        }
        for bad in [
            &b"rm -rf /"[..],
            b"",
            b"serve",
            b"quiz --reset",
            b"list --cases /etc",
            b"list --cases=/etc",
            b"list --cases\0/etc",
            b"list --config /etc/passwd",
            b"list --state /tmp",
            b"list --no-cache",
            b"list --cases\x01",
            b"list \xff\xfe",
        ] {
            assert!(!allowed_line(bad), "{}", String::from_utf8_lossy(bad));
        }
        assert!(!allowed_line(
            format!("list {}", "a ".repeat(MAX_WORDS)).as_bytes()
        ));
        assert!(!allowed_line(
            format!("search {}", "a".repeat(MAX_LINE)).as_bytes()
        ));
    }
}
