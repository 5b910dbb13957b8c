//! A treatment session: its SOAP notes, the techniques used, the client's scale before and after.
//!
//! Sessions are what case studies are drafted from, so their techniques are keys from the data
//! list (countable, printable by name) with free text for the rest, and the scale is a number
//! from 0 to 10 or nothing.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::client::Client;
use super::typed::clean;
use crate::clinical::TechniqueList;
use crate::error::{Error, Result};
use crate::rules::format_date;

/// What a session was.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// Treatment was given: a flagged client needs a medical clearance dated on or before it.
    #[default]
    Treatment,
    /// A consultation with no treatment given (talking, history, referral): allowed before a
    /// medical clearance, and it records no techniques.
    Consultation,
}

impl SessionKind {
    /// The key stored in the database: `treatment`, `consultation`.
    pub fn key(self) -> &'static str {
        match self {
            SessionKind::Treatment => "treatment",
            SessionKind::Consultation => "consultation",
        }
    }

    /// The kind with this key.
    pub fn from_key(key: &str) -> Option<SessionKind> {
        [SessionKind::Treatment, SessionKind::Consultation]
            .into_iter()
            .find(|k| k.key() == key)
    }
}

/// A session as the form sends it, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SessionDraft {
    /// The client's id.
    #[specta(type = specta_typescript::Number)]
    pub client_id: i64,
    /// Treatment (the default) or a consultation with no treatment given.
    #[serde(default)]
    pub kind: SessionKind,
    /// The day, ISO date: not in the future, not before the client's consent to treatment.
    pub date: String,
    /// Length in minutes, 1 to 1440.
    #[specta(type = specta_typescript::Number)]
    pub minutes: i64,
    /// S: what the client reports.
    pub subjective: String,
    /// O: what the therapist found.
    pub objective: String,
    /// A: the therapist's evaluation.
    pub assessment: String,
    /// P: what comes next.
    pub plan: String,
    /// Keys of the techniques used, from the list.
    pub techniques: Vec<String>,
    /// Techniques the list does not have, as typed.
    pub techniques_other: String,
    /// Pain or symptom scale before the session, 0 to 10; none when not asked.
    pub scale_before: Option<i32>,
    /// The same scale after the session.
    pub scale_after: Option<i32>,
    /// How the session went.
    pub outcome: String,
}

/// A session as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Session {
    /// Its id.
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    /// The session as the form edits it.
    pub draft: SessionDraft,
    /// The names of its techniques from the list, then the other techniques typed.
    pub technique_labels: Vec<String>,
    /// The client is flagged and no clearance is dated on or before this session: it was saved
    /// before the intake said so, or its clearance was removed. Shown with the flag.
    pub uncleared: bool,
}

/// A checked session, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidSession {
    /// The session, cleaned: techniques in the list's order, each once.
    pub draft: SessionDraft,
    /// Its day.
    pub date: NaiveDate,
}

impl SessionDraft {
    /// Checks every field for `client`; `today` bounds the date.
    pub fn validated(
        &self,
        client: &Client,
        techniques: &TechniqueList,
        today: NaiveDate,
    ) -> Result<ValidSession> {
        let date = super::parse_date_for("date", &self.date, today)?;
        if date > today {
            return Err(Error::invalid(
                "date",
                "The session is in the future; record it once it has happened.",
            ));
        }
        let consent = client.consent_treatment_on()?;
        if date < consent {
            return Err(Error::invalid(
                "date",
                format!(
                    "This is before {} consented to treatment ({}); check the date or the consent.",
                    client.draft.code,
                    format_date(consent)
                ),
            ));
        }
        if !(1..=1440).contains(&self.minutes) {
            return Err(Error::invalid(
                "minutes",
                "Enter the session's length in minutes, from 1 to 1440.",
            ));
        }
        for (field, scale) in [
            ("scale_before", self.scale_before),
            ("scale_after", self.scale_after),
        ] {
            if scale.is_some_and(|s| !(0..=10).contains(&s)) {
                return Err(Error::invalid(
                    field,
                    "The scale goes from 0 (none) to 10 (the worst imaginable).",
                ));
            }
        }
        if let Some(unknown) = self
            .techniques
            .iter()
            .find(|key| techniques.get(key).is_none())
        {
            return Err(Error::invalid(
                "techniques",
                if unknown.trim().is_empty() {
                    "A technique without a name was chosen; choose one from the list.".to_owned()
                } else {
                    format!(
                        "{} is not on the list of techniques; type it under other techniques.",
                        crate::error::quoted(unknown)
                    )
                },
            ));
        }
        if self.kind == SessionKind::Consultation
            && (!self.techniques.is_empty() || !self.techniques_other.trim().is_empty())
        {
            return Err(Error::invalid(
                "techniques",
                "A consultation records no treatment, so no techniques: untick them (and move \
                 what you typed under other techniques into the notes), or save it as a \
                 treatment once a clearance allows it.",
            ));
        }
        let chosen = techniques
            .techniques()
            .iter()
            .filter(|t| self.techniques.contains(&t.key))
            .map(|t| t.key.clone())
            .collect();
        Ok(ValidSession {
            draft: SessionDraft {
                client_id: client.id,
                kind: self.kind,
                date: date.to_string(),
                minutes: self.minutes,
                subjective: clean("subjective", "Subjective", &self.subjective, 8000)?,
                objective: clean("objective", "Objective", &self.objective, 8000)?,
                assessment: clean("assessment", "Assessment", &self.assessment, 8000)?,
                plan: clean("plan", "Plan", &self.plan, 8000)?,
                techniques: chosen,
                techniques_other: clean(
                    "techniques_other",
                    "Other techniques",
                    &self.techniques_other,
                    1000,
                )?,
                scale_before: self.scale_before,
                scale_after: self.scale_after,
                outcome: clean("outcome", "Outcome", &self.outcome, 4000)?,
            },
            date,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clinical::techniques;
    use crate::model::ClientDraft;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    fn client() -> Client {
        Client {
            id: 7,
            draft: ClientDraft {
                code: "C-007".into(),
                birth_year: Some(1990),
                consent_treatment_on: "2025-01-10".into(),
                ..ClientDraft::default()
            },
            portfolio_consent: false,
        }
    }

    fn session() -> SessionDraft {
        SessionDraft {
            client_id: 7,
            date: "2025-01-10".into(),
            minutes: 60,
            techniques: vec![
                "dural_tube".into(),
                "still_point".into(),
                "still_point".into(),
            ],
            scale_before: Some(7),
            scale_after: Some(3),
            ..SessionDraft::default()
        }
    }

    fn field(result: Result<ValidSession>) -> &'static str {
        match result {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn techniques_are_kept_once_in_the_lists_order() {
        let valid = session()
            .validated(&client(), techniques().unwrap(), today())
            .unwrap();
        assert_eq!(valid.draft.techniques, ["still_point", "dural_tube"]);
    }

    #[test]
    fn each_bad_session_field_is_named() {
        let list = techniques().unwrap();
        let bad = |change: fn(&mut SessionDraft)| {
            let mut d = session();
            change(&mut d);
            field(d.validated(&client(), list, today()))
        };
        assert_eq!(bad(|d| d.date = "2026-06-02".into()), "date");
        assert_eq!(
            bad(|d| d.date = "2025-01-09".into()),
            "date",
            "before consent"
        );
        assert_eq!(bad(|d| d.minutes = 0), "minutes");
        assert_eq!(bad(|d| d.minutes = 1441), "minutes");
        assert_eq!(bad(|d| d.scale_before = Some(11)), "scale_before");
        assert_eq!(bad(|d| d.scale_after = Some(-1)), "scale_after");
        assert_eq!(bad(|d| d.techniques = vec!["reiki".into()]), "techniques");
        assert_eq!(bad(|d| d.assessment = "\u{7}".into()), "assessment");
    }

    #[test]
    fn no_scale_is_allowed() {
        let mut d = session();
        d.scale_before = None;
        d.scale_after = Some(0);
        assert!(d
            .validated(&client(), techniques().unwrap(), today())
            .is_ok());
    }

    #[test]
    fn a_consultation_records_no_techniques() {
        let list = techniques().unwrap();
        let mut d = session();
        d.kind = SessionKind::Consultation;
        assert_eq!(field(d.validated(&client(), list, today())), "techniques");
        d.techniques.clear();
        d.techniques_other = "Some light touch".into();
        assert_eq!(field(d.validated(&client(), list, today())), "techniques");
        d.techniques_other.clear();
        let valid = d.validated(&client(), list, today()).unwrap();
        assert_eq!(valid.draft.kind, SessionKind::Consultation);
        for k in [SessionKind::Treatment, SessionKind::Consultation] {
            assert_eq!(SessionKind::from_key(k.key()), Some(k));
        }
    }
}
