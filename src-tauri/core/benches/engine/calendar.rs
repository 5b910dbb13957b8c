//! The calendar's figures: reading a 10,000-event `.ics` as Google Calendar and Outlook write
//! them, deciding its re-import, and writing it back.

use std::time::Instant;

use chrono::NaiveDate;
use stillpoint_core::calendar::{merge_plan, read_ics, write_ics, IcsContext};
use stillpoint_core::certification::default_certification;
use stillpoint_core::rules::default_rule_set;
use stillpoint_core::Store;

use super::time;

const EVENTS: usize = 10_000;

/// A calendar of `EVENTS` events as Google Calendar and Outlook write them: CRLF, a VTIMEZONE,
/// times in an IANA zone, in a Windows zone and in UTC, folded descriptions, text in German.
fn ics() -> String {
    let mut text = String::from(
        "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n\
         CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nBEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n\
         X-LIC-LOCATION:America/New_York\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:-0500\r\n\
         TZOFFSETTO:-0400\r\nTZNAME:EDT\r\nDTSTART:19700308T020000\r\n\
         RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\n\
         TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nDTSTART:19701101T020000\r\n\
         RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n",
    );
    let description = "Monthly review of CS1 material\\, open to all program participants.\\n\
                       To register\\, write to mentorship@example.org with your CS1 certificate\\; \
                       the password for the session is sent back.";
    let mut folded = String::new();
    for (i, c) in format!("DESCRIPTION:{description}").chars().enumerate() {
        if i > 0 && i % 74 == 0 {
            folded.push_str("\r\n ");
        }
        folded.push(c);
    }
    let first = NaiveDate::from_ymd_opt(2020, 1, 6).expect("a real date");
    for i in 0..EVENTS {
        let day = first + chrono::Days::new((i % 3000) as u64);
        let hour = 8 + i % 12;
        let local = format!("{}T{hour:02}0000", day.format("%Y%m%d"));
        let end = format!("{}T{hour:02}3000", day.format("%Y%m%d"));
        let (start, end) = match i % 3 {
            0 => (
                format!("DTSTART;TZID=America/New_York:{local}"),
                format!("DTEND;TZID=America/New_York:{end}"),
            ),
            1 => (format!("DTSTART:{local}Z"), format!("DTEND:{end}Z")),
            _ => (
                format!("DTSTART;TZID=\"W. Europe Standard Time\":{local}"),
                "DURATION:PT1H30M".to_owned(),
            ),
        };
        text.push_str(&format!(
            "BEGIN:VEVENT\r\n{start}\r\n{end}\r\nDTSTAMP:20250301T150000Z\r\n\
             UID:bench-{i}@google.com\r\nCREATED:20250110T140000Z\r\n{folded}\r\n\
             LAST-MODIFIED:20250301T145900Z\r\nLOCATION:https://us02web.zoom.us/j/{i}\r\n\
             SEQUENCE:{}\r\nSTATUS:CONFIRMED\r\n\
             SUMMARY:Mentorship call {i} – Zwerchfell und Becken\r\nTRANSP:OPAQUE\r\n\
             END:VEVENT\r\n",
            i % 3
        ));
    }
    text.push_str("END:VCALENDAR\r\n");
    text
}

/// The calendar's figures.
pub(super) fn calendar() {
    let context = IcsContext {
        rules: default_rule_set().expect("the rule set"),
        certification: default_certification().expect("the certification"),
        floating_zone: chrono_tz::Tz::UTC,
    };
    let text = ics();
    let started = Instant::now();
    let read = read_ics(text.as_bytes(), &context).expect("the calendar reads");
    let first_read = started.elapsed();
    assert_eq!(read.events.len(), EVENTS);
    let reading = time(5, || {
        read_ics(text.as_bytes(), &context).expect("the calendar reads")
    });
    let stored: Vec<(String, u32)> = read
        .events
        .iter()
        .map(|e| (e.uid.clone(), e.sequence))
        .collect();
    let merging = time(5, || merge_plan(&stored, read.events.clone()));
    assert_eq!(
        merge_plan(&stored, read.events.clone()).unchanged.len(),
        EVENTS
    );
    let stamp = chrono::Utc::now();
    let written = write_ics(&read.events, stamp).expect("the calendar writes");
    let writing = time(5, || {
        write_ics(&read.events, stamp).expect("the calendar writes")
    });
    let back = time(5, || {
        read_ics(written.as_bytes(), &context).expect("it reads back")
    });
    println!(
        "calendar, {EVENTS} events ({:.1} MB of .ics):",
        text.len() as f64 / 1e6
    );
    println!("  read, first time               {first_read:>10.2?}   [target <= 1 s]");
    println!("  read (median of 5)             {reading:>10.2?}   [target <= 1 s]");
    println!("  merge decision, all unchanged  {merging:>10.2?}");
    println!(
        "  write (median of 5)            {writing:>10.2?}   {:.1} MB",
        written.len() as f64 / 1e6
    );
    println!("  read back the written file     {back:>10.2?}");

    // The store and the Calendar view's read models on those 10,000 events.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = Store::open(&dir.path().join("calendar.db")).expect("a new database");
    let started = Instant::now();
    let imported = store
        .import_ics(text.as_bytes(), chrono_tz::Tz::UTC)
        .expect("the import runs");
    let import = started.elapsed();
    assert_eq!(imported.added as usize, EVENTS);
    let here = chrono_tz::Tz::Europe__Berlin;
    let now = chrono::Utc::now();
    let month = time(20, || {
        stillpoint_core::views::calendar_month(&store, 2023, 6, here, now).expect("the month")
    });
    let shown =
        stillpoint_core::views::calendar_month(&store, 2023, 6, here, now).expect("the month");
    let in_grid: usize = shown.weeks.iter().flatten().map(|d| d.events.len()).sum();
    let agenda = time(20, || {
        stillpoint_core::views::agenda(&store, here, now).expect("the agenda")
    });
    println!("  store import (one transaction) {import:>10.2?}   [target <= 1 s]");
    println!("  month grid (median of 20)      {month:>10.2?}   {in_grid} events in its weeks");
    println!("  agenda (median of 20)          {agenda:>10.2?}");
}
