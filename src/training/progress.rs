//! Training progress and where it is kept: `$XDG_STATE_HOME/casebook/progress.toml` (else
//! `~/.local/state/casebook/`), or `--state DIR`.
//!
//! The file is TOML a person can read (format version 2, documented in the README; version 1
//! files, without exams, are read too):
//!
//! ```toml
//! version = 2
//!
//! [[item]]
//! id = "case:zhuji-xiangsheng/qualify/cprl-29-2"
//! step = "qualify"
//! answers = ["2026-11-29T06:40:12.345Z right", "2026-11-30T08:02:51.004Z wrong"]
//!
//! [[exam]]
//! code = "20261205-10-3f-57"
//! attempts = ["2026-12-05T09:40:12.345Z 7/10"]
//! ```
//!
//! It holds answers, not schedules: the schedule is derived from them, so two sessions of one user
//! (two SSH logins) merge by joining their answers. Every answer is written at once: under a lock
//! (`progress.lock`), the file on disk is read again and merged with this session's answers, then
//! written to a temporary file, flushed to disk, renamed over the old one, and the directory
//! flushed. A kill at any moment leaves the old file or the new one, never half of one. A file
//! that cannot be read, or was written by a newer casebook, is renamed aside (`progress.toml.
//! damaged-…`), reported, and a new one begun: never overwritten, never a panic.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::clock::{self, Millis};

pub const FILE: &str = "progress.toml";
const LOCK: &str = "progress.lock";
/// The version of the file format this casebook writes; it reads this one and every earlier one
/// (version 2 added `[[exam]]`).
pub const VERSION: u64 = 2;
/// Answers kept per item: far more than the schedule and the summary need.
const KEPT: usize = 200;

/// One answer: when, and whether it was right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Answered {
    pub at: Millis,
    pub right: bool,
}

/// Every item's answers, oldest first; and every exam taken, by its code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    items: BTreeMap<String, Item>,
    exams: BTreeMap<String, Vec<Attempt>>,
}

/// One attempt at an exam: when it was finished, and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Attempt {
    pub at: Millis,
    pub right: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Item {
    step: String,
    answers: Vec<Answered>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV1 {
    version: u64,
    #[serde(default)]
    item: Vec<FileItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    exam: Vec<FileExam>,
}

/// `[[exam]]`: an exam's code and its attempts, each `"TIME RIGHT/TOTAL"`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileExam {
    code: String,
    attempts: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileItem {
    id: String,
    step: String,
    answers: Vec<String>,
}

impl Progress {
    pub fn answers(&self, id: &str) -> &[Answered] {
        self.items.get(id).map_or(&[], |item| &item.answers)
    }

    /// The ids of the cases that have answered items (`case:ID/…`).
    pub fn cases(&self) -> std::collections::HashSet<&str> {
        self.items
            .keys()
            .filter_map(|id| id.strip_prefix("case:")?.split('/').next())
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.exams.is_empty()
    }

    /// Every answered item: its id, its step's key, its answers (oldest first).
    pub fn items(&self) -> impl Iterator<Item = (&str, &str, &[Answered])> {
        self.items
            .iter()
            .map(|(id, item)| (id.as_str(), item.step.as_str(), item.answers.as_slice()))
    }

    pub fn add(&mut self, id: &str, step: &str, answered: Answered) {
        let item = self.items.entry(id.to_string()).or_default();
        item.step = step.to_string();
        item.answers.push(answered);
        tidy(&mut item.answers);
    }

    /// Every exam taken: its code and its attempts, oldest first.
    pub fn exams(&self) -> impl Iterator<Item = (&str, &[Attempt])> {
        self.exams.iter().map(|(c, a)| (c.as_str(), a.as_slice()))
    }

    /// Records an attempt at the exam `code`.
    pub fn add_attempt(&mut self, code: &str, attempt: Attempt) {
        let attempts = self.exams.entry(code.to_string()).or_default();
        attempts.push(attempt);
        attempts.sort();
        attempts.dedup();
    }

    /// Joins another session's answers into these.
    pub fn merge(&mut self, other: &Progress) {
        for (code, attempts) in &other.exams {
            for &attempt in attempts {
                self.add_attempt(code, attempt);
            }
        }
        for (id, theirs) in &other.items {
            let item = self.items.entry(id.clone()).or_default();
            if item.step.is_empty() {
                item.step = theirs.step.clone();
            }
            item.answers.extend(theirs.answers.iter().copied());
            tidy(&mut item.answers);
        }
    }

    pub fn to_toml(&self) -> String {
        let file = FileV1 {
            version: VERSION,
            item: self
                .items
                .iter()
                .map(|(id, item)| FileItem {
                    id: id.clone(),
                    step: item.step.clone(),
                    answers: item
                        .answers
                        .iter()
                        .map(|a| {
                            let result = if a.right { "right" } else { "wrong" };
                            format!("{} {result}", clock::format(a.at))
                        })
                        .collect(),
                })
                .collect(),
            exam: self
                .exams
                .iter()
                .map(|(code, attempts)| FileExam {
                    code: code.clone(),
                    attempts: attempts
                        .iter()
                        .map(|a| format!("{} {}/{}", clock::format(a.at), a.right, a.total))
                        .collect(),
                })
                .collect(),
        };
        let body = toml::to_string(&file).unwrap_or_default();
        format!(
            "# casebook training progress (format version {VERSION}; see the README, \"Training\").\n\
             # Each item lists its answers; the schedule is worked out from them.\n{body}"
        )
    }

    /// Reads a progress file; an error says why it cannot be used.
    pub fn from_toml(text: &str) -> Result<Progress, String> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
        match table.get("version").and_then(toml::Value::as_integer) {
            Some(v) if (1..=VERSION as i64).contains(&v) => {}
            Some(v) if v > VERSION as i64 => {
                return Err(format!(
                    "format version {v} was written by a newer casebook (this one reads {VERSION})"
                ));
            }
            Some(v) => return Err(format!("unknown format version {v}")),
            None => return Err("no format version".to_string()),
        }
        let file: FileV1 = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut progress = Progress::default();
        for item in file.item {
            let mut answers = Vec::new();
            for answer in &item.answers {
                let parsed = answer.split_once(' ').and_then(|(at, result)| {
                    let right = match result {
                        "right" => true,
                        "wrong" => false,
                        _ => return None,
                    };
                    Some(Answered {
                        at: clock::parse(at)?,
                        right,
                    })
                });
                answers.push(parsed.ok_or_else(|| {
                    format!(
                        "item {}: answer \"{answer}\" is not \"TIME right|wrong\"",
                        item.id
                    )
                })?);
            }
            tidy(&mut answers);
            progress.items.insert(
                item.id,
                Item {
                    step: item.step,
                    answers,
                },
            );
        }
        for exam in file.exam {
            for text in &exam.attempts {
                let attempt = text.split_once(' ').and_then(|(at, score)| {
                    let (right, total) = score.split_once('/')?;
                    let (right, total) = (right.parse().ok()?, total.parse().ok()?);
                    (right <= total).then_some(Attempt {
                        at: clock::parse(at)?,
                        right,
                        total,
                    })
                });
                let attempt = attempt.ok_or_else(|| {
                    format!(
                        "exam {}: attempt \"{text}\" is not \"TIME RIGHT/TOTAL\"",
                        exam.code
                    )
                })?;
                progress.add_attempt(&exam.code, attempt);
            }
        }
        Ok(progress)
    }
}

/// In time order, each answer once, the newest [`KEPT`].
fn tidy(answers: &mut Vec<Answered>) {
    answers.sort();
    answers.dedup();
    if answers.len() > KEPT {
        answers.drain(..answers.len() - KEPT);
    }
}

/// A progress file that could not be used, and where it was put.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptAside {
    pub to: PathBuf,
    pub why: String,
}

/// The directory progress is kept in.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    pub fn new(dir: PathBuf) -> Store {
        Store { dir }
    }

    /// `$XDG_STATE_HOME/casebook`, else `~/.local/state/casebook`; `None` with neither set.
    pub fn default_dir() -> Option<PathBuf> {
        crate::dirs::casebook(crate::dirs::Kind::State)
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    /// The progress on disk (empty if there is none yet).
    pub fn load(&self) -> io::Result<(Progress, Option<KeptAside>)> {
        let _lock = self.lock()?;
        self.read()
    }

    /// The progress on disk, read without a lock and without moving anything: for an instructor
    /// reading the class (a damaged file is reported and left where it is for its owner's next
    /// session to keep aside).
    pub fn peek(&self) -> Result<Progress, String> {
        match fs::read(self.path()) {
            Ok(bytes) => String::from_utf8(bytes)
                .map_err(|_| "not UTF-8 text".to_string())
                .and_then(|text| Progress::from_toml(&text)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Progress::default()),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Records one answer: reads what is on disk, joins this answer (and `session`, this
    /// session's progress), writes the whole atomically, and gives back the merged progress.
    pub fn record(
        &self,
        session: &Progress,
        id: &str,
        step: &str,
        answered: Answered,
    ) -> io::Result<(Progress, Option<KeptAside>)> {
        let _lock = self.lock()?;
        let (mut progress, kept) = self.read()?;
        progress.merge(session);
        progress.add(id, step, answered);
        write_atomic(&self.dir, FILE, progress.to_toml().as_bytes())?;
        Ok((progress, kept))
    }

    /// Records an attempt at an exam, as [`Store::record`] records an answer.
    pub fn record_attempt(
        &self,
        session: &Progress,
        code: &str,
        attempt: Attempt,
    ) -> io::Result<(Progress, Option<KeptAside>)> {
        let _lock = self.lock()?;
        let (mut progress, kept) = self.read()?;
        progress.merge(session);
        progress.add_attempt(code, attempt);
        write_atomic(&self.dir, FILE, progress.to_toml().as_bytes())?;
        Ok((progress, kept))
    }

    /// Deletes the progress file; false if there was none.
    pub fn reset(&self) -> io::Result<bool> {
        let _lock = self.lock()?;
        match fs::remove_file(self.path()) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// An exclusive lock on `progress.lock`, released when dropped: one writer at a time, among
    /// all sessions of the user.
    fn lock(&self) -> io::Result<File> {
        fs::create_dir_all(&self.dir)?;
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir.join(LOCK))?;
        file.lock()?;
        Ok(file)
    }

    /// Reads the file under the lock; one that cannot be used is kept aside.
    fn read(&self) -> io::Result<(Progress, Option<KeptAside>)> {
        let path = self.path();
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok((Progress::default(), None));
            }
            Err(e) => return Err(e),
        };
        let parsed = String::from_utf8(bytes)
            .map_err(|_| "not UTF-8 text".to_string())
            .and_then(|text| Progress::from_toml(&text));
        match parsed {
            Ok(progress) => Ok((progress, None)),
            Err(why) => {
                let to = aside_name(&path);
                fs::rename(&path, &to)?;
                Ok((Progress::default(), Some(KeptAside { to, why })))
            }
        }
    }
}

/// `progress.toml.damaged-20261129T064012Z`, with `-2`, `-3`… if that is taken.
fn aside_name(path: &Path) -> PathBuf {
    let stamp: String = clock::format(clock::now())
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(15)
        .collect();
    let base = format!("{}.damaged-{stamp}Z", path.display());
    let mut candidate = PathBuf::from(&base);
    let mut n = 2;
    while candidate.exists() {
        candidate = PathBuf::from(format!("{base}-{n}"));
        n += 1;
    }
    candidate
}

pub use crate::atomic::write as write_atomic;

#[cfg(test)]
mod tests;
