//! Reading a CSV file of entries: the header in any order and wording, each cell checked, every
//! bad row reported by its line (the encoding, the delimiter and the lines are `csv_file`'s).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::VOCABULARY;
use super::{
    CsvEntry, ACTIVITY, CERTIFIED_MENTOR, COLUMNS, DATE, DAYS, ENDORSED, EXAMPLE_NOTE, FORMAT,
    HEADINGS, HOURS, NOTES, PROVIDER, PROVIDER_CREDENTIAL,
};
use crate::csv_file::{one_newline, read_table, words, Columns, RowError};
use crate::error::{quoted, Error};
use crate::model::{EntryDraft, ValidEntry};
use crate::rules::{Format, RuleSet};

/// Reads and checks every row of a CSV file; stores nothing. Either every row, checked, or every
/// problem found (header, encoding, and each bad row with its line).
pub fn read_csv(
    bytes: &[u8],
    rules: &RuleSet,
    today: NaiveDate,
) -> Result<Vec<CsvEntry>, Vec<RowError>> {
    let table = read_table(bytes, &COLUMNS.join(",")).map_err(|e| vec![e])?;
    let (columns, mut errors) = VOCABULARY.columns(&table.header, table.header_line)?;
    errors.extend(missing(&columns, table.header_line));
    let names = ActivityNames::of(rules);

    let mut rows = Vec::new();
    for row in table.rows {
        let (line, record) = match row {
            Ok(row) => row,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        match columns.entry(&record, line, table.delimiter, (rules, &names), today) {
            Ok(entry) => rows.push(CsvEntry { line, entry }),
            Err(mut problems) => errors.append(&mut problems),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// What an entries file must have besides a known column: Date, Activity, Format, and Hours or
/// Days.
fn missing(columns: &Columns, line: u32) -> Vec<RowError> {
    let mut errors = Vec::new();
    for required in [DATE, ACTIVITY, FORMAT] {
        if columns.at[required].is_none() {
            errors.push(RowError {
                line,
                column: COLUMNS[required].to_owned(),
                message: format!(
                    "The {} column is missing; every file needs it.",
                    HEADINGS[required]
                ),
            });
        }
    }
    if columns.at[HOURS].is_none() && columns.at[DAYS].is_none() {
        errors.push(RowError {
            line,
            column: "hours".to_owned(),
            message: "The Hours column is missing; a file needs Hours, Days or both.".to_owned(),
        });
    }
    errors
}

impl Columns {
    /// Whether a problem is in a column the file does not have (the header says so once,
    /// rather than every row).
    fn lacks(&self, column: &str) -> bool {
        match COLUMNS.iter().position(|c| *c == column) {
            Some(HOURS | DAYS) => self.at[HOURS].is_none() && self.at[DAYS].is_none(),
            Some(known) => self.at[known].is_none(),
            None => false,
        }
    }

    /// One row, checked: the entry, or every problem in it.
    fn entry(
        &self,
        record: &csv::StringRecord,
        line: u32,
        delimiter: u8,
        (rules, names): (&RuleSet, &ActivityNames<'_>),
        today: NaiveDate,
    ) -> Result<ValidEntry, Vec<RowError>> {
        let problem = |column: &str, message: String| RowError {
            line,
            column: column.to_owned(),
            message,
        };
        if let Some(whole) = self.row_problem(record, line, delimiter) {
            return Err(vec![whole]);
        }

        let mut problems = Vec::new();
        let format = parse_format(self.field(record, FORMAT)).unwrap_or_else(|message| {
            problems.push(problem("format", message));
            Format::InPerson
        });
        let mut yes_no = |column: usize| {
            parse_yes_no(self.field(record, column)).unwrap_or_else(|message| {
                problems.push(problem(COLUMNS[column], message));
                true
            })
        };
        let certified_mentor = yes_no(CERTIFIED_MENTOR);
        let endorsed = yes_no(ENDORSED);
        let days = parse_days(self.field(record, DAYS)).unwrap_or_else(|message| {
            problems.push(problem("days", message));
            None
        });
        let activity = names.key(self.field(record, ACTIVITY)).unwrap_or_else(|m| {
            problems.push(problem("activity", m));
            String::new()
        });
        if self.field(record, NOTES).trim() == EXAMPLE_NOTE {
            problems.push(problem(
                "notes",
                "This is an example row of the template; write your own hours over it, or \
                 delete it."
                    .to_owned(),
            ));
        }
        let draft = EntryDraft {
            date: self.field(record, DATE).to_owned(),
            activity,
            format: Some(format),
            hours: self.field(record, HOURS).to_owned(),
            days,
            mentor_id: None,
            provider: one_newline(self.field(record, PROVIDER)),
            provider_credentials: one_newline(self.field(record, PROVIDER_CREDENTIAL)),
            certified_mentor,
            endorsed,
            notes: one_newline(self.field(record, NOTES)),
        };
        match draft.validated(rules, today) {
            Ok(entry) if problems.is_empty() => return Ok(entry),
            Ok(_) => {}
            Err(Error::Invalid { field, message }) => {
                if !problems.iter().any(|p| p.column == field) {
                    problems.push(problem(field, message));
                }
            }
            Err(other) => problems.push(problem("row", other.to_string())),
        }
        problems.retain(|p| !self.lacks(&p.column));
        problems.sort_by_key(|p| COLUMNS.iter().position(|c| *c == p.column));
        if problems.is_empty() {
            // Every problem is in a column the header already says is missing.
            return Err(Vec::new());
        }
        Err(problems)
    }
}

/// The activities a cell may name, by key or label (`small_group`, `Small group mentorship`,
/// `1X1 MENTORSHIP`), ready to look up for every row.
struct ActivityNames<'r> {
    /// Each activity's key and label as [`words`] gives them, and its key.
    by_name: HashMap<String, &'r str>,
    /// The labels, as a message lists them.
    labels: String,
}

impl<'r> ActivityNames<'r> {
    fn of(rules: &'r RuleSet) -> Self {
        let activities = rules.activities();
        let mut by_name = HashMap::with_capacity(activities.len() * 2);
        for a in activities {
            by_name.insert(words(&a.key), a.key.as_str());
            by_name.insert(words(&a.label), a.key.as_str());
        }
        let labels: Vec<&str> = activities.iter().map(|a| a.label.as_str()).collect();
        ActivityNames {
            by_name,
            labels: labels.join(", "),
        }
    }

    /// The key of the activity a cell names, or what to write instead.
    fn key(&self, text: &str) -> Result<String, String> {
        let name = words(text);
        if let Some(key) = self.by_name.get(&name) {
            return Ok((*key).to_owned());
        }
        let labels = &self.labels;
        Err(if name.is_empty() {
            format!("Choose an activity: {labels}.")
        } else {
            format!(
                "{} is not an activity; write one of {labels} (or its key, like small_group).",
                quoted(text)
            )
        })
    }
}

pub(super) fn parse_format(text: &str) -> Result<Format, String> {
    let key = text.trim().to_lowercase().replace([' ', '-'], "_");
    if let Some(format) = Format::from_key(&key) {
        return Ok(format);
    }
    match key.as_str() {
        "" => Err("Write In person or Virtual (or in_person, virtual).".to_owned()),
        _ => Err(format!(
            "Write In person or Virtual (or in_person, virtual); {} is not one.",
            quoted(text)
        )),
    }
}

/// `yes` or `no` (also `true`/`false`, as spreadsheets write booleans), any case; empty is yes.
pub(super) fn parse_yes_no(text: &str) -> Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "" | "yes" | "true" => Ok(true),
        "no" | "false" => Ok(false),
        _ => Err(format!(
            "Write yes or no; {} is neither (empty means yes).",
            quoted(text)
        )),
    }
}

fn parse_days(text: &str) -> Result<Option<u32>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|_| "Enter the number of days, from 1 to 31.".to_owned())
}
