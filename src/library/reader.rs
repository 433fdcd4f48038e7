//! Reads fields out of a parsed TOML table and reports every problem with its position.
//!
//! serde stops at the first error; a library author wants them all in one run, so each table is
//! walked by hand: every field that is read is marked, and whatever is left over is an unknown
//! field (a typo must not pass silently).

use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::date::PartialDate;
use super::diag::{Msg, Sink};
use crate::text::forbidden_char;

pub type Value<'i> = Spanned<DeValue<'i>>;

/// Longest text a single field may hold: a case summary is a few thousand characters, so this only
/// stops absurd input from reaching the screen.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;
/// The most lines one text may have: a statute's full text has a few dozen.
pub const MAX_TEXT_LINES: usize = 1000;

/// A table being read, with the keys read so far.
pub struct Fields<'a, 'i> {
    table: &'a DeTable<'i>,
    span: Range<usize>,
    /// How the table is named in messages, e.g. `[party]` or `[[law]] #2`.
    context: String,
    used: HashSet<&'a str>,
}

impl<'a, 'i> Fields<'a, 'i> {
    pub fn new(table: &'a DeTable<'i>, span: Range<usize>, context: impl Into<String>) -> Self {
        Fields {
            table,
            span,
            context: context.into(),
            used: HashSet::new(),
        }
    }

    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// Every key of the table, in file order, with its value; marks them all as read.
    pub fn entries(&mut self) -> Vec<(Spanned<&'a str>, &'a Value<'i>)> {
        self.table
            .iter()
            .map(|(key, value)| {
                self.used.insert(key.get_ref().as_ref());
                (Spanned::new(key.span(), key.get_ref().as_ref()), value)
            })
            .collect()
    }

    /// Whether the key is written at all (valid or not).
    pub fn has(&self, key: &str) -> bool {
        self.table.contains_key(key)
    }

    fn take(&mut self, key: &'static str) -> Option<&'a Value<'i>> {
        let value = self.table.get(key)?;
        self.used.insert(key);
        Some(value)
    }

    /// The field, and the table it is in: "`key` in [party]" / "[party] 中的 `key`".
    fn where_(&self, key: &str) -> Msg {
        if self.context.is_empty() {
            Msg::new(format!("`{key}`"), format!("`{key}`"))
        } else {
            Msg::new(
                format!("`{key}` in {}", self.context),
                format!("{} 中的 `{key}`", self.context),
            )
        }
    }

    fn missing(&self, sink: &mut Sink, key: &str) {
        let w = self.where_(key);
        let message = Msg::new(
            format!("missing required field {}", w.en),
            format!("缺少必填字段 {}", w.zh),
        );
        sink.at(self.span.clone(), message);
    }

    fn wrong_type(&self, sink: &mut Sink, key: &str, value: &Value, expected: (&str, &str)) {
        let (w, found) = (self.where_(key), value.get_ref().type_str());
        let message = Msg::new(
            format!("{} must be {}, found {found}", w.en, expected.0),
            format!("{} 应为{}，实为 {found}", w.zh, expected.1),
        );
        sink.at(value.span(), message);
    }

    /// A required text field.
    pub fn req_str(&mut self, sink: &mut Sink, key: &'static str) -> Option<Spanned<String>> {
        match self.take(key) {
            None => {
                self.missing(sink, key);
                None
            }
            Some(value) => {
                let text = self.string(sink, key, value)?;
                if text.get_ref().trim().is_empty() {
                    let w = self.where_(key);
                    let message = Msg::new(
                        format!("{} must not be empty", w.en),
                        format!("{} 不能为空", w.zh),
                    );
                    sink.at(text.span(), message);
                    return None;
                }
                Some(text)
            }
        }
    }

    /// An optional text field; `None` when absent or invalid (invalid is reported).
    pub fn opt_str(&mut self, sink: &mut Sink, key: &'static str) -> Option<Spanned<String>> {
        let value = self.take(key)?;
        self.string(sink, key, value)
    }

    fn string(&self, sink: &mut Sink, key: &str, value: &Value) -> Option<Spanned<String>> {
        match value.get_ref().as_str() {
            Some(text) => checked_text(sink, || self.where_(key), text, value.span()),
            None => {
                self.wrong_type(sink, key, value, ("a string", "字符串"));
                None
            }
        }
    }

    /// An optional `true` or `false`; `None` when absent or invalid (invalid is reported).
    pub fn opt_bool(&mut self, sink: &mut Sink, key: &'static str) -> Option<bool> {
        let value = self.take(key)?;
        let flag = value.get_ref().as_bool();
        if flag.is_none() {
            self.wrong_type(sink, key, value, ("true or false", "true 或 false"));
        }
        flag
    }

    /// A required non-negative whole number.
    pub fn req_u64(&mut self, sink: &mut Sink, key: &'static str) -> Option<u64> {
        if !self.table.contains_key(key) {
            self.missing(sink, key);
            return None;
        }
        self.opt_u64(sink, key)
    }

    /// An optional non-negative whole number.
    pub fn opt_u64(&mut self, sink: &mut Sink, key: &'static str) -> Option<u64> {
        let value = self.take(key)?;
        let Some(integer) = value.get_ref().as_integer() else {
            self.wrong_type(sink, key, value, ("a whole number", "非负整数"));
            return None;
        };
        let digits = integer.as_str();
        if digits.starts_with('-') {
            let w = self.where_(key);
            let message = Msg::new(
                format!("{} must not be negative (found {digits})", w.en),
                format!("{} 不能为负数（实为 {digits}）", w.zh),
            );
            sink.at(value.span(), message);
            return None;
        }
        match u64::from_str_radix(digits.trim_start_matches('+'), integer.radix()) {
            Ok(number) => Some(number),
            Err(_) => {
                let w = self.where_(key);
                let message = Msg::new(
                    format!("{} is too large (found {digits})", w.en),
                    format!("{} 太大（实为 {digits}）", w.zh),
                );
                sink.at(value.span(), message);
                None
            }
        }
    }

    /// A required date written `"YYYY"`, `"YYYY-MM"` or `"YYYY-MM-DD"` (a bare TOML date works too).
    pub fn req_date(&mut self, sink: &mut Sink, key: &'static str) -> Option<Spanned<PartialDate>> {
        if !self.table.contains_key(key) {
            self.missing(sink, key);
            return None;
        }
        self.opt_date(sink, key)
    }

    /// An optional date; see [`Fields::req_date`].
    pub fn opt_date(&mut self, sink: &mut Sink, key: &'static str) -> Option<Spanned<PartialDate>> {
        let value = self.take(key)?;
        let text = match value.get_ref() {
            DeValue::String(text) => text.to_string(),
            DeValue::Datetime(datetime) if datetime.time.is_none() && datetime.offset.is_none() => {
                datetime.to_string()
            }
            _ => {
                self.wrong_type(
                    sink,
                    key,
                    value,
                    (
                        "a date string like \"2019-05-24\"",
                        "日期字符串，如 \"2019-05-24\"",
                    ),
                );
                return None;
            }
        };
        match PartialDate::parse(&text) {
            Ok(date) => Some(Spanned::new(value.span(), date)),
            Err(why) => {
                let w = self.where_(key);
                let message = Msg::new(
                    format!("{}: {}", w.en, why.en),
                    format!("{}：{}", w.zh, why.zh),
                );
                sink.at(value.span(), message);
                None
            }
        }
    }

    /// An optional list of strings; absent is `None`, so "not stated" and "none" stay distinct.
    pub fn opt_str_list(
        &mut self,
        sink: &mut Sink,
        key: &'static str,
    ) -> Option<Vec<Spanned<String>>> {
        let value = self.take(key)?;
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_type(sink, key, value, ("a list of strings", "字符串列表"));
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref().as_str() {
                Some(text) => {
                    out.extend(checked_text(sink, || self.where_(key), text, item.span()));
                }
                None => self.wrong_type(sink, key, item, ("a list of strings", "字符串列表")),
            }
        }
        Some(out)
    }

    /// An optional list of whole numbers.
    pub fn opt_u64_list(&mut self, sink: &mut Sink, key: &'static str) -> Option<Vec<u64>> {
        let value = self.take(key)?;
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_type(sink, key, value, ("a list of whole numbers", "整数列表"));
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            let number = item
                .get_ref()
                .as_integer()
                .and_then(|i| u64::from_str_radix(i.as_str(), i.radix()).ok());
            match number {
                Some(number) => out.push(number),
                None => self.wrong_type(
                    sink,
                    key,
                    item,
                    ("a list of non-negative whole numbers", "非负整数列表"),
                ),
            }
        }
        Some(out)
    }

    /// A required sub-table such as `[party]`.
    pub fn req_table(&mut self, sink: &mut Sink, key: &'static str) -> Option<Fields<'a, 'i>> {
        if !self.table.contains_key(key) {
            self.missing(sink, key);
            return None;
        }
        self.opt_table(sink, key)
    }

    /// An optional sub-table.
    pub fn opt_table(&mut self, sink: &mut Sink, key: &'static str) -> Option<Fields<'a, 'i>> {
        let value = self.take(key)?;
        match value.get_ref().as_table() {
            Some(table) => Some(Fields::new(table, value.span(), format!("[{key}]"))),
            None => {
                self.wrong_type(sink, key, value, ("a table", "表"));
                None
            }
        }
    }

    /// An array of tables such as `[[law]]`; absent is an empty list.
    pub fn tables(&mut self, sink: &mut Sink, key: &'static str) -> Vec<Fields<'a, 'i>> {
        let Some(value) = self.take(key) else {
            return Vec::new();
        };
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_type(
                sink,
                key,
                value,
                ("an array of tables ([[…]])", "表数组（[[…]]）"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (index, item) in items.iter().enumerate() {
            match item.get_ref().as_table() {
                Some(table) => out.push(Fields::new(
                    table,
                    item.span(),
                    format!("[[{key}]] #{}", index + 1),
                )),
                None => self.wrong_type(sink, key, item, ("a table", "表")),
            }
        }
        out
    }

    /// Reports every key that no reader asked for.
    pub fn finish(self, sink: &mut Sink) {
        for key in self.table.keys() {
            let name = key.get_ref().as_ref();
            if !self.used.contains(name) {
                let w = self.where_(name);
                let message = Msg::new(
                    format!("unknown field {}", w.en),
                    format!("未知字段 {}", w.zh),
                );
                sink.at(key.span(), message);
            }
        }
    }
}

/// Checks a text value for control characters and size; returns it when it is fit to show.
pub fn checked_text(
    sink: &mut Sink,
    what: impl FnOnce() -> Msg,
    text: &str,
    span: Range<usize>,
) -> Option<Spanned<String>> {
    // `what` is only made for a message: formatting it for every field read was a tenth of
    // loading a large library.
    if let Some(bad) = forbidden_char(text) {
        let what = what();
        let bad = bad.escape_unicode();
        let message = Msg::new(
            format!("{} contains the control character {bad}", what.en),
            format!("{} 含有控制字符 {bad}", what.zh),
        );
        sink.at(span, message);
        return None;
    }
    if text.len() > MAX_TEXT_BYTES {
        let what = what();
        let n = text.len();
        let message = Msg::new(
            format!(
                "{} is {n} bytes long; the limit is {MAX_TEXT_BYTES}",
                what.en
            ),
            format!("{} 长 {n} 字节，上限为 {MAX_TEXT_BYTES}", what.zh),
        );
        sink.at(span, message);
        return None;
    }
    let lines = text.lines().count();
    if lines > MAX_TEXT_LINES {
        let what = what();
        let message = Msg::new(
            format!(
                "{} has {lines} lines; the limit is {MAX_TEXT_LINES}",
                what.en
            ),
            format!("{} 有 {lines} 行，上限为 {MAX_TEXT_LINES}", what.zh),
        );
        sink.at(span, message);
        return None;
    }
    // CRLF files give CRLF inside multi-line strings; the app works with plain newlines.
    Some(Spanned::new(span, text.replace("\r\n", "\n")))
}

/// The key of a table entry (`[sectors.real-estate]`), checked like any other text.
pub fn checked_key(sink: &mut Sink, key: &Spanned<&str>) -> Option<String> {
    let what = || Msg::new("key", "键");
    checked_text(sink, what, key.get_ref(), key.span()).map(Spanned::into_inner)
}
