//! What a key does to an exercise being asked, for training and exams alike: an option's number
//! or letter, yes or no, or a number typed as officers write it (`500000`, `500,000`, `50万`,
//! `五十万`) and read whole when Enter is pressed — refused with why, never cut.

use crate::training::exercise::{Answer, Given};
use crate::tui::types::Action;

/// The longest number an answer may be typed as.
const LONGEST: usize = 24;

/// What a key did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Key {
    /// The exercise is answered.
    Given(Given),
    /// The typed number changed.
    Typed,
    /// Enter on a typed number that is not one: why.
    Refused(crate::library::Msg),
    Nothing,
}

/// Whether a character can be part of a typed amount.
fn amount_char(c: char) -> bool {
    c.is_ascii_digit()
        || ",.¥￥元万萬亿億十拾百佰千仟零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖".contains(c)
}

/// Applies `action` to the exercise whose answer is `answer`, `typed` holding a number being
/// typed.
pub(crate) fn key(answer: &Answer, typed: &mut String, action: Action) -> Key {
    match (answer, action) {
        (Answer::Choice { options, .. }, Action::Digit(d))
            if (1..=options.len()).contains(&(d as usize)) =>
        {
            Key::Given(Given::Choice(d as usize - 1))
        }
        (Answer::Choice { options, .. }, Action::Choose(i)) if (i as usize) < options.len() => {
            Key::Given(Given::Choice(i as usize))
        }
        (Answer::YesNo { .. }, Action::YesNo(yes)) => Key::Given(Given::YesNo(yes)),
        (Answer::YesNo { .. }, Action::Digit(d @ 1..=2)) => Key::Given(Given::YesNo(d == 1)),
        (Answer::YesNo { .. }, Action::Choose(i @ 0..=1)) => Key::Given(Given::YesNo(i == 0)),
        (Answer::Number { .. }, Action::Digit(d)) => push(typed, char::from(b'0' + d)),
        (Answer::Number { .. }, Action::SearchInput(c)) if amount_char(c) => push(typed, c),
        (Answer::Number { .. }, Action::SearchBackspace) => {
            typed.pop();
            Key::Typed
        }
        (Answer::Number { .. }, Action::Open) if !typed.is_empty() => {
            match crate::amount::parse(typed) {
                Ok(n) => Key::Given(Given::Number(n)),
                Err(why) => Key::Refused(why),
            }
        }
        _ => Key::Nothing,
    }
}

impl Key {
    /// What the status line says after this key: why a number was refused; nothing once typing
    /// goes on; `keep` otherwise.
    pub(crate) fn notice(
        &self,
        t: &crate::msg::training::TrainingCatalog,
        keep: Option<String>,
    ) -> Option<String> {
        match self {
            Key::Refused(why) => Some(t.lang.catalog().msg(why).to_string()),
            Key::Typed => None,
            Key::Given(_) | Key::Nothing => keep,
        }
    }
}

fn push(typed: &mut String, c: char) -> Key {
    if typed.chars().count() < LONGEST {
        typed.push(c);
    }
    Key::Typed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed_then_enter(text: &str) -> Key {
        let answer = Answer::Number {
            right: 500_000,
            unit: "元".into(),
        };
        let mut typed = String::new();
        for c in text.chars() {
            let action = match c.to_digit(10) {
                Some(d) => Action::Digit(d as u8),
                None => Action::SearchInput(c),
            };
            key(&answer, &mut typed, action);
        }
        key(&answer, &mut typed, Action::Open)
    }

    #[test]
    fn numbers_as_officers_type_them() {
        for typed in [
            "500000",
            "500,000",
            "¥500,000",
            "50万",
            "五十万",
            "伍拾万元",
        ] {
            assert_eq!(
                typed_then_enter(typed),
                Key::Given(Given::Number(500_000)),
                "{typed}"
            );
        }
        // Refused whole, never cut to the digits it starts with.
        match typed_then_enter("50万万") {
            Key::Refused(why) => assert!(why.zh.contains("不是数额"), "{why:?}"),
            other => panic!("{other:?}"),
        }
        // A letter that is not part of an amount is not typed at all.
        assert_eq!(typed_then_enter("5x0"), Key::Given(Given::Number(50)));
    }
}
