//! The headless command line: `stillpoint [--db PATH] <subcommand>`.
//!
//! The same binary as the window; given a subcommand it does the job and exits without opening
//! one. Output and exit codes are a contract for scripts: `--json` output is one JSON value on
//! stdout, errors go to stderr, exit code 0 on success, 1 when the engine refuses, 2 for usage.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use stillpoint_core::entries_csv;
use stillpoint_core::error::{Error, Result};
use stillpoint_core::files::write_whole;
use stillpoint_core::mentors_csv;
use stillpoint_core::{ApiError, Store};

use crate::folders::database_path;

mod calendar;
mod print;

use calendar::CalendarCommand;

use print::{
    plural, write_backups, write_claim, write_credits, write_import_summary, write_mentor_import,
    write_mentors, write_profile, write_submissions,
};

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
    /// Import mentorship entries from a CSV file: every row or none. Rows already in the
    /// database are skipped, so importing a file twice adds nothing.
    Import {
        /// The CSV file: a header naming the columns date, activity, format, hours, days,
        /// provider, provider_credential, certified_mentor, endorsed, notes (any order).
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
    },
    /// Show the credits the uncredited hours earn and what the next credit still needs.
    Credits {
        /// Print one JSON object: {"credits_available", "counted_minutes", "next_credit"}.
        #[arg(long)]
        json: bool,
    },
    /// Export every mentorship entry to a CSV file (the format `import` reads).
    ExportCsv {
        /// The CSV file to write; an existing file is replaced.
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
    },
    /// Claim N credits on a new draft submission: each category's minimum from its oldest
    /// hours, the rest from the fullest category. Refuses more than are available, changing
    /// nothing.
    Claim {
        /// How many credits to claim, from 1 up to the credits available.
        #[arg(value_name = "N", allow_negative_numbers = true)]
        credits: i64,
        /// Also write the submission's tracking form to this PDF file.
        #[arg(long, value_name = "OUT.pdf")]
        form: Option<PathBuf>,
    },
    /// Write the program's tracking form, blank, for logging hours by hand.
    Form {
        /// A blank form (the only kind this command writes; a submission's form comes with
        /// `claim N --form`).
        #[arg(long, required = true)]
        blank: bool,
        /// The PDF file to write; an existing file is replaced.
        #[arg(long, value_name = "OUT.pdf")]
        out: PathBuf,
    },
    /// List the submissions, newest first: state, credits, hours claimed, fee.
    Submissions {
        /// Print one JSON array, one object per submission.
        #[arg(long)]
        json: bool,
    },
    /// The mentor directory: import a list, export it, or list it.
    #[command(subcommand)]
    Mentors(MentorsCommand),
    /// The program's calendar: import an iCalendar file, list the events, log one attended,
    /// export them.
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// Write the certification portfolio: cover, contents, training record, mentorship
    /// summary, readiness checklist and case studies. Refuses (writing nothing) a case study
    /// whose client has not consented, and any text that names a client.
    Portfolio {
        /// The PDF file to write; an existing file is replaced.
        #[arg(long, value_name = "OUT.pdf")]
        out: PathBuf,
        /// A case study to include, by id; repeat for more. Default: every case study of a
        /// client who consented to de-identified use.
        #[arg(long = "case-study", value_name = "ID")]
        case_studies: Vec<i64>,
    },
    /// Make a checked backup of the record in its backup folder (chosen in Settings, else
    /// `backups` beside the database), then remove the ones no longer kept (the last 7 days,
    /// 5 weeks and 12 months are). Prints the backup's path.
    Backup {
        /// Write the backup to this file instead (an existing file is replaced); nothing is
        /// removed.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// List the record's backups, newest first: when, size, and what each holds.
    Backups {
        /// Print one JSON array: {"path", "created_at", "bytes", "counts": {"entries",
        /// "clients", "sessions", "case_studies", "attachments"}} per backup.
        #[arg(long)]
        json: bool,
    },
}

impl Command {
    /// True for a command that changes the record (and so may create one).
    fn writes(&self) -> bool {
        match self {
            Command::Profile(ProfileCommand::Set(_))
            | Command::Demo
            | Command::Import { .. }
            | Command::Mentors(MentorsCommand::Import { .. })
            | Command::Calendar(CalendarCommand::Import { .. } | CalendarCommand::Attend { .. })
            | Command::Claim { .. } => true,
            Command::Profile(ProfileCommand::Show { .. })
            | Command::Credits { .. }
            | Command::ExportCsv { .. }
            | Command::Form { .. }
            | Command::Submissions { .. }
            | Command::Mentors(MentorsCommand::Export { .. } | MentorsCommand::List { .. })
            | Command::Calendar(CalendarCommand::List { .. } | CalendarCommand::Export { .. })
            | Command::Portfolio { .. }
            | Command::Backup { .. }
            | Command::Backups { .. } => false,
        }
    }
}

/// `stillpoint mentors …`
#[derive(Debug, Subcommand)]
pub enum MentorsCommand {
    /// Import mentors from a CSV file: every row or none. Someone already in the directory, or
    /// earlier in the file (the same name and email), is skipped, so importing twice adds no one.
    Import {
        /// The CSV file: a header naming the columns name, credentials, roles,
        /// certified_mentor, email, phone, city, country, time_zone, languages, formats,
        /// cost_notes, notes (any order; only name is required).
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
    },
    /// Export the directory to a CSV file (the format `mentors import` reads).
    Export {
        /// The CSV file to write; an existing file is replaced.
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
    },
    /// List the directory by name.
    List {
        /// Print one JSON array, one object per mentor.
        #[arg(long)]
        json: bool,
    },
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
    // Only a command that writes may create a record, or tidy one up.
    let opened = if command.writes() {
        Store::open(&path)
    } else if matches!(command, Command::Form { .. }) && !path.exists() {
        // A blank form needs no record: without one it is printed without the details.
        Store::open_in_memory()
    } else {
        Store::open_existing(&path)
    };
    let result = opened.and_then(|mut store| execute(&mut store, command, out, err));
    match result {
        Ok(code) => code,
        Err(error) => {
            let _ = match error {
                Error::Invalid { field, message } => {
                    writeln!(err, "error: --{}: {message}", field.replace('_', "-"))
                }
                // What the window would say (a full disk, a damaged file…); the details of an
                // internal error are logged to stderr first.
                other => writeln!(err, "error: {}", ApiError::from(other).message),
            };
            1
        }
    }
}

/// Does the job; returns the exit code for outcomes that are not engine errors (an import
/// refused row by row).
fn execute(
    store: &mut Store,
    command: Command,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32> {
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
            stillpoint_core::demo::load(store, stillpoint_core::today())?;
            writeln!(out, "Demo data loaded.")?;
        }
        Command::Import { file } => {
            let summary = entries_csv::import_csv_file(store, &file, stillpoint_core::today())?;
            if !summary.is_ok() {
                for e in &summary.errors {
                    writeln!(err, "line {}: {}: {}", e.line, e.column, e.message)?;
                }
                return Ok(1);
            }
            write_import_summary(out, &file, &summary)?;
        }
        Command::Credits { json } => {
            let status = store.credit_status()?;
            if json {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string(&status).map_err(std::io::Error::other)?
                )?;
            } else {
                write_credits(out, &status)?;
            }
        }
        Command::ExportCsv { file } => {
            let count = entries_csv::export_csv_file(store, &file)?;
            writeln!(
                out,
                "Exported {} to {}.",
                plural(count, "entry", "entries"),
                file.display()
            )?;
        }
        Command::Claim { credits, form } => {
            let Some(file) = form else {
                let detail = store
                    .claim_credits(credits, stillpoint_core::today())
                    .map_err(refused_claim)?;
                write_claim(out, &detail)?;
                return Ok(0);
            };
            // The claim and its form go together: the form is written before the claim is
            // committed, and removed if the commit fails, so nothing is claimed without it.
            let (mut reached, mut written) = (false, false);
            let claimed =
                store.claim_credits_then(credits, stillpoint_core::today(), |store, made| {
                    reached = true;
                    let pdf = stillpoint_core::forms::submission_form(store, made.summary.id)?;
                    write_whole(&file, &pdf)?;
                    written = true;
                    Ok(())
                });
            let detail = match claimed {
                Ok(detail) => detail,
                Err(error) if !reached => return Err(refused_claim(error)),
                Err(error) => {
                    if written {
                        let _ = std::fs::remove_file(&file);
                    }
                    let why = ApiError::from(error).message;
                    return Err(Error::Refused(format!(
                        "{}; nothing was claimed.",
                        why.trim_end_matches('.')
                    )));
                }
            };
            write_claim(out, &detail)?;
            writeln!(out, "Wrote the tracking form to {}.", file.display())?;
        }
        Command::Form {
            blank: _,
            out: file,
        } => {
            write_whole(&file, &stillpoint_core::forms::blank_form(store)?)?;
            writeln!(out, "Wrote a blank tracking form to {}.", file.display())?;
        }
        Command::Portfolio {
            out: file,
            case_studies,
        } => {
            let chosen = (!case_studies.is_empty()).then_some(&case_studies[..]);
            let made =
                stillpoint_core::portfolio::portfolio(store, chosen, stillpoint_core::today())?;
            write_whole(&file, &made.bytes)?;
            let cases = made.contents.iter().filter(|e| e.case_study).count();
            writeln!(
                out,
                "Wrote the portfolio ({}, {}) to {}.",
                plural(made.pages, "page", "pages"),
                plural(cases, "case study", "case studies"),
                file.display()
            )?;
        }
        Command::Mentors(command) => return mentors(store, command, out, err),
        Command::Calendar(command) => return calendar::run(store, command, out, err),
        Command::Backup { out: file } => {
            let now = chrono::Utc::now();
            let made = match file {
                Some(file) => store.back_up_to(&file, now)?,
                None => store.back_up(now)?,
            };
            writeln!(out, "{}", made.path)?;
        }
        Command::Backups { json } => {
            let backups = store.backups()?;
            if json {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string(&backups).map_err(std::io::Error::other)?
                )?;
            } else {
                write_backups(out, &store.backup_folder()?, &backups)?;
            }
        }
        Command::Submissions { json } => {
            let submissions = store.submissions()?;
            if json {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string(&submissions).map_err(std::io::Error::other)?
                )?;
            } else {
                write_submissions(out, &submissions)?;
            }
        }
    }
    Ok(0)
}

/// `stillpoint mentors …`; returns the exit code.
fn mentors(
    store: &mut Store,
    command: MentorsCommand,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32> {
    match command {
        MentorsCommand::Import { file } => {
            let summary = mentors_csv::import_mentors_file(store, &file)?;
            if !summary.is_ok() {
                for e in &summary.errors {
                    writeln!(err, "line {}: {}: {}", e.line, e.column, e.message)?;
                }
                writeln!(err, "Nothing was imported.")?;
                return Ok(1);
            }
            write_mentor_import(out, &file, &summary)?;
        }
        MentorsCommand::Export { file } => {
            let count = mentors_csv::export_mentors_file(store, &file)?;
            writeln!(
                out,
                "Exported {} to {}.",
                plural(count, "mentor", "mentors"),
                file.display()
            )?;
        }
        MentorsCommand::List { json } => {
            let mentors = store.mentors()?;
            if json {
                let list: Vec<serde_json::Value> = mentors.iter().map(mentor_json).collect();
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string(&list).map_err(std::io::Error::other)?
                )?;
            } else {
                write_mentors(out, &mentors)?;
            }
        }
    }
    Ok(0)
}

/// A mentor as `mentors list --json` prints it: its id and the model's fields, snake_case,
/// side by side (`country` and `time_zone` null when not known).
fn mentor_json(m: &stillpoint_core::model::Mentor) -> serde_json::Value {
    let mut object = serde_json::Map::new();
    object.insert("id".into(), m.id.into());
    if let Ok(serde_json::Value::Object(details)) = serde_json::to_value(&m.details) {
        object.extend(details);
    }
    serde_json::Value::Object(object)
}

/// N is an argument, not a `--credits` option: a refusal of it names no option.
fn refused_claim(error: Error) -> Error {
    match error {
        Error::Invalid {
            field: "credits",
            message,
        } => Error::Refused(message),
        other => other,
    }
}
