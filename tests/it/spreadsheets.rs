//! Frameworks kept in spreadsheets and checklists for spreadsheets, on the
//! real binary and the real app: `framework --export-csv` then `--import`
//! gives the same framework back, broken sheets fail naming the file, row
//! and column, ids stay put when a sheet is edited and imported again, and
//! `export --format csv` writes the checklist.

use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable;
use trailmap::model::Framework;
use trailmap::storage;

use crate::support::{MARCUS, Sandbox, click, harness, replace_text, run_in};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn acme() -> PathBuf {
    root().join("saves/frameworks/acme-ladder.ron")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run_in(dir, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The one line a failing command prints (after `trailmap: `), after
/// checking it exits with 1.
fn fails(dir: &Path, args: &[&str]) -> String {
    let out = run_in(dir, args);
    assert_eq!(out.status.code(), Some(1), "{args:?} should fail");
    let text = String::from_utf8(out.stderr).expect("utf-8");
    let line = text
        .trim_end()
        .strip_prefix("trailmap: ")
        .expect("one error line");
    assert!(!line.contains('\n'), "one line: {line}");
    line.to_owned()
}

/// Exports `framework` as sheets in `dir` named `stem`, imports them again
/// with the binary, and loads the framework file written.
fn round_trip(dir: &Path, framework: &Path, stem: &str) -> Framework {
    let csv = format!("{stem}.csv");
    let out = ok(
        dir,
        &[
            "framework",
            "--export-csv",
            &framework.display().to_string(),
            "-o",
            &csv,
        ],
    );
    assert!(
        out.starts_with(&format!("wrote {stem}.csv, {stem}-roles.csv")),
        "{out}"
    );
    let ron = format!("{stem}.ron");
    let out = ok(dir, &["framework", "--import", &csv, "-o", &ron]);
    assert!(out.contains(&format!("wrote {ron}")), "{out}");
    storage::load_framework(&dir.join(ron)).expect("the imported framework is valid")
}

#[test]
fn export_then_import_gives_back_the_same_framework() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    // The company example, the built-in framework, and one with every
    // awkward text a spreadsheet cell can hold.
    let original = storage::load_framework(&acme()).expect("valid");
    assert_eq!(round_trip(d, &acme(), "acme"), original);

    let builtin = d.join("builtin.ron");
    std::fs::write(&builtin, storage::BUILTIN_TEXT).expect("write");
    assert_eq!(round_trip(d, &builtin, "lead"), *storage::builtin());

    let mut awkward = original.clone();
    awkward.name = "Zoë's \"ladder\", v2".into();
    awkward.about = "Line one\nline two, with \"quotes\"".into();
    awkward.skills[0].levels[2] = "Writes, reviews; says \"no\"\r\nwhen needed — 完璧".into();
    awkward.skills[0].summary = String::new();
    awkward.roles[0].summary = "  padded  ".trim().into();
    awkward.actions[0].detail = "=SUM(A1:A3)".into();
    awkward.actions[1].detail = "'=quoted on purpose".into();
    // Names a spreadsheet heading could mistake: two roles named alike, a
    // role named as another's id, a role named as a column of the ladder.
    awkward.roles[0].name = "Staff engineer".into();
    awkward.roles[1].name = "staff ENGINEER".into();
    awkward.roles[2].name = awkward.roles[0].id.to_string();
    if let Some(role) = awkward.roles.get_mut(3) {
        role.name = "Level".into();
    }
    let path = d.join("awkward-source.ron");
    std::fs::write(&path, storage::framework_text(&awkward, "test").expect("text")).expect("write");
    let back = round_trip(d, &path, "awkward");
    let actions = std::fs::read_to_string(d.join("awkward-actions.csv")).expect("read");
    assert!(
        actions.contains(",'=SUM(A1:A3)"),
        "a formula is written as text, not run by the spreadsheet: {actions}"
    );
    // A CR LF inside a cell comes back as it went in.
    assert_eq!(back, awkward);
    // Any file with the same id and content compares equal: the framework
    // text written is also what `--check` accepts.
    let out = ok(d, &["framework", "--check", "awkward.ron"]);
    assert!(out.starts_with("ok: awkward.ron (acme-ladder:"), "{out}");
}

/// A ladder sheet of `skills` (each with five levels) for roles `Lead`
/// (needs level 2) and `Manager` (needs level 4).
fn ladder(skills: &[&str]) -> String {
    let mut text = String::from("Skill,Level,Description,Lead,Manager\n");
    for skill in skills {
        for level in 1..=5 {
            let lead = if level == 2 { "x" } else { "" };
            let manager = if level == 4 { "x" } else { "" };
            text.push_str(&format!(
                "{skill},{level},{skill} at level {level},{lead},{manager}\n"
            ));
        }
    }
    text
}

#[test]
fn broken_sheets_fail_naming_the_file_row_and_column_and_write_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let good = ladder(&["Writing", "Hiring"]);
    // (what, the ladder, a sheet beside it, the error).
    type Case<'a> = (&'a str, String, Option<(&'a str, &'a str)>, &'a str);
    let cases: Vec<Case<'_>> = vec![
        (
            "missing column",
            good.replace("Level,", "Grade,"),
            None,
            "ladder.csv: row 1: no \"Level\" column; a ladder needs Skill, Level and Description columns, then one column per role",
        ),
        (
            "level out of range",
            good.replace("Writing,4,Writing at level 4", "Writing,6,Writing at level 4"),
            None,
            "ladder.csv: row 5, column B (Level): level 6 is out of range; levels run from 1 to 5",
        ),
        (
            "unknown role",
            good.clone(),
            Some((
                "ladder-roles.csv",
                "Id,Name,Target\nlead,Lead,no\nengineering-manager,Engineering manager,yes\n",
            )),
            "ladder.csv: row 1, column E (Manager): unknown role; the roles sheet lists lead, engineering-manager",
        ),
        (
            "duplicate skill",
            format!(
                "{good}{}",
                ladder(&["Writing"])
                    .lines()
                    .skip(1)
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            None,
            "ladder.csv: row 12, column B (Level): Writing is listed twice: level 1 is also on row 2",
        ),
        (
            "empty file",
            String::new(),
            None,
            "ladder.csv: the file is empty; a ladder needs a heading row (Skill, Level, Description and one column per role) and a row per skill and level",
        ),
        (
            "unknown role in the actions sheet",
            good.clone(),
            Some((
                "ladder-actions.csv",
                "Title,Skill,Role\nWrite a design doc,Writing,Lead\nRun a hiring loop,Hiring,CTO\n",
            )),
            "ladder-actions.csv: row 3, column C (Role): unknown role `CTO`",
        ),
        (
            "a role marked twice in one skill",
            good.replace("Hiring,5,Hiring at level 5,,", "Hiring,5,Hiring at level 5,,x"),
            None,
            "ladder.csv: row 11, column E (Manager): Manager is marked at level 4 (row 10) and again here; mark one level per skill",
        ),
    ];
    for (what, text, beside, expected) in cases {
        let case = d.join(what.replace(' ', "-"));
        std::fs::create_dir(&case).expect("case dir");
        std::fs::write(case.join("ladder.csv"), &text).expect("write");
        if let Some((name, sheet)) = beside {
            std::fs::write(case.join(name), sheet).expect("write");
        }
        assert_eq!(
            fails(&case, &["framework", "--import", "ladder.csv", "-o", "out.ron"]),
            expected,
            "{what}"
        );
        assert!(!case.join("out.ron").exists(), "{what}: nothing written");
    }
}

#[test]
fn a_plan_still_opens_after_its_framework_is_edited_and_imported_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let original = round_trip(d, &acme(), "acme");
    // Edit the sheets as a person would: a skill and a role renamed, a
    // description reworded, a required level moved.
    let sheet = std::fs::read_to_string(d.join("acme.csv")).expect("read");
    let skill = &original.skills[0];
    let edited = sheet
        .replace(&format!(",{},", skill.name), ",Renamed skill,")
        .replace(&skill.levels[1], "Reworded level two");
    assert_ne!(edited, sheet, "the edit took");
    std::fs::write(d.join("acme.csv"), edited).expect("write");
    let roles = std::fs::read_to_string(d.join("acme-roles.csv")).expect("read");
    let role = &original.roles[0];
    std::fs::write(
        d.join("acme-roles.csv"),
        roles.replace(&format!(",{},", role.name), ",Renamed role,"),
    )
    .expect("write");
    // The ladder's role column still says the old name: the role is found
    // by its id in the roles sheet, so rename the heading too.
    let sheet = std::fs::read_to_string(d.join("acme.csv")).expect("read");
    std::fs::write(
        d.join("acme.csv"),
        sheet.replacen(&format!(",{}", role.name), ",Renamed role", 1),
    )
    .expect("write");
    ok(d, &["framework", "--import", "acme.csv", "-o", "edited.ron"]);
    let edited = storage::load_framework(&d.join("edited.ron")).expect("valid");
    assert_eq!(edited.id, original.id);
    assert_eq!(edited.skills[0].id, skill.id, "the skill keeps its id");
    assert_eq!(edited.skills[0].name, "Renamed skill");
    assert_eq!(edited.skills[0].levels[1], "Reworded level two");
    assert_eq!(edited.roles[0].id, role.id, "the role keeps its id");
    assert_eq!(edited.roles[0].name, "Renamed role");
    assert_eq!(
        edited.actions.iter().map(|a| &a.id).collect::<Vec<_>>(),
        original.actions.iter().map(|a| &a.id).collect::<Vec<_>>()
    );

    // The example plan made with the original framework opens with the
    // edited one, and its summary names the renamed skill.
    let plan = root().join("saves/frameworks/acme-example-plan.ron");
    let out = ok(
        d,
        &[
            "--framework",
            "edited.ron",
            "summary",
            &plan.display().to_string(),
        ],
    );
    assert!(out.contains("Renamed skill"), "{out}");
}

#[test]
fn a_ladder_without_id_columns_keeps_its_ids_when_reworded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::write(d.join("Acme Ladder.csv"), ladder(&["Writing", "Hiring"])).expect("write");
    let out = run_in(d, &["framework", "--import", "Acme Ladder.csv", "-o", "one.ron"]);
    assert!(out.status.success());
    let note = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        note.contains("no roles sheet"),
        "the filled-in time split is said: {note}"
    );
    let first = storage::load_framework(&d.join("one.ron")).expect("valid");
    assert_eq!(first.id, "acme-ladder", "the id comes from the file name");
    assert_eq!(
        first.skills.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["writing", "hiring"]
    );
    assert_eq!(
        first.roles.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["lead", "manager"]
    );
    std::fs::write(
        d.join("Acme Ladder.csv"),
        ladder(&["Writing", "Hiring"]).replace("Hiring at level 3", "Runs a fair hiring loop"),
    )
    .expect("write");
    ok(d, &["framework", "--import", "Acme Ladder.csv", "-o", "two.ron"]);
    let second = storage::load_framework(&d.join("two.ron")).expect("valid");
    assert_eq!(second.skills[1].levels[2], "Runs a fair hiring loop");
    let ids = |f: &Framework| {
        (
            f.id.clone(),
            f.skills.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
            f.roles.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(ids(&second), ids(&first));
}

#[test]
fn an_export_replaces_its_own_sheets_but_never_a_file_of_the_users() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    ok(d, &["framework", "--export-csv", "-o", "lead.csv"]);
    // Again over its own sheets: fine.
    ok(d, &["framework", "--export-csv", "-o", "lead.csv"]);
    // A file of the user's where a sheet would go: refused, nothing written.
    std::fs::remove_file(d.join("lead.csv")).expect("remove");
    std::fs::write(d.join("lead-moves.csv"), "my own notes\n").expect("write");
    let error = fails(d, &["framework", "--export-csv", "-o", "lead.csv"]);
    assert!(
        error.starts_with("lead-moves.csv: this file was not made by a Trailmap export"),
        "{error}"
    );
    assert!(!d.join("lead.csv").exists(), "nothing written");
    assert_eq!(
        std::fs::read_to_string(d.join("lead-moves.csv")).expect("read"),
        "my own notes\n"
    );
    // Never over a plan or a framework file either.
    std::fs::remove_file(d.join("lead-moves.csv")).expect("remove");
    std::fs::write(d.join("plan.csv"), storage::BUILTIN_TEXT).expect("write");
    let error = fails(d, &["framework", "--export-csv", "-o", "plan.csv"]);
    assert!(error.contains("this is a Trailmap framework"), "{error}");
}

#[test]
fn the_checklist_exports_as_a_spreadsheet() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let plan_path = root().join(MARCUS);
    ok(
        d,
        &[
            "export",
            &plan_path.display().to_string(),
            "--format",
            "csv",
            "-o",
            "checklist.csv",
        ],
    );
    let text = std::fs::read_to_string(d.join("checklist.csv")).expect("written");
    assert!(
        text.starts_with('\u{feff}'),
        "a byte order mark for spreadsheet apps"
    );
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headings: Vec<String> = reader
        .headers()
        .expect("headings")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headings, trailmap::export::CHECKLIST_HEADINGS);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let plan = crate::support::example(MARCUS);
    assert_eq!(rows.len(), plan.checklist.len());
    for (row, item) in rows.iter().zip(&plan.checklist) {
        assert_eq!(&row[0], item.text.as_str());
        assert_eq!(&row[3], item.status.label());
        assert_eq!(
            &row[4],
            item.due.map(|d| d.to_string()).unwrap_or_default().as_str()
        );
        assert_eq!(
            &row[5],
            item.completed.map(|d| d.to_string()).unwrap_or_default().as_str()
        );
        assert_eq!(&row[7], item.created.to_string().as_str());
        assert_eq!(&row[10], item.id.to_string().as_str());
    }
    assert!(
        rows.iter().any(|r| !r[1].is_empty() && !r[4].is_empty()),
        "skills and due dates are filled in"
    );

    // A hostile item text is written as text, never as a formula a
    // spreadsheet app would run.
    let mut hostile = plan.clone();
    hostile.checklist[0].text = "=HYPERLINK(\"http://evil.example\",\"Click\")".into();
    storage::save_plan(&d.join("hostile.ron"), &hostile, None).expect("save");
    ok(
        d,
        &["export", "hostile.ron", "--format", "csv", "-o", "hostile.csv"],
    );
    let text = std::fs::read_to_string(d.join("hostile.csv")).expect("written");
    let second_line = text.lines().nth(1).expect("a row");
    assert!(second_line.starts_with("\"'=HYPERLINK("), "{second_line}");
}

#[test]
fn a_spreadsheet_ladder_is_imported_from_the_app() {
    let sandbox = Sandbox::new();
    let d = sandbox.dir.path();
    // A broken sheet first: the dialog stays, naming the file, row and column.
    let broken = d.join("broken.csv");
    std::fs::write(&broken, ladder(&["Writing"]).replace("Writing,3,", "Writing,9,")).expect("write");
    let mut h = harness(sandbox.config(None));
    h.state_mut().run_command(trailmap::app::UiCommand::ImportLadder);
    h.run_ok();
    replace_text(&mut h, "Location", &broken.display().to_string());
    click(&mut h, "Import");
    assert!(h.state().dialog_kind().is_some(), "the dialog stays open");
    assert!(
        h.query_by_label_contains("broken.csv: row 4, column B (Level): level 9 is out of range")
            .is_some(),
        "the error is shown"
    );
    assert!(!sandbox.data().frameworks().exists(), "nothing installed");

    let sheet = d.join("Acme Ladder.csv");
    std::fs::write(&sheet, ladder(&["Writing", "Hiring"])).expect("write");
    replace_text(&mut h, "Location", &sheet.display().to_string());
    click(&mut h, "Import");
    assert_eq!(h.state().dialog_kind(), None);
    let installed = sandbox.data().frameworks().join("acme-ladder.ron");
    let framework = storage::load_framework(&installed).expect("installed and valid");
    assert_eq!(framework.skills.len(), 2);
    assert!(
        h.query_by_label_contains("Imported framework acme-ladder")
            .is_some(),
        "the status bar says so"
    );
    assert!(
        h.query_by_label_contains("Note: no roles sheet").is_some(),
        "and what the import filled in itself"
    );
    // New plans can use it: the new-plan form offers it.
    crate::support::ctrl(&mut h, egui::Key::N);
    assert!(h.query_all_by_label("Framework").next().is_some());
}

#[test]
fn a_ladder_past_the_skill_limit_is_refused_at_the_skill_past_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let names: Vec<String> = (1..=30).map(|i| format!("Skill {i}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    std::fs::write(d.join("ladder.csv"), ladder(&names)).expect("write");
    assert_eq!(
        fails(d, &["framework", "--import", "ladder.csv", "-o", "out.ron"]),
        "ladder.csv: row 122, column A (Skill): a framework can have at most 24 skills; this is skill 25"
    );
}

#[test]
fn a_framework_too_large_to_read_back_is_not_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::write(d.join("ladder.csv"), ladder(&["Writing"])).expect("write");
    let mut actions = String::from("Title,Skill,Detail\n");
    for i in 0..70_000 {
        actions.push_str(&format!(
            "Action number {i},Writing,Write a short note on what went well today\n"
        ));
    }
    assert!(actions.len() < 16 << 20, "the sheet itself is within the limit");
    std::fs::write(d.join("ladder-actions.csv"), actions).expect("write");
    let error = fails(d, &["framework", "--import", "ladder.csv", "-o", "out.ron"]);
    assert!(
        error.starts_with("ladder.csv: the framework would take ") && error.contains("at most 16 MiB"),
        "{error}"
    );
    assert!(!d.join("out.ron").exists(), "nothing written");
}

#[test]
fn an_import_or_export_never_replaces_a_sheet_or_framework_it_did_not_write() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let sheet = ladder(&["Writing"]);
    std::fs::write(d.join("ladder.csv"), &sheet).expect("write");
    std::fs::write(d.join("notes.txt"), "mine\n").expect("write");
    // Import onto the sheet it reads, or a note: refused, both unchanged.
    for target in ["ladder.csv", "notes.txt"] {
        let error = fails(d, &["framework", "--import", "ladder.csv", "-o", target]);
        assert_eq!(
            error,
            format!(
                "{target}: this file is not a Trailmap framework; an import writes a new file or replaces the framework it wrote before (choose another name)"
            )
        );
    }
    assert_eq!(
        std::fs::read_to_string(d.join("ladder.csv")).expect("read"),
        sheet
    );
    assert_eq!(
        std::fs::read_to_string(d.join("notes.txt")).expect("read"),
        "mine\n"
    );
    // Onto another framework: refused; onto its own earlier import: fine.
    std::fs::copy(acme(), d.join("acme.ron")).expect("copy");
    let error = fails(d, &["framework", "--import", "ladder.csv", "-o", "acme.ron"]);
    assert!(
        error.starts_with("acme.ron: this file holds the framework `acme-ladder`, not `ladder`"),
        "{error}"
    );
    ok(d, &["framework", "--import", "ladder.csv", "-o", "mine.ron"]);
    ok(d, &["framework", "--import", "ladder.csv", "-o", "mine.ron"]);
    // Exporting sheets over a ladder kept by hand: refused, nothing written.
    let error = fails(d, &["framework", "--export-csv", "-o", "ladder.csv"]);
    assert!(
        error.starts_with("ladder.csv: this file was not made by a Trailmap export"),
        "{error}"
    );
    assert_eq!(
        std::fs::read_to_string(d.join("ladder.csv")).expect("read"),
        sheet
    );
    assert!(!d.join("ladder-roles.csv").exists());
    // Standard output cannot hold five sheets.
    let error = fails(d, &["framework", "--export-csv", "-o", "-"]);
    assert!(error.starts_with("the sheets are five files"), "{error}");
    assert!(!d.join("-").exists() && !d.join("--roles.csv").exists());
}

#[test]
fn sheets_as_spreadsheet_apps_save_them_are_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    // Sorted by level, with names that start with a digit, tabs downloaded
    // from Google Sheets, and a file name with a line feed in it.
    let mut sheet = String::from("Skill,Level,Description,1st line manager,Lead\n");
    for level in 1..=5 {
        for skill in ["360 feedback", "Writing"] {
            let first = if level == 3 { "x" } else { "" };
            let lead = if level == 2 { "x" } else { "" };
            sheet.push_str(&format!("{skill},{level},{skill} at {level},{first},{lead}\n"));
        }
    }
    std::fs::write(d.join("2026 Ladder - Ladder.csv"), &sheet).expect("write");
    std::fs::write(
        d.join("2026 Ladder - Actions.csv"),
        "Title,Skill,Role\n1:1 with your manager,360 feedback,1st line manager\n",
    )
    .expect("write");
    let out = ok(
        d,
        &[
            "framework",
            "--import",
            "2026 Ladder - Ladder.csv",
            "-o",
            "out.ron",
        ],
    );
    assert!(
        out.contains("2026 Ladder - Actions.csv"),
        "the workbook's other tab is read: {out}"
    );
    let f = storage::load_framework(&d.join("out.ron")).expect("valid");
    assert_eq!(f.id, "ladder-2026-ladder");
    assert_eq!(f.name, "2026 Ladder");
    assert_eq!(
        f.skills.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["skill-360-feedback", "writing"]
    );
    assert_eq!(f.skills[0].levels[4], "360 feedback at 5");
    assert_eq!(f.roles[0].id.as_str(), "role-1st-line-manager");
    assert_eq!(f.actions[0].id.as_str(), "action-1-1-with-your-manager");

    let odd = d.join("odd\nname.csv");
    std::fs::write(&odd, &sheet).expect("write");
    ok(d, &["framework", "--import", "odd\nname.csv", "-o", "odd.ron"]);
    storage::load_framework(&d.join("odd.ron")).expect("a line feed in the name does not break the file");

    // Excel's "Unicode Text" (UTF-16, tabs) reads; its plain "CSV"
    // (Windows-1252) and a workbook say what to do.
    let tabs = sheet.replace(',', "\t");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(tabs.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(d.join("unicode.csv"), utf16).expect("write");
    ok(d, &["framework", "--import", "unicode.csv", "-o", "unicode.ron"]);
    std::fs::write(
        d.join("ansi.csv"),
        sheet
            .replace("Writing", "Schreiben \u{fc}")
            .replace('\u{fc}', "\u{0}"),
    )
    .expect("write");
    let mut ansi = std::fs::read(d.join("ansi.csv")).expect("read");
    for b in &mut ansi {
        if *b == 0 {
            *b = 0xFC; // ü in Windows-1252
        }
    }
    std::fs::write(d.join("ansi.csv"), ansi).expect("write");
    let error = fails(d, &["framework", "--import", "ansi.csv", "-o", "ansi.ron"]);
    assert!(
        error.starts_with("ansi.csv: the text is not UTF-8 (it may be Windows-1252")
            && error.contains("CSV UTF-8"),
        "{error}"
    );
    std::fs::write(d.join("book.xlsx"), b"PK\x03\x04 not really a workbook").expect("write");
    let error = fails(d, &["framework", "--import", "book.xlsx", "-o", "book.ron"]);
    assert!(
        error.starts_with("book.xlsx: this is a workbook (.xlsx or .ods), not CSV; save the sheet as"),
        "{error}"
    );

    // A second Skill heading is not taken for a role.
    std::fs::write(
        d.join("twice.csv"),
        ladder(&["Writing"]).replace("Lead,", "Skill,"),
    )
    .expect("write");
    let error = fails(d, &["framework", "--import", "twice.csv", "-o", "twice.ron"]);
    assert_eq!(
        error,
        "twice.csv: row 1, column D (Skill): a second \"Skill\" column (the first is column A); a role's column is headed by the role"
    );
}
