//! Any typed text → the search (match, rank, highlight) over the built-in library and a
//! generated one. Nothing may panic, typing on finds what searching at once finds, and
//! highlights must fall inside the text.
#![no_main]

use std::sync::OnceLock;

use casebook::library::{self, Library, LoadOptions};
use casebook::query::search::{Index, Query};
use libfuzzer_sys::fuzz_target;

/// The built-in library and a generated one, indexed once.
fn indexes() -> &'static [(&'static Library, Index<'static>); 2] {
    static INDEXES: OnceLock<[(&'static Library, Index<'static>); 2]> = OnceLock::new();
    INDEXES.get_or_init(|| {
        let built_in: &'static Library = Box::leak(Box::new(
            library::load(&LoadOptions::default()).expect("built in"),
        ));
        let generated: &'static Library =
            Box::leak(Box::new(casebook::synth::library(300).expect("generated")));
        [
            (built_in, Index::new(built_in)),
            (generated, Index::new(generated)),
        ]
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let query = Query::new(&text);
    for (library, index) in indexes() {
        let (hits, trail, _) = index.search_typed(&query, None);
        assert_eq!(hits, index.find(&query).0);
        // A key typed on from this search finds what searching the longer query at once finds.
        let longer = Query::new(&format!("{text}a"));
        let (typed_on, _, _) = index.search_typed(&longer, Some(&trail));
        assert_eq!(typed_on, index.find(&longer).0);
        for hit in hits.iter().take(3) {
            let title = &library.cases[hit.case].title;
            let count = title.chars().count();
            for mark in index.highlight(title, &query) {
                assert!(
                    mark < count,
                    "highlight {mark} outside a {count}-character title"
                );
            }
        }
    }
});
