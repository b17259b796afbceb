//! The rules of the provider checklist's answers and editions (guideline-notes §7; R7 manual).

use jiff::civil::Date;
use serde::Serialize;

use super::{Answer, Edition, MAX_EVIDENCE, Reply};
use crate::FieldError;
use crate::access::Reach;
use crate::contract::parse_date;

/// An answer as typed or read from a file, before [`check_answer`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct AnswerInput {
    /// The item's number in the edition, e.g. `2-⑪`.
    pub item: String,
    /// `yes` / `no`, or `はい` / `いいえ` as the checklist prints them.
    pub reply: String,
    /// `YYYY-MM-DD`.
    pub checked_on: String,
    /// `YYYY-MM-DD`; required for いいえ, absent for はい.
    #[serde(default)]
    pub target_on: Option<String>,
    #[serde(default)]
    pub evidence: String,
}

/// The fiscal year an edition label names: `R7` (令和7年度) is 2025, `FY2026` is 2026. A
/// revision within the year may follow after a hyphen (`R8-2`, `FY2026-rev1`: letters and
/// digits).
pub fn fiscal_year_of_label(label: &str) -> Result<i16, FieldError> {
    let bad = || {
        FieldError::new(
            "version",
            format!(
                "`{label}` does not name a fiscal year; use the edition's 令和 year as `R7`, `R8` …, or `FY2026`"
            ),
        )
    };
    let t = label.trim();
    let t = match t.split_once('-') {
        Some((year, rev))
            if !rev.is_empty()
                && rev.len() <= 20
                && rev.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            year
        }
        Some(_) => return Err(bad()),
        None => t,
    };
    let year = if let Some(n) = t.strip_prefix('R') {
        n.parse::<i16>()
            .ok()
            .filter(|n| (1..=80).contains(n))
            .map(|n| 2018 + n)
    } else if let Some(n) = t.strip_prefix("FY") {
        n.parse::<i16>().ok().filter(|y| (2019..=2100).contains(y))
    } else {
        None
    };
    year.ok_or_else(bad)
}

/// Parses the reply as typed: the code (`yes`, `no`) or the checklist's words (はい, いいえ).
fn parse_reply(value: &str) -> Result<Reply, FieldError> {
    let v = value.trim();
    Reply::from_code(v)
        .or_else(|| Reply::ALL.iter().copied().find(|r| r.label_ja() == v))
        .ok_or_else(|| {
            FieldError::new(
                "reply",
                format!("`{v}` is not an answer of the checklist (R7 manual: はい / いいえ)"),
            )
            .with_accepted(["yes", "no", "はい", "いいえ"])
        })
}

/// Checks a person's answer to an item of `edition` on `today` (R7 manual, notes §7):
/// - the item is one of the edition's;
/// - the reply is はい or いいえ;
/// - the date checked is a real day, not after today;
/// - いいえ needs a target date within the edition's fiscal year (4月1日 – 翌年3月31日) and not
///   before the date checked; はい has none;
/// - the evidence is at most [`MAX_EVIDENCE`] characters without control characters.
///
/// `answered_by` and `answered_at` are the application's to set.
pub fn check_answer(
    edition: &Edition,
    input: &AnswerInput,
    today: Date,
    answered_by: &str,
    answered_at: jiff::Timestamp,
) -> Result<Answer, FieldError> {
    let key = input.item.trim();
    if edition.item(key).is_none() {
        return Err(FieldError::new(
            "item",
            format!(
                "`{key}` is not an item of the {} edition of the checklist",
                edition.label
            ),
        )
        .with_accepted(edition.items.iter().map(|i| i.key.clone())));
    }
    let reply = parse_reply(&input.reply)?;
    let checked_on = parse_date("checked_on", &input.checked_on)?;
    if checked_on > today {
        return Err(FieldError::new(
            "checked_on",
            format!("{checked_on} is after today ({today}): give the day the item was checked"),
        ));
    }
    let target = input
        .target_on
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let (start, end) = edition.fiscal_year_span();
    let target_on = match (reply, target) {
        (Reply::Yes, None) => None,
        (Reply::Yes, Some(_)) => {
            return Err(FieldError::new(
                "target_on",
                "a target date is given only for いいえ (R7 manual): leave it empty for はい",
            ));
        }
        (Reply::No, None) => {
            return Err(FieldError::new(
                "target_on",
                format!(
                    "いいえ needs the target date by which the item will be met, within fiscal year {} ({start} – {end}; R7 manual)",
                    edition.fiscal_year
                ),
            ));
        }
        (Reply::No, Some(t)) => {
            let t = parse_date("target_on", t)?;
            if t < start || t > end {
                return Err(FieldError::new(
                    "target_on",
                    format!(
                        "{t} is outside fiscal year {} of the {} edition: give a day from {start} to {end} (R7 manual)",
                        edition.fiscal_year, edition.label
                    ),
                ));
            }
            if t < checked_on {
                return Err(FieldError::new(
                    "target_on",
                    format!("{t} is before the day checked ({checked_on})"),
                ));
            }
            Some(t)
        }
    };
    let evidence = input.evidence.trim();
    if evidence.chars().count() > MAX_EVIDENCE {
        return Err(FieldError::new(
            "evidence",
            format!("at most {MAX_EVIDENCE} characters"),
        ));
    }
    if evidence
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(FieldError::new(
            "evidence",
            "control characters are not accepted (line breaks and tabs are)",
        ));
    }
    Ok(Answer {
        item: key.to_owned(),
        reply,
        checked_on,
        target_on,
        evidence: evidence.to_owned(),
        answered_by: answered_by.to_owned(),
        answered_at,
    })
}

/// Whether the caller's reach lets it import a checklist edition: a provider's member (the
/// edition belongs to that provider) or an operator at the command line (installation-wide).
/// The provider answers the checklist the institution sends (notes §7); an institution, a
/// partner or an auditor does not import one.
pub fn check_import_rights(reach: Reach) -> Result<(), &'static str> {
    match reach {
        Reach::Owned(_) | Reach::Everything => Ok(()),
        _ => Err("a checklist edition is imported by a provider's members (notes §7)"),
    }
}

/// What changed from one edition to the next (notes §7: the numbering changes between
/// editions, so items are compared by number and wording).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EditionChanges {
    /// The previous edition's label; `None` for the first edition.
    pub previous: Option<String>,
    /// Items new in this edition.
    pub added: Vec<String>,
    /// Items of the previous edition no longer in this one.
    pub removed: Vec<String>,
    /// Items in both whose Japanese or English wording changed.
    pub reworded: Vec<String>,
}

impl EditionChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.reworded.is_empty()
    }
}

/// The changes from `previous` to `next`.
pub fn edition_changes(previous: Option<&Edition>, next: &Edition) -> EditionChanges {
    let Some(prev) = previous else {
        return EditionChanges {
            previous: None,
            added: next.items.iter().map(|i| i.key.clone()).collect(),
            ..Default::default()
        };
    };
    let mut c = EditionChanges {
        previous: Some(prev.label.clone()),
        ..Default::default()
    };
    for item in &next.items {
        match prev.item(&item.key) {
            None => c.added.push(item.key.clone()),
            Some(p) if p.title_ja != item.title_ja || p.title_en != item.title_en => {
                c.reworded.push(item.key.clone());
            }
            Some(_) => {}
        }
    }
    c.removed = prev
        .items
        .iter()
        .filter(|p| next.item(&p.key).is_none())
        .map(|p| p.key.clone())
        .collect();
    c
}
