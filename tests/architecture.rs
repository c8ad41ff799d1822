//! Checks the layering written down in ARCHITECTURE.md: `model`, `analysis`
//! and `export` know nothing of the UI, files or clocks; only `storage` reads
//! and writes files.

use std::path::{Path, PathBuf};

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

/// Lines of code in `file` (comments left out) that contain any of `needles`.
fn offending_lines(file: &Path, needles: &[&str]) -> Vec<String> {
    let text = std::fs::read_to_string(file).expect("read source");
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .filter(|(_, line)| needles.iter().any(|n| line.contains(n)))
        .map(|(n, line)| format!("{}:{}: {}", file.display(), n + 1, line.trim()))
        .collect()
}

fn src(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir)
}

#[test]
fn pure_layers_import_no_ui_files_or_clock() {
    let forbidden = [
        "egui",
        "eframe",
        "std::fs",
        "std::io",
        "crate::storage",
        "crate::ui",
        "crate::app",
        "crate::clock",
        "Zoned::now",
        "SystemTime",
        "Instant::now",
    ];
    let mut offences = Vec::new();
    for layer in ["model", "analysis", "export"] {
        let files = rust_files(&src(layer));
        assert!(!files.is_empty(), "src/{layer} has Rust files");
        for file in files {
            offences.extend(offending_lines(&file, &forbidden));
        }
    }
    assert!(
        offences.is_empty(),
        "pure layers reach outside:\n{}",
        offences.join("\n")
    );
}

#[test]
fn only_storage_reads_and_writes_files() {
    let forbidden = [
        "std::fs",
        "fs::write",
        "fs::read",
        "File::",
        "OpenOptions",
        "remove_file",
        "create_dir",
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offences = Vec::new();
    for file in rust_files(&root) {
        if file.starts_with(root.join("storage")) {
            continue;
        }
        offences.extend(offending_lines(&file, &forbidden));
    }
    assert!(
        offences.is_empty(),
        "file access outside src/storage:\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_checker_finds_what_it_looks_for() {
    // The scan itself works: storage does use std::fs.
    let found: usize = rust_files(&src("storage"))
        .iter()
        .map(|f| offending_lines(f, &["std::fs"]).len())
        .sum();
    assert!(found > 0);
}
