//! The commands: each turns its arguments into use-case calls and prints the result.

mod audit;
mod backup;
mod catalog;
mod contract;
mod demo;
pub mod document;
mod existing;
mod healthcheck;
mod jobs;
pub mod migrate;
mod offering;
mod org;
mod scope;
mod supply;
mod token;
mod user;

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;

use anzen_app::ports::Store;
use anzen_app::{App, Caller, SystemClock};
use anzen_domain::ids::OrgId;
use anzen_store::{SqlStore, StoreOptions};

use crate::cli::{CatalogCommand, Cli, Command, ConfigCommand};
use crate::config::{self, Config};

/// An error the caller can fix; the process exits with status 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        // Commands that need no database.
        Command::Scope(cmd) => return scope::run(cmd),
        Command::Catalog(CatalogCommand::List { catalog, format }) => {
            let versions =
                catalog::stored_versions(cli.config.as_deref(), cli.database_url.as_deref()).await;
            return catalog::list(catalog.as_deref(), format, versions);
        }
        Command::Catalog(CatalogCommand::Template) => {
            print!("{}", anzen_app::import::appendix2_csv_template());
            return Ok(());
        }
        Command::Config(ConfigCommand::Example) => {
            print!("{}", config::EXAMPLE);
            return Ok(());
        }
        Command::Demo(args) => return demo::run(args, cli.database_url.as_deref()).await,
        // Commands that open the database themselves: no migration, no new key.
        Command::Backup { file } => {
            let config = load_config(cli.config.as_deref(), cli.database_url.as_deref())?;
            return backup::backup(&config, &file).await;
        }
        Command::Restore { file } => {
            let config = load_config(cli.config.as_deref(), cli.database_url.as_deref())?;
            return backup::restore(&config, &file).await;
        }
        // Reads only: applies no migration and creates no database.
        Command::Migrate { check: true } => {
            let config = load_config(cli.config.as_deref(), cli.database_url.as_deref())?;
            init_tracing(&config.log.level, &config.log.format);
            return migrate::check(&config).await;
        }
        Command::Migrate { check: false } => {
            let config = load_config(cli.config.as_deref(), cli.database_url.as_deref())?;
            init_tracing(&config.log.level, &config.log.format);
            let (app, applied) = open_app_migrated(&config).await?;
            migrate::report(app.store().backend(), &applied);
            return Ok(());
        }
        Command::Healthcheck { url } => {
            let config = load_config(cli.config.as_deref(), cli.database_url.as_deref())?;
            return healthcheck::run(&config, url.as_deref());
        }
        _ => {}
    }
    let config = Config::load(cli.config.as_deref(), cli.database_url.as_deref())
        .map_err(|e| bad_input(format!("{e:#}")))?;
    init_tracing(&config.log.level, &config.log.format);
    let caller = caller(cli.actor.as_deref(), cli.as_org.as_deref())?;
    let app = if cli.command.opens_existing() {
        existing::open_existing_app(&config).await?
    } else {
        open_app(&config).await?
    };
    match cli.command {
        Command::Org(cmd) => org::run(&app, &caller, cmd).await,
        Command::Offering(cmd) => offering::run(&app, &caller, cmd).await,
        Command::Contract(cmd) => contract::run(&app, &caller, cmd).await,
        Command::Supply(cmd) => supply::run(&app, &caller, cmd).await,
        Command::User(cmd) => user::run(&app, &caller, cmd).await,
        Command::Audit(cmd) => audit::run(&app, &caller, cmd).await,
        Command::Token(cmd) => token::run(&app, &caller, cmd).await,
        Command::Jobs(cmd) => jobs::run(&app, cmd).await,
        Command::Document(cmd) => document::run(&app, &caller, cmd).await,
        Command::Catalog(CatalogCommand::Import { file, format }) => {
            catalog::import(&app, &caller, &file, format).await
        }
        Command::Serve => crate::serve::run(app, &config).await,
        Command::Scope(_)
        | Command::Migrate { .. }
        | Command::Catalog(CatalogCommand::List { .. } | CatalogCommand::Template)
        | Command::Config(_)
        | Command::Demo(_)
        | Command::Backup { .. }
        | Command::Restore { .. }
        | Command::Healthcheck { .. } => {
            unreachable!()
        }
    }
}

fn load_config(path: Option<&Path>, database_url: Option<&str>) -> anyhow::Result<Config> {
    Config::load(path, database_url).map_err(|e| bad_input(format!("{e:#}")))
}

/// Opens the store named by the configuration, migrated.
pub async fn open_app(config: &Config) -> anyhow::Result<App> {
    Ok(open_app_migrated(config).await?.0)
}

/// Opens the store named by the configuration and applies the pending migrations; returns
/// the app and the migrations applied. A database a newer anzen migrated is refused (exit
/// status 2), before anything is changed.
pub async fn open_app_migrated(
    config: &Config,
) -> anyhow::Result<(App, Vec<anzen_store::Migration>)> {
    // The catalogues are validated at every start: a broken one stops the start.
    anzen_app::catalogs::builtin()
        .map_err(|e| anyhow::anyhow!("a built-in catalogue is invalid: {e}"))?;
    config.prepare_storage()?;
    let mut options = StoreOptions::new(&config.database.url);
    options.max_connections = config.database.max_connections;
    let store = SqlStore::connect(&options).await.with_context(|| {
        format!(
            "cannot open the database {}",
            redact_url(&config.database.url)
        )
    })?;
    let status = store.schema_status().await?;
    if let Err(newer) = status.refuse_newer(store.backend()) {
        store.close().await;
        return Err(bad_input(format!(
            "{newer} (database URL {})",
            redact_url(&config.database.url)
        )));
    }
    let upgrades_head = status
        .pending
        .iter()
        .any(|m| m.version == anzen_store::SIGNED_HEAD_MIGRATION);
    store.migrate().await.with_context(|| {
        format!(
            "cannot migrate the database {}",
            redact_url(&config.database.url)
        )
    })?;
    if !status.pending.is_empty() {
        tracing::info!(
            applied = %status
                .pending
                .iter()
                .map(|m| format!("{:04}_{}", m.version, m.description))
                .collect::<Vec<_>>()
                .join(", "),
            "migrated the database"
        );
    }
    let store: Arc<dyn Store> = Arc::new(store);
    let signer = crate::keys::load_or_create(&config.audit.key_path)?;
    let cipher = crate::keys::load_or_create_secrets(&config.secrets_key_path())?;
    let app = App::new(store, Arc::new(SystemClock), Arc::new(signer))
        .with_settings(settings_from_env()?)
        .with_secret_cipher(Arc::new(cipher));
    if upgrades_head {
        // The migration that brings signed heads signs the head it finds, once.
        match app.sign_unsigned_audit_head().await {
            Ok(Some(seq)) => tracing::info!(seq, "signed the audit chain's head"),
            Ok(None) => {}
            Err(e) => tracing::error!("the audit chain's head was not signed: {e}"),
        }
    }
    let encrypted = app
        .encrypt_stored_secrets()
        .await
        .context("cannot encrypt the TOTP secrets stored in plain text")?;
    if encrypted > 0 {
        tracing::info!(
            count = encrypted,
            "encrypted TOTP secrets stored in plain text"
        );
    }
    let app = if config.mail.smtp_url.is_empty() {
        app
    } else {
        let mailer = anzen_mail::SmtpMailer::new(&config.mail.smtp_url, &config.mail.from)
            .map_err(|e| anyhow::anyhow!(e))?;
        app.with_mailer(Arc::new(mailer))
    };
    Ok((app, status.pending))
}

fn caller(actor: Option<&str>, as_org: Option<&str>) -> anyhow::Result<Caller> {
    let name = actor
        .map(str::to_owned)
        .or_else(|| std::env::var("USER").ok())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "operator".to_owned());
    let org = as_org
        .map(|o| OrgId::parse_field("--as-org", o))
        .transpose()?;
    Ok(Caller::Operator { name, org })
}

/// Logs to standard error: text for people, or one JSON object per line (`log.format`).
fn init_tracing(level: &str, format: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(level)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if format == "json" {
        builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .try_init()
    } else {
        builder.try_init()
    };
}

/// Hides the password of a database URL.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &userinfo[..colon],
                    &url[at..]
                ),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// The app's settings: the defaults, with the sign-in attempts allowed from one address in five
/// minutes from `ANZEN_SIGNIN_ATTEMPTS` when set (1–10,000; default 20). Raise it only where many
/// people sign in from one address that anzen cannot tell apart (browser test runs, a proxy not
/// listed in `server.trusted_proxies`).
pub fn settings_from_env() -> anyhow::Result<anzen_app::Settings> {
    let mut settings = anzen_app::Settings::default();
    if let Ok(raw) = std::env::var("ANZEN_SIGNIN_ATTEMPTS")
        && !raw.trim().is_empty()
    {
        settings.attempts_per_window = raw
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=10_000).contains(n))
            .ok_or_else(|| {
                bad_input(format!(
                    "ANZEN_SIGNIN_ATTEMPTS: `{raw}` is not a number from 1 to 10000 (sign-in \
                     attempts allowed from one address in five minutes; default 20)"
                ))
            })?;
    }
    Ok(settings)
}

/// Turns any error into one the caller can fix.
pub fn bad_input(e: impl std::fmt::Display) -> anyhow::Error {
    anyhow::Error::new(BadInput(e.to_string()))
}

/// How a path given on the command line is shown in messages.
pub fn shown_path(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "standard input".to_owned()
    } else {
        path.display().to_string()
    }
}

/// The largest file [`read_input_file`] reads: a scope profile or an audit checkpoint is a
/// few kilobytes; the JSON API takes at most the same per request.
pub const MAX_INPUT_FILE: u64 = 1024 * 1024;

/// Reads a text file given on the command line (`-` for standard input), at most
/// [`MAX_INPUT_FILE`] bytes, with an error that says what is wrong with the path.
pub fn read_input_file(path: &Path) -> anyhow::Result<String> {
    let shown = shown_path(path);
    let bytes = if path.as_os_str() == "-" {
        read_bounded(std::io::stdin().lock(), MAX_INPUT_FILE)
            .map_err(|e| bad_input(format!("cannot read standard input: {e}")))?
    } else if path.is_dir() {
        return Err(bad_input(format!(
            "{shown}: is a directory; expected a JSON file"
        )));
    } else {
        std::fs::File::open(path)
            .and_then(|f| read_bounded(f, MAX_INPUT_FILE))
            .map_err(|e| bad_input(format!("{shown}: cannot read the file: {e}")))?
    };
    let bytes = bytes.ok_or_else(|| {
        bad_input(format!(
            "{shown}: is larger than {} KiB; expected a JSON file of a few kilobytes",
            MAX_INPUT_FILE / 1024
        ))
    })?;
    String::from_utf8(bytes)
        .map_err(|_| bad_input(format!("{shown}: is not UTF-8 text; expected a JSON file")))
}

/// Reads at most `limit` bytes; `None` when there are more.
pub fn read_bounded(reader: impl std::io::Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut reader.take(limit + 1), &mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_hidden() {
        assert_eq!(
            redact_url("postgres://anzen:secret@db:5432/anzen"),
            "postgres://anzen:***@db:5432/anzen"
        );
        assert_eq!(redact_url("sqlite://a.db"), "sqlite://a.db");
    }
}
