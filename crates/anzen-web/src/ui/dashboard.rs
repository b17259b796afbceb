//! The dashboard: what the user's role may see at a glance, with the next step when there is
//! nothing yet.

use anzen_domain::access::{Action, Subject};
use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::chrome::{Chrome, Nav};
use super::common::{Names, can, fail, label};
use super::render;
use crate::AppState;
use crate::extract::SignedIn;
use crate::i18n;

/// Contracts ending within this many days count as ending soon.
pub const ENDING_WITHIN_DAYS: i32 = 90;
/// The latest audit entries shown.
const RECENT_AUDIT: i64 = 10;

/// One number on the dashboard.
#[derive(Debug, Clone)]
struct Tile {
    id: &'static str,
    label: String,
    value: i64,
    href: &'static str,
}

#[derive(Debug, Clone)]
struct EndingRow {
    institution: String,
    offering: String,
    offering_href: String,
    kind: &'static str,
    ends_on: String,
}

#[derive(Debug, Clone)]
struct AuditRow {
    at: String,
    actor: String,
    action: String,
    summary: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    chrome: Chrome,
    tiles: Vec<Tile>,
    no_offerings: bool,
    no_contracts: bool,
    can_write_offerings: bool,
    can_write_contracts: bool,
    reads_contracts: bool,
    ending: Vec<EndingRow>,
    reads_audit: bool,
    audit: Vec<AuditRow>,
    /// Certificates expiring within 90 days, or no valid qualification (GL 4.4, FAQ 4.2).
    certificate_warnings: Vec<String>,
    /// An institution's reviewer: the page of what was disclosed to it (Table 4-1).
    disclosures_href: String,
    /// Contracts not ready (FAQ 2.1, 6.1): what was not given or agreed before providing.
    unready: Vec<UnreadyRow>,
    /// An institution's user: what waits for its own step (`None` for other roles).
    tasks: Option<Vec<super::dashboard_tasks::TaskGroup>>,
}

/// A contract that is not ready, with its gaps.
#[derive(Debug, Clone)]
pub struct UnreadyRow {
    pub contract: String,
    pub institution: String,
    pub offering: String,
    pub starts_on: String,
    pub started: bool,
    pub gaps: Vec<String>,
}

/// The risk tiles: awaiting consent, re-consent needed, reviews overdue, marked for
/// review (GL 5.1.5 (3), FAQ 5.1, 5.2).
async fn risk_counts(
    state: &AppState,
    user: &SignedIn,
) -> Result<Vec<(&'static str, &'static str, i64, &'static str)>, anzen_app::AppError> {
    use anzen_app::ports::{Page, RiskQuery};
    use anzen_domain::risk::RiskStatus;
    let count = |status| {
        let query = RiskQuery {
            status: Some(status),
            ..RiskQuery::default()
        };
        async move {
            state
                .app
                .list_risks(&user.caller, &query, Page::first(1))
                .await
                .map(|l| l.total)
        }
    };
    let awaiting = count(RiskStatus::AwaitingConsent).await?;
    let re_consent = count(RiskStatus::ReConsentNeeded).await?;
    let declined = count(RiskStatus::Declined).await?;
    let residual_pending = count(RiskStatus::ResidualAgreementPending).await?;
    let reopened = count(RiskStatus::Reopened).await?;
    let (overdue, flagged) = state
        .app
        .risks_to_review(&user.caller, Page::first(1))
        .await?;
    Ok(vec![
        (
            "risks-awaiting-consent",
            "dashboard.risks_awaiting_consent",
            awaiting,
            "/risks?status=awaiting_consent",
        ),
        (
            "risks-re-consent",
            "dashboard.risks_re_consent",
            re_consent,
            "/risks?status=re_consent_needed",
        ),
        (
            "risks-declined",
            "dashboard.risks_declined",
            declined,
            "/risks?status=declined",
        ),
        (
            "risks-residual-pending",
            "dashboard.risks_residual_pending",
            residual_pending,
            "/risks?status=residual_agreement_pending",
        ),
        (
            "risks-reopened",
            "dashboard.risks_reopened",
            reopened,
            "/risks?status=reopened",
        ),
        (
            "risks-review-overdue",
            "dashboard.risks_review_overdue",
            overdue.total,
            "/risks?review=overdue",
        ),
        (
            "risks-flagged",
            "dashboard.risks_flagged",
            flagged.total,
            "/risks?flagged=1",
        ),
    ])
}

pub async fn show(State(state): State<AppState>, user: SignedIn) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let summary = match state
        .app
        .dashboard(&user.caller, ENDING_WITHIN_DAYS, RECENT_AUDIT)
        .await
    {
        Ok(s) => s,
        Err(e) => return fail(ctx, e),
    };
    let names = match Names::for_ids(
        &state,
        &user,
        summary
            .contracts_ending_soon
            .iter()
            .flatten()
            .map(|c| c.institution),
        summary
            .contracts_ending_soon
            .iter()
            .flatten()
            .map(|c| c.offering),
    )
    .await
    {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let mut tiles = Vec::new();
    let mut push = |id, key: &str, value: Option<i64>, href| {
        if let Some(value) = value {
            tiles.push(Tile {
                id,
                label: ctx.t(key).to_owned(),
                value,
                href,
            });
        }
    };
    push(
        "offerings-in-scope",
        "dashboard.offerings_in_scope",
        summary.offerings_in_scope,
        "/offerings?scope=in",
    );
    push(
        "offerings-out-of-scope",
        "dashboard.offerings_out_of_scope",
        summary.offerings_out_of_scope,
        "/offerings?scope=out",
    );
    push(
        "contracts",
        "dashboard.contracts",
        summary.contracts,
        "/contracts",
    );
    push(
        "contracts-ending",
        "dashboard.contracts_ending",
        summary.contracts_ending_soon_total,
        "/contracts",
    );
    push(
        "organisations",
        "dashboard.organisations",
        summary.organisations,
        "/organisations",
    );
    let institution_tasks = match state.app.institution_tasks(&user.caller).await {
        Ok(t) => t,
        Err(e) => return fail(ctx, e),
    };
    // An institution's user sees its own tasks instead of the register's counts, which are
    // the provider's work (a risk "awaiting consent" may wait for another institution).
    if can(&user, Subject::Risks, Action::Read) && institution_tasks.is_none() {
        match risk_counts(&state, &user).await {
            Ok(counts) => {
                for (id, key, value, href) in counts {
                    push(id, key, Some(value), href);
                }
            }
            Err(e) => return fail(ctx, e),
        }
    }
    // The chapter 6 requirements not met (FAQ 7), for the roles that read controls.
    if can(&user, Subject::Controls, Action::Read) {
        match state.app.unmet_regulatory_count(&user.caller).await {
            Ok(unmet) => push(
                "regulatory-unmet",
                "dashboard.regulatory_unmet",
                Some(i64::try_from(unmet).unwrap_or(i64::MAX)),
                "/controls/regulatory",
            ),
            Err(e) => return fail(ctx, e),
        }
    }
    match super::chain::notifications::unacknowledged(&state, &user).await {
        Ok(n) => push(
            "notifications-unacknowledged",
            "dashboard.notifications_unacknowledged",
            Some(i64::try_from(n).unwrap_or(i64::MAX)),
            "/notifications",
        ),
        Err(e) => return fail(ctx, e),
    }
    let certificate_warnings = match super::chain::certifications::warnings(&state, &user).await {
        Ok(w) => w,
        Err(e) => return fail(ctx, e),
    };
    let disclosures_href = match user.caller.reach(Subject::Ledger, Action::Read, ctx.now) {
        anzen_domain::access::Reach::AsInstitution(own) => {
            format!("/institutions/{own}/disclosures")
        }
        _ => String::new(),
    };
    let tasks = institution_tasks
        .as_ref()
        .map(|t| super::dashboard_tasks::groups(lang, t, &disclosures_href));
    let unready = if summary.contracts.is_some() {
        match state.app.readiness_overview(&user.caller).await {
            Ok(rows) => rows
                .into_iter()
                .filter(|r| !r.ready())
                .map(|r| UnreadyRow {
                    contract: r.contract.id.to_string(),
                    institution: r.institution_name.clone(),
                    offering: r.offering_name.clone(),
                    starts_on: crate::dates::format_date(r.contract.period.starts_on(), lang),
                    started: r.started_unready,
                    gaps: r
                        .gaps
                        .iter()
                        .map(|g| {
                            let text = label(lang, g.rule.ja, g.rule.en);
                            if g.detail.is_empty() {
                                format!("{text}{}", i18n::paren(lang, g.rule.reference))
                            } else {
                                format!(
                                    "{text}{}{}{}",
                                    i18n::paren(lang, g.rule.reference),
                                    i18n::punct(lang, "："),
                                    g.detail.join(i18n::punct(lang, "、"))
                                )
                            }
                        })
                        .collect(),
                })
                .collect(),
            Err(e) => return fail(ctx, e),
        }
    } else {
        Vec::new()
    };
    let offerings_total =
        summary.offerings_in_scope.unwrap_or(0) + summary.offerings_out_of_scope.unwrap_or(0);
    let ending = summary
        .contracts_ending_soon
        .iter()
        .flatten()
        .map(|c| EndingRow {
            institution: names.org(c.institution),
            offering: names.offering(c.offering),
            offering_href: if names.sees_offering(c.offering) {
                format!("/offerings/{}", c.offering)
            } else {
                String::new()
            },
            kind: label(lang, c.kind.label_ja(), c.kind.label_en()),
            ends_on: c
                .period
                .ends_on()
                .map(|d| crate::dates::format_date(d, lang))
                .unwrap_or_default(),
        })
        .collect();
    let audit = summary
        .recent_audit
        .iter()
        .flatten()
        .map(|e| AuditRow {
            at: crate::dates::format_timestamp(e.at, lang),
            // Users by login here (the audit page looks their display names up).
            actor: super::audit_text::actor(lang, &e.actor, &Default::default()),
            action: super::audit_text::action(lang, &e.action),
            summary: super::audit_text::summary(lang, &e.action, &e.summary),
        })
        .collect();
    let page = DashboardPage {
        chrome: ctx.chrome(ctx.t("nav.dashboard"), Nav::Dashboard),
        tiles,
        no_offerings: summary.offerings_in_scope.is_some() && offerings_total == 0,
        no_contracts: summary.contracts == Some(0),
        can_write_offerings: can(&user, Subject::Offerings, Action::Write),
        can_write_contracts: can(&user, Subject::Contracts, Action::Write),
        reads_contracts: summary.contracts.is_some(),
        ending,
        reads_audit: summary.recent_audit.is_some(),
        audit,
        certificate_warnings,
        disclosures_href,
        unready,
        tasks,
    };
    render(ctx, &page)
}
