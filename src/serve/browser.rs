//! A browser served over SSH: a [`Session`] on a thread of its own, its input from the
//! connection, its frames to the channel. A panic ends this session only.

use std::time::Duration;

use russh::ChannelId;
use russh::server::Handle;

use crate::library::Library;
use crate::tui::keymap;
use crate::tui::session::{Session, SessionOptions};
use crate::tui::theme::Look;

use super::connection::finish;
use super::slot::Slot;

/// How many chunks of input a browser holds before its connection waits, and how many frames
/// before the browser waits for the client: both bounded, so a client that sends without end or
/// never reads costs a few megabytes at most.
pub(super) const INPUT_QUEUE: usize = 64;
const OUTPUT_QUEUE: usize = 8;

/// What a browser's thread is told.
pub(super) enum Input {
    Bytes(Vec<u8>),
    Resize(u16, u16),
    /// The server is stopping.
    Stop,
}

/// What a browser's thread needs.
pub(super) struct Browser {
    pub(super) library: &'static Library,
    pub(super) idle: Duration,
    pub(super) look: Look,
    pub(super) size: (u16, u16),
    pub(super) catalog: &'static crate::msg::Catalog,
    /// The person's own progress, if the server keeps it.
    pub(super) store: Option<crate::training::progress::Store>,
}

/// What a browser's thread sends to its channel: frames, then how it ended.
pub(super) enum Out {
    Bytes(Vec<u8>),
    End(u32),
}

/// The browser of one channel, on a thread of its own: its input from `inbox`, its frames to the
/// channel. A panic ends this session only, logged. The slot is given back when it ends.
pub(super) fn start_browser(
    browser: Browser,
    slot: Slot,
    handle: Handle,
    channel: ChannelId,
    inbox: std::sync::mpsc::Receiver<Input>,
) {
    let (outbox, mut frames) = tokio::sync::mpsc::channel::<Out>(OUTPUT_QUEUE);
    std::thread::spawn(move || {
        let _slot = slot;
        // Waits while the client is not reading; fails once the channel is gone.
        let send = |bytes: Vec<u8>| outbox.blocking_send(Out::Bytes(bytes)).is_ok();
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            browse(&browser, &inbox, &send)
        }));
        let status = match run {
            Ok(Ok(status)) => status,
            Ok(Err(error)) => {
                eprintln!("casebook serve: a session's terminal failed: {error}");
                1
            }
            Err(_) => {
                eprintln!("casebook serve: a session panicked; it is closed, the others go on");
                send(
                    b"\x1b[?1049l\x1b[?25h\r\ncasebook: an internal error ended this session\r\n"
                        .to_vec(),
                );
                1
            }
        };
        let _ = outbox.blocking_send(Out::End(status));
    });
    tokio::spawn(async move {
        let mut status = 0;
        while let Some(out) = frames.recv().await {
            match out {
                Out::Bytes(bytes) => {
                    if handle.data(channel, bytes).await.is_err() {
                        return;
                    }
                }
                Out::End(code) => {
                    status = code;
                    break;
                }
            }
        }
        finish(&handle, channel, status).await;
    });
}

/// One browser session until the user quits, the client goes or the idle time passes: the exit
/// status to report.
pub(super) fn browse(
    browser: &Browser,
    inbox: &std::sync::mpsc::Receiver<Input>,
    send: &dyn Fn(Vec<u8>) -> bool,
) -> std::io::Result<u32> {
    let options = SessionOptions {
        look: browser.look,
        mouse: true,
        osc52: true,
        keymap: keymap::built_in(),
        state: browser.store.clone(),
    };
    let mut session = Session::new(browser.library, browser.catalog, options, browser.size)?;
    send(session.output());
    loop {
        // Work left for after a frame is done while the client sends nothing more.
        let next = match inbox.try_recv() {
            Ok(input) => Ok(input),
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected)
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                if session.idle()? {
                    if !send(session.output()) {
                        return Ok(0);
                    }
                    continue;
                }
                inbox.recv_timeout(browser.idle)
            }
        };
        match next {
            Ok(Input::Bytes(bytes)) => session.feed(&bytes)?,
            Ok(Input::Resize(w, h)) => session.resize(w, h)?,
            Ok(Input::Stop) => {
                session.leave()?;
                let mut bye = session.output();
                bye.extend_from_slice(b"casebook: the server is stopping\r\n");
                send(bye);
                return Ok(1);
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                session.leave()?;
                let mut bye = session.output();
                let secs = browser.idle.as_secs();
                let idle = if secs.is_multiple_of(60) {
                    format!("{} min", secs / 60)
                } else {
                    format!("{secs} s")
                };
                let message = format!("casebook: closed after {idle} without a key\r\n");
                bye.extend_from_slice(message.as_bytes());
                send(bye);
                return Ok(1);
            }
            // The client went away: nothing to tell.
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return Ok(0),
        }
        let bytes = session.output();
        if !bytes.is_empty() && !send(bytes) {
            return Ok(0);
        }
        if session.finished() {
            return Ok(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A served search that finds nothing sends its frame at once, then — with no more bytes
    /// from the client — the frame with what would find something.
    #[test]
    fn a_served_search_that_finds_nothing_is_followed_by_its_suggestions() {
        let library: &'static Library =
            Box::leak(Box::new(crate::library::load(&Default::default()).unwrap()));
        let browser = Browser {
            library,
            idle: Duration::from_millis(300),
            look: Look::default(),
            size: (80, 24),
            catalog: &crate::msg::ZH,
            store: None,
        };
        let (input, inbox) = std::sync::mpsc::channel();
        input
            .send(Input::Bytes("/推销短信".as_bytes().to_vec()))
            .unwrap();
        let frames = std::sync::Mutex::new(Vec::new());
        let send = |bytes: Vec<u8>| {
            frames.lock().unwrap().push(bytes);
            true
        };
        // The client sends nothing more: the session ends at its idle time.
        assert_eq!(browse(&browser, &inbox, &send).unwrap(), 1);
        let frames: Vec<String> = frames
            .into_inner()
            .unwrap()
            .iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect();
        let typed = frames
            .iter()
            .position(|f| f.contains("正在找能找到案例的词"))
            .unwrap();
        let suggested = frames.iter().position(|f| f.contains("相关条款")).unwrap();
        assert!(typed < suggested, "{frames:?}");
    }
}
