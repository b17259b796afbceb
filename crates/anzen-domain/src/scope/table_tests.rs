//! Table tests of the scope engine against FAQ-R6 (`shared/domain/faq-draft-r6.txt`),
//! chapters 1, 1.1–1.4, 2 and 2.2, read as in `guideline-notes.md` §14–§15.
//!
//! Every case cites the FAQ section it comes from. The expectations were derived from the
//! FAQ text, not from the engine's output; a case the FAQ leaves open says so in a comment
//! (`OPEN:`) and expects the engine's conservative reading (in scope, with a `note`).
//!
//! Profiles are written in exactly the input format of the fixed contract
//! `shared/contracts/scope-profile.md`; categories are the contract's codes.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{ScopeProfile, ScopeVerdict, determine};

/// The FAQ sections a scope reason may cite.
const SECTIONS: &[&str] = &[
    "FAQ 1", "FAQ 1.1", "FAQ 1.2", "FAQ 1.3", "FAQ 1.4", "FAQ 2", "FAQ 2.2",
];

/// The input fields of the contract (`shared/contracts/scope-profile.md`), copied here so
/// that the table does not depend on the engine's own list.
const CONTRACT_INPUT_FIELDS: &[&str] = &[
    "schema",
    "service",
    "institution_self_operated",
    "contract",
    "deployment",
    "equipment",
    "handles_medical_information",
    "stores_medical_information",
    "connected_to_medical_information_system",
    "supplies_in_scope_service",
    "patient_directed_receipt",
    "merged_into_phr_with_other_data",
    "records_care_information",
    "network_operator",
    "serves_institution_contractor",
];
const CONTRACT_INPUT_CONTRACT_FIELDS: &[&str] = &[
    "provision",
    "operation",
    "maintenance",
    "remote_maintenance_in_terms",
    "sale_only",
];

const CP: &str = "contracted_provider";
const SCP: &str = "supply_chain_provider";
const PDR: &str = "patient_directed_recipient";

/// One row of the table.
#[derive(Debug)]
struct Case {
    /// A short name, reported when the case fails.
    name: &'static str,
    /// The FAQ section the expectation comes from.
    section: &'static str,
    /// The profile, in the contract's input format.
    profile: &'static str,
    in_scope: bool,
    /// The expected set of categories (contract codes).
    categories: &'static [&'static str],
    covers_non_medical_data: bool,
    /// FAQ sections that must appear among the verdict's reasons' `ref`s.
    refs: &'static [&'static str],
}

const CASES: &[Case] = &[
    // ── FAQ 1 ¶2: type (1), a 契約等 to provide a system that receives and processes
    //    medical information.
    Case {
        name: "cloud EHR under a provision contract",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Cloud EHR for clinics",
            "contract": {"provision": true}, "deployment": "outside_institution",
            "handles_medical_information": true, "stores_medical_information": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    Case {
        name: "external storage of X-ray and CT images",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Image archive (外部保存)",
            "contract": {"provision": true},
            "handles_medical_information": true, "stores_medical_information": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    Case {
        name: "online consultation system under a provision contract",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Online consultation",
            "contract": {"provision": true}, "handles_medical_information": true,
            "connected_to_medical_information_system": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    // FAQ 1 ¶2: 契約等 also covers operation or management (システム運用代行).
    Case {
        name: "system operation outsourcing (運用代行) of an on-premises EHR",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "EHR operation",
            "contract": {"operation": true}, "deployment": "inside_institution",
            "handles_medical_information": true, "stores_medical_information": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    // FAQ 1 ¶2: the 契約等 concerns a system that receives medical information and
    // processes it; a system with neither medical information nor a connection to a
    // medical information system is not a 医療情報システム等.
    Case {
        name: "provision contract for a system that handles no medical information",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Staff rota",
            "contract": {"provision": true}}"#,
        in_scope: false,
        categories: &[],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    // FAQ 1 ¶3 puts systems inside the institution in scope 「「契約等」があれば」, and FAQ 1 ¶2
    // defines 契約等 by a 医療情報システム等 or the systems and devices that make one up; a
    // system with no medical information and no connection is neither.
    Case {
        name: "on-premises system under contract with no medical information, not connected",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Canteen till",
            "contract": {"provision": true, "maintenance": "provider_judgement"},
            "deployment": "inside_institution"}"#,
        in_scope: false,
        categories: &[],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    // OPEN: a system (not a device) that keeps no medical information of its own but is
    // connected to a medical information system. FAQ 1 ¶3 brings connected devices under a
    // 契約等 into scope and systems inside the institution under a 契約等 in principle;
    // the FAQ says nothing of such systems outside. Conservative reading: in scope.
    Case {
        name: "system under contract connected to the EHR, no medical information of its own",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Bed management",
            "contract": {"provision": true}, "deployment": "inside_institution",
            "connected_to_medical_information_system": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    // FAQ 1 ¶1: none of the three types applies.
    Case {
        name: "nothing set",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Empty profile"}"#,
        in_scope: false,
        categories: &[],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    // ── FAQ 1.3: the four maintenance values and remote maintenance in the terms.
    Case {
        name: "maintenance on the provider's judgement (請負, remote maintenance service)",
        section: "FAQ 1.3",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Remote maintenance",
            "contract": {"maintenance": "provider_judgement"}, "deployment": "inside_institution",
            "handles_medical_information": true, "stores_medical_information": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 1.3"],
    },
    Case {
        name: "maintenance staff dispatched under the institution's direction",
        section: "FAQ 1.3",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Dispatched engineers",
            "contract": {"maintenance": "institution_directed"}, "deployment": "inside_institution",
            "handles_medical_information": true, "stores_medical_information": true}"#,
        in_scope: false,
        categories: &[],
        covers_non_medical_data: false,
        refs: &["FAQ 1.3"],
    },
    Case {
        name: "security patches under the product warranty only",
        section: "FAQ 1.3",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Packaged EHR software",
            "contract": {"maintenance": "security_patches_only"}, "deployment": "inside_institution",
            "handles_medical_information": true, "stores_medical_information": true}"#,
        in_scope: false,
        categories: &[],
        covers_non_medical_data: false,
        refs: &["FAQ 1.3"],
    },
    // FAQ 1 ¶1–2: with no 契約等 of any kind and no other route, not a target provider.
    Case {
        name: "maintenance none and no other contract",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Legacy lab system",
            "contract": {"maintenance": "none"}, "deployment": "inside_institution",
            "handles_medical_information": true, "stores_medical_information": true}"#,
        in_scope: false,
        categories: &[],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    Case {
        name: "remote maintenance stated in the terms of service",
        section: "FAQ 1.3",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Reception system",
            "contract": {"remote_maintenance_in_terms": true}, "deployment": "inside_institution",
            "handles_medical_information": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 1.3"],
    },
    // FAQ 1 ¶2 / FAQ 1.1: the sale-only exclusion needs the absence of any maintenance
    // 契約等; FAQ 1.3: remote maintenance in the terms counts as a maintenance contract.
    Case {
        name: "sale with remote maintenance in the terms",
        section: "FAQ 1.3",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "RIS sold with remote support",
            "contract": {"sale_only": true, "remote_maintenance_in_terms": true},
            "deployment": "inside_institution",
            "handles_medical_information": true, "stores_medical_information": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 1.3"],
    },
    // FAQ 1.3: only a supplier that does nothing but ship patches is out; one whose terms
    // also promise remote maintenance has a maintenance contract.
    Case {
        name: "security patches plus remote maintenance in the terms",
        section: "FAQ 1.3",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Imaging viewer",
            "contract": {"maintenance": "security_patches_only", "remote_maintenance_in_terms": true},
            "deployment": "inside_institution", "handles_medical_information": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 1.3"],
    },
    // FAQ 1.3 excludes dispatched maintenance as a ground; the provision contract (FAQ 1)
    // still is one.
    Case {
        name: "dispatched maintenance alongside a provision contract",
        section: "FAQ 1.3",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Hosted EHR with on-site staff",
            "contract": {"provision": true, "maintenance": "institution_directed"},
            "handles_medical_information": true, "stores_medical_information": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    // ── FAQ 1.1: systems the institution runs itself; sales that end at delivery.
    Case {
        name: "RIS sold outright with no maintenance",
        section: "FAQ 1.1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "RIS",
            "contract": {"sale_only": true}, "deployment": "inside_institution",
            "handles_medical_information": true, "stores_medical_information": true}"#,
        in_scope: false,
        categories: &[],
        covers_non_medical_data: false,
        refs: &["FAQ 1.1"],
    },
    Case {
        name: "system the institution runs itself without entrusting a provider",
        section: "FAQ 1.1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "In-house ordering system",
            "institution_self_operated": true, "deployment": "inside_institution",
            "handles_medical_information": true, "stores_medical_information": true}"#,
        in_scope: false,
        categories: &[],
        covers_non_medical_data: false,
        refs: &["FAQ 1.1"],
    },
    // FAQ 1.1 excludes a PACS sale only when 「その後の保守管理もなく」; with maintenance on
    // the provider's judgement (FAQ 1.3) the exclusion does not apply.
    Case {
        name: "PACS sold and then maintained under 請負",
        section: "FAQ 1.1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "PACS with maintenance",
            "contract": {"sale_only": true, "maintenance": "provider_judgement"},
            "deployment": "inside_institution",
            "handles_medical_information": true, "stores_medical_information": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 1.3"],
    },
    // FAQ 1.1 needs 「委託等することなく」: a provision contract is an entrustment, so the
    // self-operated claim cannot exclude the offering.
    Case {
        name: "self-operated claim contradicted by a provision contract",
        section: "FAQ 1.1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Hosted PACS",
            "institution_self_operated": true, "contract": {"provision": true},
            "handles_medical_information": true, "stores_medical_information": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    // ── FAQ 1 ¶3 and FAQ 1.2: devices inside the institution need a 契約等 and a connection.
    Case {
        name: "blood analyser storing no medical information, not connected",
        section: "FAQ 1.2",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Blood analyser",
            "contract": {"maintenance": "provider_judgement"}, "deployment": "inside_institution",
            "equipment": "medical_device"}"#,
        in_scope: false,
        categories: &[],
        covers_non_medical_data: false,
        refs: &["FAQ 1.2"],
    },
    Case {
        name: "blood analyser under contract, connected over the network",
        section: "FAQ 1.2",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Networked blood analyser",
            "contract": {"maintenance": "provider_judgement"}, "deployment": "inside_institution",
            "equipment": "medical_device", "connected_to_medical_information_system": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 1.2"],
    },
    Case {
        name: "MRI storing images, under contract and connected",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "MRI",
            "contract": {"maintenance": "provider_judgement"}, "deployment": "inside_institution",
            "equipment": "medical_device", "handles_medical_information": true,
            "stores_medical_information": true, "connected_to_medical_information_system": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    // OPEN: FAQ 1.2 only says that devices which store no medical information are out
    // without a connection; FAQ 1 ¶3 puts devices inside the institution with a 契約等 in
    // scope in principle. Conservative reading: in scope, with a note to review.
    Case {
        name: "medical device storing medical information, under contract, not connected",
        section: "FAQ 1.2",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Stand-alone ultrasound",
            "contract": {"maintenance": "provider_judgement"}, "deployment": "inside_institution",
            "equipment": "medical_device", "handles_medical_information": true,
            "stores_medical_information": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    Case {
        name: "PC terminals under a maintenance contract, connected",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Ward PCs",
            "contract": {"maintenance": "provider_judgement"}, "deployment": "inside_institution",
            "equipment": "terminal", "connected_to_medical_information_system": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    // FAQ 1 ¶3 「また…についても…かつ、…接続がある場合」: terminals, printers and network
    // devices come in only with both a 契約等 and a connection.
    Case {
        name: "stand-alone PC under contract, not connected, storing nothing",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Office PC",
            "contract": {"maintenance": "provider_judgement"}, "deployment": "inside_institution",
            "equipment": "terminal"}"#,
        in_scope: false,
        categories: &[],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    Case {
        name: "multifunction printer on the hospital LAN under contract",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Multifunction printer",
            "contract": {"operation": true, "maintenance": "provider_judgement"},
            "deployment": "inside_institution", "equipment": "office_device",
            "connected_to_medical_information_system": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    Case {
        name: "multifunction printer under contract, not connected",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Back-office printer",
            "contract": {"maintenance": "provider_judgement"}, "deployment": "inside_institution",
            "equipment": "office_device"}"#,
        in_scope: false,
        categories: &[],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    Case {
        name: "network device maintained under contract, connected",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Core switch",
            "contract": {"remote_maintenance_in_terms": true}, "deployment": "inside_institution",
            "equipment": "network_device", "connected_to_medical_information_system": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    // FAQ 1 ¶2 and FAQ 1.1: a sale alone is no 契約等, so the connection does not matter.
    Case {
        name: "network device sold only, connected",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Router (sold)",
            "contract": {"sale_only": true}, "deployment": "inside_institution",
            "equipment": "network_device", "connected_to_medical_information_system": true}"#,
        in_scope: false,
        categories: &[],
        covers_non_medical_data: false,
        refs: &["FAQ 1.1"],
    },
    // ── FAQ 1 ¶4 and FAQ 2: type (2), the supply chain outside the institution, connected
    //    or not.
    Case {
        name: "infrastructure of provider B under provider A's cloud EHR, not connected",
        section: "FAQ 2",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Provider B IaaS",
            "supplies_in_scope_service": true, "deployment": "outside_institution"}"#,
        in_scope: true,
        categories: &[SCP],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    Case {
        name: "closed network line into the institution, connected",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Closed network line",
            "supplies_in_scope_service": true, "deployment": "outside_institution",
            "connected_to_medical_information_system": true}"#,
        in_scope: true,
        categories: &[SCP],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    Case {
        name: "PaaS with a direct contract with one clinic that also runs a SaaS vendor",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Medical PaaS",
            "contract": {"provision": true}, "supplies_in_scope_service": true,
            "handles_medical_information": true, "stores_medical_information": true}"#,
        in_scope: true,
        categories: &[CP, SCP],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    // ── FAQ 1 ¶5: a system supplied to a business that serves institutions.
    Case {
        name: "ordering system for an inpatient meal service, connected",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Meal ordering",
            "serves_institution_contractor": true, "connected_to_medical_information_system": true,
            "handles_medical_information": true}"#,
        in_scope: true,
        categories: &[SCP],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    Case {
        name: "system for a dental laboratory, not connected",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Dental lab workflow",
            "serves_institution_contractor": true}"#,
        in_scope: false,
        categories: &[],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    Case {
        name: "system for an online-consultation provider, connected",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Video platform",
            "serves_institution_contractor": true, "connected_to_medical_information_system": true}"#,
        in_scope: true,
        categories: &[SCP],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    // ── FAQ 1.4: care information and PHR.
    Case {
        name: "care record system with medical information (whole system covered)",
        section: "FAQ 1.4",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Care records",
            "contract": {"provision": true}, "handles_medical_information": true,
            "stores_medical_information": true, "records_care_information": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: true,
        refs: &["FAQ 1", "FAQ 1.4"],
    },
    // FAQ 1.4 widens an in-scope care system to its care data because it records medical
    // information; without medical information it is no 医療情報システム等 (FAQ 1 ¶2).
    Case {
        name: "care record system without medical information",
        section: "FAQ 1.4",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Bed allocation",
            "contract": {"provision": true}, "records_care_information": true}"#,
        in_scope: false,
        categories: &[],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    Case {
        name: "PHR receiving results from the hospital on the patient's instruction",
        section: "FAQ 1.4",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "PHR app",
            "patient_directed_receipt": "from_institution",
            "handles_medical_information": true, "stores_medical_information": true}"#,
        in_scope: true,
        categories: &[PDR],
        covers_non_medical_data: false,
        refs: &["FAQ 1.4"],
    },
    Case {
        name: "PHR merging received results into existing PHR data",
        section: "FAQ 1.4",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "PHR with vitals",
            "patient_directed_receipt": "from_institution", "merged_into_phr_with_other_data": true,
            "handles_medical_information": true, "stores_medical_information": true}"#,
        in_scope: true,
        categories: &[PDR],
        covers_non_medical_data: true,
        refs: &["FAQ 1.4"],
    },
    // FAQ 1.4 fn.2: a URL or QR code handed to the patient, who registers it, is
    // information sent to the patient; merging it changes nothing.
    Case {
        name: "PHR where the patient registers a URL or QR code",
        section: "FAQ 1.4",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "PHR via QR",
            "patient_directed_receipt": "via_patient", "merged_into_phr_with_other_data": true,
            "handles_medical_information": true, "stores_medical_information": true}"#,
        in_scope: false,
        categories: &[],
        covers_non_medical_data: false,
        refs: &["FAQ 1.4"],
    },
    // ── FAQ 2.2: regional medical information networks.
    Case {
        name: "regional network operator entrusted with medical information",
        section: "FAQ 2.2",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Regional network",
            "network_operator": "entrusted_with_medical_information",
            "handles_medical_information": true, "stores_medical_information": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 2.2"],
    },
    Case {
        name: "regional network operator that only coordinates",
        section: "FAQ 2.2",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Network council",
            "network_operator": "coordination_only"}"#,
        in_scope: false,
        categories: &[],
        covers_non_medical_data: false,
        refs: &["FAQ 2.2"],
    },
    // ── The three examples of the contract document, with their stated verdicts.
    Case {
        name: "contract example: cloud EHR offered directly to clinics",
        section: "FAQ 1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "Cloud EHR",
 "contract": {"provision": true}, "handles_medical_information": true,
 "stores_medical_information": true}"#,
        in_scope: true,
        categories: &[CP],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    Case {
        name: "contract example: IaaS a cloud EHR vendor runs on",
        section: "FAQ 2",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "IaaS region",
 "supplies_in_scope_service": true}"#,
        in_scope: true,
        categories: &[SCP],
        covers_non_medical_data: false,
        refs: &["FAQ 1"],
    },
    Case {
        name: "contract example: PACS sold outright, maintained by the hospital",
        section: "FAQ 1.1",
        profile: r#"{"schema": "anzen/scope-profile/v1", "service": "PACS", "institution_self_operated": true,
 "contract": {"sale_only": true}, "deployment": "inside_institution",
 "handles_medical_information": true, "stores_medical_information": true}"#,
        in_scope: false,
        categories: &[],
        covers_non_medical_data: false,
        refs: &["FAQ 1.1"],
    },
];

/// Compares one case with the engine; returns every disagreement.
fn check(case: &Case) -> Vec<String> {
    let profile = match ScopeProfile::from_json(case.profile) {
        Ok(p) => p,
        Err(e) => return vec![format!("the profile does not parse: {e}")],
    };
    let verdict = determine(&profile);
    let mut problems = Vec::new();
    if verdict.in_scope != case.in_scope {
        problems.push(format!(
            "in_scope: expected {}, got {}",
            case.in_scope, verdict.in_scope
        ));
    }
    let expected: BTreeSet<&str> = case.categories.iter().copied().collect();
    let got: BTreeSet<&str> = verdict.categories.iter().map(|c| c.code()).collect();
    if expected != got {
        problems.push(format!("categories: expected {expected:?}, got {got:?}"));
    }
    if verdict.covers_non_medical_data != case.covers_non_medical_data {
        problems.push(format!(
            "covers_non_medical_data: expected {}, got {}",
            case.covers_non_medical_data, verdict.covers_non_medical_data
        ));
    }
    let refs: BTreeSet<&str> = verdict
        .reasons
        .iter()
        .map(|r| r.reference.as_str())
        .collect();
    for want in case.refs {
        if !refs.contains(want) {
            problems.push(format!("no reason cites {want}; cited: {refs:?}"));
        }
    }
    if !problems.is_empty() {
        problems.push(format!("verdict:\n{}", indent(&verdict.to_text())));
    }
    problems
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("      {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_table_is_well_formed() {
    assert!(CASES.len() >= 28, "only {} cases", CASES.len());
    let mut names = BTreeSet::new();
    for case in CASES {
        assert!(
            names.insert(case.name),
            "duplicate case name `{}`",
            case.name
        );
        assert!(
            SECTIONS.contains(&case.section),
            "case `{}` cites unknown section {}",
            case.name,
            case.section
        );
        assert!(
            !case.refs.is_empty(),
            "case `{}` expects no reason",
            case.name
        );
        for r in case.refs {
            assert!(
                SECTIONS.contains(r),
                "case `{}` expects unknown ref {r}",
                case.name
            );
        }
        assert_eq!(
            case.in_scope,
            !case.categories.is_empty(),
            "case `{}`: in_scope and categories disagree",
            case.name
        );
        assert!(
            case.in_scope || !case.covers_non_medical_data,
            "case `{}`: out of scope but covering non-medical data",
            case.name
        );
        // The profile is written in the contract's format: every key is a contract field.
        let doc: Value = serde_json::from_str(case.profile)
            .unwrap_or_else(|e| panic!("case `{}`: not JSON: {e}", case.name));
        assert_eq!(
            doc["schema"], "anzen/scope-profile/v1",
            "case `{}`",
            case.name
        );
        for (key, value) in doc.as_object().expect("an object") {
            assert!(
                CONTRACT_INPUT_FIELDS.contains(&key.as_str()),
                "case `{}`: field {key}",
                case.name
            );
            if key == "contract" {
                for key in value.as_object().expect("contract is an object").keys() {
                    assert!(
                        CONTRACT_INPUT_CONTRACT_FIELDS.contains(&key.as_str()),
                        "case `{}`: field contract.{key}",
                        case.name
                    );
                }
            }
        }
    }
}

#[test]
fn the_engine_agrees_with_the_faq_table() {
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|case| {
            let problems = check(case);
            (!problems.is_empty()).then(|| {
                format!(
                    "case `{}` ({}):\n  - {}",
                    case.name,
                    case.section,
                    problems.join("\n  - ")
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases disagree with the FAQ:\n\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n\n")
    );
}

/// The contract's reason keys, and the additions documented on [`super::Reason`].
const REASON_KEYS: &[&str] = &["ref", "message"];
const REASON_ADDITIONS: &[&str] = &["message_en", "rule", "effect", "category"];
const VERDICT_KEYS: &[&str] = &[
    "schema",
    "service",
    "in_scope",
    "categories",
    "covers_non_medical_data",
    "reasons",
];

/// Checks the serialised shape of one verdict against the contract.
fn shape_problems(verdict: &ScopeVerdict) -> Vec<String> {
    let mut problems = Vec::new();
    let json = serde_json::to_value(verdict).expect("a verdict serialises");
    let Some(obj) = json.as_object() else {
        return vec![format!("not an object: {json}")];
    };
    let keys: BTreeSet<&str> = obj.keys().map(String::as_str).collect();
    let want: BTreeSet<&str> = VERDICT_KEYS.iter().copied().collect();
    if keys != want {
        problems.push(format!("top-level keys {keys:?}, expected {want:?}"));
    }
    if obj.get("schema") != Some(&Value::from("anzen/scope-verdict/v1")) {
        problems.push(format!("schema is {:?}", obj.get("schema")));
    }
    if !obj.get("service").is_some_and(Value::is_string) {
        problems.push("service is not a string".to_owned());
    }
    for key in ["in_scope", "covers_non_medical_data"] {
        if !obj.get(key).is_some_and(Value::is_boolean) {
            problems.push(format!("{key} is not a boolean"));
        }
    }
    match obj.get("categories").and_then(Value::as_array) {
        Some(cats) => {
            for c in cats {
                if !matches!(c.as_str(), Some(CP | SCP | PDR)) {
                    problems.push(format!("unknown category {c}"));
                }
            }
        }
        None => problems.push("categories is not an array".to_owned()),
    }
    let Some(reasons) = obj.get("reasons").and_then(Value::as_array) else {
        problems.push("reasons is not an array".to_owned());
        return problems;
    };
    if reasons.is_empty() {
        problems.push("no reasons".to_owned());
    }
    for r in reasons {
        let Some(r) = r.as_object() else {
            problems.push(format!("a reason is not an object: {r}"));
            continue;
        };
        for key in REASON_KEYS {
            if r.get(*key)
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
            {
                problems.push(format!("reason without a non-empty string `{key}`: {r:?}"));
            }
        }
        for key in r.keys() {
            if !REASON_KEYS.contains(&key.as_str()) && !REASON_ADDITIONS.contains(&key.as_str()) {
                problems.push(format!("undocumented reason key `{key}`"));
            }
        }
        // `category` is documented as present for `includes` reasons only.
        let includes = r.get("effect").and_then(Value::as_str) == Some("includes");
        if includes != r.contains_key("category") {
            problems.push(format!("`category` and `effect` disagree: {r:?}"));
        }
    }
    problems
}

#[test]
fn the_verdict_json_has_exactly_the_contract_keys() {
    let mut failures = Vec::new();
    for case in CASES {
        let Ok(profile) = ScopeProfile::from_json(case.profile) else {
            continue; // reported by the table test
        };
        let problems = shape_problems(&determine(&profile));
        if !problems.is_empty() {
            failures.push(format!("case `{}`: {}", case.name, problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // And the example of the contract, field by field.
    let verdict = determine(&ScopeProfile::from_json(CASES[0].profile).unwrap());
    let json = serde_json::to_value(&verdict).unwrap();
    assert_eq!(json["schema"], "anzen/scope-verdict/v1");
    assert_eq!(json["service"], "Cloud EHR for clinics");
    assert_eq!(json["in_scope"], true);
    assert_eq!(
        json["categories"],
        serde_json::json!(["contracted_provider"])
    );
    assert_eq!(json["covers_non_medical_data"], false);
    assert_eq!(json["reasons"][0]["ref"], "FAQ 1");
}
