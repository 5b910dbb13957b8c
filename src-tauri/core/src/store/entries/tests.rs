use chrono::NaiveDate;

use crate::error::Error;
use crate::model::{EntryQuery, EntrySort, MentorDraft, MentorRole};
use crate::rules::Category;
use crate::store::Store;
use crate::testing::entry as draft;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
}

#[test]
fn an_entry_is_stored_counted_and_read_back_as_the_form_edits_it() {
    let mut store = Store::open_in_memory().unwrap();
    let entry = store
        .add_entry(&draft("2025-03-14", "clinical_applications", "8"), today())
        .unwrap();
    assert_eq!(entry.category, Category::B);
    assert_eq!(
        (entry.logged_minutes, entry.counted_minutes),
        (Some(480), 360)
    );
    assert_eq!(entry.reasons.len(), 1, "the cap is explained");
    assert_eq!(entry.draft.hours, "8:00");
    assert_eq!(store.entry(entry.id).unwrap(), entry);
}

#[test]
fn a_bad_entry_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let bad = draft("2025-03-14", "one_to_one", "25");
    assert!(matches!(
        store.add_entry(&bad, today()),
        Err(Error::Invalid { field: "hours", .. })
    ));
    assert_eq!(
        store
            .entries(&EntryQuery {
                limit: 10,
                ..Default::default()
            })
            .unwrap()
            .total,
        0
    );
}

#[test]
fn editing_recounts_and_deleting_returns_the_entry() {
    let mut store = Store::open_in_memory().unwrap();
    let entry = store
        .add_entry(&draft("2025-03-14", "one_to_one", "2"), today())
        .unwrap();
    let mut changed = entry.draft.clone();
    changed.certified_mentor = false;
    let updated = store.update_entry(entry.id, &changed, today()).unwrap();
    assert_eq!(updated.counted_minutes, 0);
    assert_eq!(store.credit_status().unwrap().counted.c, 0);
    let deleted = store.delete_entry(entry.id).unwrap();
    assert_eq!(deleted.entry, updated);
    assert!(deleted.attachments.is_empty());
    assert!(matches!(store.entry(entry.id), Err(Error::NotFound(_))));
    assert!(matches!(
        store.delete_entry(entry.id),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn credits_add_up_counted_minutes_per_category() {
    let mut store = Store::open_in_memory().unwrap();
    for (activity, hours) in [
        ("receiving_treatment", "6"),
        ("small_group", "6"),
        ("one_to_one", "12"),
    ] {
        store
            .add_entry(&draft("2025-03-14", activity, hours), today())
            .unwrap();
    }
    let status = store.credit_status().unwrap();
    assert_eq!(status.credits_available, 1);
    assert_eq!(
        (status.counted.a, status.counted.b, status.counted.c),
        (360, 360, 720)
    );
}

#[test]
fn queries_filter_sort_search_and_page() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .add_entry(&draft("2025-01-10", "small_group", "2"), today())
        .unwrap();
    let mut other = draft("2025-02-10", "receiving_treatment", "1");
    other.provider = "Олена Коваленко".into();
    other.provider_credentials = "RCST".into();
    other.notes = "Cranial base work".into();
    store.add_entry(&other, today()).unwrap();
    store
        .add_entry(&draft("2025-03-10", "one_to_one", "1:30"), today())
        .unwrap();

    let all = |q: EntryQuery| store.entries(&EntryQuery { limit: 50, ..q }).unwrap();
    let dates = |page: crate::model::EntryPage| {
        page.rows
            .into_iter()
            .map(|e| e.draft.date)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        dates(all(EntryQuery::default())),
        ["2025-03-10", "2025-02-10", "2025-01-10"]
    );
    assert_eq!(
        dates(all(EntryQuery {
            sort: EntrySort::DateAsc,
            ..Default::default()
        }))[0],
        "2025-01-10"
    );
    assert_eq!(
        all(EntryQuery {
            category: Some(Category::A),
            ..Default::default()
        })
        .total,
        1
    );
    assert_eq!(
        all(EntryQuery {
            counted_less: true,
            ..Default::default()
        })
        .total,
        1,
        "RCST counts 0"
    );
    assert_eq!(
        all(EntryQuery {
            search: "cranial".into(),
            ..Default::default()
        })
        .total,
        1
    );
    assert_eq!(
        all(EntryQuery {
            search: "олена".into(),
            ..Default::default()
        })
        .total,
        1
    );
    assert_eq!(
        all(EntryQuery {
            provider: Some("núñez".into()),
            ..Default::default()
        })
        .total,
        2
    );
    let range = EntryQuery {
        from: Some("2025-02-01".into()),
        to: Some("2025-02-28".into()),
        ..Default::default()
    };
    assert_eq!(all(range).total, 1);
    let page = store
        .entries(&EntryQuery {
            limit: 1,
            offset: 1,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        (page.total, dates(page)),
        (3, vec!["2025-02-10".to_string()])
    );
}

#[test]
fn a_mentor_fills_nothing_by_itself_but_must_exist() {
    let mut store = Store::open_in_memory().unwrap();
    let mentor = store
        .save_mentor(
            None,
            &MentorDraft {
                name: "Karin Holm".into(),
                roles: vec![MentorRole::Mentor],
                certified_mentor: true,
                ..Default::default()
            },
        )
        .unwrap();
    let mut d = draft("2025-03-14", "one_to_one", "1");
    d.mentor_id = Some(mentor.id);
    let entry = store.add_entry(&d, today()).unwrap();
    store.delete_mentor(mentor.id).unwrap();
    let kept = store.entry(entry.id).unwrap();
    assert_eq!(
        (kept.draft.mentor_id, kept.draft.provider.as_str()),
        (None, "Ana Núñez")
    );
    assert!(matches!(
        store.add_entry(&d, today()),
        Err(Error::Invalid {
            field: "provider",
            ..
        })
    ));
}

/// The kept totals, and the same summed from the entries themselves.
fn totals(store: &Store) -> ([i64; 3], [i64; 3]) {
    let kept = crate::store::claims::counted_by_category(store.conn()).unwrap();
    let mut summed = [0; 3];
    for (i, letter) in ["A", "B", "C"].iter().enumerate() {
        summed[i] = store
            .conn()
            .query_row(
                "SELECT COALESCE(SUM(counted_minutes), 0) FROM entries WHERE category = ?1",
                [letter],
                |r| r.get(0),
            )
            .unwrap();
    }
    (
        [kept[Category::A], kept[Category::B], kept[Category::C]],
        summed,
    )
}

#[test]
fn the_kept_totals_follow_every_add_edit_delete_and_restore() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(totals(&store), ([0, 0, 0], [0, 0, 0]));
    let a = store
        .add_entry(&draft("2025-03-14", "receiving_treatment", "1:30"), today())
        .unwrap();
    let b = store
        .add_entry(&draft("2025-03-15", "clinical_applications", "8"), today())
        .unwrap();
    assert_eq!(
        totals(&store),
        ([90, 360, 0], [90, 360, 0]),
        "B counts 6 of 8 h"
    );
    // An edit that moves an entry to another category, and one that changes what it counts.
    store
        .update_entry(a.id, &draft("2025-03-14", "one_to_one", "2"), today())
        .unwrap();
    let mut virtual_class = draft("2025-03-15", "clinical_applications", "4");
    virtual_class.endorsed = false;
    store.update_entry(b.id, &virtual_class, today()).unwrap();
    assert_eq!(totals(&store), ([0, 0, 120], [0, 0, 120]));
    let deleted = store.delete_entry(a.id).unwrap();
    assert_eq!(totals(&store), ([0, 0, 0], [0, 0, 0]));
    store.restore_entry(&deleted, today()).unwrap();
    assert_eq!(totals(&store), ([0, 0, 120], [0, 0, 120]));
    // A refused write leaves them as they were.
    assert!(store
        .add_entry(&draft("2025-03-16", "one_to_one", "25"), today())
        .is_err());
    assert_eq!(totals(&store), ([0, 0, 120], [0, 0, 120]));
}
