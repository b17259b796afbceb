//! The register: identifying risks, analysing them on the matrix, deciding their treatment.

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Subject};
use anzen_domain::contract::parse_date;
use anzen_domain::ids::{FlowId, OfferingId, OrgId, RiskId};
use anzen_domain::org::OrgKind;
use anzen_domain::risk::{
    Assessment, Cia, Criteria, MatrixVersion, Measure, MeasureOwner, Risk, RiskStatus, Standing,
    Treatment, TreatmentOption, check_reassessment, next_review, treatment_stands, treatment_state,
};
use anzen_domain::text::Name;

use super::risk_json;
use crate::audit::event;
use crate::error::{check_revision, or_busy};
use crate::ports::{HeatMap, InstitutionDuty, Listed, Page, RiskQuery, RiskRow, Tx};
use crate::{App, AppError, Caller, new_uuid};

/// A new risk as typed by a user.
#[derive(Debug, Clone, Default)]
pub struct RiskInput {
    pub offering: String,
    /// Optional: the information flow the risk was identified on.
    pub flow: String,
    pub title: String,
    pub threat: String,
    pub vulnerability: String,
    pub confidentiality: bool,
    pub integrity: bool,
    pub availability: bool,
    pub impact: String,
    pub likelihood: String,
}

/// A measure as typed by a user.
#[derive(Debug, Clone, Default)]
pub struct MeasureInput {
    pub description: String,
    /// `provider`, `institution` or `subcontractor`.
    pub owner: String,
    /// The institution's or subcontractor's id, for those owners.
    pub owner_org: String,
    /// Control keys, comma- or line-separated.
    pub controls: String,
    /// YYYY-MM-DD, optional.
    pub due: String,
    pub done: bool,
}

/// A treatment decision as typed by a user.
#[derive(Debug, Clone, Default)]
pub struct TreatmentInput {
    pub option: String,
    pub measures: Vec<MeasureInput>,
    pub rationale: String,
    pub options_considered: String,
    pub residual_impact: String,
    pub residual_likelihood: String,
    /// The explanation the institutions see before they agree.
    pub explanation: String,
}

fn scale_value(field: &str, raw: &str, points: usize) -> Result<u8, FieldError> {
    raw.trim()
        .parse::<u8>()
        .ok()
        .filter(|v| (1..=points).contains(&usize::from(*v)))
        .ok_or_else(|| {
            FieldError::new(field, format!("`{raw}` is not a point of the scale"))
                .with_accepted((1..=points).map(|i| i.to_string()))
        })
}

fn assess(
    m: &MatrixVersion,
    field_i: &str,
    impact: &str,
    field_l: &str,
    likelihood: &str,
) -> Result<Assessment, FieldError> {
    let impact = scale_value(field_i, impact, m.matrix.impact.len())?;
    let likelihood = scale_value(field_l, likelihood, m.matrix.likelihood.len())?;
    Ok(Assessment {
        matrix: m.id,
        matrix_version: m.version,
        impact,
        likelihood,
        level: m.matrix.level(impact, likelihood)?,
    })
}

fn text(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    let t = value.trim();
    if t.chars().count() > max {
        return Err(FieldError::new(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    Ok(t.to_owned())
}

impl App {
    /// Identifies a risk (GL 5.1.1) and analyses it on the provider's matrix (GL 5.1.2).
    pub async fn add_risk(&self, caller: &Caller, input: RiskInput) -> Result<Risk, AppError> {
        self.reach(caller, Subject::Risks, Action::Write)?;
        OfferingId::parse_field("offering", &input.offering)?;
        let mut tx = self.store().begin().await?;
        let risk = self.add_risk_in(tx.as_mut(), caller, input).await?;
        tx.commit().await?;
        Ok(risk)
    }

    /// [`App::add_risk`] inside the caller's transaction (a risk raised by another record,
    /// e.g. a finding of a safety evaluation, commits with it).
    pub(crate) async fn add_risk_in(
        &self,
        tx: &mut dyn Tx,
        caller: &Caller,
        input: RiskInput,
    ) -> Result<Risk, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Write)?;
        let offering = OfferingId::parse_field("offering", &input.offering)?;
        let o = tx.offering(reach, offering).await.map_err(or_busy(|| {
            FieldError::new("offering", format!("no offering with id {offering}"))
        }))?;
        let flow = if input.flow.trim().is_empty() {
            None
        } else {
            let id = FlowId::parse_field("flow", &input.flow)?;
            let f = tx.flow(reach, id).await.map_err(or_busy(|| {
                FieldError::new("flow", format!("no information flow with id {id}"))
            }))?;
            if f.offering != o.id {
                return Err(FieldError::new("flow", "belongs to another offering").into());
            }
            Some(f.id)
        };
        let title = Name::parse("title", &input.title)?;
        let threat = text("threat", &input.threat, 2000)?;
        if threat.is_empty() {
            return Err(FieldError::new("threat", "must name the threat (GL 5.1.1)").into());
        }
        let cia = Cia {
            confidentiality: input.confidentiality,
            integrity: input.integrity,
            availability: input.availability,
        };
        if !cia.any() {
            return Err(FieldError::new(
                "cia",
                "name what the risk harms: confidentiality, integrity or availability",
            )
            .with_accepted(["confidentiality", "integrity", "availability"])
            .into());
        }
        let matrix = self.matrix_for_write(tx, caller, o.provider).await?;
        let inherent = assess(
            &matrix,
            "impact",
            &input.impact,
            "likelihood",
            &input.likelihood,
        )?;
        let now = self.now();
        let risk = Risk {
            id: RiskId::from_uuid(new_uuid()),
            owner: o.provider,
            offering: o.id,
            flow,
            title,
            threat,
            vulnerability: text("vulnerability", &input.vulnerability, 2000)?,
            cia,
            inherent,
            treatment: None,
            residual: None,
            explanation: String::new(),
            next_review: None,
            review_flags: Vec::new(),
            assessed_at: Some(self.now()),
            revision: 1,
            created_at: now,
            updated_at: now,
        };
        let standing = Standing {
            criteria: Criteria::of(&matrix.matrix),
            affected: &[],
            consents: &[],
            thread: &[],
            flow: None,
        };
        let status = RiskStatus::of(&treatment_state(&risk, &standing));
        tx.insert_risk(&risk, status).await?;
        let summary = format!("{} [{}] {}", o.name, risk.inherent.level, risk.title);
        self.seal(
            tx,
            caller,
            event(
                "risk.create",
                "risk",
                risk.id,
                Some(risk.owner),
                None,
                Some(&risk_json(&risk)),
                summary,
            ),
        )
        .await?;
        Ok(risk)
    }

    fn parse_measure(
        &self,
        i: usize,
        m: &MeasureInput,
        affected: &[OrgId],
    ) -> Result<Measure, FieldError> {
        let f = |name: &str| format!("measures[{i}].{name}");
        let owner = match m.owner.trim() {
            "" | "provider" => MeasureOwner::Provider,
            "institution" => {
                let org = OrgId::parse_field(&f("owner_org"), &m.owner_org)?;
                if !affected.contains(&org) {
                    return Err(FieldError::new(
                        f("owner_org"),
                        "this institution has no contract for the offering (FAQ 5.2: a duty falls to an institution the risk touches)",
                    ));
                }
                MeasureOwner::Institution(org)
            }
            "subcontractor" => {
                MeasureOwner::Subcontractor(OrgId::parse_field(&f("owner_org"), &m.owner_org)?)
            }
            other => {
                return Err(
                    FieldError::new(f("owner"), format!("unknown value `{other}`"))
                        .with_accepted(["provider", "institution", "subcontractor"]),
                );
            }
        };
        let controls = m
            .controls
            .split([',', '\n', '、'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect();
        let due = if m.due.trim().is_empty() {
            None
        } else {
            Some(parse_date(&f("due"), &m.due)?)
        };
        Ok(Measure {
            description: text(&f("description"), &m.description, 2000)?,
            owner,
            controls,
            due,
            done: m.done,
        })
    }

    /// Decides (or changes) a risk's treatment and evaluates its residual risk (GL 5.1.4,
    /// 5.1.5). Sharing or accepting takes effect only once every affected institution agrees
    /// (FAQ 5.1); any change of the material content voids earlier agreement.
    pub async fn decide_treatment(
        &self,
        caller: &Caller,
        id: RiskId,
        expected_revision: Option<i64>,
        input: TreatmentInput,
    ) -> Result<Risk, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Write)?;
        let option = TreatmentOption::parse_field("option", &input.option)?;
        let mut tx = self.store().begin().await?;
        let current = tx
            .risk(reach, id)
            .await
            .map_err(AppError::from_store("risk"))?
            .risk;
        check_revision(expected_revision, current.revision)?;
        let ctx = self.risk_context(tx.as_ref(), &current).await?;
        let matrix = &ctx.matrix;
        if option == TreatmentOption::Accept {
            // A regulatory statement resting on the risk forbids accepting it (FAQ 7-R1).
            self.check_acceptance_allowed(tx.as_ref(), &current).await?;
        }
        let measures = input
            .measures
            .iter()
            .enumerate()
            .map(|(i, m)| self.parse_measure(i, m, &ctx.affected))
            .collect::<Result<Vec<_>, _>>()?;
        for (i, m) in measures.iter().enumerate() {
            if let MeasureOwner::Subcontractor(org) = m.owner {
                self.org_of_kind(
                    tx.as_ref(),
                    caller,
                    &format!("measures[{i}].owner_org"),
                    &org.to_string(),
                    &[OrgKind::Partner, OrgKind::Provider],
                )
                .await?;
            }
        }
        let treatment = Treatment {
            option,
            measures,
            rationale: text("rationale", &input.rationale, 4000)?,
            options_considered: text("options_considered", &input.options_considered, 4000)?,
        };
        let residual = if input.residual_impact.trim().is_empty()
            && input.residual_likelihood.trim().is_empty()
        {
            None
        } else {
            Some(assess(
                matrix,
                "residual_impact",
                &input.residual_impact,
                "residual_likelihood",
                &input.residual_likelihood,
            )?)
        };
        let explanation = text("explanation", &input.explanation, 8000)?;
        let mut risk = current.clone();
        risk.treatment = Some(treatment);
        risk.next_review = residual
            .as_ref()
            .map(|r| next_review(&matrix.matrix, r.level, self.today_in_japan()));
        risk.residual = residual;
        risk.explanation = explanation;
        // The one rule of whether a treatment stands (GL 5.1.3 表5-2, 5.1.4, 5.1.5, FAQ 5.1),
        // against the criteria of the assessment and those in force now: refused here.
        treatment_stands(ctx.standing().criteria, &risk)?;
        // Marks for review stay until the risk is reassessed (GL 5.1.7): a new treatment
        // decided on an analysis that the change made stale does not repeat the cycle.
        let expected = current.revision;
        risk.revision = expected + 1;
        risk.updated_at = self.now();
        let status = RiskStatus::of(&ctx.state_of(&risk));
        tx.update_risk(&risk, expected, status)
            .await
            .map_err(AppError::from_store("risk"))?;
        let option = risk.treatment.as_ref().map_or("", |t| t.option.code());
        let summary = format!("{} → {option} ({})", risk.title, status.code());
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "risk.treat",
                "risk",
                risk.id,
                Some(risk.owner),
                Some(&risk_json(&current)),
                Some(&risk_json(&risk)),
                summary,
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(risk)
    }

    /// Re-analyses a risk (new impact and likelihood on the current matrix). A changed level
    /// is a material change: earlier consents no longer count.
    ///
    /// The decided treatment is checked again by the same rule as deciding it
    /// (`treatment_stands`, GL 5.1.3 表5-2, FAQ 5.1). A level the treatment no longer meets
    /// is recorded, not refused, and the risk is reopened (status `reopened`, with the rule
    /// it breaks): refusing would keep a level the provider knows to be wrong, while GL 5.1.7
    /// asks it to record what it learns and go round the cycle again; no consent makes a
    /// reopened treatment effective. A level below the residual risk is refused (GL 5.1.5
    /// (3)): the residual risk is never above the risk before treatment.
    pub async fn reassess_risk(
        &self,
        caller: &Caller,
        id: RiskId,
        expected_revision: Option<i64>,
        impact: &str,
        likelihood: &str,
    ) -> Result<Risk, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Write)?;
        let mut tx = self.store().begin().await?;
        let current = tx
            .risk(reach, id)
            .await
            .map_err(AppError::from_store("risk"))?
            .risk;
        check_revision(expected_revision, current.revision)?;
        let matrix = self
            .matrix_for_write(tx.as_mut(), caller, current.owner)
            .await?;
        let mut risk = current.clone();
        let inherent = assess(&matrix, "impact", impact, "likelihood", likelihood)?;
        check_reassessment(&current, &inherent)?;
        risk.inherent = inherent;
        // The reassessment is the review (GL 5.1.7, FAQ 5.2): it clears every mark, schedules
        // the next periodic review, and the risk is now assessed on its flow as it is.
        anzen_domain::risk::review::clear_on_reassessment(
            &mut risk,
            &matrix.matrix,
            self.today_in_japan(),
            self.now(),
        );
        let expected = current.revision;
        risk.revision = expected + 1;
        risk.updated_at = self.now();
        // Assessed on the flow as it is now: the copy kept since an edit goes first, so the
        // status and the digest below cover the current flow.
        tx.clear_assessed_flow(risk.id).await?;
        let ctx = self.risk_context(tx.as_reads(), &risk).await?;
        let state = ctx.state_of(&risk);
        let status = RiskStatus::of(&state);
        let reopened = state
            .reason()
            .map(|r| format!(" (reopened: {r})"))
            .unwrap_or_default();
        tx.update_risk(&risk, expected, status)
            .await
            .map_err(AppError::from_store("risk"))?;
        let summary = format!(
            "{}: {} → {}{reopened}",
            risk.title, current.inherent.level, risk.inherent.level
        );
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "risk.reassess",
                "risk",
                risk.id,
                Some(risk.owner),
                Some(&risk_json(&current)),
                Some(&risk_json(&risk)),
                summary,
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(risk)
    }

    /// The register, filtered, most severe first.
    pub async fn list_risks(
        &self,
        caller: &Caller,
        query: &RiskQuery,
        page: Page,
    ) -> Result<Listed<RiskRow>, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Read)?;
        Ok(self.store().list_risks(reach, query, page).await?)
    }

    /// Counts of risks per cell, before and after treatment.
    pub async fn risk_heat_map(
        &self,
        caller: &Caller,
        query: &RiskQuery,
    ) -> Result<HeatMap, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Read)?;
        Ok(self.store().heat_map(reach, query).await?)
    }

    /// The duties treatments place on the caller's institution (FAQ 5.2).
    pub async fn my_institution_duties(
        &self,
        caller: &Caller,
    ) -> Result<Vec<InstitutionDuty>, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Read)?;
        match reach {
            anzen_domain::access::Reach::AsInstitution(org) => {
                Ok(self.store().institution_duties(org).await?)
            }
            _ => Err(AppError::Forbidden(
                "duties are listed for medical institutions",
            )),
        }
    }
}
