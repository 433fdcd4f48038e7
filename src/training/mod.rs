//! Training: exercises drawn from the cases and the law (`generate`), each one step of deciding a
//! case (`step`), answered and explained (`exercise`), scheduled by a Leitner scheme
//! (`schedule`), kept between sessions (`progress`), and printed for instructors (`handout`).
//! Pure but for `progress`, which owns the one file training writes.

pub mod class;
pub mod class_text;
pub mod clock;
pub mod exam;
pub mod exercise;
pub mod generate;
pub mod handout;
pub mod people;
pub mod progress;
pub mod schedule;
pub mod step;

pub use exercise::{Answer, Choice, Exercise, Given};
pub use generate::{SAMPLE, Scope, exercises};
pub use step::Step;
