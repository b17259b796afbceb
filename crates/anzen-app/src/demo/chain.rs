//! The cloud EHR provider's supply-chain records in the demo (FAQ 3, 3.1, 4.1, 4.2, 6.1):
//! its certifications and its IaaS partner's, the lifecycle agreement with the hospital and
//! the internal one with the development subcontractor (both opened, awaiting agreement by
//! named users), the early-stage disclosure of Table 4-1 to the hospital, and the dedicated
//! terminals it placed there. Every text says it is demo data.

use anzen_domain::chain::{AgreementKind, Device, DeviceKind, Encryption, NewCertification};
use anzen_domain::contract::Contract;
use anzen_domain::org::Organisation;

use crate::{App, AppError, Caller};

/// What was created, for printing.
#[derive(Debug, Clone, Copy, Default)]
pub struct ChainCounts {
    pub certifications: usize,
    pub agreements: usize,
    pub disclosures: usize,
    pub devices: usize,
}

fn certification(kind: &str, scope: &str, issuer: &str, from: &str, to: &str) -> NewCertification {
    NewCertification {
        kind: kind.into(),
        auditor_qualification: String::new(),
        equivalent_name: String::new(),
        scope: format!("{scope}（デモ）"),
        issuer: issuer.into(),
        valid_from: from.into(),
        valid_to: to.into(),
    }
}

fn terminal(serial: &str, hospital: &Organisation, location: &str, holder: &str) -> Device {
    Device {
        kind: DeviceKind::DedicatedPc,
        model: "電子カルテ専用端末 SK-PC200（デモ）".into(),
        serial: serial.into(),
        institution: Some(hospital.id),
        location: location.into(),
        permitted_use: Some("院内の診察室に限る（持出し禁止）".into()),
        holder: holder.into(),
        stores_medical_information: false,
        encryption: Encryption::Encrypted,
        os_firmware: Some("Windows 11 IoT Enterprise LTSC 2024".into()),
        support_ends_on: "2034-10-10".parse().ok(),
        disposal: None,
    }
}

/// Seeds the records. `provider` is the cloud EHR provider, `partner` its IaaS, `contract`
/// the hospital's EHR contract and `dev` the development subcontractor.
pub(super) async fn ehr_chain(
    app: &App,
    provider: &Organisation,
    partner: &Organisation,
    dev: &Organisation,
    hospital: &Organisation,
    contract: &Contract,
) -> Result<ChainCounts, AppError> {
    let as_provider = Caller::Operator {
        name: "demo".into(),
        org: Some(provider.id),
    };
    let as_partner = Caller::Operator {
        name: "demo".into(),
        org: Some(partner.id),
    };
    let mut n = ChainCounts::default();

    // FAQ 4.2: Privacy Mark or ISMS is the minimum qualification, never compliance itself.
    for (who, c) in [
        (
            &as_provider,
            certification(
                "isms",
                "クラウド型電子カルテサービスの開発・運用",
                "一般財団法人 日本品質保証機構（デモ）",
                "2024-06-01",
                "2027-05-31",
            ),
        ),
        (
            &as_provider,
            certification(
                "privacy_mark",
                "全社",
                "一般財団法人 日本情報経済社会推進協会（デモ）",
                "2025-01-15",
                "2027-01-14",
            ),
        ),
        (
            &as_partner,
            certification(
                "ismap",
                "ひのきIaaS 東京・大阪リージョン",
                "ISMAP運営委員会（デモ）",
                "2025-04-01",
                "2027-03-31",
            ),
        ),
    ] {
        app.add_certification(who, c).await?;
        n.certifications += 1;
    }

    // GL 3.2, Fig. 3-4: the hospital's agreement; FAQ 3.1 R3: the internal one with the
    // development subcontractor (operation by the provider, development by the subcontractor).
    app.open_agreement(
        &as_provider,
        contract.id,
        AgreementKind::ProviderInstitution,
        None,
    )
    .await?;
    app.open_agreement(
        &as_provider,
        contract.id,
        AgreementKind::Internal,
        Some(dev.id),
    )
    .await?;
    n.agreements += 2;

    // FAQ 4.1: the purpose ① items at the early stage.
    let hospital_id = hospital.id.to_string();
    for (key, answer) in [
        (
            "①-1",
            "診療録等は国内（東京・大阪リージョン）にのみ保存し、契約の準拠法は日本法です（デモ）",
        ),
        (
            "①-3",
            "日次で暗号化バックアップを取得し、大阪リージョンに35日間保管しています（デモ）",
        ),
        (
            "①-7",
            "ISMS認証（JIS Q 27001）及びプライバシーマークを取得しています。認証は最低限の要件であり、ガイドラインへの準拠そのものではありません（デモ）",
        ),
    ] {
        app.disclose(&as_provider, &hospital_id, key, answer)
            .await?;
        n.disclosures += 1;
    }

    // FAQ 6.1 (エ): the dedicated terminals placed at the hospital.
    for (serial, location, holder) in [
        (
            "SKPC-2024-0101",
            "みなと総合病院 本館2階 内科外来 第1診察室",
            "内科外来",
        ),
        (
            "SKPC-2024-0102",
            "みなと総合病院 本館2階 内科外来 第2診察室",
            "内科外来",
        ),
        ("SKPC-2024-0131", "みなと総合病院 本館1階 医事課", "医事課"),
    ] {
        app.add_device(&as_provider, terminal(serial, hospital, location, holder))
            .await?;
        n.devices += 1;
    }
    Ok(n)
}
