use super::read::{parse_format, parse_yes_no};
use super::*;
use crate::csv_file::detect_delimiter;
use crate::model::parse_hours;
use crate::rules::default_rule_set;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
}

fn read(text: &str) -> Result<Vec<CsvEntry>, Vec<RowError>> {
    read_csv(text.as_bytes(), default_rule_set().unwrap(), today())
}

const HEADER: &str =
    "date,activity,format,hours,days,provider,provider_credential,certified_mentor,endorsed,notes\n";

#[test]
fn hours_are_written_with_as_few_digits_as_needed_and_read_back_exactly() {
    for (minutes, text) in [
        (90, "1.5"),
        (15, "0.25"),
        (120, "2"),
        (45, "0.75"),
        (6, "0.1"),
        (3, "0.05"),
        (1440, "24"),
        (61, "1:01"),
        (1, "0:01"),
    ] {
        assert_eq!(hours_text(minutes), text);
    }
    for minutes in 1..=1440 {
        assert_eq!(parse_hours(&hours_text(minutes)), Ok(minutes), "{minutes}");
    }
}

#[test]
fn the_delimiter_is_whichever_the_header_has_more_of() {
    assert_eq!(detect_delimiter(HEADER), b',');
    assert_eq!(detect_delimiter(&HEADER.replace(',', ";")), b';');
    assert_eq!(detect_delimiter("\"a,b,c\";d;e\nx,y,z,w,v,u"), b';');
    assert_eq!(detect_delimiter("\r\n\na;b\r1,5;2"), b';');
}

#[test]
fn booleans_and_formats_are_read_in_any_case() {
    assert_eq!(parse_yes_no(" YES "), Ok(true));
    assert_eq!(parse_yes_no("No"), Ok(false));
    assert_eq!(parse_yes_no(""), Ok(true));
    assert_eq!(parse_yes_no("FALSE"), Ok(false));
    assert!(parse_yes_no("maybe").is_err());
    assert_eq!(parse_format("In_Person"), Ok(Format::InPerson));
    assert_eq!(parse_format("in person"), Ok(Format::InPerson));
    assert_eq!(parse_format("VIRTUAL"), Ok(Format::Virtual));
    assert!(parse_format("zoom").is_err());
}

#[test]
fn a_row_with_an_unquoted_decimal_comma_is_named_and_explained() {
    let text = format!("{HEADER}2025-03-14,small_group,virtual,1,5,,Ana,CST,yes,yes,\n");
    let errors = read(&text).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].line, errors[0].column.as_str()), (2, "row"));
    assert!(errors[0].message.contains("1,5"), "{}", errors[0].message);
}

#[test]
fn every_problem_of_a_row_is_reported_in_column_order() {
    let text = format!("{HEADER}2025-13-01,small_group,zoom,1.5,,Ana,CST,perhaps,yes,\n");
    let errors = read(&text).unwrap_err();
    let columns: Vec<&str> = errors.iter().map(|e| e.column.as_str()).collect();
    assert_eq!(columns, ["date", "format", "certified_mentor"]);
    assert!(errors.iter().all(|e| e.line == 2));
    assert_eq!(errors[0].message, "Enter a real date, like 2025-03-14.");
}

#[test]
fn a_file_that_is_not_utf8_is_refused_at_its_line() {
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b"2025-03-14,small_group,virtual,1.5,,N\xfa\xf1ez,CST,yes,yes,\n");
    let errors = read_csv(&bytes, default_rule_set().unwrap(), today()).unwrap_err();
    assert_eq!((errors[0].line, errors[0].column.as_str()), (2, "file"));
    let utf16 = [0xFF, 0xFE, b'd', 0];
    let errors = read_csv(&utf16, default_rule_set().unwrap(), today()).unwrap_err();
    assert!(errors[0].message.contains("UTF-16"));
    for utf32 in [
        &[0xFF, 0xFE, 0, 0, b'd', 0, 0, 0][..],
        &[0, 0, 0xFE, 0xFF, 0, 0, 0, b'd'][..],
    ] {
        let errors = read_csv(utf32, default_rule_set().unwrap(), today()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.starts_with("The file is UTF-32 text;"),
            "{errors:?}"
        );
    }
}

#[test]
fn header_problems_are_reported_together() {
    let errors =
        read("Date,Activity,Hours,Teacher,date\n2025-03-14,small_group,1,Ana,x\n").unwrap_err();
    let got: Vec<(u32, &str)> = errors.iter().map(|e| (e.line, e.column.as_str())).collect();
    assert_eq!(got, [(1, "date"), (1, "Teacher"), (1, "format")]);
    let none = read("2025-03-14,small_group,virtual,1.5\n").unwrap_err();
    assert_eq!((none.len(), none[0].column.as_str()), (1, "file"));
    assert!(read("").unwrap_err()[0].message.contains("empty"));
}

#[test]
fn blank_rows_and_empty_unnamed_columns_are_ignored() {
    let text = format!(
        "{},\n2025-03-14,small_group,virtual,1.5,,Ana,CST,yes,yes,,\n,,,,,,,,,,\n\n",
        HEADER.trim_end()
    );
    assert_eq!(read(&text).unwrap().len(), 1);
    let filled = format!(
        "{},\n2025-03-14,small_group,virtual,1.5,,Ana,CST,yes,yes,,oops\n",
        HEADER.trim_end()
    );
    assert_eq!(read(&filled).unwrap_err()[0].column, "row");
}

#[test]
fn the_summary_reaches_the_ui_in_this_shape() {
    let summary = ImportSummary {
        imported: 2,
        skipped_duplicates: vec![4],
        repeated_in_file: vec![RepeatedRow {
            line: 5,
            same_as: 3,
        }],
        errors: vec![RowError {
            line: 6,
            column: "hours".into(),
            message: "Enter the hours, like 1.5 or 1:30.".into(),
        }],
    };
    assert_eq!(
        serde_json::to_value(&summary).unwrap(),
        serde_json::json!({
            "imported": 2,
            "skipped_duplicates": [4],
            "repeated_in_file": [{"line": 5, "same_as": 3}],
            "errors": [{"line": 6, "column": "hours", "message": "Enter the hours, like 1.5 or 1:30."}],
        })
    );
}

#[test]
fn lines_are_counted_as_editors_count_them() {
    let row = "2025-03-14,small_group,virtual,1.5,,Ana,CST,yes,yes,";
    for end in ["\n", "\r\n", "\r"] {
        let text = format!(
            "{h}{end}{row}{end}{end}{row}\"two{end}lines\"{end}{end}{end}{row}x{end}",
            h = HEADER.trim_end()
        );
        let lines: Vec<u32> = read(&text).unwrap().iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 8], "{end:?}");
    }
    let after_blank = format!("\n\n{HEADER}2025-03-14,nope,virtual,1.5,,,,,,\n");
    assert_eq!(read(&after_blank).unwrap_err()[0].line, 4);
}

#[test]
fn line_breaks_inside_values_are_kept_as_one_newline() {
    let text = format!(
        "{}\r\n2025-03-14,small_group,virtual,1.5,,Ana,CST,yes,yes,\"one\r\ntwo\"\r\n",
        HEADER.trim_end()
    );
    let rows = read(&text).unwrap();
    assert_eq!(rows[0].entry.notes, "one\ntwo");
}
