//! `anzen offering add|set-profile|list|show`.

use anzen_app::offerings::{OfferingDetail, OfferingInput};
use anzen_app::ports::Page;
use anzen_app::{App, Caller};
use anzen_domain::ids::OfferingId;
use anzen_domain::offering::Offering;
use anzen_domain::scope::{ScopeProfile, ScopeVerdict};
use serde_json::json;

use super::{bad_input, read_input_file, shown_path};
use crate::cli::{Format, OfferingCommand};
use crate::output::{Table, print_json, print_table};

fn read_profile(path: &std::path::Path) -> anyhow::Result<ScopeProfile> {
    let text = read_input_file(path)?;
    ScopeProfile::from_json(&text).map_err(|e| bad_input(format!("{}: {e}", shown_path(path))))
}

pub async fn run(app: &App, caller: &Caller, cmd: OfferingCommand) -> anyhow::Result<()> {
    match cmd {
        OfferingCommand::Add {
            provider,
            profile,
            name,
            description,
            format,
        } => {
            let profile = read_profile(&profile)?;
            let name = name.unwrap_or_else(|| profile.service.clone());
            let o = app
                .add_offering(
                    caller,
                    OfferingInput {
                        provider,
                        name,
                        description,
                        profile,
                    },
                )
                .await?;
            match format {
                Format::Json => print_json(&offering_json(&o)),
                Format::Text => println!("{}\t{}\t{}", o.id, o.name, verdict_summary(&o.verdict)),
            }
        }
        OfferingCommand::SetProfile {
            id,
            profile,
            revision,
            format,
        } => {
            let id = OfferingId::parse_field("id", &id)?;
            let profile = read_profile(&profile)?;
            let detail = app
                .update_offering_profile(caller, id, revision, profile)
                .await?;
            print_detail(&detail, format);
        }
        OfferingCommand::List(args) => {
            let list = app
                .list_offerings(
                    caller,
                    &anzen_app::ports::OfferingQuery::default(),
                    Page::new(args.offset, args.limit),
                )
                .await?
                .rows;
            match args.format {
                Format::Json => print_json(&serde_json::to_value(&list)?),
                Format::Text => {
                    let mut t = Table::new(["id", "名称 / name", "判定 / verdict", "rev"]);
                    for o in &list {
                        t.row([
                            o.id.to_string(),
                            o.name.to_string(),
                            decision_summary(o.in_scope, &o.categories),
                            o.revision.to_string(),
                        ]);
                    }
                    print_table(
                        &t,
                        "提供サービスはまだありません / no offerings yet — add one with `anzen offering add`",
                    );
                }
            }
        }
        OfferingCommand::Show { id, format } => {
            let id = OfferingId::parse_field("id", &id)?;
            let detail = app.offering(caller, id).await?;
            print_detail(&detail, format);
        }
    }
    Ok(())
}

fn print_detail(d: &OfferingDetail, format: Format) {
    match format {
        Format::Json => {
            let mut v = offering_json(&d.offering);
            v["history"] = json!(
                d.history
                    .iter()
                    .map(|r| json!({
                        "sequence": r.sequence,
                        "recorded_by": r.recorded_by,
                        "recorded_at": r.recorded_at,
                        "profile": r.profile,
                        "verdict": r.verdict,
                    }))
                    .collect::<Vec<_>>()
            );
            print_json(&v);
        }
        Format::Text => {
            let o = &d.offering;
            println!("{} ({})", o.name, o.id);
            println!("提供事業者 / provider: {}", o.provider);
            if let Some(desc) = &o.description {
                println!("説明 / description: {desc}");
            }
            println!("改訂 / revision: {}", o.revision);
            println!();
            print!("{}", o.verdict.to_text());
            println!();
            println!("判定履歴 / verdict history:");
            let mut t = Table::new([
                "#",
                "記録日時 / recorded at",
                "記録者 / by",
                "判定 / verdict",
                "",
            ]);
            let mut previous: Option<&anzen_domain::offering::VerdictRecord> = None;
            for r in &d.history {
                let changed = previous.is_some_and(|p| r.decision_differs(p));
                t.row([
                    r.sequence.to_string(),
                    r.recorded_at.to_string(),
                    r.recorded_by.clone(),
                    verdict_summary(&r.verdict),
                    if changed {
                        "判定変更 / decision changed".to_owned()
                    } else {
                        String::new()
                    },
                ]);
                previous = Some(r);
            }
            print!("{}", t.render());
        }
    }
}

/// One line: 「対象 contracted_provider」 or 「対象外」.
pub fn verdict_summary(v: &ScopeVerdict) -> String {
    decision_summary(v.in_scope, &v.categories)
}

pub fn decision_summary(
    in_scope: bool,
    categories: &[anzen_domain::scope::ScopeCategory],
) -> String {
    if in_scope {
        let cats: Vec<&str> = categories.iter().map(|c| c.code()).collect();
        format!("対象 / in scope: {}", cats.join(", "))
    } else {
        "対象外 / out of scope".to_owned()
    }
}

pub fn offering_json(o: &Offering) -> serde_json::Value {
    json!({
        "id": o.id,
        "provider": o.provider,
        "name": o.name,
        "description": o.description,
        "revision": o.revision,
        "profile": o.profile,
        "verdict": o.verdict,
        "created_at": o.created_at,
        "updated_at": o.updated_at,
    })
}
