//! anzen's tables as the database itself describes them: names, columns with their kinds,
//! primary keys and foreign keys, read from the catalogue (`sqlite_master` and the pragmas on
//! SQLite, `information_schema` and `pg_constraint` on PostgreSQL), never from a list kept in
//! the code, so that a table or column added by a later migration is copied too.

use std::collections::{BTreeMap, BTreeSet};

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AssertSqlSafe, Row, ValueRef as _};

use anzen_app::ports::Backend;

use super::BackupError;
use super::format::{AppliedMigration, Cell};
use crate::other;

/// How a column's values are bound and ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Int,
    Real,
    Text,
    Bool,
    Blob,
}

#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub name: String,
    pub kind: Kind,
}

#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    /// The primary key's columns in key order (empty when the table has none).
    pub key: Vec<String>,
    /// Tables this one refers to, other than itself.
    pub parents: BTreeSet<String>,
    /// Foreign keys from the table to itself (constraint names on PostgreSQL).
    pub self_refs: Vec<String>,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    pub fn column_names(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.name.clone()).collect()
    }
}

/// Quotes an identifier for both dialects.
pub(crate) fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

async fn texts(
    conn: &mut AnyConnection,
    sql: &'static str,
    arg: Option<&str>,
) -> Result<Vec<Vec<String>>, BackupError> {
    let mut query = sqlx::query(sql);
    if let Some(arg) = arg {
        query = query.bind(arg.to_owned());
    }
    let rows = query.fetch_all(&mut *conn).await.map_err(other)?;
    rows.iter()
        .map(|row| {
            (0..row.len())
                .map(|i| row.try_get::<String, _>(i).map_err(|e| other(e).into()))
                .collect()
        })
        .collect()
}

/// The migrations applied to the database, or `None` when it was never migrated.
pub(crate) async fn applied_migrations(
    conn: &mut AnyConnection,
    backend: Backend,
) -> Result<Option<Vec<AppliedMigration>>, BackupError> {
    let exists = match backend {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"
        }
        Backend::Postgres => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'"
        }
    };
    if texts(conn, exists, None).await?.is_empty() {
        return Ok(None);
    }
    let rows = sqlx::query(
        "SELECT version, description FROM _sqlx_migrations WHERE success ORDER BY version",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(other)?;
    let applied = rows
        .iter()
        .map(|row| {
            Ok(AppliedMigration {
                version: row.try_get("version").map_err(other)?,
                description: row.try_get("description").map_err(other)?,
            })
        })
        .collect::<Result<Vec<_>, BackupError>>()?;
    Ok(Some(applied))
}

/// Every table but sqlx's own, parents before children.
pub(crate) async fn tables(
    conn: &mut AnyConnection,
    backend: Backend,
) -> Result<Vec<Table>, BackupError> {
    let mut tables = BTreeMap::new();
    let names = match backend {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite!_%' ESCAPE '!' AND name <> '_sqlx_migrations'"
        }
        Backend::Postgres => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
             AND table_name <> '_sqlx_migrations'"
        }
    };
    for row in texts(conn, names, None).await? {
        let name = row[0].clone();
        let table = match backend {
            Backend::Sqlite => sqlite_table(conn, &name).await?,
            Backend::Postgres => postgres_table(conn, &name).await?,
        };
        tables.insert(name, table);
    }
    if backend == Backend::Postgres {
        let fks = texts(
            conn,
            "SELECT con.conname::text, child.relname::text, parent.relname::text \
             FROM pg_constraint con \
             JOIN pg_class child ON child.oid = con.conrelid \
             JOIN pg_class parent ON parent.oid = con.confrelid \
             JOIN pg_namespace n ON n.oid = child.relnamespace \
             WHERE con.contype = 'f' AND n.nspname = current_schema()",
            None,
        )
        .await?;
        for fk in fks {
            if let Some(table) = tables.get_mut(&fk[1]) {
                if fk[1] == fk[2] {
                    table.self_refs.push(fk[0].clone());
                } else {
                    table.parents.insert(fk[2].clone());
                }
            }
        }
    }
    foreign_key_order(tables)
}

async fn sqlite_table(conn: &mut AnyConnection, name: &str) -> Result<Table, BackupError> {
    let rows = sqlx::query("SELECT name, \"type\", pk FROM pragma_table_info($1) ORDER BY cid")
        .bind(name.to_owned())
        .fetch_all(&mut *conn)
        .await
        .map_err(other)?;
    let mut columns = Vec::new();
    let mut key = Vec::new();
    for row in &rows {
        let column: String = row.try_get("name").map_err(other)?;
        let declared: String = row.try_get("type").map_err(other)?;
        let pk: i64 = row.try_get("pk").map_err(other)?;
        if pk > 0 {
            key.push((pk, column.clone()));
        }
        columns.push(Column {
            name: column,
            kind: sqlite_kind(&declared),
        });
    }
    key.sort();
    let mut table = Table {
        name: name.to_owned(),
        columns,
        key: key.into_iter().map(|(_, c)| c).collect(),
        parents: BTreeSet::new(),
        self_refs: Vec::new(),
    };
    for fk in texts(
        conn,
        "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list($1)",
        Some(name),
    )
    .await?
    {
        if fk[0] == name {
            table.self_refs.push(String::new());
        } else {
            table.parents.insert(fk[0].clone());
        }
    }
    Ok(table)
}

/// SQLite's type affinity rules (section 3.1 of its documentation on data types).
fn sqlite_kind(declared: &str) -> Kind {
    let t = declared.to_ascii_uppercase();
    if t.contains("INT") {
        Kind::Int
    } else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") {
        Kind::Text
    } else if t.contains("BLOB") || t.is_empty() {
        Kind::Blob
    } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
        Kind::Real
    } else {
        Kind::Int
    }
}

async fn postgres_table(conn: &mut AnyConnection, name: &str) -> Result<Table, BackupError> {
    let mut columns = Vec::new();
    for row in texts(
        conn,
        "SELECT column_name::text, data_type::text FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        Some(name),
    )
    .await?
    {
        let kind = match row[1].as_str() {
            "bigint" | "integer" | "smallint" => Kind::Int,
            "text" | "character varying" => Kind::Text,
            "boolean" => Kind::Bool,
            "double precision" | "real" => Kind::Real,
            "bytea" => Kind::Blob,
            other => {
                return Err(BackupError::Internal(format!(
                    "column {name}.{} has the type `{other}`, which a backup cannot carry \
                     (supported: bigint, integer, smallint, text, varchar, boolean, \
                     double precision, real, bytea)",
                    row[0]
                )));
            }
        };
        columns.push(Column {
            name: row[0].clone(),
            kind,
        });
    }
    let key = texts(
        conn,
        "SELECT k.column_name::text FROM information_schema.table_constraints c \
         JOIN information_schema.key_column_usage k \
           ON k.constraint_schema = c.constraint_schema \
          AND k.constraint_name = c.constraint_name AND k.table_name = c.table_name \
         WHERE c.table_schema = current_schema() AND c.table_name = $1 \
           AND c.constraint_type = 'PRIMARY KEY' \
         ORDER BY k.ordinal_position",
        Some(name),
    )
    .await?
    .into_iter()
    .map(|mut r| r.remove(0))
    .collect();
    Ok(Table {
        name: name.to_owned(),
        columns,
        key,
        parents: BTreeSet::new(),
        self_refs: Vec::new(),
    })
}

/// Orders tables so that every table comes after the tables it refers to; among the tables
/// ready at each step, by name, so that both backends give the same order.
fn foreign_key_order(mut tables: BTreeMap<String, Table>) -> Result<Vec<Table>, BackupError> {
    let mut ordered: Vec<Table> = Vec::with_capacity(tables.len());
    let mut placed = BTreeSet::new();
    while !tables.is_empty() {
        let ready = tables
            .values()
            .find(|t| {
                t.parents
                    .iter()
                    .all(|p| placed.contains(p) || !tables.contains_key(p))
            })
            .map(|t| t.name.clone());
        let Some(name) = ready else {
            let names: Vec<&str> = tables.keys().map(String::as_str).collect();
            return Err(BackupError::Internal(format!(
                "the tables {} refer to each other in a cycle; a backup cannot order them",
                names.join(", ")
            )));
        };
        if let Some(table) = tables.remove(&name) {
            placed.insert(name);
            ordered.push(table);
        }
    }
    Ok(ordered)
}

/// `SELECT` of `columns` of `table` in the archive's row order: by primary key (or by every
/// column when there is none), text in byte order on both backends.
pub(crate) fn select_sql(table: &Table, columns: &[String], backend: Backend) -> String {
    let list: Vec<String> = columns.iter().map(|c| quote(c)).collect();
    let keys: Vec<&str> = if table.key.is_empty() {
        table.columns.iter().map(|c| c.name.as_str()).collect()
    } else {
        table.key.iter().map(String::as_str).collect()
    };
    let order: Vec<String> = keys
        .iter()
        .map(|k| {
            let text = table.column(k).is_some_and(|c| c.kind == Kind::Text);
            let collate = match (text, backend) {
                (false, _) => "",
                (true, Backend::Sqlite) => " COLLATE BINARY",
                (true, Backend::Postgres) => " COLLATE \"C\"",
            };
            format!("{}{collate} NULLS FIRST", quote(k))
        })
        .collect();
    format!(
        "SELECT {} FROM {} ORDER BY {}",
        list.join(", "),
        quote(&table.name),
        order.join(", ")
    )
}

/// Runs a statement built from catalogue names (quoted) only.
pub(crate) async fn execute(conn: &mut AnyConnection, sql: String) -> Result<(), BackupError> {
    sqlx::query(AssertSqlSafe(sql))
        .execute(&mut *conn)
        .await
        .map_err(other)?;
    Ok(())
}

/// The values of a row, read by their type.
pub(crate) fn cells(row: &AnyRow) -> Result<Vec<Cell>, BackupError> {
    use sqlx::any::AnyTypeInfoKind as K;
    (0..row.len())
        .map(|i| {
            let raw = row.try_get_raw(i).map_err(other)?;
            if raw.is_null() {
                return Ok(Cell::Null);
            }
            let kind = raw.type_info().kind();
            let cell = match kind {
                K::Null => Cell::Null,
                K::Bool => Cell::Bool(row.try_get(i).map_err(other)?),
                K::SmallInt | K::Integer | K::BigInt => Cell::Int(row.try_get(i).map_err(other)?),
                K::Real => Cell::Real(f64::from(row.try_get::<f32, _>(i).map_err(other)?)),
                K::Double => Cell::Real(row.try_get(i).map_err(other)?),
                K::Text => Cell::Text(row.try_get(i).map_err(other)?),
                K::Blob => Cell::Blob(row.try_get(i).map_err(other)?),
            };
            Ok(cell)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str, parents: &[&str]) -> Table {
        Table {
            name: name.to_owned(),
            columns: vec![Column {
                name: "id".into(),
                kind: Kind::Text,
            }],
            key: vec!["id".into()],
            parents: parents.iter().map(|p| (*p).to_owned()).collect(),
            self_refs: Vec::new(),
        }
    }

    #[test]
    fn parents_come_first_and_the_order_is_stable() {
        let tables: BTreeMap<String, Table> = [
            table("a_child", &["z_parent"]),
            table("z_parent", &[]),
            table("m_grandchild", &["a_child", "z_parent"]),
            table("b_free", &[]),
        ]
        .into_iter()
        .map(|t| (t.name.clone(), t))
        .collect();
        let names: Vec<String> = foreign_key_order(tables)
            .unwrap()
            .into_iter()
            .map(|t| t.name)
            .collect();
        assert_eq!(names, ["b_free", "z_parent", "a_child", "m_grandchild"]);
    }

    #[test]
    fn a_cycle_is_named() {
        let tables: BTreeMap<String, Table> = [table("a", &["b"]), table("b", &["a"])]
            .into_iter()
            .map(|t| (t.name.clone(), t))
            .collect();
        let err = foreign_key_order(tables).unwrap_err().to_string();
        assert!(err.contains("a, b"), "{err}");
    }

    #[test]
    fn rows_are_ordered_by_key_in_byte_order() {
        let t = table("t", &[]);
        assert_eq!(
            select_sql(&t, &["id".to_owned()], Backend::Postgres),
            "SELECT \"id\" FROM \"t\" ORDER BY \"id\" COLLATE \"C\" NULLS FIRST"
        );
        assert_eq!(
            select_sql(&t, &["id".to_owned()], Backend::Sqlite),
            "SELECT \"id\" FROM \"t\" ORDER BY \"id\" COLLATE BINARY NULLS FIRST"
        );
        assert_eq!(quote("a\"b"), "\"a\"\"b\"");
        assert_eq!(sqlite_kind("BIGINT"), Kind::Int);
        assert_eq!(sqlite_kind("TEXT"), Kind::Text);
    }
}
