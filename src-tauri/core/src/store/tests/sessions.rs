//! Intakes, clearances and sessions: the clearance rule as the store applies it.

use super::{client, count, intake, session, today};
use crate::clinical::ScreenAnswer;
use crate::error::Error;
use crate::model::{ClearanceDraft, SessionDraft, SessionKind};
use crate::store::Store;

#[test]
fn a_session_needs_an_intake_first() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.save_client(None, &client("C-1"), today()).unwrap();
    let refused = store.save_session(None, &session(c.id, "2025-01-12"), today());
    assert!(
        matches!(
            refused,
            Err(Error::Invalid {
                field: "intake",
                ..
            })
        ),
        "{refused:?}"
    );
    assert_eq!(count(&store), 0);
}

#[test]
fn an_intake_with_a_question_unanswered_is_refused_and_the_client_counts_as_flagged() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.save_client(None, &client("C-1"), today()).unwrap();
    let summary = &store.clients().unwrap()[0];
    assert!(summary.incomplete, "no intake: the screen is incomplete");
    let mut partial = intake(ScreenAnswer::No);
    partial.answers.retain(|a| a.item != "skull_fracture");
    let refused = store.save_intake(c.id, &partial, today());
    assert!(
        matches!(
            refused,
            Err(Error::Invalid {
                field: "screen.skull_fracture",
                ..
            })
        ),
        "{refused:?}"
    );
    assert!(store.client_overview(c.id).unwrap().intake.is_none());
    match store.save_session(None, &session(c.id, "2025-01-12"), today()) {
        Err(Error::Invalid {
            field: "intake",
            message,
        }) => assert!(message.contains("screen is incomplete"), "{message}"),
        other => panic!("{other:?}"),
    }
    let overview = store.client_overview(c.id).unwrap();
    assert!(overview.incomplete);
    assert!(
        overview.notice.contains("screen is incomplete"),
        "{}",
        overview.notice
    );
}

/// An intake as the form of schema 7 and earlier saved it: every answer preset to "no".
fn preset(store: &Store, client_id: i64) {
    store
        .conn()
        .execute(
            "UPDATE intakes SET answers_preset = 1 WHERE client_id = ?1",
            [client_id],
        )
        .unwrap();
}

#[test]
fn an_intake_saved_with_preset_answers_needs_review_before_treatment() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.save_client(None, &client("C-1"), today()).unwrap();
    store
        .save_intake(c.id, &intake(ScreenAnswer::No), today())
        .unwrap();
    preset(&store, c.id);
    let overview = store.client_overview(c.id).unwrap();
    assert!(overview.flagged && overview.incomplete);
    let intake_now = overview.intake.unwrap();
    assert!(intake_now.result.needs_review);
    assert!(
        intake_now.draft.answers.is_empty(),
        "the form offers no preset answer again"
    );
    assert!(
        overview.notice.contains("needs review"),
        "{}",
        overview.notice
    );
    let summary = &store.clients().unwrap()[0];
    assert!(summary.flagged && summary.incomplete);
    match store.save_session(None, &session(c.id, "2025-01-12"), today()) {
        Err(Error::Invalid {
            field: "clearance",
            message,
        }) => {
            assert!(message.contains("Review the screen"), "{message}");
            assert!(message.contains("consultation"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(count(&store), 0);

    // Reviewed and saved again: the mark is gone, all "no" now means no.
    store
        .save_intake(c.id, &intake(ScreenAnswer::No), today())
        .unwrap();
    let overview = store.client_overview(c.id).unwrap();
    assert!(!overview.flagged && !overview.incomplete);
    assert_eq!(overview.notice, "");
    store
        .save_session(None, &session(c.id, "2025-01-12"), today())
        .unwrap();
}

#[test]
fn a_clearance_recorded_before_still_clears_a_preset_intake() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.save_client(None, &client("C-1"), today()).unwrap();
    store
        .save_intake(c.id, &intake(ScreenAnswer::Yes), today())
        .unwrap();
    store
        .add_clearance(
            &ClearanceDraft {
                client_id: c.id,
                cleared_on: "2025-01-11".into(),
                cleared_by: "Dr Anna Berg, GP".into(),
                note: String::new(),
            },
            today(),
        )
        .unwrap();
    preset(&store, c.id);
    let overview = store.client_overview(c.id).unwrap();
    assert!(
        overview.notice.contains("Cleared by Dr Anna Berg"),
        "{}",
        overview.notice
    );
    assert_eq!(
        overview.contraindications[0].answer,
        ScreenAnswer::Yes,
        "a yes was chosen and stands"
    );
    store
        .save_session(None, &session(c.id, "2025-01-12"), today())
        .unwrap();
}

#[test]
fn a_consultation_is_saved_before_the_clearance_and_keeps_every_note() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.save_client(None, &client("C-1"), today()).unwrap();
    store
        .save_intake(c.id, &intake(ScreenAnswer::Yes), today())
        .unwrap();
    let typed = SessionDraft {
        assessment: "Headaches since the fall; referred to the GP for clearance.".into(),
        ..session(c.id, "2025-01-12")
    };
    let refused = store.save_session(None, &typed, today());
    assert!(matches!(
        refused,
        Err(Error::Invalid {
            field: "clearance",
            ..
        })
    ));
    let with_techniques = SessionDraft {
        kind: SessionKind::Consultation,
        ..typed.clone()
    };
    assert!(matches!(
        store.save_session(None, &with_techniques, today()),
        Err(Error::Invalid {
            field: "techniques",
            ..
        })
    ));
    let consultation = SessionDraft {
        kind: SessionKind::Consultation,
        techniques: Vec::new(),
        ..typed.clone()
    };
    let saved = store.save_session(None, &consultation, today()).unwrap();
    assert_eq!(saved.draft.kind, SessionKind::Consultation);
    assert_eq!(saved.draft.assessment, typed.assessment);
    assert!(!saved.uncleared, "a consultation needs no clearance");
    // Turning it into a treatment is the clearance rule again.
    let treated = SessionDraft {
        kind: SessionKind::Treatment,
        ..saved.draft.clone()
    };
    assert!(matches!(
        store.save_session(Some(saved.id), &treated, today()),
        Err(Error::Invalid {
            field: "clearance",
            ..
        })
    ));
    assert_eq!(
        store.client_overview(c.id).unwrap().sessions[0].draft.kind,
        SessionKind::Consultation
    );
}

#[test]
fn a_flagged_client_needs_a_clearance_dated_on_or_before_the_session() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.save_client(None, &client("C-1"), today()).unwrap();
    store
        .save_intake(c.id, &intake(ScreenAnswer::Unknown), today())
        .unwrap();
    let overview = store.client_overview(c.id).unwrap();
    assert!(overview.flagged);
    assert_eq!(overview.contraindications[0].item, "head_injury");
    assert!(
        overview
            .notice
            .starts_with("Flagged at intake: Recent head injury"),
        "{}",
        overview.notice
    );

    match store.save_session(None, &session(c.id, "2025-01-12"), today()) {
        Err(Error::Invalid {
            field: "clearance",
            message,
        }) => {
            assert!(
                message.contains("Recent head injury or concussion: unknown"),
                "{message}"
            );
            assert!(
                message.contains("on or before 12 January 2025"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(count(&store), 0, "nothing saved");

    store
        .add_clearance(
            &ClearanceDraft {
                client_id: c.id,
                cleared_on: "2025-01-15".into(),
                cleared_by: "Dr Anna Berg, GP".into(),
                note: String::new(),
            },
            today(),
        )
        .unwrap();
    let early = store.save_session(None, &session(c.id, "2025-01-14"), today());
    assert!(
        matches!(
            early,
            Err(Error::Invalid {
                field: "clearance",
                ..
            })
        ),
        "a later clearance does not cover it"
    );
    let saved = store
        .save_session(None, &session(c.id, "2025-01-15"), today())
        .unwrap();
    assert!(!saved.uncleared);
    assert_eq!(saved.technique_labels, ["Still point induction"]);
    let overview = store.client_overview(c.id).unwrap();
    assert!(
        overview
            .notice
            .contains("Cleared by Dr Anna Berg, GP on 15 January 2025"),
        "{}",
        overview.notice
    );
    assert_eq!(overview.timeline.len(), 1);
    assert_eq!(
        (
            overview.timeline[0].scale_before,
            overview.timeline[0].scale_after
        ),
        (Some(6), Some(3))
    );
}

#[test]
fn an_edited_session_keeps_the_clearance_rule_and_a_deleted_one_is_gone() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.save_client(None, &client("C-1"), today()).unwrap();
    store
        .save_intake(c.id, &intake(ScreenAnswer::Yes), today())
        .unwrap();
    store
        .add_clearance(
            &ClearanceDraft {
                client_id: c.id,
                cleared_on: "2025-01-15".into(),
                cleared_by: "Dr Anna Berg, GP".into(),
                note: String::new(),
            },
            today(),
        )
        .unwrap();
    let saved = store
        .save_session(None, &session(c.id, "2025-01-20"), today())
        .unwrap();

    let changed = SessionDraft {
        minutes: 45,
        assessment: "Less tension at the occiput.".into(),
        ..session(c.id, "2025-01-21")
    };
    let edited = store
        .save_session(Some(saved.id), &changed, today())
        .unwrap();
    assert_eq!(edited.id, saved.id);
    assert_eq!(
        (edited.draft.date.as_str(), edited.draft.minutes),
        ("2025-01-21", 45)
    );
    assert_eq!(count(&store), 1, "changed, not added");

    let before_clearance =
        store.save_session(Some(saved.id), &session(c.id, "2025-01-14"), today());
    assert!(
        matches!(
            before_clearance,
            Err(Error::Invalid {
                field: "clearance",
                ..
            })
        ),
        "{before_clearance:?}"
    );
    assert_eq!(
        store.client_overview(c.id).unwrap().sessions,
        std::slice::from_ref(&edited),
        "the refused edit changed nothing"
    );
    let missing = store.save_session(Some(saved.id + 1), &changed, today());
    assert!(matches!(missing, Err(Error::NotFound(_))), "{missing:?}");
    assert_eq!(count(&store), 1);

    let other = store.save_client(None, &client("C-2"), today()).unwrap();
    store
        .save_intake(other.id, &intake(ScreenAnswer::No), today())
        .unwrap();
    let moved = store.save_session(Some(saved.id), &session(other.id, "2025-01-21"), today());
    assert!(
        matches!(
            moved,
            Err(Error::Invalid {
                field: "client_id",
                ..
            })
        ),
        "{moved:?}"
    );
    assert_eq!(
        store.client_overview(c.id).unwrap().sessions,
        std::slice::from_ref(&edited),
        "a session stays with its client"
    );

    assert_eq!(store.delete_session(saved.id).unwrap(), edited);
    assert_eq!(count(&store), 0);
    assert!(matches!(
        store.delete_session(saved.id),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn a_caution_is_shown_but_does_not_block() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.save_client(None, &client("C-1"), today()).unwrap();
    let mut answers = intake(ScreenAnswer::No);
    for a in &mut answers.answers {
        if a.item == "clotting_disorder" {
            a.answer = ScreenAnswer::Yes;
        }
    }
    store.save_intake(c.id, &answers, today()).unwrap();
    store
        .save_session(None, &session(c.id, "2025-01-12"), today())
        .unwrap();
    let overview = store.client_overview(c.id).unwrap();
    assert!(!overview.flagged);
    assert_eq!(overview.cautions[0].label, "Clotting disorder");
    assert_eq!(overview.notice, "");
}

#[test]
fn sessions_saved_before_a_flag_show_as_uncleared() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store.save_client(None, &client("C-1"), today()).unwrap();
    store
        .save_intake(c.id, &intake(ScreenAnswer::No), today())
        .unwrap();
    store
        .save_session(None, &session(c.id, "2025-01-12"), today())
        .unwrap();
    store
        .save_intake(c.id, &intake(ScreenAnswer::Yes), today())
        .unwrap();
    let overview = store.client_overview(c.id).unwrap();
    assert!(overview.sessions[0].uncleared);
    assert!(store.clients().unwrap()[0].flagged);
}
