//! Commands and the document history: every command variant applies, and
//! the command it returns restores the plan exactly; a failing command (or a
//! batch failing half-way) leaves the plan unchanged; undo, redo, the unsaved
//! marker, typing merges and sealing behave as the app relies on.

use std::path::Path;

use crate::support::content;
use jiff::civil::{date, datetime};
use trailmap::model::{
    ChecklistItem, Command, CommandError, CustomSkill, Document, ItemId, Level, Milestone, Plan, RoleId,
    Session, SessionNote, SkillEntry, SkillId, Status,
};
use trailmap::storage::{self, FrameworkCatalog};

/// The richest example: custom skill, mentor ratings, 11 items, 3 milestones,
/// 3 snapshots, 3 sessions with notes.
fn base() -> Plan {
    storage::load_plan(
        Path::new("saves/marcus-tech-lead-to-head-of-product.ron"),
        &FrameworkCatalog::builtin_only(),
    )
    .expect("the example loads")
    .plan
}

fn lvl(n: u8) -> Level {
    Level::new(n).expect("level")
}

fn skill(id: &str) -> SkillId {
    SkillId::new(id)
}

/// Applies `command` to a copy of `plan`, checks that the inverse gives
/// `plan` back exactly and that the inverse of the inverse gives the changed
/// plan again. Returns the changed plan.
fn round_trip(plan: &Plan, command: Command) -> Plan {
    let mut changed = plan.clone();
    let inverse = command
        .clone()
        .apply(&mut changed)
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    let mut restored = changed.clone();
    let again = inverse
        .clone()
        .apply(&mut restored)
        .unwrap_or_else(|e| panic!("inverse {inverse:?}: {e}"));
    assert_eq!(
        &restored, plan,
        "the inverse of {command:?} did not restore the plan"
    );
    let mut redone = restored;
    again.apply(&mut redone).expect("redo applies");
    assert_eq!(
        redone, changed,
        "the inverse of the inverse of {command:?} did not redo it"
    );
    changed
}

fn item(id: u64, text: &str) -> ChecklistItem {
    ChecklistItem::new(ItemId(id), text, date(2026, 11, 1))
}

fn item_ids(plan: &Plan) -> Vec<u64> {
    plan.checklist.iter().map(|i| i.id.0).collect()
}

#[test]
fn simple_fields() {
    let p = base();
    let c = round_trip(&p, Command::SetName("Marcus O.".into()));
    assert_eq!(c.person.name, "Marcus O.");
    let c = round_trip(&p, Command::SetMentor(String::new()));
    assert_eq!(c.person.mentor, "");
    let c = round_trip(&p, Command::SetCurrentRole(RoleId::new("product-manager")));
    assert_eq!(c.current_role, RoleId::new("product-manager"));
    let c = round_trip(&p, Command::SetTargetRole(RoleId::new("director-of-engineering")));
    assert_eq!(c.target_role, RoleId::new("director-of-engineering"));
    let c = round_trip(&p, Command::SetTargetDate(None));
    assert_eq!(c.target_date, None);
    let c = round_trip(&c, Command::SetTargetDate(Some(date(2029, 1, 31))));
    assert_eq!(c.target_date, Some(date(2029, 1, 31)));
    let c = round_trip(&p, Command::SetPrivateNotes("line 1\nline \"2\"".into()));
    assert_eq!(c.private_notes, "line 1\nline \"2\"");
    // Setting a field to the value it has is a no-op that still round-trips.
    let same = round_trip(&p, Command::SetName(p.person.name.clone()));
    assert_eq!(same, p);
}

#[test]
fn skill_entries() {
    let p = base();
    // Replace an existing entry.
    let entry = SkillEntry {
        self_rating: Some(lvl(5)),
        mentor_rating: None,
        will: Some(lvl(1)),
        evidence: "new".into(),
        mentor_note: "n".into(),
    };
    let c = round_trip(
        &p,
        Command::SetSkillEntry {
            skill: skill("influence"),
            entry: entry.clone(),
        },
    );
    assert_eq!(c.skills.get(&skill("influence")), Some(&entry));
    // An empty entry removes the skill's entry.
    let c = round_trip(
        &p,
        Command::SetSkillEntry {
            skill: skill("influence"),
            entry: SkillEntry::default(),
        },
    );
    assert!(!c.skills.contains_key(&skill("influence")));
    // Setting an entry where there was none.
    let mut fresh = Plan::default();
    let c = round_trip(
        &fresh,
        Command::SetSkillEntry {
            skill: skill("communication"),
            entry: entry.clone(),
        },
    );
    assert_eq!(c.skills.len(), 1);
    // Clearing an entry that does not exist changes nothing.
    fresh.person.name = "x".into();
    let c = round_trip(
        &fresh,
        Command::SetSkillEntry {
            skill: skill("communication"),
            entry: SkillEntry::default(),
        },
    );
    assert_eq!(c, fresh);
}

fn custom(id: &str, name: &str) -> CustomSkill {
    CustomSkill {
        id: skill(id),
        name: name.into(),
        description: "d".into(),
        needs: [(RoleId::new("engineering-manager"), lvl(2))].into(),
    }
}

#[test]
fn custom_skills() {
    let p = base();
    // Insert before the existing one, with an entry.
    let entry = SkillEntry {
        self_rating: Some(lvl(2)),
        ..SkillEntry::default()
    };
    let c = round_trip(
        &p,
        Command::InsertCustomSkill {
            index: 0,
            skill: custom("hiring", "Hiring"),
            entry: Some(entry.clone()),
        },
    );
    assert_eq!(
        c.custom_skills.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["hiring", "product-discovery"]
    );
    assert_eq!(c.skills.get(&skill("hiring")), Some(&entry));
    // Insert without an entry over a stale entry for the same id: undo
    // brings the stale entry back.
    let mut stale = p.clone();
    stale.skills.insert(skill("hiring"), entry.clone());
    let c = round_trip(
        &stale,
        Command::InsertCustomSkill {
            index: 1,
            skill: custom("hiring", "Hiring"),
            entry: None,
        },
    );
    assert!(!c.skills.contains_key(&skill("hiring")));
    // Remove: the skill and its ratings go; undo puts both back in place.
    let c = round_trip(&p, Command::RemoveCustomSkill(skill("product-discovery")));
    assert!(c.custom_skills.is_empty());
    assert!(!c.skills.contains_key(&skill("product-discovery")));
    // Update.
    let mut updated = p.custom_skills[0].clone();
    updated.name = "Discovery".into();
    updated.needs.clear();
    let c = round_trip(&p, Command::UpdateCustomSkill(updated.clone()));
    assert_eq!(c.custom_skills[0], updated);
}

#[test]
fn checklist_items() {
    let p = base();
    assert_eq!(item_ids(&p), (1..=11).collect::<Vec<_>>());
    // Insert two, at final positions 0 and 5.
    let c = round_trip(
        &p,
        Command::InsertItems(vec![(0, item(40, "first")), (5, item(41, "fifth"))]),
    );
    assert_eq!(item_ids(&c), [40, 1, 2, 3, 4, 41, 5, 6, 7, 8, 9, 10, 11]);
    // At the end.
    let c = round_trip(&p, Command::InsertItems(vec![(11, item(40, "last"))]));
    assert_eq!(item_ids(&c).last(), Some(&40));
    // Remove three scattered items; undo puts them back where they were.
    let c = round_trip(&p, Command::RemoveItems(vec![ItemId(9), ItemId(1), ItemId(5)]));
    assert_eq!(item_ids(&c), [2, 3, 4, 6, 7, 8, 10, 11]);
    // Update.
    let mut changed = p.checklist[3].clone();
    changed.status = Status::Done;
    changed.completed = Some(date(2026, 11, 2));
    changed.evidence = "done it".into();
    let c = round_trip(&p, Command::UpdateItem(changed.clone()));
    assert_eq!(c.checklist[3], changed);
    // Move down, up, and to the same place.
    let c = round_trip(&p, Command::MoveItem { id: ItemId(2), to: 6 });
    assert_eq!(item_ids(&c), [1, 3, 4, 5, 6, 7, 2, 8, 9, 10, 11]);
    let c = round_trip(
        &p,
        Command::MoveItem {
            id: ItemId(11),
            to: 0,
        },
    );
    assert_eq!(item_ids(&c), [11, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    let c = round_trip(&p, Command::MoveItem { id: ItemId(4), to: 3 });
    assert_eq!(c, p);
}

#[test]
fn milestones_sessions_snapshots() {
    let p = base();
    let m = Milestone {
        id: ItemId(50),
        title: "New".into(),
        date: date(2027, 5, 1),
        reached: false,
    };
    let c = round_trip(
        &p,
        Command::InsertMilestone {
            index: 1,
            milestone: m.clone(),
        },
    );
    assert_eq!(c.milestones[1], m);
    assert_eq!(c.milestones.len(), 4);
    let c = round_trip(&p, Command::RemoveMilestone(ItemId(13)));
    // Milestones are kept by date, the order every copy agrees on.
    let mut rest: Vec<&trailmap::model::Milestone> = p.milestones.iter().filter(|m| m.id.0 != 13).collect();
    rest.sort_by_key(|m| (m.date, m.id));
    let want: Vec<u64> = rest.iter().map(|m| m.id.0).collect();
    assert_eq!(c.milestones.iter().map(|m| m.id.0).collect::<Vec<_>>(), want);
    let mut reached = p.milestones[2].clone();
    reached.reached = true;
    let c = round_trip(&p, Command::UpdateMilestone(reached));
    assert!(c.milestones[2].reached);

    let session = Session {
        id: ItemId(51),
        started: datetime(2026, 11, 20, 16, 0, 0, 0),
        ended: None,
        agenda: vec![trailmap::model::AgendaPoint {
            kind: trailmap::model::AgendaKind::Gap,
            text: "a".into(),
            done: false,
        }],
        notes: vec![SessionNote {
            id: ItemId(52),
            at: datetime(2026, 11, 20, 16, 5, 0, 0),
            text: "note".into(),
            mentor_only: true,
        }],
        summary: String::new(),
    };
    let c = round_trip(
        &p,
        Command::InsertSession {
            index: 3,
            session: session.clone(),
        },
    );
    assert_eq!(c.open_session(), Some(&session));
    let c = round_trip(&p, Command::RemoveSession(ItemId(24)));
    assert_eq!(c.sessions.iter().map(|s| s.id.0).collect::<Vec<_>>(), [20, 28]);
    let mut edited = p.sessions[0].clone();
    edited.summary = "changed".into();
    edited.notes.pop();
    let c = round_trip(&p, Command::UpdateSession(edited.clone()));
    assert_eq!(c.sessions[0], edited);

    let snapshot = p.take_snapshot(ItemId(53), date(2026, 11, 30), "Now", None);
    let c = round_trip(
        &p,
        Command::InsertSnapshot {
            index: 3,
            snapshot: snapshot.clone(),
        },
    );
    assert_eq!(c.snapshots.last(), Some(&snapshot));
    let c = round_trip(&p, Command::RemoveSnapshot(ItemId(15)));
    assert_eq!(c.snapshots.iter().map(|s| s.id.0).collect::<Vec<_>>(), [16, 17]);
}

#[test]
fn batches() {
    let p = base();
    let c = round_trip(
        &p,
        Command::Batch(vec![
            Command::SetName("B".into()),
            Command::InsertItems(vec![(0, item(60, "x"))]),
            Command::MoveItem {
                id: ItemId(60),
                to: 4,
            },
            Command::RemoveItems(vec![ItemId(3)]),
            Command::RemoveCustomSkill(skill("product-discovery")),
            Command::Batch(vec![
                Command::SetMentor("M".into()),
                Command::RemoveSession(ItemId(20)),
            ]),
        ]),
    );
    assert_eq!(c.person.name, "B");
    assert_eq!(c.person.mentor, "M");
    assert_eq!(item_ids(&c), [1, 2, 4, 60, 5, 6, 7, 8, 9, 10, 11]);
    assert_eq!(c.sessions.len(), 2);
    // An empty batch is a no-op.
    assert_eq!(round_trip(&p, Command::Batch(Vec::new())), p);
}

/// Applies a command that must fail; checks the error and that the plan is unchanged.
fn fails(plan: &Plan, command: Command, expected: &CommandError) {
    let mut copy = plan.clone();
    let err = command
        .clone()
        .apply(&mut copy)
        .expect_err("the command must fail");
    assert_eq!(&err, expected, "{command:?}");
    assert_eq!(&copy, plan, "{command:?} changed the plan although it failed");
}

fn missing(what: &'static str, id: &str) -> CommandError {
    CommandError::Missing { what, id: id.into() }
}

fn duplicate(what: &'static str, id: &str) -> CommandError {
    CommandError::Duplicate { what, id: id.into() }
}

#[test]
fn failing_commands_leave_the_plan_unchanged() {
    let p = base();
    fails(
        &p,
        Command::UpdateItem(item(99, "x")),
        &missing("checklist item", "#99"),
    );
    fails(
        &p,
        Command::RemoveItems(vec![ItemId(1), ItemId(99)]),
        &missing("checklist item", "#99"),
    );
    fails(
        &p,
        Command::MoveItem {
            id: ItemId(99),
            to: 0,
        },
        &missing("checklist item", "#99"),
    );
    fails(
        &p,
        Command::MoveItem {
            id: ItemId(1),
            to: 11,
        },
        &CommandError::OutOfRange {
            what: "checklist",
            index: 11,
            len: 11,
        },
    );
    fails(
        &p,
        Command::InsertItems(vec![(0, item(3, "dup"))]),
        &duplicate("checklist item", "#3"),
    );
    fails(
        &p,
        Command::InsertItems(vec![(0, item(70, "a")), (1, item(70, "b"))]),
        &duplicate("checklist item", "#70"),
    );
    // The second index is checked against the length after the first insert (12).
    fails(
        &p,
        Command::InsertItems(vec![(0, item(70, "a")), (13, item(71, "b"))]),
        &CommandError::OutOfRange {
            what: "checklist",
            index: 13,
            len: 12,
        },
    );
    fails(
        &p,
        Command::InsertCustomSkill {
            index: 0,
            skill: custom("product-discovery", "again"),
            entry: None,
        },
        &duplicate("custom skill", "product-discovery"),
    );
    fails(
        &p,
        Command::InsertCustomSkill {
            index: 2,
            skill: custom("hiring", "Hiring"),
            entry: Some(SkillEntry {
                self_rating: Some(lvl(1)),
                ..SkillEntry::default()
            }),
        },
        &CommandError::OutOfRange {
            what: "custom skills",
            index: 2,
            len: 1,
        },
    );
    fails(
        &p,
        Command::RemoveCustomSkill(skill("communication")),
        &missing("custom skill", "communication"),
    );
    fails(
        &p,
        Command::UpdateCustomSkill(custom("nope", "n")),
        &missing("custom skill", "nope"),
    );
    let m = Milestone {
        id: ItemId(12),
        title: "dup".into(),
        date: date(2027, 1, 1),
        reached: false,
    };
    fails(
        &p,
        Command::InsertMilestone {
            index: 0,
            milestone: m.clone(),
        },
        &duplicate("milestone", "#12"),
    );
    fails(
        &p,
        Command::InsertMilestone {
            index: 4,
            milestone: Milestone { id: ItemId(80), ..m },
        },
        &CommandError::OutOfRange {
            what: "milestones",
            index: 4,
            len: 3,
        },
    );
    fails(
        &p,
        Command::RemoveMilestone(ItemId(1)),
        &missing("milestone", "#1"),
    );
    let mut s = p.sessions[0].clone();
    fails(
        &p,
        Command::InsertSession {
            index: 0,
            session: s.clone(),
        },
        &duplicate("session", "#20"),
    );
    s.id = ItemId(90);
    fails(&p, Command::UpdateSession(s), &missing("session", "#90"));
    fails(&p, Command::RemoveSession(ItemId(21)), &missing("session", "#21"));
    fails(
        &p,
        Command::RemoveSnapshot(ItemId(20)),
        &missing("snapshot", "#20"),
    );
    let snap = p.snapshots[0].clone();
    fails(
        &p,
        Command::InsertSnapshot {
            index: 0,
            snapshot: snap,
        },
        &duplicate("snapshot", "#15"),
    );
    // The message names what is missing.
    assert_eq!(
        missing("checklist item", "#99").to_string(),
        "the plan has no checklist item #99"
    );
}

#[test]
fn a_batch_failing_half_way_rolls_back() {
    let p = base();
    fails(
        &p,
        Command::Batch(vec![
            Command::SetName("changed".into()),
            Command::InsertItems(vec![(0, item(60, "x"))]),
            Command::RemoveItems(vec![ItemId(4), ItemId(5)]),
            Command::MoveItem {
                id: ItemId(60),
                to: 3,
            },
            Command::RemoveCustomSkill(skill("product-discovery")),
            Command::SetSkillEntry {
                skill: skill("communication"),
                entry: SkillEntry::default(),
            },
            Command::Batch(vec![
                Command::SetPrivateNotes(String::new()),
                Command::RemoveSnapshot(ItemId(16)),
            ]),
            // Fails: item 4 is gone by now.
            Command::UpdateItem(item(4, "gone")),
            Command::SetMentor("never".into()),
        ]),
        &missing("checklist item", "#4"),
    );
    // A nested batch failing inside.
    fails(
        &p,
        Command::Batch(vec![
            Command::SetName("changed".into()),
            Command::Batch(vec![
                Command::RemoveMilestone(ItemId(12)),
                Command::RemoveMilestone(ItemId(12)),
            ]),
        ]),
        &missing("milestone", "#12"),
    );
}

fn set_name(name: &str) -> Command {
    Command::SetName(name.into())
}

#[test]
fn document_undo_redo_and_dirty() {
    let p = base();
    let mut doc = Document::new(p.clone());
    assert!(!doc.is_dirty());
    assert!(!doc.can_undo() && !doc.can_redo());
    assert!(!doc.undo());
    assert!(!doc.redo());
    let r0 = doc.revision();

    doc.apply(set_name("One")).expect("applies");
    doc.apply(Command::RemoveItems(vec![ItemId(2)])).expect("applies");
    assert!(doc.is_dirty());
    assert!(doc.revision() > r0);
    let edited = doc.plan().clone();

    assert!(doc.undo());
    assert_eq!(item_ids(doc.plan()).len(), 11);
    assert_eq!(doc.plan().person.name, "One");
    assert!(doc.undo());
    assert_eq!(content(doc.plan()), content(&p));
    assert!(!doc.is_dirty(), "back at the saved state");
    assert!(!doc.undo());

    assert!(doc.redo());
    assert!(doc.is_dirty());
    assert!(doc.redo());
    assert_eq!(content(doc.plan()), content(&edited));
    assert!(!doc.redo());

    // A new edit clears the redo stack.
    assert!(doc.undo());
    doc.apply(set_name("Two")).expect("applies");
    assert!(!doc.can_redo());
    assert!(!doc.redo());
    assert_eq!(doc.plan().person.name, "Two");
}

#[test]
fn a_failing_command_adds_no_step() {
    let p = base();
    let mut doc = Document::new(p.clone());
    let r0 = doc.revision();
    let err = doc
        .apply(Command::RemoveMilestone(ItemId(999)))
        .expect_err("no such milestone");
    assert_eq!(err, missing("milestone", "#999"));
    assert_eq!(content(doc.plan()), content(&p));
    assert!(!doc.is_dirty());
    assert!(!doc.can_undo());
    assert_eq!(doc.revision(), r0);
}

#[test]
fn undo_restores_next_id() {
    let p = base();
    assert_eq!(p.next_id, 32);
    let mut doc = Document::new(p.clone());
    doc.apply(Command::InsertItems(vec![(0, item(32, "new"))]))
        .expect("applies");
    assert_eq!(doc.plan().next_id, 33);
    // Ids handed out beyond next_id move it past the largest.
    doc.apply(Command::InsertMilestone {
        index: 0,
        milestone: Milestone {
            id: ItemId(40),
            title: "m".into(),
            date: date(2027, 1, 1),
            reached: false,
        },
    })
    .expect("applies");
    assert_eq!(doc.plan().next_id, 41);
    assert!(doc.undo());
    assert_eq!(doc.plan().next_id, 33);
    assert!(doc.undo());
    assert_eq!(content(doc.plan()), content(&p));
    assert!(doc.redo() && doc.redo());
    assert_eq!(doc.plan().next_id, 41);
}

#[test]
fn typing_merges_until_sealed() {
    let p = base();
    let mut doc = Document::new(p.clone());
    for name in ["M", "Ma", "Mar"] {
        doc.apply_typing(set_name(name), "name").expect("applies");
    }
    assert_eq!(doc.plan().person.name, "Mar");
    // One undo step for the whole run of typing.
    assert!(doc.undo());
    assert_eq!(content(doc.plan()), content(&p));
    assert!(!doc.can_undo());
    // Redo gives the last text.
    assert!(doc.redo());
    assert_eq!(doc.plan().person.name, "Mar");

    // Sealing ends the run.
    let mut doc = Document::new(p.clone());
    doc.apply_typing(set_name("A"), "name").expect("applies");
    doc.seal();
    doc.apply_typing(set_name("AB"), "name").expect("applies");
    assert!(doc.undo());
    assert_eq!(doc.plan().person.name, "A");
    assert!(doc.undo());
    assert_eq!(content(doc.plan()), content(&p));

    // Another field's key starts a new step.
    let mut doc = Document::new(p.clone());
    doc.apply_typing(set_name("A"), "name").expect("applies");
    doc.apply_typing(Command::SetMentor("D".into()), "mentor")
        .expect("applies");
    doc.apply_typing(Command::SetMentor("Da".into()), "mentor")
        .expect("applies");
    assert!(doc.undo());
    assert_eq!(doc.plan().person.mentor, p.person.mentor);
    assert_eq!(doc.plan().person.name, "A");

    // A plain command in between ends the run too.
    let mut doc = Document::new(p.clone());
    doc.apply_typing(set_name("A"), "name").expect("applies");
    doc.apply(Command::SetTargetDate(None)).expect("applies");
    doc.apply_typing(set_name("AB"), "name").expect("applies");
    assert!(doc.undo());
    assert_eq!(doc.plan().person.name, "A");
    assert!(doc.undo());
    assert!(doc.undo());
    assert_eq!(content(doc.plan()), content(&p));

    // An undo ends the run.
    let mut doc = Document::new(p.clone());
    doc.apply_typing(set_name("A"), "name").expect("applies");
    doc.apply_typing(set_name("AB"), "name").expect("applies");
    doc.apply(Command::SetMentor("x".into())).expect("applies");
    assert!(doc.undo());
    doc.apply_typing(set_name("ABC"), "name").expect("applies");
    assert!(doc.undo());
    assert_eq!(doc.plan().person.name, "AB");
}

#[test]
fn save_marks_clean_and_undo_past_it_marks_dirty() {
    let p = base();
    let mut doc = Document::new(p.clone());
    doc.apply(set_name("One")).expect("applies");
    doc.apply(set_name("Two")).expect("applies");
    doc.mark_saved();
    assert!(!doc.is_dirty());
    // Undo after save: the plan differs from the file.
    assert!(doc.undo());
    assert!(doc.is_dirty());
    assert!(doc.undo());
    assert!(doc.is_dirty(), "the original plan is not what was saved");
    assert_eq!(content(doc.plan()), content(&p));
    // Redo back to the saved state: clean again.
    assert!(doc.redo());
    assert!(doc.is_dirty());
    assert!(doc.redo());
    assert!(!doc.is_dirty());
    assert_eq!(doc.plan().person.name, "Two");

    // Undo after save, then a new edit: the saved state is out of reach.
    assert!(doc.undo());
    doc.apply(set_name("Three")).expect("applies");
    assert!(doc.is_dirty());
    assert!(doc.undo());
    assert!(doc.is_dirty());
    assert_eq!(doc.plan().person.name, "One");
}

#[test]
fn typing_after_a_save_does_not_merge_into_the_saved_step() {
    let p = base();
    let mut doc = Document::new(p.clone());
    doc.apply_typing(set_name("A"), "name").expect("applies");
    doc.mark_saved();
    doc.apply_typing(set_name("AB"), "name").expect("applies");
    assert!(doc.is_dirty());
    assert!(doc.undo());
    assert_eq!(doc.plan().person.name, "A");
    assert!(!doc.is_dirty(), "undo goes back to exactly what was saved");
}

#[test]
fn unsaved_documents() {
    let p = base();
    let mut doc = Document::new_unsaved(p.clone());
    assert!(doc.is_dirty());
    doc.apply(set_name("x")).expect("applies");
    assert!(doc.undo());
    assert!(doc.is_dirty(), "a never-saved plan stays unsaved at its start");
    doc.mark_saved();
    assert!(!doc.is_dirty());
    doc.mark_unsaved();
    assert!(doc.is_dirty());
}

#[test]
fn the_undo_limit_forgets_the_oldest_steps() {
    let p = base();
    let mut doc = Document::new(p.clone());
    let steps = Document::UNDO_LIMIT + 5;
    for i in 0..steps {
        doc.apply(set_name(&i.to_string())).expect("applies");
    }
    let mut undone = 0;
    while doc.undo() {
        undone += 1;
    }
    assert_eq!(undone, Document::UNDO_LIMIT);
    // The oldest five steps are gone: the name is what step 4 set.
    assert_eq!(doc.plan().person.name, "4");
    assert!(
        doc.is_dirty(),
        "the saved state is out of reach, so the plan is not clean"
    );
}

#[test]
fn a_save_whose_step_was_forgotten_is_still_recognised() {
    let p = base();
    let mut doc = Document::new(p);
    doc.apply(set_name("saved")).expect("applies");
    doc.mark_saved();
    for i in 0..Document::UNDO_LIMIT {
        doc.apply(set_name(&i.to_string())).expect("applies");
    }
    // The step that led to the saved state has been forgotten, but undoing
    // everything still lands on the saved state, which is clean.
    while doc.undo() {}
    assert_eq!(doc.plan().person.name, "saved");
    assert!(!doc.is_dirty());
}

#[test]
fn an_empty_skill_entry_in_a_file_is_dropped_so_undo_is_exact() {
    // Found by the property test: a file may write an entry with nothing in
    // it; undoing an edit of that skill removed the entry instead of
    // restoring the empty one, so the plan (and the file saved after the
    // undo) differed from the original.
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mini-plan.ron"))
            .expect("read")
            .replace("\"influence\": (self_rating: Some(2)),", "\"influence\": (),");
    let plan = storage::load_plan_text(
        Path::new("mini.ron"),
        &text,
        storage::Fingerprint::of(text.as_bytes()),
        &FrameworkCatalog::builtin_only(),
    )
    .expect("loads")
    .plan;
    assert!(
        !plan.skills.contains_key(&skill("influence")),
        "the empty entry is dropped on load"
    );
    assert!(plan.skills.contains_key(&skill("communication")));
    let mut doc = Document::new(plan.clone());
    doc.apply(Command::SetSkillEntry {
        skill: skill("influence"),
        entry: SkillEntry {
            self_rating: Some(lvl(4)),
            ..SkillEntry::default()
        },
    })
    .expect("applies");
    assert!(doc.undo());
    assert_eq!(content(doc.plan()), content(&plan));
    assert!(!storage::plan_to_string(doc.plan()).contains("\"influence\": ("));
}

/// Closing an action dates it today; closing it the other way keeps that
/// date; opening it again clears it.
#[test]
fn a_status_change_keeps_the_completion_date_in_step() {
    let today = jiff::civil::date(2026, 11, 22);
    let item = ChecklistItem::new(
        ItemId(1),
        "Run the planning offsite",
        jiff::civil::date(2026, 9, 1),
    );
    let done = item.with_status(Status::Done, today);
    assert_eq!((done.status, done.completed), (Status::Done, Some(today)));
    let dropped = done.with_status(Status::Dropped, jiff::civil::date(2026, 12, 1));
    assert_eq!(
        dropped.completed,
        Some(today),
        "moving between closed states keeps the date"
    );
    let reopened = dropped.with_status(Status::InProgress, today);
    assert_eq!((reopened.status, reopened.completed), (Status::InProgress, None));
    assert_eq!(reopened.text, item.text);
}

/// A new skill's id is its name's slug, made to start with a letter and
/// numbered past every skill the framework or the plan already has.
#[test]
fn a_new_skill_gets_a_free_id() {
    let framework = trailmap::storage::builtin();
    let mut plan = Plan::new(
        "Kim",
        &framework,
        RoleId::new("tech-lead"),
        RoleId::new("engineering-manager"),
    );
    assert_eq!(
        plan.unique_skill_id(&framework, "Hiring & Onboarding").as_str(),
        "hiring-onboarding"
    );
    assert_eq!(
        plan.unique_skill_id(&framework, "Influence").as_str(),
        "influence-2"
    );
    assert_eq!(
        plan.unique_skill_id(&framework, "42 things").as_str(),
        "skill-42-things"
    );
    plan.custom_skills.push(CustomSkill {
        id: SkillId::new("influence-2"),
        name: "Influence again".into(),
        description: String::new(),
        needs: Default::default(),
    });
    assert_eq!(
        plan.unique_skill_id(&framework, "Influence").as_str(),
        "influence-3"
    );
}

/// The text limits see an item's text in any snapshot, also one that shares
/// everything else with the snapshot before it (the check looks only at
/// what a snapshot does not share).
#[test]
fn a_text_past_its_limit_in_a_later_snapshot_is_found() {
    use trailmap::model::{SharedText, SnapshotItem, Status};
    let mut plan = base();
    let first = plan.take_snapshot(ItemId(900), date(2026, 1, 1), "one", None);
    let mut second = plan.take_snapshot(ItemId(901), date(2026, 2, 1), "two", None);
    plan.snapshots = vec![first.clone(), second.clone()];
    assert_eq!(plan.text_limit_issue(), None);
    let (id, _) = second
        .items
        .iter()
        .next()
        .map(|(k, v)| (*k, v.clone()))
        .expect("an item");
    second.items.insert(
        id,
        SnapshotItem {
            text: SharedText::from(&"x".repeat(trailmap::model::limits::MAX_LINE_BYTES + 1)),
            status: Status::Open,
        },
    );
    plan.snapshots = vec![first, second];
    let issue = plan.text_limit_issue().expect("found");
    assert!(issue.place.starts_with("snapshots[1].items["), "{}", issue.place);
}
