//! The iCalendar engine against files written the way Google Calendar, Outlook, Zoom and
//! Thunderbird write them (`tests/fixtures/calendar/`): each event at its exact UTC instant,
//! export → import gives the same events, importing again changes nothing, a higher SEQUENCE
//! updates, and a broken file is refused whole, naming its lines.

mod properties;
mod series;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use stillpoint_core::calendar::{
    merge_plan, read_ics, write_ics, IcsContext, IcsEvents, IcsRefusal, MOST_OCCURRENCES,
};
use stillpoint_core::certification::default_certification;
use stillpoint_core::model::{Event, EventStart, EventStatus, Fee};
use stillpoint_core::rules::default_rule_set;

fn context() -> IcsContext<'static> {
    IcsContext {
        rules: default_rule_set().unwrap(),
        certification: default_certification().unwrap(),
        floating_zone: chrono_tz::Tz::Europe__Berlin,
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/calendar/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(bytes: &[u8]) -> IcsEvents {
    read_ics(bytes, &context()).unwrap_or_else(|refusal| panic!("{refusal}"))
}

fn refused(bytes: &[u8]) -> IcsRefusal {
    match read_ics(bytes, &context()) {
        Ok(read) => panic!("expected a refusal, read {:#?}", read.events),
        Err(refusal) => refusal,
    }
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn timed(at: DateTime<Utc>, zone: Option<&str>) -> EventStart {
    EventStart::Timed {
        at,
        time_zone: zone.map(str::to_owned),
    }
}

/// Each event as (uid, start, minutes).
fn times(events: &[Event]) -> Vec<(String, EventStart, u32)> {
    events
        .iter()
        .map(|e| (e.uid.clone(), e.start.clone(), e.duration_minutes))
        .collect()
}

const GOOGLE_SERIES: &str = "5q2h8v0k3n1r7t9m4c6b@google.com";

#[test]
fn google_a_monthly_series_across_summer_time_with_an_exdate_and_a_moved_occurrence() {
    let read = read(&fixture("google-monthly.ics"));
    assert!(read.notes.is_empty(), "{:?}", read.notes);
    let ny = Some("America/New_York");
    let occurrence = |key: &str| format!("{GOOGLE_SERIES}/{key}");
    assert_eq!(
        times(&read.events),
        vec![
            // 19:00 in New York: EST in February, EDT from 9 March on.
            (
                occurrence("20250212T000000Z"),
                timed(utc(2025, 2, 12, 0, 0), ny),
                90
            ),
            (
                occurrence("20250311T230000Z"),
                timed(utc(2025, 3, 11, 23, 0), ny),
                90
            ),
            (
                "0a1b2c3d4e5f6g7h8i9j@google.com".to_owned(),
                EventStart::AllDay {
                    date: day(2025, 3, 22)
                },
                24 * 60
            ),
            // 8 April is excluded (EXDATE); 13 May moved to Thursday 15 May, 20:00, and keeps
            // the identity of the occurrence it moves.
            (
                occurrence("20250513T230000Z"),
                timed(utc(2025, 5, 16, 0, 0), ny),
                90
            ),
            (
                occurrence("20250610T230000Z"),
                timed(utc(2025, 6, 10, 23, 0), ny),
                90
            ),
            (
                occurrence("20250708T230000Z"),
                timed(utc(2025, 7, 8, 23, 0), ny),
                90
            ),
        ]
    );
    let first = &read.events[0];
    assert_eq!(first.title, "CS1 Review – Mentorship Program");
    assert_eq!(
        first.registration_notes,
        "Monthly review of CS1 material, open to all program participants.\nTo register, \
         write to mentorship@example.org with your CS1 certificate; the password for the \
         session is sent back."
    );
    assert_eq!(first.sequence, 0);
    assert_eq!(first.activity, "large_group");
    assert_eq!((first.live, first.recording), (true, false));
    assert_eq!(first.status, None, "nobody said they were interested");
    let moved = &read.events[3];
    assert_eq!(
        moved.title,
        "CS1 Review – Mentorship Program (moved to Thursday)"
    );
    assert_eq!(moved.registration_notes, "Moved to Thursday this month.");
    assert_eq!(moved.sequence, 1);
    assert_eq!(read.events[2].title, "Migräne und Kopfschmerz – Studientag");
}

#[test]
fn outlook_a_windows_zone_name_duration_and_a_zone_only_its_vtimezone_defines() {
    let read = read(&fixture("outlook-windows-zone.ics"));
    let berlin = Some("Europe/Berlin");
    let series = "040000008200E00074C5B7101A82E008000000003078B1F0A48DDB010000000000000000\
                  10000000A6A1F8B0C8D3E54E9B5F6C0D2E4A8B1C";
    let custom = "040000008200E00074C5B7101A82E00800000000B0C1D2E3F4A5DB010000000000000000\
                  10000000F1E2D3C4B5A69788";
    assert_eq!(
        times(&read.events),
        vec![
            // "W. Europe Standard Time" is Europe/Berlin (CLDR): 18:00 is 17:00 UTC in winter
            // time, 16:00 UTC once summer time starts on 30 March.
            (
                format!("{series}/20250320T170000Z"),
                timed(utc(2025, 3, 20, 17, 0), berlin),
                90
            ),
            (
                format!("{series}/20250327T170000Z"),
                timed(utc(2025, 3, 27, 17, 0), berlin),
                90
            ),
            (
                format!("{series}/20250403T160000Z"),
                timed(utc(2025, 4, 3, 16, 0), berlin),
                90
            ),
            // "Customized Time Zone" has only its VTIMEZONE: US rules, so 12:00 on 3 April is
            // EDT, 16:00 UTC. No IANA zone is named for it.
            (custom.to_owned(), timed(utc(2025, 4, 3, 16, 0), None), 60),
        ]
    );
    assert_eq!(read.events[0].title, "Das Zwerchfell – Fallbesprechung");
    assert!(read.events[0]
        .registration_notes
        .starts_with("Liebe Kolleginnen und Kollegen,\n\nwir treffen uns wöchentlich zur"));
    assert_eq!(
        read.events[0].link, "",
        "\"Microsoft Teams-Besprechung\" is no address"
    );
    assert_eq!(read.events[3].link, "https://teams.example.org/meet/4471");
    assert_eq!(read.events[3].sequence, 2);
}

#[test]
fn zoom_utc_times_with_lf_line_ends_and_the_link_in_location() {
    let bytes = fixture("zoom-utc.ics");
    assert!(
        !bytes.windows(2).any(|w| w == b"\r\n"),
        "the fixture has LF line ends"
    );
    let read = read(&bytes);
    assert_eq!(
        times(&read.events),
        vec![(
            "20250401T120000Z-89012345678@fe80:0:0:0:1c9e:fdff:fe2c:96bdens5".to_owned(),
            timed(utc(2025, 4, 15, 16, 30), None),
            90
        )]
    );
    let event = &read.events[0];
    assert_eq!(event.title, "Enteric Nervous System – Mentorship Call");
    assert_eq!(
        event.link,
        "https://us02web.zoom.us/j/89012345678?pwd=Q2FsZW5kYXI"
    );
    assert!(event
        .registration_notes
        .contains("\n\nJoin Zoom Meeting\nhttps://us02web.zoom.us/j/89012345678"));
    assert!(event.registration_notes.contains("Passcode: 246810"));
    // The same file with CRLF line ends reads the same.
    let crlf = String::from_utf8(bytes).unwrap().replace('\n', "\r\n");
    assert_eq!(self::read(crlf.as_bytes()), read);
}

#[test]
fn thunderbird_a_weekly_series_until_an_instant_and_an_all_day_event_of_two_days() {
    let read = read(&fixture("thunderbird.ics"));
    let series = "7f3c9a2e-5b1d-4c8e-9f6a-2d4b8e1c3a5f";
    let berlin = Some("Europe/Berlin");
    let tuesday = |d: u32| {
        (
            format!("{series}/202502{d:02}T170000Z"),
            timed(utc(2025, 2, d, 17, 0), berlin),
            90,
        )
    };
    assert_eq!(
        times(&read.events),
        vec![
            tuesday(4),
            tuesday(11),
            tuesday(18),
            // UNTIL=20250225T170000Z is that Tuesday's start: it is included.
            tuesday(25),
            (
                "b2e4d6f8-1a3c-4e5f-8a9b-0c1d2e3f4a5b".to_owned(),
                EventStart::AllDay {
                    date: day(2025, 3, 8)
                },
                2 * 24 * 60
            ),
        ]
    );
    assert_eq!(read.events[0].sequence, 1);
    assert_eq!(read.events[0].title, "Studiengruppe Schädelbasis");
    assert_eq!(
        read.events[0].registration_notes,
        "Wir lesen gemeinsam Kapitel 4 (Schädelbasis); bitte Skript mitbringen."
    );
}

#[test]
fn a_broken_file_is_refused_whole_naming_the_line_of_each_problem() {
    let refusal = refused(&fixture("broken-bad-date.ics"));
    // The good event before it (with a folded line) is not imported either.
    assert_eq!(refusal.problems.len(), 1, "{refusal}");
    assert_eq!(refusal.problems[0].line, 13);
    assert_eq!(refusal.problems[0].property, "DTSTART");
    assert!(refusal.to_string().contains("Line 13: "), "{refusal}");
    assert!(
        refusal.to_string().contains("\"2025-03-18 19:00\""),
        "{refusal}"
    );

    let refusal = refused(&fixture("broken-missing-parts.ics"));
    let lines: Vec<(u32, &str)> = refusal
        .problems
        .iter()
        .map(|p| (p.line, p.property.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            (4, "DTSTART"),
            (9, "DTSTART"),
            (17, "RRULE"),
            (23, "DTEND"),
            (27, "UID")
        ],
        "{refusal}"
    );
    let message = refusal.to_string();
    assert!(message.contains("\"Mars/Olympus\""), "{message}");
    assert!(message.contains("ends before it starts"), "{message}");

    let refusal = refused(&fixture("broken-unclosed.ics"));
    assert_eq!(refusal.problems.len(), 1);
    // The END that does not close the event still open.
    assert_eq!(refusal.problems[0].line, 9, "{refusal}");

    let refusal = refused(b"Subject: not a calendar\r\n\r\nHello");
    assert_eq!(refusal.problems[0].line, 1);
    let refusal = refused(b"BEGIN:VCALENDAR\r\nSUMMARY:\xff\xfe\r\nEND:VCALENDAR\r\n");
    assert_eq!(refusal.problems[0].line, 2, "{refusal}");
}

#[test]
fn an_event_that_fails_the_form_s_checks_is_refused_at_the_line_of_its_field() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x@example.org\r\n\
                DTSTART:20250311T190000Z\r\nDURATION:PT1H\r\nSUMMARY:Ok\r\n\
                X-STILLPOINT-PREREQUISITE:CS9\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n\
                UID:y@example.org\r\nDTSTART:20250312T190000Z\r\nDURATION:PT1H\r\n\
                END:VEVENT\r\nEND:VCALENDAR\r\n";
    let refusal = refused(text.as_bytes());
    let lines: Vec<(u32, &str)> = refusal
        .problems
        .iter()
        .map(|p| (p.line, p.property.as_str()))
        .collect();
    assert_eq!(
        lines,
        [(8, "X-STILLPOINT-PREREQUISITE"), (10, "VEVENT")],
        "{refusal}"
    );
    assert!(refusal.to_string().contains("\"CS9\""), "{refusal}");
}

/// Every fixture's events, with the fields the calendar apps have no property for filled in.
fn all_events() -> Vec<Event> {
    let mut events: Vec<Event> = [
        "google-monthly.ics",
        "outlook-windows-zone.ics",
        "zoom-utc.ics",
        "thunderbird.ics",
    ]
    .iter()
    .flat_map(|name| read(&fixture(name)).events)
    .collect();
    let first = &mut events[0];
    first.presenter = "Ana Ribeiro".into();
    first.presenter_credentials = "PT, CST-D".into();
    first.recording = true;
    first.cost_live = Some(Fee::new(4500, "USD"));
    first.cost_recording = Some(Fee::new(2550, "USD"));
    first.prerequisite = "CS1".into();
    first.status = Some(EventStatus::Registered);
    first.activity = "study_group".into();
    first.title = "Ein sehr langer Titel mit Umlauten – äöü ÄÖÜ ß – und Zeichen, die zu \
                   maskieren sind: Komma, Semikolon; Backslash \\ und so fort bis über die \
                   Zeilengrenze hinaus"
        .into();
    events[1].status = Some(EventStatus::AttendedRecording);
    events[1].live = false;
    events[1].recording = true;
    events
}

#[test]
fn an_export_imports_back_as_the_same_events() {
    let mut events = all_events();
    // 01:30 on 2 November 2025 happens twice in New York; this is the second (EST).
    events.push(Event {
        uid: "second-pass@example.org".into(),
        start: timed(utc(2025, 11, 2, 6, 30), Some("America/New_York")),
        duration_minutes: 60,
        ..events[0].clone()
    });
    let stamp = utc(2026, 1, 2, 3, 4);
    let text = write_ics(&events, stamp).unwrap();
    let back = read(text.as_bytes());
    assert!(back.notes.is_empty(), "{:?}", back.notes);
    let mut expected = events.clone();
    expected.sort_by(|a, b| {
        start_instant(a)
            .cmp(&start_instant(b))
            .then_with(|| a.uid.cmp(&b.uid))
    });
    assert_eq!(back.events, expected);

    // What every app needs: CRLF, no line longer than 75 octets, UID, DTSTAMP, SEQUENCE,
    // a VTIMEZONE for each zone used.
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(!line.contains('\n'), "{line:?}");
    }
    assert_eq!(text.matches("BEGIN:VEVENT").count(), events.len());
    assert_eq!(text.matches("\r\nUID:").count(), events.len());
    assert_eq!(
        text.matches("\r\nDTSTAMP:20260102T030400Z\r\n").count(),
        events.len()
    );
    assert_eq!(text.matches("\r\nSEQUENCE:").count(), events.len());
    for zone in ["America/New_York", "Europe/Berlin"] {
        assert!(
            text.contains(&format!("BEGIN:VTIMEZONE\r\nTZID:{zone}\r\n")),
            "{zone}"
        );
    }
    assert!(text.contains("DTSTART;TZID=America/New_York:20250211T190000\r\n"));
    assert!(text.contains("DTSTART;VALUE=DATE:20250308\r\nDTEND;VALUE=DATE:20250310\r\n"));
    assert!(text.contains("DTSTART:20250415T163000Z\r\n"));
    assert!(
        text.contains("Komma\\, Semikolon\\; Backslash \\\\ und"),
        "escaped text"
    );
    // The second pass of the repeated hour cannot be written as a local time: UTC, its zone
    // kept beside it.
    assert!(text.contains("DTSTART:20251102T063000Z\r\n"));
}

fn start_instant(event: &Event) -> DateTime<Utc> {
    match &event.start {
        EventStart::Timed { at, .. } => *at,
        EventStart::AllDay { date } => date.and_hms_opt(0, 0, 0).unwrap().and_utc(),
    }
}

#[test]
fn an_exported_vtimezone_defines_the_zone_for_a_reader_that_does_not_know_its_name() {
    let events = read(&fixture("google-monthly.ics")).events;
    let text = write_ics(&events, utc(2026, 1, 1, 0, 0)).unwrap();
    // As if the zone had a name of the file's own: only the VTIMEZONE block can say what it
    // is.
    let renamed = text
        .replace("America/New_York", "Eastern Time (custom)")
        .replace("X-LIC-LOCATION:Eastern Time (custom)\r\n", "");
    assert!(renamed.contains("TZID=Eastern Time (custom):20250311T190000"));
    let back = read(renamed.as_bytes()).events;
    let instants = |events: &[Event]| events.iter().map(start_instant).collect::<Vec<_>>();
    assert_eq!(instants(&back), instants(&events));
    assert!(back.iter().all(|e| matches!(
        &e.start,
        EventStart::Timed {
            time_zone: None,
            ..
        }
    ) || matches!(&e.start, EventStart::AllDay { .. })));
}

#[test]
fn importing_again_changes_nothing_and_a_higher_sequence_updates() {
    let first = read(&fixture("thunderbird.ics")).events;
    let plan = merge_plan(&[], first.clone());
    assert_eq!(plan.added, first);
    assert!(plan.updated.is_empty() && plan.unchanged.is_empty());
    let stored: Vec<(String, u32)> = first.iter().map(|e| (e.uid.clone(), e.sequence)).collect();

    let again = merge_plan(&stored, read(&fixture("thunderbird.ics")).events);
    assert!(again.added.is_empty() && again.updated.is_empty());
    assert_eq!(again.unchanged.len(), first.len());

    // The organiser revised the series: its SEQUENCE went from 1 to 2.
    let revised = String::from_utf8(fixture("thunderbird.ics"))
        .unwrap()
        .replace("SEQUENCE:1", "SEQUENCE:2")
        .replace(
            "Studiengruppe Schädelbasis",
            "Studiengruppe Schädelbasis (neu)",
        );
    let plan = merge_plan(&stored, read(revised.as_bytes()).events);
    assert!(plan.added.is_empty());
    assert_eq!(plan.updated.len(), 4, "the four Tuesdays");
    assert!(plan
        .updated
        .iter()
        .all(|e| e.sequence == 2 && e.title == "Studiengruppe Schädelbasis (neu)"));
    assert_eq!(
        plan.unchanged,
        ["b2e4d6f8-1a3c-4e5f-8a9b-0c1d2e3f4a5b"],
        "the all-day event kept its SEQUENCE"
    );

    // An older copy (lower SEQUENCE) changes nothing.
    let newer: Vec<(String, u32)> = stored.iter().map(|(u, _)| (u.clone(), 9)).collect();
    let plan = merge_plan(&newer, first.clone());
    assert_eq!(plan.unchanged.len(), first.len());
}
