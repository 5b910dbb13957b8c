//! A rule set: the program's categories, credit rule and activities, read from data.
//!
//! The mentorship criteria "are subject to change" and other certifying bodies will have their
//! own, so nothing here names an activity or a number: it is all in the JSON file, checked once
//! when it is loaded so a typo in a rule set fails a test instead of miscounting someone's hours.

use std::collections::HashSet;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{Error, Result};

/// One of the three categories a credit needs hours from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type,
)]
pub enum Category {
    /// Category A (in the default rule set: treatment received).
    A,
    /// Category B (in the default rule set: group mentorship and extended trainings).
    B,
    /// Category C (in the default rule set: 1x1 mentorship).
    C,
}

impl Category {
    /// All categories, in the order ties are broken and forms are printed.
    pub const ALL: [Category; 3] = [Category::A, Category::B, Category::C];

    /// The category's letter, as printed.
    pub fn letter(self) -> &'static str {
        match self {
            Category::A => "A",
            Category::B => "B",
            Category::C => "C",
        }
    }

    /// The category with this letter (`"A"`, `"B"`, `"C"`), as stored.
    pub fn from_letter(letter: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.letter() == letter)
    }

    pub(crate) fn index(self) -> usize {
        match self {
            Category::A => 0,
            Category::B => 1,
            Category::C => 2,
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.letter())
    }
}

/// How the mentorship took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// In the same room.
    InPerson,
    /// Online or by phone, live or recorded.
    Virtual,
}

impl Format {
    /// The key stored in the database and written in CSV files: `in_person`, `virtual`.
    pub fn key(self) -> &'static str {
        match self {
            Format::InPerson => "in_person",
            Format::Virtual => "virtual",
        }
    }

    /// The format with this key.
    pub fn from_key(key: &str) -> Option<Format> {
        [Format::InPerson, Format::Virtual]
            .into_iter()
            .find(|f| f.key() == key)
    }

    /// How a sentence says it: "in person", "virtually".
    pub fn adverb(self) -> &'static str {
        match self {
            Format::InPerson => "in person",
            Format::Virtual => "virtually",
        }
    }
}

/// How the logged time of one entry turns into counted minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Counting {
    /// The logged minutes count in full.
    AsLogged,
    /// The logged minutes count, up to `max_minutes` per occurrence.
    CappedPerOccurrence {
        /// The most one occurrence counts for.
        #[specta(type = specta_typescript::Number)]
        max_minutes: i64,
    },
    /// Each occurrence counts `minutes`, whatever was logged.
    FixedPerOccurrence {
        /// What one occurrence counts for.
        #[specta(type = specta_typescript::Number)]
        minutes: i64,
    },
    /// Each day counts `minutes_per_day`, whatever was logged; the entry says how many days.
    PerDay {
        /// What one day counts for.
        #[specta(type = specta_typescript::Number)]
        minutes_per_day: i64,
    },
}

impl Counting {
    /// The minutes an entry logs, as the rules count from: the time typed, or for an activity
    /// counted per day (which logs days, not time) days × the day's minutes, in full; nothing
    /// when neither is there.
    pub fn logged_minutes(self, minutes: Option<i64>, days: Option<u32>) -> i64 {
        match (minutes, self, days) {
            (Some(m), _, _) => m,
            (None, Counting::PerDay { minutes_per_day }, Some(d)) => minutes_per_day * i64::from(d),
            _ => 0,
        }
    }
}

/// The credit rule: how many counted minutes make a credit, in total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct CreditRule {
    /// Counted minutes in one credit (1440 = 24 h in the default rule set).
    #[specta(type = specta_typescript::Number)]
    pub unit_minutes: i64,
}

/// One category as a rule set defines it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct CategoryRule {
    /// Which category.
    pub key: Category,
    /// Its name on screen and on the form, e.g. "Category A: receiving treatment".
    pub label: String,
    /// What counts here, as a phrase for sentences ("treatment received in person from a CST or
    /// CST-D"), used when telling the therapist what is missing.
    pub counts: String,
    /// The first day an entry of this category counts; earlier entries count 0 h.
    #[specta(type = String)]
    pub counts_from: NaiveDate,
    /// The least this category must give to each credit.
    #[specta(type = specta_typescript::Number)]
    pub minimum_minutes: i64,
}

/// One kind of mentorship a therapist can log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Stable key (`small_group`): CSV import and the command line use it; never rename one.
    pub key: String,
    /// The category its hours count towards.
    pub category: Category,
    /// Its name on screen, e.g. "Clinical Applications class".
    pub label: String,
    /// A sentence or two on what it is and how it counts.
    pub description: String,
    /// How a sentence names one occurrence: "a clinical applications class".
    pub phrase: String,
    /// The formats in which it counts.
    pub formats: Vec<Format>,
    /// How logged time becomes counted time.
    pub counting: Counting,
    /// When not empty, the provider must hold one of these credentials (matched as whole
    /// tokens, ignoring case).
    #[serde(default)]
    pub provider_credentials: Vec<String>,
    /// Counts only when run by someone properly endorsed or affiliated.
    #[serde(default)]
    pub needs_endorsement: bool,
    /// When the program's rules say its occurrences are endorsed unless the therapist says
    /// otherwise: why, in the rules' words, shown next to the box, which then starts ticked.
    /// None: nothing is assumed, and the box starts unticked.
    #[serde(default)]
    pub endorsed_by_default: Option<String>,
    /// Counts only with a certified mentor.
    #[serde(default)]
    pub needs_certified_mentor: bool,
}

/// A versioned set of program rules, as loaded from its JSON file.
///
/// Its fields are private and it does not derive `Deserialize`: a `RuleSet` exists only once
/// [`RuleSet::from_json`] has checked it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct RuleSet {
    /// Stable id, e.g. `iahe-mentorship-2014`; the registry and stored submissions use it.
    id: String,
    /// The program's name, as printed.
    name: String,
    /// The day the program began.
    #[specta(type = String)]
    effective_from: NaiveDate,
    /// Where the rules come from.
    source: String,
    /// How counted minutes make credits.
    credit: CreditRule,
    /// The categories A, B and C, each exactly once.
    categories: Vec<CategoryRule>,
    /// What can be logged.
    activities: Vec<Activity>,
}

/// A rule set's file as read, before its checks.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSetFile {
    id: String,
    name: String,
    effective_from: NaiveDate,
    source: String,
    credit: CreditRule,
    categories: Vec<CategoryRule>,
    activities: Vec<Activity>,
}

impl RuleSet {
    /// Reads a rule set from JSON and checks it; `Err` says what is wrong in plain words.
    pub fn from_json(json: &str) -> Result<RuleSet, String> {
        let file: RuleSetFile = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let set = RuleSet {
            id: file.id,
            name: file.name,
            effective_from: file.effective_from,
            source: file.source,
            credit: file.credit,
            categories: file.categories,
            activities: file.activities,
        };
        set.check()?;
        Ok(set)
    }

    /// Stable id, e.g. `iahe-mentorship-2014`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The program's name, as printed.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The day the program began.
    pub fn effective_from(&self) -> NaiveDate {
        self.effective_from
    }

    /// Where the rules come from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// How counted minutes make credits.
    pub fn credit(&self) -> &CreditRule {
        &self.credit
    }

    /// The categories A, B and C, in that order.
    pub fn categories(&self) -> &[CategoryRule] {
        &self.categories
    }

    /// What can be logged, in the order the rule set lists it.
    pub fn activities(&self) -> &[Activity] {
        &self.activities
    }

    /// The activity with this key, or a field error on `activity`.
    pub fn activity(&self, key: &str) -> Result<&Activity> {
        self.activities
            .iter()
            .find(|a| a.key == key)
            .ok_or_else(|| {
                Error::invalid(
                    "activity",
                    if key.trim().is_empty() {
                        format!("Choose an activity of {}.", self.name)
                    } else {
                        format!(
                            "{} is not an activity of {}.",
                            crate::error::quoted(key),
                            self.name
                        )
                    },
                )
            })
    }

    /// The rule for one category. Every rule set has all three (checked at load).
    pub fn category(&self, category: Category) -> &CategoryRule {
        // `check` guarantees that `categories` holds A, B and C in that order.
        &self.categories[category.index()]
    }

    /// The minimum each category gives to one credit, indexed by [`Category::index`].
    pub(crate) fn minimums(&self) -> [i64; 3] {
        Category::ALL.map(|c| self.category(c).minimum_minutes)
    }

    fn check(&self) -> Result<(), String> {
        if !is_key(&self.id, '-') {
            return Err(format!(
                "the id \"{}\" must be lowercase letters, digits and dashes",
                self.id
            ));
        }
        non_empty("name", &self.name)?;
        let keys: Vec<Category> = self.categories.iter().map(|c| c.key).collect();
        if keys != Category::ALL {
            return Err(format!(
                "categories must be A, B and C, once each and in that order; found {keys:?}"
            ));
        }
        for category in &self.categories {
            non_empty("category label", &category.label)?;
            non_empty("category counts", &category.counts)?;
            if category.minimum_minutes <= 0 {
                return Err(format!(
                    "category {}: minimum_minutes must be positive",
                    category.key
                ));
            }
        }
        let minimums: i64 = self.minimums().iter().sum();
        if self.credit.unit_minutes <= 0 || minimums > self.credit.unit_minutes {
            return Err(format!(
                "credit unit_minutes ({}) must be positive and at least the category minimums \
                 together ({minimums})",
                self.credit.unit_minutes
            ));
        }
        if self.activities.is_empty() {
            return Err("a rule set needs at least one activity".into());
        }
        let mut seen = HashSet::new();
        for activity in &self.activities {
            let key = &activity.key;
            if !is_key(key, '_') {
                return Err(format!(
                    "activity key \"{key}\" must be lowercase letters, digits and underscores"
                ));
            }
            if !seen.insert(key.as_str()) {
                return Err(format!("activity key \"{key}\" appears twice"));
            }
            non_empty("activity label", &activity.label)?;
            non_empty("activity description", &activity.description)?;
            non_empty("activity phrase", &activity.phrase)?;
            let formats: HashSet<Format> = activity.formats.iter().copied().collect();
            if formats.is_empty() || formats.len() != activity.formats.len() {
                return Err(format!(
                    "activity \"{key}\" must list each allowed format once, and at least one"
                ));
            }
            let amount = match activity.counting {
                Counting::AsLogged => 1,
                Counting::CappedPerOccurrence { max_minutes } => max_minutes,
                Counting::FixedPerOccurrence { minutes } => minutes,
                Counting::PerDay { minutes_per_day } => minutes_per_day,
            };
            if amount <= 0 {
                return Err(format!("activity \"{key}\": its minutes must be positive"));
            }
            if let Some(why) = &activity.endorsed_by_default {
                if !activity.needs_endorsement {
                    return Err(format!(
                        "activity \"{key}\" says why it is endorsed by default, but needs no \
                         endorsement"
                    ));
                }
                non_empty("reason an activity is endorsed by default", why)?;
            }
            for credential in &activity.provider_credentials {
                let tokens: Vec<String> =
                    super::credentials::credential_tokens(credential).collect();
                if tokens.len() != 1 {
                    return Err(format!(
                        "activity \"{key}\": \"{credential}\" is not a single credential"
                    ));
                }
            }
        }
        Ok(())
    }
}

fn non_empty(what: &str, value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        Err(format!("a {what} is empty"))
    } else {
        Ok(())
    }
}

/// A stable key of a data file: starts with a lowercase letter; lowercase letters, digits and
/// `separator` after it.
pub(crate) fn is_key(value: &str, separator: char) -> bool {
    !value.is_empty()
        && value.starts_with(|c: char| c.is_ascii_lowercase())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == separator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn default_json() -> Value {
        serde_json::from_str(include_str!("../../rules/iahe-mentorship-2014.json")).unwrap()
    }

    fn load(value: &Value) -> Result<RuleSet, String> {
        RuleSet::from_json(&value.to_string())
    }

    #[test]
    fn the_default_file_loads() {
        let set = load(&default_json()).unwrap();
        assert_eq!(set.id, "iahe-mentorship-2014");
        assert_eq!(set.activities.len(), 11);
    }

    #[test]
    fn a_repeated_activity_key_is_refused() {
        let mut v = default_json();
        v["activities"][1]["key"] = json!("receiving_treatment");
        assert!(load(&v).unwrap_err().contains("appears twice"));
    }

    #[test]
    fn an_unknown_category_is_refused() {
        let mut v = default_json();
        v["activities"][0]["category"] = json!("D");
        assert!(load(&v).is_err());
    }

    #[test]
    fn a_missing_or_repeated_category_is_refused() {
        let mut v = default_json();
        v["categories"][2]["key"] = json!("B");
        assert!(load(&v)
            .unwrap_err()
            .contains("categories must be A, B and C"));
        let mut v = default_json();
        v["categories"].as_array_mut().unwrap().pop();
        assert!(load(&v).is_err());
    }

    #[test]
    fn minutes_must_be_positive() {
        for (path, value) in [
            ("/activities/4/counting/max_minutes", json!(0)),
            ("/activities/3/counting/minutes", json!(-60)),
            ("/activities/7/counting/minutes_per_day", json!(0)),
            ("/categories/0/minimum_minutes", json!(0)),
            ("/credit/unit_minutes", json!(0)),
        ] {
            let mut v = default_json();
            *v.pointer_mut(path).unwrap() = value;
            assert!(load(&v).is_err(), "{path}");
        }
    }

    #[test]
    fn the_minimums_must_fit_in_a_credit() {
        let mut v = default_json();
        v["credit"]["unit_minutes"] = json!(1000);
        assert!(load(&v).unwrap_err().contains("unit_minutes"));
    }

    #[test]
    fn formats_must_be_listed_once_and_at_least_once() {
        let mut v = default_json();
        v["activities"][0]["formats"] = json!([]);
        assert!(load(&v).is_err());
        v["activities"][0]["formats"] = json!(["virtual", "virtual"]);
        assert!(load(&v).is_err());
    }

    #[test]
    fn typos_in_field_names_are_refused() {
        let mut v = default_json();
        v["activities"][0]["needs_endorsment"] = json!(true);
        assert!(load(&v).unwrap_err().contains("unknown field"));
        let mut v = default_json();
        v["activities"][4]["counting"] = json!({"kind": "capped_per_occurrence", "max": 360});
        assert!(load(&v).is_err());
    }

    #[test]
    fn keys_and_credentials_are_checked() {
        let mut v = default_json();
        v["activities"][0]["key"] = json!("Receiving Treatment");
        assert!(load(&v).is_err());
        let mut v = default_json();
        v["activities"][0]["provider_credentials"] = json!(["CST, CST-D"]);
        assert!(load(&v).unwrap_err().contains("single credential"));
        let mut v = default_json();
        v["id"] = json!("IAHE 2014");
        assert!(load(&v).is_err());
    }

    #[test]
    fn only_an_activity_that_needs_endorsement_says_why_it_is_endorsed_by_default() {
        let set = load(&default_json()).unwrap();
        let why = |key: &str| {
            set.activities()
                .iter()
                .find(|a| a.key == key)
                .unwrap()
                .endorsed_by_default
                .clone()
        };
        assert!(why("clinical_applications").is_some_and(|w| w.contains("Upledger")));
        assert_eq!(
            why("study_group"),
            None,
            "a study group's leader is not assumed"
        );
        let mut v = default_json();
        v["activities"][0]["endorsed_by_default"] = json!("Because.");
        assert!(load(&v).unwrap_err().contains("needs no endorsement"));
    }

    #[test]
    fn an_unknown_activity_is_a_field_error() {
        let set = load(&default_json()).unwrap();
        match set.activity("yoga") {
            Err(Error::Invalid { field, message }) => {
                assert_eq!(field, "activity");
                assert!(message.contains("yoga"));
            }
            other => panic!("expected a field error, got {other:?}"),
        }
    }
}
