//! The 適用宣言書 of an offering (FAQ 5.3-R5: Appendix 2 is treated like ISMS Annex A; FAQ
//! 5.4, 7): every control of the Appendix 2 version shown on the statements page with its
//! statement (adopted, alternative, not applicable, planned, or none yet) and its reasons,
//! grouped by 大項目 and 中項目; the provider's own controls (FAQ 5.3-R4); and the chapter 6
//! regulatory requirements with whether each is met (FAQ 7-R1: no risk decision waives
//! them). Built from the same use-case as the page, so it says exactly what the page says.

use anzen_domain::catalog::ItemDetail;
use anzen_domain::controls::{Applicability, StatementStatus, TextOrigin};
use anzen_domain::offering::Offering;
use anzen_render::applicability::{
    CatalogueInfo, Chapter, ControlStatement, RegulatoryStatement, Section,
    StatementOfApplicability, StatementState, StatementText, Unmet,
};

use super::risk_treatment::jst;
use crate::controls::{RowState, TableRow, builtin_partial, regulatory_catalogue};
use crate::{App, AppError, Caller};

fn state(s: Option<StatementStatus>) -> StatementState {
    match s {
        Some(StatementStatus::Adopted) => StatementState::Adopted,
        Some(StatementStatus::Alternative) => StatementState::Alternative,
        Some(StatementStatus::NotApplicable) => StatementState::NotApplicable,
        Some(StatementStatus::Planned) => StatementState::Planned,
        Some(StatementStatus::LegallyNotApplicable) => StatementState::LegallyNotApplicable,
        None => StatementState::None,
    }
}

fn text(label: &str, text: &str) -> StatementText {
    StatementText {
        label: label.into(),
        text: text.into(),
    }
}

/// The statement's texts with the labels a reader expects.
fn texts(a: &Applicability) -> Vec<StatementText> {
    match a {
        Applicability::Adopted { how, evidence } => {
            vec![text("実施方法", how), text("証跡", evidence)]
        }
        Applicability::Alternative {
            what,
            why_equivalent,
        } => vec![
            text("代替策の内容", what),
            text("同等とする理由", why_equivalent),
        ],
        Applicability::NotApplicable { why } => vec![text("適用しない理由", why)],
        Applicability::Planned { what, by } => vec![
            text("予定している対策", what),
            text("対応予定日", &anzen_render::dates::both(*by)),
        ],
        Applicability::LegallyNotApplicable {
            finding,
            legal_basis,
        } => vec![text("法令上の判断", finding), text("根拠法令", legal_basis)],
    }
}

/// `1 タイトル` → (`1`, `Some("タイトル")`).
fn number_and_title(part: &str) -> (String, Option<String>) {
    match part.trim().split_once(' ') {
        Some((no, title)) => (no.to_owned(), Some(title.trim().to_owned())),
        None => (part.trim().to_owned(), None),
    }
}

fn statement(row: &TableRow, key: String, topic: Option<String>) -> ControlStatement {
    let s = row.statement.as_ref();
    ControlStatement {
        key,
        topic,
        text: row.text.clone(),
        kubun: row.kubun_mark.clone(),
        state: state(row.status()),
        texts: s
            .map(|s| texts(s.statement.applicability()))
            .unwrap_or_default(),
        stated_by: s.map(|s| s.stated_by.clone()),
        stated_at: s.map(|s| jst(s.stated_at)),
        carried_from: match row.state {
            RowState::Carried | RowState::ToReview => row.from_version.clone(),
            RowState::Stated | RowState::None => None,
        },
        to_review: row.state == RowState::ToReview,
        risks: row
            .linked_risks
            .iter()
            .map(|r| r.title.clone().unwrap_or_else(|| r.id.to_string()))
            .collect(),
    }
}

impl App {
    pub(super) async fn statement_of_applicability(
        &self,
        caller: &Caller,
        offering: &Offering,
        provider: String,
    ) -> Result<StatementOfApplicability, AppError> {
        let table = self.statement_table(caller, offering.id, None).await?;
        let v = &table.catalogue;
        let (provider_gl, mhlw_gl, source_title, legend, note) = if v.builtin {
            let c = builtin_partial()?;
            (
                c.meta.provider_gl_version.clone(),
                c.meta.mhlw_gl_version.clone(),
                c.meta.source_title.clone(),
                c.kubun_legend.clone(),
                c.completeness_note.clone(),
            )
        } else {
            let m = anzen_domain::controls::CatalogueMeta::official_v1_1(None);
            (
                m.provider_gl_version,
                m.mhlw_gl_version,
                v.source_name.clone().unwrap_or(m.source_title),
                None,
                None,
            )
        };

        // Appendix 2, grouped by 大項目 › 中項目 › 小項目 as the catalogue heads each item.
        let mut chapters: Vec<Chapter> = Vec::new();
        for row in &table.appendix2 {
            let anzen_domain::controls::StatementSubject::Appendix2 { key, .. } =
                row.subject.clone()
            else {
                continue;
            };
            let mut parts = row.heading.split(" › ");
            let (major_no, major_title) = number_and_title(parts.next().unwrap_or_default());
            let (middle_no, middle_title) = number_and_title(parts.next().unwrap_or_default());
            let topic = parts.next().map(|t| t.trim().to_owned());
            if chapters.last().is_none_or(|c| c.number != major_no) {
                chapters.push(Chapter {
                    number: major_no.clone(),
                    title: major_title,
                    sections: Vec::new(),
                });
            }
            let chapter = chapters.last_mut().expect("pushed above");
            if chapter
                .sections
                .last()
                .is_none_or(|s| s.number != middle_no)
            {
                chapter.sections.push(Section {
                    number: middle_no.clone(),
                    title: middle_title,
                    controls: Vec::new(),
                });
            }
            let section = chapter.sections.last_mut().expect("pushed above");
            section.controls.push(statement(row, key, topic));
        }

        let provider_controls = table
            .provider_controls
            .iter()
            .filter_map(|row| match &row.subject {
                anzen_domain::controls::StatementSubject::Provider { key } => {
                    Some(statement(row, key.clone(), Some(row.heading.clone())))
                }
                _ => None,
            })
            .collect();

        let catalogue = regulatory_catalogue()?;
        let regulatory = table
            .regulatory
            .iter()
            .filter_map(|row| {
                let anzen_domain::controls::StatementSubject::Regulatory { key } = &row.subject
                else {
                    return None;
                };
                let detail = catalogue.items().iter().find(|i| i.key() == key.as_str());
                let (section, legal_basis) = match detail.map(|i| i.detail()) {
                    Some(ItemDetail::RegulatoryRequirement(r)) => (
                        r.section.clone(),
                        r.legal_basis
                            .iter()
                            .map(|b| match &b.reference {
                                Some(reference) => format!("{}（{reference}）", b.name_ja),
                                None => b.name_ja.clone(),
                            })
                            .collect(),
                    ),
                    _ => (String::new(), Vec::new()),
                };
                let c = statement(row, key.clone(), None);
                let unmet = table.unmet.iter().find(|u| &u.key == key).map(|u| Unmet {
                    reason: u.reason.label_ja().to_string(),
                    planned_by: u.planned_by,
                });
                Some(RegulatoryStatement {
                    key: key.clone(),
                    section,
                    title: row.heading.clone(),
                    legal_basis,
                    state: c.state,
                    texts: c.texts,
                    stated_by: c.stated_by,
                    stated_at: c.stated_at,
                    risks: c.risks,
                    unmet,
                    note: None,
                })
            })
            .collect();

        Ok(StatementOfApplicability {
            cover: anzen_render::Cover {
                offering: offering.name.as_str().to_string(),
                provider,
                institution: None,
                issued_on: self.today_in_japan(),
                version: String::new(),
                number: None,
                source_digest: None,
            },
            catalogue: CatalogueInfo {
                version: v.version.clone(),
                source_title,
                provider_gl_version: provider_gl,
                mhlw_gl_version: mhlw_gl,
                official_text: v.text_origin == TextOrigin::Official,
                kubun_legend: legend,
                completeness_note: note,
            },
            chapters,
            provider_controls,
            regulatory,
        })
    }
}
