//! The contraindication screen: the questions asked at intake, read from data, and what the
//! answers mean for treatment.
//!
//! Which conditions make CranioSacral Therapy unsafe is clinical knowledge that changes and that
//! other bodies word differently, so the list is a JSON file (`core/screens/`), checked once when
//! it is loaded. The rule on top of it is one sentence: a contraindication answered yes or
//! unknown flags the client; a caution is shown and never blocks.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use specta::Type;

use super::is_key;

/// A screen item's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ScreenAnswer {
    /// The client has the condition.
    Yes,
    /// The client does not.
    No,
    /// Nobody knows yet: as unsafe as yes until a doctor says otherwise.
    Unknown,
}

impl ScreenAnswer {
    /// The key stored in the database: `yes`, `no`, `unknown`.
    pub fn key(self) -> &'static str {
        match self {
            ScreenAnswer::Yes => "yes",
            ScreenAnswer::No => "no",
            ScreenAnswer::Unknown => "unknown",
        }
    }

    /// The answer with this key.
    pub fn from_key(key: &str) -> Option<ScreenAnswer> {
        [ScreenAnswer::Yes, ScreenAnswer::No, ScreenAnswer::Unknown]
            .into_iter()
            .find(|a| a.key() == key)
    }
}

/// What an item is: a reason not to treat without medical clearance, or one to take care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Yes or unknown flags the client; sessions need a recorded medical clearance.
    Contraindication,
    /// Shown with the client's sessions; never blocks.
    Caution,
}

/// One question of the screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct ScreenItem {
    /// Stable key (`head_injury`), stored with each answer; never rename one.
    pub key: String,
    /// A short name for lists and flags: "Recent head injury or concussion".
    pub label: String,
    /// The question as the therapist asks it.
    pub question: String,
    /// Contraindication or caution.
    pub kind: ItemKind,
    /// The field a wrong answer is reported at: `screen.<key>`. Made at load.
    #[serde(skip)]
    field: String,
}

impl ScreenItem {
    /// The name of the field its answer is reported at: `screen.<key>`.
    pub fn field(&self) -> &str {
        &self.field
    }
}

/// An answer to one item, as the intake form sends it and the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ItemAnswer {
    /// The item's key.
    pub item: String,
    /// Yes, no or unknown.
    pub answer: ScreenAnswer,
}

/// An item that a client's answers make the therapist look at: a contraindication answered yes
/// or unknown, or a caution answered yes or unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct FlaggedItem {
    /// The item's key.
    pub item: String,
    /// Its short name.
    pub label: String,
    /// What was answered (unknown when it was never answered).
    pub answer: ScreenAnswer,
    /// An answer was given; false when the question was never answered (or its stored "no" is
    /// one nobody may have given, see [`ScreenResult::needs_review`]), which counts as unknown.
    pub answered: bool,
}

/// What a client's answers mean.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ScreenResult {
    /// A contraindication is yes or unknown: sessions need a recorded medical clearance.
    pub flagged: bool,
    /// The contraindications that flag the client, in the screen's order.
    pub contraindications: Vec<FlaggedItem>,
    /// The cautions answered yes or unknown: shown, never blocking.
    pub cautions: Vec<FlaggedItem>,
    /// The screen is incomplete: a question is not answered. An intake saved by the form of
    /// Stillpoint 0.7 and earlier, which opened with every answer set to "no", counts as
    /// incomplete until the therapist reviews it and saves it again: its "no" may be an answer
    /// nobody gave. An incomplete screen flags the client.
    pub incomplete: bool,
    /// The answers were preset by an earlier form and not reviewed since.
    pub needs_review: bool,
}

/// A screen as loaded from its file. It exists only once [`Screen::from_json`] has checked it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Screen {
    /// Stable id, stored with every intake answered to it.
    id: String,
    /// Its name, as shown above the questions.
    name: String,
    /// Why it asks what it asks.
    source: String,
    /// The questions, in the order they are asked: contraindications first, head injury first
    /// among them.
    items: Vec<ScreenItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScreenFile {
    id: String,
    name: String,
    source: String,
    items: Vec<ScreenItem>,
}

impl Screen {
    /// Reads a screen from JSON and checks it; `Err` says what is wrong in plain words.
    pub fn from_json(json: &str) -> Result<Screen, String> {
        let file: ScreenFile = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let mut screen = Screen {
            id: file.id,
            name: file.name,
            source: file.source,
            items: file.items,
        };
        for item in &mut screen.items {
            item.field = format!("screen.{}", item.key);
        }
        screen.check()?;
        Ok(screen)
    }

    /// Stable id, e.g. `cst-intake`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The questions, in order.
    pub fn items(&self) -> &[ScreenItem] {
        &self.items
    }

    /// The item with this key.
    pub fn item(&self, key: &str) -> Option<&ScreenItem> {
        self.items.iter().find(|i| i.key == key)
    }

    /// What `answers` mean. An item without an answer (a question added to the screen after the
    /// intake) counts as unknown, and makes the screen incomplete: not asked is not safe.
    pub fn assess(&self, answers: &[ItemAnswer]) -> ScreenResult {
        let mut result = ScreenResult::default();
        for item in &self.items {
            let given = answers.iter().find(|a| a.item == item.key);
            result.incomplete |= given.is_none();
            let answer = given.map_or(ScreenAnswer::Unknown, |a| a.answer);
            if answer == ScreenAnswer::No {
                continue;
            }
            let flagged = FlaggedItem {
                item: item.key.clone(),
                label: item.label.clone(),
                answer,
                answered: given.is_some(),
            };
            match item.kind {
                ItemKind::Contraindication => result.contraindications.push(flagged),
                ItemKind::Caution => result.cautions.push(flagged),
            }
        }
        result.flagged = !result.contraindications.is_empty() || result.incomplete;
        result
    }

    /// What answers saved with every question preset to "no" mean: the "no" answers may be ones
    /// nobody gave, so they count as not answered (unknown) until the therapist reviews the
    /// screen; yes and unknown were chosen and stand. The screen is incomplete and needs review.
    pub fn assess_preset(&self, answers: &[ItemAnswer]) -> ScreenResult {
        let chosen: Vec<ItemAnswer> = answers
            .iter()
            .filter(|a| a.answer != ScreenAnswer::No)
            .cloned()
            .collect();
        let mut result = self.assess(&chosen);
        result.incomplete = true;
        result.needs_review = true;
        result.flagged = true;
        result
    }

    fn check(&self) -> Result<(), String> {
        if !is_key(&self.id, '-') {
            return Err(format!(
                "the id \"{}\" must be lowercase letters, digits and dashes",
                self.id
            ));
        }
        if self.name.trim().is_empty() {
            return Err("the screen's name is empty".into());
        }
        let mut seen = HashSet::new();
        for item in &self.items {
            if !is_key(&item.key, '_') {
                return Err(format!(
                    "item key \"{}\" must be lowercase letters, digits and underscores",
                    item.key
                ));
            }
            if !seen.insert(item.key.as_str()) {
                return Err(format!("item key \"{}\" appears twice", item.key));
            }
            if item.label.trim().is_empty() || item.question.trim().is_empty() {
                return Err(format!(
                    "item \"{}\" needs a label and a question",
                    item.key
                ));
            }
        }
        let first_caution = self
            .items
            .iter()
            .position(|i| i.kind == ItemKind::Caution)
            .unwrap_or(self.items.len());
        if first_caution == 0 {
            return Err("a screen needs at least one contraindication, asked first".into());
        }
        if let Some(late) = self.items[first_caution..]
            .iter()
            .find(|i| i.kind == ItemKind::Contraindication)
        {
            return Err(format!(
                "contraindication \"{}\" comes after a caution; contraindications are asked first",
                late.key
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn default_json() -> Value {
        serde_json::from_str(include_str!("../../screens/cst-intake.json")).unwrap()
    }

    fn load(value: &Value) -> Result<Screen, String> {
        Screen::from_json(&value.to_string())
    }

    fn answers(pairs: &[(&str, ScreenAnswer)]) -> Vec<ItemAnswer> {
        pairs
            .iter()
            .map(|(item, answer)| ItemAnswer {
                item: (*item).into(),
                answer: *answer,
            })
            .collect()
    }

    fn all(screen: &Screen, answer: ScreenAnswer) -> Vec<ItemAnswer> {
        screen
            .items()
            .iter()
            .map(|i| ItemAnswer {
                item: i.key.clone(),
                answer,
            })
            .collect()
    }

    #[test]
    fn the_screen_asks_about_head_injury_first_and_cautions_last() {
        let screen = load(&default_json()).unwrap();
        assert_eq!(screen.items()[0].key, "head_injury");
        assert_eq!(screen.items()[0].field(), "screen.head_injury");
        let kinds: Vec<ItemKind> = screen.items().iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds
                .iter()
                .filter(|k| **k == ItemKind::Contraindication)
                .count(),
            8
        );
        assert_eq!(kinds.last(), Some(&ItemKind::Caution));
    }

    #[test]
    fn all_no_flags_nothing() {
        let screen = load(&default_json()).unwrap();
        assert_eq!(
            screen.assess(&all(&screen, ScreenAnswer::No)),
            ScreenResult::default()
        );
    }

    #[test]
    fn a_contraindication_answered_yes_or_unknown_flags_the_client() {
        let screen = load(&default_json()).unwrap();
        for answer in [ScreenAnswer::Yes, ScreenAnswer::Unknown] {
            let mut given = all(&screen, ScreenAnswer::No);
            given[2].answer = answer;
            let result = screen.assess(&given);
            assert!(result.flagged, "{answer:?}");
            assert_eq!(result.contraindications.len(), 1);
            assert_eq!(result.contraindications[0].item, "intracranial_bleeding");
            assert_eq!(result.contraindications[0].answer, answer);
        }
    }

    #[test]
    fn a_caution_is_shown_but_does_not_flag() {
        let screen = load(&default_json()).unwrap();
        let mut given = all(&screen, ScreenAnswer::No);
        given.retain(|a| a.item != "high_risk_pregnancy");
        given.extend(answers(&[("high_risk_pregnancy", ScreenAnswer::Yes)]));
        let result = screen.assess(&given);
        assert!(!result.flagged);
        assert_eq!(result.cautions.len(), 1);
        assert_eq!(result.cautions[0].label, "High-risk pregnancy");
    }

    #[test]
    fn an_item_never_answered_counts_as_unknown() {
        let screen = load(&default_json()).unwrap();
        let result = screen.assess(&[]);
        assert!(result.flagged);
        assert!(result.incomplete);
        assert!(result.contraindications.iter().all(|f| !f.answered));
        assert_eq!(result.contraindications.len(), 8);
        assert!(result
            .contraindications
            .iter()
            .all(|f| f.answer == ScreenAnswer::Unknown));
    }

    #[test]
    fn a_bad_screen_file_is_refused_with_the_reason() {
        let mut v = default_json();
        v["items"][1]["key"] = json!("head_injury");
        assert!(load(&v).unwrap_err().contains("appears twice"));
        let mut v = default_json();
        v["items"][0]["kind"] = json!("caution");
        assert!(load(&v).unwrap_err().contains("asked first"));
        let mut v = default_json();
        v["items"][0]["question"] = json!(" ");
        assert!(load(&v).is_err());
        let mut v = default_json();
        v["items"][0]["qestion"] = json!("typo");
        assert!(load(&v).unwrap_err().contains("unknown field"));
        let mut v = default_json();
        v["items"][0]["kind"] = json!("maybe");
        assert!(load(&v).is_err());
        let mut v = default_json();
        v["items"] = json!([]);
        assert!(load(&v).is_err());
    }

    #[test]
    fn answers_round_trip_through_their_keys() {
        for a in [ScreenAnswer::Yes, ScreenAnswer::No, ScreenAnswer::Unknown] {
            assert_eq!(ScreenAnswer::from_key(a.key()), Some(a));
        }
        assert_eq!(ScreenAnswer::from_key("maybe"), None);
    }

    #[test]
    fn a_missing_caution_alone_makes_the_screen_incomplete_and_flags() {
        let screen = load(&default_json()).unwrap();
        let mut given = all(&screen, ScreenAnswer::No);
        given.retain(|a| a.item != "clotting_disorder");
        let result = screen.assess(&given);
        assert!(result.incomplete && result.flagged);
        assert!(result.contraindications.is_empty());
        assert!(!result.cautions[0].answered);
    }

    #[test]
    fn preset_answers_need_review_and_their_no_counts_as_not_answered() {
        let screen = load(&default_json()).unwrap();
        let result = screen.assess_preset(&all(&screen, ScreenAnswer::No));
        assert!(result.flagged && result.incomplete && result.needs_review);
        assert_eq!(result.contraindications.len(), 8);
        assert!(result.contraindications.iter().all(|f| !f.answered));
        let mut given = all(&screen, ScreenAnswer::No);
        given[0].answer = ScreenAnswer::Yes;
        let result = screen.assess_preset(&given);
        assert_eq!(result.contraindications[0].answer, ScreenAnswer::Yes);
        assert!(result.contraindications[0].answered, "a yes was chosen");
    }
}
