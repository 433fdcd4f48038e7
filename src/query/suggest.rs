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
    /// Each word of the query with the number of cases it finds on its own.
    pub words: Vec<(String, usize)>,
    /// Facet values a word names (by key, label or alias, or a part of one), with their counts.
    pub values: Vec<Value>,
    /// For words that find nothing: the library's nearest words.
    pub nearest: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub facet: Facet,
    pub key: String,
    pub label: String,
    pub count: usize,
}

impl Suggestions {
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|(_, n)| *n == 0) && self.values.is_empty() && self.nearest.is_empty()
    }

    /// The suggestions as lines to read: `各词单独：广西 1 例；教育 2 例`, the facet values, the
    /// nearest words. Words counted only when there are several (one word's count is the 0 just
    /// shown).
    pub fn lines(&self, m: &Catalog) -> Vec<String> {
        let mut lines = Vec::new();
        if self.words.len() > 1 {
            let words: Vec<String> = self
                .words
                .iter()
                .map(|(word, n)| format!("{word} {n} {}", m.cases_unit))
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
                    format!(
                        "{} {} ({} {})",
                        m.facet(v.facet),
                        v.label,
                        v.count,
                        m.cases_unit
                    )
                })
                .collect();
            lines.push(fill(m.suggest_values, &[("values", values.join("；"))]));
        }
        if !self.nearest.is_empty() {
            let words = self.nearest.join("、");
            lines.push(fill(m.suggest_nearest, &[("words", words)]));
        }
        lines
    }
}

/// Suggestions for a query that found nothing, among `known` ([`known_words`], built once per
/// library). Work done only then, never per keystroke of a search that finds something.
pub fn suggest(library: &Library, index: &Index, known: &[String], query: &str) -> Suggestions {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut out = Suggestions::default();
    for word in &words {
        let found = index.search(&Query::new(word), None).len();
        out.words.push((word.clone(), found));
        out.values.extend(values_named(library, word));
        if found == 0 {
            for near in nearest_words(known, word) {
                if !out.nearest.contains(&near) {
                    out.nearest.push(near);
                }
            }
        }
    }
    out.values
        .dedup_by(|a, b| a.facet == b.facet && a.key == b.key);
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
                    label: term.label.zh.clone(),
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
    use crate::library::{LoadOptions, load};

    #[test]
    fn each_word_counts_alone_and_names_its_facet_values() {
        let library = load(&LoadOptions::default()).unwrap();
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
        let library = load(&LoadOptions::default()).unwrap();
        let index = Index::new(&library);
        let found = suggest(&library, &index, &known_words(&library), "房地厂");
        assert_eq!(found.words, [("房地厂".to_string(), 0)]);
        assert_eq!(found.nearest.first().map(String::as_str), Some("房地产"));
        let found = suggest(&library, &index, &known_words(&library), "agncy");
        assert!(found.nearest.contains(&"agency".to_string()), "{found:?}");
    }

    #[test]
    fn nothing_to_offer_for_noise() {
        let library = load(&LoadOptions::default()).unwrap();
        let index = Index::new(&library);
        assert!(suggest(&library, &index, &known_words(&library), "zzzzqqqq").is_empty());
    }
}
