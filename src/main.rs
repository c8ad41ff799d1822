//! The `trailmap` binary: parses the command line, then runs a command or
//! opens the app. Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser as _;
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
        cli::print_usage_error(&format!("trailmap: internal error{place}: {message}\n"));
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and the version go to standard output as they are; a usage
        // error repeats what was typed, so it is printed with its control
        // characters escaped.
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            cli::print_usage_error(&e.render().to_string());
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match cli.command {
        Some(command) => cli::run(command, &cli.global),
        None => trailmap::app::run(
            cli.plan,
            &trailmap::app::AppOptions {
                data_dir: cli.global.data_dir,
                framework: cli.global.framework,
            },
        ),
    }
}
