//! Fines in practice: for a penalty provision, the fines the library's cases decided under it —
//! amount, case, date, whether the case states illegal gains, and whether a source cites the
//! provision or the library reads it as the governing one. Proposed fines and fines that also
//! punish another violation are counted apart, never as decisions under the provision.

use serde::Serialize;

use crate::library::{Basis, LawRole, Library, PartialDate};

/// One fine decided under a provision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decided {
    /// Index into `library.cases`.
    #[serde(skip)]
    pub case: usize,
    pub case_id: String,
    pub amount_yuan: u64,
    /// The decision date, where the case states it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided: Option<PartialDate>,
    pub gains: Gains,
    /// `stated`: a source cites the provision for the case; `governing`: the library's reading.
    pub basis: Basis,
}

/// What the case says of illegal gains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "stated", content = "yuan")]
pub enum Gains {
    /// A figure (0: the source says there were none).
    Amount(u64),
    /// No figure, but the source says why (违法所得无法计算).
    Explained,
    NotStated,
}

/// A fine near the provision that is not counted as a decision under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Apart {
    #[serde(skip)]
    pub case: usize,
    pub case_id: String,
    pub amount_yuan: u64,
    /// Proposed (拟处罚), not decided.
    pub proposed: bool,
    /// Also punishes another violation: what, as the source says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub combined: Option<String>,
}

/// The fines of the library's cases under one provision: decided ones from the smallest, and
/// those kept apart.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Practice {
    pub decided: Vec<Decided>,
    pub apart: Vec<Apart>,
}

impl Practice {
    /// The smallest and the largest decided fine.
    pub fn range(&self) -> Option<(u64, u64)> {
        let first = self.decided.first()?.amount_yuan;
        let last = self.decided.last()?.amount_yuan;
        Some((first, last))
    }
}

/// How many fines the library's cases decided under `statute`: [`fines`]' `decided.len()`,
/// without building the list (the decision aid compares provisions by it).
pub fn decided_count(library: &Library, statute: &str) -> usize {
    library
        .cases
        .iter()
        .filter(|case| {
            case.law
                .iter()
                .any(|l| l.role == LawRole::Penalty && *l.statute == *statute)
        })
        .map(|case| {
            case.penalty
                .iter()
                .filter(|p| p.kind.as_str() == "fine" && p.amount_yuan.is_some())
                .filter(|p| p.decided_fine().is_some())
                .count()
        })
        .sum()
}

/// The fines of the cases that link `statute` as their penalty provision.
pub fn fines(library: &Library, statute: &str) -> Practice {
    let mut practice = Practice::default();
    for (i, case) in library.cases.iter().enumerate() {
        let link = case
            .law
            .iter()
            .filter(|l| l.role == LawRole::Penalty && *l.statute == *statute)
            // Stated wins where a case links the provision both ways.
            .min_by_key(|l| l.basis != Basis::Stated);
        let Some(link) = link else { continue };
        for penalty in case.penalty.iter().filter(|p| p.kind.as_str() == "fine") {
            let Some(amount) = penalty.amount_yuan else {
                continue;
            };
            if penalty.decided_fine().is_some() {
                let gains = match (case.illegal_gains_yuan, &case.illegal_gains_note) {
                    (Some(yuan), _) => Gains::Amount(yuan),
                    (None, Some(_)) => Gains::Explained,
                    (None, None) => Gains::NotStated,
                };
                practice.decided.push(Decided {
                    case: i,
                    case_id: case.id.to_string(),
                    amount_yuan: amount,
                    decided: case.dates.decided,
                    gains,
                    basis: link.basis,
                });
            } else {
                practice.apart.push(Apart {
                    case: i,
                    case_id: case.id.to_string(),
                    amount_yuan: amount,
                    proposed: penalty.proposed,
                    combined: penalty.combined.as_deref().map(str::to_string),
                });
            }
        }
    }
    practice.decided.sort_by_key(|d| (d.amount_yuan, d.case));
    practice
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{LoadOptions, load};

    #[test]
    fn the_fines_decided_under_cprl_56_from_the_smallest() {
        let library = load(&LoadOptions::default()).unwrap();
        let practice = fines(&library, "cprl-56");
        let ids: Vec<(&str, u64)> = practice
            .decided
            .iter()
            .map(|d| (d.case_id.as_str(), d.amount_yuan))
            .collect();
        assert_eq!(ids.first(), Some(&("rujuan-shanghai", 3_000)));
        assert_eq!(ids.last(), Some(&("kohler-china", 500_000)));
        assert_eq!(practice.range(), Some((3_000, 500_000)));
        // 小鹏: cited by the source, and it states there were no illegal gains.
        let xiaopeng = practice
            .decided
            .iter()
            .find(|d| d.case_id == "xiaopeng-shanghai")
            .unwrap();
        assert_eq!(
            (xiaopeng.basis, &xiaopeng.gains),
            (Basis::Stated, &Gains::Amount(0))
        );
        // 科勒: no source cites an article; the library's reading.
        let kohler = practice.decided.last().unwrap();
        assert_eq!(kohler.basis, Basis::Governing);
        // 永嘉's fine was only proposed: apart, never a decision.
        assert!(
            practice
                .decided
                .iter()
                .all(|d| d.case_id != "yongjia-zhiye")
        );
        assert!(
            practice
                .apart
                .iter()
                .any(|a| a.case_id == "yongjia-zhiye" && a.proposed && a.amount_yuan == 103_000)
        );
        // Every decided fine is a fine of its case, as the file states it.
        for d in &practice.decided {
            let case = &library.cases[d.case];
            assert!(
                case.penalty
                    .iter()
                    .any(|p| p.decided_fine() == Some(d.amount_yuan))
            );
        }
    }

    #[test]
    fn the_count_is_the_list_s_length() {
        let library = load(&LoadOptions::default()).unwrap();
        for statute in &library.statutes {
            assert_eq!(
                decided_count(&library, &statute.id),
                fines(&library, &statute.id).decided.len(),
                "{}",
                statute.id
            );
        }
        assert!(decided_count(&library, "cprl-56") > 0);
    }

    #[test]
    fn a_provision_no_case_fines_under_has_no_practice() {
        let library = load(&LoadOptions::default()).unwrap();
        assert_eq!(fines(&library, "cprl-29-1"), Practice::default());
    }
}
