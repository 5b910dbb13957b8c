//! The demo calendar: the program's virtual mentoring sessions (the seed's list: reviews of CS1
//! and CS2, migraines, the enteric nervous system, the cranial nerves, reflexology, the
//! pelvis…) as events around today, presented by the demo's fictional mentors. Some past ones
//! were attended and are logged; one asks for a course the demo practitioner has not taken.

use chrono::{Duration, NaiveDate, TimeZone};

use crate::error::{Error, Result};
use crate::model::{Event, EventStart, EventStatus, Fee, DEFAULT_EVENT_ACTIVITY};

/// When a demo event is: days from today, or (one logged as attended) a day among the demo's
/// other entries, so the dashboard's chart of the last twelve months shows them together (the
/// two logged take the place of two hours of category B the demo logged by hand before).
enum Day {
    FromToday(i64),
    On(&'static str),
}

/// One demo event: its day, its local start in its zone, what it is, and where the
/// practitioner stands (`Attended…` ones are logged as entries).
struct Demo {
    day: Day,
    at: (u32, u32),
    zone: &'static str,
    minutes: u32,
    title: &'static str,
    presenter: (&'static str, &'static str),
    live: Option<i64>,
    recording: Option<i64>,
    prerequisite: &'static str,
    registration: &'static str,
    status: Option<EventStatus>,
}

const NEW_YORK: &str = "America/New_York";

const EVENTS: [Demo; 11] = [
    Demo {
        day: Day::On("2025-10-01"),
        at: (19, 0),
        zone: NEW_YORK,
        minutes: 60,
        title: "CS1 Review",
        presenter: ("Karin Holm", "PT, CST-D"),
        live: None,
        recording: None,
        prerequisite: "",
        registration: "Password to register: still",
        status: Some(EventStatus::AttendedLive),
    },
    Demo {
        day: Day::FromToday(-37),
        at: (19, 0),
        zone: NEW_YORK,
        minutes: 90,
        title: "CS2 Review",
        presenter: ("Karin Holm", "PT, CST-D"),
        live: None,
        recording: None,
        prerequisite: "",
        registration: "Password to register: CST II",
        status: Some(EventStatus::Missed),
    },
    Demo {
        day: Day::On("2025-11-12"),
        at: (18, 30),
        zone: "Europe/Paris",
        minutes: 60,
        title: "A CST approach to migraines and complex headaches",
        presenter: ("Léa Moreau", "CST-D"),
        live: Some(3000),
        recording: Some(2500),
        prerequisite: "",
        registration: "Write to the presenter to register.",
        status: Some(EventStatus::AttendedRecording),
    },
    Demo {
        day: Day::FromToday(-9),
        at: (19, 0),
        zone: NEW_YORK,
        minutes: 60,
        title: "Intraosseous lesions",
        presenter: ("Ingrid Bakke", "CST-D"),
        live: None,
        recording: Some(2500),
        prerequisite: "",
        registration: "",
        status: Some(EventStatus::Interested),
    },
    Demo {
        day: Day::FromToday(-2),
        at: (20, 0),
        zone: "Europe/Stockholm",
        minutes: 90,
        title: "CST & The Enteric Nervous System",
        presenter: ("Karin Holm", "PT, CST-D"),
        live: Some(3000),
        recording: Some(2500),
        prerequisite: "",
        registration: "",
        status: Some(EventStatus::Registered),
    },
    Demo {
        day: Day::FromToday(0),
        at: (17, 0),
        zone: "Europe/Berlin",
        minutes: 90,
        title: "Review: Chronic Depletion & Epicenter",
        presenter: ("Tomás Oyarzún", "LMT, CST"),
        live: None,
        recording: None,
        prerequisite: "",
        registration: "Free to students of previous CST courses working with chronic depletion.",
        status: None,
    },
    Demo {
        day: Day::FromToday(4),
        at: (19, 0),
        zone: "Asia/Jerusalem",
        minutes: 90,
        title: "Anatomical Intricacies of the Cranium",
        presenter: ("Eitan Levi", "CST-D"),
        live: Some(3000),
        recording: Some(2500),
        prerequisite: "ADV1",
        registration: "",
        status: Some(EventStatus::Interested),
    },
    Demo {
        day: Day::FromToday(9),
        at: (19, 0),
        zone: NEW_YORK,
        minutes: 90,
        title: "The Cranial Nerves & CST",
        presenter: ("Siobhán Kearney", "CST-D"),
        live: None,
        recording: Some(2500),
        prerequisite: "",
        registration: "",
        status: Some(EventStatus::Registered),
    },
    Demo {
        day: Day::FromToday(16),
        at: (19, 0),
        zone: NEW_YORK,
        minutes: 90,
        title: "CST & The Peripheral Nerves",
        presenter: ("Ingrid Bakke", "CST-D"),
        live: Some(3000),
        recording: Some(2500),
        prerequisite: "",
        registration: "",
        status: None,
    },
    Demo {
        day: Day::FromToday(23),
        at: (19, 0),
        zone: NEW_YORK,
        minutes: 90,
        title: "CST & Reflexology",
        presenter: ("Léa Moreau", "CST-D"),
        live: Some(3000),
        recording: Some(2500),
        prerequisite: "CS1",
        registration: "",
        status: None,
    },
    Demo {
        day: Day::FromToday(37),
        at: (19, 0),
        zone: NEW_YORK,
        minutes: 90,
        title: "A CST approach to pelvis & pelvic dysfunction",
        presenter: ("Karin Holm", "PT, CST-D"),
        live: Some(3000),
        recording: Some(2500),
        prerequisite: "CS1",
        registration: "",
        status: None,
    },
];

/// The demo's events around `today`, each as an event to store.
pub(super) fn demo_events(today: NaiveDate) -> Result<Vec<Event>> {
    EVENTS
        .iter()
        .map(|d| {
            let zone: chrono_tz::Tz = d
                .zone
                .parse()
                .map_err(|_| Error::Refused(format!("{} is not a time zone", d.zone)))?;
            let day = match d.day {
                Day::FromToday(days) => today + Duration::days(days),
                Day::On(date) => crate::model::read_iso(date)
                    .ok_or_else(|| Error::Refused(format!("{date} is not a date")))?,
            };
            let local = day
                .and_hms_opt(d.at.0, d.at.1, 0)
                .ok_or_else(|| Error::Refused("a demo time is not a time".into()))?;
            let at = zone
                .from_local_datetime(&local)
                .earliest()
                .ok_or_else(|| Error::Refused("a demo time falls in a gap".into()))?;
            let usd = |cents: Option<i64>| cents.map(|c| Fee::new(c, "USD"));
            Ok(Event {
                uid: format!("demo-{}@stillpoint.invalid", slug(d.title)),
                sequence: 0,
                title: d.title.into(),
                presenter: d.presenter.0.into(),
                presenter_credentials: d.presenter.1.into(),
                start: EventStart::Timed {
                    at: at.with_timezone(&chrono::Utc),
                    time_zone: Some(d.zone.into()),
                },
                duration_minutes: d.minutes,
                live: d.live.is_some() || d.recording.is_none(),
                recording: d.recording.is_some(),
                cost_live: usd(d.live),
                cost_recording: usd(d.recording),
                prerequisite: d.prerequisite.into(),
                registration_notes: d.registration.into(),
                link: String::new(),
                activity: DEFAULT_EVENT_ACTIVITY.into(),
                status: d.status,
            })
        })
        .collect()
}

/// A title as a UID's part: "cs1-review".
fn slug(title: &str) -> String {
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}
