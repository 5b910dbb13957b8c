//! Events through the store: a file imported once, a higher revision updating what the file
//! says and keeping the therapist's own, and attending an event logged once.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::error::Error;
use crate::model::{EventStart, EventStatus};
use crate::store::Store;

const ZONE: chrono_tz::Tz = chrono_tz::Tz::Europe__Berlin;

fn event(uid: &str, sequence: u32, start: &str, title: &str) -> String {
    format!(
        "BEGIN:VEVENT\r\nUID:{uid}\r\nSEQUENCE:{sequence}\r\nDTSTAMP:20250101T000000Z\r\n\
         DTSTART;TZID=America/New_York:{start}\r\nDURATION:PT1H30M\r\nSUMMARY:{title}\r\nEND:VEVENT\r\n"
    )
}

fn calendar(events: &[String]) -> Vec<u8> {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n{}END:VCALENDAR\r\n",
        events.concat()
    )
    .into_bytes()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 4, 1, 12, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 4, 1).unwrap()
}

fn two_events() -> Vec<u8> {
    calendar(&[
        event("cs1-review@example.org", 0, "20250311T193000", "CS1 review"),
        event("migraines@example.org", 0, "20250520T190000", "Migraines"),
    ])
}

#[test]
fn a_file_imported_twice_adds_its_events_once_in_order_of_start() {
    let mut store = Store::open_in_memory().unwrap();
    let first = store.import_ics(&two_events(), ZONE).unwrap();
    assert_eq!((first.added, first.updated, first.unchanged), (2, 0, 0));
    let again = store.import_ics(&two_events(), ZONE).unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 2));
    let events = store.events().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].event.title, "CS1 review");
    assert_eq!(
        events[0].event.start,
        EventStart::Timed {
            at: Utc.with_ymd_and_hms(2025, 3, 11, 23, 30, 0).unwrap(),
            time_zone: Some("America/New_York".into()),
        }
    );
    assert_eq!(events[0].event.duration_minutes, 90);
    assert_eq!(
        events[0].event.status, None,
        "nothing is marked for the therapist"
    );
    assert_eq!(store.event(events[0].id).unwrap(), events[0]);
}

#[test]
fn a_higher_revision_updates_what_the_file_says_and_keeps_the_therapists_own() {
    let mut store = Store::open_in_memory().unwrap();
    store.import_ics(&two_events(), ZONE).unwrap();
    let id = store.events().unwrap()[0].id;
    store
        .conn()
        .execute(
            "UPDATE events SET status = 'registered' WHERE id = ?1",
            [id],
        )
        .unwrap();
    let moved = calendar(&[event(
        "cs1-review@example.org",
        1,
        "20250312T193000",
        "CS1 review (moved)",
    )]);
    let done = store.import_ics(&moved, ZONE).unwrap();
    assert_eq!((done.added, done.updated, done.unchanged), (0, 1, 0));
    let updated = store.event(id).unwrap();
    assert_eq!(updated.event.title, "CS1 review (moved)");
    assert_eq!(updated.event.sequence, 1);
    assert_eq!(updated.event.status, Some(EventStatus::Registered));
}

#[test]
fn a_broken_file_is_refused_whole_and_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    store.import_ics(&two_events(), ZONE).unwrap();
    let before = store.events().unwrap();
    let broken = calendar(&[
        event("new@example.org", 0, "20250601T190000", "New"),
        event("bad@example.org", 0, "2025-06-02 19:00", "Bad"),
    ]);
    let refused = store.import_ics(&broken, ZONE).unwrap_err();
    assert!(
        matches!(refused, Error::Invalid { field: "file", .. }),
        "{refused:?}"
    );
    assert!(refused.to_string().contains("Line "), "{refused}");
    assert_eq!(store.events().unwrap(), before);
}

#[test]
fn an_event_attended_is_logged_once_as_a_virtual_b_entry_and_deleting_it_returns_the_event() {
    let mut store = Store::open_in_memory().unwrap();
    store.import_ics(&two_events(), ZONE).unwrap();
    let [past, future] = [0, 1].map(|i| store.events().unwrap()[i].id);
    let entry = store.attend_event(past, None, now(), today()).unwrap();
    assert_eq!(entry.draft.date, "2025-03-11", "its date in its own zone");
    assert_eq!(entry.draft.activity, "large_group");
    assert_eq!(entry.draft.format, Some(crate::rules::Format::Virtual));
    assert_eq!(entry.counted_minutes, 90);
    let attended = store.event(past).unwrap();
    assert_eq!(attended.entry_id, Some(entry.id));
    assert_eq!(attended.event.status, Some(EventStatus::AttendedLive));

    let again = store.attend_event(past, None, now(), today()).unwrap_err();
    assert_eq!(
        again.to_string(),
        "\"CS1 review\" is logged already: an event is logged once."
    );
    let early = store
        .attend_event(future, None, now(), today())
        .unwrap_err();
    assert!(
        early.to_string().contains("has not happened yet"),
        "{early}"
    );
    let wrong = store
        .attend_event(
            future,
            Some("one_to_one"),
            now() + chrono::Duration::days(90),
            today(),
        )
        .unwrap_err();
    assert!(matches!(
        wrong,
        Error::Invalid {
            field: "activity",
            ..
        }
    ));
    let entries: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
        .unwrap();
    assert_eq!(entries, 1, "refusals logged nothing");

    store.delete_entry(entry.id).unwrap();
    let returned = store.event(past).unwrap();
    assert_eq!(returned.entry_id, None);
    assert_eq!(returned.event.status, Some(EventStatus::Registered));
}

#[test]
fn a_registered_live_event_is_reminded_within_the_chosen_minutes_before_it_starts() {
    let mut store = Store::open_in_memory().unwrap();
    store.import_ics(&two_events(), ZONE).unwrap();
    let id = store.events().unwrap()[0].id; // 2025-03-11 23:30 UTC, 19:30 in New York
    let at = Utc.with_ymd_and_hms(2025, 3, 11, 23, 30, 0).unwrap();
    let before = |minutes: i64| at - chrono::Duration::minutes(minutes);
    let new_york = chrono_tz::Tz::America__New_York;
    assert_eq!(store.reminder_minutes().unwrap(), 30);
    assert!(
        store
            .reminders_due(before(10), new_york)
            .unwrap()
            .is_empty(),
        "an event nobody registered for is not reminded"
    );
    store
        .conn()
        .execute(
            "UPDATE events SET status = 'registered' WHERE id = ?1",
            [id],
        )
        .unwrap();
    assert!(store
        .reminders_due(before(31), new_york)
        .unwrap()
        .is_empty());
    let due = store.reminders_due(before(30), new_york).unwrap();
    assert_eq!(
        due,
        vec![super::Reminder {
            event_id: id,
            title: "CS1 review".into(),
            body: "Starts in 30 min (19:30). The link is in Stillpoint's calendar.".into(),
        }]
    );
    assert!(
        store.reminders_due(at, new_york).unwrap().is_empty(),
        "started: no reminder"
    );
    assert_eq!(store.set_reminder_minutes(90).unwrap(), 90);
    assert_eq!(store.reminders_due(before(80), new_york).unwrap().len(), 1);
    assert!(matches!(
        store.set_reminder_minutes(0),
        Err(Error::Invalid {
            field: "reminder_minutes",
            ..
        })
    ));
    assert_eq!(
        store.reminder_minutes().unwrap(),
        90,
        "a refusal changes nothing"
    );
    store
        .conn()
        .execute("UPDATE events SET live = 0 WHERE id = ?1", [id])
        .unwrap();
    assert!(
        store
            .reminders_due(before(10), new_york)
            .unwrap()
            .is_empty(),
        "a recording is not reminded"
    );
}

fn past_and_future(store: &mut Store) -> [i64; 2] {
    store.import_ics(&two_events(), ZONE).unwrap();
    [0, 1].map(|i| store.events().unwrap()[i].id)
}

#[test]
fn a_status_is_said_by_the_therapist_and_attended_only_by_logging() {
    let mut store = Store::open_in_memory().unwrap();
    let [past, future] = past_and_future(&mut store);
    let registered = store
        .set_event_status(future, Some(EventStatus::Registered), now(), today())
        .unwrap();
    assert_eq!(registered.event.status, Some(EventStatus::Registered));
    let cleared = store
        .set_event_status(future, None, now(), today())
        .unwrap();
    assert_eq!(cleared.event.status, None);
    for attended in [EventStatus::AttendedLive, EventStatus::AttendedRecording] {
        let refused = store
            .set_event_status(past, Some(attended), now(), today())
            .unwrap_err();
        assert!(
            matches!(
                refused,
                Error::Invalid {
                    field: "status",
                    ..
                }
            ),
            "{refused:?}"
        );
    }
    let not_yet = store
        .set_event_status(future, Some(EventStatus::Missed), now(), today())
        .unwrap_err();
    assert!(
        not_yet.to_string().contains("has not happened yet"),
        "{not_yet}"
    );
    let missed = store
        .set_event_status(past, Some(EventStatus::Missed), now(), today())
        .unwrap();
    assert_eq!(missed.event.status, Some(EventStatus::Missed));
    assert_eq!(store.event(future).unwrap().event.status, None);

    store.attend_event(past, None, now(), today()).unwrap();
    let logged = store
        .set_event_status(past, Some(EventStatus::Interested), now(), today())
        .unwrap_err();
    assert!(logged.to_string().contains("delete that entry"), "{logged}");
    assert_eq!(
        store.event(past).unwrap().event.status,
        Some(EventStatus::AttendedLive)
    );
}

#[test]
fn the_attend_draft_is_what_attending_logs_and_an_edited_one_is_logged_once() {
    let mut store = Store::open_in_memory().unwrap();
    let [past, future] = past_and_future(&mut store);
    let draft = store.attend_event_draft(past, now(), today()).unwrap();
    assert_eq!(draft.date, "2025-03-11");
    assert_eq!(draft.activity, "large_group");
    assert_eq!(draft.format, Some(crate::rules::Format::Virtual));
    assert_eq!(draft.hours, "1:30");
    assert_eq!(draft.notes, "CS1 review");
    let refused = store
        .attend_event_draft(future, now(), today())
        .unwrap_err();
    assert!(
        refused.to_string().contains("has not happened yet"),
        "{refused}"
    );

    let mut edited = draft.clone();
    edited.hours = "1:00".into();
    edited.activity = "receiving_treatment".into();
    let not_b = store
        .log_attended_event(past, &edited, super::Attended::Live, now(), today())
        .unwrap_err();
    assert!(
        matches!(
            not_b,
            Error::Invalid {
                field: "activity",
                ..
            }
        ),
        "{not_b:?}"
    );
    edited.activity = draft.activity.clone();
    edited.date = "2025-13-01".into();
    let bad_date = store
        .log_attended_event(past, &edited, super::Attended::Live, now(), today())
        .unwrap_err();
    assert!(
        matches!(bad_date, Error::Invalid { field: "date", .. }),
        "{bad_date:?}"
    );
    assert!(
        store.event(past).unwrap().entry_id.is_none(),
        "nothing changed"
    );

    edited.date = draft.date.clone();
    assert!(!store.event(past).unwrap().event.recording);
    let no_recording = store
        .log_attended_event(past, &edited, super::Attended::Recording, now(), today())
        .unwrap_err();
    assert!(
        matches!(no_recording, Error::Invalid { field: "how", .. }),
        "{no_recording:?}"
    );
    store
        .conn()
        .execute("UPDATE events SET recording = 1 WHERE id = ?1", [past])
        .unwrap();
    let entry = store
        .log_attended_event(past, &edited, super::Attended::Recording, now(), today())
        .unwrap();
    assert_eq!(entry.counted_minutes, 60, "the edited hours");
    let logged = store.event(past).unwrap();
    assert_eq!(logged.entry_id, Some(entry.id));
    assert_eq!(logged.event.status, Some(EventStatus::AttendedRecording));
    let twice = store
        .log_attended_event(past, &edited, super::Attended::Live, now(), today())
        .unwrap_err();
    assert!(twice.to_string().contains("logged already"), "{twice}");
    let future_draft = super::attend_draft(&store.event(future).unwrap().event);
    let early = store
        .log_attended_event(future, &future_draft, super::Attended::Live, now(), today())
        .unwrap_err();
    assert!(
        early.to_string().contains("has not happened yet"),
        "{early}"
    );
    assert!(store.event(future).unwrap().entry_id.is_none());
}

#[test]
fn one_event_exports_alone_and_reads_back_as_itself() {
    let mut store = Store::open_in_memory().unwrap();
    let [past, _] = past_and_future(&mut store);
    let ics = store.export_event_ics(past, now()).unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
    let mut other = Store::open_in_memory().unwrap();
    other.import_ics(ics.as_bytes(), ZONE).unwrap();
    assert_eq!(
        other.events().unwrap()[0].event,
        store.event(past).unwrap().event
    );
    assert!(matches!(
        store.export_event_ics(999, now()),
        Err(Error::NotFound(_))
    ));
}
