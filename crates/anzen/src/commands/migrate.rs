//! `anzen migrate`: bring the database to this anzen's schema; with `--check`, only say which
//! migrations it still needs (exit status 1 when some are pending, 0 when none), changing
//! nothing and creating no database.

use anzen_app::ports::Backend;
use anzen_store::{Migration, SqlStore, StoreOptions, backend_of, sqlite_path};

use super::{bad_input, redact_url};
use crate::config::Config;
use crate::output::{Table, print_table};

/// `migrate --check` found migrations to apply: exit status 1.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Pending(pub String);

/// Lists the migrations the database still needs, applying none.
pub async fn check(config: &Config) -> anyhow::Result<()> {
    let url = redact_url(&config.database.url);
    let backend = backend_of(&config.database.url).map_err(bad_input)?;
    let status = match sqlite_path(&config.database.url).filter(|p| !p.is_file()) {
        // No file: every migration is pending, and the check creates none.
        Some(path) => {
            println!("there is no database at {} yet", path.display());
            anzen_store::status_of(backend, &[])
        }
        None => {
            let mut options = StoreOptions::new(existing_only(&config.database.url, backend));
            options.max_connections = 1;
            let store = SqlStore::connect(&options).await.map_err(|e| {
                anyhow::Error::new(e).context(format!("cannot open the database {url}"))
            })?;
            let status = store.schema_status().await;
            store.close().await;
            status?
        }
    };
    status
        .refuse_newer(backend)
        .map_err(|e| bad_input(format!("{e} (database URL {url})")))?;
    let latest = anzen_store::latest_version(backend);
    if status.pending.is_empty() {
        println!(
            "the database is up to date: schema version {latest} ({})",
            backend.name()
        );
        return Ok(());
    }
    print_migrations(&status.pending);
    let advice = if status.applied.is_empty() {
        "create it with `anzen migrate`"
    } else {
        "take a backup (`anzen backup FILE`), then apply them with `anzen migrate`"
    };
    Err(Pending(format!(
        "{} pending migration(s): the database is at schema version {}, this anzen needs {latest} \
         ({}, {url}); {advice}",
        status.pending.len(),
        status.database_version(),
        backend.name(),
    ))
    .into())
}

/// What `anzen migrate` prints after applying `applied`.
pub fn report(backend: Backend, applied: &[Migration]) {
    let latest = anzen_store::latest_version(backend);
    if applied.is_empty() {
        println!(
            "the database is up to date: schema version {latest} ({}); nothing applied",
            backend.name()
        );
        return;
    }
    print_migrations(applied);
    println!(
        "{} migration(s) applied: the database is at schema version {latest} ({})",
        applied.len(),
        backend.name()
    );
}

fn print_migrations(migrations: &[Migration]) {
    let mut table = Table::new(["VERSION", "MIGRATION"]);
    for m in migrations {
        table.row([format!("{:04}", m.version), m.description.clone()]);
    }
    print_table(&table, "no migrations");
}

/// The URL with SQLite told not to create the file (`mode=rw`).
fn existing_only(url: &str, backend: Backend) -> String {
    if backend != Backend::Sqlite {
        return url.to_owned();
    }
    if url.contains("mode=") {
        url.replace("mode=rwc", "mode=rw")
    } else {
        let sep = if url.contains('?') { '&' } else { '?' };
        format!("{url}{sep}mode=rw")
    }
}
