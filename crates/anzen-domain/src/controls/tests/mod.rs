//! Tests of the controls module. Every table case cites the section of appendix2.md, the
//! FAQ (faq-draft-r6.txt) or guideline-notes.md (§6, §15) its expectation comes from.

mod builtin_tests;
mod diff_tests;
mod property_tests;
mod regulatory_tests;
mod statement_tests;
mod table_tests;

use super::*;

/// A row of cells from string slices.
pub(super) fn r(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_owned()).collect()
}

/// A small valid Appendix 2 table in the official layout: a title row, the two header rows,
/// two 大項目, three 中項目, a second MHLW reference row, a `—`, a ◎, 望ましい.
///
/// Rows (1-based): 1 title, 2 groups, 3 columns, 4 `1.1/①-1`, 5 its second reference,
/// 6 `1.1/①-2`, 7 `1.9/①-2`, 8 `2.1/①-1`.
pub(super) fn base() -> Vec<Vec<String>> {
    let [groups, columns] = appendix2_header_rows();
    vec![
        r(&[
            "（別紙2）統合前ガイドラインにおける対策項目一覧と医療情報安全管理ガイドライン6.0版の対応表",
        ]),
        groups,
        columns,
        r(&[
            "1. 人的・組織的対策",
            "1.1. 規程・手順の策定",
            "①アクセス管理規程の策定",
            "①-1",
            "アクセス制限、記録、点検等を定めたアクセス管理規程を作成すること。",
            "",
            "第三者や内部者による不正アクセス",
            "企画管理編",
            "4. 医療情報システムの安全管理において必要な規程・文書類",
            "【遵守事項】",
            "運用管理規程等を定めること。",
        ]),
        r(&[
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "システム運用編",
            "12. 物理的安全管理措置 ④",
            "【遵守事項】",
            "入退室の管理を行うこと。",
        ]),
        r(&[
            "",
            "",
            "",
            "①-2",
            "規程を定期的に見直すことが望ましい。\r\n見直しの記録を残す。",
            "◎",
            "",
            "",
            "",
            "",
            "—",
        ]),
        r(&[
            "",
            "1.9. 再委託を行う場合の再委託先の管理",
            "①再委託先の管理",
            "①-2",
            "再委託先に同等の個人情報保護方針を遵守させること。",
            "◎",
            "",
            "",
            "",
            "",
            "",
        ]),
        r(&[
            "2. 物理的対策",
            "2.1. 入退管理",
            "①機器や媒体の設置場所への認証や入退管理",
            "①-1",
            "セキュリティ境界への入退を個人認証で管理すること。",
            "",
            "権限のない者が機器に触れる",
            "企画管理",
            "15.",
            "【遵守事項】",
            "入退管理を行うこと。",
        ]),
    ]
}

pub(super) fn meta(complete: bool) -> CatalogueMeta {
    let mut m = CatalogueMeta::official_v1_1(Some("a".repeat(64)));
    m.complete = complete;
    m
}

/// Parses a table without merge information.
pub(super) fn parse(
    rows: Vec<Vec<String>>,
) -> Result<(ControlCatalogue, ImportReport), ImportErrors> {
    parse_appendix2_table(&CellTable::from_rows(rows), meta(true))
}

pub(super) fn keys(c: &ControlCatalogue) -> Vec<&str> {
    c.items.iter().map(|i| i.key.as_str()).collect()
}
