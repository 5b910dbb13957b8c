//! The record's backups, through the store: where they go (a setting in `meta`), making one,
//! listing them. How they are made and kept: the parent module.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::{Backup, BackupStatus};
use crate::error::{Error, Result};
use crate::store::Store;

impl Store {
    /// The file this record lives in; `None` for a database in memory, which has no backups.
    fn database_file(&self) -> Option<PathBuf> {
        self.conn
            .path()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
    }

    fn on_disk(&self) -> Result<PathBuf> {
        self.database_file()
            .ok_or_else(|| Error::Refused("A record kept in memory has no backups.".into()))
    }

    /// Where backups go: the folder chosen in Settings, else `backups` beside the database.
    pub fn backup_folder(&self) -> Result<PathBuf> {
        let database = self.on_disk()?;
        Ok(super::folder_of(&self.conn, &database))
    }

    /// Chooses the backup folder (`None`: back to the default). It must be a full path to a
    /// folder that can be written; one transaction.
    pub fn set_backup_folder(&mut self, folder: Option<&Path>) -> Result<PathBuf> {
        let database = self.on_disk()?;
        let Some(folder) = folder else {
            self.with_tx(|tx| {
                tx.execute("DELETE FROM meta WHERE key = 'backup_folder'", [])?;
                Ok(())
            })?;
            return Ok(super::default_folder(&database));
        };
        if !folder.is_absolute() {
            return Err(Error::Invalid {
                field: "backup_folder",
                message: "Choose the folder with the folder picker (a full path).".into(),
            });
        }
        let text = folder.to_str().ok_or_else(|| Error::Invalid {
            field: "backup_folder",
            message: "Stillpoint cannot use a folder whose name is not valid Unicode.".into(),
        })?;
        if !folder.is_dir() {
            return Err(Error::Invalid {
                field: "backup_folder",
                message: format!("There is no folder at {}.", folder.display()),
            });
        }
        self.with_tx(|tx| {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('backup_folder', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [text],
            )?;
            Ok(())
        })?;
        Ok(folder.to_path_buf())
    }

    /// Makes a checked backup in the backup folder now, and rotates the older ones.
    pub fn back_up(&self, now: DateTime<Utc>) -> Result<Backup> {
        let database = self.on_disk()?;
        let folder = super::folder_of(&self.conn, &database);
        super::back_up_into(&self.conn, &database, &folder, now)
    }

    /// Makes a checked backup at `file` (replacing it); nothing is rotated.
    pub fn back_up_to(&self, file: &Path, now: DateTime<Utc>) -> Result<Backup> {
        self.on_disk()?;
        super::back_up_to(&self.conn, file, now)
    }

    /// The day's backup, when none was made yet on the computer's day; `None` when one was,
    /// or when the record holds nothing yet.
    pub fn back_up_if_due(&self, now: DateTime<Utc>) -> Result<Option<Backup>> {
        let database = self.on_disk()?;
        if self.is_empty()? {
            return Ok(None);
        }
        let folder = super::folder_of(&self.conn, &database);
        if !super::due(&folder, &database, now) {
            return Ok(None);
        }
        super::back_up_into(&self.conn, &database, &folder, now).map(Some)
    }

    /// Where the therapist stands with backups (see [`BackupStatus`]); `failure` is why the
    /// last backup the app tried could not be made, if it could not.
    pub fn backup_status(&self, now: DateTime<Utc>, failure: Option<&str>) -> Result<BackupStatus> {
        let database = self.on_disk()?;
        super::status(&self.conn, &database, now, failure)
    }

    /// The backups in the backup folder, newest first (none for a record in memory).
    pub fn backups(&self) -> Result<Vec<Backup>> {
        let Some(database) = self.database_file() else {
            return Ok(Vec::new());
        };
        super::list(&super::folder_of(&self.conn, &database), &database)
    }
}
