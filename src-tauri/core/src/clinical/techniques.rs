//! The techniques a session can record, read from data.
//!
//! A session names its techniques by key from this list (what a case study counts and words),
//! and anything the list lacks is typed as free text beside them. The list is data so a course
//! that teaches a new technique is a line in a file, not a release of code.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use specta::Type;

use super::is_key;

/// One technique a session can record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct Technique {
    /// Stable key (`still_point`), stored with sessions; never rename one.
    pub key: String,
    /// Where the picker lists it, e.g. "Ten-step protocol".
    pub group: String,
    /// Its name, as shown and printed.
    pub label: String,
}

/// The list of techniques, as loaded from its file and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct TechniqueList {
    /// Stable id, e.g. `cst`.
    id: String,
    /// Its name.
    name: String,
    /// The techniques, in the order the picker shows them.
    techniques: Vec<Technique>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TechniqueFile {
    id: String,
    name: String,
    techniques: Vec<Technique>,
}

impl TechniqueList {
    /// Reads a list from JSON and checks it; `Err` says what is wrong in plain words.
    pub fn from_json(json: &str) -> Result<TechniqueList, String> {
        let file: TechniqueFile = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let list = TechniqueList {
            id: file.id,
            name: file.name,
            techniques: file.techniques,
        };
        if !is_key(&list.id, '-') {
            return Err(format!("the id \"{}\" is not a key", list.id));
        }
        if list.techniques.is_empty() {
            return Err("a technique list needs at least one technique".into());
        }
        let mut seen = HashSet::new();
        for t in &list.techniques {
            if !is_key(&t.key, '_') {
                return Err(format!("technique key \"{}\" is not a key", t.key));
            }
            if !seen.insert(t.key.as_str()) {
                return Err(format!("technique key \"{}\" appears twice", t.key));
            }
            if t.label.trim().is_empty() || t.group.trim().is_empty() {
                return Err(format!("technique \"{}\" needs a label and a group", t.key));
            }
        }
        Ok(list)
    }

    /// Stable id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The techniques, in order.
    pub fn techniques(&self) -> &[Technique] {
        &self.techniques
    }

    /// The technique with this key.
    pub fn get(&self, key: &str) -> Option<&Technique> {
        self.techniques.iter().find(|t| t.key == key)
    }

    /// The label of `key`, or the key itself for one no longer on the list.
    pub fn label(&self, key: &str) -> String {
        self.get(key)
            .map_or_else(|| key.to_owned(), |t| t.label.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn default_json() -> Value {
        serde_json::from_str(include_str!("../../techniques/cst.json")).unwrap()
    }

    #[test]
    fn the_list_has_the_ten_step_protocol_and_somatoemotional_release() {
        let list = TechniqueList::from_json(&default_json().to_string()).unwrap();
        assert_eq!(list.label("still_point"), "Still point induction");
        assert_eq!(list.label("dural_tube"), "Dural tube rock and glide");
        assert_eq!(
            list.label("somatoemotional_release"),
            "SomatoEmotional Release"
        );
        assert_eq!(list.label("gone"), "gone");
    }

    #[test]
    fn repeated_or_malformed_keys_are_refused() {
        let mut v = default_json();
        v["techniques"][1]["key"] = json!("still_point");
        assert!(TechniqueList::from_json(&v.to_string())
            .unwrap_err()
            .contains("twice"));
        let mut v = default_json();
        v["techniques"][0]["key"] = json!("Still Point");
        assert!(TechniqueList::from_json(&v.to_string()).is_err());
        let mut v = default_json();
        v["techniques"][0]["lable"] = json!("typo");
        assert!(TechniqueList::from_json(&v.to_string()).is_err());
    }
}
