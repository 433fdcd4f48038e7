//! The vocabularies of every `vocab.toml` merged into one (the first definition of a key wins,
//! a second is reported), then checked across files: a province's `within` must name a province,
//! and an alias may name only one term of its vocabulary.

use std::collections::HashMap;
use std::ops::Range;

use super::diag::{Msg, Report, Sink};
use super::model::{Vocab, VocabKind};
use super::{FileKind, FirstDefinitions, Text, parse};

/// The vocabularies of every vocab file, merged; `within` is checked once all are known.
pub(super) fn merge_vocab(texts: &[Text], report: &mut Report) -> Vocab {
    let mut vocab = Vocab::default();
    let mut defined: HashMap<&'static str, FirstDefinitions> = HashMap::new();
    let mut withins: Vec<(&Text, Range<usize>, String)> = Vec::new();
    let mut aliased: Vec<(VocabKind, String, &Text, usize)> = Vec::new();
    for file in texts.iter().filter(|t| t.kind == FileKind::Vocab) {
        let mut sink = Sink::new(&file.name, &file.text);
        for (kind, terms) in parse::vocab(&mut sink, &file.text) {
            let what = format!("[{}]", kind.table_name());
            let first = defined.entry(kind.table_name()).or_default();
            for (term, span) in terms {
                if !first.claim(&mut sink, &what, &term.key, span.clone()) {
                    continue;
                }
                if let Some(within) = &term.within {
                    withins.push((file, span.clone(), within.clone()));
                }
                if !term.aliases.is_empty() {
                    aliased.push((kind, term.key.clone(), file, span.start));
                }
                vocab.terms_mut(kind).push(term);
            }
        }
        report.extend(sink.problems);
    }
    for (file, span, within) in withins {
        if vocab.term(VocabKind::Provinces, &within).is_none() {
            let mut sink = Sink::new(&file.name, &file.text);
            let message = Msg::new(
                format!("`within` names \"{within}\", which is not in [provinces]"),
                format!("`within` 指向的 \"{within}\" 不在 [provinces] 中"),
            );
            sink.at(span, message);
            report.extend(sink.problems);
        }
    }
    check_aliases(&vocab, &aliased, report);
    vocab
}

/// An alias must name one term only: an alias that is another term's key, label or alias would
/// leave search and the filters to guess which is meant.
fn check_aliases(
    vocab: &Vocab,
    aliased: &[(VocabKind, String, &Text, usize)],
    report: &mut Report,
) {
    for kind in VocabKind::ALL {
        let mut owner: HashMap<String, &str> = HashMap::new();
        for term in vocab.terms(kind) {
            for name in [&term.key, &term.label.zh, &term.label.en] {
                owner.entry(name.trim().to_lowercase()).or_insert(&term.key);
            }
        }
        for (_, key, file, from) in aliased.iter().filter(|(k, ..)| *k == kind) {
            let Some(term) = vocab.term(kind, key) else {
                continue;
            };
            for alias in &term.aliases {
                let name = alias.trim().to_lowercase();
                match owner.get(&name) {
                    Some(other) if *other != key.as_str() => {
                        let quoted = format!("\"{alias}\"");
                        let at = file.text[*from..]
                            .find(&quoted)
                            .map_or(*from..*from, |i| from + i..from + i + quoted.len());
                        let mut sink = Sink::new(&file.name, &file.text);
                        let table = kind.table_name();
                        let message = Msg::new(
                            format!(
                                "alias \"{alias}\" of [{table}.{key}] already names \"{other}\": an alias must name one term"
                            ),
                            format!(
                                "[{table}.{key}] 的别名 \"{alias}\" 已指向 \"{other}\"：一个别名只能指向一个词条"
                            ),
                        );
                        sink.at(at, message);
                        report.extend(sink.problems);
                    }
                    Some(_) => {}
                    None => {
                        owner.insert(name, key);
                    }
                }
            }
        }
    }
}
