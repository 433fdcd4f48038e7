//! Bytes → a library file of one kind (the first byte chooses which) → its parser and validator,
//! against the built-in library, which is loaded once, outside the loop. Anything may be
//! rejected; nothing may panic, and a case that passes must keep control characters out of every
//! line its sheet shows.
//!
//! About one input in 256 (by a checksum of its bytes, whatever its kind) also goes through the
//! whole loader twice, over the built-in vocabularies, statutes and collections without its cases: beside a good office case
//! (`assemble`), and with files that have problems left out (`assemble_leaving_out`, the path a
//! shared office library takes when a colleague's file is broken). Doing that for every input
//! re-read the built-in library each time: 13 executions a second.
#![no_main]

use std::sync::OnceLock;

use casebook::library::diag::Sink;
use casebook::library::parse::{self, Refs};
use casebook::library::{self, Library, SourceFile};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 5] = [
    "office-case.toml",
    "vocab.toml",
    "statutes.toml",
    "collections.toml",
    "campaign.toml",
];

/// A valid office case, to sit beside the fuzzed file in the whole-loader path.
const GOOD: &str = include_str!("../../tests/fixtures/office-case.toml");

fn built_in() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        library::load(&library::LoadOptions::default()).expect("the built-in library is valid")
    })
}

fn file(name: &str, bytes: &[u8]) -> SourceFile {
    SourceFile {
        name: format!("fuzz/{name}"),
        stem: name.trim_end_matches(".toml").to_string(),
        dir: "fuzz/".to_string(),
        bytes: Ok(bytes.to_vec()),
        path: None,
        reused: None,
    }
}

/// A case's sheet shows no control character but newline and tab.
fn assert_clean_sheet(library: &Library, case: &library::Case) {
    let sheet = casebook::sheet::build(&casebook::msg::ZH, library, case, &[]);
    for line in sheet
        .sections
        .iter()
        .flat_map(|s| &s.rows)
        .flat_map(|r| &r.lines)
    {
        assert!(
            !line
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "a control character in {line:?}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[first as usize % NAMES.len()];
    let base = built_in();

    // The fast path: the file's own parser and checks, against the built-in library.
    if let Ok(text) = std::str::from_utf8(bytes) {
        let mut sink = Sink::new(name, text);
        match name {
            "vocab.toml" => drop(parse::vocab(&mut sink, text)),
            "statutes.toml" => drop(parse::statutes(&mut sink, text, &base.vocab)),
            "collections.toml" => drop(parse::collections(&mut sink, text)),
            "campaign.toml" => drop(parse::campaign(&mut sink, text, &base.vocab)),
            _ => {
                let refs = Refs {
                    vocab: &base.vocab,
                    statutes: base.statutes.iter().map(|s| s.id.as_str()).collect(),
                    collections: base
                        .collections
                        .iter()
                        .map(|c| (c.id.as_str(), c.announced))
                        .collect(),
                };
                if let Some(case) = parse::case(&mut sink, text, "office-case", &refs)
                    && sink.problems.is_empty()
                {
                    assert_clean_sheet(base, &case);
                }
            }
        }
    }

    // The slow path, now and then: the whole loader, and leaving out what has problems.
    if bytes.iter().fold(first, |sum, &b| sum.wrapping_add(b)) != 0 {
        return;
    }
    let fuzzed = file(name, bytes);
    let beside = file(
        "good-one.toml",
        GOOD.replace("office-case", "good-one").as_bytes(),
    );
    let embedded: Vec<SourceFile> = library::files::embedded()
        .into_iter()
        .filter(|f| library::files::LIBRARY_FILES.contains(&f.stem.as_str()))
        .collect();
    if let Ok(library) = library::assemble(embedded.clone(), Some(vec![fuzzed.clone()]), false) {
        for case in &library.cases {
            assert_clean_sheet(&library, case);
        }
    }
    // Whatever the fuzzed file holds, the good case beside it still loads.
    let loaded = library::assemble_leaving_out(embedded, vec![fuzzed, beside], false)
        .expect("the built-in library is valid");
    assert!(
        loaded.library.cases.iter().any(|c| c.id == "good-one")
            || loaded.left_out.iter().any(|f| f.ends_with("good-one.toml")),
        "the good case neither loaded nor was left out"
    );
});
