//! Dates as sources give them: a year, a month, or a day (`"2019"`, `"2019-01"`, `"2019-05-24"`).

use std::fmt;

use super::diag::Msg;

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Years a case, statute or source can plausibly carry; anything else is a typo.
const YEARS: std::ops::RangeInclusive<u16> = 1949..=2100;

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible dates such as 2019-02-30.
    pub fn parse(text: &str) -> Result<Self, Msg> {
        let bad_form = || {
            Msg::new(
                format!("\"{text}\" is not a date; write \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\""),
                format!("\"{text}\" 不是日期；请写作 \"YYYY\"、\"YYYY-MM\" 或 \"YYYY-MM-DD\""),
            )
        };
        let parts: Vec<&str> = text.split('-').collect();
        let widths_ok = match parts.as_slice() {
            [y] => y.len() == 4,
            [y, m] => y.len() == 4 && m.len() == 2,
            [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2,
            _ => false,
        };
        if !widths_ok || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
            return Err(bad_form());
        }
        let year: u16 = parts[0].parse().map_err(|_| bad_form())?;
        if !YEARS.contains(&year) {
            let (from, to) = (YEARS.start(), YEARS.end());
            return Err(Msg::new(
                format!("year {year} is out of range ({from}–{to})"),
                format!("年份 {year} 超出范围（{from}–{to}）"),
            ));
        }
        let month = match parts.get(1) {
            None => None,
            Some(m) => {
                let month: u8 = m.parse().map_err(|_| bad_form())?;
                if !(1..=12).contains(&month) {
                    return Err(Msg::new(
                        format!("\"{text}\" has no month {month}"),
                        format!("\"{text}\" 没有 {month} 月"),
                    ));
                }
                Some(month)
            }
        };
        let day = match (parts.get(2), month) {
            (Some(d), Some(month)) => {
                let day: u8 = d.parse().map_err(|_| bad_form())?;
                if day == 0 || day > days_in_month(year, month) {
                    return Err(Msg::new(
                        format!("\"{text}\" is not a real date"),
                        format!("\"{text}\" 不是真实存在的日期"),
                    ));
                }
                Some(day)
            }
            _ => None,
        };
        Ok(PartialDate { year, month, day })
    }

    /// The first day the date can mean, as (year, month, day).
    pub fn earliest(&self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day the date can mean, as (year, month, day).
    pub fn latest(&self) -> (u16, u8, u8) {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or(days_in_month(self.year, month));
        (self.year, month, day)
    }

    /// True when `self` certainly ends before `other` begins (`2019-05` is not before `2019-05-24`).
    pub fn certainly_before(&self, other: &PartialDate) -> bool {
        self.latest() < other.earliest()
    }
}

/// Today's date where the law's dates are set (China, UTC+8), from the system clock.
pub fn system_today() -> PartialDate {
    const CHINA: i64 = 8 * 3_600_000;
    let (year, month, day) = crate::training::clock::date_of(crate::training::clock::now() + CHINA);
    PartialDate {
        year: year.clamp(*YEARS.start() as i64, *YEARS.end() as i64) as u16,
        month: Some(month as u8),
        day: Some(day as u8),
    }
}

impl PartialDate {
    /// A full date (`YYYY-MM-DD`) only, as `--today` takes it.
    pub fn parse_day(text: &str) -> Result<Self, Msg> {
        let date = PartialDate::parse(text)?;
        if date.day.is_none() {
            return Err(Msg::new(
                format!("\"{text}\" is not a full date; write \"YYYY-MM-DD\""),
                format!("\"{text}\" 不是完整日期；请写作 \"YYYY-MM-DD\""),
            ));
        }
        Ok(date)
    }

    /// True when `self` certainly begins on or after `other` ends (`2026-01-01` is not before
    /// `2026-01-01`).
    pub fn certainly_from(&self, other: &PartialDate) -> bool {
        self.earliest() >= other.latest()
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PartialDate::parse(&text).map_err(|why| serde::de::Error::custom(why.en))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_prints_it_back() {
        for text in ["2019", "2019-01", "2019-05-24", "2020-02-29"] {
            assert_eq!(PartialDate::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for text in [
            "2019-02-30",
            "2019-02-29",
            "2100-02-29",
            "2019-13",
            "2019-00",
            "2019-04-31",
            "2019-5-24",
            "19-05-24",
            "2019/05/24",
            "",
            "1800",
            "２０１９",
        ] {
            assert!(
                PartialDate::parse(text).is_err(),
                "{text} should be rejected"
            );
        }
    }

    #[test]
    fn before_compares_what_the_dates_can_mean() {
        let d = |t| PartialDate::parse(t).unwrap();
        assert!(d("2018-11").certainly_before(&d("2019-06")));
        assert!(!d("2019-06").certainly_before(&d("2019-06-13")));
        assert!(!d("2019-06-13").certainly_before(&d("2019-06")));
        assert!(d("2019-06-13").certainly_before(&d("2019-07")));
        assert!(!d("2019").certainly_before(&d("2019-12-31")));
    }
}
