//! Reading typed columns: a stored value that cannot be read fails the read, never a guess.

use chrono::NaiveDate;
use rusqlite::Row;

use crate::model::SubmissionState;
use crate::rules::Category;

/// A stored date, as a `chrono` date; a malformed one fails the read rather than guessing.
pub(super) fn date_at(row: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(i)?;
    parse_stored_date(i, &text)
}

pub(super) fn optional_date_at(row: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(i)?;
    text.map(|t| parse_stored_date(i, &t)).transpose()
}

fn parse_stored_date(i: usize, text: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(super) fn state_at(row: &Row<'_>, i: usize) -> rusqlite::Result<SubmissionState> {
    let key: String = row.get(i)?;
    SubmissionState::from_key(&key).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown submission state {key:?}").into(),
        )
    })
}

pub(super) fn category_at(row: &Row<'_>, i: usize) -> rusqlite::Result<Category> {
    let letter: String = row.get(i)?;
    Category::from_letter(&letter).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown category {letter:?}").into(),
        )
    })
}
