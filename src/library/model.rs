//! The library's data, as the schema (`cases/README.md`) defines it. Field names are the schema's,
//! so `--json` output reads like the case files.
//!
//! Why one file of over 500 lines: it is the schema in types, one type per table of the format,
//! so that it can be read beside `cases/README.md` from top to bottom.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::date::PartialDate;
use super::omit;
use super::provision::{Relation, Statute};
pub use super::summary::Summary;

/// A Chinese label with its English translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub zh: String,
    pub en: String,
}

/// One entry of a controlled vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub key: String,
    pub label: Label,
    /// Provinces only: the province-level division this unit lies within (the Xinjiang Production
    /// and Construction Corps lies within Xinjiang), so a filter on the one can include the other.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub within: Option<String>,
    /// Other words people use for the term (中介 for 房产租售, 卖 for 出售…): search and the
    /// command line's filters accept them.
    #[serde(skip_serializing_if = "omit::empty")]
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Data kinds only: the item of the criminal thresholds (法释〔2017〕10号 第五条) whose
    /// tier the kind belongs to, e.g. `第五条第一款第（五）项`; absent where the library cannot
    /// say (the decision aid then says "depends on the kind").
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub tier: Option<String>,
}

impl Term {
    /// Every name the term answers to: key, labels, aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        [&self.key, &self.label.zh, &self.label.en]
            .into_iter()
            .chain(&self.aliases)
            .map(String::as_str)
    }
}

/// The controlled vocabularies of `vocab.toml`, each in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vocab {
    pub sectors: Vec<Term>,
    pub violations: Vec<Term>,
    pub penalties: Vec<Term>,
    pub party_kinds: Vec<Term>,
    pub provinces: Vec<Term>,
    /// Words for kinds of personal information (电话号码, 身份证号…), so that a search for one word
    /// finds cases whose data kinds use another.
    pub data_kinds: Vec<Term>,
    /// Everyday words for what a case is about (推销电话, 电话卡, 老人), each with the other words
    /// people use for it, so that a search for one finds a case whose story says another.
    pub words: Vec<Term>,
}

/// The vocabularies by their name in `vocab.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VocabKind {
    Sectors,
    Violations,
    Penalties,
    PartyKinds,
    Provinces,
    DataKinds,
    Words,
}

impl VocabKind {
    pub const ALL: [VocabKind; 7] = [
        VocabKind::Sectors,
        VocabKind::Violations,
        VocabKind::Penalties,
        VocabKind::PartyKinds,
        VocabKind::Provinces,
        VocabKind::DataKinds,
        VocabKind::Words,
    ];

    pub fn table_name(self) -> &'static str {
        match self {
            VocabKind::Sectors => "sectors",
            VocabKind::Violations => "violations",
            VocabKind::Penalties => "penalties",
            VocabKind::PartyKinds => "party_kinds",
            VocabKind::Provinces => "provinces",
            VocabKind::DataKinds => "data_kinds",
            VocabKind::Words => "words",
        }
    }

    /// Keys that other people's case files rely on; a library without them is invalid.
    pub fn required_keys(self) -> &'static [&'static str] {
        match self {
            VocabKind::Sectors => &[
                "real-estate",
                "micro-lending",
                "education",
                "insurance-brokerage",
                "beauty-fitness",
                "decoration",
                "travel-lodging",
                "express-delivery",
                "telemarketing",
                "websites-apps",
                "telecom",
                "other",
            ],
            VocabKind::Violations => &[
                "collect-without-consent",
                "leak-sell-provide",
                "unsolicited-messages",
                "other",
            ],
            VocabKind::Penalties => &[
                "order-to-correct",
                "warning",
                "confiscation",
                "fine",
                "suspension",
                "licence-revocation",
                "transfer-to-police",
                "administrative-unspecified",
                "criminal-sentence",
                "civil-settlement",
            ],
            VocabKind::PartyKinds => &["company", "individuals", "store"],
            VocabKind::DataKinds | VocabKind::Words => &[],
            VocabKind::Provinces => &[
                "北京市",
                "天津市",
                "河北省",
                "山西省",
                "内蒙古自治区",
                "辽宁省",
                "吉林省",
                "黑龙江省",
                "上海市",
                "江苏省",
                "浙江省",
                "安徽省",
                "福建省",
                "江西省",
                "山东省",
                "河南省",
                "湖北省",
                "湖南省",
                "广东省",
                "广西壮族自治区",
                "海南省",
                "重庆市",
                "四川省",
                "贵州省",
                "云南省",
                "西藏自治区",
                "陕西省",
                "甘肃省",
                "青海省",
                "宁夏回族自治区",
                "新疆维吾尔自治区",
                "台湾省",
                "香港特别行政区",
                "澳门特别行政区",
                "新疆生产建设兵团",
            ],
        }
    }
}

impl Vocab {
    pub fn terms(&self, kind: VocabKind) -> &[Term] {
        match kind {
            VocabKind::Sectors => &self.sectors,
            VocabKind::Violations => &self.violations,
            VocabKind::Penalties => &self.penalties,
            VocabKind::PartyKinds => &self.party_kinds,
            VocabKind::Provinces => &self.provinces,
            VocabKind::DataKinds => &self.data_kinds,
            VocabKind::Words => &self.words,
        }
    }

    pub fn terms_mut(&mut self, kind: VocabKind) -> &mut Vec<Term> {
        match kind {
            VocabKind::Sectors => &mut self.sectors,
            VocabKind::Violations => &mut self.violations,
            VocabKind::Penalties => &mut self.penalties,
            VocabKind::PartyKinds => &mut self.party_kinds,
            VocabKind::Provinces => &mut self.provinces,
            VocabKind::DataKinds => &mut self.data_kinds,
            VocabKind::Words => &mut self.words,
        }
    }

    pub fn term(&self, kind: VocabKind, key: &str) -> Option<&Term> {
        self.terms(kind).iter().find(|t| t.key == key)
    }
}

/// The paragraphs of a summary: runs of text separated by blank lines, trimmed.
pub fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.trim()
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// What a paragraph of a case's summary is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SummaryPart {
    /// What a complaint or report alleged: never shown as a fact.
    Allegation,
    /// What the authority found.
    Findings,
    /// What the authority decided.
    Decision,
    /// A note on the sources or the list.
    Note,
}

impl SummaryPart {
    pub const ALL: [(&'static str, SummaryPart); 4] = [
        ("allegation", SummaryPart::Allegation),
        ("findings", SummaryPart::Findings),
        ("decision", SummaryPart::Decision),
        ("note", SummaryPart::Note),
    ];
}

/// A published list of cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collection {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub title_en: Option<String>,
    pub publisher: String,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub publisher_en: Option<String>,
    /// Absent for a running list (an office's own cases) that has no single publication date.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub published: Option<PartialDate>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub announced: Option<u64>,
}

impl Collection {
    /// `某市市场监督管理局 2024-12-01`: the publisher, and the date where there is one.
    pub fn by(&self) -> String {
        match self.published {
            Some(date) => format!("{} {date}", self.publisher),
            None => self.publisher.clone(),
        }
    }
}

/// Text kept for every case. Most of a case's strings are short (ids, keys, places, dates) and
/// live inside this 24-byte value instead of in an allocation of their own: at 100,000 cases that
/// is some 1.5 million allocations fewer, and a tenth of the memory.
pub type Str = compact_str::CompactString;

/// A field most cases leave empty, boxed: 8 bytes in the case's record rather than 24 (at
/// 100,000 cases, six such fields inline took 10 MB). Read and written as the value itself.
pub type Rare<T> = Option<Box<T>>;

/// A list many cases hold alike (the provisions, the violations, the penalties, the sources):
/// cases with equal lists share one (see [`crate::library::share`]), as a library's cases
/// mostly cite the same few provisions and vocabulary terms. Read and written as the list.
pub type Shared<T> = std::sync::Arc<[T]>;

/// A text many cases hold alike (the deciding authority): shared the same way.
pub type SharedText = std::sync::Arc<str>;

/// A rare text field's text, if it is there.
pub trait RareText {
    fn text(&self) -> Option<&str>;
}

impl RareText for Rare<Str> {
    fn text(&self) -> Option<&str> {
        self.as_deref().map(Str::as_str)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub name: Str,
    pub kind: Str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub province: Str,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub city: Option<Str>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub district: Rare<Str>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dates {
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub found: Option<PartialDate>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub conduct_from: Option<PartialDate>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub conduct_to: Option<PartialDate>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub decided: Option<PartialDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LawRole {
    Violated,
    Penalty,
    Transfer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// The source itself cites the provision.
    Stated,
    /// The provision governs the conduct described; no source cites it for this case.
    Governing,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LawLink {
    pub statute: Str,
    pub role: LawRole,
    pub basis: Basis,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Penalty {
    pub kind: Str,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub amount_yuan: Option<u64>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub note: Option<Str>,
    /// Announced as intended (拟处罚), not decided: never counted as a decision.
    #[serde(skip_serializing_if = "omit::no")]
    #[serde(default)]
    pub proposed: bool,
    /// What else the amount punishes besides the personal-information violation (a pricing
    /// violation fined together with it), as the source says: the amount is not this
    /// violation's alone.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub combined: Option<Str>,
}

impl Penalty {
    /// A fine decided for this violation alone: what "fines in practice" count.
    pub fn decided_fine(&self) -> Option<u64> {
        (self.kind.as_str() == "fine" && !self.proposed && self.combined.is_none())
            .then_some(self.amount_yuan)
            .flatten()
    }
}

/// What a source is: the decision itself, a report of it, or a copy of a report (or of a public
/// record) on another site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Decision,
    Report,
    Copy,
}

impl SourceKind {
    pub const ALL: [(&'static str, SourceKind); 3] = [
        ("decision", SourceKind::Decision),
        ("report", SourceKind::Report),
        ("copy", SourceKind::Copy),
    ];
}

/// A court's judgment, for a case decided by a court rather than a market regulator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judgment {
    pub court: Str,
    pub case_number: Str,
    /// Who brought a public-interest claim with the prosecution, if anyone.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub claimant: Option<Str>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub prison_months: Option<u64>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub probation_months: Option<u64>,
    /// The remedies the public-interest claim obtained (apology, deletion…), as the judgment
    /// words them.
    #[serde(skip_serializing_if = "omit::empty")]
    #[serde(default)]
    pub remedies: Box<[Str]>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Source {
    pub title: Str,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub publisher: Option<Str>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub date: Option<PartialDate>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub url: Option<Str>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub kind: Option<SourceKind>,
}

/// A count the source states that is not a number of personal-information records (for example
/// SIM cards registered under other people's names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quantity {
    pub value: u64,
    pub unit: Str,
    pub what: Str,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub what_en: Option<Str>,
}

/// One enforcement case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub schema: u64,
    pub id: Str,
    pub collection: Str,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub position: Option<u64>,
    pub title: Str,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub title_en: Rare<Str>,
    /// Read with [`Summary::text`]: a library read from its cache leaves it in the cache file.
    pub summary: Summary,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub summary_en: Rare<Str>,
    /// What each paragraph of `summary` is (`allegation`, `findings`, `decision`, `note`), one
    /// per paragraph; empty when the file does not say. Exercises show only the findings.
    #[serde(skip_serializing_if = "omit::empty")]
    #[serde(default)]
    pub summary_parts: Box<[SummaryPart]>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub authority: Option<SharedText>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub sector: Option<Str>,
    pub violations: Shared<Str>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub data_kinds: Option<Box<[Str]>>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub records: Option<u64>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub amount_yuan: Option<u64>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub amount_note: Rare<Str>,
    /// The party's illegal gains (违法所得) as the source states them: the base of a fine of
    /// "一倍以上十倍以下", and a criminal threshold.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub illegal_gains_yuan: Option<u64>,
    /// What the source says of illegal gains where it gives no figure (违法所得无法计算).
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub illegal_gains_note: Rare<Str>,
    #[serde(default)]
    #[serde(skip_serializing_if = "omit::empty")]
    pub quantity: Box<[Quantity]>,
    pub party: Party,
    pub place: Place,
    pub dates: Dates,
    pub law: Shared<LawLink>,
    pub penalty: Shared<Penalty>,
    /// For a court's case: the judgment. Boxed: few cases have one, and inline it made every
    /// case 112 bytes larger (11 MB at 100,000 cases).
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub judgment: Option<Box<Judgment>>,
    pub source: Shared<Source>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub inferred: Rare<BTreeMap<String, String>>,
}

impl Case {
    /// Why a field's value is inferred rather than stated, if it is.
    pub fn inferred_reason(&self, field: &str) -> Option<&str> {
        self.inferred.as_ref()?.get(field).map(String::as_str)
    }

    /// Whether the sources state what the party did (its conduct, the data it took, or findings),
    /// rather than only the case's title: such a case is the better precedent.
    pub fn conduct_stated(&self) -> bool {
        !self.violations.is_empty()
            || self.data_kinds.is_some()
            || self.summary_parts.contains(&SummaryPart::Findings)
    }
}

/// A national figure of the campaign (`[[figure]]` in `campaign.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub key: String,
    pub zh: String,
    pub en: String,
    pub value: u64,
    pub unit: String,
}

/// One slice of a published breakdown (`[[breakdown]]`); shares are kept as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    pub dimension: String,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub key: Option<String>,
    pub zh: String,
    pub en: String,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub cases: Option<u64>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub records: Option<u64>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub amount_yuan: Option<u64>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub share_cases: Option<String>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub share_records: Option<String>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub share_amount: Option<String>,
}

/// The campaign's published figures (`campaign.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Campaign {
    pub name: String,
    pub name_en: String,
    pub organiser: String,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub collection: Option<String>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub notice: Option<PartialDate>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub notice_note: Option<String>,
    pub period_from: PartialDate,
    pub period_to: PartialDate,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub announced: Option<PartialDate>,
    pub figure: Vec<Figure>,
    pub breakdown: Vec<Breakdown>,
    pub source: Vec<Source>,
}

/// A whole, validated library. Immutable once loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Library {
    pub vocab: Vocab,
    pub statutes: Vec<Statute>,
    /// How provisions stand to one another: the one table the "today" views and exercises read.
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// The day the law is judged "today": `--today`, else the system's date when asked.
    #[serde(skip)]
    pub today: Option<PartialDate>,
    pub collections: Vec<Collection>,
    pub campaign: Option<Campaign>,
    pub cases: Vec<Case>,
    /// The search index of these cases, when the cache loader read it or built it: see
    /// [`Derived`].
    #[serde(skip)]
    pub derived: Derived,
}

/// What is derived from a library's cases and kept with them: the search index, so that a
/// library read from the cache is searched without building anything. The library cannot name
/// the index's type (the search depends on the library), so it is kept as `Any`; the search
/// takes it back by its type.
///
/// Only the cache loader fills it, once the library is whole, and a library whose cases change
/// afterwards would be searched with an index of the old ones: a copy (`clone`) therefore starts
/// without it, and compares equal whatever it holds.
#[derive(Default)]
pub struct Derived(std::sync::OnceLock<DerivedIndex>);

pub type DerivedIndex = std::sync::Arc<dyn std::any::Any + Send + Sync>;

impl Derived {
    /// Keeps `index` (the first one given) with the library.
    pub fn keep(&self, index: DerivedIndex) {
        let _ = self.0.set(index);
    }

    pub fn index(&self) -> Option<&DerivedIndex> {
        self.0.get()
    }
}

impl Clone for Derived {
    fn clone(&self) -> Self {
        Derived::default()
    }
}

impl PartialEq for Derived {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Derived {}

impl std::fmt::Debug for Derived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = if self.0.get().is_some() {
            "an index"
        } else {
            "nothing"
        };
        write!(f, "Derived({kept})")
    }
}

impl Library {
    pub fn case(&self, id: &str) -> Option<&Case> {
        self.cases.iter().find(|c| c.id == id)
    }

    pub fn statute(&self, id: &str) -> Option<&Statute> {
        self.statutes.iter().find(|s| s.id == id)
    }

    /// The day "today" means: the one set (`--today`), else the system's date in UTC+8, the
    /// time zone of the law's own dates.
    pub fn today(&self) -> PartialDate {
        self.today.unwrap_or_else(super::date::system_today)
    }

    pub fn collection(&self, id: &str) -> Option<&Collection> {
        self.collections.iter().find(|c| c.id == id)
    }

    /// How many cases of a collection the library identifies (against how many were announced).
    pub fn identified_in(&self, collection: &str) -> usize {
        self.cases
            .iter()
            .filter(|c| c.collection == collection)
            .count()
    }
}
