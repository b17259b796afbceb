//! Migrations come in pairs: every SQLite migration has a PostgreSQL twin of the same name
//! and vice versa, both in the files on disk and in what the binary embeds.

use std::path::Path;

use anzen_app::ports::Backend;
use anzen_store::SqlStore;

fn listing(dir: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(dir);
    let mut names: Vec<String> = std::fs::read_dir(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn migration_files_pair_up() {
    let sqlite = listing("sqlite");
    let postgres = listing("postgres");
    assert!(!sqlite.is_empty());
    assert_eq!(
        sqlite, postgres,
        "migrations/sqlite and migrations/postgres must hold the same file names"
    );
    for name in &sqlite {
        assert!(
            name.ends_with(".sql")
                && name
                    .split('_')
                    .next()
                    .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit())),
            "{name}: expected NNNN_description.sql"
        );
    }
}

#[test]
fn embedded_migrations_pair_up() {
    assert_eq!(
        SqlStore::migration_names(Backend::Sqlite),
        SqlStore::migration_names(Backend::Postgres)
    );
}
