//! Terminal input as bytes, turned into key, mouse and paste events: what the browser needs when
//! its terminal is not the process's own (a session of `casebook serve`, whose keys arrive as
//! bytes on an SSH channel), where crossterm's reader, which reads the process's terminal, cannot
//! serve. Anything a client sends must come out as events or nothing — never a panic, never an
//! unbounded buffer.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// The longest escape sequence kept while waiting for its end: longer ones are not keys.
const LONGEST: usize = 32;

/// A decoder of terminal input, keeping an unfinished sequence between reads.
#[derive(Debug, Default)]
pub struct Input {
    pending: Vec<u8>,
}

/// What the bytes at the start of a buffer are.
enum Decoded {
    /// An event (or nothing, for bytes that mean nothing) and how many bytes it took.
    Done(Option<Event>, usize),
    /// The start of a sequence whose end has not arrived yet.
    Unfinished,
}

impl Input {
    /// The events in `bytes`, after what was left over from the last call. A sequence cut off at
    /// the end waits for the next call, except a lone Esc: a client sends a sequence in one
    /// write, so an Esc at the end of one is the Esc key.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        self.pending.extend_from_slice(bytes);
        let mut events = Vec::new();
        let mut at = 0;
        while at < self.pending.len() {
            let rest = &self.pending[at..];
            match decode(rest) {
                Decoded::Done(event, used) => {
                    events.extend(event);
                    at += used.max(1);
                }
                Decoded::Unfinished if rest.len() > LONGEST => at += 1,
                Decoded::Unfinished if rest == [0x1b] => {
                    events.push(key(KeyCode::Esc, KeyModifiers::NONE));
                    at += 1;
                }
                Decoded::Unfinished => break,
            }
        }
        self.pending.drain(..at);
        events
    }
}

fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

fn decode(bytes: &[u8]) -> Decoded {
    let done = |code, used| Decoded::Done(Some(key(code, KeyModifiers::NONE)), used);
    match bytes[0] {
        0x1b => escape(bytes),
        b'\r' | b'\n' => done(KeyCode::Enter, 1),
        b'\t' => done(KeyCode::Tab, 1),
        0x7f | 0x08 => done(KeyCode::Backspace, 1),
        byte @ 0x01..=0x1a => Decoded::Done(
            Some(key(
                KeyCode::Char((b'a' + byte - 1) as char),
                KeyModifiers::CONTROL,
            )),
            1,
        ),
        byte if byte < 0x20 => Decoded::Done(None, 1),
        _ => character(bytes),
    }
}

/// A UTF-8 character; an invalid byte is skipped.
fn character(bytes: &[u8]) -> Decoded {
    let width = match bytes[0] {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Decoded::Done(None, 1),
    };
    if bytes.len() < width {
        // A character split between two reads: wait, unless what came is already wrong.
        return match std::str::from_utf8(bytes) {
            Err(e) if e.error_len().is_some() => Decoded::Done(None, 1),
            _ => Decoded::Unfinished,
        };
    }
    match std::str::from_utf8(&bytes[..width]) {
        Ok(text) => match text.chars().next() {
            Some(c) => Decoded::Done(Some(key(KeyCode::Char(c), KeyModifiers::NONE)), width),
            None => Decoded::Done(None, width),
        },
        Err(_) => Decoded::Done(None, 1),
    }
}

/// Esc, Alt with a key, or a CSI / SS3 sequence.
fn escape(bytes: &[u8]) -> Decoded {
    let Some(&next) = bytes.get(1) else {
        return Decoded::Unfinished;
    };
    match next {
        b'[' => csi(bytes),
        b'O' => match bytes.get(2) {
            None => Decoded::Unfinished,
            Some(&last) => Decoded::Done(final_key(last, KeyModifiers::NONE), 3),
        },
        0x1b => Decoded::Done(Some(key(KeyCode::Esc, KeyModifiers::NONE)), 1),
        _ => match decode(&bytes[1..]) {
            Decoded::Done(Some(Event::Key(inner)), used) => Decoded::Done(
                Some(key(inner.code, inner.modifiers | KeyModifiers::ALT)),
                used + 1,
            ),
            Decoded::Done(_, used) => Decoded::Done(None, used + 1),
            Decoded::Unfinished => Decoded::Unfinished,
        },
    }
}

/// The key a CSI or SS3 sequence's final byte names (arrows, Home, End, F1–F4, Shift-Tab).
fn final_key(last: u8, mods: KeyModifiers) -> Option<Event> {
    let code = match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        b'Z' => KeyCode::BackTab,
        _ => return None,
    };
    Some(key(code, mods))
}

/// xterm's modifier parameter (1 + bits: 1 Shift, 2 Alt, 4 Ctrl).
fn modifiers(parameter: u16) -> KeyModifiers {
    let bits = parameter.saturating_sub(1);
    let mut mods = KeyModifiers::NONE;
    if bits & 1 != 0 {
        mods |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        mods |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        mods |= KeyModifiers::CONTROL;
    }
    mods
}

/// `ESC [` parameters final: keys, `~` keys, and SGR mouse reports.
fn csi(bytes: &[u8]) -> Decoded {
    // Parameter bytes 0x30–0x3F, intermediates 0x20–0x2F, then a final byte 0x40–0x7E.
    let Some(end) = bytes[2..].iter().position(|b| (0x40..=0x7e).contains(b)) else {
        return if bytes[2..].iter().all(|b| (0x20..=0x3f).contains(b)) {
            Decoded::Unfinished
        } else {
            Decoded::Done(None, 2)
        };
    };
    let used = 2 + end + 1;
    let body = &bytes[2..2 + end];
    let last = bytes[2 + end];
    if body.iter().any(|b| !(0x20..=0x3f).contains(b)) {
        return Decoded::Done(None, used);
    }
    let text = std::str::from_utf8(body).unwrap_or("");
    if let Some(mouse) = text.strip_prefix('<') {
        return Decoded::Done(sgr_mouse(mouse, last), used);
    }
    let numbers: Vec<u16> = text.split(';').map(|n| n.parse().unwrap_or(0)).collect();
    let mods = modifiers(numbers.get(1).copied().unwrap_or(1));
    let event = if last == b'~' {
        let code = match numbers.first().copied().unwrap_or(0) {
            1 | 7 => Some(KeyCode::Home),
            2 => Some(KeyCode::Insert),
            3 => Some(KeyCode::Delete),
            4 | 8 => Some(KeyCode::End),
            5 => Some(KeyCode::PageUp),
            6 => Some(KeyCode::PageDown),
            n @ 11..=15 => Some(KeyCode::F((n - 10) as u8)),
            n @ 17..=21 => Some(KeyCode::F((n - 11) as u8)),
            n @ 23..=24 => Some(KeyCode::F((n - 12) as u8)),
            _ => None,
        };
        code.map(|code| key(code, mods))
    } else {
        final_key(last, mods)
    };
    Decoded::Done(event, used)
}

/// `b;x;y` then `M` (press) or `m` (release), 1-based cells: wheel and left clicks.
fn sgr_mouse(text: &str, last: u8) -> Option<Event> {
    let mut parts = text.split(';').map(|n| n.parse::<u16>().ok());
    let (Some(Some(button)), Some(Some(x)), Some(Some(y))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let (column, row) = (x.checked_sub(1)?, y.checked_sub(1)?);
    let kind = match (button & !0b11100, last) {
        (64, b'M') => MouseEventKind::ScrollUp,
        (65, b'M') => MouseEventKind::ScrollDown,
        (0, b'M') => MouseEventKind::Down(MouseButton::Left),
        (0, b'm') => MouseEventKind::Up(MouseButton::Left),
        _ => return None,
    };
    Some(Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(bytes: &[u8]) -> Vec<(KeyCode, KeyModifiers)> {
        Input::default()
            .feed(bytes)
            .into_iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some((k.code, k.modifiers)),
                _ => None,
            })
            .collect()
    }

    const NONE: KeyModifiers = KeyModifiers::NONE;

    #[test]
    fn letters_chinese_and_control_keys() {
        assert_eq!(
            keys("j房\r\t\x7f\x03".as_bytes()),
            [
                (KeyCode::Char('j'), NONE),
                (KeyCode::Char('房'), NONE),
                (KeyCode::Enter, NONE),
                (KeyCode::Tab, NONE),
                (KeyCode::Backspace, NONE),
                (KeyCode::Char('c'), KeyModifiers::CONTROL),
            ]
        );
    }

    #[test]
    fn sequences_of_xterm_and_the_linux_console() {
        assert_eq!(
            keys(b"\x1b[A\x1bOB\x1b[5~\x1b[6~\x1b[3~\x1b[Z\x1b[1;5C\x1b[H\x1b[4~\x1b[15~"),
            [
                (KeyCode::Up, NONE),
                (KeyCode::Down, NONE),
                (KeyCode::PageUp, NONE),
                (KeyCode::PageDown, NONE),
                (KeyCode::Delete, NONE),
                (KeyCode::BackTab, NONE),
                (KeyCode::Right, KeyModifiers::CONTROL),
                (KeyCode::Home, NONE),
                (KeyCode::End, NONE),
                (KeyCode::F(5), NONE),
            ]
        );
        assert_eq!(keys(b"\x1bx"), [(KeyCode::Char('x'), KeyModifiers::ALT)]);
    }

    #[test]
    fn a_lone_esc_is_the_key_and_a_cut_sequence_waits() {
        let mut input = Input::default();
        assert_eq!(input.feed(b"\x1b").len(), 1, "Esc at the end of a read");
        assert!(input.feed(b"\x1b[").is_empty(), "a sequence cut off waits");
        let up = input.feed(b"A");
        assert!(matches!(up[..], [Event::Key(k)] if k.code == KeyCode::Up));
        // A character split across reads.
        let bytes = "房".as_bytes();
        assert!(input.feed(&bytes[..1]).is_empty());
        let c = input.feed(&bytes[1..]);
        assert!(matches!(c[..], [Event::Key(k)] if k.code == KeyCode::Char('房')));
    }

    #[test]
    fn mouse_wheel_and_clicks() {
        let events = Input::default().feed(b"\x1b[<65;70;10M\x1b[<0;10;7M\x1b[<0;10;7m");
        assert_eq!(events.len(), 3);
        assert!(
            matches!(events[0], Event::Mouse(m) if m.kind == MouseEventKind::ScrollDown && (m.column, m.row) == (69, 9))
        );
    }

    #[test]
    fn garbage_comes_out_as_nothing_and_nothing_grows() {
        let mut input = Input::default();
        // Invalid UTF-8, unknown sequences, an endless parameter list.
        assert!(input.feed(b"\xff\xfe\x1b[99;99;99q").is_empty());
        let endless = [b"\x1b[".as_slice(), &[b'1'; 1000]].concat();
        input.feed(&endless);
        assert!(
            input.pending.len() <= LONGEST + 1,
            "{}",
            input.pending.len()
        );
        assert_eq!(
            keys(b"\x1b[<1;0;0M\x1b[<99999999;1;1M q"),
            [(KeyCode::Char(' '), NONE), (KeyCode::Char('q'), NONE)]
        );
    }
}
