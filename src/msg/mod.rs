//! Every interface string, in one catalog per language, so no widget or command carries a literal.
//! Labels of vocabularies, statutes and collections come from the library files, not from here.
//!
//! Why one file of over 500 lines: it is the catalog's type and its Chinese strings, field by
//! field, so that a string and its meaning are read together; the English is in `en.rs`.

pub mod assess;
pub mod config;
mod en;
pub mod training;
mod training_en;

pub use en::EN;

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 中文 (the default: the primary audience).
    Zh,
    /// English.
    En,
}

impl Lang {
    /// `en`, `EN`, `en_GB.UTF-8` as English, `zh…` as Chinese, like a locale; `None` otherwise.
    pub fn lenient(value: &str) -> Option<Lang> {
        let value = value.to_ascii_lowercase();
        if value.starts_with("en") {
            Some(Lang::En)
        } else if value.starts_with("zh") {
            Some(Lang::Zh)
        } else {
            None
        }
    }

    pub fn catalog(self) -> &'static Catalog {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The language asked for: `--lang` (or `CASEBOOK_LANG`, which clap reads into it), else the
    /// locale as POSIX orders it (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, the first set):
    /// `en*` is English; `zh*`, `C`, `POSIX` and anything else Chinese, the primary audience.
    pub fn choose(asked: Option<Lang>, env: &dyn Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = asked {
            return lang;
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(env)
            .find(|value| !value.is_empty());
        match locale {
            Some(value) if value.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Zh,
        }
    }
}

/// The strings of one interface language.
#[derive(Debug)]
pub struct Catalog {
    pub lang: Lang,
    // Facts
    pub not_stated: &'static str,
    pub not_stated_short: &'static str,
    pub inferred: &'static str,
    /// `{n}` of `{total}` cases, under a list.
    pub cases_of: &'static str,
    /// `{n}` cases (see [`Catalog::n_cases`]).
    pub cases_n: &'static str,
    /// `casebook statute`'s headings: id, article, status today, heading.
    pub statute_heads: [&'static str; 4],
    pub records_unit: &'static str,
    // Case sheet sections and rows
    pub sec_key_facts: &'static str,
    pub row_kf_id: &'static str,
    pub row_kf_data: &'static str,
    pub row_kf_law: &'static str,
    /// `{violated}`, `{penalty}`: the provisions broken → those the penalty rests on.
    /// The law line's halves, `{violated} → {penalty}`.
    pub kf_violated: &'static str,
    pub kf_penalty: &'static str,
    /// The law line's halves when the source names no provision of that role.
    pub kf_violated_missing: &'static str,
    pub kf_penalty_missing: &'static str,
    /// `{transfer}`: the provisions a transfer to the police rests on.
    pub kf_transfer: &'static str,
    pub kf_records_missing: &'static str,
    pub kf_kinds_missing: &'static str,
    /// `{value}`, `{reached}`, `{short}`: a count against every record tier, in one line.
    pub kf_tiers: &'static str,
    /// Appended to a threshold line in the key facts.
    pub kf_not_a_finding: &'static str,
    pub sec_party: &'static str,
    pub sec_authority: &'static str,
    pub sec_happened: &'static str,
    pub sec_data: &'static str,
    pub sec_violations: &'static str,
    pub sec_law: &'static str,
    pub sec_penalty: &'static str,
    pub sec_sources: &'static str,
    pub sec_similar: &'static str,
    pub row_similar: &'static str,
    pub sim_violation: &'static str,
    pub sim_provision: &'static str,
    pub sim_sector: &'static str,
    pub sim_data: &'static str,
    pub sim_province: &'static str,
    /// `casebook similar`'s headings, and what its score is.
    pub sim_heads: [&'static str; 4],
    /// `{violation}`, `{provision}`, `{sector}`, `{data}`, `{province}`: the points of each.
    pub sim_score: &'static str,
    pub row_party: &'static str,
    pub row_party_kind: &'static str,
    pub row_place: &'static str,
    pub row_sector: &'static str,
    pub row_authority: &'static str,
    pub row_found: &'static str,
    pub row_conduct: &'static str,
    pub row_decided: &'static str,
    pub row_summary: &'static str,
    pub row_summary_en: &'static str,
    pub row_data_kinds: &'static str,
    pub row_records: &'static str,
    pub row_amount: &'static str,
    pub row_gains: &'static str,
    pub row_other_counts: &'static str,
    pub row_violations: &'static str,
    pub row_provisions: &'static str,
    pub row_penalty: &'static str,
    /// After a penalty announced as intended, not decided.
    pub penalty_proposed: &'static str,
    /// The same, short, in lists.
    pub penalty_proposed_short: &'static str,
    /// After a fine that also punishes another violation: `{what}`.
    pub penalty_combined: &'static str,
    /// A court's judgment: the row and its parts.
    pub row_judgment: &'static str,
    /// `{court}`, `{number}`.
    pub judgment_court: &'static str,
    /// `{claimant}`.
    pub judgment_claimant: &'static str,
    /// `{prison}`, `{probation}`: months.
    pub judgment_sentence: &'static str,
    pub judgment_remedies: &'static str,
    /// What a source is.
    pub source_decision: &'static str,
    pub source_report: &'static str,
    pub source_copy: &'static str,
    pub row_range: &'static str,
    pub row_sources: &'static str,
    pub role_violated: &'static str,
    pub role_penalty: &'static str,
    pub role_transfer: &'static str,
    pub basis_stated: &'static str,
    pub basis_governing: &'static str,
    /// A case's citation: the provisions its source cites, and those the library reads as
    /// governing the conduct, each group after its label; `{role}`, `{list}`: one role's part.
    pub cite_stated: &'static str,
    pub cite_governing: &'static str,
    pub cite_role: &'static str,
    pub cite_position: &'static str,
    // The law: provisions, their cases, status and relations, penalty position, thresholds
    pub sec_text: &'static str,
    pub sec_range: &'static str,
    pub sec_linked: &'static str,
    /// Fines in practice: the section, its rows and parts.
    pub sec_practice: &'static str,
    pub row_practice_range: &'static str,
    /// `{n}` decisions, `{low}` to `{high}`.
    pub practice_range: &'static str,
    /// What the range is, and is not.
    pub practice_note: &'static str,
    pub row_practice_decided: &'static str,
    pub row_practice_apart: &'static str,
    pub practice_no_gains: &'static str,
    /// `{gains}`.
    pub practice_gains: &'static str,
    pub practice_gains_explained: &'static str,
    pub practice_gains_not_stated: &'static str,
    pub decided_not_stated: &'static str,

    pub sec_today: &'static str,
    pub sec_thresholds: &'static str,
    pub row_text: &'static str,
    pub row_version: &'static str,
    pub row_in_force: &'static str,
    pub row_status: &'static str,
    pub row_note: &'static str,
    pub row_figures: &'static str,
    pub row_linked_stated: &'static str,
    pub row_linked_governing: &'static str,
    pub row_today: &'static str,
    pub row_relations: &'static str,
    pub row_judged_on: &'static str,
    /// `{since}`.
    pub status_in_force: &'static str,
    /// `{from}`.
    pub status_not_yet: &'static str,
    /// `{on}`.
    pub status_repealed: &'static str,
    /// `{on}`.
    pub status_amended: &'static str,
    /// `{confirmed}`.
    pub status_unverified: &'static str,
    pub status_unknown: &'static str,
    /// Not yet in force, ceased, unverified, unknown: one word each, for lists.
    pub status_short: [&'static str; 4],
    pub at_in_force: &'static str,
    /// `{from}`.
    pub at_later: &'static str,
    /// `{on}`.
    pub at_ceased: &'static str,
    pub at_unknown: &'static str,
    /// The case's dates a judgement rests on: conduct from, conduct to, decision, publication.
    pub case_date_kinds: [&'static str; 4],
    /// How a provision stands to another, `{other}` being the other, in the order of
    /// `RelationKind::ALL`: (seen from `from`, seen from `to`).
    pub relation_phrases: [(&'static str, &'static str); 9],
    pub relation_reading: &'static str,
    /// A relation's kind in a word or two, in the order of `RelationKind::ALL`.
    pub relation_kind_names: [&'static str; 9],
    /// `{if}`, `{verdict}`, `{threshold}`.
    pub kf_if_tier: &'static str,
    pub row_position: &'static str,
    pub row_threshold: &'static str,
    pub none: &'static str,
    /// `{n}`: how many more cases are linked than are listed.
    pub more_cases: &'static str,
    pub fig_fine_max: &'static str,
    /// `{condition}`: the cap of a provision that sets it on a condition.
    pub fig_fine_max_if: &'static str,
    pub fig_gains: &'static str,
    pub fig_prison: &'static str,
    pub fig_individual: &'static str,
    pub fig_serious: &'static str,
    pub fig_turnover: &'static str,
    /// `{amount}`, `{citation}`, `{cap}`, `{share}`.
    pub position_line: &'static str,
    /// `{low}`, `{high}`.
    pub position_gains: &'static str,
    /// `{amount}`, `{gains}`, `{times}`, `{low}`, `{high}`, `{citation}`, `{verdict}`.
    pub position_multiple: &'static str,
    pub within: &'static str,
    pub outside: &'static str,
    pub position_over: &'static str,
    pub position_unknown: &'static str,
    /// A fine that was only proposed, or also punishes another violation, is not placed.
    pub position_apart: &'static str,
    pub threshold_disclaimer: &'static str,
    /// `{value}`, `{unit}`, `{item}`, `{threshold}`, `{verdict}`.
    pub threshold_line: &'static str,
    /// `{threshold}`, `{verdict}`.
    pub threshold_in_duty: &'static str,
    /// `{threshold}`, `{verdict}`.
    pub threshold_especially: &'static str,
    /// `{value}`, `{threshold}`, `{item}`, `{what}`, `{items}`: the count reaches the highest record
    /// tier, so whichever tier the data fall under.
    pub threshold_any_reached: &'static str,
    /// The same when it reaches none.
    pub threshold_any_short: &'static str,
    /// `{value}`, `{threshold}`, `{item}`, `{what}`: reached, if the data fall under this tier.
    pub threshold_if_reached: &'static str,
    /// Not reached, under this tier.
    pub threshold_if_not: &'static str,
    pub reached: &'static str,
    pub not_reached: &'static str,
    pub yuan_unit: &'static str,
    /// `{n}`: the position in the published list.
    pub position: &'static str,
    /// `{announced}` published, `{identified}` identified.
    pub published_identified: &'static str,
    // Case list columns
    pub col_party: &'static str,
    pub col_province: &'static str,
    pub col_sector: &'static str,
    pub col_penalty: &'static str,
    /// Explains the mark on inferred values in a table.
    pub inferred_footnote: &'static str,
    // Browser
    pub app_title: &'static str,
    pub pane_facets: &'static str,
    pub pane_list: &'static str,
    pub pane_detail: &'static str,
    pub facet_sector: &'static str,
    pub facet_province: &'static str,
    pub facet_violation: &'static str,
    pub facet_penalty: &'static str,
    pub facet_collection: &'static str,
    /// `{n}`: how many of a facet's values are chosen.
    pub facet_chosen: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub no_match: &'static str,
    /// `{words}`: each word with how many cases it finds alone.
    pub suggest_words: &'static str,
    /// `{values}`: facet values a word names.
    pub suggest_values: &'static str,
    /// `{words}`: the library's words nearest to a word that finds nothing.
    pub suggest_nearest: &'static str,
    /// `{provisions}`: the provisions the query finds.
    pub suggest_provisions: &'static str,
    /// `{n}`: how many more provisions than those named.
    pub suggest_more: &'static str,
    /// In the browser, under the provisions: the key that opens the first.
    pub suggest_open_provision: &'static str,
    /// A word of two or three Latin letters found nothing.
    pub suggest_initials: &'static str,
    /// `{n}`: the library's cases, which clearing the search shows.
    pub suggest_clear: &'static str,
    /// While the words that would find something are still being looked for.
    pub suggest_pending: &'static str,
    /// `{query}`: on the command line, the command that lists the provisions the query finds.
    pub suggest_statute_command: &'static str,
    /// `{n}`: on the command line, the library's cases and the command that lists them.
    pub suggest_list_command: &'static str,
    pub searched_for: &'static str,
    /// Before the words a phrase was cut into, when it found nothing whole.
    pub searched_as_words: &'static str,
    pub no_case_selected: &'static str,
    pub filters: &'static str,
    pub too_small: &'static str,
    pub help_title: &'static str,
    pub help_close: &'static str,
    pub help_scroll: &'static str,
    pub group_browse: &'static str,
    pub group_search: &'static str,
    pub group_statute: &'static str,
    pub group_help: &'static str,
    pub group_training: &'static str,
    pub group_stats: &'static str,
    pub group_assess: &'static str,
    pub group_everywhere: &'static str,
    // Key descriptions
    pub key_down: &'static str,
    pub key_up: &'static str,
    pub key_first: &'static str,
    pub key_last: &'static str,
    pub key_page_down: &'static str,
    pub key_page_up: &'static str,
    pub key_next_pane: &'static str,
    pub key_prev_pane: &'static str,
    pub key_open: &'static str,
    pub key_back: &'static str,
    pub key_back_search: &'static str,
    pub key_search: &'static str,
    pub key_search_open: &'static str,
    pub key_search_leave: &'static str,
    pub key_result_next: &'static str,
    pub key_result_prev: &'static str,
    pub key_search_word: &'static str,
    pub key_search_clear: &'static str,
    pub key_search_statutes: &'static str,
    pub key_search_delete: &'static str,
    pub key_search_move: &'static str,
    pub key_facets: &'static str,
    pub key_next_match: &'static str,
    pub key_prev_match: &'static str,
    pub key_toggle: &'static str,
    pub key_clear: &'static str,
    pub key_help: &'static str,
    pub key_training: &'static str,
    pub key_training_all: &'static str,
    pub key_assess: &'static str,
    pub key_exam: &'static str,
    pub key_next_field: &'static str,
    pub key_form_or_result: &'static str,
    pub key_change_value: &'static str,
    pub key_tick: &'static str,
    pub key_clear_field: &'static str,
    pub key_copy_assessment: &'static str,
    pub key_copy_report: &'static str,
    pub key_export_assessment: &'static str,
    pub key_answer: &'static str,
    pub key_yes: &'static str,
    pub key_no: &'static str,
    pub key_digit: &'static str,
    pub key_digit_delete: &'static str,
    pub key_go_on: &'static str,
    pub key_summary: &'static str,
    pub key_stats: &'static str,
    pub key_lang: &'static str,
    /// The training strings.
    pub training: &'static training::TrainingCatalog,
    /// The decision aid's strings.
    pub assess: &'static assess::AssessCatalog,
    pub config: &'static config::ConfigCatalog,
    pub key_goto: &'static str,
    pub key_show_empty: &'static str,
    pub key_wide: &'static str,
    pub key_copy_citation: &'static str,
    pub key_copy_sheet: &'static str,
    pub key_copy_provision: &'static str,
    pub copied_citation: &'static str,
    /// Before a sheet's citation in its Markdown.
    pub cite_as_label: &'static str,
    pub copied_sheet: &'static str,
    pub copied_provision: &'static str,
    /// `{what}`, `{n}`: what was copied and how many characters.
    pub copied: &'static str,
    pub copy_off: &'static str,
    /// `{n}`, `{dir}`: files of an office's directory left out for their problems.
    pub left_out_banner: &'static str,
    pub key_export: &'static str,
    /// `{n}`: the number of cases in an exported list.
    pub export_list_title: &'static str,
    /// `{path}`: where an export was written.
    pub exported: &'static str,
    /// `{error}`: why an export could not be written.
    pub export_failed: &'static str,
    pub key_next_group: &'static str,
    pub key_prev_group: &'static str,
    pub goto_title: &'static str,
    pub goto_label: &'static str,
    pub goto_hint: &'static str,
    pub goto_none: &'static str,
    /// The man page's section on the browser's keys: its title and first paragraph.
    pub man_keys: &'static str,
    pub man_keys_intro: &'static str,
    /// `{n}`, `{collection}`, `{count}`: a number the publisher counted whose case no source
    /// names.
    pub unidentified: &'static str,
    pub key_statutes: &'static str,
    pub key_open_provision: &'static str,
    /// `{query}`: the statute view's search keeps no provision.
    pub statute_none: &'static str,
    /// On the list: a digit opens the case published under that number.
    pub key_open_published: &'static str,
    /// What a digit does in the browser, for the help screen: both of the above.
    pub key_open_number: &'static str,
    pub key_open_case: &'static str,
    pub key_next_provision: &'static str,
    pub key_prev_provision: &'static str,
    pub pane_statutes: &'static str,
    pub key_quit: &'static str,
    pub key_redraw: &'static str,
    /// The width, in cells, of the label column of a sheet (Chinese labels are short).
    pub label_cells: usize,
    /// Between items of a list (`、`), between clauses (`；`), after a label (`：`).
    pub list_sep: &'static str,
    pub clause_sep: &'static str,
    pub colon: &'static str,
    /// `{text}` with `{note}` in brackets.
    pub paren: &'static str,
    /// A section heading in plain text.
    pub section_heading: &'static str,
    // Statistics
    pub stats_title: &'static str,
    pub stats_campaign: &'static str,
    pub stats_library: &'static str,
    /// The library's charts on every case, and on a filter given on the command line.
    pub stats_library_all: &'static str,
    pub stats_library_filtered: &'static str,
    pub stats_chart: &'static str,
    pub stats_dim_sector: &'static str,
    pub stats_dim_violation: &'static str,
    pub stats_metric_cases: &'static str,
    pub stats_metric_records: &'static str,
    pub stats_metric_amount: &'static str,
    pub stats_remainder: &'static str,
    pub stats_source: &'static str,
    pub stats_lib_chart: &'static str,
    pub stats_lib_sector: &'static str,
    pub stats_lib_province: &'static str,
    pub stats_lib_violation: &'static str,
    pub stats_lib_penalty: &'static str,
    pub stats_lib_year: &'static str,
    pub stats_lib_records: &'static str,
    /// The chart of fines decided, one bar each.
    pub stats_lib_fines: &'static str,
    /// `{n}`: fines left out of it (proposed, or shared with another violation).
    pub stats_fines_apart: &'static str,
    pub stats_lib_statutes: &'static str,
    pub stats_more: &'static str,
    pub stats_more_cases: &'static str,
    pub stats_records_missing: &'static str,
    pub stats_no_law: &'static str,
    pub stats_hint: &'static str,
    pub stats_inferred: &'static str,
    // Command-line messages
    pub cli_no_case: &'static str,
    pub cli_names_cases: &'static str,
    pub cli_names_provisions: &'static str,
    pub cli_no_statute: &'static str,
    pub cli_no_single_value: &'static str,
    pub cli_library_problems: &'static str,
    pub cli_config_problems: &'static str,
    pub cli_only_needs_cases: &'static str,
    pub export_remote: &'static str,
    pub cli_left_out: &'static str,
    pub cli_cannot_write: &'static str,
    pub cli_problems_found: &'static str,
    pub cli_dir_unreadable: &'static str,
    pub cli_ignored: &'static str,
    pub cli_no_case_files: &'static str,
    pub cli_all_valid: &'static str,
    pub cli_some_invalid: &'static str,
    pub cli_builtin_valid: &'static str,
    /// After content shown in Chinese because it has no English form.
    pub lang_mark_zh: &'static str,
    /// The label of a provision's English gloss beside its Chinese text.
    pub law_gloss: &'static str,
}

/// The Chinese interface (the default).
pub static ZH: Catalog = Catalog {
    lang: Lang::Zh,
    not_stated: "未载明 (not stated)",
    not_stated_short: "未载明",
    inferred: "推断",
    cases_of: "{n} / {total} 例",
    cases_n: "{n} 例",
    statute_heads: ["id", "条文", "今天的状态", "内容提要"],
    records_unit: "条",
    sec_key_facts: "要点",
    row_kf_id: "编号",
    row_kf_data: "数据",
    row_kf_law: "条款",
    kf_violated: "违反 {violated}",
    kf_penalty: "处罚依据 {penalty}",
    kf_violated_missing: "违反条款未载明",
    kf_penalty_missing: "处罚依据未载明",
    kf_transfer: "移送依据 {transfer}",
    kf_records_missing: "条数未载明",
    kf_kinds_missing: "种类未载明",
    kf_tiers: "{value} 条：{reached}",
    kf_not_a_finding: "（门槛比较，非法律认定）",
    sec_party: "当事人与地点",
    sec_authority: "执法机关与日期",
    sec_happened: "案情",
    sec_data: "涉及个人信息",
    sec_violations: "违法行为",
    sec_law: "法律依据",
    sec_penalty: "处罚",
    sec_similar: "相似案例",
    row_similar: "相似",
    sim_violation: "同违法行为",
    sim_provision: "同条款",
    sim_sector: "同行业",
    sim_data: "同类数据",
    sim_province: "同省份",
    sim_heads: ["得分", "ID", "当事人", "相同之处"],
    sim_score: "得分：每个相同的违法行为 {violation} 分、条款 {provision} 分、行业 {sector} 分、数据种类 {data} 分、省份 {province} 分，相加；分高者在前",
    sec_sources: "来源",
    row_party: "当事人",
    row_party_kind: "类型",
    row_place: "地点",
    row_sector: "行业",
    row_authority: "执法机关",
    row_found: "发现线索",
    row_conduct: "违法期间",
    row_decided: "处罚决定",
    row_summary: "概述",
    row_summary_en: "English",
    row_data_kinds: "信息种类",
    row_records: "信息条数",
    row_amount: "涉案金额",
    row_gains: "违法所得",
    row_other_counts: "其他数量",
    row_violations: "违法行为",
    row_provisions: "条款",
    row_penalty: "处罚",
    penalty_proposed: "（拟处罚，不是处罚决定）",
    penalty_proposed_short: "（拟）",
    penalty_combined: "（合并处罚：{what}）",
    row_judgment: "判决",
    judgment_court: "{court} {number}",
    judgment_claimant: "公益诉讼起诉人：{claimant}",
    judgment_sentence: "有期徒刑 {prison} 个月，缓刑 {probation} 个月",
    judgment_remedies: "公益诉讼责任：",
    source_decision: "决定或判决原文",
    source_report: "新闻报道",
    source_copy: "转载或镜像",
    row_range: "法定幅度",
    row_sources: "来源",
    role_violated: "违反条款",
    role_penalty: "处罚依据",
    role_transfer: "移送依据",
    basis_stated: "来源引用",
    basis_governing: "适用条款（来源未引用）",
    cite_stated: "来源引用",
    cite_governing: "本库的理解（来源未引用条款）",
    cite_role: "{role}{list}",
    cite_position: "{collection}{position}",
    sec_text: "条文",
    sec_range: "处罚幅度",
    sec_linked: "关联案例",
    sec_practice: "实践中的罚款（本库案例）",
    row_practice_range: "罚款范围",
    practice_range: "{n} 件处罚决定，罚款 {low} 至 {high}",
    practice_note: "只计本库案例中已作出的罚款；不是全部执法实践，也不是裁量标准。",
    row_practice_decided: "各件决定",
    row_practice_apart: "不计入",
    practice_no_gains: "来源称无违法所得",
    practice_gains: "违法所得 {gains}",
    practice_gains_explained: "违法所得无法计算（来源说明）",
    practice_gains_not_stated: "违法所得未载明",
    decided_not_stated: "决定日期未载明",

    sec_today: "今天的法律",
    sec_thresholds: "入罪门槛",
    row_text: "条文",
    row_version: "版本",
    row_in_force: "施行",
    row_status: "今天",
    row_note: "说明",
    row_figures: "数字",
    row_linked_stated: "来源引用",
    row_linked_governing: "适用条款",
    row_today: "今天",
    row_relations: "相关规定",
    row_judged_on: "依本案日期",
    status_in_force: "现行有效，{since} 起施行",
    status_not_yet: "尚未施行，{from} 起施行",
    status_repealed: "已废止，{on} 起",
    status_amended: "此版本 {on} 起不再施行，法律已修正",
    status_unverified: "现行状态未核实，来源确认有效至 {confirmed}",
    status_unknown: "施行日期未载明，状态不详",
    status_short: ["尚未施行", "已失效", "状态未核实", "状态不详"],
    at_in_force: "案发时有效",
    at_later: "{from} 起施行，晚于本案，不是本案适用的法律",
    at_ceased: "{on} 起已不再施行，早于本案",
    at_unknown: "本案日期不足以判断当时是否有效",
    case_date_kinds: ["违法行为始于", "违法行为止于", "处罚决定", "所在名单公布"],
    relation_phrases: [
        ("实施 {other}", "由 {other} 作出具体规定"),
        ("并行适用：{other}", "并行适用：{other}"),
        ("改为 {other}（文字未变）", "原为 {other}（文字未变）"),
        ("修正后为 {other}", "修正前为 {other}"),
        ("并入 {other}", "由 {other} 并入"),
        ("被 {other} 所在的法律废止", "所在的法律废止了 {other}"),
        ("违反本条的，依 {other} 处罚", "违反 {other} 的，依本条处罚"),
        ("指向 {other}", "{other} 指向本条"),
        ("相关：{other}", "相关：{other}"),
    ],
    relation_reading: "本库的理解",
    relation_kind_names: [
        "实施",
        "并行适用",
        "改号，文字未变",
        "同号修正",
        "合并入新条",
        "所在法律被废止",
        "依其处罚",
        "指向",
        "相关",
    ],
    kf_if_tier: "如属{if}，{verdict} {threshold} 条",
    row_position: "幅度中的位置",
    row_threshold: "门槛比较",
    none: "无",
    more_cases: "……另有 {n} 例（casebook statute ID --json 列出全部）",
    fig_fine_max: "无违法所得时罚款上限",
    fig_fine_max_if: "{condition}，罚款上限",
    fig_gains: "违法所得的倍数",
    fig_prison: "有期徒刑上限（年）",
    fig_individual: "直接责任人员罚款",
    fig_serious: "情节严重时罚款上限",
    fig_turnover: "或上一年度营业额的百分比",
    position_line: "{amount}：{citation} 无违法所得时罚款上限 {cap} 的 {share}",
    position_gains: "有违法所得时，幅度为违法所得的 {low}–{high} 倍（来源未载明违法所得）",
    position_multiple: "{amount}：违法所得 {gains} 的 {times} 倍；{citation} 的幅度为 {low}–{high} 倍 — {verdict}",
    within: "在幅度内",
    outside: "在幅度外",
    position_over: "超过无违法所得时的上限：罚款应以违法所得为基数（来源未载明违法所得）",
    position_unknown: "处罚数额未载明 (not stated)；适用的幅度见上一行",
    position_apart: "拟处罚或合并处罚的数额不放入幅度比较；适用的幅度见上一行",
    threshold_disclaimer: "门槛比较，非法律认定 (threshold comparison, not a legal finding)",
    threshold_line: "{value} {unit}：{item} 标准 {threshold} {unit} — {verdict}",
    threshold_in_duty: "如系履职或提供服务中获得，标准减半为 {threshold}（{item}）— {verdict}",
    threshold_especially: "情节特别严重（十倍，{item}）{threshold} — {verdict}",
    threshold_any_reached: "{value} 条达到 {threshold} 条（{item}：{what}）——数据无论属哪一项（{items}），均达到「情节严重」的数量标准",
    threshold_any_short: "{value} 条未达 {threshold} 条（{item}：{what}）——数据无论属哪一项（{items}），均未达到数量标准",
    threshold_if_reached: "{value} 条达到 {threshold} 条（{item}），如数据属{what}",
    threshold_if_not: "{value} 条未达 {threshold} 条（{item}：{what}）",
    reached: "已达到",
    not_reached: "未达到",
    yuan_unit: "元",
    position: "第 {n} 例",
    published_identified: "公布 {announced} 例，已识别 {identified} 例",
    col_party: "当事人",
    col_province: "省份",
    col_sector: "行业",
    col_penalty: "处罚",
    inferred_footnote: "* 推断（来源未载明，见 casebook show ID）",
    app_title: "casebook 个人信息执法案例",
    pane_facets: "筛选",
    pane_list: "案例",
    pane_detail: "详情",
    facet_sector: "行业",
    facet_province: "省份",
    facet_violation: "违法行为",
    facet_penalty: "处罚种类",
    facet_chosen: "已选 {n}",
    facet_collection: "案例集",
    search_label: "搜索",
    search_placeholder: "按 {key} 输入关键词",
    no_match: "没有符合条件的案例",
    suggest_words: "各词单独：{words}",
    suggest_values: "可选的筛选值：{values}",
    suggest_nearest: "相近的词：{words}",
    suggest_provisions: "「{what}」的相关条款：{provisions}",
    suggest_more: "另 {n} 条",
    suggest_open_provision: "离开输入框（Esc）后按 s 打开第一条。",
    suggest_initials: "拼音首字母只拼当事人名称和地名里的完整词（sc → 四川，fdd → 房多多）；全拼可以拼任何字（sichuan）。",
    suggest_clear: "换个说法，或清空搜索（Esc）看全部 {n} 例。",
    suggest_pending: "正在找能找到案例的词……",
    searched_as_words: "按词",
    suggest_statute_command: "查看这些条款：casebook statute {query}",
    suggest_list_command: "换个说法，或用 casebook list 列出全部 {n} 例。",
    searched_for: "搜索",
    no_case_selected: "未选择案例",
    filters: "筛选",
    too_small: "终端太小，请放大窗口",
    help_title: "按键帮助",
    help_close: "{back} 或 {help} 关闭",
    help_scroll: "{down} {up} 滚动",
    group_browse: "浏览案例",
    group_search: "输入框（搜索、前往）",
    group_statute: "法条",
    group_help: "帮助",
    group_training: "练习",
    group_stats: "统计",
    group_assess: "辅助分析",
    group_everywhere: "各画面通用",
    key_down: "下移",
    key_up: "上移",
    key_first: "第一项",
    key_last: "最后一项",
    key_page_down: "下翻一页",
    key_page_up: "上翻一页",
    key_next_pane: "下一窗格",
    key_prev_pane: "上一窗格",
    key_open: "打开",
    key_back: "返回",
    key_back_search: "返回；清除搜索词",
    key_search: "搜索",
    key_search_open: "打开选中的结果",
    key_search_leave: "离开输入框",
    key_result_next: "下一个结果",
    key_result_prev: "上一个结果",
    key_search_word: "删除前一个词",
    key_search_clear: "清空搜索框",
    key_search_statutes: "搜索条款",
    key_search_delete: "删除字符",
    key_search_move: "移动光标",
    key_facets: "筛选栏",
    key_next_match: "详情中下一处匹配",
    key_prev_match: "详情中上一处匹配",
    key_toggle: "选中／取消筛选值",
    key_clear: "清除全部筛选",
    key_help: "帮助",
    key_training: "练习",
    key_training_all: "练习（全部）",
    key_exam: "考试（输入考试代码）",
    key_assess: "案件辅助分析",
    key_next_field: "下一项",
    key_form_or_result: "结果／表单",
    key_change_value: "换值",
    key_tick: "勾选",
    key_clear_field: "清空此项",
    key_copy_assessment: "复制",
    key_copy_report: "复制全文（Markdown）",
    key_export_assessment: "导出为文件",
    key_answer: "选择答案",
    key_yes: "是",
    key_no: "否",
    key_digit: "输入数字／打开链接",
    key_digit_delete: "删除一位数字",
    key_go_on: "确认／下一题",
    key_summary: "小结",
    key_stats: "统计",
    key_lang: "中文／English",
    training: &training::ZH,
    assess: &assess::ZH,
    config: &config::ZH,
    key_goto: "前往第 N 例",
    key_show_empty: "显示／隐藏无案例的值",
    key_wide: "详情全宽／并排",
    key_copy_citation: "复制案例引用",
    key_copy_sheet: "复制案例全文",
    key_copy_provision: "复制条款与全文",
    copied_citation: "引用",
    cite_as_label: "引用",
    copied_sheet: "案例全文（Markdown）",
    copied_provision: "条款与全文",
    copied: "已复制{what}：{n} 字",
    copy_off: "复制已关闭（--no-osc52）",
    left_out_banner: "{n} 个文件有问题未载入，见 casebook validate {dir}",
    key_export: "导出 Markdown 文件",
    export_list_title: "案例列表（{n} 例）",
    exported: "已导出：{path}",
    export_failed: "导出失败：{error}",
    key_next_group: "下一个筛选组",
    key_prev_group: "上一个筛选组",
    goto_title: "前往案例",
    goto_label: "编号或 id",
    goto_hint: "输入公布的编号（如 7）或案例 id，Enter 打开",
    goto_none: "没有这个编号或 id 的案例",
    man_keys: "浏览器按键",
    man_keys_intro: "不带命令运行 casebook 打开浏览器。以下是内置的按键；配置文件的 [keys] 可以更改（见 casebook config --default），浏览器中按 ? 显示生效的按键。",
    unidentified: "{collection}公布的第 {n} 例，本库尚未识别是哪一案（能查到的来源都没有写明；{count}）",
    key_statutes: "法条",
    key_open_provision: "打开编号的条款",
    key_open_published: "第N例",
    statute_none: "没有与「{query}」匹配的条款。Esc 清除搜索。",
    key_open_number: "第N例；详情中为编号",
    key_open_case: "打开编号的案例",
    key_next_provision: "下一条款",
    key_prev_provision: "上一条款",
    pane_statutes: "条款",
    key_quit: "退出",
    key_redraw: "重绘屏幕",
    cli_no_case: "没有案例「{id}」；最接近的 id：{nearest}",
    cli_names_cases: "「{what}」对应 {n} 个案例，请选一个：",
    cli_names_provisions: "「{what}」对应 {n} 条规定，请选一条：",
    cli_no_statute: "没有规定「{id}」；最接近的 id：{nearest}",
    cli_no_single_value: "{flag}「{typed}」没有对应唯一的值；可选：{choices}",
    cli_library_problems: "案例库有 {n} 个问题，未载入任何内容",
    cli_config_problems: "配置文件有 {n} 个问题；请改正后再运行（casebook config --default 给出一份默认配置）",
    cli_only_needs_cases: "--only 需要 --cases DIR（或配置文件中的 cases）",
    export_remote: "远程会话中不能导出文件；请用 Y 复制全文",
    cli_left_out: "有问题的 {n} 个文件未载入：{files}；`casebook validate {dir}` 列出原因",
    cli_cannot_write: "无法输出 {what}：{error}",
    cli_problems_found: "发现 {n} 个问题",
    cli_dir_unreadable: "{name}：无法读取目录：{error}",
    cli_ignored: "警告：{name}/{file}：已忽略：{why}",
    cli_no_case_files: "{name} 中没有案例文件",
    cli_all_valid: "{name}：{total} 个案例文件，全部有效",
    cli_some_invalid: "{name}：{total} 个案例文件，{valid} 个有效，{bad} 个有问题",
    cli_builtin_valid: "内置案例库：有效（{cases} 个案例，{statutes} 条规定）",
    stats_title: "统计",
    stats_campaign: "2019 年专项执法行动（全国，已公布的数字）",
    stats_library: "案例库：{n} 例（当前筛选）",
    stats_library_all: "案例库：{n} 例",
    stats_library_filtered: "案例库：{n} 例（筛选：{filter}）",
    stats_chart: "{dimension}：{metric}（合计 {total}）",
    stats_dim_sector: "按行业",
    stats_dim_violation: "按违法行为",
    stats_metric_cases: "案件数",
    stats_metric_records: "涉案信息条数",
    stats_metric_amount: "罚没款",
    stats_remainder: "其余（由总数计算）",
    stats_source: "来源：{source}",
    stats_lib_chart: "{what}（{n} 例）",
    stats_lib_sector: "行业",
    stats_lib_province: "省份",
    stats_lib_violation: "违法行为",
    stats_lib_penalty: "处罚种类",
    stats_lib_year: "处罚年份",
    stats_lib_records: "每案信息条数",
    stats_lib_fines: "已决定的罚款（每件一条）",
    stats_fines_apart: "另有 {n} 笔拟处罚或合并处罚的罚款不计入",
    stats_lib_statutes: "条款关联案例数",
    stats_more: "其余 {n} 项",
    stats_more_cases: "另有 {n} 例未列出",
    stats_records_missing: "{n} 例未载明条数",
    stats_no_law: "{n} 例未载明条款",
    stats_hint: "{down} {up} 翻动 · {back} 返回",
    stats_inferred: "* 推断（来源未载明，另计）",
    label_cells: 8,
    list_sep: "、",
    clause_sep: "；",
    colon: "：",
    paren: "{text}（{note}）",
    section_heading: "【{heading}】",
    lang_mark_zh: "",
    law_gloss: "英文摘要",
};

/// Fills `{name}` placeholders of a catalog string.
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        let slot = format!("{{{name}}}");
        if value == "1" {
            out = singular_after(&out, &slot);
        }
        out = out.replace(&slot, value);
    }
    out
}

/// `publisher 2019-11-18`, or the publisher alone when there is no date.
fn with_date(publisher: &str, date: Option<crate::library::PartialDate>) -> String {
    match date {
        Some(date) => format!("{publisher} {date}"),
        None => publisher.to_string(),
    }
}

/// English nouns a template counts, and their singular: `{n} cases` with n = 1 reads `1 case`.
/// (Chinese has no plural; its templates never hold these words.)
const PLURALS: [(&str, &str); 16] = [
    ("cases", "case"),
    ("case files", "case file"),
    ("files", "file"),
    ("records", "record"),
    ("decisions", "decision"),
    ("provisions", "provision"),
    ("statutes", "statute"),
    ("exercises", "exercise"),
    ("trainees", "trainee"),
    ("fines", "fine"),
    ("answers", "answer"),
    ("attempts", "attempt"),
    ("characters", "character"),
    ("months", "month"),
    ("years", "year"),
    ("problems", "problem"),
];

/// `template` with the noun after `slot` (`{n} cases`) made singular.
fn singular_after(template: &str, slot: &str) -> String {
    let mut out = template.to_string();
    for (plural, singular) in PLURALS {
        for join in [" ", " more "] {
            out = out.replace(
                &format!("{slot}{join}{plural}"),
                &format!("{slot}{join}{singular}"),
            );
        }
    }
    out
}

impl Catalog {
    /// A facet's title.
    pub fn facet(&self, facet: crate::query::filter::Facet) -> &'static str {
        use crate::query::filter::Facet;
        match facet {
            Facet::Sector => self.facet_sector,
            Facet::Province => self.facet_province,
            Facet::Violation => self.facet_violation,
            Facet::Penalty => self.facet_penalty,
            Facet::Collection => self.facet_collection,
        }
    }

    /// Content in the interface language: in English, the English form where the data has one,
    /// else the Chinese, marked `[zh]`; in Chinese, the Chinese.
    pub fn content(&self, zh: &str, en: Option<&str>) -> String {
        match (self.lang, en.filter(|en| !en.trim().is_empty())) {
            (Lang::En, Some(en)) => en.to_string(),
            (Lang::En, None) => format!("{zh}{}", self.lang_mark_zh),
            (Lang::Zh, _) => zh.to_string(),
        }
    }

    /// A note the data write in English, with a Chinese version where there is one: the Chinese
    /// in Chinese, else the English.
    pub fn english_first(&self, en: &str, zh: Option<&str>) -> String {
        match (self.lang, zh.filter(|zh| !zh.trim().is_empty())) {
            (Lang::Zh, Some(zh)) => zh.to_string(),
            _ => en.to_string(),
        }
    }

    /// The other language's form of content shown with [`Catalog::content`], to show beside it.
    pub fn content_other(&self, zh: &str, en: Option<&str>) -> Option<String> {
        match self.lang {
            Lang::En => en.is_some().then(|| zh.to_string()),
            Lang::Zh => en.map(str::to_string),
        }
    }

    /// A provision's short citation in the interface language: `消法 第二十九条第一款`,
    /// `CPRL Art. 29(1)`.
    pub fn cite(&self, statute: &crate::library::Statute) -> String {
        match self.lang {
            Lang::Zh => statute.citation(),
            Lang::En => statute.citation_en(),
        }
    }

    /// A provision cited as a penalty basis, with the item that applies, in the interface
    /// language.
    pub fn penalty_cite(&self, statute: &crate::library::Statute) -> String {
        match self.lang {
            Lang::Zh => statute.penalty_citation(),
            Lang::En => statute.penalty_citation_en(),
        }
    }

    /// A place inside a provision's law (`第五条第一款第（三）项`) with the law's short name.
    pub fn item_cite(&self, statute: &crate::library::Statute, item: &str) -> String {
        match self.lang {
            Lang::Zh => format!(
                "{} {item}",
                statute.short.as_deref().unwrap_or(&statute.law)
            ),
            Lang::En => statute.item_en(item),
        }
    }

    /// An article reference alone (`第五条第一款第（七）项`), as the interface language writes it.
    pub fn article(&self, text: &str) -> String {
        match self.lang {
            Lang::Zh => text.to_string(),
            Lang::En => {
                crate::library::article::article_en(text).unwrap_or_else(|| text.to_string())
            }
        }
    }

    /// A vocabulary label in the interface language.
    pub fn label<'a>(&self, label: &'a crate::library::Label) -> &'a str {
        match self.lang {
            Lang::Zh => &label.zh,
            Lang::En => &label.en,
        }
    }

    /// The label of a vocabulary key in the interface language, or the key if the vocabulary
    /// lacks it.
    pub fn term(
        &self,
        library: &crate::library::Library,
        kind: crate::library::VocabKind,
        key: &str,
    ) -> String {
        library
            .vocab
            .term(kind, key)
            .map_or(key.to_string(), |t| self.label(&t.label).to_string())
    }

    /// A two-language message (a validation's or a refusal's) in this language.
    pub fn msg<'a>(&self, message: &'a crate::library::Msg) -> &'a str {
        match self.lang {
            Lang::Zh => &message.zh,
            Lang::En => &message.en,
        }
    }

    /// `text（note）` or `text (note)`.
    pub fn paren(&self, text: &str, note: &str) -> String {
        fill(
            self.paren,
            &[("text", text.to_string()), ("note", note.to_string())],
        )
    }

    /// A note the data write as `中文 (English)`: the part in the interface language (all of it
    /// when it has no English part).
    pub fn note_part<'a>(&self, note: &'a str) -> &'a str {
        match (note.split_once(" ("), self.lang) {
            (Some((zh, _)), Lang::Zh) => zh,
            (Some((_, en)), Lang::En) => en.strip_suffix(')').unwrap_or(en),
            (None, _) => note,
        }
    }

    /// A collection's title in the interface language.
    pub fn collection_title(&self, collection: &crate::library::Collection) -> String {
        self.content(&collection.title, collection.title_en.as_deref())
    }

    /// Who published a collection, and when: `国家市场监督管理总局 2019-11-18`; in English the
    /// publisher's English name where the library has one.
    pub fn collection_by(&self, collection: &crate::library::Collection) -> String {
        let publisher = match (self.lang, &collection.publisher_en) {
            (Lang::En, Some(en)) => en,
            _ => &collection.publisher,
        };
        with_date(publisher, collection.published)
    }

    /// A collection as a citation names it: `《打击……十大典型案例》（国家市场监督管理总局 2019-11-18）`;
    /// in English the title and publisher in English, each with its Chinese after it.
    pub fn collection_cited(&self, collection: &crate::library::Collection) -> String {
        let zh = format!("《{}》", collection.title);
        match self.lang {
            Lang::Zh => format!("{zh}（{}）", self.collection_by(collection)),
            Lang::En => {
                let title = match &collection.title_en {
                    Some(en) => format!("{en} ({zh})"),
                    None => zh,
                };
                let publisher = match &collection.publisher_en {
                    Some(en) => format!("{en} ({})", collection.publisher),
                    None => collection.publisher.clone(),
                };
                format!("{title}, {}", with_date(&publisher, collection.published))
            }
        }
    }

    /// `3 例`, `3 cases`, `1 case`.
    pub fn n_cases(&self, n: usize) -> String {
        fill(self.cases_n, &[("n", crate::text::thousands(n as u64))])
    }

    /// The law's own words inside an interface sentence: as they are in Chinese, in 「」 in
    /// English (so a reader sees they are quoted, not translated).
    pub fn law_words(&self, words: &str) -> String {
        match self.lang {
            Lang::Zh => words.to_string(),
            Lang::En => format!("「{words}」"),
        }
    }

    /// A provision's short heading in the interface language: the Chinese one where the file
    /// has it, else the English.
    pub fn heading<'s>(&self, statute: &'s crate::library::Statute) -> &'s str {
        match (self.lang, &statute.heading) {
            (Lang::Zh, Some(zh)) => zh,
            _ => &statute.heading_en,
        }
    }

    /// A law's name in the interface language: `中华人民共和国刑法`, `Criminal Law of the PRC`.
    pub fn law_name<'s>(&self, statute: &'s crate::library::Statute) -> &'s str {
        match self.lang {
            Lang::Zh => &statute.law,
            Lang::En => &statute.law_en,
        }
    }

    /// A place in a provision's law in its official form, in the interface language (see
    /// [`Statute::official`](crate::library::Statute::official)).
    pub fn official(&self, statute: &crate::library::Statute, place: &str) -> String {
        match self.lang {
            Lang::Zh => statute.official(place),
            Lang::En => statute.official_en(place),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_counts_of_one_are_singular() {
        let one = |t: &str| fill(t, &[("n", "1".to_string())]);
        assert_eq!(one("{n} cases"), "1 case");
        assert_eq!(one("{n} case files, 2 valid"), "1 case file, 2 valid");
        assert_eq!(one("{n} problems found"), "1 problem found");
        assert_eq!(one("{n} more records"), "1 more record");
        // Only the count's own noun, and only for exactly 1.
        assert_eq!(fill("{n} cases", &[("n", "11".to_string())]), "11 cases");
        assert_eq!(one("{n} of 25 cases"), "1 of 25 cases");
        assert_eq!(one("{n} 例"), "1 例");
    }

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_language_follows_the_flag_then_the_locale() {
        let lang = |asked, vars: &[(&str, &str)]| Lang::choose(asked, &env(vars));
        assert_eq!(lang(None, &[]), Lang::Zh, "unset: the primary audience");
        assert_eq!(lang(None, &[("LANG", "en_US.UTF-8")]), Lang::En);
        assert_eq!(lang(None, &[("LANG", "zh_CN.UTF-8")]), Lang::Zh);
        assert_eq!(lang(None, &[("LANG", "C")]), Lang::Zh);
        assert_eq!(lang(None, &[("LANG", "POSIX")]), Lang::Zh);
        assert_eq!(lang(None, &[("LANG", "fr_FR.UTF-8")]), Lang::Zh);
        // LC_ALL over LC_MESSAGES over LANG; an empty one does not count.
        let all = [
            ("LC_ALL", "en_GB"),
            ("LC_MESSAGES", "zh_CN"),
            ("LANG", "zh_CN"),
        ];
        assert_eq!(lang(None, &all), Lang::En);
        let messages = [("LC_ALL", ""), ("LC_MESSAGES", "en_US"), ("LANG", "zh_CN")];
        assert_eq!(lang(None, &messages), Lang::En);
        // --lang (or CASEBOOK_LANG, which clap reads into it) over the locale.
        assert_eq!(lang(Some(Lang::Zh), &all), Lang::Zh);
        assert_eq!(lang(Some(Lang::En), &[]), Lang::En);
    }

    #[test]
    fn content_falls_back_to_chinese_marked() {
        assert_eq!(EN.content("中文", Some("English")), "English");
        assert_eq!(EN.content("中文", None), "中文 [zh]");
        assert_eq!(ZH.content("中文", Some("English")), "中文");
        assert_eq!(
            EN.content_other("中文", Some("English")).as_deref(),
            Some("中文")
        );
        assert_eq!(ZH.content_other("中文", None), None);
        assert_eq!(
            EN.note_part("员工出售的价格 (the price an employee sold for)"),
            "the price an employee sold for"
        );
        assert_eq!(
            ZH.note_part("员工出售的价格 (the price an employee sold for)"),
            "员工出售的价格"
        );
    }

    /// The English catalogs carry no Chinese but where it is the point: the switch key's label,
    /// and the legal terms 情节严重 / 情节特别严重 quoted beside their English.
    #[test]
    fn the_english_catalogs_are_english() {
        let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let text = format!("{EN:?}");
        let allowed = ["中文", "情节严重", "情节特别严重"];
        let mut found: Vec<String> = Vec::new();
        for part in text.split('"') {
            let mut stripped = part.to_string();
            for a in allowed {
                stripped = stripped.replace(a, "");
            }
            if cjk(&stripped) {
                found.push(part.to_string());
            }
        }
        assert!(found.is_empty(), "{found:#?}");
        let training = format!("{:?}", training::EN);
        for part in training.split('"') {
            let mut stripped = part.to_string();
            for a in allowed {
                stripped = stripped.replace(a, "");
            }
            assert!(!cjk(&stripped), "{part}");
        }
    }
}
