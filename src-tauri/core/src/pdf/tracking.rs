//! The mentorship program tracking form, filled in from the therapist's records or blank.
//!
//! The certifying body reviews one form per claim: who the practitioner is, every entry the
//! claimed hours come from, category by category against its minimum, the total, the credits,
//! the fee and a signed declaration. The caller works all of that out (see `rules::allocate_claim`)
//! and hands it over as plain, display-ready text and minutes; this module only lays it out. The
//! blank form has the same design with empty ruled rows, for those who log by hand.

use serde::{Deserialize, Serialize};

use super::layout::{Align, Cell, Column, Document, Lines, Row, Table, LEADING};
use super::typeset::Style;
use crate::error::Result;
use crate::model::Profile;
use crate::rules::format_minutes;

/// Everything a filled-in tracking form shows, ready to print.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackingForm {
    /// The program, e.g. "IAHE CranioSacral Therapy Mentorship Program".
    pub program: String,
    /// The form's title, e.g. "Mentorship Program Tracking Form".
    pub title: String,
    /// Who claims.
    pub practitioner: Profile,
    /// Which submission this is, e.g. "Submission 3 · created 24 November 2026".
    pub submission_label: String,
    /// One section per category, in the order they are printed (A, B, C).
    pub categories: Vec<CategorySection>,
    /// Minutes claimed on this form, all categories together.
    pub total_claimed_minutes: i64,
    /// Credits claimed.
    pub credits: u32,
    /// Entries claimed only in part: what is left of them for a later form.
    pub carried_forward: Vec<CarriedForward>,
    /// The processing fee, e.g. "USD 25.00"; `None` prints a line to fill in.
    pub fee: Option<String>,
    /// The declaration the practitioner signs.
    pub declaration: String,
}

/// One category's part of the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategorySection {
    /// The category's letter, e.g. "A".
    pub key: String,
    /// Its heading, e.g. "Category A: receiving treatment".
    pub label: String,
    /// The least each credit needs from this category.
    pub minimum_minutes: i64,
    /// The entries the claim takes minutes from, oldest first.
    pub rows: Vec<FormRow>,
    /// Minutes claimed in this category.
    pub claimed_minutes: i64,
}

/// One entry on the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormRow {
    /// When it took place, as printed; "3 Feb 2025" fits its column on one line.
    pub date: String,
    /// What it was, e.g. "Receiving treatment".
    pub activity: String,
    /// The mentor or provider with credentials, e.g. "Anna Kuznetsova, CST-D".
    pub provider: String,
    /// In person or virtual, as printed.
    pub format: String,
    /// Minutes the therapist logged.
    pub logged_minutes: i64,
    /// Minutes that count under the rules.
    pub counted_minutes: i64,
    /// Minutes this form claims from it.
    pub claimed_minutes: i64,
    /// The rest of an entry already claimed in part on an earlier form.
    pub carried_in: bool,
}

/// What is left of an entry this form claims only in part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarriedForward {
    /// When it took place, as printed.
    pub date: String,
    /// What it was.
    pub activity: String,
    /// The mentor or provider with credentials.
    pub provider: String,
    /// Minutes left for a later form.
    pub remaining_minutes: i64,
}

/// A tracking form to fill in by hand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlankForm {
    /// The program, e.g. "IAHE CranioSacral Therapy Mentorship Program".
    pub program: String,
    /// The form's title, e.g. "Mentorship Program Tracking Form".
    pub title: String,
    /// The practitioner's details printed in, or `None` for lines to fill in.
    pub practitioner: Option<Profile>,
    /// The categories, each with its heading and minimum.
    pub categories: Vec<BlankCategory>,
    /// Empty rows per category (at least one).
    pub rows_per_category: usize,
    /// The processing fee, or `None` for a line to fill in.
    pub fee: Option<String>,
    /// The declaration the practitioner signs.
    pub declaration: String,
}

/// A category on the blank form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlankCategory {
    /// Its heading, e.g. "Category A: receiving treatment".
    pub label: String,
    /// The least each credit needs from this category.
    pub minimum_minutes: i64,
}

const BODY: f32 = 9.0;
const HEADING: f32 = 11.5;
/// A heading's line and the space under it.
const HEADING_HEIGHT: f32 = HEADING * LEADING + 4.0;
const TABLE: f32 = 8.5;
const NOTE_CARRIED_IN: &str = "carried forward";

/// The filled-in tracking form as a PDF.
///
/// Fails with `Error::Unprintable` when some text has characters no font on this computer has.
pub fn tracking_form_pdf(form: &TrackingForm) -> Result<Vec<u8>> {
    let mut doc = Document::new(&form.title);
    doc.set_footer(&footer(&form.title, &form.practitioner.name));
    masthead(&mut doc, &form.program, &form.title, &form.submission_label)?;
    practitioner(&mut doc, Some(&form.practitioner))?;

    for category in &form.categories {
        heading(&mut doc, &category.label)?;
        let mut rows: Vec<Row> = category.rows.iter().map(entry_row).collect();
        if rows.is_empty() {
            let none = format!("No entries are claimed in category {}.", category.key);
            rows.push(Row::new(vec![Cell::label(none).spanning(7)]));
        }
        let sum = |f: fn(&FormRow) -> i64| category.rows.iter().map(f).sum::<i64>();
        rows.push(Row::total(vec![
            Cell::new(format!(
                "Subtotal: {} required — {} claimed",
                format_minutes(category.minimum_minutes),
                format_minutes(category.claimed_minutes)
            ))
            .spanning(4),
            Cell::new(format_minutes(sum(|r| r.logged_minutes))),
            Cell::new(format_minutes(sum(|r| r.counted_minutes))),
            Cell::new(format_minutes(category.claimed_minutes)),
        ]));
        doc.table(&Table {
            columns: entry_columns(),
            rows,
            header: true,
            lines: Lines::Rows,
            size: TABLE,
            continued: format!("{} (continued)", category.label),
        })?;
        doc.space(14.0);
    }

    heading(&mut doc, "Summary")?;
    doc.table(&Table {
        columns: vec![Column::left("", 3.0), Column::right("", 1.0)],
        rows: vec![
            Row::new(vec![
                Cell::new("Total claimed on this form"),
                Cell::new(format_minutes(form.total_claimed_minutes)),
            ]),
            Row::total(vec![
                Cell::new("Credits claimed"),
                Cell::new(form.credits.to_string()),
            ]),
        ],
        header: false,
        lines: Lines::Rows,
        size: BODY,
        continued: String::new(),
    })?;
    doc.space(14.0);

    heading(&mut doc, "Carried forward to a later form")?;
    if form.carried_forward.is_empty() {
        doc.remark(
            "Nothing is carried forward: every entry above is claimed in full.",
            Style::regular(BODY),
        )?;
    } else {
        doc.remark(
            "These entries are claimed only in part on this form. The minutes left stay in the \
             record and can be claimed on a later form.",
            Style::regular(BODY),
        )?;
        doc.space(4.0);
        doc.table(&Table {
            columns: vec![
                Column::left("Date", 66.0),
                Column::left("Activity", 130.0),
                Column::left("Mentor / provider", 160.0),
                Column::right("Remaining", 62.0),
            ],
            rows: form
                .carried_forward
                .iter()
                .map(|c| {
                    Row::new(vec![
                        Cell::new(c.date.clone()),
                        Cell::new(c.activity.clone()),
                        Cell::new(c.provider.clone()),
                        Cell::new(format_minutes(c.remaining_minutes)),
                    ])
                })
                .collect(),
            header: true,
            lines: Lines::Rows,
            size: TABLE,
            continued: "Carried forward to a later form (continued)".to_owned(),
        })?;
    }
    doc.space(14.0);

    closing(&mut doc, form.fee.as_deref(), &form.declaration)?;
    doc.finish()
}

/// The tracking form with empty ruled rows, to fill in by hand, as a PDF.
///
/// Fails with `Error::Unprintable` when some text has characters no font on this computer has.
pub fn blank_form_pdf(form: &BlankForm) -> Result<Vec<u8>> {
    let mut doc = Document::new(&form.title);
    let name = form.practitioner.as_ref().map_or("", |p| p.name.as_str());
    doc.set_footer(&footer(&form.title, name));
    masthead(
        &mut doc,
        &form.program,
        &form.title,
        "To fill in by hand. Hours as hours and minutes, e.g. 2 h 30 min.",
    )?;
    practitioner(&mut doc, form.practitioner.as_ref())?;

    for category in &form.categories {
        let mut rows: Vec<Row> = (0..form.rows_per_category.max(1))
            .map(|_| Row {
                cells: (0..7).map(|_| Cell::default()).collect(),
                total: false,
                min_height: 22.0,
            })
            .collect();
        rows.push(Row {
            cells: vec![
                Cell::new("Subtotal").spanning(4),
                Cell::default(),
                Cell::default(),
                Cell::default(),
            ],
            total: true,
            min_height: 22.0,
        });
        let table = Table {
            columns: entry_columns(),
            rows,
            header: true,
            lines: Lines::Grid,
            size: TABLE,
            continued: format!("{} (continued)", category.label),
        };
        // A category to fill in by hand is not split across pages when a page can hold it.
        doc.keep(HEADING_HEIGHT + doc.table_height(&table)?);
        heading(
            &mut doc,
            &format!(
                "{} ({} required)",
                category.label,
                format_minutes(category.minimum_minutes)
            ),
        )?;
        doc.table(&table)?;
        doc.space(14.0);
    }

    heading(&mut doc, "Summary")?;
    doc.field("Total claimed on this form:", None, Style::regular(BODY))?;
    doc.space(6.0);
    doc.field("Credits claimed:", None, Style::regular(BODY))?;
    doc.space(14.0);
    closing(&mut doc, form.fee.as_deref(), &form.declaration)?;
    doc.finish()
}

fn footer(title: &str, name: &str) -> String {
    if name.is_empty() {
        title.to_owned()
    } else {
        format!("{title} · {name}")
    }
}

fn masthead(doc: &mut Document, program: &str, title: &str, label: &str) -> Result<()> {
    doc.remark(program, Style::bold(10.0))?;
    doc.space(2.0);
    doc.paragraph(title, Style::bold(18.0), Align::Left)?;
    if !label.is_empty() {
        doc.space(2.0);
        doc.remark(label, Style::regular(BODY))?;
    }
    doc.space(6.0);
    doc.rule(1.0);
    doc.space(12.0);
    Ok(())
}

fn heading(doc: &mut Document, text: &str) -> Result<()> {
    // A heading keeps a few lines of what it introduces with it.
    doc.keep(70.0);
    doc.paragraph(text, Style::bold(HEADING), Align::Left)?;
    doc.space(4.0);
    Ok(())
}

/// The practitioner's details in two columns of labels and values; lines to fill in when
/// there are none.
fn practitioner(doc: &mut Document, profile: Option<&Profile>) -> Result<()> {
    heading(doc, "Practitioner")?;
    let columns = vec![
        Column::left("", 62.0),
        Column::left("", 188.0),
        Column::left("", 56.0),
        Column::left("", 194.0),
    ];
    let label = |text: &str| Cell::label(text);
    let rows = match profile {
        Some(p) => vec![
            Row::new(vec![
                label("Name"),
                Cell::new(p.name.clone()),
                label("Email"),
                Cell::new(p.email.clone()),
            ]),
            Row::new(vec![
                label("Credentials"),
                Cell::new(p.credentials.clone()),
                label("Phone"),
                Cell::new(p.phone.clone()),
            ]),
            Row::new(vec![
                label("Member ID"),
                Cell::new(p.member_id.clone()),
                label("Address"),
                Cell::new(p.address.clone()),
            ]),
        ],
        None => [
            ("Name", "Email"),
            ("Credentials", "Phone"),
            ("Member ID", "Address"),
        ]
        .iter()
        .map(|(left, right)| Row {
            cells: vec![label(left), Cell::default(), label(right), Cell::default()],
            total: false,
            min_height: 22.0,
        })
        .collect(),
    };
    let lines = if profile.is_some() {
        Lines::None
    } else {
        Lines::Rows
    };
    doc.table(&Table {
        columns,
        rows,
        header: false,
        lines,
        size: BODY,
        continued: String::new(),
    })?;
    doc.space(16.0);
    Ok(())
}

fn entry_columns() -> Vec<Column> {
    vec![
        Column::left("Date", 62.0),
        Column::left("Activity", 96.0),
        Column::left("Mentor / provider", 108.0),
        Column::left("Format", 48.0),
        Column::right("Logged", 62.0),
        Column::right("Counted", 62.0),
        Column::right("Claimed", 62.0),
    ]
}

fn entry_row(row: &FormRow) -> Row {
    let activity = Cell::new(row.activity.clone());
    let activity = if row.carried_in {
        activity.with_note(NOTE_CARRIED_IN)
    } else {
        activity
    };
    Row::new(vec![
        Cell::new(row.date.clone()),
        activity,
        Cell::new(row.provider.clone()),
        Cell::new(row.format.clone()),
        Cell::new(format_minutes(row.logged_minutes)),
        Cell::new(format_minutes(row.counted_minutes)),
        Cell::new(format_minutes(row.claimed_minutes)),
    ])
}

/// Fee, declaration, signature and date: the end of both forms.
fn closing(doc: &mut Document, fee: Option<&str>, declaration: &str) -> Result<()> {
    // The declaration is signed where it is read: keep them on one page.
    doc.keep(150.0);
    doc.field("Processing fee:", fee, Style::regular(BODY))?;
    doc.space(14.0);
    heading(doc, "Declaration")?;
    doc.paragraph(declaration, Style::regular(BODY), Align::Left)?;
    doc.space(10.0);
    doc.signature_lines(&[("Signature of practitioner", 2.0), ("Date", 1.0)])?;
    Ok(())
}
