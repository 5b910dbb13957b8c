//! The app's own folder: its name, and how the store knows it (to keep it readable by the user
//! only). Where that folder is on this computer is the shell's business (`src-tauri/folders.rs`).

use std::path::Path;

/// The app's identifier; `tauri.conf.json` must say the same (a shell test checks it).
pub const IDENTIFIER: &str = "org.stillpoint.desktop";

/// True when `folder` is the app's own data folder (named after its identifier), which
/// Stillpoint keeps readable by the user only; a folder the user chose for `--db` is theirs.
pub fn is_app_folder(folder: &Path) -> bool {
    folder.file_name().is_some_and(|n| n == IDENTIFIER)
}
