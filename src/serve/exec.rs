//! The read-only commands an exec request may run, run as a child of this binary so that
//! neither a command's output nor its failure can reach the server.

use super::ServeOptions;

/// Whether an exec request's words name a read-only command without a refused option.
pub(super) fn allowed(words: &[String]) -> bool {
    let refused = |w: &String| {
        REFUSED_OPTIONS
            .iter()
            .any(|o| w == o || w.starts_with(&format!("{o}=")))
    };
    words
        .first()
        .is_some_and(|w| READ_ONLY.contains(&w.as_str()))
        && !words.iter().any(refused)
}

/// What a client is told when its command is not served.
pub(super) fn refusal(shown: &str) -> String {
    format!(
        "casebook: `{shown}` is not served here; the commands are: {}\r\n",
        READ_ONLY.join(", ")
    )
}

/// The commands an exec request may run: they only read.
pub(super) const READ_ONLY: [&str; 6] = ["list", "search", "show", "similar", "statute", "stats"];
/// Options an exec request may not give: they would read or write the server's files.
pub(super) const REFUSED_OPTIONS: [&str; 4] = ["--cases", "--config", "--state", "--no-cache"];

/// Runs a read-only command as a child of this binary, on the served library.
pub(super) fn run_command(
    options: &ServeOptions,
    words: &[String],
    lang: crate::msg::Lang,
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
        .env("PATH", "/usr/bin:/bin")
        .stdin(std::process::Stdio::null())
        .output()
}
