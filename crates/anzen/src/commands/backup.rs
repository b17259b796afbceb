//! `anzen backup FILE` and `anzen restore FILE`: a signed, logical archive of the whole
//! database, taken while anzen keeps running, and its checked restore into an empty database.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use tokio::io::AsyncWriteExt;

use anzen_app::ports::Store;
use anzen_app::{App, Ed25519Signer, SystemClock};
use anzen_store::backup::{self, BackupError, Manifest, Progress};
use anzen_store::{SqlStore, StoreOptions};

use super::{bad_input, redact_url};
use crate::config::Config;

/// Writes the archive to `file` (never over an existing file): first to `FILE.partial`,
/// renamed when complete, so that a failed run leaves nothing that looks like a backup.
pub async fn backup(config: &Config, file: &Path) -> anyhow::Result<()> {
    if file.exists() {
        return Err(bad_input(format!(
            "{}: already exists; a backup never replaces a file, choose a new name",
            file.display()
        )));
    }
    let signer = load_key(config, "the backup is signed")?;
    if let Some(path) = sqlite_path(&config.database.url)
        && !path.is_file()
    {
        return Err(bad_input(format!(
            "no database at {} (database.url {})",
            path.display(),
            redact_url(&config.database.url)
        )));
    }
    let store = connect(config).await?;
    let partial = partial_path(file);
    let out = create_private(&partial)?;
    let out = tokio::io::BufWriter::with_capacity(1 << 20, tokio::fs::File::from_std(out));
    let result = store
        .backup(out, &*signer, env!("CARGO_PKG_VERSION"), &mut report)
        .await;
    store.close().await;
    let finished = match result {
        Ok((manifest, mut out)) => finish_file(&mut out, &partial, file)
            .await
            .map(|()| manifest),
        Err(e) => Err(failure(e)),
    };
    let manifest = match finished {
        Ok(manifest) => manifest,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    };
    println!(
        "backup written to {}: {} tables, {} rows, audit chain at entry {}, migration level {}, \
         signed with audit key {}",
        file.display(),
        manifest.tables.len(),
        manifest.total_rows(),
        manifest.audit.last_seq,
        manifest.migration_level,
        manifest.key_id
    );
    Ok(())
}

/// Checks the whole archive, restores it into the configured (empty) database, brings the
/// database to this anzen's migration level and verifies the audit chain; a chain that does
/// not verify removes the restored rows again.
pub async fn restore(config: &Config, file: &Path) -> anyhow::Result<()> {
    if !file.is_file() {
        return Err(bad_input(format!("{}: no such archive", file.display())));
    }
    let signer = load_key(config, "the restore checks the archive's signature")?;
    let manifest = backup::check_archive(file, &*signer, &mut report)
        .await
        .map_err(|e| refused(file, e))?;
    eprintln!(
        "archive checked: {} tables, {} rows from {} (anzen {}, migration level {}, {})",
        manifest.tables.len(),
        manifest.total_rows(),
        manifest.backend,
        manifest.anzen_version,
        manifest.migration_level,
        manifest.created_at
    );
    // Before anything is created: this anzen must know the archive's migrations.
    let backend = anzen_store::backend_of(&config.database.url)?;
    backup::check_level(&manifest, backend).map_err(|e| refused(file, e))?;
    config.prepare_storage()?;
    let store = connect(config).await?;
    let restored = store
        .restore(file, &manifest, &*signer, &mut report)
        .await
        .map_err(|e| refused(file, e));
    let restored = match restored {
        Ok(r) => r,
        Err(e) => {
            store.close().await;
            return Err(e);
        }
    };
    let verified = verify_restored(&store, signer.clone(), &manifest).await;
    if let Err(e) = verified {
        let undone = store.undo_restore(&restored).await;
        store.close().await;
        let then = match undone {
            Ok(()) => "the restore was undone: the database holds no restored rows".to_owned(),
            Err(u) => {
                format!(
                    "the restore could not be undone ({u}); empty the database before trying again"
                )
            }
        };
        let message = format!("{e:#}; {then}");
        return Err(if e.downcast_ref::<super::BadInput>().is_some() {
            bad_input(message)
        } else {
            anyhow::anyhow!(message)
        });
    }
    store.close().await;
    println!(
        "restored {} into {}: {} tables, {} rows; the audit trail verifies ({} entries, key {})",
        file.display(),
        redact_url(&config.database.url),
        manifest.tables.len(),
        manifest.total_rows(),
        manifest.audit.last_seq,
        manifest.key_id
    );
    Ok(())
}

/// Migrates to this anzen's level and verifies the chain as `anzen audit verify` does: it
/// must be whole and end where the archive's head says.
async fn verify_restored(
    store: &SqlStore,
    signer: Arc<Ed25519Signer>,
    manifest: &Manifest,
) -> anyhow::Result<()> {
    store
        .migrate()
        .await
        .context("cannot bring the restored database to this anzen's migration level")?;
    let store: Arc<dyn Store> = Arc::new(store.clone());
    let app = App::new(store, Arc::new(SystemClock), signer);
    let report = app.verify_audit().await?;
    if let Some(broken) = report.first_break {
        return Err(bad_input(format!(
            "the restored audit trail does not verify: {broken}"
        )));
    }
    if report.entries != manifest.audit.last_seq {
        return Err(bad_input(format!(
            "the restored audit trail has {} entries, but the archive's head is at entry {}",
            report.entries, manifest.audit.last_seq
        )));
    }
    Ok(())
}

fn load_key(config: &Config, why: &str) -> anyhow::Result<Arc<Ed25519Signer>> {
    let path = &config.audit.key_path;
    if !path.is_file() {
        anyhow::bail!(
            "no audit key at {}: {why} with the audit key; put a copy of the key kept apart \
             from the backups there, or set audit.key_path (ANZEN_AUDIT_KEY)",
            path.display()
        );
    }
    Ok(Arc::new(crate::keys::load(path)?))
}

async fn connect(config: &Config) -> anyhow::Result<SqlStore> {
    let mut options = StoreOptions::new(&config.database.url);
    options.max_connections = 2;
    SqlStore::connect(&options).await.with_context(|| {
        format!(
            "cannot open the database {}",
            redact_url(&config.database.url)
        )
    })
}

/// The file of a SQLite URL.
fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

fn partial_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

/// Creates a new file readable by its owner only: the archive holds password hashes and
/// the authenticator secrets.
fn create_private(path: &Path) -> anyhow::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .map_err(|e| bad_input(format!("{}: cannot create the file: {e}", path.display())))
}

async fn finish_file(
    out: &mut tokio::io::BufWriter<tokio::fs::File>,
    partial: &Path,
    file: &Path,
) -> anyhow::Result<()> {
    out.flush().await?;
    out.get_mut()
        .sync_all()
        .await
        .with_context(|| format!("cannot write {}", partial.display()))?;
    std::fs::rename(partial, file)
        .with_context(|| format!("cannot rename {} to {}", partial.display(), file.display()))
}

fn failure(e: BackupError) -> anyhow::Error {
    if e.is_callers_fault() {
        bad_input(e)
    } else {
        anyhow::Error::new(e)
    }
}

/// A failed restore, which wrote no rows.
fn refused(file: &Path, e: BackupError) -> anyhow::Error {
    let message = format!("{}: {e}; nothing was restored", file.display());
    if e.is_callers_fault() {
        bad_input(message)
    } else {
        anyhow::anyhow!(message)
    }
}

/// Progress on standard error, one line per table (and per 100,000 rows of a long one).
fn report(progress: Progress<'_>) {
    match progress {
        Progress::Table {
            phase,
            table,
            rows,
            done,
            total,
        } => match total {
            Some(total) => eprintln!("{} [{done}/{total}] {table}: {rows} rows", phase.label()),
            None => eprintln!("{} [{done}] {table}: {rows} rows", phase.label()),
        },
        Progress::Rows { phase, table, rows } => {
            eprintln!("… {table}: {rows} rows {}", phase.label());
        }
    }
}
