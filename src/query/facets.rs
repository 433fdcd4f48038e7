//! Facet counts: how many cases each value would show, given every other facet's choice and the
//! search, like a legal database's facet list. One pass over the cases, whatever their number.

use std::collections::HashMap;

use crate::library::{Case, Library, VocabKind};

use super::filter::{Facet, Filter, has_value};

/// Per facet, the number of cases for each value key.
pub type Counts<'l> = HashMap<Facet, HashMap<&'l str, usize>>;

/// One value of a facet with its count under the other facets' filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    pub key: String,
    pub zh: String,
    pub en: String,
    pub count: usize,
    pub chosen: bool,
}

/// The values a case carries in a facet. A unit within a province counts for that province too.
fn case_values<'l>(library: &'l Library, case: &'l Case, facet: Facet) -> Vec<&'l str> {
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
        Facet::Violation => case.violations.iter().map(String::as_str).collect(),
        Facet::Penalty => case.penalty.iter().map(|p| p.kind.as_str()).collect(),
        Facet::Collection => vec![case.collection.as_str()],
    }
}

/// Counts every facet's values in one pass. `in_search` says which cases pass the search (all of
/// them when `None`).
pub fn count_all<'l>(
    library: &'l Library,
    filter: &Filter,
    in_search: Option<&[bool]>,
) -> Counts<'l> {
    let mut counts: Counts = Facet::ALL.iter().map(|&f| (f, HashMap::new())).collect();
    for (index, case) in library.cases.iter().enumerate() {
        if in_search.is_some_and(|mask| !mask[index]) {
            continue;
        }
        let mut failed = Facet::ALL.iter().copied().filter(|&facet| {
            let chosen = filter.values(facet);
            !chosen.is_empty() && !chosen.iter().any(|v| has_value(library, case, facet, v))
        });
        // A facet's counts ignore its own choice: a case counts toward facet F if it passes
        // every other facet.
        let counted: &[Facet] = match (failed.next(), failed.next()) {
            (None, _) => &Facet::ALL,
            (Some(only), None) => &[only][..],
            _ => continue,
        };
        for &facet in counted {
            let slot = counts.get_mut(&facet).expect("every facet has a map");
            for value in case_values(library, case, facet) {
                *slot.entry(value).or_default() += 1;
            }
        }
    }
    counts
}

/// All values of a facet, in vocabulary order, with their counts.
pub fn values(
    library: &Library,
    filter: &Filter,
    counts: &Counts,
    facet: Facet,
) -> Vec<FacetValue> {
    let terms: Vec<(String, String, String)> = match facet.vocab() {
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
    let of_facet = counts.get(&facet);
    terms
        .into_iter()
        .map(|(key, zh, en)| FacetValue {
            count: of_facet
                .and_then(|c| c.get(key.as_str()))
                .copied()
                .unwrap_or(0),
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
        let count = |filter: &Filter, mask: Option<&[bool]>, facet, key: &str| {
            let counts = count_all(&library, filter, mask);
            values(&library, filter, &counts, facet)
                .into_iter()
                .find(|v| v.key == key)
                .unwrap()
                .count
        };
        let mut filter = Filter::default();
        assert_eq!(count(&filter, None, Facet::Sector, "real-estate"), 3);
        assert_eq!(count(&filter, None, Facet::Province, "新疆维吾尔自治区"), 1);
        assert_eq!(count(&filter, None, Facet::Province, "新疆生产建设兵团"), 1);
        filter.sectors.push("real-estate".into());
        // Choosing a sector narrows the provinces, not the other sectors.
        assert_eq!(count(&filter, None, Facet::Province, "广西壮族自治区"), 1);
        assert_eq!(count(&filter, None, Facet::Province, "四川省"), 0);
        assert_eq!(count(&filter, None, Facet::Sector, "education"), 2);
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
}
