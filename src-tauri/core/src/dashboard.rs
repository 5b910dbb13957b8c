//! The dashboard: where the therapist stands, decided here so every view says the same.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::Result;
use crate::model::{Entry, EntryQuery, EntrySort};
use crate::rules::{default_rule_set, CreditStatus};
use crate::store::{MonthTotals, Store};

/// How many months the dashboard's chart shows.
pub const CHART_MONTHS: u32 = 18;

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Dashboard {
    /// Credits available and what the next one needs.
    pub status: CreditStatus,
    /// Counted minutes not yet claimed, all categories together.
    #[specta(type = specta_typescript::Number)]
    pub unclaimed_minutes: i64,
    /// What the next credit needs, in one plain sentence.
    pub next_credit_sentence: String,
    /// The most recent entries that count less than logged, with their reasons.
    pub reduced: Vec<Entry>,
    /// How many entries count less than logged in all.
    #[specta(type = specta_typescript::Number)]
    pub reduced_total: i64,
    /// Counted minutes per month and category for the chart: the last [`CHART_MONTHS`] months
    /// up to the newest entry's, empty months as zeros.
    pub months: Vec<MonthTotals>,
    /// How many entries are logged.
    #[specta(type = specta_typescript::Number)]
    pub entry_count: i64,
}

/// The dashboard for the store's current records.
pub fn dashboard(store: &Store) -> Result<Dashboard> {
    let rules = default_rule_set()?;
    let status = store.credit_status()?;
    let reduced = store.entries(&EntryQuery {
        counted_less: true,
        sort: EntrySort::DateDesc,
        limit: 8,
        ..Default::default()
    })?;
    let all = store.entries(&EntryQuery {
        limit: 1,
        ..Default::default()
    })?;
    Ok(Dashboard {
        next_credit_sentence: status.next_credit_sentence(rules),
        unclaimed_minutes: status.counted.total(),
        status,
        reduced: reduced.rows,
        reduced_total: reduced.total,
        months: store.monthly_totals(CHART_MONTHS)?,
        entry_count: all.total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_dashboard_agrees_with_the_credit_arithmetic() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::load(
            &mut store,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        )
        .unwrap();
        let d = dashboard(&store).unwrap();
        assert_eq!(d.status, store.credit_status().unwrap());
        assert!(
            d.next_credit_sentence.starts_with("For your next credit"),
            "{}",
            d.next_credit_sentence
        );
        let by_month: i64 = d.months.iter().map(|m| m.a + m.b + m.c).sum();
        assert_eq!(by_month, d.status.counted.total());
        assert_eq!(d.unclaimed_minutes, d.status.counted.total());
        assert_eq!(d.reduced.len() as i64, d.reduced_total.min(8));
        assert_eq!(d.entry_count, 23);
    }

    #[test]
    fn after_a_claim_the_dashboard_shows_only_what_is_left() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::load(&mut store, today).unwrap();
        let before = dashboard(&store).unwrap().status;
        assert_eq!(before.credits_available, 1);
        let claimed = store.claim_credits(1, today).unwrap().summary.claimed;
        let after = dashboard(&store).unwrap();
        assert_eq!(after.status, store.credit_status().unwrap());
        assert_eq!(after.status.credits_available, 0);
        for c in crate::rules::Category::ALL {
            assert_eq!(after.status.counted[c], before.counted[c] - claimed[c]);
        }
        assert!(after
            .next_credit_sentence
            .starts_with("For your next credit"));
    }
}
