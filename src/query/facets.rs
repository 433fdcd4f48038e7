//! Facet counts: how many cases each value would show, given every other facet's choice and the
//! search, like a legal database's facet list.

use crate::library::{Case, Library};

use super::filter::{Facet, Filter, has_value};

/// One value of a facet with its count under the other facets' filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    pub key: String,
    pub zh: String,
    pub en: String,
    pub count: usize,
    pub chosen: bool,
}

/// All values of a facet, in vocabulary order, with counts. `visible` says which cases pass the
/// search (the facets' counts follow it).
pub fn values(
    library: &Library,
    filter: &Filter,
    facet: Facet,
    visible: &dyn Fn(&Case) -> bool,
) -> Vec<FacetValue> {
    let mut others = filter.clone();
    others.values_mut(facet).clear();
    let pool: Vec<&Case> = library
        .cases
        .iter()
        .filter(|c| visible(c) && others.matches(library, c))
        .collect();
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
    terms
        .into_iter()
        .map(|(key, zh, en)| FacetValue {
            count: pool
                .iter()
                .filter(|c| has_value(library, c, facet, &key))
                .count(),
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
        let all = |_: &Case| true;
        let mut filter = Filter::default();
        let count = |filter: &Filter, facet, key: &str| {
            values(&library, filter, facet, &all)
                .into_iter()
                .find(|v| v.key == key)
                .unwrap()
                .count
        };
        assert_eq!(count(&filter, Facet::Sector, "real-estate"), 3);
        assert_eq!(count(&filter, Facet::Province, "新疆维吾尔自治区"), 1);
        filter.sectors.push("real-estate".into());
        // Choosing a sector narrows the provinces, not the other sectors.
        assert_eq!(count(&filter, Facet::Province, "广西壮族自治区"), 1);
        assert_eq!(count(&filter, Facet::Province, "四川省"), 0);
        assert_eq!(count(&filter, Facet::Sector, "education"), 2);
        let only_guangxi = |c: &Case| c.place.province == "广西壮族自治区";
        let sectors = values(&library, &filter, Facet::Sector, &only_guangxi);
        assert_eq!(sectors.iter().map(|v| v.count).sum::<usize>(), 1);
        assert!(
            sectors
                .iter()
                .find(|v| v.key == "real-estate")
                .unwrap()
                .chosen
        );
    }
}
