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

#[test]
fn the_demo_calendar_has_the_programs_around_today_some_logged_one_asking_for_a_course_not_taken() {
    let mut store = Store::open_in_memory().unwrap();
    load(&mut store, today()).unwrap();
    let events = store.events().unwrap();
    assert!(events.len() >= 10);
    assert!(events.iter().any(|e| e.event.title == "CS1 Review"));
    let mentors: Vec<String> = demo_mentors().into_iter().map(|m| m.name).collect();
    assert!(
        events.iter().all(|e| mentors.contains(&e.event.presenter)),
        "presented by the demo's fictional mentors"
    );
    let logged: Vec<_> = events.iter().filter(|e| e.entry_id.is_some()).collect();
    assert_eq!(logged.len(), 2);
    for e in &logged {
        let entry = store
            .entries(&EntryQuery {
                limit: 100,
                ..Default::default()
            })
            .unwrap()
            .rows
            .into_iter()
            .find(|x| Some(x.id) == e.entry_id)
            .unwrap();
        assert_eq!(entry.draft.activity, "large_group");
        assert_eq!(entry.draft.date, crate::model::iso(e.event.start.date()));
    }
    let here = chrono_tz::Tz::Europe__Oslo;
    let at =
        chrono::TimeZone::from_utc_datetime(&chrono::Utc, &today().and_hms_opt(12, 0, 0).unwrap());
    let agenda = crate::views::agenda(&store, here, at).unwrap();
    assert!(agenda.upcoming.len() >= 5 && agenda.past.len() >= 4);
    let marked: Vec<_> = agenda
        .upcoming
        .iter()
        .chain(&agenda.past)
        .filter_map(|e| e.prerequisite.as_ref())
        .collect();
    assert_eq!(marked.len(), 1, "CS1 is taken; ADV1 is not");
    assert_eq!(marked[0].course, "ADV1");
    let month = crate::views::calendar_month(&store, 2026, 11, here, at).unwrap();
    assert!(month
        .weeks
        .iter()
        .flatten()
        .any(|d| d.today && !d.events.is_empty()));
}
