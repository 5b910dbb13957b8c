//! The training record: courses taken or assisted, exams passed, presentations given.
//!
//! These are the therapist's own records that certification readiness is worked out from, and
//! what the portfolio's training record prints. Courses and exams are named by the keys of the
//! certification data file, so "CS1 completed" is a fact the checklist can check, not a string
//! it has to guess at; a course the file does not list is recorded by its title.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::entry::{minutes_as_typed, parse_hours};
use super::parse_date_for;
use super::typed::clean;
use super::Attachment;
use crate::certification::Certification;
use crate::error::{Error, Result};

/// The longest course Stillpoint takes: a multi-week intensive is far shorter.
const MOST_COURSE_MINUTES: i64 = 1000 * 60;

/// How the therapist took part in a course.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CourseRole {
    /// Took the course.
    #[default]
    Participant,
    /// Assisted the instructor: its hours are preceptorship contact hours.
    Preceptor,
}

impl CourseRole {
    /// The key stored in the database.
    pub fn key(self) -> &'static str {
        match self {
            CourseRole::Participant => "participant",
            CourseRole::Preceptor => "preceptor",
        }
    }

    /// The role with this key.
    pub fn from_key(key: &str) -> Option<CourseRole> {
        [CourseRole::Participant, CourseRole::Preceptor]
            .into_iter()
            .find(|r| r.key() == key)
    }
}

/// A course as the form sends it, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CourseDraft {
    /// The course's key from the certification file (`CS1`), or empty for another course.
    pub course: String,
    /// The title: for another course, its name (required); for a listed one, an optional
    /// addition, e.g. "Pediatrics" for a Clinical Applications class.
    pub title: String,
    /// Took the course or assisted as preceptor; `None` until the therapist says which
    /// (preceptor hours count toward the Diplomate path, so it is never chosen for them).
    pub role: Option<CourseRole>,
    /// First day, ISO date.
    pub started_on: String,
    /// Last day, ISO date; not before the first, not in the future.
    pub finished_on: String,
    /// Who taught it.
    pub instructor: String,
    /// Where, e.g. "Hamburg" or "Online".
    pub place: String,
    /// Contact hours as typed: `24`, `27.5`, `27:30`.
    pub hours: String,
}

/// A course as stored, with its certificates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Course {
    /// Its id.
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    /// Its title as printed: "CranioSacral Therapy 1 (CS1)", "Clinical Applications (CA):
    /// Pediatrics", or the title typed.
    pub display_title: String,
    /// Contact minutes.
    #[specta(type = specta_typescript::Number)]
    pub minutes: i64,
    /// The course as the form edits it.
    pub draft: CourseDraft,
    /// The certificates attached to it.
    pub certificates: Vec<Attachment>,
}

/// A checked course, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCourse {
    /// Catalogue key or empty.
    pub course: String,
    /// Title or addition.
    pub title: String,
    /// Role.
    pub role: CourseRole,
    /// First day.
    pub started_on: NaiveDate,
    /// Last day.
    pub finished_on: NaiveDate,
    /// Instructor.
    pub instructor: String,
    /// Place.
    pub place: String,
    /// Contact minutes.
    pub minutes: i64,
}

impl CourseDraft {
    /// Checks every field; `today` bounds the dates.
    pub fn validated(
        &self,
        certification: &Certification,
        today: NaiveDate,
    ) -> Result<ValidCourse> {
        let course = self.course.trim().to_owned();
        if !course.is_empty() && certification.course(&course).is_none() {
            return Err(Error::invalid(
                "course",
                format!(
                    "Choose a course from the list, or leave it empty for another course; {} is \
                     not one.",
                    crate::error::quoted(&course)
                ),
            ));
        }
        let title = single_line(&clean("title", "The title", &self.title, 200)?);
        if course.is_empty() && title.is_empty() {
            return Err(Error::invalid(
                "title",
                "Enter the course's title, or choose a course from the list.",
            ));
        }
        let role = self.role.ok_or_else(|| {
            Error::invalid(
                "role",
                "Say whether you took the course or assisted as preceptor.",
            )
        })?;
        let started_on = parse_date_for("started_on", &self.started_on, today)?;
        let finished_on = parse_date_for("finished_on", &self.finished_on, today)?;
        if finished_on < started_on {
            return Err(Error::invalid(
                "finished_on",
                "The last day is before the first; check the dates.",
            ));
        }
        if finished_on > today {
            return Err(Error::invalid(
                "finished_on",
                "The course has not ended yet; record it once it has.",
            ));
        }
        let minutes = match minutes_as_typed(&self.hours) {
            Ok(0) => Err("Enter the course's contact hours, more than 0.".to_owned()),
            Ok(m) if m > MOST_COURSE_MINUTES => {
                Err("A course can have at most 1,000 contact hours; check the hours.".to_owned())
            }
            other => other,
        }
        .map_err(|m| Error::invalid("hours", m))?;
        Ok(ValidCourse {
            course,
            title,
            role,
            started_on,
            finished_on,
            instructor: single_line(&clean(
                "instructor",
                "The instructor",
                &self.instructor,
                120,
            )?),
            place: single_line(&clean("place", "The place", &self.place, 120)?),
            minutes,
        })
    }
}

/// A course's title as printed, from its catalogue key and its typed title.
pub fn course_title(certification: &Certification, course: &str, title: &str) -> String {
    match certification.course(course) {
        Some(kind) if title.is_empty() => format!("{} ({})", kind.title, kind.key),
        Some(kind) => format!("{} ({}): {title}", kind.title, kind.key),
        None if title.is_empty() => course.to_owned(),
        None => title.to_owned(),
    }
}

/// An exam passed, as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ExamDraft {
    /// The exam's key from the certification file.
    pub exam: String,
    /// The day it was passed, ISO date.
    pub passed_on: String,
    /// A note, e.g. the examiner.
    pub note: String,
}

/// An exam passed, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Exam {
    /// Its id.
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    /// The exam's name from the certification file.
    pub title: String,
    /// The exam as the form edits it.
    pub draft: ExamDraft,
}

impl ExamDraft {
    /// Checks the fields; returns the draft cleaned and the day.
    pub fn validated(
        &self,
        certification: &Certification,
        today: NaiveDate,
    ) -> Result<(ExamDraft, NaiveDate)> {
        let exam = self.exam.trim();
        if certification.exam(exam).is_none() {
            return Err(Error::invalid("exam", "Choose the exam from the list."));
        }
        let passed_on = parse_date_for("passed_on", &self.passed_on, today)?;
        if passed_on > today {
            return Err(Error::invalid("passed_on", "The date is in the future."));
        }
        Ok((
            ExamDraft {
                exam: exam.to_owned(),
                passed_on: passed_on.to_string(),
                note: clean("note", "The note", &self.note, 400)?,
            },
            passed_on,
        ))
    }
}

/// A presentation of CranioSacral Therapy given to an organised group, as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PresentationDraft {
    /// The day, ISO date.
    pub given_on: String,
    /// Its title.
    pub title: String,
    /// The group it was given to, e.g. "Midwives' association, Bergen".
    pub audience: String,
    /// Its length as typed: `1.5`, `1:30`.
    pub hours: String,
}

/// A presentation, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Presentation {
    /// Its id.
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    /// Its length in minutes.
    #[specta(type = specta_typescript::Number)]
    pub minutes: i64,
    /// The presentation as the form edits it.
    pub draft: PresentationDraft,
}

impl PresentationDraft {
    /// Checks the fields; returns the draft cleaned and its minutes.
    pub fn validated(&self, today: NaiveDate) -> Result<(PresentationDraft, i64)> {
        let given_on = parse_date_for("given_on", &self.given_on, today)?;
        if given_on > today {
            return Err(Error::invalid("given_on", "The date is in the future."));
        }
        let title = single_line(&clean("title", "The title", &self.title, 200)?);
        if title.is_empty() {
            return Err(Error::invalid("title", "Enter the presentation's title."));
        }
        let minutes = parse_hours(&self.hours).map_err(|m| Error::invalid("hours", m))?;
        Ok((
            PresentationDraft {
                given_on: given_on.to_string(),
                title,
                audience: single_line(&clean("audience", "The audience", &self.audience, 200)?),
                hours: format!("{}:{:02}", minutes / 60, minutes % 60),
            },
            minutes,
        ))
    }
}

pub(super) fn single_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::certification::default_certification;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    fn cs1() -> CourseDraft {
        CourseDraft {
            course: "CS1".into(),
            title: String::new(),
            role: Some(CourseRole::Participant),
            started_on: "2025-03-13".into(),
            finished_on: "2025-03-16".into(),
            instructor: "Karin Holm".into(),
            place: "Malmö".into(),
            hours: "27,5".into(),
        }
    }

    fn field<T: std::fmt::Debug>(result: Result<T>) -> &'static str {
        match result {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn taking_or_assisting_is_never_chosen_for_the_therapist() {
        let cert = default_certification().unwrap();
        let unsaid = CourseDraft {
            role: None,
            ..cs1()
        };
        assert_eq!(field(unsaid.validated(cert, today())), "role");
        let assisted = CourseDraft {
            role: Some(CourseRole::Preceptor),
            ..cs1()
        };
        assert_eq!(
            assisted.validated(cert, today()).unwrap().role,
            CourseRole::Preceptor
        );
    }

    #[test]
    fn a_course_from_the_list_is_titled_from_it() {
        let cert = default_certification().unwrap();
        let valid = cs1().validated(cert, today()).unwrap();
        assert_eq!(valid.minutes, 27 * 60 + 30);
        assert_eq!(
            course_title(cert, &valid.course, &valid.title),
            "CranioSacral Therapy 1 (CS1)"
        );
        assert_eq!(
            course_title(cert, "CA", "Pediatrics"),
            "Clinical Applications (CA): Pediatrics"
        );
        assert_eq!(
            course_title(cert, "", "Visceral Manipulation 1"),
            "Visceral Manipulation 1"
        );
    }

    #[test]
    fn each_bad_course_field_is_named() {
        let cert = default_certification().unwrap();
        let bad = |change: fn(&mut CourseDraft)| {
            let mut d = cs1();
            change(&mut d);
            field(d.validated(cert, today()))
        };
        assert_eq!(bad(|d| d.course = "CS9".into()), "course");
        assert_eq!(bad(|d| d.course = String::new()), "title");
        assert_eq!(bad(|d| d.started_on = "13.3.2025".into()), "started_on");
        assert_eq!(bad(|d| d.finished_on = "2025-03-12".into()), "finished_on");
        assert_eq!(bad(|d| d.finished_on = "2026-06-02".into()), "finished_on");
        assert_eq!(bad(|d| d.hours = "0".into()), "hours");
        assert_eq!(bad(|d| d.hours = "1001".into()), "hours");
        assert_eq!(bad(|d| d.hours = "lots".into()), "hours");
    }

    #[test]
    fn exams_and_presentations_are_checked() {
        let cert = default_certification().unwrap();
        let exam = ExamDraft {
            exam: "techniques_practical".into(),
            passed_on: "2025-09-01".into(),
            note: String::new(),
        };
        assert!(exam.validated(cert, today()).is_ok());
        let unknown = ExamDraft {
            exam: "oral".into(),
            ..exam.clone()
        };
        assert_eq!(field(unknown.validated(cert, today())), "exam");
        let talk = PresentationDraft {
            given_on: "2026-02-02".into(),
            title: " CST for   midwives ".into(),
            audience: "Midwives' association".into(),
            hours: "1.5".into(),
        };
        let (clean, minutes) = talk.validated(today()).unwrap();
        assert_eq!((clean.title.as_str(), minutes), ("CST for midwives", 90));
        let long = PresentationDraft {
            hours: "25".into(),
            ..talk
        };
        assert_eq!(field(long.validated(today())), "hours");
    }
}
