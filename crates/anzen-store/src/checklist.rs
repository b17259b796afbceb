//! The MHLW provider checklist: imported editions and the offerings' answer sheets.

use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use anzen_app::StoreError;
use anzen_app::ports::{ChecklistReads, StoredEdition, StoredSheet};
use anzen_domain::ids::{OfferingId, OrgId};

use crate::codec::{id_from_db, json_from_db, text, ts_from_db, ts_to_db};
use crate::conn::{Source, Sql};
use crate::other;

type Tx = Transaction<'static, Any>;

macro_rules! editions {
    () => {
        "SELECT owner_key, label, fiscal_year, source_text, sha256, imported_by, imported_at \
         FROM checklist_editions"
    };
}
macro_rules! sheets {
    () => {
        "SELECT offering_id, org_id, edition, revision, answers_json, updated_by, updated_at \
         FROM checklist_sheets"
    };
}

fn edition_row(r: &AnyRow) -> Result<StoredEdition, StoreError> {
    let owner = text(r, "owner_key")?;
    let fy: i64 = r.try_get("fiscal_year").map_err(other)?;
    Ok(StoredEdition {
        owner: if owner.is_empty() {
            None
        } else {
            Some(id_from_db(&owner)?)
        },
        label: text(r, "label")?,
        fiscal_year: i16::try_from(fy)
            .map_err(|_| StoreError::Other(format!("checklist_editions.fiscal_year {fy}")))?,
        source: text(r, "source_text")?,
        sha256: text(r, "sha256")?,
        imported_by: text(r, "imported_by")?,
        imported_at: ts_from_db(&text(r, "imported_at")?)?,
    })
}

fn sheet_row(r: &AnyRow) -> Result<StoredSheet, StoreError> {
    Ok(StoredSheet {
        offering: id_from_db(&text(r, "offering_id")?)?,
        org: id_from_db(&text(r, "org_id")?)?,
        edition: text(r, "edition")?,
        revision: r.try_get("revision").map_err(other)?,
        answers: json_from_db("checklist_sheets.answers_json", &text(r, "answers_json")?)?,
        updated_by: text(r, "updated_by")?,
        updated_at: ts_from_db(&text(r, "updated_at")?)?,
    })
}

#[async_trait]
impl<S: Source> ChecklistReads for Sql<S> {
    async fn checklist_editions(
        &self,
        owner: Option<OrgId>,
    ) -> Result<Vec<StoredEdition>, StoreError> {
        let rows = sqlx::query(concat!(
            editions!(),
            " WHERE owner_key = '' OR owner_key = $1 ORDER BY fiscal_year, label"
        ))
        .bind(owner.map(|o| o.to_string()).unwrap_or_default())
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(other)?;
        rows.iter().map(edition_row).collect()
    }

    async fn checklist_sheet(
        &self,
        offering: OfferingId,
        edition: &str,
    ) -> Result<Option<StoredSheet>, StoreError> {
        let row = sqlx::query(concat!(
            sheets!(),
            " WHERE offering_id = $1 AND edition = $2"
        ))
        .bind(offering.to_string())
        .bind(edition)
        .fetch_optional(&mut *self.conn().await?)
        .await
        .map_err(other)?;
        row.as_ref().map(sheet_row).transpose()
    }

    async fn checklist_sheets(&self, org: OrgId) -> Result<Vec<StoredSheet>, StoreError> {
        let rows = sqlx::query(concat!(
            sheets!(),
            " WHERE org_id = $1 ORDER BY offering_id, edition"
        ))
        .bind(org.to_string())
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(other)?;
        rows.iter().map(sheet_row).collect()
    }
}

pub(crate) async fn insert_edition(tx: &mut Tx, e: &StoredEdition) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO checklist_editions (owner_key, label, fiscal_year, source_text, sha256, \
         imported_by, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(e.owner.map(|o| o.to_string()).unwrap_or_default())
    .bind(e.label.as_str())
    .bind(i64::from(e.fiscal_year))
    .bind(e.source.as_str())
    .bind(e.sha256.as_str())
    .bind(e.imported_by.as_str())
    .bind(ts_to_db(e.imported_at))
    .execute(&mut **tx)
    .await
    .map_err(|err| match other(err) {
        StoreError::Conflict(_) => StoreError::Conflict(format!(
            "the checklist edition `{}` was imported before",
            e.label
        )),
        x => x,
    })?;
    Ok(())
}

pub(crate) async fn save_sheet(tx: &mut Tx, s: &StoredSheet) -> Result<(), StoreError> {
    let json = serde_json::to_string(&s.answers)
        .map_err(|err| StoreError::Other(format!("cannot encode checklist answers: {err}")))?;
    let stale = || {
        StoreError::Conflict(format!(
            "the checklist answers changed since revision {}; reload them and apply the change again",
            s.revision - 1
        ))
    };
    if s.revision == 1 {
        sqlx::query(
            "INSERT INTO checklist_sheets (offering_id, org_id, edition, revision, answers_json, \
             updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(s.offering.to_string())
        .bind(s.org.to_string())
        .bind(s.edition.as_str())
        .bind(s.revision)
        .bind(json)
        .bind(s.updated_by.as_str())
        .bind(ts_to_db(s.updated_at))
        .execute(&mut **tx)
        .await
        .map_err(|err| match other(err) {
            StoreError::Conflict(_) => stale(),
            x => x,
        })?;
        return Ok(());
    }
    let done = sqlx::query(
        "UPDATE checklist_sheets SET revision = $1, answers_json = $2, updated_by = $3, \
         updated_at = $4 WHERE offering_id = $5 AND edition = $6 AND revision = $7",
    )
    .bind(s.revision)
    .bind(json)
    .bind(s.updated_by.as_str())
    .bind(ts_to_db(s.updated_at))
    .bind(s.offering.to_string())
    .bind(s.edition.as_str())
    .bind(s.revision - 1)
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    if done.rows_affected() == 0 {
        return Err(stale());
    }
    Ok(())
}
