//! The commands the window can call. Each takes the state, calls one engine function, and
//! returns its answer; `#[tauri::command(async)]` keeps them off the UI thread.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use serde::Serialize;
use specta::Type;
use stillpoint_core::certification::Certification;
use stillpoint_core::clinical::{self, Hit, Screen, TechniqueList};
use stillpoint_core::entries_csv::ImportSummary;
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

mod app;
mod backups;
mod calendar;
mod certification;
mod clients;
mod hours;
mod mentors;
mod reminders;
mod submissions;

pub use app::*;
pub use backups::*;
pub use calendar::*;
pub use certification::*;
pub use clients::*;
pub use hours::*;
pub use mentors::*;
pub use reminders::*;
pub use submissions::*;

/// A file the app wrote where the user asked.
#[derive(Debug, Serialize, Type)]
pub struct SavedFile {
    /// Where it went.
    pub path: String,
    /// How many records it holds.
    pub count: u32,
}
/// Writes `pdf` as a private copy named `name` and opens it in the system's viewer.
fn open_pdf(state: &AppState, name: &str, pdf: &[u8]) -> Result<(), ApiError> {
    let path = state.viewer.write(name, pdf)?;
    state.desktop()?.open_file(&path)
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
