use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
struct Count;
static BYTES: AtomicUsize = AtomicUsize::new(0);
static COUNT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Count {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 { let now = BYTES.fetch_add(l.size(), Relaxed) + l.size(); PEAK.fetch_max(now, Relaxed); COUNT.fetch_add(1, Relaxed); unsafe { System.alloc(l) } }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) { BYTES.fetch_sub(l.size(), Relaxed); COUNT.fetch_sub(1, Relaxed); unsafe { System.dealloc(p, l) } }
}
#[global_allocator]
static A: Count = Count;
fn live() -> String { format!("{} MB in {} allocs, peak {} MB", BYTES.load(Relaxed)/1_000_000, COUNT.load(Relaxed), PEAK.load(Relaxed)/1_000_000) }
use casebook::query::search::{Index, Query};
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let library = casebook::library::load(&casebook::library::LoadOptions { extra_dir: Some(std::path::Path::new(&dir)), only: true }).unwrap();
    eprintln!("library {}", live());
    let index = Index::new(&library);
    eprintln!("index {}", live());
    let facets = casebook::query::facets::FacetIndex::new(&library);
    eprintln!("facets {}", live());
    let _ = index.search(&Query::new("f"), None);
    drop(facets);
}
