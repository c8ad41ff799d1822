//! Reading untrusted text safely: size and nesting limits, UTF-8 and BOM
//! handling, and RON parse errors turned into `PATH:LINE:COL` errors.

use std::fs;
use std::io::Read;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::error::{ErrorKind, Position, StorageError};

/// Files larger than this are refused before they are parsed.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Brackets nested deeper than this are refused before parsing, so hostile
/// files cannot exhaust the stack. Real plans nest about six levels deep.
pub const MAX_DEPTH: usize = 64;

/// Reads `path` as text within the limits: not a folder, at most
/// [`MAX_FILE_BYTES`], valid UTF-8 (a byte-order mark is dropped).
pub fn read_text(path: &Path) -> Result<String, StorageError> {
    decode(path, read_bytes(path)?)
}

/// Reads `path` within the size limit, as bytes: not a folder, at most
/// [`MAX_FILE_BYTES`].
pub(super) fn read_bytes(path: &Path) -> Result<Vec<u8>, StorageError> {
    let meta = fs::metadata(path).map_err(|e| StorageError::io(path, "read the file", e))?;
    if meta.is_dir() {
        return Err(StorageError::new(path, ErrorKind::NotAFile));
    }
    // A pipe or a device would block the read or never end: refuse it.
    if !meta.is_file() {
        return Err(StorageError::new(path, ErrorKind::NotRegular));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(StorageError::new(
            path,
            ErrorKind::TooLarge {
                size: meta.len(),
                limit: MAX_FILE_BYTES,
            },
        ));
    }
    let file = fs::File::open(path).map_err(|e| StorageError::io(path, "open the file", e))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // Read one byte past the limit to catch a file that grew since the check.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StorageError::io(path, "read the file", e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(StorageError::new(
            path,
            ErrorKind::TooLarge {
                size: bytes.len() as u64,
                limit: MAX_FILE_BYTES,
            },
        ));
    }
    Ok(bytes)
}

/// Turns bytes into text: UTF-8 only, without a leading byte-order mark.
pub fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String, StorageError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(valid);
        StorageError::at(path, end_position(&text), ErrorKind::NotText)
    })
}

/// The position just after the end of `text`.
fn end_position(text: &str) -> Position {
    let line = text.matches('\n').count() + 1;
    let col = text.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
    Position { line, col }
}

/// The position of byte offset `offset` in `text`.
pub fn position_of(text: &str, offset: usize) -> Position {
    end_position(text.get(..offset).unwrap_or(text))
}

/// Checks that brackets nest no deeper than `limit`, skipping strings,
/// characters and comments. Returns the position of the first bracket past the
/// limit.
pub fn check_depth(text: &str, limit: usize) -> Result<(), Position> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Err(position_of(text, i));
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'"' => i = skip_string(bytes, i + 1),
            b'r' if bytes.get(i + 1).is_some_and(|&b| b == b'"' || b == b'#') => {
                i = skip_raw_string(bytes, i + 1);
            }
            b'\'' => {
                // A character literal: skip an escape and the closing quote.
                let mut j = i + 1;
                if bytes.get(j) == Some(&b'\\') {
                    j += 1;
                }
                j += 1;
                while j < bytes.len() && bytes[j] != b'\'' && j < i + 12 {
                    j += 1;
                }
                i = j;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => i = skip_block_comment(bytes, i + 2),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// Skips to the closing quote of a string whose body starts at `i`.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    i
}

/// Skips a raw string `r#"…"#` whose hashes start at `i`.
fn skip_raw_string(bytes: &[u8], mut i: usize) -> usize {
    let mut hashes = 0;
    while bytes.get(i) == Some(&b'#') {
        hashes += 1;
        i += 1;
    }
    i += 1; // the opening quote
    while i < bytes.len() {
        if bytes[i] == b'"' && bytes[i + 1..].iter().take(hashes).filter(|&&b| b == b'#').count() == hashes {
            return i + hashes;
        }
        i += 1;
    }
    i
}

/// Skips a (possibly nested) block comment whose body starts at `i`.
fn skip_block_comment(bytes: &[u8], mut i: usize) -> usize {
    let mut depth = 1;
    while i < bytes.len() {
        if bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 1;
            if depth == 0 {
                return i;
            }
        } else if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 1;
        }
        i += 1;
    }
    i
}

/// Whether `text` holds nothing but whitespace and comments.
pub fn is_blank(text: &str) -> bool {
    let mut rest = text.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, tail)| tail).trim_start();
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, tail)| tail).trim_start();
        } else {
            return rest.is_empty();
        }
    }
}

/// Parses RON text, checking blankness and depth first. Errors carry the file
/// and the line and column where the parser stopped.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, StorageError> {
    if is_blank(text) {
        return Err(StorageError::new(path, ErrorKind::Empty));
    }
    check_depth(text, MAX_DEPTH)
        .map_err(|pos| StorageError::at(path, pos, ErrorKind::TooDeep { limit: MAX_DEPTH }))?;
    let options = ron::Options::default().with_recursion_limit(MAX_DEPTH * 2);
    options.from_str(text).map_err(|err| {
        let reported = Position {
            line: err.span.start.line.max(1),
            col: err.span.start.col.max(1),
        };
        let position = onto_token(text, reported);
        StorageError::at(path, position, ErrorKind::Syntax(syntax_message(&err.code)))
    })
}

/// RON sometimes reports the position just before the offending token; move
/// it forward over whitespace so it points at the token itself.
fn onto_token(text: &str, position: Position) -> Position {
    let Some(line_start) = text
        .split_inclusive('\n')
        .take(position.line - 1)
        .map(str::len)
        .try_fold(0usize, |a, b| a.checked_add(b))
    else {
        return position;
    };
    let Some(line) = text.get(line_start..).and_then(|rest| rest.split('\n').next()) else {
        return position;
    };
    let skip = line
        .chars()
        .skip(position.col - 1)
        .take_while(|c| c.is_whitespace())
        .count();
    let at = position.col - 1 + skip;
    if at < line.chars().count() {
        Position {
            line: position.line,
            col: at + 1,
        }
    } else {
        position
    }
}

/// A message for a RON error, worded for people.
fn syntax_message(code: &ron::Error) -> String {
    match code {
        ron::Error::Eof => "the file ends too early (is it cut off?)".to_owned(),
        other => other.to_string(),
    }
}

/// The position of the first occurrence of `needle` in `text`.
pub fn find(text: &str, needle: &str) -> Option<Position> {
    text.find(needle).map(|offset| position_of(text, offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_ignores_strings_and_comments() {
        assert_eq!(check_depth("((()))", 3), Ok(()));
        assert_eq!(check_depth("((()))", 2), Err(Position { line: 1, col: 3 }));
        assert_eq!(check_depth("(\"((((\")", 1), Ok(()));
        assert_eq!(check_depth("(r#\"(((\"#)", 1), Ok(()));
        assert_eq!(check_depth("// (((\n()", 1), Ok(()));
        assert_eq!(check_depth("/* ((( /* ( */ */()", 1), Ok(()));
        assert_eq!(check_depth("('(')", 1), Ok(()));
        assert_eq!(check_depth("(\n [\n  {", 2), Err(Position { line: 3, col: 3 }));
    }

    #[test]
    fn positions() {
        assert_eq!(position_of("ab\ncd", 4), Position { line: 2, col: 2 });
        assert_eq!(position_of("", 0), Position { line: 1, col: 1 });
        assert_eq!(find("x\n  \"y\"", "\"y\""), Some(Position { line: 2, col: 3 }));
    }

    #[test]
    fn blank() {
        assert!(is_blank("  \n\t"));
        assert!(is_blank("// only a comment\n/* and a block */"));
        assert!(!is_blank("()"));
    }
}
