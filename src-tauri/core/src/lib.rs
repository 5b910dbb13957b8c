//! Stillpoint's engine: everything the app knows and decides, with no Tauri in sight.
//!
//! The desktop shell's window (`src-tauri/lib.rs`) and its command line (`src-tauri/cli/`) are
//! two thin doors into the same functions, so a rule is written once and every view agrees with
//! it. The engine builds and tests without a display, and knows nothing of how it is called.
//!
//! - `calendar`: iCalendar files (RFC 5545) read into events and written from them, and what
//!   importing one changes.
//! - `model`: the values the app deals in, and their validation.
//! - `rules`: the mentorship program's rules as data: what counts, credits, and claims.
//! - `clinical`: the contraindication screen and the techniques as data; keeping clients unnamed.
//! - `certification`: certification paths as data, and readiness from the therapist's records.
//! - `data`: the one registry of the data files built in (rules, screens, techniques, paths).
//! - `store`: the SQLite database: opening, migrations, one data-access module per aggregate,
//!   and backups (checked copies of the whole record, and which of them are kept).
//! - `views`: the read models the window shows (the dashboard, the client list and view), with
//!   the sentences they say.
//! - `demo`: realistic demo data for a first look at the app.
//! - `csv_file`: what every CSV file shares: encodings, delimiters, lines, formula-like cells.
//! - `entries_csv`: CSV import and export of mentorship entries, all or nothing.
//! - `mentors_csv`: CSV import and export of the mentor directory, all or nothing.
//! - `forms`: the tracking forms as PDF files, from a submission or blank.
//! - `portfolio`: the certification portfolio as a PDF: checked for consent and for any client's
//!   private name or contact, then worded.
//! - `pdf`: the PDF pages of the tracking form and the portfolio, in any script: fonts,
//!   shaping, bidi, line breaking, tables.
//! - `files`: writing a file whole and privately; private copies for the system's viewer.
//! - `folders`: the app's own folder's name (where it is, is the shell's business).
//! - `error`: the engine's errors, and what the window receives of them.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod calendar;
pub mod certification;
pub mod clinical;
pub mod csv_file;
mod data;
pub mod demo;
pub mod entries_csv;
pub mod error;
pub mod files;
pub mod folders;
pub mod forms;
pub mod mentors_csv;
pub mod model;
pub mod pdf;
pub mod portfolio;
pub mod rules;
pub mod store;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod views;

pub use error::{ApiError, Error, ErrorCode, Result};

/// Today in the user's time zone: the latest date an entry may have.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
pub use store::Store;
