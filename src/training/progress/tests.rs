//! The progress file under stress: a kill between write and rename, two writers at once, a
//! damaged file, a file from a newer casebook.

use super::*;

use crate::atomic::ABORT_BEFORE_RENAME;

fn answered(at: Millis, right: bool) -> Answered {
    Answered { at, right }
}

#[test]
fn answers_survive_a_round_trip_through_the_file() {
    let mut p = Progress::default();
    p.add(
        "case:a/qualify/x",
        "qualify",
        answered(1_795_934_412_345, true),
    );
    p.add(
        "case:a/qualify/x",
        "qualify",
        answered(1_795_934_500_000, false),
    );
    p.add(
        "statute:y/words",
        "words",
        answered(1_795_934_600_000, true),
    );
    p.add_attempt(
        "20261205-10-3f-57",
        Attempt {
            at: 1_795_934_700_000,
            right: 7,
            total: 10,
        },
    );
    let text = p.to_toml();
    assert!(text.contains("version = 2"));
    assert!(text.contains("\"2026-11-29T06:40:12.345Z right\""));
    assert!(
        text.contains("[[exam]]\ncode = \"20261205-10-3f-57\""),
        "{text}"
    );
    assert!(text.contains(" 7/10\""), "{text}");
    assert_eq!(Progress::from_toml(&text), Ok(p));
}

/// A file of format version 1 (before exams) is read as it was.
#[test]
fn a_version_1_file_is_read() {
    let text = "version = 1\n\n[[item]]\nid = \"x\"\nstep = \"words\"\nanswers = [\"2026-11-29T06:40:12.345Z wrong\"]\n";
    let p = Progress::from_toml(text).unwrap();
    assert_eq!(p.answers("x").len(), 1);
    assert_eq!(p.exams().count(), 0);
    // An attempt that is not "TIME RIGHT/TOTAL", or scores more than its total, is refused.
    for bad in [
        "\"2026-11-29T06:40:12.345Z 11/10\"",
        "\"yesterday 1/2\"",
        "\"2026-11-29T06:40:12.345Z\"",
    ] {
        let text = format!("version = 2\n[[exam]]\ncode = \"c\"\nattempts = [{bad}]\n");
        assert!(Progress::from_toml(&text).is_err(), "{bad}");
    }
}

#[test]
fn merging_keeps_both_sessions_answers_once() {
    let mut a = Progress::default();
    a.add("x", "qualify", answered(1, true));
    let mut b = a.clone();
    a.add("x", "qualify", answered(2, false));
    b.add("x", "qualify", answered(3, true));
    b.add("y", "words", answered(4, true));
    a.merge(&b);
    assert_eq!(
        a.answers("x"),
        [answered(1, true), answered(2, false), answered(3, true)]
    );
    assert_eq!(a.answers("y"), [answered(4, true)]);
}

#[test]
fn a_recorded_answer_is_on_disk_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("state"));
    let (p, kept) = store
        .record(&Progress::default(), "x", "qualify", answered(10, true))
        .unwrap();
    assert_eq!(kept, None);
    assert_eq!(store.load().unwrap().0, p);
    assert_eq!(p.answers("x"), [answered(10, true)]);
}

#[test]
fn two_writers_at_once_lose_neither_answers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                // Each session keeps only what it loaded at its start and its own answers.
                let store = Store::new(path);
                let mut session = Progress::default();
                for i in 0..40 {
                    let id = format!("session{w}/item{i}");
                    let at = 1_000 + i64::from(i);
                    session = store
                        .record(&session, &id, "words", answered(at, i % 3 != 0))
                        .unwrap()
                        .0;
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let (p, _) = Store::new(path).load().unwrap();
    for w in 0..2 {
        for i in 0..40 {
            assert_eq!(
                p.answers(&format!("session{w}/item{i}")).len(),
                1,
                "{w}/{i}"
            );
        }
    }
}

#[test]
fn a_damaged_file_is_kept_aside_and_reported_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().to_path_buf());
    std::fs::write(
        store.path(),
        b"version = 1\n[[item]]\nid = \"x\"\nanswers = [42]\n",
    )
    .unwrap();
    let (p, kept) = store.load().unwrap();
    assert!(p.is_empty());
    let kept = kept.expect("reported");
    assert!(kept.to.to_string_lossy().contains("progress.toml.damaged-"));
    assert_eq!(
        std::fs::read(&kept.to).unwrap(),
        b"version = 1\n[[item]]\nid = \"x\"\nanswers = [42]\n"
    );
    assert!(!store.path().exists());
    // Not UTF-8 at all.
    std::fs::write(store.path(), [0xff, 0xfe, 0x00]).unwrap();
    let (_, kept) = store.load().unwrap();
    assert!(kept.unwrap().why.contains("UTF-8"));
}

#[test]
fn a_file_from_a_newer_casebook_is_kept_aside_not_read_as_ours() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().to_path_buf());
    std::fs::write(store.path(), "version = 3\nanything = \"new\"\n").unwrap();
    let (_, kept) = store
        .record(&Progress::default(), "x", "words", answered(1, true))
        .unwrap();
    let kept = kept.expect("reported");
    assert!(kept.why.contains("newer casebook"), "{}", kept.why);
    assert_eq!(
        std::fs::read_to_string(&kept.to).unwrap(),
        "version = 3\nanything = \"new\"\n"
    );
    assert_eq!(store.load().unwrap().0.answers("x").len(), 1);
}

#[test]
fn a_kill_between_write_and_rename_leaves_the_old_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().to_path_buf());
    store
        .record(&Progress::default(), "old", "words", answered(1, true))
        .unwrap();
    let before = std::fs::read(store.path()).unwrap();
    if std::env::var_os(ABORT_BEFORE_RENAME).is_some() {
        return; // in the child, the test below does the writing
    }
    // Run the writing in a child process that aborts after writing the temporary file.
    let child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "training::progress::tests::the_child_that_is_killed",
            "--ignored",
            "--nocapture",
        ])
        .env(ABORT_BEFORE_RENAME, "1")
        .env("CASEBOOK_TEST_DIR", dir.path())
        .status()
        .unwrap();
    assert!(!child.success(), "the child aborted");
    assert_eq!(
        std::fs::read(store.path()).unwrap(),
        before,
        "old file untouched"
    );
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(
        leftovers, 1,
        "the half-done write is a separate temporary file"
    );
    // The next session reads the old answers and writes over the top; the killed writer's
    // temporary file, once old enough that no writer can still be at work on it, is cleaned.
    let temp = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".tmp"))
        .unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3_600);
    std::fs::File::options()
        .write(true)
        .open(&temp)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    let (p, kept) = store
        .record(&Progress::default(), "new", "words", answered(2, true))
        .unwrap();
    assert_eq!(kept, None);
    assert_eq!(p.answers("old").len() + p.answers("new").len(), 2);
    assert!(
        !temp.exists(),
        "the killed writer's temporary file is cleaned"
    );
}

/// The file set aside during a session (found damaged by another session, or moved away by an
/// administrator): the next answer writes the session's earlier answers and exam sittings
/// again, with the new one — what the session holds is never lost to what happened on disk.
#[test]
fn a_sessions_answers_survive_its_file_being_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().to_path_buf());
    let (session, _) = store
        .record(&Progress::default(), "first", "words", answered(1, true))
        .unwrap();
    let attempt = Attempt {
        at: 2,
        right: 3,
        total: 4,
    };
    let (session, _) = store
        .record_attempt(&session, "1-4-3f-50", attempt)
        .unwrap();
    std::fs::write(store.path(), b"version = 2\n[[item]\n").unwrap();
    let (_, kept) = store
        .record(&session, "second", "words", answered(3, false))
        .unwrap();
    assert!(kept.is_some(), "the damaged file is kept aside");
    let (on_disk, _) = store.load().unwrap();
    assert_eq!(on_disk.answers("first").len(), 1, "the earlier answer");
    assert_eq!(on_disk.answers("second").len(), 1, "the new answer");
    assert_eq!(on_disk.exams().count(), 1, "the exam sitting");
    // The same for a sitting recorded after the file went away.
    std::fs::remove_file(store.path()).unwrap();
    store
        .record_attempt(&on_disk, "1-4-3f-50", Attempt { at: 9, ..attempt })
        .unwrap();
    let (on_disk, _) = store.load().unwrap();
    assert_eq!(on_disk.answers("first").len(), 1);
    assert_eq!(on_disk.exams().next().unwrap().1.len(), 2);
}

/// Run only as the child of the test above (with `--ignored`): writes, and aborts before the
/// rename. Ignored, so that it is never counted as a test of its own.
#[test]
#[ignore = "run only as the child of a_kill_between_write_and_rename_leaves_the_old_file_whole"]
fn the_child_that_is_killed() {
    let (Some(_), Some(dir)) = (
        std::env::var_os(ABORT_BEFORE_RENAME),
        std::env::var_os("CASEBOOK_TEST_DIR"),
    ) else {
        return;
    };
    let store = Store::new(PathBuf::from(dir));
    let _ = store.record(&Progress::default(), "lost", "words", answered(5, true));
    unreachable!("aborted before the rename");
}
