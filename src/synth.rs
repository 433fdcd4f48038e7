//! Synthetic libraries for scale tests and benchmarks: any number of case files with realistic
//! Chinese text lengths, valid against the schema and the built-in vocabularies and statutes.
//! They are plainly labelled as generated (collection `generated`, ids `gen-000001`…) and are
//! never part of the built-in library.

use std::io;
use std::path::Path;

use crate::library::{self, Library, Report, SourceFile, VocabKind};

/// The collection every generated case belongs to.
pub const COLLECTION: &str = "generated";

/// `collections.toml` for a generated directory.
pub fn collections_toml(count: usize) -> String {
    format!(
        "[{COLLECTION}]\ntitle = \"合成测试案例（非真实案件）\"\ntitle_en = \"Synthetic test cases (not real cases)\"\npublisher = \"casebook gen_library\"\npublished = \"2024-01-01\"\nannounced = {count}\n"
    )
}

pub use crate::rng::Rng;

const CITIES: &[&str] = &[
    "杭州市",
    "宁波市",
    "南京市",
    "苏州市",
    "广州市",
    "深圳市",
    "佛山市",
    "成都市",
    "宜宾市",
    "南宁市",
    "柳州市",
    "郑州市",
    "洛阳市",
    "青岛市",
    "济南市",
    "长沙市",
    "重庆市",
    "厦门市",
    "福州市",
    "合肥市",
    "武汉市",
    "西安市",
    "昆明市",
    "贵阳市",
    "太原市",
    "石家庄市",
    "沈阳市",
    "长春市",
    "哈尔滨市",
    "南昌市",
];
const BRANDS: &[&str] = &[
    "华信",
    "鑫源",
    "宏泰",
    "恒通",
    "聚博",
    "瑞安",
    "嘉丰",
    "盛远",
    "创联",
    "美达",
    "房多多",
    "安居",
    "优学",
    "启航",
    "金桥",
    "汇丰",
    "云帆",
    "天诚",
    "博雅",
    "德润",
];
/// Per sector: the business words of a company's name.
const TRADES: &[(&str, &[&str])] = &[
    (
        "real-estate",
        &["房地产经纪", "房产经纪", "置业", "资产管理"],
    ),
    ("decoration", &["装饰工程", "装饰设计", "建筑装饰"]),
    ("education", &["教育科技", "教育培训中心", "文化培训"]),
    ("insurance-brokerage", &["保险代理", "保险经纪"]),
    ("beauty-fitness", &["美容", "健身管理", "生活美容"]),
    ("travel-lodging", &["旅行社", "酒店管理"]),
    ("express-delivery", &["快递服务", "物流"]),
    ("telemarketing", &["信息咨询", "营销策划"]),
    ("websites-apps", &["网络科技", "信息技术"]),
    ("micro-lending", &["小额贷款", "金融信息服务"]),
    ("telecom", &["通信器材", "手机卖场"]),
];
const DATA_KINDS: &[&str] = &[
    "姓名",
    "联系电话",
    "住址",
    "身份证号码",
    "房号",
    "车牌号",
    "出生日期",
    "宝宝姓名",
    "消费记录",
    "工作单位",
];
const OPENINGS: &[&str] = &[
    "{year}年{month}月，{city}市场监督管理局接到群众举报，反映{party}涉嫌未经消费者同意收集、使用消费者个人信息。",
    "{year}年{month}月，{city}市场监督管理局在梳理分析案件线索时发现，{party}涉嫌泄露、出售消费者个人信息。",
    "{city}市场监督管理局根据上级机关转办的线索，于{year}年{month}月对{party}立案调查。",
];
const FACTS: &[&str] = &[
    "经查，当事人在经营过程中收集了消费者的{kinds}等个人信息，共计{records}条，未明示收集、使用信息的目的、方式和范围，也未取得消费者同意。",
    "当事人将收集到的个人信息分发给业务人员，用于电话推销和上门营销，部分消费者多次接到骚扰电话。",
    "当事人从他人处购买了多个小区业主的个人信息，用于为其居间业务寻找客户，涉案金额{amount}元。",
    "当事人员工利用职务便利，将客户信息拷贝至个人电脑，并通过网络出售给他人牟利。",
    "执法人员现场提取了当事人电脑中存储的客户信息表格，并对相关人员制作了询问笔录。",
    "当事人未建立个人信息安全管理制度，也未采取技术措施防止信息泄露、丢失。",
    "当事人对违法事实供认不讳，并在调查期间删除了违法收集的全部信息。",
    "调查中还发现，当事人通过微信群、网盘等方式传递消费者个人信息，证据容易灭失，查处难度较大。",
];
const CLOSINGS: &[&str] = &[
    "{city}市场监督管理局依据《消费者权益保护法》第五十六条的规定，责令当事人改正，并处罚款{fine}元。",
    "{city}市场监督管理局认定当事人的行为构成侵害消费者个人信息依法得到保护的权利，予以警告并处罚款{fine}元。",
    "因涉嫌犯罪，{city}市场监督管理局已依法将案件移送公安机关。",
];

/// One generated case file's text, with its id.
pub fn case_file(number: usize, rng: &mut Rng) -> (String, String) {
    let id = format!("gen-{number:06}");
    let provinces = VocabKind::Provinces.required_keys();
    let province = provinces[rng.below(provinces.len() - 1)]; // not the Corps: it has no cities here
    let city = rng.pick(CITIES);
    let (sector, trades) = TRADES[rng.below(TRADES.len())];
    let party = format!(
        "{}{}{}有限公司",
        city.trim_end_matches('市'),
        rng.pick(BRANDS),
        rng.pick(trades)
    );
    let year = 2019 + rng.below(6);
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let records = 50 + rng.below(20_000);
    let amount = 500 + rng.below(100_000);
    let fine = 10_000 * (1 + rng.below(50));
    let kinds: Vec<&str> = (0..2 + rng.below(3))
        .map(|_| rng.pick(DATA_KINDS))
        .collect();
    let mut kinds_unique: Vec<&str> = Vec::new();
    for kind in kinds {
        if !kinds_unique.contains(&kind) {
            kinds_unique.push(kind);
        }
    }
    let fill = |template: &str| {
        template
            .replace("{year}", &year.to_string())
            .replace("{month}", &month.to_string())
            .replace("{city}", city)
            .replace("{party}", &party)
            .replace("{kinds}", &kinds_unique.join("、"))
            .replace("{records}", &records.to_string())
            .replace("{amount}", &amount.to_string())
            .replace("{fine}", &fine.to_string())
    };
    let mut summary = fill(rng.pick(OPENINGS));
    for _ in 0..2 + rng.below(5) {
        summary.push_str(&fill(rng.pick(FACTS)));
    }
    let closing = rng.below(CLOSINGS.len());
    summary.push_str(&fill(CLOSINGS[closing]));
    let transferred = closing == 2;
    let (violation, statute) = if summary.contains("泄露") || summary.contains("出售") {
        ("leak-sell-provide", "cprl-29-2")
    } else {
        ("collect-without-consent", "cprl-29-1")
    };
    let penalty = if transferred {
        "[[penalty]]\nkind = \"transfer-to-police\"\n".to_string()
    } else {
        format!("[[penalty]]\nkind = \"fine\"\namount_yuan = {fine}\n")
    };
    let law_tail = if transferred {
        "[[law]]\nstatute = \"criminal-253-1\"\nrole = \"transfer\"\nbasis = \"governing\"\n"
    } else {
        "[[law]]\nstatute = \"cprl-56\"\nrole = \"penalty\"\nbasis = \"stated\"\n"
    };
    let text = format!(
        r#"schema = 1
id = "{id}"
collection = "{COLLECTION}"
title = "{province}{party}侵害消费者个人信息案（合成）"
summary = """
{summary}"""
authority = "{city}市场监督管理局"
sector = "{sector}"
violations = ["{violation}"]
data_kinds = [{kinds}]
records = {records}

[party]
name = "{party}"
kind = "company"

[place]
province = "{province}"
city = "{city}"

[dates]
found = "{year}-{month:02}"
decided = "{year}-{month:02}-{day:02}"

[[law]]
statute = "{statute}"
role = "violated"
basis = "governing"

{law_tail}
{penalty}
[[source]]
title = "casebook gen_library 合成数据（非真实案件）"
"#,
        kinds = kinds_unique
            .iter()
            .map(|k| format!("\"{k}\""))
            .collect::<Vec<_>>()
            .join(", "),
    );
    (id, text)
}

/// The files of a generated library of `count` cases, in memory.
pub fn files(count: usize) -> Vec<SourceFile> {
    let mut rng = Rng::new(0x5EED_CA5E ^ count as u64);
    let mut files = vec![SourceFile {
        name: "generated/collections.toml".to_string(),
        stem: "collections".to_string(),
        dir: "generated/".to_string(),
        bytes: Ok(collections_toml(count).into_bytes()),
        path: None,
        reused: None,
    }];
    for number in 1..=count {
        let (id, text) = case_file(number, &mut rng);
        files.push(SourceFile {
            name: format!("generated/{id}.toml"),
            stem: id,
            dir: "generated/".to_string(),
            bytes: Ok(text.into_bytes()),
            path: None,
            reused: None,
        });
    }
    files
}

/// A generated library of `count` cases, loaded over the built-in one (whose nine cases are left
/// out, as `--only` does).
pub fn library(count: usize) -> Result<Library, Report> {
    library::assemble(library::files::embedded(), Some(files(count)), true)
}

/// Writes a generated library of `count` cases into `dir`, for `casebook --cases DIR`.
pub fn write(count: usize, dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for file in files(count) {
        let name = file.name.trim_start_matches("generated/");
        let bytes = file.bytes.map_err(|why| io::Error::other(why.en))?;
        std::fs::write(dir.join(name), bytes)?;
    }
    Ok(())
}

/// [`write`], each file then dated a minute ago: older than the cache's racy window, so a cache
/// trusts them at once (as it would an office's files written earlier). For tests and benchmarks
/// of the cache.
pub fn write_settled(count: usize, dir: &Path) -> io::Result<()> {
    write(count, dir)?;
    let minute_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for entry in std::fs::read_dir(dir)? {
        std::fs::File::options()
            .write(true)
            .open(entry?.path())?
            .set_modified(minute_ago)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_library_is_valid_and_realistic() {
        let library = library(300).unwrap_or_else(|r| panic!("{r}"));
        assert_eq!(library.cases.len(), 300);
        let lengths: Vec<usize> = library
            .cases
            .iter()
            .map(|c| c.summary.text().chars().count())
            .collect();
        let mean = lengths.iter().sum::<usize>() / lengths.len();
        assert!((120..=450).contains(&mean), "mean summary length {mean}");
        assert!(
            library.cases.iter().all(|c| c.title.contains("合成")),
            "labelled as synthetic"
        );
    }

    /// Benchmarks and tests quote figures from these libraries: two calls give every file
    /// byte for byte (a HashMap's order, the clock or an OS random seed would differ between
    /// them), and each case its own id.
    #[test]
    fn the_same_size_gives_the_same_library() {
        let bytes = |files: Vec<SourceFile>| -> Vec<(String, Vec<u8>)> {
            files
                .into_iter()
                .map(|f| (f.name, f.bytes.expect("generated bytes")))
                .collect()
        };
        let first = bytes(files(200));
        assert_eq!(first, bytes(files(200)));
        let names: std::collections::HashSet<&String> = first.iter().map(|(n, _)| n).collect();
        assert_eq!(names.len(), 201, "200 cases and the collections file");
    }
}
