//! UI flows for mentors: a whole session (start, note, agreed action, end),
//! what changed since, presentation mode, the Skill-Will matrix, and the plan
//! library listing and opening plans from the data folder.

use crate::support::{Sandbox, click, ctrl, dirty, harness, plan, press, shows, type_into};
use egui::Key;
use egui_kittest::kittest::Queryable;
use trailmap::app::UiCommand;
use trailmap::model::{Level, SkillId};

const MARCUS: &str = "marcus-tech-lead-to-head-of-product.ron";
const PRIYA: &str = "priya-tech-lead-to-em.ron";

#[test]
fn a_whole_session_from_start_to_end() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = harness(sandbox.config(Some(&path)));
    ctrl(&mut h, Key::Num4);
    let before = plan(&h);
    // The agenda preview shows the overdue action before the session starts.
    assert!(
        h.query_by_label_contains("Overdue since 10 Nov 2026: Tailor one message")
            .is_some(),
        "agenda preview"
    );
    click(&mut h, "Start session");
    let running = plan(&h).open_session().expect("running").clone();
    assert_eq!(running.started.date(), crate::support::TODAY);
    assert!(
        running
            .agenda
            .iter()
            .any(|a| a.kind == trailmap::analysis::AgendaKind::Overdue
                && a.text.starts_with("Overdue since 10 Nov 2026"))
    );
    assert!(shows(&h, "Session in progress"));

    type_into(&mut h, "Add a note", "Roadmap draft is close; review next week");
    click(&mut h, "Add note");
    type_into(
        &mut h,
        "An action you agreed on",
        "Share the roadmap draft with the PM",
    );
    click(&mut h, "Agree action");
    let agreed = plan(&h)
        .checklist
        .iter()
        .find(|i| i.text == "Share the roadmap draft with the PM")
        .expect("on the checklist")
        .clone();
    assert_eq!(agreed.session, Some(running.id));

    type_into(
        &mut h,
        "What you agreed, in a sentence or two",
        "Roadmap first, then discovery.",
    );
    click(&mut h, "End session");
    let after = plan(&h);
    assert!(after.open_session().is_none());
    let logged = after.sessions.last().expect("logged");
    assert_eq!(logged.summary, "Roadmap first, then discovery.");
    assert_eq!(
        logged.notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(),
        vec!["Roadmap draft is close; review next week"]
    );
    assert_eq!(after.sessions.len(), before.sessions.len() + 1);
    let snapshot = after.snapshots.last().expect("snapshot");
    assert_eq!(snapshot.session, Some(running.id));
    assert_eq!(snapshot.label, "Session 4");
    assert!(snapshot.items.contains_key(&agreed.id));
    // The log shows it, newest first.
    assert!(h.query_by_label_contains("Session 4 · 22 Nov 2026").is_some());

    // The checklist view lists the agreed action.
    ctrl(&mut h, Key::Num3);
    type_into(&mut h, "Search actions", "roadmap draft");
    assert!(shows(&h, "Share the roadmap draft with the PM"));
    // And the history has the new point.
    ctrl(&mut h, Key::Num5);
    assert!(shows(&h, "What changed"));
    assert!(dirty(&h));
    ctrl(&mut h, Key::S);
    assert!(!dirty(&h));
}

#[test]
fn what_changed_since_the_last_session_is_shown() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = harness(sandbox.config(Some(&path)));
    // Since session 3: decision-making self rating goes up to 3.
    press(&mut h, "Decision-making self rating 3");
    ctrl(&mut h, Key::Num5);
    assert!(shows(&h, "Decision-making (self): 2 to 3"));
    assert!(
        h.query_by_label_contains("Readiness for Head of product")
            .is_some()
    );
}

#[test]
fn presentation_mode_hides_private_notes() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = harness(sandbox.config(Some(&path)));
    let private = "Interviewing internally for the partner PM role in March — haven't told my manager yet.";
    let mentor_only = "Gap is mostly strategy: has opinions, rarely writes them down as a recommendation.";
    let mentor_note = "Clear with engineers; still too much detail for execs.";
    ctrl(&mut h, Key::Num6);
    assert!(
        h.query_all_by(|n| n.value().as_deref() == Some(private))
            .next()
            .is_some(),
        "shown normally"
    );
    ctrl(&mut h, Key::Num1);
    assert!(
        h.query_all_by(|n| n.value().as_deref() == Some(mentor_note))
            .next()
            .is_some()
    );
    ctrl(&mut h, Key::Num4);
    // Session 1 is collapsed in the log; open it.
    press(&mut h, "Session 1 · 18 Aug 2026 16:00–17:05");
    assert!(shows(&h, mentor_only));

    h.key_press(Key::F5);
    h.run_ok();
    assert!(h.state().is_presenting());
    assert!(!shows(&h, mentor_only), "mentor-only notes hidden");
    ctrl(&mut h, Key::Num1);
    assert!(
        h.query_all_by(|n| n.value().as_deref() == Some(mentor_note))
            .next()
            .is_none(),
        "mentor notes hidden"
    );
    ctrl(&mut h, Key::Num6);
    assert!(
        h.query_all_by(|n| n.value().as_deref() == Some(private))
            .next()
            .is_none(),
        "private notes hidden"
    );
    assert!(shows(&h, "Hidden while presenting."));

    h.key_press(Key::F5);
    h.run_ok();
    assert!(!h.state().is_presenting());
    assert!(
        h.query_all_by(|n| n.value().as_deref() == Some(private))
            .next()
            .is_some()
    );
}

#[test]
fn the_will_is_rated_in_the_skill_will_matrix() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut h = harness(sandbox.config(Some(&path)));
    ctrl(&mut h, Key::Num4);
    // Priya: decision-making 2 with will 4 → guide.
    assert!(h.query_by_label_contains("Decision-making: Guide").is_some());
    press(&mut h, "Decision-making will 2");
    assert_eq!(
        plan(&h).entry(&SkillId::new("decision-making")).will,
        Level::new(2)
    );
    assert!(h.query_by_label_contains("Decision-making: Direct").is_some());
}

#[test]
fn the_library_lists_and_opens_plans_from_the_data_folder() {
    let sandbox = Sandbox::new();
    let marcus = sandbox.example(MARCUS);
    let priya = sandbox.example(PRIYA);
    let plans = sandbox.data().plans();
    std::fs::write(plans.join("broken.ron"), "(format_version: 1,").expect("write");
    let mut h = harness(sandbox.config(Some(&priya)));
    h.state_mut().run_command(UiCommand::ToggleLibrary);
    h.run_ok();
    let entries = h.state().library_entries().to_vec();
    assert_eq!(entries.len(), 3);
    let marcus_entry = entries.iter().find(|e| e.path == marcus).expect("listed");
    assert_eq!(marcus_entry.person, "Marcus Okafor");
    assert_eq!(marcus_entry.target_role, "Head of product");
    assert_eq!(marcus_entry.readiness, 62);
    assert_eq!(
        marcus_entry.last_session.map(|d| d.to_string()).as_deref(),
        Some("2026-10-27")
    );
    assert_eq!(marcus_entry.overdue(crate::support::TODAY), 1);
    assert!(
        entries.iter().any(|e| e.error.is_some()),
        "the broken file is listed as unreadable"
    );
    assert!(shows(&h, "Marcus Okafor"));
    assert!(shows(&h, "Could not be read"));

    type_into(&mut h, "Search names and roles", "marcus");
    assert!(
        h.query_by_label("Open plan: Priya Raman").is_none(),
        "filtered out"
    );
    press(&mut h, "Open plan: Marcus Okafor");
    assert_eq!(h.state().open_plan().and_then(|o| o.path.clone()), Some(marcus));
    assert_eq!(plan(&h).person.name, "Marcus Okafor");
    assert!(
        trailmap::storage::LibraryCache::file(sandbox.data().root()).is_file(),
        "the cache is kept"
    );
}

/// Right after a session, and after a restart, Progress shows what that
/// session changed (not "Nothing changed" between it and now).
#[test]
fn progress_shows_what_the_last_session_changed() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = harness(sandbox.config(Some(&path)));
    ctrl(&mut h, Key::Num5);
    assert!(!shows(&h, "Nothing changed between these two."));

    ctrl(&mut h, Key::Num4);
    click(&mut h, "Start session");
    ctrl(&mut h, Key::Num1);
    press(&mut h, "Decision-making self rating 3");
    ctrl(&mut h, Key::Num4);
    click(&mut h, "End session");
    assert!(plan(&h).open_session().is_none());
    ctrl(&mut h, Key::Num5);
    assert!(shows(&h, "Decision-making (self): 2 to 3"));
    assert!(!shows(&h, "Nothing changed between these two."));

    ctrl(&mut h, Key::S);
    drop(h);
    let mut h = harness(sandbox.config(Some(&path)));
    ctrl(&mut h, Key::Num5);
    assert!(shows(&h, "Decision-making (self): 2 to 3"), "after a restart too");
}

/// During a session the agenda is the session's own: points are ticked off
/// as discussed, edited, removed and added; the log and the file keep what
/// the session ended with, and which points were discussed.
#[test]
fn the_agenda_is_ticked_edited_trimmed_and_added_to_during_a_session() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = harness(sandbox.config(Some(&path)));
    ctrl(&mut h, Key::Num4);
    click(&mut h, "Start session");
    let suggested = plan(&h).open_session().expect("running").agenda.clone();
    assert!(suggested.len() >= 4, "{suggested:?}");

    press(&mut h, &format!("Discussed: {}", suggested[0].text));
    crate::support::replace_text(&mut h, "Agenda point 2", "Roadmap review first");
    click(&mut h, "Remove agenda point 3");
    type_into(&mut h, "Add a point to the agenda", "Hiring plan for Q1");
    click(&mut h, "Add point");
    press(&mut h, "Discussed: Hiring plan for Q1");
    // Ticking twice takes the tick back.
    press(&mut h, "Discussed: Roadmap review first");
    press(&mut h, "Discussed: Roadmap review first");

    let mut expected: Vec<(String, bool)> = suggested.iter().map(|p| (p.text.clone(), false)).collect();
    expected[0].1 = true;
    expected[1].0 = "Roadmap review first".to_owned();
    expected.remove(2);
    expected.push(("Hiring plan for Q1".to_owned(), true));
    let agenda = |p: &trailmap::model::Plan, ended: bool| -> Vec<(String, bool)> {
        let session = if ended {
            p.sessions.last().expect("logged")
        } else {
            p.open_session().expect("running")
        };
        session.agenda.iter().map(|a| (a.text.clone(), a.done)).collect()
    };
    assert_eq!(agenda(&plan(&h), false), expected);
    // The point added by hand keeps no kind of the suggested ones.
    let added = plan(&h)
        .open_session()
        .expect("running")
        .agenda
        .last()
        .cloned()
        .expect("added");
    assert_eq!(added.kind, trailmap::analysis::AgendaKind::Other);

    click(&mut h, "End session");
    assert_eq!(
        agenda(&plan(&h), true),
        expected,
        "the log keeps what the session ended with"
    );
    let discussed = format!("Agenda: 2 of {} discussed", expected.len());
    assert!(shows(&h, &discussed), "the log says how many were discussed");

    ctrl(&mut h, Key::S);
    let text = std::fs::read_to_string(&path).expect("saved");
    assert!(
        text.contains(&format!("agenda_done: [0, {}]", expected.len() - 1)),
        "{text}"
    );
    drop(h);
    let h = harness(sandbox.config(Some(&path)));
    assert_eq!(agenda(&plan(&h), true), expected, "after a restart too");
}

/// An action agreed in a session can be given a due date, which the new
/// checklist item keeps.
#[test]
fn an_agreed_action_gets_a_due_date() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = harness(sandbox.config(Some(&path)));
    ctrl(&mut h, Key::Num4);
    click(&mut h, "Start session");
    type_into(&mut h, "An action you agreed on", "Draft the hiring plan");
    click(&mut h, "Set due date");
    click(&mut h, "Agree action");
    let item = plan(&h)
        .checklist
        .iter()
        .find(|i| i.text == "Draft the hiring plan")
        .cloned()
        .expect("on the checklist");
    assert_eq!(
        item.due,
        Some(jiff::civil::date(2026, 12, 6)),
        "two weeks from today"
    );
    assert!(
        h.query_by_label_contains("due 6 Dec 2026").is_some(),
        "the agreed action shows its due date"
    );

    // The next action starts without one.
    type_into(&mut h, "An action you agreed on", "Book a skip-level");
    click(&mut h, "Agree action");
    let item = plan(&h)
        .checklist
        .iter()
        .find(|i| i.text == "Book a skip-level")
        .cloned()
        .expect("on the checklist");
    assert_eq!(item.due, None);
}
