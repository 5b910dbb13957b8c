//! A series expanded into its occurrences (RRULE in the series' own wall-clock time, EXDATEs
//! out, RECURRENCE-ID overrides in, at most 500), and each occurrence made an event.

use super::values::*;
use super::*;

impl<'s> Reader<'s, '_> {
    /// Every event and occurrence of the file, checked; overrides put in place of the
    /// occurrences they move, cancelled ones left out.
    pub(super) fn occurrences(
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
    pub(super) fn exception_key(moment: &Moment, series: &Moment) -> String {
        match (moment, series) {
            (Moment::Time { local, .. }, Moment::Day(_)) => Moment::Day(local.date()).key(),
            (Moment::Day(date), Moment::Time { .. }) => day_key(*date),
            (m, _) => m.key(),
        }
    }

    /// One event of the file at `start`, under `uid`, not checked yet.
    pub(super) fn occurrence(&self, read: &Read, start: &Moment, uid: String) -> Event {
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
pub(super) fn day_key(date: NaiveDate) -> String {
    format!("day:{}", date.format("%Y%m%d"))
}

/// What an event's start sorts by.
pub(super) fn start_key(start: &EventStart) -> DateTime<Utc> {
    match start {
        EventStart::Timed { at, .. } => *at,
        EventStart::AllDay { date } => date.and_time(NaiveTime::MIN).and_utc(),
    }
}

/// The length from a start to an end: days for days, minutes for times.
pub(super) fn span(start: &Moment, end: &Moment) -> Result<u32, String> {
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
pub(super) fn expand(
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
