//! サイバーセキュリティ対策チェックリスト（事業者確認用）: the offering's answers to the newest
//! edition (guideline-notes §7), each with who answered and whether anzen judged it from its
//! records. Its XLSX is the file a provider fills in and imports again.

use anzen_domain::checklist::fiscal_year_span;
use anzen_domain::offering::Offering;
use anzen_render::mhlw_checklist::{ChecklistRow, MhlwChecklist, SOURCE_DATA, SOURCE_PERSON};

use crate::{App, AppError, Caller};

impl App {
    pub(super) async fn mhlw_checklist_document(
        &self,
        caller: &Caller,
        offering: &Offering,
        provider: String,
    ) -> Result<MhlwChecklist, AppError> {
        let v = self.checklist(caller, offering.id, None).await?;
        let (start, end) = fiscal_year_span(v.fiscal_year);
        let reiwa = v.fiscal_year - 2018;
        Ok(MhlwChecklist {
            cover: anzen_render::Cover {
                offering: offering.name.as_str().to_string(),
                provider,
                institution: None,
                issued_on: self.today_in_japan(),
                version: String::new(),
                number: None,
                source_digest: None,
            },
            edition: v.edition.clone(),
            fiscal_year: format!(
                "令和{reiwa}年度（{} 〜 {}）",
                anzen_render::dates::seireki(start),
                anzen_render::dates::seireki(end)
            ),
            offering_id: v.offering.to_string(),
            revision: v.revision,
            items: v
                .rows
                .iter()
                .map(|r| match (&r.answer, &r.data) {
                    (Some(a), _) => ChecklistRow {
                        key: r.item.key.clone(),
                        title: r.item.title_ja.clone(),
                        reply: a.reply.label_ja().to_owned(),
                        checked_on: a.checked_on.to_string(),
                        target_on: a.target_on.map(|d| d.to_string()).unwrap_or_default(),
                        evidence: a.evidence.clone(),
                        answered_by: a.answered_by.clone(),
                        source: SOURCE_PERSON.to_owned(),
                    },
                    (None, Some(d)) => ChecklistRow {
                        key: r.item.key.clone(),
                        title: r.item.title_ja.clone(),
                        reply: d.reply.label_ja().to_owned(),
                        checked_on: self.today_in_japan().to_string(),
                        target_on: String::new(),
                        evidence: d.evidence_ja.clone(),
                        answered_by: "anzen".to_owned(),
                        source: SOURCE_DATA.to_owned(),
                    },
                    (None, None) => ChecklistRow {
                        key: r.item.key.clone(),
                        title: r.item.title_ja.clone(),
                        reply: String::new(),
                        checked_on: String::new(),
                        target_on: String::new(),
                        evidence: String::new(),
                        answered_by: String::new(),
                        source: String::new(),
                    },
                })
                .collect(),
        })
    }
}
