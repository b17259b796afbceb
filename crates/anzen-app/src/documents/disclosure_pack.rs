//! The Table 4-1 disclosure pack for one institution (GL 4.1, Table 4-1; FAQ 4.1): only the
//! items disclosed to it, by stage, with when and by whom; and the provider's certifications
//! with the minimum qualification and the FAQ 4.2 notice that a certificate is necessary but
//! never sufficient (GL 4.4).

use anzen_domain::catalog::{AnswerSource, CatalogId, ItemDetail};
use anzen_domain::chain::{CERTIFICATE_NOTICE, CERTIFICATE_WARN_DAYS};
use anzen_domain::ids::OrgId;
use anzen_domain::offering::Offering;
use anzen_render::disclosure_pack::{
    AnswerOrigin, CertificationRow, DisclosedItem, DisclosurePack, Qualification, Stage,
};

use super::risk_treatment::jst;
use crate::{App, AppError, Caller};

/// Printed under the title: disclosures are kept per institution, not per offering.
const PER_INSTITUTION_NOTE: &str = "表4-1 の情報提供は医療機関等ごとに記録しています。本資料はこの医療機関等に提供したすべての項目を掲載しています（GL 4.1、FAQ 4.1）。";

impl App {
    pub(super) async fn disclosure_pack(
        &self,
        caller: &Caller,
        offering: &Offering,
        institution: OrgId,
        provider: String,
        institution_name: String,
    ) -> Result<DisclosurePack, AppError> {
        let table = crate::catalogs::builtin_catalogue(CatalogId::Table41)?;
        let group_of = |key: &str| {
            table
                .items()
                .iter()
                .find(|i| i.key() == key)
                .and_then(|i| match i.detail() {
                    ItemDetail::Table41(row) => row.group_ja.clone(),
                    _ => None,
                })
        };
        let items = self
            .disclosure_items(caller, institution)
            .await?
            .into_iter()
            .filter_map(|item| {
                let last = item.last?;
                let source = AnswerSource::from_code(&item.answerable_from);
                Some(DisclosedItem {
                    group: group_of(&item.key),
                    key: item.key,
                    title: item.title_ja,
                    stage: Stage::from_code(&last.stage),
                    answer: last.answer,
                    origin: AnswerOrigin::from_code(&last.source),
                    answerable_from: source
                        .filter(|s| *s != AnswerSource::Manual)
                        .map(|s| s.label_ja().to_string()),
                    disclosed_by: last.disclosed_by,
                    disclosed_at: jst(last.disclosed_at),
                })
            })
            .collect();
        let today = self.today_in_japan();
        let held: Vec<_> = self
            .list_certifications(caller)
            .await?
            .into_iter()
            .filter(|c| c.org == offering.provider)
            .map(|c| c.certification)
            .collect();
        let certifications = held
            .iter()
            .map(|c| CertificationRow {
                kind: c.kind.label_ja().to_string(),
                detail: c
                    .auditor_qualification
                    .map(|q| q.label_ja().to_string())
                    .or_else(|| c.equivalent_name.as_ref().map(|n| n.as_str().to_string())),
                scope: c.scope.as_str().to_string(),
                issuer: c.issuer.as_str().to_string(),
                valid_from: c.valid_from,
                valid_to: c.valid_to,
                status: c
                    .status_on(today, CERTIFICATE_WARN_DAYS)
                    .label_ja()
                    .to_string(),
                table_item: c.kind.table_4_1_item().to_string(),
            })
            .collect();
        let q = self
            .qualification_of(caller, offering.provider, &held)
            .await?;
        Ok(DisclosurePack {
            cover: anzen_render::Cover {
                offering: offering.name.as_str().to_string(),
                provider,
                institution: Some(institution_name),
                issued_on: today,
                version: String::new(),
                number: None,
                source_digest: None,
            },
            items,
            certifications,
            qualification: Some(Qualification {
                met: q.met,
                basis: q.basis.map(|b| b.label_ja().to_string()),
                // GL 4.4: a recorded exemption is shown with its reason and the FAQ 4.2 caveat.
                reasons: q
                    .reasons
                    .iter()
                    .map(|r| r.cited_ja())
                    .chain(q.exemption.iter().flat_map(|x| {
                        [
                            format!("適用除外の記録: {}: {}", x.basis.label_ja(), x.reason),
                            x.notice.cited_ja(),
                        ]
                    }))
                    .collect(),
            }),
            certificate_notice: CERTIFICATE_NOTICE.cited_ja(),
            note: Some(PER_INSTITUTION_NOTE.to_string()),
        })
    }
}
