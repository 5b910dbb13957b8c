//! What the command line prints: the claim, the submissions, an import's summary, the credits
//! and the profile, in the words a terminal shows.

use std::io::Write;
use std::path::Path;

use stillpoint_core::entries_csv::ImportSummary;
use stillpoint_core::error::Result;
use stillpoint_core::mentors_csv::MentorImportSummary;
use stillpoint_core::model::{
    Mentor, Profile, SubmissionDetail, SubmissionState, SubmissionSummary,
};
use stillpoint_core::rules::{default_rule_set, format_minutes, CreditStatus};
use stillpoint_core::store::Backup;

fn credits_word(n: i64) -> String {
    format!("{n} {}", if n == 1 { "credit" } else { "credits" })
}

pub(super) fn write_claim(out: &mut dyn Write, d: &SubmissionDetail) -> std::io::Result<()> {
    let s = &d.summary;
    writeln!(
        out,
        "Submission {}: a draft claiming {}.",
        s.id,
        credits_word(s.credits)
    )?;
    writeln!(
        out,
        "Claimed: A {}, B {}, C {} (total {}) from {}.",
        format_minutes(s.claimed.a),
        format_minutes(s.claimed.b),
        format_minutes(s.claimed.c),
        format_minutes(s.claimed_total),
        plural(
            usize::try_from(s.entry_count).unwrap_or(0),
            "entry",
            "entries"
        )
    )?;
    if d.carried_forward.is_empty() {
        writeln!(out, "Nothing is carried forward.")?;
    } else {
        writeln!(out, "Carried forward to the next form:")?;
        for c in &d.carried_forward {
            let provider = if c.provider.is_empty() {
                String::new()
            } else {
                format!(", {}", c.provider)
            };
            writeln!(
                out,
                "  {} {} {}{provider}: {} (entry {})",
                c.date,
                c.category,
                c.activity_label,
                format_minutes(c.remaining_minutes),
                c.entry_id
            )?;
        }
    }
    Ok(())
}

pub(super) fn write_submissions(
    out: &mut dyn Write,
    list: &[SubmissionSummary],
) -> std::io::Result<()> {
    if list.is_empty() {
        return writeln!(
            out,
            "No submissions yet. Claim credits with: stillpoint claim N"
        );
    }
    for s in list {
        let mut line = format!(
            "{:<4} {:<9} {:<10} {:<10} created {}",
            s.id,
            s.state.key(),
            credits_word(s.credits),
            format_minutes(s.claimed_total),
            s.created_on
        );
        if let Some(sent) = s.sent_on {
            line.push_str(&format!(", sent {sent}"));
        }
        if let (Some(fee), SubmissionState::Sent | SubmissionState::Credited) = (&s.fee, s.state) {
            line.push_str(&format!(", fee {} {}", fee.amount, fee.currency));
        }
        if let Some(credited) = s.credited_on {
            line.push_str(&format!(", credited {credited}"));
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

pub(super) fn write_import_summary(
    out: &mut dyn Write,
    file: &Path,
    s: &ImportSummary,
) -> std::io::Result<()> {
    writeln!(
        out,
        "Imported {} from {}.",
        plural(s.imported as usize, "entry", "entries"),
        file.display()
    )?;
    if !s.skipped_duplicates.is_empty() {
        writeln!(
            out,
            "Skipped {} already in the database: {}.",
            plural(s.skipped_duplicates.len(), "row", "rows"),
            lines(&s.skipped_duplicates)
        )?;
    }
    for r in &s.repeated_in_file {
        writeln!(
            out,
            "Line {} is identical to line {}; both were imported (delete one if it was typed twice).",
            r.line, r.same_as
        )?;
    }
    Ok(())
}

pub(super) fn write_mentor_import(
    out: &mut dyn Write,
    file: &Path,
    s: &MentorImportSummary,
) -> std::io::Result<()> {
    writeln!(
        out,
        "Imported {} from {}.",
        plural(s.imported as usize, "mentor", "mentors"),
        file.display()
    )?;
    for skipped in &s.skipped {
        writeln!(
            out,
            "Skipped line {} ({}): {}.",
            skipped.line, skipped.name, skipped.reason
        )?;
    }
    Ok(())
}

/// The directory, one mentor a line: name, credentials, roles, where, languages.
pub(super) fn write_mentors(out: &mut dyn Write, mentors: &[Mentor]) -> std::io::Result<()> {
    if mentors.is_empty() {
        return writeln!(out, "No one in the directory yet.");
    }
    for m in mentors {
        let d = &m.details;
        let mut parts = vec![d.name.clone()];
        if !d.credentials.is_empty() {
            parts.push(d.credentials.clone());
        }
        let roles: Vec<&str> = d.roles.iter().map(|r| r.label()).collect();
        if !roles.is_empty() {
            parts.push(roles.join(", "));
        }
        let place: Vec<&str> = [d.city.as_str(), m.country_name.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        if !place.is_empty() {
            parts.push(place.join(", "));
        }
        if !d.languages.is_empty() {
            parts.push(d.languages.join(", "));
        }
        writeln!(out, "{:>4}  {}", m.id, parts.join(" · "))?;
    }
    Ok(())
}

/// "line 4", "lines 2-9, 12": consecutive line numbers as ranges.
fn lines(numbers: &[u32]) -> String {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for &n in numbers {
        match ranges.last_mut() {
            Some((_, end)) if n == end.saturating_add(1) => *end = n,
            _ => ranges.push((n, n)),
        }
    }
    let list: Vec<String> = ranges
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    let word = if numbers.len() == 1 { "line" } else { "lines" };
    format!("{word} {}", list.join(", "))
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(super) fn write_credits(out: &mut dyn Write, status: &CreditStatus) -> Result<()> {
    let rules = default_rule_set()?;
    writeln!(out, "Credits available: {}", status.credits_available)?;
    let c = &status.counted;
    writeln!(
        out,
        "Counted, not yet claimed: A {}, B {}, C {} (total {})",
        format_minutes(c.a),
        format_minutes(c.b),
        format_minutes(c.c),
        format_minutes(c.total())
    )?;
    writeln!(out, "{}", status.next_credit_sentence(rules))?;
    Ok(())
}

pub(super) fn write_profile(out: &mut dyn Write, p: &Profile) -> std::io::Result<()> {
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

/// The backups, a line each: when (UTC), size, what it holds, where.
pub(super) fn write_backups(
    out: &mut dyn Write,
    folder: &Path,
    backups: &[Backup],
) -> std::io::Result<()> {
    if backups.is_empty() {
        return writeln!(
            out,
            "No backups yet in {}. Make one with: stillpoint backup",
            folder.display()
        );
    }
    for b in backups {
        let c = &b.counts;
        writeln!(
            out,
            "{}  {:>8}  {}, {}, {}, {}, {}  {}",
            b.created_at.replacen('T', " ", 1),
            size(b.bytes),
            plural(count(c.entries), "entry", "entries"),
            plural(count(c.clients), "client", "clients"),
            plural(count(c.sessions), "session", "sessions"),
            plural(count(c.case_studies), "case study", "case studies"),
            plural(count(c.attachments), "attachment", "attachments"),
            b.path
        )?;
    }
    Ok(())
}

fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// A size as people read it: "812 KB", "4.2 MB".
fn size(bytes: u64) -> String {
    const KB: u64 = 1000;
    match bytes {
        b if b < KB * KB => format!("{} KB", b.div_ceil(KB)),
        b => format!("{}.{} MB", b / (KB * KB), (b % (KB * KB)) / (KB * 100)),
    }
}
