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

struct Reader<'s, 'c> {
    source: &'s Source,
    context: &'s IcsContext<'c>,
    /// The file's VTIMEZONE blocks by TZID.
    definitions: HashMap<String, &'s Component<'s>>,
    /// Zones already found, by TZID.
    zones: HashMap<String, Result<Zone, String>>,
}

impl<'s> Reader<'s, '_> {
    fn line(&self, property: &Property) -> u32 {
        self.source.line_of(property.name.as_str())
    }

    /// A problem at a property's line.
    fn at(&self, property: &Property, message: String) -> IcsProblem {
        problem(self.line(property), property.name.as_str(), message)
    }

    /// The zone a TZID names, or why there is none.
    fn zone(&mut self, tzid: &str) -> Result<Zone, String> {
        let tzid = tzid.trim().trim_matches('"');
        if let Some(known) = self.zones.get(tzid) {
            return known.clone();
        }
        let found = match named_zone(tzid) {
            Some(tz) => Ok(Zone::Iana(tz)),
            None => match self.definitions.get(tzid) {
                Some(definition) => self.defined(definition),
                None => Err(format!(
                    "The time zone {} is neither an IANA nor a Windows zone, and the file does \
                     not define it (no VTIMEZONE with that TZID).",
                    quoted(tzid)
                )),
            },
        };
        self.zones.insert(tzid.to_owned(), found.clone());
        found
    }

    /// A zone from a VTIMEZONE block: its X-LIC-LOCATION when that is an IANA zone, else its
    /// STANDARD and DAYLIGHT rules.
    fn defined(&self, definition: &Component) -> Result<Zone, String> {
        if let Some(tz) =
            find(definition, "X-LIC-LOCATION").and_then(|p| named_zone(p.val.as_str()))
        {
            return Ok(Zone::Iana(tz));
        }
        let at_line = |p: &Property, message: String| {
            format!("{message} (line {} of its VTIMEZONE)", self.line(p))
        };
        let mut changes = Vec::new();
        let mut first: Option<(NaiveDateTime, i32)> = None;
        for part in definition
            .components
            .iter()
            .filter(|c| is(c, "STANDARD") || is(c, "DAYLIGHT"))
        {
            let offset = |name: &str| -> Result<i32, String> {
                let p = find(part, name)
                    .ok_or_else(|| format!("A part of the time zone has no {name}."))?;
                read_offset(p.val.as_str()).ok_or_else(|| {
                    at_line(
                        p,
                        format!("{} is not a UTC offset like +0100.", quoted(p.val.as_str())),
                    )
                })
            };
            let (from, to) = (offset("TZOFFSETFROM")?, offset("TZOFFSETTO")?);
            let start = find(part, "DTSTART")
                .ok_or_else(|| "A part of the time zone has no DTSTART.".to_owned())?;
            let onset = read_local(start.val.as_str()).ok_or_else(|| {
                at_line(
                    start,
                    "The time zone's DTSTART is not a date and time.".into(),
                )
            })?;
            let mut onsets = vec![onset];
            if let Some(rule) = find(part, "RRULE") {
                let until_local = |utc: NaiveDateTime| utc + Duration::seconds(i64::from(from));
                onsets = expand(rule.val.as_str(), onset, &until_local, 2000)
                    .map_err(|message| at_line(rule, message))?
                    .0;
            }
            for rdate in find_all(part, "RDATE") {
                for value in rdate.val.as_str().split(',') {
                    onsets.push(read_local(value).ok_or_else(|| {
                        at_line(rdate, format!("{} is not a date and time.", quoted(value)))
                    })?);
                }
            }
            for local in onsets {
                let utc = (local - Duration::seconds(i64::from(from)))
                    .and_utc()
                    .timestamp();
                changes.push((utc, to));
                if first.is_none_or(|(earliest, _)| local < earliest) {
                    first = Some((local, from));
                }
            }
        }
        let Some((_, initial)) = first else {
            return Err("The file's time zone has no STANDARD or DAYLIGHT part.".to_owned());
        };
        changes.sort_unstable();
        Ok(Zone::Defined(Arc::new(DefinedZone { initial, changes })))
    }

    /// A DTSTART, DTEND, EXDATE or RECURRENCE-ID value: a day, or a time in UTC, in its TZID's
    /// zone, or floating.
    fn moment(&mut self, property: &Property, value: &str) -> Result<Moment, String> {
        let value = value.trim();
        let is_date = param(property, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
            || value.len() == 8;
        if is_date {
            return read_date(value)
                .map(Moment::Day)
                .ok_or_else(|| format!("{} is not a date like 20250311.", quoted(value)));
        }
        let bad = || {
            format!(
                "{} is not a date and time like 20250311T190000 (or …Z in UTC).",
                quoted(value)
            )
        };
        if let Some(utc) = value.strip_suffix(['Z', 'z']) {
            let local = read_local(utc).ok_or_else(bad)?;
            return Ok(Moment::Time {
                local,
                zone: Zone::Utc,
            });
        }
        let local = read_local(value).ok_or_else(bad)?;
        let zone = match param(property, "TZID") {
            Some(tzid) => self.zone(tzid)?,
            None => Zone::Iana(self.context.floating_zone),
        };
        Ok(Moment::Time { local, zone })
    }

    fn event(&mut self, component: &Component) -> Result<Read, IcsProblem> {
        let line = self.source.line_of(component.name.as_str());
        let mut fields: Vec<(&'static str, String, u32)> = Vec::new();
        let mut text = |name: &str, field: &'static str| -> String {
            match find(component, name) {
                Some(p) => {
                    fields.push((field, name.to_owned(), self.line(p)));
                    p.val.as_str().replace('\t', " ").replace('\r', "")
                }
                None => String::new(),
            }
        };
        let uid = text("UID", "uid");
        let title = text("SUMMARY", "title");
        let registration_notes = text("DESCRIPTION", "registration_notes");
        let mut link = text("URL", "link");
        let location = text("LOCATION", "link");
        if link.trim().is_empty() && crate::model::looks_like_web_address(location.trim()) {
            link = location.trim().to_owned();
        }
        let presenter = text("X-STILLPOINT-PRESENTER", "presenter");
        let presenter_credentials = text(
            "X-STILLPOINT-PRESENTER-CREDENTIALS",
            "presenter_credentials",
        );
        let prerequisite = text("X-STILLPOINT-PREREQUISITE", "prerequisite");
        let activity = text("X-STILLPOINT-ACTIVITY", "activity");
        let kept_zone = Some(text("X-STILLPOINT-TIME-ZONE", "time_zone"))
            .filter(|zone| !zone.trim().is_empty());
        if uid.trim().is_empty() {
            return Err(problem(
                line,
                "UID",
                "This event has no UID; every event of a calendar file needs one.",
            ));
        }
        let sequence = match find(component, "SEQUENCE") {
            Some(p) => p.val.as_str().trim().parse::<u32>().map_err(|_| {
                self.at(
                    p,
                    format!(
                        "The event's SEQUENCE is {}, not a whole number.",
                        quoted(p.val.as_str())
                    ),
                )
            })?,
            None => 0,
        };
        let flag = |name: &str, default: bool| -> Result<bool, IcsProblem> {
            match find(component, name) {
                None => Ok(default),
                Some(p) => match p.val.as_str().trim().to_ascii_uppercase().as_str() {
                    "TRUE" => Ok(true),
                    "FALSE" => Ok(false),
                    _ => Err(self.at(p, format!("{name} is TRUE or FALSE."))),
                },
            }
        };
        let live = flag("X-STILLPOINT-LIVE", true)?;
        let recording = flag("X-STILLPOINT-RECORDING", false)?;
        let cost = |name: &str| -> Result<Option<Fee>, IcsProblem> {
            let Some(p) = find(component, name) else {
                return Ok(None);
            };
            let value = p.val.as_str().trim();
            let (amount, currency) = value.split_once(' ').unwrap_or((value, ""));
            let hundredths = parse_fee_amount(amount).map_err(|_| {
                self.at(
                    p,
                    format!("{} is not a cost like 25.00 USD.", quoted(value)),
                )
            })?;
            Ok(Some(Fee::new(hundredths, currency.trim())))
        };
        let cost_live = cost("X-STILLPOINT-COST-LIVE")?;
        let cost_recording = cost("X-STILLPOINT-COST-RECORDING")?;
        for (field, name) in [
            ("cost_live", "X-STILLPOINT-COST-LIVE"),
            ("cost_recording", "X-STILLPOINT-COST-RECORDING"),
            ("live", "X-STILLPOINT-LIVE"),
        ] {
            if let Some(p) = find(component, name) {
                fields.push((field, name.to_owned(), self.line(p)));
            }
        }
        let status = match find(component, "X-STILLPOINT-STATUS") {
            None => None,
            Some(p) => Some(EventStatus::from_key(p.val.as_str().trim()).ok_or_else(|| {
                self.at(
                    p,
                    format!("{} is not a status of an event.", quoted(p.val.as_str())),
                )
            })?),
        };
        let cancelled = find(component, "STATUS")
            .is_some_and(|p| p.val.as_str().trim().eq_ignore_ascii_case("CANCELLED"));

        let dtstart = find(component, "DTSTART").ok_or_else(|| {
            problem(
                line,
                "DTSTART",
                format!("The event {} has no start (DTSTART).", quoted(&title)),
            )
        })?;
        let start = self
            .moment(dtstart, dtstart.val.as_str())
            .map_err(|m| self.at(dtstart, m))?;
        let length = match (
            &start,
            find(component, "DTEND"),
            find(component, "DURATION"),
        ) {
            (_, Some(end), _) => {
                let end_at = self
                    .moment(end, end.val.as_str())
                    .map_err(|m| self.at(end, m))?;
                span(&start, &end_at).map_err(|m| self.at(end, m))?
            }
            (_, None, Some(duration)) => {
                let (days, seconds) = read_duration(duration.val.as_str()).ok_or_else(|| {
                    self.at(
                        duration,
                        format!(
                            "{} is not a duration like PT1H30M.",
                            quoted(duration.val.as_str())
                        ),
                    )
                })?;
                let end_at = match &start {
                    Moment::Day(date) => {
                        let total = days + (seconds + 86_399) / 86_400;
                        Moment::Day(*date + Duration::days(total))
                    }
                    Moment::Time { local, zone } => {
                        let end = zone.instant(&(*local + Duration::days(days)))
                            + Duration::seconds(seconds);
                        Moment::Time {
                            local: end.naive_utc(),
                            zone: Zone::Utc,
                        }
                    }
                };
                span(&start, &end_at).map_err(|m| self.at(duration, m))?
            }
            (Moment::Day(_), None, None) => 1,
            (Moment::Time { .. }, None, None) => {
                return Err(problem(
                    line,
                    "DTEND",
                    format!(
                        "The event {} has no end (DTEND or DURATION).",
                        quoted(&title)
                    ),
                ))
            }
        };
        let rule = find(component, "RRULE").map(|p| (p.val.as_str().to_owned(), self.line(p)));
        let mut dates = |name: &str| -> Result<Vec<Moment>, IcsProblem> {
            let mut list = Vec::new();
            for p in find_all(component, name) {
                for value in p.val.as_str().split(',') {
                    if param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("PERIOD")) {
                        return Err(self.at(p, format!("Stillpoint does not read {name} periods.")));
                    }
                    list.push(self.moment(p, value).map_err(|m| self.at(p, m))?);
                }
            }
            Ok(list)
        };
        let exceptions = dates("EXDATE")?;
        let extra = dates("RDATE")?;
        let overrides = match find(component, "RECURRENCE-ID") {
            Some(p) => Some(self.moment(p, p.val.as_str()).map_err(|m| self.at(p, m))?),
            None => None,
        };
        let start_line = self.line(dtstart);
        fields.push(("start", "DTSTART".into(), start_line));
        fields.push(("time_zone", "DTSTART".into(), start_line));
        if let Some(end) = find(component, "DTEND").or(find(component, "DURATION")) {
            fields.push(("duration_minutes", end.name.to_string(), self.line(end)));
        }
        Ok(Read {
            line,
            uid: uid.trim().to_owned(),
            start,
            length,
            rule,
            exceptions,
            extra,
            overrides,
            cancelled,
            details: Event {
                uid: String::new(),
                sequence,
                title,
                presenter,
                presenter_credentials,
                start: EventStart::AllDay {
                    date: NaiveDate::MIN,
                },
                duration_minutes: 0,
                live,
                recording,
                cost_live,
                cost_recording,
                prerequisite,
                registration_notes,
                link,
                activity,
                status,
            },
            kept_zone,
            fields,
        })
    }

    /// Every event and occurrence of the file, checked; overrides put in place of the
    /// occurrences they move, cancelled ones left out.
    fn occurrences(
        &self,
        read: Vec<Read>,
    ) -> Result<(Vec<Event>, Vec<IcsProblem>), Vec<IcsProblem>> {
        let mut problems = Vec::new();
        let mut notes = Vec::new();
        // Overrides by series and original start.
        let mut moved: HashMap<(String, String), usize> = HashMap::new();
        for (i, r) in read.iter().enumerate() {
            if let Some(original) = &r.overrides {
                moved.insert((r.uid.clone(), original.key()), i);
            }
        }
        let cancelled: std::collections::HashSet<&str> = read
            .iter()
            .filter(|r| r.overrides.is_none() && r.cancelled)
            .map(|r| r.uid.as_str())
            .collect();
        let masters: std::collections::HashSet<&str> = read
            .iter()
            .filter(|r| r.overrides.is_none())
            .map(|r| r.uid.as_str())
            .collect();
        let mut used = vec![false; read.len()];
        // (event, its Read, its uid) in the file's order.
        let mut out: Vec<(Event, usize)> = Vec::new();
        for (i, r) in read.iter().enumerate() {
            if r.overrides.is_some() {
                continue;
            }
            if r.cancelled {
                notes.push(problem(
                    r.line,
                    "STATUS",
                    format!(
                        "The event {} is cancelled; it was left out.",
                        quoted(&r.details.title)
                    ),
                ));
                continue;
            }
            let series = r.rule.is_some() || !r.extra.is_empty();
            if !series {
                out.push((self.occurrence(r, &r.start, r.uid.clone()), i));
                continue;
            }
            let mut starts = vec![r.start.clone()];
            let mut cut = false;
            if let Some((rule, line)) = &r.rule {
                let zone = match &r.start {
                    Moment::Time { zone, .. } => zone.clone(),
                    Moment::Day(_) => Zone::Utc,
                };
                let until_local = |utc: NaiveDateTime| zone.local(&utc);
                let limit = MOST_OCCURRENCES + r.exceptions.len() + 1;
                match expand(rule, r.start.local(), &until_local, limit) {
                    Ok((locals, more)) => {
                        cut = more;
                        starts = locals
                            .into_iter()
                            .map(|local| match &r.start {
                                Moment::Day(_) => Moment::Day(local.date()),
                                Moment::Time { zone, .. } => Moment::Time {
                                    local,
                                    zone: zone.clone(),
                                },
                            })
                            .collect();
                    }
                    Err(message) => {
                        problems.push(problem(*line, "RRULE", message));
                        continue;
                    }
                }
            }
            starts.extend(r.extra.iter().cloned());
            let excluded: std::collections::HashSet<String> = r
                .exceptions
                .iter()
                .map(|m| Self::exception_key(m, &r.start))
                .collect();
            let mut seen = std::collections::HashSet::new();
            let mut keyed: Vec<(String, Moment)> = starts
                .into_iter()
                .map(|m| (m.key(), m))
                .filter(|(key, m)| {
                    !excluded.contains(key)
                        && !matches!(m, Moment::Time { local, .. }
                            if excluded.contains(&day_key(local.date())))
                })
                .filter(|(key, _)| seen.insert(key.clone()))
                .collect();
            keyed.sort_by(|a, b| a.0.cmp(&b.0));
            if keyed.len() > MOST_OCCURRENCES {
                keyed.truncate(MOST_OCCURRENCES);
                cut = true;
            }
            if cut {
                notes.push(problem(
                    r.rule.as_ref().map_or(r.line, |(_, line)| *line),
                    "RRULE",
                    format!(
                        "The series {} has more than {MOST_OCCURRENCES} occurrences; the first \
                         {MOST_OCCURRENCES} were imported.",
                        quoted(&r.details.title)
                    ),
                ));
            }
            for (key, original) in keyed {
                let uid = format!("{}/{key}", r.uid);
                match moved.get(&(r.uid.clone(), key.clone())) {
                    Some(&o) => {
                        used[o] = true;
                        let change = &read[o];
                        if change.cancelled {
                            continue;
                        }
                        out.push((self.occurrence(change, &change.start, uid), o));
                    }
                    None => out.push((self.occurrence(r, &original, uid), i)),
                }
            }
        }
        // Overrides of occurrences the file's series do not have (or of a series not in the
        // file): events of their own.
        for (o, r) in read.iter().enumerate() {
            let Some(original) = &r.overrides else {
                continue;
            };
            if used[o] || cancelled.contains(r.uid.as_str()) {
                // Put in its place, or its whole series is cancelled.
                continue;
            }
            if r.cancelled {
                if !masters.contains(r.uid.as_str()) {
                    notes.push(problem(
                        r.line,
                        "STATUS",
                        format!(
                            "The event {} is cancelled; it was left out.",
                            quoted(&r.details.title)
                        ),
                    ));
                }
                continue;
            }
            let uid = format!("{}/{}", r.uid, original.key());
            out.push((self.occurrence(r, &r.start, uid), o));
        }
        if out.len() > MOST_EVENTS {
            let line = read[out[MOST_EVENTS].1].line;
            problems.push(problem(
                line,
                "file",
                format!(
                    "The file holds more than {MOST_EVENTS} events (counting each occurrence of a \
                     series); Stillpoint reads at most that many at once."
                ),
            ));
            return Err(problems);
        }
        // Check each; one event per uid, the highest SEQUENCE (the first of equals).
        let mut by_uid: HashMap<String, usize> = HashMap::new();
        let mut events: Vec<Event> = Vec::new();
        for (event, from) in out {
            match event.validated(self.context.rules, self.context.certification) {
                Ok(event) => match by_uid.get(&event.uid) {
                    Some(&k) if events[k].sequence >= event.sequence => {}
                    Some(&k) => events[k] = event,
                    None => {
                        by_uid.insert(event.uid.clone(), events.len());
                        events.push(event);
                    }
                },
                Err(Error::Invalid { field, message }) => {
                    let r = &read[from];
                    let (property, line) = r
                        .fields
                        .iter()
                        .find(|(f, _, _)| *f == field)
                        .map_or(("VEVENT".to_owned(), r.line), |(_, p, l)| (p.clone(), *l));
                    problems.push(problem(
                        line,
                        &property,
                        format!("The event {}: {message}", quoted(&r.details.title)),
                    ));
                }
                Err(other) => problems.push(problem(read[from].line, "VEVENT", other.to_string())),
            }
        }
        if !problems.is_empty() {
            problems.sort_by_key(|p| p.line);
            problems.dedup();
            return Err(problems);
        }
        events.sort_by(|a, b| {
            start_key(&a.start)
                .cmp(&start_key(&b.start))
                .then_with(|| a.uid.cmp(&b.uid))
        });
        Ok((events, notes))
    }

    /// The key an EXDATE takes out of a series: a time the occurrence at that instant, a day
    /// the occurrences on that day (in the series' own zone).
    fn exception_key(moment: &Moment, series: &Moment) -> String {
        match (moment, series) {
            (Moment::Time { local, .. }, Moment::Day(_)) => Moment::Day(local.date()).key(),
            (Moment::Day(date), Moment::Time { .. }) => day_key(*date),
            (m, _) => m.key(),
        }
    }

    /// One event of the file at `start`, under `uid`, not checked yet.
    fn occurrence(&self, read: &Read, start: &Moment, uid: String) -> Event {
        let mut event = read.details.clone();
        event.uid = uid;
        match start {
            Moment::Day(date) => {
                event.start = EventStart::AllDay { date: *date };
                event.duration_minutes = read.length.saturating_mul(24 * 60);
            }
            Moment::Time { local, zone } => {
                event.start = EventStart::Timed {
                    at: zone.instant(local),
                    time_zone: zone
                        .iana_name()
                        .map(str::to_owned)
                        .or_else(|| read.kept_zone.clone()),
                };
                event.duration_minutes = read.length;
            }
        }
        event
    }
}

/// The key of a day an EXDATE takes out of a series of times.
fn day_key(date: NaiveDate) -> String {
    format!("day:{}", date.format("%Y%m%d"))
}

/// What an event's start sorts by.
fn start_key(start: &EventStart) -> DateTime<Utc> {
    match start {
        EventStart::Timed { at, .. } => *at,
        EventStart::AllDay { date } => date.and_time(NaiveTime::MIN).and_utc(),
    }
}

/// The length from a start to an end: days for days, minutes for times.
fn span(start: &Moment, end: &Moment) -> Result<u32, String> {
    let length = match (start, end) {
        (Moment::Day(a), Moment::Day(b)) => (*b - *a).num_days(),
        (Moment::Time { local, zone }, Moment::Time { local: e, zone: z }) => {
            let seconds = (z.instant(e) - zone.instant(local)).num_seconds();
            (seconds + 30).div_euclid(60)
        }
        (Moment::Day(_), Moment::Time { .. }) => {
            return Err(
                "The event starts on a day (all day) but ends at a time; its end \
                        must be a day too."
                    .to_owned(),
            )
        }
        (Moment::Time { .. }, Moment::Day(_)) => {
            return Err(
                "The event starts at a time but ends on a day; its end must be a \
                        time too."
                    .to_owned(),
            )
        }
    };
    if length < 0 {
        return Err("The event ends before it starts.".to_owned());
    }
    Ok(u32::try_from(length).unwrap_or(u32::MAX))
}

/// Expands an RRULE from `start` (wall-clock time), counting in wall-clock time: at most
/// `limit` occurrences, and whether there were more. `until_local` turns a UTC `UNTIL` into
/// the series' wall-clock time.
fn expand(
    rule: &str,
    start: NaiveDateTime,
    until_local: &dyn Fn(NaiveDateTime) -> NaiveDateTime,
    limit: usize,
) -> Result<(Vec<NaiveDateTime>, bool), String> {
    // `rrule` would read a floating UNTIL in the computer's zone: the UNTIL is read here.
    let mut until = None;
    let mut parts = Vec::new();
    for part in rule.split(';').filter(|p| !p.trim().is_empty()) {
        match part.split_once('=') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("UNTIL") => {
                let value = value.trim();
                let local = if let Some(utc) = value.strip_suffix(['Z', 'z']) {
                    read_local(utc).map(until_local)
                } else if value.len() == 8 {
                    read_date(value).map(|d| d.and_time(NaiveTime::MIN) + Duration::seconds(86_399))
                } else {
                    read_local(value)
                };
                until = Some(local.ok_or_else(|| {
                    format!(
                        "The series' UNTIL {} is not a date or a date and time.",
                        quoted(value)
                    )
                })?);
            }
            _ => parts.push(part),
        }
    }
    let floating = |t: NaiveDateTime| rrule::Tz::UTC.from_utc_datetime(&t);
    let mut parsed: rrule::RRule<rrule::Unvalidated> = parts
        .join(";")
        .parse()
        .map_err(|e| format!("Stillpoint cannot read this recurrence rule: {e}."))?;
    if let Some(until) = until {
        parsed = parsed.until(floating(until));
    }
    let counted = parsed.get_count().is_some();
    let set = parsed
        .build(floating(start))
        .map_err(|e| format!("This recurrence rule is not valid: {e}."))?;
    let limit = u16::try_from(limit).unwrap_or(u16::MAX);
    let result = set.all(limit);
    let mut dates: Vec<NaiveDateTime> = result.dates.iter().map(|d| d.naive_utc()).collect();
    // "The DTSTART property value always counts as the first occurrence" (RFC 5545, 3.3.10),
    // even when the rule would not give it.
    if !dates.contains(&start) {
        dates.insert(0, start);
        if counted {
            dates.pop();
        }
    }
    Ok((dates, result.limited))
}

/// A DATE value, `20250311`.
fn read_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if value.len() != 8 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| value[range].parse::<u32>().ok();
    NaiveDate::from_ymd_opt(
        i32::try_from(number(0..4)?).ok()?,
        number(4..6)?,
        number(6..8)?,
    )
}

/// A DATE-TIME value without its `Z`, `20250311T190000`.
fn read_local(value: &str) -> Option<NaiveDateTime> {
    let value = value.trim();
    if value.len() != 15 || !value.is_ascii() || !value[8..9].eq_ignore_ascii_case("T") {
        return None;
    }
    let date = read_date(&value[..8])?;
    let time = &value[9..];
    if !time.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| time[range].parse::<u32>().ok();
    // A leap second (60) is read as the second before it.
    let time = NaiveTime::from_hms_opt(number(0..2)?, number(2..4)?, number(4..6)?.min(59))?;
    Some(date.and_time(time))
}

/// A UTC offset, `+0100`, `-0500` or `+053000`, in seconds.
fn read_offset(value: &str) -> Option<i32> {
    let value = value.trim();
    let (sign, digits) = match value.as_bytes().first()? {
        b'+' => (1, &value[1..]),
        b'-' => (-1, &value[1..]),
        _ => return None,
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| digits[range].parse::<i32>().ok();
    let seconds = if digits.len() == 6 { number(4..6)? } else { 0 };
    let (hours, minutes) = (number(0..2)?, number(2..4)?);
    if hours > 23 || minutes > 59 || seconds > 59 {
        return None;
    }
    Some(sign * (hours * 3600 + minutes * 60 + seconds))
}

/// A DURATION value (RFC 5545, 3.3.6), `PT1H30M`, `P1D`, `P2W`: its days (nominal, counted
/// on the calendar) and its seconds (exact). A negative one is refused: an event's length is
/// not.
fn read_duration(value: &str) -> Option<(i64, i64)> {
    let value = value.trim().to_ascii_uppercase();
    let rest = value.strip_prefix('+').unwrap_or(&value);
    let rest = rest.strip_prefix('P')?;
    let (date_part, time_part) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut days = 0_i64;
    let mut seconds = 0_i64;
    let mut any = false;
    let mut read_units = |text: &str, units: &[(char, i64)], into_days: bool| -> Option<()> {
        let mut number = String::new();
        let mut allowed = units.iter();
        for c in text.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let n: i64 = number.parse().ok()?;
            number.clear();
            let &(_, factor) = allowed.by_ref().find(|(unit, _)| *unit == c)?;
            if into_days {
                days = days.checked_add(n.checked_mul(factor)?)?;
            } else {
                seconds = seconds.checked_add(n.checked_mul(factor)?)?;
            }
            any = true;
        }
        number.is_empty().then_some(())
    };
    read_units(date_part, &[('W', 7), ('D', 1)], true)?;
    if let Some(time) = time_part {
        if time.is_empty() {
            return None;
        }
        read_units(time, &[('H', 3600), ('M', 60), ('S', 1)], false)?;
    }
    any.then_some((days, seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_strictly() {
        assert_eq!(read_date("20250311"), NaiveDate::from_ymd_opt(2025, 3, 11));
        assert_eq!(read_date("2025031"), None);
        assert_eq!(read_date("20250231"), None);
        assert_eq!(
            read_local("20250311T193000"),
            NaiveDate::from_ymd_opt(2025, 3, 11).and_then(|d| d.and_hms_opt(19, 30, 0))
        );
        assert_eq!(read_local("20250311 193000"), None);
        assert_eq!(read_local("20250311T246000"), None);
        assert_eq!(read_offset("+0100"), Some(3600));
        assert_eq!(read_offset("-0430"), Some(-(4 * 3600 + 30 * 60)));
        assert_eq!(read_offset("+005328"), Some(53 * 60 + 28));
        assert_eq!(read_offset("0100"), None);
        assert_eq!(read_duration("PT1H30M"), Some((0, 5400)));
        assert_eq!(read_duration("P1D"), Some((1, 0)));
        assert_eq!(read_duration("P2W"), Some((14, 0)));
        assert_eq!(read_duration("P1DT2H"), Some((1, 7200)));
        assert_eq!(read_duration("PT90M"), Some((0, 5400)));
        assert_eq!(read_duration("-PT1H"), None);
        assert_eq!(read_duration("PT"), None);
        assert_eq!(read_duration("P"), None);
        assert_eq!(read_duration("PT30M1H"), None);
        assert_eq!(read_duration("1H"), None);
    }

    #[test]
    fn the_file_s_own_line_is_found_through_folds_and_either_line_end() {
        let source = Source::new("A:1\r\nB:long\r\n  folded\nC:3\n\tmore\n more\nD:4");
        assert_eq!(
            source.unfolded,
            "A:1\r\nB:long folded\r\nC:3moremore\r\nD:4"
        );
        let line = |needle: &str| {
            let at = source.unfolded.find(needle).unwrap();
            source.line_at(at)
        };
        assert_eq!(line("A:"), 1);
        assert_eq!(line("B:"), 2);
        assert_eq!(line("folded"), 2);
        assert_eq!(line("C:"), 4);
        assert_eq!(line("D:"), 7);
    }

    #[test]
    fn a_series_counts_in_wall_clock_time_and_until_is_read_in_its_zone() {
        let start = read_local("20250211T190000").unwrap();
        let same = |t: NaiveDateTime| t;
        let (dates, more) = expand("FREQ=MONTHLY;BYDAY=2TU;COUNT=3", start, &same, 500).unwrap();
        assert!(!more);
        let days: Vec<String> = dates
            .iter()
            .map(|d| d.format("%Y%m%dT%H%M").to_string())
            .collect();
        assert_eq!(days, ["20250211T1900", "20250311T1900", "20250408T1900"]);
        // UNTIL in UTC: 2025-03-11 23:00Z is 19:00 in New York (EDT), so it is included.
        let new_york = Zone::Iana(chrono_tz::Tz::America__New_York);
        let local = |utc: NaiveDateTime| new_york.local(&utc);
        let (dates, _) = expand(
            "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20250311T230000Z",
            start,
            &local,
            500,
        )
        .unwrap();
        assert_eq!(dates.len(), 2);
        let (dates, _) = expand(
            "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20250311T225959Z",
            start,
            &local,
            500,
        )
        .unwrap();
        assert_eq!(dates.len(), 1);
        let (dates, more) = expand("FREQ=DAILY", start, &same, 500).unwrap();
        assert_eq!((dates.len(), more), (500, true));
        // A start the rule would not give is still the first occurrence, and counts.
        let monday = read_local("20250303T190000").unwrap();
        let (dates, _) = expand("FREQ=WEEKLY;BYDAY=TU;COUNT=2", monday, &same, 500).unwrap();
        assert_eq!(dates, [monday, read_local("20250304T190000").unwrap()]);
        let (dates, _) = expand("FREQ=WEEKLY;BYDAY=TU;UNTIL=20250311", monday, &same, 500).unwrap();
        assert_eq!(dates.len(), 3);
        assert!(expand("FREQ=FORTNIGHTLY", start, &same, 500).is_err());
        assert!(expand("FREQ=DAILY;UNTIL=soon", start, &same, 500).is_err());
    }
}
