//! A case study: one client's course of treatment written up for certification.
//!
//! It has the fields a certification case write-up asks for, is drafted from the client's
//! sessions (so the therapist edits rather than retypes) and then edited freely. It names the
//! client only by code; [`deidentification_hits`] finds where its text names them otherwise.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::client::{Client, ClientDraft, IntakeDraft};
use super::course::single_line;
use super::parse_date_for;
use super::session::{Session, SessionKind};
use super::typed::clean;
use crate::clinical::{Hit, PrivateIdentity, TechniqueList};
use crate::error::{Error, Result};
use crate::rules::format_iso_date;

/// The evaluation at one session.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SessionEvaluation {
    /// The session's day, ISO date.
    pub date: String,
    /// What the therapist evaluated.
    pub text: String,
}

/// A case study as the editor sends it (and as a fresh draft comes from the sessions).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CaseStudyDraft {
    /// The client's id; the client must have consented to portfolio use.
    #[specta(type = specta_typescript::Number)]
    pub client_id: i64,
    /// Its title.
    pub title: String,
    /// The day of the last treatment, ISO date.
    pub last_treatment_on: String,
    /// The client's age at the last treatment; none when not given (the year of birth is not
    /// known), printed as "not given".
    pub client_age: Option<u32>,
    /// The client's gender as printed; may be empty.
    pub client_gender: String,
    /// Symptoms or diagnosis.
    pub symptoms: String,
    /// The evaluation at each session, oldest first.
    pub evaluations: Vec<SessionEvaluation>,
    /// Treatment: what was found.
    pub findings: String,
    /// Treatment: the techniques used.
    pub techniques: String,
    /// Treatment: the number of treatments.
    pub treatment_count: u32,
    /// The outcome.
    pub outcome: String,
    /// Discussion: reflection that links theory to practice.
    pub discussion: String,
}

/// A case study as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CaseStudy {
    /// Its id.
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    /// The client's code: the only thing printed about who they are.
    pub client_code: String,
    /// The case study as the editor edits it.
    pub draft: CaseStudyDraft,
    /// When it was last saved (UTC, ISO 8601).
    pub updated_at: String,
    /// The fields still empty, by name ("Discussion", …): a write-up with none is finished and
    /// counts towards certification.
    pub missing: Vec<String>,
    /// The client still consents to portfolio use; without it the case study cannot be exported.
    pub portfolio_consent: bool,
    /// Where its text names the client: any one blocks the export.
    pub hits: Vec<Hit>,
}

impl CaseStudyDraft {
    /// Checks every field; `today` bounds the date. Empty fields are allowed (a write-up is
    /// finished over time, see [`CaseStudyDraft::missing`]), but the title is required.
    pub fn validated(&self, today: NaiveDate) -> Result<CaseStudyDraft> {
        let title = single_line(&clean("title", "The title", &self.title, 200)?);
        if title.is_empty() {
            return Err(Error::invalid("title", "Enter a title for the case study."));
        }
        let last = parse_date_for("last_treatment_on", &self.last_treatment_on, today)?;
        if last > today {
            return Err(Error::invalid(
                "last_treatment_on",
                "The date is in the future.",
            ));
        }
        if self.client_age.is_some_and(|a| a > 130) {
            return Err(Error::invalid(
                "client_age",
                "Enter the client's age in years.",
            ));
        }
        if self.evaluations.len() > 500 {
            return Err(Error::invalid(
                "evaluations",
                "A case study can list at most 500 sessions.",
            ));
        }
        let evaluations = self
            .evaluations
            .iter()
            .map(|e| {
                let date = parse_date_for("evaluations", &e.date, today)?;
                Ok(SessionEvaluation {
                    date: date.to_string(),
                    text: clean("evaluations", "An evaluation", &e.text, 8000)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        if self.treatment_count > 10_000 {
            return Err(Error::invalid(
                "treatment_count",
                "Enter the number of treatments.",
            ));
        }
        let long = |field: &'static str, label: &str, text: &str| clean(field, label, text, 20_000);
        Ok(CaseStudyDraft {
            client_id: self.client_id,
            title,
            last_treatment_on: last.to_string(),
            client_age: self.client_age,
            client_gender: single_line(&clean("client_gender", "Gender", &self.client_gender, 40)?),
            symptoms: long("symptoms", "Symptoms or diagnosis", &self.symptoms)?,
            evaluations,
            findings: long("findings", "Findings", &self.findings)?,
            techniques: long("techniques", "Techniques", &self.techniques)?,
            treatment_count: self.treatment_count,
            outcome: long("outcome", "Outcome", &self.outcome)?,
            discussion: long("discussion", "Discussion", &self.discussion)?,
        })
    }

    /// Every text that is printed, as `(field, label, text)`.
    pub fn texts(&self) -> Vec<(String, String, &str)> {
        let mut texts = vec![
            ("title".to_owned(), "Title".to_owned(), self.title.as_str()),
            (
                "client_gender".to_owned(),
                "Gender".to_owned(),
                self.client_gender.as_str(),
            ),
            (
                "symptoms".to_owned(),
                "Symptoms or diagnosis".to_owned(),
                self.symptoms.as_str(),
            ),
        ];
        for (i, e) in self.evaluations.iter().enumerate() {
            texts.push((
                format!("evaluations.{i}.text"),
                format!("Evaluation of session {}", i + 1),
                e.text.as_str(),
            ));
        }
        texts.extend([
            (
                "findings".to_owned(),
                "Findings".to_owned(),
                self.findings.as_str(),
            ),
            (
                "techniques".to_owned(),
                "Techniques".to_owned(),
                self.techniques.as_str(),
            ),
            (
                "outcome".to_owned(),
                "Outcome".to_owned(),
                self.outcome.as_str(),
            ),
            (
                "discussion".to_owned(),
                "Discussion".to_owned(),
                self.discussion.as_str(),
            ),
        ]);
        texts
    }

    /// The fields a finished write-up needs that are still empty, by name.
    pub fn missing(&self) -> Vec<String> {
        let no_evaluation = self.evaluations.iter().all(|e| e.text.trim().is_empty());
        [
            ("Symptoms or diagnosis", self.symptoms.trim().is_empty()),
            ("Evaluation at each session", no_evaluation),
            ("Findings", self.findings.trim().is_empty()),
            ("Techniques", self.techniques.trim().is_empty()),
            ("Outcome", self.outcome.trim().is_empty()),
            ("Discussion", self.discussion.trim().is_empty()),
        ]
        .into_iter()
        .filter(|(_, empty)| *empty)
        .map(|(label, _)| label.to_owned())
        .collect()
    }

    /// A first draft from the client's intake and treatment sessions (oldest first; a
    /// consultation gave no treatment and is left out). The same records give the same text. The
    /// discussion is left for the therapist: a reflection is theirs to write.
    pub fn from_records(
        client: &Client,
        intake: Option<&IntakeDraft>,
        sessions: &[Session],
        techniques: &TechniqueList,
    ) -> Result<CaseStudyDraft> {
        let code = &client.draft.code;
        let treatments: Vec<Session> = sessions
            .iter()
            .filter(|s| s.draft.kind == SessionKind::Treatment)
            .cloned()
            .collect();
        let sessions = &treatments[..];
        let (Some(first), Some(last)) = (sessions.first(), sessions.last()) else {
            return Err(Error::Refused(format!(
                "{code} has no treatment sessions yet; a case study is drafted from them."
            )));
        };
        let last_day = super::stored_date("last_treatment_on", &last.draft.date)?;
        let complaint = intake.map_or("", |i| i.complaint.as_str());
        // The complaint's first clause: "Tension-type headaches, three a week." gives
        // "Tension-type headaches".
        let headline: String = complaint
            .split(['\n', '.', ',', ';', '。', '、', '،'])
            .next()
            .unwrap_or("")
            .trim()
            .chars()
            .take(100)
            .collect();
        let count = sessions.len();
        let sessions_word = if count == 1 { "session" } else { "sessions" };
        let title = if headline.is_empty() {
            format!("{count} {sessions_word} of CranioSacral Therapy")
        } else {
            format!("{headline}: {count} {sessions_word} of CranioSacral Therapy")
        };

        let mut symptoms = complaint.trim().to_owned();
        if let Some(intake) = intake {
            for (label, text) in [
                ("History", &intake.history),
                ("Medications", &intake.medications),
            ] {
                if !text.trim().is_empty() {
                    symptoms.push_str(&format!("\n\n{label}: {}", text.trim()));
                }
            }
        }

        let evaluations = sessions
            .iter()
            .map(|s| {
                let d = &s.draft;
                let mut text = if d.assessment.trim().is_empty() {
                    d.objective.trim().to_owned()
                } else {
                    d.assessment.trim().to_owned()
                };
                if let Some(scale) = scale_words(d.scale_before, d.scale_after) {
                    if !text.is_empty() {
                        text.push(' ');
                    }
                    text.push_str(&scale);
                }
                SessionEvaluation {
                    date: d.date.clone(),
                    text,
                }
            })
            .collect();

        let findings = sessions
            .iter()
            .filter(|s| !s.draft.objective.trim().is_empty())
            .map(|s| {
                format!(
                    "{}: {}",
                    format_iso_date(&s.draft.date),
                    s.draft.objective.trim()
                )
            })
            .collect::<Vec<_>>()
            .join("\n");

        let mut used: HashMap<&str, usize> = HashMap::new();
        for s in sessions {
            for key in &s.draft.techniques {
                *used.entry(key.as_str()).or_default() += 1;
            }
        }
        let mut listed: Vec<(usize, usize, String)> = techniques
            .techniques()
            .iter()
            .enumerate()
            .filter_map(|(order, t)| {
                used.get(t.key.as_str())
                    .map(|&n| (n, order, t.label.clone()))
            })
            .collect();
        listed.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut technique_lines: Vec<String> = listed
            .into_iter()
            .map(|(n, _, label)| format!("{label} ({n} of {count} {sessions_word})"))
            .collect();
        let mut others: Vec<&str> = Vec::new();
        for s in sessions {
            let other = s.draft.techniques_other.trim();
            if !other.is_empty() && !others.contains(&other) {
                others.push(other);
            }
        }
        if !others.is_empty() {
            technique_lines.push(format!("Also: {}", others.join("; ")));
        }

        let mut outcome = last.draft.outcome.trim().to_owned();
        let from = first.draft.scale_before.or(first.draft.scale_after);
        let to = last.draft.scale_after.or(last.draft.scale_before);
        if let (Some(from), Some(to)) = (from, to) {
            if !outcome.is_empty() {
                outcome.push_str("\n\n");
            }
            outcome.push_str(&format!(
                "Pain or symptom scale: {from} of 10 at the start of the first session, {to} of 10 \
                 at the end of the last ({})."
                ,
                match to.cmp(&from) {
                    std::cmp::Ordering::Less => format!("{} points better", from - to),
                    std::cmp::Ordering::Equal => "unchanged".to_owned(),
                    std::cmp::Ordering::Greater => format!("{} points worse", to - from),
                }
            ));
        }

        let age = client
            .draft
            .birth_year
            .and_then(|born| u32::try_from(last_day.year() - born).ok());
        Ok(CaseStudyDraft {
            client_id: client.id,
            title,
            last_treatment_on: last_day.to_string(),
            client_age: age,
            client_gender: client.draft.gender.clone(),
            symptoms,
            evaluations,
            findings,
            techniques: technique_lines.join("\n"),
            treatment_count: u32::try_from(count).unwrap_or(u32::MAX),
            outcome,
            discussion: String::new(),
        })
    }
}

/// "Scale 7 → 3." for a session's before and after.
fn scale_words(before: Option<i32>, after: Option<i32>) -> Option<String> {
    match (before, after) {
        (Some(b), Some(a)) => Some(format!("Scale {b} before, {a} after.")),
        (Some(b), None) => Some(format!("Scale {b} before.")),
        (None, Some(a)) => Some(format!("Scale {a} after.")),
        (None, None) => None,
    }
}

/// Where a case study's printed text names `client` by their private name or contact.
pub fn deidentification_hits(case_study: &CaseStudyDraft, client: &ClientDraft) -> Vec<Hit> {
    let identity = PrivateIdentity::new(&client.private_name, &client.private_contact);
    case_study
        .texts()
        .into_iter()
        .flat_map(|(field, label, text)| identity.hits(&field, &label, text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clinical::techniques;
    use crate::model::SessionDraft;

    fn client() -> Client {
        Client {
            id: 3,
            draft: ClientDraft {
                code: "C-003".into(),
                private_name: "Ólafur Þórsson".into(),
                private_contact: "olafur@example.is, +354 891 2345".into(),
                birth_year: Some(1981),
                gender: "male".into(),
                consent_treatment_on: "2025-01-10".into(),
                consent_portfolio_on: "2025-01-10".into(),
            },
            portfolio_consent: true,
        }
    }

    fn session(date: &str, before: i32, after: i32, techniques: &[&str]) -> Session {
        Session {
            id: 1,
            draft: SessionDraft {
                client_id: 3,
                date: date.into(),
                minutes: 60,
                objective: format!("Restriction at the occiput ({date})."),
                assessment: "Cranial rhythm slow on the left.".into(),
                techniques: techniques.iter().map(|t| (*t).to_owned()).collect(),
                techniques_other: "Breathing advice".into(),
                scale_before: Some(before),
                scale_after: Some(after),
                outcome: "Sleeps through the night.".into(),
                ..SessionDraft::default()
            },
            technique_labels: Vec::new(),
            uncleared: false,
        }
    }

    fn intake() -> IntakeDraft {
        IntakeDraft {
            taken_on: "2025-01-10".into(),
            complaint: "Tension headaches for two years.\nWorse at work.".into(),
            history: "Whiplash 2019.".into(),
            ..IntakeDraft::default()
        }
    }

    #[test]
    fn no_age_is_made_up_and_a_consultation_is_no_treatment() {
        let mut unknown = client();
        unknown.draft.birth_year = None;
        let mut consultation = session("2025-01-08", 6, 6, &[]);
        consultation.draft.kind = SessionKind::Consultation;
        let sessions = [consultation, session("2025-01-10", 7, 5, &["still_point"])];
        let list = techniques().unwrap();
        let draft =
            CaseStudyDraft::from_records(&unknown, Some(&intake()), &sessions, list).unwrap();
        assert_eq!(draft.client_age, None, "no year of birth, no age");
        assert_eq!(draft.treatment_count, 1);
        assert_eq!(draft.evaluations.len(), 1);
        assert!(draft
            .validated(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap())
            .is_ok());
        let only_talk = [sessions[0].clone()];
        assert!(matches!(
            CaseStudyDraft::from_records(&unknown, Some(&intake()), &only_talk, list),
            Err(Error::Refused(_))
        ));
    }

    #[test]
    fn a_draft_is_made_from_the_sessions_the_same_way_every_time() {
        let sessions = [
            session("2025-01-10", 7, 5, &["still_point", "dural_tube"]),
            session("2025-02-03", 5, 3, &["still_point"]),
            session(
                "2025-03-01",
                3,
                2,
                &["still_point", "somatoemotional_release"],
            ),
        ];
        let list = techniques().unwrap();
        let draft =
            CaseStudyDraft::from_records(&client(), Some(&intake()), &sessions, list).unwrap();
        assert_eq!(
            draft.title, "Tension headaches for two years: 3 sessions of CranioSacral Therapy",
            "the complaint's first clause"
        );
        assert_eq!(draft.last_treatment_on, "2025-03-01");
        assert_eq!(draft.client_age, Some(44));
        assert_eq!(draft.treatment_count, 3);
        assert!(draft.symptoms.contains("History: Whiplash 2019."));
        assert_eq!(draft.evaluations.len(), 3);
        assert_eq!(
            draft.evaluations[0].text,
            "Cranial rhythm slow on the left. Scale 7 before, 5 after."
        );
        assert_eq!(
            draft.techniques,
            "Still point induction (3 of 3 sessions)\nDural tube rock and glide (1 of 3 sessions)\n\
             SomatoEmotional Release (1 of 3 sessions)\nAlso: Breathing advice"
        );
        assert!(draft.findings.starts_with("10 January 2025: Restriction"));
        assert!(draft.outcome.ends_with(
            "7 of 10 at the start of the first session, 2 of 10 at the end of the last (5 points better)."
        ));
        assert_eq!(draft.discussion, "");
        assert_eq!(draft.missing(), ["Discussion"]);
        assert_eq!(
            CaseStudyDraft::from_records(&client(), Some(&intake()), &sessions, list).unwrap(),
            draft
        );
        assert!(matches!(
            CaseStudyDraft::from_records(&client(), None, &[], list),
            Err(Error::Refused(_))
        ));
    }

    #[test]
    fn the_private_name_in_any_field_and_case_is_a_hit() {
        let mut draft = CaseStudyDraft {
            title: "Headaches".into(),
            discussion: "Afterwards ÓLAFUR said he felt lighter.".into(),
            evaluations: vec![SessionEvaluation {
                date: "2025-01-10".into(),
                text: "Reached by phone on 891 2345.".into(),
            }],
            ..CaseStudyDraft::default()
        };
        let hits = deidentification_hits(&draft, &client().draft);
        let places: Vec<(&str, &str)> = hits
            .iter()
            .map(|h| (h.field.as_str(), h.found.as_str()))
            .collect();
        assert_eq!(
            places,
            [
                ("evaluations.0.text", "the private contact"),
                ("discussion", "part of the private name")
            ]
        );
        assert!(hits[1].snippet.contains("ÓLAFUR"));
        draft.discussion = "Afterwards the client felt lighter.".into();
        draft.evaluations.clear();
        assert!(deidentification_hits(&draft, &client().draft).is_empty());
    }

    #[test]
    fn a_case_study_needs_a_title_and_real_dates() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let draft = CaseStudyDraft {
            title: "  Headaches ".into(),
            last_treatment_on: "2025-03-01".into(),
            ..CaseStudyDraft::default()
        };
        assert_eq!(draft.validated(today).unwrap().title, "Headaches");
        let untitled = CaseStudyDraft {
            title: String::new(),
            ..draft.clone()
        };
        assert!(matches!(
            untitled.validated(today),
            Err(Error::Invalid { field: "title", .. })
        ));
        let bad_date = CaseStudyDraft {
            evaluations: vec![SessionEvaluation {
                date: "yesterday".into(),
                text: String::new(),
            }],
            ..draft
        };
        assert!(matches!(
            bad_date.validated(today),
            Err(Error::Invalid {
                field: "evaluations",
                ..
            })
        ));
    }
}
