//! The command line's contract: what `profile` and `demo` print and their exit codes.

use std::path::{Path, PathBuf};

use clap::Parser;
use serde_json::{json, Value};
use stillpoint_core::cli::{run, Cli};

struct Outcome {
    code: i32,
    out: String,
    err: String,
}

fn stillpoint(db: &Path, args: &[&str]) -> Outcome {
    let head = ["stillpoint", "--db", db.to_str().unwrap()];
    let argv = head.iter().chain(args).copied();
    let cli = Cli::try_parse_from(argv).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(cli.db, cli.command.unwrap(), &mut out, &mut err);
    Outcome {
        code,
        out: String::from_utf8(out).unwrap(),
        err: String::from_utf8(err).unwrap(),
    }
}

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cli.db");
    (dir, path)
}

fn profile_json(db: &Path) -> Value {
    let shown = stillpoint(db, &["profile", "show", "--json"]);
    assert_eq!(shown.code, 0, "{}", shown.err);
    serde_json::from_str(&shown.out).unwrap()
}

#[test]
fn profile_show_json_is_null_before_a_profile_is_saved() {
    let (_dir, db) = temp_db();
    assert_eq!(profile_json(&db), Value::Null);
}

#[test]
fn profile_set_then_show_round_trips_any_script() {
    let (_dir, db) = temp_db();
    let set = stillpoint(
        &db,
        &[
            "profile",
            "set",
            "--name",
            "Ελένη Παπαδοπούλου",
            "--credentials",
            "PT, CST-D",
        ],
    );
    assert_eq!(set.code, 0, "{}", set.err);
    let set = stillpoint(&db, &["profile", "set", "--email", "eleni@example.gr"]);
    assert_eq!(set.code, 0, "{}", set.err);
    assert_eq!(
        profile_json(&db),
        json!({"name": "Ελένη Παπαδοπούλου", "credentials": "PT, CST-D", "member_id": "", "address": "",
               "email": "eleni@example.gr", "phone": ""})
    );
}

#[test]
fn an_invalid_field_is_named_and_nothing_changes() {
    let (_dir, db) = temp_db();
    assert_eq!(
        stillpoint(&db, &["profile", "set", "--name", "Ana"]).code,
        0
    );
    let before = profile_json(&db);
    let bad = stillpoint(
        &db,
        &[
            "profile",
            "set",
            "--name",
            "Someone",
            "--email",
            "ana at example",
        ],
    );
    assert_eq!(bad.code, 1);
    assert!(bad.err.contains("--email"), "{}", bad.err);
    assert_eq!(profile_json(&db), before);
}

#[test]
fn demo_fills_an_empty_database_and_refuses_a_second_time() {
    let (_dir, db) = temp_db();
    let first = stillpoint(&db, &["demo"]);
    assert_eq!(first.code, 0, "{}", first.err);
    assert!(profile_json(&db)["name"]
        .as_str()
        .is_some_and(|n| !n.is_empty()));
    let second = stillpoint(&db, &["demo"]);
    assert_eq!(second.code, 1);
    assert!(second.err.contains("empty database"), "{}", second.err);
}

#[test]
fn demo_refuses_a_database_with_a_profile() {
    let (_dir, db) = temp_db();
    assert_eq!(
        stillpoint(&db, &["profile", "set", "--name", "Ana"]).code,
        0
    );
    assert_eq!(stillpoint(&db, &["demo"]).code, 1);
    assert_eq!(profile_json(&db)["name"], "Ana");
}
