//! The values Stillpoint deals in, and the rules that keep them valid.
//!
//! Validation lives here, beside the types, so the window, the command line and the demo data
//! all refuse the same bad input with the same message.

mod attachment;
mod case_study;
mod client;
mod course;
mod date;
mod entry;
mod event;
mod mentor;
mod profile;
mod session;
mod submission;
pub(crate) mod typed;

pub use attachment::{checked_file_name, Attachment, Owner, MAX_ATTACHMENT_BYTES};
pub use case_study::{deidentification_hits, CaseStudy, CaseStudyDraft, SessionEvaluation};
pub use client::{Clearance, ClearanceDraft, Client, ClientDraft, Intake, IntakeDraft};
pub use course::{
    course_title, Course, CourseDraft, CourseRole, Exam, ExamDraft, Presentation,
    PresentationDraft, ValidCourse,
};
pub use date::{iso, read_iso};
pub(crate) use date::{parse_date_for, stored_date};
pub use entry::{
    parse_hours, read_hours, DeletedEntry, Entry, EntryDraft, EntryPage, EntryQuery, EntrySort,
    HoursReading, ValidEntry,
};
pub(crate) use event::looks_like_web_address;
pub use event::{Event, EventStart, EventStatus, DEFAULT_EVENT_ACTIVITY, MOST_EVENT_MINUTES};
pub(crate) use mentor::split_languages;
pub use mentor::{
    contact_link, countries, country_name, read_country, read_time_zone, time_zones, ContactBy,
    Country, Mentor, MentorDraft, MentorRole,
};
pub use profile::Profile;
pub use session::{Session, SessionDraft, SessionKind, ValidSession};
pub(crate) use submission::clean_paid_by;
pub use submission::{
    parse_fee_amount, CarriedForward, ClaimedCategory, ClaimedRow, EntryLock, Fee, FeeDraft,
    SubmissionDetail, SubmissionState, SubmissionSummary,
};

/// A record's id as commands take it: a SQLite rowid, a plain `number` in TypeScript (ids stay
/// far below 2^53).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(transparent)]
pub struct RowId(#[specta(type = specta_typescript::Number)] pub i64);
