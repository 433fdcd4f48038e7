//! `collections.toml`: the published lists cases belong to.

use toml::Spanned;

use crate::library::diag::{Msg, Sink};
use crate::library::model::Collection;
use crate::library::reader::{Fields, checked_key};

use super::{Named, check_id, document};

pub fn collections(sink: &mut Sink, text: &str) -> Vec<Named<Collection>> {
    let Some(doc) = document(sink, text) else {
        return Vec::new();
    };
    let mut root = Fields::new(doc.get_ref(), doc.span(), "");
    let mut out = Vec::new();
    for (key, value) in root.entries() {
        let Some(id) = checked_key(sink, &key) else {
            continue;
        };
        let what = ("collection id", "案例集 id");
        if !check_id(sink, what, &Spanned::new(key.span(), id.clone())) {
            continue;
        }
        let Some(table) = value.get_ref().as_table() else {
            let message = Msg::new(
                format!("collection [{id}] must be a table"),
                format!("案例集 [{id}] 应为表"),
            );
            sink.at(value.span(), message);
            continue;
        };
        let mut fields = Fields::new(table, value.span(), format!("[{id}]"));
        let title = fields.req_str(sink, "title");
        let title_en = fields.opt_str(sink, "title_en");
        let publisher = fields.req_str(sink, "publisher");
        let publisher_en = fields.opt_str(sink, "publisher_en");
        let published = fields.opt_date(sink, "published");
        let announced = fields.opt_u64(sink, "announced");
        fields.finish(sink);
        if let (Some(title), Some(publisher)) = (title, publisher) {
            out.push((
                Collection {
                    id,
                    title: title.into_inner(),
                    title_en: title_en.map(Spanned::into_inner),
                    publisher: publisher.into_inner(),
                    publisher_en: publisher_en.map(Spanned::into_inner),
                    published: published.map(Spanned::into_inner),
                    announced,
                },
                key.span(),
            ));
        }
    }
    out
}
