//! A person in the therapist's directory: a mentor, examiner or treating practitioner.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::profile::looks_like_email;
use super::typed::clean;
use crate::error::{Error, Result};

/// A mentor or provider as entered in the directory.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct MentorDraft {
    /// Name, in any script.
    pub name: String,
    /// Credentials as they write them, e.g. "PT, CST-D".
    pub credentials: String,
    /// A certified mentor of the program.
    pub certified_mentor: bool,
    /// Also a certification examiner.
    pub examiner: bool,
    /// Email.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Where they work.
    pub location: String,
    /// Languages they mentor in.
    pub languages: String,
    /// Offers in-person sessions.
    pub in_person: bool,
    /// Offers virtual sessions.
    pub virtual_sessions: bool,
    /// What they charge, in their words.
    pub cost_notes: String,
}

/// A mentor in the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Mentor {
    /// Its id.
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    /// Its details.
    pub details: MentorDraft,
}

impl MentorDraft {
    /// Checks the fields; the name is required, the email checked when given.
    pub fn validated(&self) -> Result<MentorDraft> {
        let name = clean("name", "Name", &self.name, 120)?;
        if name.is_empty() {
            return Err(Error::invalid("name", "Enter the mentor's name."));
        }
        let email = clean("email", "Email", &self.email, 254)?;
        if !email.is_empty() && !looks_like_email(&email) {
            return Err(Error::invalid(
                "email",
                "Enter an email address like name@example.org.",
            ));
        }
        Ok(MentorDraft {
            name,
            credentials: clean("credentials", "Credentials", &self.credentials, 120)?,
            email,
            phone: clean("phone", "Phone", &self.phone, 40)?,
            location: clean("location", "Location", &self.location, 120)?,
            languages: clean("languages", "Languages", &self.languages, 120)?,
            cost_notes: clean("cost_notes", "Cost notes", &self.cost_notes, 400)?,
            ..self.clone()
        })
    }
}
