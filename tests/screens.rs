//! Snapshots of whole screens drawn into ratatui's TestBackend: the home screen, a filtered list,
//! every case's detail and the help screen, at 120×40, 80×24 and 60×20.

use casebook::library::{Library, LoadOptions, load};
use casebook::msg::ZH;
use casebook::tui::screens::browse::facets::FacetRow;
use casebook::tui::{Action, App, Look, Pane, ScreenId};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "common/english.rs"]
mod english;
use english::assert_english;

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (60, 20)];

fn library() -> Library {
    let mut library = load(&LoadOptions::default()).unwrap();
    // Screens show the law "today": a fixed day keeps the snapshots the same whenever they run.
    library.today = casebook::library::PartialDate::parse("2026-12-05").ok();
    library
}

/// The screen as text, one line a row: a wide character is written once (its continuation cell
/// skipped), and trailing blanks are trimmed.
fn draw(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    terminal.draw(|frame| app.view(frame)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..app.height {
        let mut line = String::new();
        let mut x = 0;
        while x < app.width {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            x += casebook::text::width(symbol).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn home_screen() {
    let library = library();
    for (w, h) in SIZES {
        let app = App::new(&library, &ZH, w, h);
        insta::assert_snapshot!(format!("home_{w}x{h}"), draw(&app));
    }
}

#[test]
fn filtered_list() {
    let library = library();
    for (w, h) in SIZES {
        let mut app = App::new(&library, &ZH, w, h);
        app.update(Action::ToggleFacets);
        // Toggle 房产租售 through the keymap's action, then choose 广西 too.
        app.update(Action::ToggleValue);
        while !matches!(
            &app.browse().facets.rows[app.browse().facets.cursor],
            FacetRow::Value(_, key) if key == "广西壮族自治区"
        ) {
            app.update(Action::Down);
        }
        app.update(Action::ToggleValue);
        insta::assert_snapshot!(format!("filtered_{w}x{h}"), draw(&app));
    }
}

#[test]
fn every_case_detail() {
    let library = library();
    for case in &library.cases {
        for (w, h) in SIZES {
            let mut app = App::new(&library, &ZH, w, h);
            assert!(app.open_case(&case.id));
            insta::assert_snapshot!(format!("detail_{}_{w}x{h}", case.id), draw(&app));
        }
        // The whole detail, end to end, in one tall frame.
        let mut app = App::new(&library, &ZH, 100, 200);
        app.open_case(&case.id);
        let whole = draw(&app);
        // Where the pane can hold an address, it is never broken across lines (a proxy's
        // address of 600 characters fits no pane).
        let fits = |url: &&str| url.chars().count() <= 80;
        for url in case
            .source
            .iter()
            .filter_map(|s| s.url.as_deref())
            .filter(fits)
        {
            assert!(whole.contains(url), "{}: {url}", case.id);
        }
        insta::assert_snapshot!(format!("detail_{}_full", case.id), whole);
    }
}

#[test]
fn help_screen() {
    let library = library();
    for (w, h) in SIZES {
        let mut app = App::new(&library, &ZH, w, h);
        app.update(Action::Show(ScreenId::Help));
        insta::assert_snapshot!(format!("help_{w}x{h}"), draw(&app));
    }
}

/// Keys a config file gives are the keys help and the status bar show.
#[test]
fn help_shows_keys_from_a_config_file() {
    let library = library();
    let config = casebook::config::parse(
        "config.toml",
        "[keys]\ndown = [\"J\", \"Down\"]\nup = [\"K\", \"Up\"]\nsearch = \"F\"\nquit = \"Q\"\n",
    )
    .unwrap();
    let mut app = App::new(&library, &casebook::msg::EN, 120, 40);
    app.keymap = casebook::config::keymap_of(&config).unwrap();
    let browser = draw(&app);
    assert!(
        browser.contains("F search") && browser.contains("Q quit"),
        "{browser}"
    );
    assert!(
        browser.starts_with("F Search: press F to type"),
        "{browser}"
    );
    app.update(Action::Show(ScreenId::Help));
    insta::assert_snapshot!("help_remapped_120x40", draw(&app));
}

#[test]
fn search_no_match_and_too_small() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    app.update(Action::StartSearch);
    for c in "没有这个词".chars() {
        app.update(Action::SearchInput(c));
    }
    // The key's own frame says nothing matches at once; what would match follows after it.
    let at_once = draw(&app);
    assert!(at_once.contains("正在找能找到案例的词"), "{at_once}");
    assert!(app.idle(), "the suggestions were left for after the frame");
    assert!(!app.idle(), "and are done once");
    insta::assert_snapshot!("search_no_match_80x24", draw(&app));
    // Words that find something alone but not together, and a typo: what would find something.
    for (name, query) in [("words", "广西 教育"), ("typo", "房地厂")] {
        let mut app = App::new(&library, &ZH, 80, 24);
        app.update(Action::StartSearch);
        for c in query.chars() {
            app.update(Action::SearchInput(c));
        }
        app.idle();
        insta::assert_snapshot!(format!("search_suggestions_{name}_80x24"), draw(&app));
    }
    let app = App::new(&library, &ZH, 39, 9);
    insta::assert_snapshot!("too_small_39x9", draw(&app));
}

#[test]
fn ascii_look_for_linux_and_vt100_consoles() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    app.look = Look {
        ascii: true,
        color: true,
        ..Look::default()
    };
    assert_eq!(app.browse().focus, Pane::List);
    let screen = draw(&app);
    assert!(!screen.contains('┌') && !screen.contains('▶'));
    insta::assert_snapshot!("ascii_80x24", screen);
}

/// The search line puts the real cursor at the caret, measured in cells (IME windows follow it).
#[test]
fn cursor_sits_at_the_caret_in_display_cells() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    app.update(Action::StartSearch);
    for c in "房多a".chars() {
        app.update(Action::SearchInput(c));
    }
    app.update(Action::SearchLeft);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| app.view(frame)).unwrap();
    let label = casebook::text::width(&format!("/ {}：", ZH.search_label)) as u16;
    terminal
        .backend_mut()
        .assert_cursor_position((label + 4, 0));
}

/// Nothing is cut in the middle of a wide character: every wide glyph is followed by its
/// continuation cell.
#[test]
fn no_wide_character_is_split() {
    let library = library();
    for (w, h) in SIZES {
        for case in &library.cases {
            let mut app = App::new(&library, &ZH, w, h);
            app.open_case(&case.id);
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal.draw(|frame| app.view(frame)).unwrap();
            let buffer = terminal.backend().buffer();
            for y in 0..h {
                let mut x = 0;
                while x < w {
                    let symbol = buffer[(x, y)].symbol();
                    let cells = casebook::text::width(symbol).max(1) as u16;
                    assert!(
                        x + cells <= w,
                        "{}: wide glyph {symbol} overflows at {x},{y}",
                        case.id
                    );
                    x += cells;
                }
            }
        }
    }
}

/// Matched characters are drawn underlined (and bold, and coloured when colour is on), in the list
/// and in the detail, whether the query was Chinese or pinyin.
#[test]
fn search_highlights_matches_in_list_and_detail() {
    use ratatui::style::Modifier;
    let library = library();
    for query in ["房多多", "fdd", "fangduoduo"] {
        let mut app = App::new(&library, &ZH, 120, 40);
        app.update(Action::StartSearch);
        for c in query.chars() {
            app.update(Action::SearchInput(c));
        }
        app.update(Action::SearchLeave);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal.draw(|frame| app.view(frame)).unwrap();
        let buffer = terminal.backend().buffer();
        let underlined = |y: u16| -> String {
            (0..120)
                .filter(|&x| buffer[(x, y)].modifier.contains(Modifier::UNDERLINED))
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        };
        let screen = draw(&app);
        let row_of = |needle: &str| screen.lines().position(|l| l.contains(needle)).unwrap() as u16;
        // List row (party name) and the detail's title both show 房多多 underlined.
        let list_row = row_of("7 广西南宁房多多");
        assert!(underlined(list_row).contains("房多多"), "{query}: list");
        let title_row = row_of("广西南宁房多多资产管理有限公司侵害");
        assert!(underlined(title_row).contains("房多多"), "{query}: detail");
    }
}

/// The statute view, reached from a case with one key: the provision's text, its range and
/// linked cases, and the later law, apart and labelled; and a whole provision in one tall frame.
#[test]
fn statute_view() {
    let library = library();
    for (w, h) in SIZES {
        let mut app = App::new(&library, &ZH, w, h);
        assert!(app.open_case("nanning-fangduoduo"));
        app.update(Action::OpenNumbered(3)); // 消法 第五十六条
        insta::assert_snapshot!(format!("statute_cprl-56_{w}x{h}"), draw(&app));
    }
    for id in ["cprl-56", "pipl-66", "spc-2017-10"] {
        let mut app = App::new(&library, &ZH, 100, 120);
        app.update(Action::Statutes);
        while library.statutes[app.screens.statute.statute].id != id {
            app.update(Action::NextProvision);
        }
        insta::assert_snapshot!(format!("statute_{id}_full"), draw(&app));
    }
}

/// The law-truth table (tests/law_truth.rs) on the browser's own sheets: every case's detail and
/// every provision, drawn whole, says none of the wrong statements, and the ones it must.
#[test]
fn the_browser_says_the_law_right() {
    let library = library();
    // Lines wrap anywhere in Chinese: read the frames without borders, spaces or line breaks.
    let flat = |screen: String| -> String {
        screen
            .chars()
            .filter(|c| !matches!(c, '│' | '\n' | ' ' | '┌' | '┐' | '└' | '┘' | '─'))
            .collect()
    };
    let never = [
        "接替",
        "后继规定",
        "今天由",
        "不适用于2019年的案件",
        "后法，",
        "刑罚¥",
        "全文（第一条至第十三条）：",
    ];
    for case in &library.cases {
        let mut app = App::new(&library, &ZH, 100, 400);
        app.open_case(&case.id);
        let text = flat(draw(&app));
        for n in never {
            assert!(!text.contains(n), "{}: {n}", case.id);
        }
    }
    let mut seen = Vec::new();
    let mut app = App::new(&library, &ZH, 100, 300);
    app.update(Action::Statutes);
    for _ in 0..library.statutes.len() {
        app.update(Action::PrevProvision);
    }
    while !seen.contains(&app.screens.statute.statute) {
        seen.push(app.screens.statute.statute);
        let id = library.statutes[app.screens.statute.statute].id.clone();
        let text = flat(draw(&app));
        for n in never {
            assert!(!text.contains(n), "{id}: {n}");
        }
        assert!(text.contains("今天2026-12-05："), "{id}");
        match id.as_str() {
            "pipl-66" => assert!(text.contains("拒不改正的，罚款上限：¥1,000,000"), "{text}"),
            "csl-41" => assert!(text.contains("此版本2026-01-01起不再施行"), "{text}"),
            "civil-general-111" => assert!(text.contains("已废止，2021-01-01起"), "{text}"),
            _ => {}
        }
        app.update(Action::NextProvision);
    }
    assert_eq!(seen.len(), library.statutes.len());
}

/// Defence in depth: even text that slipped past validation (here written into a loaded library)
/// reaches the screen without a single control character.
#[test]
fn escape_sequences_never_reach_the_screen() {
    let mut library = library();
    let hostile = "\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}]0;pwned\u{1b}\\\u{9b}31m\u{202e}";
    let case = &mut library.cases[0];
    case.title = format!("{hostile}标题{hostile}").into();
    case.party.name = format!("{hostile}当事人").into();
    case.summary = format!("概述{hostile}\n第二行{hostile}").into();
    for (w, h) in SIZES {
        let mut app = App::new(&library, &ZH, w, h);
        app.open_case(&library.cases[0].id);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|frame| app.view(frame)).unwrap();
        for cell in terminal.backend().buffer().content() {
            assert!(
                !cell.symbol().chars().any(casebook::text::is_forbidden),
                "{:?} drawn at {w}x{h}",
                cell.symbol()
            );
        }
        let screen = draw(&app);
        assert!(screen.contains("当事人"), "{screen}");
    }
}

/// The "go to" box over the browser: a number naming a case lists it, ready for Enter.
#[test]
fn go_to_box() {
    let library = library();
    let mut app = App::new(&library, &ZH, 80, 24);
    app.update(Action::Show(ScreenId::Goto));
    app.update(Action::SearchInput('7'));
    insta::assert_snapshot!("goto_80x24", draw(&app));
    // A number the publisher counted but no source names says so, whole (wrapped).
    let mut app = App::new(&library, &ZH, 80, 24);
    app.update(Action::Show(ScreenId::Goto));
    app.update(Action::SearchInput('1'));
    app.update(Action::SearchInput('0'));
    let screen = draw(&app);
    assert!(
        screen.contains("公布的第 10 例，本库尚未识别是哪一案"),
        "{screen}"
    );
    assert!(screen.contains("公布 10 例，已识别 9 例）"), "{screen}");
}

/// 2026-11-29T08:00:00Z, so that the summary does not change with the time.
fn fixed_now() -> i64 {
    1_795_939_200_000
}

/// The training screen at 80×24: a question, right and wrong feedback, and the summary; with
/// the keys a trainee presses.
#[test]
fn training_screens() {
    use casebook::training::Answer;
    let library = library();
    let right_key = |app: &App| match &app.screens.training.current().unwrap().answer {
        Answer::Choice { right, .. } => Action::Choose(*right as u8),
        Answer::YesNo { right, .. } => Action::YesNo(*right),
        Answer::Number { .. } => unreachable!("the first exercises of seed 1 are choices"),
    };
    let wrong_key = |app: &App| match &app.screens.training.current().unwrap().answer {
        Answer::Choice { right, options } => Action::Choose(((right + 1) % options.len()) as u8),
        Answer::YesNo { right, .. } => Action::YesNo(!right),
        Answer::Number { .. } => unreachable!(),
    };
    let mut app = App::new(&library, &ZH, 80, 24);
    app.screens.training.fix(1, fixed_now);
    app.update(Action::Show(ScreenId::Training));
    insta::assert_snapshot!("training_question_80x24", draw(&app));
    let key = right_key(&app);
    app.update(key);
    insta::assert_snapshot!("training_right_80x24", draw(&app));
    app.update(Action::Open);
    insta::assert_snapshot!("training_question2_80x24", draw(&app));
    let key = wrong_key(&app);
    app.update(key);
    insta::assert_snapshot!("training_wrong_80x24", draw(&app));
    app.update(Action::Summary);
    insta::assert_snapshot!("training_summary_80x24", draw(&app));
    // The same question in ASCII for TERM=linux.
    app.look = Look {
        ascii: true,
        color: false,
        ..Look::default()
    };
    app.update(Action::Summary);
    insta::assert_snapshot!("training_wrong_ascii_80x24", draw(&app));
    // Esc with answers given asks before leaving the round.
    app.look = Look::default();
    app.update(Action::Back);
    insta::assert_snapshot!("training_leave_80x24", draw(&app));
}

/// What brings the app to one screen.
type Show = fn(&mut App);

/// Every screen in English at 80×24 (snapshots) and 60×20: it fits, and any Chinese on it is
/// the cases' own content or the law's text.
#[test]
fn english_screens() {
    use casebook::msg::EN;
    let library = library();
    for (w, h) in [(80, 24), (60, 20)] {
        let screens: Vec<(&str, Show)> = vec![
            ("home", |_| {}),
            (
                "detail",
                (|app| assert!(app.open_case("nanning-fangduoduo"))),
            ),
            ("help", (|app| app.update(Action::Show(ScreenId::Help)))),
            (
                "statute",
                (|app| {
                    app.open_case("nanning-fangduoduo");
                    app.update(Action::OpenNumbered(3));
                }),
            ),
            (
                "filtered",
                (|app| {
                    app.update(Action::ToggleFacets);
                    app.update(Action::ToggleValue);
                }),
            ),
            (
                "training",
                (|app| {
                    app.screens.training.fix(1, fixed_now);
                    app.update(Action::Show(ScreenId::Training));
                }),
            ),
            (
                "training_feedback",
                (|app| {
                    app.screens.training.fix(1, fixed_now);
                    app.update(Action::Show(ScreenId::Training));
                    app.update(Action::Choose(0));
                }),
            ),
            ("stats", (|app| app.update(Action::Show(ScreenId::Stats)))),
            ("goto", (|app| app.update(Action::Show(ScreenId::Goto)))),
        ];
        for (name, show) in screens {
            let mut app = App::new(&library, &EN, w, h);
            show(&mut app);
            let screen = draw(&app);
            assert_english(&library, &screen, name);
            if (w, h) == (80, 24) {
                insta::assert_snapshot!(format!("en_{name}_{w}x{h}"), screen);
            }
        }
    }
}

/// The statistics screen at 120×40 and 80×24, without colours: every bar carries its figure.
#[test]
fn statistics_screen() {
    let library = library();
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = App::new(&library, &ZH, w, h);
        app.look = Look {
            ascii: false,
            color: false,
            ..Look::default()
        };
        app.update(Action::Show(ScreenId::Stats));
        insta::assert_snapshot!(format!("stats_{w}x{h}"), draw(&app));
        app.update(Action::PageDown);
        insta::assert_snapshot!(format!("stats_page2_{w}x{h}"), draw(&app));
    }
}

/// What the wire backend writes, read back by a terminal emulator, is exactly the screen the app
/// drew: over a session of moves, searches, jumps, popups and a language switch, frame by frame,
/// at three sizes — every skipped move, reprinted cell, erased run and line feed lands right.
#[test]
fn the_wire_backend_draws_every_frame_exactly() {
    use casebook::tui::wire::Wire;
    use std::cell::RefCell;
    use std::io::Write;
    use std::rc::Rc;

    #[derive(Clone, Default)]
    struct Tape(Rc<RefCell<Vec<u8>>>);
    impl Write for Tape {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn emulated(screen: &vt100::Screen, width: u16, height: u16) -> String {
        let mut out = String::new();
        for row in 0..height {
            let mut line = String::new();
            let mut col = 0;
            while col < width {
                let cell = screen.cell(row, col).unwrap();
                let text = cell.contents();
                line.push_str(if text.is_empty() { " " } else { text });
                col += if cell.is_wide() { 2 } else { 1 };
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// Every cell's colours and attributes, as the app drew them and as the emulator shows them.
    fn styles_match(
        screen: &vt100::Screen,
        buffer: &ratatui::buffer::Buffer,
    ) -> Result<(), String> {
        use ratatui::style::{Color, Modifier};
        let colour = |c: Color| match c {
            Color::Reset => vt100::Color::Default,
            Color::Black => vt100::Color::Idx(0),
            Color::Red => vt100::Color::Idx(1),
            Color::Green => vt100::Color::Idx(2),
            Color::Yellow => vt100::Color::Idx(3),
            Color::Blue => vt100::Color::Idx(4),
            Color::Magenta => vt100::Color::Idx(5),
            Color::Cyan => vt100::Color::Idx(6),
            Color::Gray => vt100::Color::Idx(7),
            Color::DarkGray => vt100::Color::Idx(8),
            Color::LightRed => vt100::Color::Idx(9),
            Color::LightGreen => vt100::Color::Idx(10),
            Color::LightYellow => vt100::Color::Idx(11),
            Color::LightBlue => vt100::Color::Idx(12),
            Color::LightMagenta => vt100::Color::Idx(13),
            Color::LightCyan => vt100::Color::Idx(14),
            Color::White => vt100::Color::Idx(15),
            Color::Indexed(i) => vt100::Color::Idx(i),
            Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
        };
        let area = buffer.area;
        for y in 0..area.height {
            for x in 0..area.width {
                let want = &buffer[(x, y)];
                if want.symbol().is_empty() {
                    continue; // the second half of a wide character
                }
                let got = screen.cell(y, x).unwrap();
                // On a blank only what shows on a blank counts: a terminal blanks the other half
                // of a wide character it writes over in its own way, as ratatui allows for.
                let blank = want.symbol() == " ";
                let ink = got.bold() == want.modifier.contains(Modifier::BOLD)
                    && got.fgcolor() == colour(want.fg);
                let same = (blank || ink)
                    && got.inverse() == want.modifier.contains(Modifier::REVERSED)
                    && got.underline() == want.modifier.contains(Modifier::UNDERLINED)
                    && got.bgcolor() == colour(want.bg);
                if !same {
                    return Err(format!(
                        "cell ({x}, {y}) {:?}: {want:?} shown as {got:?}",
                        want.symbol()
                    ));
                }
            }
        }
        Ok(())
    }

    let library = library();
    let actions = [
        Action::Down,
        Action::Down,
        Action::Open,
        Action::PageDown,
        Action::Back,
        Action::StartSearch,
        Action::SearchInput('房'),
        Action::SearchInput('产'),
        Action::SearchOpen,
        Action::OpenNumbered(1),
        Action::Back,
        Action::Show(ScreenId::Help),
        Action::Show(ScreenId::Help),
        Action::SwitchLanguage,
        Action::Up,
        Action::Show(ScreenId::Stats),
        Action::PageDown,
        Action::Back,
        Action::ToggleFacets,
        Action::ToggleValue,
        Action::Down,
        Action::SwitchLanguage,
        Action::Show(ScreenId::Training),
        Action::Choose(0),
        Action::Open,
        Action::Back,
    ];
    for (w, h) in [(120, 40), (80, 24), (60, 20), (40, 12)] {
        let tape = Tape::default();
        let backend = Wire::with_size(tape.clone(), w, h).on_blank_screen();
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        let nz = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut parser = vt100::Parser::new(nz(h), nz(w), 0);
        let mut app = App::new(&library, &ZH, w, h);
        app.screens.training.fix(1, fixed_now);
        let mut frames = vec![None];
        frames.extend(actions.iter().cloned().map(Some));
        for (n, action) in frames.into_iter().enumerate() {
            if let Some(action) = action {
                app.update(action);
            }
            let completed = terminal.draw(|frame| app.view(frame)).unwrap();
            let buffer = completed.buffer.clone();
            parser.process(&tape.0.borrow_mut().split_off(0));
            if let Err(wrong) = styles_match(parser.screen(), &buffer) {
                panic!("{w}x{h}, frame {n}: {wrong}");
            }
            assert_eq!(
                emulated(parser.screen(), w, h),
                draw(&app),
                "{w}x{h}, frame {n}"
            );
        }
    }
}

/// Under `--ascii` (TERM=linux), none of the symbols a console lacks reaches the screen, the help
/// popup keeps its left border over a wide character, and at 40×12 the status bar keeps `?`.
#[test]
fn drawing_craft_at_the_edges() {
    let library = library();
    let ascii = Look {
        ascii: true,
        color: false,
        ..Look::default()
    };
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let mut app = App::new(&library, &ZH, w, h);
        app.look = ascii;
        assert!(app.open_case("nanning-fangduoduo"));
        for screen in [draw(&app), {
            app.update(Action::Show(ScreenId::Help));
            draw(&app)
        }] {
            for fancy in ["…", "·", "↳", "▶", "■", "–", "—", "→"] {
                assert!(!screen.contains(fancy), "{w}x{h}: {fancy}\n{screen}");
            }
        }
    }
    // The help popup at 120×40 over the facet pane: every row of it has its left border.
    let mut app = App::new(&library, &ZH, 120, 40);
    app.update(Action::Show(ScreenId::Help));
    let screen = draw(&app);
    let rows: Vec<&str> = screen.lines().skip(1).take(36).collect();
    assert!(
        rows.iter()
            .all(|r| r.contains('│') || r.contains('└') || r.contains('┌'))
    );
    // A 40-column browser still says where help is.
    let app = App::new(&library, &ZH, 40, 12);
    assert!(
        draw(&app).lines().last().unwrap().contains("? 帮助"),
        "{}",
        draw(&app)
    );
    // In the detail, the hints name the numbers that open its provisions.
    let mut app = App::new(&library, &ZH, 80, 24);
    app.open_case("nanning-fangduoduo");
    let status = draw(&app).lines().last().unwrap().to_string();
    assert!(status.contains("1–9 打开编号的条款"), "{status}");
}

/// The decision aid at 80×24 in both languages: opened on a case (its facts fill the form), then
/// with gains typed, and with a field that cannot be read.
#[test]
fn decision_aid_screens() {
    let library = library();
    for (catalog, lang) in [(&ZH, "zh"), (&casebook::msg::EN, "en")] {
        let mut app = App::new(&library, catalog, 80, 24);
        assert!(app.open_case("zhuji-xiangsheng"));
        app.update(Action::Show(ScreenId::Assess));
        insta::assert_snapshot!(format!("assess_from_case_{lang}_80x24"), draw(&app));
        for _ in 0..4 {
            app.update(Action::Down);
        }
        for c in "8000".chars() {
            app.update(Action::SearchInput(c));
        }
        insta::assert_snapshot!(format!("assess_gains_{lang}_80x24"), draw(&app));
        // The result has the keyboard, scrolled a page: its provisions are numbered for 1–9.
        app.update(Action::NextPane);
        app.update(Action::PageDown);
        insta::assert_snapshot!(format!("assess_result_{lang}_80x24"), draw(&app));
        app.update(Action::NextPane);
        app.update(Action::Down);
        app.update(Action::SearchClear);
        for c in "2013-01-01".chars() {
            app.update(Action::SearchInput(c));
        }
        insta::assert_snapshot!(format!("assess_refused_{lang}_80x24"), draw(&app));
    }
    let mut app = App::new(&library, &ZH, 100, 30);
    app.update(Action::Show(ScreenId::Assess));
    insta::assert_snapshot!("assess_new_100x30", draw(&app));
}

/// An exam at 80×24: the code typed, a question (no feedback after an answer), the result.
#[test]
fn exam_screens() {
    let library = library();
    let code = casebook::training::exam::Exam {
        seed: 42,
        count: 3,
        steps: Vec::new(),
    }
    .code();
    let mut app = App::new(&library, &ZH, 80, 24);
    app.update(Action::Show(ScreenId::Exam));
    for c in code.chars() {
        app.update(Action::SearchInput(c));
    }
    insta::assert_snapshot!("exam_code_80x24", draw(&app));
    app.update(Action::SearchOpen);
    app.update(Action::Digit(1));
    insta::assert_snapshot!("exam_question_80x24", draw(&app));
    app.update(Action::Digit(2));
    app.update(Action::YesNo(true));
    insta::assert_snapshot!("exam_result_80x24", draw(&app));
}

/// A notice (what was copied) takes the whole status line for its time: no hint runs into it.
#[test]
fn a_notice_takes_the_status_line() {
    let library = library();
    for (w, h) in SIZES {
        let mut app = App::new(&library, &ZH, w, h);
        assert!(app.open_case("nanning-fangduoduo"));
        app.update(Action::OpenNumbered(3)); // 消法 第五十六条
        app.update(Action::CopyCitation);
        let screen = draw(&app);
        let status = screen.lines().last().unwrap();
        assert!(
            status.trim_start().starts_with("已复制条款与全文："),
            "{w}x{h}: {status:?}"
        );
        assert!(
            !status.contains("Esc") && !status.contains("返回"),
            "{status:?}"
        );
        // The next key brings the hints back.
        app.update(Action::Down);
        let screen = draw(&app);
        assert!(screen.lines().last().unwrap().contains("Esc"), "{screen}");
    }
}
