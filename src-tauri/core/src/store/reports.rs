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

fn monthly(conn: &Connection) -> Result<Vec<MonthTotals>> {
    let mut stmt = conn.prepare_cached(
        "SELECT substr(date, 1, 7) AS month,
                SUM(CASE category WHEN 'A' THEN counted_minutes ELSE 0 END),
                SUM(CASE category WHEN 'B' THEN counted_minutes ELSE 0 END),
                SUM(CASE category WHEN 'C' THEN counted_minutes ELSE 0 END)
         FROM entries GROUP BY month ORDER BY month",
    )?;
    let rows = stmt
        .query_map([], |r| {
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

/// The months between the first and the last, each once: a month with nothing logged is there
/// with zeros, so a chart of them is a true timeline.
fn with_empty_months(rows: Vec<MonthTotals>) -> Vec<MonthTotals> {
    let parse = |month: &str| -> Option<(i32, u32)> {
        let (year, month) = month.split_once('-')?;
        Some((year.parse().ok()?, month.parse().ok()?))
    };
    let mut filled: Vec<MonthTotals> = Vec::with_capacity(rows.len());
    for row in rows {
        if let (Some(last), Some(until)) = (
            filled.last().and_then(|m| parse(&m.month)),
            parse(&row.month),
        ) {
            let (mut year, mut month) = last;
            loop {
                (year, month) = if month == 12 {
                    (year + 1, 1)
                } else {
                    (year, month + 1)
                };
                if (year, month) >= until {
                    break;
                }
                filled.push(MonthTotals {
                    month: format!("{year:04}-{month:02}"),
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
    /// Counted minutes per month and category, oldest month first: every month from the first
    /// entry's to the last's, those with nothing logged as zeros.
    pub fn monthly_totals(&self) -> Result<Vec<MonthTotals>> {
        monthly(&self.conn)
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
}
