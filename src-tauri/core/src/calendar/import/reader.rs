//! One event of a file read: its zone (by name or by the file's VTIMEZONE), its times, its end,
//! its fields — everything the file says of it, before its series is expanded.

use super::series::*;
use super::values::*;
use super::*;

pub(super) struct Reader<'s, 'c> {
    pub(super) source: &'s Source,
    pub(super) context: &'s IcsContext<'c>,
    /// The file's VTIMEZONE blocks by TZID.
    pub(super) definitions: HashMap<String, &'s Component<'s>>,
    /// Zones already found, by TZID.
    pub(super) zones: HashMap<String, Result<Zone, String>>,
}

impl<'s> Reader<'s, '_> {
    pub(super) fn line(&self, property: &Property) -> u32 {
        self.source.line_of(property.name.as_str())
    }

    /// A problem at a property's line.
    pub(super) fn at(&self, property: &Property, message: String) -> IcsProblem {
        problem(self.line(property), property.name.as_str(), message)
    }

    /// The zone a TZID names, or why there is none.
    pub(super) fn zone(&mut self, tzid: &str) -> Result<Zone, String> {
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
    pub(super) fn defined(&self, definition: &Component) -> Result<Zone, String> {
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
    pub(super) fn moment(&mut self, property: &Property, value: &str) -> Result<Moment, String> {
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

    pub(super) fn event(&mut self, component: &Component) -> Result<Read, IcsProblem> {
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
}
