//! The class as text: a table aligned by display width (numbers right-aligned), Markdown, and
//! CSV (RFC 4180 quoting, CRLF) — for `casebook class` and the browser's class screen alike.

use std::path::Path;

use crate::msg::fill;
use crate::msg::training::TrainingCatalog;
use crate::table::aligned;
use crate::text::sanitize_line;

use super::class::{self, Class};
use super::{Step, clock};

/// A person's row as cells, in the order of `class_people_heads`.
fn person_cells(t: &TrainingCatalog, p: &class::Person) -> Vec<String> {
    if let Some(why) = &p.unreadable {
        // The first line says what is wrong; the parser's drawing of it would break the table.
        let first = why.lines().next().unwrap_or_default();
        let why = fill(t.class_unreadable, &[("why", sanitize_line(first))]);
        let none = || "—".to_string();
        return vec![sanitize_line(&p.name), none(), none(), none(), none(), why];
    }
    vec![
        sanitize_line(&p.name),
        p.exercises.to_string(),
        p.answers.to_string(),
        p.percent().map_or("—".to_string(), |pc| format!("{pc}%")),
        p.due.to_string(),
        p.last_seen.map_or(t.class_never.to_string(), |at| {
            clock::format(at)[..16].replace('T', " ")
        }),
    ]
}

/// An exercise's row as cells, in the order of `class_exercise_heads`.
fn exercise_cells(t: &TrainingCatalog, e: &class::Exercise) -> Vec<String> {
    let step = Step::ALL
        .into_iter()
        .find(|s| s.key() == e.step)
        .map_or(e.step.clone(), |s| s.label(t).to_string());
    vec![
        sanitize_line(&e.id),
        step,
        e.answers.to_string(),
        e.wrong.to_string(),
        format!("{}%", e.percent_wrong()),
        e.people.to_string(),
    ]
}

/// A sitting's row as cells, in the order of `class_exam_heads`.
fn sitting_cells(e: &class::Sitting) -> Vec<String> {
    let score = |(right, total): (usize, usize)| format!("{right}/{total}");
    vec![
        sanitize_line(&e.code),
        sanitize_line(&e.person),
        e.attempts.to_string(),
        score(e.last),
        score(e.best),
    ]
}

fn title(t: &TrainingCatalog, class: &Class, dir: &Path) -> String {
    fill(
        t.class_title,
        &[
            ("n", class.people.len().to_string()),
            ("dir", dir.display().to_string()),
        ],
    )
}

/// The class as aligned text: people, the hardest exercises, the exams; cut to `fit` columns
/// where given (see [`aligned`]).
pub fn table(t: &TrainingCatalog, class: &Class, dir: &Path, fit: Option<usize>) -> String {
    if class.people.is_empty() {
        return format!(
            "{}\n",
            fill(t.class_nobody, &[("dir", dir.display().to_string())])
        );
    }
    let people: Vec<Vec<String>> = class.people.iter().map(|p| person_cells(t, p)).collect();
    let mut out = format!("{}\n\n", title(t, class, dir));
    out.push_str(&aligned(&t.class_people_heads, &people, fit));
    out.push_str(&format!("\n{}\n", t.class_hardest));
    if class.exercises.is_empty() {
        out.push_str(&format!("{}\n", t.class_no_wrong));
    } else {
        let rows: Vec<Vec<String>> = class
            .exercises
            .iter()
            .map(|e| exercise_cells(t, e))
            .collect();
        out.push_str(&aligned(&t.class_exercise_heads, &rows, fit));
    }
    if !class.exams.is_empty() {
        out.push_str(&format!("\n{}\n", t.class_exams));
        let rows: Vec<Vec<String>> = class.exams.iter().map(sitting_cells).collect();
        out.push_str(&aligned(&t.class_exam_heads, &rows, fit));
    }
    out
}

/// The class as Markdown tables.
pub fn markdown(t: &TrainingCatalog, class: &Class, dir: &Path) -> String {
    let md_table = |heads: &[&str], rows: Vec<Vec<String>>| crate::table::markdown(heads, &rows);
    let mut out = format!("# {}\n\n", title(t, class, dir));
    out.push_str(&md_table(
        &t.class_people_heads,
        class.people.iter().map(|p| person_cells(t, p)).collect(),
    ));
    out.push_str(&format!("\n## {}\n\n", t.class_hardest));
    if class.exercises.is_empty() {
        out.push_str(&format!("{}\n", t.class_no_wrong));
    } else {
        out.push_str(&md_table(
            &t.class_exercise_heads,
            class
                .exercises
                .iter()
                .map(|e| exercise_cells(t, e))
                .collect(),
        ));
    }
    if !class.exams.is_empty() {
        out.push_str(&format!("\n## {}\n\n", t.class_exams));
        out.push_str(&md_table(
            &t.class_exam_heads,
            class.exams.iter().map(sitting_cells).collect(),
        ));
    }
    out
}

/// Two blocks, people then the hardest exercises, each under its heading row; cells quoted
/// where they hold a comma, a quote or a line break (RFC 4180).
pub fn csv(t: &TrainingCatalog, class: &Class) -> String {
    let cell = |c: &str| {
        if c.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", c.replace('"', "\"\""))
        } else {
            c.to_string()
        }
    };
    let row =
        |cells: &[String]| cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",") + "\r\n";
    let heads = |h: &[&str]| row(&h.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    let mut out = heads(&t.class_people_heads);
    for p in &class.people {
        out.push_str(&row(&person_cells(t, p)));
    }
    out.push_str("\r\n");
    out.push_str(&heads(&t.class_exercise_heads));
    for e in &class.exercises {
        out.push_str(&row(&exercise_cells(t, e)));
    }
    out.push_str("\r\n");
    out.push_str(&heads(&t.class_exam_heads));
    for e in &class.exams {
        out.push_str(&row(&sitting_cells(e)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg::training::{EN, ZH};
    use crate::text::width;
    use crate::training::clock::DAY;
    use crate::training::progress::{Answered, Progress};

    /// A class with a long exercise id and a Chinese name, at 60, 80 and 120 columns: every line
    /// fits its terminal (display width), the counts are never cut, and piped (no width) every
    /// cell is whole.
    #[test]
    fn the_table_fits_the_terminal_and_piped_keeps_whole_cells() {
        let long = "case:qingpu-two-developers-of-a-long-name/discretion/cprl-56";
        let mut p = Progress::default();
        for (i, right) in [false, false, true].into_iter().enumerate() {
            let at = DAY + i as i64 * 60_000;
            p.add(long, "discretion", Answered { at, right });
        }
        let class = class::class(&[("王芳 (Wang Fang)".to_string(), Ok(p))], 2 * DAY);
        let dir = Path::new("/srv/casebook/people");
        for t in [&ZH, &EN] {
            for fit in [60, 80, 120] {
                let text = table(t, &class, dir, Some(fit));
                for line in text.lines().skip(1) {
                    assert!(width(line) <= fit, "{fit}: {line:?}");
                }
                assert!(text.contains("王芳"), "{text}");
                // The counts and shares of the hardest exercise stand whole.
                assert!(text.contains("67%"), "{text}");
            }
            let piped = table(t, &class, dir, None);
            assert!(piped.contains(long), "{piped}");
            assert!(table(t, &class, dir, Some(60)).contains('…'));
        }
    }
}
