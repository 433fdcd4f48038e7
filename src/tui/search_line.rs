//! The search box's text and caret: what `/` opens and typing edits, with the editing keys of a
//! shell's line (Ctrl-w a word, Ctrl-u all). Plain editing state (its screen decides when to
//! search), and how the box is drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::text::{truncate, width};

use super::context::Context;
use super::theme;
use super::types::Action;

/// The query being typed or kept.
#[derive(Debug, Clone, Default)]
pub struct SearchLine {
    pub query: String,
    /// Caret position in `query`, in characters.
    pub caret: usize,
    /// Whether the line has the keyboard (typed characters go into it).
    pub typing: bool,
}

impl SearchLine {
    /// Applies an editing or caret action: `Some(changed)` if it was one (`changed` when the
    /// text changed), `None` for any other action, which the screen handles.
    pub fn apply(&mut self, action: &Action) -> Option<bool> {
        Some(match action {
            Action::SearchInput(c) => self.insert(*c),
            Action::SearchBackspace => self.backspace(),
            Action::SearchDelete => self.delete(),
            Action::SearchDeleteWord => self.delete_word(),
            Action::SearchClear => self.clear(),
            Action::SearchLeft => {
                self.left();
                false
            }
            Action::SearchRight => {
                self.right();
                false
            }
            Action::SearchHome => {
                self.home();
                false
            }
            Action::SearchEnd => {
                self.end();
                false
            }
            _ => return None,
        })
    }

    /// `/`: the line takes the keyboard, the caret at the end.
    pub fn start(&mut self) {
        self.typing = true;
        self.caret = self.query.chars().count();
    }

    /// Enter or Esc: the words stay, the keyboard goes back to the screen.
    pub fn leave(&mut self) {
        self.typing = false;
    }

    /// Whether words are kept (the box shows them and they filter).
    pub fn is_kept(&self) -> bool {
        !self.query.trim().is_empty()
    }

    /// Empties the line; returns whether it had anything.
    pub fn clear(&mut self) -> bool {
        let had = !self.query.is_empty();
        self.query.clear();
        self.caret = 0;
        had
    }

    /// Ctrl-w: deletes the word before the caret, and the spaces after it.
    pub fn delete_word(&mut self) -> bool {
        self.edit(|chars, caret| {
            let mut start = *caret;
            while start > 0 && chars[start - 1].is_whitespace() {
                start -= 1;
            }
            while start > 0 && !chars[start - 1].is_whitespace() {
                start -= 1;
            }
            chars.drain(start..*caret);
            *caret = start;
        })
    }

    /// Types `c` at the caret; characters that must never reach a terminal are dropped, and so is
    /// anything past [`MAX_QUERY`] characters (a pasted megabyte would otherwise cost a search a
    /// character). Returns whether the query changed.
    pub fn insert(&mut self, c: char) -> bool {
        if crate::text::is_forbidden(c) || self.query.chars().count() >= MAX_QUERY {
            return false;
        }
        self.edit(|chars, caret| {
            chars.insert(*caret, c);
            *caret += 1;
        })
    }

    /// Deletes the character before the caret; returns whether the query changed.
    pub fn backspace(&mut self) -> bool {
        self.edit(|chars, caret| {
            if *caret > 0 {
                *caret -= 1;
                chars.remove(*caret);
            }
        })
    }

    /// Deletes the character under the caret; returns whether the query changed.
    pub fn delete(&mut self) -> bool {
        self.edit(|chars, caret| {
            if *caret < chars.len() {
                chars.remove(*caret);
            }
        })
    }

    pub fn left(&mut self) {
        self.caret = self.caret.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.caret = (self.caret + 1).min(self.query.chars().count());
    }

    pub fn home(&mut self) {
        self.caret = 0;
    }

    pub fn end(&mut self) {
        self.caret = self.query.chars().count();
    }

    fn edit(&mut self, edit: impl FnOnce(&mut Vec<char>, &mut usize)) -> bool {
        let mut chars: Vec<char> = self.query.chars().collect();
        let mut caret = self.caret.min(chars.len());
        edit(&mut chars, &mut caret);
        let query: String = chars.into_iter().collect();
        let changed = query != self.query;
        self.query = query;
        self.caret = caret;
        changed
    }
}

/// The longest query the box takes, in characters: more than any words an officer types.
pub const MAX_QUERY: usize = 200;

/// `/ 搜索：query` (`label` in place of 搜索), with the real cursor at the caret while typing so
/// that an input method's candidate window appears there.
pub fn view(ctx: &Context, line: &SearchLine, label: &str, frame: &mut Frame, area: Rect) {
    // The key that opens the search, as the keymap in force has it (a config file may move it).
    let key = ctx.keymap.keys_of("search").first().copied().unwrap_or("/");
    let label = format!("{key} {label}{}", ctx.m.colon);
    let label_width = width(&label);
    let room = (area.width as usize).saturating_sub(label_width);
    let query = crate::text::sanitize_line(&line.query);
    let (text, style) = if query.is_empty() && !line.typing {
        let placeholder = crate::msg::fill(ctx.m.search_placeholder, &[("key", key.to_string())]);
        (placeholder, theme::quiet(ctx.look))
    } else {
        (query.clone(), theme::title(ctx.look))
    };
    // Keep the caret on screen: show the tail of a query longer than the box.
    let before_caret: String = query.chars().take(line.caret).collect();
    let skip = width(&before_caret).saturating_sub(room.saturating_sub(1));
    let mut shown = String::new();
    let mut skipped = 0;
    for c in text.chars() {
        if skipped < skip {
            skipped += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            continue;
        }
        shown.push(c);
    }
    let label_style = if line.typing {
        theme::key(ctx.look)
    } else {
        theme::label(ctx.look)
    };
    let spans = vec![
        Span::styled(label, label_style),
        Span::styled(truncate(&shown, room), style),
    ];
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if line.typing {
        let caret_x = label_width + width(&before_caret).saturating_sub(skipped);
        let x = area.x + (caret_x as u16).min(area.width.saturating_sub(1));
        frame.set_cursor_position((x, area.y));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_at_the_caret_in_characters() {
        let mut line = SearchLine::default();
        line.start();
        for c in "房多多".chars() {
            assert!(line.insert(c));
        }
        line.left();
        assert!(line.backspace());
        assert_eq!((line.query.as_str(), line.caret), ("房多", 1));
        line.home();
        assert!(!line.backspace(), "nothing before the caret");
        assert!(line.delete());
        assert_eq!(line.query, "多");
        line.end();
        assert!(!line.delete(), "nothing under the caret");
        assert!(!line.insert('\u{1b}'), "an escape is never typed");
    }

    #[test]
    fn ctrl_w_deletes_a_word_and_ctrl_u_all() {
        let mut line = SearchLine::default();
        line.start();
        for c in "中介 卖 手机号".chars() {
            line.insert(c);
        }
        assert!(line.delete_word());
        assert_eq!((line.query.as_str(), line.caret), ("中介 卖 ", 5));
        assert!(line.delete_word());
        assert_eq!(line.query, "中介 ");
        line.home();
        assert!(!line.delete_word(), "nothing before the caret");
        assert!(line.clear());
        assert!(!line.is_kept());
        line.leave();
        assert!(!line.typing);
    }
}
