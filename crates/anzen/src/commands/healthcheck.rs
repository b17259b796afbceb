//! `anzen healthcheck`: asks a running server's `/readyz` whether it is ready. Plain HTTP
//! to the server's own address (not through the proxy): no TLS, no client library.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

use anyhow::bail;

use super::bad_input;
use crate::config::Config;

const TIMEOUT: Duration = Duration::from_secs(5);

pub fn run(config: &Config, url: Option<&str>) -> anyhow::Result<()> {
    let url = match url {
        Some(u) => u.to_owned(),
        None => default_url(config)?,
    };
    let (authority, path) = target(&url)?;
    let shown = format!("http://{authority}{path}");
    let (status, body) =
        get(&authority, &path).map_err(|e| anyhow::anyhow!("{shown} does not answer: {e}"))?;
    if status == 200 {
        println!("ready ({shown})");
        return Ok(());
    }
    bail!("not ready ({shown}): {}", reason(status, &body))
}

/// The server's own address from `server.bind` (an unspecified address means loopback).
fn default_url(config: &Config) -> anyhow::Result<String> {
    let mut bind: SocketAddr = config
        .server
        .bind
        .parse()
        .map_err(|_| bad_input("server.bind: not an address and port"))?;
    if bind.ip().is_unspecified() {
        bind.set_ip(match bind {
            SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        });
    }
    Ok(format!("http://{bind}"))
}

/// The `host:port` and the path of `/readyz` under a base URL (or the URL of `/readyz`).
fn target(url: &str) -> anyhow::Result<(String, String)> {
    let Some(rest) = url.strip_prefix("http://") else {
        return Err(bad_input(format!(
            "--url: `{url}` must start with http:// (the server's own address, e.g. \
             http://127.0.0.1:8080; the check does not go through the TLS proxy)"
        )));
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    if authority.is_empty() {
        return Err(bad_input(format!("--url: `{url}` names no host")));
    }
    let has_port = match authority.rfind(']') {
        Some(end) => authority[end..].contains(':'),
        None => authority.contains(':'),
    };
    let authority = if has_port {
        authority.to_owned()
    } else {
        format!("{authority}:80")
    };
    let path = if path.ends_with("/readyz") {
        path.to_owned()
    } else {
        format!("{}/readyz", path.trim_end_matches('/'))
    };
    Ok((authority, path))
}

fn get(authority: &str, path: &str) -> std::io::Result<(u16, String)> {
    let addr = authority
        .to_socket_addrs()?
        .next()
        .ok_or_else(|| std::io::Error::other("the host has no address"))?;
    let mut stream = TcpStream::connect_timeout(&addr, TIMEOUT)?;
    stream.set_read_timeout(Some(TIMEOUT))?;
    stream.set_write_timeout(Some(TIMEOUT))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nAccept: application/json\r\n\
         User-Agent: anzen-healthcheck\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = Vec::new();
    stream.take(64 * 1024).read_to_end(&mut response)?;
    let text = String::from_utf8_lossy(&response);
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| std::io::Error::other("the answer is not HTTP"))?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

/// One line: the checks that failed and why, or the status.
fn reason(status: u16, body: &str) -> String {
    let parsed: Option<serde_json::Value> = serde_json::from_str(body.trim()).ok();
    let failed = parsed.as_ref().and_then(|v| {
        let names = v.get("not_ready")?.as_array()?;
        let checks = v.get("checks");
        Some(
            names
                .iter()
                .filter_map(|n| n.as_str())
                .map(
                    |n| match checks.and_then(|c| c.get(n)).and_then(|w| w.as_str()) {
                        Some(why) => format!("{n}: {why}"),
                        None => n.to_owned(),
                    },
                )
                .collect::<Vec<_>>()
                .join("; "),
        )
    });
    match failed {
        Some(f) if !f.is_empty() => f,
        _ => format!("HTTP status {status}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_is_readyz_under_the_base_url() {
        let t = |u: &str| target(u).unwrap();
        assert_eq!(
            t("http://127.0.0.1:8080"),
            ("127.0.0.1:8080".into(), "/readyz".into())
        );
        assert_eq!(
            t("http://localhost/"),
            ("localhost:80".into(), "/readyz".into())
        );
        assert_eq!(
            t("http://[::1]:9/readyz"),
            ("[::1]:9".into(), "/readyz".into())
        );
        assert_eq!(
            t("http://h:1/anzen/"),
            ("h:1".into(), "/anzen/readyz".into())
        );
        let err = target("https://anzen.example").unwrap_err().to_string();
        assert!(err.contains("--url") && err.contains("http://"), "{err}");
    }

    #[test]
    fn the_reason_names_what_is_not_ready() {
        let body = r#"{"status":"not_ready","not_ready":["job_runner"],"checks":{"database":"ok","job_runner":"not started"}}"#;
        assert_eq!(reason(503, body), "job_runner: not started");
        assert_eq!(reason(502, "Bad gateway"), "HTTP status 502");
    }

    #[test]
    fn an_unspecified_bind_is_asked_on_loopback() {
        let mut c = Config::default();
        c.server.bind = "0.0.0.0:8081".into();
        assert_eq!(default_url(&c).unwrap(), "http://127.0.0.1:8081");
        c.server.bind = "[::]:8081".into();
        assert_eq!(default_url(&c).unwrap(), "http://[::1]:8081");
    }
}
