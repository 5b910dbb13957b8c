//! What every CSV file Stillpoint reads and writes has in common, whatever its rows hold (the
//! mentorship entries of `entries_csv`, the mentor directory of `mentors_csv`).
//!
//! Files come from Excel and LibreOffice in many locales, so reading takes what they write:
//! UTF-8 with or without a byte-order mark (UTF-16 and UTF-32 refused with how to save the file
//! instead), comma or semicolon, CRLF, LF or CR, quoted fields with line breaks, blank rows left
//! between blocks; every problem is reported by the line of the file it is on, as an editor
//! counts lines. Writing neutralises a cell that starts like a formula (a spreadsheet would run
//! it), and reading takes that neutralising off again, so what is exported imports back as it was.

use std::path::Path;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{quoted, shortened, Error, Result};

/// A problem with one row (or the header, or the whole file) of a CSV file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct RowError {
    /// The line of the file where the row starts; the header is line 1.
    pub line: u32,
    /// The column the problem is in (`hours`; an unknown column as the file spells it); `row`
    /// when it is the row as a whole, `file` when it is the whole file or its header.
    pub column: String,
    /// What is wrong, in a sentence the user can act on.
    pub message: String,
}

/// The largest file an import reads: a million rows of entries is about 80 MB.
const MAX_FILE_BYTES: u64 = 256_000_000;

/// The bytes of a CSV file to import; `what` names what it should hold ("mentorship hours"),
/// for the refusal of a file far too large to be one.
pub(crate) fn read_file(path: &Path, what: &str) -> Result<Vec<u8>> {
    let unreadable = |e: std::io::Error| {
        Error::Refused(format!(
            "Stillpoint could not read {}: {e}.",
            path.display()
        ))
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_FILE_BYTES {
        return Err(Error::Refused(format!(
            "{} is {} MB, too large for a file of {what} (at most {} MB); is it the right file?",
            path.display(),
            size / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        )));
    }
    std::fs::read(path).map_err(unreadable)
}

/// A CSV file read into rows, not yet checked.
pub(crate) struct Table {
    /// The header's fields.
    pub header: csv::StringRecord,
    /// The line the header is on.
    pub header_line: u32,
    /// Each row after the header, in order, with the line it starts on; a row that is not CSV
    /// at all is its error. Blank rows are left out.
    pub rows: Vec<std::result::Result<(u32, csv::StringRecord), RowError>>,
    /// The delimiter the file uses.
    pub delimiter: u8,
}

/// Reads the rows of a CSV file. Refused whole, with the one problem: a file that is not UTF-8
/// text, an empty one, or one without a readable header. `columns` is how a message lists the
/// columns the first line must name.
pub(crate) fn read_table(bytes: &[u8], columns: &str) -> std::result::Result<Table, RowError> {
    let text = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(file_error(
            1,
            format!("The file is empty. Its first line must name the columns: {columns}."),
        ));
    }
    let delimiter = detect_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let mut lines = Lines::new(text);
    let header = match records.next() {
        Some(Ok(record)) => record,
        Some(Err(e)) => return Err(csv_error(&e, &mut lines)),
        None => return Err(file_error(1, "The file has no header line.")),
    };
    let header_line = lines.of(header.position());
    let mut rows = Vec::new();
    for record in records {
        match record {
            Ok(record) => {
                let line = lines.of(record.position());
                // A blank row, as spreadsheets leave between blocks.
                if !record.iter().all(|field| field.trim().is_empty()) {
                    rows.push(Ok((line, record)));
                }
            }
            Err(e) => rows.push(Err(csv_error(&e, &mut lines))),
        }
    }
    Ok(Table {
        header,
        header_line,
        rows,
        delimiter,
    })
}

/// The problem of a row with another number of values than the header has columns, or `None`.
/// Strict both ways: an unquoted `1,5` in a comma file shifts every later value.
pub(crate) fn width_problem(
    record: &csv::StringRecord,
    width: usize,
    delimiter: u8,
) -> Option<String> {
    (record.len() != width).then(|| {
        format!(
            "This row has {} values but the header names {width} columns; a value that \
             contains {} must be in double quotes.",
            record.len(),
            if delimiter == b';' {
                "a semicolon"
            } else {
                "a comma (like 1,5 hours)"
            }
        )
    })
}

/// The text of the file: UTF-8, without a byte-order mark.
pub(crate) fn decode(bytes: &[u8]) -> std::result::Result<&str, RowError> {
    // UTF-32 first: its little-endian mark starts with UTF-16's.
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(file_error(
            1,
            "The file is UTF-32 text; save it as CSV in UTF-8 (in Excel: \"CSV UTF-8\"; in \
             LibreOffice: character set \"Unicode (UTF-8)\").",
        ));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(file_error(
            1,
            "The file is UTF-16 text; save it as CSV in UTF-8 (in Excel: \"CSV UTF-8\"; in \
             LibreOffice: character set \"Unicode (UTF-8)\").",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        file_error(
            line_breaks(&bytes[..e.valid_up_to()]).saturating_add(1),
            "This line is not UTF-8 text; save the file as CSV in UTF-8 (in Excel: \"CSV \
             UTF-8\"; in LibreOffice: character set \"Unicode (UTF-8)\").",
        )
    })
}

/// Comma or semicolon: whichever the header line has more of, outside quotes.
pub(crate) fn detect_delimiter(text: &str) -> u8 {
    let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
    for c in text.trim_start_matches(['\r', '\n']).chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\n' | '\r' if !quoted => break,
            _ => {}
        }
    }
    if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// The physical line each record starts on, counted as editors count them (LF, CRLF or a lone
/// CR ends a line). The csv reader's own line numbers point before the blank lines and line
/// ends it skips, so they are off after a blank line or with CRLF.
struct Lines<'t> {
    text: &'t [u8],
    /// Bytes counted so far, and the line at that offset.
    offset: usize,
    line: u32,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The line where the record read from `position` starts. Positions must come in order.
    fn of(&mut self, position: Option<&csv::Position>) -> u32 {
        let from = position
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(self.offset)
            .clamp(self.offset, self.text.len());
        let start = from
            + self.text[from..]
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
        self.line = self
            .line
            .saturating_add(line_breaks(&self.text[self.offset..start]));
        self.offset = start;
        self.line
    }
}

fn line_breaks(bytes: &[u8]) -> u32 {
    let mut count = 0u32;
    for (i, &b) in bytes.iter().enumerate() {
        let crlf = b == b'\r' && bytes.get(i + 1) == Some(&b'\n');
        if b == b'\n' || (b == b'\r' && !crlf) {
            count = count.saturating_add(1);
        }
    }
    count
}

/// A problem of the whole file or its header.
pub(crate) fn file_error(line: u32, message: impl Into<String>) -> RowError {
    RowError {
        line,
        column: "file".to_owned(),
        message: message.into(),
    }
}

fn csv_error(error: &csv::Error, lines: &mut Lines<'_>) -> RowError {
    RowError {
        line: lines.of(error.position()),
        column: "row".to_owned(),
        message: format!("This row cannot be read as CSV ({error})."),
    }
}

/// A heading or a value as compared: lower case, every run of other characters than letters
/// and digits one space ("Certified-mentor", "certified_mentor" and "CERTIFIED MENTOR" are the
/// same).
pub(crate) fn words(text: &str) -> String {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first characters that make a spreadsheet read a cell as a formula (OWASP's list, "CSV
/// Injection"): a note `=HYPERLINK(…)` or `+cmd|' /C calc'!A0` would run when the file opens.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell, past any single quotes it starts with, starts like a formula.
fn formula_like(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A cell as an export writes it: one starting like a formula, or with quotes before such a
/// start, gets one more single quote in front, which a spreadsheet shows as text. Every other
/// cell is written as it is (`'plain` stays `'plain`).
pub(crate) fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    if formula_like(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A cell as an import reads it: the export's quote taken off again, so export → import gives
/// back the same text. A cell is read with one quote less when it is a quote followed by what
/// [`neutralised`] protects (`'=SUM(1)` is `=SUM(1)`, `''=x` is `'=x`); any other cell is read
/// as it is.
pub(crate) fn read_back(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => cell,
    }
}

/// Line breaks inside a quoted value as one `\n` each, however the file ends its lines.
pub(crate) fn one_newline(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// A writer of CSV text as exports write it: comma-separated, LF line ends, no byte-order mark,
/// fields quoted only when they need it (LibreOffice Calc opens and saves such a file back byte
/// for byte).
pub(crate) fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new())
}

/// Writes one row, every cell neutralised.
pub(crate) fn write_row<'c>(
    writer: &mut csv::Writer<Vec<u8>>,
    cells: impl IntoIterator<Item = &'c str>,
) -> Result<()> {
    let cells: Vec<std::borrow::Cow<'_, str>> = cells.into_iter().map(neutralised).collect();
    writer
        .write_record(cells.iter().map(|c| c.as_bytes()))
        .map_err(|e| Error::Io(std::io::Error::other(e)))
}

/// The text a writer wrote.
pub(crate) fn finish(writer: csv::Writer<Vec<u8>>) -> Result<String> {
    let bytes = writer
        .into_inner()
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    String::from_utf8(bytes).map_err(|e| Error::Io(std::io::Error::other(e)))
}

/// The columns a kind of CSV file knows (entries, mentors): their keys, the headings the app
/// shows for them, and other headings people write for them (`(column, heading)`).
pub(crate) struct Vocabulary {
    /// Each column's key, as the export writes it.
    pub keys: &'static [&'static str],
    /// Each column's heading, as the app shows it.
    pub headings: &'static [&'static str],
    /// Other headings a file may give a column.
    pub other: &'static [(usize, &'static str)],
}

/// Where each known column is in a file's rows.
pub(crate) struct Columns {
    /// For each column of the vocabulary, its index in a row, if the file has it.
    pub at: Vec<Option<usize>>,
    /// Columns without a name: ignored, but they must stay empty.
    pub unnamed: Vec<usize>,
    /// How many fields the header has.
    pub width: usize,
}

impl Vocabulary {
    /// The column a header names, if it is one of these: by its key, its heading or another
    /// heading, in any case and spacing.
    pub fn column_named(&self, name: &str) -> Option<usize> {
        let name = words(name);
        (0..self.keys.len())
            .find(|&c| words(self.keys[c]) == name || words(self.headings[c]) == name)
            .or_else(|| {
                self.other
                    .iter()
                    .find(|(_, heading)| words(heading) == name)
                    .map(|&(c, _)| c)
            })
    }

    /// The columns a header names, and its problems (a column twice, one unknown); refused
    /// whole only when it names none of these, as a file of something else does. Which columns
    /// a file must have is its kind's to say.
    pub fn columns(
        &self,
        header: &csv::StringRecord,
        line: u32,
    ) -> std::result::Result<(Columns, Vec<RowError>), Vec<RowError>> {
        let mut at = vec![None; self.keys.len()];
        let mut unnamed = Vec::new();
        let mut errors = Vec::new();
        let mut unknown = Vec::new();
        for (index, name) in header.iter().enumerate() {
            if words(name).is_empty() {
                unnamed.push(index);
                continue;
            }
            match self.column_named(name) {
                Some(known) if at[known].is_some() => errors.push(RowError {
                    line,
                    column: self.keys[known].to_owned(),
                    message: format!(
                        "{} is a second {} column; keep one.",
                        quoted(name),
                        self.headings[known]
                    ),
                }),
                Some(known) => at[known] = Some(index),
                None => unknown.push(name),
            }
        }
        if at.iter().all(Option::is_none) {
            return Err(vec![file_error(
                line,
                format!(
                    "The first line must name the columns: {}. This one names none of them.",
                    self.headings.join(", ")
                ),
            )]);
        }
        for name in unknown {
            errors.push(RowError {
                line,
                message: format!(
                    "{} is not a column Stillpoint knows; the columns are {} (or their keys: \
                     {}).",
                    quoted(name),
                    self.headings.join(", "),
                    self.keys.join(", ")
                ),
                column: shortened(name),
            });
        }
        let columns = Columns {
            at,
            unnamed,
            width: header.len(),
        };
        Ok((columns, errors))
    }
}

impl Columns {
    /// What is wrong with a row as a whole, before its cells are read: more or fewer fields
    /// than the header, or a value in a column without a name.
    pub fn row_problem(
        &self,
        record: &csv::StringRecord,
        line: u32,
        delimiter: u8,
    ) -> Option<RowError> {
        let problem = |message: String| RowError {
            line,
            column: "row".to_owned(),
            message,
        };
        if let Some(message) = width_problem(record, self.width, delimiter) {
            return Some(problem(message));
        }
        self.unnamed
            .iter()
            .any(|&i| record.get(i).is_some_and(|f| !f.trim().is_empty()))
            .then(|| {
                problem(
                    "This row has a value in a column without a name; name the column or empty it."
                        .to_owned(),
                )
            })
    }

    /// The cell of `column` in `record`, as typed (one quote taken off a cell the export kept
    /// from looking like a formula); empty when the file lacks the column.
    pub fn field<'r>(&self, record: &'r csv::StringRecord, column: usize) -> &'r str {
        let cell = self.at[column]
            .and_then(|index| record.get(index))
            .unwrap_or("");
        read_back(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_start_like_formulas_are_written_as_text_and_read_back_as_typed() {
        for (text, written) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-3", "'-3"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=already", "''=already"),
            ("''-x", "'''-x"),
            ("'plain", "'plain"),
            ("plain", "plain"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutralised(text), written, "{text:?}");
            assert!(!written.starts_with(FORMULA_STARTS), "{written:?}");
            assert_eq!(read_back(written), text, "{written:?}");
        }
    }
}
