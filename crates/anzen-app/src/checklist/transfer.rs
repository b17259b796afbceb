//! The checklist's file round trip: the XLSX that the document engine makes (sheet `回答`,
//! one item per row, and the summary sheet naming the edition, the offering and the revision)
//! is filled in and imported again. Every bad row is refused with its row and column, and a
//! file with any error imports nothing.

use anzen_domain::FieldError;
use anzen_domain::checklist::{AnswerInput, check_answer};
use anzen_domain::controls::{ImportErrors, RowError};
use anzen_domain::ids::OfferingId;
use anzen_render::mhlw_checklist::{
    ANSWER_COLUMNS, FACT_EDITION, FACT_OFFERING_ID, FACT_REVISION, SHEET_ANSWERS, SHEET_SUMMARY,
    SOURCE_DATA,
};

use super::ChecklistView;
use crate::import::{
    Budget, ImportLimits, ReadError, TableGuard, open_workbook, read_sheet, run_bounded,
};
use crate::{App, AppError, Caller};

/// A filled-in checklist as read from its file, before the answers are checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistFile {
    pub edition: String,
    pub offering: String,
    pub revision: String,
    /// The sheet row (1-based) and the answer typed on it; unanswered rows are left out.
    pub rows: Vec<(u32, FileRow)>,
}

/// One answered row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRow {
    pub input: AnswerInput,
    /// The source column said the answer came from anzen's records.
    pub from_data: bool,
}

/// Why a checklist file was refused.
pub type ChecklistFileError = ReadError;

/// A date cell as a person typed it: `YYYY-MM-DD`, `YYYY/MM/DD`, an Excel date (its serial
/// number, or the date and time calamine prints).
fn date_text(cell: &str) -> String {
    let t = cell.trim();
    if let Ok(serial) = t.parse::<f64>()
        && (1.0..2_958_466.0).contains(&serial)
    {
        // Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included).
        let base = jiff::civil::date(1899, 12, 30);
        if let Ok(d) = base.checked_add(jiff::Span::new().days(serial.trunc() as i64)) {
            return d.to_string();
        }
    }
    let t = t.replace('/', "-");
    match t.split_once(['T', ' ']) {
        Some((day, _)) => day.to_owned(),
        None => t,
    }
}

fn fact<'a>(rows: &'a [Vec<String>], label: &str) -> Option<&'a str> {
    rows.iter()
        .find(|r| r.first().is_some_and(|c| c.trim() == label))
        .and_then(|r| r.get(1))
        .map(|v| v.trim())
}

/// Reads a filled-in checklist workbook within `limits`.
pub fn read_checklist_file(
    bytes: &[u8],
    limits: &ImportLimits,
    budget: &Budget,
) -> Result<ChecklistFile, ReadError> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(ImportErrors::file(
            "not an xlsx workbook: export the checklist as XLSX, fill it in and send it back",
        )
        .into());
    }
    let mut workbook = open_workbook(bytes, limits, budget)?;
    let mut guard = TableGuard::new(limits, budget, None);
    let names = crate::import::worksheet_names(&workbook);
    for needed in [SHEET_SUMMARY, SHEET_ANSWERS] {
        if !names.iter().any(|n| n == needed) {
            return Err(ImportErrors::file(format!(
                "the workbook has no sheet `{needed}` (sheets: {}); export the checklist as XLSX and fill that file in",
                names.join(", ")
            ))
            .into());
        }
    }
    let summary = read_sheet(&mut workbook, SHEET_SUMMARY, &mut guard)?;
    let answers = read_sheet(&mut workbook, SHEET_ANSWERS, &mut guard)?;
    drop(workbook);
    let mut errors = Vec::new();
    let mut need = |label: &str| match fact(&summary.rows, label) {
        Some(v) if !v.is_empty() => v.to_owned(),
        _ => {
            let mut e = RowError::file(format!(
                "the summary sheet `{SHEET_SUMMARY}` has no `{label}`: do not change that sheet"
            ));
            e.sheet = Some(SHEET_SUMMARY.to_owned());
            errors.push(e);
            String::new()
        }
    };
    let edition = need(FACT_EDITION);
    let offering = need(FACT_OFFERING_ID);
    let revision = need(FACT_REVISION);
    let head: Vec<&str> = answers
        .rows
        .first()
        .map(|r| r.iter().map(|c| c.trim()).collect())
        .unwrap_or_default();
    if head.len() < ANSWER_COLUMNS.len() || head[..ANSWER_COLUMNS.len()] != ANSWER_COLUMNS {
        let mut e = RowError::at(
            1,
            None,
            None,
            format!(
                "the header row of `{SHEET_ANSWERS}` must be {}; do not move or rename the columns",
                ANSWER_COLUMNS.join(" | ")
            ),
        );
        e.sheet = Some(SHEET_ANSWERS.to_owned());
        errors.push(e);
        return Err(ImportErrors::from_errors(errors).into());
    }
    let mut rows = Vec::new();
    for (i, r) in answers.rows.iter().enumerate().skip(1) {
        let cell = |c: usize| r.get(c).map(|v| v.trim()).unwrap_or_default();
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if cell(0).is_empty() {
            let mut e = RowError::at(
                row,
                Some(0),
                Some(ANSWER_COLUMNS[0]),
                "the item number is empty",
            );
            e.sheet = Some(SHEET_ANSWERS.to_owned());
            errors.push(e);
            continue;
        }
        if cell(2).is_empty() {
            // Not answered: nothing to import for this item.
            continue;
        }
        let target = date_text(cell(4));
        rows.push((
            row,
            FileRow {
                input: AnswerInput {
                    item: cell(0).to_owned(),
                    reply: cell(2).to_owned(),
                    checked_on: date_text(cell(3)),
                    target_on: (!target.is_empty()).then_some(target),
                    evidence: cell(5).to_owned(),
                },
                from_data: cell(7) == SOURCE_DATA,
            },
        ));
    }
    if !errors.is_empty() {
        return Err(ImportErrors::from_errors(errors).into());
    }
    Ok(ChecklistFile {
        edition,
        offering,
        revision,
        rows,
    })
}

/// The column of each field of [`AnswerInput`], for locating an error.
fn column_of(field: &str) -> usize {
    match field {
        "item" => 0,
        "reply" => 2,
        "checked_on" => 3,
        "target_on" => 4,
        _ => 5,
    }
}

fn read_error(e: ReadError) -> AppError {
    match e {
        ReadError::File(errs) => FieldError::new("file", errs.to_string()).into(),
        ReadError::Limit(l) => AppError::LimitExceeded(l),
        ReadError::Failed(m) => AppError::Internal(m),
    }
}

impl App {
    /// Imports a filled-in checklist (the XLSX of the `mhlw-checklist` document) for the
    /// offering: every answered row is checked (an unknown item number, an invalid date, a
    /// いいえ without a target in the fiscal year … refused with its row and column, and
    /// nothing imported); a row whose source (回答元) still says anzen's records is left to
    /// anzen: to answer such an item in the file, change its source to 担当者. The file's revision must be the stored one (else a conflict: someone answered
    /// since the export).
    pub async fn import_checklist_answers(
        &self,
        caller: &Caller,
        offering: OfferingId,
        bytes: &[u8],
    ) -> Result<ChecklistView, AppError> {
        // Answering is writing, whatever the file holds.
        self.reach(
            caller,
            anzen_domain::access::Subject::Controls,
            anzen_domain::access::Action::Write,
        )?;
        let limits = self.settings().import_limits.clone();
        if bytes.is_empty() {
            return Err(FieldError::new("file", "the file is empty").into());
        }
        if bytes.len() as u64 > limits.file_bytes {
            return Err(AppError::LimitExceeded(
                limits.exceeded(crate::import::Limit::FileSize),
            ));
        }
        let owned = bytes.to_vec();
        let read_limits = limits.clone();
        let file = run_bounded(&limits, move |budget| {
            read_checklist_file(&owned, &read_limits, budget)
        })
        .await
        .map_err(read_error)?;
        if file.offering != offering.to_string() {
            return Err(FieldError::new(
                "file",
                format!(
                    "the file is the checklist of offering {}, not of {offering}: export this offering's checklist",
                    file.offering
                ),
            )
            .into());
        }
        let revision: i64 = file.revision.parse().map_err(|_| {
            FieldError::new(
                "file",
                format!("`{FACT_REVISION}` is `{}`, not a number", file.revision),
            )
        })?;
        let current = self
            .checklist(caller, offering, Some(&file.edition))
            .await?;
        let mut inputs = Vec::new();
        let mut rows = Vec::new();
        for (row, r) in &file.rows {
            // A row still marked as anzen's judgement is anzen's to answer, whatever its
            // reply says now (the judgement follows the records, not the file).
            if !r.from_data {
                inputs.push(r.input.clone());
                rows.push(*row);
            }
        }
        if inputs.is_empty() {
            return Ok(current);
        }
        // Every row is checked before anything is saved, so that each bad row is reported.
        let edition = &current.edition_items();
        let today = self.today_in_japan();
        let mut errors = Vec::new();
        for (i, (input, row)) in inputs.iter().zip(&rows).enumerate() {
            let problem = match check_answer(edition, input, today, "", self.now()) {
                Err(f) => Some(f),
                Ok(a) if inputs[..i].iter().any(|p| p.item.trim() == a.item) => Some(
                    FieldError::new("item", format!("`{}` is answered on two rows", a.item)),
                ),
                Ok(_) => None,
            };
            if let Some(f) = problem {
                let c = column_of(&f.field);
                let mut message = f.message.clone();
                if !f.accepted.is_empty() {
                    message.push_str(&format!("; accepted: {}", f.accepted.join(", ")));
                }
                let mut e = RowError::at(*row, Some(c), Some(ANSWER_COLUMNS[c]), message);
                e.sheet = Some(SHEET_ANSWERS.to_owned());
                errors.push(e);
            }
        }
        if !errors.is_empty() {
            return Err(
                FieldError::new("file", ImportErrors::from_errors(errors).to_string()).into(),
            );
        }
        self.save_checklist_answers(caller, offering, &file.edition, revision, &inputs)
            .await
            .map_err(|e| match e {
                AppError::Invalid(f) => row_error(&f, &rows),
                other => other,
            })
    }
}

/// A save's field error (`answers[i].field`) as the file's row and column.
fn row_error(f: &FieldError, rows: &[u32]) -> AppError {
    let located = f
        .field
        .strip_prefix("answers[")
        .and_then(|rest| rest.split_once("]."))
        .and_then(|(i, field)| Some((rows.get(i.parse::<usize>().ok()?)?, field)));
    let Some((row, field)) = located else {
        return AppError::Invalid(f.clone());
    };
    let c = column_of(field);
    let mut e = RowError::at(*row, Some(c), Some(ANSWER_COLUMNS[c]), f.message.clone());
    e.sheet = Some(SHEET_ANSWERS.to_owned());
    let mut out = FieldError::new("file", ImportErrors::from_errors(vec![e]).to_string());
    out.accepted = f.accepted.clone();
    AppError::Invalid(out)
}
