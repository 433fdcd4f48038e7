//! casebook: browse real enforcement cases on consumers' personal information.
//!
//! The core (`library`, `sheet`, `text`) knows nothing of terminals; the CLI and the interactive
//! app are thin shells over it.

pub mod amount;
pub mod assess;
pub mod atomic;
pub mod cli;
pub mod config;
pub mod dirs;
pub mod export;
pub mod law;
pub mod library;
pub mod memory;
pub mod msg;
pub mod numerals;
pub mod query;
pub mod rng;
pub mod serve;
pub mod sheet;
pub mod stats;
pub mod synth;
pub mod table;
pub mod text;
pub mod training;
pub mod tui;
pub mod wrap;
