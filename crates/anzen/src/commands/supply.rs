//! `anzen supply add|list`.

use anzen_app::supply::SupplyLinkInput;
use anzen_app::{App, Caller};
use anzen_domain::ids::OfferingId;
use anzen_domain::supply::SupplyLink;
use serde_json::json;

use crate::cli::{Format, SupplyCommand};
use crate::output::{Table, print_json, print_table};

pub async fn run(app: &App, caller: &Caller, cmd: SupplyCommand) -> anyhow::Result<()> {
    match cmd {
        SupplyCommand::Add {
            offering,
            code,
            supplier,
            supplier_offering,
            selected_by,
            contract_holder,
            visibility,
            description,
            format,
        } => {
            let l = app
                .add_supply_link(
                    caller,
                    SupplyLinkInput {
                        offering,
                        code,
                        supplier,
                        supplier_offering,
                        selected_by,
                        contract_holder,
                        visibility,
                        description,
                    },
                )
                .await?;
            match format {
                Format::Json => print_json(&link_json(&l)),
                Format::Text => println!("{}\t{}\t{}", l.id, l.code.label_ja(), l.supplier),
            }
        }
        SupplyCommand::List { offering, format } => {
            let offering = offering
                .as_deref()
                .map(|o| OfferingId::parse_field("--offering", o))
                .transpose()?;
            let list = app.list_supply_links(caller, offering).await?;
            match format {
                Format::Json => print_json(&json!(list.iter().map(link_json).collect::<Vec<_>>())),
                Format::Text => {
                    let mut t = Table::new([
                        "id",
                        "構成要素 / component",
                        "提供サービス / offering",
                        "供給元 / supplier",
                        "選定 / selected by",
                        "契約 / contract holder",
                    ]);
                    for l in &list {
                        t.row([
                            l.id.to_string(),
                            l.code.label_ja().to_owned(),
                            l.offering.to_string(),
                            l.supplier.to_string(),
                            l.selected_by.to_string(),
                            l.contract_holder.to_string(),
                        ]);
                    }
                    print_table(
                        &t,
                        "供給関係はまだありません / no supply links yet — add one with `anzen supply add`",
                    );
                }
            }
        }
    }
    Ok(())
}

fn link_json(l: &SupplyLink) -> serde_json::Value {
    json!({
        "id": l.id,
        "offering": l.offering,
        "layer": l.code.layer(),
        "code": l.code,
        "supplier": l.supplier,
        "supplier_offering": l.supplier_offering,
        "selected_by": l.selected_by,
        "contract_holder": l.contract_holder,
        "description": l.description,
        "created_at": l.created_at,
    })
}
