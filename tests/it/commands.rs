//! The commands as the window calls them: through Tauri's IPC (mock runtime), JSON in and out.

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

/// A desktop without a screen: its save dialog answers `save_to`, and it remembers what it
/// was asked to open.
#[derive(Clone, Default)]
struct FakeDesktop {
    save_to: Option<PathBuf>,
    opened: Arc<Mutex<Vec<PathBuf>>>,
}

impl Desktop for FakeDesktop {
    fn ask_where_to_save(&self, _title: &str, suggested: &str, extension: &str) -> Option<PathBuf> {
        assert!(suggested.ends_with(&format!(".{extension}")));
        self.save_to.clone()
    }
    fn open_file(&self, path: &Path) -> Result<(), ApiError> {
        self.opened.lock().unwrap().push(path.to_owned());
        Ok(())
    }
}

fn window_on(dir: tempfile::TempDir, db: &str) -> Window {
    window_with(dir, db, FakeDesktop::default())
}

fn window_with(dir: tempfile::TempDir, db: &str, desktop: FakeDesktop) -> Window {
    let state = AppState::open(dir.path().join(db)).with_desktop(Box::new(desktop));
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
