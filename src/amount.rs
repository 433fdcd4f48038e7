//! Amounts and counts as officers type them: `500000`, `500,000`, `¥500,000`, `50万`, `1.5万`,
//! `500000元`, `3亿`, and in Chinese numerals `五十万`, `伍万`, `一百二十万`, `两千五百`. Anything
//! else is refused with a reason, never cut to the digits it starts with (`50万` is 500,000, not
//! 50).

use crate::library::diag::Msg;
use crate::numerals::{chinese, is_numeral};

/// Parses a whole number of yuan or records, written with digits, optional thousands commas, an
/// optional currency sign or 元/条 unit, and an optional 万 (×10,000) or 亿 (×100,000,000), which
/// may follow a decimal (`1.5万`) as long as the result is whole.
pub fn parse(text: &str) -> Result<u64, Msg> {
    let refused = |why_en: &str, why_zh: &str| {
        Msg::new(
            format!("\"{text}\" is not an amount: {why_en}"),
            format!("\"{text}\" 不是数额：{why_zh}"),
        )
    };
    let mut rest = text.trim();
    if rest.starts_with('-') || rest.starts_with('－') {
        return Err(refused("it is negative", "不能为负数"));
    }
    rest = rest.trim_start_matches(['¥', '￥']).trim();
    rest = rest.trim_end_matches(['元', '条']).trim();
    if rest.chars().any(is_numeral) {
        return chinese(rest).ok_or_else(|| {
            refused(
                "write digits (500000, 500,000, 50万) or Chinese numerals (五十万)",
                "请写数字（500000、500,000、50万）或中文数字（五十万）",
            )
        });
    }
    let (digits, scale) = match rest.strip_suffix('万') {
        Some(d) => (d, 10_000u64),
        None => match rest.strip_suffix('亿') {
            Some(d) => (d, 100_000_000),
            None => (rest, 1),
        },
    };
    let digits = digits.trim();
    if digits.is_empty() {
        return Err(refused("no digits", "没有数字"));
    }
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, f),
        None => (digits, ""),
    };
    if !commas_in_place(whole) {
        return Err(refused(
            "write digits, with commas only between groups of three (500,000)",
            "请写数字，逗号只能三位一组（500,000）",
        ));
    }
    let whole: String = whole.chars().filter(|&c| c != ',').collect();
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(refused(
            "write digits, optionally with 万 or 亿 (50万)",
            "请写数字，可带“万”或“亿”（如 50万）",
        ));
    }
    let too_large = || refused("it is too large", "数额过大");
    let whole: u64 = whole.parse().map_err(|_| too_large())?;
    let mut value = whole.checked_mul(scale).ok_or_else(too_large)?;
    // A fraction is allowed only when 万 or 亿 makes it whole: 1.5万 = 15,000.
    let mut place = scale;
    for digit in fraction.bytes() {
        if place % 10 != 0 {
            return Err(refused("it is not a whole number", "不是整数"));
        }
        place /= 10;
        value = value
            .checked_add(u64::from(digit - b'0') * place)
            .ok_or_else(too_large)?;
    }
    Ok(value)
}

/// Whether the commas of a run of digits stand between groups of three (`500,000`), or there
/// are none.
fn commas_in_place(whole: &str) -> bool {
    if !whole.contains(',') {
        return true;
    }
    let groups: Vec<&str> = whole.split(',').collect();
    let (first, rest) = groups
        .split_first()
        .expect("split yields one part at least");
    (1..=3).contains(&first.len()) && rest.iter().all(|g| g.len() == 3)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn what_officers_type() {
        for (typed, value) in [
            ("500000", 500_000),
            ("500,000", 500_000),
            ("¥500,000", 500_000),
            ("￥500000元", 500_000),
            ("50万", 500_000),
            ("1.5万", 15_000),
            ("0.5万", 5_000),
            ("3亿", 300_000_000),
            (" 5000条 ", 5_000),
            ("0", 0),
            ("五十万", 500_000),
            ("伍万", 50_000),
            ("伍万元", 50_000),
            ("一百二十万", 1_200_000),
            ("两千五百", 2_500),
            ("一千零五", 1_005),
            ("十五", 15),
            ("十", 10),
            ("三亿五千万", 350_000_000),
            ("5千", 5_000),
            ("¥五十万", 500_000),
        ] {
            assert_eq!(parse(typed), Ok(value), "{typed}");
        }
    }

    #[test]
    fn refused_never_cut() {
        for typed in [
            "",
            "-5",
            "50k",
            "5,00",
            "1.5",
            "1.00005万",
            "12a",
            "1,2345",
            "万",
            "99999999999999999999",
            "五十k",
            "万万",
            "九千九百亿亿亿",
        ] {
            let refused = parse(typed).expect_err(typed);
            assert!(
                refused.en.contains("is not an amount"),
                "{typed}: {refused:?}"
            );
        }
        assert!(parse("-5").unwrap_err().zh.contains("不能为负数"));
    }
}
