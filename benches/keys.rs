//! Every key of a query typed into the browser at 10,000 cases (or `CASEBOOK_BENCH_CASES`), timed until its frame is
//! written: the search (typing on from the key before), the facet recount, the frame drawn and
//! sent through the wire backend (to memory). Run with `cargo bench --bench keys`; each argument
//! is the text typed so far, its last character the key measured.

use std::sync::OnceLock;

use casebook::library::Library;
use casebook::library::cache::Indexer as _;
use casebook::msg::ZH;
use casebook::query::search::Indexer;
use casebook::synth;
use casebook::tui::wire::Wire;
use casebook::tui::{Action, App};
use divan::Bencher;
use ratatui::Terminal;

/// Cases in the generated library: 10,000, or `CASEBOOK_BENCH_CASES` (100000 for a nation's).
fn size() -> usize {
    std::env::var("CASEBOOK_BENCH_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn main() {
    divan::main();
}

fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        let library = synth::library(size()).expect("generated libraries are valid");
        // Indexed once, as the cache does, rather than for every sample's browser.
        library.derived.keep(Indexer.build(&library));
        library
    })
}

/// The browser with the search box open and `before` typed, each key drawn as it came.
fn typed(before: &str) -> (App<'static>, Terminal<Wire<std::io::Sink>>) {
    let mut app = App::new(library(), &ZH, WIDTH, HEIGHT);
    let backend = Wire::with_size(std::io::sink(), WIDTH, HEIGHT).on_blank_screen();
    let mut terminal = Terminal::new(backend).expect("a terminal in memory");
    app.update(Action::StartSearch);
    terminal.draw(|frame| app.view(frame)).expect("drawn");
    for c in before.chars() {
        app.update(Action::SearchInput(c));
        terminal.draw(|frame| app.view(frame)).expect("drawn");
        // The pause before the next key, as the event loop uses it.
        if app.idle() {
            terminal.draw(|frame| app.view(frame)).expect("drawn");
        }
    }
    (app, terminal)
}

fn key(bencher: Bencher, text: &str) {
    let split = text.char_indices().last().map_or(0, |(at, _)| at);
    let (before, key) = text.split_at(split);
    let key = key.chars().next().expect("a key");
    bencher
        .with_inputs(|| typed(before))
        .bench_local_values(|(mut app, mut terminal)| {
            app.update(Action::SearchInput(key));
            terminal.draw(|frame| app.view(frame)).expect("drawn");
            (app, terminal)
        });
}

#[divan::bench(
    args = ["f", "fa", "fan", "fang", "fangc", "fangch", "fangcha", "fangchan"],
    sample_count = 10,
    sample_size = 1
)]
fn pinyin(bencher: Bencher, text: &str) {
    key(bencher, text);
}

#[divan::bench(args = ["房", "房产", "房产经", "房产经纪"], sample_count = 10, sample_size = 1)]
fn hanzi(bencher: Bencher, text: &str) {
    key(bencher, text);
}

/// A phrase an officer says, found by cutting it into words once it finds nothing whole.
#[divan::bench(
    args = ["员", "员工", "员工卖", "员工卖客", "员工卖客户", "员工卖客户信", "员工卖客户信息"],
    sample_count = 10,
    sample_size = 1
)]
fn phrase(bencher: Bencher, text: &str) {
    key(bencher, text);
}
