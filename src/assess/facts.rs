//! The facts of a case in hand, as an officer enters them — on the command line or in the
//! browser's form, the same words either way — and their checking: every field is read from
//! text by one function here, and a refusal names the field and says why.

use crate::amount;
use crate::library::{Case, Library, Msg, PartialDate, VocabKind};
use crate::query::filter::resolve_term;

/// The fields of the form, in its order; a problem names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Conduct,
    Data,
    Sector,
    Records,
    Gains,
    Date,
}

impl Field {
    pub const ALL: [Field; 6] = [
        Field::Conduct,
        Field::Data,
        Field::Sector,
        Field::Records,
        Field::Gains,
        Field::Date,
    ];

    /// The command-line flag that sets the field.
    pub fn flag(self) -> &'static str {
        match self {
            Field::Conduct => "--conduct",
            Field::Data => "--data",
            Field::Sector => "--sector",
            Field::Records => "--records",
            Field::Gains => "--gains",
            Field::Date => "--date",
        }
    }
}

/// One field that cannot be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: Field,
    pub message: Msg,
}

/// Illegal gains as entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gains {
    /// Not entered: the range is given both ways.
    NotStated,
    /// There were none (entered as `none`, `无` or 0): 没有违法所得的.
    None,
    Yuan(u64),
}

/// The facts, read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// A key of the `violations` vocabulary.
    pub conduct: String,
    /// Keys of the `data_kinds` vocabulary.
    pub data: Vec<String>,
    /// A key of the `sectors` vocabulary.
    pub sector: Option<String>,
    pub records: Option<u64>,
    pub gains: Gains,
    /// When the conduct took place: the law of that day decides what was breached.
    pub date: PartialDate,
    /// The information was obtained in performing duties or providing services.
    pub in_duty: bool,
    /// A first offence (初次违法).
    pub first_offence: bool,
    /// The breach was promptly corrected (及时改正).
    pub corrected: bool,
    /// The case whose facts the form started from: left out of its own precedents.
    pub from_case: Option<String>,
}

/// The facts as typed, one string per field, and the three yes/no facts: what the form edits and
/// what the command line's flags fill.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub conduct: String,
    pub data: String,
    pub sector: String,
    pub records: String,
    pub gains: String,
    pub date: String,
    pub in_duty: bool,
    pub first_offence: bool,
    pub corrected: bool,
    pub from_case: Option<String>,
}

impl Draft {
    /// The text of one field.
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::Conduct => &self.conduct,
            Field::Data => &self.data,
            Field::Sector => &self.sector,
            Field::Records => &self.records,
            Field::Gains => &self.gains,
            Field::Date => &self.date,
        }
    }

    pub fn get_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::Conduct => &mut self.conduct,
            Field::Data => &mut self.data,
            Field::Sector => &mut self.sector,
            Field::Records => &mut self.records,
            Field::Gains => &mut self.gains,
            Field::Date => &mut self.date,
        }
    }

    /// The facts of a case in the library, for an officer to change what differs in the case in
    /// hand: its first violation, its data kinds, sector, records, gains, and its first date.
    pub fn from_case(library: &Library, case: &Case) -> Draft {
        let data: Vec<&str> = crate::query::search::case_data_kinds(library, case)
            .map(|t| t.key.as_str())
            .collect();
        let date = crate::law::case_dates(library, case)
            .into_iter()
            .map(|(_, d)| d)
            .next();
        Draft {
            conduct: case
                .violations
                .first()
                .cloned()
                .unwrap_or_default()
                .to_string(),
            data: data.join(", "),
            sector: case.sector.clone().unwrap_or_default().to_string(),
            records: case.records.map(|n| n.to_string()).unwrap_or_default(),
            gains: match case.illegal_gains_yuan {
                Some(0) => "none".to_string(),
                Some(g) => g.to_string(),
                None => String::new(),
            },
            date: date.map(|d| d.to_string()).unwrap_or_default(),
            in_duty: false,
            first_offence: false,
            corrected: false,
            from_case: Some(case.id.to_string()),
        }
    }

    /// Reads every field; every field that cannot be read is reported, in the form's order.
    pub fn facts(&self, library: &Library) -> Result<Facts, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut read = |field: Field, result: Result<(), Msg>| {
            if let Err(message) = result {
                problems.push(Problem { field, message });
            }
        };
        let mut facts = Facts {
            conduct: String::new(),
            data: Vec::new(),
            sector: None,
            records: None,
            gains: Gains::NotStated,
            date: library.today(),
            in_duty: self.in_duty,
            first_offence: self.first_offence,
            corrected: self.corrected,
            from_case: self.from_case.clone(),
        };
        read(
            Field::Conduct,
            conduct(library, &self.conduct).map(|c| facts.conduct = c),
        );
        read(
            Field::Data,
            data(library, &self.data).map(|d| facts.data = d),
        );
        read(
            Field::Sector,
            sector(library, &self.sector).map(|s| facts.sector = s),
        );
        read(
            Field::Records,
            records(&self.records).map(|r| facts.records = r),
        );
        read(Field::Gains, gains(&self.gains).map(|g| facts.gains = g));
        read(
            Field::Date,
            date(library, &self.date).map(|d| facts.date = d),
        );
        if problems.is_empty() {
            Ok(facts)
        } else {
            Err(problems)
        }
    }
}

/// The conduct: a key, label or alias of the `violations` vocabulary, or a unique part of one.
pub fn conduct(library: &Library, typed: &str) -> Result<String, Msg> {
    if typed.trim().is_empty() {
        return Err(Msg::new(
            format!(
                "say what was done: {}",
                choices(library, VocabKind::Violations)
            ),
            format!("请说明行为：{}", choices(library, VocabKind::Violations)),
        ));
    }
    term(library, VocabKind::Violations, typed)
}

/// The data kinds, separated by commas, 、 or spaces; none is allowed (the thresholds then
/// depend on the kind).
pub fn data(library: &Library, typed: &str) -> Result<Vec<String>, Msg> {
    let mut keys: Vec<String> = Vec::new();
    for word in typed
        .split([',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        let key = term(library, VocabKind::DataKinds, word)?;
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    Ok(keys)
}

/// The sector, if given.
pub fn sector(library: &Library, typed: &str) -> Result<Option<String>, Msg> {
    if typed.trim().is_empty() {
        return Ok(None);
    }
    term(library, VocabKind::Sectors, typed).map(Some)
}

/// The number of records, if given.
pub fn records(typed: &str) -> Result<Option<u64>, Msg> {
    if typed.trim().is_empty() {
        return Ok(None);
    }
    amount::parse(typed).map(Some)
}

/// Illegal gains: empty (not entered), `none`/`无`/`没有`/0 (there were none), or an amount.
pub fn gains(typed: &str) -> Result<Gains, Msg> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(Gains::NotStated);
    }
    if ["none", "no", "无", "没有"].contains(&typed.to_lowercase().as_str()) {
        return Ok(Gains::None);
    }
    match amount::parse(typed)? {
        0 => Ok(Gains::None),
        yuan => Ok(Gains::Yuan(yuan)),
    }
}

/// The conduct's date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; empty is today. Refused before the
/// first day any provision of the library forbade such conduct (消法 2013 年修正, in force
/// 2014-03-15), and after today.
pub fn date(library: &Library, typed: &str) -> Result<PartialDate, Msg> {
    let today = library.today();
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(today);
    }
    let date = PartialDate::parse(typed)?;
    if let Some(first) = first_forbidding_day(library)
        && date.certainly_before(&first)
    {
        return Err(Msg::new(
            format!(
                "{date} is before {first}, the day the first provision this library holds against such conduct came into force"
            ),
            format!("{date} 早于 {first}：本库收录的禁止此类行为的规定，最早自该日起施行"),
        ));
    }
    if today.certainly_before(&date) {
        return Err(Msg::new(
            format!("{date} is after today ({today})"),
            format!("{date} 晚于今天（{today}）"),
        ));
    }
    Ok(date)
}

/// The earliest in-force day of any provision that forbids a kind of conduct.
pub fn first_forbidding_day(library: &Library) -> Option<PartialDate> {
    library
        .statutes
        .iter()
        .filter(|s| !s.forbids.is_empty())
        .filter_map(|s| s.in_force)
        .min_by_key(|d| d.earliest())
}

/// A vocabulary term by what was typed; refused with the values it could mean.
fn term(library: &Library, kind: VocabKind, typed: &str) -> Result<String, Msg> {
    resolve_term(library, kind, typed).map_err(|could| {
        let all = could.len() == library.vocab.terms(kind).len();
        let listed = could.join(", ");
        let typed = crate::text::sanitize_line(typed.trim());
        if all {
            Msg::new(
                format!("\"{typed}\" is none of: {listed}"),
                format!("\"{typed}\" 不在可选值中：{listed}"),
            )
        } else {
            Msg::new(
                format!("\"{typed}\" could be: {listed}"),
                format!("\"{typed}\" 可能是：{listed}"),
            )
        }
    })
}

fn choices(library: &Library, kind: VocabKind) -> String {
    library
        .vocab
        .terms(kind)
        .iter()
        .map(|t| t.key.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
