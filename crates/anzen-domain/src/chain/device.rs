//! The device ledger (FAQ 6.1 (エ), R4, R5; GL 5.1.6 (2)): the devices a provider distributes
//! or manages (dedicated PCs, tablets, network devices …), where they are and may be used,
//! who holds them, whether they store medical information, their OS or firmware and its
//! support end, and their disposal; warnings; and the counts per institution for the
//! stocktake (台数の確認).

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use serde::Serialize;

use super::rule::{RuleText, rule_text};
use crate::FieldError;
use crate::code_enum;
use crate::ids::OrgId;
use crate::text::{Name, optional_text};

code_enum! {
    /// What a device is.
    DeviceKind {
        DedicatedPc = "dedicated_pc", "専用PC端末", "Dedicated PC";
        Tablet = "tablet", "タブレット", "Tablet";
        NetworkDevice = "network_device", "ネットワーク機器", "Network device";
        Server = "server", "サーバ", "Server";
        StorageMedia = "storage_media", "記録媒体", "Storage media";
        Other = "other", "その他の機器", "Other device";
    }
}

code_enum! {
    /// Whether the device's storage is encrypted, as recorded.
    Encryption {
        Encrypted = "encrypted", "ディスク暗号化あり", "Disk encrypted";
        NotEncrypted = "not_encrypted", "暗号化なし", "Not encrypted";
        NotRecorded = "not_recorded", "未記録", "Not recorded";
    }
}

code_enum! {
    /// How a device was disposed of (別紙2 ③-8 names physical destruction, degaussing and
    /// overwriting; the others are anzen's additions).
    DisposalMethod {
        PhysicalDestruction = "physical_destruction", "物理的破壊", "Physical destruction";
        Degaussing = "degaussing", "磁気消去", "Degaussing";
        Overwrite = "overwrite", "上書き消去", "Overwriting";
        CryptographicErase = "cryptographic_erase", "暗号化消去", "Cryptographic erasure";
        ReturnedToVendor = "returned_to_vendor", "メーカー・リース元への返却", "Returned to the vendor or lessor";
        Other = "other", "その他", "Other";
    }
}

/// The disposal of a device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Disposal {
    pub on: Date,
    pub method: DisposalMethod,
    /// The reference of the certificate that the data can no longer be read (別紙2 ③-8);
    /// required when the device stored medical information.
    pub erasure_certificate: Option<String>,
}

/// One entry of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Device {
    pub kind: DeviceKind,
    pub model: String,
    /// Required, trimmed, non-empty: the ledger identifies each device (FAQ 6.1 R4).
    pub serial: String,
    /// The institution the device is deployed at; none for the provider's own premises.
    pub institution: Option<OrgId>,
    /// Where the device is (site, room).
    pub location: String,
    /// Where it may be used (利用場所の限定, FAQ 6.1 R5).
    pub permitted_use: Option<String>,
    /// The person or department that holds it.
    pub holder: String,
    pub stores_medical_information: bool,
    pub encryption: Encryption,
    /// OS or firmware and its version.
    pub os_firmware: Option<String>,
    pub support_ends_on: Option<Date>,
    pub disposal: Option<Disposal>,
}

fn required(field: &str, value: &str) -> Result<String, FieldError> {
    Ok(Name::parse(field, value)?.as_str().to_owned())
}

fn optional(field: &str, value: Option<&str>, max: usize) -> Result<Option<String>, FieldError> {
    optional_text(field, value.unwrap_or(""), max)
}

impl Device {
    /// Validates and trims an entry; every error names its field.
    pub fn validate(self) -> Result<Self, FieldError> {
        let serial = self.serial.trim();
        if serial.is_empty() {
            return Err(FieldError::new(
                "serial",
                "is required: the ledger confirms where each device is by its serial number (FAQ 6.1 (エ))",
            ));
        }
        let serial = required("serial", serial)?;
        let model = required("model", &self.model)?;
        let location = required("location", &self.location)?;
        let holder = required("holder", &self.holder)?;
        let permitted_use = optional("permitted_use", self.permitted_use.as_deref(), 500)?;
        let os_firmware = optional("os_firmware", self.os_firmware.as_deref(), 200)?;
        let disposal = match self.disposal {
            None => None,
            Some(d) => {
                let erasure_certificate = optional(
                    "disposal.erasure_certificate",
                    d.erasure_certificate.as_deref(),
                    200,
                )?;
                if self.stores_medical_information && erasure_certificate.is_none() {
                    return Err(FieldError::new(
                        "disposal.erasure_certificate",
                        "is required for a device that stored medical information: keep the certificate that its data can no longer be read (別紙2 ③-8)",
                    ));
                }
                Some(Disposal {
                    on: d.on,
                    method: d.method,
                    erasure_certificate,
                })
            }
        };
        Ok(Self {
            kind: self.kind,
            model,
            serial,
            institution: self.institution,
            location,
            permitted_use,
            holder,
            stores_medical_information: self.stores_medical_information,
            encryption: self.encryption,
            os_firmware,
            support_ends_on: self.support_ends_on,
            disposal,
        })
    }

    pub fn is_disposed(&self) -> bool {
        self.disposal.is_some()
    }

    /// Whether the OS or firmware support has ended by `day`.
    pub fn support_ended(&self, day: Date) -> bool {
        self.support_ends_on.is_some_and(|end| end < day)
    }
}

rule_text!(
    /// Inferred: a device whose OS or firmware is out of support gets no security patches
    /// (MHLW checklist 2-⑥ asks for patches to be applied).
    SUPPORT_ENDED, "FAQ6.1-R4", "FAQ 6.1 (エ); MHLW checklist 2-⑥", Should, Inferred,
    "OS・ファームウェアのサポートが終了しており、セキュリティパッチが適用できません（チェックリスト 2-⑥、推定）。更新又は置き換えを検討してください。",
    "The OS or firmware is out of support, so security patches can no longer be applied (MHLW checklist 2-⑥; inferred). Plan an update or a replacement."
);
rule_text!(
    /// Inferred: the support end is near.
    SUPPORT_ENDS_SOON, "FAQ6.1-R4", "FAQ 6.1 (エ); MHLW checklist 2-⑥", Should, Inferred,
    "OS・ファームウェアのサポート終了が近づいています（チェックリスト 2-⑥、推定）。",
    "The OS or firmware support ends soon (MHLW checklist 2-⑥; inferred)."
);
rule_text!(
    /// Inferred: medical information stored without recorded disk encryption. The notes give
    /// no guideline text on encryption; this is a management method under (エ).
    NOT_ENCRYPTED, "FAQ6.1-R4", "FAQ 6.1 (エ)", Should, Inferred,
    "医療情報を格納する機器ですが、ディスク暗号化が記録されていません。機器の管理方法（運用管理規程(エ)）として確認してください（推定）。",
    "The device stores medical information but no disk encryption is recorded. Review it as part of how the device is managed (運用管理規程 (エ); inferred)."
);
rule_text!(
    /// FAQ6.1-R5: dedicated PCs and tablets handed out need the place of use restricted.
    USE_NOT_RESTRICTED, "FAQ6.1-R5", "FAQ 6.1 (エ)", Should, Confirmed,
    "医療機関等に配布した専用PC端末・タブレットですが、利用場所の限定が記録されていません。台数の確認や利用場所の限定について、必要な範囲で運用管理規程に記載する必要があります（FAQ 6.1）。",
    "A dedicated PC or tablet handed out to an institution has no restriction of where it may be used recorded. The 運用管理規程 must cover the number of devices and the place of use as far as needed (FAQ 6.1)."
);

code_enum! {
    /// What a ledger warning is about.
    DeviceWarningKind {
        SupportEnded = "support_ended", "サポート終了", "Support ended";
        SupportEndsSoon = "support_ends_soon", "サポート終了間近", "Support ends soon";
        NotEncrypted = "not_encrypted", "医療情報を格納・暗号化未記録", "Medical information without recorded encryption";
        UseNotRestricted = "use_not_restricted", "利用場所の限定なし", "Place of use not restricted";
    }
}

/// A warning on one device; never a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DeviceWarning {
    pub kind: DeviceWarningKind,
    pub rule: RuleText,
}

/// Devices whose OS or firmware support ends within this many days get a "support ends
/// soon" warning (FAQ 6.1 (エ); MHLW checklist 2-⑥; inferred: neither names a period, so
/// anzen uses the same 90 days as [`super::CERTIFICATE_WARN_DAYS`], one quarter to plan an
/// update or a replacement).
pub const SUPPORT_WARN_DAYS: i32 = 90;

/// The warnings on a device in service on `day` (a disposed device has none). Support that
/// ends within `warn_days` days is "ending soon".
pub fn device_warnings(d: &Device, day: Date, warn_days: i32) -> Vec<DeviceWarning> {
    let mut out = Vec::new();
    if d.is_disposed() {
        return out;
    }
    let w = |kind, rule| DeviceWarning { kind, rule };
    if let Some(end) = d.support_ends_on {
        if end < day {
            out.push(w(DeviceWarningKind::SupportEnded, SUPPORT_ENDED));
        } else if (end - day).get_days() <= warn_days {
            out.push(w(DeviceWarningKind::SupportEndsSoon, SUPPORT_ENDS_SOON));
        }
    }
    if d.stores_medical_information && d.encryption != Encryption::Encrypted {
        out.push(w(DeviceWarningKind::NotEncrypted, NOT_ENCRYPTED));
    }
    if matches!(d.kind, DeviceKind::DedicatedPc | DeviceKind::Tablet)
        && d.institution.is_some()
        && d.permitted_use.is_none()
    {
        out.push(w(DeviceWarningKind::UseNotRestricted, USE_NOT_RESTRICTED));
    }
    out
}

/// Entries with the same model and serial as an earlier one (compared without case), one
/// error per duplicate, naming `devices[i].serial`.
pub fn duplicate_serials(devices: &[Device]) -> Vec<FieldError> {
    let mut first: HashMap<(String, String), usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, d) in devices.iter().enumerate() {
        let key = (d.model.to_lowercase(), d.serial.to_lowercase());
        match first.get(&key) {
            Some(&j) => out.push(FieldError::new(
                format!("devices[{i}].serial"),
                format!("the same model and serial number as devices[{j}]"),
            )),
            None => {
                first.insert(key, i);
            }
        }
    }
    out
}

/// The counts of one institution (or of the provider's own premises) for the stocktake.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StocktakeCount {
    /// `None`: devices at the provider's own premises.
    pub institution: Option<OrgId>,
    pub in_service: usize,
    pub disposed: usize,
    /// In service and storing medical information.
    pub storing_medical_information: usize,
    /// In service with OS or firmware support ended on the day.
    pub support_ended: usize,
    /// In service, per kind.
    pub by_kind: BTreeMap<DeviceKind, usize>,
}

/// Counts per institution on `day`, ordered by institution (the provider's own first): what
/// the stocktake checks against (台数の確認, FAQ 6.1 R5).
pub fn stocktake(devices: &[Device], day: Date) -> Vec<StocktakeCount> {
    let mut by: BTreeMap<Option<OrgId>, StocktakeCount> = BTreeMap::new();
    for d in devices {
        let c = by.entry(d.institution).or_insert_with(|| StocktakeCount {
            institution: d.institution,
            ..StocktakeCount::default()
        });
        if d.is_disposed() {
            c.disposed += 1;
            continue;
        }
        c.in_service += 1;
        *c.by_kind.entry(d.kind).or_default() += 1;
        if d.stores_medical_information {
            c.storing_medical_information += 1;
        }
        if d.support_ended(day) {
            c.support_ended += 1;
        }
    }
    by.into_values().collect()
}
