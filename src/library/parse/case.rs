//! One case file: every field checked against the schema and against the vocabularies,
//! statutes and collections (`Refs`).
//!
//! Why one file of over 500 lines: it reads one file kind, a case file, table by table (header,
//! violations, quantities, party, place, dates, law, penalties, judgment, inferred), each a short
//! function, as the case sheet is drawn section by section; `case` only puts them together.

use crate::library::Judgment;
use toml::Spanned;

use crate::library::diag::{Msg, Sink};
use crate::library::model::{
    Basis, Case, Dates, LawLink, LawRole, Party, Penalty, Place, Quantity, VocabKind,
};
use crate::library::reader::{Fields, checked_key};

use super::{Refs, SCHEMA_VERSION, check_id, document, known_term, owned, sources, unknown_ref};

/// Field names an `[inferred]` entry may explain.
pub const INFERABLE_FIELDS: &[&str] = &[
    "sector",
    "violations",
    "data_kinds",
    "records",
    "amount_yuan",
    "authority",
    "party.kind",
    "place.province",
    "place.city",
    "place.district",
    "dates.found",
    "dates.conduct_from",
    "dates.conduct_to",
    "dates.decided",
    "law",
    "penalty",
];

/// Parses one case file whose file stem is `stem`.
pub fn case(sink: &mut Sink, text: &str, stem: &str, refs: &Refs) -> Option<Case> {
    let doc = document(sink, text)?;
    let mut root = Fields::new(doc.get_ref(), doc.span(), "");

    let (schema, id, collection) = header(sink, &mut root, stem, refs);
    let position_span = doc.get_ref().get("position").map(|v| v.span());
    let position = root.opt_u64(sink, "position");
    beyond_published(sink, refs, collection.as_ref(), position, position_span);
    let title = root.req_str(sink, "title");
    let title_en = root.opt_str(sink, "title_en");
    let summary = root.req_str(sink, "summary");
    let summary_en = root.opt_str(sink, "summary_en");
    let summary_parts = summary_parts(sink, &mut root, summary.as_ref());
    let authority = root.opt_str(sink, "authority");
    let sector = root
        .opt_str(sink, "sector")
        .filter(|s| known_term(sink, refs.vocab, VocabKind::Sectors, s));
    let violations = violations(sink, &mut root, refs);
    let data_kinds = root
        .opt_str_list(sink, "data_kinds")
        .map(|list| list.into_iter().map(owned).collect());
    let records = root.opt_u64(sink, "records");
    let amount_yuan = root.opt_u64(sink, "amount_yuan");
    let amount_note = root.opt_str(sink, "amount_note");
    let illegal_gains_yuan = root.opt_u64(sink, "illegal_gains_yuan");
    let illegal_gains_note = root.opt_str(sink, "illegal_gains_note");

    let quantity = quantities(sink, &mut root);

    let party = party(sink, &mut root, refs);
    let place = place(sink, &mut root, refs);
    let dates = dates(sink, &mut root);

    let law = law_links(sink, &mut root, refs);
    let penalty = penalties(sink, &mut root, refs);
    let judgment = judgment(sink, &mut root);

    let source_span = root.span();
    let source = sources(sink, &mut root);
    if source.is_empty() {
        sink.at(
            source_span.start..source_span.start,
            Msg::new(
                "a case needs at least one [[source]]",
                "案例至少需要一个 [[source]]",
            ),
        );
    }

    let (inferred, inferred_spans) = inferred(sink, &mut root);
    root.finish(sink);

    // Lists are built by pushing, which leaves room to spare; a library of 100,000 cases keeps
    // them all, so they are trimmed to size (and lose their capacity field).
    fn trimmed<T>(list: Vec<T>) -> Box<[T]> {
        list.into_boxed_slice()
    }
    let case = Case {
        schema: schema?,
        id: owned(id?),
        collection: owned(collection?),
        position,
        title: owned(title?),
        title_en: title_en.map(owned).map(Box::new),
        summary: owned(summary?).into(),
        summary_en: summary_en.map(owned).map(Box::new),
        summary_parts: trimmed(summary_parts),
        authority: authority.map(|a| a.into_inner().into()),
        sector: sector.map(owned),
        violations: trimmed(violations).into(),
        data_kinds: data_kinds.map(trimmed),
        records,
        amount_yuan,
        amount_note: amount_note.map(owned).map(Box::new),
        illegal_gains_yuan,
        illegal_gains_note: illegal_gains_note.map(owned).map(Box::new),
        quantity: trimmed(quantity),
        party: party?,
        place: place?,
        dates,
        law: trimmed(law).into(),
        penalty: trimmed(penalty).into(),
        judgment: judgment.map(Box::new),
        source: trimmed(source).into(),
        inferred: (!inferred.is_empty()).then(|| Box::new(inferred)),
    };
    for (field, span) in inferred_spans {
        // A field the file gives a wrong value for has its own error: "the case does not set
        // it" would mislead.
        if !field_is_set(&case, &field) && !written(doc.get_ref(), &field) {
            sink.at(
                span,
                Msg::new(
                    format!("[inferred] explains `{field}`, but the case does not set it"),
                    format!("[inferred] 解释了 `{field}`，但案例没有设置它"),
                ),
            );
        }
    }
    Some(case)
}

/// A position past the count its collection announced (`position = 11` in a list of ten) would
/// be cited as a case the publisher never numbered.
fn beyond_published(
    sink: &mut Sink,
    refs: &Refs,
    collection: Option<&Spanned<String>>,
    position: Option<u64>,
    span: Option<std::ops::Range<usize>>,
) {
    let (Some(collection), Some(position)) = (collection, position) else {
        return;
    };
    let id = collection.get_ref().as_str();
    if let Some(Some(announced)) = refs.collections.get(id)
        && position > *announced
    {
        sink.at(
            span.unwrap_or(0..0),
            Msg::new(
                format!(
                    "position {position} is past the {announced} cases collection [{id}] announced"
                ),
                format!("position = {position} 超出案例集 [{id}] 公布的 {announced} 例"),
            ),
        );
    }
}

/// `schema`, `id` (which must match the file's name) and `collection` (which must be known).
fn header(
    sink: &mut Sink,
    root: &mut Fields,
    stem: &str,
    refs: &Refs,
) -> (
    Option<u64>,
    Option<Spanned<String>>,
    Option<Spanned<String>>,
) {
    let schema = root.req_u64(sink, "schema");
    if let Some(version) = schema
        && version != SCHEMA_VERSION
    {
        sink.at(
            root.span().start..root.span().start,
            Msg::new(
                format!(
                    "schema {version} is not supported; this casebook reads schema {SCHEMA_VERSION}"
                ),
                format!("不支持 schema {version}；本 casebook 读取 schema {SCHEMA_VERSION}"),
            ),
        );
    }
    let id = root.req_str(sink, "id");
    if let Some(id) = &id
        && check_id(sink, ("case id", "案例 id"), id)
        && id.get_ref() != stem
    {
        sink.at(
            id.span(),
            Msg::new(
                format!(
                    "id \"{0}\" does not match the file name: the file must be named {0}.toml",
                    id.get_ref()
                ),
                format!(
                    "id \"{0}\" 与文件名不符：文件应命名为 {0}.toml",
                    id.get_ref()
                ),
            ),
        );
    }
    let collection = root.req_str(sink, "collection");
    if let Some(collection) = &collection
        && !refs.collections.contains_key(collection.get_ref().as_str())
    {
        let known = refs.collections.keys().copied();
        unknown_ref(
            sink,
            collection.span(),
            ("collection", "案例集"),
            collection.get_ref(),
            ("collections.toml", "collections.toml"),
            known,
        );
    }
    (schema, id, collection)
}

/// `violations`: required, each a known key (`[]` where no source states one).
fn violations(sink: &mut Sink, root: &mut Fields, refs: &Refs) -> Vec<compact_str::CompactString> {
    let violations_written = root.has("violations");
    match root.opt_str_list(sink, "violations") {
        Some(list) => list
            .into_iter()
            .filter(|v| known_term(sink, refs.vocab, VocabKind::Violations, v))
            .map(owned)
            .collect(),
        None if violations_written => Vec::new(), // wrong type, already reported
        None => {
            // Required so that "no violation stated" is a decision, not an omission.
            let span = root.span();
            let message = Msg::new(
                "missing required field `violations` (write `violations = []` if no source states one)",
                "缺少必填字段 `violations`（来源未载明时写 `violations = []`）",
            );
            sink.at(span.start..span.start, message);
            Vec::new()
        }
    }
}

/// `[[quantity]]`: other counts the source gives, each with its unit and what it counts.
fn quantities(sink: &mut Sink, root: &mut Fields) -> Vec<Quantity> {
    let mut quantity = Vec::new();
    for mut fields in root.tables(sink, "quantity") {
        let value = fields.req_u64(sink, "value");
        let unit = fields.req_str(sink, "unit");
        let what = fields.req_str(sink, "what");
        let what_en = fields.opt_str(sink, "what_en");
        fields.finish(sink);
        if let (Some(value), Some(unit), Some(what)) = (value, unit, what) {
            quantity.push(Quantity {
                value,
                unit: owned(unit),
                what: owned(what),
                what_en: what_en.map(owned),
            });
        }
    }
    quantity
}

/// `[party]`: the name and a known kind.
fn party(sink: &mut Sink, root: &mut Fields, refs: &Refs) -> Option<Party> {
    root.req_table(sink, "party").and_then(|mut fields| {
        let name = fields.req_str(sink, "name");
        let kind = fields
            .req_str(sink, "kind")
            .filter(|k| known_term(sink, refs.vocab, VocabKind::PartyKinds, k));
        fields.finish(sink);
        Some(Party {
            name: owned(name?),
            kind: owned(kind?),
        })
    })
}

/// `[place]`: a known province, and the city and district where given.
fn place(sink: &mut Sink, root: &mut Fields, refs: &Refs) -> Option<Place> {
    root.req_table(sink, "place").and_then(|mut fields| {
        let province = fields
            .req_str(sink, "province")
            .filter(|p| known_term(sink, refs.vocab, VocabKind::Provinces, p));
        let city = fields.opt_str(sink, "city");
        let district = fields.opt_str(sink, "district");
        fields.finish(sink);
        Some(Place {
            province: owned(province?),
            city: city.map(owned),
            district: district.map(owned).map(Box::new),
        })
    })
}

/// `[dates]`: when found, the conduct's span (its end not before its start), the decision.
fn dates(sink: &mut Sink, root: &mut Fields) -> Dates {
    match root.opt_table(sink, "dates") {
        None => Dates::default(),
        Some(mut fields) => {
            let found = fields.opt_date(sink, "found");
            let conduct_from = fields.opt_date(sink, "conduct_from");
            let conduct_to = fields.opt_date(sink, "conduct_to");
            let decided = fields.opt_date(sink, "decided");
            fields.finish(sink);
            if let (Some(from), Some(to)) = (&conduct_from, &conduct_to)
                && to.get_ref().certainly_before(from.get_ref())
            {
                sink.at(
                    to.span(),
                    Msg::new(
                        format!(
                            "conduct_to {} is before conduct_from {}",
                            to.get_ref(),
                            from.get_ref()
                        ),
                        format!(
                            "conduct_to {} 早于 conduct_from {}",
                            to.get_ref(),
                            from.get_ref()
                        ),
                    ),
                );
            }
            Dates {
                found: found.map(Spanned::into_inner),
                conduct_from: conduct_from.map(Spanned::into_inner),
                conduct_to: conduct_to.map(Spanned::into_inner),
                decided: decided.map(Spanned::into_inner),
            }
        }
    }
}

/// `[[law]]`: each a known provision, with its role and whether the source states it.
fn law_links(sink: &mut Sink, root: &mut Fields, refs: &Refs) -> Vec<LawLink> {
    let mut law = Vec::new();
    for mut fields in root.tables(sink, "law") {
        let statute = fields.req_str(sink, "statute");
        let role = fields.req_str(sink, "role").and_then(|r| {
            let role = match r.get_ref().as_str() {
                "violated" => LawRole::Violated,
                "penalty" => LawRole::Penalty,
                "transfer" => LawRole::Transfer,
                other => {
                    sink.at(
                        r.span(),
                        Msg::new(
                            format!(
                                "role must be violated, penalty or transfer, found \"{other}\""
                            ),
                            format!("role 应为 violated、penalty 或 transfer，实为 \"{other}\""),
                        ),
                    );
                    return None;
                }
            };
            Some(role)
        });
        let basis = fields.req_str(sink, "basis").and_then(|b| {
            let basis = match b.get_ref().as_str() {
                "stated" => Basis::Stated,
                "governing" => Basis::Governing,
                other => {
                    sink.at(
                        b.span(),
                        Msg::new(
                            format!("basis must be stated or governing, found \"{other}\""),
                            format!("basis 应为 stated 或 governing，实为 \"{other}\""),
                        ),
                    );
                    return None;
                }
            };
            Some(basis)
        });
        fields.finish(sink);
        let statute = statute.filter(|s| {
            let known = refs.statutes.contains(s.get_ref().as_str());
            if !known {
                let ids = refs.statutes.iter().copied();
                let home = ("statutes.toml", "statutes.toml");
                unknown_ref(sink, s.span(), ("statute", "规定"), s.get_ref(), home, ids);
            }
            known
        });
        if let (Some(statute), Some(role), Some(basis)) = (statute, role, basis) {
            law.push(LawLink {
                statute: owned(statute),
                role,
                basis,
            });
        }
    }
    law
}

/// `[[penalty]]`: each of a known kind, with its amount and notes.
fn penalties(sink: &mut Sink, root: &mut Fields, refs: &Refs) -> Vec<Penalty> {
    let mut penalty = Vec::new();
    for mut fields in root.tables(sink, "penalty") {
        let kind = fields
            .req_str(sink, "kind")
            .filter(|k| known_term(sink, refs.vocab, VocabKind::Penalties, k));
        let amount_yuan = fields.opt_u64(sink, "amount_yuan");
        let note = fields.opt_str(sink, "note");
        let proposed = fields.opt_bool(sink, "proposed").unwrap_or(false);
        let combined = fields.opt_str(sink, "combined");
        fields.finish(sink);
        if let Some(kind) = kind {
            penalty.push(Penalty {
                kind: owned(kind),
                amount_yuan,
                note: note.map(owned),
                proposed,
                combined: combined.map(owned),
            });
        }
    }
    penalty
}

/// `[judgment]`: a court's, with its case number.
fn judgment(sink: &mut Sink, root: &mut Fields) -> Option<Judgment> {
    root.opt_table(sink, "judgment").and_then(|mut fields| {
        let court = fields.req_str(sink, "court");
        let case_number = fields.req_str(sink, "case_number");
        let claimant = fields.opt_str(sink, "claimant");
        let prison_months = fields.opt_u64(sink, "prison_months");
        let probation_months = fields.opt_u64(sink, "probation_months");
        let remedies = fields.opt_str_list(sink, "remedies").unwrap_or_default();
        fields.finish(sink);
        Some(Judgment {
            court: owned(court?),
            case_number: owned(case_number?),
            claimant: claimant.map(owned),
            prison_months,
            probation_months,
            remedies: remedies.into_iter().map(owned).collect(),
        })
    })
}

/// `[inferred]`: why a field is the library's reading, for the fields that may be explained;
/// with where each was written, to check afterwards that the case sets the field.
#[allow(clippy::type_complexity)]
fn inferred(
    sink: &mut Sink,
    root: &mut Fields,
) -> (
    std::collections::BTreeMap<String, String>,
    Vec<(String, std::ops::Range<usize>)>,
) {
    let mut inferred = std::collections::BTreeMap::new();
    let mut inferred_spans = Vec::new();
    if let Some(mut fields) = root.opt_table(sink, "inferred") {
        for (key, value) in fields.entries() {
            let Some(field) = checked_key(sink, &key) else {
                continue;
            };
            if !INFERABLE_FIELDS.contains(&field.as_str()) {
                let known = INFERABLE_FIELDS.iter().copied();
                unknown_ref(
                    sink,
                    key.span(),
                    ("field", "字段"),
                    &field,
                    (
                        "the fields [inferred] can explain",
                        "[inferred] 可解释的字段",
                    ),
                    known,
                );
                continue;
            }
            match value.get_ref().as_str() {
                Some(why) => {
                    let what =
                        || Msg::new(format!("[inferred] {field}"), format!("[inferred] {field}"));
                    if let Some(why) =
                        crate::library::reader::checked_text(sink, what, why, value.span())
                    {
                        inferred_spans.push((field.clone(), key.span()));
                        inferred.insert(field, why.into_inner());
                    }
                }
                None => sink.at(
                    value.span(),
                    Msg::new(
                        format!("[inferred] {field} must be a string giving the reason"),
                        format!("[inferred] {field} 应为说明理由的字符串"),
                    ),
                ),
            }
        }
    }
    (inferred, inferred_spans)
}

/// Whether the file writes `field` (`sector`, `dates.found`) at all, valid or not.
fn written(doc: &toml::de::DeTable, field: &str) -> bool {
    let mut table = doc;
    let mut parts = field.split('.').peekable();
    while let Some(part) = parts.next() {
        let Some(value) = table.get(part) else {
            return false;
        };
        if parts.peek().is_none() {
            return true;
        }
        match value.get_ref().as_table() {
            Some(inner) => table = inner,
            None => return false,
        }
    }
    false
}

/// Whether a case gives a value for one of the [`INFERABLE_FIELDS`].
fn field_is_set(case: &Case, field: &str) -> bool {
    match field {
        "sector" => case.sector.is_some(),
        "violations" => !case.violations.is_empty(),
        "data_kinds" => case.data_kinds.is_some(),
        "records" => case.records.is_some(),
        "amount_yuan" => case.amount_yuan.is_some(),
        "authority" => case.authority.is_some(),
        "place.city" => case.place.city.is_some(),
        "place.district" => case.place.district.is_some(),
        "dates.found" => case.dates.found.is_some(),
        "dates.conduct_from" => case.dates.conduct_from.is_some(),
        "dates.conduct_to" => case.dates.conduct_to.is_some(),
        "dates.decided" => case.dates.decided.is_some(),
        "law" => !case.law.is_empty(),
        "penalty" => !case.penalty.is_empty(),
        // party.kind and place.province are required, so always set.
        _ => true,
    }
}

/// `summary_parts`: one known kind per paragraph of the summary (paragraphs are separated by a
/// blank line), so that exercises can show the findings and never the allegation.
fn summary_parts(
    sink: &mut Sink,
    root: &mut Fields,
    summary: Option<&Spanned<String>>,
) -> Vec<crate::library::SummaryPart> {
    let Some(list) = root.opt_str_list(sink, "summary_parts") else {
        return Vec::new();
    };
    let mut parts = Vec::new();
    for item in &list {
        match crate::library::SummaryPart::ALL
            .iter()
            .find(|(key, _)| *key == item.get_ref().as_str())
        {
            Some((_, part)) => parts.push(*part),
            None => {
                sink.at(
                    item.span(),
                    Msg::new(
                        format!(
                            "unknown summary part \"{}\" (parts: allegation, findings, decision, note)",
                            item.get_ref()
                        ),
                        format!(
                            "未知的概述段落种类 \"{}\"（可用：allegation、findings、decision、note）",
                            item.get_ref()
                        ),
                    ),
                );
                return Vec::new();
            }
        }
    }
    if let Some(summary) = summary {
        let paragraphs = crate::library::paragraphs(summary.get_ref()).count();
        if paragraphs != parts.len() {
            let span = list.first().map_or(summary.span(), |first| first.span());
            sink.at(
                span,
                Msg::new(
                    format!(
                        "summary_parts names {} parts, but the summary has {paragraphs} paragraphs",
                        parts.len()
                    ),
                    format!(
                        "summary_parts 列出 {} 段，而概述有 {paragraphs} 段",
                        parts.len()
                    ),
                ),
            );
            return Vec::new();
        }
    }
    parts
}
