//! `anzen user add|list`.

use anzen_app::accounts::{UserInput, secrets};
use anzen_app::ports::Page;
use anzen_app::{App, Caller};

use super::bad_input;
use crate::cli::{Format, UserCommand};
use crate::output::{Table, print_json, print_table};

pub async fn run(app: &App, caller: &Caller, cmd: UserCommand) -> anyhow::Result<()> {
    match cmd {
        UserCommand::Add {
            org,
            login,
            display_name,
            role,
            access_until,
            password_stdin,
        } => {
            let (password, generated) = if password_stdin {
                (read_password_stdin()?, false)
            } else {
                (secrets::random_token()?[..20].to_owned(), true)
            };
            let user = app
                .add_user(
                    caller,
                    UserInput {
                        org,
                        login,
                        display_name,
                        role,
                        password: password.clone(),
                        access_until,
                        must_change_password: None,
                    },
                )
                .await?;
            println!("{}\t{}\t{}", user.id, user.login, user.role.label_ja());
            if generated {
                println!(
                    "temporary password (shown once; to be changed at the first sign-in): {password}"
                );
            }
        }
        UserCommand::List(args) => {
            let list = app
                .list_users(caller, Page::new(args.offset, args.limit))
                .await?;
            match args.format {
                Format::Json => print_json(&serde_json::to_value(&list.rows)?),
                Format::Text => {
                    let mut t = Table::new(["id", "ログインID / login", "役割 / role", "MFA"]);
                    for u in &list.rows {
                        t.row([
                            u.id.to_string(),
                            u.login.to_string(),
                            u.role.label_ja().to_owned(),
                            if u.mfa_enabled { "✓" } else { "" }.to_owned(),
                        ]);
                    }
                    print_table(
                        &t,
                        "利用者はまだいません / no users yet — add one with `anzen user add`",
                    );
                }
            }
        }
    }
    Ok(())
}

/// The password given on standard input, without its line end. At most 4 KiB are read (the
/// policy allows 256 characters), so a wrong pipe cannot fill the memory.
fn read_password_stdin() -> anyhow::Result<String> {
    let bytes = super::read_bounded(std::io::stdin().lock(), 4096)
        .map_err(|e| bad_input(format!("cannot read the password from standard input: {e}")))?
        .ok_or_else(|| {
            bad_input("password: standard input holds more than 4 KiB; expected one line")
        })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| bad_input("password: standard input is not UTF-8 text"))?;
    Ok(text.trim_end_matches(['\r', '\n']).to_owned())
}
