//! The law-truth suite: what casebook says about the law, checked where a user reads it — every
//! case sheet (`show`), every provision sheet and the provision list (`statute`), and the
//! exercises of many seeds (`quiz --format json`) — against a table of statements it must make
//! and statements it must never make. "Today" is pinned with `--today`, so the suite reads the
//! same whenever it runs.

use std::process::{Command, Output};

const TODAY: &str = "2026-12-05";

fn casebook(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["--today", TODAY])
        .args(args)
        .env("CASEBOOK_LANG", "zh")
        .env_remove("CASEBOOK_CASES")
        .env("XDG_CONFIG_HOME", "/nonexistent")
        // Caches in the build directory, never the user's own.
        .env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/xdg-cache"),
        )
        .output()
        .expect("casebook runs")
}

fn stdout(args: &[&str]) -> String {
    let out = casebook(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Statements that are wrong in any output: each with why.
const NEVER: &[(&str, &str)] = &[
    (
        "接替",
        "消法 is not replaced: later law applies alongside it",
    ),
    (
        "后继规定",
        "no provision here is the 'successor' of another",
    ),
    (
        "今天由",
        "\"同类行为今天由…调整\" treats 消法 as superseded",
    ),
    (
        "不适用于 2019 年的案件",
        "later law is judged against each case's own dates",
    ),
    (
        "后法，",
        "later law is judged against each case's own dates",
    ),
    ("刑罚 ¥", "an amount of a criminal sentence is its 罚金"),
    (
        "全文（第一条至第十三条）：",
        "a reason cites the article, not the whole interpretation",
    ),
    ("施行 未载明", "民法总则 came into force on 2017-10-01"),
];

fn assert_never(what: &str, text: &str) {
    for (never, why) in NEVER {
        assert!(!text.contains(never), "{what} says {never:?} ({why})");
    }
}

/// A statement of a ¥1,000,000 cap keeps its condition in the same statement (line, or option
/// with its reason): 拒不改正 (个保法66), or 没有违法所得 (网络安全法 2016 第六十四条).
fn assert_cap_conditioned(what: &str, statement: &str) {
    if statement.contains("¥1,000,000 以下") || statement.contains("¥1,000,000 以下") {
        assert!(
            ["拒不改正", "没有违法所得", "无违法所得", "情节严重"]
                .iter()
                .any(|c| statement.contains(c)),
            "{what}: a ¥1,000,000 cap without its condition: {statement}"
        );
    }
}

fn ids(kind: &str) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(&stdout(&[kind, "--json"])).unwrap();
    match kind {
        "list" => json
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect(),
        _ => json
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|law| law["statutes"].as_array().unwrap().clone())
            .map(|id| id.as_str().unwrap().to_string())
            .collect(),
    }
}

#[test]
fn every_case_sheet_says_the_law_right() {
    for id in ids("list") {
        let text = stdout(&["show", &id]);
        assert_never(&format!("show {id}"), &text);
        // A threshold key fact keeps the condition of the full section.
        if let Some(line) = text
            .lines()
            .find(|l| l.trim_start().starts_with("门槛比较"))
            && line.contains("第五条第一款第（三）项")
            && line.contains("已达到")
        {
            assert!(
                line.contains("如属") || line.contains("无论"),
                "show {id}: {line}"
            );
        }
    }
    // 北京 (No. 6): 480 records of babies' names and phone numbers are not tier (三) data.
    let text = stdout(&["show", "6"]);
    assert!(text.contains(
        "480 条：如属第五条第一款第（三）项（行踪轨迹信息、通信内容、征信信息、财产信息），已达到 50 条"
    ));
    assert!(text.contains("等其他可能影响人身、财产安全的公民个人信息），未达到 500 条"));
    assert!(text.contains("处罚依据 消法 第五十六条第一款第（九）项"));
    assert!(text.contains("案发时有效 [cprl-29-1]"));
    assert!(text.contains("并行适用：个人信息保护法 第十三条"));
    assert!(text.contains("由 消法实施条例 第二十三条"));
}

#[test]
fn every_provision_sheet_says_the_law_right() {
    for id in ids("statute") {
        let text = stdout(&["statute", &id]);
        assert_never(&format!("statute {id}"), &text);
        for line in text.lines() {
            assert_cap_conditioned(&format!("statute {id}"), line);
        }
        assert!(text.contains(&format!("今天 {TODAY}：")), "statute {id}");
    }
    let says = |id: &str, what: &[&str]| {
        let text = stdout(&["statute", id]);
        for w in what {
            assert!(text.contains(w), "statute {id} does not say {w:?}:\n{text}");
        }
    };
    let pipl = stdout(&["statute", "pipl-66"]);
    assert!(
        !pipl.contains("无违法所得时罚款上限"),
        "个保法66's cap is for 拒不改正:\n{pipl}"
    );
    says(
        "pipl-66",
        &[
            "拒不改正的，罚款上限：¥1,000,000",
            "情节严重时罚款上限：¥50,000,000",
            "或上一年度营业额的百分比：5%",
            "通报有关主管部门吊销相关业务许可或者吊销营业执照",
            "本条不直接吊销许可或执照",
        ],
    );
    says(
        "civil-general-111",
        &[
            "施行      2017-10-01",
            "已废止，2021-01-01 起",
            "民法典第一千二百六十条",
        ],
    );
    says(
        "cprl-29-3",
        &[
            "现行有效，2014-03-15 起施行",
            "由 消法实施条例 第二十四条",
            "并行适用：民法典 第一千零三十三条",
        ],
    );
    says(
        "cpri-24",
        &[
            "违反本条的，依 消法 第五十六条",
            "条例第五十条第一款所列条文不含第二十四条；第三款",
        ],
    );
    says(
        "csl-41",
        &[
            "此版本 2026-01-01 起不再施行，法律已修正",
            "改为 网络安全法（2025年修正） 第四十三条",
        ],
    );
    says(
        "csl-2025-71",
        &["由 网络安全法（2016年文本） 第六十四条", "并入"],
    );
    says("measures-11", &["现行状态未核实"]);
    // Tier (四) keeps its catch-all words wherever it is named.
    says(
        "spc-2017-10",
        &[
            "第五条第一款第（四）项：500 条（住宿信息、通信记录、健康生理信息、交易信息等其他可能影响人身、财产安全的公民个人信息）",
        ],
    );
    says("measures-14-2020", &["现行状态未核实"]);
}

#[test]
fn the_provision_list_gives_each_status_today() {
    let text = stdout(&["statute"]);
    let status = |id: &str| -> String {
        text.lines()
            .find(|l| l.trim_start().starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("{id} is listed"))
            .to_string()
    };
    for (id, must) in [
        ("cprl-29-1", "现行有效"),
        ("cprl-56", "现行有效"),
        ("cpri-23", "现行有效，2024-07-01 起施行"),
        ("pipl-66", "现行有效，2021-11-01 起施行"),
        ("civil-general-111", "已废止"),
        ("csl-64", "不再施行"),
        ("csl-2025-71", "现行有效，2026-01-01 起施行"),
        ("measures-11", "现行状态未核实"),
    ] {
        assert!(status(id).contains(must), "{id}: {}", status(id));
    }
}

/// The exercises of forty seeds: nothing wrong said, every reason cites precisely, and the
/// "today" questions keep to the dates and the relation table.
#[test]
fn exercises_over_many_seeds_say_the_law_right() {
    for seed in 1..=40 {
        let seed = seed.to_string();
        let text = stdout(&[
            "quiz", "--seed", &seed, "--count", "100", "--format", "json",
        ]);
        assert_never(&format!("quiz --seed {seed}"), &text);
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        for e in json["exercises"].as_array().unwrap() {
            let id = e["id"].as_str().unwrap();
            let cite = e["reason"]["cite"].as_str().unwrap();
            assert!(!cite.contains("全文"), "{id}: cites {cite}");
            if id.contains("/penalty/cprl-56") {
                assert_eq!(cite, "消法 第五十六条第一款第（九）项", "{id}");
            }
            if id.contains("/threshold/") {
                assert!(cite.starts_with("法释〔2017〕10号 第五条"), "{id}: {cite}");
            }
            let options = e["answer"]["options"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            for o in &options {
                let statement = format!(
                    "{} {} {}",
                    e["question"].as_str().unwrap(),
                    o["text"].as_str().unwrap(),
                    o["why_wrong"].as_str().unwrap_or_default()
                );
                assert_cap_conditioned(id, &statement);
            }
            // A figure from another article of the interpretation is named by its article.
            if id.starts_with("statute:spc-2017-10/words") {
                assert!(cite.starts_with("法释〔2017〕10号 第"), "{id}: {cite}");
            }
        }
    }
}

/// An office's own case, made up for the defects no built-in case triggers: a judgment's
/// 罚金, a case of 2022 (whose law is not "later law"), and records plus gains.
#[test]
fn an_office_case_of_2022_with_a_criminal_fine() {
    let dir = tempfile::tempdir().unwrap();
    let text = include_str!("fixtures/office-case.toml")
        .replace("conduct_from = \"2019-01\"", "conduct_from = \"2021-12\"")
        .replace("conduct_to = \"2019-03\"", "conduct_to = \"2022-03\"\ndecided = \"2022-09-01\"")
        .replace(
            "violations = [\"collect-without-consent\"]",
            "violations = [\"collect-without-consent\"]\ndata_kinds = [\"征信信息\"]\nrecords = 30\nillegal_gains_yuan = 8000",
        )
        .replace(
            "[[source]]",
            "[[law]]\nstatute = \"pipl-13\"\nrole = \"violated\"\nbasis = \"governing\"\n\n[[law]]\nstatute = \"criminal-253-1\"\nrole = \"transfer\"\nbasis = \"stated\"\n\n[[penalty]]\nkind = \"criminal-sentence\"\namount_yuan = 8000\n\n[[source]]",
        );
    std::fs::write(dir.path().join("office-case.toml"), text).unwrap();
    let dir = dir.path().to_str().unwrap();
    let text = stdout(&["--cases", dir, "--no-cache", "show", "office-case"]);
    assert_never("show office-case", &text);
    assert!(text.contains("罚金 ¥8,000"), "{text}");
    // Both 消法29(1) and 个保法13 were in force during the conduct: neither is "later law".
    assert!(
        text.contains("消法 第二十九条第一款 — 违反条款 · 适用条款（来源未引用） · 案发时有效")
    );
    assert!(
        text.contains("个人信息保护法 第十三条 — 违反条款 · 适用条款（来源未引用） · 案发时有效")
    );
    assert!(text.contains("违法行为始于 2021-12、违法行为止于 2022-03、处罚决定 2022-09-01"));
    // 30 records of 征信信息 fall short of 50, but ¥8,000 of gains reach item (七).
    assert!(text.contains("30 条：第五条第一款第（三）项 标准 50 条 — 未达到"));
    assert!(text.contains("8,000 元：第五条第一款第（七）项 标准 5,000 元 — 已达到"));
    let json = stdout(&[
        "--cases",
        dir,
        "--no-cache",
        "--only",
        "quiz",
        "--seed",
        "1",
        "--count",
        "50",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let threshold = json["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "case:office-case/threshold/spc-2017-10")
        .expect("a threshold exercise on the office case");
    let options = threshold["answer"]["options"].as_array().unwrap();
    let right = threshold["answer"]["right"].as_u64().unwrap() as usize;
    assert_eq!(options[right]["text"], "「情节严重」");
}
