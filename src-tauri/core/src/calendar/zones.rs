//! Time zones as calendar files name them, and local times turned into instants.
//!
//! A `TZID` is an IANA name (Google, Apple, Thunderbird, Zoom: `America/New_York`), a Windows
//! name (Outlook: `W. Europe Standard Time`, read through CLDR's table, which `icu_time`
//! carries), or a name of the file's own defined by its `VTIMEZONE` block (Outlook's
//! "Customized Time Zone"). The first two are read from the IANA database (`chrono-tz`); a
//! `VTIMEZONE` is used only when neither knows the name, or its `X-LIC-LOCATION` names an IANA
//! zone.
//!
//! A local time that occurs twice (the hour repeated when clocks go back) means the first
//! occurrence, and one that does not occur (the hour skipped when they go forward) is read
//! with the offset in force before the gap, as RFC 5545 (3.3.5) says.

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use icu_time::zone::iana::IanaParserExtended;
use icu_time::zone::WindowsParser;

/// A time zone a calendar file uses.
#[derive(Debug, Clone)]
pub(crate) enum Zone {
    /// UTC (`Z` times).
    Utc,
    /// A zone of the IANA database.
    Iana(Tz),
    /// A zone defined only by the file's `VTIMEZONE`.
    Defined(Arc<DefinedZone>),
}

/// A zone a file defines: its offsets over time.
#[derive(Debug, Clone)]
pub(crate) struct DefinedZone {
    /// The offset (seconds east of UTC) before the first change.
    pub(crate) initial: i32,
    /// Each change: the instant it takes effect (UTC seconds) and the offset from then on,
    /// ordered by instant.
    pub(crate) changes: Vec<(i64, i32)>,
}

impl DefinedZone {
    /// The offset in force at `utc` (seconds since the epoch).
    fn offset_at(&self, utc: i64) -> i32 {
        match self.changes.partition_point(|&(at, _)| at <= utc) {
            0 => self.initial,
            n => self.changes[n - 1].1,
        }
    }
}

impl Zone {
    /// The IANA name the event keeps (`None` for UTC and zones only the file defines).
    pub(crate) fn iana_name(&self) -> Option<&'static str> {
        match self {
            Zone::Iana(tz) => Some(tz.name()),
            Zone::Utc | Zone::Defined(_) => None,
        }
    }

    /// The offset in seconds east of UTC at an instant.
    fn offset_at(&self, utc: &NaiveDateTime) -> i32 {
        match self {
            Zone::Utc => 0,
            Zone::Iana(tz) => tz.offset_from_utc_datetime(utc).fix().local_minus_utc(),
            Zone::Defined(zone) => zone.offset_at(utc.and_utc().timestamp()),
        }
    }

    /// The wall-clock time of an instant in this zone.
    pub(crate) fn local(&self, utc: &NaiveDateTime) -> NaiveDateTime {
        *utc + Duration::seconds(i64::from(self.offset_at(utc)))
    }

    /// The instant a wall-clock time in this zone stands for: the first of two when the time
    /// occurs twice, the time read with the earlier offset when it falls in a gap.
    pub(crate) fn instant(&self, local: &NaiveDateTime) -> DateTime<Utc> {
        match self {
            Zone::Utc => local.and_utc(),
            Zone::Iana(tz) => match tz.from_local_datetime(local) {
                chrono::LocalResult::Single(at) => at.with_timezone(&Utc),
                chrono::LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
                chrono::LocalResult::None => self.in_gap(local),
            },
            Zone::Defined(_) => {
                // The offsets around this time: a day before and after holds both sides of
                // any change near it (offsets are under a day, changes months apart).
                let mut fits: Vec<DateTime<Utc>> = [
                    self.offset_at(&(*local - Duration::days(1))),
                    self.offset_at(&(*local + Duration::days(1))),
                ]
                .into_iter()
                .map(|offset| *local - Duration::seconds(i64::from(offset)))
                .filter(|utc| self.local(utc) == *local)
                .map(|utc| utc.and_utc())
                .collect();
                fits.sort();
                match fits.first() {
                    Some(first) => *first,
                    None => self.in_gap(local),
                }
            }
        }
    }

    /// A wall-clock time that does not occur, read with the offset in force before the gap.
    fn in_gap(&self, local: &NaiveDateTime) -> DateTime<Utc> {
        let before = self.offset_at(&(*local - Duration::days(1)));
        (*local - Duration::seconds(i64::from(before))).and_utc()
    }
}

/// The IANA zone a `TZID` names, by its canonical name (`US/Eastern` and `Asia/Calcutta` are
/// `America/New_York` and `Asia/Kolkata`): an IANA name or alias, or a Windows zone name mapped
/// through CLDR's table (its world-wide entry, "001").
pub(crate) fn named_zone(tzid: &str) -> Option<Tz> {
    let tzid = tzid.trim().trim_matches('"').trim();
    if tzid.is_empty() {
        return None;
    }
    let iana = IanaParserExtended::new();
    let known = iana.parse(tzid);
    if known.time_zone != icu_time::TimeZone::UNKNOWN {
        if let Ok(tz) = known.canonical.parse::<Tz>() {
            return Some(tz);
        }
    }
    if let Ok(tz) = tzid.parse::<Tz>() {
        return Some(tz);
    }
    let windows = WindowsParser::new().parse(tzid, None)?;
    iana.iter()
        .find(|zone| zone.time_zone == windows)
        .and_then(|zone| zone.canonical.parse::<Tz>().ok())
}

/// One change of offset of an IANA zone, as an export's `VTIMEZONE` writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Change {
    /// The wall-clock time it happens at, read with the offset before it.
    pub(crate) local: NaiveDateTime,
    /// The offset before, in seconds east of UTC.
    pub(crate) from: i32,
    /// The offset after.
    pub(crate) to: i32,
    /// Summer time after it.
    pub(crate) daylight: bool,
    /// The zone's abbreviation after it (`CEST`), when it has one.
    pub(crate) name: Option<String>,
}

/// The offsets of `tz` from `from` to `to`: the first is the offset in force at `from` (`local`
/// is `from`'s wall-clock time, `from == to` of it), each next one a change within the span.
pub(crate) fn changes(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Change> {
    let at = |utc: &DateTime<Utc>| tz.offset_from_utc_datetime(&utc.naive_utc());
    let seconds = |offset: &<Tz as TimeZone>::Offset| offset.fix().local_minus_utc();
    let describe = |utc: &DateTime<Utc>, from: i32| {
        let offset = at(utc);
        Change {
            local: utc.naive_utc() + Duration::seconds(i64::from(from)),
            from,
            to: seconds(&offset),
            daylight: offset.dst_offset() != Duration::zero(),
            name: offset
                .abbreviation()
                .filter(|name| name.chars().all(|c| c.is_ascii_alphabetic()))
                .map(str::to_owned),
        }
    };
    let first = seconds(&at(&from));
    let mut list = vec![describe(&from, first)];
    let mut day = from;
    while day < to {
        let next = day + Duration::days(1);
        let (before, after) = (at(&day), at(&next));
        if before != after {
            // The change is within this day: find its second.
            let (mut low, mut high) = (day.timestamp(), next.timestamp());
            while high - low > 1 {
                let middle = low + (high - low) / 2;
                let instant = DateTime::from_timestamp(middle, 0).unwrap_or(day);
                if at(&instant) == before {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            let high = DateTime::from_timestamp(high, 0).unwrap_or(next);
            list.push(describe(&high, seconds(&before)));
        }
        day = next;
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        local(y, m, d, h, min).and_utc()
    }

    /// New York's rules in 2025 as a file would define them: EST, then EDT from 9 March
    /// 07:00 UTC, then EST from 2 November 06:00 UTC.
    fn new_york_defined() -> Zone {
        Zone::Defined(Arc::new(DefinedZone {
            initial: -5 * 3600,
            changes: vec![
                (utc(2025, 3, 9, 7, 0).timestamp(), -4 * 3600),
                (utc(2025, 11, 2, 6, 0).timestamp(), -5 * 3600),
            ],
        }))
    }

    #[test]
    fn iana_and_windows_names_find_their_zone() {
        assert_eq!(named_zone("America/New_York"), Some(Tz::America__New_York));
        assert_eq!(named_zone("\"Europe/Berlin\""), Some(Tz::Europe__Berlin));
        assert_eq!(
            named_zone("W. Europe Standard Time"),
            Some(Tz::Europe__Berlin)
        );
        assert_eq!(
            named_zone("Eastern Standard Time"),
            Some(Tz::America__New_York)
        );
        assert_eq!(
            named_zone("AUS Eastern Standard Time"),
            Some(Tz::Australia__Sydney)
        );
        assert_eq!(named_zone("India Standard Time"), Some(Tz::Asia__Kolkata));
        assert_eq!(named_zone("US/Eastern"), Some(Tz::America__New_York));
        assert_eq!(named_zone("asia/calcutta"), Some(Tz::Asia__Kolkata));
        assert_eq!(named_zone("Customized Time Zone"), None);
        assert_eq!(named_zone(""), None);
    }

    #[test]
    fn a_repeated_hour_means_its_first_occurrence_and_a_skipped_one_the_offset_before() {
        for zone in [Zone::Iana(Tz::America__New_York), new_york_defined()] {
            // 2 November 2025, 01:30 happens twice: first in EDT (05:30 UTC).
            assert_eq!(
                zone.instant(&local(2025, 11, 2, 1, 30)),
                utc(2025, 11, 2, 5, 30)
            );
            // 9 March 2025, 02:30 does not happen: read in EST, it is 07:30 UTC (03:30 EDT).
            assert_eq!(
                zone.instant(&local(2025, 3, 9, 2, 30)),
                utc(2025, 3, 9, 7, 30)
            );
            // Ordinary times on either side.
            assert_eq!(
                zone.instant(&local(2025, 3, 8, 19, 0)),
                utc(2025, 3, 9, 0, 0)
            );
            assert_eq!(
                zone.instant(&local(2025, 3, 11, 19, 0)),
                utc(2025, 3, 11, 23, 0)
            );
            assert_eq!(
                zone.local(&utc(2025, 11, 2, 6, 30).naive_utc()),
                local(2025, 11, 2, 1, 30)
            );
        }
    }

    #[test]
    fn an_iana_zone_s_changes_are_found_to_the_second() {
        let list = changes(
            Tz::Europe__Berlin,
            utc(2025, 1, 1, 0, 0),
            utc(2026, 1, 1, 0, 0),
        );
        assert_eq!(list.len(), 3);
        assert_eq!((list[0].from, list[0].to), (3600, 3600));
        assert_eq!(list[1].local, local(2025, 3, 30, 2, 0));
        assert_eq!(
            (list[1].from, list[1].to, list[1].daylight),
            (3600, 7200, true)
        );
        assert_eq!(list[1].name.as_deref(), Some("CEST"));
        assert_eq!(list[2].local, local(2025, 10, 26, 3, 0));
        assert_eq!((list[2].to, list[2].daylight), (3600, false));
        let tokyo = changes(
            Tz::Asia__Tokyo,
            utc(2025, 1, 1, 0, 0),
            utc(2026, 1, 1, 0, 0),
        );
        assert_eq!(tokyo.len(), 1);
        assert_eq!(tokyo[0].to, 9 * 3600);
    }
}
