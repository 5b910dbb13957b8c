//! Claiming credits: which minutes of which entries a tracking form claims.
//!
//! A claim of n credits takes exactly n units of minutes, and chooses them so that what stays in
//! the pool earns as many future credits as possible: each category first gives its n minimums,
//! then the flexible rest comes from whichever category has the most left (ties go to A, then B,
//! then C), always oldest entries first. An entry may be split; its remainder stays in the pool
//! and is printed as "carried forward" next time. Claimed minutes are never counted again.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::credits::{credit_status, ByCategory, CreditStatus};
use super::set::{Category, RuleSet};
use crate::error::{Error, Result};

/// One entry of the pool: its counted minutes not yet claimed by any submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PoolEntry {
    /// The entry's id.
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    /// Its category.
    pub category: Category,
    /// The day it took place; older entries are claimed first.
    #[specta(type = String)]
    pub date: NaiveDate,
    /// Counted minutes still available to claim.
    #[specta(type = specta_typescript::Number)]
    pub minutes: i64,
}

/// Minutes a claim takes from one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ClaimedMinutes {
    /// The entry's id.
    #[specta(type = specta_typescript::Number)]
    pub entry_id: i64,
    /// Minutes claimed from it (at least 1, at most what it had available).
    #[specta(type = specta_typescript::Number)]
    pub minutes: i64,
}

/// Checks a claim of `credits` against what the pool earns (`status`). With no credit to claim,
/// refuses and says what the next one needs (`Error::Refused`); otherwise a number outside
/// 1..=k is a field error on `credits`. The store checks with this before it reads the pool, and
/// [`allocate_claim`] with it again, so both say the same.
pub fn check_claim(rule_set: &RuleSet, status: &CreditStatus, credits: i64) -> Result<()> {
    let available = status.credits_available;
    if available < 1 {
        return Err(Error::Refused(format!(
            "No credit can be claimed yet. {}",
            status.next_credit_sentence(rule_set)
        )));
    }
    if credits < 1 || credits > available {
        return Err(Error::invalid(
            "credits",
            if available == 1 {
                "You have 1 credit available; claim 1.".to_owned()
            } else {
                format!("You have {available} credits available; claim between 1 and {available}.")
            },
        ));
    }
    Ok(())
}

/// Chooses the minutes that claim `credits` credits from the pool.
///
/// Returns one line per entry that gives minutes, by category (A, B, C) and then oldest first.
/// Refuses, changing nothing, a pool with negative minutes or a repeated id (field `entries`),
/// and a number of credits the pool does not earn (see [`check_claim`]).
pub fn allocate_claim(
    rule_set: &RuleSet,
    pool: &[PoolEntry],
    credits: i64,
) -> Result<Vec<ClaimedMinutes>> {
    let mut ids = HashSet::with_capacity(pool.len());
    for entry in pool {
        if entry.minutes < 0 {
            return Err(Error::invalid(
                "entries",
                format!("Entry {} has negative minutes.", entry.id),
            ));
        }
        if !ids.insert(entry.id) {
            return Err(Error::invalid(
                "entries",
                format!("Entry {} appears twice.", entry.id),
            ));
        }
    }

    let counted = ByCategory::sum(pool.iter().map(|e| (e.category, e.minutes)));
    check_claim(rule_set, &credit_status(rule_set, counted), credits)?;
    let wanted_by_category = claim_by_category(rule_set, counted, credits);

    let mut claims = Vec::new();
    for category in Category::ALL {
        let mut entries: Vec<&PoolEntry> = pool.iter().filter(|e| e.category == category).collect();
        entries.sort_by_key(|e| (e.date, e.id));
        let mut wanted = wanted_by_category[category];
        for entry in entries {
            if wanted == 0 {
                break;
            }
            let minutes = entry.minutes.min(wanted);
            if minutes > 0 {
                claims.push(ClaimedMinutes {
                    entry_id: entry.id,
                    minutes,
                });
                wanted -= minutes;
            }
        }
    }
    Ok(claims)
}

/// How many minutes each category gives to a claim of `credits` credits from `counted` minutes:
/// its minimums, and its share of the flexible rest. `credits` must be at most what `counted`
/// earns ([`check_claim`]); the dashboard asks this to say where the available credits' hours
/// come from.
pub fn claim_by_category(rule_set: &RuleSet, counted: ByCategory, credits: i64) -> ByCategory {
    let credits = credits.clamp(0, credit_status(rule_set, counted).credits_available);
    // credits ≤ k, so every product below is at most the minutes it is taken from: no overflow.
    let minimums = rule_set.minimums();
    let flexible = (rule_set.credit().unit_minutes - minimums.iter().sum::<i64>()) * credits;
    let left = Category::ALL.map(|c| counted[c].max(0) - minimums[c.index()] * credits);
    let extra = water_fill(left, flexible);
    let mut taken = ByCategory::default();
    for c in Category::ALL {
        taken[c] = minimums[c.index()] * credits + extra[c.index()];
    }
    taken
}

/// How many of `amount` minutes each category gives when they are taken one at a time from
/// whichever has the most `left`, ties going to the earlier category.
///
/// Rather than loop minute by minute, find the lowest level L to which every category can be cut
/// with at most `amount` minutes; the few minutes still to take then come one each from the
/// categories standing at L, in order. Needs `0 ≤ amount ≤ sum(left)` and `left ≥ 0`.
fn water_fill(left: [i64; 3], amount: i64) -> [i64; 3] {
    let above = |level: i64| -> i64 { left.iter().map(|&x| (x - level).max(0)).sum() };
    let (mut low, mut high) = (0, left.iter().copied().max().unwrap_or(0));
    while low < high {
        let mid = low + (high - low) / 2;
        if above(mid) <= amount {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    let level = low;
    let mut taken = left.map(|x| (x - level).max(0));
    let mut rest = amount - above(level);
    for (x, take) in left.iter().zip(taken.iter_mut()) {
        if rest > 0 && *x >= level {
            *take += 1;
            rest -= 1;
        }
    }
    taken
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::default_rule_set;
    use proptest::prelude::*;
    use std::collections::HashMap;

    fn day(n: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2015, 1, 1).unwrap() + chrono::Days::new(n as u64)
    }

    fn e(id: i64, category: Category, date: i64, minutes: i64) -> PoolEntry {
        PoolEntry {
            id,
            category,
            date: day(date),
            minutes,
        }
    }

    fn claim(pool: &[PoolEntry], credits: i64) -> Result<Vec<ClaimedMinutes>> {
        allocate_claim(default_rule_set().unwrap(), pool, credits)
    }

    fn pairs(claims: &[ClaimedMinutes]) -> Vec<(i64, i64)> {
        claims.iter().map(|c| (c.entry_id, c.minutes)).collect()
    }

    /// The flexible minutes taken one at a time, as the brief describes it.
    fn water_fill_by_the_minute(mut left: [i64; 3], amount: i64) -> [i64; 3] {
        let mut taken = [0; 3];
        for _ in 0..amount {
            let most = *left.iter().max().unwrap();
            let i = left.iter().position(|&x| x == most).unwrap();
            left[i] -= 1;
            taken[i] += 1;
        }
        taken
    }

    #[test]
    fn one_credit_from_exactly_one_credit_leaves_nothing() {
        use Category::*;
        let pool = [
            e(1, A, 0, 360),
            e(2, B, 0, 360),
            e(3, C, 1, 300),
            e(4, C, 2, 420),
        ];
        let claims = claim(&pool, 1).unwrap();
        assert_eq!(pairs(&claims), [(1, 360), (2, 360), (3, 300), (4, 420)]);
        let after: Vec<PoolEntry> = pool
            .iter()
            .zip(&claims)
            .map(|(p, c)| PoolEntry {
                minutes: p.minutes - c.minutes,
                ..p.clone()
            })
            .collect();
        assert!(after.iter().all(|p| p.minutes == 0));
        let status = credit_status(default_rule_set().unwrap(), ByCategory::default());
        assert_eq!(status.credits_available, 0);
        assert!(matches!(claim(&after, 1), Err(Error::Refused(m)) if m.starts_with("No credit")));
    }

    #[test]
    fn the_flexible_hours_come_from_the_fullest_category_and_old_entries_first() {
        use Category::*;
        let pool = [
            e(10, A, 5, 400),
            e(11, B, 3, 200),
            e(12, B, 1, 200),
            e(13, C, 9, 600),
            e(14, C, 2, 600),
        ];
        // A 400, B 400, C 1200: minimums 360 each, then 360 flexible, all from C (840 left,
        // against 40 and 40).
        let claims = claim(&pool, 1).unwrap();
        assert_eq!(
            pairs(&claims),
            [(10, 360), (12, 200), (11, 160), (14, 600), (13, 120)]
        );
    }

    #[test]
    fn ties_go_to_a_then_b_then_c() {
        use Category::*;
        // After the minimums, 361 left in each: the 360 flexible minutes bring all three to 241,
        // taking 120 each.
        let pool = [e(1, A, 0, 721), e(2, B, 0, 721), e(3, C, 0, 721)];
        assert_eq!(
            pairs(&claim(&pool, 1).unwrap()),
            [(1, 480), (2, 480), (3, 480)]
        );
        // With one more flexible minute to place than splits evenly, A gives it.
        assert_eq!(water_fill([100, 100, 100], 301), [101, 100, 100]);
        assert_eq!(water_fill([100, 100, 100], 302), [101, 101, 100]);
        assert_eq!(water_fill([5, 9, 9], 5), [0, 3, 2]);
    }

    #[test]
    fn several_credits_at_once() {
        use Category::*;
        let pool = [e(1, A, 0, 1000), e(2, B, 0, 1000), e(3, C, 0, 1000)];
        let claims = claim(&pool, 2).unwrap();
        assert_eq!(claims.iter().map(|c| c.minutes).sum::<i64>(), 2880);
        assert_eq!(pairs(&claims), [(1, 960), (2, 960), (3, 960)]);
    }

    #[test]
    fn a_claim_of_nothing_or_too_much_is_refused() {
        use Category::*;
        let pool = [e(1, A, 0, 360), e(2, B, 0, 360), e(3, C, 0, 720)];
        for n in [0, -3, 2] {
            match claim(&pool, n) {
                Err(Error::Invalid { field, message }) => {
                    assert_eq!(field, "credits");
                    assert_eq!(message, "You have 1 credit available; claim 1.");
                }
                other => panic!("expected a field error, got {other:?}"),
            }
        }
        let twice: Vec<PoolEntry> = pool
            .iter()
            .map(|p| PoolEntry {
                minutes: p.minutes * 2,
                ..p.clone()
            })
            .collect();
        match claim(&twice, 3) {
            Err(Error::Invalid { message, .. }) => {
                assert_eq!(
                    message,
                    "You have 2 credits available; claim between 1 and 2."
                )
            }
            other => panic!("expected a field error, got {other:?}"),
        }
        match claim(&pool[..2], 1) {
            Err(Error::Refused(message)) => assert_eq!(
                message,
                "No credit can be claimed yet. For your next credit: 6 h of category C — 1x1 \
                 mentorship with a certified mentor — and 6 h of any category."
            ),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_broken_pool_is_refused() {
        use Category::*;
        let pool = [e(1, A, 0, 2000), e(1, B, 0, 2000), e(3, C, 0, 2000)];
        assert!(matches!(
            claim(&pool, 1),
            Err(Error::Invalid {
                field: "entries",
                ..
            })
        ));
        let pool = [e(1, A, 0, 2000), e(2, B, 0, -1), e(3, C, 0, 2000)];
        assert!(matches!(
            claim(&pool, 1),
            Err(Error::Invalid {
                field: "entries",
                ..
            })
        ));
    }

    #[test]
    fn a_large_pool_is_claimed_quickly() {
        let pool: Vec<PoolEntry> = (0..100_000)
            .map(|i| e(i, Category::ALL[(i % 3) as usize], i % 3000, 30 + i % 200))
            .collect();
        let k = credit_status(
            default_rule_set().unwrap(),
            ByCategory::sum(pool.iter().map(|p| (p.category, p.minutes))),
        )
        .credits_available;
        let start = std::time::Instant::now();
        let claims = claim(&pool, k).unwrap();
        assert!(start.elapsed().as_secs() < 5);
        assert_eq!(claims.iter().map(|c| c.minutes).sum::<i64>(), 1440 * k);
    }

    fn pool_strategy() -> impl Strategy<Value = Vec<PoolEntry>> {
        prop::collection::vec((0usize..3, 0i64..400, 0i64..900), 0..40).prop_map(|rows| {
            rows.into_iter()
                .enumerate()
                .map(|(i, (c, date, minutes))| e(1000 - i as i64, Category::ALL[c], date, minutes))
                .collect()
        })
    }

    proptest! {
        #[test]
        fn water_filling_matches_taking_one_minute_at_a_time(
            left in prop::array::uniform3(0i64..300), pick in any::<u64>(),
        ) {
            let amount = (pick % (left.iter().sum::<i64>() as u64 + 1)) as i64;
            prop_assert_eq!(water_fill(left, amount), water_fill_by_the_minute(left, amount));
        }

        #[test]
        fn a_claim_keeps_every_promise(pool in pool_strategy(), pick in any::<u64>()) {
            let set = default_rule_set().unwrap();
            let sum = |p: &[PoolEntry]| ByCategory::sum(p.iter().map(|e| (e.category, e.minutes)));
            let before = credit_status(set, sum(&pool));
            let k = before.credits_available;
            prop_assert!(claim(&pool, k + 1).is_err());
            prop_assert!(claim(&pool, 0).is_err());
            prop_assume!(k >= 1);
            let n = 1 + (pick % k as u64) as i64;
            let claims = claim(&pool, n).unwrap();

            let by_id: HashMap<i64, &PoolEntry> = pool.iter().map(|e| (e.id, e)).collect();
            let mut claimed: HashMap<i64, i64> = HashMap::new();
            let mut per_category = ByCategory::default();
            for c in &claims {
                let entry = by_id[&c.entry_id];
                prop_assert!(c.minutes >= 1 && c.minutes <= entry.minutes);
                prop_assert!(claimed.insert(c.entry_id, c.minutes).is_none());
                per_category[entry.category] += c.minutes;
            }
            prop_assert_eq!(per_category.total(), 1440 * n);
            for category in Category::ALL {
                prop_assert!(per_category[category] >= 360 * n);
            }

            // What stays is what was counted, less what was claimed, and earns k - n credits.
            let remaining: Vec<PoolEntry> = pool
                .iter()
                .map(|e| PoolEntry { minutes: e.minutes - claimed.get(&e.id).copied().unwrap_or(0), ..e.clone() })
                .collect();
            for (r, e) in remaining.iter().zip(&pool) {
                prop_assert!(r.minutes >= 0);
                prop_assert_eq!(r.minutes + claimed.get(&e.id).copied().unwrap_or(0), e.minutes);
            }
            prop_assert_eq!(credit_status(set, sum(&remaining)).credits_available, k - n);

            // Oldest first: an entry keeps minutes only if no newer one of its category gave any.
            for kept in remaining.iter().filter(|r| r.minutes > 0) {
                for later in pool.iter().filter(|l| {
                    l.category == kept.category && (l.date, l.id) > (kept.date, kept.id)
                }) {
                    prop_assert!(!claimed.contains_key(&later.id));
                }
            }

            // The split between categories is the minute-by-minute water-filling.
            let counted = sum(&pool);
            let left = Category::ALL.map(|c| counted[c] - 360 * n);
            let flexible = water_fill_by_the_minute(left, 360 * n);
            for c in Category::ALL {
                prop_assert_eq!(per_category[c], 360 * n + flexible[c.index()]);
            }
        }
    }
}
