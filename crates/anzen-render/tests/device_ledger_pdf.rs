//! Golden tests on the text of the 機器台帳 PDF, read back with poppler-utils.

use crate::columns;
use crate::device_ledger_fixture as ledger;
use crate::poppler;

use anzen_render::device_ledger::{NOT_RECORDED, OWN_PREMISES, place_text};

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_pdf_has_the_headings_every_device_and_the_stocktake() {
    let doc = ledger::ledger(14);
    let pdf = doc.pdf().unwrap();
    let text = poppler::squeezed(&pdf);
    for heading in [
        "機器台帳",
        "台数の確認（最終棚卸し）",
        "機器一覧",
        "基準日",
        "機器数",
        "14台（稼働中12台、廃棄済み2台）",
        "台数の集計日",
        "実地確認日2026年11月28日（令和8年11月28日）",
        "確認者高橋三郎",
        "所在を確認できた台数11台",
        "所在不明の台数1台",
        "所在不明の1台は調査中",
        "設置場所",
        "利用場所の限定",
        "管理者",
        "暗号化",
        "OS・ファームウェア",
        "廃棄",
        "注意",
        "合計",
        OWN_PREMISES,
        "さくら病院",
        "みなと診療所",
        "全医療機関",
    ] {
        assert!(text.contains(heading), "missing {heading}");
    }
    let models = columns::column(&pdf, "機種／シリアル番号", Some("設置場所"));
    let places = columns::column(&pdf, "設置場所", Some("利用場所の限定"));
    let holders = columns::column(&pdf, "管理者", Some("医療情報の格納"));
    let os = columns::column(&pdf, "OS・ファームウェア", Some("廃棄"));
    let disposals = columns::column(&pdf, "廃棄", Some("注意"));
    let warnings = columns::column(&pdf, "注意", None);
    for d in &doc.devices {
        assert!(
            models.contains(&squeeze(&format!("{}{}", d.model, d.serial))),
            "{}",
            d.serial
        );
        let place = format!("{}{}", place_text(d.institution.as_deref()), d.location);
        assert!(places.contains(&squeeze(&place)), "{place}");
        assert!(holders.contains(&squeeze(&d.holder)), "{}", d.holder);
        assert!(os.contains(&squeeze(d.os_firmware.as_deref().unwrap())));
        if d.is_disposed() {
            assert!(
                disposals.contains(&squeeze(&d.disposal_text())),
                "{}",
                d.disposal_text()
            );
        }
        for w in &d.warnings {
            assert!(warnings.contains(&squeeze(w)), "{w}");
        }
    }
    assert!(disposals.contains("消去証明ER-0007"));
    // The counts per place, each in its row.
    let counts = columns::column(&pdf, "稼働中", Some("廃棄済み"));
    let want: String = doc
        .stocktake
        .counts
        .iter()
        .map(|c| c.in_service.to_string())
        .chain(std::iter::once(doc.in_service().to_string()))
        .collect();
    // The column runs to the foot of the page, where the device list may begin.
    let rest = counts
        .strip_prefix(&want)
        .unwrap_or_else(|| panic!("counts {counts}, expected {want} first"));
    assert!(
        !rest.starts_with(|c: char| c.is_ascii_digit()),
        "counts {counts}, expected {want}"
    );
    let kinds = columns::column(&pdf, "種別ごとの台数（稼働中）", None);
    for c in &doc.stocktake.counts {
        assert!(
            kinds.contains(&squeeze(&c.by_kind_text())),
            "{}",
            c.by_kind_text()
        );
    }
}

#[test]
fn a_stocktake_not_recorded_says_so() {
    let mut doc = ledger::ledger(3);
    doc.stocktake.checked_on = None;
    doc.stocktake.checked_by = None;
    doc.stocktake.found = None;
    doc.stocktake.missing = None;
    doc.stocktake.note = None;
    let text = poppler::squeezed(&doc.pdf().unwrap());
    for label in [
        "実地確認日",
        "確認者",
        "所在を確認できた台数",
        "所在不明の台数",
    ] {
        assert!(
            text.contains(&format!("{label}{NOT_RECORDED}")),
            "{label}: {text}"
        );
    }
}

#[test]
fn every_page_carries_title_version_issue_date_and_n_of_m() {
    let pdf = ledger::ledger(60).pdf().unwrap();
    let pages = poppler::pages(&pdf);
    let m = pages.len();
    assert!(m >= 3, "60 devices fit on {m} pages");
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains("機器台帳"), "page {} lacks the title", i + 1);
        assert!(page.contains("第1.2版"), "page {} lacks the version", i + 1);
        assert!(
            page.contains("2026年12月6日（令和8年12月6日）"),
            "page {}",
            i + 1
        );
        assert!(
            page.contains("RT-2026-0007"),
            "page {} lacks the number",
            i + 1
        );
        assert!(page.contains(&format!("{}/{m}", i + 1)), "page {}", i + 1);
    }
    // The device table repeats its header on every page after the first.
    for (i, page) in pages.iter().enumerate().skip(1) {
        for head in ["種別", "機種／シリアル番号", "設置場所", "管理者", "注意"]
        {
            assert!(page.contains(head), "page {} lacks {head}", i + 1);
        }
    }
}

#[test]
fn long_text_wraps_and_is_never_cut_off() {
    let mut doc = ledger::ledger(2);
    let long = "本館3階 サーバ室の施錠ラック内（入室は情報システム課の承認者に限る）".repeat(30)
        + "【ここまで】";
    doc.devices[0].location = long.clone();
    let pdf = doc.pdf().unwrap();
    let places = columns::column(&pdf, "設置場所", Some("利用場所の限定"));
    assert!(places.contains(&squeeze(&long)), "the long location is cut");
}

#[test]
fn text_from_the_data_is_never_read_as_markup() {
    let mut doc = ledger::ledger(1);
    doc.devices[0].model = "*太字* _斜体_ #panic(\"x\") $x^2$ <a> @b [c] \\d // e".into();
    doc.devices[0].holder = "#set page(width: 1cm)".into();
    let pdf = doc.pdf().unwrap();
    // Read by column: a wrapped cell would interleave with its neighbours in plain text.
    let models = columns::column(&pdf, "機種／シリアル番号", Some("設置場所"));
    assert!(
        models.contains("*太字*_斜体_#panic(\"x\")$x^2$<a>@b[c]\\d//e"),
        "{models}"
    );
    let text = poppler::squeezed(&pdf);
    assert!(text.contains("#setpage(width:1cm)"), "{text}");
}

#[test]
fn an_empty_ledger_still_renders() {
    let mut doc = ledger::ledger(0);
    doc.stocktake.counts.clear();
    let text = poppler::squeezed(&doc.pdf().unwrap());
    assert!(text.contains("0台（稼働中0台、廃棄済み0台）"), "{text}");
    assert!(text.contains("登録された機器はありません。"));
}

#[test]
fn only_embedded_fonts_and_the_same_data_gives_the_same_bytes() {
    let doc = ledger::ledger(5);
    let pdf = doc.pdf().unwrap();
    poppler::assert_house_fonts(&pdf);
    assert_eq!(pdf, doc.pdf().unwrap());
}
