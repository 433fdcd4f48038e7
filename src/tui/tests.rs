//! The browser driven as a user drives it: key presses through the keymap into `App::update`,
//! across screens and back through the history.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::library::Library;
use crate::msg::ZH;
use crate::query::filter::Facet;

use super::App;
use super::keymap;
use super::screens::browse::facets::FacetRow;
use super::types::{Action, Pane, Scope};

/// The 2019 list alone: these tests drive the browser's mechanics over its nine cases, whose
/// numbers and facets they name (the later collections are driven in tests/screens.rs).
fn library() -> Library {
    crate::library::list_2019()
}

fn press(app: &mut App, code: KeyCode) {
    let event = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = app.keymap.action(app.scope(), &event) {
        app.update(action);
    }
}

fn ctrl(app: &mut App, c: char) {
    let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    if let Some(action) = app.keymap.action(app.scope(), &event) {
        app.update(action);
    }
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn ids<'a>(app: &'a App<'_>) -> Vec<&'a str> {
    app.browse()
        .results
        .visible
        .iter()
        .map(|&i| app.library.cases[i].id.as_str())
        .collect()
}

#[test]
fn moving_selects_cases_and_stops_at_the_ends() {
    let library = library();
    let mut app = App::new(&library, &ZH, 120, 40);
    assert_eq!(app.browse().current().unwrap().id, "zhuji-xiangsheng");
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(app.browse().selected, 0);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Down);
    assert_eq!(app.browse().current().unwrap().id, "alar-tongtianyi");
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.browse().current().unwrap().id, "luoyang-shoumao");
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.browse().current().unwrap().id, "luoyang-shoumao");
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.browse().selected, 0);
}

/// The key of the facet value under the cursor.
fn facet_key(app: &App) -> String {
    match &app.browse().facets.rows[app.browse().facets.cursor] {
        FacetRow::Value(_, key) => key.clone(),
        FacetRow::Header(_) => String::new(),
    }
}

#[test]
fn facets_toggle_with_or_inside_and_across() {
    let library = library();
    let mut app = App::new(&library, &ZH, 120, 40);
    press(&mut app, KeyCode::Char('f'));
    assert_eq!(app.browse().focus, Pane::Facets);
    press(&mut app, KeyCode::Char(' ')); // 房产租售
    assert_eq!(
        ids(&app),
        ["zhuji-xiangsheng", "nanning-fangduoduo", "luoyang-shoumao"]
    );
    press(&mut app, KeyCode::Char('j')); // 小贷金融 has no case: hidden, so 教育培训
    assert_eq!(facet_key(&app), "education");
    press(&mut app, KeyCode::Char(' ')); // OR within the facet
    assert_eq!(app.browse().results.visible.len(), 5);
    press(&mut app, KeyCode::Char(']')); // the provinces: 北京市 is the first with a case
    assert_eq!(facet_key(&app), "北京市");
    press(&mut app, KeyCode::Char(' ')); // AND across facets
    assert_eq!(ids(&app), ["beijing-maikainike"]);
    press(&mut app, KeyCode::Char(' ')); // toggled off again
    assert_eq!(app.browse().results.visible.len(), 5);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.browse().results.visible.len(), 9);
    assert!(app.browse().results.filter.is_empty());
}

/// A search that hides the value under the facet cursor moves it to the top of its own facet,
/// not into the next facet; clearing the search brings it back to the value the user chose.
#[test]
fn the_facet_cursor_stays_in_its_facet_and_comes_back() {
    let library = library();
    let mut app = App::new(&library, &ZH, 120, 40);
    app.update(Action::ToggleFacets);
    press(&mut app, KeyCode::Char(']')); // the provinces
    while facet_key(&app) != "四川省" {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "fangduoduo"); // 广西 only: 四川省 hides
    press(&mut app, KeyCode::Enter);
    assert_eq!(facet_key(&app), "广西壮族自治区", "the top of its facet");
    // Enter opened the first hit; Esc back to the list, Esc again clears the search.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert!(app.browse().results.parsed.is_empty());
    assert_eq!(facet_key(&app), "四川省", "back on the value chosen");
}

/// Values with no case are hidden until `z`; the cursor skips headings; `]` and `[` jump between
/// facets.
#[test]
fn facet_values_hidden_when_empty_and_groups_by_key() {
    let library = library();
    let mut app = App::new(&library, &ZH, 120, 40);
    app.update(Action::ToggleFacets);
    assert_eq!(facet_key(&app), "real-estate");
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(
        facet_key(&app),
        "real-estate",
        "cannot land on the first heading"
    );
    // The sectors with cases: real estate, education, telecom; then the provinces.
    for expected in ["education", "telecom", "北京市"] {
        press(&mut app, KeyCode::Char('j'));
        assert_eq!(facet_key(&app), expected);
    }
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(facet_key(&app), "telecom", "back over the heading");
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Char(']'));
    assert!(matches!(
        app.browse().facets.rows[app.browse().facets.cursor],
        FacetRow::Value(Facet::Violation, _)
    ));
    press(&mut app, KeyCode::Char('['));
    assert_eq!(facet_key(&app), "北京市");
    let hidden = app.browse().facets.shown.len();
    press(&mut app, KeyCode::Char('z'));
    assert!(
        app.browse().facets.shown.len() > hidden + 30,
        "34 provinces and more"
    );
    assert_eq!(facet_key(&app), "北京市", "the cursor stays on its value");
    press(&mut app, KeyCode::Char('z'));
    assert_eq!(app.browse().facets.shown.len(), hidden);
}

/// The search box works as in fzf: typing filters, the selection sits on the best result,
/// ↓/↑ (Ctrl-n/Ctrl-p) move it, Ctrl-w and Ctrl-u edit, Enter opens, Esc leaves with the words
/// kept, and Esc on the list clears a kept search but not the facets.
#[test]
fn the_search_box_works_like_fzf() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(app.scope(), Scope::Search);
    typed(&mut app, "房多多");
    assert_eq!(ids(&app), ["nanning-fangduoduo"]);
    assert_eq!(app.browse().search.caret, 3);
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.browse().search.query, "房多");
    press(&mut app, KeyCode::Esc); // leave, keeping the words
    assert_eq!(app.scope(), Scope::Browse);
    assert_eq!(app.browse().search.query, "房多");
    // `q` is text while typing, not quit.
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.quit);
    assert_eq!(app.browse().results.visible.len(), 0);
    ctrl(&mut app, 'u');
    assert_eq!(app.browse().search.query, "");
    // A new query selects its best result, wherever the selection was.
    typed(&mut app, "房");
    assert_eq!(app.browse().selected, 0);
    assert_eq!(app.browse().current().unwrap().id, ids(&app)[0]);
    press(&mut app, KeyCode::Down);
    assert_eq!(
        app.scope(),
        Scope::Search,
        "arrows move the results, not the caret"
    );
    assert_eq!(app.browse().selected, 1);
    ctrl(&mut app, 'n');
    ctrl(&mut app, 'p');
    assert_eq!(app.browse().selected, 1);
    typed(&mut app, " 卖");
    assert_eq!(app.browse().selected, 0, "back on the best result");
    ctrl(&mut app, 'w');
    assert_eq!(app.browse().search.query, "房 ");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter); // open the selected case
    assert_eq!(app.scope(), Scope::Browse);
    assert_eq!(app.browse().focus, Pane::Detail);
    let opened = app.browse().current().unwrap().id.to_string();
    assert_eq!(opened, ids(&app)[1]);
    // Esc: detail → list; again: the kept search goes, the facets stay.
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char('f'));
    let filtered = app.browse().results.visible.len();
    assert!(filtered < 9);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.browse().search.query, "");
    assert!(!app.browse().results.filter.is_empty(), "facets stay");
}

#[test]
fn open_scroll_and_back() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.browse().focus, Pane::Detail);
    press(&mut app, KeyCode::PageDown);
    assert!(app.browse().detail_scroll > 0);
    press(&mut app, KeyCode::Char('G'));
    let bottom = app.browse().detail_scroll;
    assert_eq!(bottom, app.browse().detail_max_scroll(&app.context()));
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(
        app.browse().detail_scroll,
        bottom,
        "scrolling stops at the end"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.browse().focus, Pane::List);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(
        app.browse().detail_scroll,
        0,
        "a new case starts at the top"
    );
}

#[test]
fn one_pane_at_a_time_below_80_columns() {
    let library = library();
    let mut app = App::new(&library, &ZH, 60, 20);
    let screen = app.browse().layout(&app.context());
    assert!(screen.list.is_some() && screen.detail.is_none() && screen.facets.is_none());
    press(&mut app, KeyCode::Enter);
    assert!(
        app.browse().layout(&app.context()).detail.is_some()
            && app.browse().layout(&app.context()).list.is_none()
    );
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.browse().focus, Pane::Facets);
    assert!(app.browse().layout(&app.context()).facets.is_some());
    app.update(Action::Resize(30, 8));
    assert!(app.browse().layout(&app.context()).too_small);
}

#[test]
fn the_facet_drawer_at_two_pane_widths() {
    let library = library();
    let mut app = App::new(&library, &ZH, 100, 30);
    assert!(app.browse().layout(&app.context()).facets.is_none());
    press(&mut app, KeyCode::Char('f'));
    assert!(app.browse().drawer_open && app.browse().layout(&app.context()).facets.is_some());
    assert_eq!(app.browse().focus, Pane::Facets);
    press(&mut app, KeyCode::Esc);
    assert!(!app.browse().drawer_open && app.browse().layout(&app.context()).facets.is_none());
    assert_eq!(app.browse().focus, Pane::List);
}

#[test]
fn n_and_capital_n_jump_between_matches_in_the_detail() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "yibin");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.browse().current().unwrap().id, "yibin-yu");
    let rows = app.browse().match_rows(&app.context());
    assert!(
        rows.len() >= 2,
        "the title and the English summary mention Yibin: {rows:?}"
    );
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(
        app.browse().detail_scroll,
        rows[1].min(app.browse().detail_max_scroll(&app.context()))
    );
    assert_eq!(app.browse().focus, Pane::Detail);
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(app.browse().detail_scroll, rows[0]);
}

#[test]
fn a_burst_of_typed_keys_costs_one_search() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    app.update(Action::StartSearch);
    for c in "nanning".chars() {
        app.apply(Action::SearchInput(c));
    }
    assert_eq!(app.browse().results.visible.len(), 9, "not searched yet");
    app.settle();
    assert_eq!(ids(&app), ["nanning-fangduoduo"]);
    // Any other action searches first, so it never works on stale results.
    app.apply(Action::SearchBackspace);
    app.apply(Action::SearchLeave);
    assert_eq!(ids(&app), ["nanning-fangduoduo"]);
}

#[test]
fn deep_link_opens_the_case() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    assert!(app.open_case("yibin-yu"));
    assert_eq!(app.browse().current().unwrap().id, "yibin-yu");
    assert_eq!(app.browse().focus, Pane::Detail);
    assert!(!app.open_case("no-such-case"));
}

#[test]
fn help_opens_scrolls_and_closes() {
    let library = library();
    let mut app = App::new(&library, &ZH, 60, 20);
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.scope(), Scope::Help);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.screens.help.scroll, 1);
    assert_eq!(
        app.browse().selected,
        0,
        "keys scroll the help, not the list"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.scope(), Scope::Browse);
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn only_presses_count_and_ctrl_c_quits() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    let mut release = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(keymap::action(Scope::Browse, &release), None);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(keymap::action(Scope::Search, &ctrl_c), Some(Action::Quit));
    app.update(Action::Quit);
    assert!(app.quit);
}

#[test]
fn mouse_click_and_wheel() {
    let library = library();
    let mut app = App::new(&library, &ZH, 120, 40);
    let list = app.browse().layout(&app.context()).list.unwrap();
    // The third case's first line: border, then two lines a case.
    app.update(Action::Click(list.x + 3, list.y + 1 + 4));
    assert_eq!(app.browse().current().unwrap().id, "alar-tongtianyi");
    let detail = app.browse().layout(&app.context()).detail.unwrap();
    app.update(Action::Scroll(detail.x + 2, detail.y + 2, 3));
    assert_eq!(app.browse().detail_scroll, 3);
    assert_eq!(app.browse().focus, Pane::Detail);
}

#[test]
fn every_binding_is_described_and_the_hints_come_from_the_table() {
    for binding in keymap::BINDINGS {
        assert!(!(binding.describe)(&ZH).is_empty());
        assert!(!binding.keys.is_empty());
    }
    let hints = keymap::built_in().hints(Scope::Browse, &ZH);
    assert!(hints.contains(&("/", ZH.key_search)));
    assert!(hints.contains(&("q", ZH.key_quit)));
}

/// From a case, a number opens its provision and Esc comes back; from the provision, a
/// number opens a linked case and Esc comes back to the provision, where it was.
#[test]
fn provisions_and_cases_both_ways_with_history() {
    let library = library();
    let mut app = App::new(&library, &ZH, 100, 30);
    assert!(app.open_case("nanning-fangduoduo"));
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(app.scope(), Scope::Statute);
    assert_eq!(library.statutes[app.screens.statute.statute].id, "cprl-56");
    press(&mut app, KeyCode::PageDown);
    let scrolled = app.screens.statute.scroll;
    assert!(scrolled > 0);
    // 消法56's third linked case is 南宁房多多; the first is 诸暨.
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(app.scope(), Scope::Browse);
    assert_eq!(app.browse().current().unwrap().id, "zhuji-xiangsheng");
    assert_eq!(app.browse().focus, Pane::Detail);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.scope(), Scope::Statute);
    assert_eq!(
        (
            library.statutes[app.screens.statute.statute].id.as_str(),
            app.screens.statute.scroll
        ),
        ("cprl-56", scrolled)
    );
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.scope(), Scope::Browse);
    assert_eq!(app.browse().current().unwrap().id, "nanning-fangduoduo");
    // A number past the case's provisions does nothing.
    press(&mut app, KeyCode::Char('9'));
    assert_eq!(app.scope(), Scope::Browse);
    assert!(app.history.is_empty());
}

#[test]
fn the_statute_view_steps_through_provisions_and_keeps_help_in_place() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.scope(), Scope::Statute);
    // The first case's first provision.
    assert_eq!(
        library.statutes[app.screens.statute.statute].id,
        "cprl-29-2"
    );
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(
        library.statutes[app.screens.statute.statute].id,
        "cprl-29-1"
    );
    for _ in 0..100 {
        press(&mut app, KeyCode::Char('n'));
    }
    assert_eq!(
        app.screens.statute.statute,
        *app.screens.statute.order.last().unwrap()
    );
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.scope(), Scope::Help);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.scope(), Scope::Statute);
    // j and k scroll the text, within bounds.
    for _ in 0..500 {
        press(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(
        app.screens.statute.scroll,
        app.screens.statute.max_scroll(&app.context())
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.scope(), Scope::Browse);
}

/// Help is a popup over whichever screen is shown; closing it leaves that screen as it was, and
/// its scrolling stops at its last line.
#[test]
fn help_opens_over_any_screen_and_its_scroll_is_bounded() {
    let library = library();
    let mut app = App::new(&library, &ZH, 60, 20);
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Char('n'));
    let statute = app.screens.statute.statute;
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.scope(), Scope::Help);
    for _ in 0..500 {
        press(&mut app, KeyCode::Char('j'));
    }
    let bottom = app.screens.help.scroll;
    assert!(bottom > 0 && bottom < 100, "{bottom}");
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.scope(), Scope::Statute);
    assert_eq!(app.screens.statute.statute, statute);
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.screens.help.scroll, 0, "help opens at its top");
}

/// The mouse acts on the screen on top only: a click in the statute view does not reach the
/// browser's panes below it, and the wheel scrolls the provision.
#[test]
fn the_mouse_talks_to_the_screen_on_top() {
    let library = library();
    let mut app = App::new(&library, &ZH, 120, 40);
    let list = app.browse().layout(&app.context()).list.unwrap();
    assert!(app.open_case("zhuji-xiangsheng"));
    press(&mut app, KeyCode::Char('3')); // 消法 第五十六条, longer than a screen
    app.update(Action::Click(list.x + 3, list.y + 1 + 4));
    assert_eq!(app.browse().selected, 0);
    app.update(Action::Scroll(60, 10, 3));
    assert_eq!(app.screens.statute.scroll, 3);
    assert_eq!(app.scope(), Scope::Statute);
}

/// Esc from a provision reached without a jump goes to the browser; Tab there still works.
#[test]
fn back_from_a_screen_with_no_history_returns_to_the_browser() {
    let library = library();
    let mut app = App::new(&library, &ZH, 120, 40);
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.history.len(), 1, "the case the user came from");
    app.history.clear();
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.scope(), Scope::Browse);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.browse().focus, Pane::Detail);
}

/// `Action::Show` opens any screen by id: a full screen remembers where the user was, so Esc
/// returns there; a popup toggles over it.
#[test]
fn show_opens_a_full_screen_with_history_and_toggles_a_popup() {
    use super::types::ScreenId;
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    assert!(app.open_case("yibin-yu"));
    app.update(Action::Show(ScreenId::Statute));
    assert_eq!(app.scope(), Scope::Statute);
    app.update(Action::Show(ScreenId::Help));
    assert_eq!(app.scope(), Scope::Help);
    app.update(Action::Show(ScreenId::Help));
    assert_eq!(app.scope(), Scope::Statute);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.scope(), Scope::Browse);
    assert_eq!(app.browse().current().unwrap().id, "yibin-yu");
    assert_eq!(app.browse().focus, Pane::Detail);
    assert!(app.history.is_empty());
}

/// `/` in the statute view keeps only the provisions that match (in characters or pinyin),
/// highlights them, and Esc clears the kept search before it goes back.
#[test]
fn the_statute_view_finds_conduct_by_everyday_words_and_says_when_nothing_matches() {
    let library = library();
    let mut app = App::new(&library, &ZH, 100, 30);
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "短信");
    let ids = |app: &App| -> Vec<String> {
        app.screens
            .statute
            .matching
            .iter()
            .map(|&i| library.statutes[i].id.clone())
            .collect()
    };
    assert!(
        ids(&app).contains(&"cprl-29-3".to_string()),
        "{:?}",
        ids(&app)
    );
    assert!(
        ids(&app).contains(&"cpri-24".to_string()),
        "{:?}",
        ids(&app)
    );
    ctrl(&mut app, 'u');
    typed(&mut app, "spam");
    assert!(
        ids(&app).contains(&"cprl-29-3".to_string()),
        "{:?}",
        ids(&app)
    );
    ctrl(&mut app, 'u');
    typed(&mut app, "xyzzy");
    assert!(ids(&app).is_empty());
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| app.view(frame)).unwrap();
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect::<String>()
        .replace(' ', "");
    assert!(screen.contains("没有与「xyzzy」匹配的条款"), "{screen}");
    assert!(
        !screen.contains("中华人民共和国"),
        "no provision is shown: {screen}"
    );
}

#[test]
fn the_statute_view_has_its_own_search() {
    let library = library();
    let mut app = App::new(&library, &ZH, 100, 30);
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(app.scope(), Scope::Search);
    typed(&mut app, "情节严重");
    let statute = &app.screens.statute;
    let ids: Vec<&str> = statute
        .matching
        .iter()
        .map(|&i| library.statutes[i].id.as_str())
        .collect();
    assert!(
        ids.contains(&"cprl-56") && ids.contains(&"criminal-253-1"),
        "{ids:?}"
    );
    assert!(ids.len() < 10, "{ids:?}");
    assert!(ids.contains(&library.statutes[statute.statute].id.as_str()));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.scope(), Scope::Statute);
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        app.scope(),
        Scope::Statute,
        "the kept search is cleared first"
    );
    assert_eq!(app.screens.statute.matching.len(), library.statutes.len());
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.scope(), Scope::Browse);
    // Pinyin finds a provision by its names: xingfa is 刑法 only.
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "xingfa");
    let shorts = |app: &App| -> Vec<String> {
        let matching = &app.screens.statute.matching;
        let names = matching
            .iter()
            .filter_map(|&i| library.statutes[i].short.clone());
        let mut names: Vec<String> = names.collect();
        names.dedup();
        names
    };
    assert_eq!(shorts(&app), ["刑法"]);
    ctrl(&mut app, 'u');
    typed(&mut app, "xf");
    // 侵害消费者权益行为处罚办法 and 消法实施条例 hold 消费 (x f) too, and 行政处罚法 第二十七条's
    // heading 涉嫌犯罪 (x f).
    assert_eq!(
        shorts(&app),
        [
            "消法",
            "处罚办法",
            "处罚办法（2015年文本）",
            "处罚办法（2020年修订）",
            "刑法",
            "消法实施条例",
            "行政处罚法"
        ]
    );
}

/// `#7` Enter opens the collection's seventh case, from any screen; a number that names no case
/// says so and keeps the box open; Esc closes it.
#[test]
fn go_to_a_case_by_its_published_number() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    typed(&mut app, "#7");
    assert_eq!(app.scope(), Scope::Search, "the box takes the keyboard");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.browse().current().unwrap().id, "nanning-fangduoduo");
    assert_eq!(app.browse().focus, Pane::Detail);
    assert_eq!(app.scope(), Scope::Browse);
    // From a provision: the case opens, and Esc comes back to the provision.
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(app.scope(), Scope::Statute);
    typed(&mut app, ":yibin-yu");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.browse().current().unwrap().id, "yibin-yu");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.scope(), Scope::Statute);
    // The tenth case is not identified: nothing opens.
    typed(&mut app, "#10");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.scope(), Scope::Search, "still in the box");
    assert!(app.screens.goto.found.is_empty());
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.scope(), Scope::Statute);
}

/// On the list a digit opens the case published under that number (with case 1 selected, `7`
/// opened 宜宾, 第 5 例, through the detail's numbered links); in the detail a digit opens its
/// numbered provision; the status line says which.
#[test]
fn digits_on_the_list_open_published_numbers_and_in_the_detail_links() {
    let library = library();
    let mut app = App::new(&library, &ZH, 120, 40);
    assert_eq!(app.browse().focus, Pane::List);
    assert_eq!(app.browse().current().unwrap().position, Some(1));
    let status = |app: &App| {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
        terminal.draw(|frame| app.view(frame)).unwrap();
        let buffer = terminal.backend().buffer().clone();
        // Wide characters leave a blank cell after them: read the row without spaces.
        (0..120)
            .map(|x| buffer[(x, 39)].symbol().to_string())
            .collect::<String>()
            .replace(' ', "")
    };
    let label = |text: &str| text.replace(' ', "");
    assert!(
        status(&app).contains(&label(ZH.key_open_published)),
        "{}",
        status(&app)
    );
    press(&mut app, KeyCode::Char('7'));
    assert_eq!(app.browse().current().unwrap().id, "nanning-fangduoduo");
    assert_eq!(app.browse().current().unwrap().position, Some(7));
    assert_eq!(app.browse().focus, Pane::Detail);
    assert!(
        status(&app).contains(&label(ZH.key_open_provision)),
        "{}",
        status(&app)
    );
    // In the detail, 1 is the case's first provision.
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(app.scope(), Scope::Statute);
    // Back on the list, an unidentified number (10) opens nothing.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    let before = app.browse().current().unwrap().id.clone();
    assert_eq!(
        app.browse().focus,
        Pane::List,
        "Esc from the detail returns to the list"
    );
    press(&mut app, KeyCode::Char('9'));
    assert_eq!(app.browse().current().unwrap().position, Some(9));
    assert_ne!(before, app.browse().current().unwrap().id);
}

/// From 80 to 119 columns an opened case takes the whole width and Esc brings the list back;
/// `w` toggles the whole width at any size; scrolling the detail with the wheel does not.
#[test]
fn an_opened_case_gets_room_to_read() {
    let library = library();
    let mut app = App::new(&library, &ZH, 100, 30);
    let two_panes = app.browse().layout(&app.context());
    assert!(two_panes.list.is_some() && two_panes.detail.is_some());
    press(&mut app, KeyCode::Enter);
    let reading = app.browse().layout(&app.context());
    assert!(reading.list.is_none() && reading.detail_alone);
    assert_eq!(reading.detail.unwrap().width, 100);
    press(&mut app, KeyCode::Esc);
    assert!(app.browse().layout(&app.context()).list.is_some());
    // The wheel over the detail scrolls it where it is.
    let detail = app.browse().layout(&app.context()).detail.unwrap();
    app.update(Action::Scroll(detail.x + 2, detail.y + 2, 3));
    assert_eq!(app.browse().focus, Pane::Detail);
    assert!(app.browse().layout(&app.context()).list.is_some());
    // Wide at three-pane widths only when asked, and back again.
    let mut app = App::new(&library, &ZH, 120, 40);
    press(&mut app, KeyCode::Enter);
    assert!(app.browse().layout(&app.context()).list.is_some());
    press(&mut app, KeyCode::Char('w'));
    assert!(app.browse().layout(&app.context()).detail_alone);
    press(&mut app, KeyCode::Char('w'));
    assert!(!app.browse().layout(&app.context()).detail_alone);
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Tab); // Tab brings the list back
    assert_eq!(app.browse().focus, Pane::List);
    assert!(app.browse().layout(&app.context()).facets.is_some());
}

/// After its provisions, a case's numbers open its similar cases; Esc comes back to the case,
/// as it does from a provision.
#[test]
fn a_number_opens_a_similar_case_and_esc_comes_back() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    assert!(app.open_case("nanning-fangduoduo"));
    let provisions = app.browse().current().unwrap().law.len();
    assert_eq!(provisions, 4);
    press(&mut app, KeyCode::Char('5')); // the first similar case
    assert_eq!(app.browse().current().unwrap().id, "zhuji-xiangsheng");
    assert_eq!(app.browse().focus, Pane::Detail);
    press(&mut app, KeyCode::Char('j')); // reading it does not lose the way back
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.browse().current().unwrap().id, "nanning-fangduoduo");
    assert!(app.history.is_empty());
    press(&mut app, KeyCode::Esc); // then Esc is the browser's own: the list
    assert_eq!(app.browse().focus, Pane::List);
}

/// `y` copies the case's citation, `Y` its sheet as Markdown, `y` in a provision its citation and
/// text; the notice says what and how many characters. With OSC 52 off nothing is sent.
#[test]
fn copying_a_citation_a_sheet_and_a_provision() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    assert!(app.open_case("nanning-fangduoduo"));
    press(&mut app, KeyCode::Char('y'));
    let copied = app.take_clipboard();
    let citation = crate::sheet::citation(&ZH, &library, app.browse().current().unwrap());
    assert_eq!(copied, std::slice::from_ref(&citation));
    // The official form, and the provisions named (the library's reading here: the source
    // cites none).
    assert!(
        citation.contains("本库的理解（来源未引用条款）：违反条款《中华人民共和国消费者权益保护法》第二十九条第一款"),
        "{citation}"
    );
    let n = citation.chars().count();
    assert_eq!(
        app.notice.as_deref(),
        Some(format!("已复制引用：{n} 字").as_str())
    );
    press(&mut app, KeyCode::Char('Y'));
    let sheet = app.take_clipboard().remove(0);
    assert!(sheet.starts_with("# 广西南宁房多多资产管理有限公司侵害消费者个人信息案"));
    assert!(sheet.contains("## 相似案例"));
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.notice, None, "the notice lasts until the next key");
    press(&mut app, KeyCode::Char('3')); // 消法 第五十六条
    press(&mut app, KeyCode::Char('y'));
    let provision = app.take_clipboard().remove(0);
    assert!(
        provision.starts_with("《中华人民共和国消费者权益保护法》第五十六条\n"),
        "{provision}"
    );
    assert!(provision.contains("经营者有下列情形之一"));
    app.osc52 = false;
    press(&mut app, KeyCode::Char('y'));
    assert!(app.take_clipboard().is_empty());
    assert_eq!(app.notice.as_deref(), Some(ZH.copy_off));
}

/// `e` exports the open case as its sheet in Markdown, or on the list the listed cases with the
/// filters that chose them.
#[test]
fn export_the_case_or_the_list() {
    let library = library();
    let mut app = App::new(&library, &ZH, 120, 40);
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Char(' ')); // 房产租售
    press(&mut app, KeyCode::Char('e')); // on the facets: the list
    let (stem, text) = app.take_exports().remove(0);
    assert_eq!(stem, "casebook-list");
    assert!(
        text.starts_with("# 案例列表（3 例）\n\n房产租售\n\n- "),
        "{text}"
    );
    press(&mut app, KeyCode::Tab); // the list
    press(&mut app, KeyCode::Enter); // the detail
    press(&mut app, KeyCode::Char('e'));
    let (stem, text) = app.take_exports().remove(0);
    assert_eq!(stem, "casebook-zhuji-xiangsheng");
    assert!(text.starts_with("# 浙江省诸暨祥生新合置业有限公司侵害消费者个人信息案"));
}

/// Esc retraces a jump only while the user is still where it landed: after moving away and
/// coming back by hand, Esc is the screen's own again.
#[test]
fn a_jump_is_retraced_only_from_where_it_landed() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    assert!(app.open_case("nanning-fangduoduo"));
    press(&mut app, KeyCode::Char('5')); // jump to the first similar case (诸暨)
    assert_eq!(app.browse().current().unwrap().id, "zhuji-xiangsheng");
    app.update(Action::Back); // Esc where the jump landed retraces it
    assert_eq!(
        app.browse().current().unwrap().id,
        "nanning-fangduoduo",
        "retraced"
    );
    press(&mut app, KeyCode::Char('5'));
    app.history.clear(); // whatever the history holds
    press(&mut app, KeyCode::Tab); // away from the detail
    press(&mut app, KeyCode::Enter); // and back to the same case by hand
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.browse().focus, Pane::List, "the browser's own Esc");
    assert_eq!(app.browse().current().unwrap().id, "zhuji-xiangsheng");
}

/// The keys that answer the training screen's current exercise rightly (or wrongly).
fn answer_keys(app: &App, right: bool) -> Vec<KeyCode> {
    use crate::training::Answer;
    let exercise = app.screens.training.current().expect("an exercise");
    match &exercise.answer {
        Answer::Choice { options, right: r } => {
            let pick = if right { *r } else { (*r + 1) % options.len() };
            vec![KeyCode::Char((b'a' + pick as u8) as char)]
        }
        Answer::YesNo { right: r, .. } => vec![KeyCode::Char(if *r == right { 'y' } else { 'n' })],
        Answer::Number { right: r, .. } => {
            let n = if right { *r } else { r + 1 };
            let mut keys: Vec<KeyCode> = n.to_string().chars().map(KeyCode::Char).collect();
            keys.push(KeyCode::Enter);
            keys
        }
    }
}

fn answer(app: &mut App, right: bool) {
    for key in answer_keys(app, right) {
        press(app, key);
    }
}

#[test]
fn t_trains_on_the_filtered_cases_and_esc_comes_back() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    typed(&mut app, "/房");
    press(&mut app, KeyCode::Enter);
    let in_view = app.browse().results.visible.len();
    assert!(in_view < library.cases.len());
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(app.scope(), Scope::Training);
    assert_eq!(app.screens.training.narrowed(), Some(in_view));
    let case = app.screens.training.current().unwrap().case.clone();
    if let Some(case) = case {
        let case = library.case(&case).unwrap();
        assert!(case.sector.as_deref() == Some("real-estate"), "{}", case.id);
    }
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.scope(), Scope::Browse);
}

#[test]
fn a_training_session_answers_explains_repeats_and_sums_up() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(
        app.screens.training.session_len(),
        super::screens::training::SESSION
    );
    answer(&mut app, true);
    assert_eq!(app.screens.training.feedback(), Some(true));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screens.training.feedback(), None);
    let wrong_id = app.screens.training.current().unwrap().id.clone();
    answer(&mut app, false);
    assert_eq!(app.screens.training.feedback(), Some(false));
    // A wrong answer comes back later in the session.
    assert_eq!(
        app.screens.training.session_len(),
        super::screens::training::SESSION + 1
    );
    // 1 opens the provision the answer rests on; Esc comes back to the feedback.
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(app.scope(), Scope::Statute);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.scope(), Scope::Training);
    assert_eq!(app.screens.training.feedback(), Some(false));
    // s shows the summary over the session, and goes back to it.
    press(&mut app, KeyCode::Char('s'));
    assert!(app.screens.training.in_summary());
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.screens.training.feedback(), Some(false));
    let mut seen_again = false;
    for _ in 0..20 {
        if app.screens.training.in_summary() {
            break;
        }
        if app.screens.training.feedback().is_some() {
            press(&mut app, KeyCode::Enter);
            continue;
        }
        seen_again |= app.screens.training.current().unwrap().id == wrong_id;
        answer(&mut app, true);
    }
    assert!(seen_again, "the wrong answer's exercise came back");
    assert!(app.screens.training.in_summary());
    let answers = app.screens.training.progress().answers(&wrong_id);
    assert_eq!(
        answers.iter().map(|a| a.right).collect::<Vec<_>>(),
        [false, true]
    );
    // Enter starts another round of what is due and new.
    press(&mut app, KeyCode::Enter);
    assert!(!app.screens.training.in_summary());
}

#[test]
fn a_wrong_answer_comes_back_once_so_a_session_always_ends() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    press(&mut app, KeyCode::Char('t'));
    for _ in 0..100 {
        if app.screens.training.in_summary() {
            break;
        }
        if app.screens.training.feedback().is_some() {
            press(&mut app, KeyCode::Enter);
        } else {
            answer(&mut app, false);
        }
    }
    assert!(app.screens.training.in_summary(), "the session ended");
    assert_eq!(
        app.screens.training.session_len(),
        2 * super::screens::training::SESSION
    );
}

#[test]
fn l_switches_the_language_and_keeps_the_place() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    assert!(app.open_case("nanning-fangduoduo"));
    for _ in 0..5 {
        press(&mut app, KeyCode::Char('j'));
    }
    let (selected, scroll) = (app.browse().selected, app.browse().detail_scroll);
    assert!(scroll > 0);
    press(&mut app, KeyCode::Char('L'));
    assert_eq!(app.m.lang, crate::msg::Lang::En);
    assert_eq!(app.browse().selected, selected);
    assert_eq!(app.browse().detail_scroll, scroll);
    assert_eq!(app.browse().current().unwrap().id, "nanning-fangduoduo");
    // In training, the same exercise in the other language, the answer kept.
    press(&mut app, KeyCode::Char('t'));
    let id = app.screens.training.current().unwrap().id.clone();
    answer(&mut app, true);
    press(&mut app, KeyCode::Char('L'));
    assert_eq!(app.m.lang, crate::msg::Lang::Zh);
    assert_eq!(app.screens.training.current().unwrap().id, id);
    assert_eq!(app.screens.training.feedback(), Some(true));
    assert!(
        app.screens
            .training
            .current()
            .unwrap()
            .question
            .contains('？')
    );
    press(&mut app, KeyCode::Char('L'));
    assert!(
        !app.screens
            .training
            .current()
            .unwrap()
            .question
            .contains('？')
    );
}

/// Keys a config file gives take the place of the built-in ones: `J`/`K` move, `F` searches,
/// and `j` no longer moves.
#[test]
fn keys_from_a_config_file_drive_the_browser() {
    let library = library();
    let config = crate::config::parse(
        "config.toml",
        "[keys]\ndown = [\"J\", \"Down\"]\nup = \"K\"\nsearch = \"F\"\n",
    )
    .unwrap();
    let mut app = App::new(&library, &ZH, 100, 30);
    app.keymap = crate::config::keymap_of(&config).unwrap();
    let selected = |app: &App| app.browse().selected;
    let first = selected(&app);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(selected(&app), first, "j is no longer down");
    press(&mut app, KeyCode::Char('J'));
    assert_ne!(selected(&app), first);
    press(&mut app, KeyCode::Char('K'));
    assert_eq!(selected(&app), first);
    press(&mut app, KeyCode::Char('F'));
    assert_eq!(app.scope(), Scope::Search);
    typed(&mut app, "fdd");
    assert_eq!(ids(&app), ["nanning-fangduoduo"]);
}

/// On a terminal too small for any pane, Tab and Shift-Tab have nowhere to go (found by the
/// `input` fuzz target: a division by zero).
#[test]
fn tab_on_a_terminal_too_small_for_any_pane() {
    let library = library();
    let mut app = App::new(&library, &ZH, 20, 5);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Backspace);
    assert!(!app.quit);
}

/// A question with no precedent still has its law: `推销短信` finds no case, the empty list names
/// the provisions it finds, and after Esc one key (`s`) opens the first — four keys after the
/// words. A phrase searched as its words says so on the status line.
#[test]
fn a_search_that_finds_no_case_opens_its_law_in_one_key() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "推销短信");
    assert!(ids(&app).is_empty());
    // The event loop's pause after the frame works out what would find something.
    assert!(app.idle());
    let screen = draw_text(&mut app, 80, 24);
    assert!(screen.contains("相关条款"), "{screen}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.scope(), Scope::Statute);
    assert_eq!(
        library.statutes[app.screens.statute.statute].id,
        "cprl-29-3"
    );
    // Keys quicker than that pause find the same: `s` works the suggestions out first.
    let mut app = App::new(&library, &ZH, 80, 24);
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "推销短信");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(
        library.statutes[app.screens.statute.statute].id,
        "cprl-29-3"
    );
    // With cases found, `s` keeps opening the selected case's first provision.
    let mut app = App::new(&library, &ZH, 80, 24);
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "员工卖客户信息");
    assert_eq!(ids(&app), ["zhuji-xiangsheng"]);
    let screen = draw_text(&mut app, 80, 24);
    assert!(screen.contains("按词：员工 卖 客户信息"), "{screen}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(
        library.statutes[app.screens.statute.statute].id,
        "cprl-29-2"
    );
}

fn draw_text(app: &mut App, width: u16, height: u16) -> String {
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal.draw(|frame| app.view(frame)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut lines = Vec::new();
    for y in 0..height {
        let (mut line, mut x) = (String::new(), 0);
        while x < width {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            // A wide character's second cell is not a character of its own.
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// The decision aid driven by keys: `a` on an open case starts from its facts; digits go into the
/// field in focus; ← → change a choice; Space ticks; `y` copies the text to paste; Esc goes back.
#[test]
fn the_decision_aid_by_keys() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    // From the list (no case open) the form keeps its own facts.
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.scope(), Scope::Assess);
    assert_eq!(app.screens.assess.draft.from_case, None);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.scope(), Scope::Browse);
    // On an open case: its facts.
    press(&mut app, KeyCode::Enter);
    let case = app.browse().current().unwrap().id.to_string();
    press(&mut app, KeyCode::Char('a'));
    let draft = &app.screens.assess.draft;
    assert_eq!(draft.from_case.as_deref(), Some(case.as_str()));
    assert_eq!(draft.conduct, "leak-sell-provide");
    // → on the conduct: the next violation of the vocabulary.
    press(&mut app, KeyCode::Right);
    assert_eq!(app.screens.assess.draft.conduct, "unsolicited-messages");
    press(&mut app, KeyCode::Left);
    assert_eq!(app.screens.assess.draft.conduct, "leak-sell-provide");
    // Down to the gains; letters other than 万/亿 are not typed into a number.
    for _ in 0..4 {
        press(&mut app, KeyCode::Char('j'));
    }
    typed(&mut app, "8x000");
    assert_eq!(app.screens.assess.draft.gains, "8000");
    press(&mut app, KeyCode::Backspace);
    typed(&mut app, "1");
    assert_eq!(app.screens.assess.draft.gains, "8001");
    let result = app.screens.assess.result(&library).unwrap();
    assert_eq!(result.fine.as_ref().unwrap().max_yuan, Some(80_010));
    // Space on a yes/no fact ticks it (Enter, like ↓, goes to the next field).
    for _ in 0..2 {
        press(&mut app, KeyCode::Enter);
    }
    press(&mut app, KeyCode::Char(' '));
    assert!(app.screens.assess.draft.in_duty);
    // y copies the text to paste.
    press(&mut app, KeyCode::Char('y'));
    let copied = app.take_clipboard();
    assert_eq!(copied.len(), 1);
    assert!(
        copied[0].starts_with("【辅助分析，不是法律结论】"),
        "{copied:?}"
    );
    assert!(copied[0].contains("《中华人民共和国消费者权益保护法》第二十九条第二款"));
    // Esc goes back to the case.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.scope(), Scope::Browse);
    assert_eq!(app.browse().focus, Pane::Detail);
    // In training, `a` still answers: the screen's own key wins.
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(app.scope(), Scope::Training);
}

/// The data kinds are picked from the vocabulary: ← → move over them, Space adds or removes.
#[test]
fn data_kinds_are_picked_from_the_vocabulary() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char(' '));
    let first = library.vocab.terms(crate::library::VocabKind::DataKinds)[0]
        .key
        .clone();
    assert_eq!(app.screens.assess.draft.data, first);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char(' '));
    let second = library.vocab.terms(crate::library::VocabKind::DataKinds)[1]
        .key
        .clone();
    assert_eq!(app.screens.assess.draft.data, format!("{first}, {second}"));
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.screens.assess.draft.data, second);
}

/// The result's numbered provisions are one key away: Tab to the result, a digit opens the text,
/// Esc comes back to the form as it was.
#[test]
fn the_decision_aid_opens_its_provisions_by_number() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    typed(&mut app, "12");
    press(&mut app, KeyCode::Tab);
    // In the result pane digits open, they are not typed.
    typed(&mut app, "1");
    assert_eq!(app.scope(), Scope::Statute);
    let result = app.screens.assess.result(&library).unwrap();
    let first = crate::assess::report::numbered(&result)[0].id.clone();
    assert_eq!(first, "cprl-29-1");
    assert_eq!(library.statutes[app.screens.statute.statute].id, first);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.scope(), Scope::Assess);
    assert_eq!(app.screens.assess.draft.records, "12");
    // j scrolls the result while it has the keyboard; Tab gives the form back.
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(
        app.screens.assess.scroll, 0,
        "not drawn yet: nothing to scroll"
    );
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "3");
    assert_eq!(app.screens.assess.draft.records, "123");
}

/// An exam by its code: `T`, the code typed, the exercises in the code's order with no feedback,
/// then the score; the score is kept with the code, and a second sitting is a second attempt.
#[test]
fn an_exam_by_its_code() {
    let library = library();
    let exam = crate::training::exam::Exam {
        seed: 42,
        count: 3,
        steps: Vec::new(),
    };
    let expected: Vec<String> = exam
        .exercises(&crate::msg::training::ZH, &library)
        .into_iter()
        .map(|e| e.id)
        .collect();
    let mut app = App::new(&library, &ZH, 80, 24);
    press(&mut app, KeyCode::Char('T'));
    assert_eq!(app.scope(), Scope::Search, "the code is typed");
    typed(&mut app, "42-3-3f-00");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.screens.exam.exercises.is_empty(),
        "a mistyped code is refused"
    );
    for _ in 0..2 {
        press(&mut app, KeyCode::Backspace);
    }
    let code = exam.code();
    typed(&mut app, &code[code.len() - 2..]);
    press(&mut app, KeyCode::Enter);
    let ids: Vec<&str> = app
        .screens
        .exam
        .exercises
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(ids, expected);
    assert_eq!(app.scope(), Scope::Training);
    // Answers go straight on: no feedback, whatever is typed for a number.
    let mut sittings = 0;
    for round in 0..2 {
        while !app.screens.exam.finished() {
            let before = app.screens.exam.given.len();
            match &app.screens.exam.exercises[before].answer {
                crate::training::Answer::Number { .. } => {
                    typed(&mut app, "1");
                    press(&mut app, KeyCode::Enter);
                }
                _ => press(&mut app, KeyCode::Char('1')),
            }
            assert_eq!(app.screens.exam.given.len(), before + 1);
        }
        sittings += 1;
        let progress = app.screens.exam.progress();
        let (_, attempts) = progress.exams().find(|(c, _)| *c == code).unwrap();
        assert_eq!(attempts.len(), sittings, "round {round}");
        assert_eq!(
            (attempts[sittings - 1].right, attempts[sittings - 1].total),
            app.screens.exam.score()
        );
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.scope(), Scope::Browse);
        press(&mut app, KeyCode::Char('T'));
        typed(&mut app, &code);
        press(&mut app, KeyCode::Enter);
    }
}

/// Esc in the middle of a round asks first; `y` leaves, and `t` resumes the round from its
/// summary where it was; any other key goes back to the question.
#[test]
fn leaving_a_round_in_the_middle_asks_and_the_round_resumes() {
    let library = library();
    let mut app = App::new(&library, &ZH, 100, 30);
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(app.scope(), Scope::Training);
    // Nothing answered yet: Esc leaves at once.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.scope(), Scope::Browse);
    press(&mut app, KeyCode::Char('t'));
    // Answer the first exercise, whatever it asks.
    let first = app.screens.training.current().unwrap().id.clone();
    match &app.screens.training.current().unwrap().answer {
        crate::training::Answer::Number { .. } => {
            typed(&mut app, "1");
            press(&mut app, KeyCode::Enter);
        }
        _ => press(&mut app, KeyCode::Char('1')),
    }
    assert!(app.screens.training.feedback().is_some());
    press(&mut app, KeyCode::Esc);
    assert!(app.screens.training.asking_to_leave());
    assert_eq!(app.scope(), Scope::Training);
    // Any other key: back where it was.
    press(&mut app, KeyCode::Char('x'));
    assert!(!app.screens.training.asking_to_leave());
    assert!(app.screens.training.feedback().is_some());
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.scope(), Scope::Browse);
    // t: the round's summary, and Enter goes back to it.
    press(&mut app, KeyCode::Char('t'));
    assert!(app.screens.training.in_summary());
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screens.training.current().unwrap().id, first);
    assert!(app.screens.training.feedback().is_some());
}

/// The class as a screen: the same table `casebook class` prints; `r` reads the files again.
#[test]
fn the_class_as_a_screen() {
    let library = library();
    let root = std::env::temp_dir().join(format!("casebook-class-screen-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let alice = crate::training::people::store(&root, "alice");
    let answered = crate::training::progress::Answered {
        at: 1_795_934_412_345,
        right: false,
    };
    alice
        .record(&Default::default(), "q:1", "qualify", answered)
        .unwrap();
    let mut app = App::new(&library, &ZH, 80, 24);
    app.open_class(root.clone());
    let lines = |app: &App| app.screens.class.lines(&crate::msg::training::ZH, 78);
    assert!(lines(&app)[0].starts_with("学员 1 人"));
    assert!(lines(&app).iter().any(|l| l.starts_with("alice ")));
    let bob = crate::training::people::store(&root, "bob");
    bob.record(&Default::default(), "q:1", "qualify", answered)
        .unwrap();
    press(&mut app, KeyCode::Char('r'));
    assert!(lines(&app)[0].starts_with("学员 2 人"));
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
    std::fs::remove_dir_all(&root).unwrap();
}
