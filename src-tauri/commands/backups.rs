//! Backups, as Settings → Backups and the dashboard ask for them. A backup is made on a
//! connection of its own, so the window's keeps answering while it runs.

use stillpoint_core::store::{Backup, BackupStatus};

use super::*;

/// The backup folder, the backups in it, and what the therapist should know.
#[tauri::command(async)]
#[specta::specta]
pub fn backup_status(state: State<'_, AppState>) -> Result<BackupStatus, ApiError> {
    let failure = state.backup_failure();
    state.with_store(|s| s.backup_status(chrono::Utc::now(), failure.as_deref()))
}

/// The day's backup, if none was made today: the dashboard asks once it shows, so the start
/// is not slowed, and the window's connection keeps answering while it runs.
#[tauri::command(async)]
#[specta::specta]
pub fn back_up_if_due(state: State<'_, AppState>) -> Result<Option<Backup>, ApiError> {
    state.back_up_if_due()
}

/// "Back up now": a checked backup into the backup folder.
#[tauri::command(async)]
#[specta::specta]
pub fn back_up_now(state: State<'_, AppState>) -> Result<Backup, ApiError> {
    state.back_up_now()
}

/// Asks for a folder (the system's folder picker) and makes it the backup folder; `None` when
/// the therapist cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn choose_backup_folder(state: State<'_, AppState>) -> Result<Option<BackupStatus>, ApiError> {
    let current = state.with_store(|s| s.backup_folder())?;
    let Some(folder) = state
        .desktop()?
        .ask_for_folder("Choose a folder for backups", &current)
    else {
        return Ok(None);
    };
    state.with_store(|s| s.set_backup_folder(Some(&folder)))?;
    state.forget_backup_failure();
    backup_status(state).map(Some)
}

/// Backups go to the default folder beside the database again.
#[tauri::command(async)]
#[specta::specta]
pub fn use_default_backup_folder(state: State<'_, AppState>) -> Result<BackupStatus, ApiError> {
    state.with_store(|s| s.set_backup_folder(None))?;
    state.forget_backup_failure();
    backup_status(state)
}
