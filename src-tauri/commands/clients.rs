//! Case notes: clients, intake and its screen, clearances, sessions, and case studies.

use super::*;

/// The contraindication screen the intake asks, in order.
#[tauri::command(async)]
#[specta::specta]
pub fn intake_screen() -> Result<Screen, ApiError> {
    Ok(clinical::intake_screen()?.clone())
}

/// The techniques a session can record.
#[tauri::command(async)]
#[specta::specta]
pub fn techniques() -> Result<TechniqueList, ApiError> {
    Ok(clinical::techniques()?.clone())
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_clients(state: State<'_, AppState>) -> Result<Vec<ClientSummary>, ApiError> {
    state.with_store(|s| s.clients())
}

/// The clients a search finds by code, private name or contact (case and accents aside).
#[tauri::command(async)]
#[specta::specta]
pub fn find_clients(
    state: State<'_, AppState>,
    query: String,
) -> Result<Vec<ClientSummary>, ApiError> {
    state.with_store(|s| s.find_clients(&query))
}

#[tauri::command(async)]
#[specta::specta]
pub fn client_overview(state: State<'_, AppState>, id: RowId) -> Result<ClientOverview, ApiError> {
    state.with_store(|s| s.client_overview(id.0))
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_client(
    state: State<'_, AppState>,
    id: Option<RowId>,
    client: ClientDraft,
) -> Result<Client, ApiError> {
    state.with_store(|s| s.save_client(id.map(|i| i.0), &client, today()))
}

/// Deletes a client with their intake, clearances and sessions (the window asks first).
#[tauri::command(async)]
#[specta::specta]
pub fn delete_client(state: State<'_, AppState>, id: RowId) -> Result<Client, ApiError> {
    state.with_store(|s| s.delete_client(id.0))
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_intake(
    state: State<'_, AppState>,
    client_id: RowId,
    intake: IntakeDraft,
) -> Result<Intake, ApiError> {
    state.with_store(|s| s.save_intake(client_id.0, &intake, today()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn add_clearance(
    state: State<'_, AppState>,
    clearance: ClearanceDraft,
) -> Result<Clearance, ApiError> {
    state.with_store(|s| s.add_clearance(&clearance, today()))
}

/// Removes a clearance recorded by mistake; sessions no other clearance covers show as not
/// cleared.
#[tauri::command(async)]
#[specta::specta]
pub fn delete_clearance(state: State<'_, AppState>, id: RowId) -> Result<Clearance, ApiError> {
    state.with_store(|s| s.delete_clearance(id.0))
}

/// Saves a session; refused for a flagged client without a clearance (field `clearance`).
#[tauri::command(async)]
#[specta::specta]
pub fn save_session(
    state: State<'_, AppState>,
    id: Option<RowId>,
    session: SessionDraft,
) -> Result<Session, ApiError> {
    state.with_store(|s| s.save_session(id.map(|i| i.0), &session, today()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn delete_session(state: State<'_, AppState>, id: RowId) -> Result<Session, ApiError> {
    state.with_store(|s| s.delete_session(id.0))
}

// ---- case studies ----

#[tauri::command(async)]
#[specta::specta]
pub fn list_case_studies(state: State<'_, AppState>) -> Result<Vec<CaseStudy>, ApiError> {
    state.with_store(|s| s.case_studies())
}

/// A first draft of a case study, written from a consenting client's sessions.
#[tauri::command(async)]
#[specta::specta]
pub fn draft_case_study(
    state: State<'_, AppState>,
    client_id: RowId,
) -> Result<CaseStudyDraft, ApiError> {
    state.with_store(|s| s.draft_case_study(client_id.0))
}

/// Where the text names its client (private name or contact): empty when it does not.
#[tauri::command(async)]
#[specta::specta]
pub fn check_case_study(
    state: State<'_, AppState>,
    case_study: CaseStudyDraft,
) -> Result<Vec<Hit>, ApiError> {
    state.with_store(|s| s.check_case_study(&case_study))
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_case_study(
    state: State<'_, AppState>,
    id: Option<RowId>,
    case_study: CaseStudyDraft,
) -> Result<CaseStudy, ApiError> {
    state.with_store(|s| s.save_case_study(id.map(|i| i.0), &case_study, today()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn delete_case_study(state: State<'_, AppState>, id: RowId) -> Result<CaseStudy, ApiError> {
    state.with_store(|s| s.delete_case_study(id.0))
}

// ---- training and readiness ----
