//! The demo data set: fictional organisations in realistic relationships, created through the
//! use-cases so that it obeys every rule real data obeys. Every name is invented; the data set
//! says so wherever it is shown.

use anzen_domain::access::Role;
use anzen_domain::offering::Offering;
use anzen_domain::org::Organisation;
use anzen_domain::risk::Risk;
use anzen_domain::scope::{
    Deployment, Equipment, Maintenance, PatientDirectedReceipt, ScopeProfile,
};

use crate::accounts::UserInput;
use crate::contracts::ContractInput;
use crate::offerings::OfferingInput;
use crate::orgs::OrganisationInput;
use crate::risks::{ComponentInput, FlowInput, MeasureInput, RiskInput, TreatmentInput};
use crate::supply::SupplyLinkInput;
use crate::{App, AppError, Caller};

mod chain;
mod checklist;
mod controls;
mod incidents;
mod notices;
mod oprules;

pub use chain::ChainCounts;

/// What the demo created, for printing.
#[derive(Debug, Clone)]
pub struct DemoData {
    pub organisations: Vec<Organisation>,
    pub offerings: Vec<Offering>,
    pub contracts: usize,
    pub supply_links: usize,
    /// The risks of the cloud EHR's register (GL ch. 5).
    pub risks: Vec<Risk>,
    /// The statements of applicability of the cloud EHR (FAQ 5.3, 7).
    pub statements: usize,
    /// Certifications, agreements, disclosures and devices (FAQ 3, 4.1, 4.2, 6.1).
    pub chain: ChainCounts,
    /// One sign-in per role.
    pub logins: Vec<DemoLogin>,
}

/// A demo account.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub role: Role,
    pub login: String,
    pub password: String,
    pub org_name: String,
}

impl DemoData {
    pub fn org(&self, name: &str) -> Option<&Organisation> {
        self.organisations.iter().find(|o| o.name.as_str() == name)
    }
}

pub const CLOUD_EHR_PROVIDER: &str = "さくらメディカルクラウド株式会社";
pub const IAAS: &str = "ひのきクラウド基盤株式会社";
pub const DEV_SUBCONTRACTOR: &str = "かえでシステム開発株式会社";
pub const PHR_PROVIDER: &str = "あおばヘルスケア株式会社";
pub const MAINTENANCE_VENDOR: &str = "つばきメディカルサービス株式会社";
pub const HOSPITAL: &str = "みなと総合病院";
pub const CLINIC: &str = "やまぶき内科クリニック";
pub const CARE_PROVIDER: &str = "ひだまり介護センター";

struct Seeder<'a> {
    app: &'a App,
    caller: &'a Caller,
    data: DemoData,
}

impl Seeder<'_> {
    async fn org(
        &mut self,
        kind: &str,
        ik: &str,
        name: &str,
        registered_by: Option<&Organisation>,
    ) -> Result<Organisation, AppError> {
        let org = self
            .app
            .add_organisation(
                self.caller,
                OrganisationInput {
                    kind: kind.into(),
                    institution_kind: ik.into(),
                    name: name.into(),
                    registered_by: registered_by.map(|o| o.id.to_string()).unwrap_or_default(),
                },
            )
            .await?;
        self.data.organisations.push(org.clone());
        Ok(org)
    }

    async fn user(
        &mut self,
        org: &Organisation,
        role: Role,
        login: &str,
        name: &str,
        password: &str,
    ) -> Result<(), AppError> {
        let access_until = if role == Role::Auditor {
            let day = self.app.now().to_zoned(jiff::tz::TimeZone::UTC).date();
            day.checked_add(jiff::Span::new().days(90))
                .map(|d| d.to_string())
                .unwrap_or_default()
        } else {
            String::new()
        };
        self.app
            .add_user(
                self.caller,
                UserInput {
                    org: org.id.to_string(),
                    login: login.into(),
                    display_name: name.into(),
                    role: role.code().into(),
                    password: password.into(),
                    access_until,
                    must_change_password: Some(false),
                },
            )
            .await?;
        self.data.logins.push(DemoLogin {
            role,
            login: login.into(),
            password: password.into(),
            org_name: org.name.to_string(),
        });
        Ok(())
    }

    async fn offering(
        &mut self,
        provider: &Organisation,
        description: &str,
        profile: ScopeProfile,
    ) -> Result<Offering, AppError> {
        let o = self
            .app
            .add_offering(
                self.caller,
                OfferingInput {
                    provider: provider.id.to_string(),
                    name: profile.service.clone(),
                    description: description.into(),
                    profile,
                },
            )
            .await?;
        self.data.offerings.push(o.clone());
        Ok(o)
    }

    async fn contract(
        &mut self,
        institution: &Organisation,
        offering: &Offering,
        kind: &str,
        starts: &str,
        ends: &str,
        reference: &str,
    ) -> Result<anzen_domain::contract::Contract, AppError> {
        let contract = self
            .app
            .add_contract(
                self.caller,
                ContractInput {
                    institution: institution.id.to_string(),
                    provider: offering.provider.to_string(),
                    offering: offering.id.to_string(),
                    kind: kind.into(),
                    starts_on: starts.into(),
                    ends_on: ends.into(),
                    reference: reference.into(),
                },
            )
            .await?;
        self.data.contracts += 1;
        Ok(contract)
    }

    async fn link(
        &mut self,
        offering: &Offering,
        code: &str,
        supplier: &Organisation,
        supplier_offering: Option<&Offering>,
        description: &str,
    ) -> Result<(), AppError> {
        self.app
            .add_supply_link(
                self.caller,
                SupplyLinkInput {
                    offering: offering.id.to_string(),
                    code: code.into(),
                    supplier: supplier.id.to_string(),
                    supplier_offering: supplier_offering
                        .map(|o| o.id.to_string())
                        .unwrap_or_default(),
                    description: description.into(),
                    ..Default::default()
                },
            )
            .await?;
        self.data.supply_links += 1;
        Ok(())
    }
}

fn profile(service: &str, edit: impl FnOnce(&mut ScopeProfile)) -> ScopeProfile {
    let mut p = ScopeProfile::new(service);
    edit(&mut p);
    p
}

/// Creates the demo data set with one account per role, all with `password`. `caller`
/// must have installation access (an operator).
pub async fn seed(app: &App, caller: &Caller, password: &str) -> Result<DemoData, AppError> {
    let mut s = Seeder {
        app,
        caller,
        data: DemoData {
            organisations: Vec::new(),
            offerings: Vec::new(),
            contracts: 0,
            supply_links: 0,
            risks: Vec::new(),
            statements: 0,
            chain: ChainCounts::default(),
            logins: Vec::new(),
        },
    };

    // A cloud EHR provider, its IaaS (which it selected and contracts) and its development
    // subcontractor (GL 2.2.2 case 1), and its customers.
    let sakura = s.org("provider", "", CLOUD_EHR_PROVIDER, None).await?;
    let hinoki = s.org("partner", "", IAAS, Some(&sakura)).await?;
    let kaede = s
        .org("partner", "", DEV_SUBCONTRACTOR, Some(&sakura))
        .await?;
    let hospital = s
        .org("medical_institution", "hospital", HOSPITAL, Some(&sakura))
        .await?;
    let clinic = s
        .org("medical_institution", "clinic", CLINIC, Some(&sakura))
        .await?;
    let care = s
        .org(
            "medical_institution",
            "care_provider",
            CARE_PROVIDER,
            Some(&sakura),
        )
        .await?;
    // A PHR service and a remote-maintenance vendor, each its own provider.
    let aoba = s.org("provider", "", PHR_PROVIDER, None).await?;
    let tsubaki = s.org("provider", "", MAINTENANCE_VENDOR, None).await?;

    let ehr = s
        .offering(
            &sakura,
            "病院・診療所向けクラウド型電子カルテ（デモ）",
            profile("さくらクラウド電子カルテ", |p| {
                p.contract.provision = true;
                p.contract.remote_maintenance_in_terms = true;
                p.handles_medical_information = true;
                p.stores_medical_information = true;
            }),
        )
        .await?;
    let care_records = s
        .offering(
            &sakura,
            "介護事業者向け介護記録クラウド（医師の指示に基づく記録を含む、デモ）",
            profile("さくら介護記録クラウド", |p| {
                p.contract.provision = true;
                p.handles_medical_information = true;
                p.stores_medical_information = true;
                p.records_care_information = true;
            }),
        )
        .await?;
    let region = s
        .offering(
            &hinoki,
            "電子カルテ基盤として利用されるIaaS（デモ）",
            profile("ひのきIaaS 東京リージョン", |p| {
                p.supplies_in_scope_service = true;
            }),
        )
        .await?;
    let dev = s
        .offering(
            &kaede,
            "電子カルテの保守開発を再委託で受託（デモ）",
            profile("電子カルテ保守開発サービス", |p| {
                p.supplies_in_scope_service = true;
                p.handles_medical_information = true;
            }),
        )
        .await?;
    let _phr = s
        .offering(
            &aoba,
            "患者の指示で医療機関から検査結果を受け取るPHR（デモ）",
            profile("あおばPHR", |p| {
                p.patient_directed_receipt = PatientDirectedReceipt::FromInstitution;
                p.merged_into_phr_with_other_data = true;
                p.handles_medical_information = true;
                p.stores_medical_information = true;
            }),
        )
        .await?;
    let remote = s
        .offering(
            &tsubaki,
            "院内のCT装置のリモート保守（デモ）",
            profile("CT装置リモート保守", |p| {
                p.contract.maintenance = Maintenance::ProviderJudgement;
                p.deployment = Deployment::InsideInstitution;
                p.equipment = Equipment::MedicalDevice;
                p.connected_to_medical_information_system = true;
                p.handles_medical_information = true;
            }),
        )
        .await?;
    let _pacs = s
        .offering(
            &tsubaki,
            "売切り・保守なしのPACS（対象外の例、デモ）",
            profile("PACS 売切りモデル", |p| {
                p.institution_self_operated = true;
                p.contract.sale_only = true;
                p.deployment = Deployment::InsideInstitution;
                p.handles_medical_information = true;
                p.stores_medical_information = true;
            }),
        )
        .await?;

    let hospital_ehr = s
        .contract(
            &hospital,
            &ehr,
            "provision",
            "2024-04-01",
            "2029-03-31",
            "SMC-2024-0012",
        )
        .await?;
    s.contract(
        &clinic,
        &ehr,
        "provision",
        "2025-10-01",
        "",
        "SMC-2025-0107",
    )
    .await?;
    s.contract(
        &care,
        &care_records,
        "provision",
        "2025-04-01",
        "2028-03-31",
        "SMC-2025-0031",
    )
    .await?;
    s.contract(
        &hospital,
        &remote,
        "maintenance",
        "2023-07-01",
        "2028-06-30",
        "TMS-M-0458",
    )
    .await?;

    s.link(
        &ehr,
        "I1",
        &hinoki,
        Some(&region),
        "本番・バックアップ環境（東京・大阪リージョン）",
    )
    .await?;
    s.link(
        &ehr,
        "A2",
        &kaede,
        Some(&dev),
        "保守開発の再委託（開発・テスト環境）",
    )
    .await?;
    s.link(&care_records, "I1", &hinoki, Some(&region), "本番環境")
        .await?;

    s.user(
        &sakura,
        Role::ProviderAdmin,
        "admin@sakura-medical.example",
        "佐藤 管理者",
        password,
    )
    .await?;
    s.user(
        &sakura,
        Role::ProviderMember,
        "member@sakura-medical.example",
        "鈴木 担当者",
        password,
    )
    .await?;
    s.user(
        &hospital,
        Role::InstitutionReviewer,
        "it@minato-hospital.example",
        "高橋 情報システム課",
        password,
    )
    .await?;
    s.user(
        &hinoki,
        Role::Partner,
        "partner@hinoki-cloud.example",
        "田中 パートナー",
        password,
    )
    .await?;
    s.user(
        &sakura,
        Role::Auditor,
        "auditor@audit.example",
        "伊藤 監査人",
        password,
    )
    .await?;

    s.data.risks = ehr_risks(app, caller, &ehr, &hospital).await?;
    s.data.statements = controls::ehr_statements(app, &ehr, &s.data.risks).await?;
    s.data.chain =
        chain::ehr_chain(app, &sakura, &hinoki, &kaede, &hospital, &hospital_ehr).await?;
    oprules::provider_rules(app, &sakura).await?;
    checklist::ehr_answers(app, &sakura, &ehr).await?;
    incidents::care_records_outage(app, caller, &care_records, &care).await?;
    notices::change_notices(app, &sakura, &hinoki, &hospital, &ehr).await?;
    Ok(s.data)
}

/// The cloud EHR's configuration, information flows (GL 5.1.1, 5.2) and a small register:
/// one risk reduced with a duty on the hospital (FAQ 5.2), one accepted and awaiting the
/// institutions' consent (FAQ 5.1), one still open.
async fn ehr_risks(
    app: &App,
    caller: &Caller,
    ehr: &Offering,
    hospital: &Organisation,
) -> Result<Vec<Risk>, AppError> {
    let component = |name: &str, kind: &str, environment: &str, location: &str| ComponentInput {
        name: name.into(),
        kind: kind.into(),
        environment: environment.into(),
        location: location.into(),
        // Every component of the demo stands in Japan; the storage holds medical information
        // (Table 4-1 ①-1, ②-1, ②-2 are answered from these).
        country: Some("JP".into()),
        holds_medical_info: Some(kind == "storage"),
    };
    let app_server = app
        .add_component(
            caller,
            ehr.id,
            component(
                "電子カルテ アプリケーションサーバ",
                "server",
                "production",
                "ひのきIaaS 東京リージョン",
            ),
        )
        .await?;
    let database = app
        .add_component(
            caller,
            ehr.id,
            component(
                "診療録データベース",
                "storage",
                "production",
                "ひのきIaaS 東京リージョン",
            ),
        )
        .await?;
    let backup = app
        .add_component(
            caller,
            ehr.id,
            component(
                "バックアップストレージ",
                "storage",
                "production",
                "ひのきIaaS 大阪リージョン",
            ),
        )
        .await?;
    let terminal = app
        .add_component(
            caller,
            ehr.id,
            component(
                "開発・保守用端末",
                "terminal",
                "development",
                "さくらメディカルクラウド 開発拠点",
            ),
        )
        .await?;
    let flow = |who: &str,
                place: &str,
                device: &str,
                what: &str,
                how: &str,
                class: &str,
                components: Vec<String>| {
        FlowInput {
            who: who.into(),
            place: place.into(),
            device_or_medium: device.into(),
            what: what.into(),
            how: how.into(),
            class: class.into(),
            environment: "production".into(),
            components,
        }
    };
    let login = app
        .add_flow(
            caller,
            ehr.id,
            flow(
                "医療機関の職員",
                "診察室・病棟",
                "院内の共用端末（ブラウザ）",
                "電子カルテへのログイン情報（ID・パスワード）",
                "認証して診療録を参照・記録する",
                "credentials",
                vec![app_server.id.to_string()],
            ),
        )
        .await?;
    let maintenance = app
        .add_flow(
            caller,
            ehr.id,
            flow(
                "開発・保守要員",
                "事業者の開発拠点から本番環境へ",
                "開発・保守用端末",
                "本番環境の診療録データベース",
                "障害解析のため参照する",
                "patient_personal_information",
                vec![terminal.id.to_string(), database.id.to_string()],
            ),
        )
        .await?;
    let copies = app
        .add_flow(
            caller,
            ehr.id,
            flow(
                "運用担当者（自動処理）",
                "東京リージョンから大阪リージョンへ",
                "バックアップストレージ",
                "診療録の複製",
                "日次で暗号化して保存し、障害時に復旧する",
                "patient_personal_information",
                vec![database.id.to_string(), backup.id.to_string()],
            ),
        )
        .await?;
    let risk =
        |flow: &str, title: &str, threat: &str, vulnerability: &str, impact: u8, likelihood: u8| {
            RiskInput {
                offering: ehr.id.to_string(),
                flow: flow.into(),
                title: title.into(),
                threat: threat.into(),
                vulnerability: vulnerability.into(),
                confidentiality: true,
                integrity: true,
                availability: false,
                impact: impact.to_string(),
                likelihood: likelihood.to_string(),
            }
        };
    let measure = |description: &str, owner: &str, owner_org: &str, controls: &str| MeasureInput {
        description: description.into(),
        owner: owner.into(),
        owner_org: owner_org.into(),
        controls: controls.into(),
        ..Default::default()
    };
    let shared = app
        .add_risk(
            caller,
            risk(
                &login.id.to_string(),
                "共用端末でのパスワード漏えいによるなりすまし",
                "他の職員や来訪者によるなりすましログイン",
                "共用端末にパスワードが掲示・共有されることがある",
                4,
                4,
            ),
        )
        .await?;
    let shared = app
        .decide_treatment(
            caller,
            shared.id,
            None,
            TreatmentInput {
                option: "reduce".into(),
                measures: vec![
                    measure(
                        "一定時間操作がない端末を自動でログアウトする",
                        "provider",
                        "",
                        "",
                    ),
                    measure(
                        "診察室の端末にパスワードを貼らない・共有しない",
                        "institution",
                        &hospital.id.to_string(),
                        "",
                    ),
                ],
                rationale: "技術的対策と運用上の対策を組み合わせて顕在化率を下げる".into(),
                options_considered: "回避（共用端末の廃止）は診療に支障があり採らない".into(),
                residual_impact: "4".into(),
                residual_likelihood: "2".into(),
                explanation: "自動ログアウトを導入します。診察室の端末にパスワードを掲示しないよう、貴院での周知をお願いします。（デモ）".into(),
            },
        )
        .await?;
    let restore = app
        .add_risk(
            caller,
            RiskInput {
                confidentiality: false,
                integrity: false,
                availability: true,
                ..risk(
                    &copies.id.to_string(),
                    "広域災害時のバックアップからの復旧遅延",
                    "東京・大阪の同時被災",
                    "復旧手順が一つのリージョンの稼働を前提にしている",
                    3,
                    2,
                )
            },
        )
        .await?;
    let restore = app
        .decide_treatment(
            caller,
            restore.id,
            None,
            TreatmentInput {
                option: "accept".into(),
                rationale: "同時被災の顕在化率は低く、第三拠点の費用に見合わない".into(),
                options_considered: "低減（第三拠点へのバックアップ）、共有（保険）と比較した".into(),
                residual_impact: "3".into(),
                residual_likelihood: "2".into(),
                explanation: "東京・大阪の同時被災時には復旧に数日を要する可能性があります。この残存リスクを受容することについて、ご確認と同意をお願いします。（デモ）".into(),
                ..Default::default()
            },
        )
        .await?;
    let copy_to_dev = app
        .add_risk(
            caller,
            risk(
                &maintenance.id.to_string(),
                "障害解析のための本番データの持ち出し",
                "保守要員による患者情報の不正な持ち出し・紛失",
                "保守用端末から本番データベースを直接参照できる",
                5,
                3,
            ),
        )
        .await?;
    Ok(vec![shared, restore, copy_to_dev])
}
