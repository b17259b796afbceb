//! `GET /offerings/{id}/chain`: the chain diagram of one offering (GL 2.2, FAQ 2, 2.1) with
//! its text alternative, and, for an institution chosen among those contracting the
//! offering (`?institution=`), the provision form (GL 2.2.1–2.2.3, FAQ 2.1 R4), who manages
//! each component's risks and the duties that follow, each with its FAQ reference.

use std::collections::HashMap;

use anzen_app::AppError;
use anzen_app::chain::ChainPicture;
use anzen_app::ports::{ContractQuery, Page};
use anzen_domain::chain::{ChainAssessment, ChainRole, Party, Visibility};
use anzen_domain::ids::{OfferingId, OrgId};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::diagram::{Diagram, PictureNames, render_svg};
use super::{cited, message};
use crate::AppState;
use crate::extract::SignedIn;
use crate::i18n::Lang;
use crate::ui::chrome::{Chrome, Nav};
use crate::ui::common::{Choice, Names, fail, label, not_found};
use crate::ui::{render, render_status};

/// One component in the text alternative of the diagram.
#[derive(Debug, Clone)]
struct ComponentRow {
    level: u32,
    code: &'static str,
    layer: &'static str,
    used_by: String,
    supplier: String,
    supplier_offering: String,
    selected_by: String,
    contract_holder: String,
    unknown: bool,
    case: String,
    managed_by: String,
}

/// A duty of the assessment.
#[derive(Debug, Clone)]
struct DutyRow {
    kind: &'static str,
    bearer: String,
    towards: String,
    reference: &'static str,
    level: &'static str,
    text: String,
}

/// One component's assessment.
#[derive(Debug, Clone)]
struct AssessedComponent {
    heading: String,
    case: String,
    managed_by: String,
    unknown: bool,
    reasons: Vec<String>,
    duties: Vec<DutyRow>,
}

#[derive(Debug, Clone)]
struct AssessmentView {
    institution: String,
    form_code: &'static str,
    form: &'static str,
    reasons: Vec<String>,
    components: Vec<AssessedComponent>,
}

/// FAQ 2.2 for a provider operating a regional network.
#[derive(Debug, Clone)]
struct NetworkSection {
    target_provider: bool,
    reasons: Vec<String>,
    duties: Vec<DutyRow>,
}

fn network_section(
    lang: Lang,
    names: &PictureNames<'_>,
    n: &anzen_domain::chain::NetworkAssessment,
) -> NetworkSection {
    NetworkSection {
        target_provider: n.target_provider,
        reasons: n
            .reasons
            .iter()
            .map(|f| match f.about {
                Some(org) => format!("{} — {}", names.org(org), cited(lang, &f.rule)),
                None => cited(lang, &f.rule),
            })
            .collect(),
        duties: n
            .duties
            .iter()
            .map(|d| DutyRow {
                kind: label(lang, d.kind.label_ja(), d.kind.label_en()),
                bearer: party_name(lang, names, &d.bearer),
                towards: d
                    .towards
                    .as_ref()
                    .map(|p| party_name(lang, names, p))
                    .unwrap_or_default(),
                reference: d.rule.reference,
                level: label(lang, d.rule.level.label_ja(), d.rule.level.label_en()),
                text: match lang {
                    Lang::Ja => d.rule.ja.to_owned(),
                    Lang::En => d.rule.en.to_owned(),
                },
            })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "chain/show.html")]
struct ChainPage {
    chrome: Chrome,
    id: String,
    offering_name: String,
    provider: String,
    svg: String,
    rows: Vec<ComponentRow>,
    institutions: Vec<Choice>,
    error: String,
    assessment: Option<AssessmentView>,
    network: Option<NetworkSection>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ChainQuery {
    #[serde(default)]
    institution: String,
}

fn party_name(lang: Lang, names: &PictureNames<'_>, p: &Party) -> String {
    format!(
        "{}{}",
        names.org(p.org),
        crate::i18n::paren(lang, label(lang, p.role.label_ja(), p.role.label_en()))
    )
}

fn assessment_view(
    lang: Lang,
    names: &PictureNames<'_>,
    a: &ChainAssessment,
    picture: &ChainPicture,
) -> AssessmentView {
    let managed = |p: &Party| {
        if p.role == ChainRole::Institution {
            crate::i18n::t(lang, "chain.managed.institution").to_owned()
        } else {
            crate::i18n::t(lang, "chain.managed.provider").to_owned()
        }
    };
    AssessmentView {
        institution: names.org(a.institution.org),
        form_code: a.form.code(),
        form: label(lang, a.form.label_ja(), a.form.label_en()),
        reasons: a.reasons.iter().map(|f| cited(lang, &f.rule)).collect(),
        components: a
            .components
            .iter()
            .map(|c| {
                let offering = picture
                    .links
                    .iter()
                    .find(|l| Some(l.id) == c.link)
                    .and_then(|l| l.supplier_offering)
                    .map(|o| format!(" · {}", names.offering(o)))
                    .unwrap_or_default();
                AssessedComponent {
                    heading: format!("{} {}{offering}", c.code.code(), names.org(c.supplier.org)),
                    case: label(lang, c.case.label_ja(), c.case.label_en()).to_owned(),
                    managed_by: format!(
                        "{} — {}",
                        managed(&c.managed_by),
                        names.org(c.managed_by.org)
                    ),
                    unknown: c.unknown_infrastructure,
                    reasons: c.reasons.iter().map(|f| cited(lang, &f.rule)).collect(),
                    duties: c
                        .duties
                        .iter()
                        .map(|d| DutyRow {
                            kind: label(lang, d.kind.label_ja(), d.kind.label_en()),
                            bearer: party_name(lang, names, &d.bearer),
                            towards: d
                                .towards
                                .as_ref()
                                .map(|p| party_name(lang, names, p))
                                .unwrap_or_default(),
                            reference: d.rule.reference,
                            level: label(lang, d.rule.level.label_ja(), d.rule.level.label_en()),
                            text: match lang {
                                Lang::Ja => d.rule.ja.to_owned(),
                                Lang::En => d.rule.en.to_owned(),
                            },
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}

/// The level of each offering below the viewed one (1 for its own components).
fn levels(picture: &ChainPicture) -> HashMap<OfferingId, u32> {
    let mut level: HashMap<OfferingId, u32> = HashMap::new();
    level.insert(picture.offering, 0);
    let mut queue = vec![picture.offering];
    let mut head = 0;
    while head < queue.len() {
        let o = queue[head];
        head += 1;
        let here = level[&o];
        for l in picture.links.iter().filter(|l| l.offering == o) {
            if let Some(so) = l.supplier_offering
                && !level.contains_key(&so)
            {
                level.insert(so, here + 1);
                queue.push(so);
            }
        }
    }
    level
}

fn rows(lang: Lang, names: &PictureNames<'_>, picture: &ChainPicture) -> Vec<ComponentRow> {
    let level = levels(picture);
    let assessed: HashMap<_, _> = picture
        .assessment
        .iter()
        .flat_map(|a| a.components.iter())
        .filter_map(|c| c.link.map(|l| (l, c)))
        .collect();
    let mut out: Vec<ComponentRow> = picture
        .links
        .iter()
        .map(|l| {
            let a = assessed.get(&l.id);
            let layer = l.code.layer();
            ComponentRow {
                level: level.get(&l.offering).map_or(1, |d| d + 1),
                code: l.code.code(),
                layer: label(lang, layer.label_ja(), layer.label_en()),
                used_by: names.offering(l.offering),
                supplier: names.org(l.supplier),
                supplier_offering: l
                    .supplier_offering
                    .map(|o| names.offering(o))
                    .unwrap_or_default(),
                selected_by: names.org(l.selected_by),
                contract_holder: names.org(l.contract_holder),
                unknown: l.visibility == Visibility::Unknown
                    || a.is_some_and(|a| a.unknown_infrastructure),
                case: a
                    .map(|a| label(lang, a.case.label_ja(), a.case.label_en()).to_owned())
                    .unwrap_or_default(),
                managed_by: a
                    .map(|a| {
                        if a.managed_by.role == ChainRole::Institution {
                            crate::i18n::t(lang, "chain.managed.institution").to_owned()
                        } else {
                            crate::i18n::t(lang, "chain.managed.provider").to_owned()
                        }
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    out.sort_by(|a, b| (a.level, a.code, &a.supplier).cmp(&(b.level, b.code, &b.supplier)));
    out
}

/// The institutions contracting the offering that the user may see (empty when the role
/// reads no contracts).
async fn institutions(
    state: &AppState,
    user: &SignedIn,
    offering: OfferingId,
) -> Result<Vec<(OrgId, String)>, AppError> {
    let contracts = match state
        .app
        .list_contracts(
            &user.caller,
            &ContractQuery {
                offering: Some(offering),
                ..ContractQuery::default()
            },
            Page::all(),
        )
        .await
    {
        Ok(l) => l.rows,
        Err(AppError::Forbidden(_)) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut ids: Vec<OrgId> = contracts.iter().map(|c| c.institution).collect();
    ids.sort();
    ids.dedup();
    let names = Names::for_ids(state, user, ids.iter().copied(), []).await?;
    Ok(ids.into_iter().map(|i| (i, names.org(i))).collect())
}

/// `GET /offerings/{id}/chain`.
pub async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Query(q): Query<ChainQuery>,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let Ok(id) = raw.parse::<OfferingId>() else {
        return not_found(ctx, "offering");
    };
    let mut error = String::new();
    let chosen = q.institution.trim();
    let institution = if chosen.is_empty() {
        None
    } else {
        match chosen.parse::<OrgId>() {
            Ok(i) => Some(i),
            Err(_) => {
                error = message(
                    lang,
                    &anzen_domain::FieldError::new(
                        "institution",
                        "has no contract for this offering",
                    ),
                );
                None
            }
        }
    };
    let picture = match state.app.chain_picture(&user.caller, id, institution).await {
        Ok(p) => p,
        Err(AppError::Invalid(fe)) if fe.field == "institution" => {
            error = message(lang, &fe);
            match state.app.chain_picture(&user.caller, id, None).await {
                Ok(p) => p,
                Err(e) => return fail(ctx, e),
            }
        }
        Err(e) => return fail(ctx, e),
    };
    let choices = match institutions(&state, &user, id).await {
        Ok(c) => c,
        Err(e) => return fail(ctx, e),
    };
    let names = PictureNames::new(lang, &picture);
    let current = picture
        .institution
        .map(|i| i.to_string())
        .unwrap_or_default();
    let svg = render_svg(&Diagram::from_picture(lang, &picture));
    let page = ChainPage {
        chrome: ctx.chrome(
            format!(
                "{} — {}",
                ctx.t("chain.title"),
                names.offering(picture.offering)
            ),
            Nav::Offerings,
        ),
        id: id.to_string(),
        offering_name: names.offering(picture.offering),
        provider: names.org(picture.provider),
        svg,
        rows: rows(lang, &names, &picture),
        institutions: std::iter::once(Choice::new("", ctx.t("chain.institution_none"), &current))
            .chain(
                choices
                    .iter()
                    .map(|(i, n)| Choice::new(i.to_string(), n.clone(), &current)),
            )
            .collect(),
        assessment: picture
            .assessment
            .as_ref()
            .map(|a| assessment_view(lang, &names, a, &picture)),
        network: picture
            .network
            .as_ref()
            .map(|n| network_section(lang, &names, n)),
        error: error.clone(),
    };
    if error.is_empty() {
        render(ctx, &page)
    } else {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}
