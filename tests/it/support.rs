//! What the shell's tests share: the CLI run in process, and the PDF tools that read back what it
//! printed (poppler-utils and qpdf, installed by `scripts/setup-debian.sh`).

use std::path::Path;
use std::process::Command;

use clap::Parser;
use stillpoint::cli::{run, Cli};

/// What a CLI run gave: its exit code and what it wrote to stdout and stderr.
pub struct Outcome {
    pub code: i32,
    pub out: String,
    pub err: String,
}

/// `stillpoint --db DB ARGS…`, run in process as `main` runs it.
pub fn stillpoint(db: &Path, args: &[&str]) -> Outcome {
    let head = ["stillpoint", "--db", db.to_str().unwrap()];
    let cli = Cli::try_parse_from(head.iter().chain(args).copied()).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(cli.db, cli.command.unwrap(), &mut out, &mut err);
    Outcome {
        code,
        out: String::from_utf8(out).unwrap(),
        err: String::from_utf8(err).unwrap(),
    }
}

/// What a command-line tool printed; it must succeed.
pub fn tool(name: &str, args: &[&str]) -> String {
    let output = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} could not run ({e}); see scripts/setup-debian.sh"));
    assert!(
        output.status.success(),
        "{name} {args:?}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The PDF's structure is sound, as qpdf checks it.
pub fn qpdf_check(pdf: &Path) {
    let check = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
}

/// The PDF's text, laid out as on the page.
pub fn pdf_text(pdf: &Path) -> String {
    tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"])
}
