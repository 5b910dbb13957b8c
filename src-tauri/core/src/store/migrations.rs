//! Numbered SQL migrations, the schema version kept in `PRAGMA user_version`.
//!
//! A few lines of our own rather than `rusqlite_migration`: its current release pins an older
//! rusqlite than the one we build with, and all we need is "apply the missing scripts in one
//! transaction, refuse a database that is newer than us". Released migrations are never edited;
//! a change is a new file. `tests/schemas/` keeps a snapshot of every released schema, and the
//! integration tests upgrade each one with data in it.

use rusqlite::Connection;

use crate::error::{Error, Result};

/// The scripts, in order: script `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_profile.sql"),
    include_str!("migrations/0002_mentors_entries.sql"),
    include_str!("migrations/0003_meta_attachments.sql"),
    include_str!("migrations/0004_submissions.sql"),
    include_str!("migrations/0005_cases.sql"),
    include_str!("migrations/0006_counted_totals.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Refuses, without writing anything, a database from a newer Stillpoint.
pub(super) fn check_not_newer(conn: &Connection) -> Result<()> {
    let found = version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Applies every missing migration in one transaction: all of them, or none.
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let found = version(&tx)?;
    if found > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for script in MIGRATIONS.iter().skip(usize::try_from(found).unwrap_or(0)) {
        tx.execute_batch(script)?;
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
        assert!(matches!(
            check_not_newer(&conn),
            Err(Error::DatabaseTooNew { .. })
        ));
        assert!(matches!(
            migrate(&mut conn),
            Err(Error::DatabaseTooNew { .. })
        ));
    }
}
