//! Deadlines as plans write them, and task status as of a date.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, LazyLock};

use regex::Regex;
use serde::{Deserialize, Deserializer, Serialize};

use crate::model::date::Date;
use crate::text::{fold, nfc};

/// What a deadline asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DeadlineKind {
    /// Done by the end of the interval (`Quý II năm 2024`, `chậm nhất trong
    /// 6/2024`, `Phấn đấu đến năm 2030`).
    By,
    /// Done before a date (`Trước tháng 7/2025`: by 2025-06-30).
    Before,
    /// Starts then, no end (`Từ năm 2026`).
    From,
    /// Carried out during the interval (`Cả năm 2024`, `Trong tháng 01/2024`).
    During,
    /// Standing task (`Nhiệm vụ thường xuyên`, `Hằng năm`).
    Ongoing,
    /// Due relative to an event not yet dated (`trong 01 tháng kể từ khi
    /// Chính phủ ban hành Nghị định`, `khi phát sinh tình huống`, `Theo lộ
    /// trình của Chính phủ`).
    AfterEvent,
    /// No deadline could be read; the text is kept.
    Unspecified,
}

/// A deadline: its kind, a normalised date interval where the text gives one,
/// and the text as written.
///
/// ```
/// use directive_lineage::{Deadline, DeadlineKind};
/// let d = Deadline::parse("Trước tháng 7/2025");
/// assert_eq!(d.kind(), DeadlineKind::Before);
/// assert_eq!(d.due().unwrap().to_string(), "2025-06-30");
/// assert_eq!(d.text(), "Trước tháng 7/2025");
/// let q = Deadline::parse("Quý II năm 2024");
/// assert_eq!((q.start().unwrap().to_string(), q.due().unwrap().to_string()),
///            ("2024-04-01".to_string(), "2024-06-30".to_string()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Deadline {
    /// Shared: a national corpus repeats a few hundred deadline texts over
    /// a million tasks (see [`interned`]).
    text: Arc<str>,
    kind: DeadlineKind,
    start: Option<Date>,
    end: Option<Date>,
}

/// Status of a task as of a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum TaskStatus {
    /// Completed no later than its due date.
    DoneOnTime,
    /// Completed after its due date.
    DoneLate,
    /// Not completed, due date not yet passed.
    Open,
    /// Not completed, due date passed.
    Overdue,
    /// A standing task.
    Ongoing,
    /// Not completed and no date to hold it to.
    NoDeadline,
}

impl TaskStatus {
    /// Every status, in the order reports list them.
    ///
    /// ```
    /// use directive_lineage::TaskStatus;
    /// assert_eq!(TaskStatus::ALL.len(), 6);
    /// assert!(TaskStatus::ALL.windows(2).all(|w| w[0] < w[1]));
    /// ```
    pub const ALL: [TaskStatus; 6] = [
        TaskStatus::DoneOnTime,
        TaskStatus::DoneLate,
        TaskStatus::Open,
        TaskStatus::Overdue,
        TaskStatus::Ongoing,
        TaskStatus::NoDeadline,
    ];
}

impl fmt::Display for TaskStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TaskStatus::DoneOnTime => "done on time",
            TaskStatus::DoneLate => "done late",
            TaskStatus::Open => "open",
            TaskStatus::Overdue => "overdue",
            TaskStatus::Ongoing => "ongoing",
            TaskStatus::NoDeadline => "no deadline",
        })
    }
}

const ROMAN: [&str; 4] = ["i", "ii", "iii", "iv"];

fn quarter(q: &str, year: u16) -> Option<(Date, Date)> {
    let q = ROMAN
        .iter()
        .position(|r| *r == q)
        .or_else(|| q.parse::<usize>().ok().filter(|n| (1..=4).contains(n)).map(|n| n - 1))?
        as u8;
    Some((Date::month_start(year, q * 3 + 1)?, Date::month_end(year, q * 3 + 3)?))
}

fn month(m: &str, y: &str) -> Option<(Date, Date)> {
    let (m, y) = (m.parse().ok()?, y.parse().ok()?);
    Some((Date::month_start(y, m)?, Date::month_end(y, m)?))
}

fn year(y: &str) -> Option<(Date, Date)> {
    let y = y.parse().ok()?;
    Some((Date::month_start(y, 1)?, Date::month_end(y, 12)?))
}

static QUARTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bqu[yi]\s+(iv|iii|ii|i|[1-4])\s*(?:nam|/|-)\s*(\d{4})").unwrap());
static MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\bthang\s*|\btrong\s+)(\d{1,2})\s*(?:/|nam)\s*(\d{4})").unwrap());
static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\btruoc\s+(?:thang\s*(\d{1,2})\s*(?:/|nam)\s*(\d{4})|ngay\s*(\S+)|nam\s*(\d{4}))").unwrap()
});
static FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\btu\s+(?:nam\s*(\d{4})|thang\s*(\d{1,2})\s*(?:/|nam)\s*(\d{4}))").unwrap()
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\bnam\s*(\d{4})\b").unwrap());
/// A deadline cell holding only a year (`2026`) or a span of years
/// (`2027 - 2030`, `giai đoạn 2026-2030`, `Năm 2026 – 2028`), as gazette
/// tables write them.
static BARE_YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:trong\s+)?(?:giai doan|cac nam|nam)\s*)?(\d{4})(?:\s*(?:-|–|den)\s*(\d{4}))?\.?$")
        .unwrap()
});

static ONWARD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.*?)\s*,?\s*va (?:nhung|cac) nam tiep theo\.?$").unwrap());

impl Deadline {
    /// Reads a deadline in any form the seeds use. What cannot be read gives
    /// kind [`DeadlineKind::Unspecified`] with the text kept
    /// ([`Deadline::is_understood`] is then false).
    pub fn parse(text: &str) -> Deadline {
        let text = nfc(text.trim());
        let (kind, start, end) = Self::read(&fold(&text));
        Deadline { text: text.into(), kind, start, end }
    }

    fn read(f: &str) -> (DeadlineKind, Option<Date>, Option<Date>) {
        use DeadlineKind::*;
        if f.is_empty() {
            return (Unspecified, None, None);
        }
        if f.contains("ke tu")
            || f.contains("khi phat sinh")
            || f.contains("theo lo trinh")
            || f.starts_with("theo ke hoach")
            || f.starts_with("ky hop")
            || f.contains("sau khi")
        {
            return (AfterEvent, None, None);
        }
        if f.contains("thuong xuyen")
            || f.contains("hang nam")
            || f.contains("hàng nam")
            || f.contains("dinh ky")
        {
            return (Ongoing, None, None);
        }
        // `Giai đoạn 2026-2030 và những năm tiếp theo`: a span that goes on.
        if let Some(span) = ONWARD.captures(f).and_then(|c| BARE_YEARS.captures(c.get(1)?.as_str())) {
            if let Some((s, _)) = year(&span[1]) {
                return (From, Some(s), None);
            }
        }
        if let Some(c) = BARE_YEARS.captures(f) {
            let first = year(&c[1]);
            match (first, c.get(2).and_then(|y| year(y.as_str()))) {
                (Some((s, _)), Some((_, e))) if e > s => return (During, Some(s), Some(e)),
                (Some((s, e)), None) => return (By, Some(s), Some(e)),
                _ => {}
            }
        }
        if let Some(c) = BEFORE.captures(f) {
            let end = if let (Some(m), Some(y)) = (c.get(1), c.get(2)) {
                month(m.as_str(), y.as_str()).and_then(|(s, _)| s.before())
            } else if let Some(d) = c.get(3) {
                Date::parse_vietnamese(d.as_str()).and_then(Date::before)
            } else {
                c.get(4).and_then(|y| year(y.as_str())).and_then(|(s, _)| s.before())
            };
            if end.is_some() {
                return (Before, None, end);
            }
        }
        if let Some(c) = FROM.captures(f) {
            let start = match c.get(1) {
                Some(y) => year(y.as_str()).map(|(s, _)| s),
                None => month(&c[2], &c[3]).map(|(s, _)| s),
            };
            if start.is_some() {
                return (From, start, None);
            }
        }
        let by = f.contains("hoan thanh") || f.contains("cham nhat") || f.contains("den ");
        let interval = QUARTER
            .captures(f)
            .and_then(|c| quarter(&c[1], c[2].parse().ok()?))
            .map(|iv| (iv, true))
            .or_else(|| MONTH.captures(f).and_then(|c| month(&c[1], &c[2])).map(|iv| (iv, false)));
        if let Some(((s, e), is_quarter)) = interval {
            let kind = if by || is_quarter || !f.contains("trong") { By } else { During };
            return (kind, Some(s), Some(e));
        }
        if f.contains("ca nam") {
            if let Some((s, e)) = YEAR.captures(f).and_then(|c| year(&c[1])) {
                return (During, Some(s), Some(e));
            }
        }
        if let Some(d) = Date::parse_vietnamese(f) {
            return (By, None, Some(d));
        }
        if let Some((s, e)) = YEAR.captures(f).and_then(|c| year(&c[1])) {
            return if f.contains("den nam") { (By, None, Some(e)) } else { (By, Some(s), Some(e)) };
        }
        (Unspecified, None, None)
    }

    /// The text as written (NFC).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// What the deadline asks.
    pub fn kind(&self) -> DeadlineKind {
        self.kind
    }

    /// Start of the interval, where the text gives one.
    pub fn start(&self) -> Option<Date> {
        self.start
    }

    /// The last day the task may be done on, where the text gives one.
    pub fn due(&self) -> Option<Date> {
        self.end
    }

    /// False when the text is non-empty and could not be read.
    pub fn is_understood(&self) -> bool {
        self.kind != DeadlineKind::Unspecified || self.text.is_empty()
    }

    /// Status of a task with this deadline, completed on `completed` (if
    /// ever), as of `as_of`. A completion after `as_of` is not yet known.
    ///
    /// ```
    /// use directive_lineage::{Date, Deadline, TaskStatus};
    /// let d = Deadline::parse("Trước tháng 7/2025");
    /// let day = |s: &str| s.parse::<Date>().unwrap();
    /// assert_eq!(d.status(None, day("2025-08-01")), TaskStatus::Overdue);
    /// assert_eq!(d.status(None, day("2025-06-30")), TaskStatus::Open);
    /// assert_eq!(d.status(Some(day("2025-07-15")), day("2025-08-01")), TaskStatus::DoneLate);
    /// ```
    pub fn status(&self, completed: Option<Date>, as_of: Date) -> TaskStatus {
        status_of(Some(self), completed, as_of)
    }
}

/// Status of a task that may have no deadline at all.
pub(crate) fn status_of(deadline: Option<&Deadline>, completed: Option<Date>, as_of: Date) -> TaskStatus {
    status_from(
        deadline.map(Deadline::kind),
        deadline.and_then(Deadline::start),
        deadline.and_then(Deadline::due),
        completed,
        as_of,
    )
}

/// [`status_of`] from the parts of a deadline it reads, so that the task
/// index computes statuses by the same rule without the clause.
#[inline]
pub(crate) fn status_from(
    kind: Option<DeadlineKind>,
    start: Option<Date>,
    due: Option<Date>,
    completed: Option<Date>,
    as_of: Date,
) -> TaskStatus {
    if let Some(c) = completed.filter(|c| *c <= as_of) {
        return match due {
            Some(d) if c > d => TaskStatus::DoneLate,
            _ => TaskStatus::DoneOnTime,
        };
    }
    match (kind, due) {
        (Some(DeadlineKind::Ongoing), _) => TaskStatus::Ongoing,
        (Some(DeadlineKind::From), _) => match start {
            Some(s) if as_of < s => TaskStatus::Open,
            _ => TaskStatus::Ongoing,
        },
        (_, Some(d)) if as_of > d => TaskStatus::Overdue,
        (_, Some(_)) => TaskStatus::Open,
        _ => TaskStatus::NoDeadline,
    }
}

impl fmt::Display for Deadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Deadline {
    /// Accepts the text alone (`"Quý II năm 2024"`), parsed on load, or the
    /// object written by `Serialize`; an object's text is re-read when its
    /// kind is missing, and its dates must fall within what its text says.
    /// The text is kept as written (in NFC).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Deadline, D::Error> {
        // A visitor rather than an untagged enum: untagged buffers every
        // deadline before matching, a fifth of the time of loading a corpus.
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Deadline;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a deadline as text or as {text, kind, start, end}")
            }

            fn visit_str<E: serde::de::Error>(self, t: &str) -> Result<Deadline, E> {
                let (text, (kind, start, end)) = interned(t);
                Ok(Deadline { text, kind, start, end })
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Deadline, A::Error> {
                // An identifier enum reads keys in place; `Cow<str>` keys
                // were four allocations per deadline.
                #[derive(Deserialize)]
                #[serde(field_identifier, rename_all = "lowercase")]
                enum Key {
                    Text,
                    Kind,
                    Start,
                    End,
                }
                let (mut text, mut kind, mut start, mut end) = (None, None, None, None);
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Text => text = Some(map.next_value::<Interned>()?),
                        Key::Kind => kind = map.next_value::<Option<DeadlineKind>>()?,
                        Key::Start => start = map.next_value::<Option<Date>>()?,
                        Key::End => end = map.next_value::<Option<Date>>()?,
                    }
                }
                let Interned(text, read) = text.ok_or_else(|| serde::de::Error::missing_field("text"))?;
                if let (Some(s), Some(e)) = (start, end) {
                    if s > e {
                        return Err(serde::de::Error::custom(format_args!(
                            "deadline starts {s}, after it ends {e}"
                        )));
                    }
                }
                let Some(kind) = kind else {
                    let (kind, start, end) = read;
                    return Ok(Deadline { text, kind, start, end });
                };
                let d = Deadline { text, kind, start, end };
                match d.contradiction(read) {
                    Some(e) => Err(serde::de::Error::custom(e)),
                    None => Ok(d),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// What a deadline's text says: kind, start and end.
type Reading = (DeadlineKind, Option<Date>, Option<Date>);

impl Deadline {
    /// Why the interval contradicts what the text says (`Quý II/2025` given
    /// as ending in September), if it does: each date given must fall
    /// within the text's interval. Nothing to check when the text gives no
    /// dates (an unread text's interval is the curator's).
    fn contradiction(&self, (_, from, to): Reading) -> Option<String> {
        let outside = |d: Date| from.is_some_and(|f| d < f) || to.is_some_and(|t| d > t);
        if !self.start.into_iter().chain(self.end).any(outside) {
            return None;
        }
        let show = |d: Option<Date>| d.map_or("…".to_string(), |d| d.to_string());
        Some(format!(
            "deadline {:?} is given as {} to {}, outside what its text says: {} to {}",
            &*self.text,
            show(self.start),
            show(self.end),
            show(from),
            show(to)
        ))
    }
}

/// A deadline text read from JSON, NFC, shared with the equal texts read
/// before it on this thread, and what it says.
struct Interned(Arc<str>, Reading);

impl<'de> Deserialize<'de> for Interned {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Interned, D::Error> {
        crate::model::date::parse_str(d, "a deadline text", |s| {
            let (t, read) = interned(s);
            Ok::<_, std::convert::Infallible>(Interned(t, read))
        })
    }
}

/// The shared copy of a deadline text, kept as written (NFC, noted when it
/// was not), and what it says. Loading a national corpus allocated a string
/// for each of a million deadlines, nearly all repeats, so each is read
/// once; the table is per thread (no lock between parse threads) and starts
/// over when it holds more than a few thousand texts, so its memory stays
/// small.
fn interned(s: &str) -> (Arc<str>, Reading) {
    type Texts = HashMap<Arc<str>, Reading, crate::hash::FxBuild>;
    thread_local!(static TEXTS: RefCell<Texts> = RefCell::default());
    TEXTS.with_borrow_mut(|texts| {
        // Only NFC texts are kept, so a text found needs no check.
        if let Some((t, read)) = texts.get_key_value(s) {
            return (t.clone(), *read);
        }
        if !crate::text::is_nfc(s) {
            let t = crate::model::normalised::stored_text(s);
            let read = Deadline::read(&fold(&t));
            return (t.into(), read);
        }
        if texts.len() >= 4096 {
            texts.clear();
        }
        let t: Arc<str> = s.into();
        let read = Deadline::read(&fold(s));
        texts.insert(t.clone(), read);
        (t, read)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use DeadlineKind::*;

    /// Every deadline form the domain knows, as the seeds write it.
    #[test]
    fn forms() {
        let rows: &[(&str, DeadlineKind, Option<&str>, Option<&str>)] = &[
            ("Quý II năm 2024", By, Some("2024-04-01"), Some("2024-06-30")),
            ("hoàn thành chậm nhất trong quý I năm 2024", By, Some("2024-01-01"), Some("2024-03-31")),
            ("Quý IV/2026", By, Some("2026-10-01"), Some("2026-12-31")),
            // The spelling `Quí` and a dash (Đồng Tháp, 617/KH-UBND).
            ("Quí IV-2025", By, Some("2025-10-01"), Some("2025-12-31")),
            ("Trong tháng 01/2024", During, Some("2024-01-01"), Some("2024-01-31")),
            ("Thời gian thực hiện, tháng 01/2024.", By, Some("2024-01-01"), Some("2024-01-31")),
            ("Thời gian thực hiện chậm nhất trong 6/2024", By, Some("2024-06-01"), Some("2024-06-30")),
            ("Hoàn thành trong tháng 12/2024.", By, Some("2024-12-01"), Some("2024-12-31")),
            ("Thời gian hoàn thành trong tháng 02/2024.", By, Some("2024-02-01"), Some("2024-02-29")),
            ("Tháng 3/2027", By, Some("2027-03-01"), Some("2027-03-31")),
            ("Cả năm 2024", During, Some("2024-01-01"), Some("2024-12-31")),
            ("Thời gian thực hiện: Cả năm 2024.", During, Some("2024-01-01"), Some("2024-12-31")),
            ("Trước tháng 7/2025", Before, None, Some("2025-06-30")),
            ("Từ năm 2026", From, Some("2026-01-01"), None),
            // A span that goes on (Bắc Ninh, 141/KH-UBND).
            ("Giai đoạn 2026-2030 và những năm tiếp theo", From, Some("2026-01-01"), None),
            ("Phấn đấu đến năm 2030", By, None, Some("2030-12-31")),
            ("Nhiệm vụ thường xuyên", Ongoing, None, None),
            ("Hằng năm", Ongoing, None, None),
            // Gazette deadline cells (Nghị quyết 97/NQ-CP, 2026).
            ("2026", By, Some("2026-01-01"), Some("2026-12-31")),
            ("2027 - 2030", During, Some("2027-01-01"), Some("2030-12-31")),
            // A span after `Năm` is the span, not its first year (100/NQ-CP).
            ("Năm 2026 – 2028", During, Some("2026-01-01"), Some("2028-12-31")),
            ("Trong giai đoạn 2026 - 2030", During, Some("2026-01-01"), Some("2030-12-31")),
            ("Năm 2026", By, Some("2026-01-01"), Some("2026-12-31")),
            ("2026 và hằng năm", Ongoing, None, None),
            ("Theo Kế hoạch của Ủy ban Thường vụ Quốc hội", AfterEvent, None, None),
            ("Kỳ họp thứ nhất Quốc hội khóa XVI", AfterEvent, None, None),
            ("Theo lộ trình của Chính phủ/Luật BHYT", AfterEvent, None, None),
            (
                "Thời gian hoàn thành trong 01 tháng kể từ khi Chính phủ ban hành Nghị định",
                AfterEvent,
                None,
                None,
            ),
            ("Hoàn thành khi phát sinh tình huống.", AfterEvent, None, None),
            ("", Unspecified, None, None),
            ("sớm", Unspecified, None, None),
        ];
        for (text, kind, start, end) in rows {
            let d = Deadline::parse(text);
            assert_eq!(d.kind(), *kind, "{text:?}");
            assert_eq!(d.start().map(|d| d.to_string()).as_deref(), *start, "start of {text:?}");
            assert_eq!(d.due().map(|d| d.to_string()).as_deref(), *end, "end of {text:?}");
            assert_eq!(d.text(), text.trim());
        }
        assert!(!Deadline::parse("sớm").is_understood());
        assert!(Deadline::parse("").is_understood());
    }

    /// Whatever the text, a deadline's dates are in `Date::YEARS`, so that
    /// it is written and read back alike.
    #[test]
    fn dates_stay_in_the_years_load_reads() {
        for text in [
            "Trước ngày 01/01/1900",
            "Trước tháng 1/1900",
            "Trước năm 1900",
            "Quý I/2300",
            "tháng 3/2221",
            "Từ năm 1899",
            "năm 2200",
        ] {
            let d = Deadline::parse(text);
            for date in d.start().into_iter().chain(d.due()) {
                assert!(Date::YEARS.contains(&date.year()), "{text}: {date}");
            }
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(serde_json::from_str::<Deadline>(&json).unwrap(), d, "{text}");
        }
    }

    #[test]
    fn statuses() {
        let day = |s: &str| s.parse::<Date>().unwrap();
        let q2 = Deadline::parse("Quý II năm 2024");
        assert_eq!(q2.status(None, day("2024-06-30")), TaskStatus::Open);
        assert_eq!(q2.status(None, day("2024-07-01")), TaskStatus::Overdue);
        assert_eq!(q2.status(Some(day("2024-05-01")), day("2024-07-01")), TaskStatus::DoneOnTime);
        assert_eq!(q2.status(Some(day("2024-08-01")), day("2024-07-01")), TaskStatus::Overdue);
        assert_eq!(
            Deadline::parse("Nhiệm vụ thường xuyên").status(None, day("2030-01-01")),
            TaskStatus::Ongoing
        );
        assert_eq!(Deadline::parse("Từ năm 2026").status(None, day("2025-01-01")), TaskStatus::Open);
        assert_eq!(status_of(None, None, day("2025-01-01")), TaskStatus::NoDeadline);
    }

    #[test]
    fn serde_accepts_text_or_object() {
        let d: Deadline = serde_json::from_str("\"Quý II năm 2024\"").unwrap();
        assert_eq!(d.due().unwrap().to_string(), "2024-06-30");
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, r#"{"text":"Quý II năm 2024","kind":"by","start":"2024-04-01","end":"2024-06-30"}"#);
        assert_eq!(serde_json::from_str::<Deadline>(&json).unwrap(), d);
    }

    #[test]
    fn read_texts_are_nfc_and_shared() {
        // JSON escapes: ý precomposed, then y + combining acute.
        let composed = r"Qu\u00fd IV n\u0103m 2024";
        let nfd = r"Qu\u0079\u0301 IV n\u0103m 2024";
        let json = format!(
            r#"[{{"text": "{composed}", "kind": "by", "start": "2024-10-01", "end": "2024-12-31"}},
               {{"text": "{composed}", "kind": "by", "start": "2024-10-01", "end": "2024-12-31"}},
               {{"text": "{nfd}", "kind": "by", "start": "2024-10-01", "end": "2024-12-31"}}]"#
        );
        let ds: Vec<Deadline> = serde_json::from_str(&json).unwrap();
        assert!(Arc::ptr_eq(&ds[0].text, &ds[1].text), "repeats share one text");
        assert_eq!(ds[2].text(), "Quý IV năm 2024");
        assert_eq!(ds[2], ds[0]);
        assert_eq!(ds[0].due(), Date::new(2024, 12, 31));
    }
}
