//! The `entries` table: mentorship hours as logged, with what the rules count of them.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::claims::{claim_facts, refuse_if_claimed, unclaimed_by_category};
use super::columns::read_row;
use super::rows::take_row;
use crate::error::{Error, Result};
use crate::model::{
    iso, read_iso, Attachment, DeletedEntry, Entry, EntryDraft, EntryPage, EntryQuery, EntrySort,
    Owner, ValidEntry,
};
use crate::rules::{CountReason, EntryFacts, Format, RuleSet};

const COLUMNS: &str = "id, date, activity, category, format, minutes, days, mentor_id, provider, \
                       provider_credentials, certified_mentor, endorsed, notes, counted_minutes, reasons";

fn from_row(rules: &RuleSet, row: &Row<'_>) -> rusqlite::Result<Entry> {
    read_row("entries", row, 0, |row| {
        let activity: String = row.get(2)?;
        let reasons: String = row.get(14)?;
        let reasons: Vec<CountReason> = serde_json::from_str(&reasons).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(14, rusqlite::types::Type::Text, Box::new(e))
        })?;
        let minutes: Option<i64> = row.get(5)?;
        Ok(Entry {
            id: row.get(0)?,
            category: row.get(3)?,
            activity_label: rules
                .activity(&activity)
                .map(|a| a.label.clone())
                .unwrap_or_else(|_| activity.clone()),
            logged_minutes: minutes,
            counted_minutes: row.get(13)?,
            reasons: reasons.iter().map(CountReason::message).collect(),
            draft: EntryDraft {
                date: row.get(1)?,
                activity,
                format: Some(row.get(4)?),
                hours: minutes
                    .map(|m| format!("{}:{:02}", m / 60, m % 60))
                    .unwrap_or_default(),
                days: row.get(6)?,
                mentor_id: row.get(7)?,
                provider: row.get(8)?,
                provider_credentials: row.get(9)?,
                certified_mentor: row.get(10)?,
                endorsed: row.get(11)?,
                notes: row.get(12)?,
            },
            // Filled in by `with_claims`, from the claims table.
            claimed_minutes: 0,
            locked_by: None,
        })
    })
}

/// Fills in what submissions claim of each entry and which one locks it: one query over the
/// claims of these entries (of all entries for a long list, which reads the claims once).
fn with_claims(conn: &Connection, mut rows: Vec<Entry>) -> Result<Vec<Entry>> {
    let ids: Vec<i64> = rows.iter().map(|e| e.id).collect();
    let mut facts = claim_facts(conn, (ids.len() <= 500).then_some(&ids[..]))?;
    for entry in &mut rows {
        if let Some((claimed, lock)) = facts.remove(&entry.id) {
            entry.claimed_minutes = claimed;
            entry.locked_by = lock;
        }
    }
    Ok(rows)
}

fn values(e: &ValidEntry) -> Result<[Value; 14]> {
    let reasons = serde_json::to_string(&e.counted.reasons).map_err(std::io::Error::other)?;
    Ok([
        Value::Text(iso(e.date)),
        Value::Text(e.activity.clone()),
        Value::Text(e.category.letter().to_owned()),
        Value::Text(e.format.key().to_owned()),
        e.minutes.map_or(Value::Null, Value::Integer),
        e.days.map_or(Value::Null, |d| Value::Integer(i64::from(d))),
        e.mentor_id.map_or(Value::Null, Value::Integer),
        Value::Text(e.provider.clone()),
        Value::Text(e.provider_credentials.clone()),
        Value::Integer(i64::from(e.certified_mentor)),
        Value::Integer(i64::from(e.endorsed)),
        Value::Text(e.notes.clone()),
        Value::Integer(e.counted.minutes),
        Value::Text(reasons),
    ])
}

fn check_mentor(conn: &Connection, e: &ValidEntry) -> Result<()> {
    if let Some(id) = e.mentor_id {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM mentors WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Error::invalid(
                "provider",
                "That mentor is no longer in the directory; choose another.",
            ));
        }
    }
    Ok(())
}

pub(super) fn insert(conn: &Connection, e: &ValidEntry) -> Result<i64> {
    check_mentor(conn, e)?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO entries (date, activity, category, format, minutes, days, mentor_id, provider,
                              provider_credentials, certified_mentor, endorsed, notes, counted_minutes, reasons)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    stmt.execute(rusqlite::params_from_iter(values(e)?))?;
    Ok(conn.last_insert_rowid())
}

pub(super) fn update(conn: &Connection, id: i64, e: &ValidEntry) -> Result<()> {
    check_mentor(conn, e)?;
    let mut all = values(e)?.to_vec();
    all.push(Value::Integer(id));
    let changed = conn.execute(
        "UPDATE entries SET date = ?1, activity = ?2, category = ?3, format = ?4, minutes = ?5, days = ?6,
                mentor_id = ?7, provider = ?8, provider_credentials = ?9, certified_mentor = ?10,
                endorsed = ?11, notes = ?12, counted_minutes = ?13, reasons = ?14
         WHERE id = ?15",
        rusqlite::params_from_iter(all),
    )?;
    if changed == 0 {
        return Err(Error::NotFound("That entry".into()));
    }
    Ok(())
}

pub(super) fn get(conn: &Connection, rules: &RuleSet, id: i64) -> Result<Entry> {
    let entry = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM entries WHERE id = ?1"),
            [id],
            |r| from_row(rules, r),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound("That entry".into()))?;
    with_claims(conn, vec![entry])?
        .pop()
        .ok_or_else(|| Error::NotFound("That entry".into()))
}

pub(super) fn delete(conn: &Connection, rules: &RuleSet, id: i64) -> Result<Entry> {
    take_row(conn, "entries", id, |conn, id| {
        let entry = get(conn, rules, id)?;
        refuse_if_claimed(conn, id)?;
        Ok(entry)
    })
}

/// Counts every entry again with `rules`: for a database whose counts were made with other rules.
/// Returns how many entries now count differently.
pub(super) fn recount(conn: &Connection, rules: &RuleSet) -> Result<usize> {
    let mut changed = 0;
    let mut read = conn.prepare(
        "SELECT id, date, activity, format, minutes, days, provider_credentials, certified_mentor,
                endorsed, counted_minutes, reasons FROM entries",
    )?;
    let mut write =
        conn.prepare("UPDATE entries SET counted_minutes = ?2, reasons = ?3 WHERE id = ?1")?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let activity: String = row.get(2)?;
        let days: Option<u32> = row.get(5)?;
        let minutes: Option<i64> = row.get(4)?;
        let counted = match rules.activity(&activity) {
            Ok(rule) => {
                let logged = rule.counting.logged_minutes(minutes, days);
                let date: String = row.get(1)?;
                let facts = EntryFacts {
                    date: read_iso(&date).ok_or_else(|| {
                        Error::Refused(format!("An entry has an impossible date, {date}."))
                    })?,
                    activity,
                    format: row.get(3)?,
                    minutes: logged,
                    days,
                    provider_credentials: row.get(6)?,
                    certified_mentor: row.get(7)?,
                    endorsed: row.get(8)?,
                };
                crate::rules::count_entry(rules, &facts)?
            }
            // An activity these rules do not know counts nothing; it stays as logged.
            Err(_) => crate::rules::Counted {
                minutes: 0,
                reasons: Vec::new(),
            },
        };
        let reasons = serde_json::to_string(&counted.reasons).map_err(std::io::Error::other)?;
        let (old_minutes, old_reasons): (i64, String) = (row.get(9)?, row.get(10)?);
        if old_minutes != counted.minutes || old_reasons != reasons {
            write.execute(params![row.get::<_, i64>(0)?, counted.minutes, reasons])?;
            changed += 1;
        }
    }
    Ok(changed)
}

fn query(conn: &Connection, rules: &RuleSet, q: &EntryQuery) -> Result<EntryPage> {
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    // Each argument gets its own numbered placeholder, `?N`.
    let mut arg = |value: String| {
        args.push(Value::Text(value));
        format!("?{}", args.len())
    };
    if let Some(category) = q.category {
        clauses.push(format!("category = {}", arg(category.letter().into())));
    }
    if let Some(activity) = q.activity.as_ref().filter(|a| !a.is_empty()) {
        clauses.push(format!("activity = {}", arg(activity.clone())));
    }
    if let Some(from) = q.from.as_ref().filter(|d| !d.is_empty()) {
        clauses.push(format!("date >= {}", arg(from.clone())));
    }
    if let Some(to) = q.to.as_ref().filter(|d| !d.is_empty()) {
        clauses.push(format!("date <= {}", arg(to.clone())));
    }
    if let Some(provider) = q.provider.as_ref().filter(|p| !p.trim().is_empty()) {
        clauses.push(format!(
            "instr(casefold(provider), casefold({})) > 0",
            arg(provider.trim().into())
        ));
    }
    for word in q.search.split_whitespace() {
        let p = arg(word.into());
        clauses.push(format!(
            "(instr(casefold(provider), casefold({p})) > 0 OR instr(casefold(provider_credentials), casefold({p})) > 0 \
              OR instr(casefold(activity), casefold({p})) > 0 OR instr(casefold(notes), casefold({p})) > 0)"
        ));
    }
    if q.counted_less {
        clauses.push("reasons <> '[]'".into());
    }
    let sql_where = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };
    let order = match q.sort {
        EntrySort::DateDesc => "date DESC, id DESC",
        EntrySort::DateAsc => "date, id",
        EntrySort::Category => "category, date DESC, id DESC",
        EntrySort::Activity => "activity, date DESC, id DESC",
        EntrySort::Provider => "provider COLLATE NOCASE, date DESC, id DESC",
        EntrySort::LoggedDesc => "COALESCE(minutes, counted_minutes) DESC, date DESC, id DESC",
        EntrySort::CountedDesc => "counted_minutes DESC, date DESC, id DESC",
    };
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM entries{sql_where}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let limit = q.limit.clamp(1, 500);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM entries{sql_where} ORDER BY {order} LIMIT {limit} OFFSET {}",
        q.offset
    ))?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            from_row(rules, r)
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(EntryPage {
        total,
        rows: with_claims(conn, rows)?,
    })
}

fn all(conn: &Connection, rules: &RuleSet) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM entries ORDER BY date, id"))?;
    let rows = stmt
        .query_map([], |r| from_row(rules, r))?
        .collect::<rusqlite::Result<_>>()?;
    with_claims(conn, rows)
}

/// The entries linked to a mentor of the directory, newest first (by date, then latest logged).
pub(crate) fn entries_of_mentor(
    conn: &Connection,
    rules: &RuleSet,
    mentor_id: i64,
) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM entries WHERE mentor_id = ?1 ORDER BY date DESC, id DESC"
    ))?;
    let rows = stmt
        .query_map([mentor_id], |r| from_row(rules, r))?
        .collect::<rusqlite::Result<_>>()?;
    with_claims(conn, rows)
}

/// The ten fields a CSV row holds, as stored: two entries with equal records are the same
/// entry logged twice.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Record {
    date: String,
    activity: String,
    format: &'static str,
    minutes: Option<i64>,
    days: Option<i64>,
    provider: String,
    provider_credentials: String,
    certified_mentor: bool,
    endorsed: bool,
    notes: String,
}

impl Record {
    fn of(e: &ValidEntry) -> Record {
        Record {
            date: iso(e.date),
            activity: e.activity.clone(),
            format: e.format.key(),
            minutes: e.minutes,
            days: e.days.map(i64::from),
            provider: e.provider.clone(),
            provider_credentials: e.provider_credentials.clone(),
            certified_mentor: e.certified_mentor,
            endorsed: e.endorsed,
            notes: e.notes.clone(),
        }
    }
}

/// How many stored entries have each record, read in one pass.
fn stored_records(conn: &Connection) -> Result<HashMap<Record, usize>> {
    let mut stmt = conn.prepare(
        "SELECT date, activity, format, minutes, days, provider, provider_credentials,
                certified_mentor, endorsed, notes, id
         FROM entries",
    )?;
    let mut rows = stmt.query([])?;
    let mut records = HashMap::new();
    while let Some(row) = rows.next()? {
        let record = read_row("entries", row, 10, |row| {
            Ok(Record {
                date: row.get(0)?,
                activity: row.get(1)?,
                format: row.get::<_, Format>(2)?.key(),
                minutes: row.get(3)?,
                days: row.get(4)?,
                provider: row.get(5)?,
                provider_credentials: row.get(6)?,
                certified_mentor: row.get(7)?,
                endorsed: row.get(8)?,
                notes: row.get(9)?,
            })
        })?;
        *records.entry(record).or_insert(0) += 1;
    }
    Ok(records)
}

impl super::Store {
    /// Validates and logs a new entry; returns it as stored, counted by the rules.
    pub fn add_entry(&mut self, draft: &EntryDraft, today: chrono::NaiveDate) -> Result<Entry> {
        let rules = crate::rules::default_rule_set()?;
        let entry = draft.validated(rules, today)?;
        self.with_tx(|tx| {
            let id = insert(tx, &entry)?;
            get(tx, rules, id)
        })
    }

    /// Validates and replaces an entry; returns it as stored. An entry a submission claims
    /// minutes from is refused, changing nothing: its submission must be discarded (a draft) or
    /// reopened (sent or credited) first.
    pub fn update_entry(
        &mut self,
        id: i64,
        draft: &EntryDraft,
        today: chrono::NaiveDate,
    ) -> Result<Entry> {
        let rules = crate::rules::default_rule_set()?;
        self.with_tx(|tx| {
            refuse_if_claimed(tx, id)?;
            let entry = draft.validated(rules, today)?;
            update(tx, id, &entry)?;
            get(tx, rules, id)
        })
    }

    /// Deletes an entry and its attachments; returns them, so the window can offer to undo.
    /// An entry a submission claims minutes from is refused, as [`Self::update_entry`] refuses it.
    pub fn delete_entry(&mut self, id: i64) -> Result<DeletedEntry> {
        let rules = crate::rules::default_rule_set()?;
        self.with_tx(|tx| {
            let entry = delete(tx, rules, id)?;
            let attachments = super::attachments::remove_all(tx, Owner::Entry(id))?;
            Ok(DeletedEntry { entry, attachments })
        })
    }

    /// Undoes [`Store::delete_entry`]: logs the entry again, with the attachments whose copies
    /// are still in the data folder.
    pub fn restore_entry(
        &mut self,
        deleted: &DeletedEntry,
        today: chrono::NaiveDate,
    ) -> Result<Entry> {
        let rules = crate::rules::default_rule_set()?;
        let entry = deleted.entry.draft.validated(rules, today)?;
        let folder = self.files.clone();
        self.with_tx(|tx| {
            let id = insert(tx, &entry)?;
            if let Some(folder) = folder {
                let moved: Vec<Attachment> = deleted
                    .attachments
                    .iter()
                    .map(|a| Attachment {
                        owner: Owner::Entry(id),
                        ..a.clone()
                    })
                    .collect();
                super::attachments::restore(tx, &folder, &moved)?;
            }
            get(tx, rules, id)
        })
    }

    /// One entry.
    pub fn entry(&self, id: i64) -> Result<Entry> {
        get(&self.conn, crate::rules::default_rule_set()?, id)
    }

    /// The entries matching a query, one page of them.
    pub fn entries(&self, q: &EntryQuery) -> Result<EntryPage> {
        query(&self.conn, crate::rules::default_rule_set()?, q)
    }

    /// Every entry, oldest first (by date, then as logged): what a CSV export writes.
    pub fn all_entries(&self) -> Result<Vec<Entry>> {
        all(&self.conn, crate::rules::default_rule_set()?)
    }

    /// Adds checked entries in one transaction, leaving out each one identical to a stored entry
    /// (the same ten fields a CSV row holds; the directory link is not one of them). Each stored
    /// entry stands for one new entry, so two identical rows over one stored entry add one.
    /// Returns, for each entry in order, whether it was added.
    pub fn import_entries(&mut self, entries: &[ValidEntry]) -> Result<Vec<bool>> {
        self.with_tx(|tx| {
            let mut stored = stored_records(tx)?;
            entries
                .iter()
                .map(|e| match stored.get_mut(&Record::of(e)) {
                    Some(left) if *left > 0 => {
                        *left -= 1;
                        Ok(false)
                    }
                    _ => insert(tx, e).map(|_| true),
                })
                .collect()
        })
    }

    /// Credits available and what the next one needs, over counted minutes not yet claimed:
    /// the counted minutes per category, less what submissions claim.
    pub fn credit_status(&self) -> Result<crate::rules::CreditStatus> {
        let rules = crate::rules::default_rule_set()?;
        Ok(crate::rules::credit_status(
            rules,
            unclaimed_by_category(&self.conn)?,
        ))
    }
}

#[cfg(test)]
mod tests;
