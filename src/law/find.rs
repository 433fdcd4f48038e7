//! Finding provisions as people name them: by id (`cprl-56`), by short name and article number
//! (`消法56`, `消法 29 2`, `刑法253`), or by words in their names (characters or pinyin) and texts
//! (characters only: in a page of law, pinyin initials line up by chance).

use crate::library::{Library, Statute, VocabKind};
use crate::query::search::{Query, marks};
use crate::query::words::find_latin;

/// The provisions `wanted` names, in library order: the one with that id; else those whose law's
/// name holds the words before the numbers and whose article begins with those numbers; else those
/// every word of `wanted` matches.
pub fn provisions<'l>(library: &'l Library, wanted: &str) -> Vec<&'l Statute> {
    let wanted = wanted.trim();
    if let Some(statute) = library.statute(wanted) {
        return vec![statute];
    }
    if let Some((name, numbers)) = reference(wanted) {
        let found: Vec<&Statute> = library
            .statutes
            .iter()
            .filter(|s| {
                let named = s.short.as_deref().is_some_and(|short| short.contains(name))
                    || s.law.contains(name);
                named && article_numbers(&s.article).starts_with(&numbers)
            })
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    library
        .statutes
        .iter()
        .filter(|s| matches(library, s, wanted))
        .collect()
}

/// Whether every word of `query` is in one of the provision's names (characters or pinyin), its
/// texts (characters, English words whole), or the words people use for the conduct it forbids
/// (the labels and aliases of its `forbids` violations: 短信, 推销, spam for 消法第二十九条第三款).
/// A word that names a data kind or an everyday word of the vocabulary matches as any of that
/// term's names (人脸 as 图像采集, the words of 个人信息保护法第二十六条).
pub fn matches(library: &Library, statute: &Statute, query: &str) -> bool {
    Words::new(library, query).match_in(library, statute)
}

/// A query's words, prepared once for matching many provisions.
pub struct Words {
    words: Vec<Word>,
}

struct Word {
    lower: String,
    /// For names (pinyin as well as characters).
    parsed: Query,
    /// The word and the other names of the vocabulary term it names.
    same: Vec<String>,
}

impl Words {
    pub fn new(library: &Library, query: &str) -> Self {
        let words = query
            .split_whitespace()
            .map(|word| {
                let lower = word.to_lowercase();
                Word {
                    parsed: Query::new(word),
                    same: same_as(library, &lower),
                    lower,
                }
            })
            .collect();
        Words { words }
    }

    /// [`matches`] for these words.
    pub fn match_in(&self, library: &Library, statute: &Statute) -> bool {
        let conduct: Vec<String> = statute
            .forbids
            .iter()
            .filter_map(|f| {
                library
                    .vocab
                    .term(crate::library::VocabKind::Violations, &f.violation)
            })
            .flat_map(|term| {
                [term.label.zh.clone(), term.label.en.to_lowercase()]
                    .into_iter()
                    .chain(term.aliases.iter().map(|a| a.to_lowercase()))
            })
            .collect();
        let names = [
            &statute.law,
            &statute.article,
            &statute.law_en,
            &statute.heading_en,
        ]
        .into_iter()
        .chain(statute.short.as_ref())
        .chain(statute.heading.as_ref());
        let texts = [&statute.text, &statute.summary_en];
        let texts: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
        self.words.iter().all(|word| {
            let lower = word.lower.as_str();
            // Pinyin only for a word that can be pinyin: building a name's initials costs more
            // than the rest of the test.
            let spellable = lower.bytes().all(|b| b.is_ascii_alphanumeric());
            names.clone().any(|name| {
                name.to_lowercase().contains(lower)
                    || (spellable && !marks(name, &word.parsed).is_empty())
            }) || word
                .same
                .iter()
                .any(|name| texts.iter().any(|text| holds(text, name)))
                || conduct.iter().any(|c| {
                    c.contains(lower) || (c.chars().count() >= 2 && lower.contains(c.as_str()))
                })
        })
    }
}

/// The word and, if it names a data kind or an everyday word, every name of that term, lowercased.
fn same_as(library: &Library, word: &str) -> Vec<String> {
    let mut names = vec![word.to_string()];
    for kind in [VocabKind::DataKinds, VocabKind::Words] {
        for term in library.vocab.terms(kind) {
            if term.names().any(|name| name.to_lowercase() == word) {
                names.extend(term.names().map(str::to_lowercase));
            }
        }
    }
    names.sort_unstable();
    names.dedup();
    names
}

/// Whether a lowercased text holds a word: an English word as a word (`app` is not in
/// `applied`), anything else as characters.
fn holds(text: &str, word: &str) -> bool {
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        find_latin(text, word).is_some()
    } else {
        text.contains(word)
    }
}

/// `消法56` → (`消法`, [56]); `消法 29 2` and `消法29-2` → (`消法`, [29, 2]). `None` unless the
/// text is a name followed by numbers only.
fn reference(text: &str) -> Option<(&str, Vec<u32>)> {
    let split = text.find(|c: char| c.is_ascii_digit())?;
    let (name, rest) = text.split_at(split);
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let mut numbers = Vec::new();
    for part in rest.split(|c: char| !c.is_ascii_digit()) {
        if !part.is_empty() {
            numbers.push(part.parse().ok()?);
        }
    }
    let separators_only = rest
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || "-.,、".contains(c));
    separators_only.then_some((name, numbers))
}

/// The numbers of an article in order: `第二十九条第一款` → [29, 1], `第二百五十三条之一` →
/// [253, 1], `第五十六条` → [56].
pub fn article_numbers(article: &str) -> Vec<u32> {
    let mut numbers = Vec::new();
    let mut run = String::new();
    for c in article.chars().chain(std::iter::once('。')) {
        if "零〇一二两三四五六七八九十百千".contains(c) {
            run.push(c);
        } else if !run.is_empty() {
            numbers.extend(chinese_number(&run));
            run.clear();
        }
    }
    numbers
}

/// A Chinese numeral up to the thousands: `二百五十三` → 253, `十` → 10, `十一` → 11.
fn chinese_number(text: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
    let (mut total, mut current) = (0u32, None::<u32>);
    for c in text.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '两' => {
                current = Some(2);
                continue;
            }
            '〇' => {
                current = Some(0);
                continue;
            }
            _ => {
                current = Some(digit(c)?);
                continue;
            }
        };
        total += current.take().unwrap_or(1) * unit;
    }
    Some(total + current.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{LoadOptions, load};

    fn ids(library: &Library, wanted: &str) -> Vec<String> {
        provisions(library, wanted)
            .iter()
            .map(|s| s.id.clone())
            .collect()
    }

    #[test]
    fn chinese_numerals_and_article_numbers() {
        assert_eq!(chinese_number("二百五十三"), Some(253));
        assert_eq!(chinese_number("十"), Some(10));
        assert_eq!(chinese_number("十四"), Some(14));
        assert_eq!(chinese_number("五十六"), Some(56));
        assert_eq!(chinese_number("一千零三十五"), Some(1035));
        assert_eq!(article_numbers("第二十九条第一款"), [29, 1]);
        assert_eq!(article_numbers("第二百五十三条之一"), [253, 1]);
        assert_eq!(article_numbers("第一千零三十八条"), [1038]);
    }

    #[test]
    fn provisions_by_id_reference_or_words() {
        let library = load(&LoadOptions::default()).unwrap();
        assert_eq!(ids(&library, "cprl-56"), ["cprl-56"]);
        assert_eq!(ids(&library, "消法56"), ["cprl-56"]);
        assert_eq!(ids(&library, "消法 56"), ["cprl-56"]);
        assert_eq!(
            ids(&library, "消法29"),
            ["cprl-29-1", "cprl-29-2", "cprl-29-3"]
        );
        assert_eq!(ids(&library, "消法29-2"), ["cprl-29-2"]);
        assert_eq!(ids(&library, "刑法253"), ["criminal-253-1"]);
        assert_eq!(
            ids(&library, "情节特别严重"),
            ["criminal-253-1", "spc-2017-10"]
        );
        assert_eq!(ids(&library, "征信信息"), ["spc-2017-10"]);
        assert!(ids(&library, "火星法1").is_empty());
    }

    /// Everyday words find the provisions whose words they share: 人脸 (a data kind whose names
    /// include 图像采集 and 生物识别) the ones on image capture and sensitive data; English words
    /// match whole (`app` is PIPL 66's "apps", never "applied").
    #[test]
    fn provisions_by_everyday_words() {
        let library = load(&LoadOptions::default()).unwrap();
        for word in ["人脸", "刷脸", "face"] {
            let found = ids(&library, word);
            assert!(
                found.contains(&"pipl-26".to_string()) && found.contains(&"pipl-28".to_string()),
                "{word}: {found:?}"
            );
        }
        for word in ["短信", "推销", "spam", "推销短信"] {
            let found = ids(&library, word);
            assert!(
                found.contains(&"cprl-29-3".to_string()) && found.contains(&"cpri-24".to_string()),
                "{word}: {found:?}"
            );
        }
        assert!(!ids(&library, "app").contains(&"cprl-29-2".to_string()));
        assert!(ids(&library, "ppl").is_empty(), "no word begins with ppl");
    }
}
