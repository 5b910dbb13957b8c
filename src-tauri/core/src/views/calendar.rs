//! The Calendar view: a month grid and an agenda (upcoming, then past), each event with its time
//! in the computer's zone and its own zone beside it when they differ ("19:00 New York — 01:00
//! here, Wed"), today marked, what the therapist may say of it now, and the mark of a
//! prerequisite course not yet taken, with the sentence why.
//!
//! The computer's zone is handed in by the shell (the engine has no clock and no system); a
//! month's grid reads only the events of the days it shows (the `events_by_start` index).

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Offset, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{Error, Result};
use crate::model::{iso, Course, CourseRole, Event, EventStart, EventStatus};
use crate::rules::format_minutes;
use crate::store::{
    all_courses, event_started, events_between, events_past, events_upcoming, Attended, Store,
    StoredEvent,
};

/// How many events each part of the agenda lists at most: what a glance reads, and few enough
/// to paint in one frame (the month grid reaches any other).
pub const AGENDA_LIMIT: u32 = 30;

/// A prerequisite course the therapist has not taken, and why it matters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PrerequisiteMark {
    /// The course key, e.g. `CS1`.
    pub course: String,
    /// "You have not taken CS1 yet: a mentor does not teach material of courses not yet
    /// attended."
    pub sentence: String,
}

/// A status the therapist may give an event now, with the button's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct StatusChoice {
    /// The status; `None` takes back what was said.
    pub status: Option<EventStatus>,
    /// "Registered".
    pub label: String,
}

/// A way to attend an event that may be logged now, with the button's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AttendChoice {
    /// Live or the recording.
    pub how: Attended,
    /// "Attended live…".
    pub label: String,
}

/// An event as the Calendar view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct EventView {
    /// Its row.
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    /// The event.
    pub event: Event,
    /// The entry it was logged as, once attended.
    #[specta(type = Option<specta_typescript::Number>)]
    pub entry_id: Option<i64>,
    /// The day it falls on in the computer's zone (an all-day event: its own date), ISO.
    pub local_date: String,
    /// That day in words: "Wed 9 December 2026".
    pub day: String,
    /// The time on the computer's clock ("01:00"), or "All day".
    pub time: String,
    /// When it is, both ways when they differ: "19:00 New York — 01:00 here, Wed"; else "19:00";
    /// "All day".
    pub when: String,
    /// How long it lasts: "1 h 30 min".
    pub duration: String,
    /// It falls on today (the computer's).
    pub today: bool,
    /// It has started.
    pub started: bool,
    /// Where the therapist stands with it: "Registered", "Attended live, logged", "Not marked".
    pub status_label: String,
    /// The statuses that may be given now (attended is said by logging it: see `attend`).
    pub choices: Vec<StatusChoice>,
    /// The ways it may be logged as attended now; empty before it starts and once logged.
    pub attend: Vec<AttendChoice>,
    /// Why it cannot be logged yet, when it cannot: "It can be logged once it has started."
    pub attend_note: Option<String>,
    /// Its prerequisite course, when the therapist has not taken it.
    pub prerequisite: Option<PrerequisiteMark>,
}

/// A day of the month grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct GridDay {
    /// ISO date.
    pub date: String,
    /// The day of the month, "9".
    pub number: u32,
    /// "Wednesday 9 December 2026".
    pub label: String,
    /// It belongs to the month shown (not a day of the weeks around it).
    pub in_month: bool,
    /// It is today.
    pub today: bool,
    /// Its events, by start.
    pub events: Vec<EventView>,
}

/// A month, for the buttons that move to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct MonthRef {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
}

/// The month grid: whole weeks, Monday first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CalendarMonth {
    /// The month shown.
    pub month: MonthRef,
    /// "December 2026".
    pub title: String,
    /// The month before.
    pub previous: MonthRef,
    /// The month after.
    pub next: MonthRef,
    /// The month of today.
    pub current: MonthRef,
    /// The columns' names: "Mon" … "Sun".
    pub weekdays: Vec<String>,
    /// The weeks, seven days each.
    pub weeks: Vec<Vec<GridDay>>,
    /// "3 events in December 2026", "No events in December 2026".
    pub summary: String,
}

/// The agenda: what is coming, soonest first, then what is past, latest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Agenda {
    /// Events not yet started (at most [`AGENDA_LIMIT`]).
    pub upcoming: Vec<EventView>,
    /// How many have not started in all.
    pub upcoming_total: u32,
    /// Events started, latest first (at most [`AGENDA_LIMIT`]).
    pub past: Vec<EventView>,
    /// How many have started in all.
    pub past_total: u32,
    /// "2 upcoming, 5 past", or "The next 30 of 9,000 upcoming, the last 30 of 1,000 past".
    pub summary: String,
}

/// What every event view is made with: the clock, the computer's zone, the courses taken.
struct Context {
    here: Tz,
    now: DateTime<Utc>,
    today: NaiveDate,
    courses: Vec<Course>,
}

impl Context {
    fn new(store: &Store, here: Tz, now: DateTime<Utc>) -> Result<Context> {
        Ok(Context {
            here,
            now,
            today: now.with_timezone(&here).date_naive(),
            courses: all_courses(store.conn())?,
        })
    }
}

/// The name a zone goes by in a sentence: its city ("New York"), else its name.
fn zone_name(name: &str) -> String {
    name.rsplit('/').next().unwrap_or(name).replace('_', " ")
}

pub(crate) fn status_label(status: Option<EventStatus>, logged: bool) -> String {
    let label = match status {
        None => "Not marked",
        Some(EventStatus::Interested) => "Interested",
        Some(EventStatus::Registered) => "Registered",
        Some(EventStatus::AttendedLive) => "Attended live",
        Some(EventStatus::AttendedRecording) => "Watched the recording",
        Some(EventStatus::Missed) => "Missed",
    };
    if logged {
        format!("{label}, logged")
    } else {
        label.to_owned()
    }
}

fn prerequisite(courses: &[Course], course: &str) -> Option<PrerequisiteMark> {
    let taken = courses
        .iter()
        .any(|c| c.draft.course == course && c.draft.role == Some(CourseRole::Participant));
    (!course.is_empty() && !taken).then(|| PrerequisiteMark {
        course: course.to_owned(),
        sentence: format!(
            "You have not taken {course} yet: a mentor does not teach material of courses not \
             yet attended."
        ),
    })
}

/// The local date, the clock time and the "when" of an event.
fn when(start: &EventStart, here: Tz) -> (NaiveDate, String, String) {
    match start {
        EventStart::AllDay { date } => (*date, "All day".into(), "All day".into()),
        EventStart::Timed { at, time_zone } => {
            let local = at.with_timezone(&here);
            let time = local.format("%H:%M").to_string();
            let own_zone = time_zone.as_deref().and_then(|n| n.parse::<Tz>().ok());
            let (own_offset, own_date, own_time, own_name) = match own_zone {
                Some(tz) => {
                    let own = at.with_timezone(&tz);
                    (
                        own.offset().fix(),
                        own.date_naive(),
                        own.format("%H:%M").to_string(),
                        zone_name(tz.name()),
                    )
                }
                None => (
                    Utc.fix(),
                    at.date_naive(),
                    at.format("%H:%M").to_string(),
                    "UTC".to_owned(),
                ),
            };
            let when = if own_offset == local.offset().fix() {
                time.clone()
            } else if own_date == local.date_naive() {
                format!("{own_time} {own_name} — {time} here")
            } else {
                format!(
                    "{own_time} {own_name} — {time} here, {}",
                    local.format("%a")
                )
            };
            (local.date_naive(), time, when)
        }
    }
}

fn view(stored: StoredEvent, cx: &Context) -> EventView {
    let StoredEvent {
        id,
        event,
        entry_id,
    } = stored;
    let (local_date, time, when) = when(&event.start, cx.here);
    let started = event_started(&event, cx.now, cx.today);
    let logged = entry_id.is_some();
    let mut choices = Vec::new();
    let mut attend = Vec::new();
    if !logged {
        let mut offer = |status: Option<EventStatus>, label: &str| {
            if event.status != status {
                choices.push(StatusChoice {
                    status,
                    label: label.to_owned(),
                });
            }
        };
        offer(Some(EventStatus::Interested), "Interested");
        offer(Some(EventStatus::Registered), "Registered");
        if started {
            offer(Some(EventStatus::Missed), "Missed");
        }
        if event.status.is_some() {
            offer(None, "Clear");
        }
        if started {
            if event.live {
                attend.push(AttendChoice {
                    how: Attended::Live,
                    label: "Attended live…".into(),
                });
            }
            if event.recording {
                attend.push(AttendChoice {
                    how: Attended::Recording,
                    label: "Watched the recording…".into(),
                });
            }
        }
    }
    let attend_note =
        (!logged && !started).then(|| "It can be logged once it has started.".to_owned());
    EventView {
        id,
        entry_id,
        local_date: iso(local_date),
        day: local_date.format("%a %-d %B %Y").to_string(),
        time,
        when,
        duration: format_minutes(i64::from(event.duration_minutes)),
        today: local_date == cx.today,
        started,
        status_label: status_label(event.status, logged),
        choices,
        attend,
        attend_note,
        prerequisite: prerequisite(&cx.courses, &event.prerequisite),
        event,
    }
}

/// Local midnight of `date` in `tz` as an instant (the first moment of the day when midnight
/// falls in a gap).
fn midnight(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let start = date.and_time(chrono::NaiveTime::MIN);
    (0..=3)
        .find_map(|h| {
            tz.from_local_datetime(&(start + Duration::hours(h)))
                .earliest()
        })
        .map_or_else(|| start.and_utc(), |t| t.with_timezone(&Utc))
}

fn month_ref(date: NaiveDate) -> MonthRef {
    MonthRef {
        year: date.year(),
        month: date.month(),
    }
}

/// The month grid of `month` (1–12) of `year`, in the computer's zone `here`, at `now`.
pub fn calendar_month(
    store: &Store,
    year: i32,
    month: u32,
    here: Tz,
    now: DateTime<Utc>,
) -> Result<CalendarMonth> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)
        .filter(|_| (1900..=2200).contains(&year))
        .ok_or_else(|| Error::invalid("month", format!("There is no month {month} of {year}.")))?;
    let cx = Context::new(store, here, now)?;
    let next_first = first + Months::new(1);
    let grid_start = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
    let last = next_first - Duration::days(1);
    let grid_end = last + Duration::days(i64::from(6 - last.weekday().num_days_from_monday()));
    // A day either side: an all-day event is stored at its date's midnight in UTC.
    let from = midnight(grid_start, here) - Duration::days(1);
    let to = midnight(grid_end + Duration::days(1), here) + Duration::days(1);
    let mut events: Vec<EventView> = events_between(store.conn(), from, to)?
        .into_iter()
        .map(|e| view(e, &cx))
        .collect();
    events.sort_by(|a, b| {
        (a.local_date.as_str(), a.time != "All day")
            .cmp(&(b.local_date.as_str(), b.time != "All day"))
    });
    let mut in_month = 0;
    let mut weeks = Vec::new();
    let mut day = grid_start;
    let mut events = events.into_iter().peekable();
    while day <= grid_end {
        let mut week = Vec::with_capacity(7);
        for _ in 0..7 {
            let date = iso(day);
            while events.peek().is_some_and(|e| e.local_date < date) {
                events.next();
            }
            let mut of_day = Vec::new();
            while events.peek().is_some_and(|e| e.local_date == date) {
                of_day.extend(events.next());
            }
            let belongs = day.month() == month;
            if belongs {
                in_month += of_day.len();
            }
            week.push(GridDay {
                number: day.day(),
                label: day.format("%A %-d %B %Y").to_string(),
                in_month: belongs,
                today: day == cx.today,
                events: of_day,
                date,
            });
            day += Duration::days(1);
        }
        weeks.push(week);
    }
    let title = first.format("%B %Y").to_string();
    let summary = match in_month {
        0 => format!("No events in {title}"),
        1 => format!("1 event in {title}"),
        n => format!("{n} events in {title}"),
    };
    Ok(CalendarMonth {
        month: month_ref(first),
        previous: month_ref(first - Months::new(1)),
        next: month_ref(next_first),
        current: month_ref(cx.today),
        weekdays: [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ]
        .iter()
        .map(|d| d.to_string())
        .collect(),
        weeks,
        title,
        summary,
    })
}

/// A count as the window writes it: "9,000".
fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The agenda at `now`, in the computer's zone `here`.
pub fn agenda(store: &Store, here: Tz, now: DateTime<Utc>) -> Result<Agenda> {
    let cx = Context::new(store, here, now)?;
    let (upcoming, upcoming_total) = events_upcoming(store.conn(), now, AGENDA_LIMIT)?;
    let (past, past_total) = events_past(store.conn(), now, AGENDA_LIMIT)?;
    let part = |shown: usize, total: u32, first: &str, word: &str| {
        if shown as u32 == total {
            format!("{} {word}", thousands(total))
        } else {
            format!("the {first} {shown} of {} {word}", thousands(total))
        }
    };
    let summary = if upcoming_total + past_total == 0 {
        "No events yet: import a calendar file (.ics).".to_owned()
    } else {
        crate::rules::wording::capitalized(&format!(
            "{}, {}",
            part(upcoming.len(), upcoming_total, "next", "upcoming"),
            part(past.len(), past_total, "last", "past")
        ))
    };
    Ok(Agenda {
        upcoming: upcoming.into_iter().map(|e| view(e, &cx)).collect(),
        upcoming_total,
        past: past.into_iter().map(|e| view(e, &cx)).collect(),
        past_total,
        summary,
    })
}

/// What the dashboard shows of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CalendarGlance {
    /// Today's and tomorrow's events (the computer's days), by start.
    pub soon: Vec<SoonEvent>,
    /// When the next credit needs category B hours and upcoming events the therapist registered
    /// for or is interested in would give some: those events, and what they would give.
    pub fill: Option<GapFill>,
}

/// An event of today or tomorrow, as the dashboard lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SoonEvent {
    /// "Today" or "Tomorrow".
    pub day: String,
    /// The event.
    pub view: EventView,
}

/// The upcoming events that would fill the next credit's category B gap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct GapFill {
    /// "Your next credit needs 4 h of category B: these 2 events you marked would give 3 h."
    pub sentence: String,
    /// The events, soonest first, as many as it takes (or all there are).
    pub events: Vec<EventView>,
}

/// How many upcoming events the gap is looked for in.
const GAP_LOOKAHEAD: u32 = 500;

/// The dashboard's glance at the calendar: today's and tomorrow's events, and what fills the
/// next credit's category B gap (the same need the dashboard shows), in the computer's zone
/// `here`, at `now`.
pub fn calendar_glance(store: &Store, here: Tz, now: DateTime<Utc>) -> Result<CalendarGlance> {
    let cx = Context::new(store, here, now)?;
    let from = midnight(cx.today, here);
    let to = midnight(cx.today + Duration::days(2), here);
    let soon = events_between(store.conn(), from, to)?
        .into_iter()
        .map(|e| {
            let view = view(e, &cx);
            SoonEvent {
                day: if view.today { "Today" } else { "Tomorrow" }.to_owned(),
                view,
            }
        })
        .collect();
    let rules = crate::rules::default_rule_set()?;
    let (categories, _, _) = super::dashboard::progress(rules, &store.credit_status()?);
    let need = categories
        .iter()
        .find(|c| c.category == crate::rules::Category::B)
        .map_or(0, |c| c.needs_minutes);
    let fill = if need > 0 {
        let (upcoming, _) = events_upcoming(store.conn(), now, GAP_LOOKAHEAD)?;
        let mut given = 0;
        let mut chosen = Vec::new();
        for e in upcoming {
            let marked = matches!(
                e.event.status,
                Some(EventStatus::Registered | EventStatus::Interested)
            );
            let counts_b = rules
                .activity(&e.event.activity)
                .is_ok_and(|a| a.category == crate::rules::Category::B);
            if marked && counts_b && given < need {
                given += i64::from(e.event.duration_minutes);
                chosen.push(view(e, &cx));
            }
        }
        (!chosen.is_empty()).then(|| {
            let events = if chosen.len() == 1 {
                "this event you marked".to_owned()
            } else {
                format!("these {} events you marked", chosen.len())
            };
            let gives = if given >= need {
                format!("would give {}", format_minutes(given))
            } else {
                format!("would give {} of it", format_minutes(given))
            };
            GapFill {
                sentence: format!(
                    "Your next credit needs {} of category B: {events} {gives}.",
                    format_minutes(need)
                ),
                events: chosen,
            }
        })
    } else {
        None
    };
    Ok(CalendarGlance { soon, fill })
}

#[cfg(test)]
mod tests;
