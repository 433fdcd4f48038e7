//! The cache file: a header, a table of sections, and the sections, each in [postcard] with an
//! XXH3 checksum of its own.
//!
//! Sections, in order: the key; the library without its cases, with the files left out and their
//! problems; the search index; then the cases, [`CASES_PER_SECTION`] a section. Sections are read
//! and decoded on every core at once, and only a section's bytes are held while it is decoded, so
//! that reading 100,000 cases needs neither their whole file in memory nor one core's time for
//! all of it.
//!
//! Why postcard: a well-kept serde format with no field names, read in order — much less to parse
//! than JSON (10,000 cases: 45 ms from JSON) and no second set of types to keep beside the model,
//! which rkyv's zero-copy reading would need throughout the program.
//!
//! [postcard]: https://docs.rs/postcard

use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use super::Indexer;
use super::key::Key;
use crate::library::model::{Campaign, Case, Collection, DerivedIndex, Library, Vocab};
use crate::library::provision::{Relation, Statute};
use crate::library::{Diagnostic, Loaded, Report, omit};

/// Bumped when what is stored changes shape.
pub const FORMAT: u32 = 4;

/// What every cache file starts with: another file in the directory is never read as one.
const MAGIC: &[u8; 16] = b"casebook cache\n\0";

/// The header: magic, format, the table's length and its checksum.
const HEADER: usize = MAGIC.len() + 4 + 4 + 8;

/// Cases a section: at 100,000 cases, some fifty sections to share among the cores.
pub const CASES_PER_SECTION: usize = 2048;

/// A table larger than this is not a table this program wrote (a million sections).
const TABLE_LIMIT: u32 = 32 << 20;

/// The fixed sections before the cases.
const KEY: usize = 0;
const HEAD: usize = 1;
const INDEX: usize = 2;
const FIRST_CASES: usize = 3;

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
}

/// A cache file's contents, read.
pub struct Contents {
    pub key: Key,
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
    let sections = encode(key, loaded, index, indexer)
        .ok_or_else(|| io::Error::other("the library could not be encoded"))?;
    write_sections(dir, name, &sections)
}

/// Writes the header, the table of `sections` and the sections, atomically.
fn write_sections(dir: &Path, name: &str, sections: &[Vec<u8>]) -> io::Result<()> {
    let mut table = Vec::with_capacity(sections.len());
    let mut offset = 0;
    for bytes in sections {
        let len = bytes.len() as u64;
        let checksum = xxhash_rust::xxh3::xxh3_64(bytes);
        table.push(Section {
            offset,
            len,
            checksum,
        });
        offset += len;
    }
    let table = postcard::to_allocvec(&table).map_err(io::Error::other)?;
    let table_len = u32::try_from(table.len()).map_err(io::Error::other)?;
    // Written by the project's atomic writer, so a reader never sees half a cache, and a killed
    // writer's temporary file is cleaned by the next write.
    crate::atomic::write_with(dir, name, |out| {
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT.to_le_bytes())?;
        out.write_all(&table_len.to_le_bytes())?;
        out.write_all(&xxhash_rust::xxh3::xxh3_64(&table).to_le_bytes())?;
        out.write_all(&table)?;
        sections.iter().try_for_each(|bytes| out.write_all(bytes))
    })
}

/// Every section's bytes, in order.
fn encode(
    key: &Key,
    loaded: &Loaded,
    index: &DerivedIndex,
    indexer: &dyn Indexer,
) -> Option<Vec<Vec<u8>>> {
    let library = &loaded.library;
    let head = HeadOf {
        vocab: &library.vocab,
        statutes: &library.statutes,
        relations: &library.relations,
        collections: &library.collections,
        campaign: &library.campaign,
        left_out: &loaded.left_out,
        problems: &loaded.problems.problems,
    };
    let mut index_bytes = Vec::new();
    if !indexer.encode(index, &mut index_bytes) {
        return None;
    }
    omit::keeping_all(|| {
        let mut sections = vec![
            postcard::to_allocvec(key).ok()?,
            postcard::to_allocvec(&head).ok()?,
            index_bytes,
        ];
        for cases in library.cases.chunks(CASES_PER_SECTION) {
            sections.push(postcard::to_allocvec(cases).ok()?);
        }
        Some(sections)
    })
}

/// A cache file opened, its header and table checked.
pub struct Opened {
    file: File,
    /// The file's length when it was opened.
    len: u64,
    sections: Vec<Section>,
    /// Where the sections start in the file.
    base: u64,
}

/// Opens the cache at `path`; `None` if there is none, or its header or table is not this
/// format's or not whole.
pub fn open(path: &Path) -> Option<Opened> {
    let file = File::open(path).ok()?;
    let mut header = [0; HEADER];
    file.read_exact_at(&mut header, 0).ok()?;
    let (magic, rest) = header.split_at(MAGIC.len());
    let (format, rest) = rest.split_at(4);
    let (table_len, checksum) = rest.split_at(4);
    let number = |bytes: &[u8]| u32::from_le_bytes(bytes.try_into().unwrap_or_default());
    let table_len = number(table_len);
    if magic != MAGIC || number(format) != FORMAT || table_len > TABLE_LIMIT {
        return None;
    }
    let mut table = vec![0; table_len as usize];
    file.read_exact_at(&mut table, HEADER as u64).ok()?;
    let checksum = u64::from_le_bytes(checksum.try_into().ok()?);
    if xxhash_rust::xxh3::xxh3_64(&table) != checksum {
        return None;
    }
    let sections: Vec<Section> = postcard::from_bytes(&table).ok()?;
    let len = file.metadata().ok()?.len();
    (sections.len() >= FIRST_CASES).then_some(Opened {
        file,
        len,
        sections,
        base: (HEADER + table.len()) as u64,
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
        let section = self.sections.get(n)?;
        let len = usize::try_from(section.len).ok()?;
        let at = self.base.checked_add(section.offset)?;
        // A length past the file's end is a broken table, not an allocation to attempt.
        if at.checked_add(section.len)? > self.len {
            return None;
        }
        let mut bytes = vec![0; len];
        self.file.read_exact_at(&mut bytes, at).ok()?;
        (xxhash_rust::xxh3::xxh3_64(&bytes) == section.checksum).then_some(bytes)
    }

    /// The key the cache was written under.
    pub fn key(&self) -> Option<Key> {
        postcard::from_bytes(&self.section(KEY)?).ok()
    }

    /// Everything the cache holds, read on every core: the index and each section of cases are
    /// jobs that the threads take in turn, and this thread joins the sections in order as they
    /// come, so that a section's cases are moved once and freed at once (joined only at the end,
    /// 100,000 cases were held twice: 70 MB more at the peak). `None` if a section is not whole
    /// or does not decode.
    pub fn read(&self, indexer: &dyn Indexer) -> Option<Contents> {
        let key = self.key()?;
        let head: Head = postcard::from_bytes(&self.section(HEAD)?).ok()?;
        let jobs = self.sections.len() - INDEX;
        let next = AtomicUsize::new(0);
        let failed = AtomicBool::new(false);
        let job = |n: usize| -> Option<Part> {
            if n == 0 {
                let index = self.section(INDEX).and_then(|b| indexer.decode(&b));
                return Some(Part::Index(index));
            }
            let bytes = self.section(INDEX + n)?;
            Some(Part::Cases(n, postcard::from_bytes(&bytes).ok()?))
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
        Some(assemble(key, head, cases, index))
    }
}

/// The library from its head and its cases.
fn assemble(key: Key, head: Head, cases: Vec<Case>, index: Option<DerivedIndex>) -> Contents {
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
        key,
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

    /// A table that claims 100,000 sections of cases (each an empty list, its checksum right) is
    /// read without asking for room for 200 million cases: the room is bounded by the file.
    #[test]
    fn a_table_of_many_sections_asks_for_no_more_room_than_the_file_holds() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = Loaded {
            library: crate::synth::library(3).unwrap(),
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
        write(dir.path(), "real.bin", &key, &loaded, &index, &Indexer).unwrap();
        let real = open(&dir.path().join("real.bin")).unwrap();
        let mut sections: Vec<Vec<u8>> = (KEY..FIRST_CASES)
            .map(|n| real.section(n).unwrap())
            .collect();
        let empty = postcard::to_allocvec(&Vec::<Case>::new()).unwrap();
        sections.extend(std::iter::repeat_n(empty, 100_000));
        write_sections(dir.path(), "claims.bin", &sections).unwrap();
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
