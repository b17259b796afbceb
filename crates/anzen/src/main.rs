//! The `anzen` command line: the server, the demo and the operator's tools.

mod cli;
mod commands;
mod config;
mod keys;
mod output;
mod serve;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;
use crate::commands::BadInput;

/// mimalloc instead of the system allocator: typst's layout allocates heavily, and the
/// 300-risk PDF renders about 10 % faster with it (crates/anzen-render/examples/cold.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    quiet_on_closed_stdout();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // A field error is the source of the use-case's error: print it once.
            // `document verify` has said "NOT ISSUED" in its report: the exit status is enough.
            if err
                .downcast_ref::<commands::document::NotIssued>()
                .is_none()
            {
                match err.downcast_ref::<anzen_app::AppError>() {
                    Some(e @ anzen_app::AppError::Invalid(_)) => eprintln!("error: {e}"),
                    _ => eprintln!("error: {err:#}"),
                }
            }
            ExitCode::from(exit_code(&err))
        }
    }
}

/// `anzen offering list | head -1`: when the reader of standard output goes away, stop quietly
/// with the status of a process ended by SIGPIPE (128 + 13), as other command-line tools do,
/// instead of reporting a panic (Rust ignores SIGPIPE, so `println!` panics on the closed pipe).
fn quiet_on_closed_stdout() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        default_hook(info);
    }));
}

/// 2 for anything the caller can fix (bad input, unknown ids, conflicts), 3 for a file
/// `anzen document verify` does not recognise, 1 otherwise.
fn exit_code(err: &anyhow::Error) -> u8 {
    if err
        .downcast_ref::<commands::document::NotIssued>()
        .is_some()
    {
        return 3;
    }
    if err.downcast_ref::<BadInput>().is_some()
        || err.downcast_ref::<anzen_domain::FieldError>().is_some()
    {
        return 2;
    }
    if let Some(app) = err.downcast_ref::<anzen_app::AppError>() {
        return if app.is_callers_fault() { 2 } else { 1 };
    }
    1
}
