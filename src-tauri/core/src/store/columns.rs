//! Typed columns: each enum stored as text is read and written by one `FromSql`/`ToSql` pair, and
//! a stored value that cannot be read fails the read, naming the table and the row, never a
//! guess.

use chrono::NaiveDate;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::Row;

use crate::clinical::ScreenAnswer;
use crate::model::{read_iso, CourseRole, MentorRole, SessionKind, SubmissionState};
use crate::rules::{Category, Format};

/// `FromSql` and `ToSql` for an enum stored as its key: `$from` reads the key, `$to` writes it,
/// `$what` names it in the error for a key this build does not know.
macro_rules! text_column {
    ($type:ty, $from:path, $to:path, $what:literal) => {
        impl FromSql for $type {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let key = value.as_str()?;
                $from(key).ok_or_else(|| {
                    FromSqlError::Other(format!(concat!("unknown ", $what, " {:?}"), key).into())
                })
            }
        }

        impl ToSql for $type {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from($to(*self)))
            }
        }
    };
}

text_column!(
    Category,
    Category::from_letter,
    Category::letter,
    "category"
);
text_column!(Format, Format::from_key, Format::key, "format");
text_column!(
    SubmissionState,
    SubmissionState::from_key,
    SubmissionState::key,
    "submission state"
);
text_column!(
    ScreenAnswer,
    ScreenAnswer::from_key,
    ScreenAnswer::key,
    "answer"
);
text_column!(
    SessionKind,
    SessionKind::from_key,
    SessionKind::key,
    "session kind"
);
text_column!(
    MentorRole,
    MentorRole::from_key,
    MentorRole::key,
    "mentor role"
);
text_column!(
    CourseRole,
    CourseRole::from_key,
    CourseRole::key,
    "course role"
);

/// A row of `table` that could not be read, as an error that names the table and the row (by
/// its id) besides the column and the value.
pub(super) fn unreadable(
    table: &str,
    id: impl std::fmt::Display,
    e: rusqlite::Error,
) -> rusqlite::Error {
    match e {
        rusqlite::Error::FromSqlConversionFailure(i, t, cause) => {
            rusqlite::Error::FromSqlConversionFailure(
                i,
                t,
                format!("{table} row {id}: {cause}").into(),
            )
        }
        rusqlite::Error::InvalidColumnType(i, name, t) => {
            rusqlite::Error::FromSqlConversionFailure(
                i,
                t,
                format!("{table} row {id}: column {name} holds {t}").into(),
            )
        }
        other => other,
    }
}

/// Reads one row of `table` with `read`; if it cannot be read, the error names the table and the
/// row (its id, in column `id_column`).
pub(super) fn read_row<T>(
    table: &str,
    row: &Row<'_>,
    id_column: usize,
    read: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    read(row).map_err(|e| {
        let id = row.get::<_, rusqlite::types::Value>(id_column).map_or_else(
            |_| "?".to_owned(),
            |v| match v {
                rusqlite::types::Value::Integer(n) => n.to_string(),
                rusqlite::types::Value::Text(t) => t,
                _ => "?".to_owned(),
            },
        );
        unreadable(table, id, e)
    })
}

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
    read_iso(text).ok_or_else(|| {
        let why = format!("{text:?} is not a date written as YYYY-MM-DD");
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, why.into())
    })
}
