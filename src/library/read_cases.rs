//! Reading case files: each on its own (its text dropped once read), on every core, handed back
//! in file order for the checks across files.

use super::diag::{self, Diagnostic, Sink};
use super::files::SourceFile;
use super::model::Case;
use super::{parse, span_of_key};

/// One case file, read and checked on its own.
pub(super) struct ReadCase {
    pub name: String,
    pub layer: usize,
    pub case: Option<Case>,
    pub problems: Vec<Diagnostic>,
    /// Where its `id` and `position` are written, for the checks across files.
    pub id_at: (usize, usize),
    pub position_at: (usize, usize),
}

fn read_case((mut source, layer): (SourceFile, usize), refs: &parse::Refs) -> ReadCase {
    if let Some(case) = source.reused.take() {
        // Read and found valid before, unchanged since. Where its id and position are written is
        // not known: a problem across files sends the cache back to reading every file.
        return ReadCase {
            name: source.name,
            layer,
            case: Some(*case),
            problems: Vec::new(),
            id_at: (1, 1),
            position_at: (1, 1),
        };
    }
    // One file at a time: its text is dropped once the case is read.
    let text = match source.decode() {
        Ok(text) => text,
        Err(problem) => {
            return ReadCase {
                name: source.name,
                layer,
                case: None,
                problems: vec![problem],
                id_at: (1, 1),
                position_at: (1, 1),
            };
        }
    };
    let mut sink = Sink::new(&source.name, &text);
    let case = parse::case(&mut sink, &text, &source.stem, refs);
    let at = |key: &str| diag::line_col(&text, span_of_key(&text, key).unwrap_or(0..0).start);
    let (id_at, position_at) = (at("id"), at("position"));
    let problems = sink.problems;
    ReadCase {
        name: source.name,
        layer,
        case,
        problems,
        id_at,
        position_at,
    }
}

/// Reads every case file, on every core, and hands each to `each` in file order (the checks
/// across files, such as duplicate ids, need that order). Files are dealt out in turn and results
/// come back through small queues, so only a few are ever waiting: collecting them all first
/// would, at 100,000 cases, briefly hold every case twice.
pub(super) fn read_cases(
    files: Vec<(SourceFile, usize)>,
    refs: &parse::Refs,
    mut each: impl FnMut(ReadCase),
) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let count = files.len();
    // Below this many files a second thread costs more than it saves.
    if cores < 2 || count < 256 {
        files
            .into_iter()
            .for_each(|file| each(read_case(file, refs)));
        return;
    }
    let mut hands: Vec<Vec<(SourceFile, usize)>> = (0..cores).map(|_| Vec::new()).collect();
    for (i, file) in files.into_iter().enumerate() {
        hands[i % cores].push(file);
    }
    std::thread::scope(|scope| {
        let queues: Vec<_> = hands
            .into_iter()
            .map(|hand| {
                let (send, receive) = std::sync::mpsc::sync_channel(64);
                scope.spawn(move || {
                    for file in hand {
                        if send.send(read_case(file, refs)).is_err() {
                            return; // the reader has stopped
                        }
                    }
                });
                receive
            })
            .collect();
        for i in 0..count {
            // A worker that stops early has panicked: the scope passes its panic on.
            let Ok(read) = queues[i % cores].recv() else {
                break;
            };
            each(read);
        }
    });
}
