//! The open plan and its file: open, new, save, save as, reload, and the
//! paths chosen in dialogs. Its recovery copies are `recovery.rs`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::TrailmapApp;
use super::dialogs::{Dialog, PathForm, PathPurpose, Pending};
use super::recovery::RecoveryTimer;
use crate::model::{Document, Framework, Plan, RoleId};
use crate::storage::{self, Fingerprint, FrameworkCatalog};
use crate::ui::Tab;
use crate::ui::error_page::LoadFailure;
use crate::ui::welcome::EXAMPLES;

/// What the window shows.
#[derive(Debug)]
pub enum Page {
    /// The start page.
    Welcome,
    /// The first plan being read (the window shows its layout meanwhile).
    Loading,
    /// An open plan.
    Plan(Box<OpenPlan>),
    /// A plan that could not be opened.
    Error(LoadFailure),
}

/// An open plan and everything the app knows about its file.
#[derive(Debug)]
pub struct OpenPlan {
    /// The plan with its undo history.
    pub doc: Document,
    /// Its file; `None` until first saved.
    pub path: Option<PathBuf>,
    /// Its framework.
    pub framework: Arc<Framework>,
    /// What the file held when opened or last saved.
    pub fingerprint: Option<Fingerprint>,
    /// Set when the file came from a newer Trailmap: never written over.
    pub newer_format: Option<u32>,
    /// A key for the recovery file of a plan never saved.
    pub untitled_key: String,
    /// The revision last written to the recovery file.
    pub recovery_revision: Option<u64>,
    /// This window's lock on the plan file: only the holder writes it.
    pub lock: Option<storage::PlanLock>,
    /// Set when another window holds the plan's lock: the plan is open
    /// read-only here, and saving asks for another file.
    pub held_elsewhere: bool,
}

/// What is known of a plan's file as it is opened.
#[derive(Debug)]
pub(super) struct PlanFile {
    /// The file.
    pub(super) path: PathBuf,
    /// What the file held when read (or when the edits began).
    pub(super) fingerprint: Fingerprint,
    /// Set when the file came from a newer Trailmap.
    pub(super) newer_format: Option<u32>,
    /// This window's lock on it, if one could be taken.
    pub(super) lock: Option<storage::PlanLock>,
    /// Whether another window holds its lock.
    pub(super) held_elsewhere: bool,
}

impl OpenPlan {
    /// `doc` with `framework`, read from `file`, or with no file yet (`None`):
    /// the one way an open plan is made.
    pub(super) fn new(doc: Document, framework: Arc<Framework>, file: Option<PlanFile>) -> Self {
        let mut open = Self {
            doc,
            path: None,
            framework,
            fingerprint: None,
            newer_format: None,
            untitled_key: super::recovery::untitled_key(),
            recovery_revision: None,
            lock: None,
            held_elsewhere: false,
        };
        if let Some(file) = file {
            open.path = Some(file.path);
            open.fingerprint = Some(file.fingerprint);
            open.newer_format = file.newer_format;
            open.lock = file.lock;
            open.held_elsewhere = file.held_elsewhere;
        }
        open
    }

    /// The name shown in the title bar.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            None => "Untitled plan".to_owned(),
        }
    }
}

/// The document side of the app: what the window shows (the open plan and
/// its file), the frameworks plans open with, and the timing of the
/// recovery copy and of the undo steps.
#[derive(Debug)]
pub(super) struct DocumentState {
    /// What the window shows: the start page, a plan, or a load error.
    pub(super) page: Page,
    /// The frameworks plans may use: built in, installed, given.
    pub(super) catalog: FrameworkCatalog,
    /// The id of the framework installed or given last (a new plan uses it
    /// unless the user picks another).
    pub(super) installed_framework: Option<String>,
    /// When this window's recovery copy is written.
    pub(super) recovery: RecoveryTimer,
    /// When the last keystroke edit came, to end one undo step after a pause.
    pub(super) last_typing: Option<Instant>,
}

impl DocumentState {
    /// The start page with only the built-in framework, writing recovery
    /// copies every `recovery_interval`.
    pub(super) fn new(recovery_interval: Duration) -> Self {
        Self {
            page: Page::Welcome,
            catalog: FrameworkCatalog::builtin_only(),
            installed_framework: None,
            recovery: RecoveryTimer::new(recovery_interval),
            last_typing: None,
        }
    }

    /// The open plan, if any.
    pub(super) fn open_plan(&self) -> Option<&OpenPlan> {
        match &self.page {
            Page::Plan(open) => Some(open),
            _ => None,
        }
    }

    /// The open plan, if any, to change.
    pub(super) fn open_plan_mut(&mut self) -> Option<&mut OpenPlan> {
        match &mut self.page {
            Page::Plan(open) => Some(open),
            _ => None,
        }
    }
}

impl TrailmapApp {
    /// Opens `path`, asking first if there are unsaved changes.
    pub fn request_open_path(&mut self, path: PathBuf) {
        if self.is_dirty() {
            self.dialogs.current = Some(Dialog::Unsaved(Pending::OpenPath(path)));
        } else {
            self.open_path(&path);
        }
    }

    /// Opens the plan at `path` now. On failure shows the error page; the file
    /// is never written.
    pub fn open_path(&mut self, path: &Path) {
        let path = &storage::canonical(path);
        storage::clean_temp_files(path.parent().unwrap_or(Path::new(".")));
        let loaded = storage::load_plan(path, &self.document.catalog);
        self.open_loaded(path, loaded);
    }

    /// Opens the plan read from `path` (or shows why it could not be read).
    pub(super) fn open_loaded(
        &mut self,
        path: &Path,
        loaded: Result<storage::LoadedPlan, storage::StorageError>,
    ) {
        match loaded {
            Ok(loaded) => {
                let newer = loaded.newer_format;
                let (lock, held_elsewhere) = self.lock_plan(path);
                let file = PlanFile {
                    path: path.to_path_buf(),
                    fingerprint: loaded.fingerprint,
                    newer_format: newer,
                    lock,
                    held_elsewhere,
                };
                let open = OpenPlan::new(Document::new(loaded.plan), loaded.framework, Some(file));
                self.document.page = Page::Plan(Box::new(open));
                self.shell.prefs.add_recent(path);
                self.shell.prefs.last_plan = Some(path.to_path_buf());
                self.after_open();
                match newer {
                    Some(v) => self.set_status(format!(
                        "Opened read-only: the file comes from a newer Trailmap (format {v}). Save as… keeps a copy."
                    )),
                    None if held_elsewhere => self.set_status(
                        "Opened read-only: this plan is open in another Trailmap window. Save as… keeps a copy.",
                    ),
                    None if self.open_plan().is_some_and(|o| o.lock.is_none()) => self.set_error(format!(
                        "Opened {}, but no lock could be taken: another window could write it too",
                        path.display()
                    )),
                    None => self.set_status(format!("Opened {}", path.display())),
                }
                self.merge_sync_copies();
            }
            Err(error) => {
                let text = storage::read_lossy(path);
                self.document.page = Page::Error(LoadFailure::new(&error, text.as_deref()));
                self.set_error(format!("Could not open {}", path.display()));
            }
        }
    }

    /// Takes this window's lock on the plan at `path`, first letting go of
    /// the lock of the plan open now (it is being replaced). Returns the lock
    /// (none where the data folder cannot hold one) and whether another
    /// window holds it.
    pub(super) fn lock_plan(&mut self, path: &Path) -> (Option<storage::PlanLock>, bool) {
        if let Some(open) = self.document.open_plan_mut() {
            open.lock = None;
        }
        match storage::PlanLock::acquire(&self.shell.data, path) {
            Ok(lock) => (lock, false),
            Err(_) => (None, true),
        }
    }

    /// Forgets what belonged to the plan open before.
    pub(super) fn after_open(&mut self) {
        let replica = self.shell.replica;
        if let Some(open) = self.document.open_plan_mut() {
            open.doc.set_replica(replica);
        }
        self.views.plan_opened();
        self.document.recovery.last_write = None;
    }

    /// Opens a new, never-saved plan.
    pub(super) fn open_new(&mut self, plan: Plan) {
        let framework = self.framework_for(&plan);
        self.document.page = Page::Plan(Box::new(OpenPlan::new(
            Document::new_unsaved(plan),
            framework,
            None,
        )));
        self.after_open();
        self.views.tab = Tab::Skills;
        self.set_status("New plan: rate yourself on each skill, then save it (Ctrl+S)");
    }

    /// The framework `plan` names, else the built-in one.
    pub(super) fn framework_for(&self, plan: &Plan) -> Arc<Framework> {
        self.document
            .catalog
            .get(&plan.framework.id)
            .unwrap_or_else(storage::builtin)
    }

    /// A free path in the plans folder for a file called `name`.
    pub(super) fn free_plan_path(&self, name: &str) -> PathBuf {
        let dir = self.shell.data.plans();
        let stem = name.trim_end_matches(".ron");
        let mut candidate = dir.join(format!("{stem}.ron"));
        let mut n = 2;
        while candidate.exists() {
            candidate = dir.join(format!("{stem}-{n}.ron"));
            n += 1;
        }
        candidate
    }

    /// Copies example `n` into the plans folder and opens the copy.
    pub fn open_example(&mut self, n: usize) {
        let Some(example) = EXAMPLES.get(n) else { return };
        let path = self.free_plan_path(example.file_name);
        match storage::ensure_dir(&self.shell.data.plans())
            .and_then(|()| storage::write_plan_text(&path, example.text))
        {
            Ok(()) => self.open_path(&path),
            Err(e) => self.set_error(format!("Could not copy the example: {e}")),
        }
    }

    /// Opens a plan received from someone else as a copy in the plans folder;
    /// the received file is only read.
    pub fn open_copy(&mut self, from: &Path) {
        let loaded = match storage::load_plan(from, &self.document.catalog) {
            Ok(loaded) => loaded,
            Err(error) => {
                let text = storage::read_lossy(from);
                self.document.page = Page::Error(LoadFailure::new(&error, text.as_deref()));
                return;
            }
        };
        let name = from
            .file_stem()
            .map_or_else(|| "plan".to_owned(), |s| s.to_string_lossy().into_owned());
        let path = self.free_plan_path(&format!("{name}-copy"));
        // Opened as the mentor, it is the mentor's copy from now on, and
        // never holds the mentee's private notes (should the file they sent
        // be their own plan rather than a shared copy).
        let mut plan = crate::model::sync::layers::without(&loaded.plan, crate::model::sync::Layer::Mentee);
        plan.side = crate::model::Side::Mentor;
        let result = storage::ensure_dir(&self.shell.data.plans())
            .and_then(|()| storage::save_plan(&path, &plan, None));
        match result {
            Ok(_) => {
                self.open_path(&path);
                self.set_status(format!(
                    "Opened {} as your copy (the mentor's): {}",
                    from.display(),
                    path.display()
                ));
            }
            Err(e) => self.set_error(format!("Could not make the copy: {e}")),
        }
    }

    /// Asks where to save the plan, suggesting its file or a free name.
    pub(super) fn show_save_as(&mut self) {
        let Some(open) = self.open_plan() else { return };
        let suggestion = match &open.path {
            Some(p) if open.newer_format.is_none() => p.display().to_string(),
            _ => {
                let name = crate::model::slug(&open.doc.plan().person.name);
                self.free_plan_path(&name).display().to_string()
            }
        };
        self.dialogs.current = Some(Dialog::Path(PathForm::new(PathPurpose::SaveAs, suggestion)));
    }

    /// Saves the plan to its file; with no file yet (or a newer-format file),
    /// asks where. Returns whether it was saved.
    pub fn save(&mut self) -> bool {
        let Some(open) = self.open_plan() else {
            return false;
        };
        let (Some(path), None, false) = (open.path.clone(), open.newer_format, open.held_elsewhere) else {
            self.show_save_as();
            return false;
        };
        let expected = open.fingerprint;
        self.save_to(&path, expected)
    }

    /// Saves to `path`. `expected` is what the file should still hold; a
    /// different file on disk opens the "changed on disk" dialog.
    pub(super) fn save_to(&mut self, path: &Path, expected: Option<Fingerprint>) -> bool {
        let path = &storage::canonical(path);
        let Some(open) = self.open_plan() else {
            return false;
        };
        // Only the window holding a plan's lock writes it.
        let holds = open
            .lock
            .as_ref()
            .is_some_and(|l| l.plan() == storage::PlanLock::key(path));
        let new_lock = if holds {
            None
        } else {
            match storage::PlanLock::acquire(&self.shell.data, path) {
                Ok(lock) => lock,
                Err(e) => return self.save_failed(&e),
            }
        };
        let Some(open) = self.open_plan() else {
            return false;
        };
        let old_recovery = self.recovery_path_of(open);
        match storage::save_plan(path, open.doc.plan(), expected) {
            Ok(fingerprint) => {
                let Some(open) = self.document.open_plan_mut() else {
                    return false;
                };
                open.doc.mark_saved();
                open.fingerprint = Some(fingerprint);
                open.path = Some(path.to_path_buf());
                open.newer_format = None;
                open.recovery_revision = None;
                if !holds {
                    open.lock = new_lock;
                    open.held_elsewhere = false;
                }
                // The save made a new file: lock its identity too.
                if let Some(lock) = open.lock.as_mut() {
                    lock.follow_save();
                }
                let _ = storage::discard_recovery(&old_recovery);
                self.shell.prefs.add_recent(path);
                self.shell.prefs.last_plan = Some(path.to_path_buf());
                self.jobs.library.stale = true;
                if let Some(pending) = self.dialogs.after_save.take() {
                    self.proceed(pending);
                }
                let time = crate::clock::now();
                self.set_status(format!(
                    "Saved {} at {:02}:{:02}",
                    path.display(),
                    time.hour(),
                    time.minute()
                ));
                true
            }
            Err(e) if e.is_changed_on_disk() => {
                self.dialogs.current = Some(Dialog::ChangedOnDisk(path.to_path_buf()));
                false
            }
            Err(e) => self.save_failed(&e),
        }
    }

    /// Says a save failed, in the status bar and a dialog that offers Save
    /// as; returns `false` (not saved).
    fn save_failed(&mut self, e: &storage::StorageError) -> bool {
        let message = e.to_string();
        self.set_error(format!("Not saved: {message}"));
        self.dialogs.current = Some(Dialog::SaveFailed(message));
        false
    }

    /// Reloads the open plan from disk, dropping unsaved changes.
    pub(super) fn reload(&mut self) {
        let Some(path) = self.open_plan().and_then(|o| o.path.clone()) else {
            return;
        };
        self.discard_current_recovery();
        self.open_path(&path);
    }

    /// Builds a new plan from the new-plan form.
    pub(super) fn create_plan(
        &mut self,
        name: &str,
        framework: &Framework,
        current: RoleId,
        target: RoleId,
        seed: bool,
    ) {
        let mut plan = if seed {
            crate::analysis::seeded_plan(name, framework, current, target, self.today())
        } else {
            Plan::new(name, framework, current, target)
        };
        plan.id = storage::new_plan_id();
        self.guard(Pending::Create(Box::new(plan)));
    }

    /// Handles a path chosen in a path dialog.
    pub(super) fn path_chosen(
        &mut self,
        purpose: PathPurpose,
        path: PathBuf,
        replace: bool,
    ) -> Result<(), String> {
        match purpose {
            PathPurpose::Open => {
                if !path.is_file() {
                    return Err(format!("{}: no such file", path.display()));
                }
                self.request_open_path(path);
            }
            PathPurpose::OpenCopy => {
                if !path.is_file() {
                    return Err(format!("{}: no such file", path.display()));
                }
                self.guard(Pending::OpenCopyOf(path));
            }
            PathPurpose::SaveAs => {
                let path = storage::canonical(&if path.extension().is_none() {
                    path.with_extension("ron")
                } else {
                    path
                });
                let same = self.open_plan().and_then(|o| o.path.as_ref()) == Some(&path);
                if path.exists() && !replace && !same {
                    return Err(format!("{} already exists", path.display()));
                }
                if let Some(dir) = path.parent()
                    && !dir.as_os_str().is_empty()
                    && !dir.is_dir()
                {
                    return Err(format!("{}: no such folder", dir.display()));
                }
                // Save as writes over whatever is there (the user agreed), so
                // no fingerprint check, but the newer-format guard still holds.
                let expected = if same {
                    self.open_plan().and_then(|o| o.fingerprint)
                } else {
                    None
                };
                let old = self.dialogs.current.take();
                if !self.save_to(&path, expected) && self.dialogs.current.is_none() {
                    self.dialogs.current = old;
                    return Err("not saved; see the message below".to_owned());
                }
            }
            PathPurpose::Framework => {
                match storage::install_framework(&path, &self.shell.data.frameworks()) {
                    Ok(framework) => {
                        self.set_status(format!(
                            "Installed framework {} ({} skills, {} roles); new plans can use it",
                            framework.id,
                            framework.skills.len(),
                            framework.roles.len()
                        ));
                        self.shell.prefs.framework_file = Some(storage::canonical(&path));
                        self.document.installed_framework = Some(framework.id.clone());
                        self.document.catalog.add(framework);
                    }
                    Err(e) => return Err(e.to_string()),
                }
            }
            PathPurpose::Ladder => {
                let (imported, read) = storage::install_ladder(&path, &self.shell.data.frameworks())
                    .map_err(|e| e.to_string())?;
                let framework = imported.framework;
                let sheets = if read.len() > 1 {
                    format!(" from {} sheets", read.len())
                } else {
                    String::new()
                };
                // What the import filled in itself (no roles sheet: an even
                // time split) is said with it.
                let notes: String = imported.notes.iter().map(|n| format!(". Note: {n}")).collect();
                self.set_status(format!(
                    "Imported framework {}{sheets} ({} skills, {} roles, {} actions); new plans can use it{notes}",
                    framework.id,
                    framework.skills.len(),
                    framework.roles.len(),
                    framework.actions.len()
                ));
                self.document.installed_framework = Some(framework.id.clone());
                self.document.catalog.add(framework);
            }
            PathPurpose::Export => return Err("use the export dialog".to_owned()),
            PathPurpose::ShareWithMentor => self.share_to(&path, crate::model::Side::Mentor)?,
            PathPurpose::ShareWithMentee => self.share_to(&path, crate::model::Side::Mentee)?,
            PathPurpose::MergeIn => self.prepare_merge(&path)?,
            PathPurpose::ChartImage => {
                let path = storage::canonical(&if path.extension().is_none() {
                    path.with_extension("png")
                } else {
                    path
                });
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    if dir == self.exports_dir() {
                        storage::ensure_dir(dir).map_err(|e| e.to_string())?;
                    } else if !dir.is_dir() {
                        return Err(format!("{}: no such folder", dir.display()));
                    }
                }
                self.jobs.chart.pending = Some(path);
            }
        }
        Ok(())
    }

    /// Overwrites the file on disk after a "changed on disk" warning.
    pub(super) fn overwrite(&mut self, path: &Path) {
        self.save_to(path, None);
    }

    /// The error of a failed save, for tests.
    pub fn last_save_error(&self) -> Option<&str> {
        match &self.dialogs.current {
            Some(Dialog::SaveFailed(message)) => Some(message),
            _ => None,
        }
    }
}
