//! The `clients`, `intakes`, `screen_answers`, `clearances` and `sessions` tables: a client and
//! their treatment.
//!
//! The one rule kept here is the screen's: a session for a client the intake flags is saved only
//! when a medical clearance dated on or before it is recorded. Sessions, intake and clearances go
//! with their client; a client with case studies is not deleted.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::clinical::{
    folded, intake_screen, screen, techniques, FlaggedItem, ItemAnswer, ScreenAnswer, ScreenResult,
    TechniqueList,
};
use crate::error::{Error, Result};
use crate::model::{
    Clearance, ClearanceDraft, Client, ClientDraft, Intake, IntakeDraft, Session, SessionDraft,
    SessionKind, ValidSession,
};
use crate::rules::format_date;

/// A client in the list: who, and where their treatment stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ClientSummary {
    /// The client.
    pub client: Client,
    /// An intake with its screen is recorded.
    pub screened: bool,
    /// The intake flags a contraindication, or its screen is incomplete.
    pub flagged: bool,
    /// No intake yet, or its screen is incomplete (a question not answered, or answers preset by
    /// an earlier form that need review): the client counts as flagged.
    pub incomplete: bool,
    /// A medical clearance is recorded.
    pub cleared: bool,
    /// Sessions recorded.
    #[specta(type = specta_typescript::Number)]
    pub session_count: i64,
    /// The day of the latest session, ISO date.
    pub last_session_on: Option<String>,
    /// Case studies written about them.
    #[specta(type = specta_typescript::Number)]
    pub case_study_count: i64,
}

/// One point of a client's timeline: a session's day and the scale before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct TimelinePoint {
    /// The session's id.
    #[specta(type = specta_typescript::Number)]
    pub session_id: i64,
    /// Its day, ISO date.
    pub date: String,
    /// Its length in minutes.
    #[specta(type = specta_typescript::Number)]
    pub minutes: i64,
    /// The scale before, 0 to 10.
    pub scale_before: Option<i32>,
    /// The scale after, 0 to 10.
    pub scale_after: Option<i32>,
}

/// Everything the client view shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ClientOverview {
    /// The client.
    pub client: Client,
    /// The intake, if recorded.
    pub intake: Option<Intake>,
    /// An intake is recorded: sessions can be saved (with a clearance if flagged).
    pub screened: bool,
    /// The intake flags a contraindication, or its screen is incomplete: treatment sessions need
    /// a clearance dated on or before them.
    pub flagged: bool,
    /// No intake yet, or its screen is incomplete (see [`ClientSummary::incomplete`]).
    pub incomplete: bool,
    /// The contraindications answered yes or unknown: why the client is flagged.
    pub contraindications: Vec<FlaggedItem>,
    /// The cautions answered yes or unknown: shown, never blocking.
    pub cautions: Vec<FlaggedItem>,
    /// The latest clearance, if any.
    pub clearance: Option<Clearance>,
    /// Every clearance, oldest first.
    pub clearances: Vec<Clearance>,
    /// What the flag means now, in a sentence; empty when there is nothing to say.
    pub notice: String,
    /// The sessions, oldest first.
    pub sessions: Vec<Session>,
    /// The scale over time, one point per session, oldest first.
    pub timeline: Vec<TimelinePoint>,
}

const CLIENT_COLUMNS: &str = "id, code, private_name, private_contact, birth_year, gender, \
                              consent_treatment_on, consent_portfolio_on";

fn client_from_row(row: &Row<'_>) -> rusqlite::Result<Client> {
    let portfolio: Option<String> = row.get(7)?;
    Ok(Client {
        id: row.get(0)?,
        portfolio_consent: portfolio.is_some(),
        draft: ClientDraft {
            code: row.get(1)?,
            private_name: row.get(2)?,
            private_contact: row.get(3)?,
            birth_year: row.get(4)?,
            gender: row.get(5)?,
            consent_treatment_on: row.get(6)?,
            consent_portfolio_on: portfolio.unwrap_or_default(),
        },
    })
}

pub(super) fn get_client(conn: &Connection, id: i64) -> Result<Client> {
    conn.prepare_cached(&format!(
        "SELECT {CLIENT_COLUMNS} FROM clients WHERE id = ?1"
    ))?
    .query_row([id], client_from_row)
    .optional()?
    .ok_or_else(|| Error::NotFound("That client".into()))
}

pub(super) fn all_clients(conn: &Connection) -> Result<Vec<Client>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CLIENT_COLUMNS} FROM clients ORDER BY code COLLATE NOCASE, id"
    ))?;
    let rows = stmt
        .query_map([], client_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(super) fn put_client(conn: &Connection, id: Option<i64>, c: &ClientDraft) -> Result<Client> {
    let taken: Option<i64> = conn
        .query_row(
            "SELECT id FROM clients WHERE casefold(code) = casefold(?1) AND id IS NOT ?2",
            params![c.code, id],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(Error::invalid(
            "code",
            format!(
                "Another client already has the code {}; choose another.",
                c.code
            ),
        ));
    }
    let portfolio = (!c.consent_portfolio_on.is_empty()).then_some(&c.consent_portfolio_on);
    let values = params![
        c.code,
        c.private_name,
        c.private_contact,
        c.birth_year,
        c.gender,
        c.consent_treatment_on,
        portfolio,
    ];
    let id = match id {
        None => {
            conn.execute(
                "INSERT INTO clients (code, private_name, private_contact, birth_year, gender,
                                      consent_treatment_on, consent_portfolio_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                values,
            )?;
            conn.last_insert_rowid()
        }
        Some(id) => {
            let earliest: Option<String> = conn.query_row(
                "SELECT MIN(date) FROM sessions WHERE client_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            if let Some(earliest) = earliest.filter(|e| *e < c.consent_treatment_on) {
                return Err(Error::invalid(
                    "consent_treatment_on",
                    format!(
                        "A session on {earliest} is before this date; consent to treatment comes \
                         before treatment."
                    ),
                ));
            }
            let changed = conn.execute(
                "UPDATE clients SET code = ?1, private_name = ?2, private_contact = ?3,
                        birth_year = ?4, gender = ?5, consent_treatment_on = ?6,
                        consent_portfolio_on = ?7
                 WHERE id = ?8",
                rusqlite::params_from_iter(
                    values.iter().copied().chain([&id as &dyn rusqlite::ToSql]),
                ),
            )?;
            if changed == 0 {
                return Err(Error::NotFound("That client".into()));
            }
            id
        }
    };
    get_client(conn, id)
}

fn answer_at(row: &Row<'_>, i: usize) -> rusqlite::Result<ScreenAnswer> {
    let key: String = row.get(i)?;
    ScreenAnswer::from_key(&key).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown answer {key:?}").into(),
        )
    })
}

pub(super) fn get_intake(conn: &Connection, client_id: i64) -> Result<Option<Intake>> {
    let row = conn
        .prepare_cached(
            "SELECT taken_on, screen, complaint, history, medications, answers_preset FROM intakes
             WHERE client_id = ?1",
        )?
        .query_row([client_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, bool>(5)?,
            ))
        })
        .optional()?;
    let Some((taken_on, screen_id, complaint, history, medications, preset)) = row else {
        return Ok(None);
    };
    let mut stmt =
        conn.prepare_cached("SELECT item, answer FROM screen_answers WHERE client_id = ?1")?;
    let given: Vec<ItemAnswer> = stmt
        .query_map([client_id], |r| {
            Ok(ItemAnswer {
                item: r.get(0)?,
                answer: answer_at(r, 1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let screen = screen(&screen_id)?;
    // In the screen's order; answers to items the screen no longer has are kept at the end.
    let mut answers: Vec<ItemAnswer> = screen
        .items()
        .iter()
        .filter_map(|item| given.iter().find(|a| a.item == item.key).cloned())
        .collect();
    answers.extend(
        given
            .iter()
            .filter(|a| screen.item(&a.item).is_none())
            .cloned(),
    );
    let result = if preset {
        // Saved by the old form, which preset every answer to "no": those are not answers the
        // form offers again. The therapist answers them, and saving clears the mark.
        answers.retain(|a| a.answer != ScreenAnswer::No);
        screen.assess_preset(&answers)
    } else {
        screen.assess(&answers)
    };
    Ok(Some(Intake {
        client_id,
        screen: screen_id,
        draft: IntakeDraft {
            taken_on,
            complaint,
            history,
            medications,
            answers,
        },
        result,
    }))
}

pub(super) fn put_intake(
    conn: &Connection,
    client_id: i64,
    screen_id: &str,
    i: &IntakeDraft,
) -> Result<()> {
    conn.execute(
        "INSERT INTO intakes (client_id, taken_on, screen, complaint, history, medications,
                              answers_preset)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)
         ON CONFLICT (client_id) DO UPDATE SET
           taken_on = excluded.taken_on, screen = excluded.screen, complaint = excluded.complaint,
           history = excluded.history, medications = excluded.medications, answers_preset = 0",
        params![
            client_id,
            i.taken_on,
            screen_id,
            i.complaint,
            i.history,
            i.medications
        ],
    )?;
    conn.execute(
        "DELETE FROM screen_answers WHERE client_id = ?1",
        [client_id],
    )?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO screen_answers (client_id, item, answer) VALUES (?1, ?2, ?3)",
    )?;
    for a in &i.answers {
        insert.execute(params![client_id, a.item, a.answer.key()])?;
    }
    Ok(())
}

fn clearances_of(conn: &Connection, client_id: i64) -> Result<Vec<Clearance>> {
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
    Ok(Clearance {
        id: r.get(0)?,
        draft: ClearanceDraft {
            client_id: r.get(1)?,
            cleared_on: r.get(2)?,
            cleared_by: r.get(3)?,
            note: r.get(4)?,
        },
    })
}

/// Stores a clearance that has already been validated.
pub(super) fn insert_clearance(conn: &Connection, draft: &ClearanceDraft) -> Result<Clearance> {
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

const SESSION_COLUMNS: &str = "id, client_id, date, minutes, subjective, objective, assessment, \
                               plan, techniques, techniques_other, scale_before, scale_after, outcome, \
                               kind";

fn session_from_row(list: &TechniqueList, row: &Row<'_>) -> rusqlite::Result<Session> {
    let keys: String = row.get(8)?;
    let keys: Vec<String> = serde_json::from_str(&keys).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(8, rusqlite::types::Type::Text, Box::new(e))
    })?;
    let kind: String = row.get(13)?;
    let kind = SessionKind::from_key(&kind).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            13,
            rusqlite::types::Type::Text,
            format!("unknown session kind {kind:?}").into(),
        )
    })?;
    let draft = SessionDraft {
        client_id: row.get(1)?,
        kind,
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
}

pub(super) fn sessions_of(conn: &Connection, client_id: i64) -> Result<Vec<Session>> {
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

/// How a flagged item reads in a sentence: "Skull fracture: yes", "Chiari malformation: not
/// answered".
fn item_answer(f: &FlaggedItem) -> String {
    if f.answered {
        format!("{}: {}", f.label, f.answer.key())
    } else {
        format!("{}: not answered", f.label)
    }
}

/// The refusal of a treatment session for a flagged client with no clearance dated on or
/// before it. What was typed stays in the form: a consultation (no treatment) can be saved.
fn clearance_needed(code: &str, result: &ScreenResult, date: NaiveDate) -> Error {
    let on = format_date(date);
    let consultation = "Or save it as a consultation, with no treatment given: allowed before a \
                        clearance, and nothing you typed is lost.";
    if result.needs_review {
        return Error::invalid(
            "clearance",
            format!(
                "{code}'s contraindication screen is incomplete: it was saved by an earlier \
                 Stillpoint whose form set every answer to No, so a No there may be an answer \
                 nobody gave. Review the screen in the intake and save it again, or record a \
                 medical clearance dated on or before {on}, to save this session as treatment. \
                 {consultation}"
            ),
        );
    }
    let items: Vec<String> = result.contraindications.iter().map(item_answer).collect();
    let incomplete = if result.incomplete {
        " The screen is incomplete: answer every question in the intake."
    } else {
        ""
    };
    Error::invalid(
        "clearance",
        format!(
            "{code} is flagged at intake ({}).{incomplete} Record a medical clearance (date, by \
             whom, note) dated on or before {on} to save this session as treatment. \
             {consultation}",
            items.join("; "),
        ),
    )
}

/// Checks a session against its client's screen and clearances, then stores it.
pub(super) fn put_session(
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
    let code = &client.draft.code;
    let intake = get_intake(conn, client.id)?.ok_or_else(|| {
        Error::invalid(
            "intake",
            format!(
                "{code}'s contraindication screen is incomplete: record the intake, answering \
                 every question yes, no or unknown, before their first session."
            ),
        )
    })?;
    if intake.result.flagged && s.kind == SessionKind::Treatment {
        let cleared = clearances_of(conn, client.id)?
            .iter()
            .any(|c| c.draft.cleared_on <= s.date);
        if !cleared {
            return Err(clearance_needed(code, &intake.result, date));
        }
    }
    let keys = serde_json::to_string(&s.techniques).map_err(std::io::Error::other)?;
    let values = params![
        s.client_id,
        s.kind.key(),
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
    let id = match id {
        None => {
            conn.execute(
                "INSERT INTO sessions (client_id, kind, date, minutes, subjective, objective,
                                       assessment, plan, techniques, techniques_other,
                                       scale_before, scale_after, outcome)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                values,
            )?;
            conn.last_insert_rowid()
        }
        Some(id) => {
            let changed = conn.execute(
                "UPDATE sessions SET client_id = ?1, kind = ?2, date = ?3, minutes = ?4,
                        subjective = ?5, objective = ?6, assessment = ?7, plan = ?8,
                        techniques = ?9, techniques_other = ?10, scale_before = ?11,
                        scale_after = ?12, outcome = ?13
                 WHERE id = ?14",
                rusqlite::params_from_iter(
                    values.iter().copied().chain([&id as &dyn rusqlite::ToSql]),
                ),
            )?;
            if changed == 0 {
                return Err(Error::NotFound("That session".into()));
            }
            id
        }
    };
    get_session(conn, id)
}

fn overview(conn: &Connection, id: i64) -> Result<ClientOverview> {
    let client = get_client(conn, id)?;
    let intake = get_intake(conn, id)?;
    let clearances = clearances_of(conn, id)?;
    let sessions = sessions_of(conn, id)?;
    let result = intake
        .as_ref()
        .map(|i| i.result.clone())
        .unwrap_or_default();
    let clearance = clearances.last().cloned();
    let code = &client.draft.code;
    let cleared_by = |c: &Clearance| {
        let on = NaiveDate::parse_from_str(&c.draft.cleared_on, "%Y-%m-%d")
            .map_or_else(|_| c.draft.cleared_on.clone(), format_date);
        format!("Cleared by {} on {on}.", c.draft.cleared_by)
    };
    let notice = match (&intake, result.flagged, &clearance) {
        (None, _, _) => format!(
            "{code}'s contraindication screen is incomplete: record the intake, answering every \
             question yes, no or unknown, before their first session."
        ),
        (Some(_), _, _) if result.needs_review => format!(
            "{code}'s contraindication screen needs review: it was saved by an earlier Stillpoint \
             whose form set every answer to No, so a No there may be an answer nobody gave. \
             Answer each question again (Review the screen) and save the intake. Until then {code} \
             counts as flagged. {}",
            clearance.as_ref().map_or_else(
                || "Without a medical clearance only consultations, with no treatment given, are \
                    saved."
                    .to_owned(),
                cleared_by
            )
        ),
        (Some(_), true, None) => {
            let items: Vec<&str> = result
                .contraindications
                .iter()
                .map(|f| f.label.as_str())
                .collect();
            format!(
                "Flagged at intake: {}. Record a medical clearance before sessions are saved as \
                 treatment; a consultation with no treatment given can be saved before.",
                items.join("; ")
            )
        }
        (Some(_), true, Some(c)) => {
            let items: Vec<&str> = result
                .contraindications
                .iter()
                .map(|f| f.label.as_str())
                .collect();
            format!("Flagged at intake: {}. {}", items.join("; "), cleared_by(c))
        }
        (Some(_), false, _) => String::new(),
    };
    let timeline = sessions
        .iter()
        .map(|s| TimelinePoint {
            session_id: s.id,
            date: s.draft.date.clone(),
            minutes: s.draft.minutes,
            scale_before: s.draft.scale_before,
            scale_after: s.draft.scale_after,
        })
        .collect();
    Ok(ClientOverview {
        screened: intake.is_some(),
        flagged: result.flagged,
        incomplete: intake.is_none() || result.incomplete,
        contraindications: result.contraindications,
        cautions: result.cautions,
        intake,
        clearance,
        clearances,
        notice,
        sessions,
        timeline,
        client,
    })
}

fn summaries(conn: &Connection) -> Result<Vec<ClientSummary>> {
    let mut counts: HashMap<i64, (i64, Option<String>, i64, bool)> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT c.id,
                (SELECT COUNT(*) FROM sessions s WHERE s.client_id = c.id),
                (SELECT MAX(date) FROM sessions s WHERE s.client_id = c.id),
                (SELECT COUNT(*) FROM case_studies k WHERE k.client_id = c.id),
                EXISTS (SELECT 1 FROM clearances l WHERE l.client_id = c.id)
         FROM clients c",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        counts.insert(r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?));
    }
    all_clients(conn)?
        .into_iter()
        .map(|client| {
            let intake = get_intake(conn, client.id)?;
            let (session_count, last_session_on, case_study_count, cleared) =
                counts.remove(&client.id).unwrap_or_default();
            Ok(ClientSummary {
                screened: intake.is_some(),
                incomplete: intake.as_ref().is_none_or(|i| i.result.incomplete),
                flagged: intake.is_some_and(|i| i.result.flagged),
                cleared,
                session_count,
                last_session_on,
                case_study_count,
                client,
            })
        })
        .collect()
}

/// Whether `client` is the one `query` looks for: the query, folded (case, accents and
/// punctuation set aside, in any script), is found in their code, private name or contact; a
/// query of digits is also found among the digits of the contact ("8912345" finds
/// "+354 891 2345").
fn matches(client: &Client, query: &str) -> bool {
    let d = &client.draft;
    let wanted = folded(query);
    if [&d.code, &d.private_name, &d.private_contact]
        .iter()
        .any(|field| folded(field).contains(&wanted))
    {
        return true;
    }
    let digits = |t: &str| t.chars().filter(char::is_ascii_digit).collect::<String>();
    let number = digits(query);
    !number.is_empty()
        && !query.chars().any(char::is_alphabetic)
        && digits(&d.private_contact).contains(&number)
}

impl super::Store {
    /// Every client, by code, with where their treatment stands.
    pub fn clients(&self) -> Result<Vec<ClientSummary>> {
        summaries(&self.conn)
    }

    /// The clients `query` finds by code, private name or contact (see [`matches`]), by code;
    /// every client for an empty query. A search on this computer only: nothing is printed.
    pub fn find_clients(&self, query: &str) -> Result<Vec<ClientSummary>> {
        let mut found = summaries(&self.conn)?;
        if !query.trim().is_empty() {
            found.retain(|s| matches(&s.client, query));
        }
        Ok(found)
    }

    /// One client.
    pub fn client(&self, id: i64) -> Result<Client> {
        get_client(&self.conn, id)
    }

    /// Validates and adds (`id` None) or changes a client. The code must be unique (ignoring
    /// case, in any script); consent to treatment may not move after a recorded session.
    pub fn save_client(
        &mut self,
        id: Option<i64>,
        draft: &ClientDraft,
        today: NaiveDate,
    ) -> Result<Client> {
        let draft = draft.validated(today)?;
        self.with_tx(|tx| put_client(tx, id, &draft))
    }

    /// Deletes a client with their intake, clearances and sessions. Refused while case studies
    /// about them exist: those are deleted first, on purpose.
    pub fn delete_client(&mut self, id: i64) -> Result<Client> {
        self.with_tx(|tx| {
            let client = get_client(tx, id)?;
            let written: i64 = tx.query_row(
                "SELECT COUNT(*) FROM case_studies WHERE client_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            if written > 0 {
                return Err(Error::Refused(format!(
                    "{} has {written} case {}; delete {} first.",
                    client.draft.code,
                    if written == 1 { "study" } else { "studies" },
                    if written == 1 { "it" } else { "them" },
                )));
            }
            tx.execute("DELETE FROM clients WHERE id = ?1", [id])?;
            Ok(client)
        })
    }

    /// Everything the client view shows: the flag and why, the clearances, the sessions and the
    /// scale over time.
    pub fn client_overview(&self, id: i64) -> Result<ClientOverview> {
        overview(&self.conn, id)
    }

    /// Validates the intake against the current screen and saves it (replacing an earlier one).
    pub fn save_intake(
        &mut self,
        client_id: i64,
        draft: &IntakeDraft,
        today: NaiveDate,
    ) -> Result<Intake> {
        let screen = intake_screen()?;
        let draft = draft.validated(screen, today)?;
        self.with_tx(|tx| {
            get_client(tx, client_id)?;
            put_intake(tx, client_id, screen.id(), &draft)?;
            get_intake(tx, client_id)?.ok_or_else(|| Error::NotFound("That intake".into()))
        })
    }

    /// Records a medical clearance.
    pub fn add_clearance(&mut self, draft: &ClearanceDraft, today: NaiveDate) -> Result<Clearance> {
        let (draft, _) = draft.validated(today)?;
        self.with_tx(|tx| insert_clearance(tx, &draft))
    }

    /// Removes a clearance; sessions it covered show as uncleared if no other covers them.
    pub fn delete_clearance(&mut self, id: i64) -> Result<Clearance> {
        self.with_tx(|tx| {
            let clearance = get_clearance(tx, id)?;
            tx.execute("DELETE FROM clearances WHERE id = ?1", [id])?;
            Ok(clearance)
        })
    }

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
        self.with_tx(|tx| {
            let session = get_session(tx, id)?;
            tx.execute("DELETE FROM sessions WHERE id = ?1", [id])?;
            Ok(session)
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::clinical::{intake_screen, ItemAnswer, ScreenAnswer};
    use crate::error::Error;
    use crate::model::{ClearanceDraft, ClientDraft, IntakeDraft, SessionDraft, SessionKind};
    use crate::store::Store;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    fn client(code: &str) -> ClientDraft {
        ClientDraft {
            code: code.into(),
            private_name: "Ólafur Þórsson".into(),
            birth_year: Some(1981),
            consent_treatment_on: "2025-01-10".into(),
            ..ClientDraft::default()
        }
    }

    fn intake(head_injury: ScreenAnswer) -> IntakeDraft {
        IntakeDraft {
            taken_on: "2025-01-10".into(),
            complaint: "Headaches".into(),
            answers: intake_screen()
                .unwrap()
                .items()
                .iter()
                .map(|i| ItemAnswer {
                    item: i.key.clone(),
                    answer: if i.key == "head_injury" {
                        head_injury
                    } else {
                        ScreenAnswer::No
                    },
                })
                .collect(),
            ..IntakeDraft::default()
        }
    }

    fn session(client_id: i64, date: &str) -> SessionDraft {
        SessionDraft {
            client_id,
            date: date.into(),
            minutes: 60,
            scale_before: Some(6),
            scale_after: Some(3),
            techniques: vec!["still_point".into()],
            ..SessionDraft::default()
        }
    }

    fn count(store: &Store) -> i64 {
        store
            .conn()
            .query_row("SELECT COUNT(*) FROM sessions", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn codes_are_unique_ignoring_case_in_any_script() {
        let mut store = Store::open_in_memory().unwrap();
        store.save_client(None, &client("К-001"), today()).unwrap();
        let again = store.save_client(None, &client("к-001"), today());
        assert!(
            matches!(again, Err(Error::Invalid { field: "code", .. })),
            "{again:?}"
        );
        assert_eq!(store.clients().unwrap().len(), 1);
    }

    #[test]
    fn clients_are_found_by_code_private_name_or_contact_in_any_case_and_accent() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .save_client(
                None,
                &ClientDraft {
                    private_contact: "olafur@example.is\n+354 891 2345".into(),
                    ..client("C-014")
                },
                today(),
            )
            .unwrap();
        store
            .save_client(
                None,
                &ClientDraft {
                    private_name: "Олена Коваль".into(),
                    ..client("K-2")
                },
                today(),
            )
            .unwrap();
        let codes = |q: &str| -> Vec<String> {
            store
                .find_clients(q)
                .unwrap()
                .into_iter()
                .map(|s| s.client.draft.code)
                .collect()
        };
        assert_eq!(codes("thorsson"), ["C-014"], "Þ folds to th, ó to o");
        assert_eq!(codes("ÓLAFUR"), ["C-014"]);
        assert_eq!(codes("c-014"), ["C-014"]);
        assert_eq!(codes("8912345"), ["C-014"], "a phone by its digits");
        assert_eq!(codes("example.is"), ["C-014"]);
        assert_eq!(codes("олена"), ["K-2"]);
        assert_eq!(
            codes("olafur koval"),
            Vec::<String>::new(),
            "the words as typed"
        );
        assert_eq!(codes("k-2"), ["K-2"], "not every code with a k and a 2");
        assert_eq!(codes("þórsson"), ["C-014"]);
        assert_eq!(codes("  ").len(), 2, "an empty search lists everyone");
    }

    #[test]
    fn a_session_needs_an_intake_first() {
        let mut store = Store::open_in_memory().unwrap();
        let c = store.save_client(None, &client("C-1"), today()).unwrap();
        let refused = store.save_session(None, &session(c.id, "2025-01-12"), today());
        assert!(
            matches!(
                refused,
                Err(Error::Invalid {
                    field: "intake",
                    ..
                })
            ),
            "{refused:?}"
        );
        assert_eq!(count(&store), 0);
    }

    #[test]
    fn an_intake_with_a_question_unanswered_is_refused_and_the_client_counts_as_flagged() {
        let mut store = Store::open_in_memory().unwrap();
        let c = store.save_client(None, &client("C-1"), today()).unwrap();
        let summary = &store.clients().unwrap()[0];
        assert!(summary.incomplete, "no intake: the screen is incomplete");
        let mut partial = intake(ScreenAnswer::No);
        partial.answers.retain(|a| a.item != "skull_fracture");
        let refused = store.save_intake(c.id, &partial, today());
        assert!(
            matches!(
                refused,
                Err(Error::Invalid {
                    field: "screen.skull_fracture",
                    ..
                })
            ),
            "{refused:?}"
        );
        assert!(store.client_overview(c.id).unwrap().intake.is_none());
        match store.save_session(None, &session(c.id, "2025-01-12"), today()) {
            Err(Error::Invalid {
                field: "intake",
                message,
            }) => assert!(message.contains("screen is incomplete"), "{message}"),
            other => panic!("{other:?}"),
        }
        let overview = store.client_overview(c.id).unwrap();
        assert!(overview.incomplete);
        assert!(
            overview.notice.contains("screen is incomplete"),
            "{}",
            overview.notice
        );
    }

    /// An intake as the form of schema 7 and earlier saved it: every answer preset to "no".
    fn preset(store: &Store, client_id: i64) {
        store
            .conn()
            .execute(
                "UPDATE intakes SET answers_preset = 1 WHERE client_id = ?1",
                [client_id],
            )
            .unwrap();
    }

    #[test]
    fn an_intake_saved_with_preset_answers_needs_review_before_treatment() {
        let mut store = Store::open_in_memory().unwrap();
        let c = store.save_client(None, &client("C-1"), today()).unwrap();
        store
            .save_intake(c.id, &intake(ScreenAnswer::No), today())
            .unwrap();
        preset(&store, c.id);
        let overview = store.client_overview(c.id).unwrap();
        assert!(overview.flagged && overview.incomplete);
        let intake_now = overview.intake.unwrap();
        assert!(intake_now.result.needs_review);
        assert!(
            intake_now.draft.answers.is_empty(),
            "the form offers no preset answer again"
        );
        assert!(
            overview.notice.contains("needs review"),
            "{}",
            overview.notice
        );
        let summary = &store.clients().unwrap()[0];
        assert!(summary.flagged && summary.incomplete);
        match store.save_session(None, &session(c.id, "2025-01-12"), today()) {
            Err(Error::Invalid {
                field: "clearance",
                message,
            }) => {
                assert!(message.contains("Review the screen"), "{message}");
                assert!(message.contains("consultation"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(count(&store), 0);

        // Reviewed and saved again: the mark is gone, all "no" now means no.
        store
            .save_intake(c.id, &intake(ScreenAnswer::No), today())
            .unwrap();
        let overview = store.client_overview(c.id).unwrap();
        assert!(!overview.flagged && !overview.incomplete);
        assert_eq!(overview.notice, "");
        store
            .save_session(None, &session(c.id, "2025-01-12"), today())
            .unwrap();
    }

    #[test]
    fn a_clearance_recorded_before_still_clears_a_preset_intake() {
        let mut store = Store::open_in_memory().unwrap();
        let c = store.save_client(None, &client("C-1"), today()).unwrap();
        store
            .save_intake(c.id, &intake(ScreenAnswer::Yes), today())
            .unwrap();
        store
            .add_clearance(
                &ClearanceDraft {
                    client_id: c.id,
                    cleared_on: "2025-01-11".into(),
                    cleared_by: "Dr Anna Berg, GP".into(),
                    note: String::new(),
                },
                today(),
            )
            .unwrap();
        preset(&store, c.id);
        let overview = store.client_overview(c.id).unwrap();
        assert!(
            overview.notice.contains("Cleared by Dr Anna Berg"),
            "{}",
            overview.notice
        );
        assert_eq!(
            overview.contraindications[0].answer,
            ScreenAnswer::Yes,
            "a yes was chosen and stands"
        );
        store
            .save_session(None, &session(c.id, "2025-01-12"), today())
            .unwrap();
    }

    #[test]
    fn a_consultation_is_saved_before_the_clearance_and_keeps_every_note() {
        let mut store = Store::open_in_memory().unwrap();
        let c = store.save_client(None, &client("C-1"), today()).unwrap();
        store
            .save_intake(c.id, &intake(ScreenAnswer::Yes), today())
            .unwrap();
        let typed = SessionDraft {
            assessment: "Headaches since the fall; referred to the GP for clearance.".into(),
            ..session(c.id, "2025-01-12")
        };
        let refused = store.save_session(None, &typed, today());
        assert!(matches!(
            refused,
            Err(Error::Invalid {
                field: "clearance",
                ..
            })
        ));
        let with_techniques = SessionDraft {
            kind: SessionKind::Consultation,
            ..typed.clone()
        };
        assert!(matches!(
            store.save_session(None, &with_techniques, today()),
            Err(Error::Invalid {
                field: "techniques",
                ..
            })
        ));
        let consultation = SessionDraft {
            kind: SessionKind::Consultation,
            techniques: Vec::new(),
            ..typed.clone()
        };
        let saved = store.save_session(None, &consultation, today()).unwrap();
        assert_eq!(saved.draft.kind, SessionKind::Consultation);
        assert_eq!(saved.draft.assessment, typed.assessment);
        assert!(!saved.uncleared, "a consultation needs no clearance");
        // Turning it into a treatment is the clearance rule again.
        let treated = SessionDraft {
            kind: SessionKind::Treatment,
            ..saved.draft.clone()
        };
        assert!(matches!(
            store.save_session(Some(saved.id), &treated, today()),
            Err(Error::Invalid {
                field: "clearance",
                ..
            })
        ));
        assert_eq!(
            store.client_overview(c.id).unwrap().sessions[0].draft.kind,
            SessionKind::Consultation
        );
    }

    #[test]
    fn a_flagged_client_needs_a_clearance_dated_on_or_before_the_session() {
        let mut store = Store::open_in_memory().unwrap();
        let c = store.save_client(None, &client("C-1"), today()).unwrap();
        store
            .save_intake(c.id, &intake(ScreenAnswer::Unknown), today())
            .unwrap();
        let overview = store.client_overview(c.id).unwrap();
        assert!(overview.flagged);
        assert_eq!(overview.contraindications[0].item, "head_injury");
        assert!(
            overview
                .notice
                .starts_with("Flagged at intake: Recent head injury"),
            "{}",
            overview.notice
        );

        match store.save_session(None, &session(c.id, "2025-01-12"), today()) {
            Err(Error::Invalid {
                field: "clearance",
                message,
            }) => {
                assert!(
                    message.contains("Recent head injury or concussion: unknown"),
                    "{message}"
                );
                assert!(
                    message.contains("on or before 12 January 2025"),
                    "{message}"
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(count(&store), 0, "nothing saved");

        store
            .add_clearance(
                &ClearanceDraft {
                    client_id: c.id,
                    cleared_on: "2025-01-15".into(),
                    cleared_by: "Dr Anna Berg, GP".into(),
                    note: String::new(),
                },
                today(),
            )
            .unwrap();
        let early = store.save_session(None, &session(c.id, "2025-01-14"), today());
        assert!(
            matches!(
                early,
                Err(Error::Invalid {
                    field: "clearance",
                    ..
                })
            ),
            "a later clearance does not cover it"
        );
        let saved = store
            .save_session(None, &session(c.id, "2025-01-15"), today())
            .unwrap();
        assert!(!saved.uncleared);
        assert_eq!(saved.technique_labels, ["Still point induction"]);
        let overview = store.client_overview(c.id).unwrap();
        assert!(
            overview
                .notice
                .contains("Cleared by Dr Anna Berg, GP on 15 January 2025"),
            "{}",
            overview.notice
        );
        assert_eq!(overview.timeline.len(), 1);
        assert_eq!(
            (
                overview.timeline[0].scale_before,
                overview.timeline[0].scale_after
            ),
            (Some(6), Some(3))
        );
    }

    #[test]
    fn an_edited_session_keeps_the_clearance_rule_and_a_deleted_one_is_gone() {
        let mut store = Store::open_in_memory().unwrap();
        let c = store.save_client(None, &client("C-1"), today()).unwrap();
        store
            .save_intake(c.id, &intake(ScreenAnswer::Yes), today())
            .unwrap();
        store
            .add_clearance(
                &ClearanceDraft {
                    client_id: c.id,
                    cleared_on: "2025-01-15".into(),
                    cleared_by: "Dr Anna Berg, GP".into(),
                    note: String::new(),
                },
                today(),
            )
            .unwrap();
        let saved = store
            .save_session(None, &session(c.id, "2025-01-20"), today())
            .unwrap();

        let changed = SessionDraft {
            minutes: 45,
            assessment: "Less tension at the occiput.".into(),
            ..session(c.id, "2025-01-21")
        };
        let edited = store
            .save_session(Some(saved.id), &changed, today())
            .unwrap();
        assert_eq!(edited.id, saved.id);
        assert_eq!(
            (edited.draft.date.as_str(), edited.draft.minutes),
            ("2025-01-21", 45)
        );
        assert_eq!(count(&store), 1, "changed, not added");

        let before_clearance =
            store.save_session(Some(saved.id), &session(c.id, "2025-01-14"), today());
        assert!(
            matches!(
                before_clearance,
                Err(Error::Invalid {
                    field: "clearance",
                    ..
                })
            ),
            "{before_clearance:?}"
        );
        assert_eq!(
            store.client_overview(c.id).unwrap().sessions,
            std::slice::from_ref(&edited),
            "the refused edit changed nothing"
        );
        let missing = store.save_session(Some(saved.id + 1), &changed, today());
        assert!(matches!(missing, Err(Error::NotFound(_))), "{missing:?}");
        assert_eq!(count(&store), 1);

        let other = store.save_client(None, &client("C-2"), today()).unwrap();
        store
            .save_intake(other.id, &intake(ScreenAnswer::No), today())
            .unwrap();
        let moved = store.save_session(Some(saved.id), &session(other.id, "2025-01-21"), today());
        assert!(
            matches!(
                moved,
                Err(Error::Invalid {
                    field: "client_id",
                    ..
                })
            ),
            "{moved:?}"
        );
        assert_eq!(
            store.client_overview(c.id).unwrap().sessions,
            std::slice::from_ref(&edited),
            "a session stays with its client"
        );

        assert_eq!(store.delete_session(saved.id).unwrap(), edited);
        assert_eq!(count(&store), 0);
        assert!(matches!(
            store.delete_session(saved.id),
            Err(Error::NotFound(_))
        ));
    }

    #[test]
    fn a_caution_is_shown_but_does_not_block() {
        let mut store = Store::open_in_memory().unwrap();
        let c = store.save_client(None, &client("C-1"), today()).unwrap();
        let mut answers = intake(ScreenAnswer::No);
        for a in &mut answers.answers {
            if a.item == "clotting_disorder" {
                a.answer = ScreenAnswer::Yes;
            }
        }
        store.save_intake(c.id, &answers, today()).unwrap();
        store
            .save_session(None, &session(c.id, "2025-01-12"), today())
            .unwrap();
        let overview = store.client_overview(c.id).unwrap();
        assert!(!overview.flagged);
        assert_eq!(overview.cautions[0].label, "Clotting disorder");
        assert_eq!(overview.notice, "");
    }

    #[test]
    fn sessions_saved_before_a_flag_show_as_uncleared() {
        let mut store = Store::open_in_memory().unwrap();
        let c = store.save_client(None, &client("C-1"), today()).unwrap();
        store
            .save_intake(c.id, &intake(ScreenAnswer::No), today())
            .unwrap();
        store
            .save_session(None, &session(c.id, "2025-01-12"), today())
            .unwrap();
        store
            .save_intake(c.id, &intake(ScreenAnswer::Yes), today())
            .unwrap();
        let overview = store.client_overview(c.id).unwrap();
        assert!(overview.sessions[0].uncleared);
        assert!(store.clients().unwrap()[0].flagged);
    }

    #[test]
    fn a_client_with_case_studies_is_not_deleted_but_one_without_goes_with_their_notes() {
        let mut store = Store::open_in_memory().unwrap();
        let c = store.save_client(None, &client("C-1"), today()).unwrap();
        store
            .save_intake(c.id, &intake(ScreenAnswer::No), today())
            .unwrap();
        store
            .save_session(None, &session(c.id, "2025-01-12"), today())
            .unwrap();
        store
            .conn()
            .execute(
                "INSERT INTO case_studies (client_id, title, last_treatment_on, client_age, treatment_count, updated_at)
                 VALUES (?1, 'T', '2025-01-12', 44, 1, 'now')",
                [c.id],
            )
            .unwrap();
        assert!(matches!(store.delete_client(c.id), Err(Error::Refused(_))));
        store
            .conn()
            .execute("DELETE FROM case_studies", [])
            .unwrap();
        store.delete_client(c.id).unwrap();
        assert_eq!(count(&store), 0);
        let answers: i64 = store
            .conn()
            .query_row("SELECT COUNT(*) FROM screen_answers", [], |r| r.get(0))
            .unwrap();
        assert_eq!(answers, 0);
    }

    #[test]
    fn consent_to_treatment_cannot_move_after_a_session() {
        let mut store = Store::open_in_memory().unwrap();
        let c = store.save_client(None, &client("C-1"), today()).unwrap();
        store
            .save_intake(c.id, &intake(ScreenAnswer::No), today())
            .unwrap();
        store
            .save_session(None, &session(c.id, "2025-01-12"), today())
            .unwrap();
        let later = ClientDraft {
            consent_treatment_on: "2025-02-01".into(),
            ..client("C-1")
        };
        let refused = store.save_client(Some(c.id), &later, today());
        assert!(matches!(
            refused,
            Err(Error::Invalid {
                field: "consent_treatment_on",
                ..
            })
        ));
    }

    #[test]
    fn the_case_note_types_export_to_typescript_without_bigints() {
        use crate::model::*;
        let types = specta::Types::default()
            .register::<ClientDraft>()
            .register::<super::ClientSummary>()
            .register::<super::ClientOverview>()
            .register::<IntakeDraft>()
            .register::<ClearanceDraft>()
            .register::<SessionDraft>()
            .register::<CaseStudyDraft>()
            .register::<CaseStudy>()
            .register::<CourseDraft>()
            .register::<Course>()
            .register::<ExamDraft>()
            .register::<Exam>()
            .register::<PresentationDraft>()
            .register::<Presentation>()
            .register::<crate::certification::PathReadiness>()
            .register::<crate::portfolio::ExportHit>();
        let ts = specta_typescript::Typescript::default()
            .export(&types, crate::rules::bindings::AsDerived)
            .unwrap();
        for name in [
            "ClientOverview",
            "TimelinePoint",
            "CaseStudy",
            "Hit",
            "PathReadiness",
        ] {
            assert!(ts.contains(&format!("export type {name} ")), "{name}");
        }
        assert!(!ts.contains("bigint"), "{ts}");
    }
}
