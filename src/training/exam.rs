//! Exams an instructor sets: the exercises a seed, a count and the steps draw from the whole
//! library — the handout `casebook quiz --seed N --count K` prints — named by a code a trainee
//! types (`20261205-10-3f-57`: seed, count, steps as a bit mask, and a check number that catches
//! a mistyped digit). The same code on the same library gives the same exercises in the same
//! order, on any machine.

use crate::library::{Library, Msg};
use crate::msg::training::TrainingCatalog;

use super::exercise::Exercise;
use super::step::Step;
use super::{SAMPLE, Scope, exercises, handout};

/// The most exercises an exam may have.
pub const MOST: usize = 100;

/// An exam: what draws its exercises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exam {
    pub seed: u64,
    pub count: usize,
    /// The steps drawn from; all of them when empty.
    pub steps: Vec<Step>,
}

impl Exam {
    fn mask(&self) -> u8 {
        if self.steps.is_empty() {
            return (1 << Step::ALL.len()) - 1;
        }
        self.steps.iter().fold(0, |m, s| m | (1 << *s as u8))
    }

    /// The code a trainee types: `SEED-COUNT-MASK-CHECK`.
    pub fn code(&self) -> String {
        let mask = self.mask();
        format!(
            "{}-{}-{mask:02x}-{:02}",
            self.seed,
            self.count,
            check(self.seed, self.count, mask)
        )
    }

    /// Reads a code; refused, with why, if it is not one [`Exam::code`] writes.
    pub fn parse(code: &str) -> Result<Exam, Msg> {
        let refused = || {
            Msg::new(
                format!("\"{code}\" is not an exam code (it looks like 20261205-10-3f-57)"),
                format!("\"{code}\" 不是考试代码（形如 20261205-10-3f-57）"),
            )
        };
        let parts: Vec<&str> = code.trim().split('-').collect();
        let [seed, count, mask, sum] = parts.as_slice() else {
            return Err(refused());
        };
        let seed: u64 = seed.parse().map_err(|_| refused())?;
        let count: usize = count.parse().map_err(|_| refused())?;
        let mask = u8::from_str_radix(mask, 16).map_err(|_| refused())?;
        let sum: u64 = sum.parse().map_err(|_| refused())?;
        if sum != check(seed, count, mask) {
            return Err(Msg::new(
                format!("\"{code}\": a digit is mistyped (the check number does not match)"),
                format!("\"{code}\"：有数字输错了（校验数不符）"),
            ));
        }
        if count == 0 || count > MOST || mask == 0 || mask >> Step::ALL.len() != 0 {
            return Err(refused());
        }
        let all = (1u8 << Step::ALL.len()) - 1;
        let steps = if mask == all {
            Vec::new()
        } else {
            Step::ALL
                .into_iter()
                .filter(|s| mask & (1 << *s as u8) != 0)
                .collect()
        };
        Ok(Exam { seed, count, steps })
    }

    /// The exam's exercises, in order: the handout of the same seed, count and steps.
    pub fn exercises(&self, t: &TrainingCatalog, library: &Library) -> Vec<Exercise> {
        let scope = Scope::all(library).sampled(library, &|_| false, self.seed, SAMPLE);
        let drawn = exercises(t, library, &scope, &self.steps, self.seed);
        handout::select(drawn, self.seed, self.count)
    }
}

/// A check number over the code's parts, 0–96: any one digit mistyped changes it.
fn check(seed: u64, count: usize, mask: u8) -> u64 {
    let text = format!("{seed}-{count}-{mask:02x}");
    text.bytes()
        .fold(0u64, |sum, b| (sum * 31 + u64::from(b)) % 97)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{LoadOptions, load};
    use crate::msg::training::{EN, ZH};

    #[test]
    fn a_code_reads_back_and_a_mistyped_one_is_refused() {
        let exam = Exam {
            seed: 20261205,
            count: 10,
            steps: Vec::new(),
        };
        let code = exam.code();
        assert!(code.starts_with("20261205-10-3f-"), "{code}");
        assert_eq!(Exam::parse(&code), Ok(exam));
        let some = Exam {
            seed: 7,
            count: 3,
            steps: vec![Step::Qualify, Step::Threshold],
        };
        assert_eq!(Exam::parse(&some.code()), Ok(some.clone()));
        // Every single digit changed is caught.
        let code = some.code();
        for (i, c) in code.char_indices().filter(|(_, c)| c.is_ascii_digit()) {
            let other = if c == '9' { '8' } else { (c as u8 + 1) as char };
            let typo = format!("{}{other}{}", &code[..i], &code[i + 1..]);
            assert!(Exam::parse(&typo).is_err(), "{typo}");
        }
        for bad in ["", "abc", "1-2-3", "7-0-3f-00", "1-2-zz-3"] {
            assert!(Exam::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_same_code_draws_the_same_exercises_in_both_languages() {
        let library = load(&LoadOptions::default()).unwrap();
        let exam = Exam {
            seed: 42,
            count: 8,
            steps: Vec::new(),
        };
        let ids = |t| -> Vec<String> {
            exam.exercises(t, &library)
                .into_iter()
                .map(|e| e.id)
                .collect()
        };
        let zh = ids(&ZH);
        assert_eq!(zh.len(), 8);
        assert_eq!(zh, ids(&ZH));
        assert_eq!(zh, ids(&EN));
    }
}
