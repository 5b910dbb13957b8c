//! The real `stillpoint` binary as a script would run it: subcommands exit without a window.

use std::process::Command;

fn stillpoint(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_stillpoint"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap()
}

#[test]
fn help_lists_the_subcommands() {
    let out = Command::new(env!("CARGO_BIN_EXE_stillpoint"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for word in ["profile", "demo", "--db"] {
        assert!(text.contains(word), "--help lacks {word}:\n{text}");
    }
}

#[test]
fn profile_set_and_show_work_without_a_display() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bin.db");
    let set = stillpoint(
        &db,
        &[
            "profile",
            "set",
            "--name",
            "נועה כהן",
            "--credentials",
            "CST",
        ],
    );
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    let show = stillpoint(&db, &["profile", "show", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(json["name"], "נועה כהן");
}

#[test]
fn the_db_variable_points_at_another_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("from-env.db");
    let out = Command::new(env!("CARGO_BIN_EXE_stillpoint"))
        .args(["profile", "set", "--name", "Env"])
        .env("STILLPOINT_DB", &db)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(db.exists());
}

#[test]
fn bad_usage_exits_with_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = stillpoint(
        &dir.path().join("x.db"),
        &["profile", "set", "--nmae", "typo"],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_identifier_matches_tauri_conf() {
    let conf: serde_json::Value =
        serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
    assert_eq!(conf["identifier"], stillpoint_core::folders::IDENTIFIER);
}

/// A crash in the middle of an import (the process killed while its transaction is being
/// written to disk) leaves the database whole and as it was: nothing of the file is imported.
#[test]
fn an_import_killed_while_writing_leaves_the_database_as_it_was() {
    use std::fmt::Write as _;
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    assert!(stillpoint(&db, &["demo"]).status.success());
    let credits = || stillpoint(&db, &["credits", "--json"]).stdout;
    let before = credits();

    let csv = dir.path().join("big.csv");
    let mut text = String::from(
        "date,activity,format,hours,days,provider,provider_credential,certified_mentor,endorsed,notes\n",
    );
    for i in 0..60_000 {
        let (month, day) = (i % 12 + 1, i % 28 + 1);
        writeln!(
            text,
            "2020-{month:02}-{day:02},study_group,virtual,1,,Group {i},,yes,yes,row {i}"
        )
        .unwrap();
    }
    std::fs::write(&csv, text).unwrap();

    let mut import = Command::new(env!("CARGO_BIN_EXE_stillpoint"))
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&csv)
        .env_remove("DISPLAY")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // The import's one transaction spills pages into the write-ahead log before it commits:
    // once the log has grown, the process is killed mid-write.
    let wal = dir.path().join("crash.db-wal");
    let deadline = Instant::now() + Duration::from_secs(120);
    while wal.metadata().map_or(0, |m| m.len()) < 512 * 1024 {
        if let Some(status) = import.try_wait().unwrap() {
            panic!("the import ended ({status}) before it could be interrupted");
        }
        if Instant::now() > deadline {
            import.kill().unwrap();
            panic!("the import never wrote");
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    import.kill().unwrap();
    assert!(!import.wait().unwrap().success());

    let store = stillpoint_core::Store::open(&db).unwrap();
    let check: String = store
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let entries: i64 = store
        .conn()
        .query_row("SELECT COUNT(*) FROM entries", [], |r| r.get(0))
        .unwrap();
    assert_eq!(entries, 23, "the demo's entries, and none of the file's");
    drop(store);
    assert_eq!(credits(), before);
}
