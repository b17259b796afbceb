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
    (
        "account.mfa.already",
        "認証アプリはすでに設定されています。",
        "An authenticator app is already set up.",
    ),
    (
        "account.mfa.disabled",
        "多要素認証は設定されていません。認証アプリを登録すると、パスワードが漏れてもアカウントを守れます。",
        "Multi-factor authentication is not set up. An authenticator app protects your account even if your password leaks.",
    ),
    (
        "account.mfa.enabled",
        "認証アプリによる多要素認証が有効です。",
        "Multi-factor authentication with an authenticator app is on.",
    ),
    (
        "account.mfa.enrol",
        "認証アプリを設定する",
        "Set up an authenticator app",
    ),
    (
        "account.mfa.required",
        "所属組織では多要素認証が必須です。次回のログインまでに認証アプリを設定してください。",
        "Your organisation requires multi-factor authentication. Set up an authenticator app before you next sign in.",
    ),
    (
        "account.password.change",
        "パスワードを変更する",
        "Change password",
    ),
    (
        "account.password.confirm",
        "新しいパスワード（確認）",
        "New password (again)",
    ),
    (
        "account.password.current",
        "現在のパスワード",
        "Current password",
    ),
    (
        "account.password.forced",
        "仮パスワードでログインしています。続けるには新しいパスワードを設定してください。",
        "You signed in with a temporary password. Set a new password to continue.",
    ),
    (
        "account.password.mismatch",
        "確認用のパスワードが一致しません。",
        "The two new passwords do not match.",
    ),
    ("account.password.new", "新しいパスワード", "New password"),
    (
        "account.password.policy",
        "12文字以上で、ログインIDを含まず、同じ文字の繰り返しでもよく使われるパスワードでもないもの。",
        "At least 12 characters, without your login id, not one repeated character, not a commonly used password.",
    ),
    ("account.password.title", "パスワード", "Password"),
    (
        "account.tokens.create",
        "APIトークンを発行する",
        "Create API token",
    ),
    (
        "account.tokens.created",
        "APIトークンを発行しました",
        "API token created",
    ),
    ("account.tokens.created_at", "発行日時", "Created"),
    ("account.tokens.days", "有効日数", "Valid for (days)"),
    (
        "account.tokens.days_hint",
        "1〜366日。空欄の場合は無期限です。",
        "1 to 366 days. Leave empty for no expiry.",
    ),
    ("account.tokens.expires_at", "有効期限", "Expires"),
    ("account.tokens.heading", "APIトークン", "API tokens"),
    (
        "account.tokens.intro",
        "JSON API（/api/v1）を使うためのトークンです。あなたと同じ権限で動作します。",
        "Tokens for the JSON API (/api/v1). They act with your role.",
    ),
    ("account.tokens.last_used_at", "最終利用", "Last used"),
    ("account.tokens.name", "名称", "Name"),
    (
        "account.tokens.name_hint",
        "用途が分かる名前（例：監査データ連携）。",
        "A name that says what it is for (e.g. audit export).",
    ),
    ("account.tokens.no_expiry", "無期限", "No expiry"),
    ("account.tokens.prefix", "先頭文字", "Starts with"),
    ("account.tokens.revoke", "失効させる", "Revoke"),
    (
        "account.tokens.revoked",
        "APIトークンを失効させました。",
        "The API token has been revoked.",
    ),
    ("account.tokens.revoked_badge", "失効済み", "Revoked"),
    ("account.tokens.secret", "トークン", "Token"),
    (
        "account.tokens.shown_once",
        "このトークンは一度しか表示されません。今すぐ安全な場所に保管してください。",
        "This token is shown only once. Store it in a safe place now.",
    ),
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
    (
        "agreements.add_subcontractor",
        "委託先事業者を追加",
        "Name a subcontractor",
    ),
    (
        "agreements.add_subcontractor_hint",
        "追加した委託先事業者は、次の版で責任を負う当事者として選べるようになります（FAQ 3.1）。",
        "A subcontractor named here can be made responsible for duties in the new version (FAQ 3.1).",
    ),
    (
        "agreements.agree",
        "この版に合意する",
        "Agree to this version",
    ),
    ("agreements.agree_heading", "合意", "Agreement"),
    (
        "agreements.agree_hint",
        "表示している版の内容（ダイジェスト）にのみ合意します。内容が変わっていれば合意は記録されません。",
        "You agree to exactly the version shown (its digest). If the content has changed meanwhile, nothing is recorded.",
    ),
    (
        "agreements.agreed",
        "合意を記録しました。",
        "Your agreement is recorded.",
    ),
    (
        "agreements.agreed_already",
        "この版にはすでに合意しています:",
        "You agreed to this version on",
    ),
    ("agreements.confidence", "確度", "Confidence"),
    ("agreements.consents", "合意した人", "Agreed by"),
    ("agreements.counterparty", "相手方", "Counterparty"),
    ("agreements.created_at", "作成日時", "Created"),
    ("agreements.created_by", "作成者", "Created by"),
    ("agreements.digest", "ダイジェスト", "Digest"),
    ("agreements.duty", "義務", "Duty"),
    ("agreements.duty_key", "義務のキー", "Duty key"),
    (
        "agreements.duty_key_hint",
        "英小文字・数字・「.」「_」「-」のみ（例: op.backup_check）。既定の一覧にない義務には名称が必要です。",
        "Lower-case letters, digits, `.`, `_` and `-` (e.g. op.backup_check). A duty outside the catalogue needs a title.",
    ),
    ("agreements.duty_title", "義務の名称", "Duty title"),
    (
        "agreements.gaps",
        "合意の確認事項（GL 3.2、FAQ 3.1）",
        "Points to review (GL 3.2, FAQ 3.1)",
    ),
    (
        "agreements.intro",
        "契約ごとに、ライフサイクルの各フェーズにおける義務と責任の分担を合意します（GL 3.2、図3-4）。委託先事業者との内部的な合意も記録できます（FAQ 3.1）。",
        "For each contract, agree who bears which duty in each phase of the lifecycle (GL 3.2, Fig. 3-4). Internal agreements with subcontractors can be recorded too (FAQ 3.1).",
    ),
    ("agreements.kind", "合意の種類", "Kind of agreement"),
    (
        "agreements.kind_hint",
        "医療機関等との合意、又は委託先事業者との内部的な合意（FAQ 3.1: 運用はA、開発はB など）。",
        "With the institution, or an internal agreement with a subcontractor (FAQ 3.1: operation by A, development by B).",
    ),
    ("agreements.list", "合意の一覧", "Agreements"),
    ("agreements.matrix", "責任分担表", "Responsibility matrix"),
    (
        "agreements.matrix_intro",
        "フェーズごとの義務と責任を負う当事者です。参照先と確度は anzen の義務カタログによります（推定のものはその旨を示しています）。",
        "Each phase's duties and the party responsible. References and confidence come from anzen's duty catalogue (inferred entries say so).",
    ),
    (
        "agreements.matrix_title",
        "ライフサイクルにおける責任分担の合意",
        "Lifecycle responsibility agreement",
    ),
    (
        "agreements.new_duty",
        "義務を追加（任意）",
        "Add a duty (optional)",
    ),
    ("agreements.no_consents", "合意なし", "No agreement yet"),
    (
        "agreements.none",
        "この契約の合意はまだありません。",
        "This contract has no agreement yet.",
    ),
    ("agreements.open", "合意を作成", "Open an agreement"),
    ("agreements.open_link", "合意", "Agreements"),
    (
        "agreements.opened",
        "合意の第1版を作成しました。両当事者の合意を待っています。",
        "Version 1 of the agreement is open; both parties need to agree.",
    ),
    ("agreements.own_duty", "個別の義務", "Agreement-specific"),
    (
        "agreements.parties_only",
        "合意できるのは、両当事者の利用者（監査人を除く）です。",
        "Only users of the two parties (auditors excepted) can agree.",
    ),
    ("agreements.party.institution", "医療機関等", "Institution"),
    ("agreements.party.provider", "対象事業者", "Provider"),
    (
        "agreements.party.subcontractor",
        "委託先事業者",
        "Subcontractor",
    ),
    ("agreements.phase", "フェーズ", "Phase"),
    ("agreements.provider", "対象事業者", "Provider"),
    ("agreements.reagreement", "再合意", "Re-agreement"),
    (
        "agreements.reagreement_explained",
        "サプライチェーン上の変更がこの合意に影響します。内容を見直し、新しい版を作成して両当事者で合意し直してください（GL 3.2.1、FAQ 2.1）。",
        "A change in the supply chain affects this agreement. Review it, make a new version and have both parties agree again (GL 3.2.1, FAQ 2.1).",
    ),
    (
        "agreements.reagreement_needed",
        "再合意が必要",
        "Re-agreement needed",
    ),
    ("agreements.remove", "削除", "Remove"),
    (
        "agreements.responsible",
        "責任を負う当事者",
        "Responsible party",
    ),
    (
        "agreements.revise",
        "責任分担を変更（新しい版）",
        "Change responsibilities (new version)",
    ),
    (
        "agreements.revise_intro",
        "変更すると新しい版になり、両当事者の合意はやり直しになります（GL 3.2.1）。",
        "A change makes a new version; both parties must agree again (GL 3.2.1).",
    ),
    (
        "agreements.revised",
        "新しい版を作成しました。版:",
        "New version made: version",
    ),
    (
        "agreements.save_version",
        "新しい版として保存",
        "Save as a new version",
    ),
    ("agreements.status", "状態", "Status"),
    ("agreements.subcontractor", "委託先事業者", "Subcontractor"),
    (
        "agreements.subcontractor_hint",
        "内部的な合意の相手方です（提供サービスの構成要素を提供する事業者から選びます）。",
        "The counterparty of an internal agreement (one of the suppliers of the offering's components).",
    ),
    ("agreements.subcontractor_none", "（選択しない）", "(none)"),
    (
        "agreements.subcontractors",
        "責任を負う委託先事業者",
        "Subcontractors named",
    ),
    ("agreements.title", "契約と合意", "Contract and agreements"),
    ("agreements.version", "版", "Version"),
    (
        "agreements.versions",
        "版の履歴と合意",
        "Versions and agreements",
    ),
    ("app.name", "anzen", "anzen"),
    (
        "app.tagline",
        "医療情報を取り扱う情報システム・サービス提供事業者のための安全管理ガイドライン対応ツール",
        "Compliance with the MIC/METI guideline for providers of systems handling medical information",
    ),
    ("audit.action", "操作", "Action"),
    ("audit.actor", "実行者", "Actor"),
    (
        "audit.actor_hint",
        "ログインIDの一部で検索できます。",
        "Part of a login id.",
    ),
    ("audit.all", "すべて", "All"),
    ("audit.at", "日時", "When"),
    ("audit.from", "開始日", "From"),
    ("audit.hash", "ハッシュ", "Hash"),
    (
        "audit.intro",
        "すべての変更は署名付きのハッシュチェーンに記録され、改ざんを検出できます。日付は日本時間です。",
        "Every change is recorded in a signed hash chain, so tampering can be detected. Dates are in Japan time.",
    ),
    ("audit.object", "対象", "Object"),
    ("audit.object_type", "対象の種類", "Object type"),
    ("audit.org", "組織", "Organisation"),
    ("audit.summary", "内容", "Summary"),
    ("audit.to", "終了日", "To"),
    ("certifications.add", "認証を登録", "Add a certification"),
    (
        "certifications.auditor_hint",
        "外部監査の場合のみ: 監査人の資格（システム監査技術者又はCISA）。",
        "External audit only: the auditor's qualification (システム監査技術者 or CISA).",
    ),
    (
        "certifications.auditor_none",
        "（外部監査以外）",
        "(not an external audit)",
    ),
    (
        "certifications.auditor_qualification",
        "監査人の資格",
        "Auditor's qualification",
    ),
    ("certifications.days_left", "残り日数", "Days left"),
    (
        "certifications.equivalent_hint",
        "「その他の同等の第三者認証」の場合のみ: 認証の名称。",
        "Other equivalent certification only: its name.",
    ),
    (
        "certifications.equivalent_name",
        "同等の認証の名称",
        "Name of the equivalent certification",
    ),
    (
        "certifications.expires",
        "に有効期限を迎えます",
        "is the expiry date",
    ),
    (
        "certifications.issuer",
        "認証機関・監査人",
        "Issuer or auditor",
    ),
    ("certifications.kind", "認証の種類", "Kind"),
    (
        "certifications.kind_hint",
        "プライバシーマーク又はISMSが基本です。同等の第三者認証（ISMAP、CSゴールドマーク、FedRAMP、SOC2、SOC3）も、それらがない場合は有資格者による外部監査も登録できます（GL 4.4、FAQ 4.2）。",
        "The Privacy Mark or ISMS first; equivalent certifications (ISMAP, CS Gold Mark, FedRAMP, SOC 2, SOC 3), and failing those an external audit by a qualified auditor, are accepted too (GL 4.4, FAQ 4.2).",
    ),
    ("certifications.list", "認証の一覧", "Certifications"),
    (
        "certifications.none",
        "登録された認証はありません。",
        "No certification is recorded.",
    ),
    (
        "certifications.not_qualified",
        "最低限の適格性なし",
        "No minimum qualification",
    ),
    (
        "certifications.notice_heading",
        "認証は最低限の適格性を示すものです",
        "A certificate shows a minimum qualification",
    ),
    ("certifications.org", "事業者", "Organisation"),
    (
        "certifications.qualification",
        "最低限の適格性（GL 4.4）",
        "Minimum qualification (GL 4.4)",
    ),
    (
        "certifications.qualified",
        "最低限の適格性あり",
        "Minimum qualification held",
    ),
    ("certifications.scope", "認証の範囲", "Scope"),
    (
        "certifications.scope_hint",
        "認証の対象となる組織・拠点・サービス。",
        "The organisation, sites and services the certificate covers.",
    ),
    ("certifications.status", "状態", "Status"),
    (
        "certifications.valid_from",
        "有効期間の開始日",
        "Valid from",
    ),
    ("certifications.valid_to", "有効期限", "Valid until"),
    (
        "chain.assess",
        "この医療機関等について判定",
        "Assess for this institution",
    ),
    ("chain.assessment", "提供形態の判定", "Provision form"),
    (
        "chain.back_to_offering",
        "提供サービスに戻る",
        "Back to the offering",
    ),
    ("chain.bearer", "義務を負う当事者", "Borne by"),
    ("chain.case", "ケース", "Case"),
    (
        "chain.components",
        "構成要素の一覧（図の内容）",
        "Components (the diagram as a table)",
    ),
    ("chain.diagram_link", "図", "Diagram"),
    ("chain.duty", "義務", "Duty"),
    ("chain.edge.contract_holder", "契約:", "Contract:"),
    (
        "chain.edge.contracts",
        "契約（提供サービスの利用）",
        "Contracts the offering",
    ),
    ("chain.edge.selected_by", "選定:", "selected by"),
    (
        "chain.error.already_agreed",
        "この版にはすでに合意しています。",
        "You have already agreed to this version.",
    ),
    (
        "chain.error.answer",
        "提供した情報を入力してください（GL 4.1）。",
        "Give the information disclosed (GL 4.1).",
    ),
    (
        "chain.error.auditor_only",
        "監査人の資格は外部監査の場合のみ指定します。",
        "The auditor's qualification applies only to an external audit.",
    ),
    (
        "chain.error.certificate_dates",
        "有効期限が有効期間の開始日より前になっています。",
        "The certificate expires before it becomes valid.",
    ),
    (
        "chain.error.cycle",
        "供給元の提供サービスはすでにこの提供サービスを利用しているため、この供給関係を登録するとサプライチェーンが循環します。",
        "The supplier's offering already builds on this offering; the link would form a cycle in the supply chain.",
    ),
    (
        "chain.error.duty_key",
        "義務のキーは英小文字・数字・「.」「_」「-」の1〜100文字です。",
        "A duty key is 1–100 characters of a–z, 0–9, `.`, `_` and `-`.",
    ),
    (
        "chain.error.duty_title",
        "既定の一覧にない義務には名称が必要です。",
        "A duty outside the default catalogue needs a title.",
    ),
    (
        "chain.error.duty_twice",
        "同じフェーズの同じ義務が2回指定されています。義務ごとに責任を負う当事者は一つです（GL 3.2）。",
        "The same duty of a phase is given twice; every duty has exactly one responsible party (GL 3.2).",
    ),
    (
        "chain.error.equivalent_only",
        "認証の名称は「その他の同等の第三者認証」の場合のみ入力します。",
        "The name applies only to another equivalent certification.",
    ),
    (
        "chain.error.erasure_certificate",
        "医療情報を格納していた機器の廃棄には、読み出し不能の証明書（番号等）が必要です（別紙2 ③-8）。",
        "A device that stored medical information needs the certificate that its data can no longer be read (別紙2 ③-8).",
    ),
    (
        "chain.error.internal_parties",
        "内部的な合意では、義務は事業者又は委託先事業者（相手方）のみが負います（FAQ 3.1）。",
        "An internal agreement gives duties only to the provider or its subcontractor, the counterparty (FAQ 3.1).",
    ),
    (
        "chain.error.item",
        "項目を指定してください（表4-1の項目、又は追加の項目名）。",
        "Name the item (a Table 4-1 item or your own extra item).",
    ),
    (
        "chain.error.name_subcontractor",
        "委託先事業者に義務を割り当てる前に、委託先事業者として追加してください。",
        "Name the subcontractor before making it responsible for a duty.",
    ),
    (
        "chain.error.no_contract",
        "この医療機関等には、この提供サービスの契約がありません。",
        "This institution has no contract for this offering.",
    ),
    (
        "chain.error.no_duties",
        "合意には、責任を負う当事者を定めた義務が少なくとも一つ必要です（GL 3.2）。",
        "An agreement needs at least one duty with its responsible party (GL 3.2).",
    ),
    (
        "chain.error.not_party",
        "合意できるのは、合意の両当事者の利用者のみです。",
        "Only users of the two parties to the agreement can agree to it.",
    ),
    (
        "chain.error.own_offering",
        "自組織の提供サービスを選んでください。",
        "Choose one of your own offerings.",
    ),
    (
        "chain.error.self_supply",
        "提供サービスは自らの供給元にはなれません。",
        "An offering cannot supply itself.",
    ),
    (
        "chain.error.serial_required",
        "シリアル番号は必須です。台帳は機器をシリアル番号で確認します（FAQ 6.1 (エ)）。",
        "The serial number is required: the ledger identifies each device by it (FAQ 6.1 (エ)).",
    ),
    (
        "chain.error.serial_taken",
        "このシリアル番号の機器はすでに台帳にあります。",
        "A device with this serial number is already in the ledger.",
    ),
    (
        "chain.error.stale_digest",
        "表示した後に内容が変わりました。最新の版を確認してから合意してください。",
        "The content changed since it was shown; review the current version and agree to it.",
    ),
    (
        "chain.error.subcontractor_needed",
        "内部的な合意には委託先事業者を指定してください（FAQ 3.1）。",
        "An internal agreement names the subcontractor (FAQ 3.1).",
    ),
    (
        "chain.error.summary",
        "変更の内容を入力してください。",
        "Say what changes.",
    ),
    (
        "chain.error.unchanged",
        "内容が変わっていないため、新しい版は作成されません。",
        "The content is unchanged, so no new version is made.",
    ),
    ("chain.form", "提供形態", "Provision form"),
    ("chain.institution", "医療機関等", "Institution"),
    (
        "chain.institution_hint",
        "この提供サービスを契約している医療機関等を選ぶと、提供形態（GL 2.2.1〜2.2.3）、構成要素ごとのリスクマネジメントの担い手と義務を表示します。",
        "Choose an institution that contracts this offering to see the provision form (GL 2.2.1–2.2.3), who manages each component's risks and the duties that follow.",
    ),
    ("chain.institution_none", "（選択しない）", "(none)"),
    (
        "chain.intro",
        "提供サービスの構成要素（アプリケーション・プラットフォーム・インフラ、A1〜I2）と、それを提供する事業者、誰が選定し誰が契約しているかを示します（GL 2.2、FAQ 2.1）。",
        "The offering's components (application, platform, infrastructure; A1–I2), the providers that supply them, who selected them and who holds the contract (GL 2.2, FAQ 2.1).",
    ),
    ("chain.known", "把握している", "Known"),
    (
        "chain.legend.application",
        "アプリケーション層の構成要素（A1・A2）",
        "Application-layer component (A1, A2)",
    ),
    (
        "chain.legend.infrastructure",
        "インフラ層の構成要素（I1・I2）",
        "Infrastructure-layer component (I1, I2)",
    ),
    (
        "chain.legend.institution",
        "医療機関等",
        "Medical institution",
    ),
    (
        "chain.legend.link",
        "利用する構成要素（ラベル: 選定した者・契約している者）",
        "Uses the component (label: who selected it, who holds the contract)",
    ),
    (
        "chain.legend.offering",
        "対象の提供サービスと対象事業者（事業者A）",
        "The offering and its provider (A)",
    ),
    (
        "chain.legend.platform",
        "プラットフォーム層の構成要素（P1・P2）",
        "Platform-layer component (P1, P2)",
    ),
    (
        "chain.legend.unknown",
        "破線: 不明なインフラ等（事業者Aが把握していない、FAQ 2.1）",
        "Dashed: unknown infrastructure (not known to A, FAQ 2.1)",
    ),
    ("chain.level", "階層", "Level"),
    ("chain.level_of_rule", "区分", "Level"),
    ("chain.managed.by", "リスク管理:", "Risks managed by"),
    (
        "chain.managed.institution",
        "医療機関等が確認（GL 2.2.3）",
        "the institution, which confirms them (GL 2.2.3)",
    ),
    (
        "chain.managed.provider",
        "事業者A（GL 2.2.2）",
        "provider A (GL 2.2.2)",
    ),
    (
        "chain.managed_by",
        "リスクマネジメントの担い手",
        "Risks managed by",
    ),
    (
        "chain.network",
        "地域医療情報連携ネットワークの運営主体としての義務（FAQ 2.2）",
        "Duties as a regional network operator (FAQ 2.2)",
    ),
    (
        "chain.network.no_duties",
        "FAQ 2.2 による義務はありません。",
        "FAQ 2.2 gives it no duties.",
    ),
    (
        "chain.network.not_target",
        "調整のみを行う運営主体として、本ガイドラインの対象事業者ではありません（FAQ 2.2）。",
        "As an operator that only coordinates, it is not a target provider under this guideline (FAQ 2.2).",
    ),
    (
        "chain.network.target",
        "医療情報の管理を委託されている運営主体として、本ガイドラインの対象事業者です（FAQ 2.2）。",
        "As an operator entrusted with managing medical information, it is a target provider under this guideline (FAQ 2.2).",
    ),
    (
        "chain.no_components",
        "他の事業者が提供する構成要素は登録されていません（単独の事業者による提供、GL 2.2.1）。",
        "No component supplied by another provider is recorded (one provider, GL 2.2.1).",
    ),
    ("chain.reference", "参照", "Reference"),
    ("chain.rule", "内容", "Rule"),
    (
        "chain.supplier_offering",
        "供給元の提供サービス",
        "Supplier's offering",
    ),
    (
        "chain.svg_description",
        "提供サービスのサプライチェーン図。上から医療機関等、提供サービスと対象事業者、その構成要素、さらにその先の構成要素の順に並び、線のラベルは選定した者と契約している者を示します。破線は不明なインフラ等です。",
        "The supply chain of the offering: the institution, the offering and its provider, its components, and their components further down; edge labels show who selected the supplier and who holds the contract; dashed means unknown infrastructure.",
    ),
    (
        "chain.table_alternative",
        "同じ内容を下の表に示しています。",
        "The table below gives the same information.",
    ),
    ("chain.title", "サプライチェーン図", "Supply chain diagram"),
    ("chain.towards", "相手方", "Towards"),
    (
        "chain.unknown_explained",
        "事業者Aが把握していない構成要素です。事業者Aはリスクを説明し、責任の範囲を明確にし、医療機関等と合意形成してから提供する必要があります（FAQ 2.1）。",
        "A does not know this component: it must explain the risks, state the scope of its responsibility and reach agreement with the institution before providing (FAQ 2.1).",
    ),
    (
        "chain.unknown_marker",
        "不明なインフラ等",
        "Unknown infrastructure",
    ),
    ("chain.unnamed_offering", "提供サービス", "Offering"),
    ("chain.unnamed_org", "組織", "Organisation"),
    ("chain.used_by", "利用する提供サービス", "Used by"),
    ("chain.visibility", "事業者Aによる把握", "Known to A"),
    ("checklist.answer", "回答する", "Answer"),
    (
        "checklist.changes",
        "前の版（{previous}）からの変更 — 追加: {added} ／ 削除: {removed} ／ 文言変更: {reworded}",
        "Changes since the previous edition ({previous}) — added: {added} / removed: {removed} / reworded: {reworded}",
    ),
    (
        "checklist.choose_file",
        "ファイルを選択してください。",
        "Choose a file.",
    ),
    ("checklist.col.answered_by", "回答者・回答元", "Answered by"),
    ("checklist.col.checked_on", "確認日", "Date checked"),
    ("checklist.col.evidence", "根拠・証跡", "Evidence"),
    ("checklist.col.key", "項番", "No."),
    ("checklist.col.reply", "回答", "Answer"),
    (
        "checklist.col.target_on",
        "目標日（いいえの場合）",
        "Target date (for No)",
    ),
    ("checklist.col.title", "確認項目", "Item"),
    (
        "checklist.edition_file",
        "版のファイル（TOML）",
        "Edition file (TOML)",
    ),
    (
        "checklist.edition_heading",
        "新しい年度の版を取り込む",
        "Import a new fiscal year's edition",
    ),
    (
        "checklist.edition_import",
        "版を取り込む",
        "Import the edition",
    ),
    (
        "checklist.edition_imported",
        "チェックリスト {label} を取り込みました。再回答が必要なサービス: {count} 件。",
        "Imported checklist edition {label}. Offerings to answer again: {count}.",
    ),
    (
        "checklist.edition_intro",
        "チェックリストは年度ごとに改訂され、項番も変わります。厚生労働省の事業者確認用チェックリストを catalogs/mhlw-checklist-provider.toml と同じ形式（version に R8 や FY2026）で取り込むと、変更点と再回答が必要なサービスが示されます。",
        "The checklist is revised every fiscal year and its numbering changes. Import the MHLW provider version in the format of catalogs/mhlw-checklist-provider.toml (version R8, FY2026 …) to see what changed and which offerings must answer again.",
    ),
    ("checklist.editions", "版", "Editions"),
    (
        "checklist.export_hint",
        "チェックリストの様式（XLSX・PDF）は文書として発行します。XLSX に記入して下で取り込めます。",
        "The checklist in its layout (XLSX, PDF) is issued as a document; fill in the XLSX and import it below.",
    ),
    (
        "checklist.file",
        "記入済みのチェックリスト（XLSX）",
        "Filled-in checklist (XLSX)",
    ),
    (
        "checklist.fiscal_year",
        "令和{reiwa}年度（{year}年4月〜翌年3月）",
        "fiscal year {year} (April {year} to March of the next year)",
    ),
    ("checklist.import", "取り込む", "Import"),
    (
        "checklist.import_heading",
        "記入済みのチェックリストを取り込む",
        "Import a filled-in checklist",
    ),
    (
        "checklist.imported",
        "チェックリストの回答を取り込みました。",
        "The checklist answers were imported.",
    ),
    (
        "checklist.intro",
        "医療機関等は事業者確認用チェックリストをシステムごとに送付し、事業者は各項目に「はい／いいえ」と確認日を回答します。「いいえ」には年度内の目標日を記入します（厚生労働省 チェックリストマニュアル）。anzenの記録（機器台帳・運用管理規程）から判定できる項目はその旨を示して回答し、担当者の回答が優先されます。",
        "The institution sends the provider version of the checklist for each system; the provider answers each item Yes or No with the date checked, and gives a target date within the fiscal year for each No (MHLW checklist manual). Items anzen can judge from its records (the device ledger, the operational rules) are answered from them and marked so; a person's answer takes precedence.",
    ),
    (
        "checklist.progress",
        "{items} 項目中 {answered} 項目回答（いいえ {no} 項目、目標日未記入 {open_targets} 項目）",
        "{answered} of {items} items answered ({no} No, {open_targets} without a target date)",
    ),
    (
        "checklist.reanswer",
        "新しい年度の版が取り込まれました。このサービスは前の版に回答しているため、この版に改めて回答してください。",
        "A new fiscal year's edition was imported. This offering answered the previous edition: answer this one again.",
    ),
    ("checklist.reply.no", "いいえ", "No"),
    ("checklist.reply.yes", "はい", "Yes"),
    ("checklist.save", "保存", "Save"),
    ("checklist.short", "チェックリスト", "MHLW checklist"),
    (
        "checklist.source.data",
        "anzenの記録から判定",
        "Judged from anzen's records",
    ),
    (
        "checklist.source.person",
        "担当者の回答",
        "Answered by a person",
    ),
    (
        "checklist.target_hint",
        "「いいえ」の場合は必須。チェックリストの年度内の日付。",
        "Required for No: a date within the checklist's fiscal year.",
    ),
    (
        "checklist.title",
        "サイバーセキュリティ対策チェックリスト（事業者確認用）",
        "MHLW cybersecurity checklist (provider version)",
    ),
    (
        "checklist.to_documents",
        "文書の発行へ",
        "Go to the documents",
    ),
    ("checklist.unanswered", "未回答", "Not answered"),
    ("common.actions", "操作", "Actions"),
    ("common.details", "詳細", "Details"),
    ("common.no", "いいえ", "No"),
    ("common.none", "なし", "None"),
    ("common.yes", "はい", "Yes"),
    ("contracts.add", "契約を登録", "Add contract"),
    (
        "contracts.date_hint",
        "YYYY-MM-DD 形式（例：2026-04-01）。",
        "As YYYY-MM-DD (e.g. 2026-04-01).",
    ),
    ("contracts.ending_soon", "まもなく終了", "Ending soon"),
    ("contracts.ends_on", "終了日", "Ends on"),
    (
        "contracts.ends_on_hint",
        "YYYY-MM-DD 形式。期間の定めがない場合は空欄。",
        "As YYYY-MM-DD. Leave empty for an open-ended contract.",
    ),
    ("contracts.entered_date", "入力された日付", "Date entered"),
    ("contracts.institution", "医療機関等", "Medical institution"),
    ("contracts.kind", "契約の種類", "Kind of contract"),
    (
        "contracts.kind_hint",
        "提供・運用管理・保守の契約が「契約等」に当たります。売買契約のみでは当たりません（FAQ 1）。",
        "Provision, operation and maintenance contracts are contracts in the FAQ's sense; a sale alone is not (FAQ 1).",
    ),
    (
        "contracts.no_institutions",
        "登録できる医療機関等がありません。先に組織を登録してください。",
        "There is no medical institution to choose. Register the organisation first.",
    ),
    (
        "contracts.no_offerings",
        "契約の対象にできる提供サービスがありません。先にスコープ判定ウィザードで登録してください。",
        "There is no offering to choose. Assess and save one with the scope wizard first.",
    ),
    ("contracts.offering", "提供サービス", "Offering"),
    ("contracts.open_ended", "定めなし", "Open-ended"),
    ("contracts.period", "契約期間", "Period"),
    ("contracts.provider", "提供事業者", "Provider"),
    ("contracts.reference", "契約番号等", "Reference"),
    ("contracts.starts_on", "開始日", "Starts on"),
    (
        "controls.builtin_warning",
        "この版は内蔵の一部抜粋（英語の要約）で、別紙2の原文ではありません。適用宣言書として使う前に、公式の別紙2（xlsx）を取り込んでください。",
        "This version is the built-in partial list (English paraphrases), not the wording of Appendix 2. Import the official Appendix 2 (xlsx) before relying on this statement of applicability.",
    ),
    (
        "controls.catalogue.builtin",
        "内蔵・一部のみ（要約）",
        "built-in, partial paraphrase",
    ),
    (
        "controls.catalogue.imported",
        "取込み日時・実施者",
        "Imported",
    ),
    ("controls.catalogue.items", "項目数", "Items"),
    ("controls.catalogue.latest", "最新", "latest"),
    ("controls.catalogue.source", "ファイル", "File"),
    (
        "controls.catalogue.title",
        "別紙2の版",
        "Appendix 2 version",
    ),
    (
        "controls.catalogues.intro",
        "別紙2（統合前ガイドラインにおける対策項目一覧）の版です。取り込んだ版は変更されず、同じファイル（SHA-256）を再度取り込んでも何も変わりません。新しい版を取り込むと、前の版との差分と、見直すべき記述・リスクが示されます（FAQ 5.3、5.4）。",
        "The versions of Appendix 2 (the control items of the former guidelines). An imported version never changes, and importing the same file (SHA-256) again changes nothing. A new version shows what changed against the previous one and the statements and risks to review (FAQ 5.3, 5.4).",
    ),
    (
        "controls.catalogues.title",
        "別紙2の版",
        "Appendix 2 versions",
    ),
    (
        "controls.col.catalogue_version",
        "別紙2の版",
        "Appendix 2 version",
    ),
    (
        "controls.col.details",
        "理由・方法・証跡",
        "Justification, how, evidence",
    ),
    ("controls.col.heading", "区分・表題", "Category / title"),
    ("controls.col.key", "項番", "Key"),
    ("controls.col.kind", "種類", "Kind"),
    ("controls.col.origin", "本文の種類", "Text"),
    ("controls.col.risks", "関連するリスク", "Linked risks"),
    ("controls.col.state", "記述の状態", "Statement state"),
    ("controls.col.stated", "記述者・日時", "Stated by, when"),
    ("controls.col.stated_at", "記述日時", "Stated at"),
    ("controls.col.stated_by", "記述者", "Stated by"),
    ("controls.col.status", "適用状況", "Status"),
    ("controls.col.text", "内容", "Control text"),
    ("controls.col.version", "版", "Version"),
    (
        "controls.conflict",
        "この記述は表示した後に変更されました。最新の内容を確認してから保存し直してください。",
        "The statement changed after you opened it; check the current version and save again.",
    ),
    ("controls.count.stated", "記述あり", "Stated"),
    ("controls.desirable", "望ましい", "desirable"),
    ("controls.edit", "変更", "Change"),
    (
        "controls.error.accepted_risk",
        "制度上の要求事項は、受容したリスクを根拠にできません。法令は一律に満たす必要があります（FAQ 7-R1）。",
        "A regulatory requirement cannot rest on an accepted risk: laws must be met uniformly, whatever the risk analysis says (FAQ 7-R1).",
    ),
    (
        "controls.error.by",
        "実施予定日を記載してください。実施までは未採用として扱います（FAQ 5.3-R7）。",
        "Give the date by which the control will be in place (FAQ 5.3-R7: until then it is not adopted).",
    ),
    (
        "controls.error.control_description",
        "対策の内容を記載してください（FAQ 5.3）。",
        "Say what the control does (FAQ 5.3).",
    ),
    (
        "controls.error.evidence",
        "対策が実施されている証跡を記載してください（FAQ 5.3-R3）。",
        "Name the evidence that the control is in place (FAQ 5.3-R3).",
    ),
    (
        "controls.error.finding",
        "法令がこの提供サービスに及ばないことの検討結果を記録してください（FAQ 7-R1）。",
        "Record the documented finding that the law does not reach this offering (FAQ 7-R1).",
    ),
    (
        "controls.error.how",
        "実施方法を記載してください。別紙2は最低限の確認であり、リスクマネジメントを通じて実施します（FAQ 5.3-R3）。",
        "Say how the control is implemented (FAQ 5.3-R3: Appendix 2 is the minimum check, made through risk management).",
    ),
    (
        "controls.error.legal_basis",
        "適用範囲からこの提供サービスを除外する法令・通知を記載してください（FAQ 7.1-R2）。",
        "Name the law or notice whose scope excludes the offering (FAQ 7.1-R2).",
    ),
    (
        "controls.error.no_risk",
        "この提供サービスに該当するリスクがありません。",
        "No such risk on this offering.",
    ),
    (
        "controls.error.not_a_field",
        "この状態では使わない項目です。",
        "This field does not belong to the chosen status.",
    ),
    (
        "controls.error.regulatory_only_status",
        "この状態は第6章の制度上の要求事項にのみ使えます（FAQ 7）。提供サービスに関係しない対策項目は、理由を付けて「適用しない」としてください（FAQ 5.3-R7）。",
        "This status is only for chapter 6 regulatory requirements (FAQ 7); a control that does not concern the offering is `not applicable` with its reason (FAQ 5.3-R7).",
    ),
    (
        "controls.error.regulatory_status",
        "制度上の要求事項は「適用しない」「代替」にできません。法令は一律に満たす必要があり、リスク分析で免除できません（FAQ 7-R1）。法令上対象外の場合は、検討結果と法的根拠を付けて「法令上適用外」としてください。",
        "A regulatory requirement cannot be `not applicable` or `alternative`: laws must be met uniformly, whatever the risk analysis says (FAQ 7-R1); the only way out is `legally not applicable` with the finding and its legal basis.",
    ),
    (
        "controls.error.what",
        "代替の対策の内容を記載してください。別紙2以外の対策は内容の説明が必要です（FAQ 5.3-R4、5.3-R7）。",
        "Describe the measure: a measure outside Appendix 2 must be described (FAQ 5.3-R4, 5.3-R7).",
    ),
    (
        "controls.error.why",
        "適用しない理由を記載してください。採用しない場合は、システムに関係しない項目であるなど合理的な理由が必要です（FAQ 5.3-R7）。",
        "Give the reason: not adopting a control needs a reasonable reason, e.g. the item does not concern the system (FAQ 5.3-R7).",
    ),
    (
        "controls.error.why_equivalent",
        "代替の対策が同等である理由を記載してください。採用しない場合は合理的な理由が必要です（FAQ 5.3-R7）。",
        "Say why the alternative is equivalent: not adopting a control needs a reasonable reason (FAQ 5.3-R7).",
    ),
    (
        "controls.field.alt_what",
        "代替策の内容",
        "The alternative measure",
    ),
    ("controls.field.by", "対応予定日", "To be in place by"),
    ("controls.field.evidence", "証跡", "Evidence"),
    (
        "controls.field.finding",
        "法令が及ばないとする判断",
        "Finding that the law does not reach the offering",
    ),
    ("controls.field.how", "実施方法", "How it is implemented"),
    (
        "controls.field.legal_basis",
        "根拠となる法令・通知",
        "Legal basis",
    ),
    (
        "controls.field.plan_what",
        "予定している対策",
        "What will be put in place",
    ),
    (
        "controls.field.why",
        "適用しない理由",
        "Why it does not apply",
    ),
    (
        "controls.field.why_equivalent",
        "同等とする理由",
        "Why it is equivalent",
    ),
    ("controls.form.if_adopted", "「採用」の場合", "If adopted"),
    (
        "controls.form.if_alternative",
        "「代替策」の場合",
        "If an alternative measure",
    ),
    (
        "controls.form.if_legally_not_applicable",
        "「法令上の適用なし」の場合",
        "If legally not applicable",
    ),
    (
        "controls.form.if_not_applicable",
        "「適用外」の場合",
        "If not applicable",
    ),
    (
        "controls.form.if_planned",
        "「対応予定」の場合",
        "If planned",
    ),
    (
        "controls.form.intro",
        "適用状況を選び、その状況に必要な記載をすべて入力してください。採用しない場合は合理的な理由が必要です（FAQ 5.3）。選んだ状況以外の欄は保存されません。",
        "Choose the status and fill in every text it needs. Not adopting a control needs a reasonable reason (FAQ 5.3). Fields of other statuses are not saved.",
    ),
    (
        "controls.hint.evidence",
        "規程、設定記録、点検記録など",
        "Rules, configuration records, inspection logs, …",
    ),
    (
        "controls.hint.finding",
        "例：このサービスは保存義務のある文書を保存しない",
        "E.g. the service stores no document with a storage duty",
    ),
    (
        "controls.hint.how",
        "どの仕組み・手順で実施しているか",
        "Which mechanism or procedure implements it",
    ),
    (
        "controls.hint.risks",
        "この記述の根拠となるリスク（このサービスのもの）。制度上の要求事項は、受容したリスクに依拠できません（FAQ 7）。",
        "The risks of this offering the statement rests on. A regulatory requirement cannot rest on an accepted risk (FAQ 7).",
    ),
    (
        "controls.hint.why",
        "例：この項目が想定するシステム構成を持たない",
        "E.g. the offering has no component the item is about",
    ),
    (
        "controls.hint.why_equivalent",
        "リスク分析に基づき、同等の効果がある理由",
        "Why it is as effective, based on the risk analysis",
    ),
    ("controls.history", "記述の履歴", "History"),
    (
        "controls.import.already",
        "この版は取込み済みです（変更なし）",
        "Already imported, nothing changed:",
    ),
    (
        "controls.import.choose_file",
        "取り込むファイル（.xlsx または .csv）を選んでください",
        "Choose the file to import (.xlsx or .csv)",
    ),
    ("controls.import.column", "列", "column"),
    ("controls.import.done", "取り込みました", "Imported"),
    ("controls.import.file", "ファイル全体", "Whole file"),
    (
        "controls.import.file_hint",
        "公式の別紙2（.xlsx）、またはPDFのみの版のためのCSVテンプレート（UTF-8）",
        "The official Appendix 2 workbook (.xlsx), or the CSV template (UTF-8) for releases published only as a PDF",
    ),
    (
        "controls.import.file_label",
        "別紙2のファイル",
        "Appendix 2 file",
    ),
    ("controls.import.header", "列見出し", "Column"),
    (
        "controls.import.heading",
        "新しい版を取り込む",
        "Import a new version",
    ),
    (
        "controls.import.intro",
        "誤りのある行が1行でもあれば、何も取り込まれず、すべての誤りが行・列ごとに表示されます。",
        "If any row is wrong, nothing is imported and every error is listed by row and column.",
    ),
    ("controls.import.message", "内容", "Problem"),
    ("controls.import.place", "場所", "Where"),
    (
        "controls.import.refused",
        "ファイルは取り込まれませんでした",
        "The file was not imported",
    ),
    ("controls.import.row", "行", "row"),
    ("controls.import.submit", "取り込む", "Import"),
    (
        "controls.no_risks",
        "このサービスのリスクはまだありません。",
        "This offering has no risks yet.",
    ),
    (
        "controls.offering_link",
        "対策項目の適用状況",
        "Statement of applicability",
    ),
    (
        "controls.paraphrase_note",
        "内蔵の要約です。原文は公式の別紙2を確認してください。",
        "anzen's paraphrase; check the official Appendix 2 for the wording.",
    ),
    (
        "controls.provider.add",
        "独自の対策を追加",
        "Add a control of your own",
    ),
    (
        "controls.provider.description_hint",
        "この対策が何をするか",
        "What the control does",
    ),
    (
        "controls.provider.empty",
        "事業者独自の対策はまだありません。",
        "No controls of your own yet.",
    ),
    (
        "controls.provider.intro",
        "別紙2にない対策も、リスク分析の結果として採用できます（FAQ 5.3）。ここで定義した対策は、各サービスの適用宣言書に表示されます。",
        "Measures outside Appendix 2 may be adopted when the risk analysis supports them (FAQ 5.3). The controls defined here appear in every offering's statement table.",
    ),
    (
        "controls.provider.key_hint",
        "英数字と . _ - （例：SAKURA-01）",
        "Letters, digits, . _ - (e.g. SAKURA-01)",
    ),
    (
        "controls.provider.title",
        "事業者独自の対策",
        "Provider controls",
    ),
    (
        "controls.regulatory.all_met",
        "満たしていない制度上の要求事項はありません。",
        "Every regulatory requirement is met.",
    ),
    (
        "controls.regulatory.intro",
        "第6章の制度上の要求事項は、リスク分析の結果にかかわらず一律に満たす必要があります。「適用外」やリスク受容で済ませることはできません（FAQ 7）。",
        "The chapter 6 regulatory requirements must be met uniformly, whatever the risk analysis says; they cannot be closed as not applicable or by accepting a risk (FAQ 7).",
    ),
    ("controls.regulatory.reason", "理由", "Why not met"),
    (
        "controls.regulatory.rule",
        "制度上の要求事項には「適用外」を選べません。法令そのものが及ばない場合に限り、その判断と根拠を記録して「法令上の適用なし」とします（FAQ 7）。",
        "A regulatory requirement cannot be marked not applicable. Only when the law itself does not reach the offering, record that finding and its legal basis as legally not applicable (FAQ 7).",
    ),
    (
        "controls.regulatory.title",
        "満たしていない制度上の要求事項",
        "Regulatory requirements not met",
    ),
    (
        "controls.regulatory.unmet",
        "満たしていない要求事項",
        "Not met",
    ),
    (
        "controls.report.dropped",
        "読み飛ばした行（ページ見出し等）",
        "Rows left out (page headers and footers)",
    ),
    (
        "controls.report.expected",
        "公称の項目数（未確認）",
        "Claimed total (unverified)",
    ),
    ("controls.report.gaps", "番号の抜け", "Numbering gaps"),
    ("controls.report.heading", "取込みの報告", "Import report"),
    (
        "controls.report.references",
        "関連する要求事項",
        "MHLW references",
    ),
    ("controls.report.sheet", "シート", "Sheet"),
    ("controls.report.warnings", "警告", "Warnings"),
    (
        "controls.report.without_mhlw",
        "関連する要求事項のない項目",
        "Items without a related MHLW requirement",
    ),
    ("controls.review.added", "追加", "added"),
    (
        "controls.review.against",
        "前の版との差分",
        "Against the previous version",
    ),
    ("controls.review.changed", "変更", "changed"),
    (
        "controls.review.heading",
        "差分と見直し",
        "Changes and what to review",
    ),
    (
        "controls.review.moved",
        "移動の可能性（要確認）",
        "Possibly moved (confirm by hand)",
    ),
    ("controls.review.nothing", "ありません。", "None."),
    ("controls.review.removed", "削除", "removed"),
    ("controls.review.risks", "見直すリスク", "Risks to review"),
    (
        "controls.review.statements",
        "見直す記述",
        "Statements to review",
    ),
    ("controls.review.unchanged", "変更なし", "unchanged"),
    ("controls.risk_accepted", "受容", "accepted"),
    ("controls.saved", "記述を保存しました", "Statement saved"),
    (
        "controls.section.appendix2",
        "別紙2の対策項目",
        "Appendix 2 controls",
    ),
    (
        "controls.section.provider",
        "事業者独自の対策",
        "Provider controls",
    ),
    (
        "controls.section.regulatory",
        "制度上の要求事項（第6章）",
        "Regulatory requirements (chapter 6)",
    ),
    ("controls.state.carried", "前の版から引継ぎ", "Carried over"),
    ("controls.state.none", "記述なし", "No statement yet"),
    ("controls.state.to_review", "要見直し", "To review"),
    ("controls.state_it", "記述する", "State"),
    ("controls.statement.title", "適用状況の記述", "Statement"),
    (
        "controls.table.intro",
        "このサービスについて、別紙2の各対策項目、事業者独自の対策、制度上の要求事項ごとに、採用・代替策・適用外・対応予定を記述します（ISMSの適用宣言書と同様、FAQ 5.3）。",
        "For this offering, state per Appendix 2 control, provider control and regulatory requirement whether it is adopted, replaced by an alternative, not applicable or planned (like an ISMS statement of applicability, FAQ 5.3).",
    ),
    (
        "controls.table.title",
        "適用宣言書",
        "Statement of applicability",
    ),
    ("controls.version", "版", "version"),
    (
        "dashboard.audit_heading",
        "最近の監査証跡",
        "Latest audit trail entries",
    ),
    (
        "dashboard.audit_more",
        "監査証跡をすべて表示",
        "Show the whole audit trail",
    ),
    (
        "dashboard.certification_warnings",
        "認証の確認が必要です（GL 4.4、FAQ 4.2）",
        "Certifications need attention (GL 4.4, FAQ 4.2)",
    ),
    ("dashboard.contracts", "契約", "Contracts"),
    (
        "dashboard.contracts_ending",
        "90日以内に終了する契約",
        "Contracts ending within 90 days",
    ),
    (
        "dashboard.empty.contracts",
        "契約はまだ登録されていません。医療機関等との契約を登録すると、提供事業者としての義務の範囲が明確になります。",
        "No contracts yet. Record your contracts with medical institutions to make your obligations as a provider clear.",
    ),
    (
        "dashboard.empty.offerings",
        "提供サービスはまだありません。まずスコープ判定ウィザードで、提供サービスがガイドラインの対象かどうかを判定しましょう。",
        "No offerings yet. Start with the scope wizard to find out whether your offering is in the guideline's scope.",
    ),
    (
        "dashboard.empty.offerings_read_only",
        "表示できる提供サービスはまだありません。",
        "There are no offerings for you to see yet.",
    ),
    (
        "dashboard.ending_heading",
        "まもなく終了する契約（90日以内）",
        "Contracts ending soon (within 90 days)",
    ),
    (
        "dashboard.none_ending",
        "90日以内に終了する契約はありません。",
        "No contract ends within the next 90 days.",
    ),
    (
        "dashboard.notifications_unacknowledged",
        "未確認の変更通知",
        "Unacknowledged change notices",
    ),
    (
        "dashboard.offerings_in_scope",
        "対象の提供サービス",
        "Offerings in scope",
    ),
    (
        "dashboard.offerings_out_of_scope",
        "対象外の提供サービス",
        "Offerings out of scope",
    ),
    ("dashboard.organisations", "組織", "Organisations"),
    (
        "dashboard.own_disclosures",
        "事業者から提供された情報（表4-1）",
        "Information disclosed to you (Table 4-1)",
    ),
    (
        "dashboard.regulatory_unmet",
        "満たしていない制度上の要求事項",
        "Regulatory requirements not met",
    ),
    (
        "dashboard.risks_awaiting_consent",
        "同意待ちのリスク",
        "Risks awaiting consent",
    ),
    (
        "dashboard.risks_declined",
        "医療機関等が同意しなかったリスク（回答待ち）",
        "Risks declined by an institution (answer awaited)",
    ),
    (
        "dashboard.risks_flagged",
        "見直しの印が付いたリスク",
        "Risks marked for review",
    ),
    (
        "dashboard.risks_re_consent",
        "再同意が必要なリスク",
        "Risks needing re-consent",
    ),
    (
        "dashboard.risks_reopened",
        "対応の再決定が必要なリスク",
        "Risks whose treatment no longer meets the criterion",
    ),
    (
        "dashboard.risks_residual_pending",
        "残存リスクの合意待ちのリスク",
        "Risks whose residual risk awaits agreement",
    ),
    (
        "dashboard.risks_review_overdue",
        "見直し期限を過ぎたリスク",
        "Risk reviews overdue",
    ),
    ("dashboard.summary", "概要", "Summary"),
    ("devices.add", "機器を登録", "Add a device"),
    ("devices.all_places", "すべて", "All"),
    (
        "devices.by_kind",
        "種類別（使用中）",
        "By kind (in service)",
    ),
    ("devices.disposal", "廃棄", "Disposal"),
    (
        "devices.disposal_state",
        "使用・廃棄",
        "In service or disposed",
    ),
    ("devices.dispose", "廃棄を記録", "Record disposal"),
    ("devices.disposed", "廃棄済み", "Disposed"),
    ("devices.disposed_any", "すべて", "All"),
    (
        "devices.disposed_flash",
        "廃棄を記録しました:",
        "Disposal recorded:",
    ),
    ("devices.disposed_on", "廃棄日", "Disposed on"),
    ("devices.edit", "機器を編集", "Edit device"),
    ("devices.encryption", "暗号化", "Encryption"),
    (
        "devices.erasure_certificate",
        "読み出し不能の証明書",
        "Erasure certificate",
    ),
    (
        "devices.erasure_certificate_hint",
        "媒体を廃棄した証明書の番号等（別紙2 ③-8）。医療情報を格納していた機器では必須です。",
        "The reference of the certificate that the media can no longer be read (別紙2 ③-8); required for a device that stored medical information.",
    ),
    (
        "devices.erasure_required",
        "この機器は医療情報を格納しています。廃棄には読み出し不能の証明書が必要です（別紙2 ③-8）。",
        "This device stores medical information: its disposal needs the certificate that its data can no longer be read (別紙2 ③-8).",
    ),
    (
        "devices.form_intro",
        "配布・管理する機器（専用PC端末、タブレット、ネットワーク機器等）を台帳に記録します（FAQ 6.1 (エ)）。",
        "Record the devices you hand out or manage (dedicated PCs, tablets, network devices…) in the ledger (FAQ 6.1 (エ)).",
    ),
    ("devices.holder", "管理者・保有者", "Holder"),
    ("devices.in_service", "使用中", "In service"),
    ("devices.institution", "設置先", "Deployed at"),
    (
        "devices.institution_hint",
        "機器を設置・配布した医療機関等。自社内の機器は空欄にします。",
        "The institution the device is deployed at; leave empty for your own premises.",
    ),
    (
        "devices.intro",
        "配布・管理する機器の台帳と、設置先ごとの台数です（FAQ 6.1 (エ)）。",
        "The ledger of the devices you hand out or manage, and the counts per place (FAQ 6.1 (エ)).",
    ),
    ("devices.kind", "種類", "Kind"),
    ("devices.location", "設置場所", "Location"),
    ("devices.location_hint", "拠点・部屋など。", "Site, room."),
    ("devices.method", "廃棄の方法", "Method"),
    ("devices.model", "機種", "Model"),
    (
        "devices.none",
        "台帳に機器はありません。",
        "No device in the ledger.",
    ),
    (
        "devices.os_firmware",
        "OS・ファームウェア",
        "OS or firmware",
    ),
    (
        "devices.os_firmware_hint",
        "名称とバージョン。",
        "Name and version.",
    ),
    ("devices.own_premises", "自社", "Own premises"),
    (
        "devices.permitted_use",
        "利用場所の限定",
        "Where it may be used",
    ),
    (
        "devices.permitted_use_hint",
        "配布した端末を利用してよい場所（FAQ 6.1）。",
        "Where a device handed out may be used (FAQ 6.1).",
    ),
    ("devices.serial", "シリアル番号", "Serial number"),
    (
        "devices.serial_hint",
        "台数の確認に使います（必須）。",
        "Used for the stocktake (required).",
    ),
    (
        "devices.stocktake",
        "台数の確認（設置先ごと）",
        "Stocktake (per place)",
    ),
    (
        "devices.stocktake_intro",
        "棚卸しで照合する台数です（FAQ 6.1）。",
        "The counts to check at the stocktake (FAQ 6.1).",
    ),
    (
        "devices.stores_medical_information",
        "医療情報を格納する",
        "Stores medical information",
    ),
    (
        "devices.storing",
        "医療情報を格納",
        "Storing medical information",
    ),
    ("devices.support_ended", "サポート終了", "Support ended"),
    (
        "devices.support_ends_on",
        "サポート終了日",
        "Support ends on",
    ),
    ("devices.warnings", "注意", "Warnings"),
    ("disclosures.answer", "提供した内容", "What was disclosed"),
    (
        "disclosures.answer_hint",
        "医療機関等に提供した情報を記録します。anzen が回答できる項目は提案が入ります。",
        "Record the information given. Items anzen can answer come pre-filled with its suggestion.",
    ),
    ("disclosures.at", "提供日時", "When"),
    ("disclosures.by", "提供者", "By"),
    ("disclosures.by_hand", "手入力", "By hand"),
    ("disclosures.extra", "追加の項目名", "Extra item"),
    (
        "disclosures.extra_hint",
        "表4-1以外の項目を提供した場合に名称を入力します（FAQ 4.1）。",
        "The name of an item beyond Table 4-1 (FAQ 4.1).",
    ),
    (
        "disclosures.extra_item",
        "表4-1以外の追加項目",
        "An extra item beyond Table 4-1",
    ),
    (
        "disclosures.history",
        "提供の履歴",
        "What was disclosed, and when",
    ),
    (
        "disclosures.intro",
        "表4-1の項目を、初期段階（目的①）と契約段階（目的②）に分けて示します（GL 4.1、FAQ 4.1）。",
        "The Table 4-1 items for the early stage (purpose ①) and the contract stage (purpose ②) (GL 4.1, FAQ 4.1).",
    ),
    ("disclosures.item", "項目", "Item"),
    (
        "disclosures.item_hint",
        "表4-1の項目、又は追加の項目。",
        "A Table 4-1 item, or an extra one.",
    ),
    ("disclosures.last", "最後に提供した内容", "Last disclosed"),
    (
        "disclosures.none",
        "まだ提供の記録はありません。",
        "Nothing has been disclosed yet.",
    ),
    ("disclosures.not_yet", "未提供", "Not yet"),
    ("disclosures.record", "提供を記録", "Record"),
    (
        "disclosures.record_heading",
        "提供した情報を記録",
        "Record what was disclosed",
    ),
    (
        "disclosures.recorded",
        "提供を記録しました:",
        "Disclosure recorded:",
    ),
    ("disclosures.stage", "段階", "Stage"),
    (
        "disclosures.stage.contract",
        "② 契約段階（目的②）",
        "② Contract stage (purpose ②)",
    ),
    (
        "disclosures.stage.early",
        "① 初期段階（目的①）",
        "① Early stage (purpose ①)",
    ),
    ("disclosures.stage.extra", "追加の項目", "Extra item"),
    (
        "disclosures.suggested",
        "anzen の提案",
        "anzen's suggestion",
    ),
    (
        "disclosures.title",
        "医療機関等への情報提供",
        "Disclosure to the institution",
    ),
    (
        "documents.all_institutions",
        "全医療機関",
        "Every institution",
    ),
    (
        "documents.all_link",
        "発行した文書の一覧と検証へ",
        "All issued documents and verification",
    ),
    ("documents.audit_entry", "監査証跡", "Audit entry"),
    (
        "documents.changed",
        "前回から変更",
        "Changed since the last issue",
    ),
    (
        "documents.changes",
        "前回発行からの変更",
        "Changes since the last issue",
    ),
    (
        "documents.empty",
        "まだ文書を発行していません。種類と形式を選んで発行すると、ここに記録されます。",
        "No document issued yet. Choose a kind and a format and issue one: it is recorded here.",
    ),
    ("documents.first_issue", "初回発行", "First issue"),
    ("documents.format", "形式", "Format"),
    (
        "documents.format.docx",
        "DOCX（Word、編集用）",
        "DOCX (Word, for editing)",
    ),
    ("documents.format.pdf", "PDF", "PDF"),
    (
        "documents.format.xlsx",
        "XLSX（Excel、表計算用）",
        "XLSX (Excel, for spreadsheets)",
    ),
    ("documents.from", "開始日", "From"),
    (
        "documents.institution",
        "対象の医療機関等",
        "For institution",
    ),
    (
        "documents.intro",
        "医療機関等に渡す文書を、いまのデータから PDF・DOCX・XLSX で発行します。発行ごとに文書番号とファイルの SHA-256 を監査証跡に記録します（GL 第3・4・6章）。",
        "Issue the documents given to medical institutions from the current data as PDF, DOCX or XLSX. Each issue's number and file SHA-256 are recorded in the audit trail (GL ch. 3, 4, 6).",
    ),
    (
        "documents.issue",
        "発行してダウンロード",
        "Issue and download",
    ),
    (
        "documents.issue_background",
        "バックグラウンドで発行（進捗を表示）",
        "Issue in the background (with progress)",
    ),
    (
        "documents.issue_hint",
        "大きな文書（リスク300件、別紙2の全対策項目）の PDF は、作成に数秒かかることがあります。",
        "The PDF of a large document (300 risks, every Appendix 2 control) can take a few seconds to make.",
    ),
    ("documents.issued", "発行した文書", "Issued documents"),
    ("documents.issued_at", "発行日時", "Issued at"),
    ("documents.issued_by", "発行者", "Issued by"),
    ("documents.job.download", "ダウンロード", "Download"),
    ("documents.job.elapsed", "{seconds} 秒", "{seconds} s"),
    ("documents.job.elapsed_label", "経過時間", "Elapsed"),
    (
        "documents.job.rendering_hint",
        "この画面は1秒ごとに更新されます。生成が終わるとダウンロードできます。",
        "This page refreshes every second; the download appears once the document is ready.",
    ),
    ("documents.job.state", "状態", "State"),
    ("documents.job.state.done", "発行済み", "Issued"),
    (
        "documents.job.state.failed",
        "発行されませんでした",
        "Not issued",
    ),
    ("documents.job.state.rendering", "生成中", "Generating"),
    ("documents.job.title", "文書の生成", "Document generation"),
    (
        "documents.job.to_list",
        "発行済み文書の一覧へ",
        "To the issued documents",
    ),
    ("documents.kind", "文書の種類", "Kind of document"),
    (
        "documents.list_intro",
        "発行した文書と、手元のファイルがその発行物そのものかどうかの検証です。医療機関等の利用者には自機関向けの文書だけが表示されます。",
        "The documents issued, and a check of whether a file is exactly one of them. An institution's users see only the documents issued for their institution.",
    ),
    (
        "documents.needs_institution",
        "医療機関等を選択",
        "choose an institution",
    ),
    (
        "documents.no_change",
        "前回から変更なし",
        "No change since the last issue",
    ),
    ("documents.number", "文書番号", "Document number"),
    ("documents.offering", "サービス", "Offering"),
    (
        "documents.period",
        "監査証跡抜粋の期間",
        "Period of the audit-trail excerpt",
    ),
    (
        "documents.period_hint",
        "監査証跡抜粋のときだけ使います。空欄なら全期間です。",
        "Used for the audit-trail excerpt only. Leave empty for the whole trail.",
    ),
    ("documents.title", "文書", "Documents"),
    ("documents.to", "終了日", "To"),
    (
        "documents.verify.choose_file",
        "検証するファイルを選択してください。",
        "Choose the file to check.",
    ),
    (
        "documents.verify.file",
        "検証するファイル（PDF・DOCX・XLSX）",
        "File to check (PDF, DOCX, XLSX)",
    ),
    ("documents.verify.heading", "ファイルの検証", "Check a file"),
    (
        "documents.verify.intro",
        "受け取った文書が anzen の発行物そのもの（1バイトも変わっていない）かを、SHA-256 で確かめます。",
        "Checks by SHA-256 whether a document you hold is exactly one anzen issued (not one byte changed).",
    ),
    (
        "documents.verify.issued",
        "このファイルは anzen が発行した文書そのものです。",
        "This file is exactly a document anzen issued.",
    ),
    (
        "documents.verify.not_issued",
        "このファイルは発行記録にありません（変更されたか、別のファイルです）。",
        "This file is not in the register of issues (it was changed, or it is another file).",
    ),
    ("documents.verify.submit", "検証する", "Check"),
    ("documents.version", "版", "Version"),
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
    ("error.busy", "混み合っています", "The system is busy"),
    (
        "error.busy_message",
        "データベースが混み合っているため、処理を行いませんでした（何も保存されていません）。少し待ってから、もう一度お試しください。",
        "The database is busy, so nothing was done (nothing was saved). Please wait a moment and try again.",
    ),
    (
        "error.csrf",
        "フォームを確認できませんでした。ページを再読み込みしてから、もう一度お試しください。",
        "The form could not be verified. Please reload the page and try again.",
    ),
    ("error.field.accepted", "使用できる値", "Accepted values"),
    (
        "error.field.access_until_required",
        "監査人にはアクセス期限（最終日、YYYY-MM-DD）が必要です。",
        "An auditor's access must end: give the last day (YYYY-MM-DD).",
    ),
    (
        "error.field.auditors_only",
        "アクセス期限は監査人にのみ設定できます。",
        "An access end applies to auditors only.",
    ),
    (
        "error.field.date",
        "日付として読めません。YYYY-MM-DD 形式（例：2026-04-01）で入力してください。",
        "This is not a date. Use the form YYYY-MM-DD, e.g. 2026-04-01.",
    ),
    (
        "error.field.days",
        "1から366までの日数を入力してください。",
        "Enter a number of days between 1 and 366.",
    ),
    (
        "error.field.ends_before_start",
        "終了日が開始日より前になっています。",
        "The end date is before the start date.",
    ),
    (
        "error.field.institution_kind",
        "医療機関等の場合は種別を選んでください。",
        "Choose the kind of medical institution.",
    ),
    (
        "error.field.institution_kind_other",
        "医療機関等の種別は、組織の種類が医療機関等の場合にのみ選べます。",
        "The institution kind applies only to medical institutions.",
    ),
    (
        "error.field.one_line",
        "改行や制御文字を含まない1行で入力してください。",
        "Enter one line without line breaks or control characters.",
    ),
    (
        "error.field.own_supplier",
        "自社を自社サービスの供給元にはできません。自社で用意する構成要素はA2/P2/I2を使ってください。",
        "A provider cannot supply its own offering; use A2, P2 or I2 for components it prepares itself.",
    ),
    (
        "error.field.password_common",
        "よく使われるパスワードで、攻撃者が最初に試すものです。別のパスワードにしてください（大文字・小文字の違いや末尾の数字・記号だけでは区別されません）。",
        "This is a commonly used password that attackers try first; choose another (a change of case or digits and symbols added at the end do not make it different).",
    ),
    (
        "error.field.password_contains_login",
        "ログインIDを含むパスワードは使えません。",
        "The password must not contain the login id.",
    ),
    (
        "error.field.password_current",
        "現在のパスワードが正しくありません。",
        "This is not your current password.",
    ),
    (
        "error.field.password_login",
        "ログインIDと異なるパスワードにしてください。",
        "The password must differ from the login id.",
    ),
    (
        "error.field.password_repeated",
        "同じ文字の繰り返しは使えません。",
        "The password must not be one repeated character.",
    ),
    (
        "error.field.password_same",
        "現在のパスワードと異なるパスワードにしてください。",
        "The new password must differ from the current one.",
    ),
    (
        "error.field.password_short",
        "12文字以上で入力してください。",
        "Enter at least 12 characters.",
    ),
    (
        "error.field.past",
        "過去の日付は指定できません。",
        "The date must not be in the past.",
    ),
    (
        "error.field.required",
        "入力してください。",
        "This is required.",
    ),
    (
        "error.field.role_fit",
        "この組織の種類には選べない役割です。",
        "This role does not fit the organisation's kind.",
    ),
    (
        "error.field.taken",
        "すでに使われています。",
        "This is already taken.",
    ),
    ("error.field.too_long", "長すぎます。", "This is too long."),
    (
        "error.field.unknown_id",
        "選択された項目が見つかりません。一覧から選び直してください。",
        "The chosen item was not found. Choose again from the list.",
    ),
    (
        "error.field.unknown_offering",
        "選択された提供サービスが見つかりません。一覧から選び直してください。",
        "The chosen offering was not found. Choose again from the list.",
    ),
    (
        "error.field.unknown_value",
        "選択肢にない値です。",
        "This is not one of the choices.",
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
    ("evaluations.add", "評価を記録", "Record an evaluation"),
    ("evaluations.availability", "可用性", "Availability"),
    ("evaluations.confidentiality", "機密性", "Confidentiality"),
    (
        "evaluations.control_key",
        "別紙2の対策項目",
        "Appendix 2 control",
    ),
    (
        "evaluations.empty",
        "安全管理に係る評価はまだ記録されていません。",
        "No safety evaluation has been recorded yet.",
    ),
    ("evaluations.evaluated_on", "評価日", "Evaluated on"),
    ("evaluations.evaluator", "評価者", "Evaluator"),
    (
        "evaluations.evaluator_type",
        "評価者の種別",
        "Evaluator type",
    ),
    (
        "evaluations.evaluator_type_hint",
        "業務担当者による自己評価は客観性が低くなります。独立した内部監査部門又は第三者による評価が望まれます（GL 4.3）。",
        "A self-assessment by the staff who do the work is less objective; an independent internal audit or a third party is desirable (GL 4.3).",
    ),
    ("evaluations.finding_text", "指摘事項", "Finding"),
    ("evaluations.findings", "指摘事項", "Findings"),
    (
        "evaluations.findings_hint",
        "最大5件まで入力できます。空欄の行は無視されます。",
        "Up to five; blank rows are ignored.",
    ),
    ("evaluations.impact", "影響度", "Impact"),
    ("evaluations.integrity", "完全性", "Integrity"),
    (
        "evaluations.intro",
        "提供サービスの安全管理に係る評価の結果を記録し、医療機関等に提供します（GL 4.3、表4-1 ②-4）。最新の評価が②-4の回答案になります。",
        "Record the results of evaluating the offering's safety management and give them to the institutions (GL 4.3, Table 4-1 ②-4). The latest evaluation becomes the suggested answer to ②-4.",
    ),
    ("evaluations.latest", "最新", "Latest"),
    ("evaluations.likelihood", "顕在化率", "Likelihood"),
    ("evaluations.no_finding", "（指摘なし）", "(no finding)"),
    (
        "evaluations.no_findings",
        "指摘事項はありません。",
        "No findings.",
    ),
    (
        "evaluations.organisation",
        "評価機関",
        "Evaluating organisation",
    ),
    (
        "evaluations.organisation_hint",
        "外部評価の場合は必須です（第三者の名称）。内部評価では空欄にしてください。",
        "Required for an external evaluation (the third party); leave empty for an internal one.",
    ),
    ("evaluations.planned_by", "対応予定日", "Planned by"),
    (
        "evaluations.raise_risk",
        "リスクとして登録",
        "Raise as a risk",
    ),
    (
        "evaluations.raise_statement",
        "別紙2 対応予定として登録",
        "Raise a planned Appendix 2 statement",
    ),
    (
        "evaluations.raised_risk",
        "リスクとして登録済み",
        "Raised as a risk",
    ),
    (
        "evaluations.raised_statement",
        "対応予定として登録済み:",
        "Planned statement raised:",
    ),
    ("evaluations.result", "総合結果", "Overall result"),
    (
        "evaluations.result_hint",
        "総合結果は指摘事項と整合している必要があります（適合: 是正を要する指摘なし、概ね適合: 軽微以上の指摘あり、不適合: 重大な指摘あり）。",
        "The result must agree with the findings (satisfactory: nothing to correct; with findings: at least a minor finding; unsatisfactory: a major finding).",
    ),
    ("evaluations.save", "評価を記録", "Record the evaluation"),
    ("evaluations.scope", "評価範囲", "Scope"),
    ("evaluations.severity", "重要度", "Severity"),
    ("evaluations.summary", "概要", "Summary"),
    (
        "evaluations.title",
        "安全管理に係る評価（GL 4.3）",
        "Safety evaluations (GL 4.3)",
    ),
    (
        "exemption.basis",
        "適用除外の根拠",
        "Basis of the exemption",
    ),
    (
        "exemption.basis_hint",
        "適用除外となるのは「医療情報を直接取り扱わない」場合のみです（GL 4.4、FAQ 4.2）。他の根拠も記録できますが、適用除外にはなりません。",
        "Only \"does not handle medical information directly\" exempts (GL 4.4, FAQ 4.2). Other grounds can be recorded but exempt nothing.",
    ),
    (
        "exemption.caveat",
        "プライバシーマーク・ISMS等の認証は最低限の適格性を示すものにすぎず、適用除外であっても本ガイドラインの安全管理（リスクマネジメント）は求められます（FAQ 4.2）。",
        "A certificate such as the Privacy Mark or ISMS only shows a minimum qualification; exempt or not, the guideline's safety management (risk management) is still required (FAQ 4.2).",
    ),
    (
        "exemption.heading",
        "第三者認証の取得要件の適用除外（GL 4.4）",
        "Exemption from the certification requirement (GL 4.4)",
    ),
    (
        "exemption.intro",
        "医療情報を直接取り扱わない事業者は、プライバシーマーク認定・ISMS認証の取得要件が適用されない理由を記録できます。記録と変更は監査証跡に残ります。",
        "A provider that does not handle medical information directly can record why the Privacy Mark / ISMS requirement does not apply to it. Every record and change is kept in the audit trail.",
    ),
    (
        "exemption.not_effective",
        "適用除外にならない",
        "Does not exempt",
    ),
    ("exemption.reason", "理由", "Reason"),
    (
        "exemption.reason_hint",
        "提供している資源・役務と、医療情報に触れない理由を具体的に書いてください。",
        "Describe the resources or services you provide and why they never touch medical information.",
    ),
    ("exemption.recorded", "適用除外の記録", "Recorded exemption"),
    ("exemption.save", "適用除外を記録", "Record the exemption"),
    (
        "exemption.withdraw",
        "適用除外を取り下げる",
        "Withdraw the exemption",
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
        "flash.mfa_optional",
        "多要素認証を任意に戻しました（管理者は引き続き必須です）。",
        "Multi-factor authentication is optional again (administrators still need it).",
    ),
    (
        "flash.mfa_required",
        "組織の全員に多要素認証を必須にしました。未設定の利用者は次回ログイン時に設定します。",
        "Multi-factor authentication is now required of every member; those without it set it up at their next sign-in.",
    ),
    (
        "flash.password_changed",
        "パスワードを変更しました。ほかの端末・ブラウザーのセッションはサインアウトされました。",
        "Your password has been changed; your sessions on other devices and browsers were signed out.",
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
        "flash.verdict_saved",
        "判定結果を保存しました。",
        "The verdict has been saved.",
    ),
    (
        "footer.note",
        "anzen — 医療情報システムの安全管理のためのセルフホスト型ツール",
        "anzen — a self-hosted tool for the safety management of medical information systems",
    ),
    ("form.choose", "選択してください", "Choose"),
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
    (
        "import.limit.cell_length",
        "{place}セルの文字数が{limit}文字を超えています（上限 {limit}文字）",
        "{place}A cell holds more than {limit} characters (limit {limit} characters)",
    ),
    (
        "import.limit.cells",
        "{place}値のあるセルまたは共有文字列が{limit}個を超えています（上限 {limit}セル）",
        "{place}The table has more than {limit} filled cells or shared strings (limit {limit} cells)",
    ),
    (
        "import.limit.columns",
        "{place}列数が{limit}列を超えています（上限 {limit}列）",
        "{place}The table has more than {limit} columns (limit {limit} columns)",
    ),
    (
        "import.limit.concurrent",
        "ほかに{limit}件の取込みを読み取り中です。しばらくしてからやり直してください（同時に{limit}件まで）",
        "{limit} imports are being read already; try again in a minute (limit {limit} at a time)",
    ),
    (
        "import.limit.expanded",
        "ワークブックを展開すると{limit}を超えます（上限 {limit}）",
        "The workbook expands to more than {limit} (limit {limit})",
    ),
    (
        "import.limit.file_size",
        "ファイルが{limit}を超えています（上限 {limit}）",
        "The file is larger than {limit} (limit {limit})",
    ),
    (
        "import.limit.part_size",
        "ワークブックの部品 {part} を展開すると{limit}を超えます（上限 {limit}）",
        "The part {part} of the workbook expands to more than {limit} (limit {limit})",
    ),
    (
        "import.limit.parts",
        "ワークブックの部品が{limit}個を超えています（上限 {limit}個）",
        "The workbook has more than {limit} parts (limit {limit})",
    ),
    (
        "import.limit.ratio",
        "ワークブックの部品 {part} の展開後の大きさが圧縮時の{limit}を超えます。zip爆弾と同じ形です（上限 {limit}）",
        "The part {part} is compressed more than {limit}, as a zip bomb is (limit {limit})",
    ),
    (
        "import.limit.rows",
        "{place}行数が{limit}行を超えています（上限 {limit}行）",
        "{place}The table has more than {limit} rows (limit {limit} rows)",
    ),
    ("import.limit.sheet", "シート", "sheet"),
    (
        "import.limit.text",
        "セルの文字の合計が{limit}を超えています（上限 {limit}）",
        "The cells hold more than {limit} of text (limit {limit})",
    ),
    (
        "import.limit.time",
        "ファイルの読み取りに{limit}以上かかりました（上限 {limit}）",
        "Reading the file took longer than {limit} (limit {limit})",
    ),
    (
        "incidents.acknowledge",
        "報告の受領を確認する",
        "Acknowledge the report",
    ),
    ("incidents.acknowledged", "受領確認済み", "Acknowledged"),
    (
        "incidents.acknowledged_done",
        "報告の受領を記録しました。",
        "The acknowledgement was recorded.",
    ),
    ("incidents.acknowledgement", "受領確認", "Acknowledgement"),
    (
        "incidents.affected",
        "影響を受ける医療機関等",
        "Affected institutions",
    ),
    (
        "incidents.affected_hint",
        "この提供サービスを契約している医療機関等から選びます。選んだ医療機関等だけに通知（画面とメール）されます（ガイドライン 3.2 危機管理対応時）。",
        "Choose among the institutions contracting this offering; only those chosen are notified, in anzen and by mail (GL 3.2 crisis response).",
    ),
    (
        "incidents.agree",
        "再発防止策に合意する",
        "Agree to the prevention measures",
    ),
    (
        "incidents.all_link",
        "すべてのインシデント",
        "All incidents",
    ),
    (
        "incidents.answer",
        "再発防止策への回答",
        "Answer to the prevention measures",
    ),
    (
        "incidents.answer_hint",
        "表示中の再発防止策に、貴医療機関等として合意するか、理由を添えて合意しないと回答してください（ガイドライン 3.2 危機管理対応時）。",
        "Agree to the prevention measures shown, for your institution, or decline them with your reason (GL 3.2 crisis response).",
    ),
    (
        "incidents.answered_done",
        "再発防止策への回答を記録しました。",
        "Your answer to the prevention measures was recorded.",
    ),
    ("incidents.availability", "可用性", "Availability"),
    ("incidents.cause_unknown", "調査中", "Under investigation"),
    ("incidents.close", "終結する", "Close"),
    (
        "incidents.close_hint",
        "原因と再発防止策を記載し、影響を受けたすべての医療機関等が現在の再発防止策に合意すると終結できます（ガイドライン 3.2 危機管理対応時）。",
        "An incident closes once its cause and prevention measures are recorded and every affected institution agreed to the measures as they stand (GL 3.2 crisis response).",
    ),
    ("incidents.closed_at", "終結", "Closed"),
    (
        "incidents.closed_done",
        "インシデントを終結しました。",
        "The incident was closed.",
    ),
    ("incidents.confidentiality", "機密性", "Confidentiality"),
    ("incidents.decline", "合意しない", "Decline"),
    (
        "incidents.decline_reason",
        "合意しない理由",
        "Why you decline",
    ),
    ("incidents.detected_at", "検知日時", "Detected at"),
    (
        "incidents.empty",
        "インシデントの記録はありません。",
        "No incidents recorded.",
    ),
    (
        "incidents.field.actions",
        "対応（善後策）と復旧の見通し",
        "Actions taken and recovery outlook",
    ),
    ("incidents.field.cause", "原因", "Cause"),
    (
        "incidents.field.description",
        "発生した事象と影響範囲",
        "What happened and its scope",
    ),
    (
        "incidents.field.prevention",
        "再発防止策",
        "Prevention measures",
    ),
    ("incidents.field.title", "件名", "Title"),
    ("incidents.impact", "損なわれたもの", "What was harmed"),
    (
        "incidents.impact_hint",
        "機密性・完全性・可用性のうち、損なわれたものをすべて選びます。",
        "Choose everything harmed: confidentiality, integrity, availability.",
    ),
    ("incidents.incident", "インシデント", "Incident"),
    ("incidents.institution", "医療機関等", "Institution"),
    ("incidents.integrity", "完全性", "Integrity"),
    (
        "incidents.intro",
        "情報セキュリティ事故が発生したら、影響を受ける医療機関等にできる限り詳しく報告し、善後策を講じ、再発防止策を提案して合意します（ガイドライン 3.2 危機管理対応時）。記録すると、この提供サービスのリスクがすべて見直し対象になります（ガイドライン 5.1.7）。",
        "When an information-security incident happens, the provider reports it in as much detail as it can to the affected institutions, takes remedial actions, and proposes prevention measures for their agreement (GL 3.2 crisis response). Recording one marks every risk of the offering for review (GL 5.1.7).",
    ),
    (
        "incidents.no_institutions",
        "この提供サービスを契約している医療機関等はありません。",
        "No institution contracts this offering.",
    ),
    ("incidents.not_acknowledged", "未確認", "Not acknowledged"),
    ("incidents.not_answered", "未回答", "Not answered"),
    ("incidents.nothing_proposed", "未提案", "Not proposed yet"),
    ("incidents.occurred_at", "発生日時", "Occurred at"),
    ("incidents.offering", "提供サービス", "Offering"),
    (
        "incidents.parties_intro",
        "各医療機関等は自らの分だけを確認・回答します。医療機関等には他の医療機関等は表示されません。",
        "Each institution acknowledges and answers for itself only; an institution does not see the others.",
    ),
    (
        "incidents.prevention_hint",
        "原因を記載してから提案します。内容を変えると新しい版になり、医療機関等は改めて回答します。",
        "Record the cause first. A change makes a new version, which the institutions answer again.",
    ),
    ("incidents.reason", "理由", "Reason"),
    (
        "incidents.record",
        "インシデントを記録する",
        "Record an incident",
    ),
    (
        "incidents.record_hint",
        "記録すると影響を受ける医療機関等に通知され、この提供サービスのリスクが見直し対象になります。",
        "Recording notifies the affected institutions and marks the offering's risks for review.",
    ),
    ("incidents.recorded_by", "記録者", "Recorded by"),
    (
        "incidents.recorded_done",
        "インシデントを記録し、影響を受ける医療機関等に通知しました。通知先の数",
        "The incident was recorded and the affected institutions notified; institutions notified",
    ),
    ("incidents.status", "状況", "Status"),
    (
        "incidents.time_hint",
        "日本時間で入力します。",
        "In Japanese time.",
    ),
    ("incidents.title", "インシデント", "Incidents"),
    (
        "incidents.update",
        "対応・原因・再発防止策の更新",
        "Update actions, cause and prevention measures",
    ),
    (
        "incidents.update_hint",
        "更新すると影響を受ける医療機関等に通知されます。",
        "An update notifies the affected institutions.",
    ),
    (
        "incidents.updated_done",
        "インシデントを更新し、影響を受ける医療機関等に通知しました。",
        "The incident was updated and the affected institutions notified.",
    ),
    ("incidents.version", "版", "version"),
    ("lang.name.en", "英語", "English"),
    ("lang.name.ja", "日本語", "Japanese"),
    ("lang.switch", "表示言語", "Language"),
    ("list.range", "表示中", "Showing"),
    ("list.total", "件数", "Total"),
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
    ("nav.certifications", "認証", "Certifications"),
    ("nav.contracts", "契約", "Contracts"),
    ("nav.dashboard", "ダッシュボード", "Dashboard"),
    ("nav.devices", "機器台帳", "Device ledger"),
    ("nav.documents", "文書", "Documents"),
    ("nav.group.admin", "管理", "Administration"),
    (
        "nav.group.offerings",
        "サービスと契約",
        "Services & contracts",
    ),
    ("nav.group.risk", "リスク管理", "Risk management"),
    ("nav.group.supply_chain", "サプライチェーン", "Supply chain"),
    ("nav.notifications", "変更通知", "Change notices"),
    ("nav.offerings", "提供サービス", "Offerings"),
    ("nav.operational_rules", "運用管理規程", "Operational rules"),
    ("nav.organisations", "組織", "Organisations"),
    ("nav.risk_register", "リスク対応一覧", "Risk register"),
    ("nav.risks", "リスク管理", "Risks"),
    ("nav.sign_out", "ログアウト", "Sign out"),
    ("nav.signed_in_as", "ログイン中の利用者", "Signed in as"),
    ("nav.supply_chain", "サプライチェーン", "Supply chain"),
    ("nav.supply_links", "委託関係", "Supply links"),
    ("nav.users", "利用者", "Users"),
    ("notifications.acknowledge", "確認した", "Acknowledge"),
    ("notifications.acknowledged", "確認", "Acknowledged"),
    (
        "notifications.acknowledged_flash",
        "確認を記録しました。",
        "Acknowledged.",
    ),
    ("notifications.announce", "変更を通知", "Announce a change"),
    (
        "notifications.announce_intro",
        "提供サービス又は組織の変更を、サプライチェーン上で影響を受けるすべての関係者（その上に構築された提供サービスの事業者と、それを契約する医療機関等）に通知します（FAQ 2.1）。",
        "Announce a change of one of your offerings or of your organisation to every party it reaches through the chain (providers of offerings built on it, and the institutions contracting them) (FAQ 2.1).",
    ),
    (
        "notifications.announced",
        "変更を通知しました。通知先の組織数:",
        "Change announced. Organisations notified:",
    ),
    ("notifications.at", "日時", "When"),
    ("notifications.change", "変更", "Change"),
    (
        "notifications.change.contract",
        "契約の変更",
        "Contract changed",
    ),
    ("notifications.change.incident", "インシデント", "Incident"),
    (
        "notifications.change.offering",
        "提供サービスの変更",
        "Offering changed",
    ),
    (
        "notifications.change.organisation",
        "組織の変更",
        "Organisation changed",
    ),
    (
        "notifications.change.supply_link",
        "供給関係の変更",
        "Supply link changed",
    ),
    ("notifications.from", "変更元", "From"),
    (
        "notifications.intro",
        "サプライチェーン上の変更のうち、所属組織に影響するものです（FAQ 2.1）。",
        "Changes in the supply chain that reach your organisation (FAQ 2.1).",
    ),
    ("notifications.kind", "変更の対象", "What changes"),
    ("notifications.kind.offering", "提供サービス", "An offering"),
    (
        "notifications.kind.organisation",
        "組織全体",
        "The organisation",
    ),
    ("notifications.mail", "メール", "Mail"),
    ("notifications.mail.failed", "送信失敗", "Failed"),
    ("notifications.mail.none", "送信なし", "Not mailed"),
    ("notifications.mail.queued", "送信待ち", "Queued"),
    ("notifications.mail.sent", "送信済み", "Sent"),
    (
        "notifications.none",
        "変更通知はありません。",
        "No change notice.",
    ),
    (
        "notifications.not_acknowledged",
        "未確認",
        "Not acknowledged",
    ),
    ("notifications.offering", "提供サービス", "Offering"),
    (
        "notifications.offering_hint",
        "提供サービスの変更の場合に選びます。",
        "For a change of an offering.",
    ),
    ("notifications.received.title", "受信した通知", "Received"),
    ("notifications.send", "通知する", "Notify"),
    (
        "notifications.sent.acknowledged_count",
        "確認済み",
        "Acknowledged",
    ),
    ("notifications.sent.by", "送信者", "Sent by"),
    (
        "notifications.sent.intro",
        "所属組織が送った変更通知・インシデント報告と、通知先ごとの理由、メールの配信状況、確認の記録です（FAQ 2.1）。確認していない通知先には改めて連絡してください。",
        "The change notices and incident reports your organisation sent, with each recipient, why it was told, the mail delivery and its acknowledgement (FAQ 2.1). Follow up with recipients that have not acknowledged.",
    ),
    (
        "notifications.sent.no_recipients",
        "影響を受ける関係者がいなかったため、通知先はありません。",
        "No party was affected, so nobody was notified.",
    ),
    (
        "notifications.sent.none",
        "送信した通知はありません。提供サービスや組織の変更は「変更を通知」から関係者に知らせます。",
        "Your organisation has sent no notice. Announce a change of an offering or of your organisation with \"Announce a change\".",
    ),
    ("notifications.sent.recipient", "通知先", "Recipient"),
    ("notifications.sent.title", "送信した通知", "Sent"),
    ("notifications.sent.why", "通知の理由", "Why notified"),
    ("notifications.summary", "変更の内容", "What changes"),
    (
        "notifications.summary_hint",
        "影響を受ける関係者に伝わる内容です（500文字まで）。",
        "What the affected parties read (up to 500 characters).",
    ),
    ("notifications.tabs", "通知の表示", "Notification views"),
    ("notifications.unacknowledged", "未確認", "Unacknowledged"),
    ("notifications.why", "影響の理由", "Why you"),
    ("offerings.change", "変化", "Change"),
    (
        "offerings.decision_changed",
        "判定が変わりました",
        "Decision changed",
    ),
    ("offerings.description", "説明", "Description"),
    ("offerings.history", "判定履歴", "Verdict history"),
    ("offerings.name", "名称", "Name"),
    (
        "offerings.profile",
        "判定に用いた情報（スコーププロファイル）",
        "What the verdict is based on (scope profile)",
    ),
    ("offerings.provider", "提供事業者", "Provider"),
    (
        "offerings.reassess",
        "ウィザードで再判定",
        "Re-assess with the wizard",
    ),
    ("offerings.recorded_at", "判定日時", "Recorded"),
    ("offerings.recorded_by", "判定者", "Recorded by"),
    ("offerings.revision", "版", "Revision"),
    ("offerings.scope_all", "すべて", "All"),
    ("offerings.scope_filter", "判定", "Verdict"),
    ("offerings.search", "名称で検索", "Search by name"),
    ("offerings.updated_at", "更新日時", "Updated"),
    ("oprules.agree", "この版に合意する", "Agree to this version"),
    (
        "oprules.agreed_count",
        "合意した医療機関等",
        "Institutions agreed",
    ),
    (
        "oprules.agreed_flash",
        "この版への合意を記録しました",
        "Your agreement to this version is recorded",
    ),
    ("oprules.answer", "回答する", "Answer"),
    ("oprules.ask", "質問する", "Ask"),
    ("oprules.based_on", "元の版", "based on version"),
    ("oprules.current", "最新版", "Current"),
    ("oprules.decline", "合意しない", "Decline"),
    (
        "oprules.decline_reason",
        "合意しない理由（提供事業者が回答します）",
        "Why you do not agree (the provider answers)",
    ),
    (
        "oprules.edit_intro",
        "(ア)～(サ) の各事項は必須です。anzen のデータから下書きした事項は、出典を確認して編集してください。内容は医療機関等と両者が納得できる程度に具体的に記載します（GL 5.1.6 (2)、FAQ 6.1）。発行すると、対象の医療機関等に合意を求めます。",
        "Each item (ア)–(サ) is required. Check and edit the items drafted from anzen's data. Write them concretely enough for both parties to be satisfied (GL 5.1.6 (2), FAQ 6.1). Once issued, the institutions it covers are asked to agree.",
    ),
    (
        "oprules.empty",
        "運用管理規程はまだ発行されていません。提供事業者は「新しい版を作成」から、anzen のデータで下書きした規程を編集して発行できます。",
        "No operational rules have been issued yet. A provider starts from a draft filled from anzen's data with \"New version\".",
    ),
    (
        "oprules.extra",
        "追加の事項（任意）",
        "An additional item (optional)",
    ),
    ("oprules.extra_body", "本文", "Text"),
    (
        "oprules.extra_hint",
        "(ア)～(サ) は最低限の例であり、これに限りません（FAQ 6.1）。",
        "(ア)–(サ) are the minimum; add what your agreements need (FAQ 6.1).",
    ),
    ("oprules.extra_title", "表題", "Title"),
    ("oprules.institution", "医療機関等", "Institution"),
    (
        "oprules.institutions",
        "対象の医療機関等と合意の状況",
        "Institutions covered and their agreement",
    ),
    (
        "oprules.intro",
        "運用管理規程は、医療機関等と合意した結果を文書化したものです（GL 5.1.6 (2)、FAQ 6.1）。版ごとに、対象となる契約を持つ各医療機関等が内容（SHA-256）に合意し、合意しない場合は理由を、疑問があれば質問を記録し、提供事業者が回答します。",
        "The operational rules document what was agreed with the institutions (GL 5.1.6 (2), FAQ 6.1). Each institution whose contracts a version covers agrees to its exact content (SHA-256), or declines with a reason or asks; the provider answers.",
    ),
    ("oprules.issue", "この版を発行する", "Issue this version"),
    (
        "oprules.issued",
        "運用管理規程を発行しました",
        "Operational rules issued",
    ),
    ("oprules.issued_at", "発行日時", "Issued"),
    ("oprules.issued_by", "発行者", "Issued by"),
    (
        "oprules.items_empty",
        "リスク対応で貴医療機関等に割り当てられた対策はありません。",
        "No measure of a risk treatment is assigned to your institution.",
    ),
    (
        "oprules.items_heading",
        "貴医療機関等の運用管理規程に定める必要がある事項（表4-1 ②-3）",
        "What your own operational rules must include (Table 4-1 ②-3)",
    ),
    (
        "oprules.items_intro",
        "提供事業者のリスク対応で医療機関等が実施することとされた対策です（FAQ 5.2）。貴医療機関等の運用管理規程に定めてください。",
        "The measures the provider's risk treatments assign to your institution (FAQ 5.2). Put them into your own operational rules.",
    ),
    ("oprules.new", "新しい版を作成", "New version"),
    (
        "oprules.no_institutions",
        "この版の対象となる契約はありません。",
        "No contract is covered by this version.",
    ),
    (
        "oprules.no_responses",
        "まだ回答はありません。",
        "No response yet.",
    ),
    ("oprules.prefill", "下書きの出典", "Drafted from"),
    ("oprules.question", "質問", "Question"),
    ("oprules.recorded", "記録しました：", "Recorded:"),
    (
        "oprules.respond_heading",
        "この版への回答",
        "Your answer to this version",
    ),
    (
        "oprules.respond_intro",
        "表示している内容（SHA-256）に合意します。合意できない場合は理由を記載してください。提供事業者が回答するまで、同じ内容には合意できません（GL 5.1.6 (1)）。",
        "You agree to the content shown (its SHA-256). If you cannot agree, give your reason; until the provider answers, the same content cannot be agreed to (GL 5.1.6 (1)).",
    ),
    ("oprules.responses", "回答の履歴", "Responses"),
    ("oprules.scope", "対象", "Covers"),
    (
        "oprules.scope_general",
        "全提供サービス共通",
        "Every offering",
    ),
    (
        "oprules.scope_hint",
        "提供サービスごとに異なる規程を定めると、そのサービスの契約にはその規程が適用されます。",
        "Rules set for one offering apply to its contracts instead of the general rules.",
    ),
    ("oprules.standing", "状況", "Standing"),
    ("oprules.superseded", "旧版", "Superseded"),
    (
        "oprules.superseded_hint",
        "新しい版が発行されています。合意は最新版に対して行います。",
        "A newer version exists; agreement is given to the current version.",
    ),
    ("oprules.title", "運用管理規程", "Operational rules"),
    ("oprules.version", "版", "Version"),
    ("oprules.version_n", "第{n}版", "version {n}"),
    (
        "oprules.your_standing",
        "貴医療機関等の状況",
        "Your standing",
    ),
    ("orgs.add", "組織を登録", "Add organisation"),
    ("orgs.created_at", "登録日時", "Registered"),
    (
        "orgs.institution_kind",
        "医療機関等の種別",
        "Kind of medical institution",
    ),
    (
        "orgs.institution_kind_hint",
        "組織の種類が医療機関等の場合のみ選んでください。",
        "Only for medical institutions.",
    ),
    (
        "orgs.institution_kind_none",
        "—（医療機関等以外）",
        "— (not a medical institution)",
    ),
    ("orgs.kind", "組織の種類", "Kind"),
    ("orgs.name", "名称", "Name"),
    ("orgs.registered_by", "登録した組織", "Registered by"),
    ("pagination.current", "現在のページ", "Current page"),
    ("pagination.first", "最初のページ", "First page"),
    ("pagination.label", "ページ送り", "Pagination"),
    ("pagination.next", "次のページ", "Next page"),
    ("pagination.page", "ページ", "Page"),
    ("pagination.previous", "前のページ", "Previous page"),
    (
        "readiness.all_ready",
        "すべての契約で、提供前に必要な情報提供と合意が済んでいます。",
        "Every contract has the information and agreements it needs before providing.",
    ),
    (
        "readiness.heading",
        "提供前の合意（FAQ 2.1、6.1）",
        "Agree before providing (FAQ 2.1, 6.1)",
    ),
    (
        "readiness.intro",
        "契約ごとに、表4-1 の情報提供、責任分界表の合意、運用管理規程への合意、同意が必要なリスクへの同意がそろっているかを示します。未整備のまま開始した契約は監査証跡に記録されます。",
        "For each contract: the Table 4-1 information given, the responsibility matrix agreed, the operational rules agreed and every risk needing consent agreed. A contract started without them is recorded in the audit trail.",
    ),
    ("readiness.not_ready", "未整備", "Not ready"),
    (
        "readiness.started_unready",
        "未整備のまま開始",
        "Started without agreement",
    ),
    ("risks.assessed_at", "評価日時", "Assessed at"),
    ("risks.cia.availability", "可用性", "Availability"),
    ("risks.cia.confidentiality", "機密性", "Confidentiality"),
    ("risks.cia.integrity", "完全性", "Integrity"),
    (
        "risks.col.cia",
        "影響を受ける要素（機密性・完全性・可用性）",
        "What it harms (confidentiality, integrity, availability)",
    ),
    ("risks.col.id", "ID", "ID"),
    ("risks.col.impact", "影響度", "Impact"),
    ("risks.col.level", "リスクレベル", "Risk level"),
    ("risks.col.likelihood", "顕在化率", "Likelihood"),
    ("risks.col.matrix_version", "マトリクス版", "Matrix version"),
    ("risks.col.measures", "対策（実施者）", "Measures (owner)"),
    ("risks.col.next_review", "次回見直し", "Next review"),
    ("risks.col.offering", "提供サービス", "Offering"),
    ("risks.col.option", "リスク対応", "Treatment"),
    (
        "risks.col.residual_impact",
        "残存リスク 影響度",
        "Residual impact",
    ),
    ("risks.col.residual_level", "残存リスク", "Residual risk"),
    (
        "risks.col.residual_likelihood",
        "残存リスク 顕在化率",
        "Residual likelihood",
    ),
    ("risks.col.review_marks", "見直しの理由", "Review marks"),
    ("risks.col.revision", "版", "Revision"),
    ("risks.col.status", "状態", "Status"),
    ("risks.col.threat", "脅威", "Threat"),
    ("risks.col.title", "リスク", "Risk"),
    ("risks.col.updated_at", "更新日時", "Updated"),
    ("risks.col.vulnerability", "脆弱性", "Vulnerability"),
    ("risks.component.add", "構成要素を追加", "Add a component"),
    (
        "risks.component.country",
        "設置国（ISO コード）",
        "Country (ISO code)",
    ),
    (
        "risks.component.country_hint",
        "2 文字の ISO 3166-1 コード。例：JP（日本）、US（米国）。表4-1 ①-1・②-1・②-2 の回答に使います（GL 6.1）",
        "The two-letter ISO 3166-1 code, e.g. JP (Japan), US. It answers Table 4-1 ①-1, ②-1 and ②-2 (GL 6.1)",
    ),
    (
        "risks.component.holds_medical_info",
        "医療情報を保存する（表4-1 ①-1・②-1・②-2 の対象）",
        "Stores medical information (answers Table 4-1 ①-1, ②-1, ②-2)",
    ),
    (
        "risks.component.holds_medical_info_badge",
        "医療情報を保存",
        "Stores medical information",
    ),
    ("risks.component.kind", "種類", "Kind"),
    (
        "risks.component.location",
        "設置場所（地域）",
        "Location (region)",
    ),
    (
        "risks.component.location_hint",
        "例：IaaS 東京リージョン、事業者の開発拠点",
        "E.g. IaaS Tokyo region, the provider's development site",
    ),
    ("risks.component.name", "名称", "Name"),
    (
        "risks.component.name_hint",
        "例：診療録データベース、開発・保守用端末",
        "E.g. medical records database, maintenance terminal",
    ),
    (
        "risks.config.heading",
        "全体構成（構成要素）",
        "Configuration (components)",
    ),
    (
        "risks.config.none",
        "構成要素はまだ登録されていません。",
        "No components recorded yet.",
    ),
    (
        "risks.config.risks",
        "このサービスのリスク",
        "Risks of this offering",
    ),
    ("risks.consent.agreed", "同意済み", "Agreed"),
    (
        "risks.consent.agreed_already",
        "貴医療機関等は現在の内容に同意済みです。",
        "Your institution has agreed to the current content.",
    ),
    (
        "risks.consent.changed",
        "前回の同意の後に、提供事業者がリスクの内容（レベル、対応、対策、残存リスク、説明）を変更しました。変更後の内容を確認してください。",
        "The provider changed the risk (level, treatment, measures, residual risk or explanation) after you agreed. Please read the new content.",
    ),
    (
        "risks.consent.confirm",
        "上記の内容を確認し、同意する",
        "I have read the above and agree",
    ),
    (
        "risks.consent.confirm_hint",
        "同意は、この画面に表示された内容（リスク、検討した選択肢、残存リスク、選択の理由、貴医療機関等の対応事項）に対して記録されます。内容が変わると再度の同意が必要になります。",
        "Your agreement is recorded for exactly the content shown on this page (the risk, the options weighed, the residual risk, why this choice, your institution's duties). If it changes, you will be asked to agree again.",
    ),
    (
        "risks.consent.declined",
        "同意しない（回答待ち）",
        "Declined (answer awaited)",
    ),
    (
        "risks.consent.done",
        "同意を記録しました。",
        "Your agreement has been recorded.",
    ),
    ("risks.consent.heading", "同意", "Agreement"),
    (
        "risks.consent.institutions_only",
        "同意できるのは、このリスクが関わる医療機関等の確認者のみです。提供事業者が単独でリスク共有・受容を有効にすることはできません（FAQ 5.1）。",
        "Only a reviewer of an institution the risk touches can agree; the provider alone can never make sharing or accepting effective (FAQ 5.1).",
    ),
    (
        "risks.consent.intro",
        "提供事業者が特定・評価したリスクと、その対応についての説明です。内容を確認し、同意する場合は下のボタンを押してください（FAQ 5.1、5.2）。",
        "The provider's explanation of a risk it identified and evaluated, and of its treatment. Read it, and press the button below if you agree (FAQ 5.1, 5.2).",
    ),
    ("risks.consent.missing", "未同意", "Not agreed"),
    (
        "risks.consent.no_duties",
        "このリスクの対策で貴医療機関等が行うことはありません。",
        "None of this risk's measures falls to your institution.",
    ),
    (
        "risks.consent.not_affected",
        "このリスクは、現在有効な貴医療機関等の契約に関わるものではないため、同意は不要です。",
        "This risk does not touch a contract of your institution in force; no agreement is needed.",
    ),
    (
        "risks.consent.own_duties",
        "貴医療機関等にお願いする対応",
        "What your institution is asked to do",
    ),
    (
        "risks.consent.preview",
        "医療機関等に表示される説明を見る",
        "See what the institutions are shown",
    ),
    (
        "risks.consent.stale",
        "表示した後にリスクの内容が変更されました。新しい内容を確認してから、もう一度同意してください。",
        "The risk changed after this page was shown. Read the new content, then agree again.",
    ),
    (
        "risks.consent.title",
        "リスク対応の確認と同意",
        "Review and agree to a risk's treatment",
    ),
    ("risks.consents.at", "日時", "When"),
    (
        "risks.consents.content",
        "同意した内容",
        "Content agreed to",
    ),
    ("risks.consents.current", "現在の内容", "Current content"),
    (
        "risks.consents.digest",
        "内容のダイジェスト",
        "Content digest",
    ),
    (
        "risks.consents.none",
        "まだ同意はありません。",
        "No agreement yet.",
    ),
    (
        "risks.consents.superseded",
        "変更前の内容",
        "An earlier content",
    ),
    ("risks.consents.user", "同意した人", "Agreed by"),
    ("risks.criterion", "リスク基準", "Risk criterion"),
    ("risks.duties.duty", "対応事項", "Duty"),
    (
        "risks.duties.empty",
        "リスク対応で貴医療機関等にお願いしている事項はありません。",
        "No risk treatment asks anything of your institution.",
    ),
    (
        "risks.duties.intro",
        "提供事業者のリスク対応のうち、貴医療機関等が実施する対策の一覧です（FAQ 5.2）。",
        "The measures of the providers' risk treatments that your institution carries out (FAQ 5.2).",
    ),
    ("risks.duties.title", "当院の対応事項", "Our duties"),
    ("risks.effective", "対応が有効", "Treatment in effect"),
    (
        "risks.empty",
        "リスクはまだ登録されていません。",
        "No risks recorded yet.",
    ),
    (
        "risks.environment_hint",
        "開発・テスト環境も対象です（GL 5.2）。",
        "Development and test environments count too (GL 5.2).",
    ),
    (
        "risks.error.revision",
        "版が不正です。ページを開き直してください。",
        "The revision is not valid; open the page again.",
    ),
    (
        "risks.explanation.none",
        "説明はまだありません。",
        "No explanation yet.",
    ),
    ("risks.export_xlsx", "Excel（XLSX）出力", "Export XLSX"),
    ("risks.filter.any", "すべて", "All"),
    (
        "risks.filter.flagged",
        "見直しの印があるもの",
        "Marked for review",
    ),
    (
        "risks.filter.level",
        "リスクレベル（対応前）",
        "Risk level (before treatment)",
    ),
    (
        "risks.filter.residual_level",
        "残存リスクのレベル",
        "Residual level",
    ),
    ("risks.filter.review", "見直し", "Review"),
    (
        "risks.filter.review_due",
        "見直し時期が来ている",
        "Review due",
    ),
    (
        "risks.filter.review_overdue",
        "見直し期限を過ぎている",
        "Review overdue",
    ),
    (
        "risks.filter.search",
        "キーワード（リスク・脅威・脆弱性）",
        "Search risk, threat, vulnerability",
    ),
    ("risks.flow.add", "情報流を追加", "Add an information flow"),
    ("risks.flow.as_assessed", "評価時", "As assessed"),
    (
        "risks.flow.changed",
        "評価したときの情報の流れと現在の情報の流れ",
        "The information flow as assessed and as it is now",
    ),
    ("risks.flow.class", "情報の区分", "Class of information"),
    (
        "risks.flow.class_hint",
        "区分は影響度の目安になります（患者個人情報等は影響度が大きい）。",
        "The class guides the impact (patient personal information has a high impact).",
    ),
    (
        "risks.flow.components",
        "経由する構成要素",
        "Components it passes through",
    ),
    ("risks.flow.current", "現在", "Current"),
    (
        "risks.flow.device",
        "どの機器・媒体で",
        "On which device or medium",
    ),
    (
        "risks.flow.device_hint",
        "例：開発・保守用端末",
        "E.g. a development and maintenance terminal",
    ),
    (
        "risks.flow.edit",
        "情報の流れを変更",
        "Edit the information flow",
    ),
    (
        "risks.flow.edit_intro",
        "変更すると、この情報の流れで評価したリスクに見直しの印が付きます（ガイドライン 5.1.7）。リスクは再評価するまで、評価したときの情報の流れを保持します。",
        "Saving marks the risks assessed on this flow for review (GL 5.1.7). Until they are reassessed, they keep the flow as they were assessed on it.",
    ),
    ("risks.flow.environment", "環境", "Environment"),
    ("risks.flow.heading", "情報流", "Information flow"),
    ("risks.flow.how", "どう処理されるか", "How it is processed"),
    (
        "risks.flow.how_hint",
        "例：障害解析のため参照する",
        "E.g. read for fault analysis",
    ),
    (
        "risks.flow.intro",
        "情報流は「誰が、どこの・どこを、どの機器・媒体で、何を・何が、どう処理されるか」で記述します（GL 5.1.1、5.2）。",
        "Describe a flow by who, where, on which device or medium, what, and how it is processed (GL 5.1.1, 5.2).",
    ),
    (
        "risks.flow.marked",
        "見直しの印を付けたリスク:",
        "risks marked for review:",
    ),
    ("risks.flow.place", "どこの・どこを", "Where"),
    (
        "risks.flow.place_hint",
        "例：事業者のデータセンター",
        "E.g. the provider's data centre",
    ),
    ("risks.flow.what", "何を・何が", "What"),
    (
        "risks.flow.what_hint",
        "例：本番環境の診療録データベース",
        "E.g. the production medical records database",
    ),
    ("risks.flow.who", "誰が", "Who"),
    (
        "risks.flow.who_hint",
        "例：開発・保守要員",
        "E.g. development and maintenance staff",
    ),
    ("risks.flows.heading", "情報流", "Information flows"),
    (
        "risks.flows.none",
        "情報流はまだ登録されていません。",
        "No information flows recorded yet.",
    ),
    (
        "risks.heat.inherent",
        "対応前のリスク",
        "Risks before treatment",
    ),
    (
        "risks.heat.intro",
        "影響度（行）と顕在化率（列）ごとのリスクの件数です。色と記号はリスクレベルを表します。",
        "How many risks sit at each impact (rows) and likelihood (columns); colour and letter give the risk level.",
    ),
    (
        "risks.heat.legend",
        "リスクレベルとリスク基準",
        "Risk levels and their criteria",
    ),
    ("risks.heat.residual", "残存リスク", "Residual risks"),
    ("risks.heat.title", "ヒートマップ", "Heat map"),
    ("risks.impact", "影響度", "Impact"),
    (
        "risks.impact_hint",
        "情報流が扱う情報の重要度と量から評価します（GL 5.1.2）。",
        "Judge it by the importance and volume of the information the flow handles (GL 5.1.2).",
    ),
    (
        "risks.institutions.intro",
        "このサービスを契約している医療機関等です。リスク共有・受容は全ての医療機関等の同意で有効になります。",
        "The institutions that contract the offering. Sharing or accepting takes effect with every institution's agreement.",
    ),
    (
        "risks.institutions.none",
        "現在このサービスを契約している医療機関等はありません。リスク共有・受容は有効になりません。",
        "No institution contracts this offering now; sharing or accepting cannot take effect.",
    ),
    (
        "risks.intro",
        "情報流ごとに特定したリスクの一覧です（GL 5.1、FAQ 5）。",
        "The risks identified on each information flow (GL 5.1, FAQ 5).",
    ),
    ("risks.likelihood", "顕在化率", "Likelihood"),
    (
        "risks.likelihood_hint",
        "脆弱性と脅威からリスクが現実になる可能性を評価します（GL 5.1.2）。",
        "Judge how likely the threat is to exploit the vulnerability (GL 5.1.2).",
    ),
    ("risks.marked", "見直しが必要", "Marked for review"),
    ("risks.matrix.cells", "リスクマトリクス", "Risk matrix"),
    (
        "risks.matrix.corner",
        "影響度 ＼ 顕在化率",
        "Impact \\ likelihood",
    ),
    (
        "risks.matrix.created",
        "リスクマトリクスの版を登録しました:",
        "Risk matrix version recorded:",
    ),
    (
        "risks.matrix.criteria",
        "リスク基準と見直し間隔",
        "Risk criteria and review intervals",
    ),
    (
        "risks.matrix.define",
        "新しい版を定める",
        "Define a new version",
    ),
    (
        "risks.matrix.define_intro",
        "各マスのリスクレベルと、レベルごとの残存リスクの見直し間隔（日）を定めます。評価済みのリスクは元の版のまま残り、見直しの印が付きます。",
        "Set the level of each cell and the review interval (days) of each level. Risks assessed before keep their version and are marked for review.",
    ),
    (
        "risks.matrix.example",
        "これは anzen が用意した例であり、ガイドラインが定めたものではありません（S〜Dのリスク基準は表5-2の例に従っています）。",
        "This is anzen's example, not taken from the guideline (its S–D criteria follow the example of Table 5-2).",
    ),
    (
        "risks.matrix.interval",
        "見直し間隔（日）",
        "Review interval (days)",
    ),
    (
        "risks.matrix.intro",
        "影響度と顕在化率の組み合わせからリスクレベルを定めます（GL 5.1.2、5.1.3）。",
        "The risk level of each combination of impact and likelihood (GL 5.1.2, 5.1.3).",
    ),
    ("risks.matrix.label", "名称", "Label"),
    ("risks.matrix.meaning", "目安", "What it means"),
    ("risks.matrix.requirement", "対応の要否", "Treatment"),
    (
        "risks.matrix.save",
        "新しい版として登録",
        "Record as a new version",
    ),
    (
        "risks.matrix.scales",
        "影響度と顕在化率の尺度",
        "Impact and likelihood scales",
    ),
    ("risks.matrix.title", "リスクマトリクス", "Risk matrix"),
    ("risks.matrix.version", "版", "Version"),
    ("risks.measure", "対策", "Measure"),
    ("risks.measure.controls", "対応する対策項目", "Controls"),
    (
        "risks.measure.controls_hint",
        "別紙2の項目番号など。複数はカンマ区切り。",
        "Appendix 2 keys or your own; separate several with commas.",
    ),
    ("risks.measure.description", "内容", "Description"),
    ("risks.measure.done", "実施済み", "Done"),
    ("risks.measure.done_yes", "済", "Done"),
    ("risks.measure.due", "期限", "Due"),
    ("risks.measure.owner", "実施者", "Owner"),
    ("risks.measures", "対策", "Measures"),
    (
        "risks.measures.hint",
        "内容が空の行は無視されます。医療機関等が実施する対策は、その医療機関等の画面と同意の対象に表示されます（FAQ 5.2）。",
        "Rows without a description are ignored. A measure owned by an institution appears in its view and in what it agrees to (FAQ 5.2).",
    ),
    ("risks.measures.more", "対策の行を追加", "More measure rows"),
    ("risks.new", "リスクを特定する", "Identify a risk"),
    (
        "risks.new.flow_hint",
        "リスクは情報流ごとに特定します（GL 5.1.1）。",
        "Identify risks per information flow (GL 5.1.1).",
    ),
    (
        "risks.new.intro",
        "提供サービスの情報流に潜むリスクを特定し、影響度と顕在化率で分析します（GL 5.1.1、5.1.2）。",
        "Identify a risk on an offering's information flow and analyse it by impact and likelihood (GL 5.1.1, 5.1.2).",
    ),
    (
        "risks.new.no_flow",
        "（情報流を指定しない）",
        "(no information flow)",
    ),
    (
        "risks.new.no_offerings",
        "リスクを登録できる提供サービスがありません。",
        "There is no offering to record a risk on.",
    ),
    (
        "risks.new.threat_hint",
        "例：不正ログイン、情報の持ち出し",
        "E.g. unauthorised login, data taken away",
    ),
    (
        "risks.new.title_hint",
        "例：4桁の数字のパスワードによる不正ログイン",
        "E.g. unauthorised login with a four-digit password",
    ),
    (
        "risks.new.vulnerability_hint",
        "例：パスワードが4桁の数字である",
        "E.g. passwords are four digits",
    ),
    ("risks.notice.control", "対策項目", "Control"),
    (
        "risks.notice.control_hint",
        "別紙2の項目番号（例：1.1/①-1 または 1.1-1-1）、または自社で定義した管理策のキー。一覧は各サービスの適用宣言書にあります。",
        "An Appendix 2 item key (e.g. 1.1/①-1 or 1.1-1-1) or the key of one of your own controls; each offering's statement of applicability lists them.",
    ),
    ("risks.notice.description", "内容", "Description"),
    (
        "risks.notice.intro",
        "技術の進歩などで、受容していた残存リスクが受け入れられなくなることがあります（FAQ 5.2）。技術が変わった対策項目（別紙2の項目番号、または自社の管理策）を指定すると、その対策項目を実装する対策を持つリスクすべてに見直しの印が付きます。登録の前に「対象を確認」で一覧を確かめてください。",
        "Technology moves on, and a residual risk once accepted may no longer be (FAQ 5.2). Name the control whose technology changed (an Appendix 2 item key or one of your own controls): every risk with a measure implementing it is marked for review. Check the list with \"Preview\" before you raise the notice.",
    ),
    (
        "risks.notice.new",
        "技術動向の変化を登録",
        "Raise a technology-change notice",
    ),
    ("risks.notice.preview", "対象を確認", "Preview"),
    (
        "risks.notice.preview_heading",
        "この登録で見直しの印が付くリスク",
        "Risks this notice will mark for review",
    ),
    (
        "risks.notice.preview_none",
        "この対策項目を実装する対策を持つリスクはありません。",
        "No risk has a measure implementing this control.",
    ),
    (
        "risks.notice.raise",
        "登録して見直しの印を付ける",
        "Raise and mark for review",
    ),
    (
        "risks.notice.raised",
        "技術動向の変化を登録し、リスクに見直しの印を付けました:",
        "Notice raised; risks marked for review:",
    ),
    ("risks.notice.title", "件名", "Title"),
    (
        "risks.notice.title_hint",
        "例：多要素認証が求められるようになった",
        "E.g. multi-factor authentication is now expected",
    ),
    (
        "risks.option.accept_hint",
        "対策を講じずに受け入れる。全ての医療機関等の同意が必要（FAQ 5.1）。",
        "Take the risk as it is; needs every institution's agreement (FAQ 5.1).",
    ),
    (
        "risks.option.avoid_hint",
        "原因となる活動をやめる。",
        "Stop the activity that causes it.",
    ),
    (
        "risks.option.needs_consent",
        "医療機関等の同意が必要",
        "needs the institutions' agreement",
    ),
    (
        "risks.option.reduce_hint",
        "対策により影響度や顕在化率を下げる。",
        "Lower the impact or likelihood with measures.",
    ),
    (
        "risks.option.share_hint",
        "保険や他者との契約で分担する。全ての医療機関等の同意が必要（FAQ 5.1）。",
        "Share it, e.g. by insurance or contract; needs every institution's agreement (FAQ 5.1).",
    ),
    ("risks.overdue", "期限超過", "Overdue"),
    ("risks.owner.institution", "医療機関等", "Institution"),
    ("risks.owner.provider", "提供事業者", "Provider"),
    ("risks.owner.subcontractor", "委託先", "Subcontractor"),
    ("risks.re_consent", "再同意が必要", "Re-consent needed"),
    ("risks.reassess", "再評価する", "Reassess"),
    ("risks.reassess.current", "現在の評価", "Current assessment"),
    (
        "risks.reassess.intro",
        "現在のリスクマトリクスで影響度と顕在化率を評価し直します。レベルが変わると医療機関等の同意はやり直しになります。",
        "Analyse the risk again on the current matrix. A changed level means the institutions must agree again.",
    ),
    (
        "risks.reassessed",
        "再評価しました。リスクレベル:",
        "Reassessed. Risk level:",
    ),
    (
        "risks.reopened",
        "対応の再決定が必要:",
        "Treatment reopened:",
    ),
    (
        "risks.requirement.case_by_case",
        "個別に判断",
        "Decide case by case",
    ),
    (
        "risks.requirement.mandatory",
        "対応必須",
        "Treatment mandatory",
    ),
    (
        "risks.requirement.min_measures",
        "最少対策数",
        "at least measures:",
    ),
    (
        "risks.requirement.not_needed",
        "対応不要",
        "No treatment needed",
    ),
    (
        "risks.residual.impact",
        "残存リスクの影響度",
        "Residual impact",
    ),
    (
        "risks.residual.likelihood",
        "残存リスクの顕在化率",
        "Residual likelihood",
    ),
    (
        "risks.residual.none",
        "残存リスクはまだ評価されていません。",
        "The residual risk has not been evaluated yet.",
    ),
    (
        "risks.review.catalogue",
        "対策項目のカタログ改版",
        "New control catalogue version",
    ),
    (
        "risks.review.component",
        "情報の流れが通る構成要素の変更",
        "A component its flow passes through changed",
    ),
    (
        "risks.review.flow",
        "評価したときから情報の流れが変更された（版）",
        "The information flow changed since the assessment (revision)",
    ),
    (
        "risks.review.heading",
        "残存リスクの見直し",
        "Residual risk review",
    ),
    (
        "risks.review.incident",
        "インシデントの発生",
        "Incident recorded",
    ),
    (
        "risks.review.intro",
        "見直しはリスクの再評価として記録します（ガイドライン 5.1.7、FAQ 5.2）。再評価すると見直しの印が消え、次回の見直し日がレベルごとの間隔で決まります。「見直し済み」の印だけを付けることはできません。対応を変える場合は再評価のあと「対応を決める」から変更してください。",
        "A review is recorded by reassessing the risk (GL 5.1.7, FAQ 5.2): the reassessment clears the review marks and schedules the next review by the level's interval. A risk cannot merely be marked reviewed. To change the treatment, decide it again after the reassessment.",
    ),
    (
        "risks.review.mark",
        "再評価して見直す",
        "Review by reassessing",
    ),
    (
        "risks.review.matrix",
        "リスクマトリクスの改版",
        "New risk matrix version",
    ),
    ("risks.review.scheduled", "定期見直し", "Scheduled review"),
    (
        "risks.review.supply_chain",
        "サプライチェーンの変更",
        "Supply chain changed",
    ),
    (
        "risks.review.technology",
        "技術動向の変化",
        "Technology change",
    ),
    (
        "risks.reviewed",
        "見直し済みにしました。次回見直し:",
        "Marked reviewed. Next review:",
    ),
    ("risks.section.consents", "同意の履歴", "Consent history"),
    (
        "risks.section.explanation",
        "医療機関等への説明",
        "Explanation for the institutions",
    ),
    (
        "risks.section.inherent",
        "リスク分析・評価（対応前）",
        "Analysis and evaluation (before treatment)",
    ),
    (
        "risks.section.institutions",
        "関係する医療機関等と同意の状況",
        "Institutions it touches and their agreement",
    ),
    ("risks.section.residual", "残存リスク", "Residual risk"),
    ("risks.section.risk", "リスクの内容", "The risk"),
    ("risks.section.treatment", "リスク対応", "Treatment"),
    ("risks.title", "リスク対応一覧", "Risk register"),
    ("risks.treat", "対応を決める", "Decide the treatment"),
    (
        "risks.treated",
        "リスク対応を記録しました:",
        "Treatment recorded:",
    ),
    (
        "risks.treatment.explanation_hint",
        "医療機関等に表示されます。リスク、検討した選択肢、残存リスク、この対応を選んだ理由が分かるように書いてください（FAQ 5.1）。",
        "Shown to the institutions: make the risk, the options weighed, the residual risk and why this choice clear (FAQ 5.1).",
    ),
    (
        "risks.treatment.intro",
        "レベルのリスク基準に沿って対応を選び、対策と残存リスクを記録します（GL 5.1.4、5.1.5）。内容を変えると医療機関等の同意はやり直しになります。",
        "Choose the treatment by the level's criterion and record the measures and the residual risk (GL 5.1.4, 5.1.5). A change means the institutions must agree again.",
    ),
    (
        "risks.treatment.none",
        "リスク対応はまだ決まっていません。",
        "No treatment decided yet.",
    ),
    (
        "risks.treatment.options_considered",
        "検討した選択肢",
        "Options weighed",
    ),
    (
        "risks.treatment.options_hint",
        "他の対応を採らなかった理由。リスク共有・受容では必須です。",
        "Why the other options were not chosen; required to share or accept.",
    ),
    (
        "risks.treatment.rationale",
        "この対応を選んだ理由",
        "Why this treatment",
    ),
    (
        "risks.treatment.rationale_hint",
        "対応不要のレベル以外では必須です。",
        "Required unless the level needs no treatment.",
    ),
    ("risks.voice.answer", "回答する", "Answer"),
    (
        "risks.voice.answered_done",
        "回答を記録しました。",
        "Your answer has been recorded.",
    ),
    ("risks.voice.ask", "質問する", "Ask a question"),
    (
        "risks.voice.asked_done",
        "質問を記録しました。提供事業者が回答します。",
        "Your question has been recorded; the provider will answer it.",
    ),
    ("risks.voice.decline", "同意しない", "Decline"),
    (
        "risks.voice.decline_hint",
        "同意しない理由を記載してください。提供事業者が回答するかリスクの内容を見直すまで、このリスク対応は有効になりません（GL 5.1.6 (1)）。",
        "Give your reason. The treatment does not take effect until the provider answers it or revises the risk (GL 5.1.6 (1)).",
    ),
    (
        "risks.voice.declined_done",
        "同意しないことを記録しました。提供事業者が回答します。",
        "Your decline has been recorded; the provider will answer it.",
    ),
    (
        "risks.voice.declined_open",
        "貴医療機関等はこの内容に同意しないと回答しました。提供事業者の回答または内容の見直しを待っています（GL 5.1.6 (1)）。",
        "Your institution declined this content. The provider's answer or a revision is awaited (GL 5.1.6 (1)).",
    ),
    ("risks.voice.question", "質問", "Question"),
    (
        "risks.voice.reason",
        "同意しない理由",
        "Reason for declining",
    ),
    ("risks.voice.thread", "質問・回答", "Questions and answers"),
    (
        "risks.voice.thread_empty",
        "質問・回答はまだありません。",
        "No questions or answers yet.",
    ),
    ("risks.voice.unanswered", "未回答", "Not answered"),
    (
        "scope.not_asked",
        "この回答内容では質問されない項目（既定値）",
        "not asked for these answers (the default)",
    ),
    (
        "scope.q.connected_to_medical_information_system.help",
        "機器は、契約等があり、かつ医療情報システム等に接続している場合に対象です。給食や歯科技工など医療機関等向けのサービス事業者に提供するシステムも、接続していれば対象になります。",
        "A device is in scope when it is under contract and connected. A system supplied to a business that serves institutions (inpatient meals, dental laboratory work) is in scope when it is connected.",
    ),
    (
        "scope.q.connected_to_medical_information_system.label",
        "医療情報システムとの接続",
        "Connected to a medical information system",
    ),
    (
        "scope.q.connected_to_medical_information_system.question",
        "医療情報システム等と接続していますか（ネットワーク経由の接続を含む）？",
        "Is it connected to a medical information system, over a network included?",
    ),
    (
        "scope.q.contract.maintenance.help",
        "請負など事業者自らの判断で行う保守は、対象となる保守です。保守要員を派遣して医療機関等の指示のもとで作業する形態は含まれません。製品保証としてセキュリティパッチを提供するだけの場合は対象外です。",
        "Maintenance you carry out on your own judgement (for example under a contract for work, 請負) counts. Staff sent to work under the institution's direction do not count, and shipping security patches under a product warranty alone does not bring you into scope.",
    ),
    (
        "scope.q.contract.maintenance.label",
        "保守の形態",
        "Maintenance",
    ),
    (
        "scope.q.contract.maintenance.question",
        "このシステムの保守をどのような形で行っていますか？",
        "How do you maintain the system?",
    ),
    (
        "scope.q.contract.operation.help",
        "「契約等」には提供の契約だけでなく、医療情報システムを構成するシステムや機器の運用・管理を引き受ける契約も含まれます。",
        "Contracts in the FAQ's sense include not only provision but also contracts to operate or manage the systems and devices that make up a medical information system.",
    ),
    (
        "scope.q.contract.operation.label",
        "運用・管理の契約",
        "Operation contract",
    ),
    (
        "scope.q.contract.operation.question",
        "医療機関等との間に、このシステムを運用又は管理する契約（システム運用代行等）がありますか？",
        "Do you have a contract with a medical institution to operate or manage the system (system operation outsourcing and the like)?",
    ),
    (
        "scope.q.contract.provision.help",
        "医療機関等から医療情報を受け取り、保存や加工などを行うシステムを提供する契約が、FAQでいう「契約等」の代表例です。クラウド型電子カルテ、電子カルテや画像の外部保存、オンライン診療システムなどが当たります。",
        "The typical contract in the FAQ's sense is one to provide a system that receives medical information from the institution and stores or processes it: a cloud EHR, external storage of records or images, an online consultation system.",
    ),
    (
        "scope.q.contract.provision.label",
        "提供の契約",
        "Provision contract",
    ),
    (
        "scope.q.contract.provision.question",
        "医療機関等との間に、このシステム・サービスを提供する契約がありますか？",
        "Do you have a contract with a medical institution to provide this system or service?",
    ),
    (
        "scope.q.contract.remote_maintenance_in_terms.help",
        "明示的な保守契約がなくても、規約等でリモート保守を行うと定めていれば、保守契約がある場合と同じに扱われます。",
        "Even without an explicit maintenance contract, terms of service that provide for remote maintenance are treated like a maintenance contract.",
    ),
    (
        "scope.q.contract.remote_maintenance_in_terms.label",
        "規約上のリモート保守",
        "Remote maintenance in the terms",
    ),
    (
        "scope.q.contract.remote_maintenance_in_terms.question",
        "保守契約は結んでいないものの、サービス規約等にリモート保守を行う旨が書かれていますか？",
        "Although no maintenance contract was signed, do your terms of service say that you carry out remote maintenance?",
    ),
    (
        "scope.q.contract.sale_only.help",
        "運用・管理・保守の契約を伴わない売買契約だけでは「契約等」に当たりません。納品後は医療機関等が自らの責任で管理・運用するためです。",
        "A sale with no operation, management or maintenance contract is not a contract in the FAQ's sense: after delivery the institution runs the product under its own responsibility.",
    ),
    (
        "scope.q.contract.sale_only.label",
        "売買契約のみ",
        "Sale only",
    ),
    (
        "scope.q.contract.sale_only.question",
        "医療機関等との取引は、製品の売買契約だけですか？",
        "Is a sale of the product the only agreement with the institution?",
    ),
    (
        "scope.q.deployment.help",
        "医療機関等の内部に設置されたシステムや機器は、「契約等」があれば原則として対象です。外部（クラウド等）に設置されたサービスでは、直接提供する事業者に加えて、それを支える資源や役務の提供事業者も対象になります。",
        "Systems and devices inside the institution are in scope, in principle, whenever a contract covers them. For services outside it (a cloud, a data centre), the suppliers of the resources they depend on are in scope too, besides the provider that offers the service.",
    ),
    ("scope.q.deployment.label", "設置場所", "Deployment"),
    (
        "scope.q.deployment.question",
        "このシステム・機器はどこに設置されていますか？",
        "Where is the system or device installed?",
    ),
    (
        "scope.q.equipment.help",
        "医療機器、パソコン等の端末、複合機、ネットワーク機器は、「契約等」の対象であり、かつ医療情報システム等に接続（ネットワーク経由を含む）している場合に対象となります。医療情報を格納せず接続もしない検査機器等は対象外です。",
        "Medical devices, PCs and other terminals, multifunction printers and network devices are in scope when a contract covers them and they are connected (over a network included) to the medical information system. A test device that stores no medical information and is not connected is out of scope.",
    ),
    ("scope.q.equipment.label", "機器の種類", "Kind of device"),
    (
        "scope.q.equipment.question",
        "提供しているのは機器ですか？機器の場合は種類を選んでください。",
        "Is what you provide a device? If so, which kind?",
    ),
    (
        "scope.q.handles_medical_information.help",
        "医療情報を受け取って処理するシステムの提供が「契約等」の典型です。介護事業者が医療従事者の指示に基づいて作成・記録した情報も医療情報に当たります（FAQ 1.4）。",
        "Providing a system that receives and processes medical information is the typical case. Records that care providers make on the instruction of medical staff are medical information too (FAQ 1.4).",
    ),
    (
        "scope.q.handles_medical_information.label",
        "医療情報の取扱い",
        "Handles medical information",
    ),
    (
        "scope.q.handles_medical_information.question",
        "このシステム・サービスは医療情報を受け取り、加工・保存等の処理を行いますか？",
        "Does it receive medical information and process it (store it, transform it, …)?",
    ),
    (
        "scope.q.institution_self_operated.help",
        "医療機関等が自施設内で、誰にも委託せずに自ら医療情報を処理している場合は、本ガイドラインの対象外です。納品で売買が完了し、その後の保守もなく医療機関等の責任で運用されるRISやPACSが典型例です。",
        "When the institution processes the information itself, on its own premises and without entrusting anyone, the guideline does not apply. A RIS or PACS bought outright and run by the hospital with no later maintenance is the typical case.",
    ),
    (
        "scope.q.institution_self_operated.label",
        "医療機関等による自らの運用",
        "Run by the institution itself",
    ),
    (
        "scope.q.institution_self_operated.question",
        "医療機関等が、事業者に処理・運用・保守を委託せず、自らこのシステムを運用していますか？",
        "Does the medical institution run this system itself, without entrusting any provider with processing, operating or maintaining it?",
    ),
    (
        "scope.q.merged_into_phr_with_other_data.help",
        "取り込む場合は、医療情報を取り込んだPHRサービス全体が対象になります。",
        "If you do, the whole PHR service that takes in the information is in scope.",
    ),
    (
        "scope.q.merged_into_phr_with_other_data.label",
        "他のPHRとの統合",
        "Merged into a PHR service",
    ),
    (
        "scope.q.merged_into_phr_with_other_data.question",
        "受け取った医療情報を、既に他のPHRが格納されているPHRサービスに取り込みますか？",
        "Do you load the received information into a PHR service that already holds other PHR data?",
    ),
    (
        "scope.q.network_operator.help",
        "参加医療機関等から医療情報の管理を委託されている運営主体は対象事業者です。参加者や仕様の調整だけを行い、医療情報の管理責任を負わない運営主体は対象外です。",
        "An operator entrusted by participating institutions with managing medical information is a target provider. One that only coordinates participants and specifications, with no responsibility for the information, is not.",
    ),
    (
        "scope.q.network_operator.label",
        "医療情報連携ネットワーク",
        "Regional network operator",
    ),
    (
        "scope.q.network_operator.question",
        "医療情報連携ネットワーク（地域医療連携ネットワーク）の運営主体として、どのような役割を担っていますか？",
        "Do you operate a regional medical information network, and in which role?",
    ),
    (
        "scope.q.patient_directed_receipt.help",
        "患者等の指示で医療機関等から送られた医療情報を受け取るPHR事業者等は、類型(3)の対象です。一方、医療機関等が患者にURLやQRコードを渡し、患者自身が登録する場合は患者等に送付された情報となり、対象外です（FAQ 1.4 注2）。",
        "A PHR service that receives information an institution sends on the patient's instruction is a type-3 target provider. If the institution gives the patient a URL or QR code and the patient registers it, the information was sent to the patient, and the service is out of scope (FAQ 1.4 note 2).",
    ),
    (
        "scope.q.patient_directed_receipt.label",
        "患者等の指示による受領",
        "Receipt on the patient's instruction",
    ),
    (
        "scope.q.patient_directed_receipt.question",
        "患者等の指示に基づいて、医療機関等から医療情報を受け取りますか？",
        "Do you receive medical information from a medical institution on the patient's instruction?",
    ),
    (
        "scope.q.records_care_information.help",
        "医療情報と介護情報を併せて記録する介護情報システム・サービスは、介護情報を含めてシステム全体が対象です。",
        "A care system that records both is in scope as a whole, care information included.",
    ),
    (
        "scope.q.records_care_information.label",
        "介護情報の記録",
        "Records care information",
    ),
    (
        "scope.q.records_care_information.question",
        "医療情報と併せて、医療情報とはいえない介護情報（利用しているベッドの大きさ等）も記録しますか？",
        "Alongside medical information, does it record care information that is not medical information (such as the size of a resident's bed)?",
    ),
    (
        "scope.q.serves_institution_contractor.help",
        "そのシステムが医療機関等の医療情報システム等に接続している場合は対象事業者となります。接続していなければ、この規定では対象になりません。",
        "You are a target provider when that system connects to the institution's medical information system; without a connection this rule does not bring you in.",
    ),
    (
        "scope.q.serves_institution_contractor.label",
        "医療機関等向け事業者へのシステム提供",
        "Serves a business that serves institutions",
    ),
    (
        "scope.q.serves_institution_contractor.question",
        "医療機関等にサービスを提供している事業者（入院患者向け給食、歯科技工物の製造等）やオンライン診療サービス事業者に、システムを提供していますか？",
        "Do you provide a system to a business that itself serves medical institutions (inpatient meals, dental laboratory work) or to an online consultation provider?",
    ),
    (
        "scope.q.service.help",
        "社内で通じる名称で構いません。判定結果と判定履歴にこの名称が記録され、保存すると提供サービスの名称になります。",
        "Any name your team recognises. The verdict and its history record it, and it becomes the offering's name when you save.",
    ),
    ("scope.q.service.label", "サービス名", "Service name"),
    (
        "scope.q.service.question",
        "判定する提供サービス（システム・サービス・機器）の名称を入力してください。",
        "What is the name of the system, service or device you want to assess?",
    ),
    (
        "scope.q.stores_medical_information.help",
        "機器では、医療情報を格納するかどうかが判断の分かれ目です。格納しない検査機器等は、契約等があり、かつ接続している場合に限り対象です。",
        "For devices, storing medical information makes the difference: a test device that stores none is in scope only when it is both under contract and connected.",
    ),
    (
        "scope.q.stores_medical_information.label",
        "医療情報の格納",
        "Stores medical information",
    ),
    (
        "scope.q.stores_medical_information.question",
        "医療情報を保存（格納）しますか？",
        "Does it keep (store) medical information?",
    ),
    (
        "scope.q.supplies_in_scope_service.help",
        "サプライチェーン全体がガイドラインの対象です。医療機関等の外部に置かれたサービスを支える事業者は、自らのサービスが医療情報システム等に接続しているかどうかに関わらず対象となります（類型(2)、FAQ 1・2）。",
        "The whole supply chain is in scope. A supplier of what a service outside the institution needs is a target provider whether or not its own service connects to the medical information system (type 2, FAQ 1 and 2).",
    ),
    (
        "scope.q.supplies_in_scope_service.label",
        "必要な資源・役務の提供",
        "Supplies what an in-scope service needs",
    ),
    (
        "scope.q.supplies_in_scope_service.question",
        "医療機関等と直接の契約はないものの、医療機関等に提供される医療情報システム・サービスに必要な資源や役務（IaaS、PaaS、データセンター、回線等）を提供していますか？",
        "With no direct contract with a medical institution, do you supply resources or services (IaaS, PaaS, data centre, lines, …) that a medical information system offered to institutions needs?",
    ),
    ("supply.add", "サプライチェーンを登録", "Add supply link"),
    ("supply.code", "構成要素（図2-2）", "Component (Fig. 2-2)"),
    (
        "supply.code_hint",
        "A＝アプリケーション、P＝プラットフォーム、I＝インフラ。1はサービスとして利用、2は自ら用意（GL 2.2.1）。",
        "A = application, P = platform, I = infrastructure; 1 used as a service, 2 prepared in-house (GL 2.2.1).",
    ),
    ("supply.contract_holder", "契約の当事者", "Contract held by"),
    (
        "supply.contract_holder_hint",
        "供給元と契約しているのは誰か。空欄の場合は自社（FAQ 2.1）。",
        "Who holds the contract with the supplier; empty means your organisation (FAQ 2.1).",
    ),
    (
        "supply.default_provider",
        "自社（提供サービスの提供事業者）",
        "Your organisation (the offering's provider)",
    ),
    ("supply.description", "説明", "Description"),
    (
        "supply.intro",
        "提供サービスの構成要素を誰が供給し、誰が選定し、誰が契約しているかを記録します（GL 2.2.2・2.2.3、FAQ 2.1）。",
        "Records who supplies each component of an offering, who selected the supplier and who holds the contract (GL 2.2.2, 2.2.3, FAQ 2.1).",
    ),
    ("supply.offering", "提供サービス", "Offering"),
    ("supply.selected_by", "選定した組織", "Selected by"),
    (
        "supply.selected_by_hint",
        "供給元を選定したのは誰か。空欄の場合は自社（GL 2.2.3）。",
        "Who selected the supplier; empty means your organisation (GL 2.2.3).",
    ),
    ("supply.supplier", "供給元", "Supplier"),
    (
        "supply.supplier_offering_hint",
        "供給元の提供サービスが anzen にある場合、そのID（任意）。さらに先の構成要素までサプライチェーン図に表示されます。",
        "The id of the supplier's offering when it is in anzen (optional); the chain diagram then shows its components too.",
    ),
    (
        "supply.visibility_hint",
        "事業者Aが構成要素の内容を把握していない場合は「不明」を選びます。リスクの説明、責任範囲の明確化、合意形成が必要になります（FAQ 2.1）。",
        "Choose unknown when A cannot see into the component; A then explains the risks, states its responsibility and reaches agreement (FAQ 2.1).",
    ),
    (
        "tasks.agreement",
        "責任分界の合意書",
        "Responsibility agreement",
    ),
    (
        "tasks.agreements_to_sign",
        "貴院の合意を待っている責任分界の合意書：{n} 件",
        "{n} responsibility agreement(s) wait for your signature",
    ),
    (
        "tasks.disclosures_received",
        "受け取った表4-1の開示：{n} 項目",
        "{n} item(s) of Table 4-1 disclosed to you",
    ),
    (
        "tasks.heading",
        "貴院の対応が必要なこと",
        "Waiting for your institution",
    ),
    (
        "tasks.incidents_to_acknowledge",
        "受領の確認を待っているインシデント報告：{n} 件",
        "{n} incident report(s) wait for your acknowledgement",
    ),
    (
        "tasks.none",
        "いま貴院の対応を待っているものはありません。リスクへの同意、合意書への署名、通知の確認などが必要になると、ここに表示されます。",
        "Nothing waits for your institution now. Risks to consent to, agreements to sign, notices to acknowledge and the like appear here when they do.",
    ),
    (
        "tasks.notices_to_acknowledge",
        "確認を待っている変更通知：{n} 件",
        "{n} change notice(s) wait for your acknowledgement",
    ),
    ("tasks.open_all", "すべて表示", "Show all"),
    (
        "tasks.prevention_to_answer",
        "再発防止策への回答を待っているインシデント：{n} 件",
        "{n} incident(s) wait for your answer to the prevention measures",
    ),
    (
        "tasks.risks_to_consent",
        "貴院の同意を待っているリスク：{n} 件（対応方針と残存リスクを確認し、同意・不同意・質問を記録してください）",
        "{n} risk(s) wait for your consent (read the treatment and residual risk, then agree, decline or ask)",
    ),
    ("tasks.rules", "運用管理規程", "Operational rules"),
    (
        "tasks.rules_to_agree",
        "貴院の合意を待っている運用管理規程：{n} 件",
        "{n} version(s) of operational rules wait for your agreement",
    ),
    ("users.access_until", "アクセス期限", "Access until"),
    (
        "users.access_until_hint",
        "監査人のみ：アクセスできる最終日（YYYY-MM-DD、日本時間）。",
        "Auditors only: the last day of access (YYYY-MM-DD, Japan time).",
    ),
    ("users.add", "利用者を追加", "Add user"),
    (
        "users.choose_org",
        "この組織で続ける",
        "Continue with this organisation",
    ),
    ("users.created", "利用者を作成しました", "User created"),
    ("users.disabled", "無効", "Disabled"),
    ("users.display_name", "氏名", "Name"),
    ("users.login", "ログインID", "Login ID"),
    (
        "users.login_hint",
        "メールアドレス等。英小文字・数字と . _ @ + - が使えます。",
        "An e-mail address or short name: a–z, digits and . _ @ + -.",
    ),
    ("users.mfa", "多要素認証", "MFA"),
    (
        "users.mfa_heading",
        "多要素認証の必須化",
        "Require multi-factor authentication",
    ),
    ("users.mfa_make_optional", "任意に戻す", "Make it optional"),
    ("users.mfa_off", "未設定", "Not set up"),
    ("users.mfa_on", "設定済み", "Set up"),
    (
        "users.mfa_optional_now",
        "現在、多要素認証は管理者のみ必須です。",
        "Multi-factor authentication is currently required of administrators only.",
    ),
    (
        "users.mfa_require",
        "組織の全員に必須にする",
        "Require it of every member",
    ),
    (
        "users.mfa_required_now",
        "現在、組織の全員に多要素認証が必須です。",
        "Multi-factor authentication is currently required of every member.",
    ),
    (
        "users.must_change_password",
        "パスワード変更待ち",
        "Must change password",
    ),
    ("users.org", "組織", "Organisation"),
    (
        "users.org_hint",
        "自組織と、自組織が登録した組織の利用者を作成できます。",
        "You create users of your organisation and of the organisations it registered.",
    ),
    (
        "users.password_reset",
        "パスワードをリセットしました（この利用者のセッションは終了し、API トークンは失効しました）",
        "Password reset (the user's sessions ended and their API tokens were revoked)",
    ),
    (
        "users.reset_password",
        "パスワードをリセット",
        "Reset password",
    ),
    ("users.role", "役割", "Role"),
    (
        "users.role_hint",
        "選んだ組織の種類に合う役割だけが表示されます。",
        "Only roles that fit the chosen organisation are offered.",
    ),
    ("users.status", "状態", "Status"),
    (
        "users.temporary_note",
        "仮パスワードは作成後に一度だけ表示されます。利用者は初回ログイン時に変更します。",
        "A temporary password is shown once after creation; the user changes it at the first sign-in.",
    ),
    (
        "users.temporary_password",
        "仮パスワード",
        "Temporary password",
    ),
    (
        "users.temporary_shown_once",
        "仮パスワードは一度しか表示されません。安全な方法で本人に伝えてください。本人は次回ログイン時に変更します。",
        "The temporary password is shown only once. Pass it to the user by a safe channel; they change it at their next sign-in.",
    ),
    ("verdict.categories", "区分", "Categories"),
    (
        "verdict.covers_non_medical_data",
        "医療情報以外のデータも含め、システム全体が対象です（FAQ 1.4）。",
        "The whole system is in scope, data that is not medical information included (FAQ 1.4).",
    ),
    ("verdict.heading", "判定結果", "Verdict"),
    ("verdict.in_scope", "対象", "In scope"),
    (
        "verdict.in_scope_text",
        "本ガイドラインの対象です。",
        "The guideline applies.",
    ),
    ("verdict.note", "注記", "Note"),
    ("verdict.out_of_scope", "対象外", "Out of scope"),
    (
        "verdict.out_of_scope_text",
        "本ガイドラインの対象外です。",
        "The guideline does not apply.",
    ),
    ("verdict.reasons", "理由", "Reasons"),
    ("wizard.answers", "回答", "Answers"),
    (
        "wizard.error.choose",
        "いずれかを選んでください。",
        "Choose one of the answers.",
    ),
    (
        "wizard.error.conflict",
        "判定を始めた後に、この提供サービスは他の利用者によって変更されました。提供サービスのページから再判定をやり直してください。",
        "Someone else changed this offering after you started. Start the re-assessment again from the offering's page.",
    ),
    (
        "wizard.error.state",
        "ウィザードの回答を読み取れませんでした。最初からやり直してください。",
        "The wizard's answers could not be read. Please start again.",
    ),
    (
        "wizard.read_only",
        "あなたの役割では判定結果を保存できません。結果の確認のみできます。",
        "Your role cannot save verdicts; you can review the result only.",
    ),
    (
        "wizard.reassessing",
        "既存の提供サービスを再判定しています。現在の回答が選択された状態で表示されます。",
        "You are re-assessing an existing offering; its current answers are pre-selected.",
    ),
    ("wizard.restart", "最初からやり直す", "Start again"),
    (
        "wizard.save_existing",
        "この判定を提供サービスに反映",
        "Apply this verdict to the offering",
    ),
    (
        "wizard.save_new",
        "新しい提供サービスとして保存",
        "Save as a new offering",
    ),
    ("wizard.start", "スコープ判定ウィザード", "Scope wizard"),
    ("wizard.step", "質問", "Question"),
    ("wizard.title", "スコープ判定ウィザード", "Scope wizard"),
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
