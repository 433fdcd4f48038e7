//! The built binary, run as a user would: list, show, validate, --cases and the error paths.

use std::path::Path;
use std::process::{Command, Output};

use casebook::text::width;

/// A valid office case file; each bad-input test changes one thing.
const GOOD: &str = include_str!("fixtures/office-case.toml");

fn casebook(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(args)
        .env_remove("CASEBOOK_CASES")
        // A user's own config file must not change what the tests see.
        .env("XDG_CONFIG_HOME", "/nonexistent/casebook-tests")
        // Caches in the build directory, never the user's own.
        .env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/xdg-cache"),
        )
        // The interface language is the default (Chinese) unless a test asks with --lang.
        .env_remove("CASEBOOK_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .expect("the binary runs")
}

#[path = "common/english.rs"]
mod english;

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// The ids of the JSON array a successful command prints.
fn json_ids(args: &[&str]) -> Vec<String> {
    let out = casebook(args);
    assert!(out.status.success(), "{}", stderr(&out));
    let cases: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    cases
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

const IDS: [&str; 9] = [
    "zhuji-xiangsheng",
    "qingdao-zhongxin",
    "alar-tongtianyi",
    "foshan-chengong",
    "yibin-yu",
    "beijing-maikainike",
    "nanning-fangduoduo",
    "changshu-jinghua",
    "luoyang-shoumao",
];

#[test]
fn list_shows_the_nine_cases_aligned_by_display_width() {
    let out = casebook(&["list"]);
    assert!(out.status.success());
    let text = stdout(&out);
    for id in IDS {
        assert!(text.contains(id), "{id} missing from:\n{text}");
    }
    // The 2019 list first; the later collections after it.
    assert!(text.contains("25 / 25"));
    // The province column starts at the same cell on every row, Chinese names before it or not.
    let rows: Vec<&str> = text.lines().take(10).collect();
    let column = |line: &str, needle: &str| width(&line[..line.find(needle).unwrap()]);
    let header = column(rows[0], "省份");
    let provinces = [
        "浙江省",
        "山东省",
        "新疆生产建设兵团",
        "广东省",
        "四川省",
        "北京市",
        "广西壮族自治区",
        "江苏省",
        "河南省",
    ];
    for (row, province) in rows[1..].iter().zip(provinces) {
        assert_eq!(column(row, province), header, "misaligned: {row}");
    }
}

#[test]
fn list_json_uses_the_schema_field_names() {
    let out = casebook(&["list", "--json"]);
    assert!(out.status.success());
    let cases: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let cases = cases.as_array().unwrap();
    assert_eq!(cases.len(), 25);
    assert_eq!(cases[0]["place"]["province"], "浙江省");
    assert_eq!(cases[0]["dates"]["decided"], "2019-05-24");
    assert_eq!(cases[6]["records"], 1537);
    assert!(cases[1].get("sector").is_none(), "unknown stays absent");
}

#[test]
fn list_filters_combine_and_accept_labels() {
    let ids = |args: &[&str]| json_ids(&[&["list", "--json"], args].concat());
    assert_eq!(
        ids(&["--sector", "real-estate"])[..3],
        ["zhuji-xiangsheng", "nanning-fangduoduo", "luoyang-shoumao"]
    );
    assert_eq!(ids(&["--sector", "real-estate"]).len(), 14);
    assert_eq!(
        ids(&["--sector", "房产租售", "--province", "Guangxi"]),
        ["nanning-fangduoduo"]
    );
    assert_eq!(
        ids(&["--sector", "education", "--sector", "telecom"]).len(),
        5
    );
    assert_eq!(
        ids(&["--province", "新疆维吾尔自治区"]),
        ["alar-tongtianyi"],
        "the Corps lies within Xinjiang"
    );
    assert_eq!(
        ids(&["--violation", "leak-sell-provide"]),
        ["zhuji-xiangsheng", "li-kaixiang"]
    );
    assert_eq!(ids(&["--penalty", "transfer-to-police"]), ["yibin-yu"]);
    assert_eq!(ids(&["--collection", "samr-2019-pi"]).len(), 9);
    assert_eq!(ids(&["--collection", "reported-later"]).len(), 15);
    assert_eq!(ids(&["--collection", "spc-guiding"]), ["li-kaixiang"]);
}

#[test]
fn list_rejects_an_unknown_filter_value_with_the_choices() {
    let out = casebook(&["list", "--sector", "farming"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("real-estate"), "{}", stderr(&out));
}

#[test]
fn show_prints_a_case_in_full_with_not_stated_and_inferences() {
    let out = casebook(&["show", "yibin-yu"]);
    assert!(out.status.success());
    let text = stdout(&out);
    for expected in [
        "四川省宜宾市喻某等人侵害消费者个人信息案",
        "¥286,179",
        "18,990 张",
        "2018-11 – 2019-06",
        "宜宾市市场监督管理局",
        "移送公安机关",
        "处罚决定",
        "未载明 (not stated)",
        "↳ 推断: ",
        "公布 10 例，已识别 9 例",
        "刑法 第二百五十三条之一",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    let order: Vec<usize> = [
        "当事人与地点",
        "执法机关与日期",
        "案情",
        "涉及个人信息",
        "违法行为",
        "法律依据",
        "处罚",
        "来源",
    ]
    .iter()
    .map(|h| {
        text.find(&format!("【{h}】"))
            .unwrap_or_else(|| panic!("{h} missing"))
    })
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "sections out of order"
    );
}

#[test]
fn show_json_and_markdown() {
    let out = casebook(&["show", "beijing-maikainike", "--json"]);
    let case: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(case["records"], 480);
    assert_eq!(case["place"]["district"], "通州区");
    let out = casebook(&["show", "beijing-maikainike", "--markdown"]);
    let text = stdout(&out);
    assert!(text.starts_with("# 北京麦凯尼科教育科技有限公司侵害消费者个人信息案\n"));
    assert!(text.contains("## 涉及个人信息\n"));
    assert!(text.contains("- **信息条数**: 480 条"));
}

#[test]
fn show_unknown_id_names_the_nearest() {
    let out = casebook(&["--lang", "en", "show", "nanning-fangdoudou"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("nearest ids: nanning-fangduoduo"),
        "{}",
        stderr(&out)
    );
}

/// `show` takes a published number or words with one hit; several hits are listed, exit 1.
/// `statute` takes a short name and article number.
#[test]
fn show_and_statute_by_number_or_name() {
    for wanted in ["7", "房多多", "nanning"] {
        let out = casebook(&["show", wanted]);
        assert!(out.status.success(), "{wanted}");
        assert!(
            stdout(&out).contains("nanning-fangduoduo · 第 7 例"),
            "{wanted}"
        );
    }
    let out = casebook(&["show", "192"]);
    assert!(
        stdout(&out).contains("li-kaixiang"),
        "a guiding case by its number"
    );
    let out = casebook(&["show", "房产"]);
    assert_eq!(out.status.code(), Some(1));
    let listed = stderr(&out);
    assert!(listed.contains("「房产」对应 14 个案例"), "{listed}");
    assert!(listed.contains("zhuji-xiangsheng") && listed.contains("luoyang-shoumao"));
    let out = casebook(&["statute", "消法56"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("id: cprl-56"));
    let out = casebook(&["statute", "消法29"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cprl-29-1  消法 第二十九条第一款"));
}

#[test]
fn validate_the_embedded_library_and_the_repository_copy() {
    let out = casebook(&["validate"]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).contains("内置案例库：有效（25 个案例，44 条规定）"));
    let out = casebook(&["validate", "--lang", "en"]);
    assert!(stdout(&out).contains("valid (25 cases, 44 statutes)"));
    let cases_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    let out = casebook(&["validate", "--standalone", cases_dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stdout(&out));
}

/// One file of each bad kind: each gives exactly one precise line.
#[test]
fn validate_reports_one_line_per_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    let good = |id: &str| GOOD.replace("office-case", id);
    let mut big = good("big").into_bytes();
    big.resize(1024 * 1024 + 10, b'\n');
    let mut latin1 = b"schema = 1\ntitle = \"caf".to_vec();
    latin1.push(0xe9);
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "syntax.toml",
            good("syntax")
                .replacen("title = \"某", "title = 某", 1)
                .into_bytes(),
            ":4:",
        ),
        (
            "missing.toml",
            good("missing")
                .replace("summary = \"一段概述。\"\n", "")
                .into_bytes(),
            ":1:1: missing required field `summary`",
        ),
        (
            "unknown-field.toml",
            good("unknown-field")
                .replace("sector =", "sectr =")
                .into_bytes(),
            ":6:1: unknown field `sectr`",
        ),
        (
            "wrong-type.toml",
            good("wrong-type")
                .replace("schema = 1", "schema = \"1\"")
                .into_bytes(),
            ":1:10: `schema` must be a whole number",
        ),
        (
            "bad-id.toml",
            good("bad-id")
                .replace("id = \"bad-id\"", "id = \"Bad Id\"")
                .into_bytes(),
            ":2:6: case id \"Bad Id\" is not a valid id",
        ),
        (
            "stem.toml",
            good("not-stem").into_bytes(),
            ":2:6: id \"not-stem\" does not match the file name",
        ),
        (
            "yibin-yu.toml",
            good("yibin-yu").into_bytes(),
            ":2:1: case \"yibin-yu\" is already defined in cases/yibin-yu.toml",
        ),
        (
            "unknown-key.toml",
            good("unknown-key")
                .replace("\"education\"", "\"farming\"")
                .into_bytes(),
            ":6:10: unknown sector \"farming\"",
        ),
        (
            "bad-date.toml",
            good("bad-date")
                .replace("\"2019-01\"", "\"Jan 2019\"")
                .into_bytes(),
            ":17:16: `conduct_from` in [dates]: \"Jan 2019\" is not a date",
        ),
        (
            "impossible-date.toml",
            good("impossible-date")
                .replace("\"2019-03\"", "\"2019-02-30\"")
                .into_bytes(),
            ":18:14: `conduct_to` in [dates]: \"2019-02-30\" is not a real date",
        ),
        (
            "reversed.toml",
            good("reversed")
                .replace("\"2019-03\"", "\"2018-03\"")
                .into_bytes(),
            ":18:14: conduct_to 2018-03 is before conduct_from 2019-01",
        ),
        (
            "negative.toml",
            good("negative")
                .replacen("title =", "records = -1\ntitle =", 1)
                .into_bytes(),
            ":4:11: `records` must not be negative",
        ),
        ("big.toml", big, ":1:1: the file is 1048577 bytes or more"),
        ("latin1.toml", latin1, ":2:13: the file is not valid UTF-8"),
        (
            "control.toml",
            good("control")
                .replace("一段概述。", "概述\\u001b]52;c;aGk=\\u0007")
                .into_bytes(),
            ":5:11: `summary` contains the control character \\u{1b}",
        ),
    ];
    for (name, bytes, _) in &files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    std::fs::write(dir.path().join("good.toml"), good("good")).unwrap();
    std::fs::write(dir.path().join("README.md"), "not a case").unwrap();

    let out = casebook(&["--lang", "en", "validate", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    // A warning for what is ignored, one line per bad file, then the directory's own counts.
    let dir_name = dir.path().display();
    assert!(
        report.starts_with(&format!(
            "warning: {dir_name}/README.md: ignored: not a .toml file\n"
        )),
        "{report}"
    );
    let total = files.len() + 1;
    assert!(
        report.ends_with(&format!(
            "{dir_name}: {total} case files, 1 valid, {} with problems\n",
            files.len()
        )),
        "{report}"
    );
    let lines: Vec<&str> = report
        .lines()
        .filter(|l| !l.starts_with("warning: ") && !l.contains(" case file"))
        .collect();
    assert_eq!(lines.len(), files.len(), "one line per bad file:\n{report}");
    for (name, _, expected) in &files {
        let prefix = format!("{}/{name}{expected}", dir.path().display());
        assert!(
            lines.iter().any(|l| l.starts_with(&prefix)),
            "no line starts with {prefix}:\n{report}"
        );
    }
    assert!(
        !report.contains("good.toml"),
        "valid files are not reported"
    );
    assert!(!report.contains('\u{1b}'), "no escape reaches the terminal");

    // Any other command leaves the bad files out, says so on stderr, and does its job.
    let path = dir.path().to_str().unwrap();
    let out = casebook(&["--lang", "en", "list", "--cases", path]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("26 of 26 cases"),
        "25 built in and good.toml"
    );
    let said = stderr(&out);
    assert!(
        said.contains(&format!("left out {} files with problems", files.len())),
        "{said}"
    );
    assert!(said.contains(&format!("`casebook validate {path}` lists why")));
    // With --strict it refuses, with the whole report.
    let out = casebook(&["--lang", "en", "list", "--cases", path, "--strict"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).contains(&lines[0].to_string()));
}

#[test]
fn cases_dir_extends_the_library_and_only_shows_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("office-case.toml"), GOOD).unwrap();
    let path = dir.path().to_str().unwrap();

    let out = casebook(&["list", "--cases", path]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("26 / 26"));

    let out = casebook(&["list", "--cases", path, "--only"]);
    assert!(stdout(&out).contains("office-case"));
    assert!(stdout(&out).contains("1 / 1"));

    let out = Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["show", "office-case"])
        .env("CASEBOOK_CASES", path)
        .env("XDG_CONFIG_HOME", "/nonexistent/casebook-tests")
        // Caches in the build directory, never the user's own.
        .env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/xdg-cache"),
        )
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("某市某公司侵害消费者个人信息案"));

    let out = casebook(&["validate", path]);
    assert!(out.status.success());
}

#[test]
fn a_missing_cases_dir_is_reported() {
    let out = casebook(&["list", "--cases", "/nonexistent/casebook"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("/nonexistent/casebook:1:1: 无法读取目录"));
    let out = casebook(&["--lang", "en", "list", "--cases", "/nonexistent/casebook"]);
    assert!(stderr(&out).starts_with("/nonexistent/casebook:1:1: cannot read the directory"));
}

#[test]
fn help_documents_every_command() {
    let text = stdout(&casebook(&["--help"]));
    for word in [
        "list",
        "show",
        "validate",
        "--cases",
        "--only",
        "CASEBOOK_CASES",
    ] {
        assert!(text.contains(word), "{word} missing from --help");
    }
    let text = stdout(&casebook(&["list", "--help"]));
    for word in [
        "--sector",
        "--province",
        "--violation",
        "--collection",
        "--json",
    ] {
        assert!(text.contains(word), "{word} missing from list --help");
    }
}

/// The example in cases/README.md is a working office directory, so the documentation cannot drift
/// from what the loader accepts.
#[test]
fn the_documented_example_validates() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/README.md"))
            .unwrap();
    let example = &readme[readme.find("### Example").unwrap()..];
    let blocks: Vec<&str> = example
        .split("```toml\n")
        .skip(1)
        .map(|b| &b[..b.find("```").unwrap()])
        .take(2)
        .collect();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("office-2024-001.toml"), blocks[0]).unwrap();
    std::fs::write(dir.path().join("collections.toml"), blocks[1]).unwrap();
    let out = casebook(&["validate", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stdout(&out));
    let out = casebook(&[
        "show",
        "office-2024-001",
        "--cases",
        dir.path().to_str().unwrap(),
    ]);
    assert!(stdout(&out).contains("¥50,000"), "{}", stdout(&out));
}

#[test]
fn search_ranks_and_filters_and_says_when_nothing_matches() {
    let ids = |args: &[&str]| json_ids(&[&["search"], args, &["--json"]].concat());
    assert_eq!(ids(&["fdd"]), ["nanning-fangduoduo"]);
    assert_eq!(ids(&["广西", "房"]), ["nanning-fangduoduo"]);
    assert_eq!(ids(&["zj"])[0], "zhuji-xiangsheng");
    // A case whose conduct is stated before one known only by its title (洛阳, whose name
    // holds 房产).
    assert_eq!(
        ids(&["房产", "--collection", "samr-2019-pi"]),
        ["zhuji-xiangsheng", "nanning-fangduoduo", "luoyang-shoumao"]
    );
    let out = casebook(&["search", "房产", "--province", "四川"]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.contains("没有符合条件的案例") && message.contains("四川省"),
        "{message}"
    );
    let table = stdout(&casebook(&["search", "nanning"]));
    assert!(
        table.contains("nanning-fangduoduo") && table.contains("1 / 25"),
        "{table}"
    );
}

#[test]
fn statute_prints_the_text_the_linked_cases_and_later_law() {
    let out = casebook(&["statute", "cprl-29-2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("经营者及其工作人员对收集的消费者个人信息必须严格保密"));
    assert!(text.contains("[1] zhuji-xiangsheng 诸暨祥生新合置业有限公司"));
    assert!(text.contains("【今天的法律】"));
    assert!(text.contains("并行适用：个人信息保护法 第十条（现行有效，2021-11-01 起施行）"));
    // The penalty provision: the range in words and as figures.
    let text = stdout(&casebook(&["--today", "2026-12-05", "statute", "cprl-56"]));
    assert!(text.contains("今天 2026-12-05：现行有效，2014-03-15 起施行"));
    assert!(text.contains("无违法所得时罚款上限：¥500,000"));
    assert!(text.contains("违法所得的倍数：1–10"));
    assert!(text.contains("并行适用：个人信息保护法 第六十六条（现行有效，2021-11-01 起施行）"));
    assert!(
        text.contains("违反 消法实施条例 第二十四条（现行有效，2024-07-01 起施行） 的，依本条处罚")
    );
    // The relation is shown from its other end too.
    let text = stdout(&casebook(&["statute", "pipl-66"]));
    assert!(text.contains("并行适用：消法 第五十六条"));
    assert!(text.contains("情节严重时罚款上限：¥50,000,000"));
    // Before a provision came into force, and after its text ceased.
    let text = stdout(&casebook(&["--today", "2020-06-01", "statute", "pipl-66"]));
    assert!(
        text.contains("今天 2020-06-01：尚未施行，2021-11-01 起施行"),
        "{text}"
    );
    let text = stdout(&casebook(&["--today", "2025-12-31", "statute", "csl-64"]));
    assert!(
        text.contains("今天 2025-12-31：现行有效，2017-06-01 起施行"),
        "{text}"
    );
    let text = stdout(&casebook(&["--today", "2026-01-01", "statute", "csl-64"]));
    assert!(
        text.contains("今天 2026-01-01：此版本 2026-01-01 起不再施行，法律已修正"),
        "{text}"
    );
    assert!(
        text.contains("并入 网络安全法（2025年修正） 第七十一条"),
        "{text}"
    );
}

#[test]
fn statute_list_json_and_unknown_ids() {
    // Every provision with its status on the day asked.
    let text = stdout(&casebook(&["--today", "2026-12-05", "statute"]));
    assert!(text.starts_with("今天 2026-12-05\n"), "{text}");
    let line = |id: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("{id} listed"))
            .to_string()
    };
    assert!(line("cprl-29-1").contains("现行有效，2014-03-15 起施行"));
    assert!(line("civil-general-111").contains("已废止，2021-01-01 起"));
    assert!(line("csl-41").contains("此版本 2026-01-01 起不再施行"));
    assert!(line("measures-11").contains("现行状态未核实"));
    assert!(line("cpri-24").contains("现行有效，2024-07-01 起施行"));
    let old = stdout(&casebook(&["--today", "2019-06-01", "statute"]));
    assert!(old.contains("尚未施行，2021-11-01 起施行"));
    let out = casebook(&["--today", "2026-02-30", "statute"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("2026-02-30"), "{}", stderr(&out));

    let out = casebook(&["statute", "criminal-253-1", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(value["statute"]["id"], "criminal-253-1");
    let linked: Vec<&str> = value["cases_stated"]
        .as_array()
        .unwrap()
        .iter()
        .chain(value["cases_governing"].as_array().unwrap())
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(linked, ["li-kaixiang", "yibin-yu"]);

    let out = casebook(&["--lang", "en", "statute", "cprl-29"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("nearest ids: cprl-29-1"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn case_sheet_numbers_its_provisions_and_places_the_penalty() {
    let text = stdout(&casebook(&["show", "nanning-fangduoduo"]));
    assert!(text.contains("[1] 消法 第二十九条第一款"));
    assert!(text.contains("[3] 消法 第五十六条第一款第（九）项 — 处罚依据"));
    assert!(text.contains("依本案日期    所在名单公布 2019-11-18"));
    assert!(text.contains("案发时有效 [cprl-56]"));
    assert!(text.contains("并行适用：个人信息保护法 第六十六条"));
    assert!(text.contains("幅度中的位置  处罚数额未载明 (not stated)；适用的幅度见上"));
    // Data kinds the interpretation does not name: compared with every tier, conditionally.
    assert!(text.contains("门槛比较，非法律认定"), "{text}");
    assert!(
        text.contains("1,537 条达到 500 条（第五条第一款第（四）项），如数据属住宿信息"),
        "{text}"
    );
    assert!(
        text.contains("1,537 条未达 5,000 条（第五条第一款第（五）项"),
        "{text}"
    );
}

/// A case whose data kinds are ones 法释〔2017〕10号 names gets a threshold comparison, labelled as
/// no legal finding; its fine is placed in the range of its penalty provision.
#[test]
fn threshold_comparison_and_fine_position_on_an_office_case() {
    let dir = tempfile::tempdir().unwrap();
    let text = GOOD
        .replace(
            "violations = [\"collect-without-consent\"]",
            "violations = [\"collect-without-consent\"]\ndata_kinds = [\"征信信息\"]\nrecords = 620",
        )
        .replace(
            "[[source]]",
            "[[law]]\nstatute = \"cprl-56\"\nrole = \"penalty\"\nbasis = \"stated\"\n\n[[penalty]]\nkind = \"fine\"\namount_yuan = 100000\n\n[[source]]",
        );
    std::fs::write(dir.path().join("office-case.toml"), text).unwrap();
    let dir = dir.path().to_str().unwrap();
    let out = casebook(&["--cases", dir, "show", "office-case"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("门槛比较，非法律认定 (threshold comparison, not a legal finding)"));
    assert!(text.contains("620 条：第五条第一款第（三）项 标准 50 条 — 已达到"));
    assert!(
        text.contains("如系履职或提供服务中获得，标准减半为 25（第五条第一款第（八）项）— 已达到")
    );
    assert!(text.contains("情节特别严重（十倍，第五条第二款第（三）项）500 — 已达到"));
    assert!(text.contains(
        "¥100,000：消法 第五十六条第一款第（九）项 无违法所得时罚款上限 ¥500,000 的 1/5（20%）"
    ));
    assert!(text.contains("有违法所得时，幅度为违法所得的 1–10 倍（来源未载明违法所得）"));
    // With illegal gains stated, the fine is placed as a multiple of them, and the gains are
    // compared with the gains threshold.
    let path = std::path::Path::new(dir).join("office-case.toml");
    let with_gains = std::fs::read_to_string(&path)
        .unwrap()
        .replace("records = 620", "records = 620\nillegal_gains_yuan = 12000");
    std::fs::write(&path, with_gains).unwrap();
    let text = stdout(&casebook(&["--cases", dir, "show", "office-case"]));
    assert!(text.contains("违法所得      ¥12,000"), "{text}");
    assert!(text.contains(
        "¥100,000：违法所得 ¥12,000 的 ≈8.3 倍；消法 第五十六条第一款第（九）项 的幅度为 1–10 倍 — 在幅度内"
    ));
    assert!(!text.contains("无违法所得时罚款上限 ¥500,000 的"));
    assert!(text.contains("12,000 元：第五条第一款第（七）项 标准 5,000 元 — 已达到"));
    assert!(
        text.contains(
            "如系履职或提供服务中获得，标准减半为 2,500（第五条第一款第（八）项）— 已达到"
        )
    );
    assert!(text.contains("情节特别严重（十倍，第五条第二款第（三）项）50,000 — 未达到"));
    // The provision now lists the office's case as citing it.
    let text = stdout(&casebook(&["--cases", dir, "statute", "cprl-56"]));
    let stated = text
        .lines()
        .find(|l| l.trim_start().starts_with("来源引用"))
        .expect("a stated row");
    assert!(stated.ends_with("[1] office-case 某公司"), "{stated}");
}

/// `similar` ranks the cases most like one, with what each shares; `--json` gives the same.
#[test]
fn similar_cases_with_their_reasons() {
    let out = casebook(&["similar", "nanning-fangduoduo"]);
    assert!(out.status.success());
    let text = stdout(&out);
    let mut lines = text.lines();
    assert!(
        lines.next().unwrap().starts_with("得分  ID"),
        "a heading row: {text}"
    );
    let first = lines.next().unwrap();
    assert!(first.contains("zhuji-xiangsheng"), "{text}");
    // What the score counts is said under the table.
    assert!(
        text.contains(
            "得分：每个相同的违法行为 4 分、条款 3 分、行业 3 分、数据种类 2 分、省份 1 分"
        ),
        "{text}"
    );
    assert!(
        first.contains("同行业 房产租售") && first.contains("同类数据 电话号码"),
        "{text}"
    );
    assert!(!text.contains("nanning-fangduoduo"), "not itself: {text}");
    let ids = json_ids(&["similar", "nanning-fangduoduo", "--json", "--limit", "2"]);
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0], "zhuji-xiangsheng");
    let sheet = stdout(&casebook(&["show", "nanning-fangduoduo"]));
    assert!(sheet.contains("【相似案例】") && sheet.contains("[5] zhuji-xiangsheng"));
}

/// One `--format` flag across the commands; `--json` and `--markdown` keep working.
#[test]
fn every_format() {
    let n7 = "nanning-fangduoduo";
    let citation = stdout(&casebook(&["show", n7, "--format", "citation"]));
    assert_eq!(citation.lines().count(), 1);
    assert!(citation.starts_with("广西南宁房多多资产管理有限公司侵害消费者个人信息案 · "));
    // The provisions in their official form, marked as the library's reading where the source
    // cites none; the collection in 《》; what its address is (a press report here).
    assert!(
        citation.contains(
            " · 南宁市市场监管局 · 本库的理解（来源未引用条款）：违反条款《中华人民共和国消费者权益保护法》第二十九条第一款、"
        ),
        "{citation}"
    );
    assert!(
        citation.contains(
            "处罚依据《中华人民共和国消费者权益保护法》第五十六条第一款第（九）项、《侵害消费者权益行为处罚办法》（2015年文本）第十四条"
        ),
        "{citation}"
    );
    assert!(
        citation.contains(
            "《打击侵害消费者个人信息违法行为专项执法行动十大典型案例》（国家市场监督管理总局 2019-11-18）第 7 例 · 新闻报道：https://"
        ),
        "{citation}"
    );
    let copy = stdout(&casebook(&["show", "kohler-china", "--format", "citation"]));
    assert!(
        copy.contains("转载或镜像：https://weiyuxinwen.com"),
        "{copy}"
    );
    let markdown = stdout(&casebook(&["show", n7, "--format", "markdown"]));
    assert_eq!(markdown, stdout(&casebook(&["show", n7, "--markdown"])));
    assert!(markdown.starts_with("# 广西南宁房多多"));
    let json = stdout(&casebook(&["show", n7, "--format", "json"]));
    assert_eq!(json, stdout(&casebook(&["show", n7, "--json"])));
    let text = stdout(&casebook(&["show", n7, "--format", "text"]));
    assert_eq!(text, stdout(&casebook(&["show", n7])));

    let table = stdout(&casebook(&["search", "房产", "--format", "markdown"]));
    assert!(table.starts_with("| # | ID |"), "{table}");
    assert_eq!(table.lines().filter(|l| l.starts_with("| ")).count(), 15);
    let json = json_ids(&["list", "--format", "json", "--sector", "real-estate"]);
    assert_eq!(json.len(), 14);
    let statute = stdout(&casebook(&["statute", "消法56", "--format", "markdown"]));
    assert!(statute.starts_with("# 中华人民共和国消费者权益保护法 第五十六条"));
    let out = casebook(&["statute", "cprl-56", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(value["statute"]["id"], "cprl-56");
}

/// The CSV is written by a CSV writer: a CSV reader gets back the same cells, commas and quotes
/// in titles included, UTF-8, with a header row. For people it opens with the byte-order mark
/// Excel needs to read UTF-8; `--no-bom` leaves it out for scripts.
#[test]
fn csv_reads_back_to_the_same_cells() {
    let for_people = casebook(&["list", "--format", "csv"]);
    assert!(for_people.stdout.starts_with(b"\xEF\xBB\xBFposition,id,"));
    let search = casebook(&["search", "房多多", "--format", "csv"]);
    assert!(search.stdout.starts_with(b"\xEF\xBB\xBF"));
    let out = casebook(&["list", "--format", "csv", "--no-bom"]);
    assert!(out.status.success());
    assert_eq!(
        &out.stdout[..for_people.stdout.len() - 3],
        &for_people.stdout[3..]
    );
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[..7],
        [
            "position",
            "id",
            "title",
            "title_en",
            "party",
            "province",
            "province_label"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 25);
    let nanning = rows.iter().find(|r| &r[1] == "nanning-fangduoduo").unwrap();
    assert_eq!(&nanning[0], "7");
    assert_eq!(&nanning[4], "广西南宁房多多资产管理有限公司");
    assert_eq!(&nanning[7], "real-estate");
    assert_eq!(&nanning[9], "true", "the sector is inferred");
    assert_eq!(&nanning[12], "1537");
    // A title with a comma and quotes survives the round trip.
    let dir = tempfile::tempdir().unwrap();
    let text = GOOD.replace(
        "title = \"某市某公司侵害消费者个人信息案\"",
        "title = \"某公司, \\\"甲\\\" 案\"",
    );
    assert_ne!(text, GOOD, "the fixture's title line changed");
    std::fs::write(dir.path().join("office-case.toml"), text).unwrap();
    let out = casebook(&[
        "--cases",
        dir.path().to_str().unwrap(),
        "--only",
        "list",
        "--format",
        "csv",
        "--no-bom",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[2], "某公司, \"甲\" 案");
}

/// With an office's collection added, the built-in list comes first, then the office's in the
/// order its collections.toml gives; a case's repeated penalties fold (`刑罚 ×3`).
#[test]
fn office_cases_after_the_built_in_list_and_penalties_folded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("collections.toml"),
        "[anhui-2024]\ntitle = \"某省 2024 年案例\"\npublisher = \"某省市场监督管理局\"\npublished = \"2024-12-01\"\n",
    )
    .unwrap();
    let text = GOOD
        .replace("id = \"office-case\"", "id = \"anhui-case\"")
        .replace("collection = \"samr-2019-pi\"", "collection = \"anhui-2024\"")
        .replace(
            "[[source]]",
            "[[penalty]]\nkind = \"criminal-sentence\"\n\n[[penalty]]\nkind = \"criminal-sentence\"\n\n[[penalty]]\nkind = \"criminal-sentence\"\n\n[[penalty]]\nkind = \"criminal-fine\"\n\n[[source]]",
        );
    std::fs::write(dir.path().join("anhui-case.toml"), text).unwrap();
    let out = casebook(&["--cases", dir.path().to_str().unwrap(), "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    let ids: Vec<&str> = table
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().find(|w| w.contains('-')))
        .collect();
    assert_eq!(ids.first(), Some(&"zhuji-xiangsheng"), "{table}");
    assert_eq!(ids.last(), Some(&"anhui-case"), "{table}");
    assert!(table.contains("刑罚 ×3、罚金"), "{table}");
}

/// An office's running list has no single publication date: `published` may be left out, and the
/// sheet and the citation then print none.
#[test]
fn a_collection_without_a_publication_date() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("collections.toml"),
        "[office-running]\ntitle = \"某局在办案例\"\npublisher = \"某市市场监督管理局\"\n",
    )
    .unwrap();
    let text = GOOD.replace(
        "collection = \"samr-2019-pi\"",
        "collection = \"office-running\"",
    );
    std::fs::write(dir.path().join("office-case.toml"), text).unwrap();
    let path = dir.path().to_str().unwrap();
    let out = casebook(&["validate", path]);
    assert!(out.status.success(), "{}", stdout(&out));
    let citation = stdout(&casebook(&[
        "--cases",
        path,
        "show",
        "office-case",
        "--format",
        "citation",
    ]));
    assert!(
        citation.contains("《某局在办案例》（某市市场监督管理局）"),
        "{citation}"
    );
    let sheet = stdout(&casebook(&["--cases", path, "show", "office-case"]));
    assert!(
        sheet.contains("某局在办案例 (某市市场监督管理局)"),
        "{sheet}"
    );
}

/// `casebook quiz`: a handout an instructor can print, the same for the same seed, with the key
/// at the end; steps and facet filters choose what it covers.
#[test]
fn quiz_prints_the_same_handout_for_the_same_seed() {
    let args = [
        "quiz", "--seed", "1", "--count", "10", "--format", "markdown",
    ];
    let first = casebook(&args);
    assert!(first.status.success(), "{}", stderr(&first));
    let text = stdout(&first);
    assert_eq!(text, stdout(&casebook(&args)), "same seed, same handout");
    assert!(text.starts_with("# casebook 练习题"));
    assert!(text.contains("种子 1 · 10 题"));
    assert_eq!(text.matches("\n## ").count(), 10, "{text}");
    let key = text
        .split("# 答案与理由")
        .nth(1)
        .expect("the key comes after the questions");
    assert_eq!(key.matches("\n**").count(), 10);
    let other = stdout(&casebook(&["quiz", "--seed", "2", "--count", "10"]));
    assert_ne!(text, other);
}

/// The exercises of a JSON handout of seed 3 with `more` arguments.
fn quiz_json(more: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["quiz", "--seed", "3", "--count", "50", "--format", "json"];
    args.extend(more);
    let out = casebook(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let handout: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    handout["exercises"].as_array().unwrap().clone()
}

#[test]
fn quiz_steps_and_filters_choose_the_exercises() {
    let exercises = quiz_json(&["--step", "定性,threshold"]);
    assert!(!exercises.is_empty());
    for e in &exercises {
        let step = e["step"].as_str().unwrap();
        assert!(step == "qualify" || step == "threshold", "{step}");
        if e["assumption"].is_string() {
            // Kept apart from the question, in a field of its own.
            let assumption = e["assumption"].as_str().unwrap();
            assert!(!e["question"].as_str().unwrap().contains(assumption));
        }
    }
    let cases: std::collections::HashSet<String> =
        quiz_json(&["--sector", "education", "--step", "定性"])
            .iter()
            .map(|e| e["case"].as_str().unwrap().to_string())
            .collect();
    assert_eq!(
        cases,
        ["beijing-maikainike".to_string()].into_iter().collect()
    );
    let bad = casebook(&["quiz", "--step", "量刑"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("未知的步骤「量刑」"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn quiz_progress_and_reset_ask_first() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().to_str().unwrap();
    let file = dir.path().join("progress.toml");
    std::fs::write(
        &file,
        "version = 1\n[[item]]\nid = \"statute:cprl-56/words/cap\"\nstep = \"words\"\nanswers = [\"2026-11-29T06:40:12.345Z right\"]\n",
    )
    .unwrap();
    let out = casebook(&["quiz", "--progress", "--state", state]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("100%"), "{}", stdout(&out));
    // No answer on stdin: nothing is deleted.
    let out = casebook(&["quiz", "--reset", "--state", state]);
    assert_eq!(out.status.code(), Some(1));
    assert!(file.exists());
    let out = casebook(&["quiz", "--reset", "--yes", "--state", state]);
    assert!(out.status.success());
    assert!(!file.exists());
}

/// `--lang` over `CASEBOOK_LANG` over the locale; a value casebook does not know is left to the
/// locale rather than refused.
#[test]
fn the_language_comes_from_the_flag_then_casebook_lang_then_the_locale() {
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_casebook"));
        command
            .args(args)
            .env_remove("CASEBOOK_CASES")
            .env("XDG_CONFIG_HOME", "/nonexistent/casebook-tests")
            // Caches in the build directory, never the user's own.
            .env(
                "XDG_CACHE_HOME",
                concat!(env!("CARGO_TARGET_TMPDIR"), "/xdg-cache"),
            );
        for name in ["CASEBOOK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            command.env_remove(name);
        }
        command.envs(env.iter().copied());
        stdout(&command.output().unwrap())
    };
    let english = "the built-in library: valid";
    let chinese = "内置案例库：有效";
    assert!(run(&["validate"], &[]).contains(chinese));
    assert!(run(&["validate"], &[("LANG", "en_US.UTF-8")]).contains(english));
    assert!(run(&["validate"], &[("LANG", "C")]).contains(chinese));
    assert!(run(&["validate"], &[("LC_ALL", "en_GB"), ("LANG", "zh_CN")]).contains(english));
    assert!(run(&["validate"], &[("CASEBOOK_LANG", "zh"), ("LANG", "en_US")]).contains(chinese));
    assert!(run(&["validate"], &[("CASEBOOK_LANG", "fr"), ("LANG", "en_US")]).contains(english));
    assert!(run(&["--lang", "en", "validate"], &[("CASEBOOK_LANG", "zh")]).contains(english));
}

/// `casebook assess`: the JSON contract, the text, and bad input refused naming the flag.
#[test]
fn assess_prints_the_picture_and_refuses_bad_facts_by_flag() {
    let out = casebook(&[
        "--today",
        "2026-12-05",
        "assess",
        "--conduct",
        "出售",
        "--data",
        "电话号码,姓名",
        "--records",
        "6,000",
        "--gains",
        "¥8,000",
        "--date",
        "2019-05-10",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    for key in [
        "provisions",
        "fine",
        "mitigation",
        "thresholds",
        "transfer",
        "precedents",
        "text",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    let first = &v["provisions"][0];
    for key in ["id", "citation", "role", "in_force"] {
        assert!(first.get(key).is_some(), "{key}");
    }
    assert_eq!(v["fine"]["min_yuan"], 8_000);
    assert_eq!(v["fine"]["max_yuan"], 80_000);
    assert_eq!(v["transfer"], "yes");
    assert!(v["precedents"].as_array().unwrap().len() <= 5);
    // The text, and Markdown.
    let text = casebook(&[
        "--today",
        "2026-12-05",
        "assess",
        "--from-case",
        "zhuji-xiangsheng",
    ]);
    assert!(text.status.success(), "{}", stderr(&text));
    let text = stdout(&text);
    assert!(text.starts_with("辅助分析，不是法律结论"), "{text}");
    assert!(text.contains("（从案例 zhuji-xiangsheng 的事实开始）"));
    let md = casebook(&[
        "--lang",
        "en",
        "assess",
        "--conduct",
        "spam",
        "--format",
        "markdown",
    ]);
    assert!(
        stdout(&md).contains("## 4. Criminal thresholds and transfer"),
        "{}",
        stdout(&md)
    );
    // Bad input: exit 2, each problem on its flag.
    let bad = casebook(&[
        "--today",
        "2026-12-05",
        "assess",
        "--conduct",
        "sell",
        "--records",
        "-5",
        "--date",
        "2013-12-31",
        "--data",
        "火星文",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let err = stderr(&bad);
    assert!(err.contains("casebook: --data: \"火星文\""), "{err}");
    assert!(
        err.contains("casebook: --records: \"-5\" 不是数额：不能为负数"),
        "{err}"
    );
    assert!(
        err.contains("casebook: --date: 2013-12-31 早于 2014-03-15"),
        "{err}"
    );
    let future = casebook(&[
        "--today",
        "2026-12-05",
        "assess",
        "--conduct",
        "sell",
        "--date",
        "2027-01-01",
    ]);
    assert!(stderr(&future).contains("--date: 2027-01-01 晚于今天（2026-12-05）"));
    let unknown_case = casebook(&["assess", "--from-case", "no-such-case-at-all"]);
    assert_eq!(unknown_case.status.code(), Some(1));
    assert!(stderr(&unknown_case).contains("no-such-case-at-all"));
}

/// `casebook class`: each trainee under STATE/people on their own row, a damaged file reported in
/// its row and left where it is, the hardest exercise first; CSV with a BOM for Excel.
#[test]
fn class_reads_every_trainee_under_the_state_directory() {
    let root = std::env::temp_dir().join(format!("casebook-class-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let person = |name: &str, items: &[(&str, &str, &[&str])]| {
        let dir = root.join("people").join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let mut text = String::from("version = 1\n");
        for (id, step, answers) in items {
            let answers: Vec<String> = answers.iter().map(|a| format!("\"{a}\"")).collect();
            text.push_str(&format!(
                "\n[[item]]\nid = \"{id}\"\nstep = \"{step}\"\nanswers = [{}]\n",
                answers.join(", ")
            ));
        }
        std::fs::write(dir.join("progress.toml"), text).unwrap();
    };
    person(
        "alice@office",
        &[
            ("q:easy", "qualify", &["2026-01-01T00:00:00.000Z right"]),
            ("q:hard", "penalty", &["2026-01-02T00:00:00.000Z wrong"]),
        ],
    );
    person(
        "bob",
        &[(
            "q:hard",
            "penalty",
            &[
                "2026-01-03T00:00:00.000Z wrong",
                "2026-01-03T00:10:00.000Z wrong",
            ],
        )],
    );
    std::fs::create_dir_all(root.join("people").join("carol")).unwrap();
    std::fs::write(
        root.join("people/carol/progress.toml"),
        "version = 1\n[[item]\n",
    )
    .unwrap();
    let state = root.to_str().unwrap();
    let out = casebook(&["class", "--state", state]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("学员 3 人"), "{text}");
    let row = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .unwrap()
            .to_string()
    };
    let alice: Vec<String> = row("alice@office")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    assert_eq!(&alice[1..5], ["2", "2", "50%", "2"], "{text}");
    let bob: Vec<String> = row("bob").split_whitespace().map(str::to_string).collect();
    assert_eq!(&bob[1..5], ["1", "2", "0%", "1"], "{text}");
    assert!(
        row("carol").contains("无法读取：TOML parse error"),
        "{text}"
    );
    // Left where it is: the owner's next session keeps it aside.
    assert!(root.join("people/carol/progress.toml").exists());
    let hardest = text
        .lines()
        .skip_while(|l| !l.starts_with("题目"))
        .nth(1)
        .unwrap();
    assert!(hardest.starts_with("q:hard"), "{text}");
    assert!(
        !text.contains("q:easy  "),
        "never answered wrongly: not among the hardest"
    );
    let csv = casebook(&["--lang", "en", "class", "--state", state, "--format", "csv"]);
    assert!(
        csv.stdout
            .starts_with("\u{feff}Trainee,Exercises".as_bytes())
    );
    let scripts = casebook(&["class", "--state", state, "--format", "csv", "--no-bom"]);
    assert!(scripts.stdout.starts_with("学员,".as_bytes()));
    let json = casebook(&["class", "--state", state, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v["people"].as_array().unwrap().len(), 3);
    assert_eq!(v["exercises"][0]["id"], "q:hard");
    std::fs::remove_dir_all(&root).unwrap();
}

/// `quiz --exam` prints a code whose exercises are the handout of the same seed and count, in
/// the same order; filters are refused (an exam draws from the whole library).
#[test]
fn an_exam_code_names_the_handout_of_its_seed() {
    let out = casebook(&["quiz", "--exam", "--seed", "42", "--count", "8"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let code = text
        .lines()
        .next()
        .unwrap()
        .trim_start_matches("考试代码：")
        .to_string();
    assert!(code.starts_with("42-8-3f-"), "{text}");
    let exam = casebook(&[
        "quiz", "--exam", "--seed", "42", "--count", "8", "--format", "json",
    ]);
    let exam: serde_json::Value = serde_json::from_str(&stdout(&exam)).unwrap();
    assert_eq!(exam["code"], code.as_str());
    let handout = casebook(&["quiz", "--seed", "42", "--count", "8", "--format", "json"]);
    let handout: serde_json::Value = serde_json::from_str(&stdout(&handout)).unwrap();
    let ids: Vec<&str> = handout["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let exam_ids: Vec<&str> = exam["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(exam_ids, ids);
    let filtered = casebook(&["quiz", "--exam", "--sector", "real-estate"]);
    assert_eq!(filtered.status.code(), Some(2));
    let zero = casebook(&["quiz", "--exam", "--count", "0"]);
    assert_eq!(zero.status.code(), Some(2));
    // A handout of no exercise is refused too, saying why.
    let none = casebook(&["quiz", "--count", "0"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("--count 0"), "{}", stderr(&none));
    assert!(stdout(&none).is_empty());
    // Filters that match no case, and steps the cases chosen cannot serve, each say why.
    let no_case = casebook(&["quiz", "--violation", "unsolicited-calls"]);
    assert_eq!(no_case.status.code(), Some(1));
    assert!(
        stderr(&no_case).contains("没有匹配任何案例"),
        "{}",
        stderr(&no_case)
    );
}

/// A published number whose case no source names (the tenth of SAMR's ten) is said to be
/// unidentified, not "no such case"; a number beyond the list gets the usual answer.
#[test]
fn a_published_number_never_identified_says_so() {
    let out = casebook(&["show", "10"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("公布的第 10 例，本库尚未识别是哪一案"),
        "{}",
        stderr(&out)
    );
    let out = casebook(&["--lang", "en", "show", "#10"]);
    assert!(
        stderr(&out).contains("No. 10 of Ten typical cases of the special enforcement campaign"),
        "{}",
        stderr(&out)
    );
    let out = casebook(&["show", "11"]);
    assert!(stderr(&out).contains("没有案例"), "{}", stderr(&out));
}

/// `validate` refuses a position past what the collection announced, offers the nearest
/// provision by number, and says nothing misleading about `[inferred]` for a field whose value
/// is wrong (it has its own error).
#[test]
fn validate_position_nearest_provision_and_inferred() {
    let dir = tempfile::tempdir().unwrap();
    let text = include_str!("fixtures/office-case.toml")
        .replace(
            "collection = \"samr-2019-pi\"",
            "collection = \"samr-2019-pi\"\nposition = 11",
        )
        .replace("sector = \"education\"", "sector = \"educatoin\"")
        .replace("statute = \"cprl-29-1\"", "statute = \"cprl-57\"")
        + "\n[inferred]\nsector = \"a reason\"\n";
    std::fs::write(dir.path().join("office-case.toml"), text).unwrap();
    let out = casebook(&["--lang", "en", "validate", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(
        report.contains("office-case.toml:4:12: position 11 is past the 10 cases collection [samr-2019-pi] announced"),
        "{report}"
    );
    assert!(report.contains("did you mean \"cprl-56\"?"), "{report}");
    assert!(report.contains("did you mean \"education\"?"), "{report}");
    assert!(!report.contains("[inferred]"), "{report}");
    assert!(
        stderr(&out).contains("3 problems found"),
        "{}",
        stderr(&out)
    );
}

/// In English every command's output is English: any Chinese is the cases' own content, the
/// law's name or words, or a quoted legal term — tables, sheets, statistics, the handout, the
/// provisions, validation and the settings alike.
#[test]
fn english_output_is_english_but_for_content_and_law() {
    let library = casebook::library::load(&Default::default()).unwrap();
    let commands: &[&[&str]] = &[
        &["list"],
        &["list", "--format", "markdown"],
        &["list", "--format", "citation"],
        &["search", "fangchan"],
        &["similar", "7"],
        &["show", "yibin-yu"],
        &["show", "yongjia-zhiye"],
        &["show", "li-kaixiang", "--format", "markdown"],
        &["statute"],
        &["statute", "cprl-56"],
        &["stats"],
        &["stats", "--sector", "real-estate"],
        &["quiz", "--seed", "5", "--count", "12"],
        &["validate"],
        &["config"],
        &["config", "--default"],
        &[
            "assess",
            "--conduct",
            "sell",
            "--records",
            "600",
            "--date",
            "2020-06-01",
        ],
    ];
    for args in commands {
        let mut full = vec!["--lang", "en", "--today", "2026-12-05"];
        full.extend_from_slice(args);
        let out = casebook(&full);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        // The aid's last section is a text to paste into a Chinese report, by design.
        let text = stdout(&out);
        let text = text.split("Text to paste (Chinese").next().unwrap();
        english::assert_english(&library, text, &format!("{args:?}"));
    }
}

/// The Markdown of a sheet (what `Y` copies and `e` exports) opens with the citation in its
/// official form; `list --format citation` writes one a line.
#[test]
fn markdown_opens_with_the_official_citation() {
    let sheet = stdout(&casebook(&["show", "7", "--format", "markdown"]));
    assert!(
        sheet.contains("\n> **引用**：广西南宁房多多资产管理有限公司侵害消费者个人信息案 · "),
        "{sheet}"
    );
    let statute = stdout(&casebook(&[
        "statute",
        "criminal-253-1",
        "--format",
        "markdown",
    ]));
    assert!(
        statute.contains("> **引用**：《中华人民共和国刑法》第二百五十三条之一\n"),
        "{statute}"
    );
    let lines = stdout(&casebook(&[
        "list",
        "--format",
        "citation",
        "--sector",
        "education",
    ]));
    assert_eq!(lines.lines().count(), 3, "{lines}");
    assert!(lines.lines().all(|l| l.contains("《")), "{lines}");
    let found = stdout(&casebook(&["search", "房多多", "--format", "citation"]));
    assert!(
        found.starts_with("广西南宁房多多资产管理有限公司侵害消费者个人信息案 · "),
        "{found}"
    );
}
