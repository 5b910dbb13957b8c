//! The calendar's commands: a `.ics` imported through the open dialog, the month grid and the
//! agenda in the computer's zone, where the therapist stands with an event, attending it as an
//! entry (the form's draft, logged once, the dashboard's B hours moving), and exporting through
//! the save dialog.

use serde_json::{json, Value};
use stillpoint::AppState;

use super::{window_of, FakeDesktop, Window};

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src-tauri/core/tests/fixtures/calendar")
        .join(name)
}

/// A window in Berlin whose open dialog answers `file` and save dialog `save_to`, both `.ics`.
fn berlin(open: &str, save_to: Option<&str>) -> (Window, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(save_to.unwrap_or("unused.ics"));
    let desktop = FakeDesktop {
        open_from: Some(fixture(open)),
        save_to: save_to.map(|_| out.clone()),
        extension: Some("ics"),
        ..Default::default()
    };
    let state = AppState::open(dir.path().join("calendar.db"))
        .with_time_zone(chrono_tz::Tz::Europe__Berlin);
    (window_of(dir, state, desktop), out)
}

fn b_minutes(w: &Window) -> i64 {
    let dashboard = w.call("dashboard", json!({})).unwrap();
    dashboard["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["category"] == "B")
        .unwrap()["counted_minutes"]
        .as_i64()
        .unwrap()
}

fn enteric(month: &Value) -> Value {
    month["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w.as_array().unwrap())
        .filter(|d| d["date"] == "2025-04-15")
        .flat_map(|d| d["events"].as_array().unwrap().clone())
        .find(|e| {
            e["event"]["title"]
                .as_str()
                .unwrap()
                .starts_with("Enteric Nervous System")
        })
        .expect("the Zoom call is on 15 April")
}

#[test]
fn an_ics_imported_through_the_open_dialog_shows_in_the_month_and_the_agenda() {
    let (w, _) = berlin("zoom-utc.ics", None);
    let imported = w.call("import_calendar", json!({})).unwrap();
    assert_eq!(imported["file"], "zoom-utc.ics");
    assert_eq!(imported["summary"]["added"], 1);
    let again = w.call("import_calendar", json!({})).unwrap();
    assert_eq!(
        (
            again["summary"]["added"].clone(),
            again["summary"]["unchanged"].clone()
        ),
        (json!(0), json!(1))
    );

    let april = w
        .call("calendar_month", json!({"year": 2025, "month": 4}))
        .unwrap();
    assert_eq!(april["title"], "April 2025");
    assert_eq!(april["summary"], "1 event in April 2025");
    let event = enteric(&april);
    assert_eq!(event["when"], "16:30 UTC — 18:30 here", "{event}");
    assert_eq!(event["duration"], "1 h 30 min");
    assert_eq!(event["event"]["status"], Value::Null);

    let agenda = w.call("calendar_agenda", json!({})).unwrap();
    assert_eq!(agenda["past"][0]["id"], event["id"]);
    assert_eq!(agenda["upcoming"], json!([]));

    let refused = w
        .call("calendar_month", json!({"year": 2025, "month": 13}))
        .unwrap_err();
    assert_eq!(refused["field"], "month");
}

#[test]
fn a_broken_file_is_refused_and_a_cancelled_dialog_does_nothing() {
    let (w, _) = berlin("broken-bad-date.ics", None);
    let refused = w.call("import_calendar", json!({})).unwrap_err();
    assert_eq!(refused["field"], "file");
    assert!(
        refused["message"].as_str().unwrap().contains("Line "),
        "{refused}"
    );
    assert_eq!(
        w.call("calendar_agenda", json!({})).unwrap()["past"],
        json!([])
    );

    let dir = tempfile::tempdir().unwrap();
    let cancelled = window_of(
        tempfile::tempdir().unwrap(),
        AppState::open(dir.path().join("c.db")),
        FakeDesktop {
            extension: Some("ics"),
            ..Default::default()
        },
    );
    assert_eq!(
        cancelled.call("import_calendar", json!({})).unwrap(),
        Value::Null
    );
    assert_eq!(
        cancelled
            .call("export_calendar", json!({"id": null}))
            .unwrap(),
        Value::Null
    );
}

#[test]
fn registering_then_attending_logs_the_draft_once_and_moves_the_b_hours() {
    let (w, _) = berlin("zoom-utc.ics", None);
    w.call("import_calendar", json!({})).unwrap();
    let id = w.call("calendar_agenda", json!({})).unwrap()["past"][0]["id"].clone();

    let registered = w
        .call(
            "set_event_status",
            json!({"id": id, "status": "registered"}),
        )
        .unwrap();
    assert_eq!(registered["event"]["status"], "registered");
    let refused = w
        .call(
            "set_event_status",
            json!({"id": id, "status": "attended_live"}),
        )
        .unwrap_err();
    assert_eq!(refused["field"], "status");

    let draft = w.call("attend_event_draft", json!({"id": id})).unwrap();
    assert_eq!(draft["date"], "2025-04-15");
    assert_eq!(draft["activity"], "large_group");
    assert_eq!(draft["format"], "virtual");
    assert_eq!(draft["hours"], "1:30");

    let before = b_minutes(&w);
    let mut bad = draft.clone();
    bad["hours"] = json!("many");
    let at_field = w
        .call(
            "log_attended_event",
            json!({"id": id, "entry": bad, "how": "live"}),
        )
        .unwrap_err();
    assert_eq!(at_field["field"], "hours");
    assert_eq!(b_minutes(&w), before, "nothing saved");

    let entry = w
        .call(
            "log_attended_event",
            json!({"id": id, "entry": draft, "how": "live"}),
        )
        .unwrap();
    assert_eq!(entry["counted_minutes"], 90);
    assert_eq!(b_minutes(&w), before + 90);
    let twice = w
        .call(
            "log_attended_event",
            json!({"id": id, "entry": draft, "how": "live"}),
        )
        .unwrap_err();
    assert!(twice["message"]
        .as_str()
        .unwrap()
        .contains("logged already"));
    let shown = &w.call("calendar_agenda", json!({})).unwrap()["past"][0];
    assert_eq!(shown["status_label"], "Attended live, logged");
    assert_eq!(shown["entry_id"], entry["id"]);

    w.call("delete_entry", json!({"id": entry["id"]})).unwrap();
    let back = &w.call("calendar_agenda", json!({})).unwrap()["past"][0];
    assert_eq!(back["event"]["status"], "registered");
    assert_eq!(b_minutes(&w), before);
}

#[test]
fn the_calendar_and_one_event_export_through_the_save_dialog_and_read_back() {
    let (w, out) = berlin("google-monthly.ics", Some("exported.ics"));
    let imported = w.call("import_calendar", json!({})).unwrap();
    let added = imported["summary"]["added"].as_u64().unwrap();
    assert!(added > 1);
    let saved = w.call("export_calendar", json!({"id": null})).unwrap();
    assert_eq!(saved["count"], added);
    let all = std::fs::read_to_string(&out).unwrap();
    assert_eq!(all.matches("BEGIN:VEVENT").count() as u64, added);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    std::fs::remove_file(&out).unwrap();

    let first = w.call("calendar_agenda", json!({})).unwrap()["past"][0].clone();
    let one = w
        .call("export_calendar", json!({"id": first["id"]}))
        .unwrap();
    assert_eq!(one["count"], 1);
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
    assert!(text.contains(first["event"]["uid"].as_str().unwrap()));
}
