//! The criminal thresholds of 法释〔2017〕10号 第五条 against the facts: every tier that could
//! apply to the data kinds entered, by records and by illegal gains, halved for information
//! obtained in duty and ×10 for 情节特别严重 (the bars of `law::bars`, the same as training's);
//! and whether to consider a transfer to the public security organs — `yes` when a tier is
//! reached whatever the kind, `depends` when it depends on the kind, `no` otherwise.

use crate::law::{self, Level, Status};
use crate::library::{Library, PartialDate, Statute, ThresholdTier, Thresholds, VocabKind};

use super::facts::{Facts, Gains};
use super::provisions::{Cited, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Records,
    Yuan,
}

/// Whether a tier applies to the data entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    /// Every kind entered belongs to it.
    All,
    /// Some kinds entered belong to it, others to other tiers (第五条第一款第（六）项 then adds
    /// them up in proportion, which needs the count of each).
    Some,
    /// No kind entered is known to belong to it, but a kind without a tier (or none entered)
    /// might.
    IfKind,
    /// Illegal gains: whatever the data.
    Always,
}

/// A row's level: its own where the tier certainly applies or every tier that might apply
/// agrees; otherwise it depends on the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowLevel {
    Level(Level),
    DependsOnKind,
}

/// One tier against one figure.
#[derive(Debug, Clone)]
pub struct Row<'l> {
    pub tier: &'l ThresholdTier,
    pub unit: Unit,
    /// The figure entered: records, or yuan of gains.
    pub value: u64,
    /// The bar of 情节严重 for these facts (halved in duty).
    pub serious: u64,
    /// The bar of 情节特别严重.
    pub especially: Option<u64>,
    /// The level the figure reaches if this tier applies.
    pub own: Level,
    pub applies: Applies,
    pub level: RowLevel,
    /// The data kinds entered that belong to this tier (keys), and whether the library places
    /// them there by its reading rather than by the tier's own words.
    pub kinds: Vec<(String, bool)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transfer {
    Yes,
    No,
    Depends,
}

impl Transfer {
    pub fn key(self) -> &'static str {
        match self {
            Transfer::Yes => "yes",
            Transfer::No => "no",
            Transfer::Depends => "depends",
        }
    }
}

/// The criminal side of the facts.
#[derive(Debug, Clone)]
pub struct Criminal<'l> {
    /// The provision that sets the thresholds, if the library has one.
    pub thresholds: Option<(&'l Statute, &'l Thresholds)>,
    /// The conduct is one the library reads as the acts the thresholds are set for.
    pub in_scope: bool,
    pub rows: Vec<Row<'l>>,
    pub transfer: Transfer,
    /// The crime, the thresholds and the transfer provision.
    pub provisions: Vec<Cited<'l>>,
    /// Data kinds entered that the library places in no tier.
    pub unplaced: Vec<String>,
    /// The thresholds came into force after the conduct's date: the comparison is for reference.
    pub before_thresholds: Option<PartialDate>,
}

/// Compares the facts with the thresholds.
pub fn compare<'l>(library: &'l Library, facts: &Facts, today: PartialDate) -> Criminal<'l> {
    let found = law::threshold_provision(library);
    let in_scope = found.is_some_and(|(_, t)| t.violations.contains(&facts.conduct));
    let mut criminal = Criminal {
        thresholds: found,
        in_scope,
        rows: Vec::new(),
        transfer: Transfer::No,
        provisions: Vec::new(),
        unplaced: Vec::new(),
        before_thresholds: None,
    };
    let Some((statute, thresholds)) = found.filter(|_| in_scope) else {
        return criminal;
    };
    let placed: Vec<(String, &ThresholdTier)> = facts
        .data
        .iter()
        .filter_map(|key| Some((key.clone(), tier_of(library, thresholds, key)?)))
        .collect();
    criminal.unplaced = facts
        .data
        .iter()
        .filter(|k| !placed.iter().any(|(p, _)| p == *k))
        .cloned()
        .collect();
    if let Some(records) = facts.records {
        criminal.rows = record_rows(
            library,
            thresholds,
            &placed,
            &criminal.unplaced,
            facts,
            records,
        );
    }
    let gains = match facts.gains {
        Gains::Yuan(g) => Some(g),
        Gains::None => Some(0),
        Gains::NotStated => None,
    };
    if let Some(gains) = gains
        && let Some(tier) = thresholds.tiers.iter().find(|t| t.gains_yuan.is_some())
    {
        let bars = law::bars(thresholds, tier.gains_yuan.unwrap_or(0), facts.in_duty);
        let own = law::level(gains, bars);
        criminal.rows.push(Row {
            tier,
            unit: Unit::Yuan,
            value: gains,
            serious: bars.0,
            especially: bars.1,
            own,
            applies: Applies::Always,
            level: RowLevel::Level(own),
            kinds: Vec::new(),
        });
    }
    criminal.transfer = transfer(&criminal.rows);
    if let Status::NotYet { from } = law::status_on(statute, facts.date) {
        criminal.before_thresholds = Some(from);
        if criminal.transfer == Transfer::Yes {
            criminal.transfer = Transfer::Depends;
        }
    }
    criminal.provisions = provisions(library, statute, thresholds, facts, today);
    criminal
}

/// The tier a data kind belongs to, by its vocabulary entry.
fn tier_of<'l>(
    library: &Library,
    thresholds: &'l Thresholds,
    key: &str,
) -> Option<&'l ThresholdTier> {
    let item = library
        .vocab
        .term(VocabKind::DataKinds, key)?
        .tier
        .as_deref()?;
    thresholds.tiers.iter().find(|t| t.item == item)
}

/// One row per record tier that could apply: the tiers of the kinds entered, and every record
/// tier where a kind has no tier or none was entered.
fn record_rows<'l>(
    library: &Library,
    thresholds: &'l Thresholds,
    placed: &[(String, &'l ThresholdTier)],
    unplaced: &[String],
    facts: &Facts,
    records: u64,
) -> Vec<Row<'l>> {
    let open = facts.data.is_empty() || !unplaced.is_empty();
    let mut rows: Vec<Row> = thresholds
        .tiers
        .iter()
        .filter_map(|tier| {
            let threshold = tier.records?;
            let kinds: Vec<(String, bool)> = placed
                .iter()
                .filter(|(_, t)| t.item == tier.item)
                .map(|(k, _)| (k.clone(), by_reading(library, tier, k)))
                .collect();
            if kinds.is_empty() && !open {
                return None;
            }
            let applies = if !open && kinds.len() == placed.len() {
                Applies::All
            } else if kinds.is_empty() {
                Applies::IfKind
            } else {
                Applies::Some
            };
            let bars = law::bars(thresholds, threshold, facts.in_duty);
            let own = law::level(records, bars);
            Some(Row {
                tier,
                unit: Unit::Records,
                value: records,
                serious: bars.0,
                especially: bars.1,
                own,
                applies,
                level: RowLevel::Level(own),
                kinds,
            })
        })
        .collect();
    let agreed = rows.windows(2).all(|w| w[0].own == w[1].own);
    for row in &mut rows {
        if row.applies != Applies::All && !agreed {
            row.level = RowLevel::DependsOnKind;
        }
    }
    rows
}

/// Whether the library places a kind in a tier by its reading: the tier's own words do not name
/// it (电话号码 in item 五, "第三项、第四项规定以外的").
fn by_reading(library: &Library, tier: &ThresholdTier, key: &str) -> bool {
    library
        .vocab
        .term(VocabKind::DataKinds, key)
        .is_none_or(|t| !tier.kinds.contains(&t.label.zh))
}

/// `yes` when a tier is reached whatever the kind (a row that certainly applies, or every record
/// tier that might), `depends` when it would be for some kinds, `no` otherwise.
fn transfer(rows: &[Row]) -> Transfer {
    let reached = |r: &&Row| r.own >= Level::Serious;
    let certain = rows
        .iter()
        .any(|r| matches!(r.level, RowLevel::Level(l) if l >= Level::Serious));
    let records: Vec<&Row> = rows.iter().filter(|r| r.unit == Unit::Records).collect();
    let every_tier = !records.is_empty() && records.iter().all(reached);
    let some_tier = rows.iter().any(|r| reached(&r));
    if certain || every_tier {
        Transfer::Yes
    } else if some_tier {
        Transfer::Depends
    } else {
        Transfer::No
    }
}

/// The crime (the provision with a prison term), the thresholds' article, both as on the
/// conduct's date, and the transfer provision as it stands today (the duty is today's).
fn provisions<'l>(
    library: &'l Library,
    statute: &'l Statute,
    thresholds: &Thresholds,
    facts: &Facts,
    today: PartialDate,
) -> Vec<Cited<'l>> {
    let mut out: Vec<Cited> = library
        .statutes
        .iter()
        .filter(|s| {
            s.penalty
                .as_ref()
                .is_some_and(|p| p.prison_max_years.is_some())
        })
        .map(|s| Cited::new(s, Role::Criminal, facts.date, today))
        .collect();
    let article = thresholds
        .tiers
        .first()
        .and_then(|t| t.item.split_inclusive('条').next())
        .map(str::to_string);
    out.push(Cited {
        item: article,
        words: thresholds.acts.clone(),
        ..Cited::new(statute, Role::Criminal, facts.date, today)
    });
    if let Some(transfer) = thresholds
        .transfer
        .as_deref()
        .and_then(|id| library.statute(id))
    {
        out.push(Cited::new(transfer, Role::Criminal, today, today));
    }
    out
}
