//! `stillpoint calendar …`: the program's calendar from the command line — import an iCalendar
//! file, list the events as JSON, log one attended, export them all.

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;
use serde_json::json;
use stillpoint_core::error::{Error, Result};
use stillpoint_core::files::write_whole;
use stillpoint_core::model::EventStart;
use stillpoint_core::store::StoredEvent;
use stillpoint_core::Store;

use super::print::plural;

/// `stillpoint calendar …`
#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Import the events of an iCalendar file (.ics, as Google Calendar, Outlook, Thunderbird,
    /// Apple Calendar and Zoom write them): every event or none. Importing a file again adds
    /// nothing; an event the file gives a higher SEQUENCE is updated.
    Import {
        /// The .ics file.
        #[arg(value_name = "FILE.ics")]
        file: PathBuf,
    },
    /// List the events, ordered by start.
    List {
        /// Print one JSON array: {"id", "uid", "title", "starts_at" (UTC), "all_day",
        /// "duration_minutes", "time_zone", "presenter", "status"} per event.
        #[arg(long, required = true)]
        json: bool,
    },
    /// Log event ID, attended, as a category B entry (virtual, its duration, its date in its
    /// own time zone), linked to it. Refuses an event logged already and one not yet started.
    Attend {
        /// The event's id (see `calendar list --json`).
        #[arg(value_name = "ID")]
        id: i64,
        /// The category B activity it counts as (default: the event's, large_group).
        #[arg(long, value_name = "KEY")]
        activity: Option<String>,
    },
    /// Export every event to an iCalendar file that calendar apps open.
    Export {
        /// The .ics file to write; an existing file is replaced.
        #[arg(value_name = "FILE.ics")]
        file: PathBuf,
    },
}

pub(super) fn run(
    store: &mut Store,
    command: CalendarCommand,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32> {
    match command {
        CalendarCommand::Import { file } => {
            match store.import_ics_file(&file, crate::folders::local_zone()) {
                Ok(done) => {
                    writeln!(
                        out,
                        "Imported {}: {} added, {} updated, {} unchanged.",
                        file.display(),
                        plural(count(done.added), "event", "events"),
                        done.updated,
                        done.unchanged
                    )?;
                    for note in &done.notes {
                        writeln!(out, "line {}: {}", note.line, note.message)?;
                    }
                }
                Err(Error::Invalid {
                    field: "file",
                    message,
                }) => {
                    writeln!(err, "error: {message}")?;
                    return Ok(1);
                }
                Err(other) => return Err(other),
            }
        }
        CalendarCommand::List { json: _ } => {
            let list: Vec<serde_json::Value> = store.events()?.iter().map(event_json).collect();
            writeln!(
                out,
                "{}",
                serde_json::to_string(&list).map_err(std::io::Error::other)?
            )?;
        }
        CalendarCommand::Attend { id, activity } => {
            let entry = store.attend_event(
                id,
                activity.as_deref(),
                chrono::Utc::now(),
                stillpoint_core::today(),
            )?;
            let title = store.event(id)?.event.title;
            writeln!(
                out,
                "Logged \"{title}\" as entry {}: {} of {}, virtual, on {}.",
                entry.id,
                stillpoint_core::rules::format_minutes(entry.counted_minutes),
                entry.draft.activity,
                entry.draft.date
            )?;
        }
        CalendarCommand::Export { file } => {
            let events = store.events()?.len();
            write_whole(&file, store.export_ics(chrono::Utc::now())?.as_bytes())?;
            writeln!(
                out,
                "Exported {} to {}.",
                plural(events, "event", "events"),
                file.display()
            )?;
        }
    }
    Ok(0)
}

fn count(n: u32) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// One event as `calendar list --json` prints it (a contract: see the README). An all-day
/// event starts at its date's midnight, UTC; an event the therapist has not marked has the
/// status "none".
fn event_json(stored: &StoredEvent) -> serde_json::Value {
    let e = &stored.event;
    let (starts_at, all_day, time_zone) = match &e.start {
        EventStart::Timed { at, time_zone } => (
            at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            false,
            time_zone.clone(),
        ),
        EventStart::AllDay { date } => {
            (format!("{}T00:00:00Z", date.format("%Y-%m-%d")), true, None)
        }
    };
    json!({
        "id": stored.id,
        "uid": e.uid,
        "title": e.title,
        "starts_at": starts_at,
        "all_day": all_day,
        "duration_minutes": e.duration_minutes,
        "time_zone": time_zone,
        "presenter": (!e.presenter.is_empty()).then_some(&e.presenter),
        "status": e.status.map_or("none", |s| s.key()),
    })
}
