//! A certifying body's courses, exams and certification paths, read from data.
//!
//! What a certification asks for changes, and other bodies ask for other things, so the
//! checklists are a JSON file (`core/certifications/`): each path a list of items, each item one
//! typed requirement the therapist's own records can answer. The file is checked when it is
//! loaded, so a checklist that names a course the file does not list fails a test rather than a
//! therapist.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::rules::is_key;

/// A course the certifying body teaches, e.g. `CS1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct CourseKind {
    /// Stable key as the body abbreviates it: `CS1`, `SER2`, `ADV1`.
    pub key: String,
    /// Its full title.
    pub title: String,
}

/// An exam of the certifying body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct ExamKind {
    /// Stable key, e.g. `techniques_practical`.
    pub key: String,
    /// Its name, e.g. "Techniques: practical exam".
    pub title: String,
}

/// What one checklist item needs, answered from the therapist's records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Requirement {
    /// A course of this key completed as a participant.
    Course(String),
    /// An exam of this key passed.
    Exam(String),
    /// Every item of another path, listed earlier in the file, done.
    Path(String),
    /// At least this many minutes on courses assisted as preceptor (contact hours).
    PreceptorshipMinutes(#[specta(type = specta_typescript::Number)] i64),
    /// At least this many finished case studies of clients who consented to portfolio use.
    CaseStudies(#[specta(type = specta_typescript::Number)] u32),
    /// At least this many minutes of presentations given to an organised group.
    PresentationMinutes(#[specta(type = specta_typescript::Number)] i64),
}

/// One item of a path's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    /// As the checklist prints it: "CS1 completed".
    pub label: String,
    /// What makes it done.
    pub requires: Requirement,
}

/// A certification path and its checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct CertificationPath {
    /// Stable key, e.g. `techniques`.
    pub key: String,
    /// Its name, e.g. "Techniques certification (CST-T)".
    pub name: String,
    /// What it asks for, in order.
    pub items: Vec<ChecklistItem>,
}

/// A certifying body's courses, exams and paths, as loaded from its file and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Certification {
    /// Stable id, e.g. `upledger-certification`.
    id: String,
    /// Its name.
    name: String,
    /// Where the requirements come from.
    source: String,
    /// The courses a training record can name.
    courses: Vec<CourseKind>,
    /// The exams that can be recorded as passed.
    exams: Vec<ExamKind>,
    /// The paths, each after the paths it depends on.
    paths: Vec<CertificationPath>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CertificationFile {
    id: String,
    name: String,
    source: String,
    courses: Vec<CourseKind>,
    exams: Vec<ExamKind>,
    paths: Vec<CertificationPath>,
}

impl Certification {
    /// Reads a certification file from JSON and checks it; `Err` says what is wrong.
    pub fn from_json(json: &str) -> Result<Certification, String> {
        let file: CertificationFile = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let set = Certification {
            id: file.id,
            name: file.name,
            source: file.source,
            courses: file.courses,
            exams: file.exams,
            paths: file.paths,
        };
        set.check()?;
        Ok(set)
    }

    /// Stable id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The body's name for its certification.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The courses, in the file's order.
    pub fn courses(&self) -> &[CourseKind] {
        &self.courses
    }

    /// The exams, in the file's order.
    pub fn exams(&self) -> &[ExamKind] {
        &self.exams
    }

    /// The paths, in the file's order.
    pub fn paths(&self) -> &[CertificationPath] {
        &self.paths
    }

    /// The course with this key.
    pub fn course(&self, key: &str) -> Option<&CourseKind> {
        self.courses.iter().find(|c| c.key == key)
    }

    /// The exam with this key.
    pub fn exam(&self, key: &str) -> Option<&ExamKind> {
        self.exams.iter().find(|e| e.key == key)
    }

    fn check(&self) -> Result<(), String> {
        if !is_key(&self.id, '-') {
            return Err(format!("the id \"{}\" is not a key", self.id));
        }
        let mut courses = HashSet::new();
        for c in &self.courses {
            let well_formed = !c.key.is_empty()
                && c.key.len() <= 12
                && c.key.chars().all(|ch| ch.is_ascii_alphanumeric());
            if !well_formed {
                return Err(format!(
                    "course key \"{}\" must be up to 12 letters and digits",
                    c.key
                ));
            }
            if !courses.insert(c.key.as_str()) {
                return Err(format!("course key \"{}\" appears twice", c.key));
            }
            if c.title.trim().is_empty() {
                return Err(format!("course \"{}\" has no title", c.key));
            }
        }
        let mut exams = HashSet::new();
        for e in &self.exams {
            if !is_key(&e.key, '_') || !exams.insert(e.key.as_str()) {
                return Err(format!("exam key \"{}\" is not a key, or repeated", e.key));
            }
            if e.title.trim().is_empty() {
                return Err(format!("exam \"{}\" has no title", e.key));
            }
        }
        if self.paths.is_empty() {
            return Err("a certification needs at least one path".into());
        }
        let mut earlier: HashSet<&str> = HashSet::new();
        for path in &self.paths {
            if !is_key(&path.key, '_') || earlier.contains(path.key.as_str()) {
                return Err(format!(
                    "path key \"{}\" is not a key, or repeated",
                    path.key
                ));
            }
            if path.name.trim().is_empty() || path.items.is_empty() {
                return Err(format!("path \"{}\" needs a name and items", path.key));
            }
            for item in &path.items {
                if item.label.trim().is_empty() {
                    return Err(format!("an item of path \"{}\" has no label", path.key));
                }
                let problem = match &item.requires {
                    Requirement::Course(key) if !courses.contains(key.as_str()) => Some(format!(
                        "names course \"{key}\", which the file does not list"
                    )),
                    Requirement::Exam(key) if !exams.contains(key.as_str()) => Some(format!(
                        "names exam \"{key}\", which the file does not list"
                    )),
                    Requirement::Path(key) if !earlier.contains(key.as_str()) => Some(format!(
                        "needs path \"{key}\", which must come earlier in the file"
                    )),
                    Requirement::PreceptorshipMinutes(m) | Requirement::PresentationMinutes(m)
                        if *m <= 0 =>
                    {
                        Some("needs a positive number of minutes".to_owned())
                    }
                    Requirement::CaseStudies(0) => Some("needs at least one case study".to_owned()),
                    _ => None,
                };
                if let Some(problem) = problem {
                    return Err(format!(
                        "item \"{}\" of path \"{}\" {problem}",
                        item.label, path.key
                    ));
                }
            }
            earlier.insert(&path.key);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn default_json() -> Value {
        serde_json::from_str(include_str!(
            "../../certifications/upledger-certification.json"
        ))
        .unwrap()
    }

    fn load(value: &Value) -> Result<Certification, String> {
        Certification::from_json(&value.to_string())
    }

    #[test]
    fn the_default_file_has_the_techniques_and_diplomate_paths() {
        let set = load(&default_json()).unwrap();
        let keys: Vec<&str> = set.paths().iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["techniques", "diplomate"]);
        let diplomate = &set.paths()[1];
        assert!(diplomate
            .items
            .iter()
            .any(|i| i.requires == Requirement::PreceptorshipMinutes(1200)));
        assert!(diplomate
            .items
            .iter()
            .any(|i| i.requires == Requirement::CaseStudies(5)));
        assert_eq!(
            set.course("ADV1").unwrap().title,
            "Advanced CranioSacral Therapy 1"
        );
    }

    #[test]
    fn a_requirement_must_name_what_the_file_lists() {
        let mut v = default_json();
        v["paths"][0]["items"][0]["requires"] = json!({"course": "CS9"});
        assert!(load(&v).unwrap_err().contains("\"CS9\""));
        let mut v = default_json();
        v["paths"][0]["items"][2]["requires"] = json!({"exam": "oral"});
        assert!(load(&v).unwrap_err().contains("\"oral\""));
        let mut v = default_json();
        v["paths"][0]["items"][0]["requires"] = json!({"path": "diplomate"});
        assert!(load(&v).unwrap_err().contains("earlier"), "no cycles");
        let mut v = default_json();
        v["paths"][1]["items"][2]["requires"] = json!({"preceptorship_minutes": 0});
        assert!(load(&v).is_err());
        let mut v = default_json();
        v["paths"][1]["items"][3]["requires"] = json!({"case_studies": 5, "extra": 1});
        assert!(load(&v).is_err());
        let mut v = default_json();
        v["paths"][1]["items"][3]["requires"] = json!({"case_study": 5});
        assert!(load(&v).is_err());
    }

    #[test]
    fn keys_are_checked() {
        let mut v = default_json();
        v["courses"][1]["key"] = json!("CS1");
        assert!(load(&v).unwrap_err().contains("twice"));
        let mut v = default_json();
        v["courses"][0]["key"] = json!("CS 1");
        assert!(load(&v).is_err());
        let mut v = default_json();
        v["paths"][1]["key"] = json!("techniques");
        assert!(load(&v).is_err());
    }
}
