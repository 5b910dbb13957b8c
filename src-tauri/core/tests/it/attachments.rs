//! Files attached to entries and courses: copied into the data folder, listed, opened, and kept
//! in step with their owner through delete and undo.

use chrono::NaiveDate;
use stillpoint_core::model::{EntryDraft, Owner};
use stillpoint_core::{testing, Error, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

fn one_entry(store: &mut Store) -> i64 {
    let draft = EntryDraft {
        provider: "Upledger Institute".into(),
        provider_credentials: String::new(),
        certified_mentor: false,
        ..testing::entry("2026-02-10", "clinical_applications", "7")
    };
    store.add_entry(&draft, today()).unwrap().id
}

fn copies(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("stillpoint-attachments"))
        .map(|l| {
            l.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|name| name != ".stillpoint-attachments")
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn an_attached_file_is_copied_beside_the_database_and_opens_from_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("stillpoint.db")).unwrap();
    let id = one_entry(&mut store);
    let content = b"%PDF-1.4 certificate";
    let attached = store
        .attach(
            Owner::Entry(id),
            "C:\\Scans\\Zertifikat Müller.PDF",
            content,
            today(),
        )
        .unwrap();
    assert_eq!(attached.file_name, "Zertifikat Müller.PDF");
    assert_eq!(attached.bytes, content.len() as i64);
    assert_eq!(attached.added_on, "2026-03-01");
    assert_eq!(
        store.attachments(Owner::Entry(id)).unwrap(),
        vec![attached.clone()]
    );
    let path = store.attachment_file(attached.id).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), content);
    assert_eq!(path.extension().unwrap(), "pdf");
    assert!(path.starts_with(dir.path().join("stillpoint-attachments")));
}

#[test]
fn a_file_for_a_missing_entry_or_a_bad_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("stillpoint.db")).unwrap();
    let id = one_entry(&mut store);
    assert!(matches!(
        store.attach(Owner::Entry(id + 1), "a.pdf", b"x", today()),
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        store.attach(Owner::Course(1), "a.pdf", b"x", today()),
        Err(Error::NotFound(_))
    ));
    match store.attach(Owner::Entry(id), "empty.pdf", b"", today()) {
        Err(Error::Invalid { field, .. }) => assert_eq!(field, "file"),
        other => panic!("{other:?}"),
    }
    assert!(store.attachments(Owner::Entry(id)).unwrap().is_empty());
    assert!(copies(dir.path()).is_empty(), "{:?}", copies(dir.path()));
}

#[test]
fn deleting_an_entry_takes_its_files_and_undo_brings_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stillpoint.db");
    let mut store = Store::open(&db).unwrap();
    let id = one_entry(&mut store);
    let receipt = store
        .attach(Owner::Entry(id), "receipt.jpg", b"jpeg", today())
        .unwrap();
    let deleted = store.delete_entry(id).unwrap();
    assert_eq!(deleted.attachments, vec![receipt.clone()]);
    assert!(matches!(
        store.attachment_file(receipt.id),
        Err(Error::NotFound(_))
    ));

    let restored = store.restore_entry(&deleted, today()).unwrap();
    assert_eq!(restored.draft, deleted.entry.draft);
    let back = store.attachments(Owner::Entry(restored.id)).unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].file_name, "receipt.jpg");
    assert_eq!(
        std::fs::read(store.attachment_file(back[0].id).unwrap()).unwrap(),
        b"jpeg"
    );
}

#[test]
fn copies_nothing_refers_to_are_removed_when_the_database_is_next_opened() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stillpoint.db");
    let mut store = Store::open(&db).unwrap();
    let id = one_entry(&mut store);
    let kept = store
        .attach(Owner::Entry(id), "kept.pdf", b"1", today())
        .unwrap();
    let dropped = store
        .attach(Owner::Entry(id), "dropped.pdf", b"2", today())
        .unwrap();
    store.detach(dropped.id).unwrap();
    assert_eq!(
        copies(dir.path()),
        ["1.pdf", "2.pdf"],
        "kept until reopened, for undo"
    );
    std::fs::write(
        dir.path().join("stillpoint-attachments/notes-of-mine.txt"),
        "x",
    )
    .unwrap();
    drop(store);

    let store = Store::open(&db).unwrap();
    assert_eq!(
        copies(dir.path()),
        ["1.pdf", "notes-of-mine.txt"],
        "only our own names go"
    );
    assert!(store.attachment_file(kept.id).is_ok());
}

#[test]
fn a_database_in_memory_keeps_no_files() {
    let mut store = Store::open_in_memory().unwrap();
    let id = one_entry(&mut store);
    assert!(matches!(
        store.attach(Owner::Entry(id), "a.pdf", b"x", today()),
        Err(Error::Refused(_))
    ));
}

#[test]
fn a_course_keeps_its_certificate_and_the_copy_goes_with_the_course() {
    use stillpoint_core::model::{CourseDraft, CourseRole};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stillpoint.db");
    let mut store = Store::open(&path).unwrap();
    let course = store
        .save_course(
            None,
            &CourseDraft {
                course: "CS1".into(),
                title: String::new(),
                role: Some(CourseRole::Participant),
                started_on: "2025-03-13".into(),
                finished_on: "2025-03-16".into(),
                instructor: "Karin Holm".into(),
                place: "Malmö".into(),
                hours: "27:30".into(),
            },
            today(),
        )
        .unwrap();
    let certificate = store
        .attach(
            Owner::Course(course.id),
            "Certificate CS1.pdf",
            b"%PDF-1.4",
            today(),
        )
        .unwrap();
    let listed = store.courses().unwrap();
    assert_eq!(listed[0].certificates, vec![certificate.clone()]);
    assert!(store.attachment_file(certificate.id).unwrap().is_file());
    store.delete_course(course.id).unwrap();
    assert!(store
        .attachments(Owner::Course(course.id))
        .unwrap()
        .is_empty());
    drop(store);
    Store::open(&path).unwrap();
    assert!(
        copies(dir.path()).is_empty(),
        "the copy goes at the next opening"
    );
}

fn names_in(folder: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_folder_stillpoint_did_not_make_is_never_swept() {
    let dir = tempfile::tempdir().unwrap();
    let theirs = dir.path().join("invoices-attachments");
    std::fs::create_dir(&theirs).unwrap();
    for name in ["2023.pdf", "2024.pdf", "17", "5.partial"] {
        std::fs::write(theirs.join(name), name).unwrap();
    }
    let db = dir.path().join("invoices.db");
    let mut store = Store::open(&db).unwrap();
    let id = one_entry(&mut store);
    let attached = store
        .attach(Owner::Entry(id), "ours.pdf", b"%PDF", today())
        .unwrap();
    store.detach(attached.id).unwrap();
    drop(store);
    Store::open(&db).unwrap();
    Store::open_existing(&db).unwrap();
    let left = names_in(&theirs);
    for name in ["2023.pdf", "2024.pdf", "17", "5.partial"] {
        assert!(
            left.contains(&name.to_owned()),
            "{name} was removed: {left:?}"
        );
        assert_eq!(std::fs::read(theirs.join(name)).unwrap(), name.as_bytes());
    }
}

#[test]
fn a_read_never_removes_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stillpoint.db");
    let mut store = Store::open(&db).unwrap();
    let id = one_entry(&mut store);
    let dropped = store
        .attach(Owner::Entry(id), "dropped.pdf", b"2", today())
        .unwrap();
    store.detach(dropped.id).unwrap();
    drop(store);
    Store::open_existing(&db).unwrap();
    assert_eq!(copies(dir.path()), ["1.pdf"], "a read leaves it for undo");
    Store::open(&db).unwrap();
    assert!(copies(dir.path()).is_empty(), "opening to work removes it");
}

#[test]
fn a_record_from_before_the_mark_adopts_its_folder_only_when_its_copies_are_there() {
    let snapshot = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/v6.sql");
    let sql = std::fs::read_to_string(snapshot).unwrap();
    for has_its_copy in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("old.db");
        rusqlite::Connection::open(&db)
            .unwrap()
            .execute_batch(&sql)
            .unwrap();
        let folder = dir.path().join("old-attachments");
        std::fs::create_dir(&folder).unwrap();
        if has_its_copy {
            std::fs::write(folder.join("1-zertifikat.pdf"), b"%PDF").unwrap();
        }
        std::fs::write(folder.join("7.pdf"), b"a copy no row names").unwrap();
        std::fs::write(folder.join("mine.txt"), b"not a name we give").unwrap();
        Store::open(&db).unwrap();
        let left = names_in(&folder);
        if has_its_copy {
            assert_eq!(
                left,
                [".stillpoint-attachments", "1-zertifikat.pdf", "mine.txt"],
                "adopted and swept"
            );
        } else {
            assert_eq!(left, ["7.pdf", "mine.txt"], "not ours: untouched");
        }
        drop(Store::open(&db).unwrap());
        assert_eq!(names_in(&folder), left, "decided once");
    }
}

#[cfg(unix)]
#[test]
fn the_record_and_its_copies_are_readable_by_the_user_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join(stillpoint_core::folders::IDENTIFIER);
    let db = data.join("stillpoint.db");
    let mut store = Store::open(&db).unwrap();
    let id = one_entry(&mut store);
    let attached = store
        .attach(Owner::Entry(id), "receipt.pdf", b"%PDF", today())
        .unwrap();
    let copy = store.attachment_file(attached.id).unwrap();
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&db), 0o600);
    assert_eq!(
        mode(&std::path::PathBuf::from(format!("{}-wal", db.display()))),
        0o600
    );
    assert_eq!(mode(copy.parent().unwrap()), 0o700);
    assert_eq!(mode(&copy), 0o600);
    drop(store);

    // A record made by an earlier version, readable by everyone, is tightened at the start.
    let everyone = std::fs::Permissions::from_mode(0o644);
    std::fs::set_permissions(&db, everyone.clone()).unwrap();
    std::fs::set_permissions(&copy, everyone).unwrap();
    std::fs::set_permissions(
        copy.parent().unwrap(),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    Store::open(&db).unwrap();
    assert_eq!(
        [
            mode(&data),
            mode(&db),
            mode(copy.parent().unwrap()),
            mode(&copy)
        ],
        [0o700, 0o600, 0o700, 0o600]
    );
}
