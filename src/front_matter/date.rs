//! Post dates as bloggers write them (`2024-11-22 23:14:24`, `2024-11-22`, `2024/11/22`,
//! `2024-11-22T23:14:24+08:00`), turned into the ISO 8601 form a `<time datetime>` wants.

/// Reads a date, with or without a time and a zone, and returns it in ISO 8601 form, or `None`
/// when it is not a real date and time.
///
/// The date is `YYYY-MM-DD` (or with `/`; month and day may have one digit), the time follows a
/// space or `T` as `HH:MM` or `HH:MM:SS` with an optional fraction, and the zone is `Z` or `±HH:MM`
/// (or `±HHMM`, `±HH`), optionally after a space.
pub fn to_iso(text: &str) -> Option<String> {
    let mut cursor = Cursor(text.trim());
    let year = cursor.digits(4, 4)?;
    let separator = cursor.one_of(&['-', '/'])?;
    let month = cursor.digits(1, 2)?;
    cursor.exact(separator)?;
    let day = cursor.digits(1, 2)?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let mut iso = format!("{year:04}-{month:02}-{day:02}");
    if cursor.is_empty() {
        return Some(iso);
    }
    cursor.one_of(&[' ', 'T', 't'])?;
    cursor.skip_spaces();
    iso.push_str(&time(&mut cursor)?);
    cursor.skip_spaces();
    if !cursor.is_empty() {
        iso.push_str(&zone(&mut cursor)?);
    }
    cursor.is_empty().then_some(iso)
}

/// `THH:MM[:SS[.fff]]`.
fn time(cursor: &mut Cursor) -> Option<String> {
    let hour = cursor.digits(1, 2)?;
    cursor.exact(':')?;
    let minute = cursor.digits(2, 2)?;
    if hour > 23 || minute > 59 {
        return None;
    }
    let mut time = format!("T{hour:02}:{minute:02}");
    if cursor.exact(':').is_some() {
        let second = cursor.digits(2, 2)?;
        if second > 59 {
            return None;
        }
        time.push_str(&format!(":{second:02}"));
        if cursor.exact('.').is_some() {
            let fraction = cursor.take_while(|c| c.is_ascii_digit());
            if fraction.is_empty() {
                return None;
            }
            time.push('.');
            time.push_str(fraction);
        }
    }
    Some(time)
}

/// `Z` or `±HH[:MM]`, as `Z` or `±HH:MM`.
fn zone(cursor: &mut Cursor) -> Option<String> {
    if cursor.one_of(&['Z', 'z']).is_some() {
        return Some("Z".into());
    }
    let sign = cursor.one_of(&['+', '-'])?;
    let hours = cursor.digits(1, 2)?;
    cursor.exact(':');
    let minutes = if cursor.is_empty() { 0 } else { cursor.digits(2, 2)? };
    (hours <= 14 && minutes <= 59).then(|| format!("{sign}{hours:02}:{minutes:02}"))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The unread rest of the text.
struct Cursor<'a>(&'a str);

impl<'a> Cursor<'a> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &'a str {
        let end = self.0.find(|c| !keep(c)).unwrap_or(self.0.len());
        let (taken, rest) = self.0.split_at(end);
        self.0 = rest;
        taken
    }

    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        // At most `max` digits, so that a zone like `+0800` reads as `08`, then `00`.
        let run = self.0.find(|c: char| !c.is_ascii_digit()).unwrap_or(self.0.len());
        let end = run.min(max);
        if end < min {
            return None;
        }
        let (digits, rest) = self.0.split_at(end);
        self.0 = rest;
        digits.parse().ok()
    }

    fn one_of(&mut self, choices: &[char]) -> Option<char> {
        let c = self.0.chars().next().filter(|c| choices.contains(c))?;
        self.0 = &self.0[c.len_utf8()..];
        Some(c)
    }

    fn exact(&mut self, expected: char) -> Option<char> {
        self.one_of(&[expected])
    }

    fn skip_spaces(&mut self) {
        self.take_while(|c| c == ' ');
    }
}

#[cfg(test)]
mod tests {
    use super::to_iso;

    #[test]
    fn dates_with_and_without_time_become_iso() {
        assert_eq!(to_iso("2024-11-22 23:14:24").as_deref(), Some("2024-11-22T23:14:24"));
        assert_eq!(to_iso("2024-11-22").as_deref(), Some("2024-11-22"));
        assert_eq!(to_iso("2024/1/5 8:05").as_deref(), Some("2024-01-05T08:05"));
        assert_eq!(to_iso("2024-11-22T23:14:24.5+0800").as_deref(), Some("2024-11-22T23:14:24.5+08:00"));
        assert_eq!(to_iso("2024-11-22 23:14:24 Z").as_deref(), Some("2024-11-22T23:14:24Z"));
    }

    #[test]
    fn impossible_dates_and_times_are_refused() {
        for text in [
            "2023-02-29",
            "2024-13-01",
            "2024-11-22 24:00",
            "2024-11-22 23:60",
            "yesterday",
            "2024-11",
            "2024-11-22 23:14:24 Mars",
        ] {
            assert_eq!(to_iso(text), None, "{text}");
        }
        assert_eq!(to_iso("2024-02-29").as_deref(), Some("2024-02-29"));
    }
}
