//! `anzen audit verify`.

use anzen_app::App;

use crate::cli::AuditCommand;

pub async fn run(app: &App, cmd: AuditCommand) -> anyhow::Result<()> {
    match cmd {
        AuditCommand::Verify => {
            let report = app.verify_audit().await?;
            match report.first_break {
                None => {
                    println!(
                        "監査証跡は改ざんされていません / the audit trail is intact: {} entries, signed by key {}",
                        report.entries,
                        app.signer().key_id()
                    );
                    Ok(())
                }
                Some(broken) => {
                    println!("{} entries verified before the break", report.entries);
                    anyhow::bail!(
                        "監査証跡の検証に失敗しました / the audit trail does not verify: {broken}"
                    )
                }
            }
        }
    }
}
