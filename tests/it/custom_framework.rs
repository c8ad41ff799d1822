//! Custom frameworks: a framework file with an extra skill and an extra role
//! drives `summary`, `new` and `export` on the real binary with
//! `--framework`, and broken framework files fail with `PATH:LINE:COL: message`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use trailmap::storage;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn trailmap(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trailmap"))
        .args(args)
        .current_dir(dir)
        .env("TRAILMAP_TODAY", "2026-11-22")
        .env("TRAILMAP_DATA_DIR", dir.join("data"))
        .output()
        .expect("run trailmap")
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

fn stderr(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(1),
        "should fail: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stderr.clone()).expect("utf-8")
}

/// A small framework: one core skill, an extra skill, the origin role and an
/// extra target role. Line numbers matter to the error tests below.
const MINI: &str = r#"Framework(
    format_version: 1,
    id: "mini-ladder",
    name: "Mini ladder",
    skills: [
        SkillDef(id: "communication", name: "Communication", summary: "s", levels: ["1", "2", "3", "4", "5"]),
        SkillDef(id: "technical-depth", name: "Technical depth", summary: "s", levels: ["1", "2", "3", "4", "5"]),
    ],
    roles: [
        RoleDef(id: "tech-lead", name: "Tech lead", summary: "s", target: false,
            requires: {"communication": 3, "technical-depth": 3}, requires_source: Estimate,
            allocation: (strategy: 30, people: 10, building: 60), allocation_source: Articles),
        RoleDef(id: "staff-engineer", name: "Staff engineer", summary: "s", target: true,
            requires: {"communication": 4, "technical-depth": 5}, requires_source: Estimate,
            allocation: (strategy: 40, people: 10, building: 50), allocation_source: Estimate),
    ],
    transitions: [Transition(from: "tech-lead", to: "staff-engineer", kind: Step)],
    actions: [
        ActionTemplate(id: "depth-review", title: "Lead a design review", detail: "d", skill: "technical-depth"),
    ],
)
"#;

/// A plan for [`MINI`]: 3 and 4 against needs of 4 and 5.
const MINI_PLAN: &str = r#"(
  format_version: 1,
  framework: (id: "mini-ladder"),
  person: (name: "Kim", mentor: ""),
  current_role: "tech-lead",
  target_role: "staff-engineer",
  skills: {
    "communication": (self_rating: Some(3)),
    "technical-depth": (self_rating: Some(4)),
  },
  next_id: 1,
)
"#;

#[test]
fn example_framework_and_plan_in_saves_are_valid() {
    let framework = storage::load_framework(&root().join("saves/frameworks/acme-ladder.ron")).expect("valid");
    assert_eq!(framework.id, "acme-ladder");
    assert!(framework.skill(&"technical-depth".into()).is_some());
    assert!(framework.role(&"staff-engineer".into()).is_some_and(|r| r.target));
    let mut catalog = storage::FrameworkCatalog::builtin_only();
    catalog.add(framework);
    let loaded = storage::load_plan(&root().join("saves/frameworks/acme-example-plan.ron"), &catalog)
        .expect("valid plan");
    assert_eq!(loaded.framework.id, "acme-ladder");
}

#[test]
fn summary_uses_the_framework_named_by_the_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::write(d.join("mini.ron"), MINI).expect("write");
    std::fs::write(d.join("kim.ron"), MINI_PLAN).expect("write");

    let json = stdout(&trailmap(
        d,
        &["summary", "kim.ron", "--json", "--framework", "mini.ron"],
    ));
    let summary: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(summary["framework"], "mini-ladder");
    let skills: Vec<&str> = summary["skills"]
        .as_array()
        .expect("skills")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(skills, ["communication", "technical-depth"]);
    assert_eq!(summary["skills"][1]["name"], "Technical depth");
    assert_eq!(
        summary["skills"][1]["custom"], false,
        "a framework skill, not one the plan added"
    );
    // Only the extra role is a target: (3 + 4) / (4 + 5) = 78 %.
    let roles = summary["roles"].as_array().expect("roles");
    assert_eq!(roles.len(), 1);
    assert_eq!(roles[0]["id"], "staff-engineer");
    assert_eq!(roles[0]["readiness"], 78);
    assert_eq!(summary["route"][1]["name"], "Staff engineer");

    let text = stdout(&trailmap(d, &["summary", "kim.ron", "--framework", "mini.ron"]));
    assert!(text.contains("Technical depth  4"), "{text}");
    assert!(text.contains("Staff engineer  78%"), "{text}");
    assert!(
        text.contains("Route: Tech lead (100%) -> Staff engineer (78%)"),
        "{text}"
    );

    // Without the framework the plan cannot be read, and the error says why.
    let err = stderr(&trailmap(d, &["summary", "kim.ron"]));
    assert_eq!(
        err,
        "trailmap: kim.ron:3:19: the plan uses framework `mini-ladder`, which is not installed\n"
    );

    // Installed in the data folder's frameworks/, it is found without the flag.
    std::fs::create_dir_all(d.join("data/frameworks")).expect("mkdir");
    std::fs::copy(d.join("mini.ron"), d.join("data/frameworks/mini-ladder.ron")).expect("copy");
    assert!(stdout(&trailmap(d, &["summary", "kim.ron"])).contains("Staff engineer  78%"));
}

#[test]
fn the_example_company_framework_drives_summary_new_and_export() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let ladder = root().join("saves/frameworks/acme-ladder.ron");
    let ladder = ladder.to_str().expect("utf-8");
    let plan = root().join("saves/frameworks/acme-example-plan.ron");
    let plan = plan.to_str().expect("utf-8");

    let json = stdout(&trailmap(d, &["summary", plan, "--json", "--framework", ladder]));
    let summary: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let staff = summary["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .find(|r| r["id"] == "staff-engineer")
        .expect("the extra role is ranked");
    // Own 3, 2, 3, 3, 4 against 4, 3, 4, 3, 5: 15 of 19 levels.
    assert_eq!(staff["readiness"], 79);
    assert!(
        summary["skills"]
            .as_array()
            .expect("skills")
            .iter()
            .any(|s| s["id"] == "technical-depth")
    );

    // `new` records the framework's id and seeds from its library.
    let out = stdout(&trailmap(
        d,
        &[
            "new",
            "Kim Park",
            "--role",
            "tech-lead",
            "--target",
            "staff-engineer",
            "--framework",
            ladder,
            "-o",
            "kim.ron",
        ],
    ));
    assert!(out.starts_with("wrote kim.ron ("), "{out}");
    let text = std::fs::read_to_string(d.join("kim.ron")).expect("plan written");
    assert!(text.contains("id: \"acme-ladder\""), "{text}");
    assert!(
        text.contains("\"depth-design-review\""),
        "seeded from the custom library: {text}"
    );
    assert!(stdout(&trailmap(d, &["validate", "kim.ron", "--framework", ladder])).starts_with("ok: kim.ron"));

    // Export with the custom framework shows the extra skill and role.
    let md = stdout(&trailmap(
        d,
        &["export", plan, "--format", "markdown", "--framework", ladder],
    ));
    assert!(md.starts_with("# Sam Lee: Tech lead → Staff engineer\n"), "{md}");
    assert!(
        md.contains("| Technical depth | 4 | 4 | 5 | 3 | 3 | 2 | **1** |"),
        "{md}"
    );
    assert!(md.contains("- **Framework:** Acme engineering ladder"), "{md}");
}

/// Writes [`MINI`] with one change and returns the one-line error from
/// `framework --check` and from `summary --framework`.
fn broken(from: &str, to: &str) -> (String, String) {
    assert!(MINI.contains(from), "{from:?} is not in the fixture");
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::write(d.join("broken.ron"), MINI.replacen(from, to, 1)).expect("write");
    std::fs::write(d.join("kim.ron"), MINI_PLAN).expect("write");
    let check = stderr(&trailmap(d, &["framework", "--check", "broken.ron"]));
    let summary = stderr(&trailmap(d, &["summary", "kim.ron", "--framework", "broken.ron"]));
    assert_eq!(check.lines().count(), 1, "{check}");
    (check, summary)
}

#[test]
fn unknown_skill_in_requires() {
    let (check, summary) = broken(
        r#"{"communication": 4, "technical-depth": 5}"#,
        r#"{"communication": 4, "tech-depth": 5}"#,
    );
    assert_eq!(
        check,
        "trailmap: broken.ron:14:44: roles[1] (staff-engineer).requires: unknown skill `tech-depth` \
         (and 1 more problem)\n"
    );
    assert_eq!(
        summary, check,
        "every command reports the broken framework the same way"
    );
}

#[test]
fn allocation_that_does_not_add_up() {
    let (check, _) = broken("building: 50", "building: 60");
    assert_eq!(
        check,
        "trailmap: broken.ron:13:21: roles[1] (staff-engineer).allocation: the time allocation adds up \
         to 110%, not 100%\n"
    );
}

#[test]
fn duplicate_ids_point_at_the_second_definition() {
    let (check, _) = broken(r#"RoleDef(id: "staff-engineer""#, r#"RoleDef(id: "tech-lead""#);
    assert!(
        check.starts_with("trailmap: broken.ron:13:21: roles[1] (tech-lead): duplicate role id `tech-lead`"),
        "{check}"
    );
    let (check, _) = broken(
        r#"SkillDef(id: "technical-depth""#,
        r#"SkillDef(id: "communication""#,
    );
    assert!(
        check.starts_with(
            "trailmap: broken.ron:7:22: skills[1] (communication): duplicate skill id `communication`"
        ),
        "{check}"
    );
}

#[test]
fn syntax_error() {
    let (check, _) = broken("target: true,", "target: true");
    assert!(check.starts_with("trailmap: broken.ron:14:13: "), "{check}");
    let (check, _) = broken("    ],\n    transitions", "    \n    transitions");
    assert!(check.starts_with("trailmap: broken.ron:17:5: "), "{check}");
}

#[test]
fn the_built_in_framework_prints_as_a_valid_starting_point() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let text = stdout(&trailmap(d, &["framework", "--print"]));
    // A copy with a new id is a valid framework of one's own.
    let own = text.replacen("id: \"trailmap-leadership\"", "id: \"my-ladder\"", 1);
    std::fs::write(d.join("my-ladder.ron"), own).expect("write");
    let out = stdout(&trailmap(d, &["framework", "--check", "my-ladder.ron"]));
    assert!(
        out.starts_with("ok: my-ladder.ron (my-ladder: 4 skills, 6 roles, "),
        "{out}"
    );
}
