//! Where in a law a provision sits, as English citations write it: `第五十六条第一款第（九）项` is
//! `Art. 56(1)(9)`, `第二百五十三条之一` is `Art. 253-1`, `全文（第一条至第十三条）` is
//! `full text (Arts. 1–13)`. The Chinese is the official form; this is only how it reads in the
//! English interface, so anything it cannot read whole stays Chinese rather than half-converted.

use crate::numerals::chinese;

/// The English form of an article reference, or `None` when the text is not one this reads
/// whole (an office's own numbering, say).
pub fn article_en(text: &str) -> Option<String> {
    if let Some(range) = text
        .strip_prefix("全文（")
        .and_then(|r| r.strip_suffix('）'))
    {
        let (from, to) = range.split_once('至')?;
        return Some(format!(
            "full text (Arts. {}–{})",
            number(from, '条')?,
            number(to, '条')?
        ));
    }
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (mark, n, after) = part(rest)?;
        rest = after;
        match mark {
            // An article opens the reference, once.
            '条' if out.is_empty() => {
                out = format!("Art. {n}");
                // 之一, 之二: articles inserted by an amendment after article N.
                if let Some(after) = rest.strip_prefix('之') {
                    let end = after
                        .char_indices()
                        .find(|(_, c)| !crate::numerals::is_numeral(*c))
                        .map_or(after.len(), |(i, _)| i);
                    out.push_str(&format!("-{}", chinese(&after[..end])?));
                    rest = &after[end..];
                }
            }
            '款' | '项' if !out.is_empty() => out.push_str(&format!("({n})")),
            _ => return None,
        }
    }
    (!out.is_empty()).then_some(out)
}

/// One `第N条`, `第N款`, `第N项` or `第（N）项`: its mark, its number and what follows.
fn part(text: &str) -> Option<(char, u64, &str)> {
    let rest = text.strip_prefix('第')?;
    if let Some(inner) = rest.strip_prefix('（') {
        let (n, after) = inner.split_once('）')?;
        let after = after.strip_prefix('项')?;
        return Some(('项', chinese(n)?, after));
    }
    let (end, mark) = rest
        .char_indices()
        .find(|(_, c)| matches!(c, '条' | '款' | '项'))?;
    let n = chinese(&rest[..end])?;
    Some((mark, n, &rest[end + mark.len_utf8()..]))
}

/// `第十三条` → 13.
fn number(text: &str, mark: char) -> Option<u64> {
    let (m, n, rest) = part(text)?;
    (m == mark && rest.is_empty()).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::article_en;

    #[test]
    fn citations_as_english_writes_them() {
        for (zh, en) in [
            ("第十四条", "Art. 14"),
            ("第二十九条第一款", "Art. 29(1)"),
            ("第五十六条第一款第（九）项", "Art. 56(1)(9)"),
            ("第五条第二款第（三）项", "Art. 5(2)(3)"),
            ("第二百五十三条之一", "Art. 253-1"),
            ("第一千零三十三条", "Art. 1033"),
            ("第十一条第一款第（二）项", "Art. 11(1)(2)"),
            ("全文（第一条至第十三条）", "full text (Arts. 1–13)"),
        ] {
            assert_eq!(article_en(zh).as_deref(), Some(en), "{zh}");
        }
    }

    #[test]
    fn what_it_cannot_read_whole_it_leaves() {
        for zh in [
            "x",
            "",
            "第一款第（九）项",
            "第五条第",
            "第五条附则",
            "第五条第五条",
            "第（九）项",
            "全文",
        ] {
            assert_eq!(article_en(zh), None, "{zh}");
        }
    }
}
