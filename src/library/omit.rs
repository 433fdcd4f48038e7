//! When a field is left out of what the library writes.
//!
//! `--json` leaves out what a case file leaves out (an absent `city`, an empty list), so that the
//! output reads like the files. The binary cache cannot: its format ([postcard]) names no fields
//! and reads every field in order, so a field left out would shift all the others. The cache
//! writes inside [`keeping_all`], and these tests say "never omit" there.
//!
//! [postcard]: https://docs.rs/postcard

use std::cell::Cell;
use std::collections::BTreeMap;

thread_local! {
    static KEEP_ALL: Cell<bool> = const { Cell::new(false) };
}

/// Runs `write` with every field written, even those JSON leaves out. (Serialising runs on the
/// calling thread, so a thread-local flag reaches every nested value.)
pub fn keeping_all<T>(write: impl FnOnce() -> T) -> T {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            KEEP_ALL.with(|keep| keep.set(self.0));
        }
    }
    let _reset = Reset(KEEP_ALL.with(|keep| keep.replace(true)));
    write()
}

fn omitting() -> bool {
    !KEEP_ALL.with(Cell::get)
}

pub fn none<T>(value: &Option<T>) -> bool {
    value.is_none() && omitting()
}

pub fn empty<T>(items: &[T]) -> bool {
    items.is_empty() && omitting()
}

pub fn empty_map<K, V>(map: &BTreeMap<K, V>) -> bool {
    map.is_empty() && omitting()
}

pub fn no(flag: &bool) -> bool {
    !*flag && omitting()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn omits_outside_and_keeps_inside_even_after_a_panic() {
        assert!(none::<u8>(&None));
        assert!(keeping_all(|| !none::<u8>(&None)
            && !empty::<u8>(&[])
            && !no(&false)));
        assert!(none::<u8>(&None), "the flag is reset");
        let _ = std::panic::catch_unwind(|| keeping_all(|| panic!("inside")));
        assert!(empty::<u8>(&[]), "reset after a panic too");
    }
}
