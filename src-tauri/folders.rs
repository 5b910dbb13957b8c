//! The folders Stillpoint keeps things in on this computer: where the database lives, and the
//! private folder of copies handed to the system's viewer.
//!
//! The same place for the window and the command line: the OS's per-user data folder, in a
//! folder named after the app's identifier (what Tauri calls the app data dir).

use std::path::PathBuf;

use stillpoint_core::folders::IDENTIFIER;

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

/// The user's own folder for the copies of documents opened in the system's viewer (e.g.
/// `~/.cache/org.stillpoint.desktop/viewer` on Linux): never the shared temporary folder.
pub fn viewer_folder() -> PathBuf {
    dirs::cache_dir()
        .or_else(dirs::data_local_dir)
        .unwrap_or_else(|| PathBuf::from("."))
        .join(IDENTIFIER)
        .join("viewer")
}

/// The computer's time zone, for times shown here and times read without one: `TZ` when it
/// names an IANA zone, else the system's setting, else UTC.
pub fn local_zone() -> chrono_tz::Tz {
    std::env::var("TZ")
        .ok()
        .and_then(|tz| tz.trim_start_matches(':').parse().ok())
        .or_else(|| iana_time_zone::get_timezone().ok()?.parse().ok())
        .unwrap_or(chrono_tz::Tz::UTC)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn the_viewers_copies_are_kept_in_the_users_own_folder_not_the_shared_temporary_one() {
        let folder = viewer_folder();
        assert!(
            !folder.starts_with(std::env::temp_dir()),
            "{}",
            folder.display()
        );
        assert!(folder.ends_with(Path::new(IDENTIFIER).join("viewer")));
    }
}
