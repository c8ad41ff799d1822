//! Sessions, progress and Skill-Will analysis against hand-computed
//! expectations: the agenda, the snapshot diff since the last session, the
//! history series, the projection, and the quadrants.

use jiff::civil::{Date, date, datetime};
use trailmap::analysis::{self, AgendaKind, Quadrant};
use trailmap::model::{ChecklistItem, Document, ItemId, Level, Plan, RoleId, SkillEntry, SkillId, Status};
use trailmap::storage;

const TODAY: Date = date(2026, 11, 22);

fn level(n: u8) -> Option<Level> {
    Level::new(n)
}

/// Tech lead aiming at engineering manager (needs 3 in all four skills), rated
/// communication 3, strategic thinking 2, influence 3, decision-making 1.
fn plan() -> Plan {
    let framework = storage::builtin();
    let mut plan = Plan::new(
        "Kim",
        &framework,
        RoleId::new("tech-lead"),
        RoleId::new("engineering-manager"),
    );
    for (skill, rating) in [
        ("communication", 3),
        ("strategic-thinking", 2),
        ("influence", 3),
        ("decision-making", 1),
    ] {
        plan.skills.insert(
            SkillId::new(skill),
            SkillEntry {
                self_rating: level(rating),
                ..SkillEntry::default()
            },
        );
    }
    plan
}

fn item(id: u64, text: &str, status: Status, due: Option<Date>) -> ChecklistItem {
    ChecklistItem {
        status,
        due,
        ..ChecklistItem::new(ItemId(id), text, date(2026, 9, 1))
    }
}

#[test]
fn the_agenda_lists_overdue_then_open_then_gaps_then_changes() {
    let framework = storage::builtin();
    let mut plan = plan();
    plan.checklist = vec![
        item(1, "Undated open", Status::Open, None),
        item(2, "Late B", Status::Open, Some(date(2026, 11, 20))),
        item(3, "Late A", Status::InProgress, Some(date(2026, 11, 1))),
        item(4, "Soon", Status::InProgress, Some(date(2026, 12, 1))),
        item(5, "Later", Status::Open, Some(date(2027, 1, 1))),
        item(6, "Finished", Status::Done, Some(date(2026, 10, 1))),
        item(7, "Also undated", Status::Open, None),
    ];
    plan.next_id = 8;
    let agenda = analysis::agenda(&plan, &framework, TODAY);
    let texts: Vec<(AgendaKind, &str)> = agenda.iter().map(|a| (a.kind, a.text.as_str())).collect();
    assert_eq!(
        texts,
        vec![
            (AgendaKind::Overdue, "Overdue since 1 Nov 2026: Late A"),
            (AgendaKind::Overdue, "Overdue since 20 Nov 2026: Late B"),
            (AgendaKind::Open, "In progress: Soon (due 1 Dec 2026)"),
            (AgendaKind::Open, "Open: Later (due 1 Jan 2027)"),
            (AgendaKind::Open, "Open: Undated open"),
            (
                AgendaKind::Gap,
                "Gap: Decision-making (needs 3 for Engineering manager, self-rated 1)"
            ),
            (
                AgendaKind::Gap,
                "Gap: Strategic thinking (needs 3 for Engineering manager, self-rated 2)"
            ),
        ]
    );
}

#[test]
fn the_agenda_names_the_five_oldest_overdue_actions_and_counts_the_rest() {
    let framework = storage::builtin();
    let mut plan = plan();
    // Eight overdue actions, due on 1..=8 November, listed newest first.
    plan.checklist = (1..=8)
        .rev()
        .map(|day| {
            item(
                day,
                &format!("Late {day}"),
                Status::Open,
                Some(date(2026, 11, day as i8)),
            )
        })
        .collect();
    plan.next_id = 9;
    let agenda = analysis::agenda(&plan, &framework, TODAY);
    let overdue: Vec<&str> = agenda
        .iter()
        .filter(|a| a.kind == AgendaKind::Overdue)
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(
        overdue,
        vec![
            "Overdue since 1 Nov 2026: Late 1",
            "Overdue since 2 Nov 2026: Late 2",
            "Overdue since 3 Nov 2026: Late 3",
            "Overdue since 4 Nov 2026: Late 4",
            "Overdue since 5 Nov 2026: Late 5",
            "Overdue: 3 more actions (the checklist's Overdue filter lists them)",
        ]
    );
}

#[test]
fn a_whole_session_updates_checklist_log_and_snapshots() {
    let framework = storage::builtin();
    let mut doc = Document::new(plan());
    doc.apply(analysis::start_session(
        doc.plan(),
        &framework,
        datetime(2026, 11, 22, 16, 0, 0, 0),
    ))
    .expect("start");
    let session = doc.plan().open_session().expect("running").id;
    assert!(
        doc.plan().sessions[0]
            .agenda
            .iter()
            .any(|a| a.kind == AgendaKind::Gap && a.text.starts_with("Gap: Decision-making"))
    );
    let note = analysis::add_note(
        doc.plan(),
        "Talked about delegation",
        false,
        datetime(2026, 11, 22, 16, 10, 0, 0),
    )
    .expect("note");
    doc.apply(note).expect("note");
    let agreed = analysis::agree_action(
        doc.plan(),
        "Delegate the release rota",
        Some(SkillId::new("decision-making")),
        TODAY,
    )
    .expect("agree");
    doc.apply(agreed).expect("agree");
    // Between agreeing and ending, a rating moves up.
    doc.apply(trailmap::model::Command::SetSkillEntry {
        skill: SkillId::new("decision-making"),
        entry: SkillEntry {
            self_rating: level(2),
            mentor_rating: level(2),
            ..SkillEntry::default()
        },
    })
    .expect("rate");
    let end =
        analysis::end_session(doc.plan(), "Good start", datetime(2026, 11, 22, 17, 0, 0, 0)).expect("end");
    doc.apply(end).expect("end");

    let plan = doc.plan();
    assert!(plan.open_session().is_none());
    let log = &plan.sessions[0];
    assert_eq!(log.ended, Some(datetime(2026, 11, 22, 17, 0, 0, 0)));
    assert_eq!(log.summary, "Good start");
    assert_eq!(log.notes.len(), 1);
    let action = plan
        .checklist
        .iter()
        .find(|i| i.text == "Delegate the release rota")
        .expect("in the checklist");
    assert_eq!(action.session, Some(session));
    assert_eq!(analysis::agreed_in(plan, session).count(), 1);
    let snapshot = plan.snapshots.last().expect("snapshot");
    assert_eq!(snapshot.session, Some(session));
    assert_eq!(snapshot.label, "Session 1");
    assert_eq!(snapshot.date, TODAY);
    let dm = snapshot
        .skills
        .get(&SkillId::new("decision-making"))
        .expect("rated");
    assert_eq!((dm.self_rating, dm.mentor_rating), (level(2), level(2)));
    assert!(snapshot.items.contains_key(&action.id));
    // Every number handed out is unique.
    assert!(plan.check(&framework).is_empty(), "{:?}", plan.check(&framework));
    // And it all undoes in five steps.
    for _ in 0..5 {
        assert!(doc.undo());
    }
    assert_eq!(
        crate::support::content(doc.plan()),
        crate::support::content(&self::plan())
    );
}

#[test]
fn since_last_session_compares_with_the_snapshot_of_the_last_finished_session() {
    let framework = storage::builtin();
    let mut p = plan();
    p.checklist = vec![
        item(1, "Keep", Status::Open, None),
        item(2, "Finish", Status::Open, None),
    ];
    p.next_id = 3;
    let mut doc = Document::new(p);
    doc.apply(analysis::start_session(
        doc.plan(),
        &framework,
        datetime(2026, 10, 1, 9, 0, 0, 0),
    ))
    .expect("start");
    doc.apply(analysis::end_session(doc.plan(), "", datetime(2026, 10, 1, 10, 0, 0, 0)).expect("end"))
        .expect("end");
    // After the session: one done, one added, one dropped, communication up, influence down.
    let mut p = doc.plan().clone();
    p.checklist[1] = ChecklistItem {
        status: Status::Done,
        ..p.checklist[1].clone()
    };
    p.checklist.push(item(p.next_id, "New", Status::Open, None));
    p.checklist
        .push(item(p.next_id + 1, "Gave up", Status::Dropped, None));
    p.next_id += 2;
    p.skills
        .get_mut(&SkillId::new("communication"))
        .expect("rated")
        .self_rating = level(4);
    p.skills
        .get_mut(&SkillId::new("influence"))
        .expect("rated")
        .self_rating = level(2);
    let diff = analysis::since_last_session(&p, TODAY).expect("a snapshot exists");
    let moves: Vec<(&str, i16)> = diff
        .ratings
        .iter()
        .map(|r| (r.skill.as_str(), r.delta()))
        .collect();
    assert_eq!(moves, vec![("communication", 1), ("influence", -1)]);
    assert_eq!(
        diff.completed.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
        vec!["Finish"]
    );
    assert_eq!(
        diff.added.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
        vec!["New", "Gave up"]
    );
    assert_eq!(
        diff.dropped.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
        vec!["Gave up"]
    );
    // The agenda of the next session says so.
    let agenda = analysis::agenda(&p, &framework, TODAY);
    let changes: Vec<&str> = agenda
        .iter()
        .filter(|a| a.kind == AgendaKind::Change)
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(
        changes,
        vec![
            "Communication self rating up: 3 to 4",
            "Influence self rating down: 3 to 2",
            "Since last session: 2 actions added, 1 action done, 1 action dropped",
        ]
    );
}

#[test]
fn history_has_a_point_per_snapshot_and_now() {
    let framework = storage::builtin();
    let mut p = plan();
    let first = p.take_snapshot(ItemId(1), date(2026, 9, 1), "Start", None);
    p.skills
        .get_mut(&SkillId::new("strategic-thinking"))
        .expect("rated")
        .self_rating = level(3);
    let second = p.take_snapshot(ItemId(2), date(2026, 10, 1), "Session 1", None);
    p.snapshots = vec![second, first];
    p.next_id = 3;
    p.skills
        .get_mut(&SkillId::new("decision-making"))
        .expect("rated")
        .self_rating = level(3);
    let history = analysis::history(&p, &framework, TODAY);
    let dates: Vec<Date> = history.points.iter().map(|pt| pt.date).collect();
    assert_eq!(dates, vec![date(2026, 9, 1), date(2026, 10, 1), TODAY]);
    // EM needs 12 levels: 3+2+3+1 = 9 → 75%; 3+3+3+1 = 10 → 83%; 3+3+3+3 → 100%.
    let readiness: Vec<u8> = history.points.iter().map(|pt| pt.readiness).collect();
    assert_eq!(readiness, vec![75, 83, 100]);
    assert_eq!(
        history.points[0].ratings,
        vec![level(3), level(2), level(3), level(1)]
    );
    assert_eq!(history.points[2].label, "Now");
}

#[test]
fn projection_follows_the_pace_of_the_last_90_days() {
    let framework = storage::builtin();
    let mut p = plan();
    // Readiness now: 3+2+3+1 of 12 = 9/12 = 75%.
    let done = |id, day: Date| ChecklistItem {
        completed: Some(day),
        ..item(id, "done", Status::Done, None)
    };
    p.checklist = vec![
        done(1, date(2026, 9, 1)),
        done(2, date(2026, 10, 1)),
        done(3, date(2026, 11, 1)),
        done(4, date(2026, 6, 1)), // outside the 90 days
    ];
    for id in 5..11 {
        p.checklist.push(item(id, "open", Status::Open, None));
    }
    p.next_id = 11;
    let projection = analysis::projection(&p, &framework, TODAY);
    assert_eq!(projection.readiness_now, 75);
    assert_eq!(projection.done_recently, 3);
    assert_eq!(projection.open, 6);
    // 6 open at 3 per 90 days: ⌈6 × 90 / 3⌉ = 180 days → 2027-05-21.
    assert_eq!(projection.all_done_by, Some(date(2027, 5, 21)));
    // Every 28 days: 75 + 25 × 3 × days / 540, halves up.
    // 28 → 3.89 → 79; 56 → 7.78 → 83; 84 → 11.67 → 87; 112 → 15.56 → 91; 140 → 19.44 → 94; 168 → 23.33 → 98.
    assert_eq!(
        projection.points,
        vec![
            (TODAY, 75),
            (date(2026, 12, 20), 79),
            (date(2027, 1, 17), 83),
            (date(2027, 2, 14), 87),
            (date(2027, 3, 14), 91),
            (date(2027, 4, 11), 94),
            (date(2027, 5, 9), 98),
            (date(2027, 5, 21), 100),
        ]
    );
    assert!(
        projection
            .explanation()
            .contains("3 actions completed in the last 90 days")
    );

    // No pace, no projection.
    p.checklist.retain(|i| i.status != Status::Done);
    let none = analysis::projection(&p, &framework, TODAY);
    assert_eq!(none.all_done_by, None);
    assert_eq!(none.points, vec![(TODAY, 75)]);
}

#[test]
fn skill_will_quadrants() {
    let l = |n| Level::new(n).expect("level");
    assert_eq!(Quadrant::of(l(1), l(2)), Quadrant::Direct);
    assert_eq!(Quadrant::of(l(2), l(5)), Quadrant::Guide);
    assert_eq!(Quadrant::of(l(3), l(2)), Quadrant::Excite);
    assert_eq!(Quadrant::of(l(3), l(3)), Quadrant::Delegate);

    let framework = storage::builtin();
    let mut p = plan();
    // Mentor rating wins over the self rating; skills without a will are left out.
    let entry = p.skills.get_mut(&SkillId::new("communication")).expect("rated");
    entry.mentor_rating = level(2);
    entry.will = level(4);
    p.skills.get_mut(&SkillId::new("influence")).expect("rated").will = level(1);
    let placed = analysis::skill_will(&p, &framework);
    let summary: Vec<(&str, u8, u8, Quadrant)> = placed
        .iter()
        .map(|s| (s.skill.as_str(), s.level.get(), s.will.get(), s.quadrant))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("communication", 2, 4, Quadrant::Guide),
            ("influence", 3, 1, Quadrant::Excite)
        ]
    );
}

/// A session starts with the agenda's points and their kinds, and keeps the
/// kinds through a save: in the fast reader, in `ron`, and in an earlier
/// version's file (no `agenda_kinds`), whose points read as `Other`.
#[test]
fn the_agenda_keeps_each_points_kind_through_a_save() {
    let framework = storage::builtin();
    let mut plan = plan();
    let mut item = ChecklistItem::new(ItemId(900), "Late A", date(2026, 10, 1));
    item.due = Some(date(2026, 11, 1));
    plan.checklist.push(item);
    plan.next_id = 901;
    let mut doc = Document::new(plan);
    let command = analysis::start_session(doc.plan(), &framework, datetime(2026, 11, 22, 16, 0, 0, 0));
    doc.apply(command).expect("start");
    let started = doc.plan().open_session().expect("running").agenda.clone();
    let kinds: Vec<AgendaKind> = started.iter().map(|p| p.kind).collect();
    assert_eq!(kinds.first(), Some(&AgendaKind::Overdue), "{started:?}");
    assert!(kinds.contains(&AgendaKind::Gap), "{started:?}");
    assert_eq!(
        analysis::agenda(doc.plan(), &framework, TODAY),
        started,
        "the session keeps the points as the agenda gave them"
    );

    let text = storage::plan_to_string(doc.plan());
    assert!(text.contains("agenda_kinds: [Overdue,"), "{text}");
    let fast = trailmap::format::parse_plan_fast(&text).expect("the fast reader reads what is written");
    let by_ron: Plan = ron::from_str(&text).expect("ron reads it");
    for read in [&fast, &by_ron] {
        assert_eq!(read.open_session().expect("running").agenda, started);
    }

    // A file without kinds, as earlier versions wrote: every point is Other.
    let kinds_line: String = text
        .lines()
        .find(|l| l.trim_start().starts_with("agenda_kinds:"))
        .expect("the kinds line")
        .to_owned();
    let old = text.replace(&format!("{kinds_line}\n"), "");
    assert!(!old.contains("agenda_kinds"));
    for read in [
        trailmap::format::parse_plan_fast(&old).expect("fast"),
        ron::from_str::<Plan>(&old).expect("ron"),
    ] {
        let agenda = &read.open_session().expect("running").agenda;
        assert_eq!(agenda.len(), started.len());
        assert!(agenda.iter().all(|p| p.kind == AgendaKind::Other));
    }
}

/// "What changed" compares what a user means: since the last session when
/// anything has changed since; otherwise, what that session changed.
#[test]
fn what_changed_by_default_is_the_last_sessions_change_until_something_changes() {
    let framework = storage::builtin();
    let mut plan = crate::support::example("saves/marcus-tech-lead-to-head-of-product.ron");
    let last = analysis::last_session_snapshot(&plan)
        .expect("a session snapshot")
        .id;
    let before = plan
        .snapshots
        .iter()
        .take_while(|s| s.id != last)
        .last()
        .expect("a snapshot before it")
        .id;
    assert!(
        analysis::since_last_session(&plan, TODAY)
            .expect("diff")
            .is_empty()
    );
    assert_eq!(
        analysis::default_comparison(&plan, TODAY),
        Some((before, Some(last)))
    );
    let diff = analysis::diff_snapshots(
        plan.snapshots.iter().find(|s| s.id == before).expect("before"),
        plan.snapshots.iter().find(|s| s.id == last).expect("last"),
    );
    assert!(!diff.is_empty(), "the session changed something");

    // One rating later, it is "since the last session".
    let skill = SkillId::new("decision-making");
    let mut entry = plan.skills.get(&skill).cloned().unwrap_or_default();
    entry.self_rating = level(5);
    plan.skills.insert(skill, entry);
    assert_eq!(analysis::default_comparison(&plan, TODAY), Some((last, None)));

    // A plan without snapshots has nothing to compare.
    let fresh = Plan::new(
        "Kim",
        &framework,
        RoleId::new("tech-lead"),
        RoleId::new("engineering-manager"),
    );
    assert_eq!(analysis::default_comparison(&fresh, TODAY), None);
}
