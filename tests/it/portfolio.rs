//! The certification portfolio as a reader sees it, and the promise it keeps: no client's private
//! name or contact is ever printed.
//!
//! Through the command line (`portfolio --out … [--case-study ID …]`): qpdf finds no fault; the
//! contents' page numbers are the pages where pdftotext finds each case study starting; no
//! private name of any client is in the text; no word lies outside the margins; a name in any
//! field, case or script refuses the export and writes nothing; case studies in Greek, Hebrew and
//! Japanese print. The demo's pages are rendered to `test-output/portfolio/` (pdftoppm) for a
//! person to look at.

mod privacy;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Parser;
use stillpoint::cli::Cli;
use stillpoint_core::clinical::ScreenAnswer;
use stillpoint_core::model::{CaseStudyDraft, ClientDraft, IntakeDraft, Profile, SessionDraft};
use stillpoint_core::testing::screen_answers;
use stillpoint_core::Store;

use crate::support::{pdf_text, qpdf_check, stillpoint, tool};

fn page_count(pdf: &Path) -> usize {
    tool("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// The text of page `n` alone, as `pdftotext -f n -l n` reads it.
fn page_text(pdf: &Path, n: usize) -> String {
    let n = n.to_string();
    tool(
        "pdftotext",
        &["-layout", "-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"],
    )
}

/// Every page's text, from one run of pdftotext (pages end with a form feed).
fn pages_text(pdf: &Path) -> Vec<String> {
    let text = pdf_text(pdf);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Every word pdftotext finds lies between the side margins (48 pt each side of A4) and above
/// the foot of the page: nothing overflows.
fn assert_nothing_overflows(pdf: &Path) {
    let boxes = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let number = |line: &str, key: &str| -> f32 {
        let at = line.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
        let rest = &line[at..];
        rest[..rest.find('"').unwrap()].parse().unwrap()
    };
    let mut words = 0;
    for line in boxes
        .lines()
        .filter(|l| l.trim_start().starts_with("<word "))
    {
        let (x0, x1, y1) = (
            number(line, "xMin"),
            number(line, "xMax"),
            number(line, "yMax"),
        );
        assert!(
            x0 >= 47.5 && x1 <= 595.28 - 47.5 && y1 <= 841.89 - 20.0,
            "{line}"
        );
        words += 1;
    }
    assert!(words > 100, "{words} words");
}

fn output_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test-output/portfolio");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Renders every page to `test-output/portfolio/{prefix}-N.png`, replacing earlier ones.
fn render(pdf: &Path, prefix: &str) {
    for old in std::fs::read_dir(output_dir()).unwrap() {
        let old = old.unwrap().path();
        let name = old.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with(&format!("{prefix}-")) && name.ends_with(".png") {
            std::fs::remove_file(old).unwrap();
        }
    }
    let prefix = output_dir().join(prefix);
    tool(
        "pdftoppm",
        &[
            "-r",
            "50",
            "-png",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
}

/// The contents' entries as pdftotext reads them from the contents pages: every line that
/// starts with "Case study N:" and the page number at its end.
fn contents_pages(pages: &[String]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for page in pages.iter().filter(|p| p.contains("Contents")) {
        for line in page.lines() {
            let line = line.trim();
            let Some(rest) = line.strip_prefix("Case study ") else {
                continue;
            };
            let Some((number, _)) = rest.split_once(':') else {
                continue;
            };
            let (Ok(number), Some(Ok(page))) = (
                number.parse::<usize>(),
                line.split_whitespace().last().map(str::parse::<usize>),
            ) else {
                continue;
            };
            found.push((number, page));
        }
    }
    found
}

fn today() -> NaiveDate {
    stillpoint_core::today()
}

/// A client with an intake, two sessions, and a finished case study drafted from them;
/// returns the case study's id.
fn client_with_case(
    store: &mut Store,
    code: &str,
    name: &str,
    contact: &str,
    discussion: &str,
) -> i64 {
    let client = store
        .save_client(
            None,
            &ClientDraft {
                code: code.into(),
                private_name: name.into(),
                private_contact: contact.into(),
                birth_year: Some(1980),
                gender: "female".into(),
                consent_treatment_on: "2025-01-10".into(),
                consent_portfolio_on: "2025-01-10".into(),
            },
            today(),
        )
        .unwrap();
    store
        .save_intake(
            client.id,
            &IntakeDraft {
                taken_on: "2025-01-10".into(),
                complaint: "Chronic neck pain".into(),
                answers: screen_answers(ScreenAnswer::No),
                ..IntakeDraft::default()
            },
            today(),
        )
        .unwrap();
    for (date, before, after) in [("2025-01-10", 7, 5), ("2025-02-07", 4, 2)] {
        store
            .save_session(
                None,
                &SessionDraft {
                    client_id: client.id,
                    date: date.into(),
                    minutes: 60,
                    objective: "Restriction at the thoracic inlet.".into(),
                    assessment: "Rhythm slow, low amplitude.".into(),
                    techniques: vec!["still_point".into(), "thoracic_inlet".into()],
                    scale_before: Some(before),
                    scale_after: Some(after),
                    outcome: "Turns the head more easily.".into(),
                    ..SessionDraft::default()
                },
                today(),
            )
            .unwrap();
    }
    let draft = CaseStudyDraft {
        discussion: discussion.into(),
        ..store.draft_case_study(client.id).unwrap()
    };
    store.save_case_study(None, &draft, today()).unwrap().id
}

fn profile(store: &mut Store) {
    store
        .save_profile(&Profile {
            name: "Maren Oyelaran-Støa".into(),
            credentials: "LMT, CST".into(),
            ..Profile::default()
        })
        .unwrap();
}

#[test]
fn the_demo_portfolio_lists_where_each_case_study_starts_and_names_no_client() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    assert_eq!(stillpoint(&db, &["demo"]).code, 0);
    let pdf = output_dir().join("demo-portfolio.pdf");
    let made = stillpoint(&db, &["portfolio", "--out", pdf.to_str().unwrap()]);
    assert_eq!((made.code, made.err.as_str()), (0, ""));
    let pages = page_count(&pdf);
    assert_eq!(
        made.out,
        format!(
            "Wrote the portfolio ({pages} pages, 2 case studies) to {}.\n",
            pdf.display()
        )
    );
    qpdf_check(&pdf);
    assert_nothing_overflows(&pdf);

    let contents = page_text(&pdf, 2);
    for part in [
        "Contents",
        "Training record",
        "Mentorship summary",
        "Certification readiness",
    ] {
        assert!(contents.contains(part), "{part} in\n{contents}");
    }
    let listed = contents_pages(&[contents]);
    assert_eq!(listed.len(), 2, "two case studies in the contents");
    let titles = [
        "Tension-type headaches, three to four a week, for two years",
        "Dizziness and poor concentration since a concussion",
    ];
    for ((number, page), title) in listed.iter().zip(titles) {
        let text = page_text(&pdf, *page);
        assert!(
            text.contains(&format!("Case study {number} of 2")),
            "case study {number} is not on page {page}:\n{text}"
        );
        assert!(text.contains(title), "{title} on page {page}:\n{text}");
        let before = page_text(&pdf, page - 1);
        assert!(
            !before.contains(&format!("Case study {number} of 2")),
            "case study {number} starts on a new page"
        );
    }

    let all = pages_text(&pdf).join("\n");
    assert!(all.contains("C-001") && all.contains("C-002"));
    assert!(!all.contains("C-003"), "no consent, not printed");
    for private in [
        "Ingrid",
        "Solberg",
        "Jonas",
        "Bakke",
        "Sofie",
        "Lund",
        "example.no",
        "934 11 220",
        "455 02 118",
        "980 44 310",
    ] {
        assert!(!all.contains(private), "{private} is printed");
    }
    assert!(all.contains("CranioSacral Therapy 1 (CS1)"));
    assert!(all.contains("Techniques certification (CST-T)"));
    assert!(all.contains("Missing"), "the practical exam is missing");
    assert!(all.contains("Category A: receiving treatment"));
    for (index, text) in pages_text(&pdf).iter().enumerate() {
        let number = index + 1;
        if number > 1 {
            assert!(
                text.contains("Maren Oyelaran-Støa ·"),
                "header on page {number}"
            );
        }
        assert!(
            text.contains(&format!("Page {number} of {pages}")),
            "footer on page {number}"
        );
    }
    render(&pdf, "demo");
}

#[test]
fn case_studies_are_chosen_by_id_and_one_without_consent_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("clinic.db");
    let (first, second);
    {
        let mut store = Store::open(&db).unwrap();
        profile(&mut store);
        first = client_with_case(&mut store, "C-010", "Anna Berg", "", "First.");
        second = client_with_case(&mut store, "C-011", "Per Dahl", "", "Second.");
        // C-011 withdraws consent: the case study stays, but cannot be exported.
        let mut client = store.clients().unwrap()[1].client.draft.clone();
        client.consent_portfolio_on = String::new();
        let id = store.clients().unwrap()[1].client.id;
        store.save_client(Some(id), &client, today()).unwrap();
    }
    let pdf = dir.path().join("portfolio.pdf");
    let out = pdf.to_str().unwrap();

    let refused = stillpoint(
        &db,
        &[
            "portfolio",
            "--out",
            out,
            "--case-study",
            &second.to_string(),
        ],
    );
    assert_eq!(refused.code, 1);
    assert!(refused.err.contains("has not consented"), "{}", refused.err);
    assert!(!pdf.exists());

    let missing = stillpoint(&db, &["portfolio", "--out", out, "--case-study", "99"]);
    assert_eq!(missing.code, 1);
    assert_eq!(missing.err, "error: Case study 99 was not found\n");

    let by_default = stillpoint(&db, &["portfolio", "--out", out]);
    assert_eq!(by_default.code, 0, "{}", by_default.err);
    assert!(
        by_default.out.contains("1 case study"),
        "{}",
        by_default.out
    );
    let text = pages_text(&pdf).join("\n");
    assert!(text.contains("C-010") && !text.contains("C-011"));

    let chosen = stillpoint(
        &db,
        &[
            "portfolio",
            "--out",
            out,
            "--case-study",
            &first.to_string(),
            "--case-study",
            &first.to_string(),
        ],
    );
    assert_eq!(chosen.code, 0, "{}", chosen.err);
    assert!(chosen.out.contains("1 case study"), "{}", chosen.out);
}

#[test]
fn fifty_case_studies_in_three_scripts_have_a_contents_that_is_right_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("clinic.db");
    {
        let mut store = Store::open(&db).unwrap();
        profile(&mut store);
        let discussions = [
            "Η θεραπεία της κρανιοϊερής ώσης βοήθησε τον πελάτη να κοιμάται καλύτερα. ",
            "הטיפול עזר ללקוח לישון טוב יותר, והכאב פחת בהדרגה. ",
            "頭蓋仙骨療法の後、クライアントはよく眠れるようになり、痛みも減りました。",
        ];
        for i in 0..50 {
            let discussion = discussions[i % 3].repeat(12 + i % 7);
            client_with_case(
                &mut store,
                &format!("K-{i:03}"),
                "Ruth Okafor",
                "",
                &discussion,
            );
        }
    }
    let pdf = output_dir().join("fifty.pdf");
    let made = stillpoint(&db, &["portfolio", "--out", pdf.to_str().unwrap()]);
    assert_eq!((made.code, made.err.as_str()), (0, ""));
    qpdf_check(&pdf);
    assert_nothing_overflows(&pdf);
    let pages = pages_text(&pdf);
    let listed = contents_pages(&pages);
    assert_eq!(
        listed.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        (1..=50).collect::<Vec<_>>(),
        "every case study is in the contents"
    );
    assert!(
        pages[2].contains("Contents"),
        "fifty entries take more than one page of contents"
    );
    for (number, page) in listed {
        let text = &pages[page - 1];
        assert!(
            text.contains(&format!(
                "Case study {number} of 50 · Client K-{:03}",
                number - 1
            )),
            "case study {number} should start on page {page}:\n{text}"
        );
        assert!(
            !pages[page - 2].contains(&format!("Case study {number} of 50")),
            "case study {number} starts on a page of its own"
        );
    }
    let all = pages.join("\n");
    assert!(all.contains("κρανιοϊερής"), "Greek");
    assert!(all.contains("頭蓋仙骨療法"), "Japanese");
    let raw = tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]);
    assert!(raw.contains("ללקוח") || all.contains("ללקוח"), "Hebrew");
    assert!(
        !all.contains("Okafor") && !all.contains("Ruth"),
        "no private name"
    );
    render_some(&pdf);
}

/// Renders the cover, the contents and a few case study pages of a long portfolio.
fn render_some(pdf: &Path) {
    for old in std::fs::read_dir(output_dir()).unwrap() {
        let old = old.unwrap().path();
        let name = old.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("fifty-") && name.ends_with(".png") {
            std::fs::remove_file(old).unwrap();
        }
    }
    let prefix = output_dir().join("fifty");
    tool(
        "pdftoppm",
        &[
            "-r",
            "50",
            "-png",
            "-f",
            "1",
            "-l",
            "12",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
}

#[test]
fn portfolio_needs_out() {
    let error = Cli::try_parse_from(["stillpoint", "portfolio"]).unwrap_err();
    assert_eq!(error.exit_code(), 2);
    let error = Cli::try_parse_from([
        "stillpoint",
        "portfolio",
        "--out",
        "x.pdf",
        "--case-study",
        "one",
    ])
    .unwrap_err();
    assert_eq!(error.exit_code(), 2);
}
