//! A person in the therapist's directory: a certified mentor, an examiner, an instructor or
//! teaching assistant, or a practitioner the therapist receives treatment from.
//!
//! The program asks therapists to "see a list of certified mentors and contact them directly"
//! and to "choose a mentor who is also an examiner", so the directory holds what such a choice
//! needs: roles, where a mentor is (city, country as an ISO 3166-1 alpha-2 code), their time
//! zone (an IANA name, checked against the zone database the calendar uses too), the languages
//! they mentor in, the formats they offer and what they charge.

use std::str::FromStr;

use serde::{Deserialize, Serialize};
use specta::Type;

use super::profile::{checked_email, checked_phone, looks_like_email, looks_like_phone};
use super::typed::clean;
use crate::clinical::folded;
use crate::error::{quoted, Error, Result};
use crate::rules::Format;

/// What a mentor does for the program.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Type,
)]
#[serde(rename_all = "snake_case")]
pub enum MentorRole {
    /// Gives mentorship (1x1, groups); a certified mentor has this role.
    Mentor,
    /// Examines for certification: worth finding before certifying.
    Examiner,
    /// Teaches the institute's courses.
    Instructor,
    /// Assists at courses.
    TeachingAssistant,
}

impl MentorRole {
    /// Every role, in the order the directory lists them.
    pub const ALL: [MentorRole; 4] = [
        MentorRole::Mentor,
        MentorRole::Examiner,
        MentorRole::Instructor,
        MentorRole::TeachingAssistant,
    ];

    /// The key stored and written in CSV files: `mentor`, `examiner`, `instructor`,
    /// `teaching_assistant`.
    pub fn key(self) -> &'static str {
        match self {
            MentorRole::Mentor => "mentor",
            MentorRole::Examiner => "examiner",
            MentorRole::Instructor => "instructor",
            MentorRole::TeachingAssistant => "teaching_assistant",
        }
    }

    /// How the app names it: "Teaching assistant".
    pub fn label(self) -> &'static str {
        match self {
            MentorRole::Mentor => "Mentor",
            MentorRole::Examiner => "Examiner",
            MentorRole::Instructor => "Instructor",
            MentorRole::TeachingAssistant => "Teaching assistant",
        }
    }

    /// The role with this key.
    pub fn from_key(key: &str) -> Option<MentorRole> {
        MentorRole::ALL.into_iter().find(|r| r.key() == key)
    }

    /// The role a person names by its key or label, in any case and spacing
    /// ("Teaching assistant", "teaching-assistant", "TA" is not one).
    pub fn named(text: &str) -> Option<MentorRole> {
        let words = folded(text);
        MentorRole::ALL
            .into_iter()
            .find(|r| folded(r.key()) == words || folded(r.label()) == words)
    }
}

/// A mentor or provider as the form edits it and a CSV row gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct MentorDraft {
    /// Name, in any script.
    pub name: String,
    /// Credentials as they write them, e.g. "PT, CST-D".
    pub credentials: String,
    /// What they do for the program; none for a practitioner who only treats.
    pub roles: Vec<MentorRole>,
    /// A certified mentor of the program (what 1x1 mentorship needs); has the Mentor role.
    pub certified_mentor: bool,
    /// Email.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// The city or place they work in.
    pub city: String,
    /// Their country, as an ISO 3166-1 alpha-2 code ("SE"); `None` when not known.
    pub country: Option<String>,
    /// Their time zone, an IANA name ("Europe/Stockholm"); `None` when not known.
    pub time_zone: Option<String>,
    /// The languages they mentor in, first the one they prefer.
    pub languages: Vec<String>,
    /// The formats they offer.
    pub formats: Vec<Format>,
    /// What they charge, in their words.
    pub cost_notes: String,
    /// The therapist's own notes.
    pub notes: String,
}

/// A mentor in the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Mentor {
    /// Its id.
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    /// Its details.
    pub details: MentorDraft,
    /// The country's English name ("Sweden"), or empty when no country is given.
    pub country_name: String,
}

impl Mentor {
    /// A stored mentor, its country named.
    pub fn new(id: i64, details: MentorDraft) -> Mentor {
        let country_name = details
            .country
            .as_deref()
            .and_then(country_name)
            .unwrap_or_default()
            .to_owned();
        Mentor {
            id,
            details,
            country_name,
        }
    }
}

/// A country a mentor can be in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// English short name.
    pub name: String,
}

/// The English short name of the country with this alpha-2 code.
pub fn country_name(code: &str) -> Option<&'static str> {
    isocountry::CountryCode::for_alpha2(code)
        .ok()
        .map(|c| c.name())
}

/// Every country, by name.
pub fn countries() -> Vec<Country> {
    let mut all: Vec<Country> = isocountry::CountryCode::iter()
        .map(|c| Country {
            code: c.alpha2().to_owned(),
            name: c.name().to_owned(),
        })
        .collect();
    all.sort_by_key(|c| folded(&c.name));
    all
}

/// Every IANA time zone name, alphabetically.
pub fn time_zones() -> Vec<String> {
    let mut all: Vec<String> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| tz.name().to_owned())
        .collect();
    all.sort();
    all
}

/// The country a person writes: an alpha-2 code ("se", "SE") or its English name ("Sweden").
pub fn read_country(text: &str) -> Result<Option<String>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Ok(code) = isocountry::CountryCode::for_alpha2_caseless(text) {
        return Ok(Some(code.alpha2().to_owned()));
    }
    let wanted = folded(text);
    if let Some(code) = isocountry::CountryCode::iter().find(|c| folded(c.name()) == wanted) {
        return Ok(Some(code.alpha2().to_owned()));
    }
    Err(Error::invalid(
        "country",
        format!(
            "Choose the country from the list, or write its two-letter ISO code (SE for Sweden, \
             CL for Chile); {} is not one.",
            quoted(text)
        ),
    ))
}

/// An IANA time zone name as the zone database spells it ("europe/oslo" is "Europe/Oslo").
pub fn read_time_zone(text: &str) -> Result<Option<String>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Ok(tz) = chrono_tz::Tz::from_str(text) {
        return Ok(Some(tz.name().to_owned()));
    }
    if let Some(tz) = chrono_tz::TZ_VARIANTS
        .iter()
        .find(|tz| tz.name().eq_ignore_ascii_case(text))
    {
        return Ok(Some(tz.name().to_owned()));
    }
    Err(Error::invalid(
        "time_zone",
        format!(
            "Choose the time zone from the list, a place name like Europe/Stockholm or \
             America/New_York; {} is not one.",
            quoted(text)
        ),
    ))
}

/// The most languages a mentor can list.
const MOST_LANGUAGES: usize = 20;

/// Languages as given: each item may hold several, separated by commas or semicolons, a
/// language given twice (in any case or accent) kept where it came first.
pub(crate) fn split_languages<S: AsRef<str>>(items: &[S]) -> Result<Vec<String>> {
    let mut languages: Vec<String> = Vec::new();
    for item in items {
        for part in item.as_ref().split([',', ';', '/', '\n']) {
            let language = clean("languages", "A language", part, 40)?;
            if language.is_empty() || languages.iter().any(|l| folded(l) == folded(&language)) {
                continue;
            }
            languages.push(language);
        }
    }
    if languages.len() > MOST_LANGUAGES {
        return Err(Error::invalid(
            "languages",
            format!("List at most {MOST_LANGUAGES} languages."),
        ));
    }
    Ok(languages)
}

fn one_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl MentorDraft {
    /// Checks the fields: the name is required; the email, phone, country and time zone are
    /// checked when given; a certified mentor has the Mentor role. Roles and formats come back
    /// in the directory's order, each once.
    pub fn validated(&self) -> Result<MentorDraft> {
        let name = one_line(&clean("name", "Name", &self.name, 120)?);
        if name.is_empty() {
            return Err(Error::invalid("name", "Enter the mentor's name."));
        }
        let email = checked_email(&self.email)?;
        let phone = checked_phone(&self.phone, Some("+46 40 123 45 67"))?;
        let mut roles = self.roles.clone();
        roles.sort();
        roles.dedup();
        if self.certified_mentor && !roles.contains(&MentorRole::Mentor) {
            return Err(Error::invalid(
                "certified_mentor",
                "A certified mentor has the Mentor role: tick Mentor under Roles, or untick \
                 Certified mentor.",
            ));
        }
        let mut formats = Vec::new();
        for format in [Format::InPerson, Format::Virtual] {
            if self.formats.contains(&format) {
                formats.push(format);
            }
        }
        Ok(MentorDraft {
            name,
            credentials: one_line(&clean(
                "credentials",
                "Credentials",
                &self.credentials,
                120,
            )?),
            roles,
            certified_mentor: self.certified_mentor,
            email,
            phone,
            city: one_line(&clean("city", "City", &self.city, 120)?),
            country: read_country(self.country.as_deref().unwrap_or(""))?,
            time_zone: read_time_zone(self.time_zone.as_deref().unwrap_or(""))?,
            languages: split_languages(&self.languages)?,
            formats,
            cost_notes: clean("cost_notes", "Cost notes", &self.cost_notes, 400)?,
            notes: clean("notes", "Notes", &self.notes, 4000)?,
        })
    }

    /// Whether `other` is the same person: the same name and email, compared folded (case and
    /// accents set aside), as an import finds a mentor already in the directory.
    pub fn same_person(&self, other: &MentorDraft) -> bool {
        folded(&self.name) == folded(&other.name) && folded(&self.email) == folded(&other.email)
    }
}

/// How the therapist reaches a mentor from the directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ContactBy {
    /// The system's mail program, addressed to them.
    Email,
    /// The system's phone program (or a softphone), dialling them.
    Phone,
}

/// The link that opens the system's mail or phone program for this mentor: `mailto:` with
/// their address, or `tel:` with their number as digits (RFC 6068, RFC 3966). Refused with a
/// sentence when the mentor has no address or number, or one that cannot be dialled.
pub fn contact_link(mentor: &MentorDraft, by: ContactBy) -> Result<String> {
    match by {
        ContactBy::Email => {
            let email = mentor.email.trim();
            if email.is_empty() || !looks_like_email(email) {
                return Err(Error::Refused(format!(
                    "{} has no email address in your directory; add one with Edit.",
                    mentor.name
                )));
            }
            let mut link = String::from("mailto:");
            for byte in email.bytes() {
                if byte.is_ascii_alphanumeric() || b"@.-_~+!$'*=".contains(&byte) {
                    link.push(char::from(byte));
                } else {
                    link.push_str(&format!("%{byte:02X}"));
                }
            }
            Ok(link)
        }
        ContactBy::Phone => {
            let phone = mentor.phone.trim();
            let lower = phone.to_lowercase();
            let (number, extension) = match lower.split_once("ext") {
                Some((number, ext)) => (number, ext.trim_start_matches('.').trim()),
                None => (lower.as_str(), ""),
            };
            let digits: String = number.chars().filter(char::is_ascii_digit).collect();
            if digits.len() < 3 || !looks_like_phone(phone) {
                return Err(Error::Refused(format!(
                    "{} has no phone number in your directory that can be dialled; add one with                      Edit.",
                    mentor.name
                )));
            }
            let plus = if number.trim_start().starts_with('+') {
                "+"
            } else {
                ""
            };
            let ext: String = extension.chars().filter(char::is_ascii_digit).collect();
            Ok(if ext.is_empty() {
                format!("tel:{plus}{digits}")
            } else {
                format!("tel:{plus}{digits};ext={ext}")
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> MentorDraft {
        MentorDraft {
            name: "  Karin   Holm ".into(),
            roles: vec![
                MentorRole::Examiner,
                MentorRole::Mentor,
                MentorRole::Examiner,
            ],
            certified_mentor: true,
            country: Some("se".into()),
            time_zone: Some("europe/stockholm".into()),
            languages: vec!["Swedish, English".into(), "english".into(), " ".into()],
            formats: vec![Format::Virtual, Format::InPerson, Format::Virtual],
            ..MentorDraft::default()
        }
    }

    #[test]
    fn a_draft_comes_back_cleaned_in_the_directory_s_order() {
        let m = draft().validated().unwrap();
        assert_eq!(m.name, "Karin Holm");
        assert_eq!(m.roles, [MentorRole::Mentor, MentorRole::Examiner]);
        assert_eq!(m.country.as_deref(), Some("SE"));
        assert_eq!(m.time_zone.as_deref(), Some("Europe/Stockholm"));
        assert_eq!(m.languages, ["Swedish", "English"]);
        assert_eq!(m.formats, [Format::InPerson, Format::Virtual]);
        assert_eq!(Mentor::new(1, m).country_name, "Sweden");
    }

    #[test]
    fn a_certified_mentor_needs_the_mentor_role_and_the_refusal_names_the_box() {
        let d = MentorDraft {
            roles: vec![MentorRole::Examiner],
            ..draft()
        };
        match d.validated() {
            Err(Error::Invalid { field, message }) => {
                assert_eq!(field, "certified_mentor");
                assert!(message.contains("Mentor role"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        let uncertified = MentorDraft {
            certified_mentor: false,
            roles: vec![],
            ..draft()
        };
        assert!(
            uncertified.validated().is_ok(),
            "a practitioner with no role"
        );
    }

    #[test]
    fn a_country_or_time_zone_not_in_the_standards_is_refused_at_its_field() {
        for (d, field, said) in [
            (
                MentorDraft {
                    country: Some("Swedn".into()),
                    ..draft()
                },
                "country",
                "\"Swedn\"",
            ),
            (
                MentorDraft {
                    country: Some("XX".into()),
                    ..draft()
                },
                "country",
                "\"XX\"",
            ),
            (
                MentorDraft {
                    time_zone: Some("Europe/Malmo".into()),
                    ..draft()
                },
                "time_zone",
                "Europe/Malmo",
            ),
            (
                MentorDraft {
                    phone: "call me".into(),
                    ..draft()
                },
                "phone",
                "digits",
            ),
        ] {
            match d.validated() {
                Err(Error::Invalid { field: f, message }) => {
                    assert_eq!(f, field);
                    assert!(message.contains(said), "{message}");
                }
                other => panic!("{field}: {other:?}"),
            }
        }
        assert_eq!(read_country("Chile").unwrap().as_deref(), Some("CL"));
        assert_eq!(read_country(" ").unwrap(), None);
        assert_eq!(read_time_zone("").unwrap(), None);
    }

    #[test]
    fn the_same_person_is_the_same_name_and_email_folded() {
        let a = MentorDraft {
            name: "Tomás Oyarzún".into(),
            email: "Tomas@Example.cl".into(),
            ..MentorDraft::default()
        };
        let b = MentorDraft {
            name: "TOMAS OYARZUN".into(),
            email: "tomas@example.cl".into(),
            ..MentorDraft::default()
        };
        assert!(a.same_person(&b));
        let other_email = MentorDraft {
            email: "t@example.cl".into(),
            ..b.clone()
        };
        assert!(!a.same_person(&other_email));
    }

    #[test]
    fn roles_are_read_by_key_or_label() {
        assert_eq!(
            MentorRole::named("Teaching assistant"),
            Some(MentorRole::TeachingAssistant)
        );
        assert_eq!(
            MentorRole::named("teaching_assistant"),
            Some(MentorRole::TeachingAssistant)
        );
        assert_eq!(MentorRole::named("EXAMINER"), Some(MentorRole::Examiner));
        assert_eq!(MentorRole::named("boss"), None);
    }

    #[test]
    fn contact_links_carry_only_the_address_or_the_digits() {
        let m = MentorDraft {
            name: "Léa Moreau".into(),
            email: "léa.moreau+cst@example.fr".into(),
            phone: "+33 (4) 72-00.00 00 ext. 12".into(),
            ..MentorDraft::default()
        };
        assert_eq!(
            contact_link(&m, ContactBy::Email).unwrap(),
            "mailto:l%C3%A9a.moreau+cst@example.fr"
        );
        assert_eq!(
            contact_link(&m, ContactBy::Phone).unwrap(),
            "tel:+33472000000;ext=12"
        );
        let none = MentorDraft {
            name: "Mia".into(),
            email: "mia@example.org?subject=x&body=y".into(),
            ..MentorDraft::default()
        };
        assert!(matches!(
            contact_link(&none, ContactBy::Phone),
            Err(Error::Refused(m)) if m.contains("no phone number")
        ));
        let email = contact_link(&none, ContactBy::Email).unwrap();
        assert!(!email.contains('?') && !email.contains('&'), "{email}");
    }

    #[test]
    fn every_country_and_zone_is_listed() {
        assert!(countries()
            .iter()
            .any(|c| c.code == "JP" && c.name == "Japan"));
        assert!(time_zones().iter().any(|z| z == "Asia/Tokyo"));
    }
}
