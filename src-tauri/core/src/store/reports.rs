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
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

impl super::Store {
    /// Counted minutes per month and category, oldest month first.
    pub fn monthly_totals(&self) -> Result<Vec<MonthTotals>> {
        monthly(&self.conn)
    }
}
