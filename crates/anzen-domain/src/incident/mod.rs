//! Incidents and the crisis response (GL 3.2 危機管理対応時, GL p.25; FAQ 3; 別紙2 1.11).
//!
//! When the confidentiality, integrity or availability of the medical information an offering
//! handles is harmed (an 情報セキュリティ事故), the guideline's crisis-response phase asks
//! the provider to
//! (a) give the institutions concerned as much detail as it can (what happened, when, the
//!     scope, the cause) so that they can explain it to patients, authorities and society;
//! (b) promptly take remedial measures (善後策; 別紙2 1.11 adds: report the disruption and the
//!     recovery outlook promptly);
//! (c) propose re-occurrence prevention measures (再発防止策) and reach agreement on them with
//!     the institutions, then carry them out.
//!
//! An incident is also "something unexpected happened" of GL 5.1.7 (fn. 37): it marks the
//! offering's risks for review ([`crate::risk::review::Change::Incident`]).
//!
//! The record follows the phase. Its [`IncidentStatus`] is derived from what is recorded
//! ([`status`]), never set by hand:
//! - `open` (対応中): recorded and reported to the affected institutions, remedial actions
//!   under way, the cause not yet known (GL 3.2 (a), (b));
//! - `cause_identified` (原因特定): the cause is recorded (GL 3.2 (a): the cause is part of
//!   what the institutions are told);
//! - `prevention_proposed` (再発防止策の合意待ち): prevention measures are proposed and the
//!   affected institutions answer them (GL 3.2 (c));
//! - `closed` (終結): every affected institution agreed to the measures as they now stand and
//!   the provider closed the incident ([`rules::check_close`]): the phase ends with agreed
//!   再発防止策.

pub mod rules;
#[cfg(test)]
mod tests;

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};

use crate::FieldError;
use crate::code_enum;
use crate::ids::{IncidentId, OfferingId, OrgId};
use crate::risk::Cia;
use crate::text::Name;

/// The longest free text of an incident (what happened, actions, cause, prevention, a
/// reason), in characters.
pub const MAX_TEXT: usize = 4000;
/// The most institutions one incident names as affected.
pub const MAX_AFFECTED: usize = 200;

code_enum! {
    /// Where an incident stands in the crisis-response phase (GL 3.2 危機管理対応時).
    IncidentStatus {
        /// Reported to the affected institutions; remedial actions under way (GL 3.2 (a), (b)).
        Open = "open", "対応中", "Open";
        /// The cause is recorded (GL 3.2 (a)).
        CauseIdentified = "cause_identified", "原因特定", "Cause identified";
        /// Prevention measures are proposed to the affected institutions (GL 3.2 (c)).
        PreventionProposed = "prevention_proposed", "再発防止策の合意待ち", "Prevention measures proposed";
        /// Every affected institution agreed to the prevention measures; closed (GL 3.2 (c)).
        Closed = "closed", "終結", "Closed";
    }
}

code_enum! {
    /// An affected institution's answer to the proposed prevention measures (GL 3.2 (c)).
    PreventionAnswer {
        Agreed = "agreed", "合意する", "Agreed";
        Declined = "declined", "合意しない", "Declined";
    }
}

/// An institution's answer to one version of the prevention measures.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AnswerRecord {
    pub answer: PreventionAnswer,
    /// Required for a decline; an optional remark with an agreement.
    pub reason: Option<String>,
    /// The [`Incident::prevention_version`] answered.
    pub version: i64,
    pub by: String,
    pub at: Timestamp,
}

/// An institution the incident affects, with its acknowledgement and its answer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IncidentParty {
    pub institution: OrgId,
    /// Who of the institution acknowledged the report, and when.
    pub acknowledged_by: Option<String>,
    pub acknowledged_at: Option<Timestamp>,
    /// Its latest answer to the prevention measures.
    pub answer: Option<AnswerRecord>,
}

impl IncidentParty {
    pub fn new(institution: OrgId) -> Self {
        Self {
            institution,
            acknowledged_by: None,
            acknowledged_at: None,
            answer: None,
        }
    }

    /// Its answer to `version` of the measures, if it answered that version.
    pub fn answer_to(&self, version: i64) -> Option<&AnswerRecord> {
        self.answer.as_ref().filter(|a| a.version == version)
    }
}

/// An incident of an offering.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Incident {
    pub id: IncidentId,
    /// The offering's provider, which owns the record.
    pub provider: OrgId,
    pub offering: OfferingId,
    pub title: Name,
    /// What happened and its scope (GL 3.2 (a)).
    pub description: String,
    pub occurred_at: Timestamp,
    pub detected_at: Timestamp,
    /// What was harmed (GL 3.2: confidentiality, integrity or availability).
    pub impact: Cia,
    /// Remedial actions taken (善後策, GL 3.2 (b)) and the recovery outlook (別紙2 1.11).
    pub actions: Option<String>,
    pub cause: Option<String>,
    /// Re-occurrence prevention measures (再発防止策, GL 3.2 (c)).
    pub prevention: Option<String>,
    /// Counts the versions of the prevention measures: 0 while none is proposed, one more at
    /// every change of their text. An answer is to one version.
    pub prevention_version: i64,
    /// The affected institutions, in the order named.
    pub parties: Vec<IncidentParty>,
    pub revision: i64,
    pub recorded_by: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub closed_by: Option<String>,
    pub closed_at: Option<Timestamp>,
}

impl Incident {
    pub fn status(&self) -> IncidentStatus {
        status(self)
    }

    pub fn party(&self, institution: OrgId) -> Option<&IncidentParty> {
        self.parties.iter().find(|p| p.institution == institution)
    }

    pub fn affected(&self) -> Vec<OrgId> {
        self.parties.iter().map(|p| p.institution).collect()
    }
}

/// Where the incident stands, from what is recorded (see the module's documentation).
pub fn status(incident: &Incident) -> IncidentStatus {
    if incident.closed_at.is_some() {
        IncidentStatus::Closed
    } else if incident.prevention.is_some() {
        IncidentStatus::PreventionProposed
    } else if incident.cause.is_some() {
        IncidentStatus::CauseIdentified
    } else {
        IncidentStatus::Open
    }
}

/// The incident as `viewer` may see it: the provider (and an operator, `None`) sees every
/// affected institution; an institution sees only its own acknowledgement and answer, not
/// which other customers of the provider were affected (an institution sees only what
/// concerns it).
pub fn as_seen_by(mut incident: Incident, viewer: Option<OrgId>) -> Incident {
    if let Some(v) = viewer
        && v != incident.provider
    {
        incident.parties.retain(|p| p.institution == v);
    }
    incident
}

/// Japan's offset: a moment typed without one (an HTML `datetime-local` field) is Japanese
/// time (JST has no daylight saving).
fn jst() -> TimeZone {
    TimeZone::fixed(Offset::constant(9))
}

/// Parses a moment typed into `field`: RFC 3339 (`2026-11-20T09:30:00+09:00`), or a date
/// and time without an offset (`2026-11-20T09:30`, `2026-11-20 09:30`), read as Japanese
/// time.
pub fn parse_moment(field: &str, value: &str) -> Result<Timestamp, FieldError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(FieldError::new(
            field,
            "must not be empty; give a date and time, e.g. 2026-11-20T09:30 (Japanese time) or 2026-11-20T09:30:00+09:00",
        ));
    }
    if let Ok(ts) = v.parse::<Timestamp>() {
        return Ok(ts);
    }
    v.replacen(' ', "T", 1)
        .parse::<DateTime>()
        .ok()
        .and_then(|dt| dt.to_zoned(jst()).ok())
        .map(|z| z.timestamp())
        .ok_or_else(|| {
            FieldError::new(
                field,
                format!(
                    "`{value}` is not a date and time; use e.g. 2026-11-20T09:30 (Japanese time) or 2026-11-20T09:30:00+09:00"
                ),
            )
        })
}

/// A required text of at most [`MAX_TEXT`] characters.
pub fn required_text(field: &str, value: &str) -> Result<String, FieldError> {
    crate::text::optional_text(field, value, MAX_TEXT)?
        .ok_or_else(|| FieldError::new(field, "must not be empty"))
}

/// An optional text of at most [`MAX_TEXT`] characters; empty means none.
pub fn optional_text(field: &str, value: &str) -> Result<Option<String>, FieldError> {
    crate::text::optional_text(field, value, MAX_TEXT)
}

/// What the provider types to record an incident.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentInput {
    pub title: String,
    pub description: String,
    pub occurred_at: String,
    pub detected_at: String,
    pub confidentiality: bool,
    pub integrity: bool,
    pub availability: bool,
    /// The ids of the affected institutions.
    pub affected: Vec<String>,
    pub actions: String,
    pub cause: String,
    pub prevention: String,
}

/// A recorded incident's fields, validated ([`rules::check_record`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidIncident {
    pub title: Name,
    pub description: String,
    pub occurred_at: Timestamp,
    pub detected_at: Timestamp,
    pub impact: Cia,
    pub affected: Vec<OrgId>,
    pub actions: Option<String>,
    pub cause: Option<String>,
    pub prevention: Option<String>,
}

/// What the provider types to update an incident: the actions, the cause and the
/// prevention measures as they now stand (an empty one: none yet).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateInput {
    pub actions: String,
    pub cause: String,
    pub prevention: String,
}

/// An update, validated ([`rules::check_update`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidUpdate {
    pub actions: Option<String>,
    pub cause: Option<String>,
    pub prevention: Option<String>,
}

impl ValidUpdate {
    /// Applies the update: the prevention measures' version moves on when their text changes
    /// (the answers to the earlier text no longer count).
    pub fn apply(self, incident: &mut Incident) {
        if self.prevention != incident.prevention {
            incident.prevention_version += 1;
        }
        incident.actions = self.actions;
        incident.cause = self.cause;
        incident.prevention = self.prevention;
    }
}
