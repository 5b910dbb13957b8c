//! The mentor directory in and out of CSV, on a real database: a list as the program might send
//! it (semicolons, a byte-order mark, CRLF, the app's words, country names), all or nothing,
//! duplicates skipped and said, and the export read back as the same directory.

use std::path::{Path, PathBuf};

use stillpoint_core::mentors_csv::{export_mentors_file, import_mentors_file};
use stillpoint_core::model::{Mentor, MentorRole};
use stillpoint_core::rules::Format;
use stillpoint_core::Store;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn details(store: &Store) -> Vec<stillpoint_core::model::MentorDraft> {
    store
        .mentors()
        .unwrap()
        .into_iter()
        .map(|m: Mentor| m.details)
        .collect()
}

#[test]
fn the_program_s_list_imports_once_and_a_person_twice_is_skipped_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("a.db")).unwrap();
    let summary = import_mentors_file(&mut store, &fixture("mentors-program-list.csv")).unwrap();
    assert!(summary.errors.is_empty(), "{:?}", summary.errors);
    assert_eq!(summary.imported, 5);
    let skipped: Vec<(u32, &str)> = summary
        .skipped
        .iter()
        .map(|s| (s.line, s.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [(8, "the same person as line 2 (the same name and email)")],
        "KARIN HOLM, Karin.Holm@Example.se is Karin Holm, karin.holm@example.se"
    );
    let mentors = store.mentors().unwrap();
    let names: Vec<&str> = mentors.iter().map(|m| m.details.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Dieter Vogt",
            "Ingrid Bakke",
            "Karin Holm",
            "Léa Moreau",
            "Tomás Oyarzún"
        ]
    );
    let karin = &mentors[2];
    assert_eq!(
        karin.details.country.as_deref(),
        Some("SE"),
        "Sweden, by name"
    );
    assert_eq!(karin.country_name, "Sweden");
    assert_eq!(
        karin.details.roles,
        [MentorRole::Mentor, MentorRole::Examiner]
    );
    assert_eq!(karin.details.formats, [Format::InPerson, Format::Virtual]);
    assert_eq!(
        mentors[1].details.languages,
        ["Norwegian", "English", "German"]
    );
    assert_eq!(
        mentors[3].details.time_zone.as_deref(),
        Some("Europe/Paris")
    );
    assert_eq!(
        mentors[4].details.cost_notes,
        "USD 70 per hour\nvirtual only"
    );
    assert_eq!(mentors[0].details.roles, [MentorRole::TeachingAssistant]);
    assert!(!mentors[0].details.certified_mentor);

    let again = import_mentors_file(&mut store, &fixture("mentors-program-list.csv")).unwrap();
    assert_eq!(again.imported, 0, "importing twice adds no one");
    assert_eq!(again.skipped.len(), 6);
    assert!(again.skipped[0]
        .reason
        .contains("already in your directory"));
    assert_eq!(store.mentors().unwrap().len(), 5);
}

#[test]
fn a_file_with_a_bad_row_changes_nothing_and_says_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("a.db")).unwrap();
    import_mentors_file(&mut store, &fixture("mentors-program-list.csv")).unwrap();
    let before = details(&store);
    let summary = import_mentors_file(&mut store, &fixture("mentors-bad-rows.csv")).unwrap();
    assert_eq!(summary.imported, 0);
    let said: Vec<(u32, &str)> = summary
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_str()))
        .collect();
    assert_eq!(
        said,
        [
            (3, "certified_mentor"),
            (4, "email"),
            (4, "country"),
            (4, "time_zone"),
            (4, "formats"),
            (5, "name"),
            (6, "row"),
        ]
    );
    assert!(summary.errors[6].message.contains("in double quotes"));
    assert_eq!(
        details(&store),
        before,
        "Ana Pereira, who was fine, is not added either"
    );
}

#[test]
fn an_export_imports_back_as_the_same_directory() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("a.db")).unwrap();
    stillpoint_core::demo::load(
        &mut store,
        chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
    )
    .unwrap();
    let id = store.mentors().unwrap()[0].id;
    let mut tricky = store.mentor(id).unwrap().details;
    tricky.notes = "=HYPERLINK(\"x\")\n'plain; \"quoted\"".into();
    store.save_mentor(Some(id), &tricky).unwrap();
    let file = dir.path().join("mentors.csv");
    assert_eq!(export_mentors_file(&store, &file).unwrap(), 7);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with(
        "name,credentials,roles,certified_mentor,email,phone,city,country,time_zone,languages,formats,cost_notes,notes\n"
    ));
    assert!(text.contains("'=HYPERLINK"), "no spreadsheet runs it");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    let mut fresh = Store::open(&dir.path().join("b.db")).unwrap();
    let summary = import_mentors_file(&mut fresh, &file).unwrap();
    assert_eq!(
        (summary.imported, summary.skipped.len()),
        (7, 0),
        "{summary:?}"
    );
    assert_eq!(details(&fresh), details(&store));
    let again = import_mentors_file(&mut store, &file).unwrap();
    assert_eq!((again.imported, again.skipped.len()), (0, 7));
}
