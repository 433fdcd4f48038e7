//! The case library: the files of `cases/` (embedded at build time) plus an optional directory of
//! an office's own files, read, checked against the schema and each other, and assembled into one
//! immutable [`Library`] — or a [`Report`] of every problem, never half a library.

pub mod date;
pub mod diag;
pub mod files;
pub mod model;
pub mod parse;
mod reader;

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

pub use date::PartialDate;
pub use diag::{Diagnostic, Report};
pub use files::SourceFile;
pub use model::*;

use diag::{Sink, whole_file};
use parse::Refs;

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

/// A decoded file: its name, stem, text and the layer it belongs to.
struct Text {
    name: String,
    stem: String,
    text: String,
    kind: FileKind,
    /// 0: the base library; 1: the extending directory.
    layer: usize,
}

/// Where an id was first defined, to name it in a duplicate report.
struct Defined {
    file: String,
}

/// Builds a library from base files and optional extending files.
pub fn assemble(
    base: Vec<SourceFile>,
    extra: Option<Vec<SourceFile>>,
    only: bool,
) -> Result<Library, Report> {
    let mut report = Report::default();
    let base_vocab_name = base
        .iter()
        .find(|f| kind_of(f) == FileKind::Vocab)
        .map(|f| f.name.clone());
    let base_statutes_name = base
        .iter()
        .find(|f| kind_of(f) == FileKind::Statutes)
        .map(|f| f.name.clone());
    let base_dir = base.first().map(|f| f.dir.clone()).unwrap_or_default();

    let mut texts = Vec::new();
    let layers = [Some(base), extra];
    for (layer, files) in layers.into_iter().enumerate() {
        for file in files.into_iter().flatten() {
            match file.decode() {
                Ok(text) => texts.push(Text {
                    kind: kind_of(&file),
                    name: file.name,
                    stem: file.stem,
                    text,
                    layer,
                }),
                Err(problem) => report.extend([problem]),
            }
        }
    }

    // Vocabularies first: everything else refers to them.
    let mut vocab = Vocab::default();
    let mut vocab_defined: HashMap<(&'static str, String), Defined> = HashMap::new();
    // `within` may name a province of another vocab file, so it is checked after the merge.
    let mut withins: Vec<(&Text, Range<usize>, String)> = Vec::new();
    for file in texts.iter().filter(|t| t.kind == FileKind::Vocab) {
        let mut sink = Sink::new(&file.name, &file.text);
        for (kind, terms) in parse::vocab(&mut sink, &file.text) {
            for (term, span) in terms {
                if let Some(within) = &term.within {
                    withins.push((file, span.clone(), within.clone()));
                }
                let key = (kind.table_name(), term.key.clone());
                if let Some(first) = vocab_defined.get(&key) {
                    let message = format!(
                        "[{}] \"{}\" is already defined in {}",
                        kind.table_name(),
                        term.key,
                        first.file
                    );
                    sink.at(span, message);
                    continue;
                }
                vocab_defined.insert(
                    key,
                    Defined {
                        file: file.name.clone(),
                    },
                );
                vocab.terms_mut(kind).push(term);
            }
        }
        report.extend(sink.problems);
    }
    for (file, span, within) in withins {
        if vocab.term(VocabKind::Provinces, &within).is_none() {
            let mut sink = Sink::new(&file.name, &file.text);
            sink.at(
                span,
                format!("`within` names \"{within}\", which is not in [provinces]"),
            );
            report.extend(sink.problems);
        }
    }
    match &base_vocab_name {
        None => report.extend([whole_file(
            &format!("{base_dir}vocab.toml"),
            "the library has no vocab.toml",
        )]),
        Some(name) => {
            for kind in VocabKind::ALL {
                let missing: Vec<&str> = kind
                    .required_keys()
                    .iter()
                    .copied()
                    .filter(|key| vocab.term(kind, key).is_none())
                    .collect();
                if !missing.is_empty() {
                    report.extend([whole_file(
                        name,
                        format!(
                            "[{}] lacks required keys: {}",
                            kind.table_name(),
                            missing.join(", ")
                        ),
                    )]);
                }
            }
        }
    }

    let mut statutes = Vec::new();
    let mut statute_defined: HashMap<String, Defined> = HashMap::new();
    for file in texts.iter().filter(|t| t.kind == FileKind::Statutes) {
        let mut sink = Sink::new(&file.name, &file.text);
        for (statute, span) in parse::statutes(&mut sink, &file.text, &vocab) {
            if let Some(first) = statute_defined.get(&statute.id) {
                let message = format!(
                    "statute \"{}\" is already defined in {}",
                    statute.id, first.file
                );
                sink.at(span, message);
                continue;
            }
            statute_defined.insert(
                statute.id.clone(),
                Defined {
                    file: file.name.clone(),
                },
            );
            statutes.push(statute);
        }
        report.extend(sink.problems);
    }
    match &base_statutes_name {
        None => report.extend([whole_file(
            &format!("{base_dir}statutes.toml"),
            "the library has no statutes.toml",
        )]),
        Some(name) => {
            let missing: Vec<&str> = REQUIRED_STATUTES
                .iter()
                .copied()
                .filter(|id| !statute_defined.contains_key(*id))
                .collect();
            if !missing.is_empty() {
                report.extend([whole_file(
                    name,
                    format!("lacks required statutes: {}", missing.join(", ")),
                )]);
            }
        }
    }

    let mut collections = Vec::new();
    let mut collection_defined: HashMap<String, Defined> = HashMap::new();
    for file in texts.iter().filter(|t| t.kind == FileKind::Collections) {
        let mut sink = Sink::new(&file.name, &file.text);
        for (collection, span) in parse::collections(&mut sink, &file.text) {
            if let Some(first) = collection_defined.get(&collection.id) {
                let message = format!(
                    "collection \"{}\" is already defined in {}",
                    collection.id, first.file
                );
                sink.at(span, message);
                continue;
            }
            collection_defined.insert(
                collection.id.clone(),
                Defined {
                    file: file.name.clone(),
                },
            );
            collections.push(collection);
        }
        report.extend(sink.problems);
    }

    // The base campaign is shown; one in an extending directory is checked but not merged.
    let mut campaign = None;
    for file in texts.iter().filter(|t| t.kind == FileKind::Campaign) {
        let mut sink = Sink::new(&file.name, &file.text);
        let parsed = parse::campaign(&mut sink, &file.text, &vocab);
        if let Some(parsed) = &parsed
            && let Some(key) = &parsed.collection
            && !collection_defined.contains_key(key)
        {
            sink.at(0..0, format!("unknown collection \"{key}\" in campaign"));
        }
        report.extend(sink.problems);
        if campaign.is_none() {
            campaign = parsed;
        }
    }

    let refs = Refs {
        vocab: &vocab,
        statutes: statutes.iter().map(|s| s.id.as_str()).collect(),
        collections: collections.iter().map(|c| c.id.as_str()).collect(),
    };
    let mut cases: Vec<(Case, usize)> = Vec::new();
    let mut case_defined: HashMap<String, Defined> = HashMap::new();
    let mut positions: HashMap<(String, u64), String> = HashMap::new();
    for file in texts.iter().filter(|t| t.kind == FileKind::Case) {
        let mut sink = Sink::new(&file.name, &file.text);
        if let Some(case) = parse::case(&mut sink, &file.text, &file.stem, &refs) {
            let whole = 0..0;
            if let Some(first) = case_defined.get(&case.id) {
                let message = format!("case \"{}\" is already defined in {}", case.id, first.file);
                sink.at(
                    span_of_key(&file.text, "id").unwrap_or(whole.clone()),
                    message,
                );
            } else {
                case_defined.insert(
                    case.id.clone(),
                    Defined {
                        file: file.name.clone(),
                    },
                );
            }
            if let Some(position) = case.position {
                let slot = (case.collection.clone(), position);
                if let Some(first) = positions.get(&slot) {
                    let message = format!(
                        "position {position} in collection \"{}\" is already taken by {first}",
                        case.collection
                    );
                    sink.at(
                        span_of_key(&file.text, "position").unwrap_or(whole),
                        message,
                    );
                } else {
                    positions.insert(slot, file.name.clone());
                }
            }
            cases.push((case, file.layer));
        }
        report.extend(sink.problems);
    }

    if !report.is_empty() {
        return Err(report.finish());
    }
    if only {
        cases.retain(|(_, layer)| *layer == 1);
    }
    let mut cases: Vec<Case> = cases.into_iter().map(|(case, _)| case).collect();
    cases.sort_by(|a, b| {
        (&a.collection, a.position.unwrap_or(u64::MAX), &a.id).cmp(&(
            &b.collection,
            b.position.unwrap_or(u64::MAX),
            &b.id,
        ))
    });
    Ok(Library {
        vocab,
        statutes,
        collections,
        campaign,
        cases,
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

/// Case ids of a library that are closest to `wanted`, for "did you mean" messages.
pub fn nearest_case_ids<'l>(library: &'l Library, wanted: &str, count: usize) -> Vec<&'l str> {
    let mut scored: Vec<(usize, &str)> = library
        .cases
        .iter()
        .map(|c| {
            let id = c.id.as_str();
            // A typed fragment of an id ("maikai") should rank that id first.
            let distance = if id.contains(wanted) {
                0
            } else {
                strsim::levenshtein(wanted, id)
            };
            (distance, id)
        })
        .collect();
    scored.sort();
    scored.into_iter().take(count).map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests;
