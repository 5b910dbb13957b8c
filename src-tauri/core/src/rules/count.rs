//! Counting one entry: how many of its logged minutes the program accepts, and why.
//!
//! A therapist logs what happened; the rule set decides what counts. The logged time is always
//! kept, and whenever the counted time differs the entry carries a typed reason, so the screen,
//! the command line and the printed form all explain the same difference in the same words.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::credentials::holds_credential;
use super::set::{Activity, Category, Counting, Format, RuleSet};
use super::wording::{capitalized, format_date, format_minutes, join_words};
use crate::error::{Error, Result};

/// What the rules need to know about one logged entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct EntryFacts {
    /// The day it took place (for a multi-day event, its first day).
    #[specta(type = String)]
    pub date: NaiveDate,
    /// The activity key, e.g. `small_group`.
    pub activity: String,
    /// In person or virtual.
    pub format: Format,
    /// The time logged, in minutes.
    #[specta(type = specta_typescript::Number)]
    pub minutes: i64,
    /// The number of days, for activities that count per day.
    #[serde(default)]
    pub days: Option<u32>,
    /// The provider's or mentor's credentials as written, e.g. "PT, CST-D".
    #[serde(default)]
    pub provider_credentials: String,
    /// The mentor is a certified mentor of the program.
    #[serde(default)]
    pub certified_mentor: bool,
    /// Run by someone properly endorsed or affiliated (the default: yes).
    #[serde(default = "yes")]
    pub endorsed: bool,
}

fn yes() -> bool {
    true
}

/// The counted minutes of one entry, with the reasons they differ from what was logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Counted {
    /// Minutes that count towards credits.
    #[specta(type = specta_typescript::Number)]
    pub minutes: i64,
    /// Why the counted minutes are not the logged ones; empty when they are.
    pub reasons: Vec<CountReason>,
}

impl Counted {
    /// The reasons as sentences, in order, for a screen or a printed form.
    pub fn messages(&self) -> Vec<String> {
        self.reasons.iter().map(CountReason::message).collect()
    }
}

/// Why an entry counts less (or other) than what was logged. [`CountReason::message`] says it
/// in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CountReason {
    /// The entry is older than the first day its category counts from.
    BeforeStartDate {
        /// The entry's category.
        category: Category,
        /// The first day that counts.
        #[specta(type = String)]
        counts_from: NaiveDate,
    },
    /// The activity does not count in this format.
    FormatNotAllowed {
        /// The entry's category.
        category: Category,
        /// The activity, as a sentence names it.
        phrase: String,
        /// The format logged.
        format: Format,
        /// The formats that count.
        allowed: Vec<Format>,
    },
    /// The provider does not hold a credential the activity needs.
    CredentialMissing {
        /// The entry's category.
        category: Category,
        /// The activity, as a sentence names it.
        phrase: String,
        /// The credentials that would count.
        accepted: Vec<String>,
        /// What was entered.
        given: String,
    },
    /// The training was not run by someone endorsed or affiliated.
    NotEndorsed {
        /// The activity, as a sentence names it.
        phrase: String,
    },
    /// The mentor is not a certified mentor.
    NoCertifiedMentor {
        /// The entry's category.
        category: Category,
        /// The activity, as a sentence names it.
        phrase: String,
    },
    /// Only part of the logged time counts: the activity has a cap per occurrence.
    Capped {
        /// The activity, as a sentence names it.
        phrase: String,
        /// Minutes logged.
        #[specta(type = specta_typescript::Number)]
        logged: i64,
        /// Minutes counted (the cap).
        #[specta(type = specta_typescript::Number)]
        counted: i64,
    },
    /// Each occurrence counts a fixed time, whatever was logged.
    Fixed {
        /// The activity, as a sentence names it.
        phrase: String,
        /// Minutes logged.
        #[specta(type = specta_typescript::Number)]
        logged: i64,
        /// Minutes counted (the fixed amount).
        #[specta(type = specta_typescript::Number)]
        counted: i64,
    },
    /// The activity counts a fixed time per day, whatever was logged.
    PerDay {
        /// The activity, as a sentence names it.
        phrase: String,
        /// Minutes logged.
        #[specta(type = specta_typescript::Number)]
        logged: i64,
        /// Minutes counted (days × minutes per day).
        #[specta(type = specta_typescript::Number)]
        counted: i64,
        /// What one day counts for.
        #[specta(type = specta_typescript::Number)]
        minutes_per_day: i64,
        /// The days logged.
        days: u32,
    },
}

impl CountReason {
    /// The reason in a plain sentence for the therapist.
    pub fn message(&self) -> String {
        match self {
            CountReason::BeforeStartDate {
                category,
                counts_from,
            } => format!(
                "Before {}, category {category} hours do not count.",
                format_date(*counts_from)
            ),
            CountReason::FormatNotAllowed {
                category,
                phrase,
                allowed,
                ..
            } => {
                let ways: Vec<String> = allowed.iter().map(|f| f.adverb().to_owned()).collect();
                format!(
                    "Category {category} counts only {phrase} {}.",
                    join_words(&ways, "or")
                )
            }
            CountReason::CredentialMissing {
                category,
                phrase,
                accepted,
                given,
            } => {
                let holder = format!(
                    "Category {category} counts only {phrase} from a provider who holds {}",
                    join_words(accepted, "or")
                );
                if given.trim().is_empty() {
                    format!("{holder}; no credentials are entered for this provider.")
                } else {
                    format!(
                        "{holder}; this provider's credentials ({}) do not include one.",
                        crate::error::quoted(given)
                    )
                }
            }
            CountReason::NotEndorsed { phrase } => format!(
                "{} counts only when it is run by someone properly endorsed or affiliated; \
                 this one is marked as not endorsed.",
                capitalized(phrase)
            ),
            CountReason::NoCertifiedMentor { category, phrase } => format!(
                "Category {category} counts only {phrase} with a certified mentor; this mentor \
                 is not marked as certified."
            ),
            CountReason::Capped {
                phrase,
                logged,
                counted,
            } => format!(
                "Counted {} of {} logged: {phrase} counts up to {}.",
                format_minutes(*counted),
                format_minutes(*logged),
                format_minutes(*counted)
            ),
            CountReason::Fixed {
                phrase,
                logged,
                counted,
            } => format!(
                "Counted {} of {} logged: {phrase} counts as {}.",
                format_minutes(*counted),
                format_minutes(*logged),
                format_minutes(*counted)
            ),
            CountReason::PerDay {
                phrase,
                logged,
                counted,
                minutes_per_day,
                days,
            } => format!(
                "Counted {} of {} logged: {phrase} counts {} a day, for {days} {}.",
                format_minutes(*counted),
                format_minutes(*logged),
                format_minutes(*minutes_per_day),
                if *days == 1 { "day" } else { "days" }
            ),
        }
    }
}

/// Counts one entry under a rule set.
///
/// An entry that fails a condition (too early, wrong format, missing credential, not endorsed,
/// no certified mentor) counts 0 and lists every condition it fails. Otherwise it counts what
/// the activity's counting rule gives, with a reason whenever that differs from what was logged.
/// Errors: an unknown activity (field `activity`), negative minutes (`minutes`), and a per-day
/// activity without a number of days (`days`).
pub fn count_entry(rule_set: &RuleSet, entry: &EntryFacts) -> Result<Counted> {
    let activity = rule_set.activity(&entry.activity)?;
    if entry.minutes < 0 {
        return Err(Error::invalid(
            "minutes",
            "Enter the time as hours and minutes, zero or more.",
        ));
    }
    let days = match activity.counting {
        Counting::PerDay { .. } => match entry.days {
            Some(days) if days > 0 => days,
            _ => {
                return Err(Error::invalid(
                    "days",
                    format!(
                        "Enter the number of days: {} counts per day.",
                        activity.phrase
                    ),
                ))
            }
        },
        _ => 0,
    };

    let reasons = disqualifiers(rule_set, activity, entry);
    if !reasons.is_empty() {
        return Ok(Counted {
            minutes: 0,
            reasons,
        });
    }

    let phrase = activity.phrase.clone();
    let logged = entry.minutes;
    let (minutes, reason) = match activity.counting {
        Counting::AsLogged => (logged, None),
        Counting::CappedPerOccurrence { max_minutes } => {
            let counted = logged.min(max_minutes);
            let reason = CountReason::Capped {
                phrase,
                logged,
                counted,
            };
            (counted, Some(reason))
        }
        Counting::FixedPerOccurrence { minutes } => {
            let reason = CountReason::Fixed {
                phrase,
                logged,
                counted: minutes,
            };
            (minutes, Some(reason))
        }
        Counting::PerDay { minutes_per_day } => {
            let counted = minutes_per_day.saturating_mul(i64::from(days));
            let reason = CountReason::PerDay {
                phrase,
                logged,
                counted,
                minutes_per_day,
                days,
            };
            (counted, Some(reason))
        }
    };
    let reasons = reason.into_iter().filter(|_| minutes != logged).collect();
    Ok(Counted { minutes, reasons })
}

fn disqualifiers(rule_set: &RuleSet, activity: &Activity, entry: &EntryFacts) -> Vec<CountReason> {
    let category = activity.category;
    let phrase = || activity.phrase.clone();
    let mut reasons = Vec::new();
    let counts_from = rule_set.category(category).counts_from;
    if entry.date < counts_from {
        reasons.push(CountReason::BeforeStartDate {
            category,
            counts_from,
        });
    }
    if !activity.formats.contains(&entry.format) {
        reasons.push(CountReason::FormatNotAllowed {
            category,
            phrase: phrase(),
            format: entry.format,
            allowed: activity.formats.clone(),
        });
    }
    if !activity.provider_credentials.is_empty()
        && !holds_credential(&entry.provider_credentials, &activity.provider_credentials)
    {
        reasons.push(CountReason::CredentialMissing {
            category,
            phrase: phrase(),
            accepted: activity.provider_credentials.clone(),
            given: entry.provider_credentials.clone(),
        });
    }
    if activity.needs_endorsement && !entry.endorsed {
        reasons.push(CountReason::NotEndorsed { phrase: phrase() });
    }
    if activity.needs_certified_mentor && !entry.certified_mentor {
        reasons.push(CountReason::NoCertifiedMentor {
            category,
            phrase: phrase(),
        });
    }
    reasons
}

#[cfg(test)]
mod tests;
