//! CSV import and export of mentorship entries.
//!
//! Most therapists arrive with their hours in a spreadsheet, and some leave with them; a CSV file
//! is what every spreadsheet writes and reads. Files come from Excel and LibreOffice in many
//! locales, so the reader takes what they write: comma or semicolon, UTF-8 with or without a
//! byte-order mark, CRLF or LF, decimal point or decimal comma, quoted fields, columns in any
//! order with any capitalisation, named by their keys or as the app names them ("Certified
//! mentor"), activities by their keys or labels ("1x1 mentorship"). Every row passes
//! [`EntryDraft::validated`], the one validation the form and the command line use too, and an
//! import is all or nothing: one bad row and nothing is stored, with the header's problems and
//! every bad row reported at once, each by its line in the file and with what would be
//! accepted. The writer writes the same format back (a cell that starts like a formula
//! neutralised), so an export imports into an empty database as the same entries, and into the
//! same database as nothing new.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{quoted, shortened, Error, Result};
use crate::model::{EntryDraft, ValidEntry};
use crate::rules::{Format, RuleSet};
use crate::store::Store;

/// The columns of a mentorship CSV file, in the order an export writes them.
pub const COLUMNS: [&str; 10] = [
    "date",
    "activity",
    "format",
    "hours",
    "days",
    "provider",
    "provider_credential",
    "certified_mentor",
    "endorsed",
    "notes",
];

/// The columns as the app names them (the Hours form and table): a header may use these, or the
/// keys, in any case; a template is written with them.
pub const HEADINGS: [&str; 10] = [
    "Date",
    "Activity",
    "Format",
    "Hours",
    "Days",
    "Provider",
    "Credentials",
    "Certified mentor",
    "Endorsed",
    "Notes",
];

/// Other words the form uses for a column ("Their credentials", "A certified mentor of the
/// program"), also accepted in a header.
const OTHER_HEADINGS: [(usize, &str); 12] = [
    (FORMAT, "In person or virtual"),
    (HOURS, "Logged"),
    (PROVIDER, "Mentor or provider"),
    (PROVIDER, "Mentor"),
    (PROVIDER, "Name"),
    (PROVIDER_CREDENTIAL, "Their credentials"),
    (PROVIDER_CREDENTIAL, "Provider credentials"),
    (PROVIDER_CREDENTIAL, "Credential"),
    (CERTIFIED_MENTOR, "A certified mentor of the program"),
    (ENDORSED, "Run by someone properly endorsed or affiliated"),
    (NOTES, "Note"),
    (DATE, "Day"),
];

/// A heading or a value as compared: lower case, every run of other characters than letters
/// and digits one space ("Certified-mentor", "certified_mentor" and "CERTIFIED MENTOR" are the
/// same).
fn words(text: &str) -> String {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The column a header names, if it is one of ours.
fn column_named(name: &str) -> Option<usize> {
    let name = words(name);
    (0..COLUMNS.len())
        .find(|&c| words(COLUMNS[c]) == name || words(HEADINGS[c]) == name)
        .or_else(|| {
            OTHER_HEADINGS
                .iter()
                .find(|(_, heading)| words(heading) == name)
                .map(|&(c, _)| c)
        })
}

// Indexes into `COLUMNS`.
const DATE: usize = 0;
const ACTIVITY: usize = 1;
const FORMAT: usize = 2;
const HOURS: usize = 3;
const DAYS: usize = 4;
const PROVIDER: usize = 5;
const PROVIDER_CREDENTIAL: usize = 6;
const CERTIFIED_MENTOR: usize = 7;
const ENDORSED: usize = 8;
const NOTES: usize = 9;

/// What an import did, or why it did nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ImportSummary {
    /// Entries added to the database (0 when `errors` is not empty).
    pub imported: u32,
    /// Lines of the rows left out because the database already held an identical entry (all ten
    /// columns equal once read); so importing a file twice adds nothing the second time.
    pub skipped_duplicates: Vec<u32>,
    /// Imported rows identical to an earlier row of the same file. They are imported (two equal
    /// sessions on one day happen), and listed so a row typed twice by mistake can be found.
    pub repeated_in_file: Vec<RepeatedRow>,
    /// Every problem found. When there is any, nothing was imported.
    pub errors: Vec<RowError>,
}

impl ImportSummary {
    /// True when the file was imported (possibly adding nothing new).
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// A problem with one row (or the header, or the whole file) of a CSV file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct RowError {
    /// The line of the file where the row starts; the header is line 1.
    pub line: u32,
    /// The column the problem is in (`hours`; an unknown column as the file spells it); `row`
    /// when it is the row as a whole, `file` when it is the whole file or its header.
    pub column: String,
    /// What is wrong, in a sentence the user can act on.
    pub message: String,
}

/// A row identical to an earlier row of the same file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct RepeatedRow {
    /// The line where the row starts.
    pub line: u32,
    /// The line where the earlier, identical row starts.
    pub same_as: u32,
}

/// A row of a CSV file, checked and ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvEntry {
    /// The line where the row starts.
    pub line: u32,
    /// The checked entry.
    pub entry: ValidEntry,
}

/// Reads a CSV file of entries and imports it into the store, all or nothing.
pub fn import_csv_file(store: &mut Store, path: &Path, today: NaiveDate) -> Result<ImportSummary> {
    let unreadable = |e: std::io::Error| {
        Error::Refused(format!(
            "Stillpoint could not read {}: {e}.",
            path.display()
        ))
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_FILE_BYTES {
        return Err(Error::Refused(format!(
            "{} is {} MB, too large for a file of mentorship hours (at most {} MB); is it the \
             right file?",
            path.display(),
            size / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        )));
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    import_csv(store, &bytes, today)
}

/// The largest file `import_csv_file` reads: a million rows is about 80 MB.
const MAX_FILE_BYTES: u64 = 256_000_000;

/// Imports the entries of a CSV file, given as its bytes, in one transaction: every row or none.
///
/// A file with any bad row imports nothing, and the summary lists every problem. Rows identical
/// to a stored entry are skipped (each stored entry stands for one row).
pub fn import_csv(store: &mut Store, bytes: &[u8], today: NaiveDate) -> Result<ImportSummary> {
    let rules = crate::rules::default_rule_set()?;
    let rows = match read_csv(bytes, rules, today) {
        Ok(rows) => rows,
        Err(errors) => {
            return Ok(ImportSummary {
                errors,
                ..ImportSummary::default()
            })
        }
    };
    let (lines, entries): (Vec<u32>, Vec<ValidEntry>) =
        rows.into_iter().map(|row| (row.line, row.entry)).unzip();
    let added = store.import_entries(&entries)?;

    let mut summary = ImportSummary::default();
    let mut first_line: HashMap<Key<'_>, u32> = HashMap::with_capacity(entries.len());
    for ((&line, entry), added) in lines.iter().zip(&entries).zip(added) {
        let earlier = *first_line.entry(key(entry)).or_insert(line);
        if !added {
            summary.skipped_duplicates.push(line);
            continue;
        }
        summary.imported += 1;
        if earlier != line {
            summary.repeated_in_file.push(RepeatedRow {
                line,
                same_as: earlier,
            });
        }
    }
    Ok(summary)
}

/// The ten columns of a checked entry: rows with equal keys are the same record.
type Key<'a> = (
    NaiveDate,
    &'a str,
    Format,
    Option<i64>,
    Option<u32>,
    &'a str,
    &'a str,
    bool,
    bool,
    &'a str,
);

fn key(e: &ValidEntry) -> Key<'_> {
    (
        e.date,
        &e.activity,
        e.format,
        e.minutes,
        e.days,
        &e.provider,
        &e.provider_credentials,
        e.certified_mentor,
        e.endorsed,
        &e.notes,
    )
}

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
fn detect_delimiter(text: &str) -> u8 {
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

fn parse_format(text: &str) -> Result<Format, String> {
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
fn parse_yes_no(text: &str) -> Result<bool, String> {
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

/// The first characters that make a spreadsheet read a cell as a formula (OWASP's list, "CSV
/// Injection"): a note `=HYPERLINK(…)` or `+cmd|' /C calc'!A0` would run when the file opens.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell, past any single quotes it starts with, starts like a formula.
fn formula_like(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A cell as an export writes it: one starting like a formula, or with quotes before such a
/// start, gets one more single quote in front, which a spreadsheet shows as text. Every other
/// cell is written as it is (`'plain` stays `'plain`).
fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    if formula_like(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A cell as an import reads it: the export's quote taken off again, so export → import gives
/// back the same text. A cell is read with one quote less when it is a quote followed by what
/// [`neutralised`] protects (`'=SUM(1)` is `=SUM(1)`, `''=x` is `'=x`); any other cell is read
/// as it is.
fn read_back(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => cell,
    }
}

/// The notes of a template's example rows. A row with these notes is refused, so a template
/// imported as it is adds nothing.
pub const EXAMPLE_NOTE: &str = "Example row: write your own hours over it, or delete it.";

/// A CSV file to fill in: the header as the app names the columns, and one example row per
/// category, each with its notes [`EXAMPLE_NOTE`].
pub fn template_csv(rules: &RuleSet) -> Result<String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let failed = |e: csv::Error| Error::Io(std::io::Error::other(e));
    writer.write_record(HEADINGS).map_err(failed)?;
    for category in crate::rules::Category::ALL {
        let Some(activity) = rules
            .activities()
            .iter()
            .filter(|a| a.category == category)
            .min_by_key(|a| matches!(a.counting, crate::rules::Counting::PerDay { .. }))
        else {
            continue;
        };
        let per_day = matches!(activity.counting, crate::rules::Counting::PerDay { .. });
        let format = match activity.formats.first() {
            Some(Format::Virtual) => "Virtual",
            _ => "In person",
        };
        let credential = activity
            .provider_credentials
            .last()
            .map_or("CST-D", String::as_str);
        writer
            .write_record([
                "2025-03-14",
                activity.label.as_str(),
                format,
                if per_day { "" } else { "1.5" },
                if per_day { "1" } else { "" },
                "Example Mentor",
                credential,
                "yes",
                "yes",
                EXAMPLE_NOTE,
            ])
            .map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    String::from_utf8(bytes).map_err(|e| Error::Io(std::io::Error::other(e)))
}

/// Writes [`template_csv`] for the default rule set to `path`; returns how many example rows.
pub fn write_template_file(path: &Path) -> Result<usize> {
    let text = template_csv(crate::rules::default_rule_set()?)?;
    crate::files::write_whole(path, text.as_bytes())?;
    Ok(text.lines().count().saturating_sub(1))
}

/// Writes every entry, oldest first, to a CSV file; returns how many.
pub fn export_csv_file(store: &Store, path: &Path) -> Result<usize> {
    let (text, count) = export_csv(store)?;
    crate::files::write_whole(path, text.as_bytes())?;
    Ok(count)
}

/// Every entry, oldest first, as CSV text, and how many there are.
///
/// The header and columns are [`COLUMNS`]; comma-separated, LF line ends, no byte-order mark,
/// fields quoted only when they need it: LibreOffice Calc opens and saves such a file back byte
/// for byte. A cell that starts like a formula (`=`, `+`, `-`, `@`, a tab or a carriage return)
/// is written with a single quote in front, so no spreadsheet runs it; the import takes it off. Hours are decimal hours with a point and no more digits than needed (`1.5`, `0.25`,
/// `2`), or `H:MM` when no decimal is exact (1 h 01 min); per-day activities write days instead.
pub fn export_csv(store: &Store) -> Result<(String, usize)> {
    let entries = store.all_entries()?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let failed = |e: csv::Error| Error::Io(std::io::Error::other(e));
    writer.write_record(COLUMNS).map_err(failed)?;
    for entry in &entries {
        let d = &entry.draft;
        let hours = entry.logged_minutes.map(hours_text).unwrap_or_default();
        let days = match entry.logged_minutes {
            None => d.days.map(|n| n.to_string()).unwrap_or_default(),
            Some(_) => String::new(),
        };
        let format = d.format.map(Format::key).unwrap_or_default();
        let yes_no = |b: bool| if b { "yes" } else { "no" };
        let cells = [
            d.date.as_str(),
            d.activity.as_str(),
            format,
            hours.as_str(),
            days.as_str(),
            d.provider.as_str(),
            d.provider_credentials.as_str(),
            yes_no(d.certified_mentor),
            yes_no(d.endorsed),
            d.notes.as_str(),
        ];
        writer
            .write_record(cells.map(neutralised).iter().map(|c| c.as_bytes()))
            .map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    let text = String::from_utf8(bytes).map_err(|e| Error::Io(std::io::Error::other(e)))?;
    Ok((text, entries.len()))
}

/// Minutes as decimal hours with as few digits as needed (`90` → `1.5`, `15` → `0.25`,
/// `120` → `2`); as `H:MM` when no decimal is exact (only multiples of 3 minutes are).
pub fn hours_text(minutes: i64) -> String {
    let (hours, rest) = (minutes / 60, minutes % 60);
    if rest % 3 != 0 {
        return format!("{hours}:{rest:02}");
    }
    let hundredths = rest * 5 / 3;
    match hundredths {
        0 => hours.to_string(),
        h if h % 10 == 0 => format!("{hours}.{}", h / 10),
        h => format!("{hours}.{h:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_hours;
    use crate::rules::default_rule_set;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
    }

    fn read(text: &str) -> Result<Vec<CsvEntry>, Vec<RowError>> {
        read_csv(text.as_bytes(), default_rule_set().unwrap(), today())
    }

    const HEADER: &str =
        "date,activity,format,hours,days,provider,provider_credential,certified_mentor,endorsed,notes\n";

    #[test]
    fn hours_are_written_with_as_few_digits_as_needed_and_read_back_exactly() {
        for (minutes, text) in [
            (90, "1.5"),
            (15, "0.25"),
            (120, "2"),
            (45, "0.75"),
            (6, "0.1"),
            (3, "0.05"),
            (1440, "24"),
            (61, "1:01"),
            (1, "0:01"),
        ] {
            assert_eq!(hours_text(minutes), text);
        }
        for minutes in 1..=1440 {
            assert_eq!(parse_hours(&hours_text(minutes)), Ok(minutes), "{minutes}");
        }
    }

    #[test]
    fn the_delimiter_is_whichever_the_header_has_more_of() {
        assert_eq!(detect_delimiter(HEADER), b',');
        assert_eq!(detect_delimiter(&HEADER.replace(',', ";")), b';');
        assert_eq!(detect_delimiter("\"a,b,c\";d;e\nx,y,z,w,v,u"), b';');
        assert_eq!(detect_delimiter("\r\n\na;b\r1,5;2"), b';');
    }

    #[test]
    fn booleans_and_formats_are_read_in_any_case() {
        assert_eq!(parse_yes_no(" YES "), Ok(true));
        assert_eq!(parse_yes_no("No"), Ok(false));
        assert_eq!(parse_yes_no(""), Ok(true));
        assert_eq!(parse_yes_no("FALSE"), Ok(false));
        assert!(parse_yes_no("maybe").is_err());
        assert_eq!(parse_format("In_Person"), Ok(Format::InPerson));
        assert_eq!(parse_format("in person"), Ok(Format::InPerson));
        assert_eq!(parse_format("VIRTUAL"), Ok(Format::Virtual));
        assert!(parse_format("zoom").is_err());
    }

    #[test]
    fn a_row_with_an_unquoted_decimal_comma_is_named_and_explained() {
        let text = format!("{HEADER}2025-03-14,small_group,virtual,1,5,,Ana,CST,yes,yes,\n");
        let errors = read(&text).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].column.as_str()), (2, "row"));
        assert!(errors[0].message.contains("1,5"), "{}", errors[0].message);
    }

    #[test]
    fn every_problem_of_a_row_is_reported_in_column_order() {
        let text = format!("{HEADER}2025-13-01,small_group,zoom,1.5,,Ana,CST,perhaps,yes,\n");
        let errors = read(&text).unwrap_err();
        let columns: Vec<&str> = errors.iter().map(|e| e.column.as_str()).collect();
        assert_eq!(columns, ["date", "format", "certified_mentor"]);
        assert!(errors.iter().all(|e| e.line == 2));
        assert_eq!(errors[0].message, "Enter a real date, like 2025-03-14.");
    }

    #[test]
    fn a_file_that_is_not_utf8_is_refused_at_its_line() {
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(b"2025-03-14,small_group,virtual,1.5,,N\xfa\xf1ez,CST,yes,yes,\n");
        let errors = read_csv(&bytes, default_rule_set().unwrap(), today()).unwrap_err();
        assert_eq!((errors[0].line, errors[0].column.as_str()), (2, "file"));
        let utf16 = [0xFF, 0xFE, b'd', 0];
        let errors = read_csv(&utf16, default_rule_set().unwrap(), today()).unwrap_err();
        assert!(errors[0].message.contains("UTF-16"));
        for utf32 in [
            &[0xFF, 0xFE, 0, 0, b'd', 0, 0, 0][..],
            &[0, 0, 0xFE, 0xFF, 0, 0, 0, b'd'][..],
        ] {
            let errors = read_csv(utf32, default_rule_set().unwrap(), today()).unwrap_err();
            assert_eq!(errors.len(), 1);
            assert!(
                errors[0].message.starts_with("The file is UTF-32 text;"),
                "{errors:?}"
            );
        }
    }

    #[test]
    fn header_problems_are_reported_together() {
        let errors =
            read("Date,Activity,Hours,Teacher,date\n2025-03-14,small_group,1,Ana,x\n").unwrap_err();
        let got: Vec<(u32, &str)> = errors.iter().map(|e| (e.line, e.column.as_str())).collect();
        assert_eq!(got, [(1, "date"), (1, "Teacher"), (1, "format")]);
        let none = read("2025-03-14,small_group,virtual,1.5\n").unwrap_err();
        assert_eq!((none.len(), none[0].column.as_str()), (1, "file"));
        assert!(read("").unwrap_err()[0].message.contains("empty"));
    }

    #[test]
    fn blank_rows_and_empty_unnamed_columns_are_ignored() {
        let text = format!(
            "{},\n2025-03-14,small_group,virtual,1.5,,Ana,CST,yes,yes,,\n,,,,,,,,,,\n\n",
            HEADER.trim_end()
        );
        assert_eq!(read(&text).unwrap().len(), 1);
        let filled = format!(
            "{},\n2025-03-14,small_group,virtual,1.5,,Ana,CST,yes,yes,,oops\n",
            HEADER.trim_end()
        );
        assert_eq!(read(&filled).unwrap_err()[0].column, "row");
    }

    #[test]
    fn the_summary_reaches_the_ui_in_this_shape() {
        let summary = ImportSummary {
            imported: 2,
            skipped_duplicates: vec![4],
            repeated_in_file: vec![RepeatedRow {
                line: 5,
                same_as: 3,
            }],
            errors: vec![RowError {
                line: 6,
                column: "hours".into(),
                message: "Enter the hours, like 1.5 or 1:30.".into(),
            }],
        };
        assert_eq!(
            serde_json::to_value(&summary).unwrap(),
            serde_json::json!({
                "imported": 2,
                "skipped_duplicates": [4],
                "repeated_in_file": [{"line": 5, "same_as": 3}],
                "errors": [{"line": 6, "column": "hours", "message": "Enter the hours, like 1.5 or 1:30."}],
            })
        );
    }

    #[test]
    fn lines_are_counted_as_editors_count_them() {
        let row = "2025-03-14,small_group,virtual,1.5,,Ana,CST,yes,yes,";
        for end in ["\n", "\r\n", "\r"] {
            let text = format!(
                "{h}{end}{row}{end}{end}{row}\"two{end}lines\"{end}{end}{end}{row}x{end}",
                h = HEADER.trim_end()
            );
            let lines: Vec<u32> = read(&text).unwrap().iter().map(|r| r.line).collect();
            assert_eq!(lines, [2, 4, 8], "{end:?}");
        }
        let after_blank = format!("\n\n{HEADER}2025-03-14,nope,virtual,1.5,,,,,,\n");
        assert_eq!(read(&after_blank).unwrap_err()[0].line, 4);
    }

    #[test]
    fn cells_that_start_like_formulas_are_written_as_text_and_read_back_as_typed() {
        for (text, written) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-3", "'-3"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=already", "''=already"),
            ("''-x", "'''-x"),
            ("'plain", "'plain"),
            ("plain", "plain"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutralised(text), written, "{text:?}");
            assert!(!written.starts_with(FORMULA_STARTS), "{written:?}");
            assert_eq!(read_back(written), text, "{written:?}");
        }
    }

    #[test]
    fn line_breaks_inside_values_are_kept_as_one_newline() {
        let text = format!(
            "{}\r\n2025-03-14,small_group,virtual,1.5,,Ana,CST,yes,yes,\"one\r\ntwo\"\r\n",
            HEADER.trim_end()
        );
        let rows = read(&text).unwrap();
        assert_eq!(rows[0].entry.notes, "one\ntwo");
    }
}
