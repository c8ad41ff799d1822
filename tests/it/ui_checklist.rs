//! The checklist view as a user sees and drives it: each row reads as one
//! line at every window width (due date and status next to the title, the
//! move buttons near them), no tooltip repeating a row, the library text
//! once in the detail panel, Tab through a row in reading order, the
//! selected row following the keyboard focus, F6 between the list and the
//! detail panel, and the overall count as a label beside its bar.

use crate::support::{Sandbox, TODAY, click};
use egui::{Key, Rect, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use trailmap::app::{AppConfig, TrailmapApp};

const MARCUS: &str = "marcus-tech-lead-to-head-of-product.ron";
const PRIYA: &str = "priya-tech-lead-to-em.ron";
/// A Marcus row with a due date (overdue) and no status badge.
const TAILOR: &str = "Tailor one message for engineers, partner teams and executives";
/// A Marcus row with a due date and an "in progress" badge.
const CUSTOMERS: &str = "Talk to customers regularly and write down what you learn";

/// The app in a `width`×`height` dark-theme harness, on the Checklist tab.
fn checklist_at(config: AppConfig, width: f32, height: f32) -> Harness<'static, TrailmapApp> {
    let app = TrailmapApp::new(config);
    let mut h = Harness::builder()
        .with_size(egui::vec2(width, height))
        .with_max_steps(20)
        .build_ui_state(|ui, app: &mut TrailmapApp| app.ui_root(ui), app);
    h.run_ok();
    click(&mut h, "Checklist");
    h
}

/// Presses `key` and lets the frames it asks for run.
fn key(h: &mut Harness<'_, TrailmapApp>, key: Key) {
    h.key_press(key);
    h.run_ok();
}

/// The row title (a button named by the action's text).
fn title(h: &Harness<'_, TrailmapApp>, text: &str) -> Rect {
    h.get_by_role_and_label(Role::Button, text).rect()
}

/// The rect of the widget labelled `label` on the same line as `row`.
fn on_row(h: &Harness<'_, TrailmapApp>, label: &str, row: Rect) -> Rect {
    h.query_all_by_label(label)
        .map(|n| n.rect())
        .find(|r| (r.center().y - row.center().y).abs() < 6.0)
        .unwrap_or_else(|| panic!("no {label:?} on the row at y = {}", row.center().y))
}

/// How wide `text` is when drawn as a button's text.
fn button_text_width(h: &Harness<'_, TrailmapApp>, text: &str) -> f32 {
    let font = egui::TextStyle::Button.resolve(&h.ctx.global_style());
    h.ctx
        .fonts_mut(|f| f.layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE))
        .size()
        .x
}

#[test]
fn due_dates_and_badges_sit_next_to_their_titles_at_every_width() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    for (width, height) in [(1024.0, 700.0), (1280.0, 800.0), (1920.0, 1080.0)] {
        let h = checklist_at(sandbox.config(Some(&path)), width, height);
        for (text, due) in [(TAILOR, "due 10 Nov 2026"), (CUSTOMERS, "due 15 Dec 2026")] {
            let row = title(&h, text);
            let text_end = row.left() + button_text_width(&h, text);
            let due = on_row(&h, due, row);
            let gap = due.left() - text_end;
            assert!(
                (0.0..=40.0).contains(&gap),
                "at {width} px the due date of {text:?} is {gap} px from the end of its text"
            );
            assert!(
                due.right() <= width,
                "at {width} px the due date is inside the window"
            );
        }
        let row = title(&h, CUSTOMERS);
        let due = on_row(&h, "due 15 Dec 2026", row);
        let badge = on_row(&h, "in progress", row);
        let gap = badge.left() - due.right();
        assert!(
            (0.0..=24.0).contains(&gap),
            "at {width} px the status badge follows the due date ({gap} px)"
        );
    }
}

#[test]
fn hovering_a_row_shows_no_tooltip_repeating_its_text() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = checklist_at(sandbox.config(Some(&path)), 1280.0, 800.0);
    let row = title(&h, TAILOR);
    // A tooltip does show in this harness: the row's Move up button has one.
    let up = on_row(&h, "⬆", row);
    h.hover_at(up.center());
    h.run_steps(60);
    assert!(
        h.query_by_label("Move up").is_some(),
        "the Move up button's tooltip shows"
    );
    h.hover_at(row.center());
    h.run_steps(60);
    assert_eq!(
        h.query_all_by_label(TAILOR).count(),
        1,
        "only the row itself shows its text: no tooltip repeats it"
    );
    assert!(h.query_by_label("Move up").is_none());
}

/// How many widgets show `text` in their label or value (a text field's
/// lines, its `TextRun` children, are part of the field).
fn times_shown(h: &Harness<'_, TrailmapApp>, text: &str) -> usize {
    let mut n = 0;
    let mut stack = vec![h.root()];
    while let Some(node) = stack.pop() {
        let ak = node.accesskit_node();
        if ak.role() == Role::TextRun {
            continue;
        }
        if ak.label().is_some_and(|l| l.contains(text)) || ak.value().is_some_and(|v| v.contains(text)) {
            n += 1;
        }
        stack.extend(node.children());
    }
    n
}

#[test]
fn the_library_text_shows_once_in_the_detail_panel() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let framework = trailmap::storage::builtin();
    let mut p = plan_on_disk(&path);
    let action = framework
        .actions
        .iter()
        .find(|a| !p.checklist.iter().any(|i| i.source.as_ref() == Some(&a.id)))
        .expect("an action the plan has not used")
        .clone();
    let other = framework
        .actions
        .iter()
        .filter(|a| a.id != action.id)
        .find(|a| !p.checklist.iter().any(|i| i.source.as_ref() == Some(&a.id)))
        .expect("another action")
        .clone();
    // As Suggest actions adds it: the library text in its notes.
    let id = p.allocate_id();
    p.checklist
        .push(trailmap::analysis::item_from_action(&action, id, TODAY));
    // And one whose notes the user has rewritten.
    let id = p.allocate_id();
    let mut rewritten = trailmap::analysis::item_from_action(&other, id, TODAY);
    rewritten.notes = "My own plan for it.".to_owned();
    p.checklist.push(rewritten);
    trailmap::storage::save_plan(&path, &p, None).expect("save");

    let mut h = checklist_at(sandbox.config(Some(&path)), 1280.0, 800.0);
    for template in [&action, &other] {
        crate::support::press(&mut h, &template.title);
        assert!(
            h.query_by_role_and_label(Role::ComboBox, "Status").is_some(),
            "the detail panel is open"
        );
        assert_eq!(
            times_shown(&h, &template.detail),
            1,
            "the library text of {:?} shows once",
            template.title
        );
    }
    assert_eq!(
        times_shown(&h, "My own plan for it."),
        1,
        "the rewritten notes show"
    );
}

/// The plan at `path` as it is on disk.
fn plan_on_disk(path: &std::path::Path) -> trailmap::model::Plan {
    trailmap::storage::load_plan(path, &trailmap::storage::FrameworkCatalog::builtin_only())
        .expect("load")
        .plan
}

/// The label and rect of the focused widget.
fn focused(h: &Harness<'_, TrailmapApp>) -> (String, Rect) {
    let node = h.get_by(|n| n.is_focused());
    (node.accesskit_node().label().unwrap_or_default(), node.rect())
}

#[test]
fn tab_goes_through_a_row_in_reading_order() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = checklist_at(sandbox.config(Some(&path)), 1280.0, 800.0);
    let row = title(&h, TAILOR);
    h.get_by_role_and_label(Role::CheckBox, &format!("Done: {TAILOR}"))
        .focus();
    h.run_ok();
    let order: Vec<String> = (0..3)
        .map(|_| {
            key(&mut h, Key::Tab);
            let (label, rect) = focused(&h);
            assert!(
                (rect.center().y - row.center().y).abs() < 6.0,
                "{label:?} is on the same row"
            );
            label
        })
        .collect();
    assert_eq!(order, [TAILOR, "⬆", "⬇"], "checkbox, text, up, down");
    // The arrows keep their tooltips.
    let up = on_row(&h, "⬆", row);
    h.hover_at(up.center());
    h.run_steps(60);
    assert!(h.query_by_label("Move up").is_some());
    let down = on_row(&h, "⬇", row);
    h.hover_at(down.center());
    h.run_steps(60);
    assert!(h.query_by_label("Move down").is_some());
}

#[test]
fn f6_moves_the_focus_between_the_selected_row_and_the_detail_panel() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = checklist_at(sandbox.config(Some(&path)), 1280.0, 800.0);
    // Open the detail panel of one row, then leave the focus elsewhere.
    h.get_by_role_and_label(Role::Button, TAILOR).click();
    h.run_ok();
    h.get_by(|n| n.placeholder() == Some("Search actions")).focus();
    h.run_ok();
    let text_field = |h: &Harness<'_, TrailmapApp>| {
        h.query_by(|n| n.role() == Role::MultilineTextInput && n.value().as_deref() == Some(TAILOR))
            .is_some_and(|n| n.is_focused())
    };
    let row_focused =
        |h: &Harness<'_, TrailmapApp>| h.get_by_role_and_label(Role::Button, TAILOR).is_focused();
    key(&mut h, Key::F6);
    assert!(text_field(&h), "F6 goes to the detail panel's first field");
    key(&mut h, Key::F6);
    assert!(row_focused(&h), "F6 again goes back to the selected row");
    key(&mut h, Key::F6);
    assert!(text_field(&h), "and again to the panel");
    // From further down the panel too.
    key(&mut h, Key::Tab);
    assert!(!text_field(&h));
    key(&mut h, Key::F6);
    assert!(row_focused(&h), "from any field of the panel");
    assert!(
        h.query_by_label_contains("F6").is_some(),
        "the panel tells about the shortcut"
    );
    assert!(!crate::support::dirty(&h), "nothing was changed");
}

#[test]
fn f6_on_a_row_with_nothing_selected_opens_its_details() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = checklist_at(sandbox.config(Some(&path)), 1280.0, 800.0);
    h.get_by_role_and_label(Role::CheckBox, &format!("Done: {TAILOR}"))
        .focus();
    h.run_ok();
    key(&mut h, Key::F6);
    assert!(
        h.query_by(|n| n.role() == Role::MultilineTextInput && n.value().as_deref() == Some(TAILOR))
            .is_some_and(|n| n.is_focused()),
        "F6 opens the focused row's details and goes there"
    );
    key(&mut h, Key::F6);
    assert!(h.get_by_role_and_label(Role::Button, TAILOR).is_focused());
}

#[test]
fn the_done_count_is_a_label_beside_a_bar_without_text() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let h = checklist_at(sandbox.config(Some(&path)), 1280.0, 800.0);
    let count = h.get_by_role_and_label(Role::Label, "3 of 10 done").rect();
    let heading = h
        .query_all_by_label("Checklist")
        .find(|n| n.accesskit_node().role() != Role::Button)
        .expect("the heading")
        .rect();
    let bars: Vec<_> = h
        .query_all_by_role(Role::ProgressIndicator)
        .filter(|n| (n.rect().center().y - heading.center().y).abs() < 10.0)
        .collect();
    assert_eq!(bars.len(), 1, "one bar beside the heading");
    let bar = &bars[0];
    assert!(
        bar.accesskit_node().label().is_none_or(|l| !l.contains("done")),
        "no text on the bar"
    );
    assert!(
        !bar.rect().intersects(count),
        "the count is beside the bar, not on it"
    );
    assert!(count.left() >= bar.rect().right() - 1.0 && count.left() - bar.rect().right() < 24.0);
}

#[test]
fn f6_brings_a_selected_row_out_of_view_into_view() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    trailmap::storage::save_plan(&path, &crate::support::big_plan(60_000, "Long"), None).expect("save");
    let mut h = checklist_at(sandbox.config(Some(&path)), 1280.0, 800.0);
    assert!(
        plan_on_disk(&path).checklist.len() > 100,
        "a list longer than the window"
    );
    // A new action goes at the end of the list and is selected; the list
    // stays at its top.
    crate::support::type_into(&mut h, "New action, e.g. Run the next retro", "Far down");
    key(&mut h, Key::Enter);
    assert!(
        h.query_by_role_and_label(Role::Button, "Far down").is_none(),
        "its row is out of view"
    );
    key(&mut h, Key::F6);
    assert!(
        h.query_by(|n| n.role() == Role::MultilineTextInput && n.value().as_deref() == Some("Far down"))
            .is_some_and(|n| n.is_focused()),
        "F6 goes to the detail panel"
    );
    key(&mut h, Key::F6);
    let row = h
        .query_by_role_and_label(Role::Button, "Far down")
        .expect("the list scrolled to the row");
    assert!(row.is_focused(), "and the row has the focus");
    assert!(row.rect().bottom() <= 800.0, "inside the window");
}

#[test]
fn move_buttons_sit_near_their_row_at_every_width() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    for (width, height) in [(1024.0, 700.0), (1280.0, 800.0), (1920.0, 1080.0)] {
        let h = checklist_at(sandbox.config(Some(&path)), width, height);
        let row = title(&h, CUSTOMERS);
        let badge = on_row(&h, "in progress", row);
        let up = on_row(&h, "⬆", row);
        let down = on_row(&h, "⬇", row);
        assert!(up.left() > badge.right(), "after the badge");
        assert!(
            up.left() - badge.right() <= 320.0,
            "at {width} px the move buttons are {} px from the badge",
            up.left() - badge.right()
        );
        assert!(down.right() <= width, "inside the window");
        // The add row keeps to the list's column too.
        let add = h.get_by_role_and_label(Role::Button, "Add action").rect();
        assert!(
            (add.right() - down.right()).abs() <= 40.0,
            "at {width} px the Add action button ends with the rows ({} and {})",
            add.right(),
            down.right()
        );
    }
}

/// Whether the row title `text` is the selected one (as assistive
/// technology is told).
fn is_selected(h: &Harness<'_, TrailmapApp>, text: &str) -> bool {
    h.get_by_role_and_label(Role::Button, text)
        .accesskit_node()
        .toggled()
        == Some(egui::accesskit::Toggled::True)
}

#[test]
fn with_an_action_open_the_selection_follows_the_keyboard_focus() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = checklist_at(sandbox.config(Some(&path)), 1280.0, 800.0);
    h.get_by_role_and_label(Role::Button, TAILOR).click();
    h.run_ok();
    assert!(is_selected(&h, TAILOR));
    // Tab from the last widget of the Tailor row to the next row.
    let row = title(&h, TAILOR);
    h.query_all_by_label("⬇")
        .find(|n| (n.rect().center().y - row.center().y).abs() < 6.0)
        .expect("the row's Move down")
        .focus();
    h.run_ok();
    assert!(is_selected(&h, TAILOR), "focus on the selected row keeps it");
    key(&mut h, Key::Tab);
    let (label, rect) = focused(&h);
    let next = title(&h, CUSTOMERS);
    assert_eq!(label, format!("Done: {CUSTOMERS}"));
    assert!((rect.center().y - next.center().y).abs() < 6.0);
    assert!(
        is_selected(&h, CUSTOMERS) && !is_selected(&h, TAILOR),
        "the row with the focus is the selected one"
    );
    assert!(
        h.query_by(|n| n.role() == Role::MultilineTextInput && n.value().as_deref() == Some(CUSTOMERS))
            .is_some(),
        "the detail panel shows it"
    );
    // A click still chooses any row, wherever the focus is.
    h.get_by_role_and_label(Role::Button, TAILOR).click();
    h.run_ok();
    assert!(is_selected(&h, TAILOR) && !is_selected(&h, CUSTOMERS));
    // With nothing open, tabbing through the rows opens nothing.
    click(&mut h, "Close");
    h.get_by_role_and_label(Role::CheckBox, &format!("Done: {TAILOR}"))
        .focus();
    h.run_ok();
    key(&mut h, Key::Tab);
    key(&mut h, Key::Tab);
    key(&mut h, Key::Tab);
    key(&mut h, Key::Tab);
    assert!(
        h.query_by_role_and_label(Role::ComboBox, "Status").is_none(),
        "no detail panel opened"
    );
    assert!(!crate::support::dirty(&h), "nothing was changed");
}
