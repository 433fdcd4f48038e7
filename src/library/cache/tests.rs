//! The cache's tests: what is read from it is what loading gives, and whatever is wrong with it
//! (stale, corrupt, another version's, an index that does not fit) makes a load read the files.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::key::PER_THREAD;
use super::*;
use crate::library::omit;
use crate::query::search::{self, Index, Query};

/// The search's indexer, counting the indexes it builds: a load that builds none read its index
/// from the cache.
#[derive(Default)]
struct Counting(AtomicUsize);

impl Counting {
    fn built(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }
}

impl Indexer for Counting {
    fn build(&self, library: &Library) -> DerivedIndex {
        self.0.fetch_add(1, Ordering::Relaxed);
        search::Indexer.build(library)
    }
    fn encode<'i>(&self, index: &'i DerivedIndex) -> Option<(Vec<u8>, &'i [u8])> {
        search::Indexer.encode(index)
    }
    fn decode(
        &self,
        tables: Vec<u8>,
        raw: &mut dyn FnMut() -> Option<Vec<u8>>,
    ) -> Option<DerivedIndex> {
        search::Indexer.decode(tables, raw)
    }
    fn fits(&self, index: &DerivedIndex, library: &Library) -> bool {
        search::Indexer.fits(index, library)
    }
}

fn options(cases: &Path) -> LoadOptions<'_> {
    LoadOptions {
        extra_dir: Some(cases),
        only: true,
    }
}

fn cache_file(cache: &Path) -> PathBuf {
    fs::read_dir(cache).unwrap().next().unwrap().unwrap().path()
}

/// Rewrites the cache (under its key) with `change` made to what it holds; `index` builds the
/// index stored with it from the changed library.
fn edit(
    cache: &Path,
    change: impl FnOnce(&mut Key, &mut Loaded),
    index: impl FnOnce(&Library) -> DerivedIndex,
) {
    let path = cache_file(cache);
    let opened = file::open(&path).unwrap();
    let mut key = opened.key().unwrap();
    let mut contents = opened.read(&search::Indexer).unwrap();
    assert_eq!(contents.stamp, key.stamp());
    change(&mut key, &mut contents.loaded);
    let index = index(&contents.loaded.library);
    let name = path.file_name().unwrap().to_str().unwrap();
    file::write(
        cache,
        name,
        &key,
        &contents.loaded,
        &index,
        &search::Indexer,
    )
    .unwrap();
}

/// Marks every case's title: a load whose titles carry the mark came from a cache so marked.
fn retitle(loaded: &mut Loaded, mark: &str) {
    for case in &mut loaded.library.cases {
        case.title = case.title.replace("（合成）", mark).into();
    }
}

/// Whether every case's title carries `mark`.
fn all_marked(loaded: &Loaded, mark: &str) -> bool {
    loaded.library.cases.iter().all(|c| c.title.contains(mark))
}

/// Marks every case's title in the cache (its index built anew to fit).
fn mark(cache: &Path, mark: &str) {
    edit(
        cache,
        |_, loaded| retitle(loaded, mark),
        |library| search::Indexer.build(library),
    );
}

mod loading {
    use super::*;

    /// Twenty generated cases, their files dated a minute ago (older than the racy window).
    fn office() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let cases = dir.path().join("cases");
        crate::synth::write_settled(20, &cases).unwrap();
        (dir, cases)
    }

    fn age(path: &Path) {
        let minute_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        let file = fs::File::options().write(true).open(path).unwrap();
        file.set_modified(minute_ago).unwrap();
    }

    fn load_with(cases: &Path, cache: &Path) -> Loaded {
        load(&options(cases), Some(cache), &search::Indexer).unwrap()
    }

    /// A library used (read from its cache) within the bound stays however old its cache file
    /// was; writing caches for more libraries than the bound removes the least recently used.
    #[test]
    fn the_cache_directory_keeps_the_most_recently_used() {
        let (dir, cases) = office();
        let cache = dir.path().join("cache");
        load_with(&cases, &cache);
        let ours = cache_file(&cache);
        let old = std::time::SystemTime::now() - prune::UNUSED_FOR * 2;
        fs::File::open(&ours).unwrap().set_modified(old).unwrap();
        // Read from the cache: used now.
        load_with(&cases, &cache);
        let used = fs::metadata(&ours).unwrap().modified().unwrap();
        assert!(
            used > old + prune::UNUSED_FOR,
            "a warm start marks its cache used"
        );
        // More libraries than the bound, each opened once after ours: ours is the least recently
        // used and goes; the count stays at the bound.
        let others: Vec<PathBuf> = (0..prune::KEEP)
            .map(|n| {
                let other = dir.path().join(format!("office-{n}"));
                crate::synth::write_settled(2, &other).unwrap();
                other
            })
            .collect();
        for other in &others {
            load_with(other, &cache);
        }
        assert_eq!(fs::read_dir(&cache).unwrap().count(), prune::KEEP);
        assert!(!ours.exists(), "the least recently used cache was removed");
    }

    #[test]
    fn a_second_load_comes_from_the_cache() {
        let (dir, cases) = office();
        let cache = dir.path().join("cache");
        let first = load_with(&cases, &cache);
        assert_eq!(first.library.cases.len(), 20);
        assert!(first.library.derived.index().is_some(), "built and kept");
        // Mark the cached copy: what the second load returns must be it.
        mark(&cache, "（缓存）");
        let counting = Counting::default();
        let second = load(&options(&cases), Some(&cache), &counting).unwrap();
        assert!(all_marked(&second, "（缓存）"));
        assert_eq!(counting.built(), 0, "the index came from the cache too");
        assert!(second.library.derived.index().is_some());
    }

    #[test]
    fn a_changed_file_is_read_again() {
        let (dir, cases) = office();
        let cache = dir.path().join("cache");
        load_with(&cases, &cache);
        let case = cases.join("gen-000003.toml");
        let text = fs::read_to_string(&case).unwrap();
        fs::write(&case, text.replacen("（合成）", "（改过）", 1)).unwrap();
        // Just written: the directory is not cached again until it has settled.
        let again = load_with(&cases, &cache);
        assert!(
            again
                .library
                .case("gen-000003")
                .unwrap()
                .title
                .contains("（改过）")
        );
        let again = load_with(&cases, &cache);
        let changed = again.library.case("gen-000003").unwrap();
        assert!(changed.title.contains("（改过）"), "{}", changed.title);
        // A removed file too.
        fs::remove_file(cases.join("gen-000004.toml")).unwrap();
        assert!(
            load_with(&cases, &cache)
                .library
                .case("gen-000004")
                .is_none()
        );
    }

    /// One changed file is read again; the others' cases come from the cache (a marked copy).
    #[test]
    fn only_the_changed_files_are_read_again() {
        let (dir, cases) = office();
        let cache = dir.path().join("cache");
        load_with(&cases, &cache);
        mark(&cache, "（缓存）");
        let edited = cases.join("gen-000003.toml");
        let text = fs::read_to_string(&edited).unwrap();
        fs::write(&edited, text.replacen("（合成）", "（改过）", 1)).unwrap();
        age(&edited);
        fs::remove_file(cases.join("gen-000004.toml")).unwrap();
        let loaded = load_with(&cases, &cache).library;
        assert_eq!(loaded.cases.len(), 19);
        assert!(
            loaded.case("gen-000004").is_none(),
            "a removed file is gone"
        );
        let title = |id: &str| loaded.case(id).unwrap().title.to_string();
        assert!(
            title("gen-000003").contains("（改过）"),
            "{}",
            title("gen-000003")
        );
        let from_cache = loaded
            .cases
            .iter()
            .filter(|c| c.title.contains("（缓存）"))
            .count();
        assert_eq!(from_cache, 18, "every unchanged case came from the cache");
        // And the cache now holds the new state: a third load is a whole hit.
        assert_eq!(load_with(&cases, &cache).library, loaded);
    }

    /// A problem across files that a reused case is part of is reported exactly as without a
    /// cache (its line and column, the file left out).
    #[test]
    fn a_problem_across_files_is_reported_as_without_a_cache() {
        let (dir, cases) = office();
        let original = fs::read_to_string(cases.join("gen-000005.toml")).unwrap();
        let add_position = |path: &Path, id: &str| {
            let text = original.clone();
            let text = text.replacen("id = \"gen-000005\"", &format!("id = \"{id}\""), 1);
            let text = text.replacen("collection = ", "position = 1\ncollection = ", 1);
            fs::write(path, text).unwrap();
            age(path);
        };
        add_position(&cases.join("gen-000005.toml"), "gen-000005");
        let cache = dir.path().join("cache");
        assert!(load_with(&cases, &cache).left_out.is_empty());
        // A new file, read before gen-000005, takes the same position.
        add_position(&cases.join("gen-000000.toml"), "gen-000000");
        let cached = load_with(&cases, &cache);
        let options = LoadOptions {
            extra_dir: Some(&cases),
            only: true,
        };
        let fresh = load_leaving_out(&options).unwrap();
        assert_eq!(cached.left_out, fresh.left_out);
        assert_eq!(cached.problems.problems, fresh.problems.problems);
        assert_eq!(cached.library, fresh.library);
        let problem = &cached.problems.problems[0];
        assert!(problem.file.ends_with("gen-000005.toml"), "{problem:?}");
        assert_ne!((problem.line, problem.col), (1, 1), "{problem:?}");
    }

    #[test]
    fn a_corrupt_cache_is_ignored_and_rebuilt() {
        let (dir, cases) = office();
        let cache = dir.path().join("cache");
        let truth = load_with(&cases, &cache).library;
        let file = cache_file(&cache);
        let whole = fs::read(&file).unwrap();
        let mut broken = Vec::new();
        // Not a cache at all; cut short; one byte changed deep in the cases (the checksum).
        broken.push(b"{ not a cache".to_vec());
        broken.push(whole[..whole.len() / 2].to_vec());
        // A letter of an English word in the last case (its case flipped, the text still
        // valid): only the checksum tells.
        let mut flipped = whole.clone();
        let at = whole
            .windows(8)
            .rposition(|w| w.iter().all(u8::is_ascii_lowercase))
            .unwrap();
        flipped[at + 4] ^= 0x20;
        broken.push(flipped);
        for bytes in broken {
            fs::write(&file, &bytes).unwrap();
            let counting = Counting::default();
            let loaded = load(&options(&cases), Some(&cache), &counting).unwrap();
            assert_eq!(loaded.library, truth);
            assert_eq!(counting.built(), 1, "read again, indexed again");
            assert_eq!(fs::read(&file).unwrap(), whole, "and stored again");
        }
    }

    #[test]
    fn another_versions_cache_is_not_used() {
        let (dir, cases) = office();
        let cache = dir.path().join("cache");
        load_with(&cases, &cache);
        let other = |key: &mut Key, loaded: &mut Loaded| {
            key.version = "0.0.0-other".into();
            retitle(loaded, "（旧版）");
        };
        edit(&cache, other, |library| search::Indexer.build(library));
        let loaded = load_with(&cases, &cache).library;
        assert!(loaded.cases.iter().all(|c| !c.title.contains("（旧版）")));
    }

    /// An index that does not fit the library it is stored with (a search through it would read
    /// past its arrays) is built again; the library is still read from the cache.
    #[test]
    fn an_index_that_does_not_fit_is_built_again() {
        let (dir, cases) = office();
        let cache = dir.path().join("cache");
        load_with(&cases, &cache);
        let mark = |_: &mut Key, loaded: &mut Loaded| retitle(loaded, "（缓存）");
        let of_fewer = |library: &Library| {
            let mut fewer = library.clone();
            fewer.cases.truncate(3);
            search::Indexer.build(&fewer)
        };
        edit(&cache, mark, of_fewer);
        let counting = Counting::default();
        let loaded = load(&options(&cases), Some(&cache), &counting).unwrap();
        assert!(all_marked(&loaded, "（缓存）"));
        assert_eq!(counting.built(), 1);
        let index = Index::new(&loaded.library);
        assert_eq!(index.search(&Query::new("缓存"), None).len(), 20);
    }

    /// A library of several sections of cases, read on several threads, is the library loaded
    /// from its files, in the same order, and its stored index finds what a new one finds.
    #[test]
    fn many_sections_read_back_whole_and_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let cases = dir.path().join("cases");
        crate::synth::write_settled(2 * file::CASES_PER_SECTION + 5, &cases).unwrap();
        let cache = dir.path().join("cache");
        load_with(&cases, &cache);
        let counting = Counting::default();
        let cached = load(&options(&cases), Some(&cache), &counting).unwrap();
        assert_eq!(counting.built(), 0);
        let fresh = load_leaving_out(&options(&cases)).unwrap();
        assert_eq!(cached.library, fresh.library);
        // The summaries were left in the cache file, and searches read them from there.
        let summaries = |library: &Library| {
            library
                .cases
                .iter()
                .filter(|c| c.summary.is_stored())
                .count()
        };
        assert_eq!(summaries(&cached.library), cached.library.cases.len());
        assert_eq!(summaries(&fresh.library), 0);
        let (stored, built) = (Index::new(&cached.library), Index::new(&fresh.library));
        for words in [
            "房产",
            "fangchan",
            "fc",
            "sell phone numbers",
            "广西 中介",
            "gen-00410",
            "执法人员 询问笔录",
        ] {
            let query = Query::new(words);
            assert_eq!(
                stored.search(&query, None),
                built.search(&query, None),
                "{words}"
            );
        }
        // Typed key by key, as the browser searches.
        let (mut typed, mut before) = (String::new(), (None, None));
        for c in "yuangong 卖客户".chars() {
            typed.push(c);
            let query = Query::new(&typed);
            let (hits, trail, _) = stored.search_typed(&query, before.0.as_ref());
            let (want, built_trail, _) = built.search_typed(&query, before.1.as_ref());
            assert_eq!(hits, want, "{typed}");
            before = (Some(trail), Some(built_trail));
        }
    }

    #[test]
    fn without_a_cache_directory_nothing_is_written() {
        let (dir, cases) = office();
        let options = LoadOptions {
            extra_dir: Some(&cases),
            only: true,
        };
        let loaded = load(&options, None, &search::Indexer).unwrap();
        assert_eq!(loaded.library.cases.len(), 20);
        assert!(!dir.path().join("cache").exists());
    }
}

mod racy {
    use super::*;

    /// A file changed a moment ago could change again within the same tick of the clock, its
    /// size the same: it is read again next time even when it looks unchanged.
    #[test]
    fn a_file_changed_a_moment_ago_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let cases = dir.path().join("cases");
        crate::synth::write(3, &cases).unwrap();
        let cache = dir.path().join("cache");
        let options = LoadOptions {
            extra_dir: Some(&cases),
            only: true,
        };
        load(&options, Some(&cache), &search::Indexer).unwrap();
        // Same size, same modification time, same inode: only the content differs.
        let path = cases.join("gen-000002.toml");
        let modified = fs::metadata(&path).unwrap().modified().unwrap();
        let text = fs::read_to_string(&path).unwrap();
        let changed = text.replacen("（合成）", "（改过）", 1);
        assert_eq!(changed.len(), text.len());
        fs::write(&path, changed).unwrap();
        let file = fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(modified).unwrap();
        let loaded = load(&options, Some(&cache), &search::Indexer)
            .unwrap()
            .library;
        let title = &loaded.case("gen-000002").unwrap().title;
        assert!(title.contains("（改过）"), "{title}");
    }

    /// With more files than one thread checks, the check is spread over threads: every file is
    /// still in the key, and one edited in place (same size, a settled new time) deep in the
    /// directory is read again.
    #[test]
    fn a_file_edited_in_place_among_many_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let cases = dir.path().join("cases");
        let count = 3 * PER_THREAD;
        crate::synth::write_settled(count, &cases).unwrap();
        let key = key_of(&fs::canonicalize(&cases).unwrap(), true).unwrap();
        assert_eq!(key.entries.len(), fs::read_dir(&cases).unwrap().count());
        assert!(key.entries.windows(2).all(|w| w[0].name < w[1].name));
        let cache = dir.path().join("cache");
        let options = LoadOptions {
            extra_dir: Some(&cases),
            only: true,
        };
        load(&options, Some(&cache), &search::Indexer).unwrap();
        let path = cases.join(format!("gen-{:06}.toml", count - 7));
        let text = fs::read_to_string(&path).unwrap();
        let changed = text.replacen("（合成）", "（改过）", 1);
        assert_eq!(changed.len(), text.len());
        fs::write(&path, changed).unwrap();
        let half_a_minute_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(30);
        let file = fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(half_a_minute_ago).unwrap();
        let loaded = load(&options, Some(&cache), &search::Indexer).unwrap();
        let id = format!("gen-{:06}", count - 7);
        let title = &loaded.library.case(&id).unwrap().title;
        assert!(title.contains("（改过）"), "{title}");
    }

    /// The cache's format writes every field (it has no names to skip by); JSON, which reads like
    /// the case files, still leaves out what they leave out.
    #[test]
    fn every_library_survives_the_cache_format_and_json_still_omits() {
        let library = crate::library::load(&Default::default()).unwrap();
        let synth = crate::synth::library(50).unwrap();
        for library in [library, synth] {
            let bytes = omit::keeping_all(|| postcard::to_allocvec(&library.cases)).unwrap();
            let back: Vec<Case> = postcard::from_bytes(&bytes).unwrap();
            assert_eq!(back, library.cases);
        }
        let case = &crate::library::load(&Default::default()).unwrap().cases[0];
        assert!(case.judgment.is_none());
        let json = serde_json::to_string(case).unwrap();
        assert!(!json.contains("\"judgment\""), "{json}");
    }
}
