//! An offering's configuration (components) and information flows (GL 5.1.1, 5.2).

use super::*;

/// A component of an offering's configuration (GL 5.1.1).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Component {
    pub id: Uuid,
    pub offering: Uuid,
    pub name: String,
    pub kind: ComponentKind,
    pub environment: Environment,
    pub location: Option<String>,
    /// ISO 3166-1 alpha-2 code of the country it stands in (Table 4-1 ①-1, ②-1, ②-2).
    pub country: Option<String>,
    /// It stores medical information: its place answers Table 4-1 ①-1, ②-1 and ②-2.
    pub holds_medical_info: bool,
    /// 1 when added, one more at each edit; send it back with an edit.
    pub revision: i64,
}

impl From<d::Component> for Component {
    fn from(c: d::Component) -> Self {
        Component {
            id: *c.id.as_uuid(),
            offering: *c.offering.as_uuid(),
            name: c.name.to_string(),
            kind: c.kind.into(),
            environment: c.environment.into(),
            location: c.location,
            country: c.country.map(|k| k.code().to_owned()),
            holds_medical_info: c.holds_medical_info,
            revision: c.revision,
        }
    }
}

list_of!(
    /// The components of an offering, by environment and name.
    ComponentList of Component
);

/// A new component.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComponent {
    /// 1–200 characters on one line.
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^\s*[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*\s*$"
    )]
    pub name: String,
    pub kind: ComponentKind,
    pub environment: Environment,
    /// Where it runs or is kept.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub location: Option<String>,
    /// ISO 3166-1 alpha-2 code of the country it stands in, e.g. `JP` (Table 4-1 ①-1, ②-1,
    /// ②-2; GL 6.1). Blank clears it.
    #[serde(default)]
    #[schema(max_length = 2, pattern = r"^([A-Za-z]{2})?$")]
    pub country: Option<String>,
    /// It stores medical information (its place answers Table 4-1 ①-1, ②-1, ②-2).
    #[serde(default)]
    pub holds_medical_info: Option<bool>,
}

/// List the components of an offering
///
/// The offering's configuration (全体構成図): its components in the production,
/// development and test environments.
#[utoipa::path(
    get,
    path = "/offerings/{id}/components",
    tag = "risks",
    operation_id = "list_components",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id"), PageParams),
    responses(
        (status = 200, description = "The components", body = ComponentList),
        (status = 403, description = "The role cannot read risks (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn list_components(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Query(q): Query<PageParams>,
) -> Result<Json<ComponentList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let rows = state
        .app
        .list_components(&caller, OfferingId::from_uuid(id))
        .await?;
    Ok(Json(ComponentList::from_all(rows, page)))
}

/// Add a component to an offering
#[utoipa::path(
    post,
    path = "/offerings/{id}/components",
    tag = "risks",
    operation_id = "create_component",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id")),
    request_body = NewComponent,
    responses(
        (status = 201, description = "Recorded", body = Component,
            headers(("location" = String, description = "The offering's components"))),
        (status = 403, description = "The role cannot change risks (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn create_component(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<NewComponent>,
) -> Result<Response, Problem> {
    let input = ComponentInput {
        name: body.name,
        kind: d::ComponentKind::from(body.kind).code().to_owned(),
        environment: d::Environment::from(body.environment).code().to_owned(),
        location: body.location.unwrap_or_default(),
        country: body.country,
        holds_medical_info: body.holds_medical_info,
    };
    let c = state
        .app
        .add_component(&caller, OfferingId::from_uuid(id), input)
        .await
        .map_err(api_error)?;
    Ok(created(
        &format!("/api/v1/offerings/{id}/components"),
        Component::from(c),
    ))
}

/// An information flow (情報流, GL 5.1.1, 5.2).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InformationFlow {
    pub id: Uuid,
    pub offering: Uuid,
    /// 誰が: who.
    pub who: String,
    /// どこの・どこを: where.
    pub place: String,
    /// どの機器・媒体で: on which device or medium.
    pub device_or_medium: String,
    /// 何を・何が: what.
    pub what: String,
    /// どう処理されるか: how it is processed.
    pub how: String,
    pub class: FlowClass,
    pub environment: Environment,
    /// The components it passes through.
    pub components: Vec<Uuid>,
    /// 1 when added, one more at each edit; send it back with an edit.
    pub revision: i64,
}

impl From<d::InformationFlow> for InformationFlow {
    fn from(f: d::InformationFlow) -> Self {
        InformationFlow {
            id: *f.id.as_uuid(),
            offering: *f.offering.as_uuid(),
            who: f.who,
            place: f.place,
            device_or_medium: f.device_or_medium,
            what: f.what,
            how: f.how,
            class: f.class.into(),
            environment: f.environment.into(),
            components: f.components.iter().map(|c| *c.as_uuid()).collect(),
            revision: f.revision,
        }
    }
}

list_of!(
    /// The information flows of an offering.
    FlowList of InformationFlow
);

/// A new information flow: who, where, on which device or medium, what, how.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewFlow {
    #[schema(min_length = 1, max_length = 500, pattern = r"\S")]
    pub who: String,
    #[schema(min_length = 1, max_length = 500, pattern = r"\S")]
    pub place: String,
    #[schema(min_length = 1, max_length = 500, pattern = r"\S")]
    pub device_or_medium: String,
    #[schema(min_length = 1, max_length = 500, pattern = r"\S")]
    pub what: String,
    #[schema(min_length = 1, max_length = 500, pattern = r"\S")]
    pub how: String,
    pub class: FlowClass,
    pub environment: Environment,
    /// Components of the offering it passes through.
    #[serde(default)]
    pub components: Vec<Uuid>,
}

/// List the information flows of an offering
#[utoipa::path(
    get,
    path = "/offerings/{id}/flows",
    tag = "risks",
    operation_id = "list_flows",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id"), PageParams),
    responses(
        (status = 200, description = "The information flows", body = FlowList),
        (status = 403, description = "The role cannot read risks (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn list_flows(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Query(q): Query<PageParams>,
) -> Result<Json<FlowList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let rows = state
        .app
        .list_flows(&caller, OfferingId::from_uuid(id))
        .await?;
    Ok(Json(FlowList::from_all(rows, page)))
}

/// Add an information flow to an offering
#[utoipa::path(
    post,
    path = "/offerings/{id}/flows",
    tag = "risks",
    operation_id = "create_flow",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id")),
    request_body = NewFlow,
    responses(
        (status = 201, description = "Recorded", body = InformationFlow,
            headers(("location" = String, description = "The offering's flows"))),
        (status = 403, description = "The role cannot change risks (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn create_flow(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<NewFlow>,
) -> Result<Response, Problem> {
    let input = FlowInput {
        who: body.who,
        place: body.place,
        device_or_medium: body.device_or_medium,
        what: body.what,
        how: body.how,
        class: d::FlowClass::from(body.class).code().to_owned(),
        environment: d::Environment::from(body.environment).code().to_owned(),
        components: body.components.iter().map(Uuid::to_string).collect(),
    };
    let f = state
        .app
        .add_flow(&caller, OfferingId::from_uuid(id), input)
        .await
        .map_err(api_error)?;
    Ok(created(
        &format!("/api/v1/offerings/{id}/flows"),
        InformationFlow::from(f),
    ))
}
