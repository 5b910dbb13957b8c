//! Readiness: every checklist item answered from the therapist's records.
//!
//! How each kind of requirement is counted:
//! - a course: a course of that key recorded as taken (as a participant); the earliest counts;
//! - an exam: a pass recorded for it;
//! - another path: every item of it done;
//! - preceptorship minutes: the contact hours of courses recorded with the role preceptor, added
//!   up. Mentorship entries for precepting are not counted here: the mentorship rules count a
//!   day of precepting as 1 h 30 min of mentorship, which says nothing about contact hours;
//! - case studies: finished write-ups (no field missing) of clients who consent to portfolio use;
//! - presentation minutes: the presentations recorded, added up.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::{Certification, Requirement};
use crate::model::{Course, CourseRole, Exam, Presentation};
use crate::rules::{format_iso_date, format_minutes};

/// The records readiness is worked out from.
#[derive(Debug, Clone, Copy)]
pub struct Records<'a> {
    /// Courses taken or assisted.
    pub courses: &'a [Course],
    /// Exams passed.
    pub exams: &'a [Exam],
    /// Presentations given.
    pub presentations: &'a [Presentation],
    /// Finished case studies of clients who consent to portfolio use.
    pub case_studies_finished: u32,
    /// The other case studies: unfinished, or of clients without consent.
    pub case_studies_other: u32,
}

/// One checklist item: done or missing, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ReadinessItem {
    /// As the checklist prints it: "CS1 completed".
    pub label: String,
    /// The records satisfy it.
    pub done: bool,
    /// What the records show, in a sentence: "Completed 16 March 2025, Karin Holm, Malmö." or
    /// "13 h 30 min of 20 h as preceptor."
    pub detail: String,
}

/// Where a path stands as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum PathState {
    /// Nothing recorded counts towards any item yet.
    NotStarted,
    /// Something counts, not everything is done.
    InProgress,
    /// Every item is done.
    Ready,
}

impl PathState {
    /// As the window shows it: "Not started", "In progress", "Ready".
    pub fn label(self) -> &'static str {
        match self {
            PathState::NotStarted => "Not started",
            PathState::InProgress => "In progress",
            PathState::Ready => "Ready",
        }
    }
}

/// A certification path's checklist, answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PathReadiness {
    /// The path's key.
    pub key: String,
    /// Its name.
    pub name: String,
    /// Every item is done.
    pub done: bool,
    /// Not started, in progress or ready.
    pub state: PathState,
    /// The state in words: "Not started", "In progress", "Ready".
    pub state_label: String,
    /// The items, in the file's order.
    pub items: Vec<ReadinessItem>,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Every path of `certification`, each item answered from `records`.
pub fn readiness(certification: &Certification, records: &Records<'_>) -> Vec<PathReadiness> {
    let mut done_paths: Vec<PathReadiness> = Vec::new();
    for path in certification.paths() {
        let mut started = false;
        let items = path
            .items
            .iter()
            .map(|item| {
                let answer = answer(certification, records, &done_paths, &item.requires);
                started |= answer.started;
                ReadinessItem {
                    label: item.label.clone(),
                    done: answer.done,
                    detail: answer.detail,
                }
            })
            .collect::<Vec<_>>();
        let done = items.iter().all(|i| i.done);
        let state = if done {
            PathState::Ready
        } else if started {
            PathState::InProgress
        } else {
            PathState::NotStarted
        };
        done_paths.push(PathReadiness {
            key: path.key.clone(),
            name: path.name.clone(),
            done,
            state,
            state_label: state.label().to_owned(),
            items,
        });
    }
    done_paths
}

/// One item answered: done, or at least something recorded counts towards it.
struct Answer {
    done: bool,
    started: bool,
    detail: String,
}

impl Answer {
    fn new(done: bool, started: bool, detail: String) -> Answer {
        Answer {
            done,
            started: started || done,
            detail,
        }
    }
}

fn answer(
    certification: &Certification,
    records: &Records<'_>,
    earlier: &[PathReadiness],
    requirement: &Requirement,
) -> Answer {
    let (done, started, detail) = match requirement {
        Requirement::Course(key) => {
            let taken = records
                .courses
                .iter()
                .filter(|c| c.draft.course == *key && c.draft.role == Some(CourseRole::Participant))
                .min_by(|a, b| a.draft.finished_on.cmp(&b.draft.finished_on));
            match taken {
                Some(c) => {
                    let mut detail = format!("Completed {}", format_iso_date(&c.draft.finished_on));
                    for part in [&c.draft.instructor, &c.draft.place] {
                        if !part.is_empty() {
                            detail.push_str(&format!(", {part}"));
                        }
                    }
                    detail.push('.');
                    (true, true, detail)
                }
                None => (
                    false,
                    false,
                    format!("No {key} course is recorded as taken."),
                ),
            }
        }
        Requirement::Exam(key) => {
            let passed = records
                .exams
                .iter()
                .filter(|e| e.draft.exam == *key)
                .min_by(|a, b| a.draft.passed_on.cmp(&b.draft.passed_on));
            match passed {
                Some(e) => (
                    true,
                    true,
                    format!("Passed {}.", format_iso_date(&e.draft.passed_on)),
                ),
                None => {
                    let title = certification.exam(key).map_or(key.as_str(), |e| &e.title);
                    (false, false, format!("No pass is recorded for {title}."))
                }
            }
        }
        Requirement::Path(key) => match earlier.iter().find(|p| p.key == *key) {
            Some(p) if p.done => (true, true, format!("Every item of {} is done.", p.name)),
            Some(p) => {
                let done = p.items.iter().filter(|i| i.done).count();
                (
                    false,
                    p.state != PathState::NotStarted,
                    format!("{done} of {} items of {} are done.", p.items.len(), p.name),
                )
            }
            None => (false, false, format!("The path \"{key}\" is not known.")),
        },
        Requirement::PreceptorshipMinutes(needed) => {
            let assisted: Vec<&Course> = records
                .courses
                .iter()
                .filter(|c| c.draft.role == Some(CourseRole::Preceptor))
                .collect();
            let minutes: i64 = assisted.iter().map(|c| c.minutes).sum();
            (
                minutes >= *needed,
                minutes > 0,
                format!(
                    "{} of {} as preceptor, on {}.",
                    format_minutes(minutes),
                    format_minutes(*needed),
                    plural(assisted.len(), "course", "courses")
                ),
            )
        }
        Requirement::CaseStudies(needed) => {
            let finished = records.case_studies_finished;
            let mut detail = format!("{finished} of {needed} finished");
            if records.case_studies_other > 0 {
                detail.push_str(&format!(
                    "; {} more not finished or without the client's consent",
                    records.case_studies_other
                ));
            }
            detail.push('.');
            (
                finished >= *needed,
                finished > 0 || records.case_studies_other > 0,
                detail,
            )
        }
        Requirement::PresentationMinutes(needed) => {
            let minutes: i64 = records.presentations.iter().map(|p| p.minutes).sum();
            (
                minutes >= *needed,
                minutes > 0,
                format!(
                    "{} of {} presented, in {}.",
                    format_minutes(minutes),
                    format_minutes(*needed),
                    plural(records.presentations.len(), "presentation", "presentations")
                ),
            )
        }
    };
    Answer::new(done, started, detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::certification::default_certification;
    use crate::model::{CourseDraft, ExamDraft, PresentationDraft};

    fn course(key: &str, role: CourseRole, finished_on: &str, minutes: i64) -> Course {
        Course {
            id: 1,
            display_title: key.into(),
            minutes,
            draft: CourseDraft {
                course: key.into(),
                role: Some(role),
                finished_on: finished_on.into(),
                instructor: "Karin Holm".into(),
                place: "Malmö".into(),
                ..CourseDraft::default()
            },
            certificates: Vec::new(),
        }
    }

    fn exam(key: &str) -> Exam {
        Exam {
            id: 1,
            title: key.into(),
            draft: ExamDraft {
                exam: key.into(),
                passed_on: "2025-09-01".into(),
                note: String::new(),
            },
        }
    }

    fn talk(minutes: i64) -> Presentation {
        Presentation {
            id: 1,
            minutes,
            draft: PresentationDraft::default(),
        }
    }

    fn items(paths: &[PathReadiness], key: &str) -> Vec<(bool, String)> {
        paths
            .iter()
            .find(|p| p.key == key)
            .unwrap()
            .items
            .iter()
            .map(|i| (i.done, i.detail.clone()))
            .collect()
    }

    #[test]
    fn nothing_recorded_is_nothing_done() {
        let cert = default_certification().unwrap();
        let paths = readiness(
            cert,
            &Records {
                courses: &[],
                exams: &[],
                presentations: &[],
                case_studies_finished: 0,
                case_studies_other: 0,
            },
        );
        assert!(paths
            .iter()
            .all(|p| !p.done && p.items.iter().all(|i| !i.done)));
        // Nothing done is not "in progress".
        assert!(paths
            .iter()
            .all(|p| p.state == PathState::NotStarted && p.state_label == "Not started"));
        assert_eq!(
            items(&paths, "techniques")[0].1,
            "No CS1 course is recorded as taken."
        );
        assert_eq!(
            items(&paths, "diplomate")[2].1,
            "0 min of 20 h as preceptor, on 0 courses."
        );
    }

    #[test]
    fn the_techniques_path_is_done_from_courses_and_exams() {
        let cert = default_certification().unwrap();
        let courses = [
            course("CS2", CourseRole::Participant, "2025-06-01", 1500),
            course("CS1", CourseRole::Participant, "2025-03-16", 1650),
            course("CS1", CourseRole::Participant, "2024-03-16", 1650),
        ];
        let exams = [
            exam("techniques_essay"),
            exam("techniques_objective"),
            exam("techniques_practical"),
        ];
        let paths = readiness(
            cert,
            &Records {
                courses: &courses,
                exams: &exams,
                presentations: &[],
                case_studies_finished: 0,
                case_studies_other: 0,
            },
        );
        assert!(paths[0].done, "{paths:?}");
        assert_eq!(paths[0].state, PathState::Ready);
        assert_eq!(paths[0].state_label, "Ready");
        // Diplomate: its first item (the techniques path) is done, the rest is not.
        assert_eq!(paths[1].state, PathState::InProgress);
        assert_eq!(
            items(&paths, "techniques")[0].1,
            "Completed 16 March 2024, Karin Holm, Malmö."
        );
        assert_eq!(
            items(&paths, "diplomate")[0],
            (
                true,
                "Every item of Techniques certification (CST-T) is done.".to_owned()
            )
        );
        assert!(!paths[1].done);
    }

    #[test]
    fn diplomate_counts_preceptor_hours_case_studies_and_presentations() {
        let cert = default_certification().unwrap();
        let courses = [
            course("CS1", CourseRole::Preceptor, "2025-03-16", 810),
            course("ADV1", CourseRole::Preceptor, "2025-10-22", 390),
            // Taken as preceptor only: ADV1 is not completed.
        ];
        let talks = [talk(240), talk(120)];
        let paths = readiness(
            cert,
            &Records {
                courses: &courses,
                exams: &[],
                presentations: &talks,
                case_studies_finished: 4,
                case_studies_other: 2,
            },
        );
        let diplomate = items(&paths, "diplomate");
        assert!(!diplomate[1].0, "ADV1 assisted is not ADV1 taken");
        // Courses only assisted start no item of the techniques path; preceptor hours start
        // the diplomate path.
        assert_eq!(paths[0].state, PathState::NotStarted);
        assert_eq!(paths[1].state, PathState::InProgress);
        assert_eq!(paths[1].state_label, "In progress");
        assert_eq!(
            diplomate[2],
            (true, "20 h of 20 h as preceptor, on 2 courses.".to_owned())
        );
        assert_eq!(
            diplomate[3],
            (
                false,
                "4 of 5 finished; 2 more not finished or without the client's consent.".to_owned()
            )
        );
        assert_eq!(
            diplomate[4],
            (true, "6 h of 6 h presented, in 2 presentations.".to_owned())
        );
        assert_eq!(
            items(&paths, "diplomate")[0].1,
            "0 of 5 items of Techniques certification (CST-T) are done."
        );
    }
}
