//! 機器台帳 (device ledger) with the last stocktake: every device the provider distributes or
//! manages for the offering (dedicated PCs, tablets, network devices, servers, media …), as
//! the ledger keeps it, and the counts the stocktake checks against (台数の確認).
//!
//! The 運用管理規程 must say who is responsible for devices and how they are managed, with
//! their whereabouts confirmed through a ledger (GL 5.1.6 (2) (エ); FAQ 6.1); when dedicated
//! PCs or tablets are handed out to institutions, the number of devices and the place of use
//! are covered as far as needed (FAQ 6.1). Appendix 2 asks that devices and media that store
//! information be recorded in a ledger and their whereabouts checked periodically, kept to
//! the minimum, and taken stock of (appendix2.md §5 ②-2, ②-3; MHLW GL 6.0 企画管理編 9), and
//! that a disposed device's data be certified unreadable (appendix2.md §5 ③-8).
//!
//! One model feeds the three formats: [`pdf`](DeviceLedger::pdf) (typst template
//! `templates/device-ledger.typ`, A4 landscape), [`docx`] and [`xlsx`]. The model carries
//! text ready to read (labels already in Japanese); the application maps its ledger
//! (`list_devices`, `device_stocktake`, `device_warnings`) onto it.

mod docx;
pub mod xlsx;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::cover::Cover;
use crate::{RenderError, dates};

/// The document's title, as printed on every page.
pub const TITLE: &str = "機器台帳";

/// The ledger of one offering's devices with the last stocktake.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeviceLedger {
    /// Offering, provider, audience (one institution or all), version, issue date, number.
    pub cover: Cover,
    /// The day the warnings (support ended …) and the counts are reckoned on.
    pub as_of: Date,
    /// Every device, disposed ones included, in the ledger's order.
    pub devices: Vec<DeviceEntry>,
    pub stocktake: Stocktake,
}

/// One device as the ledger keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeviceEntry {
    /// The ledger's id of the device (stable across issues).
    pub id: String,
    /// What it is: `専用PC端末`, `タブレット`, `ネットワーク機器`, `サーバ`, `記録媒体` …
    pub kind: String,
    pub model: String,
    pub serial: String,
    /// The institution it is deployed at; `None`: the provider's own premises.
    pub institution: Option<String>,
    /// Where it is (site, room).
    pub location: String,
    /// Where it may be used (利用場所の限定, FAQ 6.1); `None` when not restricted.
    pub permitted_use: Option<String>,
    /// The person or department that holds it (管理責任).
    pub holder: String,
    pub stores_medical_information: bool,
    /// `ディスク暗号化あり`, `暗号化なし` or `未記録`.
    pub encryption: String,
    /// OS or firmware and its version.
    pub os_firmware: Option<String>,
    pub support_ends_on: Option<Date>,
    /// The disposal, when it was disposed of.
    pub disposal: Option<Disposal>,
    /// The ledger's warnings on the device on `as_of` (labels such as `サポート終了`).
    pub warnings: Vec<String>,
}

/// How and when a device was disposed of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disposal {
    pub on: Date,
    /// `物理的破壊`, `磁気消去`, `上書き消去` …
    pub method: String,
    /// The reference of the certificate that its data can no longer be read (別紙2 ③-8).
    pub erasure_certificate: Option<String>,
}

/// The last stocktake: the counts per place the check is made against and, when recorded,
/// who checked the devices on site, when, and how many were found or missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stocktake {
    /// The day the counts are reckoned on.
    pub counted_on: Date,
    /// When the devices were last checked on site; `None` while not recorded.
    pub checked_on: Option<Date>,
    /// Who checked them; `None` while not recorded.
    pub checked_by: Option<String>,
    /// How many devices in service were found; `None` while not recorded.
    pub found: Option<usize>,
    /// How many devices in service were missing; `None` while not recorded.
    pub missing: Option<usize>,
    pub note: Option<String>,
    /// The counts per place (the provider's own premises first, then each institution).
    pub counts: Vec<PlaceCount>,
}

/// The counts of one place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceCount {
    /// The institution; `None`: the provider's own premises.
    pub institution: Option<String>,
    pub in_service: usize,
    pub disposed: usize,
    /// In service and storing medical information.
    pub storing_medical_information: usize,
    /// In service with OS or firmware support ended.
    pub support_ended: usize,
    /// In service, per kind (label, count), in the ledger's order of kinds.
    pub by_kind: Vec<KindCount>,
}

/// How many devices of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KindCount {
    pub kind: String,
    pub count: usize,
}

/// Printed where a device is at the provider's own premises.
pub const OWN_PREMISES: &str = "提供事業者の拠点";
/// Printed where the ledger has no record.
pub const NOT_RECORDED: &str = "未記録";

/// `提供事業者の拠点` or the institution's name.
pub fn place_text(institution: Option<&str>) -> String {
    institution.unwrap_or(OWN_PREMISES).to_string()
}

impl DeviceEntry {
    /// `物理的破壊（2026年3月1日、証明書 ER-0042）`, or empty while in service.
    pub fn disposal_text(&self) -> String {
        match &self.disposal {
            None => String::new(),
            Some(d) => {
                let mut s = format!("{}（{}", d.method, dates::seireki(d.on));
                if let Some(c) = &d.erasure_certificate {
                    s.push_str(&format!("、消去証明 {c}"));
                }
                s.push('）');
                s
            }
        }
    }

    pub fn is_disposed(&self) -> bool {
        self.disposal.is_some()
    }
}

impl PlaceCount {
    /// `専用PC端末 3、タブレット 2`, or `—`.
    pub fn by_kind_text(&self) -> String {
        if self.by_kind.is_empty() {
            return "—".to_string();
        }
        self.by_kind
            .iter()
            .map(|k| format!("{} {}", k.kind, k.count))
            .collect::<Vec<_>>()
            .join("、")
    }
}

impl Stocktake {
    /// `12 台`, or `未記録`.
    pub fn count_text(n: Option<usize>) -> String {
        n.map_or(NOT_RECORDED.to_string(), |n| format!("{n} 台"))
    }
}

impl DeviceLedger {
    /// The devices in service (not disposed).
    pub fn in_service(&self) -> usize {
        self.devices.iter().filter(|d| !d.is_disposed()).count()
    }
}

const DASH: &str = "—";

fn or_dash(s: Option<&str>) -> String {
    s.map_or(DASH.to_string(), str::to_string)
}

fn yes_no(b: bool) -> &'static str {
    if b { "あり" } else { "なし" }
}

/// The column headings of the device table of the PDF and the DOCX.
pub(crate) const DEVICE_HEADS: [&str; 10] = [
    "種別",
    "機種／シリアル番号",
    "設置場所",
    "利用場所の限定",
    "管理者",
    "医療情報の格納",
    "暗号化",
    "OS・ファームウェア",
    "廃棄",
    "注意",
];

/// The cells of one device as the PDF and the DOCX print them.
pub(crate) fn device_cells(d: &DeviceEntry) -> [String; 10] {
    let os = match (&d.os_firmware, d.support_ends_on) {
        (Some(o), Some(end)) => format!("{o}\nサポート終了 {}", dates::seireki(end)),
        (Some(o), None) => o.clone(),
        (None, Some(end)) => format!("サポート終了 {}", dates::seireki(end)),
        (None, None) => DASH.to_string(),
    };
    let disposal = d.disposal_text();
    [
        d.kind.clone(),
        format!("{}\n{}", d.model, d.serial),
        format!("{}\n{}", place_text(d.institution.as_deref()), d.location),
        or_dash(d.permitted_use.as_deref()),
        d.holder.clone(),
        yes_no(d.stores_medical_information).to_string(),
        d.encryption.clone(),
        os,
        if disposal.is_empty() {
            "稼働中".to_string()
        } else {
            disposal
        },
        if d.warnings.is_empty() {
            DASH.to_string()
        } else {
            d.warnings.join("\n")
        },
    ]
}

/// The column headings of the count table.
pub(crate) const COUNT_HEADS: [&str; 6] = [
    "設置場所",
    "稼働中",
    "廃棄済み",
    "医療情報を格納（稼働中）",
    "サポート終了（稼働中）",
    "種別ごとの台数（稼働中）",
];

/// The cells of the count table: one row per place, then the total (`合計`).
pub(crate) fn count_cells(s: &Stocktake) -> Vec<[String; 6]> {
    let mut rows: Vec<[String; 6]> = s
        .counts
        .iter()
        .map(|c| {
            [
                place_text(c.institution.as_deref()),
                c.in_service.to_string(),
                c.disposed.to_string(),
                c.storing_medical_information.to_string(),
                c.support_ended.to_string(),
                c.by_kind_text(),
            ]
        })
        .collect();
    let sum = |f: fn(&PlaceCount) -> usize| s.counts.iter().map(f).sum::<usize>().to_string();
    rows.push([
        "合計".to_string(),
        sum(|c| c.in_service),
        sum(|c| c.disposed),
        sum(|c| c.storing_medical_information),
        sum(|c| c.support_ended),
        String::new(),
    ]);
    rows
}

/// The facts of the stocktake as (label, value).
pub(crate) fn stocktake_rows(s: &Stocktake) -> Vec<(String, String)> {
    vec![
        ("台数の集計日".into(), dates::both(s.counted_on)),
        (
            "実地確認日".into(),
            s.checked_on.map_or(NOT_RECORDED.to_string(), dates::both),
        ),
        (
            "確認者".into(),
            s.checked_by.clone().unwrap_or_else(|| NOT_RECORDED.into()),
        ),
        (
            "所在を確認できた台数".into(),
            Stocktake::count_text(s.found),
        ),
        ("所在不明の台数".into(), Stocktake::count_text(s.missing)),
        ("備考".into(), or_dash(s.note.as_deref())),
    ]
}

impl DeviceLedger {
    /// The rows of the title block after the cover's.
    pub(crate) fn front_rows(&self) -> Vec<(String, String)> {
        vec![
            ("基準日".into(), dates::both(self.as_of)),
            (
                "機器数".into(),
                format!(
                    "{} 台（稼働中 {} 台、廃棄済み {} 台）",
                    self.devices.len(),
                    self.in_service(),
                    self.devices.len() - self.in_service()
                ),
            ),
        ]
    }

    /// The data the typst template reads as `data.json`: the cover, the title rows, the
    /// stocktake's facts and counts, and the device table, all as ready text.
    pub fn template_data(&self) -> serde_json::Value {
        serde_json::json!({
            "cover": self.cover.template_data(TITLE),
            "front": self.front_rows(),
            "stocktake": stocktake_rows(&self.stocktake),
            "count_heads": COUNT_HEADS,
            "counts": count_cells(&self.stocktake),
            "device_heads": DEVICE_HEADS,
            "devices": self.devices.iter().map(device_cells).collect::<Vec<_>>(),
        })
    }

    /// The ledger as PDF (A4 landscape, Japanese fonts embedded).
    #[cfg(feature = "pdf")]
    pub fn pdf(&self) -> Result<Vec<u8>, RenderError> {
        let template = include_str!("../../templates/device-ledger.typ");
        crate::typst_world::render_pdf(template, &self.template_data())
    }

    /// Without the `pdf` feature: an error, never a panic.
    #[cfg(not(feature = "pdf"))]
    pub fn pdf(&self) -> Result<Vec<u8>, RenderError> {
        Err(RenderError::Unavailable("pdf"))
    }

    /// The ledger as DOCX, for a person to edit further.
    pub fn docx(&self) -> Result<Vec<u8>, RenderError> {
        docx::render(self)
    }

    /// The ledger as XLSX: one sheet of devices, one of the stocktake.
    pub fn xlsx(&self) -> Result<Vec<u8>, RenderError> {
        xlsx::render(self)
    }
}

impl crate::Document for DeviceLedger {
    const TITLE: &'static str = TITLE;

    fn cover(&self) -> &Cover {
        &self.cover
    }
    fn cover_mut(&mut self) -> &mut Cover {
        &mut self.cover
    }
    fn render(&self, format: crate::Format) -> Result<Vec<u8>, RenderError> {
        match format {
            crate::Format::Pdf => self.pdf(),
            crate::Format::Docx => self.docx(),
            crate::Format::Xlsx => self.xlsx(),
        }
    }
    /// One entry per device, keyed `device:<id>`, and one for the stocktake (`stocktake`,
    /// compared without the day the counts were reckoned on).
    fn entries(&self) -> Vec<crate::Entry> {
        let mut out: Vec<crate::Entry> = self
            .devices
            .iter()
            .map(|d| crate::Entry {
                key: format!("device:{}", d.id),
                caption: format!("{} {} {}", d.kind, d.model, d.serial),
                content: serde_json::to_value(d).unwrap_or_default(),
            })
            .collect();
        let mut stocktake = serde_json::to_value(&self.stocktake).unwrap_or_default();
        if let Some(o) = stocktake.as_object_mut() {
            o.remove("counted_on");
        }
        out.push(crate::Entry {
            key: "stocktake".into(),
            caption: "台数の確認（最終棚卸し）".into(),
            content: stocktake,
        });
        out
    }
}
