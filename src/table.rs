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
    aligned_around(heads, rows, fit, Columns::default())
}

/// [`aligned`], where column `main` (the case's name, say) is the one that matters most: the
/// other text columns give up their cells first; the columns in `whole` (an id a user types
/// back) are never cut.
pub fn aligned_around<H: AsRef<str>>(
    heads: &[H],
    rows: &[Vec<String>],
    fit: Option<usize>,
    columns: Columns,
) -> String {
    let heads: Vec<&str> = heads.iter().map(AsRef::as_ref).collect();
    let numeric: Vec<bool> = (0..heads.len())
        .map(|i| rows.iter().all(|r| is_number(&r[i])))
        .collect();
    let uncut: Vec<bool> = (0..heads.len())
        .map(|i| numeric[i] || columns.whole.contains(&i))
        .collect();
    // Where even the narrowest cells overflow, the columns that matter least go, one by one.
    let mut shown: Vec<bool> = vec![true; heads.len()];
    let mut widths = widths(&heads, rows, &uncut, fit, columns.main, &shown);
    for &dropped in columns.drop_first {
        let total = (0..widths.len())
            .filter(|&i| shown[i])
            .map(|i| widths[i] + 2)
            .sum::<usize>();
        if fit.is_none_or(|fit| total.saturating_sub(2) <= fit) {
            break;
        }
        shown[dropped] = false;
        widths = self::widths(&heads, rows, &uncut, fit, columns.main, &shown);
    }
    let line = |cells: &[&str]| {
        cells
            .iter()
            .enumerate()
            .filter(|(i, _)| shown[*i])
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

/// Which columns matter how much, for [`aligned_around`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Columns<'a> {
    /// The column that keeps its cells longest (a case's name).
    pub main: Option<usize>,
    /// Columns never cut (an id a user types back).
    pub whole: &'a [usize],
    /// Columns left out, in this order, while even the narrowest cells overflow.
    pub drop_first: &'a [usize],
}

/// Each column's width (the `shown` ones): its widest cell, then, while the line is wider than
/// `fit`, one cell at a time off the widest text column that may still give: first the other
/// columns down to [`SIDE`], then `main` down to [`MAIN`], then any down to [`NARROWEST`].
/// Numbers are never cut; if nothing may give, the line runs over.
fn widths(
    heads: &[&str],
    rows: &[Vec<String>],
    uncut: &[bool],
    fit: Option<usize>,
    main: Option<usize>,
    shown: &[bool],
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
    let count = shown.iter().filter(|s| **s).count();
    let gaps = 2 * count.saturating_sub(1);
    let total = |widths: &[usize]| -> usize {
        (0..widths.len())
            .filter(|&i| shown[i])
            .map(|i| widths[i])
            .sum::<usize>()
            + gaps
    };
    let phases: [(bool, usize); 3] = [(false, SIDE), (true, MAIN), (false, NARROWEST)];
    for (is_main, floor) in phases {
        while total(&widths) > fit {
            let widest = (0..widths.len())
                .filter(|&i| shown[i] && !uncut[i] && widths[i] > floor)
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
        let out = aligned_around(
            &["a", "b", "c"],
            &rows,
            Some(50),
            Columns {
                main: Some(0),
                ..Columns::default()
            },
        );
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
        let columns = Columns {
            main: Some(1),
            whole: &[0],
            drop_first: &[],
        };
        let out = aligned_around(&["ID", "当事人"], &rows, Some(30), columns);
        assert!(out.contains("qingpu-two-developers  上海"), "{out}");
    }

    #[test]
    fn where_nothing_more_gives_the_least_column_goes() {
        let rows = vec![vec![
            "qingpu-two-developers".into(),
            "上海市青浦区两家房地产企业".into(),
            "责令改正、警告、罚款".into(),
        ]];
        let columns = Columns {
            main: Some(1),
            whole: &[0],
            drop_first: &[2],
        };
        let out = aligned_around(&["ID", "当事人", "处罚"], &rows, Some(40), columns);
        assert!(!out.contains("处罚") && !out.contains("责令"), "{out}");
        for line in out.lines() {
            assert!(width(line) <= 40, "{out}");
        }
        // With room, nothing goes.
        let out = aligned_around(&["ID", "当事人", "处罚"], &rows, Some(80), columns);
        assert!(out.contains("责令改正、警告、罚款"), "{out}");
    }

    #[test]
    fn markdown_escapes_bars() {
        let out = markdown(&["a"], &[vec!["x|y".into()]]);
        assert_eq!(out, "| a |\n|---|\n| x\\|y |\n");
    }
}
