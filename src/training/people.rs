//! The people of an office whose progress a server keeps: one directory each under
//! `STATE/people/`, named after the person so an instructor can read the tree, and encoded so
//! that no name — `../alice`, `.`, a slash, a control character — can reach another's directory
//! or leave `people/`. Each directory holds a [`Store`] of its own (progress file and lock), so
//! one person's sessions merge with each other and never with anyone else's.

use std::io;
use std::path::{Path, PathBuf};

use super::progress::Store;

/// The directory under the state directory that holds one directory per person.
pub const PEOPLE: &str = "people";

/// The longest name kept: a comment longer than this is cut (at a character) before encoding.
const LONGEST: usize = 64;

/// Who a session is: the authorized key's comment (the person's name), or where there is none
/// its fingerprint.
pub fn person(comment: &str, fingerprint: &str) -> String {
    let comment: String = comment.trim().chars().take(LONGEST).collect();
    if comment.is_empty() {
        fingerprint.to_string()
    } else {
        comment
    }
}

/// A person's directory name: ASCII letters, digits, `_`, `-`, `@`, `.` (but not first) and
/// non-ASCII letters kept, every other byte written `%XX` — so no name is `.` or `..`, holds a
/// `/`, or starts with a dot; the names `casebook gate --person` takes are kept as they are. Two
/// names never share a directory: the encoding can be read back.
pub fn dir_name(person: &str) -> String {
    let mut out = String::new();
    for (i, c) in person.chars().enumerate() {
        let kept = c.is_ascii_alphanumeric()
            || matches!(c, '_' | '-' | '@')
            || (c == '.' && i > 0)
            || (!c.is_ascii() && c.is_alphanumeric());
        if kept {
            out.push(c);
        } else {
            let mut bytes = [0u8; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    if out.is_empty() {
        out.push_str("%00");
    }
    out
}

/// The person a directory name stands for ([`dir_name`] read back); `None` for a name it could
/// not have written.
pub fn name_of(dir: &str) -> Option<String> {
    let mut bytes = Vec::new();
    let mut rest = dir.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    let name = String::from_utf8(bytes).ok()?;
    (dir_name(&name) == dir || name.is_empty()).then_some(name)
}

/// The class under `root`: every person's progress read as it is on disk (nothing moved), at
/// `now`.
pub fn class(root: &Path, now: super::clock::Millis) -> io::Result<super::class::Class> {
    let read: Vec<_> = all(root)?
        .into_iter()
        .map(|(name, store)| (name, store.peek()))
        .collect();
    Ok(super::class::class(&read, now))
}

/// The store of one person's progress under `root`.
pub fn store(root: &Path, person: &str) -> Store {
    Store::new(dir(root, person))
}

/// The directory of one person's progress under `root`.
pub fn dir(root: &Path, person: &str) -> PathBuf {
    root.join(PEOPLE).join(dir_name(person))
}

/// Every person with a directory under `root`, by name, with their store; sorted by name. A
/// directory whose name this casebook could not have written is left out.
pub fn all(root: &Path) -> io::Result<Vec<(String, Store)>> {
    let dir = root.join(PEOPLE);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut people = Vec::new();
    for entry in entries {
        let entry = entry?;
        if !entry.file_type()?.is_dir() {
            continue;
        }
        let Some(name) = entry.file_name().to_str().and_then(name_of) else {
            continue;
        };
        people.push((name, Store::new(entry.path())));
    }
    people.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(people)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_directories_that_stay_inside() {
        assert_eq!(dir_name("alice@office"), "alice@office");
        assert_eq!(dir_name("张三"), "张三");
        assert_eq!(dir_name("li wei"), "li%20wei");
        assert_eq!(
            dir_name("li.wei"),
            "li.wei",
            "as casebook gate --person keeps it"
        );
        for hostile in [
            "..",
            ".",
            "../bob",
            "a/b",
            "/etc/passwd",
            "x\u{1b}[2J",
            "",
            "%2E%2E",
        ] {
            let name = dir_name(hostile);
            assert!(
                !name.contains('/') && !name.starts_with('.'),
                "{hostile:?} → {name}"
            );
            assert!(!name.chars().any(char::is_control), "{hostile:?} → {name}");
            assert_ne!(name, "..");
            let root = Path::new("/srv/casebook");
            assert!(dir(root, hostile).starts_with(root.join(PEOPLE)));
            assert_eq!(dir(root, hostile).components().count(), 5, "{hostile:?}");
        }
    }

    #[test]
    fn a_directory_name_reads_back_as_its_person() {
        for name in [
            "alice@office",
            "张三",
            "li wei",
            "../bob",
            "SHA256:abc+/=",
            "%41",
        ] {
            assert_eq!(name_of(&dir_name(name)).as_deref(), Some(name), "{name}");
        }
        // Two names never share a directory.
        assert_ne!(dir_name("%41"), dir_name("A"));
        // Names this casebook would not write are not read as people.
        assert_eq!(name_of("li%2"), None);
        assert_eq!(name_of("a%41"), None, "A is written as itself");
    }

    #[test]
    fn the_comment_names_the_person_else_the_fingerprint() {
        assert_eq!(person(" alice@office ", "SHA256:x"), "alice@office");
        assert_eq!(person("", "SHA256:x"), "SHA256:x");
        assert_eq!(person(&"x".repeat(100), "f").chars().count(), LONGEST);
    }

    #[test]
    fn every_person_under_a_root() {
        let root = std::env::temp_dir().join(format!("casebook-people-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        assert!(all(&root).unwrap().is_empty());
        for name in ["bob", "张三", "li wei"] {
            std::fs::create_dir_all(dir(&root, name)).unwrap();
        }
        std::fs::create_dir_all(root.join(PEOPLE).join("not%ZZ")).unwrap();
        let names: Vec<String> = all(&root).unwrap().into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["bob", "li wei", "张三"]);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
