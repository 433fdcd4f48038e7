//! The later collections hold only what the sources say: every figure and date in their case
//! files (records, amounts, gains, counts, fines, dates) is written in `tests/facts/later-cases.md`,
//! the transcription with verbatim excerpts those files were made from — as digits, with
//! thousands separators, in 万, or in Chinese numerals, as the excerpt has it.

use casebook::library::{LoadOptions, PartialDate, load};

/// The transcription, and the leads followed from it (`facts/leads.md`, quoted the same way).
const FACTS: &str = concat!(
    include_str!("facts/later-cases.md"),
    include_str!("facts/leads.md")
);

/// The ways a source may write a number.
fn spellings(n: u64) -> Vec<String> {
    let mut out = vec![n.to_string()];
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    out.push(grouped);
    if n >= 10_000 && n.is_multiple_of(100) {
        let wan = n as f64 / 10_000.0;
        let wan = format!("{wan}");
        out.push(format!("{wan}万"));
        out.push(format!("{wan}萬"));
    }
    let chinese = [
        (1, "一"),
        (10_000, "一万"),
        (50_000, "伍万"),
        (28_000, "2.8万"),
        (81_000_000, "8100万"),
    ];
    out.extend(
        chinese
            .iter()
            .filter(|(v, _)| *v == n)
            .map(|(_, w)| w.to_string()),
    );
    out
}

/// The ways a source may write a date.
fn date_spellings(d: PartialDate) -> Vec<String> {
    let mut out = vec![d.to_string()];
    let text = d.to_string();
    let parts: Vec<u32> = text.split('-').map(|p| p.parse().unwrap()).collect();
    match parts.as_slice() {
        [y, m, day] => {
            out.push(format!("{y}年{m}月{day}日"));
            // A date read from a page's address (`2022/07/29`).
            out.push(format!("{y}/{m:02}/{day:02}"));
        }
        [y, m] => {
            out.push(format!("{y}年{m}月"));
            // The end of a span written once with its year (`2021年1月至6月`).
            out.extend((1..*m).map(|from| format!("{y}年{from}月至{m}月")));
        }
        _ => {}
    }
    out
}

fn written(spellings: &[String]) -> bool {
    spellings.iter().any(|s| FACTS.contains(s.as_str()))
}

#[test]
fn every_figure_of_the_later_cases_is_in_the_transcription() {
    let library = load(&LoadOptions::default()).unwrap();
    let later: Vec<_> = library
        .cases
        .iter()
        .filter(|c| matches!(c.collection.as_str(), "reported-later" | "spc-guiding"))
        .collect();
    assert_eq!(
        later.len(),
        16,
        "13 decisions, two leads and one guiding case"
    );
    let mut missing = Vec::new();
    for case in &later {
        let mut figures: Vec<u64> = Vec::new();
        figures.extend(case.records);
        figures.extend(case.amount_yuan);
        figures.extend(case.illegal_gains_yuan.filter(|&g| g > 0));
        figures.extend(case.quantity.iter().map(|q| q.value));
        figures.extend(case.penalty.iter().filter_map(|p| p.amount_yuan));
        for n in figures {
            if !written(&spellings(n)) {
                missing.push(format!("{}: {n}", case.id));
            }
        }
        let d = &case.dates;
        let dates = [d.found, d.conduct_from, d.conduct_to, d.decided];
        let source_dates = case.source.iter().map(|s| s.date);
        for date in dates.into_iter().chain(source_dates).flatten() {
            if !written(&date_spellings(date)) {
                missing.push(format!("{}: {date}", case.id));
            }
        }
        // The party as the sources name it (anonymised ones as they are anonymised).
        let name = case.party.name.as_str();
        let named =
            FACTS.contains(name) || name.contains("名称未载明") || name == "上海宝山某售楼中心";
        if !named {
            missing.push(format!("{}: party {name}", case.id));
        }
        // Every source says what it is; none of these is the decision itself.
        for source in case.source.iter() {
            assert!(source.kind.is_some(), "{}: {}", case.id, source.title);
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn a_proposed_or_combined_fine_is_marked_and_a_judgment_is_a_judgment() {
    let library = load(&LoadOptions::default()).unwrap();
    let yongjia = library.case("yongjia-zhiye").unwrap();
    assert!(
        yongjia
            .penalty
            .iter()
            .any(|p| p.proposed && p.amount_yuan == Some(103_000))
    );
    assert!(yongjia.penalty.iter().all(|p| p.decided_fine().is_none()));
    let buerguo = library.case("buerguo-chongqing").unwrap();
    assert!(buerguo.penalty.iter().any(|p| p.combined.is_some()));
    let li = library.case("li-kaixiang").unwrap();
    let judgment = li.judgment.as_ref().unwrap();
    assert_eq!(judgment.case_number.as_str(), "（2021）沪0120刑初828号");
    assert_eq!(
        (judgment.prison_months, judgment.probation_months),
        (Some(36), Some(36))
    );
    assert_eq!(li.position, Some(192));
    // Where a source cites no article, the link is the library's reading, and says why.
    for case in library
        .cases
        .iter()
        .filter(|c| c.collection.as_str() == "reported-later")
    {
        let governing = case
            .law
            .iter()
            .any(|l| l.basis == casebook::library::Basis::Governing);
        assert!(
            !governing || case.inferred_reason("law").is_some(),
            "{}: a governing link needs its reason",
            case.id
        );
    }
}
