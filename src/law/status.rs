//! The law in force on a date: whether a provision was in force on a day, and at the time of a
//! case — worked out from the provision's own dates (in force, ceased, last verified) and the
//! case's own dates (conduct, decision, or failing those the day its list was published). Pure.

use crate::library::{Case, Ceased, Library, PartialDate, Statute};

/// Where a provision stands on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// In force (from `since`, where stated).
    InForce { since: Option<PartialDate> },
    /// Not yet in force: it comes into force on `from`.
    NotYet { from: PartialDate },
    /// No longer in force in this version: from `on`, repealed or amended.
    Ceased { on: PartialDate, how: Ceased },
    /// In force when last confirmed (`confirmed`); whether it still is could not be established.
    Unverified { confirmed: PartialDate },
    /// The dates do not tell (a partial date straddles a change, or no in-force date is stated).
    Unknown,
}

/// Where `statute` stands on `date`.
pub fn status_on(statute: &Statute, date: PartialDate) -> Status {
    if let Some(on) = statute.ceased {
        if date.certainly_from(&on) {
            let how = statute.ceased_how.unwrap_or(Ceased::Repealed);
            return Status::Ceased { on, how };
        }
        if !date.certainly_before(&on) {
            return Status::Unknown;
        }
    }
    let Some(from) = statute.in_force else {
        return Status::Unknown;
    };
    if date.certainly_before(&from) {
        return Status::NotYet { from };
    }
    if !date.certainly_from(&from) {
        return Status::Unknown;
    }
    match statute.verified_until {
        Some(confirmed) if confirmed.certainly_before(&date) => Status::Unverified { confirmed },
        _ => Status::InForce { since: Some(from) },
    }
}

/// Which of a case's dates a judgement rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseDateKind {
    ConductFrom,
    ConductTo,
    Decided,
    /// The day the case's list was published: it was decided by then.
    Published,
}

/// The case's own dates that say when its conduct and decision were: conduct from and to, the
/// decision, and — only when no decision date is stated — the day its list was published.
pub fn case_dates(library: &Library, case: &Case) -> Vec<(CaseDateKind, PartialDate)> {
    let mut dates = Vec::new();
    dates.extend(
        case.dates
            .conduct_from
            .map(|d| (CaseDateKind::ConductFrom, d)),
    );
    dates.extend(case.dates.conduct_to.map(|d| (CaseDateKind::ConductTo, d)));
    match case.dates.decided {
        Some(d) => dates.push((CaseDateKind::Decided, d)),
        None => {
            let published = library
                .collection(&case.collection)
                .and_then(|c| c.published);
            dates.extend(published.map(|d| (CaseDateKind::Published, d)));
        }
    }
    dates
}

/// Where a provision stood at the time of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtCase {
    /// In force on one of the case's dates (its conduct or its decision).
    InForce,
    /// Came into force after every date of the case: later law, not the law of this case.
    Later { from: PartialDate },
    /// No longer in force before the case's first date.
    CeasedBefore { on: PartialDate, how: Ceased },
    /// The case states no date, or its dates straddle the change.
    Unknown,
}

/// Where `statute` stood at the time of `case`, from the case's own dates.
pub fn at_case(library: &Library, statute: &Statute, case: &Case) -> AtCase {
    let dates = case_dates(library, case);
    at_dates(statute, dates.iter().map(|(_, d)| *d))
}

/// Where `statute` stood on a set of dates (see [`at_case`]).
pub fn at_dates(statute: &Statute, dates: impl Iterator<Item = PartialDate> + Clone) -> AtCase {
    let statuses: Vec<Status> = dates.clone().map(|d| status_on(statute, d)).collect();
    if statuses.is_empty() {
        return AtCase::Unknown;
    }
    let in_force = |s: &Status| matches!(s, Status::InForce { .. } | Status::Unverified { .. });
    if statuses.iter().any(in_force) {
        return AtCase::InForce;
    }
    if let Some(Status::NotYet { from }) = statuses
        .iter()
        .find(|s| matches!(s, Status::NotYet { .. }))
        .filter(|_| statuses.iter().all(|s| matches!(s, Status::NotYet { .. })))
    {
        return AtCase::Later { from: *from };
    }
    if let Some(Status::Ceased { on, how }) = statuses
        .iter()
        .find(|s| matches!(s, Status::Ceased { .. }))
        .filter(|_| statuses.iter().all(|s| matches!(s, Status::Ceased { .. })))
    {
        return AtCase::CeasedBefore { on: *on, how: *how };
    }
    AtCase::Unknown
}

/// The latest of a case's dates: "after the case" means after this.
pub fn latest_case_date(library: &Library, case: &Case) -> Option<PartialDate> {
    case_dates(library, case)
        .into_iter()
        .map(|(_, d)| d)
        .max_by_key(|d| d.latest())
}
