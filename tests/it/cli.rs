//! The command line's contract: what `profile`, `demo`, `import`, `export-csv`, `credits`,
//! `claim` and `submissions` print, and their exit codes (`mentors`, `calendar`, `backup` and
//! `backups` in cli/).

mod backups;
mod calendar;
mod mentors;

use std::path::{Path, PathBuf};

use clap::Parser;
use serde_json::{json, Value};
use stillpoint::cli::Cli;

use crate::support::{pdf_text, qpdf_check, stillpoint};

/// An empty record, as the window makes at its first start.
fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cli.db");
    stillpoint_core::Store::open(&path).unwrap();
    (dir, path)
}

/// A path where no record is yet.
fn no_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not yet").join("cli.db");
    (dir, path)
}

#[test]
fn a_read_on_a_missing_record_says_so_and_creates_nothing() {
    let (dir, db) = no_db();
    for args in [
        &["profile", "show", "--json"][..],
        &["credits", "--json"],
        &["credits"],
        &["submissions", "--json"],
        &["export-csv", dir.path().join("out.csv").to_str().unwrap()],
        &[
            "portfolio",
            "--out",
            dir.path().join("p.pdf").to_str().unwrap(),
        ],
        &["backup"],
        &["backups", "--json"],
    ] {
        let read = stillpoint(&db, args);
        assert_eq!(read.code, 1, "{args:?}");
        assert_eq!(read.out, "", "{args:?}");
        assert!(
            read.err
                .starts_with("error: There is no Stillpoint record at ")
                && read.err.contains("cli.db"),
            "{args:?}: {}",
            read.err
        );
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "nothing was created: {left:?}");
}

#[test]
fn a_blank_form_needs_no_record_and_makes_none() {
    let (dir, db) = no_db();
    let pdf = dir.path().join("blank.pdf");
    let written = stillpoint(&db, &["form", "--blank", "--out", pdf.to_str().unwrap()]);
    assert_eq!((written.code, written.err.as_str()), (0, ""));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    assert!(!db.parent().unwrap().exists(), "no record was made");
}

#[test]
fn a_command_that_writes_starts_a_record_where_there_is_none() {
    let (_dir, db) = no_db();
    let set = stillpoint(&db, &["profile", "set", "--name", "Ana"]);
    assert_eq!(set.code, 0, "{}", set.err);
    assert_eq!(profile_json(&db)["name"], "Ana");
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

// ---- import, export-csv, credits ----

/// A CSV file of the engine's fixtures (as LibreOffice writes them).
fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/core/tests/fixtures");
    path.join(name).to_str().unwrap().to_owned()
}

const EMPTY_CREDITS: &str = r#"{"credits_available":0,"counted_minutes":{"A":0,"B":0,"C":0},"next_credit":{"A":360,"B":360,"C":360,"any":360}}"#;

fn credits_json(db: &Path) -> String {
    let credits = stillpoint(db, &["credits", "--json"]);
    assert_eq!((credits.code, credits.err.as_str()), (0, ""));
    credits.out
}

#[test]
fn credits_json_is_exactly_one_object_with_the_contract_keys() {
    let (_dir, db) = temp_db();
    assert_eq!(credits_json(&db), format!("{EMPTY_CREDITS}\n"));
    let imported = stillpoint(&db, &["import", &fixture("libreoffice-de.csv")]);
    assert_eq!(imported.code, 0, "{}", imported.err);
    let value: Value = serde_json::from_str(&credits_json(&db)).unwrap();
    assert_eq!(
        value,
        json!({"credits_available": 0,
               "counted_minutes": {"A": 90, "B": 825, "C": 105},
               "next_credit": {"A": 270, "B": 0, "C": 255, "any": 0}})
    );
}

#[test]
fn credits_without_json_says_what_is_missing() {
    let (_dir, db) = temp_db();
    let credits = stillpoint(&db, &["credits"]);
    assert_eq!(credits.code, 0);
    assert!(
        credits.out.starts_with("Credits available: 0\n"),
        "{}",
        credits.out
    );
    assert!(
        credits
            .out
            .contains("For your next credit: 6 h of category A"),
        "{}",
        credits.out
    );
}

#[test]
fn import_prints_a_summary_and_a_second_import_skips_everything() {
    let (_dir, db) = temp_db();
    let file = fixture("libreoffice-de-windows.csv");
    let first = stillpoint(&db, &["import", &file]);
    assert_eq!((first.code, first.err.as_str()), (0, ""));
    assert_eq!(first.out, format!("Imported 8 entries from {file}.\n"));
    let second = stillpoint(&db, &["import", &file]);
    assert_eq!((second.code, second.err.as_str()), (0, ""));
    assert_eq!(
        second.out,
        format!(
            "Imported 0 entries from {file}.\n\
             Skipped 8 rows already in the database: lines 2-3, 5-10.\n"
        )
    );
}

#[test]
fn import_lists_rows_repeated_in_the_file() {
    let (dir, db) = temp_db();
    let file = dir.path().join("twice.csv");
    std::fs::write(
        &file,
        "date,activity,format,hours\n2025-03-14,one_to_one,virtual,1\n2025-03-14,one_to_one,virtual,1\n",
    )
    .unwrap();
    let out = stillpoint(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.err);
    assert!(
        out.out
            .contains("Line 3 is identical to line 2; both were imported"),
        "{}",
        out.out
    );
}

#[test]
fn a_refused_import_exits_1_with_one_line_per_problem_and_changes_nothing() {
    let (_dir, db) = temp_db();
    let bad = stillpoint(&db, &["import", &fixture("bad-rows.csv")]);
    assert_eq!(bad.code, 1);
    assert_eq!(bad.out, "");
    let lines: Vec<&str> = bad.err.lines().collect();
    assert_eq!(lines.len(), 5, "{}", bad.err);
    assert!(
        lines[0].starts_with("line 5: date: The date is too far in the future; enter one up to "),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("line 6: hours: "), "{}", lines[1]);
    assert!(
        lines[2].starts_with("line 8: activity: \"dancing\" is not an activity; write one of "),
        "{}",
        lines[2]
    );
    assert_eq!(
        lines[3],
        "line 9: days: Enter the number of days, from 1 to 31."
    );
    assert!(lines[4].starts_with("line 9: endorsed: "), "{}", lines[4]);
    assert_eq!(credits_json(&db), format!("{EMPTY_CREDITS}\n"));
}

#[test]
fn a_file_with_unknown_or_missing_columns_is_refused_at_line_1() {
    let (dir, db) = temp_db();
    let file = dir.path().join("columns.csv");
    std::fs::write(
        &file,
        "date;activity;hours;teacher\n2025-03-14;one_to_one;1;Ana\n",
    )
    .unwrap();
    let out = stillpoint(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    let lines: Vec<&str> = out.err.lines().collect();
    assert!(lines[0].starts_with("line 1: teacher: "), "{}", out.err);
    assert!(lines[1].starts_with("line 1: format: "), "{}", out.err);
    assert_eq!(lines.len(), 2);
}

#[test]
fn a_missing_file_is_an_error_not_a_crash() {
    let (dir, db) = temp_db();
    let missing = dir.path().join("nope.csv");
    let out = stillpoint(&db, &["import", missing.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(
        out.err.starts_with("error: Stillpoint could not read"),
        "{}",
        out.err
    );
}

#[test]
fn export_csv_then_import_into_an_empty_database_gives_the_same_credits() {
    let (dir, db) = temp_db();
    assert_eq!(stillpoint(&db, &["demo"]).code, 0);
    let exported = dir.path().join("export.csv");
    let export = stillpoint(&db, &["export-csv", exported.to_str().unwrap()]);
    assert_eq!((export.code, export.err.as_str()), (0, ""));
    assert!(
        export.out.starts_with("Exported 23 entries to "),
        "{}",
        export.out
    );

    let other = dir.path().join("other.db");
    let import = stillpoint(&other, &["import", exported.to_str().unwrap()]);
    assert_eq!(import.code, 0, "{}", import.err);
    assert!(
        import.out.starts_with("Imported 23 entries"),
        "{}",
        import.out
    );
    assert_eq!(credits_json(&other), credits_json(&db));

    let again = stillpoint(&db, &["import", exported.to_str().unwrap()]);
    assert!(
        again.out.starts_with("Imported 0 entries") && again.out.contains("Skipped 23 rows"),
        "{}",
        again.out
    );
    let reexported = dir.path().join("again.csv");
    assert_eq!(
        stillpoint(&other, &["export-csv", reexported.to_str().unwrap()]).code,
        0
    );
    assert_eq!(
        std::fs::read(&reexported).unwrap(),
        std::fs::read(&exported).unwrap()
    );
}

// ---- claim, submissions ----

fn submissions_json(db: &Path) -> Value {
    let listed = stillpoint(db, &["submissions", "--json"]);
    assert_eq!((listed.code, listed.err.as_str()), (0, ""));
    assert_eq!(listed.out.lines().count(), 1, "one line: {}", listed.out);
    serde_json::from_str(&listed.out).unwrap()
}

#[test]
fn claim_makes_a_draft_and_the_credits_are_not_counted_again() {
    let (_dir, db) = temp_db();
    assert_eq!(stillpoint(&db, &["demo"]).code, 0);
    assert_eq!(submissions_json(&db), json!([]));
    let before: Value = serde_json::from_str(&credits_json(&db)).unwrap();
    assert_eq!(before["credits_available"], 1);

    let claim = stillpoint(&db, &["claim", "1"]);
    assert_eq!((claim.code, claim.err.as_str()), (0, ""));
    let lines: Vec<&str> = claim.out.lines().collect();
    assert_eq!(lines[0], "Submission 1: a draft claiming 1 credit.");
    assert!(
        lines[1].starts_with("Claimed: A ") && lines[1].contains("(total 24 h) from "),
        "{}",
        claim.out
    );

    let after: Value = serde_json::from_str(&credits_json(&db)).unwrap();
    assert_eq!(after["credits_available"], 0);
    let listed = submissions_json(&db);
    let s = &listed[0];
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(
        (
            s["id"].clone(),
            s["state"].clone(),
            s["credits"].clone(),
            s["claimed_total"].clone()
        ),
        (json!(1), json!("draft"), json!(1), json!(1440))
    );
    let mut keys: Vec<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = [
        "id",
        "state",
        "rule_set",
        "credits",
        "created_on",
        "sent_on",
        "fee",
        "paid_by",
        "credited_on",
        "claimed",
        "claimed_total",
        "entry_count",
    ];
    keys.sort_unstable();
    expected.sort_unstable();
    assert_eq!(keys, expected);
    for c in ["A", "B", "C"] {
        let claimed = s["claimed"][c].as_i64().unwrap();
        let left = after["counted_minutes"][c].as_i64().unwrap();
        assert!(claimed >= 360, "{c}");
        assert_eq!(
            claimed + left,
            before["counted_minutes"][c].as_i64().unwrap(),
            "{c}"
        );
    }

    let again = stillpoint(&db, &["claim", "1"]);
    assert_eq!((again.code, again.out.as_str()), (1, ""));
    assert!(
        again
            .err
            .starts_with("error: No credit can be claimed yet. For your next credit:"),
        "{}",
        again.err
    );
    assert_eq!(submissions_json(&db), listed);

    let shown = stillpoint(&db, &["submissions"]);
    assert_eq!(shown.code, 0);
    assert!(
        shown
            .out
            .starts_with("1    draft     1 credit   24 h       created "),
        "{}",
        shown.out
    );
}

#[test]
fn claiming_more_than_is_available_exits_1_and_changes_nothing() {
    let (_dir, db) = temp_db();
    assert_eq!(stillpoint(&db, &["demo"]).code, 0);
    let credits = credits_json(&db);
    for n in ["2", "0", "-1"] {
        let refused = stillpoint(&db, &["claim", n]);
        assert_eq!(refused.code, 1, "claim {n}");
        assert_eq!(
            refused.err, "error: You have 1 credit available; claim 1.\n",
            "claim {n}"
        );
        assert_eq!(refused.out, "");
    }
    assert_eq!(credits_json(&db), credits);
    assert_eq!(submissions_json(&db), json!([]));
}

#[test]
fn claim_with_form_writes_the_submissions_tracking_form() {
    let (dir, db) = temp_db();
    assert_eq!(stillpoint(&db, &["demo"]).code, 0);
    let pdf = dir.path().join("form 1.pdf");
    let claim = stillpoint(&db, &["claim", "1", "--form", pdf.to_str().unwrap()]);
    assert_eq!((claim.code, claim.err.as_str()), (0, ""));
    assert!(claim
        .out
        .ends_with(&format!("Wrote the tracking form to {}.\n", pdf.display())));
    qpdf_check(&pdf);
    let text = pdf_text(&pdf);
    assert!(text.contains("Mentorship Program Tracking Form"), "{text}");
    assert!(text.contains("Maren Oyelaran-Støa"), "{text}");
    assert!(text.contains("Submission 1"), "{text}");
    assert_eq!(submissions_json(&db)[0]["state"], "draft");
}

#[test]
fn claim_with_a_form_that_cannot_be_written_claims_nothing() {
    let (dir, db) = temp_db();
    assert_eq!(stillpoint(&db, &["demo"]).code, 0);
    let credits = credits_json(&db);
    let pdf = dir.path().join("no such folder").join("form.pdf");
    let refused = stillpoint(&db, &["claim", "1", "--form", pdf.to_str().unwrap()]);
    assert_eq!(refused.code, 1);
    assert!(
        refused.err.contains("nothing was claimed"),
        "{}",
        refused.err
    );
    assert_eq!(refused.out, "");
    assert_eq!(submissions_json(&db), json!([]));
    assert_eq!(credits_json(&db), credits);
}

#[test]
fn form_blank_writes_an_empty_form_with_ruled_rows() {
    let (dir, db) = temp_db();
    let pdf = dir.path().join("blank.pdf");
    let written = stillpoint(&db, &["form", "--blank", "--out", pdf.to_str().unwrap()]);
    assert_eq!((written.code, written.err.as_str()), (0, ""));
    qpdf_check(&pdf);
    let text = pdf_text(&pdf);
    assert!(text.contains("Mentorship Program Tracking Form"), "{text}");
    assert!(text.contains("Category A"), "{text}");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["stillpoint", "import"][..],
        &["stillpoint", "credits", "--yaml"],
        &["stillpoint", "export-csv"],
        &["stillpoint", "claim"],
        &["stillpoint", "claim", "one"],
        &["stillpoint", "claim", "1", "--form"],
        &["stillpoint", "submissions", "--yaml"],
        &["stillpoint", "form", "--out", "x.pdf"],
        &["stillpoint", "form", "--blank"],
    ] {
        let error = Cli::try_parse_from(args).unwrap_err();
        assert_eq!(error.exit_code(), 2, "{args:?}");
    }
}

#[test]
fn import_takes_a_file_in_the_apps_words_with_the_same_contract() {
    let (dir, db) = temp_db();
    let file = dir.path().join("words.csv");
    std::fs::write(
        &file,
        "Date,Activity,Format,Hours,Mentor or provider,Credentials,Certified mentor\n\
         2025-03-14,Small group mentorship,Virtual,6,Ana Núñez,CST,no\n\
         2025-03-15,1X1 MENTORSHIP,in person,6,Ana Núñez,CST-D,yes\n",
    )
    .unwrap();
    let imported = stillpoint(&db, &["import", file.to_str().unwrap()]);
    assert_eq!((imported.code, imported.err.as_str()), (0, ""));
    assert!(imported.out.contains("Imported 2"), "{}", imported.out);
    let value: Value = serde_json::from_str(&credits_json(&db)).unwrap();
    assert_eq!(value["counted_minutes"]["B"], 360);
    assert_eq!(value["counted_minutes"]["C"], 360);

    std::fs::write(
        &file,
        "Date,Activity,Format,Hours,Teacher\n2025-03-14,Zoom,virtual,1,x\n",
    )
    .unwrap();
    let refused = stillpoint(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(refused.code, 1);
    let lines: Vec<&str> = refused.err.lines().collect();
    assert_eq!(lines.len(), 2, "{}", refused.err);
    assert!(
        lines[0].starts_with("line 1: Teacher: \"Teacher\" is not a column"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("line 2: activity: \"Zoom\" is not an activity; write one of "),
        "{}",
        lines[1]
    );
}
