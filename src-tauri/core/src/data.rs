//! The data files built into the binary: the mentorship rule sets, the intake screens, the
//! techniques and the certification paths (and what later waves add: other bodies' rules,
//! calendars, translations). One registry serves every kind: each file is found by its id,
//! parsed and checked once, and a file that fails its checks is refused with the reason — the
//! test of every registered file keeps that from shipping.

use std::sync::OnceLock;

use crate::error::{Error, Result};

/// A kind of built-in data file.
pub(crate) trait DataFile: Sized + Send + Sync + 'static {
    /// What a file of this kind is called in a sentence, e.g. "rule set".
    const KIND: &'static str;
    /// Reads one file and checks it; `Err` says what is wrong in plain words.
    fn from_json(json: &str) -> Result<Self, String>;
    /// The id the file gives itself, which must be the one it is registered under.
    fn id(&self) -> &str;
}

/// The files of one kind this build knows, each an id and its JSON text, loaded on first use.
pub(crate) struct Registry<T> {
    files: &'static [(&'static str, &'static str)],
    loaded: OnceLock<Vec<Result<T, String>>>,
}

impl<T: DataFile> Registry<T> {
    /// A registry of `files`: `(id, include_str!(…))` pairs.
    pub(crate) const fn new(files: &'static [(&'static str, &'static str)]) -> Self {
        Registry {
            files,
            loaded: OnceLock::new(),
        }
    }

    /// The ids of every registered file, in registry order.
    pub(crate) fn ids(&'static self) -> impl Iterator<Item = &'static str> {
        self.files.iter().map(|(id, _)| *id)
    }

    /// How many files are registered.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.files.len()
    }

    /// The JSON text registered under `id`.
    pub(crate) fn text(&self, id: &str) -> Result<&'static str> {
        self.files
            .iter()
            .find(|(known, _)| *known == id)
            .map(|(_, json)| *json)
            .ok_or_else(|| Error::NotFound(format!("The {} \"{id}\"", T::KIND)))
    }

    /// The file registered under `id`, parsed and checked.
    pub(crate) fn get(&'static self, id: &str) -> Result<&'static T> {
        let loaded = self.loaded.get_or_init(|| {
            self.files
                .iter()
                .map(|&(id, json)| {
                    let file = T::from_json(json)?;
                    if file.id() == id {
                        Ok(file)
                    } else {
                        Err(format!(
                            "the file's id is \"{}\", registered as \"{id}\"",
                            file.id()
                        ))
                    }
                })
                .collect()
        });
        let index = self
            .files
            .iter()
            .position(|(known, _)| *known == id)
            .ok_or_else(|| Error::NotFound(format!("The {} \"{id}\"", T::KIND)))?;
        loaded[index].as_ref().map_err(|problem| {
            Error::Refused(format!(
                "The {} \"{id}\" built into this version of Stillpoint is damaged ({problem}).",
                T::KIND
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Note(String);

    impl DataFile for Note {
        const KIND: &'static str = "note";
        fn from_json(json: &str) -> Result<Self, String> {
            let id: String = serde_json::from_str(json).map_err(|e| e.to_string())?;
            Ok(Note(id))
        }
        fn id(&self) -> &str {
            &self.0
        }
    }

    static NOTES: Registry<Note> = Registry::new(&[("a", "\"a\""), ("b", "\"not b\""), ("c", "{")]);

    #[test]
    fn a_file_is_found_by_its_id_and_a_bad_one_is_refused_with_why() {
        assert_eq!(NOTES.ids().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(NOTES.get("a").unwrap().0, "a");
        assert_eq!(NOTES.text("a").unwrap(), "\"a\"");
        match NOTES.get("b") {
            Err(Error::Refused(message)) => assert_eq!(
                message,
                "The note \"b\" built into this version of Stillpoint is damaged (the file's id \
                 is \"not b\", registered as \"b\")."
            ),
            other => panic!("{other:?}"),
        }
        assert!(matches!(NOTES.get("c"), Err(Error::Refused(_))));
        assert!(matches!(NOTES.get("z"), Err(Error::NotFound(_))));
        assert!(matches!(NOTES.text("z"), Err(Error::NotFound(_))));
    }
}
