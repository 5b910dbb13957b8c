//! Demo data: a fictional practitioner and their records, for a first look at Stillpoint.
//!
//! Everyone in it is invented. It only ever goes into an empty database, so it can never mix
//! with a therapist's real records. It passes the same validation as anything typed in, and
//! its sessions the same screen: the flagged client's sessions are saved only because a
//! clearance dated before them is recorded. Its calendar (demo/events.rs) holds the program's
//! sessions around today, some attended and logged as attending logs them.

mod clients;
mod events;
mod mentors;

use chrono::NaiveDate;

use crate::certification::default_certification;
use crate::clinical::intake_screen;
use crate::error::{Error, Result};
use crate::model::{
    CourseDraft, CourseRole, EntryDraft, EventStatus, ExamDraft, MentorDraft, PresentationDraft,
    Profile, ValidEntry,
};
use crate::rules::{default_rule_set, Format};
use crate::store::{DemoClient, Store};
use clients::demo_clients;
use events::demo_events;
use mentors::demo_mentors;

/// The demo practitioner.
pub fn demo_profile() -> Profile {
    Profile {
        name: "Maren Oyelaran-Støa".into(),
        credentials: "LMT, CST".into(),
        member_id: "IAHE-20417".into(),
        address: "Fjordgata 12\n7010 Trondheim\nNorway".into(),
        email: "maren.stoa@example.org".into(),
        phone: "+47 912 34 567".into(),
    }
}

/// (mentor index, date, activity, format, hours, days, notes)
type Row = (
    Option<usize>,
    &'static str,
    &'static str,
    Format,
    &'static str,
    Option<u32>,
    &'static str,
);

fn demo_rows() -> Vec<Row> {
    use Format::{InPerson, Virtual};
    vec![
        (
            Some(0),
            "2025-02-12",
            "receiving_treatment",
            InPerson,
            "1:30",
            None,
            "Ten-step protocol; noticed a strong still point at the occiput.",
        ),
        (
            Some(4),
            "2025-03-21",
            "receiving_treatment",
            InPerson,
            "1:00",
            None,
            "While visiting Kyoto.",
        ),
        (
            Some(0),
            "2025-04-09",
            "receiving_treatment",
            InPerson,
            "1:00",
            None,
            "",
        ),
        (
            Some(3),
            "2025-05-02",
            "receiving_treatment",
            InPerson,
            "1:00",
            None,
            "RCST session: a different body's credential.",
        ),
        (
            Some(0),
            "2025-06-18",
            "receiving_treatment",
            InPerson,
            "1:30",
            None,
            "",
        ),
        (
            Some(0),
            "2025-07-07",
            "receiving_treatment",
            Virtual,
            "1:00",
            None,
            "Remote session; category A needs in person.",
        ),
        (
            Some(0),
            "2025-09-03",
            "receiving_treatment",
            InPerson,
            "1:00",
            None,
            "",
        ),
        (
            Some(1),
            "2025-02-26",
            "small_group",
            Virtual,
            "2:00",
            None,
            "Practice building, 6 participants.",
        ),
        (
            Some(1),
            "2025-04-23",
            "small_group",
            Virtual,
            "2:00",
            None,
            "Ethics of practice.",
        ),
        (
            Some(1),
            "2025-08-27",
            "small_group",
            Virtual,
            "2:00",
            None,
            "Case studies.",
        ),
        (
            None,
            "2025-03-05",
            "study_group",
            Virtual,
            "1:30",
            None,
            "Virtual study group: diaphragm releases.",
        ),
        (
            None,
            "2025-05-16",
            "clinical_applications",
            InPerson,
            "8:00",
            None,
            "CST Clinical Applications: Pediatrics.",
        ),
        (
            None,
            "2025-06-04",
            "eyp_recording",
            Virtual,
            "1:00",
            None,
            "Empower Your Practice: marketing with integrity.",
        ),
        (
            None,
            "2025-10-20",
            "precepting_advanced",
            InPerson,
            "",
            Some(3),
            "Advanced 1, Hamburg.",
        ),
        (
            Some(0),
            "2025-03-12",
            "one_to_one",
            Virtual,
            "1:00",
            None,
            "Learning goals.",
        ),
        (
            Some(0),
            "2025-05-14",
            "one_to_one",
            Virtual,
            "1:00",
            None,
            "",
        ),
        (
            Some(0),
            "2025-07-16",
            "one_to_one",
            Virtual,
            "1:00",
            None,
            "Co-treated a client with chronic headaches.",
        ),
        (
            Some(2),
            "2025-09-24",
            "one_to_one",
            InPerson,
            "1:30",
            None,
            "Examiner's view of the practical.",
        ),
        (
            Some(0),
            "2025-11-19",
            "one_to_one",
            Virtual,
            "1:00",
            None,
            "",
        ),
        (
            Some(2),
            "2026-01-21",
            "one_to_one",
            InPerson,
            "1:30",
            None,
            "",
        ),
        (
            Some(0),
            "2026-03-11",
            "one_to_one",
            Virtual,
            "1:00",
            None,
            "",
        ),
    ]
}

fn demo_courses() -> Vec<CourseDraft> {
    let course =
        |key: &str, from: &str, to: &str, who: &str, place: &str, hours: &str| CourseDraft {
            course: key.into(),
            title: String::new(),
            role: Some(CourseRole::Participant),
            started_on: from.into(),
            finished_on: to.into(),
            instructor: who.into(),
            place: place.into(),
            hours: hours.into(),
        };
    vec![
        course(
            "CS1",
            "2024-03-14",
            "2024-03-17",
            "Karin Holm",
            "Malmö",
            "27:30",
        ),
        course(
            "CS2",
            "2024-09-12",
            "2024-09-15",
            "Karin Holm",
            "Copenhagen",
            "27:30",
        ),
        course(
            "SER1",
            "2025-05-22",
            "2025-05-25",
            "Eitan Levi",
            "Hamburg",
            "28",
        ),
    ]
}

fn demo_exams() -> Vec<ExamDraft> {
    vec![
        ExamDraft {
            exam: "techniques_essay".into(),
            passed_on: "2025-01-20".into(),
            note: "Open-book essay on the ten-step protocol.".into(),
        },
        ExamDraft {
            exam: "techniques_objective".into(),
            passed_on: "2025-03-05".into(),
            note: String::new(),
        },
    ]
}

fn demo_presentations() -> Vec<PresentationDraft> {
    vec![PresentationDraft {
        given_on: "2025-11-05".into(),
        title: "CranioSacral Therapy: what midwives can expect".into(),
        audience: "Midwives' association, Trondheim".into(),
        hours: "2".into(),
    }]
}

/// Fills an empty database with the demo records; refuses one that holds anything.
pub fn load(store: &mut Store, today: NaiveDate) -> Result<()> {
    if !store.is_empty()? {
        return Err(Error::Refused(
            "Demo data can only be loaded into an empty database; this one already has records."
                .into(),
        ));
    }
    let rules = default_rule_set()?;
    let profile = demo_profile().validated()?;
    let mentors = demo_mentors()
        .iter()
        .map(MentorDraft::validated)
        .collect::<Result<Vec<_>>>()?;
    let entries = demo_rows()
        .into_iter()
        .map(|(who, date, activity, format, hours, days, notes)| {
            let person = who.and_then(|i| mentors.get(i));
            let draft = EntryDraft {
                date: date.into(),
                activity: activity.into(),
                format: Some(format),
                hours: hours.into(),
                days,
                mentor_id: None,
                provider: person.map(|m| m.name.clone()).unwrap_or_default(),
                provider_credentials: person.map(|m| m.credentials.clone()).unwrap_or_default(),
                certified_mentor: person.is_some_and(|m| m.certified_mentor),
                endorsed: true,
                notes: notes.into(),
            };
            Ok((who, draft.validated(rules, today)?))
        })
        .collect::<Result<Vec<(Option<usize>, ValidEntry)>>>()?;
    let certification = default_certification()?;
    let screen = intake_screen()?;
    let clients = demo_clients()?
        .into_iter()
        .map(|c| {
            Ok(DemoClient {
                client: c.client.validated(today)?,
                intake: c.intake.validated(screen, today)?,
                clearances: c
                    .clearances
                    .iter()
                    .map(|d| Ok(d.validated(today)?.0))
                    .collect::<Result<_>>()?,
                ..c
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let courses = demo_courses()
        .iter()
        .map(|c| c.validated(certification, today))
        .collect::<Result<Vec<_>>>()?;
    let exams = demo_exams()
        .iter()
        .map(|e| Ok(e.validated(certification, today)?.0))
        .collect::<Result<Vec<_>>>()?;
    let presentations = demo_presentations()
        .iter()
        .map(|p| p.validated(today))
        .collect::<Result<Vec<_>>>()?;
    // The calendar: the events attended were logged as attending logs them.
    let events = demo_events(today)?
        .iter()
        .map(|e| {
            let event = e.validated(rules, certification)?;
            let attended = matches!(
                event.status,
                Some(EventStatus::AttendedLive | EventStatus::AttendedRecording)
            );
            let entry = if attended {
                Some(crate::store::attend_draft(&event).validated(rules, today)?)
            } else {
                None
            };
            Ok((event, entry))
        })
        .collect::<Result<Vec<_>>>()?;
    store.with_tx(|tx| {
        crate::store::write_demo(tx, &profile, &mentors, &entries)?;
        crate::store::write_demo_cases(tx, &clients, &courses, &exams, &presentations, today)?;
        crate::store::write_demo_events(tx, &events)
    })
}

#[cfg(test)]
mod tests;
