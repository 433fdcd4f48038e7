//! The statute view: every provision down the left, grouped by law with 2019 law first; the
//! chosen provision's sheet beside it (its text, range, cases, its status today and its relations).
//! A number opens the provision's numbered case; `n`/`N` step through the provisions; `/` searches
//! them (names and text, in characters or pinyin), keeping only the provisions that match.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::query::search::{Query, marks};
use crate::sheet;
use crate::tui::context::Context;
use crate::tui::layout::{self, inner};
use crate::tui::search_line::{self, SearchLine};
use crate::tui::sheet_view;
use crate::tui::theme;
use crate::tui::types::{Action, Next, Pane, Place, Scope};
use crate::tui::widgets::{cell, scrolled, status_line};

use super::Screen;

pub struct StatuteView {
    /// The provision shown (an index into `library.statutes`), and how far its text is scrolled.
    pub statute: usize,
    pub scroll: usize,
    /// Every provision in the order `n` steps through them: by law, 2019 first.
    pub order: Vec<usize>,
    pub search: SearchLine,
    query: Query,
    /// The provisions of `order` the search matches (all of them without one).
    pub matching: Vec<usize>,
}

impl StatuteView {
    pub fn new(library: &crate::library::Library) -> Self {
        let order = crate::law::reading_order(library);
        StatuteView {
            statute: 0,
            scroll: 0,
            matching: order.clone(),
            order,
            search: SearchLine::default(),
            query: Query::new(""),
        }
    }

    fn layout(&self, ctx: &Context) -> layout::StatuteLayout {
        let searching = self.search.typing || self.search.is_kept();
        layout::statute(ctx.width, ctx.height, searching)
    }

    /// Applies the search to the provisions; a provision the search leaves out gives way to the
    /// first one it keeps.
    fn refresh(&mut self, ctx: &Context) {
        self.query = Query::new(&self.search.query);
        let words = crate::law::find::Words::new(ctx.library, &self.search.query);
        self.matching = self
            .order
            .iter()
            .copied()
            .filter(|&i| words.match_in(ctx.library, &ctx.library.statutes[i]))
            .collect();
        if !self.matching.contains(&self.statute)
            && let Some(&first) = self.matching.first()
        {
            self.statute = first;
            self.scroll = 0;
        }
    }

    /// The provision's sheet in lines at the text pane's width.
    fn lines(&self, ctx: &Context) -> Vec<Line<'static>> {
        let Some(statute) = ctx.library.statutes.get(self.statute) else {
            return Vec::new();
        };
        let width = inner(self.layout(ctx).text).width as usize;
        let sheet = sheet::statute(ctx.m, ctx.library, statute);
        sheet_view::lay_out(ctx, &sheet, width, &|text| marks(text, &self.query)).lines
    }

    /// How far the provision's text can scroll.
    pub fn max_scroll(&self, ctx: &Context) -> usize {
        let height = inner(self.layout(ctx).text).height as usize;
        self.lines(ctx).len().saturating_sub(height)
    }

    fn scroll_by(&mut self, ctx: &Context, delta: isize) {
        let max = self.max_scroll(ctx) as isize;
        self.scroll = (self.scroll as isize + delta).clamp(0, max) as usize;
    }

    fn page(&self, ctx: &Context) -> usize {
        inner(self.layout(ctx).text).height as usize
    }

    /// The next or previous provision the search keeps, in the view's order.
    fn step(&mut self, delta: isize) {
        let shown = &self.matching;
        // A search that keeps nothing leaves nothing to step to (and no range to clamp into).
        if shown.is_empty() {
            return;
        }
        let at = shown.iter().position(|&s| s == self.statute).unwrap_or(0) as isize;
        let next = (at + delta).clamp(0, shown.len() as isize - 1) as usize;
        if let Some(&statute) = shown.get(next) {
            self.statute = statute;
            self.scroll = 0;
        }
    }

    /// The `n`th case linked to the provision (those its source cites first, as the sheet
    /// numbers them).
    fn case(&self, ctx: &Context, n: usize) -> Option<Place> {
        let id = &ctx.library.statutes.get(self.statute)?.id;
        let linked = crate::law::linked_cases(ctx.library, id);
        // The sheet numbers the first 20 of each list; a key reaches 9, within them.
        let &case = linked
            .stated
            .iter()
            .chain(&linked.governing)
            .nth(n.checked_sub(1)?)?;
        Some(Place::Case {
            case,
            focus: Pane::Detail,
            scroll: 0,
        })
    }

    /// The list's lines: a heading per law, then its provisions (the chosen one marked), each with
    /// the provision it stands for.
    fn list_rows(&self, ctx: &Context, width: usize) -> Vec<(Option<usize>, Line<'static>)> {
        let mut rows = Vec::new();
        // A heading per law and version: the short name says which (网络安全法（2016年文本）).
        let mut law = "";
        for &i in &self.matching {
            let statute = &ctx.library.statutes[i];
            let name = match ctx.m.lang {
                crate::msg::Lang::Zh => statute.short.as_deref(),
                crate::msg::Lang::En => statute.short_en.as_deref(),
            }
            .unwrap_or_else(|| ctx.m.law_name(statute));
            if name != law {
                law = name;
                let heading = name.to_string();
                rows.push((
                    None,
                    Line::from(cell(&heading, width, theme::heading(ctx.look))),
                ));
            }
            let chosen = i == self.statute;
            let marker = if chosen {
                theme::marker(ctx.look)
            } else {
                "  "
            };
            let style = if chosen {
                theme::selected(ctx.look)
            } else {
                Style::new()
            };
            // A provision not in force today says so beside its number (网络安全法 has two
            // versions whose numbers overlap).
            let status = crate::law::status_on(statute, ctx.library.today());
            let article = ctx.m.article(&statute.article);
            let text = match crate::sheet::status_short(ctx.m, status) {
                Some(short) => format!("{marker}{article} · {short}"),
                None => format!("{marker}{article}"),
            };
            rows.push((
                Some(i),
                Line::from(vec![cell(&text, width, style), Span::raw("")]),
            ));
        }
        rows
    }

    fn view_list(&self, ctx: &Context, frame: &mut Frame, area: ratatui::layout::Rect) {
        let block = Block::bordered()
            .border_set(theme::border(ctx.look))
            .title(format!(" {} ", ctx.m.pane_statutes));
        let body = inner(area);
        frame.render_widget(block, area);
        let rows = self.list_rows(ctx, body.width as usize);
        // Keep the chosen provision in sight.
        let at = rows
            .iter()
            .position(|(i, _)| *i == Some(self.statute))
            .unwrap_or(0);
        let height = body.height as usize;
        let offset = at.saturating_sub(height.saturating_sub(1));
        let lines: Vec<Line> = rows
            .into_iter()
            .skip(offset)
            .take(height)
            .map(|(_, line)| line)
            .collect();
        frame.render_widget(Paragraph::new(lines), body);
    }
}

impl StatuteView {
    /// Keys while the search box has the keyboard: editing narrows the provisions at once (there
    /// are few), ↑/↓ choose among them, Enter and Esc leave the box with the words kept.
    fn update_search(&mut self, ctx: &Context, action: Action) -> Next {
        if let Some(changed) = self.search.apply(&action) {
            if changed {
                self.refresh(ctx);
            }
            return Next::Stay;
        }
        match action {
            Action::SearchOpen | Action::SearchLeave => self.search.leave(),
            Action::Down => self.step(1),
            Action::Up => self.step(-1),
            Action::Resize(..) => self.scroll_by(ctx, 0),
            _ => {}
        }
        Next::Stay
    }
}

impl<'l> Screen<'l> for StatuteView {
    fn scope(&self) -> Scope {
        if self.search.typing {
            Scope::Search
        } else {
            Scope::Statute
        }
    }

    fn update(&mut self, ctx: &Context<'l>, action: Action) -> Next {
        if self.search.typing {
            return self.update_search(ctx, action);
        }
        if let Some(delta) = action.scroll_delta(self.page(ctx)) {
            self.scroll_by(ctx, delta);
        }
        match action {
            Action::StartSearch => self.search.start(),
            Action::Back if self.search.is_kept() => {
                self.search.clear();
                self.refresh(ctx);
            }
            Action::Resize(..) => self.scroll_by(ctx, 0),
            Action::CopyCitation => {
                if let Some(statute) = ctx.library.statutes.get(self.statute) {
                    // The official form (in English with the Chinese after it), then the text.
                    let official = statute.official(&statute.article);
                    let cited = match ctx.m.lang {
                        crate::msg::Lang::Zh => official,
                        crate::msg::Lang::En => {
                            format!("{} ({official})", statute.official_en(&statute.article))
                        }
                    };
                    let text = format!("{cited}\n{}", statute.text);
                    return Next::Copy {
                        what: ctx.m.copied_provision,
                        text,
                    };
                }
            }
            Action::NextProvision => self.step(1),
            Action::PrevProvision => self.step(-1),
            Action::OpenNumbered(n) => {
                return self.case(ctx, n as usize).map_or(Next::Stay, Next::Go);
            }
            Action::Back => return Next::Close,
            _ => {}
        }
        Next::Stay
    }

    fn claims_back(&self) -> bool {
        self.search.is_kept()
    }

    fn view(&self, ctx: &Context<'l>, frame: &mut Frame) {
        let layout = self.layout(ctx);
        if let Some(area) = layout.search {
            search_line::view(ctx, &self.search, ctx.m.key_search_statutes, frame, area);
        }
        let Some(statute) = ctx.library.statutes.get(self.statute) else {
            return;
        };
        if let Some(area) = layout.list {
            self.view_list(ctx, frame, area);
        }
        // A search that keeps nothing shows no provision, and says so.
        if self.matching.is_empty() {
            let block = Block::bordered()
                .border_set(theme::border(ctx.look))
                .border_style(theme::focused_border(ctx.look));
            let query = crate::text::sanitize_line(&self.search.query);
            let message = crate::msg::fill(ctx.m.statute_none, &[("query", query)]);
            frame.render_widget(
                Paragraph::new(message)
                    .wrap(ratatui::widgets::Wrap { trim: false })
                    .block(block),
                layout.text,
            );
            let left = format!("{} 0 / 0", ctx.m.pane_statutes);
            status_line(ctx, frame, layout.status, &left, None, None);
            return;
        }
        let block = Block::bordered()
            .border_set(theme::border(ctx.look))
            .border_style(theme::focused_border(ctx.look))
            .title(format!(" {} ", ctx.m.cite(statute)));
        scrolled(frame, layout.text, block, self.lines(ctx), self.scroll);
        // Which provision of how many (of those the search keeps).
        let at = self.matching.iter().position(|&s| s == self.statute);
        let left = format!(
            "{} {} / {}",
            ctx.m.pane_statutes,
            at.map_or(0, |a| a + 1),
            self.matching.len()
        );
        status_line(ctx, frame, layout.status, &left, None, None);
    }

    fn place(&self) -> Option<Place> {
        Some(Place::Statute {
            statute: self.statute,
            scroll: self.scroll,
        })
    }

    fn show(&mut self, _ctx: &Context<'l>, place: Place) {
        if let Place::Statute { statute, scroll } = place {
            self.statute = statute;
            self.scroll = scroll;
        }
    }
}
