//! The リスク対応一覧 of an offering (GL 5.1.5, 5.1.6, worked example 5.2.2; Table 4-1 ②-6),
//! built from the register as the caller sees it: every risk with its flow as assessed, its
//! level before and after treatment, the option chosen and the options weighed, the reasons,
//! the measures with their owners (the institution's own duties marked, FAQ 5.2), the
//! explanation given (GL 3.1.2), and per institution its consent, decline or open question
//! (FAQ 5.1, GL 5.1.6 (1)). For one institution, only the risks that touch it and only its
//! own answers: the reader sees nothing it may not see on screen.

use std::collections::HashMap;

use anzen_domain::access::{Action, Subject};
use anzen_domain::ids::OrgId;
use anzen_domain::offering::Offering;
use anzen_domain::risk::{Assessment, EntryKind, MeasureOwner, Risk, ThreadEntry, consent_status};
use anzen_render::risk_treatment::{
    Flow, InstitutionResponse, Level, Measure, ResponseState, RiskEntry, RiskTreatmentList,
    WeighedOption,
};
use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::{TimeZone, offset};

use crate::ports::{Page, RiskQuery};
use crate::{App, AppError, Caller};

/// Japan's local time (UTC+09:00, no daylight saving).
pub(crate) fn jst(t: Timestamp) -> DateTime {
    t.to_zoned(TimeZone::fixed(offset(9))).datetime()
}

fn level(a: &Assessment) -> Level {
    Level {
        impact: a.impact,
        likelihood: a.likelihood,
        label: a.level.label_ja().to_string(),
    }
}

/// The newest entry of `kind` by `institution` that no answer replies to.
fn open_entry(thread: &[ThreadEntry], institution: OrgId, kind: EntryKind) -> Option<&ThreadEntry> {
    thread
        .iter()
        .filter(|e| e.institution == institution && e.kind == kind)
        .filter(|e| {
            !thread
                .iter()
                .any(|a| a.kind == EntryKind::Answer && a.in_reply_to == Some(e.id))
        })
        .max_by_key(|e| e.at)
}

impl App {
    pub(super) async fn risk_treatment_list(
        &self,
        caller: &Caller,
        offering: &Offering,
        institution: Option<OrgId>,
        provider: String,
    ) -> Result<RiskTreatmentList, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Read)?;
        let query = RiskQuery {
            offering: Some(offering.id),
            ..Default::default()
        };
        let mut rows = self
            .store()
            .list_risks(reach, &query, Page::all())
            .await?
            .rows;
        // Numbered in the order they were identified, the same for every audience.
        rows.sort_by_key(|r| (r.risk.created_at, r.risk.id.to_string()));

        let listed: Vec<&Risk> = rows.iter().map(|r| &r.risk).collect();
        let contexts = self.risk_contexts(self.store().as_ref(), &listed).await?;
        let mut org_ids: Vec<OrgId> = Vec::new();
        for (row, ctx) in rows.iter().zip(&contexts) {
            org_ids.extend(ctx.affected.iter().copied());
            if let Some(t) = &row.risk.treatment {
                org_ids.extend(t.measures.iter().filter_map(|m| match m.owner {
                    MeasureOwner::Institution(o) | MeasureOwner::Subcontractor(o) => Some(o),
                    MeasureOwner::Provider => None,
                }));
            }
        }
        org_ids.sort();
        org_ids.dedup();
        let orgs = self.reach(caller, Subject::Organisations, Action::Read)?;
        let names: HashMap<OrgId, String> = self
            .store()
            .org_names(orgs, &org_ids)
            .await?
            .into_iter()
            .collect();
        let name = |o: OrgId| names.get(&o).cloned().unwrap_or_else(|| o.to_string());

        let mut risks = Vec::new();
        for (i, (row, ctx)) in rows.iter().zip(&contexts).enumerate() {
            if institution.is_some_and(|inst| !ctx.affected.contains(&inst)) {
                continue;
            }
            let risk = &row.risk;
            let audience: Vec<OrgId> = match institution {
                Some(inst) => vec![inst],
                None => ctx.affected.clone(),
            };
            let standing = ctx.standing();
            let status = consent_status(risk, &standing);
            let current = standing.digest(risk);
            let responses = audience
                .iter()
                .map(|org| {
                    response(
                        risk,
                        &ctx.consents,
                        &ctx.thread,
                        &status,
                        &current,
                        *org,
                        name(*org),
                    )
                })
                .collect();
            risks.push(entry(i, risk, ctx.flow.as_ref(), responses, &name));
        }
        Ok(RiskTreatmentList {
            cover: anzen_render::Cover {
                offering: offering.name.as_str().to_string(),
                provider,
                institution: institution.map(name),
                issued_on: self.today_in_japan(),
                version: String::new(),
                number: None,
                source_digest: None,
            },
            risks,
        })
    }
}

fn entry(
    i: usize,
    risk: &Risk,
    flow: Option<&anzen_domain::risk::InformationFlow>,
    responses: Vec<InstitutionResponse>,
    name: &dyn Fn(OrgId) -> String,
) -> RiskEntry {
    let t = risk.treatment.as_ref();
    let mut weighed = Vec::new();
    if let Some(t) = t {
        weighed.push(WeighedOption {
            option: t.option.label_ja().to_string(),
            chosen: true,
            reason: t.rationale.clone(),
        });
        if !t.options_considered.trim().is_empty() {
            weighed.push(WeighedOption {
                option: "他の選択肢".to_string(),
                chosen: false,
                reason: t.options_considered.clone(),
            });
        }
    }
    let measures = t
        .map(|t| {
            t.measures
                .iter()
                .map(|m| Measure {
                    description: m.description.clone(),
                    owner: match m.owner {
                        MeasureOwner::Provider => "提供事業者".to_string(),
                        MeasureOwner::Institution(o) => name(o),
                        MeasureOwner::Subcontractor(o) => format!("{}（委託先）", name(o)),
                    },
                    institution_duty: matches!(m.owner, MeasureOwner::Institution(_)),
                })
                .collect()
        })
        .unwrap_or_default();
    RiskEntry {
        code: format!("R-{:03}", i + 1),
        title: risk.title.as_str().to_string(),
        flow: flow.map_or_else(Flow::default, |f| Flow {
            who: f.who.clone(),
            place: f.place.clone(),
            device: f.device_or_medium.clone(),
            what: f.what.clone(),
            how: f.how.clone(),
        }),
        before: level(&risk.inherent),
        after: risk.residual.as_ref().map(level),
        option: t.map_or("未決定".to_string(), |t| t.option.label_ja().to_string()),
        options_weighed: weighed,
        reasons: t.map(|t| t.rationale.clone()).unwrap_or_default(),
        measures,
        explanation: Some(risk.explanation.clone()).filter(|e| !e.trim().is_empty()),
        responses,
    }
}

/// Where `org` stands on the risk's current content.
fn response(
    risk: &Risk,
    consents: &[anzen_domain::risk::Consent],
    thread: &[ThreadEntry],
    status: &anzen_domain::risk::ConsentStatus,
    current: &str,
    org: OrgId,
    institution: String,
) -> InstitutionResponse {
    let base = InstitutionResponse {
        institution,
        state: ResponseState::Pending,
        by: None,
        at: None,
        note: None,
    };
    if status.agreed.contains(&org) {
        let c = consents
            .iter()
            .filter(|c| c.risk == risk.id && c.institution == org && c.digest == current)
            .max_by_key(|c| c.at);
        return InstitutionResponse {
            state: ResponseState::Consented,
            by: c.map(|c| c.user_name.clone()),
            at: c.map(|c| jst(c.at)),
            ..base
        };
    }
    if status.declined.contains(&org)
        && let Some(e) = open_entry(thread, org, EntryKind::Decline)
    {
        return InstitutionResponse {
            state: ResponseState::Declined,
            by: Some(e.user_name.clone()),
            at: Some(jst(e.at)),
            note: Some(e.text.clone()),
            ..base
        };
    }
    if let Some(e) = open_entry(thread, org, EntryKind::Question) {
        return InstitutionResponse {
            state: ResponseState::Question,
            by: Some(e.user_name.clone()),
            at: Some(jst(e.at)),
            note: Some(e.text.clone()),
            ..base
        };
    }
    if status.stale.contains(&org) {
        return InstitutionResponse {
            note: Some("以前の内容に同意済み。変更後の内容への再同意が必要です（FAQ 5.2）".into()),
            ..base
        };
    }
    base
}
