// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use clap::Parser;
use stillpoint_core::cli::{self, Cli};

fn main() {
    #[cfg(target_os = "linux")]
    prefer_software_compositing();
    let args = Cli::parse();
    match args.command {
        Some(command) => {
            let code = cli::run(
                args.db,
                command,
                &mut std::io::stdout(),
                &mut std::io::stderr(),
            );
            std::process::exit(code);
        }
        None => stillpoint::run(stillpoint_core::paths::database_path(args.db)),
    }
}

/// WebKitGTK's accelerated compositing costs about 75 MiB here and buys nothing for forms and
/// tables (and shows a blank window on some GPU drivers). Off unless the user says otherwise,
/// e.g. `WEBKIT_DISABLE_COMPOSITING_MODE=0`. Runs first, before any thread exists.
#[cfg(target_os = "linux")]
fn prefer_software_compositing() {
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}
