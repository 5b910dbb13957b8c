//! The engine's integration tests: one binary, a module per subject.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod attachments;
mod claims;
mod cli;
mod concurrency;
mod exchange;
mod migrations;
mod pdf;
mod portfolio;
