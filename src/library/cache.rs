//! A cache of the loaded library for `--cases DIR`, so that a large office library opens at once.
//!
//! The cache holds the whole result of loading (the library, the files left out and their
//! problems) as JSON under `$XDG_CACHE_HOME/casebook/libraries/` (else `~/.cache/…`), one file
//! per directory and `--only`. It is used only when its key matches exactly: the cache format,
//! this casebook's version and built-in library (a hash of its files), the directory, `--only`,
//! and every entry of the directory with its size, modification time (to the nanosecond) and
//! inode. Any change, an added or removed file included, loads everything again and rewrites
//! the cache. A cache that cannot be read, is corrupt, or was written by another version is
//! ignored and rebuilt: never an error, never stale data. Writes are atomic.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::diag::Diagnostic;
use super::{LoadOptions, Loaded, Report, load_leaving_out};

/// Bumped when what is stored changes shape.
const FORMAT: u32 = 1;

/// Files modified this recently (in nanoseconds) keep a directory out of the cache.
const RACY_NS: u128 = 2_000_000_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Key {
    format: u32,
    version: String,
    /// A hash of the built-in library's files.
    builtin: u64,
    dir: String,
    only: bool,
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    name: String,
    size: u64,
    modified_ns: u128,
    inode: u64,
}

#[derive(Deserialize)]
struct Cached {
    key: Key,
    library: super::Library,
    left_out: Vec<String>,
    problems: Vec<Diagnostic>,
}

/// What [`Cached`] reads, written from borrowed parts (no copy of a large library).
#[derive(Serialize)]
struct ToCache<'a> {
    key: &'a Key,
    library: &'a super::Library,
    left_out: &'a [String],
    problems: &'a [Diagnostic],
}

/// Where caches are kept: `$XDG_CACHE_HOME/casebook/libraries`, else `~/.cache/…`.
pub fn default_dir() -> Option<PathBuf> {
    let nonempty = |name| std::env::var_os(name).filter(|v| !v.is_empty());
    let base = nonempty("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| nonempty("HOME").map(|home| PathBuf::from(home).join(".cache")))?;
    Some(base.join("casebook").join("libraries"))
}

/// Loads as [`load_leaving_out`] does, through the cache in `cache_dir` when there is one and
/// the options name a directory.
pub fn load(options: &LoadOptions, cache_dir: Option<&Path>) -> Result<Loaded, Report> {
    let (Some(dir), Some(cache_dir)) = (options.extra_dir, cache_dir) else {
        return load_leaving_out(options);
    };
    let Some(key) = key_of(dir, options.only) else {
        return load_leaving_out(options);
    };
    let path = cache_dir.join(format!(
        "{:016x}.json",
        crate::rng::hash(u64::from(options.only), &key.dir)
    ));
    if let Some(loaded) = read(&path, &key) {
        return Ok(loaded);
    }
    let loaded = load_leaving_out(options)?;
    // Best effort: a cache that cannot be written is only a slower next start.
    let _ = write(cache_dir, &path, key, &loaded);
    Ok(loaded)
}

/// The key for `dir` as it is now; `None` when the directory cannot be listed.
fn key_of(dir: &Path, only: bool) -> Option<Key> {
    let canonical = fs::canonicalize(dir).ok()?;
    let mut entries = Vec::new();
    for entry in fs::read_dir(&canonical).ok()? {
        let entry = entry.ok()?;
        let meta = entry.metadata().ok()?;
        let modified_ns = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        entries.push(Entry {
            name: entry.file_name().to_string_lossy().into_owned(),
            size: meta.len(),
            modified_ns,
            inode: meta.ino(),
        });
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

fn builtin_hash() -> u64 {
    super::files::embedded().iter().fold(0, |h, file| {
        let bytes = file.bytes.as_deref().unwrap_or_default();
        crate::rng::hash(h, &file.name)
            ^ crate::rng::hash(h.rotate_left(1), &String::from_utf8_lossy(bytes))
    })
}

/// The cached result, if the cache is readable, whole and made for exactly this key.
fn read(path: &Path, key: &Key) -> Option<Loaded> {
    let bytes = fs::read(path).ok()?;
    let cached: Cached = serde_json::from_slice(&bytes).ok()?;
    (cached.key == *key).then(|| Loaded {
        library: cached.library,
        left_out: cached.left_out,
        problems: Report {
            problems: cached.problems,
        },
    })
}

fn write(cache_dir: &Path, path: &Path, key: Key, loaded: &Loaded) -> std::io::Result<()> {
    // A file changed within the last moments could change again within the same tick of the
    // file system's clock, size unchanged, and look the same next time: such a directory is not
    // cached yet (git's "racy clean" rule).
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    if key.entries.iter().any(|e| e.modified_ns + RACY_NS > now) {
        return Ok(());
    }
    fs::create_dir_all(cache_dir)?;
    let cached = ToCache {
        key: &key,
        library: &loaded.library,
        left_out: &loaded.left_out,
        problems: &loaded.problems.problems,
    };
    // Renamed into place, so a reader never sees half a cache; not flushed to disk, since a
    // cache lost to a crash is only rebuilt (a torn one fails to parse and is ignored).
    let temp = path.with_extension(format!("{}.tmp", std::process::id()));
    let mut out = std::io::BufWriter::with_capacity(1 << 20, fs::File::create(&temp)?);
    serde_json::to_writer(&mut out, &cached).map_err(std::io::Error::other)?;
    std::io::Write::flush(&mut out)?;
    drop(out);
    fs::rename(&temp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Twenty generated cases, their files dated a minute ago (older than the racy window).
    fn office() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let cases = dir.path().join("cases");
        crate::synth::write(20, &cases).unwrap();
        for entry in fs::read_dir(&cases).unwrap() {
            age(&entry.unwrap().path());
        }
        (dir, cases)
    }

    fn age(path: &Path) {
        let minute_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        let file = fs::File::options().write(true).open(path).unwrap();
        file.set_modified(minute_ago).unwrap();
    }

    fn load_with(cases: &Path, cache: &Path) -> Loaded {
        let options = LoadOptions {
            extra_dir: Some(cases),
            only: true,
        };
        load(&options, Some(cache)).unwrap()
    }

    fn cache_file(cache: &Path) -> PathBuf {
        fs::read_dir(cache).unwrap().next().unwrap().unwrap().path()
    }

    #[test]
    fn a_second_load_comes_from_the_cache() {
        let (dir, cases) = office();
        let cache = dir.path().join("cache");
        let first = load_with(&cases, &cache);
        assert_eq!(first.library.cases.len(), 20);
        // Mark the cached copy: what the second load returns must be it.
        let file = cache_file(&cache);
        let text = fs::read_to_string(&file).unwrap();
        fs::write(&file, text.replacen("（合成）", "（缓存）", 1)).unwrap();
        let bytes = fs::read(&file).unwrap();
        if let Err(e) = serde_json::from_slice::<Cached>(&bytes) {
            panic!("{e}");
        }
        let second = load_with(&cases, &cache);
        assert!(
            second
                .library
                .cases
                .iter()
                .any(|c| c.title.contains("（缓存）"))
        );
    }

    #[test]
    fn a_changed_file_is_read_again() {
        let (dir, cases) = office();
        let cache = dir.path().join("cache");
        load_with(&cases, &cache);
        let case = cases.join("gen-000003.toml");
        let text = fs::read_to_string(&case).unwrap();
        fs::write(&case, text.replacen("（合成）", "（改过）", 1)).unwrap();
        // Just written: the directory is not cached again until it has settled.
        let again = load_with(&cases, &cache);
        assert!(
            again
                .library
                .case("gen-000003")
                .unwrap()
                .title
                .contains("（改过）")
        );
        let again = load_with(&cases, &cache);
        let changed = again.library.case("gen-000003").unwrap();
        assert!(changed.title.contains("（改过）"), "{}", changed.title);
        // A removed file too.
        fs::remove_file(cases.join("gen-000004.toml")).unwrap();
        assert!(
            load_with(&cases, &cache)
                .library
                .case("gen-000004")
                .is_none()
        );
    }

    #[test]
    fn a_corrupt_or_foreign_cache_is_ignored_and_rebuilt() {
        let (dir, cases) = office();
        let cache = dir.path().join("cache");
        let truth = load_with(&cases, &cache).library;
        let file = cache_file(&cache);
        fs::write(&file, b"{ not json").unwrap();
        assert_eq!(load_with(&cases, &cache).library, truth);
        assert!(serde_json::from_slice::<serde_json::Value>(&fs::read(&file).unwrap()).is_ok());
        // Written by another version: the key does not match.
        let text = fs::read_to_string(&file).unwrap();
        let other = text.replacen(env!("CARGO_PKG_VERSION"), "0.0.0-other", 1);
        let other = other.replacen("（合成）", "（旧版）", 1);
        fs::write(&file, other).unwrap();
        let loaded = load_with(&cases, &cache).library;
        assert!(loaded.cases.iter().all(|c| !c.title.contains("（旧版）")));
    }

    #[test]
    fn without_a_cache_directory_nothing_is_written() {
        let (dir, cases) = office();
        let options = LoadOptions {
            extra_dir: Some(&cases),
            only: true,
        };
        let loaded = load(&options, None).unwrap();
        assert_eq!(loaded.library.cases.len(), 20);
        assert!(!dir.path().join("cache").exists());
    }
}

#[cfg(test)]
mod racy {
    use super::*;

    #[test]
    fn a_directory_changed_a_moment_ago_is_not_cached() {
        let dir = tempfile::tempdir().unwrap();
        let cases = dir.path().join("cases");
        crate::synth::write(3, &cases).unwrap();
        let cache = dir.path().join("cache");
        let options = LoadOptions {
            extra_dir: Some(&cases),
            only: true,
        };
        load(&options, Some(&cache)).unwrap();
        assert!(!cache.exists(), "files just written: nothing cached");
    }

    #[test]
    fn the_builtin_library_survives_the_cache_format() {
        let library = crate::library::load(&Default::default()).unwrap();
        let json = serde_json::to_vec(&library).unwrap();
        let back: crate::library::Library = serde_json::from_slice(&json).unwrap();
        assert_eq!(back, library);
        let synth = crate::synth::library(50).unwrap();
        let back: crate::library::Library =
            serde_json::from_slice(&serde_json::to_vec(&synth).unwrap()).unwrap();
        assert_eq!(back, synth);
    }
}
