//! The search line's text and caret: what `/` opens, typing edits, Enter keeps and Esc undoes.
//! Plain editing state; the browse screen decides when to search.

/// The query being typed or kept.
#[derive(Debug, Clone, Default)]
pub struct SearchLine {
    pub query: String,
    /// Caret position in `query`, in characters.
    pub caret: usize,
    /// Whether the line has the keyboard (typed characters go into it).
    pub typing: bool,
    /// The query before `/` was pressed, restored when the typing is undone.
    before: String,
}

impl SearchLine {
    /// `/`: the line takes the keyboard, the caret at the end.
    pub fn start(&mut self) {
        self.typing = true;
        self.before = self.query.clone();
        self.caret = self.query.chars().count();
    }

    /// Enter: the words stay, the keyboard goes back to the panes.
    pub fn keep(&mut self) {
        self.typing = false;
    }

    /// Esc: the query as it was before `/`.
    pub fn cancel(&mut self) {
        self.typing = false;
        self.query = std::mem::take(&mut self.before);
        self.caret = self.query.chars().count();
    }

    /// Empties the line.
    pub fn clear(&mut self) {
        self.query.clear();
        self.caret = 0;
    }

    /// Types `c` at the caret; characters that must never reach a terminal are dropped.
    /// Returns whether the query changed.
    pub fn insert(&mut self, c: char) -> bool {
        if crate::text::is_forbidden(c) {
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
    fn cancel_restores_what_was_kept() {
        let mut line = SearchLine::default();
        line.start();
        line.insert('a');
        line.keep();
        line.start();
        line.insert('b');
        line.cancel();
        assert_eq!(
            (line.query.as_str(), line.caret, line.typing),
            ("a", 1, false)
        );
    }
}
