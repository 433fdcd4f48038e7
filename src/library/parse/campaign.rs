//! `campaign.toml`: the national figures of the 2019 campaign, with their sources.

use toml::Spanned;

use crate::library::diag::{Msg, Sink};
use crate::library::model::{Breakdown, Campaign, Figure, Vocab, VocabKind};
use crate::library::reader::Fields;

use super::{document, known_term, sources};

pub fn campaign(sink: &mut Sink, text: &str, vocab: &Vocab) -> Option<Campaign> {
    let doc = document(sink, text)?;
    let mut root = Fields::new(doc.get_ref(), doc.span(), "");
    let name = root.req_str(sink, "name");
    let name_en = root.req_str(sink, "name_en");
    let organiser = root.req_str(sink, "organiser");
    let collection = root.opt_str(sink, "collection");
    let notice = root.opt_date(sink, "notice");
    let notice_note = root.opt_str(sink, "notice_note");
    let period_from = root.req_date(sink, "period_from");
    let period_to = root.req_date(sink, "period_to");
    let announced = root.opt_date(sink, "announced");
    let mut figures = Vec::new();
    for mut fields in root.tables(sink, "figure") {
        let figure = (|| {
            Some(Figure {
                key: fields.req_str(sink, "key")?.into_inner(),
                zh: fields.req_str(sink, "zh")?.into_inner(),
                en: fields.req_str(sink, "en")?.into_inner(),
                value: fields.req_u64(sink, "value")?,
                unit: fields.req_str(sink, "unit")?.into_inner(),
            })
        })();
        fields.finish(sink);
        figures.extend(figure);
    }
    let mut breakdowns = Vec::new();
    for mut fields in root.tables(sink, "breakdown") {
        let dimension = fields.req_str(sink, "dimension");
        let vocab_kind = dimension.as_ref().and_then(|d| match d.get_ref().as_str() {
            "sector" => Some(VocabKind::Sectors),
            "violation" => Some(VocabKind::Violations),
            "province" => Some(VocabKind::Provinces),
            other => {
                let message = Msg::new(
                    format!("dimension must be sector, violation or province, found \"{other}\""),
                    format!("dimension 应为 sector、violation 或 province，实为 \"{other}\""),
                );
                sink.at(d.span(), message);
                None
            }
        });
        let key = fields.opt_str(sink, "key");
        if let (Some(kind), Some(key)) = (vocab_kind, &key) {
            known_term(sink, vocab, kind, key);
        }
        let zh = fields.req_str(sink, "zh");
        let en = fields.req_str(sink, "en");
        let cases = fields.opt_u64(sink, "cases");
        let records = fields.opt_u64(sink, "records");
        let amount_yuan = fields.opt_u64(sink, "amount_yuan");
        let share_cases = fields.opt_str(sink, "share_cases");
        let share_records = fields.opt_str(sink, "share_records");
        let share_amount = fields.opt_str(sink, "share_amount");
        fields.finish(sink);
        if let (Some(dimension), Some(zh), Some(en)) = (dimension, zh, en) {
            breakdowns.push(Breakdown {
                dimension: dimension.into_inner(),
                key: key.map(Spanned::into_inner),
                zh: zh.into_inner(),
                en: en.into_inner(),
                cases,
                records,
                amount_yuan,
                share_cases: share_cases.map(Spanned::into_inner),
                share_records: share_records.map(Spanned::into_inner),
                share_amount: share_amount.map(Spanned::into_inner),
            });
        }
    }
    let sources = sources(sink, &mut root);
    root.finish(sink);
    Some(Campaign {
        name: name?.into_inner(),
        name_en: name_en?.into_inner(),
        organiser: organiser?.into_inner(),
        collection: collection.map(Spanned::into_inner),
        notice: notice.map(Spanned::into_inner),
        notice_note: notice_note.map(Spanned::into_inner),
        period_from: period_from?.into_inner(),
        period_to: period_to?.into_inner(),
        announced: announced.map(Spanned::into_inner),
        figure: figures,
        breakdown: breakdowns,
        source: sources,
    })
}
