//! Recovery copies: this window's copy of the open plan's unsaved edits,
//! written every few seconds, and restoring the copies of windows that ended.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::TrailmapApp;
use super::document::{OpenPlan, Page, PlanFile};
use crate::model::Document;
use crate::storage::{self, Fingerprint, Recovery};

/// A key unique to this run, for recovery files of plans never saved.
pub(super) fn untitled_key() -> String {
    let nanos = crate::clock::unix_nanos();
    format!("{}-{nanos}", std::process::id())
}

/// When this window's recovery copy is written.
#[derive(Debug)]
pub(super) struct RecoveryTimer {
    /// How often the recovery copy is written while there are edits.
    pub(super) interval: Duration,
    /// When the recovery copy was last written (or tried).
    pub(super) last_write: Option<Instant>,
}

impl RecoveryTimer {
    /// Writing every `interval`, nothing written yet.
    pub(super) fn new(interval: Duration) -> Self {
        Self {
            interval,
            last_write: None,
        }
    }
}

impl TrailmapApp {
    /// Where this window keeps its recovery copy of `open`.
    pub(super) fn recovery_path_of(&self, open: &OpenPlan) -> PathBuf {
        storage::recovery_path(
            &self.shell.data,
            self.shell.instance.id(),
            open.path.as_deref(),
            &open.untitled_key,
        )
    }

    /// Removes this window's recovery copy of the open plan.
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
        let plan_file = original.clone().map(|path| {
            let (lock, held_elsewhere) = self.lock_plan(&path);
            PlanFile {
                path,
                // The edits began from the file as it was then: saving them
                // over a file that changed since asks first.
                fingerprint: recovery.base.unwrap_or(Fingerprint::UNKNOWN),
                newer_format: None,
                lock,
                held_elsewhere,
            }
        });
        let held_elsewhere = plan_file.as_ref().is_some_and(|f| f.held_elsewhere);
        let mut doc = Document::new(recovery.plan);
        doc.mark_unsaved();
        self.document.page = Page::Plan(Box::new(OpenPlan::new(doc, framework, plan_file)));
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
        let Some(open) = self.document.open_plan() else {
            return;
        };
        if !open.doc.is_dirty() {
            // Undone back to the saved state: a recovery copy would be stale.
            if open.recovery_revision.is_some() {
                let path = self.recovery_path_of(open);
                let _ = storage::discard_recovery(&path);
                if let Some(open) = self.document.open_plan_mut() {
                    open.recovery_revision = None;
                }
            }
            return;
        }
        if open.recovery_revision == Some(open.doc.revision()) {
            return;
        }
        let timer = &self.document.recovery;
        let due = timer.last_write.is_none_or(|t| t.elapsed() >= timer.interval);
        if !due {
            let wait = timer
                .interval
                .saturating_sub(timer.last_write.map_or_else(Default::default, |t| t.elapsed()));
            ctx.request_repaint_after(wait);
            return;
        }
        if let Err(e) = self.write_recovery_now() {
            self.set_error(format!("Could not write the recovery copy: {e}"));
            // Try again after the interval, not only at the next input.
            ctx.request_repaint_after(self.document.recovery.interval.max(Duration::from_secs(1)));
        }
    }

    /// Writes this window's recovery copy of the open plan now.
    pub(super) fn write_recovery_now(&mut self) -> Result<(), storage::StorageError> {
        let Some(open) = self.document.open_plan() else {
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
        self.document.recovery.last_write = Some(Instant::now());
        storage::write_recovery(&path, &recovery)?;
        if let Some(open) = self.document.open_plan_mut() {
            open.recovery_revision = Some(revision);
        }
        Ok(())
    }
}
