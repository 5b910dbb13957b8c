//! The client list and the client view: what the window shows about a client and their
//! treatment, with the sentences it says.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::clinical::{folded, intake_missing, FlaggedItem};
use crate::error::Result;
use crate::model::{Clearance, Client, Intake, Session};
use crate::rules::format_iso_date;
use crate::store::{all_clients, clearances_of, get_client, get_intake, sessions_of, Store};

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
        let on = format_iso_date(&c.draft.cleared_on);
        format!("Cleared by {} on {on}.", c.draft.cleared_by)
    };
    let notice = match (&intake, result.flagged, &clearance) {
        (None, _, _) => intake_missing(code),
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

impl Store {
    /// Every client, by code, with where their treatment stands.
    pub fn clients(&self) -> Result<Vec<ClientSummary>> {
        summaries(self.conn())
    }

    /// The clients `query` finds by code, private name or contact (see [`matches`]), by code;
    /// every client for an empty query. A search on this computer only: nothing is printed.
    pub fn find_clients(&self, query: &str) -> Result<Vec<ClientSummary>> {
        let mut found = summaries(self.conn())?;
        if !query.trim().is_empty() {
            found.retain(|s| matches(&s.client, query));
        }
        Ok(found)
    }

    /// Everything the client view shows: the flag and why, the clearances, the sessions and the
    /// scale over time.
    pub fn client_overview(&self, id: i64) -> Result<ClientOverview> {
        overview(self.conn(), id)
    }
}
