//! Support for the JSON API tests (`mod api_support;` after `mod support;`): a client that
//! speaks JSON with a bearer token, the error-shape check, and a world of the demo data plus
//! a second provider (もみじ) with its own institution, partner, offering, contract, supply
//! link and member, for the "other organisation" cases.
#![allow(dead_code)]

use anzen_app::Caller;
use anzen_app::accounts::UserInput;
use anzen_app::contracts::ContractInput;
use anzen_app::offerings::OfferingInput;
use anzen_app::orgs::OrganisationInput;
use anzen_app::supply::SupplyLinkInput;
use anzen_domain::access::Role;
use anzen_domain::ids::OfferingId;
use anzen_domain::scope::ScopeProfile;
use serde_json::{Value, json};

use crate::support::{PASSWORD, TestApp};

/// Every role, in a fixed order.
pub const ROLES: [Role; 5] = [
    Role::ProviderAdmin,
    Role::ProviderMember,
    Role::InstitutionReviewer,
    Role::Partner,
    Role::Auditor,
];

/// An answer of the API.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub text: String,
    pub location: Option<String>,
    pub content_type: String,
}

impl Reply {
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or_default()
    }

    pub fn field(&self) -> &str {
        self.body["error"]["field"].as_str().unwrap_or_default()
    }

    pub fn accepted(&self) -> Vec<String> {
        self.body["error"]["accepted"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn items(&self) -> &Vec<Value> {
        self.body["items"].as_array().expect("a listing")
    }
}

/// Sends a request to `/api/v1{path}`.
pub async fn call(
    t: &TestApp,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> Reply {
    let mut req = reqwest::Client::new().request(
        method.parse().expect("a method"),
        t.url(&format!("/api/v1{path}")),
    );
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    if let Some(body) = body {
        req = req.json(body);
    }
    into_reply(req.send().await.expect("the server answers")).await
}

/// Sends raw bytes with a content type (or none).
pub async fn call_raw(
    t: &TestApp,
    method: &str,
    path: &str,
    token: &str,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> Reply {
    let mut req = reqwest::Client::new()
        .request(
            method.parse().expect("a method"),
            t.url(&format!("/api/v1{path}")),
        )
        .bearer_auth(token)
        .body(body);
    if let Some(ct) = content_type {
        req = req.header("content-type", ct);
    }
    into_reply(req.send().await.expect("the server answers")).await
}

async fn into_reply(res: reqwest::Response) -> Reply {
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned());
    let content_type = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap_or_default().to_owned())
        .unwrap_or_default();
    let text = res.text().await.expect("a body");
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Reply {
        status,
        body,
        text,
        location,
        content_type,
    }
}

/// Checks that a reply is either a success with a JSON body (or 204 without one) or the
/// error body `{"error": {"code", "message", "field"?, "accepted"?}}` with the code that
/// belongs to its status. Returns what is wrong.
pub fn shape_problem(r: &Reply) -> Option<String> {
    if r.status == 204 {
        return (!r.text.is_empty()).then(|| "a 204 with a body".to_owned());
    }
    // An issued document (POST /documents) answers the file itself.
    const FILES: [&str; 3] = [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ];
    if (200..300).contains(&r.status) && FILES.contains(&r.content_type.as_str()) {
        return r.text.is_empty().then(|| "an empty file".to_owned());
    }
    if !r.content_type.starts_with("application/json") {
        return Some(format!("content type `{}`", r.content_type));
    }
    if (200..300).contains(&r.status) {
        return (!r.body.is_object())
            .then(|| format!("a success without a JSON object: {}", r.text));
    }
    let Some(obj) = r.body.as_object() else {
        return Some(format!("an error without a JSON body: {}", r.text));
    };
    if obj.len() != 1 || !obj.contains_key("error") {
        return Some(format!("an error body with other keys: {}", r.text));
    }
    let e = r.body["error"].as_object().expect("error is an object");
    for key in e.keys() {
        if !["code", "message", "field", "accepted"].contains(&key.as_str()) {
            return Some(format!("an unknown key `{key}` in the error: {}", r.text));
        }
    }
    if !e.get("message").is_some_and(Value::is_string) {
        return Some(format!("an error without a message: {}", r.text));
    }
    if e.get("field").is_some_and(|f| !f.is_string()) {
        return Some(format!("a field that is not a string: {}", r.text));
    }
    if e.get("accepted")
        .is_some_and(|a| !a.as_array().is_some_and(|a| a.iter().all(Value::is_string)))
    {
        return Some(format!("accepted values that are not strings: {}", r.text));
    }
    let code = r.code();
    match anzen_web::api::ERROR_CODES
        .iter()
        .find(|(c, _, _)| *c == code)
    {
        Some((_, status, _)) if *status == r.status => None,
        Some((_, status, _)) => Some(format!(
            "code `{code}` belongs to {status}, not {}",
            r.status
        )),
        None => Some(format!("an unknown error code `{code}`: {}", r.text)),
    }
}

/// The second provider and everything it owns.
#[derive(Debug, Clone)]
pub struct Other {
    pub provider: String,
    pub clinic: String,
    pub partner: String,
    pub offering: String,
    pub contract: String,
    pub link: String,
    pub user: String,
    pub member_login: String,
    /// A risk of the second provider's register.
    pub risk: String,
    /// An information flow of the second provider's offering.
    pub flow: String,
    /// A control the second provider defined (its own, not Appendix 2).
    pub control: String,
    /// A component of the second provider's offering.
    pub component: String,
    /// The second provider's 運用管理規程 (version 1).
    pub rules: String,
}

impl Other {
    /// Every id of the other organisation, for "never in a listing" checks.
    pub fn ids(&self) -> Vec<&str> {
        vec![
            &self.provider,
            &self.clinic,
            &self.partner,
            &self.offering,
            &self.contract,
            &self.link,
            &self.user,
            &self.risk,
        ]
    }
}

/// The demo data with one token per role, and the second provider.
pub struct World {
    pub t: TestApp,
    tokens: Vec<(Role, String)>,
    /// Each role's own user and organisation ids.
    users: Vec<(Role, String, String)>,
    pub sakura: String,
    pub hinoki: String,
    pub minato: String,
    /// さくらクラウド電子カルテ (contracted by みなと総合病院).
    pub ehr: String,
    /// ひのきIaaS 東京リージョン (ひのき's own offering).
    pub region: String,
    /// A member of さくら whose password the administrator may reset.
    pub throwaway_user: String,
    /// A demo risk on the cloud EHR: accepted and awaiting the institutions' consent.
    pub risk: String,
    pub other: Other,
}

/// A scope profile in the contract's JSON form.
pub fn profile_json(service: &str) -> Value {
    json!({
        "schema": "anzen/scope-profile/v1",
        "service": service,
        "contract": {"provision": true},
        "handles_medical_information": true,
        "stores_medical_information": true,
    })
}

impl World {
    pub async fn new() -> Self {
        let t = TestApp::spawn().await;
        let op = Caller::operator("tests");
        let org = |name: &str| t.demo.org(name).unwrap().id.to_string();
        let sakura = org(anzen_app::demo::CLOUD_EHR_PROVIDER);
        let hinoki = org(anzen_app::demo::IAAS);
        let minato = org(anzen_app::demo::HOSPITAL);
        let offering = |name: &str| {
            t.demo
                .offerings
                .iter()
                .find(|o| o.name.as_str() == name)
                .unwrap()
                .id
                .to_string()
        };
        let ehr = offering("さくらクラウド電子カルテ");
        let region = offering("ひのきIaaS 東京リージョン");

        let add_org = |kind: &str, ik: &str, name: &str, by: &str| {
            let input = OrganisationInput {
                kind: kind.into(),
                institution_kind: ik.into(),
                name: name.into(),
                registered_by: by.into(),
            };
            let app = t.app.clone();
            let op = op.clone();
            async move {
                app.add_organisation(&op, input)
                    .await
                    .unwrap()
                    .id
                    .to_string()
            }
        };
        let provider = add_org("provider", "", "もみじヘルスケア株式会社", "").await;
        let clinic = add_org(
            "medical_institution",
            "clinic",
            "もみじ眼科クリニック",
            &provider,
        )
        .await;
        let partner = add_org("partner", "", "くすのきデータセンター株式会社", &provider).await;
        let mut momiji_profile = ScopeProfile::new("もみじ予約システム");
        momiji_profile.contract.provision = true;
        momiji_profile.handles_medical_information = true;
        let other_offering = t
            .app
            .add_offering(
                &op,
                OfferingInput {
                    provider: provider.clone(),
                    name: "もみじ予約システム".into(),
                    description: String::new(),
                    profile: momiji_profile,
                },
            )
            .await
            .unwrap();
        let contract = t
            .app
            .add_contract(
                &op,
                ContractInput {
                    institution: clinic.clone(),
                    provider: provider.clone(),
                    offering: other_offering.id.to_string(),
                    kind: "provision".into(),
                    starts_on: "2026-04-01".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let link = t
            .app
            .add_supply_link(
                &op,
                SupplyLinkInput {
                    offering: other_offering.id.to_string(),
                    code: "I1".into(),
                    supplier: partner.clone(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let other_risk = t
            .app
            .add_risk(
                &op,
                anzen_app::risks::RiskInput {
                    offering: other_offering.id.to_string(),
                    title: "予約情報の誤送信".into(),
                    threat: "予約確認メールの誤送信".into(),
                    confidentiality: true,
                    impact: "3".into(),
                    likelihood: "3".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let other_flow = t
            .app
            .add_flow(
                &op,
                other_offering.id,
                anzen_app::risks::FlowInput {
                    who: "受付職員".into(),
                    place: "もみじ眼科クリニック".into(),
                    device_or_medium: "受付端末".into(),
                    what: "予約情報".into(),
                    how: "予約の確認".into(),
                    class: "patient_personal_information".into(),
                    environment: "production".into(),
                    components: Vec::new(),
                },
            )
            .await
            .unwrap();
        let other_component = t
            .app
            .add_component(
                &op,
                other_offering.id,
                anzen_app::risks::ComponentInput {
                    name: "予約サーバ".into(),
                    kind: "server".into(),
                    environment: "production".into(),
                    location: String::new(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let as_other = Caller::Operator {
            name: "tests".into(),
            org: Some(other_offering.provider),
        };
        let (_, draft) = t.app.rules_draft(&as_other, None).await.unwrap();
        let other_rules = t
            .app
            .issue_rules(&as_other, None, None, draft)
            .await
            .unwrap()
            .id;
        let other_control = "MOMIJI-AUTH-01".to_owned();
        t.app
            .add_provider_control(
                &Caller::Operator {
                    name: "tests".into(),
                    org: Some(other_offering.provider),
                },
                &other_control,
                "予約システムの認証",
                "予約システムの利用者認証を定める",
            )
            .await
            .unwrap();
        let risk = t
            .demo
            .risks
            .iter()
            .find(|r| {
                r.treatment
                    .as_ref()
                    .is_some_and(|t| t.option.needs_institution_consent())
            })
            .expect("a demo risk awaiting consent")
            .id
            .to_string();
        let add_user = |org: &str, login: &str, role: Role| {
            let input = UserInput {
                org: org.into(),
                login: login.into(),
                display_name: login.into(),
                role: role.code().into(),
                password: PASSWORD.into(),
                access_until: String::new(),
                must_change_password: Some(false),
            };
            let app = t.app.clone();
            let op = op.clone();
            async move { app.add_user(&op, input).await.unwrap().id.to_string() }
        };
        let member_login = "member@momiji-health.example".to_owned();
        let user = add_user(&provider, &member_login, Role::ProviderMember).await;
        let throwaway_user =
            add_user(&sakura, "temp@sakura-medical.example", Role::ProviderMember).await;

        let mut tokens = Vec::new();
        let mut users = Vec::new();
        for role in ROLES {
            let token = t.token(role).await;
            let me = call(&t, "GET", "/me", Some(&token), None).await;
            assert_eq!(me.status, 200, "{}", me.text);
            users.push((
                role,
                me.body["user"]["id"].as_str().unwrap().to_owned(),
                me.body["organisation"]["id"].as_str().unwrap().to_owned(),
            ));
            tokens.push((role, token));
        }
        World {
            t,
            tokens,
            users,
            sakura,
            hinoki,
            minato,
            ehr,
            region,
            throwaway_user,
            risk,
            other: Other {
                provider,
                clinic,
                partner,
                offering: other_offering.id.to_string(),
                contract: contract.id.to_string(),
                link: link.id.to_string(),
                user,
                member_login,
                risk: other_risk.id.to_string(),
                flow: other_flow.id.to_string(),
                control: other_control,
                component: other_component.id.to_string(),
                rules: other_rules,
            },
        }
    }

    pub fn token(&self, role: Role) -> &str {
        &self.tokens.iter().find(|(r, _)| *r == role).unwrap().1
    }

    pub fn user_of(&self, role: Role) -> &str {
        &self.users.iter().find(|(r, _, _)| *r == role).unwrap().1
    }

    pub fn org_of(&self, role: Role) -> &str {
        &self.users.iter().find(|(r, _, _)| *r == role).unwrap().2
    }

    /// The offering each role sees as its own: the partner's own offering, the contracted
    /// cloud EHR for everyone else.
    pub fn offering_of(&self, role: Role) -> &str {
        if role == Role::Partner {
            &self.region
        } else {
            &self.ehr
        }
    }

    /// The current revision of an offering (read as the operator).
    pub async fn revision(&self, offering: &str) -> i64 {
        let id: OfferingId = offering.parse().unwrap();
        self.t
            .app
            .offering(&Caller::operator("tests"), id)
            .await
            .unwrap()
            .offering
            .revision
    }

    /// The first information flow of the cloud EHR and its current revision (read as the
    /// operator).
    pub async fn ehr_flow(&self) -> (String, i64) {
        let id: OfferingId = self.ehr.parse().unwrap();
        let f = self
            .t
            .app
            .list_flows(&Caller::operator("tests"), id)
            .await
            .unwrap()
            .into_iter()
            .next()
            .expect("the demo cloud EHR has flows");
        (f.id.to_string(), f.revision)
    }

    /// The first component of the cloud EHR and its current revision (read as the operator).
    pub async fn ehr_component(&self) -> (String, i64) {
        let id: OfferingId = self.ehr.parse().unwrap();
        let c = self
            .t
            .app
            .list_components(&Caller::operator("tests"), id)
            .await
            .unwrap()
            .into_iter()
            .next()
            .expect("the demo cloud EHR has components");
        (c.id.to_string(), c.revision)
    }

    /// The provider's (さくら's) current general 運用管理規程: its id, version, digest and
    /// sections (read by its administrator).
    pub async fn rules_state(&self) -> (String, i64, String, Value) {
        let r = self
            .call("GET", "/operational-rules", Role::ProviderAdmin, None)
            .await;
        let v = r.body["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["current"] == true && v["offering"].is_null())
            .expect("the demo provider has general rules")
            .clone();
        (
            v["id"].as_str().unwrap().to_owned(),
            v["version"].as_i64().unwrap(),
            v["digest"].as_str().unwrap().to_owned(),
            v["sections"].clone(),
        )
    }

    /// A risk's current revision and content digest (read as the operator).
    pub async fn risk_state(&self, risk: &str) -> (i64, String) {
        let id: anzen_domain::ids::RiskId = risk.parse().unwrap();
        let d = self
            .t
            .app
            .risk_detail(&Caller::operator("tests"), id)
            .await
            .unwrap();
        (d.row.risk.revision, d.digest)
    }

    /// The id of the newest question or decline in a risk's thread (what an answer replies
    /// to); the institution's reviewer asks a question first when there is none. A risk
    /// out of the reviewer's reach gets a fresh id (the answer is refused before it counts).
    pub async fn last_thread_entry(&self, risk: &str) -> String {
        let id: anzen_domain::ids::RiskId = risk.parse().unwrap();
        let last = |d: &anzen_app::risks::RiskDetail| {
            d.thread
                .iter()
                .rev()
                .find(|e| e.kind != anzen_domain::risk::EntryKind::Answer)
                .map(|e| e.id.to_string())
        };
        let d = self
            .t
            .app
            .risk_detail(&Caller::operator("tests"), id)
            .await
            .unwrap();
        if let Some(e) = last(&d) {
            return e;
        }
        let reviewer = self.t.session(Role::InstitutionReviewer).await.caller();
        match self
            .t
            .app
            .ask_about_risk(&reviewer, id, "質問があります")
            .await
        {
            Ok(d) => last(&d).unwrap(),
            Err(_) => uuid::Uuid::new_v4().to_string(),
        }
    }

    /// An API token of a user who needs no MFA, by login.
    pub async fn token_of_login(&self, login: &str) -> String {
        let step = self.t.app.sign_in(login, PASSWORD, "test").await.unwrap();
        let ctx = self.t.app.session_context(&step.token).await.unwrap();
        assert!(ctx.is_active(), "{login} signs in without MFA");
        self.t
            .app
            .create_api_token(&ctx, "tests", None)
            .await
            .unwrap()
            .secret
    }

    pub async fn call(&self, method: &str, path: &str, role: Role, body: Option<&Value>) -> Reply {
        call(&self.t, method, path, Some(self.token(role)), body).await
    }
}

/// The operations of the OpenAPI document: (METHOD, path template).
pub fn documented_routes() -> Vec<(String, String)> {
    let doc = anzen_web::api::openapi();
    let mut routes = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            routes.push((method.to_uppercase(), path.clone()));
        }
    }
    routes
}

/// The JSON schema named `name` in the document's components.
pub fn schema(name: &str) -> Value {
    anzen_web::api::openapi()["components"]["schemas"][name].clone()
}

/// The name of the request body schema of an operation, if it takes a body.
pub fn body_schema_name(method: &str, path: &str) -> Option<String> {
    let doc = anzen_web::api::openapi();
    let r = doc["paths"][path][method.to_lowercase()]["requestBody"]["content"]["application/json"]
        ["schema"]["$ref"]
        .as_str()?
        .rsplit('/')
        .next()?
        .to_owned();
    Some(r)
}

/// Follows `$ref`s and skips the `null` alternative of optional values.
pub fn resolve(schema: &Value) -> Value {
    let doc = anzen_web::api::openapi();
    let mut s = schema.clone();
    for _ in 0..16 {
        if let Some(name) = s["$ref"]
            .as_str()
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
        {
            s = doc["components"]["schemas"][name].clone();
            continue;
        }
        let alts = s
            .get("oneOf")
            .or_else(|| s.get("anyOf"))
            .and_then(Value::as_array)
            .cloned();
        if let Some(alts) = alts {
            s = alts
                .into_iter()
                .find(|a| a["type"] != "null")
                .unwrap_or(Value::Null);
            continue;
        }
        break;
    }
    s
}

/// The properties of an object schema, resolved, in the document's order.
pub fn properties(schema: &Value) -> Vec<(String, Value)> {
    resolve(schema)["properties"]
        .as_object()
        .map(|p| p.iter().map(|(k, v)| (k.clone(), resolve(v))).collect())
        .unwrap_or_default()
}

/// The required properties of an object schema.
pub fn required(schema: &Value) -> Vec<String> {
    resolve(schema)["required"]
        .as_array()
        .map(|r| {
            r.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether a resolved schema allows `ty` (`"string"`, `"boolean"`, …).
pub fn allows(schema: &Value, ty: &str) -> bool {
    match &schema["type"] {
        Value::String(t) => t == ty,
        Value::Array(ts) => ts.iter().any(|t| t == ty),
        _ => false,
    }
}
