//! Reminders: a system notification the chosen minutes before a registered live event, once
//! per run, through the desktop (no network).

use chrono::{TimeZone, Utc};
use serde_json::json;
use stillpoint::AppState;
use tauri::Manager;

use super::{window_with, FakeDesktop};

const CALENDAR: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\n\
    UID:nerves@example.org\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20261210T190000\r\n\
    DURATION:PT1H30M\r\nSUMMARY:The cranial nerves\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

#[test]
fn a_registered_live_event_is_reminded_once_the_chosen_minutes_before_it_starts() {
    let desktop = FakeDesktop::default();
    let w = window_with(
        tempfile::tempdir().unwrap(),
        "reminders.db",
        desktop.clone(),
    );
    let state = w.webview.state::<AppState>();
    state
        .with_store(|s| s.import_ics(CALENDAR.as_bytes(), chrono_tz::Tz::UTC))
        .unwrap();
    let berlin = chrono_tz::Tz::Europe__Berlin;
    let starts = Utc.with_ymd_and_hms(2026, 12, 10, 18, 0, 0).unwrap();
    let early = starts - chrono::Duration::minutes(20);
    assert!(
        state.remind(early, berlin).unwrap().is_empty(),
        "not registered yet"
    );
    state
        .with_store(|s| {
            Ok(s.conn()
                .execute("UPDATE events SET status = 'registered'", [])?)
        })
        .unwrap();
    let reminded = state.remind(early, berlin).unwrap();
    assert_eq!(reminded.len(), 1);
    assert_eq!(
        *desktop.notified.lock().unwrap(),
        ["The cranial nerves: Starts in 20 min (19:00). The link is in Stillpoint's calendar."]
    );
    assert!(
        state
            .remind(early + chrono::Duration::minutes(1), berlin)
            .unwrap()
            .is_empty(),
        "each event once"
    );
    assert_eq!(desktop.notified.lock().unwrap().len(), 1);

    assert_eq!(w.call("reminder_minutes", json!({})).unwrap(), 30);
    assert_eq!(
        w.call("set_reminder_minutes", json!({"minutes": 45}))
            .unwrap(),
        45
    );
    let refused = w
        .call("set_reminder_minutes", json!({"minutes": 0}))
        .unwrap_err();
    assert_eq!(refused["field"], "reminder_minutes");
    assert_eq!(w.call("reminder_minutes", json!({})).unwrap(), 45);
}
