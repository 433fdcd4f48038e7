//! Facet counts: how many cases each value would show, given every other facet's choice and the
//! search, like a legal database's facet list.
//!
//! Values are numbered once per library ([`FacetIndex`]), so a recount is one pass over the cases
//! comparing small integers, whatever the number of cases.

use crate::library::{Case, Library, Str, VocabKind};

use super::filter::{Facet, Filter};

/// One value of a facet with its count under the other facets' filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    pub key: String,
    pub zh: String,
    pub en: String,
    pub count: usize,
    pub chosen: bool,
}

/// The values of one facet, in display order (vocabulary or file order).
pub fn keys(library: &Library, facet: Facet) -> Vec<&str> {
    match facet.vocab() {
        Some(kind) => library
            .vocab
            .terms(kind)
            .iter()
            .map(|t| t.key.as_str())
            .collect(),
        None => library.collections.iter().map(|c| c.id.as_str()).collect(),
    }
}

/// Each case's facet values as numbers, all in one array (one allocation per case scattered
/// them, and a recount of 100,000 cases spent its time missing the cache).
pub struct FacetIndex {
    keys: Vec<Vec<String>>,
    /// Every case's value numbers, case after case, facet after facet.
    numbers: Vec<u16>,
    /// Per case: where its numbers start, and where each facet's end, counted from there.
    cases: Vec<(u32, [u8; 5])>,
}

/// Per facet (in `Facet::ALL` order), the count of each value number.
pub type Counts = Vec<Vec<usize>>;

fn slot(facet: Facet) -> usize {
    Facet::ALL.iter().position(|f| *f == facet).unwrap_or(0)
}

impl FacetIndex {
    pub fn new(library: &Library) -> Self {
        let keys: Vec<Vec<String>> = Facet::ALL
            .iter()
            .map(|&f| keys(library, f).into_iter().map(str::to_string).collect())
            .collect();
        let number = |facet: Facet, key: &str| -> Option<u16> {
            keys[slot(facet)]
                .iter()
                .position(|k| k == key)
                .map(|i| i as u16)
        };
        let mut numbers = Vec::new();
        let mut cases = Vec::with_capacity(library.cases.len());
        for case in &library.cases {
            let start = numbers.len();
            let ends = Facet::ALL.map(|facet| {
                numbers.extend(
                    case_keys(library, case, facet)
                        .into_iter()
                        .filter_map(|k| number(facet, k))
                        // A case with more than 255 values in all counts only its first 255.
                        .take(u8::MAX as usize - (numbers.len() - start)),
                );
                (numbers.len() - start) as u8
            });
            cases.push((start as u32, ends));
        }
        numbers.shrink_to_fit();
        FacetIndex {
            keys,
            numbers,
            cases,
        }
    }

    /// A case's value numbers, per facet.
    fn values(&self, case: usize) -> [&[u16]; 5] {
        let (start, ends) = self.cases[case];
        let start = start as usize;
        let mut from = start;
        ends.map(|end| {
            let values = &self.numbers[from..start + end as usize];
            from = start + end as usize;
            values
        })
    }

    /// The chosen values of a filter as numbers, per facet.
    fn chosen(&self, filter: &Filter) -> [Vec<u16>; 5] {
        Facet::ALL.map(|facet| {
            filter
                .values(facet)
                .iter()
                .filter_map(|k| self.keys[slot(facet)].iter().position(|x| x == k))
                .map(|i| i as u16)
                .collect()
        })
    }

    /// Counts every facet's values in one pass. `in_search` says which cases pass the search
    /// (all of them when `None`).
    pub fn count(&self, filter: &Filter, in_search: Option<&[bool]>) -> Counts {
        let chosen = self.chosen(filter);
        let mut counts: Counts = self.keys.iter().map(|k| vec![0; k.len()]).collect();
        for case in 0..self.cases.len() {
            if in_search.is_some_and(|mask| !mask[case]) {
                continue;
            }
            let values = self.values(case);
            let passes =
                |f: usize| chosen[f].is_empty() || values[f].iter().any(|v| chosen[f].contains(v));
            let mut failed = (0..5).filter(|&f| !passes(f));
            // A facet's counts ignore its own choice: a case counts toward facet F if it passes
            // every other facet.
            let (first, second) = (failed.next(), failed.next());
            for f in 0..5 {
                let counted = match (first, second) {
                    (None, _) => true,
                    (Some(only), None) => only == f,
                    _ => false,
                };
                if counted {
                    for &v in values[f] {
                        counts[f][v as usize] += 1;
                    }
                }
            }
        }
        counts
    }
}

/// The values a case carries in a facet, each once (two fines are one 罚款). A unit within a
/// province counts for that province too.
fn case_keys<'l>(library: &'l Library, case: &'l Case, facet: Facet) -> Vec<&'l str> {
    let mut keys = all_keys(library, case, facet);
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn all_keys<'l>(library: &'l Library, case: &'l Case, facet: Facet) -> Vec<&'l str> {
    match facet {
        Facet::Sector => case.sector.as_deref().into_iter().collect(),
        Facet::Province => std::iter::once(case.place.province.as_str())
            .chain(
                library
                    .vocab
                    .term(VocabKind::Provinces, &case.place.province)
                    .and_then(|t| t.within.as_deref()),
            )
            .collect(),
        Facet::Violation => case.violations.iter().map(Str::as_str).collect(),
        Facet::Penalty => case.penalty.iter().map(|p| p.kind.as_str()).collect(),
        Facet::Collection => vec![case.collection.as_str()],
    }
}

/// All values of a facet, in display order, with their counts.
pub fn values(
    library: &Library,
    filter: &Filter,
    counts: &Counts,
    facet: Facet,
) -> Vec<FacetValue> {
    let labels: Vec<(String, String, String)> = match facet.vocab() {
        Some(kind) => library
            .vocab
            .terms(kind)
            .iter()
            .map(|t| (t.key.clone(), t.label.zh.clone(), t.label.en.clone()))
            .collect(),
        None => library
            .collections
            .iter()
            .map(|c| {
                let en = c.title_en.clone().unwrap_or_else(|| c.id.clone());
                (c.id.clone(), c.title.clone(), en)
            })
            .collect(),
    };
    let of_facet = counts.get(slot(facet));
    labels
        .into_iter()
        .enumerate()
        .map(|(i, (key, zh, en))| FacetValue {
            count: of_facet.and_then(|c| c.get(i)).copied().unwrap_or(0),
            chosen: filter.values(facet).contains(&key),
            key,
            zh,
            en,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{LoadOptions, load};

    #[test]
    fn counts_follow_the_other_facets_but_not_their_own() {
        let library = load(&LoadOptions::default()).unwrap();
        let index = FacetIndex::new(&library);
        let count = |filter: &Filter, mask: Option<&[bool]>, facet, key: &str| {
            let counts = index.count(filter, mask);
            values(&library, filter, &counts, facet)
                .into_iter()
                .find(|v| v.key == key)
                .unwrap()
                .count
        };
        let mut filter = Filter::default();
        // Three of the 2019 list, eleven of the later one.
        assert_eq!(count(&filter, None, Facet::Sector, "real-estate"), 14);
        assert_eq!(count(&filter, None, Facet::Province, "新疆维吾尔自治区"), 1);
        assert_eq!(count(&filter, None, Facet::Province, "新疆生产建设兵团"), 1);
        filter.sectors.push("real-estate".into());
        // Choosing a sector narrows the provinces, not the other sectors.
        assert_eq!(count(&filter, None, Facet::Province, "广西壮族自治区"), 1);
        assert_eq!(count(&filter, None, Facet::Province, "四川省"), 0);
        assert_eq!(count(&filter, None, Facet::Sector, "education"), 3);
        // Counts follow the search.
        let only_nanning: Vec<bool> = library
            .cases
            .iter()
            .map(|c| c.id == "nanning-fangduoduo")
            .collect();
        assert_eq!(
            count(&filter, Some(&only_nanning), Facet::Sector, "education"),
            0
        );
        assert_eq!(
            count(&filter, Some(&only_nanning), Facet::Sector, "real-estate"),
            1
        );
    }

    /// The numbered count agrees with the plain filter on every single-value choice.
    #[test]
    fn counts_agree_with_the_filter() {
        let library = load(&LoadOptions::default()).unwrap();
        let index = FacetIndex::new(&library);
        let counts = index.count(&Filter::default(), None);
        for facet in Facet::ALL {
            for value in values(&library, &Filter::default(), &counts, facet) {
                let mut filter = Filter::default();
                filter.values_mut(facet).push(value.key.clone());
                assert_eq!(
                    filter.apply(&library).len(),
                    value.count,
                    "{facet:?} {}",
                    value.key
                );
            }
        }
    }
}
