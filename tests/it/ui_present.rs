//! What the app shell shows around the views: the bar of a running session
//! on every view, what presentation mode leaves out (paths, mentor-only
//! notes), and the status bar at small widths.

use std::path::Path;

use crate::support::{Sandbox, click, ctrl, harness, plan, press, shows, type_into};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{AccessKitNode, NodeT, Queryable};
use trailmap::app::{TrailmapApp, UiCommand};
use trailmap::ui::Tab;

const MARCUS: &str = "marcus-tech-lead-to-head-of-product.ron";
const SUMMARY_HINT: &str = "What you agreed, in a sentence or two";

/// A session started on the Sessions tab shows on every other view, with
/// its mentor and start time; its End session… leads to the wrap-up on the
/// Sessions tab, which ends it.
#[test]
fn a_running_session_shows_on_every_view_and_ends_from_there() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = harness(sandbox.config(Some(&path)));
    ctrl(&mut h, Key::Num4);
    click(&mut h, "Start session");
    let started = plan(&h).open_session().expect("running").started;
    let bar = format!(
        "Session with Dana Whitfield in progress since {:02}:{:02}",
        started.hour(),
        started.minute()
    );
    for tab in [Tab::Skills, Tab::Path, Tab::Checklist, Tab::Progress, Tab::Notes] {
        h.state_mut().run_command(UiCommand::ShowTab(tab));
        h.run_ok();
        assert!(shows(&h, &bar), "the bar shows on {tab:?}");
    }

    h.state_mut().run_command(UiCommand::ShowTab(Tab::Skills));
    h.run_ok();
    click(&mut h, "End session…");
    assert_eq!(h.state().tab(), Tab::Sessions);
    assert!(plan(&h).open_session().is_some(), "not ended before its summary");
    let summary = h.get_by(|n| n.placeholder() == Some(SUMMARY_HINT));
    assert!(summary.is_focused(), "the summary field has the focus");
    summary.type_text("Ended from the Skills tab.");
    h.run_ok();
    click(&mut h, "End session");
    let after = plan(&h);
    assert!(after.open_session().is_none(), "ended");
    assert_eq!(
        after.sessions.last().map(|s| s.summary.as_str()),
        Some("Ended from the Skills tab.")
    );
    ctrl(&mut h, Key::Num1);
    assert!(!shows(&h, &bar), "no bar once it has ended");
}

/// What a node says: a button's label, a label's text.
fn text(node: &AccessKitNode<'_>) -> Option<String> {
    node.label().or_else(|| node.value())
}

/// Every text on screen (labels, values, descriptions) that names
/// `folder` or mentions mentor-only notes.
fn leaks(h: &Harness<'_, TrailmapApp>, folder: &str) -> Vec<String> {
    h.query_all_by(|_| true)
        .flat_map(|n| {
            let node = n.accesskit_node();
            [node.label(), node.value(), node.description()]
        })
        .flatten()
        .filter(|text| {
            let lower = text.to_lowercase();
            text.contains(folder) || lower.contains("mentor-only") || lower.contains("mentor only")
        })
        .collect()
}

/// Opens every finished session in the log.
fn open_the_log(h: &mut Harness<'_, TrailmapApp>) {
    let titles: Vec<String> = h
        .query_all_by(|n| text(n).is_some_and(|l| l.starts_with("Session ") && l.contains(" · ")))
        .filter_map(|n| text(&n.accesskit_node()))
        .collect();
    assert!(titles.len() >= 3, "{titles:?}");
    for title in titles {
        press(h, &title);
    }
}

#[test]
fn presenting_hides_every_path_and_every_mention_of_mentor_only_notes() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let folder = sandbox.data().root().display().to_string();
    let mut h = harness(sandbox.config(Some(&path)));
    ctrl(&mut h, Key::Num4);
    click(&mut h, "Start session");
    type_into(&mut h, "Add a note", "Ready for the partner PM role");
    press(&mut h, "Mentor only");
    click(&mut h, "Add note");
    open_the_log(&mut h);
    ctrl(&mut h, Key::S);
    let shown = leaks(&h, &folder);
    assert!(
        shown.iter().any(|t| t.contains(&folder)) && shown.iter().any(|t| !t.contains(&folder)),
        "the check sees both when not presenting: {shown:?}"
    );

    h.state_mut().run_command(UiCommand::TogglePresentation);
    h.run_ok();
    for tab in Tab::ALL {
        h.state_mut().run_command(UiCommand::ShowTab(tab));
        h.run_ok();
        assert_eq!(leaks(&h, &folder), Vec::<String>::new(), "on {tab:?}");
    }
    // A save while presenting says where it saved without the folder.
    ctrl(&mut h, Key::S);
    assert!(!crate::support::dirty(&h));
    assert_eq!(leaks(&h, &folder), Vec::<String>::new(), "after a save");
    press(&mut h, "File");
    press(&mut h, "Open recent");
    assert!(
        h.query_all_by(|n| text(n).is_some_and(|l| l.contains(MARCUS)))
            .next()
            .is_some(),
        "the recent plan is listed by its name"
    );
    assert_eq!(leaks(&h, &folder), Vec::<String>::new(), "in the File menu");
    h.key_press(Key::Escape);
    h.run_ok();

    // The library, asked for while presenting, and the start page.
    h.state_mut().run_command(UiCommand::ToggleLibrary);
    h.run_ok();
    assert_eq!(
        leaks(&h, &folder),
        Vec::<String>::new(),
        "with the library asked for"
    );
    h.state_mut().run_command(UiCommand::Close);
    h.run_ok();
    assert_eq!(h.state().page_kind(), trailmap::app::PageKind::Welcome);
    assert_eq!(leaks(&h, &folder), Vec::<String>::new(), "on the start page");

    h.state_mut().run_command(UiCommand::TogglePresentation);
    h.run_ok();
    assert!(
        !leaks(&h, &folder).is_empty(),
        "the start page names the folder again after presenting"
    );
}

/// The app at `width`×700 on a plan kept deep in folders with long names.
fn narrow(sandbox: &Sandbox, width: f32) -> Harness<'static, TrailmapApp> {
    let folder = sandbox
        .dir
        .path()
        .join("a folder with a rather long name for plans")
        .join("and another one inside it, as people make");
    std::fs::create_dir_all(&folder).expect("folder");
    let path = folder.join(MARCUS);
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("saves").join(MARCUS),
        &path,
    )
    .expect("copy");
    let app = TrailmapApp::new(sandbox.config(Some(&path)));
    let mut h = Harness::builder()
        .with_size(egui::vec2(width, 700.0))
        .with_max_steps(20)
        .build_ui_state(|ui, app: &mut TrailmapApp| app.ui_root(ui), app);
    h.run_ok();
    h
}

/// The status bar's texts: where the plan is, whether it is saved, and the
/// last message: side by side, none over another, at every width.
#[test]
fn the_status_bar_texts_do_not_overlap_at_small_widths() {
    for width in [880.0, 1024.0, 1280.0] {
        let sandbox = Sandbox::new();
        let h = narrow(&sandbox, width);
        let saved = h.get_by_label("All changes saved").rect();
        let label = |n: &AccessKitNode<'_>, what: &dyn Fn(&str) -> bool| {
            n.role() == egui::accesskit::Role::Label && text(n).is_some_and(|t| what(&t))
        };
        let message = h.get_by(|n| label(n, &|t| t.starts_with("Opened "))).rect();
        // Where the plan is kept: cut in the middle, its file name kept.
        let place = h
            .get_by(|n| label(n, &|t| t.ends_with(MARCUS) && !t.starts_with("Opened ")))
            .rect();
        for (name, rect) in [("saved", saved), ("place", place)] {
            assert!(
                !rect.intersects(message),
                "at {width}: {name} {rect:?} and the message {message:?} overlap"
            );
        }
        assert!(!saved.intersects(place), "at {width}");
        assert!(message.max.x <= width + 0.5, "at {width}: {message:?}");
    }
}
