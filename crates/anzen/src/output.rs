//! Terminal output: aligned tables (Japanese characters count as two columns) and JSON.

use unicode_width::UnicodeWidthStr;

/// A plain-text table.
#[derive(Debug, Default)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new<I: IntoIterator<Item = S>, S: Into<String>>(header: I) -> Self {
        Self {
            header: header.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row<I: IntoIterator<Item = S>, S: Into<String>>(&mut self, cells: I) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn render(&self) -> String {
        let cols = self.header.len();
        let mut widths = vec![0usize; cols];
        for row in std::iter::once(&self.header).chain(&self.rows) {
            for (i, cell) in row.iter().enumerate().take(cols) {
                widths[i] = widths[i].max(cell.width());
            }
        }
        let mut out = String::new();
        let line = |row: &Vec<String>, out: &mut String| {
            for (i, cell) in row.iter().enumerate().take(cols) {
                out.push_str(cell);
                if i + 1 < cols {
                    out.push_str(&" ".repeat(widths[i] - cell.width() + 2));
                }
            }
            out.push('\n');
        };
        line(&self.header, &mut out);
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(&rule, &mut out);
        for row in &self.rows {
            line(row, &mut out);
        }
        out
    }
}

/// Prints a table, or a helpful line when it has no rows.
pub fn print_table(table: &Table, empty_message: &str) {
    if table.is_empty() {
        println!("{empty_message}");
    } else {
        print!("{}", table.render());
    }
}

/// Prints a value as pretty JSON.
pub fn print_json(value: &serde_json::Value) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("JSON values serialise")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_align() {
        let mut t = Table::new(["名前", "kind"]);
        t.row(["みなと総合病院", "hospital"]);
        t.row(["X", "clinic"]);
        let text = t.render();
        let lines: Vec<&str> = text.lines().collect();
        let col = |l: &str| {
            l.find("hospital")
                .or_else(|| l.find("clinic"))
                .map(|i| l[..i].width())
        };
        assert_eq!(col(lines[2]), col(lines[3]));
    }
}
