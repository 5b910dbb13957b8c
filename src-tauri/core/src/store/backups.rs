//! Backups: checked copies of the whole record, in a folder of their own, rotated.
//!
//! A live database is never copied as a file (its write-ahead log may hold the last changes):
//! SQLite's `VACUUM INTO` writes a consistent snapshot of the open database, whatever another
//! connection writes meanwhile. Each copy goes to a private unfinished file first and is checked
//! — it opens, `integrity_check` passes, it carries the record's mark and schema, and it holds
//! what the record held — and only then is it flushed and given its name. A copy that fails its
//! check is removed and the backup is refused with why: a backup that is kept can be restored.
//!
//! The folder is the therapist's choice (Settings → Backups), else `backups` beside the database.
//! Stillpoint marks it (`.stillpoint-backups`), and a backup's name is the record's file name and
//! the moment it was made (`stillpoint-2026-12-04T18-40-00Z.db`), so several records can share a
//! folder. Rotation (what is kept: see [`keep`]) removes only files of that form, of this record,
//! in a marked folder, never through a link: a file Stillpoint did not make is never touched.

mod keep;
mod record;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
use specta::Type;

use crate::error::{Error, Result};
use crate::files;

use keep::kept;

/// The file Stillpoint leaves in a backup folder it uses.
const MARK: &str = ".stillpoint-backups";

/// How a backup's name says when it was made (UTC; no `:`, which Windows forbids in names).
const STAMP: &str = "%Y-%m-%dT%H-%M-%SZ";

/// The length of a [`STAMP`].
const STAMP_LEN: usize = "2026-12-04T18-40-00Z".len();

/// What a record holds, counted: shown beside each backup, and compared with the record's own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Type)]
pub struct RecordCounts {
    /// Mentorship entries.
    #[specta(type = specta_typescript::Number)]
    pub entries: i64,
    /// Clients.
    #[specta(type = specta_typescript::Number)]
    pub clients: i64,
    /// Treatment sessions.
    #[specta(type = specta_typescript::Number)]
    pub sessions: i64,
    /// Case studies.
    #[specta(type = specta_typescript::Number)]
    pub case_studies: i64,
    /// Attached files.
    #[specta(type = specta_typescript::Number)]
    pub attachments: i64,
}

/// A backup that was checked when it was written and opens now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Backup {
    /// Where it is.
    pub path: String,
    /// When it was made, in UTC: `2026-12-04T18:40:00Z`.
    pub created_at: String,
    /// Its size on disk.
    #[specta(type = specta_typescript::Number)]
    pub bytes: u64,
    /// What it holds.
    pub counts: RecordCounts,
}

/// Where the therapist stands with backups: what Settings lists, and what the dashboard warns of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct BackupStatus {
    /// The folder backups go to.
    pub folder: String,
    /// True when the therapist chose it; false for the default beside the database.
    pub chosen: bool,
    /// The backups in it, newest first.
    pub backups: Vec<Backup>,
    /// What the therapist should know or do, if anything: the folder cannot be found, the last
    /// backup failed, or the last good one is more than a week old.
    pub warning: Option<String>,
}

/// How old the last good backup may be before the dashboard says so.
const WARN_AFTER_DAYS: i64 = 7;

/// The status of the record at `database` open on `conn`; `failure` is why the last backup
/// the app tried could not be made, if it could not. A record with nothing in it yet needs no
/// backup and is warned of nothing but a failure.
pub(crate) fn status(
    conn: &Connection,
    database: &Path,
    now: DateTime<Utc>,
    failure: Option<&str>,
) -> Result<BackupStatus> {
    let folder = folder_of(conn, database);
    let chosen = folder != default_folder(database);
    let backups = list(&folder, database)?;
    let held = counts(conn)?;
    let empty = held == RecordCounts::default();
    let age_in_days = backups.first().and_then(|b| {
        let made = DateTime::parse_from_rfc3339(&b.created_at).ok()?;
        Some((now - made.with_timezone(&Utc)).num_days())
    });
    let warning = if chosen && !folder.is_dir() {
        Some(missing_folder(&folder))
    } else if let Some(why) = failure {
        Some(format!("The last backup could not be made. {why}"))
    } else if empty {
        None
    } else {
        match age_in_days {
            None => Some(
                "There is no backup of your record yet. Make one in Settings → Backups.".into(),
            ),
            Some(days) if days > WARN_AFTER_DAYS => Some(format!(
                "The last backup was made {days} days ago. Make one in Settings → Backups."
            )),
            Some(_) => None,
        }
    };
    Ok(BackupStatus {
        folder: folder.display().to_string(),
        chosen,
        backups,
        warning,
    })
}

fn missing_folder(folder: &Path) -> String {
    format!(
        "The backup folder {} cannot be found. Connect its drive, or choose another folder in \
         Settings → Backups.",
        folder.display()
    )
}

/// The backup folder of the record at `database` when the therapist chose none: `backups`
/// beside it.
pub fn default_folder(database: &Path) -> PathBuf {
    match database.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join("backups"),
        _ => PathBuf::from("backups"),
    }
}

/// The folder chosen in Settings for the record open on `conn`, else the default one. A record
/// from before the setting existed has the default.
pub(crate) fn folder_of(conn: &Connection, database: &Path) -> PathBuf {
    let chosen: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'backup_folder'",
            [],
            |r| r.get(0),
        )
        .optional()
        .ok()
        .flatten();
    chosen.map_or_else(|| default_folder(database), PathBuf::from)
}

/// Makes a checked backup of the record open on `conn` (at `database`) in `folder`, named for
/// `now`, then removes the backups of this record that rotation no longer keeps.
pub(crate) fn back_up_into(
    conn: &Connection,
    database: &Path,
    folder: &Path,
    now: DateTime<Utc>,
) -> Result<Backup> {
    // A folder the therapist chose is never made: a drive that is not connected is said so.
    if *folder != default_folder(database) && !folder.is_dir() {
        return Err(Error::Refused(missing_folder(folder)));
    }
    prepare_folder(folder)?;
    let stem = record_stem(database);
    let mut name = format!("{stem}-{}.db", now.format(STAMP));
    let mut n = 1;
    while std::fs::symlink_metadata(folder.join(&name)).is_ok() {
        n += 1;
        name = format!("{stem}-{}-{n}.db", now.format(STAMP));
    }
    let backup = copy_checked(conn, &folder.join(name), now)?;
    rotate(folder, &stem)?;
    Ok(backup)
}

/// Makes a checked backup of the record open on `conn` at `target` (a file the therapist
/// named), replacing it. Nothing is rotated.
pub(crate) fn back_up_to(conn: &Connection, target: &Path, now: DateTime<Utc>) -> Result<Backup> {
    copy_checked(conn, target, now)
}

/// The backups of the record at `database` in `folder`, newest first. A file that cannot be
/// read as a Stillpoint record is left out (and left alone).
pub(crate) fn list(folder: &Path, database: &Path) -> Result<Vec<Backup>> {
    let mut found: Vec<(NaiveDateTime, Backup)> = ours_in(folder, &record_stem(database))
        .into_iter()
        .filter_map(|(made, path)| Some((made, read_backup(&path, made).ok()?)))
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.path.cmp(&a.1.path)));
    Ok(found.into_iter().map(|(_, b)| b).collect())
}

/// True when no backup of the record at `database` in `folder` was made on `now`'s day (the
/// computer's day): the day's first start makes one.
pub(crate) fn due(folder: &Path, database: &Path, now: DateTime<Utc>) -> bool {
    let today = now.with_timezone(&Local).date_naive();
    !ours_in(folder, &record_stem(database))
        .iter()
        .any(|(made, _)| local(*made).date() == today)
}

/// Counts what the record open on `conn` holds; a table an older schema lacks counts 0.
pub(crate) fn counts(conn: &Connection) -> Result<RecordCounts> {
    let count = |table: &str| -> Result<i64> {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
            [table],
            |r| r.get(0),
        )?;
        if !exists {
            return Ok(0);
        }
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    Ok(RecordCounts {
        entries: count("entries")?,
        clients: count("clients")?,
        sessions: count("sessions")?,
        case_studies: count("case_studies")?,
        attachments: count("attachments")?,
    })
}

/// Creates the folder if it is missing (readable by the user only) and marks it as one
/// Stillpoint keeps backups in; refused with a sentence when it cannot be written.
fn prepare_folder(folder: &Path) -> Result<()> {
    let refused = |e: &dyn std::fmt::Display| {
        Error::Refused(format!(
            "Stillpoint could not write a backup in {}: {e}. Choose another backup folder in \
             Settings → Backups, or free some space.",
            folder.display()
        ))
    };
    files::create_private_dir(folder).map_err(|e| refused(&e))?;
    let mark = folder.join(MARK);
    if std::fs::symlink_metadata(&mark).is_err() {
        files::write_whole(
            &mark,
            b"Stillpoint keeps backups of its records here. It removes only the backups it made.\n",
        )
        .map_err(|e| refused(&e))?;
    }
    Ok(())
}

/// `VACUUM INTO` a private unfinished file beside `target`, check it, flush it, then name it.
fn copy_checked(conn: &Connection, target: &Path, made: DateTime<Utc>) -> Result<Backup> {
    copy_then(conn, target, made, check)
}

fn copy_then(
    conn: &Connection,
    target: &Path,
    made: DateTime<Utc>,
    check: impl FnOnce(&Path, &Expected) -> Result<RecordCounts>,
) -> Result<Backup> {
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let refused = |e: &dyn std::fmt::Display| {
        Error::Refused(format!(
            "Stillpoint could not write the backup {}: {e}.",
            target.display()
        ))
    };
    // An empty file, created exclusively (0600, a name nobody can guess), which SQLite fills:
    // `VACUUM INTO` accepts a file that exists only when it is empty. Removed if anything fails.
    let partial = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .tempfile_in(folder)
        .map_err(|e| refused(&e))?;
    let before = Expected::of(conn)?;
    let text = partial
        .path()
        .to_str()
        .ok_or_else(|| refused(&"its folder's name is not valid Unicode"))?
        .to_owned();
    conn.execute("VACUUM INTO ?1", [&text])
        .map_err(|e| refused(&e))?;
    // Another connection may have written since `before`: the counts are compared only when
    // nothing changed around the copy.
    let after = Expected::of(conn)?;
    let expected = Expected {
        counts: (before.counts == after.counts)
            .then_some(before.counts)
            .flatten(),
        ..before
    };
    let counts = check(partial.path(), &expected)?;
    partial.as_file().sync_all().map_err(|e| refused(&e))?;
    partial.persist(target).map_err(|e| refused(&e.error))?;
    let bytes = std::fs::metadata(target).map_err(|e| refused(&e))?.len();
    Ok(Backup {
        path: target.display().to_string(),
        created_at: made.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        bytes,
        counts,
    })
}

/// What a copy of the record must be.
#[derive(Debug, Clone, Copy)]
struct Expected {
    application_id: i32,
    version: i64,
    counts: Option<RecordCounts>,
}

impl Expected {
    fn of(conn: &Connection) -> Result<Expected> {
        Ok(Expected {
            application_id: conn.pragma_query_value(None, "application_id", |r| r.get(0))?,
            version: conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
            counts: Some(counts(conn)?),
        })
    }
}

/// Opens the copy at `path`, sets it to a plain journal (one file, nothing beside it), and
/// checks it whole: its pages, its mark, its schema and what it holds.
fn check(path: &Path, expected: &Expected) -> Result<RecordCounts> {
    let failed = |why: String| {
        Error::Refused(format!(
            "The backup failed its check ({why}), so it was not kept."
        ))
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
    let integrity: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(|e| failed(e.to_string()))?;
    if integrity != "ok" {
        return Err(failed(integrity));
    }
    let found = Expected::of(&conn).map_err(|e| failed(e.to_string()))?;
    if found.application_id != expected.application_id || found.version != expected.version {
        return Err(failed(format!(
            "it is not the record's schema: version {} instead of {}",
            found.version, expected.version
        )));
    }
    let counts = found.counts.unwrap_or_default();
    if let Some(want) = expected.counts.filter(|want| *want != counts) {
        return Err(failed(format!(
            "it holds {} entries and {} clients, the record {} and {}",
            counts.entries, counts.clients, want.entries, want.clients
        )));
    }
    Ok(counts)
}

/// Reads a backup's counts without writing anything (read-only, as an unchanging file).
fn read_backup(path: &Path, made: NaiveDateTime) -> Result<Backup> {
    let conn = Connection::open_with_flags(
        crate::store::immutable_uri(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let counts = counts(&conn)?;
    Ok(Backup {
        path: path.display().to_string(),
        created_at: made.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        bytes: std::fs::metadata(path)?.len(),
        counts,
    })
}

/// The record's file name without its extension: what its backups' names begin with.
fn record_stem(database: &Path) -> String {
    database
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stillpoint".into())
}

/// When a name is one Stillpoint gives a backup of the record named `stem`: the moment in it.
fn made_at(name: &str, stem: &str) -> Option<NaiveDateTime> {
    let rest = name
        .strip_prefix(stem)?
        .strip_prefix('-')?
        .strip_suffix(".db")?;
    let stamp = rest.get(..STAMP_LEN)?;
    let tail = &rest[STAMP_LEN..];
    let numbered = tail
        .strip_prefix('-')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if !tail.is_empty() && !numbered {
        return None;
    }
    NaiveDateTime::parse_from_str(stamp, STAMP).ok()
}

/// The backups of the record named `stem` in `folder`: plain files (never links) with a name
/// Stillpoint gives, with the moment each was made (UTC).
fn ours_in(folder: &Path, stem: &str) -> Vec<(NaiveDateTime, PathBuf)> {
    let Ok(listing) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    listing
        .filter_map(|item| {
            let item = item.ok()?;
            let is_file = item.file_type().ok()?.is_file();
            let made = made_at(&item.file_name().to_string_lossy(), stem)?;
            is_file.then(|| (made, item.path()))
        })
        .collect()
}

/// A UTC moment on the computer's clock.
fn local(utc: NaiveDateTime) -> NaiveDateTime {
    utc.and_utc().with_timezone(&Local).naive_local()
}

/// Removes the backups of the record named `stem` that [`kept`] does not keep, in a folder
/// Stillpoint marked.
fn rotate(folder: &Path, stem: &str) -> Result<usize> {
    if !std::fs::symlink_metadata(folder.join(MARK)).is_ok_and(|m| m.is_file()) {
        return Ok(0);
    }
    remove_stale_partials(folder, stem);
    let ours = ours_in(folder, stem);
    let moments: Vec<NaiveDateTime> = ours.iter().map(|(made, _)| local(*made)).collect();
    let keep = kept(&moments);
    let mut removed = 0;
    for (i, (_, path)) in ours.iter().enumerate() {
        if !keep.contains(&i) {
            std::fs::remove_file(path)?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// An unfinished copy is removed when its backup fails; one left by a process that was killed
/// while it wrote is removed here, an hour later (a younger one may be another process's
/// backup, still being written).
fn remove_stale_partials(folder: &Path, stem: &str) {
    let Ok(listing) = std::fs::read_dir(folder) else {
        return;
    };
    let prefix = format!(".{stem}-");
    for item in listing.flatten() {
        let name = item.file_name().to_string_lossy().into_owned();
        let Ok(meta) = item.metadata() else { continue };
        let unfinished = name.starts_with(&prefix) && files::is_partial_name(&name);
        let stale = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(3600));
        if unfinished && stale && meta.is_file() {
            let _ = std::fs::remove_file(item.path());
        }
    }
}

#[cfg(test)]
mod tests;
