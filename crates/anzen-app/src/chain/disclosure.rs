//! Staged disclosure to an institution (GL 4.1, Table 4-1; FAQ 4.1): the purpose ① items at
//! the early stage, the purpose ② items once talks toward a contract are concrete, answered
//! from anzen's data where it can and by hand otherwise; what was given to whom and when is
//! kept.

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Subject};
use anzen_domain::catalog::{AnswerSource, CatalogId, ItemDetail, Stage};
use anzen_domain::chain::{DisclosureReader, item_visibility};
use anzen_domain::ids::OrgId;
use anzen_domain::org::OrgKind;

use super::disclosure_answers::no_contract as disclosure_answers_no_contract;
use crate::audit::event;
use crate::ports::Disclosure;
use crate::{App, AppError, Caller, new_uuid};

/// One Table 4-1 item for an institution: its suggested answer and what was disclosed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DisclosureItem {
    pub key: String,
    pub title_ja: String,
    pub title_en: String,
    /// `early` (purpose ①) or `contract` (purpose ②).
    pub stage: String,
    /// What anzen can answer from its data (empty when the item is answered by hand).
    pub suggested: String,
    pub answerable_from: String,
    /// The latest disclosure of this item to this institution.
    pub last: Option<Disclosure>,
}

impl App {
    /// The Table 4-1 items for an institution, with answers anzen can give and what was
    /// already disclosed.
    pub async fn disclosure_items(
        &self,
        caller: &Caller,
        institution: OrgId,
    ) -> Result<Vec<DisclosureItem>, AppError> {
        let reach = self.reach(caller, Subject::Ledger, Action::Read)?;
        let history = self
            .store()
            .list_disclosures(reach, Some(institution))
            .await?;
        let table = crate::catalogs::builtin_catalogue(CatalogId::Table41)?;
        // FAQ 4.1: the institution sees what was disclosed to it, never the suggestions
        // drawn from the provider's data.
        let reader = DisclosureReader::of(reach);
        let provider = match reader {
            DisclosureReader::Discloser => caller.org(),
            DisclosureReader::Recipient => None,
        };
        // One answer for every item answered from the certifications (①-7, ①-8): listed once.
        let asks_certifications = table.items().iter().any(|item| {
            matches!(item.detail(), ItemDetail::Table41(row)
                if row.answerable_from == AnswerSource::Certifications)
        });
        let certifications = match provider {
            Some(org) if asks_certifications => Some(self.certification_answer(caller, org).await?),
            _ => None,
        };
        // ①-1, ②-1, ②-2, ②-5 and ②-6 speak of the offerings this institution contracts,
        // never of the provider's totals (GL 4.1, FAQ 4.1).
        let contracted = match provider {
            Some(org) => self.contracted_offerings(caller, org, institution).await?,
            None => Vec::new(),
        };
        let storage = match provider {
            Some(_) => self.storage_suggestions(caller, &contracted).await?,
            None => None,
        };
        let storage_answer = |pick: fn(&anzen_domain::chain::StorageAnswers) -> String| {
            storage
                .as_ref()
                .map_or_else(disclosure_answers_no_contract, pick)
        };
        let mut items = Vec::new();
        for item in table.items() {
            let ItemDetail::Table41(row) = item.detail() else {
                continue;
            };
            let last = history.iter().find(|d| d.item_key == item.key()).cloned();
            let seen = item_visibility(reader, last.is_some());
            if !seen.listed {
                continue;
            }
            let suggested = match (row.answerable_from, provider) {
                _ if !seen.suggestion => String::new(),
                (AnswerSource::Certifications, Some(_)) => {
                    certifications.clone().unwrap_or_default()
                }
                // GL 4.3: the latest evaluation of each offering the institution contracts;
                // nothing suggested without one (the provider answers by hand).
                (AnswerSource::EvaluationResult, Some(_)) => {
                    let offerings: Vec<_> =
                        contracted.iter().map(|c| (c.id, c.name.clone())).collect();
                    self.evaluation_answer(caller, &offerings)
                        .await?
                        .unwrap_or_default()
                }
                (AnswerSource::DomesticLaw, Some(_)) => storage_answer(|a| a.domestic_law.joined()),
                (AnswerSource::StorageLocation, Some(_)) => storage_answer(|a| a.location.joined()),
                (AnswerSource::ForeignLawExposure, Some(_)) => {
                    storage_answer(|a| a.foreign_law.joined())
                }
                (AnswerSource::RiskTreatmentList, Some(_)) => {
                    self.risk_list_suggestion(caller, &contracted).await?
                }
                (AnswerSource::ConfigurationDiagram, Some(_)) => {
                    self.diagram_suggestion(caller, &contracted).await?
                }
                _ => String::new(),
            };
            items.push(DisclosureItem {
                key: item.key().to_owned(),
                title_ja: item.title_ja().to_owned(),
                title_en: item.title_en().to_owned(),
                stage: match row.stage {
                    Stage::Early => "early".into(),
                    Stage::Contract => "contract".into(),
                },
                suggested,
                answerable_from: row.answerable_from.code().to_owned(),
                last,
            });
        }
        Ok(items)
    }

    /// The certifications an organisation holds, as a disclosure answer (Table 4-1 ①-7,
    /// ①-8), with the FAQ 4.2 notice that a certificate is a minimum qualification only.
    async fn certification_answer(&self, caller: &Caller, org: OrgId) -> Result<String, AppError> {
        let today = self.today_in_japan();
        let held: Vec<_> = self
            .list_certifications(caller)
            .await?
            .into_iter()
            .filter(|c| c.org == org && c.certification.is_valid_on(today))
            .map(|c| c.certification)
            .collect();
        let q = self.qualification_of(caller, org, &held).await?;
        let list_ja: Vec<String> = held
            .iter()
            .map(|c| format!("{}（{}、{}まで）", c.kind.label_ja(), c.scope, c.valid_to))
            .collect();
        let list_en: Vec<String> = held
            .iter()
            .map(|c| format!("{} ({}, until {})", c.kind.label_en(), c.scope, c.valid_to))
            .collect();
        let exemption = q.exemption.as_ref().filter(|x| x.exempt);
        let (ja, en) = match q.basis {
            // GL 4.4: the requirement does not apply; the provider's reason is given.
            Some(anzen_domain::chain::QualificationBasis::Exempt) => (
                format!(
                    "最低限の適格性: 適用除外（{}）: {}",
                    exemption.map_or("", |x| x.basis.label_ja()),
                    exemption.map_or("", |x| x.reason.as_str())
                ),
                format!(
                    "Minimum qualification: exempt ({}): {}",
                    exemption.map_or("", |x| x.basis.label_en()),
                    exemption.map_or("", |x| x.reason.as_str())
                ),
            ),
            Some(b) => (
                format!(
                    "最低限の適格性: あり（{}）。{}",
                    b.label_ja(),
                    list_ja.join("、")
                ),
                format!(
                    "Minimum qualification: held ({}). {}",
                    b.label_en(),
                    list_en.join(", ")
                ),
            ),
            None => (
                "最低限の適格性: 有効な認証がありません".to_owned(),
                "Minimum qualification: no valid certification".to_owned(),
            ),
        };
        let (ja, en) = match exemption {
            Some(x) => (
                format!("{ja} {}", x.notice.cited_ja()),
                format!("{en} {}", x.notice.cited_en()),
            ),
            None => (ja, en),
        };
        Ok(format!(
            "{ja} {} / {en} {}",
            q.notice.cited_ja(),
            q.notice.cited_en()
        ))
    }

    /// Records that an item was disclosed to an institution, with the answer given.
    pub async fn disclose(
        &self,
        caller: &Caller,
        institution: &str,
        key: &str,
        answer: &str,
    ) -> Result<Disclosure, AppError> {
        let reach = self.reach(caller, Subject::Ledger, Action::Write)?;
        let org = self.risk_owner(caller, reach)?;
        let mut tx = self.store().begin().await?;
        let inst = self
            .org_of_kind(
                tx.as_ref(),
                caller,
                "institution",
                institution,
                &[OrgKind::MedicalInstitution],
            )
            .await?;
        let answer = answer.trim();
        if answer.is_empty() {
            return Err(
                FieldError::new("answer", "give the information disclosed (GL 4.1)").into(),
            );
        }
        let table = crate::catalogs::builtin_catalogue(CatalogId::Table41)?;
        // FAQ 4.1: Table 4-1 is not exhaustive; other keys are extra items the provider adds.
        let (title, stage) = match table.item(key) {
            Some(item) => {
                let stage = match item.detail() {
                    ItemDetail::Table41(r) if r.stage == Stage::Early => "early",
                    _ => "contract",
                };
                (item.title_ja().to_owned(), stage)
            }
            None => {
                let k = key.trim();
                if k.is_empty() || k.chars().count() > 100 {
                    return Err(FieldError::new(
                        "key",
                        "name the item (a Table 4-1 key or your own extra item)",
                    )
                    .into());
                }
                (k.to_owned(), "extra")
            }
        };
        let d = Disclosure {
            id: new_uuid().to_string(),
            org,
            institution: inst.id,
            item_key: key.trim().to_owned(),
            item_title: title,
            stage: stage.to_owned(),
            answer: answer.chars().take(8000).collect(),
            source: "manual".into(),
            disclosed_by: caller.label(),
            disclosed_at: self.now(),
        };
        tx.insert_disclosure(&d).await?;
        let after = serde_json::to_value(&d).expect("a disclosure serialises");
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "disclosure.create",
                "disclosure",
                &d.id,
                Some(org),
                None,
                Some(&after),
                format!("{} → {}", d.item_key, inst.name),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(d)
    }

    /// What was disclosed, newest first (to one institution, or all within reach).
    pub async fn list_disclosures(
        &self,
        caller: &Caller,
        institution: Option<OrgId>,
    ) -> Result<Vec<Disclosure>, AppError> {
        let reach = self.reach(caller, Subject::Ledger, Action::Read)?;
        Ok(self.store().list_disclosures(reach, institution).await?)
    }
}
