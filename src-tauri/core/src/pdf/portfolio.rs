//! The certification portfolio: cover, contents, training record, mentorship summary, readiness
//! checklist and case studies, as one PDF.
//!
//! A certifying body reads the portfolio as a document: it needs a contents page whose page
//! numbers are right, each case study starting on a page of its own, and every page saying what
//! it is and where it is. The caller hands over display-ready text (clients only as codes; see
//! `portfolio.rs` for the checks made before anything reaches this module); this module lays it
//! out. The contents are laid out last, into pages kept for them: their length depends only on
//! their titles (the page numbers sit in a column of fixed width), so it is measured first on a
//! scratch document and the body is laid out once.

mod content;

use serde::{Deserialize, Serialize};

use super::layout::{Align, Cell, Column, Document, Lines, Row, Table, LEADING};
use super::typeset::Style;
use crate::error::Result;
pub use content::{
    CaseStudyPages, CategoryLine, ChecklistLine, CourseLine, ExamLine, PathChecklist, Portfolio,
    PresentationLine, SubmissionLine,
};

/// Where each part of the portfolio starts, as the contents list it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentsEntry {
    /// The part, e.g. "Training record" or "Case study 2: Headaches after a fall".
    pub title: String,
    /// A line under it; may be empty.
    pub note: String,
    /// The page it starts on.
    pub page: usize,
    /// A case study (indented under its heading) rather than a part of its own.
    pub case_study: bool,
}

const BODY: f32 = 9.5;
const TABLE: f32 = 8.5;
const HEADING: f32 = 12.5;
const SECTION: f32 = 17.0;
const NONE_YET: &str = "None recorded.";

/// A portfolio laid out: the file, where each part starts, and how many pages it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortfolioPdf {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// The contents as printed, with the page each part starts on.
    pub contents: Vec<ContentsEntry>,
    /// Its pages.
    pub pages: usize,
}

/// The portfolio as a PDF, and where each part starts.
///
/// Fails with `Error::Unprintable` when some text has characters no font on this computer has.
pub fn portfolio_pdf(portfolio: &Portfolio) -> Result<PortfolioPdf> {
    let mut doc = Document::new(&format!("{} · {}", portfolio.title, portfolio.practitioner));
    doc.set_footer(&format!("{} · {}", portfolio.title, portfolio.practitioner));
    cover(&mut doc, portfolio)?;

    // The contents' length depends only on their titles: measure it with any page numbers.
    let mut entries = contents_entries(portfolio);
    let contents_pages = {
        let mut scratch = Document::new("");
        contents(&mut scratch, &entries)?;
        scratch.page_break();
        scratch.page_number() - 1
    };
    let contents_first = doc.reserve_pages(contents_pages);

    let mut starts = Vec::new();
    let running = |part: &str| format!("{} · {part}", portfolio.practitioner);
    start_part(&mut doc, &running("Training record"), &mut starts);
    training_record(&mut doc, portfolio)?;
    start_part(&mut doc, &running("Mentorship summary"), &mut starts);
    mentorship(&mut doc, portfolio)?;
    start_part(&mut doc, &running("Certification readiness"), &mut starts);
    readiness(&mut doc, portfolio)?;
    for (index, case) in portfolio.case_studies.iter().enumerate() {
        let header = format!(
            "Case study {} of {} · Client {}",
            index + 1,
            portfolio.case_studies.len(),
            case.client_code
        );
        start_part(&mut doc, &running(&header), &mut starts);
        case_study(&mut doc, index, portfolio.case_studies.len(), case)?;
    }
    if portfolio.case_studies.is_empty() {
        start_part(&mut doc, &running("Case studies"), &mut starts);
        section_title(&mut doc, "Case studies")?;
        doc.remark(
            "No case study is included: none of the clients who consented to de-identified use \
             has one yet.",
            Style::regular(BODY),
        )?;
    }
    for (entry, page) in entries.iter_mut().zip(starts) {
        entry.page = page;
    }
    doc.fill_reserved(
        contents_first,
        contents_pages,
        &running("Contents"),
        |doc| contents(doc, &entries),
    )?;
    let pages = doc.page_number() - usize::from(doc.page_is_empty());
    Ok(PortfolioPdf {
        bytes: doc.finish()?,
        contents: entries,
        pages,
    })
}

fn start_part(doc: &mut Document, header: &str, starts: &mut Vec<usize>) {
    doc.page_break();
    doc.set_header(header);
    starts.push(doc.page_number());
}

fn contents_entries(p: &Portfolio) -> Vec<ContentsEntry> {
    let part = |title: &str| ContentsEntry {
        title: title.to_owned(),
        note: String::new(),
        page: 0,
        case_study: false,
    };
    let mut entries = vec![
        part("Training record"),
        part("Mentorship summary"),
        part("Certification readiness"),
    ];
    if p.case_studies.is_empty() {
        entries.push(part("Case studies"));
    }
    entries.extend(
        p.case_studies
            .iter()
            .enumerate()
            .map(|(i, c)| ContentsEntry {
                title: format!("Case study {}: {}", i + 1, c.title),
                note: format!("Client {}", c.client_code),
                page: 0,
                case_study: true,
            }),
    );
    entries
}

fn cover(doc: &mut Document, p: &Portfolio) -> Result<()> {
    doc.space(150.0);
    doc.remark(&p.certification, Style::bold(11.0))?;
    doc.space(6.0);
    doc.paragraph(&p.title, Style::bold(28.0), Align::Left)?;
    doc.space(10.0);
    doc.rule(1.2);
    doc.space(28.0);
    doc.paragraph(&p.practitioner, Style::bold(18.0), Align::Left)?;
    if !p.credentials.is_empty() {
        doc.space(2.0);
        doc.paragraph(&p.credentials, Style::regular(12.0), Align::Left)?;
    }
    doc.space(8.0);
    for line in &p.details {
        doc.remark(line, Style::regular(10.0))?;
    }
    doc.space(40.0);
    doc.remark(&format!("Prepared {}", p.prepared_on), Style::regular(10.0))?;
    doc.space(4.0);
    doc.remark(
        "Clients appear only by their codes. Each consented to the de-identified use of their \
         case in this portfolio.",
        Style::regular(9.0),
    )?;
    Ok(())
}

fn contents(doc: &mut Document, entries: &[ContentsEntry]) -> Result<()> {
    section_title(doc, "Contents")?;
    let mut rows = Vec::new();
    let mut heading_done = false;
    for entry in entries {
        if entry.case_study && !heading_done {
            rows.push(Row::new(vec![
                Cell::new("Case studies").spanning(2),
                Cell::default(),
            ]));
            heading_done = true;
        }
        let title = Cell::new(entry.title.clone());
        let title = if entry.note.is_empty() {
            title
        } else {
            title.with_note(entry.note.clone())
        };
        let page = Cell::new(entry.page.to_string());
        rows.push(Row::new(if entry.case_study {
            vec![Cell::default(), title, page]
        } else {
            vec![title.spanning(2), page]
        }));
    }
    doc.table(&Table {
        // The page column is as wide for page 1 as for page 9999, so the contents take as many
        // pages whatever their numbers.
        columns: vec![
            Column::left("", 16.0),
            Column::left("", 424.0),
            Column::right("Page", 59.0),
        ],
        rows,
        header: true,
        lines: Lines::Rows,
        size: 10.0,
        continued: "Contents (continued)".into(),
    })
}

fn section_title(doc: &mut Document, title: &str) -> Result<()> {
    doc.paragraph(title, Style::bold(SECTION), Align::Start)?;
    doc.space(5.0);
    doc.rule(0.8);
    doc.space(12.0);
    Ok(())
}

fn heading(doc: &mut Document, text: &str) -> Result<()> {
    // A heading keeps a few lines of what it introduces with it.
    doc.keep(HEADING * LEADING + 4.0 + 4.0 * BODY * LEADING);
    doc.paragraph(text, Style::bold(HEADING), Align::Left)?;
    doc.space(4.0);
    Ok(())
}

fn table(columns: Vec<Column>, rows: Vec<Row>, continued: &str) -> Table {
    Table {
        columns,
        rows,
        header: true,
        lines: Lines::Rows,
        size: TABLE,
        continued: continued.to_owned(),
    }
}

fn training_record(doc: &mut Document, p: &Portfolio) -> Result<()> {
    section_title(doc, "Training record")?;
    heading(doc, "Courses")?;
    if p.courses.is_empty() {
        doc.remark(NONE_YET, Style::regular(BODY))?;
    } else {
        let rows = p
            .courses
            .iter()
            .map(|c| {
                let title = Cell::new(c.title.clone());
                Row::new(vec![
                    if c.note.is_empty() {
                        title
                    } else {
                        title.with_note(c.note.clone())
                    },
                    Cell::new(c.dates.clone()),
                    Cell::new(c.instructor.clone()),
                    Cell::new(c.place.clone()),
                    Cell::new(c.hours.clone()),
                    Cell::new(c.certificate.clone()),
                ])
            })
            .collect();
        doc.table(&table(
            vec![
                Column::left("Course", 150.0),
                Column::left("Dates", 78.0),
                Column::left("Instructor", 86.0),
                Column::left("Place", 70.0),
                Column::right("Hours", 56.0),
                Column::left("Certificate", 58.0),
            ],
            rows,
            "Courses (continued)",
        ))?;
    }
    doc.space(16.0);
    heading(doc, "Exams passed")?;
    if p.exams.is_empty() {
        doc.remark(NONE_YET, Style::regular(BODY))?;
    } else {
        let rows = p
            .exams
            .iter()
            .map(|e| {
                Row::new(vec![
                    Cell::new(e.title.clone()),
                    Cell::new(e.passed_on.clone()),
                    Cell::new(e.note.clone()),
                ])
            })
            .collect();
        doc.table(&table(
            vec![
                Column::left("Exam", 200.0),
                Column::left("Passed", 90.0),
                Column::left("Note", 208.0),
            ],
            rows,
            "Exams passed (continued)",
        ))?;
    }
    doc.space(16.0);
    heading(doc, "Presentations of CranioSacral Therapy")?;
    if p.presentations.is_empty() {
        doc.remark(NONE_YET, Style::regular(BODY))?;
    } else {
        let rows = p
            .presentations
            .iter()
            .map(|t| {
                Row::new(vec![
                    Cell::new(t.given_on.clone()),
                    Cell::new(t.title.clone()),
                    Cell::new(t.audience.clone()),
                    Cell::new(t.length.clone()),
                ])
            })
            .collect();
        doc.table(&table(
            vec![
                Column::left("Date", 78.0),
                Column::left("Title", 180.0),
                Column::left("Group", 170.0),
                Column::right("Length", 70.0),
            ],
            rows,
            "Presentations (continued)",
        ))?;
    }
    Ok(())
}

fn mentorship(doc: &mut Document, p: &Portfolio) -> Result<()> {
    section_title(doc, "Mentorship summary")?;
    doc.remark(&p.program, Style::bold(BODY))?;
    doc.space(10.0);
    heading(doc, "Hours by category")?;
    let rows = p
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cells = vec![
                Cell::new(c.label.clone()),
                Cell::new(c.counted.clone()),
                Cell::new(c.claimed.clone()),
                Cell::new(c.unclaimed.clone()),
            ];
            // The last line is the total.
            if i + 1 == p.categories.len() && p.categories.len() > 1 {
                Row::total(cells)
            } else {
                Row::new(cells)
            }
        })
        .collect();
    doc.table(&table(
        vec![
            Column::left("Category", 230.0),
            Column::right("Counted", 90.0),
            Column::right("Claimed", 90.0),
            Column::right("Not yet claimed", 90.0),
        ],
        rows,
        "Hours by category (continued)",
    ))?;
    doc.space(16.0);
    heading(doc, "Credits")?;
    let rows = p
        .credits
        .iter()
        .map(|(label, value)| Row::new(vec![Cell::new(label.clone()), Cell::new(value.clone())]))
        .collect();
    doc.table(&Table {
        header: false,
        ..table(
            vec![Column::left("", 400.0), Column::right("", 100.0)],
            rows,
            "",
        )
    })?;
    doc.space(16.0);
    heading(doc, "Submissions")?;
    if p.submissions.is_empty() {
        doc.remark(
            "No tracking form has been submitted yet.",
            Style::regular(BODY),
        )?;
    } else {
        let rows = p
            .submissions
            .iter()
            .map(|s| {
                Row::new(vec![
                    Cell::new(s.number.clone()),
                    Cell::new(s.state.clone()),
                    Cell::new(s.credits.clone()),
                    Cell::new(s.hours.clone()),
                    Cell::new(s.dates.clone()),
                ])
            })
            .collect();
        doc.table(&table(
            vec![
                Column::left("No.", 34.0),
                Column::left("State", 60.0),
                Column::right("Credits", 50.0),
                Column::right("Hours", 70.0),
                Column::left("Dates", 286.0),
            ],
            rows,
            "Submissions (continued)",
        ))?;
    }
    Ok(())
}

fn readiness(doc: &mut Document, p: &Portfolio) -> Result<()> {
    section_title(doc, "Certification readiness")?;
    for path in &p.paths {
        heading(doc, &path.name)?;
        doc.remark(&path.status, Style::regular(BODY))?;
        doc.space(4.0);
        let rows = path
            .items
            .iter()
            .map(|i| {
                Row::new(vec![
                    Cell::new(i.label.clone()),
                    Cell::new(i.state.clone()),
                    Cell::new(i.detail.clone()),
                ])
            })
            .collect();
        doc.table(&table(
            vec![
                Column::left("Requirement", 190.0),
                Column::left("", 50.0),
                Column::left("From the records", 258.0),
            ],
            rows,
            &format!("{} (continued)", path.name),
        ))?;
        doc.space(16.0);
    }
    Ok(())
}

fn case_study(doc: &mut Document, index: usize, count: usize, c: &CaseStudyPages) -> Result<()> {
    doc.remark(
        &format!(
            "Case study {} of {count} · Client {}",
            index + 1,
            c.client_code
        ),
        Style::regular(BODY),
    )?;
    doc.space(2.0);
    section_title(doc, &c.title)?;
    let mut facts = c.facts.iter();
    let mut rows = Vec::new();
    while let Some((label, value)) = facts.next() {
        let mut cells = vec![Cell::label(label.clone()), Cell::new(value.clone())];
        match facts.next() {
            Some((label, value)) => {
                cells.extend([Cell::label(label.clone()), Cell::new(value.clone())])
            }
            None => cells.extend([Cell::default(), Cell::default()]),
        }
        rows.push(Row::new(cells));
    }
    doc.table(&Table {
        columns: vec![
            Column::left("", 118.0),
            Column::left("", 132.0),
            Column::left("", 100.0),
            Column::left("", 150.0),
        ],
        rows,
        header: false,
        lines: Lines::None,
        size: BODY,
        continued: String::new(),
    })?;
    doc.space(12.0);
    text_section(doc, "Symptoms or diagnosis", &c.symptoms)?;
    heading(doc, "Evaluation at each session")?;
    if c.evaluations.is_empty() {
        doc.remark("Not written yet.", Style::regular(BODY))?;
    } else {
        let rows = c
            .evaluations
            .iter()
            .enumerate()
            .map(|(i, (day, text))| {
                Row::new(vec![
                    Cell::new((i + 1).to_string()),
                    Cell::new(day.clone()),
                    Cell::new(text.clone()),
                ])
            })
            .collect();
        doc.table(&table(
            vec![
                Column::right("", 22.0),
                Column::left("Session", 78.0),
                Column::left("Evaluation", 398.0),
            ],
            rows,
            &format!("{}: evaluation at each session (continued)", c.title),
        ))?;
    }
    doc.space(12.0);
    text_section(doc, "Treatment: findings", &c.findings)?;
    text_section(doc, "Treatment: techniques", &c.techniques)?;
    text_section(doc, "Outcome", &c.outcome)?;
    text_section(doc, "Discussion", &c.discussion)?;
    Ok(())
}

fn text_section(doc: &mut Document, title: &str, text: &str) -> Result<()> {
    heading(doc, title)?;
    if text.trim().is_empty() {
        doc.remark("Not written yet.", Style::regular(BODY))?;
    } else {
        doc.paragraph(text, Style::regular(BODY), Align::Start)?;
    }
    doc.space(12.0);
    Ok(())
}
