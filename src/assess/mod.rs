//! The decision aid: from the facts of a case in hand to the provisions breached as the law stood
//! on the conduct's date, the penalty provision with its range worked out, what could lighten or
//! lift the penalty, the criminal thresholds and whether to consider a transfer, the fines the
//! library's cases decided and the closest precedents. Pure: the command line and the browser
//! only render what [`assess`] returns. It shows its working and is never a finding.

pub mod criminal;
pub mod facts;
pub mod json;
pub mod mitigation;
pub mod provisions;
pub mod report;

pub use criminal::{Applies, Criminal, Row, RowLevel, Transfer, Unit};
pub use facts::{Draft, Facts, Field, Gains, Problem};
pub use mitigation::{Condition, Mitigation};
pub use provisions::{Cited, Fine, FineWorking, Role};

use crate::law::practice::{self, Practice};
use crate::library::{Library, PartialDate, Statute, VocabKind};
use crate::query::search::Index;
use crate::query::similar::{self, Similar};

/// How many precedents the aid lists.
pub const PRECEDENTS: usize = 5;

/// The whole picture for one set of facts.
#[derive(Debug, Clone)]
pub struct Assessment<'l> {
    pub facts: Facts,
    /// The day the aid ran: what is in force "today", and the law of mitigation and transfer.
    pub today: PartialDate,
    /// Breached, penalty, criminal and related provisions, in that order.
    pub provisions: Vec<Cited<'l>>,
    /// Provisions that forbid this conduct but came into force after its date: not the law of
    /// this case.
    pub later: Vec<&'l Statute>,
    /// The range of the penalty provision the fine is worked out under, if any applies.
    pub fine: Option<Fine<'l>>,
    pub mitigation: Vec<Mitigation<'l>>,
    pub criminal: Criminal<'l>,
    /// The fines the library's cases decided under the fine's provision.
    pub practice: Option<Practice>,
    pub precedents: Vec<Similar>,
}

impl<'l> Assessment<'l> {
    /// The provisions of one role, in order.
    pub fn cited(&self, role: Role) -> impl Iterator<Item = &Cited<'l>> {
        self.provisions.iter().filter(move |c| c.role == role)
    }
}

/// Assesses `facts` against the library's law and cases. `index` is the search index of the same
/// library (the precedents are ranked by its shared entries).
pub fn assess<'l>(library: &'l Library, index: &Index<'l>, facts: Facts) -> Assessment<'l> {
    let today = library.today();
    let found = provisions::find(library, &facts);
    let fine = found.fine_under.map(|s| provisions::fine(s, facts.gains));
    let practice = fine
        .as_ref()
        .map(|f| practice::fines(library, &f.statute.id));
    let criminal = criminal::compare(library, &facts, today);
    let mut cited = found.cited;
    cited.extend(criminal.provisions.iter().cloned());
    let mitigation = mitigation::of(library, &cited, &facts, today);
    let precedents = precedents(library, index, &facts);
    Assessment {
        facts,
        today,
        provisions: cited,
        later: found.later,
        fine,
        mitigation,
        criminal,
        practice,
        precedents,
    }
}

/// The cases most like the facts by conduct, data kinds and sector — the similar-case ranking's
/// weights — with the case the form started from left out. Provisions are not compared: on the
/// same conduct they follow from the dates, not from likeness.
fn precedents(library: &Library, index: &Index, facts: &Facts) -> Vec<Similar> {
    let entries: Vec<u16> = std::iter::once((VocabKind::Violations, facts.conduct.as_str()))
        .chain(
            facts
                .data
                .iter()
                .map(|d| (VocabKind::DataKinds, d.as_str())),
        )
        .chain(
            facts
                .sector
                .iter()
                .map(|s| (VocabKind::Sectors, s.as_str())),
        )
        .filter_map(|(kind, key)| index.term_entry(kind, key))
        .collect();
    let leave_out = facts
        .from_case
        .as_deref()
        .and_then(|id| library.cases.iter().position(|c| c.id == id));
    similar::like(library, index, &entries, leave_out, PRECEDENTS)
}

#[cfg(test)]
mod tests;
