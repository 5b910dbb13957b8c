//! Writers at the same time: each waits for the other, and both succeed. Every write
//! transaction begins `IMMEDIATE`; a deferred one that read first could not wait for the lock
//! when it came to write, and failed with "database is locked" at once.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};

use chrono::NaiveDate;
use stillpoint_core::{entries_csv, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

/// `rows` entries of all three categories, different for every `seed`.
fn csv(rows: usize, seed: usize) -> Vec<u8> {
    let mut text =
        String::from("date,activity,format,hours,provider,provider_credential,certified_mentor\n");
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    for i in 0..rows {
        let date = start + chrono::Days::new((i % 700) as u64);
        let (activity, format) = match i % 3 {
            0 => ("receiving_treatment", "in_person"),
            1 => ("small_group", "virtual"),
            _ => ("one_to_one", "virtual"),
        };
        text.push_str(&format!(
            "{date},{activity},{format},2,Mentor {seed}-{i},CST,yes\n"
        ));
    }
    text.into_bytes()
}

fn new_record(dir: &Path) -> PathBuf {
    let path = dir.join("together.db");
    Store::open(&path).unwrap();
    path
}

fn entries(path: &Path) -> i64 {
    Store::open_existing(path)
        .unwrap()
        .conn()
        .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn two_imports_at_once_both_succeed() {
    for round in 0..8 {
        let dir = tempfile::tempdir().unwrap();
        let path = new_record(dir.path());
        let start = Arc::new(Barrier::new(2));
        let imports: Vec<_> = (0..2)
            .map(|seed| {
                let (path, start) = (path.clone(), Arc::clone(&start));
                std::thread::spawn(move || {
                    let mut store = Store::open(&path)?;
                    let file = csv(1500, seed);
                    start.wait();
                    entries_csv::import_csv(&mut store, &file, today())
                })
            })
            .collect();
        for import in imports {
            let summary = import
                .join()
                .unwrap()
                .unwrap_or_else(|e| panic!("round {round}: {e}"));
            assert!(summary.is_ok(), "round {round}: {:?}", summary.errors);
        }
        assert_eq!(entries(&path), 3000, "round {round}");
    }
}

#[test]
fn an_import_beside_claims_and_reads_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_record(dir.path());
    let mut store = Store::open(&path).unwrap();
    assert!(entries_csv::import_csv(&mut store, &csv(360, 0), today())
        .unwrap()
        .is_ok());
    drop(store);
    let start = Arc::new(Barrier::new(2));
    let importer = {
        let (path, start) = (path.clone(), Arc::clone(&start));
        std::thread::spawn(move || {
            let mut store = Store::open(&path)?;
            start.wait();
            for seed in 1..4 {
                entries_csv::import_csv(&mut store, &csv(1000, seed), today())?;
            }
            Ok::<_, stillpoint_core::Error>(())
        })
    };
    let claimer = {
        let (path, start) = (path.clone(), Arc::clone(&start));
        std::thread::spawn(move || {
            start.wait();
            for _ in 0..6 {
                let mut store = Store::open(&path)?;
                store.credit_status()?;
                store.claim_credits(1, today())?;
                Store::open_existing(&path)?.credit_status()?;
            }
            Ok::<_, stillpoint_core::Error>(())
        })
    };
    importer.join().unwrap().unwrap();
    claimer.join().unwrap().unwrap();
    assert_eq!(entries(&path), 3360);
    let claimed: i64 = Store::open_existing(&path)
        .unwrap()
        .submissions()
        .unwrap()
        .iter()
        .map(|s| s.credits)
        .sum();
    assert_eq!(claimed, 6);
}
