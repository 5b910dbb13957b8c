//! The engine's integration tests: one binary, a module per subject.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod attachments;
mod calendar;
mod claims;
mod concurrency;
mod entries_csv;
mod mentors_csv;
mod migrations;
mod pdf;
