//! The Skills view as a user meets it: rating a skill for the first time
//! leaves the cards below where they were, and the column beside the role
//! table says what to do next about the largest gap.

use crate::support::{Sandbox, harness, plan, press, shows};
use egui_kittest::kittest::Queryable;
use trailmap::model::SkillId;
use trailmap::storage;

const MARCUS: &str = "marcus-tech-lead-to-head-of-product.ron";

/// Marcus's plan with communication not rated yet, saved in the sandbox.
fn with_communication_unrated(sandbox: &Sandbox) -> std::path::PathBuf {
    let path = sandbox.example(MARCUS);
    let mut plan = crate::support::example("saves/marcus-tech-lead-to-head-of-product.ron");
    let entry = plan
        .skills
        .get_mut(&SkillId::new("communication"))
        .expect("rated");
    entry.self_rating = None;
    storage::save_plan(&path, &plan, None).expect("save");
    path
}

#[test]
fn rating_a_skill_the_first_time_leaves_the_cards_below_in_place() {
    let sandbox = Sandbox::new();
    let path = with_communication_unrated(&sandbox);
    let mut h = harness(sandbox.config(Some(&path)));
    let below = |h: &egui_kittest::Harness<'_, _>| h.get_by_label("Strategic thinking self rating 1").rect();
    let before = below(&h);
    press(&mut h, "Communication self rating 2");
    assert_eq!(
        plan(&h).skills[&SkillId::new("communication")]
            .self_rating
            .map(|l| l.get()),
        Some(2)
    );
    assert_eq!(below(&h), before, "the next card did not move");
    press(&mut h, "Communication self rating 5");
    assert_eq!(below(&h), before, "nor on a second rating");
}

#[test]
fn the_largest_gap_gets_its_next_actions_and_one_click_suggestions() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = harness(sandbox.config(Some(&path)));
    // Head of product needs 5 in strategic thinking; Marcus rates himself 3.
    assert!(shows(&h, "Next for your largest gap"));
    assert!(shows(
        &h,
        "Strategic thinking: 2 levels short of what Head of product needs."
    ));
    assert!(shows(
        &h,
        "Talk to customers regularly and write down what you learn"
    ));
    let before = plan(&h).checklist.len();
    h.query_all_by_label("Add")
        .next()
        .expect("a library suggestion to add")
        .click();
    h.run();
    let after = plan(&h);
    assert_eq!(after.checklist.len(), before + 1);
    let added = after.checklist.last().expect("added");
    assert_eq!(added.skill, Some(SkillId::new("strategic-thinking")));
    assert!(added.source.is_some(), "it came from the library");
}

/// The date field's calendar: named month buttons, a day per button, no
/// unnamed lists (the harness fails a frame with an unnamed widget).
#[test]
fn the_calendar_sets_a_date_with_named_buttons() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = harness(sandbox.config(Some(&path)));
    crate::support::ctrl(&mut h, egui::Key::Num6);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "2028-03-31 📆")
        .click();
    h.run();
    assert!(shows(&h, "March 2028"));
    h.get_by_label("Next month").click();
    h.run();
    assert!(shows(&h, "April 2028"));
    h.get_by_role_and_label(egui::accesskit::Role::Button, "15")
        .click();
    h.run();
    assert_eq!(plan(&h).target_date, Some(jiff::civil::date(2028, 4, 15)));
    assert!(!shows(&h, "April 2028"), "choosing a day closes the calendar");
    assert!(
        h.get_by_role_and_label(egui::accesskit::Role::Button, "2028-04-15 📆")
            .is_focused(),
        "the focus comes back to the date field"
    );
}

/// A milestone's "reached" box is named after its milestone for assistive
/// technology (it has no visible label of its own).
#[test]
fn milestone_boxes_are_named_after_their_milestone() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = harness(sandbox.config(Some(&path)));
    crate::support::ctrl(&mut h, egui::Key::Num6);
    let name = "Reached: First discovery interview on my own";
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, name)
        .click();
    h.run();
    let plan = plan(&h);
    let milestone = plan
        .milestones
        .iter()
        .find(|m| m.title == "First discovery interview on my own")
        .expect("milestone");
    assert!(milestone.reached);
}

/// A view's content is as wide from its first frame as on every frame after:
/// the scroll bar, which egui shows from the frame after the content first
/// overflows, takes room kept for it. Before (a plain `ScrollArea`, as every
/// view had), the content narrowed when the bar appeared, and every wrapped
/// text was laid out again at the new width, both copies held on that frame:
/// with the stress plan, all twenty skill cards twice (seen in the app: 708
/// points wide on the first frame with the cards, 698 on the next).
#[test]
fn a_view_keeps_its_width_when_its_scroll_bar_appears() {
    use std::cell::RefCell;
    use std::rc::Rc;
    let widths = Rc::new(RefCell::new(Vec::new()));
    let seen = Rc::clone(&widths);
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(400.0, 300.0))
        .build_ui(move |ui| {
            // The app's scroll bars: solid ones, which take room of their own.
            ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
            trailmap::ui::widgets::scroll_view(ui, "view", |ui| {
                seen.borrow_mut().push(ui.available_width());
                for line in 0..40 {
                    ui.label(format!("Line {line} of a view taller than its window"));
                }
            });
        });
    h.run_steps(4);
    let widths = widths.borrow();
    assert!(widths.len() >= 4, "{widths:?}");
    assert!(
        widths.iter().all(|w| (w - widths[0]).abs() < 0.5),
        "the content's width from frame to frame: {widths:?}"
    );
}
