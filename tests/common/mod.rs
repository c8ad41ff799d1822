//! Helpers shared by the integration tests: example plans, large generated
//! plans, folder listings and the built binary.
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "tests, benchmarks and examples make real files and threads"
)]
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jiff::civil::date;
use trailmap::model::{ChecklistItem, Plan, RoleId, SkillId, Status};
use trailmap::storage::{self, FrameworkCatalog};

/// The example aiming at engineering manager.
pub const PRIYA: &str = "saves/priya-tech-lead-to-em.ron";
/// The example aiming at head of product, with mentor ratings and sessions.
pub const MARCUS: &str = "saves/marcus-tech-lead-to-head-of-product.ron";

/// The built binary.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_trailmap")
}

/// Runs the binary with `args` in `dir`, with a pinned date and a data
/// folder inside `dir`, and returns what it did.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    run_in_on(dir, "2026-11-10", args)
}

/// [`run_in`] with today pinned to `today` (YYYY-MM-DD).
pub fn run_in_on(dir: &Path, today: &str, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("TRAILMAP_TODAY", today)
        .env("TRAILMAP_DATA_DIR", dir.join("data"))
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the binary runs")
}

/// An example plan, loaded and checked.
pub fn example(path: &str) -> Plan {
    storage::load_plan(Path::new(path), &FrameworkCatalog::builtin_only())
        .unwrap_or_else(|e| panic!("{e}"))
        .plan
}

/// A valid plan whose saved text is at least `min_bytes` long: the Priya
/// example with many checklist items added, each with long text.
pub fn big_plan(min_bytes: usize, salt: &str) -> Plan {
    let mut plan = example(PRIYA);
    let skills = [
        "communication",
        "strategic-thinking",
        "influence",
        "decision-making",
    ];
    let mut n = 0usize;
    let base = storage::plan_to_string(&plan).len();
    let mut batch = 5;
    loop {
        let size = storage::plan_to_string(&plan).len();
        if size >= min_bytes {
            break;
        }
        if let Some(per_item) = (size - base).checked_div(n) {
            // Items are about the same size: add about as many as are missing.
            batch = (min_bytes - size) / (per_item + 1) + 1;
        }
        for _ in 0..batch {
            let id = plan.allocate_id();
            let mut item = ChecklistItem::new(
                id,
                format!(
                    "{salt} action {n}: write it down, share it, ask for feedback \"quoted\" and \\ escaped"
                ),
                date(2026, 1 + (n % 12) as i8, 1 + (n % 28) as i8),
            );
            item.skill = Some(SkillId::new(skills[n % 4]));
            item.role = n.is_multiple_of(3).then(|| RoleId::new("engineering-manager"));
            item.status = Status::ALL[n % 4];
            item.notes = format!("{salt} notes {n}: ").repeat(8);
            item.evidence = "é ü ✓ 漢字 — evidence line\n".repeat(n % 4);
            plan.checklist.push(item);
            n += 1;
        }
    }
    plan
}

/// The names in `dir`, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the folder can be read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The temporary files a save leaves in `dir` if it is killed.
pub fn temp_files(dir: &Path) -> Vec<String> {
    listing(dir)
        .into_iter()
        .filter(|n| n.starts_with(storage::TMP_PREFIX) && n.ends_with(storage::TMP_SUFFIX))
        .collect()
}

/// Makes every temporary file in `dir` look as old as one a killed save left
/// behind: older than [`storage::STALE_AFTER`], which is what the cleaners
/// remove (a younger one may belong to a save in progress).
pub fn age_temp_files(dir: &Path) {
    let old = std::time::SystemTime::now() - storage::STALE_AFTER - std::time::Duration::from_secs(5);
    for name in temp_files(dir) {
        if !dir.join(&name).is_file() {
            continue;
        }
        let file = std::fs::File::options()
            .write(true)
            .open(dir.join(&name))
            .expect("open a temporary file");
        file.set_modified(old).expect("set its time");
    }
}

/// A fresh temporary folder.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("trailmap-test-")
        .tempdir()
        .expect("a temporary folder")
}

/// `dir/name`.
pub fn path_in(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}

/// Reads a file's bytes.
pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Whether we run as root (root ignores permission bits).
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}
