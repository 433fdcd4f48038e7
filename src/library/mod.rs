//! The case library: the files of `cases/` (embedded at build time) plus an optional directory of
//! an office's own files, read, checked against the schema and each other, and assembled into one
//! immutable [`Library`] — or a [`Report`] of every problem, never half a library.

pub mod article;
pub mod cache;
pub mod date;
pub mod diag;
pub mod files;
mod leave_out;
pub mod model;
pub mod omit;
pub mod parse;
pub mod provision;
mod read_cases;
mod reader;
pub mod share;
pub mod summary;
mod vocab_merge;

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

pub use date::PartialDate;
pub use diag::{Diagnostic, Msg, Report};
pub use files::SourceFile;
pub use leave_out::{Loaded, assemble_leaving_out, load_leaving_out};
pub use model::*;
pub use provision::*;

use diag::{Sink, whole_file};
use parse::Refs;
use read_cases::read_cases;
use vocab_merge::merge_vocab;

/// Statute ids the schema requires every library to define.
pub const REQUIRED_STATUTES: &[&str] = &[
    "cprl-14",
    "cprl-29-1",
    "cprl-29-2",
    "cprl-29-3",
    "cprl-50",
    "cprl-56",
    "measures-11",
    "measures-14",
    "criminal-253-1",
    "spc-2017-10",
    "csl-41",
    "csl-42",
    "csl-44",
    "csl-64",
    "civil-general-111",
    "ecl-23",
    "ecl-79",
    "civil-code-1034",
    "civil-code-1035",
    "civil-code-1038",
    "pipl-5",
    "pipl-10",
    "pipl-13",
    "pipl-66",
];

/// Where the cases shown come from.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions<'p> {
    /// An office's directory whose files extend the embedded library.
    pub extra_dir: Option<&'p Path>,
    /// Show only the extra directory's cases (vocabularies, statutes and collections still come
    /// from both).
    pub only: bool,
}

/// Loads the embedded library, extended by `options.extra_dir` if given.
pub fn load(options: &LoadOptions) -> Result<Library, Report> {
    let extra = match options.extra_dir {
        Some(dir) => Some(files::read_dir(dir)?),
        None => None,
    };
    assemble(files::embedded(), extra, options.only)
}

/// Loads a directory as a complete library on its own, without the embedded one.
pub fn load_standalone(dir: &Path) -> Result<Library, Report> {
    assemble(files::read_dir(dir)?, None, false)
}

/// The role a file plays, by its stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Vocab,
    Statutes,
    Collections,
    Campaign,
    Case,
}

fn kind_of(file: &SourceFile) -> FileKind {
    match file.stem.as_str() {
        "vocab" => FileKind::Vocab,
        "statutes" => FileKind::Statutes,
        "collections" => FileKind::Collections,
        "campaign" => FileKind::Campaign,
        _ => FileKind::Case,
    }
}

/// A decoded file other than a case: its name, kind and text.
struct Text {
    name: String,
    text: String,
    kind: FileKind,
}

/// The first definition of each id of one kind, so that a second one is reported with the file
/// that holds the first.
#[derive(Default)]
struct FirstDefinitions(HashMap<String, String>);

impl FirstDefinitions {
    /// Claims `id` for the sink's file; reports and returns false if another file has it.
    fn claim(&mut self, sink: &mut Sink, what: &str, id: &str, span: Range<usize>) -> bool {
        if let Some(first) = self.0.get(id) {
            sink.at(span, already_defined(what, id, first));
            return false;
        }
        self.0.insert(id.to_string(), sink.file().to_string());
        true
    }

    /// Claims `id` for `file`, where it is written at `(line, col)`; the problem, if another
    /// file has it.
    fn claim_at(
        &mut self,
        file: &str,
        (line, col): (usize, usize),
        what: &str,
        id: &str,
    ) -> Option<Diagnostic> {
        if let Some(first) = self.0.get(id) {
            return Some(Diagnostic::new(
                file,
                (line, col),
                already_defined(what, id, first),
            ));
        }
        self.0.insert(id.to_string(), file.to_string());
        None
    }

    fn contains(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }
}

/// "case "x" is already defined in FILE".
fn already_defined(what: &str, id: &str, first: &str) -> Msg {
    let what_zh = match what {
        "case" => "案例",
        "statute" => "规定",
        "collection" => "案例集",
        other => other,
    };
    Msg::new(
        format!("{what} \"{id}\" is already defined in {first}"),
        format!("{what_zh} \"{id}\" 已在 {first} 中定义"),
    )
}

/// Parses every file of one kind and keeps the first definition of each id.
fn merge<T>(
    texts: &[Text],
    kind: FileKind,
    what: &str,
    report: &mut Report,
    mut parse: impl FnMut(&mut Sink, &str) -> Vec<parse::Named<T>>,
    id: impl Fn(&T) -> &str,
) -> (Vec<T>, FirstDefinitions) {
    let mut items = Vec::new();
    let mut defined = FirstDefinitions::default();
    for file in texts.iter().filter(|t| t.kind == kind) {
        let mut sink = Sink::new(&file.name, &file.text);
        for (item, span) in parse(&mut sink, &file.text) {
            if defined.claim(&mut sink, what, id(&item), span) {
                items.push(item);
            }
        }
        report.extend(sink.problems);
    }
    (items, defined)
}

/// Reads every file but the case files into text, reporting those that are not fit to parse.
/// Case files are returned undecoded, with their layer, to be read one at a time.
fn decode_all(
    layers: [Option<Vec<SourceFile>>; 2],
    report: &mut Report,
) -> (Vec<Text>, Vec<(SourceFile, usize)>) {
    let mut texts = Vec::new();
    let mut case_files = Vec::new();
    for (layer, files) in layers.into_iter().enumerate() {
        for file in files.into_iter().flatten() {
            if kind_of(&file) == FileKind::Case {
                case_files.push((file, layer));
                continue;
            }
            match file.decode() {
                Ok(text) => texts.push(Text {
                    kind: kind_of(&file),
                    name: file.name,
                    text,
                }),
                Err(problem) => report.extend([problem]),
            }
        }
    }
    (texts, case_files)
}

/// Reports a base file that is missing, or the required entries it lacks.
fn require(
    report: &mut Report,
    base_file: Option<&String>,
    base_dir: &str,
    file_name: &str,
    lacks: impl FnOnce() -> Vec<Msg>,
) {
    match base_file {
        None => report.extend([whole_file(
            &format!("{base_dir}{file_name}"),
            Msg::new(
                format!("the library has no {file_name}"),
                format!("案例库缺少 {file_name}"),
            ),
        )]),
        Some(name) => {
            for message in lacks() {
                report.extend([whole_file(name, message)]);
            }
        }
    }
}

/// Every data kind written in this vocabulary file that names a tier (`tier = "…"`) must name a
/// record tier of the criminal thresholds: a kind placed in a tier that does not exist would be
/// compared with nothing.
fn tiers_of_data_kinds(sink: &mut Sink, text: &str, vocab: &Vocab, statutes: &[Statute]) {
    let items: Vec<&str> = statutes
        .iter()
        .filter_map(|s| s.thresholds.as_ref())
        .flat_map(|t| &t.tiers)
        .filter(|t| t.records.is_some())
        .map(|t| t.item.as_str())
        .collect();
    for term in vocab.terms(VocabKind::DataKinds) {
        let Some(tier) = term.tier.as_deref().filter(|t| !items.contains(t)) else {
            continue;
        };
        // Reported where this file writes the term's tier; a term of another file is its own.
        let Some(header) = text.find(&format!("[data_kinds.{}]", term.key)) else {
            continue;
        };
        let at = text[header..]
            .find(&format!("\"{tier}\""))
            .map_or(header, |i| header + i);
        let (key, known) = (&term.key, items.join(", "));
        sink.at(
            at..at + tier.len() + 2,
            Msg::new(
                format!("[data_kinds.{key}] tier \"{tier}\" is no record tier of the criminal thresholds: {known}"),
                format!("[data_kinds.{key}] 的 tier \"{tier}\" 不是刑事门槛的条数层级：{known}"),
            ),
        );
    }
}

/// Builds a library from base files and optional extending files.
pub fn assemble(
    base: Vec<SourceFile>,
    extra: Option<Vec<SourceFile>>,
    only: bool,
) -> Result<Library, Report> {
    let mut report = Report::default();
    let base_file = |kind: FileKind| {
        base.iter()
            .find(|f| kind_of(f) == kind)
            .map(|f| f.name.clone())
    };
    let base_vocab = base_file(FileKind::Vocab);
    let base_statutes = base_file(FileKind::Statutes);
    let base_dir = base.first().map(|f| f.dir.clone()).unwrap_or_default();
    let (texts, case_files) = decode_all([Some(base), extra], &mut report);

    // Vocabularies first: everything else refers to them.
    let vocab = merge_vocab(&texts, &mut report);
    require(
        &mut report,
        base_vocab.as_ref(),
        &base_dir,
        "vocab.toml",
        || {
            VocabKind::ALL
                .iter()
                .filter_map(|&kind| {
                    let missing: Vec<&str> = kind
                        .required_keys()
                        .iter()
                        .copied()
                        .filter(|key| vocab.term(kind, key).is_none())
                        .collect();
                    (!missing.is_empty()).then(|| {
                        let (table, keys) = (kind.table_name(), missing.join(", "));
                        Msg::new(
                            format!("[{table}] lacks required keys: {keys}"),
                            format!("[{table}] 缺少必需的键：{keys}"),
                        )
                    })
                })
                .collect()
        },
    );

    let (statutes, statute_ids) = merge(
        &texts,
        FileKind::Statutes,
        "statute",
        &mut report,
        |sink, text| parse::statutes(sink, text, &vocab),
        |s: &Statute| &s.id,
    );
    require(
        &mut report,
        base_statutes.as_ref(),
        &base_dir,
        "statutes.toml",
        || {
            let missing: Vec<&str> = REQUIRED_STATUTES
                .iter()
                .copied()
                .filter(|id| !statute_ids.contains(id))
                .collect();
            if missing.is_empty() {
                Vec::new()
            } else {
                let ids = missing.join(", ");
                vec![Msg::new(
                    format!("lacks required statutes: {ids}"),
                    format!("缺少必需的规定：{ids}"),
                )]
            }
        },
    );

    let mut relations = Vec::new();
    for file in texts.iter().filter(|t| t.kind == FileKind::Statutes) {
        let mut sink = Sink::new(&file.name, &file.text);
        relations.extend(parse::relations(&mut sink, &file.text, &statutes));
        report.extend(sink.problems);
    }

    for file in texts.iter().filter(|t| t.kind == FileKind::Vocab) {
        let mut sink = Sink::new(&file.name, &file.text);
        tiers_of_data_kinds(&mut sink, &file.text, &vocab, &statutes);
        report.extend(sink.problems);
    }

    let (collections, collection_ids) = merge(
        &texts,
        FileKind::Collections,
        "collection",
        &mut report,
        parse::collections,
        |c: &Collection| &c.id,
    );

    // The base campaign is shown; one in an extending directory is checked but not merged.
    let mut campaign = None;
    for file in texts.iter().filter(|t| t.kind == FileKind::Campaign) {
        let mut sink = Sink::new(&file.name, &file.text);
        let parsed = parse::campaign(&mut sink, &file.text, &vocab);
        if let Some(parsed) = &parsed
            && let Some(key) = &parsed.collection
            && !collection_ids.contains(key)
        {
            let message = Msg::new(
                format!("unknown collection \"{key}\" in campaign"),
                format!("campaign 中的案例集 \"{key}\" 不存在"),
            );
            sink.at(0..0, message);
        }
        report.extend(sink.problems);
        if campaign.is_none() {
            campaign = parsed;
        }
    }

    let refs = Refs {
        vocab: &vocab,
        statutes: statutes.iter().map(|s| s.id.as_str()).collect(),
        collections: collections
            .iter()
            .map(|c| (c.id.as_str(), c.announced))
            .collect(),
    };
    // Sized once: growing by doubling would, at 100,000 cases, briefly hold twice the memory.
    let mut cases: Vec<Case> = Vec::with_capacity(case_files.len());
    let mut case_ids = FirstDefinitions::default();
    let mut positions: HashMap<(Str, u64), String> = HashMap::new();
    let mut lists = share::Lists::default();
    read_cases(case_files, &refs, |read| {
        report.extend(read.problems);
        let Some(mut case) = read.case else { return };
        if let Some(duplicate) = case_ids.claim_at(&read.name, read.id_at, "case", &case.id) {
            report.extend([duplicate]);
        }
        if let Some(position) = case.position {
            let slot = (case.collection.clone(), position);
            if let Some(first) = positions.get(&slot) {
                let collection = &case.collection;
                let message = Msg::new(
                    format!(
                        "position {position} in collection \"{collection}\" is already taken by {first}"
                    ),
                    format!("案例集 \"{collection}\" 的第 {position} 号已被 {first} 占用"),
                );
                report.extend([Diagnostic::new(&read.name, read.position_at, message)]);
            } else {
                positions.insert(slot, read.name.clone());
            }
        }
        // With `only`, the embedded cases are checked (an office's id may not clash with them)
        // but not kept.
        if !(only && read.layer == 0) {
            lists.share(&mut case);
            cases.push(case);
        }
    });

    if !report.is_empty() {
        return Err(report.finish());
    }
    cases.shrink_to_fit();
    // The built-in collection first, then each office collection in the order its
    // collections.toml lists it; within one, by published position, then id. Ids are unique, so
    // this order is total and an unstable sort (which needs no buffer) is as good as a stable one.
    let listed: HashMap<&str, usize> = collections
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let order = |case: &Case| {
        let collection = listed.get(case.collection.as_str()).copied();
        let position = case.position.unwrap_or(u64::MAX);
        (collection.unwrap_or(usize::MAX), position, case.id.clone())
    };
    cases.sort_unstable_by_key(order);
    Ok(Library {
        vocab,
        statutes,
        relations,
        today: None,
        collections,
        campaign,
        cases,
        derived: Derived::default(),
    })
}

/// The span of a top-level `key = …` line, for reports about a whole field.
fn span_of_key(text: &str, key: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            let start = offset + (line.len() - trimmed.len());
            return Some(start..start + key.len());
        }
        if trimmed.starts_with('[') {
            return None; // past the top-level keys
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests;

/// The built-in library with only the 2019 list: tests of mechanics written against its nine
/// cases (their numbers, facets and rankings) use it, so later collections add no rows to them.
#[cfg(test)]
pub(crate) fn list_2019() -> Library {
    let mut library = load(&LoadOptions::default()).expect("the built-in library is valid");
    library
        .cases
        .retain(|c| c.collection.as_str() == "samr-2019-pi");
    library
}
