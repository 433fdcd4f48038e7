//! Tables as text: aligned by display width (Chinese takes two cells a character), fitted to a
//! terminal's width by cutting text cells with "…", or whole cells when piped; and CSV as people
//! open it (with the byte-order mark Excel needs to read UTF-8) or as scripts read it.

use crate::text::{pad, width};

/// The narrowest a cut text column becomes (fewer cells say nothing).
const NARROWEST: usize = 8;
/// What the other columns keep before the main one is cut.
const SIDE: usize = 12;
/// What the main column keeps before the others go below [`SIDE`].
const MAIN: usize = 16;

/// A column of counts, sums and shares (`1,474`, `¥1,200`, `32%`, `—`, empty): right-aligned and
/// never cut.
fn is_number(cell: &str) -> bool {
    cell.chars()
        .all(|c| c.is_ascii_digit() || ",.%¥—×/ ".contains(c))
}

/// Columns padded to their widest cell, two spaces apart; numbers right-aligned. With `fit` (a
/// terminal's columns), a line wider than it has its text columns cut with "…" (see
/// [`widths`]); piped (`None`), every cell stays whole.
pub fn aligned<H: AsRef<str>>(heads: &[H], rows: &[Vec<String>], fit: Option<usize>) -> String {
    aligned_around(heads, rows, fit, None, &[])
}

/// [`aligned`], where column `main` (the case's name, say) is the one that matters most: the
/// other text columns give up their cells first; the columns in `whole` (an id a user types
/// back) are never cut.
pub fn aligned_around<H: AsRef<str>>(
    heads: &[H],
    rows: &[Vec<String>],
    fit: Option<usize>,
    main: Option<usize>,
    whole: &[usize],
) -> String {
    let heads: Vec<&str> = heads.iter().map(AsRef::as_ref).collect();
    let numeric: Vec<bool> = (0..heads.len())
        .map(|i| rows.iter().all(|r| is_number(&r[i])))
        .collect();
    let uncut: Vec<bool> = (0..heads.len())
        .map(|i| numeric[i] || whole.contains(&i))
        .collect();
    let widths = widths(&heads, rows, &uncut, fit, main);
    let line = |cells: &[&str]| {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if numeric[i] {
                    format!("{}{c}", " ".repeat(widths[i].saturating_sub(width(c))))
                } else {
                    pad(c, widths[i])
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let mut out = line(&heads) + "\n";
    for row in rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        out.push_str(&line(&cells));
        out.push('\n');
    }
    out
}

/// Each column's width: its widest cell, then, while the line is wider than `fit`, one cell at
/// a time off the widest text column that may still give: first the other columns down to
/// [`SIDE`], then `main` down to [`MAIN`], then any down to [`NARROWEST`]. Numbers are never
/// cut; if nothing may give, the line runs over.
fn widths(
    heads: &[&str],
    rows: &[Vec<String>],
    uncut: &[bool],
    fit: Option<usize>,
    main: Option<usize>,
) -> Vec<usize> {
    let mut widths: Vec<usize> = (0..heads.len())
        .map(|i| {
            rows.iter()
                .map(|r| width(&r[i]))
                .chain([width(heads[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let Some(fit) = fit else {
        return widths;
    };
    let gaps = 2 * widths.len().saturating_sub(1);
    let phases: [(bool, usize); 3] = [(false, SIDE), (true, MAIN), (false, NARROWEST)];
    for (is_main, floor) in phases {
        while widths.iter().sum::<usize>() + gaps > fit {
            let widest = (0..widths.len())
                .filter(|&i| !uncut[i] && widths[i] > floor)
                .filter(|&i| main.is_none() || (Some(i) == main) == is_main)
                .max_by_key(|&i| (widths[i], i));
            match widest {
                Some(i) => widths[i] -= 1,
                None => break,
            }
        }
    }
    widths
}

/// A Markdown table of the same cells (`|` escaped), every cell whole.
pub fn markdown<H: AsRef<str>>(heads: &[H], rows: &[Vec<String>]) -> String {
    let escape = |c: &str| c.replace('|', "\\|");
    let heads: Vec<String> = heads.iter().map(|h| escape(h.as_ref())).collect();
    let mut out = format!("| {} |\n", heads.join(" | "));
    out.push_str(&format!("|{}\n", "---|".repeat(heads.len())));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// Whom a CSV file is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvFor {
    /// A spreadsheet: UTF-8 after a byte-order mark, without which Excel on a Chinese Windows
    /// reads the file as GBK and shows mojibake.
    People,
    /// A script: plain UTF-8 (`--no-bom`), as most CSV readers expect.
    Scripts,
}

/// The byte-order mark Excel needs to read a CSV file as UTF-8.
pub const BOM: &str = "\u{feff}";

impl CsvFor {
    /// `--no-bom` given or not.
    pub fn from_no_bom(no_bom: bool) -> Self {
        if no_bom {
            CsvFor::Scripts
        } else {
            CsvFor::People
        }
    }

    /// What a CSV file's text starts with.
    pub fn prefix(self) -> &'static str {
        match self {
            CsvFor::People => BOM,
            CsvFor::Scripts => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Vec<String>> {
        vec![
            vec![
                "1".into(),
                "诸暨祥生新合置业有限公司".into(),
                "浙江省".into(),
            ],
            vec![
                "10".into(),
                "上海市青浦区两家房地产企业".into(),
                "上海市".into(),
            ],
        ]
    }

    #[test]
    fn piped_every_cell_is_whole_and_columns_line_up() {
        let out = aligned(&["#", "当事人", "省份"], &rows(), None);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[2].contains("上海市青浦区两家房地产企业"));
        // Numbers right-aligned, Chinese columns start at the same cell.
        assert!(lines[1].starts_with(" 1  诸暨"), "{out}");
        let at = |l: &str, s: &str| width(&l[..l.rfind(s).unwrap()]);
        assert_eq!(at(lines[1], "浙江省"), at(lines[2], "上海市"));
    }

    #[test]
    fn fitted_every_line_is_within_the_width_and_cut_with_an_ellipsis() {
        for fit in [20, 30, 40] {
            let out = aligned(&["#", "当事人", "省份"], &rows(), Some(fit));
            for line in out.lines() {
                assert!(width(line) <= fit, "{fit}: {line:?}");
            }
            if fit < 40 {
                assert!(out.contains('…'), "{out}");
            }
        }
        // Wide enough: nothing cut.
        assert!(!aligned(&["#", "当事人", "省份"], &rows(), Some(80)).contains('…'));
    }

    #[test]
    fn numbers_are_never_cut_and_text_stops_at_its_narrowest() {
        let rows = vec![vec!["1,234,567".into(), "一二三四五六七八九十".into()]];
        let out = aligned(&["n", "t"], &rows, Some(5));
        assert!(out.contains("1,234,567"), "{out}");
        assert!(out.lines().nth(1).unwrap().contains("一二三…"), "{out}");
    }

    #[test]
    fn the_main_column_keeps_its_cells_longest() {
        let rows = vec![vec![
            "上海市青浦区两家房地产企业的案例".into(),
            "新疆生产建设兵团".into(),
            "Order to correct, Warning, Fine".into(),
        ]];
        let out = aligned_around(&["a", "b", "c"], &rows, Some(50), Some(0), &[]);
        let line = out.lines().nth(1).unwrap();
        assert!(width(line) <= 50, "{out}");
        // The others gave up cells down to 12 before the main one went below 22.
        assert!(line.starts_with("上海市青浦区两家房地…"), "{out}");
        assert!(line.contains("新疆生产建…"), "{out}");
        assert!(line.ends_with("Order to co…"), "{out}");
    }

    #[test]
    fn a_whole_column_is_never_cut() {
        let rows = vec![vec![
            "qingpu-two-developers".into(),
            "上海市青浦区两家房地产企业".into(),
        ]];
        let out = aligned_around(&["ID", "当事人"], &rows, Some(30), Some(1), &[0]);
        assert!(out.contains("qingpu-two-developers  上海"), "{out}");
    }

    #[test]
    fn markdown_escapes_bars() {
        let out = markdown(&["a"], &[vec!["x|y".into()]]);
        assert_eq!(out, "| a |\n|---|\n| x\\|y |\n");
    }
}
