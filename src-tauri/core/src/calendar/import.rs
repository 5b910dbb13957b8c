//! Reading a calendar file (RFC 5545) into events.
//!
//! `icalendar` reads the content lines (unfolded, their parameters, text unescaped); this module
//! gives them their meaning: times in their zones, ends given as `DTEND` or `DURATION`, series
//! expanded by `rrule` in the series' own wall-clock time (so 19:00 stays 19:00 across a change
//! of summer time), `EXDATE`s taken out, `RECURRENCE-ID` overrides put in. Every event is then
//! checked as the form checks one ([`Event::validated`]). A file with any problem is refused
//! whole, each problem with the line it is on in the file as the therapist has it (before
//! unfolding).

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use icalendar::parser::{self, Component, Property};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::zones::{named_zone, DefinedZone, Zone};
use super::MOST_OCCURRENCES;
use crate::certification::Certification;
use crate::error::{quoted, Error};
use crate::model::{parse_fee_amount, Event, EventStart, EventStatus, Fee};
use crate::rules::RuleSet;

mod reader;
mod series;
#[cfg(test)]
mod tests;
mod values;

use reader::Reader;

/// The largest calendar file read: far above a year of a busy calendar.
pub const MOST_ICS_BYTES: usize = 64 * 1024 * 1024;

/// The most events a file is read into, each occurrence of a series counted.
pub const MOST_EVENTS: usize = 100_000;

/// What reading a file needs to know besides the file.
#[derive(Debug, Clone, Copy)]
pub struct IcsContext<'a> {
    /// The rule set whose activities an event may count as.
    pub rules: &'a RuleSet,
    /// The certification whose courses a prerequisite names.
    pub certification: &'a Certification,
    /// The zone of a "floating" time (one given without a zone, which RFC 5545 says is the
    /// reader's own): the computer's.
    pub floating_zone: chrono_tz::Tz,
}

/// A calendar file's events, ready to merge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct IcsEvents {
    /// The events, one per occurrence of a series, ordered by start.
    pub events: Vec<Event>,
    /// What was read differently from how the file says it, each at its line: a series cut
    /// at 500 occurrences, a cancelled event left out.
    pub notes: Vec<IcsProblem>,
}

/// A problem at one line of a calendar file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct IcsProblem {
    /// The line of the file, from 1.
    pub line: u32,
    /// The property it is about (`DTSTART`), or `VEVENT` for the event as a whole, or `file`.
    pub property: String,
    /// What is wrong, in a sentence.
    pub message: String,
}

impl fmt::Display for IcsProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Line {}: {}", self.line, self.message)
    }
}

/// Why a calendar file was refused: every problem found, each at its line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct IcsRefusal {
    /// The problems, in the order of the file.
    pub problems: Vec<IcsProblem>,
}

impl fmt::Display for IcsRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("The calendar file was not imported, and nothing was changed.")?;
        for problem in &self.problems {
            write!(f, "\n{problem}")?;
        }
        Ok(())
    }
}

impl From<IcsRefusal> for Error {
    fn from(refusal: IcsRefusal) -> Self {
        Error::invalid("file", refusal.to_string())
    }
}

fn problem(line: u32, property: &str, message: impl Into<String>) -> IcsProblem {
    IcsProblem {
        line,
        property: property.to_owned(),
        message: message.into(),
    }
}

/// Reads a calendar file's bytes: every event, one per occurrence of a series, checked; or
/// every problem, and no event.
pub fn read_ics(bytes: &[u8], context: &IcsContext) -> Result<IcsEvents, IcsRefusal> {
    let refuse = |p: IcsProblem| IcsRefusal { problems: vec![p] };
    if bytes.len() > MOST_ICS_BYTES {
        return Err(refuse(problem(
            1,
            "file",
            format!(
                "The file is {} MB, too large for a calendar (at most {} MB); is it the right \
                 file?",
                bytes.len() / 1_000_000,
                MOST_ICS_BYTES / 1_000_000
            ),
        )));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        refuse(problem(
            u32::try_from(line).unwrap_or(u32::MAX),
            "file",
            "This line is not UTF-8 text; an iCalendar file is. Export the calendar again.",
        ))
    })?;
    let source = Source::new(text);
    let roots = parser::read_calendar_simple(&source.unfolded).map_err(|e| {
        let line = source.line_at(source.unfolded.len() - e.input.len());
        refuse(problem(
            line,
            "file",
            "Stillpoint cannot read this line as iCalendar (a NAME:value line inside \
             BEGIN:VCALENDAR … END:VCALENDAR).",
        ))
    })?;
    let calendars: Vec<&Component> = roots
        .iter()
        .filter(|root| root.name.as_str().eq_ignore_ascii_case("VCALENDAR"))
        .collect();
    if calendars.is_empty() {
        return Err(refuse(problem(
            1,
            "file",
            "This is not a calendar file: it has no BEGIN:VCALENDAR.",
        )));
    }
    let mut reader = Reader {
        source: &source,
        context,
        definitions: HashMap::new(),
        zones: HashMap::new(),
    };
    for calendar in &calendars {
        for component in &calendar.components {
            if is(component, "VTIMEZONE") {
                if let Some(tzid) = find(component, "TZID") {
                    reader
                        .definitions
                        .insert(tzid.val.as_str().trim().to_owned(), component);
                }
            }
        }
    }
    let mut problems = Vec::new();
    let mut read = Vec::new();
    for calendar in &calendars {
        for component in calendar.components.iter().filter(|c| is(c, "VEVENT")) {
            match reader.event(component) {
                Ok(event) => read.push(event),
                Err(p) => problems.push(p),
            }
        }
    }
    match reader.occurrences(read) {
        Ok((events, notes)) if problems.is_empty() => Ok(IcsEvents { events, notes }),
        Ok(_) => Err(IcsRefusal { problems }),
        Err(more) => {
            problems.extend(more);
            problems.sort_by_key(|p| p.line);
            Err(IcsRefusal { problems })
        }
    }
}

/// The file unfolded, and where each unfolded line starts in the file as written.
struct Source {
    /// The text with CRLF line ends, unfolded.
    unfolded: String,
    /// The byte where each unfolded line starts.
    starts: Vec<usize>,
    /// The file's line (from 1) of each unfolded line.
    lines: Vec<u32>,
}

impl Source {
    fn new(text: &str) -> Source {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        // CRLF throughout: the parser looks for "\r\n" first, and would search a file of LF
        // line ends to its end for every line.
        let mut normal = String::with_capacity(text.len() + text.len() / 16);
        let mut lines = Vec::new();
        for (i, line) in text.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if i > 0 {
                normal.push_str("\r\n");
            }
            normal.push_str(line);
            if i == 0 || !(line.starts_with(' ') || line.starts_with('\t')) {
                lines.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        }
        let unfolded = parser::unfold(&normal);
        let starts = std::iter::once(0)
            .chain(unfolded.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source {
            unfolded,
            starts,
            lines,
        }
    }

    /// The file's line of a byte of the unfolded text.
    fn line_at(&self, offset: usize) -> u32 {
        let index = self.starts.partition_point(|&start| start <= offset).max(1) - 1;
        self.lines
            .get(index)
            .or(self.lines.last())
            .copied()
            .unwrap_or(1)
    }

    /// The file's line of text the parser borrowed from the unfolded text.
    fn line_of(&self, text: &str) -> u32 {
        let base = self.unfolded.as_ptr() as usize;
        let at = text.as_ptr() as usize;
        if at >= base && at <= base + self.unfolded.len() {
            self.line_at(at - base)
        } else {
            1
        }
    }
}

fn is(component: &Component, name: &str) -> bool {
    component.name.as_str().eq_ignore_ascii_case(name)
}

fn find<'c, 'a>(component: &'c Component<'a>, name: &str) -> Option<&'c Property<'a>> {
    component
        .properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case(name))
}

fn find_all<'c, 'a: 'c>(
    component: &'c Component<'a>,
    name: &'c str,
) -> impl Iterator<Item = &'c Property<'a>> + 'c {
    component
        .properties
        .iter()
        .filter(move |p| p.name.as_str().eq_ignore_ascii_case(name))
}

fn param<'p>(property: &'p Property, name: &str) -> Option<&'p str> {
    property
        .params
        .iter()
        .find(|p| p.key.as_str().eq_ignore_ascii_case(name))
        .and_then(|p| p.val.as_ref())
        .map(|v| v.as_str())
}

/// A time as a file gives it: a day, or a wall-clock time in a zone.
#[derive(Debug, Clone)]
enum Moment {
    Day(NaiveDate),
    Time { local: NaiveDateTime, zone: Zone },
}

impl Moment {
    /// What identifies an occurrence: its day, or its instant (`20250311` or
    /// `20250311T230000Z`).
    fn key(&self) -> String {
        match self {
            Moment::Day(date) => date.format("%Y%m%d").to_string(),
            Moment::Time { local, zone } => {
                zone.instant(local).format("%Y%m%dT%H%M%SZ").to_string()
            }
        }
    }

    /// The wall-clock time as the series counts in it (a day at midnight).
    fn local(&self) -> NaiveDateTime {
        match self {
            Moment::Day(date) => date.and_time(NaiveTime::MIN),
            Moment::Time { local, .. } => *local,
        }
    }
}

/// An event as the file gives it, before its series is expanded.
struct Read {
    /// The line of its BEGIN:VEVENT.
    line: u32,
    uid: String,
    start: Moment,
    /// Minutes, or days for an all-day event.
    length: u32,
    /// Its RRULE, with the line it is on.
    rule: Option<(String, u32)>,
    exceptions: Vec<Moment>,
    extra: Vec<Moment>,
    /// The original start of the occurrence it overrides.
    overrides: Option<Moment>,
    cancelled: bool,
    /// Everything else, as the event has it.
    details: Event,
    /// The zone the event keeps when it is given in UTC (an export of ours, for a time its
    /// zone cannot say unambiguously).
    kept_zone: Option<String>,
    /// Where each field came from: the property and its line, for a problem's line.
    fields: Vec<(&'static str, String, u32)>,
}
