//! The desktop shell: opens the database, hands the window's calls to the engine, and nothing
//! more. Every decision lives in `stillpoint-core`; a command here is a few lines.

pub mod cli;
mod commands;
pub mod folders;
mod state;
mod system;

use std::path::PathBuf;

use tauri::{Manager, Runtime, WindowEvent};
use tauri_specta::{collect_commands, Builder};

pub use state::AppState;
pub use system::{contact_scheme, Desktop};

/// The typed command set; also what `ui/src/lib/bindings.ts` is generated from.
pub fn specta_builder<R: Runtime>() -> Builder<R> {
    Builder::<R>::new().commands(collect_commands![
        commands::app_status,
        commands::check_record,
        commands::get_profile,
        commands::save_profile,
        commands::load_demo,
        commands::ui_ready,
        commands::set_unsaved,
        commands::close_window,
        commands::show_data_folder,
        commands::rule_set,
        commands::read_hours,
        commands::dashboard,
        commands::backup_status,
        commands::back_up_if_due,
        commands::back_up_now,
        commands::choose_backup_folder,
        commands::use_default_backup_folder,
        commands::reminder_minutes,
        commands::set_reminder_minutes,
        commands::list_entries,
        commands::add_entry,
        commands::update_entry,
        commands::delete_entry,
        commands::restore_entry,
        commands::attach_file,
        commands::list_attachments,
        commands::open_attachment,
        commands::detach_file,
        commands::export_csv,
        commands::list_mentors,
        commands::find_mentors,
        commands::mentor_page,
        commands::mentor_choices,
        commands::save_mentor,
        commands::delete_mentor,
        commands::import_mentors,
        commands::export_mentors,
        commands::contact_mentor,
        commands::calendar_month,
        commands::calendar_agenda,
        commands::calendar_glance,
        commands::import_calendar,
        commands::export_calendar,
        commands::set_event_status,
        commands::attend_event_draft,
        commands::log_attended_event,
        commands::import_csv,
        commands::save_csv_template,
        commands::list_submissions,
        commands::get_submission,
        commands::claim_credits,
        commands::mark_sent,
        commands::mark_credited,
        commands::reopen_submission,
        commands::discard_submission,
        commands::open_form,
        commands::save_form,
        commands::save_blank_form,
        commands::intake_screen,
        commands::techniques,
        commands::list_clients,
        commands::find_clients,
        commands::client_overview,
        commands::save_client,
        commands::delete_client,
        commands::save_intake,
        commands::add_clearance,
        commands::delete_clearance,
        commands::save_session,
        commands::delete_session,
        commands::list_case_studies,
        commands::draft_case_study,
        commands::check_case_study,
        commands::save_case_study,
        commands::delete_case_study,
        commands::certification,
        commands::training,
        commands::save_course,
        commands::delete_course,
        commands::save_exam,
        commands::delete_exam,
        commands::save_presentation,
        commands::delete_presentation,
        commands::open_portfolio,
        commands::save_portfolio,
    ])
}

/// Writes the TypeScript bindings for the commands and their types to `path`.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder::<tauri::Wry>()
        .disable_serde_phases()
        .export(specta_typescript::Typescript::default(), path)
        .map_err(|e| e.to_string())
}

/// Wires the commands and the state into a Tauri builder (the real one, or a mock in tests).
pub fn with_app<R: Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    let commands = specta_builder::<R>();
    // Copies a previous run handed to the viewer and could not remove (it was killed).
    clear_viewer_copies(&state);
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            let state = app.state::<AppState>();
            state.use_desktop_if_unset(Box::new(system::TauriDesktop(app.handle().clone())));
            remind_while_running(app.handle().clone());
            Ok(())
        })
        .on_window_event(|window, event| {
            // A form with changes: the window is kept open and asked; it answers "Keep
            // editing" (nothing happens) or "Discard" (it calls `close_window`).
            if let WindowEvent::CloseRequested { api, .. } = event {
                if window.state::<AppState>().has_unsaved() {
                    api.prevent_close();
                    if let Some(webview) = window.get_webview_window(window.label()) {
                        let _ = webview.eval(ASK_BEFORE_CLOSING);
                    }
                }
            }
        })
        .manage(state)
        .invoke_handler(commands.invoke_handler())
}

/// While the app runs, a system notification the chosen minutes before each registered live
/// event (checked every half minute; no network is used).
fn remind_while_running<R: Runtime>(app: tauri::AppHandle<R>) {
    std::thread::spawn(move || loop {
        let state = app.state::<AppState>();
        let zone = state.time_zone();
        // A reminder that cannot be shown (no notification service) is tried again next time.
        let _ = state.remind(chrono::Utc::now(), zone);
        std::thread::sleep(std::time::Duration::from_secs(30));
    });
}

/// What the shell runs in the window when closing it would throw away a form's changes.
pub const ASK_BEFORE_CLOSING: &str =
    "window.stillpointCloseRequested && window.stillpointCloseRequested()";

/// Opens the window on the database at `db_path` and runs until it is closed.
pub fn run(db_path: PathBuf) {
    let state = AppState::open(db_path);
    let app = match with_app(tauri::Builder::default(), state).build(tauri::generate_context!()) {
        Ok(app) => app,
        Err(error) => {
            eprintln!("stillpoint: the window could not be opened: {error}");
            std::process::exit(1);
        }
    };
    quit_gracefully_on_signals(app.handle());
    app.run(|app, event| {
        if let tauri::RunEvent::Exit = event {
            clear_viewer_copies(&app.state::<AppState>());
        }
    });
}

/// The system ends programs with a signal too (at logout or shutdown, or `kill`): then the app
/// quits as when its window closes, and removes what it handed to the viewer.
fn quit_gracefully_on_signals<R: Runtime>(app: &tauri::AppHandle<R>) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        for kind in [
            SignalKind::terminate(),
            SignalKind::interrupt(),
            SignalKind::hangup(),
        ] {
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                match signal(kind) {
                    Ok(mut stream) => {
                        if stream.recv().await.is_some() {
                            app.exit(0);
                        }
                    }
                    Err(error) => {
                        eprintln!("stillpoint: cannot listen for the system's signals: {error}")
                    }
                }
            });
        }
    }
    #[cfg(not(unix))]
    let _ = app;
}

/// Removes the copies handed to the system's viewer; a failure is only logged (the next start
/// tries again).
fn clear_viewer_copies(state: &AppState) {
    if let Err(error) = state.viewer.clear() {
        eprintln!("stillpoint: could not remove the viewer's copies: {error}");
    }
}
