//! 運用管理規程 (GL 5.1.6 (2), FAQ 6, 6.1): the provider drafts its rules from anzen's data,
//! edits and issues them as versions (for every offering, or for one that differs); each
//! institution whose contracts a version covers agrees to its exact content, declines with a
//! reason or asks, and the provider answers (the rules of `anzen_domain::oprules`). Each
//! institution is also shown what it must put into its own rules (Table 4-1 ②-3).

mod prefill;

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::ids::{OfferingId, OrgId};
use anzen_domain::oprules::{
    Response, ResponseKind, RulesContent, Section, Standing, check_response, covered_institutions,
    standing,
};

use crate::audit::event;
use crate::ports::{ContractQuery, Page, Reads, StoredRules};
use crate::{App, AppError, Caller, new_uuid};

/// Where one covered institution stands on a version.
#[derive(Debug, Clone, serde::Serialize)]
pub struct InstitutionStanding {
    pub institution: OrgId,
    pub name: String,
    pub standing: Standing,
}

/// A version with who it covers and where each stands.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RulesView {
    pub rules: StoredRules,
    pub offering_name: Option<String>,
    /// The newest version of its variant (only it can be agreed to).
    pub current: bool,
    pub institutions: Vec<InstitutionStanding>,
    /// The responses the caller may read (an institution: its own thread only).
    pub responses: Vec<Response>,
}

/// One duty an institution must put into its own rules (Table 4-1 ②-3).
#[derive(Debug, Clone, serde::Serialize)]
pub struct InstitutionItem {
    pub offering: OfferingId,
    pub risk_title: String,
    pub description: String,
}

const NOT_PROVIDER: &str = "運用管理規程を定めるのは提供事業者です (GL 5.1.6 (2)) / the rules are set by a provider (GL 5.1.6 (2))";

impl App {
    /// The provider the caller writes rules for.
    fn rules_owner(&self, caller: &Caller) -> Result<OrgId, AppError> {
        match self.reach(caller, Subject::Agreements, Action::Write)? {
            Reach::Owned(org) => Ok(org),
            _ => Err(AppError::Forbidden(NOT_PROVIDER)),
        }
    }

    /// The provider's contracts in force or starting later, as (institution, offering).
    async fn live_contracts(
        &self,
        db: &dyn Reads,
        org: OrgId,
    ) -> Result<Vec<(OrgId, OfferingId)>, AppError> {
        let today = self.today_in_japan();
        let all = db
            .list_contracts(Reach::Owned(org), &ContractQuery::default(), Page::all())
            .await?;
        Ok(all
            .rows
            .iter()
            .filter(|c| c.provider == org && c.period.ends_on().is_none_or(|e| e >= today))
            .map(|c| (c.institution, c.offering))
            .collect())
    }

    /// Who a version covers, given every version of its provider.
    async fn coverage(
        &self,
        db: &dyn Reads,
        rules: &StoredRules,
        all: &[StoredRules],
    ) -> Result<Vec<OrgId>, AppError> {
        let variants: Vec<OfferingId> = all.iter().filter_map(|r| r.offering).collect();
        let contracts = self.live_contracts(db, rules.org).await?;
        Ok(covered_institutions(rules.offering, &variants, &contracts))
    }

    /// The sections to start a new version from: the newest version of the variant (or the
    /// general one), else a draft from anzen's data.
    pub async fn rules_draft(
        &self,
        caller: &Caller,
        offering: Option<OfferingId>,
    ) -> Result<(Option<i64>, Vec<Section>), AppError> {
        let org = self.rules_owner(caller)?;
        if let Some(o) = offering {
            self.store()
                .offering(Reach::Owned(org), o)
                .await
                .map_err(AppError::from_store("offering"))?;
        }
        let all = self.store().rules_of(org).await?;
        let own = all.iter().find(|r| r.offering == offering);
        if let Some(r) = own {
            return Ok((Some(r.version), r.content.sections.clone()));
        }
        if let Some(general) = all.iter().find(|r| r.offering.is_none()) {
            return Ok((None, general.content.sections.clone()));
        }
        Ok((None, self.draft_sections(caller).await?))
    }

    /// Issues a new version (GL 5.1.6 (2)). `expected_version` is the version the edit
    /// started from (`None` for the first); a version issued meanwhile is a 409.
    pub async fn issue_rules(
        &self,
        caller: &Caller,
        offering: Option<OfferingId>,
        expected_version: Option<i64>,
        sections: Vec<Section>,
    ) -> Result<StoredRules, AppError> {
        let org = self.rules_owner(caller)?;
        let content = RulesContent::parse(sections)?;
        let mut tx = self.store().begin().await?;
        let offering_name = match offering {
            Some(o) => Some(
                tx.offering(Reach::Owned(org), o)
                    .await
                    .map_err(AppError::from_store("offering"))?
                    .name
                    .to_string(),
            ),
            None => None,
        };
        let all = tx.rules_of(org).await?;
        let latest = all.iter().find(|r| r.offering == offering);
        if latest.map(|r| r.version) != expected_version {
            return Err(AppError::Conflict(format!(
                "another version was issued meanwhile: the current version is {}; reload and edit it / 編集中に別の版が発行されました（現在の版 {}）",
                latest.map_or(0, |r| r.version),
                latest.map_or(0, |r| r.version)
            )));
        }
        content.check_changed(latest.map(|r| &r.content))?;
        let rules = StoredRules {
            id: new_uuid().to_string(),
            org,
            offering,
            version: latest.map_or(1, |r| r.version + 1),
            digest: content.digest(),
            content,
            issued_by: caller.label(),
            issued_at: self.now(),
        };
        tx.insert_rules(&rules).await?;
        let after = serde_json::to_value(&rules).expect("rules serialise");
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "operational_rules.issue",
                "operational_rules",
                &rules.id,
                Some(org),
                None,
                Some(&after),
                format!(
                    "運用管理規程 第{}版{}",
                    rules.version,
                    offering_name
                        .map(|n| format!("（{n}）"))
                        .unwrap_or_default()
                ),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(rules)
    }

    /// The providers whose rules the caller reads: its own, or (an institution) those it
    /// contracts.
    async fn rules_readable(&self, caller: &Caller) -> Result<Vec<StoredRules>, AppError> {
        match self.reach(caller, Subject::Agreements, Action::Read)? {
            Reach::Owned(org) => Ok(self.store().rules_of(org).await?),
            Reach::AsInstitution(inst) => {
                let query = ContractQuery {
                    institution: Some(inst),
                    ..Default::default()
                };
                let contracts = self
                    .store()
                    .list_contracts(Reach::AsInstitution(inst), &query, Page::all())
                    .await?;
                let mut providers: Vec<OrgId> = contracts.rows.iter().map(|c| c.provider).collect();
                providers.sort();
                providers.dedup();
                let mut out = Vec::new();
                for p in providers {
                    let all = self.store().rules_of(p).await?;
                    for r in &all {
                        if self
                            .coverage(self.store().as_ref(), r, &all)
                            .await?
                            .contains(&inst)
                        {
                            out.push(r.clone());
                        }
                    }
                }
                Ok(out)
            }
            Reach::Everything => Err(AppError::Forbidden(NOT_PROVIDER)),
            _ => Ok(Vec::new()),
        }
    }

    /// The versions the caller may read, newest first.
    pub async fn list_rules(&self, caller: &Caller) -> Result<Vec<RulesView>, AppError> {
        let rules = self.rules_readable(caller).await?;
        let mut out = Vec::with_capacity(rules.len());
        for r in rules {
            out.push(self.view_of(caller, r).await?);
        }
        Ok(out)
    }

    /// One version, with who it covers and the responses the caller may read.
    pub async fn rules_view(&self, caller: &Caller, id: &str) -> Result<RulesView, AppError> {
        let rules = self
            .rules_readable(caller)
            .await?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or(AppError::NotFound {
                what: "operational_rules",
            })?;
        self.view_of(caller, rules).await
    }

    async fn view_of(&self, caller: &Caller, rules: StoredRules) -> Result<RulesView, AppError> {
        let db = self.store();
        let all = db.rules_of(rules.org).await?;
        let current = all
            .iter()
            .find(|r| r.offering == rules.offering)
            .is_some_and(|r| r.id == rules.id);
        let mut covered = self.coverage(db.as_ref(), &rules, &all).await?;
        let mut responses = db.rules_responses(&rules.id).await?;
        if let Reach::AsInstitution(inst) = self.reach(caller, Subject::Agreements, Action::Read)? {
            covered.retain(|i| *i == inst);
            responses.retain(|r| r.institution == inst);
        }
        let orgs = self.reach(caller, Subject::Organisations, Action::Read)?;
        let names: std::collections::HashMap<OrgId, String> =
            db.org_names(orgs, &covered).await?.into_iter().collect();
        let institutions = covered
            .iter()
            .map(|i| InstitutionStanding {
                institution: *i,
                name: names.get(i).cloned().unwrap_or_else(|| i.to_string()),
                standing: standing(&responses, *i, &rules.digest),
            })
            .collect();
        let offering_name = match rules.offering {
            Some(o) => db
                .offering_names(Reach::Everything, &[o])
                .await?
                .into_iter()
                .next()
                .map(|(_, n)| n),
            None => None,
        };
        Ok(RulesView {
            rules,
            offering_name,
            current,
            institutions,
            responses,
        })
    }

    /// An institution agrees to, declines or asks about a version; the provider answers
    /// (`institution` names the thread answered). One transaction: the version, its
    /// coverage and the responses are read inside it.
    pub async fn respond_rules(
        &self,
        caller: &Caller,
        id: &str,
        kind: &str,
        institution: Option<OrgId>,
        digest: &str,
        text: &str,
    ) -> Result<Response, AppError> {
        let kind = ResponseKind::parse_field("kind", kind)?;
        let principal = match caller {
            Caller::User(p) => p.clone(),
            Caller::Operator { .. } => {
                return Err(AppError::Forbidden(
                    "responses are given by named users (FAQ 6.1) / 回答は利用者本人が行います",
                ));
            }
        };
        // Reading the version is itself reach-checked (not found when out of reach).
        let seen = self.rules_view(caller, id).await?;
        let mut tx = self.store().begin().await?;
        let rules = tx.rules_by_id(id).await?.ok_or(AppError::NotFound {
            what: "operational_rules",
        })?;
        let all = tx.rules_of(rules.org).await?;
        let latest =
            all.iter()
                .find(|r| r.offering == rules.offering)
                .ok_or(AppError::NotFound {
                    what: "operational_rules",
                })?;
        let covered = self.coverage(tx.as_reads(), &rules, &all).await?;
        let responses = tx.rules_responses(&rules.id).await?;
        let thread = match kind {
            ResponseKind::Answer => institution.ok_or_else(|| {
                FieldError::new(
                    "institution",
                    "name the institution whose question or decline you answer",
                )
            })?,
            _ => principal.org,
        };
        let text = check_response(
            &principal,
            kind,
            rules.org,
            thread,
            &covered,
            &responses,
            &latest.digest,
            if kind == ResponseKind::Answer {
                &latest.digest
            } else {
                digest
            },
            text,
        )?;
        let response = Response {
            id: new_uuid().to_string(),
            institution: thread,
            kind,
            text,
            digest: rules.digest.clone(),
            user: principal.user,
            user_name: principal.name.clone(),
            at: self.now(),
        };
        tx.insert_rules_response(&rules, &response).await?;
        let after = serde_json::to_value(&response).expect("a response serialises");
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "operational_rules.respond",
                "operational_rules",
                &rules.id,
                Some(rules.org),
                None,
                Some(&after),
                format!(
                    "運用管理規程 第{}版：{}",
                    seen.rules.version,
                    kind.label_ja()
                ),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(response)
    }

    /// What `institution` must put into its own 運用管理規程 (Table 4-1 ②-3): the duties the
    /// treatments of the provider's risks place on it (FAQ 5.2).
    pub async fn institution_rule_items(
        &self,
        caller: &Caller,
        institution: OrgId,
    ) -> Result<Vec<InstitutionItem>, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Read)?;
        // An institution reads its own items; a provider those of an institution it
        // contracts (in force or starting later); anything else is not found.
        let known = match reach {
            Reach::AsInstitution(own) => own == institution,
            Reach::Owned(org) => self
                .live_contracts(self.store().as_ref(), org)
                .await?
                .iter()
                .any(|(i, _)| *i == institution),
            Reach::Everything => true,
            Reach::Nothing | Reach::AsSupplier(_) => false,
        };
        if !known {
            return Err(AppError::NotFound {
                what: "institution",
            });
        }
        let duties = self.store().institution_duties(institution).await?;
        // A provider sees the duties its own risks place on the institution only.
        let mine = |o: OfferingId| async move {
            match reach {
                Reach::Owned(org) => self.store().offering(Reach::Owned(org), o).await.is_ok(),
                _ => true,
            }
        };
        let mut out = Vec::new();
        for d in duties {
            if mine(d.offering).await {
                out.push(InstitutionItem {
                    offering: d.offering,
                    risk_title: d.risk_title,
                    description: d.description,
                });
            }
        }
        Ok(out)
    }
}
