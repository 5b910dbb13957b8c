//! The headless command line: `stillpoint [--db PATH] <subcommand>`.
//!
//! The same binary as the window; given a subcommand it does the job and exits without opening
//! one. Output and exit codes are a contract for scripts: `--json` output is one JSON value on
//! stdout, errors go to stderr, exit code 0 on success, 1 when the engine refuses, 2 for usage.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::error::{Error, Result};
use crate::model::Profile;
use crate::paths::database_path;
use crate::store::Store;

/// Stillpoint: mentorship hours, case notes and certification portfolio for CranioSacral
/// therapists. Without a subcommand, opens the app's window.
#[derive(Debug, Parser)]
#[command(name = "stillpoint", version, about, long_about = None)]
pub struct Cli {
    /// The database file to use (default: $STILLPOINT_DB, else the app's data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// What to do; none opens the window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show or change the practitioner's profile.
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// Fill an empty database with demo data (fictional people). Refuses a non-empty database.
    Demo,
}

/// `stillpoint profile …`
#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Print the profile.
    Show {
        /// Print one JSON object (or `null` when no profile is saved yet).
        #[arg(long)]
        json: bool,
    },
    /// Change the fields given; the others keep their values.
    Set(ProfileFields),
}

/// The profile fields `profile set` can change.
#[derive(Debug, Args)]
pub struct ProfileFields {
    /// Full name, in any script.
    #[arg(long)]
    name: Option<String>,
    /// Credentials, e.g. "LMT, CST".
    #[arg(long)]
    credentials: Option<String>,
    /// Member ID with the certifying body.
    #[arg(long)]
    member_id: Option<String>,
    /// Postal address.
    #[arg(long)]
    address: Option<String>,
    /// Email address.
    #[arg(long)]
    email: Option<String>,
    /// Phone number.
    #[arg(long)]
    phone: Option<String>,
}

/// Runs one subcommand against the database; returns the process exit code.
pub fn run(db: Option<PathBuf>, command: Command, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let path = database_path(db);
    let result = Store::open(&path).and_then(|mut store| execute(&mut store, command, out));
    match result {
        Ok(()) => 0,
        Err(error) => {
            let _ = match &error {
                Error::Invalid { field, message } => {
                    writeln!(err, "error: --{}: {message}", field.replace('_', "-"))
                }
                other => writeln!(err, "error: {other}"),
            };
            1
        }
    }
}

fn execute(store: &mut Store, command: Command, out: &mut dyn Write) -> Result<()> {
    match command {
        Command::Profile(ProfileCommand::Show { json }) => {
            let profile = store.profile()?;
            if json {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string(&profile).map_err(std::io::Error::other)?
                )?;
            } else {
                match profile {
                    Some(p) => write_profile(out, &p)?,
                    None => writeln!(
                        out,
                        "No profile yet. Set one with: stillpoint profile set --name \"…\""
                    )?,
                }
            }
        }
        Command::Profile(ProfileCommand::Set(fields)) => {
            let mut profile = store.profile()?.unwrap_or_default();
            let changes = [
                (fields.name, &mut profile.name),
                (fields.credentials, &mut profile.credentials),
                (fields.member_id, &mut profile.member_id),
                (fields.address, &mut profile.address),
                (fields.email, &mut profile.email),
                (fields.phone, &mut profile.phone),
            ];
            for (new, slot) in changes {
                if let Some(new) = new {
                    *slot = new;
                }
            }
            let saved = store.save_profile(&profile)?;
            writeln!(out, "Profile saved.")?;
            write_profile(out, &saved)?;
        }
        Command::Demo => {
            crate::demo::load(store, crate::today())?;
            writeln!(out, "Demo data loaded.")?;
        }
    }
    Ok(())
}

fn write_profile(out: &mut dyn Write, p: &Profile) -> std::io::Result<()> {
    let rows = [
        ("Name", &p.name),
        ("Credentials", &p.credentials),
        ("Member ID", &p.member_id),
        ("Address", &p.address),
        ("Email", &p.email),
        ("Phone", &p.phone),
    ];
    for (label, value) in rows {
        writeln!(
            out,
            "{label:<12} {}",
            value.replace('\n', &format!("\n{:<12} ", ""))
        )?;
    }
    Ok(())
}
