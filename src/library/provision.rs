//! The provisions of law in types, as `statutes.toml` writes them (see `cases/README.md`): a
//! provision with its text, version and in-force interval, its penalty range, thresholds and the
//! conduct it forbids; and the relations between provisions.

use serde::{Deserialize, Serialize};

use super::date::PartialDate;
use super::omit;

/// The label an older statutes file gives a provision ("2019" or "later"). Kept so that offices'
/// files still load; nothing legal is judged from it any more: whether a provision applied is
/// worked out from its in-force dates and a case's own dates (`law::status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Era {
    #[serde(rename = "2019")]
    Y2019,
    #[serde(rename = "later")]
    Later,
}

/// The penalty a provision sets; every figure optional, as the schema says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PenaltyRange {
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub fine_max_yuan: Option<u64>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub gains_multiple: Option<Vec<u64>>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub prison_max_years: Option<u64>,
    #[serde(skip_serializing_if = "omit::empty")]
    #[serde(default)]
    pub measures: Vec<String>,
    /// Fine on the directly responsible persons, `[min, max]` yuan.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub individual_fine_yuan: Option<Vec<u64>>,
    /// Cap in serious cases (PIPL 66 ¶2), and the alternative cap as a share of turnover.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub serious_fine_max_yuan: Option<u64>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub serious_turnover_percent: Option<u64>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub serious_individual_fine_yuan: Option<Vec<u64>>,
    /// The range in the law's own words.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub words: Option<String>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub note_zh: Option<String>,
    /// The condition the text sets on `fine_max_yuan`, quoted from it (个人信息保护法第六十六条:
    /// `拒不改正的`), so that no summary states the cap without it.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub fine_condition: Option<String>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub fine_condition_en: Option<String>,
    /// The item under which a personal-information breach is punished (消法第五十六条:
    /// `第一款第（九）项`), cited with the provision whenever it is named as a penalty basis.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub applies_item: Option<String>,
}

/// How a provision's text stopped being in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ceased {
    /// Repealed, with nothing of the same number after it in its law.
    #[serde(rename = "repealed")]
    Repealed,
    /// Amended: this version's text ends; a relation says where its words went.
    #[serde(rename = "amended")]
    Amended,
}

/// How one provision stands to another (`[[relation]]` in statutes.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RelationKind {
    /// `from` is a regulation's rule that implements `to` (实施条例第二十三条 → 消法第二十九条第一款).
    #[serde(rename = "implements")]
    Implements,
    /// `from` sets the same duty (or penalty) for the same conduct in another law; both apply.
    #[serde(rename = "parallel")]
    Parallel,
    /// `from`'s words continue unchanged under `to`'s number (网络安全法 2016 第四十一条 → 2025 第四十三条).
    #[serde(rename = "renumbered")]
    Renumbered,
    /// `from`'s words were amended, keeping its number; `to` is the amended text (处罚办法第十四条).
    #[serde(rename = "amended-as")]
    AmendedAs,
    /// `from` was merged into `to`, whose words differ (网络安全法 第六十四条 → 第七十一条).
    #[serde(rename = "folded")]
    Folded,
    /// `from`'s law was repealed by `to`'s law (民法总则 → 民法典).
    #[serde(rename = "repealed-by")]
    RepealedBy,
    /// A breach of `from` is punished under `to` (实施条例第五十条第三款: 第二十三条 → 消法第五十六条).
    #[serde(rename = "penalty-under")]
    PenaltyUnder,
    /// `from`'s text sends the reader to `to` (实施条例第五十一条 → 行政处罚法).
    #[serde(rename = "refers-to")]
    RefersTo,
    /// From an older file's `successors`: later law the office lists for the same conduct, with no
    /// kind stated. Shown, never asked about.
    #[serde(rename = "related")]
    Related,
}

impl RelationKind {
    pub const ALL: [RelationKind; 9] = [
        RelationKind::Implements,
        RelationKind::Parallel,
        RelationKind::Renumbered,
        RelationKind::AmendedAs,
        RelationKind::Folded,
        RelationKind::RepealedBy,
        RelationKind::PenaltyUnder,
        RelationKind::RefersTo,
        RelationKind::Related,
    ];

    /// The key a statutes file writes.
    pub fn key(self) -> &'static str {
        match self {
            RelationKind::Implements => "implements",
            RelationKind::Parallel => "parallel",
            RelationKind::Renumbered => "renumbered",
            RelationKind::AmendedAs => "amended-as",
            RelationKind::Folded => "folded",
            RelationKind::RepealedBy => "repealed-by",
            RelationKind::PenaltyUnder => "penalty-under",
            RelationKind::RefersTo => "refers-to",
            RelationKind::Related => "related",
        }
    }
}

/// One relation between two provisions, with why it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub from: String,
    pub to: String,
    pub kind: RelationKind,
    /// One line, in Chinese: why the relation holds (quoting or citing the text that says so).
    pub reason: String,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub reason_en: Option<String>,
    /// True when a legal text states the relation; false when it is the library's reading.
    pub stated: bool,
}

/// One provision (article, paragraph or item) with its official text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statute {
    pub id: String,
    pub law: String,
    pub law_en: String,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub short: Option<String>,
    /// The short name in English citations (`CPRL`), beside `short`.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub short_en: Option<String>,
    pub version: PartialDate,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub in_force: Option<PartialDate>,
    /// The first day this version's text is no longer in force, and how it ended.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub ceased: Option<PartialDate>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub ceased_how: Option<Ceased>,
    /// The last day a source confirms the provision in force, where its status after that could
    /// not be established (处罚办法): later dates read "现行状态未核实", never a guess.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub verified_until: Option<PartialDate>,
    /// What the status rests on: the repealing or amending text, or why it is unverified.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub status_note: Option<String>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub status_note_zh: Option<String>,
    /// An older file's era label; see [`Era`].
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub era: Option<Era>,
    pub article: String,
    /// A short heading in Chinese (the library's words, not the law's); the English one shows
    /// where a file has none.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub heading: Option<String>,
    pub heading_en: String,
    pub text: String,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub text_note: Option<String>,
    /// The note in Chinese, for the Chinese interface.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub text_note_zh: Option<String>,
    pub summary_en: String,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub penalty: Option<PenaltyRange>,
    /// Criminal thresholds the provision sets (法释〔2017〕10号 第五条).
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub thresholds: Option<Thresholds>,
    /// The conduct the provision forbids, one entry per paragraph or item, each with the words
    /// that decide it: what training asks "which provision was broken" about.
    #[serde(skip_serializing_if = "omit::empty")]
    #[serde(default)]
    pub forbids: Vec<Forbids>,
    /// When the provision lightens or lifts a penalty (`[[statute.lightens]]`): the effect and
    /// its conditions, quoted from the text, for the decision aid to state as possibilities.
    #[serde(skip_serializing_if = "omit::empty")]
    #[serde(default)]
    pub lightens: Vec<Lightens>,
}

/// One effect a provision gives a penalty (从轻或者减轻, 不予处罚), with its conditions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lightens {
    /// The effect, quoted (`可以不予行政处罚`).
    pub effect: String,
    /// Conditions, quoted; all must hold (`all`), or any one (`any`).
    pub conditions: Vec<String>,
    pub any: bool,
}

/// One kind of conduct a provision forbids (`[[statute.forbids]]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forbids {
    /// Where the provision forbids it, e.g. `第十一条第一款第（二）项`.
    pub item: String,
    /// A key of the `violations` vocabulary.
    pub violation: String,
    /// The deciding words, quoted from the provision's text.
    pub words: String,
    /// Whom the provision binds, quoted from its text (`网络运营者`, `任何个人和组织`): every
    /// statement that the provision was breached keeps this condition.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub who: Option<String>,
}

/// The thresholds of "情节严重" a provision sets, as figures (`[statute.thresholds]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    pub tiers: Vec<ThresholdTier>,
    /// Information obtained in the course of duty or service: the thresholds divided by this.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub duty_divisor: Option<u64>,
    /// "情节特别严重": this many times the thresholds.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub especially_serious_multiple: Option<u64>,
    /// Where the halving for information obtained in duty is set (`第五条第一款第（八）项`).
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub duty_item: Option<String>,
    /// Where the tenfold rule of 情节特别严重 is set (`第五条第二款第（三）项`).
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub especially_serious_item: Option<String>,
    /// The acts the thresholds are set for, quoted from the text (`非法获取、出售或者提供公民个人
    /// 信息`), so that every statement about them keeps that condition.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub acts: Option<String>,
    /// The kinds of conduct (`violations` keys) the library reads as those acts: the decision aid
    /// compares the thresholds only for these.
    #[serde(skip_serializing_if = "omit::empty")]
    #[serde(default)]
    pub violations: Vec<String>,
    /// The provision that sends a suspected crime to the judicial organs (行政处罚法 第二十七条),
    /// cited with the decision aid's transfer answer.
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub transfer: Option<String>,
}

/// One threshold: a number of records of the named kinds (none named: the other kinds), or an
/// amount of illegal gains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThresholdTier {
    /// Where the provision sets it, e.g. `第五条第一款第（三）项`.
    pub item: String,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub records: Option<u64>,
    #[serde(skip_serializing_if = "omit::empty")]
    #[serde(default)]
    pub kinds: Vec<String>,
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub gains_yuan: Option<u64>,
    /// What the tier covers, in the provision's words (`第三项、第四项规定以外的公民个人信息`).
    #[serde(skip_serializing_if = "omit::none")]
    #[serde(default)]
    pub what: Option<String>,
}

impl Statute {
    /// A short citation: `消法 第二十九条第二款`, falling back to the law's full name.
    pub fn citation(&self) -> String {
        format!(
            "{} {}",
            self.short.as_deref().unwrap_or(&self.law),
            self.article
        )
    }

    /// The short citation in English: `CPRL Art. 29(2)`, from `short_en` (else the law's English
    /// name) and the article read by [`article_en`](super::article::article_en) (else as written).
    pub fn citation_en(&self) -> String {
        cite_en(self, &self.article)
    }

    /// [`penalty_citation`](Self::penalty_citation) in English: `CPRL Art. 56(1)(9)`.
    pub fn penalty_citation_en(&self) -> String {
        match self
            .penalty
            .as_ref()
            .and_then(|p| p.applies_item.as_deref())
        {
            Some(item) => cite_en(self, &format!("{}{item}", self.article)),
            None => self.citation_en(),
        }
    }

    /// A place inside this provision's law (`第五条第一款第（三）项`) cited in English.
    pub fn item_en(&self, item: &str) -> String {
        cite_en(self, item)
    }

    /// The citation as a penalty basis: with the item a personal-information breach falls under
    /// (`消法 第五十六条第一款第（九）项`), where the provision names one.
    pub fn penalty_citation(&self) -> String {
        match self
            .penalty
            .as_ref()
            .and_then(|p| p.applies_item.as_deref())
        {
            Some(item) => format!("{}{item}", self.citation()),
            None => self.citation(),
        }
    }
}

impl Statute {
    /// The version a short name carries (`（2015年文本）` of `处罚办法（2015年文本）`), or "".
    fn version_mark(short: Option<&str>, open: char) -> &str {
        short
            .and_then(|s| s.find(open).map(|at| &s[at..]))
            .unwrap_or("")
    }

    /// The official citation of a place in this provision's law: the law's full name in 《》,
    /// the text's version where the library holds two, then the place —
    /// `《中华人民共和国消费者权益保护法》第五十六条第一款第（九）项`.
    pub fn official(&self, place: &str) -> String {
        let version = Self::version_mark(self.short.as_deref(), '（');
        format!("《{}》{version}{place}", self.law)
    }

    /// [`official`](Self::official) in English: the law's English name, its version, the place
    /// as English citations write it (`Consumer Rights and Interests Protection Law of the PRC,
    /// Art. 56(1)(9)`).
    pub fn official_en(&self, place: &str) -> String {
        let version = Self::version_mark(self.short_en.as_deref(), '(');
        let place = super::article::article_en(place).unwrap_or_else(|| place.to_string());
        let version = if version.is_empty() {
            String::new()
        } else {
            format!(" {version}")
        };
        format!("{}{version}, {place}", self.law_en)
    }

    /// The place a penalty provision is applied at: the article and the item a
    /// personal-information breach falls under, where the provision names one.
    pub fn penalty_place(&self) -> String {
        match self
            .penalty
            .as_ref()
            .and_then(|p| p.applies_item.as_deref())
        {
            Some(item) => format!("{}{item}", self.article),
            None => self.article.to_string(),
        }
    }
}

/// `{short_en} {article}`: the article in English where it reads whole, else as written.
fn cite_en(statute: &Statute, article: &str) -> String {
    let law = statute.short_en.as_deref().unwrap_or(&statute.law_en);
    let article = super::article::article_en(article).unwrap_or_else(|| article.to_string());
    format!("{law} {article}")
}
