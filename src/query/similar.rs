//! Cases like a given one, for the officer who has found a precedent and wants its neighbours:
//! ranked by what they share — the violation first, then the provisions, the sector, the kinds of
//! data, the province — each with what it shares, so the reason can be read.

use crate::library::{Case, LawRole, Library, Term, VocabKind};

/// How much each kind of likeness counts: the conduct and the law decide a precedent; the
/// sector and the data describe it; the place only breaks ties.
const VIOLATION: u32 = 4;
const PROVISION: u32 = 3;
const SECTOR: u32 = 3;
const DATA: u32 = 2;
const PROVINCE: u32 = 1;

/// One thing two cases share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shared {
    /// A violation key.
    Violation(String),
    /// A statute id the two cases rest on (as violated or penalty provisions).
    Provision(String),
    /// A sector key.
    Sector(String),
    /// A data-kind word (a key of `[data_kinds]`).
    DataKind(String),
    /// A province key.
    Province(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Similar {
    /// An index into `library.cases`.
    pub case: usize,
    pub score: u32,
    pub shared: Vec<Shared>,
}

/// The data-kind words a case uses: those whose label or an alias one of its data kinds holds.
pub fn data_words<'l>(library: &'l Library, case: &'l Case) -> impl Iterator<Item = &'l Term> {
    library
        .vocab
        .terms(VocabKind::DataKinds)
        .iter()
        .filter(move |t| {
            case.data_kinds.iter().flatten().any(|kind| {
                kind.contains(t.label.zh.as_str())
                    || t.aliases.iter().any(|a| kind.contains(a.as_str()))
            })
        })
}

/// The provisions a case rests on (violated or penalty), by id.
fn provisions(case: &Case) -> impl Iterator<Item = &str> {
    case.law
        .iter()
        .filter(|l| matches!(l.role, LawRole::Violated | LawRole::Penalty))
        .map(|l| l.statute.as_str())
}

/// The `limit` cases most like `library.cases[of]`, best first (then in library order); cases
/// that share nothing are left out.
pub fn similar(library: &Library, of: usize, limit: usize) -> Vec<Similar> {
    let Some(this) = library.cases.get(of) else {
        return Vec::new();
    };
    let words: Vec<&str> = data_words(library, this).map(|t| t.key.as_str()).collect();
    let mut found: Vec<Similar> = library
        .cases
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != of)
        .filter_map(|(i, other)| {
            let mut shared = Vec::new();
            let mut score = 0;
            for v in other
                .violations
                .iter()
                .filter(|v| this.violations.contains(v))
            {
                shared.push(Shared::Violation(v.to_string()));
                score += VIOLATION;
            }
            let mut seen: Vec<&str> = Vec::new();
            for id in provisions(other).filter(|id| provisions(this).any(|t| t == *id)) {
                if !seen.contains(&id) {
                    seen.push(id);
                    shared.push(Shared::Provision(id.to_string()));
                    score += PROVISION;
                }
            }
            if let (Some(a), Some(b)) = (&this.sector, &other.sector)
                && a == b
            {
                shared.push(Shared::Sector(a.to_string()));
                score += SECTOR;
            }
            for word in data_words(library, other).filter(|t| words.contains(&t.key.as_str())) {
                shared.push(Shared::DataKind(word.key.clone()));
                score += DATA;
            }
            if this.place.province == other.place.province {
                shared.push(Shared::Province(other.place.province.to_string()));
                score += PROVINCE;
            }
            (score > 0).then_some(Similar {
                case: i,
                score,
                shared,
            })
        })
        .collect();
    found.sort_by(|a, b| b.score.cmp(&a.score).then(a.case.cmp(&b.case)));
    found.truncate(limit);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{LoadOptions, load};

    fn at(library: &Library, id: &str) -> usize {
        library.cases.iter().position(|c| c.id == id).unwrap()
    }

    #[test]
    fn ranked_by_what_they_share_with_the_reasons() {
        let library = load(&LoadOptions::default()).unwrap();
        let found = similar(&library, at(&library, "nanning-fangduoduo"), 5);
        assert!(!found.is_empty() && found.len() <= 5);
        assert!(found.windows(2).all(|w| w[0].score >= w[1].score));
        let first = &library.cases[found[0].case];
        // Another real-estate case resting on the same provisions ranks first.
        assert_eq!(first.sector.as_deref(), Some("real-estate"), "{found:?}");
        assert!(
            found[0]
                .shared
                .contains(&Shared::Provision("cprl-56".to_string())),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .all(|s| library.cases[s.case].id != "nanning-fangduoduo")
        );
        // Every score is the sum of what is shared.
        for s in &found {
            assert!(s.score > 0 && !s.shared.is_empty());
        }
    }

    #[test]
    fn phone_numbers_are_a_shared_data_kind() {
        let library = load(&LoadOptions::default()).unwrap();
        let found = similar(&library, at(&library, "zhuji-xiangsheng"), 9);
        let nanning = found
            .iter()
            .find(|s| library.cases[s.case].id == "nanning-fangduoduo")
            .unwrap();
        assert!(
            nanning
                .shared
                .contains(&Shared::DataKind("phone".to_string()))
        );
        assert!(
            nanning
                .shared
                .contains(&Shared::Sector("real-estate".to_string()))
        );
    }
}
