//! The built-in framework, framework files, and the catalog plans pick from.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::error::{ErrorKind, StorageError};
use super::guard::{Purpose, write_guarded};
use super::text::{parse, read_text};
use crate::model::Framework;

/// The text of the built-in framework, `assets/framework.ron`.
pub const BUILTIN_TEXT: &str = include_str!("../../assets/framework.ron");

/// The name used for the built-in framework in messages.
pub const BUILTIN_NAME: &str = "assets/framework.ron (built in)";

/// The built-in framework. A test checks that it parses and validates, so
/// this cannot fail in a released build.
pub fn builtin() -> Arc<Framework> {
    builtin_ref().clone()
}

/// The built-in framework, parsed the first time it is asked for.
fn builtin_ref() -> &'static Arc<Framework> {
    static BUILTIN: OnceLock<Arc<Framework>> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        let framework = parse_framework(Path::new(BUILTIN_NAME), BUILTIN_TEXT)
            .unwrap_or_else(|e| panic!("the built-in framework is broken: {e}"));
        Arc::new(framework)
    })
}

/// Parses and validates framework text; the error points at the first problem.
pub fn parse_framework(path: &Path, text: &str) -> Result<Framework, StorageError> {
    let framework: Framework = match parse(path, text) {
        Ok(framework) => framework,
        // A plan given where a framework belongs: say so, not "expected `[`".
        Err(_) if super::guard::trailmap_file_kind(text.as_bytes()) == Some("plan") => {
            return Err(StorageError::new(
                path,
                ErrorKind::Invalid("this is a Trailmap plan, not a framework".into()),
            ));
        }
        Err(e) => return Err(e),
    };
    let issues = framework.validate();
    let Some(first) = issues.first() else {
        return Ok(framework);
    };
    let more = match issues.len() - 1 {
        0 => String::new(),
        1 => " (and 1 more problem)".to_owned(),
        n => format!(" (and {n} more problems)"),
    };
    let kind = ErrorKind::Invalid(format!("{first}{more}"));
    // The first duplicate found is the id's second definition: point there,
    // not at the first one, which is fine. Skills, roles and actions each come
    // before anything in a framework file that names them again.
    let occurrence = if first.message.starts_with("duplicate ") {
        2
    } else {
        1
    };
    Err(
        match first
            .needle
            .as_deref()
            .and_then(|n| find_nth(text, n, occurrence))
        {
            Some(pos) => StorageError::at(path, pos, kind),
            None => StorageError::new(path, kind),
        },
    )
}

/// The position of the `n`th occurrence (from 1) of `needle` in `text`, or of
/// the first if there are fewer.
fn find_nth(text: &str, needle: &str, n: usize) -> Option<super::error::Position> {
    let offsets: Vec<usize> = text.match_indices(needle).map(|(i, _)| i).take(n).collect();
    let offset = offsets.get(n.saturating_sub(1)).or(offsets.first())?;
    Some(super::text::position_of(text, *offset))
}

/// Reads and validates the framework file at `path`.
pub fn load_framework(path: &Path) -> Result<Framework, StorageError> {
    let text = read_text(path)?;
    parse_framework(path, &text)
}

/// The frameworks a plan can use: the built-in one and those installed in the
/// data folder's `frameworks/`.
///
/// The built-in framework is parsed only when first asked for (`get`, `all`),
/// not when a catalog is made: the app makes one before its first frame,
/// which does not need it.
#[derive(Clone, Debug)]
pub struct FrameworkCatalog {
    /// The frameworks added, by id. One with the built-in framework's id
    /// stands in for it.
    added: BTreeMap<String, Arc<Framework>>,
}

impl Default for FrameworkCatalog {
    fn default() -> Self {
        Self::builtin_only()
    }
}

impl FrameworkCatalog {
    /// A catalog with only the built-in framework.
    pub fn builtin_only() -> Self {
        Self {
            added: BTreeMap::new(),
        }
    }

    /// The built-in framework plus every valid framework in `dir`; also returns
    /// the errors of the files that could not be used.
    pub fn load(dir: &Path) -> (Self, Vec<StorageError>) {
        let mut catalog = Self::builtin_only();
        let mut errors = Vec::new();
        let Ok(entries) = fs::read_dir(dir) else {
            return (catalog, errors);
        };
        let mut paths: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
        paths.sort();
        for path in paths {
            match load_framework(&path) {
                Ok(framework) => catalog.add(framework),
                Err(e) => errors.push(e),
            }
        }
        (catalog, errors)
    }

    /// Adds (or replaces) a framework.
    pub fn add(&mut self, framework: Framework) {
        self.added.insert(framework.id.clone(), Arc::new(framework));
    }

    /// The framework with `id`.
    pub fn get(&self, id: &str) -> Option<Arc<Framework>> {
        match self.added.get(id) {
            Some(framework) => Some(framework.clone()),
            None => (id == crate::model::BUILTIN_FRAMEWORK_ID).then(builtin),
        }
    }

    /// All frameworks, by id.
    pub fn all(&self) -> impl Iterator<Item = &Arc<Framework>> {
        use std::ops::Bound::{Excluded, Unbounded};
        let id = crate::model::BUILTIN_FRAMEWORK_ID;
        // The built-in one (or what stands in for it) in its place by id.
        let builtin = self.added.get(id).unwrap_or_else(|| builtin_ref());
        let before = self
            .added
            .range::<str, _>((Unbounded, Excluded(id)))
            .map(|(_, f)| f);
        let after = self
            .added
            .range::<str, _>((Excluded(id), Unbounded))
            .map(|(_, f)| f);
        before.chain(std::iter::once(builtin)).chain(after)
    }
}

/// Checks the framework file at `from` and copies it into `dir` as `ID.ron`,
/// so plans that use it open with it later. Returns the framework.
pub fn install_framework(from: &Path, dir: &Path) -> Result<Framework, StorageError> {
    let text = read_text(from)?;
    let framework = check_installable(from, parse_framework(from, &text)?)?;
    fs::create_dir_all(dir).map_err(|e| StorageError::io(dir, "create the frameworks folder", e))?;
    write_guarded(
        &dir.join(format!("{}.ron", framework.id)),
        text.as_bytes(),
        Purpose::Framework,
    )?;
    Ok(framework)
}

/// A framework from the file `from` that can be installed: its id is not the
/// built-in framework's and can name a file. What `framework --check` and
/// the app's install both ask.
pub fn check_installable(from: &Path, framework: Framework) -> Result<Framework, StorageError> {
    if framework.id == crate::model::BUILTIN_FRAMEWORK_ID {
        return Err(StorageError::new(
            from,
            ErrorKind::Invalid(format!(
                "the id `{}` belongs to the built-in framework; give yours another id",
                framework.id
            )),
        ));
    }
    // The id was checked to be letters, digits and dashes; a name with any
    // other character is refused again here, where it becomes a path.
    if framework.id.contains(['/', '\\', '.']) || framework.id.is_empty() {
        return Err(StorageError::new(
            from,
            ErrorKind::Invalid(format!("`{}` cannot name a file", framework.id)),
        ));
    }
    Ok(framework)
}
