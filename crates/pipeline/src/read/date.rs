//! Dates as inputs give them. A document's date field must be, whole, a date
//! or a date-time (`2025-03-02`, `2025-03-02T17:00:00`, with an offset or a
//! time zone or neither), parsed by jiff's ISO 8601 / RFC 3339 parser: an
//! impossible day or time (`2025-02-30`, `T25:61:00`) or anything after the
//! date is an error, not a date read from the first ten characters. Page and
//! archive metadata are read leniently ([`date_prefix`]), as sites write dates
//! in many ways and a missing date is no reason to drop the page.

use jiff::civil::{Date, Time};
use jiff::fmt::temporal::Pieces;

/// A date or a date-time: its date as written (the publisher's day, whatever
/// the offset) and its time of day to the second, or why it is neither.
pub fn parse_date_time(s: &str) -> Result<(Date, Option<Time>), String> {
    let pieces = Pieces::parse(s.trim()).map_err(|e| format!("not a date or a date-time: {e}"))?;
    let time = pieces.time().map(|t| t.with().subsec_nanosecond(0).build().unwrap_or(t));
    Ok((pieces.date(), time))
}

/// The date of [`parse_date_time`], or `None`.
pub fn parse_date(s: &str) -> Option<Date> {
    parse_date_time(s).ok().map(|(d, _)| d)
}

/// The date that starts `s` (`2025-03-02…`), whatever follows it.
pub(super) fn date_prefix(s: &str) -> Option<Date> {
    s.trim().get(..10)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_dates_and_date_times_only() {
        let ok = [
            ("2025-03-02", "2025-03-02", None),
            (" 2025-03-02\n", "2025-03-02", None),
            ("2025-03-02T17:05:09", "2025-03-02", Some("17:05:09")),
            ("2025-03-02T17:05:09.250", "2025-03-02", Some("17:05:09")),
            ("2025-03-02 17:05", "2025-03-02", Some("17:05:00")),
            ("2025-03-02T23:30:00-05:00", "2025-03-02", Some("23:30:00")),
            ("2025-03-02T23:30:00Z", "2025-03-02", Some("23:30:00")),
            ("2025-03-02T23:30:00+01:00[Europe/Paris]", "2025-03-02", Some("23:30:00")),
        ];
        for (s, date, time) in ok {
            let (d, t) = parse_date_time(s).unwrap_or_else(|e| panic!("{s:?}: {e}"));
            assert_eq!(
                (d.to_string(), t.map(|t| t.to_string())),
                (date.to_string(), time.map(str::to_string)),
                "{s:?}"
            );
        }
        let bad = [
            ("2025-03-02T25:61:00", "hour"),
            ("2025-03-02T23:61:00", "minute"),
            ("2025-02-30", "day"),
            ("2025-13-01", "month"),
            ("2025-03-02, Sunday", "unparsed input"),
            ("2025-03-02 and more", "not a date or a date-time"),
            ("02/03/2025", "not a date"),
            ("", "not a date"),
        ];
        for (s, why) in bad {
            let e = parse_date_time(s).expect_err(s);
            assert!(e.contains(why), "{s:?}: {e}");
            assert_eq!(parse_date(s), None, "{s:?}");
        }
        assert_eq!(date_prefix("2025-03-02T99:99 whatever").map(|d| d.to_string()).as_deref(), Some("2025-03-02"));
    }
}
