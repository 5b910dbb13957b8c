//! An event of the program's calendar: a virtual mentoring session with its presenter, its time,
//! what it costs, what it asks first, and where the therapist stands with it.
//!
//! Events arrive from a calendar file (`calendar::read_ics`) or, later, from the calendar form;
//! both hand in an [`Event`] and get the same checks and the same messages, each naming its
//! field. (A therapy session with a client stays a *session*: see `model::session`.)

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::typed::clean;
use super::Fee;
use crate::certification::Certification;
use crate::error::{quoted, Error, Result};
use crate::rules::{Category, RuleSet};

/// The activity an event counts as when nothing else is said: large group mentorship (category
/// B), which a virtual session of the program is.
pub const DEFAULT_EVENT_ACTIVITY: &str = "large_group";

/// The longest event: a month (an all-day event may span days).
pub const MOST_EVENT_MINUTES: u32 = 31 * 24 * 60;

/// The years an event may fall in.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Where the therapist stands with an event: interested → registered → attended (live or the
/// recording), or missed. An event nobody has marked has no status (`None` in [`Event`]): the
/// app never marks one for the therapist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// Would like to go.
    Interested,
    /// Registered for it.
    Registered,
    /// Attended it live.
    AttendedLive,
    /// Watched its recording.
    AttendedRecording,
    /// Did not attend.
    Missed,
}

impl EventStatus {
    /// Every status, in the order of an event's life.
    pub const ALL: [EventStatus; 5] = [
        EventStatus::Interested,
        EventStatus::Registered,
        EventStatus::AttendedLive,
        EventStatus::AttendedRecording,
        EventStatus::Missed,
    ];

    /// The key stored and written to files: `interested`, `registered`, `attended_live`,
    /// `attended_recording`, `missed`.
    pub fn key(self) -> &'static str {
        match self {
            EventStatus::Interested => "interested",
            EventStatus::Registered => "registered",
            EventStatus::AttendedLive => "attended_live",
            EventStatus::AttendedRecording => "attended_recording",
            EventStatus::Missed => "missed",
        }
    }

    /// The status with this key.
    pub fn from_key(key: &str) -> Option<EventStatus> {
        EventStatus::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// When an event starts: at an instant, or on a day (all day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventStart {
    /// At an instant, which its time zone shows as a local time.
    Timed {
        /// The instant, in UTC.
        #[specta(type = String)]
        at: DateTime<Utc>,
        /// The IANA time zone the event is given in (`America/New_York`); `None` when it was
        /// given in UTC, or in a zone of the file's own that no IANA zone names.
        time_zone: Option<String>,
    },
    /// All day, on a date (and the days after it its duration covers).
    AllDay {
        /// The first day.
        #[specta(type = String)]
        date: NaiveDate,
    },
}

impl EventStart {
    /// The event's first day, in its own time zone (UTC when it has none).
    pub fn date(&self) -> NaiveDate {
        match self {
            EventStart::AllDay { date } => *date,
            EventStart::Timed { at, time_zone } => time_zone
                .as_deref()
                .and_then(|name| name.parse::<chrono_tz::Tz>().ok())
                .map(|tz| at.with_timezone(&tz).date_naive())
                .unwrap_or_else(|| at.date_naive()),
        }
    }
}

/// An event of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Event {
    /// Its identity across files (iCalendar's `UID`): importing a file again finds the event
    /// by it. An occurrence of a recurring series has one of its own, made from the series'
    /// and its original start.
    pub uid: String,
    /// Its revision (iCalendar's `SEQUENCE`): a file with a higher one updates the event.
    pub sequence: u32,
    /// What it is called.
    pub title: String,
    /// Who presents it, as typed (any script).
    pub presenter: String,
    /// Their credentials, e.g. "CST-D".
    pub presenter_credentials: String,
    /// When it starts.
    pub start: EventStart,
    /// How long it lasts, in minutes (whole days for an all-day event).
    pub duration_minutes: u32,
    /// It can be attended live.
    pub live: bool,
    /// A recording can be bought or watched.
    pub recording: bool,
    /// What attending live costs, when known.
    pub cost_live: Option<Fee>,
    /// What the recording costs, when known.
    pub cost_recording: Option<Fee>,
    /// The course to have taken first (a course key of the certification file, e.g. `CS1`);
    /// empty when none.
    pub prerequisite: String,
    /// How to register, in the organiser's words (write to an address, a password…).
    pub registration_notes: String,
    /// Where it happens or is registered for: an `http(s)` address, or empty.
    pub link: String,
    /// The rule set's activity it counts as when attended (category B).
    pub activity: String,
    /// Where the therapist stands with it; `None` until they say.
    pub status: Option<EventStatus>,
}

impl Event {
    /// Checks every field and returns the event cleaned (invisible characters out, one-line
    /// fields on one line). `rules` knows the activities, `certification` the courses.
    pub fn validated(&self, rules: &RuleSet, certification: &Certification) -> Result<Event> {
        let uid = clean("uid", "The event's identifier", &self.uid, 1000)?;
        if uid.is_empty() {
            return Err(Error::invalid("uid", "The event has no identifier (UID)."));
        }
        if uid.contains('\n') {
            return Err(Error::invalid(
                "uid",
                "The event's identifier (UID) must be on one line.",
            ));
        }
        let title = one_line(&clean("title", "The title", &self.title, 300)?);
        if title.is_empty() {
            return Err(Error::invalid("title", "Enter the event's title."));
        }
        let start = match &self.start {
            EventStart::Timed { at, time_zone } => {
                if !YEARS.contains(&at.year()) {
                    return Err(out_of_years());
                }
                let time_zone = match time_zone.as_deref().map(str::trim) {
                    None | Some("") => None,
                    Some(name) => Some(
                        name.parse::<chrono_tz::Tz>()
                            .map_err(|_| {
                                Error::invalid(
                                    "time_zone",
                                    format!(
                                        "{} is not a time zone; choose one like Europe/Berlin.",
                                        quoted(name)
                                    ),
                                )
                            })?
                            .name()
                            .to_owned(),
                    ),
                };
                EventStart::Timed { at: *at, time_zone }
            }
            EventStart::AllDay { date } => {
                if !YEARS.contains(&date.year()) {
                    return Err(out_of_years());
                }
                EventStart::AllDay { date: *date }
            }
        };
        if self.duration_minutes == 0 {
            return Err(Error::invalid(
                "duration_minutes",
                "Enter how long the event lasts, at least 1 minute.",
            ));
        }
        if self.duration_minutes > MOST_EVENT_MINUTES {
            return Err(Error::invalid(
                "duration_minutes",
                "An event lasts at most 31 days; check its end.",
            ));
        }
        if matches!(start, EventStart::AllDay { .. })
            && !self.duration_minutes.is_multiple_of(24 * 60)
        {
            return Err(Error::invalid(
                "duration_minutes",
                "An all-day event lasts whole days.",
            ));
        }
        if !self.live && !self.recording {
            return Err(Error::invalid(
                "live",
                "Say whether the event is live, recorded, or both.",
            ));
        }
        let cost_live = checked_cost("cost_live", self.cost_live.as_ref())?;
        let cost_recording = checked_cost("cost_recording", self.cost_recording.as_ref())?;
        let prerequisite = self.prerequisite.trim().to_owned();
        if !prerequisite.is_empty() && certification.course(&prerequisite).is_none() {
            return Err(Error::invalid(
                "prerequisite",
                format!(
                    "Choose the prerequisite from the course list, or leave it empty; {} is not \
                     a course.",
                    quoted(&prerequisite)
                ),
            ));
        }
        let link = clean("link", "The link", &self.link, 2000)?;
        if !link.is_empty() && !looks_like_web_address(&link) {
            return Err(Error::invalid(
                "link",
                "Enter the link as a web address starting with https:// (or http://).",
            ));
        }
        let key = self.activity.trim();
        let activity = rules
            .activity(if key.is_empty() {
                DEFAULT_EVENT_ACTIVITY
            } else {
                key
            })
            .map_err(|_| {
                Error::invalid(
                    "activity",
                    format!("Choose an activity; {} is not one.", quoted(key)),
                )
            })?;
        if activity.category != Category::B {
            return Err(Error::invalid(
                "activity",
                format!(
                    "An event counts as a category B activity; {} is in category {}.",
                    activity.label, activity.category
                ),
            ));
        }
        Ok(Event {
            uid,
            sequence: self.sequence,
            title,
            presenter: one_line(&clean("presenter", "The presenter", &self.presenter, 120)?),
            presenter_credentials: one_line(&clean(
                "presenter_credentials",
                "The presenter's credentials",
                &self.presenter_credentials,
                120,
            )?),
            start,
            duration_minutes: self.duration_minutes,
            live: self.live,
            recording: self.recording,
            cost_live,
            cost_recording,
            prerequisite,
            registration_notes: clean(
                "registration_notes",
                "The registration notes",
                &self.registration_notes,
                20_000,
            )?,
            link,
            activity: activity.key.clone(),
            status: self.status,
        })
    }
}

fn out_of_years() -> Error {
    Error::invalid(
        "start",
        format!(
            "An event falls between {} and {}; check its date.",
            YEARS.start(),
            YEARS.end()
        ),
    )
}

/// A cost, checked: at least 0, below ten million, a three-letter currency code in capitals.
fn checked_cost(field: &'static str, cost: Option<&Fee>) -> Result<Option<Fee>> {
    let Some(cost) = cost else { return Ok(None) };
    if !(0..1_000_000_000).contains(&cost.hundredths) {
        return Err(Error::invalid(
            field,
            "A cost is at least 0 and below ten million.",
        ));
    }
    let currency = cost.currency.trim();
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(Error::invalid(
            field,
            "Enter the currency as its three-letter code, like USD or EUR.",
        ));
    }
    Ok(Some(Fee::new(
        cost.hundredths,
        &currency.to_ascii_uppercase(),
    )))
}

/// Text on one line: every run of white space one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An `http://` or `https://` address with a host and no white space.
pub(crate) fn looks_like_web_address(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    matches!(rest, Some(rest) if !rest.is_empty() && !rest.starts_with('/'))
        && !text.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::certification::default_certification;
    use crate::rules::{default_rule_set, Format};
    use chrono::TimeZone;

    fn event() -> Event {
        Event {
            uid: "cs1-review@example.org".into(),
            sequence: 0,
            title: "CS1 review".into(),
            presenter: "Zoë Brennan".into(),
            presenter_credentials: "CST-D".into(),
            start: EventStart::Timed {
                at: Utc.with_ymd_and_hms(2025, 3, 11, 23, 0, 0).unwrap(),
                time_zone: Some("America/New_York".into()),
            },
            duration_minutes: 90,
            live: true,
            recording: true,
            cost_live: Some(Fee::new(2500, "usd")),
            cost_recording: Some(Fee::new(1500, "USD")),
            prerequisite: "CS1".into(),
            registration_notes: "Write to the office;\nthe password is sent back.".into(),
            link: "https://example.org/cs1-review".into(),
            activity: String::new(),
            status: None,
        }
    }

    fn check(event: &Event) -> Result<Event> {
        event.validated(
            default_rule_set().unwrap(),
            default_certification().unwrap(),
        )
    }

    fn field(result: Result<Event>) -> &'static str {
        match result {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn the_default_activity_is_large_group_of_category_b_and_counts_virtual() {
        let rules = default_rule_set().unwrap();
        let activity = rules.activity(DEFAULT_EVENT_ACTIVITY).unwrap();
        assert_eq!(activity.category, Category::B);
        assert!(activity.formats.contains(&Format::Virtual));
    }

    #[test]
    fn a_good_event_is_cleaned_and_gets_the_default_activity() {
        let mut typed = event();
        typed.title = "  CS1\u{200B} review\n again ".into();
        let checked = check(&typed).unwrap();
        assert_eq!(checked.title, "CS1 review again");
        assert_eq!(checked.activity, "large_group");
        assert_eq!(checked.cost_live, Some(Fee::new(2500, "USD")));
        assert_eq!(
            checked.registration_notes,
            "Write to the office;\nthe password is sent back."
        );
        assert_eq!(
            check(&checked).unwrap(),
            checked,
            "checking again changes nothing"
        );
    }

    #[test]
    fn each_bad_field_is_named() {
        type Change = Box<dyn Fn(&mut Event)>;
        let cases: Vec<(&str, Change)> = vec![
            ("uid", Box::new(|e| e.uid = " ".into())),
            ("uid", Box::new(|e| e.uid = "a\nb".into())),
            ("title", Box::new(|e| e.title = "\u{200B}".into())),
            ("duration_minutes", Box::new(|e| e.duration_minutes = 0)),
            (
                "duration_minutes",
                Box::new(|e| e.duration_minutes = MOST_EVENT_MINUTES + 1),
            ),
            ("live", Box::new(|e| (e.live, e.recording) = (false, false))),
            (
                "cost_live",
                Box::new(|e| e.cost_live = Some(Fee::new(-1, "USD"))),
            ),
            (
                "cost_recording",
                Box::new(|e| e.cost_recording = Some(Fee::new(100, "US$"))),
            ),
            ("prerequisite", Box::new(|e| e.prerequisite = "CS9".into())),
            ("link", Box::new(|e| e.link = "example.org/x".into())),
            ("link", Box::new(|e| e.link = "https://".into())),
            ("link", Box::new(|e| e.link = "https://a b".into())),
            ("activity", Box::new(|e| e.activity = "dancing".into())),
            (
                "activity",
                Box::new(|e| e.activity = "receiving_treatment".into()),
            ),
            (
                "time_zone",
                Box::new(|e| {
                    e.start = EventStart::Timed {
                        at: Utc::now(),
                        time_zone: Some("Mars/Olympus".into()),
                    }
                }),
            ),
            (
                "start",
                Box::new(|e| {
                    e.start = EventStart::AllDay {
                        date: NaiveDate::from_ymd_opt(1899, 12, 31).unwrap(),
                    }
                }),
            ),
            (
                "duration_minutes",
                Box::new(|e| {
                    e.start = EventStart::AllDay {
                        date: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                    };
                    e.duration_minutes = 90;
                }),
            ),
        ];
        for (expected, change) in cases {
            let mut bad = event();
            change(&mut bad);
            assert_eq!(field(check(&bad)), expected, "{bad:?}");
        }
    }

    #[test]
    fn a_category_b_activity_is_named_in_the_refusal_of_another_category() {
        let mut bad = event();
        bad.activity = "one_to_one".into();
        let message = check(&bad).unwrap_err().to_string();
        assert!(message.contains("category C"), "{message}");
    }

    #[test]
    fn an_event_s_date_is_its_day_in_its_own_zone() {
        let mut e = event();
        assert_eq!(
            e.start.date(),
            NaiveDate::from_ymd_opt(2025, 3, 11).unwrap()
        );
        e.start = EventStart::Timed {
            at: Utc.with_ymd_and_hms(2025, 3, 11, 23, 0, 0).unwrap(),
            time_zone: None,
        };
        assert_eq!(
            e.start.date(),
            NaiveDate::from_ymd_opt(2025, 3, 11).unwrap()
        );
        e.start = EventStart::Timed {
            at: Utc.with_ymd_and_hms(2025, 3, 11, 23, 0, 0).unwrap(),
            time_zone: Some("Europe/Berlin".into()),
        };
        assert_eq!(
            e.start.date(),
            NaiveDate::from_ymd_opt(2025, 3, 12).unwrap()
        );
    }

    #[test]
    fn status_keys_read_back() {
        for status in EventStatus::ALL {
            assert_eq!(EventStatus::from_key(status.key()), Some(status));
        }
        assert_eq!(EventStatus::from_key("attended"), None);
    }
}
