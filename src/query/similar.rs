//! Cases like a given one, for the officer who has found a precedent and wants its neighbours:
//! ranked by what they share — the violation first, then the provisions, the sector, the kinds of
//! data, the province — each with what it shares, so the reason can be read.
//!
//! Two cases share what their lists of shared entries in the search index share (provisions and
//! vocabulary terms, sorted numbers), so ranking 100,000 cases is a merge of short lists each,
//! with nothing allocated but the few best.

use crate::library::{Library, VocabKind};

use super::search::{Entry, Index};

/// How much each kind of likeness counts: the conduct and the law decide a precedent; the
/// sector and the data describe it; the place only breaks ties.
pub const VIOLATION: u32 = 4;
pub const PROVISION: u32 = 3;
pub const SECTOR: u32 = 3;
pub const DATA: u32 = 2;
pub const PROVINCE: u32 = 1;

/// One thing two cases share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shared {
    /// A violation key.
    Violation(String),
    /// A statute id both cases are linked to.
    Provision(String),
    /// A sector key.
    Sector(String),
    /// A data-kind word (a key of `[data_kinds]`).
    DataKind(String),
    /// A province key.
    Province(String),
}

impl Shared {
    /// The order reasons are read in: conduct, law, sector, data, place.
    fn rank(&self) -> u8 {
        match self {
            Shared::Violation(_) => 0,
            Shared::Provision(_) => 1,
            Shared::Sector(_) => 2,
            Shared::DataKind(_) => 3,
            Shared::Province(_) => 4,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Similar {
    /// An index into `library.cases`.
    pub case: usize,
    pub score: u32,
    pub shared: Vec<Shared>,
}

/// What sharing an entry says, and how much it counts; penalty kinds and party kinds say
/// nothing about likeness (most cases are companies given an unstated penalty).
fn likeness(entry: Entry) -> Option<(u32, Shared)> {
    Some(match entry {
        Entry::Statute(s) => (PROVISION, Shared::Provision(s.id.clone())),
        Entry::Term(VocabKind::Violations, t) => (VIOLATION, Shared::Violation(t.key.clone())),
        Entry::Term(VocabKind::Sectors, t) => (SECTOR, Shared::Sector(t.key.clone())),
        Entry::Term(VocabKind::DataKinds, t) => (DATA, Shared::DataKind(t.key.clone())),
        Entry::Term(VocabKind::Provinces, t) => (PROVINCE, Shared::Province(t.key.clone())),
        // An everyday word a story holds (老人, 电话卡) is a word of its telling, not a likeness.
        Entry::Term(VocabKind::Penalties | VocabKind::PartyKinds | VocabKind::Words, _) => {
            return None;
        }
    })
}

/// The score of a case whose entries are `theirs` against `weights` (this case's entries that
/// count, with their weights), both sorted: a merge.
fn score(weights: &[(u16, u32)], theirs: &[u16]) -> u32 {
    let (mut i, mut j, mut total) = (0, 0, 0);
    while i < weights.len() && j < theirs.len() {
        match weights[i].0.cmp(&theirs[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                total += weights[i].1;
                i += 1;
                j += 1;
            }
        }
    }
    total
}

/// The `limit` cases most like `library.cases[of]`, best first (then in library order); cases
/// that share nothing are left out.
pub fn similar(library: &Library, index: &Index, of: usize, limit: usize) -> Vec<Similar> {
    if of >= library.cases.len() {
        return Vec::new();
    }
    like(library, index, index.case_entries(of), Some(of), limit)
}

/// The `limit` cases most like a set of entries (a violation, data kinds, a sector, provisions:
/// the facts of a case in hand), best first, `leave_out` left out; ranked as [`similar`] ranks.
pub fn like(
    library: &Library,
    index: &Index,
    entries: &[u16],
    leave_out: Option<usize>,
    limit: usize,
) -> Vec<Similar> {
    if limit == 0 {
        return Vec::new();
    }
    let mut entries = entries.to_vec();
    entries.sort_unstable();
    entries.dedup();
    let weights: Vec<(u16, u32)> = entries
        .iter()
        .filter_map(|&e| Some((e, likeness(index.entry(e)?)?.0)))
        .collect();
    // The best so far, best first; a case enters only if it beats the last.
    let mut best: Vec<(u32, usize)> = Vec::with_capacity(limit + 1);
    for other in (0..library.cases.len()).filter(|&c| Some(c) != leave_out) {
        let points = score(&weights, index.case_entries(other));
        if points == 0 || (best.len() == limit && points <= best[limit - 1].0) {
            continue;
        }
        let at = best.partition_point(|&(p, _)| p >= points);
        best.insert(at, (points, other));
        best.truncate(limit);
    }
    best.into_iter()
        .map(|(score, case)| {
            let theirs = index.case_entries(case);
            let mut shared: Vec<Shared> = weights
                .iter()
                .filter(|(e, _)| theirs.binary_search(e).is_ok())
                .filter_map(|&(e, _)| Some(likeness(index.entry(e)?)?.1))
                .collect();
            shared.sort_by_key(Shared::rank);
            Similar {
                case,
                score,
                shared,
            }
        })
        .collect()
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
        let index = Index::new(&library);
        let found = similar(&library, &index, at(&library, "nanning-fangduoduo"), 5);
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
        // Every score is what is shared, weighed.
        for s in &found {
            let weighed: u32 = s
                .shared
                .iter()
                .map(|item| match item {
                    Shared::Violation(_) => VIOLATION,
                    Shared::Provision(_) => PROVISION,
                    Shared::Sector(_) => SECTOR,
                    Shared::DataKind(_) => DATA,
                    Shared::Province(_) => PROVINCE,
                })
                .sum();
            assert_eq!(s.score, weighed, "{s:?}");
        }
    }

    #[test]
    fn phone_numbers_are_a_shared_data_kind() {
        let library = load(&LoadOptions::default()).unwrap();
        let index = Index::new(&library);
        let found = similar(&library, &index, at(&library, "zhuji-xiangsheng"), 9);
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

    #[test]
    fn the_few_best_of_a_large_library() {
        let library = crate::synth::library(2_000).unwrap();
        let index = Index::new(&library);
        let found = similar(&library, &index, 0, 5);
        assert_eq!(found.len(), 5);
        assert!(found.windows(2).all(|w| w[0].score >= w[1].score));
        // No case scores more than the last one kept and is left out.
        let last = found[4].score;
        let better = (1..library.cases.len())
            .filter(|&c| found.iter().all(|s| s.case != c))
            .map(|c| similar_score(&index, 0, c))
            .filter(|&p| p > last)
            .count();
        assert_eq!(better, 0);
    }

    fn similar_score(index: &Index, of: usize, other: usize) -> u32 {
        let weights: Vec<(u16, u32)> = index
            .case_entries(of)
            .iter()
            .filter_map(|&e| Some((e, likeness(index.entry(e)?)?.0)))
            .collect();
        score(&weights, index.case_entries(other))
    }
}
