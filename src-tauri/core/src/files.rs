//! Writing files whole, privately: what the user asked for (a CSV export, a form, a portfolio),
//! the store's attachment copies, and the copies handed to the system's viewer.
//!
//! The bytes go to a new file beside the target first and are renamed over it, so a crash or a
//! full disk never leaves half a PDF under the name the user chose. That file is created
//! exclusively under a name nobody can guess (a link planted where it would go is never
//! followed), readable by the user only, and flushed to the disk before the rename. Folders
//! Stillpoint makes for itself are readable by the user only. The window, the command line and
//! the store all write this one way.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` to `path`, replacing it; refused with the reason when the folder cannot be
/// written (missing, read-only, full). The file is readable by the user only.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let refused = |e: std::io::Error| {
        Error::Refused(format!(
            "Stillpoint could not write {}: {e}.",
            path.display()
        ))
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // `tempfile` creates the file with O_EXCL and mode 0600 under a random name, retrying on a
    // clash, and removes it if anything below fails.
    let mut partial = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .tempfile_in(folder)
        .map_err(refused)?;
    partial.write_all(bytes).map_err(refused)?;
    partial.as_file().sync_all().map_err(refused)?;
    partial.persist(path).map_err(|e| refused(e.error))?;
    Ok(())
}

/// True for a file name `write_whole` gives its unfinished files.
pub(crate) fn is_partial_name(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".partial")
}

/// Creates `folder` (and what is missing above it) readable by the user only; an existing one
/// is left as it is.
pub fn create_private_dir(folder: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(folder)?;
    Ok(())
}

/// Makes `path`, a file or folder of Stillpoint's own, readable by the user only (0600 for a
/// file, 0700 for a folder). Nothing to do on systems without Unix modes, or for a link.
pub fn make_private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return Ok(());
        };
        let wanted = if meta.is_dir() {
            0o700
        } else if meta.is_file() {
            0o600
        } else {
            return Ok(());
        };
        if meta.permissions().mode() & 0o777 != wanted {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(wanted))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The copies of documents handed to the system's viewer: each in a folder of its own, with a
/// name nobody can guess, inside a folder readable by the user only — never the shared temporary
/// folder. The copies are removed when the app closes ([`ViewerCopies::clear`]) and at its next
/// start.
#[derive(Debug, Clone)]
pub struct ViewerCopies {
    folder: PathBuf,
}

const VIEWER_PREFIX: &str = "open-";

impl ViewerCopies {
    /// The copies kept in `folder` (the shell gives the user's own cache folder).
    pub fn in_folder(folder: PathBuf) -> ViewerCopies {
        ViewerCopies { folder }
    }

    /// Writes `bytes` as a file named `name` for the viewer; returns where it is.
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<PathBuf> {
        create_private_dir(&self.folder)?;
        make_private(&self.folder)?;
        // A random folder keeps the name the user reads in the viewer's title bar.
        let own = tempfile::Builder::new()
            .prefix(VIEWER_PREFIX)
            .tempdir_in(&self.folder)?
            .keep();
        make_private(&own)?;
        let path = own.join(name);
        write_whole(&path, bytes)?;
        Ok(path)
    }

    /// Removes every copy made for the viewer (each folder this type made, with what is in it),
    /// and nothing else. Returns how many folders went.
    pub fn clear(&self) -> Result<usize> {
        let Ok(listing) = std::fs::read_dir(&self.folder) else {
            return Ok(0);
        };
        let mut removed = 0;
        for item in listing.flatten() {
            let name = item.file_name().to_string_lossy().into_owned();
            let is_ours =
                name.starts_with(VIEWER_PREFIX) && item.file_type().is_ok_and(|t| t.is_dir());
            if is_ours && std::fs::remove_dir_all(item.path()).is_ok() {
                removed += 1;
            }
        }
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::symlink_metadata(path)
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    }

    #[test]
    fn a_file_is_replaced_whole_and_a_missing_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("form.pdf");
        std::fs::write(&path, b"old").unwrap();
        write_whole(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no unfinished file is left beside it");

        let nowhere = dir.path().join("no such folder").join("form.pdf");
        match write_whole(&nowhere, b"x") {
            Err(Error::Refused(message)) => {
                assert!(message.contains("could not write"), "{message}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_where_the_unfinished_file_went_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"someone else's").unwrap();
        let path = dir.path().join("form.pdf");
        // The name earlier versions wrote through.
        std::os::unix::fs::symlink(&victim, dir.path().join("form.pdf.partial")).unwrap();
        write_whole(&path, b"ours").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"someone else's");
        assert_eq!(std::fs::read(&path).unwrap(), b"ours");
        assert_eq!(mode(&path), 0o600, "written for the user only");
    }

    #[cfg(unix)]
    #[test]
    fn viewer_copies_are_private_unique_and_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let stranger = dir.path().join("viewer").join("not ours.pdf");
        let copies = ViewerCopies::in_folder(dir.path().join("viewer"));
        let first = copies.write("Tracking form 1.pdf", b"%PDF-1").unwrap();
        let second = copies.write("Tracking form 1.pdf", b"%PDF-2").unwrap();
        assert_ne!(first, second, "two opens never share a file");
        assert_eq!(first.file_name().unwrap(), "Tracking form 1.pdf");
        assert_eq!(std::fs::read(&first).unwrap(), b"%PDF-1");
        assert_eq!(mode(&dir.path().join("viewer")), 0o700);
        assert_eq!(mode(first.parent().unwrap()), 0o700);
        assert_eq!(mode(&first), 0o600);
        std::fs::write(&stranger, b"x").unwrap();

        assert_eq!(copies.clear().unwrap(), 2);
        assert!(!first.exists() && !second.exists());
        assert!(stranger.exists(), "a file we did not make stays");
    }
}
