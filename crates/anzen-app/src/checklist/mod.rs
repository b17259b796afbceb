//! The MHLW cybersecurity checklist, provider version (事業者確認用; guideline-notes §7): the
//! editions (the built-in one and those a provider imports each fiscal year), each offering's
//! answers to an edition, what anzen judges from its own records, and which offerings must
//! answer a new edition. The rules are `anzen_domain::checklist`.

mod editions;
mod facts;
mod transfer;

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Subject};
use anzen_domain::checklist::{
    Answer, AnswerInput, DataAnswer, Edition, EditionChanges, EditionItem, Progress, check_answer,
    edition_changes, shown,
};
use anzen_domain::ids::OfferingId;
use anzen_domain::offering::Offering;

use crate::audit::event;
use crate::ports::StoredSheet;
use crate::{App, AppError, Caller};

pub use editions::{EditionImport, EditionView};
pub use transfer::{ChecklistFileError, read_checklist_file};

/// The most answers one save may carry.
pub const MAX_ANSWERS_PER_SAVE: usize = anzen_domain::checklist::MAX_ITEMS;

/// One item with what answers it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ChecklistRow {
    pub item: EditionItem,
    /// A person's answer, which takes precedence.
    pub answer: Option<Answer>,
    /// anzen's judgement from its records, where they settle the item.
    pub data: Option<DataAnswer>,
}

/// An offering's answers to an edition.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ChecklistView {
    pub offering: OfferingId,
    pub offering_name: String,
    pub edition: String,
    pub fiscal_year: i16,
    pub title_ja: String,
    /// The revision of the saved answers; 0 while none were saved. A save names it.
    pub revision: i64,
    pub rows: Vec<ChecklistRow>,
    pub progress: Progress,
    /// Whether this is the newest edition.
    pub current: bool,
    /// What changed since the previous edition.
    pub changes: EditionChanges,
    /// The offering answered the previous edition and has not finished this one: it must
    /// answer again (a new fiscal year's edition).
    pub reanswer: bool,
    pub updated_by: Option<String>,
    pub updated_at: Option<jiff::Timestamp>,
}

impl ChecklistView {
    /// The edition the view answers, as its rows hold it.
    pub fn edition_items(&self) -> Edition {
        Edition {
            label: self.edition.clone(),
            fiscal_year: self.fiscal_year,
            title_ja: self.title_ja.clone(),
            items: self.rows.iter().map(|r| r.item.clone()).collect(),
        }
    }
}

/// Who answered, as printed: a user's name, or the operator.
fn answerer(caller: &Caller) -> String {
    match caller {
        Caller::User(p) => p.name.clone(),
        Caller::Operator { .. } => caller.label(),
    }
}

impl App {
    /// An offering's answers to `edition` (the newest when `None`), with anzen's judgements.
    pub async fn checklist(
        &self,
        caller: &Caller,
        offering: OfferingId,
        edition: Option<&str>,
    ) -> Result<ChecklistView, AppError> {
        let reach = self.reach(caller, Subject::Controls, Action::Read)?;
        let o = self
            .store()
            .offering(reach, offering)
            .await
            .map_err(AppError::from_store("offering"))?;
        let editions = self.checklist_editions_of(caller).await?;
        let index = edition_index(&editions, edition)?;
        let sheet = self
            .store()
            .checklist_sheet(o.id, &editions[index].label)
            .await?;
        let previous = if index > 0 {
            self.store()
                .checklist_sheet(o.id, &editions[index - 1].label)
                .await?
        } else {
            None
        };
        let facts = self.checklist_facts(caller, &o).await?;
        Ok(view(
            &o,
            &editions,
            index,
            sheet,
            previous.is_some(),
            &facts,
        ))
    }

    /// Saves a person's answers to items of an edition of an offering of the caller's
    /// organisation, all or none (each answer checked by `check_answer`, R7 manual):
    /// `revision` is the revision the caller read (0 when none was saved); a stale one is a
    /// conflict. An answer replaces the item's earlier one. Audited.
    pub async fn save_checklist_answers(
        &self,
        caller: &Caller,
        offering: OfferingId,
        edition: &str,
        revision: i64,
        inputs: &[AnswerInput],
    ) -> Result<ChecklistView, AppError> {
        let reach = self.reach(caller, Subject::Controls, Action::Write)?;
        if inputs.is_empty() {
            return Err(FieldError::new("answers", "give at least one answer").into());
        }
        if inputs.len() > MAX_ANSWERS_PER_SAVE {
            return Err(FieldError::new(
                "answers",
                format!("at most {MAX_ANSWERS_PER_SAVE} answers at once"),
            )
            .into());
        }
        // The editions and the stored answers are read inside the unit of work.
        let mut tx = self.store().begin().await?;
        let editions: Vec<Edition> = editions::editions_in(tx.as_reads(), caller)
            .await?
            .into_iter()
            .map(|v| v.edition)
            .collect();
        let index = edition_index(&editions, Some(edition))?;
        let e = &editions[index];
        let today = self.today_in_japan();
        let now = self.now();
        let who = answerer(caller);
        let mut checked = Vec::with_capacity(inputs.len());
        for (i, input) in inputs.iter().enumerate() {
            let a = check_answer(e, input, today, &who, now).map_err(|err| {
                FieldError::new(format!("answers[{i}].{}", err.field), err.message)
                    .with_accepted(err.accepted)
            })?;
            if checked.iter().any(|c: &Answer| c.item == a.item) {
                return Err(FieldError::new(
                    format!("answers[{i}].item"),
                    format!("`{}` is answered twice", a.item),
                )
                .into());
            }
            checked.push(a);
        }
        let o = tx
            .offering(reach, offering)
            .await
            .map_err(AppError::from_store("offering"))?;
        let before = tx.checklist_sheet(o.id, &e.label).await?;
        let stored_revision = before.as_ref().map_or(0, |s| s.revision);
        if stored_revision != revision {
            return Err(AppError::Conflict(format!(
                "the checklist answers are at revision {stored_revision}, not {revision}: reload them and apply the change again"
            )));
        }
        let mut answers = before
            .as_ref()
            .map(|s| s.answers.clone())
            .unwrap_or_default();
        answers.retain(|a| !checked.iter().any(|c| c.item == a.item));
        answers.extend(checked.iter().cloned());
        answers.sort_by_key(|a| e.items.iter().position(|i| i.key == a.item));
        let sheet = StoredSheet {
            offering: o.id,
            org: o.provider,
            edition: e.label.clone(),
            revision: revision + 1,
            answers,
            updated_by: who,
            updated_at: now,
        };
        tx.save_checklist_sheet(&sheet).await?;
        let before_json = before.as_ref().map(|s| serde_json::json!(s.answers));
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "checklist.answer",
                "mhlw_checklist",
                format!("{}/{}", o.id, e.label),
                Some(o.provider),
                before_json.as_ref(),
                Some(&serde_json::json!(checked)),
                format!(
                    "{}: チェックリスト {} に {} 項目回答（{}）",
                    o.name,
                    e.label,
                    checked.len(),
                    checked
                        .iter()
                        .map(|a| format!("{} {}", a.item, a.reply.label_ja()))
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            ),
        )
        .await?;
        tx.commit().await?;
        self.checklist(caller, o.id, Some(&e.label)).await
    }
}

/// The index of `label` among `editions` (the newest when `None`).
fn edition_index(editions: &[Edition], label: Option<&str>) -> Result<usize, AppError> {
    match label {
        None => Ok(editions.len().saturating_sub(1)),
        Some(l) => editions
            .iter()
            .position(|e| e.label == l.trim())
            .ok_or_else(|| {
                FieldError::new(
                    "edition",
                    format!("`{l}` is not an edition of the checklist known here"),
                )
                .with_accepted(editions.iter().map(|e| e.label.clone()))
                .into()
            }),
    }
}

fn view(
    o: &Offering,
    editions: &[Edition],
    index: usize,
    sheet: Option<StoredSheet>,
    answered_previous: bool,
    facts: &anzen_domain::checklist::DataFacts,
) -> ChecklistView {
    let e = &editions[index];
    let answers = sheet
        .as_ref()
        .map(|s| s.answers.clone())
        .unwrap_or_default();
    let rows_shown = shown(e, &answers, facts);
    let progress = Progress::of(&rows_shown);
    let rows = rows_shown
        .iter()
        .map(|r| ChecklistRow {
            item: r.item.clone(),
            answer: r.person.cloned(),
            data: r.data.clone(),
        })
        .collect();
    ChecklistView {
        offering: o.id,
        offering_name: o.name.as_str().to_owned(),
        edition: e.label.clone(),
        fiscal_year: e.fiscal_year,
        title_ja: e.title_ja.clone(),
        revision: sheet.as_ref().map_or(0, |s| s.revision),
        rows,
        progress,
        current: index + 1 == editions.len(),
        changes: edition_changes(index.checked_sub(1).map(|i| &editions[i]), e),
        reanswer: answered_previous && !progress.complete(),
        updated_by: sheet.as_ref().map(|s| s.updated_by.clone()),
        updated_at: sheet.as_ref().map(|s| s.updated_at),
    }
}
