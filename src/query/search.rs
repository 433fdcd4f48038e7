//! Search the way officers type: Chinese characters, pinyin in full or by initials, English, ids —
//! ranked, with the matched characters for highlighting.
//!
//! Every word of a query must match somewhere in a case (`广西 房`, `nanning 房`). A word matches a
//! field exactly (a substring, case-insensitive), in pinyin, or — in titles, parties and ids only,
//! where a scattered match still means something — fuzzily. Ranking: exact before pinyin before
//! fuzzy, title and party before place and law before summaries, shorter spans first, then library
//! order.
//!
//! The index is built once per library and is small, because at 100,000 cases reading memory is
//! what a search costs: one byte of initials per Chinese character (a case's fields one after the
//! other, so a case is scanned for pinyin in one pass), a lowercase copy only of texts with
//! capitals, a few bytes per field, and per case the sketches that let most cases be passed over
//! without reading their texts, which stay in the library and are read only near a likely match.
//!
//! Why one file of over 500 lines: the index, its per-case sketches and the scans that read them
//! share private layouts (field offsets, marks every 32 characters, 12-byte ranks) that the
//! benchmarks tuned together; split, those layouts would have to become an interface.

use std::borrow::Cow;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem;
use serde::{Deserialize, Serialize};

use crate::library::summary::ReadAhead;
use crate::library::{Case, DerivedIndex, Library, Str, Summary, Term, VocabKind};

use super::pinyin;
use super::words;

/// Fuzzy matching, behind a trait of ours so the engine can be swapped without touching callers.
pub trait Fuzzy: Send + Sync {
    /// A score (higher is better) and the matched character indices, if `pattern` matches.
    fn fuzzy(&self, text: &str, pattern: &str) -> Option<(i64, Vec<usize>)>;
}

/// fuzzy-matcher's skim algorithm.
pub struct Skim(SkimMatcherV2);

impl Default for Skim {
    fn default() -> Self {
        Skim(SkimMatcherV2::default().ignore_case())
    }
}

impl Fuzzy for Skim {
    fn fuzzy(&self, text: &str, pattern: &str) -> Option<(i64, Vec<usize>)> {
        self.0.fuzzy_indices(text, pattern)
    }
}

/// Which part of a case a field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FieldKind {
    DataKind,
    Summary,
    SummaryEn,
    Title,
    Party,
    Id,
    Place,
    Authority,
    TitleEn,
    Statute,
    /// A vocabulary term the case has: its key, labels and aliases (房产租售, 中介, real-estate).
    Label,
    /// The full text of a linked provision: ranked below everything else.
    LawText,
}

impl FieldKind {
    /// 0: what the case is about (its data and its story: an officer looks for conduct); 1: its
    /// name, or a vocabulary term it has; 2: where it was and the names of its provisions; 3: the
    /// law it cites, word for word. (A case's own fields weigh at most 2: `letter_weights` keeps
    /// weight + 1 in two bits.)
    fn weight(self) -> u32 {
        match self {
            FieldKind::DataKind | FieldKind::Summary | FieldKind::SummaryEn => 0,
            FieldKind::Title | FieldKind::Party | FieldKind::Id | FieldKind::Label => 1,
            FieldKind::Place | FieldKind::Authority | FieldKind::TitleEn | FieldKind::Statute => 2,
            FieldKind::LawText => 3,
        }
    }

    /// Fuzzy matching only where a scattered match still points at the right case.
    fn fuzzy(self) -> bool {
        matches!(self, FieldKind::Title | FieldKind::Party | FieldKind::Id)
    }

    /// Pinyin initials alone (`sc`, `fdd`) only in the party's name and in places, and only over
    /// whole words: three letters turn up as initials somewhere in any story, and a title's
    /// 侵害消费者个人信息案 would make `xx` find every case.
    fn initials(self) -> bool {
        matches!(self, FieldKind::Party | FieldKind::Place)
    }

    /// A story's pinyin must spell each character in full (`nanning`): a partial spelling there
    /// (`sim` as 公司名称's 司名) is chance.
    fn spelt_in_full(self) -> bool {
        matches!(self, FieldKind::Summary | FieldKind::SummaryEn)
    }

    /// Pinyin everywhere but in law texts: in a page of law, any three initials (`fdd`) turn up
    /// somewhere, and such a match says nothing about the case.
    fn pinyin(self) -> bool {
        self != FieldKind::LawText
    }
}

/// One searchable text. Its text is not kept here but read from the case when needed: at
/// 100,000 cases a reference per field was 15 MB, and the index is kept small to be read fast.
#[derive(Serialize, Deserialize)]
struct Field {
    /// Where its pinyin initials lie in the index's arena, only when the text has Chinese.
    initials: Option<pinyin::Slot>,
    /// Where its lowercased copy is in the index's `lowered`, kept only when the text has capitals.
    lower: Option<NonMaxU32>,
}

/// An index that is never `u32::MAX`, so that an `Option` of it takes four bytes.
#[derive(Clone, Copy, Serialize, Deserialize)]
struct NonMaxU32(std::num::NonZeroU32);

impl NonMaxU32 {
    fn new(value: usize) -> Option<Self> {
        let value = u32::try_from(value).ok()?;
        std::num::NonZeroU32::new(!value).map(NonMaxU32)
    }

    fn get(self) -> usize {
        !self.0.get() as usize
    }
}

/// A 64-bit summary of which characters a text holds: ASCII letters and digits have bits of their
/// own, other characters share the rest by hash. If a word's sketch has a bit a field's lacks, the
/// word is not in the field — which spares a substring search of every Chinese field for a Latin
/// or pinyin word.
fn sketch(text: &str) -> u64 {
    text.chars().fold(0, |bits, c| {
        let c = c.to_ascii_lowercase();
        bits | 1u64
            << match c {
                'a'..='z' => c as u32 - 'a' as u32,
                '0'..='9' => 26 + (c as u32 - '0' as u32),
                _ => 36 + (c as u32).wrapping_mul(2_654_435_761) % 28,
            }
    })
}

impl Field {
    /// The field of a text, with its sketch and the letters its characters can be spelt from
    /// (which only its case keeps).
    fn new(text: &str, arena: &mut pinyin::Arena, lowered: &mut Vec<Box<str>>) -> (Self, u64, u32) {
        let lower = text
            .bytes()
            .any(|b| b.is_ascii_uppercase())
            .then(|| text.to_lowercase().into_boxed_str());
        let sketch = sketch(lower.as_deref().unwrap_or(text));
        let added = arena.add(text);
        let field = Field {
            lower: lower.and_then(|lower| {
                lowered.push(lower);
                NonMaxU32::new(lowered.len() - 1)
            }),
            initials: added.map(|(slot, _)| slot),
        };
        (field, sketch, added.map_or(0, |(_, letters)| letters))
    }
}

/// A query word, prepared once per query.
struct Word {
    text: String,
    chars: usize,
    /// Letters and digits only: it may be pinyin, and it matches English words whole (see
    /// [`words::find_latin`]).
    spellable: bool,
    /// How it matches English words, when it is spellable.
    latin: Option<words::Latin>,
    /// What every exact occurrence starts with: the text, or an English word's stem if shorter
    /// (`sell` for `selling`, which also matches `sells`).
    lead: String,
    /// It holds Chinese: only fields with Chinese can hold it.
    chinese: bool,
    sketch: u64,
    finder: memmem::Finder<'static>,
}

impl Word {
    /// Whether a place the word is spelt in pinyin, characters `at..at + count` of a field's
    /// `text`, counts as a match: spelt in full always; by initials alone (`sc`: one letter a
    /// character) only in names and places, over whole words (四川, never 宜宾市委's 市委 read as
    /// `sw` across 宜宾市 and 委).
    /// The text is read through its initials' offset marks: a place deep in a summary is
    /// reached without counting every character before it. A place of Latin letters alone never
    /// counts.
    fn spelt_counts(
        &self,
        kind: FieldKind,
        (text, initials): (&str, pinyin::Initials),
        at: usize,
        count: usize,
    ) -> bool {
        let mut reader = pinyin::TextReader::new(text, initials);
        let units: Vec<pinyin::Unit> = (at..at + count)
            .map_while(|pos| reader.char_at(pos).map(pinyin::Unit::of))
            .collect();
        self.units_count(kind, &units, at, count, || text)
    }

    /// [`Word::spelt_counts`] for the `units` of characters `at..at + count` of a field, whose
    /// text `text` gives only if it must be read (to tell whole words in a name).
    fn units_count<'t>(
        &self,
        kind: FieldKind,
        units: &[pinyin::Unit],
        at: usize,
        count: usize,
        text: impl FnOnce() -> &'t str,
    ) -> bool {
        // Every character takes a letter at least.
        if count > self.chars {
            return false;
        }
        // Latin letters spell themselves, but a run of them is English, matched as words
        // (`nn` is not in `channel`): pinyin needs a Chinese character.
        if !units.iter().any(pinyin::Unit::is_chinese) {
            return false;
        }
        if kind.spelt_in_full() {
            return pinyin::spelt_in_full(units.iter().copied(), self.text.as_bytes());
        }
        let by_initials = self.chars >= 2 && count == self.chars;
        !by_initials || (kind.initials() && words::Bounds::of(text()).whole(at, at + count))
    }

    /// Whether the word occurs in a (lowercased) text: as an English word if it is spellable,
    /// else anywhere.
    fn occurs_in(&self, text: &str) -> bool {
        match &self.latin {
            Some(latin) => latin.find(text).is_some(),
            None => self.finder.find(text.as_bytes()).is_some(),
        }
    }
}

/// A parsed query: its words, lowercased.
pub struct Query {
    raw: String,
    words: Vec<Word>,
}

impl Query {
    /// The query's words as typed, less English stop words (`an`, `my`) beside others.
    pub fn new(query: &str) -> Self {
        Self::of_words(query, query.split_whitespace(), false)
    }

    /// A query of these words (`raw` is what the user typed); stop words beside others are
    /// dropped, Chinese ones too when the words were cut from a phrase.
    fn of_words<'w>(raw: &str, words: impl Iterator<Item = &'w str>, from_phrase: bool) -> Self {
        let texts: Vec<String> = words.map(str::to_lowercase).collect();
        let meant: Vec<&String> = texts
            .iter()
            .filter(|w| !words::is_stop_word(w, from_phrase))
            .collect();
        let kept: Vec<&String> = if meant.is_empty() {
            texts.iter().collect()
        } else {
            meant
        };
        let words = kept
            .into_iter()
            .map(|text| {
                let spellable = text.bytes().all(|b| b.is_ascii_alphanumeric());
                let latin = spellable.then(|| words::Latin::new(text));
                let lead = latin
                    .as_ref()
                    .map_or(text.as_str(), |l| l.lead())
                    .to_string();
                Word {
                    chars: text.chars().count(),
                    spellable,
                    chinese: pinyin::is_stored(text),
                    sketch: sketch(&lead),
                    finder: memmem::Finder::new(text.as_bytes()).into_owned(),
                    latin,
                    lead,
                    text: text.clone(),
                }
            })
            .collect();
        Query {
            raw: raw.to_string(),
            words,
        }
    }

    /// The words searched for, lowercased (a phrase's words when it was cut into them).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|w| w.text.as_str())
    }

    /// A blank query matches everything.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn as_str(&self) -> &str {
        &self.raw
    }
}

/// How well one word matched a case: smaller is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct WordRank {
    /// 0 exact, 1 pinyin, 2 fuzzy.
    tier: u32,
    weight: u32,
    span: usize,
    /// Negated fuzzy score, so a better score sorts first.
    fuzz: i64,
}

/// A case's place in the results: smaller is better; ties keep library order. How well the words
/// matched first (exact, then pinyin or a vocabulary word, then fuzzy); then cases whose conduct
/// is stated before those known only by their title; then where the words matched (facts, then
/// names, then places and provisions, then law texts); then how short the matches are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rank {
    // Twelve bytes: a search of 100,000 cases holds one per hit, and every byte is memory.
    worst_tier: u8,
    /// The case states no conduct (only its title is known).
    bare: bool,
    weight: u16,
    span: u32,
    fuzz: i32,
}

impl Rank {
    /// A rank no hit keeps: it fills the array a search writes its hits into.
    const NONE: Rank = Rank {
        worst_tier: 0,
        bare: false,
        weight: 0,
        span: 0,
        fuzz: 0,
    };
}

/// How one query word is looked for in the index's arena, prepared once per query.
struct Plan {
    /// Where the word can start as pinyin (`None`: it is not pinyin).
    starts: Option<pinyin::Starts>,
    /// The initials bytes of the word's exact occurrences.
    encoded: memmem::Finder<'static>,
}

/// How one query word is looked for, prepared once per query.
struct WordPlan {
    plan: Plan,
    /// How the word matches each shared entry of the library (provisions, vocabulary terms).
    shared: Vec<Option<WordRank>>,
}

impl WordPlan {
    /// The shared entries the word matches.
    fn entries(&self) -> Vec<u32> {
        (0..self.shared.len() as u32)
            .filter(|&n| self.shared[n as usize].is_some())
            .collect()
    }
}

/// Below this many candidates a search runs on one thread: starting threads would cost more.
const PARALLEL_FROM: usize = 4096;

/// The number of cores, asked once: the answer reads the cgroup files, too slow for every search.
fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Whether `pattern`'s characters occur in `text` in order: the cheap test before fuzzy matching,
/// which is slow in comparison and would fail anyway.
fn is_subsequence(text: &str, pattern: &str) -> bool {
    let mut wanted = pattern.chars();
    let mut next = wanted.next();
    for c in text.chars() {
        match next {
            None => return true,
            Some(w) if w == c => next = wanted.next(),
            Some(_) => {}
        }
    }
    next.is_none()
}

/// Whether `wanted`'s bytes occur in `bytes` in order (not necessarily together).
fn bytes_in_order(mut bytes: &[u8], wanted: &[u8]) -> bool {
    for &byte in wanted {
        match memchr::memchr(byte, bytes) {
            Some(at) => bytes = &bytes[at + 1..],
            None => return false,
        }
    }
    true
}

/// `all` cut into consecutive stretches of the given sizes (which add up to its length).
fn stretches<T>(
    mut all: &mut [T],
    sizes: impl Iterator<Item = usize>,
) -> impl Iterator<Item = &mut [T]> {
    sizes.map(move |size| {
        let (stretch, rest) = std::mem::take(&mut all).split_at_mut(size);
        all = rest;
        stretch
    })
}

/// A matching case and its rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into `library.cases`.
    pub case: usize,
    pub rank: Rank,
}

/// The sketches of a case's (or statute's) fields, together: those with Chinese, those without.
#[derive(Clone, Copy, Default, Serialize, Deserialize)]
struct Sketches {
    chinese: u64,
    latin: u64,
}

impl Sketches {
    fn add(&mut self, field: &Field, sketch: u64) {
        match field.initials {
            Some(_) => self.chinese |= sketch,
            None => self.latin |= sketch,
        }
    }

    /// Whether `word` may be in `field` exactly, as far as the sketches tell.
    fn may_hold(&self, field: &Field, word: &Word) -> bool {
        let of = match field.initials {
            Some(_) => self.chinese,
            None => self.latin,
        };
        word.sketch & !of == 0
    }
}

/// One case in the index.
#[derive(Serialize, Deserialize)]
struct Doc {
    /// The range of its fields in `fields`.
    fields: (u32, u32),
    /// The range of its fields' initials in the arena, one after the other in ranking order, so
    /// a case is scanned for pinyin in one pass and its first match is in its best field.
    run: (u32, u32),
    /// Every letter its characters can be spelt from.
    letters: u32,
    /// The sketches of its fields with Chinese, and of those without, each together: a word
    /// with a bit outside one matches none of those fields exactly.
    sketches: Sketches,
    /// The same for the fields matched fuzzily: most cases are then never tried fuzzily.
    fuzzy_sketch: u64,
    /// Per letter, two bits: the best weight (plus one) of a field with a character spelt from
    /// it, 0 for none. A one-letter query — every search's first keystroke — is answered in
    /// pinyin from this alone.
    letter_weights: u64,
    /// The range of its shared entries (provisions, vocabulary terms) in `links`.
    links: (u32, u32),
    /// The case states no conduct (see [`Case::conduct_stated`]): kept here so that ranking a
    /// case does not read the case itself (a cache miss a case, at 100,000 cases).
    bare: bool,
}

/// What a search made while typing leaves for the next keystroke's ([`Index::search_typed`]).
#[derive(Default)]
pub struct Trail {
    raw: String,
    words: Vec<String>,
    /// Whether a longer query may be searched within these cases alone (see
    /// [`Index::search_typed`]).
    narrows: bool,
    /// The shared entries the last word matched: a longer word matching others has cases these
    /// do not.
    last_entries: Vec<u32>,
    /// When the query was a phrase that found nothing whole and was searched as its words: the
    /// query's own words (this trail's are the phrase's words).
    missed: Vec<String>,
    /// The cases found, in library order, in the parts the search was split into: joining the
    /// parts would, at 100,000 cases, briefly hold them twice.
    parts: Vec<TrailPart>,
}

/// The cases one thread found, in library order; beside each, the places its last word was spelt
/// in pinyin, or a mark that they are not known (the word matched exactly, say).
#[derive(Default)]
struct TrailPart {
    cases: Vec<u32>,
    /// Per case: where its places end in `places` (they start where the previous case's end),
    /// with [`UNKNOWN`] set when they are not known.
    ends: Vec<u32>,
    places: Vec<u32>,
}

/// The bit of a [`TrailPart`] end telling that a case's places are not known.
const UNKNOWN: u32 = 1 << 31;

/// The bit of a case's last place in a [`TrailPart`] telling that the places from there on are
/// not known: the scan stopped at the first place that counts, and the next key scans on from
/// the place after it.
const RESUME: u32 = 1 << 31;

impl Trail {
    /// Whether `query` is the phrase that found nothing whole with its last word grown, a word
    /// in Chinese: exact and scattered matches of characters only get fewer as a word grows.
    fn missed_again(&self, query: &Query) -> bool {
        let (Some(last), Some(missed_last)) = (query.words.last(), self.missed.last()) else {
            return false;
        };
        let earlier = query.words.len() - 1;
        query.words.len() == self.missed.len()
            && query.words[..earlier]
                .iter()
                .zip(&self.missed)
                .all(|(word, missed)| word.text == *missed)
            && !last.spellable
            && last.text.starts_with(missed_last.as_str())
    }
}

impl TrailPart {
    /// Where the `n`th case had its last word spelt, if known.
    fn places(&self, n: usize) -> Option<&[u32]> {
        let end = *self.ends.get(n)?;
        let start = n
            .checked_sub(1)
            .map_or(0, |before| self.ends[before] & !UNKNOWN);
        (end & UNKNOWN == 0).then(|| &self.places[start as usize..end as usize])
    }
}

/// Where a query's last word is spelt in pinyin in one case: `before`, the places its shorter
/// form was spelt (only they are tried), and `now`, every place it is spelt, kept for the next
/// keystroke. `known` tells whether the case was looked through for them.
struct Spelt<'a> {
    before: Option<&'a [u32]>,
    now: &'a mut Vec<u32>,
    known: bool,
}

/// Reads a case's characters by their place in its run of initials, keeping the field it read
/// last and its place in it: a scan reads forward, mostly within one field, and finding the
/// field and its text again for every character was a third of a pinyin search. A field's text
/// is found only when a character must be read from it: most are told by their initials' codes.
struct CaseChars<'a, 'l, 't> {
    index: &'a Index<'l>,
    case: usize,
    texts: &'a CaseTexts<'t>,
    /// The case's run of initials, and where it starts in the arena.
    initials: pinyin::Initials<'a>,
    run: usize,
    /// The field read last.
    field: Option<ReadField<'a>>,
    /// Room for the characters of a place being counted, kept between places.
    units: Vec<pinyin::Unit>,
}

struct ReadField<'a> {
    n: usize,
    /// Where its initials lie in the arena.
    range: std::ops::Range<usize>,
    slot: pinyin::Slot,
    /// Its text and a reader of it, once one of its characters was read.
    text: Option<(&'a str, pinyin::TextReader<'a>)>,
}

impl<'a> CaseChars<'a, '_, '_> {
    /// The field holding place `pos` of the run.
    fn locate(&mut self, pos: usize) -> Option<&mut ReadField<'a>> {
        let at = self.run + pos;
        if self.field.as_ref().is_some_and(|f| f.range.contains(&at)) {
            return self.field.as_mut();
        }
        let n = self.index.field_at(self.case, at)?;
        let slot = self.index.case_fields(self.case).0[n].initials?;
        Some(self.field.insert(ReadField {
            n,
            range: slot.start()..slot.end(),
            slot,
            text: None,
        }))
    }

    /// The text of the field at `pos`, and a reader of it.
    fn text(&mut self, pos: usize) -> Option<(&'a str, &mut pinyin::TextReader<'a>, usize)> {
        let (index, texts) = (self.index, self.texts);
        let field = self.locate(pos)?;
        let (n, slot, start) = (field.n, field.slot, field.range.start);
        let (text, reader) = field.text.get_or_insert_with(|| {
            let text = texts.get(n);
            (
                text,
                pinyin::TextReader::new(text, index.tables.arena.get(slot)),
            )
        });
        Some((text, reader, start))
    }

    fn char_at(&mut self, pos: usize) -> Option<char> {
        let run = self.run;
        let (_, reader, start) = self.text(pos)?;
        reader.char_at(run + pos - start)
    }

    /// [`Word::spelt_counts`] for characters `pos..pos + count` of the run (one field's).
    fn spelt_counts(&mut self, word: &Word, pos: usize, count: usize) -> bool {
        let Some(field) = self.locate(pos) else {
            return false;
        };
        let (n, start) = (field.n, field.range.start);
        let kind = self.index.case_fields(self.case).1[n];
        let initials = self.initials;
        let mut units = std::mem::take(&mut self.units);
        units.clear();
        units.extend((pos..pos + count).map_while(|p| initials.unit(p, |p| self.char_at(p))));
        let at = self.run + pos - start;
        let text = || self.text(pos).map_or("", |(text, _, _)| text);
        let counts = word.units_count(kind, &units, at, count, text);
        self.units = units;
        counts
    }
}

/// The search index of one library.
pub struct Index<'l> {
    library: &'l Library,
    /// What the index derives from the library alone: built here, or read from the cache.
    tables: std::sync::Arc<Tables>,
    shared_texts: Vec<Vec<&'l str>>,
    fuzzy: Box<dyn Fuzzy>,
    /// Every vocabulary name, lowercased: a phrase cut into words keeps them whole.
    names: std::collections::HashSet<String>,
}

/// The tables of an index: everything it derives from the library's texts, none of them
/// borrowed, so that the cache can store them and a warm start builds nothing.
#[derive(Serialize, Deserialize)]
pub struct Tables {
    /// Every case's fields, case after case: one array, read in order.
    fields: Vec<Field>,
    /// The kind of each field, beside it (a byte each rather than four in `Field`).
    kinds: Vec<FieldKind>,
    /// Lowercased copies of the texts with capitals.
    lowered: Vec<Box<str>>,
    /// Per case: where its fields and initials lie, and what they hold.
    docs: Vec<Doc>,
    /// Every case's shared entries (indices into `shared`), case after case: one array, as one
    /// allocation per case scattered them and reading them missed the cache.
    links: Vec<u16>,
    /// What many cases share, indexed and matched once per query: each provision of law, then
    /// each vocabulary term. A case matches what its entries match.
    shared: Vec<Vec<Field>>,
    shared_kinds: Vec<Vec<FieldKind>>,
    shared_sketches: Vec<Sketches>,
    /// The pinyin initials of every field.
    arena: pinyin::Arena,
}

/// The searchable texts of every shared entry: each provision of law (its names, then its
/// words), then each vocabulary term (key, labels, aliases). Entry `i < statutes.len()` is
/// statute `i`.
fn shared_entries(library: &Library) -> Vec<Vec<(FieldKind, &str)>> {
    let statutes = library.statutes.iter().map(|statute| {
        let names = [&statute.law, &statute.article]
            .into_iter()
            .chain(statute.short.as_ref())
            .chain([&statute.law_en, &statute.heading_en])
            .chain(statute.heading.as_ref())
            .map(|text| (FieldKind::Statute, text.as_str()));
        let words = [&statute.summary_en, &statute.text]
            .into_iter()
            .map(|text| (FieldKind::LawText, text.as_str()));
        names.chain(words).collect()
    });
    let terms = VocabKind::ALL.into_iter().flat_map(|kind| {
        // A province's names are places: initials find them (`sc` 四川).
        let field = if kind == VocabKind::Provinces {
            FieldKind::Place
        } else {
            FieldKind::Label
        };
        library.vocab.terms(kind).iter().map(move |term| {
            let mut seen = Vec::new();
            term.names()
                .filter(|name| {
                    let fresh = !seen.contains(name);
                    seen.push(*name);
                    fresh
                })
                .map(|name| (field, name))
                .collect()
        })
    });
    statutes.chain(terms).collect()
}

/// Finds the everyday words (vocabulary `words`) in a case's story, all of them in one pass.
struct StoryWords {
    finder: Option<aho_corasick::AhoCorasick>,
    /// Per pattern: its term's shared entry, and whether it is English (matched as whole words).
    patterns: Vec<(usize, bool)>,
}

impl StoryWords {
    fn new(library: &Library, term_entry: &TermEntries) -> Self {
        let mut names = Vec::new();
        let mut patterns = Vec::new();
        for term in library.vocab.terms(VocabKind::Words) {
            let Some(&entry) = term_entry.get(&(VocabKind::Words as u8, term.key.as_str())) else {
                continue;
            };
            for name in term.names() {
                names.push(name.to_lowercase());
                patterns.push((entry, name.is_ascii()));
            }
        }
        let finder = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&names)
            .ok();
        StoryWords { finder, patterns }
    }

    /// The entries of the words the texts hold.
    fn found(&self, texts: impl Iterator<Item = impl AsRef<str>>) -> Vec<usize> {
        let Some(finder) = &self.finder else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        for text in texts {
            let text = text.as_ref();
            for hit in finder.find_overlapping_iter(text) {
                let (entry, english) = self.patterns[hit.pattern().as_usize()];
                // `sim` in `similar` is not the word.
                let whole = !english
                    || !(letter(text[..hit.start()].chars().next_back())
                        || letter(text[hit.end()..].chars().next()));
                if whole && !found.contains(&entry) {
                    found.push(entry);
                }
            }
        }
        found
    }
}

/// The shared entries a case has: its provisions, and the vocabulary terms it shows (sector,
/// violations, penalty kinds, party kind, province, the data-kind words its data kinds use, and
/// the everyday words its story holds).
fn case_entries(
    library: &Library,
    case: &Case,
    term_entry: &TermEntries,
    story_words: &StoryWords,
) -> Vec<u16> {
    let statutes = case
        .law
        .iter()
        .filter_map(|l| library.statutes.iter().position(|s| s.id == l.statute));
    let term = |kind: VocabKind, key: &str| term_entry.get(&(kind as u8, key)).copied();
    let keyed = case
        .sector
        .iter()
        .map(|s| term(VocabKind::Sectors, s))
        .chain(
            case.violations
                .iter()
                .map(|v| term(VocabKind::Violations, v)),
        )
        .chain(
            case.penalty
                .iter()
                .map(|p| term(VocabKind::Penalties, &p.kind)),
        )
        .chain([
            term(VocabKind::PartyKinds, &case.party.kind),
            term(VocabKind::Provinces, &case.place.province),
        ])
        .flatten();
    let data_words =
        case_data_kinds(library, case).filter_map(|t| term(VocabKind::DataKinds, &t.key));
    let story = texts(case)
        .filter(|(kind, _)| kind.weight() == 0)
        .map(|(_, text)| text.read());
    let mut entries: Vec<u16> = statutes
        .chain(keyed)
        .chain(data_words)
        .chain(story_words.found(story))
        // An office library with more entries than a u16 counts leaves the rest unlinked
        // rather than wrap around to the wrong ones.
        .filter_map(|i| u16::try_from(i).ok())
        .collect();
    entries.sort_unstable();
    entries.dedup();
    entries
}

/// The data-kind words a case uses: those whose label or an alias one of its data kinds holds.
pub fn case_data_kinds<'l>(library: &'l Library, case: &'l Case) -> impl Iterator<Item = &'l Term> {
    library
        .vocab
        .terms(VocabKind::DataKinds)
        .iter()
        .filter(move |t| {
            case.data_kinds.iter().flatten().any(|kind| {
                kind.contains(t.label.zh.as_str())
                    || t.aliases.iter().any(|a| kind.contains(a.as_str()))
            })
        })
}

/// A shared entry: a provision, or a vocabulary term of one vocabulary.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'l> {
    Statute(&'l crate::library::Statute),
    Term(VocabKind, &'l Term),
}

/// Each vocabulary term's shared entry, by vocabulary and key.
type TermEntries<'a> = std::collections::HashMap<(u8, &'a str), usize>;

fn term_entries(library: &Library) -> TermEntries<'_> {
    let mut entries = TermEntries::new();
    let mut next = library.statutes.len();
    for kind in VocabKind::ALL {
        for term in library.vocab.terms(kind) {
            entries.insert((kind as u8, term.key.as_str()), next);
            next += 1;
        }
    }
    entries
}

/// One of a case's searchable texts: held in memory, or its summary, which a library read from
/// its cache leaves in the cache file (see [`Summary`]).
#[derive(Clone, Copy)]
enum CaseText<'c> {
    Held(&'c str),
    Summary(&'c Summary),
}

impl<'c> CaseText<'c> {
    /// The text, read from the cache file if it lies there (nothing if that fails).
    fn read(self) -> Cow<'c, str> {
        match self {
            CaseText::Held(text) => Cow::Borrowed(text),
            CaseText::Summary(summary) => summary.read().unwrap_or_default(),
        }
    }
}

/// The searchable texts of a case, in ranking order (its statutes apart): the first field a word
/// matches in is the best.
fn texts(case: &Case) -> impl Iterator<Item = (FieldKind, CaseText<'_>)> + Clone {
    fn optional(kind: FieldKind, text: Option<&Str>) -> Option<(FieldKind, CaseText<'_>)> {
        text.map(|t| (kind, CaseText::Held(t)))
    }
    let named = [
        (FieldKind::Title, &case.title),
        (FieldKind::Party, &case.party.name),
        (FieldKind::Id, &case.id),
        (FieldKind::Place, &case.place.province),
    ]
    .map(|(kind, text)| (kind, CaseText::Held(text)));
    case.data_kinds
        .iter()
        .flatten()
        .map(|kind| (FieldKind::DataKind, CaseText::Held(kind)))
        .chain(std::iter::once((
            FieldKind::Summary,
            CaseText::Summary(&case.summary),
        )))
        .chain(optional(FieldKind::SummaryEn, case.summary_en.as_deref()))
        .chain(named)
        .chain(optional(FieldKind::Place, case.place.city.as_ref()))
        .chain(optional(FieldKind::Place, case.place.district.as_deref()))
        .chain(
            case.authority
                .as_deref()
                .map(|a| (FieldKind::Authority, CaseText::Held(a))),
        )
        .chain(optional(FieldKind::TitleEn, case.title_en.as_deref()))
}

/// The `n`th of [`texts`] of a case, found without walking the ones before it: a search reads a
/// field's text by its number, at 100,000 cases a million times a key.
fn nth_text(case: &Case, n: usize) -> Option<CaseText<'_>> {
    let kinds = case.data_kinds.as_deref().unwrap_or_default();
    if let Some(kind) = kinds.get(n) {
        return Some(CaseText::Held(kind));
    }
    if n == kinds.len() {
        return Some(CaseText::Summary(&case.summary));
    }
    // The rest of `texts`, in its order; absent optional fields take no number.
    [
        case.summary_en.as_deref().map(Str::as_str),
        Some(case.title.as_str()),
        Some(case.party.name.as_str()),
        Some(case.id.as_str()),
        Some(case.place.province.as_str()),
        case.place.city.as_deref(),
        case.place.district.as_deref().map(Str::as_str),
        case.authority.as_deref(),
        case.title_en.as_deref().map(Str::as_str),
    ]
    .into_iter()
    .flatten()
    .nth(n - kinds.len() - 1)
    .map(CaseText::Held)
}

/// What one thread reads the summaries of its pass with: the library's cases and a read-ahead.
struct Reading<'c> {
    cases: &'c [Case],
    ahead: std::cell::RefCell<ReadAhead>,
}

/// A summary as a ranking reads it: its text, or where it lies in the read-ahead's block, which
/// stays as it is while the case is ranked (cases are ranked one at a time), so the text is read
/// in place rather than copied.
enum Fetched<'c> {
    Text(Cow<'c, str>),
    InBlock(std::cell::Ref<'c, ReadAhead>, std::ops::Range<usize>),
}

impl<'c> Reading<'c> {
    fn new(cases: &'c [Case]) -> Self {
        Reading {
            cases,
            ahead: Default::default(),
        }
    }

    /// The texts of case `case`.
    fn case<'r>(&'r self, case: usize) -> CaseTexts<'r> {
        CaseTexts {
            case: &self.cases[case],
            reading: self,
            summary: std::cell::OnceCell::new(),
        }
    }

    /// `summary`, read ahead when it lies in the cache file (else as it is: its text, or nothing
    /// if the file no longer gives it).
    fn fetch(&'c self, summary: &'c Summary) -> Fetched<'c> {
        let plain = || Fetched::Text(summary.read().unwrap_or_default());
        if !summary.is_stored() {
            return plain();
        }
        // Never two cases at once on one thread; were there, the second is read on its own.
        let Ok(mut ahead) = self.ahead.try_borrow_mut() else {
            return plain();
        };
        let Some(range) = ahead.fetch(summary) else {
            return Fetched::Text(Cow::Borrowed(""));
        };
        drop(ahead);
        match self.ahead.try_borrow() {
            Ok(block) => Fetched::InBlock(block, range),
            Err(_) => plain(),
        }
    }
}

/// A case's texts as one ranking of it reads them, by number: its summary is read once, and only
/// if some word needs more than the initials tell.
struct CaseTexts<'c> {
    case: &'c Case,
    reading: &'c Reading<'c>,
    summary: std::cell::OnceCell<Fetched<'c>>,
}

impl CaseTexts<'_> {
    /// The text of the case's `n`th field.
    fn get(&self, n: usize) -> &str {
        match nth_text(self.case, n) {
            Some(CaseText::Held(text)) => text,
            Some(CaseText::Summary(summary)) => {
                match self.summary.get_or_init(|| self.reading.fetch(summary)) {
                    Fetched::Text(text) => text,
                    Fetched::InBlock(block, range) => block.text(range.clone()).unwrap_or(""),
                }
            }
            None => "",
        }
    }
}

/// How the library's cache builds, stores and reads the search index (see
/// [`crate::library::cache::Indexer`]).
pub struct Indexer;

impl crate::library::cache::Indexer for Indexer {
    fn build(&self, library: &Library) -> DerivedIndex {
        std::sync::Arc::new(Tables::build(library))
    }

    /// The tables but the pinyin initials' bytes, and those bytes (39 MB at 100,000 cases).
    fn encode<'i>(&self, index: &'i DerivedIndex) -> Option<(Vec<u8>, &'i [u8])> {
        let tables = index.downcast_ref::<Tables>()?;
        Some((
            postcard::to_allocvec(tables).ok()?,
            tables.arena.all_bytes(),
        ))
    }

    fn decode(
        &self,
        bytes: Vec<u8>,
        initials: &mut dyn FnMut() -> Option<Vec<u8>>,
    ) -> Option<DerivedIndex> {
        let mut tables: Tables = postcard::from_bytes(&bytes).ok()?;
        drop(bytes);
        tables.arena.put_bytes(initials()?);
        Some(std::sync::Arc::new(tables))
    }

    fn fits(&self, index: &DerivedIndex, library: &Library) -> bool {
        index
            .downcast_ref::<Tables>()
            .is_some_and(|tables| tables.fits(library))
    }
}

impl Tables {
    /// The bytes each table holds (its elements, and the lowered copies' text), for the memory
    /// measure (`examples/memory.rs`).
    pub fn footprint(&self) -> Vec<(&'static str, usize)> {
        use std::mem::size_of_val;
        let nested = |tables: &[Vec<Field>]| tables.iter().map(|t| size_of_val(&t[..])).sum();
        vec![
            ("fields", size_of_val(&self.fields[..]) + self.kinds.len()),
            (
                "lowered copies",
                self.lowered.iter().map(|l| size_of_val(l) + l.len()).sum(),
            ),
            ("docs", size_of_val(&self.docs[..])),
            ("links", size_of_val(&self.links[..])),
            ("shared entries", nested(&self.shared)),
            ("pinyin initials", self.arena.footprint()),
        ]
    }

    /// Whether these tables (read from a cache) are shaped for `library`: a field, run or link
    /// outside its arrays would panic in a search. (Their contents are the checksum's to vouch
    /// for.)
    fn fits(&self, library: &Library) -> bool {
        let entries = shared_entries(library);
        let within = |(start, end): (u32, u32), len: usize| start <= end && end as usize <= len;
        let field_fits = |field: &Field| {
            field.initials.is_none_or(|slot| self.arena.holds(slot))
                && field.lower.is_none_or(|at| at.get() < self.lowered.len())
        };
        let docs_fit = self.docs.len() == library.cases.len()
            && self.docs.iter().zip(&library.cases).all(|(doc, case)| {
                within(doc.fields, self.fields.len())
                    && (doc.fields.1 - doc.fields.0) as usize == texts(case).count()
                    && within(doc.links, self.links.len())
                    && within(doc.run, self.arena.len())
            });
        let shared_fit = self.shared.len() == entries.len()
            && self.shared_kinds.len() == entries.len()
            && self.shared_sketches.len() == entries.len()
            && self
                .shared
                .iter()
                .zip(&self.shared_kinds)
                .zip(&entries)
                .all(|((fields, kinds), entry)| {
                    fields.len() == entry.len()
                        && kinds.len() == entry.len()
                        && fields.iter().all(field_fits)
                });
        docs_fit
            && shared_fit
            && self.kinds.len() == self.fields.len()
            && self.fields.iter().all(field_fits)
            && self
                .links
                .iter()
                .all(|&link| usize::from(link) < entries.len())
    }

    /// Indexes every case and shared entry of a library.
    fn build(library: &Library) -> Self {
        // Sized up front: growing by doubling would briefly need twice the memory at 100k cases.
        // Exactly: shrinking afterwards would copy the arena, briefly holding it twice.
        let stored = |text: &str| {
            if pinyin::is_stored(text) {
                text.chars().count() + 1
            } else {
                0
            }
        };
        let (mut field_count, mut char_count) = (0, 0);
        for case in &library.cases {
            for (_, text) in texts(case) {
                field_count += 1;
                char_count += stored(&text.read());
            }
        }
        let entries = shared_entries(library);
        for entry in &entries {
            char_count += entry.iter().map(|(_, text)| stored(text)).sum::<usize>();
        }
        let mut arena = pinyin::Arena::new(
            library
                .cases
                .iter()
                .flat_map(|case| texts(case).map(|(_, text)| text.read())),
            char_count,
        );
        let mut lowered = Vec::new();
        let mut shared_sketches = Vec::new();
        let shared = entries
            .iter()
            .map(|entry| {
                let mut sketches = Sketches::default();
                let fields = entry
                    .iter()
                    .map(|(_, text)| {
                        let (field, sketch, _) = Field::new(text, &mut arena, &mut lowered);
                        sketches.add(&field, sketch);
                        field
                    })
                    .collect();
                shared_sketches.push(sketches);
                fields
            })
            .collect();
        let shared_kinds = entries
            .iter()
            .map(|entry| entry.iter().map(|(kind, _)| *kind).collect())
            .collect();
        let term_entry = term_entries(library);
        let story_words = StoryWords::new(library, &term_entry);
        let mut fields = Vec::with_capacity(field_count);
        let mut kinds = Vec::with_capacity(field_count);
        let mut docs = Vec::with_capacity(library.cases.len());
        let mut links = Vec::new();
        for case in &library.cases {
            let (start, run) = (fields.len(), arena.len());
            let (mut letters, mut sketches, mut fuzzy_sketch) = (0, Sketches::default(), 0);
            let mut letter_weights = 0u64;
            for (kind, text) in texts(case) {
                let (field, field_sketch, field_letters) =
                    Field::new(&text.read(), &mut arena, &mut lowered);
                if field.initials.is_some() {
                    letters |= field_letters;
                    arena.separate();
                    for letter in 0..26 {
                        let shift = 2 * letter;
                        let known = (letter_weights >> shift) & 3;
                        if field_letters & (1 << letter) != 0 && known == 0 {
                            // Fields come in ranking order: the first is the best.
                            letter_weights |= u64::from(kind.weight() + 1) << shift;
                        }
                    }
                }
                sketches.add(&field, field_sketch);
                if kind.fuzzy() {
                    fuzzy_sketch |= field_sketch;
                }
                fields.push(field);
                kinds.push(kind);
            }
            let first_link = links.len();
            links.extend(case_entries(library, case, &term_entry, &story_words));
            let span = |start: usize, end: usize| (start as u32, end as u32);
            docs.push(Doc {
                links: span(first_link, links.len()),
                fields: span(start, fields.len()),
                run: span(run, arena.len()),
                letters,
                sketches,
                fuzzy_sketch,
                letter_weights,
                bare: !case.conduct_stated(),
            });
        }
        fields.shrink_to_fit();
        arena.shrink();
        links.shrink_to_fit();
        lowered.shrink_to_fit();
        Tables {
            fields,
            kinds,
            lowered,
            docs,
            links,
            shared,
            shared_kinds,
            shared_sketches,
            arena,
        }
    }
}

impl<'l> Index<'l> {
    /// Indexes every case of a library.
    pub fn new(library: &'l Library) -> Self {
        Self::with_fuzzy(library, Box::new(Skim::default()))
    }

    pub fn with_fuzzy(library: &'l Library, fuzzy: Box<dyn Fuzzy>) -> Self {
        let tables = library
            .derived
            .index()
            .and_then(|kept| kept.clone().downcast::<Tables>().ok())
            .unwrap_or_else(|| std::sync::Arc::new(Tables::build(library)));
        Index {
            library,
            tables,
            shared_texts: shared_entries(library)
                .iter()
                .map(|entry| entry.iter().map(|(_, text)| *text).collect())
                .collect(),
            fuzzy,
            names: VocabKind::ALL
                .into_iter()
                .flat_map(|kind| library.vocab.terms(kind))
                .flat_map(|term| term.names())
                .map(str::to_lowercase)
                .collect(),
        }
    }
    /// A case's shared entries (provisions and vocabulary terms), sorted: two cases share what
    /// their lists share.
    pub fn case_entries(&self, case: usize) -> &[u16] {
        let (start, end) = self.tables.docs[case].links;
        &self.tables.links[start as usize..end as usize]
    }

    /// The entry of a provision, by id.
    pub fn statute_entry(&self, id: &str) -> Option<u16> {
        let at = self.library.statutes.iter().position(|s| s.id == id)?;
        u16::try_from(at).ok()
    }

    /// The entry of a vocabulary term, by its vocabulary and key (the order [`Index::entry`]
    /// reads them in).
    pub fn term_entry(&self, kind: VocabKind, key: &str) -> Option<u16> {
        let library = self.library;
        let before: usize = VocabKind::ALL
            .iter()
            .take_while(|&&k| k != kind)
            .map(|&k| library.vocab.terms(k).len())
            .sum();
        let at = library
            .vocab
            .terms(kind)
            .iter()
            .position(|t| t.key == key)?;
        u16::try_from(library.statutes.len() + before + at).ok()
    }

    /// What a shared entry is.
    pub fn entry(&self, entry: u16) -> Option<Entry<'l>> {
        let library = self.library;
        let mut at = usize::from(entry);
        if let Some(statute) = library.statutes.get(at) {
            return Some(Entry::Statute(statute));
        }
        at -= library.statutes.len();
        for kind in VocabKind::ALL {
            let terms = library.vocab.terms(kind);
            match terms.get(at) {
                Some(term) => return Some(Entry::Term(kind, term)),
                None => at -= terms.len(),
            }
        }
        None
    }

    /// A field's text as exact matching reads it: lowercased.
    fn folded<'a>(&'a self, field: &Field, text: &'a str) -> &'a str {
        field
            .lower
            .map_or(text, |at| &self.tables.lowered[at.get()])
    }

    /// A case's fields, and the kind of each.
    fn case_fields(&self, case: usize) -> (&[Field], &[FieldKind]) {
        let (start, end) = self.tables.docs[case].fields;
        let range = start as usize..end as usize;
        (
            &self.tables.fields[range.clone()],
            &self.tables.kinds[range],
        )
    }

    /// The best exact or pinyin match of a word in some fields (their kinds beside them, their
    /// texts read by number only when needed): fields are in ranking order, so within a tier
    /// the first field that matches is the best one.
    fn exact_or_pinyin<'a>(
        &'a self,
        (fields, kinds): (&[Field], &[FieldKind]),
        sketches: Sketches,
        text: impl Fn(usize) -> &'a str,
        word: &Word,
        encoded: &memmem::Finder,
        starts: Option<&pinyin::Starts>,
    ) -> Option<WordRank> {
        let exact = fields.iter().enumerate().position(|(n, f)| {
            // A field whose initials lack the word's cannot hold it, nor can a field without
            // Chinese hold a word with some: either way its text stays unread.
            let may_hold = sketches.may_hold(f, word)
                && match (f.initials, f.lower) {
                    (Some(slot), None) => {
                        encoded.find(self.tables.arena.get(slot).bytes()).is_some()
                    }
                    (None, _) => !word.chinese,
                    (Some(_), Some(_)) => true,
                };
            may_hold && word.occurs_in(self.folded(f, text(n)))
        });
        if let Some(n) = exact {
            return Some(WordRank {
                tier: 0,
                weight: kinds[n].weight(),
                span: word.chars,
                fuzz: 0,
            });
        }
        let starts = starts?;
        fields.iter().enumerate().find_map(|(n, field)| {
            if !kinds[n].pinyin() {
                return None;
            }
            let initials = self.tables.arena.get(field.initials?);
            let text = text(n);
            let (_, count) =
                pinyin::find_where(text, initials, word.text.as_bytes(), starts, |at, count| {
                    word.spelt_counts(kinds[n], (text, initials), at, count)
                })?;
            Some(WordRank {
                tier: 1,
                weight: kinds[n].weight(),
                span: count,
                fuzz: 0,
            })
        })
    }

    /// Which of a case's fields position `at` of the arena lies in: the last to start at or
    /// before it.
    fn field_at(&self, case: usize, at: usize) -> Option<usize> {
        let (fields, _) = self.case_fields(case);
        fields
            .iter()
            .rposition(|f| f.initials.is_some_and(|slot| slot.start() <= at))
    }

    /// The best exact or pinyin match of a word in a case's own fields. With `spelt`, the word's
    /// pinyin is looked for only where a shorter word was spelt, and every place it is spelt is
    /// kept for the next, longer word.
    fn in_case(
        &self,
        (case, texts): (usize, &CaseTexts<'_>),
        word: &Word,
        plan: &Plan,
        spelt: Option<&mut Spelt>,
    ) -> Option<WordRank> {
        let doc = &self.tables.docs[case];
        if let Some(exact) = self.exact_or_pinyin(
            self.case_fields(case),
            doc.sketches,
            |n| texts.get(n),
            word,
            &plan.encoded,
            None,
        ) {
            return Some(exact);
        }
        let starts = plan.starts.as_ref()?;
        if let &[letter] = word.text.as_bytes()
            && letter.is_ascii_lowercase()
        {
            let weight = (doc.letter_weights >> (2 * (letter - b'a'))) & 3;
            // Lazily: for no match the weight is 0 and has no predecessor.
            return (weight > 0).then(|| WordRank {
                tier: 1,
                weight: weight as u32 - 1,
                span: 1,
                fuzz: 0,
            });
        }
        let run = doc.run.0 as usize;
        let initials = self.tables.arena.run(run, doc.run.1 as usize, doc.letters);
        let mut found = None;
        let chars = std::cell::RefCell::new(CaseChars {
            index: self,
            case,
            texts,
            initials,
            run,
            field: None,
            units: Vec::new(),
        });
        let mut read = |pos| chars.borrow_mut().char_at(pos);
        let query = word.text.as_bytes();
        let counts = |start: usize, count| chars.borrow_mut().spelt_counts(word, start, count);
        match spelt {
            None => pinyin::scan(initials, query, starts, read, |start, count| {
                if counts(start, count) {
                    found = Some((start, count));
                }
                found.is_none()
            }),
            Some(spelt) => {
                // Every place up to the first that counts is kept for the next key (`sc` by
                // initials may grow into `sichuan` spelt in full); the scan stops there, and the
                // next key scans on from the place after it (see [`RESUME`]). Collecting every
                // place of `fa` in 100,000 cases took 65 ms.
                let first = std::cell::Cell::new(None);
                let mut visit = |start: usize, count| {
                    spelt.now.push(start as u32);
                    if counts(start, count) {
                        first.set(Some((start, count)));
                    }
                    first.get().is_none()
                };
                match spelt.before {
                    Some(before) => {
                        let (listed, resume) = match before.split_last() {
                            Some((&last, listed)) if last & RESUME != 0 => {
                                (listed, Some((last & !RESUME) as usize))
                            }
                            _ => (before, None),
                        };
                        pinyin::scan_at(initials, query, starts, listed, &mut read, &mut visit);
                        if let Some(from) = resume.filter(|_| first.get().is_none()) {
                            pinyin::scan_from(initials, query, starts, from, &mut read, &mut visit);
                        }
                    }
                    None => pinyin::scan(initials, query, starts, &mut read, &mut visit),
                }
                found = first.get();
                if let Some((start, _)) = found {
                    spelt.now.push(RESUME | (start as u32 + 1));
                }
                spelt.known = true;
            }
        }
        let (start, count) = found?;
        let n = self.field_at(case, run + start)?;
        Some(WordRank {
            tier: 1,
            weight: self.case_fields(case).1[n].weight(),
            span: count,
            fuzz: 0,
        })
    }

    /// The best match of one word in a case: its own fields, its shared entries (matched once
    /// per query, `shared[i]`), or — failing both — fuzzily.
    fn match_word(
        &self,
        (case, texts): (usize, &CaseTexts<'_>),
        word: &Word,
        plan: &Plan,
        shared: &[Option<WordRank>],
        spelt: Option<&mut Spelt>,
    ) -> Option<WordRank> {
        let doc = &self.tables.docs[case];
        let own = self.in_case((case, texts), word, plan, spelt);
        let linked = self.tables.links[doc.links.0 as usize..doc.links.1 as usize]
            .iter()
            .filter_map(|&s| shared[s as usize])
            .min();
        if let Some(best) = own.into_iter().chain(linked).min() {
            return Some(best);
        }
        // Never for English: a scattered match of Latin letters (`face` in f-o-s-h-a-n-c-h-e)
        // is chance.
        if word.chars < 2 || word.spellable || word.sketch & !doc.fuzzy_sketch != 0 {
            return None;
        }
        let (fields, kinds) = self.case_fields(case);
        (0..fields.len())
            .filter(|&n| kinds[n].fuzzy())
            // As for exact matches, the initials tell which fields cannot hold the word's
            // characters in order, without reading their texts.
            .filter(|&n| match (fields[n].initials, fields[n].lower) {
                (Some(slot), None) => {
                    bytes_in_order(self.tables.arena.get(slot).bytes(), plan.encoded.needle())
                }
                (None, _) => !word.chinese,
                (Some(_), Some(_)) => true,
            })
            .map(|n| (kinds[n], &fields[n], texts.get(n)))
            .filter(|&(_, f, text)| is_subsequence(self.folded(f, text), &word.text))
            .filter_map(|(kind, _, text)| {
                let (score, indices) = self.fuzzy.fuzzy(text, &word.text)?;
                let first = indices.first().copied().unwrap_or(0);
                let span = indices.last().map_or(0, |l| l + 1) - first;
                Some(WordRank {
                    tier: 2,
                    weight: kind.weight(),
                    span,
                    fuzz: -score,
                })
            })
            .min()
    }

    /// The best match of a word in a shared entry: exact or pinyin as in a case's fields. (A
    /// phrase holding a vocabulary name, 中介公司, is cut into words instead: see
    /// [`Index::search`].)
    fn in_shared(&self, entry: usize, word: &Word, plan: &Plan) -> Option<WordRank> {
        let texts = &self.shared_texts[entry];
        self.exact_or_pinyin(
            (&self.tables.shared[entry], &self.tables.shared_kinds[entry]),
            self.tables.shared_sketches[entry],
            |n| texts[n],
            word,
            &plan.encoded,
            plan.starts.as_ref(),
        )
    }

    /// How each word of a query is looked for: its plan, and how it matches each shared entry.
    fn plans(&self, query: &Query) -> Vec<WordPlan> {
        query
            .words
            .iter()
            .map(|word| {
                let plan = Plan {
                    starts: word
                        .spellable
                        .then(|| self.tables.arena.starts(word.text.as_bytes())),
                    encoded: memmem::Finder::new(&self.tables.arena.encode(&word.lead))
                        .into_owned(),
                };
                WordPlan {
                    shared: (0..self.tables.shared.len())
                        .map(|entry| self.in_shared(entry, word, &plan))
                        .collect(),
                    plan,
                }
            })
            .collect()
    }

    /// The rank of a case for a query, or `None` if some word matches nowhere.
    /// The last word keeps `spelt`'s places (see [`Index::in_case`]).
    fn rank(
        &self,
        (case, texts): (usize, &CaseTexts<'_>),
        query: &Query,
        plans: &[WordPlan],
        mut spelt: Option<&mut Spelt>,
    ) -> Option<Rank> {
        let mut total = Rank {
            worst_tier: 0,
            bare: self.tables.docs[case].bare,
            weight: 0,
            span: 0,
            fuzz: 0,
        };
        let last = query.words.len().saturating_sub(1);
        for (n, (word, plan)) in query.words.iter().zip(plans).enumerate() {
            let spelt = if n == last {
                spelt.as_deref_mut()
            } else {
                None
            };
            let best = self.match_word((case, texts), word, &plan.plan, &plan.shared, spelt)?;
            // Saturating: absurd queries and texts must not overflow, and such sums tie anyway.
            let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            total.worst_tier = total.worst_tier.max(best.tier as u8);
            total.weight = total.weight.saturating_add(best.weight as u16);
            total.span = total.span.saturating_add(narrow(best.span));
            let fuzz = best.fuzz.clamp(i32::MIN.into(), i32::MAX.into()) as i32;
            total.fuzz = total.fuzz.saturating_add(fuzz);
        }
        Some(total)
    }

    /// The cases matching `query`, best first; a phrase that finds nothing whole is cut into its
    /// words and searched as them (see [`Index::cut`]), and those words are returned beside the
    /// cases when it was.
    pub fn find(&self, query: &Query) -> (Vec<Hit>, Option<Query>) {
        let hits = self.search(query, None);
        if hits.is_empty()
            && let Some(cut) = self.cut(query)
        {
            return (self.search(&cut, None), Some(cut));
        }
        (hits, None)
    }

    /// The cases matching `query`'s words as they are, best first. With `within`, only those
    /// cases are tried.
    pub fn search(&self, query: &Query, within: Option<&[usize]>) -> Vec<Hit> {
        let mut candidates: Vec<usize> = match within {
            Some(cases) => cases.to_vec(),
            None => (0..self.tables.docs.len()).collect(),
        };
        // Previous results come best first; read in library order, the index is read from start
        // to end instead of at random, which the cache rewards.
        candidates.sort_unstable();
        let plans = self.plans(query);
        let chunk = candidates
            .len()
            .div_ceil(self.threads_for(candidates.len()))
            .max(1);
        let parts: Vec<&[usize]> = candidates.chunks(chunk).collect();
        let mut hits: Vec<Hit> = self
            .on_every_core(parts, |part| {
                let reading = Reading::new(&self.library.cases);
                part.iter()
                    .filter_map(|&case| {
                        let texts = reading.case(case);
                        let rank = self.rank((case, &texts), query, &plans, None)?;
                        Some(Hit { case, rank })
                    })
                    .collect::<Vec<_>>()
            })
            .into_iter()
            .flatten()
            .collect();
        hits.sort_unstable_by_key(|h| (h.rank, h.case));
        hits
    }

    /// A search as typing makes it: after `before` (the trail of the search one key ago), a query
    /// that only grew is tried on its results alone, and a last word that only grew is spelt in
    /// pinyin only where the shorter word was, which makes the keystrokes after the first few
    /// cheap. The cases found, best first, and the trail for the next key.
    ///
    /// A phrase that finds nothing whole is cut into words and searched as them (see
    /// [`Index::cut`]); the words are returned beside the cases when it was.
    pub fn search_typed(
        &self,
        query: &Query,
        before: Option<&Trail>,
    ) -> (Vec<Hit>, Trail, Option<Query>) {
        // A phrase that found nothing whole, grown by a character, finds nothing whole either.
        let missed_before = before.is_some_and(|before| before.missed_again(query));
        let (hits, trail) = if missed_before {
            (Vec::new(), Trail::default())
        } else {
            self.typed_once(query, before)
        };
        if hits.is_empty()
            && let Some(cut) = self.cut(query)
        {
            // Its words typed on from the key before, as if typed as they are cut: from the
            // words the shorter phrase was cut into (`员工 卖` to `员工 卖客`), or from the words
            // before the phrase (`员工` to `员工 卖`). The cut's text is its words, so the usual
            // test of growth applies (and a search of all 100,000 cases is spared).
            let (hits, mut trail) = self.typed_once(&cut, before);
            trail.missed = query.words.iter().map(|w| w.text.clone()).collect();
            return (hits, trail, Some(cut));
        }
        (hits, trail, None)
    }

    /// [`Index::search_typed`] for the query's own words.
    fn typed_once(&self, query: &Query, before: Option<&Trail>) -> (Vec<Hit>, Trail) {
        let plans = self.plans(query);
        let grew = before.filter(|before| {
            before.narrows && !before.words.is_empty() && query.raw.starts_with(&before.raw)
        });
        let same_words = grew.is_some_and(|before| {
            let (words, last) = (&query.words, before.words.len() - 1);
            words.len() == before.words.len()
                && words[..last]
                    .iter()
                    .zip(&before.words)
                    .all(|(word, earlier)| word.text == *earlier)
                && words[last].text.starts_with(&before.words[last])
        });
        // A last word that grew may match what its shorter form did not, and so find cases
        // outside the earlier ones: a vocabulary name (`agen` holds the start of `agency`), or
        // an English word by a shorter stem (`sellin` to `selling`, which finds `sells`).
        let grew = grew.filter(|before| {
            !same_words || {
                let (last, plan) = (query.words.last(), plans.last());
                let earlier = before.words.last().map_or("", String::as_str);
                last.is_some_and(|w| w.lead.starts_with(earlier))
                    && plan.is_some_and(|p| {
                        p.entries()
                            .iter()
                            .all(|e| before.last_entries.binary_search(e).is_ok())
                    })
            }
        });
        // Every part writes its hits into its own stretch of one array, as long as the cases it
        // tries: gathering them from arrays of their own would, for a first key at 100,000
        // cases, hold every hit twice (2.4 MB more at the peak).
        let placeholder = Hit {
            case: 0,
            rank: Rank::NONE,
        };
        let (found, mut hits) = match grew {
            Some(before) => {
                let sizes = before.parts.iter().map(|part| part.cases.len());
                let mut hits = vec![placeholder; sizes.clone().sum()];
                let jobs = before
                    .parts
                    .iter()
                    .zip(stretches(&mut hits, sizes))
                    .collect();
                let found = self.on_every_core(jobs, |(part, out)| {
                    let places = |n| same_words.then(|| part.places(n)).flatten();
                    let cases = part.cases.iter().map(|&case| case as usize);
                    self.typed_part(cases, out, places, query, &plans)
                });
                (found, hits)
            }
            None => {
                let count = self.tables.docs.len();
                let chunk = count.div_ceil(self.threads_for(count)).max(1);
                let ranges: Vec<_> = (0..count)
                    .step_by(chunk)
                    .map(|start| start..(start + chunk).min(count))
                    .collect();
                let mut hits = vec![placeholder; count];
                let sizes = ranges.iter().map(ExactSizeIterator::len);
                let jobs = ranges.iter().zip(stretches(&mut hits, sizes)).collect();
                let found = self.on_every_core(jobs, |(range, out)| {
                    self.typed_part(range.clone(), out, |_| None, query, &plans)
                });
                (found, hits)
            }
        };
        // Each part's hits moved up to follow the previous part's.
        let (mut kept, mut from) = (0, 0);
        let mut parts = Vec::with_capacity(found.len());
        for ((found, size), part) in found {
            hits.copy_within(from..from + found, kept);
            (kept, from) = (kept + found, from + size);
            parts.push(part);
        }
        hits.truncate(kept);
        hits.shrink_to_fit();
        hits.sort_unstable_by_key(|h| (h.rank, h.case));
        let trail = Trail {
            raw: query.raw.clone(),
            words: query.words.iter().map(|w| w.text.clone()).collect(),
            // The cases kept include those a longer last word may match (see `typed_part`).
            narrows: true,
            last_entries: plans.last().map(WordPlan::entries).unwrap_or_default(),
            missed: Vec::new(),
            parts,
        };
        (hits, trail)
    }

    /// The query with each Chinese phrase cut into its words (员工卖客户信息 → 员工 卖 客户信息),
    /// words that carry nothing dropped (的, 了); `None` if no phrase has several words. Names the
    /// library knows (vocabulary labels and aliases) stay whole.
    pub fn cut(&self, query: &Query) -> Option<Query> {
        let known = |word: &str| self.names.contains(word);
        let mut cut = false;
        let mut pieces = Vec::new();
        for word in &query.words {
            // Only a phrase all in Chinese: `房多q` is a word being typed, not two words.
            if word.chinese && word.chars >= 2 && !word.text.chars().any(|c| c.is_ascii()) {
                let words = words::segment(&word.text, &known);
                cut |= words.len() > 1;
                pieces.extend(words);
            } else {
                pieces.push(word.text.clone());
            }
        }
        cut.then(|| {
            let words = pieces.join(" ");
            Query::of_words(&words, pieces.iter().map(String::as_str), true)
        })
    }

    /// One thread's share of [`Index::search_typed`]: the `cases` (in library order), each with
    /// the places its last word's shorter form was spelt (`before(n)` for the `n`th) if known.
    /// Searches `cases`, writing their hits into `out` (as long as they are many); how many it
    /// wrote and how long `out` is, and what the next key needs.
    fn typed_part<'a>(
        &self,
        cases: impl Iterator<Item = usize>,
        out: &mut [Hit],
        before: impl Fn(usize) -> Option<&'a [u32]>,
        query: &Query,
        plans: &[WordPlan],
    ) -> ((usize, usize), TrailPart) {
        let mut found = 0;
        let mut part = TrailPart::default();
        let reading = Reading::new(&self.library.cases);
        for (n, case) in cases.enumerate() {
            let start = part.places.len();
            let mut spelt = Spelt {
                before: before(n),
                now: &mut part.places,
                known: false,
            };
            let texts = reading.case(case);
            let rank = self.rank((case, &texts), query, plans, Some(&mut spelt));
            let known = spelt.known;
            if let Some(rank) = rank {
                out[found] = Hit { case, rank };
                found += 1;
            }
            // A case whose last word is spelt somewhere that does not count yet (`sc` inside a
            // story), or begins an English word it is too short to match (`app` in `applied`),
            // stays for the next key: typed on (`sich`, `appl`), the word may match there.
            let may_match = || {
                part.places.len() > start
                    || query
                        .words
                        .last()
                        .is_some_and(|word| self.starts_a_word((case, &texts), word))
            };
            if rank.is_some() || may_match() {
                // Cases and places are far below 2^31 (a case file is at most 1 MiB).
                part.cases.push(case as u32);
                let end = part.places.len() as u32;
                part.ends.push(if known { end } else { end | UNKNOWN });
            } else {
                part.places.truncate(start);
            }
        }
        part.places.shrink_to_fit();
        ((found, out.len()), part)
    }

    /// Whether a short English word (shorter than [`words::PREFIX_FROM`]) begins a word of one
    /// of the case's own fields.
    fn starts_a_word(&self, (case, texts): (usize, &CaseTexts<'_>), word: &Word) -> bool {
        let Some(latin) = word
            .latin
            .as_ref()
            .filter(|_| word.chars < words::PREFIX_FROM)
        else {
            return false;
        };
        let doc = &self.tables.docs[case];
        let (fields, _) = self.case_fields(case);
        fields.iter().enumerate().any(|(n, field)| {
            doc.sketches.may_hold(field, word)
                && latin.starts_a_word(self.folded(field, texts.get(n)))
        })
    }

    /// How many threads a search of `candidates` cases runs on.
    fn threads_for(&self, candidates: usize) -> usize {
        if candidates < PARALLEL_FROM {
            1
        } else {
            cores()
        }
    }

    /// `work` on each item, each on a thread of its own when there are several, and the answers
    /// in order.
    fn on_every_core<I: Send, T: Send>(
        &self,
        items: Vec<I>,
        work: impl Fn(I) -> T + Sync,
    ) -> Vec<T> {
        if items.len() < 2 {
            return items.into_iter().map(&work).collect();
        }
        let work = &work;
        std::thread::scope(|scope| {
            let workers: Vec<_> = items
                .into_iter()
                .map(|item| scope.spawn(move || work(item)))
                .collect();
            workers
                .into_iter()
                // A worker's panic is a bug: passed on, never results silently missing.
                .map(|w| {
                    w.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        })
    }

    /// Character indices in `text` to highlight for `query`: every exact and pinyin occurrence of
    /// every word, or, in a short text with neither, the fuzzy match.
    pub fn highlight(&self, text: &str, query: &Query) -> Vec<usize> {
        let mut marks = marks(text, query);
        if marks.is_empty() && text.chars().count() <= 80 {
            for word in query.words.iter().filter(|w| w.chars >= 2) {
                if let Some((_, indices)) = self.fuzzy.fuzzy(text, &word.text) {
                    marks.extend(indices);
                }
            }
        }
        marks.sort_unstable();
        marks.dedup();
        marks
    }
}

/// Character indices in `text` where a word of `query` occurs exactly or in pinyin, in order and
/// without repeats: what to highlight, and — for texts outside the index, such as the law's — what
/// matches.
pub fn marks(text: &str, query: &Query) -> Vec<usize> {
    let lower = text.to_lowercase();
    // Lowercasing keeps character counts for the scripts in case files; if it ever did not,
    // skip exact highlights rather than mark the wrong characters.
    let same_shape = lower.chars().count() == text.chars().count();
    // The text's own arena: its set bytes are its own, so are the starts made from it.
    let mut arena = pinyin::Arena::new([text], 0);
    let initials = arena.add(text).map(|(slot, _)| arena.get(slot));
    let mut marks = Vec::new();
    for word in &query.words {
        let starts = word.spellable.then(|| arena.starts(word.text.as_bytes()));
        if same_shape {
            let found: Vec<(usize, usize)> = match &word.latin {
                Some(latin) => latin.find_iter(&lower).collect(),
                None => word
                    .finder
                    .find_iter(lower.as_bytes())
                    .map(|at| (at, word.text.len()))
                    .collect(),
            };
            for (at, len) in found {
                let start = lower[..at].chars().count();
                marks.extend(start..start + lower[at..at + len].chars().count());
            }
        }
        if let Some(starts) = &starts
            && let Some(initials) = initials
        {
            for (start, count) in pinyin::find_all(text, initials, word.text.as_bytes(), starts) {
                marks.extend(start..start + count);
            }
        }
    }
    marks.sort_unstable();
    marks.dedup();
    marks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{LoadOptions, load};

    // The ranking tests were written against the 2019 list's nine cases; the later collections
    // have tests of their own.
    use crate::library::list_2019;

    fn ids(library: &Library, query: &str) -> Vec<String> {
        let index = Index::new(library);
        index
            .find(&Query::new(query))
            .0
            .iter()
            .map(|h| library.cases[h.case].id.to_string())
            .collect()
    }

    /// A field's text found by its number is the one `texts` lists at that number, whichever
    /// optional fields a case has: every built-in case, each with each optional text taken away
    /// or given.
    #[test]
    fn a_text_by_its_number_is_the_listed_one() {
        let library = load(&LoadOptions::default()).unwrap();
        let some = |text: &str| Some(Str::from(text));
        let variants = |case: &Case| {
            let mut all = vec![case.clone()];
            let changes: [fn(&mut Case); 7] = [
                |c| c.data_kinds = None,
                |c| c.data_kinds = Some(vec!["电话号码".into(), "姓名".into()].into()),
                |c| c.summary_en = c.summary_en.take().xor(Some(Box::new("facts".into()))),
                |c| c.place.city = c.place.city.take().xor(Some("某市".into())),
                |c| c.place.district = c.place.district.take().xor(Some(Box::new("某区".into()))),
                |c| c.authority = c.authority.take().xor(Some("某局".into())),
                |c| c.title_en = c.title_en.take().xor(Some(Box::new("title".into()))),
            ];
            for change in changes {
                let mut changed = case.clone();
                change(&mut changed);
                all.push(changed);
            }
            let rare = |text: &str| Some(Box::new(Str::from(text)));
            let mut full = case.clone();
            (full.summary_en, full.place.city, full.place.district) =
                (rare("en"), some("市"), rare("区"));
            (full.authority, full.title_en) = (Some("局".into()), rare("t"));
            all.push(full);
            all
        };
        for case in library.cases.iter().flat_map(variants) {
            let listed: Vec<Cow<str>> = texts(&case).map(|(_, text)| text.read()).collect();
            for n in 0..listed.len() + 2 {
                assert_eq!(
                    nth_text(&case, n).map(CaseText::read),
                    listed.get(n).cloned(),
                    "{} #{n}",
                    case.id
                );
            }
        }
    }

    /// On the whole built-in library: an officer asked about cameras at a sales office finds the
    /// face cases first, by the data kind, its aliases and the facts' words.
    #[test]
    fn face_capture_finds_the_face_cases_first() {
        let library = load(&LoadOptions::default()).unwrap();
        let face_cases = |id: &str| {
            let case = library.case(id).unwrap();
            let mut data = case.data_kinds.iter().flatten();
            data.any(|k| k.contains("人脸")) || case.summary.text().contains("人脸")
        };
        for query in ["人脸", "face", "摄像头", "人脸识别", "刷脸", "售楼处 人脸"] {
            let found = ids(&library, query);
            assert!(found.len() >= 3, "{query}: {found:?}");
            assert!(face_cases(&found[0]), "{query}: {found:?}");
        }
        assert_eq!(ids(&library, "售楼处")[0], "ningbo-poly");
        assert_eq!(
            ids(&library, "cq"),
            ["buerguo-chongqing", "chongqing-yaokun"],
            "重庆 now has cases"
        );
    }

    #[test]
    fn chinese_pinyin_initials_english_and_ids() {
        let library = list_2019();
        for query in ["房多多", "nanning", "nn", "fangduoduo", "fdd", "FangDuoDuo"] {
            assert_eq!(ids(&library, query)[0], "nanning-fangduoduo", "{query}");
        }
        for query in ["zhuji", "zj", "诸暨"] {
            assert_eq!(ids(&library, query)[0], "zhuji-xiangsheng", "{query}");
        }
        assert_eq!(ids(&library, "maikainike"), ["beijing-maikainike"]);
        assert_eq!(ids(&library, "mosquito"), ["yibin-yu"], "English summaries");
        assert_eq!(ids(&library, "alar"), ["alar-tongtianyi"]);
        // The exact data kind first; a word holding a data-kind word (姓名) finds the others after.
        assert_eq!(
            ids(&library, "宝宝姓名")[0],
            "beijing-maikainike",
            "data kinds"
        );
    }

    #[test]
    fn every_word_must_match_and_mixed_queries_work() {
        let library = list_2019();
        assert_eq!(ids(&library, "广西 房"), ["nanning-fangduoduo"]);
        assert_eq!(ids(&library, "nanning 房"), ["nanning-fangduoduo"]);
        assert!(ids(&library, "nanning 诸暨").is_empty());
        assert_eq!(
            ids(&library, "   ").len(),
            9,
            "a blank query matches everything"
        );
    }

    #[test]
    fn statutes_linked_to_a_case_are_searchable() {
        let library = list_2019();
        let found = ids(&library, "刑法");
        assert_eq!(found, ["yibin-yu"]);
        assert_eq!(ids(&library, "第二十九条第二款"), ["zhuji-xiangsheng"]);
    }

    #[test]
    fn ranking_exact_before_fuzzy_stated_conduct_before_title_only_then_library_order() {
        let library = list_2019();
        // 房产 is in 洛阳首茂's name, of which only the title is known, and in the sector of two
        // cases whose conduct is stated: those first.
        let found = ids(&library, "房产");
        assert_eq!(
            found,
            ["zhuji-xiangsheng", "nanning-fangduoduo", "luoyang-shoumao"]
        );
        // 教育 is in two parties' names: ties keep library order.
        let found = ids(&library, "教育");
        assert_eq!(&found[..2], ["beijing-maikainike", "changshu-jinghua"]);
        // 房管 is in no text as it is; fuzzy finds 广西南宁房多多资产管理 (房…管), after exact.
        let index = Index::new(&library);
        let hits = index.search(&Query::new("房管"), None);
        assert_eq!(library.cases[hits[0].case].id, "nanning-fangduoduo");
        let exact = index.search(&Query::new("房多多"), None);
        assert!(exact[0].rank < hits[0].rank, "exact ranks before fuzzy");
        // Latin letters are never matched scattered: `qngdzhx` is not qingdao-zhongxin.
        assert!(index.search(&Query::new("qngdzhx"), None).is_empty());
    }

    #[test]
    fn highlights_are_character_indices() {
        let library = list_2019();
        let index = Index::new(&library);
        let party = "广西南宁房多多资产管理有限公司";
        assert_eq!(index.highlight(party, &Query::new("房多多")), [4, 5, 6]);
        assert_eq!(
            index.highlight(party, &Query::new("nanning fdd")),
            [2, 3, 4, 5, 6]
        );
        assert_eq!(
            index.highlight("Guangxi Nanning", &Query::new("nanning")),
            (8..15).collect::<Vec<_>>()
        );
        // Fuzzy indices are characters too (fuzzy-matcher #15): 房 and 管 in a Chinese string.
        assert_eq!(index.highlight(party, &Query::new("房管")), [4, 9]);
    }

    #[test]
    fn narrowing_within_previous_results_gives_the_same_answer() {
        let library = list_2019();
        let index = Index::new(&library);
        let first = index.search(&Query::new("fa"), None);
        let within: Vec<usize> = first.iter().map(|h| h.case).collect();
        let narrowed = index.search(&Query::new("fang"), Some(&within));
        assert_eq!(narrowed, index.search(&Query::new("fang"), None));
    }

    /// Typing a query key by key, each search starting from the one before, finds what searching
    /// it at once finds, in the same order: on the built-in library and a generated one, for
    /// pinyin in full and by initials, Chinese, several words, and words grown to hold a
    /// vocabulary name.
    #[test]
    fn typing_key_by_key_finds_what_searching_at_once_finds() {
        let built_in = list_2019();
        let generated = crate::synth::library(400).unwrap();
        for library in [&built_in, &generated] {
            let index = Index::new(library);
            for typed in [
                "fangchanjingji",
                "nanningfdd",
                "chongqingshi",
                "zhongqing",
                "guangxi nanning",
                "fang chan zhongjie",
                "房产中介",
                "黑中介",
                "shoujihaoma",
                "xingming dianhua",
                "FangDuoDuo",
                "pos机",
                "员工卖客户信息",
                "an agency sold my phone number",
                "selling",
                "applied",
                "sichuan",
                "scx",
                "gxnanning",
                "agency",
            ] {
                typing_finds_what_searching_at_once_finds(&index, typed);
            }
        }
    }

    /// Types `typed` key by key, each search starting from the one before, and checks that
    /// every key finds what searching at once finds, in the same order.
    fn typing_finds_what_searching_at_once_finds(index: &Index, typed: &str) {
        let mut before: Option<Trail> = None;
        let mut query = String::new();
        for c in typed.chars() {
            query.push(c);
            let parsed = Query::new(&query);
            let (hits, trail, _) = index.search_typed(&parsed, before.as_ref());
            assert_eq!(hits, index.find(&parsed).0, "{query:?}");
            before = Some(trail);
        }
    }

    /// With cases enough to search in parts on several threads, typing key by key still finds
    /// what searching at once finds: each part's hits, written into its own stretch of one
    /// array, are joined whole and in order.
    #[test]
    fn typing_in_parts_finds_what_searching_at_once_finds() {
        let library = crate::synth::library(PARALLEL_FROM + 700).unwrap();
        let index = Index::new(&library);
        assert!(index.threads_for(library.cases.len()) > 1 || cores() == 1);
        for typed in ["fangchan", "员工卖客户信息", "gx nanning"] {
            typing_finds_what_searching_at_once_finds(&index, typed);
        }
    }

    /// Random queries typed key by key (letters that spell pinyin and English, characters from
    /// the cases, spaces, stop words) find at every key what searching at once finds: the trail
    /// keeps every case a longer word may still match.
    #[test]
    fn random_typing_finds_what_searching_at_once_finds() {
        let built_in = list_2019();
        let generated = crate::synth::library(200).unwrap();
        let pieces = [
            "a", "n", "s", "c", "f", "g", "x", "i", "e", "p", "l", "o", "an", "sell", "app", "ph",
            "房", "产", "中", "介", "老", "人", "员", "工", "卖", "客", "户", "信", "息", "电",
            "话", "卡", "推", "销", "的", " ", " ", "sc", "nan", "ning", "SIM",
        ];
        for (seed, library) in (1..=150u64).zip([&built_in, &generated].into_iter().cycle()) {
            let index = Index::new(library);
            let mut rng = crate::rng::Rng::new(seed);
            let text: String = (0..1 + rng.below(6)).map(|_| rng.pick(&pieces)).collect();
            typing_finds_what_searching_at_once_finds(&index, &text);
        }
    }

    /// A longer word may find what its shorter form did not: `app` is no word of any case, and
    /// `appl` begins `applied`. Typing on searches the whole library again, not the (no) cases of
    /// `app`.
    #[test]
    fn a_word_that_grew_to_match_more_is_searched_afresh() {
        let library = list_2019();
        let index = Index::new(&library);
        let (shorter, trail, _) = index.search_typed(&Query::new("app"), None);
        assert!(shorter.is_empty());
        let (longer, _, _) = index.search_typed(&Query::new("appl"), Some(&trail));
        assert_eq!(longer, index.search(&Query::new("appl"), None));
        assert!(!longer.is_empty());
    }

    /// The words an officer on the phone uses find what a case is about: its labels, their
    /// aliases, the data-kind words, the law it cites (full text last).
    #[test]
    fn the_words_people_use_find_what_a_case_is_about() {
        let library = list_2019();
        let real_estate = ["zhuji-xiangsheng", "nanning-fangduoduo", "luoyang-shoumao"];
        for query in ["房地产", "房产租售", "real-estate"] {
            assert_eq!(ids(&library, query), real_estate, "{query}");
        }
        // 南宁's own story has the words (中介; "housing estates", "brokerage"), so it comes first.
        for query in ["中介公司", "estate agency"] {
            assert_eq!(
                ids(&library, query),
                ["nanning-fangduoduo", "zhuji-xiangsheng", "luoyang-shoumao"],
                "{query}"
            );
        }

        // Selling: the violation's label and aliases first (诸暨: an employee sold owners'
        // numbers), then cases whose law's text has the word.
        for query in ["出售", "泄露", "买卖", "贩卖", "sold"] {
            assert_eq!(ids(&library, query)[0], "zhuji-xiangsheng", "{query}");
        }
        // 卖 is in 诸暨's story and in 阿拉尔's name (手机卖场), of which only the title is
        // known: the story first.
        let sell = ids(&library, "卖");
        assert_eq!(sell[0], "zhuji-xiangsheng");
        assert_eq!(sell.last().map(String::as_str), Some("alar-tongtianyi"));
        for query in ["手机号", "手机号码"] {
            assert_eq!(
                ids(&library, query)[..2],
                ["zhuji-xiangsheng", "nanning-fangduoduo"],
                "{query}: 联系电话 and 电话号码"
            );
        }
        let phone = ids(&library, "phone");
        assert!(
            phone.contains(&"nanning-fangduoduo".to_string()),
            "{phone:?}"
        );
        // The closest precedent for "a property agency sold my phone number", in three words.
        assert_eq!(ids(&library, "中介 卖 手机号"), ["zhuji-xiangsheng"]);
        assert_eq!(ids(&library, "agency sold phone"), ["zhuji-xiangsheng"]);
        // In the text of 刑法 第二百五十三条之一 (宜宾) and 消法 第五十六条 only.
        let serious = ids(&library, "情节严重");
        assert!(serious.contains(&"yibin-yu".to_string()), "{serious:?}");
        assert_eq!(ids(&library, "推销"), ["beijing-maikainike"]);
        assert_eq!(ids(&library, "police"), ["yibin-yu"]);
    }

    /// A law text matches by its characters, never by pinyin initials that happen to line up.
    #[test]
    fn law_texts_do_not_match_by_initials() {
        let library = list_2019();
        assert_eq!(ids(&library, "fdd"), ["nanning-fangduoduo"]);
    }

    /// The index (one arena, frequency-chosen set bytes, byte-search fast paths) finds exactly
    /// the cases a plain per-field check of the rules finds, on a generated library: English
    /// words whole, pinyin with initials only over whole words of names and places, stories
    /// spelt in full, fuzzy only for Chinese in names.
    #[test]
    fn the_index_agrees_with_a_plain_check() {
        let library = crate::synth::library(300).unwrap();
        let index = Index::new(&library);
        for text in [
            "fc", "fangch", "zj", "cq", "dsr", "xinxi", "gq", "hz", "房产", "POS", "f", "q", "v",
            "x", "nanning", "shouji", "sell", "app", "phone", "业主", "老人",
        ] {
            let query = Query::new(text);
            let word = &query.words[0];
            let mut found: Vec<usize> = index.search(&query, None).iter().map(|h| h.case).collect();
            found.sort_unstable();
            let matches = |kind: FieldKind, t: &str| {
                let lower = t.to_lowercase();
                let exact = match &word.latin {
                    Some(latin) => latin.find(&lower).is_some(),
                    None => lower.contains(&word.text),
                };
                let mut arena = pinyin::Arena::new([""; 0], 0);
                let spelt = word.spellable
                    && kind.pinyin()
                    && arena.add(t).is_some_and(|(slot, _)| {
                        let starts = arena.starts(word.text.as_bytes());
                        pinyin::find_all(t, arena.get(slot), word.text.as_bytes(), &starts)
                            .into_iter()
                            .any(|(at, count)| {
                                word.spelt_counts(kind, (t, arena.get(slot)), at, count)
                            })
                    });
                exact || spelt
            };
            // Shared entries are checked once each, as the index does.
            let entry_matches: Vec<bool> = shared_entries(&library)
                .iter()
                .map(|entry| entry.iter().any(|&(kind, t)| matches(kind, t)))
                .collect();
            let term_entry = term_entries(&library);
            let story_words = StoryWords::new(&library, &term_entry);
            let plain: Vec<usize> = (0..library.cases.len())
                .filter(|&case| {
                    let case = &library.cases[case];
                    texts(case).any(|(kind, t)| matches(kind, &t.read()))
                        || case_entries(&library, case, &term_entry, &story_words)
                            .into_iter()
                            .any(|e| entry_matches[e as usize])
                        || texts(case).any(|(kind, t)| {
                            kind.fuzzy()
                                && !word.spellable
                                && word.chars >= 2
                                && index.fuzzy.fuzzy(&t.read(), &word.text).is_some()
                        })
                })
                .collect();
            assert_eq!(found, plain, "{text}");
        }
    }

    /// The swappable engine: a fuzzy matcher that never matches turns fuzzy results off.
    #[test]
    fn the_fuzzy_engine_is_swappable() {
        struct Never;
        impl Fuzzy for Never {
            fn fuzzy(&self, _: &str, _: &str) -> Option<(i64, Vec<usize>)> {
                None
            }
        }
        let library = list_2019();
        let index = Index::with_fuzzy(&library, Box::new(Never));
        assert!(index.search(&Query::new("qngdzhx"), None).is_empty());
    }
}
