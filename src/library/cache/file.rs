//! The cache file: a header, the sections, each in [postcard] with an XXH3 checksum of its own,
//! then a table of the sections and a footer (the table's length and checksum).
//!
//! Sections, in order: the key's stamp; the key's entries (read only when the stamps differ); the
//! library without its cases, with the files left out and their
//! problems; the search index; then the cases, [`CASES_PER_SECTION`] a section, each section
//! their summaries' texts one after another and then the cases, each summary a place among those
//! texts. A library read from the cache leaves its summaries there, in the file it keeps open,
//! and reads them when they are asked for (see [`summary`]): at 100,000 cases that is 81 MB it
//! does not hold, and a search reads the texts it needs close together. Sections are read
//! and decoded on every core at once, and only a section's bytes are held while it is decoded, so
//! that reading 100,000 cases needs neither their whole file in memory nor one core's time for
//! all of it. The table comes last so that a section is written as soon as it is encoded: the
//! writer holds one section at a time, not the whole file (181 MB at 100,000 cases).
//!
//! Why postcard: a well-kept serde format with no field names, read in order — much less to parse
//! than JSON (10,000 cases: 45 ms from JSON) and no second set of types to keep beside the model,
//! which rkyv's zero-copy reading would need throughout the program.
//!
//! [postcard]: https://docs.rs/postcard

use std::borrow::Cow;
use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use super::Indexer;
use super::key::{Entry, Key, Stamp};
use crate::library::model::{Campaign, Case, Collection, DerivedIndex, Library, Vocab};
use crate::library::provision::{Relation, Statute};
use crate::library::{Diagnostic, Loaded, Report, omit, summary};

/// Bumped when what is stored changes shape.
pub const FORMAT: u32 = 10;

/// What every cache file starts with: another file in the directory is never read as one.
const MAGIC: &[u8; 16] = b"casebook cache\n\0";

/// The header: magic and format. The sections follow it.
const HEADER: usize = MAGIC.len() + 4;

/// The footer, the file's last bytes: the table's length and its checksum.
const FOOTER: usize = 4 + 8;

/// Cases a section: at 100,000 cases, some fifty sections to share among the cores.
pub const CASES_PER_SECTION: usize = 2048;

/// A table larger than this is not a table this program wrote (a million sections).
const TABLE_LIMIT: u32 = 32 << 20;

/// The fixed sections before the cases.
const STAMP: usize = 0;
const ENTRIES: usize = 1;
const HEAD: usize = 2;
const INDEX: usize = 3;
/// The index's raw bytes (see [`Indexer::encode`]).
const INDEX_RAW: usize = 4;
const FIRST_CASES: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Section {
    /// From the end of the table.
    offset: u64,
    len: u64,
    checksum: u64,
}

/// The library but its cases, and what loading left out.
#[derive(Deserialize)]
pub struct Head {
    vocab: Vocab,
    statutes: Vec<Statute>,
    relations: Vec<Relation>,
    collections: Vec<Collection>,
    campaign: Option<Campaign>,
    left_out: Vec<String>,
    problems: Vec<Diagnostic>,
    /// How many cases the sections hold: a cache read back with fewer (or more) is not used.
    cases: u64,
}

/// What [`Head`] reads, written from borrowed parts.
#[derive(Serialize)]
struct HeadOf<'a> {
    vocab: &'a Vocab,
    statutes: &'a [Statute],
    relations: &'a [Relation],
    collections: &'a [Collection],
    campaign: &'a Option<Campaign>,
    left_out: &'a [String],
    problems: &'a [Diagnostic],
    cases: u64,
}

/// A cache file's contents, read.
pub struct Contents {
    /// The stamp of the key it was written under.
    pub stamp: Stamp,
    pub loaded: Loaded,
    /// The index, when it decoded (it is checked against the library by its indexer).
    pub index: Option<DerivedIndex>,
}

/// Writes `loaded` and its index under `key` to `dir/name`, atomically.
pub fn write(
    dir: &Path,
    name: &str,
    key: &Key,
    loaded: &Loaded,
    index: &DerivedIndex,
    indexer: &dyn Indexer,
) -> io::Result<()> {
    let library = &loaded.library;
    let head = HeadOf {
        vocab: &library.vocab,
        statutes: &library.statutes,
        relations: &library.relations,
        collections: &library.collections,
        campaign: &library.campaign,
        left_out: &loaded.left_out,
        problems: &loaded.problems.problems,
        cases: library.cases.len() as u64,
    };
    let Some((tables, raw)) = indexer.encode(index) else {
        return Err(io::Error::other("the index is not one this indexer built"));
    };
    omit::keeping_all(|| {
        let fixed = [
            postcard::to_allocvec(&key.stamp()).map(Cow::Owned),
            postcard::to_allocvec(&key.entries).map(Cow::Owned),
            postcard::to_allocvec(&head).map(Cow::Owned),
            Ok(Cow::Owned(tables)),
            Ok(Cow::Borrowed(raw)),
        ];
        let cases =
            (library.cases.chunks(CASES_PER_SECTION)).map(|c| cases_section(c).map(Cow::Owned));
        write_sections(dir, name, fixed.into_iter().chain(cases))
    })
}

/// A section of cases: the length of their summaries' texts (4 bytes), those texts one after
/// another, then the cases, each summary a place among the texts (see [`summary`]).
fn cases_section(cases: &[Case]) -> Result<Vec<u8>, postcard::Error> {
    let (encoded, texts) = summary::writing_apart(|| postcard::to_allocvec(cases));
    let encoded = encoded?;
    let len = u32::try_from(texts.len()).map_err(|_| postcard::Error::SerializeBufferFull)?;
    let mut section = Vec::with_capacity(4 + texts.len() + encoded.len());
    section.extend_from_slice(&len.to_le_bytes());
    section.extend_from_slice(&texts);
    section.extend_from_slice(&encoded);
    Ok(section)
}

/// Writes the header, each section as it comes (encoded one at a time), then the table and the
/// footer, atomically.
fn write_sections<'a>(
    dir: &Path,
    name: &str,
    sections: impl Iterator<Item = Result<Cow<'a, [u8]>, postcard::Error>>,
) -> io::Result<()> {
    // Written by the project's atomic writer, so a reader never sees half a cache, and a killed
    // writer's temporary file is cleaned by the next write.
    crate::atomic::write_with(dir, name, |out| {
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT.to_le_bytes())?;
        let mut table = Vec::new();
        let mut offset = 0;
        for bytes in sections {
            let bytes = bytes.map_err(io::Error::other)?;
            let len = bytes.len() as u64;
            table.push(Section {
                offset,
                len,
                checksum: xxhash_rust::xxh3::xxh3_64(&bytes),
            });
            offset += len;
            out.write_all(&bytes)?;
        }
        let table = postcard::to_allocvec(&table).map_err(io::Error::other)?;
        let table_len = u32::try_from(table.len()).map_err(io::Error::other)?;
        out.write_all(&table)?;
        out.write_all(&table_len.to_le_bytes())?;
        out.write_all(&xxhash_rust::xxh3::xxh3_64(&table).to_le_bytes())
    })
}

/// A cache file opened, its header and table checked.
pub struct Opened {
    /// Shared with the summaries of the cases read from it, which stay in the file (see
    /// [`crate::library::summary`]).
    file: Arc<File>,
    /// Where the sections end (and the table starts) in the file.
    len: u64,
    sections: Vec<Section>,
    /// Where the sections start in the file.
    base: u64,
}

/// Opens the cache at `path`; `None` if there is none, or its header, footer or table is not
/// this format's or not whole.
pub fn open(path: &Path) -> Option<Opened> {
    let file = File::open(path).ok()?;
    let file_len = file.metadata().ok()?.len();
    let mut header = [0; HEADER];
    file.read_exact_at(&mut header, 0).ok()?;
    let (magic, format) = header.split_at(MAGIC.len());
    if magic != MAGIC || format != FORMAT.to_le_bytes() {
        return None;
    }
    let footer_at = file_len.checked_sub(FOOTER as u64)?;
    let mut footer = [0; FOOTER];
    file.read_exact_at(&mut footer, footer_at).ok()?;
    let (table_len, checksum) = footer.split_at(4);
    let table_len = u32::from_le_bytes(table_len.try_into().ok()?);
    if table_len > TABLE_LIMIT {
        return None;
    }
    // The sections end where the table starts, which is never before the header's end.
    let sections_end = footer_at
        .checked_sub(u64::from(table_len))
        .filter(|&at| at >= HEADER as u64)?;
    let mut table = vec![0; table_len as usize];
    file.read_exact_at(&mut table, sections_end).ok()?;
    if xxhash_rust::xxh3::xxh3_64(&table) != u64::from_le_bytes(checksum.try_into().ok()?) {
        return None;
    }
    let sections: Vec<Section> = postcard::from_bytes(&table).ok()?;
    (sections.len() >= FIRST_CASES).then_some(Opened {
        file: Arc::new(file),
        len: sections_end,
        sections,
        base: HEADER as u64,
    })
}

/// What one job of reading made.
enum Part {
    Index(Option<DerivedIndex>),
    Cases(usize, Vec<Case>),
}

impl Opened {
    /// A section's bytes, if they are whole and match their checksum.
    fn section(&self, n: usize) -> Option<Vec<u8>> {
        self.section_at(n).map(|(bytes, _)| bytes)
    }

    /// A section's bytes, if they are whole and match their checksum, and where they lie in the
    /// file.
    fn section_at(&self, n: usize) -> Option<(Vec<u8>, u64)> {
        let section = self.sections.get(n)?;
        let len = usize::try_from(section.len).ok()?;
        let at = self.base.checked_add(section.offset)?;
        // A length past the file's end is a broken table, not an allocation to attempt.
        if at.checked_add(section.len)? > self.len {
            return None;
        }
        let mut bytes = vec![0; len];
        self.file.read_exact_at(&mut bytes, at).ok()?;
        (xxhash_rust::xxh3::xxh3_64(&bytes) == section.checksum).then_some((bytes, at))
    }

    /// The cases of a section that lies at `at`, their summaries left in the file (checked:
    /// the section's checksum, then each summary within the texts and UTF-8), read when they
    /// are asked for.
    fn cases(&self, section: &[u8], at: u64) -> Option<Vec<Case>> {
        let (len, rest) = section.split_first_chunk::<4>()?;
        let len = u32::from_le_bytes(*len) as usize;
        let (texts, encoded) = (rest.get(..len)?, rest.get(len..)?);
        let mut cases: Vec<Case> =
            summary::reading_apart(&self.file, || postcard::from_bytes(encoded).ok())?;
        let summaries = cases.iter_mut().map(|case| &mut case.summary);
        if !summary::settle(summaries, texts, at + 4) {
            return None;
        }
        // Here, on the thread that read the section: its copies are freed before it is joined.
        crate::library::share::share(&mut cases);
        Some(cases)
    }

    /// The stamp of the key the cache was written under.
    fn stamp(&self) -> Option<Stamp> {
        postcard::from_bytes(&self.section(STAMP)?).ok()
    }

    /// The key the cache was written under, entries and all.
    pub fn key(&self) -> Option<Key> {
        let entries: Vec<Entry> = postcard::from_bytes(&self.section(ENTRIES)?).ok()?;
        Some(Key::from_parts(self.stamp()?, entries))
    }

    /// Everything the cache holds, read on every core: the index and each section of cases are
    /// jobs that the threads take in turn, and this thread joins the sections in order as they
    /// come, so that a section's cases are moved once and freed at once (joined only at the end,
    /// 100,000 cases were held twice: 70 MB more at the peak). `None` if a section is not whole
    /// or does not decode.
    pub fn read(&self, indexer: &dyn Indexer) -> Option<Contents> {
        let stamp = self.stamp()?;
        let head: Head = postcard::from_bytes(&self.section(HEAD)?).ok()?;
        // The index is one job, each section of cases another.
        let jobs = self.sections.len() - FIRST_CASES + 1;
        let next = AtomicUsize::new(0);
        let failed = AtomicBool::new(false);
        let job = |n: usize| -> Option<Part> {
            if n == 0 {
                let index = self
                    .section(INDEX)
                    .and_then(|tables| indexer.decode(tables, &mut || self.section(INDEX_RAW)));
                return Some(Part::Index(index));
            }
            let (bytes, at) = self.section_at(FIRST_CASES + n - 1)?;
            Some(Part::Cases(n, self.cases(&bytes, at)?))
        };
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(jobs);
        let (done, parts) = std::sync::mpsc::channel();
        let mut index = None;
        // Room for every case at once (growing by doubling would hold them twice), but never
        // more than the file could hold: a case takes some 1,200 bytes (never under 64), and a
        // broken table that claims a million sections must not ask for terabytes.
        let most = usize::try_from(self.len / 64).unwrap_or(usize::MAX);
        let mut cases = Vec::with_capacity(((jobs - 1) * CASES_PER_SECTION).min(most));
        std::thread::scope(|scope| {
            for _ in 0..threads {
                let done = done.clone();
                let (next, failed, job) = (&next, &failed, &job);
                scope.spawn(move || {
                    while !failed.load(Ordering::Relaxed) {
                        let n = next.fetch_add(1, Ordering::Relaxed);
                        if n >= jobs {
                            return;
                        }
                        let sent = job(n).is_some_and(|part| done.send(part).is_ok());
                        if !sent {
                            return failed.store(true, Ordering::Relaxed);
                        }
                    }
                });
            }
            drop(done);
            let mut waiting = std::collections::BTreeMap::new();
            let mut wanted = 1;
            for part in parts {
                match part {
                    Part::Index(decoded) => index = decoded,
                    Part::Cases(n, section) => {
                        waiting.insert(n, section);
                        while let Some(section) = waiting.remove(&wanted) {
                            cases.extend(section);
                            wanted += 1;
                        }
                    }
                }
            }
        });
        if failed.load(Ordering::Relaxed) {
            return None;
        }
        // Every section checks out on its own; this catches a table that lost or repeated one
        // (or sections of another layout under the same format), which would be a library
        // silently missing cases.
        if cases.len() as u64 != head.cases {
            return None;
        }
        Some(assemble(stamp, head, cases, index))
    }
}

/// The library from its head and its cases.
fn assemble(stamp: Stamp, head: Head, cases: Vec<Case>, index: Option<DerivedIndex>) -> Contents {
    let library = Library {
        vocab: head.vocab,
        statutes: head.statutes,
        relations: head.relations,
        today: None,
        collections: head.collections,
        campaign: head.campaign,
        cases,
        derived: Default::default(),
    };
    Contents {
        stamp,
        loaded: Loaded {
            library,
            left_out: head.left_out,
            problems: Report {
                problems: head.problems,
            },
        },
        index,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::cache::Indexer as _;
    use crate::query::search::Indexer;

    /// A cache of `cases` generated cases written as `real.bin` in `dir`; its path.
    fn written(dir: &Path, cases: usize) -> std::path::PathBuf {
        let loaded = Loaded {
            library: crate::synth::library(cases).unwrap(),
            left_out: Vec::new(),
            problems: Report::default(),
        };
        let key = Key {
            format: FORMAT,
            version: "test".into(),
            builtin: 0,
            dir: "/nowhere".into(),
            only: true,
            entries: Vec::new(),
        };
        let index = Indexer.build(&loaded.library);
        write(dir, "real.bin", &key, &loaded, &index, &Indexer).unwrap();
        dir.join("real.bin")
    }

    /// A cache whose table lost a section of cases (each section whole, the table's checksum
    /// right) is not read: the library would be missing those cases.
    #[test]
    fn a_cache_missing_a_section_of_cases_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let real = open(&written(dir.path(), CASES_PER_SECTION + 1)).unwrap();
        assert_eq!(
            real.read(&Indexer).unwrap().loaded.library.cases.len(),
            CASES_PER_SECTION + 1
        );
        let sections = |skip: Option<usize>| {
            (STAMP..real.sections.len())
                .filter(move |&n| Some(n) != skip)
                .map(|n| Ok(Cow::Owned(real.section(n).unwrap())))
        };
        for (name, skip) in [("whole.bin", None), ("short.bin", Some(FIRST_CASES + 1))] {
            write_sections(dir.path(), name, sections(skip)).unwrap();
            let read = open(&dir.path().join(name)).unwrap().read(&Indexer);
            assert_eq!(read.is_some(), skip.is_none(), "{name}");
        }
    }

    /// A start whose stamp matches reads the key's entries not at all: a cache whose entries
    /// do not decode is still read whole, and only its key is not.
    #[test]
    fn the_entries_are_read_only_for_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let real = open(&written(dir.path(), 3)).unwrap();
        assert!(real.key().is_some());
        let sections = (STAMP..real.sections.len()).map(|n| {
            let bytes = if n == ENTRIES {
                vec![0xff; 9]
            } else {
                real.section(n).unwrap()
            };
            Ok(Cow::Owned(bytes))
        });
        write_sections(dir.path(), "entries.bin", sections).unwrap();
        let opened = open(&dir.path().join("entries.bin")).unwrap();
        assert!(opened.key().is_none());
        let contents = opened.read(&Indexer).unwrap();
        assert_eq!(contents.loaded.library.cases.len(), 3);
        assert_eq!(Some(contents.stamp), real.key().map(|key| key.stamp()));
    }

    /// A footer whose table would start before the sections, or past the limit, and a file too
    /// short to hold a footer, are not caches: nothing is read from them.
    #[test]
    fn a_footer_that_does_not_fit_the_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = written(dir.path(), 2);
        let whole = std::fs::read(&path).unwrap();
        assert!(open(&path).is_some());
        let footer_at = whole.len() - FOOTER;
        for table_len in [
            whole.len() as u32,
            (footer_at - HEADER + 1) as u32,
            TABLE_LIMIT + 1,
        ] {
            let mut broken = whole.clone();
            broken[footer_at..footer_at + 4].copy_from_slice(&table_len.to_le_bytes());
            std::fs::write(&path, &broken).unwrap();
            assert!(open(&path).is_none(), "table of {table_len} bytes");
        }
        for len in [0, HEADER, HEADER + FOOTER - 1] {
            std::fs::write(&path, &whole[..len]).unwrap();
            assert!(open(&path).is_none(), "{len} bytes");
        }
    }

    /// A table that claims 100,000 sections of cases (each an empty list, its checksum right) is
    /// read without asking for room for 200 million cases: the room is bounded by the file.
    #[test]
    fn a_table_of_many_sections_asks_for_no_more_room_than_the_file_holds() {
        let dir = tempfile::tempdir().unwrap();
        // A library of no cases: its head counts none, as the sections below hold.
        let real = open(&written(dir.path(), 0)).unwrap();
        let mut sections: Vec<Vec<u8>> = (STAMP..FIRST_CASES)
            .map(|n| real.section(n).unwrap())
            .collect();
        let empty = cases_section(&[]).unwrap();
        sections.extend(std::iter::repeat_n(empty, 100_000));
        write_sections(
            dir.path(),
            "claims.bin",
            sections.into_iter().map(|s| Ok(Cow::Owned(s))),
        )
        .unwrap();
        let claims = open(&dir.path().join("claims.bin")).unwrap();
        let contents = claims.read(&Indexer).unwrap();
        let cases = &contents.loaded.library.cases;
        assert!(cases.is_empty());
        assert!(
            cases.capacity() as u64 <= claims.len / 64,
            "{}",
            cases.capacity()
        );
    }
}
