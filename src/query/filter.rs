//! Facet filters: several values in one facet match any of them (OR); facets combine with AND.

use crate::library::{Case, Library, VocabKind};

/// The facets a case can be filtered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facet {
    Sector,
    Province,
    Violation,
    Penalty,
    Collection,
}

impl Facet {
    pub const ALL: [Facet; 5] = [
        Facet::Sector,
        Facet::Province,
        Facet::Violation,
        Facet::Penalty,
        Facet::Collection,
    ];

    /// The vocabulary the facet's values come from (collections have their own file).
    pub fn vocab(self) -> Option<VocabKind> {
        match self {
            Facet::Sector => Some(VocabKind::Sectors),
            Facet::Province => Some(VocabKind::Provinces),
            Facet::Violation => Some(VocabKind::Violations),
            Facet::Penalty => Some(VocabKind::Penalties),
            Facet::Collection => None,
        }
    }
}

/// The chosen values of each facet; an empty facet does not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub sectors: Vec<String>,
    pub provinces: Vec<String>,
    pub violations: Vec<String>,
    pub penalties: Vec<String>,
    pub collections: Vec<String>,
}

impl Filter {
    pub fn values(&self, facet: Facet) -> &[String] {
        match facet {
            Facet::Sector => &self.sectors,
            Facet::Province => &self.provinces,
            Facet::Violation => &self.violations,
            Facet::Penalty => &self.penalties,
            Facet::Collection => &self.collections,
        }
    }

    pub fn values_mut(&mut self, facet: Facet) -> &mut Vec<String> {
        match facet {
            Facet::Sector => &mut self.sectors,
            Facet::Province => &mut self.provinces,
            Facet::Violation => &mut self.violations,
            Facet::Penalty => &mut self.penalties,
            Facet::Collection => &mut self.collections,
        }
    }

    /// The chosen values as a reader reads them: vocabulary labels, a collection's title, in
    /// the interface language.
    pub fn chosen_labels(&self, m: &crate::msg::Catalog, library: &Library) -> Vec<String> {
        Facet::ALL
            .iter()
            .flat_map(|&facet| {
                self.values(facet)
                    .iter()
                    .map(move |key| match facet.vocab() {
                        Some(kind) => m.term(library, kind, key),
                        None => library
                            .collection(key)
                            .map_or(key.clone(), |c| m.collection_title(c)),
                    })
            })
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        Facet::ALL.iter().all(|f| self.values(*f).is_empty())
    }

    /// Whether a case passes every facet.
    pub fn matches(&self, library: &Library, case: &Case) -> bool {
        Facet::ALL.iter().all(|facet| {
            let chosen = self.values(*facet);
            chosen.is_empty() || chosen.iter().any(|v| has_value(library, case, *facet, v))
        })
    }

    /// The cases that pass, in library order.
    pub fn apply<'l>(&self, library: &'l Library) -> Vec<&'l Case> {
        library
            .cases
            .iter()
            .filter(|c| self.matches(library, c))
            .collect()
    }
}

/// Whether a case carries `value` in `facet`. A province also matches the units within it (the
/// Xinjiang Production and Construction Corps under Xinjiang), as `vocab.toml` records.
pub fn has_value(library: &Library, case: &Case, facet: Facet, value: &str) -> bool {
    match facet {
        Facet::Sector => case.sector.as_deref() == Some(value),
        Facet::Province => {
            case.place.province == value
                || library
                    .vocab
                    .term(VocabKind::Provinces, &case.place.province)
                    .and_then(|t| t.within.as_deref())
                    == Some(value)
        }
        Facet::Violation => case.violations.iter().any(|v| v == value),
        Facet::Penalty => case.penalty.iter().any(|p| p.kind == value),
        Facet::Collection => case.collection == value,
    }
}

/// Resolves what a user typed for a facet value — a key, a Chinese or English label, an alias, or
/// part of one: `浙江`, `zhejiang`, `real-estate`, `房产`, `中介`, `出售` — to the vocabulary key.
/// An exact name wins, then a unique start of one, then a unique part of one. `Err` lists the
/// values it could mean, or every value when it means none.
pub fn resolve(library: &Library, facet: Facet, typed: &str) -> Result<String, Vec<String>> {
    let choices: Vec<(String, Vec<String>)> = match facet.vocab() {
        Some(kind) => term_choices(library, kind),
        None => library
            .collections
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    vec![c.id.to_lowercase(), c.title.to_lowercase()],
                )
            })
            .collect(),
    };
    resolve_among(choices, typed)
}

/// [`resolve`] for any vocabulary, filter or not (the decision aid's data kinds).
pub fn resolve_term(
    library: &Library,
    kind: VocabKind,
    typed: &str,
) -> Result<String, Vec<String>> {
    resolve_among(term_choices(library, kind), typed)
}

fn term_choices(library: &Library, kind: VocabKind) -> Vec<(String, Vec<String>)> {
    library
        .vocab
        .terms(kind)
        .iter()
        .map(|t| (t.key.clone(), t.names().map(str::to_lowercase).collect()))
        .collect()
}

fn resolve_among(choices: Vec<(String, Vec<String>)>, typed: &str) -> Result<String, Vec<String>> {
    let typed = typed.trim().to_lowercase();
    let matching = |test: &dyn Fn(&str) -> bool| -> Vec<String> {
        choices
            .iter()
            .filter(|(_, names)| names.iter().any(|n| test(n)))
            .map(|(key, _)| key.clone())
            .collect()
    };
    if typed.is_empty() {
        return Err(choices.into_iter().map(|(key, _)| key).collect());
    }
    let exact = matching(&|n| n == typed);
    let prefixed = matching(&|n| n.starts_with(&typed));
    let within = matching(&|n| n.contains(&typed));
    for found in [exact, prefixed] {
        if let [key] = found.as_slice() {
            return Ok(key.clone());
        }
    }
    match within.as_slice() {
        [key] => Ok(key.clone()),
        // Ambiguous (`新疆`): offer just the values it could mean.
        [_, _, ..] => Err(within),
        [] => Err(choices.into_iter().map(|(key, _)| key).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{LoadOptions, load};

    #[test]
    fn values_by_key_label_alias_or_a_unique_part() {
        let library = load(&LoadOptions::default()).unwrap();
        let resolved = |facet, typed| resolve(&library, facet, typed);
        assert_eq!(
            resolved(Facet::Sector, "real-estate"),
            Ok("real-estate".into())
        );
        assert_eq!(
            resolved(Facet::Sector, "中介"),
            Ok("real-estate".into()),
            "an alias"
        );
        assert_eq!(
            resolved(Facet::Sector, "房产"),
            Ok("real-estate".into()),
            "a start"
        );
        assert_eq!(
            resolved(Facet::Violation, "出售"),
            Ok("leak-sell-provide".into()),
            "inside the label 泄露、出售或者非法向他人提供…"
        );
        assert_eq!(
            resolved(Facet::Violation, "未经同意或者请求"),
            Ok("unsolicited-messages".into())
        );
        assert_eq!(resolved(Facet::Province, "Zhejiang"), Ok("浙江省".into()));
        let ambiguous = resolved(Facet::Province, "新疆").unwrap_err();
        assert_eq!(ambiguous, ["新疆维吾尔自治区", "新疆生产建设兵团"]);
        assert!(
            resolved(Facet::Sector, "火星").unwrap_err().len() > 5,
            "every value"
        );
    }
}
