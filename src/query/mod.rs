//! Questions asked of a library: which cases pass the chosen filters and the search, and how many
//! each facet value would show. Pure functions, shared by the CLI and the interactive app.

pub mod facets;
pub mod filter;
pub mod lookup;
mod pinyin;
pub mod search;
pub mod similar;
pub mod suggest;
pub mod words;
