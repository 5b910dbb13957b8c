// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use clap::Parser;
use stillpoint_core::cli::{self, Cli};

fn main() {
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
