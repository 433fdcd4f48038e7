//! Getting the bytes of library files: from the copy of `cases/` embedded at build time, or from
//! a directory on disk. Size, encoding and readability are checked here, before any parsing.

use std::borrow::Cow;
use std::fs;
use std::io::Read;
use std::path::Path;

use include_dir::{Dir, include_dir};

use super::diag::{Diagnostic, Msg, Report, line_col, whole_file};

/// The library that ships inside the binary, so casebook works from any directory.
static EMBEDDED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/cases");

/// Files larger than this are refused unread: no real case file comes near it.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// One library file before decoding.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// How the file is named in reports, e.g. `cases/vocab.toml` or `/srv/office/a.toml`.
    pub name: String,
    /// The file name without `.toml`: a case file's stem must equal its id.
    pub stem: String,
    /// The directory prefix of `name`, with a trailing separator.
    pub dir: String,
    /// The content, or why it could not be read (reported when the library is assembled, beside
    /// the problems of every other file).
    pub bytes: Result<Vec<u8>, Msg>,
    /// For a file on disk, where to read it when it is decoded (then `bytes` is empty): a large
    /// directory is parsed one file at a time instead of being held in memory whole.
    pub path: Option<std::path::PathBuf>,
    /// The case this file gave when last read, unchanged since (the cache knows): not read again.
    pub reused: Option<Box<super::model::Case>>,
}

impl SourceFile {
    /// The file's text, or why it cannot be read as a TOML file.
    pub fn decode(&self) -> Result<String, Diagnostic> {
        let bytes: Cow<[u8]> = match (&self.bytes, &self.path) {
            (Err(why), _) => return Err(whole_file(&self.name, why.clone())),
            (Ok(_), Some(path)) => Cow::Owned(read_limited(path).map_err(|e| {
                let message = Msg::new(
                    format!("cannot read the file: {e}"),
                    format!("无法读取文件：{e}"),
                );
                whole_file(&self.name, message)
            })?),
            (Ok(bytes), None) => Cow::Borrowed(bytes),
        };
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large(&self.name, bytes.len() as u64));
        }
        // Moved, not copied, into the text: a case file read from disk is owned already.
        let text = match String::from_utf8(bytes.into_owned()) {
            Ok(text) => text,
            Err(error) => {
                let bytes = error.as_bytes();
                let at = error.utf8_error().valid_up_to();
                let valid = std::str::from_utf8(&bytes[..at]).unwrap_or("");
                let byte = bytes[at];
                let message = Msg::new(
                    format!("the file is not valid UTF-8 (byte 0x{byte:02x}); save it as UTF-8"),
                    format!("文件不是有效的 UTF-8（字节 0x{byte:02x}）；请另存为 UTF-8"),
                );
                return Err(Diagnostic::new(
                    &self.name,
                    line_col(valid, valid.len()),
                    message,
                ));
            }
        };
        if text.starts_with('\u{feff}') {
            let message = Msg::new(
                "the file starts with a byte-order mark (U+FEFF); save it as UTF-8 without BOM",
                "文件以字节顺序标记（U+FEFF）开头；请另存为不带 BOM 的 UTF-8",
            );
            return Err(whole_file(&self.name, message));
        }
        Ok(text)
    }
}

fn too_large(name: &str, bytes: u64) -> Diagnostic {
    whole_file(
        name,
        Msg::new(
            format!(
                "the file is {bytes} bytes or more; the limit is {MAX_FILE_BYTES} bytes (1 MiB)"
            ),
            format!("文件有 {bytes} 字节或更大；上限为 {MAX_FILE_BYTES} 字节（1 MiB）"),
        ),
    )
}

/// The `*.toml` files of the embedded library, in name order.
pub fn embedded() -> Vec<SourceFile> {
    let mut files: Vec<SourceFile> = EMBEDDED
        .files()
        .filter_map(|file| {
            let path = file.path();
            let stem = toml_stem(path)?;
            Some(SourceFile {
                name: format!("cases/{}", path.display()),
                stem,
                dir: "cases/".to_string(),
                bytes: Ok(file.contents().to_vec()),
                path: None,
                reused: None,
            })
        })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files
}

fn toml_stem(path: &Path) -> Option<String> {
    if path.extension()? != "toml" {
        return None;
    }
    Some(path.file_stem()?.to_string_lossy().into_owned())
}

/// The `*.toml` files directly inside `dir`, in name order; other files (a README) are ignored.
/// A file that cannot be read is returned with the reason, to be reported with the others. Only a
/// directory that cannot be listed at all fails here.
pub fn read_dir(dir: &Path) -> Result<Vec<SourceFile>, Report> {
    let dir_name = dir.display().to_string();
    let prefix = if dir_name.ends_with('/') {
        dir_name.clone()
    } else {
        format!("{dir_name}/")
    };
    let listing_failed = |error: std::io::Error| Report {
        problems: vec![whole_file(
            &dir_name,
            Msg::new(
                format!("cannot read the directory: {error}"),
                format!("无法读取目录：{error}"),
            ),
        )],
    };
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(listing_failed)? {
        let entry = entry.map_err(listing_failed)?;
        let path = entry.path();
        let Some(stem) = toml_stem(&path) else {
            continue;
        };
        files.push(SourceFile {
            name: format!("{prefix}{}", entry.file_name().to_string_lossy()),
            stem,
            dir: prefix.clone(),
            bytes: Ok(Vec::new()),
            path: Some(path),
            reused: None,
        });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// What a directory holds, as `validate` reports it: its case files, and every entry casebook
/// ignores, with the reason, so that nothing is left out silently.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Survey {
    /// The names of its case files (`*.toml` other than the vocabulary, statute, collection and
    /// campaign files).
    pub case_files: Vec<String>,
    /// Entries casebook does not read: `(name, why)`, the reason in English and in Chinese.
    pub ignored: Vec<(String, (&'static str, &'static str))>,
}

/// The files that are not cases.
pub const LIBRARY_FILES: [&str; 4] = ["vocab", "statutes", "collections", "campaign"];

/// Surveys the entries directly inside `dir`, in name order.
pub fn survey(dir: &Path) -> std::io::Result<Survey> {
    let mut entries: Vec<(String, bool)> = fs::read_dir(dir)?
        .map(|entry| {
            let entry = entry?;
            let is_dir = entry.file_type()?.is_dir();
            Ok((entry.file_name().to_string_lossy().into_owned(), is_dir))
        })
        .collect::<std::io::Result<_>>()?;
    entries.sort();
    let mut survey = Survey::default();
    for (name, is_dir) in entries {
        let path = Path::new(&name);
        let extension = path.extension().map(|e| e.to_string_lossy().into_owned());
        let why = if is_dir {
            Some((
                "a subdirectory: only the files directly in the directory are read",
                "子目录：只读取目录中直接存放的文件",
            ))
        } else {
            match extension.as_deref() {
                Some("toml") => None,
                Some(e) if e.eq_ignore_ascii_case("toml") => Some((
                    "the extension must be .toml in lowercase",
                    "扩展名必须是小写的 .toml",
                )),
                _ => Some(("not a .toml file", "不是 .toml 文件")),
            }
        };
        match why {
            Some(why) => survey.ignored.push((name, why)),
            None => {
                let stem = toml_stem(path).unwrap_or_default();
                if !LIBRARY_FILES.contains(&stem.as_str()) {
                    survey.case_files.push(name);
                }
            }
        }
    }
    Ok(survey)
}

/// Reads at most one byte past the size limit, so a huge file is refused without loading it.
/// Only regular files are opened (a FIFO would block forever, a device never end), and a symbolic
/// link only when it stays inside the file's directory: a directory written by someone else must
/// not make casebook read, and quote in its errors, files elsewhere.
fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    if fs::symlink_metadata(path)?.file_type().is_symlink() {
        // A loop fails here, with the system's "too many levels of symbolic links".
        let target = fs::canonicalize(path)?;
        let dir = fs::canonicalize(path.parent().unwrap_or(Path::new(".")))?;
        if !target.starts_with(&dir) {
            return Err(std::io::Error::other(format!(
                "it is a symbolic link to {}, outside the directory",
                target.display()
            )));
        }
    }
    let metadata = fs::metadata(path)?;
    if metadata.is_dir() {
        return Err(std::io::Error::other("it is a directory"));
    }
    if !metadata.is_file() {
        return Err(std::io::Error::other("it is not a regular file"));
    }
    let file = fs::File::open(path)?;
    // Sized from the metadata, so the file is read into one allocation rather than a growing one.
    let mut bytes = Vec::with_capacity(metadata.len().min(MAX_FILE_BYTES) as usize + 1);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod survey_tests {
    use super::*;

    #[test]
    fn a_survey_names_what_it_ignores_and_why() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "a-case.toml",
            "my-case.TOML",
            "b.toml~",
            "vocab.toml",
            "README.md",
        ] {
            fs::write(dir.path().join(name), "").unwrap();
        }
        fs::create_dir(dir.path().join("sub")).unwrap();
        let survey = survey(dir.path()).unwrap();
        assert_eq!(survey.case_files, ["a-case.toml"]);
        let ignored: Vec<&str> = survey.ignored.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(ignored, ["README.md", "b.toml~", "my-case.TOML", "sub"]);
        assert!(survey.ignored[2].1.0.contains("lowercase"));
        assert!(survey.ignored[3].1.0.contains("subdirectory"));
    }
}
