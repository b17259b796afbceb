//! Risk matrices, configuration, information flows, the register and consents.

use async_trait::async_trait;
use jiff::civil::Date;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use anzen_app::StoreError;
use anzen_app::ports::{
    HeatCell, HeatMap, InstitutionDuty, Listed, Page, Reach, RiskQuery, RiskReads, RiskRow,
};
use anzen_domain::ids::{ComponentId, FlowId, MatrixId, OfferingId, OrgId, RiskId};
use anzen_domain::risk::{
    Assessment, Cia, Component, ComponentKind, Consent, Environment, FlowClass, InformationFlow,
    MatrixVersion, MeasureOwner, Risk, RiskLevel, RiskMatrix, RiskStatus, TechNotice,
};
use anzen_domain::text::Name;

use crate::codec::{
    bad_code, date_from_db, date_to_db, id_from_db, json_from_db, text, ts_from_db, ts_to_db,
};
use crate::conn::{Source, Sql};
use crate::offerings::escape_like;
use crate::other;
use crate::sql::Stmt;

type Tx = Transaction<'static, Any>;

fn small(row: &AnyRow, column: &str) -> Result<u8, StoreError> {
    let v: i64 = row.try_get(column).map_err(other)?;
    u8::try_from(v).map_err(|_| StoreError::Other(format!("{column} out of range: {v}")))
}

fn name(field: &str, value: &str) -> Result<Name, StoreError> {
    Name::parse(field, value).map_err(|e| StoreError::Other(e.to_string()))
}

fn level(column: &str, code: &str) -> Result<RiskLevel, StoreError> {
    RiskLevel::from_code(code).ok_or_else(|| bad_code(column, code))
}

fn cia_to_db(c: Cia) -> String {
    let mut s = String::new();
    if c.confidentiality {
        s.push('C');
    }
    if c.integrity {
        s.push('I');
    }
    if c.availability {
        s.push('A');
    }
    s
}

fn cia_from_db(s: &str) -> Cia {
    Cia {
        confidentiality: s.contains('C'),
        integrity: s.contains('I'),
        availability: s.contains('A'),
    }
}

const RISK_COLUMNS: &str = "SELECT r.id, r.org_id, r.offering_id, r.flow_id, r.title, r.threat, r.vulnerability, r.cia, \
     r.matrix_id, r.matrix_version, r.impact, r.likelihood, r.level, r.treatment_json, r.residual_json, r.explanation, \
     r.next_review, r.review_flags_json, r.status, r.revision, r.created_at, r.updated_at, r.assessed_at FROM risks r";

fn row_to_risk(row: &AnyRow) -> Result<RiskRow, StoreError> {
    let opt = |c: &str| row.try_get::<Option<String>, _>(c).map_err(other);
    let status = text(row, "status")?;
    let risk = Risk {
        id: id_from_db(&text(row, "id")?)?,
        owner: id_from_db(&text(row, "org_id")?)?,
        offering: id_from_db(&text(row, "offering_id")?)?,
        flow: opt("flow_id")?.as_deref().map(id_from_db).transpose()?,
        title: name("title", &text(row, "title")?)?,
        threat: text(row, "threat")?,
        vulnerability: text(row, "vulnerability")?,
        cia: cia_from_db(&text(row, "cia")?),
        inherent: Assessment {
            matrix: id_from_db(&text(row, "matrix_id")?)?,
            matrix_version: row.try_get("matrix_version").map_err(other)?,
            impact: small(row, "impact")?,
            likelihood: small(row, "likelihood")?,
            level: level("risks.level", &text(row, "level")?)?,
        },
        treatment: opt("treatment_json")?
            .as_deref()
            .map(|t| json_from_db("risks.treatment_json", t))
            .transpose()?,
        residual: opt("residual_json")?
            .as_deref()
            .map(|t| json_from_db("risks.residual_json", t))
            .transpose()?,
        explanation: text(row, "explanation")?,
        next_review: opt("next_review")?
            .as_deref()
            .map(date_from_db)
            .transpose()?,
        review_flags: json_from_db("risks.review_flags_json", &text(row, "review_flags_json")?)?,
        assessed_at: opt("assessed_at")?.as_deref().map(ts_from_db).transpose()?,
        revision: row.try_get("revision").map_err(other)?,
        created_at: ts_from_db(&text(row, "created_at")?)?,
        updated_at: ts_from_db(&text(row, "updated_at")?)?,
    };
    Ok(RiskRow {
        risk,
        status: RiskStatus::from_code(&status).ok_or_else(|| bad_code("risks.status", &status))?,
    })
}

/// Restricts `r` (risks) to the reach; false when nothing is reachable.
fn reach_filter(s: &mut Stmt, reach: Reach) -> bool {
    match reach {
        Reach::Nothing | Reach::AsSupplier(_) => return false,
        Reach::Everything => {
            s.push(" WHERE 1 = 1");
        }
        Reach::Owned(org) => {
            s.push(" WHERE r.org_id = ").text(org.to_string());
        }
        Reach::AsInstitution(inst) => {
            s.push(" WHERE r.offering_id IN (SELECT c.offering_id FROM contracts c WHERE c.institution_id = ")
                .text(inst.to_string())
                .push(")");
        }
    }
    true
}

fn query_filter(s: &mut Stmt, q: &RiskQuery) {
    if let Some(o) = q.offering {
        s.push(" AND r.offering_id = ").text(o.to_string());
    }
    if let Some(l) = q.level {
        s.push(" AND r.level = ").text(l.code());
    }
    if let Some(l) = q.residual_level {
        s.push(" AND r.residual_level = ").text(l.code());
    }
    if let Some(st) = q.status {
        s.push(" AND r.status = ").text(st.code());
    }
    if let Some(o) = q.option {
        s.push(" AND r.treatment_option = ").text(o.code());
    }
    if let Some(t) = q.search.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = format!("%{}%", escape_like(&t.to_lowercase()));
        s.push(" AND (LOWER(r.title) LIKE ")
            .text(pattern.clone())
            .push(" ESCAPE '\\'");
        s.push(" OR LOWER(r.threat) LIKE ")
            .text(pattern.clone())
            .push(" ESCAPE '\\'");
        s.push(" OR LOWER(r.vulnerability) LIKE ")
            .text(pattern)
            .push(" ESCAPE '\\')");
    }
    if let Some(d) = q.review_due_by {
        s.push(" AND r.next_review <= ").text(date_to_db(d));
    }
    if q.flagged {
        s.push(" AND r.review_flags_json <> '[]'");
    }
}

fn matrix_row(row: &AnyRow) -> Result<MatrixVersion, StoreError> {
    Ok(MatrixVersion {
        id: id_from_db(&text(row, "id")?)?,
        org: id_from_db(&text(row, "org_id")?)?,
        version: row.try_get("version").map_err(other)?,
        matrix: json_from_db::<RiskMatrix>(
            "risk_matrices.matrix_json",
            &text(row, "matrix_json")?,
        )?,
        created_by: text(row, "created_by")?,
        created_at: ts_from_db(&text(row, "created_at")?)?,
    })
}

fn country_from_db(row: &AnyRow) -> Result<Option<anzen_domain::chain::Country>, StoreError> {
    let code: Option<String> = row.try_get("country").map_err(other)?;
    match code {
        None => Ok(None),
        Some(c) => anzen_domain::chain::Country::parse("components.country", &c)
            .map_err(|_| bad_code("components.country", &c)),
    }
}

fn component_row(row: &AnyRow) -> Result<Component, StoreError> {
    let kind = text(row, "kind")?;
    let env = text(row, "environment")?;
    Ok(Component {
        id: id_from_db(&text(row, "id")?)?,
        offering: id_from_db(&text(row, "offering_id")?)?,
        name: name("name", &text(row, "name")?)?,
        kind: ComponentKind::from_code(&kind).ok_or_else(|| bad_code("components.kind", &kind))?,
        environment: Environment::from_code(&env)
            .ok_or_else(|| bad_code("components.environment", &env))?,
        location: row.try_get("location").map_err(other)?,
        country: country_from_db(row)?,
        holds_medical_info: crate::codec::flag(row, "holds_medical_info")?,
        revision: row.try_get("revision").map_err(other)?,
    })
}

/// A row of `risk_consents`.
pub(crate) fn consent_row(r: &AnyRow) -> Result<Consent, StoreError> {
    Ok(Consent {
        risk: id_from_db(&text(r, "risk_id")?)?,
        institution: id_from_db(&text(r, "institution_id")?)?,
        user: id_from_db(&text(r, "user_id")?)?,
        user_name: text(r, "user_name")?,
        at: ts_from_db(&text(r, "at")?)?,
        digest: text(r, "digest")?,
    })
}

pub(crate) fn flow_row(row: &AnyRow) -> Result<InformationFlow, StoreError> {
    let class = text(row, "class")?;
    let env = text(row, "environment")?;
    let components: Vec<String> = json_from_db(
        "information_flows.components_json",
        &text(row, "components_json")?,
    )?;
    Ok(InformationFlow {
        id: id_from_db(&text(row, "id")?)?,
        offering: id_from_db(&text(row, "offering_id")?)?,
        who: text(row, "who")?,
        place: text(row, "place")?,
        device_or_medium: text(row, "device_or_medium")?,
        what: text(row, "what")?,
        how: text(row, "how")?,
        class: FlowClass::from_code(&class)
            .ok_or_else(|| bad_code("information_flows.class", &class))?,
        environment: Environment::from_code(&env)
            .ok_or_else(|| bad_code("information_flows.environment", &env))?,
        components: components
            .iter()
            .map(|c| id_from_db(c))
            .collect::<Result<_, _>>()?,
        revision: row.try_get("revision").map_err(other)?,
    })
}

fn heat(rows: Vec<AnyRow>) -> Result<Vec<HeatCell>, StoreError> {
    rows.iter()
        .map(|r| {
            Ok(HeatCell {
                impact: small(r, "i")?,
                likelihood: small(r, "l")?,
                count: r.try_get("n").map_err(other)?,
            })
        })
        .collect()
}

#[async_trait]
impl<S: Source> RiskReads for Sql<S> {
    async fn current_matrix(&self, org: OrgId) -> Result<Option<MatrixVersion>, StoreError> {
        let row = sqlx::query(
            "SELECT id, org_id, version, matrix_json, created_by, created_at FROM risk_matrices \
             WHERE org_id = $1 ORDER BY version DESC LIMIT 1",
        )
        .bind(org.to_string())
        .fetch_optional(&mut *self.conn().await?)
        .await
        .map_err(other)?;
        row.as_ref().map(matrix_row).transpose()
    }

    async fn matrix_version(&self, id: MatrixId) -> Result<MatrixVersion, StoreError> {
        let row = sqlx::query("SELECT id, org_id, version, matrix_json, created_by, created_at FROM risk_matrices WHERE id = $1")
            .bind(id.to_string())
            .fetch_one(&mut *self.conn().await?)
            .await
            .map_err(other)?;
        matrix_row(&row)
    }

    async fn list_components(
        &self,
        reach: Reach,
        offering: OfferingId,
    ) -> Result<Vec<Component>, StoreError> {
        let mut s = Stmt::new(
            "SELECT r.id, r.offering_id, r.name, r.kind, r.environment, r.location, r.country, r.holds_medical_info, r.revision FROM components r",
        );
        if !reach_filter(&mut s, reach) {
            return Ok(Vec::new());
        }
        s.push(" AND r.offering_id = ")
            .text(offering.to_string())
            .push(" ORDER BY r.environment, r.name");
        s.fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(component_row)
            .collect()
    }

    async fn list_flows(
        &self,
        reach: Reach,
        offering: OfferingId,
    ) -> Result<Vec<InformationFlow>, StoreError> {
        let mut s = Stmt::new(
            "SELECT r.id, r.offering_id, r.who, r.place, r.device_or_medium, r.what, r.how, r.class, r.environment, \
             r.components_json, r.revision FROM information_flows r",
        );
        if !reach_filter(&mut s, reach) {
            return Ok(Vec::new());
        }
        s.push(" AND r.offering_id = ")
            .text(offering.to_string())
            .push(" ORDER BY r.environment, r.created_at, r.id");
        s.fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(flow_row)
            .collect()
    }

    async fn flow(&self, reach: Reach, id: FlowId) -> Result<InformationFlow, StoreError> {
        let mut s = Stmt::new(
            "SELECT r.id, r.offering_id, r.who, r.place, r.device_or_medium, r.what, r.how, r.class, r.environment, \
             r.components_json, r.revision FROM information_flows r",
        );
        if !reach_filter(&mut s, reach) {
            return Err(StoreError::NotFound);
        }
        s.push(" AND r.id = ").text(id.to_string());
        flow_row(
            &s.fetch_optional(&mut *self.conn().await?)
                .await?
                .ok_or(StoreError::NotFound)?,
        )
    }

    async fn component(&self, reach: Reach, id: ComponentId) -> Result<Component, StoreError> {
        let mut s = Stmt::new(
            "SELECT r.id, r.offering_id, r.name, r.kind, r.environment, r.location, r.country, r.holds_medical_info, r.revision FROM components r",
        );
        if !reach_filter(&mut s, reach) {
            return Err(StoreError::NotFound);
        }
        s.push(" AND r.id = ").text(id.to_string());
        component_row(
            &s.fetch_optional(&mut *self.conn().await?)
                .await?
                .ok_or(StoreError::NotFound)?,
        )
    }

    async fn assessed_flow(&self, risk: RiskId) -> Result<Option<InformationFlow>, StoreError> {
        crate::review::assessed_flow(&mut *self.conn().await?, risk).await
    }

    async fn risk(&self, reach: Reach, id: RiskId) -> Result<RiskRow, StoreError> {
        let mut s = Stmt::new(RISK_COLUMNS);
        if !reach_filter(&mut s, reach) {
            return Err(StoreError::NotFound);
        }
        s.push(" AND r.id = ").text(id.to_string());
        row_to_risk(
            &s.fetch_optional(&mut *self.conn().await?)
                .await?
                .ok_or(StoreError::NotFound)?,
        )
    }

    async fn list_risks(
        &self,
        reach: Reach,
        query: &RiskQuery,
        page: Page,
    ) -> Result<Listed<RiskRow>, StoreError> {
        let mut s = Stmt::new(RISK_COLUMNS);
        let mut c = Stmt::new("SELECT COUNT(*) FROM risks r");
        if !reach_filter(&mut s, reach) || !reach_filter(&mut c, reach) {
            return Ok(Listed {
                rows: Vec::new(),
                total: 0,
                page,
            });
        }
        query_filter(&mut s, query);
        query_filter(&mut c, query);
        // Most severe first (S sorts first as text), then by title.
        s.push(" ORDER BY r.level, r.title, r.id").page(page);
        let rows = s.fetch_all(&mut *self.conn().await?).await?;
        let total = c.fetch_count(&mut *self.conn().await?).await?;
        Ok(Listed {
            rows: rows.iter().map(row_to_risk).collect::<Result<_, _>>()?,
            total,
            page,
        })
    }

    async fn heat_map(&self, reach: Reach, query: &RiskQuery) -> Result<HeatMap, StoreError> {
        let mut inherent =
            Stmt::new("SELECT r.impact AS i, r.likelihood AS l, COUNT(*) AS n FROM risks r");
        let mut residual = Stmt::new(
            "SELECT r.residual_impact AS i, r.residual_likelihood AS l, COUNT(*) AS n FROM risks r",
        );
        if !reach_filter(&mut inherent, reach) || !reach_filter(&mut residual, reach) {
            return Ok(HeatMap::default());
        }
        query_filter(&mut inherent, query);
        query_filter(&mut residual, query);
        inherent.push(" GROUP BY r.impact, r.likelihood");
        residual.push(
            " AND r.residual_impact IS NOT NULL GROUP BY r.residual_impact, r.residual_likelihood",
        );
        // One connection for both counts (never two at once: a second acquire while holding
        // the first can wait for itself when the pool or the transaction is busy).
        let mut conn = self.conn().await?;
        let inherent = heat(inherent.fetch_all(&mut *conn).await?)?;
        let residual = heat(residual.fetch_all(&mut *conn).await?)?;
        Ok(HeatMap { inherent, residual })
    }

    async fn consents(&self, risk: RiskId) -> Result<Vec<Consent>, StoreError> {
        let rows = sqlx::query(
            "SELECT risk_id, institution_id, user_id, user_name, digest, at FROM risk_consents WHERE risk_id = $1 ORDER BY at, id",
        )
        .bind(risk.to_string())
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(other)?;
        rows.iter().map(consent_row).collect()
    }

    async fn risk_thread(
        &self,
        risk: RiskId,
    ) -> Result<Vec<anzen_domain::risk::ThreadEntry>, StoreError> {
        crate::risk_thread::thread(&mut *self.conn().await?, risk).await
    }

    async fn risks_of_offering(&self, offering: OfferingId) -> Result<Vec<Risk>, StoreError> {
        let mut s = Stmt::new(RISK_COLUMNS);
        s.push(" WHERE r.offering_id = ").text(offering.to_string());
        s.fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(|r| row_to_risk(r).map(|row| row.risk))
            .collect()
    }

    async fn institution_duties(
        &self,
        institution: OrgId,
    ) -> Result<Vec<InstitutionDuty>, StoreError> {
        let rows = sqlx::query(
            "SELECT d.risk_id, r.offering_id, r.title, d.description FROM risk_duties d JOIN risks r ON r.id = d.risk_id \
             WHERE d.institution_id = $1 ORDER BY r.title, d.position",
        )
        .bind(institution.to_string())
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(other)?;
        rows.iter()
            .map(|r| {
                Ok(InstitutionDuty {
                    risk: id_from_db(&text(r, "risk_id")?)?,
                    offering: id_from_db(&text(r, "offering_id")?)?,
                    risk_title: text(r, "title")?,
                    description: text(r, "description")?,
                })
            })
            .collect()
    }

    async fn institutions_contracting(
        &self,
        offering: OfferingId,
        day: Date,
    ) -> Result<Vec<OrgId>, StoreError> {
        let rows = sqlx::query(
            "SELECT DISTINCT institution_id FROM contracts WHERE offering_id = $1 AND starts_on <= $2 \
             AND (ends_on IS NULL OR ends_on >= $2) ORDER BY institution_id",
        )
        .bind(offering.to_string())
        .bind(date_to_db(day))
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(other)?;
        rows.iter()
            .map(|r| id_from_db(&text(r, "institution_id")?))
            .collect()
    }
}

pub(crate) async fn insert_matrix(tx: &mut Tx, m: &MatrixVersion) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO risk_matrices (id, org_id, version, matrix_json, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(m.id.to_string())
        .bind(m.org.to_string())
        .bind(m.version)
        .bind(serde_json::to_string(&m.matrix).expect("a matrix serialises"))
        .bind(m.created_by.as_str())
        .bind(ts_to_db(m.created_at))
        .execute(&mut **tx)
        .await
        .map_err(other)?;
    Ok(())
}

pub(crate) async fn insert_component(
    tx: &mut Tx,
    owner: OrgId,
    c: &Component,
    now: jiff::Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO components (id, org_id, offering_id, name, kind, environment, location, created_at, revision, country, holds_medical_info) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(c.id.to_string())
    .bind(owner.to_string())
    .bind(c.offering.to_string())
    .bind(c.name.as_str())
    .bind(c.kind.code())
    .bind(c.environment.code())
    .bind(c.location.as_deref())
    .bind(ts_to_db(now))
    .bind(c.revision)
    .bind(c.country.map(|k| k.code().to_owned()))
    .bind(i64::from(c.holds_medical_info))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

pub(crate) async fn insert_flow(
    tx: &mut Tx,
    owner: OrgId,
    f: &InformationFlow,
    now: jiff::Timestamp,
) -> Result<(), StoreError> {
    let components: Vec<String> = f.components.iter().map(ToString::to_string).collect();
    sqlx::query(
        "INSERT INTO information_flows (id, org_id, offering_id, who, place, device_or_medium, what, how, class, environment, \
         components_json, created_at, revision) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(f.id.to_string())
    .bind(owner.to_string())
    .bind(f.offering.to_string())
    .bind(f.who.as_str())
    .bind(f.place.as_str())
    .bind(f.device_or_medium.as_str())
    .bind(f.what.as_str())
    .bind(f.how.as_str())
    .bind(f.class.code())
    .bind(f.environment.code())
    .bind(serde_json::to_string(&components).expect("strings serialise"))
    .bind(ts_to_db(now))
    .bind(f.revision)
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

/// The column values of a risk, in the order of the INSERT below.
struct Cols {
    treatment_option: Option<&'static str>,
    treatment_json: Option<String>,
    residual_json: Option<String>,
    residual_impact: Option<i64>,
    residual_likelihood: Option<i64>,
    residual_level: Option<&'static str>,
}

fn cols(r: &Risk) -> Cols {
    Cols {
        treatment_option: r.treatment.as_ref().map(|t| t.option.code()),
        treatment_json: r
            .treatment
            .as_ref()
            .map(|t| serde_json::to_string(t).expect("a treatment serialises")),
        residual_json: r
            .residual
            .as_ref()
            .map(|a| serde_json::to_string(a).expect("an assessment serialises")),
        residual_impact: r.residual.as_ref().map(|a| i64::from(a.impact)),
        residual_likelihood: r.residual.as_ref().map(|a| i64::from(a.likelihood)),
        residual_level: r.residual.as_ref().map(|a| a.level.code()),
    }
}

async fn write_duties(tx: &mut Tx, r: &Risk) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM risk_duties WHERE risk_id = $1")
        .bind(r.id.to_string())
        .execute(&mut **tx)
        .await
        .map_err(other)?;
    let measures = r
        .treatment
        .iter()
        .flat_map(|t| t.measures.iter())
        .enumerate();
    for (i, m) in measures {
        if let MeasureOwner::Institution(org) = m.owner {
            sqlx::query("INSERT INTO risk_duties (risk_id, position, institution_id, description) VALUES ($1, $2, $3, $4)")
                .bind(r.id.to_string())
                .bind(i64::try_from(i).unwrap_or(i64::MAX))
                .bind(org.to_string())
                .bind(m.description.as_str())
                .execute(&mut **tx)
                .await
                .map_err(other)?;
        }
    }
    Ok(())
}

pub(crate) async fn insert_risk(
    tx: &mut Tx,
    r: &Risk,
    status: RiskStatus,
) -> Result<(), StoreError> {
    let c = cols(r);
    sqlx::query(
        "INSERT INTO risks (id, org_id, offering_id, flow_id, title, threat, vulnerability, cia, matrix_id, matrix_version, \
         impact, likelihood, level, treatment_option, treatment_json, residual_json, residual_impact, residual_likelihood, \
         residual_level, explanation, next_review, review_flags_json, status, revision, created_at, updated_at, assessed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)",
    )
    .bind(r.id.to_string())
    .bind(r.owner.to_string())
    .bind(r.offering.to_string())
    .bind(r.flow.map(|f| f.to_string()))
    .bind(r.title.as_str())
    .bind(r.threat.as_str())
    .bind(r.vulnerability.as_str())
    .bind(cia_to_db(r.cia))
    .bind(r.inherent.matrix.to_string())
    .bind(r.inherent.matrix_version)
    .bind(i64::from(r.inherent.impact))
    .bind(i64::from(r.inherent.likelihood))
    .bind(r.inherent.level.code())
    .bind(c.treatment_option)
    .bind(c.treatment_json)
    .bind(c.residual_json)
    .bind(c.residual_impact)
    .bind(c.residual_likelihood)
    .bind(c.residual_level)
    .bind(r.explanation.as_str())
    .bind(r.next_review.map(date_to_db))
    .bind(serde_json::to_string(&r.review_flags).expect("flags serialise"))
    .bind(status.code())
    .bind(r.revision)
    .bind(ts_to_db(r.created_at))
    .bind(ts_to_db(r.updated_at))
    .bind(r.assessed_at.map(ts_to_db))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    write_duties(tx, r).await
}

pub(crate) async fn update_risk(
    tx: &mut Tx,
    r: &Risk,
    expected: i64,
    status: RiskStatus,
) -> Result<(), StoreError> {
    let c = cols(r);
    let done = sqlx::query(
        "UPDATE risks SET flow_id = $1, title = $2, threat = $3, vulnerability = $4, cia = $5, matrix_id = $6, \
         matrix_version = $7, impact = $8, likelihood = $9, level = $10, treatment_option = $11, treatment_json = $12, \
         residual_json = $13, residual_impact = $14, residual_likelihood = $15, residual_level = $16, explanation = $17, \
         next_review = $18, review_flags_json = $19, status = $20, revision = $21, updated_at = $22, \
         assessed_at = $26 WHERE id = $23 AND org_id = $24 AND revision = $25",
    )
    .bind(r.flow.map(|f| f.to_string()))
    .bind(r.title.as_str())
    .bind(r.threat.as_str())
    .bind(r.vulnerability.as_str())
    .bind(cia_to_db(r.cia))
    .bind(r.inherent.matrix.to_string())
    .bind(r.inherent.matrix_version)
    .bind(i64::from(r.inherent.impact))
    .bind(i64::from(r.inherent.likelihood))
    .bind(r.inherent.level.code())
    .bind(c.treatment_option)
    .bind(c.treatment_json)
    .bind(c.residual_json)
    .bind(c.residual_impact)
    .bind(c.residual_likelihood)
    .bind(c.residual_level)
    .bind(r.explanation.as_str())
    .bind(r.next_review.map(date_to_db))
    .bind(serde_json::to_string(&r.review_flags).expect("flags serialise"))
    .bind(status.code())
    .bind(r.revision)
    .bind(ts_to_db(r.updated_at))
    .bind(r.id.to_string())
    .bind(r.owner.to_string())
    .bind(expected)
    .bind(r.assessed_at.map(ts_to_db))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    if done.rows_affected() != 1 {
        return Err(StoreError::Conflict(format!(
            "the risk changed since revision {expected}; reload it and apply the change again"
        )));
    }
    write_duties(tx, r).await
}

pub(crate) async fn set_status(
    tx: &mut Tx,
    risk: RiskId,
    status: RiskStatus,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE risks SET status = $1 WHERE id = $2")
        .bind(status.code())
        .bind(risk.to_string())
        .execute(&mut **tx)
        .await
        .map_err(other)?;
    Ok(())
}

pub(crate) async fn insert_consent(
    tx: &mut Tx,
    owner: OrgId,
    c: &Consent,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO risk_consents (id, org_id, risk_id, institution_id, user_id, user_name, digest, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(owner.to_string())
    .bind(c.risk.to_string())
    .bind(c.institution.to_string())
    .bind(c.user.to_string())
    .bind(c.user_name.as_str())
    .bind(c.digest.as_str())
    .bind(ts_to_db(c.at))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

pub(crate) async fn insert_notice(tx: &mut Tx, n: &TechNotice) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO tech_notices (id, org_id, title, description, risks_marked, raised_by, raised_at, control_key) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(n.id.to_string())
    .bind(n.org.to_string())
    .bind(n.title.as_str())
    .bind(n.description.as_str())
    .bind(n.risks_marked)
    .bind(n.raised_by.as_str())
    .bind(ts_to_db(n.raised_at))
    .bind(n.control.as_deref())
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}
