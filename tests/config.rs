//! The config file as a user meets it: precedence (flag > environment > file > default) shown by
//! `casebook config` and obeyed by the commands, and every problem reported with its position.

use std::path::Path;
use std::process::{Command, Output};

/// casebook with the config directory `home` and only the environment given.
fn casebook(home: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_casebook"));
    command
        .args(args)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env_remove("CASEBOOK_CASES")
        .env_remove("CASEBOOK_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("TERM");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("the binary runs")
}

fn write_config(home: &Path, text: &str) -> std::path::PathBuf {
    let path = home.join("casebook").join("config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The line of `casebook config` for a setting.
fn setting(out: &Output, name: &str) -> String {
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
        .lines()
        .find(|l| l.starts_with(&format!("{name} =")))
        .unwrap_or_else(|| panic!("no {name} in {}", text(&out.stdout)))
        .to_string()
}

#[test]
fn flag_beats_environment_beats_file_beats_default() {
    let home = tempfile::tempdir().unwrap();
    let file = write_config(home.path(), "lang = \"en\"\nmouse = false\n");
    let file = file.display().to_string();
    let out = casebook(home.path(), &[], &["config"]);
    assert!(
        setting(&out, "lang").contains("\"en\""),
        "{}",
        setting(&out, "lang")
    );
    assert!(setting(&out, "lang").ends_with(&format!("# {file}:1:8")));
    assert!(setting(&out, "mouse").contains("false") && setting(&out, "mouse").contains(&file));
    assert!(setting(&out, "ascii").ends_with("# default"));
    // The file beats the locale: an officer's machine set to en_US (or zh_CN) keeps the
    // language the file chose.
    for locale in ["zh_CN.UTF-8", "en_US.UTF-8"] {
        let out = casebook(home.path(), &[("LANG", locale)], &["config"]);
        assert!(
            setting(&out, "lang").ends_with(&format!("# {file}:1:8")),
            "{locale}"
        );
    }
    let out = casebook(home.path(), &[("LC_ALL", "zh_CN.UTF-8")], &["list"]);
    let listed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(listed.contains("25 of 25 cases"), "{listed}");
    let out = casebook(home.path(), &[("CASEBOOK_LANG", "zh")], &["config"]);
    assert!(setting(&out, "lang").starts_with("lang = \"zh\""));
    // Chinese chosen, so the origins are said in Chinese.
    assert!(setting(&out, "lang").ends_with("# 环境变量 CASEBOOK_LANG"));
    let out = casebook(
        home.path(),
        &[("CASEBOOK_LANG", "zh")],
        &["--lang", "en", "config"],
    );
    assert!(setting(&out, "lang").ends_with("# flag --lang"));
    let out = casebook(home.path(), &[], &["--no-mouse", "config"]);
    assert!(setting(&out, "mouse").ends_with("# flag --no-mouse"));
    let out = casebook(home.path(), &[("TERM", "linux")], &["config"]);
    assert!(setting(&out, "ascii").starts_with("ascii = true"));
    // And the commands obey: the file's English.
    let out = casebook(home.path(), &[], &["show", "yibin-yu"]);
    assert!(text(&out.stdout).contains("Party"), "{}", text(&out.stdout));
}

#[test]
fn the_library_directory_from_the_file_then_the_environment_then_the_flag() {
    let home = tempfile::tempdir().unwrap();
    for (name, count) in [("a", 2), ("b", 3), ("c", 4)] {
        casebook::synth::write(count, &home.path().join(name)).unwrap();
    }
    // Relative to the config file's directory.
    write_config(home.path(), "cases = \"../a\"\nonly = true\n");
    let count = |out: Output| {
        assert!(out.status.success(), "{}", text(&out.stderr));
        let cases: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        cases.as_array().unwrap().len()
    };
    assert_eq!(count(casebook(home.path(), &[], &["list", "--json"])), 2);
    let b = home.path().join("b").display().to_string();
    let c = home.path().join("c").display().to_string();
    assert_eq!(
        count(casebook(
            home.path(),
            &[("CASEBOOK_CASES", &b)],
            &["list", "--json"]
        )),
        3
    );
    let flagged = casebook(
        home.path(),
        &[("CASEBOOK_CASES", &b)],
        &["--cases", &c, "list", "--json"],
    );
    assert_eq!(count(flagged), 4);
    let out = casebook(home.path(), &[("CASEBOOK_CASES", &b)], &["config"]);
    assert!(setting(&out, "cases").ends_with("# 环境变量 CASEBOOK_CASES"));
}

#[test]
fn a_broken_file_stops_with_every_problem_and_its_position() {
    let home = tempfile::tempdir().unwrap();
    let file = write_config(
        home.path(),
        "lang = \"en\"\nlangg = 1\n[keys]\nexport = \"Ctrl-Enter\"\n",
    );
    let out = casebook(home.path(), &[], &["--lang", "en", "list"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    let file = file.display().to_string();
    assert!(
        stderr.contains(&format!(
            "{file}:2:1: unknown setting `langg`; did you mean `lang`?"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{file}:4:10: `Ctrl-Enter` is not a key")),
        "{stderr}"
    );
    assert!(
        stderr.contains("the config file has 2 problems"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    // What helps to fix it still runs.
    let default = casebook(home.path(), &[], &["config", "--default"]);
    assert!(default.status.success());
    assert!(text(&default.stdout).contains("# search = [\"/\"]"));
    // A key clash, in the interface language.
    write_config(home.path(), "[keys]\nsearch = \"f\"\n");
    let out = casebook(home.path(), &[], &["list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains(":2:10: `f` 在“浏览案例”中会同时表示 `search` 和 `facets`"),
        "{}",
        text(&out.stderr)
    );
    // A file named with --config must exist.
    let missing = home.path().join("nope.toml").display().to_string();
    let out = casebook(home.path(), &[], &["--config", &missing, "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("cannot read the config file")
            || text(&out.stderr).contains("无法读取配置文件")
    );
}
