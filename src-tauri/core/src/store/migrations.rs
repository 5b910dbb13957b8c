//! Numbered SQL migrations, the schema version kept in `PRAGMA user_version`, and how a file is
//! recognised as Stillpoint's before anything is written to it.
//!
//! A few lines of our own rather than `rusqlite_migration`: its current release pins an older
//! rusqlite than the one we build with, and all we need is "apply the missing scripts in one
//! transaction, refuse a database that is newer than us". Released migrations are never edited;
//! a change is a new file. `tests/schemas/` keeps a snapshot of every released schema, and the
//! integration tests upgrade each one with data in it.
//!
//! Since schema 7 our files carry `PRAGMA application_id` = "STLP". A file without it is ours
//! only when it is empty (a new record) or its tables and columns are exactly what our own
//! migrations built at its version (a record from before the mark); anything else is another
//! program's and is refused untouched.

use std::collections::BTreeSet;

use rusqlite::{Connection, ErrorCode, OptionalExtension};

use crate::error::{Error, Result};

/// The scripts, in order: script `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_profile.sql"),
    include_str!("migrations/0002_mentors_entries.sql"),
    include_str!("migrations/0003_meta_attachments.sql"),
    include_str!("migrations/0004_submissions.sql"),
    include_str!("migrations/0005_cases.sql"),
    include_str!("migrations/0006_counted_totals.sql"),
    include_str!("migrations/0007_application_id.sql"),
    include_str!("migrations/0008_unanswered_and_unknown.sql"),
    include_str!("migrations/0009_mentor_directory.sql"),
    include_str!("migrations/0010_events.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The mark in the header of every file Stillpoint made since schema 7: "STLP".
pub const APPLICATION_ID: i32 = 0x5354_4C50;

/// The last schema written without the mark.
const LAST_UNMARKED: i64 = 6;

/// What a file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Found {
    /// An empty database: ours to give the schema.
    New,
    /// A Stillpoint record at the current schema: nothing to write.
    Current,
    /// A Stillpoint record at an earlier schema.
    Older(i64),
}

fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// The tables and columns of a schema, which is how a record from before the mark is known.
fn shape(conn: &Connection) -> Result<BTreeSet<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT m.name, c.name FROM sqlite_master AS m, pragma_table_info(m.name) AS c
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The shape our migrations give a new database at `version`.
fn our_shape(version: i64) -> Result<BTreeSet<(String, String)>> {
    let conn = Connection::open_in_memory()?;
    for script in MIGRATIONS
        .iter()
        .take(usize::try_from(version).unwrap_or(0))
    {
        conn.execute_batch(script)?;
    }
    shape(&conn)
}

/// Tells what the file behind `conn` is, reading only. Another program's file, or one that is
/// not a database at all, is refused with a sentence naming `shown_as`; a newer Stillpoint's
/// record is refused as too new.
pub(super) fn identify(conn: &Connection, shown_as: &str) -> Result<Found> {
    let not_ours = |why: &str| {
        Error::Refused(format!(
            "{shown_as} is not a Stillpoint record ({why}). Stillpoint left it untouched; \
             choose a Stillpoint record, or a new file name to start one."
        ))
    };
    let application_id: i32 = match conn.pragma_query_value(None, "application_id", |r| r.get(0)) {
        Ok(id) => id,
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::NotADatabase => {
            return Err(not_ours("it is not a database file"));
        }
        Err(e) => return Err(e.into()),
    };
    let found = version(conn)?;
    if found < 0 {
        return Err(not_ours(&format!(
            "it says its version is {found}, which no Stillpoint writes"
        )));
    }
    if application_id == APPLICATION_ID {
        return match found {
            f if f > SCHEMA_VERSION => Err(Error::DatabaseTooNew {
                found,
                supported: SCHEMA_VERSION,
            }),
            f if f == SCHEMA_VERSION => Ok(Found::Current),
            f => Ok(Found::Older(f)),
        };
    }
    if application_id != 0 {
        return Err(not_ours("it belongs to another program"));
    }
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    if objects == 0 && found == 0 {
        return Ok(Found::New);
    }
    if (1..=LAST_UNMARKED).contains(&found) && shape(conn)? == our_shape(found)? {
        return Ok(Found::Older(found));
    }
    if found > LAST_UNMARKED {
        return Err(not_ours(&format!(
            "it says its version is {found}, but it lacks Stillpoint's mark"
        )));
    }
    Err(not_ours("its tables are another program's"))
}

/// Applies every missing migration in one transaction that waits for the write lock: all of
/// them, or none. The version is read again under the lock (another process may have upgraded
/// the file meanwhile); a record already up to date is not written.
///
/// Foreign keys are off while the scripts run (SQLite's own way to rebuild a table others refer
/// to: with them on, dropping the old table would delete what refers to it), and every reference
/// is checked before the transaction commits: a broken one rolls everything back.
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let migrated = migrate_unchecked(conn);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrated
}

fn migrate_unchecked(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let found = version(&tx)?;
    if found > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    for script in MIGRATIONS.iter().skip(usize::try_from(found).unwrap_or(0)) {
        tx.execute_batch(script)?;
    }
    let broken: Option<String> = tx
        .query_row(
            "SELECT \"table\" FROM pragma_foreign_key_check LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(table) = broken {
        return Err(Error::Refused(format!(
            "Stillpoint could not update this record: a row of {table} lost what it refers to. \
             Nothing was changed."
        )));
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_database_gets_the_current_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION);
        migrate(&mut conn).unwrap();
        assert_eq!(
            version(&conn).unwrap(),
            SCHEMA_VERSION,
            "migrating twice is harmless"
        );
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        assert!(matches!(
            identify(&conn, "it"),
            Err(Error::DatabaseTooNew { .. })
        ));
        assert!(matches!(
            migrate(&mut conn),
            Err(Error::DatabaseTooNew { .. })
        ));
    }
}
