//! Credits: how many the uncredited hours earn, and exactly what the next one still needs.
//!
//! This is the one place the arithmetic lives; every view, the form and the command line ask it
//! rather than adding hours up themselves, so they cannot disagree. With uncredited counted
//! minutes a, b, c and the rule set's minimum m_X per category and unit U per credit:
//!
//! ```text
//! k        = min(a / m_A, b / m_B, c / m_C, (a + b + c) / U)          (integer division)
//! need_X   = max(0, m_X (k+1) - x)
//! need_all = max(need_A + need_B + need_C, U (k+1) - (a + b + c))
//! need_any = need_all - need_A - need_B - need_C
//! ```

use std::ops::{Index, IndexMut};

use serde::{Deserialize, Serialize};
use specta::Type;

use super::set::{Category, RuleSet};
use super::wording::{format_minutes, join_words};

/// Minutes per category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ByCategory {
    /// Category A.
    #[serde(rename = "A")]
    #[specta(type = specta_typescript::Number)]
    pub a: i64,
    /// Category B.
    #[serde(rename = "B")]
    #[specta(type = specta_typescript::Number)]
    pub b: i64,
    /// Category C.
    #[serde(rename = "C")]
    #[specta(type = specta_typescript::Number)]
    pub c: i64,
}

impl ByCategory {
    /// A, B and C minutes.
    pub fn new(a: i64, b: i64, c: i64) -> Self {
        ByCategory { a, b, c }
    }

    /// Adds up counted minutes per category.
    pub fn sum(entries: impl IntoIterator<Item = (Category, i64)>) -> Self {
        let mut total = ByCategory::default();
        for (category, minutes) in entries {
            total[category] = total[category].saturating_add(minutes);
        }
        total
    }

    /// A + B + C.
    pub fn total(&self) -> i64 {
        self.a.saturating_add(self.b).saturating_add(self.c)
    }
}

impl Index<Category> for ByCategory {
    type Output = i64;
    fn index(&self, category: Category) -> &i64 {
        match category {
            Category::A => &self.a,
            Category::B => &self.b,
            Category::C => &self.c,
        }
    }
}

impl IndexMut<Category> for ByCategory {
    fn index_mut(&mut self, category: Category) -> &mut i64 {
        match category {
            Category::A => &mut self.a,
            Category::B => &mut self.b,
            Category::C => &mut self.c,
        }
    }
}

/// What the next credit still needs: minutes from each category, and minutes from any.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct NextCredit {
    /// Minutes still needed from category A.
    #[serde(rename = "A")]
    #[specta(type = specta_typescript::Number)]
    pub a: i64,
    /// Minutes still needed from category B.
    #[serde(rename = "B")]
    #[specta(type = specta_typescript::Number)]
    pub b: i64,
    /// Minutes still needed from category C.
    #[serde(rename = "C")]
    #[specta(type = specta_typescript::Number)]
    pub c: i64,
    /// Minutes still needed beyond those, from any category.
    #[specta(type = specta_typescript::Number)]
    pub any: i64,
}

impl NextCredit {
    /// Everything the next credit still needs, in minutes.
    pub fn total(&self) -> i64 {
        self.a
            .saturating_add(self.b)
            .saturating_add(self.c)
            .saturating_add(self.any)
    }

    /// The minutes needed from one category.
    pub fn of(&self, category: Category) -> i64 {
        match category {
            Category::A => self.a,
            Category::B => self.b,
            Category::C => self.c,
        }
    }
}

/// The credits the uncredited hours earn now, and the way to the next one. Its JSON is the
/// `stillpoint credits --json` contract: `{"credits_available": K, "counted_minutes": {"A", "B",
/// "C"}, "next_credit": {"A", "B", "C", "any"}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CreditStatus {
    /// Credits that can be claimed now.
    #[specta(type = specta_typescript::Number)]
    pub credits_available: i64,
    /// The uncredited counted minutes the status was computed from.
    #[serde(rename = "counted_minutes")]
    pub counted: ByCategory,
    /// What credit number `credits_available + 1` still needs.
    pub next_credit: NextCredit,
}

/// Credits available and what the next one needs, from uncredited counted minutes per category.
/// Negative minutes are read as 0.
pub fn credit_status(rule_set: &RuleSet, counted: ByCategory) -> CreditStatus {
    let counted = ByCategory::new(counted.a.max(0), counted.b.max(0), counted.c.max(0));
    let minimums = rule_set.minimums();
    let unit = rule_set.credit().unit_minutes;
    let total = counted.total();

    let credits_available = Category::ALL
        .iter()
        .map(|&c| counted[c] / minimums[c.index()])
        .fold(total / unit, i64::min);

    let next = credits_available.saturating_add(1);
    let need = |c: Category| {
        minimums[c.index()]
            .saturating_mul(next)
            .saturating_sub(counted[c])
            .max(0)
    };
    let (a, b, c) = (need(Category::A), need(Category::B), need(Category::C));
    let by_category = a.saturating_add(b).saturating_add(c);
    let need_total = by_category.max(unit.saturating_mul(next).saturating_sub(total));
    CreditStatus {
        credits_available,
        counted,
        next_credit: NextCredit {
            a,
            b,
            c,
            any: need_total - by_category,
        },
    }
}

impl CreditStatus {
    /// What the next credit needs, in one sentence: "For your next credit: 2 h 30 min of
    /// category A — treatment received in person from a CST or CST-D — and 4 h of any category."
    pub fn next_credit_sentence(&self, rule_set: &RuleSet) -> String {
        let mut parts: Vec<String> = Category::ALL
            .iter()
            .filter(|&&c| self.next_credit.of(c) > 0)
            .map(|&c| {
                format!(
                    "{} of category {c} — {}",
                    format_minutes(self.next_credit.of(c)),
                    rule_set.category(c).counts
                )
            })
            .collect();
        if self.next_credit.any > 0 {
            parts.push(format!(
                "{} of any category",
                format_minutes(self.next_credit.any)
            ));
        }
        // Two items read as one phrase ("A — what counts — and B"); longer lists, whose items
        // carry their own dashes, are separated by semicolons so no dash meets a comma.
        let list = match parts.as_slice() {
            [first, second] => format!("{first} — and {second}"),
            [init @ .., last] if init.len() >= 2 => format!("{}; and {last}", init.join("; ")),
            _ => join_words(&parts, "and"),
        };
        format!("For your next credit: {list}.")
    }
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::rules::default_rule_set;
    use proptest::prelude::*;

    fn status(a: i64, b: i64, c: i64) -> CreditStatus {
        credit_status(default_rule_set().unwrap(), ByCategory::new(a, b, c))
    }

    fn next(a: i64, b: i64, c: i64, any: i64) -> NextCredit {
        NextCredit { a, b, c, any }
    }

    #[test]
    fn nothing_logged_needs_a_whole_credit() {
        let s = status(0, 0, 0);
        assert_eq!(s.credits_available, 0);
        assert_eq!(s.next_credit, next(360, 360, 360, 360));
        assert_eq!(s.next_credit.total(), 1440);
    }

    #[test]
    fn the_brief_example() {
        let s = status(210, 420, 420);
        assert_eq!(s.credits_available, 0);
        assert_eq!(s.next_credit, next(150, 0, 0, 240));
        assert_eq!(
            s.next_credit_sentence(default_rule_set().unwrap()),
            "For your next credit: 2 h 30 min of category A — treatment received in person from \
             a CST or CST-D — and 4 h of any category."
        );
    }

    #[test]
    fn exactly_one_credit() {
        let s = status(360, 360, 720);
        assert_eq!(s.credits_available, 1);
        assert_eq!(s.next_credit, next(360, 360, 0, 720));
    }

    #[test]
    fn a_category_minimum_limits_credits() {
        // Plenty of hours, but only 5 h 59 min of category C.
        let s = status(3000, 3000, 359);
        assert_eq!(s.credits_available, 0);
        assert_eq!(s.next_credit, next(0, 0, 1, 0));
        assert_eq!(
            s.next_credit_sentence(default_rule_set().unwrap()),
            "For your next credit: 1 min of category C — 1x1 mentorship with a certified mentor."
        );
    }

    #[test]
    fn the_total_limits_credits() {
        // Every minimum met twice over, but 47 h 59 min in all.
        let s = status(960, 960, 959);
        assert_eq!(s.credits_available, 1);
        assert_eq!(s.next_credit, next(0, 0, 0, 1));
        assert_eq!(
            s.next_credit_sentence(default_rule_set().unwrap()),
            "For your next credit: 1 min of any category."
        );
    }

    #[test]
    fn several_categories_are_listed_in_order() {
        let s = status(0, 300, 600);
        assert_eq!(s.next_credit, next(360, 60, 0, 120));
        assert_eq!(
            s.next_credit_sentence(default_rule_set().unwrap()),
            "For your next credit: 6 h of category A — treatment received in person from a CST \
             or CST-D; 1 h of category B — small or large group mentorship, study groups, \
             recordings or an endorsed extended training; and 2 h of any category."
        );
    }

    #[test]
    fn negative_minutes_read_as_zero() {
        assert_eq!(status(-5, 0, 0), status(0, 0, 0));
    }

    #[test]
    fn minutes_are_summed_per_category() {
        let sum = ByCategory::sum([(Category::A, 60), (Category::C, 30), (Category::A, 15)]);
        assert_eq!(sum, ByCategory::new(75, 0, 30));
        assert_eq!(sum.total(), 105);
    }

    #[test]
    fn two_categories_read_as_one_phrase() {
        let rules = default_rule_set().unwrap();
        // B has all 24 h; A and C have nothing: only their minimums are missing.
        let sentence = status(0, 1440, 0).next_credit_sentence(rules);
        assert_eq!(
            sentence,
            "For your next credit: 6 h of category A — treatment received in person from a CST or \
             CST-D — and 6 h of category C — 1x1 mentorship with a certified mentor."
        );
    }

    #[test]
    fn the_status_serialises_as_the_command_line_contract() {
        let value = serde_json::to_value(status(210, 500, 370)).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "credits_available": 0,
                "counted_minutes": {"A": 210, "B": 500, "C": 370},
                "next_credit": {"A": 150, "B": 0, "C": 0, "any": 210}
            })
        );
    }

    /// k credits are achievable when each category has k minimums and the total has k units.
    fn achievable(m: ByCategory, k: i64) -> bool {
        m.a >= 360 * k && m.b >= 360 * k && m.c >= 360 * k && m.total() >= 1440 * k
    }

    proptest! {
        #[test]
        fn credits_are_the_most_that_can_be_made(
            a in 0i64..20_000, b in 0i64..20_000, c in 0i64..20_000,
        ) {
            let counted = ByCategory::new(a, b, c);
            let s = credit_status(default_rule_set().unwrap(), counted);
            prop_assert!(s.credits_available >= 0);
            prop_assert!(achievable(counted, s.credits_available));
            prop_assert!(!achievable(counted, s.credits_available + 1));
            prop_assert!(s.next_credit.any >= 0);
            prop_assert!(s.next_credit.total() > 0);
        }

        #[test]
        fn adding_exactly_what_is_missing_earns_exactly_one_more_credit(
            a in 0i64..20_000, b in 0i64..20_000, c in 0i64..20_000,
            any_to in 0usize..3,
        ) {
            let set = default_rule_set().unwrap();
            let s = credit_status(set, ByCategory::new(a, b, c));
            let mut more = ByCategory::new(
                a + s.next_credit.a, b + s.next_credit.b, c + s.next_credit.c,
            );
            more[Category::ALL[any_to]] += s.next_credit.any;
            let after = credit_status(set, more);
            prop_assert_eq!(after.credits_available, s.credits_available + 1);

            // And nothing less would do: one minute short anywhere leaves the credits as they were.
            for category in Category::ALL {
                if s.next_credit.of(category) > 0 {
                    let mut short = more;
                    short[category] -= 1;
                    prop_assert_eq!(
                        credit_status(set, short).credits_available, s.credits_available
                    );
                }
            }
            if s.next_credit.any > 0 {
                let mut short = more;
                short[Category::ALL[any_to]] -= 1;
                prop_assert_eq!(credit_status(set, short).credits_available, s.credits_available);
            }
        }
    }
}
