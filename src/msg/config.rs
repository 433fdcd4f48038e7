//! The words of `casebook config` and `casebook config --default`: the comments of the default
//! file and the origins of the settings in effect, in both languages. Setting names, values and
//! key names are the file's own syntax and stay as they are.

/// One language's words for the config file.
#[derive(Debug)]
pub struct ConfigCatalog {
    /// The default file's opening comment, one `#` line each.
    pub intro: &'static [&'static str],
    /// `(setting, comment)` for each top-level setting, in the file's order.
    pub settings: [(&'static str, &'static str); 6],
    /// The comment above `[colours]`, then each role's.
    pub colours: &'static [&'static str],
    pub roles: [(&'static str, &'static str); 9],
    /// The comment above `[keys]`.
    pub keys: &'static [&'static str],
    /// `casebook config`: `{file}`; the file that does not exist, `{path}`; no file at all.
    pub effective_title: &'static str,
    pub no_file_at: &'static str,
    pub no_file: &'static str,
    /// Where a setting came from: `{name}` of a flag or variable.
    pub from_flag: &'static str,
    pub from_env: &'static str,
    pub from_default: &'static str,
    pub cases_none: &'static str,
}

pub static ZH: ConfigCatalog = ConfigCatalog {
    intro: &[
        "casebook 的设置。保存在 $XDG_CONFIG_HOME/casebook/config.toml（否则为",
        "~/.config/casebook/config.toml），或用 --config FILE 指定。每项设置都可省略。",
        "启动时给出的参数和 casebook 读取的环境变量（CASEBOOK_LANG、CASEBOOK_CASES、TERM）",
        "优先于本文件；本文件优先于 locale 和默认值。",
        "casebook config 显示生效的设置。",
    ],
    settings: [
        (
            "lang",
            "界面语言：\"zh\" 或 \"en\"（--lang、CASEBOOK_LANG 优先；都没有、本文件也没有时按 locale）。",
        ),
        (
            "ascii",
            "用 ASCII 画边框和标记（TERM=linux、vt100、dumb 时默认开启；--ascii）。",
        ),
        (
            "mouse",
            "使用鼠标（false 时保留终端自己的选择复制；--no-mouse）。",
        ),
        ("osc52", "按 y / Y 经终端复制（OSC 52；--no-osc52）。"),
        (
            "cases",
            "本单位的案例库目录，相对本文件或绝对路径（CASEBOOK_CASES、--cases）。",
        ),
        ("only", "只显示该目录的案例（--only）。"),
    ],
    colours: &[
        "各角色的颜色，可选：black、red、green、yellow、blue、magenta、cyan、gray、",
        "dark-gray、light-red、light-green、light-yellow、light-blue、light-magenta、light-cyan、",
        "white。设置了 NO_COLOR 时，无论这里怎么写都不用颜色。",
    ],
    roles: [
        ("focus", "有键盘焦点的窗格的边框"),
        ("heading", "案例页的分节标题"),
        ("label", "字段名"),
        ("quiet", "来源未载明的事实、没有案例的值"),
        ("inferred", "推断而非来源载明的值"),
        ("chosen", "选中的筛选值"),
        ("highlight", "搜索匹配的字符"),
        ("key", "提示和帮助中的按键"),
        ("bar", "统计图的条形"),
    ],
    keys: &[
        "浏览器各动作的按键：一个键或一组键。可写一个字符（`j`、`?`）、Ctrl-x、",
        "Alt-x、Enter、Esc、Tab、Shift-Tab、Backspace、Del、Up、Down、Left、Right、Home、End、",
        "PgUp、PgDn、Space、F1-F12。同一界面上两个动作不能共用一个键。Ctrl-c（退出）和",
        "Ctrl-l（重绘）始终有效，搜索行的编辑键固定不变。",
    ],
    effective_title: "生效的设置。配置文件：{file}",
    no_file_at: "无（{path} 不存在）",
    no_file: "无",
    from_flag: "参数 {name}",
    from_env: "环境变量 {name}",
    from_default: "默认",
    cases_none: "cases：无",
};

pub static EN: ConfigCatalog = ConfigCatalog {
    intro: &[
        "casebook's settings. Kept in $XDG_CONFIG_HOME/casebook/config.toml (else",
        "~/.config/casebook/config.toml), or given with --config FILE. Every setting is optional.",
        "A flag, or an environment variable casebook reads (CASEBOOK_LANG, CASEBOOK_CASES, TERM),",
        "wins over this file; this file wins over the locale and the defaults. `casebook config`",
        "shows what is in effect.",
    ],
    settings: [
        (
            "lang",
            "The interface language: \"zh\" or \"en\" (--lang and CASEBOOK_LANG win; without them or this, the locale).",
        ),
        (
            "ascii",
            "ASCII borders and markers (default: on for TERM=linux, vt100 and dumb; --ascii).",
        ),
        (
            "mouse",
            "Capture the mouse (false keeps the terminal's own selection; --no-mouse).",
        ),
        (
            "osc52",
            "Copy with y / Y through the terminal, OSC 52 (--no-osc52).",
        ),
        (
            "cases",
            "An office's library directory, relative to this file or absolute (CASEBOOK_CASES, --cases).",
        ),
        ("only", "Show only that directory's cases (--only)."),
    ],
    colours: &[
        "The colour of each role, one of: black, red, green, yellow, blue, magenta, cyan, gray,",
        "dark-gray, light-red, light-green, light-yellow, light-blue, light-magenta, light-cyan,",
        "white. NO_COLOR turns colours off whatever this says.",
    ],
    roles: [
        ("focus", "the border of the pane with the keyboard"),
        ("heading", "section headings of a case sheet"),
        ("label", "field labels"),
        ("quiet", "facts no source states, values with no cases"),
        ("inferred", "values inferred rather than stated"),
        ("chosen", "chosen filter values"),
        ("highlight", "characters a search matched"),
        ("key", "keys in hints and help"),
        ("bar", "bars of charts"),
    ],
    keys: &[
        "Keys for the browser's actions: one key or a list. A character (`j`, `?`), Ctrl-x,",
        "Alt-x, Enter, Esc, Tab, Shift-Tab, Backspace, Del, Up, Down, Left, Right, Home, End,",
        "PgUp, PgDn, Space, F1-F12. Two actions may not share a key on one screen. Ctrl-c",
        "(quit) and Ctrl-l (redraw) always work, and the search line's editing keys are fixed.",
    ],
    effective_title: "The settings in effect. Config file: {file}",
    no_file_at: "none ({path} does not exist)",
    no_file: "none",
    from_flag: "flag {name}",
    from_env: "environment {name}",
    from_default: "default",
    cases_none: "cases: none",
};
