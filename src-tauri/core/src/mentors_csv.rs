//! CSV import and export of the mentor directory.
//!
//! The program sends "a document of certified mentors"; a therapist keeps it in a spreadsheet,
//! or exports the directory to share it. The file is read as every CSV file is (`csv_file`:
//! encodings, delimiters, lines, formula-like cells), its header names the [`COLUMNS`] by key or
//! as the app names them ([`HEADINGS`]), in any order and case; only `name` is required. A file
//! without a Roles column that marks someone a certified mentor gives them the Mentor role.
//! Every row passes [`MentorDraft::validated`], the form's own validation. An import is all or
//! nothing: one bad row and nothing is stored, every problem of the header and of every row
//! listed at once, by line, with what would be accepted. A row for someone already in the
//! directory, or already earlier in the file (the same name and email, compared folded: case and
//! accents set aside), is skipped and reported; so importing a file twice adds nothing the second
//! time. The export writes the same columns, so it imports back as the same directory.
//!
//! [`MentorDraft::validated`]: crate::model::MentorDraft::validated

use std::path::Path;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::csv_file::{self, one_newline, read_table, words, Columns, RowError, Vocabulary};
use crate::error::{quoted, Error, Result};
use crate::model::{read_country, read_time_zone, split_languages, MentorDraft, MentorRole};
use crate::rules::Format;
use crate::store::Store;

/// The columns of a mentor CSV file, in the order an export writes them.
pub const COLUMNS: [&str; 13] = [
    "name",
    "credentials",
    "roles",
    "certified_mentor",
    "email",
    "phone",
    "city",
    "country",
    "time_zone",
    "languages",
    "formats",
    "cost_notes",
    "notes",
];

/// The columns as the app names them (the mentor form); a header may use these or the keys.
pub const HEADINGS: [&str; 13] = [
    "Name",
    "Credentials",
    "Roles",
    "Certified mentor",
    "Email",
    "Phone",
    "City",
    "Country",
    "Time zone",
    "Languages",
    "Formats",
    "Cost notes",
    "Notes",
];

// Indexes into `COLUMNS`.
const NAME: usize = 0;
const CREDENTIALS: usize = 1;
const ROLES: usize = 2;
const CERTIFIED: usize = 3;
const EMAIL: usize = 4;
const PHONE: usize = 5;
const CITY: usize = 6;
const COUNTRY: usize = 7;
const TIME_ZONE: usize = 8;
const LANGUAGES: usize = 9;
const FORMATS: usize = 10;
const COST_NOTES: usize = 11;
const NOTES: usize = 12;

/// Other words a header may use for a column.
const OTHER_HEADINGS: [(usize, &str); 8] = [
    (NAME, "Mentor"),
    (ROLES, "Role"),
    (CERTIFIED, "Certified"),
    (EMAIL, "E-mail"),
    (TIME_ZONE, "Timezone"),
    (LANGUAGES, "Language"),
    (FORMATS, "Format"),
    (COST_NOTES, "Cost"),
];

/// The columns a mentors file knows, by key, heading and other headings.
const VOCABULARY: Vocabulary = Vocabulary {
    keys: &COLUMNS,
    headings: &HEADINGS,
    other: &OTHER_HEADINGS,
};

/// What a mentor import did, or why it did nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct MentorImportSummary {
    /// Mentors added to the directory (0 when `errors` is not empty).
    pub imported: u32,
    /// Rows left out: the same person as someone in the directory or earlier in the file.
    pub skipped: Vec<SkippedMentor>,
    /// Every problem found. When there is any, nothing was imported.
    pub errors: Vec<RowError>,
}

impl MentorImportSummary {
    /// True when the file was imported (possibly adding no one new).
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// A row left out of an import, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SkippedMentor {
    /// The line where the row starts.
    pub line: u32,
    /// The name in the row.
    pub name: String,
    /// Why, in a sentence: "already in your directory", "the same person as line 3".
    pub reason: String,
}

/// A row of a mentor CSV file, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvMentor {
    /// The line where the row starts.
    pub line: u32,
    /// The checked mentor.
    pub mentor: MentorDraft,
}

/// What a mentors file must have besides a known column: Name.
fn missing(columns: &Columns, line: u32) -> Vec<RowError> {
    if columns.at[NAME].is_some() {
        return Vec::new();
    }
    vec![RowError {
        line,
        column: "name".to_owned(),
        message: "The Name column is missing; every file needs it.".to_owned(),
    }]
}

impl Columns {
    /// One row, checked: the mentor, or every problem in it.
    fn mentor(
        &self,
        record: &csv::StringRecord,
        line: u32,
        delimiter: u8,
    ) -> std::result::Result<MentorDraft, Vec<RowError>> {
        let problem = |column: &str, message: String| RowError {
            line,
            column: column.to_owned(),
            message,
        };
        if let Some(whole) = self.row_problem(record, line, delimiter) {
            return Err(vec![whole]);
        }
        let mut problems = Vec::new();
        let mut field_problem = |e: Error, column: usize| match e {
            Error::Invalid { message, .. } => problems.push(problem(COLUMNS[column], message)),
            other => problems.push(problem(COLUMNS[column], other.to_string())),
        };
        let mut roles = parse_roles(self.field(record, ROLES)).unwrap_or_else(|m| {
            field_problem(Error::invalid("roles", m), ROLES);
            Vec::new()
        });
        let certified_mentor = parse_yes_no(self.field(record, CERTIFIED)).unwrap_or_else(|m| {
            field_problem(Error::invalid("certified_mentor", m), CERTIFIED);
            false
        });
        // A list that names who is certified but has no Roles column (the program's own list
        // of certified mentors) says what their role is: a certified mentor is a mentor. A
        // Roles column that leaves it out contradicts it, and is refused below.
        if certified_mentor && self.at[ROLES].is_none() {
            roles.push(MentorRole::Mentor);
        }
        let formats = parse_formats(self.field(record, FORMATS)).unwrap_or_else(|m| {
            field_problem(Error::invalid("formats", m), FORMATS);
            Vec::new()
        });
        let country = read_country(self.field(record, COUNTRY)).unwrap_or_else(|e| {
            field_problem(e, COUNTRY);
            None
        });
        let time_zone = read_time_zone(self.field(record, TIME_ZONE)).unwrap_or_else(|e| {
            field_problem(e, TIME_ZONE);
            None
        });
        let languages = split_languages(&[self.field(record, LANGUAGES)]).unwrap_or_else(|e| {
            field_problem(e, LANGUAGES);
            Vec::new()
        });
        let draft = MentorDraft {
            name: self.field(record, NAME).to_owned(),
            credentials: self.field(record, CREDENTIALS).to_owned(),
            roles,
            certified_mentor,
            email: self.field(record, EMAIL).to_owned(),
            phone: self.field(record, PHONE).to_owned(),
            city: self.field(record, CITY).to_owned(),
            country,
            time_zone,
            languages,
            formats,
            cost_notes: one_newline(self.field(record, COST_NOTES)),
            notes: one_newline(self.field(record, NOTES)),
        };
        match draft.validated() {
            Ok(mentor) if problems.is_empty() => return Ok(mentor),
            Ok(_) => {}
            Err(Error::Invalid { field, mut message }) => {
                if field == "certified_mentor" {
                    message = "A certified mentor has the Mentor role: write mentor in Roles, \
                               or no in Certified mentor."
                        .to_owned();
                }
                if !problems.iter().any(|p| p.column == field) {
                    problems.push(problem(field, message));
                }
            }
            Err(other) => problems.push(problem("row", other.to_string())),
        }
        // A problem in a column the file lacks is one the header already reported.
        problems.retain(|p| {
            COLUMNS
                .iter()
                .position(|c| *c == p.column)
                .is_none_or(|c| self.at[c].is_some())
        });
        problems.sort_by_key(|p| COLUMNS.iter().position(|c| *c == p.column));
        Err(problems)
    }
}

/// Roles by key or name, separated by commas or semicolons ("Mentor, Examiner",
/// "teaching_assistant"); empty is none.
fn parse_roles(text: &str) -> std::result::Result<Vec<MentorRole>, String> {
    let mut roles = Vec::new();
    for part in text.split([',', ';', '/']).filter(|p| !p.trim().is_empty()) {
        match MentorRole::named(part) {
            Some(role) => roles.push(role),
            None => {
                let names: Vec<&str> = MentorRole::ALL.iter().map(|r| r.label()).collect();
                return Err(format!(
                    "{} is not a role; write any of {} (or their keys, like \
                     teaching_assistant), separated by commas.",
                    quoted(part.trim()),
                    names.join(", ")
                ));
            }
        }
    }
    Ok(roles)
}

/// Formats by key or name ("In person, Virtual", "virtual"); empty is none.
fn parse_formats(text: &str) -> std::result::Result<Vec<Format>, String> {
    let mut formats = Vec::new();
    for part in text.split([',', ';', '/']).filter(|p| !p.trim().is_empty()) {
        let key = words(part).replace(' ', "_");
        match Format::from_key(&key) {
            Some(format) => formats.push(format),
            None => {
                return Err(format!(
                    "{} is not a format; write In person, Virtual or both (or in_person, \
                     virtual), separated by commas.",
                    quoted(part.trim())
                ))
            }
        }
    }
    Ok(formats)
}

/// `yes` or `no` (also `true`/`false`), any case; empty is no: a file that does not say a mentor
/// is certified does not make them one.
fn parse_yes_no(text: &str) -> std::result::Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "true" => Ok(true),
        "" | "no" | "false" => Ok(false),
        _ => Err(format!(
            "Write yes or no; {} is neither (empty means no).",
            quoted(text)
        )),
    }
}

/// Reads and checks every row of a mentor CSV file; stores nothing. Either every row, checked,
/// or every problem found.
pub fn read_mentors_csv(bytes: &[u8]) -> std::result::Result<Vec<CsvMentor>, Vec<RowError>> {
    let table = read_table(bytes, &COLUMNS.join(",")).map_err(|e| vec![e])?;
    let (columns, mut errors) = VOCABULARY.columns(&table.header, table.header_line)?;
    errors.extend(missing(&columns, table.header_line));
    let mut rows = Vec::new();
    for row in table.rows {
        let (line, record) = match row {
            Ok(row) => row,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        match columns.mentor(&record, line, table.delimiter) {
            Ok(mentor) => rows.push(CsvMentor { line, mentor }),
            Err(mut problems) => errors.append(&mut problems),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// Reads a mentor CSV file and imports it into the directory, all or nothing.
pub fn import_mentors_file(store: &mut Store, path: &Path) -> Result<MentorImportSummary> {
    let bytes = csv_file::read_file(path, "mentors")?;
    import_mentors(store, &bytes)
}

/// Imports the mentors of a CSV file, given as its bytes, in one transaction: every new one or
/// none. Someone already in the directory, or earlier in the file, is skipped and reported.
pub fn import_mentors(store: &mut Store, bytes: &[u8]) -> Result<MentorImportSummary> {
    let rows = match read_mentors_csv(bytes) {
        Ok(rows) => rows,
        Err(errors) => {
            return Ok(MentorImportSummary {
                errors,
                ..MentorImportSummary::default()
            })
        }
    };
    let mut summary = MentorImportSummary::default();
    let mut new: Vec<&CsvMentor> = Vec::new();
    for row in &rows {
        if let Some(earlier) = new.iter().find(|n| n.mentor.same_person(&row.mentor)) {
            summary.skipped.push(SkippedMentor {
                line: row.line,
                name: row.mentor.name.clone(),
                reason: format!(
                    "the same person as line {} (the same name and email)",
                    earlier.line
                ),
            });
        } else {
            new.push(row);
        }
    }
    let drafts: Vec<MentorDraft> = new.iter().map(|r| r.mentor.clone()).collect();
    let added = store.import_mentors(&drafts)?;
    for (row, added) in new.iter().zip(added) {
        if added {
            summary.imported += 1;
        } else {
            summary.skipped.push(SkippedMentor {
                line: row.line,
                name: row.mentor.name.clone(),
                reason: "already in your directory (the same name and email)".to_owned(),
            });
        }
    }
    summary.skipped.sort_by_key(|s| s.line);
    Ok(summary)
}

/// The directory, by name, as CSV text ([`COLUMNS`]; lists in a cell separated by ", ",
/// cells that start like a formula neutralised), and how many mentors.
pub fn export_mentors(store: &Store) -> Result<(String, usize)> {
    let mentors = store.mentors()?;
    let mut writer = csv_file::writer();
    csv_file::write_row(&mut writer, COLUMNS)?;
    for m in &mentors {
        let d = &m.details;
        let roles: Vec<&str> = d.roles.iter().map(|r| r.key()).collect();
        let formats: Vec<&str> = d.formats.iter().map(|f| f.key()).collect();
        let cells = [
            d.name.clone(),
            d.credentials.clone(),
            roles.join(", "),
            if d.certified_mentor { "yes" } else { "no" }.to_owned(),
            d.email.clone(),
            d.phone.clone(),
            d.city.clone(),
            d.country.clone().unwrap_or_default(),
            d.time_zone.clone().unwrap_or_default(),
            d.languages.join(", "),
            formats.join(", "),
            d.cost_notes.clone(),
            d.notes.clone(),
        ];
        csv_file::write_row(&mut writer, cells.iter().map(String::as_str))?;
    }
    Ok((csv_file::finish(writer)?, mentors.len()))
}

/// Writes [`export_mentors`] to `path`, whole and privately; returns how many mentors.
pub fn export_mentors_file(store: &Store, path: &Path) -> Result<usize> {
    let (text, count) = export_mentors(store)?;
    crate::files::write_whole(path, text.as_bytes())?;
    Ok(count)
}

#[cfg(test)]
mod tests;
