//! The open plan and its file: open, new, save, save as, reload, recovery
//! copies and restore, and the paths chosen in dialogs.

use super::dialogs::{Dialog, PathForm, PathPurpose, Pending};
use super::{OpenPlan, Page, TrailmapApp};
use crate::model::{Document, Framework, Plan, RoleId};
use crate::storage::{self, Recovery};
use crate::ui::Tab;
use crate::ui::error_page::LoadFailure;
use crate::ui::welcome::EXAMPLES;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

impl TrailmapApp {
    pub(super) fn start(&mut self, plan: Option<PathBuf>, framework_file: Option<PathBuf>) {
        let _ = storage::ensure_dir(&self.data.plans());
        // Leftovers of saves killed part-way, wherever Trailmap writes.
        for dir in [
            self.data.plans(),
            self.data.root().to_path_buf(),
            self.data.recovery(),
            self.data.frameworks(),
        ] {
            storage::clean_temp_files(&dir);
        }
        let data = self.data.clone();
        storage::Instance::clean_ended(&self.data, &|id| storage::has_recoveries_of(&data, id));
        let (catalog, errors) = storage::FrameworkCatalog::load(&self.data.frameworks());
        self.catalog = catalog;
        self.framework_errors = errors.iter().map(ToString::to_string).collect();
        for file in framework_file
            .iter()
            .chain(self.prefs.framework_file.clone().iter())
        {
            match storage::load_framework(file) {
                Ok(framework) => {
                    self.installed_framework = Some(framework.id.clone());
                    self.catalog.add(framework);
                }
                Err(e) => self.framework_errors.push(e.to_string()),
            }
        }
        if let Some(first) = self.framework_errors.first() {
            self.set_error(format!("A framework could not be loaded: {first}"));
        }
        let recoveries: Vec<_> = storage::list_recoveries(&self.data)
            .into_iter()
            .filter_map(|(path, r)| r.ok().map(|r| (path, r)))
            .collect();
        let start_plan = plan.or_else(|| self.prefs.last_plan.clone().filter(|p| p.is_file()));
        if let Some(path) = start_plan {
            self.open_path(&path);
        }
        if !recoveries.is_empty() {
            self.dialog = Some(Dialog::Recovery(recoveries));
        }
    }

    /// Opens `path`, asking first if there are unsaved changes.
    pub fn request_open_path(&mut self, path: PathBuf) {
        if self.is_dirty() {
            self.dialog = Some(Dialog::Unsaved(Pending::OpenPath(path)));
        } else {
            self.open_path(&path);
        }
    }

    /// Opens the plan at `path` now. On failure shows the error page; the file
    /// is never written.
    pub fn open_path(&mut self, path: &Path) {
        let path = &storage::canonical(path);
        storage::clean_temp_files(path.parent().unwrap_or(Path::new(".")));
        match storage::load_plan(path, &self.catalog) {
            Ok(loaded) => {
                let newer = loaded.newer_format;
                let (lock, held_elsewhere) = self.lock_plan(path);
                self.page = Page::Plan(Box::new(OpenPlan {
                    path: Some(path.to_path_buf()),
                    fingerprint: Some(loaded.fingerprint),
                    newer_format: newer,
                    lock,
                    held_elsewhere,
                    ..OpenPlan::new(Document::new(loaded.plan), loaded.framework)
                }));
                self.prefs.add_recent(path);
                self.prefs.last_plan = Some(path.to_path_buf());
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
            }
            Err(error) => {
                let text = storage::read_lossy(path);
                self.page = Page::Error(LoadFailure::new(&error, text.as_deref()));
                self.set_error(format!("Could not open {}", path.display()));
            }
        }
    }

    /// Takes this window's lock on the plan at `path`, first letting go of
    /// the lock of the plan open now (it is being replaced). Returns the lock
    /// (none where the data folder cannot hold one) and whether another
    /// window holds it.
    pub(super) fn lock_plan(&mut self, path: &Path) -> (Option<storage::PlanLock>, bool) {
        if let Page::Plan(open) = &mut self.page {
            open.lock = None;
        }
        match storage::PlanLock::acquire(&self.data, path) {
            Ok(lock) => (lock, false),
            Err(_) => (None, true),
        }
    }

    pub(super) fn after_open(&mut self) {
        self.derived = crate::ui::Derived::default();
        self.checklist.selected = None;
        self.last_recovery_write = None;
    }

    /// Opens a new, never-saved plan.
    pub(super) fn open_new(&mut self, plan: Plan) {
        let framework = self.framework_for(&plan);
        self.page = Page::Plan(Box::new(OpenPlan::new(Document::new_unsaved(plan), framework)));
        self.after_open();
        self.tab = Tab::Skills;
        self.set_status("New plan: rate yourself on each skill, then save it (Ctrl+S)");
    }

    pub(super) fn framework_for(&self, plan: &Plan) -> Arc<Framework> {
        self.catalog
            .get(&plan.framework.id)
            .unwrap_or_else(storage::builtin)
    }

    /// A free path in the plans folder for a file called `name`.
    pub(super) fn free_plan_path(&self, name: &str) -> PathBuf {
        let dir = self.data.plans();
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
        match storage::ensure_dir(&self.data.plans())
            .and_then(|()| storage::write_plan_text(&path, example.text))
        {
            Ok(()) => self.open_path(&path),
            Err(e) => self.set_error(format!("Could not copy the example: {e}")),
        }
    }

    /// Opens a plan received from someone else as a copy in the plans folder;
    /// the received file is only read.
    pub fn open_copy(&mut self, from: &Path) {
        let loaded = match storage::load_plan(from, &self.catalog) {
            Ok(loaded) => loaded,
            Err(error) => {
                let text = storage::read_lossy(from);
                self.page = Page::Error(LoadFailure::new(&error, text.as_deref()));
                return;
            }
        };
        let name = from
            .file_stem()
            .map_or_else(|| "plan".to_owned(), |s| s.to_string_lossy().into_owned());
        let path = self.free_plan_path(&format!("{name}-copy"));
        let result = storage::ensure_dir(&self.data.plans())
            .and_then(|()| storage::save_plan(&path, &loaded.plan, None));
        match result {
            Ok(_) => {
                self.open_path(&path);
                self.set_status(format!(
                    "Opened a copy of {} as {}",
                    from.display(),
                    path.display()
                ));
            }
            Err(e) => self.set_error(format!("Could not make the copy: {e}")),
        }
    }

    pub(super) fn show_save_as(&mut self) {
        let Some(open) = self.open_plan() else { return };
        let suggestion = match &open.path {
            Some(p) if open.newer_format.is_none() => p.display().to_string(),
            _ => {
                let name = crate::model::slug(&open.doc.plan().person.name);
                self.free_plan_path(&name).display().to_string()
            }
        };
        self.dialog = Some(Dialog::Path(PathForm::new(PathPurpose::SaveAs, suggestion)));
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
    pub(super) fn save_to(&mut self, path: &Path, expected: Option<storage::Fingerprint>) -> bool {
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
            match storage::PlanLock::acquire(&self.data, path) {
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
                let Page::Plan(open) = &mut self.page else {
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
                self.prefs.add_recent(path);
                self.prefs.last_plan = Some(path.to_path_buf());
                self.library_stale = true;
                if let Some(pending) = self.after_save.take() {
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
                self.dialog = Some(Dialog::ChangedOnDisk(path.to_path_buf()));
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
        self.dialog = Some(Dialog::SaveFailed(message));
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

    pub(super) fn recovery_path_of(&self, open: &OpenPlan) -> PathBuf {
        storage::recovery_path(
            &self.data,
            self.instance.id(),
            open.path.as_deref(),
            &open.untitled_key,
        )
    }

    pub(super) fn discard_current_recovery(&mut self) {
        if let Some(open) = self.open_plan() {
            let path = self.recovery_path_of(open);
            let _ = storage::discard_recovery(&path);
        }
    }

    /// Restores the plan in a recovery file left by a window that ended.
    /// The file is removed only once this window's own copy holds the edits.
    pub(super) fn restore(&mut self, file: &Path, recovery: Recovery) {
        let framework = self.framework_for(&recovery.plan);
        // A relative path (written by an earlier version) was relative to a
        // folder no longer known: the edits come back as an unsaved plan
        // rather than aimed at whatever file has that name here.
        let original = recovery.original.clone().filter(|p| p.is_absolute());
        // The edits began from the file as it was then: saving them over a
        // file that changed since asks first.
        let fingerprint = original
            .as_ref()
            .map(|_| recovery.base.unwrap_or(storage::Fingerprint::UNKNOWN));
        let (lock, held_elsewhere) = match &original {
            Some(path) => self.lock_plan(path),
            None => (None, false),
        };
        let mut doc = Document::new(recovery.plan);
        doc.mark_unsaved();
        self.page = Page::Plan(Box::new(OpenPlan {
            path: original.clone(),
            fingerprint,
            lock,
            held_elsewhere,
            ..OpenPlan::new(doc, framework)
        }));
        self.after_open();
        if let Err(e) = self.write_recovery_now() {
            self.set_error(format!(
                "Restored, but the recovery copy {} is kept: {e}",
                file.display()
            ));
            return;
        }
        let _ = storage::discard_recovery(file);
        self.set_status(match original {
            Some(p) if held_elsewhere => format!(
                "Restored unsaved changes to {}, read-only: the plan is open in another window. Save as… keeps them",
                p.display()
            ),
            Some(p) => format!("Restored unsaved changes to {}; save to keep them", p.display()),
            None => "Restored an unsaved plan; save to keep it".to_owned(),
        });
    }

    /// Writes the recovery copy every few seconds while there are unsaved
    /// changes. Never repaints by itself when there is nothing to write.
    pub(super) fn autosave_recovery(&mut self, ctx: &egui::Context) {
        let Page::Plan(open) = &self.page else { return };
        if !open.doc.is_dirty() {
            // Undone back to the saved state: a recovery copy would be stale.
            if open.recovery_revision.is_some() {
                let path = self.recovery_path_of(open);
                let _ = storage::discard_recovery(&path);
                if let Page::Plan(open) = &mut self.page {
                    open.recovery_revision = None;
                }
            }
            return;
        }
        if open.recovery_revision == Some(open.doc.revision()) {
            return;
        }
        let due = self
            .last_recovery_write
            .is_none_or(|t| t.elapsed() >= self.recovery_interval);
        if !due {
            let wait = self.recovery_interval.saturating_sub(
                self.last_recovery_write
                    .map_or_else(Default::default, |t| t.elapsed()),
            );
            ctx.request_repaint_after(wait);
            return;
        }
        if let Err(e) = self.write_recovery_now() {
            self.set_error(format!("Could not write the recovery copy: {e}"));
            // Try again after the interval, not only at the next input.
            ctx.request_repaint_after(self.recovery_interval.max(std::time::Duration::from_secs(1)));
        }
    }

    /// Writes this window's recovery copy of the open plan now.
    pub(super) fn write_recovery_now(&mut self) -> Result<(), storage::StorageError> {
        let Page::Plan(open) = &self.page else {
            return Ok(());
        };
        let path = self.recovery_path_of(open);
        let now = crate::clock::now();
        let recovery = Recovery {
            original: open.path.clone(),
            base: open.fingerprint,
            written_at: format!("{} {:02}:{:02}", now.date(), now.hour(), now.minute()),
            plan: open.doc.plan().clone(),
        };
        let revision = open.doc.revision();
        self.last_recovery_write = Some(Instant::now());
        storage::write_recovery(&path, &recovery)?;
        if let Page::Plan(open) = &mut self.page {
            open.recovery_revision = Some(revision);
        }
        Ok(())
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
        let plan = if seed {
            crate::analysis::seeded_plan(name, framework, current, target, self.today())
        } else {
            Plan::new(name, framework, current, target)
        };
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
                let old = self.dialog.take();
                if !self.save_to(&path, expected) && self.dialog.is_none() {
                    self.dialog = old;
                    return Err("not saved; see the message below".to_owned());
                }
            }
            PathPurpose::Framework => match storage::install_framework(&path, &self.data.frameworks()) {
                Ok(framework) => {
                    self.set_status(format!(
                        "Installed framework {} ({} skills, {} roles); new plans can use it",
                        framework.id,
                        framework.skills.len(),
                        framework.roles.len()
                    ));
                    self.prefs.framework_file = Some(storage::canonical(&path));
                    self.installed_framework = Some(framework.id.clone());
                    self.catalog.add(framework);
                }
                Err(e) => return Err(e.to_string()),
            },
            PathPurpose::Export => return Err("use the export dialog".to_owned()),
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
                self.pending_chart = Some(path);
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
        match &self.dialog {
            Some(Dialog::SaveFailed(message)) => Some(message),
            _ => None,
        }
    }
}
