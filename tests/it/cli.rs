//! The command line, run as the built binary on real files in temporary
//! folders: `validate`, `summary` (text and JSON, against hand-computed
//! values for the Priya example), `new`, `framework --print/--check`, the
//! data folder flag and variable, and that no bad input ever prints a panic.

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::support::{MARCUS, PRIYA, bytes, listing, run_in, temp_dir};
use serde_json::{Value, json};
use trailmap::storage::{self, FrameworkCatalog};

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 stderr")
}

/// Exit code 1 and exactly one line on stderr, with no panic in it.
fn one_error_line(out: &Output) -> String {
    let err = stderr(out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "stdout: {} stderr: {err}",
        stdout(out)
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_no_panic(&err);
    err.trim_end().to_owned()
}

fn assert_no_panic(stderr: &str) {
    for word in ["panicked", "backtrace", "RUST_BACKTRACE", "internal error"] {
        assert!(!stderr.contains(word), "{word:?} in stderr: {stderr}");
    }
}

/// A temporary folder holding copies of the two examples.
fn with_examples() -> tempfile::TempDir {
    let dir = temp_dir();
    fs::copy(PRIYA, dir.path().join("priya.ron")).expect("copy");
    fs::copy(MARCUS, dir.path().join("marcus.ron")).expect("copy");
    dir
}

#[test]
fn validate_ok_and_errors() {
    let dir = with_examples();
    let d = dir.path();
    let before = listing(d);
    let out = run_in(d, &["validate", "priya.ron", "marcus.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "ok: priya.ron\nok: marcus.ron\n");
    assert_eq!(stderr(&out), "");

    fs::write(d.join("broken.ron"), "(format_version: 1, person: (name: 5))").expect("write");
    fs::create_dir(d.join("folder.ron")).expect("mkdir");
    let before_mixed = listing(d);
    let out = run_in(
        d,
        &[
            "validate",
            "priya.ron",
            "broken.ron",
            "missing.ron",
            "folder.ron",
            "marcus.ron",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "ok: priya.ron\n\
         broken.ron:1:36: Expected string\n\
         missing.ron: could not read the file: No such file or directory (os error 2)\n\
         folder.ron: this is a folder, not a file\n\
         ok: marcus.ron\n"
    );
    assert_no_panic(&stderr(&out));
    // validate writes nothing: no data folder, no backup, no temporary file.
    assert_eq!(listing(d), before_mixed);
    assert_eq!(before.len() + 2, before_mixed.len());
    assert_eq!(bytes(&d.join("priya.ron")), bytes(Path::new(PRIYA)));

    // A newer-format file is valid and said to be read-only.
    fs::write(
        d.join("future.ron"),
        fs::read_to_string(PRIYA)
            .expect("read")
            .replace("format_version: 3,", "format_version: 99,"),
    )
    .expect("write");
    let out = run_in(d, &["validate", "future.ron"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "ok: future.ron (format 99, from a newer Trailmap: read-only)\n"
    );
}

#[test]
fn validate_without_files_is_a_usage_error() {
    let dir = temp_dir();
    let out = run_in(dir.path(), &["validate"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "clap reports usage errors with exit code 2"
    );
    assert_no_panic(&stderr(&out));
}

/// Priya: communication 3, strategic thinking 2, influence 3,
/// decision-making 2; no mentor ratings.
///
/// | role | needs (c/s/i/d) | met | needed | readiness | gaps (c/s/i/d) |
/// |------|-----------------|-----|--------|-----------|----------------|
/// | EM   | 3/3/3/3         | 10  | 12     | 83.3 → 83 | 0/1/0/1        |
/// | Dir  | 4/4/4/4         | 10  | 16     | 62.5 → 63 | 1/2/1/2        |
/// | PM   | 3/4/4/3         | 10  | 14     | 71.4 → 71 | 0/2/1/1        |
/// | HoP  | 4/5/4/4         | 10  | 17     | 58.8 → 59 | 1/3/1/2        |
/// | TL   | 3/2/3/2         | 10  | 10     | 100       |                |
///
/// Checklist on 2026-12-06: open 3, 5, 6, 7, 8; in progress 2, 4; done 1, 9;
/// overdue 2 (due 2026-12-05) and 3 (due 2026-11-15).
#[test]
fn summary_json_for_priya() {
    let dir = with_examples();
    let out = crate::support::run_in_on(dir.path(), "2026-12-06", &["summary", "priya.ron", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(v["person"], "Priya Raman");
    assert_eq!(v["mentor"], "");
    assert_eq!(v["framework"], "trailmap-leadership");
    assert_eq!(v["current_role"], "tech-lead");
    assert_eq!(v["target_role"], "engineering-manager");
    assert_eq!(v["target_date"], "2027-06-30");
    let skills: Vec<(String, Value, Value, bool)> = v["skills"]
        .as_array()
        .expect("skills")
        .iter()
        .map(|s| {
            (
                s["id"].as_str().expect("id").to_owned(),
                s["self_rating"].clone(),
                s["mentor_rating"].clone(),
                s["custom"].as_bool().expect("custom"),
            )
        })
        .collect();
    assert_eq!(
        skills,
        vec![
            ("communication".into(), json!(3), Value::Null, false),
            ("strategic-thinking".into(), json!(2), Value::Null, false),
            ("influence".into(), json!(3), Value::Null, false),
            ("decision-making".into(), json!(2), Value::Null, false),
        ]
    );
    let roles = v["roles"].as_array().expect("roles");
    let readiness: Vec<(&str, u64)> = roles
        .iter()
        .map(|r| {
            (
                r["id"].as_str().expect("id"),
                r["readiness"].as_u64().expect("readiness"),
            )
        })
        .collect();
    assert_eq!(
        readiness,
        [
            ("engineering-manager", 83),
            ("director-of-engineering", 63),
            ("product-manager", 71),
            ("head-of-product", 59)
        ]
    );
    let gaps = |i: usize| -> Vec<u64> {
        roles[i]["gaps"]
            .as_array()
            .expect("gaps")
            .iter()
            .map(|g| g["gap"].as_u64().expect("gap"))
            .collect()
    };
    assert_eq!(gaps(0), [0, 1, 0, 1]);
    assert_eq!(gaps(1), [1, 2, 1, 2]);
    assert_eq!(gaps(2), [0, 2, 1, 1]);
    assert_eq!(gaps(3), [1, 3, 1, 2]);
    assert_eq!(
        roles[0]["gaps"][1],
        json!({"skill": "strategic-thinking", "rating": 2, "required": 3, "gap": 1})
    );
    // No mentor ratings: no mentor readiness.
    assert!(roles.iter().all(|r| r["mentor_readiness"].is_null()));
    assert_eq!(
        v["ranking"],
        json!([
            "engineering-manager",
            "product-manager",
            "director-of-engineering",
            "head-of-product"
        ])
    );
    assert_eq!(
        v["route"],
        json!([
            {"id": "tech-lead", "name": "Tech lead", "readiness": 100},
            {"id": "engineering-manager", "name": "Engineering manager", "readiness": 83}
        ])
    );
    assert_eq!(
        v["actions"],
        json!({"open": 5, "in_progress": 2, "done": 2, "dropped": 0, "overdue": 2})
    );

    // A month earlier nothing is overdue yet.
    let out = crate::support::run_in_on(dir.path(), "2026-11-10", &["summary", "priya.ron", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(v["actions"]["overdue"], 0);
}

/// Marcus (self c3 s3 i3 d3... see below) with a custom skill and mentor ratings.
/// Self: communication 3, strategic 3, influence 3, decision 2, product
/// discovery 2 (custom; needs PM 3, HoP 4). Mentor: 3, 2, 3, 3, 2.
/// HoP needs 4/5/4/4 + 4: self (3+3+3+2+2)/21 = 61.9 → 62;
/// mentor (3+2+3+3+2)/21 = 61.9 → 62. EM (no need for the custom skill):
/// self (3+3+3+2)/12 = 91.7 → 92, mentor (3+2+3+3)/12 → 92.
/// PM 3/4/4/3 + 3: self (3+3+3+2+2)/17 = 76.5 → 76 (not a half: 76.47).
#[test]
fn summary_json_for_marcus() {
    let dir = with_examples();
    let out = run_in(dir.path(), &["summary", "marcus.ron", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let role = |id: &str| {
        v["roles"]
            .as_array()
            .expect("roles")
            .iter()
            .find(|r| r["id"] == id)
            .expect(id)
            .clone()
    };
    assert_eq!(role("head-of-product")["readiness"], 62);
    assert_eq!(role("head-of-product")["mentor_readiness"], 62);
    assert_eq!(role("engineering-manager")["readiness"], 92);
    assert_eq!(role("engineering-manager")["mentor_readiness"], 92);
    assert_eq!(role("product-manager")["readiness"], 76);
    assert_eq!(v["skills"][4]["id"], "product-discovery");
    assert_eq!(v["skills"][4]["custom"], true);
    assert_eq!(
        v["route"]
            .as_array()
            .expect("route")
            .iter()
            .map(|r| r["id"].clone())
            .collect::<Vec<_>>(),
        [
            json!("tech-lead"),
            json!("product-manager"),
            json!("head-of-product")
        ]
    );
}

#[test]
fn summary_text_for_priya() {
    let dir = with_examples();
    let out = crate::support::run_in_on(dir.path(), "2026-12-06", &["summary", "priya.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Priya Raman: Tech lead -> Engineering manager");
    for expected in [
        "Target date: 2027-06-30",
        "Framework: trailmap-leadership",
        "Ranking: Engineering manager > Product manager > Director of engineering > Head of product",
        "Route: Tech lead (100%) -> Engineering manager (83%)",
        "Actions: 5 open, 2 in progress, 2 done, 0 dropped, 2 overdue",
    ] {
        assert!(lines.contains(&expected), "missing {expected:?} in\n{text}");
    }
    let line = |start: &str| {
        *lines
            .iter()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("{start}"))
    };
    let skill = line("Strategic thinking");
    assert_eq!(
        skill.split_whitespace().collect::<Vec<_>>(),
        ["Strategic", "thinking", "2", "–"]
    );
    let em = line("Engineering manager");
    assert!(em.contains("83%"), "{em}");
    assert!(em.ends_with("Strategic thinking -1, Decision-making -1"), "{em}");
    let dir_line = line("Director of engineering");
    assert!(dir_line.contains("63%"), "{dir_line}");
    assert!(
        dir_line.ends_with("Communication -1, Strategic thinking -2, Influence -1, Decision-making -2"),
        "{dir_line}"
    );
}

#[test]
fn summary_of_a_bad_file_is_one_line_with_its_position() {
    let dir = with_examples();
    let text = fs::read_to_string(dir.path().join("priya.ron")).expect("read");
    fs::write(
        dir.path().join("bad.ron"),
        text.replace("Some(3), will: Some(4)", "Some(6), will: Some(4)"),
    )
    .expect("write");
    let out = run_in(dir.path(), &["summary", "bad.ron", "--json"]);
    assert_eq!(
        one_error_line(&out),
        "trailmap: bad.ron:11:41: a level must be from 1 to 5, not 6"
    );
    assert_eq!(stdout(&out), "");
}

/// What `new` seeds for tech lead → engineering manager with nothing rated:
/// each skill needs 3 (gap 3, so up to 4 actions), levels to climb 1..=2,
/// actions for no role or for engineering manager; those whose band holds
/// level 1 first, then library order. Tech-lead-only actions are left out.
const SEEDED_FOR_EM: [&str; 16] = [
    "comm-weekly-update",
    "comm-explain-to-non-engineers",
    "comm-tech-docs",
    "comm-stakeholder-updates",
    "strat-know-the-why",
    "strat-business-context",
    "strat-team-goals-visible",
    "strat-strategy-in-team-meetings",
    "infl-teaching-reviews",
    "infl-mentor",
    "infl-champion-team",
    "infl-skill-will",
    "dec-compare-options",
    "dec-decision-record",
    "dec-risk-list",
    "dec-remove-bottleneck",
];

#[test]
fn new_writes_a_seeded_plan_and_does_not_overwrite() {
    let dir = temp_dir();
    let d = dir.path();
    let out = run_in(
        d,
        &[
            "new",
            "Ada Lovelace",
            "--role",
            "tech-lead",
            "--target",
            "engineering-manager",
            "-o",
            "ada.ron",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "wrote ada.ron (16 actions seeded; readiness for Engineering manager: 0%)\n"
    );
    assert_eq!(stderr(&out), "");
    let plan = storage::load_plan(&d.join("ada.ron"), &FrameworkCatalog::builtin_only())
        .expect("valid")
        .plan;
    assert_eq!(plan.person.name, "Ada Lovelace");
    let sources: Vec<String> = plan
        .checklist
        .iter()
        .map(|i| i.source.as_ref().expect("seeded").to_string())
        .collect();
    assert_eq!(sources, SEEDED_FOR_EM);
    assert_eq!(
        plan.checklist.iter().map(|i| i.id.0).collect::<Vec<_>>(),
        (1..=16).collect::<Vec<_>>()
    );
    assert_eq!(plan.next_id, 17);
    assert!(plan.checklist.iter().all(|i| i.created == crate::support::TODAY));
    let validate = run_in(d, &["validate", "ada.ron"]);
    assert_eq!(stdout(&validate), "ok: ada.ron\n");

    // Again: refused, file unchanged.
    let first = bytes(&d.join("ada.ron"));
    let out = run_in(
        d,
        &[
            "new",
            "Someone Else",
            "--role",
            "tech-lead",
            "--target",
            "product-manager",
            "-o",
            "ada.ron",
        ],
    );
    assert_eq!(
        one_error_line(&out),
        "trailmap: ada.ron: already exists; pass --force to replace it"
    );
    assert_eq!(bytes(&d.join("ada.ron")), first);
    assert_eq!(listing(d), ["ada.ron"]);

    // With --force: replaced, the old one kept as the backup.
    let out = run_in(
        d,
        &[
            "new",
            "Someone Else",
            "--role",
            "tech-lead",
            "--target",
            "product-manager",
            "-o",
            "ada.ron",
            "--force",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(bytes(&d.join("ada.ron.bak")), first);
    let plan = storage::load_plan(&d.join("ada.ron"), &FrameworkCatalog::builtin_only())
        .expect("valid")
        .plan;
    assert_eq!(plan.person.name, "Someone Else");
    assert_eq!(plan.target_role.as_str(), "product-manager");
}

#[test]
fn new_with_an_unknown_role_is_one_line() {
    let dir = temp_dir();
    let all = "senior-engineer, tech-lead, engineering-manager, director-of-engineering, product-manager, head-of-product";
    let out = run_in(
        dir.path(),
        &[
            "new",
            "X",
            "--role",
            "cto",
            "--target",
            "engineering-manager",
            "-o",
            "x.ron",
        ],
    );
    assert_eq!(
        one_error_line(&out),
        format!("trailmap: unknown current role `cto`; the roles are: {all}")
    );
    let out = run_in(
        dir.path(),
        &[
            "new",
            "X",
            "--role",
            "tech-lead",
            "--target",
            "ceo",
            "-o",
            "x.ron",
        ],
    );
    assert_eq!(
        one_error_line(&out),
        format!("trailmap: unknown target role `ceo`; the roles are: {all}")
    );
    assert!(listing(dir.path()).is_empty(), "nothing written");
}

#[test]
fn the_data_folder_comes_from_the_flag_or_the_variable() {
    let dir = temp_dir();
    let d = dir.path();
    let from_env = d.join("from-env");
    let from_flag = d.join("from-flag");
    let run = |args: &[&str], env: Option<&Path>| {
        let mut cmd = std::process::Command::new(crate::support::bin());
        cmd.args(args)
            .current_dir(d)
            .env("TRAILMAP_TODAY", crate::support::TODAY.to_string())
            .env_remove("TRAILMAP_DATA_DIR");
        if let Some(env) = env {
            cmd.env("TRAILMAP_DATA_DIR", env);
        }
        cmd.output().expect("runs")
    };
    let out = run(
        &[
            "new",
            "Env Person",
            "--role",
            "tech-lead",
            "--target",
            "product-manager",
        ],
        Some(&from_env),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(from_env.join("plans/env-person.ron").is_file());
    // The flag wins over the variable.
    let flag = from_flag.to_str().expect("UTF-8 path");
    let out = run(
        &[
            "new",
            "Flag Person",
            "--role",
            "tech-lead",
            "--target",
            "product-manager",
            "--data-dir",
            flag,
        ],
        Some(&from_env),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(from_flag.join("plans/flag-person.ron").is_file());
    assert!(!from_env.join("plans/flag-person.ron").exists());
    assert_eq!(listing(&from_env.join("plans")), ["env-person.ron"]);
    assert_eq!(listing(&from_flag.join("plans")), ["flag-person.ron"]);

    // Frameworks installed in the data folder are used: a plan on the mini
    // framework validates only with that data folder.
    let mini = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mini-framework.ron");
    fs::create_dir_all(from_flag.join("frameworks")).expect("mkdir");
    fs::copy(&mini, from_flag.join("frameworks/mini.ron")).expect("copy");
    fs::write(
        d.join("on-mini.ron"),
        "(format_version: 1, framework: (id: \"mini\"), current_role: \"lead\", target_role: \"mgr\", next_id: 1)",
    )
    .expect("write");
    let out = run(&["validate", "on-mini.ron", "--data-dir", flag], None);
    assert_eq!(stdout(&out), "ok: on-mini.ron\n");
    let out = run(&["validate", "on-mini.ron"], Some(&from_flag));
    assert_eq!(stdout(&out), "ok: on-mini.ron\n");
    let out = run(&["validate", "on-mini.ron"], Some(&from_env));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "on-mini.ron:1:37: the plan uses framework `mini`, which is not installed\n"
    );
}

#[test]
fn framework_print_and_check() {
    let dir = temp_dir();
    let d = dir.path();
    let out = run_in(d, &["framework", "--print"]);
    assert_eq!(out.status.code(), Some(0));
    let printed = stdout(&out);
    let parsed = storage::parse_framework(Path::new("printed.ron"), &printed).expect("a valid framework");
    assert_eq!(parsed.validate(), Vec::new());
    assert_eq!(&parsed, storage::builtin().as_ref());

    fs::write(d.join("mine.ron"), &printed).expect("write");
    let out = run_in(d, &["framework", "--check", "mine.ron"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "ok: mine.ron (trailmap-leadership: 4 skills, 6 roles, 56 actions)\n"
    );

    // A syntax error: PATH:LINE:COL.
    fs::write(
        d.join("broken.ron"),
        printed.replacen("target: true,", "target: yes,", 1),
    )
    .expect("write");
    let out = run_in(d, &["framework", "--check", "broken.ron"]);
    assert_eq!(
        one_error_line(&out),
        "trailmap: broken.ron:96:21: Expected boolean"
    );
    // A rule broken: the position of the offending id.
    fs::write(
        d.join("rule.ron"),
        printed.replacen(
            "(strategy: 30, people: 50, building: 20)",
            "(strategy: 30, people: 50, building: 25)",
            1,
        ),
    )
    .expect("write");
    let out = run_in(d, &["framework", "--check", "rule.ron"]);
    assert_eq!(
        one_error_line(&out),
        "trailmap: rule.ron:93:17: roles[2] (engineering-manager).allocation: the time allocation adds up to 105%, not 100%"
    );
    let out = run_in(d, &["framework"]);
    assert_eq!(
        one_error_line(&out),
        "trailmap: say --print, --check FILE, --import LADDER.csv -o OUT.ron or --export-csv [FILE] -o LADDER.csv"
    );
    // --import and --export-csv need -o, and one thing at a time.
    for args in [
        &["framework", "--import", "x.csv"][..],
        &["framework", "--export-csv"][..],
        &["framework", "--print", "--check", "x.ron"][..],
    ] {
        assert_eq!(run_in(d, args).status.code(), Some(2), "{args:?}: a usage error");
    }
}

#[test]
fn no_bad_input_prints_a_panic() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad");
    let dir = temp_dir();
    let d = dir.path();
    let mut names = listing(&corpus);
    names.retain(|n| !n.starts_with("fw-"));
    let frameworks: Vec<String> = listing(&corpus)
        .into_iter()
        .filter(|n| n.starts_with("fw-"))
        .collect();
    let loads = [
        "newer-version.ron",
        "deep-nesting-64.ron",
        "utf8-bom.ron",
        "crlf-line-endings.ron",
        "long-string.ron",
        "brackets-in-string.ron",
    ];

    // One validate call over every plan file: one line each, exit 1.
    let paths: Vec<String> = names
        .iter()
        .map(|n| corpus.join(n).display().to_string())
        .collect();
    let mut args = vec!["validate"];
    args.extend(paths.iter().map(String::as_str));
    let out = run_in(d, &args);
    assert_eq!(out.status.code(), Some(1));
    assert_no_panic(&stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), names.len(), "{text}");
    for (line, (name, path)) in lines.iter().zip(names.iter().zip(&paths)) {
        if loads.contains(&name.as_str()) {
            assert!(line.starts_with(&format!("ok: {path}")), "{line}");
        } else {
            assert!(line.starts_with(&format!("{path}:")), "{line}");
        }
    }

    // summary and save-copy on each bad plan: one line on stderr, nothing written.
    for (name, path) in names.iter().zip(&paths) {
        if loads.contains(&name.as_str()) {
            continue;
        }
        let out = run_in(d, &["summary", path, "--json"]);
        let err = one_error_line(&out);
        assert!(err.starts_with(&format!("trailmap: {path}")), "{err}");
        let out = run_in(d, &["save-copy", path, "copy.ron"]);
        one_error_line(&out);
    }
    for name in &frameworks {
        let path = corpus.join(name).display().to_string();
        let out = run_in(d, &["framework", "--check", &path]);
        let err = one_error_line(&out);
        assert!(err.starts_with(&format!("trailmap: {path}")), "{err}");
        // As --framework for another command, the same error.
        let priya = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(PRIYA)
            .display()
            .to_string();
        let out = run_in(d, &["--framework", &path, "validate", &priya]);
        assert_no_panic(&stderr(&out));
        assert_eq!(out.status.code(), Some(1));
    }
    assert!(listing(d).is_empty(), "bad inputs made files: {:?}", listing(d));
}

#[test]
fn global_options_go_before_or_after_the_command() {
    use clap::Parser;
    use trailmap::cli::{Cli, CliCommand};
    let cli =
        Cli::try_parse_from(["trailmap", "--data-dir", "d", "validate", "a.ron", "b.ron"]).expect("parses");
    assert_eq!(cli.global.data_dir.as_deref(), Some(Path::new("d")));
    assert!(matches!(cli.command, Some(CliCommand::Validate { ref plans }) if plans.len() == 2));
    assert_eq!(cli.plan, None);
    let cli = Cli::try_parse_from(["trailmap", "validate", "--data-dir", "d", "a.ron"]).expect("parses");
    assert_eq!(cli.global.data_dir.as_deref(), Some(Path::new("d")));
    // A plan to open in the app.
    let cli = Cli::try_parse_from(["trailmap", "--data-dir", "d", "plan.ron"]).expect("parses");
    assert_eq!(cli.plan.as_deref(), Some(Path::new("plan.ron")));
    assert!(cli.command.is_none());
    let cli = Cli::try_parse_from(["trailmap"]).expect("parses");
    assert!(cli.plan.is_none() && cli.command.is_none());
    // And through the binary.
    let dir = with_examples();
    let out = run_in(dir.path(), &["--data-dir", "elsewhere", "validate", "priya.ron"]);
    assert_eq!(stdout(&out), "ok: priya.ron\n", "{}", stderr(&out));
}

/// Runs the binary in `dir` as [`run_in`] does, with standard output going to
/// `stdout` instead of a pipe.
fn run_with_stdout(dir: &Path, stdout: std::process::Stdio, args: &[&str]) -> Output {
    std::process::Command::new(crate::support::bin())
        .args(args)
        .current_dir(dir)
        .env("TRAILMAP_TODAY", crate::support::TODAY.to_string())
        .env("TRAILMAP_DATA_DIR", dir.join("data"))
        .env_remove("RUST_BACKTRACE")
        .stdout(stdout)
        .output()
        .expect("the binary runs")
}

#[cfg(unix)]
#[test]
fn export_never_replaces_a_plan_or_a_read_only_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = with_examples();
    let d = dir.path();
    let plan = bytes(&d.join("priya.ron"));
    for format in ["html", "markdown"] {
        let out = run_in(d, &["export", "priya.ron", "--format", format, "-o", "priya.ron"]);
        let err = one_error_line(&out);
        assert_eq!(
            err,
            "trailmap: priya.ron: this is a Trailmap plan; an export never replaces it (choose another file)"
        );
        assert_eq!(bytes(&d.join("priya.ron")), plan, "{format}");
        assert!(
            !listing(d)
                .iter()
                .any(|n| n.contains("radar") || n.contains("ranking")),
            "no chart image is written beside a report that was refused: {:?}",
            listing(d)
        );
    }

    // A read-only file (root may write it anyway; the export still refuses).
    let report = d.join("report.html");
    fs::write(&report, "an old report\n").expect("write");
    fs::set_permissions(&report, fs::Permissions::from_mode(0o444)).expect("chmod");
    let out = run_in(
        d,
        &["export", "priya.ron", "--format", "html", "-o", "report.html"],
    );
    assert_eq!(
        one_error_line(&out),
        "trailmap: report.html: could not save over it: the file is read-only"
    );
    assert_eq!(bytes(&report), b"an old report\n");
    assert_eq!(stdout(&out), "");
}

#[cfg(unix)]
#[test]
fn export_onto_a_named_pipe_is_refused_at_once() {
    use std::os::unix::fs::FileTypeExt;
    let dir = with_examples();
    let d = dir.path();
    let made = std::process::Command::new("mkfifo")
        .arg(d.join("pipe.html"))
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        println!("note: mkfifo failed; the named pipe test is skipped");
        return;
    }
    for format in ["html", "markdown"] {
        // Opening a named pipe to write waits for a reader that never comes:
        // the export must not open it.
        let mut child = std::process::Command::new(crate::support::bin())
            .args(["export", "priya.ron", "--format", format, "-o", "pipe.html"])
            .current_dir(d)
            .env("TRAILMAP_DATA_DIR", d.join("data"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let start = std::time::Instant::now();
        while child.try_wait().expect("wait").is_none() {
            if start.elapsed() > std::time::Duration::from_secs(20) {
                let _ = child.kill();
                panic!("export -o onto a named pipe is still running after 20 s");
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let out = child.wait_with_output().expect("output");
        let err = one_error_line(&out);
        assert!(
            err.starts_with("trailmap: pipe.html: this is a pipe, socket or device"),
            "{err}"
        );
        assert!(
            err.contains("-o -"),
            "the message says how to write to a pipe: {err}"
        );
        let meta = fs::symlink_metadata(d.join("pipe.html")).expect("still there");
        assert!(meta.file_type().is_fifo(), "still a named pipe");
        assert_eq!(
            listing(d),
            ["marcus.ron", "pipe.html", "priya.ron"],
            "no chart images beside the pipe either ({format})"
        );
    }
}

#[cfg(unix)]
#[test]
fn export_as_another_user_leaves_a_root_file_alone() {
    use std::os::unix::fs::PermissionsExt;
    if !crate::support::is_root() {
        println!("note: not root, so there is no other user's file to protect; skipped");
        return;
    }
    let Some(setpriv) = ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| Path::new(p).exists())
    else {
        println!("note: setpriv is missing; the export as another user is skipped");
        return;
    };
    let dir = with_examples();
    let d = dir.path();
    fs::set_permissions(d, fs::Permissions::from_mode(0o755)).expect("chmod");
    fs::set_permissions(d.join("priya.ron"), fs::Permissions::from_mode(0o644)).expect("chmod");
    // A folder anyone may write to, holding root's report that only root may write.
    let shared = d.join("shared");
    fs::create_dir(&shared).expect("mkdir");
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o777)).expect("chmod");
    let report = shared.join("report.html");
    fs::write(&report, "root's report\n").expect("write");
    fs::set_permissions(&report, fs::Permissions::from_mode(0o644)).expect("chmod");
    let as_nobody = |output: &str| {
        std::process::Command::new(setpriv)
            .args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                crate::support::bin(),
            ])
            .args(["export", "priya.ron", "--format", "html", "-o", output])
            .current_dir(d)
            .env("TRAILMAP_DATA_DIR", d.join("data"))
            .output()
            .expect("setpriv runs")
    };
    let out = as_nobody("shared/report.html");
    assert_eq!(
        one_error_line(&out),
        "trailmap: shared/report.html: could not save over it: the file is read-only"
    );
    assert_eq!(bytes(&report), b"root's report\n");
    assert_eq!(listing(&shared), ["report.html"]);

    // The same user may write a new file there: the refusal above came from
    // the file's owner and mode, not from the setup.
    let out = as_nobody("shared/new.html");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(listing(&shared), ["new.html", "report.html"]);
}

#[test]
fn export_dash_o_dash_writes_standard_output() {
    let dir = with_examples();
    let d = dir.path();
    for format in ["html", "markdown"] {
        let plain = run_in(d, &["export", "marcus.ron", "--format", format]);
        assert!(plain.status.success(), "{}", stderr(&plain));
        let dash = run_in(d, &["export", "marcus.ron", "--format", format, "-o", "-"]);
        assert_eq!(dash.status.code(), Some(0), "{}", stderr(&dash));
        assert_eq!(stdout(&dash), stdout(&plain), "{format}");
        assert_eq!(stderr(&dash), "");
        assert_eq!(listing(d), ["marcus.ron", "priya.ron"], "no file named -");
    }
    // A file that is really named `-` can still be written as `./-`.
    let out = run_in(d, &["export", "marcus.ron", "--format", "html", "-o", "./-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "wrote ./-\n");
}

#[cfg(target_os = "linux")]
#[test]
fn export_to_dev_stdout_as_a_pipe_suggests_dash() {
    let dir = with_examples();
    let d = dir.path();
    let images = [
        Path::new("/dev/stdout-radar.svg"),
        Path::new("/dev/stdout-ranking.svg"),
    ];
    let there_before: Vec<bool> = images.iter().map(|p| p.exists()).collect();
    // `output()` makes standard output a pipe.
    for format in ["html", "markdown"] {
        let out = run_in(
            d,
            &["export", "marcus.ron", "--format", format, "-o", "/dev/stdout"],
        );
        let made: Vec<&Path> = images
            .iter()
            .zip(&there_before)
            .filter(|(p, before)| !**before && p.exists())
            .map(|(p, _)| *p)
            .collect();
        for p in &made {
            let _ = fs::remove_file(p);
        }
        assert!(made.is_empty(), "{format}: the export wrote {made:?}");
        let err = one_error_line(&out);
        assert!(err.starts_with("trailmap: /dev/stdout: "), "{err}");
        assert!(err.contains("not a regular file"), "{err}");
        assert!(err.contains("use -o -"), "{err}");
        assert_eq!(stdout(&out), "");
    }
}

/// A name a terminal would act on: it sets the window title, rings the
/// bell and clears the screen; then a C1 control sequence introducer and DEL.
const NASTY_NAME: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{7f}\u{202e}Ann";

/// Whether `text` holds a control character other than line feed and tab,
/// or a bidirectional control (which reorders what a terminal shows).
fn has_raw_control(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

#[test]
fn control_characters_are_shown_escaped_on_the_terminal() {
    let dir = with_examples();
    let d = dir.path();
    let mut plan = crate::support::example(MARCUS);
    plan.person.name = NASTY_NAME.to_owned();
    plan.person.mentor = "Mentor\u{85}\u{9b}2J".to_owned();
    plan.custom_skills[0].name = "Discovery\u{1b}[5m".to_owned();
    storage::save_plan(&d.join("nasty.ron"), &plan, None).expect("save");

    // summary as text: every control character shown as an escape.
    let out = run_in(d, &["summary", "nasty.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!has_raw_control(&text), "{text:?}");
    assert!(
        text.starts_with(
            "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{9b}31m\\u{7f}\\u{202e}Ann: Tech lead -> Head of product\n"
        ),
        "{text}"
    );
    assert!(text.contains("Mentor: Mentor\\u{85}\\u{9b}2J\n"), "{text}");
    assert!(text.contains("Discovery\\u{1b}[5m"), "{text}");

    // summary as JSON: valid JSON with the C1 characters as \u escapes, and
    // the name comes back exactly.
    let out = run_in(d, &["summary", "nasty.ron", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!has_raw_control(&text), "{text:?}");
    assert!(text.contains("\\u009b"), "{text}");
    let json: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(json["person"], NASTY_NAME);
    assert_eq!(json["mentor"], "Mentor\u{85}\u{9b}2J");

    // validate: paths and the file content quoted in errors.
    let evil_path = "evil\u{1b}[2J\u{9b}.ron";
    fs::copy(d.join("priya.ron"), d.join(evil_path)).expect("copy");
    let text = fs::read_to_string(d.join("priya.ron")).expect("read");
    fs::write(
        d.join("bad.ron"),
        text.replace(
            "target_role: \"engineering-manager\"",
            "target_role: \"\\u{1b}[31mevil\\u{9b}\"",
        ),
    )
    .expect("write");
    let out = run_in(d, &["validate", evil_path, "bad.ron", "nasty.ron"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(!has_raw_control(&text), "{text:?}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "ok: evil\\u{1b}[2J\\u{9b}.ron");
    assert!(
        lines[1].starts_with("bad.ron: target_role: unknown role `\\u{1b}[31mevil\\u{9b}`"),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2], "ok: nasty.ron");

    // Errors on standard error, too.
    let out = run_in(d, &["summary", "bad.ron"]);
    let err = one_error_line(&out);
    assert!(!has_raw_control(&err), "{err:?}");
    assert!(err.contains("`\\u{1b}[31mevil\\u{9b}`"), "{err}");
    let out = run_in(d, &["summary", "missing\u{1b}[2J.ron"]);
    let err = one_error_line(&out);
    assert!(
        err.starts_with("trailmap: missing\\u{1b}[2J.ron: could not read the file"),
        "{err}"
    );
    let out = run_in(
        d,
        &["export", "priya.ron", "--format", "html", "-o", "r\u{1b}[2J.html"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "wrote r\\u{1b}[2J.html\n");
    let out = run_in(
        d,
        &["new", "\u{1b}[2JBo", "--role", "tech-lead", "--target", "\u{9b}x"],
    );
    let err = one_error_line(&out);
    assert!(
        err.starts_with("trailmap: unknown target role `\\u{9b}x`; the roles are: "),
        "{err}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_standard_output_is_an_error() {
    let dir = with_examples();
    let d = dir.path();
    let full = || {
        std::process::Stdio::from(
            fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .expect("/dev/full"),
        )
    };
    let commands: [&[&str]; 9] = [
        &["validate", "priya.ron"],
        &["validate", "priya.ron", "marcus.ron"],
        &["summary", "priya.ron"],
        &["summary", "priya.ron", "--json"],
        &["export", "priya.ron", "--format", "html"],
        &["export", "priya.ron", "--format", "markdown", "-o", "-"],
        &["framework", "--print"],
        &["export", "priya.ron", "--format", "html", "-o", "out.html"],
        &[
            "new",
            "Ann",
            "--role",
            "tech-lead",
            "--target",
            "engineering-manager",
            "-o",
            "ann.ron",
        ],
    ];
    for args in commands {
        let out = run_with_stdout(d, full(), args);
        let err = one_error_line(&out);
        assert!(
            err.starts_with("trailmap: could not write to standard output: No space left on device"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_usage_error_shows_control_characters_escaped() {
    // clap drops C0 controls from what it repeats, but not C1: U+009B is
    // CSI to a terminal that reads 8-bit controls.
    let dir = with_examples();
    let out = run_in(dir.path(), &["summary", "priya.ron", "x\u{9b}2J"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains('\u{9b}'), "{err:?}");
    assert!(err.contains("x\\u{9b}2J"), "{err}");
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    let dir = with_examples();
    let mut child = std::process::Command::new(crate::support::bin())
        .args(["export", "priya.ron", "--format", "html"])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    // `| head -0`: the reader closes before reading anything.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("ends");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "no message");
    assert_eq!(out.status.code(), Some(141), "as a command ended by SIGPIPE");
}

/// A plan is known as one however it is written: after a RON extension
/// line, after a comment longer than a glance, as `Plan(`, with its version
/// last, or even when it does not load yet. No export replaces any of them.
#[test]
fn no_way_of_writing_a_plan_lets_an_export_replace_it() {
    let dir = with_examples();
    let d = dir.path();
    let text = fs::read_to_string(d.join("priya.ron")).expect("read");
    let body = text.trim_start_matches(|c: char| c != '(');
    let version_last = body.replacen("format_version: 3,", "", 1).replacen(
        "(\n",
        "(\n  // the version comes last here\n",
        1,
    );
    let version_last = format!(
        "{}format_version: 3)\n",
        version_last.trim_end().trim_end_matches(')')
    );
    let variants = [
        ("extension.ron", format!("#![enable(implicit_some)]\n{text}")),
        ("long-comment.ron", format!("// {}\n{text}", "x".repeat(70_000))),
        ("named.ron", format!("Plan{body}")),
        ("version-last.ron", version_last),
        ("broken.ron", format!("{text}\n(")),
    ];
    for (name, plan) in &variants {
        fs::write(d.join(name), plan).expect("write");
        let before = bytes(&d.join(name));
        if *name != "broken.ron" {
            let out = run_in(d, &["validate", name]);
            assert!(out.status.success(), "{name} is a valid plan: {}", stdout(&out));
        }
        let out = run_in(d, &["export", "marcus.ron", "--format", "html", "-o", name]);
        assert_eq!(
            one_error_line(&out),
            format!(
                "trailmap: {name}: this is a Trailmap plan; an export never replaces it (choose another file)"
            ),
        );
        assert_eq!(bytes(&d.join(name)), before, "{name}");
    }
}

/// A framework's id names the file it is installed as: an id that is not a
/// plain name (`../../notes`) is refused when the framework is checked.
#[test]
fn a_framework_id_that_is_a_path_is_refused() {
    let dir = with_examples();
    let d = dir.path();
    let out = run_in(d, &["framework", "--print"]);
    let hostile = stdout(&out).replacen("id: \"trailmap-leadership\"", "id: \"../../notes\"", 1);
    fs::write(d.join("hostile.ron"), hostile).expect("write");
    let out = run_in(d, &["framework", "--check", "hostile.ron"]);
    assert_eq!(out.status.code(), Some(1));
    let err = one_error_line(&out);
    assert!(err.contains("`../../notes` is not a valid id"), "{err}");
    assert!(
        err.starts_with("trailmap: hostile.ron:"),
        "names the file and place: {err}"
    );
}

#[test]
fn new_with_dash_o_dash_prints_the_plan() {
    let dir = with_examples();
    let d = dir.path();
    let out = run_in(
        d,
        &[
            "new",
            "Sam Lee",
            "--role",
            "tech-lead",
            "--target",
            "engineering-manager",
            "-o",
            "-",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    let (plan, _) = storage::parse_plan(Path::new("-"), &text).expect("a plan on standard output");
    assert_eq!(plan.person.name, "Sam Lee");
    assert!(!d.join("-").exists(), "no file named -");
}

#[test]
fn a_file_name_cannot_split_a_line_or_fake_a_result() {
    let dir = with_examples();
    let d = dir.path();
    let name = "bad\u{1b}[31mname\nok: x.ron";
    fs::copy(d.join("priya.ron"), d.join(name)).expect("copy");
    let out = run_in(d, &["validate", name]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "ok: bad\\u{1b}[31mname\\u{a}ok: x.ron\n",
        "one line"
    );
}

#[test]
fn a_plan_given_as_a_framework_is_named_as_a_plan() {
    let dir = with_examples();
    let out = run_in(dir.path(), &["framework", "--check", "priya.ron"]);
    assert_eq!(
        one_error_line(&out),
        "trailmap: priya.ron: this is a Trailmap plan, not a framework"
    );
}

/// Round 3, P2: a line feed inside a plan's text cannot fake a line of
/// output, in an error or in a summary.
#[test]
fn a_line_feed_in_a_plan_cannot_fake_a_line() {
    let dir = with_examples();
    let d = dir.path();
    let text = fs::read_to_string(d.join("priya.ron")).expect("read");
    let bad = text.replacen(
        "target_role: \"engineering-manager\"",
        "target_role: \"x\\nok: fake.ron\"",
        1,
    );
    fs::write(d.join("bad.ron"), bad).expect("write");
    let out = run_in(d, &["validate", "bad.ron"]);
    let said = stdout(&out);
    assert_eq!(said.lines().count(), 1, "{said:?}");
    assert!(
        said.starts_with("bad.ron:") && said.contains("x\\u{a}ok: fake.ron"),
        "{said:?}"
    );

    let mut plan = crate::support::example(PRIYA);
    plan.person.name = "Priya\nok: /etc/passwd\u{2028}trailmap: all good".to_owned();
    storage::save_plan(&d.join("named.ron"), &plan, None).expect("save");
    let out = run_in(d, &["summary", "named.ron"]);
    let said = stdout(&out);
    let first = said.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("Priya\\u{a}ok: /etc/passwd\\u{2028}trailmap: all good: "),
        "{said}"
    );
    assert!(!said.lines().any(|l| l.starts_with("ok: ")), "{said}");
}

/// Round 3, P4 and P5: an export never replaces a `.ron` file, even one
/// that no longer looks like a plan; `framework --check` says what the app
/// would refuse.
#[test]
fn exports_leave_ron_files_alone_and_checks_match_the_install() {
    let dir = with_examples();
    let d = dir.path();
    fs::write(d.join("hand-edited.ron"), "(person: (name: \"Me\"))\n").expect("write");
    let out = run_in(
        d,
        &["export", "priya.ron", "--format", "html", "-o", "hand-edited.ron"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(bytes(&d.join("hand-edited.ron")), b"(person: (name: \"Me\"))\n");

    let printed = stdout(&run_in(d, &["framework", "--print"]));
    fs::write(d.join("copy.ron"), &printed).expect("write");
    let out = run_in(d, &["framework", "--check", "copy.ron"]);
    assert_eq!(out.status.code(), Some(0), "a fresh copy checks");
    assert!(String::from_utf8_lossy(&out.stderr).contains("give yours another before installing it"));
    let long = printed.replacen(
        "id: \"trailmap-leadership\"",
        &format!("id: \"{}\"", "a".repeat(300)),
        1,
    );
    fs::write(d.join("long.ron"), long).expect("write");
    let out = run_in(d, &["framework", "--check", "long.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(one_error_line(&out).contains("is not a valid id: use up to 64"));
}

/// Round 4: a Markdown report's chart files are named after the report, not
/// by the user: they replace a chart an earlier export made, never
/// somebody's own file of that name.
#[test]
fn a_reports_charts_never_replace_a_file_of_the_users() {
    let dir = with_examples();
    let d = dir.path();
    let out = run_in(d, &["export", "priya.ron", "--format", "markdown", "-o", "r.md"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run_in(d, &["export", "priya.ron", "--format", "markdown", "-o", "r.md"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "its own charts are replaced: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    fs::write(d.join("mine-radar.svg"), "<svg>my own drawing</svg>").expect("write");
    let out = run_in(
        d,
        &["export", "priya.ron", "--format", "markdown", "-o", "mine.md"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(one_error_line(&out).contains("mine-radar.svg: this file was not made by a Trailmap export"));
    assert_eq!(bytes(&d.join("mine-radar.svg")), b"<svg>my own drawing</svg>");
    assert!(
        !d.join("mine.md").exists() && !d.join("mine-ranking.svg").exists(),
        "nothing written"
    );
}

#[test]
fn version_names_the_release() {
    let dir = crate::support::temp_dir();
    let out = crate::support::run_in(dir.path(), &["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("trailmap {}", env!("CARGO_PKG_VERSION"))
    );
}
