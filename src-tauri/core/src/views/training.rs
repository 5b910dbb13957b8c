//! The Courses view: the training record and where each certification path stands.

use crate::certification::PathReadiness;
use crate::error::Result;
use crate::model::{Course, Exam, Presentation};
use crate::store::Store;

/// The training record and where each certification path stands.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct Training {
    /// Courses taken, assisted or precepted.
    pub courses: Vec<Course>,
    /// Exams passed.
    pub exams: Vec<Exam>,
    /// Presentations of CST given.
    pub presentations: Vec<Presentation>,
    /// Each path's checklist, from these records.
    pub readiness: Vec<PathReadiness>,
}

impl Store {
    /// Everything the Courses view shows: the records and, from them, each path's checklist.
    pub fn training(&self) -> Result<Training> {
        Ok(Training {
            courses: self.courses()?,
            exams: self.exams()?,
            presentations: self.presentations()?,
            readiness: self.readiness()?,
        })
    }
}
