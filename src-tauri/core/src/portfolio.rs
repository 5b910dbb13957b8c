//! The certification portfolio as a file: the records gathered, checked, and worded for `pdf`.
//!
//! This is the one door through which case notes leave the app, so it is where the promise is
//! kept: only case studies of clients who consented to de-identified use go in, and nothing
//! printed may contain any client's private name or contact. Every text that would be printed is
//! searched for every client's (not only the case's own: a case can mention another client) and a
//! single find refuses the whole export, saying where it is. Only then are the records worded
//! (dates, hours, states) and handed to `pdf::portfolio`, which decides nothing.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::certification::{default_certification, PathReadiness};
use crate::clinical::{Hit, PrivateIdentity};
use crate::error::{Error, Result};
use crate::model::{read_iso, CaseStudy, CourseRole, SubmissionState};
use crate::pdf::portfolio::{
    CategoryLine, ChecklistLine, CourseLine, ExamLine, PathChecklist, PresentationLine,
    SubmissionLine,
};
use crate::pdf::{portfolio_pdf, CaseStudyPages, Portfolio, PortfolioPdf};
use crate::rules::{default_rule_set, format_date, format_iso_date, format_minutes, Category};
use crate::Store;

/// The portfolio's title.
pub const PORTFOLIO_TITLE: &str = "Certification portfolio";

/// The file name a portfolio is saved under by default.
pub fn portfolio_file_name(today: NaiveDate) -> String {
    format!("{PORTFOLIO_TITLE} {today}.pdf")
}

/// The case studies a portfolio includes when none are chosen: every one whose client consents
/// to de-identified use, oldest last treatment first.
pub fn default_case_studies(store: &Store) -> Result<Vec<i64>> {
    Ok(store
        .case_studies_to_search()?
        .into_iter()
        .filter(|c| c.portfolio_consent)
        .map(|c| c.id)
        .collect())
}

/// One place an export would print a client's private name or contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ExportHit {
    /// The case study it is in; `None` for the training record.
    #[specta(type = Option<specta_typescript::Number>)]
    pub case_study_id: Option<i64>,
    /// Where, in words: `Case study 3 ("Headaches", client C-001)`, `Presentation "…"`.
    pub place: String,
    /// The field, the words around the find, what it is and whose, and where in the field.
    pub hit: Hit,
}

/// The portfolio as a PDF, with the case studies `chosen` (in that order; `None`: the
/// default ones). Refused, with nothing made, when a case study does not exist, its client has
/// not consented, or any printed text names any client (see [`export_hits`]).
pub fn portfolio(store: &Store, chosen: Option<&[i64]>, today: NaiveDate) -> Result<PortfolioPdf> {
    portfolio_pdf(&portfolio_data(store, chosen, today)?)
}

/// What the portfolio prints, worded, after the same checks as [`portfolio`]: for a preview, or
/// another rendering of the same text.
pub fn portfolio_data(
    store: &Store,
    chosen: Option<&[i64]>,
    today: NaiveDate,
) -> Result<Portfolio> {
    let all = store.case_studies_to_search()?;
    let cases = select(store, &all, chosen)?;
    let data = gather(store, &cases, today)?;
    let finds = named(store, &data, &cases)?;
    if finds.is_empty() {
        Ok(data)
    } else {
        Err(refusal(&finds))
    }
}

/// Every place the portfolio with the case studies `chosen` would print any client's private
/// name or contact: what blocks the export, for the window to list (empty: nothing does).
/// Refused like [`portfolio`] for a case study that does not exist or lacks consent.
pub fn export_hits(
    store: &Store,
    chosen: Option<&[i64]>,
    today: NaiveDate,
) -> Result<Vec<ExportHit>> {
    let all = store.case_studies_to_search()?;
    let cases = select(store, &all, chosen)?;
    named(store, &gather(store, &cases, today)?, &cases)
}

/// The case studies `chosen` (each once, in order) or the default ones; each must exist and its
/// client consent.
fn select<'a>(
    store: &Store,
    all: &'a [CaseStudy],
    chosen: Option<&[i64]>,
) -> Result<Vec<&'a CaseStudy>> {
    let ids = match chosen {
        Some(ids) => {
            let mut unique: Vec<i64> = Vec::with_capacity(ids.len());
            for id in ids {
                if !unique.contains(id) {
                    unique.push(*id);
                }
            }
            unique
        }
        None => default_case_studies(store)?,
    };
    ids.into_iter()
        .map(|id| {
            let case = all
                .iter()
                .find(|c| c.id == id)
                .ok_or_else(|| Error::NotFound(format!("Case study {id}")))?;
            if !case.portfolio_consent {
                return Err(Error::Refused(format!(
                    "Case study {id} (\"{}\") cannot go in a portfolio: client {} has not \
                     consented to de-identified use. Record their consent, or leave the case \
                     study out.",
                    case.draft.title, case.client_code
                )));
            }
            Ok(case)
        })
        .collect()
}

/// Every find of any client's private name or contact in what would be printed.
fn named(store: &Store, data: &Portfolio, cases: &[&CaseStudy]) -> Result<Vec<ExportHit>> {
    let clients = store.clients()?;
    let identity = PrivateIdentity::of_clients(clients.iter().map(|c| {
        let d = &c.client.draft;
        (
            d.code.as_str(),
            d.private_name.as_str(),
            d.private_contact.as_str(),
        )
    }));
    let mut finds = Vec::new();
    if identity.is_empty() {
        return Ok(finds);
    }
    for case in cases {
        let place = format!(
            "Case study {} (\"{}\", client {})",
            case.id, case.draft.title, case.client_code
        );
        for (field, label, text) in case.draft.texts() {
            for hit in identity.hits(&field, &label, text) {
                finds.push(ExportHit {
                    case_study_id: Some(case.id),
                    place: place.clone(),
                    hit,
                });
            }
        }
    }
    let mut other: Vec<(String, &str, &str, &str)> = Vec::new();
    for c in &data.courses {
        for (field, label, text) in [
            ("instructor", "Instructor", &c.instructor),
            ("place", "Place", &c.place),
            ("title", "Course", &c.title),
        ] {
            other.push((format!("Course \"{}\"", c.title), field, label, text));
        }
    }
    for e in &data.exams {
        other.push((format!("Exam \"{}\"", e.title), "note", "Note", &e.note));
    }
    for t in &data.presentations {
        for (field, label, text) in [
            ("title", "Title", &t.title),
            ("audience", "Group", &t.audience),
        ] {
            other.push((format!("Presentation \"{}\"", t.title), field, label, text));
        }
    }
    for (place, field, label, text) in other {
        for hit in identity.hits(field, label, text) {
            finds.push(ExportHit {
                case_study_id: None,
                place: place.clone(),
                hit,
            });
        }
    }
    Ok(finds)
}

/// The refusal of an export that would name a client: a line per find (the first dozen).
fn refusal(finds: &[ExportHit]) -> Error {
    let shown = 12;
    let mut lines: Vec<String> = finds
        .iter()
        .take(shown)
        .map(|f| {
            format!(
                "- {}, {}: \"{}\" ({})",
                f.place, f.hit.label, f.hit.snippet, f.hit.found
            )
        })
        .collect();
    if finds.len() > shown {
        lines.push(format!("- and {} more.", finds.len() - shown));
    }
    Error::Refused(format!(
        "The portfolio was not made: it would print a client's private name or contact.\n{}\n\
         Remove or reword these, then export again.",
        lines.join("\n")
    ))
}

/// "3 Feb 2025".
fn short(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

fn short_iso(iso: &str) -> String {
    read_iso(iso).map_or_else(|| iso.to_owned(), short)
}

/// A course's days: "13–16 Mar 2025", "28 Feb – 2 Mar 2025", "30 Dec 2024 – 2 Jan 2025".
fn span(from: &str, to: &str) -> String {
    use chrono::Datelike;
    match (read_iso(from), read_iso(to)) {
        (Some(a), Some(b)) if a == b => short(a),
        (Some(a), Some(b)) if (a.year(), a.month()) == (b.year(), b.month()) => {
            format!("{}–{}", a.day(), short(b))
        }
        (Some(a), Some(b)) if a.year() == b.year() => {
            format!("{} – {}", a.format("%-d %b"), short(b))
        }
        (Some(a), Some(b)) => format!("{} – {}", short(a), short(b)),
        _ => format!("{from} – {to}"),
    }
}

fn checklist(path: &PathReadiness) -> PathChecklist {
    let done = path.items.iter().filter(|i| i.done).count();
    PathChecklist {
        name: path.name.clone(),
        status: if path.done {
            "Every requirement is met by the records below.".to_owned()
        } else {
            format!("{done} of {} requirements met.", path.items.len())
        },
        items: path
            .items
            .iter()
            .map(|i| ChecklistLine {
                label: i.label.clone(),
                state: if i.done { "Done" } else { "Missing" }.to_owned(),
                detail: i.detail.clone(),
            })
            .collect(),
    }
}

fn case_pages(case: &CaseStudy) -> CaseStudyPages {
    let d = &case.draft;
    let mut facts = vec![
        ("Client".to_owned(), case.client_code.clone()),
        (
            "Last treatment".to_owned(),
            format_iso_date(&d.last_treatment_on),
        ),
        (
            "Age".to_owned(),
            d.client_age
                .map_or_else(|| "not given".to_owned(), |a| a.to_string()),
        ),
        (
            "Number of treatments".to_owned(),
            d.treatment_count.to_string(),
        ),
    ];
    if !d.client_gender.is_empty() {
        facts.insert(3, ("Gender".to_owned(), d.client_gender.clone()));
    }
    CaseStudyPages {
        title: d.title.clone(),
        client_code: case.client_code.clone(),
        facts,
        symptoms: d.symptoms.clone(),
        evaluations: d
            .evaluations
            .iter()
            .map(|e| (short_iso(&e.date), e.text.clone()))
            .collect(),
        findings: d.findings.clone(),
        techniques: d.techniques.clone(),
        outcome: d.outcome.clone(),
        discussion: d.discussion.clone(),
    }
}

/// Everything the portfolio prints, from the store, worded.
fn gather(store: &Store, cases: &[&CaseStudy], today: NaiveDate) -> Result<Portfolio> {
    let practitioner = store.profile()?.ok_or_else(|| {
        Error::Refused(
            "Add your name in Settings first: the portfolio is printed with your details.".into(),
        )
    })?;
    let certification = default_certification()?;
    let rules = default_rule_set()?;

    let courses = store
        .courses()?
        .into_iter()
        .map(|c| CourseLine {
            note: match c.draft.role {
                Some(CourseRole::Preceptor) => "as preceptor".to_owned(),
                Some(CourseRole::Participant) | None => String::new(),
            },
            title: c.display_title,
            dates: span(&c.draft.started_on, &c.draft.finished_on),
            instructor: c.draft.instructor,
            place: c.draft.place,
            hours: format_minutes(c.minutes),
            certificate: if c.certificates.is_empty() {
                String::new()
            } else {
                "On file".to_owned()
            },
        })
        .collect();
    let exams = store
        .exams()?
        .into_iter()
        .map(|e| ExamLine {
            title: e.title,
            passed_on: short_iso(&e.draft.passed_on),
            note: e.draft.note,
        })
        .collect();
    let presentations = store
        .presentations()?
        .into_iter()
        .map(|p| PresentationLine {
            given_on: short_iso(&p.draft.given_on),
            length: format_minutes(p.minutes),
            title: p.draft.title,
            audience: p.draft.audience,
        })
        .collect();

    let status = store.credit_status()?;
    let submissions = store.submissions()?;
    let mut claimed = crate::rules::ByCategory::default();
    for s in &submissions {
        for c in Category::ALL {
            claimed[c] += s.claimed[c];
        }
    }
    let mut categories: Vec<CategoryLine> = Category::ALL
        .iter()
        .map(|&c| CategoryLine {
            label: rules.category(c).label.clone(),
            counted: format_minutes(claimed[c] + status.counted[c]),
            claimed: format_minutes(claimed[c]),
            unclaimed: format_minutes(status.counted[c]),
        })
        .collect();
    categories.push(CategoryLine {
        label: "All categories".to_owned(),
        counted: format_minutes(claimed.total() + status.counted.total()),
        claimed: format_minutes(claimed.total()),
        unclaimed: format_minutes(status.counted.total()),
    });
    let credits_in = |states: &[SubmissionState]| -> i64 {
        submissions
            .iter()
            .filter(|s| states.contains(&s.state))
            .map(|s| s.credits)
            .sum()
    };
    let credits = vec![
        (
            "Credits credited by the program".to_owned(),
            credits_in(&[SubmissionState::Credited]).to_string(),
        ),
        (
            "Credits claimed and waiting (draft or sent)".to_owned(),
            credits_in(&[SubmissionState::Draft, SubmissionState::Sent]).to_string(),
        ),
        (
            "Credits earned and not yet claimed".to_owned(),
            status.credits_available.to_string(),
        ),
    ];
    let submissions = submissions
        .iter()
        .map(|s| {
            let mut dates = format!("created {}", short(s.created_on));
            if let Some(sent) = s.sent_on {
                dates.push_str(&format!(", sent {}", short(sent)));
            }
            if let Some(credited) = s.credited_on {
                dates.push_str(&format!(", credited {}", short(credited)));
            }
            SubmissionLine {
                number: s.id.to_string(),
                state: match s.state {
                    SubmissionState::Draft => "Draft",
                    SubmissionState::Sent => "Sent",
                    SubmissionState::Credited => "Credited",
                }
                .to_owned(),
                credits: s.credits.to_string(),
                hours: format_minutes(s.claimed_total),
                dates,
            }
        })
        .collect();

    let mut details = Vec::new();
    if !practitioner.member_id.is_empty() {
        details.push(format!("Member ID {}", practitioner.member_id));
    }
    for line in [&practitioner.email, &practitioner.phone] {
        if !line.is_empty() {
            details.push(line.clone());
        }
    }

    Ok(Portfolio {
        title: PORTFOLIO_TITLE.to_owned(),
        practitioner: practitioner.name,
        credentials: practitioner.credentials,
        details,
        certification: certification.name().to_owned(),
        prepared_on: format_date(today),
        courses,
        exams,
        presentations,
        program: rules.name().to_owned(),
        categories,
        credits,
        submissions,
        paths: store.readiness()?.iter().map(checklist).collect(),
        case_studies: cases.iter().map(|c| case_pages(c)).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_hits_list_every_find_with_its_case_study() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::load(&mut store, NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert!(export_hits(&store, None, today).unwrap().is_empty());
        let case = store.case_studies().unwrap().remove(0);
        let draft = crate::model::CaseStudyDraft {
            outcome: "INGRID is back at work; call +47 934 11 220.".into(),
            ..case.draft.clone()
        };
        store.save_case_study(Some(case.id), &draft, today).unwrap();
        let hits = export_hits(&store, None, today).unwrap();
        let found: Vec<(Option<i64>, &str, &str)> = hits
            .iter()
            .map(|h| (h.case_study_id, h.hit.field.as_str(), h.hit.found.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    Some(case.id),
                    "outcome",
                    "part of the private name of C-001"
                ),
                (Some(case.id), "outcome", "the private contact of C-001"),
            ]
        );
        assert!(matches!(
            portfolio(&store, None, today),
            Err(Error::Refused(_))
        ));
    }

    #[test]
    fn course_days_are_written_short() {
        assert_eq!(span("2025-03-13", "2025-03-16"), "13–16 Mar 2025");
        assert_eq!(span("2025-02-28", "2025-03-02"), "28 Feb – 2 Mar 2025");
        assert_eq!(span("2024-12-30", "2025-01-02"), "30 Dec 2024 – 2 Jan 2025");
        assert_eq!(span("2025-03-13", "2025-03-13"), "13 Mar 2025");
    }
}
