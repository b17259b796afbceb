//! Reviews that follow change (GL 5.1.7; FAQ 5.2, 5.4): editing an information flow, and
//! marking for review, in the change's own transaction, the risks the domain's
//! [`risks_flagged_by`] names, each with an audit entry that names the cause.

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::ids::{ComponentId, FlowId, OfferingId, OrgId, RiskId};
use anzen_domain::risk::review::{Change, flag, risks_flagged_by};
use anzen_domain::risk::{
    Component, ComponentKind, Environment, FlowClass, InformationFlow, ReviewReason, Risk,
};
use anzen_domain::text::{Name, optional_text};

use super::config::{ComponentInput, FlowInput};
use super::risk_json;
use crate::audit::event;
use crate::error::check_revision;
use crate::ports::{Page, RiskQuery, RiskRow, Tx};
use crate::{App, AppError, Caller};

/// A risk's flow as it was assessed and as it is now (they differ once the flow was edited
/// after the assessment, until the risk is reassessed).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FlowVersions {
    pub current: InformationFlow,
    /// None when the risk was assessed on the current content.
    pub as_assessed: Option<InformationFlow>,
}

/// A short label of a review reason for the audit trail.
fn cause(reason: &ReviewReason) -> String {
    match reason {
        ReviewReason::Scheduled => "scheduled review".to_owned(),
        ReviewReason::CatalogueVersion { catalogue, version } => {
            format!("{catalogue} {version}")
        }
        ReviewReason::MatrixVersion { version } => format!("matrix version {version}"),
        ReviewReason::TechnologyChange { title, control, .. } => match control {
            Some(c) => format!("technology change on {c}: {title}"),
            None => format!("technology change: {title}"),
        },
        ReviewReason::FlowChanged { flow, revision } => {
            format!("information flow {flow} edited (revision {revision})")
        }
        ReviewReason::ComponentChanged { name, .. } => format!("component {name} changed"),
        ReviewReason::SupplyChainChanged { code, supplier, .. } => {
            format!("supply chain changed: {code} ← {supplier}")
        }
        ReviewReason::Incident { title, .. } => format!("incident: {title}"),
    }
}

impl App {
    /// The register rows of an offering, read through the use-case's transaction.
    pub(crate) async fn offering_risk_rows(
        &self,
        tx: &dyn crate::ports::Reads,
        owner: OrgId,
        offering: OfferingId,
    ) -> Result<Vec<RiskRow>, AppError> {
        let query = RiskQuery {
            offering: Some(offering),
            ..Default::default()
        };
        Ok(tx
            .list_risks(Reach::Owned(owner), &query, Page::all())
            .await?
            .rows)
    }

    /// Marks, inside `tx`, the risks among `rows` that `change` concerns (the domain's rule)
    /// with `reason`, each with an audit entry; the ids of those newly marked.
    pub(crate) async fn flag_for_review(
        &self,
        tx: &mut dyn Tx,
        caller: &Caller,
        rows: Vec<RiskRow>,
        change: Change<'_>,
        flows: &[InformationFlow],
        reason: &ReviewReason,
    ) -> Result<Vec<RiskId>, AppError> {
        let risks: Vec<Risk> = rows.iter().map(|r| r.risk.clone()).collect();
        let chosen = risks_flagged_by(change, &risks, flows);
        let mut marked = Vec::new();
        for row in rows.into_iter().filter(|r| chosen.contains(&r.risk.id)) {
            let before = row.risk;
            let mut risk = before.clone();
            if !flag(&mut risk, reason.clone()) {
                continue;
            }
            let expected = before.revision;
            risk.revision = expected + 1;
            risk.updated_at = self.now();
            tx.update_risk(&risk, expected, row.status)
                .await
                .map_err(AppError::from_store("risk"))?;
            self.seal(
                tx,
                caller,
                event(
                    "risk.flag",
                    "risk",
                    risk.id,
                    Some(risk.owner),
                    Some(&risk_json(&before)),
                    Some(&risk_json(&risk)),
                    format!("{}: marked for review ({})", risk.title, cause(reason)),
                ),
            )
            .await?;
            marked.push(risk.id);
        }
        Ok(marked)
    }

    /// Edits an information flow (GL 5.1.1, 5.2) on its current revision (a stale one is a
    /// 409 naming the current revision). The risks assessed on it keep the content they were
    /// assessed on and are marked for review (GL 5.1.7), in the same transaction.
    pub async fn update_flow(
        &self,
        caller: &Caller,
        id: FlowId,
        expected_revision: Option<i64>,
        input: FlowInput,
    ) -> Result<(InformationFlow, Vec<RiskId>), AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Write)?;
        let mut tx = self.store().begin().await?;
        let current = tx
            .flow(reach, id)
            .await
            .map_err(AppError::from_store("information flow"))?;
        let o = tx
            .offering(reach, current.offering)
            .await
            .map_err(AppError::from_store("information flow"))?;
        check_revision(expected_revision, current.revision)?;
        let known = tx.list_components(reach, o.id).await?;
        let components = super::config::parse_components(&input.components, &known)?;
        let edited = InformationFlow {
            id: current.id,
            offering: o.id,
            who: input.who.trim().to_owned(),
            place: input.place.trim().to_owned(),
            device_or_medium: input.device_or_medium.trim().to_owned(),
            what: input.what.trim().to_owned(),
            how: input.how.trim().to_owned(),
            class: FlowClass::parse_field("class", &input.class)?,
            environment: Environment::parse_field("environment", &input.environment)?,
            components,
            revision: current.revision + 1,
        }
        .validate()?;
        let unchanged = InformationFlow {
            revision: current.revision,
            ..edited.clone()
        } == current;
        if unchanged {
            return Err(FieldError::new(
                "flow",
                "is the same as the current revision: nothing to change",
            )
            .into());
        }
        tx.update_flow(&edited, current.revision)
            .await
            .map_err(AppError::from_store("information flow"))?;
        let rows = self
            .offering_risk_rows(tx.as_reads(), o.provider, o.id)
            .await?;
        for row in rows.iter().filter(|r| r.risk.flow == Some(id)) {
            tx.keep_assessed_flow(o.provider, row.risk.id, &current)
                .await?;
        }
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "information_flow.update",
                "information_flow",
                id,
                Some(o.provider),
                Some(&serde_json::to_value(&current).expect("a flow serialises")),
                Some(&serde_json::to_value(&edited).expect("a flow serialises")),
                format!(
                    "{}: {} / {} (revision {})",
                    o.name, edited.who, edited.what, edited.revision
                ),
            ),
        )
        .await?;
        let reason = ReviewReason::FlowChanged {
            flow: id.to_string(),
            revision: edited.revision,
        };
        let marked = self
            .flag_for_review(tx.as_mut(), caller, rows, Change::Flow(id), &[], &reason)
            .await?;
        tx.commit().await?;
        Ok((edited, marked))
    }

    /// Edits a component of the configuration (GL 5.1.1) on its current revision (a stale one
    /// is a 409 naming the current revision). The risks on flows passing through it are
    /// marked for review (GL 5.1.7; the domain's `Change::Component`) in the same transaction.
    pub async fn update_component(
        &self,
        caller: &Caller,
        id: ComponentId,
        expected_revision: Option<i64>,
        input: ComponentInput,
    ) -> Result<(Component, Vec<RiskId>), AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Write)?;
        let name = Name::parse("name", &input.name)?;
        let kind = ComponentKind::parse_field("kind", &input.kind)?;
        let environment = Environment::parse_field("environment", &input.environment)?;
        let location = optional_text("location", &input.location, 200)?;
        let country = input
            .country
            .as_deref()
            .map(|c| anzen_domain::chain::Country::parse("country", c))
            .transpose()?;
        let mut tx = self.store().begin().await?;
        let current = tx
            .component(reach, id)
            .await
            .map_err(AppError::from_store("component"))?;
        let o = tx
            .offering(reach, current.offering)
            .await
            .map_err(AppError::from_store("component"))?;
        check_revision(expected_revision, current.revision)?;
        let edited = Component {
            id,
            offering: o.id,
            name,
            kind,
            environment,
            location,
            country: country.unwrap_or(current.country),
            holds_medical_info: input
                .holds_medical_info
                .unwrap_or(current.holds_medical_info),
            revision: current.revision + 1,
        };
        if (Component {
            revision: current.revision,
            ..edited.clone()
        }) == current
        {
            return Err(FieldError::new(
                "component",
                "is the same as the current revision: nothing to change",
            )
            .into());
        }
        tx.update_component(&edited, current.revision)
            .await
            .map_err(AppError::from_store("component"))?;
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "component.update",
                "component",
                id,
                Some(o.provider),
                Some(&serde_json::to_value(&current).expect("a component serialises")),
                Some(&serde_json::to_value(&edited).expect("a component serialises")),
                format!("{}: {} (revision {})", o.name, edited.name, edited.revision),
            ),
        )
        .await?;
        let flows = tx.list_flows(reach, o.id).await?;
        let rows = self
            .offering_risk_rows(tx.as_reads(), o.provider, o.id)
            .await?;
        let reason = ReviewReason::ComponentChanged {
            component: id.to_string(),
            name: edited.name.to_string(),
        };
        let marked = self
            .flag_for_review(
                tx.as_mut(),
                caller,
                rows,
                Change::Component(id),
                &flows,
                &reason,
            )
            .await?;
        tx.commit().await?;
        Ok((edited, marked))
    }

    /// One information flow within the caller's reach.
    pub async fn flow(&self, caller: &Caller, id: FlowId) -> Result<InformationFlow, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Read)?;
        self.store()
            .flow(reach, id)
            .await
            .map_err(AppError::from_store("information flow"))
    }

    /// The content of its flow a risk was assessed on, when the flow was edited since.
    pub async fn risk_assessed_flow(
        &self,
        caller: &Caller,
        risk: RiskId,
    ) -> Result<Option<InformationFlow>, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Read)?;
        self.store()
            .risk(reach, risk)
            .await
            .map_err(AppError::from_store("risk"))?;
        Ok(self.store().assessed_flow(risk).await?)
    }

    /// The flow a risk is identified on, as it is and as the risk was assessed on it.
    pub async fn risk_flow(
        &self,
        caller: &Caller,
        risk: RiskId,
    ) -> Result<Option<FlowVersions>, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Read)?;
        let row = self
            .store()
            .risk(reach, risk)
            .await
            .map_err(AppError::from_store("risk"))?;
        let Some(flow) = row.risk.flow else {
            return Ok(None);
        };
        let current = self
            .store()
            .flow(reach, flow)
            .await
            .map_err(AppError::from_store("information flow"))?;
        let as_assessed = self.store().assessed_flow(risk).await?;
        Ok(Some(FlowVersions {
            current,
            as_assessed,
        }))
    }
}
