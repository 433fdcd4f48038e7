//! Where the memory of a large library goes: `cargo run --release --example memory -- DIR`.
//!
//! Loads DIR (`--only`) as the browser does, through the cache (run it twice: the second run is
//! the warm start), then prints the process's resident size after each phase and the bytes each
//! part of the library holds: case records, their texts (those too long to live inside the
//! record), their lists, the search tables. Linux only (it reads `/proc/self/status`).

use std::collections::HashSet;
use std::mem::size_of_val;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use casebook::library::model::{Case, Rare, Str};
use casebook::library::{self, LoadOptions};
use casebook::query::search::{self, Index, Query, Tables};

const MB: f64 = 1_000_000.0;

/// VmRSS and VmHWM, in MB.
fn resident() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb * 1024.0 / MB)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn phase(name: &str) {
    let (rss, peak) = resident();
    println!("resident {rss:6.1} MB   peak {peak:6.1} MB   {name}");
}

/// The bytes of a text kept outside its record (a `Str` holds up to 24 bytes inline).
fn heap(text: &Str) -> usize {
    if text.is_heap_allocated() {
        text.len()
    } else {
        0
    }
}

/// The bytes of a case's summary held outside its record: none when it was left in the cache
/// file.
fn held(case: &Case) -> usize {
    let summary = &case.summary;
    if summary.is_stored() || summary.len() <= 24 {
        0
    } else {
        summary.len()
    }
}

/// Shared lists and texts already counted (by address): each is counted once.
type Counted = HashSet<usize>;

/// Whether the shared `value` is seen here for the first time.
fn first<T: ?Sized>(counted: &mut Counted, value: &Arc<T>) -> bool {
    counted.insert(Arc::as_ptr(value).cast::<u8>() as usize)
}

/// Every text of a case but its summary and title, outside the record; shared ones once.
fn other_texts(case: &Case, counted: &mut Counted) -> usize {
    let optional = |text: &Option<Str>| text.as_ref().map_or(0, heap);
    let mut bytes = [
        &case.id,
        &case.collection,
        &case.party.name,
        &case.party.kind,
    ]
    .into_iter()
    .chain([&case.place.province])
    .map(heap)
    .sum::<usize>();
    bytes += [&case.sector, &case.place.city]
        .into_iter()
        .map(optional)
        .sum::<usize>();
    if let Some(authority) = &case.authority
        && first(counted, authority)
    {
        bytes += authority.len();
    }
    // A rare field's box holds its text's record, and the text where it is long.
    let rare = |text: &Rare<Str>| text.as_deref().map_or(0, |t| size_of_val(t) + heap(t));
    bytes += [
        &case.title_en,
        &case.summary_en,
        &case.amount_note,
        &case.illegal_gains_note,
        &case.place.district,
    ]
    .into_iter()
    .map(rare)
    .sum::<usize>();
    bytes += case.data_kinds.iter().flatten().map(heap).sum::<usize>();
    if first(counted, &case.violations) {
        bytes += case.violations.iter().map(heap).sum::<usize>();
    }
    if first(counted, &case.law) {
        bytes += case.law.iter().map(|l| heap(&l.statute)).sum::<usize>();
    }
    if first(counted, &case.penalty) {
        bytes += case
            .penalty
            .iter()
            .map(|p| heap(&p.kind) + optional(&p.note) + optional(&p.combined))
            .sum::<usize>();
    }
    if first(counted, &case.source) {
        bytes += case
            .source
            .iter()
            .map(|s| heap(&s.title) + optional(&s.publisher) + optional(&s.url))
            .sum::<usize>();
    }
    bytes += case
        .quantity
        .iter()
        .map(|q| heap(&q.unit) + heap(&q.what) + optional(&q.what_en))
        .sum::<usize>();
    bytes += case
        .inferred
        .iter()
        .flat_map(|inferred| inferred.iter())
        .map(|(k, v)| k.len() + v.len())
        .sum::<usize>();
    bytes
}

/// The bytes of a case's lists (the records they hold, not their texts); shared ones once.
fn lists(case: &Case, counted: &mut Counted) -> usize {
    let shared = |list: &dyn Fn() -> usize, first: bool| if first { list() } else { 0 };
    size_of_val(&case.summary_parts[..])
        + case.data_kinds.as_ref().map_or(0, |d| size_of_val(&d[..]))
        + size_of_val(&case.quantity[..])
        + case.judgment.as_ref().map_or(0, |j| size_of_val(&**j))
        + shared(
            &|| size_of_val(&case.violations[..]),
            first(counted, &case.violations),
        )
        + shared(&|| size_of_val(&case.law[..]), first(counted, &case.law))
        + shared(
            &|| size_of_val(&case.penalty[..]),
            first(counted, &case.penalty),
        )
        + shared(
            &|| size_of_val(&case.source[..]),
            first(counted, &case.source),
        )
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: memory DIR");
        return ExitCode::from(2);
    };
    phase("started");
    let options = LoadOptions {
        extra_dir: Some(&dir),
        only: true,
    };
    let cache = library::cache::default_dir();
    // As the program loads (see `casebook::memory::loading`).
    let loaded = casebook::memory::loading(|| {
        library::cache::load(&options, cache.as_deref(), &search::Indexer)
    });
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(report) => {
            eprintln!("{report:?}");
            return ExitCode::from(1);
        }
    };
    casebook::memory::give_back();
    let library = loaded.library;
    phase(&format!("loaded {} cases", library.cases.len()));
    // As the browser does (see `Results::new`).
    casebook::memory::loading(casebook::query::words::warm_up);
    phase("the segmenter (jieba) loaded");
    let index = Index::new(&library);
    for query in ["房产", "fangchan", "员工卖客户信息"] {
        let (hits, _) = index.find(&Query::new(query));
        // The query last: its characters are two columns wide.
        phase(&format!("searched, {} cases found: {query}", hits.len()));
    }

    println!();
    let cases = &library.cases;
    let (mut texts, mut listed) = (Counted::new(), Counted::new());
    let mut parts = vec![
        ("case records", size_of_val(&cases[..])),
        ("summaries held", cases.iter().map(held).sum()),
        ("titles", cases.iter().map(|c| heap(&c.title)).sum()),
        (
            "other texts of cases",
            cases.iter().map(|c| other_texts(c, &mut texts)).sum(),
        ),
        (
            "lists of cases",
            cases.iter().map(|c| lists(c, &mut listed)).sum(),
        ),
    ];
    if let Some(tables) = library
        .derived
        .index()
        .and_then(|index| index.downcast_ref::<Tables>())
    {
        parts.extend(tables.footprint());
    }
    let stored = cases.iter().filter(|c| c.summary.is_stored()).count();
    println!(
        "summaries left in the cache file: {stored} of {}",
        cases.len()
    );
    let mut total = 0;
    for (name, bytes) in &parts {
        total += bytes;
        println!("{name:<40} {:8.1} MB", *bytes as f64 / MB);
    }
    println!(
        "{:<40} {:8.1} MB (without the allocator's own)",
        "all of it",
        total as f64 / MB
    );
    ExitCode::SUCCESS
}
