//! The limits on the table a reader builds (rows, columns, filled cells, characters per cell,
//! text in all), checked cell by cell as the table is read, and the time budget checked as
//! it goes: the same for a workbook's sheet and a CSV file.

use super::budget::Budget;
use super::limits::{ImportLimits, Limit, LimitExceeded};

/// Budget checks are made every this many steps (a step is a cell, or a few characters).
const STEPS_PER_CHECK: u32 = 1024;

/// Counts what goes into one table.
#[derive(Debug)]
pub struct TableGuard<'a> {
    limits: &'a ImportLimits,
    budget: &'a Budget,
    sheet: Option<String>,
    cells: u64,
    merged: u64,
    text: u64,
    steps: u32,
}

impl<'a> TableGuard<'a> {
    /// A guard for the table of `sheet` (`None` for a CSV file).
    pub fn new(limits: &'a ImportLimits, budget: &'a Budget, sheet: Option<&str>) -> Self {
        Self {
            limits,
            budget,
            sheet: sheet.map(str::to_owned),
            cells: 0,
            merged: 0,
            text: 0,
            steps: 0,
        }
    }

    /// Names the sheet the next cells are in.
    pub fn set_sheet(&mut self, sheet: Option<&str>) {
        self.sheet = sheet.map(str::to_owned);
    }

    pub fn limits(&self) -> &'a ImportLimits {
        self.limits
    }

    /// The time budget (a clone shares its cancellation).
    pub fn budget(&self) -> Budget {
        self.budget.clone()
    }

    fn refuse(&self, limit: Limit) -> LimitExceeded {
        self.limits.exceeded(limit).in_sheet(self.sheet.as_deref())
    }

    /// One step of work: checks the time budget now and then.
    pub fn step(&mut self) -> Result<(), LimitExceeded> {
        self.steps += 1;
        if self.steps >= STEPS_PER_CHECK {
            self.steps = 0;
            self.budget.check()?;
        }
        Ok(())
    }

    /// Checks the position of a cell, 0-based, filled or not.
    pub fn position(&mut self, row: usize, column: usize) -> Result<(), LimitExceeded> {
        if row as u64 >= self.limits.rows {
            return Err(self.refuse(Limit::Rows).at(Some(row as u64 + 1), None));
        }
        if column as u64 >= self.limits.columns {
            return Err(self
                .refuse(Limit::Columns)
                .at(Some(row as u64 + 1), Some(column)));
        }
        Ok(())
    }

    /// A cell at `row`, `column` (0-based) about to be stored with `value`.
    pub fn cell(&mut self, row: usize, column: usize, value: &str) -> Result<(), LimitExceeded> {
        self.step()?;
        self.position(row, column)?;
        if value.is_empty() {
            return Ok(());
        }
        // A string has at most as many characters as bytes: count them only when it matters.
        if value.len() as u64 > self.limits.cell_chars
            && value.chars().count() as u64 > self.limits.cell_chars
        {
            return Err(self
                .refuse(Limit::CellLength)
                .at(Some(row as u64 + 1), Some(column)));
        }
        self.cells += 1;
        if self.cells > self.limits.cells {
            return Err(self.refuse(Limit::Cells));
        }
        self.add_text(value.len())
    }

    /// A cell of a merged range visited while filling the range (it may already be filled).
    pub fn merged_cell(&mut self) -> Result<(), LimitExceeded> {
        self.step()?;
        self.merged += 1;
        if self.merged > self.limits.cells {
            return Err(self.refuse(Limit::Cells));
        }
        Ok(())
    }

    /// A copy of a merged range's value into one of its cells.
    pub fn copy(&mut self, value: &str) -> Result<(), LimitExceeded> {
        self.cells += 1;
        if self.cells > self.limits.cells {
            return Err(self.refuse(Limit::Cells));
        }
        self.add_text(value.len())
    }

    fn add_text(&mut self, bytes: usize) -> Result<(), LimitExceeded> {
        self.text += bytes as u64;
        if self.text > self.limits.text_bytes {
            return Err(self.refuse(Limit::Text));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> ImportLimits {
        let mut l = ImportLimits::default();
        l.rows = 3;
        l.columns = 2;
        l.cells = 4;
        l.cell_chars = 5;
        l.text_bytes = 20;
        l
    }

    #[test]
    fn cells_within_the_limits_pass() {
        let l = limits();
        let b = Budget::new(&l);
        let mut g = TableGuard::new(&l, &b, Some("s"));
        g.cell(0, 0, "あいうえお").unwrap();
        g.cell(2, 1, "12345").unwrap();
        g.cell(1, 1, "").unwrap();
    }

    #[test]
    fn each_limit_is_named_with_the_place() {
        let l = limits();
        let b = Budget::new(&l);
        let mut g = TableGuard::new(&l, &b, Some("s"));
        let e = g.cell(3, 0, "x").unwrap_err();
        assert_eq!(
            (e.limit, e.row, e.sheet.as_deref()),
            (Limit::Rows, Some(4), Some("s"))
        );
        let e = g.cell(0, 2, "").unwrap_err();
        assert_eq!((e.limit, e.column.as_deref()), (Limit::Columns, Some("C")));
        let e = g.cell(1, 1, "あいうえおか").unwrap_err();
        assert_eq!((e.limit, e.row, e.value), (Limit::CellLength, Some(2), 5));

        let mut g = TableGuard::new(&l, &b, None);
        for i in 0..4 {
            g.cell(i % 3, 0, "a").unwrap();
        }
        assert_eq!(g.cell(0, 1, "a").unwrap_err().limit, Limit::Cells);

        let mut g = TableGuard::new(&l, &b, None);
        for i in 0..4 {
            g.cell(0, i % 2, "12345").unwrap();
        }
        let mut g = TableGuard::new(&l, &b, None);
        g.cell(0, 0, "12345").unwrap();
        for _ in 0..3 {
            g.copy("12345").unwrap();
        }
        assert_eq!(g.copy("1").unwrap_err().limit, Limit::Cells);
        let mut l2 = limits();
        l2.cells = 100;
        let mut g = TableGuard::new(&l2, &b, None);
        for _ in 0..4 {
            g.copy("12345").unwrap();
        }
        assert_eq!(g.copy("1").unwrap_err().limit, Limit::Text);
    }

    #[test]
    fn merged_visits_are_bounded() {
        let l = limits();
        let b = Budget::new(&l);
        let mut g = TableGuard::new(&l, &b, None);
        for _ in 0..4 {
            g.merged_cell().unwrap();
        }
        assert_eq!(g.merged_cell().unwrap_err().limit, Limit::Cells);
    }

    #[test]
    fn the_time_budget_is_checked_as_cells_are_read() {
        let l = ImportLimits::default();
        let b = Budget::new(&l);
        b.cancel();
        let mut g = TableGuard::new(&l, &b, None);
        let e = (0..STEPS_PER_CHECK as usize)
            .try_for_each(|i| g.cell(0, 0, if i % 2 == 0 { "a" } else { "" }))
            .unwrap_err();
        assert_eq!(e.limit, Limit::Time);
    }
}
