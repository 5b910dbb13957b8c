//! The commands as the window calls them: through Tauri's IPC (mock runtime), JSON in and out.

use serde_json::{json, Value};
use stillpoint::AppState;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

struct Window {
    _dir: tempfile::TempDir,
    webview: WebviewWindow<tauri::test::MockRuntime>,
    _app: tauri::App<tauri::test::MockRuntime>,
}

fn window_on(dir: tempfile::TempDir, db: &str) -> Window {
    let state = AppState::open(dir.path().join(db));
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
