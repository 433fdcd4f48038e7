//! A case's sheet, one function per section in the order a penalty decision is written: party
//! and place → authority and dates → what happened → personal data → violations → law → penalty
//! → sources. `build` only strings them together.

use crate::library::{Case, LawRole, Library, RareText, Str, VocabKind};
use crate::msg::{Catalog, fill};
use crate::query::similar::Similar;
use crate::text::thousands;

use super::position::{penalty_position, threshold_lines};
use super::{
    Row, Rows, Section, Sheet, at_case_text, basis_label, collection_line, date, relation_lines,
    role_label, status_text, term_label, yuan,
};
use crate::law;

/// What every section reads: the strings, the library, the case.
pub(super) struct Parts<'a> {
    pub r: Rows<'a>,
    pub m: &'a Catalog,
    pub library: &'a Library,
    pub case: &'a Case,
}

impl Parts<'_> {
    /// A row that carries the case's reason when the value is inferred.
    pub fn inferred(&self, row: Row, field: &str) -> Row {
        Row {
            inferred: self.case.inferred_reason(field).map(str::to_string),
            ..row
        }
    }

    pub fn label(&self, kind: VocabKind, key: &str) -> String {
        term_label(self.m, self.library, kind, key)
    }
}

/// Lays out one case, with the similar cases its caller found (`query::similar`, which needs the
/// search index; none where the caller has no index).
pub fn build(m: &Catalog, library: &Library, case: &Case, similar: &[Similar]) -> Sheet {
    let identified = library.identified_in(&case.collection);
    build_counted(m, library, case, similar, identified)
}

/// [`build`], with the number of cases the library identifies in the case's collection counted
/// by the caller (the browser counts them once, not at every frame).
pub fn build_counted(
    m: &Catalog,
    library: &Library,
    case: &Case,
    similar: &[Similar],
    identified: usize,
) -> Sheet {
    let parts = Parts {
        r: Rows { m },
        m,
        library,
        case,
    };
    Sheet {
        id: case.id.to_string(),
        // In the interface language, with the other language's title under it.
        title: m.content(&case.title, case.title_en.text()),
        title_en: m.content_other(&case.title, case.title_en.text()),
        collection_line: collection_line(m, library, case, identified),
        cite_as: super::citation(m, library, case),
        key_facts: Some(super::key_facts::key_facts(&parts)),
        sections: vec![
            party_and_place(&parts),
            authority_and_dates(&parts),
            happened(&parts),
            data(&parts),
            violations(&parts),
            law_section(&parts),
            penalty(&parts),
            sources(&parts),
            similar_cases(&parts, similar),
        ],
    }
}

/// Who, what kind of party, where, in which sector.
fn party_and_place(p: &Parts) -> Section {
    let case = p.case;
    let mut place = vec![p.label(VocabKind::Provinces, &case.place.province)];
    place.extend(case.place.city.as_deref().map(str::to_string));
    place.extend(case.place.district.text().map(str::to_string));
    let sector = case
        .sector
        .as_deref()
        .map(|s| p.label(VocabKind::Sectors, s));
    Section {
        heading: p.m.sec_party,
        rows: vec![
            p.r.row(p.m.row_party, vec![case.party.name.to_string()]),
            p.inferred(
                p.r.row(
                    p.m.row_party_kind,
                    vec![p.label(VocabKind::PartyKinds, &case.party.kind)],
                ),
                "party.kind",
            ),
            p.inferred(
                p.r.row(p.m.row_place, vec![place.join(" ")]),
                "place.province",
            ),
            p.inferred(p.r.opt(p.m.row_sector, sector), "sector"),
        ],
    }
}

/// Which authority, and when the conduct was found, went on and was decided.
fn authority_and_dates(p: &Parts) -> Section {
    let (m, dates) = (p.m, &p.case.dates);
    let conduct_period = match (dates.conduct_from, dates.conduct_to) {
        (None, None) => None,
        (from, to) => Some(format!(
            "{} – {}",
            date(from).unwrap_or_else(|| m.not_stated.to_string()),
            date(to).unwrap_or_else(|| m.not_stated.to_string())
        )),
    };
    let authority = p.case.authority.as_deref().map(str::to_string);
    Section {
        heading: m.sec_authority,
        rows: vec![
            p.inferred(p.r.opt(m.row_authority, authority), "authority"),
            p.inferred(p.r.opt(m.row_found, date(dates.found)), "dates.found"),
            p.r.opt(m.row_conduct, conduct_period),
            p.inferred(p.r.opt(m.row_decided, date(dates.decided)), "dates.decided"),
        ],
    }
}

/// The summary in the interface language, and in the other one where the case has both.
fn happened(p: &Parts) -> Section {
    let zh = p.case.summary.text();
    let (zh, en) = (zh.as_ref(), p.case.summary_en.text());
    let mut rows = vec![p.r.row(p.m.row_summary, vec![p.m.content(zh, en)])];
    if let Some(other) = p.m.content_other(zh, en) {
        rows.push(p.r.row(p.m.row_summary_en, vec![other]));
    }
    Section {
        heading: p.m.sec_happened,
        rows,
    }
}

/// The personal data: kinds, records, amount, illegal gains, and other stated quantities.
fn data(p: &Parts) -> Section {
    let (m, case) = (p.m, p.case);
    let kinds = case
        .data_kinds
        .as_ref()
        .map(|kinds| vec![kinds.join(p.m.list_sep)])
        .unwrap_or_default();
    let records = case
        .records
        .map(|n| format!("{} {}", thousands(n), m.records_unit));
    let amount = case.amount_yuan.map(|amount| match &case.amount_note {
        Some(note) => format!("{} — {note}", yuan(amount)),
        None => yuan(amount),
    });
    let mut rows = vec![
        p.inferred(p.r.row(m.row_data_kinds, kinds), "data_kinds"),
        p.inferred(p.r.opt(m.row_records, records), "records"),
        p.inferred(p.r.opt(m.row_amount, amount), "amount_yuan"),
        p.r.opt(m.row_gains, case.illegal_gains_yuan.map(yuan)),
    ];
    for quantity in &case.quantity {
        // In English the noun says what is counted (18,990 SIM cards), so the measure word
        // (张) goes; the source's Chinese follows.
        let line = match (m.lang, &quantity.what_en) {
            (crate::msg::Lang::En, Some(en)) => {
                format!("{} {en} ({})", thousands(quantity.value), quantity.what)
            }
            (_, en) => {
                let mut line = format!(
                    "{} {} {}",
                    thousands(quantity.value),
                    quantity.unit,
                    quantity.what
                );
                if let Some(en) = en {
                    line.push_str(&format!(" ({en})"));
                }
                line
            }
        };
        rows.push(p.r.row(m.row_other_counts, vec![line]));
    }
    Section {
        heading: m.sec_data,
        rows,
    }
}

fn violations(p: &Parts) -> Section {
    let lines = p
        .case
        .violations
        .iter()
        .map(|v| p.label(VocabKind::Violations, v))
        .collect();
    Section {
        heading: p.m.sec_violations,
        rows: vec![p.inferred(p.r.row(p.m.row_violations, lines), "violations")],
    }
}

/// The provisions, numbered (in the browser the number opens the provision), each with whether it
/// was in force at the time of the case (from the case's own dates); then the dates that rests
/// on; then each provision's status today and how it stands to other provisions.
fn law_section(p: &Parts) -> Section {
    let (m, library, case) = (p.m, p.library, p.case);
    let law_lines = case
        .law
        .iter()
        .enumerate()
        .map(|(i, link)| match library.statute(&link.statute) {
            Some(statute) => {
                let citation = if link.role == LawRole::Penalty {
                    m.penalty_cite(statute)
                } else {
                    m.cite(statute)
                };
                format!(
                    "[{}] {citation} — {} · {} · {} [{}]",
                    i + 1,
                    role_label(m, link.role),
                    basis_label(m, link.basis),
                    at_case_text(m, law::at_case(library, statute, case)),
                    statute.id
                )
            }
            None => link.statute.to_string(),
        })
        .collect();
    let mut rows = vec![p.inferred(p.r.row(m.row_provisions, law_lines), "law")];
    if case.law.is_empty() {
        return Section {
            heading: m.sec_law,
            rows,
        };
    }
    let dates: Vec<String> = law::case_dates(library, case)
        .into_iter()
        .map(|(kind, date)| {
            let label = m.case_date_kinds[kind as usize];
            format!("{label} {date}")
        })
        .collect();
    rows.push(
        p.r.row(
            m.row_judged_on,
            vec![dates.join(m.list_sep)]
                .into_iter()
                .filter(|l| !l.is_empty())
                .collect(),
        ),
    );
    let today = library.today();
    let mut seen = Vec::new();
    let mut lines = Vec::new();
    for statute in case.law.iter().filter_map(|l| library.statute(&l.statute)) {
        if seen.contains(&&statute.id) {
            continue;
        }
        seen.push(&statute.id);
        lines.push(format!(
            "{} {today}{}{}",
            m.cite(statute),
            m.colon,
            status_text(m, law::status_on(statute, today))
        ));
        lines.extend(
            // Brief: each reason is on the provision's own sheet, one key away.
            relation_lines(m, library, statute, true)
                .into_iter()
                .map(|line| format!("  · {line}")),
        );
    }
    rows.push(p.r.row(m.row_today, lines));
    Section {
        heading: m.sec_law,
        rows,
    }
}

/// The penalty, its statutory range and where a known fine sits in it, and the threshold
/// comparison.
fn penalty(p: &Parts) -> Section {
    let (m, library, case) = (p.m, p.library, p.case);
    let given = case
        .penalty
        .iter()
        .map(|penalty| {
            let label = p.label(VocabKind::Penalties, &penalty.kind);
            let mut line = super::penalty_line(m, library, label, penalty);
            if let Some(note) = &penalty.note {
                line.push_str(&format!(" — {note}"));
            }
            line
        })
        .collect();
    let mut rows = vec![p.inferred(p.r.row(m.row_penalty, given), "penalty")];
    if let Some(judgment) = &case.judgment {
        rows.push(p.r.row(m.row_judgment, judgment_lines(m, judgment)));
    }
    let ranges: Vec<String> = case
        .law
        .iter()
        .filter(|l| matches!(l.role, LawRole::Penalty | LawRole::Transfer))
        .filter_map(|l| library.statute(&l.statute))
        .filter_map(|s| {
            let words = s.penalty.as_ref()?.words.as_ref()?;
            Some(format!("{}{}{words}", m.penalty_cite(s), m.colon))
        })
        .collect();
    if !ranges.is_empty() {
        rows.push(p.r.row(m.row_range, ranges));
        rows.push(p.r.row(m.row_position, penalty_position(m, library, case)));
    }
    let thresholds = threshold_lines(m, library, case);
    if !thresholds.is_empty() {
        rows.push(p.r.row(m.row_threshold, thresholds));
    }
    Section {
        heading: m.sec_penalty,
        rows,
    }
}

/// A court's judgment: the court and case number, the claimant, the sentence, the remedies.
fn judgment_lines(m: &Catalog, judgment: &crate::library::Judgment) -> Vec<String> {
    let mut lines = vec![fill(
        m.judgment_court,
        &[
            ("court", judgment.court.to_string()),
            ("number", judgment.case_number.to_string()),
        ],
    )];
    if let Some(claimant) = &judgment.claimant {
        let claimant = claimant.to_string();
        lines.push(fill(m.judgment_claimant, &[("claimant", claimant)]));
    }
    if let (Some(prison), Some(probation)) = (judgment.prison_months, judgment.probation_months) {
        lines.push(fill(
            m.judgment_sentence,
            &[
                ("prison", prison.to_string()),
                ("probation", probation.to_string()),
            ],
        ));
    }
    if !judgment.remedies.is_empty() {
        let remedies: Vec<&str> = judgment.remedies.iter().map(|r| r.as_str()).collect();
        lines.push(format!(
            "{}{}",
            m.judgment_remedies,
            remedies.join(m.clause_sep)
        ));
    }
    lines
}

/// How many similar cases a sheet lists.
pub const SIMILAR_SHOWN: usize = 5;

/// The cases most like this one, numbered after the provisions (in the browser the number opens
/// the case), each with what it shares: `[5] zhuji-xiangsheng 诸暨… — 同条款 消法 第五十六条、同行业 房产租售`.
fn similar_cases(p: &Parts, found: &[Similar]) -> Section {
    let (m, library, case) = (p.m, p.library, p.case);
    let first = case.law.len() + 1;
    let lines = found
        .iter()
        .take(SIMILAR_SHOWN)
        .enumerate()
        .map(|(n, similar)| {
            let other = &library.cases[similar.case];
            format!(
                "[{}] {} {} — {}",
                first + n,
                other.id,
                other.party.name,
                shared_reasons(m, library, &similar.shared)
            )
        })
        .collect::<Vec<_>>();
    let lines = if lines.is_empty() {
        vec![m.none.to_string()]
    } else {
        lines
    };
    Section {
        heading: m.sec_similar,
        rows: vec![p.r.row(m.row_similar, lines)],
    }
}

/// What two cases share, in a few words, one kind after another: `同违法行为；同条款 消法
/// 第五十六条、处罚办法 第十四条；同行业 房产租售；同类数据 电话号码`.
pub fn shared_reasons(
    m: &Catalog,
    library: &Library,
    shared: &[crate::query::similar::Shared],
) -> String {
    use crate::query::similar::Shared;
    let zh = |kind: VocabKind, key: &str| m.term(library, kind, key);
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    for item in shared {
        let (kind, what) = match item {
            Shared::Violation(_) => (m.sim_violation, None),
            Shared::Provision(id) => (
                m.sim_provision,
                Some(library.statute(id).map_or(id.clone(), |s| m.cite(s))),
            ),
            Shared::Sector(key) => (m.sim_sector, Some(zh(VocabKind::Sectors, key))),
            Shared::DataKind(key) => (m.sim_data, Some(zh(VocabKind::DataKinds, key))),
            Shared::Province(_) => (m.sim_province, None),
        };
        match groups.last_mut() {
            Some((last, items)) if *last == kind => items.extend(what),
            _ => groups.push((kind, what.into_iter().collect())),
        }
    }
    groups
        .into_iter()
        .map(|(kind, items)| match items.is_empty() {
            true => kind.to_string(),
            false => format!("{kind} {}", items.join(m.list_sep)),
        })
        .collect::<Vec<_>>()
        .join(m.clause_sep)
}

/// Each source: title · publisher · date, and its address on a line of its own, so that a
/// pane wide enough to hold the address never breaks it.
fn sources(p: &Parts) -> Section {
    let lines = p
        .case
        .source
        .iter()
        .map(|s| {
            let mut line = s.title.to_string();
            let text = |t: &Option<Str>| t.as_deref().map(str::to_string);
            let kind = s.kind.map(|k| super::source_kind(p.m, k).to_string());
            for part in [text(&s.publisher), date(s.date), kind]
                .into_iter()
                .flatten()
            {
                line.push_str(" · ");
                line.push_str(&part);
            }
            if let Some(url) = &s.url {
                line.push('\n');
                line.push_str(url);
            }
            line
        })
        .collect();
    Section {
        heading: p.m.sec_sources,
        rows: vec![p.r.row(p.m.row_sources, lines)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{LoadOptions, load};
    use crate::msg::ZH;

    fn with_case<T>(id: &str, f: impl FnOnce(&Parts) -> T) -> T {
        let library = load(&LoadOptions::default()).unwrap();
        let case = library.cases.iter().find(|c| c.id == id).unwrap();
        let parts = Parts {
            r: Rows { m: &ZH },
            m: &ZH,
            library: &library,
            case,
        };
        f(&parts)
    }

    fn row<'s>(section: &'s Section, label: &str) -> &'s Row {
        section.rows.iter().find(|r| r.label == label).unwrap()
    }

    #[test]
    fn party_and_place_mark_an_inferred_sector_with_its_reason() {
        let section = with_case("zhuji-xiangsheng", party_and_place);
        assert_eq!(section.heading, ZH.sec_party);
        let sector = row(&section, ZH.row_sector);
        assert!(sector.lines[0].starts_with("房产租售"), "{sector:?}");
        assert!(sector.inferred.is_some());
        assert!(row(&section, ZH.row_place).lines[0].contains("浙江省"));
    }

    #[test]
    fn data_states_records_and_spells_out_what_no_source_gives() {
        let section = with_case("nanning-fangduoduo", data);
        let records = row(&section, ZH.row_records);
        assert_eq!(records.lines, [format!("1,537 {}", ZH.records_unit)]);
        let gains = row(&section, ZH.row_gains);
        assert!(gains.missing && gains.lines == [ZH.not_stated]);
    }

    #[test]
    fn law_numbers_the_provisions_and_shows_the_law_today_apart() {
        let section = with_case("nanning-fangduoduo", law_section);
        let provisions = row(&section, ZH.row_provisions);
        assert!(provisions.lines[0].starts_with("[1] "));
        assert!(
            provisions
                .lines
                .iter()
                .any(|l| l.contains("消法 第五十六条第一款第（九）项") && l.contains("[cprl-56]"))
        );
        assert!(provisions.lines.iter().all(|l| l.contains(ZH.at_in_force)));
        let today = row(&section, ZH.row_today);
        assert!(
            today
                .lines
                .iter()
                .any(|l| l.contains("并行适用：个人信息保护法 第十三条"))
        );
    }

    #[test]
    fn penalty_places_a_known_fine_in_its_range() {
        let section = with_case("yibin-yu", penalty);
        assert!(section.rows.iter().any(|r| r.label == ZH.row_range));
        let position = row(&section, ZH.row_position);
        assert!(!position.lines.is_empty());
    }

    #[test]
    fn a_case_with_records_gets_a_labelled_comparison() {
        let section = with_case("nanning-fangduoduo", penalty);
        let threshold = row(&section, ZH.row_threshold);
        assert_eq!(threshold.lines[0], ZH.threshold_disclaimer);
        assert_eq!(threshold.lines.len(), 4);
    }

    #[test]
    fn sources_join_title_publisher_date_and_address() {
        let section = with_case("yibin-yu", sources);
        let sources = row(&section, ZH.row_sources);
        assert!(sources.lines.iter().all(|l| !l.is_empty()));
        assert!(sources.lines.iter().any(|l| l.contains("http")));
    }

    #[test]
    fn build_strings_the_sections_in_decision_order() {
        let library = load(&LoadOptions::default()).unwrap();
        let sheet = build(&ZH, &library, &library.cases[0], &[]);
        let headings: Vec<&str> = sheet.sections.iter().map(|s| s.heading).collect();
        assert_eq!(
            headings,
            [
                ZH.sec_party,
                ZH.sec_authority,
                ZH.sec_happened,
                ZH.sec_data,
                ZH.sec_violations,
                ZH.sec_law,
                ZH.sec_penalty,
                ZH.sec_sources,
                ZH.sec_similar
            ]
        );
    }
}
