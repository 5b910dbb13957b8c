//! Backups from Settings and the dashboard: the status, Back up now, a folder chosen through the
//! system's picker (and a cancelled one), the day's backup once a day.

use serde_json::{json, Value};

use super::{window, window_with, FakeDesktop};

#[test]
fn backing_up_from_settings_lists_the_backup_and_the_folder_can_be_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    let desktop = FakeDesktop {
        folder: Some(usb.clone()),
        ..FakeDesktop::default()
    };
    let default = dir.path().join("backups").display().to_string();
    let w = window_with(dir, "backups.db", desktop);
    w.call("load_demo", json!({})).unwrap();
    let status = w.call("backup_status", json!({})).unwrap();
    assert_eq!(status["folder"], default.as_str());
    assert_eq!(status["chosen"], false);
    assert_eq!(status["backups"], json!([]));
    assert_eq!(
        status["warning"],
        "There is no backup of your record yet. Make one in Settings → Backups."
    );

    let made = w.call("back_up_now", json!({})).unwrap();
    assert!(made["path"].as_str().unwrap().starts_with(&default));
    assert!(made["counts"]["entries"].as_i64().unwrap() > 0);
    let status = w.call("backup_status", json!({})).unwrap();
    assert_eq!(status["backups"], json!([made]));
    assert_eq!(status["warning"], Value::Null);

    let chosen = w.call("choose_backup_folder", json!({})).unwrap();
    assert_eq!(chosen["folder"], usb.display().to_string().as_str());
    assert_eq!(chosen["chosen"], true);
    assert_eq!(
        chosen["backups"],
        json!([]),
        "the new folder holds none yet"
    );
    let made = w.call("back_up_now", json!({})).unwrap();
    assert!(made["path"]
        .as_str()
        .unwrap()
        .starts_with(&usb.display().to_string()));

    std::fs::remove_dir_all(&usb).unwrap();
    let refused = w.call("back_up_now", json!({})).unwrap_err();
    assert_eq!(refused["code"], "refused");
    let status = w.call("backup_status", json!({})).unwrap();
    assert!(status["warning"]
        .as_str()
        .unwrap()
        .starts_with("The backup folder "));

    let back = w.call("use_default_backup_folder", json!({})).unwrap();
    assert_eq!(back["folder"], default.as_str());
    assert_eq!(back["chosen"], false);
    assert_eq!(back["backups"].as_array().unwrap().len(), 1);
    assert_eq!(
        back["warning"],
        Value::Null,
        "the failure was the other folder's"
    );
}

#[test]
fn a_cancelled_folder_picker_changes_nothing() {
    let w = window();
    w.call("load_demo", json!({})).unwrap();
    let before = w.call("backup_status", json!({})).unwrap();
    assert_eq!(
        w.call("choose_backup_folder", json!({})).unwrap(),
        Value::Null
    );
    assert_eq!(w.call("backup_status", json!({})).unwrap(), before);
}

#[test]
fn the_days_backup_is_made_once_a_day_when_the_dashboard_asks() {
    let w = window();
    assert_eq!(
        w.call("back_up_if_due", json!({})).unwrap(),
        Value::Null,
        "an empty record is not backed up"
    );
    w.call("load_demo", json!({})).unwrap();
    let made = w.call("back_up_if_due", json!({})).unwrap();
    assert!(made["counts"]["entries"].as_i64().unwrap() > 0);
    assert_eq!(w.call("back_up_if_due", json!({})).unwrap(), Value::Null);
    let status = w.call("backup_status", json!({})).unwrap();
    assert_eq!(status["backups"], json!([made]));
}
