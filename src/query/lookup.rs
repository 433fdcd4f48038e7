//! Finding a case as people name it: by id, by its published number (`7`), or by words with
//! exactly one hit (`房多多`). Shared by `casebook show` and the browser's "go to" box.

use crate::library::{Collection, Library};

use super::search::{Index, Query};

/// The cases `wanted` names by id or published number (`7`, `#7`): the one with that id, or the
/// cases at that position in their published list (one per collection).
pub fn cases_at(library: &Library, wanted: &str) -> Vec<usize> {
    let wanted = wanted.trim().trim_start_matches(['#', ':']).trim();
    if let Some(at) = library.cases.iter().position(|c| c.id == wanted) {
        return vec![at];
    }
    match wanted.parse::<u64>() {
        Ok(position) => (0..library.cases.len())
            .filter(|&i| library.cases[i].position == Some(position))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The published lists whose case at the number `wanted` names (`10`, `#10`) is announced but
/// not in the library: the publisher counted it, no source says which case it is.
pub fn unidentified<'l>(library: &'l Library, wanted: &str) -> Vec<&'l Collection> {
    let wanted = wanted.trim().trim_start_matches(['#', ':']).trim();
    let Ok(position) = wanted.parse::<u64>() else {
        return Vec::new();
    };
    library
        .collections
        .iter()
        .filter(|c| c.announced.is_some_and(|n| (1..=n).contains(&position)))
        .filter(|c| {
            !library
                .cases
                .iter()
                .any(|case| case.collection == c.id && case.position == Some(position))
        })
        .collect()
}

/// The cases `wanted` names (indices into `library.cases`): by id or number ([`cases_at`]), else
/// the search's hits, best first. One case is an answer; several are a choice to offer.
pub fn cases_named(library: &Library, index: &Index, wanted: &str) -> Vec<usize> {
    let found = cases_at(library, wanted);
    if !found.is_empty() || wanted.trim().parse::<u64>().is_ok() {
        return found;
    }
    index
        .search(&Query::new(wanted), None)
        .into_iter()
        .map(|hit| hit.case)
        .collect()
}

/// Case ids of a library that are closest to `wanted`, for "did you mean" messages.
pub fn nearest_case_ids<'l>(library: &'l Library, wanted: &str, count: usize) -> Vec<&'l str> {
    let mut scored: Vec<(usize, &str)> = library
        .cases
        .iter()
        .map(|c| {
            let id = c.id.as_str();
            // A typed fragment of an id ("maikai") should rank that id first.
            let distance = if id.contains(wanted) {
                0
            } else {
                strsim::levenshtein(wanted, id)
            };
            (distance, id)
        })
        .collect();
    scored.sort();
    scored.into_iter().take(count).map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{LoadOptions, load};

    #[test]
    fn by_id_number_or_words() {
        let library = load(&LoadOptions::default()).unwrap();
        let index = Index::new(&library);
        let ids = |wanted: &str| -> Vec<&str> {
            cases_named(&library, &index, wanted)
                .into_iter()
                .map(|i| library.cases[i].id.as_str())
                .collect()
        };
        assert_eq!(ids("yibin-yu"), ["yibin-yu"]);
        // Only published lists number their cases: the compiled later collection does not.
        assert_eq!(ids("7"), ["nanning-fangduoduo"]);
        assert_eq!(ids("#7"), ["nanning-fangduoduo"]);
        assert_eq!(ids("房多多"), ["nanning-fangduoduo"]);
        assert!(ids("10").is_empty(), "the tenth case is not identified");
        let titles = |wanted: &str| -> Vec<&str> {
            unidentified(&library, wanted)
                .iter()
                .map(|c| c.id.as_str())
                .collect()
        };
        assert_eq!(titles("#10"), ["samr-2019-pi"]);
        assert!(titles("7").is_empty(), "identified");
        assert!(titles("11").is_empty(), "beyond what was published");
        assert!(titles("0").is_empty());
        assert_eq!(ids("192"), ["li-kaixiang"], "a guiding case by its number");
        assert!(ids("房产").len() > 1);
    }
}
