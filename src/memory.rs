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
