//! Pinyin matching: `nanning`, `nn`, `fangduoduo`, `fdd` find 南宁房多多, and every reading of a
//! polyphonic character counts (重庆 is `chongqing` as well as `zhongqing`, 厦门 `xiamen`).
//!
//! Readings come from the `pinyin` crate, deduplicated without tones into one table built once.
//! A query may spell each character in full or by its first letter (`nanningfdd`, `nnfangduoduo`),
//! and its last syllable may be unfinished (`nanni`), as it is while someone is typing.

use std::sync::OnceLock;

use pinyin::ToPinyinMulti;

/// The CJK blocks the table covers directly (Extension A and the Unified Ideographs, and the
/// compatibility ideographs); characters outside them have no reading here.
const RANGES: [(u32, u32); 2] = [(0x3400, 0x9FFF), (0xF900, 0xFAFF)];

/// Stands, in an initials string, for a character that can never be part of a pinyin match.
pub const NOT_SPELLED: u8 = b' ';

struct Table {
    /// Per code point of `RANGES`, in order: the readings' start in `syllables` and their count.
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
        for (start, end) in RANGES {
            for code in start..=end {
                let at = syllables.len() as u32;
                if let Some(multi) = char::from_u32(code).and_then(|c| c.to_pinyin_multi()) {
                    for reading in multi {
                        let plain = reading.plain();
                        if !syllables[at as usize..].contains(&plain) {
                            syllables.push(plain);
                        }
                    }
                }
                slots.push((at, (syllables.len() as u32 - at) as u8));
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

/// The toneless readings of a character; empty if it is not a Chinese character with a reading.
pub fn readings(c: char) -> &'static [&'static str] {
    match slot(c) {
        Some(i) => {
            let table = table();
            let (at, count) = table.slots[i];
            &table.syllables[at as usize..at as usize + count as usize]
        }
        None => &[],
    }
}

/// A text's initials: one byte per character — a Chinese character's initial, an ASCII letter or
/// digit lowercased, anything else [`NOT_SPELLED`]. A character whose readings start with
/// different letters (重 zhong/chong) gets a byte naming its set of letters: `SETS + i` for the
/// arena's `i`th most frequent set, [`RARE`] for the rest. `several` gathers the letters of such
/// characters: a query starting with none of them finds its starting points with memchr alone.
#[derive(Clone, Copy)]
pub struct Initials<'a> {
    bytes: &'a [u8],
    several: u32,
    /// The byte offset of every `STRIDE`th character, so a match is checked by reading the text
    /// near it rather than all the text before it. (Field texts are at most 64 KiB.)
    marks: &'a [u16],
}

/// Characters between two offset marks.
const STRIDE: usize = 16;
/// Initials bytes from here up name a set of several letters.
const SETS: u8 = 0x80;
/// The byte of the sets too rare to have a byte of their own: the character decides.
const RARE: u8 = 0xFF;

/// Where one text's initials lie in an [`Arena`].
#[derive(Debug, Clone, Copy)]
pub struct Slot {
    bytes: (u32, u32),
    marks: (u32, u32),
    several: u32,
}

/// The initials of many texts in two contiguous arrays: no allocation per text, and a scan reads
/// memory in order.
pub struct Arena {
    bytes: Vec<u8>,
    marks: Vec<u16>,
    /// The sets of several letters with a byte of their own, most frequent first.
    sets: Vec<u32>,
}

impl Arena {
    /// An arena for `texts` (which it only reads to choose the set bytes), with room for `chars`
    /// characters.
    pub fn new<'t>(texts: impl IntoIterator<Item = &'t str>, chars: usize) -> Self {
        let mut frequency: std::collections::HashMap<u32, usize> = Default::default();
        for text in texts {
            for c in text.chars() {
                let mask = initials_mask(c);
                if mask.count_ones() > 1 {
                    *frequency.entry(mask).or_default() += 1;
                }
            }
        }
        let mut sets: Vec<(u32, usize)> = frequency.into_iter().collect();
        sets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Arena {
            bytes: Vec::with_capacity(chars),
            marks: Vec::with_capacity(chars / STRIDE + 1),
            sets: sets
                .into_iter()
                .take((RARE - SETS) as usize)
                .map(|(mask, _)| mask)
                .collect(),
        }
    }

    /// Stores the initials of `text`; `None` (and nothing stored) when it holds no Chinese
    /// character, so plain Latin fields cost nothing.
    pub fn add(&mut self, text: &str) -> Option<Slot> {
        let (bytes_at, marks_at) = (self.bytes.len(), self.marks.len());
        let mut any = false;
        let mut several = 0;
        for c in text.chars() {
            let mask = initials_mask(c);
            let byte = match mask.count_ones() {
                0 if c.is_ascii_alphanumeric() => c.to_ascii_lowercase() as u8,
                0 => NOT_SPELLED,
                1 => b'a' + mask.trailing_zeros() as u8,
                _ => {
                    several |= mask;
                    self.sets
                        .iter()
                        .position(|&m| m == mask)
                        .map_or(RARE, |i| SETS + i as u8)
                }
            };
            any |= mask != 0;
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
        let span = |start: usize, end: usize| (start as u32, (end - start) as u32);
        Some(Slot {
            bytes: span(bytes_at, self.bytes.len()),
            marks: span(marks_at, self.marks.len()),
            several,
        })
    }

    pub fn get(&self, slot: Slot) -> Initials<'_> {
        let range = |(start, len): (u32, u32)| start as usize..(start + len) as usize;
        Initials {
            bytes: &self.bytes[range(slot.bytes)],
            marks: &self.marks[range(slot.marks)],
            several: slot.several,
        }
    }

    /// Which initials bytes stand for a character that can start with one of `letters`.
    fn table(&self, letters: u32, literal: &[u8]) -> [bool; 256] {
        let mut can = [false; 256];
        for &byte in literal {
            can[byte as usize] = true;
        }
        for letter in b'a'..=b'z' {
            can[letter as usize] |= letters & letter_bit(letter) != 0;
        }
        for (i, &mask) in self.sets.iter().enumerate() {
            can[SETS as usize + i] = mask & letters != 0;
        }
        can[RARE as usize] = letters != 0;
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
        Starts {
            first,
            bit,
            can: self.table(bit, &[first]),
            ahead,
        }
    }

    /// Gives back unused capacity once every text is in.
    pub fn shrink(&mut self) {
        self.bytes.shrink_to_fit();
        self.marks.shrink_to_fit();
    }
}

/// Which initials bytes a query can start at, and — when it must span characters — which the
/// character after the start can have: most candidates fail that test without reading the text.
pub struct Starts {
    first: u8,
    bit: u32,
    can: [bool; 256],
    /// For the characters after the start, in order: the bytes each can have.
    ahead: Vec<[bool; 256]>,
}

/// How many characters after a start are checked from their initials bytes alone.
const LOOKAHEAD: usize = 3;

/// How many characters from the start of `chars` spell `query` (lowercase ASCII), if they do.
fn spell(mut chars: std::str::Chars, query: &[u8]) -> Option<usize> {
    if query.is_empty() {
        return Some(0);
    }
    let c = chars.next()?;
    if c.is_ascii_alphanumeric() {
        return (c.to_ascii_lowercase() as u8 == query[0])
            .then(|| spell(chars, &query[1..]).map(|n| n + 1))
            .flatten();
    }
    for reading in readings(c) {
        let reading = reading.as_bytes();
        if reading[0] != query[0] {
            continue; // every way to spell the character starts with its reading's first letter
        }
        // The whole syllable.
        if query.starts_with(reading)
            && let Some(n) = spell(chars.clone(), &query[reading.len()..])
        {
            return Some(n + 1);
        }
        // The syllable being typed: the query ends inside it.
        if reading.starts_with(query) {
            return Some(1);
        }
        // Just the initial.
        if reading[0] == query[0]
            && let Some(n) = spell(chars.clone(), &query[1..])
        {
            return Some(n + 1);
        }
    }
    None
}

/// Visits each place `query` (lowercase ASCII letters and digits) is spelt in pinyin in `text`,
/// as (first character, character count), until `visit` returns false.
fn scan(
    text: &str,
    initials: Initials,
    query: &[u8],
    starts: &Starts,
    mut visit: impl FnMut(usize, usize) -> bool,
) {
    if query.is_empty() {
        return;
    }
    let bytes = text.as_bytes();
    // The text is read only near candidates, reached from the nearest offset mark.
    let (mut at, mut offset) = (0, 0);
    let mut check = |start: usize| -> bool {
        let following = initials.bytes.get(start + 1..).unwrap_or_default();
        if starts.ahead.len() > following.len()
            || starts
                .ahead
                .iter()
                .zip(following)
                .any(|(table, &b)| !table[b as usize])
        {
            return true;
        }
        if start >= at + STRIDE || start < at {
            at = start - start % STRIDE;
            offset = initials.marks[start / STRIDE] as usize;
        }
        while at < start {
            offset += utf8_width(bytes[offset]);
            at += 1;
        }
        let chars = text[offset..].chars();
        if initials.bytes[start] == RARE
            && chars
                .clone()
                .next()
                .is_none_or(|c| initials_mask(c) & starts.bit == 0)
        {
            return true;
        }
        match spell(chars, query) {
            Some(count) => visit(start, count),
            None => true,
        }
    };
    if initials.several & starts.bit == 0 {
        // No character with several initials can start: only bytes naming the letter can.
        for start in memchr::memchr_iter(starts.first, initials.bytes) {
            if !check(start) {
                return;
            }
        }
    } else {
        for (start, &byte) in initials.bytes.iter().enumerate() {
            if starts.can[byte as usize] && !check(start) {
                return;
            }
        }
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

/// Every place `query` is spelt in `text`, as (first character, character count).
pub fn find_all(
    text: &str,
    initials: Initials,
    query: &[u8],
    starts: &Starts,
) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    scan(text, initials, query, starts, |start, count| {
        found.push((start, count));
        true
    });
    found
}

/// The first place `query` is spelt in `text`; `starts` is the arena's `starts(query)`, made
/// once per query.
pub fn find(
    text: &str,
    initials: Initials,
    query: &[u8],
    starts: &Starts,
) -> Option<(usize, usize)> {
    let mut found = None;
    scan(text, initials, query, starts, |start, count| {
        found = Some((start, count));
        false
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelt(text: &str, query: &str) -> Option<(usize, usize)> {
        let mut arena = Arena::new([text], 0);
        let slot = arena.add(text).unwrap();
        find(
            text,
            arena.get(slot),
            query.as_bytes(),
            &arena.starts(query.as_bytes()),
        )
    }

    #[test]
    fn every_path_finds_the_same_starts() {
        // 重 has several initials (c, z): a query starting with c or z walks the bytes with the
        // set table, one starting with q (no such character) uses memchr; an arena that learnt
        // no sets marks 重 as rare, decided by the character itself.
        let text = "重庆市和重庆市";
        for arena in [Arena::new([text], 0), Arena::new([], 0)] {
            let mut arena = arena;
            let slot = arena.add(text).unwrap();
            let initials = arena.get(slot);
            assert!(initials.several & letter_bit(b'c') != 0);
            assert_eq!(initials.several & letter_bit(b'q'), 0);
            for (query, expected) in [
                ("cq", [(0, 2), (4, 2)]),
                ("zq", [(0, 2), (4, 2)]),
                ("qs", [(1, 2), (5, 2)]),
            ] {
                let starts = arena.starts(query.as_bytes());
                assert_eq!(
                    find_all(text, initials, query.as_bytes(), &starts),
                    expected,
                    "{query}"
                );
            }
        }
        assert_eq!(Arena::new([], 0).add("重").map(|s| s.bytes.1), Some(1));
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
        let slot = arena.add(text).unwrap();
        assert_eq!(
            find_all(text, arena.get(slot), b"fdd", &arena.starts(b"fdd")),
            [(0, 3), (4, 3)]
        );
        assert!(arena.add("only latin").is_none());
        assert_eq!(
            arena.get(slot).bytes.len(),
            7,
            "nothing was stored for the Latin text"
        );
    }
}
