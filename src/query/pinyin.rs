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

/// Writes initials strings: one byte per character of a text — a Chinese character's initial, an
/// ASCII letter or digit lowercased, anything else [`NOT_SPELLED`]. A character whose readings
/// start with different letters (重 zhong/chong) gets a byte naming its set of initials: the 126
/// sets most frequent in the library get their own byte, so a search can tell from the byte alone
/// whether to look closer; the rest share [`RARE_SET`] and are looked up.
pub struct Encoder {
    /// Byte `SET_BASE + i` stands for `sets[i]`.
    sets: Vec<u32>,
}

/// Initials-string bytes from here up name a set of several initials.
const SET_BASE: u8 = 0x80;
/// The byte of the sets too rare to have their own.
const RARE_SET: u8 = 0xFF;

impl Encoder {
    /// Chooses the set bytes from the texts to be encoded.
    pub fn new<'t>(texts: impl IntoIterator<Item = &'t str>) -> Self {
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
        let sets = sets
            .into_iter()
            .take((RARE_SET - SET_BASE) as usize)
            .map(|(mask, _)| mask)
            .collect();
        Encoder { sets }
    }

    /// The initials string of `text`; `None` when it holds no Chinese character, so plain Latin
    /// fields cost nothing.
    pub fn initials(&self, text: &str) -> Option<Box<[u8]>> {
        let mut any = false;
        let out: Vec<u8> = text
            .chars()
            .map(|c| {
                let mask = initials_mask(c);
                if mask != 0 {
                    any = true;
                }
                match mask.count_ones() {
                    0 if c.is_ascii_alphanumeric() => c.to_ascii_lowercase() as u8,
                    0 => NOT_SPELLED,
                    1 => b'a' + mask.trailing_zeros() as u8,
                    _ => self
                        .sets
                        .iter()
                        .position(|&m| m == mask)
                        .map_or(RARE_SET, |i| SET_BASE + i as u8),
                }
            })
            .collect();
        any.then(|| out.into_boxed_slice())
    }

    /// Where a query starting with `first` can start.
    pub fn starts(&self, first: u8) -> Starts {
        let mut can = [false; 256];
        can[first as usize] = true;
        let bit = letter_bit(first);
        for (i, &mask) in self.sets.iter().enumerate() {
            can[SET_BASE as usize + i] = mask & bit != 0;
        }
        can[RARE_SET as usize] = bit != 0;
        Starts { can, bit }
    }
}

/// Which initials-string bytes a query can start at (a table, so most characters are passed over
/// with one look-up); for [`RARE_SET`], the character's own initials decide.
pub struct Starts {
    can: [bool; 256],
    bit: u32,
}

impl Starts {
    fn allows(&self, initial: u8, c: char) -> bool {
        self.can[initial as usize] && (initial != RARE_SET || initials_mask(c) & self.bit != 0)
    }
}

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
/// as (first character, character count), until `visit` returns false. `initials` is `text`'s
/// [`initials`] string; `starts` says which of its bytes the query can start at, so most
/// characters are passed over with one table look-up.
fn scan(
    text: &str,
    initials: &[u8],
    query: &[u8],
    starts: &Starts,
    mut visit: impl FnMut(usize, usize) -> bool,
) {
    if query.is_empty() {
        return;
    }
    for ((index, (offset, c)), &initial) in text.char_indices().enumerate().zip(initials) {
        if starts.allows(initial, c)
            && let Some(count) = spell(text[offset..].chars(), query)
            && !visit(index, count)
        {
            return;
        }
    }
}

/// Every place `query` is spelt in `text`, as (first character, character count).
pub fn find_all(text: &str, initials: &[u8], query: &[u8], starts: &Starts) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    scan(text, initials, query, starts, |start, count| {
        found.push((start, count));
        true
    });
    found
}

/// The first place `query` is spelt in `text`; `starts` is `Starts::new(query[0])`, made once per
/// query.
pub fn find(text: &str, initials: &[u8], query: &[u8], starts: &Starts) -> Option<(usize, usize)> {
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
        let encoder = Encoder::new([text]);
        let starts = encoder.starts(query.as_bytes()[0]);
        find(
            text,
            &encoder.initials(text).unwrap(),
            query.as_bytes(),
            &starts,
        )
    }

    #[test]
    fn rare_sets_of_initials_are_still_found() {
        // An encoder that learnt nothing gives every polyphone the shared byte.
        let encoder = Encoder::new([]);
        let text = "重庆市";
        let initials = encoder.initials(text).unwrap();
        assert_eq!(initials[0], RARE_SET);
        let starts = encoder.starts(b'c');
        assert_eq!(find(text, &initials, b"chongqing", &starts), Some((0, 2)));
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
        let encoder = Encoder::new([text]);
        assert_eq!(
            find_all(
                text,
                &encoder.initials(text).unwrap(),
                b"fdd",
                &encoder.starts(b'f')
            ),
            [(0, 3), (4, 3)]
        );
        assert_eq!(encoder.initials("only latin"), None);
    }
}
