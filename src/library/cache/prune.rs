//! Keeping the cache directory bounded. Each directory ever opened gets a cache file of its own
//! (181 MB for 100,000 cases), and a directory that is moved, renamed or deleted never asks for
//! its file again: without pruning, the directory only grows (a day of test runs had left 1,287
//! files, 564 MB).
//!
//! A cache is "used" when a start reads it whole and keeps it: its modification time is then set
//! to the moment of use, so the files' times order them by last use. Whenever a cache is written,
//! the others are pruned: any unused for [`UNUSED_FOR`], then the least recently used beyond
//! [`KEEP`]. Removing a cache is always safe — it is only a slower next start — and a session
//! reading a file that another removes keeps reading it (an open file outlives its name).

use std::fs::{self, File};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// How many caches are kept (the one just written among them): an office's few libraries, each
/// with and without `--only`.
pub const KEEP: usize = 16;

/// A cache unused this long is removed at the next write.
pub const UNUSED_FOR: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// Marks the cache at `path` used at `now`. Best effort: a cache whose time cannot be set
/// (another user's) is only pruned earlier.
pub fn mark_used(path: &Path, now: SystemTime) {
    if let Ok(file) = File::open(path) {
        let _ = file.set_modified(now);
    }
}

/// Whether `name` is a cache file's (`<16 hex digits>.bin`, or `.json` as earlier versions
/// wrote): nothing else in the directory is ever removed.
fn is_cache_name(name: &str) -> bool {
    let Some((stem, extension)) = name.split_once('.') else {
        return false;
    };
    stem.len() == 16
        && stem.bytes().all(|b| b.is_ascii_hexdigit())
        && matches!(extension, "bin" | "json")
}

/// Removes from `dir` the caches unused for [`UNUSED_FOR`] before `now`, then the least recently
/// used beyond [`KEEP`]. `keep` (the cache just written) always stays.
pub fn prune(dir: &Path, keep: &str, now: SystemTime) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut caches: Vec<(SystemTime, String)> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let used = entry.metadata().ok()?.modified().ok()?;
            (is_cache_name(&name) && name != keep).then_some((used, name))
        })
        .collect();
    // Most recently used first; a time in the future (a clock set back) counts as recent.
    caches.sort_unstable_by(|a, b| b.cmp(a));
    for (rank, (used, name)) in caches.iter().enumerate() {
        let unused = now.duration_since(*used).unwrap_or_default();
        // `rank + 1`: the cache just written is one of the KEEP.
        if unused > UNUSED_FOR || rank + 1 >= KEEP {
            let _ = fs::remove_file(dir.join(name));
            crate::atomic::clean_stale(dir, name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: Duration = Duration::from_secs(24 * 60 * 60);

    fn cache_at(dir: &Path, name: &str, used: SystemTime) {
        let path = dir.join(name);
        fs::write(&path, b"cache").unwrap();
        File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(used)
            .unwrap();
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    fn name(n: usize) -> String {
        format!("{n:016x}.bin")
    }

    #[test]
    fn only_cache_names_count() {
        assert!(is_cache_name("00ec054f9bee7728.bin"));
        assert!(is_cache_name("00ec054f9bee7728.json"));
        for other in [
            "progress.toml",
            "00ec054f9bee7728.toml",
            "00ec054f9bee772.bin",
            "00ec054f9bee7728x.bin",
            "00ec054f9bee772g.bin",
            ".00ec054f9bee7728.bin.12.34.tmp",
            "00ec054f9bee7728.bin.bak",
        ] {
            assert!(!is_cache_name(other), "{other}");
        }
    }

    /// Twenty caches used a day apart: the sixteen most recently used stay (the one just
    /// written among them, though it is the oldest), the others go; other files stay.
    #[test]
    fn the_least_recently_used_beyond_the_bound_go() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        for n in 0..20 {
            cache_at(dir.path(), &name(n), now - DAY * n as u32);
        }
        fs::write(dir.path().join("notes.txt"), b"mine").unwrap();
        let written = name(19);
        prune(dir.path(), &written, now);
        let mut expected: Vec<String> = (0..KEEP - 1).map(name).collect();
        expected.push(written);
        expected.push("notes.txt".to_string());
        expected.sort();
        assert_eq!(names(dir.path()), expected);
    }

    /// A cache unused for more than thirty days goes even under the bound; one used within them,
    /// or stamped in the future by a clock set back, stays.
    #[test]
    fn caches_unused_for_thirty_days_go() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        cache_at(dir.path(), &name(1), now - UNUSED_FOR - DAY);
        cache_at(dir.path(), &name(2), now - UNUSED_FOR + DAY);
        cache_at(dir.path(), &name(3), now + DAY);
        cache_at(dir.path(), "00000000000000aa.json", now - UNUSED_FOR - DAY);
        prune(dir.path(), &name(9), now);
        assert_eq!(names(dir.path()), vec![name(2), name(3)]);
    }

    #[test]
    fn a_missing_directory_is_no_error() {
        let dir = tempfile::tempdir().unwrap();
        prune(&dir.path().join("gone"), &name(0), SystemTime::now());
    }
}
