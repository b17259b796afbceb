//! Renders pages through `templates/base.html` and the partials, and checks the UI kit's
//! promises: language, title, navigation, CSRF tokens, escaping, and no inline script or style.

use askama::Template;
use jiff::civil::{Date, date};

use crate::i18n::Lang;
use crate::ui::chrome::{Chrome, Flash, FlashKind, Nav, UserBadge};

#[derive(Template)]
#[template(
    source = r#"{% extends "base.html" %}{% block content %}<h1>{{ chrome.title }}</h1><p>{{ chrome.t("empty.generic") }}</p>{% endblock %}"#,
    ext = "html"
)]
struct TinyPage {
    chrome: Chrome,
}

#[derive(Template)]
#[template(path = "test/kit.html")]
struct KitPage {
    chrome: Chrome,
    login_id: String,
    code_error: String,
    required: bool,
    note: String,
    page: u32,
    pages: u32,
    href_prefix: String,
    org_name: String,
    signed_on: Date,
}

fn chrome(lang: Lang, title: &str, user: bool) -> Chrome {
    Chrome {
        lang,
        title: title.to_owned(),
        user: user.then(|| UserBadge {
            name: "山田 花子".to_owned(),
            org_name: "安全医療クラウド株式会社".to_owned(),
            role_label: "管理者".to_owned(),
        }),
        nav: Nav::Contracts,
        flash: None,
        csrf: "tok-123_abc".to_owned(),
        path: "/contracts?page=2".to_owned(),
        menu: Nav::MENU.to_vec(),
    }
}

fn render(chrome: Chrome) -> String {
    TinyPage { chrome }.render().expect("the page renders")
}

fn kit(chrome: Chrome, page: u32, pages: u32) -> String {
    KitPage {
        chrome,
        login_id: "hanako\"><b>".to_owned(),
        code_error: "コードが違います".to_owned(),
        required: true,
        note: "</textarea><b>x</b>".to_owned(),
        page,
        pages,
        href_prefix: "/audit?actor=1&page=".to_owned(),
        org_name: "A&B 株式会社".to_owned(),
        signed_on: date(2026, 11, 25),
    }
    .render()
    .expect("the kit page renders")
}

/// No inline script or style anywhere: the CSP forbids them.
fn assert_csp_clean(html: &str) {
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "inline <script> in:\n{html}");
    assert!(!lower.contains("style="), "style attribute in:\n{html}");
    assert!(!lower.contains("<style"), "<style> element in:\n{html}");
    assert!(
        !lower.contains("javascript:"),
        "javascript: URL in:\n{html}"
    );
    // No event-handler attribute (onclick=…) in any tag; escaped text has no raw `<`.
    for tag in lower.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        for attribute in tag.split_whitespace().skip(1) {
            assert!(
                !(attribute.starts_with("on") && attribute.contains('=')),
                "event handler {attribute:?} in:\n{html}"
            );
        }
    }
}

#[test]
fn lang_attribute_follows_the_page_language() {
    let ja = render(chrome(Lang::Ja, "契約", true));
    assert!(ja.contains(r#"<html lang="ja">"#));
    assert!(ja.contains("本文へスキップ"));
    assert!(ja.contains(">ログアウト</button>"));
    let en = render(chrome(Lang::En, "Contracts", true));
    assert!(en.contains(r#"<html lang="en">"#));
    assert!(en.contains("Skip to main content"));
    assert!(en.contains(">Sign out</button>"));
}

#[test]
fn head_has_charset_viewport_title_and_stylesheet() {
    let html = render(chrome(Lang::Ja, "契約", true));
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains(r#"<meta charset="utf-8">"#));
    assert!(
        html.contains(r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#)
    );
    assert!(html.contains("<title>契約 — anzen</title>"));
    assert!(html.contains(r#"<link rel="stylesheet" href="/assets/app.css">"#));
    assert!(html.contains(r##"<a class="skip-link" href="#content">"##));
    assert!(html.contains(r#"<main id="content""#));
    assert!(html.contains("<footer"));
    let untitled = render(chrome(Lang::Ja, "", false));
    assert!(untitled.contains("<title>anzen</title>"));
}

#[test]
fn navigation_only_with_a_user() {
    let signed_in = render(chrome(Lang::Ja, "契約", true));
    assert!(signed_in.contains(r#"<nav class="main-nav""#));
    for href in [
        "/",
        "/organisations",
        "/offerings",
        "/contracts",
        "/supply-links",
        "/audit",
        "/users",
        "/account",
    ] {
        assert!(
            signed_in.contains(&format!(r#"href="{href}""#)),
            "no link to {href}"
        );
    }
    assert!(signed_in.contains("山田 花子"));
    assert!(signed_in.contains(r#"action="/logout""#));

    let anonymous = render(chrome(Lang::Ja, "ログイン", false));
    assert!(!anonymous.contains("<nav"));
    assert!(!anonymous.contains("/organisations"));
    assert!(!anonymous.contains(r#"action="/logout""#));
    // The language switch is there for everybody, e.g. on the login page.
    assert!(anonymous.contains(r#"action="/lang""#));
}

#[test]
fn active_entry_is_marked_current() {
    let html = render(chrome(Lang::Ja, "契約", true));
    assert_eq!(html.matches(r#"aria-current="page""#).count(), 1);
    assert!(html.contains(r#"href="/contracts" aria-current="page">契約</a>"#));

    let mut audit = chrome(Lang::En, "Audit trail", true);
    audit.nav = Nav::Audit;
    let html = render(audit);
    assert!(html.contains(r#"href="/audit" aria-current="page">Audit trail</a>"#));
    assert_eq!(html.matches(r#"aria-current="page""#).count(), 1);

    let mut none = chrome(Lang::Ja, "x", true);
    none.nav = Nav::None;
    assert!(!render(none).contains(r#"aria-current="page""#));
}

#[test]
fn csrf_token_in_logout_and_language_forms() {
    let html = render(chrome(Lang::Ja, "契約", true));
    let token = r#"<input type="hidden" name="csrf_token" value="tok-123_abc">"#;
    assert_eq!(html.matches(token).count(), 2, "{html}");
    let logout = &html[html.find(r#"action="/logout""#).unwrap()..];
    assert!(logout[..logout.find("</form>").unwrap()].contains(token));
    let lang = &html[html.find(r#"action="/lang""#).unwrap()..];
    let lang = &lang[..lang.find("</form>").unwrap()];
    assert!(lang.contains(token));
    assert!(lang.contains(r#"<input type="hidden" name="next" value="/contracts?page=2">"#));
    assert!(lang.contains(r#"name="lang" value="ja""#));
    assert!(lang.contains(r#"name="lang" value="en""#));
    assert!(lang.contains(">日本語</button>"));
    assert!(lang.contains(">English</button>"));
    assert_eq!(lang.matches(r#"aria-current="true""#).count(), 1);
}

#[test]
fn title_and_user_data_are_escaped() {
    let mut c = chrome(Lang::Ja, "<script>alert(1)</script>", true);
    c.csrf = "\"><script>x</script>".to_owned();
    c.path = "/x?a=\"b\"&c=<d>".to_owned();
    if let Some(user) = c.user.as_mut() {
        user.name = "<img src=x onerror=alert(1)>".to_owned();
    }
    c.flash = Some(Flash {
        kind: FlashKind::Error,
        message: "<b>bold</b>".to_owned(),
    });
    let html = render(c);
    assert!(
        html.contains("<title>&#60;script&#62;alert(1)&#60;/script&#62; — anzen</title>"),
        "{html}"
    );
    assert!(html.contains("&#60;b&#62;bold&#60;/b&#62;"));
    assert!(html.contains("&#60;img src=x onerror=alert(1)&#62;"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("<b>"));
    assert_csp_clean(&html);
}

#[test]
fn flash_is_a_status_message_styled_per_kind() {
    for (kind, class, label) in [
        (FlashKind::Success, "flash--success", "完了"),
        (FlashKind::Error, "flash--error", "エラー"),
        (FlashKind::Info, "flash--info", "お知らせ"),
    ] {
        let mut c = chrome(Lang::Ja, "契約", true);
        c.flash = Some(Flash {
            kind,
            message: "保存しました。".to_owned(),
        });
        let html = render(c);
        assert!(
            html.contains(&format!(r#"<div class="flash {class}" role="status">"#)),
            "{html}"
        );
        assert!(html.contains(label));
        assert!(html.contains("保存しました。"));
    }
    assert!(!render(chrome(Lang::Ja, "契約", true)).contains("role=\"status\""));
}

#[test]
fn no_inline_script_or_style() {
    for lang in Lang::ALL {
        for user in [true, false] {
            assert_csp_clean(&render(chrome(lang, "契約", user)));
            assert_csp_clean(&kit(chrome(lang, "契約", user), 5, 12));
        }
    }
}

#[test]
fn form_field_partial() {
    let html = kit(chrome(Lang::Ja, "テスト", true), 1, 1);
    assert!(html.contains(r#"<label class="field__label" for="field-login_id">ログインID <span class="field__required" aria-hidden="true">*</span></label>"#), "{html}");
    assert!(html.contains(r#"id="field-login_id" name="login_id" type="text" value="hanako&#34;&#62;&#60;b&#62;" autocomplete="username" required>"#), "{html}");
    // Hint and error linked by aria-describedby, error marks the input invalid.
    assert!(html.contains(r#"<p class="field__hint" id="field-code-hint">"#));
    assert!(html.contains(r#"<p class="field__error" id="field-code-error">コードが違います</p>"#));
    assert!(
        html.contains(
            r#"aria-invalid="true" aria-describedby="field-code-hint field-code-error">"#
        ),
        "{html}"
    );
    assert!(html.contains(r#"aria-describedby="field-note-error">&#60;/textarea&#62;&#60;b&#62;x&#60;/b&#62;</textarea>"#), "{html}");
    assert!(html.contains(r#"<div class="error-summary" role="alert">"#));
}

#[test]
fn empty_state_and_details_partials() {
    let html = kit(chrome(Lang::Ja, "テスト", true), 1, 1);
    assert!(
        html.contains(r#"<p class="empty-state__message">登録されている契約はありません。</p>"#)
    );
    assert!(html.contains(r#"<a class="button button--primary" href="/contracts/new">追加</a>"#));
    assert_eq!(html.matches("empty-state__action").count(), 1);
    assert!(html.contains("<dt>組織</dt>"));
    assert!(html.contains("<dd>A&#38;B 株式会社</dd>"), "{html}");
    assert!(html.contains(r#"<dd><span class="details__empty">—</span></dd>"#));
    assert!(html.contains("<dd>2026年11月25日（令和8年）</dd>"));
    assert!(html.contains(r#"<span class="badge badge--in-scope">対象</span>"#));
}

#[test]
fn pagination_partial() {
    // One page: no pagination at all.
    let html = kit(chrome(Lang::Ja, "テスト", true), 1, 1);
    assert!(!html.contains("pagination"));

    let html = kit(chrome(Lang::Ja, "テスト", true), 5, 12);
    assert!(
        html.contains(r#"<nav class="pagination" aria-label="ページ送り">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"rel="prev" href="/audit?actor=1&#38;page=4">前のページ</a>"#),
        "{html}"
    );
    assert!(html.contains(r#"rel="next" href="/audit?actor=1&#38;page=6">次のページ</a>"#));
    assert!(html.contains(r#"href="/audit?actor=1&#38;page=5" aria-current="page">5</a>"#));
    assert_eq!(
        html.matches(r#"aria-current="page""#).count(),
        2,
        "nav entry + current page"
    );
    for shown in [1, 3, 4, 6, 7, 12] {
        assert!(
            html.contains(&format!(r#"page={shown}">{shown}</a>"#)),
            "page {shown} missing"
        );
    }
    for hidden in [2, 8, 11] {
        assert!(
            !html.contains(&format!(r#"page={hidden}">{hidden}</a>"#)),
            "page {hidden} shown"
        );
    }
    assert_eq!(html.matches("pagination__gap").count(), 2);

    let first = kit(chrome(Lang::En, "Test", true), 1, 3);
    assert!(first.contains(
        r#"<span class="pagination__link pagination__link--prev is-disabled">Previous page</span>"#
    ));
    assert!(first.contains(r#"rel="next" href="/audit?actor=1&#38;page=2">Next page</a>"#));
    assert!(!first.contains("pagination__gap"));

    let last = kit(chrome(Lang::En, "Test", true), 3, 3);
    assert!(last.contains(
        r#"<span class="pagination__link pagination__link--next is-disabled">Next page</span>"#
    ));
}

#[test]
fn stylesheet_is_self_contained() {
    let css = include_str!("../../assets/app.css");
    for banned in [
        "url(",
        "@import",
        "@font-face",
        "http:",
        "https:",
        "expression(",
    ] {
        assert!(!css.contains(banned), "app.css contains {banned}");
    }
    for family in [
        "\"Hiragino Sans\"",
        "\"BIZ UDPGothic\"",
        "\"Noto Sans JP\"",
        "sans-serif",
    ] {
        assert!(css.contains(family), "app.css lacks the font {family}");
    }
    for class in [
        "skip-link",
        "main-nav__link[aria-current=\"page\"]",
        "flash--success",
        "flash--error",
        "flash--info",
        "button--primary",
        "button--secondary",
        "button--danger",
        "badge--in-scope",
        "badge--out-of-scope",
        "badge--note",
        ":focus-visible",
        "position: sticky",
        "nth-child(even)",
    ] {
        assert!(css.contains(class), "app.css lacks {class}");
    }
    assert_eq!(css.matches('{').count(), css.matches('}').count());
}
