//! Backups on real files: checked copies, a copy beside a writer, rotation that touches only
//! Stillpoint's own files, and the day's backup.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::*;
use crate::store::Store;
use crate::testing;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

fn moment(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, h, 0, 0).unwrap()
}

/// A record on disk with the demo in it.
fn demo_record() -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stillpoint.db");
    let mut store = Store::open(&path).unwrap();
    crate::demo::load(&mut store, today()).unwrap();
    (dir, path, store)
}

/// A backup opened to read only, as an unchanging file: the test writes nothing beside it.
fn read_only(path: &str) -> Connection {
    Connection::open_with_flags(
        crate::store::immutable_uri(Path::new(path)),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
    )
    .unwrap()
}

fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_backup_is_a_checked_private_copy_that_holds_the_whole_record() {
    let (dir, _path, store) = demo_record();
    let backup = store.back_up(moment(9)).unwrap();
    let folder = dir.path().join("backups");
    assert_eq!(
        names(&folder),
        [".stillpoint-backups", "stillpoint-2026-06-01T09-00-00Z.db"]
    );
    assert_eq!(
        backup.path,
        folder
            .join("stillpoint-2026-06-01T09-00-00Z.db")
            .display()
            .to_string()
    );
    assert_eq!(backup.created_at, "2026-06-01T09:00:00Z");
    let held = counts(store.conn()).unwrap();
    assert!(held.entries > 0 && held.clients > 0 && held.sessions > 0);
    assert_eq!(backup.counts, held);
    // One file, nothing beside it, and it opens as the same record.
    let journal: String = read_only(&backup.path)
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "delete");
    assert_eq!(counts(&read_only(&backup.path)).unwrap(), held);
    assert_eq!(store.backups().unwrap(), vec![backup]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(
            mode(&folder.join("stillpoint-2026-06-01T09-00-00Z.db")),
            0o600
        );
    }
}

#[test]
fn a_copy_that_fails_its_check_is_not_kept() {
    let (dir, _path, store) = demo_record();
    let target = dir.path().join("kept.db");
    let refused = copy_then(store.conn(), &target, moment(9), |_, _| {
        Err(Error::Refused("The backup failed its check (test).".into()))
    })
    .unwrap_err();
    assert_eq!(refused.to_string(), "The backup failed its check (test).");
    assert_eq!(
        names(dir.path()),
        ["stillpoint.db", "stillpoint.db-shm", "stillpoint.db-wal"]
    );
}

#[test]
fn the_check_finds_a_damaged_copy_and_one_that_holds_less() {
    let (dir, _path, store) = demo_record();
    let target = dir.path().join("copy.db");
    back_up_to(store.conn(), &target, moment(9)).unwrap();
    let expected = Expected::of(store.conn()).unwrap();
    assert!(check(&target, &expected).is_ok());
    let fewer = Expected {
        counts: Some(RecordCounts {
            entries: expected.counts.unwrap().entries + 1,
            ..expected.counts.unwrap()
        }),
        ..expected
    };
    assert!(check(&target, &fewer)
        .unwrap_err()
        .to_string()
        .starts_with("The backup failed its check (it holds"));
    // Damage a page in the middle of the file.
    let mut bytes = std::fs::read(&target).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle..middle + 4096].fill(0x5a);
    std::fs::write(&target, &bytes).unwrap();
    assert!(check(&target, &expected).is_err());
}

#[test]
fn a_backup_made_while_another_connection_writes_is_consistent() {
    let (_dir, path, store) = demo_record();
    let writer_path = path.clone();
    let writer = std::thread::spawn(move || {
        let mut other = Store::open(&writer_path).unwrap();
        for n in 0..200 {
            let hours = format!("{}", 1 + n % 3);
            other
                .add_entry(
                    &testing::entry("2026-05-01", "small_group", &hours),
                    today(),
                )
                .unwrap();
        }
    });
    let mut seen = Vec::new();
    for h in 0..10 {
        let backup = store.back_up(moment(h)).unwrap();
        let copy = read_only(&backup.path);
        let integrity: String = copy
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(integrity, "ok");
        assert_eq!(counts(&copy).unwrap(), backup.counts);
        seen.push(backup.counts.entries);
    }
    writer.join().unwrap();
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
}

#[test]
fn rotation_removes_only_this_records_backups_in_a_marked_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("backups");
    prepare_folder(&folder).unwrap();
    // 40 days of backups, named as Stillpoint names them (rotation reads only the names).
    let first = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    for day in 0..40 {
        let at = (first + chrono::Duration::days(day))
            .and_hms_opt(12, 0, 0)
            .unwrap();
        let name = format!("stillpoint-{}.db", at.format(STAMP));
        std::fs::write(folder.join(name), b"").unwrap();
    }
    let strangers = [
        "notes.txt",
        "stillpoint-old.db",
        "stillpoint-2025-01-01T12-00-00Z.db.bak",
        "other-2025-01-01T12-00-00Z.db",
        "stillpoint-2025-01-01T12-00-00Z-x.db",
    ];
    for name in strangers {
        std::fs::write(folder.join(name), b"keep me").unwrap();
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        dir.path().join("elsewhere.db"),
        folder.join("stillpoint-2024-01-01T12-00-00Z.db"),
    )
    .unwrap();
    // Unfinished copies: one a killed process left two hours ago, one being written now.
    let stale = folder.join(".stillpoint-2026-01-01T12-00-00Z.db.Ab12.partial");
    let fresh = folder.join(".stillpoint-2026-02-09T12-00-00Z.db.Cd34.partial");
    for file in [&stale, &fresh] {
        std::fs::write(file, b"").unwrap();
    }
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    let removed = rotate(&folder, "stillpoint").unwrap();
    assert!(
        !stale.exists(),
        "a copy left unfinished an hour ago is removed"
    );
    assert!(
        fresh.exists(),
        "one being written may be another process's backup"
    );
    let left = names(&folder);
    for name in strangers {
        assert!(
            left.contains(&name.to_string()),
            "{name} is not ours: left alone"
        );
    }
    let ours = ours_in(&folder, "stillpoint");
    // 3 to 9 February; the weeks that end on 1 February, 25 and 18 January; 31 January.
    assert_eq!(ours.len(), 7 + 3 + 1, "{left:?}");
    assert_eq!(removed, 40 - ours.len());
    #[cfg(unix)]
    assert!(std::fs::symlink_metadata(folder.join("stillpoint-2024-01-01T12-00-00Z.db")).is_ok());

    // The same names in a folder Stillpoint did not mark are never removed.
    let unmarked = dir.path().join("theirs");
    std::fs::create_dir(&unmarked).unwrap();
    for day in 0..40 {
        let at = (first + chrono::Duration::days(day))
            .and_hms_opt(12, 0, 0)
            .unwrap();
        std::fs::write(
            unmarked.join(format!("stillpoint-{}.db", at.format(STAMP))),
            b"",
        )
        .unwrap();
    }
    assert_eq!(rotate(&unmarked, "stillpoint").unwrap(), 0);
    assert_eq!(names(&unmarked).len(), 40);
}

#[test]
fn the_days_backup_is_made_once_a_day() {
    let (_dir, _path, store) = demo_record();
    let morning = moment(7);
    assert!(store.back_up_if_due(morning).unwrap().is_some());
    assert!(store.back_up_if_due(moment(8)).unwrap().is_none());
    let tomorrow = morning + chrono::Duration::days(1);
    assert!(store.back_up_if_due(tomorrow).unwrap().is_some());
    assert_eq!(store.backups().unwrap().len(), 2);
}

#[test]
fn a_file_named_like_a_backup_that_is_no_record_is_not_listed_and_left_alone() {
    let (dir, _path, store) = demo_record();
    store.back_up(moment(9)).unwrap();
    let fake = dir
        .path()
        .join("backups")
        .join("stillpoint-2026-05-01T09-00-00Z.db");
    std::fs::write(&fake, b"not a database").unwrap();
    let listed = store.backups().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(std::fs::read(&fake).unwrap(), b"not a database");
}

#[test]
fn the_backup_folder_is_a_choice_kept_in_the_record() {
    let (dir, _path, mut store) = demo_record();
    assert_eq!(store.backup_folder().unwrap(), dir.path().join("backups"));
    let usb = dir.path().join("usb");
    let relative = store.set_backup_folder(Some(Path::new("usb"))).unwrap_err();
    assert!(matches!(
        relative,
        Error::Invalid {
            field: "backup_folder",
            ..
        }
    ));
    let missing = store.set_backup_folder(Some(&usb)).unwrap_err();
    assert_eq!(
        missing.to_string(),
        format!("There is no folder at {}.", usb.display())
    );
    std::fs::create_dir(&usb).unwrap();
    assert_eq!(store.set_backup_folder(Some(&usb)).unwrap(), usb);
    let backup = store.back_up(moment(9)).unwrap();
    assert!(backup.path.starts_with(&usb.display().to_string()));
    assert_eq!(
        store.set_backup_folder(None).unwrap(),
        dir.path().join("backups")
    );
    assert_eq!(store.backup_folder().unwrap(), dir.path().join("backups"));
}

#[test]
fn a_record_in_memory_has_no_backups() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(store.backups().unwrap(), Vec::new());
    assert_eq!(
        store.back_up(moment(9)).unwrap_err().to_string(),
        "A record kept in memory has no backups."
    );
}

#[test]
fn names_are_read_back_exactly() {
    let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
    assert_eq!(
        made_at("stillpoint-2026-12-04T18-40-00Z.db", "stillpoint"),
        Some(at("2026-12-04 18:40:00"))
    );
    assert_eq!(
        made_at("stillpoint-2026-12-04T18-40-00Z-2.db", "stillpoint"),
        Some(at("2026-12-04 18:40:00"))
    );
    for name in [
        "stillpoint-2026-12-04T18-40-00Z-.db",
        "stillpoint-2026-12-04T18-40-00Z.sqlite",
        "stillpoint-2026-13-04T18-40-00Z.db",
        "stillpoint2026-12-04T18-40-00Z.db",
        "stillpoint-notes-2026-12-04T18-40-00Z.db",
    ] {
        assert_eq!(made_at(name, "stillpoint"), None, "{name}");
    }
}

#[test]
fn the_status_warns_of_no_backup_an_old_one_a_failure_and_a_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stillpoint.db");
    let mut store = Store::open(&path).unwrap();
    let status = store.backup_status(moment(9), None).unwrap();
    assert_eq!(status.warning, None, "an empty record needs no backup yet");
    assert_eq!(
        status.folder,
        dir.path().join("backups").display().to_string()
    );
    assert!(!status.chosen);

    crate::demo::load(&mut store, today()).unwrap();
    let status = store.backup_status(moment(9), None).unwrap();
    assert_eq!(
        status.warning.as_deref(),
        Some("There is no backup of your record yet. Make one in Settings → Backups.")
    );
    let made = store.back_up(moment(9)).unwrap();
    let status = store.backup_status(moment(10), None).unwrap();
    assert_eq!((status.warning, status.backups), (None, vec![made]));
    let a_week_on = moment(9) + chrono::Duration::days(7);
    assert_eq!(store.backup_status(a_week_on, None).unwrap().warning, None);
    let later = moment(9) + chrono::Duration::days(9);
    assert_eq!(
        store.backup_status(later, None).unwrap().warning.as_deref(),
        Some("The last backup was made 9 days ago. Make one in Settings → Backups.")
    );
    assert_eq!(
        store
            .backup_status(moment(10), Some("The disk is full."))
            .unwrap()
            .warning
            .as_deref(),
        Some("The last backup could not be made. The disk is full.")
    );

    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    store.set_backup_folder(Some(&usb)).unwrap();
    std::fs::remove_dir(&usb).unwrap();
    let status = store.backup_status(moment(10), None).unwrap();
    assert!(status.chosen);
    let missing = format!(
        "The backup folder {} cannot be found. Connect its drive, or choose another folder in \
         Settings → Backups.",
        usb.display()
    );
    assert_eq!(status.warning.as_deref(), Some(missing.as_str()));
    assert_eq!(
        store.back_up(moment(11)).unwrap_err().to_string(),
        missing,
        "a chosen folder is never made"
    );
    assert!(!usb.exists());
}
