//! Writing a file the user asked for (a CSV export, a form, a portfolio) whole or not at all.
//!
//! The bytes go to a file beside the target first and are renamed over it, so a crash or a full
//! disk never leaves half a PDF under the name the user chose. The window, the command line and
//! the store's attachment copies all write this one way.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` to `path`, replacing it; refused with the reason when the folder cannot be
/// written (missing, read-only, full).
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, bytes)
        .and_then(|()| std::fs::rename(&partial, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            Error::Refused(format!(
                "Stillpoint could not write {}: {e}.",
                path.display()
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_and_a_missing_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("form.pdf");
        std::fs::write(&path, b"old").unwrap();
        write_whole(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert!(!dir.path().join("form.pdf.partial").exists());

        let nowhere = dir.path().join("no such folder").join("form.pdf");
        match write_whole(&nowhere, b"x") {
            Err(Error::Refused(message)) => {
                assert!(message.contains("could not write"), "{message}")
            }
            other => panic!("{other:?}"),
        }
    }
}
