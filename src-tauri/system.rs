//! The few places the app reaches the desktop: the save and open dialogs, the system's viewer
//! and file manager, and closing the window.
//!
//! Both are called from Rust, never from the webview, so the window's capability grants no
//! plugin permissions at all. Commands reach them through the [`Desktop`] trait, which the
//! command tests replace with one that answers without a screen.

use std::path::{Path, PathBuf};

use stillpoint_core::{ApiError, Error};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_notification::NotificationExt;
use tauri_plugin_opener::OpenerExt;

/// What the commands ask of the desktop.
pub trait Desktop: Send + Sync {
    /// Shows the system's save dialog; the chosen path, or `None` if the user cancelled.
    fn ask_where_to_save(
        &self,
        title: &str,
        suggested_name: &str,
        extension: &str,
    ) -> Option<PathBuf>;
    /// Shows the system's open dialog for one file of this extension; the chosen path, or
    /// `None` if the user cancelled.
    fn ask_which_to_open(&self, title: &str, extension: &str) -> Option<PathBuf>;
    /// Shows the system's folder picker, opened at `start` (or the nearest folder above it that
    /// exists); the chosen folder, or `None` if the user cancelled.
    fn ask_for_folder(&self, title: &str, start: &Path) -> Option<PathBuf>;
    /// Opens `path` with the program the system uses for its kind of file.
    fn open_file(&self, path: &Path) -> Result<(), ApiError>;
    /// Shows `folder` in the system's file manager.
    fn show_folder(&self, folder: &Path) -> Result<(), ApiError>;
    /// Opens a `mailto:` or `tel:` link with the system's mail or phone program; any other link
    /// is refused (see [`contact_scheme`]).
    fn open_link(&self, link: &str) -> Result<(), ApiError>;
    /// Closes the main window (the therapist chose to discard a form's changes).
    fn close_window(&self) -> Result<(), ApiError>;
    /// Shows a system notification.
    fn notify(&self, title: &str, body: &str) -> Result<(), ApiError>;
}

/// The real desktop, through Tauri's dialog and opener plugins.
pub struct TauriDesktop<R: Runtime>(pub AppHandle<R>);

impl<R: Runtime> Desktop for TauriDesktop<R> {
    fn ask_where_to_save(
        &self,
        title: &str,
        suggested_name: &str,
        extension: &str,
    ) -> Option<PathBuf> {
        let mut dialog = self
            .0
            .dialog()
            .file()
            .set_title(title)
            .set_file_name(suggested_name)
            .add_filter(extension.to_uppercase(), &[extension]);
        if let Some(folder) = dirs::document_dir().filter(|d| d.is_dir()) {
            dialog = dialog.set_directory(folder);
        }
        let chosen = dialog.blocking_save_file()?.into_path().ok()?;
        // A name typed without the extension gets it, as every save dialog's user expects.
        if chosen.extension().is_none() {
            return Some(chosen.with_extension(extension));
        }
        Some(chosen)
    }

    fn ask_which_to_open(&self, title: &str, extension: &str) -> Option<PathBuf> {
        let mut dialog = self
            .0
            .dialog()
            .file()
            .set_title(title)
            .add_filter(extension.to_uppercase(), &[extension]);
        if let Some(folder) = dirs::document_dir().filter(|d| d.is_dir()) {
            dialog = dialog.set_directory(folder);
        }
        dialog.blocking_pick_file()?.into_path().ok()
    }

    fn ask_for_folder(&self, title: &str, start: &Path) -> Option<PathBuf> {
        let mut dialog = self.0.dialog().file().set_title(title);
        if let Some(folder) = start.ancestors().find(|f| f.is_dir()) {
            dialog = dialog.set_directory(folder);
        }
        dialog.blocking_pick_folder()?.into_path().ok()
    }

    fn open_file(&self, path: &Path) -> Result<(), ApiError> {
        self.0
            .opener()
            .open_path(path.to_string_lossy(), None::<&str>)
            .map_err(|_| {
                ApiError::from(Error::Refused(format!(
                    "No program on this computer opened {}. You will find the file there.",
                    path.display()
                )))
            })
    }

    fn show_folder(&self, folder: &Path) -> Result<(), ApiError> {
        self.0
            .opener()
            .open_path(folder.to_string_lossy(), None::<&str>)
            .map_err(|_| {
                ApiError::from(Error::Refused(format!(
                    "No file manager on this computer opened the folder. It is {}.",
                    folder.display()
                )))
            })
    }

    fn open_link(&self, link: &str) -> Result<(), ApiError> {
        let what = contact_scheme(link)?;
        self.0.opener().open_url(link, None::<&str>).map_err(|_| {
            ApiError::from(Error::Refused(format!(
                "No {what} program on this computer opened the link; {}",
                link.split_once(':').map_or(link, |(_, rest)| rest)
            )))
        })
    }

    fn close_window(&self) -> Result<(), ApiError> {
        let refused = || {
            ApiError::from(Error::Refused(
                "The window could not be closed; try again.".into(),
            ))
        };
        let window = self.0.get_webview_window("main").ok_or_else(refused)?;
        window.close().map_err(|_| refused())
    }

    fn notify(&self, title: &str, body: &str) -> Result<(), ApiError> {
        self.0
            .notification()
            .builder()
            .title(title)
            .body(body)
            .show()
            .map_err(|e| {
                ApiError::from(Error::Refused(format!(
                    "The system's notifications could not show a reminder: {e}."
                )))
            })
    }
}

/// What a contact link opens ("mail", "phone"), or why it is refused: only `mailto:` and `tel:`
/// links, of plain printable ASCII (what `contact_link` writes), go to the system. The webview
/// never opens a link itself.
pub fn contact_scheme(link: &str) -> Result<&'static str, ApiError> {
    let printable = link.bytes().all(|b| b.is_ascii_graphic());
    match link.split_once(':') {
        Some(("mailto", rest)) if printable && !rest.is_empty() => Ok("mail"),
        Some(("tel", rest)) if printable && !rest.is_empty() => Ok("phone"),
        _ => Err(ApiError::from(Error::Refused(
            "Stillpoint opens only mail (mailto:) and phone (tel:) links.".into(),
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::contact_scheme;

    #[test]
    fn only_mail_and_phone_links_go_to_the_system() {
        assert_eq!(contact_scheme("mailto:ana@example.org").ok(), Some("mail"));
        assert_eq!(contact_scheme("tel:+4640123").ok(), Some("phone"));
        for refused in [
            "https://example.org",
            "file:///etc/passwd",
            "mailto:",
            "MAILTO:a@b.c",
            "tel:+46 40",
            "tel:1\n2",
            "javascript:alert(1)",
            "ana@example.org",
        ] {
            assert!(contact_scheme(refused).is_err(), "{refused}");
        }
    }
}
