//! Cases with equal lists share one, and so do equal deciding authorities. A library's cases mostly cite the same few provisions
//! (the same pair for most cases of a kind), name the same violations, and often the same
//! source (a batch of cases published in one announcement) or penalties: each case holding its
//! own copy of each list cost, at 100,000 generated cases, some 35 MB.
//!
//! Sharing happens as cases are read (from their files, or a section at a time from the cache),
//! so that a copy is freed as soon as it is found to be one.

use std::collections::HashSet;
use std::hash::Hash;
use std::sync::Arc;

use super::model::{Case, LawLink, Penalty, Shared, SharedText, Source, Str};

/// One of each list seen so far.
#[derive(Default)]
pub struct Lists {
    law: HashSet<Shared<LawLink>>,
    violations: HashSet<Shared<Str>>,
    penalty: HashSet<Shared<Penalty>>,
    source: HashSet<Shared<Source>>,
    authority: HashSet<SharedText>,
}

impl Lists {
    /// Gives `case` the lists already seen that equal its own, and keeps the others.
    pub fn share(&mut self, case: &mut Case) {
        one(&mut self.law, &mut case.law);
        one(&mut self.violations, &mut case.violations);
        one(&mut self.penalty, &mut case.penalty);
        one(&mut self.source, &mut case.source);
        if let Some(authority) = &mut case.authority {
            one(&mut self.authority, authority);
        }
    }
}

/// Shares the lists of `cases` among them.
pub fn share(cases: &mut [Case]) {
    let mut lists = Lists::default();
    for case in cases {
        lists.share(case);
    }
}

fn one<T: Hash + Eq + ?Sized>(seen: &mut HashSet<Arc<T>>, list: &mut Arc<T>) {
    match seen.get(&**list) {
        Some(same) => *list = Arc::clone(same),
        None => {
            seen.insert(Arc::clone(list));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{LoadOptions, load};

    /// Equal lists end as one, unequal ones stay apart, and every case reads as before.
    #[test]
    fn equal_lists_are_one_and_every_case_reads_the_same() {
        let library = load(&LoadOptions::default()).unwrap();
        let mut cases: Vec<Case> = library
            .cases
            .iter()
            .chain(&library.cases)
            .cloned()
            .collect();
        // Clones share already: make each list a copy of its own, as a reader makes them.
        for case in &mut cases {
            case.law = case.law.to_vec().into();
            case.violations = case.violations.to_vec().into();
            case.penalty = case.penalty.to_vec().into();
            case.source = case.source.to_vec().into();
        }
        let before = cases.clone();
        share(&mut cases);
        assert_eq!(cases, before);
        let n = library.cases.len();
        for (a, b) in cases[..n].iter().zip(&cases[n..]) {
            assert!(Arc::ptr_eq(&a.law, &b.law), "{}", a.id);
            assert!(Arc::ptr_eq(&a.source, &b.source), "{}", a.id);
        }
        for a in &cases[..n] {
            for b in &cases[..n] {
                assert_eq!(Arc::ptr_eq(&a.penalty, &b.penalty), a.penalty == b.penalty);
                assert_eq!(
                    Arc::ptr_eq(&a.violations, &b.violations),
                    a.violations == b.violations
                );
            }
        }
    }
}
