//! Dates as a Japanese reader expects them: 西暦 (`2026年12月6日`) and 和暦 (`令和8年12月6日`).
//!
//! The era table is small and fixed; each era begins on the day its emperor acceded
//! (元号法; 令和 from 2019-05-01, 平成 from 1989-01-08). The first year of an era is 元年.
//! Dates before 明治6年 (the adoption of the Gregorian calendar, 1873-01-01) have no 和暦
//! in this table: they are shown in 西暦 only.

use jiff::civil::{Date, DateTime, date};

/// The eras, newest first: name and first day.
const ERAS: [(&str, (i16, i8, i8)); 5] = [
    ("令和", (2019, 5, 1)),
    ("平成", (1989, 1, 8)),
    ("昭和", (1926, 12, 25)),
    ("大正", (1912, 7, 30)),
    ("明治", (1868, 10, 23)),
];

/// The first day from which the table gives a 和暦 (Gregorian calendar in Japan).
const GREGORIAN_IN_JAPAN: (i16, i8, i8) = (1873, 1, 1);

/// `2026年12月6日`.
pub fn seireki(d: Date) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// `令和8年12月6日`, `令和元年5月1日`; `None` before 1873-01-01.
pub fn wareki(d: Date) -> Option<String> {
    let (gy, gm, gd) = GREGORIAN_IN_JAPAN;
    if d < date(gy, gm, gd) {
        return None;
    }
    let (name, (y, _, _)) = ERAS.iter().find(|(_, (y, m, dd))| d >= date(*y, *m, *dd))?;
    let year = d.year() - y + 1;
    let year = if year == 1 {
        "元".to_string()
    } else {
        year.to_string()
    };
    Some(format!("{name}{year}年{}月{}日", d.month(), d.day()))
}

/// Both: `2026年12月6日（令和8年12月6日）`, or the 西暦 alone where there is no 和暦.
pub fn both(d: Date) -> String {
    match wareki(d) {
        Some(w) => format!("{}（{w}）", seireki(d)),
        None => seireki(d),
    }
}

/// A moment in Japan's local time, to the minute: `2026年12月6日 14:05`.
pub fn seireki_time(t: DateTime) -> String {
    format!("{} {:02}:{:02}", seireki(t.date()), t.hour(), t.minute())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wareki_table() {
        type Ymd = (i16, i8, i8);
        let cases: &[(Ymd, Option<&str>)] = &[
            ((2019, 5, 1), Some("令和元年5月1日")),
            ((2019, 4, 30), Some("平成31年4月30日")),
            ((2019, 12, 31), Some("令和元年12月31日")),
            ((2020, 1, 1), Some("令和2年1月1日")),
            ((2026, 12, 6), Some("令和8年12月6日")),
            ((1989, 1, 8), Some("平成元年1月8日")),
            ((1989, 1, 7), Some("昭和64年1月7日")),
            ((1926, 12, 25), Some("昭和元年12月25日")),
            ((1926, 12, 24), Some("大正15年12月24日")),
            ((1912, 7, 30), Some("大正元年7月30日")),
            ((1912, 7, 29), Some("明治45年7月29日")),
            ((1873, 1, 1), Some("明治6年1月1日")),
            ((1872, 12, 31), None),
        ];
        for ((y, m, d), want) in cases {
            assert_eq!(wareki(date(*y, *m, *d)).as_deref(), *want, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn seireki_and_both() {
        assert_eq!(seireki(date(2026, 1, 9)), "2026年1月9日");
        assert_eq!(both(date(2019, 5, 1)), "2019年5月1日（令和元年5月1日）");
        assert_eq!(both(date(1800, 1, 1)), "1800年1月1日");
        assert_eq!(
            seireki_time(date(2026, 3, 4).at(9, 5, 0, 0)),
            "2026年3月4日 09:05"
        );
    }
}
