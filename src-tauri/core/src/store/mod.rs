//! The SQLite database: one file, opened the same way everywhere, changed only in transactions.
//!
//! Every connection uses WAL, `synchronous = NORMAL`, `foreign_keys = ON` and a busy timeout.
//! The schema is a list of numbered SQL migrations (`migrations.rs`). Each aggregate has its own
//! data-access module (`profile.rs`, …) whose functions take a `&Connection` or a transaction.

mod attachments;
mod case_studies;
mod clients;
mod entries;
mod mentors;
mod migrations;
mod profile;
mod reports;
mod submissions;
mod training;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Transaction};

pub use clients::{ClientOverview, ClientSummary, TimelinePoint};
pub use migrations::SCHEMA_VERSION;
pub use reports::MonthTotals;
pub use training::Training;

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
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// A database written by a newer Stillpoint is refused and left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut store = Store::prepare(Connection::open(path)?)?;
        let files = attachments::folder_for(path);
        attachments::sweep(&store.conn, &files)?;
        store.files = Some(files);
        Ok(store)
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        Store::prepare(Connection::open_in_memory()?)
    }

    fn prepare(mut conn: Connection) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(5))?;
        register_functions(&conn)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::check_not_newer(&conn)?;
        // WAL changes the file; only switch once we know the file is ours to change.
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        migrations::migrate(&mut conn)?;
        let mut store = Store { conn, files: None };
        store.recount_if_rules_changed()?;
        Ok(store)
    }

    /// Runs `f` in one transaction: committed when it returns `Ok`, rolled back otherwise.
    pub fn with_tx<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Recounts every entry when the stored counts were made with other rules (or none are
    /// recorded, as in a database from before the rules were fingerprinted). One transaction.
    fn recount_if_rules_changed(&mut self) -> Result<()> {
        let rules = crate::rules::default_rule_set()?;
        let fingerprint = crate::rules::fingerprint(rules.id())?;
        self.with_tx(|tx| {
            let stored: Option<String> = tx
                .query_row("SELECT value FROM meta WHERE key = 'rules'", [], |r| {
                    r.get(0)
                })
                .optional()?;
            if stored.as_deref() != Some(fingerprint.as_str()) {
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

    fn files_folder(&self) -> Result<&Path> {
        self.files
            .as_deref()
            .ok_or_else(|| Error::Refused("A database in memory keeps no attached files.".into()))
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
        clients::put_intake(tx, client.id, screen.id(), &demo.intake)?;
        for clearance in &demo.clearances {
            let clearance = crate::model::ClearanceDraft {
                client_id: client.id,
                ..clearance.clone()
            };
            clients::insert_clearance(tx, &clearance)?;
        }
        for session in &demo.sessions {
            let session = crate::model::SessionDraft {
                client_id: client.id,
                ..session.clone()
            };
            clients::put_session(tx, None, &session, today)?;
        }
        if let Some(discussion) = &demo.discussion {
            let intake = clients::get_intake(tx, client.id)?;
            let sessions = clients::sessions_of(tx, client.id)?;
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
