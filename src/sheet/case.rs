//! A case's sheet, one function per section in the order a penalty decision is written: party
//! and place → authority and dates → what happened → personal data → violations → law → penalty
//! → sources. `build` only strings them together.

use crate::law;
use crate::library::{Case, LawRole, Library, Statute, Str, VocabKind};
use crate::msg::{Catalog, fill};
use crate::text::thousands;

use super::{
    Row, Rows, Section, Sheet, basis_label, collection_line, date, later_law_lines, role_label,
    term_label, yuan,
};

/// What every section reads: the strings, the library, the case.
struct Parts<'a> {
    r: Rows<'a>,
    m: &'a Catalog,
    library: &'a Library,
    case: &'a Case,
}

impl Parts<'_> {
    /// A row that carries the case's reason when the value is inferred.
    fn inferred(&self, row: Row, field: &str) -> Row {
        Row {
            inferred: self.case.inferred_reason(field).map(str::to_string),
            ..row
        }
    }

    fn label(&self, kind: VocabKind, key: &str) -> String {
        term_label(self.library, kind, key)
    }
}

/// Lays out one case.
pub fn build(m: &Catalog, library: &Library, case: &Case) -> Sheet {
    let parts = Parts {
        r: Rows { m },
        m,
        library,
        case,
    };
    Sheet {
        id: case.id.to_string(),
        title: case.title.to_string(),
        title_en: case.title_en.as_deref().map(str::to_string),
        collection_line: collection_line(m, library, case),
        sections: vec![
            party_and_place(&parts),
            authority_and_dates(&parts),
            happened(&parts),
            data(&parts),
            violations(&parts),
            law_section(&parts),
            penalty(&parts),
            sources(&parts),
        ],
    }
}

/// Who, what kind of party, where, in which sector.
fn party_and_place(p: &Parts) -> Section {
    let case = p.case;
    let mut place = vec![p.label(VocabKind::Provinces, &case.place.province)];
    place.extend(case.place.city.as_deref().map(str::to_string));
    place.extend(case.place.district.as_deref().map(str::to_string));
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

/// The summary, and its English version where the case has one.
fn happened(p: &Parts) -> Section {
    let mut rows = vec![p.r.row(p.m.row_summary, vec![p.case.summary.to_string()])];
    if let Some(en) = &p.case.summary_en {
        rows.push(p.r.row(p.m.row_summary_en, vec![en.to_string()]));
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
        .map(|kinds| vec![kinds.join("、")])
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
        let mut line = format!(
            "{} {} {}",
            thousands(quantity.value),
            quantity.unit,
            quantity.what
        );
        if let Some(en) = &quantity.what_en {
            line.push_str(&format!(" ({en})"));
        }
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

/// The provisions, numbered (in the browser the number opens the provision), then the later
/// law that now governs the same conduct, apart and labelled.
fn law_section(p: &Parts) -> Section {
    let (m, library, case) = (p.m, p.library, p.case);
    let law_lines = case
        .law
        .iter()
        .enumerate()
        .map(|(i, link)| match library.statute(&link.statute) {
            Some(statute) => format!(
                "[{}] {} — {} · {} [{}]",
                i + 1,
                statute.citation(),
                role_label(m, link.role),
                basis_label(m, link.basis),
                statute.id
            ),
            None => link.statute.to_string(),
        })
        .collect();
    let mut rows = vec![p.inferred(p.r.row(m.row_provisions, law_lines), "law")];
    let later: Vec<String> = case
        .law
        .iter()
        .filter_map(|link| library.statute(&link.statute))
        .flat_map(|statute| {
            later_law_lines(m, library, statute)
                .into_iter()
                .map(move |line| format!("{} → {line}", statute.citation()))
        })
        .collect();
    if !later.is_empty() {
        rows.push(p.r.row(m.row_later, later));
    }
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
            let mut line = p.label(VocabKind::Penalties, &penalty.kind);
            if let Some(amount) = penalty.amount_yuan {
                line.push_str(&format!(" {}", yuan(amount)));
            }
            if let Some(note) = &penalty.note {
                line.push_str(&format!(" — {note}"));
            }
            line
        })
        .collect();
    let mut rows = vec![p.inferred(p.r.row(m.row_penalty, given), "penalty")];
    let ranges: Vec<String> = case
        .law
        .iter()
        .filter(|l| matches!(l.role, LawRole::Penalty | LawRole::Transfer))
        .filter_map(|l| library.statute(&l.statute))
        .filter_map(|s| {
            let words = s.penalty.as_ref()?.words.as_ref()?;
            Some(format!("{}：{words}", s.citation()))
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

/// Each source: title · publisher · date · address.
fn sources(p: &Parts) -> Section {
    let lines = p
        .case
        .source
        .iter()
        .map(|s| {
            let mut line = s.title.to_string();
            let text = |t: &Option<Str>| t.as_deref().map(str::to_string);
            for part in [text(&s.publisher), date(s.date), text(&s.url)]
                .into_iter()
                .flatten()
            {
                line.push_str(" · ");
                line.push_str(&part);
            }
            line
        })
        .collect();
    Section {
        heading: p.m.sec_sources,
        rows: vec![p.r.row(p.m.row_sources, lines)],
    }
}

/// Where each fine of a case sits in the range of its penalty provisions; "not stated" when the
/// source gives no amount.
fn penalty_position(m: &Catalog, library: &Library, case: &Case) -> Vec<String> {
    let ranges: Vec<(&Statute, &crate::library::PenaltyRange)> = case
        .law
        .iter()
        .filter(|l| l.role == LawRole::Penalty)
        .filter_map(|l| library.statute(&l.statute))
        .filter_map(|s| Some((s, s.penalty.as_ref()?)))
        .collect();
    let mut lines = Vec::new();
    let gains = case.illegal_gains_yuan.filter(|&g| g > 0);
    for amount in case.penalty.iter().filter_map(|p| p.amount_yuan) {
        for (statute, range) in &ranges {
            // With illegal gains the fine is a multiple of them; the cap is for where there are none.
            if let (Some(gains), Some([low, high])) = (gains, range.gains_multiple.as_deref())
                && let Some(multiple) = law::Share::of(amount, gains)
            {
                let verdict = if multiple.within_multiples(*low, *high) {
                    m.within
                } else {
                    m.outside
                };
                lines.push(fill(
                    m.position_multiple,
                    &[
                        ("amount", yuan(amount)),
                        ("gains", yuan(gains)),
                        ("times", multiple.times()),
                        ("citation", statute.citation()),
                        ("low", low.to_string()),
                        ("high", high.to_string()),
                        ("verdict", verdict.to_string()),
                    ],
                ));
                continue;
            }
            let Some(share) = range
                .fine_max_yuan
                .and_then(|cap| law::Share::of(amount, cap))
            else {
                continue;
            };
            if share.exceeds() {
                lines.push(format!("{}：{}", yuan(amount), m.position_over));
                continue;
            }
            let fraction = match share.simple_fraction() {
                Some(fraction) => format!("{fraction}（{}）", share.percent()),
                None => share.percent(),
            };
            lines.push(fill(
                m.position_line,
                &[
                    ("amount", yuan(amount)),
                    ("citation", statute.citation()),
                    ("cap", yuan(share.cap)),
                    ("share", fraction),
                ],
            ));
            if let Some([low, high]) = range.gains_multiple.as_deref() {
                lines.push(fill(
                    m.position_gains,
                    &[("low", low.to_string()), ("high", high.to_string())],
                ));
            }
        }
    }
    if lines.is_empty() {
        lines.push(m.position_unknown.to_string());
    }
    lines
}

/// How the case's figures compare with the criminal thresholds; nothing where the data kinds do
/// not tell which threshold applies, or the source gives no figure.
fn threshold_lines(m: &Catalog, library: &Library, case: &Case) -> Vec<String> {
    let Some((_, thresholds)) = law::threshold_provision(library) else {
        return Vec::new();
    };
    let compared = [
        law::compare_records(thresholds, case).map(|c| (c, m.records_unit)),
        case.illegal_gains_yuan
            .and_then(|gains| law::compare_gains(thresholds, gains))
            .map(|c| (c, m.yuan_unit)),
    ];
    let verdict = |reached: bool| if reached { m.reached } else { m.not_reached }.to_string();
    let mut lines = Vec::new();
    for (compared, unit) in compared.into_iter().flatten() {
        lines.push(fill(
            m.threshold_line,
            &[
                ("value", thousands(compared.value)),
                ("unit", unit.to_string()),
                ("item", compared.item.clone()),
                ("threshold", thousands(compared.threshold)),
                ("verdict", verdict(compared.reached())),
            ],
        ));
        if let Some(half) = compared.in_duty {
            lines.push(fill(
                m.threshold_in_duty,
                &[
                    ("threshold", thousands(half)),
                    ("verdict", verdict(compared.reached_in_duty())),
                ],
            ));
        }
        if let Some(tenfold) = compared.especially_serious {
            lines.push(fill(
                m.threshold_especially,
                &[
                    ("threshold", thousands(tenfold)),
                    ("verdict", verdict(compared.especially_serious_reached())),
                ],
            ));
        }
    }
    if !lines.is_empty() {
        lines.insert(0, m.threshold_disclaimer.to_string());
    }
    lines
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
    fn law_numbers_the_provisions_and_labels_later_law_apart() {
        let section = with_case("nanning-fangduoduo", law_section);
        let provisions = row(&section, ZH.row_provisions);
        assert!(provisions.lines[0].starts_with("[1] "));
        assert!(provisions.lines.iter().any(|l| l.contains("[cprl-56]")));
        let later = row(&section, ZH.row_later);
        assert!(later.lines.iter().any(|l| l.contains("个人信息保护法")));
    }

    #[test]
    fn penalty_places_a_known_fine_in_its_range() {
        let section = with_case("yibin-yu", penalty);
        assert!(section.rows.iter().any(|r| r.label == ZH.row_range));
        let position = row(&section, ZH.row_position);
        assert!(!position.lines.is_empty());
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
        let sheet = build(&ZH, &library, &library.cases[0]);
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
                ZH.sec_sources
            ]
        );
    }
}
