//! The DOCX and XLSX of the 機器台帳 hold the same devices and counts as the PDF.

use crate::device_ledger_fixture as ledger;
use crate::office;

use anzen_render::dates::{both, seireki};
use anzen_render::device_ledger::xlsx::{
    CHECK_COLUMNS, COUNT_COLUMNS, DEVICE_COLUMNS, SHEET_CHECK, SHEET_DEVICES, SHEET_STOCKTAKE,
};
use anzen_render::device_ledger::{DeviceLedger, NOT_RECORDED, place_text};
use anzen_render::{Document, Format};
use office::{docx_text, sheet, zip_entry};

#[test]
fn the_docx_holds_every_device_and_the_stocktake() {
    let doc = ledger::ledger(15);
    let body = docx_text(&zip_entry(
        &doc.render(Format::Docx).unwrap(),
        "word/document.xml",
    ));
    for heading in [
        "機器台帳",
        "台数の確認（最終棚卸し）",
        "機器一覧",
        "実地確認日",
        "確認者",
        "高橋 三郎",
        "所在を確認できた台数",
        "合計",
    ] {
        assert!(body.contains(heading), "missing {heading}");
    }
    for d in &doc.devices {
        assert!(
            body.contains(&format!("{}\n{}", d.model, d.serial)),
            "{}",
            d.serial
        );
        assert!(body.contains(&d.holder));
        if d.is_disposed() {
            assert!(body.contains(&d.disposal_text()));
        }
    }
    for c in &doc.stocktake.counts {
        assert!(body.contains(&c.by_kind_text()));
    }
    let bytes = doc.docx().unwrap();
    let names = office::parts(&bytes);
    let header = names.iter().find(|n| n.starts_with("word/header")).unwrap();
    let header = docx_text(&zip_entry(&bytes, header));
    assert!(
        header.contains("機器台帳") && header.contains("第 1.2 版"),
        "{header}"
    );
}

fn expected_device_rows(doc: &DeviceLedger) -> Vec<Vec<String>> {
    doc.devices
        .iter()
        .map(|d| {
            let disposal = d.disposal.as_ref();
            vec![
                d.id.clone(),
                d.kind.clone(),
                d.model.clone(),
                d.serial.clone(),
                place_text(d.institution.as_deref()),
                d.location.clone(),
                d.permitted_use.clone().unwrap_or_default(),
                d.holder.clone(),
                if d.stores_medical_information {
                    "○".into()
                } else {
                    String::new()
                },
                d.encryption.clone(),
                d.os_firmware.clone().unwrap_or_default(),
                d.support_ends_on.map(seireki).unwrap_or_default(),
                disposal.map(|x| seireki(x.on)).unwrap_or_default(),
                disposal.map(|x| x.method.clone()).unwrap_or_default(),
                disposal
                    .and_then(|x| x.erasure_certificate.clone())
                    .unwrap_or_default(),
                d.warnings.join("\n"),
                if d.is_disposed() {
                    String::new()
                } else {
                    "○".into()
                },
            ]
        })
        .collect()
}

#[test]
fn the_xlsx_reads_back_as_the_same_devices_and_counts() {
    let mut doc = ledger::ledger(21);
    doc.devices[3].os_firmware = None;
    doc.devices[4].permitted_use = None;
    let bytes = doc.xlsx().unwrap();

    let devices = sheet(&bytes, SHEET_DEVICES);
    assert_eq!(devices[0], DEVICE_COLUMNS.map(String::from).to_vec());
    assert_eq!(devices[1..].to_vec(), expected_device_rows(&doc));

    let counts = sheet(&bytes, SHEET_STOCKTAKE);
    assert_eq!(counts[0], COUNT_COLUMNS.map(String::from).to_vec());
    assert_eq!(counts.len() - 1, doc.stocktake.counts.len());
    for (row, c) in counts[1..].iter().zip(&doc.stocktake.counts) {
        assert_eq!(row[0], place_text(c.institution.as_deref()));
        let n: Vec<String> = [
            c.in_service,
            c.disposed,
            c.storing_medical_information,
            c.support_ended,
        ]
        .iter()
        .map(usize::to_string)
        .collect();
        assert_eq!(row[1..5].to_vec(), n);
        assert_eq!(row[5], c.by_kind_text());
    }
    let in_service: usize = counts[1..]
        .iter()
        .map(|r| r[1].parse::<usize>().unwrap())
        .sum();
    assert_eq!(in_service, doc.in_service());

    let check = sheet(&bytes, SHEET_CHECK);
    assert_eq!(check[0], CHECK_COLUMNS.map(String::from).to_vec());
    let s = &doc.stocktake;
    assert_eq!(check[1][1], both(s.counted_on));
    assert_eq!(check[2][1], both(s.checked_on.unwrap()));
    assert_eq!(check[3][1], *s.checked_by.as_ref().unwrap());
    assert_eq!(check[4][1], format!("{} 台", s.found.unwrap()));
    assert_eq!(check[5][1], format!("{} 台", s.missing.unwrap()));

    let mut unrecorded = doc.clone();
    unrecorded.stocktake.found = None;
    let check = sheet(&unrecorded.xlsx().unwrap(), SHEET_CHECK);
    assert_eq!(check[4][1], NOT_RECORDED);
}

#[test]
fn entries_are_the_devices_and_the_stocktake() {
    let doc = ledger::ledger(6);
    let entries = doc.entries();
    assert_eq!(entries.len(), 7);
    assert_eq!(entries[0].key, "device:dev-0001");
    assert_eq!(entries[6].key, "stocktake");
    // Reckoning the counts on another day alone is no change.
    let mut later = doc.clone();
    later.stocktake.counted_on = jiff::civil::date(2026, 12, 20);
    assert_eq!(later.entries()[6].content, entries[6].content);
    later.stocktake.missing = Some(3);
    assert_ne!(later.entries()[6].content, entries[6].content);
}
