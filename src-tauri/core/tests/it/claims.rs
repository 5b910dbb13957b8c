//! Claiming credits through the store: which minutes a claim takes from hand-made pools, what it
//! carries forward onto the next form, refusals that change nothing, and the promises every
//! claim keeps, checked over random pools.

use std::collections::HashMap;

use chrono::NaiveDate;
use proptest::prelude::*;
use stillpoint_core::model::SubmissionDetail;
use stillpoint_core::rules::{ByCategory, Category};
use stillpoint_core::{testing, Error, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
}

fn activity(category: Category) -> &'static str {
    match category {
        Category::A => "receiving_treatment",
        Category::B => "small_group",
        Category::C => "one_to_one",
    }
}

/// Logs `minutes` of `category` on `date`; returns the entry's id.
fn log(store: &mut Store, date: &str, category: Category, minutes: i64) -> i64 {
    let hours = format!("{}:{:02}", minutes / 60, minutes % 60);
    let draft = testing::entry(date, activity(category), &hours);
    let entry = store.add_entry(&draft, today()).unwrap();
    assert_eq!(entry.counted_minutes, minutes, "counted as logged");
    entry.id
}

/// (entry, minutes claimed, carried in) for every row of the form, A then B then C.
fn rows(detail: &SubmissionDetail) -> Vec<(i64, i64, bool)> {
    detail
        .categories
        .iter()
        .flat_map(|c| {
            c.rows
                .iter()
                .map(|r| (r.entry_id, r.claimed_minutes, r.carried_in))
        })
        .collect()
}

fn carried(detail: &SubmissionDetail) -> Vec<(i64, i64)> {
    detail
        .carried_forward
        .iter()
        .map(|c| (c.entry_id, c.remaining_minutes))
        .collect()
}

fn unclaimed(store: &Store) -> ByCategory {
    store.credit_status().unwrap().counted
}

/// Every row of every table a claim could touch, as text: equal dumps, unchanged database.
fn dump(store: &Store) -> String {
    let mut text = String::new();
    for table in ["entries", "submissions", "claims", "attachments"] {
        let mut stmt = store
            .conn()
            .prepare(&format!("SELECT * FROM {table}"))
            .unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let values: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                .collect();
            text.push_str(&format!("{table}: {}\n", values.join(" | ")));
        }
    }
    text
}

#[test]
fn a_split_entry_is_carried_forward_onto_the_next_submission() {
    use Category::*;
    let mut store = Store::open_in_memory().unwrap();
    let a1 = log(&mut store, "2025-01-10", A, 240);
    let a2 = log(&mut store, "2025-02-10", A, 240);
    let b1 = log(&mut store, "2025-01-05", B, 420);
    let c1 = log(&mut store, "2025-01-20", C, 600);
    // A 480, B 420, C 600: the minimums leave 120, 60 and 240, and the 360 flexible minutes
    // bring all three down to 20: A gives 460, B 400, C 580.
    let first = store.claim_credits(1, today()).unwrap();
    assert_eq!(
        rows(&first),
        [
            (a1, 240, false),
            (a2, 220, false),
            (b1, 400, false),
            (c1, 580, false)
        ]
    );
    assert_eq!(carried(&first), [(a2, 20), (b1, 20), (c1, 20)]);
    let subtotals: Vec<(i64, i64)> = first
        .categories
        .iter()
        .map(|c| (c.claimed_minutes, c.required_minutes))
        .collect();
    assert_eq!(subtotals, [(460, 360), (400, 360), (580, 360)]);
    assert_eq!(unclaimed(&store), ByCategory::new(20, 20, 20));

    // More hours: the carried-forward 20 minutes of each are the oldest, so they go first.
    let a3 = log(&mut store, "2025-03-01", A, 360);
    let b2 = log(&mut store, "2025-03-02", B, 360);
    let c2 = log(&mut store, "2025-03-03", C, 720);
    assert_eq!(store.credit_status().unwrap().credits_available, 1);
    let second = store.claim_credits(1, today()).unwrap();
    assert_eq!(
        rows(&second),
        [
            (a2, 20, true),
            (a3, 340, false),
            (b1, 20, true),
            (b2, 340, false),
            (c1, 20, true),
            (c2, 700, false)
        ]
    );
    assert_eq!(carried(&second), [(a3, 20), (b2, 20), (c2, 20)]);
    assert_eq!(second.summary.claimed_total, 1440);

    // The first form still prints what it carried forward when it was made.
    assert_eq!(store.submission(first.summary.id).unwrap(), first);
    let listed: Vec<i64> = store.submissions().unwrap().iter().map(|s| s.id).collect();
    assert_eq!(
        listed,
        [second.summary.id, first.summary.id],
        "newest first"
    );
    let entry = store.entry(a2).unwrap();
    assert_eq!(
        (
            entry.claimed_minutes,
            entry.locked_by.unwrap().submission_id
        ),
        (240, second.summary.id)
    );
}

#[test]
fn flexible_minutes_tie_to_a_then_b_then_c() {
    use Category::*;
    let mut store = Store::open_in_memory().unwrap();
    // After the minimums: A 362, B 361, C 361 left. The first flexible minute comes from A;
    // then all three stand at 361 and give one minute each in turn, A first.
    let a = log(&mut store, "2025-01-01", A, 722);
    let b = log(&mut store, "2025-01-01", B, 721);
    let c = log(&mut store, "2025-01-01", C, 721);
    let detail = store.claim_credits(1, today()).unwrap();
    assert_eq!(
        rows(&detail),
        [(a, 481, false), (b, 480, false), (c, 479, false)]
    );
    assert_eq!(unclaimed(&store), ByCategory::new(241, 241, 242));

    let mut store = Store::open_in_memory().unwrap();
    let ids: Vec<i64> = [A, B, C]
        .into_iter()
        .map(|cat| log(&mut store, "2025-01-01", cat, 721))
        .collect();
    let detail = store.claim_credits(1, today()).unwrap();
    let even: Vec<(i64, i64, bool)> = ids.iter().map(|&id| (id, 480, false)).collect();
    assert_eq!(rows(&detail), even);
}

#[test]
fn a_claim_can_leave_exactly_nothing() {
    use Category::*;
    let mut store = Store::open_in_memory().unwrap();
    let ids = [
        log(&mut store, "2025-01-01", A, 360),
        log(&mut store, "2025-01-02", B, 360),
        log(&mut store, "2025-01-03", C, 300),
        log(&mut store, "2025-01-04", C, 420),
    ];
    let detail = store.claim_credits(1, today()).unwrap();
    assert!(detail.carried_forward.is_empty());
    let status = store.credit_status().unwrap();
    assert_eq!(
        (status.credits_available, status.counted),
        (0, ByCategory::default())
    );
    for id in ids {
        let entry = store.entry(id).unwrap();
        assert_eq!(entry.claimed_minutes, entry.counted_minutes);
    }
    let before = dump(&store);
    assert!(matches!(
        store.claim_credits(1, today()),
        Err(Error::Refused(m)) if m.starts_with("No credit can be claimed yet.")
    ));
    assert_eq!(dump(&store), before);
}

#[test]
fn a_refused_claim_changes_nothing() {
    use Category::*;
    let mut store = Store::open_in_memory().unwrap();
    for (i, category) in [A, B, C].into_iter().enumerate() {
        log(&mut store, &format!("2025-01-0{}", i + 1), category, 800);
    }
    assert_eq!(store.credit_status().unwrap().credits_available, 1);
    let before = dump(&store);
    for n in [0, -1, 2, 1000] {
        match store.claim_credits(n, today()) {
            Err(Error::Invalid { field, message }) => {
                assert_eq!(field, "credits");
                assert_eq!(message, "You have 1 credit available; claim 1.");
            }
            other => panic!("claiming {n}: expected a field error, got {other:?}"),
        }
        assert_eq!(dump(&store), before, "claiming {n}");
    }
    let detail = store.claim_credits(1, today()).unwrap();
    assert_eq!(detail.summary.credits, 1);
    assert_ne!(dump(&store), before);
}

#[test]
fn several_credits_in_one_claim() {
    use Category::*;
    let mut store = Store::open_in_memory().unwrap();
    for (date, category, minutes) in [
        ("2025-01-01", A, 600),
        ("2025-01-02", A, 600),
        ("2025-01-03", B, 800),
        ("2025-01-04", C, 1000),
        ("2025-01-05", C, 1000),
    ] {
        log(&mut store, date, category, minutes);
    }
    // A 1200, B 800, C 2000: two credits (B 800 / 360 = 2, total 4000 / 1440 = 2).
    let before = dump(&store);
    assert!(matches!(
        store.claim_credits(3, today()),
        Err(Error::Invalid { message, .. }) if message == "You have 2 credits available; claim between 1 and 2."
    ));
    assert_eq!(dump(&store), before);
    let detail = store.claim_credits(2, today()).unwrap();
    let s = &detail.summary;
    assert_eq!((s.credits, s.claimed_total), (2, 2880));
    // Minimums 720 each, which leave A 480, B 80, C 1280; the 720 flexible minutes all come
    // from C, which still has the most left after giving them (560).
    assert_eq!(s.claimed, ByCategory::new(720, 720, 1440));
    assert_eq!(detail.categories[2].required_minutes, 720);
    assert_eq!(store.credit_status().unwrap().credits_available, 0);
}

// ---- the promises, over random pools ----

const DAY0: &str = "2024-01-01";

fn entries_strategy() -> impl Strategy<Value = Vec<(usize, u64, i64)>> {
    prop::collection::vec((0usize..3, 0u64..500, 1i64..=80), 0..36)
        .prop_map(|rows| rows.into_iter().map(|(c, d, q)| (c, d, q * 15)).collect())
}

/// What every claim promises, checked against the store after it.
fn check_the_books(store: &Store) -> Result<(), TestCaseError> {
    let entries = store.all_entries().unwrap();
    let mut counted = ByCategory::default();
    let mut claimed = ByCategory::default();
    for e in &entries {
        prop_assert!(e.claimed_minutes >= 0);
        prop_assert!(
            e.claimed_minutes <= e.counted_minutes,
            "entry {} gives more than it counts",
            e.id
        );
        prop_assert_eq!(e.locked_by.is_some(), e.claimed_minutes > 0);
        counted[e.category] += e.counted_minutes;
        claimed[e.category] += e.claimed_minutes;
    }
    let unclaimed = store.credit_status().unwrap().counted;
    for c in Category::ALL {
        prop_assert!(unclaimed[c] >= 0, "category {} below zero", c);
        prop_assert_eq!(claimed[c] + unclaimed[c], counted[c], "category {}", c);
    }
    // Per submission: each form claims n whole credits, each category at least its minimums,
    // and no row more than its entry had left when the form was made.
    let mut before: HashMap<i64, i64> = HashMap::new();
    let by_id: HashMap<i64, i64> = entries.iter().map(|e| (e.id, e.counted_minutes)).collect();
    let mut summaries = store.submissions().unwrap();
    summaries.reverse();
    for s in summaries {
        prop_assert_eq!(s.claimed_total, 1440 * s.credits);
        for c in Category::ALL {
            prop_assert!(s.claimed[c] >= 360 * s.credits);
        }
        let detail = store.submission(s.id).unwrap();
        for row in detail.categories.iter().flat_map(|c| &c.rows) {
            let earlier = before.get(&row.entry_id).copied().unwrap_or(0);
            prop_assert_eq!(row.carried_in, earlier > 0);
            prop_assert!(row.claimed_minutes >= 1);
            prop_assert!(row.claimed_minutes <= by_id[&row.entry_id] - earlier);
            *before.entry(row.entry_id).or_default() += row.claimed_minutes;
        }
        for cf in &detail.carried_forward {
            prop_assert_eq!(
                cf.remaining_minutes,
                by_id[&cf.entry_id] - before[&cf.entry_id]
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_claim_keeps_the_books(
        rows in entries_strategy(), first in any::<u64>(), second in any::<u64>(),
    ) {
        let mut store = Store::open_in_memory().unwrap();
        let day0 = NaiveDate::parse_from_str(DAY0, "%Y-%m-%d").unwrap();
        for (c, offset, minutes) in rows {
            let date = (day0 + chrono::Days::new(offset)).to_string();
            log(&mut store, &date, Category::ALL[c], minutes);
        }
        let k = store.credit_status().unwrap().credits_available;
        prop_assert!(store.claim_credits(k + 1, today()).is_err());
        prop_assume!(k >= 1);

        let n = 1 + (first % k as u64) as i64;
        let one = store.claim_credits(n, today()).unwrap();
        prop_assert_eq!(store.credit_status().unwrap().credits_available, k - n);
        check_the_books(&store)?;

        let left = k - n;
        if left >= 1 {
            let after_first = store.credit_status().unwrap();
            let m = 1 + (second % left as u64) as i64;
            let two = store.claim_credits(m, today()).unwrap();
            prop_assert_eq!(store.credit_status().unwrap().credits_available, left - m);
            check_the_books(&store)?;
            store.discard_submission(two.summary.id).unwrap();
            prop_assert_eq!(store.credit_status().unwrap(), after_first);
        }
        prop_assert_eq!(store.submission(one.summary.id).unwrap(), one);
    }
}

#[test]
fn a_claim_and_what_goes_with_it_are_kept_together_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.db");
    let mut store = Store::open(&path).unwrap();
    for category in [Category::A, Category::B, Category::C] {
        log(&mut store, "2025-03-01", category, 8 * 60);
    }
    let submissions = |path: &std::path::Path| -> i64 {
        rusqlite::Connection::open(path)
            .unwrap()
            .query_row("SELECT count(*) FROM submissions", [], |r| r.get(0))
            .unwrap()
    };

    let refused = store.claim_credits_then(1, today(), |store, made| {
        assert_eq!(
            store.submission(made.summary.id).unwrap().summary.credits,
            1
        );
        Err(Error::Refused("The disk is full.".into()))
    });
    assert!(matches!(refused, Err(Error::Refused(_))));
    assert_eq!(submissions(&path), 0, "nothing was claimed");
    assert_eq!(store.credit_status().unwrap().credits_available, 1);

    let form = dir.path().join("form.pdf");
    let detail = store
        .claim_credits_then(1, today(), |store, made| {
            let pdf = stillpoint_core::forms::submission_form(store, made.summary.id);
            // No profile yet: the form cannot be printed, so the claim is not kept.
            assert!(pdf.is_err());
            std::fs::write(&form, b"%PDF").unwrap();
            assert_eq!(
                submissions(&path),
                0,
                "the form is written before the commit"
            );
            Ok(())
        })
        .unwrap();
    assert_eq!(submissions(&path), 1);
    assert_eq!(detail.summary.credits, 1);
}
