//! Reminders of registered live events, as Settings asks: how many minutes before.

use super::*;

/// How many minutes before a registered live event the reminder comes.
#[tauri::command(async)]
#[specta::specta]
pub fn reminder_minutes(state: State<'_, AppState>) -> Result<u32, ApiError> {
    state.with_store(|s| s.reminder_minutes())
}

/// Chooses how many minutes before a registered live event the reminder comes.
#[tauri::command(async)]
#[specta::specta]
pub fn set_reminder_minutes(state: State<'_, AppState>, minutes: u32) -> Result<u32, ApiError> {
    state.with_store(|s| s.set_reminder_minutes(minutes))
}
