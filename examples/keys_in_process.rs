//! Each key of two queries typed into the search of a large library, timed in-process (best of
//! three): `cargo run --release --example keys_in_process -- DIR [held]`.
//!
//! Loads DIR (`--only`) through the cache as the browser does (run it once first: the second run
//! is the warm start), so the cases' summaries stay in the cache file and are read as a search
//! needs them. With `held`, the same keys again with every summary read into memory first: the
//! difference is what leaving them in the file costs a key.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use casebook::library::{self, LoadOptions};
use casebook::query::search::{self, Index, Query};

const QUERIES: [&str; 2] = ["fangchan", "员工卖客户信息"];

/// Each key of `query` typed on from the one before: the best of three runs, in milliseconds.
fn keys(index: &Index, query: &str) -> String {
    let mut best = vec![f64::MAX; query.chars().count()];
    for _ in 0..3 {
        let (mut before, mut typed) = (None, String::new());
        for (n, c) in query.chars().enumerate() {
            typed.push(c);
            let start = Instant::now();
            let (_, trail, _) = index.search_typed(&Query::new(&typed), before.as_ref());
            best[n] = best[n].min(start.elapsed().as_secs_f64() * 1000.0);
            before = Some(trail);
        }
    }
    query
        .chars()
        .zip(best)
        .map(|(c, ms)| format!("{c} {ms:.0}"))
        .collect::<Vec<_>>()
        .join(" | ")
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: keys_in_process DIR [held]");
        return ExitCode::from(2);
    };
    let options = LoadOptions {
        extra_dir: Some(&dir),
        only: true,
    };
    let cache = library::cache::default_dir();
    let mut library = match library::cache::load(&options, cache.as_deref(), &search::Indexer) {
        Ok(loaded) => loaded.library,
        Err(report) => {
            eprintln!("{report:?}");
            return ExitCode::from(1);
        }
    };
    casebook::query::words::warm_up();
    let stored = library
        .cases
        .iter()
        .filter(|c| c.summary.is_stored())
        .count();
    println!(
        "{stored} of {} summaries in the cache file",
        library.cases.len()
    );
    {
        let index = Index::new(&library);
        for query in QUERIES {
            println!("in the file: {}", keys(&index, query));
        }
    }
    if std::env::args().nth(2).as_deref() == Some("held") {
        for case in &mut library.cases {
            case.summary = case.summary.text().into_owned().into();
        }
        let index = Index::new(&library);
        for query in QUERIES {
            println!("held:        {}", keys(&index, query));
        }
    }
    ExitCode::SUCCESS
}
