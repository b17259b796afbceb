//! The UI's two languages: Japanese first, English second.
//!
//! Every piece of UI text lives in ONE static table, [`TABLE`], of `(key, ja, en)` rows sorted
//! by key, looked up by binary search. Keys are hierarchical, dot-separated ASCII strings such
//! as `"nav.dashboard"`. Templates reach the table through `chrome.t("nav.dashboard")`
//! (see [`crate::ui::chrome::Chrome::t`]); Rust code calls [`t`].

use std::fmt;

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

/// The text of `key` in `lang`, or `None` if the table has no such key.
pub fn t_checked(lang: Lang, key: &str) -> Option<&'static str> {
    TABLE
        .binary_search_by(|(k, _, _)| (*k).cmp(key))
        .ok()
        .map(|i| {
            let (_, ja, en) = TABLE[i];
            match lang {
                Lang::Ja => ja,
                Lang::En => en,
            }
        })
}

/// Every UI text: `(key, Japanese, English)`, sorted by key (byte order), keys unique.
pub static TABLE: &[(&str, &str, &str)] = &[
    ("a11y.main_nav", "メインメニュー", "Main menu"),
    (
        "a11y.skip_to_content",
        "本文へスキップ",
        "Skip to main content",
    ),
    ("a11y.user_menu", "利用者メニュー", "User menu"),
    ("action.add", "追加", "Add"),
    ("action.back", "戻る", "Back"),
    ("action.cancel", "キャンセル", "Cancel"),
    ("action.clear_filters", "条件をクリア", "Clear filters"),
    ("action.confirm", "確認", "Confirm"),
    ("action.delete", "削除", "Delete"),
    ("action.edit", "編集", "Edit"),
    ("action.export_csv", "CSVエクスポート", "Export CSV"),
    ("action.next", "次へ", "Next"),
    ("action.save", "保存", "Save"),
    ("action.search", "検索", "Search"),
    ("action.submit", "送信", "Submit"),
    ("action.view", "詳細を表示", "View details"),
    ("app.name", "anzen", "anzen"),
    (
        "app.tagline",
        "医療情報を取り扱う情報システム・サービス提供事業者のための安全管理ガイドライン対応ツール",
        "Compliance with the MIC/METI guideline for providers of systems handling medical information",
    ),
    ("common.actions", "操作", "Actions"),
    ("common.details", "詳細", "Details"),
    ("common.no", "いいえ", "No"),
    ("common.none", "なし", "None"),
    ("common.yes", "はい", "Yes"),
    (
        "empty.audit",
        "監査証跡の記録はまだありません。",
        "There are no audit trail entries yet.",
    ),
    (
        "empty.contracts",
        "登録されている契約はありません。",
        "No contracts have been registered.",
    ),
    (
        "empty.generic",
        "表示する項目はありません。",
        "There is nothing to show.",
    ),
    (
        "empty.offerings",
        "登録されている提供サービスはありません。",
        "No offerings have been registered.",
    ),
    (
        "empty.organisations",
        "登録されている組織はありません。",
        "No organisations have been registered.",
    ),
    (
        "empty.search",
        "条件に一致する項目はありません。",
        "No items match your search.",
    ),
    (
        "empty.supply_chain",
        "登録されているサプライチェーンの情報はありません。",
        "No supply-chain links have been registered.",
    ),
    (
        "empty.users",
        "登録されている利用者はいません。",
        "No users have been registered.",
    ),
    (
        "error.csrf",
        "フォームを確認できませんでした。ページを再読み込みしてから、もう一度お試しください。",
        "The form could not be verified. Please reload the page and try again.",
    ),
    (
        "error.forbidden",
        "この操作を行う権限がありません。",
        "You do not have permission to do this.",
    ),
    (
        "error.internal",
        "予期しないエラーが発生しました。時間をおいて、もう一度お試しください。",
        "An unexpected error occurred. Please try again later.",
    ),
    (
        "error.not_found",
        "ページが見つかりません。",
        "Page not found.",
    ),
    ("flash.created", "登録しました。", "Created."),
    ("flash.deleted", "削除しました。", "Deleted."),
    ("flash.kind.error", "エラー", "Error"),
    ("flash.kind.info", "お知らせ", "Information"),
    ("flash.kind.success", "完了", "Success"),
    (
        "flash.language_changed",
        "表示言語を変更しました。",
        "The display language has been changed.",
    ),
    (
        "flash.mfa_enrolled",
        "多要素認証を設定しました。",
        "Multi-factor authentication has been set up.",
    ),
    (
        "flash.password_changed",
        "パスワードを変更しました。",
        "Your password has been changed.",
    ),
    ("flash.saved", "保存しました。", "Saved."),
    (
        "flash.signed_in",
        "ログインしました。",
        "You are signed in.",
    ),
    (
        "flash.signed_out",
        "ログアウトしました。",
        "You have been signed out.",
    ),
    (
        "footer.note",
        "anzen — 医療情報システムの安全管理のためのセルフホスト型ツール",
        "anzen — a self-hosted tool for the safety management of medical information systems",
    ),
    (
        "form.error_heading",
        "入力内容に問題があります。以下の項目を確認してください。",
        "There is a problem with your input. Please check the fields below.",
    ),
    ("form.optional", "任意", "Optional"),
    ("form.required", "必須", "Required"),
    (
        "form.required_note",
        "* の付いた項目は入力必須です。",
        "Fields marked * are required.",
    ),
    ("lang.name.en", "英語", "English"),
    ("lang.name.ja", "日本語", "Japanese"),
    ("lang.switch", "表示言語", "Language"),
    (
        "login.error.account_locked",
        "アカウントは一時的にロックされています。しばらくしてから、もう一度お試しください。",
        "Your account is temporarily locked. Please try again later.",
    ),
    (
        "login.error.invalid_code",
        "確認コードが正しくありません。",
        "The verification code is incorrect.",
    ),
    (
        "login.error.invalid_credentials",
        "ログインIDまたはパスワードが正しくありません。",
        "The login ID or password is incorrect.",
    ),
    (
        "login.error.invalid_recovery_code",
        "リカバリーコードが正しくないか、すでに使用されています。",
        "The recovery code is incorrect or has already been used.",
    ),
    (
        "login.error.session_expired",
        "セッションの有効期限が切れました。もう一度ログインしてください。",
        "Your session has expired. Please sign in again.",
    ),
    (
        "login.error.too_many_attempts",
        "試行回数が上限を超えました。しばらくしてから、もう一度お試しください。",
        "Too many attempts. Please wait a while and try again.",
    ),
    ("login.heading", "anzen にログイン", "Sign in to anzen"),
    ("login.login_id", "ログインID", "Login ID"),
    ("login.mfa.code", "確認コード", "Verification code"),
    (
        "login.mfa.code_hint",
        "認証アプリに表示されている6桁の数字を入力してください。",
        "Enter the 6-digit code shown in your authenticator app.",
    ),
    (
        "login.mfa.heading",
        "多要素認証",
        "Multi-factor authentication",
    ),
    (
        "login.mfa.recovery_code",
        "リカバリーコード",
        "Recovery code",
    ),
    (
        "login.mfa.recovery_code_hint",
        "認証アプリを使用できない場合は、保管しているリカバリーコードを1つ入力してください。",
        "If you cannot use your authenticator app, enter one of your saved recovery codes.",
    ),
    (
        "login.mfa.use_code",
        "確認コードを使用する",
        "Use a verification code",
    ),
    (
        "login.mfa.use_recovery_code",
        "リカバリーコードを使用する",
        "Use a recovery code",
    ),
    ("login.mfa.verify", "確認", "Verify"),
    ("login.password", "パスワード", "Password"),
    ("login.submit", "ログイン", "Sign in"),
    ("login.title", "ログイン", "Sign in"),
    ("mfa.enrol.confirm", "設定を完了する", "Complete setup"),
    (
        "mfa.enrol.intro",
        "ログイン時の本人確認を強化するため、認証アプリを登録してください。",
        "To protect your account, register an authenticator app.",
    ),
    (
        "mfa.enrol.recovery_codes",
        "リカバリーコード",
        "Recovery codes",
    ),
    (
        "mfa.enrol.recovery_codes_notice",
        "これらのコードは一度しか表示されません。認証アプリを使用できなくなった場合に備えて、安全な場所に保管してください。",
        "These codes are shown only once. Store them in a safe place in case you lose access to your authenticator app.",
    ),
    ("mfa.enrol.secret", "設定キー", "Setup key"),
    (
        "mfa.enrol.step_code",
        "認証アプリに表示された確認コードを入力してください。",
        "Enter the verification code shown in your authenticator app.",
    ),
    (
        "mfa.enrol.step_key",
        "認証アプリに次の設定キーを登録してください。",
        "Add the following setup key to your authenticator app.",
    ),
    (
        "mfa.enrol.title",
        "多要素認証の設定",
        "Set up multi-factor authentication",
    ),
    ("nav.account", "アカウント", "Account"),
    ("nav.audit", "監査証跡", "Audit trail"),
    ("nav.contracts", "契約", "Contracts"),
    ("nav.dashboard", "ダッシュボード", "Dashboard"),
    ("nav.offerings", "提供サービス", "Offerings"),
    ("nav.organisations", "組織", "Organisations"),
    ("nav.sign_out", "ログアウト", "Sign out"),
    ("nav.signed_in_as", "ログイン中の利用者", "Signed in as"),
    ("nav.supply_chain", "サプライチェーン", "Supply chain"),
    ("nav.users", "利用者", "Users"),
    ("pagination.current", "現在のページ", "Current page"),
    ("pagination.label", "ページ送り", "Pagination"),
    ("pagination.next", "次のページ", "Next page"),
    ("pagination.page", "ページ", "Page"),
    ("pagination.previous", "前のページ", "Previous page"),
    ("verdict.in_scope", "対象", "In scope"),
    ("verdict.note", "注記", "Note"),
    ("verdict.out_of_scope", "対象外", "Out of scope"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keys_are_sorted_and_unique() {
        for pair in TABLE.windows(2) {
            assert!(
                pair[0].0 < pair[1].0,
                "keys out of order or duplicated: {:?} then {:?}",
                pair[0].0,
                pair[1].0
            );
        }
    }

    #[test]
    fn keys_are_hierarchical_ascii() {
        for (key, _, _) in TABLE {
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

    #[test]
    fn no_text_is_empty_or_padded() {
        for (key, ja, en) in TABLE {
            for text in [ja, en] {
                assert!(!text.trim().is_empty(), "{key} has an empty text");
                assert_eq!(text.trim(), *text, "{key} has surrounding whitespace");
            }
        }
    }

    #[test]
    fn every_key_is_found_in_both_languages() {
        for (key, ja, en) in TABLE {
            assert_eq!(t_checked(Lang::Ja, key), Some(*ja));
            assert_eq!(t_checked(Lang::En, key), Some(*en));
            assert_eq!(t(Lang::Ja, key), *ja);
        }
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
