//! `vocab.toml`: the vocabularies (sectors, provinces, violations …), each term a key and its labels.

use toml::Spanned;

use crate::library::diag::{Msg, Sink};
use crate::library::model::{Label, Term, VocabKind};
use crate::library::reader::{Fields, checked_key};

use super::{Named, document, is_valid_id};

/// Parses `vocab.toml`: each vocabulary's terms in file order, with the span of each key.
pub fn vocab(sink: &mut Sink, text: &str) -> Vec<(VocabKind, Vec<Named<Term>>)> {
    let Some(doc) = document(sink, text) else {
        return Vec::new();
    };
    let mut root = Fields::new(doc.get_ref(), doc.span(), "");
    let mut out = Vec::new();
    for kind in VocabKind::ALL {
        let Some(mut table) = root.opt_table(sink, kind.table_name()) else {
            continue;
        };
        let mut terms = Vec::new();
        for (key, value) in table.entries() {
            let context = format!("[{}.{}]", kind.table_name(), key.get_ref());
            let Some(key_text) = checked_key(sink, &key) else {
                continue;
            };
            if kind != VocabKind::Provinces && !is_valid_id(&key_text) {
                sink.at(
                    key.span(),
                    Msg::new(
                        format!("vocabulary key \"{key_text}\" is not a valid id: use lowercase letters, digits and '-' only"),
                        format!("词表键 \"{key_text}\" 不是有效的 id：只能用小写字母、数字和 '-'"),
                    ),
                );
                continue;
            }
            let Some(entry) = value.get_ref().as_table() else {
                let message = Msg::new(
                    format!("{context} must be a table"),
                    format!("{context} 应为表"),
                );
                sink.at(value.span(), message);
                continue;
            };
            let mut fields = Fields::new(entry, value.span(), context);
            let aliases: Vec<String> = fields
                .opt_str_list(sink, "aliases")
                .unwrap_or_default()
                .into_iter()
                .map(Spanned::into_inner)
                .collect();
            let term = if kind == VocabKind::Provinces {
                // Provinces are keyed by their Chinese name, so only the English one is written.
                let en = fields.req_str(sink, "en");
                let within = fields.opt_str(sink, "within");
                en.map(|en| Term {
                    key: key_text.clone(),
                    label: Label {
                        zh: key_text.clone(),
                        en: en.into_inner(),
                    },
                    within: within.map(Spanned::into_inner),
                    aliases,
                    tier: None,
                })
            } else {
                let zh = fields.req_str(sink, "zh");
                let en = fields.req_str(sink, "en");
                // Only a kind of data belongs to a tier of the criminal thresholds.
                let tier = if kind == VocabKind::DataKinds {
                    fields.opt_str(sink, "tier").map(Spanned::into_inner)
                } else {
                    None
                };
                zh.zip(en).map(|(zh, en)| Term {
                    key: key_text.clone(),
                    label: Label {
                        zh: zh.into_inner(),
                        en: en.into_inner(),
                    },
                    within: None,
                    aliases,
                    tier,
                })
            };
            fields.finish(sink);
            terms.extend(term.map(|t| (t, key.span())));
        }
        table.finish(sink);
        out.push((kind, terms));
    }
    root.finish(sink);
    out
}
