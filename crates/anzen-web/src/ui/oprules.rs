//! 運用管理規程 on the pages (GL 5.1.6 (2), FAQ 6.1): the versions (a provider's all, an
//! institution's those covering its contracts, with what it must put into its own rules,
//! Table 4-1 ②-3), the edit form of the next version (drafted from anzen's data), and one
//! version with each covered institution's standing, where an institution agrees, declines
//! or asks and the provider answers.
//!
//! Who may do what is the domain's policy (`anzen_domain::oprules`); a refusal shows the
//! field's message and writes nothing.

use anzen_app::Caller;
use anzen_app::oprules::RulesView;
use anzen_domain::access::{Action, Role, Subject};
use anzen_domain::ids::{OfferingId, OrgId};
use anzen_domain::oprules::{Prefill, ResponseKind, Section, Standing};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::chrome::{Chrome, FlashKind, Nav};
use super::common::{FormErrors, can, fail, label};
use super::{render, see_other};
use crate::AppState;
use crate::dates;
use crate::extract::SignedIn;
use crate::i18n::Lang;

/// One version as a row of the list.
#[derive(Debug, Clone)]
pub struct RulesRow {
    pub id: String,
    pub version: i64,
    /// 第2版 / version 2.
    pub version_label: String,
    pub scope: String,
    pub current: bool,
    pub issued_at: String,
    pub issued_by: String,
    pub agreed: usize,
    pub covered: usize,
    /// The reading institution's own standing (empty for a provider).
    pub own_standing: String,
}

/// A duty the institution puts into its own rules (Table 4-1 ②-3).
#[derive(Debug, Clone)]
pub struct ItemRow {
    pub risk_title: String,
    pub description: String,
}

#[derive(Template)]
#[template(path = "oprules/list.html")]
struct ListPage {
    chrome: Chrome,
    rows: Vec<RulesRow>,
    can_issue: bool,
    offerings: Vec<(String, String)>,
    items: Vec<ItemRow>,
    is_institution: bool,
}

/// 第2版 / version 2.
fn version_label(lang: Lang, n: i64) -> String {
    crate::i18n::t(lang, "oprules.version_n").replace("{n}", &n.to_string())
}

fn standing_label(lang: Lang, s: Standing) -> &'static str {
    label(lang, s.label_ja(), s.label_en())
}

fn scope_label(lang: Lang, v: &RulesView) -> String {
    match &v.offering_name {
        Some(n) => n.clone(),
        None => crate::i18n::t(lang, "oprules.scope_general").to_owned(),
    }
}

fn is_institution(caller: &Caller) -> bool {
    matches!(caller, Caller::User(p) if p.role == Role::InstitutionReviewer)
}

/// `GET /operational-rules`.
pub async fn list(State(state): State<AppState>, user: SignedIn) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let views = match state.app.list_rules(&user.caller).await {
        Ok(v) => v,
        Err(e) => return fail(ctx, e),
    };
    let institution = is_institution(&user.caller);
    let rows = views
        .iter()
        .map(|v| RulesRow {
            id: v.rules.id.clone(),
            version: v.rules.version,
            version_label: version_label(lang, v.rules.version),
            scope: scope_label(lang, v),
            current: v.current,
            issued_at: dates::format_timestamp(v.rules.issued_at, lang),
            issued_by: super::audit_text::actor(lang, &v.rules.issued_by, &Default::default()),
            agreed: v
                .institutions
                .iter()
                .filter(|i| i.standing == Standing::Agreed)
                .count(),
            covered: v.institutions.len(),
            own_standing: if institution {
                v.institutions
                    .first()
                    .map(|i| standing_label(lang, i.standing).to_owned())
                    .unwrap_or_default()
            } else {
                String::new()
            },
        })
        .collect();
    let can_issue = !institution && can(&user, Subject::Agreements, Action::Write);
    let offerings = if can_issue {
        match state
            .app
            .list_offerings(
                &user.caller,
                &anzen_app::ports::OfferingQuery::default(),
                anzen_app::ports::Page::all(),
            )
            .await
        {
            Ok(l) => l
                .rows
                .iter()
                .map(|o| (o.id.to_string(), o.name.to_string()))
                .collect(),
            Err(e) => return fail(ctx, e),
        }
    } else {
        Vec::new()
    };
    let items = match (&user.caller, institution) {
        (Caller::User(p), true) => {
            match state.app.institution_rule_items(&user.caller, p.org).await {
                Ok(items) => items
                    .into_iter()
                    .map(|i| ItemRow {
                        risk_title: i.risk_title,
                        description: i.description,
                    })
                    .collect(),
                Err(e) => return fail(ctx, e),
            }
        }
        _ => Vec::new(),
    };
    let page = ListPage {
        chrome: ctx.chrome(ctx.t("oprules.title").to_owned(), Nav::OperationalRules),
        rows,
        can_issue,
        offerings,
        items,
        is_institution: institution,
    };
    render(ctx, &page)
}

/// One section in the edit form.
#[derive(Debug, Clone)]
pub struct SectionField {
    pub index: usize,
    pub key: String,
    pub title: String,
    pub body: String,
    pub prefill: String,
    pub prefill_label: &'static str,
    pub error: String,
}

#[derive(Template)]
#[template(path = "oprules/edit.html")]
struct EditPage {
    chrome: Chrome,
    offering: String,
    scope: String,
    expected_version: String,
    sections: Vec<SectionField>,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct EditParams {
    #[serde(default)]
    offering: String,
}

fn parse_offering(raw: &str) -> Result<Option<OfferingId>, anzen_app::AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    Ok(Some(OfferingId::parse_field("offering", raw)?))
}

fn edit_page(
    user: &SignedIn,
    offering: &str,
    scope: String,
    expected_version: Option<i64>,
    sections: &[Section],
    errors: FormErrors,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let fields = sections
        .iter()
        .enumerate()
        .map(|(index, s)| {
            let p = Prefill::from_code(&s.prefill).unwrap_or(Prefill::Manual);
            SectionField {
                index,
                key: s.key.clone(),
                title: s.title.clone(),
                body: s.body.clone(),
                prefill: p.code().to_owned(),
                prefill_label: label(lang, p.label_ja(), p.label_en()),
                error: [
                    errors.get(&format!("sections[{index}].body")),
                    errors.get(&format!("sections[{index}].title")),
                    errors.get(&format!("sections[{index}].key")),
                ]
                .into_iter()
                .find(|e| !e.is_empty())
                .unwrap_or_default()
                .to_owned(),
            }
        })
        .collect();
    let page = EditPage {
        chrome: ctx.chrome(ctx.t("oprules.new").to_owned(), Nav::OperationalRules),
        offering: offering.to_owned(),
        scope,
        expected_version: expected_version.map(|v| v.to_string()).unwrap_or_default(),
        sections: fields,
        errors,
    };
    render(ctx, &page)
}

async fn scope_name(state: &AppState, user: &SignedIn, offering: Option<OfferingId>) -> String {
    match offering {
        Some(o) => state
            .app
            .offering(&user.caller, o)
            .await
            .map(|d| d.offering.name.to_string())
            .unwrap_or_default(),
        None => user.ctx.t("oprules.scope_general").to_owned(),
    }
}

/// `GET /operational-rules/new?offering=`: the next version, from the newest or a draft.
pub async fn new(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<EditParams>,
) -> Response {
    let ctx = &user.ctx;
    let offering = match parse_offering(&q.offering) {
        Ok(o) => o,
        Err(e) => return fail(ctx, e),
    };
    match state.app.rules_draft(&user.caller, offering).await {
        Ok((version, sections)) => {
            let scope = scope_name(&state, &user, offering).await;
            edit_page(
                &user,
                &q.offering,
                scope,
                version,
                &sections,
                FormErrors::default(),
            )
        }
        Err(e) => fail(ctx, e),
    }
}

/// The edit form's fields: `offering`, `expected_version`, and per section `key_N`,
/// `title_N`, `body_N`, `prefill_N`; an extra item when `extra_title` and `extra_body` are
/// given.
fn parse_form(pairs: &[(String, String)]) -> (String, Option<i64>, Vec<Section>) {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut sections = Vec::new();
    for i in 0..anzen_domain::oprules::MAX_SECTIONS {
        let key = get(&format!("key_{i}"));
        if key.is_empty() && !pairs.iter().any(|(n, _)| *n == format!("key_{i}")) {
            break;
        }
        sections.push(Section {
            key,
            title: get(&format!("title_{i}")),
            body: get(&format!("body_{i}")),
            prefill: get(&format!("prefill_{i}")),
        });
    }
    let (extra_title, extra_body) = (get("extra_title"), get("extra_body"));
    if !extra_title.trim().is_empty() || !extra_body.trim().is_empty() {
        let n = sections
            .iter()
            .filter(|s| !anzen_domain::oprules::MINIMUM_ITEMS.contains(&s.key.as_str()))
            .count()
            + 1;
        sections.push(Section {
            key: format!("追加{n}"),
            title: extra_title,
            body: extra_body,
            prefill: "manual".into(),
        });
    }
    let expected = get("expected_version").trim().parse::<i64>().ok();
    (get("offering"), expected, sections)
}

/// `POST /operational-rules`: issue the version.
pub async fn issue(
    State(state): State<AppState>,
    user: SignedIn,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let ctx = &user.ctx;
    let (raw_offering, expected, sections) = parse_form(&pairs);
    let offering = match parse_offering(&raw_offering) {
        Ok(o) => o,
        Err(e) => return fail(ctx, e),
    };
    match state
        .app
        .issue_rules(&user.caller, offering, expected, sections.clone())
        .await
    {
        Ok(r) => see_other(
            ctx,
            &format!("/operational-rules/{}", r.id),
            Some((
                FlashKind::Success,
                format!(
                    "{}：{}",
                    ctx.t("oprules.issued"),
                    version_label(ctx.lang, r.version)
                ),
            )),
        ),
        Err(e) => match FormErrors::from_error(ctx.lang, &e) {
            Some(errors) => {
                let scope = scope_name(&state, &user, offering).await;
                edit_page(&user, &raw_offering, scope, expected, &sections, errors)
            }
            None => fail(ctx, e),
        },
    }
}

/// One covered institution on the version page.
#[derive(Debug, Clone)]
pub struct StandingRow {
    pub institution: String,
    pub name: String,
    pub standing: &'static str,
    pub code: &'static str,
    /// The provider may answer it (a decline or question is open).
    pub answerable: bool,
}

/// One response on the version page.
#[derive(Debug, Clone)]
pub struct ResponseRow {
    pub institution: String,
    pub kind: &'static str,
    pub text: String,
    pub by: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "oprules/view.html")]
struct ViewPage {
    chrome: Chrome,
    id: String,
    version_label: String,
    scope: String,
    current: bool,
    digest: String,
    issued_at: String,
    issued_by: String,
    sections: Vec<SectionField>,
    institutions: Vec<StandingRow>,
    responses: Vec<ResponseRow>,
    /// An institution's reviewer on the current version: the agree/decline/ask forms.
    can_respond: bool,
    own_standing: String,
    /// A provider's user: the answer forms and the "new version" link.
    can_answer: bool,
    offering: String,
    errors: FormErrors,
}

async fn view_page(state: &AppState, user: &SignedIn, id: &str, errors: FormErrors) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let v = match state.app.rules_view(&user.caller, id).await {
        Ok(v) => v,
        Err(e) => return fail(ctx, e),
    };
    let institution = is_institution(&user.caller);
    let name_of = |o: OrgId| {
        v.institutions
            .iter()
            .find(|i| i.institution == o)
            .map(|i| i.name.clone())
            .unwrap_or_else(|| o.to_string())
    };
    let page = ViewPage {
        chrome: ctx.chrome(
            format!(
                "{} {}",
                ctx.t("oprules.title"),
                version_label(lang, v.rules.version)
            ),
            Nav::OperationalRules,
        ),
        id: v.rules.id.clone(),
        version_label: version_label(lang, v.rules.version),
        scope: scope_label(lang, &v),
        current: v.current,
        digest: v.rules.digest.clone(),
        issued_at: dates::format_timestamp(v.rules.issued_at, lang),
        issued_by: super::audit_text::actor(lang, &v.rules.issued_by, &Default::default()),
        sections: v
            .rules
            .content
            .sections
            .iter()
            .enumerate()
            .map(|(index, s)| {
                let p = Prefill::from_code(&s.prefill).unwrap_or(Prefill::Manual);
                SectionField {
                    index,
                    key: s.key.clone(),
                    title: s.title.clone(),
                    body: s.body.clone(),
                    prefill: p.code().to_owned(),
                    prefill_label: label(lang, p.label_ja(), p.label_en()),
                    error: String::new(),
                }
            })
            .collect(),
        institutions: v
            .institutions
            .iter()
            .map(|i| StandingRow {
                institution: i.institution.to_string(),
                name: i.name.clone(),
                standing: standing_label(lang, i.standing),
                code: i.standing.code(),
                answerable: matches!(i.standing, Standing::Declined | Standing::Questioned),
            })
            .collect(),
        responses: v
            .responses
            .iter()
            .map(|r| ResponseRow {
                institution: name_of(r.institution),
                kind: label(lang, r.kind.label_ja(), r.kind.label_en()),
                text: r.text.clone(),
                by: r.user_name.clone(),
                at: dates::format_timestamp(r.at, lang),
            })
            .collect(),
        can_respond: institution && v.current,
        own_standing: if institution {
            v.institutions
                .first()
                .map(|i| standing_label(lang, i.standing).to_owned())
                .unwrap_or_default()
        } else {
            String::new()
        },
        can_answer: !institution && can(user, Subject::Agreements, Action::Write),
        offering: v.rules.offering.map(|o| o.to_string()).unwrap_or_default(),
        errors,
    };
    render(ctx, &page)
}

/// `GET /operational-rules/{id}`.
pub async fn view(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Response {
    if id.parse::<uuid::Uuid>().is_err() {
        return super::common::not_found(&user.ctx, "operational_rules");
    }
    view_page(&state, &user, &id, FormErrors::default()).await
}

#[derive(Debug, Default, Deserialize)]
pub struct RespondForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    digest: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    institution: String,
}

/// `POST /operational-rules/{id}/responses`.
pub async fn respond(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
    Form(form): Form<RespondForm>,
) -> Response {
    let ctx = &user.ctx;
    if id.parse::<uuid::Uuid>().is_err() {
        return super::common::not_found(ctx, "operational_rules");
    }
    let institution = match form.institution.trim() {
        "" => None,
        raw => match OrgId::parse_field("institution", raw) {
            Ok(o) => Some(o),
            Err(e) => return fail(ctx, e.into()),
        },
    };
    match state
        .app
        .respond_rules(
            &user.caller,
            &id,
            &form.kind,
            institution,
            &form.digest,
            &form.text,
        )
        .await
    {
        Ok(r) => {
            let kind = label(ctx.lang, r.kind.label_ja(), r.kind.label_en());
            let flash = if r.kind == ResponseKind::Agree {
                ctx.t("oprules.agreed_flash").to_owned()
            } else {
                format!("{} {kind}", ctx.t("oprules.recorded"))
            };
            see_other(
                ctx,
                &format!("/operational-rules/{id}"),
                Some((FlashKind::Success, flash)),
            )
        }
        Err(e) => match FormErrors::from_error(ctx.lang, &e) {
            Some(errors) => view_page(&state, &user, &id, errors).await,
            None => fail(ctx, e),
        },
    }
}
