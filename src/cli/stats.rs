//! `casebook stats`: the 2019 campaign's figures and the library's own breakdown (on the facet
//! filters given), as text bars, Markdown tables or JSON.

use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::library::Library;
use crate::msg::fill;
use crate::stats::{self, Chart, Total};

use super::list::{FilterArgs, build_filter};
use super::m;

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Labels whole, however wide the terminal (a chart is otherwise fitted to it; piped output
    /// is never cut).
    #[arg(long)]
    pub wide: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// Bars of text, the figure and share after each.
    Text,
    /// A Markdown table per chart.
    Markdown,
    /// The totals and every chart, for other tools.
    Json,
}

#[derive(Serialize)]
struct Json<'a> {
    campaign_totals: &'a [Total],
    campaign_charts: &'a [Chart],
    library_cases: usize,
    library_charts: &'a [Chart],
}

pub fn run(library: &Library, args: &StatsArgs, ascii: bool) -> ExitCode {
    let filter = match build_filter(library, &args.filters) {
        Ok(filter) => filter,
        Err(code) => return code,
    };
    let cases: Vec<usize> = (0..library.cases.len())
        .filter(|&i| filter.matches(library, &library.cases[i]))
        .collect();
    let m = m();
    let (totals, campaign) = match &library.campaign {
        Some(c) => (stats::campaign_totals(m, c), stats::campaign_charts(m, c)),
        None => (Vec::new(), Vec::new()),
    };
    let own = stats::library_charts(m, library, &cases);
    let n = ("n", cases.len().to_string());
    let library_title = if filter.is_empty() {
        fill(m.stats_library_all, &[n])
    } else {
        let chosen = filter.chosen_labels(m, library).join(m.list_sep);
        fill(m.stats_library_filtered, &[n, ("filter", chosen)])
    };
    match args.format {
        StatsFormat::Json => super::print_json(&Json {
            campaign_totals: &totals,
            campaign_charts: &campaign,
            library_cases: cases.len(),
            library_charts: &own,
        }),
        StatsFormat::Text => {
            let full = if ascii { "#" } else { "█" };
            let fit = super::fit(args.wide);
            let mut out = String::new();
            if !totals.is_empty() {
                out.push_str(&format!("{}\n", m.stats_campaign));
                for total in &totals {
                    out.push_str(&format!("  {}{}{}\n", total.label, m.colon, total.shown));
                }
                for chart in &campaign {
                    out.push('\n');
                    out.push_str(&stats::chart_text(chart, fit, full));
                }
                out.push('\n');
            }
            out.push_str(&format!("{}\n", super::prose(&library_title, fit)));
            for chart in &own {
                out.push('\n');
                out.push_str(&stats::chart_text(chart, fit, full));
            }
            super::print(&crate::text::sanitize(&out))
        }
        StatsFormat::Markdown => {
            let mut out = String::new();
            if !totals.is_empty() {
                out.push_str(&format!("# {}\n\n", m.stats_campaign));
                for total in &totals {
                    out.push_str(&format!("- {}{}{}\n", total.label, m.colon, total.shown));
                }
                for chart in &campaign {
                    out.push_str(&markdown(chart));
                }
                out.push('\n');
            }
            out.push_str(&format!("# {library_title}\n"));
            for chart in &own {
                out.push_str(&markdown(chart));
            }
            super::print(&crate::text::sanitize(&out))
        }
    }
}

fn markdown(chart: &Chart) -> String {
    let cell = |text: &str| crate::text::sanitize_line(text).replace('|', "\\|");
    let mut out = format!("\n## {}\n\n| | |\n|---|---:|\n", cell(&chart.title));
    for bar in &chart.bars {
        out.push_str(&format!(
            "| {} | {} |\n",
            cell(&bar.label),
            cell(&bar.shown)
        ));
    }
    for note in &chart.notes {
        out.push_str(&format!("\n*{}*\n", cell(note)));
    }
    out
}
