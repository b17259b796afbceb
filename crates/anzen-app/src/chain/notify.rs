//! Change notifications (FAQ 2.1 R5): when an offering, a supply link, a contract or an
//! organisation changes, every party the change reaches through the chain is notified in
//! the app and by e-mail (from the shared job queue), and the agreements it touches are
//! marked "re-agreement needed".

use anzen_domain::chain::{Change, ImpactKind, affected_parties};
use anzen_domain::ids::OrgId;

use crate::audit::event;
use crate::mail::OutgoingMail;
use crate::ports::{Inbox, Job, Listed, Notification, Page, Reach, Recipient};
use crate::{App, AppError, Caller, new_uuid};

/// The job kind that mails one recipient of a notification.
pub const NOTIFICATION_MAIL: &str = "notification_mail";

fn change_parts(change: &Change) -> (&'static str, String) {
    match change {
        Change::Offering(id) => ("offering", id.to_string()),
        Change::SupplyLink(id) => ("supply_link", id.to_string()),
        Change::Contract(id) => ("contract", id.to_string()),
        Change::Organisation(id) => ("organisation", id.to_string()),
    }
}

impl App {
    /// Notifies every party `change` reaches, except the one that made it. Returns the
    /// notification and its recipients (none when the change reaches no one else).
    pub async fn notify_change(
        &self,
        caller: &Caller,
        change: Change,
        summary: &str,
    ) -> Result<(Notification, Vec<Recipient>), AppError> {
        let mut tx = self.store().begin().await?;
        let out = self
            .record_notification(tx.as_mut(), caller, change, None, summary)
            .await?;
        tx.commit().await?;
        Ok(out)
    }

    /// Writes the notification of `change` in the transaction of the change itself, so that
    /// the change and its notice (with its mail jobs) are saved together or not at all.
    /// `owner` is the organisation whose change it is, when the use-case knows it (a supply
    /// link's owner); otherwise the origin of the change in the chain, or the caller's
    /// organisation.
    pub(crate) async fn record_notification(
        &self,
        tx: &mut dyn crate::ports::Tx,
        caller: &Caller,
        change: Change,
        owner: Option<OrgId>,
        summary: &str,
    ) -> Result<(Notification, Vec<Recipient>), AppError> {
        let index = self.chain_index_in(tx.as_reads()).await?;
        let impact = affected_parties(&index, change)?;
        let origin = caller.org();
        let now = self.now();
        let (kind, reference) = change_parts(&change);
        let owner = owner
            .or_else(|| {
                impact
                    .parties
                    .iter()
                    .find(|p| p.reasons.iter().any(|r| r.kind == ImpactKind::Origin))
                    .map(|p| p.org)
            })
            .or(origin)
            .ok_or_else(|| AppError::Internal("a change without an origin".into()))?;
        let notification = Notification {
            id: new_uuid().to_string(),
            org: owner,
            change_kind: kind.to_owned(),
            change_ref: reference,
            summary: summary.trim().chars().take(500).collect(),
            created_by: caller.label(),
            created_at: now,
        };
        let mut recipients = Vec::new();
        // The changing party itself (the caller's organisation, or the origin of the change) is
        // not told of its own change.
        for party in impact.parties.iter().filter(|p| {
            Some(p.org) != origin && !p.reasons.iter().all(|r| r.kind == ImpactKind::Origin)
        }) {
            let mut kinds: Vec<&str> = party.reasons.iter().map(|r| r.kind.code()).collect();
            kinds.dedup();
            recipients.push(
                self.recipient(tx, &notification.id, party.org, kinds.join(","))
                    .await?,
            );
        }
        if recipients.is_empty() {
            // Nobody else is built on the change: nothing to tell, nothing to record.
            return Ok((notification, recipients));
        }
        // The agreements of the contracts and suppliers the change reaches need agreeing again.
        let affected_offerings: Vec<_> = impact.offerings.iter().map(|o| o.offering).collect();
        let affected_orgs: Vec<OrgId> = recipients.iter().map(|r| r.org).collect();
        let touched_contracts: Vec<_> = affected_offerings
            .iter()
            .flat_map(|&o| index.contracts_of(o))
            .map(|c| c.id)
            .collect();
        let agreements = tx.agreements(Reach::Everything, None).await?;
        let to_mark: Vec<String> = agreements
            .iter()
            .filter(|a| {
                a.contract.is_some_and(|c| touched_contracts.contains(&c))
                    || (a.contract.is_none() && affected_orgs.contains(&a.counterparty))
            })
            .map(|a| a.id.clone())
            .collect();
        tx.mark_reagreement(
            &to_mark,
            &format!("{} ({})", notification.summary, now.strftime("%Y-%m-%d")),
        )
        .await?;
        let after = serde_json::json!({ "notification": notification, "recipients": recipients.iter().map(|r| r.org).collect::<Vec<_>>(), "agreements": to_mark });
        self.deliver(tx, caller, &notification, &recipients, &after)
            .await?;
        Ok((notification, recipients))
    }

    /// Notifies exactly `orgs` (not the parties the chain would reach) of `kind` `reference`,
    /// owned by `owner`, in `tx`, through the same notification, inbox and mail path as the
    /// change notices; `reasons` are the impact codes recorded for every recipient. An
    /// incident is reported to the institutions it affects this way (GL 3.2 危機管理対応時
    /// (a)).
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn notify_orgs(
        &self,
        tx: &mut dyn crate::ports::Tx,
        caller: &Caller,
        kind: &str,
        reference: String,
        owner: OrgId,
        summary: &str,
        orgs: &[OrgId],
        reasons: &str,
    ) -> Result<(Notification, Vec<Recipient>), AppError> {
        let notification = Notification {
            id: new_uuid().to_string(),
            org: owner,
            change_kind: kind.to_owned(),
            change_ref: reference,
            summary: summary.trim().chars().take(500).collect(),
            created_by: caller.label(),
            created_at: self.now(),
        };
        let mut recipients = Vec::new();
        for &org in orgs {
            if recipients.iter().any(|r: &Recipient| r.org == org) {
                continue;
            }
            recipients.push(
                self.recipient(tx, &notification.id, org, reasons.to_owned())
                    .await?,
            );
        }
        if recipients.is_empty() {
            return Ok((notification, recipients));
        }
        let after = serde_json::json!({ "notification": notification, "recipients": orgs });
        self.deliver(tx, caller, &notification, &recipients, &after)
            .await?;
        Ok((notification, recipients))
    }

    /// A recipient of notification `id`: the organisation's addresses, and whether mail is
    /// queued for it.
    async fn recipient(
        &self,
        tx: &mut dyn crate::ports::Tx,
        id: &str,
        org: OrgId,
        reasons: String,
    ) -> Result<Recipient, AppError> {
        let emails = tx.emails_of(org).await?;
        Ok(Recipient {
            notification: id.to_owned(),
            org,
            reasons,
            mail_status: if emails.is_empty() || self.mailer().is_none() {
                "none".into()
            } else {
                "queued".into()
            },
            emails,
            mailed_at: None,
            mail_error: None,
            acknowledged_by: None,
            acknowledged_at: None,
        })
    }

    /// Writes the notification, its recipients, its audit entry and one mail job per
    /// recipient with an address, in `tx`.
    async fn deliver(
        &self,
        tx: &mut dyn crate::ports::Tx,
        caller: &Caller,
        notification: &Notification,
        recipients: &[Recipient],
        after: &serde_json::Value,
    ) -> Result<(), AppError> {
        let now = self.now();
        tx.insert_notification(notification, recipients).await?;
        self.seal(
            &mut *tx,
            caller,
            event(
                "notification.create",
                "notification",
                &notification.id,
                Some(notification.org),
                None,
                Some(after),
                format!("{} → {} recipients", notification.summary, recipients.len()),
            ),
        )
        .await?;
        // The mail jobs are written with the notification: a crash after the commit loses no
        // mail, and a failed commit leaves no mail about a change that never happened.
        for r in recipients.iter().filter(|r| r.mail_status == "queued") {
            let job = Job {
                id: new_uuid().to_string(),
                kind: NOTIFICATION_MAIL.into(),
                payload: serde_json::json!({ "notification": notification.id, "recipient": r.org })
                    .to_string(),
                run_after: now,
                attempts: 0,
            };
            tx.enqueue_job(&job, now).await?;
        }
        Ok(())
    }

    /// Announces a change that anzen does not record itself (a subcontractor changing its
    /// infrastructure, an organisation's own change) to every party it reaches.
    pub async fn announce_change(
        &self,
        caller: &Caller,
        kind: &str,
        reference: &str,
        summary: &str,
    ) -> Result<(Notification, Vec<Recipient>), AppError> {
        use anzen_domain::access::{Action, Subject};
        // Providers and partners announce their changes; institutions and auditors do not.
        self.reach(caller, Subject::Offerings, Action::Write)?;
        let summary = summary.trim();
        if summary.is_empty() {
            return Err(anzen_domain::FieldError::new("summary", "say what changes").into());
        }
        let mut tx = self.store().begin().await?;
        let change = match kind.trim() {
            "offering" => {
                let id = anzen_domain::ids::OfferingId::parse_field("reference", reference)?;
                // Only the offering's provider announces its change.
                let reach = self.reach(caller, Subject::Offerings, Action::Write)?;
                tx.offering(reach, id)
                    .await
                    .map_err(crate::error::or_busy(|| {
                        anzen_domain::FieldError::new(
                            "reference",
                            format!("no offering of yours with id {id}"),
                        )
                    }))?;
                Change::Offering(id)
            }
            "organisation" => {
                let org = caller.org().ok_or(AppError::Forbidden(
                    "an organisation announces its own change",
                ))?;
                Change::Organisation(org)
            }
            other => {
                return Err(anzen_domain::FieldError::new(
                    "kind",
                    format!("unknown value `{other}`"),
                )
                .with_accepted(["offering", "organisation"])
                .into());
            }
        };
        let out = self
            .record_notification(tx.as_mut(), caller, change, None, summary)
            .await?;
        tx.commit().await?;
        Ok(out)
    }

    /// Mails one recipient (run by the job queue); records the outcome on the delivery.
    pub(crate) async fn send_notification_mail(&self, payload: &str) -> Result<(), AppError> {
        #[derive(serde::Deserialize)]
        struct Payload {
            notification: String,
            recipient: OrgId,
        }
        let p: Payload = serde_json::from_str(payload)
            .map_err(|e| AppError::Internal(format!("bad mail job: {e}")))?;
        let (n, recipients) = self.store().notification(&p.notification).await?;
        let Some(r) = recipients.into_iter().find(|r| r.org == p.recipient) else {
            return Err(AppError::Internal(
                "mail job for an unknown recipient".into(),
            ));
        };
        let Some(mailer) = self.mailer() else {
            return Ok(());
        };
        let mail = if n.change_kind == crate::incidents::INCIDENT_NOTICE {
            crate::incidents::incident_mail(&n, &r)
        } else {
            OutgoingMail {
                to: r.emails.clone(),
                subject: format!("[anzen] 変更のお知らせ / Change notice: {}", n.summary),
                body: format!(
                    "サプライチェーン上の変更がありました（FAQ 2.1）。\nA change in the supply chain reaches your organisation (FAQ 2.1 R5).\n\n\
                 変更 / Change: {}\n種類 / Kind: {} {}\n影響の理由 / Why you: {}\n日時 / When: {}\n\n\
                 anzen で内容を確認し、受領を記録してください。関係する合意は再合意が必要です。\n\
                 Review it in anzen and acknowledge it; the agreements it touches need agreeing again.\n",
                    n.summary, n.change_kind, n.change_ref, r.reasons, n.created_at
                ),
            }
        };
        let outcome = mailer.send(&mail).await;
        let mut tx = self.store().begin().await?;
        match &outcome {
            Ok(()) => {
                tx.set_mail_status(&n.id, r.org, "sent", Some(self.now()), None)
                    .await?
            }
            Err(e) => {
                tx.set_mail_status(&n.id, r.org, "failed", None, Some(e))
                    .await?
            }
        }
        tx.commit().await?;
        outcome.map_err(|e| AppError::Internal(format!("mail to {:?} failed: {e}", r.emails)))
    }

    /// The notifications sent to the caller's organisation.
    pub async fn inbox(&self, caller: &Caller, page: Page) -> Result<Listed<Inbox>, AppError> {
        let org = caller.org().ok_or(AppError::Forbidden(
            "notifications are kept per organisation",
        ))?;
        Ok(self.store().inbox(org, page).await?)
    }

    /// One notification sent to the caller's organisation, as it sees it.
    pub async fn inbox_entry(&self, caller: &Caller, id: &str) -> Result<Inbox, AppError> {
        let org = caller.org().ok_or(AppError::Forbidden(
            "notifications are kept per organisation",
        ))?;
        let (notification, recipients) = self
            .store()
            .notification(id)
            .await
            .map_err(AppError::from_store("notification"))?;
        let recipient =
            recipients
                .into_iter()
                .find(|r| r.org == org)
                .ok_or(AppError::NotFound {
                    what: "notification",
                })?;
        Ok(Inbox {
            notification,
            recipient,
        })
    }

    /// The notifications the caller's organisation sent, newest first, each with its
    /// recipients, their mail delivery and their acknowledgement (FAQ 2.1 R5).
    pub async fn sent_notifications(
        &self,
        caller: &Caller,
        page: Page,
    ) -> Result<Listed<crate::ports::SentNotification>, AppError> {
        let org = caller.org().ok_or(AppError::Forbidden(
            "notifications are kept per organisation",
        ))?;
        Ok(self.store().sent_notifications(org, page).await?)
    }

    /// How many notifications sent to the caller's organisation are not yet acknowledged.
    pub async fn unacknowledged_notifications(&self, caller: &Caller) -> Result<i64, AppError> {
        let org = caller.org().ok_or(AppError::Forbidden(
            "notifications are kept per organisation",
        ))?;
        Ok(self.store().unacknowledged_count(org).await?)
    }

    /// Records that the caller's organisation read a notification.
    pub async fn acknowledge_notification(
        &self,
        caller: &Caller,
        id: &str,
    ) -> Result<(), AppError> {
        let org = caller.org().ok_or(AppError::Forbidden(
            "notifications are kept per organisation",
        ))?;
        if let Caller::User(p) = caller
            && p.role == anzen_domain::access::Role::Auditor
        {
            return Err(AppError::Forbidden(
                "an auditor reads notifications but does not acknowledge them",
            ));
        }
        let mut tx = self.store().begin().await?;
        tx.acknowledge(id, org, &caller.label(), self.now())
            .await
            .map_err(AppError::from_store("notification"))?;
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "notification.acknowledge",
                "notification",
                id,
                Some(org),
                None,
                None,
                "acknowledged",
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
