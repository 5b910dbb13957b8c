//! The store's tests of clients and their treatment: through [`Store`], as the commands call it.

mod clients;
mod sessions;
mod unreadable;

use chrono::NaiveDate;

use crate::model::SessionDraft;
use crate::store::Store;
pub(super) use crate::testing::{client, intake};

pub(super) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
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
