//! What a shell and `man` get: completion scripts that parse and complete ids in a real bash,
//! manual pages that render without warnings, and `--version` naming the built-in library.

use std::path::Path;
use std::process::{Command, Output};

fn casebook(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(args)
        .env_remove("CASEBOOK_CASES")
        // A user's own config file must not change what the tests see.
        .env("XDG_CONFIG_HOME", "/nonexistent/casebook-tests")
        // Caches in the build directory, never the user's own.
        .env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/xdg-cache"),
        )
        .env_remove("CASEBOOK_LANG")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

mod common;

/// Whether a program is on this machine (in CI it must be: see [`common::tool`]).
fn installed(program: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success());
    common::tool(program, found)
}

/// `shell -n` (parse only) on a script.
fn parses(shell: &str, script: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("script");
    std::fs::write(&path, script).unwrap();
    Command::new(shell).arg("-n").arg(&path).output().unwrap()
}

#[test]
fn every_shell_gets_a_script_that_parses() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout(&casebook(&["completions", shell]));
        assert!(script.contains("casebook"), "{shell}");
        if ["bash", "zsh", "fish"].contains(&shell) {
            assert!(script.contains("complete-ids"), "{shell} completes ids");
            if installed(shell) {
                let parsed = parses(shell, &script);
                assert!(
                    parsed.status.success(),
                    "{shell} -n: {}",
                    String::from_utf8_lossy(&parsed.stderr)
                );
            }
        }
    }
    assert!(!casebook(&["completions", "tcsh"]).status.success());
}

/// What bash's completion offers for a command line, the cursor at its end: the script sourced
/// in a real bash, its function called as bash calls it on Tab.
fn bash_completes(line: &[&str]) -> Vec<String> {
    let script = stdout(&casebook(&["completions", "bash"]));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("casebook.bash");
    std::fs::write(&path, script).unwrap();
    let words: Vec<String> = line.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{}'; COMP_POINT=${{#COMP_LINE}}; \
         _casebook_ids casebook; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        path.display(),
        words.join(" "),
        line.len() - 1,
        line.join(" "),
    );
    let bin = Path::new(env!("CARGO_BIN_EXE_casebook")).parent().unwrap();
    let path_var = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .env("PATH", path_var)
        .env_remove("CASEBOOK_CASES")
        // A user's own config file must not change what the tests see.
        .env("XDG_CONFIG_HOME", "/nonexistent/casebook-tests")
        // Caches in the build directory, never the user's own.
        .env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/xdg-cache"),
        )
        .output()
        .unwrap();
    stdout(&out).lines().map(str::to_string).collect()
}

#[test]
fn bash_completes_case_ids_statute_ids_and_filter_keys() {
    assert_eq!(
        bash_completes(&["casebook", "show", "zhu"]),
        ["zhuji-xiangsheng"]
    );
    let similar = bash_completes(&["casebook", "similar", ""]);
    assert_eq!(similar.len(), 25, "{similar:?}");
    let statutes = bash_completes(&["casebook", "statute", "cprl-29"]);
    assert!(statutes.contains(&"cprl-29-2".to_string()), "{statutes:?}");
    assert!(statutes.iter().all(|s| s.starts_with("cprl-29")));
    let sectors = bash_completes(&["casebook", "list", "--sector", "real"]);
    assert_eq!(sectors, ["real-estate"]);
    let provinces = bash_completes(&["casebook", "search", "房", "--province", "广"]);
    assert!(
        provinces.contains(&"广西壮族自治区".to_string()),
        "{provinces:?}"
    );
    assert_eq!(bash_completes(&["casebook", "--case", "yib"]), ["yibin-yu"]);
    // After the case id, no second id; commands still complete through clap's script.
    let after = bash_completes(&["casebook", "show", "yibin-yu", "zh"]);
    assert!(
        !after.contains(&"zhuji-xiangsheng".to_string()),
        "{after:?}"
    );
    assert!(bash_completes(&["casebook", "li"]).contains(&"list".to_string()));
}

/// Fish asked as it asks on Tab (`complete -C`), where fish is installed.
#[test]
fn fish_completes_ids_too() {
    if !installed("fish") {
        return;
    }
    let script = stdout(&casebook(&["completions", "fish"]));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("casebook.fish");
    std::fs::write(&path, script).unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_casebook")).parent().unwrap();
    let path_var = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let ask = |line: &str| {
        let program = format!("source '{}'; complete -C '{line}'", path.display());
        let out = Command::new("fish")
            .args(["--no-config", "-c", &program])
            .env("PATH", &path_var)
            .env("HOME", dir.path())
            .env("XDG_CONFIG_HOME", "/nonexistent/casebook-tests")
            // Caches in the build directory, never the user's own.
            .env(
                "XDG_CACHE_HOME",
                concat!(env!("CARGO_TARGET_TMPDIR"), "/xdg-cache"),
            )
            .output()
            .unwrap();
        stdout(&out)
            .lines()
            .map(|l| l.split('\t').next().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ask("casebook show zhu"), ["zhuji-xiangsheng"]);
    assert_eq!(ask("casebook list --sector real"), ["real-estate"]);
    assert!(ask("casebook statute cprl-29").contains(&"cprl-29-2".to_string()));
}

#[test]
fn an_offices_own_ids_complete_with_its_cases_directory() {
    let dir = tempfile::tempdir().unwrap();
    let office = dir.path().join("office");
    casebook::synth::write(3, &office).unwrap();
    let office = office.display().to_string();
    let ids = bash_completes(&["casebook", "--cases", &office, "--only", "show", "gen"]);
    assert_eq!(ids, ["gen-000001", "gen-000002", "gen-000003"]);
}

#[test]
fn every_manual_page_renders_without_warnings() {
    let main = stdout(&casebook(&["man"]));
    assert!(main.contains(".TH casebook 1"));
    let unknown = casebook(&["man", "nosuch"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("show"));
    let listed = stdout(&casebook(&["man", "--list"]));
    let listed: Vec<&str> = listed.lines().collect();
    for command in ["list", "show", "statute", "config", "completions", "man"] {
        assert!(listed.contains(&command), "{listed:?}");
    }
    assert!(
        !listed.contains(&"complete-ids"),
        "hidden commands have no page"
    );
    let pages = std::iter::once("").chain(listed.iter().copied());
    for page in pages {
        let args: Vec<&str> = std::iter::once("man")
            .chain((!page.is_empty()).then_some(page))
            .collect();
        let roff = stdout(&casebook(&args));
        if !installed("man") {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("casebook.1");
        std::fs::write(&path, roff).unwrap();
        let shown = Command::new("man")
            .args(["--warnings", "-l"])
            .arg(&path)
            .env("MANWIDTH", "80")
            .env("MANPAGER", "cat")
            .output()
            .unwrap();
        let warnings = String::from_utf8_lossy(&shown.stderr);
        assert!(warnings.trim().is_empty(), "man {page}: {warnings}");
        let text = String::from_utf8_lossy(&shown.stdout);
        assert!(text.contains("SYNOPSIS"), "man {page}: {text}");
    }
}

/// The program's page has a section on the browser's keys, in the interface language, each
/// key with what it does.
#[test]
fn the_main_man_page_lists_the_browsers_keys() {
    let zh = stdout(&casebook(&["--lang", "zh", "man"]));
    assert!(zh.contains(".SH \"浏览器按键\""), "{zh}");
    assert!(zh.contains(".SS \"浏览案例\""), "{zh}");
    assert!(zh.contains(".TP\n\\fBTab\\fR\n下一窗格\n"), "{zh}");
    let en = stdout(&casebook(&["--lang", "en", "man"]));
    assert!(en.contains(".SH \"BROWSER KEYS\""), "{en}");
    assert!(
        en.contains(".TP\n\\fBShift\\-Tab\\fR\nprevious pane\n"),
        "{en}"
    );
    // A command's own page has no keys section.
    assert!(!stdout(&casebook(&["--lang", "en", "man", "list"])).contains("BROWSER KEYS"));
}

#[test]
fn the_version_names_the_built_in_library() {
    let library = casebook::library::load(&Default::default()).unwrap();
    let version = stdout(&casebook(&["--version"]));
    let expected = format!(
        "{} cases, {} provisions, newest source ",
        library.cases.len(),
        library.statutes.len()
    );
    assert!(version.starts_with(concat!("casebook ", env!("CARGO_PKG_VERSION"))));
    assert!(version.contains(&expected), "{version}");
    // The target it was built for: this test's own (the same build).
    let arch = std::env::consts::ARCH;
    assert!(
        version.contains(&format!("({arch}-unknown-linux-")),
        "{version}"
    );
}
