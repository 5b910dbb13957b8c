//! The `submissions` and `claims` tables: tracking forms, the minutes they claim, and their life.
//!
//! A claim takes minutes out of the pool for good, whatever becomes of its submission, so every
//! count of what is left subtracts the claims. Claims are few (a form lists tens of entries)
//! beside the entries (up to a hundred thousand), so each question is asked of the claims first
//! and reaches entries by id: the credit status stays one pass over the entries' index.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::claims::unclaimed_by_category;
use super::columns::{date_at, optional_date_at, read_row};
use crate::error::{Error, Result};
use crate::model::{
    clean_paid_by, iso, parse_date_for, CarriedForward, ClaimedCategory, ClaimedRow, Fee, FeeDraft,
    SubmissionDetail, SubmissionState, SubmissionSummary,
};
use crate::rules::{
    allocate_claim, check_claim, credit_status, format_date, ByCategory, Category, PoolEntry,
    RuleSet,
};

fn not_found(id: i64) -> Error {
    Error::NotFound(format!("Submission {id}"))
}

const SUMMARY: &str = "
    SELECT s.id, s.state, s.rule_set, s.credits, s.created_on, s.sent_on, s.fee_hundredths,
           s.fee_currency, s.paid_by, s.credited_on,
           COALESCE(SUM(CASE e.category WHEN 'A' THEN c.minutes END), 0),
           COALESCE(SUM(CASE e.category WHEN 'B' THEN c.minutes END), 0),
           COALESCE(SUM(CASE e.category WHEN 'C' THEN c.minutes END), 0),
           COUNT(c.entry_id)
    FROM submissions s
    LEFT JOIN claims c ON c.submission_id = s.id
    LEFT JOIN entries e ON e.id = c.entry_id";

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<SubmissionSummary> {
    read_row("submissions", row, 0, |row| {
        let fee = match (
            row.get::<_, Option<i64>>(6)?,
            row.get::<_, Option<String>>(7)?,
        ) {
            (Some(hundredths), Some(currency)) => Some(Fee::new(hundredths, &currency)),
            _ => None,
        };
        let claimed = ByCategory::new(row.get(10)?, row.get(11)?, row.get(12)?);
        Ok(SubmissionSummary {
            id: row.get(0)?,
            state: row.get(1)?,
            rule_set: row.get(2)?,
            credits: row.get(3)?,
            created_on: date_at(row, 4)?,
            sent_on: optional_date_at(row, 5)?,
            fee,
            paid_by: row.get(8)?,
            credited_on: optional_date_at(row, 9)?,
            claimed_total: claimed.total(),
            claimed,
            entry_count: row.get(13)?,
        })
    })
}

fn list(conn: &Connection) -> Result<Vec<SubmissionSummary>> {
    let mut stmt = conn.prepare_cached(&format!("{SUMMARY} GROUP BY s.id ORDER BY s.id DESC"))?;
    let rows = stmt
        .query_map([], summary_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn summary(conn: &Connection, id: i64) -> Result<SubmissionSummary> {
    conn.prepare_cached(&format!("{SUMMARY} WHERE s.id = ?1 GROUP BY s.id"))?
        .query_row([id], summary_from_row)
        .optional()?
        .ok_or_else(|| not_found(id))
}

fn activity_label(rules: &RuleSet, key: &str) -> String {
    rules
        .activity(key)
        .map(|a| a.label.clone())
        .unwrap_or_else(|_| key.to_owned())
}

fn detail(conn: &Connection, id: i64) -> Result<SubmissionDetail> {
    let summary = summary(conn, id)?;
    let rules = crate::rules::rule_set(&summary.rule_set)?;

    let mut rows_by_category: HashMap<Category, Vec<ClaimedRow>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.date, e.activity, e.category, e.format, e.minutes, e.days, e.provider,
                e.provider_credentials, e.counted_minutes, c.minutes,
                EXISTS (SELECT 1 FROM claims p
                        WHERE p.entry_id = c.entry_id AND p.submission_id < c.submission_id)
         FROM claims c JOIN entries e ON e.id = c.entry_id
         WHERE c.submission_id = ?1
         ORDER BY e.date, e.id",
    )?;
    let mut rows = stmt.query([id])?;
    while let Some(row) = rows.next()? {
        let (category, claimed) = read_row("entries", row, 0, |row| {
            let activity: String = row.get(2)?;
            let claimed = ClaimedRow {
                entry_id: row.get(0)?,
                date: date_at(row, 1)?,
                activity_label: activity_label(rules, &activity),
                activity,
                format: row.get(4)?,
                logged_minutes: row.get(5)?,
                days: row.get(6)?,
                provider: row.get(7)?,
                provider_credentials: row.get(8)?,
                counted_minutes: row.get(9)?,
                claimed_minutes: row.get(10)?,
                carried_in: row.get(11)?,
            };
            Ok((row.get::<_, Category>(3)?, claimed))
        })?;
        rows_by_category.entry(category).or_default().push(claimed);
    }
    let categories = Category::ALL
        .into_iter()
        .map(|category| {
            let rule = rules.category(category);
            let rows = rows_by_category.remove(&category).unwrap_or_default();
            ClaimedCategory {
                category,
                label: rule.label.clone(),
                minimum_minutes: rule.minimum_minutes,
                required_minutes: rule.minimum_minutes.saturating_mul(summary.credits),
                claimed_minutes: rows.iter().map(|r| r.claimed_minutes).sum(),
                rows,
            }
        })
        .collect();

    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.date, e.category, e.activity, e.provider,
                e.counted_minutes - (SELECT SUM(p.minutes) FROM claims p
                                     WHERE p.entry_id = e.id AND p.submission_id <= ?1) AS remaining
         FROM claims c JOIN entries e ON e.id = c.entry_id
         WHERE c.submission_id = ?1 AND remaining > 0
         ORDER BY e.category, e.date, e.id",
    )?;
    let carried_forward = stmt
        .query_map([id], |row| {
            read_row("entries", row, 0, |row| {
                let activity: String = row.get(3)?;
                Ok(CarriedForward {
                    entry_id: row.get(0)?,
                    date: date_at(row, 1)?,
                    category: row.get(2)?,
                    activity_label: activity_label(rules, &activity),
                    provider: row.get(4)?,
                    remaining_minutes: row.get(5)?,
                })
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    Ok(SubmissionDetail {
        program: rules.name().to_owned(),
        summary,
        categories,
        carried_forward,
    })
}

/// Entries with counted minutes not claimed yet, each with what is left of it.
fn pool(conn: &Connection) -> Result<Vec<PoolEntry>> {
    let mut stmt = conn.prepare(
        "SELECT e.id, e.category, e.date, e.counted_minutes - COALESCE(c.claimed, 0) AS unclaimed
         FROM entries e
         LEFT JOIN (SELECT entry_id, SUM(minutes) AS claimed FROM claims GROUP BY entry_id) c
                ON c.entry_id = e.id
         WHERE unclaimed > 0",
    )?;
    let pool = stmt
        .query_map([], |row| {
            read_row("entries", row, 0, |row| {
                Ok(PoolEntry {
                    id: row.get(0)?,
                    category: row.get(1)?,
                    date: date_at(row, 2)?,
                    minutes: row.get(3)?,
                })
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(pool)
}

/// Claims `credits` credits on a new draft submission; returns its id.
fn claim(conn: &Connection, rules: &RuleSet, credits: i64, today: NaiveDate) -> Result<i64> {
    let unclaimed = unclaimed_by_category(conn)?;
    // Checked before the pool is read: a refused claim costs one pass over an index.
    check_claim(rules, &credit_status(rules, unclaimed), credits)?;
    let claims = allocate_claim(rules, &pool(conn)?, credits)?;
    conn.execute(
        "INSERT INTO submissions (rule_set, credits, created_on, state) VALUES (?1, ?2, ?3, 'draft')",
        params![rules.id(), credits, iso(today)],
    )?;
    let id = conn.last_insert_rowid();
    let mut insert = conn.prepare_cached(
        "INSERT INTO claims (submission_id, entry_id, minutes) VALUES (?1, ?2, ?3)",
    )?;
    for c in &claims {
        insert.execute(params![id, c.entry_id, c.minutes])?;
    }
    Ok(id)
}

fn refuse_unless(summary: &SubmissionSummary, wanted: SubmissionState, action: &str) -> Result<()> {
    if summary.state == wanted {
        return Ok(());
    }
    let id = summary.id;
    let sent = summary.sent_on.map(format_date).unwrap_or_default();
    let credited = summary.credited_on.map(format_date).unwrap_or_default();
    Err(Error::Refused(match summary.state {
        SubmissionState::Draft => {
            format!("Submission {id} is a draft, not sent yet: it cannot be {action}.")
        }
        SubmissionState::Sent => {
            format!("Submission {id} was sent on {sent}: it cannot be {action}.")
        }
        SubmissionState::Credited => {
            format!("Submission {id} was credited on {credited}: it cannot be {action}.")
        }
    }))
}

/// A date typed for `field`: not after `today`, not before `earliest` (`what` says why).
fn checked_date(
    field: &'static str,
    text: &str,
    today: NaiveDate,
    earliest: NaiveDate,
    what: &str,
) -> Result<NaiveDate> {
    let date = parse_date_for(field, text, today)?;
    if date > today {
        return Err(Error::invalid(field, "The date is in the future."));
    }
    if date < earliest {
        return Err(Error::invalid(
            field,
            format!(
                "{what} on {}; pick that day or a later one.",
                format_date(earliest)
            ),
        ));
    }
    Ok(date)
}

impl super::Store {
    /// Claims `credits` credits on a new draft submission, in one transaction, and returns it.
    /// The minutes are chosen by [`allocate_claim`]. With fewer credits available, nothing
    /// changes: `Refused` when none are, a field error on `credits` otherwise.
    pub fn claim_credits(&mut self, credits: i64, today: NaiveDate) -> Result<SubmissionDetail> {
        self.claim_credits_then(credits, today, |_, _| Ok(()))
    }

    /// Claims as [`Store::claim_credits`] does, and runs `then` before the claim is committed,
    /// with the store as it will be (the new draft readable): the claim is kept only if `then`
    /// succeeds. This is how a claim and its tracking form are written together or not at all.
    pub fn claim_credits_then(
        &mut self,
        credits: i64,
        today: NaiveDate,
        then: impl FnOnce(&super::Store, &SubmissionDetail) -> Result<()>,
    ) -> Result<SubmissionDetail> {
        let rules = crate::rules::default_rule_set()?;
        // `with_tx` lends the transaction alone; `then` needs the whole store to read it.
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )?;
        let id = claim(&tx, rules, credits, today)?;
        let made = detail(&tx, id)?;
        then(self, &made)?;
        tx.commit()?;
        Ok(made)
    }

    /// Every submission, newest first, with its state and totals.
    pub fn submissions(&self) -> Result<Vec<SubmissionSummary>> {
        list(&self.conn)
    }

    /// One submission with everything its tracking form prints.
    pub fn submission(&self, id: i64) -> Result<SubmissionDetail> {
        detail(&self.conn, id)
    }

    /// Records that a draft was sent: the day (`sent_on`, not before it was created nor after
    /// `today`), the processing fee and how it was paid. Its entries are locked from now on.
    pub fn mark_sent(
        &mut self,
        id: i64,
        sent_on: &str,
        fee: &FeeDraft,
        paid_by: &str,
        today: NaiveDate,
    ) -> Result<SubmissionSummary> {
        self.with_tx(|tx| {
            let before = summary(tx, id)?;
            refuse_unless(&before, SubmissionState::Draft, "marked sent again")?;
            let what = format!("Submission {id} was created");
            let sent_on = checked_date("sent_on", sent_on, today, before.created_on, &what)?;
            let fee = fee.validated()?;
            let paid_by = clean_paid_by(paid_by)?;
            tx.execute(
                "UPDATE submissions SET state = 'sent', sent_on = ?2, fee_hundredths = ?3,
                        fee_currency = ?4, paid_by = ?5
                 WHERE id = ?1",
                params![id, iso(sent_on), fee.hundredths, fee.currency, paid_by],
            )?;
            summary(tx, id)
        })
    }

    /// Records that the program credited a sent submission on `credited_on` (not before it was
    /// sent nor after `today`).
    pub fn mark_credited(
        &mut self,
        id: i64,
        credited_on: &str,
        today: NaiveDate,
    ) -> Result<SubmissionSummary> {
        self.with_tx(|tx| {
            let before = summary(tx, id)?;
            refuse_unless(&before, SubmissionState::Sent, "marked credited")?;
            let sent_on = before.sent_on.unwrap_or(before.created_on);
            let what = format!("Submission {id} was sent");
            let credited_on = checked_date("credited_on", credited_on, today, sent_on, &what)?;
            tx.execute(
                "UPDATE submissions SET state = 'credited', credited_on = ?2 WHERE id = ?1",
                params![id, iso(credited_on)],
            )?;
            summary(tx, id)
        })
    }

    /// Takes a sent or credited submission back to a draft, unlocking its entries for a change
    /// the window has had the therapist confirm. The days sent and credited are cleared; the
    /// fee and how it was paid are kept, as facts of a payment made.
    pub fn reopen_submission(&mut self, id: i64) -> Result<SubmissionSummary> {
        self.with_tx(|tx| {
            let before = summary(tx, id)?;
            if before.state == SubmissionState::Draft {
                return Err(Error::Refused(format!(
                    "Submission {id} is a draft already; there is nothing to reopen."
                )));
            }
            tx.execute(
                "UPDATE submissions SET state = 'draft', sent_on = NULL, credited_on = NULL
                 WHERE id = ?1",
                [id],
            )?;
            summary(tx, id)
        })
    }

    /// Discards a draft: deletes it, its claims and its attachments' rows, returning its minutes
    /// to the pool. Returns it as it was. A sent or credited submission is refused.
    pub fn discard_submission(&mut self, id: i64) -> Result<SubmissionSummary> {
        self.with_tx(|tx| {
            let before = summary(tx, id)?;
            refuse_unless(
                &before,
                SubmissionState::Draft,
                "discarded; reopen it first",
            )?;
            tx.execute(
                "DELETE FROM attachments WHERE owner_kind = 'submission' AND owner_id = ?1",
                [id],
            )?;
            tx.execute("DELETE FROM claims WHERE submission_id = ?1", [id])?;
            tx.execute("DELETE FROM submissions WHERE id = ?1", [id])?;
            Ok(before)
        })
    }
}

#[cfg(test)]
mod tests;
