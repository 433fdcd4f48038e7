//! Text that is safe and measured for a terminal: control characters out, widths in cells.
//!
//! Chinese characters take two cells; every budget here is in cells (unicode-width), never in
//! `chars().count()`.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters that can move the cursor, retitle a window, write the clipboard or reorder text:
/// C0 and C1 controls, DEL, and the bidirectional overrides and isolates.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// The first forbidden character of a text, if any. A CR that ends a CRLF line is allowed.
pub fn forbidden_char(text: &str) -> Option<char> {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if is_forbidden(c) {
            return Some(c);
        }
    }
    None
}

/// Removes forbidden characters (defence in depth: validation already rejects them). Tabs become
/// spaces so widths stay predictable; newlines are kept.
pub fn sanitize(text: &str) -> String {
    text.chars()
        .filter(|&c| !is_forbidden(c))
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect()
}

/// JSON text with every forbidden character written as a `\uXXXX` escape: they can only stand
/// inside strings (JSON's own syntax is plain ASCII), where the escape means the same character.
pub fn json_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_forbidden(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Like [`sanitize`], for one-line cells: newlines become spaces too.
pub fn sanitize_line(text: &str) -> String {
    sanitize(text).replace('\n', " ")
}

/// Display width in terminal cells.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts `text` to at most `max` cells, ending with `…` when anything was cut. Never splits a
/// double-width character: if it does not fit, it goes.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let budget = max - 1; // room for the ellipsis
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Pads `text` with spaces to exactly `cells` wide (truncating first if it is wider).
pub fn pad(text: &str, cells: usize) -> String {
    let mut out = truncate(text, cells);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// Formats a whole number with thousands separators: `286179` → `286,179`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_two_cells_wide() {
        assert_eq!(width("浙江省"), 6);
        assert_eq!(width("a浙"), 3);
    }

    #[test]
    fn truncation_never_splits_a_wide_character() {
        assert_eq!(truncate("诸暨祥生新合置业", 7), "诸暨祥…");
        assert_eq!(width(&truncate("诸暨祥生新合置业", 7)), 7);
        assert_eq!(truncate("诸暨祥生新合置业", 6), "诸暨…");
        assert_eq!(truncate("诸暨", 4), "诸暨");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn pad_fills_to_exact_cells() {
        assert_eq!(pad("浙江", 6), "浙江  ");
        assert_eq!(width(&pad("诸暨祥生新合置业", 5)), 5);
    }

    #[test]
    fn sanitize_strips_controls_but_keeps_cjk_punctuation() {
        let hostile = "标题\u{1b}[31m红\u{7}\u{9b}2J\u{202E}，。「」\n\tx";
        assert_eq!(sanitize(hostile), "标题[31m红2J，。「」\n x");
        assert_eq!(sanitize_line("a\nb"), "a b");
    }

    #[test]
    fn forbidden_char_allows_crlf_but_not_a_lone_cr() {
        assert_eq!(forbidden_char("a\r\nb"), None);
        assert_eq!(forbidden_char("a\rb"), Some('\r'));
        assert_eq!(forbidden_char("\u{1b}]52;c;x\u{7}"), Some('\u{1b}'));
        assert_eq!(forbidden_char("\u{85}"), Some('\u{85}'));
        assert_eq!(forbidden_char("（九）侵害"), None);
    }

    /// Terminal escapes of every kind lose their control characters before output; the printable
    /// rest stays as harmless text.
    #[test]
    fn no_control_sequence_survives() {
        for hostile in [
            "\u{1b}[2J\u{1b}[H",               // CSI: clear the screen
            "\u{1b}]52;c;ZXZpbA==\u{7}",       // OSC 52: write the clipboard
            "\u{1b}]0;pwned\u{1b}\\",          // OSC 0: set the window title
            "\u{7}\u{7}",                      // BEL
            "\u{9b}31m\u{90}q\u{9d}0;x\u{9c}", // C1 CSI, DCS, OSC, ST
            "\u{202e}gnp.exe\u{2066}\u{200f}", // bidi overrides
            "a\rb\u{7f}c\u{0}",
        ] {
            let clean = sanitize(hostile);
            assert!(clean.chars().all(|c| !is_forbidden(c)), "{clean:?}");
            assert!(!clean.contains('\u{1b}') && !clean.contains('\u{9b}'));
            let json = json_safe(&serde_json::to_string(hostile).unwrap());
            assert!(json.chars().all(|c| !is_forbidden(c)), "{json:?}");
            let back: String = serde_json::from_str(&json).unwrap();
            assert_eq!(back, hostile, "the escape means the same text");
        }
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(480), "480");
        assert_eq!(thousands(1537), "1,537");
        assert_eq!(thousands(286179), "286,179");
        assert_eq!(thousands(19464000), "19,464,000");
    }
}
