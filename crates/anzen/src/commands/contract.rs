//! `anzen contract add|list`.

use anzen_app::contracts::ContractInput;
use anzen_app::ports::Page;
use anzen_app::{App, Caller};
use anzen_domain::contract::Contract;
use serde_json::json;

use crate::cli::{ContractCommand, Format};
use crate::output::{Table, print_json, print_table};

pub async fn run(app: &App, caller: &Caller, cmd: ContractCommand) -> anyhow::Result<()> {
    match cmd {
        ContractCommand::Add {
            institution,
            provider,
            offering,
            kind,
            starts_on,
            ends_on,
            reference,
            format,
        } => {
            let c = app
                .add_contract(
                    caller,
                    ContractInput {
                        institution,
                        provider,
                        offering,
                        kind,
                        starts_on,
                        ends_on,
                        reference,
                    },
                )
                .await?;
            match format {
                Format::Json => print_json(&contract_json(&c)),
                Format::Text => {
                    println!("{}\t{}\t{}", c.id, c.kind.label_ja(), c.period.starts_on())
                }
            }
        }
        ContractCommand::List(args) => {
            let list = app
                .list_contracts(
                    caller,
                    &anzen_app::ports::ContractQuery::default(),
                    Page::new(args.offset, args.limit),
                )
                .await?
                .rows;
            match args.format {
                Format::Json => {
                    print_json(&json!(list.iter().map(contract_json).collect::<Vec<_>>()))
                }
                Format::Text => {
                    let mut t = Table::new([
                        "id",
                        "種類 / kind",
                        "医療機関等 / institution",
                        "提供サービス / offering",
                        "期間 / period",
                    ]);
                    for c in &list {
                        let end = c
                            .period
                            .ends_on()
                            .map(|d| d.to_string())
                            .unwrap_or_default();
                        t.row([
                            c.id.to_string(),
                            c.kind.label_ja().to_owned(),
                            c.institution.to_string(),
                            c.offering.to_string(),
                            format!("{} – {end}", c.period.starts_on()),
                        ]);
                    }
                    print_table(
                        &t,
                        "契約はまだありません / no contracts yet — add one with `anzen contract add`",
                    );
                }
            }
        }
    }
    Ok(())
}

fn contract_json(c: &Contract) -> serde_json::Value {
    json!({
        "id": c.id,
        "institution": c.institution,
        "provider": c.provider,
        "offering": c.offering,
        "kind": c.kind,
        "starts_on": c.period.starts_on(),
        "ends_on": c.period.ends_on(),
        "reference": c.reference,
        "created_at": c.created_at,
    })
}
