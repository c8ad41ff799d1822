//! UI preferences and recent files, kept in `DATA/prefs.ron` (see
//! `storage::update_prefs`; earlier versions kept them in eframe's storage,
//! which is read once to carry them over).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::ui::Tab;
use crate::ui::checklist::Grouping;

/// The key under which the preferences are stored.
pub const STORAGE_KEY: &str = "trailmap-prefs";

/// How many recent files are remembered.
pub const RECENT_LIMIT: usize = 10;

/// Light, dark, or whatever the system uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    /// All choices.
    pub const ALL: [Self; 3] = [Self::System, Self::Light, Self::Dark];

    /// A label for the menu.
    pub fn label(self) -> &'static str {
        match self {
            Self::System => "Follow the system",
            Self::Light => "Light",
            Self::Dark => "Dark",
        }
    }

    /// egui's preference.
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// What the app remembers between runs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// The theme.
    pub theme: ThemeChoice,
    /// Recently opened plans, newest first.
    pub recent: Vec<PathBuf>,
    /// The plan open when the app was last closed.
    pub last_plan: Option<PathBuf>,
    /// The tab last shown.
    pub tab: Tab,
    /// How the checklist is grouped.
    pub grouping: Grouping,
    /// Whether the plan library panel is shown.
    pub library_open: bool,
    /// A framework file chosen in the app, used besides the built-in one.
    pub framework_file: Option<PathBuf>,
    /// The window's inner size in points when it was last closed.
    pub window_size: Option<[f32; 2]>,
}

impl Prefs {
    /// Preferences from their text; anything unreadable gives the defaults.
    /// Relative paths (kept by earlier versions as typed) are dropped: the
    /// folder they were relative to is not known.
    pub fn from_text(text: Option<&str>) -> Self {
        // Preferences are a few hundred bytes; a file far larger is not ours
        // to spend seconds and gigabytes on (a 6 MB path did).
        let text = text.filter(|t| t.len() <= 64 * 1024);
        let mut prefs: Self = text.and_then(|t| ron::from_str(t).ok()).unwrap_or_default();
        // Absolute, and no longer than any system allows a path to be.
        let usable = |p: &PathBuf| p.is_absolute() && p.as_os_str().len() <= 4096;
        prefs.recent.retain(usable);
        prefs.recent.truncate(RECENT_LIMIT);
        prefs.last_plan = prefs.last_plan.filter(usable);
        prefs.framework_file = prefs.framework_file.filter(usable);
        prefs
    }

    /// The text they are saved as.
    pub fn to_text(&self) -> String {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new()).unwrap_or_default()
    }

    /// What to write when the file holds `disk` (another window may have
    /// written it since): the recent files of both, ours first, so no window
    /// drops another's; for every other setting, ours where this window
    /// changed it since `base` (what it last read or wrote), else the
    /// file's, so no window undoes another's choice of theme. The window
    /// size is always ours: the window that closes last sets it.
    pub fn merged_with(&self, base: &Self, disk: Option<&str>) -> Self {
        let theirs = Self::from_text(disk);
        let mut merged = self.clone();
        if disk.is_some() {
            if self.theme == base.theme {
                merged.theme = theirs.theme;
            }
            if self.tab == base.tab {
                merged.tab = theirs.tab;
            }
            if self.grouping == base.grouping {
                merged.grouping = theirs.grouping;
            }
            if self.library_open == base.library_open {
                merged.library_open = theirs.library_open;
            }
            if self.framework_file == base.framework_file {
                merged.framework_file = theirs.framework_file.clone();
            }
            if self.last_plan == base.last_plan {
                merged.last_plan = theirs.last_plan.clone();
            }
        }
        for path in theirs.recent {
            if !merged.recent.contains(&path) {
                merged.recent.push(path);
            }
        }
        merged.recent.truncate(RECENT_LIMIT);
        merged
    }

    /// Puts `path` at the top of the recent files.
    pub fn add_recent(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(RECENT_LIMIT);
    }
}
