//! Which backups are kept: the newest of each of the last 7 days, of the last 5 weeks and of the
//! last 12 months that have one — about a year and a half of history in 24 files at the most.
//!
//! Days, weeks (ISO weeks, from Monday) and months are the computer's, so "yesterday's backup"
//! is what the therapist means by it. Every backup of the newest day is kept: "Back up now" in
//! the afternoon never removes the morning's, which may be the one that still holds what was
//! deleted since. The next day, only that day's newest stays.

use std::collections::{BTreeSet, HashSet};

use chrono::{Datelike, NaiveDateTime};

/// How many of each are kept.
const DAYS: usize = 7;
const WEEKS: usize = 5;
const MONTHS: usize = 12;

/// The indexes in `made` (each backup's moment, local time) of the backups to keep.
pub fn kept(made: &[NaiveDateTime]) -> HashSet<usize> {
    let mut newest_first: Vec<usize> = (0..made.len()).collect();
    newest_first.sort_by(|&a, &b| made[b].cmp(&made[a]).then(b.cmp(&a)));
    let mut keep = HashSet::new();
    let mut newest_of = |period: &dyn Fn(NaiveDateTime) -> (i32, u32, u32), how_many: usize| {
        let mut seen = BTreeSet::new();
        for &i in &newest_first {
            if seen.len() == how_many && !seen.contains(&period(made[i])) {
                break;
            }
            if seen.insert(period(made[i])) {
                keep.insert(i);
            }
        }
    };
    newest_of(&|t| (t.year(), t.month(), t.day()), DAYS);
    newest_of(
        &|t| {
            let week = t.iso_week();
            (week.year(), week.week(), 0)
        },
        WEEKS,
    );
    newest_of(&|t| (t.year(), t.month(), 0), MONTHS);
    if let Some(&newest) = newest_first.first() {
        let day = made[newest].date();
        keep.extend(
            newest_first
                .iter()
                .copied()
                .filter(|&i| made[i].date() == day),
        );
    }
    keep
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate};

    use super::*;

    fn at(date: NaiveDate, hour: u32) -> NaiveDateTime {
        date.and_hms_opt(hour, 0, 0).unwrap()
    }

    #[test]
    fn nothing_to_keep_in_an_empty_folder() {
        assert!(kept(&[]).is_empty());
    }

    #[test]
    fn a_year_of_daily_backups_keeps_seven_days_five_weeks_and_twelve_months() {
        // One backup each day at 9:00, and a second at 17:00 ("Back up now"), for a year.
        let first = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
        let mut made = Vec::new();
        for day in 0..365 {
            let date = first + Duration::days(day);
            made.push(at(date, 9));
            made.push(at(date, 17));
        }
        let keep = kept(&made);
        let mut kept_moments: Vec<NaiveDateTime> = keep.iter().map(|&i| made[i]).collect();
        kept_moments.sort();
        let last = first + Duration::days(364); // 2026-11-30, a Monday
                                                // The last 7 days, each its newest (17:00).
        for day in 0..7 {
            assert!(kept_moments.contains(&at(last - Duration::days(day), 17)));
        }
        // The newest day keeps both of its backups; no other day keeps two.
        assert!(kept_moments.contains(&at(last, 9)));
        let days: BTreeSet<NaiveDate> = kept_moments.iter().map(|t| t.date()).collect();
        assert_eq!(days.len(), kept_moments.len() - 1);
        // The newest of each of the last 5 ISO weeks: this one (Monday, today), the week that
        // ended yesterday (among the 7 days), and the three Sundays before.
        for week in 1..=3 {
            assert!(kept_moments.contains(&at(last - Duration::days(7 * week + 1), 17)));
        }
        // The newest of each of the last 12 months: each month's last day.
        for (y, m, d) in [(2026, 10, 31), (2026, 9, 30), (2026, 1, 31), (2025, 12, 31)] {
            assert!(kept_moments.contains(&at(NaiveDate::from_ymd_opt(y, m, d).unwrap(), 17)));
        }
        assert!(kept_moments[0] >= at(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(), 0));
        // 7 days (and the newest day's morning), 3 more weeks, 11 more months (November's
        // newest is today's).
        assert_eq!(kept_moments.len(), 7 + 1 + 3 + 11, "{kept_moments:#?}");
    }

    #[test]
    fn gaps_count_the_days_that_have_a_backup_not_the_calendar() {
        // A laptop left shut for weeks: the last 7 backups are all kept, however far apart.
        let first = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let made: Vec<NaiveDateTime> = (0..10)
            .map(|n| at(first + Duration::days(10 * n), 9))
            .collect();
        let keep = kept(&made);
        for i in 3..10 {
            assert!(
                keep.contains(&i),
                "backup {i} is one of the last 7 days that have one"
            );
        }
    }

    #[test]
    fn every_backup_of_the_newest_day_is_kept_then_only_its_newest() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let mut made = vec![at(day, 8), at(day, 20), at(day, 12)];
        assert_eq!(kept(&made), HashSet::from([0, 1, 2]));
        made.push(at(day + Duration::days(1), 9));
        assert_eq!(kept(&made), HashSet::from([1, 3]));
    }
}
