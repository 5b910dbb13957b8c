//! Small helpers for cleaning and checking text the user typed.

use crate::error::{Error, Result};

/// Trims a field and refuses control characters and text longer than `max` characters.
pub(crate) fn clean(field: &'static str, label: &str, value: &str, max: usize) -> Result<String> {
    let value = value.trim();
    if value.chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("{label} can be at most {max} characters long."),
        ));
    }
    if value.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Error::invalid(
            field,
            format!("{label} contains a control character; retype it."),
        ));
    }
    Ok(value.to_owned())
}
