//! Configuration: a TOML file plus environment variables, validated once into [`Config`].

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Deserialize;

/// The commented example printed by `anzen config example`.
pub const EXAMPLE: &str = r#"# anzen configuration. Every key is optional; the values shown are the defaults.
# Environment variables override the file: ANZEN_DATABASE_URL, ANZEN_AUDIT_KEY,
# ANZEN_SECRETS_KEY, ANZEN_SMTP_URL, ANZEN_BIND, ANZEN_BEHIND_PROXY (true or false),
# ANZEN_METRICS_TOKEN, ANZEN_LOG, ANZEN_LOG_FORMAT.

[database]
# sqlite://PATH (the embedded default; the file (mode 0600) and its folder (0700) are created
# when missing) or postgres://USER:PASSWORD@HOST:PORT/DATABASE for larger installs with several app nodes.
url = "sqlite://anzen-data/anzen.db"
# Connections in the pool.
max_connections = 8

[audit]
# The server's Ed25519 key that signs the audit trail; created on first run (mode 0600).
# Keep a copy in a safe place: without it the trail can still be read but not verified.
key_path = "anzen-data/audit-signing.key"

[secrets]
# The key that encrypts secrets kept in the database that must be recoverable (the TOTP
# secrets of authenticator apps; passwords, tokens and recovery codes are one-way hashed).
# Created on first run (mode 0600). Default: secrets.key in the folder of the audit key.
# Keep a copy with the audit key's: without it the codes of authenticator apps can no
# longer be checked (recovery codes still work).
# key_path = "anzen-data/secrets.key"

[server]
# Where `anzen serve` listens.
bind = "127.0.0.1:8080"
# The address users reach anzen at. With https://, cookies are marked Secure and HSTS is
# sent (put anzen behind a TLS-terminating proxy).
public_url = "http://127.0.0.1:8080"
# anzen speaks plain HTTP: `serve` refuses an address other than loopback unless a reverse
# proxy in front of it ends TLS. Say so here (and set public_url to its https:// address).
behind_proxy = false
# The reverse proxies' addresses: their X-Forwarded-For names the client (sign-in attempts
# are counted per client address). Setting any implies behind_proxy.
trusted_proxies = []

[metrics]
# Prometheus metrics at /metrics (requests per route, database pool, document jobs, mails,
# audit chain). Off unless enabled; then served on an address of their own (bind), or on the
# main address to callers with `Authorization: Bearer TOKEN` (token, 16 characters or more),
# or both.
enabled = false
# bind = "127.0.0.1:9091"
# token = ""

[mail]
# Change notifications are also mailed (FAQ 2.1 R5) when an SMTP server is set:
# smtp://host:port (plain, e.g. a relay on loopback), smtp://host:port?tls=required
# (STARTTLS) or smtps://host:port, with user:password@ when the server wants them.
# Empty: notifications stay in the app.
smtp_url = ""
from = "anzen@localhost"

[log]
# A tracing filter: error, warn, info, debug, trace, or per module (anzen_store=debug).
level = "info"
# text (for people) or json (one object per line, for a log collector). Either way each
# request is one line with its request id (x-request-id, echoed), route, status and duration.
format = "text"
"#;

/// The whole configuration.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub database: DatabaseConfig,
    pub audit: AuditConfig,
    pub secrets: SecretsConfig,
    pub server: ServerConfig,
    pub mail: MailConfig,
    pub log: LogConfig,
    pub metrics: MetricsConfig,
}

#[derive(Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MetricsConfig {
    pub enabled: bool,
    pub bind: Option<String>,
    /// A secret: never printed.
    pub token: Option<String>,
}

impl std::fmt::Debug for MetricsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MetricsConfig")
            .field("enabled", &self.enabled)
            .field("bind", &self.bind)
            .field("token", &self.token.as_ref().map(|_| "***"))
            .finish()
    }
}

impl MetricsConfig {
    /// Who reads the metrics, or `None` when they are off.
    pub fn access(&self) -> anyhow::Result<Option<anzen_web::MetricsAccess>> {
        if !self.enabled {
            return Ok(None);
        }
        let bind = match self.bind.as_deref().filter(|b| !b.is_empty()) {
            Some(b) => Some(b.parse().map_err(|_| {
                anyhow::anyhow!(
                    "metrics.bind: `{b}` is not an address and port, e.g. 127.0.0.1:9091"
                )
            })?),
            None => None,
        };
        let token = self.token.clone().filter(|t| !t.is_empty());
        if let Some(t) = &token
            && (t.chars().count() < 16 || t.chars().any(char::is_whitespace))
        {
            bail!("metrics.token: must be 16 characters or more, without spaces");
        }
        if bind.is_none() && token.is_none() {
            bail!(
                "metrics.enabled: set metrics.bind (an address of their own) or metrics.token \
                 (a bearer token on the main address), so that /metrics is not open to everyone"
            );
        }
        Ok(Some(anzen_web::MetricsAccess { bind, token }))
    }
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MailConfig {
    /// May carry a password: never printed.
    pub smtp_url: String,
    pub from: String,
}

impl std::fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let url = if self.smtp_url.is_empty() {
            "(none)".to_owned()
        } else {
            crate::commands::redact_url(&self.smtp_url)
        };
        write!(f, "MailConfig {{ smtp_url: {url}, from: {} }}", self.from)
    }
}

impl Default for MailConfig {
    fn default() -> Self {
        Self {
            smtp_url: String::new(),
            from: "anzen@localhost".to_owned(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AuditConfig {
    pub key_path: PathBuf,
}

impl Default for AuditConfig {
    fn default() -> Self {
        Self {
            key_path: PathBuf::from("anzen-data/audit-signing.key"),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SecretsConfig {
    /// The secrets key file; `None`: `secrets.key` beside the audit key.
    pub key_path: Option<PathBuf>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    pub bind: String,
    pub public_url: String,
    /// A reverse proxy in front ends TLS.
    pub behind_proxy: bool,
    pub trusted_proxies: Vec<String>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".to_owned(),
            public_url: "http://127.0.0.1:8080".to_owned(),
            behind_proxy: false,
            trusted_proxies: Vec::new(),
        }
    }
}

impl ServerConfig {
    /// The trusted proxies' addresses.
    pub fn trusted_proxy_ips(&self) -> anyhow::Result<Vec<std::net::IpAddr>> {
        self.trusted_proxies
            .iter()
            .map(|p| {
                p.trim().parse().map_err(|_| {
                    anyhow::anyhow!(
                        "server.trusted_proxies: `{p}` is not an IP address, e.g. \"10.0.0.1\""
                    )
                })
            })
            .collect()
    }

    /// Whether a reverse proxy ends TLS in front of anzen.
    pub fn proxied(&self) -> bool {
        self.behind_proxy || !self.trusted_proxies.is_empty()
    }

    /// `serve` listens on loopback only, unless a TLS-ending proxy stands in front: anzen
    /// speaks plain HTTP, and passwords must not cross a network in clear.
    pub fn check_exposure(&self, bind: std::net::SocketAddr) -> anyhow::Result<()> {
        if bind.ip().is_loopback() || self.proxied() {
            return Ok(());
        }
        bail!(
            "server.bind: {bind} is reachable from other machines, and anzen speaks plain HTTP. \
             Put a reverse proxy that ends TLS in front of it and set server.behind_proxy = true \
             (or server.trusted_proxies = [\"PROXY-ADDRESS\"]; see the README), or bind a \
             loopback address such as 127.0.0.1:8080"
        )
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseConfig {
    pub url: String,
    pub max_connections: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogConfig {
    pub level: String,
    /// `text` or `json`.
    pub format: String,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        Self {
            url: "sqlite://anzen-data/anzen.db".to_owned(),
            max_connections: 8,
        }
    }
}

impl Default for LogConfig {
    fn default() -> Self {
        Self {
            level: "info".to_owned(),
            format: "text".to_owned(),
        }
    }
}

impl Config {
    /// Loads the file at `path` (or `anzen.toml` in the working folder when present, else the
    /// defaults), then applies the environment and `database_url` from the command line.
    pub fn load(path: Option<&Path>, database_url: Option<&str>) -> anyhow::Result<Self> {
        let default_path = PathBuf::from("anzen.toml");
        let file = match path {
            Some(p) => Some(p.to_path_buf()),
            None if default_path.is_file() => Some(default_path),
            None => None,
        };
        let mut config = match &file {
            Some(p) => {
                let text = std::fs::read_to_string(p).with_context(|| {
                    format!("cannot read the configuration file {}", p.display())
                })?;
                Self::parse(&text)
                    .with_context(|| format!("in the configuration file {}", p.display()))?
            }
            None => Self::default(),
        };
        if let Ok(url) = std::env::var("ANZEN_DATABASE_URL")
            && !url.is_empty()
        {
            config.database.url = url;
        }
        if let Ok(key) = std::env::var("ANZEN_AUDIT_KEY")
            && !key.is_empty()
        {
            config.audit.key_path = PathBuf::from(key);
        }
        if let Ok(key) = std::env::var("ANZEN_SECRETS_KEY")
            && !key.is_empty()
        {
            config.secrets.key_path = Some(PathBuf::from(key));
        }
        if let Ok(url) = std::env::var("ANZEN_SMTP_URL")
            && !url.is_empty()
        {
            config.mail.smtp_url = url;
        }
        if let Ok(bind) = std::env::var("ANZEN_BIND")
            && !bind.is_empty()
        {
            config.server.bind = bind;
        }
        if let Ok(level) = std::env::var("ANZEN_LOG")
            && !level.is_empty()
        {
            config.log.level = level;
        }
        if let Ok(format) = std::env::var("ANZEN_LOG_FORMAT")
            && !format.is_empty()
        {
            config.log.format = format;
        }
        if let Ok(token) = std::env::var("ANZEN_METRICS_TOKEN")
            && !token.is_empty()
        {
            config.metrics.token = Some(token);
        }
        if let Ok(v) = std::env::var("ANZEN_BEHIND_PROXY")
            && !v.is_empty()
        {
            config.server.behind_proxy = match v.as_str() {
                "true" | "1" => true,
                "false" | "0" => false,
                _ => bail!("ANZEN_BEHIND_PROXY: `{v}` is not true or false"),
            };
        }
        if let Some(url) = database_url {
            config.database.url = url.to_owned();
        }
        config.validate()?;
        Ok(config)
    }

    pub fn parse(text: &str) -> anyhow::Result<Self> {
        Ok(toml::from_str(text)?)
    }

    fn validate(&self) -> anyhow::Result<()> {
        anzen_store::backend_of(&self.database.url).map_err(|e| match e {
            anzen_app::StoreError::Other(message) => anyhow::anyhow!(message),
            e => anyhow::anyhow!("{e}"),
        })?;
        if self.database.max_connections == 0 || self.database.max_connections > 200 {
            bail!("database.max_connections: must be between 1 and 200");
        }
        if self.server.bind.parse::<std::net::SocketAddr>().is_err() {
            bail!(
                "server.bind: `{}` is not an address and port, e.g. 127.0.0.1:8080",
                self.server.bind
            );
        }
        if !self.mail.smtp_url.is_empty() {
            anzen_mail::SmtpMailer::new(&self.mail.smtp_url, &self.mail.from)
                .map_err(|e| anyhow::anyhow!(e))?;
        }
        if !(self.server.public_url.starts_with("http://")
            || self.server.public_url.starts_with("https://"))
        {
            bail!("server.public_url: must start with http:// or https://");
        }
        if !matches!(self.log.format.as_str(), "text" | "json") {
            bail!(
                "log.format: `{}` is not a log format (accepted: text, json)",
                self.log.format
            );
        }
        self.server.trusted_proxy_ips()?;
        self.metrics.access()?;
        Ok(())
    }

    /// The secrets key file: as configured, else `secrets.key` beside the audit key.
    pub fn secrets_key_path(&self) -> PathBuf {
        match &self.secrets.key_path {
            Some(p) if !p.as_os_str().is_empty() => p.clone(),
            _ => self.audit.key_path.with_file_name("secrets.key"),
        }
    }

    /// For SQLite, creates the folder of the database file when missing (mode 0700).
    pub fn prepare_storage(&self) -> anyhow::Result<()> {
        if let Some(rest) = self.database.url.strip_prefix("sqlite://") {
            let path = Path::new(rest.split('?').next().unwrap_or(rest));
            if let Some(dir) = path.parent()
                && !dir.as_os_str().is_empty()
                && !dir.exists()
            {
                anzen_store::create_private_dir(dir).with_context(|| {
                    format!("cannot create the database folder {}", dir.display())
                })?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_systemd_sample_is_valid_and_keeps_everything_in_the_state_directory() {
        let c = Config::parse(include_str!("../../../deploy/systemd/anzen.toml")).unwrap();
        c.validate().unwrap();
        let state = Path::new("/var/lib/anzen");
        assert_eq!(
            anzen_store::sqlite_path(&c.database.url).as_deref(),
            Some(state.join("anzen.db").as_path())
        );
        assert!(c.audit.key_path.starts_with(state));
        assert!(c.secrets_key_path().starts_with(state));
    }

    #[test]
    fn the_example_is_the_default() {
        let c = Config::parse(EXAMPLE).unwrap();
        assert_eq!(c.database.url, Config::default().database.url);
        assert_eq!(c.database.max_connections, 8);
    }

    #[test]
    fn the_secrets_key_lies_beside_the_audit_key_unless_configured() {
        let c = Config::parse("[audit]\nkey_path = \"/etc/anzen/audit.key\"\n").unwrap();
        assert_eq!(
            c.secrets_key_path(),
            PathBuf::from("/etc/anzen/secrets.key")
        );
        assert_eq!(
            Config::default().secrets_key_path(),
            PathBuf::from("anzen-data/secrets.key")
        );
        let c = Config::parse("[secrets]\nkey_path = \"/run/keys/s.key\"\n").unwrap();
        assert_eq!(c.secrets_key_path(), PathBuf::from("/run/keys/s.key"));
        let example = EXAMPLE.replace("# key_path = ", "key_path = ");
        assert_eq!(
            Config::parse(&example).unwrap().secrets_key_path(),
            Config::default().secrets_key_path()
        );
    }

    #[test]
    fn serve_keeps_to_loopback_unless_a_proxy_ends_tls() {
        let c = Config::default();
        assert!(
            c.server
                .check_exposure("127.0.0.1:8080".parse().unwrap())
                .is_ok()
        );
        assert!(
            c.server
                .check_exposure("[::1]:8080".parse().unwrap())
                .is_ok()
        );
        for bind in ["0.0.0.0:8080", "192.0.2.10:8080", "[::]:8080"] {
            let err = c
                .server
                .check_exposure(bind.parse().unwrap())
                .unwrap_err()
                .to_string();
            assert!(err.contains("server.behind_proxy = true"), "{err}");
            assert!(err.contains("server.trusted_proxies"), "{err}");
        }
        let c = Config::parse("[server]\nbehind_proxy = true\n").unwrap();
        assert!(
            c.server
                .check_exposure("0.0.0.0:8080".parse().unwrap())
                .is_ok()
        );
        let c = Config::parse("[server]\ntrusted_proxies = [\"10.0.0.1\"]\n").unwrap();
        c.validate().unwrap();
        assert!(
            c.server
                .check_exposure("0.0.0.0:8080".parse().unwrap())
                .is_ok()
        );
        let c = Config::parse("[server]\ntrusted_proxies = [\"proxy.local\"]\n").unwrap();
        let err = c.validate().unwrap_err().to_string();
        assert!(
            err.contains("server.trusted_proxies") && err.contains("proxy.local"),
            "{err}"
        );
    }

    #[test]
    fn metrics_are_off_by_default_and_never_open_to_everyone() {
        assert!(Config::default().metrics.access().unwrap().is_none());
        let c = Config::parse("[metrics]\nenabled = true\n").unwrap();
        let err = c.validate().unwrap_err().to_string();
        assert!(
            err.contains("metrics.bind") && err.contains("metrics.token"),
            "{err}"
        );
        let c = Config::parse("[metrics]\nenabled = true\ntoken = \"short\"\n").unwrap();
        assert!(
            c.validate()
                .unwrap_err()
                .to_string()
                .contains("metrics.token")
        );
        let c = Config::parse("[metrics]\nenabled = true\nbind = \"nowhere\"\n").unwrap();
        assert!(
            c.validate()
                .unwrap_err()
                .to_string()
                .contains("metrics.bind")
        );
        let c = Config::parse(
            "[metrics]\nenabled = true\nbind = \"127.0.0.1:9091\"\ntoken = \"0123456789abcdef\"\n",
        )
        .unwrap();
        let access = c.metrics.access().unwrap().unwrap();
        assert_eq!(access.bind, Some("127.0.0.1:9091".parse().unwrap()));
        assert!(!format!("{:?} {:?}", c.metrics, access).contains("0123456789abcdef"));
    }

    #[test]
    fn the_log_format_is_text_or_json() {
        assert_eq!(Config::default().log.format, "text");
        let c = Config::parse("[log]\nformat = \"xml\"\n").unwrap();
        let err = c.validate().unwrap_err().to_string();
        assert!(
            err.contains("log.format") && err.contains("text, json"),
            "{err}"
        );
    }

    #[test]
    fn unknown_keys_are_named() {
        let err = Config::parse("[database]\nurl = \"sqlite://x.db\"\npool = 3\n").unwrap_err();
        assert!(err.to_string().contains("pool"), "{err}");
    }

    #[test]
    fn an_unknown_scheme_lists_the_accepted_ones() {
        let c = Config::parse("[database]\nurl = \"mysql://x\"\n").unwrap();
        let err = c.validate().unwrap_err().to_string();
        assert!(
            err.contains("sqlite://") && err.contains("postgres://"),
            "{err}"
        );
    }
}
