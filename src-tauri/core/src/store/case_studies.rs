//! The `case_studies` table: write-ups drafted from a client's sessions, each read back with what
//! is missing and where its text names the client.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::clients::get_client;
use super::columns::read_row;
use super::intakes::get_intake;
use super::rows::{save_row, take_row};
use super::sessions::sessions_of;
use crate::clinical::techniques;
use crate::clinical::Hit;
use crate::error::{Error, Result};
use crate::model::{deidentification_hits, CaseStudy, CaseStudyDraft, Client, SessionEvaluation};

const COLUMNS: &str = "k.id, k.client_id, k.title, k.last_treatment_on, k.client_age, \
                       k.client_gender, k.symptoms, k.evaluations, k.findings, k.techniques, \
                       k.treatment_count, k.outcome, k.discussion, k.updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<(i64, CaseStudyDraft, String)> {
    read_row("case_studies", row, 0, |row| {
        let evaluations: String = row.get(7)?;
        let evaluations: Vec<SessionEvaluation> =
            serde_json::from_str(&evaluations).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    7,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?;
        Ok((
            row.get(0)?,
            CaseStudyDraft {
                client_id: row.get(1)?,
                title: row.get(2)?,
                last_treatment_on: row.get(3)?,
                client_age: row.get(4)?,
                client_gender: row.get(5)?,
                symptoms: row.get(6)?,
                evaluations,
                findings: row.get(8)?,
                techniques: row.get(9)?,
                treatment_count: row.get(10)?,
                outcome: row.get(11)?,
                discussion: row.get(12)?,
            },
            row.get(13)?,
        ))
    })
}

/// A case study as read, with where it names its client unless `hits` is false (for callers
/// that search it themselves, or only count).
fn read(
    client: &Client,
    id: i64,
    draft: CaseStudyDraft,
    updated_at: String,
    hits: bool,
) -> CaseStudy {
    CaseStudy {
        id,
        client_code: client.draft.code.clone(),
        missing: draft.missing(),
        portfolio_consent: client.portfolio_consent,
        hits: if hits {
            deidentification_hits(&draft, &client.draft)
        } else {
            Vec::new()
        },
        draft,
        updated_at,
    }
}

/// Every case study, oldest last treatment first; `hits`: with where each names its client.
pub(super) fn all(conn: &Connection, hits: bool) -> Result<Vec<CaseStudy>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM case_studies k ORDER BY k.last_treatment_on, k.id"
    ))?;
    let rows: Vec<(i64, CaseStudyDraft, String)> = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let clients = super::clients::all_clients(conn)?;
    rows.into_iter()
        .map(|(id, draft, updated_at)| {
            let client = clients
                .iter()
                .find(|c| c.id == draft.client_id)
                .ok_or_else(|| Error::NotFound(format!("The client of case study {id}")))?;
            Ok(read(client, id, draft, updated_at, hits))
        })
        .collect()
}

pub(super) fn get(conn: &Connection, id: i64) -> Result<CaseStudy> {
    let (id, draft, updated_at) = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM case_studies k WHERE k.id = ?1"
        ))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Case study {id}")))?;
    let client = get_client(conn, draft.client_id)?;
    Ok(read(&client, id, draft, updated_at, true))
}

/// Finished case studies of consenting clients, and all the others.
pub(super) fn finished_counts(conn: &Connection) -> Result<(u32, u32)> {
    let (mut finished, mut other) = (0, 0);
    for case in all(conn, false)? {
        if case.portfolio_consent && case.missing.is_empty() {
            finished += 1;
        } else {
            other += 1;
        }
    }
    Ok((finished, other))
}

/// The client of a case study, who must consent to portfolio use.
fn consenting_client(conn: &Connection, client_id: i64) -> Result<Client> {
    let client = get_client(conn, client_id).map_err(|e| match e {
        Error::NotFound(_) => {
            Error::invalid("client_id", "Choose the client this case study is about.")
        }
        other => other,
    })?;
    if !client.portfolio_consent {
        return Err(Error::invalid(
            "client_id",
            format!(
                "{} has not consented to de-identified use in a portfolio; record the date of \
                 their consent first.",
                client.draft.code
            ),
        ));
    }
    Ok(client)
}

pub(super) fn put(conn: &Connection, id: Option<i64>, c: &CaseStudyDraft) -> Result<CaseStudy> {
    consenting_client(conn, c.client_id)?;
    let evaluations = serde_json::to_string(&c.evaluations).map_err(std::io::Error::other)?;
    let values = params![
        c.client_id,
        c.title,
        c.last_treatment_on,
        c.client_age,
        c.client_gender,
        c.symptoms,
        evaluations,
        c.findings,
        c.techniques,
        c.treatment_count,
        c.outcome,
        c.discussion,
    ];
    let id = save_row(
        conn,
        id,
        "INSERT INTO case_studies (client_id, title, last_treatment_on, client_age,
                        client_gender, symptoms, evaluations, findings, techniques,
                        treatment_count, outcome, discussion, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
                         strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
        "UPDATE case_studies SET client_id = ?1, title = ?2, last_treatment_on = ?3,
                        client_age = ?4, client_gender = ?5, symptoms = ?6, evaluations = ?7,
                        findings = ?8, techniques = ?9, treatment_count = ?10, outcome = ?11,
                        discussion = ?12, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE id = ?13",
        values,
        |id| Error::NotFound(format!("Case study {id}")),
    )?;
    get(conn, id)
}

impl super::Store {
    /// Every case study, oldest last treatment first, each with what is missing, whether its
    /// client still consents, and where its text names the client.
    pub fn case_studies(&self) -> Result<Vec<CaseStudy>> {
        all(&self.conn, true)
    }

    /// Every case study without its hits, for the export, which searches them for every client.
    pub(crate) fn case_studies_to_search(&self) -> Result<Vec<CaseStudy>> {
        all(&self.conn, false)
    }

    /// One case study.
    pub fn case_study(&self, id: i64) -> Result<CaseStudy> {
        get(&self.conn, id)
    }

    /// A first draft of a case study about a client, from their intake and sessions (not saved).
    /// Refused for a client without consent to portfolio use, or without sessions.
    pub fn draft_case_study(&self, client_id: i64) -> Result<CaseStudyDraft> {
        let client = consenting_client(&self.conn, client_id)?;
        let intake = get_intake(&self.conn, client_id)?;
        let sessions = sessions_of(&self.conn, client_id)?;
        CaseStudyDraft::from_records(
            &client,
            intake.as_ref().map(|i| &i.draft),
            &sessions,
            techniques()?,
        )
    }

    /// Where a case study being edited names its client (for showing while typing).
    pub fn check_case_study(&self, draft: &CaseStudyDraft) -> Result<Vec<Hit>> {
        let client = get_client(&self.conn, draft.client_id)?;
        Ok(deidentification_hits(draft, &client.draft))
    }

    /// Validates and adds (`id` None) or changes a case study. Its client must consent to
    /// portfolio use (field `client_id`). A case study that names its client is saved (the
    /// therapist is still writing) but cannot be exported: see [`CaseStudy::hits`].
    pub fn save_case_study(
        &mut self,
        id: Option<i64>,
        draft: &CaseStudyDraft,
        today: NaiveDate,
    ) -> Result<CaseStudy> {
        let draft = draft.validated(today)?;
        self.with_tx(|tx| put(tx, id, &draft))
    }

    /// Deletes a case study; returns it as it was.
    pub fn delete_case_study(&mut self, id: i64) -> Result<CaseStudy> {
        self.with_tx(|tx| take_row(tx, "case_studies", id, get))
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::clinical::ScreenAnswer;
    use crate::error::Error;
    use crate::model::{ClientDraft, IntakeDraft, SessionDraft};
    use crate::store::Store;
    use crate::testing::screen_answers;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    fn store_with_client(consent: &str) -> (Store, i64) {
        let mut store = Store::open_in_memory().unwrap();
        let client = store
            .save_client(
                None,
                &ClientDraft {
                    code: "C-003".into(),
                    private_name: "Олена Коваленко".into(),
                    private_contact: "olena.k@example.ua".into(),
                    birth_year: Some(1990),
                    gender: "female".into(),
                    consent_treatment_on: "2025-01-10".into(),
                    consent_portfolio_on: consent.into(),
                },
                today(),
            )
            .unwrap();
        store
            .save_intake(
                client.id,
                &IntakeDraft {
                    taken_on: "2025-01-10".into(),
                    complaint: "Migraines".into(),
                    answers: screen_answers(ScreenAnswer::No),
                    ..IntakeDraft::default()
                },
                today(),
            )
            .unwrap();
        for (date, before, after) in [("2025-01-10", 8, 6), ("2025-02-10", 5, 2)] {
            store
                .save_session(
                    None,
                    &SessionDraft {
                        client_id: client.id,
                        date: date.into(),
                        minutes: 60,
                        subjective: "Олена каже, що спить краще.".into(),
                        objective: "Tight suboccipital tissue.".into(),
                        assessment: "Rhythm more even.".into(),
                        techniques: vec!["still_point".into()],
                        scale_before: Some(before),
                        scale_after: Some(after),
                        ..SessionDraft::default()
                    },
                    today(),
                )
                .unwrap();
        }
        (store, client.id)
    }

    #[test]
    fn a_case_study_is_drafted_saved_and_read_back_with_its_hits() {
        let (mut store, client) = store_with_client("2025-01-10");
        let mut draft = store.draft_case_study(client).unwrap();
        assert_eq!(draft.treatment_count, 2);
        assert_eq!(draft.client_age, Some(35));
        draft.discussion = "ОЛЕНУ лікували за протоколом.".into();
        let saved = store.save_case_study(None, &draft, today()).unwrap();
        assert_eq!(saved.client_code, "C-003");
        assert!(saved.missing.is_empty(), "{:?}", saved.missing);
        assert_eq!(saved.hits.len(), 1);
        assert_eq!(saved.hits[0].field, "discussion");
        assert_eq!(store.check_case_study(&draft).unwrap(), saved.hits);
        assert_eq!(
            store.readiness().unwrap()[1].items[3].detail,
            "1 of 5 finished."
        );

        draft.discussion = "The client was treated with the protocol.".into();
        let fixed = store
            .save_case_study(Some(saved.id), &draft, today())
            .unwrap();
        assert!(fixed.hits.is_empty());
        assert_eq!(store.case_studies().unwrap(), std::slice::from_ref(&fixed));
        store.delete_case_study(fixed.id).unwrap();
        assert!(store.case_studies().unwrap().is_empty());
    }

    #[test]
    fn without_portfolio_consent_there_is_no_case_study() {
        let (mut store, client) = store_with_client("");
        assert!(matches!(
            store.draft_case_study(client),
            Err(Error::Invalid {
                field: "client_id",
                ..
            })
        ));
        let (other, consenting) = store_with_client("2025-01-10");
        let draft = other.draft_case_study(consenting).unwrap();
        let refused = store.save_case_study(None, &draft, today());
        assert!(matches!(
            refused,
            Err(Error::Invalid {
                field: "client_id",
                ..
            })
        ));
        assert!(store.case_studies().unwrap().is_empty());
    }
}
