//! A client, their intake at the first consultation, and the medical clearances recorded for them.
//!
//! A client is printed only as a pseudonymous code; the private name and contact help the
//! therapist recognise them and are never printed. The intake's contraindication screen decides
//! whether sessions need a medical clearance first (see `clinical::Screen::assess`).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::course::single_line;
use super::parse_date_for;
use super::typed::clean;
use crate::clinical::{ItemAnswer, PrivateIdentity, Screen, ScreenResult};
use crate::error::{Error, Result};

/// A client as the form sends it, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ClientDraft {
    /// The pseudonymous code, e.g. `C-014`: unique (ignoring case), and the only thing any case
    /// study or portfolio prints about who the client is.
    pub code: String,
    /// Their name, to recognise them by; never printed, never exported.
    pub private_name: String,
    /// How to reach them (phone, email, address; several lines allowed); never printed.
    pub private_contact: String,
    /// Year of birth, e.g. 1987; none when not given (never made up: what is derived from it,
    /// the age in a case study, is then "not given" too).
    pub birth_year: Option<i32>,
    /// Gender as the client describes it; may be empty.
    pub gender: String,
    /// The day they consented to treatment, ISO date.
    pub consent_treatment_on: String,
    /// The day they consented to de-identified use in a portfolio, ISO date; empty for none.
    pub consent_portfolio_on: String,
}

/// A client as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Client {
    /// Its id.
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    /// The client as the form edits it.
    pub draft: ClientDraft,
    /// They consented to de-identified use in a portfolio: their case studies can be exported.
    pub portfolio_consent: bool,
}

impl Client {
    /// The day the client consented to treatment (checked when it was saved).
    pub fn consent_treatment_on(&self) -> Result<NaiveDate> {
        super::stored_date("consent_treatment_on", &self.draft.consent_treatment_on)
    }
}

impl ClientDraft {
    /// Checks every field; `today` bounds the dates and the year of birth. The code may not
    /// contain the private name or contact: it is printed.
    pub fn validated(&self, today: NaiveDate) -> Result<ClientDraft> {
        let code = self.code.trim();
        let allowed = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/');
        if code.is_empty() {
            return Err(Error::invalid(
                "code",
                "Enter a code for the client, like C-014; it is what case studies print.",
            ));
        }
        if code.chars().count() > 24 || !code.chars().all(allowed) {
            return Err(Error::invalid(
                "code",
                "A code is up to 24 letters and digits, with - _ . / between them, like C-014.",
            ));
        }
        let private_name =
            single_line(&clean("private_name", "The name", &self.private_name, 120)?);
        let private_contact = clean("private_contact", "The contact", &self.private_contact, 400)?;
        if !PrivateIdentity::new(&private_name, &private_contact)
            .hits("code", "Code", code)
            .is_empty()
        {
            return Err(Error::invalid(
                "code",
                "The code is printed in case studies, so it must not contain the client's name \
                 or contact; choose another, like C-014.",
            ));
        }
        if self
            .birth_year
            .is_some_and(|y| !(1900..=today.year()).contains(&y))
        {
            return Err(Error::invalid(
                "birth_year",
                format!(
                    "Enter the year of birth, from 1900 to {}, or leave it empty if it is not \
                     known.",
                    today.year()
                ),
            ));
        }
        let consent_treatment_on =
            parse_date_for("consent_treatment_on", &self.consent_treatment_on, today)?;
        if consent_treatment_on > today {
            return Err(Error::invalid(
                "consent_treatment_on",
                "The consent is dated in the future; record it once it is given.",
            ));
        }
        let consent_portfolio_on = if self.consent_portfolio_on.trim().is_empty() {
            String::new()
        } else {
            let day = parse_date_for("consent_portfolio_on", &self.consent_portfolio_on, today)?;
            if day > today {
                return Err(Error::invalid(
                    "consent_portfolio_on",
                    "The consent is dated in the future; record it once it is given.",
                ));
            }
            day.to_string()
        };
        Ok(ClientDraft {
            code: code.to_owned(),
            private_name,
            private_contact,
            birth_year: self.birth_year,
            gender: single_line(&clean("gender", "Gender", &self.gender, 40)?),
            consent_treatment_on: consent_treatment_on.to_string(),
            consent_portfolio_on,
        })
    }
}

/// The intake at the first consultation, as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct IntakeDraft {
    /// The day of the first consultation, ISO date.
    pub taken_on: String,
    /// The presenting complaint, in the client's words or the therapist's.
    pub complaint: String,
    /// Medical history.
    pub history: String,
    /// Medications taken.
    pub medications: String,
    /// One answer to every item of the screen.
    pub answers: Vec<ItemAnswer>,
}

/// The intake as stored, with what the screen makes of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Intake {
    /// The client's id.
    #[specta(type = specta_typescript::Number)]
    pub client_id: i64,
    /// The id of the screen it was answered to.
    pub screen: String,
    /// The intake as the form edits it, answers in the screen's order.
    pub draft: IntakeDraft,
    /// The flag and the items that cause it; the cautions.
    pub result: ScreenResult,
}

impl IntakeDraft {
    /// Checks the fields, and that every item of `screen` is answered once (a missing or repeated
    /// answer is reported at the item's own field, `screen.<key>`). Answers come back in the
    /// screen's order.
    pub fn validated(&self, screen: &'static Screen, today: NaiveDate) -> Result<IntakeDraft> {
        let taken_on = parse_date_for("taken_on", &self.taken_on, today)?;
        if taken_on > today {
            return Err(Error::invalid("taken_on", "The date is in the future."));
        }
        let complaint = clean(
            "complaint",
            "The presenting complaint",
            &self.complaint,
            4000,
        )?;
        if complaint.is_empty() {
            return Err(Error::invalid(
                "complaint",
                "Enter the presenting complaint: what brings the client.",
            ));
        }
        if let Some(stray) = self.answers.iter().find(|a| screen.item(&a.item).is_none()) {
            return Err(Error::invalid(
                "screen",
                if stray.item.trim().is_empty() {
                    "An answer names no question of this screen.".to_owned()
                } else {
                    format!(
                        "{} is not a question of this screen.",
                        crate::error::quoted(&stray.item)
                    )
                },
            ));
        }
        let mut answers = Vec::with_capacity(screen.items().len());
        for item in screen.items() {
            let given: Vec<&ItemAnswer> =
                self.answers.iter().filter(|a| a.item == item.key).collect();
            match given[..] {
                [one] => answers.push(one.clone()),
                [] => {
                    return Err(Error::invalid(
                        item.field(),
                        format!("Answer \"{}\": yes, no or unknown.", item.question),
                    ))
                }
                _ => {
                    return Err(Error::invalid(
                        item.field(),
                        format!("\"{}\" is answered more than once.", item.question),
                    ))
                }
            }
        }
        Ok(IntakeDraft {
            taken_on: taken_on.to_string(),
            complaint,
            history: clean("history", "The history", &self.history, 8000)?,
            medications: clean("medications", "Medications", &self.medications, 4000)?,
            answers,
        })
    }
}

/// A medical clearance, as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ClearanceDraft {
    /// The client's id.
    #[specta(type = specta_typescript::Number)]
    pub client_id: i64,
    /// The day the clearance was given, ISO date.
    pub cleared_on: String,
    /// Who gave it, e.g. "Dr Anna Berg, GP".
    pub cleared_by: String,
    /// What it says, e.g. "Cleared for gentle manual therapy; no work at the site of the fracture."
    pub note: String,
}

/// A medical clearance, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Clearance {
    /// Its id.
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    /// The clearance as recorded.
    pub draft: ClearanceDraft,
}

impl ClearanceDraft {
    /// Checks the fields; returns the draft cleaned and the day.
    pub fn validated(&self, today: NaiveDate) -> Result<(ClearanceDraft, NaiveDate)> {
        let cleared_on = parse_date_for("cleared_on", &self.cleared_on, today)?;
        if cleared_on > today {
            return Err(Error::invalid("cleared_on", "The date is in the future."));
        }
        let cleared_by = single_line(&clean("cleared_by", "Who cleared", &self.cleared_by, 160)?);
        if cleared_by.is_empty() {
            return Err(Error::invalid(
                "cleared_by",
                "Enter who gave the clearance, e.g. the client's doctor.",
            ));
        }
        Ok((
            ClearanceDraft {
                client_id: self.client_id,
                cleared_on: cleared_on.to_string(),
                cleared_by,
                note: clean("note", "The note", &self.note, 2000)?,
            },
            cleared_on,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clinical::{intake_screen, ScreenAnswer};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    fn client() -> ClientDraft {
        ClientDraft {
            code: " C-001 ".into(),
            private_name: "Ólafur  Þórsson".into(),
            private_contact: "olafur@example.is\n+354 891 2345".into(),
            birth_year: Some(1981),
            gender: "male".into(),
            consent_treatment_on: "2025-01-10".into(),
            consent_portfolio_on: String::new(),
        }
    }

    fn field<T: std::fmt::Debug>(result: Result<T>) -> &'static str {
        match result {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn a_client_is_cleaned() {
        let valid = client().validated(today()).unwrap();
        assert_eq!(valid.code, "C-001");
        assert_eq!(valid.private_name, "Ólafur Þórsson");
        assert_eq!(valid.consent_portfolio_on, "");
        let unknown = ClientDraft {
            birth_year: None,
            ..client()
        };
        assert_eq!(
            unknown.validated(today()).unwrap().birth_year,
            None,
            "an unknown year of birth stays unknown"
        );
    }

    #[test]
    fn each_bad_client_field_is_named() {
        let bad = |change: fn(&mut ClientDraft)| {
            let mut d = client();
            change(&mut d);
            field(d.validated(today()))
        };
        assert_eq!(bad(|d| d.code = "  ".into()), "code");
        assert_eq!(bad(|d| d.code = "C 001".into()), "code");
        assert_eq!(
            bad(|d| d.code = "OLAFUR-1".into()),
            "code",
            "the code names them"
        );
        assert_eq!(
            bad(|d| d.code = "C-8912345".into()),
            "code",
            "the code is their phone"
        );
        assert_eq!(bad(|d| d.birth_year = Some(1899)), "birth_year");
        assert_eq!(bad(|d| d.birth_year = Some(2027)), "birth_year");
        assert_eq!(
            bad(|d| d.consent_treatment_on = "2026-06-02".into()),
            "consent_treatment_on"
        );
        assert_eq!(
            bad(|d| d.consent_portfolio_on = "soon".into()),
            "consent_portfolio_on"
        );
        assert_eq!(bad(|d| d.gender = "x".repeat(41)), "gender");
    }

    fn intake(answer: ScreenAnswer) -> IntakeDraft {
        IntakeDraft {
            taken_on: "2025-01-10".into(),
            complaint: "Tension headaches".into(),
            history: String::new(),
            medications: String::new(),
            answers: intake_screen()
                .unwrap()
                .items()
                .iter()
                .rev()
                .map(|i| ItemAnswer {
                    item: i.key.clone(),
                    answer,
                })
                .collect(),
        }
    }

    #[test]
    fn every_item_must_be_answered_once_and_answers_come_back_in_order() {
        let screen = intake_screen().unwrap();
        let valid = intake(ScreenAnswer::No).validated(screen, today()).unwrap();
        assert_eq!(valid.answers[0].item, "head_injury");
        let mut missing = intake(ScreenAnswer::No);
        missing.answers.retain(|a| a.item != "chiari_malformation");
        match missing.validated(screen, today()) {
            Err(Error::Invalid { field, message }) => {
                assert_eq!(field, "screen.chiari_malformation");
                assert!(message.contains("Chiari"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        let mut twice = intake(ScreenAnswer::No);
        twice.answers.push(ItemAnswer {
            item: "head_injury".into(),
            answer: ScreenAnswer::Yes,
        });
        assert_eq!(
            field(twice.validated(screen, today())),
            "screen.head_injury"
        );
        let mut stray = intake(ScreenAnswer::No);
        stray.answers.push(ItemAnswer {
            item: "astrology".into(),
            answer: ScreenAnswer::Yes,
        });
        assert_eq!(field(stray.validated(screen, today())), "screen");
        let mut empty = intake(ScreenAnswer::No);
        empty.complaint = " ".into();
        assert_eq!(field(empty.validated(screen, today())), "complaint");
    }

    #[test]
    fn a_clearance_needs_a_date_and_who_gave_it() {
        let draft = ClearanceDraft {
            client_id: 1,
            cleared_on: "2025-02-01".into(),
            cleared_by: "Dr Anna Berg, GP".into(),
            note: String::new(),
        };
        assert!(draft.validated(today()).is_ok());
        let nobody = ClearanceDraft {
            cleared_by: " ".into(),
            ..draft.clone()
        };
        assert_eq!(field(nobody.validated(today())), "cleared_by");
        let future = ClearanceDraft {
            cleared_on: "2026-06-02".into(),
            ..draft
        };
        assert_eq!(field(future.validated(today())), "cleared_on");
    }
}
