//! Reading the Appendix 2 table from a grid of cells into a catalogue version, applying every
//! rule of appendix2.md §7.2 and §7.3 that needs no file format: header detection, fill-down,
//! keys, the No./小項目 check, several MHLW references per item, dropped page headers and
//! footers, duplicate keys, and the import report. All or nothing: a table with any error
//! gives every error and no catalogue.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::header::{Column, Layout, find_layout, header_score, is_group_row};
use super::model::{
    CatalogueMeta, CategoryLevel, ControlCatalogue, ControlCategory, ControlItem, MhlwRef,
    TextOrigin,
};
use super::numbering::{
    ascii_key, canonical_volume, circled, clean, fold, is_dash, is_ditto, parse_major,
    parse_middle, parse_minor, parse_no, parse_section, strip_kind,
};
use super::report::{
    CategoryCount, DropReason, DroppedRow, ImportErrors, ImportReport, ImportWarning, NumberingGap,
    RowError, column_letter,
};

/// The most rows a table may have (the appendix is claimed to hold about 416 items).
pub const MAX_ROWS: usize = 50_000;
/// The most columns a table may have.
pub const MAX_COLUMNS: usize = 200;
/// The most characters in one cell.
pub const MAX_CELL_CHARS: usize = 20_000;

/// The cells of one sheet (or CSV file) as text, row by row; `rows[i]` is source row `i + 1`.
///
/// The reader has already copied the value of each merged range into every cell of the range
/// (appendix2.md §7.3 rule 3). `merge_info` says whether the source had merge information at
/// all: when it had, a blank 大/中/小項目 cell outside any merged range is still taken from
/// the row above, but with a warning, since rule 3 says not to rely on blank = same as above.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CellTable {
    pub rows: Vec<Vec<String>>,
    pub merge_info: bool,
}

impl CellTable {
    /// A table without merge information (a CSV file, or an xlsx without merged cells).
    pub fn from_rows(rows: Vec<Vec<String>>) -> Self {
        Self {
            rows,
            merge_info: false,
        }
    }
}

/// Whether some row of `rows` looks like the column header row of Appendix 2 (three or more
/// of its distinctive headers): lets a reader pick the sheet that holds the appendix.
pub fn has_appendix2_header(rows: &[Vec<String>]) -> bool {
    rows.iter().any(|r| header_score(r) >= 3)
}

/// Reads an Appendix 2 table into a new catalogue version with its import report, or returns
/// every error found (row, column, message) and no catalogue.
pub fn parse_appendix2_table(
    table: &CellTable,
    meta: CatalogueMeta,
) -> Result<(ControlCatalogue, ImportReport), ImportErrors> {
    if let Err(e) = meta.validate() {
        return Err(ImportErrors::file(format!("catalogue data: {e}")));
    }
    let rows = &table.rows;
    if rows.iter().all(|r| r.iter().all(|c| c.trim().is_empty())) {
        return Err(ImportErrors::file(
            "the table is empty: no header and no control items",
        ));
    }
    if rows.len() > MAX_ROWS {
        return Err(ImportErrors::file(format!(
            "the table has {} rows; at most {MAX_ROWS} are accepted",
            rows.len()
        )));
    }
    if let Some(i) = rows.iter().position(|r| r.len() > MAX_COLUMNS) {
        return Err(ImportErrors::file(format!(
            "row {} has {} columns; at most {MAX_COLUMNS} are accepted",
            i + 1,
            rows[i].len()
        )));
    }
    let mut warnings = Vec::new();
    let layout = find_layout(rows, &mut warnings).map_err(ImportErrors::from_errors)?;
    let mut parser = Parser::new(rows, layout, table.merge_info, warnings);
    parser.run();
    parser.finish(meta)
}

/// One level of the category tree as the rows walk down it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Slot {
    /// Nothing yet under the current parent.
    Unset,
    /// The cell that set it was wrong (already reported): rows below are not checked again.
    Invalid,
    Set {
        number: String,
        title: Option<String>,
        /// The circled number of a 小項目.
        index: u32,
    },
}

impl Slot {
    fn number(&self) -> Option<&str> {
        match self {
            Slot::Set { number, .. } => Some(number),
            _ => None,
        }
    }
}

/// The item cells of the last item, to tell a continuation row from a new item.
#[derive(Debug, Clone)]
struct LastItem {
    index: usize,
    /// The item's own row had blank reference cells: its none-marker gives way to a
    /// reference on a continuation row.
    implicit_none: bool,
    no: String,
    content: String,
    kubun: String,
    risk: String,
    middle: String,
    minor: String,
}

struct Parser<'a> {
    rows: &'a [Vec<String>],
    layout: Layout,
    merge_info: bool,
    errors: Vec<RowError>,
    warnings: Vec<ImportWarning>,
    dropped: Vec<DroppedRow>,
    items: Vec<ControlItem>,
    categories: Vec<ControlCategory>,
    /// (level, parent, number) → (index in `categories`, first row).
    category_index: HashMap<(CategoryLevel, String, String), (usize, u32)>,
    major: Slot,
    middle: Slot,
    minor: Slot,
    last: Option<LastItem>,
    /// ascii_key → first row.
    seen: HashMap<String, u32>,
    /// Rows where a blank category cell outside a merged range was taken from above.
    blank_fills: [Vec<u32>; 3],
    preamble: BTreeSet<String>,
    references: usize,
}

impl<'a> Parser<'a> {
    fn new(
        rows: &'a [Vec<String>],
        layout: Layout,
        merge_info: bool,
        warnings: Vec<ImportWarning>,
    ) -> Self {
        Self {
            rows,
            layout,
            merge_info,
            errors: Vec::new(),
            warnings,
            dropped: Vec::new(),
            items: Vec::new(),
            categories: Vec::new(),
            category_index: HashMap::new(),
            major: Slot::Unset,
            middle: Slot::Unset,
            minor: Slot::Unset,
            last: None,
            seen: HashMap::new(),
            blank_fills: Default::default(),
            preamble: BTreeSet::new(),
            references: 0,
        }
    }

    fn cell(&self, row: usize, column: Column) -> &'a str {
        self.rows[row]
            .get(self.layout.col(column))
            .map_or("", |c| c.trim())
    }

    fn error(&mut self, row: usize, column: Option<Column>, message: impl Into<String>) {
        self.errors.push(RowError::at(
            row as u32 + 1,
            column.map(|c| self.layout.col(c)),
            column.map(|c| c.label()).as_deref(),
            message,
        ));
    }

    fn warn(&mut self, row: usize, column: Option<Column>, message: impl Into<String>) {
        self.warnings.push(ImportWarning {
            row: Some(row as u32 + 1),
            column: column.map(|c| column_letter(self.layout.col(c))),
            header: column.map(|c| c.label()),
            message: message.into(),
        });
    }

    fn drop_row(&mut self, row: usize, reason: DropReason) {
        let mut text = distinct_values(&self.rows[row]).join(" | ");
        if text.chars().count() > 120 {
            text = text.chars().take(119).collect::<String>() + "…";
        }
        self.dropped.push(DroppedRow {
            row: row as u32 + 1,
            reason,
            text,
        });
    }

    fn run(&mut self) {
        for row in 0..self.layout.group_row {
            if self.rows[row].iter().any(|c| !c.trim().is_empty()) {
                let distinct = distinct_values(&self.rows[row]);
                self.preamble.extend(distinct);
                self.drop_row(row, DropReason::BeforeHeader);
            }
        }
        for row in self.layout.column_row() + 1..self.rows.len() {
            let cells = &self.rows[row];
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if let Some(too_long) = cells
                .iter()
                .position(|c| c.chars().count() > MAX_CELL_CHARS)
            {
                self.errors.push(RowError::at(
                    row as u32 + 1,
                    Some(too_long),
                    None,
                    format!("the cell holds more than {MAX_CELL_CHARS} characters"),
                ));
                continue;
            }
            if header_score(cells) >= 3 || is_group_row(cells) {
                self.drop_row(row, DropReason::RepeatedHeader);
                continue;
            }
            let distinct = distinct_values(cells);
            if distinct.len() == 1 {
                let value = &distinct[0];
                if is_page_number(value)
                    || self.preamble.contains(value)
                    || is_document_title(value)
                {
                    self.drop_row(row, DropReason::PageFooter);
                    continue;
                }
            }
            self.data_row(row);
        }
    }

    /// Walks one category level down a row: fill-down, parsing, parent checks. Returns
    /// whether the level changed on this row.
    fn category(&mut self, row: usize, level: CategoryLevel) -> bool {
        let column = match level {
            CategoryLevel::Major => Column::Major,
            CategoryLevel::Middle => Column::Middle,
            CategoryLevel::Minor => Column::Minor,
        };
        let raw = self.cell(row, column);
        let current = match level {
            CategoryLevel::Major => &self.major,
            CategoryLevel::Middle => &self.middle,
            CategoryLevel::Minor => &self.minor,
        }
        .clone();
        if raw.is_empty() || is_ditto(raw) {
            if raw.is_empty() && self.merge_info && matches!(current, Slot::Set { .. }) {
                let i = match level {
                    CategoryLevel::Major => 0,
                    CategoryLevel::Middle => 1,
                    CategoryLevel::Minor => 2,
                };
                self.blank_fills[i].push(row as u32 + 1);
            }
            return false;
        }
        let parsed = match level {
            CategoryLevel::Major => parse_major(raw).map(|(n, t)| (n, t, 0)),
            CategoryLevel::Middle => parse_middle(raw).map(|(n, t)| (n, t, 0)),
            CategoryLevel::Minor => parse_minor(raw).map(|(s, i, t)| (s, t, i)),
        };
        let (number, title, index) = match parsed {
            Ok(p) => p,
            Err(message) => {
                self.error(row, Some(column), format!("{message} (appendix2.md §7.2)"));
                self.set_slot(level, Slot::Invalid);
                return true;
            }
        };
        if level == CategoryLevel::Middle
            && let Some(major) = self.major.number()
            && number.split('.').next() != Some(major)
        {
            let message = format!(
                "中項目 {number} does not belong to 大項目 {major}: its number must start with `{major}.` \
                 (appendix2.md §2); check the 大項目 and 中項目 cells"
            );
            self.error(row, Some(column), message);
            self.set_slot(level, Slot::Invalid);
            return true;
        }
        let same = match &current {
            Slot::Set {
                number: n,
                index: i,
                ..
            } => *n == number && *i == index,
            _ => false,
        };
        let parent = match level {
            CategoryLevel::Major => String::new(),
            CategoryLevel::Middle => self.major.number().unwrap_or("?").to_owned(),
            CategoryLevel::Minor => self.middle.number().unwrap_or("?").to_owned(),
        };
        let number_key = if level == CategoryLevel::Minor {
            index.to_string()
        } else {
            number.clone()
        };
        self.register_category(row, level, parent, number_key, &number, &title, column);
        if same {
            return false;
        }
        self.set_slot(
            level,
            Slot::Set {
                number,
                title,
                index,
            },
        );
        true
    }

    #[allow(clippy::too_many_arguments)]
    fn register_category(
        &mut self,
        row: usize,
        level: CategoryLevel,
        parent: String,
        number_key: String,
        number: &str,
        title: &Option<String>,
        column: Column,
    ) {
        let key = (level, parent.clone(), number_key);
        if let Some(&(i, first_row)) = self.category_index.get(&key) {
            if self.categories[i].title != *title {
                let message = format!(
                    "the title of {} {number} differs from the one on row {first_row}; the first is kept (appendix2.md §2)",
                    level.label_ja()
                );
                self.warn(row, Some(column), message);
            }
            return;
        }
        self.category_index
            .insert(key, (self.categories.len(), row as u32 + 1));
        self.categories.push(ControlCategory {
            level,
            number: number.to_owned(),
            parent: (level != CategoryLevel::Major).then_some(parent),
            title: title.clone(),
            title_provisional: false,
            confidence: None,
        });
    }

    fn set_slot(&mut self, level: CategoryLevel, slot: Slot) {
        let child = if slot == Slot::Invalid {
            Slot::Invalid
        } else {
            Slot::Unset
        };
        match level {
            CategoryLevel::Major => {
                self.major = slot;
                self.middle = child.clone();
                self.minor = child;
            }
            CategoryLevel::Middle => {
                self.middle = slot;
                self.minor = child;
            }
            CategoryLevel::Minor => self.minor = slot,
        }
    }

    fn data_row(&mut self, row: usize) {
        let mut changed = false;
        for level in CategoryLevel::ALL {
            changed |= self.category(row, *level);
        }
        let no = self.cell(row, Column::No);
        let content = self.cell(row, Column::Content);
        let kubun = self.cell(row, Column::Kubun);
        let risk = self.cell(row, Column::RiskScenario);
        let middle = self.middle.number().unwrap_or("").to_owned();
        let minor = self.minor.number().unwrap_or("").to_owned();
        let no_blank = no.is_empty() || is_ditto(no);
        let last = self
            .last
            .clone()
            .filter(|l| !changed && l.middle == middle && l.minor == minor);
        let same_no = last.as_ref().is_some_and(|l| l.no == no);
        // An item cell is "fresh" when it says something the item above does not.
        let fresh = |value: &str, previous: Option<&str>| {
            !value.is_empty() && !is_ditto(value) && previous != Some(value)
        };
        let fresh_others: Vec<Column> = [
            (
                Column::Content,
                content,
                last.as_ref().map(|l| l.content.as_str()),
            ),
            (
                Column::Kubun,
                kubun,
                last.as_ref().map(|l| l.kubun.as_str()),
            ),
            (
                Column::RiskScenario,
                risk,
                last.as_ref().map(|l| l.risk.as_str()),
            ),
        ]
        .into_iter()
        .filter(|(_, v, p)| fresh(v, *p))
        .map(|(c, _, _)| c)
        .collect();

        if (no_blank || same_no) && fresh_others.is_empty() {
            if let Some(last) = last {
                // appendix2.md §7.3 rule 2: one more MHLW reference of the item above.
                if let Some(reference) = self.mhlw_ref(row) {
                    if last.implicit_none {
                        self.items[last.index].mhlw_refs.clear();
                        self.references -= 1;
                        if let Some(l) = self.last.as_mut() {
                            l.implicit_none = false;
                        }
                    }
                    self.add_reference(last.index, reference, row);
                }
                return;
            }
            if no_blank {
                // A category heading row (e.g. a 小項目 with its title only).
                if self.mhlw_ref(row).is_some() {
                    self.error(
                        row,
                        Some(Column::No),
                        "the row has a related MHLW requirement but no control item: No. is blank \
                         and there is no item above in the same 小項目 (appendix2.md §7.3 rule 2)",
                    );
                }
                return;
            }
        }
        if no_blank {
            let column = fresh_others[0];
            let message = format!(
                "{} has text but No. is blank: every control item needs its No.; a text continued \
                 across a page break must be joined into one cell (appendix2.md §7.2, §7.3 rule 2)",
                column.header()
            );
            self.error(row, Some(column), message);
            return;
        }
        self.new_item(row, no, content, kubun, risk);
    }

    fn new_item(&mut self, row: usize, no: &str, content: &str, kubun: &str, risk: &str) {
        let parsed = match parse_no(no) {
            Ok(p) => Some(p),
            Err(message) => {
                self.error(
                    row,
                    Some(Column::No),
                    format!("{message} (appendix2.md §7.2)"),
                );
                None
            }
        };
        if content.is_empty() || is_ditto(content) {
            self.error(
                row,
                Some(Column::Content),
                "内容 is empty: a control item needs its text (appendix2.md §7.2)",
            );
        }
        let (major, middle, minor) = (self.major.clone(), self.middle.clone(), self.minor.clone());
        let missing = [
            (&major, Column::Major),
            (&middle, Column::Middle),
            (&minor, Column::Minor),
        ]
        .into_iter()
        .find(|(slot, _)| **slot == Slot::Unset);
        if let Some((_, column)) = missing {
            let message = format!(
                "No. `{no}` has no {}: the cell is blank and there is none above it under the same parent (appendix2.md §7.2, fill-down)",
                column.header()
            );
            self.error(row, Some(column), message);
            return;
        }
        let (
            Some(parsed),
            Slot::Set {
                number: major_no,
                title: major_title,
                ..
            },
            Slot::Set {
                number: middle_no,
                title: middle_title,
                ..
            },
            Slot::Set {
                number: minor_symbol,
                title: minor_title,
                index: minor_index,
            },
        ) = (parsed, major, middle, minor)
        else {
            return; // an error on this row or a category above was already reported
        };
        if parsed.minor != minor_index {
            let message = format!(
                "No. `{no}` starts with {} but its 小項目 is {minor_symbol}{}: the circled prefix of the No. must \
                 equal the 小項目's number; not guessed (appendix2.md §2, §7.2)",
                circled(parsed.minor).map_or_else(|| parsed.symbol.clone(), String::from),
                minor_title.as_deref().unwrap_or("")
            );
            self.error(row, Some(Column::No), message);
            return;
        }
        let key = format!("{middle_no}/{no}");
        let ascii = ascii_key(&middle_no, minor_index, parsed.seq);
        if let Some(first) = self.seen.get(&ascii) {
            let message = format!(
                "duplicate key `{key}` ({ascii}): already used on row {first} (appendix2.md §7.3 rule 5)"
            );
            self.error(row, Some(Column::No), message);
            return;
        }
        if content.is_empty() || is_ditto(content) {
            return;
        }
        self.seen.insert(ascii.clone(), row as u32 + 1);
        if !kubun.is_empty() && kubun != "◎" {
            self.warn(
                row,
                Some(Column::Kubun),
                format!(
                    "区分 `{kubun}` is neither ◎ nor blank; kept as written (appendix2.md §7.2)"
                ),
            );
        }
        let content_text = clean(content);
        let mut item = ControlItem {
            key,
            ascii_key: ascii,
            major_no,
            major_title,
            middle_no: middle_no.clone(),
            middle_title,
            minor_symbol: minor_symbol.clone(),
            minor_index,
            minor_title,
            seq: parsed.seq,
            desirable: content_text.contains("望ましい"),
            content: content_text,
            kubun_mark: kubun.to_owned(),
            risk_scenario: (!risk.is_empty()).then(|| clean(risk)),
            mhlw_refs: Vec::new(),
            source_row: Some(row as u32 + 1),
            source_ref: None,
            confidence: None,
            note: None,
        };
        // appendix2.md §7.2 内容 (MHLW): `—`, `-` or blank on the item's own row means no
        // related requirement (on a continuation row, blank cells add nothing).
        let own = self.mhlw_ref(row);
        let implicit_none = own.is_none();
        self.references += 1;
        item.mhlw_refs.push(own.unwrap_or_else(|| none_marker(row)));
        self.last = Some(LastItem {
            index: self.items.len(),
            implicit_none,
            no: no.to_owned(),
            content: content.to_owned(),
            kubun: kubun.to_owned(),
            risk: risk.to_owned(),
            middle: middle_no,
            minor: minor_symbol,
        });
        self.items.push(item);
    }

    fn add_reference(&mut self, index: usize, reference: MhlwRef, row: usize) {
        let same = |a: &MhlwRef, b: &MhlwRef| {
            (
                &a.volume,
                &a.section,
                &a.section_title,
                &a.kind,
                &a.text,
                a.none_marker,
            ) == (
                &b.volume,
                &b.section,
                &b.section_title,
                &b.kind,
                &b.text,
                b.none_marker,
            )
        };
        let refs = &self.items[index].mhlw_refs;
        if refs.iter().any(|r| same(r, &reference)) {
            return; // the same cells again (a merged range over two rows of one item)
        }
        if refs.iter().any(|r| r.none_marker) != reference.none_marker && !refs.is_empty() {
            let key = self.items[index].key.clone();
            self.warn(
                row,
                Some(Column::MhlwText),
                format!(
                    "item `{key}` has both `—` (no related MHLW requirement) and a related requirement (appendix2.md §7.2)"
                ),
            );
        }
        self.references += 1;
        self.items[index].mhlw_refs.push(reference);
    }

    /// The MHLW reference cells of a row (appendix2.md §7.2, 編 / 項番 / 区分 / 内容).
    fn mhlw_ref(&mut self, row: usize) -> Option<MhlwRef> {
        let volume = self.cell(row, Column::Volume);
        let section = self.cell(row, Column::Section);
        let kind = self.cell(row, Column::Kind);
        let text = self.cell(row, Column::MhlwText);
        if [volume, section, kind, text].iter().all(|c| c.is_empty()) {
            return None;
        }
        let dashy = |c: &str| c.is_empty() || is_dash(c);
        let source_row = Some(row as u32 + 1);
        if [volume, section, kind, text].iter().all(|c| dashy(c)) {
            return Some(none_marker(row));
        }
        let volume = if dashy(volume) {
            None
        } else if let Some(canonical) = canonical_volume(volume) {
            Some(canonical.to_owned())
        } else {
            self.warn(
                row,
                Some(Column::Volume),
                format!(
                    "編 `{volume}` is not one of 概説編, 経営管理編, 企画管理編, システム運用編; kept as written (appendix2.md §7.2)"
                ),
            );
            Some(clean(volume))
        };
        let numbered_lines = section
            .lines()
            .filter(|l| fold(l.trim()).starts_with(|c: char| c.is_ascii_digit()))
            .count();
        if numbered_lines > 1 {
            self.warn(
                row,
                Some(Column::Section),
                "項番 holds several section numbers on separate lines; kept as one reference: split \
                 the row if they are separate requirements (appendix2.md §7.3 rule 2)",
            );
        }
        let (section, section_title) = if dashy(section) {
            (None, None)
        } else if let Some((s, t)) = parse_section(section) {
            (Some(s), t)
        } else {
            self.warn(
                row,
                Some(Column::Section),
                format!(
                    "項番 `{section}` does not start with a section number; kept as its title (appendix2.md §7.2)"
                ),
            );
            (None, Some(clean(section)))
        };
        if is_dash(text) && section.is_some() {
            self.warn(
                row,
                Some(Column::MhlwText),
                "内容 is `—` but 項番 is filled; the section is kept without text (appendix2.md §7.2)",
            );
        }
        Some(MhlwRef {
            volume,
            section,
            section_title,
            kind: (!dashy(kind)).then(|| strip_kind(kind)),
            text: (!dashy(text)).then(|| clean(text)),
            none_marker: false,
            source_row,
        })
    }

    fn finish(
        mut self,
        meta: CatalogueMeta,
    ) -> Result<(ControlCatalogue, ImportReport), ImportErrors> {
        if self.items.is_empty() && self.errors.is_empty() {
            self.errors.push(RowError::at(
                self.layout.column_row() as u32 + 1,
                None,
                None,
                "no control items below the header",
            ));
        }
        if !self.errors.is_empty() {
            return Err(ImportErrors::from_errors(self.errors));
        }
        for (i, column) in [Column::Major, Column::Middle, Column::Minor]
            .iter()
            .enumerate()
        {
            let rows = &self.blank_fills[i];
            if let Some(&first) = rows.first() {
                let shown: Vec<String> = rows.iter().take(10).map(u32::to_string).collect();
                self.warnings.push(ImportWarning {
                    row: Some(first),
                    column: Some(column_letter(self.layout.col(*column))),
                    header: Some(column.label()),
                    message: format!(
                        "{} is blank outside any merged range on {} row(s) ({}{}); taken from the row above \
                         (appendix2.md §7.3 rule 3)",
                        column.header(),
                        rows.len(),
                        shown.join(", "),
                        if rows.len() > 10 { ", …" } else { "" }
                    ),
                });
            }
        }
        let catalogue = ControlCatalogue {
            meta,
            completeness_note: None,
            text_origin: TextOrigin::Official,
            kubun_legend: None,
            categories: self.categories,
            items: self.items,
        };
        let mut warnings = self.warnings;
        warnings.sort_by_key(|w| w.row.unwrap_or(0));
        let report = build_report(&catalogue, self.references, self.dropped, warnings);
        Ok((catalogue, report))
    }
}

/// The reference of a row that says no MHLW requirement is related (`—`, `-` or blank).
fn none_marker(row: usize) -> MhlwRef {
    MhlwRef {
        volume: None,
        section: None,
        section_title: None,
        kind: None,
        text: None,
        none_marker: true,
        source_row: Some(row as u32 + 1),
    }
}

/// The report of a catalogue (appendix2.md §7.3 rule 5): counts per category, ◎, items
/// without MHLW reference, numbering gaps, plus the rows dropped and the warnings.
pub(crate) fn build_report(
    catalogue: &ControlCatalogue,
    references: usize,
    dropped_rows: Vec<DroppedRow>,
    warnings: Vec<ImportWarning>,
) -> ImportReport {
    let count = |level: CategoryLevel| -> Vec<CategoryCount> {
        catalogue
            .categories
            .iter()
            .filter(|c| c.level == level)
            .map(|c| {
                let of = catalogue.items.iter().filter(|i| match level {
                    CategoryLevel::Major => i.major_no == c.number,
                    _ => i.middle_no == c.number,
                });
                CategoryCount {
                    number: c.number.clone(),
                    title: c.title.clone(),
                    items: of.clone().count(),
                    marked: of.filter(|i| i.kubun_mark == "◎").count(),
                }
            })
            .collect()
    };
    ImportReport {
        sheet: None,
        items: catalogue.items.len(),
        references,
        per_major: count(CategoryLevel::Major),
        per_middle: count(CategoryLevel::Middle),
        marked: catalogue
            .items
            .iter()
            .filter(|i| i.kubun_mark == "◎")
            .count(),
        without_mhlw_reference: catalogue
            .items
            .iter()
            .filter(|i| !i.has_mhlw_reference())
            .map(|i| i.key.clone())
            .collect(),
        numbering_gaps: numbering_gaps(catalogue),
        dropped_rows,
        warnings,
        expected_total: catalogue.expected_total(),
    }
}

/// Holes in the numbering at each level (appendix2.md §7.3 rule 5).
fn numbering_gaps(catalogue: &ControlCatalogue) -> Vec<NumberingGap> {
    let mut middles: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
    let mut minors: BTreeMap<(u32, u32), (String, BTreeSet<u32>)> = BTreeMap::new();
    // (major, middle, minor) → (middle number, minor symbol, sequence numbers)
    type Seqs = BTreeMap<(u32, u32, u32), (String, String, BTreeSet<u32>)>;
    let mut seqs: Seqs = BTreeMap::new();
    let split = |middle: &str| -> Option<(u32, u32)> {
        let (a, b) = middle.split_once('.')?;
        Some((a.parse().ok()?, b.parse().ok()?))
    };
    for c in &catalogue.categories {
        match c.level {
            CategoryLevel::Middle => {
                if let Some((a, b)) = split(&c.number) {
                    middles.entry(a).or_default().insert(b);
                }
            }
            CategoryLevel::Minor => {
                if let Some((a, b)) = c.parent.as_deref().and_then(split)
                    && let Some(index) = c
                        .number
                        .chars()
                        .next()
                        .and_then(super::numbering::circled_value)
                {
                    minors
                        .entry((a, b))
                        .or_insert_with(|| (c.parent.clone().unwrap_or_default(), BTreeSet::new()))
                        .1
                        .insert(index);
                }
            }
            CategoryLevel::Major => {}
        }
    }
    for item in &catalogue.items {
        let Some((a, b)) = split(&item.middle_no) else {
            continue;
        };
        middles.entry(a).or_default().insert(b);
        minors
            .entry((a, b))
            .or_insert_with(|| (item.middle_no.clone(), BTreeSet::new()))
            .1
            .insert(item.minor_index);
        if let Some(seq) = item.seq {
            seqs.entry((a, b, item.minor_index))
                .or_insert_with(|| {
                    (
                        item.middle_no.clone(),
                        item.minor_symbol.clone(),
                        BTreeSet::new(),
                    )
                })
                .2
                .insert(seq);
        }
    }
    let missing = |present: &BTreeSet<u32>| -> Vec<u32> {
        let max = present.iter().next_back().copied().unwrap_or(0);
        (1..max).filter(|n| !present.contains(n)).collect()
    };
    let mut gaps = Vec::new();
    for (major, present) in &middles {
        let m = missing(present);
        if !m.is_empty() {
            gaps.push(NumberingGap {
                within: major.to_string(),
                missing: m.iter().map(|n| format!("{major}.{n}")).collect(),
            });
        }
    }
    for (middle, present) in minors.values() {
        let m = missing(present);
        if !m.is_empty() {
            gaps.push(NumberingGap {
                within: middle.clone(),
                missing: m
                    .iter()
                    .map(|&n| circled(n).map_or_else(|| format!("({n})"), String::from))
                    .collect(),
            });
        }
    }
    for (middle, symbol, present) in seqs.values() {
        let m = missing(present);
        if !m.is_empty() {
            gaps.push(NumberingGap {
                within: format!("{middle}/{symbol}"),
                missing: m.iter().map(|n| format!("{symbol}-{n}")).collect(),
            });
        }
    }
    gaps
}

/// The distinct non-blank values of a row, trimmed.
fn distinct_values(cells: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in cells {
        let t = c.trim();
        if !t.is_empty() && !out.iter().any(|o| o == t) {
            out.push(t.to_owned());
        }
    }
    out
}

/// A page number as printed: `12`, `- 12 -`, `12 / 37`, `p. 12`, `Page 12`, `12ページ`.
fn is_page_number(value: &str) -> bool {
    let folded = fold(value).to_lowercase();
    let mut t = folded.trim();
    for prefix in ["page", "p.", "p"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim();
            break;
        }
    }
    for suffix in ["ページ", "頁"] {
        if let Some(rest) = t.strip_suffix(suffix) {
            t = rest.trim();
        }
    }
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars().count() <= 20
        && t.chars().all(|c| {
            c.is_ascii_digit()
                || c.is_whitespace()
                || super::numbering::is_hyphen(c)
                || matches!(c, '/' | '(' | ')')
        })
}

/// The document title repeated at the top of a printed page.
fn is_document_title(value: &str) -> bool {
    let t: String = fold(value).chars().filter(|c| !c.is_whitespace()).collect();
    t.contains("別紙2") && t.chars().count() <= 200
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_and_titles() {
        for p in [
            "12",
            "- 12 -",
            "12 / 37",
            "p. 12",
            "Page 3",
            "１２ページ",
            "（3）",
        ] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["①-1", "1.1", "12. 物理的", "", "abc"] {
            assert!(!is_page_number(p), "{p}");
        }
        assert!(is_document_title(
            "（別紙２）統合前ガイドラインにおける対策項目一覧"
        ));
        assert!(!is_document_title("1. 人的・組織的対策"));
    }
}
