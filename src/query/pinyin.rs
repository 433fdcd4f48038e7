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

/// Marks, in an initials string, a character whose readings start with different letters.
pub const SEVERAL_INITIALS: u8 = 0xFF;
/// Stands, in an initials string, for a character that can never be part of a pinyin match.
pub const NOT_SPELLED: u8 = b' ';

struct Table {
    /// Per code point of `RANGES`, in order: the readings' start in `syllables` and their count.
    slots: Vec<(u32, u8)>,
    syllables: Vec<&'static str>,
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
        Table { slots, syllables }
    })
}

/// The toneless readings of a character; empty if it is not a Chinese character with a reading.
pub fn readings(c: char) -> &'static [&'static str] {
    let code = c as u32;
    let mut base = 0usize;
    for (start, end) in RANGES {
        if (start..=end).contains(&code) {
            let table = table();
            let (at, count) = table.slots[base + (code - start) as usize];
            return &table.syllables[at as usize..at as usize + count as usize];
        }
        base += (end - start + 1) as usize;
    }
    &[]
}

/// One byte per character of `text`: a Chinese character's initial (or [`SEVERAL_INITIALS`]), an
/// ASCII letter or digit lowercased, anything else [`NOT_SPELLED`]. `None` when `text` holds no
/// Chinese character, so plain Latin fields cost nothing.
pub fn initials(text: &str) -> Option<Box<[u8]>> {
    let mut any = false;
    let out: Vec<u8> = text
        .chars()
        .map(|c| {
            let spelled = readings(c);
            if let Some(first) = spelled.first() {
                any = true;
                let initial = first.as_bytes()[0];
                if spelled.iter().all(|r| r.as_bytes()[0] == initial) {
                    initial
                } else {
                    SEVERAL_INITIALS
                }
            } else if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase() as u8
            } else {
                NOT_SPELLED
            }
        })
        .collect();
    any.then(|| out.into_boxed_slice())
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
/// [`initials`] string, used to skip straight to the characters the query can start at.
fn scan(text: &str, initials: &[u8], query: &[u8], mut visit: impl FnMut(usize, usize) -> bool) {
    let Some(&first) = query.first() else {
        return;
    };
    let mut chars = text.chars();
    let mut at = 0; // character index of `chars`' next character
    let mut from = 0;
    while let Some(offset) = memchr::memchr2(first, SEVERAL_INITIALS, &initials[from..]) {
        let start = from + offset;
        // Walk the decoder forward to the candidate; candidates only ever move forward.
        while at < start {
            chars.next();
            at += 1;
        }
        if let Some(count) = spell(chars.clone(), query)
            && !visit(start, count)
        {
            return;
        }
        from = start + 1;
    }
}

/// Every place `query` is spelt in `text`, as (first character, character count).
pub fn find_all(text: &str, initials: &[u8], query: &[u8]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    scan(text, initials, query, |start, count| {
        found.push((start, count));
        true
    });
    found
}

/// The first place `query` is spelt in `text`.
pub fn find(text: &str, initials: &[u8], query: &[u8]) -> Option<(usize, usize)> {
    let mut found = None;
    scan(text, initials, query, |start, count| {
        found = Some((start, count));
        false
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelt(text: &str, query: &str) -> Option<(usize, usize)> {
        find(text, &initials(text).unwrap(), query.as_bytes())
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
        assert_eq!(
            find_all(text, &initials(text).unwrap(), b"fdd"),
            [(0, 3), (4, 3)]
        );
        assert_eq!(initials("only latin"), None);
    }
}
