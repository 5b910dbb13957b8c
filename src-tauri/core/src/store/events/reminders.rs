//! Reminders of registered live events: how many minutes before (a setting in `meta`), and
//! which are due, worded for a system notification. The shell shows them.

use super::*;

/// How long before a registered live event the app reminds the therapist, unless they chose
/// otherwise in Settings.
pub const DEFAULT_REMINDER_MINUTES: u32 = 30;

/// The most minutes ahead a reminder may come: a day.
const MOST_REMINDER_MINUTES: u32 = 24 * 60;

/// A reminder of an event about to start, worded for a system notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Reminder {
    /// The event's row.
    #[specta(type = specta_typescript::Number)]
    pub event_id: i64,
    /// The notification's title: the event's.
    pub title: String,
    /// What it says: "Starts in 30 min (19:00). The link is in Stillpoint's calendar."
    pub body: String,
}

impl crate::store::Store {
    /// How many minutes before a registered live event the reminder comes.
    pub fn reminder_minutes(&self) -> Result<u32> {
        let chosen: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'reminder_minutes'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(chosen
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_REMINDER_MINUTES))
    }

    /// Chooses how many minutes before a registered live event the reminder comes (1 to 1440).
    pub fn set_reminder_minutes(&mut self, minutes: u32) -> Result<u32> {
        if !(1..=MOST_REMINDER_MINUTES).contains(&minutes) {
            return Err(Error::invalid(
                "reminder_minutes",
                "Choose from 1 to 1440 minutes (a day) before the event.",
            ));
        }
        self.with_tx(|tx| {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('reminder_minutes', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [minutes.to_string()],
            )?;
            Ok(())
        })?;
        Ok(minutes)
    }

    /// The reminders due at `now`: each registered live event that starts within the chosen
    /// minutes and has not started yet, worded with its local time in `zone` (the computer's).
    pub fn reminders_due(&self, now: DateTime<Utc>, zone: chrono_tz::Tz) -> Result<Vec<Reminder>> {
        let lead = i64::from(self.reminder_minutes()?);
        let until = now + chrono::Duration::minutes(lead);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM events
             WHERE status = 'registered' AND live = 1 AND all_day = 0
               AND starts_at > ?1 AND starts_at <= ?2
             ORDER BY starts_at, id"
        ))?;
        let rows = stmt.query_map(
            params![
                now.format(INSTANT).to_string(),
                until.format(INSTANT).to_string()
            ],
            from_row,
        )?;
        let due: Vec<StoredEvent> = rows.collect::<rusqlite::Result<_>>()?;
        Ok(due
            .into_iter()
            .filter_map(|stored| {
                let EventStart::Timed { at, .. } = stored.event.start else {
                    return None;
                };
                let minutes = (at - now).num_minutes().max(1);
                let local = at.with_timezone(&zone).format("%H:%M");
                Some(Reminder {
                    event_id: stored.id,
                    title: stored.event.title.clone(),
                    body: format!(
                        "Starts in {} ({local}). The link is in Stillpoint's calendar.",
                        crate::rules::format_minutes(minutes)
                    ),
                })
            })
            .collect())
    }
}
