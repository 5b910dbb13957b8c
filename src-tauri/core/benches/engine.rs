//! The engine's performance targets, measured (not asserted): `cargo bench -p stillpoint-core`.
//!
//! With 100,000 entries: credits (target ≤ 5 ms), importing a 100,000-row CSV (≤ 3 s), and the
//! first page of the Hours view (the engine's part of "first rows ≤ 150 ms after opening").
//! Then the same after a claim of 100 credits, whose claims every count must subtract.
//! The tracking form as a PDF: 100 entries (≤ 50 ms, ≤ 150 KB) and 2,000 entries (≤ 1 s).
//! The calendar: reading a 10,000-event `.ics` as Google Calendar and Outlook write them
//! (≤ 1 s), the merge decision of importing it again, and writing it back
//! (`cargo bench -p stillpoint-core -- calendar` measures only this).
//! The certification portfolio with 50 case studies in five scripts, about 200 pages (≤ 1 s);
//! its text is also written as an HTML page, for `scripts/bench-portfolio-chromium` to print
//! through headless Chromium and compare.
#![allow(clippy::expect_used)] // a benchmark that cannot set up has nothing to measure

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use stillpoint_core::calendar::{merge_plan, read_ics, write_ics, IcsContext};
use stillpoint_core::certification::default_certification;
use stillpoint_core::clinical::{intake_screen, ItemAnswer, ScreenAnswer};
use stillpoint_core::entries_csv::{export_csv, import_csv};
use stillpoint_core::model::{
    CaseStudyDraft, ClientDraft, EntryQuery, EntrySort, IntakeDraft, Profile, SessionDraft,
    SessionKind,
};
use stillpoint_core::pdf::{
    portfolio_pdf, tracking_form_pdf, CategorySection, FormRow, Portfolio, TrackingForm,
};
use stillpoint_core::portfolio::{portfolio, portfolio_data};
use stillpoint_core::rules::default_rule_set;
use stillpoint_core::Store;

const ROWS: u32 = 100_000;

fn csv() -> String {
    let activities = [
        ("receiving_treatment", "in_person"),
        ("small_group", "virtual"),
        ("one_to_one", "virtual"),
        ("csir_call", "virtual"),
        ("clinical_applications", "in_person"),
    ];
    let mut text = String::from("date;activity;format;hours;days;provider;provider_credential;certified_mentor;endorsed;notes\n");
    let start = NaiveDate::from_ymd_opt(2014, 6, 1).expect("a real date");
    for i in 0..ROWS {
        let (activity, format) = activities[i as usize % activities.len()];
        let date = start + chrono::Days::new(u64::from(i % 4000));
        text.push_str(&format!(
            "{date};{activity};{format};{},{};;Mentor {};CST-D;yes;yes;\"Session {i}; notes\"\n",
            1 + i % 3,
            [0, 25, 5, 75][i as usize % 4],
            i % 97
        ));
    }
    text
}

/// A tracking form of `entries` rows across the three categories, its names in five scripts
/// (the Japanese one from an installed font).
fn form(entries: usize) -> TrackingForm {
    let providers = [
        "Zoë Müller-Łukasiewicz, CST-D",
        "Анна Кузнецова, CST-D",
        "Ελένη Παπαδοπούλου, CST",
        "שרה כהן, CST-D",
        "山田 花子, CST-T",
    ];
    let categories = ["A", "B", "C"]
        .iter()
        .enumerate()
        .map(|(c, key)| {
            let rows: Vec<FormRow> = (c..entries)
                .step_by(3)
                .map(|i| FormRow {
                    date: format!("{} Mar 2025", 1 + i % 28),
                    activity: [
                        "Receiving treatment",
                        "Small group mentorship",
                        "1x1 mentorship",
                    ][c]
                        .to_owned(),
                    provider: providers[i % providers.len()].to_owned(),
                    format: ["In person", "Virtual"][i % 2].to_owned(),
                    logged_minutes: 45 + (i % 6) as i64 * 15,
                    counted_minutes: 45 + (i % 6) as i64 * 15,
                    claimed_minutes: 45 + (i % 6) as i64 * 15,
                    carried_in: i % 17 == 0,
                })
                .collect();
            CategorySection {
                key: (*key).to_owned(),
                label: format!("Category {key}"),
                minimum_minutes: 360,
                claimed_minutes: rows.iter().map(|r| r.claimed_minutes).sum(),
                rows,
            }
        })
        .collect::<Vec<_>>();
    TrackingForm {
        program: "IAHE CranioSacral Therapy Mentorship Program".into(),
        title: "Mentorship Program Tracking Form".into(),
        practitioner: Profile {
            name: "Zoë Müller-Łukasiewicz".into(),
            credentials: "LMT, CST-T".into(),
            address: "Rue des Tilleuls 14\n1205 Genève".into(),
            ..Profile::default()
        },
        submission_label: "Submission 3 · created 24 Nov 2026".into(),
        total_claimed_minutes: categories.iter().map(|c| c.claimed_minutes).sum(),
        categories,
        credits: 1,
        carried_forward: Vec::new(),
        fee: Some("USD 25.00".into()),
        declaration: "I declare that these hours are a true record.".into(),
    }
}

/// Case notes in five scripts: a client's notes are in the language their therapist writes.
const NOTES: [(&str, &str); 5] = [
    (
        "Restriction at the occipital cranial base and the thoracic inlet; the cranial rhythm is slow and low in amplitude, the dural tube drags at the sacrum. ",
        "The tension pattern runs from the suboccipital muscles into the dura, and the respiratory diaphragm is restricted; after the still point the rhythm filled out and the client breathed more deeply. ",
    ),
    (
        "Περιορισμός στη βάση του κρανίου και στη θωρακική έξοδο· ο κρανιοϊερός ρυθμός είναι αργός και χαμηλού εύρους. ",
        "Το μοτίβο έντασης ξεκινά από τους υποϊνιακούς μύες και φτάνει στη σκληρά μήνιγγα· μετά το σημείο ηρεμίας ο ρυθμός έγινε πληρέστερος. ",
    ),
    (
        "Обмеження біля основи черепа та грудного входу; краніосакральний ритм повільний, з малою амплітудою. ",
        "Напруга йде від підпотиличних м'язів до твердої мозкової оболонки; після точки спокою ритм став повнішим, дихання глибшим. ",
    ),
    (
        "הגבלה בבסיס הגולגולת ובפתח בית החזה; הקצב הגולגולתי-עצה איטי ובעל משרעת נמוכה. ",
        "דפוס המתח עובר מהשרירים התת-עורפיים אל הקרום הקשה; אחרי נקודת השקט הקצב התמלא והנשימה העמיקה. ",
    ),
    (
        "後頭骨底部と胸郭入口に制限があり、頭蓋仙骨リズムは遅く振幅が小さい。",
        "緊張のパターンは後頭下筋から硬膜へと続いている。スティルポイントの後、リズムは豊かになり、呼吸が深くなった。",
    ),
];

fn all_no() -> Vec<ItemAnswer> {
    intake_screen()
        .expect("the screen")
        .items()
        .iter()
        .map(|i| ItemAnswer {
            item: i.key.clone(),
            answer: ScreenAnswer::No,
        })
        .collect()
}

/// A practice of `cases` clients, each with an intake, eight sessions and a finished case study
/// of about four pages.
fn clinic(store: &mut Store, cases: usize, today: NaiveDate) {
    store
        .save_profile(&Profile {
            name: "Zoë Müller-Łukasiewicz".into(),
            credentials: "LMT, CST".into(),
            member_id: "IAHE-20417".into(),
            ..Profile::default()
        })
        .expect("a profile");
    let names = [
        "Ingrid Solberg",
        "Ελένη Παπαδοπούλου",
        "Олена Коваленко",
        "נועה כהן",
        "山田 花子",
    ];
    for i in 0..cases {
        let (objective, assessment) = NOTES[i % NOTES.len()];
        let client = store
            .save_client(
                None,
                &ClientDraft {
                    code: format!("C-{:03}", i + 1),
                    private_name: names[i % names.len()].into(),
                    private_contact: format!("+47 900 {:02} {:03}", i % 100, i),
                    birth_year: Some(1960 + (i % 40) as i32),
                    gender: ["female", "male"][i % 2].into(),
                    consent_treatment_on: "2025-01-02".into(),
                    consent_portfolio_on: "2025-01-02".into(),
                },
                today,
            )
            .expect("a client");
        store
            .save_intake(
                client.id,
                &IntakeDraft {
                    taken_on: "2025-01-02".into(),
                    complaint: format!("{}{}", objective, assessment),
                    history: assessment.repeat(2),
                    medications: "None.".into(),
                    answers: all_no(),
                },
                today,
            )
            .expect("an intake");
        for s in 0..8_i32 {
            store
                .save_session(
                    None,
                    &SessionDraft {
                        client_id: client.id,
                        kind: SessionKind::Treatment,
                        date: format!("2025-{:02}-{:02}", 1 + s, 3 + i % 20),
                        minutes: 60,
                        subjective: objective.into(),
                        objective: objective.repeat(2),
                        assessment: assessment.repeat(4),
                        plan: "Weekly.".into(),
                        techniques: vec!["still_point".into(), "dural_tube".into()],
                        techniques_other: String::new(),
                        scale_before: Some(8 - s % 8),
                        scale_after: Some(6 - s % 6),
                        outcome: assessment.into(),
                    },
                    today,
                )
                .expect("a session");
        }
        let draft = CaseStudyDraft {
            discussion: format!("{}{}\n\n", objective, assessment.repeat(2)).repeat(16),
            ..store.draft_case_study(client.id).expect("a draft")
        };
        store
            .save_case_study(None, &draft, today)
            .expect("a case study");
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\n', "<br>")
}

/// The portfolio's text as one HTML page, laid out for print much as ours is: A4, sections and
/// case studies each on a new page, tables with their heads repeated. Chromium cannot number a
/// contents list from its own pages, so the contents keep the numbers of our PDF.
fn portfolio_html(p: &Portfolio, contents: &[stillpoint_core::pdf::ContentsEntry]) -> String {
    let mut h = String::from(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Certification portfolio</title><style>\
         @page { size: A4; margin: 16mm 17mm 20mm 17mm; }\
         body { font-family: 'Noto Sans', sans-serif; font-size: 9.5pt; line-height: 1.3; }\
         h1 { font-size: 28pt; margin-top: 150pt; } h2 { font-size: 17pt; border-bottom: 1px solid #000; break-before: page; }\
         h3 { font-size: 12.5pt; margin: 12pt 0 4pt; } table { width: 100%; border-collapse: collapse; font-size: 8.5pt; }\
         th { background: #eee; text-align: left; } td, th { border-bottom: 0.5pt solid #bbb; padding: 3pt 4pt; vertical-align: top; }\
         td.n { text-align: right; } .grey { color: #666; } p { margin: 0 0 8pt; }\
         </style></head><body>",
    );
    h += &format!(
        "<p class=\"grey\"><b>{}</b></p><h1>{}</h1><p><b>{}</b><br>{}</p><p class=\"grey\">Prepared {}</p>",
        escape(&p.certification),
        escape(&p.title),
        escape(&p.practitioner),
        escape(&p.credentials),
        escape(&p.prepared_on)
    );
    h += "<h2>Contents</h2><table><tr><th>Part</th><th>Page</th></tr>";
    for e in contents {
        h += &format!(
            "<tr><td>{}<br><span class=\"grey\">{}</span></td><td class=\"n\">{}</td></tr>",
            escape(&e.title),
            escape(&e.note),
            e.page
        );
    }
    h += "</table><h2>Training record</h2><h3>Courses</h3><table><tr><th>Course</th><th>Dates</th><th>Instructor</th><th>Place</th><th>Hours</th><th>Certificate</th></tr>";
    for c in &p.courses {
        h += &format!("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>", escape(&c.title), escape(&c.dates), escape(&c.instructor), escape(&c.place), escape(&c.hours), escape(&c.certificate));
    }
    h += "</table><h2>Mentorship summary</h2><table><tr><th>Category</th><th>Counted</th><th>Claimed</th><th>Not yet claimed</th></tr>";
    for c in &p.categories {
        h += &format!("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>", escape(&c.label), escape(&c.counted), escape(&c.claimed), escape(&c.unclaimed));
    }
    h += "</table><table>";
    for (label, value) in &p.credits {
        h += &format!(
            "<tr><td>{}</td><td class=\"n\">{}</td></tr>",
            escape(label),
            escape(value)
        );
    }
    h += "</table><h2>Certification readiness</h2>";
    for path in &p.paths {
        h += &format!("<h3>{}</h3><p class=\"grey\">{}</p><table><tr><th>Requirement</th><th></th><th>From the records</th></tr>", escape(&path.name), escape(&path.status));
        for i in &path.items {
            h += &format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&i.label),
                escape(&i.state),
                escape(&i.detail)
            );
        }
        h += "</table>";
    }
    for (n, c) in p.case_studies.iter().enumerate() {
        h += &format!("<h2 dir=\"auto\"><span class=\"grey\" style=\"font-size:9.5pt;font-weight:normal\">Case study {} of {} · Client {}</span><br>{}</h2><table>", n + 1, p.case_studies.len(), escape(&c.client_code), escape(&c.title));
        for (label, value) in &c.facts {
            h += &format!(
                "<tr><td class=\"grey\">{}</td><td>{}</td></tr>",
                escape(label),
                escape(value)
            );
        }
        h += &format!("</table><h3>Symptoms or diagnosis</h3><p dir=\"auto\">{}</p><h3>Evaluation at each session</h3><table><tr><th></th><th>Session</th><th>Evaluation</th></tr>", escape(&c.symptoms));
        for (i, (day, text)) in c.evaluations.iter().enumerate() {
            h += &format!(
                "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
                i + 1,
                escape(day),
                escape(text)
            );
        }
        h += "</table>";
        for (title, text) in [
            ("Treatment: findings", &c.findings),
            ("Treatment: techniques", &c.techniques),
            ("Outcome", &c.outcome),
            ("Discussion", &c.discussion),
        ] {
            h += &format!("<h3>{title}</h3><p dir=\"auto\">{}</p>", escape(text));
        }
    }
    h += "</body></html>";
    h
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let started = Instant::now();
                std::hint::black_box(f());
                started.elapsed()
            })
            .collect(),
    )
}

const EVENTS: usize = 10_000;

/// A calendar of `EVENTS` events as Google Calendar and Outlook write them: CRLF, a VTIMEZONE,
/// times in an IANA zone, in a Windows zone and in UTC, folded descriptions, text in German.
fn ics() -> String {
    let mut text = String::from(
        "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n\
         CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nBEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n\
         X-LIC-LOCATION:America/New_York\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:-0500\r\n\
         TZOFFSETTO:-0400\r\nTZNAME:EDT\r\nDTSTART:19700308T020000\r\n\
         RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\n\
         TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nDTSTART:19701101T020000\r\n\
         RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n",
    );
    let description = "Monthly review of CS1 material\\, open to all program participants.\\n\
                       To register\\, write to mentorship@example.org with your CS1 certificate\\; \
                       the password for the session is sent back.";
    let mut folded = String::new();
    for (i, c) in format!("DESCRIPTION:{description}").chars().enumerate() {
        if i > 0 && i % 74 == 0 {
            folded.push_str("\r\n ");
        }
        folded.push(c);
    }
    let first = NaiveDate::from_ymd_opt(2020, 1, 6).expect("a real date");
    for i in 0..EVENTS {
        let day = first + chrono::Days::new((i % 3000) as u64);
        let hour = 8 + i % 12;
        let local = format!("{}T{hour:02}0000", day.format("%Y%m%d"));
        let end = format!("{}T{hour:02}3000", day.format("%Y%m%d"));
        let (start, end) = match i % 3 {
            0 => (
                format!("DTSTART;TZID=America/New_York:{local}"),
                format!("DTEND;TZID=America/New_York:{end}"),
            ),
            1 => (format!("DTSTART:{local}Z"), format!("DTEND:{end}Z")),
            _ => (
                format!("DTSTART;TZID=\"W. Europe Standard Time\":{local}"),
                "DURATION:PT1H30M".to_owned(),
            ),
        };
        text.push_str(&format!(
            "BEGIN:VEVENT\r\n{start}\r\n{end}\r\nDTSTAMP:20250301T150000Z\r\n\
             UID:bench-{i}@google.com\r\nCREATED:20250110T140000Z\r\n{folded}\r\n\
             LAST-MODIFIED:20250301T145900Z\r\nLOCATION:https://us02web.zoom.us/j/{i}\r\n\
             SEQUENCE:{}\r\nSTATUS:CONFIRMED\r\n\
             SUMMARY:Mentorship call {i} – Zwerchfell und Becken\r\nTRANSP:OPAQUE\r\n\
             END:VEVENT\r\n",
            i % 3
        ));
    }
    text.push_str("END:VCALENDAR\r\n");
    text
}

/// The calendar's figures.
fn calendar() {
    let context = IcsContext {
        rules: default_rule_set().expect("the rule set"),
        certification: default_certification().expect("the certification"),
        floating_zone: chrono_tz::Tz::UTC,
    };
    let text = ics();
    let started = Instant::now();
    let read = read_ics(text.as_bytes(), &context).expect("the calendar reads");
    let first_read = started.elapsed();
    assert_eq!(read.events.len(), EVENTS);
    let reading = time(5, || {
        read_ics(text.as_bytes(), &context).expect("the calendar reads")
    });
    let stored: Vec<(String, u32)> = read
        .events
        .iter()
        .map(|e| (e.uid.clone(), e.sequence))
        .collect();
    let merging = time(5, || merge_plan(&stored, read.events.clone()));
    assert_eq!(
        merge_plan(&stored, read.events.clone()).unchanged.len(),
        EVENTS
    );
    let stamp = chrono::Utc::now();
    let written = write_ics(&read.events, stamp).expect("the calendar writes");
    let writing = time(5, || {
        write_ics(&read.events, stamp).expect("the calendar writes")
    });
    let back = time(5, || {
        read_ics(written.as_bytes(), &context).expect("it reads back")
    });
    println!(
        "calendar, {EVENTS} events ({:.1} MB of .ics):",
        text.len() as f64 / 1e6
    );
    println!("  read, first time               {first_read:>10.2?}   [target <= 1 s]");
    println!("  read (median of 5)             {reading:>10.2?}   [target <= 1 s]");
    println!("  merge decision, all unchanged  {merging:>10.2?}");
    println!(
        "  write (median of 5)            {writing:>10.2?}   {:.1} MB",
        written.len() as f64 / 1e6
    );
    println!("  read back the written file     {back:>10.2?}");

    // The store and the Calendar view's read models on those 10,000 events.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = Store::open(&dir.path().join("calendar.db")).expect("a new database");
    let started = Instant::now();
    let imported = store
        .import_ics(text.as_bytes(), chrono_tz::Tz::UTC)
        .expect("the import runs");
    let import = started.elapsed();
    assert_eq!(imported.added as usize, EVENTS);
    let here = chrono_tz::Tz::Europe__Berlin;
    let now = chrono::Utc::now();
    let month = time(20, || {
        stillpoint_core::views::calendar_month(&store, 2023, 6, here, now).expect("the month")
    });
    let shown =
        stillpoint_core::views::calendar_month(&store, 2023, 6, here, now).expect("the month");
    let in_grid: usize = shown.weeks.iter().flatten().map(|d| d.events.len()).sum();
    let agenda = time(20, || {
        stillpoint_core::views::agenda(&store, here, now).expect("the agenda")
    });
    println!("  store import (one transaction) {import:>10.2?}   [target <= 1 s]");
    println!("  month grid (median of 20)      {month:>10.2?}   {in_grid} events in its weeks");
    println!("  agenda (median of 20)          {agenda:>10.2?}");
}

fn main() {
    if std::env::args().skip(1).any(|a| a == "calendar") {
        calendar();
        return;
    }
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a real date");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = Store::open(&dir.path().join("bench.db")).expect("a new database");
    let text = csv();

    let started = Instant::now();
    let summary = import_csv(&mut store, text.as_bytes(), today).expect("the import runs");
    let import = started.elapsed();
    assert_eq!(summary.imported, ROWS, "{:?}", summary.errors.first());
    let started = Instant::now();
    let again = import_csv(&mut store, text.as_bytes(), today).expect("the import runs");
    let reimport = started.elapsed();
    assert_eq!(again.skipped_duplicates.len(), ROWS as usize);

    let credits = time(50, || store.credit_status().expect("credits"));
    let first_page = time(20, || {
        store
            .entries(&EntryQuery {
                limit: 100,
                ..Default::default()
            })
            .expect("a page")
    });
    let sorted_page = time(10, || {
        store
            .entries(&EntryQuery {
                limit: 100,
                sort: EntrySort::CountedDesc,
                ..Default::default()
            })
            .expect("a page")
    });
    let searched_page = time(10, || {
        store
            .entries(&EntryQuery {
                limit: 100,
                search: "mentor 42".into(),
                ..Default::default()
            })
            .expect("a page")
    });
    let export = time(3, || export_csv(&store).expect("an export"));

    let started = Instant::now();
    let claim = store
        .claim_credits(100, today)
        .expect("100 credits to claim");
    let claiming = started.elapsed();
    let claimed_entries = claim.summary.entry_count;
    let credits_claimed = time(50, || store.credit_status().expect("credits"));
    let first_page_claimed = time(20, || {
        store
            .entries(&EntryQuery {
                limit: 100,
                sort: EntrySort::DateAsc,
                ..Default::default()
            })
            .expect("a page")
    });
    let sorted_claimed = time(10, || {
        store
            .entries(&EntryQuery {
                limit: 100,
                sort: EntrySort::CountedDesc,
                ..Default::default()
            })
            .expect("a page")
    });
    // The first PDF also loads the fonts (the installed Japanese one too); not counted.
    let small = form(100);
    let started = Instant::now();
    let small_pdf = tracking_form_pdf(&small).expect("a PDF");
    let first = started.elapsed();
    let small_time = time(20, || tracking_form_pdf(&small).expect("a PDF"));
    let large = form(2000);
    let large_pdf = tracking_form_pdf(&large).expect("a PDF");
    let large_time = time(3, || tracking_form_pdf(&large).expect("a PDF"));

    let portfolio_dir = tempfile::tempdir().expect("a temporary folder");
    let mut practice = Store::open(&portfolio_dir.path().join("practice.db")).expect("a database");
    clinic(&mut practice, 50, today);
    let made = portfolio(&practice, None, today).expect("a portfolio");
    let whole = time(5, || {
        portfolio(&practice, None, today).expect("a portfolio")
    });
    let data = portfolio_data(&practice, None, today).expect("the portfolio's text");
    let checks = time(5, || {
        portfolio_data(&practice, None, today).expect("the portfolio's text")
    });
    let layout = time(5, || portfolio_pdf(&data).expect("a portfolio"));
    // For scripts/bench-portfolio-chromium: the same text as HTML, our PDF and our time.
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("portfolio-bench");
    std::fs::create_dir_all(&out).expect("a folder for the comparison");
    std::fs::write(
        out.join("portfolio.html"),
        portfolio_html(&data, &made.contents),
    )
    .expect("the HTML page");
    std::fs::write(out.join("stillpoint.pdf"), &made.bytes).expect("our PDF");
    std::fs::write(
        out.join("stillpoint-ms.txt"),
        format!("{:.1}\n", whole.as_secs_f64() * 1000.0),
    )
    .expect("our time");

    println!(
        "with {ROWS} entries ({:.1} MB of CSV):",
        text.len() as f64 / 1e6
    );
    println!("  import                         {import:>10.2?}   [target <= 3 s]");
    println!("  re-import (all duplicates)     {reimport:>10.2?}");
    println!("  credits (median of 50)         {credits:>10.2?}   [target <= 5 ms]");
    println!(
        "  Hours first page, by date      {first_page:>10.2?}   [target: first rows <= 150 ms]"
    );
    println!("  Hours first page, by counted   {sorted_page:>10.2?}");
    println!("  Hours first page, searched     {searched_page:>10.2?}");
    println!("  export                         {export:>10.2?}");
    println!("after claiming 100 credits ({claimed_entries} entries):");
    println!("  claim                          {claiming:>10.2?}");
    println!("  credits (median of 50)         {credits_claimed:>10.2?}   [target <= 5 ms]");
    println!("  Hours first page, oldest first {first_page_claimed:>10.2?}   (every row claimed)");
    println!("  Hours first page, by counted   {sorted_claimed:>10.2?}");
    println!("tracking form PDF:");
    println!("  first, 100 entries, loads fonts {first:>9.2?}");
    println!(
        "  100 entries (median of 20)     {small_time:>10.2?}   {:>5} KB   [target <= 50 ms, <= 150 KB]",
        small_pdf.len() / 1024
    );
    println!(
        "  2,000 entries (median of 3)    {large_time:>10.2?}   {:>5} KB   [target <= 1 s]",
        large_pdf.len() / 1024
    );
    println!(
        "certification portfolio, 50 case studies in five scripts ({} pages):",
        made.pages
    );
    println!(
        "  from the store (median of 5)   {whole:>10.2?}   {:>5} KB   [target <= 1 s]",
        made.bytes.len() / 1024
    );
    println!("    reading, wording, checks     {checks:>10.2?}   (consent; every client's name in every text)");
    println!("    laying out the PDF           {layout:>10.2?}");
    println!("  for scripts/bench-portfolio-chromium: {}", out.display());
    calendar();
}
