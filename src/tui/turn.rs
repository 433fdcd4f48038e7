//! One turn of the browser's loop, the same for the process's own terminal and for a served
//! session (bytes in, bytes out): the events one read brought, applied in order; one search for
//! the whole burst; exports and copies handed to the terminal's side; then quit, or a full
//! redraw, or one frame. The two terminals differ only in what a [`Shell`] does.

use std::io;
use std::path::PathBuf;

use crossterm::event::{Event, MouseEventKind};

use super::app::App;
use super::types::Action;

/// What the terminal's side does for the app: where an export goes, how a copy reaches the
/// user's clipboard, and how a frame is drawn.
pub(crate) trait Shell {
    /// Writes an export the user asked for, or says why it cannot be written here.
    fn export(&mut self, stem: &str, text: &str) -> io::Result<PathBuf>;
    /// Sends text to the user's clipboard (OSC 52, through SSH and tmux alike).
    fn copy(&mut self, text: String) -> io::Result<()>;
    /// Forgets what the terminal shows, for a full repaint at this size.
    fn repaint_all(&mut self, width: u16, height: u16) -> io::Result<()>;
    /// Draws the app's frame.
    fn draw(&mut self, app: &App) -> io::Result<()>;
}

/// Applies a burst of events and shows the result; `Ok(true)` when the user has quit.
pub(crate) fn turn(
    app: &mut App,
    shell: &mut impl Shell,
    events: impl IntoIterator<Item = Event>,
) -> io::Result<bool> {
    let mut changed = false;
    let mut repaint_all = false;
    for event in events {
        #[cfg(debug_assertions)]
        panic_on_request(&event);
        if let Some(action) = to_action(app, event) {
            repaint_all |= matches!(action, Action::Redraw | Action::Resize(..));
            changed = true;
            app.apply(action);
        }
        if app.quit {
            break;
        }
    }
    // One search for the whole burst of typed keys.
    app.settle();
    for (stem, text) in app.take_exports() {
        let written = shell.export(&stem, &text);
        app.exported(written);
    }
    for text in app.take_clipboard() {
        shell.copy(text)?;
    }
    if app.quit {
        return Ok(true);
    }
    if repaint_all {
        shell.repaint_all(app.width, app.height)?;
    }
    if changed {
        shell.draw(app)?;
    }
    Ok(false)
}

/// Does the work the app left for after its frame (see [`App::idle`]) and draws the frame again
/// if it changed anything; `Ok(false)` when there was nothing to do.
pub(crate) fn idle(app: &mut App, shell: &mut impl Shell) -> io::Result<bool> {
    if !app.idle() {
        return Ok(false);
    }
    shell.draw(app)?;
    Ok(true)
}

/// For the tests that a panic leaves the terminal restored (and one session's panic the other
/// sessions working): with `CASEBOOK_TEST_PANIC` set, F12 panics. Debug builds only: the release
/// binary carries no test hook.
#[cfg(debug_assertions)]
fn panic_on_request(event: &Event) {
    use crossterm::event::{KeyCode, KeyEventKind};
    if let Event::Key(key) = event
        && key.code == KeyCode::F(12)
        && key.kind == KeyEventKind::Press
        && std::env::var_os("CASEBOOK_TEST_PANIC").is_some()
    {
        panic!("CASEBOOK_TEST_PANIC: a panic on request");
    }
}

/// Turns a terminal event into an action: key presses through the keymap, mouse and resize.
pub(crate) fn to_action(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => app.keymap.action(app.scope(), &key),
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Action::Scroll(mouse.column, mouse.row, 3)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(mouse.column, mouse.row, -3)),
            MouseEventKind::Down(_) => Some(Action::Click(mouse.column, mouse.row)),
            _ => None,
        },
        _ => None,
    }
}
