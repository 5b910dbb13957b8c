//! The mentor directory: finding mentors, a mentor's page, adding and changing them.

use stillpoint_core::mentors_csv::{self, MentorImportSummary};
use stillpoint_core::model::{contact_link, countries, time_zones, ContactBy, Country, MentorRole};
use stillpoint_core::views::{MentorDirectory, MentorPage, MentorQuery};

use super::*;

#[tauri::command(async)]
#[specta::specta]
pub fn list_mentors(state: State<'_, AppState>) -> Result<Vec<Mentor>, ApiError> {
    state.with_store(|s| s.mentors())
}

/// The directory as the Mentors view's filters ask for it.
#[tauri::command(async)]
#[specta::specta]
pub fn find_mentors(
    state: State<'_, AppState>,
    query: MentorQuery,
) -> Result<MentorDirectory, ApiError> {
    state.with_store(|s| s.find_mentors(&query))
}

#[tauri::command(async)]
#[specta::specta]
pub fn mentor_page(state: State<'_, AppState>, id: RowId) -> Result<MentorPage, ApiError> {
    state.with_store(|s| s.mentor_page(id.0))
}

/// What the mentor form offers to choose from.
#[derive(Debug, Serialize, Type)]
pub struct MentorChoices {
    /// The roles, in the directory's order, with their names.
    pub roles: Vec<RoleChoice>,
    /// Every country, by name.
    pub countries: Vec<Country>,
    /// Every IANA time zone name.
    pub time_zones: Vec<String>,
}

/// A role and how the app names it.
#[derive(Debug, Serialize, Type)]
pub struct RoleChoice {
    /// The role.
    pub role: MentorRole,
    /// "Teaching assistant".
    pub label: String,
}

#[tauri::command(async)]
#[specta::specta]
pub fn mentor_choices() -> MentorChoices {
    MentorChoices {
        roles: MentorRole::ALL
            .into_iter()
            .map(|role| RoleChoice {
                role,
                label: role.label().to_owned(),
            })
            .collect(),
        countries: countries(),
        time_zones: time_zones(),
    }
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

/// Asks which CSV file to import, then imports its mentors: every new one, or none. `None` when
/// the user cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn import_mentors(state: State<'_, AppState>) -> Result<Option<ImportedMentors>, ApiError> {
    let asked = state
        .desktop()?
        .ask_which_to_open("Import mentors from CSV", "csv");
    let Some(path) = asked else {
        return Ok(None);
    };
    let summary = state.with_store(|s| mentors_csv::import_mentors_file(s, &path))?;
    Ok(Some(ImportedMentors {
        file: path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        summary,
    }))
}

/// A mentor list the user chose to import, and what the import did.
#[derive(Debug, Serialize, Type)]
pub struct ImportedMentors {
    /// The file's name, as the report names it.
    pub file: String,
    /// Who was imported and skipped, or every problem found.
    pub summary: MentorImportSummary,
}

/// Asks where to save, then writes the directory there as CSV. `None` when the user cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn export_mentors(state: State<'_, AppState>) -> Result<Option<SavedFile>, ApiError> {
    let asked = state.desktop()?.ask_where_to_save(
        "Export mentors as CSV",
        "stillpoint-mentors.csv",
        "csv",
    );
    let Some(path) = asked else {
        return Ok(None);
    };
    let count = state.with_store(|s| mentors_csv::export_mentors_file(s, &path))?;
    Ok(Some(SavedFile {
        path: path.display().to_string(),
        count: count as u32,
    }))
}

/// Opens the system's mail or phone program for a mentor, with the address or number the
/// directory holds (the link is made here, from the stored mentor, never taken from the window).
#[tauri::command(async)]
#[specta::specta]
pub fn contact_mentor(
    state: State<'_, AppState>,
    id: RowId,
    by: ContactBy,
) -> Result<(), ApiError> {
    let link = state.with_store(|s| contact_link(&s.mentor(id.0)?.details, by))?;
    state.desktop()?.open_link(&link)
}
