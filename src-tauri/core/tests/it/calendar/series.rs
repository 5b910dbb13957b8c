//! Series at their edges: the 500th occurrence, BYDAY ordinals, EXDATE days, cancelled and
//! moved occurrences, the skipped and the repeated hour; costs and lengths refused at their line.

use super::*;

#[test]
fn a_series_is_cut_at_500_occurrences_and_a_floating_time_is_the_computer_s() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:daily@example.org\r\n\
                DTSTART:20250301T183000\r\nDTEND:20250301T193000\r\nRRULE:FREQ=DAILY\r\n\
                SUMMARY:Every day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let read = read(text.as_bytes());
    assert_eq!(read.events.len(), MOST_OCCURRENCES);
    assert_eq!(read.notes.len(), 1);
    assert_eq!(read.notes[0].line, 7);
    assert!(
        read.notes[0].message.contains("first 500"),
        "{:?}",
        read.notes
    );
    // Floating 18:30, read in the computer's zone (Berlin here): 17:30 UTC in winter, 16:30
    // UTC in summer.
    assert_eq!(
        read.events[0].start,
        timed(utc(2025, 3, 1, 17, 30), Some("Europe/Berlin"))
    );
    assert_eq!(
        read.events[40].start,
        timed(utc(2025, 4, 10, 16, 30), Some("Europe/Berlin"))
    );
}

#[test]
fn byday_ordinals_exdate_days_and_cancelled_occurrences() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:last-fri@example.org\r\n\
                DTSTART;TZID=Europe/Berlin:20250131T100000\r\nDURATION:PT2H\r\n\
                RRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20250630T000000Z\r\n\
                EXDATE;VALUE=DATE:20250228\r\nSUMMARY:Last Friday\r\nEND:VEVENT\r\n\
                BEGIN:VEVENT\r\nUID:last-fri@example.org\r\n\
                RECURRENCE-ID;TZID=Europe/Berlin:20250425T100000\r\n\
                DTSTART;TZID=Europe/Berlin:20250425T100000\r\nDURATION:PT2H\r\n\
                STATUS:CANCELLED\r\nSUMMARY:Last Friday\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let read = read(text.as_bytes());
    let starts: Vec<DateTime<Utc>> = read.events.iter().map(start_instant).collect();
    assert_eq!(
        starts,
        [
            utc(2025, 1, 31, 9, 0),
            utc(2025, 3, 28, 9, 0),
            utc(2025, 5, 30, 8, 0),
            utc(2025, 6, 27, 8, 0),
        ]
    );
}

#[test]
fn a_cancelled_series_is_left_out_with_its_moved_occurrences_and_said_so() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:off@example.org\r\n\
                DTSTART:20250301T180000Z\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n\
                STATUS:CANCELLED\r\nSUMMARY:Called off\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n\
                UID:off@example.org\r\nRECURRENCE-ID:20250308T180000Z\r\n\
                DTSTART:20250309T180000Z\r\nDURATION:PT1H\r\nSUMMARY:Called off\r\n\
                END:VEVENT\r\nBEGIN:VEVENT\r\nUID:on@example.org\r\n\
                DTSTART:20250310T180000Z\r\nDURATION:PT1H\r\nSUMMARY:Still on\r\n\
                END:VEVENT\r\nEND:VCALENDAR\r\n";
    let read = read(text.as_bytes());
    assert_eq!(
        times(&read.events),
        [(
            "on@example.org".to_owned(),
            timed(utc(2025, 3, 10, 18, 0), None),
            60
        )]
    );
    assert_eq!(read.notes.len(), 1);
    assert_eq!(
        (read.notes[0].line, read.notes[0].property.as_str()),
        (3, "STATUS")
    );
}

#[test]
fn a_cost_without_its_currency_is_refused_at_its_line() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:cost@example.org\r\n\
                DTSTART:20250301T180000Z\r\nDURATION:PT1H\r\nSUMMARY:Paid\r\n\
                X-STILLPOINT-COST-LIVE:25.00\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let refusal = refused(text.as_bytes());
    assert_eq!(
        (
            refusal.problems[0].line,
            refusal.problems[0].property.as_str()
        ),
        (8, "X-STILLPOINT-COST-LIVE"),
        "{refusal}"
    );
    assert!(
        refusal.to_string().contains("three-letter code"),
        "{refusal}"
    );
}

#[test]
fn a_series_through_the_skipped_and_the_repeated_hour_follows_rfc_5545() {
    let series = |start: &str| {
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:night@example.org\r\n\
             DTSTART;TZID=America/New_York:{start}\r\nDURATION:PT30M\r\n\
             RRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:At night\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
    };
    let starts = |text: String| -> Vec<DateTime<Utc>> {
        read(text.as_bytes())
            .events
            .iter()
            .map(start_instant)
            .collect()
    };
    // Sunday 9 March 2025 has no 02:30 in New York: it is read with the offset before the gap
    // (EST), 07:30 UTC, as the Sunday before; the Sunday after is EDT.
    assert_eq!(
        starts(series("20250302T023000")),
        [
            utc(2025, 3, 2, 7, 30),
            utc(2025, 3, 9, 7, 30),
            utc(2025, 3, 16, 6, 30)
        ]
    );
    // Sunday 2 November 2025 has 01:30 twice: the first (EDT, 05:30 UTC) is meant.
    assert_eq!(
        starts(series("20251026T013000")),
        [
            utc(2025, 10, 26, 5, 30),
            utc(2025, 11, 2, 5, 30),
            utc(2025, 11, 9, 6, 30)
        ]
    );
}

#[test]
fn an_event_too_long_is_refused_at_its_duration() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:long@example.org\r\n\
                DTSTART;TZID=Europe/Berlin:20250301T090000\r\nSUMMARY:Retreat\r\n\
                DURATION:P40D\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let refusal = refused(text.as_bytes());
    assert_eq!(
        (
            refusal.problems[0].line,
            refusal.problems[0].property.as_str()
        ),
        (7, "DURATION"),
        "{refusal}"
    );
    assert!(refusal.to_string().contains("at most 31 days"), "{refusal}");
}
