//! A case laid out for reading, in the order a penalty decision is written: party and place →
//! authority and dates → what happened → personal data → violations → law → penalty → sources.
//!
//! The sheet is plain data (labels resolved, unknowns spelt out, inferences marked), so the CLI's
//! text and Markdown output and the interactive detail pane all show the same thing.

mod case;
mod key_facts;
pub mod listing;
mod position;
mod render;
mod statute;

pub use case::{SIMILAR_SHOWN, build, build_counted, shared_reasons};
pub use render::{list_markdown, markdown, plain};
pub use statute::statute;

use crate::law;
use crate::library::{
    Basis, Case, LawRole, Library, PartialDate, Penalty, RareText, Relation, RelationKind,
    SourceKind, Statute, VocabKind,
};
use crate::msg::{Catalog, fill};
use crate::text::thousands;

/// A labelled value of the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub label: &'static str,
    /// One or more lines; the catalog's "not stated" when the source says nothing.
    pub lines: Vec<String>,
    /// True when no source states the value (the line reads "not stated").
    pub missing: bool,
    /// Why the value is inferred rather than stated by a source, if it is.
    pub inferred: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: &'static str,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    /// Where the case stands in its published list, e.g. `国家市场监督管理总局 2019-11-18 … 第 1 例`.
    pub collection_line: String,
    /// How to cite it in a report, in the official form (a case's [`citation`], a provision's
    /// 《law》article): the Markdown a user copies or exports opens with it.
    pub cite_as: String,
    /// The facts that decide a case, one line each, shown right after the title: what an officer
    /// in a consultation reads first.
    pub key_facts: Option<Section>,
    pub sections: Vec<Section>,
}

/// Builds rows, spelling out absent values in the catalog's words.
pub(crate) struct Rows<'m> {
    pub m: &'m Catalog,
}

impl Rows<'_> {
    pub fn row(&self, label: &'static str, lines: Vec<String>) -> Row {
        let missing = lines.is_empty();
        let lines = if missing {
            vec![self.m.not_stated.to_string()]
        } else {
            lines
        };
        Row {
            label,
            lines,
            missing,
            inferred: None,
        }
    }

    pub fn opt(&self, label: &'static str, value: Option<String>) -> Row {
        self.row(label, value.into_iter().collect())
    }
}

/// Where a provision stands on a day, in words: `现行有效（2014-03-15 起施行）`,
/// `已废止（2021-01-01 起）`, `现行状态未核实（…）`.
pub fn status_text(m: &Catalog, status: law::Status) -> String {
    use crate::library::Ceased;
    match status {
        law::Status::InForce { since } => fill(
            m.status_in_force,
            &[(
                "since",
                since.map_or(m.not_stated_short.to_string(), |d| d.to_string()),
            )],
        ),
        law::Status::NotYet { from } => fill(m.status_not_yet, &[("from", from.to_string())]),
        law::Status::Ceased { on, how } => fill(
            match how {
                Ceased::Repealed => m.status_repealed,
                Ceased::Amended => m.status_amended,
            },
            &[("on", on.to_string())],
        ),
        law::Status::Unverified { confirmed } => {
            fill(m.status_unverified, &[("confirmed", confirmed.to_string())])
        }
        law::Status::Unknown => m.status_unknown.to_string(),
    }
}

/// A word for a status other than "in force", for lists: `已失效`, `未施行`, `未核实`.
pub fn status_short(m: &Catalog, status: law::Status) -> Option<&'static str> {
    match status {
        law::Status::InForce { .. } => None,
        law::Status::NotYet { .. } => Some(m.status_short[0]),
        law::Status::Ceased { .. } => Some(m.status_short[1]),
        law::Status::Unverified { .. } => Some(m.status_short[2]),
        law::Status::Unknown => Some(m.status_short[3]),
    }
}

/// Where a provision stood at the time of a case, in words.
pub fn at_case_text(m: &Catalog, at: law::AtCase) -> String {
    match at {
        law::AtCase::InForce => m.at_in_force.to_string(),
        law::AtCase::Later { from } => fill(m.at_later, &[("from", from.to_string())]),
        law::AtCase::CeasedBefore { on, .. } => fill(m.at_ceased, &[("on", on.to_string())]),
        law::AtCase::Unknown => m.at_unknown.to_string(),
    }
}

/// One relation of `statute`, seen from it: `并行适用：个人信息保护法 第十三条（现行有效…）——
/// reason（本库的理解）`; `brief`: without the reason, keeping the reading mark. The other
/// provision's status is given as of `today`.
pub fn relation_line(
    m: &Catalog,
    relation: &Relation,
    end: law::End,
    other: &Statute,
    today: PartialDate,
    brief: bool,
) -> String {
    let index = RelationKind::ALL
        .iter()
        .position(|k| *k == relation.kind)
        .unwrap_or(0);
    let (out, inward) = m.relation_phrases[index];
    let phrase = fill(
        if end == law::End::From { out } else { inward },
        &[(
            "other",
            m.paren(
                &m.cite(other),
                &status_text(m, law::status_on(other, today)),
            ),
        )],
    );
    let line = if brief {
        phrase
    } else {
        let reason = m.content(&relation.reason, relation.reason_en.as_deref());
        format!("{phrase} — {reason}")
    };
    if relation.stated {
        line
    } else {
        m.paren(&line, m.relation_reading)
    }
}

/// Every relation of `statute`, one line each (see [`relation_line`]).
pub fn relation_lines(
    m: &Catalog,
    library: &Library,
    statute: &Statute,
    brief: bool,
) -> Vec<String> {
    let today = library.today();
    law::relations_of(library, &statute.id)
        .into_iter()
        .map(|(relation, end, other)| relation_line(m, relation, end, other, today, brief))
        .collect()
}

/// A penalty's amount with what it is: `罚款 ¥50,000`; for a criminal sentence that states an
/// amount, the amount is its 罚金 (a criminal fine), never "刑罚 ¥…": `刑罚；罚金 ¥8,000`.
/// `label` is the penalty kind's label as the caller shows it.
pub fn penalty_amount(
    m: &Catalog,
    library: &Library,
    kind: &str,
    label: String,
    amount: Option<u64>,
) -> String {
    match amount {
        Some(amount) if kind == "criminal-sentence" => {
            let fine = m.term(library, VocabKind::Penalties, "criminal-fine");
            format!("{label}{}{fine} {}", m.list_sep, yuan(amount))
        }
        Some(amount) => format!("{label} {}", yuan(amount)),
        None => label,
    }
}

/// A penalty as a line: its kind and amount, marked when it was only proposed or also punishes
/// another violation.
pub fn penalty_line(m: &Catalog, library: &Library, label: String, penalty: &Penalty) -> String {
    let mut line = penalty_amount(m, library, &penalty.kind, label, penalty.amount_yuan);
    if penalty.proposed {
        line.push_str(m.penalty_proposed);
    }
    if let Some(what) = &penalty.combined {
        line.push_str(&fill(m.penalty_combined, &[("what", what.to_string())]));
    }
    line
}

/// What a source is, as read.
pub fn source_kind(m: &Catalog, kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Decision => m.source_decision,
        SourceKind::Report => m.source_report,
        SourceKind::Copy => m.source_copy,
    }
}

/// `¥286,179`.
pub fn yuan(amount: u64) -> String {
    format!("¥{}", thousands(amount))
}

pub(crate) fn date(d: Option<PartialDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// A vocabulary term's label, in Chinese as "zh (en)", in English as "en"; the raw key if the
/// vocabulary lacks it.
pub fn term_label(m: &Catalog, library: &Library, kind: VocabKind, key: &str) -> String {
    match library.vocab.term(kind, key) {
        Some(term) if m.lang == crate::msg::Lang::En => term.label.en.clone(),
        Some(term) => format!("{} ({})", term.label.zh, term.label.en),
        None => key.to_string(),
    }
}

pub fn role_label(m: &Catalog, role: LawRole) -> &'static str {
    match role {
        LawRole::Violated => m.role_violated,
        LawRole::Penalty => m.role_penalty,
        LawRole::Transfer => m.role_transfer,
    }
}

pub fn basis_label(m: &Catalog, basis: Basis) -> &'static str {
    match basis {
        Basis::Stated => m.basis_stated,
        Basis::Governing => m.basis_governing,
    }
}

/// The collection line: which published list, which place in it, and how many of the announced
/// cases the library identifies.
pub fn collection_line(m: &Catalog, library: &Library, case: &Case, identified: usize) -> String {
    let Some(collection) = library.collection(&case.collection) else {
        return case.collection.to_string();
    };
    let position = case
        .position
        .map(|p| format!(" · {}", fill(m.position, &[("n", p.to_string())])))
        .unwrap_or_default();
    let count = collection
        .announced
        .map(|announced| format!(" · {}", published_identified(m, identified, announced)))
        .unwrap_or_default();
    format!(
        "{} ({}){position}{count}",
        m.collection_title(collection),
        m.collection_by(collection)
    )
}

/// A case's penalty kinds for a one-line glance, repeats folded: `刑罚 ×3、罚金`; "not stated"
/// when the source gives none.
pub fn penalty_kinds(m: &Catalog, library: &Library, case: &Case) -> String {
    let mut kinds: Vec<(String, usize)> = Vec::new();
    for penalty in case.penalty.iter() {
        let mut label = m.term(library, VocabKind::Penalties, &penalty.kind);
        if penalty.proposed {
            label.push_str(m.penalty_proposed_short);
        }
        match kinds.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n += 1,
            None => kinds.push((label, 1)),
        }
    }
    if kinds.is_empty() {
        return m.not_stated_short.to_string();
    }
    kinds
        .into_iter()
        .map(|(label, n)| {
            if n > 1 {
                format!("{label} ×{n}")
            } else {
                label
            }
        })
        .collect::<Vec<_>>()
        .join(m.list_sep)
}

/// A one-line citation of a case for a report: title · authority and decision date · the
/// provisions (in their official form; those the source cites apart from those the library reads
/// as governing) · collection and position · source address — each part only where the library
/// states it.
pub fn citation(m: &Catalog, library: &Library, case: &Case) -> String {
    let mut parts = vec![m.content(&case.title, case.title_en.text())];
    let decided = [
        case.authority.as_deref().map(str::to_string),
        case.dates.decided.map(|d| d.to_string()),
    ];
    let decided: Vec<String> = decided.into_iter().flatten().collect();
    if !decided.is_empty() {
        parts.push(decided.join(" "));
    }
    for (basis, label) in [
        (Basis::Stated, m.cite_stated),
        (Basis::Governing, m.cite_governing),
    ] {
        let cited = cited_provisions(m, library, case, basis);
        if !cited.is_empty() {
            parts.push(format!("{label}{}{cited}", m.colon));
        }
    }
    if let Some(collection) = library.collection(&case.collection) {
        let listed = m.collection_cited(collection);
        parts.push(match case.position {
            Some(n) => fill(
                m.cite_position,
                &[
                    ("collection", listed),
                    ("position", fill(m.position, &[("n", n.to_string())])),
                ],
            ),
            None => listed,
        });
    }
    // The address, and what it is: a decision, a report, or a copy of one.
    parts.extend(case.source.iter().find_map(|s| {
        let url = s.url.as_deref()?;
        Some(match s.kind {
            Some(kind) => format!("{}{}{url}", source_kind(m, kind), m.colon),
            None => url.to_string(),
        })
    }));
    crate::text::sanitize_line(&parts.join(" · "))
}

/// The case's provisions of one basis, by role, in their official form: `违反条款《…》第二十九条
/// 第二款；处罚依据《…》第五十六条第一款第（九）项` — a penalty provision at the item it applies.
fn cited_provisions(m: &Catalog, library: &Library, case: &Case, basis: Basis) -> String {
    let mut roles = Vec::new();
    for role in [LawRole::Violated, LawRole::Penalty, LawRole::Transfer] {
        let cited: Vec<String> = case
            .law
            .iter()
            .filter(|link| link.basis == basis && link.role == role)
            .map(|link| match library.statute(&link.statute) {
                Some(s) if role == LawRole::Penalty => m.official(s, &s.penalty_place()),
                Some(s) => m.official(s, &s.article),
                None => link.statute.to_string(),
            })
            .collect();
        if !cited.is_empty() {
            let role = ("role", role_label(m, role).to_string());
            roles.push(fill(m.cite_role, &[role, ("list", cited.join(m.list_sep))]));
        }
    }
    roles.join(m.clause_sep)
}

/// A case's name in a list: in Chinese its party; in English its English name with the party's
/// Chinese name after it (what a narrow list cuts first).
pub fn list_name(m: &Catalog, case: &Case) -> String {
    let name = match (m.lang, &case.title_en) {
        (crate::msg::Lang::En, Some(en)) => format!("{en} · {}", case.party.name),
        _ => case.party.name.to_string(),
    };
    crate::text::sanitize_line(&name)
}

/// What a number names when its case was announced but never identified (`#10`): one line per
/// collection, or `None` when the number names no such case.
pub fn unidentified(m: &Catalog, library: &Library, wanted: &str) -> Option<String> {
    let lines: Vec<String> = crate::query::lookup::unidentified(library, wanted)
        .into_iter()
        .map(|c| {
            let n = wanted.trim().trim_start_matches(['#', ':']).trim();
            let count = c
                .announced
                .map(|a| published_identified(m, library.identified_in(&c.id), a))
                .unwrap_or_default();
            let collection = match m.lang {
                crate::msg::Lang::Zh => format!("《{}》", c.title),
                crate::msg::Lang::En => m.collection_title(c),
            };
            fill(
                m.unidentified,
                &[
                    ("n", n.to_string()),
                    ("collection", collection),
                    ("count", count),
                ],
            )
        })
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// "10 published, 9 identified" for a collection.
pub fn published_identified(m: &Catalog, identified: usize, announced: u64) -> String {
    fill(
        m.published_identified,
        &[
            ("announced", announced.to_string()),
            ("identified", identified.to_string()),
        ],
    )
}
