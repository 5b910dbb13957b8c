//! The dashboard: where the therapist stands, decided here so every view says the same.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::Result;
use crate::model::{Entry, EntryQuery, EntrySort, SubmissionState, SubmissionSummary};
use crate::rules::{
    claim_by_category, credit_status, default_rule_set, format_minutes, ByCategory, Category,
    CreditStatus, RuleSet,
};
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
    /// What the next credit needs, in one plain sentence. With credits available it speaks of
    /// the credit after them: the hours the available credits use are not counted twice.
    pub next_credit_sentence: String,
    /// Per category A, B, C: what is counted, what the available credits use, and what the
    /// next credit still needs.
    pub categories: Vec<CategoryProgress>,
    /// The same for the hours beyond the categories' minimums, which may come from any.
    pub any: AnyProgress,
    /// Credits so far: earned, claimed, sent, credited.
    pub record: CreditRecord,
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

/// One category on the dashboard: its figures in minutes, and the words that say them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CategoryProgress {
    /// A, B or C.
    pub category: Category,
    /// Counted minutes not yet claimed.
    #[specta(type = specta_typescript::Number)]
    pub counted_minutes: i64,
    /// Of those, the minutes the credits available now use (what claiming them all would take).
    #[specta(type = specta_typescript::Number)]
    pub claimable_minutes: i64,
    /// The rest, which goes towards the next credit.
    #[specta(type = specta_typescript::Number)]
    pub toward_next_minutes: i64,
    /// What the category must give to each credit.
    #[specta(type = specta_typescript::Number)]
    pub minimum_minutes: i64,
    /// What the next credit still needs from this category.
    #[specta(type = specta_typescript::Number)]
    pub needs_minutes: i64,
    /// "12 h counted", or "Nothing counted yet".
    pub counted: String,
    /// "6 h go to the credit you can claim now", when the available credits use some.
    pub claimable: Option<String>,
    /// "Next credit: 2 h 30 min more needed (3 h 30 min of the 6 h minimum)".
    pub next: String,
}

/// The hours beyond the categories' minimums, which count from any category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AnyProgress {
    /// Minutes beyond the minimums that the credits available now use.
    #[specta(type = specta_typescript::Number)]
    pub claimable_minutes: i64,
    /// Minutes beyond the next credit's minimums, already counted towards it.
    #[specta(type = specta_typescript::Number)]
    pub toward_next_minutes: i64,
    /// What each credit needs beyond the minimums.
    #[specta(type = specta_typescript::Number)]
    pub per_credit_minutes: i64,
    /// What the next credit still needs from any category.
    #[specta(type = specta_typescript::Number)]
    pub needs_minutes: i64,
    /// "6 h beyond the minimums go to the credit you can claim now", when some do.
    pub claimable: Option<String>,
    /// "Next credit: 6 h more from any category", or that it is covered.
    pub next: String,
}

/// Credits so far, from the submissions and what can be claimed now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CreditRecord {
    /// Every credit the counted hours have earned: claimed ones and those available.
    #[specta(type = specta_typescript::Number)]
    pub earned: i64,
    /// Credits that can be claimed now.
    #[specta(type = specta_typescript::Number)]
    pub available: i64,
    /// Claimed on a tracking form not sent yet.
    #[specta(type = specta_typescript::Number)]
    pub draft: i64,
    /// Sent to the program, not credited yet.
    #[specta(type = specta_typescript::Number)]
    pub sent: i64,
    /// Credited by the program.
    #[specta(type = specta_typescript::Number)]
    pub credited: i64,
    /// All of it in one sentence: "3 credits earned so far: 1 credited, 1 sent and waiting to
    /// be credited, 1 to claim."
    pub sentence: String,
}

fn credits(n: i64) -> String {
    if n == 1 {
        "1 credit".to_owned()
    } else {
        format!("{n} credits")
    }
}

/// "the credit you can claim now" / "the 2 credits you can claim now".
fn available_credits(k: i64) -> String {
    if k == 1 {
        "the credit you can claim now".to_owned()
    } else {
        format!("the {k} credits you can claim now")
    }
}

/// "1 h goes", "6 h go".
fn go(minutes: i64) -> &'static str {
    if minutes == 60 || minutes == 1 {
        "goes"
    } else {
        "go"
    }
}

/// Where the counted hours stand: per category, beyond the minimums, and the next credit's
/// sentence. With `k` credits available, what claiming them would take is set apart (as the
/// claim would choose it), and "the next credit" is the one after them.
pub fn progress(
    rules: &RuleSet,
    status: &CreditStatus,
) -> (Vec<CategoryProgress>, AnyProgress, String) {
    let k = status.credits_available;
    let claimable = claim_by_category(rules, status.counted, k);
    let mut left = ByCategory::default();
    for c in Category::ALL {
        left[c] = status.counted[c] - claimable[c];
    }
    // What is left after the available credits is what the next one is made from.
    let next = credit_status(rules, left);
    let categories = Category::ALL
        .iter()
        .map(|&c| {
            let counted = status.counted[c];
            let minimum = rules.category(c).minimum_minutes;
            let needs = next.next_credit.of(c);
            let toward = left[c];
            CategoryProgress {
                category: c,
                counted_minutes: counted,
                claimable_minutes: claimable[c],
                toward_next_minutes: toward,
                minimum_minutes: minimum,
                needs_minutes: needs,
                counted: if counted == 0 {
                    "Nothing counted yet".to_owned()
                } else {
                    format!("{} counted", format_minutes(counted))
                },
                claimable: (claimable[c] > 0).then(|| {
                    if claimable[c] == counted {
                        format!(
                            "All {} {} to {}",
                            format_minutes(counted),
                            go(counted),
                            available_credits(k)
                        )
                    } else {
                        format!(
                            "{} {} to {}",
                            format_minutes(claimable[c]),
                            go(claimable[c]),
                            available_credits(k)
                        )
                    }
                }),
                next: if needs == 0 {
                    format!(
                        "Next credit: its {} minimum is met",
                        format_minutes(minimum)
                    )
                } else if toward == 0 {
                    format!("Next credit: needs {}", format_minutes(needs))
                } else {
                    format!(
                        "Next credit: {} more needed ({} of the {} minimum)",
                        format_minutes(needs),
                        format_minutes(toward),
                        format_minutes(minimum)
                    )
                },
            }
        })
        .collect();

    let minimums: i64 = Category::ALL
        .iter()
        .map(|&c| rules.category(c).minimum_minutes)
        .sum();
    let per_credit = rules.credit().unit_minutes - minimums;
    let beyond_minimums: i64 = Category::ALL
        .iter()
        .map(|&c| (left[c] - rules.category(c).minimum_minutes).max(0))
        .sum();
    let claimable_any = per_credit * k;
    let any_needs = next.next_credit.any;
    let any = AnyProgress {
        claimable_minutes: claimable_any,
        toward_next_minutes: beyond_minimums.min(per_credit),
        per_credit_minutes: per_credit,
        needs_minutes: any_needs,
        claimable: (claimable_any > 0).then(|| {
            format!(
                "{} beyond the minimums {} to {}",
                format_minutes(claimable_any),
                go(claimable_any),
                available_credits(k)
            )
        }),
        next: if any_needs == 0 {
            format!(
                "Next credit: its {} from any category is covered",
                format_minutes(per_credit)
            )
        } else {
            format!(
                "Next credit: {} more from any category",
                format_minutes(any_needs)
            )
        },
    };

    let sentence = next.next_credit_sentence(rules);
    let sentence = if k == 0 {
        sentence
    } else {
        let rest = sentence
            .strip_prefix("For your next credit: ")
            .unwrap_or(&sentence);
        format!("After {}, the next one needs: {rest}", available_credits(k))
    };
    (categories, any, sentence)
}

/// Credits so far: the submissions' credits by state, and those available now.
pub fn credit_record(available: i64, submissions: &[SubmissionSummary]) -> CreditRecord {
    let count = |state: SubmissionState| -> i64 {
        submissions
            .iter()
            .filter(|s| s.state == state)
            .map(|s| s.credits)
            .sum()
    };
    let (draft, sent, credited) = (
        count(SubmissionState::Draft),
        count(SubmissionState::Sent),
        count(SubmissionState::Credited),
    );
    let earned = available + draft + sent + credited;
    let parts: Vec<String> = [
        (credited, "credited".to_owned()),
        (sent, "sent and waiting to be credited".to_owned()),
        (draft, "claimed on a form not sent yet".to_owned()),
        (available, "to claim".to_owned()),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    let sentence = if earned == 0 {
        "No credit earned yet.".to_owned()
    } else {
        format!("{} earned so far: {}.", credits(earned), parts.join(", "))
    };
    CreditRecord {
        earned,
        available,
        draft,
        sent,
        credited,
        sentence,
    }
}

/// The dashboard for the store's current records.
pub fn dashboard(store: &Store) -> Result<Dashboard> {
    let rules = default_rule_set()?;
    let status = store.credit_status()?;
    let (categories, any, next_credit_sentence) = progress(rules, &status);
    let record = credit_record(status.credits_available, &store.submissions()?);
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
        next_credit_sentence,
        categories,
        any,
        record,
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
        // The demo earns one credit; the sentence speaks of the one after it.
        assert!(
            d.next_credit_sentence
                .starts_with("After the credit you can claim now, the next one needs: "),
            "{}",
            d.next_credit_sentence
        );
        let by_month: i64 = d.months.iter().map(|m| m.a + m.b + m.c).sum();
        assert_eq!(by_month, d.status.counted.total());
        assert_eq!(d.unclaimed_minutes, d.status.counted.total());
        assert_eq!(d.reduced.len() as i64, d.reduced_total.min(8));
        assert_eq!(d.entry_count, 23, "two of them events attended");
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

    fn progress_of(a: i64, b: i64, c: i64) -> (Vec<CategoryProgress>, AnyProgress, String) {
        let rules = default_rule_set().unwrap();
        progress(rules, &credit_status(rules, ByCategory::new(a, b, c)))
    }

    #[test]
    fn hours_that_go_to_an_available_credit_are_said_so_and_not_counted_again() {
        // 6 h of A, 6 h of B, 12 h of C: one credit, which takes all of it.
        let (cats, any, sentence) = progress_of(360, 360, 720);
        let a = &cats[0];
        assert_eq!(
            (
                a.counted_minutes,
                a.claimable_minutes,
                a.toward_next_minutes,
                a.needs_minutes
            ),
            (360, 360, 0, 360)
        );
        assert_eq!(a.counted, "6 h counted");
        assert_eq!(
            a.claimable.as_deref(),
            Some("All 6 h go to the credit you can claim now")
        );
        assert_eq!(a.next, "Next credit: needs 6 h");
        let c = &cats[2];
        assert_eq!(c.counted, "12 h counted");
        assert_eq!(
            c.claimable.as_deref(),
            Some("All 12 h go to the credit you can claim now")
        );
        assert_eq!(
            any.claimable.as_deref(),
            Some("6 h beyond the minimums go to the credit you can claim now")
        );
        assert_eq!(any.next, "Next credit: 6 h more from any category");
        assert_eq!(
            sentence,
            "After the credit you can claim now, the next one needs: 6 h of category A — \
             treatment received in person from a CST or CST-D; 6 h of category B — small or \
             large group mentorship, study groups, recordings or an endorsed extended training; \
             6 h of category C — 1x1 mentorship with a certified mentor; and 6 h of any category."
        );
    }

    #[test]
    fn with_no_credit_available_the_words_say_what_is_done_and_what_is_missing() {
        let (cats, any, sentence) = progress_of(210, 420, 420);
        assert_eq!(cats[0].counted, "3 h 30 min counted");
        assert_eq!(cats[0].claimable, None);
        assert_eq!(
            cats[0].next,
            "Next credit: 2 h 30 min more needed (3 h 30 min of the 6 h minimum)"
        );
        assert_eq!(cats[1].next, "Next credit: its 6 h minimum is met");
        assert_eq!((any.toward_next_minutes, any.needs_minutes), (120, 240));
        assert_eq!(any.claimable, None);
        assert_eq!(any.next, "Next credit: 4 h more from any category");
        let rules = default_rule_set().unwrap();
        assert_eq!(
            sentence,
            credit_status(rules, ByCategory::new(210, 420, 420)).next_credit_sentence(rules)
        );
        let (cats, _, _) = progress_of(0, 0, 0);
        assert_eq!(cats[2].counted, "Nothing counted yet");
        assert_eq!(cats[2].next, "Next credit: needs 6 h");
    }

    #[test]
    fn a_category_split_between_the_available_credit_and_the_next() {
        // 20 h of A: 12 h go to the credit (its 6 h and the 6 h from any category), 8 h stay.
        let (cats, any, _) = progress_of(1200, 360, 360);
        let a = &cats[0];
        assert_eq!(
            a.claimable.as_deref(),
            Some("12 h go to the credit you can claim now")
        );
        assert_eq!((a.toward_next_minutes, a.needs_minutes), (480, 0));
        assert_eq!(a.next, "Next credit: its 6 h minimum is met");
        assert_eq!((any.toward_next_minutes, any.needs_minutes), (120, 240));
    }

    #[test]
    fn the_running_record_counts_credits_by_where_they_stand() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::load(&mut store, today).unwrap();
        let before = dashboard(&store).unwrap().record;
        assert_eq!((before.earned, before.available), (1, 1));
        assert_eq!(before.sentence, "1 credit earned so far: 1 to claim.");

        let id = store.claim_credits(1, today).unwrap().summary.id;
        let r = dashboard(&store).unwrap().record;
        assert_eq!((r.earned, r.available, r.draft), (1, 0, 1));
        assert_eq!(
            r.sentence,
            "1 credit earned so far: 1 claimed on a form not sent yet."
        );

        let fee = crate::model::FeeDraft {
            amount: "25".into(),
            currency: "USD".into(),
        };
        store.mark_sent(id, "2026-11-24", &fee, "", today).unwrap();
        let r = dashboard(&store).unwrap().record;
        assert_eq!((r.draft, r.sent), (0, 1));
        assert_eq!(
            r.sentence,
            "1 credit earned so far: 1 sent and waiting to be credited."
        );
        store.mark_credited(id, "2026-11-24", today).unwrap();
        let r = dashboard(&store).unwrap().record;
        assert_eq!((r.earned, r.sent, r.credited), (1, 0, 1));
        assert_eq!(r.sentence, "1 credit earned so far: 1 credited.");

        let empty = Store::open_in_memory().unwrap();
        assert_eq!(
            dashboard(&empty).unwrap().record.sentence,
            "No credit earned yet."
        );
    }

    proptest::proptest! {
        #[test]
        fn the_figures_add_up_and_the_next_credit_needs_what_the_status_says(
            a in 0i64..6_000, b in 0i64..6_000, c in 0i64..6_000,
        ) {
            let rules = default_rule_set().unwrap();
            let status = credit_status(rules, ByCategory::new(a, b, c));
            let (cats, any, _) = progress(rules, &status);
            let mut claimed = 0;
            let mut needs = any.needs_minutes;
            for p in &cats {
                proptest::prop_assert_eq!(p.claimable_minutes + p.toward_next_minutes, p.counted_minutes);
                proptest::prop_assert!(p.claimable_minutes >= p.minimum_minutes * status.credits_available);
                claimed += p.claimable_minutes;
                needs += p.needs_minutes;
            }
            proptest::prop_assert_eq!(claimed, status.credits_available * rules.credit().unit_minutes);
            // Setting the available credits apart changes where the next credit's hours may
            // come from, never how many it needs.
            proptest::prop_assert_eq!(needs, status.next_credit.total());
        }
    }
}
