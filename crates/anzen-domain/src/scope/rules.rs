//! The scope rules of FAQ-R6 chapters 1, 1.1–1.4 and 2, 2.2, as data ([`RuleText`]) plus one
//! pure function ([`determine`]).
//!
//! Rule identifiers (`FAQ1-R3` …) are those of `shared/domain/guideline-notes.md` §15.
//! Where the FAQ leaves a case open, the verdict leans towards "in scope" and adds a
//! reason with effect `note` that says so: for a compliance tool, wrongly leaving an
//! offering out is the costlier mistake.

use super::profile::{
    Deployment, Equipment, Maintenance, NetworkOperator, PatientDirectedReceipt, ScopeProfile,
};
use super::verdict::{Effect, Reason, ScopeCategory, ScopeVerdict, VERDICT_SCHEMA};

/// The citable text of one rule.
#[derive(Debug, Clone, Copy)]
pub struct RuleText {
    pub rule: &'static str,
    pub reference: &'static str,
    pub ja: &'static str,
    pub en: &'static str,
}

macro_rules! rule {
    ($id:ident, $rule:literal, $reference:literal, $ja:literal, $en:literal) => {
        pub const $id: RuleText = RuleText {
            rule: $rule,
            reference: $reference,
            ja: $ja,
            en: $en,
        };
    };
}

/// The rule texts, grouped by FAQ section.
pub mod texts {
    use super::RuleText;

    // FAQ 1 — scope, basic idea.
    rule!(
        PROVISION_CONTRACT,
        "FAQ1-R2",
        "FAQ 1",
        "医療機関等との間に医療情報システム等の提供に係る契約等があり、医療情報を受け取り加工・保存等の処理を行うため、類型(1)の対象事業者に該当します。",
        "There is a contract to provide the system to a medical institution and the system receives and processes medical information, so the provider is a type-1 target provider."
    );
    rule!(
        OPERATION_CONTRACT,
        "FAQ1-R3",
        "FAQ 1",
        "医療情報システム等の運用又は管理に係る契約等（システム運用代行等）は「契約等」に含まれるため、類型(1)の対象事業者に該当します。",
        "A contract to operate or manage the system (operation outsourcing and the like) is a contract in the FAQ's sense, so the provider is a type-1 target provider."
    );
    rule!(
        INSIDE_WITH_CONTRACT,
        "FAQ1-R5",
        "FAQ 1",
        "医療機関等の内部に設置されたシステム・機器等は、「契約等」があれば原則として本ガイドラインの対象です。",
        "Systems and devices installed inside the institution are in scope, in principle, whenever a contract covers them."
    );
    rule!(
        DEVICE_CONNECTED,
        "FAQ1-R6",
        "FAQ 1",
        "端末・複合機・ネットワーク機器等が医療機関等との「契約等」の対象であり、かつ医療情報システム等と接続しているため、当該機器の提供事業者は対象事業者です。",
        "The device is covered by a contract with the institution and is connected to the medical information system, so its provider is a target provider."
    );
    rule!(
        DEVICE_NOT_CONNECTED,
        "FAQ1-R6",
        "FAQ 1",
        "機器が医療情報システム等と接続しておらず、医療情報も格納しないため、「契約等」があってもこの規定では対象事業者となりません。",
        "The device is not connected to a medical information system and stores no medical information, so the contract alone does not bring it into scope."
    );
    rule!(
        DEVICE_STORES_NOT_CONNECTED,
        "FAQ1-R5",
        "FAQ 1",
        "医療情報を格納する機器で「契約等」がありますが、医療情報システム等との接続はありません。FAQは明示していないため、契約等の対象となる機器として対象と判断しました。個別に確認してください。",
        "The device stores medical information and is under contract but is not connected; the FAQ does not address this case explicitly, so it is treated as in scope. Review it."
    );
    rule!(
        SYSTEM_OUTSIDE_MIS,
        "FAQ1-R2",
        "FAQ 1",
        "契約等はありますが、このシステムは医療情報を取り扱わず、医療情報システム等とも接続していないため、医療情報システム等の提供に当たりません。",
        "There is a contract, but the system neither handles medical information nor connects to a medical information system, so it is not a medical information system."
    );
    rule!(
        SUPPLY_CHAIN,
        "FAQ1-R1",
        "FAQ 1",
        "医療機関等と直接の契約関係はなくても、医療機関等に提供される医療情報システム等に必要な資源や役務を提供するため、類型(2)の対象事業者です（サプライチェーン全体が対象、FAQ 2）。",
        "With no direct contract, it supplies resources or services that an offering to medical institutions needs, so it is a type-2 target provider (the whole supply chain is in scope, FAQ 2)."
    );
    rule!(
        SUPPLY_CHAIN_OUTSIDE,
        "FAQ1-R7",
        "FAQ 1",
        "医療機関等の外部に設置されたサービスに必要な資源や役務の提供事業者は、医療情報システム等への接続の有無に関わらず対象事業者です。",
        "For services outside the institution, a supplier of the resources or services they need is in scope whether or not its own service connects to the medical information system."
    );
    rule!(
        SERVES_CONTRACTOR_CONNECTED,
        "FAQ1-R8",
        "FAQ 1",
        "医療機関等にサービスを提供する事業者（入院患者向け給食、歯科技工物の製造等）やオンライン診療サービス事業者にシステムを提供し、そのシステムが医療情報システム等に接続しているため、対象事業者です（類型(2)として扱います）。",
        "It provides a system to a business that serves medical institutions (inpatient meals, dental laboratory work) or to an online-consultation provider, and that system connects to the medical information system, so it is in scope (reported as type 2)."
    );
    rule!(
        SERVES_CONTRACTOR_NOT_CONNECTED,
        "FAQ1-R8",
        "FAQ 1",
        "医療機関等にサービスを提供する事業者にシステムを提供していますが、そのシステムは医療情報システム等に接続していないため、この規定では対象となりません。",
        "It provides a system to a business that serves medical institutions, but that system does not connect to the medical information system, so this rule does not bring it into scope."
    );
    rule!(
        NO_ROUTE,
        "FAQ1-R1",
        "FAQ 1",
        "医療機関等との契約等による提供、必要な資源・役務の提供、患者等の指示に基づく医療情報の受領のいずれにも該当しないため、対象事業者ではありません。",
        "None of the three provider types applies: no contract with a medical institution, no supply to an in-scope offering, no receipt of medical information on a patient's instruction."
    );

    // FAQ 1.1 — systems an institution runs itself.
    rule!(
        SELF_OPERATED,
        "FAQ1.1-R1",
        "FAQ 1.1",
        "医療機関等が対象事業者に委託等することなく、自ら医療情報システムを取り扱って医療情報を処理しているため、本ガイドラインの対象範囲外です。",
        "The institution processes the medical information itself with its own system, without entrusting a provider, so this is outside the guideline's scope."
    );
    rule!(
        SALE_ONLY,
        "FAQ1.1-R2",
        "FAQ 1.1",
        "売買契約のみで、運用又は管理、保守等に係る契約等がないため「契約等」に含まれず、納入後は医療機関等の責任で管理・運用されるので対象範囲外です（RIS・PACS等の販売と同様）。",
        "The only agreement is a sale, with no operation, management or maintenance contract, so there is no contract in the FAQ's sense and the institution runs the product itself (like a RIS or PACS sold outright)."
    );
    rule!(
        SALE_WITH_SERVICE,
        "FAQ1-R4",
        "FAQ 1",
        "「売買契約のみ」とされていますが、運用・管理・保守等の契約等もあるため、売買契約のみの場合の除外は適用されません。",
        "The profile says \"sale only\", but there is also an operation, management or maintenance contract, so the sale-only exclusion does not apply."
    );
    rule!(
        SELF_OPERATED_CONFLICT,
        "FAQ1.1-R1",
        "FAQ 1.1",
        "医療機関等が自ら運用するとされていますが、事業者との提供・運用・保守の契約等もあるため、委託等があるものとして判断しました。プロファイルを確認してください。",
        "The profile says the institution runs it itself, but there is also a provision, operation or maintenance contract with the provider, so it is treated as entrusted. Check the profile."
    );

    // FAQ 1.2 — medical devices.
    rule!(
        MEDICAL_DEVICE_CONNECTED,
        "FAQ1.2-R2",
        "FAQ 1.2",
        "医療機器が医療機関等との「契約等」の対象であり、かつ医療情報システム等と接続（ネットワークによる接続を含む）されるため、本ガイドラインの対象です。",
        "The medical device is covered by a contract with the institution and is connected (over a network included) to the medical information system, so it is in scope."
    );
    rule!(
        MEDICAL_DEVICE_NOT_CONNECTED,
        "FAQ1.2-R1",
        "FAQ 1.2",
        "医療情報を格納しない医療機器（検査機器等）で、医療情報システム等と接続していないため、本ガイドラインの対象には含まれません。",
        "A medical device that stores no medical information and is not connected to a medical information system is not in scope."
    );

    // FAQ 1.3 — maintenance.
    rule!(
        MAINTENANCE_PROVIDER_JUDGEMENT,
        "FAQ1.3-R2",
        "FAQ 1.3",
        "請負等、事業者の判断で保守を行う契約等があるため、類型(1)の対象事業者に該当します。",
        "The provider maintains the system on its own judgement (contracted work), so it is a type-1 target provider."
    );
    rule!(
        MAINTENANCE_INSTITUTION_DIRECTED,
        "FAQ1.3-R1",
        "FAQ 1.3",
        "保守要員を医療機関等に派遣し医療機関等の指示に基づいて保守を行う形態は、本ガイドラインの対象となる保守に含まれません。",
        "Staff sent to the institution who work under its direction are not maintenance in the guideline's sense."
    );
    rule!(
        REMOTE_MAINTENANCE_IN_TERMS,
        "FAQ1.3-R3",
        "FAQ 1.3",
        "保守契約を明確に締結していなくても、サービス規約等にリモート保守を行う旨が含まれているため、保守契約がある場合に含まれます。",
        "There is no explicit maintenance contract, but the terms of service say the provider does remote maintenance, which counts as a maintenance contract."
    );
    rule!(
        SECURITY_PATCHES_ONLY,
        "FAQ1.3-R4",
        "FAQ 1.3",
        "製品保証としてセキュリティパッチの提供等のみを行う事業者は、本ガイドラインの対象範囲外です。",
        "A supplier that only ships security patches as part of its product warranty is outside the guideline's scope."
    );

    // FAQ 1.4 — care information and PHR.
    rule!(
        CARE_INFORMATION,
        "FAQ1.4-R2",
        "FAQ 1.4",
        "医療情報と、医療情報とはいえない被介護者の介護情報を併せて記録するため、介護情報を含むシステム全体が本ガイドラインの対象です。",
        "It records medical information together with care information that is not medical information, so the whole system, care information included, is in scope."
    );
    rule!(
        CARE_WITHOUT_MEDICAL,
        "FAQ1.4-R1",
        "FAQ 1.4",
        "介護情報を記録しますが医療情報を取り扱わないため、FAQ 1.4 による全体の対象化は当たりません。医療従事者の指示に基づき作成・記録した情報は医療情報に当たる点を確認してください。",
        "It records care information but no medical information, so FAQ 1.4 does not widen the scope; note that records made on the instruction of medical staff are medical information."
    );
    rule!(
        PATIENT_DIRECTED,
        "FAQ1.4-R3",
        "FAQ 1.4",
        "患者等の指示に基づいて医療機関等から送付された医療情報を受け取るため、類型(3)の対象事業者です。",
        "It receives medical information sent by a medical institution on the patient's instruction, so it is a type-3 target provider."
    );
    rule!(
        PHR_MERGED,
        "FAQ1.4-R4",
        "FAQ 1.4",
        "受け取った医療情報を、既に他のPHRが格納されているPHRサービスに取り込むため、医療情報を取り込んだPHRサービス全体が対象です。",
        "The received medical information is loaded into a PHR service that already holds other PHR data, so the whole PHR service is in scope."
    );
    rule!(
        VIA_PATIENT,
        "FAQ1.4-R5",
        "FAQ 1.4",
        "医療機関等から患者等に提供された医療情報（閲覧用のURLやQRコード等）を患者等が自ら登録する場合は「医療機関等から患者等に送付された医療情報」に当たるため、対象となりません（FAQ 1.4 注2）。",
        "Information the institution gives to the patient (a URL or QR code) and the patient registers is information sent to the patient, so the service is not in scope (FAQ 1.4 note 2)."
    );

    // FAQ 2.2 — regional medical information networks.
    rule!(
        NETWORK_ENTRUSTED,
        "FAQ2.2-R1",
        "FAQ 2.2",
        "参加医療機関等から医療情報の管理を委託されている医療情報連携ネットワーク運営主体は対象事業者です（類型(1)として扱います）。再委託先がある場合は本ガイドラインに基づき監督してください。",
        "A regional network operator entrusted by its member institutions with managing medical information is a target provider (reported as type 1); it must supervise any subcontractor under this guideline."
    );
    rule!(
        NETWORK_COORDINATION_ONLY,
        "FAQ2.2-R4",
        "FAQ 2.2",
        "医療情報の管理責任を負わず、参加者の調整やシステム仕様の調整のみを行う運営主体は対象事業者ではありません。",
        "An operator that bears no responsibility for managing medical information and only coordinates members and specifications is not a target provider."
    );
}

/// Collects the reasons of one determination.
#[derive(Default)]
struct Findings {
    reasons: Vec<Reason>,
    categories: Vec<ScopeCategory>,
    covers_non_medical_data: bool,
}

impl Findings {
    fn push(&mut self, text: RuleText, effect: Effect, category: Option<ScopeCategory>) {
        self.reasons.push(Reason {
            reference: text.reference.to_owned(),
            message: text.ja.to_owned(),
            message_en: text.en.to_owned(),
            rule: text.rule.to_owned(),
            effect,
            category,
        });
    }

    fn include(&mut self, text: RuleText, category: ScopeCategory) {
        if !self.categories.contains(&category) {
            self.categories.push(category);
        }
        self.push(text, Effect::Includes, Some(category));
    }

    fn exclude(&mut self, text: RuleText) {
        self.push(text, Effect::Excludes, None);
    }

    fn note(&mut self, text: RuleText) {
        self.push(text, Effect::Note, None);
    }
}

/// Decides whether, and as which types, the guideline applies to the offering the profile
/// describes (FAQ 1, 1.1–1.4, 2, 2.2).
///
/// Every verdict has at least one reason. An out-of-scope verdict has no categories, keeps
/// only the reasons that explain why (effect `excludes` or `note`), and never covers
/// non-medical data.
pub fn determine(p: &ScopeProfile) -> ScopeVerdict {
    use texts::*;
    let mut f = Findings::default();
    let handles = p.handles_medical_information || p.stores_medical_information;
    let connected = p.connected_to_medical_information_system;

    // Type (1): a 契約等 with a medical institution (FAQ 1 ¶2, FAQ 1.3).
    let c = &p.contract;
    let mut bases: Vec<RuleText> = Vec::new();
    if c.provision {
        bases.push(PROVISION_CONTRACT);
    }
    if c.operation {
        bases.push(OPERATION_CONTRACT);
    }
    match c.maintenance {
        Maintenance::ProviderJudgement => bases.push(MAINTENANCE_PROVIDER_JUDGEMENT),
        Maintenance::InstitutionDirected => f.exclude(MAINTENANCE_INSTITUTION_DIRECTED),
        Maintenance::SecurityPatchesOnly if !c.remote_maintenance_in_terms => {
            f.exclude(SECURITY_PATCHES_ONLY)
        }
        Maintenance::SecurityPatchesOnly | Maintenance::None => {}
    }
    if c.remote_maintenance_in_terms {
        bases.push(REMOTE_MAINTENANCE_IN_TERMS);
    }
    let has_contract = !bases.is_empty();
    if c.sale_only {
        if has_contract {
            f.note(SALE_WITH_SERVICE);
        } else {
            f.exclude(SALE_ONLY);
        }
    }
    if p.institution_self_operated {
        if has_contract {
            f.note(SELF_OPERATED_CONFLICT);
        } else {
            f.exclude(SELF_OPERATED);
        }
    }

    if has_contract {
        let cat = ScopeCategory::ContractedProvider;
        let is_device = p.equipment != Equipment::None;
        let qualifies = if is_device {
            if connected {
                true
            } else if p.stores_medical_information {
                f.note(DEVICE_STORES_NOT_CONNECTED);
                true
            } else {
                f.exclude(if p.equipment == Equipment::MedicalDevice {
                    MEDICAL_DEVICE_NOT_CONNECTED
                } else {
                    DEVICE_NOT_CONNECTED
                });
                false
            }
        } else if handles || connected {
            true
        } else {
            f.exclude(SYSTEM_OUTSIDE_MIS);
            false
        };
        if qualifies {
            for basis in &bases {
                f.include(*basis, cat);
            }
            if is_device && connected {
                f.include(
                    if p.equipment == Equipment::MedicalDevice {
                        MEDICAL_DEVICE_CONNECTED
                    } else {
                        DEVICE_CONNECTED
                    },
                    cat,
                );
            }
            if p.deployment == Deployment::InsideInstitution {
                f.include(INSIDE_WITH_CONTRACT, cat);
            }
        }
    }

    // Regional medical information networks (FAQ 2.2).
    match p.network_operator {
        NetworkOperator::EntrustedWithMedicalInformation => {
            f.include(NETWORK_ENTRUSTED, ScopeCategory::ContractedProvider)
        }
        NetworkOperator::CoordinationOnly => f.exclude(NETWORK_COORDINATION_ONLY),
        NetworkOperator::None => {}
    }

    // Type (2): the supply chain (FAQ 1 ¶1 (2), ¶4; FAQ 2).
    if p.supplies_in_scope_service {
        f.include(SUPPLY_CHAIN, ScopeCategory::SupplyChainProvider);
        if p.deployment == Deployment::OutsideInstitution && !connected {
            f.include(SUPPLY_CHAIN_OUTSIDE, ScopeCategory::SupplyChainProvider);
        }
    }
    if p.serves_institution_contractor {
        if connected {
            f.include(
                SERVES_CONTRACTOR_CONNECTED,
                ScopeCategory::SupplyChainProvider,
            );
        } else {
            f.exclude(SERVES_CONTRACTOR_NOT_CONNECTED);
        }
    }

    // Type (3): on the patient's instruction (FAQ 1 ¶1 (3), FAQ 1.4).
    let mut phr_merged = false;
    match p.patient_directed_receipt {
        PatientDirectedReceipt::FromInstitution => {
            f.include(PATIENT_DIRECTED, ScopeCategory::PatientDirectedRecipient);
            phr_merged = p.merged_into_phr_with_other_data;
        }
        PatientDirectedReceipt::ViaPatient => f.exclude(VIA_PATIENT),
        PatientDirectedReceipt::None => {}
    }

    let in_scope = !f.categories.is_empty();
    if in_scope {
        // FAQ 1.4: the whole system, non-medical data included.
        if phr_merged {
            f.push(PHR_MERGED, Effect::Extends, None);
            f.covers_non_medical_data = true;
        }
        if p.records_care_information {
            if handles {
                f.push(CARE_INFORMATION, Effect::Extends, None);
                f.covers_non_medical_data = true;
            } else {
                f.note(CARE_WITHOUT_MEDICAL);
            }
        }
        // Exclusions of routes that did not decide the verdict stay as notes only when they
        // conflict with it; otherwise they are noise.
        f.reasons.retain(|r| r.effect != Effect::Excludes);
    } else {
        if !f.reasons.iter().any(|r| r.effect == Effect::Excludes) {
            f.exclude(NO_ROUTE);
        }
        // A care system with no medical information: remind that records made on the
        // instruction of medical staff are medical information (FAQ 1.4).
        if p.records_care_information && !handles {
            f.note(CARE_WITHOUT_MEDICAL);
        }
    }

    let mut categories = f.categories;
    categories.sort();
    ScopeVerdict {
        schema: VERDICT_SCHEMA.to_owned(),
        service: p.service.clone(),
        in_scope,
        categories,
        covers_non_medical_data: in_scope && f.covers_non_medical_data,
        reasons: f.reasons,
    }
}
