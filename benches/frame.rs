//! One UI frame of the whole app, headless: `Context::run_ui` with
//! `TrailmapApp::ui_root` plus tessellation, at 1280×800, for an example plan
//! for the stress plan (`trailmap_testkit::stress`) and for the largest plan
//! that validates (`stress::largest_plan`: 24 skills of its own, 20,000
//! actions), on every tab, and with the library side panel open on a
//! folder of 2,000 plans.
//!
//! ```text
//! cargo bench --bench frame
//! ```
//!
//! Targets (issues #6, #17): at most 1 ms with the example plan, at most
//! 3 ms with the stress plan and the largest plan, on every view.
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "tests, benchmarks and examples make real files and threads"
)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use trailmap::app::{AppConfig, PageKind, TrailmapApp, UiCommand};
use trailmap::storage::{self, DataDir};
use trailmap::ui::Tab;
use trailmap_testkit::stress;

/// A headless app with a plan open, and the egui context that drives it.
struct Rig {
    ctx: egui::Context,
    app: TrailmapApp,
    time: f64,
}

impl Rig {
    fn new(data: &DataDir, plan: &Path, tab: Tab, library: bool) -> Self {
        let mut config = AppConfig::new(data.clone());
        config.plan = Some(plan.to_path_buf());
        config.today = Some(stress::TODAY);
        config.recovery_interval = Duration::from_secs(3600);
        config.native_dialogs = false;
        config.background_threads = false;
        let mut app = TrailmapApp::new(config);
        assert_eq!(
            app.page_kind(),
            PageKind::Plan,
            "{} does not open: {:?}",
            plan.display(),
            app.load_failure()
        );
        app.run_command(UiCommand::ShowTab(tab));
        if library != app.prefs().library_open {
            app.run_command(UiCommand::ToggleLibrary);
        }
        let mut rig = Self {
            ctx: egui::Context::default(),
            app,
            time: 0.0,
        };
        // Warm up: fonts, caches and layout settle in the first frames.
        for _ in 0..5 {
            rig.frame();
        }
        rig
    }

    /// Runs one frame: UI logic and tessellation.
    fn frame(&mut self) -> usize {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            time: Some(self.time),
            ..Default::default()
        };
        let app = &mut self.app;
        let mut output = self.ctx.run_ui(input, |ui| app.ui_root(ui));
        let shapes = std::mem::take(&mut output.shapes);
        let primitives = self.ctx.tessellate(shapes, output.pixels_per_point);
        output.textures_delta.clear();
        primitives.len()
    }
}

fn write_plans(data: &DataDir) -> Vec<(&'static str, PathBuf)> {
    let plans = data.plans();
    storage::ensure_dir(&plans).expect("plans folder");
    let example = plans.join("marcus.ron");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/marcus-tech-lead-to-head-of-product.ron"),
    )
    .expect("read the example plan");
    storage::write_plan_text(&example, &text).expect("write the example plan");
    stress::write_library(&plans, 1).expect("write the library");
    let stress_path = plans.join("stress.ron");
    let (plan, _) = stress::stress_plan(1);
    storage::write_plan_text(&stress_path, &storage::plan_to_string(&plan)).expect("write the stress plan");
    let largest_path = plans.join("largest.ron");
    let (plan, framework) = stress::largest_plan();
    assert_eq!(plan.check(&framework), Vec::new(), "the largest plan validates");
    storage::write_plan_text(&largest_path, &storage::plan_to_string(&plan)).expect("write the largest plan");
    vec![
        ("example", example),
        ("stress", stress_path),
        ("largest", largest_path),
    ]
}

fn frame_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = DataDir::new(dir.path());
    let plans = write_plans(&data);
    let mut group = c.benchmark_group("frame");
    group.sample_size(50);
    for (plan_name, path) in &plans {
        for tab in Tab::ALL {
            let mut rig = Rig::new(&data, path, tab, false);
            let name = format!("{plan_name}/{}", tab.label().to_lowercase().replace(" & ", "-"));
            group.bench_function(name, |b| b.iter(|| black_box(rig.frame())));
        }
        // The library side panel open, listing the 2,000 plans of the folder.
        let mut rig = Rig::new(&data, path, Tab::Checklist, true);
        assert!(rig.app.library_entries().len() > stress::LIBRARY_PLANS);
        group.bench_function(format!("{plan_name}/checklist+library"), |b| {
            b.iter(|| black_box(rig.frame()))
        });
    }
    group.finish();
}

criterion_group!(benches, frame_benches);
criterion_main!(benches);
