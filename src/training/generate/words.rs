//! 条文 — the words of the law: a figure of a provision blanked out of its sentence (没有违法所得的，
//! 处以 ___ 以下的罚款), answered by choosing among figures of the same kind found elsewhere in the
//! library's law, or, for a penalty cap, by typing the number of yuan.

use crate::library::Statute;
use crate::msg::fill;

use super::{Draw, Step};
use crate::training::exercise::{Answer, Choice, Exercise};

pub(super) fn exercises(d: &Draw) -> Vec<Exercise> {
    let everywhere: Vec<(&Statute, Figure)> = d
        .library
        .statutes
        .iter()
        .flat_map(|s| figures(&s.text).into_iter().map(move |f| (s, f)))
        .collect();
    let mut out = Vec::new();
    for statute in d.statutes() {
        out.extend(cap(d, statute));
        out.extend(blank(d, statute, &everywhere));
    }
    out
}

/// A figure written in Chinese numerals in a provision's text: `五十万元`, `十倍`, `五千条`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Figure {
    /// Byte offset in the text.
    pub at: usize,
    pub phrase: String,
    pub value: u64,
    pub unit: &'static str,
}

const NUMERALS: &str = "零一二两三四五六七八九十百千万亿";
const UNITS: [&str; 4] = ["元", "倍", "条", "年"];

/// Every figure of a text, leaving out ordinals (`第二十九条`).
pub(super) fn figures(text: &str) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut previous = None;
    while let Some((at, c)) = chars.next() {
        if !NUMERALS.contains(c) {
            previous = Some(c);
            continue;
        }
        let mut end = at + c.len_utf8();
        while let Some(&(i, n)) = chars.peek()
            && NUMERALS.contains(n)
        {
            end = i + n.len_utf8();
            chars.next();
        }
        let ordinal = previous == Some('第');
        previous = text[..end].chars().last();
        let rest = &text[end..];
        let Some(unit) = UNITS.iter().find(|u| rest.starts_with(**u)) else {
            continue;
        };
        // `上一年度` is a year of account, not a figure.
        if *unit == "年" && rest["年".len()..].starts_with('度') {
            continue;
        }
        let Some(value) = chinese_number(&text[at..end]) else {
            continue;
        };
        if !ordinal {
            out.push(Figure {
                at,
                phrase: format!("{}{unit}", &text[at..end]),
                value,
                unit,
            });
        }
    }
    out
}

/// The article a byte offset of a text lies in, where the text numbers its articles at the start
/// of a line (`第十二条 …`): `Some("第十二条")`; `None` for a text of one unnumbered paragraph.
fn article_at(text: &str, at: usize) -> Option<&str> {
    text[..at.min(text.len())]
        .rsplit('\n')
        .chain(std::iter::once(""))
        .find_map(|line| {
            let line = line.trim_start();
            let end = line.find('条')? + '条'.len_utf8();
            let number = &line[..end];
            (number.starts_with('第')
                && number[..end - '条'.len_utf8()]
                    .chars()
                    .skip(1)
                    .all(|c| NUMERALS.contains(c)))
            .then_some(number)
        })
}

/// The value of a number in Chinese numerals (`五十万` → 500000, `十` → 10); `None` if it is not
/// one (`万一`).
pub(super) fn chinese_number(text: &str) -> Option<u64> {
    crate::numerals::chinese(text)
}

/// The clause (between `，`, `；`, `。`, `：` or a line break) around a figure, with the one before
/// it when it is too short to read alone (`没有违法所得的，处以___以下的罚款`); blanked, and as the
/// law has it.
fn sentence(text: &str, figure: &Figure, blank: &str) -> (String, String) {
    const SHORT: usize = 16;
    let stops = ['，', '；', '。', '\n', '：'];
    let after_stop = |i: usize| i + text[i..].chars().next().map_or(1, char::len_utf8);
    let mut start = text[..figure.at].rfind(stops).map_or(0, after_stop);
    let after = figure.at + figure.phrase.len();
    let end = text[after..].find(stops).map_or(text.len(), |i| after + i);
    if text[start..end].chars().count() < SHORT && start > 0 {
        let stop = text[..start].chars().next_back().unwrap_or('，');
        let before = start - stop.len_utf8();
        if stop == '，' {
            start = text[..before].rfind(stops).map_or(0, after_stop);
        }
    }
    let whole = text[start..end].to_string();
    let blanked = format!("{}{blank}{}", &text[start..figure.at], &text[after..end]);
    (blanked, whole)
}

/// The question (from `template`, with the figure blanked), the explanation, and the sentence
/// as the law has it (to highlight).
fn texts(d: &Draw, statute: &Statute, figure: &Figure, template: &str) -> (String, String, String) {
    let t = d.t;
    let (blanked, whole) = sentence(&statute.text, figure, t.blank);
    let citation = figure_citation(d, statute, figure);
    let question = fill(
        template,
        &[("citation", citation.clone()), ("clause", blanked)],
    );
    let explanation = fill(
        t.explain_words,
        &[("citation", citation), ("clause", whole.clone())],
    );
    (question, explanation, whole)
}

/// The citation of the article a figure stands in: the provision's own, or for a text of several
/// articles (法释〔2017〕10号) that article's (`法释〔2017〕10号 第六条`).
fn figure_citation(d: &Draw, statute: &Statute, figure: &Figure) -> String {
    match article_at(&statute.text, figure.at) {
        Some(article) if !statute.article.starts_with(article) => d.item_cite(statute, article),
        _ => d.cite(statute),
    }
}

/// The penalty cap, typed as a number: the figure of the text whose value is the provision's
/// `fine_max_yuan`.
fn cap(d: &Draw, statute: &Statute) -> Option<Exercise> {
    let t = d.t;
    let max = statute.penalty.as_ref()?.fine_max_yuan?;
    let figure = figures(&statute.text)
        .into_iter()
        .find(|f| f.unit == "元" && f.value == max)?;
    let (question, explanation, whole) = texts(d, statute, &figure, t.q_words_number);
    let cite = figure_citation(d, statute, &figure);
    let answer = Answer::Number {
        right: max,
        unit: t.unit_yuan.to_string(),
    };
    Some(
        d.exercise(
            format!("statute:{}/words/cap", statute.id),
            Step::Words,
            None,
            question,
        )
        .cite_as(cite)
        .finish(answer, explanation, statute, vec![whole]),
    )
}

/// A figure of the text, drawn by the seed, against figures of the same unit from anywhere in the
/// library's law (each wrong one says where it comes from).
fn blank(d: &Draw, statute: &Statute, everywhere: &[(&Statute, Figure)]) -> Option<Exercise> {
    let t = d.t;
    let id = format!("statute:{}/words", statute.id);
    let mut rng = d.rng(&id);
    let own = figures(&statute.text);
    let usable: Vec<&Figure> = own
        .iter()
        .filter(|f| {
            everywhere
                .iter()
                .any(|(_, o)| o.unit == f.unit && o.value != f.value)
        })
        .collect();
    let figure = *usable.get(rng.below(usable.len().max(1)))?;
    // The provision's own figures first, so a figure it also has is said to be from it.
    let here = everywhere.iter().filter(|(s, _)| s.id == statute.id);
    let elsewhere = everywhere.iter().filter(|(s, _)| s.id != statute.id);
    let own_article = article_at(&statute.text, figure.at);
    let wrong: Vec<Choice> = here
        .chain(elsewhere)
        .filter(|(_, o)| o.unit == figure.unit && o.value != figure.value)
        .map(|(source, o)| {
            // "Another figure of this article" only when it is: a text that holds several
            // articles (法释〔2017〕10号) names the article the figure is from.
            let article = article_at(&source.text, o.at);
            let same_article = source.id == statute.id && article == own_article;
            let from = figure_citation(d, source, o);
            Choice {
                text: fill(t.law_words, &[("words", o.phrase.clone())]),
                why_wrong: Some(fill(
                    if same_article {
                        t.why_figure_here
                    } else {
                        t.why_figure
                    },
                    &[
                        ("right", figure.phrase.clone()),
                        ("this", o.phrase.clone()),
                        ("source", from),
                    ],
                )),
            }
        })
        .collect();
    // The same figure written two ways (`二年`, `两年`) must not be two options.
    let mut seen = vec![figure.value];
    let wrong = wrong
        .into_iter()
        .filter(|w| {
            let value = everywhere
                .iter()
                .find(|(_, o)| fill(t.law_words, &[("words", o.phrase.clone())]) == w.text)
                .map(|(_, o)| o.value);
            value.is_some_and(|v| {
                !seen.contains(&v) && {
                    seen.push(v);
                    true
                }
            })
        })
        .collect();
    let right = fill(t.law_words, &[("words", figure.phrase.clone())]);
    let answer = d.choice(&mut rng, right, wrong)?;
    let (question, explanation, whole) = texts(d, statute, figure, t.q_words_choice);
    let cite = figure_citation(d, statute, figure);
    Some(
        d.exercise(id, Step::Words, None, question)
            .cite_as(cite)
            .finish(answer, explanation, statute, vec![whole]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers_read_as_the_law_writes_them() {
        assert_eq!(chinese_number("五十万"), Some(500_000));
        assert_eq!(chinese_number("一百万"), Some(1_000_000));
        assert_eq!(chinese_number("五千万"), Some(50_000_000));
        assert_eq!(chinese_number("十"), Some(10));
        assert_eq!(chinese_number("五千"), Some(5_000));
        assert_eq!(chinese_number("二百五十三"), Some(253));
        assert_eq!(chinese_number("两"), Some(2));
        assert!(figures("上一年度营业额").is_empty());
    }

    #[test]
    fn figures_leave_out_article_numbers() {
        let text =
            "第五十六条 处以违法所得一倍以上十倍以下的罚款，没有违法所得的，处以五十万元以下的罚款";
        let found: Vec<(String, u64)> = figures(text)
            .into_iter()
            .map(|f| (f.phrase, f.value))
            .collect();
        assert_eq!(
            found,
            [
                ("一倍".to_string(), 1),
                ("十倍".to_string(), 10),
                ("五十万元".to_string(), 500_000)
            ]
        );
    }

    #[test]
    fn a_figure_knows_its_article_in_a_text_of_several() {
        let text = "\n第五条 非法获取……五十条以上的；\n（五）……五千条以上的；\n第六条 为合法经营活动……获利五万元以上的";
        let at = |phrase: &str| text.find(phrase).unwrap();
        assert_eq!(article_at(text, at("五十条")), Some("第五条"));
        assert_eq!(article_at(text, at("五千条")), Some("第五条"));
        assert_eq!(article_at(text, at("五万元")), Some("第六条"));
        assert_eq!(article_at("处以五十万元以下的罚款", 6), None);
    }

    #[test]
    fn a_sentence_is_blanked_where_the_figure_is() {
        let text = "责令改正；没有违法所得的，处以五十万元以下的罚款；情节严重的";
        let figure = figures(text).remove(0);
        let (blanked, whole) = sentence(text, &figure, "___");
        assert_eq!(blanked, "没有违法所得的，处以___以下的罚款");
        assert_eq!(whole, "没有违法所得的，处以五十万元以下的罚款");
        let long = "责令改正，可以根据情节单处或者并处警告、没收违法所得、处以违法所得一倍以上十倍以下的罚款";
        let (blanked, _) = sentence(long, &figures(long)[0], "___");
        assert_eq!(
            blanked,
            "可以根据情节单处或者并处警告、没收违法所得、处以违法所得___以上十倍以下的罚款"
        );
    }
}
