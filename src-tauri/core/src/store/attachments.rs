//! The `attachments` table and the folder beside the database that holds the files themselves.
//!
//! A file is copied in under a name of our own (its row id and extension), so the user's file can
//! move or vanish without losing the copy. The row and the copy are made together: the copy is
//! written before the transaction commits and removed if it does not. Rows go with their owner, in
//! the owner's transaction; the copies of rows that no longer exist are removed the next time the
//! database is opened to work in it (`sweep`), which lets an undone delete bring its files back.
//!
//! The sweep removes only what it can prove is its own: the folder must carry the mark Stillpoint
//! leaves in the folders it makes (`MARK`), and a file must have a name Stillpoint gives (a row
//! id and a short extension, or an unfinished copy's). A folder of the same name that Stillpoint
//! did not make is never swept.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::columns::read_row;
use crate::error::{Error, Result};
use crate::model::{checked_file_name, iso, Attachment, Owner};

/// The file Stillpoint leaves in an attachments folder it made.
const MARK: &str = ".stillpoint-attachments";

const COLUMNS: &str = "id, owner_kind, owner_id, file_name, stored_name, bytes, added_on";

fn from_row(row: &Row<'_>) -> rusqlite::Result<(Attachment, String)> {
    read_row("attachments", row, 0, |row| {
        let kind: String = row.get(1)?;
        let owner_id: i64 = row.get(2)?;
        Ok((
            Attachment {
                id: row.get(0)?,
                owner: Owner::from_parts(&kind, owner_id).ok_or_else(|| {
                    rusqlite::Error::FromSqlConversionFailure(
                        1,
                        rusqlite::types::Type::Text,
                        format!("unknown owner kind {kind:?}").into(),
                    )
                })?,
                file_name: row.get(3)?,
                bytes: row.get(5)?,
                added_on: row.get(6)?,
            },
            row.get(4)?,
        ))
    })
}

/// The folder for the copies of a database at `db`: `<name>-attachments` beside it.
pub(super) fn folder_for(db: &Path) -> PathBuf {
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stillpoint".into());
    db.with_file_name(format!("{stem}-attachments"))
}

fn stored_name(id: i64, file_name: &str) -> String {
    let extension: String = Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .filter(|e| e.len() <= 8 && e.chars().all(|c| c.is_ascii_alphanumeric()))
        .map(|e| format!(".{e}"))
        .unwrap_or_default();
    format!("{id}{extension}")
}

fn owner_exists(conn: &Connection, owner: Owner) -> Result<bool> {
    let table = match owner {
        Owner::Entry(_) => "entries",
        Owner::Submission(_) => "submissions",
        Owner::Course(_) => "courses",
    };
    // A kind of record this schema does not have yet owns nothing.
    let known: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
        [table],
        |r| r.get(0),
    )?;
    Ok(known
        && conn.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
            [owner.id()],
            |r| r.get(0),
        )?)
}

/// Adds a row for `file_name` and writes `content` to its copy in `folder`.
pub(super) fn add(
    conn: &Connection,
    folder: &Path,
    owner: Owner,
    file_name: &str,
    content: &[u8],
    today: chrono::NaiveDate,
) -> Result<(Attachment, PathBuf)> {
    let file_name = checked_file_name(file_name, content.len())?;
    if !owner_exists(conn, owner)? {
        return Err(Error::NotFound(format!("That {}", owner.kind())));
    }
    let id: i64 = conn.query_row(
        "SELECT COALESCE(MAX(id), 0) + 1 FROM attachments",
        [],
        |r| r.get(0),
    )?;
    let stored = stored_name(id, &file_name);
    let bytes = i64::try_from(content.len()).unwrap_or(i64::MAX);
    let added_on = iso(today);
    conn.execute(
        "INSERT INTO attachments (id, owner_kind, owner_id, file_name, stored_name, bytes, added_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, owner.kind(), owner.id(), file_name, stored, bytes, added_on],
    )?;
    if !folder.exists() {
        crate::files::create_private_dir(folder)?;
        mark(folder)?;
    }
    let path = folder.join(&stored);
    crate::files::write_whole(&path, content)?;
    Ok((
        Attachment {
            id,
            owner,
            file_name,
            bytes,
            added_on,
        },
        path,
    ))
}

/// The attachments of one owner, oldest first.
pub(super) fn of(conn: &Connection, owner: Owner) -> Result<Vec<Attachment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM attachments WHERE owner_kind = ?1 AND owner_id = ?2 ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![owner.kind(), owner.id()], from_row)?;
    Ok(rows
        .map(|r| r.map(|(a, _)| a))
        .collect::<rusqlite::Result<_>>()?)
}

/// One attachment and the name of its copy.
pub(super) fn get(conn: &Connection, id: i64) -> Result<(Attachment, String)> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM attachments WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound("That attachment".into()))
}

/// Removes one row; its copy goes at the next sweep.
pub(super) fn remove(conn: &Connection, id: i64) -> Result<Attachment> {
    let (attachment, _) = get(conn, id)?;
    conn.execute("DELETE FROM attachments WHERE id = ?1", [id])?;
    Ok(attachment)
}

/// Removes the rows of an owner that is being deleted, returning them so an undo can put them
/// back with [`restore`].
pub(super) fn remove_all(conn: &Connection, owner: Owner) -> Result<Vec<Attachment>> {
    let removed = of(conn, owner)?;
    conn.execute(
        "DELETE FROM attachments WHERE owner_kind = ?1 AND owner_id = ?2",
        params![owner.kind(), owner.id()],
    )?;
    Ok(removed)
}

/// Puts back rows removed with their owner, if their copies are still there.
pub(super) fn restore(conn: &Connection, folder: &Path, attachments: &[Attachment]) -> Result<()> {
    for a in attachments {
        let stored = stored_name(a.id, &a.file_name);
        if folder.join(&stored).is_file() {
            conn.execute(
                "INSERT OR IGNORE INTO attachments (id, owner_kind, owner_id, file_name, stored_name, bytes, added_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![a.id, a.owner.kind(), a.owner.id(), a.file_name, stored, a.bytes, a.added_on],
            )?;
        }
    }
    Ok(())
}

/// Marks `folder` as Stillpoint's own, to be swept.
pub(super) fn mark(folder: &Path) -> Result<()> {
    crate::files::make_private(folder)?;
    crate::files::write_whole(
        &folder.join(MARK),
        b"Stillpoint keeps copies of attached files here. It removes only the copies it made.\n",
    )
}

/// True when `folder` holds the copy of at least one row.
pub(super) fn holds_a_copy(conn: &Connection, folder: &Path) -> Result<bool> {
    let mut stmt = conn.prepare("SELECT stored_name FROM attachments")?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
    for name in names {
        if folder.join(name?).is_file() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// True for a name Stillpoint gives a copy (`17`, `17.pdf`) or its unfinished file.
fn is_our_name(name: &str) -> bool {
    if crate::files::is_partial_name(name) {
        return true;
    }
    // Copies written by earlier versions were unfinished under `<copy>.partial`.
    let name = name.strip_suffix(".partial").unwrap_or(name);
    let (id, extension) = name.split_once('.').unwrap_or((name, ""));
    let id_ok = id.starts_with(|c: char| ('1'..='9').contains(&c))
        && id.chars().all(|c| c.is_ascii_digit());
    let extension_ok = extension.len() <= 8
        && extension
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && (name.contains('.') != extension.is_empty());
    id_ok && extension_ok
}

/// In a folder marked as ours: removes the copies that no row names any more (and unfinished
/// ones) and keeps the others readable by the user only. Returns how many went. A folder
/// without the mark is left as it is.
pub(super) fn sweep(conn: &Connection, folder: &Path) -> Result<usize> {
    if !std::fs::symlink_metadata(folder.join(MARK)).is_ok_and(|m| m.is_file()) {
        return Ok(0);
    }
    let Ok(listing) = std::fs::read_dir(folder) else {
        return Ok(0);
    };
    crate::files::make_private(folder)?;
    let mut stmt = conn.prepare("SELECT stored_name FROM attachments")?;
    let kept: HashSet<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut removed = 0;
    for item in listing.flatten() {
        let name = item.file_name().to_string_lossy().into_owned();
        // A link is never followed, nor removed: we make none.
        let is_file = item.file_type().is_ok_and(|t| t.is_file());
        if !is_file || name == MARK || !is_our_name(&name) {
            continue;
        }
        if kept.contains(&name) {
            crate::files::make_private(&item.path())?;
        } else {
            std::fs::remove_file(item.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_names_we_give_are_ours() {
        for ours in [
            "1",
            "17",
            "17.pdf",
            "3.jpeg",
            "5.partial",
            "5.pdf.partial",
            ".17.pdf.Xa3.partial",
        ] {
            assert!(is_our_name(ours), "{ours}");
        }
        for theirs in [
            "2023 report.pdf",
            "017",
            "0",
            "17.PDF",
            "17.",
            "17.verylongext",
            "a17",
            "notes.txt",
            "17.pdf.bak",
            ".hidden",
        ] {
            assert!(!is_our_name(theirs), "{theirs}");
        }
    }
}
