//! The certification record: paths, courses, exams and presentations, and the portfolio printed from it.

use super::*;

/// The certification paths, courses and exams the records are checked against.
#[tauri::command(async)]
#[specta::specta]
pub fn certification() -> Result<Certification, ApiError> {
    Ok(stillpoint_core::certification::default_certification()?.clone())
}

#[tauri::command(async)]
#[specta::specta]
pub fn training(state: State<'_, AppState>) -> Result<Training, ApiError> {
    state.with_store(|s| s.training())
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_course(
    state: State<'_, AppState>,
    id: Option<RowId>,
    course: CourseDraft,
) -> Result<Course, ApiError> {
    state.with_store(|s| s.save_course(id.map(|i| i.0), &course, today()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn delete_course(state: State<'_, AppState>, id: RowId) -> Result<Course, ApiError> {
    state.with_store(|s| s.delete_course(id.0))
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_exam(
    state: State<'_, AppState>,
    id: Option<RowId>,
    exam: ExamDraft,
) -> Result<Exam, ApiError> {
    state.with_store(|s| s.save_exam(id.map(|i| i.0), &exam, today()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn delete_exam(state: State<'_, AppState>, id: RowId) -> Result<Exam, ApiError> {
    state.with_store(|s| s.delete_exam(id.0))
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_presentation(
    state: State<'_, AppState>,
    id: Option<RowId>,
    presentation: PresentationDraft,
) -> Result<Presentation, ApiError> {
    state.with_store(|s| s.save_presentation(id.map(|i| i.0), &presentation, today()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn delete_presentation(
    state: State<'_, AppState>,
    id: RowId,
) -> Result<Presentation, ApiError> {
    state.with_store(|s| s.delete_presentation(id.0))
}

// ---- the portfolio ----

/// Writes the portfolio (as `save_portfolio` would) to a private copy and opens it in the
/// system's PDF viewer.
#[tauri::command(async)]
#[specta::specta]
pub fn open_portfolio(
    state: State<'_, AppState>,
    case_studies: Option<Vec<RowId>>,
) -> Result<(), ApiError> {
    let chosen: Option<Vec<i64>> = case_studies.map(|ids| ids.into_iter().map(|i| i.0).collect());
    let pdf = state.with_store(|s| portfolio::portfolio(s, chosen.as_deref(), today()))?;
    open_pdf(&state, &portfolio::portfolio_file_name(today()), &pdf.bytes)
}

/// Asks where to save, then writes the portfolio with the chosen case studies (`None`: every
/// one whose client consents). Refused, with nothing written, if any text names a client.
#[tauri::command(async)]
#[specta::specta]
pub fn save_portfolio(
    state: State<'_, AppState>,
    case_studies: Option<Vec<RowId>>,
) -> Result<Option<SavedFile>, ApiError> {
    let chosen: Option<Vec<i64>> = case_studies.map(|ids| ids.into_iter().map(|i| i.0).collect());
    let pdf = state.with_store(|s| portfolio::portfolio(s, chosen.as_deref(), today()))?;
    let name = portfolio::portfolio_file_name(today());
    save_pdf(
        &state,
        "Save the certification portfolio",
        &name,
        &pdf.bytes,
    )
}
