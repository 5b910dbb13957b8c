//! The SQLite database: one file, opened the same way everywhere, changed only in transactions.
//!
//! Every connection uses WAL, `synchronous = NORMAL`, `foreign_keys = ON` and a busy timeout.
//! The schema is a list of numbered SQL migrations (`migrations.rs`). Each aggregate has its own
//! data-access module (`profile.rs`, …) whose functions take a `&Connection` or a transaction.

mod attachments;
mod backups;
mod case_studies;
mod claims;
mod clearances;
mod clients;
mod columns;
mod entries;
mod events;
mod intakes;
mod mentors;
mod migrations;
mod profile;
mod reports;
mod rows;
mod sessions;
mod submissions;
#[cfg(test)]
mod tests;
mod training;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Transaction};

pub use backups::{Backup, BackupStatus, RecordCounts};
pub(crate) use clearances::clearances_of;
pub(crate) use clients::{all_clients, get_client};
pub(crate) use entries::entries_of_mentor;
pub use events::{
    attend_draft, Attended, CalendarImport, Reminder, StoredEvent, DEFAULT_REMINDER_MINUTES,
};
pub(crate) use events::{
    between as events_between, past as events_past, presented_by, started as event_started,
    upcoming as events_upcoming, write_demo_events,
};
pub(crate) use intakes::get_intake;
pub(crate) use mentors::{get as get_mentor, list as all_mentors};
pub use migrations::SCHEMA_VERSION;
pub use reports::MonthTotals;
pub(crate) use sessions::sessions_of;
pub(crate) use training::all_courses;

use crate::error::{Error, Result};
use crate::model::{Attachment, Owner, Profile};

/// An open Stillpoint database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    /// Where attached files are copied; `None` for a database in memory, which takes none.
    files: Option<PathBuf>,
}

impl Store {
    /// Opens the record at `path` to work in it, creating it if there is none (its folder and
    /// the file readable by the user only), and brings its schema up to date. Tightens the
    /// modes of an existing record's files, and removes the attachment copies no row names.
    /// Refused untouched: another program's file, and a record from a newer Stillpoint.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::files::create_private_dir(dir)?;
            if crate::folders::is_app_folder(dir) {
                crate::files::make_private(dir)?;
            }
        }
        create_private_file(path)?;
        let mut store = match Store::prepare(Connection::open(path)?, path) {
            Err(e) if is_disk_full(&e) => return Store::open_to_read_on_a_full_disk(path),
            other => other?,
        };
        for suffix in ["", "-wal", "-shm"] {
            let mut file = path.as_os_str().to_owned();
            file.push(suffix);
            crate::files::make_private(Path::new(&file))?;
        }
        let files = attachments::folder_for(path);
        store.adopt_unmarked_attachments(&files)?;
        attachments::sweep(&store.conn, &files)?;
        store.files = Some(files);
        Ok(store)
    }

    /// Opens an existing record to read it: nothing is created, and a record that is up to
    /// date is not written (an older one is upgraded, as any opening does). A missing file is
    /// refused with a sentence.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(Error::Refused(format!(
                "There is no Stillpoint record at {}. Check the path, or start a record there \
                 with a command that writes (e.g. `profile set`) or in the window.",
                path.display()
            )));
        }
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
            | rusqlite::OpenFlags::SQLITE_OPEN_URI
            | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut store = match Store::prepare(Connection::open_with_flags(path, flags)?, path) {
            Err(e) if is_disk_full(&e) => return Store::open_to_read_on_a_full_disk(path),
            other => other?,
        };
        store.files = Some(attachments::folder_for(path));
        Ok(store)
    }

    /// On a full disk SQLite cannot even make the shared-memory file a reader needs. The record
    /// can still be read (and exported elsewhere) as it was last closed, when no write-ahead log
    /// is pending: read-only, as an unchanging file. Every change is refused until there is room.
    fn open_to_read_on_a_full_disk(path: &Path) -> Result<Store> {
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            return Err(Error::Refused(format!(
                "The disk is full, and the last changes to {} are still in its journal, so \
                 Stillpoint cannot read it safely. Free some space, then open it again.",
                path.display()
            )));
        }
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
            | rusqlite::OpenFlags::SQLITE_OPEN_URI
            | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(immutable_uri(path), flags)?;
        let mut store = Store::prepare(conn, path)?;
        store.files = Some(attachments::folder_for(path));
        Ok(store)
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        Store::prepare(Connection::open_in_memory()?, Path::new(":memory:"))
    }

    fn prepare(mut conn: Connection, path: &Path) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(5))?;
        register_functions(&conn)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let shown_as = path.display().to_string();
        let found = migrations::identify(&conn, &shown_as).map_err(|e| damaged(e, &shown_as))?;
        if found != migrations::Found::New {
            check_quickly(&conn, &shown_as)?;
        }
        // WAL changes the file; only switch once we know the file is ours to change, and only
        // if it is not in WAL already (a record that is up to date is not written).
        let journal: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        let switch = !journal.eq_ignore_ascii_case("wal") && journal != "memory";
        if switch && !conn.is_readonly(rusqlite::MAIN_DB)? {
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        if let migrations::Found::Older(_) = found {
            back_up_before_upgrading(&conn, path)?;
        }
        if found != migrations::Found::Current {
            migrations::migrate(&mut conn)?;
        }
        let mut store = Store { conn, files: None };
        store.recount_if_rules_changed()?;
        Ok(store)
    }

    /// Runs `f` in one transaction: committed when it returns `Ok`, rolled back otherwise. It
    /// begins `IMMEDIATE`, waiting (up to the busy timeout) for another writer to finish: a
    /// transaction that read first could not wait for the lock when it came to write.
    pub fn with_tx<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Recounts every entry when the stored counts were made with other rules (or none are
    /// recorded, as in a database from before the rules were fingerprinted). One transaction.
    fn recount_if_rules_changed(&mut self) -> Result<()> {
        let rules = crate::rules::default_rule_set()?;
        let fingerprint = crate::rules::fingerprint(rules.id())?;
        let counted_with = |conn: &Connection| -> Result<Option<String>> {
            Ok(conn
                .query_row("SELECT value FROM meta WHERE key = 'rules'", [], |r| {
                    r.get(0)
                })
                .optional()?)
        };
        // Read first, without a lock: the usual case writes nothing.
        if counted_with(&self.conn)?.as_deref() == Some(fingerprint.as_str()) {
            return Ok(());
        }
        self.with_tx(|tx| {
            if counted_with(tx)?.as_deref() != Some(fingerprint.as_str()) {
                entries::recount(tx, rules)?;
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES ('rules', ?1)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [&fingerprint],
                )?;
            }
            Ok(())
        })
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// True when the database holds no records of the user's yet (a first start).
    pub fn is_empty(&self) -> Result<bool> {
        let records: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM entries) + (SELECT count(*) FROM clients)
                    + (SELECT count(*) FROM courses) + (SELECT count(*) FROM exams)
                    + (SELECT count(*) FROM presentations)",
            [],
            |r| r.get(0),
        )?;
        Ok(profile::is_empty(&self.conn)? && mentors::count(&self.conn)? == 0 && records == 0)
    }

    /// The practitioner's profile, if one has been saved.
    pub fn profile(&self) -> Result<Option<Profile>> {
        profile::get(&self.conn)
    }

    /// Validates and saves the profile; returns it as stored.
    pub fn save_profile(&mut self, profile: &Profile) -> Result<Profile> {
        let profile = profile.validated()?;
        self.with_tx(|tx| profile::put(tx, &profile))?;
        Ok(profile)
    }
}

impl Store {
    /// Copies `content` into the data folder as an attachment of `owner`, named `file_name`.
    pub fn attach(
        &mut self,
        owner: Owner,
        file_name: &str,
        content: &[u8],
        today: chrono::NaiveDate,
    ) -> Result<Attachment> {
        let folder = self.files_folder()?.to_path_buf();
        let mut written = None;
        let result = self.with_tx(|tx| {
            let (attachment, path) =
                attachments::add(tx, &folder, owner, file_name, content, today)?;
            written = Some(path);
            Ok(attachment)
        });
        if let (Err(_), Some(path)) = (&result, written) {
            // The row is gone with the rolled-back transaction; the copy must go too.
            let _ = std::fs::remove_file(path);
        }
        result
    }

    /// The files attached to `owner`, oldest first.
    pub fn attachments(&self, owner: Owner) -> Result<Vec<Attachment>> {
        attachments::of(&self.conn, owner)
    }

    /// Where the copy of attachment `id` is, for the system's viewer to open.
    pub fn attachment_file(&self, id: i64) -> Result<PathBuf> {
        let (attachment, stored) = attachments::get(&self.conn, id)?;
        let path = self.files_folder()?.join(stored);
        if !path.is_file() {
            return Err(Error::Refused(format!(
                "The copy of \"{}\" is missing from {}.",
                attachment.file_name,
                self.files_folder()?.display()
            )));
        }
        Ok(path)
    }

    /// Detaches a file; returns it. The copy is removed the next time the database is opened.
    pub fn detach(&mut self, id: i64) -> Result<Attachment> {
        self.with_tx(|tx| attachments::remove(tx, id))
    }

    /// A record from before files were marked (schema 7) may keep its copies in a folder that
    /// has no mark: it is marked ours, once, when a copy a row names is found in it; a folder
    /// holding none of our copies is not ours, and is never swept.
    fn adopt_unmarked_attachments(&mut self, folder: &Path) -> Result<()> {
        let pending: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'unmarked_attachments')",
            [],
            |r| r.get(0),
        )?;
        if !pending {
            return Ok(());
        }
        if attachments::holds_a_copy(&self.conn, folder)? {
            attachments::mark(folder)?;
        }
        self.with_tx(|tx| {
            tx.execute("DELETE FROM meta WHERE key = 'unmarked_attachments'", [])?;
            Ok(())
        })
    }

    fn files_folder(&self) -> Result<&Path> {
        self.files
            .as_deref()
            .ok_or_else(|| Error::Refused("A database in memory keeps no attached files.".into()))
    }
}

/// What the therapist reads about a damaged record, and what they can do.
fn damage_sentence(shown_as: &str, what: &str) -> String {
    format!(
        "The record {shown_as} is damaged ({what}). Stillpoint changed nothing in it. Close \
         Stillpoint and keep a copy of this file before anything else; then restore your latest \
         backup copy of it, or ask for help recovering it."
    )
}

/// `file:` URI of `path` that tells SQLite the file will not change (no locks, no journal).
pub(crate) fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = absolute.to_string_lossy().replace('\\', "/");
    let mut uri = String::from(if text.starts_with('/') {
        "file:"
    } else {
        "file:/"
    });
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                uri.push(char::from(byte))
            }
            other => uri.push_str(&format!("%{other:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// True for SQLite's "disk full" and the I/O errors a full disk causes.
fn is_disk_full(error: &Error) -> bool {
    matches!(error, Error::Database(rusqlite::Error::SqliteFailure(e, _))
        if matches!(e.code, rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::SystemIoFailure))
}

/// The start of SQLite's report, at most `n` characters.
fn first_chars(report: &str, n: usize) -> String {
    match report.char_indices().nth(n) {
        Some((end, _)) => format!("{}…", &report[..end]),
        None => report.to_owned(),
    }
}

/// SQLite's "malformed" turned into that sentence; other errors pass as they are.
fn damaged(error: Error, shown_as: &str) -> Error {
    match &error {
        Error::Database(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::DatabaseCorrupt =>
        {
            Error::Refused(damage_sentence(shown_as, "SQLite reads it as malformed"))
        }
        _ => error,
    }
}

/// A record from an earlier Stillpoint is backed up before its schema changes: into its backup
/// folder, else (that folder cannot be written) into the default one beside it. When neither
/// can be written the upgrade is refused, and the record stays as it was.
fn back_up_before_upgrading(conn: &Connection, path: &Path) -> Result<()> {
    if conn.is_readonly(rusqlite::MAIN_DB)? {
        return Ok(());
    }
    let now = chrono::Utc::now();
    let chosen = backups::folder_of(conn, path);
    let fallback = backups::default_folder(path);
    match backups::back_up_into(conn, path, &chosen, now) {
        Ok(_) => Ok(()),
        Err(_) if chosen != fallback => {
            backups::back_up_into(conn, path, &fallback, now).map(|_| ())
        }
        Err(e) => Err(e),
    }
}

/// `PRAGMA quick_check` at every opening: the pages and their links, not every index entry.
fn check_quickly(conn: &Connection, shown_as: &str) -> Result<()> {
    let first: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(|e| damaged(e.into(), shown_as))?;
    if first != "ok" {
        return Err(Error::Refused(damage_sentence(
            shown_as,
            &first_chars(&first, 160),
        )));
    }
    Ok(())
}

/// The full check (`PRAGMA integrity_check`) of the record at `path`, on a connection of its
/// own that only reads, so the window can run it in the background. `None` when the record is
/// whole; else a sentence for the therapist.
pub fn check_whole(path: &Path) -> Result<Option<String>> {
    let shown_as = path.display().to_string();
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    let mut stmt = conn
        .prepare("PRAGMA integrity_check(20)")
        .map_err(|e| damaged(e.into(), &shown_as))?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| damaged(e.into(), &shown_as))?;
    if problems.iter().all(|p| p == "ok") {
        return Ok(None);
    }
    Ok(Some(damage_sentence(
        &shown_as,
        &first_chars(&problems.join("; "), 160),
    )))
}

/// Creates the database file, empty and readable by the user only, unless it exists (SQLite
/// would create it with the process's default mode, readable by everyone).
fn create_private_file(path: &Path) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// `casefold(text)`: lower case for every script (SQLite's `lower()` knows only ASCII), so a
/// search for "олена" finds "Олена".
fn register_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "casefold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(ctx.get::<Option<String>>(0)?.map(|s| s.to_lowercase())),
    )?;
    Ok(())
}

/// Writes the demo records inside the caller's transaction (see `demo::load`): the profile, the
/// mentors, and the entries, each linked to the mentor at its index.
pub(crate) fn write_demo(
    tx: &Transaction<'_>,
    profile: &Profile,
    mentors: &[crate::model::MentorDraft],
    entries: &[(Option<usize>, crate::model::ValidEntry)],
) -> Result<()> {
    profile::put(tx, profile)?;
    let ids = mentors
        .iter()
        .map(|m| Ok(mentors::put(tx, None, m)?.id))
        .collect::<Result<Vec<i64>>>()?;
    for (who, entry) in entries {
        let entry = crate::model::ValidEntry {
            mentor_id: who.and_then(|i| ids.get(i).copied()),
            ..entry.clone()
        };
        entries::insert(tx, &entry)?;
    }
    Ok(())
}

/// The demo's clients and their treatment, validated by the caller, each session still to be
/// checked against its client's screen here, as any session is.
pub(crate) struct DemoClient {
    /// The client.
    pub client: crate::model::ClientDraft,
    /// Their intake (answers to the current screen).
    pub intake: crate::model::IntakeDraft,
    /// Their clearances (`client_id` is filled in here).
    pub clearances: Vec<crate::model::ClearanceDraft>,
    /// Their sessions (`client_id` is filled in here).
    pub sessions: Vec<crate::model::SessionDraft>,
    /// For a case study drafted from the sessions: its discussion.
    pub discussion: Option<String>,
}

/// Writes the demo's clients, training record and case studies inside the caller's transaction.
pub(crate) fn write_demo_cases(
    tx: &Transaction<'_>,
    clients: &[DemoClient],
    courses: &[crate::model::ValidCourse],
    exams: &[crate::model::ExamDraft],
    presentations: &[(crate::model::PresentationDraft, i64)],
    today: chrono::NaiveDate,
) -> Result<()> {
    let screen = crate::clinical::intake_screen()?;
    for demo in clients {
        let client = clients::put_client(tx, None, &demo.client)?;
        intakes::put_intake(tx, client.id, screen.id(), &demo.intake)?;
        for clearance in &demo.clearances {
            let clearance = crate::model::ClearanceDraft {
                client_id: client.id,
                ..clearance.clone()
            };
            clearances::insert_clearance(tx, &clearance)?;
        }
        for session in &demo.sessions {
            let session = crate::model::SessionDraft {
                client_id: client.id,
                ..session.clone()
            };
            sessions::put_session(tx, None, &session, today)?;
        }
        if let Some(discussion) = &demo.discussion {
            let intake = intakes::get_intake(tx, client.id)?;
            let sessions = sessions::sessions_of(tx, client.id)?;
            let draft = crate::model::CaseStudyDraft {
                discussion: discussion.clone(),
                ..crate::model::CaseStudyDraft::from_records(
                    &client,
                    intake.as_ref().map(|i| &i.draft),
                    &sessions,
                    crate::clinical::techniques()?,
                )?
            };
            case_studies::put(tx, None, &draft.validated(today)?)?;
        }
    }
    for course in courses {
        training::put_course(tx, None, course)?;
    }
    for exam in exams {
        training::put_exam(tx, None, exam)?;
    }
    for (presentation, minutes) in presentations {
        training::put_presentation(tx, None, presentation, *minutes)?;
    }
    Ok(())
}
