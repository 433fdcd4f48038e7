//! What could lighten or lift the penalty: the provisions with `[[statute.lightens]]` entries in
//! force today (行政处罚法 第三十二、三十三条), each effect with its conditions as the text words
//! them, the ones the facts entered settle marked (初次违法, 及时改正), the rest left to check —
//! possibilities, never a finding. Provisions of a breached law that send the question to them
//! (消法实施条例 第五十一条, 网络安全法 第七十三条) are named with them.

use crate::law::{self, Status};
use crate::library::{Library, PartialDate, RelationKind, Statute};

use super::facts::Facts;
use super::provisions::{Cited, Role, in_force};

/// The words of the law the form's two yes/no facts stand for.
pub const FIRST_OFFENCE: &str = "初次违法";
pub const CORRECTED: &str = "及时改正";

/// One condition of an effect, quoted, and whether the facts entered settle it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub words: String,
    /// `Some(true)`: the facts say so; `Some(false)`: the facts entered do not establish it;
    /// `None`: the form does not ask, so it is for the officer to check.
    pub met: Option<bool>,
}

/// One effect of one provision on these facts.
#[derive(Debug, Clone)]
pub struct Mitigation<'l> {
    pub statute: &'l Statute,
    /// The effect, quoted (`可以不予行政处罚`).
    pub effect: String,
    /// Any one condition suffices (第三十二条's items), else all must hold.
    pub any: bool,
    pub conditions: Vec<Condition>,
    /// No condition is contradicted by the facts entered.
    pub possible: bool,
    /// Provisions of a breached law that refer to this one, in force on the conduct's date.
    pub via: Vec<&'l Statute>,
    /// The provision came into force after the conduct's date (it is today's law on penalties;
    /// which text governs an earlier act the library holds no text to say).
    pub after_conduct: bool,
}

/// Every effect of every provision that lightens penalties, in force today.
pub fn of<'l>(
    library: &'l Library,
    cited: &[Cited<'l>],
    facts: &Facts,
    today: PartialDate,
) -> Vec<Mitigation<'l>> {
    let breached_laws: Vec<&str> = cited
        .iter()
        .filter(|c| c.role == Role::Breached)
        .map(|c| c.statute.law.as_str())
        .collect();
    let mut out = Vec::new();
    // Nothing breached, nothing to lighten.
    if breached_laws.is_empty() {
        return out;
    }
    for statute in library
        .statutes
        .iter()
        .filter(|s| !s.lightens.is_empty() && in_force(law::status_on(s, today)))
    {
        let via: Vec<&Statute> = library
            .relations
            .iter()
            .filter(|r| r.kind == RelationKind::RefersTo && r.to == statute.id)
            .filter_map(|r| library.statute(&r.from))
            .filter(|s| breached_laws.contains(&s.law.as_str()))
            .filter(|s| in_force(law::status_on(s, facts.date)))
            .collect();
        let after_conduct = matches!(law::status_on(statute, facts.date), Status::NotYet { .. });
        for effect in &statute.lightens {
            let conditions: Vec<Condition> = effect
                .conditions
                .iter()
                .map(|words| Condition {
                    met: settled(words, facts),
                    words: words.clone(),
                })
                .collect();
            let possible = effect.any || conditions.iter().all(|c| c.met != Some(false));
            out.push(Mitigation {
                statute,
                effect: effect.effect.clone(),
                any: effect.any,
                conditions,
                possible,
                via: via.clone(),
                after_conduct,
            });
        }
    }
    out
}

/// Whether the facts entered settle a condition: only the two the form asks.
fn settled(words: &str, facts: &Facts) -> Option<bool> {
    match words {
        FIRST_OFFENCE => Some(facts.first_offence),
        CORRECTED => Some(facts.corrected),
        _ => None,
    }
}
