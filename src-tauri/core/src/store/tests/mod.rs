//! The store's tests of clients and their treatment: through [`Store`], as the commands call it.

mod clients;
mod sessions;
mod unreadable;

use chrono::NaiveDate;

use crate::clinical::{intake_screen, ItemAnswer, ScreenAnswer};
use crate::model::{ClientDraft, IntakeDraft, SessionDraft};
use crate::store::Store;

pub(super) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

pub(super) fn client(code: &str) -> ClientDraft {
    ClientDraft {
        code: code.into(),
        private_name: "Ólafur Þórsson".into(),
        birth_year: Some(1981),
        consent_treatment_on: "2025-01-10".into(),
        ..ClientDraft::default()
    }
}

pub(super) fn intake(head_injury: ScreenAnswer) -> IntakeDraft {
    IntakeDraft {
        taken_on: "2025-01-10".into(),
        complaint: "Headaches".into(),
        answers: intake_screen()
            .unwrap()
            .items()
            .iter()
            .map(|i| ItemAnswer {
                item: i.key.clone(),
                answer: if i.key == "head_injury" {
                    head_injury
                } else {
                    ScreenAnswer::No
                },
            })
            .collect(),
        ..IntakeDraft::default()
    }
}

pub(super) fn session(client_id: i64, date: &str) -> SessionDraft {
    SessionDraft {
        client_id,
        date: date.into(),
        minutes: 60,
        scale_before: Some(6),
        scale_after: Some(3),
        techniques: vec!["still_point".into()],
        ..SessionDraft::default()
    }
}

pub(super) fn count(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT COUNT(*) FROM sessions", [], |r| r.get(0))
        .unwrap()
}
