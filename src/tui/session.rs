//! The browser on a terminal reached through bytes rather than the process's own: bytes in (a
//! client's keys), bytes out (frames, copies to the clipboard). A session of `casebook serve`
//! is one of these per SSH channel; so is a test. Nothing here touches the process's terminal,
//! its signals or its files: exporting a Markdown file, which would write on the server, is
//! refused with a notice.

use std::io::{self, Write};

use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, queue};
use ratatui::Terminal;
use ratatui::layout::Rect;

use crate::library::Library;
use crate::msg::Catalog;

use super::app::App;
use super::input::Input;
use super::theme::Look;
use super::turn::{self, Shell};
use super::types::Action;
use super::wire::Wire;
use super::{MOUSE_OFF, MOUSE_ON, keymap};

/// How a session's browser looks and behaves: what the client's terminal and request said.
#[derive(Debug, Clone)]
pub struct SessionOptions {
    pub look: Look,
    pub mouse: bool,
    pub osc52: bool,
    pub keymap: &'static keymap::Keymap,
    /// Where the trainee's progress is kept (a served session: the person's own directory).
    pub state: Option<crate::training::progress::Store>,
}

/// Bytes written for the client, waiting to be sent. Shared between the terminal backend, which
/// writes frames into it, and the session, which takes them out.
#[derive(Clone, Default)]
struct Outbox(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl Outbox {
    fn take(&self) -> Vec<u8> {
        // A panic while holding the lock leaves bytes that are still bytes: take them anyway.
        let mut bytes = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        std::mem::take(&mut *bytes)
    }

    fn push(&self, bytes: &[u8]) {
        let mut out = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        out.extend_from_slice(bytes);
    }
}

impl Write for Outbox {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.push(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The largest terminal a session draws: a client may claim 65535 × 65535 (a frame of four
/// billion cells); like a terminal emulator's own limits, larger sizes are clamped to this.
pub const MAX_SIZE: (u16, u16) = (500, 200);

/// A size clamped to [`MAX_SIZE`] (and to at least one cell), and whether it had to be.
pub fn clamp_size(width: u16, height: u16) -> ((u16, u16), bool) {
    let clamped = (width.clamp(1, MAX_SIZE.0), height.clamp(1, MAX_SIZE.1));
    (clamped, clamped != (width, height))
}

/// One browser, its terminal known only as a size and a stream of bytes.
pub struct Session<'l> {
    app: App<'l>,
    terminal: Terminal<Wire<Outbox>>,
    outbox: Outbox,
    input: Input,
    mouse: bool,
    left: bool,
}

impl<'l> Session<'l> {
    /// A browser on a `width` × `height` terminal; its first frame is ready in [`Session::output`].
    pub fn new(
        library: &'l Library,
        m: &'static Catalog,
        options: SessionOptions,
        size: (u16, u16),
    ) -> io::Result<Self> {
        let ((width, height), _) = clamp_size(size.0, size.1);
        let mut app = App::new(library, m, width, height);
        app.look = options.look;
        app.osc52 = options.osc52;
        app.keymap = options.keymap;
        if let Some(store) = options.state {
            app.keep_progress_in(store);
        }
        let mut outbox = Outbox::default();
        queue!(outbox, EnterAlternateScreen, cursor::Hide)?;
        if options.mouse {
            outbox.push(MOUSE_ON.as_bytes());
        }
        let backend = Wire::with_size(outbox.clone(), width, height).on_blank_screen();
        let terminal = Terminal::new(backend)?;
        let mut session = Session {
            app,
            terminal,
            outbox,
            input: Input::default(),
            mouse: options.mouse,
            left: false,
        };
        session.draw()?;
        Ok(session)
    }

    /// Takes the client's bytes: every key they hold is handled, then one frame is drawn.
    pub fn feed(&mut self, bytes: &[u8]) -> io::Result<()> {
        let events = self.input.feed(bytes);
        let mut shell = Remote {
            terminal: &mut self.terminal,
            outbox: &mut self.outbox,
            refused: self.app.m.export_remote,
        };
        if turn::turn(&mut self.app, &mut shell, events)? {
            return self.leave();
        }
        Ok(())
    }

    /// Does the work left for after the frame, when the client has sent nothing more; true if
    /// a frame was drawn (its bytes are in [`Session::output`]).
    pub fn idle(&mut self) -> io::Result<bool> {
        let mut shell = Remote {
            terminal: &mut self.terminal,
            outbox: &mut self.outbox,
            refused: self.app.m.export_remote,
        };
        turn::idle(&mut self.app, &mut shell)
    }

    /// The client's window changed size.
    pub fn resize(&mut self, width: u16, height: u16) -> io::Result<()> {
        let ((width, height), _) = clamp_size(width, height);
        self.app.apply(Action::Resize(width, height));
        self.terminal.backend_mut().set_size(width, height);
        self.terminal.resize(Rect::new(0, 0, width, height))?;
        self.draw()
    }

    /// Whether the user has quit (the leaving sequence is then in the output).
    pub fn finished(&self) -> bool {
        self.left
    }

    /// The bytes to send to the client since the last call.
    pub fn output(&mut self) -> Vec<u8> {
        self.outbox.take()
    }

    /// Puts the client's terminal back (main screen, cursor, no mouse reports): on quit, or
    /// when the server ends the session.
    pub fn leave(&mut self) -> io::Result<()> {
        if self.left {
            return Ok(());
        }
        self.left = true;
        if self.mouse {
            self.outbox.push(MOUSE_OFF.as_bytes());
        }
        queue!(self.outbox, LeaveAlternateScreen, cursor::Show)
    }

    fn draw(&mut self) -> io::Result<()> {
        let mut shell = Remote {
            terminal: &mut self.terminal,
            outbox: &mut self.outbox,
            refused: self.app.m.export_remote,
        };
        shell.draw(&self.app)
    }
}

/// A session's terminal as a [`turn::Shell`]: frames and copies into the outbox; exports, which
/// would write on the server, refused with a notice.
struct Remote<'s> {
    terminal: &'s mut Terminal<Wire<Outbox>>,
    outbox: &'s mut Outbox,
    refused: &'static str,
}

impl Shell for Remote<'_> {
    fn export(&mut self, _: &str, _: &str) -> io::Result<std::path::PathBuf> {
        Err(io::Error::other(self.refused))
    }

    fn copy(&mut self, text: String) -> io::Result<()> {
        queue!(
            self.outbox,
            crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
        )
    }

    fn repaint_all(&mut self, width: u16, height: u16) -> io::Result<()> {
        self.terminal.backend_mut().set_size(width, height);
        self.terminal.resize(Rect::new(0, 0, width, height))
    }

    fn draw(&mut self, app: &App) -> io::Result<()> {
        // Synchronized updates: the client's terminal shows the frame whole.
        queue!(
            self.terminal.backend_mut(),
            crossterm::terminal::BeginSynchronizedUpdate
        )?;
        self.terminal.draw(|frame| app.view(frame))?;
        queue!(
            self.terminal.backend_mut(),
            crossterm::terminal::EndSynchronizedUpdate
        )?;
        self.terminal.backend_mut().flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{LoadOptions, load};
    use crate::msg::ZH;

    fn options() -> SessionOptions {
        SessionOptions {
            look: Look::default(),
            mouse: true,
            osc52: true,
            keymap: keymap::built_in(),
            state: None,
        }
    }

    /// What a terminal shows after the session's output: a vt100 emulator reads it back.
    fn screen(parser: &mut vt100::Parser, bytes: &[u8]) -> String {
        parser.process(bytes);
        parser.screen().contents()
    }

    /// A client claiming a 65535 × 65535 terminal (`stty rows 65535 cols 65535`) gets a frame of
    /// at most 500 × 200, at start and on a resize: no four-billion-cell allocation.
    #[test]
    fn an_absurd_window_is_clamped() {
        let library = load(&LoadOptions::default()).unwrap();
        let mut session = Session::new(&library, &ZH, options(), (65535, 65535)).unwrap();
        assert_eq!((session.app.width, session.app.height), MAX_SIZE);
        assert!(session.output().len() < 4_000_000);
        session.resize(0, 65535).unwrap();
        assert_eq!((session.app.width, session.app.height), (1, MAX_SIZE.1));
        session.resize(120, 40).unwrap();
        assert_eq!((session.app.width, session.app.height), (120, 40));
        assert_eq!(clamp_size(600, 10), ((500, 10), true));
        assert_eq!(clamp_size(80, 24), ((80, 24), false));
    }

    /// `s` `/` `xyzzy` Down: a provision search that keeps nothing, then a step (it panicked with
    /// "min > max" and took the session down).
    #[test]
    fn stepping_through_an_empty_provision_search_does_not_panic() {
        let library = load(&LoadOptions::default()).unwrap();
        let mut session = Session::new(&library, &ZH, options(), (80, 24)).unwrap();
        session.feed(b"s").unwrap();
        session.feed(b"/xyzzy").unwrap();
        session.feed(b"\x1b[B").unwrap();
        session.feed(b"\r").unwrap();
        session.feed(b"n").unwrap();
        session.feed(b"N").unwrap();
        assert!(!session.finished());
    }

    /// A pasted megabyte in the search box: the query stops at its cap, so the paste costs at most
    /// that many searches (it was quadratic: 1 MB took over a minute).
    #[test]
    fn a_pasted_megabyte_is_cut_at_the_query_cap() {
        let library = load(&LoadOptions::default()).unwrap();
        let mut session = Session::new(&library, &ZH, options(), (80, 24)).unwrap();
        session.feed(b"/").unwrap();
        let paste = vec![b'a'; 1 << 20];
        for chunk in paste.chunks(32 * 1024) {
            session.feed(chunk).unwrap();
        }
        let query = &session.app.screens.browse.search.query;
        assert_eq!(query.chars().count(), crate::tui::search_line::MAX_QUERY);
    }

    #[test]
    fn keys_in_frames_out_and_quit_puts_the_terminal_back() {
        let library = load(&LoadOptions::default()).unwrap();
        let mut session = Session::new(&library, &ZH, options(), (100, 30)).unwrap();
        let nz = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut parser = vt100::Parser::new(nz(30), nz(100), 0);
        let first = session.output();
        assert!(
            first.starts_with(b"\x1b[?1049h"),
            "the alternate screen first"
        );
        assert!(screen(&mut parser, &first).contains("25 / 25 例"));
        // Search for 房多多 by its initials, typed the way a terminal sends them.
        session.feed(b"/fdd\r").unwrap();
        let shown = screen(&mut parser, &session.output());
        assert!(shown.contains("nanning-fangduoduo"), "{shown}");
        session.resize(80, 24).unwrap();
        parser.set_size(nz(24), nz(80));
        let shown = screen(&mut parser, &session.output());
        assert!(shown.contains("1 / 25 例"), "{shown}");
        // Export would write on the server: refused, said.
        // (Esc and a letter in one read are Alt and the letter: each key its own read here.)
        for key in [b"\x1b", b"\x1b", b"e"] {
            session.feed(key).unwrap();
        }
        let shown = screen(&mut parser, &session.output());
        assert!(shown.contains("远程会话中不能导出文件"), "{shown}");
        assert!(!session.finished());
        session.feed(b"q").unwrap();
        assert!(session.finished());
        let last = session.output();
        assert!(last.ends_with(b"\x1b[?1049l\x1b[?25h"), "{last:?}");
    }

    /// Whatever a client sends, the session answers or ignores it, and never panics.
    #[test]
    fn any_bytes_are_survived() {
        let library = load(&LoadOptions::default()).unwrap();
        let mut session = Session::new(&library, &ZH, options(), (80, 24)).unwrap();
        let mut seed = 0x5eed_u64;
        for _ in 0..120 {
            let bytes: Vec<u8> = (0..16)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    // Mostly keys the browser knows, with escapes and garbage between.
                    b"jkJK/\x1b[ABq?tS\r\x7f1a\xe6\x88\xbf\xff"[(seed >> 33) as usize % 20]
                })
                .filter(|&b| b != b'q')
                .collect();
            session.feed(&bytes).unwrap();
            let _ = session.output();
        }
        assert!(!session.finished());
    }
}
