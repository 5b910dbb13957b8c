//! Read-only summaries across entries, for the dashboard.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::Result;

/// Counted minutes of one month, per category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct MonthTotals {
    /// The month, `YYYY-MM`.
    pub month: String,
    /// Counted minutes in category A.
    #[specta(type = specta_typescript::Number)]
    pub a: i64,
    /// Counted minutes in category B.
    #[specta(type = specta_typescript::Number)]
    pub b: i64,
    /// Counted minutes in category C.
    #[specta(type = specta_typescript::Number)]
    pub c: i64,
}

fn monthly(conn: &Connection, count: u32) -> Result<Vec<MonthTotals>> {
    let newest: Option<String> =
        conn.query_row("SELECT substr(MAX(date), 1, 7) FROM entries", [], |r| {
            r.get(0)
        })?;
    let Some(newest) = newest.as_deref().and_then(month_index) else {
        return Ok(Vec::new());
    };
    // The window's first month: `count - 1` months before the newest.
    let from = newest - i32::try_from(count.max(1) - 1).unwrap_or(0);
    let mut stmt = conn.prepare_cached(
        "SELECT substr(date, 1, 7) AS month,
                SUM(CASE category WHEN 'A' THEN counted_minutes ELSE 0 END),
                SUM(CASE category WHEN 'B' THEN counted_minutes ELSE 0 END),
                SUM(CASE category WHEN 'C' THEN counted_minutes ELSE 0 END)
         FROM entries WHERE date >= ?1 GROUP BY month ORDER BY month",
    )?;
    let rows = stmt
        .query_map([format!("{}-01", month_name(from))], |r| {
            Ok(MonthTotals {
                month: r.get(0)?,
                a: r.get(1)?,
                b: r.get(2)?,
                c: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<MonthTotals>>>()?;
    Ok(with_empty_months(rows))
}

/// A `YYYY-MM` month as a count of months, so months are added by adding numbers.
fn month_index(month: &str) -> Option<i32> {
    let (year, month) = month.split_once('-')?;
    let (year, month): (i32, i32) = (year.parse().ok()?, month.parse().ok()?);
    Some(year * 12 + month - 1)
}

/// The `YYYY-MM` of a [`month_index`].
fn month_name(index: i32) -> String {
    format!(
        "{:04}-{:02}",
        index.div_euclid(12),
        index.rem_euclid(12) + 1
    )
}

/// The months between the first and the last, each once: a month with nothing logged is there
/// with zeros, so a chart of them is a true timeline.
fn with_empty_months(rows: Vec<MonthTotals>) -> Vec<MonthTotals> {
    let mut filled: Vec<MonthTotals> = Vec::with_capacity(rows.len());
    for row in rows {
        let last = filled.last().and_then(|m| month_index(&m.month));
        if let (Some(last), Some(until)) = (last, month_index(&row.month)) {
            for index in last + 1..until {
                filled.push(MonthTotals {
                    month: month_name(index),
                    a: 0,
                    b: 0,
                    c: 0,
                });
            }
        }
        filled.push(row);
    }
    filled
}

impl super::Store {
    /// Counted minutes per month and category for the `count` months up to the newest entry's
    /// (fewer when the first entry is later), oldest first; months with nothing logged are there
    /// as zeros, so a chart of them is a true timeline.
    pub fn monthly_totals(&self, count: u32) -> Result<Vec<MonthTotals>> {
        monthly(&self.conn, count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(month: &str, a: i64) -> MonthTotals {
        MonthTotals {
            month: month.into(),
            a,
            b: 0,
            c: 0,
        }
    }

    #[test]
    fn months_without_entries_are_there_with_zeros() {
        let filled = with_empty_months(vec![
            month("2025-11", 60),
            month("2026-02", 90),
            month("2026-03", 30),
        ]);
        let names: Vec<&str> = filled.iter().map(|m| m.month.as_str()).collect();
        assert_eq!(
            names,
            ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]
        );
        assert_eq!(
            filled.iter().map(|m| m.a).collect::<Vec<_>>(),
            [60, 0, 0, 90, 30]
        );
    }

    #[test]
    fn no_months_and_one_month_stay_as_they_are() {
        assert_eq!(with_empty_months(vec![]), vec![]);
        assert_eq!(
            with_empty_months(vec![month("2025-01", 5)]),
            vec![month("2025-01", 5)]
        );
    }

    #[test]
    fn the_window_ends_at_the_newest_entry_however_old_the_first() {
        let store = crate::store::Store::open_in_memory().unwrap();
        assert_eq!(store.monthly_totals(18).unwrap(), vec![]);
        for (id, date) in [(1, "0025-03-14"), (2, "2024-11-02"), (3, "2026-02-20")] {
            store
                .conn()
                .execute(
                    "INSERT INTO entries (id, date, activity, category, format, minutes,
                        certified_mentor, endorsed, counted_minutes)
                     VALUES (?1, ?2, 'one_to_one', 'C', 'virtual', 60, 1, 1, 60)",
                    rusqlite::params![id, date],
                )
                .unwrap();
        }
        let months = store.monthly_totals(18).unwrap();
        assert_eq!(
            months.len(),
            16,
            "from the first entry in the window, 2024-11"
        );
        assert_eq!(
            months[0],
            MonthTotals {
                month: "2024-11".into(),
                a: 0,
                b: 0,
                c: 60
            }
        );
        assert_eq!(months[15].month, "2026-02");
        let short = store.monthly_totals(3).unwrap();
        let names: Vec<&str> = short.iter().map(|m| m.month.as_str()).collect();
        assert_eq!(
            names,
            ["2026-02"],
            "the window's first month with an entry opens it"
        );
        store
            .conn()
            .execute("DELETE FROM entries WHERE id = 3", [])
            .unwrap();
        assert_eq!(
            store.monthly_totals(18).unwrap().len(),
            1,
            "only 2024-11 in its window"
        );
    }
}
