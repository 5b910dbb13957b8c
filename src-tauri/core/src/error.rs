//! Errors: the engine's own enum, and the `{ code, message, field? }` shape the UI receives.
//!
//! What the user can fix (a wrong field, a refused action) travels to the UI as it is. What they
//! cannot fix (SQLite, the file system) is logged in full and reaches the UI as a plain sentence:
//! internals stay out of the window.

use serde::Serialize;
use specta::Type;

/// Everything that can go wrong in the engine.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input the user typed is wrong; `field` names it so the UI can show the message there.
    #[error("{message}")]
    Invalid {
        /// The name of the input, as the UI and the command line know it (e.g. `email`).
        field: &'static str,
        /// What is wrong, in a sentence the user can act on.
        message: String,
    },
    /// The action is not allowed in the current state (e.g. demo data over existing records).
    #[error("{0}")]
    Refused(String),
    /// A record that was asked for does not exist.
    #[error("{0} was not found")]
    NotFound(String),
    /// The database was written by a newer Stillpoint; it is left untouched.
    #[error(
        "This database was written by a newer version of Stillpoint (schema {found}; this version \
         knows up to {supported}). Nothing was changed. Please update Stillpoint to open it."
    )]
    DatabaseTooNew {
        /// The schema version found in the file.
        found: i64,
        /// The newest schema version this build knows.
        supported: i64,
    },
    /// Text cannot be printed: no font on this computer has some of its characters.
    #[error(
        "These characters cannot be printed because no font on this computer has them: \
         {characters}, in \"{text}\". Change the text, or install a font that has them."
    )]
    Unprintable {
        /// The characters, each with its code point: `"\u{E000}" (U+E000)`.
        characters: String,
        /// The text they are in (its start, if long), so the user can find it.
        text: String,
    },
    /// SQLite failed.
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    /// The file system failed.
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
}

/// The engine's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A validation error for one field.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }
}

/// The most characters of a value a message quotes.
const MOST_QUOTED: usize = 60;

/// A value the user gave, quoted in a message: in double quotes, on one line, and cut after its
/// first 60 characters ("…"), so a message about a field of a megabyte is still a sentence. Every
/// message that quotes input quotes it with this. An empty value is not quoted (`""` reads as
/// nothing): the message says what is missing instead.
pub fn quoted(value: &str) -> String {
    format!("\"{}\"", shortened(value))
}

/// A value the user gave, as [`quoted`] shows it, without the quotes: on one line, cut after
/// its first 60 characters.
pub fn shortened(value: &str) -> String {
    let flat: String = value
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match flat.char_indices().nth(MOST_QUOTED) {
        Some((cut, _)) => format!("{}…", flat[..cut].trim_end()),
        None => flat,
    }
}

/// What kind of error the UI is looking at; it decides how it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A field is wrong: shown at that field.
    Invalid,
    /// The action is not allowed now.
    Refused,
    /// The record does not exist (any more).
    NotFound,
    /// The database is newer than this build.
    DatabaseTooNew,
    /// Something the user cannot fix; details are in the log.
    Internal,
}

/// The error as the UI receives it: `{ code, message, field? }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ApiError {
    /// The kind of error.
    pub code: ErrorCode,
    /// A sentence for the user.
    pub message: String,
    /// The input the message belongs to, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl From<Error> for ApiError {
    fn from(error: Error) -> Self {
        let (code, field) = match &error {
            Error::Invalid { field, .. } => (ErrorCode::Invalid, Some((*field).to_owned())),
            Error::Refused(_) | Error::Unprintable { .. } => (ErrorCode::Refused, None),
            Error::NotFound(_) => (ErrorCode::NotFound, None),
            Error::DatabaseTooNew { .. } => (ErrorCode::DatabaseTooNew, None),
            Error::Database(_) | Error::Io(_) => (ErrorCode::Internal, None),
        };
        let full = matches!(&error, Error::Database(rusqlite::Error::SqliteFailure(e, _))
            if matches!(e.code, rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::ReadOnly));
        let message = if full {
            eprintln!("stillpoint: {error}");
            "The disk is full, so Stillpoint cannot save changes now; nothing was changed. \
             Your records can still be read and exported. Free some space, then try again."
                .to_owned()
        } else if code == ErrorCode::Internal {
            eprintln!("stillpoint: internal error: {error}");
            "Stillpoint could not complete this action, and nothing was changed. \
             The details are in the log."
                .to_owned()
        } else {
            error.to_string()
        };
        ApiError {
            code,
            message,
            field,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_field_error_reaches_the_ui_as_code_message_and_field() {
        let api = ApiError::from(Error::invalid(
            "email",
            "Enter an email address like name@example.org.",
        ));
        assert_eq!(
            serde_json::to_value(api).unwrap(),
            json!({"code": "invalid", "message": "Enter an email address like name@example.org.", "field": "email"})
        );
    }

    #[test]
    fn an_error_without_a_field_leaves_field_out() {
        let api = ApiError::from(Error::Refused("The database already has records.".into()));
        assert_eq!(
            serde_json::to_value(api).unwrap(),
            json!({"code": "refused", "message": "The database already has records."})
        );
    }

    #[test]
    fn internal_errors_keep_their_details_out_of_the_ui() {
        let sqlite = rusqlite::Error::InvalidParameterName("secret_table_detail".into());
        let api = ApiError::from(Error::from(sqlite));
        assert_eq!(api.code, ErrorCode::Internal);
        assert!(!api.message.contains("secret_table_detail"));
        assert_eq!(api.field, None);
    }

    #[test]
    fn a_quoted_value_is_cut_and_kept_on_one_line() {
        assert_eq!(quoted(" zoom "), "\"zoom\"");
        assert_eq!(quoted("two\nlines\t"), "\"two lines\"");
        let long = quoted(&"é".repeat(1_000_000));
        assert_eq!(long, format!("\"{}…\"", "é".repeat(60)));
        assert_eq!(quoted(&"x".repeat(60)), format!("\"{}\"", "x".repeat(60)));
    }

    #[test]
    fn a_newer_database_is_explained() {
        let api = ApiError::from(Error::DatabaseTooNew {
            found: 9,
            supported: 1,
        });
        assert_eq!(api.code, ErrorCode::DatabaseTooNew);
        assert!(api.message.contains("newer version of Stillpoint"));
    }
}
