//! `anzen jobs run NAME`: runs the pending job of a recurring kind now.

use anzen_app::App;
use anzen_app::jobs::RunNow;

pub async fn run(app: &App, cmd: crate::cli::JobsCommand) -> anyhow::Result<()> {
    match cmd {
        crate::cli::JobsCommand::Run { name } => {
            let worker = format!("cli-{}", std::process::id());
            match app.run_job_now(name.trim(), &worker).await? {
                RunNow::Ran { error: None } => println!("ran {name}"),
                RunNow::Ran { error: Some(e) } => {
                    anyhow::bail!("{name} failed and will be retried: {e}")
                }
                RunNow::Busy => {
                    anyhow::bail!("{name} is being run by another node now; try again later")
                }
            }
        }
    }
    Ok(())
}
