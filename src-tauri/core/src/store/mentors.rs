//! The `mentors` table and its two lists, `mentor_roles` and `mentor_languages`: the therapist's
//! directory.
//!
//! Entries refer to a mentor by id and keep the name and credentials they were logged with, so
//! changing or removing a mentor never changes an entry (removing one leaves its entries
//! unlinked, `ON DELETE SET NULL`, each still naming who it was with).

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::columns::read_row;
use super::rows::{save_row, take_row};
use crate::error::{Error, Result};
use crate::model::{Mentor, MentorDraft, MentorRole};
use crate::rules::Format;

const COLUMNS: &str = "id, name, credentials, certified_mentor, email, phone, city, country, \
                       time_zone, in_person, virtual, cost_notes, notes";

/// A row of `mentors`; its roles and languages are read apart and filled in by `with_lists`.
fn from_row(row: &Row<'_>) -> rusqlite::Result<(i64, MentorDraft)> {
    read_row("mentors", row, 0, |row| {
        let mut formats = Vec::new();
        if row.get(9)? {
            formats.push(Format::InPerson);
        }
        if row.get(10)? {
            formats.push(Format::Virtual);
        }
        Ok((
            row.get(0)?,
            MentorDraft {
                name: row.get(1)?,
                credentials: row.get(2)?,
                roles: Vec::new(),
                certified_mentor: row.get(3)?,
                email: row.get(4)?,
                phone: row.get(5)?,
                city: row.get(6)?,
                country: row.get(7)?,
                time_zone: row.get(8)?,
                languages: Vec::new(),
                formats,
                cost_notes: row.get(11)?,
                notes: row.get(12)?,
            },
        ))
    })
}

/// Fills in the roles and languages of these mentors: one query each over the whole lists.
fn with_lists(conn: &Connection, rows: Vec<(i64, MentorDraft)>) -> Result<Vec<Mentor>> {
    let mut roles: HashMap<i64, Vec<MentorRole>> = HashMap::new();
    let mut stmt =
        conn.prepare_cached("SELECT mentor_id, role FROM mentor_roles ORDER BY mentor_id")?;
    let found = stmt.query_map([], |r| {
        read_row("mentor_roles", r, 0, |r| Ok((r.get(0)?, r.get(1)?)))
    })?;
    for row in found {
        let (id, role): (i64, MentorRole) = row?;
        roles.entry(id).or_default().push(role);
    }
    let mut languages: HashMap<i64, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT mentor_id, language FROM mentor_languages ORDER BY mentor_id, position",
    )?;
    let found = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    for row in found {
        let (id, language): (i64, String) = row?;
        languages.entry(id).or_default().push(language);
    }
    Ok(rows
        .into_iter()
        .map(|(id, mut details)| {
            details.roles = roles.remove(&id).unwrap_or_default();
            details.roles.sort();
            details.languages = languages.remove(&id).unwrap_or_default();
            Mentor::new(id, details)
        })
        .collect())
}

/// Every mentor, by name.
pub(crate) fn list(conn: &Connection) -> Result<Vec<Mentor>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM mentors ORDER BY name COLLATE NOCASE, id"
    ))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    with_lists(conn, rows)
}

/// One mentor.
pub(crate) fn get(conn: &Connection, id: i64) -> Result<Mentor> {
    let row = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM mentors WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| Error::NotFound("That mentor".into()))?;
    with_lists(conn, vec![row])?
        .pop()
        .ok_or_else(|| Error::NotFound("That mentor".into()))
}

/// Inserts (`id` None) or updates a validated mentor with its roles and languages; returns it
/// as stored.
pub(super) fn put(conn: &Connection, id: Option<i64>, m: &MentorDraft) -> Result<Mentor> {
    let values = params![
        m.name,
        m.credentials,
        m.certified_mentor,
        m.email,
        m.phone,
        m.city,
        m.country,
        m.time_zone,
        m.formats.contains(&Format::InPerson),
        m.formats.contains(&Format::Virtual),
        m.cost_notes,
        m.notes
    ];
    let id = save_row(
        conn,
        id,
        "INSERT INTO mentors (name, credentials, certified_mentor, email, phone, city, country,
                              time_zone, in_person, virtual, cost_notes, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        "UPDATE mentors SET name = ?1, credentials = ?2, certified_mentor = ?3, email = ?4,
                phone = ?5, city = ?6, country = ?7, time_zone = ?8, in_person = ?9,
                virtual = ?10, cost_notes = ?11, notes = ?12
         WHERE id = ?13",
        values,
        |_| Error::NotFound("That mentor".into()),
    )?;
    conn.execute("DELETE FROM mentor_roles WHERE mentor_id = ?1", [id])?;
    let mut add_role =
        conn.prepare_cached("INSERT INTO mentor_roles (mentor_id, role) VALUES (?1, ?2)")?;
    for role in &m.roles {
        add_role.execute(params![id, role])?;
    }
    conn.execute("DELETE FROM mentor_languages WHERE mentor_id = ?1", [id])?;
    let mut add_language = conn.prepare_cached(
        "INSERT INTO mentor_languages (mentor_id, position, language) VALUES (?1, ?2, ?3)",
    )?;
    for (position, language) in (1_i64..).zip(&m.languages) {
        add_language.execute(params![id, position, language])?;
    }
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

    /// One mentor.
    pub fn mentor(&self, id: i64) -> Result<Mentor> {
        get(&self.conn, id)
    }

    /// Validates and adds (`id` None) or changes a mentor.
    pub fn save_mentor(&mut self, id: Option<i64>, draft: &MentorDraft) -> Result<Mentor> {
        let draft = draft.validated()?;
        self.with_tx(|tx| put(tx, id, &draft))
    }

    /// Validates and adds mentors in one transaction: every one, or none. One who is already in
    /// the directory (the same name and email, folded: [`MentorDraft::same_person`]) is left out.
    /// Returns, for each in order, whether they were added.
    pub fn import_mentors(&mut self, drafts: &[MentorDraft]) -> Result<Vec<bool>> {
        let drafts = drafts
            .iter()
            .map(MentorDraft::validated)
            .collect::<Result<Vec<_>>>()?;
        self.with_tx(|tx| {
            let mut known: Vec<MentorDraft> = list(tx)?.into_iter().map(|m| m.details).collect();
            let mut added = Vec::with_capacity(drafts.len());
            for draft in drafts {
                if known.iter().any(|k| k.same_person(&draft)) {
                    added.push(false);
                    continue;
                }
                put(tx, None, &draft)?;
                known.push(draft);
                added.push(true);
            }
            Ok(added)
        })
    }

    /// Removes a mentor; entries that named them keep the name and credentials as logged.
    pub fn delete_mentor(&mut self, id: i64) -> Result<Mentor> {
        self.with_tx(|tx| delete(tx, id))
    }
}
