//! `casebook assess`: the decision aid for a case in hand — the provisions breached on the
//! conduct's date, the penalty provision and its range, mitigation, criminal thresholds and
//! transfer, fines in practice and the closest precedents, and a text to paste. The same core
//! as the browser's `a` screen.

use std::process::ExitCode;

use clap::Args;

use super::m;
use crate::assess::{self, Draft, report};
use crate::library::Library;
use crate::query::search::Index;
use crate::text::sanitize;

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// What was done: a key, label or alias of the violations vocabulary (collect-without-consent,
    /// 出售, 推销短信, 商业性电话, 过度收集 …).
    #[arg(long, value_name = "CONDUCT")]
    pub conduct: Option<String>,
    /// The kinds of personal information, comma-separated (phone,name; 征信信息、交易记录): keys,
    /// labels or aliases of the data_kinds vocabulary.
    #[arg(long, value_name = "KIND[,KIND]")]
    pub data: Option<String>,
    /// The sector (for the precedents): a key, label or alias (房产, education …).
    #[arg(long, value_name = "SECTOR")]
    pub sector: Option<String>,
    /// How many records: 6000, 6,000 or 0.6万.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub records: Option<String>,
    /// Illegal gains in yuan (8000, ¥8,000, 5万), or `none` where there were none.
    #[arg(long, value_name = "YUAN|none", allow_hyphen_values = true)]
    pub gains: Option<String>,
    /// When the conduct took place (YYYY-MM-DD, YYYY-MM or YYYY); default today. The law of that
    /// day decides what was breached.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The information was obtained in performing duties or providing services (the criminal
    /// thresholds are halved).
    #[arg(long)]
    pub in_duty: bool,
    /// A first offence (行政处罚法 第三十三条: 初次违法).
    #[arg(long)]
    pub first_offence: bool,
    /// The breach was promptly corrected (行政处罚法 第三十三条: 及时改正).
    #[arg(long)]
    pub corrected: bool,
    /// Start from the facts of a case in the library; the other flags change what differs.
    #[arg(long, value_name = "ID")]
    pub from_case: Option<String>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = AssessFormat::Text)]
    pub format: AssessFormat,
    /// The same as --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AssessFormat {
    Text,
    Markdown,
    Json,
}

/// The facts the flags give, over those of `--from-case` where it is named (`None` after saying
/// why the case is not found).
fn draft(library: &Library, index: &Index, args: &AssessArgs) -> Option<Draft> {
    let mut draft = match &args.from_case {
        Some(wanted) => {
            let case = super::show::resolve(library, index, wanted)?;
            Draft::from_case(library, &library.cases[case])
        }
        None => Draft::default(),
    };
    let given = [
        (assess::Field::Conduct, &args.conduct),
        (assess::Field::Data, &args.data),
        (assess::Field::Sector, &args.sector),
        (assess::Field::Records, &args.records),
        (assess::Field::Gains, &args.gains),
        (assess::Field::Date, &args.date),
    ];
    for (field, value) in given {
        if let Some(value) = value {
            *draft.get_mut(field) = value.clone();
        }
    }
    draft.in_duty |= args.in_duty;
    draft.first_offence |= args.first_offence;
    draft.corrected |= args.corrected;
    Some(draft)
}

pub fn run(library: &Library, args: &AssessArgs) -> ExitCode {
    let index = Index::new(library);
    let Some(draft) = draft(library, &index, args) else {
        return ExitCode::from(1);
    };
    let facts = match draft.facts(library) {
        Ok(facts) => facts,
        Err(problems) => {
            for problem in problems {
                let message = m().msg(&problem.message);
                eprintln!(
                    "casebook: {}: {}",
                    problem.field.flag(),
                    crate::text::sanitize_line(message)
                );
            }
            return ExitCode::from(2);
        }
    };
    let assessment = assess::assess(library, &index, facts);
    let format = if args.json {
        AssessFormat::Json
    } else {
        args.format
    };
    match format {
        AssessFormat::Json => super::print_json(&assess::json::value(library, &assessment)),
        AssessFormat::Markdown => {
            let sections = report::sections(m(), library, &assessment);
            super::print(&sanitize(&report::markdown(m(), &sections)))
        }
        AssessFormat::Text => {
            let sections = report::sections(m(), library, &assessment);
            super::print(&sanitize(&report::plain(m(), &sections)))
        }
    }
}
