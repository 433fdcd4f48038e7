//! Statistics as charts: the 2019 campaign's published figures (totals, and breakdowns by sector
//! and by conduct with the remainder computed from the totals and labelled so), and the library's
//! own cases on a filter. Pure: the screen draws these as bar charts, `casebook stats` prints them.
//! Every figure comes from the data files.

use serde::Serialize;

use crate::library::{Campaign, Library, VocabKind};
use crate::msg::{Catalog, fill};
use crate::text::thousands;

/// One chart: bars in order, what they count, and where the figures come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chart {
    pub title: String,
    pub bars: Vec<Bar>,
    /// Said under the chart: its source, or what it leaves apart ("5 cases: records not stated").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bar {
    pub label: String,
    pub value: u64,
    /// The figure as printed on the bar, with its share where one is known (`273 (18.5%)`).
    pub shown: String,
    /// Computed here (a remainder), not printed by the source.
    pub computed: bool,
    /// The end of the label that a narrow chart keeps whole, cutting what comes before it: a
    /// provision's article (`第二百五十三条之一`), never cut in the middle.
    #[serde(skip)]
    pub tail: Option<String>,
}

impl Bar {
    /// A bar the data state: its label, value and the figure shown on it.
    pub fn stated(label: String, value: u64, shown: String) -> Bar {
        Bar {
            label,
            value,
            shown,
            computed: false,
            tail: None,
        }
    }

    /// A bar computed here (what the totals leave), labelled as such.
    pub fn computed(label: String, value: u64, shown: String) -> Bar {
        Bar {
            computed: true,
            ..Bar::stated(label, value, shown)
        }
    }
}

/// A campaign figure: label and value as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Total {
    pub label: String,
    pub shown: String,
    pub value: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Metric {
    Cases,
    Records,
    Amount,
}

impl Metric {
    const ALL: [Metric; 3] = [Metric::Cases, Metric::Records, Metric::Amount];

    fn figure_key(self) -> &'static str {
        match self {
            Metric::Cases => "cases",
            Metric::Records => "records",
            Metric::Amount => "fines-and-confiscations",
        }
    }

    fn name(self, m: &Catalog) -> &'static str {
        match self {
            Metric::Cases => m.stats_metric_cases,
            Metric::Records => m.stats_metric_records,
            Metric::Amount => m.stats_metric_amount,
        }
    }

    fn show(self, value: u64) -> String {
        match self {
            Metric::Amount => crate::sheet::yuan(value),
            _ => thousands(value),
        }
    }
}

/// The campaign's national figures, as printed.
pub fn campaign_totals(m: &Catalog, campaign: &Campaign) -> Vec<Total> {
    campaign
        .figure
        .iter()
        .map(|f| Total {
            label: m.content(&f.zh, Some(&f.en)),
            shown: match (f.unit.as_str(), m.lang) {
                ("元", _) => crate::sheet::yuan(f.value),
                // The unit as printed (件, 条, 次); in English the label names what is counted.
                (unit, crate::msg::Lang::Zh) => format!("{} {unit}", thousands(f.value)),
                (_, crate::msg::Lang::En) => thousands(f.value),
            },
            value: f.value,
        })
        .collect()
}

/// The campaign's breakdowns, one chart per dimension and measure: the printed slices that name
/// one value (`key`), then what the totals leave, computed and labelled as such.
pub fn campaign_charts(m: &Catalog, campaign: &Campaign) -> Vec<Chart> {
    let mut dimensions: Vec<&str> = Vec::new();
    for b in &campaign.breakdown {
        if !dimensions.contains(&b.dimension.as_str()) {
            dimensions.push(&b.dimension);
        }
    }
    let source = campaign
        .source
        .first()
        .map(|s| fill(m.stats_source, &[("source", source_line(s))]));
    let mut charts = Vec::new();
    for dimension in dimensions {
        for metric in Metric::ALL {
            let Some(total) = campaign
                .figure
                .iter()
                .find(|f| f.key == metric.figure_key())
                .map(|f| f.value)
            else {
                continue;
            };
            let slices: Vec<_> = campaign
                .breakdown
                .iter()
                .filter(|b| b.dimension == dimension && b.key.is_some())
                .filter_map(|b| {
                    let (value, share) = match metric {
                        Metric::Cases => (b.cases?, b.share_cases.clone()),
                        Metric::Records => (b.records?, b.share_records.clone()),
                        Metric::Amount => (b.amount_yuan?, b.share_amount.clone()),
                    };
                    Some((m.content(&b.zh, Some(&b.en)), value, share))
                })
                .collect();
            if slices.is_empty() {
                continue;
            }
            let mut bars: Vec<Bar> = slices
                .iter()
                .map(|(label, value, share)| {
                    let shown = match share {
                        Some(share) => format!("{} ({share})", metric.show(*value)),
                        None => metric.show(*value),
                    };
                    Bar::stated(label.clone(), *value, shown)
                })
                .collect();
            let sum: u64 = slices.iter().map(|(_, v, _)| v).sum();
            if let Some(rest) = total.checked_sub(sum).filter(|&r| r > 0) {
                bars.push(Bar::computed(
                    m.stats_remainder.to_string(),
                    rest,
                    format!("{} ({})", metric.show(rest), share(rest, total)),
                ));
            }
            let title = fill(
                m.stats_chart,
                &[
                    ("dimension", dimension_name(m, dimension).to_string()),
                    ("metric", metric.name(m).to_string()),
                    ("total", metric.show(total)),
                ],
            );
            charts.push(Chart {
                title,
                bars,
                notes: source.iter().cloned().collect(),
            });
        }
    }
    charts
}

fn dimension_name<'a>(m: &Catalog, dimension: &'a str) -> &'a str {
    match dimension {
        "sector" => m.stats_dim_sector,
        "violation" => m.stats_dim_violation,
        other => other,
    }
}

fn source_line(source: &crate::library::Source) -> String {
    let mut line = source.title.to_string();
    if let Some(publisher) = &source.publisher {
        line.push_str(&format!(" · {publisher}"));
    }
    if let Some(date) = source.date {
        line.push_str(&format!(" · {date}"));
    }
    line
}

/// `56.6%`, to one decimal, rounded half up.
pub fn share(part: u64, total: u64) -> String {
    crate::law::Share::of(part, total).map_or_else(|| "—".to_string(), |s| s.percent())
}

/// The most bars a library chart shows before folding the rest into one.
pub const MOST_BARS: usize = 12;

/// The library's cases (indices into `library.cases`) by sector, province, violation, penalty
/// kind and year, their records, and the provisions they link. What a case does not state, and
/// what is inferred, is counted apart, never inside another bar.
pub fn library_charts(m: &Catalog, library: &Library, cases: &[usize]) -> Vec<Chart> {
    let cases: Vec<&crate::library::Case> = cases.iter().map(|&i| &library.cases[i]).collect();
    let term = |kind, key: &str| m.term(library, kind, key);
    // Marked in front, so that a label cut to fit still shows it.
    let inferred = |label: String| format!("*{label}");
    let mut charts = Vec::new();

    let by_sector = tally(cases.iter().map(|c| match &c.sector {
        Some(s) if c.inferred_reason("sector").is_some() => {
            vec![inferred(term(VocabKind::Sectors, s))]
        }
        Some(s) => vec![term(VocabKind::Sectors, s)],
        None => vec![m.not_stated_short.to_string()],
    }));
    charts.push(counted(m, m.stats_lib_sector, by_sector, cases.len()));

    let by_province = tally(cases.iter().map(|c| {
        let label = term(VocabKind::Provinces, &c.place.province);
        if c.inferred_reason("place.province").is_some() {
            vec![inferred(label)]
        } else {
            vec![label]
        }
    }));
    charts.push(counted(m, m.stats_lib_province, by_province, cases.len()));

    let by_violation = tally(cases.iter().map(|c| {
        if c.violations.is_empty() {
            vec![m.not_stated_short.to_string()]
        } else {
            c.violations
                .iter()
                .map(|v| term(VocabKind::Violations, v))
                .collect()
        }
    }));
    charts.push(counted(m, m.stats_lib_violation, by_violation, cases.len()));

    let by_penalty = tally(cases.iter().map(|c| {
        let mut kinds: Vec<String> = c
            .penalty
            .iter()
            .map(|p| term(VocabKind::Penalties, &p.kind))
            .collect();
        kinds.dedup();
        if kinds.is_empty() {
            vec![m.not_stated_short.to_string()]
        } else {
            kinds
        }
    }));
    charts.push(counted(m, m.stats_lib_penalty, by_penalty, cases.len()));

    let mut by_year = tally(cases.iter().map(|c| {
        vec![
            c.dates
                .decided
                .map_or(m.not_stated_short.to_string(), |d| d.year.to_string()),
        ]
    }));
    // Years in order, "not stated" last.
    by_year.sort_by_key(|(label, _)| {
        (
            !label.starts_with(|c: char| c.is_ascii_digit()),
            label.clone(),
        )
    });
    charts.push(counted(m, m.stats_lib_year, by_year, cases.len()));

    charts.push(records_chart(m, &cases));
    charts.push(fines_chart(m, &cases));
    charts.push(statutes_chart(m, library, &cases));
    charts
}

/// Counts of labels, most first (ties in first-seen order).
fn tally(labels: impl Iterator<Item = Vec<String>>) -> Vec<(String, u64)> {
    let mut counts: Vec<(String, u64)> = Vec::new();
    for case_labels in labels {
        for label in case_labels {
            match counts.iter_mut().find(|(l, _)| *l == label) {
                Some((_, n)) => *n += 1,
                None => counts.push((label, 1)),
            }
        }
    }
    counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    counts
}

/// A chart of case counts with shares of `of` cases; past [`MOST_BARS`], the rest in one bar.
fn counted(m: &Catalog, what: &str, counts: Vec<(String, u64)>, of: usize) -> Chart {
    let title = fill(
        m.stats_lib_chart,
        &[("what", what.to_string()), ("n", thousands(of as u64))],
    );
    let mut notes = Vec::new();
    if counts.iter().any(|(label, _)| label.starts_with('*')) {
        notes.push(m.stats_inferred.to_string());
    }
    let mut bars: Vec<Bar> = counts
        .iter()
        .take(MOST_BARS)
        .map(|(label, n)| {
            let shown = format!("{} ({})", thousands(*n), share(*n, of as u64));
            Bar::stated(label.clone(), *n, shown)
        })
        .collect();
    if counts.len() > MOST_BARS {
        let rest: u64 = counts[MOST_BARS..].iter().map(|(_, n)| n).sum();
        let label = fill(
            m.stats_more,
            &[("n", (counts.len() - MOST_BARS).to_string())],
        );
        bars.push(Bar::computed(label, rest, thousands(rest)));
    }
    Chart { title, bars, notes }
}

/// Records per case, largest first (the cases that state them); how many state none, apart.
fn records_chart(m: &Catalog, cases: &[&crate::library::Case]) -> Chart {
    let mut stated: Vec<(&crate::library::Case, u64)> = cases
        .iter()
        .filter_map(|c| Some((*c, c.records?)))
        .collect();
    stated.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.id.cmp(&b.0.id)));
    let missing = cases.len() - stated.len();
    let mut notes = Vec::new();
    if stated.len() > MOST_BARS {
        let n = (stated.len() - MOST_BARS).to_string();
        notes.push(fill(m.stats_more_cases, &[("n", n)]));
    }
    if missing > 0 {
        let n = thousands(missing as u64);
        notes.push(fill(m.stats_records_missing, &[("n", n)]));
    }
    Chart {
        title: fill(
            m.stats_lib_chart,
            &[
                ("what", m.stats_lib_records.to_string()),
                ("n", thousands(cases.len() as u64)),
            ],
        ),
        bars: stated
            .iter()
            .take(MOST_BARS)
            .map(|(case, records)| {
                Bar::stated(case.party.name.to_string(), *records, thousands(*records))
            })
            .collect(),
        notes,
    }
}

/// Fines in practice: one bar per fine decided (largest first), labelled with the party; proposed
/// fines and fines shared with another violation are left out and counted under the chart.
fn fines_chart(m: &Catalog, cases: &[&crate::library::Case]) -> Chart {
    let mut decided: Vec<(&crate::library::Case, u64)> = cases
        .iter()
        .flat_map(|c| {
            c.penalty
                .iter()
                .filter_map(move |p| Some((*c, p.decided_fine()?)))
        })
        .collect();
    decided.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.id.cmp(&b.0.id)));
    let apart = cases
        .iter()
        .flat_map(|c| c.penalty.iter())
        .filter(|p| p.amount_yuan.is_some() && (p.proposed || p.combined.is_some()))
        .count();
    let mut notes = vec![m.practice_note.to_string()];
    if decided.len() > MOST_BARS {
        let n = (decided.len() - MOST_BARS).to_string();
        notes.push(fill(m.stats_more_cases, &[("n", n)]));
    }
    if apart > 0 {
        notes.push(fill(m.stats_fines_apart, &[("n", apart.to_string())]));
    }
    Chart {
        title: fill(
            m.stats_lib_chart,
            &[
                ("what", m.stats_lib_fines.to_string()),
                ("n", thousands(cases.len() as u64)),
            ],
        ),
        bars: decided
            .iter()
            .take(MOST_BARS)
            .map(|(case, fine)| {
                Bar::stated(
                    case.party.name.to_string(),
                    *fine,
                    crate::sheet::yuan(*fine),
                )
            })
            .collect(),
        notes,
    }
}

/// How many of the cases link each provision, most first.
fn statutes_chart(m: &Catalog, library: &Library, cases: &[&crate::library::Case]) -> Chart {
    let counts = tally(cases.iter().map(|c| {
        let mut ids: Vec<String> = c.law.iter().map(|l| l.statute.to_string()).collect();
        ids.sort();
        ids.dedup();
        ids.into_iter()
            .map(|id| library.statute(&id).map_or(id.clone(), |s| m.cite(s)))
            .collect()
    }));
    let mut chart = counted(m, m.stats_lib_statutes, counts, cases.len());
    for bar in &mut chart.bars {
        bar.tail = library
            .statutes
            .iter()
            .find(|s| m.cite(s) == bar.label)
            .map(|s| m.article(&s.article));
    }
    let without = cases.iter().filter(|c| c.law.is_empty()).count();
    if without > 0 {
        let n = thousands(without as u64);
        chart.notes.push(fill(m.stats_no_law, &[("n", n)]));
    }
    chart
}

mod layout;
pub use layout::{BAR_CELLS, BarLayout, BarLine, chart_text};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg::{EN, ZH};

    fn library() -> Library {
        crate::library::load(&Default::default()).unwrap()
    }

    #[test]
    fn the_campaign_remainders_are_computed_from_the_totals() {
        let library = library();
        let campaign = library.campaign.as_ref().unwrap();
        let charts = campaign_charts(&ZH, campaign);
        assert_eq!(
            charts.len(),
            6,
            "sector and conduct × cases, records, amount"
        );
        let cases = &charts[0];
        let values: Vec<u64> = cases.bars.iter().map(|b| b.value).collect();
        // 房产租售 273, 装饰装修 234, 教育培训 133; the rest of 1,474 computed.
        assert_eq!(values, [273, 234, 133, 1474 - 640]);
        assert_eq!(values.iter().sum::<u64>(), 1474);
        assert!(cases.bars[3].computed && !cases.bars[0].computed);
        assert_eq!(cases.bars[0].shown, "273 (18.5%)");
        assert_eq!(cases.bars[3].shown, "834 (56.6%)");
        let records = &charts[1];
        assert_eq!(records.bars.iter().map(|b| b.value).sum::<u64>(), 3_692_000);
        assert_eq!(records.bars[3].value, 3_692_000 - 3_139_000);
        let amount = &charts[2];
        assert_eq!(amount.bars.iter().map(|b| b.value).sum::<u64>(), 19_464_000);
        assert_eq!(amount.bars[3].shown, "¥8,658,000 (44.5%)");
        // By conduct: collection without consent, 710 of 1,474 cases; the rest computed.
        let conduct = &charts[3];
        assert_eq!(
            conduct.bars.iter().map(|b| b.value).collect::<Vec<_>>(),
            [710, 764]
        );
        assert!(conduct.notes[0].contains("法制日报"));
        let totals = campaign_totals(&EN, campaign);
        assert_eq!(totals[0].shown, "1,474");
        assert_eq!(totals[2].shown, "¥19,464,000");
        assert_eq!(totals[3].value, 154);
    }

    #[test]
    fn library_charts_count_not_stated_and_inferred_apart() {
        let library = library();
        // The 2019 list: the counts below are its own.
        let all: Vec<usize> = (0..library.cases.len())
            .filter(|&i| library.cases[i].collection.as_str() == "samr-2019-pi")
            .collect();
        let charts = library_charts(&ZH, &library, &all);
        let sector = &charts[0];
        let total: u64 = sector.bars.iter().map(|b| b.value).sum();
        assert_eq!(total, 9, "each case counted once");
        let label = |l: &str| sector.bars.iter().find(|b| b.label == l).map(|b| b.value);
        // zhuji and nanning state real estate (nanning's is inferred), luoyang's is inferred.
        assert_eq!(label("未载明"), Some(2));
        assert!(label("*房产租售").is_some());
        assert_eq!(sector.notes, [ZH.stats_inferred]);
        let violation = &charts[2];
        assert_eq!(
            violation
                .bars
                .iter()
                .find(|b| b.label == "未载明")
                .map(|b| b.value),
            Some(5)
        );
        let records = &charts[5];
        let values: Vec<u64> = records.bars.iter().map(|b| b.value).collect();
        assert_eq!(values, [1537, 480], "largest first");
        assert_eq!(records.notes, ["7 例未载明条数"]);
        let year = &charts[4];
        assert_eq!(year.bars.last().unwrap().label, "未载明");
    }

    #[test]
    fn text_bars_are_scaled_and_carry_their_figures() {
        let chart = Chart {
            title: "t".into(),
            bars: vec![
                Bar::stated("a".into(), 10, "10".into()),
                Bar::stated("bb".into(), 5, "5".into()),
            ],
            notes: vec!["n".into()],
        };
        // Piped: labels whole, bars up to BAR_CELLS.
        let piped = chart_text(&chart, None, "#");
        assert_eq!(
            piped.lines().nth(1),
            Some(&*format!("  a   {} 10", "#".repeat(BAR_CELLS)))
        );
        assert_eq!(
            piped.lines().nth(2),
            Some(&*format!("  bb  {} 5", "#".repeat(15)))
        );
        assert!(piped.ends_with("  n\n"));
        // In 16 cells: 2 + label 2 + 2 + bar + 1 + figure 2 leaves 7 for the bar.
        assert_eq!(
            chart_text(&chart, Some(16), "#"),
            "t\n  a   ####### 10\n  bb  #### 5\n  n\n"
        );
    }

    /// A provision's label is cut before its article, never inside it.
    #[test]
    fn a_provision_keeps_its_article_whole() {
        let library = library();
        let all: Vec<usize> = (0..library.cases.len()).collect();
        let charts = library_charts(&ZH, &library, &all);
        let chart = charts
            .iter()
            .find(|c| c.title.starts_with(ZH.stats_lib_statutes))
            .unwrap();
        let layout = BarLayout {
            label_cells: 20,
            bar_cells: 10,
        };
        let labels: Vec<String> = layout.lines(chart).into_iter().map(|l| l.label).collect();
        assert!(
            labels
                .iter()
                .any(|l| l.trim_end() == "… 第二百五十三条之一"),
            "{labels:?}"
        );
        // Laid out for 40 cells, the articles still fit whole.
        let narrow = BarLayout::of(chart, Some(40));
        assert!(narrow.label_cells >= 18, "{narrow:?}");
        for (label, bar) in labels.iter().zip(&chart.bars) {
            // Every article that fits the cells at all is whole.
            if let Some(tail) = bar.tail.as_ref().filter(|t| crate::text::width(t) <= 20) {
                assert!(label.trim_end().ends_with(tail.as_str()), "{label}");
            }
        }
    }

    /// A long label is cut, never the figure; every line fits.
    #[test]
    fn a_narrow_chart_cuts_its_labels_never_its_figures() {
        let library = library();
        let charts = campaign_charts(&ZH, library.campaign.as_ref().unwrap());
        for width in [40, 60, 80] {
            for chart in &charts {
                let text = chart_text(chart, Some(width), "#");
                for line in text.lines() {
                    assert!(crate::text::width(line) <= width, "{width}: {line}");
                }
                let title_lines = crate::wrap::wrap(&chart.title, width).len();
                for (line, bar) in text.lines().skip(title_lines).zip(&chart.bars) {
                    assert!(crate::text::width(line) <= width, "{width}: {line}");
                    assert!(line.ends_with(&format!(" {}", bar.shown)), "{line}");
                }
            }
        }
    }

    /// The fines decided, one bar each from the largest, labelled with the party; the proposed
    /// and combined ones counted apart, and nothing from a criminal fine.
    #[test]
    fn the_fines_chart_has_a_bar_per_decision() {
        let library = library();
        let all: Vec<usize> = (0..library.cases.len()).collect();
        let charts = library_charts(&ZH, &library, &all);
        let fines = charts
            .iter()
            .find(|c| c.title.starts_with(ZH.stats_lib_fines))
            .unwrap();
        // Thirteen fines (青浦 fined two companies): the largest twelve drawn, one more said.
        assert_eq!(fines.bars.len(), MOST_BARS);
        assert_eq!(fines.bars[0].label, "科勒（中国）投资有限公司");
        assert_eq!(fines.bars[0].shown, "¥500,000");
        assert_eq!(fines.bars.last().unwrap().value, 50_000);
        let more = fill(ZH.stats_more_cases, &[("n", "1".to_string())]);
        assert!(fines.notes.contains(&more), "{:?}", fines.notes);
        assert!(fines.bars.windows(2).all(|w| w[0].value >= w[1].value));
        assert!(
            fines.notes.iter().any(|n| n.contains('2')),
            "{:?}",
            fines.notes
        );
        assert!(fines.bars.iter().all(|b| b.label != "李开祥"));
    }
}
