//! The calendar's iCalendar engine: calendar files (RFC 5545) read into events and written
//! from them, and what importing a file changes.
//!
//! The program publishes its virtual mentoring sessions as calendars, and therapists receive
//! them as invitations from Google Calendar, Outlook, Thunderbird, Apple Calendar and Zoom.
//! [`read_ics`] reads what those apps write — times in IANA, Windows or the file's own zones,
//! all-day events, `DURATION` for `DTEND`, recurring series with their exceptions and moved
//! occurrences — into one [`Event`] per occurrence, each checked as the form checks it; a file
//! with any problem is refused whole, each problem at its line. [`merge_plan`] says what
//! importing those events into a calendar that already holds some would do, so importing a
//! file twice adds nothing, and a file with a higher `SEQUENCE` updates. [`write_ics`] writes
//! events back as a file those apps open, and that reads back as the same events.
//!
//! All of it is pure: no store, no clock (the caller gives the time an export is stamped with,
//! and the zone of a floating time).
//!
//! [`Event`]: crate::model::Event

mod export;
mod import;
mod zones;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::model::Event;
pub use export::write_ics;
pub use import::{
    read_ics, IcsContext, IcsEvents, IcsProblem, IcsRefusal, MOST_EVENTS, MOST_ICS_BYTES,
};

/// The most occurrences a recurring series is read into.
pub const MOST_OCCURRENCES: usize = 500;

/// What importing events into a calendar would do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct MergePlan {
    /// Events the calendar does not have (by UID): to add.
    pub added: Vec<Event>,
    /// Events the calendar has with a lower SEQUENCE: to update (the therapist's own status
    /// kept).
    pub updated: Vec<Event>,
    /// UIDs of events the calendar already has at the same or a higher SEQUENCE: left as they
    /// are.
    pub unchanged: Vec<String>,
}

/// What importing `imported` into a calendar holding `existing` (each event's UID and
/// SEQUENCE) does: each event is added when its UID is new, updated when its SEQUENCE is
/// higher than the stored one, and otherwise left unchanged. An event given twice counts once,
/// at its highest SEQUENCE.
pub fn merge_plan(existing: &[(String, u32)], imported: Vec<Event>) -> MergePlan {
    let stored: HashMap<&str, u32> = existing
        .iter()
        .map(|(uid, sequence)| (uid.as_str(), *sequence))
        .collect();
    // One event per UID, at its highest SEQUENCE (the first of equals), in the order given.
    let mut once: Vec<Event> = Vec::with_capacity(imported.len());
    let mut index: HashMap<String, usize> = HashMap::new();
    for event in imported {
        match index.get(&event.uid) {
            Some(&i) if event.sequence > once[i].sequence => once[i] = event,
            Some(_) => {}
            None => {
                index.insert(event.uid.clone(), once.len());
                once.push(event);
            }
        }
    }
    let mut plan = MergePlan::default();
    for event in once {
        match stored.get(event.uid.as_str()) {
            None => plan.added.push(event),
            Some(&sequence) if event.sequence > sequence => plan.updated.push(event),
            Some(_) => plan.unchanged.push(event.uid),
        }
    }
    plan
}
