//! Submissions: claiming credits, sending, crediting, reopening and discarding, and their tracking forms.

use super::*;

#[tauri::command(async)]
#[specta::specta]
pub fn list_submissions(state: State<'_, AppState>) -> Result<Vec<SubmissionSummary>, ApiError> {
    state.with_store(|s| s.submissions())
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_submission(state: State<'_, AppState>, id: RowId) -> Result<SubmissionDetail, ApiError> {
    state.with_store(|s| s.submission(id.0))
}

/// Claims `credits` credits on a new draft submission.
#[tauri::command(async)]
#[specta::specta]
pub fn claim_credits(
    state: State<'_, AppState>,
    credits: i32,
) -> Result<SubmissionDetail, ApiError> {
    state.with_store(|s| s.claim_credits(i64::from(credits), today()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn mark_sent(
    state: State<'_, AppState>,
    id: RowId,
    sent_on: String,
    fee: FeeDraft,
    paid_by: String,
) -> Result<SubmissionSummary, ApiError> {
    state.with_store(|s| s.mark_sent(id.0, &sent_on, &fee, &paid_by, today()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn mark_credited(
    state: State<'_, AppState>,
    id: RowId,
    credited_on: String,
) -> Result<SubmissionSummary, ApiError> {
    state.with_store(|s| s.mark_credited(id.0, &credited_on, today()))
}

/// Takes a sent or credited submission back to a draft (the window asks first).
#[tauri::command(async)]
#[specta::specta]
pub fn reopen_submission(
    state: State<'_, AppState>,
    id: RowId,
) -> Result<SubmissionSummary, ApiError> {
    state.with_store(|s| s.reopen_submission(id.0))
}

/// Discards a draft, returning its minutes to the pool (the window asks first).
#[tauri::command(async)]
#[specta::specta]
pub fn discard_submission(
    state: State<'_, AppState>,
    id: RowId,
) -> Result<SubmissionSummary, ApiError> {
    state.with_store(|s| s.discard_submission(id.0))
}

/// Writes submission `id`'s tracking form to a private copy and opens it in the system's PDF
/// viewer, to look at or print.
#[tauri::command(async)]
#[specta::specta]
pub fn open_form(state: State<'_, AppState>, id: RowId) -> Result<(), ApiError> {
    let pdf = state.with_store(|s| forms::submission_form(s, id.0))?;
    open_pdf(&state, &forms::submission_form_name(id.0), &pdf)
}

/// Asks where to save, then writes submission `id`'s tracking form there.
#[tauri::command(async)]
#[specta::specta]
pub fn save_form(state: State<'_, AppState>, id: RowId) -> Result<Option<SavedFile>, ApiError> {
    let pdf = state.with_store(|s| forms::submission_form(s, id.0))?;
    let name = forms::submission_form_name(id.0);
    save_pdf(&state, "Save the tracking form", &name, &pdf)
}

/// Asks where to save, then writes a blank tracking form there.
#[tauri::command(async)]
#[specta::specta]
pub fn save_blank_form(state: State<'_, AppState>) -> Result<Option<SavedFile>, ApiError> {
    let pdf = state.with_store(|s| forms::blank_form(s))?;
    save_pdf(
        &state,
        "Save a blank tracking form",
        "Blank tracking form.pdf",
        &pdf,
    )
}
