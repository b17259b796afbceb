//! `anzen demo`: a fresh SQLite database with the fictional demo data set.

use std::sync::Arc;

use anyhow::Context;
use anzen_app::ports::Store;
use anzen_app::{App, Caller, SystemClock};
use anzen_store::{SqlStore, StoreOptions};

use super::bad_input;
use super::offering::verdict_summary;
use crate::cli::DemoArgs;
use crate::output::Table;

pub async fn run(args: DemoArgs) -> anyhow::Result<()> {
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create the demo folder {}", args.dir.display()))?;
    let db = args.dir.join("anzen.db");
    if db.exists() {
        if !args.force {
            return Err(bad_input(format!(
                "{} already holds a demo database; pass --force to replace it, or --dir for another folder",
                args.dir.display()
            )));
        }
        for suffix in ["", "-wal", "-shm"] {
            let path = args.dir.join(format!("anzen.db{suffix}"));
            if path.exists() {
                std::fs::remove_file(&path)
                    .with_context(|| format!("cannot remove {}", path.display()))?;
            }
        }
    }
    let url = format!("sqlite://{}", db.display());
    let store = SqlStore::open(&StoreOptions::new(&url))
        .await
        .context("cannot create the demo database")?;
    let store: Arc<dyn Store> = Arc::new(store);
    let app = App::new(store, Arc::new(SystemClock));
    let data = anzen_app::demo::seed(&app, &Caller::operator("demo")).await?;

    println!(
        "anzen デモデータ / demo data (すべて架空の組織です / every organisation is fictional)"
    );
    println!("database: {url}");
    println!();
    let mut t = Table::new(["提供サービス / offering", "判定 / scope verdict"]);
    for o in &data.offerings {
        t.row([o.name.to_string(), verdict_summary(&o.verdict)]);
    }
    print!("{}", t.render());
    println!();
    println!(
        "{} organisations, {} offerings, {} contracts, {} supply links",
        data.organisations.len(),
        data.offerings.len(),
        data.contracts,
        data.supply_links
    );
    println!();
    println!("Explore it:");
    println!("  anzen --database-url {url} offering list");
    println!("  anzen --database-url {url} offering show <id>");
    println!("  anzen --database-url {url} org list");
    Ok(())
}
