//! `stillpoint mentors import|export|list`: what each prints, its JSON, its exit codes.

use serde_json::{json, Value};

use super::{fixture, no_db, stillpoint, temp_db};

fn listed(db: &std::path::Path) -> Value {
    let list = stillpoint(db, &["mentors", "list", "--json"]);
    assert_eq!((list.code, list.err.as_str()), (0, ""));
    assert_eq!(list.out.lines().count(), 1, "one JSON value, one line");
    serde_json::from_str(&list.out).unwrap()
}

#[test]
fn mentors_import_prints_a_summary_then_list_json_is_one_array_of_the_model_s_fields() {
    let (_dir, db) = temp_db();
    assert_eq!(listed(&db), json!([]));
    let file = fixture("mentors-program-list.csv");
    let imported = stillpoint(&db, &["mentors", "import", &file]);
    assert_eq!((imported.code, imported.err.as_str()), (0, ""));
    assert_eq!(
        imported.out,
        format!(
            "Imported 5 mentors from {file}.\nSkipped line 8 (KARIN HOLM): the same person as \
             line 2 (the same name and email).\n"
        )
    );
    let list = listed(&db);
    let mentors = list.as_array().unwrap();
    assert_eq!(mentors.len(), 5);
    let karin = &mentors[2];
    assert_eq!(
        *karin,
        json!({
            "id": karin["id"], "name": "Karin Holm", "credentials": "PT, CST-D",
            "roles": ["mentor", "examiner"], "certified_mentor": true,
            "email": "karin.holm@example.se", "phone": "+46 40 123 45 67", "city": "Malmö",
            "country": "SE", "time_zone": "Europe/Stockholm", "languages": ["Swedish", "English"],
            "formats": ["in_person", "virtual"], "cost_notes": "900 SEK per hour", "notes": ""
        })
    );
    assert!(karin["id"].is_i64());
    assert_eq!(mentors[0]["name"], "Dieter Vogt");
    assert_eq!(mentors[0]["roles"], json!(["teaching_assistant"]));

    let again = stillpoint(&db, &["mentors", "import", &file]);
    assert_eq!(again.code, 0);
    assert!(
        again.out.starts_with("Imported 0 mentors from "),
        "{}",
        again.out
    );
    assert!(again
        .out
        .contains("Skipped line 2 (Karin Holm): already in your directory"));
    assert_eq!(listed(&db).as_array().unwrap().len(), 5);

    let plain = stillpoint(&db, &["mentors", "list"]);
    assert_eq!(plain.code, 0);
    assert!(
        plain.out.contains(
            "Karin Holm · PT, CST-D · Mentor, Examiner · Malmö, Sweden · Swedish, English"
        ),
        "{}",
        plain.out
    );
}

#[test]
fn a_refused_mentors_import_exits_1_with_every_problem_and_changes_nothing() {
    let (_dir, db) = temp_db();
    stillpoint(
        &db,
        &["mentors", "import", &fixture("mentors-program-list.csv")],
    );
    let before = listed(&db);
    let refused = stillpoint(
        &db,
        &["mentors", "import", &fixture("mentors-bad-rows.csv")],
    );
    assert_eq!(refused.code, 1);
    assert_eq!(refused.out, "");
    let lines: Vec<&str> = refused.err.lines().collect();
    assert_eq!(lines.len(), 8, "{}", refused.err);
    assert!(
        lines[0].starts_with("line 3: certified_mentor: A certified mentor has the Mentor role")
    );
    assert!(lines[2].starts_with("line 4: country: "), "{}", lines[2]);
    assert!(lines[2].contains("\"Portugl\""));
    assert!(lines[5].starts_with("line 5: name: "));
    assert!(lines[6].starts_with("line 6: row: This row has 14 values"));
    assert_eq!(lines[7], "Nothing was imported.");
    assert_eq!(listed(&db), before);

    let missing = stillpoint(&db, &["mentors", "import", "/nonexistent/mentors.csv"]);
    assert_eq!(missing.code, 1);
    assert!(missing
        .err
        .starts_with("error: Stillpoint could not read /nonexistent/mentors.csv"));
}

#[test]
fn mentors_export_writes_what_mentors_import_reads_back() {
    let (dir, db) = temp_db();
    assert_eq!(stillpoint(&db, &["demo"]).code, 0);
    let out = dir.path().join("directory.csv");
    let exported = stillpoint(&db, &["mentors", "export", out.to_str().unwrap()]);
    assert_eq!((exported.code, exported.err.as_str()), (0, ""));
    assert_eq!(
        exported.out,
        format!("Exported 7 mentors to {}.\n", out.display())
    );

    let other = dir.path().join("other.db");
    stillpoint_core::Store::open(&other).unwrap();
    let imported = stillpoint(&other, &["mentors", "import", out.to_str().unwrap()]);
    assert_eq!(imported.code, 0, "{}", imported.err);
    let strip_ids = |v: Value| -> Vec<Value> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|m| {
                let mut m = m.clone();
                m.as_object_mut().unwrap().remove("id");
                m
            })
            .collect()
    };
    assert_eq!(strip_ids(listed(&other)), strip_ids(listed(&db)));
}

#[test]
fn mentors_reads_need_a_record_and_usage_errors_exit_2() {
    let (dir, db) = no_db();
    for args in [
        &["mentors", "list", "--json"][..],
        &[
            "mentors",
            "export",
            dir.path().join("m.csv").to_str().unwrap(),
        ],
    ] {
        let read = stillpoint(&db, args);
        assert_eq!(read.code, 1, "{args:?}");
        assert!(read
            .err
            .starts_with("error: There is no Stillpoint record at "));
    }
    assert!(!db.exists());
    for args in [
        &["stillpoint", "mentors"][..],
        &["stillpoint", "mentors", "import"],
        &["stillpoint", "mentors", "export"],
        &["stillpoint", "mentors", "list", "--yaml"],
        &["stillpoint", "mentors", "delete", "1"],
    ] {
        let error = <stillpoint::cli::Cli as clap::Parser>::try_parse_from(args).unwrap_err();
        assert_eq!(error.exit_code(), 2, "{args:?}");
    }
}
