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

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem;

use crate::library::{Case, Library, Str, Term, VocabKind};

use super::pinyin;

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

/// Which part of a case a field is; the order is the ranking's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FieldKind {
    Title,
    Party,
    Id,
    Place,
    Authority,
    DataKind,
    Statute,
    /// A vocabulary term the case has: its key, labels and aliases (房产租售, 中介, real-estate).
    Label,
    TitleEn,
    Summary,
    SummaryEn,
    /// The full text of a linked provision: ranked below everything else.
    LawText,
}

impl FieldKind {
    /// 0: names the case; 1: describes it; 2: tells its story; 3: the law it cites, word for
    /// word. (A case's own fields weigh at most 2: `letter_weights` keeps weight + 1 in two bits.)
    fn weight(self) -> u32 {
        match self {
            FieldKind::Title | FieldKind::Party | FieldKind::Id => 0,
            FieldKind::Place
            | FieldKind::Authority
            | FieldKind::DataKind
            | FieldKind::Statute
            | FieldKind::Label
            | FieldKind::TitleEn => 1,
            FieldKind::Summary | FieldKind::SummaryEn => 2,
            FieldKind::LawText => 3,
        }
    }

    /// Fuzzy matching only where a scattered match still points at the right case.
    fn fuzzy(self) -> bool {
        self.weight() == 0
    }

    /// Pinyin everywhere but in law texts: in a page of law, any three initials (`fdd`) turn up
    /// somewhere, and such a match says nothing about the case.
    fn pinyin(self) -> bool {
        self != FieldKind::LawText
    }
}

/// One searchable text. Its text is not kept here but read from the case when needed: at
/// 100,000 cases a reference per field was 15 MB, and the index is kept small to be read fast.
struct Field {
    /// Where its pinyin initials lie in the index's arena, only when the text has Chinese.
    initials: Option<pinyin::Slot>,
    /// Where its lowercased copy is in the index's `lowered`, kept only when the text has capitals.
    lower: Option<NonMaxU32>,
}

/// An index that is never `u32::MAX`, so that an `Option` of it takes four bytes.
#[derive(Clone, Copy)]
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
    /// Letters and digits only: it may be pinyin.
    spellable: bool,
    /// It holds Chinese: only fields with Chinese can hold it.
    chinese: bool,
    sketch: u64,
    finder: memmem::Finder<'static>,
}

/// A parsed query: its words, lowercased.
pub struct Query {
    raw: String,
    words: Vec<Word>,
}

impl Query {
    pub fn new(query: &str) -> Self {
        let words = query
            .split_whitespace()
            .map(|w| {
                let text = w.to_lowercase();
                Word {
                    chars: text.chars().count(),
                    spellable: text.bytes().all(|b| b.is_ascii_alphanumeric()),
                    chinese: pinyin::is_stored(&text),
                    sketch: sketch(&text),
                    finder: memmem::Finder::new(text.as_bytes()).into_owned(),
                    text,
                }
            })
            .collect();
        Query {
            raw: query.to_string(),
            words,
        }
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

/// A case's place in the results: smaller is better; ties keep library order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rank {
    // Twelve bytes: a search of 100,000 cases holds one per hit, and every byte is memory.
    worst_tier: u8,
    weight: u16,
    span: u32,
    fuzz: i32,
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
    /// Whether some entry matched only because the word holds one of its names whole.
    by_name: bool,
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

/// A matching case and its rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into `library.cases`.
    pub case: usize,
    pub rank: Rank,
}

/// The sketches of a case's (or statute's) fields, together: those with Chinese, those without.
#[derive(Clone, Copy, Default)]
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
}

/// What a search made while typing leaves for the next keystroke's ([`Index::search_typed`]).
#[derive(Default)]
pub struct Trail {
    raw: String,
    words: Vec<String>,
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

/// The search index of one library.
pub struct Index<'l> {
    library: &'l Library,
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
    shared_texts: Vec<Vec<&'l str>>,
    shared_sketches: Vec<Sketches>,
    /// The pinyin initials of every field.
    arena: pinyin::Arena,
    fuzzy: Box<dyn Fuzzy>,
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
            .map(|text| (FieldKind::Statute, text.as_str()));
        let words = [&statute.summary_en, &statute.text]
            .into_iter()
            .map(|text| (FieldKind::LawText, text.as_str()));
        names.chain(words).collect()
    });
    let terms = VocabKind::ALL.into_iter().flat_map(|kind| {
        library.vocab.terms(kind).iter().map(|term| {
            let mut seen = Vec::new();
            term.names()
                .filter(|name| {
                    let fresh = !seen.contains(name);
                    seen.push(*name);
                    fresh
                })
                .map(|name| (FieldKind::Label, name))
                .collect()
        })
    });
    statutes.chain(terms).collect()
}

/// The shared entries a case has: its provisions, and the vocabulary terms it shows (sector,
/// violations, penalty kinds, party kind, province, and the data-kind words its data kinds use).
fn case_entries(library: &Library, case: &Case, term_entry: &TermEntries) -> Vec<u16> {
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
    let data_words = data_words(library, case).filter_map(|t| term(VocabKind::DataKinds, &t.key));
    let mut entries: Vec<u16> = statutes
        .chain(keyed)
        .chain(data_words)
        // An office library with more entries than a u16 counts leaves the rest unlinked
        // rather than wrap around to the wrong ones.
        .filter_map(|i| u16::try_from(i).ok())
        .collect();
    entries.sort_unstable();
    entries.dedup();
    entries
}

/// The data-kind words a case uses: those whose label or an alias one of its data kinds holds.
fn data_words<'l>(library: &'l Library, case: &'l Case) -> impl Iterator<Item = &'l Term> {
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

/// The searchable texts of a case, in ranking order (its statutes apart).
fn texts(case: &Case) -> impl Iterator<Item = (FieldKind, &str)> + Clone {
    let named = [
        (FieldKind::Title, &case.title),
        (FieldKind::Party, &case.party.name),
        (FieldKind::Id, &case.id),
        (FieldKind::Place, &case.place.province),
    ];
    fn optional(kind: FieldKind, text: &Option<Str>) -> Option<(FieldKind, &Str)> {
        text.as_ref().map(|t| (kind, t))
    }
    named
        .into_iter()
        .chain(optional(FieldKind::Place, &case.place.city))
        .chain(optional(FieldKind::Place, &case.place.district))
        .chain(optional(FieldKind::Authority, &case.authority))
        .chain(
            case.data_kinds
                .iter()
                .flatten()
                .map(|kind| (FieldKind::DataKind, kind)),
        )
        .chain(optional(FieldKind::TitleEn, &case.title_en))
        .chain(std::iter::once((FieldKind::Summary, &case.summary)))
        .chain(optional(FieldKind::SummaryEn, &case.summary_en))
        .map(|(kind, text)| (kind, text.as_str()))
}

impl<'l> Index<'l> {
    /// Indexes every case of a library.
    pub fn new(library: &'l Library) -> Self {
        Self::with_fuzzy(library, Box::new(Skim::default()))
    }

    pub fn with_fuzzy(library: &'l Library, fuzzy: Box<dyn Fuzzy>) -> Self {
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
                char_count += stored(text);
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
                .flat_map(|case| texts(case).map(|(_, text)| text)),
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
        let shared_texts = entries
            .iter()
            .map(|entry| entry.iter().map(|(_, text)| *text).collect())
            .collect();
        let term_entry = term_entries(library);
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
                    Field::new(text, &mut arena, &mut lowered);
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
            links.extend(case_entries(library, case, &term_entry));
            let span = |start: usize, end: usize| (start as u32, end as u32);
            docs.push(Doc {
                links: span(first_link, links.len()),
                fields: span(start, fields.len()),
                run: span(run, arena.len()),
                letters,
                sketches,
                fuzzy_sketch,
                letter_weights,
            });
        }
        fields.shrink_to_fit();
        arena.shrink();
        links.shrink_to_fit();
        lowered.shrink_to_fit();
        Index {
            library,
            fields,
            kinds,
            lowered,
            docs,
            links,
            shared,
            shared_kinds,
            shared_texts,
            shared_sketches,
            arena,
            fuzzy,
        }
    }

    /// A case's shared entries (provisions and vocabulary terms), sorted: two cases share what
    /// their lists share.
    pub fn case_entries(&self, case: usize) -> &[u16] {
        let (start, end) = self.docs[case].links;
        &self.links[start as usize..end as usize]
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
        field.lower.map_or(text, |at| &self.lowered[at.get()])
    }

    /// The text of a case's `n`th field.
    fn case_text(&self, case: usize, n: usize) -> &'l str {
        texts(&self.library.cases[case])
            .nth(n)
            .map_or("", |(_, text)| text)
    }

    /// A case's fields, and the kind of each.
    fn case_fields(&self, case: usize) -> (&[Field], &[FieldKind]) {
        let (start, end) = self.docs[case].fields;
        let range = start as usize..end as usize;
        (&self.fields[range.clone()], &self.kinds[range])
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
                    (Some(slot), None) => encoded.find(self.arena.get(slot).bytes()).is_some(),
                    (None, _) => !word.chinese,
                    (Some(_), Some(_)) => true,
                };
            may_hold
                && word
                    .finder
                    .find(self.folded(f, text(n)).as_bytes())
                    .is_some()
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
            let initials = self.arena.get(field.initials?);
            let (_, count) = pinyin::find(text(n), initials, word.text.as_bytes(), starts)?;
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

    /// The character at `pos` of a case's run of initials, read from the field it is in.
    fn char_in_case(&self, case: usize, pos: usize) -> Option<char> {
        let at = self.docs[case].run.0 as usize + pos;
        let n = self.field_at(case, at)?;
        let slot = self.case_fields(case).0[n].initials?;
        pinyin::TextReader::new(self.case_text(case, n), self.arena.get(slot))
            .char_at(at - slot.start())
    }

    /// The best exact or pinyin match of a word in a case's own fields. With `spelt`, the word's
    /// pinyin is looked for only where a shorter word was spelt, and every place it is spelt is
    /// kept for the next, longer word.
    fn in_case(
        &self,
        case: usize,
        word: &Word,
        plan: &Plan,
        spelt: Option<&mut Spelt>,
    ) -> Option<WordRank> {
        let doc = &self.docs[case];
        if let Some(exact) = self.exact_or_pinyin(
            self.case_fields(case),
            doc.sketches,
            |n| self.case_text(case, n),
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
        let initials = self.arena.run(run, doc.run.1 as usize, doc.letters);
        let mut found = None;
        let read = |pos| self.char_in_case(case, pos);
        let query = word.text.as_bytes();
        match spelt {
            None => pinyin::scan(initials, query, starts, read, |start, count| {
                found = Some((start, count));
                false
            }),
            Some(spelt) => {
                let visit = |start: usize, count| {
                    found = found.or(Some((start, count)));
                    spelt.now.push(start as u32);
                    true
                };
                match spelt.before {
                    Some(before) => pinyin::scan_at(initials, query, starts, before, read, visit),
                    None => pinyin::scan(initials, query, starts, read, visit),
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
        case: usize,
        word: &Word,
        plan: &Plan,
        shared: &[Option<WordRank>],
        spelt: Option<&mut Spelt>,
    ) -> Option<WordRank> {
        let doc = &self.docs[case];
        let own = self.in_case(case, word, plan, spelt);
        let linked = self.links[doc.links.0 as usize..doc.links.1 as usize]
            .iter()
            .filter_map(|&s| shared[s as usize])
            .min();
        if let Some(best) = own.into_iter().chain(linked).min() {
            return Some(best);
        }
        if word.chars < 2 || word.sketch & !doc.fuzzy_sketch != 0 {
            return None;
        }
        let (fields, kinds) = self.case_fields(case);
        (0..fields.len())
            .filter(|&n| kinds[n].fuzzy())
            // As for exact matches, the initials tell which fields cannot hold the word's
            // characters in order, without reading their texts.
            .filter(|&n| match (fields[n].initials, fields[n].lower) {
                (Some(slot), None) => {
                    bytes_in_order(self.arena.get(slot).bytes(), plan.encoded.needle())
                }
                (None, _) => !word.chinese,
                (Some(_), Some(_)) => true,
            })
            .map(|n| (kinds[n], &fields[n], self.case_text(case, n)))
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

    /// The best match of a word in a shared entry: exact or pinyin as in a case's fields, or —
    /// for a vocabulary term — a word that holds one of its names whole (中介公司 holds 中介,
    /// 手机号码 holds 手机号), ranked just below; true beside a match of that kind.
    fn in_shared(&self, entry: usize, word: &Word, plan: &Plan) -> Option<(WordRank, bool)> {
        let texts = &self.shared_texts[entry];
        let found = self.exact_or_pinyin(
            (&self.shared[entry], &self.shared_kinds[entry]),
            self.shared_sketches[entry],
            |n| texts[n],
            word,
            &plan.encoded,
            plan.starts.as_ref(),
        );
        if let Some(found) = found {
            return Some((found, false));
        }
        {
            let kinds = &self.shared_kinds[entry];
            let (n, name) = texts.iter().enumerate().find(|&(n, name)| {
                kinds[n] == FieldKind::Label
                    && name.chars().nth(1).is_some()
                    && word.text.contains(&name.to_lowercase())
            })?;
            Some((
                WordRank {
                    tier: 1,
                    weight: kinds[n].weight(),
                    span: name.chars().count(),
                    fuzz: 0,
                },
                true,
            ))
        }
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
                        .then(|| self.arena.starts(word.text.as_bytes())),
                    encoded: memmem::Finder::new(&self.arena.encode(&word.text)).into_owned(),
                };
                let shared: Vec<_> = (0..self.shared.len())
                    .map(|entry| self.in_shared(entry, word, &plan))
                    .collect();
                WordPlan {
                    by_name: shared.iter().flatten().any(|&(_, by_name)| by_name),
                    shared: shared
                        .into_iter()
                        .map(|m| m.map(|(rank, _)| rank))
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
        case: usize,
        query: &Query,
        plans: &[WordPlan],
        mut spelt: Option<&mut Spelt>,
    ) -> Option<Rank> {
        let mut total = Rank {
            worst_tier: 0,
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
            let best = self.match_word(case, word, &plan.plan, &plan.shared, spelt)?;
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

    /// The cases matching `query`, best first. With `within`, only those cases are tried: pass the
    /// previous results when the query only grew, since a longer query never matches more.
    pub fn search(&self, query: &Query, within: Option<&[usize]>) -> Vec<Hit> {
        let mut candidates: Vec<usize> = match within {
            Some(cases) => cases.to_vec(),
            None => (0..self.docs.len()).collect(),
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
            .on_every_core(&parts, |part| {
                part.iter()
                    .filter_map(|&case| {
                        let rank = self.rank(case, query, &plans, None)?;
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
    pub fn search_typed(&self, query: &Query, before: Option<&Trail>) -> (Vec<Hit>, Trail) {
        let plans = self.plans(query);
        // A word grown to hold a vocabulary name (`黑中` to `黑中介`) matches the term's cases,
        // which its shorter form may not have: then everything is searched again.
        let grew = before.filter(|before| {
            !before.words.is_empty()
                && query.raw.starts_with(&before.raw)
                && !plans.iter().any(|plan| plan.by_name)
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
        let found = match grew {
            Some(before) => self.on_every_core(&before.parts, |part| {
                let places = |n| same_words.then(|| part.places(n)).flatten();
                self.typed_part(
                    part.cases.iter().map(|&case| case as usize),
                    places,
                    query,
                    &plans,
                )
            }),
            None => {
                let count = self.docs.len();
                let chunk = count.div_ceil(self.threads_for(count)).max(1);
                let ranges: Vec<_> = (0..count)
                    .step_by(chunk)
                    .map(|start| start..(start + chunk).min(count))
                    .collect();
                self.on_every_core(&ranges, |range| {
                    self.typed_part(range.clone(), |_| None, query, &plans)
                })
            }
        };
        let mut hits = Vec::with_capacity(found.iter().map(|(hits, _)| hits.len()).sum());
        let mut parts = Vec::with_capacity(found.len());
        for (part_hits, part) in found {
            hits.extend(part_hits);
            parts.push(part);
        }
        hits.sort_unstable_by_key(|h| (h.rank, h.case));
        let trail = Trail {
            raw: query.raw.clone(),
            words: query.words.iter().map(|w| w.text.clone()).collect(),
            parts,
        };
        (hits, trail)
    }

    /// One thread's share of [`Index::search_typed`]: the `cases` (in library order), each with
    /// the places its last word's shorter form was spelt (`before(n)` for the `n`th) if known.
    fn typed_part<'a>(
        &self,
        cases: impl Iterator<Item = usize>,
        before: impl Fn(usize) -> Option<&'a [u32]>,
        query: &Query,
        plans: &[WordPlan],
    ) -> (Vec<Hit>, TrailPart) {
        let mut hits = Vec::new();
        let mut part = TrailPart::default();
        for (n, case) in cases.enumerate() {
            let start = part.places.len();
            let mut spelt = Spelt {
                before: before(n),
                now: &mut part.places,
                known: false,
            };
            let rank = self.rank(case, query, plans, Some(&mut spelt));
            let known = spelt.known;
            match rank {
                // Cases and places are far below 2^31 (a case file is at most 1 MiB).
                Some(rank) => {
                    hits.push(Hit { case, rank });
                    part.cases.push(case as u32);
                    let end = part.places.len() as u32;
                    part.ends.push(if known { end } else { end | UNKNOWN });
                }
                None => part.places.truncate(start),
            }
        }
        part.places.shrink_to_fit();
        (hits, part)
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
    fn on_every_core<I: Sync, T: Send>(
        &self,
        items: &[I],
        work: impl Fn(&I) -> T + Sync,
    ) -> Vec<T> {
        if items.len() < 2 {
            return items.iter().map(&work).collect();
        }
        let work = &work;
        std::thread::scope(|scope| {
            let workers: Vec<_> = items
                .iter()
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
            for found in word.finder.find_iter(lower.as_bytes()) {
                let start = lower[..found].chars().count();
                marks.extend(start..start + word.chars);
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

    fn ids(library: &Library, query: &str) -> Vec<String> {
        let index = Index::new(library);
        index
            .search(&Query::new(query), None)
            .iter()
            .map(|h| library.cases[h.case].id.to_string())
            .collect()
    }

    #[test]
    fn chinese_pinyin_initials_english_and_ids() {
        let library = load(&LoadOptions::default()).unwrap();
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
        let library = load(&LoadOptions::default()).unwrap();
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
        let library = load(&LoadOptions::default()).unwrap();
        let found = ids(&library, "刑法");
        assert_eq!(found, ["yibin-yu"]);
        assert_eq!(ids(&library, "第二十九条第二款"), ["zhuji-xiangsheng"]);
    }

    #[test]
    fn ranking_exact_before_fuzzy_title_before_summary_then_library_order() {
        let library = load(&LoadOptions::default()).unwrap();
        // 房产 is in two parties' names (exact, weight 0) and in other cases' summaries only.
        let found = ids(&library, "房产");
        assert_eq!(&found[..1], ["luoyang-shoumao"]);
        // 教育 is in two parties' names: ties keep library order.
        let found = ids(&library, "教育");
        assert_eq!(&found[..2], ["beijing-maikainike", "changshu-jinghua"]);
        // `qngdzhx` spells nothing exactly or in pinyin; fuzzy finds Qingdao's id.
        let index = Index::new(&library);
        let hits = index.search(&Query::new("qngdzhx"), None);
        assert_eq!(library.cases[hits[0].case].id, "qingdao-zhongxin");
        let exact = index.search(&Query::new("qingdao"), None);
        assert!(exact[0].rank < hits[0].rank, "exact ranks before fuzzy");
    }

    #[test]
    fn highlights_are_character_indices() {
        let library = load(&LoadOptions::default()).unwrap();
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
        let library = load(&LoadOptions::default()).unwrap();
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
        let built_in = load(&LoadOptions::default()).unwrap();
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
            ] {
                let mut before: Option<Trail> = None;
                let mut query = String::new();
                for c in typed.chars() {
                    query.push(c);
                    let parsed = Query::new(&query);
                    let (hits, trail) = index.search_typed(&parsed, before.as_ref());
                    assert_eq!(hits, index.search(&parsed, None), "{query:?}");
                    before = Some(trail);
                }
            }
        }
    }

    #[test]
    fn a_word_grown_to_hold_a_vocabulary_name_is_searched_afresh() {
        let library = load(&LoadOptions::default()).unwrap();
        let index = Index::new(&library);
        // 黑中 (half of 黑中介, a rogue agency) is nowhere; 黑中介 holds 中介 and finds its cases.
        let (shorter, trail) = index.search_typed(&Query::new("黑中"), None);
        assert!(shorter.is_empty());
        let (longer, _) = index.search_typed(&Query::new("黑中介"), Some(&trail));
        assert_eq!(longer, index.search(&Query::new("黑中介"), None));
        assert!(!longer.is_empty());
    }

    /// The words an officer on the phone uses find what a case is about: its labels, their
    /// aliases, the data-kind words, the law it cites (full text last).
    #[test]
    fn the_words_people_use_find_what_a_case_is_about() {
        let library = load(&LoadOptions::default()).unwrap();
        let real_estate = ["zhuji-xiangsheng", "nanning-fangduoduo", "luoyang-shoumao"];
        for query in [
            "房地产",
            "中介公司",
            "房产租售",
            "real-estate",
            "estate agency",
        ] {
            assert_eq!(ids(&library, query), real_estate, "{query}");
        }
        // 房产 is in 洛阳首茂's party name (ranked first) and the sector's label (all three).
        assert_eq!(
            ids(&library, "房产"),
            ["luoyang-shoumao", "zhuji-xiangsheng", "nanning-fangduoduo"]
        );
        // Selling: the violation's label and aliases first (诸暨: an employee sold owners'
        // numbers), then cases whose law's text has the word.
        for query in ["出售", "泄露", "买卖", "贩卖", "sold"] {
            assert_eq!(ids(&library, query)[0], "zhuji-xiangsheng", "{query}");
        }
        // 卖 is in a party's name (手机卖场), which ranks first; the alias brings 诸暨 after it.
        assert_eq!(
            ids(&library, "卖")[..2],
            ["alar-tongtianyi", "zhuji-xiangsheng"]
        );
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
        let library = load(&LoadOptions::default()).unwrap();
        assert_eq!(ids(&library, "fdd"), ["nanning-fangduoduo"]);
    }

    /// The index (one arena, frequency-chosen set bytes, byte-search fast paths) finds exactly
    /// the cases a plain per-field check finds, on a generated library.
    #[test]
    fn the_index_agrees_with_a_plain_check() {
        let library = crate::synth::library(300).unwrap();
        let index = Index::new(&library);
        for text in [
            "fc", "fangch", "zj", "cq", "dsr", "xinxi", "gq", "hz", "房产", "POS", "f", "q", "v",
            "x",
        ] {
            let query = Query::new(text);
            let mut found: Vec<usize> = index.search(&query, None).iter().map(|h| h.case).collect();
            found.sort_unstable();
            let word = text.to_lowercase();
            let matches = |t: &str| {
                let mut arena = pinyin::Arena::new([], 0);
                t.to_lowercase().contains(&word)
                    || arena.add(t).is_some_and(|(slot, _)| {
                        let starts = arena.starts(word.as_bytes());
                        word.bytes().all(|b| b.is_ascii_alphanumeric())
                            && pinyin::find(t, arena.get(slot), word.as_bytes(), &starts).is_some()
                    })
            };
            // Shared entries are checked once each, as the index does.
            let entry_matches: Vec<bool> = shared_entries(&library)
                .iter()
                .map(|entry| {
                    entry.iter().any(|&(kind, t)| {
                        (if kind.pinyin() {
                            matches(t)
                        } else {
                            t.to_lowercase().contains(&word)
                        }) || (kind == FieldKind::Label
                            && t.chars().count() >= 2
                            && word.contains(&t.to_lowercase()))
                    })
                })
                .collect();
            let term_entry = term_entries(&library);
            let plain: Vec<usize> = (0..library.cases.len())
                .filter(|&case| {
                    let case = &library.cases[case];
                    texts(case).any(|(_, t)| matches(t))
                        || case_entries(&library, case, &term_entry)
                            .into_iter()
                            .any(|e| entry_matches[e as usize])
                        || texts(case).any(|(kind, t)| {
                            kind.fuzzy()
                                && word.chars().count() >= 2
                                && index.fuzzy.fuzzy(t, &word).is_some()
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
        let library = load(&LoadOptions::default()).unwrap();
        let index = Index::with_fuzzy(&library, Box::new(Never));
        assert!(index.search(&Query::new("qngdzhx"), None).is_empty());
    }
}
