//! A submission: one tracking form sent in for credit, the minutes it claims, and its life.
//!
//! Claiming credits takes minutes out of the pool for good, so what a submission claims, and
//! whether it has gone out, is kept as a record of its own: the Submissions view, the tracking
//! form and the lock on claimed entries all read it from here. The fee a therapist types is
//! checked here too, so the window and the command line refuse the same input the same way.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::typed::clean;
use crate::error::{Error, Result};
use crate::rules::{ByCategory, Category, Format};

/// Where a submission is in its life: draft → sent → credited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SubmissionState {
    /// Claimed, not sent yet: it can still be discarded, returning its minutes to the pool.
    Draft,
    /// Sent with the processing fee: its entries are locked until it is reopened.
    Sent,
    /// The program has credited it.
    Credited,
}

impl SubmissionState {
    /// The key stored in the database: `draft`, `sent`, `credited`.
    pub fn key(self) -> &'static str {
        match self {
            SubmissionState::Draft => "draft",
            SubmissionState::Sent => "sent",
            SubmissionState::Credited => "credited",
        }
    }

    /// The state with this key.
    pub fn from_key(key: &str) -> Option<SubmissionState> {
        [
            SubmissionState::Draft,
            SubmissionState::Sent,
            SubmissionState::Credited,
        ]
        .into_iter()
        .find(|s| s.key() == key)
    }
}

/// The processing fee as the therapist types it, before it is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct FeeDraft {
    /// The amount as typed: `25`, `25.00` or `25,00`; `0` when there was none.
    pub amount: String,
    /// The currency's three-letter ISO 4217 code, e.g. `USD`, in any case.
    pub currency: String,
}

/// A processing fee paid: an exact amount and its currency.
///
/// The amount is kept in hundredths of the currency's unit whatever the currency (2500 is 25.00
/// in USD, EUR or JPY alike) rather than in each currency's own minor unit: that needs no table
/// of currency exponents, and a fee typed with up to two decimals is always exact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Fee {
    /// The amount in hundredths of the currency's unit: 2500 is 25.00.
    #[specta(type = specta_typescript::Number)]
    pub hundredths: i64,
    /// The three-letter ISO 4217 code, in capitals.
    pub currency: String,
    /// The amount written with two decimals and a point, e.g. `25.00`.
    pub amount: String,
}

impl Fee {
    /// A fee of `hundredths` in `currency`.
    pub fn new(hundredths: i64, currency: &str) -> Fee {
        Fee {
            hundredths,
            currency: currency.to_owned(),
            amount: format!("{}.{:02}", hundredths / 100, hundredths % 100),
        }
    }
}

impl FeeDraft {
    /// Checks the amount (field `fee_amount`) and the currency (field `fee_currency`).
    pub fn validated(&self) -> Result<Fee> {
        let hundredths = parse_fee_amount(&self.amount)?;
        let currency = self.currency.trim();
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(Error::invalid(
                "fee_currency",
                "Enter the currency as its three-letter code, like USD or EUR.",
            ));
        }
        Ok(Fee::new(hundredths, &currency.to_ascii_uppercase()))
    }
}

/// A fee amount as people type it, in hundredths: `25`, `25.5`, `25.50`, `25,50`, `0`.
/// At least 0, at most two decimals, below ten million.
pub fn parse_fee_amount(text: &str) -> Result<i64> {
    let text = text.trim();
    let bad = |message: &str| Error::invalid("fee_amount", message);
    if text.is_empty() {
        return Err(bad(
            "Enter the processing fee paid, like 25.00 (0 if there was none).",
        ));
    }
    if text.starts_with('-') {
        return Err(bad("The fee cannot be negative."));
    }
    let (whole, fraction) = text.split_once(['.', ',']).unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || (whole.is_empty() && fraction.is_empty()) {
        return Err(bad("Enter the fee like 25.00 or 25,00."));
    }
    if fraction.len() > 2 {
        return Err(bad("A fee has at most two decimals, like 25.50."));
    }
    if whole.len() > 7 {
        return Err(bad("That fee is too large; check the amount."));
    }
    // At most 7 + 2 digits: these parse and multiply without overflow.
    let number = |s: &str| {
        if s.is_empty() {
            Ok(0)
        } else {
            s.parse::<i64>()
        }
    };
    let whole = number(whole).map_err(|_| bad("Enter the fee like 25.00 or 25,00."))?;
    let cents = number(fraction).map_err(|_| bad("Enter the fee like 25.00 or 25,00."))?;
    let cents = if fraction.len() == 1 {
        cents * 10
    } else {
        cents
    };
    Ok(whole * 100 + cents)
}

/// How the fee was paid, as typed: one line, at most 120 characters, may be empty.
pub(crate) fn clean_paid_by(text: &str) -> Result<String> {
    let text = clean("paid_by", "How the fee was paid", text, 120)?;
    Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The submission that keeps an entry from being edited or deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct EntryLock {
    /// The submission's id.
    #[specta(type = specta_typescript::Number)]
    pub submission_id: i64,
    /// Its state: a draft must be discarded, a sent or credited one reopened, to free the entry.
    pub state: SubmissionState,
    /// When it was sent, if it was.
    #[specta(type = Option<String>)]
    pub sent_on: Option<NaiveDate>,
}

/// One submission as the Submissions view lists it. Its JSON is also what
/// `stillpoint submissions --json` prints, one object per submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SubmissionSummary {
    /// Its id, also its number on the form.
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    /// Draft, sent or credited.
    pub state: SubmissionState,
    /// The id of the rule set the claim was made under.
    pub rule_set: String,
    /// Credits claimed.
    #[specta(type = specta_typescript::Number)]
    pub credits: i64,
    /// The day the claim was made.
    #[specta(type = String)]
    pub created_on: NaiveDate,
    /// The day it was sent, once it is sent or credited.
    #[specta(type = Option<String>)]
    pub sent_on: Option<NaiveDate>,
    /// The processing fee paid, once sent (kept when a submission is reopened).
    pub fee: Option<Fee>,
    /// How the fee was paid, as typed; may be empty.
    pub paid_by: String,
    /// The day the program credited it.
    #[specta(type = Option<String>)]
    pub credited_on: Option<NaiveDate>,
    /// Minutes claimed per category.
    pub claimed: ByCategory,
    /// Minutes claimed in all.
    #[specta(type = specta_typescript::Number)]
    pub claimed_total: i64,
    /// How many entries give minutes to it.
    #[specta(type = specta_typescript::Number)]
    pub entry_count: i64,
}

/// Everything a tracking form prints about one submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SubmissionDetail {
    /// The submission itself, as listed.
    pub summary: SubmissionSummary,
    /// The program's name, from the rule set.
    pub program: String,
    /// Categories A, B and C in order, each with its claimed rows.
    pub categories: Vec<ClaimedCategory>,
    /// Entries of this submission with counted minutes left after it: printed as "carried
    /// forward", they stay in the pool for the next form.
    pub carried_forward: Vec<CarriedForward>,
}

/// One category of a tracking form: its rows and subtotal against its minimum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ClaimedCategory {
    /// Which category.
    pub category: Category,
    /// Its name on the form, from the rule set.
    pub label: String,
    /// The rule set's minimum per credit.
    #[specta(type = specta_typescript::Number)]
    pub minimum_minutes: i64,
    /// The minimum for this submission: the minimum per credit times the credits claimed.
    #[specta(type = specta_typescript::Number)]
    pub required_minutes: i64,
    /// Minutes this submission claims from the category (the subtotal).
    #[specta(type = specta_typescript::Number)]
    pub claimed_minutes: i64,
    /// The claimed entries, oldest first.
    pub rows: Vec<ClaimedRow>,
}

/// One row of a tracking form: an entry and the minutes claimed from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ClaimedRow {
    /// The entry's id.
    #[specta(type = specta_typescript::Number)]
    pub entry_id: i64,
    /// The day.
    #[specta(type = String)]
    pub date: NaiveDate,
    /// The activity's key.
    pub activity: String,
    /// The activity's name, from the rule set.
    pub activity_label: String,
    /// Mentor or provider.
    pub provider: String,
    /// Their credentials.
    pub provider_credentials: String,
    /// In person or virtual.
    pub format: Format,
    /// Logged minutes (`None` for activities logged in days).
    #[specta(type = Option<specta_typescript::Number>)]
    pub logged_minutes: Option<i64>,
    /// Days, for activities logged in days.
    pub days: Option<u32>,
    /// What the rules count of the entry.
    #[specta(type = specta_typescript::Number)]
    pub counted_minutes: i64,
    /// Minutes this submission claims from it.
    #[specta(type = specta_typescript::Number)]
    pub claimed_minutes: i64,
    /// An earlier submission claimed part of this entry: this row is its carried-forward rest.
    pub carried_in: bool,
}

/// An entry of a submission with counted minutes left over after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CarriedForward {
    /// The entry's id.
    #[specta(type = specta_typescript::Number)]
    pub entry_id: i64,
    /// The day.
    #[specta(type = String)]
    pub date: NaiveDate,
    /// The entry's category.
    pub category: Category,
    /// The activity's name, from the rule set.
    pub activity_label: String,
    /// Mentor or provider.
    pub provider: String,
    /// Counted minutes not claimed by this submission or any before it.
    #[specta(type = specta_typescript::Number)]
    pub remaining_minutes: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(result: Result<Fee>) -> &'static str {
        match result {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    fn fee(amount: &str, currency: &str) -> Result<Fee> {
        FeeDraft {
            amount: amount.into(),
            currency: currency.into(),
        }
        .validated()
    }

    #[test]
    fn fees_are_read_as_people_type_them() {
        for (text, hundredths) in [
            ("25", 2500),
            ("25.00", 2500),
            ("25,5", 2550),
            (" 25,50 ", 2550),
            ("0", 0),
            ("0.05", 5),
            (",5", 50),
            ("25.", 2500),
            ("9999999.99", 999_999_999),
        ] {
            assert_eq!(parse_fee_amount(text).unwrap(), hundredths, "{text}");
        }
        assert_eq!(fee("25,5", " eur ").unwrap(), Fee::new(2550, "EUR"));
        assert_eq!(Fee::new(2550, "EUR").amount, "25.50");
        assert_eq!(Fee::new(7, "USD").amount, "0.07");
    }

    #[test]
    fn a_bad_fee_is_refused_at_its_field() {
        for text in [
            "", "-5", "25.555", "1,000.00", "abc", ".", "25 USD", "1e3", "10000000",
        ] {
            assert_eq!(field(fee(text, "USD")), "fee_amount", "{text}");
        }
        for code in ["", "US", "USDX", "U$D", "€"] {
            assert_eq!(field(fee("25", code)), "fee_currency", "{code}");
        }
    }

    #[test]
    fn the_submission_types_export_to_typescript() {
        let types = specta::Types::default()
            .register::<SubmissionSummary>()
            .register::<SubmissionDetail>()
            .register::<FeeDraft>()
            .register::<crate::model::Entry>();
        let ts = specta_typescript::Typescript::default()
            .export(&types, crate::rules::bindings::AsDerived)
            .unwrap();
        assert!(ts.contains("SubmissionDetail") && ts.contains("locked_by: EntryLock | null"));
        assert!(!ts.contains("bigint"), "{ts}");
    }

    #[test]
    fn a_summary_serialises_with_snake_case_keys_and_iso_dates() {
        let summary = SubmissionSummary {
            id: 2,
            state: SubmissionState::Sent,
            rule_set: "iahe-mentorship-2014".into(),
            credits: 1,
            created_on: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
            sent_on: NaiveDate::from_ymd_opt(2025, 3, 3),
            fee: Some(Fee::new(2500, "USD")),
            paid_by: "card".into(),
            credited_on: None,
            claimed: ByCategory::new(360, 720, 360),
            claimed_total: 1440,
            entry_count: 5,
        };
        assert_eq!(
            serde_json::to_value(summary).unwrap(),
            serde_json::json!({
                "id": 2, "state": "sent", "rule_set": "iahe-mentorship-2014", "credits": 1,
                "created_on": "2025-03-01", "sent_on": "2025-03-03",
                "fee": {"hundredths": 2500, "currency": "USD", "amount": "25.00"},
                "paid_by": "card", "credited_on": null,
                "claimed": {"A": 360, "B": 720, "C": 360}, "claimed_total": 1440, "entry_count": 5
            })
        );
    }

    #[test]
    fn states_round_trip_through_their_keys() {
        for state in [
            SubmissionState::Draft,
            SubmissionState::Sent,
            SubmissionState::Credited,
        ] {
            assert_eq!(SubmissionState::from_key(state.key()), Some(state));
        }
        assert_eq!(SubmissionState::from_key("lost"), None);
    }
}
