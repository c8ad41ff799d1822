//! Redaction: a plan with a unique marker in every private field and in the
//! shared fields around them. Redacted exports, Markdown, HTML and PDF (its
//! text read back with a PDF parser), from the
//! library and from the real binary, hold none of the private markers and all
//! of the shared ones; exports without `--redact` hold both.

use std::path::Path;
use std::process::Command;

use jiff::civil::date;
use trailmap::export::{self, ExportOptions};
use trailmap::model::{Plan, Session, SessionNote, SkillEntry};
use trailmap::storage::{self, FrameworkCatalog};

/// Markers in the fields that are private.
const PRIVATE: [&str; 6] = [
    "PRIVATE-MARKER-1", // plan.private_notes
    "PRIVATE-MARKER-2", // mentor_note on communication
    "PRIVATE-MARKER-3", // mentor_note on the custom skill
    "PRIVATE-MARKER-4", // mentor-only note in session 1
    "PRIVATE-MARKER-5", // mentor-only note in session 2
    "PRIVATE-MARKER-6", // second paragraph of the private notes
];

/// Markers in fields that are not private and must stay.
const SHARED: [&str; 6] = [
    "SHARED-MARKER-1", // evidence on communication
    "SHARED-MARKER-2", // a normal session note
    "SHARED-MARKER-3", // a session summary
    "SHARED-MARKER-4", // a checklist item's notes
    "SHARED-MARKER-5", // a checklist item's evidence
    "SHARED-MARKER-6", // a session agenda entry
];

fn marked_plan() -> Plan {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/marcus-tech-lead-to-head-of-product.ron"),
    )
    .expect("example plan");
    let (mut plan, _) = storage::parse_plan(Path::new("marcus.ron"), &text).expect("parses");
    plan.private_notes = format!("{}\n\nAnd {}.", PRIVATE[0], PRIVATE[5]);
    plan.skills.insert(
        "communication".into(),
        SkillEntry {
            evidence: format!("Shown by {}", SHARED[0]),
            mentor_note: format!("Mentor thinks {}", PRIVATE[1]),
            ..plan.entry(&"communication".into())
        },
    );
    plan.skills
        .get_mut(&"product-discovery".into())
        .expect("custom skill entry")
        .mentor_note = PRIVATE[2].to_owned();
    let note = |id: u64, text: &str, mentor_only: bool| SessionNote {
        id: trailmap::model::ItemId(id),
        at: "2026-08-18T16:30:00".parse().expect("time"),
        text: text.to_owned(),
        mentor_only,
    };
    let sessions: &mut Vec<Session> = &mut plan.sessions;
    sessions[0].notes.push(note(100, PRIVATE[3], true));
    sessions[0].notes.push(note(101, SHARED[1], false));
    sessions[1].notes.push(note(102, PRIVATE[4], true));
    sessions[1].summary = SHARED[2].to_owned();
    sessions[2].agenda.push(trailmap::model::AgendaPoint {
        kind: trailmap::model::AgendaKind::Other,
        text: SHARED[5].to_owned(),
        done: false,
    });
    plan.checklist[0].notes = SHARED[3].to_owned();
    plan.checklist[0].evidence = SHARED[4].to_owned();
    plan.next_id = 103;
    plan
}

fn assert_redacted(what: &str, text: &str) {
    for marker in PRIVATE {
        assert!(!text.contains(marker), "{what}: a redacted export holds {marker}");
    }
    for marker in SHARED {
        assert!(
            text.contains(marker),
            "{what}: the export lost the shared {marker}"
        );
    }
    assert!(
        !text.contains("Private notes"),
        "{what}: the private notes heading is there"
    );
    assert!(!text.contains("Mentor's note"), "{what}");
    assert!(text.contains("redacted copy"), "{what}: the notice is missing");
}

fn assert_complete(what: &str, text: &str) {
    for marker in PRIVATE.iter().chain(&SHARED) {
        assert!(text.contains(marker), "{what}: the full export lacks {marker}");
    }
    assert!(!text.contains("redacted copy"), "{what}");
}

#[test]
fn redact_empties_exactly_the_private_fields() {
    let plan = marked_plan();
    let redacted = export::redact(&plan);
    assert_eq!(redacted.private_notes, "");
    assert!(redacted.skills.values().all(|e| e.mentor_note.is_empty()));
    assert!(
        redacted
            .sessions
            .iter()
            .flat_map(|s| &s.notes)
            .all(|n| !n.mentor_only)
    );
    // Everything else is untouched: put the private fields back and compare.
    let mut restored = redacted.clone();
    restored.private_notes = plan.private_notes.clone();
    for (id, entry) in &mut restored.skills {
        entry.mentor_note = plan.skills[id].mentor_note.clone();
    }
    for (session, original) in restored.sessions.iter_mut().zip(&plan.sessions) {
        session.notes = original.notes.clone();
    }
    assert_eq!(restored, plan);
}

#[test]
fn library_exports_leave_out_private_fields_only_when_redacting() {
    let plan = marked_plan();
    let framework = storage::builtin();
    let today = date(2026, 11, 22);
    let redact = ExportOptions {
        redact: true,
        image_prefix: Some("r".into()),
    };
    let full = ExportOptions {
        redact: false,
        image_prefix: Some("r".into()),
    };
    let md = export::markdown(&plan, &framework, today, &redact);
    assert_redacted("markdown", &md.text);
    assert_redacted_svg(&md.radar_svg);
    assert_redacted_svg(&md.ranking_svg);
    assert_redacted("html", &export::html(&plan, &framework, today, &redact));
    assert_complete(
        "markdown",
        &export::markdown(&plan, &framework, today, &full).text,
    );
    assert_complete("html", &export::html(&plan, &framework, today, &full));
    // The checklist sheet holds no private field at all, redacted or not,
    // and keeps the item's notes and evidence.
    for options in [&redact, &full] {
        let sheet = export::checklist_csv(&plan, &framework, today, options);
        for marker in PRIVATE {
            assert!(!sheet.contains(marker), "the checklist sheet holds {marker}");
        }
        assert!(sheet.contains(SHARED[3]) && sheet.contains(SHARED[4]));
    }
    let pdf = |options| crate::pdf::text_of(&export::pdf(&plan, &framework, today, options).expect("a PDF"));
    assert_redacted("pdf", &pdf(&redact));
    assert_complete("pdf", &pdf(&full));
}

fn assert_redacted_svg(svg: &str) {
    for marker in PRIVATE {
        assert!(!svg.contains(marker), "a chart holds {marker}");
    }
}

fn run(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_trailmap"))
        .args(args)
        .current_dir(dir)
        .env("TRAILMAP_TODAY", "2026-11-22")
        .env("TRAILMAP_DATA_DIR", dir.join("data"))
        .output()
        .expect("run trailmap");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn the_binary_redacts_files_and_standard_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("marked.ron");
    storage::save_plan(&path, &marked_plan(), None).expect("save");
    // The saved plan still loads and still holds every marker.
    let saved = std::fs::read_to_string(&path).expect("read");
    assert_complete("saved plan", &saved);
    storage::load_plan(&path, &FrameworkCatalog::builtin_only()).expect("valid plan");

    let d = dir.path();
    run(
        d,
        &[
            "export",
            "marked.ron",
            "--format",
            "markdown",
            "--redact",
            "-o",
            "red.md",
        ],
    );
    let read = |name: &str| std::fs::read_to_string(d.join(name)).expect(name);
    assert_redacted("binary markdown file", &read("red.md"));
    assert_redacted_svg(&read("red-radar.svg"));
    assert_redacted_svg(&read("red-ranking.svg"));
    run(
        d,
        &[
            "export",
            "marked.ron",
            "--format",
            "html",
            "--redact",
            "-o",
            "red.html",
        ],
    );
    assert_redacted("binary html file", &read("red.html"));
    run(
        d,
        &[
            "export",
            "marked.ron",
            "--format",
            "pdf",
            "--redact",
            "-o",
            "red.pdf",
        ],
    );
    let pdf = std::fs::read(d.join("red.pdf")).expect("red.pdf");
    assert_redacted("binary pdf file", &crate::pdf::text_of(&pdf));
    assert_redacted(
        "binary markdown stdout",
        &run(d, &["export", "marked.ron", "--format", "markdown", "--redact"]),
    );
    assert_redacted(
        "binary html stdout",
        &run(d, &["export", "marked.ron", "--format", "html", "--redact"]),
    );
    // `-o -` is standard output too.
    for format in ["markdown", "html"] {
        assert_redacted(
            &format!("binary {format} -o -"),
            &run(
                d,
                &["export", "marked.ron", "--format", format, "--redact", "-o", "-"],
            ),
        );
    }
    assert!(!d.join("-").exists(), "-o - writes no file named -");

    run(
        d,
        &["export", "marked.ron", "--format", "markdown", "-o", "full.md"],
    );
    assert_complete("binary markdown file", &read("full.md"));
    assert_complete(
        "binary html stdout",
        &run(d, &["export", "marked.ron", "--format", "html"]),
    );
}
