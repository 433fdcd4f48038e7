//! Writing an export to a new file, never over an existing one: `casebook-<id>.md`, then
//! `casebook-<id>-1.md`, `-2` … The file is created only if absent (`create_new`), so two sessions
//! exporting at once cannot overwrite each other.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The most numbered variants tried before giving up.
const MAX_TRIES: u32 = 10_000;

/// Writes `text` to the first of `dir/stem.md`, `dir/stem-1.md`, … that does not exist yet, and
/// returns its path.
pub fn write_new(dir: &Path, stem: &str, text: &str) -> io::Result<PathBuf> {
    for n in 0..MAX_TRIES {
        let name = if n == 0 {
            format!("{stem}.md")
        } else {
            format!("{stem}-{n}.md")
        };
        let path = dir.join(name);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                file.write_all(text.as_bytes())?;
                file.sync_all()?;
                return Ok(path);
            }
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{stem}.md and {MAX_TRIES} numbered variants exist"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_overwrites_and_numbers_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_new(dir.path(), "casebook-yibin-yu", "一").unwrap();
        let second = write_new(dir.path(), "casebook-yibin-yu", "二").unwrap();
        let third = write_new(dir.path(), "casebook-yibin-yu", "三").unwrap();
        let name = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(
            [name(&first), name(&second), name(&third)],
            [
                "casebook-yibin-yu.md",
                "casebook-yibin-yu-1.md",
                "casebook-yibin-yu-2.md"
            ]
        );
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "一");
        assert_eq!(std::fs::read_to_string(&third).unwrap(), "三");
    }

    #[test]
    fn a_directory_that_cannot_be_written_is_an_error() {
        let missing = Path::new("/nonexistent-casebook-dir");
        assert!(write_new(missing, "x", "y").is_err());
    }
}
