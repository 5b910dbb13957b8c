//! What the store knows about claims, for entries and submissions alike: the minutes counted and
//! claimed per category, which submission locks an entry, and the refusal to change one.
//!
//! A claim takes minutes out of the pool for good, whatever becomes of its submission, so every
//! count of what is left subtracts the claims.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::Connection;

use super::columns::{optional_date_at, read_row};
use crate::error::{Error, Result};
use crate::model::{EntryLock, SubmissionState};
use crate::rules::{format_date, ByCategory, Category};

/// Counted minutes per category, claimed or not.
pub(super) fn counted_by_category(conn: &Connection) -> Result<ByCategory> {
    // Kept by triggers on `entries` (migration 6): three rows, however many entries there are.
    let mut stmt = conn.prepare_cached("SELECT category, minutes FROM counted_totals")?;
    let mut totals = ByCategory::default();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (category, minutes): (Category, i64) = read_row("counted_totals", row, 0, |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
        totals[category] = minutes;
    }
    Ok(totals)
}

/// Counted minutes not yet claimed by any submission, per category: the kept totals less the
/// claimed minutes read from the (small) claims table.
pub(super) fn unclaimed_by_category(conn: &Connection) -> Result<ByCategory> {
    let counted = counted_by_category(conn)?;
    let claimed = claimed_by_category(conn)?;
    let mut unclaimed = ByCategory::default();
    for category in Category::ALL {
        unclaimed[category] = counted[category] - claimed[category];
    }
    Ok(unclaimed)
}

/// Counted minutes already claimed, per category. An entry counts at most what it counts now:
/// when new rules count it for less than was claimed, it has nothing left, not less than nothing.
pub(super) fn claimed_by_category(conn: &Connection) -> Result<ByCategory> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.category, SUM(MIN(e.counted_minutes, c.claimed))
         FROM (SELECT entry_id, SUM(minutes) AS claimed FROM claims GROUP BY entry_id) c
         JOIN entries e ON e.id = c.entry_id
         GROUP BY e.category",
    )?;
    let mut totals = ByCategory::default();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        totals[row.get(0)?] = row.get(1)?;
    }
    Ok(totals)
}

/// For each entry asked about (`None`: every entry with claims), the minutes claimed from it and
/// the submission that locks it: a sent or credited one before a draft, the latest first.
pub(super) fn claim_facts(
    conn: &Connection,
    entry_ids: Option<&[i64]>,
) -> Result<HashMap<i64, (i64, Option<EntryLock>)>> {
    let mut facts: HashMap<i64, (i64, Option<EntryLock>)> = HashMap::new();
    let sql = "SELECT c.entry_id, c.minutes, s.id, s.state, s.sent_on
               FROM claims c JOIN submissions s ON s.id = c.submission_id";
    let (sql, args): (String, Vec<Value>) = match entry_ids {
        None => (sql.to_owned(), Vec::new()),
        Some([]) => return Ok(facts),
        Some(ids) => (
            format!(
                "{sql} WHERE c.entry_id IN ({})",
                vec!["?"; ids.len()].join(", ")
            ),
            ids.iter().map(|&id| Value::Integer(id)).collect(),
        ),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
    while let Some(row) = rows.next()? {
        let lock = read_row("submissions", row, 2, |row| {
            Ok(EntryLock {
                submission_id: row.get(2)?,
                state: row.get(3)?,
                sent_on: optional_date_at(row, 4)?,
            })
        })?;
        let (claimed, strongest) = facts.entry(row.get(0)?).or_insert((0, None));
        *claimed += row.get::<_, i64>(1)?;
        let rank = |l: &EntryLock| (l.state != SubmissionState::Draft, l.submission_id);
        if strongest.as_ref().is_none_or(|s| rank(&lock) > rank(s)) {
            *strongest = Some(lock);
        }
    }
    Ok(facts)
}

/// Refuses to change an entry a submission claims minutes from, saying how to free it.
pub(super) fn refuse_if_claimed(conn: &Connection, entry_id: i64) -> Result<()> {
    let lock = claim_facts(conn, Some(&[entry_id]))?
        .remove(&entry_id)
        .and_then(|(_, lock)| lock);
    match lock {
        None => Ok(()),
        Some(EntryLock {
            submission_id,
            state: SubmissionState::Draft,
            ..
        }) => Err(Error::Refused(format!(
            "This entry is claimed by draft submission {submission_id}: discard the draft to \
             change it, then claim again."
        ))),
        Some(EntryLock {
            submission_id,
            sent_on,
            ..
        }) => Err(Error::Refused(format!(
            "This entry is on submission {submission_id}, sent on {}: reopen the submission to \
             change it.",
            sent_on.map(format_date).unwrap_or_default()
        ))),
    }
}
