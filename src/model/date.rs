//! Calendar dates as written in front matter (`2021-12-22`).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Lang;

/// A calendar date, validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31 (checked against the month).
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Date, String> {
        let bad = || format!("`{s}` is not a date of the form YYYY-MM-DD");
        let mut parts = s.trim().split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (year, month, day) = (
            y.parse::<u16>().map_err(|_| bad())?,
            m.parse::<u8>().map_err(|_| bad())?,
            d.parse::<u8>().map_err(|_| bad())?,
        );
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(format!("`{s}`: month {month} does not exist")),
        };
        if day == 0 || day > days {
            return Err(format!("`{s}`: day {day} does not exist in that month"));
        }
        Ok(Date { year, month, day })
    }

    /// The date written for readers of `lang`: `2021年12月22日`, `22 December 2021`.
    pub fn display(self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("{}年{}月{}日", self.year, self.month, self.day),
            Lang::En => format!(
                "{} {} {}",
                self.day,
                MONTHS[usize::from(self.month) - 1],
                self.year
            ),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Parsed inside the visitor, so that the YAML deserialiser places an
        // impossible date at the date itself.
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date of the form YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Date, E> {
                Date::parse(s).map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        let d = Date::parse("2021-12-22").unwrap();
        assert_eq!(d.display(Lang::En), "22 December 2021");
        assert_eq!(d.display(Lang::Zh), "2021年12月22日");
        assert_eq!(d.to_string(), "2021-12-22");
        assert!(Date::parse("2021-02-29").is_err());
        assert!(Date::parse("2021-2-3").is_err());
    }
}
