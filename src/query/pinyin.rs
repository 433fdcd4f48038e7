//! Pinyin matching: `nanning`, `nn`, `fangduoduo`, `fdd` find 南宁房多多, and every reading of a
//! polyphonic character counts (重庆 is `chongqing` as well as `zhongqing`, 厦门 `xiamen`).
//!
//! Readings come from the `pinyin` crate, deduplicated without tones into one table built once.
//! A query may spell each character in full or by its first letter (`nanningfdd`, `nnfangduoduo`),
//! and its last syllable may be unfinished (`nanni`), as it is while someone is typing.
//!
//! Why one file of over 500 lines: the reading table, the per-library codes and the scans (SSE2
//! and plain) all work on one byte encoding of initials; kept together, that encoding stays private.

use std::sync::OnceLock;

use pinyin::ToPinyinMulti;

/// The CJK blocks the table covers directly (Extension A and the Unified Ideographs, and the
/// compatibility ideographs); characters outside them have no reading here.
const RANGES: [(u32, u32); 2] = [(0x3400, 0x9FFF), (0xF900, 0xFAFF)];

/// Stands, in an initials string, for a character that can never be part of a pinyin match.
pub const NOT_SPELLED: u8 = b' ';

struct Table {
    /// Per code point of `RANGES`, in order: its readings' start in `syllables` and their count.
    /// Characters with the same readings share one run, so a run's start names its reading set.
    slots: Vec<(u32, u8)>,
    syllables: Vec<&'static str>,
    /// Per code point of `RANGES`: the letters its readings start with (bit 0 is `a`).
    masks: Vec<u32>,
}

/// A letter's bit in an initials mask; nothing for the rare readings that do not start with a
/// plain letter (ê).
fn letter_bit(letter: u8) -> u32 {
    if letter.is_ascii_lowercase() {
        1 << (letter - b'a')
    } else {
        0
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut slots = Vec::new();
        let mut syllables: Vec<&'static str> = Vec::new();
        let mut runs: std::collections::HashMap<Vec<&'static str>, u32> = Default::default();
        for (start, end) in RANGES {
            for code in start..=end {
                let mut readings: Vec<&'static str> = Vec::new();
                if let Some(multi) = char::from_u32(code).and_then(|c| c.to_pinyin_multi()) {
                    for reading in multi {
                        let plain = reading.plain();
                        if !readings.contains(&plain) {
                            readings.push(plain);
                        }
                    }
                }
                let count = readings.len() as u8;
                let at = *runs.entry(readings).or_insert_with_key(|readings| {
                    syllables.extend(readings);
                    (syllables.len() - readings.len()) as u32
                });
                slots.push((at, count));
            }
        }
        let masks = slots
            .iter()
            .map(|&(at, count)| {
                syllables[at as usize..at as usize + count as usize]
                    .iter()
                    .fold(0, |m, r| m | letter_bit(r.as_bytes()[0]))
            })
            .collect();
        Table {
            slots,
            syllables,
            masks,
        }
    })
}

/// A character's place in the table, if it is in a covered block.
fn slot(c: char) -> Option<usize> {
    let code = c as u32;
    let mut base = 0usize;
    for (start, end) in RANGES {
        if (start..=end).contains(&code) {
            return Some(base + (code - start) as usize);
        }
        base += (end - start + 1) as usize;
    }
    None
}

/// The letters a character's readings start with, as a mask (bit 0 is `a`).
fn initials_mask(c: char) -> u32 {
    slot(c).map_or(0, |i| table().masks[i])
}

/// Whether an arena stores initials for `text`: only texts with Chinese are.
pub fn is_stored(text: &str) -> bool {
    text.chars().any(|c| initials_mask(c) != 0)
}

/// Every distinct toneless syllable.
fn syllables() -> &'static [&'static str] {
    static ALL: OnceLock<Vec<&'static str>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all = table().syllables.clone();
        all.sort_unstable();
        all.dedup();
        all
    })
}

/// A character's reading set: where its run starts in the table (the same for every character
/// read the same ways) and its readings.
fn reading_set(c: char) -> Option<(u32, &'static [&'static str])> {
    let table = table();
    let (at, count) = table.slots[slot(c)?];
    (count > 0).then(|| {
        (
            at,
            &table.syllables[at as usize..at as usize + count as usize],
        )
    })
}

/// The toneless readings of a character; empty if it is not a Chinese character with a reading.
pub fn readings(c: char) -> &'static [&'static str] {
    reading_set(c).map_or(&[], |(_, readings)| readings)
}

/// Whether `query` (lowercase letters and digits) spells `units` (characters) with every one in
/// full: no initials, no unfinished last syllable. (南宁 is `nanning`, not `nann` or `nn`.)
pub fn spelt_in_full(units: impl Iterator<Item = Unit>, query: &[u8]) -> bool {
    // The places in the query the characters so far can end at, as bits: a query is a word
    // someone typed, far shorter than 64 letters; a longer one is never spelt in full here.
    if query.len() >= 64 {
        return false;
    }
    let mut reach: u64 = 1;
    for unit in units {
        let mut next = 0u64;
        let mut places = reach;
        while places != 0 {
            let at = places.trailing_zeros() as usize;
            places &= places - 1;
            let rest = &query[at..];
            let spellings = match unit {
                Unit::Literal(letter) => {
                    if rest.first() == Some(&letter) {
                        next |= 1 << (at + 1);
                    }
                    continue;
                }
                Unit::Readings(readings) => readings,
            };
            for reading in spellings {
                if rest.starts_with(reading.as_bytes()) {
                    next |= 1 << (at + reading.len());
                }
            }
        }
        reach = next;
        if reach == 0 {
            return false;
        }
    }
    reach & (1 << query.len()) != 0
}

/// A text's initials: one byte per character, from which most pinyin matching is done without
/// reading the text itself (which lies elsewhere in memory; reading it near every candidate was
/// most of a search's time).
///
/// A byte is one of:
/// - a *code*, naming one of the arena's most frequent reading sets (房 `fang`, 重 `zhong chong`):
///   the character's readings are known from the byte alone;
/// - a lowercase ASCII letter or digit: that character lowercased, or a less frequent Chinese
///   character whose readings all start with that letter — the text tells which (letters are
///   stored lowercased, so the 26 capitals serve as codes);
/// - [`RARE`]: a less frequent character whose readings start with several letters;
/// - [`NOT_SPELLED`]: anything else.
#[derive(Clone, Copy)]
pub struct Initials<'a> {
    bytes: &'a [u8],
    /// Every letter a character of the text can be spelt from: a query starting with another
    /// letter cannot match, and the text is skipped unread.
    letters: u32,
    /// The byte offset of every `STRIDE`th character, so a character is read from the text near
    /// it rather than by reading all the text before it. (Field texts are at most 64 KiB.)
    marks: &'a [u16],
    codes: &'a Codes,
}

impl Initials<'_> {
    /// What the character at `pos` can be spelt as, from its code when it has one (most do) and
    /// else from the character, which `read` gives; `None` past the end or for characters that
    /// spell nothing.
    pub fn unit(&self, pos: usize, read: impl FnOnce(usize) -> Option<char>) -> Option<Unit> {
        let byte = *self.bytes.get(pos)?;
        if byte == NOT_SPELLED {
            return None;
        }
        let known = self.codes.readings[byte as usize];
        if !known.is_empty() {
            return Some(Unit::Readings(known));
        }
        read(pos).map(Unit::of)
    }

    /// The initials bytes, one per character.
    pub fn bytes(&self) -> &[u8] {
        self.bytes
    }
}

/// Characters between two offset marks.
const STRIDE: usize = 32;
/// The byte of characters read several ways, starting with different letters, and too rare to
/// have a code: the character decides.
const RARE: u8 = 0xFF;

/// Whether a byte can be a code: every byte but lowercase ASCII letters and digits,
/// [`NOT_SPELLED`] and [`RARE`]. Capitals are codes too (a text's letters are stored
/// lowercased): 218 codes rather than 192, and at 100,000 generated cases a third less time for
/// the third key of `fangchan`, as fewer characters are read from their text.
fn can_be_code(byte: u8) -> bool {
    !(byte.is_ascii_lowercase() || byte.is_ascii_digit()) && byte != NOT_SPELLED && byte != RARE
}

/// An arena's codes: which reading set each code byte names.
struct Codes {
    /// Per byte: the readings its code names (empty for bytes that are not codes).
    readings: [&'static [&'static str]; 256],
    /// Per byte: the letters a character with that byte can be spelt from.
    masks: [u32; 256],
    /// Per reading set (its run start in the table) with a code: the code.
    /// Per reading set (its run start in the table): its code, or [`NOT_SPELLED`] (never a code)
    /// when it has none. An array rather than a map: it is asked once per character indexed.
    of_set: Vec<u8>,
    /// The codes given, as the cache stores them (the tables above are rebuilt from them).
    given: Vec<Code>,
}

/// One code: its byte, and the reading set it names (its run in the table: start and length).
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
struct Code {
    byte: u8,
    set: u32,
    len: u8,
}

impl Codes {
    /// The tables of `given` codes; `None` if one names no reading set of this table (a cache of
    /// another build) or a byte that cannot be a code.
    fn new(given: Vec<Code>) -> Option<Box<Codes>> {
        let table = table();
        let mut codes = Box::new(Codes {
            readings: [&[]; 256],
            masks: [0; 256],
            of_set: vec![NOT_SPELLED; table.syllables.len()],
            given: Vec::new(),
        });
        for byte in 0..=255u8 {
            codes.masks[byte as usize] = match byte {
                RARE => u32::MAX >> 6,
                _ => letter_bit(byte),
            };
        }
        for &Code { byte, set, len } in &given {
            let (start, end) = (set as usize, set as usize + usize::from(len));
            let readings = table.syllables.get(start..end).filter(|r| !r.is_empty())?;
            if !can_be_code(byte) || codes.of_set[start] != NOT_SPELLED {
                return None;
            }
            codes.readings[byte as usize] = readings;
            codes.masks[byte as usize] = readings
                .iter()
                .fold(0u32, |m, r| m | letter_bit(r.as_bytes()[0]));
            codes.of_set[start] = byte;
        }
        codes.given = given;
        Some(codes)
    }
}

/// Where one text's initials lie in an [`Arena`]: twelve bytes, and no more in an `Option`.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct Slot {
    bytes: u32,
    /// A stored text has at least one character.
    chars: std::num::NonZeroU32,
    marks: u32,
}

impl Slot {
    /// Where the text's first character lies in the arena.
    pub fn start(&self) -> usize {
        self.bytes as usize
    }

    /// Where the text's initials end in the arena.
    pub fn end(&self) -> usize {
        self.bytes as usize + self.chars.get() as usize
    }
}

/// The initials of many texts in two contiguous arrays: no allocation per text, and a scan reads
/// memory in order.
#[derive(serde::Deserialize)]
#[serde(try_from = "StoredArena")]
pub struct Arena {
    bytes: Vec<u8>,
    marks: Vec<u16>,
    codes: Box<Codes>,
}

/// An arena as the cache stores it among the index's tables: its marks and codes. Its initials'
/// bytes are stored apart, as they lie, and put back with [`Arena::put_bytes`].
#[derive(serde::Deserialize)]
struct StoredArena {
    marks: Vec<u16>,
    codes: Vec<Code>,
}

impl TryFrom<StoredArena> for Arena {
    type Error = &'static str;

    fn try_from(stored: StoredArena) -> Result<Self, Self::Error> {
        let codes = Codes::new(stored.codes).ok_or("the arena's codes are not this table's")?;
        Ok(Arena {
            bytes: Vec::new(),
            marks: stored.marks,
            codes,
        })
    }
}

impl serde::Serialize for Arena {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut stored = serializer.serialize_struct("StoredArena", 2)?;
        stored.serialize_field("marks", &self.marks)?;
        stored.serialize_field("codes", &self.codes.given)?;
        stored.end()
    }
}

impl Arena {
    /// The initials' bytes, all of them, as the cache stores them apart.
    pub fn all_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Puts back the initials' bytes of an arena read from the cache (whose slots the index
    /// checks against them before any search).
    pub fn put_bytes(&mut self, bytes: Vec<u8>) {
        self.bytes = bytes;
    }

    /// The bytes the arena holds: its initials and their offset marks.
    pub fn footprint(&self) -> usize {
        self.bytes.len() + std::mem::size_of_val(&self.marks[..])
    }

    /// An arena for `texts` (which it only reads to choose the codes: the most frequent reading
    /// sets), with room for `chars` characters.
    pub fn new(texts: impl IntoIterator<Item = impl AsRef<str>>, chars: usize) -> Self {
        let table_len = table().syllables.len();
        let mut frequency: Vec<(usize, &'static [&'static str])> = vec![(0, &[]); table_len];
        for text in texts {
            for c in text.as_ref().chars() {
                if let Some((set, readings)) = reading_set(c) {
                    let entry = &mut frequency[set as usize];
                    entry.0 += 1;
                    entry.1 = readings;
                }
            }
        }
        let mut sets: Vec<(u32, usize, &'static [&'static str])> = frequency
            .into_iter()
            .enumerate()
            .filter(|(_, (count, _))| *count > 0)
            .map(|(set, (count, readings))| (set as u32, count, readings))
            .collect();
        // A set of several letters without a code is RARE, a candidate for every query and read
        // from the text each time: such sets weigh more in the choice.
        let weight = |&(_, count, readings): &(u32, usize, &[&str])| {
            let letters = readings
                .iter()
                .fold(0u32, |m, r| m | letter_bit(r.as_bytes()[0]));
            count * if letters.count_ones() > 1 { 8 } else { 1 }
        };
        sets.sort_by(|a, b| weight(b).cmp(&weight(a)).then(a.0.cmp(&b.0)));
        // The most frequent sets get codes, given in order of the letters they start with (sets
        // of several letters last, next to RARE), so that the codes a query can start at form a
        // few byte ranges.
        let mask = |readings: &[&str]| {
            readings
                .iter()
                .fold(0u32, |m, r| m | letter_bit(r.as_bytes()[0]))
        };
        let mut chosen: Vec<(u32, usize, &'static [&'static str])> = sets
            .into_iter()
            .take((0..=255u8).filter(|&b| can_be_code(b)).count())
            .collect();
        chosen.sort_by_key(|&(set, _, readings)| {
            let mask = mask(readings);
            (mask.count_ones() > 1, mask.trailing_zeros(), set)
        });
        let given = chosen
            .into_iter()
            .zip((0..=255u8).filter(|&b| can_be_code(b)))
            .map(|((set, _, readings), byte)| Code {
                byte,
                set,
                len: readings.len() as u8,
            })
            .collect();
        let codes = Codes::new(given).expect("codes chosen from this table name its sets");
        Arena {
            bytes: Vec::with_capacity(chars),
            marks: Vec::with_capacity(chars / STRIDE + 1),
            codes,
        }
    }

    /// The initials byte of one character.
    fn byte(&self, c: char) -> u8 {
        if c.is_ascii_alphanumeric() {
            return c.to_ascii_lowercase() as u8;
        }
        let Some((set, readings)) = reading_set(c) else {
            return NOT_SPELLED;
        };
        let code = self.codes.of_set[set as usize];
        if code != NOT_SPELLED {
            return code;
        }
        let first = readings[0].as_bytes()[0];
        if readings.iter().all(|r| r.as_bytes()[0] == first) && first.is_ascii_lowercase() {
            first
        } else {
            RARE
        }
    }

    /// The initials bytes a word's exact occurrence would have: a field without them cannot hold
    /// the word, and is skipped without reading its text.
    pub fn encode(&self, word: &str) -> Vec<u8> {
        word.chars().map(|c| self.byte(c)).collect()
    }

    /// Stores the initials of `text` and tells the letters its characters can be spelt from;
    /// `None` (and nothing stored) when it holds no Chinese character, so plain Latin fields
    /// cost nothing.
    pub fn add(&mut self, text: &str) -> Option<(Slot, u32)> {
        let (bytes_at, marks_at) = (self.bytes.len(), self.marks.len());
        let mut any = false;
        let mut letters = 0;
        for c in text.chars() {
            let byte = self.byte(c);
            any |= initials_mask(c) != 0;
            letters |= if c.is_ascii_alphanumeric() {
                letter_bit(byte)
            } else {
                initials_mask(c)
            };
            self.bytes.push(byte);
        }
        if !any {
            self.bytes.truncate(bytes_at);
            return None;
        }
        self.marks.extend(
            text.char_indices()
                .step_by(STRIDE)
                .map(|(offset, _)| offset as u16),
        );
        let chars = std::num::NonZeroU32::new((self.bytes.len() - bytes_at) as u32)?;
        let slot = Slot {
            bytes: bytes_at as u32,
            chars,
            marks: marks_at as u32,
        };
        Some((slot, letters))
    }

    /// A text's initials. (Its letters are not kept: a scan of it never skips it unread.)
    pub fn get(&self, slot: Slot) -> Initials<'_> {
        let (bytes, chars) = (slot.bytes as usize, slot.chars.get() as usize);
        let marks = slot.marks as usize;
        Initials {
            bytes: &self.bytes[bytes..bytes + chars],
            marks: &self.marks[marks..marks + chars.div_ceil(STRIDE)],
            letters: u32::MAX,
            codes: &self.codes,
        }
    }

    /// Which initials bytes stand for a character that can start with one of `letters`, or is
    /// one of the `literal` bytes.
    fn table(&self, letters: u32, literal: &[u8]) -> [bool; 256] {
        let mut can = [false; 256];
        for (byte, mask) in self.codes.masks.iter().enumerate() {
            can[byte] = mask & letters != 0;
        }
        for &byte in literal {
            can[byte as usize] = true;
        }
        can
    }

    /// How `query` (lowercase ASCII letters and digits, not empty) is looked for in this arena's
    /// texts: which bytes it can start at, and which bytes the next few characters can have.
    pub fn starts(&self, query: &[u8]) -> Starts {
        let first = query[0];
        let bit = letter_bit(first);
        // Follow every way of spelling the first characters (each by its initial or a whole
        // syllable) to learn which letters the following ones must start with. Stop as soon as
        // some way could end inside a character: the query might then need no more of them.
        let mut ahead = Vec::new();
        let mut offsets = vec![0];
        'spelling: for _ in 0..LOOKAHEAD {
            let mut next = Vec::new();
            for &k in &offsets {
                let rest = &query[k..];
                if syllables().iter().any(|s| s.as_bytes().starts_with(rest)) {
                    break 'spelling;
                }
                let ends = std::iter::once(1).chain(
                    syllables()
                        .iter()
                        .filter(|s| s.len() > 1 && rest.starts_with(s.as_bytes()))
                        .map(|s| s.len()),
                );
                for end in ends {
                    if k + end >= query.len() {
                        break 'spelling;
                    }
                    next.push(k + end);
                }
            }
            next.sort_unstable();
            next.dedup();
            let bytes: Vec<u8> = next.iter().map(|&k| query[k]).collect();
            let letters = bytes.iter().fold(0, |m, &b| m | letter_bit(b));
            ahead.push(self.table(letters, &bytes));
            offsets = next;
        }
        let can = self.table(bit, &[first]);
        Starts {
            bit,
            first: Ranges::covering(&can),
            second: ahead.first().map_or(Ranges::ALL, Ranges::covering),
            can,
            ahead,
        }
    }

    /// How many characters the arena holds.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Ends a run of texts (the fields of one case, scanned as one): a match never spans the
    /// byte it adds.
    pub fn separate(&mut self) {
        self.bytes.push(NOT_SPELLED);
    }

    /// The initials of a run of texts, from `start` to the arena's end as it was at `end`.
    pub fn run(&self, start: usize, end: usize, letters: u32) -> Initials<'_> {
        Initials {
            bytes: &self.bytes[start..end],
            letters,
            marks: &[],
            codes: &self.codes,
        }
    }

    /// Gives back unused capacity once every text is in.
    pub fn shrink(&mut self) {
        self.bytes.shrink_to_fit();
        self.marks.shrink_to_fit();
    }

    /// Whether a slot lies within this arena (one read from a cache is checked before use).
    pub fn holds(&self, slot: Slot) -> bool {
        let (bytes, chars) = (slot.bytes as usize, slot.chars.get() as usize);
        let marks = slot.marks as usize;
        bytes + chars <= self.bytes.len() && marks + chars.div_ceil(STRIDE) <= self.marks.len()
    }
}

/// Which initials bytes a query can start at, and — when it must span characters — which the
/// characters after the start can have: most candidates fail that test at once.
pub struct Starts {
    bit: u32,
    can: [bool; 256],
    /// Byte ranges covering `can`, and `ahead[0]` (everything when there is no lookahead), for
    /// finding candidates sixteen bytes at a time.
    first: Ranges,
    second: Ranges,
    /// For the characters after the start, in order: the bytes each can have.
    ahead: Vec<[bool; 256]>,
}

/// How many characters after a start are checked from their initials bytes alone.
const LOOKAHEAD: usize = 3;

/// What one character can be spelt as.
#[derive(Debug, Clone, Copy)]
pub enum Unit {
    /// An ASCII letter or digit, lowercased: only itself.
    Literal(u8),
    /// A Chinese character: any of its readings, in full or by its first letter. (Empty for a
    /// character that spells nothing.)
    Readings(&'static [&'static str]),
}

impl Unit {
    pub fn of(c: char) -> Unit {
        if c.is_ascii_alphanumeric() {
            Unit::Literal(c.to_ascii_lowercase() as u8)
        } else {
            Unit::Readings(readings(c))
        }
    }

    /// A character with a reading: pinyin needs one.
    pub fn is_chinese(&self) -> bool {
        matches!(self, Unit::Readings(readings) if !readings.is_empty())
    }
}

/// Reads one text's characters by position, starting from the closest offset mark.
pub struct TextReader<'a> {
    text: &'a str,
    marks: &'a [u16],
    /// A character position and its byte offset in `text`, kept between reads.
    at: usize,
    offset: usize,
}

impl<'a> TextReader<'a> {
    pub fn new(text: &'a str, initials: Initials<'a>) -> Self {
        TextReader {
            text,
            marks: initials.marks,
            at: 0,
            offset: 0,
        }
    }

    /// The character at position `pos`.
    pub fn char_at(&mut self, pos: usize) -> Option<char> {
        if pos >= self.at + STRIDE || pos < self.at {
            self.at = pos - pos % STRIDE;
            self.offset = *self.marks.get(pos / STRIDE)? as usize;
        }
        let bytes = self.text.as_bytes();
        while self.at < pos {
            self.offset += utf8_width(*bytes.get(self.offset)?);
            self.at += 1;
        }
        self.text.get(self.offset..)?.chars().next()
    }
}

/// Spells from the initials where they suffice and asks `read` for the character where they do
/// not (a Latin letter, or a character without a code).
struct Cursor<'a, R> {
    initials: Initials<'a>,
    read: R,
}

impl<R: FnMut(usize) -> Option<char>> Cursor<'_, R> {
    /// What the character at `pos` can be spelt as; `None` past the end or for characters that
    /// spell nothing.
    fn unit(&mut self, pos: usize) -> Option<Unit> {
        self.initials.unit(pos, &mut self.read)
    }

    /// How many characters from position `pos` spell `query` (lowercase ASCII), if they do.
    fn spell(&mut self, pos: usize, query: &[u8]) -> Option<usize> {
        if query.is_empty() {
            return Some(0);
        }
        // One letter left, and a letter byte naming it: a Latin letter and a character whose
        // readings all start with it both spell it, so the text need not be read to tell which.
        if let [letter] = query
            && self.initials.bytes.get(pos) == Some(letter)
        {
            return Some(1);
        }
        match self.unit(pos)? {
            Unit::Literal(b) => (b == query[0])
                .then(|| self.spell(pos + 1, &query[1..]).map(|n| n + 1))
                .flatten(),
            Unit::Readings(readings) => {
                for reading in readings {
                    let reading = reading.as_bytes();
                    if reading[0] != query[0] {
                        continue; // every way to spell it starts with its reading's first letter
                    }
                    // The whole syllable.
                    if query.starts_with(reading)
                        && let Some(n) = self.spell(pos + 1, &query[reading.len()..])
                    {
                        return Some(n + 1);
                    }
                    // The syllable being typed: the query ends inside it.
                    if reading.starts_with(query) {
                        return Some(1);
                    }
                    // Just the initial.
                    if let Some(n) = self.spell(pos + 1, &query[1..]) {
                        return Some(n + 1);
                    }
                }
                None
            }
        }
    }
}

/// Visits each place `query` (lowercase ASCII letters and digits) is spelt in pinyin in the
/// characters `initials` stands for, as (first character, character count), until `visit`
/// returns false. `read` gives the character at a position, for the few the initials leave open.
pub fn scan(
    initials: Initials,
    query: &[u8],
    starts: &Starts,
    read: impl FnMut(usize) -> Option<char>,
    visit: impl FnMut(usize, usize) -> bool,
) {
    scan_from(initials, query, starts, 0, read, visit);
}

/// [`scan`] from position `from` on.
pub fn scan_from(
    initials: Initials,
    query: &[u8],
    starts: &Starts,
    from: usize,
    read: impl FnMut(usize) -> Option<char>,
    visit: impl FnMut(usize, usize) -> bool,
) {
    let Some(mut check) = Check::new(initials, query, starts, read, visit) else {
        return;
    };
    let bytes = initials.bytes;
    let mut at = from;
    while at + Ranges::BLOCK < bytes.len() {
        let mut candidates = Ranges::candidates(&bytes[at..], &starts.first, &starts.second);
        while candidates != 0 {
            let start = at + candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            if !check.at(start) {
                return;
            }
        }
        at += Ranges::BLOCK;
    }
    for start in at..bytes.len() {
        if !check.at(start) {
            return;
        }
    }
}

/// [`scan`] at the given positions only, in their order: where a shorter query was spelt, since
/// a query spelt somewhere has every prefix of it spelt from the same place (`fangc` starts
/// where `fang` does), so typing on needs no scan of the whole text.
pub fn scan_at(
    initials: Initials,
    query: &[u8],
    starts: &Starts,
    positions: &[u32],
    read: impl FnMut(usize) -> Option<char>,
    visit: impl FnMut(usize, usize) -> bool,
) {
    let Some(mut check) = Check::new(initials, query, starts, read, visit) else {
        return;
    };
    for &start in positions {
        let start = start as usize;
        if start < initials.bytes.len() && !check.at(start) {
            return;
        }
    }
}

/// Whether a query begins at a position: checked from the initials first, then spelt.
struct Check<'a, R, V> {
    cursor: Cursor<'a, R>,
    query: &'a [u8],
    starts: &'a Starts,
    visit: V,
}

impl<'a, R, V> Check<'a, R, V>
where
    R: FnMut(usize) -> Option<char>,
    V: FnMut(usize, usize) -> bool,
{
    /// `None` when the query cannot be spelt anywhere in these initials: none of their
    /// characters starts with its first letter.
    fn new(
        initials: Initials<'a>,
        query: &'a [u8],
        starts: &'a Starts,
        read: R,
        visit: V,
    ) -> Option<Self> {
        if query.is_empty() || (initials.letters & starts.bit == 0 && !query[0].is_ascii_digit()) {
            return None;
        }
        Some(Check {
            cursor: Cursor { initials, read },
            query,
            starts,
            visit,
        })
    }

    /// Visits `start` if the query is spelt from there; false once the visitor wants no more.
    fn at(&mut self, start: usize) -> bool {
        let bytes = self.cursor.initials.bytes;
        if !self.starts.can[bytes[start] as usize] {
            return true;
        }
        let following = bytes.get(start + 1..).unwrap_or_default();
        if self.starts.ahead.len() > following.len()
            || self
                .starts
                .ahead
                .iter()
                .zip(following)
                .any(|(table, &b)| !table[b as usize])
        {
            return true;
        }
        match self.cursor.spell(start, self.query) {
            Some(count) => (self.visit)(start, count),
            None => true,
        }
    }
}

/// Up to four byte ranges, each `(low, extent)`: a byte `b` is in one when
/// `b.wrapping_sub(low) <= extent`. Sixteen bytes are tested at once, with SSE2 where there is
/// one; what they let through is checked exactly afterwards, so they may cover more than asked.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Ranges([(u8, u8); 4]);

impl Ranges {
    const ALL: Ranges = Ranges([(0, 255); 4]);
    /// How many bytes one test covers.
    const BLOCK: usize = 16;

    /// Ranges holding every byte `table` marks: its runs, the closest ones merged until four
    /// remain. Nothing marked gives a range of byte 0 only, whose bytes fail the exact check.
    fn covering(table: &[bool; 256]) -> Ranges {
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for byte in (0..256).filter(|&b| table[b]) {
            match runs.last_mut() {
                Some((_, end)) if *end + 1 == byte => *end = byte,
                _ => runs.push((byte, byte)),
            }
        }
        while runs.len() > 4 {
            // Merge the pair with the smallest gap between them.
            let i = (0..runs.len() - 1)
                .min_by_key(|&i| runs[i + 1].0 - runs[i].1)
                .unwrap_or(0);
            runs[i].1 = runs[i + 1].1;
            runs.remove(i + 1);
        }
        let mut ranges = [(0, 0); 4];
        for (i, range) in ranges.iter_mut().enumerate() {
            if let Some(&(start, end)) = runs.get(i).or(runs.first()) {
                *range = (start as u8, (end - start) as u8);
            }
        }
        Ranges(ranges)
    }

    fn contains(&self, byte: u8) -> bool {
        self.0
            .iter()
            .any(|&(low, extent)| byte.wrapping_sub(low) <= extent)
    }

    /// Bit `k` set when `bytes[k]` is in `first` and `bytes[k + 1]` in `second`, for `k` below
    /// [`Ranges::BLOCK`]; `bytes` must hold more than `BLOCK` bytes.
    fn candidates(bytes: &[u8], first: &Ranges, second: &Ranges) -> u32 {
        #[cfg(target_arch = "x86_64")]
        {
            sse2::candidates(bytes, first, second)
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            Self::candidates_plain(bytes, first, second)
        }
    }

    /// The same, a byte at a time.
    #[cfg_attr(target_arch = "x86_64", allow(dead_code))]
    fn candidates_plain(bytes: &[u8], first: &Ranges, second: &Ranges) -> u32 {
        (0..Self::BLOCK).fold(0, |mask, k| {
            let hit = first.contains(bytes[k]) && second.contains(bytes[k + 1]);
            mask | (hit as u32) << k
        })
    }
}

/// Candidate finding with SSE2, which every x86-64 processor has.
#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::*;

    use super::Ranges;

    #[target_feature(enable = "sse2")]
    fn within(v: __m128i, ranges: &Ranges) -> __m128i {
        let mut hit = _mm_setzero_si128();
        for &(low, extent) in &ranges.0 {
            let offset = _mm_sub_epi8(v, _mm_set1_epi8(low as i8));
            // Unsigned `offset <= extent` is `min(offset, extent) == offset`.
            let inside = _mm_cmpeq_epi8(_mm_min_epu8(offset, _mm_set1_epi8(extent as i8)), offset);
            hit = _mm_or_si128(hit, inside);
        }
        hit
    }

    #[target_feature(enable = "sse2")]
    fn block(bytes: &[u8], first: &Ranges, second: &Ranges) -> u32 {
        assert!(bytes.len() > Ranges::BLOCK);
        // SAFETY: both loads read 16 bytes, from offsets 0 and 1 of a slice longer than 16
        // (asserted above); `loadu` needs no alignment.
        let (here, next) = unsafe {
            (
                _mm_loadu_si128(bytes.as_ptr().cast()),
                _mm_loadu_si128(bytes.as_ptr().add(1).cast()),
            )
        };
        let both = _mm_and_si128(within(here, first), within(next, second));
        _mm_movemask_epi8(both) as u32
    }

    pub(super) fn candidates(bytes: &[u8], first: &Ranges, second: &Ranges) -> u32 {
        // SAFETY: SSE2 is part of x86-64 itself, so every processor running this code has it.
        unsafe { block(bytes, first, second) }
    }
}

/// The length of the UTF-8 sequence a lead byte starts.
fn utf8_width(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// [`scan`] over one text, reading its characters from the text itself.
fn scan_text(
    text: &str,
    initials: Initials,
    query: &[u8],
    starts: &Starts,
    visit: impl FnMut(usize, usize) -> bool,
) {
    let mut reader = TextReader::new(text, initials);
    scan(initials, query, starts, |pos| reader.char_at(pos), visit);
}

/// Every place `query` is spelt in `text`, as (first character, character count).
pub fn find_all(
    text: &str,
    initials: Initials,
    query: &[u8],
    starts: &Starts,
) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    scan_text(text, initials, query, starts, |start, count| {
        found.push((start, count));
        true
    });
    found
}

/// The first place `query` is spelt in `text`; `starts` is the arena's `starts(query)`, made
/// once per query.
#[cfg(test)]
pub fn find(
    text: &str,
    initials: Initials,
    query: &[u8],
    starts: &Starts,
) -> Option<(usize, usize)> {
    find_where(text, initials, query, starts, |_, _| true)
}

/// The first place `query` is spelt in `text` that `accept` takes, as (first character,
/// character count).
pub fn find_where(
    text: &str,
    initials: Initials,
    query: &[u8],
    starts: &Starts,
    mut accept: impl FnMut(usize, usize) -> bool,
) -> Option<(usize, usize)> {
    let mut found = None;
    scan_text(text, initials, query, starts, |start, count| {
        if accept(start, count) {
            found = Some((start, count));
        }
        found.is_none()
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelt(text: &str, query: &str) -> Option<(usize, usize)> {
        let mut arena = Arena::new([text], 0);
        let (slot, _) = arena.add(text).unwrap();
        find(
            text,
            arena.get(slot),
            query.as_bytes(),
            &arena.starts(query.as_bytes()),
        )
    }

    #[test]
    fn codes_and_characters_give_the_same_answers() {
        // An arena that learnt this text has codes for its characters and never reads the text;
        // one that learnt nothing marks 重 (c, z) as rare and 庆 by its letter, and asks the text.
        let text = "重庆市和重庆市POS机";
        for arena in [Arena::new([text], 0), Arena::new([""; 0], 0)] {
            let mut arena = arena;
            let (slot, _) = arena.add(text).unwrap();
            let initials = arena.get(slot);
            for (query, expected) in [
                ("cq", vec![(0, 2), (4, 2)]),
                ("zq", vec![(0, 2), (4, 2)]),
                ("qs", vec![(1, 2), (5, 2)]),
                ("chongqingshi", vec![(0, 3), (4, 3)]),
                ("posj", vec![(7, 4)]),
                ("bj", vec![]),
            ] {
                let starts = arena.starts(query.as_bytes());
                assert_eq!(
                    find_all(text, initials, query.as_bytes(), &starts),
                    expected,
                    "{query}"
                );
            }
        }
        let mut learnt = Arena::new([text], 0);
        let (slot, _) = learnt.add(text).unwrap();
        assert!(
            learnt.get(slot).bytes()[..4]
                .iter()
                .all(|&b| can_be_code(b))
        );
        let mut blank = Arena::new([""; 0], 0);
        let (slot, _) = blank.add("重庆").unwrap();
        assert_eq!(blank.get(slot).bytes(), [RARE, b'q']);
    }

    /// An arena that learns more reading sets than it has codes gives the capitals' bytes as
    /// codes too; every character, coded or read from its text, is still found by its readings,
    /// in full and by its first letter.
    #[test]
    fn capitals_serve_as_codes_and_every_character_still_spells() {
        let text: String = ('\u{4e00}'..='\u{9fa5}')
            .filter(|&c| !readings(c).is_empty())
            .step_by(7)
            .take(400)
            .collect();
        let mut arena = Arena::new([text.as_str()], 0);
        let (slot, _) = arena.add(&text).unwrap();
        let initials = arena.get(slot);
        let codes = (0..=255u8).filter(|&b| can_be_code(b)).count();
        assert_eq!(codes, 218);
        assert_eq!(arena.codes.given.len(), codes);
        let capitals = initials.bytes().iter().filter(|b| b.is_ascii_uppercase());
        assert!(capitals.count() > 0);
        for (at, c) in text.chars().enumerate() {
            let reading = readings(c)[0];
            for query in [reading, &reading[..1]] {
                let starts = arena.starts(query.as_bytes());
                let found = find_all(&text, initials, query.as_bytes(), &starts);
                assert!(found.contains(&(at, 1)), "{c} {query}: {found:?}");
            }
        }
    }

    /// The ranges cover every byte asked for, and the sixteen-at-a-time test agrees with the
    /// plain one on every offset of a text with every byte value.
    #[test]
    fn candidate_ranges() {
        let mut table = [false; 256];
        for byte in [3, 4, 5, 40, 90, 91, 200, 201, 250, 255, 7] {
            table[byte] = true;
        }
        let ranges = Ranges::covering(&table);
        assert!((0..=255u8).all(|b| !table[b as usize] || ranges.contains(b)));
        assert!(!ranges.contains(100), "the widest gap stays out");
        assert_eq!(
            Ranges::covering(&[false; 256]),
            Ranges([(0, 0); 4]),
            "nothing asked"
        );
        let second = Ranges([(10, 20), (128, 0), (250, 5), (0, 0)]);
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for at in 0..bytes.len() - Ranges::BLOCK {
            assert_eq!(
                Ranges::candidates(&bytes[at..], &ranges, &second),
                Ranges::candidates_plain(&bytes[at..], &ranges, &second),
                "at {at}"
            );
        }
    }

    #[test]
    fn a_word_encodes_as_its_field_does() {
        let text = "广西南宁房多多";
        let mut arena = Arena::new([text], 0);
        let (slot, _) = arena.add(text).unwrap();
        let bytes = arena.get(slot).bytes().to_vec();
        assert_eq!(arena.encode("南宁"), bytes[2..4]);
        assert_eq!(arena.encode("房多多"), bytes[4..]);
    }

    #[test]
    fn full_pinyin_initials_and_mixtures() {
        let party = "广西南宁房多多资产管理有限公司";
        assert_eq!(spelt(party, "nanning"), Some((2, 2)));
        assert_eq!(spelt(party, "nn"), Some((2, 2)));
        assert_eq!(spelt(party, "fangduoduo"), Some((4, 3)));
        assert_eq!(spelt(party, "fdd"), Some((4, 3)));
        assert_eq!(spelt(party, "nanningfdd"), Some((2, 5)));
        assert_eq!(
            spelt(party, "nanni"),
            Some((2, 2)),
            "an unfinished syllable"
        );
        assert_eq!(spelt(party, "guangxinanning"), Some((0, 4)));
        assert_eq!(spelt(party, "beijing"), None);
        assert_eq!(spelt("诸暨市", "zhuji"), Some((0, 2)));
        assert_eq!(spelt("诸暨市", "zj"), Some((0, 2)));
    }

    #[test]
    fn every_reading_of_a_polyphone() {
        assert_eq!(spelt("重庆市", "chongqing"), Some((0, 2)));
        assert_eq!(spelt("重庆市", "zhongqing"), Some((0, 2)));
        assert_eq!(spelt("重庆市", "cq"), Some((0, 2)));
        assert_eq!(spelt("长沙市", "changsha"), Some((0, 2)));
        assert_eq!(spelt("长沙市", "cs"), Some((0, 2)));
        assert_eq!(spelt("厦门市", "xiamen"), Some((0, 2)));
        assert_eq!(spelt("厦门市", "xm"), Some((0, 2)));
        assert!(readings('重').contains(&"chong") && readings('重').contains(&"zhong"));
    }

    #[test]
    fn latin_inside_chinese_and_all_occurrences() {
        assert_eq!(spelt("办卡POS机", "posji"), Some((2, 4)));
        let text = "房多多和房多多";
        let mut arena = Arena::new([text], 0);
        let (slot, _) = arena.add(text).unwrap();
        assert_eq!(
            find_all(text, arena.get(slot), b"fdd", &arena.starts(b"fdd")),
            [(0, 3), (4, 3)]
        );
        assert!(arena.add("only latin").is_none());
        assert_eq!(
            arena.get(slot).bytes().len(),
            7,
            "nothing was stored for the Latin text"
        );
    }

    #[test]
    fn spelt_in_full_means_every_syllable_whole() {
        let full =
            |text: &str, query: &str| spelt_in_full(text.chars().map(Unit::of), query.as_bytes());
        assert!(full("南宁", "nanning"));
        assert!(!full("南宁", "nann"), "unfinished");
        assert!(!full("南宁", "nn"), "initials");
        assert!(!full("司名", "sim"), "公司名称's 司名 is not `sim`");
        assert!(full("司名", "siming"));
        assert!(
            full("重庆", "chongqing") && full("重庆", "zhongqing"),
            "every reading"
        );
        assert!(full("POS机", "posji"), "Latin letters spell themselves");
    }
}
