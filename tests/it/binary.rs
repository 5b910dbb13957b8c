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
    assert_eq!(conf["identifier"], stillpoint_core::paths::IDENTIFIER);
}
