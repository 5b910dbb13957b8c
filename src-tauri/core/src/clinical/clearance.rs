//! The clearance rule: a session for a client the intake flags is saved as treatment only when a
//! medical clearance dated on or before it is recorded; and no session before an intake.
//!
//! The store gathers the facts and asks [`may_save_session`]; the refusal says what to record.

use chrono::NaiveDate;

use super::{FlaggedItem, ScreenResult};
use crate::error::{Error, Result};
use crate::model::SessionKind;
use crate::rules::format_date;

/// How a flagged item reads in a sentence: "Skull fracture: yes", "Chiari malformation: not
/// answered".
fn item_answer(f: &FlaggedItem) -> String {
    if f.answered {
        format!("{}: {}", f.label, f.answer.key())
    } else {
        format!("{}: not answered", f.label)
    }
}

/// The refusal of a treatment session for a flagged client with no clearance dated on or
/// before it. What was typed stays in the form: a consultation (no treatment) can be saved.
fn clearance_needed(code: &str, result: &ScreenResult, date: NaiveDate) -> Error {
    let on = format_date(date);
    let consultation = "Or save it as a consultation, with no treatment given: allowed before a \
                        clearance, and nothing you typed is lost.";
    if result.needs_review {
        return Error::invalid(
            "clearance",
            format!(
                "{code}'s contraindication screen is incomplete: it was saved by an earlier \
                 Stillpoint whose form set every answer to No, so a No there may be an answer \
                 nobody gave. Review the screen in the intake and save it again, or record a \
                 medical clearance dated on or before {on}, to save this session as treatment. \
                 {consultation}"
            ),
        );
    }
    let items: Vec<String> = result.contraindications.iter().map(item_answer).collect();
    let incomplete = if result.incomplete {
        " The screen is incomplete: answer every question in the intake."
    } else {
        ""
    };
    Error::invalid(
        "clearance",
        format!(
            "{code} is flagged at intake ({}).{incomplete} Record a medical clearance (date, by \
             whom, note) dated on or before {on} to save this session as treatment. \
             {consultation}",
            items.join("; "),
        ),
    )
}

/// What the clearance rule needs to know about a session to be saved.
#[derive(Debug, Clone, Copy)]
pub struct SessionFacts<'a> {
    /// The client's code, for the sentences.
    pub code: &'a str,
    /// The client's screen as assessed at intake; `None` when no intake is recorded.
    pub screen: Option<&'a ScreenResult>,
    /// Treatment, or a consultation with no treatment given.
    pub kind: SessionKind,
    /// The session's day.
    pub date: NaiveDate,
    /// The days of the client's recorded clearances, ISO dates.
    pub cleared_on: &'a [&'a str],
}

/// The sentence for a client with no intake yet: the screen comes before their first session.
pub fn intake_missing(code: &str) -> String {
    format!(
        "{code}'s contraindication screen is incomplete: record the intake, answering every \
         question yes, no or unknown, before their first session."
    )
}

/// Whether a session may be saved: refused for a client without an intake (field `intake`),
/// and for treatment of a flagged client without a clearance dated on or before it (field
/// `clearance`, saying what to record). A consultation needs only the intake.
pub fn may_save_session(facts: &SessionFacts<'_>) -> Result<()> {
    let Some(result) = facts.screen else {
        return Err(Error::invalid("intake", intake_missing(facts.code)));
    };
    if result.flagged && facts.kind == SessionKind::Treatment {
        let on = facts.date.to_string();
        if !facts.cleared_on.iter().any(|c| **c <= *on) {
            return Err(clearance_needed(facts.code, result, facts.date));
        }
    }
    Ok(())
}
