//! The embedded database's files are private: a new SQLite database file is created mode
//! 0600 before SQLite opens it, and the folders anzen creates for it 0700. SQLite gives its
//! `-wal` and `-shm` files the mode of the database file, so they are 0600 too. An existing
//! file keeps its mode (it is the administrator's); a warning names one others can read.

use std::path::Path;

use anzen_app::StoreError;

/// Creates a folder and its missing parents, each new one mode 0700.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Before SQLite opens the database at `url`: creates its folder (0700) and an empty
/// database file (0600) when missing.
pub(crate) fn prepare_sqlite_file(url: &str) -> Result<(), StoreError> {
    let Some(path) = crate::existing::sqlite_path(url) else {
        return Ok(());
    };
    // `mode=ro` and `mode=rw` open an existing file only: nothing to create.
    let query = url.split_once('?').map_or("", |(_, q)| q);
    if query.split('&').any(|p| p == "mode=ro" || p == "mode=rw") {
        return Ok(());
    }
    let fail = |what: &str, p: &Path, e: std::io::Error| {
        StoreError::Other(format!("cannot create the {what} {}: {e}", p.display()))
    };
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
        && !dir.exists()
    {
        create_private_dir(dir).map_err(|e| fail("database folder", dir, e))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(&path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            warn_if_readable_by_others(&path);
            Ok(())
        }
        Err(e) => Err(fail("database file", &path, e)),
    }
}

fn warn_if_readable_by_others(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path)
            && meta.is_file()
            && meta.permissions().mode() & 0o077 != 0
        {
            tracing::warn!(
                path = %path.display(),
                mode = format!("{:o}", meta.permissions().mode() & 0o777),
                "the database file can be read by other users; make it private with chmod 600 \
                 (with its -wal and -shm files)"
            );
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}
