//! Builders for realistic parties and offerings, through the use-cases.

use anzen_app::offerings::OfferingInput;
use anzen_app::orgs::OrganisationInput;
use anzen_app::{App, Caller};
use anzen_domain::offering::Offering;
use anzen_domain::org::Organisation;
use anzen_domain::scope::{Deployment, ScopeProfile};
use jiff::Timestamp;

/// The fixed time of the test clock.
pub fn now() -> Timestamp {
    "2026-11-25T03:00:00Z".parse().expect("a valid timestamp")
}

/// An operator with access to the whole installation.
pub fn operator() -> Caller {
    Caller::operator("test-operator")
}

/// An operator restricted to `org`'s rows (as `anzen --as-org`).
pub fn member_of(org: &Organisation) -> Caller {
    Caller::Operator {
        name: format!("member-of-{}", org.name),
        org: Some(org.id),
    }
}

/// The audit key of the tests.
pub fn audit_key() -> anzen_app::Ed25519Signer {
    anzen_app::Ed25519Signer::from_secret([42; 32])
}

/// The key of the tests that encrypts secrets at rest.
pub fn secrets_key() -> anzen_app::XChaChaCipher {
    anzen_app::XChaChaCipher::from_key([43; 32])
}

pub async fn org(app: &App, kind: &str, institution_kind: &str, name: &str) -> Organisation {
    app.add_organisation(
        &operator(),
        OrganisationInput {
            kind: kind.to_owned(),
            institution_kind: institution_kind.to_owned(),
            name: name.to_owned(),
            registered_by: String::new(),
        },
    )
    .await
    .expect("organisation is created")
}

pub async fn provider(app: &App, name: &str) -> Organisation {
    org(app, "provider", "", name).await
}

pub async fn partner(app: &App, name: &str) -> Organisation {
    org(app, "partner", "", name).await
}

pub async fn hospital(app: &App, name: &str) -> Organisation {
    org(app, "medical_institution", "hospital", name).await
}

/// A cloud EHR offered directly to institutions (contract example 1: in scope, type 1).
pub fn cloud_ehr_profile(service: &str) -> ScopeProfile {
    let mut p = ScopeProfile::new(service);
    p.contract.provision = true;
    p.handles_medical_information = true;
    p.stores_medical_information = true;
    p
}

/// An IaaS region under a cloud EHR (contract example 2: in scope, type 2).
pub fn iaas_profile(service: &str) -> ScopeProfile {
    let mut p = ScopeProfile::new(service);
    p.supplies_in_scope_service = true;
    p
}

/// A PACS sold outright and run by the hospital (contract example 3: out of scope).
pub fn pacs_sold_outright(service: &str) -> ScopeProfile {
    let mut p = ScopeProfile::new(service);
    p.institution_self_operated = true;
    p.contract.sale_only = true;
    p.deployment = Deployment::InsideInstitution;
    p.handles_medical_information = true;
    p.stores_medical_information = true;
    p
}

pub async fn offering(app: &App, provider: &Organisation, profile: ScopeProfile) -> Offering {
    app.add_offering(
        &operator(),
        OfferingInput {
            provider: provider.id.to_string(),
            name: profile.service.clone(),
            description: String::new(),
            profile,
        },
    )
    .await
    .expect("offering is created")
}

/// A provision contract from 2026-04-01, open-ended.
pub async fn contract(
    app: &App,
    institution: &Organisation,
    provider: &Organisation,
    offering: &Offering,
) -> anzen_domain::contract::Contract {
    app.add_contract(
        &operator(),
        anzen_app::contracts::ContractInput {
            institution: institution.id.to_string(),
            provider: provider.id.to_string(),
            offering: offering.id.to_string(),
            kind: "provision".into(),
            starts_on: "2026-04-01".into(),
            ends_on: String::new(),
            reference: "C-1".into(),
        },
    )
    .await
    .expect("contract is created")
}

/// A user of `org` with `role`, password `correct horse battery`, no forced change.
pub async fn user(
    app: &App,
    org: &Organisation,
    role: anzen_domain::access::Role,
    login: &str,
) -> anzen_domain::user::User {
    let access_until = if role == anzen_domain::access::Role::Auditor {
        "2027-03-31".to_owned()
    } else {
        String::new()
    };
    app.add_user(
        &operator(),
        anzen_app::accounts::UserInput {
            org: org.id.to_string(),
            login: login.to_owned(),
            display_name: login.to_owned(),
            role: role.code().to_owned(),
            password: PASSWORD.to_owned(),
            access_until,
            must_change_password: Some(false),
        },
    )
    .await
    .expect("user is created")
}

/// The password of every fixture user.
pub const PASSWORD: &str = "correct horse battery";

/// A signed-in user of `role` in `org` (through the use-cases; no MFA enrolment needed for
/// the roles that do not require it).
pub async fn user_caller(
    app: &App,
    org: &Organisation,
    role: anzen_domain::access::Role,
    login: &str,
) -> Caller {
    let u = user(app, org, role, login).await;
    Caller::User(anzen_app::accounts::principal_of(&u))
}

/// A risk input on `offering` with the given impact and likelihood.
pub fn risk_input(
    offering: &Offering,
    title: &str,
    impact: u8,
    likelihood: u8,
) -> anzen_app::risks::RiskInput {
    anzen_app::risks::RiskInput {
        offering: offering.id.to_string(),
        title: title.to_owned(),
        threat: "不正ログイン".into(),
        vulnerability: "短いパスワード".into(),
        confidentiality: true,
        integrity: true,
        impact: impact.to_string(),
        likelihood: likelihood.to_string(),
        ..Default::default()
    }
}

/// One control of an Appendix 2 test file: 大項目, 中項目, 小項目, No., 内容 (the MHLW
/// reference columns are filled with one fixed requirement).
pub type ControlRow<'a> = [&'a str; 5];

/// An Appendix 2 file in the CSV template (appendix2.md §7.3 rule 9): the two header rows and
/// one row per control.
pub fn appendix2_csv(rows: &[ControlRow<'_>]) -> Vec<u8> {
    let mut out = String::new();
    for header in anzen_domain::controls::appendix2_header_rows() {
        out.push_str(&anzen_app::import::to_csv_line(&header));
        out.push_str("\r\n");
    }
    for [major, middle, minor, no, content] in rows {
        let cells: Vec<String> = [
            *major,
            *middle,
            *minor,
            *no,
            *content,
            "",
            "",
            "企画管理編",
            "4. 医療情報システムの安全管理において必要な規程・文書類",
            "【遵守事項】",
            "運用管理規程等を定めること。",
        ]
        .iter()
        .map(|c| (*c).to_owned())
        .collect();
        out.push_str(&anzen_app::import::to_csv_line(&cells));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// The controls of the first test version of Appendix 2: `1.1/①-1`, `1.1/①-2`, `2.1/①-1`.
pub const APPENDIX2_V1: [ControlRow<'static>; 3] = [
    [
        "1. 人的・組織的対策",
        "1.1. 規程・手順の策定",
        "①アクセス管理規程の策定",
        "①-1",
        "アクセス管理規程を作成すること。",
    ],
    [
        "1. 人的・組織的対策",
        "1.1. 規程・手順の策定",
        "①アクセス管理規程の策定",
        "①-2",
        "規程を定期的に見直すこと。",
    ],
    [
        "2. 物理的対策",
        "2.1. 入退管理",
        "①入退管理",
        "①-1",
        "セキュリティ境界への入退を個人認証で管理すること。",
    ],
];

/// A next edition of the provider checklist built from the shipped one (R7): labelled
/// `label`, without the last item (`R7-運用管理規程`), item 2-① reworded, and a new item
/// `2-⑭`. For the tests of editions; not an official edition.
pub fn next_checklist_edition(label: &str) -> String {
    let r7 = include_str!("../../../catalogs/mhlw-checklist-provider.toml");
    let cut = r7
        .rfind("[[items]]")
        .expect("the shipped checklist has items");
    let mut text = r7[..cut].replacen("version = \"R7\"", &format!("version = \"{label}\""), 1);
    text = text.replacen(
        "title_ja = \"サーバ・端末・ネットワーク機器の台帳\"",
        "title_ja = \"サーバ・端末・ネットワーク機器等の台帳（試験用の改訂）\"",
        1,
    );
    text.push_str(
        "[[items]]\nkey = \"2-⑭\"\ntitle_ja = \"試験用の新しい項目\"\ntitle_ja_provisional = true\n\
         title_en = \"A new item for the tests\"\nsummary_en = \"An item added by the test edition.\"\n\
         source = \"test\"\nconfidence = \"inferred\"\nin_provider_version = \"unknown\"\n",
    );
    text
}
