//! The `sessions` table: a client's sessions and their notes.
//!
//! A session is saved only when the clinical rule allows it
//! ([`crate::clinical::may_save_session`]): an intake first, and for a flagged client's
//! treatment a medical clearance dated on or before it.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::clearances::clearances_of;
use super::clients::get_client;
use super::columns::read_row;
use super::intakes::get_intake;
use super::rows::{save_row, take_row};
use crate::clinical::{may_save_session, techniques, SessionFacts, TechniqueList};
use crate::error::{Error, Result};
use crate::model::{Session, SessionDraft, SessionKind, ValidSession};

const SESSION_COLUMNS: &str = "id, client_id, date, minutes, subjective, objective, assessment, \
                               plan, techniques, techniques_other, scale_before, scale_after, outcome, \
                               kind";

fn session_from_row(list: &TechniqueList, row: &Row<'_>) -> rusqlite::Result<Session> {
    read_row("sessions", row, 0, |row| {
        let keys: String = row.get(8)?;
        let keys: Vec<String> = serde_json::from_str(&keys).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(8, rusqlite::types::Type::Text, Box::new(e))
        })?;
        let draft = SessionDraft {
            client_id: row.get(1)?,
            kind: row.get(13)?,
            date: row.get(2)?,
            minutes: row.get(3)?,
            subjective: row.get(4)?,
            objective: row.get(5)?,
            assessment: row.get(6)?,
            plan: row.get(7)?,
            techniques: keys,
            techniques_other: row.get(9)?,
            scale_before: row.get(10)?,
            scale_after: row.get(11)?,
            outcome: row.get(12)?,
        };
        let mut technique_labels: Vec<String> =
            draft.techniques.iter().map(|k| list.label(k)).collect();
        if !draft.techniques_other.is_empty() {
            technique_labels.push(draft.techniques_other.clone());
        }
        Ok(Session {
            id: row.get(0)?,
            draft,
            technique_labels,
            uncleared: false,
        })
    })
}

pub(crate) fn sessions_of(conn: &Connection, client_id: i64) -> Result<Vec<Session>> {
    let list = techniques()?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SESSION_COLUMNS} FROM sessions WHERE client_id = ?1 ORDER BY date, id"
    ))?;
    let mut sessions: Vec<Session> = stmt
        .query_map([client_id], |r| session_from_row(list, r))?
        .collect::<rusqlite::Result<_>>()?;
    let flagged = get_intake(conn, client_id)?.is_some_and(|i| i.result.flagged);
    if flagged {
        let first_clearance = clearances_of(conn, client_id)?
            .into_iter()
            .map(|c| c.draft.cleared_on)
            .min();
        for s in sessions
            .iter_mut()
            .filter(|s| s.draft.kind == SessionKind::Treatment)
        {
            s.uncleared = first_clearance.as_ref().is_none_or(|c| *c > s.draft.date);
        }
    }
    Ok(sessions)
}

fn get_session(conn: &Connection, id: i64) -> Result<Session> {
    let client_id: i64 = conn
        .query_row("SELECT client_id FROM sessions WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| Error::NotFound("That session".into()))?;
    sessions_of(conn, client_id)?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| Error::NotFound("That session".into()))
}

/// Checks a session against its client's screen and clearances, then stores it.
pub(crate) fn put_session(
    conn: &Connection,
    id: Option<i64>,
    draft: &SessionDraft,
    today: NaiveDate,
) -> Result<Session> {
    let client = get_client(conn, draft.client_id).map_err(|e| match e {
        Error::NotFound(_) => Error::invalid("client_id", "Choose the client this session is for."),
        other => other,
    })?;
    if let Some(id) = id {
        // A session's notes belong to the client they were taken with.
        if get_session(conn, id)?.draft.client_id != client.id {
            return Err(Error::invalid(
                "client_id",
                "A session stays with the client it was recorded for.",
            ));
        }
    }
    let ValidSession { draft: s, date } = draft.validated(&client, techniques()?, today)?;
    let intake = get_intake(conn, client.id)?;
    let clearances = clearances_of(conn, client.id)?;
    let cleared_on: Vec<&str> = clearances
        .iter()
        .map(|c| c.draft.cleared_on.as_str())
        .collect();
    may_save_session(&SessionFacts {
        code: &client.draft.code,
        screen: intake.as_ref().map(|i| &i.result),
        kind: s.kind,
        date,
        cleared_on: &cleared_on,
    })?;
    let keys = serde_json::to_string(&s.techniques).map_err(std::io::Error::other)?;
    let values = params![
        s.client_id,
        s.kind,
        s.date,
        s.minutes,
        s.subjective,
        s.objective,
        s.assessment,
        s.plan,
        keys,
        s.techniques_other,
        s.scale_before,
        s.scale_after,
        s.outcome,
    ];
    let id = save_row(
        conn,
        id,
        "INSERT INTO sessions (client_id, kind, date, minutes, subjective, objective,
                                       assessment, plan, techniques, techniques_other,
                                       scale_before, scale_after, outcome)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        "UPDATE sessions SET client_id = ?1, kind = ?2, date = ?3, minutes = ?4,
                        subjective = ?5, objective = ?6, assessment = ?7, plan = ?8,
                        techniques = ?9, techniques_other = ?10, scale_before = ?11,
                        scale_after = ?12, outcome = ?13
                 WHERE id = ?14",
        values,
        |_| Error::NotFound("That session".into()),
    )?;
    get_session(conn, id)
}

impl super::Store {
    /// Validates and adds (`id` None) or changes a session. Refused, with nothing saved, for a
    /// client without an intake (field `intake`), and for a flagged client without a clearance
    /// dated on or before the session (field `clearance`, saying what to record). A session
    /// cannot move to another client (field `client_id`).
    pub fn save_session(
        &mut self,
        id: Option<i64>,
        draft: &SessionDraft,
        today: NaiveDate,
    ) -> Result<Session> {
        self.with_tx(|tx| put_session(tx, id, draft, today))
    }

    /// Deletes a session; returns it as it was.
    pub fn delete_session(&mut self, id: i64) -> Result<Session> {
        self.with_tx(|tx| take_row(tx, "sessions", id, get_session))
    }
}
