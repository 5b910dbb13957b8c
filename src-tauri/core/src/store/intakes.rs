//! The `intakes` and `screen_answers` tables: a client's intake and their answers to the
//! contraindication screen, assessed against the screen they were answered to.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::clients::get_client;
use super::columns::unreadable;
use crate::clinical::{intake_screen, screen, ItemAnswer, ScreenAnswer};
use crate::error::{Error, Result};
use crate::model::{Intake, IntakeDraft};

pub(crate) fn get_intake(conn: &Connection, client_id: i64) -> Result<Option<Intake>> {
    let row = conn
        .prepare_cached(
            "SELECT taken_on, screen, complaint, history, medications, answers_preset FROM intakes
             WHERE client_id = ?1",
        )?
        .query_row([client_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, bool>(5)?,
            ))
        })
        .optional()?;
    let Some((taken_on, screen_id, complaint, history, medications, preset)) = row else {
        return Ok(None);
    };
    let mut stmt =
        conn.prepare_cached("SELECT item, answer FROM screen_answers WHERE client_id = ?1")?;
    let given: Vec<ItemAnswer> = stmt
        .query_map([client_id], |r| {
            let answer = r
                .get(1)
                .map_err(|e| unreadable("screen_answers", format!("of client {client_id}"), e))?;
            Ok(ItemAnswer {
                item: r.get(0)?,
                answer,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let screen = screen(&screen_id)?;
    // In the screen's order; answers to items the screen no longer has are kept at the end.
    let mut answers: Vec<ItemAnswer> = screen
        .items()
        .iter()
        .filter_map(|item| given.iter().find(|a| a.item == item.key).cloned())
        .collect();
    answers.extend(
        given
            .iter()
            .filter(|a| screen.item(&a.item).is_none())
            .cloned(),
    );
    let result = if preset {
        // Saved by the old form, which preset every answer to "no": those are not answers the
        // form offers again. The therapist answers them, and saving clears the mark.
        answers.retain(|a| a.answer != ScreenAnswer::No);
        screen.assess_preset(&answers)
    } else {
        screen.assess(&answers)
    };
    Ok(Some(Intake {
        client_id,
        screen: screen_id,
        draft: IntakeDraft {
            taken_on,
            complaint,
            history,
            medications,
            answers,
        },
        result,
    }))
}

pub(crate) fn put_intake(
    conn: &Connection,
    client_id: i64,
    screen_id: &str,
    i: &IntakeDraft,
) -> Result<()> {
    conn.execute(
        "INSERT INTO intakes (client_id, taken_on, screen, complaint, history, medications,
                              answers_preset)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)
         ON CONFLICT (client_id) DO UPDATE SET
           taken_on = excluded.taken_on, screen = excluded.screen, complaint = excluded.complaint,
           history = excluded.history, medications = excluded.medications, answers_preset = 0",
        params![
            client_id,
            i.taken_on,
            screen_id,
            i.complaint,
            i.history,
            i.medications
        ],
    )?;
    conn.execute(
        "DELETE FROM screen_answers WHERE client_id = ?1",
        [client_id],
    )?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO screen_answers (client_id, item, answer) VALUES (?1, ?2, ?3)",
    )?;
    for a in &i.answers {
        insert.execute(params![client_id, a.item, a.answer])?;
    }
    Ok(())
}

impl super::Store {
    /// Validates the intake against the current screen and saves it (replacing an earlier one).
    pub fn save_intake(
        &mut self,
        client_id: i64,
        draft: &IntakeDraft,
        today: NaiveDate,
    ) -> Result<Intake> {
        let screen = intake_screen()?;
        let draft = draft.validated(screen, today)?;
        self.with_tx(|tx| {
            get_client(tx, client_id)?;
            put_intake(tx, client_id, screen.id(), &draft)?;
            get_intake(tx, client_id)?.ok_or_else(|| Error::NotFound("That intake".into()))
        })
    }
}
