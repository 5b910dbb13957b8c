//! The portfolio's promise: no client's private name or contact is printed, in any field, case or
//! script, however it is hidden (invisible characters, spelled out).

use super::*;

#[test]
fn a_private_name_in_any_field_case_or_script_refuses_the_export_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("clinic.db");
    let (icelandic, greek, ukrainian);
    {
        let mut store = Store::open(&db).unwrap();
        profile(&mut store);
        icelandic = client_with_case(
            &mut store,
            "C-001",
            "Ólafur Þórsson",
            "olafur@example.is\n+354 891 2345",
            "The still point gave the most lasting change.",
        );
        greek = client_with_case(
            &mut store,
            "C-002",
            "Ελένη Παπαδοπούλου",
            "",
            "Η θεραπεία βοήθησε.",
        );
        ukrainian = client_with_case(
            &mut store,
            "C-003",
            "Олена Коваленко",
            "",
            "Лікування допомогло.",
        );
    }
    let pdf = dir.path().join("portfolio.pdf");
    let clean = stillpoint(&db, &["portfolio", "--out", pdf.to_str().unwrap()]);
    assert_eq!((clean.code, clean.err.as_str()), (0, ""));
    std::fs::remove_file(&pdf).unwrap();

    type Change = fn(&mut CaseStudyDraft);
    let cases: [(i64, Change, &str, &str); 7] = [
        (
            icelandic,
            |d| d.discussion = "Afterwards ÓLAFUR said he felt lighter.".into(),
            "Discussion",
            "ÓLAFUR",
        ),
        (
            icelandic,
            |d| d.findings = "mr thorsson's neck was stiff".into(),
            "Findings",
            "thorsson",
        ),
        (
            icelandic,
            |d| d.outcome = "Call 891-2345 to book again.".into(),
            "Outcome",
            "891-2345",
        ),
        (
            greek,
            |d| d.evaluations[1].text = "η ελενη ανέφερε λιγότερο πόνο".into(),
            "Evaluation of session 2",
            "ελενη",
        ),
        (
            ukrainian,
            |d| d.title = "Біль у шиї: випадок КОВАЛЕНКО".into(),
            "Title",
            "КОВАЛЕНКО",
        ),
        (
            ukrainian,
            |d| d.symptoms = "Олену турбує біль у шиї.".into(),
            "Symptoms or diagnosis",
            "Олену",
        ),
        (
            icelandic,
            |d| d.discussion = "Referred by Ελένη, another client.".into(),
            "Discussion",
            "of C-002",
        ),
    ];
    for (id, change, label, shown) in cases {
        let mut store = Store::open(&db).unwrap();
        let before = store.case_study(id).unwrap().draft;
        let mut draft = before.clone();
        change(&mut draft);
        store.save_case_study(Some(id), &draft, today()).unwrap();
        drop(store);

        let refused = stillpoint(&db, &["portfolio", "--out", pdf.to_str().unwrap()]);
        assert_eq!(refused.code, 1, "{label}: {}", refused.out);
        assert!(
            refused.err.contains(&format!("Case study {id} (")),
            "{label}: {}",
            refused.err
        );
        assert!(refused.err.contains(label), "{label}: {}", refused.err);
        assert!(refused.err.contains(shown), "{shown}: {}", refused.err);
        assert!(!pdf.exists(), "{label}: nothing is written");

        let mut store = Store::open(&db).unwrap();
        store.save_case_study(Some(id), &before, today()).unwrap();
    }
    let again = stillpoint(&db, &["portfolio", "--out", pdf.to_str().unwrap()]);
    assert_eq!((again.code, again.err.as_str()), (0, ""));
}

/// The invisible characters a copy and paste brings, which once hid a name from the check.
const INVISIBLE: [char; 7] = [
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{180E}', '\u{2062}',
];

#[test]
fn a_name_with_invisible_characters_in_it_or_spelled_out_is_not_stored_hidden_and_not_printed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("clinic.db");
    let id = {
        let mut store = Store::open(&db).unwrap();
        profile(&mut store);
        client_with_case(&mut store, "C-001", "Ingrid Solberg", "", "Slept better.")
    };
    let pdf = dir.path().join("portfolio.pdf");
    let out = pdf.to_str().unwrap();
    let clean = stillpoint(&db, &["portfolio", "--out", out]);
    assert_eq!((clean.code, clean.err.as_str()), (0, ""));
    std::fs::remove_file(&pdf).unwrap();

    type Field = fn(&mut CaseStudyDraft) -> &mut String;
    let fields: [(Field, &str); 4] = [
        (|d| &mut d.discussion, "Discussion"),
        (|d| &mut d.findings, "Findings"),
        (|d| &mut d.title, "Title"),
        (|d| &mut d.evaluations[1].text, "Evaluation of session 2"),
    ];
    let mut cases: Vec<(String, Field, &str)> = INVISIBLE
        .iter()
        .enumerate()
        .map(|(n, probe)| {
            let (field, label) = fields[n % fields.len()];
            (
                format!("Afterwards Ing{probe}rid felt lighter."),
                field,
                label,
            )
        })
        .collect();
    for spelled in ["I n g r i d", "I-n-g-r-i-d", "S o l b e r g", "Sol-berg"] {
        cases.push((
            format!("Then {spelled} felt lighter."),
            fields[0].0,
            "Discussion",
        ));
    }
    for (text, field, label) in cases {
        let mut store = Store::open(&db).unwrap();
        let before = store.case_study(id).unwrap().draft;
        let mut draft = before.clone();
        *field(&mut draft) = text.clone();
        store.save_case_study(Some(id), &draft, today()).unwrap();
        let mut stored = store.case_study(id).unwrap().draft;
        let stored_text = field(&mut stored).clone();
        assert!(
            !stored_text.chars().any(|c| INVISIBLE.contains(&c)),
            "{text:?} is stored as {stored_text:?}"
        );
        drop(store);

        let refused = stillpoint(&db, &["portfolio", "--out", out]);
        assert_eq!(refused.code, 1, "{text:?}: {}", refused.out);
        assert!(
            refused.err.contains(label) && refused.err.contains("private name"),
            "{text:?}: {}",
            refused.err
        );
        assert!(!pdf.exists(), "{text:?}: nothing is written");

        let mut store = Store::open(&db).unwrap();
        store.save_case_study(Some(id), &before, today()).unwrap();
    }

    // What a script or an emoji needs is kept as it was typed.
    let mut store = Store::open(&db).unwrap();
    let mut draft = store.case_study(id).unwrap().draft;
    let persian = "گفت می\u{200C}خواهم بخوابم";
    let emoji = "She drew 👩\u{200D}💻 and 🏳\u{FE0F}\u{200D}🌈.";
    draft.findings = persian.into();
    draft.outcome = emoji.into();
    store.save_case_study(Some(id), &draft, today()).unwrap();
    let stored = store.case_study(id).unwrap().draft;
    assert_eq!(
        (stored.findings.as_str(), stored.outcome.as_str()),
        (persian, emoji)
    );
}
