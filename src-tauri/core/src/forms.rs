//! The tracking forms as files: a submission's form, and the blank one for logging by hand.
//!
//! `pdf` lays out plain, display-ready data and decides nothing; `store` knows what a
//! submission claims. This module is the small bridge between them: it reads the submission,
//! the profile and the rule set, and words every value the way the form prints it.

use crate::error::{Error, Result};
use crate::model::{Profile, SubmissionDetail};
use crate::pdf::{
    blank_form_pdf, tracking_form_pdf, BlankCategory, BlankForm, CarriedForward, CategorySection,
    FormRow, TrackingForm,
};
use crate::rules::{default_rule_set, format_date, Format};

/// A date in a table cell: "3 Feb 2025" (full month names wrap in the narrow column).
fn short_date(date: chrono::NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}
use crate::Store;

/// The form's title, as the program names it.
pub const FORM_TITLE: &str = "Mentorship Program Tracking Form";

/// What the practitioner signs.
const DECLARATION: &str = "I declare that I received the mentorship hours listed on this form as \
described, that the providers and mentors are named as they introduced themselves, and that no \
hour on this form has been claimed on an earlier form.";

/// A profile is needed: the form is about someone.
fn profile(store: &Store) -> Result<Profile> {
    store.profile()?.ok_or_else(|| {
        Error::Refused(
            "Add your name in Settings first: the tracking form is printed with your details."
                .into(),
        )
    })
}

/// The tracking form of submission `id`, as a PDF.
pub fn submission_form(store: &Store, id: i64) -> Result<Vec<u8>> {
    let detail = store.submission(id)?;
    tracking_form_pdf(&tracking_form(&detail, profile(store)?))
}

/// The file name a submission's form is saved under by default.
pub fn submission_form_name(id: i64) -> String {
    format!("Tracking form {id}.pdf")
}

/// The form's data for one submission: every value worded as printed.
pub fn tracking_form(detail: &SubmissionDetail, practitioner: Profile) -> TrackingForm {
    let s = &detail.summary;
    let mut label = format!(
        "Submission {} · created {}",
        s.id,
        format_date(s.created_on)
    );
    if let Some(sent) = s.sent_on {
        label.push_str(&format!(" · sent {}", format_date(sent)));
    }
    TrackingForm {
        program: detail.program.clone(),
        title: FORM_TITLE.into(),
        practitioner,
        submission_label: label,
        categories: detail
            .categories
            .iter()
            .map(|c| CategorySection {
                key: c.category.letter().into(),
                label: c.label.clone(),
                minimum_minutes: c.required_minutes,
                claimed_minutes: c.claimed_minutes,
                rows: c
                    .rows
                    .iter()
                    .map(|r| FormRow {
                        date: short_date(r.date),
                        activity: r.activity_label.clone(),
                        provider: with_credentials(&r.provider, &r.provider_credentials),
                        format: format_label(r.format).into(),
                        logged_minutes: r.logged_minutes.unwrap_or(r.counted_minutes),
                        counted_minutes: r.counted_minutes,
                        claimed_minutes: r.claimed_minutes,
                        carried_in: r.carried_in,
                    })
                    .collect(),
            })
            .collect(),
        total_claimed_minutes: s.claimed_total,
        credits: u32::try_from(s.credits).unwrap_or(0),
        carried_forward: detail
            .carried_forward
            .iter()
            .map(|c| CarriedForward {
                date: short_date(c.date),
                activity: c.activity_label.clone(),
                provider: c.provider.clone(),
                remaining_minutes: c.remaining_minutes,
            })
            .collect(),
        fee: s
            .fee
            .as_ref()
            .map(|f| format!("{} {}", f.currency, f.amount)),
        declaration: DECLARATION.into(),
    }
}

/// A blank form of the same design, with ruled rows per category and the practitioner's details
/// when there is a profile.
pub fn blank_form(store: &Store) -> Result<Vec<u8>> {
    let rules = default_rule_set()?;
    blank_form_pdf(&BlankForm {
        program: rules.name().into(),
        title: FORM_TITLE.into(),
        practitioner: store.profile()?,
        categories: rules
            .categories()
            .iter()
            .map(|c| BlankCategory {
                label: c.label.clone(),
                minimum_minutes: c.minimum_minutes,
            })
            .collect(),
        rows_per_category: 12,
        fee: None,
        declaration: DECLARATION.into(),
    })
}

fn with_credentials(name: &str, credentials: &str) -> String {
    match (name.is_empty(), credentials.is_empty()) {
        (_, true) => name.into(),
        (true, false) => credentials.into(),
        (false, false) => format!("{name}, {credentials}"),
    }
}

fn format_label(format: Format) -> &'static str {
    match format {
        Format::InPerson => "In person",
        Format::Virtual => "Virtual",
    }
}
