//! The commands as the window calls them: through Tauri's IPC (mock runtime), JSON in and out
//! (the mentor directory's in commands/mentors.rs, the calendar's in commands/calendar.rs).

mod backups;
mod calendar;
mod mentors;
mod reminders;
mod training;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use stillpoint::{AppState, Desktop};
use stillpoint_core::ApiError;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

struct Window {
    _dir: tempfile::TempDir,
    webview: WebviewWindow<tauri::test::MockRuntime>,
    _app: tauri::App<tauri::test::MockRuntime>,
}

/// A desktop without a screen: its save dialog answers `save_to`, its open dialog `open_from`,
/// and it remembers what it was asked to open. Both dialogs check the extension asked for:
/// `extension`, else `csv` to open.
#[derive(Clone, Default)]
struct FakeDesktop {
    save_to: Option<PathBuf>,
    open_from: Option<PathBuf>,
    extension: Option<&'static str>,
    folder: Option<PathBuf>,
    opened: Arc<Mutex<Vec<PathBuf>>>,
    links: Arc<Mutex<Vec<String>>>,
    closed: Arc<Mutex<u32>>,
    notified: Arc<Mutex<Vec<String>>>,
}

impl Desktop for FakeDesktop {
    fn ask_where_to_save(&self, _title: &str, suggested: &str, extension: &str) -> Option<PathBuf> {
        assert!(suggested.ends_with(&format!(".{extension}")));
        if let Some(expected) = self.extension {
            assert_eq!(extension, expected);
        }
        self.save_to.clone()
    }
    fn ask_which_to_open(&self, _title: &str, extension: &str) -> Option<PathBuf> {
        assert_eq!(extension, self.extension.unwrap_or("csv"));
        self.open_from.clone()
    }
    fn ask_for_folder(&self, _title: &str, _start: &Path) -> Option<PathBuf> {
        self.folder.clone()
    }
    fn open_file(&self, path: &Path) -> Result<(), ApiError> {
        self.opened.lock().unwrap().push(path.to_owned());
        Ok(())
    }
    fn show_folder(&self, folder: &Path) -> Result<(), ApiError> {
        self.opened.lock().unwrap().push(folder.to_owned());
        Ok(())
    }
    fn open_link(&self, link: &str) -> Result<(), ApiError> {
        stillpoint::contact_scheme(link)?;
        self.links.lock().unwrap().push(link.to_owned());
        Ok(())
    }
    fn close_window(&self) -> Result<(), ApiError> {
        *self.closed.lock().unwrap() += 1;
        Ok(())
    }
    fn notify(&self, title: &str, body: &str) -> Result<(), ApiError> {
        self.notified
            .lock()
            .unwrap()
            .push(format!("{title}: {body}"));
        Ok(())
    }
}

fn window_on(dir: tempfile::TempDir, db: &str) -> Window {
    window_with(dir, db, FakeDesktop::default())
}

fn window_with(dir: tempfile::TempDir, db: &str, desktop: FakeDesktop) -> Window {
    let state = AppState::open(dir.path().join(db));
    window_of(dir, state, desktop)
}

/// A window on `state` (e.g. one given a time zone of its own), with `desktop`.
fn window_of(dir: tempfile::TempDir, state: AppState, desktop: FakeDesktop) -> Window {
    let state = state
        .with_viewer_folder(dir.path().join("viewer"))
        .with_desktop(Box::new(desktop));
    let app = stillpoint::with_app(mock_builder(), state)
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Window {
        _dir: dir,
        webview,
        _app: app,
    }
}

fn window() -> Window {
    window_on(tempfile::tempdir().unwrap(), "commands.db")
}

impl Window {
    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.webview, request).map(|body| body.deserialize::<Value>().unwrap())
    }
}

fn ana() -> Value {
    json!({"name": "Ana Núñez", "credentials": "LMT, CST", "member_id": "", "address": "",
           "email": "ana@example.org", "phone": ""})
}

#[test]
fn the_window_closes_when_its_unsaved_changes_are_discarded() {
    let desktop = FakeDesktop::default();
    let w = window_with(tempfile::tempdir().unwrap(), "close.db", desktop.clone());
    w.call("set_unsaved", json!({"unsaved": true})).unwrap();
    assert_eq!(*desktop.closed.lock().unwrap(), 0);
    w.call("close_window", json!({})).unwrap();
    assert_eq!(*desktop.closed.lock().unwrap(), 1);
}

#[test]
fn the_data_folder_is_the_database_s_folder() {
    let desktop = FakeDesktop::default();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_owned();
    let w = window_with(dir, "folder.db", desktop.clone());
    w.call("show_data_folder", json!({})).unwrap();
    assert_eq!(*desktop.opened.lock().unwrap(), vec![folder]);
}

#[test]
fn typed_hours_are_read_back_in_words() {
    let w = window();
    assert_eq!(
        w.call("read_hours", json!({"text": "1 h 30 min"})).unwrap(),
        json!({"minutes": 90, "words": "1 h 30 min"})
    );
    assert_eq!(
        w.call("read_hours", json!({"text": "1,25"})).unwrap()["words"],
        "1 h 15 min"
    );
    assert_eq!(
        w.call("read_hours", json!({"text": "lots"})).unwrap()["minutes"],
        Value::Null
    );
}

#[test]
fn a_first_start_is_empty_and_has_no_profile() {
    let w = window();
    let status = w.call("app_status", json!({})).unwrap();
    assert_eq!(status["empty"], true);
    assert_eq!(status["startup_error"], Value::Null);
    assert!(status["database_path"]
        .as_str()
        .unwrap()
        .ends_with("commands.db"));
    assert_eq!(w.call("get_profile", json!({})).unwrap(), Value::Null);
}

#[test]
fn save_profile_stores_and_returns_the_profile() {
    let w = window();
    assert_eq!(
        w.call("save_profile", json!({"profile": ana()})).unwrap(),
        ana()
    );
    assert_eq!(w.call("get_profile", json!({})).unwrap(), ana());
    assert_eq!(w.call("app_status", json!({})).unwrap()["empty"], false);
}

#[test]
fn an_invalid_profile_answers_code_message_field_and_saves_nothing() {
    let w = window();
    let mut bad = ana();
    bad["email"] = json!("ana-at-example");
    let error = w.call("save_profile", json!({"profile": bad})).unwrap_err();
    assert_eq!(error["code"], "invalid");
    assert_eq!(error["field"], "email");
    assert!(error["message"].as_str().unwrap().contains("email"));
    assert_eq!(w.call("get_profile", json!({})).unwrap(), Value::Null);
}

#[test]
fn load_demo_fills_an_empty_database_and_then_refuses() {
    let w = window();
    w.call("load_demo", json!({})).unwrap();
    assert!(w.call("get_profile", json!({})).unwrap()["name"].is_string());
    let error = w.call("load_demo", json!({})).unwrap_err();
    assert_eq!(error["code"], "refused");
}

#[test]
fn a_database_from_a_newer_stillpoint_is_reported_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    let conn = make_newer_database(&path);
    drop(conn);
    let w = window_on(dir, "future.db");
    let status = w.call("app_status", json!({})).unwrap();
    assert_eq!(status["startup_error"]["code"], "database_too_new");
    assert_eq!(
        w.call("get_profile", json!({})).unwrap_err()["code"],
        "database_too_new"
    );
}

/// Makes a database that claims a schema newer than this build, using only the engine's
/// public API plus SQLite's pragma (the shell does not depend on rusqlite directly).
fn make_newer_database(path: &std::path::Path) -> stillpoint_core::Store {
    let store = stillpoint_core::Store::open(path).unwrap();
    store
        .conn()
        .pragma_update(
            None,
            "user_version",
            stillpoint_core::store::SCHEMA_VERSION + 1,
        )
        .unwrap();
    store
}

fn an_entry(w: &Window) -> Value {
    w.call(
        "add_entry",
        json!({"entry": {"date": "2025-03-14", "activity": "clinical_applications", "format": "in_person",
                         "hours": "7", "days": null, "mentor_id": null, "provider": "Upledger Institute",
                         "provider_credentials": "", "certified_mentor": false, "endorsed": true, "notes": ""}}),
    )
    .unwrap()
}

#[test]
fn a_file_attached_to_an_entry_is_listed_opened_and_comes_back_with_an_undone_delete() {
    let desktop = FakeDesktop::default();
    let w = window_with(tempfile::tempdir().unwrap(), "files.db", desktop.clone());
    let entry = an_entry(&w);
    let owner = json!({"kind": "entry", "id": entry["id"]});
    // "%PDF-1.4 ok" in base64.
    let attached = w
        .call("attach_file", json!({"owner": owner, "fileName": "Certificate CA1.pdf", "base64": "JVBERi0xLjQgb2s="}))
        .unwrap();
    assert_eq!(attached["file_name"], "Certificate CA1.pdf");
    assert_eq!(attached["bytes"], 11);
    assert_eq!(
        w.call("list_attachments", json!({"owner": owner})).unwrap(),
        json!([attached])
    );

    w.call("open_attachment", json!({"id": attached["id"]}))
        .unwrap();
    let opened = desktop.opened.lock().unwrap().clone();
    assert_eq!(opened.len(), 1);
    assert_eq!(std::fs::read(&opened[0]).unwrap(), b"%PDF-1.4 ok");

    let deleted = w.call("delete_entry", json!({"id": entry["id"]})).unwrap();
    assert_eq!(deleted["attachments"], json!([attached]));
    let restored = w
        .call("restore_entry", json!({"deleted": deleted}))
        .unwrap();
    let back = w
        .call(
            "list_attachments",
            json!({"owner": {"kind": "entry", "id": restored["id"]}}),
        )
        .unwrap();
    assert_eq!(back[0]["file_name"], "Certificate CA1.pdf");
}

#[test]
fn a_file_that_is_not_base64_is_refused_at_the_file_field() {
    let w = window();
    let entry = an_entry(&w);
    let error = w
        .call("attach_file", json!({"owner": {"kind": "entry", "id": entry["id"]}, "fileName": "a.pdf", "base64": "%%%"}))
        .unwrap_err();
    assert_eq!(error["field"], "file");
    assert_eq!(
        w.call(
            "list_attachments",
            json!({"owner": {"kind": "entry", "id": entry["id"]}})
        )
        .unwrap(),
        json!([])
    );
}

#[test]
fn export_writes_where_the_save_dialog_says_and_nothing_when_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.csv");
    let desktop = FakeDesktop {
        save_to: Some(target.clone()),
        ..Default::default()
    };
    let w = window_with(dir, "export.db", desktop);
    an_entry(&w);
    let saved = w.call("export_csv", json!({})).unwrap();
    assert_eq!(saved["count"], 1);
    assert_eq!(saved["path"], target.display().to_string());
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.starts_with("date,activity,format,hours"), "{text}");
    assert!(
        text.contains("2025-03-14,clinical_applications,in_person"),
        "{text}"
    );

    let cancelled = window();
    assert_eq!(
        cancelled.call("export_csv", json!({})).unwrap(),
        Value::Null
    );
}

#[test]
fn a_template_is_saved_where_the_save_dialog_says_and_imports_once_filled_in() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.csv");
    let desktop = FakeDesktop {
        save_to: Some(template.clone()),
        open_from: Some(template.clone()),
        ..Default::default()
    };
    let w = window_with(dir, "template.db", desktop);
    let saved = w.call("save_csv_template", json!({})).unwrap();
    assert_eq!(saved["count"], 3, "one example row per category");
    assert_eq!(saved["path"], template.display().to_string());
    let text = std::fs::read_to_string(&template).unwrap();
    assert!(
        text.starts_with("Date,Activity,Format,Hours,Days,Provider,Credentials,Certified mentor,Endorsed,Notes\n"),
        "{text}"
    );

    // Imported as it is, its examples are refused; filled in, it imports.
    let refused = w.call("import_csv", json!({})).unwrap();
    assert_eq!(refused["file"], "template.csv");
    assert_eq!(refused["summary"]["errors"].as_array().unwrap().len(), 3);
    assert_eq!(refused["summary"]["imported"], 0);
    std::fs::write(
        &template,
        text.replace(stillpoint_core::entries_csv::EXAMPLE_NOTE, "Mine"),
    )
    .unwrap();
    let imported = w.call("import_csv", json!({})).unwrap();
    assert_eq!(imported["summary"]["imported"], 3, "{imported}");

    let cancelled = window();
    assert_eq!(
        cancelled.call("save_csv_template", json!({})).unwrap(),
        Value::Null
    );
    assert_eq!(
        cancelled.call("import_csv", json!({})).unwrap(),
        Value::Null
    );
}

/// A client whose intake flags a head injury, cleared on 15 January 2025, with one session.
fn a_cleared_client_with_a_session(w: &Window) -> (Value, Value) {
    let client = w
        .call("save_client", json!({"id": null, "client": {"code": "C-1", "private_name": "Ólafur Þórsson",
              "private_contact": "", "birth_year": 1981, "gender": "", "consent_treatment_on": "2025-01-10",
              "consent_portfolio_on": ""}}))
        .unwrap();
    let screen = w.call("intake_screen", json!({})).unwrap();
    let answers: Vec<Value> = screen["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| json!({"item": i["key"], "answer": if i["key"] == "head_injury" { "yes" } else { "no" }}))
        .collect();
    w.call(
        "save_intake",
        json!({"clientId": client["id"], "intake": {"taken_on": "2025-01-10",
           "complaint": "Headaches", "history": "", "medications": "", "answers": answers}}),
    )
    .unwrap();
    w.call(
        "add_clearance",
        json!({"clearance": {"client_id": client["id"], "cleared_on": "2025-01-15",
           "cleared_by": "Dr Anna Berg, GP", "note": ""}}),
    )
    .unwrap();
    let session = w
        .call(
            "save_session",
            json!({"id": null, "session": session_on(&client, "2025-01-20", 60)}),
        )
        .unwrap();
    (client, session)
}

fn session_on(client: &Value, date: &str, minutes: i64) -> Value {
    json!({"client_id": client["id"], "date": date, "minutes": minutes, "subjective": "", "objective": "",
           "assessment": "Tension at the occiput.", "plan": "", "techniques": ["still_point"],
           "techniques_other": "", "scale_before": 6, "scale_after": 3, "outcome": ""})
}

#[test]
fn a_session_is_edited_under_the_engines_rules_and_deleted_once() {
    let w = window();
    let (client, session) = a_cleared_client_with_a_session(&w);
    let sessions = |w: &Window| {
        w.call("client_overview", json!({"id": client["id"]}))
            .unwrap()["sessions"]
            .clone()
    };

    let edited = w
        .call(
            "save_session",
            json!({"id": session["id"], "session": session_on(&client, "2025-01-21", 45)}),
        )
        .unwrap();
    assert_eq!(edited["id"], session["id"]);
    assert_eq!(sessions(&w), json!([edited]));

    let refused = w
        .call(
            "save_session",
            json!({"id": session["id"], "session": session_on(&client, "2025-01-14", 45)}),
        )
        .unwrap_err();
    assert_eq!(refused["code"], "invalid");
    assert_eq!(refused["field"], "clearance");
    assert_eq!(
        sessions(&w),
        json!([edited]),
        "the refused edit changed nothing"
    );

    assert_eq!(
        w.call("delete_session", json!({"id": session["id"]}))
            .unwrap(),
        edited
    );
    assert_eq!(sessions(&w), json!([]));
    let again = w
        .call("delete_session", json!({"id": session["id"]}))
        .unwrap_err();
    assert_eq!(again["code"], "not_found");
    assert_eq!(again["message"], "That session was not found");
}

#[test]
fn a_clearance_is_removed_once_and_its_sessions_show_as_uncleared() {
    let w = window();
    let (client, _) = a_cleared_client_with_a_session(&w);
    let overview = || {
        w.call("client_overview", json!({"id": client["id"]}))
            .unwrap()
    };
    let clearance = overview()["clearance"].clone();
    assert_eq!(overview()["sessions"][0]["uncleared"], false);

    assert_eq!(
        w.call("delete_clearance", json!({"id": clearance["id"]}))
            .unwrap(),
        clearance
    );
    let after = overview();
    assert_eq!(after["clearance"], Value::Null);
    assert_eq!(after["clearances"], json!([]));
    assert_eq!(after["sessions"][0]["uncleared"], true);
    let again = w
        .call("delete_clearance", json!({"id": clearance["id"]}))
        .unwrap_err();
    assert_eq!(again["code"], "not_found");
    assert_eq!(overview(), after, "the refused delete changed nothing");
}

#[cfg(unix)]
#[test]
fn a_form_opened_in_the_viewer_is_a_private_copy_of_its_own_never_in_the_shared_temp_folder() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let desktop = FakeDesktop::default();
    let dir = tempfile::tempdir().unwrap();
    let viewer = dir.path().join("viewer");
    // What a killed run left for the viewer goes when the app starts again.
    let stale = stillpoint_core::files::ViewerCopies::in_folder(viewer.clone())
        .write("Tracking form 9.pdf", b"%PDF-old")
        .unwrap();
    let w = window_with(dir, "viewer.db", desktop.clone());
    assert!(!stale.exists(), "left from an earlier run");
    w.call("load_demo", json!({})).unwrap();
    let claimed = w.call("claim_credits", json!({"credits": 1})).unwrap();
    let id = claimed["summary"]["id"].clone();
    w.call("open_form", json!({"id": id})).unwrap();
    w.call("open_form", json!({"id": id})).unwrap();
    let opened = desktop.opened.lock().unwrap().clone();
    assert_eq!(opened.len(), 2);
    assert_ne!(opened[0], opened[1], "every opening has a file of its own");
    for path in &opened {
        assert!(path.starts_with(&viewer), "{}", path.display());
        assert_eq!(path.file_name().unwrap(), "Tracking form 1.pdf");
        assert!(std::fs::read(path).unwrap().starts_with(b"%PDF"));
        assert_eq!(mode(path), 0o600, "{}", path.display());
        assert_eq!(mode(path.parent().unwrap()), 0o700);
    }
    assert_eq!(mode(&viewer), 0o700);
    // Closing the app removes them (`run` clears on exit; its setup clears at the next start).
    use tauri::Manager;
    let state = w.webview.state::<AppState>();
    assert_eq!(state.viewer.clear().unwrap(), 2);
    assert!(opened.iter().all(|p| !p.exists()));
}

#[test]
fn the_full_check_of_a_whole_record_finds_nothing() {
    let w = window();
    w.call("load_demo", json!({})).unwrap();
    assert_eq!(w.call("check_record", json!({})).unwrap(), Value::Null);
}
