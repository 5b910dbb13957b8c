//! The `mentors` table: the therapist's directory.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::columns::read_row;
use super::rows::{save_row, take_row};
use crate::error::{Error, Result};
use crate::model::{Mentor, MentorDraft};

const COLUMNS: &str = "id, name, credentials, certified_mentor, examiner, email, phone, location, \
                       languages, in_person, virtual, cost_notes";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Mentor> {
    read_row("mentors", row, 0, |row| {
        Ok(Mentor {
            id: row.get(0)?,
            details: MentorDraft {
                name: row.get(1)?,
                credentials: row.get(2)?,
                certified_mentor: row.get(3)?,
                examiner: row.get(4)?,
                email: row.get(5)?,
                phone: row.get(6)?,
                location: row.get(7)?,
                languages: row.get(8)?,
                in_person: row.get(9)?,
                virtual_sessions: row.get(10)?,
                cost_notes: row.get(11)?,
            },
        })
    })
}

pub(super) fn list(conn: &Connection) -> Result<Vec<Mentor>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM mentors ORDER BY name COLLATE NOCASE, id"
    ))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(super) fn get(conn: &Connection, id: i64) -> Result<Mentor> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM mentors WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound("That mentor".into()))
}

/// Inserts (`id` None) or updates a validated mentor; returns it as stored.
pub(super) fn put(conn: &Connection, id: Option<i64>, m: &MentorDraft) -> Result<Mentor> {
    let values = params![
        m.name,
        m.credentials,
        m.certified_mentor,
        m.examiner,
        m.email,
        m.phone,
        m.location,
        m.languages,
        m.in_person,
        m.virtual_sessions,
        m.cost_notes
    ];
    let id = save_row(
        conn,
        id,
        "INSERT INTO mentors (name, credentials, certified_mentor, examiner, email, phone, location,
                                      languages, in_person, virtual, cost_notes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        "UPDATE mentors SET name = ?1, credentials = ?2, certified_mentor = ?3, examiner = ?4,
                        email = ?5, phone = ?6, location = ?7, languages = ?8, in_person = ?9,
                        virtual = ?10, cost_notes = ?11
                 WHERE id = ?12",
        values,
        |_| Error::NotFound("That mentor".into()),
    )?;
    get(conn, id)
}

pub(super) fn delete(conn: &Connection, id: i64) -> Result<Mentor> {
    take_row(conn, "mentors", id, get)
}

pub(super) fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM mentors", [], |r| r.get(0))?)
}

impl super::Store {
    /// The directory, by name.
    pub fn mentors(&self) -> Result<Vec<Mentor>> {
        list(&self.conn)
    }

    /// Validates and adds (`id` None) or changes a mentor.
    pub fn save_mentor(&mut self, id: Option<i64>, draft: &MentorDraft) -> Result<Mentor> {
        let draft = draft.validated()?;
        self.with_tx(|tx| put(tx, id, &draft))
    }

    /// Removes a mentor; entries that named them keep the name and credentials as typed.
    pub fn delete_mentor(&mut self, id: i64) -> Result<Mentor> {
        self.with_tx(|tx| delete(tx, id))
    }
}
