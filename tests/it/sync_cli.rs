//! Format 3 and its commands, run as the built binary on real files in
//! temporary folders:
//!
//! - files of formats 1 and 2 open, summarise the same before and after a
//!   save in format 3, keep the old file as `.bak`, and get the same plan id
//!   and item numbers however often they are loaded;
//! - `share --for mentor|mentee` leaves out the other person's private layer
//!   and never writes over the plan itself;
//! - `merge` exits 0 for copies that changed different things, 1 when texts
//!   were changed on both sides (kept, listed on standard error), 2 when
//!   nothing could be written; it writes only OUT, and no `.bak`;
//! - `merge` as a git merge driver, with the real `git`.
//!
//! Edits are made as the app makes them: through a `Document` on a replica
//! of its own, with the time set.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{MARCUS, PRIYA, TODAY, bin, bytes, example, listing, run_in, temp_dir};
use trailmap::model::sync::merge::{merge, text_conflicts};
use trailmap::model::sync::{Field, ItemField, Layer, NoteField, PlanField, RatingField};
use trailmap::model::{
    ChecklistItem, Command, Document, ItemId, Level, Plan, Replica, Side, SkillId, Status,
};
use trailmap::storage::{self, FrameworkCatalog};

/// The example as format 1 wrote it (the Priya example before format 3).
const FORMAT_1: &str = "tests/data/format-1-priya.ron";
/// The Marcus example as format 2 wrote it.
const FORMAT_2: &str = "tests/data/format-2-marcus.ron";

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 stderr")
}

fn text(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `path` in this repository.
fn in_repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The plan at `path`, loaded and checked as the app and the CLI load it.
fn load(path: &Path) -> Plan {
    storage::load_plan(path, &FrameworkCatalog::builtin_only())
        .unwrap_or_else(|e| panic!("{e}"))
        .plan
}

/// Exit code `code`, with no panic on standard error.
fn assert_exit(out: &Output, code: i32, what: &str) {
    let err = stderr(out);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{what}: stdout: {} stderr: {err}",
        stdout(out)
    );
    for word in ["panicked", "backtrace", "RUST_BACKTRACE"] {
        assert!(!err.contains(word), "{what}: {word:?} in stderr: {err}");
    }
}

/// The files in `dir`, sorted, without the data folder the binary may make
/// for its locks.
fn files(dir: &Path) -> Vec<String> {
    listing(dir).into_iter().filter(|n| n != "data").collect()
}

/// The value of the plan's `id: "…",` line.
fn id_line(text: &str) -> &str {
    let line = text
        .lines()
        .find(|l| l.starts_with("  id: "))
        .unwrap_or_else(|| panic!("no id line in {text}"));
    line.trim_start_matches("  id: ")
        .trim_end_matches(',')
        .trim_matches('"')
}

/// Every number a plan has given out, by what it names.
fn numbers(plan: &Plan) -> Vec<(&'static str, ItemId)> {
    let mut out: Vec<(&'static str, ItemId)> = Vec::new();
    out.extend(plan.checklist.iter().map(|i| ("item", i.id)));
    out.extend(plan.milestones.iter().map(|m| ("milestone", m.id)));
    out.extend(plan.snapshots.iter().map(|s| ("snapshot", s.id)));
    for session in &plan.sessions {
        out.push(("session", session.id));
        out.extend(session.notes.iter().map(|n| ("note", n.id)));
    }
    out
}

/// A level other than `level`.
fn other_level(level: Option<Level>) -> Level {
    match level {
        Some(l) => l.up().or_else(|| l.down()).expect("five levels"),
        None => Level::MIN,
    }
}

/// One person editing their copy as the app does: a document on its own
/// replica, each change a second after the last.
struct Editor {
    doc: Document,
    now: u64,
}

impl Editor {
    fn new(plan: Plan, replica: u32, now: u64) -> Self {
        let mut doc = Document::new(plan);
        doc.set_replica(Replica(replica));
        Self { doc, now }
    }

    fn apply(&mut self, command: Command) {
        self.now += 1000;
        self.doc.set_now(self.now);
        self.doc.apply(command).expect("the edit applies");
    }

    fn plan(&self) -> &Plan {
        self.doc.plan()
    }

    /// Gives `skill` a new self rating (mentee) or mentor rating (mentor)
    /// and returns it.
    fn rate(&mut self, skill: &str, side: Side) -> Level {
        let skill = SkillId::new(skill);
        let mut entry = self.plan().entry(&skill);
        let level = match side {
            Side::Mentee => {
                entry.self_rating = Some(other_level(entry.self_rating));
                entry.self_rating
            }
            Side::Mentor => {
                entry.mentor_rating = Some(other_level(entry.mentor_rating));
                entry.mentor_rating
            }
        };
        self.apply(Command::SetSkillEntry { skill, entry });
        level.expect("just set")
    }

    /// Marks item `id` done.
    fn tick(&mut self, id: ItemId) {
        let item = self
            .plan()
            .item(id)
            .expect("the item")
            .with_status(Status::Done, TODAY);
        self.apply(Command::UpdateItem(item));
    }

    /// Adds an item at the end and returns its number.
    fn add(&mut self, text: &str) -> ItemId {
        let id = ItemId(self.plan().next_id);
        let at = self.plan().checklist.len();
        self.apply(Command::InsertItems(vec![(
            at,
            ChecklistItem::new(id, text, TODAY),
        )]));
        id
    }

    /// Sets item `id`'s notes.
    fn notes(&mut self, id: ItemId, notes: &str) {
        let mut item = self.plan().item(id).expect("the item").clone();
        item.notes = notes.to_owned();
        self.apply(Command::UpdateItem(item));
    }

    /// Saves the plan to `path` as the app does.
    fn save(&self, path: &Path) {
        storage::save_plan(path, self.plan(), None).unwrap_or_else(|e| panic!("{e}"));
    }
}

/// Two checklist items of `plan` that are not done yet.
fn two_open_items(plan: &Plan) -> (ItemId, ItemId) {
    let open: Vec<ItemId> = plan
        .checklist
        .iter()
        .filter(|i| i.status != Status::Done)
        .map(|i| i.id)
        .collect();
    assert!(open.len() >= 2, "{open:?}");
    (open[0], open[1])
}

// ---------------------------------------------------------------- migration

/// A file of format 1 or 2 opens; saved (by the app's save and by the
/// binary's `save-copy`) it is format 3 with an id, the old bytes are kept as
/// `NAME.ron.bak`, and the summary is the same before and after.
#[test]
fn old_formats_open_and_save_as_format_3_with_the_same_summary() {
    for (fixture, version) in [(FORMAT_1, 1), (FORMAT_2, 2)] {
        let dir = temp_dir();
        let d = dir.path();
        let old = bytes(&in_repo(fixture));
        assert!(
            text(&in_repo(fixture)).contains(&format!("\n  format_version: {version},\n")),
            "{fixture} is format {version}"
        );
        fs::write(d.join("app.ron"), &old).expect("write");
        fs::write(d.join("cli.ron"), &old).expect("write");

        let before = run_in(d, &["summary", "app.ron"]);
        assert_exit(&before, 0, fixture);
        let before_json = run_in(d, &["summary", "--json", "app.ron"]);
        assert_exit(&before_json, 0, fixture);
        assert!(!stdout(&before).is_empty());

        // Saved by the app's save, over the file it was opened from.
        let loaded = storage::load_plan(&d.join("app.ron"), &FrameworkCatalog::builtin_only())
            .unwrap_or_else(|e| panic!("{fixture}: {e}"));
        assert_eq!(loaded.newer_format, None);
        storage::save_plan(&d.join("app.ron"), &loaded.plan, Some(loaded.fingerprint))
            .unwrap_or_else(|e| panic!("{fixture}: {e}"));
        // Saved by the binary.
        let out = run_in(d, &["save-copy", "cli.ron", "cli.ron"]);
        assert_exit(&out, 0, fixture);

        for name in ["app.ron", "cli.ron"] {
            let path = d.join(name);
            let saved = text(&path);
            assert!(
                saved.starts_with("(\n  format_version: 3,\n"),
                "{fixture} saved as {name}: {saved}"
            );
            let id = id_line(&saved);
            assert!(!id.is_empty(), "{fixture} saved as {name}: empty id");
            assert_eq!(id, loaded.plan.id, "{fixture} saved as {name}");
            assert_eq!(
                bytes(&storage::backup_path(&path)),
                old,
                "{fixture}: {name}.bak holds the old file byte for byte"
            );
            let after = run_in(d, &["summary", name]);
            assert_exit(&after, 0, fixture);
            assert_eq!(stdout(&after), stdout(&before), "{fixture} saved as {name}");
            let after_json = run_in(d, &["summary", "--json", name]);
            assert_eq!(
                stdout(&after_json),
                stdout(&before_json),
                "{fixture} saved as {name}"
            );
            // The saved file reads back as the plan the old file gave.
            assert_eq!(load(&path), loaded.plan, "{fixture} saved as {name}");
        }
        // Both ways of saving write the same file: nothing in the upgrade
        // depends on the path, the time or the process.
        assert_eq!(bytes(&d.join("app.ron")), bytes(&d.join("cli.ron")), "{fixture}");
        let out = run_in(d, &["validate", "app.ron", "cli.ron"]);
        assert_exit(&out, 0, fixture);
        assert_eq!(stdout(&out), "ok: app.ron\nok: cli.ron\n");
    }
}

/// Loading one old file again and again, from anywhere, gives one plan id
/// and the numbers the file had: two people who each upgrade a copy of it
/// get two copies of one plan.
#[test]
fn an_old_file_maps_to_the_same_ids_every_time() {
    for fixture in [FORMAT_1, FORMAT_2] {
        let old_text = text(&in_repo(fixture));
        let first = load(&in_repo(fixture));
        let dir = temp_dir();
        let elsewhere = dir.path().join("someone-elses-copy.ron");
        fs::write(&elsewhere, &old_text).expect("write");
        for again in [load(&in_repo(fixture)), load(&elsewhere)] {
            assert!(!again.id.is_empty(), "{fixture}");
            assert_eq!(again.id, first.id, "{fixture}");
            assert_eq!(numbers(&again), numbers(&first), "{fixture}");
            assert_eq!(again, first, "{fixture}");
        }
        // Each item keeps the number the old file gave it.
        let mut checked = 0;
        for item in &first.checklist {
            if item.text.contains(['"', '\\']) {
                continue;
            }
            let written = format!("(id: {}, text: \"{}\"", item.id.0, item.text);
            assert!(old_text.contains(&written), "{fixture}: {written}");
            checked += 1;
        }
        assert!(checked >= 5, "{fixture}: only {checked} items checked");
        // A copy upgraded by the binary is the same plan.
        let upgraded = dir.path().join("upgraded.ron");
        assert_exit(
            &run_in(
                dir.path(),
                &["save-copy", &in_repo(fixture).to_string_lossy(), "upgraded.ron"],
            ),
            0,
            fixture,
        );
        assert_eq!(load(&upgraded).id, first.id, "{fixture}");
        assert_eq!(numbers(&load(&upgraded)), numbers(&first), "{fixture}");
    }
}

/// An old file and a copy of it that was upgraded and edited elsewhere are
/// two copies of one plan: they merge, either way round.
#[test]
fn an_old_file_merges_with_its_upgraded_copy() {
    let dir = temp_dir();
    let d = dir.path();
    fs::write(d.join("old.ron"), bytes(&in_repo(FORMAT_1))).expect("write");
    let mut mentor = Editor::new(load(&d.join("old.ron")), 0x51, 1_800_000_000_000);
    let level = mentor.rate("decision-making", Side::Mentor);
    let added = mentor.add("Sit in on a skip-level one-on-one");
    mentor.save(&d.join("new.ron"));
    for (ours, theirs) in [("old.ron", "new.ron"), ("new.ron", "old.ron")] {
        let out = run_in(d, &["merge", ours, theirs, "-o", "out.ron"]);
        assert_exit(&out, 0, ours);
        let merged = load(&d.join("out.ron"));
        assert_eq!(
            merged.mentor_rating(&SkillId::new("decision-making")),
            Some(level)
        );
        assert!(merged.item(added).is_some(), "{ours} + {theirs}");
        assert_eq!(
            merged.checklist.len(),
            load(&d.join("old.ron")).checklist.len() + 1
        );
    }
    assert_eq!(bytes(&d.join("old.ron")), bytes(&in_repo(FORMAT_1)));
}

// -------------------------------------------------------------------- share

/// The Marcus example with texts of both private layers, some of them
/// changed on two copies apart (so that versions wait in `sync.conflicts`):
/// the plan, the mentee's private texts and the mentor's.
fn plan_with_private_texts() -> (Plan, Vec<String>, Vec<String>) {
    let start = example(MARCUS);
    let mut a = Editor::new(start.clone(), 0x61, 1_800_000_000_000);
    let mut b = Editor::new(start, 0x62, 1_800_000_000_000);
    a.apply(Command::SetPrivateNotes(
        "PRIVATE-A: thinking of leaving in spring".into(),
    ));
    b.apply(Command::SetPrivateNotes(
        "PRIVATE-B: ask about the PM salary band".into(),
    ));
    a.apply(Command::SetMentorNotes("MENTOR-A: ready for PM by spring".into()));
    b.apply(Command::SetMentorNotes(
        "MENTOR-B: needs a sponsor in product".into(),
    ));
    let skill = SkillId::new("influence");
    for (editor, note) in [
        (&mut a, "MNOTE-A: quiet in exec meetings"),
        (&mut b, "MNOTE-B: lets sales set the agenda"),
    ] {
        let mut entry = editor.plan().entry(&skill);
        entry.mentor_note = note.into();
        editor.apply(Command::SetSkillEntry {
            skill: skill.clone(),
            entry,
        });
    }
    let plan = merge(a.plan(), b.plan()).expect("one plan");

    let mut mentee = vec![plan.private_notes.clone()];
    let mut mentor = vec![plan.mentor_notes.clone()];
    mentor.extend(plan.skills.values().map(|e| e.mentor_note.clone()));
    let mentor_only: Vec<ItemId> = plan
        .sessions
        .iter()
        .flat_map(|s| &s.notes)
        .filter(|n| n.mentor_only)
        .map(|n| n.id)
        .collect();
    assert!(!mentor_only.is_empty(), "the example has mentor-only notes");
    mentor.extend(
        plan.sessions
            .iter()
            .flat_map(|s| &s.notes)
            .filter(|n| n.mentor_only)
            .map(|n| n.text.clone()),
    );
    for (field, versions) in &plan.sync.conflicts {
        let texts = versions.iter().map(|v| v.text.clone());
        match field {
            Field::Plan(PlanField::PrivateNotes) => mentee.extend(texts),
            Field::Plan(PlanField::MentorNotes) | Field::Rating(_, RatingField::MentorNote) => {
                mentor.extend(texts)
            }
            Field::Note(id, NoteField::Text) if mentor_only.contains(id) => mentor.extend(texts),
            _ => {}
        }
    }
    mentee.retain(|t| !t.is_empty());
    mentor.retain(|t| !t.is_empty());
    // Kept apart: each side's version is there, one shown, one waiting.
    assert_eq!(mentee.len(), 2, "{mentee:?}");
    assert!(mentor.len() >= 7, "{mentor:?}");
    (plan, mentee, mentor)
}

#[test]
fn share_leaves_out_the_other_persons_private_layer() {
    let dir = temp_dir();
    let d = dir.path();
    let (plan, mentee_private, mentor_private) = plan_with_private_texts();
    let path = d.join("plan.ron");
    storage::save_plan(&path, &plan, None).expect("save");
    let original = bytes(&path);
    let plan_text = text(&path);
    for private in mentee_private.iter().chain(&mentor_private) {
        assert!(plan_text.contains(private.as_str()), "the plan holds {private:?}");
    }

    for (who, side, left_out, kept) in [
        ("mentor", Side::Mentor, &mentee_private, &mentor_private),
        ("mentee", Side::Mentee, &mentor_private, &mentee_private),
    ] {
        let name = format!("for-{who}.ron");
        let out = run_in(d, &["share", "plan.ron", "--for", who, "-o", &name]);
        assert_exit(&out, 0, who);
        assert!(
            stdout(&out).starts_with(&format!("wrote {name}")),
            "{}",
            stdout(&out)
        );
        let shared_text = text(&d.join(&name));
        for private in left_out {
            assert!(
                !shared_text.contains(private.as_str()),
                "the copy for the {who} holds {private:?}"
            );
        }
        // Their own layer, if the copy holds it, goes with it.
        for own in kept {
            assert!(
                shared_text.contains(own.as_str()),
                "the copy for the {who} lacks {own:?}"
            );
        }
        let shared = load(&d.join(&name));
        assert_eq!(shared.side, side, "{who}");
        assert_eq!(shared.id, plan.id, "a copy of the same plan");
        assert!(!shared.sync.holds(side.other().layer()), "{who}");
        assert!(shared.sync.holds(Layer::Shared), "{who}");
        // Everything shared is there.
        assert_eq!(shared.checklist, plan.checklist, "{who}");
        assert_eq!(shared.person, plan.person, "{who}");
        assert_eq!(shared.snapshots, plan.snapshots, "{who}");
        let shared_notes = |p: &Plan| -> Vec<String> {
            p.sessions
                .iter()
                .flat_map(|s| &s.notes)
                .filter(|n| !n.mentor_only)
                .map(|n| n.text.clone())
                .collect()
        };
        assert_eq!(shared_notes(&shared), shared_notes(&plan), "{who}");
        for skill in plan.skills.keys() {
            assert_eq!(
                shared.self_rating(skill),
                plan.self_rating(skill),
                "{who}: {skill}"
            );
            assert_eq!(
                shared.mentor_rating(skill),
                plan.mentor_rating(skill),
                "{who}: {skill}"
            );
        }
    }
    let shared = load(&d.join("for-mentee.ron"));
    assert_eq!(shared.mentor_notes, "");
    assert!(shared.skills.values().all(|e| e.mentor_note.is_empty()));
    assert!(
        shared
            .sessions
            .iter()
            .flat_map(|s| &s.notes)
            .all(|n| !n.mentor_only)
    );
    assert_eq!(load(&d.join("for-mentor.ron")).private_notes, "");

    // Sharing only reads the plan.
    assert_eq!(bytes(&path), original);
    assert_eq!(files(d), ["for-mentee.ron", "for-mentor.ron", "plan.ron"]);
}

/// `share -o` naming the plan itself, however it is spelled, is refused and
/// writes nothing.
#[test]
fn share_never_writes_over_the_plan_itself() {
    let dir = temp_dir();
    let d = dir.path();
    fs::copy(in_repo(MARCUS), d.join("plan.ron")).expect("copy");
    std::os::unix::fs::symlink("plan.ron", d.join("link.ron")).expect("symlink");
    let original = bytes(&d.join("plan.ron"));
    let before = files(d);
    let cases = [
        ("plan.ron", "plan.ron"),
        ("plan.ron", "./plan.ron"),
        ("plan.ron", "link.ron"),
        ("link.ron", "plan.ron"),
    ];
    for (plan, target) in cases {
        for who in ["mentor", "mentee"] {
            let out = run_in(d, &["share", plan, "--for", who, "-o", target]);
            assert_exit(&out, 1, target);
            assert!(
                stderr(&out).contains("would replace the plan itself"),
                "{target}: {}",
                stderr(&out)
            );
            assert_eq!(stdout(&out), "", "{target}");
            assert_eq!(bytes(&d.join("plan.ron")), original, "{target}");
            let after = files(d);
            assert_eq!(after, before, "{target}: no .bak and no temporary file");
        }
    }
}

// -------------------------------------------------------------------- merge

/// The Priya example saved as base.ron; the mentee's copy (ours.ron: a
/// rating, a tick, an item added) and the mentor's (theirs.ron: the copy the
/// mentee shared, with a mentor rating, a tick and an item added).
struct Copies {
    dir: tempfile::TempDir,
    base: Plan,
    self_rating: Level,
    mentor_rating: Level,
    ticked: (ItemId, ItemId),
    added: (ItemId, ItemId),
}

fn copies_that_changed_different_things() -> Copies {
    let dir = temp_dir();
    let d = dir.path();
    fs::copy(in_repo(PRIYA), d.join("base.ron")).expect("copy");
    let base = load(&d.join("base.ron"));
    let ticked = two_open_items(&base);

    let mut mentee = Editor::new(base.clone(), 0x101, 1_800_000_000_000);
    let self_rating = mentee.rate("communication", Side::Mentee);
    mentee.tick(ticked.0);
    let ours_added = mentee.add("Ask Sam which numbers the Q1 goal is measured by");
    mentee.save(&d.join("ours.ron"));

    let shared = trailmap::model::sync::layers::share_for(&base, Side::Mentor);
    let mut mentor = Editor::new(shared, 0x202, 1_800_000_050_000);
    let mentor_rating = mentor.rate("influence", Side::Mentor);
    mentor.tick(ticked.1);
    let theirs_added = mentor.add("Shadow a hiring loop with Dana");
    mentor.save(&d.join("theirs.ron"));
    assert_ne!(ours_added, theirs_added, "two replicas never hand out one number");
    Copies {
        dir,
        base,
        self_rating,
        mentor_rating,
        ticked,
        added: (ours_added, theirs_added),
    }
}

/// Whether `merged` holds both copies' changes (see
/// [`copies_that_changed_different_things`]) and nothing else changed.
fn assert_both_changes(merged: &Plan, c: &Copies) {
    let (comm, infl) = (SkillId::new("communication"), SkillId::new("influence"));
    assert_eq!(merged.self_rating(&comm), Some(c.self_rating));
    assert_eq!(merged.mentor_rating(&infl), Some(c.mentor_rating));
    // What neither touched is as it was.
    assert_eq!(merged.mentor_rating(&comm), c.base.mentor_rating(&comm));
    assert_eq!(merged.self_rating(&infl), c.base.self_rating(&infl));
    for id in [c.ticked.0, c.ticked.1] {
        let item = merged.item(id).expect("the ticked item");
        assert_eq!(item.status, Status::Done, "{}", item.text);
        assert_eq!(item.completed, Some(TODAY), "{}", item.text);
    }
    for id in [c.added.0, c.added.1] {
        assert!(merged.item(id).is_some(), "item {} is kept", id.0);
    }
    assert_eq!(merged.checklist.len(), c.base.checklist.len() + 2);
    for item in &c.base.checklist {
        if item.id != c.ticked.0 && item.id != c.ticked.1 {
            assert_eq!(merged.item(item.id), Some(item), "untouched");
        }
    }
    assert!(!merged.private_notes.is_empty());
    assert_eq!(
        merged.private_notes, c.base.private_notes,
        "the mentor's copy had none"
    );
    assert!(text_conflicts(merged).is_empty(), "{:?}", text_conflicts(merged));
}

#[test]
fn merge_of_copies_that_changed_different_things_is_clean() {
    let c = copies_that_changed_different_things();
    let d = c.dir.path();
    let (ours, theirs, base) = (
        bytes(&d.join("ours.ron")),
        bytes(&d.join("theirs.ron")),
        bytes(&d.join("base.ron")),
    );

    let out = run_in(
        d,
        &[
            "merge",
            "ours.ron",
            "theirs.ron",
            "--base",
            "base.ron",
            "-o",
            "out.ron",
        ],
    );
    assert_exit(&out, 0, "merge");
    assert_eq!(stdout(&out), "merged into out.ron\n");
    assert_eq!(stderr(&out), "");
    let merged = load(&d.join("out.ron"));
    assert_both_changes(&merged, &c);
    assert_eq!(merged.side, Side::Mentee, "the copy is ours");
    // What the file holds is what merging the two copies gives.
    let expected = merge(&load(&d.join("ours.ron")), &load(&d.join("theirs.ron"))).expect("one plan");
    assert_eq!(merged, expected);
    let validate = run_in(d, &["validate", "out.ron"]);
    assert_eq!(stdout(&validate), "ok: out.ron\n");

    // Only OUT is written: the inputs are as they were, and no .bak.
    assert_eq!(bytes(&d.join("ours.ron")), ours);
    assert_eq!(bytes(&d.join("theirs.ron")), theirs);
    assert_eq!(bytes(&d.join("base.ron")), base);
    assert_eq!(files(d), ["base.ron", "ours.ron", "out.ron", "theirs.ron"]);

    // The base is only checked: without it, the same file.
    let out = run_in(d, &["merge", "ours.ron", "theirs.ron", "-o", "no-base.ron"]);
    assert_exit(&out, 0, "without a base");
    assert_eq!(bytes(&d.join("no-base.ron")), bytes(&d.join("out.ron")));

    // The other way round: the same plan, as the mentor's copy.
    let out = run_in(d, &["merge", "theirs.ron", "ours.ron", "-o", "swapped.ron"]);
    assert_exit(&out, 0, "swapped");
    let swapped = load(&d.join("swapped.ron"));
    assert_eq!(swapped.side, Side::Mentor);
    assert_both_changes(&swapped, &c);
    let plan_of = |p: &Plan| Plan {
        side: Side::Mentee,
        next_id: 0,
        ..p.clone()
    };
    assert_eq!(plan_of(&swapped), plan_of(&merged));

    // Over OURS, as a git merge driver does (`-o %A`): no .bak either, and
    // the same result; an existing OUT is replaced without one too.
    let out = run_in(
        d,
        &[
            "merge",
            "ours.ron",
            "theirs.ron",
            "--base",
            "base.ron",
            "-o",
            "ours.ron",
        ],
    );
    assert_exit(&out, 0, "over ours");
    assert_eq!(bytes(&d.join("ours.ron")), bytes(&d.join("out.ron")));
    let out = run_in(d, &["merge", "ours.ron", "theirs.ron", "-o", "out.ron"]);
    assert_exit(&out, 0, "over an earlier result");
    assert!(
        listing(d).iter().all(|n| !n.ends_with(".bak")),
        "{:?}",
        listing(d)
    );
    assert_eq!(bytes(&d.join("theirs.ron")), theirs);
}

#[test]
fn merge_keeps_both_texts_changed_apart_and_exits_1() {
    let dir = temp_dir();
    let d = dir.path();
    fs::copy(in_repo(PRIYA), d.join("base.ron")).expect("copy");
    let base = load(&d.join("base.ron"));
    let (item, _) = two_open_items(&base);
    let mut mentee = Editor::new(base.clone(), 0x301, 1_800_000_000_000);
    mentee.apply(Command::SetMentor("Dana Whitfield".into()));
    mentee.notes(item, "Mentee: start with the two engineers I mentor");
    mentee.rate("communication", Side::Mentee);
    mentee.save(&d.join("ours.ron"));
    let mut mentor = Editor::new(base, 0x302, 1_800_000_000_000);
    mentor.apply(Command::SetMentor("Sam Osei".into()));
    mentor.notes(item, "Mentor: ask the team, not only the mentees");
    mentor.save(&d.join("theirs.ron"));
    let (ours, theirs) = (bytes(&d.join("ours.ron")), bytes(&d.join("theirs.ron")));

    let out = run_in(
        d,
        &[
            "merge",
            "ours.ron",
            "theirs.ron",
            "--base",
            "base.ron",
            "-o",
            "out.ron",
        ],
    );
    assert_exit(&out, 1, "conflict");
    let err = stderr(&out);
    let notes_field = format!("item/{}/notes", item.0);
    assert!(err.contains("2 text(s) were changed on both sides"), "{err}");
    assert!(err.lines().any(|l| l.starts_with("  mentor: ")), "{err}");
    assert!(
        err.lines().any(|l| l.starts_with(&format!("  {notes_field}: "))),
        "{err}"
    );
    for both in [
        "Dana Whitfield",
        "Sam Osei",
        "Mentee: start with the two engineers I mentor",
        "Mentor: ask the team, not only the mentees",
    ] {
        assert!(err.contains(both), "stderr lacks {both:?}: {err}");
    }

    // The output is a plan that loads, with every text: one shown, the other
    // waiting in its conflicts for someone to settle.
    let written = text(&d.join("out.ron"));
    let merged = load(&d.join("out.ron"));
    let waiting = |field: &Field| -> Vec<String> {
        merged
            .sync
            .conflicts
            .get(field)
            .map_or_else(Vec::new, |v| v.iter().map(|v| v.text.clone()).collect())
    };
    let mut mentors = waiting(&Field::Plan(PlanField::Mentor));
    mentors.push(merged.person.mentor.clone());
    mentors.sort();
    assert_eq!(mentors, ["Dana Whitfield", "Sam Osei"]);
    let mut notes = waiting(&Field::Item(item, ItemField::Notes));
    notes.push(merged.item(item).expect("item").notes.clone());
    notes.sort();
    assert_eq!(
        notes,
        [
            "Mentee: start with the two engineers I mentor",
            "Mentor: ask the team, not only the mentees"
        ]
    );
    for both in mentors.iter().chain(&notes) {
        assert!(written.contains(both.as_str()), "{both:?}");
    }
    let fields: Vec<String> = text_conflicts(&merged)
        .iter()
        .map(|c| c.field.to_string())
        .collect();
    assert_eq!(fields, ["mentor".to_owned(), notes_field]);
    // What was not in conflict merged as usual.
    assert_eq!(
        merged.self_rating(&SkillId::new("communication")),
        mentee.plan().self_rating(&SkillId::new("communication"))
    );
    assert_eq!(stdout(&run_in(d, &["validate", "out.ron"])), "ok: out.ron\n");

    assert_eq!(bytes(&d.join("ours.ron")), ours);
    assert_eq!(bytes(&d.join("theirs.ron")), theirs);
    assert_eq!(files(d), ["base.ron", "ours.ron", "out.ron", "theirs.ron"]);
}

#[test]
fn merge_that_cannot_be_done_writes_nothing_and_exits_2() {
    let dir = temp_dir();
    let d = dir.path();
    fs::copy(in_repo(PRIYA), d.join("priya.ron")).expect("copy");
    fs::copy(in_repo(MARCUS), d.join("marcus.ron")).expect("copy");
    let mut editor = Editor::new(load(&d.join("priya.ron")), 0x401, 1_800_000_000_000);
    editor.rate("influence", Side::Mentee);
    editor.save(&d.join("edited.ron"));
    assert_ne!(load(&d.join("priya.ron")).id, load(&d.join("marcus.ron")).id);
    // A copy from a newer Trailmap: merged there, not here.
    let future = text(&d.join("edited.ron")).replacen("format_version: 3,", "format_version: 99,", 1);
    assert!(future.contains("format_version: 99,"));
    fs::write(d.join("future.ron"), future).expect("write");
    let originals: Vec<(String, Vec<u8>)> = ["priya.ron", "marcus.ron", "edited.ron", "future.ron"]
        .iter()
        .map(|n| ((*n).to_owned(), bytes(&d.join(n))))
        .collect();

    let cases: [(&[&str], &str); 8] = [
        (&["priya.ron", "future.ron"], "newer Trailmap"),
        (&["future.ron", "priya.ron"], "newer Trailmap"),
        (&["priya.ron", "marcus.ron"], "two different plans"),
        (&["marcus.ron", "edited.ron"], "two different plans"),
        (&["priya.ron", "missing.ron"], "missing.ron"),
        (&["missing.ron", "priya.ron"], "missing.ron"),
        (
            &["priya.ron", "edited.ron", "--base", "marcus.ron"],
            "the base is another plan",
        ),
        (
            &["priya.ron", "edited.ron", "--base", "missing.ron"],
            "missing.ron",
        ),
    ];
    for (args, says) in cases {
        for output in ["out.ron", args[0]] {
            let mut all = vec!["merge"];
            all.extend_from_slice(args);
            all.extend_from_slice(&["-o", output]);
            let out = run_in(d, &all);
            let what = all.join(" ");
            assert_exit(&out, 2, &what);
            assert!(stderr(&out).contains(says), "{what}: {}", stderr(&out));
            assert_eq!(stdout(&out), "", "{what}");
            assert!(!d.join("out.ron").exists(), "{what}");
            for (name, before) in &originals {
                assert_eq!(&bytes(&d.join(name)), before, "{what}: {name}");
            }
            assert_eq!(
                files(d),
                ["edited.ron", "future.ron", "marcus.ron", "priya.ron"],
                "{what}: nothing written"
            );
        }
    }
}

// --------------------------------------------------------------------- git

/// Runs git in `repo` on its own: no global or system configuration, a
/// home of its own, and the data folder the merge driver takes its locks in.
fn git(root: &Path, args: &[&str]) -> Output {
    std::process::Command::new("git")
        .args(args)
        .current_dir(root.join("repo"))
        .env("HOME", root.join("home"))
        .env("XDG_CONFIG_HOME", root.join("home"))
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("TRAILMAP_DATA_DIR", root.join("data"))
        .env("TRAILMAP_TODAY", TODAY.to_string())
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_EDITOR")
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("git runs")
}

/// [`git`], which must succeed; its standard output.
fn git_ok(root: &Path, args: &[&str]) -> String {
    let out = git(root, args);
    assert!(
        out.status.success(),
        "git {}: {}{}",
        args.join(" "),
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}

/// Whether `git` can be run here.
fn have_git() -> bool {
    std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A repository in `root/repo` with `trailmap merge` as the merge driver
/// for `*.ron` and the Priya example committed as `plan.ron`; returns the
/// commit.
fn repo_with_driver(root: &Path) -> String {
    for dir in ["repo", "home", "data"] {
        fs::create_dir(root.join(dir)).expect("mkdir");
    }
    git_ok(root, &["init", "-q"]);
    git_ok(root, &["config", "user.name", "Trailmap Test"]);
    git_ok(root, &["config", "user.email", "test@example.invalid"]);
    git_ok(root, &["config", "merge.trailmap.name", "Trailmap plan merge"]);
    let driver = format!("'{}' merge --base %O %A %B -o %A", bin());
    git_ok(root, &["config", "merge.trailmap.driver", &driver]);
    let repo = root.join("repo");
    fs::write(repo.join(".gitattributes"), "*.ron merge=trailmap\n").expect("write");
    fs::write(repo.join(".gitignore"), "*.bak\n").expect("write");
    fs::copy(in_repo(PRIYA), repo.join("plan.ron")).expect("copy");
    git_ok(root, &["add", ".gitattributes", ".gitignore", "plan.ron"]);
    git_ok(root, &["commit", "-q", "-m", "Priya's plan"]);
    git_ok(root, &["rev-parse", "HEAD"]).trim().to_owned()
}

/// On a new branch `name` from `from`: edits the committed plan with
/// `edit` as `replica`, saves it as the app does, and commits.
fn commit_on_branch(root: &Path, name: &str, from: &str, replica: u32, edit: impl FnOnce(&mut Editor)) {
    git_ok(root, &["checkout", "-q", "-b", name, from]);
    let path = root.join("repo/plan.ron");
    let mut editor = Editor::new(load(&path), replica, 1_800_000_000_000);
    edit(&mut editor);
    editor.save(&path);
    git_ok(root, &["commit", "-q", "-a", "-m", name]);
}

#[test]
fn git_merges_plans_with_trailmap_as_its_merge_driver() {
    // Git is the point: without it the test fails rather than pass unrun
    // (.ci/run installs it).
    assert!(
        have_git(),
        "git is not on PATH: install it to run the merge-driver tests"
    );
    let dir = temp_dir();
    let root = dir.path();
    let base_commit = repo_with_driver(root);
    let plan_path = root.join("repo/plan.ron");
    let base = load(&plan_path);
    let (first, second) = two_open_items(&base);

    let mut mentee = (Level::MIN, ItemId(0));
    commit_on_branch(root, "a", &base_commit, 0x501, |e| {
        mentee.0 = e.rate("communication", Side::Mentee);
        e.tick(first);
        mentee.1 = e.add("Ask Sam which numbers the Q1 goal is measured by");
    });
    let mut mentor = (Level::MIN, ItemId(0));
    commit_on_branch(root, "b", &base_commit, 0x502, |e| {
        mentor.0 = e.rate("influence", Side::Mentor);
        e.tick(second);
        mentor.1 = e.add("Shadow a hiring loop with Dana");
    });
    git_ok(root, &["checkout", "-q", "a"]);
    let out = git(root, &["merge", "--no-edit", "b"]);
    assert!(
        out.status.success(),
        "git merge: {}{}",
        stdout(&out),
        stderr(&out)
    );

    let merged_text = text(&plan_path);
    for marker in ["<<<<<<<", "=======", ">>>>>>>"] {
        assert!(!merged_text.contains(marker), "{marker} in {merged_text}");
    }
    let validate = run_in(&root.join("repo"), &["validate", "plan.ron"]);
    assert_exit(&validate, 0, "validate");
    assert_eq!(stdout(&validate), "ok: plan.ron\n");
    let merged = load(&plan_path);
    assert_eq!(merged.self_rating(&SkillId::new("communication")), Some(mentee.0));
    assert_eq!(merged.mentor_rating(&SkillId::new("influence")), Some(mentor.0));
    for id in [first, second] {
        assert_eq!(merged.item(id).map(|i| i.status), Some(Status::Done));
    }
    for id in [mentee.1, mentor.1] {
        assert!(merged.item(id).is_some(), "item {}", id.0);
    }
    assert_eq!(merged.checklist.len(), base.checklist.len() + 2);
    assert!(text_conflicts(&merged).is_empty());
    // A merge commit, and nothing left over in the work tree.
    git_ok(root, &["rev-parse", "-q", "--verify", "HEAD^2"]);
    assert_eq!(git_ok(root, &["status", "--porcelain"]), "");
    assert_eq!(git_ok(root, &["show", "HEAD:plan.ron"]), merged_text);
}

#[test]
fn git_merge_with_a_text_changed_on_both_branches_stops_with_both_texts() {
    // Git is the point: without it the test fails rather than pass unrun
    // (.ci/run installs it).
    assert!(
        have_git(),
        "git is not on PATH: install it to run the merge-driver tests"
    );
    let dir = temp_dir();
    let root = dir.path();
    let base_commit = repo_with_driver(root);
    let plan_path = root.join("repo/plan.ron");
    let (item, other) = two_open_items(&load(&plan_path));
    let ours_notes = "Mentee: start with the two engineers I mentor";
    let theirs_notes = "Mentor: ask the team, not only the mentees";
    commit_on_branch(root, "c", &base_commit, 0x601, |e| {
        e.notes(item, ours_notes);
        e.tick(other);
    });
    commit_on_branch(root, "d", &base_commit, 0x602, |e| e.notes(item, theirs_notes));
    git_ok(root, &["checkout", "-q", "c"]);
    let out = git(root, &["merge", "--no-edit", "d"]);
    assert!(
        !out.status.success(),
        "git merge: {}{}",
        stdout(&out),
        stderr(&out)
    );
    let said = format!("{}{}", stdout(&out), stderr(&out));
    assert!(said.contains(&format!("item/{}/notes", item.0)), "{said}");

    let merged_text = text(&plan_path);
    for marker in ["<<<<<<<", "=======", ">>>>>>>"] {
        assert!(!merged_text.contains(marker), "{marker} in {merged_text}");
    }
    assert!(merged_text.contains(ours_notes) && merged_text.contains(theirs_notes));
    let merged = load(&plan_path);
    let conflicts = text_conflicts(&merged);
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].field, Field::Item(item, ItemField::Notes));
    assert_eq!(merged.item(other).map(|i| i.status), Some(Status::Done));
    // Git holds the file as not merged yet, for the person to settle.
    assert_eq!(
        git_ok(root, &["diff", "--name-only", "--diff-filter=U"]),
        "plan.ron\n"
    );
    assert_exit(
        &run_in(&root.join("repo"), &["validate", "plan.ron"]),
        0,
        "validate",
    );
}
