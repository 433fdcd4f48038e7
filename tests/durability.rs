//! What reaches the disk, watched as the kernel sees it: the real binary run under `strace`, its
//! file system calls read back. A file written for keeps (the library cache here; training
//! progress uses the same writer) is flushed before it is renamed into place, and its directory
//! after, so a power cut leaves the old file or the new one. Dropping either flush fails this
//! test, which no test that only reads files back can see.

use std::path::Path;
use std::process::Command;

mod common;

/// Whether strace runs here (in CI it must: see [`common::tool`]).
fn strace_runs() -> bool {
    let runs = Command::new("strace")
        .args(["-f", "-o", "/dev/null", "true"])
        .status()
        .is_ok_and(|s| s.success());
    common::tool("strace", runs)
}

/// An office's cases directory of a few generated cases, dated so the cache trusts them.
fn office(root: &Path) -> std::path::PathBuf {
    let cases = root.join("cases");
    casebook::synth::write_settled(5, &cases).unwrap();
    cases
}

#[test]
fn a_kept_file_is_flushed_before_its_rename_and_its_directory_after() {
    if !strace_runs() {
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let cases = office(root.path());
    let cache = root.path().join("cache");
    let log = root.path().join("strace.log");
    let status = Command::new("strace")
        .args([
            "-f",
            "-y",
            "-e",
            "trace=fsync,fdatasync,rename,renameat,renameat2",
            "-o",
        ])
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_casebook"))
        .arg("--cases")
        .arg(&cases)
        .args(["--only", "list", "--json"])
        .env("XDG_CACHE_HOME", &cache)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let log = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    // The rename of a temporary file into the cache directory.
    let renamed = lines
        .iter()
        .position(|l| l.contains("rename") && l.contains(".tmp") && l.contains("/casebook/"))
        .unwrap_or_else(|| panic!("no rename into the cache:\n{log}"));
    let temp = lines[renamed]
        .split('"')
        .find(|part| part.ends_with(".tmp"))
        .expect("the temporary file's name");
    let flushed_file = lines[..renamed]
        .iter()
        .any(|l| l.contains("fsync(") && l.contains(temp));
    assert!(
        flushed_file,
        "{temp} is not flushed before its rename:\n{log}"
    );
    let dir = Path::new(temp).parent().unwrap().display().to_string();
    let flushed_dir = lines[renamed + 1..]
        .iter()
        .any(|l| l.contains("fsync(") && l.contains(&format!("<{dir}>")));
    assert!(
        flushed_dir,
        "the directory {dir} is not flushed after the rename:\n{log}"
    );
}
