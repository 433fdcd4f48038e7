//! Turns the text of each kind of library file into model values, reporting every problem: one
//! module per kind of file, and here what they share (ids, references, "did you mean" hints).
//!
//! Case files are checked against the vocabularies, statutes and collections as they are read
//! (`Refs`), so an unknown key is reported at the exact place it is written.

mod campaign;
mod case;
mod collections;
mod statutes;
mod vocab;

pub use campaign::campaign;
pub use case::case;
pub use collections::collections;
pub use statutes::{relations, statutes};
pub use vocab::vocab;

use crate::library::SourceKind;
use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;
use toml::de::DeTable;

use super::diag::{Msg, Sink};
use super::model::{Source, Str, Vocab, VocabKind};
use super::reader::Fields;

/// The schema version this build reads.
pub const SCHEMA_VERSION: u64 = 1;

/// A value with the span of the key or id that names it, for duplicate reports.
pub type Named<T> = (T, Range<usize>);

/// What a case file may refer to.
pub struct Refs<'l> {
    pub vocab: &'l Vocab,
    pub statutes: HashSet<&'l str>,
    /// Each collection's id, and how many cases it announced (where it says).
    pub collections: std::collections::HashMap<&'l str, Option<u64>>,
}

/// Parses TOML, reporting every syntax error; `None` when the file is not valid TOML.
pub fn document<'i>(sink: &mut Sink, text: &'i str) -> Option<Spanned<DeTable<'i>>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Some(table);
    }
    for error in errors {
        let message = error.message().trim().replace('\n', "; ");
        // The parser's own words are English; the Chinese names what they are.
        sink.at(
            error.span().unwrap_or(0..0),
            Msg::new(
                format!("TOML syntax: {message}"),
                format!("TOML 语法错误：{message}"),
            ),
        );
    }
    None
}

/// A case's text, out of its span.
pub(super) fn owned(text: Spanned<String>) -> Str {
    text.into_inner().into()
}

/// `[a-z0-9-]+`: ids are typed on command lines and used as file names.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `what`: the kind of id, in English and in Chinese.
pub(super) fn check_id(sink: &mut Sink, what: (&str, &str), id: &Spanned<String>) -> bool {
    if is_valid_id(id.get_ref()) {
        return true;
    }
    let id_text = id.get_ref();
    sink.at(
        id.span(),
        Msg::new(
            format!(
                "{} \"{id_text}\" is not a valid id: use lowercase letters, digits and '-' only",
                what.0
            ),
            format!(
                "{} \"{id_text}\" 不是有效的 id：只能用小写字母、数字和 '-'",
                what.1
            ),
        ),
    );
    false
}

/// The closest known key, for "did you mean" hints: the fewest edits, and among those the
/// nearest number (`cprl-57` is nearer `cprl-56` than `cprl-50`, one edit from both).
pub(super) fn nearest<'k>(wanted: &str, known: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    let number_gap = |k: &str| match (trailing_number(wanted), trailing_number(k)) {
        (Some(a), Some(b)) => a.abs_diff(b),
        _ => u64::MAX,
    };
    known
        .map(|k| (strsim::levenshtein(wanted, k), number_gap(k), k))
        .filter(|(distance, _, k)| *distance <= (k.chars().count() / 2).max(2))
        .min()
        .map(|(_, _, k)| k)
}

/// The number an id ends with (`56` of `cprl-56`).
fn trailing_number(id: &str) -> Option<u64> {
    // ASCII digits are one byte each, so the digits' count in bytes is where they start.
    let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    id[id.len() - digits..].parse().ok()
}

/// `what` and `home` in English and in Chinese.
pub(super) fn unknown_ref<'k>(
    sink: &mut Sink,
    span: Range<usize>,
    what: (&str, &str),
    value: &str,
    home: (&str, &str),
    known: impl Iterator<Item = &'k str>,
) {
    let near = nearest(value, known);
    let hint = near
        .map(|k| format!("; did you mean \"{k}\"?"))
        .unwrap_or_default();
    let hint_zh = near
        .map(|k| format!("；是不是 \"{k}\"？"))
        .unwrap_or_default();
    sink.at(
        span,
        Msg::new(
            format!("unknown {} \"{value}\" (not in {}){hint}", what.0, home.0),
            format!(
                "未知的{} \"{value}\"（不在 {} 中）{hint_zh}",
                what.1, home.1
            ),
        ),
    );
}

/// Checks that a vocabulary key exists; reports it (with a hint) when it does not.
pub(super) fn known_term(
    sink: &mut Sink,
    vocab: &Vocab,
    kind: VocabKind,
    key: &Spanned<String>,
) -> bool {
    if vocab.term(kind, key.get_ref()).is_some() {
        return true;
    }
    let what = match kind {
        VocabKind::Sectors => ("sector", "行业"),
        VocabKind::Violations => ("violation", "违法行为"),
        VocabKind::Penalties => ("penalty kind", "处罚种类"),
        VocabKind::PartyKinds => ("party kind", "当事人类型"),
        VocabKind::Provinces => ("province", "省份"),
        VocabKind::DataKinds => ("data kind", "信息种类"),
        VocabKind::Words => ("everyday word", "常用说法"),
    };
    let home = format!("vocab.toml [{}]", kind.table_name());
    let known = vocab.terms(kind).iter().map(|t| t.key.as_str());
    unknown_ref(sink, key.span(), what, key.get_ref(), (&home, &home), known);
    false
}

/// One of a field's allowed words (`kind = "report"`); anything else is reported where it is
/// written, with the words allowed.
pub(super) fn choice<T: Copy>(
    sink: &mut Sink,
    value: &Spanned<String>,
    field: &str,
    options: &[(&str, T)],
) -> Option<T> {
    let found = options
        .iter()
        .find(|(word, _)| *word == value.get_ref().as_str());
    if found.is_none() {
        let words: Vec<&str> = options.iter().map(|(word, _)| *word).collect();
        let (en, zh) = (words.join(", "), words.join("、"));
        let other = value.get_ref();
        sink.at(
            value.span(),
            Msg::new(
                format!("{field} must be one of {en}, found \"{other}\""),
                format!("{field} 应为 {zh} 之一，实为 \"{other}\""),
            ),
        );
    }
    found.map(|(_, value)| *value)
}

pub(super) fn sources(sink: &mut Sink, root: &mut Fields) -> Vec<Source> {
    let mut out = Vec::new();
    for mut fields in root.tables(sink, "source") {
        let title = fields.req_str(sink, "title");
        let publisher = fields.opt_str(sink, "publisher");
        let date = fields.opt_date(sink, "date");
        let url = fields.opt_str(sink, "url");
        let kind = fields
            .opt_str(sink, "kind")
            .and_then(|k| choice(sink, &k, "kind", &SourceKind::ALL));
        fields.finish(sink);
        if let Some(title) = title {
            out.push(Source {
                title: owned(title),
                publisher: publisher.map(owned),
                date: date.map(Spanned::into_inner),
                url: url.map(owned),
                kind,
            });
        }
    }
    out
}
