//! A cache of the loaded library for `--cases DIR`, so that a large office library opens at once.
//!
//! The cache holds the whole result of loading (the library, the files left out and their
//! problems) as JSON under `$XDG_CACHE_HOME/casebook/libraries/` (else `~/.cache/…`), one file
//! per directory and `--only`. It is used only when its key matches exactly: the cache format,
//! this casebook's version and built-in library (a hash of its files), the directory, `--only`,
//! and every entry of the directory with its size, modification time (to the nanosecond) and
//! inode. When only case files changed (added, removed, edited), the unchanged ones' cases are
//! taken from the cache and only the changed ones are read and checked; the checks across files
//! (duplicate ids and positions) run again over all of them, and a problem there sends the load
//! back to reading every file, so problems are always reported where they are written. Any other
//! change (a vocabulary, statutes or collections file, another version) loads everything again.
//! A cache that cannot be read, is corrupt, or was written by another version is ignored and
//! rebuilt: never an error, never stale data. Writes are atomic.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::diag::Diagnostic;
use super::files::{self, LIBRARY_FILES};
use super::{LoadOptions, Loaded, Report, assemble, load_leaving_out};

/// Bumped when what is stored changes shape.
const FORMAT: u32 = 2;

/// A file modified this recently (in nanoseconds) could change again within the same tick of the
/// file system's clock, size unchanged, and look the same next time (git's "racy clean"): its
/// entry is written with [`RACY`] for a time, so that it never matches and is read again.
const RACY_NS: u128 = 2_000_000_000;
const RACY: u128 = 0;

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
    let loaded = match read(&path) {
        Some(cached) if cached.key == key => return Ok(cached.into_loaded()),
        Some(cached) if cached.left_out.is_empty() && only_cases_differ(&cached.key, &key) => {
            reuse(options, dir, &key, cached)?
        }
        _ => load_leaving_out(options)?,
    };
    // Best effort: a cache that cannot be written is only a slower next start.
    let _ = write(cache_dir, &path, key, &loaded);
    Ok(loaded)
}

/// Whether a case file (not a library file, not an ignored one) has this name.
fn is_case_file(name: &str) -> bool {
    name.strip_suffix(".toml")
        .is_some_and(|stem| !LIBRARY_FILES.contains(&stem))
}

/// Whether two keys are for the same casebook, directory and settings, and differ at most in
/// the entries of case files.
fn only_cases_differ(a: &Key, b: &Key) -> bool {
    let others = |key: &Key| {
        key.entries
            .iter()
            .filter(|e| !is_case_file(&e.name))
            .cloned()
            .collect::<Vec<_>>()
    };
    (a.format, &a.version, a.builtin, &a.dir, a.only)
        == (b.format, &b.version, b.builtin, &b.dir, b.only)
        && others(a) == others(b)
}

/// Loads the directory with the cases of files unchanged since `cached` was written taken from
/// it; only the others are read. Any problem: everything is read again, as without a cache.
fn reuse(options: &LoadOptions, dir: &Path, key: &Key, cached: Cached) -> Result<Loaded, Report> {
    let before: std::collections::HashMap<&str, &Entry> = cached
        .key
        .entries
        .iter()
        .map(|e| (e.name.as_str(), e))
        .collect();
    let unchanged: std::collections::HashSet<&str> = key
        .entries
        .iter()
        .filter(|e| is_case_file(&e.name) && before.get(e.name.as_str()) == Some(e))
        .map(|e| e.name.as_str())
        .collect();
    let mut cases: std::collections::HashMap<String, super::Case> = cached
        .library
        .cases
        .into_iter()
        .map(|case| (case.id.to_string(), case))
        .collect();
    let mut extra = files::read_dir(dir)?;
    for file in &mut extra {
        let name = file.path.as_deref().and_then(Path::file_name);
        if name.is_some_and(|name| unchanged.contains(name.to_string_lossy().as_ref())) {
            file.reused = cases.remove(&file.stem).map(Box::new);
        }
    }
    drop(cases);
    match assemble(files::embedded(), Some(extra), options.only) {
        Ok(library) => Ok(Loaded {
            library,
            left_out: Vec::new(),
            problems: Report::default(),
        }),
        Err(_) => load_leaving_out(options),
    }
}

/// The key for `dir` as it is now; `None` when the directory cannot be listed.
fn key_of(dir: &Path, only: bool) -> Option<Key> {
    let canonical = fs::canonicalize(dir).ok()?;
    let listed: Vec<fs::DirEntry> = fs::read_dir(&canonical)
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
const PER_THREAD: usize = 512;

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
    super::files::embedded().iter().fold(0, |h, file| {
        let bytes = file.bytes.as_deref().unwrap_or_default();
        crate::rng::hash(h, &file.name)
            ^ crate::rng::hash(h.rotate_left(1), &String::from_utf8_lossy(bytes))
    })
}

/// The cache, if it is readable and whole.
fn read(path: &Path) -> Option<Cached> {
    let bytes = fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

impl Cached {
    fn into_loaded(self) -> Loaded {
        Loaded {
            library: self.library,
            left_out: self.left_out,
            problems: Report {
                problems: self.problems,
            },
        }
    }
}

fn write(cache_dir: &Path, path: &Path, mut key: Key, loaded: &Loaded) -> std::io::Result<()> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    for entry in &mut key.entries {
        if entry.modified_ns + RACY_NS > now {
            entry.modified_ns = RACY;
        }
    }
    fs::create_dir_all(cache_dir)?;
    let cached = ToCache {
        key: &key,
        library: &loaded.library,
        left_out: &loaded.left_out,
        problems: &loaded.problems.problems,
    };
    // Written by the project's atomic writer, so a reader never sees half a cache, and a
    // killed writer's temporary file is cleaned by the next write.
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| std::io::Error::other("the cache path has no file name"))?;
    crate::atomic::write_with(cache_dir, name, |out| {
        serde_json::to_writer(out, &cached).map_err(std::io::Error::other)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Twenty generated cases, their files dated a minute ago (older than the racy window).
    fn office() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let cases = dir.path().join("cases");
        crate::synth::write_settled(20, &cases).unwrap();
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

    /// One changed file is read again; the others' cases come from the cache (a marked copy).
    #[test]
    fn only_the_changed_files_are_read_again() {
        let (dir, cases) = office();
        let cache = dir.path().join("cache");
        load_with(&cases, &cache);
        let file = cache_file(&cache);
        let text = fs::read_to_string(&file).unwrap();
        fs::write(&file, text.replace("（合成）", "（缓存）")).unwrap();
        let edited = cases.join("gen-000003.toml");
        let text = fs::read_to_string(&edited).unwrap();
        fs::write(&edited, text.replacen("（合成）", "（改过）", 1)).unwrap();
        age(&edited);
        fs::remove_file(cases.join("gen-000004.toml")).unwrap();
        let loaded = load_with(&cases, &cache).library;
        assert_eq!(loaded.cases.len(), 19);
        assert!(
            loaded.case("gen-000004").is_none(),
            "a removed file is gone"
        );
        let title = |id: &str| loaded.case(id).unwrap().title.to_string();
        assert!(
            title("gen-000003").contains("（改过）"),
            "{}",
            title("gen-000003")
        );
        let from_cache = loaded
            .cases
            .iter()
            .filter(|c| c.title.contains("（缓存）"))
            .count();
        assert_eq!(from_cache, 18, "every unchanged case came from the cache");
        // And the cache now holds the new state: a third load is a whole hit.
        assert_eq!(load_with(&cases, &cache).library, loaded);
    }

    /// A problem across files that a reused case is part of is reported exactly as without a
    /// cache (its line and column, the file left out).
    #[test]
    fn a_problem_across_files_is_reported_as_without_a_cache() {
        let (dir, cases) = office();
        let original = fs::read_to_string(cases.join("gen-000005.toml")).unwrap();
        let add_position = |path: &Path, id: &str| {
            let text = original.clone();
            let text = text.replacen("id = \"gen-000005\"", &format!("id = \"{id}\""), 1);
            let text = text.replacen("collection = ", "position = 1\ncollection = ", 1);
            fs::write(path, text).unwrap();
            age(path);
        };
        add_position(&cases.join("gen-000005.toml"), "gen-000005");
        let cache = dir.path().join("cache");
        assert!(load_with(&cases, &cache).left_out.is_empty());
        // A new file, read before gen-000005, takes the same position.
        add_position(&cases.join("gen-000000.toml"), "gen-000000");
        let cached = load_with(&cases, &cache);
        let options = LoadOptions {
            extra_dir: Some(&cases),
            only: true,
        };
        let fresh = load_leaving_out(&options).unwrap();
        assert_eq!(cached.left_out, fresh.left_out);
        assert_eq!(cached.problems.problems, fresh.problems.problems);
        assert_eq!(cached.library, fresh.library);
        let problem = &cached.problems.problems[0];
        assert!(problem.file.ends_with("gen-000005.toml"), "{problem:?}");
        assert_ne!((problem.line, problem.col), (1, 1), "{problem:?}");
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

    /// A file changed a moment ago could change again within the same tick of the clock, its
    /// size the same: it is read again next time even when it looks unchanged.
    #[test]
    fn a_file_changed_a_moment_ago_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let cases = dir.path().join("cases");
        crate::synth::write(3, &cases).unwrap();
        let cache = dir.path().join("cache");
        let options = LoadOptions {
            extra_dir: Some(&cases),
            only: true,
        };
        load(&options, Some(&cache)).unwrap();
        // Same size, same modification time, same inode: only the content differs.
        let path = cases.join("gen-000002.toml");
        let modified = fs::metadata(&path).unwrap().modified().unwrap();
        let text = fs::read_to_string(&path).unwrap();
        let changed = text.replacen("（合成）", "（改过）", 1);
        assert_eq!(changed.len(), text.len());
        fs::write(&path, changed).unwrap();
        let file = fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(modified).unwrap();
        let loaded = load(&options, Some(&cache)).unwrap().library;
        let title = &loaded.case("gen-000002").unwrap().title;
        assert!(title.contains("（改过）"), "{title}");
    }

    /// With more files than one thread checks, the check is spread over threads: every file is
    /// still in the key, and one edited in place (same size, a settled new time) deep in the
    /// directory is read again.
    #[test]
    fn a_file_edited_in_place_among_many_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let cases = dir.path().join("cases");
        let count = 3 * PER_THREAD;
        crate::synth::write_settled(count, &cases).unwrap();
        let key = key_of(&cases, true).unwrap();
        assert_eq!(key.entries.len(), fs::read_dir(&cases).unwrap().count());
        assert!(key.entries.windows(2).all(|w| w[0].name < w[1].name));
        let cache = dir.path().join("cache");
        let options = LoadOptions {
            extra_dir: Some(&cases),
            only: true,
        };
        load(&options, Some(&cache)).unwrap();
        let path = cases.join(format!("gen-{:06}.toml", count - 7));
        let text = fs::read_to_string(&path).unwrap();
        let changed = text.replacen("（合成）", "（改过）", 1);
        assert_eq!(changed.len(), text.len());
        fs::write(&path, changed).unwrap();
        let half_a_minute_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(30);
        let file = fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(half_a_minute_ago).unwrap();
        let loaded = load(&options, Some(&cache)).unwrap();
        let id = format!("gen-{:06}", count - 7);
        let title = &loaded.library.case(&id).unwrap().title;
        assert!(title.contains("（改过）"), "{title}");
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
