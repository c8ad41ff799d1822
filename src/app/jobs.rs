//! Work that runs beside the frame: the system's file dialog, reading the
//! plan library, exports and chart images.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

use super::TrailmapApp;
use super::dialogs::{Dialog, ExportForm, PathForm, PathPurpose};
use crate::storage::{self, LibraryCache, LibraryEntry};

/// The work that runs beside the frame and what it has sent back.
#[derive(Debug)]
pub(super) struct Jobs {
    /// Whether "Browse…" may open the system's file dialog (off in tests).
    pub(super) native_dialogs: bool,
    /// Whether slow work runs on a thread (off in tests).
    pub(super) background_threads: bool,
    /// The context, for threads to ask for a repaint when done (set on the
    /// first frame).
    pub(super) repaint_ctx: Option<egui::Context>,
    /// The system's file dialog.
    pub(super) browse: BrowseJob,
    /// Reading the plans folder for the library panel.
    pub(super) library: LibraryJob,
    /// Saving the chart as an image.
    pub(super) chart: ChartJob,
    /// The start's reading, under way on a thread.
    pub(super) startup: Option<Receiver<super::startup::Startup>>,
    /// Tells the start's thread that the first frame is on screen, so it may
    /// start reading (sent once, on the second frame).
    pub(super) startup_go: Option<Sender<()>>,
}

/// The system's file dialog, open on its own thread.
#[derive(Debug)]
pub(super) struct BrowseJob {
    /// Where the file-dialog thread sends the path chosen.
    tx: Sender<(PathPurpose, Option<PathBuf>)>,
    /// The paths chosen in the system's file dialog.
    rx: Receiver<(PathPurpose, Option<PathBuf>)>,
    /// Whether the system's file dialog is open.
    open: bool,
}

/// The plans in the plans folder, and reading them again.
#[derive(Debug)]
pub(super) struct LibraryJob {
    /// The plans in the plans folder, as last read.
    pub(super) entries: Vec<LibraryEntry>,
    /// A read of the plans folder under way on a thread.
    pub(super) scan: Option<Receiver<Scanned>>,
    /// What the last read learnt, so the next reads only changed files.
    cache: Option<LibraryCache>,
    /// Whether the plans folder should be read again.
    pub(super) stale: bool,
}

/// What the library thread sends: the entries read so far, then all of
/// them with the cache.
#[derive(Debug)]
pub(super) enum Scanned {
    /// The entries read so far (the panel fills in as they come).
    Partial(Vec<LibraryEntry>),
    /// Every entry, and what the read learnt.
    Done(Vec<LibraryEntry>, LibraryCache),
}

/// The chart image: where it goes, and the thread's answers.
#[derive(Debug)]
pub(super) struct ChartJob {
    /// Where to save the chart image the next frame takes.
    pub(super) pending: Option<PathBuf>,
    /// Where the chart-image thread sends its result.
    tx: Sender<Result<PathBuf, String>>,
    /// The chart images written, or why not.
    rx: Receiver<Result<PathBuf, String>>,
}

impl Jobs {
    /// No work under way; the library is to be read.
    pub(super) fn new(native_dialogs: bool, background_threads: bool) -> Self {
        let (browse_tx, browse_rx) = channel();
        let (chart_tx, chart_rx) = channel();
        Self {
            native_dialogs,
            background_threads,
            repaint_ctx: None,
            browse: BrowseJob {
                tx: browse_tx,
                rx: browse_rx,
                open: false,
            },
            library: LibraryJob {
                entries: Vec::new(),
                scan: None,
                cache: None,
                stale: true,
            },
            chart: ChartJob {
                pending: None,
                tx: chart_tx,
                rx: chart_rx,
            },
            startup: None,
            startup_go: None,
        }
    }
}

impl TrailmapApp {
    /// Puts a path chosen in the system's file dialog into the form it was
    /// chosen for.
    pub(super) fn poll_browse(&mut self) {
        while let Ok((purpose, path)) = self.jobs.browse.rx.try_recv() {
            self.jobs.browse.open = false;
            match (path, self.dialogs.current.as_mut()) {
                (Some(path), Some(Dialog::Path(form))) if form.purpose == purpose => {
                    form.path = path.display().to_string();
                    form.error = None;
                }
                (Some(path), Some(Dialog::Export(form))) if purpose == PathPurpose::Export => {
                    form.path = path.display().to_string();
                    form.error = None;
                }
                _ => {}
            }
        }
    }

    /// Opens the native file dialog on a thread; the answer fills the form.
    pub(super) fn browse(&mut self, ctx: &egui::Context, purpose: PathPurpose, start: &str) {
        if !self.jobs.native_dialogs || self.jobs.browse.open {
            return;
        }
        self.jobs.browse.open = true;
        let tx = self.jobs.browse.tx.clone();
        let ctx = ctx.clone();
        let start = PathBuf::from(start);
        let plans = self.shell.data.plans();
        let browse = move || {
            let dir = if start.is_dir() {
                start.clone()
            } else {
                start.parent().map_or(plans.clone(), Path::to_path_buf)
            };
            let dir = if dir.is_dir() { dir } else { plans };
            let dialog = rfd::FileDialog::new().set_directory(&dir);
            let result = match purpose {
                PathPurpose::SaveAs | PathPurpose::ShareWithMentor | PathPurpose::ShareWithMentee => dialog
                    .add_filter("Trailmap plan", &["ron"])
                    .set_file_name(
                        start
                            .file_name()
                            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                    )
                    .save_file(),
                PathPurpose::Export => dialog.save_file(),
                PathPurpose::ChartImage => dialog.add_filter("PNG image", &["png"]).save_file(),
                PathPurpose::Framework => dialog.add_filter("Trailmap framework", &["ron"]).pick_file(),
                PathPurpose::Ladder => dialog.add_filter("Spreadsheet (CSV)", &["csv"]).pick_file(),
                PathPurpose::Open | PathPurpose::OpenCopy | PathPurpose::MergeIn => {
                    dialog.add_filter("Trailmap plan", &["ron"]).pick_file()
                }
            };
            let _ = tx.send((purpose, result));
            ctx.request_repaint();
        };
        if std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(browse)
            .is_err()
        {
            self.jobs.browse.open = false;
            self.set_error("Could not open the file dialog");
        }
    }

    /// Reads the plans folder on a thread if the library is out of date; the
    /// cache makes a second read cost only a folder listing.
    pub(super) fn refresh_library_if_stale(&mut self) {
        let library = &mut self.jobs.library;
        if !library.stale || library.scan.is_some() {
            return;
        }
        library.stale = false;
        let (tx, rx) = channel();
        let dir = self.shell.data.plans();
        let root = self.shell.data.root().to_path_buf();
        let catalog = self.document.catalog.clone();
        let cache = library.cache.take();
        let ctx = self.jobs.repaint_ctx.clone();
        let work = move || {
            let mut cache = cache.unwrap_or_else(|| LibraryCache::load(&root));
            let entries = storage::scan_with(&dir, &catalog, &mut cache, |so_far| {
                let _ = tx.send(Scanned::Partial(so_far.to_vec()));
                if let Some(ctx) = &ctx {
                    ctx.request_repaint();
                }
            });
            cache.save(&root);
            let _ = tx.send(Scanned::Done(entries, cache));
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        };
        if self.jobs.background_threads {
            // Named, so a profiler or a crash report says what it was.
            if std::thread::Builder::new()
                .name("library-scan".into())
                .spawn(work)
                .is_err()
            {
                self.set_error("Could not start reading the plan library");
            }
        } else {
            work();
        }
        self.jobs.library.scan = Some(rx);
    }

    /// Takes the library entries once the thread has read them.
    pub(super) fn poll_library(&mut self) {
        let library = &mut self.jobs.library;
        let Some(rx) = &library.scan else { return };
        // Only the newest message counts: a frame shows what is read by then.
        let mut latest = None;
        loop {
            match rx.try_recv() {
                Ok(message) => latest = Some(message),
                Err(std::sync::mpsc::TryRecvError::Empty) => break,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    library.scan = None;
                    break;
                }
            }
        }
        match latest {
            Some(Scanned::Partial(entries)) => {
                library.entries = entries;
                self.views.library.entries_changed();
            }
            Some(Scanned::Done(entries, cache)) => {
                library.entries = entries;
                self.views.library.entries_changed();
                library.cache = Some(cache);
                library.scan = None;
            }
            None => {}
        }
    }

    /// Where exports and chart images go by default: `DATA/exports`.
    pub(super) fn exports_dir(&self) -> PathBuf {
        self.shell.data.root().join("exports")
    }

    /// Writes the export the form describes.
    pub(super) fn export_to(&mut self, form: &ExportForm) -> Result<(), String> {
        let today = self.today();
        let Some(open) = self.open_plan() else {
            return Err("no plan is open".to_owned());
        };
        let typed = PathBuf::from(form.path.trim());
        if typed.file_name().is_none() {
            return Err("give the export a file name".to_owned());
        }
        let path = storage::canonical(&typed);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if dir == self.exports_dir() {
                storage::ensure_dir(dir).map_err(|e| e.to_string())?;
            } else if !dir.is_dir() {
                return Err(format!("{}: no such folder", dir.display()));
            }
        }
        let written = storage::write_report(
            open.doc.plan(),
            &open.framework,
            today,
            form.format,
            form.redact,
            &path,
        )
        .map_err(|e| e.to_string())?;
        let redacted = if form.redact {
            ", private notes left out"
        } else {
            ""
        };
        self.set_status(format!(
            "Exported to {}{redacted}",
            written.last().map_or(path.clone(), Clone::clone).display()
        ));
        Ok(())
    }

    /// Asks for a file for the chart image.
    pub(super) fn ask_chart_image(&mut self) {
        let Some(open) = self.open_plan() else { return };
        let stem = open
            .path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map_or_else(|| "plan".to_owned(), |s| s.to_string_lossy().into_owned());
        let path = self.exports_dir().join(format!("{stem}-radar.png"));
        self.dialogs.current = Some(Dialog::Path(PathForm::new(
            PathPurpose::ChartImage,
            path.display().to_string(),
        )));
    }

    /// Once the dialog is gone, asks egui for a screenshot of the next frame
    /// and writes the radar's part of it as a PNG.
    pub(super) fn take_chart_image(&mut self, ctx: &egui::Context) {
        if self.dialogs.current.is_some() {
            return;
        }
        let (Some(path), Some(rect)) = (self.jobs.chart.pending.take(), self.views.tabs.path.radar_rect())
        else {
            return;
        };
        let tx = self.jobs.chart.tx.clone();
        let repaint = ctx.clone();
        let pixels_per_point = ctx.pixels_per_point();
        ctx.request_screenshot(move |screenshot| {
            let chart = crate::ui::chart_image::crop(&screenshot, rect, pixels_per_point);
            let result = crate::ui::chart_image::png_bytes(&chart)
                .and_then(|png| storage::write_file(&path, &png).map_err(|e| e.to_string()))
                .map(|()| path);
            let _ = tx.send(result);
            repaint.request_repaint();
        });
    }

    /// Reports a finished chart image.
    pub(super) fn poll_chart_image(&mut self) {
        while let Ok(result) = self.jobs.chart.rx.try_recv() {
            match result {
                Ok(path) => self.set_status(format!("Saved the chart as {}", path.display())),
                Err(e) => self.set_error(format!("The chart image was not saved: {e}")),
            }
        }
    }
}
