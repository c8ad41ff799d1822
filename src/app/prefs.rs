//! UI preferences and recent files, kept in eframe's storage.

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
}

impl Prefs {
    /// Puts `path` at the top of the recent files.
    pub fn add_recent(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(RECENT_LIMIT);
    }
}
