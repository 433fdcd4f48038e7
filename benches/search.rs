//! Scale benchmarks on synthetic libraries of 10 to 100,000 cases: loading, indexing, queries in
//! hanzi and pinyin of several lengths, facet recounts, and a whole keystroke (search + recount).
//! Run with `cargo bench`.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use casebook::library::{self, Library};
use casebook::query::facets::FacetIndex;
use casebook::query::filter::Filter;
use casebook::query::search::{Hit, Index, Query, Trail};
use casebook::synth;
use divan::Bencher;

const SIZES: [usize; 4] = [10, 1_000, 10_000, 100_000];

fn main() {
    divan::main();
}

/// Generated libraries, built once per size and kept for every benchmark.
fn library(size: usize) -> &'static Library {
    static CACHE: OnceLock<Mutex<HashMap<usize, &'static Library>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap();
    cache.entry(size).or_insert_with(|| {
        Box::leak(Box::new(
            synth::library(size).expect("generated libraries are valid"),
        ))
    })
}

fn index(size: usize) -> &'static Index<'static> {
    static CACHE: OnceLock<Mutex<HashMap<usize, &'static Index<'static>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap();
    cache
        .entry(size)
        .or_insert_with(|| Box::leak(Box::new(Index::new(library(size)))))
}

/// Parse and validate every file (in memory: the disk is measured end to end with hyperfine).
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn load(bencher: Bencher, size: usize) {
    bencher
        .with_inputs(|| synth::files(size))
        .bench_values(|files| library::assemble(library::files::embedded(), Some(files), true));
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn index_build(bencher: Bencher, size: usize) {
    let library = library(size);
    bencher.bench(|| Index::new(library));
}

fn query(bencher: Bencher, size: usize, text: &str) {
    let index = index(size);
    let query = Query::new(text);
    bencher.bench(|| index.search(&query, None));
}

#[divan::bench(args = SIZES)]
fn hanzi_1(bencher: Bencher, size: usize) {
    query(bencher, size, "房");
}

#[divan::bench(args = SIZES)]
fn hanzi_2(bencher: Bencher, size: usize) {
    query(bencher, size, "房产");
}

#[divan::bench(args = SIZES)]
fn hanzi_5(bencher: Bencher, size: usize) {
    query(bencher, size, "房产经纪有");
}

#[divan::bench(args = SIZES)]
fn pinyin_2(bencher: Bencher, size: usize) {
    query(bencher, size, "fc");
}

#[divan::bench(args = SIZES)]
fn pinyin_6(bencher: Bencher, size: usize) {
    query(bencher, size, "fangch");
}

#[divan::bench(args = SIZES)]
fn pinyin_12(bencher: Bencher, size: usize) {
    query(bencher, size, "fangchanjing");
}

/// Facet counts for every facet, with a sector chosen.
#[divan::bench(args = SIZES)]
fn facet_recount(bencher: Bencher, size: usize) {
    let facets = FacetIndex::new(library(size));
    let filter = Filter {
        sectors: vec!["real-estate".into()],
        ..Filter::default()
    };
    bencher.bench(|| facets.count(&filter, None));
}

/// One keystroke as the browser handles it: the first letter searches everything, then the
/// facets are recounted under the search.
#[divan::bench(args = SIZES)]
fn keystroke_first(bencher: Bencher, size: usize) {
    let facets = FacetIndex::new(library(size));
    let index = index(size);
    let query = Query::new("f");
    bencher.bench(|| recount(&facets, &index.search_typed(&query, None).0, size));
}

/// A later keystroke: `fangc` typed after `f`, `fa`, `fan`, `fang`, searched from `fang`'s
/// search as the browser does.
#[divan::bench(args = SIZES)]
fn keystroke_narrowed(bencher: Bencher, size: usize) {
    let facets = FacetIndex::new(library(size));
    let index = index(size);
    let before = typed(index, "fang");
    let query = Query::new("fangc");
    bencher.bench(|| {
        let (hits, _, _) = index.search_typed(&query, Some(&before));
        recount(&facets, &hits, size)
    });
}

/// The second keystroke, `fa` after `f`: the last one that reads every case's text.
#[divan::bench(args = SIZES, sample_count = 20)]
fn keystroke_second(bencher: Bencher, size: usize) {
    let facets = FacetIndex::new(library(size));
    let index = index(size);
    let before = typed(index, "f");
    let query = Query::new("fa");
    bencher.bench(|| {
        let (hits, _, _) = index.search_typed(&query, Some(&before));
        recount(&facets, &hits, size)
    });
}

/// `text` typed key by key, each search from the one before.
fn typed(index: &Index, text: &str) -> Trail {
    let mut before: Option<Trail> = None;
    for end in (1..=text.len()).filter(|&end| text.is_char_boundary(end)) {
        before = Some(
            index
                .search_typed(&Query::new(&text[..end]), before.as_ref())
                .1,
        );
    }
    before.expect("a query of at least one character")
}

/// The facets recounted under a search's hits, as the browser does after each key.
fn recount(facets: &FacetIndex, hits: &[Hit], size: usize) -> usize {
    let mut mask = vec![false; size];
    for hit in hits {
        mask[hit.case] = true;
    }
    facets.count(&Filter::default(), Some(&mask)).len() + hits.len()
}

/// Training: every exercise of the library drawn (what `t` does on the whole library), and a
/// session planned over them.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn training_exercises(bencher: Bencher, size: usize) {
    let library = library(size);
    let scope = casebook::training::Scope::all(library);
    bencher.bench(|| {
        casebook::training::exercises(&casebook::msg::training::ZH, library, &scope, &[], 1)
    });
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn training_session_plan(bencher: Bencher, size: usize) {
    let library = library(size);
    let scope = casebook::training::Scope::all(library);
    let all = casebook::training::exercises(&casebook::msg::training::ZH, library, &scope, &[], 1);
    let progress = casebook::training::progress::Progress::default();
    bencher.bench(|| casebook::training::schedule::plan(&all, &progress, 0, 1, 10, false));
}

/// What `t` costs in the browser: the scope sampled to at most 2,000 cases, then their exercises.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn training_enter(bencher: Bencher, size: usize) {
    let library = library(size);
    bencher.bench(|| {
        let scope = casebook::training::Scope::all(library).sampled(library, &|_| false, 1, 2_000);
        casebook::training::exercises(&casebook::msg::training::ZH, library, &scope, &[], 1)
    });
}

/// Loading `--cases DIR` from the cache (the second run on), index included: generated files
/// written once into a temporary directory, dated a minute back so the cache takes them, the
/// cache warmed.
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 5, sample_size = 1)]
fn cached_load(bencher: Bencher, size: usize) {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases");
    synth::write_settled(size, &cases).unwrap();
    let cache = dir.path().join("cache");
    let options = library::LoadOptions {
        extra_dir: Some(&cases),
        only: true,
    };
    let indexer = casebook::query::search::Indexer;
    library::cache::load(&options, Some(&cache), &indexer).unwrap();
    bencher.bench(|| library::cache::load(&options, Some(&cache), &indexer).unwrap());
}

/// One key in the decision aid's form: the facts read again and the whole picture worked out —
/// provisions on the date, range, thresholds, fines in practice and the precedents' ranking.
#[divan::bench(args = SIZES)]
fn assess_keystroke(bencher: Bencher, size: usize) {
    let (library, index) = (library(size), index(size));
    let draft = casebook::assess::Draft {
        conduct: "出售".into(),
        data: "电话号码,姓名".into(),
        sector: "房产".into(),
        records: "6000".into(),
        gains: "8000".into(),
        date: "2019-05-10".into(),
        ..Default::default()
    };
    bencher.bench(|| {
        let facts = draft.facts(library).expect("valid facts");
        casebook::assess::assess(library, index, facts)
            .precedents
            .len()
    });
}
