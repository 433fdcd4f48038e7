//! The key a cache is valid for: this casebook, the directory, and every file in it as it is now.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::file::FORMAT;

/// A file modified this recently (in nanoseconds) could change again within the same tick of the
/// file system's clock, size unchanged, and look the same next time (git's "racy clean"): its
/// entry is written with [`RACY`] for a time, so that it never matches and is read again.
const RACY_NS: u128 = 2_000_000_000;
const RACY: u128 = 0;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    pub format: u32,
    pub version: String,
    /// A hash of the built-in library's files.
    pub builtin: u64,
    pub dir: String,
    pub only: bool,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub name: String,
    pub size: u64,
    pub modified_ns: u128,
    pub inode: u64,
}

/// The key for the directory `canonical` (a canonical path) as it is now; `None` when it cannot
/// be listed.
pub fn key_of(canonical: &Path, only: bool) -> Option<Key> {
    let listed: Vec<fs::DirEntry> = fs::read_dir(canonical)
        .ok()?
        .collect::<Result<_, _>>()
        .ok()?;
    // One `statx` a file: at 10,000 files most of the check's time, spent in the kernel and
    // spread over the cores. Every file is still looked at, so a changed one is never missed.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = listed.len().div_ceil(threads).max(PER_THREAD);
    let parts: Vec<Option<Vec<Entry>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = listed
            .chunks(chunk)
            .map(|files| scope.spawn(move || files.iter().map(entry_of).collect()))
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().ok().flatten())
            .collect()
    });
    let mut entries = Vec::with_capacity(listed.len());
    for part in parts {
        entries.extend(part?);
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Some(Key {
        format: FORMAT,
        version: env!("CARGO_PKG_VERSION").to_string(),
        builtin: builtin_hash(),
        dir: canonical.display().to_string(),
        only,
        entries,
    })
}

/// Files below which one thread checks them all (a thread costs more than a few `statx`).
pub const PER_THREAD: usize = 512;

/// A file's identity: name, size, modification time to the nanosecond, inode.
fn entry_of(entry: &fs::DirEntry) -> Option<Entry> {
    let meta = entry.metadata().ok()?;
    let modified_ns = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some(Entry {
        name: entry.file_name().to_string_lossy().into_owned(),
        size: meta.len(),
        modified_ns,
        inode: meta.ino(),
    })
}

fn builtin_hash() -> u64 {
    crate::library::files::embedded().iter().fold(0, |h, file| {
        let bytes = file.bytes.as_deref().unwrap_or_default();
        crate::rng::hash(h, &file.name)
            ^ crate::rng::hash(h.rotate_left(1), &String::from_utf8_lossy(bytes))
    })
}

impl Key {
    /// The key as the cache stores it: a file modified within [`RACY_NS`] of `now` is entered
    /// with [`RACY`], so that it is read again next time.
    pub fn settled(mut self, now: u128) -> Key {
        for entry in &mut self.entries {
            if entry.modified_ns + RACY_NS > now {
                entry.modified_ns = RACY;
            }
        }
        self
    }
}
