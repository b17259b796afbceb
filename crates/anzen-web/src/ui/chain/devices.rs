//! The device ledger (FAQ 6.1 (エ), R4, R5): the list with filters (institution, disposed)
//! and each device's warnings (support ended, medical information without recorded
//! encryption, place of use not restricted), the counts per institution for the stocktake,
//! the add and edit forms with every field, and the disposal form (date, method, and the
//! certificate that the data can no longer be read, required when the device stored medical
//! information: 別紙2 ③-8). An institution's reviewer sees the devices deployed at it.

use anzen_app::AppError;
use anzen_app::ports::{Page, StoredDevice};
use anzen_domain::FieldError;
use anzen_domain::access::{Action, Subject};
use anzen_domain::chain::{
    Device, DeviceKind, Disposal, DisposalMethod, Encryption, device_warnings,
};
use anzen_domain::contract::parse_date;
use anzen_domain::ids::OrgId;
use anzen_domain::org::OrgKind;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::form_errors;
use crate::AppState;
use crate::dates;
use crate::extract::SignedIn;
use crate::i18n::Lang;
use crate::ui::chrome::{Chrome, FlashKind, Nav};
use crate::ui::common::{
    Choice, FormErrors, Names, PAGE_SIZE, Paging, can, era_hint, fail, forbidden, label, not_found,
    org_names, page_number,
};
use crate::ui::{render, render_status, see_other};

#[derive(Debug, Clone)]
struct Row {
    id: String,
    kind: &'static str,
    model: String,
    serial: String,
    institution: String,
    location: String,
    permitted_use: String,
    holder: String,
    stores_medical_information: bool,
    encryption: &'static str,
    os_firmware: String,
    support_ends_on: String,
    disposal: String,
    disposed: bool,
    warnings: Vec<(&'static str, String)>,
}

#[derive(Debug, Clone)]
struct StocktakeRow {
    institution: String,
    in_service: usize,
    disposed: usize,
    storing: usize,
    support_ended: usize,
    by_kind: String,
}

#[derive(Template)]
#[template(path = "chain/devices.html")]
struct ListPage {
    chrome: Chrome,
    rows: Vec<Row>,
    total: i64,
    paging: Paging,
    institutions: Vec<Choice>,
    disposed: Vec<Choice>,
    stocktake: Vec<StocktakeRow>,
    can_write: bool,
    filtered: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    institution: String,
    #[serde(default)]
    disposed: String,
    #[serde(default)]
    page: String,
}

/// The institution filter: `own` is the provider's own premises.
enum Where {
    Any,
    Own,
    At(OrgId),
}

/// `GET /devices`.
pub async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<ListQuery>,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let place = match q.institution.trim() {
        "" => Where::Any,
        "own" => Where::Own,
        s => match s.parse::<OrgId>() {
            Ok(o) => Where::At(o),
            Err(_) => Where::Any,
        },
    };
    let all = match state
        .app
        .list_devices(
            &user.caller,
            match place {
                Where::At(o) => Some(o),
                _ => None,
            },
            Page::all(),
        )
        .await
    {
        Ok(l) => l.rows,
        Err(e) => return fail(ctx, e),
    };
    let disposed_filter = match q.disposed.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    let shown: Vec<&StoredDevice> = all
        .iter()
        .filter(|d| !matches!(place, Where::Own) || d.device.institution.is_none())
        .filter(|d| disposed_filter.is_none_or(|f| d.device.is_disposed() == f))
        .collect();
    let total = shown.len() as i64;
    let page = page_number(&q.page);
    let skip = usize::try_from(i64::from(page - 1) * PAGE_SIZE).unwrap_or(usize::MAX);
    let stocktake = match state.app.device_stocktake(&user.caller).await {
        Ok(s) => s,
        Err(e) => return fail(ctx, e),
    };
    let visible = match org_names(&state, &user).await {
        Ok(o) => o,
        Err(e) => return fail(ctx, e),
    };
    let mut inst_ids: Vec<OrgId> = all.iter().filter_map(|d| d.device.institution).collect();
    inst_ids.extend(stocktake.iter().filter_map(|s| s.institution));
    inst_ids.extend(
        visible
            .iter()
            .filter(|o| o.org_type.kind() == OrgKind::MedicalInstitution)
            .map(|o| o.id),
    );
    inst_ids.sort();
    inst_ids.dedup();
    let names = match Names::for_ids(&state, &user, inst_ids.iter().copied(), []).await {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let today = state.app.today_in_japan();
    let own_premises = ctx.t("devices.own_premises");
    let rows = shown
        .iter()
        .skip(skip)
        .take(PAGE_SIZE as usize)
        .map(|d| {
            let x = &d.device;
            Row {
                id: d.id.clone(),
                kind: label(lang, x.kind.label_ja(), x.kind.label_en()),
                model: x.model.clone(),
                serial: x.serial.clone(),
                institution: x
                    .institution
                    .map(|i| names.org(i))
                    .unwrap_or_else(|| own_premises.to_owned()),
                location: x.location.clone(),
                permitted_use: x.permitted_use.clone().unwrap_or_default(),
                holder: x.holder.clone(),
                stores_medical_information: x.stores_medical_information,
                encryption: label(lang, x.encryption.label_ja(), x.encryption.label_en()),
                os_firmware: x.os_firmware.clone().unwrap_or_default(),
                support_ends_on: x
                    .support_ends_on
                    .map(|d| dates::format_date(d, lang))
                    .unwrap_or_default(),
                disposal: x
                    .disposal
                    .as_ref()
                    .map(|p| {
                        let mut s = format!(
                            "{} {}",
                            dates::format_date(p.on, lang),
                            label(lang, p.method.label_ja(), p.method.label_en())
                        );
                        if let Some(c) = &p.erasure_certificate {
                            s.push_str(&format!(
                                " · {}: {c}",
                                crate::i18n::t(lang, "devices.erasure_certificate")
                            ));
                        }
                        s
                    })
                    .unwrap_or_default(),
                disposed: x.is_disposed(),
                warnings: device_warnings(x, today, anzen_domain::chain::SUPPORT_WARN_DAYS)
                    .iter()
                    .map(|w| {
                        (
                            w.kind.code(),
                            format!(
                                "{}: {}",
                                label(lang, w.kind.label_ja(), w.kind.label_en()),
                                super::cited(lang, &w.rule)
                            ),
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    let stocktake = stocktake
        .iter()
        .map(|s| StocktakeRow {
            institution: s
                .institution
                .map(|i| names.org(i))
                .unwrap_or_else(|| own_premises.to_owned()),
            in_service: s.in_service,
            disposed: s.disposed,
            storing: s.storing_medical_information,
            support_ended: s.support_ended,
            by_kind: s
                .by_kind
                .iter()
                .map(|(k, n)| format!("{} {n}", label(lang, k.label_ja(), k.label_en())))
                .collect::<Vec<_>>()
                .join("、"),
        })
        .collect();
    let current = q.institution.trim();
    let institutions = [
        Choice::new("", ctx.t("devices.all_places"), current),
        Choice::new("own", own_premises, current),
    ]
    .into_iter()
    .chain(
        inst_ids
            .iter()
            .map(|i| Choice::new(i.to_string(), names.org(*i), current)),
    )
    .collect();
    let disposed_value = match disposed_filter {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    };
    let filters = [("institution", current), ("disposed", disposed_value)];
    let page = ListPage {
        chrome: ctx.chrome(ctx.t("nav.devices"), Nav::Devices),
        rows,
        total,
        paging: Paging::new("/devices", &filters, page, total),
        institutions,
        disposed: vec![
            Choice::new("", ctx.t("devices.disposed_any"), disposed_value),
            Choice::new("no", ctx.t("devices.in_service"), disposed_value),
            Choice::new("yes", ctx.t("devices.disposed"), disposed_value),
        ],
        stocktake,
        can_write: can(&user, Subject::Ledger, Action::Write),
        filtered: !current.is_empty() || !disposed_value.is_empty(),
    };
    render(ctx, &page)
}

// ── Add and edit ────────────────────────────────────────────────────────────────────────

#[derive(Template)]
#[template(path = "chain/device_form.html")]
struct FormPage {
    chrome: Chrome,
    /// `/devices` or `/devices/{id}`.
    action: String,
    editing: bool,
    revision: String,
    kinds: Vec<Choice>,
    model: String,
    serial: String,
    institutions: Vec<Choice>,
    location: String,
    permitted_use: String,
    holder: String,
    stores_medical_information: bool,
    encryptions: Vec<Choice>,
    os_firmware: String,
    support_ends_on: String,
    support_ends_on_era: String,
    errors: FormErrors,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct DeviceForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    model: String,
    #[serde(default)]
    serial: String,
    #[serde(default)]
    institution: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    permitted_use: String,
    #[serde(default)]
    holder: String,
    #[serde(default)]
    stores_medical_information: String,
    #[serde(default)]
    encryption: String,
    #[serde(default)]
    os_firmware: String,
    #[serde(default)]
    support_ends_on: String,
    #[serde(default)]
    revision: String,
}

impl DeviceForm {
    fn of(d: &StoredDevice) -> Self {
        let x = &d.device;
        DeviceForm {
            kind: x.kind.code().to_owned(),
            model: x.model.clone(),
            serial: x.serial.clone(),
            institution: x.institution.map(|i| i.to_string()).unwrap_or_default(),
            location: x.location.clone(),
            permitted_use: x.permitted_use.clone().unwrap_or_default(),
            holder: x.holder.clone(),
            stores_medical_information: if x.stores_medical_information {
                "1".into()
            } else {
                String::new()
            },
            encryption: x.encryption.code().to_owned(),
            os_firmware: x.os_firmware.clone().unwrap_or_default(),
            support_ends_on: x.support_ends_on.map(|d| d.to_string()).unwrap_or_default(),
            revision: d.revision.to_string(),
        }
    }

    /// The device as typed (validated further by the use-case); `disposal` is kept.
    fn device(&self, disposal: Option<Disposal>) -> Result<Device, FieldError> {
        let optional = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        Ok(Device {
            kind: DeviceKind::parse_field("kind", &self.kind)?,
            model: self.model.clone(),
            serial: self.serial.clone(),
            institution: match self.institution.trim() {
                "" => None,
                s => Some(OrgId::parse_field("institution", s)?),
            },
            location: self.location.clone(),
            permitted_use: optional(&self.permitted_use),
            holder: self.holder.clone(),
            stores_medical_information: !self.stores_medical_information.trim().is_empty(),
            encryption: if self.encryption.trim().is_empty() {
                Encryption::NotRecorded
            } else {
                Encryption::parse_field("encryption", &self.encryption)?
            },
            os_firmware: optional(&self.os_firmware),
            support_ends_on: match self.support_ends_on.trim() {
                "" => None,
                s => Some(parse_date("support_ends_on", s)?),
            },
            disposal,
        })
    }
}

async fn form_page(
    state: &AppState,
    user: &SignedIn,
    id: Option<&str>,
    form: &DeviceForm,
    errors: FormErrors,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let orgs = match org_names(state, user).await {
        Ok(o) => o,
        Err(e) => return fail(ctx, e),
    };
    let choose = |current: &str| Choice::new("", ctx.t("form.choose"), current);
    let encryption = if form.encryption.is_empty() {
        Encryption::NotRecorded.code()
    } else {
        form.encryption.as_str()
    };
    let page = FormPage {
        chrome: ctx.chrome(
            ctx.t(if id.is_some() {
                "devices.edit"
            } else {
                "devices.add"
            }),
            Nav::Devices,
        ),
        action: id.map_or_else(|| "/devices".to_owned(), |i| format!("/devices/{i}")),
        editing: id.is_some(),
        revision: form.revision.clone(),
        kinds: std::iter::once(choose(&form.kind))
            .chain(DeviceKind::ALL.iter().map(|k| {
                Choice::new(
                    k.code(),
                    label(lang, k.label_ja(), k.label_en()),
                    &form.kind,
                )
            }))
            .collect(),
        model: form.model.clone(),
        serial: form.serial.clone(),
        institutions: std::iter::once(Choice::new(
            "",
            ctx.t("devices.own_premises"),
            &form.institution,
        ))
        .chain(
            orgs.iter()
                .filter(|o| o.org_type.kind() == OrgKind::MedicalInstitution)
                .map(|o| Choice::new(o.id.to_string(), o.name.to_string(), &form.institution)),
        )
        .collect(),
        location: form.location.clone(),
        permitted_use: form.permitted_use.clone(),
        holder: form.holder.clone(),
        stores_medical_information: !form.stores_medical_information.trim().is_empty(),
        encryptions: Encryption::ALL
            .iter()
            .map(|e| {
                Choice::new(
                    e.code(),
                    label(lang, e.label_ja(), e.label_en()),
                    encryption,
                )
            })
            .collect(),
        os_firmware: form.os_firmware.clone(),
        support_ends_on: form.support_ends_on.clone(),
        support_ends_on_era: era_hint(lang, &form.support_ends_on),
        errors: errors.clone(),
    };
    if errors.is_empty() {
        render(ctx, &page)
    } else {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

/// The form's field of a use-case error (the disposal's fields are named without prefix).
fn errors_of(lang: Lang, e: &AppError) -> Option<FormErrors> {
    match e {
        AppError::Invalid(fe) => {
            let field = fe.field.strip_prefix("disposal.").unwrap_or(&fe.field);
            Some(FormErrors::one(field, super::message(lang, fe)))
        }
        _ => form_errors(lang, e),
    }
}

/// `GET /devices/new`.
pub async fn new_form(State(state): State<AppState>, user: SignedIn) -> Response {
    if !can(&user, Subject::Ledger, Action::Write) {
        return forbidden(&user.ctx);
    }
    form_page(
        &state,
        &user,
        None,
        &DeviceForm::default(),
        FormErrors::default(),
    )
    .await
}

/// `POST /devices`.
pub async fn create(
    State(state): State<AppState>,
    user: SignedIn,
    Form(form): Form<DeviceForm>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Ledger, Action::Write) {
        return forbidden(ctx);
    }
    let device = match form.device(None) {
        Ok(d) => d,
        Err(fe) => {
            let errors = FormErrors::one(&fe.field, super::message(ctx.lang, &fe));
            return form_page(&state, &user, None, &form, errors).await;
        }
    };
    match state.app.add_device(&user.caller, device).await {
        Ok(d) => see_other(
            ctx,
            "/devices",
            Some((
                FlashKind::Success,
                format!(
                    "{} {} {}",
                    ctx.t("flash.created"),
                    d.device.model,
                    d.device.serial
                ),
            )),
        ),
        Err(e) => match errors_of(ctx.lang, &e) {
            Some(errors) => form_page(&state, &user, None, &form, errors).await,
            None => fail(ctx, e),
        },
    }
}

async fn load(state: &AppState, user: &SignedIn, raw: &str) -> Result<StoredDevice, AppError> {
    if raw.parse::<uuid::Uuid>().is_err() {
        return Err(AppError::NotFound { what: "device" });
    }
    state.app.device(&user.caller, raw.trim()).await
}

/// `GET /devices/{id}/edit`.
pub async fn edit_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Ledger, Action::Write) {
        return forbidden(ctx);
    }
    match load(&state, &user, &raw).await {
        Ok(d) => {
            form_page(
                &state,
                &user,
                Some(&d.id),
                &DeviceForm::of(&d),
                FormErrors::default(),
            )
            .await
        }
        Err(e) => fail(ctx, e),
    }
}

fn revision_of(raw: &str) -> Result<i64, FieldError> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|r| *r >= 1)
        .ok_or_else(|| FieldError::new("revision", "must be 1 or more"))
}

/// `POST /devices/{id}`: the edited entry (its disposal, if any, is kept).
pub async fn update(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(form): Form<DeviceForm>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Ledger, Action::Write) {
        return forbidden(ctx);
    }
    let current = match load(&state, &user, &raw).await {
        Ok(d) => d,
        Err(e) => return fail(ctx, e),
    };
    let parsed = revision_of(&form.revision)
        .and_then(|r| form.device(current.device.disposal.clone()).map(|d| (r, d)));
    let (revision, device) = match parsed {
        Ok(v) => v,
        Err(fe) => {
            let errors = FormErrors::one(&fe.field, super::message(ctx.lang, &fe));
            return form_page(&state, &user, Some(&current.id), &form, errors).await;
        }
    };
    match state
        .app
        .update_device(&user.caller, &current.id, revision, device)
        .await
    {
        Ok(d) => see_other(
            ctx,
            "/devices",
            Some((
                FlashKind::Success,
                format!(
                    "{} {} {}",
                    ctx.t("flash.saved"),
                    d.device.model,
                    d.device.serial
                ),
            )),
        ),
        Err(e) => match errors_of(ctx.lang, &e) {
            Some(errors) => form_page(&state, &user, Some(&current.id), &form, errors).await,
            None => fail(ctx, e),
        },
    }
}

// ── Disposal ────────────────────────────────────────────────────────────────────────────

#[derive(Template)]
#[template(path = "chain/device_dispose.html")]
struct DisposePage {
    chrome: Chrome,
    id: String,
    device: String,
    stores_medical_information: bool,
    revision: String,
    disposed_on: String,
    disposed_on_era: String,
    methods: Vec<Choice>,
    erasure_certificate: String,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct DisposeForm {
    #[serde(default)]
    disposed_on: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    erasure_certificate: String,
    #[serde(default)]
    revision: String,
}

fn dispose_page(
    user: &SignedIn,
    d: &StoredDevice,
    form: &DisposeForm,
    errors: FormErrors,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let page = DisposePage {
        chrome: ctx.chrome(ctx.t("devices.dispose"), Nav::Devices),
        id: d.id.clone(),
        device: format!("{} {}", d.device.model, d.device.serial),
        stores_medical_information: d.device.stores_medical_information,
        revision: if form.revision.is_empty() {
            d.revision.to_string()
        } else {
            form.revision.clone()
        },
        disposed_on: form.disposed_on.clone(),
        disposed_on_era: era_hint(lang, &form.disposed_on),
        methods: std::iter::once(Choice::new("", ctx.t("form.choose"), &form.method))
            .chain(DisposalMethod::ALL.iter().map(|m| {
                Choice::new(
                    m.code(),
                    label(lang, m.label_ja(), m.label_en()),
                    &form.method,
                )
            }))
            .collect(),
        erasure_certificate: form.erasure_certificate.clone(),
        errors: errors.clone(),
    };
    if errors.is_empty() {
        render(ctx, &page)
    } else {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

/// `GET /devices/{id}/dispose`.
pub async fn dispose_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Ledger, Action::Write) {
        return forbidden(ctx);
    }
    match load(&state, &user, &raw).await {
        Ok(d) if d.device.is_disposed() => not_found(ctx, "device"),
        Ok(d) => dispose_page(&user, &d, &DisposeForm::default(), FormErrors::default()),
        Err(e) => fail(ctx, e),
    }
}

/// `POST /devices/{id}/dispose`: records the disposal.
pub async fn dispose(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(form): Form<DisposeForm>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Ledger, Action::Write) {
        return forbidden(ctx);
    }
    let current = match load(&state, &user, &raw).await {
        Ok(d) => d,
        Err(e) => return fail(ctx, e),
    };
    let parsed = (|| {
        let revision = revision_of(&form.revision)?;
        let on = parse_date("disposed_on", &form.disposed_on)?;
        let method = DisposalMethod::parse_field("method", &form.method)?;
        let erasure_certificate =
            Some(form.erasure_certificate.trim().to_owned()).filter(|s| !s.is_empty());
        Ok::<_, FieldError>((
            revision,
            Disposal {
                on,
                method,
                erasure_certificate,
            },
        ))
    })();
    let (revision, disposal) = match parsed {
        Ok(v) => v,
        Err(fe) => {
            let errors = FormErrors::one(&fe.field, super::message(ctx.lang, &fe));
            return dispose_page(&user, &current, &form, errors);
        }
    };
    let device = Device {
        disposal: Some(disposal),
        ..current.device.clone()
    };
    match state
        .app
        .update_device(&user.caller, &current.id, revision, device)
        .await
    {
        Ok(d) => see_other(
            ctx,
            "/devices?disposed=yes",
            Some((
                FlashKind::Success,
                format!(
                    "{} {} {}",
                    ctx.t("devices.disposed_flash"),
                    d.device.model,
                    d.device.serial
                ),
            )),
        ),
        Err(e) => match errors_of(ctx.lang, &e) {
            Some(errors) => dispose_page(&user, &current, &form, errors),
            None => fail(ctx, e),
        },
    }
}
