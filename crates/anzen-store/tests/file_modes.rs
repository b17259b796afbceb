//! The embedded database is private: the database file and its -wal and -shm files are mode
//! 0600, the folders anzen creates for it 0700.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use anzen_app::ports::Store;
use anzen_store::{SqlStore, StoreOptions};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[tokio::test]
async fn a_new_database_and_its_folder_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data/anzen/anzen.db");
    let store = SqlStore::open(&StoreOptions::new(format!("sqlite://{}", db.display())))
        .await
        .unwrap();
    // A write, so that the write-ahead log and the shared-memory index exist.
    let tx = store.begin().await.unwrap();
    tx.commit().await.unwrap();
    store.ping().await.unwrap();
    for name in ["anzen.db", "anzen.db-wal", "anzen.db-shm"] {
        let path = db.with_file_name(name);
        assert_eq!(mode(&path), 0o600, "{name}");
    }
    assert_eq!(mode(&dir.path().join("data")), 0o700);
    assert_eq!(mode(&dir.path().join("data/anzen")), 0o700);
    store.close().await;
}

#[tokio::test]
async fn an_existing_database_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("anzen.db");
    std::fs::write(&db, b"").unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o640)).unwrap();
    let store = SqlStore::open(&StoreOptions::new(format!("sqlite://{}", db.display())))
        .await
        .unwrap();
    assert_eq!(mode(&db), 0o640);
    store.close().await;
}
