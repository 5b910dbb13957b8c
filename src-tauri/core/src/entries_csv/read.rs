//! Reading a CSV file of entries: the encoding, the delimiter, the header in any order and
//! wording, each cell checked, every bad row reported by its line.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{
    column_named, read_back, words, CsvEntry, RowError, ACTIVITY, CERTIFIED_MENTOR, COLUMNS, DATE,
    DAYS, ENDORSED, EXAMPLE_NOTE, FORMAT, HEADINGS, HOURS, NOTES, PROVIDER, PROVIDER_CREDENTIAL,
};
use crate::error::{quoted, shortened, Error};
use crate::model::{EntryDraft, ValidEntry};
use crate::rules::{Format, RuleSet};

/// Reads and checks every row of a CSV file; stores nothing. Either every row, checked, or every
/// problem found (header, encoding, and each bad row with its line).
pub fn read_csv(
    bytes: &[u8],
    rules: &RuleSet,
    today: NaiveDate,
) -> Result<Vec<CsvEntry>, Vec<RowError>> {
    let text = decode(bytes).map_err(|e| vec![e])?;
    if text.trim().is_empty() {
        return Err(vec![file_error(
            1,
            format!(
                "The file is empty. Its first line must name the columns: {}.",
                COLUMNS.join(",")
            ),
        )]);
    }
    let delimiter = detect_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let mut lines = Lines::new(text);

    let header = match records.next() {
        Some(Ok(record)) => record,
        Some(Err(e)) => return Err(vec![csv_error(&e, &mut lines)]),
        None => return Err(vec![file_error(1, "The file has no header line.")]),
    };
    let header_line = lines.of(header.position());
    let (columns, mut errors) = Columns::read(&header, header_line)?;
    let names = ActivityNames::of(rules);

    let mut rows = Vec::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                errors.push(csv_error(&e, &mut lines));
                continue;
            }
        };
        let line = lines.of(record.position());
        if record.iter().all(|field| field.trim().is_empty()) {
            continue; // a blank row, as spreadsheets leave between blocks
        }
        match columns.entry(&record, line, delimiter, (rules, &names), today) {
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

/// The text of the file: UTF-8, without a byte-order mark.
fn decode(bytes: &[u8]) -> Result<&str, RowError> {
    // UTF-32 first: its little-endian mark starts with UTF-16's.
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(file_error(
            1,
            "The file is UTF-32 text; save it as CSV in UTF-8 (in Excel: \"CSV UTF-8\"; in \
             LibreOffice: character set \"Unicode (UTF-8)\").",
        ));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(file_error(
            1,
            "The file is UTF-16 text; save it as CSV in UTF-8 (in Excel: \"CSV UTF-8\"; in \
             LibreOffice: character set \"Unicode (UTF-8)\").",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        file_error(
            line_breaks(&bytes[..e.valid_up_to()]).saturating_add(1),
            "This line is not UTF-8 text; save the file as CSV in UTF-8 (in Excel: \"CSV \
             UTF-8\"; in LibreOffice: character set \"Unicode (UTF-8)\").",
        )
    })
}

/// Comma or semicolon: whichever the header line has more of, outside quotes.
pub(super) fn detect_delimiter(text: &str) -> u8 {
    let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
    for c in text.trim_start_matches(['\r', '\n']).chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\n' | '\r' if !quoted => break,
            _ => {}
        }
    }
    if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// The physical line each record starts on, counted as editors count them (LF, CRLF or a lone
/// CR ends a line). The csv reader's own line numbers point before the blank lines and line
/// ends it skips, so they are off after a blank line or with CRLF.
struct Lines<'t> {
    text: &'t [u8],
    /// Bytes counted so far, and the line at that offset.
    offset: usize,
    line: u32,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The line where the record read from `position` starts. Positions must come in order.
    fn of(&mut self, position: Option<&csv::Position>) -> u32 {
        let from = position
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(self.offset)
            .clamp(self.offset, self.text.len());
        let start = from
            + self.text[from..]
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
        self.line = self
            .line
            .saturating_add(line_breaks(&self.text[self.offset..start]));
        self.offset = start;
        self.line
    }
}

fn line_breaks(bytes: &[u8]) -> u32 {
    let mut count = 0u32;
    for (i, &b) in bytes.iter().enumerate() {
        let crlf = b == b'\r' && bytes.get(i + 1) == Some(&b'\n');
        if b == b'\n' || (b == b'\r' && !crlf) {
            count = count.saturating_add(1);
        }
    }
    count
}

fn file_error(line: u32, message: impl Into<String>) -> RowError {
    RowError {
        line,
        column: "file".to_owned(),
        message: message.into(),
    }
}

fn csv_error(error: &csv::Error, lines: &mut Lines<'_>) -> RowError {
    RowError {
        line: lines.of(error.position()),
        column: "row".to_owned(),
        message: format!("This row cannot be read as CSV ({error})."),
    }
}

/// Where each known column is in the file's rows.
struct Columns {
    /// For each of `COLUMNS`, its index in a row, if the file has it.
    at: [Option<usize>; 10],
    /// Columns without a name: ignored, but they must stay empty.
    unnamed: Vec<usize>,
    /// How many fields the header has.
    width: usize,
}

impl Columns {
    /// The columns the header names, and its problems (a column twice, one unknown, one
    /// missing); refused whole only when it names none of ours, as a file of something else does.
    fn read(
        header: &csv::StringRecord,
        line: u32,
    ) -> Result<(Columns, Vec<RowError>), Vec<RowError>> {
        let mut at = [None; 10];
        let mut unnamed = Vec::new();
        let mut errors = Vec::new();
        let mut unknown = Vec::new();
        for (index, name) in header.iter().enumerate() {
            if words(name).is_empty() {
                unnamed.push(index);
                continue;
            }
            match column_named(name) {
                Some(known) if at[known].is_some() => errors.push(RowError {
                    line,
                    column: COLUMNS[known].to_owned(),
                    message: format!(
                        "{} is a second {} column; keep one.",
                        quoted(name),
                        HEADINGS[known]
                    ),
                }),
                Some(known) => at[known] = Some(index),
                None => unknown.push(name),
            }
        }
        if at.iter().all(Option::is_none) {
            return Err(vec![RowError {
                line,
                column: "file".to_owned(),
                message: format!(
                    "The first line must name the columns: {}. This one names none of them.",
                    HEADINGS.join(", ")
                ),
            }]);
        }
        for name in unknown {
            errors.push(RowError {
                line,
                message: format!(
                    "{} is not a column Stillpoint knows; the columns are {} (or their keys: \
                     {}).",
                    quoted(name),
                    HEADINGS.join(", "),
                    COLUMNS.join(", ")
                ),
                column: shortened(name),
            });
        }
        for required in [DATE, ACTIVITY, FORMAT] {
            if at[required].is_none() {
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
        if at[HOURS].is_none() && at[DAYS].is_none() {
            errors.push(RowError {
                line,
                column: "hours".to_owned(),
                message: "The Hours column is missing; a file needs Hours, Days or both."
                    .to_owned(),
            });
        }
        let columns = Columns {
            at,
            unnamed,
            width: header.len(),
        };
        Ok((columns, errors))
    }

    /// Whether a problem is in a column the file does not have (the header says so once,
    /// rather than every row).
    fn lacks(&self, column: &str) -> bool {
        match COLUMNS.iter().position(|c| *c == column) {
            Some(HOURS | DAYS) => self.at[HOURS].is_none() && self.at[DAYS].is_none(),
            Some(known) => self.at[known].is_none(),
            None => false,
        }
    }

    fn field<'r>(&self, record: &'r csv::StringRecord, column: usize) -> &'r str {
        let cell = self.at[column]
            .and_then(|index| record.get(index))
            .unwrap_or("");
        read_back(cell)
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
        // Strict both ways: an unquoted `1,5` in a comma file shifts every later value.
        if record.len() != self.width {
            return Err(vec![problem(
                "row",
                format!(
                    "This row has {} values but the header names {} columns; a value that \
                     contains {} must be in double quotes.",
                    record.len(),
                    self.width,
                    if delimiter == b';' {
                        "a semicolon"
                    } else {
                        "a comma (like 1,5 hours)"
                    }
                ),
            )]);
        }
        if self
            .unnamed
            .iter()
            .any(|&i| record.get(i).is_some_and(|f| !f.trim().is_empty()))
        {
            return Err(vec![problem(
                "row",
                "This row has a value in a column without a name; name the column or empty it."
                    .to_owned(),
            )]);
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

/// Line breaks inside a quoted value as one `\n` each, however the file ends its lines.
fn one_newline(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}
