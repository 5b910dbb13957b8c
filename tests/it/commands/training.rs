//! The training record's commands: exams and presentations edited, deleted once, and an
//! unknown id refused.

use serde_json::json;

use super::window;

#[test]
fn exams_and_presentations_are_edited_and_deleted_and_an_unknown_id_is_refused() {
    let w = window();
    let exam = |passed_on: &str, note: &str| json!({"exam": "techniques_practical", "passed_on": passed_on, "note": note});
    let talk = |title: &str, hours: &str| json!({"given_on": "2026-02-02", "title": title, "audience": "Midwives, Bergen", "hours": hours});
    let kept_exam = w
        .call(
            "save_exam",
            json!({"id": null, "exam": exam("2025-03-01", "")}),
        )
        .unwrap();
    let saved_exam = w
        .call(
            "save_exam",
            json!({"id": null, "exam": exam("2025-09-01", "")}),
        )
        .unwrap();
    let kept_talk = w
        .call(
            "save_presentation",
            json!({"id": null, "presentation": talk("CST for doulas", "2")}),
        )
        .unwrap();
    let saved_talk = w
        .call(
            "save_presentation",
            json!({"id": null, "presentation": talk("CST for midwives", "6")}),
        )
        .unwrap();

    let edited_exam = w
        .call(
            "save_exam",
            json!({"id": saved_exam["id"], "exam": exam("2025-09-02", "Examiner: Karin Holm")}),
        )
        .unwrap();
    assert_eq!(edited_exam["id"], saved_exam["id"]);
    assert_eq!(edited_exam["draft"]["note"], "Examiner: Karin Holm");
    let edited_talk = w
        .call(
            "save_presentation",
            json!({"id": saved_talk["id"], "presentation": talk("CST and birth", "2:30")}),
        )
        .unwrap();
    assert_eq!(edited_talk["id"], saved_talk["id"]);
    assert_eq!(edited_talk["minutes"], 150);
    let bad = w
        .call(
            "save_presentation",
            json!({"id": saved_talk["id"], "presentation": talk("CST and birth", "0")}),
        )
        .unwrap_err();
    assert_eq!(
        (bad["code"].clone(), bad["field"].clone()),
        (json!("invalid"), json!("hours"))
    );
    let training = w.call("training", json!({})).unwrap();
    assert_eq!(training["exams"], json!([kept_exam, edited_exam]));
    assert_eq!(training["presentations"], json!([kept_talk, edited_talk]));

    assert_eq!(
        w.call("delete_exam", json!({"id": saved_exam["id"]}))
            .unwrap(),
        edited_exam
    );
    assert_eq!(
        w.call("delete_presentation", json!({"id": saved_talk["id"]}))
            .unwrap(),
        edited_talk
    );
    let after_delete = w.call("training", json!({})).unwrap();
    assert_eq!(after_delete["exams"], json!([kept_exam]));
    assert_eq!(after_delete["presentations"], json!([kept_talk]));

    let exam_gone = w
        .call("delete_exam", json!({"id": saved_exam["id"]}))
        .unwrap_err();
    assert_eq!(exam_gone["code"], "not_found");
    assert_eq!(exam_gone["message"], "That exam was not found");
    let talk_gone = w
        .call("delete_presentation", json!({"id": saved_talk["id"]}))
        .unwrap_err();
    assert_eq!(talk_gone["code"], "not_found");
    assert_eq!(talk_gone["message"], "That presentation was not found");
    assert_eq!(
        w.call("training", json!({})).unwrap(),
        after_delete,
        "a refused delete changes nothing"
    );
}
