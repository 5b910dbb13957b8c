//! The tracking form as a reader sees it: valid PDF (qpdf), fonts embedded and subset
//! (pdffonts), every name and number findable (pdftotext), in every script a therapist may
//! write. The pages are also rendered to `test-output/pdf/` (pdftoppm) for a person to look at.
//! The tools come from poppler-utils and qpdf (`scripts/setup-debian.sh`); a missing tool fails
//! the test rather than skipping it.

use std::path::PathBuf;
use std::process::Command;

use stillpoint_core::model::Profile;
use stillpoint_core::pdf::layout::line_widths;
use stillpoint_core::pdf::{
    blank_form_pdf, tracking_form_pdf, BlankCategory, BlankForm, CarriedForward, CategorySection,
    FormRow, Style, TrackingForm,
};
use stillpoint_core::rules::format_minutes;
use stillpoint_core::Error;

const DECLARATION: &str = "I declare that the hours listed on this form are a true record of \
    mentorship I received, and that I have not claimed them on any earlier form. I understand \
    that the IAHE may ask for proof of any entry.";

fn output_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test-output/pdf");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a command-line tool and returns its standard output; fails the test if it is missing
/// or fails.
fn run(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!(
            "{tool} could not run ({e}); install poppler-utils and qpdf (scripts/setup-debian.sh)"
        )
    });
    assert!(
        output.status.success(),
        "{tool} {args:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn save(name: &str, bytes: &[u8]) -> String {
    let path = output_dir().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_owned()
}

fn practitioner(name: &str) -> Profile {
    Profile {
        name: name.to_owned(),
        credentials: "LMT, CST-T".to_owned(),
        member_id: "IAHE-204518".to_owned(),
        address: "Rue des Tilleuls 14\n1205 Genève\nSwitzerland".to_owned(),
        email: "therapist@example.org".to_owned(),
        phone: "+41 22 555 01 23".to_owned(),
    }
}

const PROVIDERS: [&str; 5] = [
    "Zoë Müller-Łukasiewicz, CST-D",
    "Анна Кузнецова, CST-D",
    "Ελένη Παπαδοπούλου, CST",
    "שרה כהן, CST-D",
    "山田 花子, CST-T",
];

/// A form with `per_category` rows in each of A, B and C, minutes varied so hours print in
/// every shape ("45 min", "2 h", "1 h 30 min").
fn form(name: &str, per_category: usize) -> TrackingForm {
    let labels = [
        (
            "A",
            "Category A: receiving treatment",
            "Receiving treatment",
        ),
        (
            "B",
            "Category B: group mentorship and extended trainings",
            "Small group mentorship",
        ),
        ("C", "Category C: 1x1 mentorship", "1x1 mentorship"),
    ];
    let mut total = 0;
    let categories = labels
        .iter()
        .enumerate()
        .map(|(c, (key, label, activity))| {
            let rows: Vec<FormRow> = (0..per_category)
                .map(|i| {
                    let logged = 45 + ((i * 7 + c * 13) % 6) as i64 * 15;
                    FormRow {
                        date: format!("{} Mar 2025", 1 + (i + c) % 28),
                        activity: (*activity).to_owned(),
                        provider: PROVIDERS[(i + c) % PROVIDERS.len()].to_owned(),
                        format: if i % 2 == 0 { "In person" } else { "Virtual" }.to_owned(),
                        logged_minutes: logged,
                        counted_minutes: logged,
                        claimed_minutes: if i == 0 { logged - 15 } else { logged },
                        carried_in: i == 1,
                    }
                })
                .collect();
            let claimed = rows.iter().map(|r| r.claimed_minutes).sum();
            total += claimed;
            CategorySection {
                key: (*key).to_owned(),
                label: (*label).to_owned(),
                minimum_minutes: 360,
                rows,
                claimed_minutes: claimed,
            }
        })
        .collect();
    TrackingForm {
        program: "IAHE CranioSacral Therapy Mentorship Program".to_owned(),
        title: "Mentorship Program Tracking Form".to_owned(),
        practitioner: practitioner(name),
        submission_label: "Submission 3 · created 24 November 2026".to_owned(),
        categories,
        total_claimed_minutes: total,
        credits: 1,
        carried_forward: vec![CarriedForward {
            date: "1 Mar 2025".to_owned(),
            activity: "Receiving treatment".to_owned(),
            provider: PROVIDERS[0].to_owned(),
            remaining_minutes: 15,
        }],
        fee: Some("USD 25.00".to_owned()),
        declaration: DECLARATION.to_owned(),
    }
}

fn blank(practitioner: Option<Profile>) -> BlankForm {
    BlankForm {
        program: "IAHE CranioSacral Therapy Mentorship Program".to_owned(),
        title: "Mentorship Program Tracking Form".to_owned(),
        practitioner,
        categories: vec![
            BlankCategory {
                label: "Category A: receiving treatment".to_owned(),
                minimum_minutes: 360,
            },
            BlankCategory {
                label: "Category B: group mentorship and extended trainings".to_owned(),
                minimum_minutes: 360,
            },
            BlankCategory {
                label: "Category C: 1x1 mentorship".to_owned(),
                minimum_minutes: 360,
            },
        ],
        rows_per_category: 12,
        fee: None,
        declaration: DECLARATION.to_owned(),
    }
}

/// qpdf finds no fault, and pdffonts lists every font as embedded and subset.
fn assert_valid_with_subset_fonts(path: &str) {
    let check = run("qpdf", &["--check", path]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
    let fonts = run("pdffonts", &[path]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts in {path}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // name type [type] encoding emb sub uni object ID
        let n = columns.len();
        assert!(n >= 7, "{row}");
        assert_eq!(
            (columns[n - 5], columns[n - 4]),
            ("yes", "yes"),
            "not embedded and subset: {row}"
        );
    }
}

/// The text as pdftotext reads it: right-to-left words in the order they were typed.
fn text_of(path: &str) -> String {
    run("pdftotext", &[path, "-"])
}

/// The text in the order it was written into the file. pdftotext's reading-order heuristics
/// join one-letter words spaced like letters ("1 h" becomes "1h"); this mode does not.
fn raw_text_of(path: &str) -> String {
    run("pdftotext", &["-raw", path, "-"])
}

fn pages(path: &str) -> usize {
    let info = run("pdfinfo", &[path]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// Renders every page to `test-output/pdf/{prefix}-N.png`, replacing an earlier run's pages.
fn render(path: &str, prefix: &str) {
    for old in std::fs::read_dir(output_dir()).unwrap() {
        let old = old.unwrap().path();
        let name = old.file_name().unwrap().to_string_lossy().into_owned();
        let page = name.strip_prefix(&format!("{prefix}-")).unwrap_or("");
        if name.ends_with(".png") && page.starts_with(|c: char| c.is_ascii_digit()) {
            std::fs::remove_file(old).unwrap();
        }
    }
    let prefix = output_dir().join(prefix);
    run(
        "pdftoppm",
        &["-r", "60", "-png", path, prefix.to_str().unwrap()],
    );
}

#[test]
fn the_form_prints_a_name_in_every_script_with_every_row() {
    let names = [
        ("latin", "Zoë Müller-Łukasiewicz"),
        ("cyrillic", "Анна Кузнецова"),
        ("greek", "Ελένη Παπαδοπούλου"),
        ("hebrew", "שרה כהן"),
        ("japanese", "山田 花子"),
    ];
    for (script, name) in names {
        let form = form(name, 6);
        let bytes = tracking_form_pdf(&form).unwrap();
        let path = save(&format!("form-{script}.pdf"), &bytes);
        assert_valid_with_subset_fonts(&path);
        let text = text_of(&path);
        let raw = raw_text_of(&path);
        // pdftotext gives right-to-left text in logical order, as it was typed.
        assert!(text.contains(name), "{script}: {name} not found in\n{text}");
        for provider in PROVIDERS {
            let provider = provider.split(',').next().unwrap();
            assert!(text.contains(provider), "{script}: {provider} not found");
        }
        for category in &form.categories {
            for row in &category.rows {
                assert!(raw.contains(&row.date), "{}", row.date);
                assert!(raw.contains(&format_minutes(row.logged_minutes)));
                assert!(raw.contains(&format_minutes(row.claimed_minutes)));
            }
            let subtotal = format!(
                "6 h required — {} claimed",
                format_minutes(category.claimed_minutes)
            );
            assert!(raw.contains(&subtotal), "{subtotal} not found");
        }
        assert!(raw.contains("carried forward"));
        assert!(text.contains("USD 25.00"));
        assert!(text.contains("Signature of practitioner"));
        if script == "latin" {
            render(&path, "form");
        }
    }
}

#[test]
fn a_character_no_font_has_is_refused_with_a_message_for_the_therapist() {
    for odd in ['\u{0378}', '\u{10FFFD}'] {
        let mut form = form("Anna Kuznetsova", 2);
        form.categories[1].rows[0].provider = format!("Dr {odd} Smith");
        let error = tracking_form_pdf(&form).unwrap_err();
        assert!(matches!(error, Error::Unprintable { .. }), "{error:?}");
        let message = error.to_string();
        assert!(
            message.starts_with(
                "These characters cannot be printed because no font on this computer has them"
            ),
            "{message}"
        );
        assert!(
            message.contains(&format!("U+{:04X}", u32::from(odd))),
            "{message}"
        );
        assert!(message.contains("Smith"), "{message}");
    }
}

#[test]
fn long_activity_and_provider_text_wraps_inside_its_cell() {
    let long = "Precepting an Advanced workshop: Somato-Emotional Release 2 with the \
        Upledger Institute team, including supervised practice sessions";
    let unbreakable = "Craniosacraltherapieausbildungszentrumsleiterin-Stellvertreterin";
    for width in [60.0, 100.0, 140.0] {
        for text in [long, unbreakable] {
            let widths = line_widths(text, Style::regular(8.5), width).unwrap();
            assert!(widths.len() > 1, "{text} fits in {width}?");
            assert!(
                widths.iter().all(|&w| w <= width + 0.01),
                "{width}: {widths:?}"
            );
        }
    }
    // And in the PDF: no word reaches past the right margin.
    let mut form = form("Zoë Müller-Łukasiewicz", 3);
    form.categories[0].rows[0].activity = long.to_owned();
    form.categories[0].rows[1].provider = format!("{unbreakable}, CST-D");
    let path = save("form-long-text.pdf", &tracking_form_pdf(&form).unwrap());
    let boxes = run("pdftotext", &["-bbox", &path, "-"]);
    for word in boxes.lines().filter(|l| l.contains("<word")) {
        let x_max: f32 = word
            .split("xMax=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap()
            .parse()
            .unwrap();
        assert!(x_max <= 595.28 - 48.0 + 0.5, "past the margin: {word}");
    }
    let text = run("pdftotext", &[&path, "-"]);
    assert!(text.contains("supervised practice"));
    render(&path, "long-text");
}

#[test]
fn a_long_form_repeats_the_column_titles_and_numbers_its_pages() {
    let form = form("Ελένη Παπαδοπούλου", 100);
    let started = std::time::Instant::now();
    let bytes = tracking_form_pdf(&form).unwrap();
    eprintln!(
        "300 rows: {} KB in {:?}",
        bytes.len() / 1024,
        started.elapsed()
    );
    let path = save("form-300-rows.pdf", &bytes);
    assert_valid_with_subset_fonts(&path);
    let count = pages(&path);
    assert!(count >= 8, "{count} pages");
    for page in 1..=count {
        let n = page.to_string();
        let text = run("pdftotext", &["-layout", "-f", &n, "-l", &n, &path, "-"]);
        assert!(
            text.contains(&format!("Page {page} of {count}")),
            "page {page}:\n{text}"
        );
        let has_rows = text.contains("Mar 2025");
        if has_rows {
            assert!(text.contains("Mentor / provider"), "page {page}:\n{text}");
            assert!(text.contains("Claimed"), "page {page}");
        }
        if page > 1 && page < count {
            assert!(text.contains("(continued)"), "page {page}:\n{text}");
        }
    }
    render(&path, "long");
}

#[test]
fn the_blank_form_has_ruled_rows_for_every_category_and_lines_to_sign() {
    for (name, practitioner) in [
        ("blank", None),
        ("blank-named", Some(practitioner("Анна Кузнецова"))),
    ] {
        let bytes = blank_form_pdf(&blank(practitioner.clone())).unwrap();
        let path = save(&format!("{name}.pdf"), &bytes);
        assert_valid_with_subset_fonts(&path);
        let text = text_of(&path);
        for label in [
            "Category A: receiving treatment (6 h required)",
            "Category B: group mentorship and extended trainings (6 h required)",
            "Category C: 1x1 mentorship (6 h required)",
            "Mentor / provider",
            "Processing fee:",
            "Signature of practitioner",
        ] {
            assert!(text.contains(label), "{label} not in\n{text}");
        }
        if let Some(p) = practitioner {
            assert!(text.contains(&p.name));
        }
        render(&path, name);
    }
}

#[test]
fn an_empty_category_and_no_carry_forward_are_said_in_words() {
    let mut form = form("Zoë Müller-Łukasiewicz", 2);
    form.total_claimed_minutes -= form.categories[2].claimed_minutes;
    form.categories[2].rows.clear();
    form.categories[2].claimed_minutes = 0;
    form.carried_forward.clear();
    form.fee = None;
    let path = save(
        "form-empty-category.pdf",
        &tracking_form_pdf(&form).unwrap(),
    );
    assert_valid_with_subset_fonts(&path);
    let text = text_of(&path);
    assert!(text.contains("No entries are claimed in category C."));
    assert!(text.contains("Nothing is carried forward"));
}

#[test]
fn a_row_taller_than_a_page_is_continued_on_the_next_one() {
    let mut form = form("Zoë Müller-Łukasiewicz", 3);
    let words: Vec<String> = (1..=700).map(|i| format!("word{i}")).collect();
    form.categories[1].rows[1].activity = words.join(" ");
    let path = save("form-giant-row.pdf", &tracking_form_pdf(&form).unwrap());
    assert_valid_with_subset_fonts(&path);
    let text = raw_text_of(&path);
    assert!(text.contains("word1 ") && text.contains("word700"));
    assert!(pages(&path) >= 3);
}
