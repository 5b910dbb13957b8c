//! The mentor directory's commands: finding mentors, a mentor's page, the form's refusals at
//! their field, import and export through the dialogs, contact through the system's programs.

use serde_json::{json, Value};

use super::{window, window_with, FakeDesktop};

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src-tauri/core/tests/fixtures")
        .join(name)
}

fn names(directory: &Value) -> Vec<String> {
    directory["mentors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["details"]["name"].as_str().unwrap().to_owned())
        .collect()
}

fn query(fields: Value) -> Value {
    let mut q =
        json!({"role": null, "language": null, "format": null, "country": null, "search": ""});
    q.as_object_mut()
        .unwrap()
        .extend(fields.as_object().unwrap().clone());
    json!({ "query": q })
}

#[test]
fn the_directory_is_found_by_role_language_format_country_and_words() {
    let w = window();
    w.call("load_demo", json!({})).unwrap();
    let found = w
        .call(
            "find_mentors",
            query(json!({"role": "examiner", "language": "Spanish"})),
        )
        .unwrap();
    assert_eq!(names(&found), ["Léa Moreau"]);
    assert_eq!(found["total"], 7);
    assert_eq!(
        found["summary"],
        "1 of 7 people: examiners, mentoring in Spanish."
    );
    assert!(found["languages"]
        .as_array()
        .unwrap()
        .contains(&json!("Hebrew")));
    assert!(found["countries"]
        .as_array()
        .unwrap()
        .contains(&json!({"code": "JP", "name": "Japan"})));
    let irish = w
        .call(
            "find_mentors",
            query(json!({"format": "in_person", "country": "IE"})),
        )
        .unwrap();
    assert_eq!(names(&irish), ["Siobhán Kearney"]);
    let searched = w
        .call("find_mentors", query(json!({"search": "tomas oyarzun"})))
        .unwrap();
    assert_eq!(names(&searched), ["Tomás Oyarzún"]);
    assert_eq!(searched["mentors"][0]["country_name"], "Chile");

    let choices = w.call("mentor_choices", json!({})).unwrap();
    assert_eq!(
        choices["roles"][3],
        json!({"role": "teaching_assistant", "label": "Teaching assistant"})
    );
    assert!(choices["time_zones"]
        .as_array()
        .unwrap()
        .contains(&json!("America/Santiago")));
    assert!(choices["countries"].as_array().unwrap().len() > 240);
}

#[test]
fn a_mentor_s_page_has_the_entries_and_hours_the_engine_counted() {
    let w = window();
    w.call("load_demo", json!({})).unwrap();
    let all = w
        .call("find_mentors", query(json!({"search": "Karin"})))
        .unwrap();
    let id = all["mentors"][0]["id"].clone();
    let page = w.call("mentor_page", json!({"id": id})).unwrap();
    assert_eq!(page["mentor"]["details"]["name"], "Karin Holm");
    let entries = page["entries"].as_array().unwrap();
    assert!(!entries.is_empty());
    let counted: i64 = entries
        .iter()
        .map(|e| e["counted_minutes"].as_i64().unwrap())
        .sum();
    let by_category: i64 = page["hours"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["counted_minutes"].as_i64().unwrap())
        .sum();
    assert_eq!(counted, by_category);
    assert_eq!(page["hours"][2]["category"], "C");
    assert!(page["summary"].as_str().unwrap().ends_with(" counted."));
    let gone = w.call("mentor_page", json!({"id": 999})).unwrap_err();
    assert_eq!(gone["code"], "not_found");
}

fn draft(fields: Value) -> Value {
    let mut d = json!({
        "name": "Karin Holm", "credentials": "PT, CST-D", "roles": ["mentor"], "certified_mentor": true,
        "email": "", "phone": "", "city": "Malmö", "country": "SE", "time_zone": "Europe/Stockholm",
        "languages": ["Swedish, English"], "formats": ["virtual"], "cost_notes": "", "notes": ""
    });
    d.as_object_mut()
        .unwrap()
        .extend(fields.as_object().unwrap().clone());
    d
}

#[test]
fn the_form_s_refusals_name_their_field_and_save_nothing() {
    let w = window();
    for (fields, field) in [
        (json!({"roles": ["examiner"]}), "certified_mentor"),
        (json!({"country": "Sverige"}), "country"),
        (json!({"time_zone": "Europe/Malmo"}), "time_zone"),
        (json!({"email": "karin@"}), "email"),
        (json!({"name": " "}), "name"),
    ] {
        let refused = w
            .call(
                "save_mentor",
                json!({"id": null, "mentor": draft(fields.clone())}),
            )
            .unwrap_err();
        assert_eq!(refused["code"], "invalid", "{fields}");
        assert_eq!(refused["field"], field, "{fields}");
    }
    assert_eq!(w.call("list_mentors", json!({})).unwrap(), json!([]));
    let saved = w
        .call(
            "save_mentor",
            json!({"id": null, "mentor": draft(json!({}))}),
        )
        .unwrap();
    assert_eq!(saved["details"]["languages"], json!(["Swedish", "English"]));
    assert_eq!(saved["country_name"], "Sweden");
}

#[test]
fn a_mentor_list_imports_through_the_open_dialog_and_exports_through_the_save_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("directory.csv");
    let desktop = FakeDesktop {
        open_from: Some(fixture("mentors-program-list.csv")),
        save_to: Some(out.clone()),
        ..Default::default()
    };
    let w = window_with(dir, "import.db", desktop);
    let imported = w.call("import_mentors", json!({})).unwrap();
    assert_eq!(imported["file"], "mentors-program-list.csv");
    assert_eq!(imported["summary"]["imported"], 5);
    assert_eq!(
        imported["summary"]["skipped"],
        json!([{"line": 8, "name": "KARIN HOLM",
                "reason": "the same person as line 2 (the same name and email)"}])
    );
    let exported = w.call("export_mentors", json!({})).unwrap();
    assert_eq!(exported["count"], 5);
    assert_eq!(exported["path"], out.display().to_string());
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .starts_with("name,credentials,roles,"));

    let bad = FakeDesktop {
        open_from: Some(fixture("mentors-bad-rows.csv")),
        ..Default::default()
    };
    let refused_window = window_with(tempfile::tempdir().unwrap(), "bad.db", bad);
    let refused = refused_window.call("import_mentors", json!({})).unwrap();
    assert_eq!(refused["summary"]["imported"], 0);
    assert_eq!(refused["summary"]["errors"].as_array().unwrap().len(), 7);
    assert_eq!(
        refused_window.call("list_mentors", json!({})).unwrap(),
        json!([])
    );

    let cancelled = window();
    assert_eq!(
        cancelled.call("import_mentors", json!({})).unwrap(),
        Value::Null
    );
    assert_eq!(
        cancelled.call("export_mentors", json!({})).unwrap(),
        Value::Null
    );
}

#[test]
fn contact_opens_the_mail_or_phone_program_with_the_stored_address_only() {
    let desktop = FakeDesktop::default();
    let w = window_with(tempfile::tempdir().unwrap(), "contact.db", desktop.clone());
    let saved = w
        .call(
            "save_mentor",
            json!({"id": null, "mentor": draft(json!({"email": "karin.holm@example.se", "phone": "+46 40 123 45 67"}))}),
        )
        .unwrap();
    let id = saved["id"].clone();
    w.call("contact_mentor", json!({"id": id, "by": "email"}))
        .unwrap();
    w.call("contact_mentor", json!({"id": id, "by": "phone"}))
        .unwrap();
    assert_eq!(
        *desktop.links.lock().unwrap(),
        ["mailto:karin.holm@example.se", "tel:+46401234567"]
    );
    let quiet = w
        .call(
            "save_mentor",
            json!({"id": null, "mentor": draft(json!({"name": "Mia Roth"}))}),
        )
        .unwrap();
    let refused = w
        .call("contact_mentor", json!({"id": quiet["id"], "by": "phone"}))
        .unwrap_err();
    assert!(refused["message"]
        .as_str()
        .unwrap()
        .contains("no phone number"));
    let unknown = w
        .call("contact_mentor", json!({"id": id, "by": "sms"}))
        .unwrap_err();
    assert!(
        unknown.as_str().unwrap().contains("unknown variant `sms`"),
        "{unknown}"
    );
    assert_eq!(
        desktop.links.lock().unwrap().len(),
        2,
        "nothing else was opened"
    );
}
