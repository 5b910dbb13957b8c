//! The calendar's commands: the month grid and the agenda in the computer's time zone, a
//! calendar file imported through the open dialog and exported through the save dialog, where
//! the therapist stands with an event, and attending one as an entry.

use stillpoint_core::model::EventStatus;
use stillpoint_core::store::{Attended, CalendarImport, StoredEvent};
use stillpoint_core::views::{self, Agenda, CalendarGlance, CalendarMonth};

use super::*;

/// The month grid of `month` (1–12) of `year`.
#[tauri::command(async)]
#[specta::specta]
pub fn calendar_month(
    state: State<'_, AppState>,
    year: i32,
    month: u32,
) -> Result<CalendarMonth, ApiError> {
    let zone = state.time_zone();
    state.with_store(|s| views::calendar_month(s, year, month, zone, chrono::Utc::now()))
}

/// The agenda: upcoming events, then past ones.
#[tauri::command(async)]
#[specta::specta]
pub fn calendar_agenda(state: State<'_, AppState>) -> Result<Agenda, ApiError> {
    let zone = state.time_zone();
    state.with_store(|s| views::agenda(s, zone, chrono::Utc::now()))
}

/// The dashboard's glance at the calendar: today's and tomorrow's events, and what fills the
/// next credit's category B gap.
#[tauri::command(async)]
#[specta::specta]
pub fn calendar_glance(state: State<'_, AppState>) -> Result<CalendarGlance, ApiError> {
    let zone = state.time_zone();
    state.with_store(|s| views::calendar_glance(s, zone, chrono::Utc::now()))
}

/// A calendar file the user chose to import, and what the import did.
#[derive(Debug, Serialize, Type)]
pub struct ImportedCalendar {
    /// The file's name.
    pub file: String,
    /// Events added, updated and unchanged, and what was left out.
    pub summary: CalendarImport,
}

/// Asks which `.ics` file to import, then imports its events: all or none. `None` when the user
/// cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn import_calendar(state: State<'_, AppState>) -> Result<Option<ImportedCalendar>, ApiError> {
    let asked = state
        .desktop()?
        .ask_which_to_open("Import a calendar file", "ics");
    let Some(path) = asked else {
        return Ok(None);
    };
    let zone = state.time_zone();
    let summary = state.with_store(|s| s.import_ics_file(&path, zone))?;
    Ok(Some(ImportedCalendar {
        file: path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        summary,
    }))
}

/// Asks where to save, then writes every event (or event `id` alone) there as an iCalendar
/// file. `None` when the user cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn export_calendar(
    state: State<'_, AppState>,
    id: Option<RowId>,
) -> Result<Option<SavedFile>, ApiError> {
    let now = chrono::Utc::now();
    let (ics, count) = state.with_store(|s| match id {
        Some(id) => Ok((s.export_event_ics(id.0, now)?, 1)),
        None => Ok((s.export_ics(now)?, s.events()?.len())),
    })?;
    let (title, name) = match id {
        Some(_) => ("Export the event", "stillpoint-event.ics"),
        None => ("Export the calendar", "stillpoint-calendar.ics"),
    };
    let Some(path) = state.desktop()?.ask_where_to_save(title, name, "ics") else {
        return Ok(None);
    };
    files::write_whole(&path, ics.as_bytes())?;
    Ok(Some(SavedFile {
        path: path.display().to_string(),
        count: u32::try_from(count).unwrap_or(u32::MAX),
    }))
}

/// Says where the therapist stands with an event (attended is said by logging it).
#[tauri::command(async)]
#[specta::specta]
pub fn set_event_status(
    state: State<'_, AppState>,
    id: RowId,
    status: Option<EventStatus>,
) -> Result<StoredEvent, ApiError> {
    state.with_store(|s| s.set_event_status(id.0, status, chrono::Utc::now(), today()))
}

/// The entry form's values for attending an event.
#[tauri::command(async)]
#[specta::specta]
pub fn attend_event_draft(state: State<'_, AppState>, id: RowId) -> Result<EntryDraft, ApiError> {
    state.with_store(|s| s.attend_event_draft(id.0, chrono::Utc::now(), today()))
}

/// Saves the entry form's draft as the entry an event attended is logged as.
#[tauri::command(async)]
#[specta::specta]
pub fn log_attended_event(
    state: State<'_, AppState>,
    id: RowId,
    entry: EntryDraft,
    how: Attended,
) -> Result<Entry, ApiError> {
    state.with_store(|s| s.log_attended_event(id.0, &entry, how, chrono::Utc::now(), today()))
}
