//! The calendar's events: one row each, found again by their UID, imported from and written to
//! iCalendar files (`crate::calendar` reads and writes them), and attended — logged as one
//! category B entry, at most once.

use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::columns::read_row;
use crate::calendar::{self, IcsContext, IcsProblem};
use crate::error::{Error, Result};
use crate::model::{iso, Entry, EntryDraft, Event, EventStart, EventStatus, Fee};
use crate::rules::{Category, Format};

pub use reminders::{Reminder, DEFAULT_REMINDER_MINUTES};

/// An event as the calendar keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct StoredEvent {
    /// Its row.
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    /// The event.
    pub event: Event,
    /// The entry it was logged as, once attended.
    #[specta(type = Option<specta_typescript::Number>)]
    pub entry_id: Option<i64>,
}

/// What importing a calendar file did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct CalendarImport {
    /// Events new to the calendar.
    pub added: u32,
    /// Events the file gave a higher revision (`SEQUENCE`) of.
    pub updated: u32,
    /// Events already there as the file has them.
    pub unchanged: u32,
    /// What was left out and why (a cancelled event, a series cut at 500), each at its line.
    pub notes: Vec<IcsProblem>,
}

/// How an instant is stored: UTC, seconds, `Z`.
const INSTANT: &str = "%Y-%m-%dT%H:%M:%SZ";

const COLUMNS: &str = "id, uid, sequence, title, presenter, presenter_credentials, starts_at, \
    all_day, time_zone, duration_minutes, live, recording, cost_live, cost_live_currency, \
    cost_recording, cost_recording_currency, prerequisite, registration_notes, link, activity, \
    status, entry_id";

fn fee(hundredths: Option<i64>, currency: Option<String>) -> Option<Fee> {
    Some(Fee::new(hundredths?, &currency?))
}

fn bad(column: usize, why: impl Into<String>) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        why.into().into(),
    )
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<StoredEvent> {
    read_row("events", row, 0, |row| {
        let starts_at: String = row.get(6)?;
        let at = NaiveDateTime::parse_from_str(&starts_at, INSTANT)
            .map_err(|_| bad(6, format!("{starts_at} is not an instant")))?
            .and_utc();
        let start = if row.get::<_, bool>(7)? {
            EventStart::AllDay {
                date: at.date_naive(),
            }
        } else {
            EventStart::Timed {
                at,
                time_zone: row.get(8)?,
            }
        };
        let status: Option<String> = row.get(20)?;
        let status = match status {
            None => None,
            Some(key) => Some(
                EventStatus::from_key(&key)
                    .ok_or_else(|| bad(20, format!("{key} is not a status")))?,
            ),
        };
        Ok(StoredEvent {
            id: row.get(0)?,
            event: Event {
                uid: row.get(1)?,
                sequence: row.get(2)?,
                title: row.get(3)?,
                presenter: row.get(4)?,
                presenter_credentials: row.get(5)?,
                start,
                duration_minutes: row.get(9)?,
                live: row.get(10)?,
                recording: row.get(11)?,
                cost_live: fee(row.get(12)?, row.get(13)?),
                cost_recording: fee(row.get(14)?, row.get(15)?),
                prerequisite: row.get(16)?,
                registration_notes: row.get(17)?,
                link: row.get(18)?,
                activity: row.get(19)?,
                status,
            },
            entry_id: row.get(21)?,
        })
    })
}

/// The stored form of an event's start: the instant, whether it is all day, its zone.
fn start_columns(start: &EventStart) -> (String, bool, Option<&str>) {
    match start {
        EventStart::Timed { at, time_zone } => {
            (at.format(INSTANT).to_string(), false, time_zone.as_deref())
        }
        EventStart::AllDay { date } => (format!("{}T00:00:00Z", iso(*date)), true, None),
    }
}

/// Inserts a new event, or (`id` given) replaces what a file says of one, keeping where the
/// therapist stands with it and the entry it was logged as.
fn write(conn: &Connection, id: Option<i64>, e: &Event) -> Result<()> {
    let (starts_at, all_day, time_zone) = start_columns(&e.start);
    let (live_amount, live_currency) = e.cost_live.as_ref().map_or((None, None), |f| {
        (Some(f.hundredths), Some(f.currency.as_str()))
    });
    let (rec_amount, rec_currency) = e.cost_recording.as_ref().map_or((None, None), |f| {
        (Some(f.hundredths), Some(f.currency.as_str()))
    });
    let values = params![
        e.uid,
        e.sequence,
        e.title,
        e.presenter,
        e.presenter_credentials,
        starts_at,
        all_day,
        time_zone,
        e.duration_minutes,
        e.live,
        e.recording,
        live_amount,
        live_currency,
        rec_amount,
        rec_currency,
        e.prerequisite,
        e.registration_notes,
        e.link,
        e.activity,
        e.status.map(EventStatus::key),
    ];
    match id {
        None => conn.execute(
            "INSERT INTO events (uid, sequence, title, presenter, presenter_credentials, starts_at,
                 all_day, time_zone, duration_minutes, live, recording, cost_live,
                 cost_live_currency, cost_recording, cost_recording_currency, prerequisite,
                 registration_notes, link, activity, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20)",
            values,
        )?,
        Some(id) => conn.execute(
            "UPDATE events SET uid = ?1, sequence = ?2, title = ?3, presenter = ?4,
                 presenter_credentials = ?5, starts_at = ?6, all_day = ?7, time_zone = ?8,
                 duration_minutes = ?9, live = ?10, recording = ?11, cost_live = ?12,
                 cost_live_currency = ?13, cost_recording = ?14, cost_recording_currency = ?15,
                 prerequisite = ?16, registration_notes = ?17, link = ?18, activity = ?19,
                 status = COALESCE(status, ?20)
             WHERE id = ?21",
            rusqlite::params_from_iter(
                values
                    .iter()
                    .copied()
                    .chain(std::iter::once(&id as &dyn rusqlite::ToSql)),
            ),
        )?,
    };
    Ok(())
}

fn all(conn: &Connection) -> Result<Vec<StoredEvent>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM events ORDER BY starts_at, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The events `name` presents (the same name, in any case or accents), by start.
pub(crate) fn presented_by(conn: &Connection, name: &str) -> Result<Vec<StoredEvent>> {
    let name = crate::clinical::folded(name);
    Ok(all(conn)?
        .into_iter()
        .filter(|s| {
            !s.event.presenter.is_empty() && crate::clinical::folded(&s.event.presenter) == name
        })
        .collect())
}

fn get(conn: &Connection, id: i64) -> Result<StoredEvent> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM events WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("Event {id}")))
}

/// "2 h 30 min" as the entry form takes it: `2:30`.
fn hours(minutes: u32) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

impl super::Store {
    /// Imports a calendar file's events: every event or none (a file with any invalid event is
    /// refused whole, naming its lines). An event already here is updated only by a higher
    /// revision, keeping where the therapist stands with it, so importing a file twice adds
    /// nothing. A time without a zone is read in `floating_zone` (the computer's). One
    /// transaction.
    pub fn import_ics(
        &mut self,
        bytes: &[u8],
        floating_zone: chrono_tz::Tz,
    ) -> Result<CalendarImport> {
        let context = IcsContext {
            rules: crate::rules::default_rule_set()?,
            certification: crate::certification::default_certification()?,
            floating_zone,
        };
        let read = calendar::read_ics(bytes, &context)?;
        self.with_tx(|tx| {
            let mut stmt = tx.prepare_cached("SELECT uid, sequence, id FROM events")?;
            let stored: Vec<(String, u32, i64)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let existing: Vec<(String, u32)> =
                stored.iter().map(|(u, s, _)| (u.clone(), *s)).collect();
            let plan = calendar::merge_plan(&existing, read.events);
            for event in &plan.added {
                write(tx, None, event)?;
            }
            for event in &plan.updated {
                let id = stored
                    .iter()
                    .find(|(uid, _, _)| *uid == event.uid)
                    .map(|(_, _, id)| *id);
                write(tx, id, event)?;
            }
            let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            Ok(CalendarImport {
                added: count(plan.added.len()),
                updated: count(plan.updated.len()),
                unchanged: count(plan.unchanged.len()),
                notes: read.notes,
            })
        })
    }

    /// [`Self::import_ics`] from a file; a file that cannot be read is refused with a sentence.
    pub fn import_ics_file(
        &mut self,
        path: &Path,
        floating_zone: chrono_tz::Tz,
    ) -> Result<CalendarImport> {
        let bytes = std::fs::read(path).map_err(|e| {
            Error::Refused(format!(
                "Stillpoint could not read {}: {e}.",
                path.display()
            ))
        })?;
        self.import_ics(&bytes, floating_zone)
    }

    /// Every event, by start.
    pub fn events(&self) -> Result<Vec<StoredEvent>> {
        all(&self.conn)
    }

    /// One event.
    pub fn event(&self, id: i64) -> Result<StoredEvent> {
        get(&self.conn, id)
    }

    /// Every event as one iCalendar file, which Google Calendar, Outlook, Thunderbird and Apple
    /// Calendar open; `now` is its timestamp.
    pub fn export_ics(&self, now: DateTime<Utc>) -> Result<String> {
        let events: Vec<Event> = all(&self.conn)?.into_iter().map(|s| s.event).collect();
        calendar::write_ics(&events, now)
    }

    /// Event `id` alone as an iCalendar file; `now` is its timestamp.
    pub fn export_event_ics(&self, id: i64, now: DateTime<Utc>) -> Result<String> {
        calendar::write_ics(&[get(&self.conn, id)?.event], now)
    }

    /// Logs an event the therapist attended as a category B entry — virtual, its duration, its
    /// date in its own time zone, its presenter as the provider ([`attend_draft`]) — linked to
    /// it, and marks it attended (live when it could be attended live, else the recording).
    /// `activity` is the rule set's B activity it counts as, else the event's. Refused, changing
    /// nothing: an event already logged, and one that has not started by `now`. One transaction.
    pub fn attend_event(
        &mut self,
        id: i64,
        activity: Option<&str>,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<Entry> {
        let stored = get(&self.conn, id)?;
        let mut draft = attend_draft(&stored.event);
        if let Some(activity) = activity {
            activity.clone_into(&mut draft.activity);
        }
        let how = if stored.event.live {
            Attended::Live
        } else {
            Attended::Recording
        };
        self.log_attended_event(id, &draft, how, now, today)
    }

    /// The entry form's values for attending event `id`: see [`attend_draft`]. Refused for an
    /// event already logged and one that has not started by `now`, as logging it would be.
    pub fn attend_event_draft(
        &self,
        id: i64,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<EntryDraft> {
        let stored = get(&self.conn, id)?;
        may_log(&stored, now, today)?;
        Ok(attend_draft(&stored.event))
    }

    /// Saves `draft` (the entry form's, from [`attend_draft`], perhaps edited) as the entry event
    /// `id` is logged as, and marks the event attended `how`. The entry is checked as every entry
    /// is, its activity must be of category B, and the event must be one that can be attended
    /// `how` (live, or its recording). Refused, changing nothing: an event already
    /// logged (an event is logged once), and one that has not started by `now`. One transaction.
    pub fn log_attended_event(
        &mut self,
        id: i64,
        draft: &EntryDraft,
        how: Attended,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<Entry> {
        let rules = crate::rules::default_rule_set()?;
        let stored = get(&self.conn, id)?;
        may_log(&stored, now, today)?;
        let offered = match how {
            Attended::Live => stored.event.live,
            Attended::Recording => stored.event.recording,
        };
        if !offered {
            return Err(Error::invalid(
                "how",
                format!(
                    "\"{}\" has no {}.",
                    stored.event.title,
                    match how {
                        Attended::Live => "live session: it is a recording",
                        Attended::Recording => "recording",
                    }
                ),
            ));
        }
        let activity = draft.activity.as_str();
        if rules.activity(activity).ok().map(|a| a.category) != Some(Category::B) {
            return Err(Error::invalid(
                "activity",
                format!("Choose a category B activity for an event, not \"{activity}\"."),
            ));
        }
        let entry = draft.validated(rules, today)?;
        let title = stored.event.title;
        self.with_tx(|tx| {
            let entry_id = super::entries::insert(tx, &entry)?;
            let linked = tx.execute(
                "UPDATE events SET entry_id = ?1, status = ?2 WHERE id = ?3 AND entry_id IS NULL",
                params![entry_id, how.status().key(), id],
            )?;
            if linked != 1 {
                return Err(logged_already(&title));
            }
            super::entries::get(tx, rules, entry_id)
        })
    }

    /// Says where the therapist stands with event `id`: interested, registered, missed, or
    /// nothing said (`None`). Attended is said by logging the event
    /// ([`Self::log_attended_event`]), so an attended status is refused here, and so is any
    /// change to an event logged already (deleting its entry returns it to registered). A future
    /// event cannot be missed. One transaction.
    pub fn set_event_status(
        &mut self,
        id: i64,
        status: Option<EventStatus>,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<StoredEvent> {
        self.with_tx(|tx| {
            let stored = get(tx, id)?;
            let title = &stored.event.title;
            if stored.entry_id.is_some() {
                return Err(Error::invalid(
                    "status",
                    format!(
                        "\"{title}\" is logged as an entry: delete that entry in Hours to change \
                         where you stand with it."
                    ),
                ));
            }
            match status {
                Some(EventStatus::AttendedLive | EventStatus::AttendedRecording) => {
                    return Err(Error::invalid(
                        "status",
                        format!(
                            "Mark \"{title}\" attended by logging it (Attend…): the entry is what \
                             counts."
                        ),
                    ));
                }
                Some(EventStatus::Missed) if !started(&stored.event, now, today) => {
                    return Err(Error::invalid(
                        "status",
                        format!("\"{title}\" has not happened yet: it cannot be missed."),
                    ));
                }
                _ => {}
            }
            tx.execute(
                "UPDATE events SET status = ?1 WHERE id = ?2",
                params![status.map(EventStatus::key), id],
            )?;
            get(tx, id)
        })
    }
}

/// How an event was attended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Attended {
    /// Live.
    Live,
    /// Its recording.
    Recording,
}

impl Attended {
    /// The status an event attended so has.
    pub fn status(self) -> EventStatus {
        match self {
            Attended::Live => EventStatus::AttendedLive,
            Attended::Recording => EventStatus::AttendedRecording,
        }
    }
}

/// The entry attending `event` logs, as the entry form shows it: its date in its own time zone,
/// its B activity, virtual, its duration, its presenter as the provider, its title as the note.
pub fn attend_draft(event: &Event) -> EntryDraft {
    EntryDraft {
        date: iso(event.start.date()),
        activity: event.activity.clone(),
        format: Some(Format::Virtual),
        hours: hours(event.duration_minutes),
        days: None,
        mentor_id: None,
        provider: event.presenter.clone(),
        provider_credentials: event.presenter_credentials.clone(),
        certified_mentor: false,
        endorsed: false,
        notes: event.title.clone(),
    }
}

/// The event has started by `now` (an all-day event: its day has come).
pub(crate) fn started(event: &Event, now: DateTime<Utc>, today: NaiveDate) -> bool {
    match &event.start {
        EventStart::Timed { at, .. } => *at <= now,
        EventStart::AllDay { date } => *date <= today,
    }
}

fn logged_already(title: &str) -> Error {
    Error::Refused(format!(
        "\"{title}\" is logged already: an event is logged once."
    ))
}

/// Whether `stored` may be logged as attended: not logged yet, and started.
fn may_log(stored: &StoredEvent, now: DateTime<Utc>, today: NaiveDate) -> Result<()> {
    let title = &stored.event.title;
    if stored.entry_id.is_some() {
        return Err(logged_already(title));
    }
    if !started(&stored.event, now, today) {
        return Err(Error::Refused(format!(
            "\"{title}\" has not happened yet: an event can be attended once it has started."
        )));
    }
    Ok(())
}

/// The demo's events, each with the entry it was logged as when attended. Called inside the
/// demo's one transaction.
pub(crate) fn write_demo_events(
    tx: &Connection,
    events: &[(Event, Option<crate::model::ValidEntry>)],
) -> Result<()> {
    for (event, entry) in events {
        write(tx, None, event)?;
        let id = tx.last_insert_rowid();
        if let Some(entry) = entry {
            let entry_id = super::entries::insert(tx, entry)?;
            tx.execute(
                "UPDATE events SET entry_id = ?1 WHERE id = ?2",
                params![entry_id, id],
            )?;
        }
    }
    Ok(())
}

/// The events starting in `[from, to)` (UTC instants), by start: the month grid's query.
pub(crate) fn between(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<StoredEvent>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM events WHERE starts_at >= ?1 AND starts_at < ?2 ORDER BY starts_at, id"
    ))?;
    let rows = stmt.query_map(
        params![
            from.format(INSTANT).to_string(),
            to.format(INSTANT).to_string()
        ],
        from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Up to `limit` events starting at or after `from`, soonest first, and how many there are.
pub(crate) fn upcoming(
    conn: &Connection,
    from: DateTime<Utc>,
    limit: u32,
) -> Result<(Vec<StoredEvent>, u32)> {
    let at = from.format(INSTANT).to_string();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM events WHERE starts_at >= ?1 ORDER BY starts_at, id LIMIT ?2"
    ))?;
    let rows = stmt
        .query_map(params![at, limit], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let count: u32 = conn.query_row(
        "SELECT count(*) FROM events WHERE starts_at >= ?1",
        [&at],
        |r| r.get(0),
    )?;
    Ok((rows, count))
}

/// Up to `limit` events starting before `before`, latest first, and how many there are.
pub(crate) fn past(
    conn: &Connection,
    before: DateTime<Utc>,
    limit: u32,
) -> Result<(Vec<StoredEvent>, u32)> {
    let at = before.format(INSTANT).to_string();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM events WHERE starts_at < ?1 ORDER BY starts_at DESC, id DESC LIMIT ?2"
    ))?;
    let rows = stmt
        .query_map(params![at, limit], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let count: u32 = conn.query_row(
        "SELECT count(*) FROM events WHERE starts_at < ?1",
        [&at],
        |r| r.get(0),
    )?;
    Ok((rows, count))
}

mod reminders;
#[cfg(test)]
mod tests;
