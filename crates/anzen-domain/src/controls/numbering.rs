//! The numbering of Appendix 2 (別紙2) and the text normalisation the importer needs
//! (appendix2.md §2, §7.2): 大項目 `1.`, 中項目 `1.1.`, 小項目 `①`, No. `①-1`, MHLW 項番 `12. … ④`.
//!
//! Normalisation is only used to *read* numbers and to build `ascii_key`; the text shown to
//! users is kept exactly as imported (appendix2.md §7.3 rule 10).

/// Folds one full-width ASCII character (U+FF01–FF5E) to ASCII and the ideographic space to a
/// space. Maps one character to one character, so character offsets stay aligned.
pub(crate) fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// [`fold_char`] over a string.
pub(crate) fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// The hyphen variants a No. may use between its circled number and its sequence number
/// (appendix2.md §7.2: －, ‐, – and friends), after width folding.
pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
            | '\u{FF0D}'
            | '\u{FF70}'
            | '\u{30FC}'
    )
}

/// A cell that only holds a dash (`—`, `-`, `－`, …): "no related MHLW requirement"
/// (appendix2.md §2 row 11, §7.2).
pub(crate) fn is_dash(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.chars().all(|c| is_hyphen(c) || c.is_whitespace())
}

/// A ditto mark (〃, 同上): same as the row above.
pub(crate) fn is_ditto(s: &str) -> bool {
    matches!(s.trim(), "〃" | "″" | "同上")
}

/// The value of a circled number: ①–⑳ (U+2460–2473), ㉑–㉟ (U+3251–325F), ㊱–㊿
/// (U+32B1–32BF), and the parenthesised ⑴–⒇ (U+2474–2487) (appendix2.md §7.2).
pub fn circled_value(c: char) -> Option<u32> {
    let v = c as u32;
    match v {
        0x2460..=0x2473 => Some(v - 0x2460 + 1),
        0x2474..=0x2487 => Some(v - 0x2474 + 1),
        0x3251..=0x325F => Some(v - 0x3251 + 21),
        0x32B1..=0x32BF => Some(v - 0x32B1 + 36),
        _ => None,
    }
}

/// The circled form of `n` (1–50), for building test tables and messages.
pub fn circled(n: u32) -> Option<char> {
    let v = match n {
        1..=20 => 0x2460 + n - 1,
        21..=35 => 0x3251 + n - 21,
        36..=50 => 0x32B1 + n - 36,
        _ => return None,
    };
    char::from_u32(v)
}

/// Parses decimal ASCII digits (after folding) into a number of at most 6 digits.
fn small_number(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A leading 小項目 symbol: a circled number, or a number in parentheses (`(1)`, `（１）`).
/// Returns the symbol as written, its value and the number of characters it takes.
pub(crate) fn leading_minor(s: &str) -> Option<(String, u32, usize)> {
    let chars: Vec<char> = s.chars().collect();
    let first = *chars.first()?;
    if let Some(v) = circled_value(first) {
        return Some((first.to_string(), v, 1));
    }
    if fold_char(first) == '(' {
        let close = chars.iter().position(|&c| fold_char(c) == ')')?;
        let digits: String = chars[1..close].iter().map(|&c| fold_char(c)).collect();
        let value = small_number(digits.trim())?;
        let symbol: String = chars[..=close].iter().collect();
        return Some((symbol, value, close + 1));
    }
    None
}

/// A leading dotted number such as `1.`, `1.1.`, `１．１`, `3.4.1`: its parts and the number
/// of characters it takes (a trailing dot included).
pub(crate) fn leading_dotted(s: &str) -> Option<(Vec<u32>, usize)> {
    let folded: Vec<char> = s.chars().map(fold_char).collect();
    let mut parts = Vec::new();
    let mut i = 0;
    loop {
        let start = i;
        while i < folded.len() && folded[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            // a dot must be followed by digits unless it ends the number
            if parts.is_empty() {
                return None;
            }
            break;
        }
        let digits: String = folded[start..i].iter().collect();
        parts.push(small_number(&digits)?);
        if i < folded.len() && matches!(folded[i], '.' | '。' | '、' | '\u{FF61}') {
            i += 1;
            if i < folded.len() && folded[i].is_ascii_digit() {
                continue;
            }
        }
        break;
    }
    Some((parts, i))
}

/// The characters of `s` after the first `n`, trimmed (the title after a number).
fn rest_after(s: &str, n: usize) -> &str {
    let byte = s.char_indices().nth(n).map_or(s.len(), |(b, _)| b);
    s[byte..].trim()
}

/// The title part of a category cell: `None` when blank.
fn title(rest: &str) -> Option<String> {
    let t = rest.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// A 大項目 cell such as `1. 人的・組織的対策` or `2.(物理的対策)`: its number and title.
pub(crate) fn parse_major(cell: &str) -> Result<(String, Option<String>), String> {
    let cell = cell.trim();
    match leading_dotted(cell) {
        Some((parts, n)) if parts.len() == 1 => {
            Ok((parts[0].to_string(), title(rest_after(cell, n))))
        }
        _ => Err(format!(
            "`{cell}` does not start with the number of a 大項目, e.g. `1. 人的・組織的対策`"
        )),
    }
}

/// A 中項目 cell such as `1.1. 規程・手順の策定`: its number normalised to `1.1` and its title.
pub(crate) fn parse_middle(cell: &str) -> Result<(String, Option<String>), String> {
    let cell = cell.trim();
    match leading_dotted(cell) {
        Some((parts, n)) if parts.len() == 2 => Ok((
            format!("{}.{}", parts[0], parts[1]),
            title(rest_after(cell, n)),
        )),
        _ => Err(format!(
            "`{cell}` does not start with the number of a 中項目, e.g. `1.1. 規程・手順の策定`"
        )),
    }
}

/// A 小項目 cell such as `①アクセス管理規程の策定`: its symbol, value and title.
pub(crate) fn parse_minor(cell: &str) -> Result<(String, u32, Option<String>), String> {
    let cell = cell.trim();
    match leading_minor(cell) {
        Some((symbol, value, n)) => Ok((symbol, value, title(rest_after(cell, n)))),
        None => Err(format!(
            "`{cell}` does not start with a circled number, e.g. `①アクセス管理規程の策定`"
        )),
    }
}

/// A parsed No. cell: `①-1` → symbol `①`, minor 1, seq 1; `②` → seq `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedNo {
    pub symbol: String,
    pub minor: u32,
    pub seq: Option<u32>,
}

/// Parses a No. cell (appendix2.md §7.2: `<circled>-<int>`, full-width digits and hyphen
/// variants allowed).
pub(crate) fn parse_no(cell: &str) -> Result<ParsedNo, String> {
    let cell = cell.trim();
    let bad = || {
        format!(
            "`{cell}` is not a No. of the form `①-1` (a circled number, a hyphen, a sequence number)"
        )
    };
    let (symbol, minor, n) = leading_minor(cell).ok_or_else(bad)?;
    let rest: String = cell.chars().skip(n).map(fold_char).collect();
    let rest = rest.trim();
    if rest.is_empty() {
        return Ok(ParsedNo {
            symbol,
            minor,
            seq: None,
        });
    }
    let mut chars = rest.chars();
    if !chars.next().is_some_and(is_hyphen) {
        return Err(bad());
    }
    let seq = small_number(chars.as_str().trim()).ok_or_else(bad)?;
    Ok(ParsedNo {
        symbol,
        minor,
        seq: Some(seq),
    })
}

/// The ASCII key of an item: `1.1` and `①-1` → `1.1-1-1`; `2.3` and `②` → `2.3-2`.
pub fn ascii_key(middle_no: &str, minor_index: u32, seq: Option<u32>) -> String {
    match seq {
        Some(seq) => format!("{middle_no}-{minor_index}-{seq}"),
        None => format!("{middle_no}-{minor_index}"),
    }
}

/// The parts of a key `1.1/①-1`: middle number and parsed No.
pub(crate) fn parse_key(key: &str) -> Result<(String, ParsedNo), String> {
    let Some((middle, no)) = key.split_once('/') else {
        return Err(format!(
            "`{key}` is not a key of the form `<中項目>/<No.>`, e.g. `1.1/①-1`"
        ));
    };
    let (middle_no, title) = parse_middle(middle)?;
    if title.is_some() || middle.trim() != middle_no {
        return Err(format!(
            "`{key}`: the part before `/` must be the bare 中項目 number, e.g. `1.1`"
        ));
    }
    if no.trim() != no {
        return Err(format!("`{key}` must not contain spaces around the No."));
    }
    Ok((middle_no, parse_no(no)?))
}

/// The four volumes of MHLW GL 6.0 (guideline-notes §6.1) and the aliases the importer
/// accepts for them (appendix2.md §7.2, 編).
const VOLUMES: &[(&str, &[&str])] = &[
    ("概説編", &["概説", "概説編"]),
    ("経営管理編", &["経営管理", "経営管理編", "経営"]),
    ("企画管理編", &["企画管理", "企画管理編", "企画"]),
    (
        "システム運用編",
        &["システム運用", "システム運用編", "運用編", "運用"],
    ),
];

/// The canonical MHLW volume for a 編 cell, or `None` when it is not one of the four.
pub(crate) fn canonical_volume(cell: &str) -> Option<&'static str> {
    let t: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    VOLUMES
        .iter()
        .find(|(_, aliases)| aliases.contains(&t.as_str()))
        .map(|(canonical, _)| *canonical)
}

/// The canonical volume names.
pub fn mhlw_volumes() -> impl Iterator<Item = &'static str> {
    VOLUMES.iter().map(|(c, _)| *c)
}

/// A 項番 cell: `4.` → (`4`, none); `15. 技術的な安全管理対策の管理` → (`15`, title);
/// `12. 物理的安全管理措置 ④` or `12④` → (`12④`, title). `None` when it does not start
/// with a number.
pub(crate) fn parse_section(cell: &str) -> Option<(String, Option<String>)> {
    let cell = cell.trim();
    let (parts, n) = leading_dotted(cell)?;
    let mut section = parts
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".");
    let rest = rest_after(cell, n);
    let mut sub = None;
    let mut title_text = String::new();
    for c in rest.chars() {
        if sub.is_none() && circled_value(c).is_some() {
            sub = Some(c);
        } else {
            title_text.push(c);
        }
    }
    if let Some(c) = sub {
        section.push(c);
    }
    Some((section, title(&title_text)))
}

/// The MHLW 区分 without its brackets: `【遵守事項】` → `遵守事項`.
pub(crate) fn strip_kind(cell: &str) -> String {
    cell.trim()
        .trim_start_matches(['【', '[', '［'])
        .trim_end_matches(['】', ']', '］'])
        .trim()
        .to_owned()
}

/// A header cell as compared: width-folded, without any whitespace, lower case.
pub(crate) fn header_text(cell: &str) -> String {
    fold(cell)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Cell text as stored: line breaks as `\n`, outer whitespace trimmed, inner text unchanged.
pub(crate) fn clean(cell: &str) -> String {
    let t = cell.trim();
    if t.contains('\r') {
        t.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        t.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circled_numbers_map_both_ways() {
        for n in 1..=50 {
            let c = circled(n).unwrap();
            assert_eq!(circled_value(c), Some(n), "{c}");
        }
        assert_eq!(circled_value('⑴'), Some(1));
        assert_eq!(circled_value('1'), None);
        assert_eq!(circled(0), None);
        assert_eq!(circled(51), None);
    }

    #[test]
    fn numbers_and_titles_split() {
        assert_eq!(
            parse_major("1. 人的・組織的対策").unwrap(),
            ("1".into(), Some("人的・組織的対策".into()))
        );
        assert_eq!(
            parse_major("２．(物理的対策)").unwrap(),
            ("2".into(), Some("(物理的対策)".into()))
        );
        assert!(parse_major("人的・組織的対策").is_err());
        assert!(parse_major("1.1. 規程").is_err());
        assert_eq!(
            parse_middle("1.10. 非常時に備えた対応").unwrap(),
            ("1.10".into(), Some("非常時に備えた対応".into()))
        );
        assert_eq!(parse_middle("１．１").unwrap(), ("1.1".into(), None));
        assert!(parse_middle("1. 人的").is_err());
        assert_eq!(
            parse_minor("①アクセス管理規程の策定").unwrap(),
            ("①".into(), 1, Some("アクセス管理規程の策定".into()))
        );
        assert_eq!(
            parse_minor("（２）媒体").unwrap(),
            ("（２）".into(), 2, Some("媒体".into()))
        );
        assert!(parse_minor("アクセス").is_err());
    }

    #[test]
    fn no_cells_normalise_width_and_hyphens() {
        for cell in ["①-1", "①－1", "①‐１", "① – 1", "①ー1", "①−1"] {
            let p = parse_no(cell).unwrap_or_else(|e| panic!("{cell}: {e}"));
            assert_eq!((p.minor, p.seq), (1, Some(1)), "{cell}");
        }
        assert_eq!(parse_no("②").unwrap().seq, None);
        assert_eq!(parse_no("㉑-12").unwrap().minor, 21);
        for bad in ["1-1", "①-", "①-a", "①1", "-1", "", "①-1-2"] {
            assert!(parse_no(bad).is_err(), "{bad}");
        }
        assert_eq!(ascii_key("1.1", 1, Some(1)), "1.1-1-1");
        assert_eq!(ascii_key("2.3", 2, None), "2.3-2");
    }

    #[test]
    fn keys_parse() {
        let (m, no) = parse_key("1.10/④-4").unwrap();
        assert_eq!((m.as_str(), no.minor, no.seq), ("1.10", 4, Some(4)));
        for bad in ["1.1-①-1", "?p3/③-8", "3.7?/⑤-2", "1/①-1", "1.1/ ①-1"] {
            assert!(parse_key(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn sections_keep_the_circled_sub_number() {
        assert_eq!(parse_section("4.").unwrap(), ("4".into(), None));
        assert_eq!(
            parse_section("15. 技術的な安全管理対策の管理").unwrap(),
            ("15".into(), Some("技術的な安全管理対策の管理".into()))
        );
        assert_eq!(
            parse_section("12. 物理的安全管理措置 ④").unwrap(),
            ("12④".into(), Some("物理的安全管理措置".into()))
        );
        assert_eq!(parse_section("12④").unwrap(), ("12④".into(), None));
        assert_eq!(parse_section("3.4.1").unwrap(), ("3.4.1".into(), None));
        assert!(parse_section("第4章").is_none());
    }

    #[test]
    fn volumes_kinds_dashes() {
        assert_eq!(canonical_volume("企画管理"), Some("企画管理編"));
        assert_eq!(canonical_volume("運用編"), Some("システム運用編"));
        assert_eq!(canonical_volume("管理編"), None);
        assert_eq!(strip_kind("【遵守事項】"), "遵守事項");
        assert!(is_dash("—") && is_dash("-") && is_dash("－") && !is_dash("") && !is_dash("a-"));
        assert_eq!(header_text(" Ｎｏ． "), "no.");
        assert_eq!(clean(" a\r\nb "), "a\nb");
    }
}
