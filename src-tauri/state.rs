//! What the shell keeps between calls: the open database, or why it could not be opened.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use stillpoint_core::files::ViewerCopies;
use stillpoint_core::store::Backup;
use stillpoint_core::store::Reminder;
use stillpoint_core::{ApiError, ErrorCode, Store};

use crate::Desktop;

/// The app's state, managed by Tauri.
pub struct AppState {
    /// The database file in use.
    pub db_path: PathBuf,
    /// When the process started, for the startup probe.
    pub started: Instant,
    // A `Connection` is `Send` but not `Sync`: the mutex is what makes it shareable.
    store: Result<Mutex<Store>, ApiError>,
    /// The copies of documents handed to the system's viewer, removed when the app closes.
    pub viewer: ViewerCopies,
    desktop: OnceLock<Box<dyn Desktop>>,
    /// A form in the window holds changes not saved (the window says so).
    unsaved: AtomicBool,
    /// Why the last backup the app tried could not be made, if it could not (shown on the
    /// dashboard and in Settings until one succeeds).
    backup_failure: Arc<Mutex<Option<String>>>,
    /// The events this run has reminded the therapist of (each once).
    reminded: Mutex<HashSet<i64>>,
    /// The time zone the calendar is shown in, when not the computer's (for tests).
    time_zone: Option<chrono_tz::Tz>,
}

impl AppState {
    /// Opens the database. A failure (e.g. a database from a newer Stillpoint) is kept and
    /// shown by the window instead of crashing it.
    pub fn open(db_path: PathBuf) -> AppState {
        let store = Store::open(&db_path)
            .map(Mutex::new)
            .map_err(ApiError::from);
        AppState {
            db_path,
            started: Instant::now(),
            store,
            viewer: ViewerCopies::in_folder(crate::folders::viewer_folder()),
            desktop: OnceLock::new(),
            unsaved: AtomicBool::new(false),
            backup_failure: Arc::default(),
            reminded: Mutex::default(),
            time_zone: None,
        }
    }

    /// Keeps the viewer's copies in `folder` instead of the user's cache folder (for tests).
    pub fn with_viewer_folder(mut self, folder: PathBuf) -> AppState {
        self.viewer = ViewerCopies::in_folder(folder);
        self
    }

    /// Shows the calendar in `zone` instead of the computer's (tests need a zone of their own).
    pub fn with_time_zone(mut self, zone: chrono_tz::Tz) -> AppState {
        self.time_zone = Some(zone);
        self
    }

    /// The zone the calendar is shown in: the computer's (see `folders::local_zone`).
    pub fn time_zone(&self) -> chrono_tz::Tz {
        self.time_zone.unwrap_or_else(crate::folders::local_zone)
    }

    /// Uses `desktop` for dialogs and the system viewer (tests give one that needs no screen).
    pub fn with_desktop(self, desktop: Box<dyn Desktop>) -> AppState {
        self.use_desktop_if_unset(desktop);
        self
    }

    /// Sets the desktop unless one is set already.
    pub(crate) fn use_desktop_if_unset(&self, desktop: Box<dyn Desktop>) {
        let _ = self.desktop.set(desktop);
    }

    /// The desktop, once the app has started.
    pub(crate) fn desktop(&self) -> Result<&dyn Desktop, ApiError> {
        self.desktop
            .get()
            .map(|d| d.as_ref())
            .ok_or_else(|| ApiError {
                code: ErrorCode::Internal,
                message: "Stillpoint is still starting; try again in a moment.".into(),
                field: None,
            })
    }

    /// Records whether a form in the window holds changes not saved.
    pub fn set_unsaved(&self, unsaved: bool) {
        self.unsaved.store(unsaved, Ordering::Relaxed);
    }

    /// True while closing the window would throw away a form's changes.
    pub fn has_unsaved(&self) -> bool {
        self.unsaved.load(Ordering::Relaxed)
    }

    /// Why the last backup the app tried could not be made, if it could not.
    pub fn backup_failure(&self) -> Option<String> {
        self.backup_failure.lock().ok().and_then(|f| f.clone())
    }

    /// Forgets why the last backup failed: its folder is no longer the one backups go to.
    pub fn forget_backup_failure(&self) {
        if let Ok(mut kept) = self.backup_failure.lock() {
            *kept = None;
        }
    }

    /// Makes a backup now on a connection of its own (the window's keeps working), and
    /// remembers whether it failed.
    pub fn back_up_now(&self) -> Result<Backup, ApiError> {
        back_up(&self.db_path, &self.backup_failure, |store, now| {
            store.back_up(now)
        })
    }

    /// The day's backup, if none was made today, on a connection of its own.
    pub fn back_up_if_due(&self) -> Result<Option<Backup>, ApiError> {
        back_up(&self.db_path, &self.backup_failure, |store, now| {
            store.back_up_if_due(now)
        })
    }

    /// Shows a system notification for each registered live event about to start that this run
    /// has not reminded of yet; returns those. Times are worded in `zone` (the computer's).
    pub fn remind(
        &self,
        now: chrono::DateTime<chrono::Utc>,
        zone: chrono_tz::Tz,
    ) -> Result<Vec<Reminder>, ApiError> {
        let due = self.with_store(|s| s.reminders_due(now, zone))?;
        let mut reminded = self.reminded.lock().map_err(|_| ApiError {
            code: ErrorCode::Internal,
            message: "Stillpoint hit an earlier error; please restart it.".into(),
            field: None,
        })?;
        let new: Vec<Reminder> = due
            .into_iter()
            .filter(|r| !reminded.contains(&r.event_id))
            .collect();
        let desktop = self.desktop()?;
        for reminder in &new {
            desktop.notify(&reminder.title, &reminder.body)?;
            reminded.insert(reminder.event_id);
        }
        Ok(new)
    }

    /// Why the database could not be opened, if it could not.
    pub fn startup_error(&self) -> Option<ApiError> {
        self.store.as_ref().err().cloned()
    }

    /// Runs `f` with the store, turning engine errors into what the UI receives.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> stillpoint_core::Result<T>,
    ) -> Result<T, ApiError> {
        let store = self.store.as_ref().map_err(Clone::clone)?;
        let mut store = store.lock().map_err(|_| ApiError {
            code: ErrorCode::Internal,
            message: "Stillpoint hit an earlier error; please restart it. Nothing was changed."
                .into(),
            field: None,
        })?;
        f(&mut store).map_err(ApiError::from)
    }
}

/// Opens the record at `db_path` on a connection of its own and backs it up with `how`, keeping
/// why it failed in `failure` (cleared by a success).
fn back_up<T>(
    db_path: &Path,
    failure: &Mutex<Option<String>>,
    how: impl FnOnce(&Store, chrono::DateTime<chrono::Utc>) -> stillpoint_core::Result<T>,
) -> Result<T, ApiError> {
    let made = Store::open_existing(db_path)
        .and_then(|store| how(&store, chrono::Utc::now()))
        .map_err(ApiError::from);
    if let Ok(mut kept) = failure.lock() {
        *kept = made.as_ref().err().map(|e| e.message.clone());
    }
    made
}
