//! Writing a file so that a reader sees the old one or the new one, never half of one: training
//! progress and the library cache.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

/// Set in a test's child process: it aborts between writing and renaming, as a kill would.
#[cfg(test)]
pub const ABORT_BEFORE_RENAME: &str = "CASEBOOK_TEST_ABORT_BEFORE_RENAME";

/// Writes `name` in `dir` so that it is either the old file or the new one, whatever happens:
/// a temporary file, flushed, renamed over the old, and the directory flushed.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let temp = dir.join(format!(".{name}.{}.{nanos}.tmp", std::process::id()));
    let mut file = File::options().write(true).create_new(true).open(&temp)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    drop(file);
    #[cfg(test)]
    if std::env::var_os(ABORT_BEFORE_RENAME).is_some() {
        std::process::abort();
    }
    fs::rename(&temp, dir.join(name))?;
    File::open(dir)?.sync_all()
}
