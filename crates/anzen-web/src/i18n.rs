//! The UI's two languages: Japanese first, English second.
//!
//! Every piece of UI text lives in the translation files `crates/anzen-web/locales/ja/main.ftl`
//! and `…/en/main.ftl` (Fluent; see [`ftl`] for the subset and the key mapping), which are
//! compiled into the binary and parsed once. Keys are hierarchical, dot-separated ASCII strings
//! such as `"nav.dashboard"`. Templates reach the texts through `chrome.t("nav.dashboard")`
//! (see [`crate::ui::chrome::Chrome::t`]); Rust code calls [`t`]. Variables come back as
//! `{limit}` for the caller to fill in. `scripts/i18n-add` adds keys to both files.

mod ftl;

#[cfg(test)]
mod coverage;

use std::fmt;
use std::sync::LazyLock;

/// A language of the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Japanese, the default.
    #[default]
    Ja,
    /// English.
    En,
}

impl Lang {
    /// Every supported language, in the order they are offered to the user.
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    /// The language code used in the `lang` cookie and in forms: `"ja"` or `"en"`.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// The value of `<html lang="…">`.
    pub const fn html_lang(self) -> &'static str {
        self.code()
    }

    /// The language's name in itself, for the language switch: `"日本語"` / `"English"`.
    pub const fn native_name(self) -> &'static str {
        match self {
            Lang::Ja => "日本語",
            Lang::En => "English",
        }
    }

    /// Parses a language code or tag such as `"ja"`, `"EN"`, `"en-GB"` or `"ja_JP"`
    /// (ASCII case-insensitive, surrounding whitespace ignored). Only the primary subtag counts.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("ja") {
            Some(Lang::Ja)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// At most this many entries of an `Accept-Language` header are looked at.
const MAX_ACCEPT_LANGUAGE_ENTRIES: usize = 32;

/// Chooses the page language: an explicit `lang` cookie (its value, e.g. `"en"`) wins; otherwise
/// the supported language with the highest q-value in `Accept-Language` (the earlier one on a
/// tie; `q=0` means "not acceptable"); otherwise Japanese. Never fails: garbage is ignored.
pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
    if let Some(lang) = cookie.and_then(Lang::from_code) {
        return lang;
    }
    accept_language
        .and_then(best_from_accept_language)
        .unwrap_or_default()
}

/// The best supported language of an `Accept-Language` header, if any.
fn best_from_accept_language(header: &str) -> Option<Lang> {
    // Quality values as thousandths (0..=1000), so that comparison is exact.
    let mut best: Option<(u16, Lang)> = None;
    for entry in header.split(',').take(MAX_ACCEPT_LANGUAGE_ENTRIES) {
        let mut parts = entry.split(';');
        let tag = parts.next().unwrap_or("").trim();
        let Some(lang) = Lang::from_code(tag) else {
            continue;
        };
        let mut quality = Some(1000);
        for param in parts {
            let Some((name, value)) = param.split_once('=') else {
                continue;
            };
            if name.trim().eq_ignore_ascii_case("q") {
                quality = parse_quality(value.trim());
            }
        }
        let Some(quality) = quality else { continue };
        if quality == 0 {
            continue;
        }
        if best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

/// Parses an RFC 9110 `qvalue` (`0`, `0.5`, `1.000`, …) into thousandths; `None` if malformed.
fn parse_quality(value: &str) -> Option<u16> {
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut thousandths: u16 = 0;
    for (i, b) in frac.bytes().enumerate() {
        thousandths += u16::from(b - b'0') * [100, 10, 1][i];
    }
    match int {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// The text of `key` in `lang`.
///
/// An unknown key is a programming error: it is logged and the key itself is returned, so the
/// page still renders and the mistake is visible. Tests use [`t_checked`] to catch it.
///
/// The result lives as long as `key`; with a literal key (the normal case) it is
/// `&'static str`.
pub fn t(lang: Lang, key: &str) -> &str {
    match t_checked(lang, key) {
        Some(text) => text,
        None => {
            tracing::warn!(key, "missing UI text");
            key
        }
    }
}

/// A mark of Japanese punctuation as `lang` writes it: Japanese keeps `（` `）` `、` `：` `／`
/// `・`; English writes ` (`, `)`, `, `, `: `, ` / `, ` · `. Templates reach it through
/// `chrome.punct("（")`, so that no full-width mark shows in the English UI. Another mark is
/// returned as it is.
pub fn punct(lang: Lang, mark: &str) -> &str {
    if lang == Lang::Ja {
        return mark;
    }
    match mark {
        "（" => " (",
        "）" => ")",
        "、" => ", ",
        "：" => ": ",
        "／" => " / ",
        "・" => " · ",
        other => other,
    }
}

/// The Japanese side of a stored text written in both languages as `日本語 / English` (some
/// texts the use-cases record, e.g. notification summaries and suggested disclosure answers):
/// the Japanese UI shows the part before the last ` / ` whose right side is English; the
/// English UI, and any other text, shows the text as it is.
pub fn japanese_side(lang: Lang, text: &str) -> &str {
    if lang != Lang::Ja {
        return text;
    }
    let mut search = text;
    while let Some(at) = search.rfind(" / ") {
        let (left, right) = (&text[..at], &text[at + 3..]);
        // Each side's share of non-ASCII characters, in percent.
        let share = |s: &str| {
            let n = s.chars().count().max(1);
            s.chars().filter(|c| !c.is_ascii()).count() * 100 / n
        };
        let words = right
            .split_whitespace()
            .filter(|w| w.chars().all(|c| c.is_ascii_alphabetic()))
            .count();
        if words >= 2 && share(right) < 50 && share(left) > 2 * share(right) {
            return left.trim_end();
        }
        search = &text[..at];
    }
    text
}

/// A note in brackets after a text: `（note）` in Japanese, ` (note)` in English.
pub fn paren(lang: Lang, note: impl fmt::Display) -> String {
    format!("{}{note}{}", punct(lang, "（"), punct(lang, "）"))
}

/// The text of `key` in `lang`, or `None` if the table has no such key.
pub fn t_checked(lang: Lang, key: &str) -> Option<&'static str> {
    catalogue(lang).get(key)
}

/// The translation file of each language, read into the binary at compile time.
const SOURCES: [(Lang, &str); 2] = [
    (Lang::Ja, include_str!("../locales/ja/main.ftl")),
    (Lang::En, include_str!("../locales/en/main.ftl")),
];

/// The parsed translation files, in the order of [`Lang::ALL`].
static CATALOGUES: LazyLock<[ftl::Catalogue; 2]> = LazyLock::new(|| {
    SOURCES.map(|(lang, source)| {
        let cat = ftl::Catalogue::parse(source);
        for e in cat.errors() {
            tracing::error!(lang = lang.code(), "locales/{lang}/main.ftl: {e}");
        }
        cat
    })
});

/// The parsed translation file of `lang`.
fn catalogue(lang: Lang) -> &'static ftl::Catalogue {
    &CATALOGUES[match lang {
        Lang::Ja => 0,
        Lang::En => 1,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn both_files_parse_without_a_problem() {
        for lang in Lang::ALL {
            assert_eq!(
                catalogue(lang).errors(),
                &[] as &[String],
                "locales/{lang}/main.ftl"
            );
        }
    }

    #[test]
    fn keys_are_hierarchical_ascii_without_hyphens() {
        // No key holds a hyphen, so `.` ↔ `-` between the code and the files reverses exactly.
        for lang in Lang::ALL {
            for key in catalogue(lang).keys() {
                assert!(key.contains('.'), "{key} has no namespace");
                assert!(
                    key.split('.').all(|seg| !seg.is_empty()
                        && seg
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')),
                    "{key} is not a dotted lowercase key"
                );
            }
        }
    }

    #[test]
    fn no_text_is_padded_and_both_languages_have_the_same_variables() {
        // Variables that only one language shows (the Japanese era year).
        const ONE_LANGUAGE_ONLY: &[(&str, &str)] = &[("checklist.fiscal_year", "reiwa")];
        fn variables<'a>(key: &str, text: &'a str) -> std::collections::BTreeSet<&'a str> {
            text.split('{')
                .skip(1)
                .filter_map(|s| s.split_once('}').map(|(name, _)| name))
                .filter(|name| !ONE_LANGUAGE_ONLY.contains(&(key, *name)))
                .collect()
        }
        for key in catalogue(Lang::Ja).keys() {
            let (Some(ja), Some(en)) = (t_checked(Lang::Ja, key), t_checked(Lang::En, key)) else {
                continue; // a key of one language only: `coverage` reports it
            };
            for text in [ja, en] {
                assert!(!text.trim().is_empty(), "{key} has an empty text");
                assert_eq!(text.trim(), text, "{key} has surrounding whitespace");
            }
            assert_eq!(
                variables(key, ja),
                variables(key, en),
                "{key}: the variables differ"
            );
        }
    }

    #[test]
    fn the_files_are_sorted_by_key() {
        // scripts/i18n-add keeps them so; a hand edit that breaks the order is caught here.
        for (lang, source) in SOURCES {
            let ids: Vec<&str> = source
                .lines()
                .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
                .filter_map(|l| l.split_once(" =").map(|(id, _)| id))
                .collect();
            for pair in ids.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "locales/{lang}/main.ftl: {} comes before {}",
                    pair[0],
                    pair[1]
                );
            }
        }
    }

    #[test]
    fn punctuation_follows_the_language() {
        assert_eq!(paren(Lang::Ja, "FAQ 5.2"), "（FAQ 5.2）");
        assert_eq!(paren(Lang::En, "FAQ 5.2"), " (FAQ 5.2)");
        assert_eq!(punct(Lang::En, "、"), ", ");
        assert_eq!(punct(Lang::Ja, "、"), "、");
        assert_eq!(punct(Lang::En, "x"), "x");
    }

    #[test]
    fn the_japanese_side_of_a_text_in_both_languages() {
        let both = "障害: 再発防止策を提案・変更 / prevention measures proposed";
        assert_eq!(
            japanese_side(Lang::Ja, both),
            "障害: 再発防止策を提案・変更"
        );
        assert_eq!(japanese_side(Lang::En, both), both);
        assert_eq!(japanese_side(Lang::Ja, "A / B"), "A / B");
        assert_eq!(japanese_side(Lang::Ja, "東京 / 大阪"), "東京 / 大阪");
        assert_eq!(
            japanese_side(
                Lang::Ja,
                "認証あり（FAQ 4.2 (エ)） / held (FAQ 4.2 (エ)) per the guideline"
            ),
            "認証あり（FAQ 4.2 (エ)）"
        );
    }

    #[test]
    fn lookups() {
        assert_eq!(t(Lang::Ja, "nav.sign_out"), "ログアウト");
        assert_eq!(t(Lang::En, "nav.sign_out"), "Sign out");
        assert_eq!(t(Lang::Ja, "nav.audit"), "監査証跡");
        assert_eq!(t(Lang::Ja, "action.save"), "保存");
    }

    #[test]
    fn unknown_key_is_none_checked_and_itself_unchecked() {
        assert_eq!(t_checked(Lang::Ja, "nav.nope"), None);
        assert_eq!(t_checked(Lang::En, ""), None);
        assert_eq!(t(Lang::En, "nav.nope"), "nav.nope");
    }

    #[test]
    fn lang_codes() {
        assert_eq!(Lang::default(), Lang::Ja);
        assert_eq!(Lang::Ja.code(), "ja");
        assert_eq!(Lang::En.code(), "en");
        assert_eq!(Lang::En.html_lang(), "en");
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code(" EN-gb "), Some(Lang::En));
        assert_eq!(Lang::from_code("ja_JP"), Some(Lang::Ja));
        assert_eq!(Lang::from_code("jav"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn negotiation() {
        let cases: &[(Option<&str>, Option<&str>, Lang)] = &[
            (None, None, Lang::Ja),
            (Some("en"), None, Lang::En),
            (Some("ja"), Some("en"), Lang::Ja),
            (Some("en"), Some("ja"), Lang::En),
            (Some("fr"), Some("en"), Lang::En),
            (Some(""), Some("en-US,en;q=0.9"), Lang::En),
            (None, Some("en-US,en;q=0.9,ja;q=0.8"), Lang::En),
            (None, Some("ja,en-US;q=0.9,en;q=0.8"), Lang::Ja),
            (
                None,
                Some("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5"),
                Lang::En,
            ),
            (None, Some("en;q=0.5, ja;q=0.8"), Lang::Ja),
            (None, Some("en;q=0.8, ja;q=0.8"), Lang::En),
            (None, Some("en;q=0, ja;q=0.1"), Lang::Ja),
            (None, Some("ja;q=0, en;q=0"), Lang::Ja),
            (None, Some("en;q=1.5"), Lang::Ja),
            (None, Some("en;q=abc, ja;q=0.001"), Lang::Ja),
            (None, Some("EN;Q=0.7"), Lang::En),
            (None, Some("de, fr"), Lang::Ja),
            (None, Some(""), Lang::Ja),
            (None, Some(",,;;==,"), Lang::Ja),
            (None, Some("*"), Lang::Ja),
            (None, Some("en; q=0.7 ; foo=bar"), Lang::En),
        ];
        for (cookie, accept, want) in cases {
            assert_eq!(
                negotiate(*cookie, *accept),
                *want,
                "cookie {cookie:?}, Accept-Language {accept:?}"
            );
        }
    }

    #[test]
    fn quality_values() {
        assert_eq!(parse_quality("1"), Some(1000));
        assert_eq!(parse_quality("1.000"), Some(1000));
        assert_eq!(parse_quality("0.5"), Some(500));
        assert_eq!(parse_quality("0.05"), Some(50));
        assert_eq!(parse_quality("0"), Some(0));
        assert_eq!(parse_quality("0."), Some(0));
        assert_eq!(parse_quality("1.001"), None);
        assert_eq!(parse_quality("0.0001"), None);
        assert_eq!(parse_quality("-0.5"), None);
        assert_eq!(parse_quality("0.-5"), None);
        assert_eq!(parse_quality("２"), None);
        assert_eq!(parse_quality(""), None);
    }

    proptest! {
        #[test]
        fn negotiate_never_panics(cookie in proptest::option::of(".*"), accept in proptest::option::of(".*")) {
            let _ = negotiate(cookie.as_deref(), accept.as_deref());
        }

        #[test]
        fn negotiate_never_panics_on_header_like_garbage(
            accept in "[a-zA-Z0-9*,;=. \\-_qQ\u{3042}\u{00e9}]{0,80}",
        ) {
            let _ = negotiate(None, Some(&accept));
        }

        #[test]
        fn a_valid_cookie_always_wins(lang in prop_oneof![Just(Lang::Ja), Just(Lang::En)], accept in ".*") {
            prop_assert_eq!(negotiate(Some(lang.code()), Some(&accept)), lang);
        }
    }
}
