//! Certifications (FAQ 4.2, GL 4.4) and the device ledger (FAQ 6.1 (エ)).

use anzen_domain::access::{Action, Subject};
use anzen_domain::chain::{Certification, Device, NewCertification, StocktakeCount, stocktake};
use anzen_domain::ids::OrgId;

use crate::audit::event;
use crate::error::check_revision;
use crate::ports::Reads;
use crate::ports::{Listed, Page, StoredCertification, StoredDevice};
use crate::{App, AppError, Caller, new_uuid};

impl App {
    fn ledger_owner(&self, caller: &Caller) -> Result<OrgId, AppError> {
        let reach = self.reach(caller, Subject::Ledger, Action::Write)?;
        self.risk_owner(caller, reach)
    }

    /// Records a certification of the caller's organisation.
    pub async fn add_certification(
        &self,
        caller: &Caller,
        input: NewCertification,
    ) -> Result<StoredCertification, AppError> {
        let org = self.ledger_owner(caller)?;
        let certification: Certification = input.validate()?;
        let stored = StoredCertification {
            id: new_uuid().to_string(),
            org,
            certification,
        };
        let mut tx = self.store().begin().await?;
        tx.insert_certification(&stored, self.now()).await?;
        let after = serde_json::to_value(&stored).expect("a certification serialises");
        let summary = format!(
            "{} (until {})",
            stored.certification.kind.label_ja(),
            stored.certification.valid_to
        );
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "certification.create",
                "certification",
                &stored.id,
                Some(org),
                None,
                Some(&after),
                summary,
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    pub async fn list_certifications(
        &self,
        caller: &Caller,
    ) -> Result<Vec<StoredCertification>, AppError> {
        let reach = self.reach(caller, Subject::Ledger, Action::Read)?;
        Ok(self.store().list_certifications(reach).await?)
    }

    /// The institution a device is deployed at must be a medical institution the caller sees.
    async fn check_device_institution(
        &self,
        db: &dyn Reads,
        caller: &Caller,
        device: &Device,
    ) -> Result<(), AppError> {
        if let Some(inst) = device.institution {
            self.org_of_kind(
                db,
                caller,
                "institution",
                &inst.to_string(),
                &[anzen_domain::org::OrgKind::MedicalInstitution],
            )
            .await?;
        }
        Ok(())
    }

    /// One device of the ledger within reach.
    pub async fn device(&self, caller: &Caller, id: &str) -> Result<StoredDevice, AppError> {
        let reach = self.reach(caller, Subject::Ledger, Action::Read)?;
        self.store()
            .device(reach, id)
            .await
            .map_err(AppError::from_store("device"))
    }

    /// Adds a device to the ledger.
    pub async fn add_device(
        &self,
        caller: &Caller,
        device: Device,
    ) -> Result<StoredDevice, AppError> {
        let org = self.ledger_owner(caller)?;
        let device = device.validate()?;
        let mut tx = self.store().begin().await?;
        self.check_device_institution(tx.as_ref(), caller, &device)
            .await?;
        let stored = StoredDevice {
            id: new_uuid().to_string(),
            org,
            revision: 1,
            device,
        };
        tx.insert_device(&stored, self.now())
            .await
            .map_err(|e| match e {
                crate::StoreError::Conflict(_) => AppError::Invalid(anzen_domain::FieldError::new(
                    "serial",
                    "is already in the ledger",
                )),
                e => e.into(),
            })?;
        let after = serde_json::to_value(&stored).expect("a device serialises");
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "device.create",
                "device",
                &stored.id,
                Some(org),
                None,
                Some(&after),
                format!("{} {}", stored.device.model, stored.device.serial),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Replaces a device's entry (a move, a new holder, its disposal).
    pub async fn update_device(
        &self,
        caller: &Caller,
        id: &str,
        expected_revision: i64,
        device: Device,
    ) -> Result<StoredDevice, AppError> {
        let reach = self.reach(caller, Subject::Ledger, Action::Write)?;
        let device = device.validate()?;
        let mut tx = self.store().begin().await?;
        let current = tx
            .device(reach, id)
            .await
            .map_err(AppError::from_store("device"))?;
        check_revision(Some(expected_revision), current.revision)?;
        self.check_device_institution(tx.as_ref(), caller, &device)
            .await?;
        let stored = StoredDevice {
            revision: expected_revision + 1,
            device,
            ..current.clone()
        };
        tx.update_device(&stored, expected_revision, self.now())
            .await
            .map_err(AppError::from_store("device"))?;
        let before = serde_json::to_value(&current).expect("a device serialises");
        let after = serde_json::to_value(&stored).expect("a device serialises");
        let action = if stored.device.disposal.is_some() && current.device.disposal.is_none() {
            "device.dispose"
        } else {
            "device.update"
        };
        self.seal(
            tx.as_mut(),
            caller,
            event(
                action,
                "device",
                id,
                Some(stored.org),
                Some(&before),
                Some(&after),
                stored.device.serial.clone(),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    pub async fn list_devices(
        &self,
        caller: &Caller,
        institution: Option<OrgId>,
        page: Page,
    ) -> Result<Listed<StoredDevice>, AppError> {
        let reach = self.reach(caller, Subject::Ledger, Action::Read)?;
        Ok(self.store().list_devices(reach, institution, page).await?)
    }

    /// Counts per institution for the stocktake (FAQ 6.1 R5).
    pub async fn device_stocktake(&self, caller: &Caller) -> Result<Vec<StocktakeCount>, AppError> {
        let all = self.list_devices(caller, None, Page::all()).await?;
        let devices: Vec<Device> = all.rows.into_iter().map(|d| d.device).collect();
        Ok(stocktake(&devices, self.today_in_japan()))
    }
}
