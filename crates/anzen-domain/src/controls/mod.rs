//! Controls (FAQ 5.3, 5.4; issue 4 items 5 and 6): versions of Appendix 2 (別紙2), the
//! controls a provider adds, the statements of applicability per offering, and the
//! regulatory requirements that no risk decision can waive (FAQ 7, 7.1).
//!
//! - [`parse_appendix2_table`] reads the appendix from a grid of cells (the xlsx and CSV
//!   readers in `anzen-app` produce it) with every rule of appendix2.md §7.2 and §7.3 that
//!   needs no file format. All or nothing: any error refuses the whole file.
//! - [`parse_control_catalogue`] reads the partial built-in catalogue from TOML.
//! - [`diff_catalogues`] compares two versions (§7.3 rule 7).
//! - [`Statement`] and [`Applicability`] refuse a non-adoption without its reason
//!   (FAQ 5.3-R7) and a waived regulatory requirement (FAQ 7-R1); [`unmet_regulatory`]
//!   lists what the dashboard shows.
//!
//! Pure: no IO, no clock.

mod builtin;
mod diff;
mod header;
mod model;
pub mod numbering;
mod regulatory;
mod report;
mod statement;
mod table;
#[cfg(test)]
mod tests;

pub use builtin::parse_control_catalogue;
pub use diff::{
    CatalogueDiff, ChangedItem, ItemChange, MOVE_THRESHOLD_PERMILLE, MoveProposal, diff_catalogues,
};
pub use model::{
    APPENDIX2_ID, APPENDIX2_TITLE, APPENDIX2_URL, CLAIMED_TOTAL, CatalogueMeta, CategoryLevel,
    ControlCatalogue, ControlCategory, ControlItem, ControlSourceKind, MhlwRef, ProviderControl,
    TextOrigin,
};
pub use regulatory::{UnmetReason, UnmetRequirement, unmet_regulatory, unmet_regulatory_detail};
pub use report::{
    CategoryCount, DropReason, DroppedRow, ImportErrors, ImportReport, ImportWarning, MAX_ERRORS,
    NumberingGap, RowError, column_letter,
};
pub use statement::{
    Applicability, ApplicabilityInput, LinkedRisk, MAX_STATEMENT_TEXT, Statement, StatementStatus,
    StatementSubject, check_status_of, items_without_statement, statements_blocking_acceptance,
    statements_to_review, statuses_for,
};
pub use table::{
    CellTable, MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, has_appendix2_header, parse_appendix2_table,
};

/// The column headers of Appendix 2 as two rows (group row, column row), for the CSV
/// template of appendix2.md §7.3 rule 9 and for test tables.
pub fn appendix2_header_rows() -> [Vec<String>; 2] {
    let item = "対策項目";
    let mhlw = "関連する医療情報安全管理ガイドライン要求事項";
    let groups = [
        item, item, item, item, item, item, "", mhlw, mhlw, mhlw, mhlw,
    ];
    let columns = [
        "大項目",
        "中項目",
        "小項目",
        "No.",
        "内容",
        "区分",
        "リスクシナリオ例",
        "編",
        "項番",
        "区分",
        "内容",
    ];
    [
        groups.iter().map(|s| (*s).to_owned()).collect(),
        columns.iter().map(|s| (*s).to_owned()).collect(),
    ]
}
