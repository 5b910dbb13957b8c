//! The practitioner's profile: who the tracking form and the portfolio are about.

use serde::{Deserialize, Serialize};
use specta::Type;

use super::typed::clean;
use crate::error::{Error, Result};

/// The practitioner using this copy of Stillpoint. Printed on every form they send.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Profile {
    /// Full name, in whatever script the practitioner writes it.
    pub name: String,
    /// Credentials as they sign them, e.g. "LMT, CST-T".
    pub credentials: String,
    /// Member ID with the certifying body, if any.
    pub member_id: String,
    /// Postal address; may span several lines.
    pub address: String,
    /// Email address, if given.
    pub email: String,
    /// Phone number, if given.
    pub phone: String,
}

impl Profile {
    /// Checks every field and returns the profile with surrounding spaces trimmed.
    /// The first wrong field is reported with a message meant for that field.
    pub fn validated(&self) -> Result<Profile> {
        let name = clean("name", "Name", &self.name, 120)?;
        if name.is_empty() {
            return Err(Error::invalid(
                "name",
                "Enter your name as it should appear on forms.",
            ));
        }
        let email = checked_email(&self.email)?;
        let phone = checked_phone(&self.phone, None)?;
        Ok(Profile {
            name: single_line(&name),
            credentials: single_line(&clean(
                "credentials",
                "Credentials",
                &self.credentials,
                120,
            )?),
            member_id: single_line(&clean("member_id", "Member ID", &self.member_id, 60)?),
            address: clean("address", "Address", &self.address, 400)?,
            email,
            phone,
        })
    }
}

fn single_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One `@`, something before it, a dotted domain after it, no spaces. Internationalised
/// addresses (non-ASCII letters) are allowed: a therapist in Kyiv may have one.
/// An email address as typed, cleaned; empty, or one that looks like an address (field
/// `email`).
pub(super) fn checked_email(text: &str) -> Result<String> {
    let email = clean("email", "Email", text, 254)?;
    if !email.is_empty() && !looks_like_email(&email) {
        return Err(Error::invalid(
            "email",
            "Enter an email address like name@example.org.",
        ));
    }
    Ok(email)
}

/// A phone number as typed, cleaned; empty, or digits, spaces and + - ( ) (field `phone`). The
/// message shows `example` when given.
pub(super) fn checked_phone(text: &str, example: Option<&str>) -> Result<String> {
    let phone = clean("phone", "Phone", text, 40)?;
    if !phone.is_empty() && !looks_like_phone(&phone) {
        let like = example.map_or_else(String::new, |e| format!(", like {e}"));
        return Err(Error::invalid(
            "phone",
            format!("Enter a phone number using digits, spaces and + - ( ) only{like}."),
        ));
    }
    Ok(phone)
}

pub(super) fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-'))
}

pub(super) fn looks_like_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
    (5..=20).contains(&digits) && phone.chars().all(allowed)
        || phone
            .to_lowercase()
            .split_once("ext")
            .is_some_and(|(number, ext)| {
                looks_like_phone(number.trim())
                    && ext
                        .trim_start_matches('.')
                        .trim()
                        .chars()
                        .all(|c| c.is_ascii_digit())
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(name: &str) -> Profile {
        Profile {
            name: name.into(),
            ..Profile::default()
        }
    }

    fn field_of(result: Result<Profile>) -> &'static str {
        match result {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn names_in_any_script_are_kept_as_typed() {
        for name in [
            "Zoë Ångström-Núñez",
            "Олена Коваленко",
            "Ελένη Παπαδοπούλου",
            "נועה כהן",
            "山田 花子",
        ] {
            assert_eq!(profile(name).validated().unwrap().name, name);
        }
    }

    #[test]
    fn a_name_is_required_and_trimmed() {
        assert_eq!(field_of(profile("   ").validated()), "name");
        assert_eq!(
            profile("  Ana   Silva ").validated().unwrap().name,
            "Ana Silva"
        );
    }

    #[test]
    fn email_is_optional_but_checked_when_given() {
        let mut p = profile("Ana");
        assert!(p.validated().is_ok());
        for bad in [
            "ana",
            "ana@",
            "@example.org",
            "ana@example",
            "ana silva@example.org",
            "a@b@c.org",
        ] {
            p.email = bad.into();
            assert_eq!(field_of(p.validated()), "email", "{bad}");
        }
        for good in [
            "ana@example.org",
            "ana.silva+cst@mail.example.co.uk",
            "олена@приклад.укр",
        ] {
            p.email = good.into();
            assert!(p.validated().is_ok(), "{good}");
        }
    }

    #[test]
    fn phone_is_checked_when_given() {
        let mut p = profile("Ana");
        for good in ["+44 20 7946 0958", "(555) 010-2030", "030 1234567 ext. 12"] {
            p.phone = good.into();
            assert!(p.validated().is_ok(), "{good}");
        }
        for bad in ["call me", "12", "+44 20 7946 0958 #"] {
            p.phone = bad.into();
            assert_eq!(field_of(p.validated()), "phone", "{bad}");
        }
    }

    #[test]
    fn overlong_and_control_characters_are_refused() {
        assert_eq!(field_of(profile(&"a".repeat(121)).validated()), "name");
        let mut p = profile("Ana");
        p.credentials = "CST\u{7}".into();
        assert_eq!(field_of(p.validated()), "credentials");
    }

    #[test]
    fn the_address_keeps_its_lines() {
        let mut p = profile("Ana");
        p.address = "12 Harbour Road\nCork T12 X7Y2\nIreland".into();
        assert_eq!(p.validated().unwrap().address, p.address);
    }
}
