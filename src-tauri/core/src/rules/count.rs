//! Counting one entry: how many of its logged minutes the program accepts, and why.
//!
//! A therapist logs what happened; the rule set decides what counts. The logged time is always
//! kept, and whenever the counted time differs the entry carries a typed reason, so the screen,
//! the command line and the printed form all explain the same difference in the same words.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::set::{Activity, Category, Counting, Format, RuleSet};
use super::text::{capitalized, format_date, format_minutes, join_words};
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

/// Whether a credentials string ("PT, CST-D") holds one of `accepted` as a whole token,
/// ignoring case: "cst-t" matches CST-T, "RCST" does not match CST.
pub fn holds_credential(credentials: &str, accepted: &[String]) -> bool {
    let accepted: Vec<String> = accepted.iter().flat_map(|a| credential_tokens(a)).collect();
    credential_tokens(credentials).any(|token| accepted.contains(&token))
}

/// The credentials in a string, uppercased: split on commas, semicolons, slashes, whitespace
/// and brackets; typographic dashes read as hyphens; a trailing full stop dropped.
pub(crate) fn credential_tokens(credentials: &str) -> impl Iterator<Item = String> + '_ {
    credentials
        .split(|c: char| c.is_whitespace() || ",;/()[]".contains(c))
        .map(|token| token.trim_end_matches('.'))
        .filter(|token| !token.is_empty())
        .map(|token| {
            token
                .chars()
                .map(|c| match c {
                    '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                    c => c,
                })
                .flat_map(char::to_uppercase)
                .collect()
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::default_rule_set;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// An entry that meets every condition, on a day every category counts.
    fn entry(activity: &str, minutes: i64) -> EntryFacts {
        EntryFacts {
            date: day(2020, 3, 15),
            activity: activity.into(),
            format: Format::InPerson,
            minutes,
            days: None,
            provider_credentials: "CST-D".into(),
            certified_mentor: true,
            endorsed: true,
        }
    }

    fn count(entry: &EntryFacts) -> Counted {
        count_entry(default_rule_set().unwrap(), entry).unwrap()
    }

    fn messages(counted: &Counted) -> Vec<String> {
        counted.messages()
    }

    fn field_of(result: Result<Counted>) -> &'static str {
        match result {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn as_logged_activities_count_what_was_logged() {
        for key in [
            "receiving_treatment",
            "small_group",
            "large_group",
            "csir_call",
            "one_to_one",
        ] {
            let counted = count(&entry(key, 517));
            assert_eq!(counted.minutes, 517, "{key}");
            assert!(counted.reasons.is_empty(), "{key}");
        }
    }

    #[test]
    fn every_activity_of_the_contract_exists_in_its_category() {
        let set = default_rule_set().unwrap();
        for (key, category) in [
            ("receiving_treatment", Category::A),
            ("small_group", Category::B),
            ("large_group", Category::B),
            ("study_group", Category::B),
            ("clinical_applications", Category::B),
            ("eyp_recording", Category::B),
            ("beyond_the_dura", Category::B),
            ("precepting_advanced", Category::B),
            ("intensive_therapy", Category::B),
            ("csir_call", Category::B),
            ("one_to_one", Category::C),
        ] {
            assert_eq!(set.activity(key).unwrap().category, category, "{key}");
        }
    }

    #[test]
    fn clinical_applications_and_beyond_the_dura_are_capped_at_6_h() {
        for key in ["clinical_applications", "beyond_the_dura"] {
            let below = count(&entry(key, 359));
            assert_eq!((below.minutes, below.reasons.len()), (359, 0), "{key}");
            let exactly = count(&entry(key, 360));
            assert_eq!((exactly.minutes, exactly.reasons.len()), (360, 0), "{key}");
            let above = count(&entry(key, 480));
            assert_eq!(above.minutes, 360, "{key}");
            assert_eq!(above.reasons.len(), 1);
        }
        assert_eq!(
            messages(&count(&entry("clinical_applications", 480))),
            ["Counted 6 h of 8 h logged: a clinical applications class counts up to 6 h."]
        );
        assert_eq!(
            messages(&count(&entry("beyond_the_dura", 361))),
            ["Counted 6 h of 6 h 1 min logged: a Beyond the Dura conference counts up to 6 h."]
        );
    }

    #[test]
    fn study_groups_and_recordings_count_1_h_each() {
        for key in ["study_group", "eyp_recording"] {
            let exact = count(&entry(key, 60));
            assert_eq!((exact.minutes, exact.reasons.len()), (60, 0), "{key}");
            let longer = count(&entry(key, 120));
            assert_eq!((longer.minutes, longer.reasons.len()), (60, 1), "{key}");
            let shorter = count(&entry(key, 45));
            assert_eq!((shorter.minutes, shorter.reasons.len()), (60, 1), "{key}");
        }
        assert_eq!(
            messages(&count(&entry("study_group", 120))),
            ["Counted 1 h of 2 h logged: a study group counts as 1 h."]
        );
        assert_eq!(
            messages(&count(&entry("eyp_recording", 45))),
            ["Counted 1 h of 45 min logged: an Empower Your Practice recording counts as 1 h."]
        );
    }

    #[test]
    fn precepting_and_intensive_therapy_count_1_h_30_per_day() {
        for key in ["precepting_advanced", "intensive_therapy"] {
            let mut e = entry(key, 8 * 60 * 3);
            e.days = Some(3);
            let counted = count(&e);
            assert_eq!(counted.minutes, 270, "{key}");
            assert_eq!(counted.reasons.len(), 1);
            e.minutes = 90;
            e.days = Some(1);
            assert_eq!(
                count(&e),
                Counted {
                    minutes: 90,
                    reasons: vec![]
                }
            );
        }
        let mut e = entry("precepting_advanced", 480);
        e.days = Some(1);
        assert_eq!(
            messages(&count(&e)),
            [
                "Counted 1 h 30 min of 8 h logged: precepting an Advanced CranioSacral Therapy \
              workshop counts 1 h 30 min a day, for 1 day."
            ]
        );
        e.days = Some(2);
        assert!(messages(&count(&e))[0].ends_with("for 2 days."));
    }

    #[test]
    fn a_per_day_activity_needs_its_days() {
        let set = default_rule_set().unwrap();
        let mut e = entry("intensive_therapy", 480);
        assert_eq!(field_of(count_entry(set, &e)), "days");
        e.days = Some(0);
        assert_eq!(field_of(count_entry(set, &e)), "days");
        // Days on another activity are ignored.
        let mut e = entry("small_group", 120);
        e.days = Some(4);
        assert_eq!(count(&e).minutes, 120);
    }

    #[test]
    fn unknown_activities_and_negative_minutes_are_field_errors() {
        let set = default_rule_set().unwrap();
        assert_eq!(field_of(count_entry(set, &entry("yoga", 60))), "activity");
        assert_eq!(
            field_of(count_entry(set, &entry("small_group", -1))),
            "minutes"
        );
        assert_eq!(count(&entry("small_group", 0)).minutes, 0);
    }

    #[test]
    fn each_category_counts_from_its_start_date() {
        for (key, first) in [
            ("receiving_treatment", day(2014, 1, 1)),
            ("small_group", day(2013, 5, 1)),
            ("study_group", day(2013, 5, 1)),
            ("one_to_one", day(2014, 5, 1)),
        ] {
            let mut e = entry(key, 60);
            e.date = first;
            assert_eq!(count(&e).minutes, 60, "{key} on {first}");
            e.date = first.pred_opt().unwrap();
            let counted = count(&e);
            assert_eq!(counted.minutes, 0, "{key} the day before {first}");
            assert!(matches!(
                counted.reasons[..],
                [CountReason::BeforeStartDate { counts_from, .. }] if counts_from == first
            ));
        }
        let mut e = entry("one_to_one", 60);
        e.date = day(2014, 4, 30);
        assert_eq!(
            messages(&count(&e)),
            ["Before 1 May 2014, category C hours do not count."]
        );
        let mut e = entry("receiving_treatment", 60);
        e.date = day(2013, 12, 31);
        assert_eq!(
            messages(&count(&e)),
            ["Before 1 January 2014, category A hours do not count."]
        );
    }

    #[test]
    fn category_a_counts_only_in_person() {
        let mut e = entry("receiving_treatment", 60);
        e.format = Format::Virtual;
        let counted = count(&e);
        assert_eq!(counted.minutes, 0);
        assert_eq!(
            messages(&counted),
            ["Category A counts only treatment received in person."]
        );
        for key in ["small_group", "large_group", "one_to_one", "csir_call"] {
            let mut e = entry(key, 60);
            e.format = Format::Virtual;
            assert_eq!(count(&e).minutes, 60, "{key}");
        }
    }

    #[test]
    fn category_a_needs_a_cst_credential() {
        for good in [
            "CST",
            "CST-T",
            "CST-D",
            "cst-t",
            "PT, CST-D",
            "LMT/CST",
            "D.O.; cst-d",
            "Erin Riley PT CST-D",
            "PT (CST-D)",
            "CST\u{2013}D",
            "PT, CST-D.",
        ] {
            let mut e = entry("receiving_treatment", 60);
            e.provider_credentials = good.into();
            assert_eq!(count(&e).minutes, 60, "{good}");
        }
        for bad in [
            "RCST",
            "",
            "  ",
            "PT, LMT",
            "CST-X",
            "CSTD",
            "RCST, BCST",
            "CS1",
        ] {
            let mut e = entry("receiving_treatment", 60);
            e.provider_credentials = bad.into();
            let counted = count(&e);
            assert_eq!(counted.minutes, 0, "{bad}");
            assert!(
                matches!(counted.reasons[..], [CountReason::CredentialMissing { .. }]),
                "{bad}"
            );
        }
        let mut e = entry("receiving_treatment", 60);
        e.provider_credentials = "RCST".into();
        assert_eq!(
            messages(&count(&e)),
            ["Category A counts only treatment received from a provider who holds CST, CST-T or \
              CST-D; this provider's credentials (\"RCST\") do not include one."]
        );
        e.provider_credentials = String::new();
        assert!(messages(&count(&e))[0].ends_with("no credentials are entered for this provider."));
        // Other activities do not look at credentials.
        let mut e = entry("small_group", 60);
        e.provider_credentials = "RCST".into();
        assert_eq!(count(&e).minutes, 60);
    }

    #[test]
    fn extended_trainings_need_endorsement() {
        for key in [
            "study_group",
            "clinical_applications",
            "beyond_the_dura",
            "precepting_advanced",
            "intensive_therapy",
            "csir_call",
        ] {
            let mut e = entry(key, 120);
            e.days = Some(1);
            e.endorsed = false;
            let counted = count(&e);
            assert_eq!(counted.minutes, 0, "{key}");
            assert!(
                matches!(counted.reasons[..], [CountReason::NotEndorsed { .. }]),
                "{key}"
            );
        }
        for key in ["small_group", "large_group", "eyp_recording", "one_to_one"] {
            let mut e = entry(key, 60);
            e.endorsed = false;
            assert_eq!(count(&e).minutes, 60, "{key}");
        }
        let mut e = entry("clinical_applications", 480);
        e.endorsed = false;
        assert_eq!(
            messages(&count(&e)),
            [
                "A clinical applications class counts only when it is run by someone properly \
              endorsed or affiliated; this one is marked as not endorsed."
            ]
        );
    }

    #[test]
    fn one_to_one_needs_a_certified_mentor() {
        let mut e = entry("one_to_one", 90);
        e.certified_mentor = false;
        let counted = count(&e);
        assert_eq!(counted.minutes, 0);
        assert_eq!(
            messages(&counted),
            ["Category C counts only 1x1 mentorship with a certified mentor; this mentor is not \
              marked as certified."]
        );
        e.format = Format::Virtual;
        e.certified_mentor = true;
        assert_eq!(count(&e).minutes, 90);
        let mut e = entry("small_group", 90);
        e.certified_mentor = false;
        assert_eq!(count(&e).minutes, 90);
    }

    #[test]
    fn every_failed_condition_is_listed() {
        let mut e = entry("receiving_treatment", 60);
        e.date = day(2013, 1, 1);
        e.format = Format::Virtual;
        e.provider_credentials = "RCST".into();
        let counted = count(&e);
        assert_eq!(counted.minutes, 0);
        assert_eq!(counted.reasons.len(), 3);
        // A disqualified entry never also claims to be capped.
        let mut e = entry("clinical_applications", 600);
        e.endorsed = false;
        assert_eq!(count(&e).reasons.len(), 1);
    }

    #[test]
    fn facts_read_from_json_default_to_endorsed() {
        let e: EntryFacts = serde_json::from_value(serde_json::json!({
            "date": "2020-01-02", "activity": "study_group", "format": "virtual", "minutes": 60
        }))
        .unwrap();
        assert!(e.endorsed);
        assert!(!e.certified_mentor);
        assert_eq!(e.days, None);
    }

    #[test]
    fn reasons_serialise_with_a_kind() {
        let reason = CountReason::BeforeStartDate {
            category: Category::C,
            counts_from: day(2014, 5, 1),
        };
        assert_eq!(
            serde_json::to_value(&reason).unwrap(),
            serde_json::json!({"kind": "before_start_date", "category": "C", "counts_from": "2014-05-01"})
        );
    }
}
