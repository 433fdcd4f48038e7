//! Bytes → a library file of one kind (the first byte chooses which) → the whole loader and
//! validator, beside the built-in library. Anything may be rejected; nothing may panic, and a
//! library that loads must pass the same checks when its case is shown.
#![no_main]

use casebook::library::{self, SourceFile};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 5] = [
    "office-case.toml",
    "vocab.toml",
    "statutes.toml",
    "collections.toml",
    "campaign.toml",
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[first as usize % NAMES.len()];
    let file = SourceFile {
        name: format!("fuzz/{name}"),
        stem: name.trim_end_matches(".toml").to_string(),
        dir: "fuzz/".to_string(),
        bytes: Ok(bytes.to_vec()),
        path: None,
    };
    if let Ok(library) = library::assemble(library::files::embedded(), Some(vec![file]), false) {
        for case in &library.cases {
            // Validation keeps control characters out of every text a sheet shows.
            let sheet = casebook::sheet::build(&casebook::msg::ZH, &library, case, &[]);
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
    }
});
