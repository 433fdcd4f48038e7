//! `casebook quiz`: a handout of exercises for instructors (Markdown with the answer key at the
//! end, or JSON), the trainee's progress by step (`--progress`), or its reset (`--reset`).

use std::io::{BufRead, Write};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::library::Library;
use crate::msg::fill;
use crate::training::progress::Store;
use crate::training::{self, Step, clock, handout, schedule};

use super::list::{FilterArgs, build_filter};

/// The training strings of the language chosen.
fn t() -> &'static crate::msg::training::TrainingCatalog {
    super::m().training
}

#[derive(Debug, Args)]
pub struct QuizArgs {
    /// The seed exercises are drawn by: the same seed and library give the same handout (default:
    /// drawn from the clock, and printed in the handout).
    #[arg(long)]
    pub seed: Option<u64>,
    /// How many exercises.
    #[arg(long, default_value_t = 10)]
    pub count: usize,
    /// The handout's format.
    #[arg(long, value_enum, default_value_t = QuizFormat::Markdown)]
    pub format: QuizFormat,
    /// Only these steps, by key or label, comma-separated (定性,罚则,裁量,刑事门槛,今日法律,条文 or
    /// qualify,penalty,discretion,threshold,today,words).
    #[arg(long, value_delimiter = ',', value_name = "STEPS")]
    pub step: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Print the trainee's progress by step instead of a handout.
    #[arg(long, conflicts_with = "reset")]
    pub progress: bool,
    /// Delete the trainee's progress (asks first).
    #[arg(long)]
    pub reset: bool,
    /// With --reset: do not ask.
    #[arg(long, requires = "reset")]
    pub yes: bool,
    /// Set an exam: print the code trainees type in the browser (`T`) to take exactly these
    /// exercises, in this order (the whole library; --seed, --count and --step choose them).
    #[arg(long, conflicts_with_all = ["reset", "progress"])]
    pub exam: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuizFormat {
    /// Questions, then the answer key with reasons: ready to print.
    Markdown,
    /// Every exercise with its answer and reason, for a learning platform.
    Json,
}

pub fn run(library: &Library, args: &QuizArgs, store: Option<Store>) -> ExitCode {
    if args.reset {
        return reset(store, args.yes);
    }
    let filter = match build_filter(library, &args.filters) {
        Ok(filter) => filter,
        Err(code) => return code,
    };
    let mut steps = Vec::new();
    for typed in &args.step {
        match Step::parse(
            typed,
            &[&crate::msg::training::ZH, &crate::msg::training::EN],
        ) {
            Some(step) => steps.push(step),
            None => {
                let known: Vec<String> = Step::ALL
                    .iter()
                    .map(|s| format!("{} ({})", s.label(t()), s.key()))
                    .collect();
                let values = [
                    ("typed", crate::text::sanitize_line(typed)),
                    ("steps", known.join(", ")),
                ];
                eprintln!("casebook: {}", fill(t().cli_unknown_step, &values));
                return ExitCode::from(2);
            }
        }
    }
    let cases: Vec<usize> = (0..library.cases.len())
        .filter(|&i| filter.matches(library, &library.cases[i]))
        .collect();
    if !filter.is_empty() && cases.is_empty() {
        eprintln!("casebook: {}", t().no_case_in_filter);
        return ExitCode::from(1);
    }
    let scope = if filter.is_empty() {
        training::Scope::all(library)
    } else {
        training::Scope::of_cases(library, cases)
    };
    let seed = args
        .seed
        .unwrap_or_else(|| clock::now().unsigned_abs() % 1_000_000);
    if args.exam {
        if !filter.is_empty() {
            eprintln!("casebook: {}", t().exam_whole_library);
            return ExitCode::from(2);
        }
        return exam(library, args, seed, steps);
    }
    if args.progress {
        let exercises = training::exercises(t(), library, &scope, &steps, seed);
        return progress(store, &exercises);
    }
    if args.count == 0 {
        eprintln!("casebook: {}", t().count_zero);
        return ExitCode::from(2);
    }
    // A handout of a few exercises needs no more than a sample of a very large library.
    let scope = scope.sampled(library, &|_| false, seed, training::SAMPLE);
    let exercises = training::exercises(t(), library, &scope, &steps, seed);
    if exercises.is_empty() {
        eprintln!("casebook: {}", t().none_in_scope);
        return ExitCode::from(1);
    }
    let available = exercises.len();
    let chosen = handout::select(exercises, seed, args.count);
    if chosen.len() < args.count {
        let n = ("n", available.to_string());
        eprintln!("casebook: {}", fill(t().cli_only_exercises, &[n]));
    }
    match args.format {
        QuizFormat::Markdown => super::print(&handout::markdown(t(), library, &chosen, seed)),
        QuizFormat::Json => super::print(&(handout::json(library, &chosen, seed) + "\n")),
    }
}

fn progress(store: Option<Store>, exercises: &[training::Exercise]) -> ExitCode {
    let Some(store) = store else {
        eprintln!("casebook: {}", t().not_saved);
        return ExitCode::from(1);
    };
    let (progress, kept) = match store.load() {
        Ok(loaded) => loaded,
        Err(e) => {
            let values = [
                ("path", store.path().display().to_string()),
                ("error", e.to_string()),
            ];
            eprintln!("casebook: {}", fill(t().cli_cannot_read, &values));
            return ExitCode::from(1);
        }
    };
    if let Some(kept) = kept {
        eprintln!(
            "casebook: {}",
            fill(
                t().kept_aside,
                &[("why", kept.why), ("path", kept.to.display().to_string())]
            )
        );
    }
    let rows = schedule::summary(exercises, &progress, clock::now());
    let mut out = fill(
        t().saved_in,
        &[("path", store.path().display().to_string())],
    ) + "\n";
    for line in handout::summary_table(t(), &rows) {
        out.push_str(&line);
        out.push('\n');
    }
    super::print(&out)
}

/// `--exam`: the code, what it draws, and how a trainee takes it; or JSON with the exercise ids.
fn exam(library: &Library, args: &QuizArgs, seed: u64, steps: Vec<Step>) -> ExitCode {
    if args.count == 0 || args.count > training::exam::MOST {
        let most = ("most", training::exam::MOST.to_string());
        eprintln!("casebook: {}", fill(t().exam_count, &[most]));
        return ExitCode::from(2);
    }
    let exam = training::exam::Exam {
        seed,
        count: args.count,
        steps,
    };
    let exercises = exam.exercises(t(), library);
    if exercises.is_empty() {
        eprintln!("casebook: {}", t().none_in_scope);
        return ExitCode::from(1);
    }
    if exercises.len() < args.count {
        let n = ("n", exercises.len().to_string());
        eprintln!("casebook: {}", fill(t().cli_only_exercises, &[n]));
    }
    let code = exam.code();
    match args.format {
        QuizFormat::Json => super::print_json(&serde_json::json!({
            "code": code,
            "seed": seed,
            "count": exercises.len(),
            "steps": exam.steps.iter().map(|s| s.key()).collect::<Vec<_>>(),
            "exercises": exercises.iter().map(|e| &e.id).collect::<Vec<_>>(),
        })),
        QuizFormat::Markdown => {
            let values = [
                ("code", code),
                ("n", exercises.len().to_string()),
                ("seed", seed.to_string()),
            ];
            super::print(&format!(
                "{}
",
                fill(t().exam_set, &values)
            ))
        }
    }
}

fn reset(store: Option<Store>, yes: bool) -> ExitCode {
    let Some(store) = store else {
        eprintln!("casebook: {}", t().not_saved);
        return ExitCode::from(1);
    };
    let path = store.path();
    if !path.exists() {
        let shown = ("path", path.display().to_string());
        println!("casebook: {}", fill(t().cli_no_progress, &[shown]));
        return ExitCode::SUCCESS;
    }
    if !yes {
        let shown = ("path", path.display().to_string());
        eprint!("{}", fill(t().cli_reset_ask, &[shown]));
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        let _ = std::io::stdin().lock().read_line(&mut line);
        if !matches!(line.trim(), "y" | "Y" | "yes" | "是") {
            eprintln!("casebook: {}", t().cli_nothing_deleted);
            return ExitCode::from(1);
        }
    }
    match store.reset() {
        Ok(_) => {
            let shown = ("path", path.display().to_string());
            println!("casebook: {}", fill(t().cli_deleted, &[shown]));
            ExitCode::SUCCESS
        }
        Err(e) => {
            let values = [
                ("path", path.display().to_string()),
                ("error", e.to_string()),
            ];
            eprintln!("casebook: {}", fill(t().cli_cannot_delete, &values));
            ExitCode::from(1)
        }
    }
}
