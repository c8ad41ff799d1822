//! What a start reads before the first plan shows: leftover temporary files
//! cleaned, the frameworks, the recovery copies, the first plan. It runs on a
//! named thread, so the window draws at once (its layout, with "Opening…"
//! where the plan will be) and repaints once when it is done. The thread
//! starts only once the first frame is on screen: on two cores, parsing the
//! stress plan beside the first frame made that frame about a tenth later
//! (scripts/bench-launch.sh), and cleaning a 2,000-plan folder competes
//! the same way. Tests run it in the frame that asks
//! (`AppConfig::background_threads` off).

use std::path::PathBuf;
use std::sync::mpsc::channel;
use std::time::Duration;

use super::dialogs::Dialog;
use super::{Page, TrailmapApp};
use crate::model::Framework;
use crate::storage::{self, DataDir, FrameworkCatalog, LoadedPlan, Recovery, StorageError};

/// What the start read.
#[derive(Debug)]
pub(super) struct Startup {
    catalog: FrameworkCatalog,
    framework_errors: Vec<String>,
    /// The framework files named on the command line or in the preferences.
    frameworks: Vec<Framework>,
    recoveries: Vec<(PathBuf, Recovery)>,
    /// The first plan and what reading it gave.
    plan: Option<(PathBuf, Result<LoadedPlan, StorageError>)>,
}

/// How long the start's thread waits for the first frame before it reads
/// anyway (a window that is not shown may draw no frame).
const FIRST_FRAME_WAIT: Duration = Duration::from_secs(1);

/// Reads what the start needs: files only, no app state.
fn gather(data: &DataDir, plan: Option<PathBuf>, framework_files: Vec<PathBuf>) -> Startup {
    let _ = storage::ensure_dir(&data.plans());
    // Leftovers of saves killed part-way, wherever Trailmap writes.
    for dir in [
        data.plans(),
        data.root().to_path_buf(),
        data.recovery(),
        data.frameworks(),
    ] {
        storage::clean_temp_files(&dir);
    }
    storage::Instance::clean_ended(data, &|id| storage::has_recoveries_of(data, id));
    let (mut catalog, errors) = FrameworkCatalog::load(&data.frameworks());
    let mut framework_errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let mut frameworks = Vec::new();
    for file in framework_files {
        match storage::load_framework(&file) {
            Ok(framework) => {
                catalog.add(framework.clone());
                frameworks.push(framework);
            }
            Err(e) => framework_errors.push(e.to_string()),
        }
    }
    let recoveries = storage::list_recoveries(data)
        .into_iter()
        .filter_map(|(path, r)| r.ok().map(|r| (path, r)))
        .collect();
    let plan = plan.map(|path| {
        let path = storage::canonical(&path);
        if let Some(dir) = path.parent() {
            storage::clean_temp_files(dir);
        }
        let loaded = storage::load_plan(&path, &catalog);
        (path, loaded)
    });
    Startup {
        catalog,
        framework_errors,
        frameworks,
        recoveries,
        plan,
    }
}

impl TrailmapApp {
    /// Starts: on a thread when threads are allowed (the window shows
    /// "Opening…" meanwhile), else at once.
    pub(super) fn start(&mut self, plan: Option<PathBuf>, framework_file: Option<PathBuf>) {
        let frameworks: Vec<PathBuf> = framework_file
            .into_iter()
            .chain(self.shell.prefs.framework_file.clone())
            .collect();
        let last = self.shell.prefs.last_plan.clone();
        let data = self.shell.data.clone();
        let first_plan = move || plan.or_else(|| last.filter(|p| p.is_file()));
        if !self.jobs.background_threads {
            let startup = gather(&data, first_plan(), frameworks);
            self.apply_startup(startup);
            return;
        }
        let (tx, rx) = channel();
        let (go_tx, go_rx) = channel::<()>();
        let ctx = self.jobs.repaint_ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("trailmap-start".into())
            .spawn(move || {
                // A closed channel (the app gone) or the wait over: go on.
                let _ = go_rx.recv_timeout(FIRST_FRAME_WAIT);
                // The clock's first read loads the time zone database (a walk
                // of hundreds of folders): here, not in the frame that shows the plan.
                let _ = crate::clock::now();
                let _ = tx.send(gather(&data, first_plan(), frameworks));
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => {
                self.document.page = Page::Loading;
                self.jobs.startup = Some(rx);
                self.jobs.startup_go = Some(go_tx);
            }
            Err(e) => {
                self.document.page = Page::Welcome;
                self.set_error(format!("Could not start reading the plans: {e}"));
            }
        }
    }

    /// Takes what the start-up thread read, once it is done (called from
    /// the second frame on, which lets the thread start).
    pub(super) fn poll_startup(&mut self) {
        let Some(rx) = &self.jobs.startup else { return };
        match rx.try_recv() {
            Ok(startup) => {
                self.jobs.startup = None;
                self.apply_startup(startup);
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.jobs.startup = None;
                self.document.page = Page::Welcome;
                self.set_error("Starting failed; your files were not changed");
            }
        }
    }

    /// Uses what the start read: the frameworks, the first plan, the
    /// recovery copies.
    fn apply_startup(&mut self, startup: Startup) {
        let Startup {
            catalog,
            framework_errors,
            frameworks,
            recoveries,
            plan,
        } = startup;
        self.document.catalog = catalog;
        if let Some(last) = frameworks.last() {
            self.document.installed_framework = Some(last.id.clone());
        }
        if let Some(first) = framework_errors.first() {
            self.set_error(format!("A framework could not be loaded: {first}"));
        }
        self.document.page = Page::Welcome;
        if let Some((path, loaded)) = plan {
            self.open_loaded(&path, loaded);
        }
        if !recoveries.is_empty() {
            self.dialogs.current = Some(Dialog::Recovery(recoveries));
        }
    }
}
