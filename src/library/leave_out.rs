//! Loading with the files that have problems left out: on a shared host, one colleague's broken
//! file must not lock everyone out of the office's library and the built-in one.

use super::diag::Report;
use super::files::{self, SourceFile};
use super::{Library, LoadOptions, assemble, load};

/// A library loaded with the files that have problems left out, and why.
#[derive(Debug)]
pub struct Loaded {
    pub library: Library,
    /// The names of the extra directory's files left out, in name order.
    pub left_out: Vec<String>,
    /// Every problem of those files (what `casebook validate DIR` lists).
    pub problems: Report,
}

/// Loads the embedded library extended by `options.extra_dir`, leaving out the directory's
/// files that have problems rather than refusing everything: on a shared host, one colleague's
/// typo must not lock everyone out. A file is left out whole; a case that refers to what a
/// left-out vocabulary, statutes or collections file defined then has problems of its own and is
/// left out too, so the load is repeated until what remains is valid. Problems in the built-in
/// library, or a directory that cannot be read, still refuse to load.
pub fn load_leaving_out(options: &LoadOptions) -> Result<Loaded, Report> {
    let Some(dir) = options.extra_dir else {
        let library = load(options)?;
        return Ok(Loaded {
            library,
            left_out: Vec::new(),
            problems: Report::default(),
        });
    };
    assemble_leaving_out(files::embedded(), files::read_dir(dir)?, options.only)
}

/// [`load_leaving_out`] over files already listed: `base` must be valid; `extra`'s files with
/// problems are left out, round after round, until the rest assembles.
pub fn assemble_leaving_out(
    base: Vec<SourceFile>,
    mut extra: Vec<SourceFile>,
    only: bool,
) -> Result<Loaded, Report> {
    let mut left_out: Vec<String> = Vec::new();
    let mut problems = Report::default();
    // Each round leaves out at least one file, so there are at most as many rounds as files.
    loop {
        match assemble(base.clone(), Some(extra.clone()), only) {
            Ok(library) => {
                left_out.sort();
                return Ok(Loaded {
                    library,
                    left_out,
                    problems: problems.finish(),
                });
            }
            Err(report) => {
                let bad: Vec<String> = extra
                    .iter()
                    .filter(|f| report.problems.iter().any(|p| p.file == f.name))
                    .map(|f| f.name.clone())
                    .collect();
                if bad.is_empty() {
                    // The problems are not in the directory's files: nothing to leave out.
                    return Err(report);
                }
                extra.retain(|f| !bad.contains(&f.name));
                problems.extend(
                    report
                        .problems
                        .into_iter()
                        .filter(|p| bad.contains(&p.file)),
                );
                left_out.extend(bad);
            }
        }
    }
}
