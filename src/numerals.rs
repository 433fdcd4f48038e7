//! Numbers written in Chinese numerals (`五十万`, `一千零三十三`, `二百五十三`): what officers type
//! as amounts, and the numbers of articles, paragraphs and items (`第五十六条`).

/// Whether a character is a Chinese numeral or a unit within four places.
pub fn is_numeral(c: char) -> bool {
    numeral(c).is_some() || unit(c).is_some()
}

/// A Chinese numeral's value: 〇 to 九, their financial forms, and 两.
fn numeral(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '贰' | '两' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// A unit within a section of four places: 十, 百, 千 (and their financial forms).
fn unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1_000,
        _ => return None,
    })
}

/// A number written with Chinese numerals and units, ASCII digits allowed for a figure (`5千`):
/// `一百二十万` = 1,200,000, `一千零五` = 1,005, `十五` = 15. `None` for anything else.
pub fn chinese(text: &str) -> Option<u64> {
    let (mut yi, mut wan, mut section, mut number) = (0u64, 0u64, 0u64, None::<u64>);
    let mut any = false;
    for c in text.chars() {
        if let Some(d) = numeral(c).or_else(|| c.to_digit(10).map(u64::from)) {
            // ASCII digits run on (`12千`); a Chinese numeral stands alone.
            number = Some(match (number, c.is_ascii_digit()) {
                (Some(n), true) => n.checked_mul(10)?.checked_add(d)?,
                _ => d,
            });
            any = true;
        } else if let Some(u) = unit(c) {
            // A unit alone is one of it: 十 is ten, 百万 a million.
            let n = number.take().unwrap_or(1);
            section = section.checked_add(n.checked_mul(u)?)?;
            any = true;
        } else if c == '万' || c == '萬' {
            let n = section.checked_add(number.take().unwrap_or(0))?;
            // 万 after nothing is no number (`万一`: "in case").
            if n == 0 {
                return None;
            }
            wan = wan.checked_add(n.checked_mul(10_000)?)?;
            section = 0;
        } else if c == '亿' || c == '億' {
            let n = wan
                .checked_add(section)?
                .checked_add(number.take().unwrap_or(0))?;
            if n == 0 {
                return None;
            }
            yi = yi.checked_add(n)?.checked_mul(100_000_000)?;
            wan = 0;
            section = 0;
        } else {
            return None;
        }
    }
    if !any {
        return None;
    }
    yi.checked_add(wan)?
        .checked_add(section)?
        .checked_add(number.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::chinese;

    #[test]
    fn article_numbers_and_amounts() {
        for (text, n) in [
            ("十", 10),
            ("十五", 15),
            ("二十九", 29),
            ("一百一十一", 111),
            ("二百五十三", 253),
            ("一千零三十三", 1033),
            ("五十万", 500_000),
            ("伍拾万", 500_000),
            ("百万", 1_000_000),
            ("一百万", 1_000_000),
            ("千万", 10_000_000),
            ("五千", 5_000),
            // ASCII digits run on before a unit, as officers type them.
            ("12千", 12_000),
            ("1万5千", 15_000),
        ] {
            assert_eq!(chinese(text), Some(n), "{text}");
        }
        for text in ["", "条", "五十条", "万一"] {
            assert_eq!(chinese(text), None, "{text}");
        }
    }
}
