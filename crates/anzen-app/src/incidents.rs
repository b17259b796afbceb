//! Incidents and the crisis response (GL 3.2 危機管理対応時, FAQ 3; 別紙2 1.11; GL 5.1.7).
//!
//! Recording an incident is one unit of work: the incident, the review marks on every risk of
//! the offering (GL 5.1.7 fn. 37: something unexpected happened), the audit entries, and the
//! notice to exactly the affected institutions (in the app and by mail, through the path of
//! every notification: `chain::notify`) are written together or not at all. The provider then
//! records its actions, the cause and the prevention measures; each affected institution
//! acknowledges the report and agrees to the measures or declines them with its reason; the
//! provider closes the incident once every affected institution agreed (GL 3.2 (c)). The rules
//! are the domain's (`anzen_domain::incident::rules`).

use anzen_domain::access::{Action, Subject};
use anzen_domain::ids::{IncidentId, OfferingId, RiskId};
use anzen_domain::incident::rules::{
    Refusal, check_acknowledge, check_answer, check_close, check_record, check_update,
};
use anzen_domain::incident::{
    Incident, IncidentInput, IncidentParty, PreventionAnswer, UpdateInput, as_seen_by,
};
use anzen_domain::risk::ReviewReason;
use anzen_domain::risk::review::Change;

use crate::audit::event;
use crate::error::check_revision;
use crate::mail::OutgoingMail;
use crate::ports::{Listed, Notification, Page, Recipient};
use crate::{App, AppError, Caller, new_uuid};

/// The `change_kind` of the notification that reports an incident.
pub const INCIDENT_NOTICE: &str = "incident";

/// The reason code recorded for each institution an incident is reported to: it contracts the
/// affected offering.
const REPORTED_BECAUSE: &str = "contracts";

/// What recording an incident did.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub incident: Incident,
    /// The risks of the offering newly marked for review.
    pub marked: Vec<RiskId>,
    /// The notification and the institutions it went to.
    pub notification: Notification,
    pub recipients: Vec<Recipient>,
}

fn refusal(r: Refusal) -> AppError {
    match r {
        Refusal::Forbidden(rule) => AppError::Forbidden(rule.en),
        Refusal::Invalid(e) => AppError::Invalid(e),
        Refusal::Conflict(rule) => AppError::Conflict(rule.text()),
    }
}

fn principal(caller: &Caller) -> Option<&anzen_domain::access::Principal> {
    match caller {
        Caller::User(p) => Some(p),
        Caller::Operator { .. } => None,
    }
}

fn impact_label(i: &Incident) -> String {
    let mut parts = Vec::new();
    if i.impact.confidentiality {
        parts.push("機密性/confidentiality");
    }
    if i.impact.integrity {
        parts.push("完全性/integrity");
    }
    if i.impact.availability {
        parts.push("可用性/availability");
    }
    parts.join(", ")
}

fn incident_json(i: &Incident) -> serde_json::Value {
    serde_json::to_value(i).expect("an incident serialises")
}

/// The mail that reports an incident to one affected institution (GL 3.2 (a); 別紙2 1.11).
pub(crate) fn incident_mail(n: &Notification, r: &Recipient) -> OutgoingMail {
    OutgoingMail {
        to: r.emails.clone(),
        subject: format!(
            "[anzen] インシデントのご報告 / Incident report: {}",
            n.summary
        ),
        body: format!(
            "ご契約の提供サービスでインシデント（情報セキュリティ事故）が発生しました（提供事業者GL 3.2 危機管理対応時）。\n\
             An incident affecting your institution occurred in an offering you contract (GL 3.2 crisis response).\n\n\
             内容 / What: {}\nインシデント / Incident: {}\n日時 / When: {}\n\n\
             anzen で詳細（影響、対応、原因、再発防止策）を確認し、受領を記録してください。再発防止策には合意するか、理由を添えて合意しないと回答してください。\n\
             Read the details (impact, actions, cause, prevention measures) in anzen and acknowledge the report; agree to the prevention measures or decline them with your reason.\n",
            n.summary, n.change_ref, n.created_at
        ),
    }
}

impl App {
    /// Records an incident of `offering` (GL 3.2 危機管理対応時), marks every risk of the
    /// offering for review (GL 5.1.7) and reports it to exactly the affected institutions, in
    /// one transaction.
    pub async fn record_incident(
        &self,
        caller: &Caller,
        offering: OfferingId,
        input: IncidentInput,
    ) -> Result<Recorded, AppError> {
        let reach = self.reach(caller, Subject::Incidents, Action::Write)?;
        let mut tx = self.store().begin().await?;
        let o = tx
            .offering(reach, offering)
            .await
            .map_err(AppError::from_store("offering"))?;
        anzen_domain::incident::rules::check_recorder(principal(caller), o.provider)
            .map_err(refusal)?;
        let now = self.now();
        let contracting = tx
            .institutions_contracting(o.id, self.today_in_japan())
            .await?;
        let v = check_record(&input, &contracting, now)?;
        let incident = Incident {
            id: IncidentId::from_uuid(new_uuid()),
            provider: o.provider,
            offering: o.id,
            title: v.title,
            description: v.description,
            occurred_at: v.occurred_at,
            detected_at: v.detected_at,
            impact: v.impact,
            actions: v.actions,
            cause: v.cause,
            prevention_version: i64::from(v.prevention.is_some()),
            prevention: v.prevention,
            parties: v.affected.iter().map(|&i| IncidentParty::new(i)).collect(),
            revision: 1,
            recorded_by: caller.label(),
            created_at: now,
            updated_at: now,
            closed_by: None,
            closed_at: None,
        };
        tx.insert_incident(&incident).await?;
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "incident.record",
                "incident",
                incident.id,
                Some(incident.provider),
                None,
                Some(&incident_json(&incident)),
                format!(
                    "{}: incident recorded ({}), {} affected institutions",
                    incident.title,
                    impact_label(&incident),
                    incident.parties.len()
                ),
            ),
        )
        .await?;
        // GL 5.1.7 (fn. 37): something unexpected happened → the offering's risks are
        // reviewed (the domain's `Change::Incident` marks every one).
        let rows = self
            .offering_risk_rows(tx.as_reads(), o.provider, o.id)
            .await?;
        let reason = ReviewReason::Incident {
            incident: incident.id.to_string(),
            title: incident.title.to_string(),
        };
        let marked = self
            .flag_for_review(tx.as_mut(), caller, rows, Change::Incident, &[], &reason)
            .await?;
        // GL 3.2 (a): the affected institutions, and only they, are told.
        let summary = format!(
            "{}: {} ({}; {})",
            o.name,
            incident.title,
            impact_label(&incident),
            incident
                .detected_at
                .strftime("検知 detected %Y-%m-%d %H:%M UTC")
        );
        let (notification, recipients) = self
            .notify_orgs(
                tx.as_mut(),
                caller,
                INCIDENT_NOTICE,
                incident.id.to_string(),
                incident.provider,
                &summary,
                &incident.affected(),
                REPORTED_BECAUSE,
            )
            .await?;
        tx.commit().await?;
        Ok(Recorded {
            incident,
            marked,
            notification,
            recipients,
        })
    }

    /// Updates the actions, the cause and the prevention measures of an incident read at
    /// `expected_revision` (a stale one is a 409 naming the current revision), and tells the
    /// affected institutions of the update.
    pub async fn update_incident(
        &self,
        caller: &Caller,
        id: IncidentId,
        expected_revision: i64,
        input: UpdateInput,
    ) -> Result<Incident, AppError> {
        let reach = self.reach(caller, Subject::Incidents, Action::Write)?;
        let mut tx = self.store().begin().await?;
        let before = tx
            .incident(reach, id)
            .await
            .map_err(AppError::from_store("incident"))?;
        check_revision(Some(expected_revision), before.revision)?;
        let update = check_update(principal(caller), &before, &input).map_err(refusal)?;
        let mut after = before.clone();
        update.apply(&mut after);
        after.revision = before.revision + 1;
        after.updated_at = self.now();
        tx.update_incident(&after, before.revision)
            .await
            .map_err(AppError::from_store("incident"))?;
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "incident.update",
                "incident",
                id,
                Some(after.provider),
                Some(&incident_json(&before)),
                Some(&incident_json(&after)),
                format!(
                    "{}: updated ({}, prevention version {})",
                    after.title,
                    after.status().code(),
                    after.prevention_version
                ),
            ),
        )
        .await?;
        let what = if after.prevention_version != before.prevention_version {
            "再発防止策を提案・変更 / prevention measures proposed"
        } else {
            "対応・原因を更新 / actions and cause updated"
        };
        self.notify_orgs(
            tx.as_mut(),
            caller,
            INCIDENT_NOTICE,
            id.to_string(),
            after.provider,
            &format!("{}: {what}", after.title),
            &after.affected(),
            REPORTED_BECAUSE,
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// The caller's institution acknowledges the report of an incident (GL 3.2 (a)).
    pub async fn acknowledge_incident(
        &self,
        caller: &Caller,
        id: IncidentId,
    ) -> Result<Incident, AppError> {
        let p = principal(caller).ok_or(AppError::Forbidden(
            "an incident is acknowledged by a user of an affected institution",
        ))?;
        let reach = self.reach(caller, Subject::Incidents, Action::Read)?;
        let mut tx = self.store().begin().await?;
        let mut incident = tx
            .incident(reach, id)
            .await
            .map_err(AppError::from_store("incident"))?;
        check_acknowledge(p, &incident).map_err(refusal)?;
        let now = self.now();
        let party = incident
            .parties
            .iter_mut()
            .find(|x| x.institution == p.org)
            .ok_or(AppError::NotFound { what: "incident" })?;
        party.acknowledged_by = Some(p.name.clone());
        party.acknowledged_at = Some(now);
        let party = party.clone();
        tx.update_incident_party(id, &party)
            .await
            .map_err(AppError::from_store("incident"))?;
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "incident.acknowledge",
                "incident",
                id,
                Some(incident.provider),
                None,
                Some(&serde_json::to_value(&party).expect("a party serialises")),
                format!("{}: acknowledged by {}", incident.title, p.name),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(as_seen_by(incident, Some(p.org)))
    }

    /// The caller's institution agrees to the prevention measures of an incident as shown to
    /// it (version `seen`), or declines them with its reason (GL 3.2 (c)).
    pub async fn answer_incident_prevention(
        &self,
        caller: &Caller,
        id: IncidentId,
        seen: i64,
        answer: PreventionAnswer,
        reason: &str,
    ) -> Result<Incident, AppError> {
        let p = principal(caller).ok_or(AppError::Forbidden(
            "prevention measures are answered by a user of an affected institution",
        ))?;
        let reach = self.reach(caller, Subject::Incidents, Action::Read)?;
        let mut tx = self.store().begin().await?;
        let mut incident = tx
            .incident(reach, id)
            .await
            .map_err(AppError::from_store("incident"))?;
        let record =
            check_answer(p, &incident, seen, answer, reason, self.now()).map_err(refusal)?;
        let party = incident
            .parties
            .iter_mut()
            .find(|x| x.institution == p.org)
            .ok_or(AppError::NotFound { what: "incident" })?;
        party.answer = Some(record);
        let party = party.clone();
        tx.update_incident_party(id, &party)
            .await
            .map_err(AppError::from_store("incident"))?;
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "incident.prevention_answer",
                "incident",
                id,
                Some(incident.provider),
                None,
                Some(&serde_json::to_value(&party).expect("a party serialises")),
                format!(
                    "{}: prevention measures (version {seen}) {} by {}",
                    incident.title,
                    answer.code(),
                    p.name
                ),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(as_seen_by(incident, Some(p.org)))
    }

    /// Closes an incident read at `expected_revision`, once every affected institution agreed
    /// to its prevention measures as they stand (GL 3.2 (c)).
    pub async fn close_incident(
        &self,
        caller: &Caller,
        id: IncidentId,
        expected_revision: i64,
    ) -> Result<Incident, AppError> {
        let reach = self.reach(caller, Subject::Incidents, Action::Write)?;
        let mut tx = self.store().begin().await?;
        let before = tx
            .incident(reach, id)
            .await
            .map_err(AppError::from_store("incident"))?;
        check_revision(Some(expected_revision), before.revision)?;
        check_close(principal(caller), &before).map_err(refusal)?;
        let mut after = before.clone();
        let now = self.now();
        after.closed_at = Some(now);
        after.closed_by = Some(caller.label());
        after.revision = before.revision + 1;
        after.updated_at = now;
        tx.update_incident(&after, before.revision)
            .await
            .map_err(AppError::from_store("incident"))?;
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "incident.close",
                "incident",
                id,
                Some(after.provider),
                Some(&incident_json(&before)),
                Some(&incident_json(&after)),
                format!("{}: closed", after.title),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// One incident as the caller may see it: the provider with every affected institution,
    /// an affected institution with its own part only.
    pub async fn incident(&self, caller: &Caller, id: IncidentId) -> Result<Incident, AppError> {
        let reach = self.reach(caller, Subject::Incidents, Action::Read)?;
        let incident = self
            .store()
            .incident(reach, id)
            .await
            .map_err(AppError::from_store("incident"))?;
        Ok(as_seen_by(incident, caller.org()))
    }

    /// The incidents of an offering the caller can see (404 for an offering it cannot), the
    /// most recently detected first.
    pub async fn offering_incidents(
        &self,
        caller: &Caller,
        offering: OfferingId,
        page: Page,
    ) -> Result<Listed<Incident>, AppError> {
        self.reach(caller, Subject::Incidents, Action::Read)?;
        let reach = self.reach(caller, Subject::Offerings, Action::Read)?;
        self.store()
            .offering(reach, offering)
            .await
            .map_err(AppError::from_store("offering"))?;
        self.list_incidents(caller, Some(offering), page).await
    }

    /// The incidents the caller reaches (of one offering, when given), the most recently
    /// detected first.
    pub async fn list_incidents(
        &self,
        caller: &Caller,
        offering: Option<OfferingId>,
        page: Page,
    ) -> Result<Listed<Incident>, AppError> {
        let reach = self.reach(caller, Subject::Incidents, Action::Read)?;
        let listed = self.store().list_incidents(reach, offering, page).await?;
        Ok(Listed {
            rows: listed
                .rows
                .into_iter()
                .map(|i| as_seen_by(i, caller.org()))
                .collect(),
            total: listed.total,
            page: listed.page,
        })
    }
}
