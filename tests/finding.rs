//! Finding the closest precedent from the words an officer or a caller uses: for each query on the
//! built-in library, the case that must come first (or that nothing may be found). Chinese,
//! pinyin in full and by initials, English, phrases, everyday words, and queries that must find
//! nothing; the rows of issue 23 among them, on the library as it is now (the 2019 list and the
//! later collections).

use casebook::library::{Library, LoadOptions, load};
use casebook::query::search::{Index, Query};

/// `(query, the first case's id, or "" for nothing)`.
const TABLE: &[(&str, &str)] = &[
    // Chinese, as written in the cases.
    ("房多多", "nanning-fangduoduo"),
    ("诸暨", "zhuji-xiangsheng"),
    ("宜宾", "yibin-yu"),
    ("宝宝", "beijing-maikainike"),
    ("蚊香", "yibin-yu"),
    ("身份证", "yibin-yu"),
    ("电话号码", "nanning-fangduoduo"),
    ("中介", "nanning-fangduoduo"),
    ("业主", "zhuji-xiangsheng"),
    // A case whose conduct is stated before one known only by its title.
    ("房产", "zhongyuan-shanghai"), // its story says 房产中介
    ("教育", "beijing-maikainike"),
    ("培训", "beijing-maikainike"),
    // Pinyin in full.
    ("nanning", "nanning-fangduoduo"),
    ("fangduoduo", "nanning-fangduoduo"),
    ("yibin", "yibin-yu"),
    ("zhuji", "zhuji-xiangsheng"),
    ("beijing", "beijing-maikainike"),
    ("sichuan", "yibin-yu"),
    ("fangchan", "zhongyuan-shanghai"),
    // Initials: whole names and places only.
    ("fdd", "nanning-fangduoduo"),
    ("sc", "yibin-yu"),
    ("gx", "nanning-fangduoduo"),
    ("zj", "zhuji-xiangsheng"),
    ("nn", "nanning-fangduoduo"),
    ("yb", "yibin-yu"),
    ("bj", "beijing-maikainike"),
    ("cq", "buerguo-chongqing"), // 重庆, a whole place name
    // English: whole words, stems, prefixes of four letters or more.
    ("mosquito", "yibin-yu"),
    ("sold", "zhuji-xiangsheng"),
    ("selling", "zhuji-xiangsheng"),
    ("sim", "yibin-yu"),
    ("police", "yibin-yu"),
    ("telemarketing", "beijing-maikainike"),
    ("app", "li-kaixiang"), // the word "app"; never "applied"
    ("face", "baoshan-sales-centre"),
    // Phrases: cut into words when they find nothing whole.
    ("员工卖客户信息", "zhuji-xiangsheng"),
    ("骗老人", "yibin-yu"),
    ("中介公司", "shunde-company-a"), // its story says 经销商（中介公司）
    ("an agency sold my phone number", "zhuji-xiangsheng"),
    ("培训机构发短信", ""),
    ("培训 短信", ""),
    // Everyday words (vocab.toml [words], [data_kinds], aliases).
    ("推销电话", "beijing-maikainike"),
    ("骚扰电话", "beijing-maikainike"),
    ("营销电话", "beijing-maikainike"),
    ("电话卡", "yibin-yu"),
    ("手机卡", "yibin-yu"),
    ("客户名单", "zhuji-xiangsheng"),
    ("业主信息", "zhuji-xiangsheng"),
    ("老人", "yibin-yu"),
    ("黑中介", "zhuji-xiangsheng"),
    // The face cases of the later collection.
    ("人脸", "baoshan-sales-centre"),
    ("人脸识别", "chongqing-yaokun"),
    ("照片", "qingpu-two-developers"),
    ("摄像头", "chongqing-yaokun"),
    ("售楼处", "ningbo-poly"),
    ("刑法", "li-kaixiang"),
    // Nothing in this library: a hint instead (see the suggestion tests).
    ("推销短信", ""),
    ("appl", "zhuji-xiangsheng"), // "applied": four letters begin a word
];

fn first(library: &Library, index: &Index, query: &str) -> String {
    index
        .find(&Query::new(query))
        .0
        .first()
        .map_or(String::new(), |hit| library.cases[hit.case].id.to_string())
}

#[test]
fn the_words_people_say_find_the_right_precedent_first() {
    let library = load(&LoadOptions::default()).unwrap();
    let index = Index::new(&library);
    assert!(TABLE.len() >= 40);
    let wrong: Vec<String> = TABLE
        .iter()
        .filter_map(|&(query, expected)| {
            let got = first(&library, &index, query);
            (got != expected).then(|| format!("{query}: {got:?}, not {expected:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// `培训 短信` and `培训机构发短信` agree: the phrase is searched as its words.
#[test]
fn a_phrase_and_its_words_agree() {
    let library = load(&LoadOptions::default()).unwrap();
    let index = Index::new(&library);
    for (phrase, words) in [
        ("培训机构发短信", "培训 机构 发 短信"),
        ("员工卖客户信息", "员工 卖 客户信息"),
        ("骗老人", "骗 老人"),
    ] {
        let (hits, cut) = index.find(&Query::new(phrase));
        let cut: Vec<&str> = cut
            .as_ref()
            .map(|q| q.words().collect())
            .unwrap_or_default();
        assert_eq!(cut.join(" "), words, "{phrase}");
        assert_eq!(hits, index.find(&Query::new(words)).0, "{phrase}");
    }
}
