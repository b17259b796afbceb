//! `anzen demo`: a fresh SQLite database with the fictional demo data set and one account per
//! role, then the web application on it.

use std::sync::Arc;

use anyhow::Context;
use anzen_app::ports::Store;
use anzen_app::{App, Caller, SystemClock};
use anzen_store::{SqlStore, StoreOptions};
use anzen_web::WebConfig;

use super::bad_input;
use super::offering::verdict_summary;
use crate::cli::DemoArgs;
use crate::output::Table;

pub async fn run(args: DemoArgs) -> anyhow::Result<()> {
    let bind = args.bind.parse().map_err(|_| {
        bad_input(format!(
            "--bind: `{}` is not an address and port, e.g. 127.0.0.1:8080",
            args.bind
        ))
    })?;
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create the demo folder {}", args.dir.display()))?;
    let db = args.dir.join("anzen.db");
    let key = args.dir.join("audit-signing.key");
    if db.exists() || key.exists() {
        if !args.force {
            return Err(bad_input(format!(
                "{} already holds a demo database; pass --force to replace it, or --dir for another folder",
                args.dir.display()
            )));
        }
        for name in [
            "anzen.db",
            "anzen.db-wal",
            "anzen.db-shm",
            "audit-signing.key",
        ] {
            let path = args.dir.join(name);
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
    let signer = crate::keys::load_or_create(&key)?;
    let app = App::new(store, Arc::new(SystemClock), Arc::new(signer));
    let password = match args.password {
        Some(p) => p,
        None => format!(
            "demo-{}",
            &anzen_app::accounts::secrets::random_token()?[..12]
        ),
    };
    let data = anzen_app::demo::seed(&app, &Caller::operator("demo"), &password).await?;

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
    println!(
        "{} organisations, {} offerings, {} contracts, {} supply links",
        data.organisations.len(),
        data.offerings.len(),
        data.contracts,
        data.supply_links
    );
    println!(
        "{} risks, {} statements of applicability, {} certifications, {} agreements, {} disclosures, {} devices",
        data.risks.len(),
        data.statements,
        data.chain.certifications,
        data.chain.agreements,
        data.chain.disclosures,
        data.chain.devices
    );
    println!();
    let mut t = Table::new([
        "役割 / role",
        "ログインID / login",
        "パスワード / password",
        "組織 / organisation",
    ]);
    for l in &data.logins {
        t.row([
            l.role.label_ja().to_owned(),
            l.login.clone(),
            l.password.clone(),
            l.org_name.clone(),
        ]);
    }
    print!("{}", t.render());
    println!("(the administrator enrols an authenticator app (TOTP) at the first sign-in)");
    println!();
    if args.no_serve {
        println!(
            "Serve it with: anzen --database-url {url} serve   (audit key: {})",
            key.display()
        );
        return Ok(());
    }
    let web = WebConfig {
        bind,
        public_url: format!("http://{bind}"),
    };
    crate::serve::serve(app, web, |addr| {
        println!("anzen is running: http://{addr}/   (Ctrl-C to stop)");
    })
    .await
}
