//! Seeds a fresh SQLite database through the use-cases (so every row is valid and audited)
//! and prints, as JSON, an API token and a session token of a provider member for the load
//! generator (scripts/bench-http).
//!
//! - `anzen-bench seed DB_PATH KEY_PATH OFFERINGS CONTRACTS`: offerings and contracts with
//!   100 institutions (issue 3's benchmark);
//! - `anzen-bench seed-risks DB_PATH KEY_PATH OFFERINGS RISKS`: offerings with an
//!   information flow each and risks spread over them, three in four treated (issue 4).

mod risks;

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

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, cmd, db, key, offerings, count] = args.as_slice() else {
        bail!(
            "usage: anzen-bench seed DB_PATH KEY_PATH OFFERINGS CONTRACTS\n       anzen-bench seed-risks DB_PATH KEY_PATH OFFERINGS RISKS"
        );
    };
    if cmd != "seed" && cmd != "seed-risks" {
        bail!("unknown command `{cmd}` (accepted: seed, seed-risks)");
    }
    let offerings: usize = offerings.parse().context("OFFERINGS")?;
    let count: usize = count.parse().context("CONTRACTS or RISKS")?;
    let store: Arc<dyn Store> =
        Arc::new(SqlStore::open(&StoreOptions::new(format!("sqlite://{db}"))).await?);
    let signer = Ed25519Signer::generate()?;
    std::fs::write(
        key,
        format!(
            "{}\n",
            signer
                .secret_bytes()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        ),
    )?;
    let app = App::new(store, Arc::new(SystemClock), Arc::new(signer));
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
        (
            risks::seed(&app, &op, provider.id, offerings, count).await?,
            offerings * 2,
        )
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
    app.add_user(
        &op,
        UserInput {
            org: provider.id.to_string(),
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
    println!(
        "{}",
        serde_json::json!({ "token": token.secret, "session": step.token })
    );
    Ok(())
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
