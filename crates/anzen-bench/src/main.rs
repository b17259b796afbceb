//! Seeds a fresh SQLite database through the use-cases (so every row is valid and audited)
//! and prints, as JSON, an API token and a session token of a provider member for the load
//! generator (scripts/bench-http).
//!
//! - `anzen-bench seed DB_PATH KEY_PATH OFFERINGS CONTRACTS`: offerings and contracts with
//!   100 institutions (issue 3's benchmark);
//! - `anzen-bench seed-risks DB_PATH KEY_PATH OFFERINGS RISKS [CONTROLS]`: offerings with an
//!   information flow each and risks spread over them, three in four treated, and a statement
//!   of applicability on CONTROLS controls (default 400) of every offering (issue 4); also
//!   prints the id of the first offering as `offering`;
//! - `anzen-bench demo DB_PATH KEY_PATH`: the demo data set and an API token of every role's
//!   demo account (for scripts/schemathesis);
//! - `anzen-bench seed-load DATABASE_URL KEY_PATH`: the demo data set (on SQLite or
//!   PostgreSQL) and a provider member of the cloud EHR's provider, for the mixed load and the
//!   crash loop (scripts/load-mixed, scripts/crash-loop); prints the cloud EHR's id as
//!   `offering`;
//! - `anzen-bench appendix2-xlsx OUT CONTROLS CONTENT_CHARS RISK_CHARS [PAD_TO_BYTES [SEED]]`:
//!   a valid Appendix 2 workbook (scripts/bench-import), padded with a picture to PAD_TO_BYTES
//!   (0: none), its text drawn with SEED, with its sizes against the import limits as JSON;
//! - `anzen-bench zip-bomb OUT MIB [--lie]`: a workbook whose shared strings expand to MIB
//!   MiB (with `--lie`, its headers declare every part to be 100 bytes);
//! - `anzen-bench api-token DB_PATH KEY_PATH LOGIN PASSWORD`: an API token of a user;
//! - `anzen-bench parse-peak FILE`: reads an Appendix 2 workbook as an import does, without
//!   storing it, and prints the time and the process's peak memory.

mod demo;
mod imports;
mod risks;
mod statements;

use std::sync::Arc;

use anyhow::{Context, bail};
use anzen_app::accounts::UserInput;
use anzen_app::contracts::ContractInput;
use anzen_app::offerings::OfferingInput;
use anzen_app::orgs::OrganisationInput;
use anzen_app::ports::Store;
use anzen_app::{App, Caller, Ed25519Signer, SystemClock};
use anzen_domain::scope::{
    Deployment, Equipment, Maintenance, PatientDirectedReceipt, ScopeProfile,
};
use anzen_store::{SqlStore, StoreOptions};

const PASSWORD: &str = "bench password 2026";

pub(crate) fn profile(i: usize) -> ScopeProfile {
    let mut p = ScopeProfile::new(format!("サービス {i:04}"));
    match i % 6 {
        0 => {
            p.contract.provision = true;
            p.handles_medical_information = true;
            p.stores_medical_information = true;
        }
        1 => p.supplies_in_scope_service = true,
        2 => {
            p.contract.maintenance = Maintenance::ProviderJudgement;
            p.deployment = Deployment::InsideInstitution;
            p.equipment = Equipment::MedicalDevice;
            p.connected_to_medical_information_system = true;
        }
        3 => {
            p.patient_directed_receipt = PatientDirectedReceipt::FromInstitution;
            p.merged_into_phr_with_other_data = true;
        }
        4 => {
            p.institution_self_operated = true;
            p.contract.sale_only = true;
        }
        _ => {
            p.contract.operation = true;
            p.records_care_information = true;
            p.handles_medical_information = true;
        }
    }
    p
}

/// Writes the audit key file for the server to sign with.
fn write_key(path: &str, signer: &Ed25519Signer) -> anyhow::Result<()> {
    let hex: String = signer
        .secret_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    std::fs::write(path, format!("{hex}\n")).with_context(|| path.to_owned())
}

/// A provider member of `org` and its API token and session.
async fn bench_user(app: &App, op: &Caller, org: &str) -> anyhow::Result<serde_json::Value> {
    app.add_user(
        op,
        UserInput {
            org: org.to_owned(),
            login: "bench@bench.example".into(),
            display_name: "ベンチ 担当者".into(),
            role: "provider_member".into(),
            password: PASSWORD.into(),
            access_until: String::new(),
            must_change_password: Some(false),
        },
    )
    .await?;
    let step = app
        .sign_in("bench@bench.example", PASSWORD, "bench")
        .await?;
    let ctx = app.session_context(&step.token).await?;
    let token = app.create_api_token(&ctx, "bench", None).await?;
    Ok(serde_json::json!({ "token": token.secret, "session": step.token }))
}

/// The demo data set on any backend, for the mixed load and the crash loop.
async fn seed_load(url: &str, key: &str) -> anyhow::Result<()> {
    let (sql, app) = open(url, key).await?;
    let op = Caller::operator("bench");
    let demo = anzen_app::demo::seed(&app, &op, PASSWORD).await?;
    let provider = demo
        .organisations
        .iter()
        .find(|o| o.name.as_str() == anzen_app::demo::CLOUD_EHR_PROVIDER)
        .context("the demo's cloud EHR provider")?;
    let offering = demo
        .offerings
        .iter()
        .find(|o| o.provider == provider.id)
        .context("the demo's cloud EHR")?;
    let mut out = bench_user(&app, &op, &provider.id.to_string()).await?;
    out["offering"] = serde_json::json!(offering.id.to_string());
    sql.close().await;
    println!("{out}");
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    match args.as_slice() {
        [_, cmd, out, controls, content, risk, rest @ ..]
            if cmd == "appendix2-xlsx" && rest.len() <= 2 =>
        {
            return imports::appendix2_xlsx(
                out,
                controls.parse().context("CONTROLS")?,
                content.parse().context("CONTENT_CHARS")?,
                risk.parse().context("RISK_CHARS")?,
                rest.first()
                    .map(|p| p.parse().context("PAD_TO_BYTES"))
                    .transpose()?,
                rest.get(1).map_or(Ok(42), |s| s.parse().context("SEED"))?,
            );
        }
        [_, cmd, out, mib] if cmd == "zip-bomb" => {
            return imports::zip_bomb(out, mib.parse().context("MIB")?, false);
        }
        [_, cmd, out, mib, lie] if cmd == "zip-bomb" && lie == "--lie" => {
            return imports::zip_bomb(out, mib.parse().context("MIB")?, true);
        }
        [_, cmd, db, key, login, password] if cmd == "api-token" => {
            return imports::api_token(db, key, login, password).await;
        }
        [_, cmd, file] if cmd == "parse-peak" => {
            return imports::parse_peak(file).await;
        }
        _ => {}
    }
    if let [_, cmd, url, key] = args.as_slice()
        && cmd == "seed-load"
    {
        return seed_load(url, key).await;
    }
    if let [_, cmd, db, key] = args.as_slice()
        && cmd == "demo"
    {
        let (sql, app) = open(&format!("sqlite://{db}"), key).await?;
        let out = demo::seed(&app).await?;
        sql.close().await;
        println!("{out}");
        return Ok(());
    }
    let (cmd, db, key, offerings, count, controls) = match args.as_slice() {
        [_, cmd, db, key, offerings, count] if cmd == "seed" || cmd == "seed-risks" => {
            (cmd, db, key, offerings, count, "400")
        }
        [_, cmd, db, key, offerings, count, controls] if cmd == "seed-risks" => {
            (cmd, db, key, offerings, count, controls.as_str())
        }
        _ => bail!(
            "usage: anzen-bench seed DB_PATH KEY_PATH OFFERINGS CONTRACTS\n       anzen-bench seed-risks DB_PATH KEY_PATH OFFERINGS RISKS [CONTROLS]\n       anzen-bench demo DB_PATH KEY_PATH"
        ),
    };
    let offerings: usize = offerings.parse().context("OFFERINGS")?;
    let count: usize = count.parse().context("CONTRACTS or RISKS")?;
    let controls: usize = controls.parse().context("CONTROLS")?;
    let (sql, app) = open(&format!("sqlite://{db}"), key).await?;
    let op = Caller::operator("bench");

    let org = |kind: &str, ik: &str, name: String, by: String| OrganisationInput {
        kind: kind.into(),
        institution_kind: ik.into(),
        name,
        registered_by: by,
    };
    let provider = app
        .add_organisation(
            &op,
            org(
                "provider",
                "",
                "ベンチ提供事業者株式会社".into(),
                String::new(),
            ),
        )
        .await?;
    let mut institutions = Vec::new();
    for i in 0..100 {
        let kind = ["hospital", "clinic", "care_provider", "pharmacy"][i % 4];
        institutions.push(
            app.add_organisation(
                &op,
                org(
                    "medical_institution",
                    kind,
                    format!("ベンチ医療機関 {i:03}"),
                    provider.id.to_string(),
                ),
            )
            .await?,
        );
    }
    let (made, contracts) = if cmd == "seed-risks" {
        let (made, risk_ids) = risks::seed(&app, &op, provider.id, offerings, count).await?;
        let ids: Vec<_> = made.iter().map(|o| o.id).collect();
        let start = std::time::Instant::now();
        let n = statements::seed(&app, provider.id, &ids, &risk_ids, controls).await?;
        eprintln!(
            "{n} statements ({controls} controls × {offerings} offerings) in {:.1} s",
            start.elapsed().as_secs_f64()
        );
        (made, offerings * 2)
    } else {
        (
            offerings_of(&app, &op, provider.id, offerings).await?,
            count,
        )
    };

    for i in 0..contracts {
        let o = &made[i % made.len()];
        let inst = &institutions[(i * 7) % institutions.len()];
        app.add_contract(
            &op,
            ContractInput {
                institution: inst.id.to_string(),
                provider: provider.id.to_string(),
                offering: o.id.to_string(),
                kind: ["provision", "operation", "maintenance"][i % 3].into(),
                starts_on: format!("20{:02}-04-01", 20 + i % 7),
                ends_on: format!("20{:02}-03-31", 28 + i % 5),
                reference: format!("B-{i:05}"),
            },
        )
        .await?;
    }
    let mut out = bench_user(&app, &op, &provider.id.to_string()).await?;
    if cmd == "seed-risks"
        && let Some(o) = made.first()
    {
        out["offering"] = serde_json::json!(o.id.to_string());
    }
    // Closing the last connection checkpoints the WAL into the database file, so the server
    // starts on a settled database.
    sql.close().await;
    println!("{out}");
    Ok(())
}

/// Opens (and migrates) the database at `url` and writes a new audit key to `key` for the
/// server to sign with, and a new secrets key beside it.
async fn open(url: &str, key: &str) -> anyhow::Result<(Arc<SqlStore>, App)> {
    let sql = Arc::new(SqlStore::open(&StoreOptions::new(url)).await?);
    let store: Arc<dyn Store> = sql.clone();
    let signer = Ed25519Signer::generate()?;
    write_key(key, &signer)?;
    // The secrets key where the server looks by default: `secrets.key` beside the audit key.
    let secrets = anzen_app::XChaChaCipher::generate_key()?;
    let secrets_path = std::path::Path::new(key).with_file_name("secrets.key");
    let hex: String = secrets.iter().map(|b| format!("{b:02x}")).collect();
    std::fs::write(&secrets_path, format!("{hex}\n"))
        .with_context(|| secrets_path.display().to_string())?;
    let app = App::new(store, Arc::new(SystemClock), Arc::new(signer))
        .with_secret_cipher(Arc::new(anzen_app::XChaChaCipher::from_key(secrets)));
    Ok((sql, app))
}

/// Adds `n` offerings of `provider` with profiles of every kind.
async fn offerings_of(
    app: &App,
    op: &Caller,
    provider: anzen_domain::ids::OrgId,
    n: usize,
) -> anyhow::Result<Vec<anzen_domain::offering::Offering>> {
    let mut made = Vec::new();
    for i in 0..n {
        let p = profile(i);
        made.push(
            app.add_offering(
                op,
                OfferingInput {
                    provider: provider.to_string(),
                    name: p.service.clone(),
                    description: String::new(),
                    profile: p,
                },
            )
            .await?,
        );
    }
    Ok(made)
}
