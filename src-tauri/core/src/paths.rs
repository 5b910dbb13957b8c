//! Where the database lives.
//!
//! The same place for the window and the command line: the OS's per-user data folder, in a
//! folder named after the app's identifier (what Tauri calls the app data dir).

use std::path::PathBuf;

/// The app's identifier; `tauri.conf.json` must say the same (a shell test checks it).
pub const IDENTIFIER: &str = "org.stillpoint.desktop";

/// The environment variable that points Stillpoint at another database file.
pub const DB_ENV: &str = "STILLPOINT_DB";

/// The database to use: `explicit` (from `--db`), else `$STILLPOINT_DB`, else the default file
/// in the user's data folder (e.g. `~/.local/share/org.stillpoint.desktop/stillpoint.db`).
pub fn database_path(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| {
            std::env::var_os(DB_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| {
            dirs::data_dir()
                .unwrap_or_else(|| PathBuf::from("."))
                .join(IDENTIFIER)
                .join("stillpoint.db")
        })
}
