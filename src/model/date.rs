//! Calendar dates as Vietnamese documents write them.
//!
//! Written by hand rather than with a date crate: the crate needs only
//! proleptic Gregorian calendar days (no times, zones or arithmetic beyond
//! month ends and quarters), and a plain `Copy` type keeps nodes small.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};
use crate::text::fold;

/// A calendar date. `Display` and serde use ISO 8601 (`2024-03-07`).
///
/// ```
/// use directive_lineage::Date;
/// let d = Date::parse_vietnamese("ngày 07 tháng 3 năm 2024").unwrap();
/// assert_eq!(d.to_string(), "2024-03-07");
/// assert_eq!(Date::parse_vietnamese("07/3/2024"), Some(d));
/// assert_eq!("2024-03-07".parse::<Date>().unwrap(), d);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The years a date may have: the documents of the modern state, with
    /// room for long-range targets. A year outside is a typing error
    /// (`0202`), not a date; every date made here is in it, so that each
    /// is written and read back alike.
    pub const YEARS: std::ops::RangeInclusive<u16> = 1900..=2199;

    /// A date, or `None` when the day does not exist or the year is
    /// outside [`Date::YEARS`].
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !Date::YEARS.contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
        {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// First day of a month (`None` for a month outside 1 to 12).
    pub fn month_start(year: u16, month: u8) -> Option<Date> {
        Date::new(year, month, 1)
    }

    /// Last day of a month (`None` for a month outside 1 to 12).
    pub fn month_end(year: u16, month: u8) -> Option<Date> {
        if !(1..=12).contains(&month) {
            return None;
        }
        Date::new(year, month, days_in_month(year, month))
    }

    /// The day before this one, when it is in [`Date::YEARS`].
    pub(crate) fn before(self) -> Option<Date> {
        let d = self.pred();
        Date::YEARS.contains(&d.year).then_some(d)
    }

    /// The day before this one (1899-12-31 before the first date of
    /// [`Date::YEARS`]; see `before`).
    pub fn pred(self) -> Date {
        if self.day > 1 {
            Date { day: self.day - 1, ..self }
        } else if self.month > 1 {
            let m = self.month - 1;
            Date { month: m, day: days_in_month(self.year, m), ..self }
        } else {
            Date { year: self.year.saturating_sub(1), month: 12, day: 31 }
        }
    }

    /// Parses the date forms documents use: `ngày 07 tháng 3 năm 2024`,
    /// `ngày 07/3/2024`, `07/03/2024`, `27-05-2026`, and ISO `2024-03-07`.
    /// Returns the first date found in `s`, or `None`.
    pub fn parse_vietnamese(s: &str) -> Option<Date> {
        static LONG: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})").unwrap());
        static SHORT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:^|[^\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?:$|\D)").unwrap()
        });
        static ISO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{4})-(\d{2})-(\d{2})").unwrap());
        let f = fold(s);
        let pick = |c: regex::Captures, d: usize, m: usize, y: usize| {
            Date::new(c[y].parse().ok()?, c[m].parse().ok()?, c[d].parse().ok()?)
        };
        let long = LONG.captures(&f).map(|c| (c.get(0).unwrap().start(), c));
        let short = SHORT.captures(&f).map(|c| (c.get(0).unwrap().start(), c));
        match (long, short) {
            (Some((a, l)), Some((b, _))) if a <= b => pick(l, 1, 2, 3),
            (Some((_, l)), None) => pick(l, 1, 2, 3),
            (_, Some((_, s))) => pick(s, 1, 2, 3),
            (None, None) => ISO.captures(&f).and_then(|c| pick(c, 3, 2, 1)),
        }
    }
}

pub(crate) fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The forms [`Date`]'s `FromStr` reads, as error messages list them.
const DATE_FORMS: &str = "one of 2025-08-01 (year-month-day), 01/08/2025 or 1/8/2025 \
     (day/month/year, also with - or . between), ngày 01 tháng 8 năm 2025";

impl Date {
    /// Parses ISO `YYYY-MM-DD` only, with a year in [`Date::YEARS`]: the
    /// one form corpus JSON writes and reads, so that a file read and
    /// written back is unchanged.
    ///
    /// ```
    /// use directive_lineage::Date;
    /// assert_eq!(Date::parse_iso("2025-08-01")?.to_string(), "2025-08-01");
    /// let err = Date::parse_iso("01/08/2025").unwrap_err();
    /// assert!(err.to_string().contains("expected YYYY-MM-DD"), "{err}");
    /// # Ok::<(), directive_lineage::Error>(())
    /// ```
    pub fn parse_iso(s: &str) -> Result<Date> {
        match iso_parts(s) {
            Some((y, m, d)) => checked(s, y, m, d),
            None => Err(Error::parse_expected("date", s, "YYYY-MM-DD, such as 2025-08-01")),
        }
    }
}

/// `YYYY-MM-DD` read into its numbers, without checking them.
fn iso_parts(s: &str) -> Option<(u16, u8, u8)> {
    let b = s.as_bytes();
    // Digits only: integer parsing alone takes `+6` for `06`, and a
    // date read one way must be written back the same way.
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return None;
    }
    Some((s[0..4].parse().ok()?, s[5..7].parse().ok()?, s[8..10].parse().ok()?))
}

/// A whole string in a form Vietnamese documents write: `01/08/2025`,
/// `1-8-2025`, `01.08.2025`, `ngày 01 tháng 8 năm 2025` (any case and
/// tone-mark placement), read into its numbers without checking them.
fn written_parts(s: &str) -> Option<(u16, u8, u8)> {
    static SHORT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*([/.-])\s*(\d{4})$").unwrap());
    static LONG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})$").unwrap());
    if s.trim() != s {
        return None; // as for ISO: the string is the date
    }
    let f = fold(s);
    if let Some(c) = SHORT.captures(&f) {
        // One separator throughout: `01/08-2025` is not a date people write.
        if c[2] != c[4] {
            return None;
        }
        return Some((c[5].parse().ok()?, c[3].parse().ok()?, c[1].parse().ok()?));
    }
    let c = LONG.captures(&f)?;
    Some((c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?))
}

/// The date of numbers read from `s`, or an error saying what is wrong
/// with them.
fn checked(s: &str, y: u16, m: u8, d: u8) -> Result<Date> {
    if !Date::YEARS.contains(&y) {
        let (lo, hi) = (Date::YEARS.start(), Date::YEARS.end());
        return Err(Error::parse_expected("date", s, format!("a year from {lo} to {hi}")));
    }
    if !(1..=12).contains(&m) {
        return Err(Error::parse_expected("date", s, "a month from 1 to 12"));
    }
    Date::new(y, m, d).ok_or_else(|| {
        let days = days_in_month(y, m);
        Error::parse_expected("date", s, format!("a day that exists: {m}/{y} has {days} days"))
    })
}

impl FromStr for Date {
    type Err = Error;

    /// Parses a whole string in any form [`Date::parse_vietnamese`] reads
    /// (ISO `2025-08-01`; `01/08/2025`, `1/8/2025`, `01-08-2025`,
    /// `01.08.2025`, day first; `ngày 01 tháng 8 năm 2025`), with a year in
    /// [`Date::YEARS`]. Nothing may stand around the date: use
    /// [`Date::parse_vietnamese`] to find one in text. Corpus JSON reads
    /// ISO only ([`Date::parse_iso`]).
    ///
    /// ```
    /// use directive_lineage::Date;
    /// let d: Date = "01/08/2025".parse()?;
    /// assert_eq!(d.to_string(), "2025-08-01");
    /// assert_eq!("ngày 1 tháng 8 năm 2025".parse::<Date>()?, d);
    /// let err = "08/01/2025 sáng".parse::<Date>().unwrap_err().to_string();
    /// assert!(err.contains("2025-08-01 (year-month-day), 01/08/2025"), "{err}");
    /// # Ok::<(), directive_lineage::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Date> {
        match iso_parts(s).or_else(|| written_parts(s)) {
            Some((y, m, d)) => checked(s, y, m, d),
            None => Err(Error::parse_expected("date", s, DATE_FORMS)),
        }
    }
}

/// As [`FromStr`]: what [`DocumentBuilder::date`](crate::DocumentBuilder::date)
/// takes besides a [`Date`].
impl TryFrom<&str> for Date {
    type Error = Error;

    fn try_from(s: &str) -> Result<Date> {
        s.parse()
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        parse_str(d, "a date as YYYY-MM-DD", Date::parse_iso)
    }
}

/// Deserialises a string through `parse` without copying it. serde's
/// `Cow<str>` always copies, and dates, ids and references are read a
/// million times in a national corpus: half of the allocations of a load
/// were these copies.
pub(crate) fn parse_str<'de, D, T, E>(
    d: D,
    expecting: &'static str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    E: fmt::Display,
{
    struct V<F>(F, &'static str);
    impl<'de, T, E: fmt::Display, F: FnOnce(&str) -> Result<T, E>> serde::de::Visitor<'de> for V<F> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.1)
        }

        fn visit_str<X: serde::de::Error>(self, s: &str) -> Result<T, X> {
            (self.0)(s).map_err(X::custom)
        }
    }
    d.deserialize_str(V(parse, expecting))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_forms() {
        let rows = [
            ("ngày 07 tháng 3 năm 2024", "2024-03-07"),
            ("Quảng Ninh, ngày 27 tháng 6 năm 2024", "2024-06-27"),
            ("ngày 07/3/2024", "2024-03-07"),
            ("Ngày 15/03/2024, Sở Y tế", "2024-03-15"),
            ("CÔNG BÁO/Số 286/Ngày 27-05-2026", "2026-05-27"),
            ("Bắc Giang, ngày 18 tháng 01 năm 2024", "2024-01-18"),
            ("2023-10-25", "2023-10-25"),
        ];
        for (input, want) in rows {
            let got = Date::parse_vietnamese(input).map(|d| d.to_string());
            assert_eq!(got.as_deref(), Some(want), "{input:?}");
        }
        assert_eq!(Date::parse_vietnamese("ngày tháng năm 2024"), None);
        assert_eq!(Date::parse_vietnamese("ngày 31/02/2024"), None);
        // Years outside Date::YEARS are no dates (load would refuse them).
        assert_eq!(Date::parse_vietnamese("ngày 25 tháng 01 năm 2221"), None);
        assert_eq!(Date::parse_vietnamese("01/01/1899"), None);
        assert_eq!(Date::new(2200, 1, 1), None);
        assert_eq!(Date::new(1900, 1, 1).unwrap().before(), None);
    }

    #[test]
    fn iso_round_trip_and_errors() {
        let d: Date = "2024-02-29".parse().unwrap();
        assert_eq!(d.to_string(), "2024-02-29");
        assert!("2023-02-29".parse::<Date>().is_err());
        assert!("24-2-29".parse::<Date>().is_err());
        assert_eq!(Date::new(2024, 3, 1).unwrap().pred(), Date::new(2024, 2, 29).unwrap());
        assert_eq!(Date::new(2024, 1, 1).unwrap().pred(), Date::new(2023, 12, 31).unwrap());
    }

    /// `FromStr` reads every form `parse_vietnamese` does, as a whole
    /// string; an error lists the forms, or says what is wrong with the day.
    #[test]
    fn from_str_reads_the_written_forms() {
        let want = Date::new(2025, 8, 1).unwrap();
        for ok in ["2025-08-01", "01/08/2025", "1/8/2025", "01-08-2025", "01.08.2025", "1 / 8 / 2025"] {
            assert_eq!(ok.parse::<Date>().unwrap_or_else(|e| panic!("{ok}: {e}")), want, "{ok}");
        }
        for ok in ["ngày 01 tháng 8 năm 2025", "NGÀY 1 THÁNG 08 NĂM 2025", "01 tháng 8 năm 2025"] {
            assert_eq!(ok.parse::<Date>().unwrap_or_else(|e| panic!("{ok}: {e}")), want, "{ok}");
        }
        for bad in
            ["01/08-2025", "Hà Nội, ngày 01/08/2025", " 01/08/2025", "2025/08/01", "1/8/25", "tháng 8/2025"]
        {
            let e = bad.parse::<Date>().unwrap_err().to_string();
            assert!(e.starts_with(&format!("invalid date: {bad:?}: expected one of 2025-08-01")), "{e}");
            assert!(e.contains("01/08/2025 or 1/8/2025") && e.contains("ngày 01 tháng 8 năm 2025"), "{e}");
        }
        let e = "30/02/2024".parse::<Date>().unwrap_err().to_string();
        assert!(e.ends_with("expected a day that exists: 2/2024 has 29 days"), "{e}");
        let e = "01/13/2025".parse::<Date>().unwrap_err().to_string();
        assert!(e.ends_with("expected a month from 1 to 12"), "{e}");
        let e = "01/08/0025".parse::<Date>().unwrap_err().to_string();
        assert!(e.ends_with("expected a year from 1900 to 2199"), "{e}");
        // Corpus JSON keeps its one form.
        assert!(serde_json::from_str::<Date>(r#""01/08/2025""#)
            .unwrap_err()
            .to_string()
            .contains("YYYY-MM-DD"));
    }

    #[test]
    fn strings_read_in_place_escaped_or_from_a_reader() {
        use crate::model::identity::{ClauseId, DocId};
        let want: DocId = "vn/2023/ct-tw/25".parse().unwrap();
        // Escapes and readers hand the visitor a transient string, not a
        // borrowed one; both must parse.
        assert_eq!(serde_json::from_str::<DocId>(r#""vn\/2023\/ct-tw\/25""#).unwrap(), want);
        assert_eq!(serde_json::from_reader::<_, DocId>(&br#""vn/2023/ct-tw/25""#[..]).unwrap(), want);
        let r = serde_json::from_str::<ClauseId>(r#""vn/2023/ct-tw/25#4""#).unwrap();
        assert_eq!((r.doc(), r.path()), (&want, Some("4")));
        let d: Date = serde_json::from_str(r#""2024-03-07""#).unwrap();
        assert_eq!(d, Date::new(2024, 3, 7).unwrap());
        // Wrong type and bad text both say what was expected or wrong.
        let e = serde_json::from_str::<Date>("20240307").unwrap_err().to_string();
        assert!(e.contains("YYYY-MM-DD"), "{e}");
        assert!(serde_json::from_str::<Date>(r#""2024-02-30""#).is_err());
    }
}
