//! Giving freed memory back to the system.
//!
//! Loading 100,000 case files and indexing them frees tens of megabytes of parser and builder
//! scratch, scattered between what is kept; glibc's allocator holds such pages rather than return
//! them, and the browser would then sit at its loading peak. Asking it to trim once a phase has
//! ended lowers the resident size on which the next phase builds (26 MB less at 100,000 cases).

/// Returns the allocator's free pages to the system, where the allocator can be asked to.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases memory the allocator holds free; it touches no live
    // allocation and is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Holds the allocator to the arenas it has, or as many as the machine has cores (two at
/// least). glibc gives threads arenas of their own, up to eight a core, and each keeps what its
/// threads freed: a search's workers, started afresh on every key, took new ones while the
/// segmenter's thread held another, and each left megabytes there (at 100,000 cases, 3 MB of
/// the browser's peak). Set once a library is loaded: during the load, its threads sharing
/// fewer arenas waited on each other (60 ms more at 100,000 cases).
fn hold_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        let arenas = i32::try_from(cores.max(2)).unwrap_or(i32::MAX);
        // SAFETY: mallopt only sets a tuning parameter of the allocator; M_ARENA_MAX may be set
        // at any time and bounds only the arenas made afterwards.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, arenas);
        }
    }
}

/// While a library loads, allocations larger than this are mapped on their own (and unmapped
/// when freed) rather than carved from the allocator's heap.
const LOADING_MAPPED_FROM: i32 = 128 << 10;

/// Afterwards, the bound glibc itself would rise to: a search's blocks (a few megabytes a key at
/// 100,000 cases) come from the heap, where they are reused key after key.
const MAPPED_FROM: i32 = 32 << 20;

/// Runs `load` (reading a library) with its large blocks kept apart from the heap, then lets the
/// heap serve large blocks again.
///
/// glibc maps a large allocation on its own, but when such a block is freed it raises that
/// bound to the block's size, and from then on blocks of a few megabytes — the cache sections
/// being read — are carved from the heap, where freeing them leaves holes the heap keeps:
/// reading a 100,000-case library left 225 MB resident rather than 199 MB. Kept mapped after
/// loading too, a search's blocks fault their pages in afresh on every key: 8 ms more a key.
pub fn loading<T>(load: impl FnOnce() -> T) -> T {
    set_mapped_from(LOADING_MAPPED_FROM);
    let loaded = load();
    set_mapped_from(MAPPED_FROM);
    hold_arenas();
    loaded
}

fn set_mapped_from(bytes: i32) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning parameter of the allocator; M_MMAP_THRESHOLD may be
    // set at any time and affects only allocations made afterwards.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, bytes);
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = bytes;
}
