//! `stillpoint calendar import|list|attend|export`: what each prints, its JSON, its exit codes.

use serde_json::{json, Value};

use super::{fixture, no_db, stillpoint, temp_db};

fn listed(db: &std::path::Path) -> Value {
    let list = stillpoint(db, &["calendar", "list", "--json"]);
    assert_eq!((list.code, list.err.as_str()), (0, ""));
    assert_eq!(list.out.lines().count(), 1, "one JSON value, one line");
    serde_json::from_str(&list.out).unwrap()
}

fn calendar(name: &str) -> String {
    fixture(&format!("calendar/{name}"))
}

#[test]
fn import_prints_a_summary_and_list_json_is_one_array_of_the_contract_s_fields() {
    let (_dir, db) = temp_db();
    assert_eq!(listed(&db), json!([]));
    let file = calendar("zoom-utc.ics");
    let imported = stillpoint(&db, &["calendar", "import", &file]);
    assert_eq!((imported.code, imported.err.as_str()), (0, ""));
    assert_eq!(
        imported.out,
        format!("Imported {file}: 1 event added, 0 updated, 0 unchanged.\n")
    );
    let again = stillpoint(&db, &["calendar", "import", &file]);
    assert_eq!(
        again.out,
        format!("Imported {file}: 0 events added, 0 updated, 1 unchanged.\n")
    );
    let list = listed(&db);
    assert_eq!(
        list,
        json!([{
            "id": list[0]["id"],
            "uid": "20250401T120000Z-89012345678@fe80:0:0:0:1c9e:fdff:fe2c:96bdens5",
            "title": "Enteric Nervous System – Mentorship Call",
            "starts_at": "2025-04-15T16:30:00Z",
            "all_day": false,
            "duration_minutes": 90,
            "time_zone": null,
            "presenter": null,
            "status": "none",
        }])
    );
}

#[test]
fn an_all_day_event_starts_at_its_dates_midnight_and_events_come_by_start() {
    let (_dir, db) = temp_db();
    let imported = stillpoint(&db, &["calendar", "import", &calendar("thunderbird.ics")]);
    assert_eq!(imported.code, 0, "{}", imported.err);
    let list = listed(&db);
    let events = list.as_array().unwrap();
    let starts: Vec<&str> = events
        .iter()
        .map(|e| e["starts_at"].as_str().unwrap())
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "ordered by start");
    let all_day = events
        .iter()
        .find(|e| e["title"] == "Mentoring-Tage: Becken und Zwerchfell")
        .unwrap();
    assert_eq!(all_day["all_day"], true);
    assert_eq!(all_day["starts_at"], "2025-03-08T00:00:00Z");
    assert_eq!(all_day["time_zone"], Value::Null);
    let timed = events
        .iter()
        .find(|e| e["title"] == "Studiengruppe Schädelbasis")
        .unwrap();
    assert_eq!(timed["starts_at"], "2025-02-04T17:00:00Z");
    assert_eq!(timed["time_zone"], "Europe/Berlin");
}

#[test]
fn a_broken_file_exits_1_naming_its_lines_and_changes_nothing() {
    let (_dir, db) = temp_db();
    stillpoint(&db, &["calendar", "import", &calendar("zoom-utc.ics")]);
    let before = listed(&db);
    let refused = stillpoint(
        &db,
        &["calendar", "import", &calendar("broken-bad-date.ics")],
    );
    assert_eq!(refused.code, 1);
    assert_eq!(refused.out, "");
    assert!(
        refused.err.starts_with(
            "error: The calendar file was not imported, and nothing was changed.\nLine "
        ),
        "{}",
        refused.err
    );
    assert_eq!(listed(&db), before);
    let missing = stillpoint(&db, &["calendar", "import", "/no/such/file.ics"]);
    assert_eq!(missing.code, 1);
    assert!(missing
        .err
        .starts_with("error: Stillpoint could not read /no/such/file.ics"));
}

#[test]
fn attend_logs_a_b_entry_once_and_refuses_a_second_time_and_a_future_event() {
    let (_dir, db) = temp_db();
    stillpoint(&db, &["calendar", "import", &calendar("zoom-utc.ics")]);
    let id = listed(&db)[0]["id"].to_string();
    let attended = stillpoint(&db, &["calendar", "attend", &id]);
    assert_eq!((attended.code, attended.err.as_str()), (0, ""));
    assert!(
        attended.out.starts_with(
            "Logged \"Enteric Nervous System – Mentorship Call\" as entry 1: 1 h 30 min of large_group, virtual, on 2025-04-15."
        ),
        "{}",
        attended.out
    );
    assert_eq!(listed(&db)[0]["status"], "attended_live");
    let credits = stillpoint(&db, &["credits", "--json"]);
    let credits: Value = serde_json::from_str(&credits.out).unwrap();
    assert_eq!(credits["counted_minutes"]["B"], 90, "the B hours moved");

    let again = stillpoint(&db, &["calendar", "attend", &id]);
    assert_eq!(again.code, 1);
    assert_eq!(
        again.err,
        "error: \"Enteric Nervous System – Mentorship Call\" is logged already: an event is logged once.\n"
    );

    let future = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\n\
        UID:future@example.org\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20990101T180000Z\r\n\
        DURATION:PT1H\r\nSUMMARY:Cranial nerves\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let file = db.with_file_name("future.ics");
    std::fs::write(&file, future).unwrap();
    assert_eq!(
        stillpoint(&db, &["calendar", "import", file.to_str().unwrap()]).code,
        0
    );
    let later = listed(&db);
    let future_id = later
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["uid"] == "future@example.org")
        .unwrap()["id"]
        .to_string();
    let early = stillpoint(&db, &["calendar", "attend", &future_id]);
    assert_eq!(early.code, 1);
    assert!(early.err.contains("has not happened yet"), "{}", early.err);
    let wrong = stillpoint(
        &db,
        &["calendar", "attend", &future_id, "--activity", "one_to_one"],
    );
    assert_eq!(wrong.code, 1);
    let credits = stillpoint(&db, &["credits", "--json"]);
    let credits: Value = serde_json::from_str(&credits.out).unwrap();
    assert_eq!(
        credits["counted_minutes"]["B"], 90,
        "the refusals logged nothing"
    );
}

#[test]
fn export_writes_every_event_and_it_imports_back_unchanged() {
    let (dir, db) = temp_db();
    stillpoint(
        &db,
        &["calendar", "import", &calendar("google-monthly.ics")],
    );
    let before = listed(&db);
    let count = before.as_array().unwrap().len();
    let out = dir.path().join("all.ics");
    let exported = stillpoint(&db, &["calendar", "export", out.to_str().unwrap()]);
    assert_eq!((exported.code, exported.err.as_str()), (0, ""));
    assert_eq!(
        exported.out,
        format!("Exported {count} events to {}.\n", out.display())
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    let (_other, fresh) = temp_db();
    let back = stillpoint(&fresh, &["calendar", "import", out.to_str().unwrap()]);
    assert_eq!(back.code, 0, "{}", back.err);
    let strip = |v: &Value| -> Vec<Value> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let mut e = e.clone();
                e.as_object_mut().unwrap().remove("id");
                e
            })
            .collect()
    };
    assert_eq!(strip(&listed(&fresh)), strip(&before));
    let again = stillpoint(&db, &["calendar", "import", out.to_str().unwrap()]);
    assert!(again
        .out
        .ends_with(&format!("0 events added, 0 updated, {count} unchanged.\n")));
}

#[test]
fn reads_need_a_record_and_list_needs_json() {
    let (_dir, db) = no_db();
    for args in [
        &["calendar", "list", "--json"][..],
        &["calendar", "export", "/tmp/x.ics"],
    ] {
        let read = stillpoint(&db, args);
        assert_eq!(read.code, 1, "{args:?}");
        assert!(read
            .err
            .starts_with("error: There is no Stillpoint record at "));
    }
    assert!(!db.parent().unwrap().exists());
}
