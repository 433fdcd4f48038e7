//! Unit tests of the decision aid's core pieces; the scenario table is `tests/assess.rs`.

use super::*;
use crate::library::{LoadOptions, load};

fn library() -> Library {
    let mut library = load(&LoadOptions::default()).unwrap();
    library.today = PartialDate::parse_day("2026-12-05").ok();
    library
}

fn assessed<'l>(library: &'l Library, index: &Index<'l>, draft: Draft) -> Assessment<'l> {
    assess(library, index, draft.facts(library).unwrap())
}

/// A case's own facts fill the form, and the case is left out of its own precedents.
#[test]
fn a_case_in_the_library_starts_the_form() {
    let library = library();
    let case = library.case("kohler-china").unwrap();
    let draft = Draft::from_case(&library, case);
    assert_eq!(draft.conduct, "collect-without-consent");
    assert!(draft.data.contains("face"), "{draft:?}");
    assert_eq!(draft.from_case.as_deref(), Some("kohler-china"));
    let index = Index::new(&library);
    let a = assessed(&library, &index, draft);
    assert!(
        a.precedents
            .iter()
            .all(|p| library.cases[p.case].id != "kohler-china")
    );
    assert!(!a.precedents.is_empty());
}

/// The fine is worked out under the penalty provision most breached provisions lead to; a
/// provision that only links (处罚办法 第十四条) is cited but never ranged.
#[test]
fn the_fine_provision_and_its_links() {
    let library = library();
    let index = Index::new(&library);
    let a = assessed(
        &library,
        &index,
        Draft {
            conduct: "出售".into(),
            gains: "1万".into(),
            date: "2019-05".into(),
            ..Draft::default()
        },
    );
    let fine = a.fine.as_ref().unwrap();
    assert_eq!(fine.statute.id, "cprl-56");
    assert_eq!(
        (fine.min_yuan, fine.max_yuan),
        (Some(10_000), Some(100_000))
    );
    let penalties: Vec<&str> = a
        .cited(Role::Penalty)
        .map(|c| c.statute.id.as_str())
        .collect();
    // The link comes before what it links to, as a decision cites them.
    let link = penalties
        .iter()
        .position(|&id| id == "measures-14")
        .unwrap();
    let cprl = penalties.iter().position(|&id| id == "cprl-56").unwrap();
    assert!(link < cprl, "{penalties:?}");
    let sections = report::sections(crate::msg::Lang::Zh.catalog(), &library, &a);
    let text = report::plain(crate::msg::Lang::Zh.catalog(), &sections);
    assert!(
        !text.contains("另有罚则（由其规定的机关适用）处罚办法"),
        "{text}"
    );
    assert!(text.contains("违法所得 ¥10,000 × 1 至 × 10 = ¥10,000 至 ¥100,000"));
}

/// Official citations: the full name in 《》, a text's version where the library holds two.
#[test]
fn citations_in_the_official_form() {
    let library = library();
    let cite = |id: &str, place: &str| library.statute(id).unwrap().official(place);
    assert_eq!(
        cite("cprl-56", "第五十六条第一款第（九）项"),
        "《中华人民共和国消费者权益保护法》第五十六条第一款第（九）项"
    );
    assert_eq!(
        cite("csl-42", "第四十二条第一款"),
        "《中华人民共和国网络安全法》（2016年文本）第四十二条第一款"
    );
}

/// Every condition and effect the aid quotes is in its provision's text.
#[test]
fn mitigation_quotes_its_provisions() {
    let library = library();
    let index = Index::new(&library);
    let a = assessed(
        &library,
        &index,
        Draft {
            conduct: "collect".into(),
            ..Draft::default()
        },
    );
    assert!(a.mitigation.len() >= 4);
    for m in &a.mitigation {
        assert!(m.statute.text.contains(&m.effect));
        for c in &m.conditions {
            assert!(m.statute.text.contains(&c.words), "{}", c.words);
        }
    }
    // The form's two yes/no facts are words of 第三十三条.
    let ap33 = library.statute("ap-33").unwrap();
    assert!(ap33.text.contains(mitigation::FIRST_OFFENCE));
    assert!(ap33.text.contains(mitigation::CORRECTED));
}

/// The English report carries the same figures.
#[test]
fn the_english_report() {
    let library = library();
    let index = Index::new(&library);
    let a = assessed(
        &library,
        &index,
        Draft {
            conduct: "sell".into(),
            data: "phone".into(),
            records: "6000".into(),
            date: "2019-05".into(),
            ..Draft::default()
        },
    );
    let en = crate::msg::Lang::En.catalog();
    let text = report::plain(en, &report::sections(en, &library, &a));
    assert!(text.contains("6,000 records"), "{text}");
    assert!(text.contains("Consider a transfer to the public security organs: yes"));
}
