//! The key a cache is valid for: this casebook, the directory, and every file in it as it is now.
//!
//! A start compares only the key's [`Stamp`] (its entries' count and digest): holding two keys of
//! 100,000 entries at once, with the directory's listing, cost the warm start some 25 MB at its
//! peak. The entries themselves are read from the cache only when the stamps differ, to find the
//! files whose cases can be taken from it.

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

/// A key in brief: everything but its entries, which it holds as their count and an XXH3-128
/// digest. Two stamps are equal when their keys are (but for a collision of 128-bit hashes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub format: u32,
    pub version: String,
    pub builtin: u64,
    pub dir: String,
    pub only: bool,
    pub files: u64,
    pub digest: u128,
}

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
    /// The key in brief (see [`Stamp`]).
    pub fn stamp(&self) -> Stamp {
        let mut digest = xxhash_rust::xxh3::Xxh3::new();
        for entry in &self.entries {
            // The name's length first: no two lists of names hash the same bytes.
            digest.update(&(entry.name.len() as u64).to_le_bytes());
            digest.update(entry.name.as_bytes());
            digest.update(&entry.size.to_le_bytes());
            digest.update(&entry.modified_ns.to_le_bytes());
            digest.update(&entry.inode.to_le_bytes());
        }
        Stamp {
            format: self.format,
            version: self.version.clone(),
            builtin: self.builtin,
            dir: self.dir.clone(),
            only: self.only,
            files: self.entries.len() as u64,
            digest: digest.digest128(),
        }
    }

    /// The key from its stamp and its entries, as the cache stores them.
    pub fn from_parts(stamp: Stamp, entries: Vec<Entry>) -> Key {
        Key {
            format: stamp.format,
            version: stamp.version,
            builtin: stamp.builtin,
            dir: stamp.dir,
            only: stamp.only,
            entries,
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    fn key(entries: &[(&str, u64, u128, u64)]) -> Key {
        Key {
            format: FORMAT,
            version: "test".into(),
            builtin: 1,
            dir: "/office".into(),
            only: true,
            entries: entries
                .iter()
                .map(|&(name, size, modified_ns, inode)| Entry {
                    name: name.into(),
                    size,
                    modified_ns,
                    inode,
                })
                .collect(),
        }
    }

    /// Any difference in any entry (its name, size, time, inode, or where one name ends and the
    /// next begins) or in the rest of the key gives another stamp.
    #[test]
    fn a_stamp_differs_whenever_its_key_does() {
        let base = key(&[("a.toml", 10, 5, 7), ("b.toml", 20, 6, 8)]);
        assert_eq!(base.stamp(), base.clone().stamp());
        let others = [
            key(&[("a.toml", 10, 5, 7), ("c.toml", 20, 6, 8)]),
            key(&[("a.toml", 11, 5, 7), ("b.toml", 20, 6, 8)]),
            key(&[("a.toml", 10, 5, 7), ("b.toml", 20, 0, 8)]),
            key(&[("a.toml", 10, 5, 7), ("b.toml", 20, 6, 9)]),
            key(&[("a.toml", 10, 5, 7)]),
            key(&[("a.tomlb", 10, 5, 7), (".toml", 20, 6, 8)]),
        ];
        for other in &others {
            assert_ne!(base.stamp(), other.stamp(), "{other:?}");
        }
        let mut version = base.clone();
        version.version = "other".into();
        assert_ne!(base.stamp(), version.stamp());
        let stamp = base.stamp();
        assert_eq!(Key::from_parts(stamp, base.entries.clone()), base);
    }
}
