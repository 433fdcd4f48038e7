//! Width-aware wrapping for mixed Chinese and Latin text, for the screens and the command line.
//!
//! ratatui's own wrapper breaks only at spaces, which pushes whole Chinese runs to the next line.
//! textwrap with Unicode line breaking (UAX #14) breaks between Chinese characters, keeps closing
//! punctuation such as `，。）》」` off the start of a line, and measures in terminal cells.

use crate::text::sanitize;

/// Wraps sanitised text to `width` cells; blank lines between paragraphs are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_at(&sanitize(text), width)
        .into_iter()
        .map(|(_, line)| line)
        .collect()
}

/// Wraps already-sanitised text, giving each line with the index (in characters of `text`) of its
/// first character, so marks on `text` can follow it onto the wrapped lines.
pub fn wrap_at(text: &str, width: usize) -> Vec<(usize, String)> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut paragraph_start = 0; // in characters
    for paragraph in text.split('\n') {
        if paragraph.trim().is_empty() {
            out.push((paragraph_start, String::new()));
        } else {
            let options = textwrap::Options::new(width).break_words(true);
            let mut searched_from = 0; // bytes into the paragraph
            for line in textwrap::wrap(paragraph, options) {
                // Wrapped lines are slices of the paragraph in order; find each after the last.
                let at = paragraph[searched_from..]
                    .find(line.as_ref())
                    .map_or(searched_from, |i| searched_from + i);
                searched_from = at + line.len();
                out.push((
                    paragraph_start + paragraph[..at].chars().count(),
                    line.into_owned(),
                ));
            }
        }
        paragraph_start += paragraph.chars().count() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width;

    #[test]
    fn chinese_wraps_between_characters_within_the_width() {
        let lines = wrap(
            "诸暨祥生新合置业有限公司开发并销售一个住宅小区，其间收集了业主的姓名。",
            20,
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l) <= 20), "{lines:?}");
        assert_eq!(
            lines.concat(),
            "诸暨祥生新合置业有限公司开发并销售一个住宅小区，其间收集了业主的姓名。"
        );
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        for w in 4..30 {
            for line in wrap(
                "依据《消费者权益保护法》相关规定，对该公司予以行政处罚。案件（第一案）结束。",
                w,
            ) {
                assert!(
                    !line.starts_with(['，', '。', '》', '）', '、']),
                    "width {w}: {line}"
                );
            }
        }
    }

    #[test]
    fn mixed_text_does_not_push_chinese_runs_down_whole() {
        let lines = wrap("依据 消法 第二十九条第一款 的规定处罚", 12);
        assert!(lines.iter().all(|l| width(l) <= 12), "{lines:?}");
        assert_eq!(width(&lines[0]), 12, "the first line is filled: {lines:?}");
    }

    #[test]
    fn wrapped_lines_know_where_they_start() {
        let text = "甲乙丙丁戊己\n\n庚辛";
        assert_eq!(
            wrap_at(text, 6),
            [
                (0, "甲乙丙".to_string()),
                (3, "丁戊己".to_string()),
                (7, String::new()),
                (8, "庚辛".to_string())
            ]
        );
    }

    #[test]
    fn paragraphs_and_controls() {
        assert_eq!(wrap("甲\n\n乙\u{1b}[2J", 10), ["甲", "", "乙[2J"]);
    }
}
