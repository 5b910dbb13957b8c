//! How the rules speak: durations and dates written the way a therapist reads them.
//!
//! Hours are shown as "2 h 30 min", never "2.5": a decimal invites rounding, and minutes are
//! exact. Dates in sentences spell the month ("1 May 2014") so no reader mistakes 5/1 for 1/5.

use chrono::NaiveDate;

use crate::model::read_iso;

/// Minutes as hours and minutes: "2 h 30 min", "45 min", "6 h", "0 min".
pub fn format_minutes(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let magnitude = minutes.unsigned_abs();
    let (hours, rest) = (magnitude / 60, magnitude % 60);
    match (hours, rest) {
        (0, rest) => format!("{sign}{rest} min"),
        (hours, 0) => format!("{sign}{hours} h"),
        (hours, rest) => format!("{sign}{hours} h {rest} min"),
    }
}

/// A date with the month spelled out in English: "1 May 2014".
pub fn format_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// A stored date spelled out ("1 May 2014"); one that does not read as a date, as stored.
pub(crate) fn format_iso_date(iso: &str) -> String {
    read_iso(iso).map_or_else(|| iso.to_owned(), format_date)
}

/// The sentence's first letter in capitals: "a study group" → "A study group".
pub(crate) fn capitalized(phrase: &str) -> String {
    let mut chars = phrase.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "x", "x or y", "x, y or z" (with `or`, or any other joining word).
pub(crate) fn join_words(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., tail] => format!("{} {last} {tail}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_read_as_hours_and_minutes() {
        assert_eq!(format_minutes(150), "2 h 30 min");
        assert_eq!(format_minutes(45), "45 min");
        assert_eq!(format_minutes(360), "6 h");
        assert_eq!(format_minutes(0), "0 min");
        assert_eq!(format_minutes(61), "1 h 1 min");
        assert_eq!(format_minutes(-90), "-1 h 30 min");
        assert_eq!(format_minutes(i64::MIN), "-153722867280912930 h 8 min");
    }

    #[test]
    fn dates_spell_the_month() {
        let date = NaiveDate::from_ymd_opt(2014, 5, 1).unwrap();
        assert_eq!(format_date(date), "1 May 2014");
        let date = NaiveDate::from_ymd_opt(2013, 12, 31).unwrap();
        assert_eq!(format_date(date), "31 December 2013");
    }

    #[test]
    fn words_join_as_in_a_sentence() {
        let words = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_words(&words(&[]), "or"), "");
        assert_eq!(join_words(&words(&["CST"]), "or"), "CST");
        assert_eq!(join_words(&words(&["CST", "CST-D"]), "or"), "CST or CST-D");
        assert_eq!(
            join_words(&words(&["CST", "CST-T", "CST-D"]), "or"),
            "CST, CST-T or CST-D"
        );
        assert_eq!(capitalized("a study group"), "A study group");
        assert_eq!(capitalized("élan"), "Élan");
        assert_eq!(capitalized(""), "");
    }
}
