//! The decision aid against a table of scenarios. Every expected figure is worked out here from
//! the law's own numbers, and each number is first checked against the words of the provision
//! that sets it — so a changed statute file or a wrong computation fails here, not in court.

use casebook::assess::{self, Draft};
use casebook::library::{Library, LoadOptions, PartialDate, load};
use casebook::query::search::Index;
use serde_json::Value;

/// The day the scenarios are judged on, so that "today" never moves under them.
const TODAY: &str = "2026-12-05";

// 消法 第五十六条: "处以违法所得一倍以上十倍以下的罚款，没有违法所得的，处以五十万元以下的罚款".
const CPRL_LOW: u64 = 1;
const CPRL_HIGH: u64 = 10;
const CPRL_CAP: u64 = 500_000;
// 网络安全法（2016年文本）第六十四条: "处违法所得一倍以上十倍以下罚款，没有违法所得的，处一百万元以下罚款".
const CSL_CAP: u64 = 1_000_000;
// 法释〔2017〕10号 第五条第一款: (三) "五十条以上", (四) "五百条以上", (五) "五千条以上",
// (七) "违法所得五千元以上"; (八) "一半以上"; 第二款第（三）项 "十倍以上".
const TIER3: u64 = 50;
const TIER4: u64 = 500;
const TIER5: u64 = 5_000;
const GAINS: u64 = 5_000;
const ESPECIALLY: u64 = 10;

fn library() -> Library {
    let mut library = load(&LoadOptions::default()).expect("the built-in library loads");
    library.today = Some(PartialDate::parse_day(TODAY).unwrap());
    library
}

/// The numbers above are the texts' own: each is written in the provision it comes from.
#[test]
fn the_numbers_are_the_texts() {
    let library = library();
    let text = |id: &str| library.statute(id).unwrap().text.clone();
    let cprl = text("cprl-56");
    assert!(
        cprl.contains("处以违法所得一倍以上十倍以下的罚款，没有违法所得的，处以五十万元以下的罚款")
    );
    assert_eq!((CPRL_LOW, CPRL_HIGH, CPRL_CAP), (1, 10, 500_000));
    assert!(text("csl-64").contains("没有违法所得的，处一百万元以下罚款"));
    assert_eq!(CSL_CAP, 1_000_000);
    let spc = text("spc-2017-10");
    for words in [
        "征信信息、财产信息五十条以上的",
        "交易信息等其他可能影响人身、财产安全的公民个人信息五百条以上的",
        "第三项、第四项规定以外的公民个人信息五千条以上的",
        "违法所得五千元以上的",
        "数量或者数额达到第三项至第七项规定标准一半以上的",
        "数量或者数额达到前款第三项至第八项规定标准十倍以上的",
    ] {
        assert!(spc.contains(words), "{words}");
    }
    assert_eq!(
        (TIER3, TIER4, TIER5, GAINS, ESPECIALLY),
        (50, 500, 5_000, 5_000, 10)
    );
}

/// One scenario's facts.
#[derive(Default, Clone)]
struct Facts {
    conduct: &'static str,
    data: &'static str,
    records: Option<u64>,
    gains: Option<&'static str>,
    date: &'static str,
    in_duty: bool,
    first_offence: bool,
    corrected: bool,
}

fn run(library: &Library, facts: &Facts) -> Value {
    let draft = Draft {
        conduct: facts.conduct.into(),
        data: facts.data.into(),
        records: facts.records.map(|n| n.to_string()).unwrap_or_default(),
        gains: facts.gains.unwrap_or_default().into(),
        date: facts.date.into(),
        in_duty: facts.in_duty,
        first_offence: facts.first_offence,
        corrected: facts.corrected,
        ..Draft::default()
    };
    let facts = draft
        .facts(library)
        .expect("the scenario's facts are valid");
    let index = Index::new(library);
    let assessment = assess::assess(library, &index, facts);
    assess::json::value(library, &assessment)
}

fn ids(value: &Value, role: &str) -> Vec<String> {
    let mut ids: Vec<String> = value["provisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["role"] == role)
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn sorted(list: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

/// The level of the threshold row whose item ends with `item` (`（五）项`).
fn level(value: &Value, item: &str) -> String {
    value["thresholds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["item"].as_str().unwrap().ends_with(item))
        .unwrap_or_else(|| panic!("no row {item}: {value:#}"))["level"]
        .as_str()
        .unwrap()
        .to_string()
}

fn fine(value: &Value) -> (Option<u64>, Option<u64>, String) {
    let fine = &value["fine"];
    (
        fine["min_yuan"].as_u64(),
        fine["max_yuan"].as_u64(),
        fine["basis"].as_str().unwrap_or_default().to_string(),
    )
}

const LEAK: &str = "leak-sell-provide";
const COLLECT: &str = "collect-without-consent";

fn leak(
    date: &'static str,
    data: &'static str,
    records: Option<u64>,
    gains: Option<&'static str>,
) -> Facts {
    Facts {
        conduct: LEAK,
        data,
        records,
        gains,
        date,
        ..Facts::default()
    }
}

#[test]
fn selling_phone_numbers_in_2019_with_gains() {
    let library = library();
    let v = run(
        &library,
        &leak("2019-05-10", "电话号码,姓名", Some(6_000), Some("8000")),
    );
    assert_eq!(
        ids(&v, "breached"),
        sorted(&["cprl-29-2", "measures-11", "csl-42", "csl-44"])
    );
    assert!(ids(&v, "penalty").contains(&"cprl-56".to_string()));
    // The 2015 text of 处罚办法 第十四条 links the breach to 消法 in 2019, not the 2020 one.
    assert!(ids(&v, "penalty").contains(&"measures-14".to_string()));
    assert!(!ids(&v, "penalty").contains(&"measures-14-2020".to_string()));
    assert_eq!(
        fine(&v),
        (
            Some(8_000 * CPRL_LOW),
            Some(8_000 * CPRL_HIGH),
            "cprl-56".into()
        )
    );
    assert_eq!(level(&v, "（五）项"), "serious");
    assert_eq!(level(&v, "（七）项"), "serious");
    assert_eq!(v["transfer"], "yes");
    // PIPL (2021-11-01) and the 2025 Cybersecurity Law are later law here.
    let later: Vec<&str> = v["later"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert!(
        later.contains(&"pipl-10") && later.contains(&"csl-2025-46"),
        "{later:?}"
    );
    assert!(
        v["text"]
            .as_str()
            .unwrap()
            .starts_with("【辅助分析，不是法律结论】")
    );
    assert!(
        v["text"]
            .as_str()
            .unwrap()
            .contains("《中华人民共和国消费者权益保护法》第五十六条第一款第（九）项")
    );
    // Phone numbers are in item 五 by the library's reading: the text to paste says so.
    assert!(v["text"].as_str().unwrap().contains("归入该项为本库的理解"));
    let named = run(&library, &leak("2019-05-10", "征信信息", Some(TIER3), None));
    assert!(
        !named["text"].as_str().unwrap().contains("本库的理解"),
        "{named:#}"
    );
}

#[test]
fn no_gains_the_cap_and_no_minimum() {
    let library = library();
    let v = run(
        &library,
        &leak("2019-05-10", "电话号码", Some(TIER5 - 1), Some("none")),
    );
    assert_eq!(fine(&v), (None, Some(CPRL_CAP), "cprl-56".into()));
    assert_eq!(level(&v, "（五）项"), "not-reached");
    assert_eq!(level(&v, "（七）项"), "not-reached");
    assert_eq!(v["transfer"], "no");
}

#[test]
fn gains_not_entered_gives_the_range_both_ways() {
    let library = library();
    let v = run(&library, &leak("2019-05-10", "电话号码", Some(10), None));
    assert_eq!(fine(&v), (None, None, "cprl-56".into()));
    assert_eq!(v["fine"]["working"]["kind"], "either-way");
    assert_eq!(v["fine"]["working"]["cap_yuan"], CPRL_CAP);
    assert_eq!(v["fine"]["working"]["high"], CPRL_HIGH);
}

/// Each tier at its bar and one below, by records; "以上" includes the bar.
#[test]
fn each_tier_at_its_bar() {
    let library = library();
    for (data, bar, item) in [
        ("行踪轨迹信息", TIER3, "（三）项"),
        ("征信信息", TIER3, "（三）项"),
        ("交易信息", TIER4, "（四）项"),
        ("健康生理信息", TIER4, "（四）项"),
        ("电话号码", TIER5, "（五）项"),
    ] {
        let at = run(&library, &leak("2020-01-01", data, Some(bar), None));
        assert_eq!(level(&at, item), "serious", "{data} {bar}");
        assert_eq!(at["transfer"], "yes", "{data}");
        let below = run(&library, &leak("2020-01-01", data, Some(bar - 1), None));
        assert_eq!(level(&below, item), "not-reached", "{data} {}", bar - 1);
        assert_eq!(below["transfer"], "no", "{data}");
        let especially = run(
            &library,
            &leak("2020-01-01", data, Some(bar * ESPECIALLY), None),
        );
        assert_eq!(level(&especially, item), "especially-serious", "{data}");
        // Only the data's own tier is compared when every kind entered has one.
        assert_eq!(at["thresholds"].as_array().unwrap().len(), 1, "{data}");
    }
}

/// In duty or service the bars are halved (第五条第一款第（八）项), and 情节特别严重 is ten times
/// the halved bar.
#[test]
fn in_duty_halves_every_bar() {
    let library = library();
    for (data, bar, item) in [
        ("行踪轨迹信息", TIER3, "（三）项"),
        ("交易信息", TIER4, "（四）项"),
        ("电话号码", TIER5, "（五）项"),
    ] {
        let half = bar.div_ceil(2);
        let facts = |records| Facts {
            in_duty: true,
            ..leak("2020-01-01", data, Some(records), None)
        };
        assert_eq!(
            level(&run(&library, &facts(half)), item),
            "serious",
            "{data}"
        );
        assert_eq!(
            level(&run(&library, &facts(half - 1)), item),
            "not-reached",
            "{data}"
        );
        assert_eq!(
            level(&run(&library, &facts(half * ESPECIALLY)), item),
            "especially-serious",
            "{data}"
        );
        let row = &run(&library, &facts(half))["thresholds"][0];
        assert_eq!(row["threshold"], half);
    }
}

#[test]
fn gains_alone_reach_the_threshold_whatever_the_data() {
    let library = library();
    let by_gains = |gains: &'static str, in_duty: bool| {
        run(
            &library,
            &Facts {
                in_duty,
                ..leak("2020-01-01", "", None, Some(gains))
            },
        )
    };
    assert_eq!(level(&by_gains("5000", false), "（七）项"), "serious");
    assert_eq!(by_gains("5000", false)["transfer"], "yes");
    assert_eq!(level(&by_gains("4999", false), "（七）项"), "not-reached");
    assert_eq!(by_gains("4999", false)["transfer"], "no");
    assert_eq!(level(&by_gains("2500", true), "（七）项"), "serious");
    assert_eq!(
        level(&by_gains("5万", false), "（七）项"),
        "especially-serious"
    );
    assert_eq!(GAINS * ESPECIALLY, 50_000);
}

/// Face data is in no tier: the answer depends on the kind, unless every tier agrees.
#[test]
fn a_kind_without_a_tier_depends_on_the_kind() {
    let library = library();
    let v = run(&library, &leak("2022-01-01", "人脸信息", Some(600), None));
    // 600 ≥ 500 (item 四) and ≥ 50 ×10 (item 三, especially), < 5,000 (item 五).
    assert_eq!(v["thresholds"].as_array().unwrap().len(), 3);
    assert_eq!(level(&v, "（三）项"), "depends-on-kind");
    assert_eq!(level(&v, "（五）项"), "depends-on-kind");
    assert_eq!(
        v["thresholds"][0]["level_if_this_tier"],
        "especially-serious"
    );
    assert_eq!(v["thresholds"][2]["level_if_this_tier"], "not-reached");
    assert_eq!(v["transfer"], "depends");
    // Below every bar: no, whatever the kind.
    let few = run(
        &library,
        &leak("2022-01-01", "人脸信息", Some(TIER3 - 1), None),
    );
    assert_eq!(level(&few, "（三）项"), "not-reached");
    assert_eq!(few["transfer"], "no");
    // At the highest bar every tier is reached: yes, whatever the kind.
    let many = run(&library, &leak("2022-01-01", "人脸信息", Some(TIER5), None));
    assert_eq!(many["transfer"], "yes");
}

/// Kinds of two tiers in one count: item (六) adds them up in proportion, which needs the count
/// of each, so between the bars it depends.
#[test]
fn kinds_of_two_tiers_depend_between_the_bars() {
    let library = library();
    let between = run(
        &library,
        &leak("2020-01-01", "电话号码,征信信息", Some(1_000), None),
    );
    assert_eq!(between["thresholds"].as_array().unwrap().len(), 2);
    assert_eq!(between["transfer"], "depends");
    let above = run(
        &library,
        &leak("2020-01-01", "电话号码,征信信息", Some(TIER5), None),
    );
    assert_eq!(above["transfer"], "yes");
    let below = run(
        &library,
        &leak("2020-01-01", "电话号码,征信信息", Some(TIER3 - 1), None),
    );
    assert_eq!(below["transfer"], "no");
}

#[test]
fn before_and_after_the_personal_information_protection_law() {
    let library = library();
    let facts = |date| Facts {
        conduct: COLLECT,
        date,
        ..Facts::default()
    };
    // 2021-03: PIPL (in force 2021-11-01) is not the law of the case.
    let before = run(&library, &facts("2021-03-01"));
    assert_eq!(
        ids(&before, "breached"),
        sorted(&["cprl-29-1", "measures-11", "csl-41"])
    );
    assert!(!ids(&before, "penalty").contains(&"pipl-66".to_string()));
    // The 2020 text of 处罚办法 第十四条 is the link after 2020-10-23.
    assert!(ids(&before, "penalty").contains(&"measures-14-2020".to_string()));
    let after = run(&library, &facts("2022-01-01"));
    assert_eq!(
        ids(&after, "breached"),
        sorted(&["cprl-29-1", "measures-11", "csl-41", "pipl-10"])
    );
    assert!(ids(&after, "penalty").contains(&"pipl-66".to_string()));
    // The fine is still worked out under 消法 第五十六条; PIPL 66 applies alongside.
    assert_eq!(fine(&after).2, "cprl-56");
    assert!(ids(&after, "also").contains(&"pipl-13".to_string()));
}

#[test]
fn after_the_2024_regulations() {
    let library = library();
    let collect = run(
        &library,
        &Facts {
            conduct: COLLECT,
            date: "2024-07-01",
            ..Facts::default()
        },
    );
    assert!(ids(&collect, "breached").contains(&"cpri-23".to_string()));
    // 实施条例 第五十条第三款 sends its breaches to 消法 第五十六条.
    assert!(ids(&collect, "penalty").contains(&"cpri-50-3".to_string()));
    let day_before = run(
        &library,
        &Facts {
            conduct: COLLECT,
            date: "2024-06-30",
            ..Facts::default()
        },
    );
    assert!(!ids(&day_before, "breached").contains(&"cpri-23".to_string()));
}

#[test]
fn commercial_messages_and_calls() {
    let library = library();
    let facts = |conduct, date| Facts {
        conduct,
        date,
        ..Facts::default()
    };
    let messages = run(&library, &facts("推销短信", "2019-06-01"));
    assert_eq!(
        ids(&messages, "breached"),
        sorted(&["cprl-29-3", "measures-11"])
    );
    // Not an act the criminal thresholds are set for.
    assert_eq!(messages["criminal_in_scope"], false);
    assert_eq!(messages["transfer"], "no");
    assert!(messages["thresholds"].as_array().unwrap().is_empty());
    let messages_2025 = run(&library, &facts("推销短信", "2025-03-01"));
    assert!(ids(&messages_2025, "breached").contains(&"cpri-24".to_string()));
    // Calls: no provision of the library forbids them by its words before 2024-07-01.
    let calls_2023 = run(&library, &facts("商业性电话", "2023-05-01"));
    assert!(ids(&calls_2023, "breached").is_empty());
    assert!(calls_2023["fine"].is_null());
    assert_eq!(calls_2023["later"][0], "cpri-24");
    assert!(calls_2023["mitigation"].as_array().unwrap().is_empty());
    let calls_2025 = run(&library, &facts("商业性电话", "2025-03-01"));
    assert_eq!(ids(&calls_2025, "breached"), sorted(&["cpri-24"]));
    assert_eq!(fine(&calls_2025), (None, None, "cprl-56".into()));
}

#[test]
fn excessive_collection_under_the_cybersecurity_law_and_the_regulations() {
    let library = library();
    let facts = |date, gains| Facts {
        conduct: "过度收集",
        date,
        gains,
        ..Facts::default()
    };
    let v2018 = run(&library, &facts("2018-06-01", Some("none")));
    assert_eq!(ids(&v2018, "breached"), sorted(&["csl-41"]));
    assert_eq!(fine(&v2018), (None, Some(CSL_CAP), "csl-64".into()));
    let v2026 = run(&library, &facts("2026-02-01", Some("3000")));
    assert_eq!(ids(&v2026, "breached"), sorted(&["cpri-23", "csl-2025-43"]));
    // 网络安全法 第七十一条 (2025) sets no amounts; the fine is 消法's through the regulations.
    assert_eq!(
        fine(&v2026),
        (
            Some(3_000 * CPRL_LOW),
            Some(3_000 * CPRL_HIGH),
            "cprl-56".into()
        )
    );
    assert!(ids(&v2026, "penalty").contains(&"csl-2025-71".to_string()));
}

#[test]
fn leaking_in_2026_under_every_law_then_in_force() {
    let library = library();
    let v = run(
        &library,
        &leak("2026-03-01", "姓名", Some(10), Some("none")),
    );
    assert_eq!(
        ids(&v, "breached"),
        sorted(&[
            "cprl-29-2",
            "measures-11",
            "pipl-10",
            "csl-2025-44",
            "csl-2025-46"
        ])
    );
    assert_eq!(fine(&v), (None, Some(CPRL_CAP), "cprl-56".into()));
    let p = v["provisions"].as_array().unwrap();
    let measures = p.iter().find(|p| p["id"] == "measures-11").unwrap();
    assert_eq!(measures["status_then"], "unverified");
}

#[test]
fn before_the_cybersecurity_law_and_the_thresholds() {
    let library = library();
    let v = run(&library, &leak("2016-05-01", "电话号码", Some(TIER5), None));
    assert_eq!(ids(&v, "breached"), sorted(&["cprl-29-2", "measures-11"]));
    // 法释〔2017〕10号 came into force on 2017-06-01: reached, but only for reference.
    assert_eq!(level(&v, "（五）项"), "serious");
    assert_eq!(v["transfer"], "depends");
}

#[test]
fn mitigation_as_possibilities_with_their_conditions() {
    let library = library();
    let plain = run(
        &library,
        &leak("2023-01-01", "电话号码", Some(10), Some("none")),
    );
    let first_offence = |v: &Value| -> Value {
        v["mitigation"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["effect"] == "可以不予行政处罚")
            .unwrap()
            .clone()
    };
    assert_eq!(first_offence(&plain)["possible"], false);
    let both = run(
        &library,
        &Facts {
            first_offence: true,
            corrected: true,
            ..leak("2023-01-01", "电话号码", Some(10), Some("none"))
        },
    );
    let m = first_offence(&both);
    assert_eq!(m["possible"], true);
    assert_eq!(m["provision"], "ap-33");
    // 危害后果轻微 is for the officer to check: the form does not ask it.
    let open: Vec<&Value> = m["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["met"].is_null())
        .collect();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0]["words"], "危害后果轻微");
    // 从轻或者减轻 (第三十二条) is always a possibility to check.
    assert!(
        both["mitigation"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["provision"] == "ap-32" && m["possible"] == true)
    );
    // A conduct of 2025 breaches the regulations, whose 第五十一条 refers to these provisions.
    let later = run(
        &library,
        &Facts {
            conduct: COLLECT,
            date: "2025-01-01",
            ..Facts::default()
        },
    );
    assert!(
        later["mitigation"][0]["via"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v == "cpri-51")
    );
}

/// Bad input is refused with the field it is in, never a panic.
#[test]
fn bad_facts_are_refused_naming_the_field() {
    let library = library();
    let refused = |draft: Draft| -> Vec<(assess::Field, String)> {
        draft
            .facts(&library)
            .expect_err("refused")
            .into_iter()
            .map(|p| (p.field, p.message.en))
            .collect()
    };
    let base = Draft {
        conduct: LEAK.into(),
        ..Draft::default()
    };
    let before = refused(Draft {
        date: "2014-03-14".into(),
        ..base.clone()
    });
    assert_eq!(before[0].0, assess::Field::Date);
    assert!(before[0].1.contains("2014-03-15"), "{before:?}");
    assert!(
        Draft {
            date: "2014-03-15".into(),
            ..base.clone()
        }
        .facts(&library)
        .is_ok()
    );
    let after = refused(Draft {
        date: "2026-12-06".into(),
        ..base.clone()
    });
    assert!(after[0].1.contains("after today"), "{after:?}");
    let negative = refused(Draft {
        records: "-5".into(),
        ..base.clone()
    });
    assert_eq!(negative[0].0, assess::Field::Records);
    assert!(negative[0].1.contains("negative"));
    let unknown = refused(Draft {
        data: "电话号码,火星文".into(),
        ..base.clone()
    });
    assert_eq!(unknown[0].0, assess::Field::Data);
    assert!(unknown[0].1.contains("火星文"));
    let no_conduct = refused(Draft::default());
    assert_eq!(no_conduct[0].0, assess::Field::Conduct);
    let two = refused(Draft {
        gains: "lots".into(),
        date: "2019-02-30".into(),
        ..base
    });
    assert_eq!(
        two.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
        [assess::Field::Gains, assess::Field::Date]
    );
}

/// The precedents are the similar-case ranking: the same conduct, data and sector first.
#[test]
fn precedents_share_the_conduct_data_and_sector() {
    let library = library();
    let draft = Draft {
        conduct: COLLECT.into(),
        data: "人脸信息".into(),
        sector: "房产".into(),
        date: "2021-05-01".into(),
        ..Draft::default()
    };
    let facts = draft.facts(&library).unwrap();
    let index = Index::new(&library);
    let a = assess::assess(&library, &index, facts);
    let first = &library.cases[a.precedents[0].case];
    assert_eq!(first.sector.as_deref(), Some("real-estate"));
    assert!(
        first
            .data_kinds
            .iter()
            .flatten()
            .any(|k| k.contains("人脸"))
    );
    assert!(a.precedents.len() <= assess::PRECEDENTS);
}

/// One row of the scenario table: the facts, and what the law's numbers say of them.
struct Scenario {
    name: &'static str,
    facts: Facts,
    /// (min, max, basis) of the fine; `None` where no provision is breached.
    fine: Option<(Option<u64>, Option<u64>, &'static str)>,
    /// Threshold rows by the end of their item, with their level.
    levels: &'static [(&'static str, &'static str)],
    transfer: &'static str,
}

fn f(
    conduct: &'static str,
    data: &'static str,
    records: Option<u64>,
    gains: Option<&'static str>,
    date: &'static str,
) -> Facts {
    Facts {
        conduct,
        data,
        records,
        gains,
        date,
        ..Facts::default()
    }
}

fn duty(facts: Facts) -> Facts {
    Facts {
        in_duty: true,
        ..facts
    }
}

/// The table the issue asks for: every tier, in duty, 情节特别严重, gains and none, the law's
/// changes of 2021-11-01 and 2024-07-01, commercial messages and calls.
#[test]
fn the_scenario_table() {
    let library = library();
    let cprl = |g: u64| Some((Some(g * CPRL_LOW), Some(g * CPRL_HIGH), "cprl-56"));
    let cap = Some((None, Some(CPRL_CAP), "cprl-56"));
    let table = [
        Scenario {
            name: "2019 sale, phone 6,000, gains 8,000",
            facts: f(LEAK, "电话号码", Some(6_000), Some("8000"), "2019-05-10"),
            fine: cprl(8_000),
            levels: &[("（五）项", "serious"), ("（七）项", "serious")],
            transfer: "yes",
        },
        Scenario {
            name: "2019 sale, no gains, below",
            facts: f(
                LEAK,
                "电话号码",
                Some(TIER5 - 1),
                Some("none"),
                "2019-05-10",
            ),
            fine: cap,
            levels: &[("（五）项", "not-reached"), ("（七）项", "not-reached")],
            transfer: "no",
        },
        Scenario {
            name: "tier 三 at the bar",
            facts: f(LEAK, "行踪轨迹信息", Some(TIER3), None, "2020-01-01"),
            fine: Some((None, None, "cprl-56")),
            levels: &[("（三）项", "serious")],
            transfer: "yes",
        },
        Scenario {
            name: "tier 三 below",
            facts: f(
                LEAK,
                "征信信息",
                Some(TIER3 - 1),
                Some("none"),
                "2020-01-01",
            ),
            fine: cap,
            levels: &[("（三）项", "not-reached"), ("（七）项", "not-reached")],
            transfer: "no",
        },
        Scenario {
            name: "tier 三 especially",
            facts: f(
                LEAK,
                "财产信息",
                Some(TIER3 * ESPECIALLY),
                Some("none"),
                "2020-01-01",
            ),
            fine: cap,
            levels: &[
                ("（三）项", "especially-serious"),
                ("（七）项", "not-reached"),
            ],
            transfer: "yes",
        },
        Scenario {
            name: "tier 四 at the bar",
            facts: f(LEAK, "交易信息", Some(TIER4), Some("none"), "2020-01-01"),
            fine: cap,
            levels: &[("（四）项", "serious"), ("（七）项", "not-reached")],
            transfer: "yes",
        },
        Scenario {
            name: "tier 四 below",
            facts: f(
                LEAK,
                "住宿信息",
                Some(TIER4 - 1),
                Some("none"),
                "2020-01-01",
            ),
            fine: cap,
            levels: &[("（四）项", "not-reached"), ("（七）项", "not-reached")],
            transfer: "no",
        },
        Scenario {
            name: "tier 四 in duty at half",
            facts: duty(f(
                LEAK,
                "通信记录",
                Some(TIER4 / 2),
                Some("none"),
                "2020-01-01",
            )),
            fine: cap,
            levels: &[("（四）项", "serious"), ("（七）项", "not-reached")],
            transfer: "yes",
        },
        Scenario {
            name: "tier 五 at the bar",
            facts: f(LEAK, "姓名", Some(TIER5), Some("none"), "2020-01-01"),
            fine: cap,
            levels: &[("（五）项", "serious"), ("（七）项", "not-reached")],
            transfer: "yes",
        },
        Scenario {
            name: "tier 五 in duty at half",
            facts: duty(f(LEAK, "姓名", Some(TIER5 / 2), Some("none"), "2020-01-01")),
            fine: cap,
            levels: &[("（五）项", "serious"), ("（七）项", "not-reached")],
            transfer: "yes",
        },
        Scenario {
            name: "tier 五 in duty below half",
            facts: duty(f(
                LEAK,
                "姓名",
                Some(TIER5 / 2 - 1),
                Some("none"),
                "2020-01-01",
            )),
            fine: cap,
            levels: &[("（五）项", "not-reached"), ("（七）项", "not-reached")],
            transfer: "no",
        },
        Scenario {
            name: "tier 五 especially",
            facts: f(
                LEAK,
                "电话号码",
                Some(TIER5 * ESPECIALLY),
                Some("none"),
                "2020-01-01",
            ),
            fine: cap,
            levels: &[
                ("（五）项", "especially-serious"),
                ("（七）项", "not-reached"),
            ],
            transfer: "yes",
        },
        Scenario {
            name: "tier 五 in duty especially at ten halves",
            facts: duty(f(
                LEAK,
                "电话号码",
                Some(TIER5 / 2 * ESPECIALLY),
                Some("none"),
                "2020-01-01",
            )),
            fine: cap,
            levels: &[
                ("（五）项", "especially-serious"),
                ("（七）项", "not-reached"),
            ],
            transfer: "yes",
        },
        Scenario {
            name: "gains at the bar",
            facts: f(LEAK, "", None, Some("5000"), "2020-01-01"),
            fine: cprl(GAINS),
            levels: &[("（七）项", "serious")],
            transfer: "yes",
        },
        Scenario {
            name: "gains below",
            facts: f(LEAK, "", None, Some("4999"), "2020-01-01"),
            fine: cprl(4_999),
            levels: &[("（七）项", "not-reached")],
            transfer: "no",
        },
        Scenario {
            name: "gains in duty at half",
            facts: duty(f(LEAK, "", None, Some("2500"), "2020-01-01")),
            fine: cprl(GAINS / 2),
            levels: &[("（七）项", "serious")],
            transfer: "yes",
        },
        Scenario {
            name: "gains especially",
            facts: f(LEAK, "", None, Some("¥50,000"), "2020-01-01"),
            fine: cprl(GAINS * ESPECIALLY),
            levels: &[("（七）项", "especially-serious")],
            transfer: "yes",
        },
        Scenario {
            name: "face data depends on the kind",
            facts: f(LEAK, "人脸信息", Some(TIER4), Some("none"), "2022-01-01"),
            fine: cap,
            levels: &[
                ("（三）项", "depends-on-kind"),
                ("（四）项", "depends-on-kind"),
                ("（五）项", "depends-on-kind"),
                ("（七）项", "not-reached"),
            ],
            transfer: "depends",
        },
        Scenario {
            name: "collect 2021-03, before PIPL",
            facts: f(COLLECT, "姓名", Some(10), Some("none"), "2021-03-01"),
            fine: cap,
            levels: &[("（五）项", "not-reached"), ("（七）项", "not-reached")],
            transfer: "no",
        },
        Scenario {
            name: "collect 2022, PIPL in force",
            facts: f(COLLECT, "姓名", Some(10), Some("3000"), "2022-01-01"),
            fine: cprl(3_000),
            levels: &[("（五）项", "not-reached"), ("（七）项", "not-reached")],
            transfer: "no",
        },
        Scenario {
            name: "collect 2024-07-01, regulations in force",
            facts: f(COLLECT, "", None, Some("none"), "2024-07-01"),
            fine: cap,
            levels: &[("（七）项", "not-reached")],
            transfer: "no",
        },
        Scenario {
            name: "messages 2019",
            facts: f(
                "unsolicited-messages",
                "电话号码",
                Some(100_000),
                Some("none"),
                "2019-06-01",
            ),
            fine: cap,
            levels: &[],
            transfer: "no",
        },
        Scenario {
            name: "messages 2025",
            facts: f("推销短信", "", None, Some("2000"), "2025-03-01"),
            fine: cprl(2_000),
            levels: &[],
            transfer: "no",
        },
        Scenario {
            name: "calls 2023, no provision yet",
            facts: f("商业性电话", "", None, Some("none"), "2023-05-01"),
            fine: None,
            levels: &[],
            transfer: "no",
        },
        Scenario {
            name: "calls 2025",
            facts: f("商业性电话", "", None, Some("none"), "2025-03-01"),
            fine: cap,
            levels: &[],
            transfer: "no",
        },
        Scenario {
            name: "excessive 2018 under the Cybersecurity Law",
            facts: f("excessive-collection", "", None, Some("none"), "2018-06-01"),
            fine: Some((None, Some(CSL_CAP), "csl-64")),
            levels: &[],
            transfer: "no",
        },
        Scenario {
            name: "first offence, corrected",
            facts: Facts {
                first_offence: true,
                corrected: true,
                ..f(COLLECT, "", None, Some("none"), "2023-01-01")
            },
            fine: cap,
            levels: &[("（七）项", "not-reached")],
            transfer: "no",
        },
    ];
    assert!(table.len() >= 25);
    for s in &table {
        let v = run(&library, &s.facts);
        let name = s.name;
        match s.fine {
            Some((min, max, basis)) => {
                assert_eq!(fine(&v), (min, max, basis.to_string()), "{name}")
            }
            None => assert!(v["fine"].is_null(), "{name}"),
        }
        let rows = v["thresholds"].as_array().unwrap();
        assert_eq!(rows.len(), s.levels.len(), "{name}: {rows:#?}");
        for (item, want) in s.levels {
            assert_eq!(level(&v, item), *want, "{name}: {item}");
        }
        assert_eq!(v["transfer"], s.transfer, "{name}");
    }
}
