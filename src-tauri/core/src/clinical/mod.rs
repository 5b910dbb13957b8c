//! The clinical side: the contraindication screen, the techniques, and keeping clients unnamed.
//!
//! Client notes are health data, and what makes a session unsafe is clinical knowledge that
//! changes. So the screen asked at intake and the list of techniques are data files
//! (`core/screens/`, `core/techniques/`) built into the binary and checked once, as the
//! mentorship rules are; and the one promise this part of the app makes (no case study or
//! portfolio ever prints a client's private name or contact) is kept by [`PrivateIdentity`],
//! which every export asks first.

mod clearance;
mod deidentify;
mod screen;
mod techniques;

pub use clearance::{intake_missing, may_save_session, SessionFacts};
pub(crate) use deidentify::folded;
pub use deidentify::{Hit, PrivateIdentity};
pub use screen::{
    FlaggedItem, ItemAnswer, ItemKind, Screen, ScreenAnswer, ScreenItem, ScreenResult,
};
pub use techniques::{Technique, TechniqueList};

use crate::data::{DataFile, Registry};
use crate::error::Result;
use crate::rules::is_key;

/// The screen new intakes are answered to.
pub const DEFAULT_SCREEN: &str = "cst-intake";

/// Every screen this build knows: its id and its JSON text. An intake keeps the id of the screen
/// it was answered to, so a screen is never removed from here, only superseded.
static SCREENS: Registry<Screen> =
    Registry::new(&[("cst-intake", include_str!("../../screens/cst-intake.json"))]);

/// The list of techniques a session can record.
const TECHNIQUE_LIST: &str = "cst";
static TECHNIQUES: Registry<TechniqueList> =
    Registry::new(&[("cst", include_str!("../../techniques/cst.json"))]);

impl DataFile for Screen {
    const KIND: &'static str = "screen";
    fn from_json(json: &str) -> Result<Self, String> {
        Screen::from_json(json)
    }
    fn id(&self) -> &str {
        Screen::id(self)
    }
}

impl DataFile for TechniqueList {
    const KIND: &'static str = "list of techniques";
    fn from_json(json: &str) -> Result<Self, String> {
        TechniqueList::from_json(json)
    }
    fn id(&self) -> &str {
        TechniqueList::id(self)
    }
}

/// The ids of every registered screen.
pub fn screen_ids() -> impl Iterator<Item = &'static str> {
    SCREENS.ids()
}

/// The screen with this id. A registered file that fails its checks is refused with the reason
/// (the test of every registered screen keeps that from shipping).
pub fn screen(id: &str) -> Result<&'static Screen> {
    SCREENS.get(id)
}

/// The screen new intakes are answered to: [`DEFAULT_SCREEN`].
pub fn intake_screen() -> Result<&'static Screen> {
    screen(DEFAULT_SCREEN)
}

/// The techniques a session can record.
pub fn techniques() -> Result<&'static TechniqueList> {
    TECHNIQUES.get(TECHNIQUE_LIST)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn every_registered_screen_and_the_techniques_load() {
        for id in screen_ids() {
            let screen = screen(id).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(screen.id(), id);
        }
        assert!(intake_screen().is_ok());
        assert!(!techniques().unwrap().techniques().is_empty());
        assert!(matches!(screen("nope"), Err(Error::NotFound(_))));
    }

    #[test]
    fn the_clinical_types_export_to_typescript() {
        let screen_only = specta::Types::default().register::<Screen>();
        let ts = specta_typescript::Typescript::default()
            .export(&screen_only, crate::rules::bindings::AsDerived)
            .unwrap();
        assert!(
            !ts.contains("field"),
            "the item's field name stays in Rust: {ts}"
        );
        let types = specta::Types::default()
            .register::<Screen>()
            .register::<ScreenResult>()
            .register::<ItemAnswer>()
            .register::<TechniqueList>()
            .register::<Hit>();
        let ts = specta_typescript::Typescript::default()
            .export(&types, crate::rules::bindings::AsDerived)
            .unwrap();
        assert!(ts.contains("ScreenResult"), "{ts}");
        assert!(!ts.contains("bigint"), "{ts}");
    }
}
