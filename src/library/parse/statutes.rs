//! `statutes.toml`: the provisions of law with their texts, penalty ranges, thresholds and
//! successors.

use toml::Spanned;

use crate::library::diag::{Msg, Sink};
use crate::library::model::{
    Era, Forbids, PenaltyRange, Statute, ThresholdTier, Thresholds, Vocab, VocabKind,
};
use crate::library::reader::Fields;

use super::{Named, check_id, document, known_term, nearest};

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
        let version = fields.req_date(sink, "version");
        let in_force = fields.opt_date(sink, "in_force");
        let era = fields
            .req_str(sink, "era")
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
        let heading_en = fields.req_str(sink, "heading_en");
        let text = fields.req_str(sink, "text");
        let text_note = fields.opt_str(sink, "text_note");
        let text_note_zh = fields.opt_str(sink, "text_note_zh");
        let summary_en = fields.req_str(sink, "summary_en");
        let penalty = fields
            .opt_table(sink, "penalty")
            .map(|table| penalty_range(sink, table, vocab));
        // Checked against every statute once all are known (see `successors`).
        let successors = fields.opt_str_list(sink, "successors").unwrap_or_default();
        let thresholds = fields
            .opt_table(sink, "thresholds")
            .map(|table| thresholds(sink, table));
        let forbids: Vec<Forbids> = fields
            .tables(sink, "forbids")
            .into_iter()
            .filter_map(|table| forbids(sink, table, vocab, text.as_ref().map(|t| t.get_ref())))
            .collect();
        fields.finish(sink);

        if let Some(id) = &id
            && !check_id(sink, ("statute id", "规定 id"), id)
        {
            continue;
        }
        let (Some(id), Some(law), Some(law_en), Some(version), Some(era)) =
            (id, law, law_en, version, era)
        else {
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
                version: version.into_inner(),
                in_force: in_force.map(Spanned::into_inner),
                era,
                article: article.into_inner(),
                heading_en: heading_en.into_inner(),
                text: text.into_inner(),
                text_note: text_note.map(Spanned::into_inner),
                text_note_zh: text_note_zh.map(Spanned::into_inner),
                summary_en: summary_en.into_inner(),
                penalty,
                successors: successors.into_iter().map(Spanned::into_inner).collect(),
                thresholds,
                forbids,
            },
            id_span,
        ));
    }
    root.finish(sink);
    out
}

/// Checks each statute's `successors` in one statutes file, once every statute is known: each must
/// name a provision of later law, and only a 2019 provision has successors.
pub fn successors(sink: &mut Sink, text: &str, statutes: &[Statute]) {
    let Some(doc) = document(sink, text) else {
        return;
    };
    let Some(list) = doc
        .get_ref()
        .get("statute")
        .and_then(|v| v.get_ref().as_array())
    else {
        return;
    };
    let era_of = |id: &str| statutes.iter().find(|s| s.id == id).map(|s| s.era);
    for table in list.iter() {
        let Some(table) = table.get_ref().as_table() else {
            continue;
        };
        let Some(items) = table.get("successors").and_then(|v| v.get_ref().as_array()) else {
            continue;
        };
        let own = table
            .get("id")
            .and_then(|v| v.get_ref().as_str())
            .and_then(era_of);
        for item in items.iter() {
            let Some(id) = item.get_ref().as_str() else {
                continue; // a wrong type is reported where the statute is read
            };
            let message = match era_of(id) {
                None => {
                    let known = statutes.iter().map(|s| s.id.as_str());
                    let near = nearest(id, known);
                    let hint = near
                        .map(|near| format!(" (did you mean \"{near}\"?)"))
                        .unwrap_or_default();
                    let hint_zh = near
                        .map(|near| format!("（是不是 \"{near}\"？）"))
                        .unwrap_or_default();
                    Msg::new(
                        format!("successors names unknown statute \"{id}\"{hint}"),
                        format!("successors 指向未知的规定 \"{id}\"{hint_zh}"),
                    )
                }
                Some(Era::Y2019) => Msg::new(
                    format!("successors must be later law, but \"{id}\" has era \"2019\""),
                    format!("successors 应为后来的法律，但 \"{id}\" 的 era 是 \"2019\""),
                ),
                Some(Era::Later) if own == Some(Era::Later) => Msg::new(
                    "only a 2019 provision has successors",
                    "只有 2019 年的规定才有 successors",
                ),
                Some(Era::Later) => continue,
            };
            sink.at(item.span(), message);
        }
    }
}

fn thresholds(sink: &mut Sink, mut fields: Fields) -> Thresholds {
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
    };
    fields.finish(sink);
    thresholds
}

fn penalty_range(sink: &mut Sink, mut fields: Fields, vocab: &Vocab) -> PenaltyRange {
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
    };
    fields.finish(sink);
    range
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
    })
}
