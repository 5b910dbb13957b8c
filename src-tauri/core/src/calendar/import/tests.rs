//! The reading of values, lines and series, on their own.
use super::series::*;
use super::values::*;
use super::*;

#[test]
fn values_are_read_strictly() {
    assert_eq!(read_date("20250311"), NaiveDate::from_ymd_opt(2025, 3, 11));
    assert_eq!(read_date("2025031"), None);
    assert_eq!(read_date("20250231"), None);
    assert_eq!(
        read_local("20250311T193000"),
        NaiveDate::from_ymd_opt(2025, 3, 11).and_then(|d| d.and_hms_opt(19, 30, 0))
    );
    assert_eq!(read_local("20250311 193000"), None);
    assert_eq!(read_local("20250311T246000"), None);
    assert_eq!(read_offset("+0100"), Some(3600));
    assert_eq!(read_offset("-0430"), Some(-(4 * 3600 + 30 * 60)));
    assert_eq!(read_offset("+005328"), Some(53 * 60 + 28));
    assert_eq!(read_offset("0100"), None);
    assert_eq!(read_duration("PT1H30M"), Some((0, 5400)));
    assert_eq!(read_duration("P1D"), Some((1, 0)));
    assert_eq!(read_duration("P2W"), Some((14, 0)));
    assert_eq!(read_duration("P1DT2H"), Some((1, 7200)));
    assert_eq!(read_duration("PT90M"), Some((0, 5400)));
    assert_eq!(read_duration("-PT1H"), None);
    assert_eq!(read_duration("PT"), None);
    assert_eq!(read_duration("P"), None);
    assert_eq!(read_duration("PT30M1H"), None);
    assert_eq!(read_duration("1H"), None);
}

#[test]
fn the_file_s_own_line_is_found_through_folds_and_either_line_end() {
    let source = Source::new("A:1\r\nB:long\r\n  folded\nC:3\n\tmore\n more\nD:4");
    assert_eq!(
        source.unfolded,
        "A:1\r\nB:long folded\r\nC:3moremore\r\nD:4"
    );
    let line = |needle: &str| {
        let at = source.unfolded.find(needle).unwrap();
        source.line_at(at)
    };
    assert_eq!(line("A:"), 1);
    assert_eq!(line("B:"), 2);
    assert_eq!(line("folded"), 2);
    assert_eq!(line("C:"), 4);
    assert_eq!(line("D:"), 7);
}

#[test]
fn a_series_counts_in_wall_clock_time_and_until_is_read_in_its_zone() {
    let start = read_local("20250211T190000").unwrap();
    let same = |t: NaiveDateTime| t;
    let (dates, more) = expand("FREQ=MONTHLY;BYDAY=2TU;COUNT=3", start, &same, 500).unwrap();
    assert!(!more);
    let days: Vec<String> = dates
        .iter()
        .map(|d| d.format("%Y%m%dT%H%M").to_string())
        .collect();
    assert_eq!(days, ["20250211T1900", "20250311T1900", "20250408T1900"]);
    // UNTIL in UTC: 2025-03-11 23:00Z is 19:00 in New York (EDT), so it is included.
    let new_york = Zone::Iana(chrono_tz::Tz::America__New_York);
    let local = |utc: NaiveDateTime| new_york.local(&utc);
    let (dates, _) = expand(
        "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20250311T230000Z",
        start,
        &local,
        500,
    )
    .unwrap();
    assert_eq!(dates.len(), 2);
    let (dates, _) = expand(
        "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20250311T225959Z",
        start,
        &local,
        500,
    )
    .unwrap();
    assert_eq!(dates.len(), 1);
    let (dates, more) = expand("FREQ=DAILY", start, &same, 500).unwrap();
    assert_eq!((dates.len(), more), (500, true));
    // A start the rule would not give is still the first occurrence, and counts.
    let monday = read_local("20250303T190000").unwrap();
    let (dates, _) = expand("FREQ=WEEKLY;BYDAY=TU;COUNT=2", monday, &same, 500).unwrap();
    assert_eq!(dates, [monday, read_local("20250304T190000").unwrap()]);
    let (dates, _) = expand("FREQ=WEEKLY;BYDAY=TU;UNTIL=20250311", monday, &same, 500).unwrap();
    assert_eq!(dates.len(), 3);
    assert!(expand("FREQ=FORTNIGHTLY", start, &same, 500).is_err());
    assert!(expand("FREQ=DAILY;UNTIL=soon", start, &same, 500).is_err());
}
