//! The values of a calendar file's properties, read strictly: dates, local times, UTC offsets,
//! durations (RFC 5545, 3.3).

use super::*;

/// A DATE value, `20250311`.
pub(super) fn read_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if value.len() != 8 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| value[range].parse::<u32>().ok();
    NaiveDate::from_ymd_opt(
        i32::try_from(number(0..4)?).ok()?,
        number(4..6)?,
        number(6..8)?,
    )
}

/// A DATE-TIME value without its `Z`, `20250311T190000`.
pub(super) fn read_local(value: &str) -> Option<NaiveDateTime> {
    let value = value.trim();
    if value.len() != 15 || !value.is_ascii() || !value[8..9].eq_ignore_ascii_case("T") {
        return None;
    }
    let date = read_date(&value[..8])?;
    let time = &value[9..];
    if !time.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| time[range].parse::<u32>().ok();
    // A leap second (60) is read as the second before it.
    let time = NaiveTime::from_hms_opt(number(0..2)?, number(2..4)?, number(4..6)?.min(59))?;
    Some(date.and_time(time))
}

/// A UTC offset, `+0100`, `-0500` or `+053000`, in seconds.
pub(super) fn read_offset(value: &str) -> Option<i32> {
    let value = value.trim();
    let (sign, digits) = match value.as_bytes().first()? {
        b'+' => (1, &value[1..]),
        b'-' => (-1, &value[1..]),
        _ => return None,
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| digits[range].parse::<i32>().ok();
    let seconds = if digits.len() == 6 { number(4..6)? } else { 0 };
    let (hours, minutes) = (number(0..2)?, number(2..4)?);
    if hours > 23 || minutes > 59 || seconds > 59 {
        return None;
    }
    Some(sign * (hours * 3600 + minutes * 60 + seconds))
}

/// A DURATION value (RFC 5545, 3.3.6), `PT1H30M`, `P1D`, `P2W`: its days (nominal, counted
/// on the calendar) and its seconds (exact). A negative one is refused: an event's length is
/// not.
pub(super) fn read_duration(value: &str) -> Option<(i64, i64)> {
    let value = value.trim().to_ascii_uppercase();
    let rest = value.strip_prefix('+').unwrap_or(&value);
    let rest = rest.strip_prefix('P')?;
    let (date_part, time_part) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut days = 0_i64;
    let mut seconds = 0_i64;
    let mut any = false;
    let mut read_units = |text: &str, units: &[(char, i64)], into_days: bool| -> Option<()> {
        let mut number = String::new();
        let mut allowed = units.iter();
        for c in text.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let n: i64 = number.parse().ok()?;
            number.clear();
            let &(_, factor) = allowed.by_ref().find(|(unit, _)| *unit == c)?;
            if into_days {
                days = days.checked_add(n.checked_mul(factor)?)?;
            } else {
                seconds = seconds.checked_add(n.checked_mul(factor)?)?;
            }
            any = true;
        }
        number.is_empty().then_some(())
    };
    read_units(date_part, &[('W', 7), ('D', 1)], true)?;
    if let Some(time) = time_part {
        if time.is_empty() {
            return None;
        }
        read_units(time, &[('H', 3600), ('M', 60), ('S', 1)], false)?;
    }
    any.then_some((days, seconds))
}
