//! The migrations compiled into the binary (listed by `build.rs`), as sqlx migrators.
//!
//! `Migration::new` checksums the SQL as `sqlx::migrate!` did (SHA-384 of the file's text), so
//! a database migrated by an anzen built with the macro is recognised migration by migration
//! (the upgrade tests open databases of schema 16 and verify every row after migrating).

use std::borrow::Cow;
use std::sync::LazyLock;

use sqlx::SqlStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};

mod files {
    include!(concat!(env!("OUT_DIR"), "/migrations.rs"));
}

pub(crate) static SQLITE_MIGRATIONS: LazyLock<Migrator> = LazyLock::new(|| migrator(files::SQLITE));
pub(crate) static POSTGRES_MIGRATIONS: LazyLock<Migrator> =
    LazyLock::new(|| migrator(files::POSTGRES));

fn migrator(files: &'static [(i64, &'static str, &'static str)]) -> Migrator {
    Migrator::with_migrations(
        files
            .iter()
            .map(|&(version, description, sql)| {
                Migration::new(
                    version,
                    Cow::Borrowed(description),
                    MigrationType::Simple,
                    SqlStr::from_static(sql),
                    sql.starts_with("-- no-transaction"),
                )
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// What the binary embeds is what sqlx resolves from the files at run time (the resolver
    /// `sqlx::migrate!` used): the same versions, descriptions, SQL and checksums, so databases
    /// migrated by earlier builds verify against this one.
    #[tokio::test]
    async fn embedded_migrations_match_sqlx_reading_the_files() {
        for (dir, embedded) in [
            ("sqlite", &*SQLITE_MIGRATIONS),
            ("postgres", &*POSTGRES_MIGRATIONS),
        ] {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("migrations")
                .join(dir);
            let resolved = Migrator::new(path.as_path())
                .await
                .expect("sqlx reads the directory");
            let shape = |m: &Migrator| {
                m.iter()
                    .map(|m| {
                        let sql = m.sql.as_str().to_owned();
                        (
                            m.version,
                            m.description.to_string(),
                            sql,
                            m.checksum.to_vec(),
                            m.no_tx,
                        )
                    })
                    .collect::<Vec<_>>()
            };
            let (ours, theirs) = (shape(embedded), shape(&resolved));
            assert!(
                ours.len() >= 21,
                "{dir}: {} migrations embedded",
                ours.len()
            );
            assert_eq!(
                ours, theirs,
                "{dir}: embedded migrations differ from the files"
            );
        }
    }
}
