//! A stored row that cannot be read is an error naming its table and row, never a default.

use chrono::NaiveDate;

use crate::clinical::ScreenAnswer;
use crate::error::Error;
use crate::model::{CourseDraft, CourseRole};
use crate::store::Store;

/// Writes `sql` past the schema's checks, as a damaged or foreign file could hold it.
fn damage(store: &Store, sql: &str, id: i64) {
    let conn = store.conn();
    conn.execute_batch("PRAGMA ignore_check_constraints = ON")
        .unwrap();
    assert_eq!(conn.execute(sql, [id]).unwrap(), 1);
    conn.execute_batch("PRAGMA ignore_check_constraints = OFF")
        .unwrap();
}

fn message(result: Result<impl std::fmt::Debug, Error>) -> String {
    match result {
        Err(e @ Error::Database(_)) => e.to_string(),
        other => panic!("expected a read error, got {other:?}"),
    }
}

fn entry(store: &mut Store) -> i64 {
    let draft = crate::testing::entry("2025-03-14", "clinical_applications", "8");
    let today = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    store.add_entry(&draft, today).unwrap().id
}

#[test]
fn an_entry_of_an_unknown_category_is_an_error_naming_the_entry() {
    let mut store = Store::open_in_memory().unwrap();
    let id = entry(&mut store);
    damage(
        &store,
        "UPDATE entries SET category = 'Z' WHERE id = ?1",
        id,
    );
    let text = message(store.entry(id));
    assert!(text.contains(&format!("entries row {id}")), "{text}");
    assert!(text.contains("unknown category \"Z\""), "{text}");
}

#[test]
fn an_entry_of_an_unknown_format_is_an_error_naming_the_entry() {
    let mut store = Store::open_in_memory().unwrap();
    let id = entry(&mut store);
    damage(
        &store,
        "UPDATE entries SET format = 'by_post' WHERE id = ?1",
        id,
    );
    let text = message(store.all_entries());
    assert!(text.contains(&format!("entries row {id}")), "{text}");
    assert!(text.contains("unknown format \"by_post\""), "{text}");
}

#[test]
fn a_course_of_an_unknown_role_is_an_error_naming_the_course() {
    let mut store = Store::open_in_memory().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let course = CourseDraft {
        course: "CS1".into(),
        role: Some(CourseRole::Participant),
        title: String::new(),
        started_on: "2025-03-13".into(),
        finished_on: "2025-03-16".into(),
        instructor: "Karin Holm".into(),
        place: "Malmö".into(),
        hours: "24".into(),
    };
    let id = store.save_course(None, &course, today).unwrap().id;
    damage(
        &store,
        "UPDATE courses SET role = 'tutor' WHERE id = ?1",
        id,
    );
    let text = message(store.courses());
    assert!(text.contains(&format!("courses row {id}")), "{text}");
    assert!(text.contains("unknown course role \"tutor\""), "{text}");
}

#[test]
fn an_attachment_of_an_unknown_owner_is_an_error_naming_the_attachment() {
    let mut store = Store::open_in_memory().unwrap();
    let entry = entry(&mut store);
    store
        .conn()
        .execute(
            "INSERT INTO attachments (owner_kind, owner_id, file_name, stored_name, bytes, added_on)
             VALUES ('entry', ?1, 'certificate.pdf', 'x-certificate.pdf', 10, '2025-06-30')",
            [entry],
        )
        .unwrap();
    let id = store.conn().last_insert_rowid();
    damage(
        &store,
        "UPDATE attachments SET owner_kind = 'letter' WHERE id = ?1",
        id,
    );
    let text = message(store.detach(id));
    assert!(text.contains(&format!("attachments row {id}")), "{text}");
    assert!(text.contains("unknown owner kind \"letter\""), "{text}");
}

#[test]
fn an_unknown_screen_answer_is_an_error_naming_its_client() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store
        .save_client(None, &super::client("C-001"), super::today())
        .unwrap()
        .id;
    store
        .save_intake(id, &super::intake(ScreenAnswer::No), super::today())
        .unwrap();
    damage(
        &store,
        "UPDATE screen_answers SET answer = 'maybe' WHERE client_id = ?1 AND item = 'head_injury'",
        id,
    );
    let text = message(store.client_overview(id));
    assert!(
        text.contains(&format!("screen_answers row of client {id}")),
        "{text}"
    );
    assert!(text.contains("unknown answer \"maybe\""), "{text}");
}

#[test]
fn an_import_beside_an_entry_of_an_unknown_format_is_an_error_naming_the_entry() {
    let mut store = Store::open_in_memory().unwrap();
    let id = entry(&mut store);
    damage(
        &store,
        "UPDATE entries SET format = 'by_post' WHERE id = ?1",
        id,
    );
    let csv = "date,activity,format,hours,days,provider,provider_credential,certified_mentor,\
               endorsed,notes\n2025-01-11,one_to_one,in_person,1,,Karin Holm,CST-D,yes,yes,\n";
    let today = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let text = message(crate::entries_csv::import_csv(
        &mut store,
        csv.as_bytes(),
        today,
    ));
    assert!(text.contains(&format!("entries row {id}")), "{text}");
    assert!(text.contains("unknown format \"by_post\""), "{text}");
}

#[test]
fn an_entry_whose_reasons_cannot_be_read_is_an_error_naming_the_entry() {
    let mut store = Store::open_in_memory().unwrap();
    let id = entry(&mut store);
    damage(
        &store,
        "UPDATE entries SET reasons = 'capped' WHERE id = ?1",
        id,
    );
    let text = message(store.entry(id));
    assert!(text.contains(&format!("entries row {id}")), "{text}");
}

#[test]
fn a_mentor_of_an_unknown_role_is_an_error_naming_the_mentor() {
    let mut store = Store::open_in_memory().unwrap();
    let mentor = store
        .save_mentor(
            None,
            &crate::model::MentorDraft {
                name: "Karin Holm".into(),
                roles: vec![crate::model::MentorRole::Examiner],
                ..Default::default()
            },
        )
        .unwrap();
    damage(
        &store,
        "UPDATE mentor_roles SET role = 'boss' WHERE mentor_id = ?1",
        mentor.id,
    );
    for text in [message(store.mentors()), message(store.mentor(mentor.id))] {
        assert!(
            text.contains(&format!("mentor_roles row {}", mentor.id)),
            "{text}"
        );
        assert!(text.contains("unknown mentor role \"boss\""), "{text}");
    }
}
