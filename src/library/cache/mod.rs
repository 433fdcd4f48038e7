//! A cache of the loaded library for `--cases DIR`, so that a large office library opens at once.
//!
//! The cache holds the whole result of loading (the library, the files left out and their
//! problems) and the search index built from it, under `$XDG_CACHE_HOME/casebook/libraries/`
//! (else `~/.cache/…`), one file per directory and `--only`. It is used only when its key matches
//! exactly: the cache format, this casebook's version and built-in library (a hash of its files),
//! the directory, `--only`, and every entry of the directory with its size, modification time (to
//! the nanosecond) and inode, compared by their count and a 128-bit digest (the entries themselves
//! are read only when those differ, see [`key`]). When only case files changed (added, removed, edited), the
//! unchanged ones' cases are taken from the cache and only the changed ones are read and checked;
//! the checks across files (duplicate ids and positions) run again over all of them, and a
//! problem there sends the load back to reading every file, so problems are always reported where
//! they are written. Any other change (a vocabulary, statutes or collections file, another
//! version) loads everything again. A cache that cannot be read, is corrupt (its checksum does not
//! match), or was written by another version is ignored and rebuilt: never an error, never stale
//! data. Writes are atomic. The directory stays bounded: see [`prune`].
//!
//! The file's layout is [`file`]'s. The cases' summaries are not read into memory: they stay in
//! the cache file, which the library keeps open and reads them from (see
//! [`crate::library::summary`]); a cache replaced or removed meanwhile leaves that file as it was. While it is read (on every core), another thread checks the
//! directory: a stale cache costs the time to read it, a fresh one waits for nothing.

mod file;
mod key;
mod prune;

use std::fs;
use std::path::{Path, PathBuf};

use super::files::{self, LIBRARY_FILES};
use super::model::{Case, DerivedIndex};
use super::{Library, LoadOptions, Loaded, Report, assemble, load_leaving_out};
use key::{Entry, Key, key_of};

/// The search index, which the cache keeps beside the library so that a warm start builds
/// nothing. The search says how to build, store and read it: it depends on the library, whose
/// modules cannot name its types.
pub trait Indexer: Sync {
    fn build(&self, library: &Library) -> DerivedIndex;
    /// The index in two parts: its tables, encoded, and one run of bytes stored as it lies (its
    /// largest table: read straight into place, it is never held twice while the index is
    /// read). `None` if it is not one this indexer built.
    fn encode<'i>(&self, index: &'i DerivedIndex) -> Option<(Vec<u8>, &'i [u8])>;
    /// The index stored in two parts (see [`Indexer::encode`]), if they decode: its tables,
    /// then its raw bytes, which `raw` reads only once the tables are decoded (and their bytes
    /// freed), so that the two are never held at once.
    fn decode(
        &self,
        tables: Vec<u8>,
        raw: &mut dyn FnMut() -> Option<Vec<u8>>,
    ) -> Option<DerivedIndex>;
    /// Whether a decoded index is shaped for `library` (a search through one that is not would
    /// read past its arrays).
    fn fits(&self, index: &DerivedIndex, library: &Library) -> bool;
}

/// Where caches are kept: `$XDG_CACHE_HOME/casebook/libraries`, else `~/.cache/…`.
pub fn default_dir() -> Option<PathBuf> {
    Some(crate::dirs::casebook(crate::dirs::Kind::Cache)?.join("libraries"))
}

/// Loads as [`load_leaving_out`] does, through the cache in `cache_dir` when there is one and
/// the options name a directory. A library that went through the cache keeps its search index
/// (read, or built to be stored).
pub fn load(
    options: &LoadOptions,
    cache_dir: Option<&Path>,
    indexer: &dyn Indexer,
) -> Result<Loaded, Report> {
    let (Some(dir), Some(cache_dir)) = (options.extra_dir, cache_dir) else {
        return load_leaving_out(options);
    };
    let Ok(canonical) = fs::canonicalize(dir) else {
        return load_leaving_out(options);
    };
    let stem = format!(
        "{:016x}",
        crate::rng::hash(u64::from(options.only), &canonical.display().to_string())
    );
    let path = cache_dir.join(format!("{stem}.bin"));
    let opened = file::open(&path);
    // The directory is checked while the cache is read: each takes a good part of a warm start.
    // Only the key's stamp outlives the check (see [`key`]).
    let (stamp, contents) = std::thread::scope(|scope| {
        let stamp = scope.spawn(|| key_of(&canonical, options.only).map(|key| key.stamp()));
        let contents = opened.as_ref().and_then(|opened| opened.read(indexer));
        (stamp.join().ok().flatten(), contents)
    });
    if stamp.is_none() {
        return load_leaving_out(options);
    }
    // The key the cache is written under: the one it was read with when its library is kept, so
    // that it never vouches for a file changed since; else the directory as it is now, before its
    // files are read.
    let (key, loaded) = match contents {
        Some(cached) if Some(&cached.stamp) == stamp.as_ref() => {
            let index = cached
                .index
                .filter(|index| indexer.fits(index, &cached.loaded.library));
            if let Some(index) = index {
                prune::mark_used(&path, std::time::SystemTime::now());
                cached.loaded.library.derived.keep(index);
                return Ok(cached.loaded);
            }
            // The library is sound and its index is not: build the index, store both again.
            match opened.as_ref().and_then(file::Opened::key) {
                Some(key) => (Some(key), cached.loaded),
                None => fresh(options, &canonical)?,
            }
        }
        Some(cached) if cached.loaded.left_out.is_empty() => {
            let keys = opened
                .as_ref()
                .and_then(file::Opened::key)
                .zip(key_of(&canonical, options.only));
            match keys {
                Some((before, key)) if only_cases_differ(&before, &key) => {
                    let loaded = reuse(options, dir, &key, &before, cached.loaded.library.cases)?;
                    (Some(key), loaded)
                }
                _ => fresh(options, &canonical)?,
            }
        }
        _ => fresh(options, &canonical)?,
    };
    let index = indexer.build(&loaded.library);
    let now = std::time::SystemTime::now();
    let nanos = now
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    // Best effort: a cache that cannot be written is only a slower next start.
    let name = format!("{stem}.bin");
    let Some(key) = key else {
        loaded.library.derived.keep(index);
        return Ok(loaded);
    };
    let written = fs::create_dir_all(cache_dir).and_then(|()| {
        file::write(
            cache_dir,
            &name,
            &key.settled(nanos),
            &loaded,
            &index,
            indexer,
        )
    });
    if written.is_ok() {
        // The JSON cache of earlier versions, for the same directory, is of no more use.
        let _ = fs::remove_file(cache_dir.join(format!("{stem}.json")));
        prune::prune(cache_dir, &name, now);
    }
    loaded.library.derived.keep(index);
    Ok(loaded)
}

/// The directory's key as it is now, and then its library read from its files (so that a file
/// changed in between is read again next time).
/// `None` for the key when the directory can no longer be listed: nothing is then stored.
fn fresh(options: &LoadOptions, canonical: &Path) -> Result<(Option<Key>, Loaded), Report> {
    let key = key_of(canonical, options.only);
    Ok((key, load_leaving_out(options)?))
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

/// Loads the directory with the cases of files unchanged since the cache was written (under
/// `cached_key`, its cases `cached`) taken from it; only the others are read. Any problem: everything is read again,
/// as without a cache.
fn reuse(
    options: &LoadOptions,
    dir: &Path,
    key: &Key,
    cached_key: &Key,
    cached: Vec<Case>,
) -> Result<Loaded, Report> {
    let before: std::collections::HashMap<&str, &Entry> = cached_key
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
    let mut cases: std::collections::HashMap<String, Case> = cached
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

#[cfg(test)]
mod tests;
