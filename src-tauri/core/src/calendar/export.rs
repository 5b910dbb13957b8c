//! Writing events as a calendar file (RFC 5545) that Google Calendar, Outlook, Thunderbird and
//! Apple Calendar open.
//!
//! Each time is written in its event's zone (`DTSTART;TZID=Europe/Berlin:…`) with a
//! `VTIMEZONE` describing that zone's offsets over the years the events span (Outlook reads the
//! block; the others know the IANA name), or in UTC for an event without a zone, and for a time
//! its zone's wall clock shows twice (the second 01:30 of the night clocks go back), whose zone
//! is then kept in `X-STILLPOINT-TIME-ZONE`; a day for an all-day event. `icalendar` writes
//! each content line (text escaped, parameters quoted), and the lines are folded here at 75
//! octets, CRLF. What the calendar apps have no property for (presenter, costs, prerequisite,
//! activity, status) travels in `X-STILLPOINT-…` properties, which they keep and ignore, so a
//! file exported here imports back as the same events.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::Property;

use super::zones::{changes, Zone};
use crate::error::{Error, Result};
use crate::model::{Event, EventStart, Fee};

/// The calendar file of `events`, stamped (`DTSTAMP`) at `now`.
pub fn write_ics(events: &[Event], now: DateTime<Utc>) -> Result<String> {
    let mut out = Lines(String::with_capacity(256 + events.len() * 600));
    out.raw("BEGIN:VCALENDAR");
    out.put("VERSION", "2.0")?;
    out.put("PRODID", "-//Stillpoint//Stillpoint calendar//EN")?;
    out.put("CALSCALE", "GREGORIAN")?;
    out.put("METHOD", "PUBLISH")?;
    for (tz, (first, last)) in zones_used(events) {
        write_zone(&mut out, tz, first, last)?;
    }
    let stamp = utc_text(&now);
    for event in events {
        out.raw("BEGIN:VEVENT");
        out.put("UID", &event.uid)?;
        out.put("DTSTAMP", &stamp)?;
        out.put("SEQUENCE", &event.sequence.to_string())?;
        out.put("SUMMARY", &event.title)?;
        match &event.start {
            EventStart::AllDay { date } => {
                let days = i64::from(event.duration_minutes / (24 * 60)).max(1);
                out.date("DTSTART", *date)?;
                out.date("DTEND", *date + Duration::days(days))?;
            }
            EventStart::Timed { at, time_zone } => {
                let end = *at + Duration::minutes(i64::from(event.duration_minutes));
                let tz = time_zone
                    .as_deref()
                    .and_then(|name| name.parse::<Tz>().ok());
                let start_kept = out.time("DTSTART", at, tz)?;
                out.time("DTEND", &end, tz)?;
                if let (false, Some(tz)) = (start_kept, tz) {
                    // Its local time is ambiguous: written in UTC, its zone kept here.
                    out.put("X-STILLPOINT-TIME-ZONE", tz.name())?;
                }
            }
        }
        if !event.registration_notes.is_empty() {
            out.put("DESCRIPTION", &event.registration_notes)?;
        }
        if !event.link.is_empty() {
            out.put("URL", &event.link)?;
        }
        if !event.presenter.is_empty() {
            out.put("X-STILLPOINT-PRESENTER", &event.presenter)?;
        }
        if !event.presenter_credentials.is_empty() {
            out.put(
                "X-STILLPOINT-PRESENTER-CREDENTIALS",
                &event.presenter_credentials,
            )?;
        }
        out.put("X-STILLPOINT-LIVE", flag(event.live))?;
        out.put("X-STILLPOINT-RECORDING", flag(event.recording))?;
        if let Some(cost) = &event.cost_live {
            out.put("X-STILLPOINT-COST-LIVE", &cost_text(cost))?;
        }
        if let Some(cost) = &event.cost_recording {
            out.put("X-STILLPOINT-COST-RECORDING", &cost_text(cost))?;
        }
        if !event.prerequisite.is_empty() {
            out.put("X-STILLPOINT-PREREQUISITE", &event.prerequisite)?;
        }
        out.put("X-STILLPOINT-ACTIVITY", &event.activity)?;
        if let Some(status) = event.status {
            out.put("X-STILLPOINT-STATUS", status.key())?;
        }
        out.raw("END:VEVENT");
    }
    out.raw("END:VCALENDAR");
    Ok(out.0)
}

/// The longest content line, in octets, without its line break (RFC 5545, 3.1).
const MOST_OCTETS: usize = 75;

/// The content lines of a file.
struct Lines(String);

impl Lines {
    /// A line written as it is (BEGIN and END).
    fn raw(&mut self, line: &str) {
        self.0.push_str(line);
        self.0.push_str("\r\n");
    }

    /// A property: written by `icalendar` (its value escaped, its parameters quoted), then
    /// folded here, since `icalendar` 0.17 can leave a last folded line of 76 octets.
    fn write(&mut self, property: Property) -> Result<()> {
        let written: String = property.try_into().map_err(|_| {
            Error::Io(std::io::Error::other(
                "a calendar line could not be written",
            ))
        })?;
        // Every value written is on one line (text escaped, no line break elsewhere), so
        // "\r\n " is only ever a fold.
        let line = written.trim_end_matches("\r\n").replace("\r\n ", "");
        let mut octets = 0;
        for c in line.chars() {
            if octets + c.len_utf8() > MOST_OCTETS {
                self.0.push_str("\r\n ");
                octets = 1;
            }
            self.0.push(c);
            octets += c.len_utf8();
        }
        self.0.push_str("\r\n");
        Ok(())
    }

    fn put(&mut self, name: &str, value: &str) -> Result<()> {
        self.write(Property::new(name, value))
    }

    fn date(&mut self, name: &str, date: NaiveDate) -> Result<()> {
        self.write(
            Property::new(name, date.format("%Y%m%d").to_string())
                .add_parameter("VALUE", "DATE")
                .done(),
        )
    }

    /// A time in `tz` when its local time there reads back as the same instant, else in UTC;
    /// true when it was written in `tz`.
    fn time(&mut self, name: &str, at: &DateTime<Utc>, tz: Option<Tz>) -> Result<bool> {
        if let Some(tz) = tz {
            let local = tz.from_utc_datetime(&at.naive_utc()).naive_local();
            if Zone::Iana(tz).instant(&local) == *at {
                self.write(
                    Property::new(name, local_text(&local))
                        .add_parameter("TZID", tz.name())
                        .done(),
                )?;
                return Ok(true);
            }
        }
        self.put(name, &utc_text(at))?;
        Ok(false)
    }
}

fn flag(value: bool) -> &'static str {
    if value {
        "TRUE"
    } else {
        "FALSE"
    }
}

fn cost_text(cost: &Fee) -> String {
    format!("{} {}", cost.amount, cost.currency)
}

fn utc_text(at: &DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

fn local_text(local: &NaiveDateTime) -> String {
    local.format("%Y%m%dT%H%M%S").to_string()
}

/// The zones the events are given in, each with the first and last year it is used in.
fn zones_used(events: &[Event]) -> Vec<(Tz, (i32, i32))> {
    let mut zones: BTreeMap<&'static str, (Tz, (i32, i32))> = BTreeMap::new();
    for event in events {
        if let EventStart::Timed {
            at,
            time_zone: Some(name),
        } = &event.start
        {
            if let Ok(tz) = name.parse::<Tz>() {
                let year = at.year();
                let (_, span) = zones.entry(tz.name()).or_insert((tz, (year, year)));
                span.0 = span.0.min(year);
                span.1 = span.1.max(year);
            }
        }
    }
    zones.into_values().collect()
}

/// A VTIMEZONE for `tz`: its offset from the year before `first`, and each change until the
/// end of the year after `last`.
fn write_zone(out: &mut Lines, tz: Tz, first: i32, last: i32) -> Result<()> {
    let year_start = |year: i32| {
        Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0)
            .single()
            .unwrap_or_else(Utc::now)
    };
    out.raw("BEGIN:VTIMEZONE");
    out.put("TZID", tz.name())?;
    out.put("X-LIC-LOCATION", tz.name())?;
    for change in changes(tz, year_start(first - 1), year_start(last + 2)) {
        let kind = if change.daylight {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        out.raw(&format!("BEGIN:{kind}"));
        out.put("DTSTART", &local_text(&change.local))?;
        out.put("TZOFFSETFROM", &offset_text(change.from))?;
        out.put("TZOFFSETTO", &offset_text(change.to))?;
        if let Some(name) = &change.name {
            out.put("TZNAME", name)?;
        }
        out.raw(&format!("END:{kind}"));
    }
    out.raw("END:VTIMEZONE");
    Ok(())
}

/// A UTC offset as iCalendar writes it: `+0100`, `-0430`, `+005328`.
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (hours, minutes, rest) = (s / 3600, s / 60 % 60, s % 60);
    if rest == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{rest:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_written_as_icalendar_writes_them() {
        assert_eq!(offset_text(3600), "+0100");
        assert_eq!(offset_text(-(4 * 3600 + 30 * 60)), "-0430");
        assert_eq!(offset_text(53 * 60 + 28), "+005328");
        assert_eq!(offset_text(0), "+0000");
    }
}
