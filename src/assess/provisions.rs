//! Which provisions the facts breach on the conduct's date (those whose `forbids` name the
//! conduct and that were in force that day), the penalty provisions the relation table leads them
//! to (with the provisions that link them, 处罚办法 第十四条 or 实施条例 第五十条第三款), the
//! provisions the table says apply alongside, and the fine's range worked out from the penalty
//! provision's own figures.

use crate::law::{self, Status};
use crate::library::{Library, PartialDate, RelationKind, Statute};

use super::facts::{Facts, Gains};

/// Why a provision is cited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// It forbids the conduct, and was in force on its date.
    Breached,
    /// It punishes the breach, or links the breach to the provision that does.
    Penalty,
    /// The crime, its thresholds, and the duty to transfer.
    Criminal,
    /// The relation table says it applies alongside a provision cited above.
    Also,
}

impl Role {
    /// The JSON contract's word.
    pub fn key(self) -> &'static str {
        match self {
            Role::Breached => "breached",
            Role::Penalty => "penalty",
            Role::Criminal => "criminal",
            Role::Also => "also",
        }
    }
}

/// One provision the aid cites.
#[derive(Debug, Clone)]
pub struct Cited<'l> {
    pub statute: &'l Statute,
    pub role: Role,
    /// Where in the provision: the item forbidding the conduct (`第十一条第一款第（二）项`); for
    /// a penalty, its article with the item that applies.
    pub item: Option<String>,
    /// The deciding words, quoted from the text.
    pub words: Option<String>,
    /// Whom the provision binds, quoted (`网络运营者`).
    pub who: Option<String>,
    /// Where the provision stood on `on`, the day that matters for its role: the conduct's date
    /// for what was breached and its penalty, today for the duty to transfer.
    pub status: Status,
    pub on: PartialDate,
    pub in_force_today: bool,
    /// Why it is cited: the reason of the relation that brought it in (Chinese, English).
    pub reason: Option<(String, Option<String>)>,
    /// The relation is the library's reading, not a text's.
    pub reading: bool,
}

impl<'l> Cited<'l> {
    /// A provision cited for `role`, as it stood `on` a day.
    pub fn new(statute: &'l Statute, role: Role, on: PartialDate, today: PartialDate) -> Self {
        Cited {
            statute,
            role,
            item: None,
            words: None,
            who: None,
            status: law::status_on(statute, on),
            on,
            in_force_today: in_force(law::status_on(statute, today)),
            reason: None,
            reading: false,
        }
    }

    /// Where in the law: the item, else the article (`第五十六条第一款第（九）项`).
    pub fn place(&self) -> String {
        self.item
            .clone()
            .unwrap_or_else(|| self.statute.article.clone())
    }

    /// The citation in the official form: the law's full name in 《》, the text's version where the
    /// library holds more than one (`（2016年文本）`), and the article or item:
    /// 《中华人民共和国消费者权益保护法》第五十六条第一款第（九）项.
    pub fn official(&self) -> String {
        self.statute.official(&self.place())
    }

    /// The short form for screens, in the interface language: `消法 第二十九条第二款`,
    /// `CPRL Art. 29(2)`.
    pub fn short(&self, m: &crate::msg::Catalog) -> String {
        m.item_cite(self.statute, &self.place())
    }
}

/// In force, or in force when last confirmed: a provision the officer must reckon with.
pub fn in_force(status: Status) -> bool {
    matches!(status, Status::InForce { .. } | Status::Unverified { .. })
}

/// What [`find`] found.
pub struct Found<'l> {
    pub cited: Vec<Cited<'l>>,
    pub later: Vec<&'l Statute>,
    /// The penalty provision the fine is worked out under.
    pub fine_under: Option<&'l Statute>,
}

/// The provisions breached, their penalties and what applies alongside, on the facts' date.
pub fn find<'l>(library: &'l Library, facts: &Facts) -> Found<'l> {
    let today = library.today();
    let (breached, later) = breached(library, facts, today);
    let (penalties, reach) = penalties(library, &breached, facts.date, today);
    let fine_under = fine_under(library, &penalties, &reach);
    let mut cited = breached;
    cited.extend(penalties);
    let also = alongside(library, &cited, &facts.conduct, facts.date, today);
    cited.extend(also);
    Found {
        cited,
        later,
        fine_under,
    }
}

/// Every provision whose `forbids` names the conduct: breached if it was in force on the date
/// (or the date straddles its start, said as such), later law if it came into force after.
fn breached<'l>(
    library: &'l Library,
    facts: &Facts,
    today: PartialDate,
) -> (Vec<Cited<'l>>, Vec<&'l Statute>) {
    let mut breached = Vec::new();
    let mut later = Vec::new();
    for statute in &library.statutes {
        for forbids in statute
            .forbids
            .iter()
            .filter(|f| f.violation == facts.conduct)
        {
            match law::status_on(statute, facts.date) {
                Status::NotYet { .. } => {
                    if !later.iter().any(|s: &&Statute| s.id == statute.id) {
                        later.push(statute);
                    }
                }
                Status::Ceased { .. } => {}
                _ => breached.push(Cited {
                    item: Some(forbids.item.clone()),
                    words: Some(forbids.words.clone()),
                    who: forbids.who.clone(),
                    ..Cited::new(statute, Role::Breached, facts.date, today)
                }),
            }
        }
    }
    (breached, later)
}

/// The penalty provisions the relation table leads the breached ones to (`penalty-under`), each
/// after the provisions of a breached law that link to it (`refers-to`), all as they stood on the
/// date; and how many breached provisions lead to each.
fn penalties<'l>(
    library: &'l Library,
    breached: &[Cited<'l>],
    date: PartialDate,
    today: PartialDate,
) -> (Vec<Cited<'l>>, Vec<(String, usize)>) {
    let mut out: Vec<Cited> = Vec::new();
    let mut reach: Vec<(String, usize)> = Vec::new();
    let standing = |s: &Statute| {
        !matches!(
            law::status_on(s, date),
            Status::NotYet { .. } | Status::Ceased { .. }
        )
    };
    for b in breached {
        for relation in library
            .relations
            .iter()
            .filter(|r| r.kind == RelationKind::PenaltyUnder && r.from == b.statute.id)
        {
            let Some(penalty) = library.statute(&relation.to) else {
                continue;
            };
            if !standing(penalty) {
                continue;
            }
            match reach.iter_mut().find(|(id, _)| *id == penalty.id) {
                Some((_, n)) => *n += 1,
                None => reach.push((penalty.id.clone(), 1)),
            }
            if out.iter().any(|c| c.statute.id == penalty.id) {
                continue;
            }
            let links = library.relations.iter().filter(|r| {
                r.kind == RelationKind::RefersTo
                    && r.to == penalty.id
                    && breached.iter().any(|b| {
                        library
                            .statute(&r.from)
                            .is_some_and(|l| l.law == b.statute.law)
                    })
            });
            for link in links {
                let Some(statute) = library.statute(&link.from) else {
                    continue;
                };
                if !standing(statute) {
                    continue;
                }
                if !out.iter().any(|c| c.statute.id == statute.id) {
                    out.push(Cited {
                        reason: Some((link.reason.clone(), link.reason_en.clone())),
                        reading: !link.stated,
                        ..Cited::new(statute, Role::Penalty, date, today)
                    });
                }
            }
            let item = penalty
                .penalty
                .as_ref()
                .and_then(|p| p.applies_item.as_deref())
                .map(|item| format!("{}{item}", penalty.article));
            out.push(Cited {
                item,
                reason: Some((relation.reason.clone(), relation.reason_en.clone())),
                reading: !relation.stated,
                ..Cited::new(penalty, Role::Penalty, date, today)
            });
        }
    }
    (out, reach)
}

/// The penalty provision whose figures the fine is worked out under: of those with figures, the
/// one most breached provisions lead to, then the one the library's cases were decided under
/// most often, then the first.
fn fine_under<'l>(
    library: &Library,
    penalties: &[Cited<'l>],
    reach: &[(String, usize)],
) -> Option<&'l Statute> {
    let with_figures = penalties.iter().map(|c| c.statute).filter(|s| {
        s.penalty
            .as_ref()
            .is_some_and(|p| p.fine_max_yuan.is_some() || p.gains_multiple.is_some())
    });
    let reached = |s: &Statute| {
        reach
            .iter()
            .find(|(id, _)| *id == s.id)
            .map_or(0, |(_, n)| *n)
    };
    let with_figures: Vec<&Statute> = with_figures.collect();
    let most = with_figures.iter().map(|s| reached(s)).max()?;
    let tied: Vec<&Statute> = with_figures
        .into_iter()
        .filter(|s| reached(s) == most)
        .collect();
    if let [one] = tied.as_slice() {
        return Some(one);
    }
    // Only a tie asks the cases (a pass over the library for each provision tied).
    let decided = |s: &Statute| crate::law::practice::decided_count(library, &s.id);
    let mut best: Option<(&Statute, usize)> = None;
    for statute in tied {
        let n = decided(statute);
        if best.is_none_or(|(_, k)| n > k) {
            best = Some((statute, n));
        }
    }
    best.map(|(s, _)| s)
}

/// Provisions the relation table gives as `parallel` to one cited, in force on the date and not
/// cited yet: the same duty or penalty in another law.
fn alongside<'l>(
    library: &'l Library,
    cited: &[Cited<'l>],
    conduct: &str,
    date: PartialDate,
    today: PartialDate,
) -> Vec<Cited<'l>> {
    let mut out: Vec<Cited> = Vec::new();
    for c in cited {
        for (relation, _, other) in law::relations_of(library, &c.statute.id) {
            if relation.kind != RelationKind::Parallel
                || cited.iter().chain(&out).any(|x| x.statute.id == other.id)
            {
                continue;
            }
            // A provision that forbids other conduct only is no companion of this one (个人信息
            // 保护法 第十条 forbids collecting and selling; its partner on selling is not cited
            // for a collection).
            if !other.forbids.is_empty() && !other.forbids.iter().any(|f| f.violation == conduct) {
                continue;
            }
            if matches!(
                law::status_on(other, date),
                Status::NotYet { .. } | Status::Ceased { .. }
            ) {
                continue;
            }
            out.push(Cited {
                reason: Some((relation.reason.clone(), relation.reason_en.clone())),
                reading: !relation.stated,
                ..Cited::new(other, Role::Also, date, today)
            });
        }
    }
    out
}

/// A fine's range under one penalty provision, with how it was worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fine<'l> {
    pub statute: &'l Statute,
    /// `None` where the provision sets no minimum.
    pub min_yuan: Option<u64>,
    /// `None` where the range depends on facts not entered.
    pub max_yuan: Option<u64>,
    pub working: FineWorking,
}

/// How a range follows from the provision's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FineWorking {
    /// Gains × low to gains × high.
    Multiple { gains: u64, low: u64, high: u64 },
    /// Up to the cap, on the condition the text sets, if any (`拒不改正的`): where there were no
    /// illegal gains (`without_gains`), or whatever the gains where the provision sets only a cap
    /// (个人信息保护法 第六十六条).
    Cap {
        cap: u64,
        condition: Option<String>,
        without_gains: bool,
    },
    /// Gains not entered: multiples of the gains if there were any, up to the cap if none.
    EitherWay { low: u64, high: u64, cap: u64 },
    /// The provision sets no amounts (it sends the breach to other law).
    NoAmounts,
}

/// The range under `statute` for the gains entered.
pub fn fine(statute: &Statute, gains: Gains) -> Fine<'_> {
    let penalty = statute.penalty.as_ref();
    let multiple = penalty
        .and_then(|p| p.gains_multiple.as_deref())
        .and_then(|m| Some((*m.first()?, *m.get(1)?)));
    let cap = penalty.and_then(|p| p.fine_max_yuan);
    let condition = penalty.and_then(|p| p.fine_condition.clone());
    let (min_yuan, max_yuan, working) = match (multiple, cap, gains) {
        (Some((low, high)), _, Gains::Yuan(g)) => (
            g.checked_mul(low),
            g.checked_mul(high),
            FineWorking::Multiple {
                gains: g,
                low,
                high,
            },
        ),
        (Some((low, high)), Some(cap), Gains::NotStated) => {
            (None, None, FineWorking::EitherWay { low, high, cap })
        }
        (multiple, Some(cap), _) => (
            None,
            Some(cap),
            FineWorking::Cap {
                cap,
                condition,
                without_gains: multiple.is_some(),
            },
        ),
        _ => (None, None, FineWorking::NoAmounts),
    };
    Fine {
        statute,
        min_yuan,
        max_yuan,
        working,
    }
}
