//! Malformed plan and framework files. The corpus in `tests/data/bad/` holds
//! small hand-made variations of `tests/data/mini-plan.ron` and
//! `tests/data/mini-framework.ron`; the table below gives, for each file, the
//! error it must produce (a message fragment and, where the error has a place
//! in the file, `LINE:COL`) or that it must load. Large and deep inputs (a
//! file over the size limit, ten thousand nested brackets, a huge string,
//! truncations of a real example at many offsets) are generated at test time
//! in a temporary folder rather than committed.
//!
//! For every input: no panic (also on a thread with a 256 KiB stack), the
//! error is one line naming the file, and the file is byte-identical (and its
//! modification time unchanged) afterwards.

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use trailmap::storage::{self, FrameworkCatalog, MAX_DEPTH, MAX_FILE_BYTES};

#[derive(Clone, Copy, Debug)]
enum Kind {
    Plan,
    Framework,
}

#[derive(Clone, Copy, Debug)]
enum Expect {
    /// Fails with this message fragment, at `LINE:COL` if given.
    Err(Option<&'static str>, &'static str),
    /// Loads; `Some(v)` when it must open read-only as format `v`.
    Loads(Option<u32>),
}

use Expect::{Err, Loads};
use Kind::{Framework, Plan};

/// Every file in `tests/data/bad/` and what it must give.
const CORPUS: &[(&str, Kind, Expect)] = &[
    // Nothing to read.
    ("empty.ron", Plan, Err(None, "the file is empty")),
    ("whitespace-only.ron", Plan, Err(None, "the file is empty")),
    ("comments-only.ron", Plan, Err(None, "the file is empty")),
    // Not UTF-8 text: the position is where the valid text ends.
    (
        "invalid-utf8.ron",
        Plan,
        Err(Some("10:80"), "the file is not UTF-8 text"),
    ),
    (
        "latin1-name.ron",
        Plan,
        Err(Some("5:21"), "the file is not UTF-8 text"),
    ),
    (
        "binary-junk.bin",
        Plan,
        Err(Some("1:1"), "the file is not UTF-8 text"),
    ),
    // Not a plan at all.
    (
        "ascii-junk.ron",
        Plan,
        Err(Some("1:1"), "Expected opening `(` for struct `Plan`"),
    ),
    (
        "json-instead.ron",
        Plan,
        Err(Some("1:1"), "Expected opening `(` for struct `Plan`"),
    ),
    ("nul-byte.ron", Plan, Err(Some("28:21"), "Expected identifier")),
    (
        "trailing-garbage.ron",
        Plan,
        Err(Some("30:2"), "Non-whitespace trailing characters"),
    ),
    // Cut off.
    (
        "truncated-mid-item.ron",
        Plan,
        Err(Some("15:104"), "the file ends too early (is it cut off?)"),
    ),
    ("unclosed-string.ron", Plan, Err(Some("28:19"), "Expected comma")),
    // Wrong types.
    (
        "wrong-type-next-id.ron",
        Plan,
        Err(Some("29:12"), "Expected integer"),
    ),
    (
        "wrong-type-rating.ron",
        Plan,
        Err(Some("11:37"), "Expected integer"),
    ),
    (
        "wrong-type-skills-list.ron",
        Plan,
        Err(Some("9:11"), "Expected opening `{`"),
    ),
    (
        "wrong-type-status.ron",
        Plan,
        Err(
            Some("14:80"),
            "Unexpected variant named `Finished` in enum `Status`",
        ),
    ),
    (
        "number-overflow.ron",
        Plan,
        Err(Some("29:12"), "Integer is out of bounds"),
    ),
    (
        "invalid-date.ron",
        Plan,
        Err(Some("18:43"), "parsed date is not valid"),
    ),
    // Ratings out of range.
    (
        "rating-0.ron",
        Plan,
        Err(Some("11:37"), "a level must be from 1 to 5, not 0"),
    ),
    (
        "rating-6.ron",
        Plan,
        Err(Some("10:65"), "a level must be from 1 to 5, not 6"),
    ),
    (
        "rating-negative.ron",
        Plan,
        Err(Some("11:38"), "Integer is out of bounds"),
    ),
    // Ids the framework does not know.
    (
        "unknown-role.ron",
        Plan,
        Err(Some("6:17"), "current_role: unknown role `chief-vibes-officer`"),
    ),
    (
        "unknown-skill.ron",
        Plan,
        Err(Some("11:5"), "skills: unknown skill `charisma`"),
    ),
    (
        "unknown-skill-in-item.ron",
        Plan,
        Err(Some("15:56"), "checklist[1].skill: unknown skill `juggling`"),
    ),
    (
        "unknown-framework.ron",
        Plan,
        Err(
            Some("4:19"),
            "the plan uses framework `acme-ladder`, which is not installed",
        ),
    ),
    // Duplicates.
    (
        "duplicate-field.ron",
        Plan,
        Err(
            Some("8:3"),
            "Unexpected duplicate field named `target_role` in `Plan`",
        ),
    ),
    (
        "duplicate-skill-key.ron",
        Plan,
        Err(
            Some("11:6"),
            "duplicate key \"communication\": each key may appear only once in a map",
        ),
    ),
    (
        "duplicate-snapshot-item.ron",
        Plan,
        Err(Some("23:62"), "duplicate key 1: each key may appear only once"),
    ),
    (
        "duplicate-item-number.ron",
        Plan,
        Err(None, "checklist[1]: number 1 is used twice"),
    ),
    // Missing fields.
    (
        "missing-item-id.ron",
        Plan,
        Err(
            Some("14:136"),
            "Unexpected missing field named `id` in `ChecklistItem`",
        ),
    ),
    (
        "missing-created.ron",
        Plan,
        Err(
            Some("15:148"),
            "Unexpected missing field named `created` in `ChecklistItem`",
        ),
    ),
    (
        "missing-format-version.ron",
        Plan,
        Err(None, "the file has no format_version; is it a Trailmap plan?"),
    ),
    // Broken rules.
    (
        "item-number-not-below-next-id.ron",
        Plan,
        Err(Some("29:3"), "snapshots[0]: number 4 is not below next_id 4"),
    ),
    (
        "session-ends-before-start.ron",
        Plan,
        Err(None, "sessions[0]: the session ends before it starts"),
    ),
    // Versions.
    (
        "version-0.ron",
        Plan,
        Err(Some("3:3"), "unknown format version 0"),
    ),
    ("newer-version.ron", Plan, Loads(Some(9))),
    (
        "newer-version-broken.ron",
        Plan,
        Err(
            Some("3:3"),
            // The number after it is PLAN_FORMAT (tests/storage.rs checks it).
            "written by a newer Trailmap (format 9); this build understands format ",
        ),
    ),
    // Deep nesting: 70 levels is refused before parsing, 64 is allowed.
    (
        "deep-nesting-70.ron",
        Plan,
        Err(Some("29:73"), "brackets nest deeper than 64 levels"),
    ),
    ("deep-nesting-64.ron", Plan, Loads(None)),
    // Odd but fine.
    ("utf8-bom.ron", Plan, Loads(None)),
    ("crlf-line-endings.ron", Plan, Loads(None)),
    ("long-string.ron", Plan, Loads(None)),
    ("brackets-in-string.ron", Plan, Loads(None)),
    // Frameworks.
    ("fw-empty.ron", Framework, Err(None, "the file is empty")),
    (
        "fw-truncated.ron",
        Framework,
        Err(Some("17:7"), "the file ends too early"),
    ),
    (
        "fw-missing-roles.ron",
        Framework,
        Err(Some("12:1"), "Unexpected missing field named `roles`"),
    ),
    (
        "fw-duplicate-skill.ron",
        Framework,
        Err(Some("8:22"), "skills[1] (talk): duplicate skill id `talk`"),
    ),
    (
        "fw-duplicate-requires-key.ron",
        Framework,
        Err(
            Some("12:36"),
            "duplicate key \"talk\": each key may appear only once in a map",
        ),
    ),
    (
        "fw-unknown-skill-in-requires.ron",
        Framework,
        Err(Some("15:46"), "roles[1] (mgr).requires: unknown skill `charm`"),
    ),
    (
        "fw-level-6.ron",
        Framework,
        Err(Some("15:32"), "a level must be from 1 to 5, not 6"),
    ),
    (
        "fw-four-levels.ron",
        Framework,
        Err(
            Some("8:22"),
            "skills[1] (plan): a skill needs exactly 5 level descriptions, found 4",
        ),
    ),
    (
        "fw-allocation-not-100.ron",
        Framework,
        Err(
            Some("14:21"),
            "roles[1] (mgr).allocation: the time allocation adds up to 90%, not 100%",
        ),
    ),
    (
        "fw-unknown-role-in-transition.ron",
        Framework,
        Err(Some("19:38"), "transitions[0] (lead -> cto): unknown role `cto`"),
    ),
    (
        "fw-band-backwards.ron",
        Framework,
        Err(
            Some("22:28"),
            "actions[0] (talk-note): the level band 4..2 runs backwards",
        ),
    ),
];

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad")
}

/// Loads `path` as `kind`, catching any panic. `Ok(Some(v))` means it
/// loaded read-only as format `v`.
fn load(path: &Path, kind: Kind) -> Result<Result<Option<u32>, String>, String> {
    catch_unwind(AssertUnwindSafe(|| match kind {
        Plan => storage::load_plan(path, &FrameworkCatalog::builtin_only())
            .map(|loaded| loaded.newer_format)
            .map_err(|e| e.to_string()),
        Framework => storage::load_framework(path)
            .map(|_| None)
            .map_err(|e| e.to_string()),
    }))
    .map_err(|panic| {
        let text = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(ToString::to_string))
            .unwrap_or_default();
        format!("{} panicked: {text}", path.display())
    })
}

fn mtime(path: &Path) -> SystemTime {
    fs::metadata(path).and_then(|m| m.modified()).expect("mtime")
}

/// Checks one input against its expectation and that it is untouched.
fn check(path: &Path, kind: Kind, expect: Expect) {
    let before = fs::read(path).expect("read");
    let modified = mtime(path);
    let got = load(path, kind).unwrap_or_else(|panic| panic!("{panic}"));
    match (expect, &got) {
        (Loads(newer), Ok(got_newer)) => assert_eq!(*got_newer, newer, "{}", path.display()),
        (Err(position, fragment), Result::Err(message)) => {
            let prefix = match position {
                Some(position) => format!("{}:{position}: ", path.display()),
                None => format!("{}: ", path.display()),
            };
            assert!(
                message.starts_with(&prefix),
                "expected {prefix:?} at the start of {message:?}"
            );
            assert!(message.contains(fragment), "expected {fragment:?} in {message:?}");
            assert!(!message.contains('\n'), "more than one line: {message:?}");
        }
        (expect, got) => panic!("{}: expected {expect:?}, got {got:?}", path.display()),
    }
    assert_eq!(
        fs::read(path).expect("read"),
        before,
        "{} changed",
        path.display()
    );
    assert_eq!(mtime(path), modified, "{} was touched", path.display());
}

fn check_corpus() {
    let dir = corpus_dir();
    let before = crate::support::listing(&dir);
    for &(name, kind, expect) in CORPUS {
        check(&dir.join(name), kind, expect);
    }
    assert_eq!(
        crate::support::listing(&dir),
        before,
        "loading created or removed files"
    );
}

#[test]
fn the_corpus_gives_the_expected_errors() {
    check_corpus();
}

#[test]
fn the_table_covers_every_file_in_the_corpus() {
    let mut listed: Vec<&str> = CORPUS.iter().map(|(name, _, _)| *name).collect();
    listed.sort_unstable();
    let files = crate::support::listing(&corpus_dir());
    assert_eq!(
        listed, files,
        "every corpus file has an expected result, and every expected file exists"
    );
    assert!(files.len() >= 25);
    for name in &files {
        let len = fs::metadata(corpus_dir().join(name)).expect("meta").len();
        assert!(
            len < 20_000,
            "{name} is {len} bytes; generate large inputs at test time instead"
        );
    }
    let plans = CORPUS.iter().filter(|(_, k, _)| matches!(k, Plan)).count();
    let frameworks = CORPUS.len() - plans;
    println!(
        "corpus: {} files ({plans} plans, {frameworks} frameworks)",
        CORPUS.len()
    );
}

#[test]
fn the_base_files_are_valid() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    check(&data.join("mini-plan.ron"), Plan, Loads(None));
    check(&data.join("mini-framework.ron"), Framework, Loads(None));
}

/// A file in a temporary folder holding `bytes`.
fn temp_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("write");
    path
}

fn mini_plan() -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mini-plan.ron")).expect("read")
}

fn generated_cases() {
    let dir = crate::support::temp_dir();
    let d = dir.path();
    let plan = mini_plan();

    // Ten thousand nested brackets, bare and inside a plan, of each kind.
    // The position is the first bracket past the limit.
    for (i, open) in ["[", "(", "{"].iter().enumerate() {
        let path = temp_file(d, &format!("deep-{i}.ron"), open.repeat(10_000).as_bytes());
        check(
            &path,
            Plan,
            Err(Some("1:65"), "brackets nest deeper than 64 levels"),
        );
    }
    let deep = plan.replace(
        "  private_notes: \"\",",
        &format!("  private_notes: \"\",\n  extra: {},", "[".repeat(10_000)),
    );
    check(
        &temp_file(d, "deep-in-plan.ron", deep.as_bytes()),
        Plan,
        Err(Some("29:73"), "deeper than 64"),
    );
    let closed = format!("{}{}", "(".repeat(10_000), ")".repeat(10_000));
    check(
        &temp_file(d, "deep-closed.ron", closed.as_bytes()),
        Plan,
        Err(Some("1:65"), "deeper than 64"),
    );
    assert_eq!(MAX_DEPTH, 64);
    // Brackets inside a string do not count: ten thousand of them load fine.
    let in_string = plan.replace(
        "private_notes: \"\"",
        &format!("private_notes: \"{}\"", "[({".repeat(10_000)),
    );
    check(
        &temp_file(d, "brackets-in-string.ron", in_string.as_bytes()),
        Plan,
        Loads(None),
    );

    // Over the size limit: refused before reading, by its length alone.
    let over = d.join("over-limit.ron");
    fs::File::create(&over)
        .and_then(|f| f.set_len(MAX_FILE_BYTES + 1))
        .expect("sparse file");
    check(
        &over,
        Plan,
        Err(None, "the file is 16777217 bytes; the limit is 16777216 bytes"),
    );
    check(&over, Framework, Err(None, "the limit is 16777216 bytes"));
    // A real plan over the limit, because of one huge string.
    let huge = plan.replace(
        "private_notes: \"\"",
        &format!("private_notes: \"{}\"", "x".repeat(17 << 20)),
    );
    check(
        &temp_file(d, "huge-over-limit.ron", huge.as_bytes()),
        Plan,
        Err(None, "the limit is 16777216 bytes"),
    );
    // A 2.4 MB string under the file limit is past the limit for one text
    // (a name that long took the app 17 s and 3.7 GB to draw): refused,
    // naming the field.
    let big = plan.replace(
        "private_notes: \"\"",
        &format!("private_notes: \"{}\"", "notes ".repeat(400_000)),
    );
    check(
        &temp_file(d, "huge-string.ron", big.as_bytes()),
        Plan,
        Err(None, "private_notes: 2400000 bytes of text; the limit is 262144"),
    );
    // At the limit it is just a long note.
    let long = plan.replace(
        "private_notes: \"\"",
        &format!(
            "private_notes: \"{}\"",
            "n".repeat(trailmap::model::limits::MAX_TEXT_BYTES)
        ),
    );
    check(
        &temp_file(d, "long-string.ron", long.as_bytes()),
        Plan,
        Loads(None),
    );

    // A folder, a missing file, a device that never ends.
    let folder = d.join("folder.ron");
    fs::create_dir(&folder).expect("mkdir");
    for kind in [Plan, Framework] {
        let message = load(&folder, kind).expect("no panic").expect_err("a folder");
        assert_eq!(
            message,
            format!("{}: this is a folder, not a file", folder.display())
        );
        let missing = d.join("missing.ron");
        let message = load(&missing, kind).expect("no panic").expect_err("missing");
        assert_eq!(
            message,
            format!(
                "{}: could not read the file: No such file or directory (os error 2)",
                missing.display()
            )
        );
    }
    // A device that never ends, and a named pipe (opening one to read waits
    // for a writer that never comes): both refused before reading.
    let zero = Path::new("/dev/zero");
    if zero.exists() {
        let message = load(zero, Plan).expect("no panic").expect_err("endless");
        assert_eq!(
            message,
            "/dev/zero: this is a pipe, socket or device, not a regular file"
        );
    }
    let pipe = d.join("pipe.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let (tx, rx) = std::sync::mpsc::channel();
        let path = pipe.clone();
        std::thread::spawn(move || {
            let message = load(&path, Plan).expect("no panic").expect_err("a pipe");
            let _ = tx.send(message);
        });
        let message = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("loading a named pipe returns at once instead of waiting");
        assert_eq!(
            message,
            format!(
                "{}: this is a pipe, socket or device, not a regular file",
                pipe.display()
            )
        );
    }
}

#[test]
fn generated_inputs_deep_huge_and_odd() {
    generated_cases();
}

/// Every prefix of a real example that ends before its closing bracket fails
/// with a positioned error (or "empty" for a prefix of only comments), and
/// never panics. Offsets: every 6th byte, and every byte of the last 64.
fn truncations() -> usize {
    let full = fs::read(crate::support::PRIYA).expect("example");
    let end = full.iter().rposition(|&b| b == b')').expect("closing bracket");
    let dir = crate::support::temp_dir();
    let path = dir.path().join("truncated.ron");
    let mut offsets: Vec<usize> = (0..end).step_by(6).chain(end.saturating_sub(64)..end).collect();
    offsets.sort_unstable();
    offsets.dedup();
    for &cut in &offsets {
        let bytes = &full[..cut];
        fs::write(&path, bytes).expect("write");
        let message = load(&path, Plan)
            .unwrap_or_else(|panic| panic!("cut at {cut}: {panic}"))
            .expect_err("a truncated plan must not load");
        let name = path.display().to_string();
        assert!(message.starts_with(&name), "cut at {cut}: {message}");
        let rest = &message[name.len()..];
        if rest == ": the file is empty" {
            assert!(
                String::from_utf8_lossy(bytes)
                    .lines()
                    .all(|l| l.trim().is_empty() || l.starts_with("//"))
            );
        } else {
            // `:LINE:COL: message`, with the line inside the truncated text.
            let mut parts = rest.splitn(4, ':');
            assert_eq!(parts.next(), Some(""), "cut at {cut}: {message}");
            let line: usize = parts
                .next()
                .and_then(|l| l.parse().ok())
                .unwrap_or_else(|| panic!("{message}"));
            let col: usize = parts
                .next()
                .and_then(|c| c.parse().ok())
                .unwrap_or_else(|| panic!("{message}"));
            let lines = bytes.split(|&b| b == b'\n').count();
            assert!(
                line >= 1 && line <= lines && col >= 1,
                "cut at {cut}: {line}:{col} outside the text"
            );
        }
        assert_eq!(
            fs::read(&path).expect("read"),
            bytes,
            "cut at {cut}: the file changed"
        );
    }
    // The whole file, and the whole file without its last newline, load.
    for cut in [full.len(), full.len() - 1] {
        fs::write(&path, &full[..cut]).expect("write");
        assert_eq!(load(&path, Plan).expect("no panic"), Ok(None), "cut at {cut}");
    }
    offsets.len()
}

#[test]
fn truncations_at_many_offsets() {
    let n = truncations();
    assert!(n > 800, "only {n} truncations");
    println!("truncations: {n} offsets");
}

#[test]
fn nothing_panics_or_overflows_on_a_small_stack() {
    // A UI thread or a worker may have a small stack: the whole corpus, the
    // generated inputs and the truncations on a 256 KiB stack. A stack
    // overflow aborts the test binary, which fails the run.
    std::thread::Builder::new()
        .name("small-stack".into())
        .stack_size(256 * 1024)
        .spawn(|| {
            check_corpus();
            generated_cases();
            truncations();
        })
        .expect("spawn")
        .join()
        .expect("the small-stack run finished");
}
