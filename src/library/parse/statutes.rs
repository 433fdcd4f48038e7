//! `statutes.toml`: the provisions of law with their texts, in-force dates, penalty ranges and
//! thresholds, and the relations between provisions (`[[relation]]`).
//!
//! Why one file of over 500 lines: it reads one file kind, `statutes.toml`, table by table
//! (statute, penalty, thresholds, forbids, lightens, relations), each a short function; they share
//! the quoting check that ties every quoted word to its provision's text.

use toml::Spanned;

use crate::library::diag::{Msg, Sink};
use crate::library::model::{Vocab, VocabKind};
use crate::library::provision::{
    Ceased, Era, Forbids, Lightens, PenaltyRange, Relation, RelationKind, Statute, ThresholdTier,
    Thresholds,
};
use crate::library::reader::Fields;

use super::{Named, check_id, document, known_term, unknown_ref};

pub fn statutes(sink: &mut Sink, text: &str, vocab: &Vocab) -> Vec<Named<Statute>> {
    let Some(doc) = document(sink, text) else {
        return Vec::new();
    };
    let mut root = Fields::new(doc.get_ref(), doc.span(), "");
    let mut out = Vec::new();
    for mut fields in root.tables(sink, "statute") {
        let id = fields.req_str(sink, "id");
        let law = fields.req_str(sink, "law");
        let law_en = fields.req_str(sink, "law_en");
        let short = fields.opt_str(sink, "short");
        let short_en = fields.opt_str(sink, "short_en");
        let version = fields.req_date(sink, "version");
        let in_force = fields.opt_date(sink, "in_force");
        let ceased = fields.opt_date(sink, "ceased");
        let ceased_how =
            fields
                .opt_str(sink, "ceased_how")
                .and_then(|how| match how.get_ref().as_str() {
                    "repealed" => Some(Ceased::Repealed),
                    "amended" => Some(Ceased::Amended),
                    other => {
                        sink.at(
                        how.span(),
                        Msg::new(
                            format!(
                                "ceased_how must be \"repealed\" or \"amended\", found \"{other}\""
                            ),
                            format!(
                                "ceased_how 应为 \"repealed\" 或 \"amended\"，实为 \"{other}\""
                            ),
                        ),
                    );
                        None
                    }
                });
        if ceased.is_some() != ceased_how.is_some() {
            sink.at(
                fields.span(),
                Msg::new(
                    "`ceased` and `ceased_how` go together: the day a text stopped being in force, and how",
                    "`ceased` 与 `ceased_how` 须同时给出：条文失效之日及失效方式",
                ),
            );
        }
        if let (Some(from), Some(to)) = (&in_force, &ceased)
            && !from.get_ref().certainly_before(to.get_ref())
        {
            sink.at(
                to.span(),
                Msg::new("ceased must be after in_force", "ceased 应晚于 in_force"),
            );
        }
        let verified_until = fields.opt_date(sink, "verified_until");
        let status_note = fields.opt_str(sink, "status_note");
        let status_note_zh = fields.opt_str(sink, "status_note_zh");
        let era = fields
            .opt_str(sink, "era")
            .and_then(|era| match era.get_ref().as_str() {
                "2019" => Some(Era::Y2019),
                "later" => Some(Era::Later),
                other => {
                    sink.at(
                        era.span(),
                        Msg::new(
                            format!("era must be \"2019\" or \"later\", found \"{other}\""),
                            format!("era 应为 \"2019\" 或 \"later\"，实为 \"{other}\""),
                        ),
                    );
                    None
                }
            });
        let article = fields.req_str(sink, "article");
        let heading = fields.opt_str(sink, "heading");
        let heading_en = fields.req_str(sink, "heading_en");
        let text = fields.req_str(sink, "text");
        let text_note = fields.opt_str(sink, "text_note");
        let text_note_zh = fields.opt_str(sink, "text_note_zh");
        let summary_en = fields.req_str(sink, "summary_en");
        let penalty = fields
            .opt_table(sink, "penalty")
            .map(|table| penalty_range(sink, table, vocab, text.as_ref().map(|t| t.get_ref())));
        // Read again once every statute is known, as relations (see `relations`).
        let _ = fields.opt_str_list(sink, "successors");
        let thresholds = fields
            .opt_table(sink, "thresholds")
            .map(|table| thresholds(sink, table, vocab, text.as_ref().map(|t| t.get_ref())));
        let forbids: Vec<Forbids> = fields
            .tables(sink, "forbids")
            .into_iter()
            .filter_map(|table| forbids(sink, table, vocab, text.as_ref().map(|t| t.get_ref())))
            .collect();
        let lightens: Vec<Lightens> = fields
            .tables(sink, "lightens")
            .into_iter()
            .filter_map(|table| lightens(sink, table, text.as_ref().map(|t| t.get_ref())))
            .collect();
        fields.finish(sink);

        if let Some(id) = &id
            && !check_id(sink, ("statute id", "规定 id"), id)
        {
            continue;
        }
        let (Some(id), Some(law), Some(law_en), Some(version)) = (id, law, law_en, version) else {
            continue;
        };
        let (Some(article), Some(heading_en), Some(text), Some(summary_en)) =
            (article, heading_en, text, summary_en)
        else {
            continue;
        };
        let id_span = id.span();
        out.push((
            Statute {
                id: id.into_inner(),
                law: law.into_inner(),
                law_en: law_en.into_inner(),
                short: short.map(Spanned::into_inner),
                short_en: short_en.map(Spanned::into_inner),
                version: version.into_inner(),
                in_force: in_force.map(Spanned::into_inner),
                ceased: ceased.map(Spanned::into_inner),
                ceased_how,
                verified_until: verified_until.map(Spanned::into_inner),
                status_note: status_note.map(Spanned::into_inner),
                status_note_zh: status_note_zh.map(Spanned::into_inner),
                era,
                article: article.into_inner(),
                heading: heading.map(Spanned::into_inner),
                heading_en: heading_en.into_inner(),
                text: text.into_inner(),
                text_note: text_note.map(Spanned::into_inner),
                text_note_zh: text_note_zh.map(Spanned::into_inner),
                summary_en: summary_en.into_inner(),
                penalty,
                thresholds,
                forbids,
                lightens,
            },
            id_span,
        ));
    }
    // Read in full once every statute is known (see `relations`).
    let _ = root.tables(sink, "relation");
    root.finish(sink);
    out
}

/// The relations one statutes file states, read once every statute is known: `[[relation]]`
/// tables, and an older file's `successors` lists as relations of kind `related`. Each id must
/// name a known provision; each kind must be one of [`RelationKind::ALL`].
pub fn relations(sink: &mut Sink, text: &str, statutes: &[Statute]) -> Vec<Relation> {
    let Some(doc) = document(sink, text) else {
        return Vec::new();
    };
    let known = |id: &str| statutes.iter().any(|s| s.id == id);
    // An unknown id is reported as a case file's is: the same words, the nearest id.
    let unknown = |sink: &mut Sink, span: std::ops::Range<usize>, id: &str| {
        let ids = statutes.iter().map(|s| s.id.as_str());
        let home = ("statutes.toml", "statutes.toml");
        unknown_ref(sink, span, ("statute", "规定"), id, home, ids);
    };
    let mut out = Vec::new();
    let root = doc.get_ref();
    for table in root
        .get("statute")
        .and_then(|v| v.get_ref().as_array())
        .into_iter()
        .flat_map(|list| list.iter())
    {
        let Some(table) = table.get_ref().as_table() else {
            continue;
        };
        let Some(own) = table.get("id").and_then(|v| v.get_ref().as_str()) else {
            continue;
        };
        // The provision on transferring suspected crimes, named by the thresholds.
        if let Some(transfer) = table
            .get("thresholds")
            .and_then(|t| t.get_ref().as_table())
            .and_then(|t| t.get("transfer"))
            && let Some(id) = transfer.get_ref().as_str()
            && !known(id)
        {
            unknown(sink, transfer.span(), id);
        }
        let Some(items) = table.get("successors").and_then(|v| v.get_ref().as_array()) else {
            continue;
        };
        for item in items.iter() {
            let Some(id) = item.get_ref().as_str() else {
                continue; // a wrong type is reported where the statute is read
            };
            if !known(id) {
                unknown(sink, item.span(), id);
                continue;
            }
            out.push(Relation {
                from: own.to_string(),
                to: id.to_string(),
                kind: RelationKind::Related,
                reason: "由本条文文件的 successors 列出，未说明关系的种类".to_string(),
                reason_en: Some(
                    "Listed under successors in this statutes file; the kind of relation is not stated"
                        .to_string(),
                ),
                stated: false,
            });
        }
    }
    let mut fields = Fields::new(root, doc.span(), "");
    for mut relation in fields.tables(sink, "relation") {
        let from = relation.req_str(sink, "from");
        let to = relation.req_str(sink, "to");
        let kind = relation.req_str(sink, "kind");
        let reason = relation.req_str(sink, "reason");
        let reason_en = relation.opt_str(sink, "reason_en");
        let basis = relation.req_str(sink, "basis");
        let span = relation.span();
        relation.finish(sink);
        let mut ok = true;
        for id in [&from, &to] {
            if let Some(id) = id
                && !known(id.get_ref())
            {
                unknown(sink, id.span(), id.get_ref());
                ok = false;
            }
        }
        let kind = kind.and_then(|kind| {
            let found = RelationKind::ALL
                .into_iter()
                .find(|k| k.key() == kind.get_ref().as_str() && *k != RelationKind::Related);
            if found.is_none() {
                let keys: Vec<&str> = RelationKind::ALL
                    .iter()
                    .filter(|k| **k != RelationKind::Related)
                    .map(|k| k.key())
                    .collect();
                sink.at(
                    kind.span(),
                    Msg::new(
                        format!(
                            "unknown relation kind \"{}\" (kinds: {})",
                            kind.get_ref(),
                            keys.join(", ")
                        ),
                        format!(
                            "未知的关系种类 \"{}\"（可用：{}）",
                            kind.get_ref(),
                            keys.join("、")
                        ),
                    ),
                );
            }
            found
        });
        let stated = basis.and_then(|basis| match basis.get_ref().as_str() {
            "text" => Some(true),
            "reading" => Some(false),
            other => {
                sink.at(
                    basis.span(),
                    Msg::new(
                        format!("basis must be \"text\" or \"reading\", found \"{other}\""),
                        format!("basis 应为 \"text\" 或 \"reading\"，实为 \"{other}\""),
                    ),
                );
                None
            }
        });
        if let (Some(from), Some(to)) = (&from, &to)
            && from.get_ref() == to.get_ref()
        {
            sink.at(
                span.clone(),
                Msg::new(
                    "a relation joins two different provisions",
                    "关系须连接两条不同的规定",
                ),
            );
            ok = false;
        }
        let (Some(from), Some(to), Some(kind), Some(reason), Some(stated)) =
            (from, to, kind, reason, stated)
        else {
            continue;
        };
        if ok {
            out.push(Relation {
                from: from.into_inner(),
                to: to.into_inner(),
                kind,
                reason: reason.into_inner(),
                reason_en: reason_en.map(Spanned::into_inner),
                stated,
            });
        }
    }
    out
}

fn thresholds(
    sink: &mut Sink,
    mut fields: Fields,
    vocab: &Vocab,
    text: Option<&String>,
) -> Thresholds {
    let tiers = fields
        .tables(sink, "tier")
        .into_iter()
        .filter_map(|mut tier| {
            let span = tier.span();
            let item = tier.req_str(sink, "item");
            let records = tier.opt_u64(sink, "records");
            let kinds = tier.opt_str_list(sink, "kinds").unwrap_or_default();
            let gains_yuan = tier.opt_u64(sink, "gains_yuan");
            let what = tier.opt_str(sink, "what");
            tier.finish(sink);
            if records.is_some() == gains_yuan.is_some() {
                sink.at(
                    span,
                    Msg::new(
                        "a threshold tier sets `records` or `gains_yuan`, one of them",
                        "门槛层级只设 `records` 或 `gains_yuan` 其中之一",
                    ),
                );
                return None;
            }
            Some(ThresholdTier {
                item: item?.into_inner(),
                records,
                kinds: kinds.into_iter().map(Spanned::into_inner).collect(),
                gains_yuan,
                what: what.map(Spanned::into_inner),
            })
        })
        .collect();
    let thresholds = Thresholds {
        tiers,
        duty_divisor: fields.opt_u64(sink, "duty_divisor"),
        especially_serious_multiple: fields.opt_u64(sink, "especially_serious_multiple"),
        duty_item: fields.opt_str(sink, "duty_item").map(Spanned::into_inner),
        especially_serious_item: fields
            .opt_str(sink, "especially_serious_item")
            .map(Spanned::into_inner),
        acts: quoted(sink, &mut fields, "acts", text),
        transfer: fields.opt_str(sink, "transfer").map(Spanned::into_inner),
        violations: fields
            .opt_str_list(sink, "violations")
            .unwrap_or_default()
            .into_iter()
            .filter(|v| known_term(sink, vocab, VocabKind::Violations, v))
            .map(Spanned::into_inner)
            .collect(),
    };
    fields.finish(sink);
    thresholds
}

/// An optional field whose words must be quoted exactly from the provision's text.
fn quoted(
    sink: &mut Sink,
    fields: &mut Fields,
    key: &'static str,
    text: Option<&String>,
) -> Option<String> {
    let value = fields.opt_str(sink, key)?;
    if let Some(text) = text
        && !text.contains(value.get_ref().as_str())
    {
        sink.at(
            value.span(),
            Msg::new(
                format!("{key} must be quoted exactly from the provision's text"),
                format!("{key} 必须一字不差地引自条文"),
            ),
        );
        return None;
    }
    Some(value.into_inner())
}

fn penalty_range(
    sink: &mut Sink,
    mut fields: Fields,
    vocab: &Vocab,
    text: Option<&String>,
) -> PenaltyRange {
    let pair = |sink: &mut Sink, fields: &mut Fields, key: &'static str| {
        let span = fields.span();
        let list = fields.opt_u64_list(sink, key)?;
        if list.len() != 2 || list[0] > list[1] {
            let message = Msg::new(
                format!("`{key}` must be [low, high] with low ≤ high"),
                format!("`{key}` 应为 [下限, 上限]，且下限 ≤ 上限"),
            );
            sink.at(span, message);
            return None;
        }
        Some(list)
    };
    let gains_multiple = pair(sink, &mut fields, "gains_multiple");
    let individual_fine_yuan = pair(sink, &mut fields, "individual_fine_yuan");
    let serious_individual_fine_yuan = pair(sink, &mut fields, "serious_individual_fine_yuan");
    let measures = fields
        .opt_str_list(sink, "measures")
        .unwrap_or_default()
        .into_iter()
        .filter(|m| known_term(sink, vocab, VocabKind::Penalties, m))
        .map(Spanned::into_inner)
        .collect();
    let range = PenaltyRange {
        fine_max_yuan: fields.opt_u64(sink, "fine_max_yuan"),
        gains_multiple,
        prison_max_years: fields.opt_u64(sink, "prison_max_years"),
        measures,
        individual_fine_yuan,
        serious_fine_max_yuan: fields.opt_u64(sink, "serious_fine_max_yuan"),
        serious_turnover_percent: fields.opt_u64(sink, "serious_turnover_percent"),
        serious_individual_fine_yuan,
        words: fields.opt_str(sink, "words").map(Spanned::into_inner),
        note: fields.opt_str(sink, "note").map(Spanned::into_inner),
        note_zh: fields.opt_str(sink, "note_zh").map(Spanned::into_inner),
        fine_condition: None,
        fine_condition_en: fields
            .opt_str(sink, "fine_condition_en")
            .map(Spanned::into_inner),
        applies_item: fields
            .opt_str(sink, "applies_item")
            .map(Spanned::into_inner),
    };
    // The condition is quoted from the text, like `forbids.words`, so it cannot drift from it.
    let condition = fields.opt_str(sink, "fine_condition");
    let range = match (condition, text) {
        (Some(condition), Some(text)) if !text.contains(condition.get_ref().as_str()) => {
            sink.at(
                condition.span(),
                Msg::new(
                    "penalty.fine_condition must be quoted exactly from the provision's text",
                    "penalty.fine_condition 必须一字不差地引自条文",
                ),
            );
            range
        }
        (condition, _) => PenaltyRange {
            fine_condition: condition.map(Spanned::into_inner),
            ..range
        },
    };
    fields.finish(sink);
    range
}

/// One `[[statute.lightens]]` entry: an effect and its conditions (`all` or `any`, one of
/// them), every one quoted exactly from the provision's text.
fn lightens(sink: &mut Sink, mut fields: Fields, text: Option<&String>) -> Option<Lightens> {
    let span = fields.span();
    let effect = quoted(sink, &mut fields, "effect", text);
    let list = |sink: &mut Sink, fields: &mut Fields, key: &'static str| -> Option<Vec<String>> {
        let words = fields.opt_str_list(sink, key)?;
        let mut out = Vec::new();
        for word in words {
            if let Some(text) = text
                && !text.contains(word.get_ref().as_str())
            {
                sink.at(
                    word.span(),
                    Msg::new(
                        format!("lightens.{key} must be quoted exactly from the provision's text"),
                        format!("lightens.{key} 必须一字不差地引自条文"),
                    ),
                );
                continue;
            }
            out.push(word.into_inner());
        }
        Some(out)
    };
    let all = list(sink, &mut fields, "all");
    let any = list(sink, &mut fields, "any");
    fields.finish(sink);
    let (conditions, any) = match (all, any) {
        (Some(c), None) => (c, false),
        (None, Some(c)) => (c, true),
        _ => {
            sink.at(
                span,
                Msg::new(
                    "a [[statute.lightens]] entry lists its conditions as `all` or as `any`, one of them",
                    "[[statute.lightens]] 只能用 `all` 或 `any` 之一列出条件",
                ),
            );
            return None;
        }
    };
    Some(Lightens {
        effect: effect?,
        conditions,
        any,
    })
}

/// One `[[statute.forbids]]` entry: its violation must be a known key, and its words must be
/// quoted from the provision's text (so training highlights what the law says, not a paraphrase).
fn forbids(
    sink: &mut Sink,
    mut fields: Fields,
    vocab: &Vocab,
    text: Option<&String>,
) -> Option<Forbids> {
    let item = fields.req_str(sink, "item");
    let violation = fields
        .req_str(sink, "violation")
        .filter(|v| known_term(sink, vocab, VocabKind::Violations, v));
    let words = fields.req_str(sink, "words");
    let who = quoted(sink, &mut fields, "who", text);
    fields.finish(sink);
    let words = words?;
    if let Some(text) = text
        && !text.contains(words.get_ref().as_str())
    {
        sink.at(
            words.span(),
            Msg::new(
                "forbids.words must be quoted exactly from the provision's text",
                "forbids.words 必须一字不差地引自条文",
            ),
        );
        return None;
    }
    Some(Forbids {
        item: item?.into_inner(),
        violation: violation?.into_inner(),
        words: words.into_inner(),
        who,
    })
}
