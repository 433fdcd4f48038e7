//! What leaves the browse screen: the user, to a case's numbered provisions and similar cases
//! or the statute view (answered as a place for the app to show), and copies of a case.

use std::rc::Rc;

use crate::query::similar::{Similar, similar};
use crate::tui::context::Context;
use crate::tui::types::{Action, Next, Pane, Place};

use super::Browse;

impl Browse<'_> {
    /// `e`: the case in the detail as Markdown; on the list (or the facets), the listed cases.
    pub(super) fn export(&self, ctx: &Context) -> Next {
        if self.focus == Pane::Detail
            && let Some(case) = self.current()
        {
            let sheet = crate::sheet::build(ctx.m, ctx.library, case, &self.similar());
            return Next::Export {
                stem: format!("casebook-{}", case.id),
                text: crate::sheet::markdown(ctx.m, &sheet),
            };
        }
        let cases: Vec<&crate::library::Case> = self
            .results
            .visible
            .iter()
            .map(|&i| &ctx.library.cases[i])
            .collect();
        let mut asked = super::bars::chosen_labels(ctx, &self.results.filter).join(ctx.m.list_sep);
        if self.search.is_kept() {
            asked.push_str(&format!(" /{}", self.search.query));
        }
        Next::Export {
            stem: "casebook-list".to_string(),
            text: crate::sheet::list_markdown(ctx.m, ctx.library, &cases, asked.trim()),
        }
    }

    /// `y`: the selected case's citation; `Y`: its whole sheet as Markdown.
    pub(super) fn copy(&self, ctx: &Context, action: &Action) -> Next {
        let Some(case) = self.current() else {
            return Next::Stay;
        };
        if *action == Action::CopySheet {
            let sheet = crate::sheet::build(ctx.m, ctx.library, case, &self.similar());
            let text = crate::sheet::markdown(ctx.m, &sheet);
            return Next::Copy {
                what: ctx.m.copied_sheet,
                text,
            };
        }
        Next::Copy {
            what: ctx.m.copied_citation,
            text: crate::sheet::citation(ctx.m, ctx.library, case),
        }
    }

    /// The place of the `n`th provision of the selected case (numbered from 1, as the sheet
    /// numbers them).
    fn provision(&self, ctx: &Context, n: usize) -> Option<Place> {
        let link = self.current()?.law.get(n.checked_sub(1)?)?;
        let statute = ctx
            .library
            .statutes
            .iter()
            .position(|s| s.id == link.statute)?;
        Some(Place::Statute { statute, scroll: 0 })
    }

    /// The cases most like the selected one, as its sheet lists them.
    pub fn similar(&self) -> Rc<[Similar]> {
        let Some(&at) = self.results.visible.get(self.selected) else {
            return Rc::from([]);
        };
        if let Some((case, found)) = &*self.similar.borrow()
            && *case == at
        {
            return Rc::clone(found);
        }
        let library = self.results.library;
        let found: Rc<[Similar]> = similar(
            library,
            &self.results.index,
            at,
            crate::sheet::SIMILAR_SHOWN,
        )
        .into();
        *self.similar.borrow_mut() = Some((at, Rc::clone(&found)));
        found
    }

    /// What the sheet's number `n` opens: one of the case's provisions, then its similar cases.
    pub(super) fn numbered(&self, ctx: &Context, n: usize) -> Option<Place> {
        let provisions = self.current()?.law.len();
        if n <= provisions {
            return self.provision(ctx, n);
        }
        let similar = self.similar();
        let found = similar.get(n - provisions - 1)?;
        Some(Place::Case {
            case: found.case,
            focus: Pane::Detail,
            scroll: 0,
        })
    }

    /// The case published as number `n`: among the cases in view first (an office's own list may
    /// number its cases too), else in the whole library.
    pub(super) fn published(&self, ctx: &Context, n: u64) -> Option<Place> {
        let at = crate::query::lookup::cases_at(ctx.library, &n.to_string());
        let case = at
            .iter()
            .copied()
            .find(|i| self.results.visible.contains(i))
            .or_else(|| at.first().copied())?;
        Some(Place::Case {
            case,
            focus: Pane::Detail,
            scroll: 0,
        })
    }

    /// `s`: the selected case's first provision; when the search found no case, the first
    /// provision it found instead (推销短信 → 消法第二十九条第三款); else the first of all.
    pub(super) fn statutes(&self, ctx: &Context) -> Next {
        let suggested = self.results.visible.is_empty().then(|| {
            let statute = *self.results.suggestions.provisions.first()?;
            Some(Place::Statute { statute, scroll: 0 })
        });
        let first = suggested
            .flatten()
            .or_else(|| self.provision(ctx, 1))
            .or_else(|| {
                let statute = *crate::law::reading_order(ctx.library).first()?;
                Some(Place::Statute { statute, scroll: 0 })
            });
        first.map_or(Next::Stay, Next::Go)
    }
}
