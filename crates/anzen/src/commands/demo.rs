//! `anzen demo`: a fresh database (SQLite in the demo folder, or the one the global
//! `--database-url` names) with the fictional demo data set, one account per role and a
//! checkpoint of its audit chain, then the web application on it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use anzen_app::ports::{Backend, Store};
use anzen_app::{App, Caller, SystemClock};
use anzen_store::{SqlStore, StoreOptions};
use anzen_web::WebConfig;

use super::offering::verdict_summary;
use super::{bad_input, redact_url};
use crate::cli::DemoArgs;
use crate::output::Table;

pub async fn run(args: DemoArgs, database_url: Option<&str>) -> anyhow::Result<()> {
    let bind = args.bind.parse().map_err(|_| {
        bad_input(format!(
            "--bind: `{}` is not an address and port, e.g. 127.0.0.1:8080",
            args.bind
        ))
    })?;
    anzen_store::create_private_dir(&args.dir)
        .with_context(|| format!("cannot create the demo folder {}", args.dir.display()))?;
    let key = args.dir.join("audit-signing.key");
    let secrets_key = args.dir.join("secrets.key");
    let checkpoint_file = args.dir.join("audit-checkpoint.json");
    let url = match database_url {
        Some(url) => url.to_owned(),
        None => format!("sqlite://{}", args.dir.join("anzen.db").display()),
    };
    let backend = anzen_store::backend_of(&url).map_err(|_| {
        bad_input("--database-url: unknown scheme (accepted: sqlite://PATH, postgres://…)")
    })?;
    match backend {
        Backend::Sqlite => prepare_sqlite(&args, &url, &key)?,
        Backend::Postgres => prepare_postgres(&args, &url, &key).await?,
    }
    for file in [&key, &secrets_key, &checkpoint_file] {
        if file.exists() {
            std::fs::remove_file(file)
                .with_context(|| format!("cannot remove {}", file.display()))?;
        }
    }
    let shown_url = redact_url(&url);
    let store = SqlStore::open(&StoreOptions::new(&url))
        .await
        .with_context(|| format!("cannot create the demo database {shown_url}"))?;
    let store: Arc<dyn Store> = Arc::new(store);
    let signer = crate::keys::load_or_create(&key)?;
    let cipher = crate::keys::load_or_create_secrets(&secrets_key)?;
    let app = App::new(store, Arc::new(SystemClock), Arc::new(signer))
        .with_settings(super::settings_from_env()?)
        .with_secret_cipher(Arc::new(cipher));
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
    println!("database: {shown_url}");
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
    write_checkpoint(&app, &checkpoint_file).await?;
    let config_file = write_config(&args.dir, &url, &key, &args.bind)?;
    let checkpoint_file = std::path::absolute(&checkpoint_file).unwrap_or(checkpoint_file);
    println!("audit checkpoint: {}", checkpoint_file.display());
    println!(
        "configuration: {}   (the CLI on this data / このデータで CLI を使うには:)",
        config_file.display()
    );
    println!("  export ANZEN_CONFIG={}", config_file.display());
    println!(
        "  anzen audit verify --checkpoint {}",
        checkpoint_file.display()
    );
    if args.no_serve {
        println!("  anzen serve   (serves this data)");
        return Ok(());
    }
    let web = WebConfig::new(bind, format!("http://{bind}"));
    crate::serve::serve(app, web, |addr| {
        println!("anzen is running: http://{addr}/   (Ctrl-C to stop)");
    })
    .await
}

/// Writes `anzen.toml` into the demo folder: the database, the audit key (the secrets key lies
/// beside it) and the address, as absolute paths, so that `ANZEN_CONFIG=…/anzen.toml anzen …`
/// works from any folder. Mode 0600: a PostgreSQL URL may carry a password.
fn write_config(dir: &Path, url: &str, key: &Path, bind: &str) -> anyhow::Result<PathBuf> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let url = match anzen_store::sqlite_path(url) {
        Some(db) => format!("sqlite://{}", absolute(&db).display()),
        None => url.to_owned(),
    };
    let quoted = |s: &str| toml::Value::String(s.to_owned()).to_string();
    let text = format!(
        "# Written by `anzen demo`: the demo's data. Use it with\n\
         #   export ANZEN_CONFIG={path}\n\
         # or `anzen --config {path} …`. `anzen config example` lists every key.\n\n\
         [database]\nurl = {url}\n\n[audit]\nkey_path = {key}\n\n\
         [server]\nbind = {bind}\npublic_url = {public}\n",
        path = absolute(&dir.join("anzen.toml")).display(),
        url = quoted(&url),
        key = quoted(&absolute(key).display().to_string()),
        bind = quoted(bind),
        public = quoted(&format!("http://{bind}")),
    );
    let path = absolute(&dir.join("anzen.toml"));
    write_private(&path, text.as_bytes())
        .with_context(|| format!("cannot write the configuration {}", path.display()))?;
    Ok(path)
}

/// Writes a file readable by its owner only (mode 0600), replacing an earlier demo's.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        if path.exists() {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    options.open(path)?.write_all(bytes)
}

/// Checks that the demo's chain verifies and keeps a signed checkpoint of it beside the key.
async fn write_checkpoint(app: &App, path: &Path) -> anyhow::Result<()> {
    let report = app.verify_audit().await?;
    if !report.is_intact() {
        anyhow::bail!(
            "the demo's audit trail does not verify: {}",
            report.problems().join("; ")
        );
    }
    let checkpoint = app.audit_checkpoint(&Caller::operator("demo")).await?;
    let mut text = serde_json::to_string_pretty(&checkpoint)?;
    text.push('\n');
    std::fs::write(path, text)
        .with_context(|| format!("cannot write the checkpoint {}", path.display()))
}

/// A SQLite demo replaces only what --force allows: the database file and the demo's key.
fn prepare_sqlite(args: &DemoArgs, url: &str, key: &Path) -> anyhow::Result<()> {
    let db = anzen_store::sqlite_path(url).ok_or_else(|| {
        bad_input("--database-url: the demo needs a database file, e.g. sqlite://demo.db")
    })?;
    if let Some(parent) = db.parent()
        && !parent.as_os_str().is_empty()
    {
        anzen_store::create_private_dir(parent)
            .with_context(|| format!("cannot create the folder {}", parent.display()))?;
    }
    if !(db.exists() || key.exists()) {
        return Ok(());
    }
    if !args.force {
        return Err(bad_input(format!(
            "{} or {} already exists: a demo was created there before. Pass --force to replace              that database and key, or --dir for another folder",
            db.display(),
            key.display()
        )));
    }
    let mut files: Vec<PathBuf> = vec![db.clone()];
    for suffix in ["-wal", "-shm"] {
        let mut name = db.clone().into_os_string();
        name.push(suffix);
        files.push(name.into());
    }
    for path in files {
        if path.exists() {
            std::fs::remove_file(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }
    Ok(())
}

/// A demo on a database server needs an empty database: it refuses one with tables unless
/// --force, which drops every table of the database's current schema.
async fn prepare_postgres(args: &DemoArgs, url: &str, key: &Path) -> anyhow::Result<()> {
    let shown = redact_url(url);
    let mut options = StoreOptions::new(url);
    options.max_connections = 1;
    let store = SqlStore::connect(&options)
        .await
        .with_context(|| format!("cannot connect to {shown}"))?;
    let tables = store.tables().await?;
    if !tables.is_empty() || key.exists() {
        if !args.force {
            let schema = store
                .schema_name()
                .await
                .unwrap_or_else(|_| "public".into());
            store.close().await;
            let what = if tables.is_empty() {
                format!("the folder {} holds a demo's key", args.dir.display())
            } else {
                format!(
                    "the database {shown} is not empty ({} tables in its schema {schema})",
                    tables.len()
                )
            };
            return Err(bad_input(format!(
                "{what}: the demo needs an empty database. --force drops every table of the \
                 database's current schema with all its data (anzen's or not) and the demo's key \
                 in {}, then creates the demo anew; or name an empty database",
                args.dir.display()
            )));
        }
        store.drop_all_tables().await?;
    }
    store.close().await;
    Ok(())
}
