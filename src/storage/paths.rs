//! Where Trailmap keeps its files.

use std::path::{Path, PathBuf};

/// The environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "TRAILMAP_DATA_DIR";

/// The data folder and the places inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// A data folder at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root: PathBuf = root.into();
        // Absolute, so that nothing kept from it depends on the folder the
        // app was started in.
        let root = std::path::absolute(&root).unwrap_or(root);
        Self { root }
    }

    /// The data folder to use: `flag` if given, else `$TRAILMAP_DATA_DIR`, else
    /// the platform's data folder (on Linux `~/.local/share/trailmap`), else
    /// `./trailmap-data` as a last resort.
    pub fn resolve(flag: Option<&Path>) -> Self {
        if let Some(dir) = flag {
            return Self::new(dir);
        }
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            return Self::new(PathBuf::from(dir));
        }
        directories::ProjectDirs::from("", "", "Trailmap")
            .map_or_else(|| Self::new("trailmap-data"), |dirs| Self::new(dirs.data_dir()))
    }

    /// The folder itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where plans live by default: `DATA/plans`.
    pub fn plans(&self) -> PathBuf {
        self.root.join("plans")
    }

    /// Where recovery files go while there are unsaved changes: `DATA/recovery`.
    pub fn recovery(&self) -> PathBuf {
        self.root.join("recovery")
    }

    /// Lock files of running apps: `DATA/instances`.
    pub fn instances(&self) -> PathBuf {
        self.root.join("instances")
    }

    /// Lock files of plans open for editing: `DATA/locks`.
    pub fn locks(&self) -> PathBuf {
        self.root.join("locks")
    }

    /// Installed frameworks: `DATA/frameworks`.
    pub fn frameworks(&self) -> PathBuf {
        self.root.join("frameworks")
    }

    /// Where earlier versions kept the preferences (eframe's storage, written
    /// in place): `DATA/ui-state.ron`. Only read, once, to carry them over.
    pub fn ui_state(&self) -> PathBuf {
        self.root.join("ui-state.ron")
    }

    /// Conflict copies a sync tool left beside a plan, once merged into it:
    /// `DATA/merged`.
    pub fn merged(&self) -> PathBuf {
        self.root.join("merged")
    }

    /// This installation's replica id: `DATA/replica`.
    pub fn replica(&self) -> PathBuf {
        self.root.join("replica")
    }

    /// Preferences and recent files: `DATA/prefs.ron`.
    pub fn prefs(&self) -> PathBuf {
        self.root.join("prefs.ron")
    }
}
