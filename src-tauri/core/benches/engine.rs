//! The engine's performance targets, measured (not asserted): `cargo bench -p stillpoint-core`.
//!
//! With 100,000 entries: credits (target ≤ 5 ms), importing a 100,000-row CSV (≤ 3 s), and the
//! first page of the Hours view (the engine's part of "first rows ≤ 150 ms after opening").
//! Then the same after a claim of 100 credits, whose claims every count must subtract.
//! The tracking form as a PDF: 100 entries (≤ 50 ms, ≤ 150 KB) and 2,000 entries (≤ 1 s).
#![allow(clippy::expect_used)] // a benchmark that cannot set up has nothing to measure

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use stillpoint_core::exchange::{export_csv, import_csv};
use stillpoint_core::model::{EntryQuery, EntrySort, Profile};
use stillpoint_core::pdf::{tracking_form_pdf, CategorySection, FormRow, TrackingForm};
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

/// A tracking form of `entries` rows across the three categories, its names in five scripts
/// (the Japanese one from an installed font).
fn form(entries: usize) -> TrackingForm {
    let providers = [
        "Zoë Müller-Łukasiewicz, CST-D",
        "Анна Кузнецова, CST-D",
        "Ελένη Παπαδοπούλου, CST",
        "שרה כהן, CST-D",
        "山田 花子, CST-T",
    ];
    let categories = ["A", "B", "C"]
        .iter()
        .enumerate()
        .map(|(c, key)| {
            let rows: Vec<FormRow> = (c..entries)
                .step_by(3)
                .map(|i| FormRow {
                    date: format!("{} Mar 2025", 1 + i % 28),
                    activity: [
                        "Receiving treatment",
                        "Small group mentorship",
                        "1x1 mentorship",
                    ][c]
                        .to_owned(),
                    provider: providers[i % providers.len()].to_owned(),
                    format: ["In person", "Virtual"][i % 2].to_owned(),
                    logged_minutes: 45 + (i % 6) as i64 * 15,
                    counted_minutes: 45 + (i % 6) as i64 * 15,
                    claimed_minutes: 45 + (i % 6) as i64 * 15,
                    carried_in: i % 17 == 0,
                })
                .collect();
            CategorySection {
                key: (*key).to_owned(),
                label: format!("Category {key}"),
                minimum_minutes: 360,
                claimed_minutes: rows.iter().map(|r| r.claimed_minutes).sum(),
                rows,
            }
        })
        .collect::<Vec<_>>();
    TrackingForm {
        program: "IAHE CranioSacral Therapy Mentorship Program".into(),
        title: "Mentorship Program Tracking Form".into(),
        practitioner: Profile {
            name: "Zoë Müller-Łukasiewicz".into(),
            credentials: "LMT, CST-T".into(),
            address: "Rue des Tilleuls 14\n1205 Genève".into(),
            ..Profile::default()
        },
        submission_label: "Submission 3 · created 24 Nov 2026".into(),
        total_claimed_minutes: categories.iter().map(|c| c.claimed_minutes).sum(),
        categories,
        credits: 1,
        carried_forward: Vec::new(),
        fee: Some("USD 25.00".into()),
        declaration: "I declare that these hours are a true record.".into(),
    }
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
    // The first PDF also loads the fonts (the installed Japanese one too); not counted.
    let small = form(100);
    let started = Instant::now();
    let small_pdf = tracking_form_pdf(&small).expect("a PDF");
    let first = started.elapsed();
    let small_time = time(20, || tracking_form_pdf(&small).expect("a PDF"));
    let large = form(2000);
    let large_pdf = tracking_form_pdf(&large).expect("a PDF");
    let large_time = time(3, || tracking_form_pdf(&large).expect("a PDF"));

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
    println!("tracking form PDF:");
    println!("  first, 100 entries, loads fonts {first:>9.2?}");
    println!(
        "  100 entries (median of 20)     {small_time:>10.2?}   {:>5} KB   [target <= 50 ms, <= 150 KB]",
        small_pdf.len() / 1024
    );
    println!(
        "  2,000 entries (median of 3)    {large_time:>10.2?}   {:>5} KB   [target <= 1 s]",
        large_pdf.len() / 1024
    );
}
