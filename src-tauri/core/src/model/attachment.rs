//! Files attached to records: a certificate or receipt on an entry, the signed form on a
//! submission, a certificate on a course.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{Error, Result};

/// The largest file Stillpoint keeps a copy of: a scanned form or a photographed certificate is
/// far smaller; a video is not what attachments are for.
pub const MAX_ATTACHMENT_BYTES: usize = 50 * 1024 * 1024;

/// What a file is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Owner {
    /// A mentorship entry.
    Entry(#[specta(type = specta_typescript::Number)] i64),
    /// A submission (the scanned, signed tracking form).
    Submission(#[specta(type = specta_typescript::Number)] i64),
    /// A course taken.
    Course(#[specta(type = specta_typescript::Number)] i64),
}

impl Owner {
    /// The owner's kind as the database stores it.
    pub fn kind(self) -> &'static str {
        match self {
            Owner::Entry(_) => "entry",
            Owner::Submission(_) => "submission",
            Owner::Course(_) => "course",
        }
    }

    /// The owner's id.
    pub fn id(self) -> i64 {
        match self {
            Owner::Entry(id) | Owner::Submission(id) | Owner::Course(id) => id,
        }
    }

    /// The owner from its stored kind and id.
    pub fn from_parts(kind: &str, id: i64) -> Option<Owner> {
        match kind {
            "entry" => Some(Owner::Entry(id)),
            "submission" => Some(Owner::Submission(id)),
            "course" => Some(Owner::Course(id)),
            _ => None,
        }
    }
}

/// A file kept with a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Attachment {
    /// Its id.
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    /// What it is attached to.
    pub owner: Owner,
    /// The file's name as the user had it, e.g. "Certificate CS1.pdf".
    pub file_name: String,
    /// Its size in bytes.
    #[specta(type = specta_typescript::Number)]
    pub bytes: i64,
    /// The day it was attached (ISO date).
    pub added_on: String,
}

/// Checks a file offered for attaching: a usable name and a size Stillpoint will keep.
/// Returns the name to show, stripped of any folder part, of invisible characters and of
/// characters no file system takes.
pub fn checked_file_name(name: &str, bytes: usize) -> Result<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    // Invisible characters out too: a right-to-left override makes "cert\u{202E}fdp.exe" read
    // as "certexe.pdf".
    let cleaned: String = super::typed::without_invisible(base)
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_owned();
    if cleaned.is_empty() {
        return Err(Error::invalid("file", "Choose a file to attach."));
    }
    if cleaned.chars().count() > 200 {
        return Err(Error::invalid(
            "file",
            "The file's name is too long; rename it to under 200 characters and try again.",
        ));
    }
    if bytes == 0 {
        return Err(Error::invalid(
            "file",
            format!("{} is empty.", crate::error::quoted(&cleaned)),
        ));
    }
    if bytes > MAX_ATTACHMENT_BYTES {
        return Err(Error::invalid(
            "file",
            format!(
                "{} is {} MB; attachments can be up to {} MB.",
                crate::error::quoted(&cleaned),
                bytes.div_ceil(1024 * 1024),
                MAX_ATTACHMENT_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_loses_its_folder_and_what_file_systems_refuse() {
        assert_eq!(
            checked_file_name("C:\\Users\\zoë\\Zertifikat: CS1.pdf", 10).unwrap(),
            "Zertifikat CS1.pdf"
        );
        assert_eq!(
            checked_file_name("/home/a/領収書.jpg", 10).unwrap(),
            "領収書.jpg"
        );
        assert_eq!(checked_file_name("../.hidden", 10).unwrap(), "hidden");
    }

    #[test]
    fn a_file_name_loses_its_invisible_characters() {
        assert_eq!(
            checked_file_name("cert\u{202E}fdp.exe", 10).unwrap(),
            "certfdp.exe"
        );
        assert_eq!(
            checked_file_name("\u{FEFF}CS1\u{200B}.pdf", 10).unwrap(),
            "CS1.pdf"
        );
    }

    #[test]
    fn empty_nameless_and_huge_files_are_refused_at_the_file_field() {
        for (name, bytes) in [
            ("", 5),
            ("/tmp/", 5),
            ("a.pdf", 0),
            ("a.pdf", MAX_ATTACHMENT_BYTES + 1),
        ] {
            match checked_file_name(name, bytes) {
                Err(Error::Invalid { field, .. }) => assert_eq!(field, "file", "{name} {bytes}"),
                other => panic!("{name} {bytes}: {other:?}"),
            }
        }
    }

    #[test]
    fn an_owner_travels_as_kind_and_id() {
        let json = serde_json::to_string(&Owner::Entry(7)).unwrap();
        assert_eq!(json, r#"{"kind":"entry","id":7}"#);
        assert_eq!(
            Owner::from_parts("submission", 3),
            Some(Owner::Submission(3))
        );
    }
}
