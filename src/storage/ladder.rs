//! Frameworks kept in spreadsheets: reading a ladder and the sheets beside
//! it into a framework, and writing a framework as those sheets. The layout
//! is `trailmap_core::format::ladder`'s; this module only finds, reads and
//! writes the files, and names them in errors.

use std::path::{Path, PathBuf};

use super::error::{ErrorKind, StorageError};
use super::guard::{Purpose, check_target, write_guarded};
use super::text::read_text;
use crate::format::ladder::{self, Imported, Sheet, SheetTexts};
use crate::model::Framework;

/// The stem of the ladder's file name: `acme` for `acme.csv`.
fn stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| "ladder".to_owned(), |s| s.to_string_lossy().into_owned())
}

/// The file of `sheet` for the ladder at `ladder`.
pub fn sheet_path(ladder: &Path, sheet: Sheet) -> PathBuf {
    match sheet {
        Sheet::Ladder => ladder.to_path_buf(),
        _ => ladder.with_file_name(sheet.file_name(&stem(ladder))),
    }
}

/// Reads the ladder at `path` and the sheets beside it that exist
/// (`STEM-roles.csv`, `STEM-actions.csv`, `STEM-moves.csv`, `STEM-about.csv`)
/// into a checked framework. Without an about sheet, the framework's id is
/// made from the file name (`Acme Ladder.csv` gives `acme-ladder`). Errors
/// name the sheet's file, the row and the column. Also returns the sheets
/// that were read.
pub fn import_ladder(path: &Path) -> Result<(Imported, Vec<PathBuf>), StorageError> {
    let ladder = read_text(path)?;
    let mut texts = Vec::new();
    let mut read = vec![path.to_path_buf()];
    for sheet in &Sheet::ALL[1..] {
        let sheet_path = sheet_path(path, *sheet);
        let text = if sheet_path.exists() {
            read.push(sheet_path.clone());
            Some(read_text(&sheet_path)?)
        } else {
            None
        };
        texts.push(text);
    }
    let sheets = SheetTexts {
        ladder: &ladder,
        roles: texts[0].as_deref(),
        actions: texts[1].as_deref(),
        moves: texts[2].as_deref(),
        about: texts[3].as_deref(),
    };
    let name = stem(path);
    let id = crate::model::slug(&name);
    let id = if id.is_empty() { "ladder".to_owned() } else { id };
    let imported = ladder::import(&sheets, &id, &name)
        .map_err(|e| StorageError::new(sheet_path(path, e.sheet), ErrorKind::Invalid(e.to_string())))?;
    Ok((imported, read))
}

/// The framework as the text of a framework file, with a first line saying
/// where it came from.
pub fn framework_text(framework: &Framework, from: &str) -> Result<String, StorageError> {
    let config = ron::ser::PrettyConfig::new().indentor("    ").struct_names(true);
    let body = ron::ser::to_string_pretty(framework, config)
        .map_err(|e| StorageError::new(Path::new(from), ErrorKind::Invalid(e.to_string())))?;
    Ok(format!(
        "// A Trailmap framework, imported from {from}.\n{body}\n"
    ))
}

/// Writes `framework` as a framework file at `out` (never over a plan).
pub fn write_framework(framework: &Framework, from: &Path, out: &Path) -> Result<(), StorageError> {
    let name = from
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let text = framework_text(framework, &name)?;
    // A framework file Trailmap could not read back is not written.
    let limit = super::text::MAX_FILE_BYTES;
    if text.len() as u64 > limit {
        return Err(StorageError::new(
            from,
            ErrorKind::Invalid(format!(
                "the framework would take {:.1} MiB; a framework file can be at most {} MiB (fewer or shorter actions)",
                text.len() as f64 / 1_048_576.0,
                limit / 1_048_576
            )),
        ));
    }
    write_guarded(out, text.as_bytes(), Purpose::Framework).map(|_| ())
}

/// Writes `framework` as sheets: the ladder at `out` (`STEM.csv`) and the
/// others beside it. A sheet beside the ladder replaces only a sheet an
/// earlier export wrote. Every file is checked before the first is written.
/// Returns the files written, the ladder first.
pub fn export_ladder(framework: &Framework, out: &Path) -> Result<Vec<PathBuf>, StorageError> {
    let sheets = ladder::export(framework);
    let purpose = |sheet: Sheet| {
        if sheet == Sheet::Ladder {
            Purpose::Export
        } else {
            Purpose::ExportPart
        }
    };
    for (sheet, _) in &sheets {
        check_target(&sheet_path(out, *sheet), purpose(*sheet))?;
    }
    let mut written = Vec::new();
    for (sheet, text) in sheets {
        let path = sheet_path(out, sheet);
        write_guarded(&path, text.as_bytes(), purpose(sheet))?;
        written.push(path);
    }
    Ok(written)
}

/// Imports the ladder at `path` (see [`import_ladder`]) and installs the
/// framework in `dir` as `ID.ron`, so new plans can use it and plans that
/// use it open. Refuses the built-in framework's id.
pub fn install_ladder(path: &Path, dir: &Path) -> Result<(Imported, Vec<PathBuf>), StorageError> {
    let (imported, read) = import_ladder(path)?;
    let framework = super::check_installable(path, imported.framework.clone())?;
    std::fs::create_dir_all(dir).map_err(|e| StorageError::io(dir, "create the frameworks folder", e))?;
    write_framework(&framework, path, &dir.join(format!("{}.ron", framework.id)))?;
    Ok((imported, read))
}
