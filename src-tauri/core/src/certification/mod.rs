//! Certification paths as data, and how ready the therapist is for each, from their own records.
//!
//! Certifying bodies describe their levels in prose that changes; here each path is a checklist
//! in a JSON file (`core/certifications/`) whose items are typed requirements ("course CS1", "1,200
//! minutes as preceptor"). [`readiness`] answers every item from the courses, exams,
//! presentations and case studies the therapist has recorded, with a sentence saying what is
//! done or missing, so the checklist view and the portfolio say the same.

mod paths;
mod readiness;

pub use paths::{
    Certification, CertificationPath, ChecklistItem, CourseKind, ExamKind, Requirement,
};
pub use readiness::{readiness, PathReadiness, PathState, ReadinessItem, Records};

use crate::data::{DataFile, Registry};
use crate::error::Result;

/// The certification the checklists are for.
pub const DEFAULT_CERTIFICATION: &str = "upledger-certification";

/// Every certification file this build knows: its id and its JSON text.
static REGISTRY: Registry<Certification> = Registry::new(&[(
    "upledger-certification",
    include_str!("../../certifications/upledger-certification.json"),
)]);

impl DataFile for Certification {
    const KIND: &'static str = "certification";
    fn from_json(json: &str) -> Result<Self, String> {
        Certification::from_json(json)
    }
    fn id(&self) -> &str {
        Certification::id(self)
    }
}

/// The ids of every registered certification file.
pub fn certification_ids() -> impl Iterator<Item = &'static str> {
    REGISTRY.ids()
}

/// The certification with this id; a registered file that fails its checks is refused with the
/// reason (the test of every registered file keeps that from shipping).
pub fn certification(id: &str) -> Result<&'static Certification> {
    REGISTRY.get(id)
}

/// The certification used when none is named: [`DEFAULT_CERTIFICATION`].
pub fn default_certification() -> Result<&'static Certification> {
    certification(DEFAULT_CERTIFICATION)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn every_registered_certification_loads_and_checks() {
        for id in certification_ids() {
            let set = certification(id).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(set.id(), id);
        }
        assert!(default_certification().is_ok());
        assert!(matches!(certification("nope"), Err(Error::NotFound(_))));
    }

    #[test]
    fn the_certification_types_export_to_typescript() {
        let types = specta::Types::default()
            .register::<Certification>()
            .register::<PathReadiness>();
        let ts = specta_typescript::Typescript::default()
            .export(&types, crate::rules::bindings::AsDerived)
            .unwrap();
        assert!(ts.contains("PathReadiness"), "{ts}");
        assert!(!ts.contains("bigint"), "{ts}");
    }
}
