//! Tests of the loader: the embedded library's facts, and every class of bad input in the schema's
//! validation list, each with its message and position.

use super::*;

/// A valid case file to start from; each bad-input test changes one thing.
const GOOD: &str = include_str!("../../tests/fixtures/office-case.toml");

fn file(name: &str, text: &[u8]) -> SourceFile {
    SourceFile {
        name: format!("office/{name}"),
        stem: name.trim_end_matches(".toml").to_string(),
        dir: "office/".to_string(),
        bytes: Ok(text.to_vec()),
        path: None,
        reused: None,
    }
}

/// Loads the embedded library extended by the given files; returns the report lines.
fn problems(files: Vec<SourceFile>) -> Vec<String> {
    match assemble(files::embedded(), Some(files), false) {
        Ok(_) => Vec::new(),
        Err(report) => report.problems.iter().map(|p| p.to_string()).collect(),
    }
}

/// The single problem of one case file named `office-case.toml` holding `text`.
fn one_problem(text: &str) -> String {
    let found = problems(vec![file("office-case.toml", text.as_bytes())]);
    assert_eq!(found.len(), 1, "expected one problem, got {found:#?}");
    found.into_iter().next().unwrap()
}

/// The built-in cases: nine of the 2019 list, thirteen later decisions, one guiding case.
const BUILT_IN: usize = 25;

fn embedded() -> Library {
    load(&LoadOptions::default()).expect("the embedded library is valid")
}

/// The built-in library: the 2019 list first, in published order, then the later collections (the compiled one unnumbered, by id).
#[test]
fn embedded_library_has_the_nine_identified_cases_in_published_order() {
    let library = embedded();
    let ids: Vec<&str> = library.cases[..9].iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "zhuji-xiangsheng",
            "qingdao-zhongxin",
            "alar-tongtianyi",
            "foshan-chengong",
            "yibin-yu",
            "beijing-maikainike",
            "nanning-fangduoduo",
            "changshu-jinghua",
            "luoyang-shoumao",
        ]
    );
    let positions: Vec<u64> = library.cases[..9]
        .iter()
        .filter_map(|c| c.position)
        .collect();
    assert_eq!(positions, (1..=9).collect::<Vec<_>>());
    let collections: Vec<&str> = library
        .cases
        .iter()
        .map(|c| c.collection.as_str())
        .collect();
    let mut order = collections.clone();
    order.dedup();
    assert_eq!(order, ["samr-2019-pi", "reported-later", "spc-guiding"]);
    assert_eq!(library.cases.len(), 9 + 15 + 1);
    let collection = library.collection("samr-2019-pi").unwrap();
    assert_eq!(collection.announced, Some(10));
    assert_eq!(collection.published.unwrap().to_string(), "2019-11-18");
    assert_eq!(library.identified_in("samr-2019-pi"), 9);
}

#[test]
fn embedded_library_holds_the_key_facts_exactly() {
    let library = embedded();
    let case = |id| library.case(id).unwrap();
    assert_eq!(case("nanning-fangduoduo").records, Some(1537));
    assert_eq!(case("beijing-maikainike").records, Some(480));
    let yibin = case("yibin-yu");
    assert_eq!(yibin.amount_yuan, Some(286_179));
    assert_eq!(yibin.quantity[0].value, 18_990);
    assert_eq!(yibin.records, None, "the source counts cards, not records");
    assert_eq!(yibin.dates.found.unwrap().to_string(), "2019-06-13");
    assert_eq!(yibin.dates.conduct_from.unwrap().to_string(), "2018-11");
    assert_eq!(yibin.dates.conduct_to.unwrap().to_string(), "2019-06");
    assert_eq!(yibin.penalty[0].kind, "transfer-to-police");
    let zhuji = case("zhuji-xiangsheng");
    assert_eq!(zhuji.dates.decided.unwrap().to_string(), "2019-05-24");
    assert_eq!(zhuji.dates.found.unwrap().to_string(), "2019-01");
    assert_eq!(zhuji.amount_yuan, Some(1200));
    assert_eq!(
        case("beijing-maikainike").dates.found.unwrap().to_string(),
        "2019-07-24"
    );
}

/// The 2019 cases: their sources state no fine, no article and (but for 诸暨) no decision date.
#[test]
fn no_fine_or_decision_is_invented() {
    let library = embedded();
    for case in library
        .cases
        .iter()
        .filter(|c| c.collection.as_str() == "samr-2019-pi")
    {
        assert!(
            case.penalty.iter().all(|p| p.amount_yuan.is_none()),
            "{}: no source states a fine",
            case.id
        );
        if case.id != "zhuji-xiangsheng" {
            assert!(
                case.dates.decided.is_none(),
                "{}: no decision date is stated",
                case.id
            );
        }
        // Sources cite no article for any of the nine cases.
        assert!(
            case.law.iter().all(|l| l.basis == Basis::Governing),
            "{}",
            case.id
        );
    }
    for id in ["qingdao-zhongxin", "foshan-chengong"] {
        let case = library.case(id).unwrap();
        assert_eq!(
            case.sector, None,
            "{id}: the name does not establish a sector"
        );
        assert!(case.violations.is_empty() && case.penalty.is_empty() && case.law.is_empty());
    }
}

#[test]
fn inferred_classifications_are_marked() {
    let library = embedded();
    // The 2019 sources name no sector; later ones do where they say 房企 or 售楼处.
    for case in library
        .cases
        .iter()
        .filter(|c| c.collection.as_str() == "samr-2019-pi")
    {
        if case.sector.is_some() {
            assert!(case.inferred_reason("sector").is_some(), "{}", case.id);
        }
    }
    let alar = library.case("alar-tongtianyi").unwrap();
    assert_eq!(alar.place.province, "新疆生产建设兵团");
}

#[test]
fn statutes_carry_eras_texts_and_penalty_ranges() {
    let library = embedded();
    for id in REQUIRED_STATUTES {
        let statute = library.statute(id).unwrap();
        assert!(
            !statute.text.trim().is_empty() && !statute.text.contains("> "),
            "{id} text"
        );
    }
    let s56 = library.statute("cprl-56").unwrap().penalty.clone().unwrap();
    assert_eq!(s56.fine_max_yuan, Some(500_000));
    assert_eq!(s56.gains_multiple, Some(vec![1, 10]));
    let pipl = library.statute("pipl-66").unwrap();
    assert_eq!(pipl.in_force, PartialDate::parse("2021-11-01").ok());
    assert_eq!(
        pipl.penalty.as_ref().unwrap().serious_fine_max_yuan,
        Some(50_000_000)
    );
    assert_eq!(
        library
            .statute("csl-64")
            .unwrap()
            .penalty
            .as_ref()
            .unwrap()
            .fine_max_yuan,
        Some(1_000_000)
    );
    assert_eq!(
        library
            .statute("criminal-253-1")
            .unwrap()
            .penalty
            .as_ref()
            .unwrap()
            .prison_max_years,
        Some(7)
    );
    for id in ["measures-14", "ecl-79"] {
        assert!(library.statute(id).unwrap().penalty.is_some(), "{id}");
    }
    let general = library.statute("civil-general-111").unwrap();
    assert_eq!(general.in_force, PartialDate::parse("2017-10-01").ok());
    assert_eq!(general.ceased, PartialDate::parse("2021-01-01").ok());
    assert_eq!(general.ceased_how, Some(Ceased::Repealed));
}

#[test]
fn a_good_office_file_extends_the_library() {
    let library = assemble(
        files::embedded(),
        Some(vec![file("office-case.toml", GOOD.as_bytes())]),
        false,
    )
    .unwrap();
    assert_eq!(library.cases.len(), BUILT_IN + 1);
    let only = assemble(
        files::embedded(),
        Some(vec![file("office-case.toml", GOOD.as_bytes())]),
        true,
    )
    .unwrap();
    assert_eq!(only.cases.len(), 1);
    assert_eq!(only.statutes.len(), library.statutes.len());
}

#[test]
fn syntax_error_is_located() {
    let text = GOOD.replace(
        "title = \"某市某公司侵害消费者个人信息案\"",
        "title = \"某市某公司侵害消费者个人信息案",
    );
    let problem = one_problem(&text);
    assert!(
        problem.starts_with("office/office-case.toml:4:"),
        "{problem}"
    );
    assert!(problem.contains("TOML syntax"), "{problem}");
}

#[test]
fn missing_required_field() {
    let problem = one_problem(&GOOD.replace("summary = \"一段概述。\"\n", ""));
    assert_eq!(
        problem,
        "office/office-case.toml:1:1: missing required field `summary`"
    );
    let problem = one_problem(&GOOD.replace("name = \"某公司\"\n", ""));
    assert_eq!(
        problem,
        "office/office-case.toml:9:1: missing required field `name` in [party]"
    );
}

#[test]
fn unknown_field_names_the_typo() {
    let problem = one_problem(&GOOD.replace("sector =", "sectr ="));
    assert_eq!(
        problem,
        "office/office-case.toml:6:1: unknown field `sectr`"
    );
    let problem = one_problem(&GOOD.replace("kind = \"company\"", "kind = \"company\"\nkin = 1"));
    assert_eq!(
        problem,
        "office/office-case.toml:12:1: unknown field `kin` in [party]"
    );
}

#[test]
fn wrong_type() {
    let problem =
        one_problem(&GOOD.replace("title = \"某市某公司侵害消费者个人信息案\"", "title = 42"));
    assert_eq!(
        problem,
        "office/office-case.toml:4:9: `title` must be a string, found integer"
    );
    let problem = one_problem(&GOOD.replace(
        "[\"collect-without-consent\"]",
        "\"collect-without-consent\"",
    ));
    assert!(
        problem.starts_with("office/office-case.toml:7:14: `violations` must be a list"),
        "{problem}"
    );
}

#[test]
fn bad_id_and_id_that_is_not_the_file_stem() {
    let problem = one_problem(&GOOD.replace("id = \"office-case\"", "id = \"Office_Case\""));
    assert!(
        problem
            .starts_with("office/office-case.toml:2:6: case id \"Office_Case\" is not a valid id"),
        "{problem}"
    );
    let problem = one_problem(&GOOD.replace("id = \"office-case\"", "id = \"other-case\""));
    assert!(
        problem.starts_with(
            "office/office-case.toml:2:6: id \"other-case\" does not match the file name"
        ),
        "{problem}"
    );
}

#[test]
fn duplicate_ids_against_the_embedded_library() {
    let text = GOOD.replace("office-case", "yibin-yu");
    let found = problems(vec![file("yibin-yu.toml", text.as_bytes())]);
    assert_eq!(
        found,
        ["office/yibin-yu.toml:2:1: case \"yibin-yu\" is already defined in cases/yibin-yu.toml"]
    );
    let statutes = b"[[statute]]\nid = \"cprl-56\"\nlaw = \"x\"\nlaw_en = \"x\"\nversion = \"2013\"\nera = \"2019\"\narticle = \"x\"\nheading_en = \"x\"\ntext = \"x\"\nsummary_en = \"x\"\n";
    let found = problems(vec![file("statutes.toml", statutes)]);
    assert_eq!(
        found,
        ["office/statutes.toml:2:6: statute \"cprl-56\" is already defined in cases/statutes.toml"]
    );
    let vocab = b"[sectors.education]\nzh = \"x\"\nen = \"x\"\n";
    let found = problems(vec![file("vocab.toml", vocab)]);
    assert_eq!(
        found,
        ["office/vocab.toml:1:10: [sectors] \"education\" is already defined in cases/vocab.toml"]
    );
}

#[test]
fn duplicate_position_in_a_collection() {
    let problem = one_problem(&GOOD.replacen("title =", "position = 5\ntitle =", 1));
    assert!(problem.starts_with("office/office-case.toml:4:1: position 5 in collection \"samr-2019-pi\" is already taken"), "{problem}");
}

#[test]
fn unknown_vocabulary_keys_and_statutes_with_hints() {
    let problem = one_problem(&GOOD.replace("\"education\"", "\"educaton\""));
    assert_eq!(
        problem,
        "office/office-case.toml:6:10: unknown sector \"educaton\" (not in vocab.toml [sectors]); did you mean \"education\"?"
    );
    let problem = one_problem(&GOOD.replace("cprl-29-1", "cprl-29-9"));
    assert!(
        problem.starts_with(
            "office/office-case.toml:21:11: unknown statute \"cprl-29-9\" (not in statutes.toml)"
        ),
        "{problem}"
    );
    let problem = one_problem(&GOOD.replace("浙江省", "浙江"));
    assert!(
        problem.starts_with("office/office-case.toml:14:12: unknown province \"浙江\""),
        "{problem}"
    );
    let problem = one_problem(&GOOD.replace("samr-2019-pi", "samr-2020"));
    assert!(
        problem.starts_with("office/office-case.toml:3:14: unknown collection \"samr-2020\""),
        "{problem}"
    );
}

#[test]
fn malformed_impossible_and_reversed_dates() {
    let problem = one_problem(&GOOD.replace("\"2019-01\"", "\"2019/01\""));
    assert!(
        problem.starts_with(
            "office/office-case.toml:17:16: `conduct_from` in [dates]: \"2019/01\" is not a date"
        ),
        "{problem}"
    );
    let problem = one_problem(&GOOD.replace("\"2019-03\"", "\"2019-02-30\""));
    assert_eq!(
        problem,
        "office/office-case.toml:18:14: `conduct_to` in [dates]: \"2019-02-30\" is not a real date"
    );
    let problem = one_problem(&GOOD.replace("\"2019-03\"", "\"2018-12-31\""));
    assert_eq!(
        problem,
        "office/office-case.toml:18:14: conduct_to 2018-12-31 is before conduct_from 2019-01"
    );
}

#[test]
fn negative_and_overflowing_numbers() {
    let problem = one_problem(&GOOD.replacen("title =", "records = -5\ntitle =", 1));
    assert_eq!(
        problem,
        "office/office-case.toml:4:11: `records` must not be negative (found -5)"
    );
    let problem =
        one_problem(&GOOD.replacen("title =", "records = 99999999999999999999999\ntitle =", 1));
    assert!(
        problem.starts_with("office/office-case.toml:4:"),
        "{problem}"
    );
}

#[test]
fn oversized_and_non_utf8_files() {
    let mut big = GOOD.as_bytes().to_vec();
    big.resize(files::MAX_FILE_BYTES as usize + 1, b' ');
    assert_eq!(
        problems(vec![file("office-case.toml", &big)]),
        [
            "office/office-case.toml:1:1: the file is 1048577 bytes or more; the limit is 1048576 bytes (1 MiB)"
        ]
    );
    let mut latin1 = b"schema = 1\ntitle = \"caf".to_vec();
    latin1.push(0xe9);
    assert_eq!(
        problems(vec![file("office-case.toml", &latin1)]),
        ["office/office-case.toml:2:13: the file is not valid UTF-8 (byte 0xe9); save it as UTF-8"]
    );
}

#[test]
fn control_characters_are_rejected_where_they_stand() {
    for hostile in ["\\u001b[2J", "\\u0007", "\\u009b", "\\u202e", "\\r"] {
        let text = GOOD.replace("一段概述。", &format!("概述{hostile}"));
        let problem = one_problem(&text);
        assert!(
            problem.starts_with(
                "office/office-case.toml:5:11: `summary` contains the control character"
            ),
            "{hostile}: {problem}"
        );
    }
}

#[test]
fn every_problem_of_every_file_in_one_run() {
    let found = problems(vec![
        file(
            "a.toml",
            GOOD.replace("office-case", "a")
                .replace("sector =", "sectr =")
                .replace("title = \"某市某公司侵害消费者个人信息案\"", "title = 1")
                .as_bytes(),
        ),
        file("b.toml", b"not toml ="),
        file("c.toml", GOOD.replace("office-case", "c").as_bytes()),
    ]);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found[0].starts_with("office/a.toml:4:9:"));
    assert!(found[1].starts_with("office/a.toml:6:1:"));
    assert!(found[2].starts_with("office/b.toml:1:"));
}

#[test]
fn a_standalone_library_needs_its_vocabularies_and_statutes() {
    let found = match assemble(vec![file("office-case.toml", GOOD.as_bytes())], None, false) {
        Ok(_) => panic!("a library of one case file cannot stand alone"),
        Err(report) => report.to_string(),
    };
    assert!(
        found.contains("office/vocab.toml:1:1: the library has no vocab.toml"),
        "{found}"
    );
    assert!(
        found.contains("office/statutes.toml:1:1: the library has no statutes.toml"),
        "{found}"
    );
}

#[test]
fn inferred_must_explain_a_field_that_is_set() {
    let problem = one_problem(&(GOOD.to_string() + "\n[inferred]\nrecords = \"guess\"\n"));
    assert!(
        problem.contains("[inferred] explains `records`, but the case does not set it"),
        "{problem}"
    );
}

#[test]
fn a_province_can_only_lie_within_a_known_province() {
    let vocab = "[provinces.\"某特区\"]\nen = \"Somewhere\"\nwithin = \"火星省\"\n".as_bytes();
    assert_eq!(
        problems(vec![file("vocab.toml", vocab)]),
        ["office/vocab.toml:1:12: `within` names \"火星省\", which is not in [provinces]"]
    );
}

/// An alias may name one term of its vocabulary: one that is another term's label, key or alias
/// is reported where it is written; aliases of different vocabularies never clash.
#[test]
fn an_alias_names_one_term_only() {
    let vocab = "[sectors.pawnshops]\nzh = \"典当\"\nen = \"Pawnshops\"\naliases = [\"典当行\", \"房地产\"]\n\n[violations.hoarding]\nzh = \"囤积\"\nen = \"Hoarding\"\naliases = [\"房地产\", \"中介\"]\n";
    assert_eq!(
        problems(vec![file("vocab.toml", vocab.as_bytes())]),
        [
            "office/vocab.toml:4:19: alias \"房地产\" of [sectors.pawnshops] already names \"real-estate\": an alias must name one term"
        ]
    );
    let embedded = embedded();
    let real_estate = embedded
        .vocab
        .term(VocabKind::Sectors, "real-estate")
        .unwrap();
    assert!(real_estate.aliases.iter().any(|a| a == "中介"));
}

/// The everyday words (`[words]`) are a vocabulary like the others: an office's word whose alias
/// already names a built-in word is reported where it is written.
#[test]
fn everyday_words_are_validated_like_every_vocabulary() {
    let vocab = "[words.stranger-calls]\nzh = \"陌生电话\"\nen = \"Calls from strangers\"\naliases = [\"骚扰电话\"]\n";
    assert_eq!(
        problems(vec![file("vocab.toml", vocab.as_bytes())]),
        [
            "office/vocab.toml:4:12: alias \"骚扰电话\" of [words.stranger-calls] already names \"sales-calls\": an alias must name one term"
        ]
    );
    let embedded = embedded();
    let calls = embedded
        .vocab
        .term(VocabKind::Words, "sales-calls")
        .unwrap();
    assert!(calls.aliases.iter().any(|a| a == "营销电话"));
}

/// Hundreds of files are read on several threads; what is reported, and which file counts as
/// the first definition, does not depend on it.
#[test]
fn many_files_read_in_parallel_report_in_file_order() {
    let mut files = crate::synth::files(300);
    let copy = files
        .iter()
        .find(|f| f.stem == "gen-000007")
        .expect("a generated case");
    let mut duplicate = copy.clone();
    duplicate.name = "zz/gen-000007.toml".to_string();
    files.push(duplicate);
    let broken = files
        .iter_mut()
        .find(|f| f.stem == "gen-000123")
        .expect("a generated case");
    broken.bytes = Ok(b"schema = 1\nid = \"gen-000123\"\n".to_vec());
    let found = match assemble(files::embedded(), Some(files), true) {
        Ok(_) => Vec::new(),
        Err(report) => report.problems.iter().map(|p| p.to_string()).collect(),
    };
    assert!(
        found.contains(&"zz/gen-000007.toml:2:1: case \"gen-000007\" is already defined in generated/gen-000007.toml".to_string()),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .all(|p| p.starts_with("zz/") || p.starts_with("generated/gen-000123.toml")),
        "{found:#?}"
    );
    let library = crate::synth::library(300).expect("valid");
    assert_eq!(library.cases.len(), 300);
    assert!(
        library.cases.windows(2).all(|w| w[0].id < w[1].id),
        "in order"
    );
}

#[test]
fn relations_and_old_successors_are_checked_where_they_are_written() {
    let statute = |id: &str, extra: &str| {
        format!(
            "[[statute]]\nid = \"{id}\"\nlaw = \"x\"\nlaw_en = \"x\"\nversion = \"2013\"\nera = \"2019\"\narticle = \"x\"\nheading_en = \"x\"\ntext = \"x\"\nsummary_en = \"x\"\n{extra}"
        )
    };
    let text = statute("office-1", "successors = [\"pipl-66\", \"pipl-67\"]\n")
        + &statute("office-2", "ceased = \"2020\"\n")
        + "\n[[relation]]\nfrom = \"office-1\"\nto = \"cprl-56\"\nkind = \"replaces\"\nbasis = \"text\"\nreason = \"x\"\n"
        + "\n[[relation]]\nfrom = \"office-9\"\nto = \"cprl-56\"\nkind = \"parallel\"\nbasis = \"maybe\"\nreason = \"x\"\n";
    let found = problems(vec![file("statutes.toml", text.as_bytes())]);
    assert_eq!(
        found,
        [
            "office/statutes.toml:11:26: unknown statute \"pipl-67\" (not in statutes.toml); did you mean \"pipl-66\"?",
            "office/statutes.toml:12:1: `ceased` and `ceased_how` go together: the day a text stopped being in force, and how",
            "office/statutes.toml:27:8: unknown relation kind \"replaces\" (kinds: implements, parallel, renumbered, amended-as, folded, repealed-by, penalty-under, refers-to)",
            "office/statutes.toml:32:8: unknown statute \"office-9\" (not in statutes.toml); did you mean \"office-2\"?",
            "office/statutes.toml:35:9: basis must be \"text\" or \"reading\", found \"maybe\"",
        ]
    );
    // An older file's successors still load, as relations of kind "related".
    let good = statute("office-3", "successors = [\"pipl-66\"]\n");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("statutes.toml"), good).unwrap();
    let library = crate::library::load(&crate::library::LoadOptions {
        extra_dir: Some(dir.path()),
        only: false,
    })
    .unwrap();
    assert!(library.relations.iter().any(|r| r.from == "office-3"
        && r.to == "pipl-66"
        && r.kind == crate::library::RelationKind::Related));
}

/// One broken case among good ones is left out whole and everything else loads; a broken
/// statutes.toml is left out, and so is the case that cites a provision only it defined.
#[test]
fn files_with_problems_are_left_out_not_everything() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("good-one.toml", &GOOD.replace("office-case", "good-one"));
    write(
        "broken.toml",
        &GOOD
            .replace("office-case", "broken")
            .replace("title =", "tittle ="),
    );
    write(
        "statutes.toml",
        "[[statute]]\nid = \"local-1\"\nlaw = \"某条例\"\n", // missing required fields
    );
    write(
        "cites-local.toml",
        &GOOD
            .replace("office-case", "cites-local")
            .replace("statute = \"cprl-29-1\"", "statute = \"local-1\""),
    );
    let options = LoadOptions {
        extra_dir: Some(dir.path()),
        only: false,
    };
    assert!(load(&options).is_err(), "all or nothing refuses");
    let loaded = load_leaving_out(&options).unwrap();
    let ids: Vec<&str> = loaded.library.cases.iter().map(|c| c.id.as_str()).collect();
    assert!(ids.contains(&"good-one"));
    assert_eq!(
        loaded.library.cases.len(),
        BUILT_IN + 1,
        "the built-in ones, one good"
    );
    let names: Vec<String> = loaded
        .left_out
        .iter()
        .map(|f| f.rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(names, ["broken.toml", "cites-local.toml", "statutes.toml"]);
    let report = loaded.problems.to_string();
    assert!(
        report.contains("broken.toml:") && report.contains("tittle"),
        "{report}"
    );
    assert!(
        report.contains("cites-local.toml:") && report.contains("local-1"),
        "{report}"
    );
}

#[test]
fn forbids_must_quote_the_text_and_name_a_known_violation() {
    let text = "[[statute]]\nid = \"office-1\"\nlaw = \"x\"\nlaw_en = \"x\"\nversion = \"2013\"\nera = \"2019\"\narticle = \"x\"\nheading_en = \"x\"\ntext = \"不得出售消费者个人信息\"\nsummary_en = \"x\"\n\n[[statute.forbids]]\nitem = \"第一款\"\nviolation = \"leak-sell\"\nwords = \"不得出售\"\n\n[[statute.forbids]]\nitem = \"第一款\"\nviolation = \"leak-sell-provide\"\nwords = \"不得泄露\"\n";
    let found = problems(vec![file("statutes.toml", text.as_bytes())]);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].starts_with("office/statutes.toml:14:13: unknown violation \"leak-sell\""),
        "{found:#?}"
    );
    assert_eq!(
        found[1],
        "office/statutes.toml:20:9: forbids.words must be quoted exactly from the provision's text"
    );
}

/// The fields the later collections brought are validated like the others: a source kind, a
/// proposed flag, a judgment's required fields — each reported where it is written.
#[test]
fn source_kinds_proposed_fines_and_judgments_are_validated() {
    let problem = one_problem(&GOOD.replace(
        "title = \"某报道\"",
        "title = \"某报道\"\nkind = \"rumour\"",
    ));
    assert_eq!(
        problem,
        "office/office-case.toml:27:8: kind must be one of decision, report, copy, found \"rumour\""
    );
    let fine = "\n[[penalty]]\nkind = \"fine\"\namount_yuan = 1000\nproposed = \"yes\"\n";
    let problem = one_problem(&format!("{GOOD}{fine}"));
    assert!(
        problem.starts_with("office/office-case.toml:31:12: ") && problem.contains("true or false"),
        "{problem}"
    );
    let judgment = "\n[judgment]\ncase_number = \"（2021）某刑初1号\"\n";
    let problem = one_problem(&format!("{GOOD}{judgment}"));
    assert!(
        problem.starts_with("office/office-case.toml:28:1: ") && problem.contains("court"),
        "{problem}"
    );
    // All three well formed: the case loads, with them.
    let good = format!(
        "{}\n[[penalty]]\nkind = \"fine\"\namount_yuan = 1000\nproposed = true\n\n[judgment]\ncourt = \"某法院\"\ncase_number = \"（2021）某刑初1号\"\nprison_months = 6\n",
        GOOD.replace(
            "title = \"某报道\"",
            "title = \"某报道\"\nkind = \"report\""
        )
    );
    let library = assemble(
        files::embedded(),
        Some(vec![file("office-case.toml", good.as_bytes())]),
        false,
    )
    .unwrap();
    let case = library.case("office-case").unwrap();
    assert_eq!(case.source[0].kind, Some(SourceKind::Report));
    assert!(case.penalty[0].proposed && case.penalty[0].decided_fine().is_none());
    assert_eq!(case.judgment.as_ref().unwrap().prison_months, Some(6));
}

/// What the decision aid rests on is validated like everything else: a data kind's tier must be a
/// record tier of the thresholds, the transfer provision must exist, and the acts the thresholds
/// are set for must be quoted from the text — each reported where it is written.
#[test]
fn tiers_transfer_and_acts_of_the_thresholds_are_validated() {
    let vocab =
        "[data_kinds.gps]\nzh = \"定位\"\nen = \"GPS\"\ntier = \"第五条第一款第（九）项\"\n";
    let found = problems(vec![file("vocab.toml", vocab.as_bytes())]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("office/vocab.toml:4:8: [data_kinds.gps] tier \"第五条第一款第（九）项\" is no record tier"),
        "{found:#?}"
    );
    let statutes = "[[statute]]\nid = \"office-2\"\nlaw = \"x\"\nlaw_en = \"x\"\nversion = \"2013\"\nera = \"2019\"\narticle = \"x\"\nheading_en = \"x\"\ntext = \"出售公民个人信息五千条以上的\"\nsummary_en = \"x\"\n\n[statute.thresholds]\nacts = \"非法获取公民个人信息\"\ntransfer = \"ap-72\"\nviolations = [\"sell\"]\n\n[[statute.thresholds.tier]]\nitem = \"第一项\"\nrecords = 5000\n";
    let found = problems(vec![file("statutes.toml", statutes.as_bytes())]);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(
        found[0],
        "office/statutes.toml:13:8: acts must be quoted exactly from the provision's text"
    );
    assert!(
        found[1].starts_with("office/statutes.toml:14:12: unknown statute \"ap-72\""),
        "{found:#?}"
    );
    assert!(
        found[2].starts_with("office/statutes.toml:15:15: unknown violation \"sell\""),
        "{found:#?}"
    );
}
