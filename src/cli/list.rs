//! `casebook list` and `casebook search`: the cases that pass the filters (and the search, ranked),
//! as an aligned table, Markdown, CSV or JSON.

use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::m;
use crate::library::{Case, Library};
use crate::msg::fill;
use crate::query::filter::{Facet, Filter, resolve};
use crate::query::search::{Index, Query};
use crate::sheet::listing;
use crate::table::CsvFor;
use crate::text::sanitize_line;

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub format: ListFormatArgs,
}

/// How a list of cases is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// An aligned table (Chinese text lines up).
    Table,
    /// A Markdown table.
    Markdown,
    /// CSV, UTF-8, with a header row.
    Csv,
    /// A JSON array of cases, with the case-file field names.
    Json,
    /// One citation a line, to paste into a report: the case, the authority and date, the
    /// provisions in their official form, the collection and the source.
    Citation,
}

/// `--format`, shared by `list` and `search`; `--json` is kept as its short form.
#[derive(Debug, Args)]
pub struct ListFormatArgs {
    /// The output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// The same as --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Every cell whole, however wide the terminal (a table is otherwise cut to fit it; piped
    /// output is never cut).
    #[arg(long)]
    pub wide: bool,
    /// CSV without the byte-order mark Excel needs to read UTF-8 (for scripts).
    #[arg(long)]
    pub no_bom: bool,
}

impl ListFormatArgs {
    fn chosen(&self) -> ListFormat {
        if self.json {
            ListFormat::Json
        } else {
            self.format
        }
    }
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find, all of them: Chinese, pinyin in full or by initials, English, ids
    /// ("房多多", "nanning", "fdd", "广西 房").
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub format: ListFormatArgs,
}

/// The facet filters shared by `list` and `search`.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Sector: a key of vocab.toml [sectors] or its label (real-estate, 房产租售, "Real estate…").
    #[arg(long, value_name = "KEY")]
    pub sector: Vec<String>,
    /// Province by its official name or English name (浙江省, 浙江, Zhejiang).
    #[arg(long, value_name = "NAME")]
    pub province: Vec<String>,
    /// Violation: a key of vocab.toml [violations] or its label.
    #[arg(long, value_name = "KEY")]
    pub violation: Vec<String>,
    /// Penalty kind: a key of vocab.toml [penalties] or its label.
    #[arg(long, value_name = "KEY")]
    pub penalty: Vec<String>,
    /// Collection: a key of collections.toml (samr-2019-pi).
    #[arg(long, value_name = "KEY")]
    pub collection: Vec<String>,
}

pub fn run(library: &Library, args: &ListArgs) -> ExitCode {
    match build_filter(library, &args.filters) {
        Ok(filter) => output(library, &filter.apply(library), &args.format),
        Err(code) => code,
    }
}

/// A word as a POSIX shell reads it back: in single quotes unless it is plain.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| !c.is_ascii() || c.is_ascii_alphanumeric() || "-_.,/".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

pub fn search(library: &Library, args: &SearchArgs) -> ExitCode {
    let filter = match build_filter(library, &args.filters) {
        Ok(filter) => filter,
        Err(code) => return code,
    };
    let query = Query::new(&args.query.join(" "));
    let index = Index::new(library);
    let (hits, _) = index.find(&query);
    let cases: Vec<&Case> = hits
        .into_iter()
        .map(|hit| &library.cases[hit.case])
        .filter(|case| filter.matches(library, case))
        .collect();
    if cases.is_empty() && args.format.chosen() != ListFormat::Json {
        // Say what was asked, so the user sees what to loosen.
        let mut asked = format!("\"{}\"", sanitize_line(query.as_str()));
        for (facet, keys) in Facet::ALL.iter().map(|&f| (f, filter.values(f))) {
            if !keys.is_empty() {
                asked.push_str(&format!(", {facet:?}: {}", keys.join("|")).to_lowercase());
            }
        }
        eprintln!("casebook: {} ({asked})", m().no_match);
        if !query.is_empty() {
            let known = crate::query::suggest::known_words(library);
            let offered = crate::query::suggest::suggest(library, &index, &known, query.as_str());
            let mut lines = offered.lines(m(), library);
            if !offered.provisions.is_empty() {
                let query = shell_word(&offered.provisions_for);
                lines.push(fill(m().suggest_statute_command, &[("query", query)]));
            }
            lines.push(fill(
                m().suggest_list_command,
                &[("n", offered.cases.to_string())],
            ));
            for line in lines {
                eprintln!("  {}", sanitize_line(&line));
            }
        }
        return ExitCode::from(1);
    }
    output(library, &cases, &args.format)
}

fn output(library: &Library, cases: &[&Case], args: &ListFormatArgs) -> ExitCode {
    match args.chosen() {
        ListFormat::Json => super::print_json(&cases),
        ListFormat::Table => {
            super::print(&listing::table(m(), library, cases, super::fit(args.wide)))
        }
        ListFormat::Markdown => super::print(&listing::markdown(m(), library, cases)),
        ListFormat::Citation => super::print(&listing::citations(m(), library, cases)),
        ListFormat::Csv => match listing::csv(m(), library, cases) {
            Ok(text) => super::print(&format!(
                "{}{text}",
                CsvFor::from_no_bom(args.no_bom).prefix()
            )),
            Err(error) => {
                let what = ("what", "CSV".to_string());
                let error = ("error", error.to_string());
                eprintln!(
                    "casebook: {}",
                    crate::msg::fill(m().cli_cannot_write, &[what, error])
                );
                ExitCode::from(1)
            }
        },
    }
}

/// The filter the flags ask for, or the usage error (exit 2) after saying which value is unknown.
pub(super) fn build_filter(library: &Library, args: &FilterArgs) -> Result<Filter, ExitCode> {
    filter_from(library, args).map_err(|message| {
        eprintln!("casebook: {message}");
        ExitCode::from(2)
    })
}

fn filter_from(library: &Library, args: &FilterArgs) -> Result<Filter, String> {
    let mut filter = Filter::default();
    let asked = [
        (Facet::Sector, &args.sector, "--sector"),
        (Facet::Province, &args.province, "--province"),
        (Facet::Violation, &args.violation, "--violation"),
        (Facet::Penalty, &args.penalty, "--penalty"),
        (Facet::Collection, &args.collection, "--collection"),
    ];
    for (facet, values, flag) in asked {
        for typed in values {
            let key = resolve(library, facet, typed).map_err(|choices| {
                crate::msg::fill(
                    m().cli_no_single_value,
                    &[
                        ("flag", flag.to_string()),
                        ("typed", sanitize_line(typed)),
                        ("choices", choices.join(", ")),
                    ],
                )
            })?;
            filter.values_mut(facet).push(key);
        }
    }
    Ok(filter)
}
