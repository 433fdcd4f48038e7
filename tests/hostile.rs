//! The hostile corpus (`tests/hostile/`), plus what git cannot hold, validated as a user would:
//! one precise line per bad file, exit 1, no panic, and the good file beside them unaffected.

use std::path::Path;
use std::process::Command;

fn validate(dir: &Path) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["--lang", "en", "validate"])
        .arg(dir)
        .env_remove("CASEBOOK_CASES")
        // A user's own config file must not change what the tests see.
        .env("XDG_CONFIG_HOME", "/nonexistent/casebook-tests")
        // Caches in the build directory, never the user's own.
        .env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/xdg-cache"),
        )
        .output()
        .expect("the binary runs");
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

#[test]
fn report() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("office");
    std::fs::create_dir(&dir).unwrap();
    for entry in std::fs::read_dir("tests/hostile").unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    // Over 1 MiB.
    let good = std::fs::read_to_string("tests/hostile/good.toml").unwrap();
    let mut big = good.replace("\"good\"", "\"big\"");
    big.push_str(&"#".repeat(1024 * 1024));
    std::fs::write(dir.join("big.toml"), big).unwrap();
    // A symbolic link out of the directory, and two in a loop.
    let outside = temp.path().join("secret.toml");
    std::fs::write(&outside, "password = \"hunter2\"\n").unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("link-out.toml")).unwrap();
    std::os::unix::fs::symlink("loop-b.toml", dir.join("loop-a.toml")).unwrap();
    std::os::unix::fs::symlink("loop-a.toml", dir.join("loop-b.toml")).unwrap();
    // A link inside the directory is followed, and then is a duplicate of what it points to.
    std::os::unix::fs::symlink("good.toml", dir.join("link-in.toml")).unwrap();
    // A FIFO would block a reader forever; a directory is not a file.
    let fifo = dir.join("fifo.toml");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    std::fs::create_dir(dir.join("a-directory.toml")).unwrap();

    let (code, stdout, stderr) = validate(&dir);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stdout.contains("hunter2") && !stderr.contains("hunter2"));
    let report = stdout.replace(&format!("{}/", temp.path().display()), "TMP/");
    let report = report.replace(&format!("{}", temp.path().display()), "TMP");
    assert!(
        !report.contains("good.toml:"),
        "the good file is not reported:\n{report}"
    );
    // One line per bad file (the link to good.toml is two problems: a second definition, and an
    // id that is not its name).
    let lines: Vec<&str> = report
        .lines()
        .filter(|l| !l.contains("link-in.toml"))
        .filter(|l| !l.starts_with("warning: ") && !l.contains(" case file"))
        .collect();
    let reported: std::collections::BTreeSet<&str> =
        lines.iter().filter_map(|l| l.split(':').next()).collect();
    assert_eq!(reported.len(), lines.len(), "one line per file:\n{report}");
    insta::assert_snapshot!("report", report);
}

/// An empty directory, or one whose only case is misnamed or in a subdirectory, has no case files:
/// validate says so and exits 1, naming what it ignored, rather than report the built-in library.
#[test]
fn a_directory_without_case_files_says_so() {
    let temp = tempfile::tempdir().unwrap();
    let (code, stdout, _) = validate(temp.path());
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout,
        format!("no case files in {}\n", temp.path().display())
    );
    let good = std::fs::read_to_string("tests/hostile/good.toml").unwrap();
    std::fs::write(temp.path().join("my-case.TOML"), &good).unwrap();
    std::fs::create_dir(temp.path().join("sub")).unwrap();
    std::fs::write(temp.path().join("sub/good.toml"), &good).unwrap();
    let (code, stdout, _) = validate(temp.path());
    assert_eq!(code, Some(1));
    assert!(stdout.contains("my-case.TOML: ignored: the extension must be .toml in lowercase"));
    assert!(stdout.contains("sub: ignored: a subdirectory"));
    assert!(stdout.ends_with(&format!("no case files in {}\n", temp.path().display())));
    std::fs::write(temp.path().join("good.toml"), &good).unwrap();
    let (code, stdout, _) = validate(temp.path());
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.ends_with(": 1 case file, 1 valid\n"), "{stdout}");
}

/// The same report in Chinese, the default interface: every line located the same way, and no
/// line left in English but for the TOML parser's own words and the file names.
#[test]
fn the_report_in_chinese() {
    let out = Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["--lang", "zh", "validate", "tests/hostile"])
        .env_remove("CASEBOOK_CASES")
        // A user's own config file must not change what the tests see.
        .env("XDG_CONFIG_HOME", "/nonexistent/casebook-tests")
        // Caches in the build directory, never the user's own.
        .env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/xdg-cache"),
        )
        .output()
        .expect("the binary runs");
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8(out.stdout).unwrap();
    let english = [
        "missing", "must", "unknown", "contains", "is not", "not a", "already", "limit", "found",
    ];
    for line in report.lines().filter(|l| !l.contains("TOML 语法错误")) {
        let message = line.rsplit(": ").next().unwrap_or(line);
        for word in english {
            assert!(!message.contains(word), "{line}");
        }
    }
    assert!(
        report.contains(
            "未知的行业 \"educaton\"（不在 vocab.toml [sectors] 中）；是不是 \"education\"？"
        ),
        "{report}"
    );
    assert!(report.contains("个有问题"), "{report}");
}
