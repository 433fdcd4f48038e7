//! Times as the progress file writes them: UTC, to the millisecond, `2026-11-29T06:40:12.345Z`,
//! so a person can read when they answered. Converted with the days-from-civil algorithm of
//! Howard Hinnant's `chrono`-compatible date notes; no date crate is needed for this one format.

/// Milliseconds since 1970-01-01T00:00:00Z.
pub type Millis = i64;

pub const MINUTE: Millis = 60_000;
pub const DAY: Millis = 24 * 60 * MINUTE;

/// Now, from the system clock.
pub fn now() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as Millis)
}

pub fn format(ms: Millis) -> String {
    let days = ms.div_euclid(DAY);
    let in_day = ms.rem_euclid(DAY);
    let (y, m, d) = civil_from_days(days);
    let (h, rest) = (in_day / 3_600_000, in_day % 3_600_000);
    let (min, rest) = (rest / 60_000, rest % 60_000);
    let (s, milli) = (rest / 1000, rest % 1000);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.{milli:03}Z")
}

/// Reads what [`format`] writes; `None` for anything else.
pub fn parse(text: &str) -> Option<Millis> {
    let b = text.as_bytes();
    if b.len() != 24 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[23] != b'Z' {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<i64> {
        let part = text.get(from..to)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, m, d) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (h, min, s, milli) = (num(11, 13)?, num(14, 16)?, num(17, 19)?, num(20, 23)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || h > 23 || min > 59 || s > 59 {
        return None;
    }
    Some(days_from_civil(y, m, d) * DAY + h * 3_600_000 + min * 60_000 + s * 1000 + milli)
}

/// The calendar date (year, month, day) of a moment, in UTC.
pub fn date_of(ms: Millis) -> (i64, i64, i64) {
    civil_from_days(ms.div_euclid(DAY))
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_and_read_back() {
        assert_eq!(format(0), "1970-01-01T00:00:00.000Z");
        // 2026-11-29T06:40:12.345Z
        let ms = 1_795_934_412_345;
        assert_eq!(format(ms), "2026-11-29T06:40:12.345Z");
        assert_eq!(parse(&format(ms)), Some(ms));
        assert_eq!(
            parse("2024-02-29T23:59:59.999Z").map(format).as_deref(),
            Some("2024-02-29T23:59:59.999Z")
        );
        assert_eq!(parse("2026-13-01T00:00:00.000Z"), None);
        assert_eq!(parse("yesterday"), None);
        // Every separator is checked, and a short text is refused, not indexed past its end
        // (found by a mutation that joined the checks with `&&` and passed).
        for bad in [
            "2026/11-29T06:40:12.345Z",
            "2026-11/29T06:40:12.345Z",
            "2026-11-29 06:40:12.345Z",
            "2026-11-29T06:40:12.345+",
            "2026",
            "",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
