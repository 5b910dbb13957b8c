//! Properties over many files: any event survives export and import, and any file, right or
//! wrong, is read or refused at lines it has.

use proptest::prelude::*;

use super::*;

/// Zones with summer time of an hour, of half an hour (Lord Howe), offsets of odd minutes
/// (Kathmandu, Chatham, St John's), none (Kolkata), and the two hemispheres.
const ZONES: [&str; 8] = [
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "America/St_Johns",
    "Pacific/Chatham",
    "Asia/Kathmandu",
    "Asia/Kolkata",
    "America/Santiago",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the text and the time, an exported event reads back as itself.
    #[test]
    fn any_event_survives_export_and_import(
        title in "\\PC{1,120}",
        notes in "(\\PC|\n){0,300}",
        presenter in "\\PC{0,40}",
        minute in 0_i64..(130 * 365 * 24 * 60),
        duration in 1_u32..(3 * 24 * 60),
        zone in prop::option::of(0..ZONES.len()),
        all_day in any::<bool>(),
        sequence in 0_u32..1000,
    ) {
        let at = utc(1970, 1, 1, 0, 0) + chrono::Duration::minutes(minute);
        let start = if all_day {
            EventStart::AllDay { date: at.date_naive() }
        } else {
            timed(at, zone.map(|z| ZONES[z]))
        };
        let typed = Event {
            uid: format!("{title}@example.org"),
            sequence,
            title: title.clone(),
            presenter,
            presenter_credentials: "CST-D".into(),
            start,
            duration_minutes: if all_day { (duration / 1440 + 1) * 1440 } else { duration },
            live: true,
            recording: false,
            cost_live: None,
            cost_recording: Some(Fee::new(i64::from(duration), "EUR")),
            prerequisite: String::new(),
            registration_notes: notes,
            link: String::new(),
            activity: "large_group".into(),
            status: None,
        };
        let context = context();
        // Only what the form would accept: the text cleaned as it cleans it.
        let Ok(event) = typed.validated(context.rules, context.certification) else {
            return Ok(());
        };
        let text = write_ics(std::slice::from_ref(&event), utc(2026, 1, 1, 0, 0)).unwrap();
        for line in text.split("\r\n") {
            prop_assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let back = read_ics(text.as_bytes(), &context);
        prop_assert_eq!(back.map(|read| read.events), Ok(vec![event]), "{}", text);
    }
}

/// Properties, right and wrong, to build files from.
const PIECES: [&str; 22] = [
    "UID:x@example.org",
    "UID:y@example.org",
    "SUMMARY:Review",
    "SEQUENCE:7",
    "DTSTART:20250311T190000Z",
    "DTSTART;TZID=Europe/Berlin:20250330T023000",
    "DTSTART;VALUE=DATE:20250311",
    "DTSTART;TZID=Own:20250311T190000",
    "DTSTART:20250311T190000",
    "DTEND:20250311T203000Z",
    "DTEND;VALUE=DATE:20250313",
    "DURATION:P1DT2H",
    "DURATION:-PT1H",
    "RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=600",
    "RRULE:FREQ=YEARLY;BYMONTHDAY=31;BYMONTH=2",
    "RRULE:FREQ=WEEKLY;INTERVAL=0",
    "RRULE:FREQ=DAILY;UNTIL=20250320",
    "RECURRENCE-ID:20250312T190000Z",
    "EXDATE:20250311T190000Z,garbage",
    "EXDATE;VALUE=DATE:20250312",
    "STATUS:CANCELLED",
    "X-STILLPOINT-COST-LIVE:12 EUR",
];

/// The parts of a file's own zone, right and wrong.
const ZONE_PIECES: [&str; 6] = [
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZOFFSETTO:-2500",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
    "RRULE:FREQ=YEARLY;BYDAY=9SU",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever events a file holds, reading it answers (events, or the lines it cannot read)
    /// and never fails otherwise.
    #[test]
    fn any_file_is_read_or_refused(
        zone in prop::collection::vec(0..ZONE_PIECES.len(), 0..6),
        events in prop::collection::vec(prop::collection::vec(0..PIECES.len(), 0..10), 0..6),
    ) {
        let mut text = String::from("BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:Own\r\n");
        text.push_str("BEGIN:DAYLIGHT\r\n");
        for i in zone {
            text.push_str(ZONE_PIECES[i]);
            text.push_str("\r\n");
        }
        text.push_str("END:DAYLIGHT\r\nEND:VTIMEZONE\r\n");
        for event in events {
            text.push_str("BEGIN:VEVENT\r\n");
            for i in event {
                text.push_str(PIECES[i]);
                text.push_str("\r\n");
            }
            text.push_str("END:VEVENT\r\n");
        }
        text.push_str("END:VCALENDAR\r\n");
        match read_ics(text.as_bytes(), &context()) {
            Ok(read) => prop_assert!(read.events.len() <= MOST_OCCURRENCES * 6),
            Err(refusal) => {
                let last = u32::try_from(text.lines().count()).unwrap();
                prop_assert!(!refusal.problems.is_empty());
                prop_assert!(refusal.problems.iter().all(|p| (1..=last).contains(&p.line)));
            }
        }
    }
}
