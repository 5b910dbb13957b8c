//! A mentorship entry as the therapist logs it, and the checks it passes before it is saved.
//!
//! The form, the CSV import and the command line all hand in an [`EntryDraft`] (hours as typed
//! text), and all get the same validation and the same messages, each naming its field.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::typed::clean;
use super::EntryLock;
use crate::error::{quoted, Error, Result};
use crate::rules::{count_entry, Category, Counted, Counting, EntryFacts, Format, RuleSet};

/// An entry as typed in the form or read from a CSV row, before validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct EntryDraft {
    /// ISO date, `YYYY-MM-DD`; not in the future.
    pub date: String,
    /// Activity key of the rule set, e.g. `small_group`.
    pub activity: String,
    /// In person or virtual; `None` until the therapist says which (nothing is chosen for them:
    /// category A counts only treatment received in person).
    pub format: Option<Format>,
    /// Hours as typed: `1.5`, `1,5`, `1:30` or `2`. Empty for activities counted per day.
    pub hours: String,
    /// Days, for activities counted per day (1–31).
    pub days: Option<u32>,
    /// The mentor or provider from the directory, if chosen there.
    #[specta(type = Option<specta_typescript::Number>)]
    pub mentor_id: Option<i64>,
    /// The mentor's or provider's name as typed.
    pub provider: String,
    /// Their credentials, e.g. "PT, CST-D".
    pub provider_credentials: String,
    /// They are a certified mentor (what 1x1 mentorship needs).
    pub certified_mentor: bool,
    /// The training is run by someone properly endorsed or affiliated.
    pub endorsed: bool,
    /// Free notes.
    pub notes: String,
}

/// A stored entry as the Hours view and the dashboard show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Entry {
    /// Its id.
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    /// The activity's category.
    pub category: Category,
    /// The activity's name, from the rule set.
    pub activity_label: String,
    /// Logged minutes (`None` for per-day activities, which log days).
    #[specta(type = Option<specta_typescript::Number>)]
    pub logged_minutes: Option<i64>,
    /// What the rules count of it.
    #[specta(type = specta_typescript::Number)]
    pub counted_minutes: i64,
    /// Why the counted time differs from the logged time, as sentences; empty when it does not.
    pub reasons: Vec<String>,
    /// The entry as the form edits it.
    pub draft: EntryDraft,
    /// Minutes claimed from it by submissions, whatever their state; never counted again.
    #[specta(type = specta_typescript::Number)]
    pub claimed_minutes: i64,
    /// The submission that keeps it from being edited or deleted, when one does: a sent or
    /// credited one if there is one, else a draft.
    pub locked_by: Option<EntryLock>,
}

/// An entry just deleted, with the files that were attached to it: what an undo needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct DeletedEntry {
    /// The entry as it was.
    pub entry: Entry,
    /// Its attachments as they were.
    pub attachments: Vec<super::Attachment>,
}

/// Which entries the Hours view asks for, sorted how, and which slice of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct EntryQuery {
    /// Only this category.
    pub category: Option<Category>,
    /// Only this activity key.
    pub activity: Option<String>,
    /// From this ISO date on.
    pub from: Option<String>,
    /// Up to this ISO date.
    pub to: Option<String>,
    /// Only entries whose provider name contains this.
    pub provider: Option<String>,
    /// Only entries that count less than logged.
    pub counted_less: bool,
    /// Words to find in the provider, credentials, activity or notes.
    pub search: String,
    /// The order.
    pub sort: EntrySort,
    /// Rows to skip.
    pub offset: u32,
    /// Rows to return (at most 500).
    pub limit: u32,
}

/// The orders the Hours table offers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum EntrySort {
    /// Newest first.
    #[default]
    DateDesc,
    /// Oldest first.
    DateAsc,
    /// By category, then newest first.
    Category,
    /// By activity key.
    Activity,
    /// By provider name.
    Provider,
    /// Most logged first.
    LoggedDesc,
    /// Most counted first.
    CountedDesc,
}

/// One slice of the entries that match a query, and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct EntryPage {
    /// All entries matching the query.
    #[specta(type = specta_typescript::Number)]
    pub total: i64,
    /// The slice asked for.
    pub rows: Vec<Entry>,
}

/// A checked entry, ready to store, with what the rules count of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidEntry {
    /// The day.
    pub date: NaiveDate,
    /// Activity key.
    pub activity: String,
    /// The activity's category.
    pub category: Category,
    /// In person or virtual.
    pub format: Format,
    /// Logged minutes; `None` for activities counted per day.
    pub minutes: Option<i64>,
    /// Days, for activities counted per day.
    pub days: Option<u32>,
    /// Directory link.
    pub mentor_id: Option<i64>,
    /// Provider name.
    pub provider: String,
    /// Provider credentials.
    pub provider_credentials: String,
    /// Certified mentor.
    pub certified_mentor: bool,
    /// Endorsed.
    pub endorsed: bool,
    /// Notes.
    pub notes: String,
    /// What the rules count, and why it differs from what was logged.
    pub counted: Counted,
}

impl EntryDraft {
    /// Checks every field against the rule set; `today` bounds the date.
    pub fn validated(&self, rules: &RuleSet, today: NaiveDate) -> Result<ValidEntry> {
        let date = super::parse_date_for("date", &self.date, today)?;
        if date > today {
            return Err(Error::invalid(
                "date",
                "The date is in the future; log hours once they have happened.",
            ));
        }
        let key = self.activity.trim();
        let activity = rules.activity(key).map_err(|_| {
            Error::invalid(
                "activity",
                if key.is_empty() {
                    "Choose an activity.".to_owned()
                } else {
                    format!("Choose an activity; {} is not one.", quoted(key))
                },
            )
        })?;
        let per_day = matches!(activity.counting, Counting::PerDay { .. });
        let (minutes, days) = if per_day {
            match self.days {
                Some(d @ 1..=31) => (None, Some(d)),
                _ => {
                    return Err(Error::invalid(
                        "days",
                        "Enter the number of days, from 1 to 31.",
                    ))
                }
            }
        } else {
            (
                Some(parse_hours(&self.hours).map_err(|m| Error::invalid("hours", m))?),
                None,
            )
        };
        let format = self
            .format
            .ok_or_else(|| Error::invalid("format", "Say whether it was in person or virtual."))?;
        let provider = clean("provider", "The mentor or provider", &self.provider, 120)?;
        let provider_credentials = clean(
            "provider_credential",
            "Credentials",
            &self.provider_credentials,
            120,
        )?;
        let notes = clean("notes", "Notes", &self.notes, 4000)?;
        let facts = EntryFacts {
            date,
            activity: activity.key.clone(),
            format,
            // A per-day activity logs days, not time: it counts in full, days × the day rate.
            minutes: activity.counting.logged_minutes(minutes, days),
            days,
            provider_credentials: provider_credentials.clone(),
            certified_mentor: self.certified_mentor,
            endorsed: self.endorsed,
        };
        let counted = count_entry(rules, &facts)?;
        Ok(ValidEntry {
            date,
            activity: activity.key.clone(),
            category: activity.category,
            format,
            minutes,
            days,
            mentor_id: self.mentor_id,
            provider,
            provider_credentials,
            certified_mentor: self.certified_mentor,
            endorsed: self.endorsed,
            notes,
            counted,
        })
    }
}

/// Hours as people type them, to whole minutes: `1.5`, `1,5` (decimal comma), `1:30`, `2`,
/// `1.5 h`, `1h15`, `1 h 30 min`, `90 min`. More than 0 and at most 24 hours; a fraction must
/// come to whole minutes.
pub fn parse_hours(text: &str) -> Result<i64, String> {
    match minutes_as_typed(text)? {
        0 => Err("Enter more than 0 hours.".to_owned()),
        minutes @ 1..=1440 => Ok(minutes),
        _ => Err("One entry can be at most 24 hours; log longer events day by day.".to_owned()),
    }
}

/// Hours typed into a form, read as the engine reads them: the minutes and how they are shown
/// ("1 h 15 min"), so the form can say under the field how it understood them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct HoursReading {
    /// The minutes, when the text is valid hours.
    #[specta(type = Option<specta_typescript::Number>)]
    pub minutes: Option<i64>,
    /// "1 h 15 min" when valid; otherwise what is wrong, as the field would say on saving.
    pub words: String,
}

/// How `text` reads as the hours of an entry (see [`parse_hours`]).
pub fn read_hours(text: &str) -> HoursReading {
    match parse_hours(text) {
        Ok(minutes) => HoursReading {
            minutes: Some(minutes),
            words: crate::rules::format_minutes(minutes),
        },
        Err(message) => HoursReading {
            minutes: None,
            words: message,
        },
    }
}

/// One piece of typed hours: a number, or a unit after it.
#[derive(Debug, PartialEq)]
enum Piece<'a> {
    Number(&'a str),
    Hours,
    Minutes,
}

/// Splits "1 h 30 min", "1h15", "90 min" into numbers and units; `None` for anything else.
fn pieces(text: &str) -> Option<Vec<Piece<'_>>> {
    let mut found = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let is_number = |c: char| c.is_ascii_digit() || c == '.' || c == ',';
        let first = rest.chars().next()?;
        let end = if is_number(first) {
            rest.find(|c: char| !is_number(c)).unwrap_or(rest.len())
        } else {
            rest.find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len())
        };
        let (piece, after) = rest.split_at(end);
        found.push(if is_number(first) {
            Piece::Number(piece)
        } else {
            match piece.to_lowercase().as_str() {
                "h" | "hr" | "hrs" | "hour" | "hours" => Piece::Hours,
                "m" | "min" | "mins" | "minute" | "minutes" => Piece::Minutes,
                _ => return None,
            }
        });
        if end == 0 {
            return None;
        }
        rest = after.trim_start();
    }
    Some(found)
}

/// Hours as people type them (see [`parse_hours`]), to whole minutes, with no upper bound.
pub(crate) fn minutes_as_typed(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let bad = || {
        format!(
            "Enter hours like 1.5, 1:30 or 1 h 30 min ({} is not).",
            quoted(text)
        )
    };
    if text.is_empty() {
        return Err("Enter the hours, like 1.5 or 1:30.".to_owned());
    }
    if text.contains(':') {
        let text = text.trim_end_matches(['h', 'H']).trim();
        let (h, m) = text.split_once(':').ok_or_else(bad)?;
        if m.len() != 2 {
            return Err(bad());
        }
        let h: i64 = digits(h).ok_or_else(bad)?;
        let m: i64 = digits(m).filter(|m| *m < 60).ok_or_else(bad)?;
        return h
            .checked_mul(60)
            .and_then(|h| h.checked_add(m))
            .ok_or_else(bad);
    }
    let whole_minutes = |m: &str, limit: Option<i64>| -> Result<i64, String> {
        digits(m)
            .filter(|m| limit.is_none_or(|l| *m < l))
            .ok_or_else(bad)
    };
    match pieces(text).ok_or_else(bad)?.as_slice() {
        [Piece::Number(n)] | [Piece::Number(n), Piece::Hours] => {
            decimal_hours(n).ok_or_else(bad)?
        }
        [Piece::Number(m), Piece::Minutes] => whole_minutes(m, None),
        [Piece::Number(h), Piece::Hours, Piece::Number(m)]
        | [Piece::Number(h), Piece::Hours, Piece::Number(m), Piece::Minutes] => {
            let h = digits(h).ok_or_else(bad)?;
            let m = whole_minutes(m, Some(60))?;
            h.checked_mul(60)
                .and_then(|h| h.checked_add(m))
                .ok_or_else(bad)
        }
        _ => Err(bad()),
    }
}

/// "1.5", "1,25", ",5", "2" as minutes; `Some(Err)` when the fraction is not whole minutes,
/// `None` when it is not a number.
fn decimal_hours(text: &str) -> Option<Result<i64, String>> {
    let (whole, fraction) = text.split_once(['.', ',']).unwrap_or((text, ""));
    let whole = if whole.is_empty() {
        if fraction.is_empty() {
            return None;
        }
        0
    } else {
        digits(whole)?
    };
    let (numerator, scale) = if fraction.is_empty() {
        (0, 1)
    } else if fraction.len() <= 6 {
        (digits(fraction)?, 10_i64.pow(fraction.len() as u32))
    } else {
        return None;
    };
    if (numerator * 60) % scale != 0 {
        return Some(Err(format!(
            "{text} h is not a whole number of minutes; round it, e.g. 1.25 or 1:15."
        )));
    }
    whole
        .checked_mul(60)
        .and_then(|m| m.checked_add(numerator * 60 / scale))
        .map(Ok)
}

fn digits(text: &str) -> Option<i64> {
    (!text.is_empty() && text.len() <= 9 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::default_rule_set;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
    }

    fn draft(activity: &str) -> EntryDraft {
        EntryDraft {
            format: Some(Format::Virtual),
            provider_credentials: "CST-D".into(),
            ..crate::testing::entry("2025-03-14", activity, "1.5")
        }
    }

    fn field(result: Result<ValidEntry>) -> &'static str {
        match result {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn the_format_is_never_chosen_for_the_therapist() {
        let rules = default_rule_set().unwrap();
        let unsaid = EntryDraft {
            format: None,
            ..draft("receiving_treatment")
        };
        match unsaid.validated(rules, today()) {
            Err(Error::Invalid { field, message }) => {
                assert_eq!(field, "format");
                assert_eq!(message, "Say whether it was in person or virtual.");
            }
            other => panic!("expected a refusal at the format, got {other:?}"),
        }
        let said = EntryDraft {
            format: Some(Format::InPerson),
            ..draft("receiving_treatment")
        };
        assert_eq!(
            said.validated(rules, today()).unwrap().format,
            Format::InPerson
        );
    }

    #[test]
    fn hours_are_read_as_people_type_them() {
        for (text, minutes) in [
            ("1.5", 90),
            ("1,5", 90),
            ("1:30", 90),
            ("2", 120),
            (" 0.25 ", 15),
            (",5", 30),
            ("1.5 h", 90),
            ("24", 1440),
            ("0:01", 1),
            // With units, as people write them.
            ("1:15", 75),
            ("1h15", 75),
            ("1 h 30 min", 90),
            ("1h 30m", 90),
            ("2 hours 30 minutes", 150),
            ("90 min", 90),
            ("45m", 45),
            ("1.5H", 90),
            ("1,25 h", 75),
        ] {
            assert_eq!(parse_hours(text), Ok(minutes), "{text}");
        }
    }

    #[test]
    fn the_reading_says_how_the_hours_were_understood() {
        assert_eq!(
            read_hours("1h15"),
            HoursReading {
                minutes: Some(75),
                words: "1 h 15 min".into()
            }
        );
        let wrong = read_hours("1 h 75");
        assert_eq!(wrong.minutes, None);
        assert_eq!(
            wrong.words,
            "Enter hours like 1.5, 1:30 or 1 h 30 min (\"1 h 75\" is not)."
        );
        assert_eq!(read_hours("25").minutes, None);
    }

    #[test]
    fn hours_that_are_not_whole_minutes_or_out_of_range_are_refused() {
        for text in [
            "", "0", "0:00", "24.01", "25", "1.333", "abc", "1:3", "1:75", "-1", "1.5.5", "1e3",
            "1 h 75", "h", "min", "1 min 30", "1.5 h 15", "90 min 1", "2 days", ".", "1 h h",
        ] {
            assert!(parse_hours(text).is_err(), "{text}");
        }
    }

    #[test]
    fn a_valid_entry_is_counted_by_the_rules() {
        let entry = draft("small_group")
            .validated(default_rule_set().unwrap(), today())
            .unwrap();
        assert_eq!(entry.category, Category::B);
        assert_eq!(entry.minutes, Some(90));
        assert_eq!(entry.counted.minutes, 90);
    }

    #[test]
    fn each_bad_field_is_named() {
        let rules = default_rule_set().unwrap();
        let mut d = draft("small_group");
        d.date = "2025-06-02".into();
        assert_eq!(field(d.validated(rules, today())), "date", "future");
        d.date = "14/03/2025".into();
        assert_eq!(field(d.validated(rules, today())), "date");
        let mut d = draft("dancing");
        assert_eq!(field(d.validated(rules, today())), "activity");
        d = draft("small_group");
        d.hours = "lots".into();
        assert_eq!(field(d.validated(rules, today())), "hours");
        d = draft("precepting_advanced");
        assert_eq!(field(d.validated(rules, today())), "days");
        d.days = Some(32);
        assert_eq!(field(d.validated(rules, today())), "days");
    }

    #[test]
    fn per_day_activities_take_days_not_hours() {
        let mut d = draft("precepting_advanced");
        d.hours = String::new();
        d.days = Some(3);
        let entry = d.validated(default_rule_set().unwrap(), today()).unwrap();
        assert_eq!(
            (entry.minutes, entry.days, entry.counted.minutes),
            (None, Some(3), 270)
        );
    }

    #[test]
    fn today_is_not_the_future() {
        let mut d = draft("one_to_one");
        d.date = "2025-06-01".into();
        assert!(d.validated(default_rule_set().unwrap(), today()).is_ok());
    }
}
