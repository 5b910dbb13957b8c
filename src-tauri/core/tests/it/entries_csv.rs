//! CSV import and export against files as spreadsheets really write them (`tests/fixtures/`).

use std::path::PathBuf;

use chrono::NaiveDate;
use stillpoint_core::entries_csv::{
    export_csv, import_csv, import_csv_file, ImportSummary, RepeatedRow, RowError,
};
use stillpoint_core::model::{Entry, EntryDraft, EntryQuery};
use stillpoint_core::rules::Format;
use stillpoint_core::{testing, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn import_fixture(store: &mut Store, name: &str) -> ImportSummary {
    import_csv_file(store, &fixture(name), today()).unwrap()
}

fn count(store: &Store) -> i64 {
    store
        .entries(&EntryQuery {
            limit: 1,
            ..Default::default()
        })
        .unwrap()
        .total
}

/// What an entry is, without the id the database gave it.
fn contents(store: &Store) -> Vec<(EntryDraft, Option<i64>, i64, Vec<String>)> {
    store
        .all_entries()
        .unwrap()
        .into_iter()
        .map(|e: Entry| (e.draft, e.logged_minutes, e.counted_minutes, e.reasons))
        .collect()
}

#[test]
fn a_libreoffice_file_imports_every_row_as_typed() {
    let mut store = Store::open_in_memory().unwrap();
    let summary = import_fixture(&mut store, "libreoffice-en.csv");
    assert_eq!(
        summary,
        ImportSummary {
            imported: 8,
            ..Default::default()
        }
    );
    let entries = store.all_entries().unwrap();
    let find = |provider: &str| {
        entries
            .iter()
            .find(|e| e.draft.provider == provider)
            .unwrap_or_else(|| panic!("{provider} not imported"))
    };
    let eleni = find("Ελένη Παπαδοπούλου");
    assert_eq!(
        eleni.draft.notes,
        "Case round \"diaphragms\"\nsecond line; with a semicolon"
    );
    assert!(
        eleni.draft.certified_mentor && eleni.draft.endorsed,
        "empty is yes"
    );
    assert_eq!(find("Олена Коваленко").logged_minutes, Some(15), "0.25 h");
    assert_eq!(find("אורית לוי").logged_minutes, Some(90), "01:30");
    let precepting = find("山田 花子");
    assert_eq!(
        (
            precepting.logged_minutes,
            precepting.draft.days,
            precepting.counted_minutes
        ),
        (None, Some(3), 270)
    );
    assert_eq!(find("Karin Holm").counted_minutes, 360, "capped class");
    let study = find("Tomás Oyarzún");
    assert_eq!((study.draft.endorsed, study.counted_minutes), (false, 0));
    let obrien = find("O'Brien, Siobhán");
    assert_eq!(obrien.draft.format, Some(Format::Virtual));
    assert_eq!(obrien.draft.notes, "Name with a comma, an apostrophe");
}

#[test]
fn german_and_windows_variants_give_the_same_entries() {
    let mut reference = Store::open_in_memory().unwrap();
    import_fixture(&mut reference, "libreoffice-en.csv");
    for name in ["libreoffice-de.csv", "libreoffice-de-windows.csv"] {
        let mut store = Store::open_in_memory().unwrap();
        let summary = import_fixture(&mut store, name);
        assert_eq!(summary.imported, 8, "{name}: {:?}", summary.errors);
        assert_eq!(contents(&store), contents(&reference), "{name}");
    }
}

#[test]
fn upper_case_headers_few_columns_quotes_and_newlines() {
    let mut store = Store::open_in_memory().unwrap();
    let summary = import_fixture(&mut store, "upper-case-crlf.csv");
    assert_eq!(summary.imported, 4, "{:?}", summary.errors);
    let entries = store.all_entries().unwrap();
    let drafts: Vec<&EntryDraft> = entries.iter().map(|e| &e.draft).collect();
    assert_eq!(drafts[0].provider, "Núñez, Ana");
    assert_eq!(
        drafts[0].notes,
        "Discussed \"still point\" induction, then V-spread"
    );
    assert_eq!(
        entries[1].logged_minutes,
        Some(150),
        "\"2,5\" in a comma file"
    );
    assert_eq!(
        drafts[1].notes,
        "Line one\nline two, with a comma\nline three; with a semicolon"
    );
    assert_eq!(drafts[2].format, Some(Format::InPerson));
    assert_eq!(entries[2].logged_minutes, Some(60), "1 h");
    assert_eq!(drafts[2].provider_credentials, "", "no such column: empty");
    assert_eq!(drafts[3].provider, "\"Quoted\" Name");
    assert!(drafts.iter().all(|d| d.certified_mentor && d.endorsed));
    let again = import_fixture(&mut store, "upper-case-crlf.csv");
    assert_eq!(
        again.skipped_duplicates,
        [2, 4, 7, 8],
        "after a blank line 3"
    );
}

#[test]
fn bad_rows_import_nothing_and_each_is_reported_at_its_line() {
    let mut store = Store::open_in_memory().unwrap();
    let summary = import_fixture(&mut store, "bad-rows.csv");
    let got: Vec<(u32, &str)> = summary
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (5, "date"),
            (6, "hours"),
            (8, "activity"),
            (9, "days"),
            (9, "endorsed"),
        ],
        "{:#?}",
        summary.errors
    );
    assert_eq!(
        summary.errors[0].message,
        "The date is too far in the future; enter one up to 2026."
    );
    assert!(summary.errors[1]
        .message
        .contains("whole number of minutes"));
    assert_eq!((summary.imported, summary.skipped_duplicates.len()), (0, 0));
    assert_eq!(count(&store), 0, "the good rows are not imported either");
}

#[test]
fn one_bad_row_among_good_ones_keeps_the_database_as_it_was() {
    let mut store = Store::open_in_memory().unwrap();
    import_fixture(&mut store, "libreoffice-en.csv");
    let before = contents(&store);
    let mut text = std::fs::read_to_string(fixture("libreoffice-de.csv")).unwrap();
    text = text.replace("2025-02-03;one_to_one;0,25", "2025-02-03;one_to_one;0,3333");
    let summary = import_csv(&mut store, text.as_bytes(), today()).unwrap();
    assert_eq!(
        summary.errors,
        [RowError {
            line: 5,
            column: "hours".into(),
            message: "0,3333 h is not a whole number of minutes; round it, e.g. 1.25 or 1:15."
                .into(),
        }]
    );
    assert_eq!(contents(&store), before);
}

#[test]
fn a_second_import_skips_every_row_and_names_their_lines() {
    let mut store = Store::open_in_memory().unwrap();
    import_fixture(&mut store, "libreoffice-de.csv");
    let before = contents(&store);
    let again = import_fixture(&mut store, "libreoffice-de-windows.csv");
    assert_eq!(again.imported, 0);
    // Row 2 spans lines 3 and 4 (a note with a line break).
    assert_eq!(again.skipped_duplicates, [2, 3, 5, 6, 7, 8, 9, 10]);
    assert_eq!(contents(&store), before);
}

#[test]
fn rows_repeated_in_a_file_are_all_kept_and_listed() {
    let header = "date,activity,format,hours\n";
    let row = "2025-03-14,one_to_one,virtual,1\n";
    let text = format!("{header}{row}2025-03-15,one_to_one,virtual,1\n{row}");
    let mut store = Store::open_in_memory().unwrap();
    let first = import_csv(&mut store, text.as_bytes(), today()).unwrap();
    assert_eq!(first.imported, 3);
    assert_eq!(
        first.repeated_in_file,
        [RepeatedRow {
            line: 4,
            same_as: 2
        }]
    );
    let second = import_csv(&mut store, text.as_bytes(), today()).unwrap();
    assert_eq!(
        (second.imported, second.skipped_duplicates),
        (0, vec![2, 3, 4])
    );

    // One stored entry stands for one row: the other identical row is new.
    let mut one = Store::open_in_memory().unwrap();
    import_csv(&mut one, format!("{header}{row}").as_bytes(), today()).unwrap();
    let both = import_csv(&mut one, format!("{header}{row}{row}").as_bytes(), today()).unwrap();
    assert_eq!((both.imported, both.skipped_duplicates), (1, vec![2]));
    assert_eq!(count(&one), 2);
}

#[test]
fn hours_written_differently_are_the_same_entry() {
    let mut store = Store::open_in_memory().unwrap();
    let header = "date;activity;format;hours;provider\n";
    import_csv(
        &mut store,
        format!("{header}2025-03-14;one_to_one;virtual;1:30; Ana \n").as_bytes(),
        today(),
    )
    .unwrap();
    let again = import_csv(
        &mut store,
        format!("{header}2025-03-14;ONE_TO_ONE;Virtual;1,5;Ana\n").as_bytes(),
        today(),
    )
    .unwrap();
    assert_eq!(again.skipped_duplicates, [2], "{:?}", again.errors);
}

#[test]
fn an_export_imports_into_an_empty_database_as_the_same_entries() {
    let mut store = Store::open_in_memory().unwrap();
    import_fixture(&mut store, "libreoffice-en.csv");
    import_fixture(&mut store, "upper-case-crlf.csv");
    let (text, written) = export_csv(&store).unwrap();
    assert_eq!(written, 12);

    let mut fresh = Store::open_in_memory().unwrap();
    let summary = import_csv(&mut fresh, text.as_bytes(), today()).unwrap();
    assert_eq!(summary.imported, 12, "{:?}", summary.errors);
    assert_eq!(contents(&fresh), contents(&store));
    assert_eq!(export_csv(&fresh).unwrap().0, text, "export is stable");

    let into_itself = import_csv(&mut store, text.as_bytes(), today()).unwrap();
    assert_eq!(
        (into_itself.imported, into_itself.skipped_duplicates.len()),
        (0, 12)
    );
}

#[test]
fn the_export_is_what_libreoffice_saves_back_unchanged() {
    // libreoffice-resaved-export.csv is this export, opened in LibreOffice Calc and saved as
    // CSV again (see make-libreoffice-fixtures.sh).
    let mut store = Store::open_in_memory().unwrap();
    import_fixture(&mut store, "libreoffice-en.csv");
    let (text, _) = export_csv(&store).unwrap();
    let resaved = std::fs::read_to_string(fixture("libreoffice-resaved-export.csv")).unwrap();
    assert_eq!(text, resaved);
    assert!(text.starts_with(
        "date,activity,format,hours,days,provider,provider_credential,certified_mentor,endorsed,notes\n"
    ));
    assert!(text.contains(
        "\n2025-02-20,precepting_advanced,in_person,,3,山田 花子,CST-D,yes,yes,\"Advanced 1, Palm Beach\"\n"
    ));
    assert!(text.contains(",virtual,0.25,,"));
}

#[test]
fn text_that_starts_like_a_formula_is_exported_as_text_and_imported_back_exactly() {
    let tricky = [
        "=HYPERLINK(\"http://example.com\",\"x\")",
        "+cmd|' /C calc'!A0",
        "-3",
        "@SUM(1)",
        "'=already",
        "''+twice",
        "'plain",
        "plain = fine",
    ];
    let mut store = Store::open_in_memory().unwrap();
    for (n, text) in tricky.iter().enumerate() {
        let rotate = |k: usize| tricky[(n + k) % tricky.len()].to_owned();
        store
            .add_entry(
                &EntryDraft {
                    format: Some(Format::Virtual),
                    provider: rotate(1),
                    provider_credentials: rotate(2),
                    notes: (*text).to_owned(),
                    ..testing::entry("2025-03-14", "small_group", "1.5")
                },
                today(),
            )
            .unwrap();
    }
    let (text, written) = export_csv(&store).unwrap();
    assert_eq!(written, tricky.len());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} would run as a formula"
            );
        }
    }
    assert!(
        text.contains(",'-3\n") && text.contains(",''=already\n"),
        "{text}"
    );
    assert!(
        text.contains(",'plain\n"),
        "a quote before plain text is kept as it is"
    );

    let mut fresh = Store::open_in_memory().unwrap();
    let summary = import_csv(&mut fresh, text.as_bytes(), today()).unwrap();
    assert_eq!(summary.imported, 8, "{:?}", summary.errors);
    assert_eq!(contents(&fresh), contents(&store));
    assert_eq!(export_csv(&fresh).unwrap().0, text, "export is stable");
    let again = import_csv(&mut store, text.as_bytes(), today()).unwrap();
    assert_eq!((again.imported, again.skipped_duplicates.len()), (0, 8));

    // A tab or carriage return never starts a stored text (it is trimmed), and a file that
    // protects one with a quote is read as the text after it.
    let header = "date,activity,format,hours,notes\n";
    let file = format!("{header}2025-03-14,small_group,virtual,1,\"'\tx\"\n");
    let mut other = Store::open_in_memory().unwrap();
    assert!(import_csv(&mut other, file.as_bytes(), today())
        .unwrap()
        .is_ok());
    assert_eq!(other.all_entries().unwrap()[0].draft.notes, "x");
}

fn messages(summary: &ImportSummary) -> Vec<(u32, &str, &str)> {
    summary
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_str(), e.message.as_str()))
        .collect()
}

#[test]
fn a_huge_value_is_quoted_cut_short_in_its_message() {
    let huge = "x".repeat(1_000_000);
    for row in [
        format!("2025-03-14,{huge},virtual,1.5\n"),
        format!("2025-03-14,small_group,virtual,{huge}\n"),
        format!("2025-03-14,small_group,{huge},1.5\n"),
    ] {
        let file = format!("date,activity,format,hours\n{row}");
        let mut store = Store::open_in_memory().unwrap();
        let summary = import_csv(&mut store, file.as_bytes(), today()).unwrap();
        assert_eq!(summary.errors.len(), 1);
        let message = &summary.errors[0].message;
        assert!(
            message.contains(&format!("\"{}…\"", "x".repeat(60))),
            "{}",
            &message[..200.min(message.len())]
        );
        assert!(
            message.chars().count() < 1000,
            "{} characters",
            message.chars().count()
        );
    }
    let header =
        format!("date,activity,format,hours,{huge}\n2025-03-14,small_group,virtual,1.5,\n");
    let mut store = Store::open_in_memory().unwrap();
    let summary = import_csv(&mut store, header.as_bytes(), today()).unwrap();
    assert!(summary.errors[0].message.chars().count() < 1000);
    assert!(summary.errors[0].column.chars().count() <= 61);
}

#[test]
fn dates_need_a_four_digit_year_from_1900_to_next_year_at_import_as_at_the_form() {
    let file = "date,activity,format,hours\n\
                24-01-01,small_group,virtual,1\n\
                0001-01-01,small_group,virtual,1\n\
                1899-12-31,small_group,virtual,1\n\
                2027-01-01,small_group,virtual,1\n\
                1900-01-01,small_group,virtual,1\n";
    let mut store = Store::open_in_memory().unwrap();
    let summary = import_csv(&mut store, file.as_bytes(), today()).unwrap();
    assert_eq!(
        messages(&summary),
        [
            (
                2,
                "date",
                "Write the year with four digits, like 2025-03-14."
            ),
            (3, "date", "Enter a date from 1900 to 2026."),
            (4, "date", "Enter a date from 1900 to 2026."),
            (
                5,
                "date",
                "The date is too far in the future; enter one up to 2026."
            ),
        ]
    );
    let draft = EntryDraft {
        format: Some(Format::Virtual),
        provider: String::new(),
        provider_credentials: String::new(),
        ..testing::entry("0001-01-01", "small_group", "1")
    };
    let form = store.add_entry(&draft, today()).unwrap_err();
    assert_eq!(form.to_string(), "Enter a date from 1900 to 2026.");
    let short = EntryDraft {
        date: "24-01-01".into(),
        ..draft
    };
    let form = store.add_entry(&short, today()).unwrap_err();
    assert_eq!(
        form.to_string(),
        "Write the year with four digits, like 2025-03-14."
    );
    assert_eq!(count(&store), 0);
}

#[test]
fn an_empty_activity_is_asked_for_in_a_sentence_not_quoted() {
    let file = "date,activity,format,hours\n2025-03-14,,virtual,1\n2025-03-14,small_group,,1\n";
    let mut store = Store::open_in_memory().unwrap();
    let summary = import_csv(&mut store, file.as_bytes(), today()).unwrap();
    for (_, _, message) in messages(&summary) {
        assert!(!message.contains("\"\""), "{message}");
    }
    assert!(summary.errors[0]
        .message
        .starts_with("Choose an activity: Receiving treatment, "));
    assert_eq!(
        summary.errors[1].message,
        "Write In person or Virtual (or in_person, virtual)."
    );
    let form = store
        .add_entry(
            &EntryDraft {
                format: Some(Format::Virtual),
                provider: String::new(),
                provider_credentials: String::new(),
                ..testing::entry("2025-03-14", "  ", "1")
            },
            today(),
        )
        .unwrap_err();
    assert_eq!(form.to_string(), "Choose an activity.");
}

#[test]
fn headers_and_activities_in_the_apps_words_import_like_the_keys() {
    let words = "Date;Activity;Format;Hours;Days;Mentor or provider;Credentials;Certified mentor;Endorsed;Notes\n\
                 2025-03-14;Small group mentorship;Virtual;1,5;;Ana Núñez;CST;yes;yes;\n\
                 2025-03-15;1X1 MENTORSHIP;in person;1;;Ana Núñez;CST-D;yes;yes;\n\
                 2025-02-20;precepting an advanced workshop;In-Person;;3;山田 花子;CST-D;yes;yes;\n";
    let keys = "date;activity;format;hours;days;provider;provider_credential;certified_mentor;endorsed;notes\n\
                2025-03-14;small_group;virtual;1,5;;Ana Núñez;CST;yes;yes;\n\
                2025-03-15;one_to_one;in_person;1;;Ana Núñez;CST-D;yes;yes;\n\
                2025-02-20;precepting_advanced;in_person;;3;山田 花子;CST-D;yes;yes;\n";
    let (mut by_words, mut by_keys) = (
        Store::open_in_memory().unwrap(),
        Store::open_in_memory().unwrap(),
    );
    let summary = import_csv(&mut by_words, words.as_bytes(), today()).unwrap();
    assert_eq!(summary.imported, 3, "{:?}", summary.errors);
    assert_eq!(
        import_csv(&mut by_keys, keys.as_bytes(), today())
            .unwrap()
            .imported,
        3
    );
    assert_eq!(contents(&by_words), contents(&by_keys));
}

#[test]
fn every_bad_row_and_the_headers_problems_are_reported_at_once_with_what_is_accepted() {
    let file = "Date,Activity,Format,Hours,Teacher\n\
                2025-03-14,Small group mentorship,virtual,1.5,x\n\
                2025-03-14,Zoom call,virtual,1.5,x\n\
                2025-03-14,small_group,online,1.5,x\n\
                2025-03-14,small_group,virtual,lots,x\n";
    let mut store = Store::open_in_memory().unwrap();
    let summary = import_csv(&mut store, file.as_bytes(), today()).unwrap();
    let got: Vec<(u32, &str)> = summary
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_str()))
        .collect();
    assert_eq!(
        got,
        [(1, "Teacher"), (3, "activity"), (4, "format"), (5, "hours")]
    );
    let m = |i: usize| summary.errors[i].message.as_str();
    assert!(
        m(0).contains("the columns are Date, Activity, Format, Hours, Days, Provider, Credentials"),
        "{}",
        m(0)
    );
    assert!(m(1).starts_with("\"Zoom call\" is not an activity; write one of Receiving treatment, Small group mentorship,"), "{}", m(1));
    assert!(m(1).contains("1x1 mentorship"), "{}", m(1));
    assert!(
        m(2).contains("In person or Virtual") && m(2).contains("\"online\""),
        "{}",
        m(2)
    );
    assert!(m(3).contains("like 1.5, 1:30 or 1 h 30 min"), "{}", m(3));
    assert_eq!(count(&store), 0);

    // A missing column is said once, in the header, not in every row.
    let missing = "date,activity,hours\n2025-03-14,small_group,1\n2025-03-14,nope,1\n";
    let summary = import_csv(&mut store, missing.as_bytes(), today()).unwrap();
    let got: Vec<(u32, &str)> = summary
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_str()))
        .collect();
    assert_eq!(got, [(1, "format"), (3, "activity")]);
}

#[test]
fn the_template_names_the_columns_in_the_apps_words_and_its_examples_are_not_imported() {
    let rules = stillpoint_core::rules::default_rule_set().unwrap();
    let template = stillpoint_core::entries_csv::template_csv(rules).unwrap();
    let lines: Vec<&str> = template.lines().collect();
    assert_eq!(
        lines[0],
        "Date,Activity,Format,Hours,Days,Provider,Credentials,Certified mentor,Endorsed,Notes"
    );
    assert_eq!(lines.len(), 4, "one example per category:\n{template}");
    assert!(lines[1].contains(",Receiving treatment,"));
    assert!(lines[3].contains(",1x1 mentorship,"));

    let mut store = Store::open_in_memory().unwrap();
    let as_it_is = import_csv(&mut store, template.as_bytes(), today()).unwrap();
    let got: Vec<(u32, &str)> = as_it_is
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_str()))
        .collect();
    assert_eq!(got, [(2, "notes"), (3, "notes"), (4, "notes")]);
    assert_eq!(count(&store), 0);

    let filled = template.replace(stillpoint_core::entries_csv::EXAMPLE_NOTE, "My own");
    let summary = import_csv(&mut store, filled.as_bytes(), today()).unwrap();
    assert_eq!(summary.imported, 3, "{:?}", summary.errors);
    let categories: Vec<String> = store
        .all_entries()
        .unwrap()
        .iter()
        .map(|e| format!("{:?}", e.category))
        .collect();
    assert_eq!(categories, ["A", "B", "C"]);
}
