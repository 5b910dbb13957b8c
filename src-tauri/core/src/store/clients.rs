//! The `clients` table: who the therapist treats, under a code.
//!
//! The code is unique ignoring case, in any script; consent to treatment may not move after a
//! recorded session. Intake, clearances and sessions go with their client; a client with case
//! studies is not deleted.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::columns::read_row;
use super::rows::save_row;
use crate::error::{Error, Result};
use crate::model::{Client, ClientDraft};

const CLIENT_COLUMNS: &str = "id, code, private_name, private_contact, birth_year, gender, \
                              consent_treatment_on, consent_portfolio_on";

fn client_from_row(row: &Row<'_>) -> rusqlite::Result<Client> {
    read_row("clients", row, 0, |row| {
        let portfolio: Option<String> = row.get(7)?;
        Ok(Client {
            id: row.get(0)?,
            portfolio_consent: portfolio.is_some(),
            draft: ClientDraft {
                code: row.get(1)?,
                private_name: row.get(2)?,
                private_contact: row.get(3)?,
                birth_year: row.get(4)?,
                gender: row.get(5)?,
                consent_treatment_on: row.get(6)?,
                consent_portfolio_on: portfolio.unwrap_or_default(),
            },
        })
    })
}

pub(crate) fn get_client(conn: &Connection, id: i64) -> Result<Client> {
    conn.prepare_cached(&format!(
        "SELECT {CLIENT_COLUMNS} FROM clients WHERE id = ?1"
    ))?
    .query_row([id], client_from_row)
    .optional()?
    .ok_or_else(|| Error::NotFound("That client".into()))
}

pub(crate) fn all_clients(conn: &Connection) -> Result<Vec<Client>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CLIENT_COLUMNS} FROM clients ORDER BY code COLLATE NOCASE, id"
    ))?;
    let rows = stmt
        .query_map([], client_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn put_client(conn: &Connection, id: Option<i64>, c: &ClientDraft) -> Result<Client> {
    let taken: Option<i64> = conn
        .query_row(
            "SELECT id FROM clients WHERE casefold(code) = casefold(?1) AND id IS NOT ?2",
            params![c.code, id],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(Error::invalid(
            "code",
            format!(
                "Another client already has the code {}; choose another.",
                c.code
            ),
        ));
    }
    let portfolio = (!c.consent_portfolio_on.is_empty()).then_some(&c.consent_portfolio_on);
    let values = params![
        c.code,
        c.private_name,
        c.private_contact,
        c.birth_year,
        c.gender,
        c.consent_treatment_on,
        portfolio,
    ];
    if let Some(id) = id {
        let earliest: Option<String> = conn.query_row(
            "SELECT MIN(date) FROM sessions WHERE client_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if let Some(earliest) = earliest.filter(|e| *e < c.consent_treatment_on) {
            return Err(Error::invalid(
                "consent_treatment_on",
                format!(
                    "A session on {earliest} is before this date; consent to treatment comes \
                     before treatment."
                ),
            ));
        }
    }
    let id = save_row(
        conn,
        id,
        "INSERT INTO clients (code, private_name, private_contact, birth_year, gender,
                                      consent_treatment_on, consent_portfolio_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        "UPDATE clients SET code = ?1, private_name = ?2, private_contact = ?3,
                        birth_year = ?4, gender = ?5, consent_treatment_on = ?6,
                        consent_portfolio_on = ?7
                 WHERE id = ?8",
        values,
        |_| Error::NotFound("That client".into()),
    )?;
    get_client(conn, id)
}

impl super::Store {
    /// One client.
    pub fn client(&self, id: i64) -> Result<Client> {
        get_client(&self.conn, id)
    }

    /// Validates and adds (`id` None) or changes a client. The code must be unique (ignoring
    /// case, in any script); consent to treatment may not move after a recorded session.
    pub fn save_client(
        &mut self,
        id: Option<i64>,
        draft: &ClientDraft,
        today: NaiveDate,
    ) -> Result<Client> {
        let draft = draft.validated(today)?;
        self.with_tx(|tx| put_client(tx, id, &draft))
    }

    /// Deletes a client with their intake, clearances and sessions. Refused while case studies
    /// about them exist: those are deleted first, on purpose.
    pub fn delete_client(&mut self, id: i64) -> Result<Client> {
        self.with_tx(|tx| {
            let client = get_client(tx, id)?;
            let written: i64 = tx.query_row(
                "SELECT COUNT(*) FROM case_studies WHERE client_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            if written > 0 {
                return Err(Error::Refused(format!(
                    "{} has {written} case {}; delete {} first.",
                    client.draft.code,
                    if written == 1 { "study" } else { "studies" },
                    if written == 1 { "it" } else { "them" },
                )));
            }
            tx.execute("DELETE FROM clients WHERE id = ?1", [id])?;
            Ok(client)
        })
    }
}
