//! Opening an existing database and audit key, for the commands that only read: a missing
//! one is an error that names the path looked at, never created.

use std::sync::Arc;

use anzen_app::ports::Store;
use anzen_app::{App, SystemClock};
use anzen_store::{ExistingError, SqlStore, StoreOptions};

use super::{bad_input, redact_url};
use crate::config::Config;

/// Opens the configured database, which must exist and be migrated, and the audit key,
/// which must exist. Creates nothing.
pub async fn open_existing_app(config: &Config) -> anyhow::Result<App> {
    anzen_app::catalogs::builtin()
        .map_err(|e| anyhow::anyhow!("a built-in catalogue is invalid: {e}"))?;
    let url = redact_url(&config.database.url);
    let mut options = StoreOptions::new(&config.database.url);
    options.max_connections = config.database.max_connections;
    let store = SqlStore::open_existing(&options)
        .await
        .map_err(|e| match e {
            ExistingError::Missing(path) => bad_input(format!(
                "there is no database at {} (database URL {url}); this command only reads and \
             creates none. Create one with `anzen migrate`, or name the right one with \
             --database-url or ANZEN_DATABASE_URL",
                path.display()
            )),
            ExistingError::NotMigrated | ExistingError::Behind { .. } => bad_input(format!(
                "{e} (database URL {url}); this command only reads and changes no schema: run \
             `anzen migrate` first"
            )),
            ExistingError::Newer(e) => bad_input(format!("{e} (database URL {url})")),
            ExistingError::Store(e) => {
                anyhow::Error::new(e).context(format!("cannot open the database {url}"))
            }
        })?;
    let key = &config.audit.key_path;
    if !key.is_file() {
        store.close().await;
        return Err(bad_input(format!(
            "there is no audit key at {}; this command only reads and creates none. Name the \
             server's key with audit.key_path in the configuration or ANZEN_AUDIT_KEY",
            key.display()
        )));
    }
    let signer = crate::keys::load(key)?;
    let store: Arc<dyn Store> = Arc::new(store);
    Ok(App::new(store, Arc::new(SystemClock), Arc::new(signer)))
}
