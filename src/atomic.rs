//! Writing a file so that a reader sees the old one or the new one, never half of one: training
//! progress and the library cache.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Set in a test's child process: it aborts between writing and renaming, as a kill would.
#[cfg(test)]
pub const ABORT_BEFORE_RENAME: &str = "CASEBOOK_TEST_ABORT_BEFORE_RENAME";

/// How old a temporary file must be before it may be taken for a killed writer's: a write takes
/// milliseconds, so a minute leaves every writer still at work alone.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// Writes `name` in `dir` so that it is either the old file or the new one, whatever happens:
/// a temporary file, flushed, renamed over the old, and the directory flushed. Temporary files
/// of `name` that a killed writer left are removed first ([`clean_stale`]).
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    write_with(dir, name, |out| out.write_all(bytes))
}

/// [`write`], the contents streamed by `fill` (through a buffer) rather than held whole in
/// memory first: the library cache at 100,000 cases is 160 MB of JSON.
pub fn write_with(
    dir: &Path,
    name: &str,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    clean_stale(dir, name);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let temp = dir.join(format!(".{name}.{}.{nanos}.tmp", std::process::id()));
    let file = File::options().write(true).create_new(true).open(&temp)?;
    let mut out = io::BufWriter::with_capacity(1 << 20, file);
    let written = fill(&mut out)
        .and_then(|()| out.flush())
        .and_then(|()| out.get_ref().sync_all());
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    drop(out);
    #[cfg(test)]
    if std::env::var_os(ABORT_BEFORE_RENAME).is_some() {
        std::process::abort();
    }
    fs::rename(&temp, dir.join(name))?;
    File::open(dir)?.sync_all()
}

/// Removes the temporary files of `name` (`.NAME.PID.NANOS.tmp`) that a killed writer left: only
/// those older than [`STALE_AFTER`] whose process is gone (or is this one, which is not writing
/// them) — another session's write in progress is never touched. Best effort: a file that cannot
/// be removed stays, and the write goes on.
pub fn clean_stale(dir: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|rest| rest.split_once('.'))
            .and_then(|(pid, nanos)| {
                nanos.parse::<u32>().ok()?;
                pid.parse::<u32>().ok()
            })
        else {
            continue;
        };
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if old && !writer_alive(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether another process with this id is running (this process is not writing its old
/// temporary files). Where `/proc` cannot tell, every writer counts as alive.
fn writer_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    if !Path::new("/proc/self").exists() {
        return true;
    }
    Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn age(path: &Path, secs: u64) {
        let file = File::options().write(true).open(path).unwrap();
        file.set_modified(SystemTime::now() - Duration::from_secs(secs))
            .unwrap();
    }

    /// A killed writer's old temporary file goes; a live writer's, a fresh one, and another
    /// file's stay.
    #[test]
    fn only_a_dead_writers_old_temporary_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name);
        // A process id that is not running: above the kernel's largest (4,194,304).
        let dead = ".progress.toml.4294967.5.tmp";
        let live = format!(
            ".progress.toml.{}.6.tmp",
            std::os::unix::process::parent_id()
        );
        let fresh = ".progress.toml.4294967.7.tmp";
        let other = ".cache.json.4294967.8.tmp";
        for name in [dead, live.as_str(), fresh, other, "notes.tmp"] {
            fs::write(at(name), b"x").unwrap();
        }
        for name in [dead, live.as_str(), other, "notes.tmp"] {
            age(&at(name), 3_600);
        }
        write(dir.path(), "progress.toml", b"new").unwrap();
        assert!(!at(dead).exists(), "a dead writer's old file is removed");
        for kept in [live.as_str(), fresh, other, "notes.tmp"] {
            assert!(at(kept).exists(), "{kept} is kept");
        }
        assert_eq!(fs::read(at("progress.toml")).unwrap(), b"new");
    }
}
