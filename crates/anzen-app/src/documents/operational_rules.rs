//! The 運用管理規程 (GL 5.1.6 (2), FAQ 6.1) of an offering: the current version of the rules
//! that apply to it (its own, or the provider's general ones), with each covered
//! institution's standing and who agreed when. For one institution, its standing only.

use anzen_domain::FieldError;
use anzen_domain::ids::OrgId;
use anzen_domain::offering::Offering;
use anzen_domain::oprules::{Prefill, ResponseKind};
use anzen_render::operational_rules::{InstitutionStanding, OperationalRules, RulesSection};

use super::risk_treatment::jst;
use crate::{App, AppError, Caller};

impl App {
    pub(super) async fn operational_rules_document(
        &self,
        caller: &Caller,
        offering: &Offering,
        institution: Option<OrgId>,
        provider: String,
    ) -> Result<OperationalRules, AppError> {
        let views = self.list_rules(caller).await?;
        let own = views
            .iter()
            .find(|v| v.current && v.rules.offering == Some(offering.id));
        let general = views
            .iter()
            .find(|v| v.current && v.rules.offering.is_none() && v.rules.org == offering.provider);
        let Some(v) = own.or(general) else {
            return Err(FieldError::new(
                "kind",
                "no operational rules apply to this offering yet: issue them first (GL 5.1.6 (2)) / このサービスに適用される運用管理規程がまだ発行されていません",
            )
            .into());
        };
        let institutions = v
            .institutions
            .iter()
            .filter(|i| institution.is_none_or(|only| only == i.institution))
            .map(|i| InstitutionStanding {
                institution: i.name.clone(),
                standing: i.standing.label_ja().to_owned(),
                agreed_by: v
                    .responses
                    .iter()
                    .filter(|r| {
                        r.institution == i.institution
                            && r.kind == ResponseKind::Agree
                            && r.digest == v.rules.digest
                    })
                    .max_by_key(|r| r.at)
                    .map(|r| {
                        format!(
                            "{}（{}）",
                            r.user_name,
                            anzen_render::dates::both(jst(r.at).date())
                        )
                    }),
            })
            .collect();
        let scope = v
            .offering_name
            .clone()
            .map_or_else(|| "全提供サービス共通".to_owned(), |n| format!("{n}向け"));
        Ok(OperationalRules {
            cover: anzen_render::Cover {
                offering: offering.name.as_str().to_string(),
                provider,
                institution: institution.map(|only| {
                    v.institutions
                        .iter()
                        .find(|i| i.institution == only)
                        .map_or_else(|| only.to_string(), |i| i.name.clone())
                }),
                issued_on: self.today_in_japan(),
                version: String::new(),
                number: None,
                source_digest: None,
            },
            rules_version: format!("第{}版（{scope}）", v.rules.version),
            digest: v.rules.digest.clone(),
            sections: v
                .rules
                .content
                .sections
                .iter()
                .map(|s| RulesSection {
                    key: s.key.clone(),
                    title: s.title.clone(),
                    body: s.body.clone(),
                    drafted_from: Prefill::from_code(&s.prefill)
                        .unwrap_or(Prefill::Manual)
                        .label_ja()
                        .to_owned(),
                })
                .collect(),
            institutions,
        })
    }
}
