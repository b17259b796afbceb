//! Inserting an archive's rows: batches of multi-row `INSERT`s with bound values.

use sqlx::any::AnyArguments;
use sqlx::{AnyConnection, Arguments, AssertSqlSafe};

use anzen_app::StoreError;

use super::BackupError;
use super::format::Cell;
use super::load::changed;
use super::schema::{Kind, Table, quote};
use crate::other;

/// Parameters in one `INSERT` (well under SQLite's and PostgreSQL's limits).
const MAX_PARAMETERS: usize = 8_000;
/// Rows in one `INSERT`.
const MAX_BATCH: usize = 256;

/// Inserts the rows of one table in batches.
pub(super) struct Loader {
    pub table: String,
    columns: Vec<String>,
    kinds: Vec<Kind>,
    batch: Vec<Vec<Cell>>,
    capacity: usize,
    full_sql: Option<String>,
    pub rows: u64,
}

impl Loader {
    pub fn new(table: &Table, columns: Vec<String>) -> Result<Self, BackupError> {
        let kinds = columns
            .iter()
            .map(|c| table.column(c).map(|c| c.kind).ok_or_else(changed))
            .collect::<Result<Vec<_>, _>>()?;
        let capacity = (MAX_PARAMETERS / columns.len().max(1)).clamp(1, MAX_BATCH);
        Ok(Self {
            table: table.name.clone(),
            columns,
            kinds,
            batch: Vec::with_capacity(capacity),
            capacity,
            full_sql: None,
            rows: 0,
        })
    }

    pub fn push(&mut self, cells: Vec<Cell>) {
        self.batch.push(cells);
        self.rows += 1;
    }

    pub fn is_full(&self) -> bool {
        self.batch.len() >= self.capacity
    }

    fn insert_sql(&self, rows: usize) -> String {
        let width = self.columns.len();
        let values: Vec<String> = (0..rows)
            .map(|r| {
                let params: Vec<String> =
                    (1..=width).map(|c| format!("${}", r * width + c)).collect();
                format!("({})", params.join(", "))
            })
            .collect();
        format!(
            "INSERT INTO {} ({}) VALUES {}",
            quote(&self.table),
            self.columns
                .iter()
                .map(|c| quote(c))
                .collect::<Vec<_>>()
                .join(", "),
            values.join(", ")
        )
    }

    pub async fn flush(&mut self, conn: &mut AnyConnection) -> Result<(), BackupError> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let sql = if self.batch.len() == self.capacity {
            match &self.full_sql {
                Some(sql) => sql.clone(),
                None => {
                    let sql = self.insert_sql(self.capacity);
                    self.full_sql = Some(sql.clone());
                    sql
                }
            }
        } else {
            self.insert_sql(self.batch.len())
        };
        let mut args = AnyArguments::default();
        for row in self.batch.drain(..) {
            for (cell, kind) in row.into_iter().zip(&self.kinds) {
                bind(&mut args, cell, *kind)?;
            }
        }
        sqlx::query_with(AssertSqlSafe(sql), args)
            .execute(&mut *conn)
            .await
            .map_err(|e| match other(e) {
                StoreError::Other(m) | StoreError::Conflict(m) => {
                    BackupError::Internal(format!("cannot load table `{}`: {m}", self.table))
                }
                e => BackupError::Store(e),
            })?;
        Ok(())
    }
}

/// Binds a value; a null with the column's type, so that PostgreSQL accepts it.
fn bind(args: &mut AnyArguments, cell: Cell, kind: Kind) -> Result<(), BackupError> {
    let added = match cell {
        Cell::Null => match kind {
            Kind::Int => args.add(None::<i64>),
            Kind::Real => args.add(None::<f64>),
            Kind::Text => args.add(None::<String>),
            Kind::Bool => args.add(None::<bool>),
            Kind::Blob => args.add(None::<Vec<u8>>),
        },
        Cell::Bool(b) => args.add(b),
        Cell::Int(n) => args.add(n),
        Cell::Real(f) => args.add(f),
        Cell::Text(s) => args.add(s),
        Cell::Blob(b) => args.add(b),
    };
    added.map_err(|e| BackupError::Internal(format!("cannot bind a value: {e}")))
}
