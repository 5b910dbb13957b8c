//! Every released schema upgrades to the current one with its data intact; a newer database is
//! refused untouched.

mod directory_and_calendar;

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use stillpoint_core::clinical::ScreenAnswer;
use stillpoint_core::model::{MentorRole, SessionKind, SubmissionState};
use stillpoint_core::rules::Format;
use stillpoint_core::store::SCHEMA_VERSION;
use stillpoint_core::{Error, Store};

fn snapshots() -> Vec<(i64, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas");
    let mut found: Vec<(i64, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let version = p.file_stem()?.to_str()?.strip_prefix('v')?.parse().ok()?;
            Some((version, p))
        })
        .collect();
    found.sort();
    found
}

fn database_from(sql: &Path, dir: &Path) -> PathBuf {
    let path = dir.join("old.db");
    Connection::open(&path)
        .unwrap()
        .execute_batch(&std::fs::read_to_string(sql).unwrap())
        .unwrap();
    path
}

fn schema_of(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT sql FROM sqlite_master WHERE sql NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn there_is_a_snapshot_of_every_released_schema() {
    let versions: Vec<i64> = snapshots().iter().map(|(v, _)| *v).collect();
    assert_eq!(
        versions,
        (1..=SCHEMA_VERSION).collect::<Vec<_>>(),
        "add tests/schemas/v{SCHEMA_VERSION}.sql"
    );
}

#[test]
fn the_newest_snapshot_matches_what_the_migrations_build() {
    let (_, newest) = snapshots().pop().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let from_snapshot = Connection::open(database_from(&newest, dir.path())).unwrap();
    let migrated = Store::open(&dir.path().join("new.db")).unwrap();
    assert_eq!(schema_of(&from_snapshot), schema_of(migrated.conn()));
}

#[test]
fn every_earlier_schema_upgrades_with_its_data_intact() {
    for (version, sql) in snapshots() {
        let dir = tempfile::tempdir().unwrap();
        let path = database_from(&sql, dir.path());
        let store = Store::open(&path).unwrap_or_else(|e| panic!("v{version}: {e}"));
        let version_now: i64 = store
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version_now, SCHEMA_VERSION, "v{version}");
        let profile = store
            .profile()
            .unwrap()
            .unwrap_or_else(|| panic!("v{version}: profile lost"));
        assert_eq!(profile.name, "Zoë Ångström", "v{version}");
        assert_eq!(profile.email, "zoe@example.org", "v{version}");
        if version >= 2 {
            let entries: Vec<(i64, Option<i64>, Option<i64>, i64)> = store
                .conn()
                .prepare("SELECT id, minutes, days, counted_minutes FROM entries ORDER BY id")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            assert_eq!(
                entries,
                [(1, Some(90), None, 90), (2, None, Some(2), 180)],
                "v{version}: kept as logged, and counted by the current rules"
            );
            let (kept, summed): (String, String) = store
                .conn()
                .query_row(
                    "SELECT (SELECT group_concat(category || minutes, ' ') FROM
                               (SELECT category, minutes FROM counted_totals ORDER BY category)),
                            (SELECT group_concat(category || total, ' ') FROM
                               (SELECT c.category, COALESCE(SUM(e.counted_minutes), 0) AS total
                                FROM counted_totals c LEFT JOIN entries e ON e.category = c.category
                                GROUP BY c.category ORDER BY c.category))",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!(
                kept, "A0 B180 C90",
                "v{version}: the kept totals are the recounted entries'"
            );
            assert_eq!(kept, summed, "v{version}");
            let karin = &store.mentors().unwrap()[0];
            let d = &karin.details;
            assert_eq!(d.name, "Karin Holm", "v{version}");
            assert_eq!(
                d.roles,
                [MentorRole::Mentor, MentorRole::Examiner],
                "v{version}: certified, so a mentor; the examiner flag became the role"
            );
            assert!(d.certified_mentor, "v{version}");
            assert_eq!(
                (
                    d.city.as_str(),
                    d.country.as_deref(),
                    d.time_zone.as_deref()
                ),
                ("Malmö", None, None),
                "v{version}: the location became the city; the country is not guessed"
            );
            assert_eq!(d.languages, ["Swedish", "English"], "v{version}");
            assert_eq!(d.formats, [Format::InPerson, Format::Virtual], "v{version}");
            assert_eq!(
                (d.email.as_str(), d.cost_notes.as_str(), d.notes.as_str()),
                ("karin@example.se", "900 SEK / h", ""),
                "v{version}"
            );
            let page = store.mentor_page(karin.id).unwrap();
            assert_eq!(
                page.entries.iter().map(|e| e.id).collect::<Vec<_>>(),
                [1],
                "v{version}: the entry logged with her is still hers"
            );
            assert_eq!(page.hours[2].counted_minutes, 90, "v{version}");
        }
        if version >= 3 {
            let attached: String = store
                .conn()
                .query_row(
                    "SELECT file_name FROM attachments WHERE owner_id = 1",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(attached, "Zertifikat Müller.pdf", "v{version}");
        }
        let submissions = store.submissions().unwrap();
        if version >= 4 {
            let sent = &submissions[..];
            assert_eq!(sent.len(), 1, "v{version}");
            assert_eq!(sent[0].state, SubmissionState::Sent, "v{version}");
            assert_eq!(sent[0].sent_on.unwrap().to_string(), "2025-03-03");
            let fee = sent[0].fee.clone().unwrap();
            assert_eq!((fee.hundredths, fee.currency.as_str()), (2500, "USD"));
            assert_eq!(sent[0].claimed.c, 45, "v{version}");
            let entry = store.entry(1).unwrap();
            assert_eq!(entry.claimed_minutes, 45, "v{version}");
            assert_eq!(
                entry.locked_by.map(|l| (l.submission_id, l.state)),
                Some((1, SubmissionState::Sent)),
                "v{version}"
            );
            assert_eq!(
                store.credit_status().unwrap().counted.c,
                90 - 45,
                "v{version}: claimed minutes are not counted again"
            );
            let form: String = store
                .conn()
                .query_row(
                    "SELECT file_name FROM attachments WHERE owner_kind = 'submission' AND owner_id = 1",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(form, "Formular unterschrieben.pdf", "v{version}");
        } else {
            assert!(submissions.is_empty(), "v{version}");
        }
        let clients = store.clients().unwrap();
        if version >= 5 {
            assert_eq!(clients.len(), 1, "v{version}");
            let c = &clients[0];
            assert_eq!(c.client.draft.code, "C-001");
            assert_eq!(c.client.draft.private_name, "Ólafur Þórsson");
            assert!(c.flagged && c.cleared, "v{version}");
            assert_eq!(c.client.draft.birth_year, Some(1981), "v{version}");
            assert!(
                c.incomplete,
                "v{version}: saved by the old form with a \"no\", the screen needs review"
            );
            let overview = store.client_overview(c.client.id).unwrap();
            let intake = overview.intake.as_ref().unwrap();
            assert!(intake.result.needs_review, "v{version}");
            assert_eq!(
                overview.contraindications.len(),
                8,
                "v{version}: the yes stands; the \"no\" nobody may have given and the six never \
                 answered count as not answered"
            );
            assert_eq!(overview.contraindications[0].answer, ScreenAnswer::Yes);
            assert!(overview.contraindications[1..].iter().all(|f| !f.answered));
            assert!(
                overview.notice.contains("needs review"),
                "{}",
                overview.notice
            );
            assert!(
                overview.notice.contains("Cleared by Dr Anna Berg, GP"),
                "v{version}: the clearance recorded still clears"
            );
            assert_eq!(overview.sessions.len(), 1);
            assert_eq!(overview.sessions[0].draft.kind, SessionKind::Treatment);
            assert!(!overview.sessions[0].uncleared);
            assert_eq!(
                overview.sessions[0].technique_labels,
                ["Still point induction", "Dural tube rock and glide"]
            );
            let case = &store.case_studies().unwrap()[0];
            assert_eq!(case.client_code, "C-001");
            assert_eq!(case.draft.evaluations[0].text, "Rhythm slow");
            assert_eq!(case.draft.client_age, Some(44), "v{version}");
            assert!(case.hits.is_empty());
            let course = &store.courses().unwrap()[0];
            assert_eq!(course.display_title, "CranioSacral Therapy 1 (CS1)");
            assert_eq!(course.certificates[0].file_name, "Certificate CS1.pdf");
            assert_eq!(store.exams().unwrap().len(), 1);
            assert_eq!(store.presentations().unwrap()[0].minutes, 90);
            let readiness = store.readiness().unwrap();
            assert!(readiness[0].items[0].done, "CS1 from the v5 data");
            assert!(readiness[0].items[2].done, "the essay from the v5 data");
        } else {
            assert!(clients.is_empty(), "v{version}");
            assert!(store.readiness().unwrap().iter().all(|p| !p.done));
        }
    }
}

#[test]
fn a_database_from_a_newer_stillpoint_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE from_the_future (x); INSERT INTO from_the_future VALUES (1);",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        conn.pragma_update(None, "application_id", 0x5354_4C50)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let error = Store::open(&path).unwrap_err();
    assert!(matches!(error, Error::DatabaseTooNew { .. }), "{error:?}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file must not change"
    );
    assert!(!dir.path().join("future.db-wal").exists());
}

#[test]
fn every_connection_uses_wal_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("a.db")).unwrap();
    let conn = store.conn();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    let fk: i64 = conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    let sync: i64 = conn
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    let timeout: i64 = conn
        .pragma_query_value(None, "busy_timeout", |r| r.get(0))
        .unwrap();
    assert_eq!((mode.as_str(), fk, sync), ("wal", 1, 1));
    assert!(timeout > 0);
}

/// Opening `path` (both ways) is refused with a sentence naming it, and leaves it byte for byte.
fn refused_untouched(path: &Path) -> String {
    let before = std::fs::read(path).unwrap();
    let mut said = String::new();
    for open in [Store::open, Store::open_existing] {
        let error = open(path).unwrap_err();
        let message = stillpoint_core::ApiError::from(error).message;
        assert!(message.contains("is not a Stillpoint record"), "{message}");
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(
            !message.contains("CREATE"),
            "no SQL in a sentence: {message}"
        );
        assert_eq!(
            std::fs::read(path).unwrap(),
            before,
            "the file must not change"
        );
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        assert!(!Path::new(&wal).exists());
        said = message;
    }
    said
}

#[test]
fn another_programs_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("invoices.db");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);")
        .unwrap();
    assert!(refused_untouched(&other).contains("tables are another program's"));

    let marked = dir.path().join("marked.db");
    let conn = Connection::open(&marked).unwrap();
    conn.execute_batch("CREATE TABLE t (x)").unwrap();
    conn.pragma_update(None, "application_id", 42).unwrap();
    drop(conn);
    assert!(refused_untouched(&marked).contains("another program"));

    // Named like ours, at a version we wrote, but with tables of its own.
    let lookalike = dir.path().join("lookalike.db");
    let conn = Connection::open(&lookalike).unwrap();
    conn.execute_batch(
        "CREATE TABLE profile (who TEXT); CREATE TABLE entries (what TEXT, at TEXT);",
    )
    .unwrap();
    conn.pragma_update(None, "user_version", 2).unwrap();
    drop(conn);
    refused_untouched(&lookalike);

    let negative = dir.path().join("negative.db");
    let conn = Connection::open(&negative).unwrap();
    conn.execute_batch("CREATE TABLE t (x)").unwrap();
    conn.pragma_update(None, "user_version", -1).unwrap();
    drop(conn);
    assert!(refused_untouched(&negative).contains("its version is -1"));

    let pdf = dir.path().join("2023.pdf");
    std::fs::write(
        &pdf,
        b"%PDF-1.7\nnot a database at all, but long enough to be read as one........",
    )
    .unwrap();
    assert!(refused_untouched(&pdf).contains("not a database file"));
}

#[test]
fn an_empty_file_becomes_a_new_record_marked_as_ours() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    let id: i32 = store
        .conn()
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(id, 0x5354_4C50);
}

#[test]
fn opening_a_record_that_is_up_to_date_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("current.db");
    let mut store = Store::open(&path).unwrap();
    store
        .save_profile(&stillpoint_core::model::Profile {
            name: "Ana".into(),
            ..Default::default()
        })
        .unwrap();
    drop(store);
    let before = std::fs::read(&path).unwrap();
    for _ in 0..2 {
        drop(Store::open_existing(&path).unwrap());
        drop(Store::open(&path).unwrap());
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);

    // While another connection holds the write lock (longer than the busy timeout), opening
    // still works: it does not need the lock.
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let store = Store::open_existing(&path).unwrap();
    assert_eq!(store.profile().unwrap().unwrap().name, "Ana");
    drop(Store::open(&path).unwrap());
    holder.execute_batch("ROLLBACK").unwrap();
}

/// A record of a few hundred pages whose middle page is overwritten with noise.
fn damaged_record(dir: &Path) -> PathBuf {
    let path = dir.join("damaged.db");
    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
         INSERT INTO meta (key, value) SELECT 'probe' || i, printf('%.200c', 'x') FROM n;
         PRAGMA wal_checkpoint(TRUNCATE);",
    )
    .unwrap();
    drop(conn);
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    let middle = (bytes.len() / page / 2) * page;
    for b in &mut bytes[middle + 8..middle + page] {
        *b = 0x5a;
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_damaged_record_is_noticed_at_opening_and_said_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let path = damaged_record(dir.path());
    let before = std::fs::read(&path).unwrap();
    for open in [Store::open, Store::open_existing] {
        let message = stillpoint_core::ApiError::from(open(&path).unwrap_err()).message;
        assert!(message.contains("is damaged"), "{message}");
        assert!(message.contains("keep a copy of this file"), "{message}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "nothing changed");
    }
    let full = stillpoint_core::store::check_whole(&path).unwrap();
    assert!(full.is_some_and(|m| m.contains("is damaged")));

    let whole = dir.path().join("whole.db");
    drop(Store::open(&whole).unwrap());
    assert_eq!(stillpoint_core::store::check_whole(&whole).unwrap(), None);
}

#[test]
fn the_rebuilt_clients_table_keeps_its_references_and_takes_an_unknown_year_of_birth() {
    let dir = tempfile::tempdir().unwrap();
    let v7 = snapshots().into_iter().find(|(v, _)| *v == 7).unwrap().1;
    let mut store = Store::open(&database_from(&v7, dir.path())).unwrap();
    let fk: i64 = store
        .conn()
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1, "foreign keys are on again after the upgrade");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let unknown = store
        .save_client(
            None,
            &stillpoint_core::model::ClientDraft {
                code: "C-002".into(),
                consent_treatment_on: "2026-01-05".into(),
                ..Default::default()
            },
            today,
        )
        .unwrap();
    assert_eq!(unknown.draft.birth_year, None);
    let case = store.case_studies().unwrap()[0].id;
    assert!(
        store.delete_client(1).is_err(),
        "the case study still holds its client back"
    );
    store.delete_case_study(case).unwrap();
    store.delete_client(1).unwrap();
    let left: i64 = store
        .conn()
        .query_row(
            "SELECT (SELECT COUNT(*) FROM sessions) + (SELECT COUNT(*) FROM intakes)
                  + (SELECT COUNT(*) FROM clearances) + (SELECT COUNT(*) FROM screen_answers)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0, "the client's records went with them");
}

#[test]
fn an_upgrade_that_would_leave_a_broken_reference_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let v7 = snapshots().into_iter().find(|(v, _)| *v == 7).unwrap().1;
    let path = database_from(&v7, dir.path());
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        conn.execute(
            "INSERT INTO sessions (id, client_id, date, minutes) VALUES (9, 99, '2025-01-20', 60)",
            [],
        )
        .unwrap();
    }
    let error = Store::open(&path).unwrap_err();
    let message = stillpoint_core::ApiError::from(error).message;
    assert!(message.contains("sessions"), "{message}");
    let conn = Connection::open(&path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 7, "nothing of the upgrade was kept");
    let preset: rusqlite::Result<i64> =
        conn.query_row("SELECT answers_preset FROM intakes", [], |r| r.get(0));
    assert!(preset.is_err(), "the intakes table is as it was");
}

#[test]
fn every_earlier_schema_is_backed_up_before_its_upgrade_and_an_up_to_date_one_is_not() {
    for (version, sql) in snapshots() {
        let dir = tempfile::tempdir().unwrap();
        let path = database_from(&sql, dir.path());
        let store = Store::open(&path).unwrap_or_else(|e| panic!("v{version}: {e}"));
        let backups = store.backups().unwrap();
        if version == SCHEMA_VERSION {
            assert!(
                backups.is_empty(),
                "v{version}: nothing changed, nothing backed up"
            );
            continue;
        }
        assert_eq!(backups.len(), 1, "v{version}");
        let copy = Connection::open_with_flags(
            &backups[0].path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap();
        let copied: i64 = copy
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(copied, version, "the backup is the record as it was");
        let original = Connection::open_in_memory().unwrap();
        original
            .execute_batch(&std::fs::read_to_string(&sql).unwrap())
            .unwrap();
        assert_eq!(schema_of(&copy), schema_of(&original), "v{version}");
        let name: String = copy
            .query_row("SELECT name FROM profile", [], |r| r.get(0))
            .unwrap();
        assert_eq!(name, "Zoë Ångström", "v{version}");
    }
}
