//! Handouts for instructors: exercises drawn by a seed, printed as Markdown with the answer key and
//! reasons at the end, or as JSON for a learning platform. The same seed and library give the same
//! handout on any machine.

use serde::Serialize;

use crate::library::Library;
use crate::msg::fill;
use crate::msg::training::TrainingCatalog;
use crate::rng::{Rng, hash};

use super::exercise::{Answer, Exercise};

/// `count` exercises drawn by `seed`, spread over the steps, in step order (the order a case is
/// decided in).
pub fn select(mut exercises: Vec<Exercise>, seed: u64, count: usize) -> Vec<Exercise> {
    let mut rng = Rng::new(hash(seed, "handout"));
    let mut order: Vec<usize> = (0..exercises.len()).collect();
    rng.shuffle(&mut order);
    let mut order = super::schedule::spread(&exercises, order, count);
    order.sort_by_key(|&i| (exercises[i].step, i));
    let mut taken: Vec<Option<Exercise>> = exercises.drain(..).map(Some).collect();
    order.into_iter().filter_map(|i| taken[i].take()).collect()
}

/// The right answer as a handout shows it: `b. …`, `是`, `500000 元`.
pub fn right_answer(t: &TrainingCatalog, exercise: &Exercise) -> String {
    match &exercise.answer {
        Answer::Choice { options, right } => {
            format!("{}. {}", Exercise::letter(*right), options[*right].text)
        }
        Answer::YesNo { right, .. } => (if *right { t.yes } else { t.no }).to_string(),
        Answer::Number { right, unit } => format!("{} {unit}", crate::text::thousands(*right)),
    }
}

/// Why each wrong answer is wrong: `a. …` lines, or the one line of a yes/no question.
pub fn wrong_lines(t: &TrainingCatalog, exercise: &Exercise) -> Vec<String> {
    match &exercise.answer {
        Answer::Choice { options, .. } => options
            .iter()
            .enumerate()
            .filter_map(|(i, o)| {
                let why = o.why_wrong.as_ref()?;
                Some(format!("{}. {why}", Exercise::letter(i)))
            })
            .collect(),
        // Where the reason already says why the other answer is wrong, it is not said twice.
        Answer::YesNo { why_wrong, .. } if *why_wrong == exercise.reason.explanation => Vec::new(),
        Answer::YesNo { right, why_wrong } => {
            let other = if *right { t.no } else { t.yes };
            vec![format!("{other}{}{why_wrong}", t.colon)]
        }
        Answer::Number { .. } => Vec::new(),
    }
}

/// The summary by step as aligned lines (display width, so Chinese heads line up): step, share
/// of right answers, answers, due, new.
pub fn summary_table(t: &TrainingCatalog, rows: &[super::schedule::StepSummary]) -> Vec<String> {
    use crate::text::{pad, width};
    let right = |text: &str, cells: usize| {
        format!("{}{text}", " ".repeat(cells.saturating_sub(width(text))))
    };
    // The step column as wide as the longest name (English `Words of the law`), never cut.
    let first = t
        .step_labels
        .iter()
        .chain([&t.summary_cols[0]])
        .map(|s| width(s))
        .max()
        .unwrap_or(12)
        .max(12);
    let line = |cells: [String; 5]| {
        let [step, share, answers, due, new] = cells;
        format!(
            "{}{}{}{}{}",
            pad(&step, first + 1),
            right(&share, 8),
            right(&answers, 9),
            right(&due, 6),
            right(&new, 6)
        )
    };
    let mut out = vec![line(t.summary_cols.map(str::to_string))];
    for row in rows {
        let share = row
            .percent()
            .map_or(t.summary_none.to_string(), |p| format!("{p}%"));
        out.push(line([
            row.step.label(t).to_string(),
            share,
            row.answers.to_string(),
            row.due.to_string(),
            row.new.to_string(),
        ]));
    }
    out
}

pub fn markdown(
    t: &TrainingCatalog,
    library: &Library,
    exercises: &[Exercise],
    seed: u64,
) -> String {
    let head = format!(
        "# {}\n\n{}\n",
        t.handout_title,
        fill(
            t.handout_meta,
            &[
                ("seed", seed.to_string()),
                ("n", exercises.len().to_string()),
                ("cases", library.cases.len().to_string()),
                ("statutes", library.statutes.len().to_string()),
                ("version", env!("CARGO_PKG_VERSION").to_string()),
            ],
        )
    );
    let mut out = String::new();
    for (n, e) in exercises.iter().enumerate() {
        out.push_str(&format!(
            "\n## {}. {}\n\n{}\n",
            n + 1,
            e.step.label(t),
            e.question
        ));
        if !e.facts.is_empty() {
            out.push('\n');
            for line in &e.facts {
                out.push_str(&format!("> {line}\n"));
            }
        }
        if let Some(assumption) = &e.assumption {
            out.push_str(&format!(
                "\n**{}**{}{assumption}\n",
                e.assumption_label(t),
                t.colon
            ));
        }
        out.push('\n');
        match &e.answer {
            Answer::Choice { options, .. } => {
                for (i, o) in options.iter().enumerate() {
                    out.push_str(&format!("- {}. {}\n", Exercise::letter(i), o.text));
                }
            }
            Answer::YesNo { .. } => out.push_str(&format!("□ {}　□ {}\n", t.yes, t.no)),
            Answer::Number { unit, .. } => {
                out.push_str(&format!("{}________ {unit}\n", t.answer_blank))
            }
        }
    }
    out.push_str(&format!("\n---\n\n# {}\n", t.key_title));
    for (n, e) in exercises.iter().enumerate() {
        out.push_str(&format!(
            "\n**{}. {}** — {}\n",
            n + 1,
            right_answer(t, e),
            e.reason.explanation
        ));
        if library.statute(&e.reason.statute).is_some() {
            let quoted = if e.reason.highlight.is_empty() {
                String::new()
            } else {
                format!("{}「{}」", t.colon, e.reason.highlight.join("……"))
            };
            out.push_str(&format!("\n{}{}{quoted}\n", t.basis_label, e.reason.cite));
        }
        let wrong = wrong_lines(t, e);
        if !wrong.is_empty() {
            out.push('\n');
            for line in wrong {
                out.push_str(&format!("- {line}\n"));
            }
        }
    }
    let legend = abbreviations(t, library, &out);
    crate::text::sanitize(&format!("{head}{legend}{out}"))
}

/// Each law the handout cites by its English short name, with its full English and Chinese
/// names (`CPRL — Consumer Rights and Interests Protection Law of the PRC (中华人民共和国…)`), as a
/// line under the title; nothing in Chinese, whose short names are the ones officers use.
fn abbreviations(t: &TrainingCatalog, library: &Library, body: &str) -> String {
    if t.handout_abbreviations.is_empty() {
        return String::new();
    }
    let mut laws: Vec<String> = Vec::new();
    for s in &library.statutes {
        let Some(short) = s.short_en.as_deref() else {
            continue;
        };
        let cited = [" Art. ", " full text"]
            .iter()
            .any(|after| body.contains(&format!("{short}{after}")));
        let entry = format!("{short} — {} ({})", s.law_en, s.law);
        if cited && !laws.contains(&entry) {
            laws.push(entry);
        }
    }
    if laws.is_empty() {
        return String::new();
    }
    format!(
        "\n**{}**\n\n- {}\n",
        t.handout_abbreviations,
        laws.join("\n- ")
    )
}

#[derive(Serialize)]
struct JsonHandout<'a> {
    seed: u64,
    count: usize,
    cases: usize,
    statutes: usize,
    exercises: &'a [Exercise],
}

pub fn json(library: &Library, exercises: &[Exercise], seed: u64) -> String {
    let handout = JsonHandout {
        seed,
        count: exercises.len(),
        cases: library.cases.len(),
        statutes: library.statutes.len(),
        exercises,
    };
    let json = serde_json::to_string_pretty(&handout).unwrap_or_default();
    crate::text::json_safe(&json)
}
