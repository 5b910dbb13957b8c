//! The mentorship program's rules: what counts, how much, and how hours become credits.
//!
//! Programs change their criteria and every certifying body has its own, so the rules are data:
//! each rule set is a JSON file in `core/rules/`, built into the binary, parsed and checked once,
//! and found here by its id. A new rule set is a new file and one line in its registry; nothing
//! else changes. On top of the data sit three pure functions that every view shares:
//! [`count_entry`] (one entry's counted minutes, with reasons), [`credit_status`] (credits and
//! what the next one needs) and [`allocate_claim`] (which minutes a tracking form claims).

mod claim;
mod count;
mod credentials;
mod credits;
mod set;
pub(crate) mod wording;

pub use claim::{allocate_claim, check_claim, claim_by_category, ClaimedMinutes, PoolEntry};
pub use count::{count_entry, CountReason, Counted, EntryFacts};
pub use credentials::holds_credential;
pub use credits::{credit_status, ByCategory, CreditStatus, NextCredit};
pub(crate) use set::is_key;
pub use set::{Activity, Category, CategoryRule, Counting, CreditRule, Format, RuleSet};
pub(crate) use wording::format_iso_date;
pub use wording::{format_date, format_minutes};

use crate::data::{DataFile, Registry};
use crate::error::Result;

/// The rule set used when none is named.
pub const DEFAULT_RULE_SET: &str = "iahe-mentorship-2014";

/// Every rule set this build knows: its id and its JSON text. A new rule set is a new file and
/// one line here.
static REGISTRY: Registry<RuleSet> = Registry::new(&[(
    "iahe-mentorship-2014",
    include_str!("../../rules/iahe-mentorship-2014.json"),
)]);

impl DataFile for RuleSet {
    const KIND: &'static str = "rule set";
    fn from_json(json: &str) -> Result<Self, String> {
        RuleSet::from_json(json)
    }
    fn id(&self) -> &str {
        RuleSet::id(self)
    }
}

/// The ids of every registered rule set, in registry order.
pub fn rule_set_ids() -> impl Iterator<Item = &'static str> {
    REGISTRY.ids()
}

/// The rule set with this id. Unknown ids are `NotFound`; a rule set whose file fails its checks
/// is refused with the reason (the test of every registered set keeps that from shipping).
pub fn rule_set(id: &str) -> Result<&'static RuleSet> {
    REGISTRY.get(id)
}

/// A short text that changes whenever the rule set's file does: its id and a hash of its text.
/// The store keeps it beside the counted minutes and recounts every entry when it differs.
pub fn fingerprint(id: &str) -> Result<String> {
    let json = REGISTRY.text(id)?;
    // FNV-1a: stable across Rust releases, unlike the standard library's hasher.
    let hash = json.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    Ok(format!("{id}:{hash:016x}"))
}

/// The rule set used when none is named: [`DEFAULT_RULE_SET`].
pub fn default_rule_set() -> Result<&'static RuleSet> {
    rule_set(DEFAULT_RULE_SET)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn every_registered_rule_set_loads_and_checks() {
        let ids: Vec<&str> = rule_set_ids().collect();
        assert!(ids.contains(&DEFAULT_RULE_SET));
        for id in ids {
            let set = rule_set(id).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(set.id(), id);
        }
        let unique: std::collections::HashSet<&str> = rule_set_ids().collect();
        assert_eq!(
            unique.len(),
            REGISTRY.len(),
            "a rule set id is registered twice"
        );
    }

    #[test]
    fn the_default_rule_set_holds_the_programs_numbers() {
        let set = default_rule_set().unwrap();
        assert_eq!(set.credit().unit_minutes, 1440);
        let starts: Vec<(Category, String, i64)> = set
            .categories()
            .iter()
            .map(|c| (c.key, c.counts_from.to_string(), c.minimum_minutes))
            .collect();
        assert_eq!(
            starts,
            [
                (Category::A, "2014-01-01".to_owned(), 360),
                (Category::B, "2013-05-01".to_owned(), 360),
                (Category::C, "2014-05-01".to_owned(), 360),
            ]
        );
        assert_eq!(set.effective_from().to_string(), "2014-05-01");
    }

    #[test]
    fn an_unknown_rule_set_is_not_found() {
        assert!(matches!(rule_set("nope"), Err(Error::NotFound(_))));
    }

    #[test]
    fn a_mislabelled_file_is_refused() {
        static MISLABELLED: Registry<RuleSet> = Registry::new(&[(
            "other-id",
            include_str!("../../rules/iahe-mentorship-2014.json"),
        )]);
        let problem = match MISLABELLED.get("other-id") {
            Err(Error::Refused(problem)) => problem,
            other => panic!("expected a refusal, got {other:?}"),
        };
        assert!(problem.contains("registered as \"other-id\""));
    }

    #[test]
    fn the_rule_set_serialises_for_the_ui() {
        let value = serde_json::to_value(default_rule_set().unwrap()).unwrap();
        assert_eq!(
            value["activities"][4]["counting"],
            serde_json::json!({"kind": "capped_per_occurrence", "max_minutes": 360})
        );
        assert_eq!(value["categories"][2]["counts_from"], "2014-05-01");
    }
}

#[cfg(test)]
pub(crate) mod bindings {
    use super::*;
    use specta::datatype::DataType;
    use specta::{Format, FormatError, Types};
    use std::borrow::Cow;

    /// Leaves the types as derived; enough to prove they export (no `i64` left as a bigint).
    pub(crate) struct AsDerived;

    impl Format for AsDerived {
        fn map_types(&'_ self, types: &Types) -> Result<Cow<'_, Types>, FormatError> {
            Ok(Cow::Owned(types.clone()))
        }
        fn map_type(&'_ self, _: &Types, dt: &DataType) -> Result<Cow<'_, DataType>, FormatError> {
            Ok(Cow::Owned(dt.clone()))
        }
    }

    #[test]
    fn the_rule_types_export_to_typescript() {
        let types = Types::default()
            .register::<RuleSet>()
            .register::<EntryFacts>()
            .register::<Counted>()
            .register::<CreditStatus>()
            .register::<PoolEntry>()
            .register::<ClaimedMinutes>();
        let ts = specta_typescript::Typescript::default()
            .export(&types, AsDerived)
            .unwrap();
        println!("{ts}");
        assert!(ts.contains("CreditStatus"));
        assert!(!ts.contains("bigint"));
    }
}
