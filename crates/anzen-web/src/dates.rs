//! Dates for people: Gregorian with the Japanese era (和暦) alongside, without ICU.
//!
//! Timestamps are shown in Japan time, a fixed UTC+09:00 (Japan has no daylight saving time),
//! so no time-zone database is needed.

use jiff::Timestamp;
use jiff::civil::{Date, date};
use jiff::tz::Offset;

use crate::i18n::Lang;

/// A Japanese era (元号) and the Gregorian day it began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Era {
    /// The era's name in Japanese, e.g. `"令和"`.
    pub name_ja: &'static str,
    /// The era's name in romaji, e.g. `"Reiwa"`.
    pub name_en: &'static str,
    /// The first day of the era (Gregorian).
    pub start: Date,
}

/// The modern eras, oldest first. Dates before Meiji have no era here.
pub static ERAS: [Era; 5] = [
    Era {
        name_ja: "明治",
        name_en: "Meiji",
        start: date(1868, 1, 25),
    },
    Era {
        name_ja: "大正",
        name_en: "Taishō",
        start: date(1912, 7, 30),
    },
    Era {
        name_ja: "昭和",
        name_en: "Shōwa",
        start: date(1926, 12, 25),
    },
    Era {
        name_ja: "平成",
        name_en: "Heisei",
        start: date(1989, 1, 8),
    },
    Era {
        name_ja: "令和",
        name_en: "Reiwa",
        start: date(2019, 5, 1),
    },
];

/// Japan Standard Time, UTC+09:00.
const JST: Offset = Offset::constant(9);

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The era `date` falls in and its year within that era (1 = 元年), or `None` before Meiji.
pub fn era_of(date: Date) -> Option<(&'static Era, i16)> {
    let era = ERAS.iter().rev().find(|era| era.start <= date)?;
    Some((era, date.year() - era.start.year() + 1))
}

/// The era year in Japanese: `"令和8年"`, `"令和元年"`.
fn era_year_ja(era: &Era, year: i16) -> String {
    if year == 1 {
        format!("{}元年", era.name_ja)
    } else {
        format!("{}{}年", era.name_ja, year)
    }
}

/// The full Japanese-era date, e.g. `"令和8年11月25日"` or `"令和元年5月1日"`;
/// `None` before the Meiji era.
pub fn wareki(date: Date) -> Option<String> {
    let (era, year) = era_of(date)?;
    Some(format!(
        "{}{}月{}日",
        era_year_ja(era, year),
        date.month(),
        date.day()
    ))
}

/// The era suffix of a formatted date: `"（令和8年）"` / `" (Reiwa 8)"`, empty before Meiji.
fn era_suffix(date: Date, lang: Lang) -> String {
    match (era_of(date), lang) {
        (None, _) => String::new(),
        (Some((era, year)), Lang::Ja) => format!("（{}）", era_year_ja(era, year)),
        (Some((era, year)), Lang::En) => format!(" ({} {})", era.name_en, year),
    }
}

fn gregorian(date: Date, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        Lang::En => format!(
            "{} {} {}",
            date.day(),
            MONTHS_EN[usize::from(date.month().unsigned_abs()) - 1],
            date.year()
        ),
    }
}

/// A date for display: ja `"2026年11月25日（令和8年）"`, en `"25 Nov 2026 (Reiwa 8)"`.
pub fn format_date(date: Date, lang: Lang) -> String {
    format!("{}{}", gregorian(date, lang), era_suffix(date, lang))
}

/// A moment for display in Japan time: ja `"2026年11月25日 21:00（令和8年）"`,
/// en `"25 Nov 2026 21:00 JST (Reiwa 8)"`.
pub fn format_timestamp(ts: Timestamp, lang: Lang) -> String {
    let local = JST.to_datetime(ts);
    let day = local.date();
    let clock = format!("{:02}:{:02}", local.hour(), local.minute());
    match lang {
        Lang::Ja => format!(
            "{} {}{}",
            gregorian(day, lang),
            clock,
            era_suffix(day, lang)
        ),
        Lang::En => format!(
            "{} {} JST{}",
            gregorian(day, lang),
            clock,
            era_suffix(day, lang)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn era_boundaries() {
        let cases: &[(Date, Option<&str>)] = &[
            (date(1868, 1, 24), None),
            (date(1868, 1, 25), Some("明治元年1月25日")),
            (date(1868, 12, 31), Some("明治元年12月31日")),
            (date(1869, 1, 1), Some("明治2年1月1日")),
            (date(1912, 7, 29), Some("明治45年7月29日")),
            (date(1912, 7, 30), Some("大正元年7月30日")),
            (date(1926, 12, 24), Some("大正15年12月24日")),
            (date(1926, 12, 25), Some("昭和元年12月25日")),
            (date(1989, 1, 7), Some("昭和64年1月7日")),
            (date(1989, 1, 8), Some("平成元年1月8日")),
            (date(2019, 4, 30), Some("平成31年4月30日")),
            (date(2019, 5, 1), Some("令和元年5月1日")),
            (date(2020, 1, 1), Some("令和2年1月1日")),
            (date(2026, 11, 25), Some("令和8年11月25日")),
        ];
        for (day, want) in cases {
            assert_eq!(wareki(*day).as_deref(), *want, "{day}");
        }
    }

    #[test]
    fn eras_are_in_order() {
        for pair in ERAS.windows(2) {
            assert!(pair[0].start < pair[1].start);
        }
    }

    #[test]
    fn dates_in_both_languages() {
        let day = date(2026, 11, 25);
        assert_eq!(format_date(day, Lang::Ja), "2026年11月25日（令和8年）");
        assert_eq!(format_date(day, Lang::En), "25 Nov 2026 (Reiwa 8)");
        let first = date(2019, 5, 1);
        assert_eq!(format_date(first, Lang::Ja), "2019年5月1日（令和元年）");
        assert_eq!(format_date(first, Lang::En), "1 May 2019 (Reiwa 1)");
        let showa = date(1989, 1, 7);
        assert_eq!(format_date(showa, Lang::En), "7 Jan 1989 (Shōwa 64)");
        let edo = date(1867, 12, 31);
        assert_eq!(format_date(edo, Lang::Ja), "1867年12月31日");
        assert_eq!(format_date(edo, Lang::En), "31 Dec 1867");
    }

    #[test]
    fn timestamps_in_japan_time() {
        let ts: Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
        assert_eq!(
            format_timestamp(ts, Lang::Ja),
            "2026年11月25日 21:00（令和8年）"
        );
        assert_eq!(
            format_timestamp(ts, Lang::En),
            "25 Nov 2026 21:00 JST (Reiwa 8)"
        );
        // 2019-04-30T15:00Z is already 1 May in Japan: the first day of Reiwa.
        let ts: Timestamp = "2019-04-30T15:00:00Z".parse().unwrap();
        assert_eq!(
            format_timestamp(ts, Lang::Ja),
            "2019年5月1日 00:00（令和元年）"
        );
        let ts: Timestamp = "2019-04-30T14:59:59Z".parse().unwrap();
        assert_eq!(
            format_timestamp(ts, Lang::En),
            "30 Apr 2019 23:59 JST (Heisei 31)"
        );
    }

    proptest! {
        #[test]
        fn era_year_rederives_the_gregorian_year(days in 0i32..=73_413) {
            // 1900-01-01 + 73,413 days = 2100-12-31.
            let day = date(1900, 1, 1)
                .checked_add(jiff::Span::new().days(days))
                .unwrap();
            prop_assert!((1900..=2100).contains(&day.year()));
            let (era, year) = era_of(day).unwrap();
            prop_assert!(year >= 1);
            prop_assert!(era.start <= day);
            prop_assert_eq!(era.start.year() + year - 1, day.year());
            let text = wareki(day).unwrap();
            prop_assert!(text.starts_with(era.name_ja));
            let prefix = format!("{}年", day.year());
            prop_assert!(format_date(day, Lang::Ja).starts_with(&prefix));
        }
    }
}
