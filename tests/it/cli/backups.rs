//! `stillpoint backup [--out FILE]` and `backups [--json]`: what each prints, its JSON, its exit
//! codes.

use std::path::Path;

use serde_json::Value;

use super::{stillpoint, temp_db};

#[test]
fn backup_prints_the_path_of_a_checked_copy_and_backups_lists_it_with_the_contract_keys() {
    let (dir, db) = temp_db();
    assert_eq!(stillpoint(&db, &["demo"]).code, 0);
    let none = stillpoint(&db, &["backups"]);
    assert_eq!(none.code, 0, "{}", none.err);
    assert!(none.out.starts_with("No backups yet in "), "{}", none.out);

    let made = stillpoint(&db, &["backup"]);
    assert_eq!((made.code, made.err.as_str()), (0, ""));
    let path = made.out.trim_end().to_owned();
    assert_eq!(made.out, format!("{path}\n"), "one line: the path");
    assert!(path.starts_with(
        &dir.path()
            .join("backups")
            .join("cli-")
            .display()
            .to_string()
    ));
    assert!(Path::new(&path).is_file());

    let listed = stillpoint(&db, &["backups", "--json"]);
    assert_eq!(listed.code, 0, "{}", listed.err);
    let value: Value = serde_json::from_str(&listed.out).unwrap();
    let backups = value.as_array().unwrap();
    assert_eq!(backups.len(), 1);
    let backup = backups[0].as_object().unwrap();
    let keys: Vec<&str> = backup.keys().map(String::as_str).collect();
    assert_eq!(keys, ["bytes", "counts", "created_at", "path"]);
    assert_eq!(backup["path"], path.as_str());
    assert_eq!(backup["bytes"], std::fs::metadata(&path).unwrap().len());
    let created = backup["created_at"].as_str().unwrap();
    assert!(
        chrono::NaiveDateTime::parse_from_str(created, "%Y-%m-%dT%H:%M:%SZ").is_ok(),
        "{created}"
    );
    let counts = backup["counts"].as_object().unwrap();
    let kinds: Vec<&str> = counts.keys().map(String::as_str).collect();
    assert_eq!(
        kinds,
        [
            "attachments",
            "case_studies",
            "clients",
            "entries",
            "sessions"
        ]
    );
    assert!(counts["entries"].as_i64().unwrap() > 0);
    assert!(counts["clients"].as_i64().unwrap() > 0);

    let human = stillpoint(&db, &["backups"]);
    assert!(human.out.contains(" entries, "), "{}", human.out);
    assert!(human.out.trim_end().ends_with(&path), "{}", human.out);

    let elsewhere = dir.path().join("usb").join("copy.db");
    std::fs::create_dir(elsewhere.parent().unwrap()).unwrap();
    let out = stillpoint(&db, &["backup", "--out", elsewhere.to_str().unwrap()]);
    assert_eq!(
        (out.code, out.out.as_str()),
        (0, format!("{}\n", elsewhere.display()).as_str())
    );
    assert!(elsewhere.is_file());
    let listed = stillpoint(&db, &["backups", "--json"]);
    let value: Value = serde_json::from_str(&listed.out).unwrap();
    assert_eq!(
        value.as_array().unwrap().len(),
        1,
        "--out is not in the folder"
    );
}

#[test]
fn a_backup_that_cannot_be_written_exits_1_and_says_where() {
    let (dir, db) = temp_db();
    let nowhere = dir.path().join("missing").join("copy.db");
    let refused = stillpoint(&db, &["backup", "--out", nowhere.to_str().unwrap()]);
    assert_eq!(refused.code, 1);
    assert_eq!(refused.out, "");
    assert!(
        refused
            .err
            .starts_with("error: Stillpoint could not write the backup ")
            && refused.err.contains("copy.db"),
        "{}",
        refused.err
    );
    assert!(!nowhere.parent().unwrap().exists());
}
