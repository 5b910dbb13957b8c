//! The engine's performance targets, measured (not asserted): `cargo bench -p stillpoint-core`.
//!
//! With 100,000 entries: credits (target ≤ 5 ms), importing a 100,000-row CSV (≤ 3 s), and the
//! first page of the Hours view (the engine's part of "first rows ≤ 150 ms after opening").
//! Then the same after a claim of 100 credits, whose claims every count must subtract.
#![allow(clippy::expect_used)] // a benchmark that cannot set up has nothing to measure

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use stillpoint_core::exchange::{export_csv, import_csv};
use stillpoint_core::model::{EntryQuery, EntrySort};
use stillpoint_core::Store;

const ROWS: u32 = 100_000;

fn csv() -> String {
    let activities = [
        ("receiving_treatment", "in_person"),
        ("small_group", "virtual"),
        ("one_to_one", "virtual"),
        ("csir_call", "virtual"),
        ("clinical_applications", "in_person"),
    ];
    let mut text = String::from("date;activity;format;hours;days;provider;provider_credential;certified_mentor;endorsed;notes\n");
    let start = NaiveDate::from_ymd_opt(2014, 6, 1).expect("a real date");
    for i in 0..ROWS {
        let (activity, format) = activities[i as usize % activities.len()];
        let date = start + chrono::Days::new(u64::from(i % 4000));
        text.push_str(&format!(
            "{date};{activity};{format};{},{};;Mentor {};CST-D;yes;yes;\"Session {i}; notes\"\n",
            1 + i % 3,
            [0, 25, 5, 75][i as usize % 4],
            i % 97
        ));
    }
    text
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let started = Instant::now();
                std::hint::black_box(f());
                started.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a real date");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = Store::open(&dir.path().join("bench.db")).expect("a new database");
    let text = csv();

    let started = Instant::now();
    let summary = import_csv(&mut store, text.as_bytes(), today).expect("the import runs");
    let import = started.elapsed();
    assert_eq!(summary.imported, ROWS, "{:?}", summary.errors.first());
    let started = Instant::now();
    let again = import_csv(&mut store, text.as_bytes(), today).expect("the import runs");
    let reimport = started.elapsed();
    assert_eq!(again.skipped_duplicates.len(), ROWS as usize);

    let credits = time(50, || store.credit_status().expect("credits"));
    let first_page = time(20, || {
        store
            .entries(&EntryQuery {
                limit: 100,
                ..Default::default()
            })
            .expect("a page")
    });
    let sorted_page = time(10, || {
        store
            .entries(&EntryQuery {
                limit: 100,
                sort: EntrySort::CountedDesc,
                ..Default::default()
            })
            .expect("a page")
    });
    let searched_page = time(10, || {
        store
            .entries(&EntryQuery {
                limit: 100,
                search: "mentor 42".into(),
                ..Default::default()
            })
            .expect("a page")
    });
    let export = time(3, || export_csv(&store).expect("an export"));

    let started = Instant::now();
    let claim = store
        .claim_credits(100, today)
        .expect("100 credits to claim");
    let claiming = started.elapsed();
    let claimed_entries = claim.summary.entry_count;
    let credits_claimed = time(50, || store.credit_status().expect("credits"));
    let first_page_claimed = time(20, || {
        store
            .entries(&EntryQuery {
                limit: 100,
                sort: EntrySort::DateAsc,
                ..Default::default()
            })
            .expect("a page")
    });
    let sorted_claimed = time(10, || {
        store
            .entries(&EntryQuery {
                limit: 100,
                sort: EntrySort::CountedDesc,
                ..Default::default()
            })
            .expect("a page")
    });

    println!(
        "with {ROWS} entries ({:.1} MB of CSV):",
        text.len() as f64 / 1e6
    );
    println!("  import                         {import:>10.2?}   [target <= 3 s]");
    println!("  re-import (all duplicates)     {reimport:>10.2?}");
    println!("  credits (median of 50)         {credits:>10.2?}   [target <= 5 ms]");
    println!(
        "  Hours first page, by date      {first_page:>10.2?}   [target: first rows <= 150 ms]"
    );
    println!("  Hours first page, by counted   {sorted_page:>10.2?}");
    println!("  Hours first page, searched     {searched_page:>10.2?}");
    println!("  export                         {export:>10.2?}");
    println!("after claiming 100 credits ({claimed_entries} entries):");
    println!("  claim                          {claiming:>10.2?}");
    println!("  credits (median of 50)         {credits_claimed:>10.2?}   [target <= 5 ms]");
    println!("  Hours first page, oldest first {first_page_claimed:>10.2?}   (every row claimed)");
    println!("  Hours first page, by counted   {sorted_claimed:>10.2?}");
}
