//! Technology-change notices (FAQ 5.2) and the duties treatments place on the caller's
//! institution.

use super::*;

/// A technology-change notice (FAQ 5.2).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TechNotice {
    pub id: Uuid,
    pub title: String,
    pub description: String,
    /// The control whose technology changed (an Appendix 2 item key or the provider's own).
    pub control: Option<String>,
    /// How many risks it marked for review.
    pub risks_marked: i64,
    /// The risks it marked: those whose measures implement the control.
    pub risks: Vec<Uuid>,
    pub raised_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub raised_at: jiff::Timestamp,
}

/// A new technology-change notice and the risks it affects.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTechNotice {
    /// 1–200 characters on one line, e.g. 「多要素認証が標準になった」.
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^\s*[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*\s*$"
    )]
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub description: String,
    /// The control whose technology changed: an Appendix 2 item key (as written or in
    /// ASCII, e.g. `1.1/①-1` or `1.1-1-1`) or the key of one of the provider's own controls.
    /// The notice marks exactly the risks whose measures implement it (see
    /// `POST /tech-notices/preview`).
    #[schema(min_length = 1, max_length = 200)]
    pub control: String,
}

/// Raise a technology-change notice
///
/// Records that technology moved on (FAQ 5.2: four-digit passwords → longer passwords →
/// multi-factor authentication) for a control, and marks for review, in the same
/// transaction, exactly the risks whose measures implement that control. An unknown control
/// is a 422 naming `control`.
#[utoipa::path(
    post,
    path = "/tech-notices",
    tag = "risks",
    operation_id = "raise_tech_notice",
    security(("bearer" = [])),
    request_body = NewTechNotice,
    responses(
        (status = 201, description = "Raised; the risks are marked for review", body = TechNotice),
        (status = 403, description = "The role cannot change risks (`forbidden`)", body = crate::error::ErrorBody),
        (status = 422, description = "A field is not valid, e.g. an unknown `control` (`invalid_input`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn raise_notice(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Body(body): Body<NewTechNotice>,
) -> Result<Response, Problem> {
    let (n, marked) = state
        .app
        .raise_tech_notice(&caller, &body.title, &body.description, &body.control)
        .await
        .map_err(api_error)?;
    let dto = TechNotice {
        id: *n.id.as_uuid(),
        title: n.title.to_string(),
        description: n.description,
        control: n.control,
        risks_marked: n.risks_marked,
        risks: marked.iter().map(|r| *r.as_uuid()).collect(),
        raised_by: n.raised_by,
        raised_at: n.raised_at,
    };
    Ok((StatusCode::CREATED, Json(dto)).into_response())
}

/// A duty a treatment places on the caller's institution (FAQ 5.2).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InstitutionDuty {
    pub risk: Uuid,
    pub offering: Uuid,
    pub risk_title: String,
    pub description: String,
}

impl From<anzen_app::ports::InstitutionDuty> for InstitutionDuty {
    fn from(d: anzen_app::ports::InstitutionDuty) -> Self {
        InstitutionDuty {
            risk: *d.risk.as_uuid(),
            offering: *d.offering.as_uuid(),
            risk_title: d.risk_title,
            description: d.description,
        }
    }
}

list_of!(
    /// The duties of the caller's institution, by risk.
    DutyList of InstitutionDuty
);

/// List our institution's duties
///
/// The measures that risk treatments place on the caller's medical institution (FAQ 5.2:
/// e.g. not posting passwords on terminals in consultation rooms). Institution reviewers
/// only.
#[utoipa::path(
    get,
    path = "/institution/duties",
    tag = "risks",
    operation_id = "list_institution_duties",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "The duties", body = DutyList),
        (status = 403, description = "Duties are listed for medical institutions (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn duties(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<PageParams>,
) -> Result<Json<DutyList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let rows = state.app.my_institution_duties(&caller).await?;
    Ok(Json(DutyList::from_all(rows, page)))
}
