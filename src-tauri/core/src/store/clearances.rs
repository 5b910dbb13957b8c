//! The `clearances` table: the medical clearances recorded for a client.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::clients::get_client;
use super::columns::read_row;
use super::rows::take_row;
use crate::error::{Error, Result};
use crate::model::{Clearance, ClearanceDraft};

pub(crate) fn clearances_of(conn: &Connection, client_id: i64) -> Result<Vec<Clearance>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, client_id, cleared_on, cleared_by, note FROM clearances
         WHERE client_id = ?1 ORDER BY cleared_on, id",
    )?;
    let rows = stmt
        .query_map([client_id], clearance_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn clearance_from_row(r: &Row<'_>) -> rusqlite::Result<Clearance> {
    read_row("clearances", r, 0, |r| {
        Ok(Clearance {
            id: r.get(0)?,
            draft: ClearanceDraft {
                client_id: r.get(1)?,
                cleared_on: r.get(2)?,
                cleared_by: r.get(3)?,
                note: r.get(4)?,
            },
        })
    })
}

/// Stores a clearance that has already been validated.
pub(crate) fn insert_clearance(conn: &Connection, draft: &ClearanceDraft) -> Result<Clearance> {
    get_client(conn, draft.client_id)?;
    conn.execute(
        "INSERT INTO clearances (client_id, cleared_on, cleared_by, note) VALUES (?1, ?2, ?3, ?4)",
        params![
            draft.client_id,
            draft.cleared_on,
            draft.cleared_by,
            draft.note
        ],
    )?;
    get_clearance(conn, conn.last_insert_rowid())
}

fn get_clearance(conn: &Connection, id: i64) -> Result<Clearance> {
    conn.query_row(
        "SELECT id, client_id, cleared_on, cleared_by, note FROM clearances WHERE id = ?1",
        [id],
        clearance_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound("That clearance".into()))
}

impl super::Store {
    /// Records a medical clearance.
    pub fn add_clearance(&mut self, draft: &ClearanceDraft, today: NaiveDate) -> Result<Clearance> {
        let (draft, _) = draft.validated(today)?;
        self.with_tx(|tx| insert_clearance(tx, &draft))
    }

    /// Removes a clearance; sessions it covered show as uncleared if no other covers them.
    pub fn delete_clearance(&mut self, id: i64) -> Result<Clearance> {
        self.with_tx(|tx| take_row(tx, "clearances", id, get_clearance))
    }
}
