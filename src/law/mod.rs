//! The law behind the cases: which cases each provision is linked to, which provisions were in
//! force on a date (`status`), how provisions stand to one another (the relation table), where a
//! fine sits in its statutory range, and how a case's figures compare with the criminal thresholds
//! of 法释〔2017〕10号. Pure functions over the library; the CLI and the browser show what they
//! return.

pub mod find;
pub mod practice;
pub mod status;

pub use status::{AtCase, CaseDateKind, Status, at_case, case_dates, status_on};

use crate::library::{Basis, Case, Library, Relation, Statute, ThresholdTier, Thresholds};

/// The cases linked to one provision, split by how the link is known.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LinkedCases {
    /// Cases whose source cites the provision (indices into `library.cases`).
    pub stated: Vec<usize>,
    /// Cases the provision governs, though no source cites it for them.
    pub governing: Vec<usize>,
}

/// The cases linked to `statute`, in library order; a case linking it both ways counts as stated.
pub fn linked_cases(library: &Library, statute: &str) -> LinkedCases {
    let mut linked = LinkedCases::default();
    for (i, case) in library.cases.iter().enumerate() {
        let links: Vec<Basis> = case
            .law
            .iter()
            .filter(|l| *l.statute == *statute)
            .map(|l| l.basis)
            .collect();
        if links.contains(&Basis::Stated) {
            linked.stated.push(i);
        } else if !links.is_empty() {
            linked.governing.push(i);
        }
    }
    linked
}

/// Which end of a relation a provision is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The provision is the relation's `from`.
    From,
    /// The provision is the relation's `to`.
    To,
}

/// Every relation `statute` takes part in, in table order, with the other provision and which end
/// `statute` is. Relations naming a provision the library lacks are left out.
pub fn relations_of<'l>(
    library: &'l Library,
    statute: &str,
) -> Vec<(&'l Relation, End, &'l Statute)> {
    library
        .relations
        .iter()
        .filter_map(|r| {
            let (end, other) = if r.from == statute {
                (End::From, &r.to)
            } else if r.to == statute {
                (End::To, &r.from)
            } else {
                return None;
            };
            Some((r, end, library.statute(other)?))
        })
        .collect()
}

/// Whether two provisions are joined by any relation, either way.
pub fn related(library: &Library, a: &str, b: &str) -> bool {
    library
        .relations
        .iter()
        .any(|r| (r.from == a && r.to == b) || (r.from == b && r.to == a))
}

/// The provisions grouped by law, laws in the order they first appear; within a law by version,
/// then by article number (a file may add an article after others).
pub fn by_law(library: &Library) -> Vec<(&str, Vec<&Statute>)> {
    let mut groups: Vec<(&str, Vec<&Statute>)> = Vec::new();
    for statute in &library.statutes {
        match groups.iter_mut().find(|(law, _)| *law == statute.law) {
            Some((_, members)) => members.push(statute),
            None => groups.push((&statute.law, vec![statute])),
        }
    }
    for (_, members) in &mut groups {
        members.sort_by_key(|s| (s.version.earliest(), find::article_numbers(&s.article)));
    }
    groups
}

/// Every provision (as an index into `library.statutes`) in reading order: by law, the order
/// `by_law` gives.
pub fn reading_order(library: &Library) -> Vec<usize> {
    by_law(library)
        .into_iter()
        .flat_map(|(_, members)| members)
        .filter_map(|s| library.statutes.iter().position(|t| t.id == s.id))
        .collect()
}

/// Where an amount sits against a cap, as a fraction in lowest terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub amount: u64,
    pub cap: u64,
    pub numerator: u64,
    pub denominator: u64,
}

impl Share {
    /// `amount` as a share of `cap`; `None` for a cap of zero.
    pub fn of(amount: u64, cap: u64) -> Option<Share> {
        if cap == 0 {
            return None;
        }
        let divisor = gcd(amount, cap);
        Some(Share {
            amount,
            cap,
            numerator: amount / divisor,
            denominator: cap / divisor,
        })
    }

    /// The share in per cent, to one decimal (`12.5`), rounded half up.
    pub fn percent(&self) -> String {
        let tenths =
            (u128::from(self.amount) * 1000 + u128::from(self.cap) / 2) / u128::from(self.cap);
        if tenths % 10 == 0 {
            format!("{}%", tenths / 10)
        } else {
            format!("{}.{}%", tenths / 10, tenths % 10)
        }
    }

    /// The amount as a multiple of the base, as precise as it takes never to read as a bound of
    /// `[low, high]` it is not: `10.04`, not `10`, for a fine just above ten times; `约 9.99` is
    /// never shown as `10`. Exact multiples read plainly (`3`, `2.5`).
    pub fn times_against(&self, low: u64, high: u64) -> String {
        let (amount, base) = (u128::from(self.amount), u128::from(self.cap));
        for places in 1..=6u32 {
            let scale = 10u128.pow(places);
            let rounded = (amount * scale + base / 2) / base;
            let exact = rounded * base == amount * scale;
            let on_bound = [low, high]
                .iter()
                .any(|&b| rounded == u128::from(b) * scale);
            if exact || !on_bound {
                return decimal(rounded, places, exact);
            }
        }
        // Within a millionth of a bound but not on it: say which side.
        if amount > u128::from(high) * base {
            format!(">{high}")
        } else if amount < u128::from(low) * base {
            format!("<{low}")
        } else {
            self.times()
        }
    }

    /// The amount as a multiple of the base, to one decimal (`3`, `2.5`), rounded half up.
    pub fn times(&self) -> String {
        let tenths =
            (u128::from(self.amount) * 10 + u128::from(self.cap) / 2) / u128::from(self.cap);
        if tenths % 10 == 0 {
            format!("{}", tenths / 10)
        } else {
            format!("{}.{}", tenths / 10, tenths % 10)
        }
    }

    /// Whether the multiple lies within `[low, high]` (`low * base <= amount <= high * base`).
    pub fn within_multiples(&self, low: u64, high: u64) -> bool {
        let (amount, base) = (u128::from(self.amount), u128::from(self.cap));
        amount >= u128::from(low) * base && amount <= u128::from(high) * base
    }

    /// A fraction a reader takes in at once (`1/5`), or `None` when it would not be one.
    pub fn simple_fraction(&self) -> Option<String> {
        (self.denominator <= 100 && self.numerator <= self.denominator)
            .then(|| format!("{}/{}", self.numerator, self.denominator))
    }

    pub fn exceeds(&self) -> bool {
        self.amount > self.cap
    }
}

/// `rounded / 10^places` written with no trailing zeros, `≈` in front when it is not exact.
fn decimal(rounded: u128, places: u32, exact: bool) -> String {
    let scale = 10u128.pow(places);
    let (whole, fraction) = (rounded / scale, rounded % scale);
    let mut text = whole.to_string();
    if fraction != 0 {
        let digits = format!("{fraction:0width$}", width = places as usize);
        text.push('.');
        text.push_str(digits.trim_end_matches('0'));
    }
    if exact { text } else { format!("≈{text}") }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

/// How one figure of a case compares with one threshold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThresholdComparison {
    /// Where the threshold is set, e.g. `第五条第一款第（三）项`.
    pub item: String,
    /// The case's figure: records, or yuan of illegal gains.
    pub value: u64,
    pub threshold: u64,
    /// The threshold for information obtained in the course of duty or service, if the
    /// provision sets one (half).
    pub in_duty: Option<u64>,
    /// The threshold of "情节特别严重" (ten times), if the provision sets one.
    pub especially_serious: Option<u64>,
    /// Where the halving and the tenfold rule are set, to cite them.
    pub duty_item: Option<String>,
    pub especially_serious_item: Option<String>,
}

impl ThresholdComparison {
    fn new(thresholds: &Thresholds, item: &str, value: u64, threshold: u64) -> Self {
        ThresholdComparison {
            item: item.to_string(),
            value,
            threshold,
            // Half a threshold: "达到…标准一半以上", so 25 for 50 and 2,500 for 5,000.
            in_duty: thresholds
                .duty_divisor
                .filter(|&d| d > 0)
                .map(|d| threshold.div_ceil(d)),
            especially_serious: thresholds
                .especially_serious_multiple
                .and_then(|m| threshold.checked_mul(m)),
            duty_item: thresholds.duty_item.clone(),
            especially_serious_item: thresholds.especially_serious_item.clone(),
        }
    }

    pub fn reached(&self) -> bool {
        self.value >= self.threshold
    }

    pub fn reached_in_duty(&self) -> bool {
        self.in_duty.is_some_and(|t| self.value >= t)
    }

    pub fn especially_serious_reached(&self) -> bool {
        self.especially_serious.is_some_and(|t| self.value >= t)
    }
}

/// The level a figure reaches against a threshold of 法释〔2017〕10号 第五条.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Below,
    /// 情节严重.
    Serious,
    /// 情节特别严重.
    EspeciallySerious,
}

/// The bars of 情节严重 and 情节特别严重 for one threshold. Information obtained in duty or
/// service reaches 情节严重 at half the standard (第五条第一款第（八）项, "一半以上": rounded up);
/// 情节特别严重 is ten times the standards of items (三) to (八), so in duty ten times the halved
/// one. Training and the decision aid both judge by these.
pub fn bars(thresholds: &Thresholds, threshold: u64, in_duty: bool) -> (u64, Option<u64>) {
    let serious = match thresholds.duty_divisor.filter(|&d| in_duty && d > 0) {
        Some(divisor) => threshold.div_ceil(divisor),
        None => threshold,
    };
    let especially = thresholds
        .especially_serious_multiple
        .and_then(|m| serious.checked_mul(m));
    (serious, especially)
}

/// The level `value` reaches against `bars` (see [`bars`]).
pub fn level(value: u64, (serious, especially): (u64, Option<u64>)) -> Level {
    match especially {
        Some(bar) if value >= bar => Level::EspeciallySerious,
        _ if value >= serious => Level::Serious,
        _ => Level::Below,
    }
}

/// Compares a case's number of records with the record thresholds. Only when every data kind of
/// the case is one a single tier names is there a comparison: a kind the provision does not name
/// may fall under another tier's catch-all words, so the tool stays silent rather than guess.
pub fn compare_records(thresholds: &Thresholds, case: &Case) -> Option<ThresholdComparison> {
    let records = case.records?;
    let kinds = case.data_kinds.as_deref().filter(|k| !k.is_empty())?;
    let tier = thresholds.tiers.iter().find(|tier| {
        !tier.kinds.is_empty() && kinds.iter().all(|k| tier.kinds.iter().any(|t| *t == **k))
    })?;
    Some(ThresholdComparison::new(
        thresholds,
        &tier.item,
        records,
        tier.records?,
    ))
}

/// Every record tier (in the provision's order) with whether `records` reaches it: what a count
/// says when the case's data kinds do not tell which tier applies.
pub fn record_tiers(thresholds: &Thresholds, records: u64) -> Vec<(&ThresholdTier, u64, bool)> {
    thresholds
        .tiers
        .iter()
        .filter_map(|tier| {
            let threshold = tier.records?;
            Some((tier, threshold, records >= threshold))
        })
        .collect()
}

/// Compares an amount of illegal gains with the gains threshold.
pub fn compare_gains(thresholds: &Thresholds, gains_yuan: u64) -> Option<ThresholdComparison> {
    let tier = thresholds.tiers.iter().find(|t| t.gains_yuan.is_some())?;
    Some(ThresholdComparison::new(
        thresholds,
        &tier.item,
        gains_yuan,
        tier.gains_yuan?,
    ))
}

/// The provision that sets criminal thresholds, if the library has one.
pub fn threshold_provision(library: &Library) -> Option<(&Statute, &Thresholds)> {
    library
        .statutes
        .iter()
        .find_map(|s| Some((s, s.thresholds.as_ref()?)))
}

#[cfg(test)]
mod tests;
