//! Incidents and their affected institutions (GL 3.2 危機管理対応時).

use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use anzen_app::StoreError;
use anzen_app::ports::{IncidentReads, IncidentWrites, Listed, Page, Reach};
use anzen_domain::ids::{IncidentId, OfferingId};
use anzen_domain::incident::{AnswerRecord, Incident, IncidentParty, PreventionAnswer};
use anzen_domain::risk::Cia;
use anzen_domain::text::Name;

use crate::codec::{bad_code, flag, id_from_db, opt_ts, text, ts_from_db, ts_to_db};
use crate::conn::{Source, Sql};
use crate::other;
use crate::sql::Stmt;

const COLUMNS: &str = "SELECT i.id, i.org_id, i.offering_id, i.title, i.description, \
     i.occurred_at, i.detected_at, i.confidentiality, i.integrity, i.availability, i.actions, \
     i.cause, i.prevention, i.prevention_version, i.revision, i.recorded_by, i.created_at, \
     i.updated_at, i.closed_by, i.closed_at FROM incidents i";

const PARTY_COLUMNS: &str = "SELECT institution_id, acknowledged_by, acknowledged_at, answer, \
     answer_reason, answer_version, answered_by, answered_at FROM incident_parties";

fn opt_text(r: &AnyRow, c: &str) -> Result<Option<String>, StoreError> {
    r.try_get::<Option<String>, _>(c).map_err(other)
}

fn row_to_incident(r: &AnyRow) -> Result<Incident, StoreError> {
    let title = text(r, "title")?;
    Ok(Incident {
        id: id_from_db(&text(r, "id")?)?,
        provider: id_from_db(&text(r, "org_id")?)?,
        offering: id_from_db(&text(r, "offering_id")?)?,
        title: Name::parse("title", &title)
            .map_err(|e| StoreError::Other(format!("bad incident title in the database: {e}")))?,
        description: text(r, "description")?,
        occurred_at: ts_from_db(&text(r, "occurred_at")?)?,
        detected_at: ts_from_db(&text(r, "detected_at")?)?,
        impact: Cia {
            confidentiality: flag(r, "confidentiality")?,
            integrity: flag(r, "integrity")?,
            availability: flag(r, "availability")?,
        },
        actions: opt_text(r, "actions")?,
        cause: opt_text(r, "cause")?,
        prevention: opt_text(r, "prevention")?,
        prevention_version: r.try_get("prevention_version").map_err(other)?,
        parties: Vec::new(),
        revision: r.try_get("revision").map_err(other)?,
        recorded_by: text(r, "recorded_by")?,
        created_at: ts_from_db(&text(r, "created_at")?)?,
        updated_at: ts_from_db(&text(r, "updated_at")?)?,
        closed_by: opt_text(r, "closed_by")?,
        closed_at: opt_ts(r, "closed_at")?,
    })
}

fn row_to_party(r: &AnyRow) -> Result<IncidentParty, StoreError> {
    let answer = match opt_text(r, "answer")? {
        None => None,
        Some(code) => Some(AnswerRecord {
            answer: PreventionAnswer::from_code(&code)
                .ok_or_else(|| bad_code("incident_parties.answer", &code))?,
            reason: opt_text(r, "answer_reason")?,
            version: r
                .try_get::<Option<i64>, _>("answer_version")
                .map_err(other)?
                .unwrap_or(0),
            by: opt_text(r, "answered_by")?.unwrap_or_default(),
            at: opt_ts(r, "answered_at")?
                .ok_or_else(|| StoreError::Other("an answer without its time".into()))?,
        }),
    };
    Ok(IncidentParty {
        institution: id_from_db(&text(r, "institution_id")?)?,
        acknowledged_by: opt_text(r, "acknowledged_by")?,
        acknowledged_at: opt_ts(r, "acknowledged_at")?,
        answer,
    })
}

/// Restricts `s` to the incidents within reach; `false` when nothing is.
fn within(s: &mut Stmt, reach: Reach) -> bool {
    match reach {
        Reach::Nothing | Reach::AsSupplier(_) => return false,
        Reach::Everything => s.push(" WHERE 1 = 1"),
        Reach::Owned(org) => s.push(" WHERE i.org_id = ").text(org.to_string()),
        Reach::AsInstitution(org) => s
            .push(
                " WHERE EXISTS (SELECT 1 FROM incident_parties p WHERE p.incident_id = i.id \
                 AND p.institution_id = ",
            )
            .text(org.to_string())
            .push(")"),
    };
    true
}

impl<S: Source> Sql<S> {
    async fn with_parties(&self, mut incident: Incident) -> Result<Incident, StoreError> {
        let mut s = Stmt::new(PARTY_COLUMNS);
        s.push(" WHERE incident_id = ")
            .text(incident.id.to_string())
            .push(" ORDER BY position");
        let rows = s.fetch_all(&mut *self.conn().await?).await?;
        incident.parties = rows.iter().map(row_to_party).collect::<Result<_, _>>()?;
        Ok(incident)
    }
}

#[async_trait]
impl<S: Source> IncidentReads for Sql<S> {
    async fn incident(&self, reach: Reach, id: IncidentId) -> Result<Incident, StoreError> {
        let mut s = Stmt::new(COLUMNS);
        if !within(&mut s, reach) {
            return Err(StoreError::NotFound);
        }
        s.push(" AND i.id = ").text(id.to_string());
        let row = s.fetch_optional(&mut *self.conn().await?).await?;
        let incident = row
            .as_ref()
            .map(row_to_incident)
            .transpose()?
            .ok_or(StoreError::NotFound)?;
        self.with_parties(incident).await
    }

    async fn list_incidents(
        &self,
        reach: Reach,
        offering: Option<OfferingId>,
        page: Page,
    ) -> Result<Listed<Incident>, StoreError> {
        let mut s = Stmt::new(COLUMNS);
        let mut c = Stmt::new("SELECT COUNT(*) FROM incidents i");
        if !within(&mut s, reach) || !within(&mut c, reach) {
            return Ok(Listed {
                rows: Vec::new(),
                total: 0,
                page,
            });
        }
        if let Some(o) = offering {
            s.push(" AND i.offering_id = ").text(o.to_string());
            c.push(" AND i.offering_id = ").text(o.to_string());
        }
        s.push(" ORDER BY i.detected_at DESC, i.id DESC").page(page);
        let rows = s.fetch_all(&mut *self.conn().await?).await?;
        let total = c.fetch_count(&mut *self.conn().await?).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(self.with_parties(row_to_incident(r)?).await?);
        }
        Ok(Listed {
            rows: out,
            total,
            page,
        })
    }
}

fn b(v: bool) -> i64 {
    i64::from(v)
}

pub(crate) async fn insert(
    tx: &mut Transaction<'static, Any>,
    i: &Incident,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO incidents (id, org_id, offering_id, title, description, occurred_at, \
         detected_at, confidentiality, integrity, availability, actions, cause, prevention, \
         prevention_version, revision, recorded_by, created_at, updated_at, closed_by, closed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
         $18, $19, $20)",
    )
    .bind(i.id.to_string())
    .bind(i.provider.to_string())
    .bind(i.offering.to_string())
    .bind(i.title.as_str())
    .bind(i.description.as_str())
    .bind(ts_to_db(i.occurred_at))
    .bind(ts_to_db(i.detected_at))
    .bind(b(i.impact.confidentiality))
    .bind(b(i.impact.integrity))
    .bind(b(i.impact.availability))
    .bind(i.actions.clone())
    .bind(i.cause.clone())
    .bind(i.prevention.clone())
    .bind(i.prevention_version)
    .bind(i.revision)
    .bind(i.recorded_by.as_str())
    .bind(ts_to_db(i.created_at))
    .bind(ts_to_db(i.updated_at))
    .bind(i.closed_by.clone())
    .bind(i.closed_at.map(ts_to_db))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    for (position, p) in i.parties.iter().enumerate() {
        sqlx::query(
            "INSERT INTO incident_parties (incident_id, institution_id, position) \
             VALUES ($1, $2, $3)",
        )
        .bind(i.id.to_string())
        .bind(p.institution.to_string())
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .execute(&mut **tx)
        .await
        .map_err(other)?;
        update_party(tx, i.id, p).await?;
    }
    Ok(())
}

pub(crate) async fn update(
    tx: &mut Transaction<'static, Any>,
    i: &Incident,
    expected: i64,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE incidents SET actions = $1, cause = $2, prevention = $3, \
         prevention_version = $4, revision = $5, updated_at = $6, closed_by = $7, \
         closed_at = $8 WHERE id = $9 AND org_id = $10 AND revision = $11",
    )
    .bind(i.actions.clone())
    .bind(i.cause.clone())
    .bind(i.prevention.clone())
    .bind(i.prevention_version)
    .bind(i.revision)
    .bind(ts_to_db(i.updated_at))
    .bind(i.closed_by.clone())
    .bind(i.closed_at.map(ts_to_db))
    .bind(i.id.to_string())
    .bind(i.provider.to_string())
    .bind(expected)
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    if done.rows_affected() != 1 {
        return Err(StoreError::Conflict(format!(
            "the incident changed since revision {expected}; reload it and apply the change again"
        )));
    }
    Ok(())
}

pub(crate) async fn update_party(
    tx: &mut Transaction<'static, Any>,
    incident: IncidentId,
    p: &IncidentParty,
) -> Result<(), StoreError> {
    let a = p.answer.as_ref();
    let done = sqlx::query(
        "UPDATE incident_parties SET acknowledged_by = $1, acknowledged_at = $2, answer = $3, \
         answer_reason = $4, answer_version = $5, answered_by = $6, answered_at = $7 \
         WHERE incident_id = $8 AND institution_id = $9",
    )
    .bind(p.acknowledged_by.clone())
    .bind(p.acknowledged_at.map(ts_to_db))
    .bind(a.map(|a| a.answer.code()))
    .bind(a.and_then(|a| a.reason.clone()))
    .bind(a.map(|a| a.version))
    .bind(a.map(|a| a.by.clone()))
    .bind(a.map(|a| ts_to_db(a.at)))
    .bind(incident.to_string())
    .bind(p.institution.to_string())
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    if done.rows_affected() != 1 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

#[async_trait]
impl IncidentWrites for crate::tx::SqlTx {
    async fn insert_incident(&mut self, incident: &Incident) -> Result<(), StoreError> {
        insert(self.t(), incident).await
    }
    async fn update_incident(
        &mut self,
        incident: &Incident,
        expected_revision: i64,
    ) -> Result<(), StoreError> {
        update(self.t(), incident, expected_revision).await
    }
    async fn update_incident_party(
        &mut self,
        incident: IncidentId,
        party: &IncidentParty,
    ) -> Result<(), StoreError> {
        update_party(self.t(), incident, party).await
    }
}
