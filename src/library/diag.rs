//! Diagnostics: one problem in one file, located as `FILE:LINE:COL`.
//!
//! Columns count characters, not bytes, so that a position in a line of Chinese text points at the
//! character an editor shows there.

use std::fmt;
use std::ops::Range;

/// One problem found while loading a library, said in English and in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub message_zh: String,
}

/// A message in both interface languages. There is no conversion from a bare string, so a site
/// that forgets the Chinese does not compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub en: String,
    pub zh: String,
}

impl Msg {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Msg {
        Msg {
            en: en.into(),
            zh: zh.into(),
        }
    }
}

impl Diagnostic {
    pub fn new(file: &str, (line, col): (usize, usize), message: Msg) -> Diagnostic {
        Diagnostic {
            file: file.to_string(),
            line,
            col,
            message: message.en,
            message_zh: message.zh,
        }
    }

    /// `FILE:LINE:COL: message`, in Chinese or in English.
    pub fn render(&self, chinese: bool) -> String {
        let message = if chinese {
            &self.message_zh
        } else {
            &self.message
        };
        format!("{}:{}:{}: {message}", self.file, self.line, self.col)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// Every problem found in one load, in file and position order.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
pub struct Report {
    pub problems: Vec<Diagnostic>,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.problems.extend(more);
    }

    /// One line a problem, in Chinese or in English.
    pub fn render(&self, chinese: bool) -> String {
        self.problems
            .iter()
            .map(|p| p.render(chinese) + "\n")
            .collect()
    }

    /// Sorts and removes exact repeats, so the report reads top to bottom like the files.
    pub fn finish(mut self) -> Self {
        self.problems.sort();
        self.problems.dedup();
        self
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.problems {
            writeln!(f, "{problem}")?;
        }
        Ok(())
    }
}

/// Collects the diagnostics of one file, turning byte spans into lines and columns.
pub struct Sink<'a> {
    file: &'a str,
    text: &'a str,
    pub problems: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Self {
        Sink {
            file,
            text,
            problems: Vec::new(),
        }
    }

    pub fn file(&self) -> &str {
        self.file
    }

    /// Records a problem at the start of `span`.
    pub fn at(&mut self, span: Range<usize>, message: Msg) {
        let at = line_col(self.text, span.start);
        self.problems.push(Diagnostic::new(self.file, at, message));
    }
}

/// 1-based line and character column of a byte offset (clamped to the text).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// A diagnostic for a whole file (unreadable, too large, …), placed at its first character.
pub fn whole_file(file: &str, message: Msg) -> Diagnostic {
    Diagnostic::new(file, (1, 1), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "a = 1\ntitle = \"浙江省\" x";
        let x = text.find('x').unwrap();
        assert_eq!(line_col(text, x), (2, 15));
        assert_eq!(line_col(text, 0), (1, 1));
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_are_clamped() {
        let text = "浙江";
        assert_eq!(line_col(text, 1), (1, 1));
        assert_eq!(line_col(text, 99), (1, 3));
    }

    #[test]
    fn report_is_sorted_and_printed_one_line_each() {
        let mut report = Report::default();
        report.extend([
            whole_file("b.toml", Msg::new("second", "第二")),
            whole_file("a.toml", Msg::new("first", "第一")),
        ]);
        let report = report.finish();
        assert_eq!(
            report.to_string(),
            "a.toml:1:1: first\nb.toml:1:1: second\n"
        );
        assert_eq!(report.render(true), "a.toml:1:1: 第一\nb.toml:1:1: 第二\n");
    }
}
