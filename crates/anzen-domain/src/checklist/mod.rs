//! The MHLW cybersecurity checklist, provider version (「医療機関におけるサイバーセキュリティ対策
//! チェックリスト」事業者確認用; guideline-notes §7).
//!
//! The institution sends the provider version to each provider for each system; the provider
//! answers every item はい / いいえ with the date it checked it and, for いいえ, a target date
//! within the fiscal year (R7 manual, notes §7, confirmed). The checklist is revised every
//! fiscal year and its numbering changes, so an edition is a catalogue of its own (notes §7
//! "model hint": items keyed on edition and number) and answers belong to one edition of one
//! offering. A new edition lists what changed and the offerings that answered the previous
//! one must answer it again.
//!
//! Items anzen can judge from its own data are answered from it and say so ([`judge`]); a
//! person's answer always takes precedence.

mod judge;
mod rules;
#[cfg(test)]
mod tests;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, CatalogId};
use crate::{FieldError, code_enum};

pub use judge::{DataAnswer, DataFacts, judge};
pub use rules::{
    AnswerInput, EditionChanges, check_answer, check_import_rights, edition_changes,
    fiscal_year_of_label,
};

/// The longest evidence text of one answer.
pub const MAX_EVIDENCE: usize = 2000;
/// The most items an edition may hold (the R7 edition has about twenty).
pub const MAX_ITEMS: usize = 300;

code_enum! {
    /// The answer to an item (R7 manual: はい / いいえ).
    Reply {
        Yes = "yes", "はい", "Yes";
        No = "no", "いいえ", "No";
    }
}

code_enum! {
    /// Where an answer comes from.
    AnswerSource {
        /// Answered by a person (on screen, through the API or an imported file).
        Person = "person", "担当者の回答", "Answered by a person";
        /// Judged by anzen from its own records (the device ledger, the operational rules …).
        Data = "data", "anzenの記録から判定", "Judged from anzen's records";
    }
}

/// One item of an edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionItem {
    /// The number as the edition prints it, e.g. `2-⑪`.
    pub key: String,
    pub title_ja: String,
    pub title_en: String,
}

/// One fiscal year's edition of the provider checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edition {
    /// The edition's label, e.g. `R7` (令和7年度).
    pub label: String,
    /// The fiscal year (年度) the edition is for: April of this year to March of the next.
    pub fiscal_year: i16,
    pub title_ja: String,
    pub items: Vec<EditionItem>,
}

impl Edition {
    /// The edition of a parsed checklist catalogue (`mhlw_checklist_provider`); its version
    /// must name a fiscal year (`R7`, `R8` …, or `FY2026`).
    pub fn from_catalog(c: &Catalog) -> Result<Self, FieldError> {
        if c.id() != CatalogId::MhlwChecklistProvider {
            return Err(FieldError::new(
                "id",
                format!("`{}` is not the provider checklist", c.id()),
            )
            .with_accepted([CatalogId::MhlwChecklistProvider.code()]));
        }
        let fiscal_year = fiscal_year_of_label(c.version())?;
        if c.items().len() > MAX_ITEMS {
            return Err(FieldError::new(
                "items",
                format!(
                    "at most {MAX_ITEMS} items; the file has {}",
                    c.items().len()
                ),
            ));
        }
        Ok(Self {
            label: c.version().to_owned(),
            fiscal_year,
            title_ja: c.title_ja().to_owned(),
            items: c
                .items()
                .iter()
                .map(|i| EditionItem {
                    key: i.key().to_owned(),
                    title_ja: i.title_ja().to_owned(),
                    title_en: i.title_en().to_owned(),
                })
                .collect(),
        })
    }

    pub fn item(&self, key: &str) -> Option<&EditionItem> {
        self.items.iter().find(|i| i.key == key)
    }

    /// The first and last day of the edition's fiscal year (4月1日 – 翌年3月31日).
    pub fn fiscal_year_span(&self) -> (Date, Date) {
        fiscal_year_span(self.fiscal_year)
    }
}

/// The first and last day of fiscal year `fy` (April 1 to March 31 of the next year).
pub fn fiscal_year_span(fy: i16) -> (Date, Date) {
    let start = Date::new(fy, 4, 1).unwrap_or(Date::MIN);
    let end = Date::new(fy.saturating_add(1), 3, 31).unwrap_or(Date::MAX);
    (start, end)
}

/// A person's answer to one item, validated by [`check_answer`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub item: String,
    pub reply: Reply,
    /// The day the provider checked the item.
    pub checked_on: Date,
    /// For いいえ: the day, within the fiscal year, by which it will be はい.
    pub target_on: Option<Date>,
    /// What the answer rests on (a document, a record, a setting).
    pub evidence: String,
    /// Who answered (display name) and when, set by the application.
    pub answered_by: String,
    pub answered_at: jiff::Timestamp,
}

/// The answer an item shows: a person's stored answer, else anzen's judgement, else none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShownAnswer<'a> {
    pub item: &'a EditionItem,
    pub person: Option<&'a Answer>,
    pub data: Option<DataAnswer>,
}

impl ShownAnswer<'_> {
    /// The reply in force: the person's, else the data's.
    pub fn reply(&self) -> Option<Reply> {
        self.person
            .map(|a| a.reply)
            .or(self.data.as_ref().map(|d| d.reply))
    }

    pub fn source(&self) -> Option<AnswerSource> {
        match (self.person, &self.data) {
            (Some(_), _) => Some(AnswerSource::Person),
            (None, Some(_)) => Some(AnswerSource::Data),
            (None, None) => None,
        }
    }
}

/// The answers of an edition, item by item in the edition's order.
pub fn shown<'a>(
    edition: &'a Edition,
    answers: &'a [Answer],
    facts: &DataFacts,
) -> Vec<ShownAnswer<'a>> {
    edition
        .items
        .iter()
        .map(|item| ShownAnswer {
            item,
            person: answers.iter().find(|a| a.item == item.key),
            data: judge(item, facts),
        })
        .collect()
}

/// How far an offering's answers to an edition are: answered, open, いいえ without a target
/// in the fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub items: usize,
    pub answered: usize,
    pub yes: usize,
    pub no: usize,
    /// いいえ answered by anzen's data, which still needs a person's target date.
    pub no_without_target: usize,
}

impl Progress {
    pub fn of(rows: &[ShownAnswer<'_>]) -> Self {
        let mut p = Progress {
            items: rows.len(),
            answered: 0,
            yes: 0,
            no: 0,
            no_without_target: 0,
        };
        for r in rows {
            match r.reply() {
                Some(Reply::Yes) => p.yes += 1,
                Some(Reply::No) => {
                    p.no += 1;
                    if r.person.is_none_or(|a| a.target_on.is_none()) {
                        p.no_without_target += 1;
                    }
                }
                None => continue,
            }
            p.answered += 1;
        }
        p
    }

    /// Every item answered and every いいえ with its target date.
    pub fn complete(&self) -> bool {
        self.answered == self.items && self.no_without_target == 0
    }
}
