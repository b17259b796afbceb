//! A load generator for anzen's JSON API (benchmarks and robustness scripts, not tests).
//!
//! - `anzen-load mixed --targets URL[,URL…] --token T --offering ID [--clients 64]
//!   [--seconds 60]`: clients that each loop over a mix of reads (the register, one risk, the
//!   offerings, the heat map) and writes (one request in ten: new risks, reassessments of their
//!   own risks), spread over the targets (several `anzen serve` processes on one database). Prints requests per
//!   second, latency percentiles per request kind, and every answer that was not a success.
//!   Exits 1 when any request failed.
//! - `anzen-load writes --target URL --token T --offering ID --log FILE`: one writer that adds
//!   risks until the server stops answering, appending the id of every acknowledged write
//!   (answered 201) to FILE before it sends the next one (scripts/crash-loop).
//! - `anzen-load check --target URL --token T --log FILE`: reads every risk in FILE back and
//!   exits 1 when one is missing.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::{Value, json};
use tokio::sync::Mutex;

#[derive(Debug, Default)]
struct Args {
    targets: Vec<String>,
    token: String,
    offering: String,
    clients: usize,
    seconds: u64,
    log: String,
}

fn parse(args: &[String]) -> anyhow::Result<Args> {
    let mut a = Args {
        clients: 64,
        seconds: 60,
        ..Default::default()
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .with_context(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--targets" | "--target" => {
                a.targets = value()?
                    .split(',')
                    .map(|s| s.trim_end_matches('/').to_owned())
                    .collect()
            }
            "--token" => a.token = value()?,
            "--offering" => a.offering = value()?,
            "--clients" => a.clients = value()?.parse().context("--clients")?,
            "--seconds" => a.seconds = value()?.parse().context("--seconds")?,
            "--log" => a.log = value()?,
            other => bail!("unknown argument {other}"),
        }
    }
    if a.targets.is_empty() || a.token.is_empty() {
        bail!("--target(s) and --token are required");
    }
    Ok(a)
}

/// A small deterministic generator (xorshift), one per client.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[derive(Debug, Default)]
struct Tally {
    latencies: BTreeMap<&'static str, Vec<u32>>,
    failures: BTreeMap<String, u64>,
}

fn risk_body(offering: &str, n: u64) -> Value {
    json!({
        "offering": offering,
        "title": format!("負荷試験のリスク {n}"),
        "threat": "不正ログイン",
        "vulnerability": "推測されやすいパスワード",
        "confidentiality": true,
        "integrity": true,
        "impact": 1 + n % 4,
        "likelihood": 1 + (n / 4) % 4,
    })
}

async fn send(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    token: &str,
    body: Option<&Value>,
) -> Result<(u16, Value), String> {
    let mut req = client.request(method, url).bearer_auth(token);
    if let Some(b) = body {
        req = req.json(b);
    }
    let res = req.send().await.map_err(|e| format!("transport: {e}"))?;
    let status = res.status().as_u16();
    let text = res.text().await.map_err(|e| format!("body: {e}"))?;
    Ok((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
}

async fn mixed(a: Args) -> anyhow::Result<()> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(a.clients)
        .timeout(Duration::from_secs(30))
        .build()?;
    // Risks to read: the offering's register as it is at the start.
    let (status, first) = send(
        &client,
        reqwest::Method::GET,
        format!("{}/api/v1/risks?limit=100", a.targets[0]),
        &a.token,
        None,
    )
    .await
    .map_err(anyhow::Error::msg)?;
    if status != 200 {
        bail!("the register answered {status}: {first}");
    }
    let known: Arc<Vec<String>> = Arc::new(
        first["items"]
            .as_array()
            .map(|i| {
                i.iter()
                    .filter_map(|r| r["id"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default(),
    );
    let tally = Arc::new(Mutex::new(Tally::default()));
    let a = Arc::new(a);
    let end = Instant::now() + Duration::from_secs(a.seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..a.clients {
        let (client, a, tally, known) = (client.clone(), a.clone(), tally.clone(), known.clone());
        tasks.push(tokio::spawn(async move {
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ ((c as u64 + 1) * 0x2545_F491_4F6C_DD1D));
            let base = &a.targets[c % a.targets.len()];
            let mut own: Vec<(String, i64)> = Vec::new();
            let mut n = 0u64;
            let mut local = Tally::default();
            while Instant::now() < end {
                n += 1;
                let pick = rng.below(100);
                // One request in ten writes: 7 new risks, 3 reassessments of the client's own.
                let (kind, method, url, body): (&'static str, _, String, Option<Value>) = match pick {
                    83..86 if !own.is_empty() => {
                        let i = rng.below(own.len() as u64) as usize;
                        let (id, rev) = &own[i];
                        (
                            "PUT /risks/{id}/assessment",
                            reqwest::Method::PUT,
                            format!("{base}/api/v1/risks/{id}/assessment"),
                            Some(json!({"impact": 1 + rng.below(4), "likelihood": 1 + rng.below(4), "revision": rev})),
                        )
                    }
                    83..93 => (
                        "POST /risks",
                        reqwest::Method::POST,
                        format!("{base}/api/v1/risks"),
                        Some(risk_body(&a.offering, c as u64 * 1_000_000 + n)),
                    ),
                    50..65 => ("GET /offerings", reqwest::Method::GET, format!("{base}/api/v1/offerings?limit=50"), None),
                    65..77 if !known.is_empty() => {
                        let id = &known[rng.below(known.len() as u64) as usize];
                        ("GET /risks/{id}", reqwest::Method::GET, format!("{base}/api/v1/risks/{id}"), None)
                    }
                    77..83 => ("GET /risks/heat-map", reqwest::Method::GET, format!("{base}/api/v1/risks/heat-map"), None),
                    _ => ("GET /risks", reqwest::Method::GET, format!("{base}/api/v1/risks?limit=20&offset={}", rng.below(5) * 20), None),
                };
                let t0 = Instant::now();
                let out = send(&client, method, url, &a.token, body.as_ref()).await;
                let micros = u32::try_from(t0.elapsed().as_micros()).unwrap_or(u32::MAX);
                local.latencies.entry(kind).or_default().push(micros);
                match out {
                    Ok((200 | 201, v)) => {
                        let r = &v["risk"];
                        if kind == "POST /risks" {
                            if let (Some(id), Some(rev)) = (r["id"].as_str(), r["revision"].as_i64()) {
                                own.push((id.to_owned(), rev));
                            }
                        } else if kind == "PUT /risks/{id}/assessment"
                            && let (Some(id), Some(rev)) = (r["id"].as_str(), r["revision"].as_i64())
                            && let Some(o) = own.iter_mut().find(|(i, _)| i == id)
                        {
                            o.1 = rev;
                        }
                    }
                    Ok((status, v)) => {
                        let code = v["error"]["code"].as_str().unwrap_or("-").to_owned();
                        *local.failures.entry(format!("{kind} → {status} {code}")).or_default() += 1;
                    }
                    Err(e) => {
                        *local.failures.entry(format!("{kind} → {e}")).or_default() += 1;
                    }
                }
            }
            let mut t = tally.lock().await;
            for (k, v) in local.latencies {
                t.latencies.entry(k).or_default().extend(v);
            }
            for (k, v) in local.failures {
                *t.failures.entry(k).or_default() += v;
            }
        }));
    }
    for t in tasks {
        t.await?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let t = tally.lock().await;
    let mut all: Vec<u32> = t.latencies.values().flatten().copied().collect();
    all.sort_unstable();
    let total = all.len();
    let failed: u64 = t.failures.values().sum();
    println!(
        "{} clients over {} target(s) for {elapsed:.1} s: {total} requests, {:.0} req/s, {failed} failed",
        a.clients,
        a.targets.len(),
        total as f64 / elapsed
    );
    println!(
        "{:<28} {:>8} {:>9} {:>9} {:>9}",
        "request", "count", "p50 ms", "p99 ms", "max ms"
    );
    let row = |name: &str, v: &mut Vec<u32>| {
        v.sort_unstable();
        let p = |q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize] as f64 / 1000.0;
        println!(
            "{name:<28} {:>8} {:>9.2} {:>9.2} {:>9.2}",
            v.len(),
            p(0.5),
            p(0.99),
            p(1.0)
        );
    };
    for (k, v) in &t.latencies {
        row(k, &mut v.clone());
    }
    row("all", &mut all);
    for (k, v) in &t.failures {
        println!("failed: {v} × {k}");
    }
    if failed > 0 {
        std::process::exit(1);
    }
    Ok(())
}

async fn writes(a: Args) -> anyhow::Result<()> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()?;
    let mut log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&a.log)
        .with_context(|| a.log.clone())?;
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_nanos() as u64;
    let mut n = 0u64;
    loop {
        n += 1;
        let body = risk_body(&a.offering, seed % 1_000_000_000 + n);
        match send(
            &client,
            reqwest::Method::POST,
            format!("{}/api/v1/risks", a.targets[0]),
            &a.token,
            Some(&body),
        )
        .await
        {
            Ok((201, v)) => {
                let id = v["risk"]["id"]
                    .as_str()
                    .context("a created risk has an id")?;
                writeln!(log, "{id}")?;
                log.sync_data()?;
            }
            Ok((503, _)) => tokio::time::sleep(Duration::from_millis(50)).await,
            Ok((status, v)) => bail!("a write answered {status}: {v}"),
            // The server is gone (killed): stop; the acknowledged writes are in the log.
            Err(_) => return Ok(()),
        }
    }
}

/// Checks that every acknowledged write is there: pages through the register (500 a page)
/// instead of one request per risk, then asks for each id the listing lacks on its own, so
/// a risk missing from the list but present is not counted as lost.
async fn check(a: Args) -> anyhow::Result<()> {
    let client = reqwest::Client::new();
    let ids = std::fs::read_to_string(&a.log).with_context(|| a.log.clone())?;
    let mut listed = std::collections::HashSet::new();
    let mut offset = 0;
    loop {
        let (status, v) = send(
            &client,
            reqwest::Method::GET,
            format!("{}/api/v1/risks?limit=500&offset={offset}", a.targets[0]),
            &a.token,
            None,
        )
        .await
        .map_err(anyhow::Error::msg)?;
        if status != 200 {
            bail!("listing the risks answered {status}");
        }
        let items = v["items"].as_array().context("a listing has items")?;
        for item in items {
            if let Some(id) = item["id"].as_str() {
                listed.insert(id.to_owned());
            }
        }
        offset += items.len();
        if items.is_empty() || offset as u64 >= v["total"].as_u64().unwrap_or(0) {
            break;
        }
    }
    let mut missing = 0;
    let mut n = 0;
    for id in ids.lines().filter(|l| !l.is_empty()) {
        n += 1;
        if listed.contains(id) {
            continue;
        }
        let (status, _) = send(
            &client,
            reqwest::Method::GET,
            format!("{}/api/v1/risks/{id}", a.targets[0]),
            &a.token,
            None,
        )
        .await
        .map_err(anyhow::Error::msg)?;
        if status != 200 {
            missing += 1;
            eprintln!("acknowledged write {id} is missing ({status})");
        }
    }
    println!("{n} acknowledged writes, {missing} missing");
    if missing > 0 {
        std::process::exit(1);
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        bail!("usage: anzen-load mixed|writes|check --target(s) URL --token T …");
    };
    let a = parse(rest)?;
    match cmd.as_str() {
        "mixed" => mixed(a).await,
        "writes" => writes(a).await,
        "check" => check(a).await,
        other => bail!("unknown command {other}: mixed, writes or check"),
    }
}
