use super::*;
use crate::library::{LawRole, LoadOptions, RelationKind, load};

fn library() -> Library {
    load(&LoadOptions::default()).expect("the embedded library is valid")
}

#[test]
fn every_link_resolves_and_lists_agree_both_ways() {
    let library = library();
    for (i, case) in library.cases.iter().enumerate() {
        for link in case.law.iter() {
            let statute = library
                .statute(&link.statute)
                .unwrap_or_else(|| panic!("{} links unknown {}", case.id, link.statute));
            let linked = linked_cases(&library, &statute.id);
            let stated = case
                .law
                .iter()
                .any(|l| l.statute == link.statute && l.basis == Basis::Stated);
            let list = if stated {
                &linked.stated
            } else {
                &linked.governing
            };
            assert!(list.contains(&i), "{} missing from {}", case.id, statute.id);
        }
    }
    for statute in &library.statutes {
        let linked = linked_cases(&library, &statute.id);
        for &i in linked.stated.iter().chain(&linked.governing) {
            assert!(
                library.cases[i]
                    .law
                    .iter()
                    .any(|l| *l.statute == statute.id),
                "{} lists {} which does not link it",
                statute.id,
                library.cases[i].id
            );
        }
        assert!(linked.stated.iter().all(|i| !linked.governing.contains(i)));
    }
}

#[test]
fn statute_case_lists_on_the_real_cases() {
    let library = library();
    let ids = |list: &[usize]| -> Vec<String> {
        list.iter()
            .map(|&i| library.cases[i].id.to_string())
            .collect()
    };
    // 消法56 is the penalty basis every administrative case names or is governed by.
    let linked = linked_cases(&library, "cprl-56");
    assert!(!linked.stated.is_empty() || !linked.governing.is_empty());
    // 刑法253-1: the case transferred to the police, and the guiding case the court decided.
    let criminal = linked_cases(&library, "criminal-253-1");
    assert_eq!(ids(&criminal.stated), ["li-kaixiang"]);
    assert_eq!(ids(&criminal.governing), ["yibin-yu"]);
    assert!(
        library.cases[criminal
            .stated
            .iter()
            .chain(&criminal.governing)
            .next()
            .copied()
            .unwrap()]
        .law
        .iter()
        .any(|l| l.role == LawRole::Transfer || l.role == LawRole::Violated)
    );
    assert_eq!(linked_cases(&library, "pipl-66"), LinkedCases::default());
}

#[test]
fn relations_are_read_from_both_ends_and_laws_group_once() {
    let library = library();
    let others = |id: &str| -> Vec<(RelationKind, End, String)> {
        relations_of(&library, id)
            .into_iter()
            .map(|(r, end, other)| (r.kind, end, other.id.clone()))
            .collect()
    };
    assert!(others("cprl-56").contains(&(RelationKind::Parallel, End::To, "pipl-66".into())));
    assert!(others("pipl-66").contains(&(RelationKind::Parallel, End::From, "cprl-56".into())));
    assert_eq!(
        others("csl-41"),
        [
            (
                RelationKind::Renumbered,
                End::From,
                "csl-2025-43".to_string()
            ),
            (RelationKind::PenaltyUnder, End::From, "csl-64".to_string())
        ]
    );
    assert!(related(&library, "cpri-24", "cprl-29-3"));
    assert!(!related(&library, "cpri-24", "cprl-29-1"));
    // Nothing in the table calls one law the "successor" of another: no such kind exists, and
    // every relation to a provision still in force says it applies alongside or implements it.
    for r in &library.relations {
        assert_ne!(r.kind, RelationKind::Related, "{r:?}");
    }
    let groups = by_law(&library);
    let mut laws: Vec<&str> = groups.iter().map(|(law, _)| *law).collect();
    laws.dedup();
    assert_eq!(laws.len(), groups.len());
    let pipl: Vec<&str> = groups
        .iter()
        .find(|(law, _)| law.contains("个人信息保护法"))
        .unwrap()
        .1
        .iter()
        .map(|s| s.article.as_str())
        .collect();
    assert_eq!(
        pipl,
        [
            "第五条",
            "第十条",
            "第十三条",
            "第十四条",
            "第二十六条",
            "第二十八条",
            "第二十九条",
            "第六十六条"
        ]
    );
}

#[test]
fn a_fine_just_outside_the_range_never_reads_as_its_bound() {
    // ¥100,400 on gains of ¥10,000 is 10.04 times: outside 1–10, and must not read "10".
    let share = Share::of(100_400, 10_000).unwrap();
    assert_eq!(share.times_against(1, 10), "10.04");
    assert!(!share.within_multiples(1, 10));
    // ¥99,999 on ¥10,000 is within and just under ten: never shown as "10" either.
    let share = Share::of(99_999, 10_000).unwrap();
    assert_eq!(share.times_against(1, 10), "9.9999");
    // ¥100,000,001 on ¥10,000,000 is a hair above ten times; rounded it would read "10".
    let share = Share::of(100_000_001, 10_000_000).unwrap();
    assert_eq!(share.times_against(1, 10), ">10");
    assert_eq!(Share::of(30_000, 10_000).unwrap().times_against(1, 10), "3");
    assert_eq!(
        Share::of(25_000, 10_000).unwrap().times_against(1, 10),
        "2.5"
    );
    assert_eq!(
        Share::of(1_000_000_001, 100_000_000)
            .unwrap()
            .times_against(1, 10),
        ">10"
    );
}

#[test]
fn shares_of_a_cap() {
    let fifth = Share::of(100_000, 500_000).unwrap();
    assert_eq!((fifth.numerator, fifth.denominator), (1, 5));
    assert_eq!(fifth.simple_fraction().as_deref(), Some("1/5"));
    assert_eq!(fifth.percent(), "20%");
    let small = Share::of(30_000, 500_000).unwrap();
    assert_eq!(small.simple_fraction().as_deref(), Some("3/50"));
    assert_eq!(small.percent(), "6%");
    let third = Share::of(1, 3).unwrap();
    assert_eq!(third.percent(), "33.3%");
    let odd = Share::of(12_345, 500_000).unwrap();
    assert_eq!(odd.simple_fraction(), None, "{odd:?}");
    assert_eq!(odd.percent(), "2.5%");
    let over = Share::of(750_000, 500_000).unwrap();
    assert!(over.exceeds());
    assert_eq!(over.percent(), "150%");
    let cap = Share::of(500_000, 500_000).unwrap();
    assert!(!cap.exceeds());
    assert_eq!(cap.simple_fraction().as_deref(), Some("1/1"));
    assert_eq!(Share::of(1, 0), None);
    assert_eq!(Share::of(u64::MAX, u64::MAX).unwrap().percent(), "100%");
    // PIPL 66's serious cap.
    assert_eq!(
        Share::of(5_000_000, 50_000_000)
            .unwrap()
            .simple_fraction()
            .as_deref(),
        Some("1/10")
    );
}

#[test]
fn multiples_of_gains() {
    let three = Share::of(30_000, 10_000).unwrap();
    assert_eq!(three.times(), "3");
    assert!(three.within_multiples(1, 10));
    let half = Share::of(5_000, 10_000).unwrap();
    assert_eq!(half.times(), "0.5");
    assert!(!half.within_multiples(1, 10), "below one time the gains");
    assert!(
        Share::of(10_000, 10_000).unwrap().within_multiples(1, 10),
        "at the low end"
    );
    assert!(
        Share::of(100_000, 10_000).unwrap().within_multiples(1, 10),
        "at the high end"
    );
    let over = Share::of(100_001, 10_000).unwrap();
    assert!(!over.within_multiples(1, 10));
    assert_eq!(over.times(), "10");
    assert_eq!(Share::of(25_000, 10_000).unwrap().times(), "2.5");
    assert!(
        Share::of(u64::MAX, 1)
            .unwrap()
            .within_multiples(1, u64::MAX)
    );
}

fn case_with(kinds: &[&str], records: u64) -> Case {
    let mut case = library().cases[0].clone();
    case.data_kinds = Some(kinds.iter().map(|k| (*k).into()).collect());
    case.records = Some(records);
    case
}

#[test]
fn record_thresholds_at_below_and_above() {
    let library = library();
    let (_, thresholds) = threshold_provision(&library).expect("法释〔2017〕10号 sets thresholds");
    for (kind, threshold, in_duty, tenfold) in [
        ("行踪轨迹信息", 50, 25, 500),
        ("征信信息", 50, 25, 500),
        ("住宿信息", 500, 250, 5000),
        ("健康生理信息", 500, 250, 5000),
    ] {
        for (records, reached, reached_in_duty, especially) in [
            (in_duty - 1, false, false, false),
            (in_duty, false, true, false),
            (threshold - 1, false, true, false),
            (threshold, true, true, false),
            (threshold + 1, true, true, false),
            (tenfold - 1, true, true, false),
            (tenfold, true, true, true),
        ] {
            let compared = compare_records(thresholds, &case_with(&[kind], records))
                .unwrap_or_else(|| panic!("{kind} is named"));
            assert_eq!(compared.threshold, threshold, "{kind}");
            assert_eq!(compared.in_duty, Some(in_duty));
            assert_eq!(compared.especially_serious, Some(tenfold));
            assert_eq!(
                (
                    compared.reached(),
                    compared.reached_in_duty(),
                    compared.especially_serious_reached()
                ),
                (reached, reached_in_duty, especially),
                "{kind} {records}"
            );
        }
    }
    // Kinds the interpretation does not name: no comparison (the catch-all words of item (四)
    // might cover them, or item (五) might).
    assert_eq!(
        compare_records(thresholds, &case_with(&["姓名", "电话号码"], 1537)),
        None
    );
    // Named kinds of two tiers at once: the count is not split, so no comparison either.
    assert_eq!(
        compare_records(thresholds, &case_with(&["征信信息", "住宿信息"], 900)),
        None
    );
    let mut no_count = case_with(&["征信信息"], 1);
    no_count.records = None;
    assert_eq!(compare_records(thresholds, &no_count), None);
    // The real cases name no such kind: nothing is said about them.
    for case in &library.cases {
        assert_eq!(compare_records(thresholds, case), None, "{}", case.id);
    }
}

#[test]
fn gains_thresholds_at_below_and_above() {
    let library = library();
    let (_, thresholds) = threshold_provision(&library).unwrap();
    for (gains, reached, in_duty, especially) in [
        (2_499, false, false, false),
        (2_500, false, true, false),
        (4_999, false, true, false),
        (5_000, true, true, false),
        (49_999, true, true, false),
        (50_000, true, true, true),
    ] {
        let compared = compare_gains(thresholds, gains).unwrap();
        assert_eq!(compared.item, "第五条第一款第（七）项");
        assert_eq!(
            (
                compared.reached(),
                compared.reached_in_duty(),
                compared.especially_serious_reached()
            ),
            (reached, in_duty, especially),
            "{gains}"
        );
    }
}

/// A provision of a large library lists 20 cases of each kind and says how many more there are.
#[test]
fn a_provision_sheet_lists_a_screenful_of_cases() {
    let library = crate::synth::library(300).unwrap();
    let statute = library.statute("cprl-29-2").unwrap();
    let linked = linked_cases(&library, "cprl-29-2");
    let total = linked.stated.len() + linked.governing.len();
    assert!(total > 40, "{total}");
    let sheet = crate::sheet::statute(&crate::msg::ZH, &library, statute);
    let rows: Vec<&crate::sheet::Row> = sheet.sections.iter().flat_map(|s| &s.rows).collect();
    let listed: usize = rows
        .iter()
        .flat_map(|r| &r.lines)
        .filter(|l| l.starts_with('['))
        .count();
    assert!(listed <= 40);
    assert!(
        rows.iter()
            .flat_map(|r| &r.lines)
            .any(|l| l.contains("另有")),
        "says how many more"
    );
}
