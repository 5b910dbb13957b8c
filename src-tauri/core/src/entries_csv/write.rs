//! Writing CSV: the template to fill in, and every entry as an export writes it.

use std::path::Path;

use super::{COLUMNS, EXAMPLE_NOTE, HEADINGS};
use crate::error::{Error, Result};
use crate::rules::{Format, RuleSet};
use crate::store::Store;

/// A CSV file to fill in: the header as the app names the columns, and one example row per
/// category, each with its notes [`EXAMPLE_NOTE`].
pub fn template_csv(rules: &RuleSet) -> Result<String> {
    let mut writer = crate::csv_file::writer();
    let failed = |e: csv::Error| Error::Io(std::io::Error::other(e));
    writer.write_record(HEADINGS).map_err(failed)?;
    for category in crate::rules::Category::ALL {
        let Some(activity) = rules
            .activities()
            .iter()
            .filter(|a| a.category == category)
            .min_by_key(|a| matches!(a.counting, crate::rules::Counting::PerDay { .. }))
        else {
            continue;
        };
        let per_day = matches!(activity.counting, crate::rules::Counting::PerDay { .. });
        let format = match activity.formats.first() {
            Some(Format::Virtual) => "Virtual",
            _ => "In person",
        };
        let credential = activity
            .provider_credentials
            .last()
            .map_or("CST-D", String::as_str);
        writer
            .write_record([
                "2025-03-14",
                activity.label.as_str(),
                format,
                if per_day { "" } else { "1.5" },
                if per_day { "1" } else { "" },
                "Example Mentor",
                credential,
                "yes",
                "yes",
                EXAMPLE_NOTE,
            ])
            .map_err(failed)?;
    }
    crate::csv_file::finish(writer)
}

/// Writes [`template_csv`] for the default rule set to `path`; returns how many example rows.
pub fn write_template_file(path: &Path) -> Result<usize> {
    let text = template_csv(crate::rules::default_rule_set()?)?;
    crate::files::write_whole(path, text.as_bytes())?;
    Ok(text.lines().count().saturating_sub(1))
}

/// Writes every entry, oldest first, to a CSV file; returns how many.
pub fn export_csv_file(store: &Store, path: &Path) -> Result<usize> {
    let (text, count) = export_csv(store)?;
    crate::files::write_whole(path, text.as_bytes())?;
    Ok(count)
}

/// Every entry, oldest first, as CSV text, and how many there are.
///
/// The header and columns are [`COLUMNS`]; comma-separated, LF line ends, no byte-order mark,
/// fields quoted only when they need it: LibreOffice Calc opens and saves such a file back byte
/// for byte. A cell that starts like a formula (`=`, `+`, `-`, `@`, a tab or a carriage return)
/// is written with a single quote in front, so no spreadsheet runs it; the import takes it off. Hours are decimal hours with a point and no more digits than needed (`1.5`, `0.25`,
/// `2`), or `H:MM` when no decimal is exact (1 h 01 min); per-day activities write days instead.
pub fn export_csv(store: &Store) -> Result<(String, usize)> {
    let entries = store.all_entries()?;
    let mut writer = crate::csv_file::writer();
    let failed = |e: csv::Error| Error::Io(std::io::Error::other(e));
    writer.write_record(COLUMNS).map_err(failed)?;
    for entry in &entries {
        let d = &entry.draft;
        let hours = entry.logged_minutes.map(hours_text).unwrap_or_default();
        let days = match entry.logged_minutes {
            None => d.days.map(|n| n.to_string()).unwrap_or_default(),
            Some(_) => String::new(),
        };
        let format = d.format.map(Format::key).unwrap_or_default();
        let yes_no = |b: bool| if b { "yes" } else { "no" };
        let cells = [
            d.date.as_str(),
            d.activity.as_str(),
            format,
            hours.as_str(),
            days.as_str(),
            d.provider.as_str(),
            d.provider_credentials.as_str(),
            yes_no(d.certified_mentor),
            yes_no(d.endorsed),
            d.notes.as_str(),
        ];
        crate::csv_file::write_row(&mut writer, cells)?;
    }
    Ok((crate::csv_file::finish(writer)?, entries.len()))
}

/// Minutes as decimal hours with as few digits as needed (`90` → `1.5`, `15` → `0.25`,
/// `120` → `2`); as `H:MM` when no decimal is exact (only multiples of 3 minutes are).
pub fn hours_text(minutes: i64) -> String {
    let (hours, rest) = (minutes / 60, minutes % 60);
    if rest % 3 != 0 {
        return format!("{hours}:{rest:02}");
    }
    let hundredths = rest * 5 / 3;
    match hundredths {
        0 => hours.to_string(),
        h if h % 10 == 0 => format!("{hours}.{}", h / 10),
        h => format!("{hours}.{h:02}"),
    }
}
