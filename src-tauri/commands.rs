//! The commands the window can call. Each takes the state, calls one engine function, and
//! returns its answer; `#[tauri::command(async)]` keeps them off the UI thread.

use serde::Serialize;
use specta::Type;
use stillpoint_core::{model::Profile, ApiError};
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
