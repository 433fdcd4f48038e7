//! A case's sheet, one function per section in the order a penalty decision is written: party
//! and place → authority and dates → what happened → personal data → violations → law → penalty
//! → sources. `build` only strings them together.

use crate::law;
use crate::library::{Case, LawRole, Library, Statute, Str, VocabKind};
use crate::msg::{Catalog, fill};
use crate::query::similar::Similar;
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

/// Lays out one case, with the similar cases its caller found (`query::similar`, which needs the
/// search index; none where the caller has no index).
pub fn build(m: &Catalog, library: &Library, case: &Case, similar: &[Similar]) -> Sheet {
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
        key_facts: Some(key_facts(&parts)),
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

/// The facts that decide a case, one line each: id and place in its list; party · place ·
/// sector; the data; the violation; the provisions broken → the penalty's basis; the penalty;
/// the threshold comparison. Inferred values say so; unknown ones say "not stated".
fn key_facts(p: &Parts) -> Section {
    let (m, case) = (p.m, p.case);
    let mark = |text: String, field: &str| match case.inferred_reason(field) {
        Some(_) => format!("{text}（{}）", m.inferred),
        None => text,
    };
    let id = match case.position {
        Some(n) => format!(
            "{} · {}",
            case.id,
            fill(m.position, &[("n", n.to_string())])
        ),
        None => case.id.to_string(),
    };
    let zh = |kind: VocabKind, key: &str| {
        p.library
            .vocab
            .term(kind, key)
            .map_or(key.to_string(), |t| t.label.zh.clone())
    };
    let mut place = vec![case.place.province.to_string()];
    place.extend(case.place.city.as_deref().map(str::to_string));
    let sector = case
        .sector
        .as_deref()
        .map_or(m.not_stated_short.to_string(), |s| {
            mark(zh(VocabKind::Sectors, s), "sector")
        });
    let party = format!("{} · {} · {sector}", case.party.name, place.join(" "));
    let rows = vec![
        p.r.row(m.row_kf_id, vec![id]),
        p.r.row(m.row_party, vec![party]),
        p.r.row(m.row_kf_data, vec![key_data(p)]),
        p.r.row(
            m.row_violations,
            case.violations
                .iter()
                .map(|v| zh(VocabKind::Violations, v))
                .reduce(|a, b| format!("{a}；{b}"))
                .map(|all| mark(all, "violations"))
                .into_iter()
                .collect(),
        ),
        p.r.row(m.row_kf_law, key_law(p).into_iter().collect()),
        p.r.row(m.row_penalty, key_penalty(p).into_iter().collect()),
    ];
    let mut rows = rows;
    if let Some(line) = key_threshold(p) {
        rows.push(p.r.row(m.row_threshold, vec![line]));
    }
    Section {
        heading: m.sec_key_facts,
        rows,
    }
}

/// `姓名、电话号码 · 1,537 条 · ¥286,179`: kinds and records, spelt out when not stated.
fn key_data(p: &Parts) -> String {
    let (m, case) = (p.m, p.case);
    let kinds = case
        .data_kinds
        .as_ref()
        .filter(|k| !k.is_empty())
        .map_or(m.kf_kinds_missing.to_string(), |k| k.join("、"));
    let records = case.records.map_or(m.kf_records_missing.to_string(), |n| {
        format!("{} {}", thousands(n), m.records_unit)
    });
    let mut parts = vec![kinds, records];
    // What the amount is (a sale price, a total involved) matters as much as the figure: the
    // note's Chinese part, or the row's own label where the case has no note.
    parts.extend(case.amount_yuan.map(|a| match &case.amount_note {
        Some(note) => format!("{}（{}）", yuan(a), note.split(" (").next().unwrap_or(note)),
        None => format!("{} {}", m.row_amount, yuan(a)),
    }));
    parts.join(" · ")
}

/// `违反 消法 第二十九条第二款 → 处罚依据 消法 第五十六条`, and the transfer's basis.
fn key_law(p: &Parts) -> Option<String> {
    let cites = |role: LawRole| -> Option<String> {
        let found: Vec<String> = p
            .case
            .law
            .iter()
            .filter(|l| l.role == role)
            .filter_map(|l| p.library.statute(&l.statute))
            .map(|s| s.citation())
            .collect();
        (!found.is_empty()).then(|| found.join("、"))
    };
    let m = p.m;
    let not_stated = || m.not_stated_short.to_string();
    let mut parts = Vec::new();
    let (violated, penalty) = (cites(LawRole::Violated), cites(LawRole::Penalty));
    if violated.is_some() || penalty.is_some() {
        parts.push(fill(
            m.kf_law,
            &[
                ("violated", violated.unwrap_or_else(not_stated)),
                ("penalty", penalty.unwrap_or_else(not_stated)),
            ],
        ));
    }
    if let Some(transfer) = cites(LawRole::Transfer) {
        parts.push(fill(m.kf_transfer, &[("transfer", transfer)]));
    }
    (!parts.is_empty()).then(|| parts.join("；"))
}

/// `罚款 ¥50,000：… 上限 ¥500,000 的 1/10（10%）`: the penalties, and where a known fine sits.
fn key_penalty(p: &Parts) -> Option<String> {
    let (m, case) = (p.m, p.case);
    let given: Vec<String> = case
        .penalty
        .iter()
        .map(|penalty| {
            let label = p
                .library
                .vocab
                .term(VocabKind::Penalties, &penalty.kind)
                .map_or(penalty.kind.to_string(), |t| t.label.zh.clone());
            match penalty.amount_yuan {
                Some(amount) => format!("{label} {}", yuan(amount)),
                None => label,
            }
        })
        .collect();
    if given.is_empty() {
        return None;
    }
    let mut line = given.join("、");
    if case.penalty.iter().any(|p| p.amount_yuan.is_some()) {
        let position = penalty_position(m, p.library, case);
        if let Some(first) = position.first().filter(|l| **l != m.position_unknown) {
            line.push_str(&format!(" — {first}"));
        }
    }
    Some(line)
}

/// The threshold comparison in one line, labelled: the records against the tier their kinds
/// name, or against every tier (`1,537 条：已达到 …（三）项 50 条、（四）项 500 条；未达到 …`).
fn key_threshold(p: &Parts) -> Option<String> {
    let (m, case) = (p.m, p.case);
    let (_, thresholds) = law::threshold_provision(p.library)?;
    let line = match (law::compare_records(thresholds, case), case.records) {
        (Some(compared), _) => comparison_lines(m, &compared, m.records_unit).remove(0),
        (None, Some(records)) => {
            let tiers = law::record_tiers(thresholds, records);
            let prefix = common_prefix(tiers.iter().map(|(t, ..)| t.item.as_str()));
            let list = |reached: bool| -> Option<String> {
                let items: Vec<String> = tiers
                    .iter()
                    .filter(|(.., r)| *r == reached)
                    .enumerate()
                    .map(|(i, (tier, threshold, _))| {
                        let item = if i == 0 {
                            &tier.item[..]
                        } else {
                            &tier.item[prefix..]
                        };
                        format!("{item} {} {}", thousands(*threshold), m.records_unit)
                    })
                    .collect();
                let verdict = if reached { m.reached } else { m.not_reached };
                (!items.is_empty()).then(|| format!("{verdict} {}", items.join("、")))
            };
            let parts: Vec<String> = [list(true), list(false)].into_iter().flatten().collect();
            fill(
                m.kf_tiers,
                &[("value", thousands(records)), ("reached", parts.join("；"))],
            )
        }
        (None, None) => {
            let gains = case.illegal_gains_yuan?;
            let compared = law::compare_gains(thresholds, gains)?;
            comparison_lines(m, &compared, m.yuan_unit).remove(0)
        }
    };
    Some(format!("{line}{}", m.kf_not_a_finding))
}

/// How many bytes all of `texts` share at their start, cut back to before its last `第`, so that
/// `第五条第一款第（三）项` and `第五条第一款第（四）项` share `第五条第一款`.
fn common_prefix<'a>(texts: impl Iterator<Item = &'a str> + Clone) -> usize {
    let Some(first) = texts.clone().next() else {
        return 0;
    };
    let mut end = 0;
    for (i, c) in first.char_indices() {
        let upto = i + c.len_utf8();
        if texts.clone().all(|t| t.get(..upto) == Some(&first[..upto])) {
            end = upto;
        } else {
            break;
        }
    }
    first[..end].rfind('第').unwrap_or(0)
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
    let zh = |kind: VocabKind, key: &str| {
        library
            .vocab
            .term(kind, key)
            .map_or(key.to_string(), |t| t.label.zh.clone())
    };
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    for item in shared {
        let (kind, what) = match item {
            Shared::Violation(_) => (m.sim_violation, None),
            Shared::Provision(id) => (
                m.sim_provision,
                Some(library.statute(id).map_or(id.clone(), |s| s.citation())),
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
            false => format!("{kind} {}", items.join("、")),
        })
        .collect::<Vec<_>>()
        .join("；")
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
            for part in [text(&s.publisher), date(s.date)].into_iter().flatten() {
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

/// How the case's figures compare with the criminal thresholds, labelled as no legal finding.
/// Records are compared with the tier their data kinds name; where the kinds name no single tier,
/// with every record tier, saying what holds whichever the data fall under. Nothing where the
/// source gives no figure.
fn threshold_lines(m: &Catalog, library: &Library, case: &Case) -> Vec<String> {
    let Some((_, thresholds)) = law::threshold_provision(library) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    match (law::compare_records(thresholds, case), case.records) {
        (Some(compared), _) => lines.extend(comparison_lines(m, &compared, m.records_unit)),
        (None, Some(records)) => lines.extend(any_tier_lines(m, thresholds, records)),
        (None, None) => {}
    }
    if let Some(compared) = case
        .illegal_gains_yuan
        .and_then(|gains| law::compare_gains(thresholds, gains))
    {
        lines.extend(comparison_lines(m, &compared, m.yuan_unit));
    }
    if !lines.is_empty() {
        lines.insert(0, m.threshold_disclaimer.to_string());
    }
    lines
}

/// One figure against the one tier that applies: the tier, half for information obtained in
/// duty, ten times for 情节特别严重.
fn comparison_lines(m: &Catalog, compared: &law::ThresholdComparison, unit: &str) -> Vec<String> {
    let verdict = |reached: bool| if reached { m.reached } else { m.not_reached }.to_string();
    let mut lines = vec![fill(
        m.threshold_line,
        &[
            ("value", thousands(compared.value)),
            ("unit", unit.to_string()),
            ("item", compared.item.clone()),
            ("threshold", thousands(compared.threshold)),
            ("verdict", verdict(compared.reached())),
        ],
    )];
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
    lines
}

/// A count of records whose kinds name no single tier, against every record tier: one line when
/// it reaches all of them or none (it holds either way), else one line per tier, conditional on
/// the data falling under it.
fn any_tier_lines(
    m: &Catalog,
    thresholds: &crate::library::Thresholds,
    records: u64,
) -> Vec<String> {
    let tiers = law::record_tiers(thresholds, records);
    let items: Vec<&str> = tiers.iter().map(|(tier, ..)| tier.item.as_str()).collect();
    let line = |template: &str, tier: &crate::library::ThresholdTier, threshold: u64| {
        let what = tier.what.clone().unwrap_or_else(|| tier.kinds.join("、"));
        fill(
            template,
            &[
                ("value", thousands(records)),
                ("threshold", thousands(threshold)),
                ("item", tier.item.clone()),
                ("what", what),
                ("items", items.join("、")),
            ],
        )
    };
    let highest = tiers.iter().max_by_key(|(_, threshold, _)| *threshold);
    let lowest = tiers.iter().min_by_key(|(_, threshold, _)| *threshold);
    match (highest, lowest) {
        (Some((tier, threshold, true)), _) => vec![line(m.threshold_any_reached, tier, *threshold)],
        (_, Some((tier, threshold, false))) => vec![line(m.threshold_any_short, tier, *threshold)],
        _ => tiers
            .iter()
            .map(|(tier, threshold, reached)| {
                let template = if *reached {
                    m.threshold_if_reached
                } else {
                    m.threshold_if_not
                };
                line(template, tier, *threshold)
            })
            .collect(),
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

    /// Records whose kinds name no single tier: what holds whichever tier the data fall under,
    /// at, below and above each tier (50, 500, 5,000).
    #[test]
    fn threshold_wording_for_kinds_no_tier_names() {
        let library = load(&LoadOptions::default()).unwrap();
        let (_, thresholds) = law::threshold_provision(&library).unwrap();
        let lines = |records| any_tier_lines(&ZH, thresholds, records);
        for records in [5000, 12_716] {
            let found = lines(records);
            assert_eq!(found.len(), 1, "{found:?}");
            assert!(
                found[0].contains("达到 5,000 条（第五条第一款第（五）项"),
                "{found:?}"
            );
            assert!(
                found[0].contains("均达到「情节严重」的数量标准"),
                "{found:?}"
            );
        }
        for records in [0, 49] {
            let found = lines(records);
            assert_eq!(found.len(), 1, "{found:?}");
            assert!(
                found[0].contains("未达 50 条（第五条第一款第（三）项"),
                "{found:?}"
            );
            assert!(found[0].contains("均未达到数量标准"), "{found:?}");
        }
        let found = lines(1_537);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[0]
                .starts_with("1,537 条达到 50 条（第五条第一款第（三）项），如数据属行踪轨迹信息")
        );
        assert!(found[1].starts_with("1,537 条达到 500 条（第五条第一款第（四）项），如数据属住宿信息、通信记录、健康生理信息、交易信息等其他可能影响人身、财产安全的公民个人信息"));
        assert!(found[2].starts_with(
            "1,537 条未达 5,000 条（第五条第一款第（五）项：第三项、第四项规定以外的公民个人信息）"
        ));
        for (records, reached) in [(50, 1), (499, 1), (500, 2), (4_999, 2)] {
            let found = lines(records);
            let count = found
                .iter()
                .filter(|l| l.contains("达到") && !l.contains("未达"))
                .count();
            assert_eq!(count, reached, "{records}: {found:?}");
        }
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
