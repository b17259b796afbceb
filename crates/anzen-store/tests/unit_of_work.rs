//! The store's side of "one unit of work per use-case": a transaction reads inside itself, a
//! task that holds a transaction is refused a second connection (debug builds), writers of one
//! process take turns, and a writer that cannot get its turn in time is told the database is
//! busy (a 503 upstream), never given a failure.

use std::sync::Arc;
use std::time::Duration;

use anzen_app::StoreError;
use anzen_app::ports::{OrgReads, Reach, Store};
use anzen_domain::ids::OrgId;
use anzen_store::{SqlStore, StoreOptions};

async fn sqlite(dir: &tempfile::TempDir, options: impl FnOnce(&mut StoreOptions)) -> SqlStore {
    let mut o = StoreOptions::new(format!(
        "sqlite://{}",
        dir.path().join("anzen.db").display()
    ));
    options(&mut o);
    SqlStore::open(&o).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transaction_reads_inside_itself_and_the_pool_is_refused_to_its_task() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(sqlite(&dir, |o| o.max_connections = 2).await);
    let task = tokio::spawn({
        let store = store.clone();
        async move {
            let tx = store.begin().await.unwrap();
            let id = OrgId::from_uuid(uuid::Uuid::now_v7());
            // Through the transaction: answered (not found: there is no such organisation).
            let inside = tx.organisation(Reach::Everything, id).await;
            assert!(matches!(inside, Err(StoreError::NotFound)), "{inside:?}");
            // Through the pool while the transaction is open: the mistake is refused.
            let nested = store.organisation(Reach::Everything, id).await;
            drop(tx);
            // After the transaction ended the pool serves the task again.
            let after = store.organisation(Reach::Everything, id).await;
            (nested, after)
        }
    });
    let (nested, after) = task.await.unwrap();
    if cfg!(debug_assertions) {
        match nested {
            Err(StoreError::Other(m)) => assert!(m.contains("one unit of work"), "{m}"),
            other => panic!("{other:?}"),
        }
    }
    assert!(matches!(after, Err(StoreError::NotFound)), "{after:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writers_take_turns_and_one_kept_waiting_is_told_busy() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(
        sqlite(&dir, |o| {
            o.max_connections = 2;
            o.wait = Duration::from_millis(300);
        })
        .await,
    );
    // Sixteen writers on a pool of two connections: each waits for its turn, none fails.
    let mut tasks = Vec::new();
    for _ in 0..16 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let tx = store.begin().await?;
            tokio::time::sleep(Duration::from_millis(5)).await;
            tx.commit().await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    // A writer that holds its turn longer than the others wait: the next one is busy.
    let held = store.begin().await.unwrap();
    let waiting = tokio::spawn({
        let store = store.clone();
        async move { store.begin().await.map(|_| ()) }
    })
    .await
    .unwrap();
    assert!(matches!(waiting, Err(StoreError::Busy(_))), "{waiting:?}");
    held.commit().await.unwrap();
    store.begin().await.unwrap().commit().await.unwrap();
}
