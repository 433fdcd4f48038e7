//! The rule for English output: any Chinese in it is the cases' own content, the law's name or
//! words, or a legal term quoted beside its English — never the interface's own words, article
//! numbers or short citations (English writes `CPRL Art. 29(2)`). Shared by the screen and CLI
//! tests.

#![allow(dead_code)]

use casebook::library::Library;

/// Every string of the library that is content or law: on an English screen, Chinese may come
/// only from these (a party's name, a summary without English, a provision's words).
pub fn content(library: &Library) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    for c in &library.cases {
        all.extend([
            c.title.to_string(),
            c.summary.text().into_owned(),
            c.party.name.to_string(),
        ]);
        all.extend([c.place.province.to_string()]);
        all.extend(
            c.place
                .city
                .iter()
                .map(|s| s.to_string())
                .chain(c.place.district.iter().map(|s| s.to_string())),
        );
        all.extend(
            c.authority
                .iter()
                .map(|s| s.to_string())
                .chain(c.amount_note.iter().map(|s| s.to_string())),
        );
        all.extend(c.data_kinds.iter().flatten().map(|s| s.to_string()));
        all.extend(
            c.penalty
                .iter()
                .filter_map(|p| p.note.as_ref())
                .map(|s| s.to_string()),
        );
        all.extend(c.source.iter().map(|s| s.title.to_string()));
        all.extend(
            c.source
                .iter()
                .filter_map(|s| s.publisher.as_ref())
                .map(|s| s.to_string()),
        );
        all.extend(c.inferred.iter().flat_map(|i| i.values().cloned()));
        all.extend(c.quantity.iter().map(|q| q.what.to_string()));
        if let Some(j) = &c.judgment {
            all.extend([j.court.to_string(), j.case_number.to_string()]);
            all.extend(j.claimant.iter().map(|s| s.to_string()));
            all.extend(j.remedies.iter().map(|s| s.to_string()));
        }
        all.extend(c.illegal_gains_note.iter().map(|s| s.to_string()));
    }
    for s in &library.statutes {
        // The law's name and words; not its article numbers or short citations, which English
        // writes as English (Art. 29(2), CPRL).
        all.extend([s.law.clone(), s.text.clone()]);
        all.extend(s.text_note.iter().cloned());
        all.extend(s.penalty.iter().filter_map(|p| p.words.clone()));
        for tier in s.thresholds.iter().flat_map(|t| &t.tiers) {
            all.extend(tier.what.iter().cloned());
            all.extend(tier.kinds.iter().cloned());
        }
        all.extend(s.forbids.iter().map(|f| f.words.clone()));
    }
    for c in &library.collections {
        all.extend([c.title.clone(), c.publisher.clone()]);
    }
    if let Some(campaign) = &library.campaign {
        all.extend(campaign.source.iter().map(|s| s.title.to_string()));
        all.extend(
            campaign
                .source
                .iter()
                .filter_map(|s| s.publisher.as_ref())
                .map(|s| s.to_string()),
        );
    }
    all
}

/// Each run of Chinese on the screen, outside what the allowed interface words explain.
pub fn chinese_runs(screen: &str) -> Vec<String> {
    let cjk = |c: char| {
        ('\u{4e00}'..='\u{9fff}').contains(&c) || "，。、；：（）「」《》〔〕".contains(c)
    };
    let mut runs = Vec::new();
    let mut run = String::new();
    for c in screen.chars() {
        if cjk(c) {
            run.push(c);
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    // The language switch's own label, and the legal terms quoted beside their English.
    runs.retain(|r| {
        !["中文", "情节严重", "情节特别严重"].contains(&r.trim_matches(|c| "（）「」".contains(c)))
    });
    runs
}

pub fn assert_english(library: &Library, screen: &str, what: &str) {
    let corpus = content(library);
    for run in chinese_runs(screen) {
        let stripped = run.trim_matches(|c| "，。、；：（）「」《》".contains(c));
        if stripped.is_empty() {
            continue;
        }
        assert!(
            corpus.iter().any(|c| c.contains(stripped)),
            "{what}: Chinese that is not content or law: {run:?}\n{screen}"
        );
    }
}
