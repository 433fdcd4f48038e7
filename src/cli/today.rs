//! `--today YYYY-MM-DD`: the day every command judges "the law today" by, instead of the system's
//! date — for tests and for handouts that must read the same whenever they are printed.

use crate::library::PartialDate;

static TODAY: std::sync::OnceLock<PartialDate> = std::sync::OnceLock::new();

/// `--today`: a full date, checked like a case file's dates (no 2026-02-30).
pub(super) fn parse(text: &str) -> Result<PartialDate, String> {
    PartialDate::parse_day(text).map_err(|why| {
        if super::m().lang == crate::msg::Lang::Zh {
            why.zh
        } else {
            why.en
        }
    })
}

/// Remembers `--today` for the libraries this run loads.
pub(super) fn set(day: PartialDate) {
    let _ = TODAY.set(day);
}

/// `--today`, where it was given.
pub(super) fn get() -> Option<PartialDate> {
    TODAY.get().copied()
}
