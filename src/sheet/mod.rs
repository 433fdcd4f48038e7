//! A case laid out for reading, in the order a penalty decision is written: party and place →
//! authority and dates → what happened → personal data → violations → law → penalty → sources.
//!
//! The sheet is plain data (labels resolved, unknowns spelt out, inferences marked), so the CLI's
//! text and Markdown output and the interactive detail pane all show the same thing.

mod case;
mod key_facts;
mod position;
mod render;
mod statute;

pub use case::{SIMILAR_SHOWN, build, shared_reasons};
pub use render::{list_markdown, markdown, plain};
pub use statute::statute;

use crate::law;
use crate::library::{Basis, Case, LawRole, Library, PartialDate, Statute, VocabKind};
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

/// Later law that governs what `statute` governed, one line per law:
/// `个人信息保护法 第五条、第十条（2021-11-01 起施行；后法，…）`.
pub fn later_law_lines(m: &Catalog, library: &Library, statute: &Statute) -> Vec<String> {
    let mut groups: Vec<(String, Vec<&str>, String)> = Vec::new();
    for later in law::later_law(library, statute) {
        let name = later.short.as_deref().unwrap_or(&later.law).to_string();
        let in_force = later
            .in_force
            .map_or(m.not_stated_short.to_string(), |d| d.to_string());
        match groups
            .iter_mut()
            .find(|(n, _, f)| *n == name && *f == in_force)
        {
            Some((_, articles, _)) => articles.push(&later.article),
            None => groups.push((name, vec![&later.article], in_force)),
        }
    }
    groups
        .into_iter()
        .map(|(name, articles, in_force)| {
            fill(
                m.later_line,
                &[
                    ("citation", format!("{name} {}", articles.join(m.list_sep))),
                    ("in_force", in_force),
                ],
            )
        })
        .collect()
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
pub fn collection_line(m: &Catalog, library: &Library, case: &Case) -> String {
    let Some(collection) = library.collection(&case.collection) else {
        return case.collection.to_string();
    };
    let position = case
        .position
        .map(|p| format!(" · {}", fill(m.position, &[("n", p.to_string())])))
        .unwrap_or_default();
    let count = collection
        .announced
        .map(|announced| {
            format!(
                " · {}",
                published_identified(m, library, &collection.id, announced)
            )
        })
        .unwrap_or_default();
    format!(
        "{} ({}){position}{count}",
        m.collection_title(collection),
        collection.by()
    )
}

/// A case's penalty kinds for a one-line glance, repeats folded: `刑罚 ×3、罚金`; "not stated"
/// when the source gives none.
pub fn penalty_kinds(m: &Catalog, library: &Library, case: &Case) -> String {
    let mut kinds: Vec<(String, usize)> = Vec::new();
    for penalty in &case.penalty {
        let label = m.term(library, VocabKind::Penalties, &penalty.kind);
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

/// A one-line citation of a case for a report: title · collection and position · authority ·
/// decision date · source address — each part only where the library states it.
pub fn citation(m: &Catalog, library: &Library, case: &Case) -> String {
    let mut parts = vec![m.content(&case.title, case.title_en.as_deref())];
    if let Some(collection) = library.collection(&case.collection) {
        let mut listed = format!("{} ({})", m.collection_title(collection), collection.by());
        if let Some(n) = case.position {
            listed.push_str(&format!(" {}", fill(m.position, &[("n", n.to_string())])));
        }
        parts.push(listed);
    }
    parts.extend(case.authority.as_deref().map(str::to_string));
    parts.extend(case.dates.decided.map(|d| d.to_string()));
    parts.extend(
        case.source
            .iter()
            .find_map(|s| s.url.as_deref())
            .map(str::to_string),
    );
    crate::text::sanitize_line(&parts.join(" · "))
}

/// "10 published, 9 identified" for a collection.
pub fn published_identified(
    m: &Catalog,
    library: &Library,
    collection: &str,
    announced: u64,
) -> String {
    let identified = library.identified_in(collection).to_string();
    fill(
        m.published_identified,
        &[
            ("announced", announced.to_string()),
            ("identified", identified),
        ],
    )
}
