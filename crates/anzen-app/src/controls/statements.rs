//! Statements of applicability (FAQ 5.3-R5: Appendix 2 is treated like ISMS Annex A): the
//! statement of one offering about one control or regulatory requirement, its history, the
//! table of every control of a catalogue version with its current statement, the regulatory
//! requirements not met (FAQ 7), and the rule that a risk under a regulatory statement cannot
//! be accepted (FAQ 7-R1).

use std::collections::{BTreeMap, HashMap};

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::controls::{
    Applicability, ApplicabilityInput, LinkedRisk, Statement, StatementStatus, StatementSubject,
    TextOrigin, UnmetReason, check_status_of, diff_catalogues, statements_blocking_acceptance,
    unmet_regulatory_detail,
};
use anzen_domain::ids::{OfferingId, OrgId, RiskId};
use anzen_domain::offering::{Offering, OfferingSummary};
use anzen_domain::risk::{Risk, TreatmentOption};
use jiff::civil::Date;
use uuid::Uuid;

use super::catalogues::Loaded;
use super::{APPENDIX2, CatalogueVersion, regulatory_catalogue};
use crate::audit::event;
use crate::error::or_busy;
use crate::ports::{OfferingQuery, Page, Reads, RiskQuery, StatementQuery, StoredStatement, Tx};
use crate::{App, AppError, Caller, new_uuid};

/// A statement as typed by a user or an API client.
#[derive(Debug, Clone, Default)]
pub struct StatementInput {
    /// `appendix2`, `provider` or `regulatory`.
    pub kind: String,
    /// The Appendix 2 version the key belongs to (Appendix 2 only).
    pub catalogue_version: String,
    pub key: String,
    pub applicability: ApplicabilityInput,
    /// Ids of risks of the same offering the statement rests on.
    pub risks: Vec<String>,
    /// The version of the current statement the change is based on (`0`: none yet); a stale
    /// one is refused as a conflict.
    pub revision: Option<i64>,
}

/// Where a row of the table stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowState {
    /// A statement on this very control (and catalogue version).
    Stated,
    /// A statement on an earlier version whose control did not change: it still holds.
    Carried,
    /// A statement on an earlier version whose control changed: to be reviewed
    /// (appendix2.md §7.3 rule 7).
    ToReview,
    /// No statement yet.
    None,
}

/// A risk a statement links, as shown.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LinkedRiskView {
    pub id: RiskId,
    /// The title, when the caller may read the risk.
    pub title: Option<String>,
    pub option: Option<TreatmentOption>,
}

/// One row of the statement table: the control or requirement and its statement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TableRow {
    pub subject: StatementSubject,
    /// The category path (Appendix 2), the title (provider control, regulatory requirement).
    pub heading: String,
    /// The control's text: Japanese as imported, or the built-in paraphrase (see `text_origin`).
    pub text: String,
    pub text_origin: TextOrigin,
    pub kubun_mark: String,
    pub desirable: bool,
    pub state: RowState,
    /// The statement in force (or carried, or to review), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statement: Option<StoredStatement>,
    /// The version the statement was made on, when it is not this row's.
    pub from_version: Option<String>,
    pub linked_risks: Vec<LinkedRiskView>,
}

impl TableRow {
    /// The status the row shows, when it has a statement.
    pub fn status(&self) -> Option<StatementStatus> {
        self.statement.as_ref().map(|s| s.statement.status())
    }
}

/// A regulatory requirement an offering does not meet (FAQ 7).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnmetRow {
    pub offering: OfferingId,
    pub offering_name: String,
    pub key: String,
    pub title: String,
    pub reason: UnmetReason,
    pub planned_by: Option<Date>,
}

/// The statement table of an offering (like a statement of applicability).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StatementTable {
    pub offering: OfferingId,
    pub offering_name: String,
    pub provider: OrgId,
    /// The Appendix 2 version shown.
    pub catalogue: CatalogueVersion,
    pub versions: Vec<CatalogueVersion>,
    pub appendix2: Vec<TableRow>,
    pub provider_controls: Vec<TableRow>,
    pub regulatory: Vec<TableRow>,
    pub unmet: Vec<UnmetRow>,
}

impl TableRow {
    fn new(subject: StatementSubject, heading: String, text: String, origin: TextOrigin) -> Self {
        Self {
            subject,
            heading,
            text,
            text_origin: origin,
            kubun_mark: String::new(),
            desirable: false,
            state: RowState::None,
            statement: None,
            from_version: None,
            linked_risks: Vec::new(),
        }
    }
}

fn subject_kind(field: &str, raw: &str) -> Result<&'static str, FieldError> {
    match raw.trim() {
        "appendix2" => Ok("appendix2"),
        "provider" => Ok("provider"),
        "regulatory" => Ok("regulatory"),
        other => Err(
            FieldError::new(field, format!("unknown value `{other}`")).with_accepted([
                "appendix2",
                "provider",
                "regulatory",
            ]),
        ),
    }
}

fn catalogue_heading(i: &anzen_domain::controls::ControlItem) -> String {
    let part = |no: &str, title: &Option<String>| match title {
        Some(t) => format!("{no} {t}"),
        None => no.to_owned(),
    };
    let mut h = format!(
        "{} › {}",
        part(&i.major_no, &i.major_title),
        part(&i.middle_no, &i.middle_title)
    );
    if let Some(t) = &i.minor_title {
        h.push_str(&format!(" › {} {t}", i.minor_symbol));
    }
    h
}

impl App {
    /// An offering the caller reaches for `action` on controls, read through `db`.
    async fn controls_offering(
        &self,
        db: &dyn Reads,
        caller: &Caller,
        action: Action,
        id: OfferingId,
    ) -> Result<(Reach, Offering), AppError> {
        let reach = self.reach(caller, Subject::Controls, action)?;
        let offering = db
            .offering(reach, id)
            .await
            .map_err(AppError::from_store("offering"))?;
        Ok((reach, offering))
    }

    /// Records the statement of an offering on a control or a regulatory requirement (a new
    /// version of its history). Every text its status needs is required: a non-adoption
    /// without its reason is refused (FAQ 5.3-R7); a regulatory requirement is never
    /// `not_applicable` nor resting on an accepted risk (FAQ 7-R1). A refusal writes nothing.
    pub async fn set_statement(
        &self,
        caller: &Caller,
        offering: OfferingId,
        input: StatementInput,
    ) -> Result<StoredStatement, AppError> {
        self.reach(caller, Subject::Controls, Action::Write)?;
        let mut tx = self.store().begin().await?;
        let stored = self
            .set_statement_in(tx.as_mut(), caller, offering, input)
            .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// [`App::set_statement`] inside the caller's transaction (a planned statement raised by
    /// another record, e.g. a finding of a safety evaluation, commits with it).
    pub(crate) async fn set_statement_in(
        &self,
        tx: &mut dyn Tx,
        caller: &Caller,
        offering: OfferingId,
        input: StatementInput,
    ) -> Result<StoredStatement, AppError> {
        let (_, o) = self
            .controls_offering(&*tx, caller, Action::Write, offering)
            .await?;
        let subject = self.checked_subject(&*tx, &o, &input).await?;
        // The status first: "not applicable" on a regulatory requirement is refused for what it
        // is (FAQ 7-R1), whatever the texts.
        if let Some(code) = input.applicability.status.as_deref().map(str::trim)
            && let Some(status) = StatementStatus::from_code(code)
        {
            // The status first, so that `not_applicable` on a regulatory requirement is
            // refused for what it is (FAQ 7-R1), whatever texts came with it.
            check_status_of(&subject, status)?;
        }
        let applicability = Applicability::from_input(&input.applicability)?;
        let risk_reach = self.reach(caller, Subject::Risks, Action::Read)?;
        let mut linked = Vec::new();
        for (i, raw) in input.risks.iter().enumerate() {
            let field = format!("risks[{i}]");
            let id = RiskId::parse_field(&field, raw)?;
            let row = tx
                .risk(risk_reach, id)
                .await
                .map_err(or_busy(|| {
                    FieldError::new(&field, format!("no risk with id {id} on this offering"))
                }))
                .and_then(|r| {
                    if r.risk.offering == o.id {
                        Ok(r)
                    } else {
                        Err(FieldError::new(
                            &field,
                            format!("no risk with id {id} on this offering"),
                        )
                        .into())
                    }
                })?;
            linked.push(LinkedRisk {
                id,
                treatment: row.risk.treatment.as_ref().map(|t| t.option),
            });
        }
        let statement = Statement::new(o.id, subject.clone(), applicability, &linked)?;
        if let Some(r) = input.revision
            && r < 0
        {
            return Err(FieldError::new("revision", "must be 0 or more").into());
        }
        let before = tx
            .statement_history(Reach::Everything, o.id, &subject)
            .await?
            .pop();
        let mut stored = StoredStatement {
            id: new_uuid(),
            org: o.provider,
            statement,
            seq: 0,
            stated_by: caller.label(),
            stated_at: self.now(),
        };
        stored.seq = tx
            .insert_statement(&stored, input.revision)
            .await
            .map_err(AppError::from_store("statement"))?;
        let json = |s: &StoredStatement| serde_json::to_value(s).expect("a statement serialises");
        self.seal(
            tx,
            caller,
            event(
                "control_statement.set",
                "control_statement",
                stored.id,
                Some(o.provider),
                before.as_ref().map(json).as_ref(),
                Some(&json(&stored)),
                format!(
                    "{}: {} {} → {} (version {})",
                    o.name,
                    kind_label(&subject),
                    subject.key(),
                    stored.statement.status(),
                    stored.seq
                ),
            ),
        )
        .await?;
        Ok(stored)
    }

    /// The subject of a statement input, checked to exist: an item of a stored (or the
    /// built-in) Appendix 2 version, a control of the offering's provider, or a chapter 6
    /// requirement.
    async fn checked_subject(
        &self,
        db: &dyn Reads,
        o: &Offering,
        input: &StatementInput,
    ) -> Result<StatementSubject, AppError> {
        let kind = subject_kind("subject.kind", &input.kind)?;
        let key = input.key.trim().to_owned();
        if key.is_empty() {
            return Err(FieldError::new("subject.key", "is required").into());
        }
        let unknown = |what: &str| FieldError::new("subject.key", format!("no {what} `{key}`"));
        Ok(match kind {
            "appendix2" => {
                let version = input.catalogue_version.trim().to_owned();
                // The versions the offering's provider sees (its own imports and the
                // installation-wide ones).
                let owner = Some(o.provider);
                let loaded = if version.is_empty() {
                    self.latest_catalogue(db, owner).await?
                } else {
                    self.catalogue_by_label(db, owner, &version)
                        .await?
                        .ok_or_else(|| {
                            FieldError::new(
                                "subject.catalogue_version",
                                format!("no Appendix 2 version `{version}`"),
                            )
                        })?
                };
                if loaded.catalogue.item(&key).is_none() {
                    return Err(unknown(&format!(
                        "control in Appendix 2 {}",
                        loaded.version.version
                    ))
                    .into());
                }
                StatementSubject::Appendix2 {
                    catalogue_version: loaded.version.version,
                    key,
                }
            }
            "provider" => {
                let controls = db.provider_controls(o.provider).await?;
                if !controls.iter().any(|c| c.key == key) {
                    return Err(unknown("control of the provider").into());
                }
                StatementSubject::Provider { key }
            }
            _ => {
                if regulatory_catalogue()?.item(&key).is_none() {
                    return Err(unknown("regulatory requirement").into());
                }
                StatementSubject::Regulatory { key }
            }
        })
    }

    /// Every version of the statement of an offering on one subject, oldest first.
    pub async fn statement_history(
        &self,
        caller: &Caller,
        offering: OfferingId,
        kind: &str,
        catalogue_version: &str,
        key: &str,
    ) -> Result<Vec<StoredStatement>, AppError> {
        let (reach, o) = self
            .controls_offering(self.store().as_ref(), caller, Action::Read, offering)
            .await?;
        let subject = match subject_kind("subject.kind", kind)? {
            "appendix2" => StatementSubject::Appendix2 {
                catalogue_version: catalogue_version.trim().to_owned(),
                key: key.trim().to_owned(),
            },
            "provider" => StatementSubject::Provider {
                key: key.trim().to_owned(),
            },
            _ => StatementSubject::Regulatory {
                key: key.trim().to_owned(),
            },
        };
        Ok(self
            .store()
            .statement_history(reach, o.id, &subject)
            .await?)
    }

    /// The statement table of an offering: every control of the Appendix 2 version `version`
    /// (the newest when `None`), the provider's own controls and the chapter 6 regulatory
    /// requirements, each with its current statement or none yet, and the requirements not
    /// met.
    pub async fn statement_table(
        &self,
        caller: &Caller,
        offering: OfferingId,
        version: Option<Uuid>,
    ) -> Result<StatementTable, AppError> {
        let db = self.store().as_ref();
        let (reach, o) = self
            .controls_offering(db, caller, Action::Read, offering)
            .await?;
        // The versions the offering's provider sees: its own imports and the
        // installation-wide ones.
        let owner = Some(o.provider);
        let versions = self.catalogue_versions(db, owner).await?;
        let chosen = match version {
            Some(id) => self.load_catalogue(db, owner, id).await?,
            None => self.latest_catalogue(db, owner).await?,
        };
        let statements = self
            .store()
            .current_statements(
                reach,
                &StatementQuery {
                    offering: Some(o.id),
                    regulatory_only: false,
                },
            )
            .await?;
        let risks = self.offering_risks(caller, o.id).await?;
        let link = |s: &StoredStatement| -> Vec<LinkedRiskView> {
            s.statement
                .risks()
                .iter()
                .map(|id| LinkedRiskView {
                    id: *id,
                    title: risks.get(id).map(|r| r.title.to_string()),
                    option: risks
                        .get(id)
                        .and_then(|r| r.treatment.as_ref().map(|t| t.option)),
                })
                .collect()
        };

        // Appendix 2: the statement on this version, else the newest on another version
        // (carried when its control is unchanged, to review when it changed).
        let mut by_key: HashMap<&str, Vec<&StoredStatement>> = HashMap::new();
        for s in &statements {
            if let StatementSubject::Appendix2 { key, .. } = s.statement.subject() {
                by_key.entry(key.as_str()).or_default().push(s);
            }
        }
        let mut others: BTreeMap<String, Option<Loaded>> = BTreeMap::new();
        for s in &statements {
            if let StatementSubject::Appendix2 {
                catalogue_version, ..
            } = s.statement.subject()
                && *catalogue_version != chosen.version.version
                && !others.contains_key(catalogue_version)
            {
                let l = self
                    .catalogue_by_label(db, owner, catalogue_version)
                    .await?;
                others.insert(catalogue_version.clone(), l);
            }
        }
        let changed: BTreeMap<&String, std::collections::BTreeSet<String>> = others
            .iter()
            .map(|(label, l)| {
                let keys = l
                    .as_ref()
                    .map(|l| diff_catalogues(&l.catalogue, &chosen.catalogue).keys_to_review())
                    .unwrap_or_default();
                (label, keys)
            })
            .collect();
        let mut appendix2 = Vec::with_capacity(chosen.catalogue.items.len());
        for item in &chosen.catalogue.items {
            let mut row = TableRow::new(
                StatementSubject::Appendix2 {
                    catalogue_version: chosen.version.version.clone(),
                    key: item.key.clone(),
                },
                catalogue_heading(item),
                item.content.clone(),
                chosen.catalogue.text_origin,
            );
            row.kubun_mark = item.kubun_mark.clone();
            row.desirable = item.desirable;
            let candidates = by_key.get(item.key.as_str());
            let own = candidates.and_then(|c| {
                c.iter().find(|s| {
                    matches!(s.statement.subject(), StatementSubject::Appendix2 { catalogue_version, .. }
                        if *catalogue_version == chosen.version.version)
                })
            });
            let found = own.map(|s| (*s, RowState::Stated)).or_else(|| {
                candidates
                    .and_then(|c| c.iter().max_by_key(|s| s.stated_at))
                    .map(|s| {
                        let label = match s.statement.subject() {
                            StatementSubject::Appendix2 {
                                catalogue_version, ..
                            } => catalogue_version.clone(),
                            _ => String::new(),
                        };
                        let to_review = match (others.get(&label), changed.get(&label)) {
                            (Some(Some(_)), Some(keys)) => keys.contains(&item.key),
                            _ => true,
                        };
                        (
                            *s,
                            if to_review {
                                RowState::ToReview
                            } else {
                                RowState::Carried
                            },
                        )
                    })
            });
            if let Some((s, state)) = found {
                row.state = state;
                if state != RowState::Stated
                    && let StatementSubject::Appendix2 {
                        catalogue_version, ..
                    } = s.statement.subject()
                {
                    row.from_version = Some(catalogue_version.clone());
                }
                row.linked_risks = link(s);
                row.statement = Some(s.clone());
            }
            appendix2.push(row);
        }

        let find = |subject: &StatementSubject| {
            statements.iter().find(|s| s.statement.subject() == subject)
        };
        let mut provider_controls = Vec::new();
        for c in self.store().provider_controls(o.provider).await? {
            let subject = StatementSubject::Provider { key: c.key.clone() };
            let mut row = TableRow::new(
                subject.clone(),
                c.title.clone(),
                c.description.clone(),
                TextOrigin::Official,
            );
            if let Some(s) = find(&subject) {
                row.state = RowState::Stated;
                row.linked_risks = link(s);
                row.statement = Some(s.clone());
            }
            provider_controls.push(row);
        }
        let regulatory_catalogue = regulatory_catalogue()?;
        let mut regulatory = Vec::new();
        for item in regulatory_catalogue.items() {
            let subject = StatementSubject::Regulatory {
                key: item.key().to_owned(),
            };
            let heading = if item.title_ja_provisional() {
                format!("{} ※仮題", item.title_ja())
            } else {
                item.title_ja().to_owned()
            };
            let mut row = TableRow::new(
                subject.clone(),
                heading,
                format!("{}: {}", item.title_en(), item.summary_en()),
                TextOrigin::Paraphrase,
            );
            if let Some(s) = find(&subject) {
                row.state = RowState::Stated;
                row.linked_risks = link(s);
                row.statement = Some(s.clone());
            }
            regulatory.push(row);
        }
        let own: Vec<Statement> = statements
            .iter()
            .filter(|s| s.statement.subject().is_regulatory())
            .map(|s| s.statement.clone())
            .collect();
        let unmet = unmet_rows(o.id, o.name.as_str(), &own, &risks)?;
        Ok(StatementTable {
            offering: o.id,
            offering_name: o.name.to_string(),
            provider: o.provider,
            catalogue: chosen.version,
            versions,
            appendix2,
            provider_controls,
            regulatory,
            unmet,
        })
    }

    /// The risks of an offering the caller may read, by id (none when it reads no risks).
    async fn offering_risks(
        &self,
        caller: &Caller,
        offering: OfferingId,
    ) -> Result<HashMap<RiskId, Risk>, AppError> {
        let reach = match self.reach(caller, Subject::Risks, Action::Read) {
            Ok(r) => r,
            Err(AppError::Forbidden(_)) => return Ok(HashMap::new()),
            Err(e) => return Err(e),
        };
        let query = RiskQuery {
            offering: Some(offering),
            ..Default::default()
        };
        Ok(self
            .store()
            .list_risks(reach, &query, Page::all())
            .await?
            .rows
            .into_iter()
            .map(|r| (r.risk.id, r.risk))
            .collect())
    }

    /// The chapter 6 regulatory requirements not met by the offerings in the guideline's
    /// scope that the caller reaches (FAQ 7: no statement, planned, or resting on an accepted
    /// risk), optionally of one offering.
    pub async fn unmet_regulatory(
        &self,
        caller: &Caller,
        offering: Option<OfferingId>,
    ) -> Result<Vec<UnmetRow>, AppError> {
        let reach = self.reach(caller, Subject::Controls, Action::Read)?;
        let by_offering = self.regulatory_statements(reach, offering).await?;
        let mut out = Vec::new();
        for o in self.in_scope_offerings(reach).await? {
            if offering.is_some_and(|id| id != o.id) {
                continue;
            }
            let own = by_offering.get(&o.id).map_or(&[][..], Vec::as_slice);
            let risks = self.risks_linked_by(o.id, own).await?;
            out.extend(unmet_rows(o.id, o.name.as_str(), own, &risks)?);
        }
        Ok(out)
    }

    /// How many chapter 6 requirements are not met by the in-scope offerings the caller
    /// reaches (FAQ 7): the dashboard's figure, [`App::unmet_regulatory`] counted without
    /// building its rows. An offering without any regulatory statement misses every
    /// requirement, so when there are no statements one count query answers.
    pub async fn unmet_regulatory_count(&self, caller: &Caller) -> Result<usize, AppError> {
        let reach = self.reach(caller, Subject::Controls, Action::Read)?;
        let catalogue = regulatory_catalogue()?;
        let by_offering = self.regulatory_statements(reach, None).await?;
        if by_offering.is_empty() {
            let in_scope = self
                .store()
                .list_offerings(reach, &in_scope_query(), Page::first(1))
                .await?
                .total;
            let per_offering = unmet_regulatory_detail(&[], catalogue, |_| None).len();
            return Ok(usize::try_from(in_scope).unwrap_or(0) * per_offering);
        }
        let mut unmet = 0;
        for o in self.in_scope_offerings(reach).await? {
            let own = by_offering.get(&o.id).map_or(&[][..], Vec::as_slice);
            let risks = self.risks_linked_by(o.id, own).await?;
            unmet += unmet_regulatory_detail(own, catalogue, treatment_in(&risks)).len();
        }
        Ok(unmet)
    }

    /// The current regulatory statements within reach (of one offering or all), by offering.
    async fn regulatory_statements(
        &self,
        reach: Reach,
        offering: Option<OfferingId>,
    ) -> Result<HashMap<OfferingId, Vec<Statement>>, AppError> {
        let statements = self
            .store()
            .current_statements(
                reach,
                &StatementQuery {
                    offering,
                    regulatory_only: true,
                },
            )
            .await?;
        let mut by_offering: HashMap<OfferingId, Vec<Statement>> = HashMap::new();
        for s in statements {
            by_offering
                .entry(s.statement.offering())
                .or_default()
                .push(s.statement);
        }
        Ok(by_offering)
    }

    /// The offerings in the guideline's scope within reach.
    async fn in_scope_offerings(&self, reach: Reach) -> Result<Vec<OfferingSummary>, AppError> {
        Ok(self
            .store()
            .list_offerings(reach, &in_scope_query(), Page::all())
            .await?
            .rows)
    }

    /// The risks of an offering when one of `statements` rests on a risk (their treatment
    /// decides FAQ 7-R1); none otherwise, without a query.
    async fn risks_linked_by(
        &self,
        offering: OfferingId,
        statements: &[Statement],
    ) -> Result<HashMap<RiskId, Risk>, AppError> {
        if statements.iter().all(|s| s.risks().is_empty()) {
            return Ok(HashMap::new());
        }
        Ok(self
            .store()
            .risks_of_offering(offering)
            .await?
            .into_iter()
            .map(|r| (r.id, r))
            .collect())
    }

    /// Refuses to treat `risk` by acceptance while a regulatory statement rests on it: laws
    /// are met uniformly, whatever the risk analysis says (FAQ 7-R1).
    pub(crate) async fn check_acceptance_allowed(
        &self,
        db: &dyn Reads,
        risk: &Risk,
    ) -> Result<(), AppError> {
        let statements: Vec<Statement> = db
            .current_statements(
                Reach::Everything,
                &StatementQuery {
                    offering: Some(risk.offering),
                    regulatory_only: true,
                },
            )
            .await?
            .into_iter()
            .map(|s| s.statement)
            .collect();
        let blocking = statements_blocking_acceptance(risk.id, &statements);
        if blocking.is_empty() {
            return Ok(());
        }
        let keys: Vec<&str> = blocking.iter().map(|s| s.subject().key()).collect();
        Err(FieldError::new(
            "treatment.option",
            format!(
                "this risk cannot be accepted: the statement on the regulatory requirement {} rests on it, and laws \
                 must be met uniformly whatever the risk analysis says (FAQ 7-R1); reduce, avoid or share it, or \
                 first take it off that statement / 制度上の要求事項（{}）の記述がこのリスクに依拠しているため、\
                 リスク受容はできません（FAQ 7-R1）",
                keys.join(", "),
                keys.join("、"),
            ),
        )
        .with_accepted(["reduce", "avoid", "share"])
        .into())
    }
}

fn kind_label(subject: &StatementSubject) -> &'static str {
    match subject {
        StatementSubject::Appendix2 { .. } => APPENDIX2,
        StatementSubject::Provider { .. } => "provider control",
        StatementSubject::Regulatory { .. } => "regulatory requirement",
    }
}

/// The offerings in the guideline's scope (FAQ 1): the ones chapter 6 applies to.
fn in_scope_query() -> OfferingQuery {
    OfferingQuery {
        in_scope: Some(true),
        ..Default::default()
    }
}

/// The current treatment of a risk among `risks` (FAQ 7-R1 looks for acceptance).
fn treatment_in(risks: &HashMap<RiskId, Risk>) -> impl Fn(RiskId) -> Option<TreatmentOption> + '_ {
    |id| {
        risks
            .get(&id)
            .and_then(|r| r.treatment.as_ref().map(|t| t.option))
    }
}

fn unmet_rows(
    offering: OfferingId,
    offering_name: &str,
    statements: &[Statement],
    risks: &HashMap<RiskId, Risk>,
) -> Result<Vec<UnmetRow>, AppError> {
    let catalogue = regulatory_catalogue()?;
    Ok(
        unmet_regulatory_detail(statements, catalogue, treatment_in(risks))
            .into_iter()
            .map(|u| UnmetRow {
                offering,
                offering_name: offering_name.to_owned(),
                title: catalogue
                    .item(&u.key)
                    .map(|i| i.title_ja().to_owned())
                    .unwrap_or_default(),
                key: u.key,
                reason: u.reason,
                planned_by: u.planned_by,
            })
            .collect(),
    )
}
