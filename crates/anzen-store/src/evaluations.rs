//! Safety evaluations of offerings (GL 4.3; Table 4-1 ②-4) and the GL 4.4 certification
//! exemptions.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use anzen_app::StoreError;
use anzen_app::ports::{EvaluationReads, Reach, StoredEvaluation, StoredExemption};
use anzen_domain::chain::{Exemption, ExemptionBasis};
use anzen_domain::evaluation::Evaluation;
use anzen_domain::ids::{EvaluationId, OfferingId};

use crate::codec::{bad_code, id_from_db, json_from_db, text, ts_from_db, ts_to_db};
use crate::conn::{Source, Sql};
use crate::other;
use crate::sql::Stmt;

type Tx = Transaction<'static, Any>;

const COLUMNS: &str = "SELECT e.id, e.org_id, e.offering_id, e.revision, e.evaluation_json, e.recorded_by, \
     e.recorded_at FROM safety_evaluations e";

fn evaluation_row(r: &AnyRow) -> Result<StoredEvaluation, StoreError> {
    Ok(StoredEvaluation {
        id: id_from_db(&text(r, "id")?)?,
        org: id_from_db(&text(r, "org_id")?)?,
        offering: id_from_db(&text(r, "offering_id")?)?,
        revision: r.try_get("revision").map_err(other)?,
        evaluation: json_from_db::<Evaluation>(
            "safety_evaluations.evaluation_json",
            &text(r, "evaluation_json")?,
        )?,
        recorded_by: text(r, "recorded_by")?,
        recorded_at: ts_from_db(&text(r, "recorded_at")?)?,
    })
}

/// Evaluations within reach: the provider's own; for an institution, those of the offerings
/// it contracts (Table 4-1 ②-4); a partner none.
fn within(s: &mut Stmt, reach: Reach) -> bool {
    match reach {
        Reach::Nothing | Reach::AsSupplier(_) => return false,
        Reach::Everything => s.push(" WHERE 1 = 1"),
        Reach::Owned(org) => s.push(" WHERE e.org_id = ").text(org.to_string()),
        Reach::AsInstitution(org) => s
            .push(" WHERE e.offering_id IN (SELECT c.offering_id FROM contracts c WHERE c.institution_id = ")
            .text(org.to_string())
            .push(")"),
    };
    true
}

fn exemption_row(r: &AnyRow) -> Result<StoredExemption, StoreError> {
    let basis: Option<String> = r.try_get("basis").map_err(other)?;
    let reason: Option<String> = r.try_get("reason").map_err(other)?;
    let exemption = match (basis, reason) {
        (Some(b), Some(reason)) => Some(Exemption {
            basis: ExemptionBasis::from_code(&b)
                .ok_or_else(|| bad_code("certification_exemptions.basis", &b))?,
            reason,
        }),
        _ => None,
    };
    Ok(StoredExemption {
        org: id_from_db(&text(r, "org_id")?)?,
        seq: r.try_get("seq").map_err(other)?,
        exemption,
        recorded_by: text(r, "recorded_by")?,
        recorded_at: ts_from_db(&text(r, "recorded_at")?)?,
    })
}

#[async_trait]
impl<S: Source> EvaluationReads for Sql<S> {
    async fn evaluations(
        &self,
        reach: Reach,
        offering: Option<OfferingId>,
    ) -> Result<Vec<StoredEvaluation>, StoreError> {
        let mut s = Stmt::new(COLUMNS);
        if !within(&mut s, reach) {
            return Ok(Vec::new());
        }
        if let Some(o) = offering {
            s.push(" AND e.offering_id = ").text(o.to_string());
        }
        s.push(" ORDER BY e.recorded_at, e.id");
        s.fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(evaluation_row)
            .collect()
    }

    async fn evaluation(
        &self,
        reach: Reach,
        id: EvaluationId,
    ) -> Result<StoredEvaluation, StoreError> {
        let mut s = Stmt::new(COLUMNS);
        if !within(&mut s, reach) {
            return Err(StoreError::NotFound);
        }
        s.push(" AND e.id = ").text(id.to_string());
        match s.fetch_optional(&mut *self.conn().await?).await? {
            Some(r) => evaluation_row(&r),
            None => Err(StoreError::NotFound),
        }
    }

    async fn exemptions(&self, reach: Reach) -> Result<Vec<StoredExemption>, StoreError> {
        let mut s = Stmt::new(
            "SELECT x.org_id, x.seq, x.basis, x.reason, x.recorded_by, x.recorded_at \
             FROM certification_exemptions x",
        );
        match reach {
            Reach::Nothing => return Ok(Vec::new()),
            Reach::Everything => s.push(" WHERE 1 = 1"),
            Reach::Owned(org) | Reach::AsSupplier(org) => {
                s.push(" WHERE x.org_id = ").text(org.to_string())
            }
            // Like certifications: those of the providers the institution contracts (GL 4.4).
            Reach::AsInstitution(inst) => s
                .push(" WHERE x.org_id IN (SELECT c.provider_id FROM contracts c WHERE c.institution_id = ")
                .text(inst.to_string())
                .push(")"),
        };
        s.push(
            " AND x.seq = (SELECT MAX(y.seq) FROM certification_exemptions y WHERE y.org_id = x.org_id) \
             ORDER BY x.org_id",
        );
        s.fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(exemption_row)
            .collect()
    }
}

pub(crate) async fn insert_evaluation(tx: &mut Tx, e: &StoredEvaluation) -> Result<(), StoreError> {
    let json = serde_json::to_string(&e.evaluation)
        .map_err(|err| StoreError::Other(format!("cannot encode an evaluation: {err}")))?;
    sqlx::query(
        "INSERT INTO safety_evaluations (id, org_id, offering_id, evaluator_type, evaluated_on, result, \
         evaluation_json, revision, recorded_by, recorded_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
    )
    .bind(e.id.to_string())
    .bind(e.org.to_string())
    .bind(e.offering.to_string())
    .bind(e.evaluation.evaluator_type.code())
    .bind(e.evaluation.evaluated_on.to_string())
    .bind(e.evaluation.result.code())
    .bind(json)
    .bind(e.revision)
    .bind(e.recorded_by.as_str())
    .bind(ts_to_db(e.recorded_at))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

pub(crate) async fn update_evaluation(
    tx: &mut Tx,
    e: &StoredEvaluation,
    expected_revision: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(&e.evaluation)
        .map_err(|err| StoreError::Other(format!("cannot encode an evaluation: {err}")))?;
    let done = sqlx::query(
        "UPDATE safety_evaluations SET evaluation_json = $1, revision = $2, updated_at = $3 \
         WHERE id = $4 AND org_id = $5 AND revision = $6",
    )
    .bind(json)
    .bind(e.revision)
    .bind(ts_to_db(now))
    .bind(e.id.to_string())
    .bind(e.org.to_string())
    .bind(expected_revision)
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Conflict(format!(
            "the evaluation changed since revision {expected_revision}; reload it and apply the change again"
        )));
    }
    Ok(())
}

pub(crate) async fn insert_exemption(tx: &mut Tx, x: &StoredExemption) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO certification_exemptions (org_id, seq, basis, reason, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(x.org.to_string())
    .bind(x.seq)
    .bind(x.exemption.as_ref().map(|e| e.basis.code()))
    .bind(x.exemption.as_ref().map(|e| e.reason.clone()))
    .bind(x.recorded_by.as_str())
    .bind(ts_to_db(x.recorded_at))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}
