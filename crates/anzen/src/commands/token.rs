//! `anzen token create|revoke|list`: API tokens for scripts, without the web form.

use anzen_app::{App, Caller};

use super::bad_input;
use crate::cli::{Format, TokenCommand};
use crate::output::{Table, print_json, print_table};

pub async fn run(app: &App, caller: &Caller, cmd: TokenCommand) -> anyhow::Result<()> {
    match cmd {
        TokenCommand::Create {
            user,
            expires,
            name,
        } => {
            let days = expires
                .map(|d| {
                    d.trim().parse::<i64>().map_err(|_| {
                        bad_input(format!(
                            "--expires: `{d}` is not a number of days; accepted: 1 to 366"
                        ))
                    })
                })
                .transpose()?;
            let token = app.create_api_token_for(caller, &user, &name, days).await?;
            let r = &token.record;
            println!(
                "{}\t{}\t{}",
                r.id,
                r.name,
                r.expires_at
                    .map_or_else(|| "no expiry".to_owned(), |t| format!("expires {t}"))
            );
            println!("token (shown once; keep it secret): {}", token.secret);
        }
        TokenCommand::Revoke { id } => {
            app.revoke_api_token_by_id(caller, &id).await?;
            println!("revoked {id}");
        }
        TokenCommand::List { user, format } => {
            let tokens = app.list_api_tokens_of(caller, &user).await?;
            match format {
                Format::Json => print_json(&serde_json::Value::Array(
                    tokens
                        .iter()
                        .map(|t| {
                            serde_json::json!({
                                "id": t.id,
                                "name": t.name,
                                "prefix": t.prefix,
                                "created_at": t.created_at.to_string(),
                                "expires_at": t.expires_at.map(|e| e.to_string()),
                                "last_used_at": t.last_used_at.map(|e| e.to_string()),
                                "revoked_at": t.revoked_at.map(|e| e.to_string()),
                            })
                        })
                        .collect(),
                )),
                Format::Text => {
                    let mut t = Table::new(["id", "name", "prefix", "expires", "revoked"]);
                    for r in &tokens {
                        t.row([
                            r.id.clone(),
                            r.name.clone(),
                            r.prefix.clone(),
                            r.expires_at.map(|e| e.to_string()).unwrap_or_default(),
                            r.revoked_at.map(|e| e.to_string()).unwrap_or_default(),
                        ]);
                    }
                    print_table(
                        &t,
                        "トークンはありません / no API tokens — create one with `anzen token create`",
                    );
                }
            }
        }
    }
    Ok(())
}
