//! Text search over a case's fields. Plain substring matching for now: every word of the query
//! must appear somewhere in the case (case-insensitive).

use crate::library::Case;

/// The texts of a case that a query is matched against.
pub fn haystack(case: &Case) -> String {
    let mut parts: Vec<&str> = vec![
        &case.id,
        &case.title,
        &case.party.name,
        &case.place.province,
        &case.summary,
    ];
    parts.extend(case.title_en.as_deref());
    parts.extend(case.summary_en.as_deref());
    parts.extend(case.authority.as_deref());
    parts.extend(case.place.city.as_deref());
    parts.extend(case.place.district.as_deref());
    parts.extend(case.data_kinds.iter().flatten().map(String::as_str));
    parts.join("\n").to_lowercase()
}

/// Whether every whitespace-separated word of `query` occurs in the case. An empty query matches.
pub fn matches(case: &Case, query: &str) -> bool {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return true;
    }
    let text = haystack(case);
    words.iter().all(|w| text.contains(w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{LoadOptions, load};

    #[test]
    fn every_word_must_match_in_any_field() {
        let library = load(&LoadOptions::default()).unwrap();
        let ids = |q: &str| -> Vec<&str> {
            library
                .cases
                .iter()
                .filter(|c| matches(c, q))
                .map(|c| c.id.as_str())
                .collect()
        };
        assert_eq!(ids("房多多"), ["nanning-fangduoduo"]);
        assert_eq!(ids("广西 房"), ["nanning-fangduoduo"]);
        assert_eq!(ids("NANNING"), ["nanning-fangduoduo"]);
        assert_eq!(ids("通州区"), ["beijing-maikainike"]);
        assert_eq!(ids("   ").len(), 9);
        assert!(ids("不存在的词").is_empty());
    }
}
