//! The `trailmap` binary: parses the command line, then runs a command or
//! opens the app. Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser;
use trailmap::cli::{self, Cli};

fn main() -> ExitCode {
    // Errors are one line on stderr, never a panic message with a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(ToString::to_string)
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".to_owned());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("trailmap: internal error{place}: {message}");
    }));
    let cli = Cli::parse();
    match cli.command {
        Some(command) => cli::run(command, &cli.global),
        None => trailmap::app::run(cli.plan, &cli.global),
    }
}
