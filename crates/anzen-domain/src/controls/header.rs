//! Finding the two header rows of Appendix 2 by their text and mapping each column by
//! (group header, column header) (appendix2.md §2, §7.2, §7.3 rule 1).

use super::numbering::header_text;
use super::report::{ImportWarning, RowError, column_letter};

/// The column groups of the header's first row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Group {
    /// 対策項目 (the control item).
    Item,
    /// 関連する医療情報安全管理ガイドライン要求事項 (the related MHLW requirement).
    Mhlw,
}

impl Group {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Group::Item => "対策項目",
            Group::Mhlw => "関連する医療情報安全管理ガイドライン要求事項",
        }
    }
}

/// The eleven columns of Appendix 2 (appendix2.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    Major,
    Middle,
    Minor,
    No,
    Content,
    Kubun,
    RiskScenario,
    Volume,
    Section,
    Kind,
    MhlwText,
}

impl Column {
    pub(crate) const ALL: [Column; 11] = [
        Column::Major,
        Column::Middle,
        Column::Minor,
        Column::No,
        Column::Content,
        Column::Kubun,
        Column::RiskScenario,
        Column::Volume,
        Column::Section,
        Column::Kind,
        Column::MhlwText,
    ];

    /// The group the column belongs to; `None` for リスクシナリオ例, which stands alone.
    pub(crate) fn group(self) -> Option<Group> {
        match self {
            Column::Major
            | Column::Middle
            | Column::Minor
            | Column::No
            | Column::Content
            | Column::Kubun => Some(Group::Item),
            Column::RiskScenario => None,
            Column::Volume | Column::Section | Column::Kind | Column::MhlwText => Some(Group::Mhlw),
        }
    }

    /// The column header as the appendix writes it.
    pub(crate) fn header(self) -> &'static str {
        match self {
            Column::Major => "大項目",
            Column::Middle => "中項目",
            Column::Minor => "小項目",
            Column::No => "No.",
            Column::Content | Column::MhlwText => "内容",
            Column::Kubun | Column::Kind => "区分",
            Column::RiskScenario => "リスクシナリオ例",
            Column::Volume => "編",
            Column::Section => "項番",
        }
    }

    /// `group › header`, e.g. `対策項目 › No.`, for messages.
    pub(crate) fn label(self) -> String {
        match self.group() {
            Some(g) => format!("{} › {}", g.label(), self.header()),
            None => self.header().to_owned(),
        }
    }

    fn index(self) -> usize {
        Column::ALL.iter().position(|&c| c == self).unwrap_or(0)
    }
}

/// Whether a normalised header cell names this column's header.
fn header_matches(column: Column, text: &str) -> bool {
    match column {
        Column::No => matches!(text, "no." | "no" | "№" | "番号"),
        Column::RiskScenario => text.starts_with("リスクシナリオ"),
        _ => text == header_text(column.header()),
    }
}

/// The group a normalised group-row cell names.
fn group_of(text: &str) -> Option<Group> {
    if text == "対策項目" {
        Some(Group::Item)
    } else if text.contains("要求事項") {
        Some(Group::Mhlw)
    } else {
        None
    }
}

/// Where the header is and which column holds what.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// Index of the group row (the column row is the next one).
    pub group_row: usize,
    columns: [usize; 11],
}

impl Layout {
    pub(crate) fn col(&self, column: Column) -> usize {
        self.columns[column.index()]
    }

    pub(crate) fn column_row(&self) -> usize {
        self.group_row + 1
    }
}

/// Headers that identify the column row (each unique in the appendix).
const IDENTIFYING: [Column; 7] = [
    Column::Major,
    Column::Middle,
    Column::Minor,
    Column::No,
    Column::RiskScenario,
    Column::Volume,
    Column::Section,
];

/// How many identifying headers a row holds: a row with three or more is the column row.
pub(crate) fn header_score(row: &[String]) -> usize {
    IDENTIFYING
        .iter()
        .filter(|&&col| {
            row.iter()
                .any(|cell| header_matches(col, &header_text(cell)))
        })
        .count()
}

/// Whether a row is the group row repeated (its cells name both groups).
pub(crate) fn is_group_row(row: &[String]) -> bool {
    let groups: Vec<Option<Group>> = row.iter().map(|c| group_of(&header_text(c))).collect();
    groups.contains(&Some(Group::Item)) && groups.contains(&Some(Group::Mhlw))
}

/// Finds the header rows and maps the columns (appendix2.md §7.3 rule 1: by text, not by
/// position; clear errors for a missing, ambiguous or shifted column; never a silently
/// shifted catalogue).
pub(crate) fn find_layout(
    rows: &[Vec<String>],
    warnings: &mut Vec<ImportWarning>,
) -> Result<Layout, Vec<RowError>> {
    let Some(column_row) = rows.iter().position(|r| header_score(r) >= 3) else {
        return Err(vec![RowError::file(
            "no header row found: Appendix 2 needs a row with the column headers 大項目, 中項目, \
             小項目, No., 内容, 区分, リスクシナリオ例, 編, 項番, 区分, 内容 under a row with the \
             groups 対策項目 and 関連する医療情報安全管理ガイドライン要求事項 (appendix2.md §2, §7.3 rule 1)",
        )]);
    };
    let row_no = column_row as u32 + 1;
    if column_row == 0 {
        return Err(vec![RowError::at(
            row_no,
            None,
            None,
            "the column headers are on the first row: the group header row (対策項目 / \
             関連する医療情報安全管理ガイドライン要求事項) must be directly above them \
             (appendix2.md §7.3 rule 1)",
        )]);
    }
    let group_row = column_row - 1;
    let width = rows[group_row].len().max(rows[column_row].len());
    // Group of each column: the group row's text, carried to the right across blank cells
    // (merged or centred-across-selection group headers).
    let mut groups: Vec<Option<Group>> = Vec::with_capacity(width);
    let mut raw_groups: Vec<String> = Vec::with_capacity(width);
    let mut current: Option<Group> = None;
    let mut current_raw = String::new();
    for c in 0..width {
        let cell = rows[group_row].get(c).map(String::as_str).unwrap_or("");
        let text = header_text(cell);
        if !text.is_empty() {
            current = group_of(&text);
            current_raw = cell.trim().to_owned();
        }
        groups.push(current);
        raw_groups.push(current_raw.clone());
    }

    let mut found: [Vec<usize>; 11] = Default::default();
    let mut misplaced: [Vec<usize>; 11] = Default::default();
    for (c, &group) in groups.iter().enumerate() {
        let cell = rows[column_row].get(c).map(String::as_str).unwrap_or("");
        let text = header_text(cell);
        if text.is_empty() {
            continue;
        }
        let candidates: Vec<Column> = Column::ALL
            .into_iter()
            .filter(|&col| header_matches(col, &text))
            .collect();
        if candidates.is_empty() {
            warnings.push(ImportWarning {
                row: Some(row_no),
                column: Some(column_letter(c)),
                header: Some(cell.trim().to_owned()),
                message: "not a column of Appendix 2; ignored (appendix2.md §2)".to_owned(),
            });
            continue;
        }
        let hit = candidates
            .iter()
            .find(|col| col.group().is_none() || col.group() == group);
        match hit {
            Some(&col) => found[col.index()].push(c),
            None => {
                for col in candidates {
                    misplaced[col.index()].push(c);
                }
            }
        }
    }

    let mut errors = Vec::new();
    let mut columns = [0usize; 11];
    for col in Column::ALL {
        let hits = &found[col.index()];
        match hits.as_slice() {
            [c] => columns[col.index()] = *c,
            [] => {
                let shifted = misplaced[col.index()].first().map(|&c| {
                    let group = raw_groups[c].as_str();
                    let above = if group.is_empty() { "no group header".to_owned() } else { format!("the group header `{group}`") };
                    format!(
                        "; a `{}` header is in column {} but has {above} above it: the header rows look shifted",
                        col.header(),
                        column_letter(c)
                    )
                });
                errors.push(RowError::at(
                    row_no,
                    None,
                    None,
                    format!(
                        "missing column `{}`{} (appendix2.md §2, §7.3 rule 1: columns are matched by group and column header)",
                        col.label(),
                        shifted.unwrap_or_default()
                    ),
                ));
            }
            [first, second, ..] => errors.push(RowError::at(
                row_no,
                Some(*second),
                Some(&col.label()),
                format!(
                    "ambiguous header: `{}` appears in columns {} and {} (appendix2.md §7.3 rule 1)",
                    col.label(),
                    column_letter(*first),
                    column_letter(*second)
                ),
            )),
        }
    }
    if errors.is_empty() {
        Ok(Layout { group_row, columns })
    } else {
        Err(errors)
    }
}
