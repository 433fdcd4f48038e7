//! A case's summary: held in memory, or — for a library read from its cache — left in the cache
//! file and read from it when it is asked for.
//!
//! Summaries are most of a library's text (at 100,000 cases, 81 MB of 102), and a case's is read
//! only when it is shown, exported, or searched where its pinyin initials cannot answer alone.
//! A cache file is only ever replaced whole (written beside and renamed over it), never written
//! into, so the file this process opened keeps the bytes that were checked (checksum and UTF-8)
//! when the cache was read, for as long as the process holds it open — even once another process
//! has replaced or removed it. Each read is checked again all the same; one that fails finds
//! nothing in a search, shows as a notice, and fails an export, never a panic.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::fs::File;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::sync::Arc;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::model::Str;

/// What is shown for a summary the cache file no longer gives (it was written into: never by
/// casebook).
pub const UNREADABLE: &str = "〔此案摘要无法从缓存文件读出，请用 --no-cache 重新载入 · this summary could not be read from \
     the cache file: load again with --no-cache〕";

/// Summaries as short as this stay in memory: they fit in the value itself.
const HELD_UP_TO: usize = 24;

/// A case's summary.
#[derive(Clone)]
pub struct Summary(Repr);

#[derive(Clone)]
enum Repr {
    Held(Str),
    /// `len` bytes at `at` in a cache file this process holds open. Both in 32 bits, so that
    /// a summary takes no more room than a text (24 bytes, as [`Str`]); a summary past the
    /// first 4 GiB of a cache file (some five million cases in) is held.
    Stored {
        file: Arc<File>,
        at: u32,
        len: u32,
    },
}

impl Summary {
    /// The text; [`UNREADABLE`] if it lies in a cache file that no longer gives it.
    pub fn text(&self) -> Cow<'_, str> {
        self.read().unwrap_or(Cow::Borrowed(UNREADABLE))
    }

    /// The text, or `None` if it lies in a cache file that no longer gives it.
    pub fn read(&self) -> Option<Cow<'_, str>> {
        match &self.0 {
            Repr::Held(text) => Some(Cow::Borrowed(text)),
            Repr::Stored { file, at, len } => {
                let mut bytes = vec![0; *len as usize];
                file.read_exact_at(&mut bytes, u64::from(*at)).ok()?;
                String::from_utf8(bytes).ok().map(Cow::Owned)
            }
        }
    }

    /// The text's length in bytes, without reading it.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Held(text) => text.len(),
            Repr::Stored { len, .. } => *len as usize,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the text lies in a cache file rather than in memory.
    pub fn is_stored(&self) -> bool {
        matches!(self.0, Repr::Stored { .. })
    }
}

impl From<&str> for Summary {
    fn from(text: &str) -> Self {
        Summary(Repr::Held(text.into()))
    }
}

impl From<String> for Summary {
    fn from(text: String) -> Self {
        Summary(Repr::Held(text.into()))
    }
}

impl From<Str> for Summary {
    fn from(text: Str) -> Self {
        Summary(Repr::Held(text))
    }
}

impl PartialEq for Summary {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.read() == other.read()
    }
}

impl Eq for Summary {}

impl fmt::Debug for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.text(), f)
    }
}

/// The most a [`ReadAhead`] reads at once: some fifty cases of a cache file.
pub const BLOCK: usize = 64 << 10;

/// Reads summaries for a pass over many cases in library order, a block of the cache file at a
/// time. A search may need the texts of tens of thousands of summaries for one key; read one by
/// one, the system calls alone took 20–50 ms of a key at 100,000 cases.
#[derive(Default)]
pub struct ReadAhead {
    block: Vec<u8>,
    /// The file the block was read from, and where.
    from: Option<(Arc<File>, u32)>,
    /// Where the last summary read starts, and the mean distance between the starts of those
    /// read (a moving mean): how far ahead the next read is likely to be.
    last: Option<u32>,
    gap: usize,
    /// How much of `block` was read (it is kept at its size, never cleared again).
    filled: usize,
}

/// Summaries read closer together than this (on the mean) are read a block at a time.
const DENSE: usize = 4 << 10;

impl ReadAhead {
    pub fn new() -> Self {
        Self::default()
    }

    /// Brings a stored summary's bytes into the block, and says where they lie in it; `None` for
    /// a held summary, or if its cache file no longer gives it. Summaries are read in the order
    /// they lie in the file; a block read for one reaches as far as the next few are likely to
    /// lie, by the spacing of those read so far (never past [`BLOCK`]).
    pub fn fetch(&mut self, summary: &Summary) -> Option<Range<usize>> {
        let Repr::Stored { file, at, len } = &summary.0 else {
            return None;
        };
        let (start, len) = (*at as usize, *len as usize);
        if let Some(last) = self.last.filter(|&last| last < *at) {
            let gap = start - last as usize;
            self.gap = (self.gap * 3 + gap) / 4;
        }
        self.last = Some(*at);
        let in_block = self.from.as_ref().and_then(|(from, block_at)| {
            let offset = start.checked_sub(*block_at as usize)?;
            (Arc::ptr_eq(from, file) && offset + len <= self.filled).then_some(offset)
        });
        let offset = match in_block {
            Some(offset) => offset,
            None => {
                // Ahead only when summaries are read close together: a system call costs about
                // as much as copying 4 KiB.
                let want = if self.gap < DENSE {
                    BLOCK.max(len)
                } else {
                    len
                };
                if self.block.len() < want {
                    self.block.resize(want, 0);
                }
                self.filled = 0;
                self.from = None;
                let got = read_up_to(file, &mut self.block[..want], u64::from(*at))?;
                if got < len {
                    return None;
                }
                self.filled = got;
                self.from = Some((Arc::clone(file), *at));
                0
            }
        };
        Some(offset..offset + len)
    }

    /// The text at `range` of the block (as [`ReadAhead::fetch`] gave it), if it is whole text.
    pub fn text(&self, range: Range<usize>) -> Option<&str> {
        let bytes = self.block.get(range.start..range.end.min(self.filled))?;
        simdutf8::basic::from_utf8(bytes).ok()
    }
}

/// Reads into `buf` from `at` until it is full or the file ends; how much was read.
fn read_up_to(file: &File, buf: &mut [u8], at: u64) -> Option<usize> {
    let mut got = 0;
    while got < buf.len() {
        match file.read_at(&mut buf[got..], at + got as u64) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some(got)
}

/// What a cache section being written or read on this thread does with its summaries: their
/// texts lie apart from the cases, one after another (so that a search reading many reads them
/// together), and each case holds where its summary lies among them.
enum Apart {
    /// Writing: the texts so far.
    Writing(Vec<u8>),
    /// Reading: the file the section lies in.
    Reading(Arc<File>),
}

thread_local! {
    static APART: RefCell<Option<Apart>> = const { RefCell::new(None) };
}

/// Runs `encode` with every summary it serializes written apart: returns what it returned and
/// the summaries' texts, one after another.
pub(crate) fn writing_apart<T>(encode: impl FnOnce() -> T) -> (T, Vec<u8>) {
    let previous = APART.with(|a| a.replace(Some(Apart::Writing(Vec::new()))));
    let encoded = encode();
    let texts = match APART.with(|a| a.replace(previous)) {
        Some(Apart::Writing(texts)) => texts,
        _ => Vec::new(),
    };
    (encoded, texts)
}

/// Runs `decode` over cases written by [`writing_apart`], whose summaries' texts lie in `file`:
/// each summary decodes as its place among them, to be settled by [`settle`].
pub(crate) fn reading_apart<T>(file: &Arc<File>, decode: impl FnOnce() -> T) -> T {
    let previous = APART.with(|a| a.replace(Some(Apart::Reading(Arc::clone(file)))));
    let decoded = decode();
    APART.with(|a| *a.borrow_mut() = previous);
    decoded
}

/// Settles summaries [`reading_apart`] decoded, whose `texts` lie at `at` in the file: each
/// checked (within the texts, UTF-8), then left in the file — or held, if short or past what
/// 32 bits can place. `false` if one is not whole text.
pub(crate) fn settle<'a>(
    summaries: impl Iterator<Item = &'a mut Summary>,
    texts: &[u8],
    at: u64,
) -> bool {
    for summary in summaries {
        let Repr::Stored {
            file,
            at: offset,
            len,
        } = &summary.0
        else {
            continue;
        };
        let (start, len) = (*offset as usize, *len as usize);
        let Some(bytes) = start.checked_add(len).and_then(|end| texts.get(start..end)) else {
            return false;
        };
        let Ok(text) = simdutf8::basic::from_utf8(bytes) else {
            return false;
        };
        let in_file = u32::try_from(at + start as u64)
            .ok()
            .filter(|_| len > HELD_UP_TO);
        summary.0 = match in_file {
            Some(at) => Repr::Stored {
                file: Arc::clone(file),
                at,
                len: len as u32,
            },
            None => Repr::Held(text.into()),
        };
    }
    true
}

impl Serialize for Summary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Never the notice in its place: an export or a new cache would keep it as the text.
        let text = self.read().ok_or_else(|| {
            serde::ser::Error::custom("a summary could not be read from the cache file")
        })?;
        let place = APART.with(|apart| match &mut *apart.borrow_mut() {
            Some(Apart::Writing(texts)) => {
                let at = u32::try_from(texts.len()).ok()?;
                let len = u32::try_from(text.len()).ok()?;
                at.checked_add(len)?;
                texts.extend_from_slice(text.as_bytes());
                Some(Some((at, len)))
            }
            _ => Some(None),
        });
        match place {
            Some(Some(place)) => place.serialize(serializer),
            Some(None) => serializer.serialize_str(&text),
            None => Err(serde::ser::Error::custom(
                "a cache section's summaries are over 4 GiB",
            )),
        }
    }
}

struct SummaryVisitor;

impl Visitor<'_> for SummaryVisitor {
    type Value = Summary;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a summary (text)")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Summary, E> {
        Ok(text.into())
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Summary, E> {
        Ok(text.into())
    }
}

impl<'de> Deserialize<'de> for Summary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let file = APART.with(|apart| match &*apart.borrow() {
            Some(Apart::Reading(file)) => Some(Arc::clone(file)),
            _ => None,
        });
        match file {
            // Its place among the section's texts, until `settle` checks it.
            Some(file) => {
                let (at, len) = <(u32, u32)>::deserialize(deserializer)?;
                Ok(Summary(Repr::Stored { file, at, len }))
            }
            None => deserializer.deserialize_str(SummaryVisitor),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stored summary's text as a search reads it: fetched into the block, read in place.
    fn read_ahead(ahead: &mut ReadAhead, summary: &Summary) -> Option<String> {
        let range = ahead.fetch(summary)?;
        ahead.text(range).map(str::to_owned)
    }

    const TEXT: &str = "2019年4月，某房产中介公司员工将客户信息出售给他人，执法人员现场提取了电脑中的客户信息表格。";

    /// `summaries` written apart as a cache section writes them, their texts put in a file at
    /// `at` (after as many zeros), and read back as a section reads them.
    fn through_a_file(
        summaries: &[Summary],
        at: u64,
    ) -> (Option<Vec<Summary>>, Arc<File>, tempfile::TempPath) {
        let (encoded, texts) = writing_apart(|| postcard::to_allocvec(summaries));
        let encoded = encoded.unwrap();
        // In a file at `at`: only the first bytes are written when it is far (a sparse file).
        let mut out = tempfile::NamedTempFile::new().unwrap();
        if at < 1 << 20 {
            std::io::Write::write_all(&mut out, &vec![0; at as usize]).unwrap();
            std::io::Write::write_all(&mut out, &texts).unwrap();
        }
        let path = out.into_temp_path();
        let file = Arc::new(File::open(&path).unwrap());
        let decoded = reading_apart(&file, || postcard::from_bytes::<Vec<Summary>>(&encoded));
        let mut decoded = decoded.ok();
        let settled = decoded
            .as_mut()
            .is_some_and(|d| settle(d.iter_mut(), &texts, at));
        (decoded.filter(|_| settled), file, path)
    }

    #[test]
    fn a_summary_read_from_a_cache_section_stays_in_the_file() {
        let (read, _file, _path) = through_a_file(&[TEXT.into(), "短".into()], 4);
        let read = read.unwrap();
        assert!(read[0].is_stored());
        assert_eq!(read[0].text(), TEXT);
        assert_eq!(read[0].len(), TEXT.len());
        assert_eq!(read[0], Summary::from(TEXT));
        // A short one is held; so is one past the first 4 GiB of a file.
        assert!(!read[1].is_stored());
        assert_eq!(read[1].text(), "短");
        let (far, _file, _path) = through_a_file(&[TEXT.into()], 1 << 32);
        let far = far.unwrap();
        assert!(!far[0].is_stored());
        assert_eq!(far[0].text(), TEXT);
        // Elsewhere (JSON, or postcard outside a cache section) a summary is its text.
        let json = serde_json::to_string(&read[0]).unwrap();
        assert_eq!(json, serde_json::to_string(TEXT).unwrap());
        let held: Summary = serde_json::from_str(&json).unwrap();
        assert!(!held.is_stored());
        assert_eq!(held, read[0]);
        let plain = postcard::to_allocvec(&read[0]).unwrap();
        assert_eq!(postcard::from_bytes::<Summary>(&plain).unwrap(), held);
    }

    #[test]
    fn a_section_whose_summaries_are_not_whole_text_is_refused() {
        let summaries = vec![Summary::from(TEXT)];
        let (encoded, texts) = writing_apart(|| postcard::to_allocvec(&summaries));
        let encoded = encoded.unwrap();
        let (file, _path) = {
            let (_, file, path) = through_a_file(&[], 0);
            (file, path)
        };
        let decode =
            || reading_apart(&file, || postcard::from_bytes::<Vec<Summary>>(&encoded)).unwrap();
        // Cut in the middle of a character, or short of the summary's end.
        let mut broken = texts.clone();
        broken[1] = 0xFF;
        assert!(!settle(decode().iter_mut(), &broken, 0));
        assert!(!settle(decode().iter_mut(), &texts[..texts.len() - 1], 0));
        assert!(settle(decode().iter_mut(), &texts, 0));
    }

    #[test]
    fn a_file_written_into_later_gives_a_notice_and_fails_an_export() {
        let (read, _file, path) = through_a_file(&[TEXT.into()], 0);
        let summary = &read.unwrap()[0];
        let bytes = TEXT.as_bytes();
        // Cut in the middle of a character: no longer UTF-8.
        let broken = [&bytes[..4], &[0xFF][..], &bytes[5..]].concat();
        std::fs::write(&path, &broken).unwrap();
        assert_eq!(summary.read(), None);
        assert_eq!(summary.text(), UNREADABLE);
        assert!(serde_json::to_string(summary).is_err());
        let mut ahead = ReadAhead::new();
        assert_eq!(read_ahead(&mut ahead, summary), None);
        // Cut short: the read fails.
        std::fs::write(&path, &bytes[..4]).unwrap();
        assert_eq!(summary.read(), None);
        assert_eq!(read_ahead(&mut ReadAhead::new(), summary), None);
    }

    #[test]
    fn reading_ahead_gives_each_summary_its_own_text() {
        let summaries: Vec<Summary> = (0..300)
            .map(|n| format!("第{n}号案：{}", TEXT.repeat(n % 7 + 1)).into())
            .collect();
        let (read, _file, _path) = through_a_file(&summaries, 16);
        let read = read.unwrap();
        // Densely (read ahead), then sparsely (one by one), then back, and out of order.
        let mut ahead = ReadAhead::new();
        let order = (0..300).chain((0..300).step_by(37)).chain([5, 3, 299, 0]);
        for n in order {
            let text = read_ahead(&mut ahead, &read[n]).unwrap();
            assert_eq!(text, summaries[n].text(), "#{n}");
        }
    }

    #[test]
    fn it_takes_no_more_room_than_a_text() {
        assert_eq!(std::mem::size_of::<Summary>(), std::mem::size_of::<Str>());
    }
}
