//! Certifications (GL 4.4, FAQ 4.2: `/certifications`), the device ledger (FAQ 6.1 (エ):
//! `/devices`) and staged disclosure to an institution (GL 4.1, Table 4-1, FAQ 4.1:
//! `/institutions/{id}/disclosures`).

use anzen_app::AppError;
use anzen_app::chain::DisclosureItem as AppItem;
use anzen_app::ports::{Disclosure as AppDisclosure, StoredCertification, StoredDevice};
use anzen_domain::FieldError;
use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::chain::{self as d, CERTIFICATE_NOTICE};
use anzen_domain::contract::parse_date;
use anzen_domain::ids::OrgId;
use anzen_domain::org::OrgKind;
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::chain::{ChainRule, api_error};
use super::enums::mirror_enum;
use super::extract::{Body, PathId, Query, bool_param, id_param, page};
use super::list::list_of;
use super::orgs::created;
use super::problem::Problem;
use crate::AppState;
use crate::extract::ApiCaller;

mirror_enum! {
    /// The kinds of certification GL 4.4 and FAQ 4.2 accept.
    CertificationKind => d::CertificationKind {
        PrivacyMark = "privacy_mark",
        Isms = "isms",
        Ismap = "ismap",
        CsGoldMark = "cs_gold_mark",
        FedRamp = "fedramp",
        Soc2 = "soc2",
        Soc3 = "soc3",
        ExternalAudit = "external_audit",
        OtherEquivalent = "other_equivalent",
    }
}

mirror_enum! {
    /// The qualification of the auditor of an external audit.
    AuditorQualification => d::AuditorQualification {
        SystemAuditor = "system_auditor",
        Cisa = "cisa",
    }
}

mirror_enum! {
    /// Where a certificate stands today: `expiring_soon` within 90 days of its end.
    CertificationStatus => d::CertificationStatus {
        NotYetValid = "not_yet_valid",
        Valid = "valid",
        ExpiringSoon = "expiring_soon",
        Expired = "expired",
    }
}

mirror_enum! {
    /// What the minimum qualification rests on.
    QualificationBasis => d::QualificationBasis {
        PrivacyMarkOrIsms = "privacy_mark_or_isms",
        Equivalent = "equivalent",
        ExternalAudit = "external_audit",
        Exempt = "exempt",
    }
}

mirror_enum! {
    /// What a device is.
    DeviceKind => d::DeviceKind {
        DedicatedPc = "dedicated_pc",
        Tablet = "tablet",
        NetworkDevice = "network_device",
        Server = "server",
        StorageMedia = "storage_media",
        Other = "other",
    }
}

mirror_enum! {
    /// Whether a device's storage is encrypted, as recorded.
    Encryption => d::Encryption {
        Encrypted = "encrypted",
        NotEncrypted = "not_encrypted",
        NotRecorded = "not_recorded",
    }
}

mirror_enum! {
    /// How a device was disposed of.
    DisposalMethod => d::DisposalMethod {
        PhysicalDestruction = "physical_destruction",
        Degaussing = "degaussing",
        Overwrite = "overwrite",
        CryptographicErase = "cryptographic_erase",
        ReturnedToVendor = "returned_to_vendor",
        Other = "other",
    }
}

mirror_enum! {
    /// What a ledger warning is about.
    DeviceWarningKind => d::DeviceWarningKind {
        SupportEnded = "support_ended",
        SupportEndsSoon = "support_ends_soon",
        NotEncrypted = "not_encrypted",
        UseNotRestricted = "use_not_restricted",
    }
}

fn id_of(raw: &str, what: &'static str) -> Result<Uuid, AppError> {
    Uuid::try_parse(raw).map_err(|_| AppError::Internal(format!("{what} id {raw} is not a UUID")))
}

// ── Certifications ──────────────────────────────────────────────────────────────────────

/// A certificate with its status today.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Certification {
    pub id: Uuid,
    /// The certified organisation.
    pub org: Uuid,
    pub kind: CertificationKind,
    pub auditor_qualification: Option<AuditorQualification>,
    pub equivalent_name: Option<String>,
    pub scope: String,
    pub issuer: String,
    #[schema(value_type = String, format = Date)]
    pub valid_from: jiff::civil::Date,
    #[schema(value_type = String, format = Date)]
    pub valid_to: jiff::civil::Date,
    pub status: CertificationStatus,
    /// Days to the last valid day (negative once expired).
    pub days_left: i64,
}

fn certification(
    c: &StoredCertification,
    today: jiff::civil::Date,
) -> Result<Certification, AppError> {
    let x = &c.certification;
    Ok(Certification {
        id: id_of(&c.id, "certification")?,
        org: *c.org.as_uuid(),
        kind: x.kind.into(),
        auditor_qualification: x.auditor_qualification.map(Into::into),
        equivalent_name: x.equivalent_name.as_ref().map(ToString::to_string),
        scope: x.scope.to_string(),
        issuer: x.issuer.to_string(),
        valid_from: x.valid_from,
        valid_to: x.valid_to,
        status: x.status_on(today, d::CERTIFICATE_WARN_DAYS).into(),
        days_left: x.days_left(today),
    })
}

/// Whether an organisation holds the minimum qualification today (GL 4.4; FAQ 4.2). Only
/// this: `notice` says that a certificate is not compliance with the guideline.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Qualification {
    pub org: Uuid,
    pub met: bool,
    pub basis: Option<QualificationBasis>,
    /// The certificates the basis rests on.
    pub certificates: Vec<Uuid>,
    /// Those of them that expire within 90 days.
    pub expiring: Vec<Uuid>,
    pub reasons: Vec<ChainRule>,
    pub notice: ChainRule,
    /// The organisation's GL 4.4 exemption claim, when it recorded one, and where it stands
    /// (basis `exempt` only when it exempts).
    pub exemption: Option<super::exemption::ExemptionStanding>,
}

/// A page of certifications, with the FAQ 4.2 notice and the qualification of the
/// organisation asked about (`org`, when the caller sees it, or the caller's own).
#[derive(Debug, Serialize, ToSchema)]
pub struct CertificationList {
    pub items: Vec<Certification>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
    /// FAQ 4.2 R2: a certificate shows a minimum qualification, not compliance.
    pub notice: ChainRule,
    pub qualification: Option<Qualification>,
}

/// The filters of the certification list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CertificationParams {
    /// Only the certificates of this organisation.
    #[param(value_type = Option<Uuid>)]
    pub org: Option<String>,
    /// Rows per page, 1–500 (default 50).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
    /// Rows to skip (default 0).
    #[param(value_type = Option<i64>, minimum = 0)]
    pub offset: Option<String>,
}

/// A new certificate of the caller's organisation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCertification {
    pub kind: CertificationKind,
    /// Required for an external audit; refused otherwise.
    #[serde(default)]
    pub auditor_qualification: Option<AuditorQualification>,
    /// Required for another equivalent certification; refused otherwise.
    #[serde(default)]
    pub equivalent_name: Option<String>,
    /// What the certificate covers.
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^\s*[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*\s*$"
    )]
    pub scope: String,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^\s*[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*\s*$"
    )]
    pub issuer: String,
    /// YYYY-MM-DD.
    #[schema(format = Date)]
    pub valid_from: String,
    /// YYYY-MM-DD, not before `valid_from`.
    #[schema(format = Date)]
    pub valid_to: String,
}

/// List certifications
///
/// The certificates the caller can see (its organisation's; for an institution reviewer,
/// those of the providers it contracts), each with its status today, the FAQ 4.2 notice and
/// the minimum qualification of `org` (default: the caller's organisation).
#[utoipa::path(
    get,
    path = "/certifications",
    tag = "ledger",
    operation_id = "list_certifications",
    security(("bearer" = [])),
    params(CertificationParams),
    responses((status = 200, description = "A page of certifications", body = CertificationList)),
)]
pub async fn list_certifications(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<CertificationParams>,
) -> Result<Json<CertificationList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let org = id_param("org", &q.org, OrgId::parse_field)?;
    let today = state.app.today_in_japan();
    let all: Vec<StoredCertification> = state
        .app
        .list_certifications(&caller)
        .await?
        .into_iter()
        .filter(|c| org.is_none_or(|o| c.org == o))
        .collect();
    let subject = match org {
        // The qualification of an organisation the caller does not see is not shown.
        Some(o) if state.app.organisation(&caller, o).await.is_ok() => Some(o),
        Some(_) => None,
        None => match caller.reach(Subject::Ledger, Action::Read, state.app.now()) {
            Reach::Owned(o) => Some(o),
            _ => None,
        },
    };
    let qualification = match subject {
        None => None,
        Some(o) => {
            let held: Vec<&StoredCertification> = all.iter().filter(|c| c.org == o).collect();
            let certs: Vec<d::Certification> =
                held.iter().map(|c| c.certification.clone()).collect();
            let q = state.app.qualification_of(&caller, o, &certs).await?;
            let ids = |positions: &[usize]| -> Result<Vec<Uuid>, AppError> {
                positions
                    .iter()
                    .map(|&i| id_of(&held[i].id, "certification"))
                    .collect()
            };
            Some(Qualification {
                org: *o.as_uuid(),
                met: q.met,
                basis: q.basis.map(Into::into),
                certificates: ids(&q.certificates)?,
                expiring: ids(&q.expiring)?,
                reasons: q.reasons.iter().map(Into::into).collect(),
                notice: (&q.notice).into(),
                exemption: q.exemption.as_ref().map(super::exemption::standing_dto),
            })
        }
    };
    let total = i64::try_from(all.len()).unwrap_or(i64::MAX);
    let items = all
        .iter()
        .skip(usize::try_from(page.offset).unwrap_or(usize::MAX))
        .take(usize::try_from(page.limit).unwrap_or(usize::MAX))
        .map(|c| certification(c, today))
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(Json(CertificationList {
        items,
        total,
        limit: page.limit,
        offset: page.offset,
        notice: (&CERTIFICATE_NOTICE).into(),
        qualification,
    }))
}

/// Record a certification
///
/// A certificate of the caller's organisation (GL 4.4; FAQ 4.2 R1, R3): the Privacy Mark,
/// ISMS, an equivalent (ISMAP, CS Gold Mark, FedRAMP, SOC 2, SOC 3, other), or an external
/// audit by a qualified auditor.
#[utoipa::path(
    post,
    path = "/certifications",
    tag = "ledger",
    operation_id = "create_certification",
    security(("bearer" = [])),
    request_body = NewCertification,
    responses(
        (status = 201, description = "Recorded", body = Certification,
            headers(("location" = String, description = "The certification list"))),
        (status = 403, description = "The role keeps no ledger (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn create_certification(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Body(body): Body<NewCertification>,
) -> Result<Response, Problem> {
    let input = d::NewCertification {
        kind: d::CertificationKind::from(body.kind).code().to_owned(),
        auditor_qualification: body
            .auditor_qualification
            .map(|q| d::AuditorQualification::from(q).code().to_owned())
            .unwrap_or_default(),
        equivalent_name: body.equivalent_name.unwrap_or_default(),
        scope: body.scope,
        issuer: body.issuer,
        valid_from: body.valid_from,
        valid_to: body.valid_to,
    };
    let c = state
        .app
        .add_certification(&caller, input)
        .await
        .map_err(api_error)?;
    let dto = certification(&c, state.app.today_in_japan())?;
    Ok(created("/api/v1/certifications", dto))
}

// ── Devices ─────────────────────────────────────────────────────────────────────────────

/// The disposal of a device.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Disposal {
    /// YYYY-MM-DD.
    #[schema(format = Date)]
    pub on: String,
    pub method: DisposalMethod,
    /// The certificate that the data can no longer be read (別紙2 ③-8); required when the
    /// device stored medical information.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub erasure_certificate: Option<String>,
}

/// A warning on a device in service.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeviceWarning {
    pub kind: DeviceWarningKind,
    pub rule: ChainRule,
}

/// A device of the ledger, with its warnings today.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Device {
    pub id: Uuid,
    /// The organisation that keeps the ledger.
    pub org: Uuid,
    /// Send it back with a change; a stale one is refused with 409.
    pub revision: i64,
    pub kind: DeviceKind,
    pub model: String,
    pub serial: String,
    /// The institution it is deployed at; none for the provider's own premises.
    pub institution: Option<Uuid>,
    pub location: String,
    /// Where it may be used (FAQ 6.1 R5).
    pub permitted_use: Option<String>,
    pub holder: String,
    pub stores_medical_information: bool,
    pub encryption: Encryption,
    pub os_firmware: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub support_ends_on: Option<jiff::civil::Date>,
    pub disposal: Option<Disposal>,
    pub warnings: Vec<DeviceWarning>,
}

fn device(d_: &StoredDevice, today: jiff::civil::Date) -> Result<Device, AppError> {
    let x = &d_.device;
    Ok(Device {
        id: id_of(&d_.id, "device")?,
        org: *d_.org.as_uuid(),
        revision: d_.revision,
        kind: x.kind.into(),
        model: x.model.clone(),
        serial: x.serial.clone(),
        institution: x.institution.map(|i| *i.as_uuid()),
        location: x.location.clone(),
        permitted_use: x.permitted_use.clone(),
        holder: x.holder.clone(),
        stores_medical_information: x.stores_medical_information,
        encryption: x.encryption.into(),
        os_firmware: x.os_firmware.clone(),
        support_ends_on: x.support_ends_on,
        disposal: x.disposal.as_ref().map(|p| Disposal {
            on: p.on.to_string(),
            method: p.method.into(),
            erasure_certificate: p.erasure_certificate.clone(),
        }),
        warnings: d::device_warnings(x, today, d::SUPPORT_WARN_DAYS)
            .iter()
            .map(|w| DeviceWarning {
                kind: w.kind.into(),
                rule: (&w.rule).into(),
            })
            .collect(),
    })
}

list_of!(
    /// A page of devices.
    DeviceList of Device
);

/// The filters of the device list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DeviceParams {
    /// Only the devices deployed at this institution.
    #[param(value_type = Option<Uuid>)]
    pub institution: Option<String>,
    /// `true`: only disposed devices; `false`: only those in service.
    #[param(value_type = Option<bool>)]
    pub disposed: Option<String>,
    /// Rows per page, 1–500 (default 50).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
    /// Rows to skip (default 0).
    #[param(value_type = Option<i64>, minimum = 0)]
    pub offset: Option<String>,
}

/// A device as recorded in the ledger.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDevice {
    pub kind: DeviceKind,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^\s*[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*\s*$"
    )]
    pub model: String,
    /// Required: the ledger identifies each device by it (FAQ 6.1 (エ)).
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^\s*[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*\s*$"
    )]
    pub serial: String,
    /// The institution it is deployed at (one the caller sees); none for own premises.
    #[serde(default)]
    pub institution: Option<Uuid>,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^\s*[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*\s*$"
    )]
    pub location: String,
    #[serde(default)]
    #[schema(max_length = 500)]
    pub permitted_use: Option<String>,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^\s*[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*\s*$"
    )]
    pub holder: String,
    #[serde(default)]
    pub stores_medical_information: bool,
    /// Default `not_recorded`.
    #[serde(default)]
    pub encryption: Option<Encryption>,
    #[serde(default)]
    #[schema(max_length = 200)]
    pub os_firmware: Option<String>,
    /// YYYY-MM-DD.
    #[serde(default)]
    #[schema(format = Date)]
    pub support_ends_on: Option<String>,
    #[serde(default)]
    pub disposal: Option<Disposal>,
}

/// A device's entry replaced (a move, a new holder, its disposal), with the revision read.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeviceUpdate {
    pub kind: DeviceKind,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^\s*[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*\s*$"
    )]
    pub model: String,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^\s*[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*\s*$"
    )]
    pub serial: String,
    #[serde(default)]
    pub institution: Option<Uuid>,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^\s*[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*\s*$"
    )]
    pub location: String,
    #[serde(default)]
    #[schema(max_length = 500)]
    pub permitted_use: Option<String>,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^\s*[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*\s*$"
    )]
    pub holder: String,
    #[serde(default)]
    pub stores_medical_information: bool,
    #[serde(default)]
    pub encryption: Option<Encryption>,
    #[serde(default)]
    #[schema(max_length = 200)]
    pub os_firmware: Option<String>,
    #[serde(default)]
    #[schema(format = Date)]
    pub support_ends_on: Option<String>,
    #[serde(default)]
    pub disposal: Option<Disposal>,
    /// The revision the change is based on; a stale one is refused with 409.
    #[schema(minimum = 1, maximum = 9_007_199_254_740_991_i64)]
    pub revision: i64,
}

impl From<DeviceUpdate> for (NewDevice, i64) {
    fn from(u: DeviceUpdate) -> Self {
        (
            NewDevice {
                kind: u.kind,
                model: u.model,
                serial: u.serial,
                institution: u.institution,
                location: u.location,
                permitted_use: u.permitted_use,
                holder: u.holder,
                stores_medical_information: u.stores_medical_information,
                encryption: u.encryption,
                os_firmware: u.os_firmware,
                support_ends_on: u.support_ends_on,
                disposal: u.disposal,
            },
            u.revision,
        )
    }
}

impl NewDevice {
    fn into_domain(self) -> Result<d::Device, FieldError> {
        Ok(d::Device {
            kind: self.kind.into(),
            model: self.model,
            serial: self.serial,
            institution: self.institution.map(OrgId::from_uuid),
            location: self.location,
            permitted_use: self.permitted_use,
            holder: self.holder,
            stores_medical_information: self.stores_medical_information,
            encryption: self
                .encryption
                .map_or(d::Encryption::NotRecorded, Into::into),
            os_firmware: self.os_firmware,
            support_ends_on: match self.support_ends_on.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(s) => Some(parse_date("support_ends_on", s)?),
            },
            disposal: match self.disposal {
                None => None,
                Some(p) => Some(d::Disposal {
                    on: parse_date("disposal.on", &p.on)?,
                    method: p.method.into(),
                    erasure_certificate: p.erasure_certificate,
                }),
            },
        })
    }
}

/// List devices
///
/// The devices the caller can see: its organisation's ledger; for an institution reviewer
/// the devices deployed at it. Each with its warnings today (support ended or ending,
/// medical information without recorded encryption, place of use not restricted).
#[utoipa::path(
    get,
    path = "/devices",
    tag = "ledger",
    operation_id = "list_devices",
    security(("bearer" = [])),
    params(DeviceParams),
    responses((status = 200, description = "A page of devices", body = DeviceList)),
)]
pub async fn list_devices(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<DeviceParams>,
) -> Result<Json<DeviceList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let institution = id_param("institution", &q.institution, OrgId::parse_field)?;
    let disposed = bool_param("disposed", &q.disposed)?;
    let today = state.app.today_in_japan();
    let rows = state
        .app
        .list_devices(&caller, institution, anzen_app::ports::Page::all())
        .await?
        .rows
        .iter()
        .filter(|x| disposed.is_none_or(|f| x.device.is_disposed() == f))
        .map(|x| device(x, today))
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(Json(DeviceList::from_all(rows, page)))
}

/// Add a device
///
/// Records a device in the caller's organisation's ledger. A device without a serial
/// number, or with the serial of one already in the ledger, is refused (422 naming
/// `serial`).
#[utoipa::path(
    post,
    path = "/devices",
    tag = "ledger",
    operation_id = "create_device",
    security(("bearer" = [])),
    request_body = NewDevice,
    responses(
        (status = 201, description = "Recorded", body = Device,
            headers(("location" = String, description = "The device list"))),
        (status = 403, description = "The role keeps no ledger (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn create_device(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Body(body): Body<NewDevice>,
) -> Result<Response, Problem> {
    let x = body.into_domain()?;
    let stored = state.app.add_device(&caller, x).await.map_err(api_error)?;
    let dto = device(&stored, state.app.today_in_japan())?;
    Ok(created("/api/v1/devices", dto))
}

/// Change a device
///
/// Replaces a device's entry: a move, a new holder, its disposal (with the erasure
/// certificate when it stored medical information, 別紙2 ③-8).
#[utoipa::path(
    put,
    path = "/devices/{id}",
    tag = "ledger",
    operation_id = "update_device",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The device's id")),
    request_body = DeviceUpdate,
    responses(
        (status = 200, description = "The entry as saved", body = Device),
        (status = 403, description = "The role keeps no ledger (`forbidden`)", body = crate::error::ErrorBody),
        (status = 409, description = "The entry changed since it was read (`conflict`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn update_device(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<DeviceUpdate>,
) -> Result<Json<Device>, Problem> {
    let (body, revision): (NewDevice, i64) = body.into();
    let revision = super::extract::revision("revision", revision, 1)?;
    let x = body.into_domain()?;
    let stored = state
        .app
        .update_device(&caller, &id.to_string(), revision, x)
        .await
        .map_err(api_error)?;
    Ok(Json(device(&stored, state.app.today_in_japan())?))
}

// ── Disclosures ─────────────────────────────────────────────────────────────────────────

/// Information given to an institution.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Disclosure {
    pub id: Uuid,
    /// The provider that disclosed it.
    pub org: Uuid,
    pub institution: Uuid,
    /// A Table 4-1 key (e.g. `②-1`) or an extra item (FAQ 4.1).
    pub item_key: String,
    pub item_title: String,
    /// `early` (purpose ①), `contract` (purpose ②) or `extra`.
    pub stage: String,
    pub answer: String,
    pub disclosed_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub disclosed_at: jiff::Timestamp,
}

impl TryFrom<&AppDisclosure> for Disclosure {
    type Error = AppError;

    fn try_from(x: &AppDisclosure) -> Result<Self, AppError> {
        Ok(Disclosure {
            id: id_of(&x.id, "disclosure")?,
            org: *x.org.as_uuid(),
            institution: *x.institution.as_uuid(),
            item_key: x.item_key.clone(),
            item_title: x.item_title.clone(),
            stage: x.stage.clone(),
            answer: x.answer.clone(),
            disclosed_by: x.disclosed_by.clone(),
            disclosed_at: x.disclosed_at,
        })
    }
}

/// One Table 4-1 item for the institution.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DisclosureItem {
    pub key: String,
    pub title_ja: String,
    pub title_en: String,
    /// `early` (purpose ①) or `contract` (purpose ②).
    pub stage: String,
    /// anzen's suggested answer (empty when the item is answered by hand).
    pub suggested: String,
    /// Where anzen can answer it from (`manual` when it cannot).
    pub answerable_from: String,
    /// What was last disclosed of this item to this institution.
    pub last: Option<Disclosure>,
}

impl TryFrom<&AppItem> for DisclosureItem {
    type Error = AppError;

    fn try_from(i: &AppItem) -> Result<Self, AppError> {
        Ok(DisclosureItem {
            key: i.key.clone(),
            title_ja: i.title_ja.clone(),
            title_en: i.title_en.clone(),
            stage: i.stage.clone(),
            suggested: i.suggested.clone(),
            answerable_from: i.answerable_from.clone(),
            last: i.last.as_ref().map(Disclosure::try_from).transpose()?,
        })
    }
}

/// The Table 4-1 items for one institution and what was disclosed to it, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Disclosures {
    pub institution: Uuid,
    pub items: Vec<DisclosureItem>,
    pub history: Vec<Disclosure>,
}

/// What was disclosed of one item.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDisclosure {
    /// A Table 4-1 key (e.g. `①-1`), or the name of an extra item (FAQ 4.1).
    #[schema(min_length = 1, pattern = r"\S")]
    pub item: String,
    /// The information given.
    #[schema(min_length = 1, pattern = r"\S")]
    pub answer: String,
}

/// The institution of a disclosure route, if the caller may see disclosures to it: 403 for
/// a role without the ledger, 404 for an institution it cannot see (an institution's
/// reviewer sees only its own).
async fn institution(
    state: &AppState,
    caller: &anzen_app::Caller,
    id: Uuid,
    action: Action,
) -> Result<OrgId, AppError> {
    let id = OrgId::from_uuid(id);
    match caller.reach(Subject::Ledger, action, state.app.now()) {
        Reach::Nothing => return Err(AppError::Forbidden("your role cannot do this")),
        Reach::AsInstitution(own) if own != id => {
            return Err(AppError::NotFound {
                what: "institution",
            });
        }
        _ => {}
    }
    let org = state
        .app
        .organisation(caller, id)
        .await
        .map_err(|_| AppError::NotFound {
            what: "institution",
        })?;
    if org.org_type.kind() != OrgKind::MedicalInstitution {
        return Err(AppError::NotFound {
            what: "institution",
        });
    }
    Ok(org.id)
}

async fn disclosures(
    state: &AppState,
    caller: &anzen_app::Caller,
    inst: OrgId,
) -> Result<Disclosures, AppError> {
    let items = state.app.disclosure_items(caller, inst).await?;
    let history = state.app.list_disclosures(caller, Some(inst)).await?;
    Ok(Disclosures {
        institution: *inst.as_uuid(),
        items: items
            .iter()
            .map(DisclosureItem::try_from)
            .collect::<Result<_, _>>()?,
        history: history
            .iter()
            .map(Disclosure::try_from)
            .collect::<Result<_, _>>()?,
    })
}

/// What was disclosed to an institution
///
/// The Table 4-1 items by stage (purpose ① early, purpose ② contract) with anzen's
/// suggested answers and what was last disclosed, and the history of disclosures to the
/// institution (GL 4.1, FAQ 4.1). An institution's reviewer sees what was disclosed to it.
#[utoipa::path(
    get,
    path = "/institutions/{id}/disclosures",
    tag = "ledger",
    operation_id = "get_disclosures",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The institution's id")),
    responses(
        (status = 200, description = "The items and the history", body = Disclosures),
        (status = 403, description = "The role cannot read disclosures (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn get_disclosures(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
) -> Result<Json<Disclosures>, Problem> {
    let inst = institution(&state, &caller, id, Action::Read).await?;
    Ok(Json(disclosures(&state, &caller, inst).await?))
}

/// Record a disclosure
///
/// Records that an item (a Table 4-1 key or an extra item, FAQ 4.1) was disclosed to the
/// institution, with the answer given, by the caller, now.
#[utoipa::path(
    post,
    path = "/institutions/{id}/disclosures",
    tag = "ledger",
    operation_id = "create_disclosure",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The institution's id")),
    request_body = NewDisclosure,
    responses(
        (status = 201, description = "Recorded", body = Disclosure,
            headers(("location" = String, description = "The institution's disclosures"))),
        (status = 403, description = "The role cannot record disclosures (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn create_disclosure(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<NewDisclosure>,
) -> Result<Response, Problem> {
    let inst = institution(&state, &caller, id, Action::Write).await?;
    let x = state
        .app
        .disclose(&caller, &inst.to_string(), &body.item, &body.answer)
        .await
        .map_err(|e| match e {
            AppError::Invalid(mut fe) if fe.field == "key" => {
                fe.field = "item".into();
                Problem::invalid(fe)
            }
            other => api_error(other),
        })?;
    Ok(created(
        &format!("/api/v1/institutions/{inst}/disclosures"),
        Disclosure::try_from(&x)?,
    ))
}
