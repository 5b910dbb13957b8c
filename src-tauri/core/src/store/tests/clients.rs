//! Clients: codes, finding, deleting, consent, and the types the window receives.

use super::{client, count, intake, session, today};
use crate::clinical::ScreenAnswer;
use crate::error::Error;
use crate::model::ClientDraft;
use crate::store::Store;

#[test]
fn codes_are_unique_ignoring_case_in_any_script() {
    let mut store = Store::open_in_memory().unwrap();
    store.save_client(None, &client("К-001"), today()).unwrap();
    let again = store.save_client(None, &client("к-001"), today());
    assert!(
        matches!(again, Err(Error::Invalid { field: "code", .. })),
        "{again:?}"
    );
    assert_eq!(store.clients().unwrap().len(), 1);
}

#[test]
fn clients_are_found_by_code_private_name_or_contact_in_any_case_and_accent() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_client(
            None,
            &ClientDraft {
                private_contact: "olafur@example.is\n+354 891 2345".into(),
                ..client("C-014")
            },
            today(),
        )
        .unwrap();
    store
        .save_client(
            None,
            &ClientDraft {
                private_name: "Олена Коваль".into(),
                ..client("K-2")
            },
            today(),
        )
        .unwrap();
    let codes = |q: &str| -> Vec<String> {
        store
            .find_clients(q)
            .unwrap()
            .into_iter()
            .map(|s| s.client.draft.code)
            .collect()
    };
    assert_eq!(codes("thorsson"), ["C-014"], "Þ folds to th, ó to o");
    assert_eq!(codes("ÓLAFUR"), ["C-014"]);
    assert_eq!(codes("c-014"), ["C-014"]);
    assert_eq!(codes("8912345"), ["C-014"], "a phone by its digits");
    assert_eq!(codes("example.is"), ["C-014"]);
    assert_eq!(codes("олена"), ["K-2"]);
    assert_eq!(
        codes("olafur koval"),
        Vec::<String>::new(),
        "the words as typed"
    );
    assert_eq!(codes("k-2"), ["K-2"], "not every code with a k and a 2");
    assert_eq!(codes("þórsson"), ["C-014"]);
    assert_eq!(codes("  ").len(), 2, "an empty search lists everyone");
}

#[test]
fn a_client_with_case_studies_is_not_deleted_but_one_without_goes_with_their_notes() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.save_client(None, &client("C-1"), today()).unwrap();
    store
        .save_intake(c.id, &intake(ScreenAnswer::No), today())
        .unwrap();
    store
        .save_session(None, &session(c.id, "2025-01-12"), today())
        .unwrap();
    store
        .conn()
        .execute(
            "INSERT INTO case_studies (client_id, title, last_treatment_on, client_age, treatment_count, updated_at)
             VALUES (?1, 'T', '2025-01-12', 44, 1, 'now')",
            [c.id],
        )
        .unwrap();
    assert!(matches!(store.delete_client(c.id), Err(Error::Refused(_))));
    store
        .conn()
        .execute("DELETE FROM case_studies", [])
        .unwrap();
    store.delete_client(c.id).unwrap();
    assert_eq!(count(&store), 0);
    let answers: i64 = store
        .conn()
        .query_row("SELECT COUNT(*) FROM screen_answers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(answers, 0);
}

#[test]
fn consent_to_treatment_cannot_move_after_a_session() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.save_client(None, &client("C-1"), today()).unwrap();
    store
        .save_intake(c.id, &intake(ScreenAnswer::No), today())
        .unwrap();
    store
        .save_session(None, &session(c.id, "2025-01-12"), today())
        .unwrap();
    let later = ClientDraft {
        consent_treatment_on: "2025-02-01".into(),
        ..client("C-1")
    };
    let refused = store.save_client(Some(c.id), &later, today());
    assert!(matches!(
        refused,
        Err(Error::Invalid {
            field: "consent_treatment_on",
            ..
        })
    ));
}

#[test]
fn the_case_note_types_export_to_typescript_without_bigints() {
    use crate::model::*;
    let types = specta::Types::default()
        .register::<ClientDraft>()
        .register::<crate::views::ClientSummary>()
        .register::<crate::views::ClientOverview>()
        .register::<IntakeDraft>()
        .register::<ClearanceDraft>()
        .register::<SessionDraft>()
        .register::<CaseStudyDraft>()
        .register::<CaseStudy>()
        .register::<CourseDraft>()
        .register::<Course>()
        .register::<ExamDraft>()
        .register::<Exam>()
        .register::<PresentationDraft>()
        .register::<Presentation>()
        .register::<crate::certification::PathReadiness>()
        .register::<crate::portfolio::ExportHit>();
    let ts = specta_typescript::Typescript::default()
        .export(&types, crate::rules::bindings::AsDerived)
        .unwrap();
    for name in [
        "ClientOverview",
        "TimelinePoint",
        "CaseStudy",
        "Hit",
        "PathReadiness",
    ] {
        assert!(ts.contains(&format!("export type {name} ")), "{name}");
    }
    assert!(!ts.contains("bigint"), "{ts}");
}
