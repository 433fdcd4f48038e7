//! Any bytes a client sends → keys → the browser, as a session of `casebook serve` takes them:
//! the input decoder, the keymap, every screen's update and view. Nothing may panic, whatever
//! arrives and however it is cut into reads.
#![no_main]

use std::sync::OnceLock;

use casebook::library::{self, Library, LoadOptions};
use casebook::tui::keymap;
use casebook::tui::session::{Session, SessionOptions};
use casebook::tui::theme::Look;
use libfuzzer_sys::fuzz_target;

fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| library::load(&LoadOptions::default()).expect("built in"))
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the terminal's size and how the rest is cut into reads.
    let Some((&shape, bytes)) = data.split_first() else {
        return;
    };
    let size = [(80, 24), (40, 12), (120, 40), (20, 5)][usize::from(shape & 3)];
    let options = SessionOptions {
        look: Look::default(),
        mouse: true,
        osc52: true,
        keymap: keymap::built_in(),
        state: None,
    };
    let mut session =
        Session::new(library(), &casebook::msg::ZH, options, size).expect("a session");
    let cut = usize::from(shape >> 2).max(1);
    for read in bytes.chunks(cut) {
        if session.finished() {
            break;
        }
        session.feed(read).expect("writing to memory");
        let _ = session.output();
    }
});
