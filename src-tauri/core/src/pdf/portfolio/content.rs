//! What the portfolio prints: every part, worded and formatted by the caller.

use serde::{Deserialize, Serialize};

/// Everything the portfolio prints, worded and formatted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Portfolio {
    /// Its title, e.g. "Certification portfolio".
    pub title: String,
    /// The practitioner's name.
    pub practitioner: String,
    /// Their credentials, e.g. "LMT, CST".
    pub credentials: String,
    /// Lines under the name on the cover: member ID, email, …
    pub details: Vec<String>,
    /// What it is for, e.g. "Upledger CranioSacral Therapy certification".
    pub certification: String,
    /// The day it was made, e.g. "24 November 2026".
    pub prepared_on: String,
    /// Courses taken or assisted.
    pub courses: Vec<CourseLine>,
    /// Exams passed.
    pub exams: Vec<ExamLine>,
    /// Presentations given.
    pub presentations: Vec<PresentationLine>,
    /// The mentorship program's name.
    pub program: String,
    /// Hours per category.
    pub categories: Vec<CategoryLine>,
    /// Credits, as label and value rows.
    pub credits: Vec<(String, String)>,
    /// The submissions, newest first.
    pub submissions: Vec<SubmissionLine>,
    /// The readiness checklists.
    pub paths: Vec<PathChecklist>,
    /// The case studies, in the order printed.
    pub case_studies: Vec<CaseStudyPages>,
}

/// A course on the training record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseLine {
    /// Its title, e.g. "CranioSacral Therapy 1 (CS1)".
    pub title: String,
    /// A note under it, e.g. "as preceptor"; may be empty.
    pub note: String,
    /// The dates, e.g. "13–16 Mar 2025".
    pub dates: String,
    /// Instructor.
    pub instructor: String,
    /// Place.
    pub place: String,
    /// Contact hours, e.g. "27 h 30 min".
    pub hours: String,
    /// The certificate: "on file" or empty.
    pub certificate: String,
}

/// An exam on the training record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExamLine {
    /// Its name.
    pub title: String,
    /// The day it was passed.
    pub passed_on: String,
    /// A note.
    pub note: String,
}

/// A presentation on the training record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresentationLine {
    /// The day.
    pub given_on: String,
    /// Its title.
    pub title: String,
    /// The group.
    pub audience: String,
    /// Its length, e.g. "1 h 30 min".
    pub length: String,
}

/// One category's hours on the mentorship summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryLine {
    /// Its name.
    pub label: String,
    /// Hours counted by the rules, e.g. "12 h".
    pub counted: String,
    /// Of which claimed on submissions.
    pub claimed: String,
    /// Of which not claimed yet.
    pub unclaimed: String,
}

/// A submission on the mentorship summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionLine {
    /// Its number.
    pub number: String,
    /// Draft, sent, credited.
    pub state: String,
    /// Credits claimed.
    pub credits: String,
    /// Hours claimed.
    pub hours: String,
    /// Created, sent and credited, as printed.
    pub dates: String,
}

/// A certification path's checklist.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathChecklist {
    /// Its name.
    pub name: String,
    /// Where it stands in words, e.g. "3 of 5 done".
    pub status: String,
    /// Its items.
    pub items: Vec<ChecklistLine>,
}

/// A checklist item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistLine {
    /// What it asks.
    pub label: String,
    /// "Done" or "Missing".
    pub state: String,
    /// What the records show.
    pub detail: String,
}

/// A case study as printed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseStudyPages {
    /// Its title.
    pub title: String,
    /// The client's code: the only thing printed about who they are.
    pub client_code: String,
    /// Facts printed as label and value, e.g. ("Last treatment", "1 March 2025").
    pub facts: Vec<(String, String)>,
    /// Symptoms or diagnosis.
    pub symptoms: String,
    /// The evaluation at each session: (day, text).
    pub evaluations: Vec<(String, String)>,
    /// Findings.
    pub findings: String,
    /// Techniques.
    pub techniques: String,
    /// Outcome.
    pub outcome: String,
    /// Discussion.
    pub discussion: String,
}
