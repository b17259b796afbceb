//! A small builder for statements whose shape depends on the caller's reach or on filters.
//! The text is assembled from fixed fragments only; every value is a bound parameter.

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::{Arguments, AssertSqlSafe};

use anzen_app::StoreError;
use anzen_app::ports::Page;

use crate::other;

/// A bound value.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Int(i64),
}

/// A statement under construction.
#[derive(Debug, Default)]
pub struct Stmt {
    sql: String,
    args: Vec<Arg>,
}

impl Stmt {
    pub fn new(fragment: &'static str) -> Self {
        Self {
            sql: fragment.to_owned(),
            args: Vec::new(),
        }
    }

    /// Appends a fixed fragment.
    pub fn push(&mut self, fragment: &'static str) -> &mut Self {
        self.sql.push_str(fragment);
        self
    }

    /// Appends a placeholder bound to `arg`.
    pub fn bind(&mut self, arg: Arg) -> &mut Self {
        self.args.push(arg);
        self.sql.push('$');
        self.sql.push_str(&self.args.len().to_string());
        self
    }

    pub fn text(&mut self, value: impl Into<String>) -> &mut Self {
        self.bind(Arg::Text(value.into()))
    }

    pub fn int(&mut self, value: i64) -> &mut Self {
        self.bind(Arg::Int(value))
    }

    /// ` LIMIT $n OFFSET $m`.
    pub fn page(&mut self, page: Page) -> &mut Self {
        self.push(" LIMIT ")
            .int(page.limit)
            .push(" OFFSET ")
            .int(page.offset)
    }

    fn arguments(&self) -> Result<AnyArguments, StoreError> {
        let mut out = AnyArguments::default();
        for a in &self.args {
            let r = match a {
                Arg::Text(s) => out.add(s.clone()),
                Arg::Int(i) => out.add(*i),
            };
            r.map_err(|e| StoreError::Other(format!("cannot bind a value: {e}")))?;
        }
        Ok(out)
    }

    pub async fn fetch_all<'e, E>(&self, executor: E) -> Result<Vec<AnyRow>, StoreError>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query_with(AssertSqlSafe(self.sql.clone()), self.arguments()?)
            .fetch_all(executor)
            .await
            .map_err(other)
    }

    pub async fn fetch_optional<'e, E>(&self, executor: E) -> Result<Option<AnyRow>, StoreError>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query_with(AssertSqlSafe(self.sql.clone()), self.arguments()?)
            .fetch_optional(executor)
            .await
            .map_err(other)
    }

    /// The first column of the single row, as an integer (for counts).
    pub async fn fetch_count<'e, E>(&self, executor: E) -> Result<i64, StoreError>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        use sqlx::Row;
        let row = sqlx::query_with(AssertSqlSafe(self.sql.clone()), self.arguments()?)
            .fetch_one(executor)
            .await
            .map_err(other)?;
        row.try_get::<i64, _>(0).map_err(other)
    }
}
