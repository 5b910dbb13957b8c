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
//!
//! [`EntryDraft::validated`]: crate::model::EntryDraft::validated

mod read;
mod write;

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

pub use crate::csv_file::RowError;
use crate::csv_file::Vocabulary;
use crate::error::Result;
use crate::model::ValidEntry;
use crate::rules::Format;
use crate::store::Store;
pub use read::read_csv;
pub use write::{export_csv, export_csv_file, hours_text, template_csv, write_template_file};

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

/// The columns an entries file knows, by key, heading and other headings.
const VOCABULARY: Vocabulary = Vocabulary {
    keys: &COLUMNS,
    headings: &HEADINGS,
    other: &OTHER_HEADINGS,
};

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
    let bytes = crate::csv_file::read_file(path, "mentorship hours")?;
    import_csv(store, &bytes, today)
}

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

/// The notes of a template's example rows. A row with these notes is refused, so a template
/// imported as it is adds nothing.
pub const EXAMPLE_NOTE: &str = "Example row: write your own hours over it, or delete it.";

#[cfg(test)]
mod tests;
