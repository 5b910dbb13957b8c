// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use clap::Parser;
use stillpoint::cli::{self, Cli};

fn main() {
    #[cfg(target_os = "linux")]
    prefer_software_compositing();
    #[cfg(windows)]
    if std::env::args_os().len() > 1 {
        use_the_callers_console();
    }
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
        None => stillpoint::run(stillpoint::folders::database_path(args.db)),
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

/// A Windows release build has no console of its own, so `stillpoint credits --json` typed in a
/// terminal would print nothing: with arguments, write to the terminal that started us.
#[cfg(windows)]
#[allow(unsafe_code)] // the one call into Win32; the engine forbids unsafe code outright
fn use_the_callers_console() {
    use windows_sys::Win32::System::Console::{AttachConsole, ATTACH_PARENT_PROCESS};
    // SAFETY: AttachConsole takes a process id and has no memory-safety preconditions; if there
    // is no parent console it fails and output goes nowhere, as before.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}
