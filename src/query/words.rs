//! Where words begin and end, for the search: Chinese phrases cut into words by jieba (so that
//! 员工卖客户信息 is searched as 员工 卖 客户信息), the word boundaries initials must respect
//! (`sc` is 四川, never 宜宾市委 read across two words), English words matched whole or by stem
//! (`sold`, `selling` → `sell`; never `app` inside `applied`), and the words that carry no meaning
//! in a query (`an`, `my`, 的, 了).
//!
//! The segmenter is jieba-rs's, loaded once, on first need. Its dictionary is jieba's own
//! (`dict.txt` of jieba-rs 0.11.0, from the jieba project, MIT licence) trimmed to the 149,226
//! words of frequency 4 or more, their part-of-speech tags dropped (`jieba-dict.txt`, one
//! `word frequency` a line). All 349,045 words cost 32 MB resident in every process, these
//! 11 MB: the rest are words jieba met one to three times (小铁铲, 令狐冲略, 一二十页). A query
//! searches a phrase whole before it is cut, a word missing here is cut into smaller ones or
//! read by jieba's HMM, and the library's own names are kept whole by [`segment`].

use std::sync::OnceLock;

use jieba_rs::Jieba;
use rust_stemmers::{Algorithm, Stemmer};

/// The segmenter's dictionary, built into the program.
const DICTIONARY: &str = include_str!("jieba-dict.txt");

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(|| {
        // A line is `word frequency` with a frequency in digits: tested below, so this cannot
        // fail; were it to, an empty segmenter still cuts every phrase (by its HMM).
        Jieba::with_dict(&mut DICTIONARY.as_bytes()).unwrap_or_else(|_| Jieba::empty())
    })
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Loads the segmenter now (on a thread of the caller's choosing) rather than on the first phrase
/// typed.
pub fn warm_up() {
    jieba();
}

/// A Chinese phrase cut into words, longest first where the library knows a longer word than
/// jieba's dictionary does: `known` names (vocabulary labels and aliases such as 客户信息, 手机号)
/// are kept whole when the phrase's words join up to one.
pub fn segment(phrase: &str, known: &dyn Fn(&str) -> bool) -> Vec<String> {
    let cut: Vec<&str> = jieba()
        .cut(phrase, true)
        .into_iter()
        .map(|t| t.word)
        .collect();
    let mut words = Vec::with_capacity(cut.len());
    let mut at = 0;
    while at < cut.len() {
        // The longest run of words starting here that is a name the library knows.
        let joined = (at + 2..=cut.len())
            .rev()
            .find(|&end| known(&cut[at..end].concat()))
            .unwrap_or(at + 1);
        let word = cut[at..joined].concat();
        if !word.trim().is_empty() {
            words.push(word);
        }
        at = joined;
    }
    words
}

/// Character offsets where a word of `text` starts, and where one ends, by jieba's finest cut
/// (the one it makes for search engines, which also gives the words inside longer ones: 四川 and
/// 四川省). As two bit sets over the first 128 characters; later ones count as boundaries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bounds {
    starts: u128,
    ends: u128,
}

impl Bounds {
    pub fn of(text: &str) -> Self {
        let mut bounds = Bounds::default();
        for token in jieba().cut_for_search(text, true) {
            if token.start < 128 {
                bounds.starts |= 1 << token.start;
            }
            if token.end < 128 {
                bounds.ends |= 1 << token.end;
            }
        }
        bounds
    }

    /// Whether characters `start..end` of the text are one word or several whole ones.
    pub fn whole(&self, start: usize, end: usize) -> bool {
        let is = |set: u128, at: usize| at >= 128 || set & (1 << at) != 0;
        is(self.starts, start) && is(self.ends, end)
    }
}

/// Whether a query word is one that says nothing about a case (`an`, `the`, `my`; 的, 了, 我),
/// by NLTK's stop-word lists. Chinese ones only count among the words a phrase was cut into: a
/// Chinese word typed on its own is meant.
pub fn is_stop_word(word: &str, from_phrase: bool) -> bool {
    let list = if word.is_ascii() {
        stop_words::get("en")
    } else if from_phrase {
        // Only single characters: NLTK's Chinese list also holds 个人 and 严重, which in a
        // question about personal information are the point.
        if word.chars().count() != 1 {
            return false;
        }
        stop_words::get("zh")
    } else {
        return false;
    };
    list.contains(&word)
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Shortest query that may match the start of a longer English word: `sell` finds `seller`,
/// `app` does not find `applied`.
pub const PREFIX_FROM: usize = 4;

/// An English query word (lowercase letters and digits), matched as a word: the whole word, a
/// word with the same stem (`selling` for `sell`, `numbers` for `number`), or a word it begins,
/// if it is at least [`PREFIX_FROM`] long.
#[derive(Debug, Clone)]
pub struct Latin {
    word: String,
    stem: String,
}

impl Latin {
    pub fn new(word: &str) -> Self {
        Latin {
            word: word.to_string(),
            stem: stemmer().stem(word).into_owned(),
        }
    }

    /// What every match starts with: the shorter of the word and its stem.
    pub fn lead(&self) -> &str {
        if self.stem.len() < self.word.len() {
            &self.stem
        } else {
            &self.word
        }
    }

    /// Byte offset and length of each word of `text` (lowercased) that matches.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize)> + 't {
        let lead = self.lead();
        let empty = lead.is_empty();
        memchr::memmem::find_iter(text.as_bytes(), lead.as_bytes())
            .filter(move |_| !empty)
            .filter_map(move |at| {
                if text[..at].chars().next_back().is_some_and(is_word_char) {
                    return None;
                }
                let end = text[at..]
                    .char_indices()
                    .find(|&(_, c)| !is_word_char(c))
                    .map_or(text.len(), |(n, _)| at + n);
                let found = &text[at..end];
                let word = self.word.as_str();
                let matched = found == word
                    || (word.len() >= PREFIX_FROM && found.starts_with(word))
                    || stemmer().stem(found) == self.stem;
                matched.then_some((at, end - at))
            })
    }

    pub fn find(&self, text: &str) -> Option<(usize, usize)> {
        self.find_iter(text).next()
    }

    /// Whether some word of `text` (lowercased) begins with this word: then a longer word typed
    /// on from it may match there, though it does not.
    pub fn starts_a_word(&self, text: &str) -> bool {
        memchr::memmem::find_iter(text.as_bytes(), self.word.as_bytes())
            .any(|at| !text[..at].chars().next_back().is_some_and(is_word_char))
    }
}

/// [`Latin::find`] for a word used once.
pub fn find_latin(text: &str, word: &str) -> Option<(usize, usize)> {
    Latin::new(word).find(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dictionary_is_jiebas_words_of_frequency_four_or_more() {
        let mut count = 0;
        for line in DICTIONARY.lines() {
            let parts: Vec<&str> = line.split(' ').collect();
            let [word, frequency] = parts[..] else {
                panic!("not `word frequency`: {line:?}");
            };
            assert!(
                !word.is_empty() && !word.contains(char::is_whitespace),
                "{line:?}"
            );
            let frequency: usize = frequency.parse().expect(line);
            assert!(frequency >= 4, "{line:?}");
            count += 1;
        }
        assert_eq!(count, 149_226);
        assert!(Jieba::with_dict(&mut DICTIONARY.as_bytes()).is_ok());
        // Words people use about these cases, each one word to the segmenter.
        for word in [
            "员工",
            "客户",
            "房产",
            "中介",
            "手机号",
            "电话号码",
            "推销",
            "短信",
        ] {
            assert_eq!(jieba().cut(word, true).len(), 1, "{word}");
        }
    }

    #[test]
    fn phrases_are_cut_into_words_and_known_names_stay_whole() {
        let none = |_: &str| false;
        assert_eq!(segment("骗老人", &none), ["骗", "老人"]);
        assert_eq!(
            segment("培训机构发短信", &none),
            ["培训", "机构", "发", "短信"]
        );
        let known = |w: &str| ["客户信息", "发短信", "短信"].contains(&w);
        assert_eq!(
            segment("员工卖客户信息", &known),
            ["员工", "卖", "客户信息"]
        );
    }

    #[test]
    fn initials_respect_words() {
        let bounds = Bounds::of("四川省宜宾市");
        // 四川 and 四川省 are words; 川省 and 省宜 are not.
        assert!(bounds.whole(0, 2));
        assert!(bounds.whole(0, 3));
        assert!(bounds.whole(3, 5));
        assert!(!bounds.whole(1, 3));
        assert!(!bounds.whole(2, 4));
    }

    #[test]
    fn english_words_match_whole_by_stem_or_by_a_long_prefix() {
        let text = "the company applied for a sim card and sold numbers to sellers";
        assert_eq!(find_latin(text, "app"), None);
        assert!(find_latin(text, "appl").is_some());
        assert!(find_latin(text, "sim").is_some());
        assert!(find_latin(text, "number").is_some());
        assert!(
            find_latin("he sells them", "selling").is_some(),
            "sells shares sell"
        );
        assert!(find_latin(text, "cards").is_some());
        assert_eq!(find_latin(text, "im"), None, "not inside a word");
        assert_eq!(find_latin(text, "ompany"), None);
        assert_eq!(find_latin("foshan-chengong", "face"), None);
        assert!(find_latin("foshan-chengong", "chengong").is_some());
    }

    #[test]
    fn stop_words_are_dropped_only_where_they_carry_nothing() {
        assert!(is_stop_word("an", false));
        assert!(is_stop_word("my", false));
        assert!(!is_stop_word("phone", false));
        assert!(is_stop_word("的", true));
        assert!(!is_stop_word("的", false));
        assert!(!is_stop_word("个人", true));
    }
}
