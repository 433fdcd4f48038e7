//! One exercise: a question drawn from the library, its right answer according to the data, and
//! the reason that teaches — the provision's words with the deciding phrase, the case lines the
//! answer rests on, and why each wrong option is wrong.

use serde::Serialize;

use super::step::Step;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exercise {
    /// Stable across wording changes: built from ids (`case:yibin-yu/qualify/cprl-29-1`).
    pub id: String,
    pub step: Step,
    /// The case the exercise is about, if any (its id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
    pub question: String,
    /// Lines of the case shown with the question (its key facts).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<String>,
    /// An exercise assumption, not a fact of the case; shown labelled as such.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    pub answer: Answer,
    pub reason: Reason,
}

/// How the exercise is answered, with the right answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Answer {
    /// One of two to four options (keys 1–4 or a–d); `right` is its index.
    Choice { options: Vec<Choice>, right: usize },
    /// Yes or no; `why_wrong` says why the other answer is wrong.
    YesNo { right: bool, why_wrong: String },
    /// A whole number, in `unit`.
    Number { right: u64, unit: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub text: String,
    /// One line on why this option is wrong; `None` on the right one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why_wrong: Option<String>,
}

/// What the feedback shows after an answer, right or wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Why the right answer is right, in a sentence or two.
    pub explanation: String,
    /// The provision the answer rests on (a statute id); the feedback shows its text.
    pub statute: String,
    /// Where in it, as precisely as the answer needs (`法释〔2017〕10号 第五条第一款第（三）项`,
    /// `消法 第五十六条第一款第（九）项`): the feedback's "依据".
    pub cite: String,
    /// Phrases of that text that decide the answer, highlighted.
    pub highlight: Vec<String>,
}

/// An answer given by the trainee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Given {
    Choice(usize),
    YesNo(bool),
    Number(u64),
}

impl Exercise {
    pub fn is_right(&self, given: Given) -> bool {
        match (&self.answer, given) {
            (Answer::Choice { right, .. }, Given::Choice(chosen)) => *right == chosen,
            (Answer::YesNo { right, .. }, Given::YesNo(said)) => *right == said,
            (Answer::Number { right, .. }, Given::Number(typed)) => *right == typed,
            _ => false,
        }
    }

    /// The label an assumption is shown under: on a case, that it is not a fact of the case.
    pub fn assumption_label(&self, t: &crate::msg::training::TrainingCatalog) -> &'static str {
        if self.case.is_some() {
            t.assumption_case_label
        } else {
            t.assumption_label
        }
    }

    /// The letters of the options (`a`–`d`), for handouts and the screen.
    pub fn letter(index: usize) -> char {
        (b'a' + index as u8) as char
    }
}

#[cfg(test)]
mod tests {
    use super::Exercise;

    /// The letters a trainee answers with, in order (found by a mutation that turned `+` into
    /// `-` and passed: nothing read a letter back).
    #[test]
    fn options_are_lettered_a_to_d() {
        let letters: String = (0..4).map(Exercise::letter).collect();
        assert_eq!(letters, "abcd");
    }
}
