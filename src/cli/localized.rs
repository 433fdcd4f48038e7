//! The command line's help in Chinese, where clap lets it be changed.

/// The command's `--help` in Chinese, where clap lets it be changed: what the program and each
/// command is for. (Each option's own line stays as written in the code, in English.)
pub fn localized(command: clap::Command, lang: crate::msg::Lang) -> clap::Command {
    if lang != crate::msg::Lang::Zh {
        return command;
    }
    let about: [(&str, &str); 15] = [
        (
            "list",
            "列出案例，可筛选（不同筛选条件之间为“且”，同一条件重复为“或”）",
        ),
        (
            "search",
            "搜索案例：每个词都须匹配（中文、拼音、首字母、英文、id）；最匹配的在前",
        ),
        (
            "similar",
            "与某一案例最相似的案例（同违法行为、条款、行业、数据种类、省份），并列出相同之处",
        ),
        ("show", "完整显示一个案例，标签已解析，未知事实标为“未载明”"),
        (
            "statute",
            "完整显示一条规定（条文、处罚幅度、关联案例、今天的状态及相关规定）；不给 id 时按法律列出全部规定及其今天的状态",
        ),
        (
            "quiz",
            "练习：出一份带答案的练习题（--seed、--count、--format），查看进度（--progress）或清除进度（--reset）；浏览器中按 t",
        ),
        (
            "stats",
            "2019 年专项行动的数字和案例库自身的统计，以条形图显示（筛选条件同 list）",
        ),
        (
            "validate",
            "检查案例库目录（默认：内置案例库），每个问题一行 FILE:LINE:COL: 说明；有问题时退出码为 1",
        ),
        (
            "completions",
            "输出 shell 补全脚本（bash、zsh、fish、elvish、powershell）；案例 id、条款 id 和筛选键也能补全",
        ),
        (
            "man",
            "输出 casebook 或某个命令的手册页（roff）：casebook man | man -l -",
        ),
        (
            "serve",
            "通过 SSH 为整个单位提供浏览器和只读命令：只认公钥（authorized_keys 文件）",
        ),
        (
            "gate",
            "在单位自己的 sshd 之后使用：为 --person 指定的人打开浏览器，或运行 serve 允许的只读命令（$SSH_ORIGINAL_COMMAND）；用于 authorized_keys 中 command=\"casebook gate --person 姓名\",restrict,pty 的行",
        ),
        (
            "assess",
            "办案辅助：依行为、信息种类、条数、违法所得和日期，列出当时违反的规定、罚则及幅度、从轻减轻的条件、刑事门槛和相近先例（辅助分析，不是法律结论）",
        ),
        (
            "class",
            "教员视图：服务器为每名学员保存的进度（已答题、答对率、到期复习、最近作答）、最难的题和每场考试的成绩；--format table|markdown|csv|json，--browse 以界面查看",
        ),
        (
            "config",
            "显示生效的设置及各自来源（参数、环境变量、配置文件、默认）；--default 输出一份带注释的默认配置",
        ),
    ];
    let mut command = command
        .about("浏览侵害消费者个人信息的执法案例（2019 年市场监管总局公布的案例及各地自己的案例）")
        .long_about(
            "浏览侵害消费者个人信息的执法案例。\n\n案例、法条和词表内置于程序中。各地可用 --cases DIR\
             （或 CASEBOOK_CASES=DIR）加入自己的案例文件；见 casebook validate。\n\n不带命令时打开交互式浏览器。",
        );
    for (name, text) in about {
        command = command.mut_subcommand(name, |sub| sub.about(text).long_about(None::<&str>));
    }
    command
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every command a user can see has its Chinese line: a new command without one would show
    /// English in the Chinese help (as `assess` and `class` once did).
    #[test]
    fn every_visible_command_is_described_in_chinese() {
        let command = super::localized(super::super::Cli::command(), crate::msg::Lang::Zh);
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
            if sub.get_name() == "help" {
                continue;
            }
            let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
            assert!(
                about
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{}: {about}",
                sub.get_name()
            );
        }
    }
}
