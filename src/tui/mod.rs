//! The interactive browser: terminal setup and teardown, and the event loop. State and drawing
//! live in the screens; this file only connects them to a real terminal.
//!
//! ## Shape: one component per screen
//! We follow gitui's `components/` + `popups/` shape rather than television's `screen/`: in
//! television the state lives in one central struct and `screen/` holds drawing functions, which
//! is the single `App` this replaced. In gitui each component owns its state, handles its events
//! and draws itself, and popups are asked first. Here every screen (`screens/`) owns its state, its
//! keys (a [`Scope`] of the one keymap table), an Elm-style `update` that returns what the app
//! must do next ([`Next`]: stay, go to a place, close) instead of gitui's shared event queue, and
//! a `view` that is a pure function of its state. The [`app::App`] only routes: which screen is
//! shown, the popups over it, the history Esc retraces, the size and the look.
//!
//! ```text
//! types        Action, Next, Place, Scope, ScreenId, Pane — imports no other part
//! context      what every screen reads (Context);  theme  Look and styles
//! keymap       one table of bindings, each naming its scopes; hints and help rows come from it
//! layout       pure rectangles for a size;  text  wrapping
//! widgets      drawing pieces;  sheet_view  a sheet in lines;  search_line  a text box
//! screens/     browse/ (facets, list, detail, results, jumps, mouse), statute, help, goto —
//!              and the `Screens` table
//! app          the router;  turn  one turn of the loop, for either terminal;
//!              mod (this file)  the process's terminal and its loop;  session  a served one
//! ```
//!
//! The terminal is restored on every way out: quit, error, panic, Ctrl-C, SIGTERM, SIGHUP (an SSH
//! link dropping) and SIGINT/SIGQUIT sent from outside.

pub mod app;
pub mod context;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod screens;
pub mod search_line;
pub mod session;
pub mod sheet_view;
/// Wrapping lives in the core (`crate::wrap`): the command line wraps its prose the same way.
pub use crate::wrap as text;
pub mod theme;
pub mod turn;
pub mod types;
pub mod widgets;
pub mod wire;

use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Duration;

use crossterm::event;
use crossterm::terminal::{
    self, BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use crossterm::{cursor, execute, queue};
use ratatui::Terminal;
use ratatui::layout::Rect;

use crate::library::Library;
use crate::msg::Catalog;

pub use app::App;
pub use context::Context;
pub use theme::Look;
pub use types::{Action, Next, Pane, Place, Scope, ScreenId};

/// How the browser starts.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Open straight on this case.
    pub case: Option<String>,
    pub mouse: bool,
    pub look: Look,
    /// Whether `y`/`Y` may copy through the terminal (OSC 52).
    pub osc52: bool,
    /// Said over the top line for the whole session: files of the office's directory left out.
    pub banner: Option<String>,
    /// Where training progress is kept; `None`: kept for the session only.
    pub state: Option<crate::training::progress::Store>,
    /// The key bindings: the built-in ones, or as a config file changed them.
    pub keymap: &'static keymap::Keymap,
    /// Open on the class of this state directory (`casebook class --browse`).
    pub class: Option<std::path::PathBuf>,
}

/// Whether the terminal can draw box-drawing characters; linux and vt100-class consoles get ASCII.
pub fn ascii_terminal(term: Option<&str>) -> bool {
    match term {
        None => false,
        Some(term) => term == "linux" || term == "dumb" || term.starts_with("vt"),
    }
}

/// Mouse reporting of presses and the wheel only (modes 1000 and 1006, SGR encoding), not of every
/// movement as crossterm's `EnableMouseCapture` asks (1003): over SSH, motion reports would flood a
/// slow link for nothing.
pub(crate) const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";
pub(crate) const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1000l";

/// Undoes everything `enter` did. Safe to call twice and when the terminal is gone (errors are
/// ignored: a dropped SSH link cannot be written to).
fn restore(mouse: bool) {
    let mut out = io::stdout();
    if mouse {
        let _ = out.write_all(MOUSE_OFF.as_bytes());
    }
    let _ = execute!(out, LeaveAlternateScreen, cursor::Show);
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

fn enter(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, cursor::Hide)?;
    if mouse {
        out.write_all(MOUSE_ON.as_bytes())?;
        out.flush()?;
    }
    Ok(())
}

/// Restores the terminal when dropped, so an early return or `?` cannot leave it raw.
struct Restore {
    mouse: bool,
}

impl Drop for Restore {
    fn drop(&mut self) {
        restore(self.mouse);
    }
}

/// The signals that end the browser, with the exit status each conventionally gives (128 + n).
const SIGNALS: [(i32, u8); 4] = [
    (signal_hook::consts::SIGTERM, 143),
    (signal_hook::consts::SIGHUP, 129),
    (signal_hook::consts::SIGINT, 130),
    (signal_hook::consts::SIGQUIT, 131),
];

/// Runs the browser until the user quits or a signal arrives.
pub fn run(library: &Library, m: &'static Catalog, options: &Options) -> ExitCode {
    let (width, height) = terminal::size().unwrap_or((80, 24));
    let mut app = App::new(library, m, width, height);
    app.look = options.look;
    app.osc52 = options.osc52;
    app.keymap = options.keymap;
    app.banner = options.banner.clone();
    if let Some(store) = &options.state {
        app.keep_progress_in(store.clone());
    }
    if let Some(root) = &options.class {
        app.open_class(root.clone());
    }
    if let Some(id) = &options.case
        && !app.open_case(id)
    {
        let nearest = crate::query::lookup::nearest_case_ids(library, id, 3);
        let message = crate::msg::fill(
            m.cli_no_case,
            &[
                ("id", crate::text::sanitize_line(id)),
                ("nearest", nearest.join(", ")),
            ],
        );
        eprintln!("casebook: {message}");
        return ExitCode::from(1);
    }

    let mouse = options.mouse;
    // A thread of its own waits for the signals that end the browser (through signal-hook's
    // self-pipe): the event loop then blocks on the terminal alone, and an idle browser wakes
    // no one. On a signal the thread puts the terminal back and ends the process.
    let signals = signal_hook::iterator::Signals::new(SIGNALS.map(|(signal, _)| signal));
    if let Ok(mut signals) = signals {
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                restore(mouse);
                let status = SIGNALS
                    .iter()
                    .find(|(s, _)| *s == signal)
                    .map_or(1, |(_, status)| *status);
                std::process::exit(i32::from(status));
            }
        });
    }

    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore(mouse);
        previous_hook(info);
    }));

    let result = (|| -> io::Result<()> {
        enter(mouse)?;
        let _restore = Restore { mouse };
        // Never dropped: ratatui's Drop shows the cursor and, if the terminal is gone, reports
        // that with eprintln!, which panics. `Restore` puts the terminal back instead.
        let mut terminal = std::mem::ManuallyDrop::new(Terminal::new(
            wire::Wire::new(io::stdout()).on_blank_screen(),
        )?);
        event_loop(&mut terminal, &mut app)
    })();
    let _ = std::panic::take_hook(); // back to the default hook once the terminal is ours no more
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Not eprintln!: it panics when the terminal it would write to is gone.
            let _ = writeln!(io::stderr(), "casebook: terminal error: {error}");
            ExitCode::from(1)
        }
    }
}

/// The process's own terminal as a [`turn::Shell`]: exports beside the user, copies by OSC 52.
struct Native<'t> {
    terminal: &'t mut Terminal<wire::Wire<io::Stdout>>,
}

impl turn::Shell for Native<'_> {
    fn export(&mut self, stem: &str, text: &str) -> io::Result<std::path::PathBuf> {
        // Written beside the user, in the current directory, never over a file.
        crate::export::write_new(std::path::Path::new("."), stem, text)
    }

    fn copy(&mut self, text: String) -> io::Result<()> {
        execute!(
            self.terminal.backend_mut(),
            crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
        )
    }

    fn repaint_all(&mut self, width: u16, height: u16) -> io::Result<()> {
        // Never Terminal::clear(): it queries the cursor and can hang (ratatui #2640).
        self.terminal.resize(Rect::new(0, 0, width, height))
    }

    fn draw(&mut self, app: &App) -> io::Result<()> {
        // Synchronized updates: the terminal shows the frame whole, never half drawn.
        queue!(self.terminal.backend_mut(), BeginSynchronizedUpdate)?;
        self.terminal.draw(|frame| app.view(frame))?;
        execute!(self.terminal.backend_mut(), EndSynchronizedUpdate)?;
        Ok(())
    }
}

fn event_loop(terminal: &mut Terminal<wire::Wire<io::Stdout>>, app: &mut App) -> io::Result<()> {
    // crossterm starts listening for SIGWINCH on the first poll: done now, before the size is
    // read and the first frame drawn, a resize at any later moment arrives as an event (a resize
    // between the first frame and the first read was lost, seen under load).
    event::poll(Duration::ZERO)?;
    let mut shell = Native { terminal };
    // A resize between the size read at start and now would otherwise go unseen.
    let (width, height) = terminal::size()?;
    if (width, height) != (app.width, app.height) {
        app.update(Action::Resize(width, height));
        turn::Shell::repaint_all(&mut shell, width, height)?;
    }
    turn::Shell::draw(&mut shell, app)?;
    loop {
        // Work left for after the frame is done while no key waits (a key is read first).
        if !event::poll(Duration::ZERO)? && turn::idle(app, &mut shell)? {
            continue;
        }
        // The first read blocks until the terminal has something: no wake-ups while idle. A
        // terminal that hangs up (an SSH link dropped without a SIGHUP reaching us) ends the
        // read with an error. Everything already waiting (a burst of resizes, a pasted word)
        // is one turn, drawn once.
        let mut events = vec![event::read()?];
        while event::poll(Duration::ZERO)? {
            events.push(event::read()?);
        }
        if turn::turn(app, &mut shell, events)? {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests;
