//! `anzen-bench demo DB_PATH KEY_PATH`: the demo data set (the one `anzen demo` creates) and
//! an API token for the demo account of every role, signed in through the use-cases the way
//! the account page does it (the administrator enrols an authenticator app first). Prints
//! `{"tokens": {role: token}, "password": …}` for the API checks (scripts/schemathesis).

use anyhow::Context;
use anzen_app::accounts::totp;
use anzen_app::ports::SessionState;
use anzen_app::{App, Caller};

const PASSWORD: &str = "demo password for the API checks";

/// Seeds the demo data into `app` and returns the JSON to print.
pub async fn seed(app: &App) -> anyhow::Result<serde_json::Value> {
    let data = anzen_app::demo::seed(app, &Caller::operator("demo"), PASSWORD).await?;
    let mut tokens = serde_json::Map::new();
    for login in &data.logins {
        let step = app.sign_in(&login.login, PASSWORD, "api-checks").await?;
        let mut ctx = app.session_context(&step.token).await?;
        if step.state == SessionState::MfaEnrolment {
            let enrolment = app.start_mfa_enrolment(&ctx).await?;
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?;
            let code = totp::code_at(&enrolment.secret, i64::try_from(now.as_secs())?)?;
            let (_, active) = app.confirm_mfa_enrolment(&ctx, &code).await?;
            let active = active.context("the enrolment did not activate the session")?;
            ctx = app.session_context(&active.token).await?;
        }
        anyhow::ensure!(ctx.is_active(), "{} could not sign in", login.login);
        let token = app.create_api_token(&ctx, "api checks", None).await?;
        tokens.insert(login.role.code().to_owned(), token.secret.into());
    }
    Ok(serde_json::json!({ "tokens": tokens, "password": PASSWORD }))
}
