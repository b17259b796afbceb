//! `anzen scope check`: the scope verdict of a profile file, with no database.

use anzen_domain::scope::{self, ScopeProfile};

use super::{bad_input, read_input_file, shown_path};
use crate::cli::{ScopeCommand, VerdictFormat};

pub fn run(cmd: ScopeCommand) -> anyhow::Result<()> {
    match cmd {
        ScopeCommand::Check { file, format } => {
            let text = read_input_file(&file)?;
            let profile = ScopeProfile::from_json(&text)
                .map_err(|e| bad_input(format!("{}: {e}", shown_path(&file))))?;
            let verdict = scope::determine(&profile);
            match format {
                VerdictFormat::Json => println!("{}", verdict.to_json_pretty()),
                VerdictFormat::Text => print!("{}", verdict.to_text()),
            }
            Ok(())
        }
    }
}
