//! Dates as the therapist types them, and as a CSV file holds them: one reader for every date
//! field of every form and of the import, so a date refused in one is refused in all.
//!
//! A date is ISO, `YYYY-MM-DD`, with a four-digit year: chrono alone would read `24-01-01` as the
//! year 24. And it is a date of this practice: from 1900 to next year. Each form bounds its
//! dates further (no session in the future, a course ends after it starts).

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};

/// How a date is written down everywhere but in a sentence: the database, files, JSON.
const ISO: &str = "%Y-%m-%d";

/// A date written down: `2025-03-14`. The one format of every stored or exported date.
pub fn iso(date: NaiveDate) -> String {
    date.format(ISO).to_string()
}

/// A date as [`iso`] wrote it, read back without bounds; `None` when it is not one.
pub fn read_iso(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), ISO).ok()
}

/// The first year a date may have.
const FIRST_YEAR: i32 = 1900;

/// A date typed for `field` (`2025-03-14`), or a message for that field. `today` bounds the
/// year: from 1900 to next year.
pub(crate) fn parse_date_for(
    field: &'static str,
    text: &str,
    today: NaiveDate,
) -> Result<NaiveDate> {
    let text = text.trim();
    let mut parts = text.split('-');
    let (Some(year), Some(month), Some(day), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Error::invalid(field, "Enter a real date, like 2025-03-14."));
    };
    let number = |part: &str, most: usize| {
        (!part.is_empty() && part.len() <= most && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (number(year, 9), number(month, 2), number(day, 2)) else {
        return Err(Error::invalid(field, "Enter a real date, like 2025-03-14."));
    };
    if year.len() != 4 {
        return Err(Error::invalid(
            field,
            "Write the year with four digits, like 2025-03-14.",
        ));
    }
    let last_year = today.year() + 1;
    let y = i32::try_from(y).unwrap_or(i32::MAX);
    if y < FIRST_YEAR {
        return Err(Error::invalid(
            field,
            format!("Enter a date from {FIRST_YEAR} to {last_year}."),
        ));
    }
    if y > last_year {
        return Err(Error::invalid(
            field,
            format!("The date is too far in the future; enter one up to {last_year}."),
        ));
    }
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| Error::invalid(field, "Enter a real date, like 2025-03-14."))
}

/// A date as it was stored, once checked by [`parse_date_for`]: read without its bounds, which
/// `today` has moved since.
pub(crate) fn stored_date(field: &'static str, text: &str) -> Result<NaiveDate> {
    read_iso(text).ok_or_else(|| Error::invalid(field, "Enter a real date, like 2025-03-14."))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
    }

    fn message(text: &str) -> String {
        match parse_date_for("date", text, today()) {
            Err(Error::Invalid {
                field: "date",
                message,
            }) => message,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn iso_dates_with_a_four_digit_year_are_read() {
        let day = NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
        for text in ["2025-03-04", " 2025-3-4 ", "2025-03-4"] {
            assert_eq!(
                parse_date_for("date", text, today()).unwrap(),
                day,
                "{text}"
            );
        }
        assert!(parse_date_for("date", "1900-01-01", today()).is_ok());
        assert!(
            parse_date_for("date", "2026-12-31", today()).is_ok(),
            "next year"
        );
    }

    #[test]
    fn a_short_year_or_one_out_of_range_is_refused_with_a_sentence() {
        for text in ["24-01-01", "025-01-01", "20250-01-01"] {
            assert_eq!(
                message(text),
                "Write the year with four digits, like 2025-03-14.",
                "{text}"
            );
        }
        for text in ["0001-01-01", "1899-12-31"] {
            assert_eq!(message(text), "Enter a date from 1900 to 2026.", "{text}");
        }
        for text in ["2027-01-01", "9999-12-31"] {
            assert_eq!(
                message(text),
                "The date is too far in the future; enter one up to 2026.",
                "{text}"
            );
        }
        for text in [
            "",
            "2025-13-01",
            "2025-02-30",
            "14/03/2025",
            "2025-03-14T10:00",
            "+2025-03-14",
            "2025--03-14",
        ] {
            assert_eq!(
                message(text),
                "Enter a real date, like 2025-03-14.",
                "{text}"
            );
        }
    }
}
