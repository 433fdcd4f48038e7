//! The steps of deciding a case, in the order officers present one: 违法事实 → 定性 → 罚则 → 裁量 →
//! 刑事门槛 → 今日适用的法律, and the words of the law beneath them all. Every exercise trains one.

use serde::Serialize;

use crate::msg::training::TrainingCatalog;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Step {
    /// 定性: which provision the conduct broke.
    Qualify,
    /// 罚则: which provision sets the penalty, and its range.
    Penalty,
    /// 裁量: where a fine lies in the range.
    Discretion,
    /// 刑事门槛: whether the conduct reaches the criminal thresholds.
    Threshold,
    /// 今日适用的法律: what governs the same conduct today, and what governed the case.
    Today,
    /// 条文: the words and figures of a provision.
    Words,
}

impl Step {
    pub const ALL: [Step; 6] = [
        Step::Qualify,
        Step::Penalty,
        Step::Discretion,
        Step::Threshold,
        Step::Today,
        Step::Words,
    ];

    /// The key used in item ids, progress files and `--step`.
    pub fn key(self) -> &'static str {
        match self {
            Step::Qualify => "qualify",
            Step::Penalty => "penalty",
            Step::Discretion => "discretion",
            Step::Threshold => "threshold",
            Step::Today => "today",
            Step::Words => "words",
        }
    }

    /// The step's name, the same in the question's header, the summary, `--progress`,
    /// handouts and `class` (`刑事门槛`).
    pub fn label(self, t: &TrainingCatalog) -> &'static str {
        t.step_labels[self as usize]
    }

    /// Earlier, shorter names still taken by `--step` (门槛, 今日).
    const FORMER: [&'static str; 6] = ["定性", "罚则", "裁量", "门槛", "今日", "条文"];

    /// A step named by its key, its label in any catalog given, or a former name.
    pub fn parse(typed: &str, catalogs: &[&TrainingCatalog]) -> Option<Step> {
        let typed = typed.trim();
        Step::ALL.into_iter().find(|step| {
            step.key().eq_ignore_ascii_case(typed)
                || Self::FORMER[*step as usize] == typed
                || catalogs
                    .iter()
                    .any(|t| step.label(t).eq_ignore_ascii_case(typed))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg::training::ZH;

    #[test]
    fn a_step_is_named_by_key_label_or_short_label() {
        assert_eq!(Step::parse("定性", &[&ZH]), Some(Step::Qualify));
        assert_eq!(Step::parse("门槛", &[&ZH]), Some(Step::Threshold));
        assert_eq!(Step::parse("刑事门槛", &[&ZH]), Some(Step::Threshold));
        assert_eq!(Step::parse("Discretion", &[&ZH]), Some(Step::Discretion));
        assert_eq!(Step::parse("今日", &[&ZH]), Some(Step::Today));
        assert_eq!(Step::parse("量刑", &[&ZH]), None);
    }
}
