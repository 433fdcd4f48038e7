//! clap's own errors (an unknown flag, a value not allowed) in the interface language: clap
//! writes them in English, so in Chinese each kind is said again from the error's context —
//! what was typed, what is allowed, the nearest name — with clap's usage line after it.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// A value of the error's context as text: one value, or several joined.
fn context(error: &clap::Error, kind: ContextKind) -> Option<String> {
    Some(match error.get(kind)? {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(list) => list.join("、"),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(list) => list
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("、"),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        ContextValue::None => return None,
        _ => return None,
    })
}

/// The error said in Chinese, or `None` where this does not know the kind (clap's English is
/// printed then, rather than a wrong Chinese sentence).
pub fn message(error: &clap::Error) -> Option<String> {
    let get = |kind| context(error, kind).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let said = match error.kind() {
        ErrorKind::InvalidValue => {
            let valid = get(ContextKind::ValidValue);
            if valid.is_empty() {
                format!("{arg} 的值 '{value}' 无效")
            } else {
                format!("{arg} 的值 '{value}' 无效；可用的值：{valid}")
            }
        }
        ErrorKind::ValueValidation => format!("{arg} 的值 '{value}' 无效"),
        ErrorKind::UnknownArgument => format!("不认识的参数 '{arg}'"),
        ErrorKind::InvalidSubcommand => {
            format!("不认识的命令 '{}'", get(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg);
            format!("参数 {arg} 不能与 {prior} 同时使用")
        }
        ErrorKind::TooManyValues => format!("{arg} 的值太多：'{value}'"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} 的值个数不对")
        }
        ErrorKind::NoEquals => format!("{arg} 的值要用 = 写在它后面"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8".to_string(),
        _ => return None,
    };
    let mut out = format!("错误：{said}\n");
    let suggested = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .filter_map(|kind| context(error, kind))
        .find(|s| !s.is_empty());
    if let Some(suggested) = suggested {
        let suggested = suggested.replace('、', "' 或 '");
        out.push_str(&format!("\n  提示：是不是 '{suggested}'？\n"));
    }
    // clap's usage line, which names the command and its arguments as typed.
    let rendered = error.render().to_string();
    if let Some(usage) = rendered.lines().find_map(|l| l.strip_prefix("Usage: ")) {
        out.push_str(&format!("\n用法：{usage}\n"));
    }
    out.push_str("\n更多信息请用 '--help'。\n");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn said(args: &[&str]) -> String {
        let error = crate::cli::Cli::command()
            .try_get_matches_from(args)
            .unwrap_err();
        message(&error).unwrap_or_else(|| panic!("no Chinese for {:?}", error.kind()))
    }

    #[test]
    fn each_common_mistake_is_said_in_chinese() {
        let bad_value = said(&["casebook", "list", "--format", "xml"]);
        assert!(
            bad_value.starts_with("错误：--format <FORMAT> 的值 'xml' 无效；可用的值：table、"),
            "{bad_value}"
        );
        let unknown = said(&["casebook", "list", "--provnce", "x"]);
        assert!(unknown.contains("不认识的参数 '--provnce'"), "{unknown}");
        assert!(unknown.contains("提示：是不是 '--province'？"), "{unknown}");
        assert!(unknown.contains("用法：casebook list"), "{unknown}");
        let command = said(&["casebook", "lisst"]);
        assert!(command.contains("不认识的命令 'lisst'"), "{command}");
        assert!(command.contains("是不是 'class' 或 'list'？"), "{command}");
        let missing = said(&["casebook", "search"]);
        assert!(missing.contains("缺少必需的参数：<QUERY>..."), "{missing}");
        let both = said(&["casebook", "list", "--json", "--format", "csv"]);
        assert!(both.contains("不能与"), "{both}");
        let number = said(&["casebook", "similar", "7", "--limit", "x"]);
        assert!(number.contains("--limit <LIMIT> 的值 'x' 无效"), "{number}");
        for text in [bad_value, unknown, command, missing, both, number] {
            assert!(!text.contains("error:"), "{text}");
        }
    }
}
