//! What the integration tests share: the rule for a tool a test drives.

/// Whether a tool a test drives is usable here (`usable`: the caller's check). In CI (`CI` set)
/// it must be — `.ci/run` installs it — so a missing one fails the test; elsewhere the test is
/// skipped, saying so.
pub fn tool(name: &str, usable: bool) -> bool {
    if !usable {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} is required in CI (.ci/run installs it)"
        );
        eprintln!("skipped: {name} is not installed or cannot run here");
    }
    usable
}
