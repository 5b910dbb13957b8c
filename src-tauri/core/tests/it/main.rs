//! The engine's integration tests: one binary, a module per subject.

mod cli;
mod migrations;
