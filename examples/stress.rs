//! Writes the stress data into a data folder, for `scripts/bench-launch.sh` and
//! for trying the app by hand with years of history:
//!
//! ```text
//! cargo run --release --example stress -- DATA_DIR [SEED]
//! ```
//!
//! It writes `DATA_DIR/plans/stress.ron` (the stress plan) and 2,000 normal
//! plans beside it, and prints their sizes. Generated files are never
//! committed.
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "tests, benchmarks and examples make real files and threads"
)]

use std::path::PathBuf;
use std::process::ExitCode;

use trailmap::storage::{self, DataDir};
use trailmap_testkit::stress;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: stress DATA_DIR [SEED]");
        return ExitCode::FAILURE;
    };
    let seed = args
        .next()
        .and_then(|s| s.to_str().and_then(|s| s.parse().ok()))
        .unwrap_or(1);
    let plans = DataDir::new(dir).plans();
    let result = (|| -> Result<(), storage::StorageError> {
        let library = stress::write_library(&plans, seed)?;
        let bytes: u64 = library
            .iter()
            .filter_map(|p| p.metadata().ok())
            .map(|m| m.len())
            .sum();
        println!(
            "{} library plans, {bytes} bytes, in {}",
            library.len(),
            plans.display()
        );
        let (plan, _) = stress::stress_plan(seed);
        let text = storage::plan_to_string(&plan);
        let path = plans.join("stress.ron");
        storage::write_plan_text(&path, &text)?;
        println!("stress plan: {} bytes, {}", text.len(), path.display());
        Ok(())
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stress: {e}");
            ExitCode::FAILURE
        }
    }
}
