//! What to offer when a search finds nothing: how many cases each word finds alone (so the user
//! sees which word to drop), facet values whose names hold a word, and the library's words nearest
//! to a word that finds nothing (a typo: 房地厂 → 房地产).

use crate::library::{Library, VocabKind};
use crate::msg::{Catalog, fill};

use super::filter::{Facet, has_value};
use super::search::{Index, Query};

/// How many nearest words to offer for a word.
const NEAREST: usize = 3;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suggestions {
    /// Each word of the query (a phrase's words, when it was cut into them) with the number of
    /// cases it finds on its own.
    pub words: Vec<(String, usize)>,
    /// Facet values a word names (by key, label or alias, or a part of one) that hold cases.
    pub values: Vec<Value>,
    /// For words that find nothing: the library's nearest words that find something.
    pub nearest: Vec<String>,
    /// The provisions the query finds (indices into `library.statutes`, in reading order): a
    /// question with no precedent may still have its law.
    pub provisions: Vec<usize>,
    /// What found them: the query, or its words that find no case.
    pub provisions_for: String,
    /// A word of two or three Latin letters found nothing: initials only spell whole names.
    pub initials: bool,
    /// How many cases the library has: clearing the search shows them.
    pub cases: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub facet: Facet,
    pub key: String,
    pub count: usize,
}

/// How many provisions a suggestion names before it says how many more.
const PROVISIONS_SHOWN: usize = 3;

impl Suggestions {
    /// The suggestions as lines to read: `各词单独：广西 1 例；教育 2 例`, the facet values, the
    /// nearest words, the provisions, a word on initials. (The browser and the command line each
    /// add how to open the provisions and see every case.) Words counted only when there are several (one word's count is the 0 just
    /// shown).
    pub fn lines(&self, m: &Catalog, library: &Library) -> Vec<String> {
        let mut lines = Vec::new();
        if self.words.len() > 1 {
            let words: Vec<String> = self
                .words
                .iter()
                .map(|(word, n)| format!("{word} {}", m.n_cases(*n)))
                .collect();
            lines.push(fill(
                m.suggest_words,
                &[("words", words.join(m.clause_sep))],
            ));
        }
        if !self.values.is_empty() {
            let values: Vec<String> = self
                .values
                .iter()
                .map(|v| {
                    // The value's label in the interface language (its key if the vocabulary
                    // lacks it).
                    let label = v
                        .facet
                        .vocab()
                        .map_or(v.key.clone(), |kind| m.term(library, kind, &v.key));
                    format!("{} {label} ({})", m.facet(v.facet), m.n_cases(v.count))
                })
                .collect();
            lines.push(fill(
                m.suggest_values,
                &[("values", values.join(m.clause_sep))],
            ));
        }
        if !self.nearest.is_empty() {
            let words = self.nearest.join(m.list_sep);
            lines.push(fill(m.suggest_nearest, &[("words", words)]));
        }
        if !self.provisions.is_empty() {
            let mut named: Vec<String> = self
                .provisions
                .iter()
                .take(PROVISIONS_SHOWN)
                .filter_map(|&i| library.statutes.get(i))
                .map(|s| m.cite(s))
                .collect();
            if self.provisions.len() > PROVISIONS_SHOWN {
                named.push(fill(
                    m.suggest_more,
                    &[("n", (self.provisions.len() - PROVISIONS_SHOWN).to_string())],
                ));
            }
            lines.push(fill(
                m.suggest_provisions,
                &[
                    ("what", self.provisions_for.clone()),
                    ("provisions", named.join(m.list_sep)),
                ],
            ));
        }
        if self.initials {
            lines.push(m.suggest_initials.to_string());
        }
        lines
    }
}

/// Suggestions for a query that found nothing, among `known` ([`known_words`], built once per
/// library). Work done only then, never per keystroke of a search that finds something. Every
/// value, word and provision offered finds something.
pub fn suggest(library: &Library, index: &Index, known: &[String], query: &str) -> Suggestions {
    let parsed = Query::new(query);
    let cut = index.cut(&parsed);
    let words: Vec<String> = cut
        .as_ref()
        .unwrap_or(&parsed)
        .words()
        .map(str::to_string)
        .collect();
    let mut out = Suggestions {
        cases: library.cases.len(),
        ..Suggestions::default()
    };
    for word in &words {
        let found = index.search(&Query::new(word), None).len();
        out.words.push((word.clone(), found));
        out.values.extend(
            values_named(library, word)
                .into_iter()
                .filter(|v| v.count > 0),
        );
        if found == 0 {
            out.initials |=
                (2..=3).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_lowercase());
            for near in nearest_words(known, word) {
                let finds = !index.search(&Query::new(&near), None).is_empty();
                if finds && !out.nearest.contains(&near) {
                    out.nearest.push(near);
                }
            }
        }
    }
    out.values
        .dedup_by(|a, b| a.facet == b.facet && a.key == b.key);
    // The provisions the whole query finds; failing that, those of the words that find no case
    // (培训 短信: 短信's).
    let order = crate::law::reading_order(library);
    let finds = |text: &str| -> Vec<usize> {
        let words = crate::law::find::Words::new(library, text);
        order
            .iter()
            .copied()
            .filter(|&i| words.match_in(library, &library.statutes[i]))
            .collect()
    };
    out.provisions = finds(query);
    out.provisions_for = query.trim().to_string();
    if out.provisions.is_empty() {
        for (word, _) in out.words.iter().filter(|(_, n)| *n == 0) {
            let found = finds(word);
            if !found.is_empty() {
                out.provisions = found;
                out.provisions_for = word.clone();
                break;
            }
        }
    }
    out
}

/// Facet values one of whose names holds `word`, or is held whole by it (two characters or more).
fn values_named(library: &Library, word: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for facet in Facet::ALL {
        let Some(kind) = facet.vocab() else { continue };
        for term in library.vocab.terms(kind) {
            let named = term.names().any(|name| {
                let name = name.to_lowercase();
                name.contains(word) || (name.chars().nth(1).is_some() && word.contains(&name))
            });
            if named {
                let count = library
                    .cases
                    .iter()
                    .filter(|case| has_value(library, case, facet, &term.key))
                    .count();
                out.push(Value {
                    facet,
                    key: term.key.clone(),
                    count,
                });
            }
        }
    }
    out
}

/// The words people type that the library knows: vocabulary names, data kinds, statute short
/// names. Cases' data kinds repeat across a large library, so they are deduplicated borrowed
/// before any is copied.
pub fn known_words(library: &Library) -> Vec<String> {
    let data_kinds: std::collections::BTreeSet<&str> = library
        .cases
        .iter()
        .flat_map(|case| case.data_kinds.iter().flatten())
        .map(|kind| kind.as_str())
        .collect();
    let mut words: Vec<String> = VocabKind::ALL
        .iter()
        .flat_map(|&kind| library.vocab.terms(kind))
        .flat_map(|term| term.names())
        .chain(data_kinds)
        .chain(library.statutes.iter().filter_map(|s| s.short.as_deref()))
        .map(str::to_lowercase)
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// The library's words within a small edit distance of `word`, nearest first.
fn nearest_words(known: &[String], word: &str) -> Vec<String> {
    let length = word.chars().count();
    let allowed = (length / 3).max(1);
    let mut near: Vec<(usize, String)> = known
        .iter()
        // An edit changes the length by one at most: most words are too long or short to try.
        .filter(|known| known.chars().count().abs_diff(length) <= allowed)
        .filter(|known| *known != word)
        .map(|known| (strsim::levenshtein(word, known), known.clone()))
        .filter(|(distance, _)| *distance <= allowed && *distance < length)
        .collect();
    near.sort();
    near.into_iter().take(NEAREST).map(|(_, w)| w).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // The 2019 list alone: these queries find nothing there (the later collection has face
    // cases, and cases in 重庆).
    use crate::library::list_2019;

    #[test]
    fn each_word_counts_alone_and_names_its_facet_values() {
        let library = list_2019();
        let index = Index::new(&library);
        let found = suggest(&library, &index, &known_words(&library), "广西 教育");
        assert_eq!(
            found.words,
            [("广西".to_string(), 1), ("教育".to_string(), 2)]
        );
        let keys: Vec<&str> = found.values.iter().map(|v| v.key.as_str()).collect();
        assert_eq!(keys, ["广西壮族自治区", "education"]);
        assert!(found.nearest.is_empty());
    }

    #[test]
    fn a_typo_gets_the_nearest_words() {
        let library = list_2019();
        let index = Index::new(&library);
        let found = suggest(&library, &index, &known_words(&library), "房地厂");
        assert_eq!(found.words, [("房地厂".to_string(), 0)]);
        assert_eq!(found.nearest.first().map(String::as_str), Some("房地产"));
        let found = suggest(&library, &index, &known_words(&library), "agncy");
        assert!(found.nearest.contains(&"agency".to_string()), "{found:?}");
    }

    /// The provisions offered are listed in the interface language's way: `、` in Chinese, a
    /// comma in English.
    #[test]
    fn provisions_are_listed_in_the_interface_language() {
        let library = list_2019();
        let index = Index::new(&library);
        let found = suggest(&library, &index, &known_words(&library), "sms spam");
        assert!(found.provisions.len() >= 2, "{found:?}");
        let lines = |m| found.lines(m, &library).join("\n");
        let (en, zh) = (lines(&crate::msg::EN), lines(&crate::msg::ZH));
        assert!(en.contains("Art. 29(3), ") && !en.contains('、'), "{en}");
        assert!(zh.contains("第二十九条第三款、"), "{zh}");
    }

    #[test]
    fn nothing_to_offer_for_noise() {
        let library = list_2019();
        let index = Index::new(&library);
        let found = suggest(&library, &index, &known_words(&library), "zzzzqqqq");
        assert_eq!(found.words, [("zzzzqqqq".to_string(), 0)]);
        assert!(found.values.is_empty() && found.nearest.is_empty());
        assert!(found.provisions.is_empty() && !found.initials);
        assert_eq!(
            found.cases,
            library.cases.len(),
            "clearing the search is still offered"
        );
    }

    /// The queries of the zero-result tests: each gets something to do, and every value, word and
    /// provision offered finds something when followed.
    #[test]
    fn every_suggestion_leads_to_a_hit() {
        let library = list_2019();
        let index = Index::new(&library);
        let known = known_words(&library);
        for query in [
            "推销短信",
            "人脸",
            "人脸识别",
            "照片",
            "face",
            "培训 短信",
            "培训机构发短信",
            "房地厂",
            "agncy",
            "cq",
            "广西 教育",
            "短信 老人",
        ] {
            assert!(
                index.find(&Query::new(query)).0.is_empty(),
                "{query} finds cases"
            );
            let found = suggest(&library, &index, &known, query);
            let offers = found.values.len() + found.nearest.len() + found.provisions.len();
            assert!(offers > 0 || found.initials, "{query}: nothing offered");
            for value in &found.values {
                assert!(value.count > 0, "{query}: {value:?}");
                let holds = library
                    .cases
                    .iter()
                    .any(|case| has_value(&library, case, value.facet, &value.key));
                assert!(holds, "{query}: {value:?}");
            }
            for word in &found.nearest {
                assert!(
                    !index.find(&Query::new(word)).0.is_empty(),
                    "{query}: {word}"
                );
            }
            for &statute in &found.provisions {
                let statute = &library.statutes[statute];
                assert!(
                    crate::law::find::matches(&library, statute, &found.provisions_for),
                    "{query}: {}",
                    statute.id
                );
            }
        }
        let sms = suggest(&library, &index, &known, "推销短信");
        let ids: Vec<&str> = sms
            .provisions
            .iter()
            .map(|&i| library.statutes[i].id.as_str())
            .collect();
        assert!(
            ids.contains(&"cprl-29-3") && ids.contains(&"cpri-24"),
            "{ids:?}"
        );
        let face = suggest(&library, &index, &known, "人脸");
        let ids: Vec<&str> = face
            .provisions
            .iter()
            .map(|&i| library.statutes[i].id.as_str())
            .collect();
        assert!(ids.contains(&"pipl-28"), "{ids:?}");
        assert!(suggest(&library, &index, &known, "cq").initials);
    }
}
