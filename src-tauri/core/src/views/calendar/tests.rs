//! The Calendar view's read model: the month grid in the computer's zone, the agenda, what may
//! be said of an event now, and the prerequisite mark decided from the courses taken.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::{agenda, calendar_month, EventView};
use crate::model::{CourseDraft, CourseRole, EventStatus};
use crate::store::{Attended, Store};

const BERLIN: Tz = chrono_tz::Tz::Europe__Berlin;
const NEW_YORK: Tz = chrono_tz::Tz::America__New_York;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 12, 12, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 12).unwrap()
}

fn file() -> Vec<u8> {
    let event = |uid: &str, start: &str, title: &str, extra: &str| {
        format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20250101T000000Z\r\n{start}\r\n\
             DURATION:PT1H30M\r\nSUMMARY:{title}\r\n{extra}END:VEVENT\r\n"
        )
    };
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n{}{}{}{}END:VCALENDAR\r\n",
        event(
            "cs1@example.org",
            "DTSTART;TZID=America/New_York:20250311T190000",
            "CS1 review",
            ""
        ),
        event(
            "cs2@example.org",
            "DTSTART;TZID=America/New_York:20250318T190000",
            "CS2 review",
            "X-STILLPOINT-PREREQUISITE:CS1\r\n"
        ),
        event(
            "berlin@example.org",
            "DTSTART;TZID=Europe/Berlin:20250312T100000",
            "Pelvis",
            ""
        ),
        event(
            "april@example.org",
            "DTSTART;VALUE=DATE:20250401",
            "April day",
            ""
        ),
    )
    .into_bytes()
}

fn store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.import_ics(&file(), BERLIN).unwrap();
    store
}

fn find<'a>(month: &'a super::CalendarMonth, title: &str) -> (&'a super::GridDay, &'a EventView) {
    month
        .weeks
        .iter()
        .flatten()
        .find_map(|d| {
            d.events
                .iter()
                .find(|e| e.event.title == title)
                .map(|e| (d, e))
        })
        .unwrap_or_else(|| panic!("{title} is not in the grid"))
}

#[test]
fn the_month_grid_places_each_event_on_its_day_here_with_its_own_zone_beside() {
    let store = store();
    let march = calendar_month(&store, 2025, 3, BERLIN, now()).unwrap();
    assert_eq!(march.title, "March 2025");
    assert_eq!(march.weekdays[0], "Mon");
    assert!(march.weeks.iter().all(|w| w.len() == 7));
    assert_eq!(
        march.weeks[0][0].date, "2025-02-24",
        "whole weeks, Monday first"
    );
    assert!(!march.weeks[0][0].in_month);
    assert_eq!(march.summary, "3 events in March 2025");
    assert_eq!((march.previous.month, march.next.month), (2, 4));

    let (day, cs1) = find(&march, "CS1 review");
    assert_eq!(
        day.date, "2025-03-12",
        "19:00 in New York is the next day here"
    );
    assert_eq!(cs1.when, "19:00 New York — 00:00 here, Wed");
    assert_eq!(cs1.duration, "1 h 30 min");
    let (today_cell, pelvis) = find(&march, "Pelvis");
    assert!(today_cell.today && pelvis.today);
    assert_eq!(pelvis.when, "10:00", "its zone is the computer's");
    assert_eq!(march.weeks.iter().flatten().filter(|d| d.today).count(), 1);

    let in_new_york = calendar_month(&store, 2025, 3, NEW_YORK, now()).unwrap();
    let (day, cs1) = find(&in_new_york, "CS1 review");
    assert_eq!(day.date, "2025-03-11");
    assert_eq!(cs1.when, "19:00");
    let (_, pelvis) = find(&in_new_york, "Pelvis");
    assert_eq!(pelvis.when, "10:00 Berlin — 05:00 here");

    let april = calendar_month(&store, 2025, 4, NEW_YORK, now()).unwrap();
    let (day, all_day) = find(&april, "April day");
    assert_eq!(
        (day.date.as_str(), all_day.when.as_str()),
        ("2025-04-01", "All day")
    );
    assert!(calendar_month(&store, 2025, 13, BERLIN, now()).is_err());
}

#[test]
fn the_agenda_lists_upcoming_then_past_with_what_may_be_said_now() {
    let mut store = store();
    let agenda_now = agenda(&store, BERLIN, now()).unwrap();
    let titles = |v: &[EventView]| v.iter().map(|e| e.event.title.clone()).collect::<Vec<_>>();
    assert_eq!(titles(&agenda_now.upcoming), ["CS2 review", "April day"]);
    assert_eq!(
        titles(&agenda_now.past),
        ["Pelvis", "CS1 review"],
        "latest first"
    );
    assert_eq!(agenda_now.summary, "2 upcoming, 2 past");

    let cs2 = &agenda_now.upcoming[0];
    assert!(!cs2.started && cs2.attend.is_empty());
    assert_eq!(
        cs2.attend_note.as_deref(),
        Some("It can be logged once it has started.")
    );
    let offered: Vec<_> = cs2.choices.iter().map(|c| c.status).collect();
    assert_eq!(
        offered,
        [Some(EventStatus::Interested), Some(EventStatus::Registered)],
        "a future event cannot be missed"
    );
    let cs1 = &agenda_now.past[1];
    assert_eq!(cs1.status_label, "Not marked");
    assert_eq!(cs1.attend[0].how, Attended::Live);
    assert!(cs1
        .choices
        .iter()
        .any(|c| c.status == Some(EventStatus::Missed)));

    store.attend_event(cs1.id, None, now(), today()).unwrap();
    let after = agenda(&store, BERLIN, now()).unwrap();
    let logged = &after.past[1];
    assert_eq!(logged.status_label, "Attended live, logged");
    assert!(logged.choices.is_empty() && logged.attend.is_empty());
}

#[test]
fn an_event_whose_prerequisite_is_not_taken_is_marked_with_why_until_it_is() {
    let mut store = store();
    let cs2 = |store: &Store| agenda(store, BERLIN, now()).unwrap().upcoming[0].clone();
    let mark = cs2(&store).prerequisite.expect("CS1 is not taken");
    assert_eq!(mark.course, "CS1");
    assert_eq!(
        mark.sentence,
        "You have not taken CS1 yet: a mentor does not teach material of courses not yet attended."
    );
    assert!(
        cs2(&store)
            .choices
            .iter()
            .any(|c| c.status == Some(EventStatus::Registered)),
        "it can still be registered for"
    );
    let course = |role| CourseDraft {
        course: "CS1".into(),
        role: Some(role),
        started_on: "2024-05-01".into(),
        finished_on: "2024-05-04".into(),
        hours: "24".into(),
        ..Default::default()
    };
    store
        .save_course(None, &course(CourseRole::Preceptor), today())
        .unwrap();
    assert!(
        cs2(&store).prerequisite.is_some(),
        "assisting is not taking it"
    );
    store
        .save_course(None, &course(CourseRole::Participant), today())
        .unwrap();
    assert_eq!(cs2(&store).prerequisite, None);
    assert_eq!(
        agenda(&store, BERLIN, now()).unwrap().past[1].prerequisite,
        None
    );
}

#[test]
fn the_dashboard_glances_at_today_and_tomorrow_and_at_what_fills_the_b_gap() {
    let event = |uid: &str, start: &str, title: &str| {
        format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:{start}\r\n\
             DURATION:PT1H30M\r\nSUMMARY:{title}\r\nEND:VEVENT\r\n"
        )
    };
    let file = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n{}{}{}{}END:VCALENDAR\r\n",
        event("tomorrow@example.org", "20250313T180000Z", "Migraines"),
        event("week@example.org", "20250319T180000Z", "The pelvis"),
        event("unmarked@example.org", "20250320T180000Z", "Reflexology"),
        event("later@example.org", "20250321T180000Z", "Cranial nerves"),
    );
    let mut store = Store::open_in_memory().unwrap();
    store.import_ics(file.as_bytes(), BERLIN).unwrap();
    let id = |uid: &str| {
        store
            .events()
            .unwrap()
            .into_iter()
            .find(|e| e.event.uid == uid)
            .unwrap()
            .id
    };
    let (tomorrow, week, later) = (
        id("tomorrow@example.org"),
        id("week@example.org"),
        id("later@example.org"),
    );
    let glance = super::calendar_glance(&store, BERLIN, now()).unwrap();
    let titles = |views: &[EventView]| -> Vec<String> {
        views.iter().map(|v| v.event.title.clone()).collect()
    };
    let soon: Vec<(&str, &str)> = glance
        .soon
        .iter()
        .map(|s| (s.day.as_str(), s.view.event.title.as_str()))
        .collect();
    assert_eq!(soon, [("Tomorrow", "Migraines")], "today's and tomorrow's");
    assert_eq!(glance.fill, None, "nothing marked: nothing said");

    store
        .set_event_status(tomorrow, Some(EventStatus::Registered), now(), today())
        .unwrap();
    store
        .set_event_status(week, Some(EventStatus::Interested), now(), today())
        .unwrap();
    store
        .set_event_status(later, Some(EventStatus::Registered), now(), today())
        .unwrap();
    let fill = super::calendar_glance(&store, BERLIN, now())
        .unwrap()
        .fill
        .unwrap();
    assert_eq!(
        fill.sentence,
        "Your next credit needs 6 h of category B: these 3 events you marked would give 4 h 30 min of it."
    );
    assert_eq!(
        titles(&fill.events),
        ["Migraines", "The pelvis", "Cranial nerves"]
    );

    // Once B's minimum is met, nothing is said of it.
    store
        .add_entry(
            &crate::testing::entry("2025-03-01", "large_group", "6"),
            today(),
        )
        .unwrap();
    assert_eq!(
        super::calendar_glance(&store, BERLIN, now()).unwrap().fill,
        None
    );
}
