//! The notifications an organisation sent, each with its recipients: one page of
//! notifications and their recipients in two queries.

use async_trait::async_trait;

use anzen_app::StoreError;
use anzen_app::ports::{Listed, Page, SentNotification, SentNotificationReads, SentTo};
use anzen_domain::ids::OrgId;
use sqlx::Row;

use crate::chain::{notification_row, recipient_row};
use crate::conn::{Source, Sql};
use crate::other;

#[async_trait]
impl<S: Source> SentNotificationReads for Sql<S> {
    async fn sent_notifications(
        &self,
        org: OrgId,
        page: Page,
    ) -> Result<Listed<SentNotification>, StoreError> {
        let mut conn = self.conn().await?;
        let notifications = sqlx::query(
            "SELECT id, org_id, change_kind, change_ref, summary, created_by, created_at \
             FROM notifications WHERE org_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3",
        )
        .bind(org.to_string())
        .bind(page.limit)
        .bind(page.offset)
        .fetch_all(&mut *conn)
        .await
        .map_err(other)?;
        let recipients = sqlx::query(
            "SELECT r.notification_id, r.recipient_id, r.reasons, r.emails, r.mail_status, \
             r.mailed_at, r.mail_error, r.acknowledged_by, r.acknowledged_at, o.name AS org_name \
             FROM notification_recipients r JOIN organisations o ON o.id = r.recipient_id \
             WHERE r.notification_id IN \
             (SELECT id FROM notifications WHERE org_id = $1 \
              ORDER BY created_at DESC, id LIMIT $2 OFFSET $3) \
             ORDER BY r.notification_id, r.recipient_id",
        )
        .bind(org.to_string())
        .bind(page.limit)
        .bind(page.offset)
        .fetch_all(&mut *conn)
        .await
        .map_err(other)?;
        let total: i64 = sqlx::query("SELECT COUNT(*) FROM notifications WHERE org_id = $1")
            .bind(org.to_string())
            .fetch_one(&mut *conn)
            .await
            .map_err(other)?
            .try_get(0)
            .map_err(other)?;
        let mut recipients = recipients
            .iter()
            .map(|r| {
                Ok(SentTo {
                    recipient: recipient_row(r, "")?,
                    name: crate::codec::text(r, "org_name")?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let rows = notifications
            .iter()
            .map(|n| {
                let notification = notification_row(n)?;
                let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut recipients)
                    .into_iter()
                    .partition(|r| r.recipient.notification == notification.id);
                recipients = rest;
                Ok(SentNotification {
                    notification,
                    recipients: mine,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(Listed { rows, total, page })
    }
}
