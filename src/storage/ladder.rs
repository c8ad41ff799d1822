//! Frameworks kept in spreadsheets: reading a ladder and the sheets beside
//! it into a framework, and writing a framework as those sheets. The layout
//! is `trailmap_core::format::ladder`'s; this module only finds, reads and
//! writes the files, and names them in errors.

use std::path::{Path, PathBuf};

use super::error::{ErrorKind, StorageError};
use super::guard::{Purpose, write_guarded};
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

/// The workbook's name when the ladder is a tab Google Sheets downloaded
/// (`Acme Ladder - Ladder.csv` gives `Acme Ladder`); its other tabs come as
/// `Acme Ladder - Roles.csv` and so on.
fn workbook_name(stem: &str) -> Option<&str> {
    stem.rsplit_once(" - ")
        .map(|(book, _)| book.trim())
        .filter(|b| !b.is_empty())
}

/// Where `sheet` of the ladder at `ladder` may be: `STEM-roles.csv`, or for
/// a tab of a downloaded workbook `BOOK - Roles.csv`. The first that exists
/// (a dangling link counts, so that it is named in an error) is read.
fn sheet_candidates(ladder: &Path, sheet: Sheet) -> Vec<PathBuf> {
    let mut candidates = vec![sheet_path(ladder, sheet)];
    if let (Some(suffix), Some(book)) = (sheet.suffix(), workbook_name(&stem(ladder))) {
        let mut title = suffix.to_owned();
        title[..1].make_ascii_uppercase();
        candidates.push(ladder.with_file_name(format!("{book} - {title}.csv")));
        candidates.push(ladder.with_file_name(format!("{book} - {suffix}.csv")));
    }
    candidates
}

/// Reads a ladder and the sheets beside it, read text failing as a ladder
/// file fails: with what to do about the commonest wrong kinds of file.
fn read_sheet(path: &Path) -> Result<String, StorageError> {
    let bytes = super::text::read_bytes(path)?;
    let hint = |what: &str| {
        StorageError::new(
            path,
            ErrorKind::Invalid(format!(
                "{what}; save the sheet as \"CSV UTF-8 (Comma delimited)\" (Excel's Save as › File format) or \
                 \"Comma-separated values\" (Google Sheets' File › Download)"
            )),
        )
    };
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(hint("this is a workbook (.xlsx or .ods), not CSV"));
    }
    // Excel's "Unicode Text" is UTF-16 with a byte order mark.
    let utf16 =
        |units: Vec<u16>| String::from_utf16(&units).map_err(|_| hint("the text is not valid UTF-16"));
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(
            rest.chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .collect(),
        );
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(
            rest.chunks_exact(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect(),
        );
    }
    String::from_utf8(bytes)
        .map_err(|_| hint("the text is not UTF-8 (it may be Windows-1252, as Excel's plain \"CSV\" is)"))
}

/// Reads the ladder at `path` and the sheets beside it that exist
/// (`STEM-roles.csv`, `STEM-actions.csv`, `STEM-moves.csv`, `STEM-about.csv`,
/// or `BOOK - Roles.csv` and so on for tabs downloaded from a workbook)
/// into a checked framework. Without an about sheet, the framework's id is
/// made from the file name (`Acme Ladder.csv` gives `acme-ladder`). Errors
/// name the sheet's file, the row and the column. Also returns the sheets
/// that were read.
pub fn import_ladder(path: &Path) -> Result<(Imported, Vec<PathBuf>), StorageError> {
    let ladder = read_sheet(path)?;
    let mut texts = Vec::new();
    let mut read = vec![path.to_path_buf()];
    let mut paths = vec![path.to_path_buf()];
    for sheet in &Sheet::ALL[1..] {
        let found = sheet_candidates(path, *sheet)
            .into_iter()
            .find(|p| p.symlink_metadata().is_ok());
        let text = match &found {
            Some(sheet_path) => {
                read.push(sheet_path.clone());
                Some(read_sheet(sheet_path)?)
            }
            None => None,
        };
        paths.push(found.unwrap_or_else(|| sheet_path(path, *sheet)));
        texts.push(text);
    }
    let sheets = SheetTexts {
        ladder: &ladder,
        roles: texts[0].as_deref(),
        actions: texts[1].as_deref(),
        moves: texts[2].as_deref(),
        about: texts[3].as_deref(),
    };
    let stem = stem(path);
    let name = workbook_name(&stem).unwrap_or(&stem);
    let id = framework_id(name);
    let imported = ladder::import(&sheets, &id, name).map_err(|e| {
        let file = Sheet::ALL
            .iter()
            .position(|s| *s == e.sheet)
            .map_or(path, |i| &paths[i]);
        StorageError::new(file, ErrorKind::Invalid(e.to_string()))
    })?;
    Ok((imported, read))
}

/// A framework's id made from a file name: at most 64 characters, cut at a
/// dash (the id names the installed file).
fn framework_id(name: &str) -> String {
    let mut id = ladder::made_id("ladder", name).unwrap_or_else(|| "ladder".to_owned());
    while id.len() > 64 {
        match id.rfind('-') {
            Some(dash) => id.truncate(dash),
            None => id.truncate(64),
        }
    }
    id
}

/// The framework as the text of a framework file, with a first line saying
/// where it came from.
pub fn framework_text(framework: &Framework, from: &str) -> Result<String, StorageError> {
    let config = ron::ser::PrettyConfig::new().indentor("    ").struct_names(true);
    let body = ron::ser::to_string_pretty(framework, config)
        .map_err(|e| StorageError::new(Path::new(from), ErrorKind::Invalid(e.to_string())))?;
    // The name goes into a comment: a line break in it would end the
    // comment and make the rest of the name part of the file.
    let from: String = from
        .chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
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
    check_framework_target(out, &framework.id)?;
    write_guarded(out, text.as_bytes(), Purpose::Framework).map(|_| ())
}

/// An import writes a new file, or replaces the framework file of the same
/// framework (importing an edited sheet again). Anything else there (the
/// spreadsheet itself, another framework, a note) is refused.
fn check_framework_target(out: &Path, id: &str) -> Result<(), StorageError> {
    if std::fs::symlink_metadata(out).is_err() {
        return Ok(());
    }
    let refuse = |why: String| {
        StorageError::new(
            out,
            ErrorKind::Invalid(format!(
                "{why}; an import writes a new file or replaces the framework it wrote before (choose another name)"
            )),
        )
    };
    let bytes = super::text::read_bytes(out)?;
    if super::trailmap_file_kind(&bytes) != Some("framework") {
        return Err(refuse("this file is not a Trailmap framework".to_owned()));
    }
    #[derive(serde::Deserialize)]
    struct Framework {
        id: String,
    }
    let text = String::from_utf8_lossy(&bytes);
    match ron::from_str::<Framework>(&text) {
        Ok(old) if old.id == id => Ok(()),
        Ok(old) => Err(refuse(format!(
            "this file holds the framework `{}`, not `{id}`",
            old.id
        ))),
        Err(_) => Err(refuse("this framework file does not read".to_owned())),
    }
}

/// Writes `framework` as sheets: the ladder at `out` (`STEM.csv`) and the
/// others beside it, as [`super::write_together`] writes an export's files.
/// Each replaces only a sheet an earlier export wrote. Returns the files
/// written, the ladder first.
pub fn export_ladder(framework: &Framework, out: &Path) -> Result<Vec<PathBuf>, StorageError> {
    // The ladder too replaces only a sheet an export made: a ladder kept by
    // hand is where a framework comes from.
    let files = ladder::export(framework)
        .into_iter()
        .map(|(sheet, text)| (sheet_path(out, sheet), text, Purpose::ExportPart))
        .collect();
    super::write_together(files)
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
