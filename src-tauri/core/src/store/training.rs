//! The `courses`, `exams` and `presentations` tables: the training record, and readiness from it.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::attachments;
use super::columns::read_row;
use super::rows::{save_row, take_row};
use crate::certification::{
    default_certification, readiness, Certification, PathReadiness, Records,
};
use crate::error::{Error, Result};
use crate::model::{
    course_title, Course, CourseDraft, Exam, ExamDraft, Owner, Presentation, PresentationDraft,
    ValidCourse,
};

const COURSE_COLUMNS: &str =
    "id, course, title, role, started_on, finished_on, instructor, place, minutes";

fn course_from_row(certification: &Certification, row: &Row<'_>) -> rusqlite::Result<Course> {
    read_row("courses", row, 0, |row| {
        let minutes: i64 = row.get(8)?;
        let draft = CourseDraft {
            course: row.get(1)?,
            title: row.get(2)?,
            role: Some(row.get(3)?),
            started_on: row.get(4)?,
            finished_on: row.get(5)?,
            instructor: row.get(6)?,
            place: row.get(7)?,
            hours: format!("{}:{:02}", minutes / 60, minutes % 60),
        };
        Ok(Course {
            id: row.get(0)?,
            display_title: course_title(certification, &draft.course, &draft.title),
            minutes,
            draft,
            certificates: Vec::new(),
        })
    })
}

pub(crate) fn all_courses(conn: &Connection) -> Result<Vec<Course>> {
    let certification = default_certification()?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COURSE_COLUMNS} FROM courses ORDER BY started_on, id"
    ))?;
    let mut courses: Vec<Course> = stmt
        .query_map([], |r| course_from_row(certification, r))?
        .collect::<rusqlite::Result<_>>()?;
    for course in &mut courses {
        course.certificates = attachments::of(conn, Owner::Course(course.id))?;
    }
    Ok(courses)
}

fn get_course(conn: &Connection, id: i64) -> Result<Course> {
    let certification = default_certification()?;
    let mut course = conn
        .query_row(
            &format!("SELECT {COURSE_COLUMNS} FROM courses WHERE id = ?1"),
            [id],
            |r| course_from_row(certification, r),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound("That course".into()))?;
    course.certificates = attachments::of(conn, Owner::Course(id))?;
    Ok(course)
}

pub(super) fn put_course(conn: &Connection, id: Option<i64>, c: &ValidCourse) -> Result<Course> {
    let values = params![
        c.course,
        c.title,
        c.role,
        c.started_on.to_string(),
        c.finished_on.to_string(),
        c.instructor,
        c.place,
        c.minutes,
    ];
    let id = save_row(
        conn,
        id,
        "INSERT INTO courses (course, title, role, started_on, finished_on, instructor, place, minutes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        "UPDATE courses SET course = ?1, title = ?2, role = ?3, started_on = ?4,
                        finished_on = ?5, instructor = ?6, place = ?7, minutes = ?8
                 WHERE id = ?9",
        values,
        |_| Error::NotFound("That course".into()),
    )?;
    get_course(conn, id)
}

pub(super) fn all_exams(conn: &Connection) -> Result<Vec<Exam>> {
    let certification = default_certification()?;
    let mut stmt =
        conn.prepare_cached("SELECT id, exam, passed_on, note FROM exams ORDER BY passed_on, id")?;
    let rows = stmt
        .query_map([], |r| exam_from_row(certification, r))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn exam_from_row(certification: &Certification, r: &Row<'_>) -> rusqlite::Result<Exam> {
    read_row("exams", r, 0, |r| {
        let exam: String = r.get(1)?;
        Ok(Exam {
            id: r.get(0)?,
            title: certification
                .exam(&exam)
                .map_or_else(|| exam.clone(), |e| e.title.clone()),
            draft: ExamDraft {
                exam,
                passed_on: r.get(2)?,
                note: r.get(3)?,
            },
        })
    })
}

fn get_exam(conn: &Connection, id: i64) -> Result<Exam> {
    let certification = default_certification()?;
    conn.query_row(
        "SELECT id, exam, passed_on, note FROM exams WHERE id = ?1",
        [id],
        |r| exam_from_row(certification, r),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound("That exam".into()))
}

pub(super) fn all_presentations(conn: &Connection) -> Result<Vec<Presentation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, given_on, title, audience, minutes FROM presentations ORDER BY given_on, id",
    )?;
    let rows = stmt
        .query_map([], presentation_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn presentation_from_row(r: &Row<'_>) -> rusqlite::Result<Presentation> {
    read_row("presentations", r, 0, |r| {
        let minutes: i64 = r.get(4)?;
        Ok(Presentation {
            id: r.get(0)?,
            minutes,
            draft: PresentationDraft {
                given_on: r.get(1)?,
                title: r.get(2)?,
                audience: r.get(3)?,
                hours: format!("{}:{:02}", minutes / 60, minutes % 60),
            },
        })
    })
}

fn get_presentation(conn: &Connection, id: i64) -> Result<Presentation> {
    conn.query_row(
        "SELECT id, given_on, title, audience, minutes FROM presentations WHERE id = ?1",
        [id],
        presentation_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound("That presentation".into()))
}

/// Stores a validated exam: a new one (`id` None) or a change.
pub(super) fn put_exam(conn: &Connection, id: Option<i64>, draft: &ExamDraft) -> Result<Exam> {
    let id = save_row(
        conn,
        id,
        "INSERT INTO exams (exam, passed_on, note) VALUES (?1, ?2, ?3)",
        "UPDATE exams SET exam = ?1, passed_on = ?2, note = ?3 WHERE id = ?4",
        params![draft.exam, draft.passed_on, draft.note],
        |_| Error::NotFound("That exam".into()),
    )?;
    get_exam(conn, id)
}

/// Stores a validated presentation of `minutes`: a new one (`id` None) or a change.
pub(super) fn put_presentation(
    conn: &Connection,
    id: Option<i64>,
    p: &PresentationDraft,
    minutes: i64,
) -> Result<Presentation> {
    let id = save_row(
        conn,
        id,
        "INSERT INTO presentations (given_on, title, audience, minutes)
         VALUES (?1, ?2, ?3, ?4)",
        "UPDATE presentations SET given_on = ?1, title = ?2, audience = ?3, minutes = ?4
         WHERE id = ?5",
        params![p.given_on, p.title, p.audience, minutes],
        |_| Error::NotFound("That presentation".into()),
    )?;
    get_presentation(conn, id)
}

/// Every checklist of the default certification, answered from the records.
pub(super) fn readiness_of(conn: &Connection) -> Result<Vec<PathReadiness>> {
    let courses = all_courses(conn)?;
    let exams = all_exams(conn)?;
    let presentations = all_presentations(conn)?;
    let (finished, other) = super::case_studies::finished_counts(conn)?;
    Ok(readiness(
        default_certification()?,
        &Records {
            courses: &courses,
            exams: &exams,
            presentations: &presentations,
            case_studies_finished: finished,
            case_studies_other: other,
        },
    ))
}

impl super::Store {
    /// The training record: every course, oldest first, with its certificates.
    pub fn courses(&self) -> Result<Vec<Course>> {
        all_courses(&self.conn)
    }

    /// Validates and adds (`id` None) or changes a course.
    pub fn save_course(
        &mut self,
        id: Option<i64>,
        draft: &CourseDraft,
        today: NaiveDate,
    ) -> Result<Course> {
        let course = draft.validated(default_certification()?, today)?;
        self.with_tx(|tx| put_course(tx, id, &course))
    }

    /// Deletes a course and its certificates' rows (the copies go at the next opening).
    pub fn delete_course(&mut self, id: i64) -> Result<Course> {
        self.with_tx(|tx| {
            let course = get_course(tx, id)?;
            attachments::remove_all(tx, Owner::Course(id))?;
            tx.execute("DELETE FROM courses WHERE id = ?1", [id])?;
            Ok(course)
        })
    }

    /// The exams passed, oldest first.
    pub fn exams(&self) -> Result<Vec<Exam>> {
        all_exams(&self.conn)
    }

    /// Validates and records (`id` None) or changes an exam passed.
    pub fn save_exam(
        &mut self,
        id: Option<i64>,
        draft: &ExamDraft,
        today: NaiveDate,
    ) -> Result<Exam> {
        let (draft, _) = draft.validated(default_certification()?, today)?;
        self.with_tx(|tx| put_exam(tx, id, &draft))
    }

    /// Deletes an exam record.
    pub fn delete_exam(&mut self, id: i64) -> Result<Exam> {
        self.with_tx(|tx| take_row(tx, "exams", id, get_exam))
    }

    /// The presentations given, oldest first.
    pub fn presentations(&self) -> Result<Vec<Presentation>> {
        all_presentations(&self.conn)
    }

    /// Validates and records (`id` None) or changes a presentation.
    pub fn save_presentation(
        &mut self,
        id: Option<i64>,
        draft: &PresentationDraft,
        today: NaiveDate,
    ) -> Result<Presentation> {
        let (p, minutes) = draft.validated(today)?;
        self.with_tx(|tx| put_presentation(tx, id, &p, minutes))
    }

    /// Deletes a presentation.
    pub fn delete_presentation(&mut self, id: i64) -> Result<Presentation> {
        self.with_tx(|tx| take_row(tx, "presentations", id, get_presentation))
    }

    /// How ready the therapist is for each certification path: every checklist item done or
    /// missing, with what the records show.
    pub fn readiness(&self) -> Result<Vec<PathReadiness>> {
        readiness_of(&self.conn)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::error::Error;
    use crate::model::{CourseDraft, CourseRole, ExamDraft, PresentationDraft};
    use crate::store::Store;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    fn course(key: &str, role: CourseRole, hours: &str) -> CourseDraft {
        CourseDraft {
            course: key.into(),
            title: String::new(),
            role: Some(role),
            started_on: "2025-03-13".into(),
            finished_on: "2025-03-16".into(),
            instructor: "Karin Holm".into(),
            place: "Malmö".into(),
            hours: hours.into(),
        }
    }

    fn item(store: &Store, path: &str, index: usize) -> (bool, String) {
        let paths = store.readiness().unwrap();
        let item = &paths.iter().find(|p| p.key == path).unwrap().items[index];
        (item.done, item.detail.clone())
    }

    #[test]
    fn readiness_follows_the_records() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(!item(&store, "techniques", 0).0);
        let cs1 = store
            .save_course(
                None,
                &course("CS1", CourseRole::Participant, "27.5"),
                today(),
            )
            .unwrap();
        assert_eq!(cs1.display_title, "CranioSacral Therapy 1 (CS1)");
        assert_eq!(cs1.draft.hours, "27:30");
        assert_eq!(
            item(&store, "techniques", 0),
            (
                true,
                "Completed 16 March 2025, Karin Holm, Malmö.".to_owned()
            )
        );
        store
            .save_course(
                None,
                &course("ADV1", CourseRole::Preceptor, "13.5"),
                today(),
            )
            .unwrap();
        assert_eq!(
            item(&store, "diplomate", 2),
            (
                false,
                "13 h 30 min of 20 h as preceptor, on 1 course.".to_owned()
            )
        );
        assert!(!item(&store, "diplomate", 1).0, "assisted, not taken");
        store
            .save_exam(
                None,
                &ExamDraft {
                    exam: "techniques_practical".into(),
                    passed_on: "2025-09-01".into(),
                    note: String::new(),
                },
                today(),
            )
            .unwrap();
        assert_eq!(
            item(&store, "techniques", 4),
            (true, "Passed 1 September 2025.".to_owned())
        );
        store
            .save_presentation(
                None,
                &PresentationDraft {
                    given_on: "2026-02-02".into(),
                    title: "CST for midwives".into(),
                    audience: "Midwives, Bergen".into(),
                    hours: "6".into(),
                },
                today(),
            )
            .unwrap();
        assert!(item(&store, "diplomate", 4).0);
        store.delete_course(cs1.id).unwrap();
        assert!(!item(&store, "techniques", 0).0);
    }

    #[test]
    fn a_bad_course_changes_nothing_and_a_missing_one_is_not_found() {
        let mut store = Store::open_in_memory().unwrap();
        let bad = store.save_course(None, &course("CS1", CourseRole::Participant, "0"), today());
        assert!(matches!(bad, Err(Error::Invalid { field: "hours", .. })));
        assert!(store.courses().unwrap().is_empty());
        let missing = store.save_course(
            Some(9),
            &course("CS1", CourseRole::Participant, "24"),
            today(),
        );
        assert!(matches!(missing, Err(Error::NotFound(_))));
        assert!(matches!(store.delete_exam(1), Err(Error::NotFound(_))));
    }

    fn exam(passed_on: &str, note: &str) -> ExamDraft {
        ExamDraft {
            exam: "techniques_practical".into(),
            passed_on: passed_on.into(),
            note: note.into(),
        }
    }

    fn talk(title: &str, hours: &str) -> PresentationDraft {
        PresentationDraft {
            given_on: "2026-02-02".into(),
            title: title.into(),
            audience: "Midwives, Bergen".into(),
            hours: hours.into(),
        }
    }

    #[test]
    fn an_exam_is_changed_in_place_a_bad_change_changes_nothing_and_a_delete_removes_it() {
        let mut store = Store::open_in_memory().unwrap();
        let saved = store
            .save_exam(None, &exam("2025-09-01", ""), today())
            .unwrap();
        let edited = store
            .save_exam(
                Some(saved.id),
                &exam("2025-09-02", "Examiner: Karin Holm"),
                today(),
            )
            .unwrap();
        assert_eq!(edited.id, saved.id);
        assert_eq!(store.exams().unwrap(), std::slice::from_ref(&edited));
        let bad = store.save_exam(Some(saved.id), &exam("2099-01-01", ""), today());
        assert!(matches!(
            bad,
            Err(Error::Invalid {
                field: "passed_on",
                ..
            })
        ));
        assert_eq!(store.exams().unwrap(), std::slice::from_ref(&edited));
        assert!(
            item(&store, "techniques", 4).0,
            "the exam counts while it is recorded"
        );
        assert_eq!(store.delete_exam(saved.id).unwrap(), edited);
        assert!(store.exams().unwrap().is_empty());
        assert!(
            !item(&store, "techniques", 4).0,
            "and no longer once deleted"
        );
    }

    #[test]
    fn a_presentation_is_changed_in_place_a_bad_change_changes_nothing_and_a_delete_removes_it() {
        let mut store = Store::open_in_memory().unwrap();
        let saved = store
            .save_presentation(None, &talk("CST for midwives", "6"), today())
            .unwrap();
        let edited = store
            .save_presentation(Some(saved.id), &talk("CST and birth", "2:30"), today())
            .unwrap();
        assert_eq!((edited.id, edited.minutes), (saved.id, 150));
        assert_eq!(
            store.presentations().unwrap(),
            std::slice::from_ref(&edited)
        );
        let bad = store.save_presentation(Some(saved.id), &talk(" ", "2"), today());
        assert!(matches!(bad, Err(Error::Invalid { field: "title", .. })));
        let missing = store.save_presentation(Some(saved.id + 1), &talk("Other", "1"), today());
        assert!(matches!(missing, Err(Error::NotFound(_))));
        assert_eq!(
            store.presentations().unwrap(),
            std::slice::from_ref(&edited)
        );
        assert_eq!(store.delete_presentation(saved.id).unwrap(), edited);
        assert!(store.presentations().unwrap().is_empty());
        assert!(matches!(
            store.delete_presentation(saved.id),
            Err(Error::NotFound(_))
        ));
    }
}
