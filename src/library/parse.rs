//! Turns the text of each kind of library file into model values, reporting every problem.
//!
//! Case files are checked against the vocabularies, statutes and collections as they are read
//! (`Refs`), so an unknown key is reported at the exact place it is written.

use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;
use toml::de::DeTable;

use super::diag::Sink;
use super::model::{
    Basis, Breakdown, Campaign, Case, Collection, Dates, Era, Figure, Label, LawLink, LawRole,
    Party, Penalty, PenaltyRange, Place, Quantity, Source, Statute, Str, Term, ThresholdTier,
    Thresholds, Vocab, VocabKind,
};
use super::reader::{Fields, checked_key};

/// The schema version this build reads.
pub const SCHEMA_VERSION: u64 = 1;

/// A value with the span of the key or id that names it, for duplicate reports.
pub type Named<T> = (T, Range<usize>);

/// What a case file may refer to.
pub struct Refs<'l> {
    pub vocab: &'l Vocab,
    pub statutes: HashSet<&'l str>,
    pub collections: HashSet<&'l str>,
}

/// Parses TOML, reporting every syntax error; `None` when the file is not valid TOML.
pub fn document<'i>(sink: &mut Sink, text: &'i str) -> Option<Spanned<DeTable<'i>>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Some(table);
    }
    for error in errors {
        let message = error.message().trim().replace('\n', "; ");
        sink.at(
            error.span().unwrap_or(0..0),
            format!("TOML syntax: {message}"),
        );
    }
    None
}

/// `[a-z0-9-]+`: ids are typed on command lines and used as file names.
/// A case's text, out of its span.
fn owned(text: Spanned<String>) -> Str {
    text.into_inner().into()
}

pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn check_id(sink: &mut Sink, what: &str, id: &Spanned<String>) -> bool {
    if is_valid_id(id.get_ref()) {
        return true;
    }
    sink.at(
        id.span(),
        format!(
            "{what} \"{}\" is not a valid id: use lowercase letters, digits and '-' only",
            id.get_ref()
        ),
    );
    false
}

/// The closest known key, for "did you mean" hints.
fn nearest<'k>(wanted: &str, known: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    known
        .map(|k| (strsim::levenshtein(wanted, k), k))
        .filter(|(distance, k)| *distance <= (k.chars().count() / 2).max(2))
        .min()
        .map(|(_, k)| k)
}

fn unknown_ref<'k>(
    sink: &mut Sink,
    span: Range<usize>,
    what: &str,
    value: &str,
    home: &str,
    known: impl Iterator<Item = &'k str>,
) {
    let hint = nearest(value, known)
        .map(|k| format!("; did you mean \"{k}\"?"))
        .unwrap_or_default();
    sink.at(
        span,
        format!("unknown {what} \"{value}\" (not in {home}){hint}"),
    );
}

// ---------------------------------------------------------------------------------------------
// vocab.toml

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
                    format!("vocabulary key \"{key_text}\" is not a valid id: use lowercase letters, digits and '-' only"),
                );
                continue;
            }
            let Some(entry) = value.get_ref().as_table() else {
                sink.at(value.span(), format!("{context} must be a table"));
                continue;
            };
            let mut fields = Fields::new(entry, value.span(), context);
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
                })
            } else {
                let zh = fields.req_str(sink, "zh");
                let en = fields.req_str(sink, "en");
                zh.zip(en).map(|(zh, en)| Term {
                    key: key_text.clone(),
                    label: Label {
                        zh: zh.into_inner(),
                        en: en.into_inner(),
                    },
                    within: None,
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

// ---------------------------------------------------------------------------------------------
// statutes.toml

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
                        format!("era must be \"2019\" or \"later\", found \"{other}\""),
                    );
                    None
                }
            });
        let article = fields.req_str(sink, "article");
        let heading_en = fields.req_str(sink, "heading_en");
        let text = fields.req_str(sink, "text");
        let text_note = fields.opt_str(sink, "text_note");
        let summary_en = fields.req_str(sink, "summary_en");
        let penalty = fields
            .opt_table(sink, "penalty")
            .map(|table| penalty_range(sink, table, vocab));
        // Checked against every statute once all are known (see `successors`).
        let successors = fields.opt_str_list(sink, "successors").unwrap_or_default();
        let thresholds = fields
            .opt_table(sink, "thresholds")
            .map(|table| thresholds(sink, table));
        fields.finish(sink);

        if let Some(id) = &id
            && !check_id(sink, "statute id", id)
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
                summary_en: summary_en.into_inner(),
                penalty,
                successors: successors.into_iter().map(Spanned::into_inner).collect(),
                thresholds,
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
                    let hint = nearest(id, known)
                        .map(|near| format!(" (did you mean \"{near}\"?)"))
                        .unwrap_or_default();
                    format!("successors names unknown statute \"{id}\"{hint}")
                }
                Some(Era::Y2019) => {
                    format!("successors must be later law, but \"{id}\" has era \"2019\"")
                }
                Some(Era::Later) if own == Some(Era::Later) => {
                    "only a 2019 provision has successors".to_string()
                }
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
            tier.finish(sink);
            if records.is_some() == gains_yuan.is_some() {
                sink.at(
                    span,
                    "a threshold tier sets `records` or `gains_yuan`, one of them",
                );
                return None;
            }
            Some(ThresholdTier {
                item: item?.into_inner(),
                records,
                kinds: kinds.into_iter().map(Spanned::into_inner).collect(),
                gains_yuan,
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
            sink.at(span, format!("`{key}` must be [low, high] with low ≤ high"));
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
    };
    fields.finish(sink);
    range
}

/// Checks that a vocabulary key exists; reports it (with a hint) when it does not.
fn known_term(sink: &mut Sink, vocab: &Vocab, kind: VocabKind, key: &Spanned<String>) -> bool {
    if vocab.term(kind, key.get_ref()).is_some() {
        return true;
    }
    let what = match kind {
        VocabKind::Sectors => "sector",
        VocabKind::Violations => "violation",
        VocabKind::Penalties => "penalty kind",
        VocabKind::PartyKinds => "party kind",
        VocabKind::Provinces => "province",
    };
    let home = format!("vocab.toml [{}]", kind.table_name());
    let known = vocab.terms(kind).iter().map(|t| t.key.as_str());
    unknown_ref(sink, key.span(), what, key.get_ref(), &home, known);
    false
}

// ---------------------------------------------------------------------------------------------
// collections.toml

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
        if !check_id(sink, "collection id", &Spanned::new(key.span(), id.clone())) {
            continue;
        }
        let Some(table) = value.get_ref().as_table() else {
            sink.at(value.span(), format!("collection [{id}] must be a table"));
            continue;
        };
        let mut fields = Fields::new(table, value.span(), format!("[{id}]"));
        let title = fields.req_str(sink, "title");
        let title_en = fields.opt_str(sink, "title_en");
        let publisher = fields.req_str(sink, "publisher");
        let published = fields.req_date(sink, "published");
        let announced = fields.opt_u64(sink, "announced");
        fields.finish(sink);
        if let (Some(title), Some(publisher), Some(published)) = (title, publisher, published) {
            out.push((
                Collection {
                    id,
                    title: title.into_inner(),
                    title_en: title_en.map(Spanned::into_inner),
                    publisher: publisher.into_inner(),
                    published: published.into_inner(),
                    announced,
                },
                key.span(),
            ));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// campaign.toml

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
                let message =
                    format!("dimension must be sector, violation or province, found \"{other}\"");
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

fn sources(sink: &mut Sink, root: &mut Fields) -> Vec<Source> {
    let mut out = Vec::new();
    for mut fields in root.tables(sink, "source") {
        let title = fields.req_str(sink, "title");
        let publisher = fields.opt_str(sink, "publisher");
        let date = fields.opt_date(sink, "date");
        let url = fields.opt_str(sink, "url");
        fields.finish(sink);
        if let Some(title) = title {
            out.push(Source {
                title: owned(title),
                publisher: publisher.map(owned),
                date: date.map(Spanned::into_inner),
                url: url.map(owned),
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// case files

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

    let schema = root.req_u64(sink, "schema");
    if let Some(version) = schema
        && version != SCHEMA_VERSION
    {
        sink.at(
            root.span().start..root.span().start,
            format!(
                "schema {version} is not supported; this casebook reads schema {SCHEMA_VERSION}"
            ),
        );
    }
    let id = root.req_str(sink, "id");
    if let Some(id) = &id
        && check_id(sink, "case id", id)
        && id.get_ref() != stem
    {
        sink.at(
            id.span(),
            format!(
                "id \"{}\" does not match the file name: the file must be named {}.toml",
                id.get_ref(),
                id.get_ref()
            ),
        );
    }
    let collection = root.req_str(sink, "collection");
    if let Some(collection) = &collection
        && !refs.collections.contains(collection.get_ref().as_str())
    {
        let known = refs.collections.iter().copied();
        unknown_ref(
            sink,
            collection.span(),
            "collection",
            collection.get_ref(),
            "collections.toml",
            known,
        );
    }
    let position = root.opt_u64(sink, "position");
    let title = root.req_str(sink, "title");
    let title_en = root.opt_str(sink, "title_en");
    let summary = root.req_str(sink, "summary");
    let summary_en = root.opt_str(sink, "summary_en");
    let authority = root.opt_str(sink, "authority");
    let sector = root
        .opt_str(sink, "sector")
        .filter(|s| known_term(sink, refs.vocab, VocabKind::Sectors, s));
    let violations_written = root.has("violations");
    let violations = match root.opt_str_list(sink, "violations") {
        Some(list) => list
            .into_iter()
            .filter(|v| known_term(sink, refs.vocab, VocabKind::Violations, v))
            .map(owned)
            .collect(),
        None if violations_written => Vec::new(), // wrong type, already reported
        None => {
            // Required so that "no violation stated" is a decision, not an omission.
            let span = root.span();
            sink.at(span.start..span.start, "missing required field `violations` (write `violations = []` if no source states one)");
            Vec::new()
        }
    };
    let data_kinds = root
        .opt_str_list(sink, "data_kinds")
        .map(|list| list.into_iter().map(owned).collect());
    let records = root.opt_u64(sink, "records");
    let amount_yuan = root.opt_u64(sink, "amount_yuan");
    let amount_note = root.opt_str(sink, "amount_note");
    let illegal_gains_yuan = root.opt_u64(sink, "illegal_gains_yuan");

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

    let party = root.req_table(sink, "party").and_then(|mut fields| {
        let name = fields.req_str(sink, "name");
        let kind = fields
            .req_str(sink, "kind")
            .filter(|k| known_term(sink, refs.vocab, VocabKind::PartyKinds, k));
        fields.finish(sink);
        Some(Party {
            name: owned(name?),
            kind: owned(kind?),
        })
    });
    let place = root.req_table(sink, "place").and_then(|mut fields| {
        let province = fields
            .req_str(sink, "province")
            .filter(|p| known_term(sink, refs.vocab, VocabKind::Provinces, p));
        let city = fields.opt_str(sink, "city");
        let district = fields.opt_str(sink, "district");
        fields.finish(sink);
        Some(Place {
            province: owned(province?),
            city: city.map(owned),
            district: district.map(owned),
        })
    });
    let dates = match root.opt_table(sink, "dates") {
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
                    format!(
                        "conduct_to {} is before conduct_from {}",
                        to.get_ref(),
                        from.get_ref()
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
    };

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
                        format!("role must be violated, penalty or transfer, found \"{other}\""),
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
                        format!("basis must be stated or governing, found \"{other}\""),
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
                unknown_ref(sink, s.span(), "statute", s.get_ref(), "statutes.toml", ids);
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

    let mut penalty = Vec::new();
    for mut fields in root.tables(sink, "penalty") {
        let kind = fields
            .req_str(sink, "kind")
            .filter(|k| known_term(sink, refs.vocab, VocabKind::Penalties, k));
        let amount_yuan = fields.opt_u64(sink, "amount_yuan");
        let note = fields.opt_str(sink, "note");
        fields.finish(sink);
        if let Some(kind) = kind {
            penalty.push(Penalty {
                kind: owned(kind),
                amount_yuan,
                note: note.map(owned),
            });
        }
    }

    let source_span = root.span();
    let source = sources(sink, &mut root);
    if source.is_empty() {
        sink.at(
            source_span.start..source_span.start,
            "a case needs at least one [[source]]",
        );
    }

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
                    "field",
                    &field,
                    "the fields [inferred] can explain",
                    known,
                );
                continue;
            }
            match value.get_ref().as_str() {
                Some(why) => {
                    let what = format!("[inferred] {field}");
                    if let Some(why) = super::reader::checked_text(sink, &what, why, value.span()) {
                        inferred_spans.push((field.clone(), key.span()));
                        inferred.insert(field, why.into_inner());
                    }
                }
                None => sink.at(
                    value.span(),
                    format!("[inferred] {field} must be a string giving the reason"),
                ),
            }
        }
    }
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
        title_en: title_en.map(owned),
        summary: owned(summary?),
        summary_en: summary_en.map(owned),
        authority: authority.map(owned),
        sector: sector.map(owned),
        violations: trimmed(violations),
        data_kinds: data_kinds.map(trimmed),
        records,
        amount_yuan,
        amount_note: amount_note.map(owned),
        illegal_gains_yuan,
        quantity: trimmed(quantity),
        party: party?,
        place: place?,
        dates,
        law: trimmed(law),
        penalty: trimmed(penalty),
        source: trimmed(source),
        inferred,
    };
    for (field, span) in inferred_spans {
        if !field_is_set(&case, &field) {
            sink.at(
                span,
                format!("[inferred] explains `{field}`, but the case does not set it"),
            );
        }
    }
    Some(case)
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
