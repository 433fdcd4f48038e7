//! Questions asked of a library: which cases pass the chosen filters. Pure functions, shared by
//! the CLI and the interactive app.

pub mod filter;
