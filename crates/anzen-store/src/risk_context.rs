//! What the risks of one offering share, read in one query each (consents, thread entries,
//! kept assessed flows): a document or a status refresh over 300 risks makes three reads,
//! not 900.

use async_trait::async_trait;

use anzen_app::StoreError;
use anzen_app::ports::RiskContextReads;
use anzen_domain::ids::{OfferingId, RiskId};
use anzen_domain::risk::{Consent, InformationFlow, ThreadEntry};

use crate::codec::{id_from_db, text};
use crate::conn::{Source, Sql};
use crate::other;

#[async_trait]
impl<S: Source> RiskContextReads for Sql<S> {
    async fn consents_of_offering(&self, offering: OfferingId) -> Result<Vec<Consent>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.risk_id, c.institution_id, c.user_id, c.user_name, c.digest, c.at \
             FROM risk_consents c JOIN risks r ON r.id = c.risk_id \
             WHERE r.offering_id = $1 ORDER BY c.at, c.id",
        )
        .bind(offering.to_string())
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(other)?;
        rows.iter().map(crate::risk::consent_row).collect()
    }

    async fn threads_of_offering(
        &self,
        offering: OfferingId,
    ) -> Result<Vec<ThreadEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT t.id, t.risk_id, t.institution_id, t.kind, t.body, t.in_reply_to, t.digest, \
             t.user_id, t.user_name, t.at \
             FROM risk_thread t JOIN risks r ON r.id = t.risk_id \
             WHERE r.offering_id = $1 ORDER BY t.at, t.id",
        )
        .bind(offering.to_string())
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(other)?;
        rows.iter().map(crate::risk_thread::entry_row).collect()
    }

    async fn assessed_flows_of_offering(
        &self,
        offering: OfferingId,
    ) -> Result<Vec<(RiskId, InformationFlow)>, StoreError> {
        let rows = sqlx::query(
            "SELECT k.risk_id, k.flow_id AS id, f.offering_id, k.who, k.place, k.device_or_medium, \
             k.what, k.how, k.class, k.environment, k.components_json, k.flow_revision AS revision \
             FROM risk_assessed_flows k JOIN information_flows f ON f.id = k.flow_id \
             JOIN risks r ON r.id = k.risk_id WHERE r.offering_id = $1",
        )
        .bind(offering.to_string())
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(other)?;
        rows.iter()
            .map(|r| Ok((id_from_db(&text(r, "risk_id")?)?, crate::risk::flow_row(r)?)))
            .collect()
    }
}
