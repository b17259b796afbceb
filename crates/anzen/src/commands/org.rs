//! `anzen org add|list`.

use anzen_app::orgs::OrganisationInput;
use anzen_app::ports::Page;
use anzen_app::{App, Caller};
use anzen_domain::org::Organisation;
use serde_json::json;

use crate::cli::{Format, OrgCommand};
use crate::output::{Table, print_json, print_table};

pub async fn run(app: &App, caller: &Caller, cmd: OrgCommand) -> anyhow::Result<()> {
    match cmd {
        OrgCommand::Add {
            kind,
            institution_kind,
            name,
            registered_by,
            format,
        } => {
            let org = app
                .add_organisation(
                    caller,
                    OrganisationInput {
                        kind,
                        institution_kind,
                        name,
                        registered_by,
                    },
                )
                .await?;
            match format {
                Format::Json => print_json(&org_json(&org)),
                Format::Text => println!("{}\t{}\t{}", org.id, org.org_type.label_ja(), org.name),
            }
        }
        OrgCommand::List(args) => {
            let orgs = app
                .list_organisations(caller, Page::new(args.offset, args.limit))
                .await?
                .rows;
            match args.format {
                Format::Json => print_json(&json!(orgs.iter().map(org_json).collect::<Vec<_>>())),
                Format::Text => {
                    let mut t = Table::new(["id", "種別 / kind", "名称 / name"]);
                    for o in &orgs {
                        t.row([o.id.to_string(), o.org_type.label_ja(), o.name.to_string()]);
                    }
                    print_table(
                        &t,
                        "組織はまだ登録されていません / no organisations yet — add one with `anzen org add`",
                    );
                }
            }
        }
    }
    Ok(())
}

pub fn org_json(o: &Organisation) -> serde_json::Value {
    json!({
        "id": o.id,
        "kind": o.org_type.kind(),
        "institution_kind": o.org_type.institution_kind(),
        "name": o.name,
        "registered_by": o.registered_by,
        "created_at": o.created_at,
    })
}
