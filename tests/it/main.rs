//! The shell's integration tests: one binary (each test binary links the whole app).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod binary;
mod bindings;
mod cli;
mod commands;
mod portfolio;
mod support;
