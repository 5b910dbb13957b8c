use super::*;
use crate::model::EntryQuery;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

#[test]
fn demo_data_fills_an_empty_database_once() {
    let mut store = Store::open_in_memory().unwrap();
    load(&mut store, today()).unwrap();
    assert_eq!(store.profile().unwrap(), Some(demo_profile()));
    assert_eq!(store.mentors().unwrap().len(), demo_mentors().len());
    assert!(matches!(load(&mut store, today()), Err(Error::Refused(_))));
}

#[test]
fn the_demo_shows_a_credit_earned_and_entries_that_count_less() {
    let mut store = Store::open_in_memory().unwrap();
    load(&mut store, today()).unwrap();
    let status = store.credit_status().unwrap();
    assert_eq!(status.credits_available, 1);
    assert!(status.next_credit.total() > 0);
    let less = store
        .entries(&EntryQuery {
            counted_less: true,
            limit: 50,
            ..Default::default()
        })
        .unwrap();
    assert!(
        less.total >= 3,
        "RCST, virtual A, the capped class, the fixed study group …"
    );
    let linked = store
        .entries(&EntryQuery {
            limit: 50,
            ..Default::default()
        })
        .unwrap();
    assert!(linked.rows.iter().any(|e| e.draft.mentor_id.is_some()));
}

#[test]
fn the_demo_has_clients_one_flagged_and_cleared_and_two_case_studies_naming_no_one() {
    let mut store = Store::open_in_memory().unwrap();
    load(&mut store, today()).unwrap();
    let clients = store.clients().unwrap();
    assert_eq!(clients.len(), 3);
    let flagged: Vec<&str> = clients
        .iter()
        .filter(|c| c.flagged)
        .map(|c| c.client.draft.code.as_str())
        .collect();
    assert_eq!(flagged, ["C-002"]);
    let overview = store.client_overview(clients[1].client.id).unwrap();
    assert!(overview.clearance.is_some());
    assert!(overview.sessions.iter().all(|s| !s.uncleared));
    assert_eq!(overview.timeline.len(), 4);
    let cases = store.case_studies().unwrap();
    assert_eq!(cases.len(), 2);
    for case in &cases {
        assert!(case.hits.is_empty(), "{:?}", case.hits);
        assert!(case.missing.is_empty(), "{:?}", case.missing);
    }
    assert_eq!(store.courses().unwrap().len(), 3);
    let readiness = store.readiness().unwrap();
    let techniques: Vec<bool> = readiness[0].items.iter().map(|i| i.done).collect();
    assert_eq!(
        techniques,
        [true, true, true, true, false],
        "the practical is missing"
    );
    assert_eq!(readiness[1].items[3].detail, "2 of 5 finished.");
    assert!(matches!(load(&mut store, today()), Err(Error::Refused(_))));
}
