//! The commands the window can call. Each takes the state, calls one engine function, and
//! returns its answer; `#[tauri::command(async)]` keeps them off the UI thread.

use serde::Serialize;
use specta::Type;
use stillpoint_core::dashboard::Dashboard;
use stillpoint_core::exchange::ImportSummary;
use stillpoint_core::model::{
    Entry, EntryDraft, EntryPage, EntryQuery, Mentor, MentorDraft, Profile, RowId,
};
use stillpoint_core::rules::RuleSet;
use stillpoint_core::{today, ApiError};
use tauri::State;

use crate::AppState;

/// What the window needs to know before it shows anything.
#[derive(Debug, Serialize, Type)]
pub struct AppStatus {
    /// The app's version.
    pub version: String,
    /// The database file in use, shown in Settings.
    pub database_path: String,
    /// True on a first start: nothing saved yet.
    pub empty: bool,
    /// Why the database could not be opened, if it could not.
    pub startup_error: Option<ApiError>,
}

#[tauri::command(async)]
#[specta::specta]
pub fn app_status(state: State<'_, AppState>) -> AppStatus {
    AppStatus {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        database_path: state.db_path.display().to_string(),
        empty: state.with_store(|s| s.is_empty()).unwrap_or(false),
        startup_error: state.startup_error(),
    }
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_profile(state: State<'_, AppState>) -> Result<Option<Profile>, ApiError> {
    state.with_store(|s| s.profile())
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_profile(state: State<'_, AppState>, profile: Profile) -> Result<Profile, ApiError> {
    state.with_store(|s| s.save_profile(&profile))
}

#[tauri::command(async)]
#[specta::specta]
pub fn load_demo(state: State<'_, AppState>) -> Result<(), ApiError> {
    state.with_store(|s| stillpoint_core::demo::load(s, stillpoint_core::today()))
}

/// Called by the window once the dashboard shows data. With `STILLPOINT_STARTUP_PROBE` set
/// (by `scripts/bench-startup`), prints the time since start, and with `=exit` also quits.
#[tauri::command(async)]
#[specta::specta]
pub fn ui_ready(state: State<'_, AppState>) {
    if let Ok(probe) = std::env::var("STILLPOINT_STARTUP_PROBE") {
        println!(
            "stillpoint: ready after {} ms",
            state.started.elapsed().as_millis()
        );
        if probe == "exit" {
            std::process::exit(0);
        }
    }
}

#[tauri::command(async)]
#[specta::specta]
pub fn rule_set() -> Result<RuleSet, ApiError> {
    Ok(stillpoint_core::rules::default_rule_set()?.clone())
}

#[tauri::command(async)]
#[specta::specta]
pub fn dashboard(state: State<'_, AppState>) -> Result<Dashboard, ApiError> {
    state.with_store(|s| stillpoint_core::dashboard::dashboard(s))
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_entries(state: State<'_, AppState>, query: EntryQuery) -> Result<EntryPage, ApiError> {
    state.with_store(|s| s.entries(&query))
}

#[tauri::command(async)]
#[specta::specta]
pub fn add_entry(state: State<'_, AppState>, entry: EntryDraft) -> Result<Entry, ApiError> {
    state.with_store(|s| s.add_entry(&entry, today()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn update_entry(
    state: State<'_, AppState>,
    id: RowId,
    entry: EntryDraft,
) -> Result<Entry, ApiError> {
    state.with_store(|s| s.update_entry(id.0, &entry, today()))
}

/// Deletes an entry and returns it, so the window can offer to undo.
#[tauri::command(async)]
#[specta::specta]
pub fn delete_entry(state: State<'_, AppState>, id: RowId) -> Result<Entry, ApiError> {
    state.with_store(|s| s.delete_entry(id.0))
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_mentors(state: State<'_, AppState>) -> Result<Vec<Mentor>, ApiError> {
    state.with_store(|s| s.mentors())
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_mentor(
    state: State<'_, AppState>,
    id: Option<RowId>,
    mentor: MentorDraft,
) -> Result<Mentor, ApiError> {
    state.with_store(|s| s.save_mentor(id.map(|i| i.0), &mentor))
}

#[tauri::command(async)]
#[specta::specta]
pub fn delete_mentor(state: State<'_, AppState>, id: RowId) -> Result<Mentor, ApiError> {
    state.with_store(|s| s.delete_mentor(id.0))
}

/// Imports entries from the text of a CSV file the user chose: all rows, or none.
#[tauri::command(async)]
#[specta::specta]
pub fn import_csv(state: State<'_, AppState>, text: String) -> Result<ImportSummary, ApiError> {
    state.with_store(|s| stillpoint_core::exchange::import_csv(s, text.as_bytes(), today()))
}
