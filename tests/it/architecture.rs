//! The layers are held by the compiler and clippy, not by this file: the
//! core crate (`crates/trailmap-core`: model, analysis, export) cannot name
//! egui or eframe because its manifest does not list them, and `clippy.toml`
//! refuses file and clock access outside their one home (`-D warnings` in
//! `scripts/check.sh`). These tests guard the guards: that the core's
//! manifest stays free of UI and file crates, that the rules are in place,
//! and that no module outside their homes switches them off.

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The keys of the `[dependencies]` table of a manifest.
fn dependencies(manifest: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(manifest).expect("read the manifest");
    let mut in_table = false;
    let mut names = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_table = line == "[dependencies]";
        } else if in_table
            && let Some((name, _)) = line.split_once('=')
            && !name.trim().starts_with('#')
        {
            names.push(name.trim().to_owned());
        }
    }
    names
}

#[test]
fn the_core_crate_depends_on_no_ui_file_or_clock_crate() {
    let names = dependencies(&root().join("crates/trailmap-core/Cargo.toml"));
    // memchr: the fast plan reader finds string ends with it (pure byte search).
    // deunicode: slugs transliterate names to ASCII (tables only);
    // icalendar and chrono: the calendar export (its stamps and UIDs are set
    // from the plan, never from a clock or at random); csv: framework and
    // checklist sheets (text in, text out; its file helpers are not used).
    // krilla and rustybuzz: the PDF report (krilla writes it in memory, with
    // the fonts embedded in the core; rustybuzz shapes its text). No
    // creation date is set, so the PDF depends on the plan and the date only.
    let allowed = [
        "chrono",
        "csv",
        "deunicode",
        "icalendar",
        "imbl",
        "jiff",
        "krilla",
        "log",
        "memchr",
        "rustybuzz",
        "serde",
        "thiserror",
    ];
    let extra: Vec<&String> = names.iter().filter(|n| !allowed.contains(&n.as_str())).collect();
    assert!(
        extra.is_empty(),
        "the core may not depend on {extra:?}: it knows nothing of the UI, files or the clock"
    );
    assert!(
        names.iter().any(|n| n == "serde"),
        "the table was read: {names:?}"
    );
    let app = dependencies(&root().join("Cargo.toml"));
    assert!(app.iter().any(|n| n == "trailmap-core") && app.iter().any(|n| n == "eframe"));
}

#[test]
fn the_lint_rules_hold_the_layers() {
    let app = std::fs::read_to_string(root().join("clippy.toml")).expect("clippy.toml");
    for rule in [
        "\"std::fs::write\"",
        "\"std::fs::File\"",
        "\"jiff::Zoned::now\"",
        "\"egui::Grid\"",
        "\"std::thread::spawn\"",
    ] {
        assert!(app.contains(rule), "clippy.toml refuses {rule}");
    }
    let core =
        std::fs::read_to_string(root().join("crates/trailmap-core/clippy.toml")).expect("core clippy.toml");
    for rule in [
        "\"std::fs::read\"",
        "\"std::fs::File\"",
        "\"jiff::Zoned::now\"",
        "\"std::time::SystemTime::now\"",
    ] {
        assert!(core.contains(rule), "the core's clippy.toml refuses {rule}");
    }
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn only_the_homes_of_files_and_the_clock_switch_the_rules_off() {
    let homes = [root().join("src/storage/mod.rs"), root().join("src/clock.rs")];
    let mut found = Vec::new();
    for dir in [root().join("src"), root().join("crates/trailmap-core/src")] {
        for file in rust_files(&dir) {
            let text = std::fs::read_to_string(&file).expect("read source");
            if text.contains("clippy::disallowed_") && !homes.contains(&file) {
                found.push(file.display().to_string());
            }
        }
    }
    assert!(found.is_empty(), "the layer rules are switched off in {found:?}");
    for home in &homes {
        let text = std::fs::read_to_string(home).expect("read home");
        assert!(
            text.contains("clippy::disallowed_methods"),
            "{} is a home",
            home.display()
        );
    }
}
