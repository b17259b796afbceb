//! `anzen audit verify [--checkpoint FILE]`, `anzen audit checkpoint`, `anzen audit sign-head`.

use std::path::Path;

use anzen_app::audit::VerifyReport;
use anzen_app::{App, Caller};
use anzen_domain::audit::Checkpoint;

use super::{bad_input, read_input_file, shown_path};
use crate::cli::AuditCommand;
use crate::output::print_json;

pub async fn run(app: &App, caller: &Caller, cmd: AuditCommand) -> anyhow::Result<()> {
    match cmd {
        AuditCommand::Verify { checkpoint } => {
            let checkpoint = checkpoint.as_deref().map(read_checkpoint).transpose()?;
            let report = app.verify_audit_with(checkpoint.as_ref()).await?;
            print_verdict(&report)
        }
        AuditCommand::Checkpoint => {
            // A checkpoint vouches for the whole chain up to it: verify it first.
            let report = app.verify_audit().await?;
            if !report.is_intact() {
                return Err(failure(
                    "監査証跡の検証に失敗したため、チェックポイントを発行しません / no checkpoint: the audit trail does not verify",
                    &report,
                ));
            }
            let checkpoint = app.audit_checkpoint(caller).await?;
            print_json(&serde_json::to_value(&checkpoint)?);
            Ok(())
        }
        AuditCommand::SignHead => match app.sign_unsigned_audit_head().await? {
            Some(seq) => {
                println!("署名しました / the chain's head (#{seq}) is signed now");
                Ok(())
            }
            None => {
                println!("the chain's head was signed already; nothing changed");
                Ok(())
            }
        },
    }
}

/// Reads and checks a checkpoint file; a file that is not one exits 2 naming the field.
fn read_checkpoint(path: &Path) -> anyhow::Result<Checkpoint> {
    let text = read_input_file(path)?;
    Checkpoint::parse(&text).map_err(|e| bad_input(format!("{}: {e}", shown_path(path))))
}

fn print_verdict(report: &VerifyReport) -> anyhow::Result<()> {
    if report.is_intact() {
        println!(
            "監査証跡は改ざんされていません / the audit trail is intact: {}",
            report.summary()
        );
        return Ok(());
    }
    if report.first_break.is_some() {
        println!("{} entries verified before the break", report.entries);
    }
    Err(failure(
        "監査証跡の検証に失敗しました / the audit trail does not verify",
        report,
    ))
}

fn failure(title: &str, report: &VerifyReport) -> anyhow::Error {
    let mut text = format!("{title}:");
    for p in report.problems() {
        text.push_str("\n  - ");
        text.push_str(&p);
    }
    anyhow::anyhow!(text)
}
