//! What the tests build again and again, built once: an entry as a therapist types it, a client,
//! and an intake whose screen is answered in full.
//!
//! Compiled for the engine's own tests, and for the shell's and the integration tests through the
//! `testing` feature (never in the app). A test that needs something else says so with struct
//! update syntax — `EntryDraft { notes: "…".into(), ..testing::entry(…) }` — so what it changes is
//! what it is about.
#![allow(clippy::expect_used)] // a fixture that cannot be built is a failed test

use crate::clinical::{intake_screen, ItemAnswer, ScreenAnswer};
use crate::model::{ClientDraft, EntryDraft, IntakeDraft};
use crate::rules::Format;

/// An entry received in person from a certified mentor, endorsed, as the form sends it.
pub fn entry(date: &str, activity: &str, hours: &str) -> EntryDraft {
    EntryDraft {
        date: date.into(),
        activity: activity.into(),
        format: Some(Format::InPerson),
        hours: hours.into(),
        days: None,
        mentor_id: None,
        provider: "Ana Núñez".into(),
        provider_credentials: "LMT, CST-D".into(),
        certified_mentor: true,
        endorsed: true,
        notes: String::new(),
    }
}

/// Every question of the intake screen answered "no", but head injury, answered as given.
pub fn screen_answers(head_injury: ScreenAnswer) -> Vec<ItemAnswer> {
    intake_screen()
        .expect("the bundled screen loads")
        .items()
        .iter()
        .map(|item| ItemAnswer {
            item: item.key.clone(),
            answer: if item.key == "head_injury" {
                head_injury
            } else {
                ScreenAnswer::No
            },
        })
        .collect()
}

/// A client who consented to treatment (not to the portfolio), with a private name in Icelandic.
pub fn client(code: &str) -> ClientDraft {
    ClientDraft {
        code: code.into(),
        private_name: "Ólafur Þórsson".into(),
        birth_year: Some(1981),
        consent_treatment_on: "2025-01-10".into(),
        ..ClientDraft::default()
    }
}

/// An intake for headaches, its screen answered in full (see [`screen_answers`]).
pub fn intake(head_injury: ScreenAnswer) -> IntakeDraft {
    IntakeDraft {
        taken_on: "2025-01-10".into(),
        complaint: "Headaches".into(),
        answers: screen_answers(head_injury),
        ..IntakeDraft::default()
    }
}
