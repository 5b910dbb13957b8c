//! Schema 9 (the mentor directory) and 10 (the calendar's events), with their data.

use super::*;

#[test]
fn the_old_directory_s_free_text_is_split_and_its_flags_become_roles() {
    let dir = tempfile::tempdir().unwrap();
    let v8 = snapshots().into_iter().find(|(v, _)| *v == 8).unwrap().1;
    let path = database_from(&v8, dir.path());
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO mentors (id, name, credentials, certified_mentor, examiner, location, languages, in_person, virtual)
             VALUES (2, 'Lukas Brandt', 'HP, CST', 0, 1, '  Wien, Österreich ', 'Deutsch; english /English,, Français\nDeutsch', 0, 1),
                    (3, 'Mia Roth', '', 0, 0, '', '', 1, 0);",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    let mentors = store.mentors().unwrap();
    let lukas = mentors
        .iter()
        .find(|m| m.details.name == "Lukas Brandt")
        .unwrap();
    assert_eq!(
        lukas.details.roles,
        [MentorRole::Examiner],
        "an examiner, not certified"
    );
    assert_eq!(lukas.details.languages, ["Deutsch", "english", "Français"]);
    assert_eq!(lukas.details.city, "Wien, Österreich");
    assert_eq!(lukas.details.formats, [Format::Virtual]);
    let mia = mentors
        .iter()
        .find(|m| m.details.name == "Mia Roth")
        .unwrap();
    assert!(mia.details.roles.is_empty() && mia.details.languages.is_empty());

    // The rebuilt table still holds the entries' references: removing Karin unlinks her entry,
    // which keeps the name it was logged with, and takes her roles and languages with her.
    let karin = mentors
        .iter()
        .find(|m| m.details.name == "Karin Holm")
        .unwrap()
        .id;
    store.delete_mentor(karin).unwrap();
    let entry = store.entry(1).unwrap();
    assert_eq!(
        (entry.draft.mentor_id, entry.draft.provider.as_str()),
        (None, "Karin Holm")
    );
    let left: i64 = store
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM mentor_roles WHERE mentor_id = ?1)
                  + (SELECT count(*) FROM mentor_languages WHERE mentor_id = ?1)",
            [karin],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn an_event_of_schema_10_reads_back_whole_and_its_entry_s_deletion_returns_it() {
    let dir = tempfile::tempdir().unwrap();
    let v10 = snapshots().into_iter().find(|(v, _)| *v == 10).unwrap().1;
    let mut store = Store::open(&database_from(&v10, dir.path())).unwrap();
    let events = store.events().unwrap();
    assert_eq!(events.len(), 1);
    let stored = &events[0];
    assert_eq!(stored.entry_id, Some(2));
    let e = &stored.event;
    assert_eq!(
        (e.uid.as_str(), e.sequence, e.title.as_str()),
        ("cs1-review@example.org", 2, "CS1 review — Ébauche")
    );
    assert_eq!(
        e.start,
        stillpoint_core::model::EventStart::Timed {
            at: chrono::DateTime::parse_from_rfc3339("2025-03-11T23:30:00Z")
                .unwrap()
                .to_utc(),
            time_zone: Some("America/New_York".into()),
        }
    );
    assert_eq!(
        e.cost_live.as_ref().map(|f| f.amount.as_str()),
        Some("45.00")
    );
    assert_eq!(e.prerequisite, "CS1");
    assert_eq!(
        e.status,
        Some(stillpoint_core::model::EventStatus::AttendedLive)
    );
    store.delete_entry(2).unwrap();
    let returned = &store.events().unwrap()[0];
    assert_eq!(returned.entry_id, None);
    assert_eq!(
        returned.event.status,
        Some(stillpoint_core::model::EventStatus::Registered)
    );
}
