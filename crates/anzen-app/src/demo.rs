//! The demo data set: fictional organisations in realistic relationships, created through the
//! use-cases so that it obeys every rule real data obeys. Every name is invented; the data set
//! says so wherever it is shown.

use anzen_domain::access::Role;
use anzen_domain::offering::Offering;
use anzen_domain::org::Organisation;
use anzen_domain::scope::{
    Deployment, Equipment, Maintenance, PatientDirectedReceipt, ScopeProfile,
};

use crate::accounts::UserInput;
use crate::contracts::ContractInput;
use crate::offerings::OfferingInput;
use crate::orgs::OrganisationInput;
use crate::supply::SupplyLinkInput;
use crate::{App, AppError, Caller};

/// What the demo created, for printing.
#[derive(Debug, Clone)]
pub struct DemoData {
    pub organisations: Vec<Organisation>,
    pub offerings: Vec<Offering>,
    pub contracts: usize,
    pub supply_links: usize,
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
    ) -> Result<(), AppError> {
        self.app
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
        Ok(())
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

    s.contract(
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

    Ok(s.data)
}
