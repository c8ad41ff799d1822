//! Killed mid-save (issue #7). A large plan (over 200 KB) is saved over an
//! existing one by the real binary (`trailmap save-copy NEW OLD`), which is
//! killed with SIGKILL after a random delay. Whatever the moment, the file
//! must be byte-identical to the old or to the new version, and the backup
//! must be absent or the old version. Leftover temporary files must be
//! cleaned by the next start of a command that writes.
//!
//! `TRAILMAP_KILL_TRIALS` sets the number of trials (default 300). Run with
//! `--nocapture` to see the counts.
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "tests, benchmarks and examples make real files and threads"
)]

#[path = "it/support.rs"]
mod support;

use std::fs;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::{big_plan, bytes, listing, temp_dir, temp_files};
use trailmap::storage::{backup_path, plan_to_string};

/// A small, seeded xorshift generator: the same delays on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A duration uniformly in `lo..hi`.
    fn between(&mut self, lo: Duration, hi: Duration) -> Duration {
        let span = hi.saturating_sub(lo).as_micros().max(1) as u64;
        lo + Duration::from_micros(self.next() % span)
    }
}

fn spawn(args: &[&Path], first: &str, data: &Path) -> Child {
    Command::new(support::bin())
        .arg(first)
        .args(args)
        .env("TRAILMAP_DATA_DIR", data)
        .env("TRAILMAP_TODAY", support::TODAY.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts")
}

/// How long a command takes from spawn to exit, in the conditions of a
/// trial (`reset` runs first): the median of five runs.
fn time(args: &[&Path], first: &str, data: &Path, reset: &dyn Fn()) -> Duration {
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            reset();
            let start = Instant::now();
            let status = spawn(args, first, data).wait().expect("wait");
            assert!(status.success(), "{first} failed while calibrating");
            start.elapsed()
        })
        .collect();
    times.sort();
    times[2]
}

#[test]
fn killed_mid_save_the_file_is_old_or_new() {
    let dir = temp_dir();
    let data = dir.path().join("data");
    let plans = dir.path().join("plans");
    fs::create_dir(&plans).expect("mkdir");
    let target = plans.join("plan.ron");
    let source = dir.path().join("new.ron");

    let old = plan_to_string(&big_plan(220_000, "old")).into_bytes();
    let new = plan_to_string(&big_plan(260_000, "new")).into_bytes();
    assert!(old.len() >= 200_000 && new.len() >= 200_000);
    assert_ne!(old, new);
    fs::write(&source, &new).expect("write");

    let reset = || {
        fs::write(&target, &old).expect("reset the old version");
        let _ = fs::remove_file(backup_path(&target));
    };
    // Calibrate: loading alone, and loading plus saving.
    let load_only = time(&[&source], "validate", &data, &reset);
    let full = time(&[&source, &target], "save-copy", &data, &reset);
    assert_eq!(bytes(&target), new, "save-copy writes exactly the new version");
    assert_eq!(bytes(&backup_path(&target)), old, "the backup is the old version");

    let trials: usize = std::env::var("TRAILMAP_KILL_TRIALS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let mut rng = Rng(0x5eed_7a11_u64);
    let (mut kept_old, mut got_new, mut corrupt, mut bad_backup, mut with_temp) = (0, 0, 0, 0, 0);
    let started = Instant::now();
    for trial in 0..trials {
        reset();
        // A third of the delays anywhere from spawn to a little past the end,
        // the rest concentrated on the save itself (after the load).
        let delay = if trial % 3 == 0 {
            rng.between(Duration::ZERO, full * 6 / 5)
        } else {
            rng.between(load_only * 4 / 5, full * 11 / 10)
        };
        let mut child = spawn(&[&source, &target], "save-copy", &data);
        std::thread::sleep(delay);
        // SIGKILL on Unix; an error only means it has already exited.
        let _ = child.kill();
        let _ = child.wait();

        let now = bytes(&target);
        if now == old {
            kept_old += 1;
        } else if now == new {
            got_new += 1;
        } else {
            corrupt += 1;
            let keep = dir.path().join(format!("corrupt-{trial}.ron"));
            let _ = fs::write(&keep, &now);
            eprintln!(
                "trial {trial}: corrupt file ({} bytes), delay {delay:?}",
                now.len()
            );
        }
        match fs::read(backup_path(&target)) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Ok(backup) if backup == old => {}
            _ => bad_backup += 1,
        }
        if !temp_files(&plans).is_empty() {
            with_temp += 1;
        }
    }
    println!(
        "kill trials: {trials} (old {kept_old}, new {got_new}, corrupt {corrupt}, bad backup {bad_backup}); \
         killed with a temporary file on disk: {with_temp}; load {load_only:?}, load+save {full:?}; \
         {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(corrupt, 0, "files that were neither the old nor the new version");
    assert_eq!(
        bad_backup, 0,
        "backups that were neither absent nor the old version"
    );
    assert_eq!(kept_old + got_new, trials);

    // Whatever the last kill left, plus leftovers made by hand, once they
    // are a few minutes old: the next start of a command that writes removes
    // those temporary files only. A fresh one may belong to a save running
    // in another process and is kept.
    let partial = &new[..new.len() / 2];
    for name in [".trailmap-plan.ron-k1ll3d.tmp", ".trailmap-other.ron-x.tmp"] {
        fs::write(plans.join(name), partial).expect("write");
    }
    support::age_temp_files(&plans);
    fs::write(plans.join(".trailmap-plan.ron-fresh.tmp"), partial).expect("write");
    fs::write(plans.join("notes.tmp"), b"mine").expect("write");
    assert!(temp_files(&plans).len() >= 3);
    let other = plans.join("other.ron");
    let out = Command::new(support::bin())
        .args([
            "new",
            "Next Start",
            "--role",
            "tech-lead",
            "--target",
            "product-manager",
            "-o",
        ])
        .arg(&other)
        .env("TRAILMAP_DATA_DIR", &data)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(temp_files(&plans), [".trailmap-plan.ron-fresh.tmp"]);
    let mut names = listing(&plans);
    names.retain(|n| n != "plan.ron.bak" && !n.ends_with(".tmp"));
    assert_eq!(names, ["other.ron", "plan.ron"]);
    assert_eq!(bytes(&plans.join("notes.tmp")), b"mine");
}

#[test]
fn save_copy_cleans_leftovers_where_it_writes() {
    let dir = temp_dir();
    let folder = dir.path().join("plans");
    fs::create_dir(&folder).expect("mkdir");
    fs::write(folder.join(".trailmap-plan.ron-abc.tmp"), b"half a plan").expect("write");
    fs::write(folder.join("keep.ron"), b"not mine to delete").expect("write");
    let other = dir.path().join("elsewhere");
    fs::create_dir(&other).expect("mkdir");
    fs::write(other.join(".trailmap-x.ron-1.tmp"), b"another folder").expect("write");
    support::age_temp_files(&folder);
    support::age_temp_files(&other);

    let out = Command::new(support::bin())
        .args(["save-copy", support::PRIYA])
        .arg(folder.join("plan.ron"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TRAILMAP_DATA_DIR", dir.path().join("data"))
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(listing(&folder), ["keep.ron", "plan.ron"]);
    // Only the folder written to is cleaned.
    assert_eq!(listing(&other), [".trailmap-x.ron-1.tmp"]);
    // A failed start (the plan to copy does not exist) still cleans first.
    fs::write(folder.join(".trailmap-plan.ron-def.tmp"), b"half").expect("write");
    support::age_temp_files(&folder);
    let out = Command::new(support::bin())
        .args(["save-copy", "missing.ron"])
        .arg(folder.join("plan.ron"))
        .current_dir(dir.path())
        .env("TRAILMAP_DATA_DIR", dir.path().join("data"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(listing(&folder), ["keep.ron", "plan.ron"]);
}

/// Issue 16, finding 10: a command that cleans leftovers in a folder while
/// another process is saving there must leave that save's temporary file
/// alone (it is fresh and locked). Before, 58 of 60 concurrent saves failed.
#[test]
fn cleaning_leftovers_never_breaks_a_save_running_in_another_process() {
    let dir = temp_dir();
    let data = dir.path().join("data");
    let plans = dir.path().join("plans");
    fs::create_dir_all(&plans).expect("mkdir");
    let source = dir.path().join("big.ron");
    fs::write(&source, plan_to_string(&big_plan(400_000, "big"))).expect("write");
    let target = plans.join("plan.ron");

    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let cleaner = {
        let (stop, plans, data) = (stop.clone(), plans.clone(), data.clone());
        std::thread::Builder::new()
            .name("cleaner".into())
            .spawn(move || {
                let mut runs = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    // `new` cleans the folder it writes to before writing.
                    let out = plans.join(format!("other-{}.ron", runs % 3));
                    let status = Command::new(support::bin())
                        .args([
                            "new",
                            "Cleaner",
                            "--role",
                            "tech-lead",
                            "--target",
                            "product-manager",
                            "--force",
                            "-o",
                        ])
                        .arg(&out)
                        .env("TRAILMAP_DATA_DIR", &data)
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .status()
                        .expect("runs");
                    assert!(status.success());
                    runs += 1;
                }
                runs
            })
            .expect("thread")
    };
    let mut failed = Vec::new();
    let saves = 30;
    for n in 0..saves {
        let out = Command::new(support::bin())
            .args([Path::new("save-copy"), &source, &target])
            .env("TRAILMAP_DATA_DIR", &data)
            .output()
            .expect("runs");
        if !out.status.success() {
            failed.push(format!("{n}: {}", String::from_utf8_lossy(&out.stderr)));
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let cleaned = cleaner.join().expect("cleaner");
    println!(
        "{saves} saves while {cleaned} cleaning commands ran: {} failed",
        failed.len()
    );
    assert!(cleaned >= 5, "the cleaner ran alongside ({cleaned} runs)");
    assert!(failed.is_empty(), "saves that failed: {failed:?}");
    assert_eq!(bytes(&target), bytes(&source));
    assert_eq!(temp_files(&plans), Vec::<String>::new());
}
