//! Mentorship hours: entries, their attachments, and CSV in and out.

use super::*;

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

/// Deletes an entry and its attachments and returns them, so the window can offer to undo.
#[tauri::command(async)]
#[specta::specta]
pub fn delete_entry(state: State<'_, AppState>, id: RowId) -> Result<DeletedEntry, ApiError> {
    state.with_store(|s| s.delete_entry(id.0))
}

/// Undoes `delete_entry`.
#[tauri::command(async)]
#[specta::specta]
pub fn restore_entry(state: State<'_, AppState>, deleted: DeletedEntry) -> Result<Entry, ApiError> {
    state.with_store(|s| s.restore_entry(&deleted, today()))
}

/// Keeps a copy of a file the user chose (its bytes in base64) with a record.
#[tauri::command(async)]
#[specta::specta]
pub fn attach_file(
    state: State<'_, AppState>,
    owner: Owner,
    file_name: String,
    base64: String,
) -> Result<Attachment, ApiError> {
    let content = BASE64.decode(base64).map_err(|_| {
        ApiError::from(stillpoint_core::Error::invalid(
            "file",
            if file_name.trim().is_empty() {
                "The file could not be read; try choosing it again.".to_owned()
            } else {
                format!(
                    "{} could not be read; try choosing it again.",
                    stillpoint_core::error::quoted(&file_name)
                )
            },
        ))
    })?;
    state.with_store(|s| s.attach(owner, &file_name, &content, today()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_attachments(
    state: State<'_, AppState>,
    owner: Owner,
) -> Result<Vec<Attachment>, ApiError> {
    state.with_store(|s| s.attachments(owner))
}

/// Opens an attachment's copy with the system's viewer for its kind of file.
#[tauri::command(async)]
#[specta::specta]
pub fn open_attachment(state: State<'_, AppState>, id: RowId) -> Result<(), ApiError> {
    let path = state.with_store(|s| s.attachment_file(id.0))?;
    state.desktop()?.open_file(&path)
}

#[tauri::command(async)]
#[specta::specta]
pub fn detach_file(state: State<'_, AppState>, id: RowId) -> Result<Attachment, ApiError> {
    state.with_store(|s| s.detach(id.0))
}

/// Asks where to save, then writes every entry there as CSV. `None` when the user cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn export_csv(state: State<'_, AppState>) -> Result<Option<SavedFile>, ApiError> {
    let asked =
        state
            .desktop()?
            .ask_where_to_save("Export hours as CSV", "stillpoint-hours.csv", "csv");
    let Some(path) = asked else {
        return Ok(None);
    };
    let count = state.with_store(|s| stillpoint_core::entries_csv::export_csv_file(s, &path))?;
    Ok(Some(SavedFile {
        path: path.display().to_string(),
        count: count as u32,
    }))
}

/// Asks which CSV file to import, then imports its entries: all rows, or none. `None` when the
/// user cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn import_csv(state: State<'_, AppState>) -> Result<Option<ImportedFile>, ApiError> {
    let asked = state
        .desktop()?
        .ask_which_to_open("Import hours from CSV", "csv");
    let Some(path) = asked else {
        return Ok(None);
    };
    let summary =
        state.with_store(|s| stillpoint_core::entries_csv::import_csv_file(s, &path, today()))?;
    Ok(Some(ImportedFile {
        file: path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        summary,
    }))
}

/// A file the user chose to import, and what the import did.
#[derive(Debug, Serialize, Type)]
pub struct ImportedFile {
    /// The file's name, as the report names it.
    pub file: String,
    /// What was imported, or every problem found.
    pub summary: ImportSummary,
}

/// Asks where to save, then writes a CSV template there: the header in the app's words and an
/// example row per category. `None` when the user cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn save_csv_template(state: State<'_, AppState>) -> Result<Option<SavedFile>, ApiError> {
    let asked = state.desktop()?.ask_where_to_save(
        "Save a CSV template",
        "stillpoint-hours-template.csv",
        "csv",
    );
    let Some(path) = asked else {
        return Ok(None);
    };
    let rows = stillpoint_core::entries_csv::write_template_file(&path)?;
    Ok(Some(SavedFile {
        path: path.display().to_string(),
        count: rows as u32,
    }))
}
