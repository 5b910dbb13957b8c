//! What the window asks of the app itself: its status and the record's health, the profile, demo data, the window and its data folder, the rules and the dashboard.

use super::*;

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

/// The full check of the record (SQLite's `integrity_check`), run by the window in the
/// background after it starts, on a connection of its own: `None` when the record is whole,
/// else what is wrong and what the therapist can do.
#[tauri::command(async)]
#[specta::specta]
pub fn check_record(state: State<'_, AppState>) -> Result<Option<String>, ApiError> {
    Ok(stillpoint_core::store::check_whole(&state.db_path)?)
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

/// Shows the folder that holds the database (and its attachments) in the file manager.
#[tauri::command(async)]
#[specta::specta]
pub fn show_data_folder(state: State<'_, AppState>) -> Result<(), ApiError> {
    let folder = match state.db_path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    state.desktop()?.show_folder(&folder)
}

/// The window tells the shell whether a form holds changes not saved: while one does, closing
/// the window asks the window first (see `lib.rs`).
#[tauri::command(async)]
#[specta::specta]
pub fn set_unsaved(state: State<'_, AppState>, unsaved: bool) {
    state.set_unsaved(unsaved);
}

/// Closes the window after the therapist chose to discard the changes of an open form.
#[tauri::command(async)]
#[specta::specta]
pub fn close_window(state: State<'_, AppState>) -> Result<(), ApiError> {
    state.set_unsaved(false);
    state.desktop()?.close_window()
}

/// How the hours typed into the entry form read: "1 h 15 min", or what is wrong with them.
#[tauri::command(async)]
#[specta::specta]
pub fn read_hours(text: String) -> stillpoint_core::model::HoursReading {
    stillpoint_core::model::read_hours(&text)
}

#[tauri::command(async)]
#[specta::specta]
pub fn rule_set() -> Result<RuleSet, ApiError> {
    Ok(stillpoint_core::rules::default_rule_set()?.clone())
}

#[tauri::command(async)]
#[specta::specta]
pub fn dashboard(state: State<'_, AppState>) -> Result<Dashboard, ApiError> {
    state.with_store(|s| stillpoint_core::views::dashboard(s))
}
