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

use std::sync::OnceLock;

pub use clearance::{intake_missing, may_save_session, SessionFacts};
pub(crate) use deidentify::folded;
pub use deidentify::{Hit, PrivateIdentity};
pub use screen::{
    FlaggedItem, ItemAnswer, ItemKind, Screen, ScreenAnswer, ScreenItem, ScreenResult,
};
pub use techniques::{Technique, TechniqueList};

use crate::error::{Error, Result};
use crate::rules::is_key;

/// The screen new intakes are answered to.
pub const DEFAULT_SCREEN: &str = "cst-intake";

/// Every screen this build knows: its id and its JSON text. An intake keeps the id of the screen
/// it was answered to, so a screen is never removed from here, only superseded.
const SCREENS: &[(&str, &str)] = &[("cst-intake", include_str!("../../screens/cst-intake.json"))];

const TECHNIQUES: &str = include_str!("../../techniques/cst.json");

/// The ids of every registered screen.
pub fn screen_ids() -> impl Iterator<Item = &'static str> {
    SCREENS.iter().map(|(id, _)| *id)
}

/// The screen with this id. A registered file that fails its checks is refused with the reason
/// (the test of every registered screen keeps that from shipping).
pub fn screen(id: &str) -> Result<&'static Screen> {
    static LOADED: OnceLock<Vec<(&'static str, Result<Screen, String>)>> = OnceLock::new();
    let loaded = LOADED.get_or_init(|| {
        SCREENS
            .iter()
            .map(|&(id, json)| {
                let screen = Screen::from_json(json).and_then(|s| {
                    if s.id() == id {
                        Ok(s)
                    } else {
                        Err(format!(
                            "the file's id is \"{}\", registered as \"{id}\"",
                            s.id()
                        ))
                    }
                });
                (id, screen)
            })
            .collect()
    });
    match loaded.iter().find(|(known, _)| *known == id) {
        Some((_, Ok(screen))) => Ok(screen),
        Some((_, Err(problem))) => Err(Error::Refused(format!(
            "The screen \"{id}\" built into this version of Stillpoint is damaged ({problem})."
        ))),
        None => Err(Error::NotFound(format!("The screen \"{id}\""))),
    }
}

/// The screen new intakes are answered to: [`DEFAULT_SCREEN`].
pub fn intake_screen() -> Result<&'static Screen> {
    screen(DEFAULT_SCREEN)
}

/// The techniques a session can record.
pub fn techniques() -> Result<&'static TechniqueList> {
    static LOADED: OnceLock<Result<TechniqueList, String>> = OnceLock::new();
    LOADED
        .get_or_init(|| TechniqueList::from_json(TECHNIQUES))
        .as_ref()
        .map_err(|problem| {
            Error::Refused(format!(
                "The list of techniques built into this version of Stillpoint is damaged \
                 ({problem})."
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

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
