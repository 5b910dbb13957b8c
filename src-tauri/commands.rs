//! The commands the window can call. Each takes the state, calls one engine function, and
//! returns its answer; `#[tauri::command(async)]` keeps them off the UI thread.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use serde::Serialize;
use specta::Type;
use stillpoint_core::certification::Certification;
use stillpoint_core::clinical::{self, Hit, Screen, TechniqueList};
use stillpoint_core::exchange::ImportSummary;
use stillpoint_core::model::{
    Attachment, DeletedEntry, Entry, EntryDraft, EntryPage, EntryQuery, FeeDraft, Mentor,
    MentorDraft, Owner, Profile, RowId, SubmissionDetail, SubmissionSummary,
};
use stillpoint_core::model::{
    CaseStudy, CaseStudyDraft, Clearance, ClearanceDraft, Client, ClientDraft, Course, CourseDraft,
    Exam, ExamDraft, Intake, IntakeDraft, Presentation, PresentationDraft, Session, SessionDraft,
};
use stillpoint_core::rules::RuleSet;
use stillpoint_core::views::{ClientOverview, ClientSummary, Dashboard, Training};
use stillpoint_core::{files, forms, portfolio, today, ApiError};
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

#[tauri::command(async)]
#[specta::specta]
pub fn list_mentors(state: State<'_, AppState>) -> Result<Vec<Mentor>, ApiError> {
    state.with_store(|s| s.mentors())
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
    let count = state.with_store(|s| stillpoint_core::exchange::export_csv_file(s, &path))?;
    Ok(Some(SavedFile {
        path: path.display().to_string(),
        count: count as u32,
    }))
}

/// A file the app wrote where the user asked.
#[derive(Debug, Serialize, Type)]
pub struct SavedFile {
    /// Where it went.
    pub path: String,
    /// How many records it holds.
    pub count: u32,
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
        state.with_store(|s| stillpoint_core::exchange::import_csv_file(s, &path, today()))?;
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
    let rows = stillpoint_core::exchange::write_template_file(&path)?;
    Ok(Some(SavedFile {
        path: path.display().to_string(),
        count: rows as u32,
    }))
}

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

/// Writes `pdf` as a private copy named `name` and opens it in the system's viewer.
fn open_pdf(state: &AppState, name: &str, pdf: &[u8]) -> Result<(), ApiError> {
    let path = state.viewer.write(name, pdf)?;
    state.desktop()?.open_file(&path)
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

fn save_pdf(
    state: &AppState,
    title: &str,
    name: &str,
    pdf: &[u8],
) -> Result<Option<SavedFile>, ApiError> {
    let Some(path) = state.desktop()?.ask_where_to_save(title, name, "pdf") else {
        return Ok(None);
    };
    files::write_whole(&path, pdf)?;
    Ok(Some(SavedFile {
        path: path.display().to_string(),
        count: 1,
    }))
}

// ---- clients, intake, sessions ----

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
