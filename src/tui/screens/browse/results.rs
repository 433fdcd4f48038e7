//! Which cases the browser shows: the facet filter and the search, combined, with the facet
//! counts under them. No terminal here; the browse screen keeps one and refreshes it.

use crate::library::{Case, Library};
use crate::query::facets::{Counts, FacetIndex};
use crate::query::filter::Filter;
use crate::query::search::{Index, Query, Trail};
use crate::query::suggest::{Suggestions, known_words, suggest};

pub struct Results<'l> {
    pub library: &'l Library,
    pub filter: Filter,
    /// The query last searched, parsed, for matching and highlighting.
    pub parsed: Query,
    /// The words a phrase of it was cut into, when it found nothing whole (员工卖客户信息 →
    /// 员工 卖 客户信息): what was searched and is highlighted.
    pub cut: Option<Query>,
    pub index: Index<'l>,
    /// The cases matching the query, best first (all cases, in library order, for no query), and
    /// the query they answer: a longer query searches only within them.
    searched: Vec<usize>,
    searched_for: String,
    /// What that search leaves for the next key's, when the query only grew.
    trail: Option<Trail>,
    facet_index: FacetIndex,
    /// Facet counts under the current filters and search.
    pub facet_counts: Counts,
    /// Indices into `library.cases` of the cases that pass the filters and the search, in rank
    /// order.
    pub visible: Vec<usize>,
    /// What to offer when the search finds nothing.
    pub suggestions: Suggestions,
    /// The search found nothing and its suggestions are not worked out yet.
    pub suggest_pending: bool,
    /// A search freed memory that is not given back to the system yet.
    trim_pending: bool,
    /// The library's words for suggesting near ones, gathered the first time a search finds
    /// nothing (at 100,000 cases, gathering them per key would show).
    known_words: std::cell::OnceCell<Vec<String>>,
    /// How many cases each collection has, counted once: the list's title shows it in every
    /// frame, and counting 100,000 cases a frame would show.
    identified: std::cell::OnceCell<std::collections::HashMap<&'l str, usize>>,
}

impl<'l> Results<'l> {
    pub fn new(library: &'l Library) -> Self {
        // The phrase segmenter's dictionary loads in the background (≈75 ms): the first phrase
        // typed that finds nothing whole is cut without that wait. Its tables double as they
        // fill; with their blocks mapped apart (see `memory::loading`) the outgrown ones go back
        // to the system rather than stay in the heap: at 100,000 cases the browser's peak
        // 6 MB lower.
        std::thread::spawn(|| crate::memory::loading(crate::query::words::warm_up));
        let mut results = Results {
            library,
            filter: Filter::default(),
            parsed: Query::new(""),
            cut: None,
            index: Index::new(library),
            searched: (0..library.cases.len()).collect(),
            searched_for: String::new(),
            trail: None,
            facet_index: FacetIndex::new(library),
            facet_counts: Counts::new(),
            visible: Vec::new(),
            suggestions: Suggestions::default(),
            suggest_pending: false,
            trim_pending: false,
            identified: Default::default(),
            known_words: std::cell::OnceCell::new(),
        };
        results.refresh("");
        // The index's scratch is freed; the browser then runs in what it keeps.
        crate::memory::give_back();
        results
    }

    /// Recomputes the visible cases for `query` and the current filter; true if the query was a
    /// new one.
    pub fn refresh(&mut self, query: &str) -> bool {
        let library = self.library;
        let new_query = query != self.searched_for;
        if new_query {
            self.parsed = Query::new(query);
            self.cut = None;
            self.searched = if self.parsed.is_empty() {
                self.trail = None;
                (0..library.cases.len()).collect()
            } else {
                // Typing on narrows: the index searches within the previous results.
                let before = self.trail.take();
                let (hits, trail, cut) = self.index.search_typed(&self.parsed, before.as_ref());
                self.cut = cut;
                drop(before);
                self.searched = Vec::new();
                let searched = hits.iter().map(|h| h.case).collect();
                self.trail = Some(trail);
                // The search before this one is freed: its memory is given back after the frame
                // (see `after_frame`), to keep memory flat while someone types.
                self.trim_pending = true;
                searched
            };
            self.searched_for = query.to_string();
            // What would find something is worked out after this frame is drawn (see
            // `finish_suggestions`): at 100,000 cases it searches each word again, and the key
            // that found nothing must show at once.
            self.suggestions = Suggestions::default();
            self.suggest_pending = self.searched.is_empty() && !self.parsed.is_empty();
        }
        let mask = (!self.parsed.is_empty()).then(|| {
            let mut mask = vec![false; library.cases.len()];
            for &case in &self.searched {
                mask[case] = true;
            }
            mask
        });
        self.facet_counts = self.facet_index.count(&self.filter, mask.as_deref());
        // Without a filter, no case need be read (at 100,000 cases, 60 MB of records a key).
        self.visible = if self.filter.is_empty() {
            self.searched.clone()
        } else {
            self.searched
                .iter()
                .copied()
                .filter(|&i| self.filter.matches(library, &library.cases[i]))
                .collect()
        };
        new_query
    }

    /// The work a search leaves for after its frame: memory given back (a few milliseconds at
    /// 100,000 cases, which the key's frame need not wait for), then the suggestions if it found
    /// nothing. True if the suggestions changed what is shown.
    pub fn after_frame(&mut self) -> bool {
        if std::mem::take(&mut self.trim_pending) {
            crate::memory::give_back();
        }
        self.finish_suggestions()
    }

    /// Works out the suggestions a search that found nothing left pending; true if it did.
    pub fn finish_suggestions(&mut self) -> bool {
        if !std::mem::take(&mut self.suggest_pending) {
            return false;
        }
        let library = self.library;
        let known = self.known_words.get_or_init(|| known_words(library));
        self.suggestions = suggest(library, &self.index, known, &self.searched_for);
        true
    }

    /// How many of the library's cases are in `collection`.
    pub fn identified_in(&self, collection: &str) -> usize {
        let library = self.library;
        let counts = self.identified.get_or_init(|| {
            let mut counts = std::collections::HashMap::new();
            for case in &library.cases {
                *counts.entry(case.collection.as_str()).or_insert(0) += 1;
            }
            counts
        });
        counts.get(collection).copied().unwrap_or(0)
    }

    /// The case at a row of the visible list.
    pub fn case_at(&self, row: usize) -> Option<&'l Case> {
        let library = self.library;
        let index = *self.visible.get(row)?;
        Some(&library.cases[index])
    }

    /// The characters of `text` the search matched (none without a query).
    pub fn marks(&self, text: &str) -> Vec<usize> {
        if self.parsed.is_empty() {
            Vec::new()
        } else {
            self.index
                .highlight(text, self.cut.as_ref().unwrap_or(&self.parsed))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{LoadOptions, load};
    use crate::query::filter::Facet;

    #[test]
    fn search_and_filter_combine_and_counts_follow() {
        let library = load(&LoadOptions::default()).unwrap();
        let mut results = Results::new(&library);
        assert_eq!(results.visible.len(), library.cases.len());
        results.refresh("房");
        let with_fang = results.visible.len();
        assert!(with_fang > 0 && with_fang < library.cases.len());
        results
            .filter
            .values_mut(Facet::Province)
            .push("广西壮族自治区".into());
        results.refresh("房");
        let ids: Vec<&str> = results
            .visible
            .iter()
            .map(|&i| library.cases[i].id.as_str())
            .collect();
        assert_eq!(ids, ["nanning-fangduoduo"]);
        results.refresh("");
        assert_eq!(results.visible.len(), 1, "the filter stays without a query");
        assert!(results.marks("南宁房多多").is_empty());
    }
}
