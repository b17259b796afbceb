//! The supply chain: index records, certifications, devices, agreements, disclosures and
//! change notifications.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use anzen_app::StoreError;
use anzen_app::ports::{
    AgreementConsentRecord, ChainReads, ChainRecords, Disclosure, Inbox, Listed, Notification,
    Page, Reach, Recipient, StoredAgreement, StoredCertification, StoredDevice,
};
use anzen_domain::chain::{
    AgreementKind, Certification, ContractRecord, Device, LinkRecord, MatrixEntry, OfferingRecord,
};
use anzen_domain::ids::{ContractId, OrgId};
use anzen_domain::supply::ComponentCode;

use crate::codec::{bad_code, id_from_db, json_from_db, opt_ts, text, ts_from_db, ts_to_db};
use crate::conn::{Source, Sql};
use crate::other;
use crate::sql::Stmt;

type Tx = Transaction<'static, Any>;

fn id_list(s: &str) -> Result<Vec<OrgId>, StoreError> {
    s.split(',')
        .filter(|p| !p.is_empty())
        .map(id_from_db)
        .collect()
}

const AGREEMENT_COLUMNS: &str = "SELECT a.id, a.org_id, a.kind, a.counterparty_id, a.contract_id, a.version, a.subcontractors, \
     a.entries_json, a.digest, a.reagreement_reason, a.created_by, a.created_at FROM agreements a";

fn agreement_row(row: &AnyRow) -> Result<StoredAgreement, StoreError> {
    let kind = text(row, "kind")?;
    let contract: Option<String> = row.try_get("contract_id").map_err(other)?;
    let version: i64 = row.try_get("version").map_err(other)?;
    Ok(StoredAgreement {
        id: text(row, "id")?,
        org: id_from_db(&text(row, "org_id")?)?,
        kind: AgreementKind::from_code(&kind).ok_or_else(|| bad_code("agreements.kind", &kind))?,
        counterparty: id_from_db(&text(row, "counterparty_id")?)?,
        contract: contract
            .as_deref()
            .map(id_from_db::<ContractId>)
            .transpose()?,
        version: u32::try_from(version)
            .map_err(|_| StoreError::Other("bad agreement version".into()))?,
        subcontractors: id_list(&text(row, "subcontractors")?)?,
        entries: json_from_db::<Vec<MatrixEntry>>(
            "agreements.entries_json",
            &text(row, "entries_json")?,
        )?,
        digest: text(row, "digest")?,
        reagreement_reason: row.try_get("reagreement_reason").map_err(other)?,
        created_by: text(row, "created_by")?,
        created_at: ts_from_db(&text(row, "created_at")?)?,
        consents: Vec::new(),
    })
}

/// Agreements within reach: the provider's own, those naming an institution or a partner as
/// counterparty.
fn agreement_reach(s: &mut Stmt, reach: Reach) -> bool {
    match reach {
        Reach::Nothing => return false,
        Reach::Everything => {
            s.push(" WHERE 1 = 1");
        }
        Reach::Owned(org) => {
            s.push(" WHERE a.org_id = ").text(org.to_string());
        }
        Reach::AsInstitution(org) | Reach::AsSupplier(org) => {
            s.push(" WHERE a.counterparty_id = ").text(org.to_string());
        }
    }
    true
}

/// Ledger rows (certifications, devices, disclosures) within reach; `inst_column` names the
/// institution an institution reviewer sees rows by.
fn ledger_reach(
    s: &mut Stmt,
    reach: Reach,
    alias: &'static str,
    inst_column: Option<&'static str>,
) -> bool {
    match reach {
        Reach::Nothing => return false,
        Reach::Everything => {
            s.push(" WHERE 1 = 1");
        }
        Reach::Owned(org) | Reach::AsSupplier(org) => {
            s.push(" WHERE ")
                .push(alias)
                .push(".org_id = ")
                .text(org.to_string());
        }
        Reach::AsInstitution(inst) => match inst_column {
            Some(col) => {
                s.push(" WHERE ")
                    .push(col)
                    .push(" = ")
                    .text(inst.to_string());
            }
            // Certifications: those of the providers the institution contracts (Table 4-1 ①-7).
            None => {
                s.push(" WHERE ").push(alias).push(".org_id IN (SELECT c.provider_id FROM contracts c WHERE c.institution_id = ").text(inst.to_string()).push(")");
            }
        },
    }
    true
}

async fn consents_of(
    conn: &mut sqlx::AnyConnection,
    a: &mut StoredAgreement,
) -> Result<(), StoreError> {
    let rows = sqlx::query(
        "SELECT user_id, user_name, party_id, digest, at FROM agreement_consents WHERE agreement_id = $1 AND version = $2 ORDER BY at",
    )
    .bind(a.id.as_str())
    .bind(i64::from(a.version))
    .fetch_all(conn)
    .await
    .map_err(other)?;
    a.consents = rows
        .iter()
        .map(|r| {
            Ok(AgreementConsentRecord {
                user: id_from_db(&text(r, "user_id")?)?,
                user_name: text(r, "user_name")?,
                party: id_from_db(&text(r, "party_id")?)?,
                digest: text(r, "digest")?,
                at: ts_from_db(&text(r, "at")?)?,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(())
}

pub(crate) fn recipient_row(r: &AnyRow, prefix: &str) -> Result<Recipient, StoreError> {
    let _ = prefix;
    let emails: Vec<String> = json_from_db("notification_recipients.emails", &text(r, "emails")?)?;
    Ok(Recipient {
        notification: text(r, "notification_id")?,
        org: id_from_db(&text(r, "recipient_id")?)?,
        reasons: text(r, "reasons")?,
        emails,
        mail_status: text(r, "mail_status")?,
        mailed_at: opt_ts(r, "mailed_at")?,
        mail_error: r.try_get("mail_error").map_err(other)?,
        acknowledged_by: r.try_get("acknowledged_by").map_err(other)?,
        acknowledged_at: opt_ts(r, "acknowledged_at")?,
    })
}

pub(crate) fn notification_row(r: &AnyRow) -> Result<Notification, StoreError> {
    Ok(Notification {
        id: text(r, "id")?,
        org: id_from_db(&text(r, "org_id")?)?,
        change_kind: text(r, "change_kind")?,
        change_ref: text(r, "change_ref")?,
        summary: text(r, "summary")?,
        created_by: text(r, "created_by")?,
        created_at: ts_from_db(&text(r, "created_at")?)?,
    })
}

#[async_trait]
impl<S: Source> ChainReads for Sql<S> {
    async fn chain_records(&self) -> Result<ChainRecords, StoreError> {
        let offerings = sqlx::query("SELECT id, org_id FROM offerings")
            .fetch_all(&mut *self.conn().await?)
            .await
            .map_err(other)?;
        let links = sqlx::query(
            "SELECT id, offering_id, code, supplier_id, supplier_offering_id, selected_by, contract_holder FROM supply_links",
        )
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(other)?;
        let contracts =
            sqlx::query("SELECT id, institution_id, provider_id, offering_id FROM contracts")
                .fetch_all(&mut *self.conn().await?)
                .await
                .map_err(other)?;
        Ok(ChainRecords {
            offerings: offerings
                .iter()
                .map(|r| {
                    Ok(OfferingRecord {
                        id: id_from_db(&text(r, "id")?)?,
                        provider: id_from_db(&text(r, "org_id")?)?,
                    })
                })
                .collect::<Result<_, StoreError>>()?,
            links: links
                .iter()
                .map(|r| {
                    let code = text(r, "code")?;
                    let so: Option<String> = r.try_get("supplier_offering_id").map_err(other)?;
                    Ok(LinkRecord {
                        id: id_from_db(&text(r, "id")?)?,
                        offering: id_from_db(&text(r, "offering_id")?)?,
                        code: ComponentCode::from_code(&code)
                            .ok_or_else(|| bad_code("supply_links.code", &code))?,
                        supplier: id_from_db(&text(r, "supplier_id")?)?,
                        supplier_offering: so.as_deref().map(id_from_db).transpose()?,
                        selected_by: id_from_db(&text(r, "selected_by")?)?,
                        contract_holder: id_from_db(&text(r, "contract_holder")?)?,
                    })
                })
                .collect::<Result<_, StoreError>>()?,
            contracts: contracts
                .iter()
                .map(|r| {
                    Ok(ContractRecord {
                        id: id_from_db(&text(r, "id")?)?,
                        institution: id_from_db(&text(r, "institution_id")?)?,
                        provider: id_from_db(&text(r, "provider_id")?)?,
                        offering: id_from_db(&text(r, "offering_id")?)?,
                    })
                })
                .collect::<Result<_, StoreError>>()?,
        })
    }

    async fn list_certifications(
        &self,
        reach: Reach,
    ) -> Result<Vec<StoredCertification>, StoreError> {
        let mut s = Stmt::new(
            "SELECT x.id, x.org_id, x.kind, x.auditor_qualification, x.equivalent_name, x.scope, x.issuer, x.valid_from, x.valid_to \
             FROM certifications x",
        );
        if !ledger_reach(&mut s, reach, "x", None) {
            return Ok(Vec::new());
        }
        s.push(" ORDER BY x.org_id, x.valid_to DESC");
        s.fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(|r| {
                let json = serde_json::json!({
                    "kind": text(r, "kind")?,
                    "auditor_qualification": r.try_get::<Option<String>, _>("auditor_qualification").map_err(other)?,
                    "equivalent_name": r.try_get::<Option<String>, _>("equivalent_name").map_err(other)?,
                    "scope": text(r, "scope")?,
                    "issuer": text(r, "issuer")?,
                    "valid_from": text(r, "valid_from")?,
                    "valid_to": text(r, "valid_to")?,
                });
                let certification: Certification = serde_json::from_value(json).map_err(|e| StoreError::Other(format!("bad certification: {e}")))?;
                Ok(StoredCertification { id: text(r, "id")?, org: id_from_db(&text(r, "org_id")?)?, certification })
            })
            .collect()
    }

    async fn list_devices(
        &self,
        reach: Reach,
        institution: Option<OrgId>,
        page: Page,
    ) -> Result<Listed<StoredDevice>, StoreError> {
        let mut s = Stmt::new("SELECT x.id, x.org_id, x.revision, x.device_json FROM devices x");
        let mut c = Stmt::new("SELECT COUNT(*) FROM devices x");
        if !ledger_reach(&mut s, reach, "x", Some("x.institution_id"))
            || !ledger_reach(&mut c, reach, "x", Some("x.institution_id"))
        {
            return Ok(Listed {
                rows: Vec::new(),
                total: 0,
                page,
            });
        }
        if let Some(i) = institution {
            s.push(" AND x.institution_id = ").text(i.to_string());
            c.push(" AND x.institution_id = ").text(i.to_string());
        }
        s.push(" ORDER BY x.disposed, x.serial").page(page);
        let rows = s.fetch_all(&mut *self.conn().await?).await?;
        let total = c.fetch_count(&mut *self.conn().await?).await?;
        Ok(Listed {
            rows: rows.iter().map(device_row).collect::<Result<_, _>>()?,
            total,
            page,
        })
    }

    async fn device(&self, reach: Reach, id: &str) -> Result<StoredDevice, StoreError> {
        let mut s = Stmt::new("SELECT x.id, x.org_id, x.revision, x.device_json FROM devices x");
        if !ledger_reach(&mut s, reach, "x", Some("x.institution_id")) {
            return Err(StoreError::NotFound);
        }
        s.push(" AND x.id = ").text(id);
        device_row(
            &s.fetch_optional(&mut *self.conn().await?)
                .await?
                .ok_or(StoreError::NotFound)?,
        )
    }

    async fn agreements(
        &self,
        reach: Reach,
        contract: Option<ContractId>,
    ) -> Result<Vec<StoredAgreement>, StoreError> {
        let mut s = Stmt::new(AGREEMENT_COLUMNS);
        if !agreement_reach(&mut s, reach) {
            return Ok(Vec::new());
        }
        if let Some(c) = contract {
            s.push(" AND a.contract_id = ").text(c.to_string());
        }
        s.push(" AND a.version = (SELECT MAX(b.version) FROM agreements b WHERE b.id = a.id) ORDER BY a.created_at, a.id");
        let mut out = s
            .fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(agreement_row)
            .collect::<Result<Vec<_>, _>>()?;
        for a in &mut out {
            consents_of(&mut *self.conn().await?, a).await?;
        }
        Ok(out)
    }

    async fn agreement_history(
        &self,
        reach: Reach,
        id: &str,
    ) -> Result<Vec<StoredAgreement>, StoreError> {
        let mut s = Stmt::new(AGREEMENT_COLUMNS);
        if !agreement_reach(&mut s, reach) {
            return Err(StoreError::NotFound);
        }
        s.push(" AND a.id = ").text(id).push(" ORDER BY a.version");
        let mut out = s
            .fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(agreement_row)
            .collect::<Result<Vec<_>, _>>()?;
        if out.is_empty() {
            return Err(StoreError::NotFound);
        }
        for a in &mut out {
            consents_of(&mut *self.conn().await?, a).await?;
        }
        Ok(out)
    }

    async fn list_disclosures(
        &self,
        reach: Reach,
        institution: Option<OrgId>,
    ) -> Result<Vec<Disclosure>, StoreError> {
        let mut s = Stmt::new(
            "SELECT x.id, x.org_id, x.institution_id, x.item_key, x.item_title, x.stage, x.answer, x.source, x.disclosed_by, \
             x.disclosed_at FROM disclosures x",
        );
        if !ledger_reach(&mut s, reach, "x", Some("x.institution_id")) {
            return Ok(Vec::new());
        }
        if let Some(i) = institution {
            s.push(" AND x.institution_id = ").text(i.to_string());
        }
        s.push(" ORDER BY x.disclosed_at DESC, x.item_key");
        s.fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(|r| {
                Ok(Disclosure {
                    id: text(r, "id")?,
                    org: id_from_db(&text(r, "org_id")?)?,
                    institution: id_from_db(&text(r, "institution_id")?)?,
                    item_key: text(r, "item_key")?,
                    item_title: text(r, "item_title")?,
                    stage: text(r, "stage")?,
                    answer: text(r, "answer")?,
                    source: text(r, "source")?,
                    disclosed_by: text(r, "disclosed_by")?,
                    disclosed_at: ts_from_db(&text(r, "disclosed_at")?)?,
                })
            })
            .collect()
    }

    async fn inbox(&self, org: OrgId, page: Page) -> Result<Listed<Inbox>, StoreError> {
        let rows = sqlx::query(
            "SELECT n.id, n.org_id, n.change_kind, n.change_ref, n.summary, n.created_by, n.created_at, r.notification_id, \
             r.recipient_id, r.reasons, r.emails, r.mail_status, r.mailed_at, r.mail_error, r.acknowledged_by, r.acknowledged_at \
             FROM notification_recipients r JOIN notifications n ON n.id = r.notification_id WHERE r.recipient_id = $1 \
             ORDER BY n.created_at DESC, n.id LIMIT $2 OFFSET $3",
        )
        .bind(org.to_string())
        .bind(page.limit)
        .bind(page.offset)
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(other)?;
        let total: i64 =
            sqlx::query("SELECT COUNT(*) FROM notification_recipients WHERE recipient_id = $1")
                .bind(org.to_string())
                .fetch_one(&mut *self.conn().await?)
                .await
                .map_err(other)?
                .try_get(0)
                .map_err(other)?;
        Ok(Listed {
            rows: rows
                .iter()
                .map(|r| {
                    Ok(Inbox {
                        notification: notification_row(r)?,
                        recipient: recipient_row(r, "r")?,
                    })
                })
                .collect::<Result<_, StoreError>>()?,
            total,
            page,
        })
    }

    async fn unacknowledged_count(&self, org: OrgId) -> Result<i64, StoreError> {
        sqlx::query(
            "SELECT COUNT(*) FROM notification_recipients WHERE recipient_id = $1 AND acknowledged_at IS NULL",
        )
        .bind(org.to_string())
        .fetch_one(&mut *self.conn().await?)
        .await
        .map_err(other)?
        .try_get(0)
        .map_err(other)
    }

    async fn notification(&self, id: &str) -> Result<(Notification, Vec<Recipient>), StoreError> {
        let n = sqlx::query("SELECT id, org_id, change_kind, change_ref, summary, created_by, created_at FROM notifications WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await
            .map_err(other)?
            .ok_or(StoreError::NotFound)?;
        let rs = sqlx::query(
            "SELECT notification_id, recipient_id, reasons, emails, mail_status, mailed_at, mail_error, acknowledged_by, acknowledged_at \
             FROM notification_recipients WHERE notification_id = $1 ORDER BY recipient_id",
        )
        .bind(id)
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(other)?;
        Ok((
            notification_row(&n)?,
            rs.iter()
                .map(|r| recipient_row(r, ""))
                .collect::<Result<_, _>>()?,
        ))
    }

    async fn emails_of(&self, org: OrgId) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query("SELECT login FROM users WHERE org_id = $1 AND disabled = 0 AND login LIKE '%@%' ORDER BY login")
            .bind(org.to_string())
            .fetch_all(&mut *self.conn().await?)
            .await
            .map_err(other)?;
        rows.iter().map(|r| text(r, "login")).collect()
    }
}

fn device_row(r: &AnyRow) -> Result<StoredDevice, StoreError> {
    Ok(StoredDevice {
        id: text(r, "id")?,
        org: id_from_db(&text(r, "org_id")?)?,
        revision: r.try_get("revision").map_err(other)?,
        device: json_from_db::<Device>("devices.device_json", &text(r, "device_json")?)?,
    })
}

pub(crate) async fn insert_certification(
    tx: &mut Tx,
    c: &StoredCertification,
    now: Timestamp,
) -> Result<(), StoreError> {
    let x = &c.certification;
    sqlx::query(
        "INSERT INTO certifications (id, org_id, kind, auditor_qualification, equivalent_name, scope, issuer, valid_from, valid_to, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(c.id.as_str())
    .bind(c.org.to_string())
    .bind(x.kind.code())
    .bind(x.auditor_qualification.map(|q| q.code()))
    .bind(x.equivalent_name.as_ref().map(|n| n.to_string()))
    .bind(x.scope.as_str())
    .bind(x.issuer.as_str())
    .bind(x.valid_from.to_string())
    .bind(x.valid_to.to_string())
    .bind(ts_to_db(now))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

pub(crate) async fn insert_device(
    tx: &mut Tx,
    d: &StoredDevice,
    now: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO devices (id, org_id, institution_id, serial, device_json, disposed, revision, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
    )
    .bind(d.id.as_str())
    .bind(d.org.to_string())
    .bind(d.device.institution.map(|i| i.to_string()))
    .bind(d.device.serial.as_str())
    .bind(serde_json::to_string(&d.device).expect("a device serialises"))
    .bind(i64::from(d.device.disposal.is_some()))
    .bind(d.revision)
    .bind(ts_to_db(now))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

pub(crate) async fn update_device(
    tx: &mut Tx,
    d: &StoredDevice,
    expected: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE devices SET institution_id = $1, serial = $2, device_json = $3, disposed = $4, revision = $5, updated_at = $6 \
         WHERE id = $7 AND org_id = $8 AND revision = $9",
    )
    .bind(d.device.institution.map(|i| i.to_string()))
    .bind(d.device.serial.as_str())
    .bind(serde_json::to_string(&d.device).expect("a device serialises"))
    .bind(i64::from(d.device.disposal.is_some()))
    .bind(d.revision)
    .bind(ts_to_db(now))
    .bind(d.id.as_str())
    .bind(d.org.to_string())
    .bind(expected)
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    if done.rows_affected() != 1 {
        return Err(StoreError::Conflict(format!(
            "the device changed since revision {expected}; reload it"
        )));
    }
    Ok(())
}

pub(crate) async fn insert_agreement_version(
    tx: &mut Tx,
    a: &StoredAgreement,
) -> Result<(), StoreError> {
    let subs: Vec<String> = a.subcontractors.iter().map(ToString::to_string).collect();
    sqlx::query(
        "INSERT INTO agreements (id, org_id, kind, counterparty_id, contract_id, version, subcontractors, entries_json, digest, \
         reagreement_reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(a.id.as_str())
    .bind(a.org.to_string())
    .bind(a.kind.code())
    .bind(a.counterparty.to_string())
    .bind(a.contract.map(|c| c.to_string()))
    .bind(i64::from(a.version))
    .bind(subs.join(","))
    .bind(serde_json::to_string(&a.entries).expect("entries serialise"))
    .bind(a.digest.as_str())
    .bind(a.reagreement_reason.as_deref())
    .bind(a.created_by.as_str())
    .bind(ts_to_db(a.created_at))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

pub(crate) async fn insert_agreement_consent(
    tx: &mut Tx,
    agreement: &str,
    version: u32,
    c: &AgreementConsentRecord,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO agreement_consents (agreement_id, version, user_id, user_name, party_id, digest, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(agreement)
    .bind(i64::from(version))
    .bind(c.user.to_string())
    .bind(c.user_name.as_str())
    .bind(c.party.to_string())
    .bind(c.digest.as_str())
    .bind(ts_to_db(c.at))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

pub(crate) async fn mark_reagreement(
    tx: &mut Tx,
    ids: &[String],
    reason: &str,
) -> Result<(), StoreError> {
    for id in ids {
        sqlx::query(
            "UPDATE agreements SET reagreement_reason = $1 WHERE id = $2 AND version = (SELECT MAX(b.version) FROM agreements b WHERE b.id = $2)",
        )
        .bind(reason)
        .bind(id.as_str())
        .execute(&mut **tx)
        .await
        .map_err(other)?;
    }
    Ok(())
}

pub(crate) async fn insert_disclosure(tx: &mut Tx, d: &Disclosure) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO disclosures (id, org_id, institution_id, item_key, item_title, stage, answer, source, disclosed_by, disclosed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(d.id.as_str())
    .bind(d.org.to_string())
    .bind(d.institution.to_string())
    .bind(d.item_key.as_str())
    .bind(d.item_title.as_str())
    .bind(d.stage.as_str())
    .bind(d.answer.as_str())
    .bind(d.source.as_str())
    .bind(d.disclosed_by.as_str())
    .bind(ts_to_db(d.disclosed_at))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

pub(crate) async fn insert_notification(
    tx: &mut Tx,
    n: &Notification,
    recipients: &[Recipient],
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO notifications (id, org_id, change_kind, change_ref, summary, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(n.id.as_str())
        .bind(n.org.to_string())
        .bind(n.change_kind.as_str())
        .bind(n.change_ref.as_str())
        .bind(n.summary.as_str())
        .bind(n.created_by.as_str())
        .bind(ts_to_db(n.created_at))
        .execute(&mut **tx)
        .await
        .map_err(other)?;
    for r in recipients {
        sqlx::query(
            "INSERT INTO notification_recipients (notification_id, recipient_id, reasons, emails, mail_status) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(n.id.as_str())
        .bind(r.org.to_string())
        .bind(r.reasons.as_str())
        .bind(serde_json::to_string(&r.emails).expect("strings serialise"))
        .bind(r.mail_status.as_str())
        .execute(&mut **tx)
        .await
        .map_err(other)?;
    }
    Ok(())
}

pub(crate) async fn set_mail_status(
    tx: &mut Tx,
    n: &str,
    org: OrgId,
    status: &str,
    at: Option<Timestamp>,
    error: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE notification_recipients SET mail_status = $1, mailed_at = $2, mail_error = $3 WHERE notification_id = $4 AND recipient_id = $5")
        .bind(status)
        .bind(at.map(ts_to_db))
        .bind(error)
        .bind(n)
        .bind(org.to_string())
        .execute(&mut **tx)
        .await
        .map_err(other)?;
    Ok(())
}

pub(crate) async fn acknowledge(
    tx: &mut Tx,
    n: &str,
    org: OrgId,
    by: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE notification_recipients SET acknowledged_by = $1, acknowledged_at = $2 WHERE notification_id = $3 AND recipient_id = $4",
    )
    .bind(by)
    .bind(ts_to_db(at))
    .bind(n)
    .bind(org.to_string())
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    if done.rows_affected() == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}
