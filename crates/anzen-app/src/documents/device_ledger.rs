//! The 機器台帳 (FAQ 6.1 (エ)): every device the provider keeps in its ledger, disposed ones
//! included, with the ledger's warnings on the day of issue, and the stocktake's counts per
//! place. The ledger belongs to the provider, not to one offering: the offering on the cover
//! says for which service it was issued. anzen counts the devices from the ledger; it keeps no
//! record of a physical check on site, so the document says "not recorded" for it rather
//! than inventing one.

use std::collections::HashMap;

use anzen_domain::access::{Action, Subject};
use anzen_domain::chain::{SUPPORT_WARN_DAYS, device_warnings, stocktake};
use anzen_domain::ids::OrgId;
use anzen_domain::offering::Offering;
use anzen_render::device_ledger::{
    DeviceEntry, DeviceLedger, Disposal, KindCount, PlaceCount, Stocktake,
};

use crate::ports::Page;
use crate::{App, AppError, Caller};

impl App {
    pub(super) async fn device_ledger(
        &self,
        caller: &Caller,
        offering: &Offering,
        provider: String,
    ) -> Result<DeviceLedger, AppError> {
        let today = self.today_in_japan();
        let stored: Vec<_> = self
            .list_devices(caller, None, Page::all())
            .await?
            .rows
            .into_iter()
            .filter(|d| d.org == offering.provider)
            .collect();
        let mut ids: Vec<OrgId> = stored.iter().filter_map(|d| d.device.institution).collect();
        ids.sort();
        ids.dedup();
        let orgs = self.reach(caller, Subject::Organisations, Action::Read)?;
        let names: HashMap<OrgId, String> = self
            .store()
            .org_names(orgs, &ids)
            .await?
            .into_iter()
            .collect();
        let name = |o: OrgId| names.get(&o).cloned().unwrap_or_else(|| o.to_string());
        let devices = stored
            .iter()
            .map(|s| {
                let d = &s.device;
                DeviceEntry {
                    id: s.id.clone(),
                    kind: d.kind.label_ja().to_string(),
                    model: d.model.clone(),
                    serial: d.serial.clone(),
                    institution: d.institution.map(name),
                    location: d.location.clone(),
                    permitted_use: d.permitted_use.clone(),
                    holder: d.holder.clone(),
                    stores_medical_information: d.stores_medical_information,
                    encryption: d.encryption.label_ja().to_string(),
                    os_firmware: d.os_firmware.clone(),
                    support_ends_on: d.support_ends_on,
                    disposal: d.disposal.as_ref().map(|x| Disposal {
                        on: x.on,
                        method: x.method.label_ja().to_string(),
                        erasure_certificate: x.erasure_certificate.clone(),
                    }),
                    warnings: device_warnings(d, today, SUPPORT_WARN_DAYS)
                        .iter()
                        .map(|w| w.kind.label_ja().to_string())
                        .collect(),
                }
            })
            .collect();
        let plain: Vec<_> = stored.iter().map(|s| s.device.clone()).collect();
        let counts = stocktake(&plain, today)
            .into_iter()
            .map(|c| PlaceCount {
                institution: c.institution.map(name),
                in_service: c.in_service,
                disposed: c.disposed,
                storing_medical_information: c.storing_medical_information,
                support_ended: c.support_ended,
                by_kind: c
                    .by_kind
                    .iter()
                    .map(|(k, n)| KindCount {
                        kind: k.label_ja().to_string(),
                        count: *n,
                    })
                    .collect(),
            })
            .collect();
        Ok(DeviceLedger {
            cover: anzen_render::Cover {
                offering: offering.name.as_str().to_string(),
                provider,
                institution: None,
                issued_on: today,
                version: String::new(),
                number: None,
                source_digest: None,
            },
            as_of: today,
            devices,
            stocktake: Stocktake {
                counted_on: today,
                checked_on: None,
                checked_by: None,
                found: None,
                missing: None,
                note: Some(
                    "台帳の記録から数えた件数です。現地での棚卸の結果（確認日・確認者・所在不明の台数）は本システムに記録されていません（FAQ 6.1 (エ)）。"
                        .into(),
                ),
                counts,
            },
        })
    }
}
