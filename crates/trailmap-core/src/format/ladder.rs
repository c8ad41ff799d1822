//! A framework as spreadsheet sheets (CSV) and back: the layout a company
//! keeps its career ladder in.
//!
//! The ladder sheet has one row per skill and level, with the level's
//! description, and one column per role, marked (`x`) in the row of the
//! level that role needs:
//!
//! ```text
//! Skill id,Skill,Summary,Level,Description,Tech Lead,Engineering Manager
//! communication,Communication,Getting ideas across,1,Explains own work,,
//! communication,Communication,,2,Writes clear updates,x,
//! …
//! ```
//!
//! Beside it, optional sheets named after it (`ladder-roles.csv` and so on,
//! see [`Sheet`]) hold what a ladder alone does not: each role's summary,
//! whether people aim for it and how it spends its time; the library of
//! actions; the moves between roles; the framework's id and name. Without a
//! roles sheet every role column is a role people aim for, with its time
//! split left as an even estimate.
//!
//! Ids are taken from the sheets when given (an export writes them), else
//! made from the names, so re-importing an edited sheet gives the same ids
//! and plans that use the framework still open.
//!
//! **Invariant:** text in, framework out (and back). No file is touched
//! here; the app's storage layer reads and writes the sheets and names the
//! files in errors. Every error names its sheet, row and column.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::export::csv::{cell_read, sheet_text};
use crate::model::framework::{
    ActionTemplate, Allocation, FRAMEWORK_FORMAT, Framework, MoveKind, RoleDef, SkillDef, Source, Transition,
};
use crate::model::ids::{ActionId, RoleId, SkillId, is_valid_text_id, slug};
use crate::model::level::{Level, LevelBand};

/// The sheets of a ladder. The ladder is the file the user names; the
/// others sit beside it, named `STEM-SUFFIX.csv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sheet {
    /// Skills and levels, one column per role.
    Ladder,
    /// Each role: name, whether people aim for it, time split, summary.
    Roles,
    /// The library of actions.
    Actions,
    /// The moves between roles.
    Moves,
    /// The framework's id, name and note on its sources.
    About,
}

impl Sheet {
    /// Every sheet, the ladder first.
    pub const ALL: [Self; 5] = [Self::Ladder, Self::Roles, Self::Actions, Self::Moves, Self::About];

    /// What the file name adds to the ladder's stem (`None` for the ladder
    /// itself): `STEM-roles.csv`.
    pub fn suffix(self) -> Option<&'static str> {
        match self {
            Self::Ladder => None,
            Self::Roles => Some("roles"),
            Self::Actions => Some("actions"),
            Self::Moves => Some("moves"),
            Self::About => Some("about"),
        }
    }

    /// The file name of this sheet for a ladder named `STEM.csv`.
    pub fn file_name(self, stem: &str) -> String {
        match self.suffix() {
            None => format!("{stem}.csv"),
            Some(suffix) => format!("{stem}-{suffix}.csv"),
        }
    }

    /// The heading row an export writes (the ladder's role columns follow
    /// its five).
    fn headings(self) -> &'static [&'static str] {
        match self {
            Self::Ladder => &["Skill id", "Skill", "Summary", "Level", "Description"],
            Self::Roles => &[
                "Id",
                "Name",
                "Target",
                "Strategy %",
                "People %",
                "Building %",
                "Levels from",
                "Time from",
                "Summary",
            ],
            Self::Actions => &["Id", "Title", "Skill", "Role", "From level", "To level", "Detail"],
            Self::Moves => &["From", "To", "Kind"],
            Self::About => &["Id", "Name", "About"],
        }
    }

    /// Whether `text` starts with the heading row an export of this sheet
    /// writes: a sheet an earlier export made, which a new export may
    /// replace. (The ladder's role columns vary; its first five do not.)
    /// A sheet saved again by a spreadsheet app (with semicolons, say)
    /// still counts.
    pub fn made_by_export(self, text: &str) -> bool {
        let (text, separator) = separated(text.trim_start_matches('\u{feff}'));
        let first = first_line(text);
        let cells: Vec<&str> = first
            .split(char::from(separator))
            .map(|c| c.trim().trim_matches('"'))
            .collect();
        let headings = self.headings();
        match self {
            Self::Ladder => cells.get(..headings.len()) == Some(headings),
            _ => cells == headings,
        }
    }
}

/// The text of each sheet given to [`import`]; only the ladder is needed.
#[derive(Clone, Copy, Debug, Default)]
pub struct SheetTexts<'a> {
    /// The ladder sheet.
    pub ladder: &'a str,
    /// The roles sheet, if there is one.
    pub roles: Option<&'a str>,
    /// The actions sheet, if there is one.
    pub actions: Option<&'a str>,
    /// The moves sheet, if there is one.
    pub moves: Option<&'a str>,
    /// The about sheet, if there is one.
    pub about: Option<&'a str>,
}

/// A column of a sheet: its place (from 0) and its heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// From 0: column A is 0.
    pub index: usize,
    /// The heading, as the sheet has it.
    pub heading: String,
}

impl Column {
    /// The column's letters as a spreadsheet shows them: A, …, Z, AA, AB, …
    pub fn letters(&self) -> String {
        let mut n = self.index + 1;
        let mut letters = Vec::new();
        while n > 0 {
            let rem = (n - 1) % 26;
            letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
            n = (n - 1) / 26;
        }
        letters.iter().rev().collect()
    }
}

/// Why a sheet could not become a framework, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetError {
    /// The sheet.
    pub sheet: Sheet,
    /// The row as a spreadsheet numbers it (the heading row is 1), if the
    /// problem is in one.
    pub row: Option<usize>,
    /// The column, if the problem is in one.
    pub column: Option<Column>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.row, &self.column) {
            (Some(row), Some(col)) => write!(
                f,
                "row {row}, column {} ({}): {}",
                col.letters(),
                col.heading,
                self.message
            ),
            (Some(row), None) => write!(f, "row {row}: {}", self.message),
            (None, Some(col)) => write!(f, "column {} ({}): {}", col.letters(), col.heading, self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

/// A framework read from sheets, and what the reader filled in itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The framework, valid.
    pub framework: Framework,
    /// What was not in the sheets and was filled in, one sentence each.
    pub notes: Vec<String>,
}

/// One sheet read into rows of trimmed cells.
struct Table {
    sheet: Sheet,
    headings: Vec<String>,
    /// `(row number, cells)`, the heading row left out, blank rows too.
    rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    fn read(sheet: Sheet, text: &str) -> Result<Self, SheetError> {
        let text = text.trim_start_matches('\u{feff}');
        let empty = |message: &str| SheetError {
            sheet,
            row: None,
            column: None,
            message: message.to_owned(),
        };
        if text.trim().is_empty() {
            return Err(empty(match sheet {
                Sheet::Ladder => {
                    "the file is empty; a ladder needs a heading row (Skill, Level, Description and one column per role) and a row per skill and level"
                }
                _ => "the file is empty; it needs a heading row and a row per entry",
            }));
        }
        let (text, separator) = separated(text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(separator)
            .from_reader(text.as_bytes());
        let mut headings = None;
        let mut rows = Vec::new();
        // Rows as a spreadsheet numbers them: the CSV reader passes over an
        // empty line, which a spreadsheet counts as a row, so the empty
        // lines between where it began reading a record and the record are
        // counted (a line break inside a quoted cell is part of its record).
        let mut row = 0;
        for record in reader.records() {
            let start = match &record {
                Ok(r) => r.position().map(csv::Position::byte),
                Err(e) => e.position().map(csv::Position::byte),
            };
            let skipped = start
                .and_then(|b| usize::try_from(b).ok())
                .map(|b| {
                    // The reader may begin between the CR and LF that end
                    // the record before: that LF ends no empty line.
                    let after_cr = b > 0 && text.as_bytes().get(b - 1) == Some(&b'\r');
                    if after_cr && text.as_bytes().get(b) == Some(&b'\n') {
                        b + 1
                    } else {
                        b
                    }
                })
                .and_then(|b| text.get(b..))
                .map_or(0, empty_lines_at);
            row += 1 + skipped;
            let record = record.map_err(|e| SheetError {
                sheet,
                row: Some(row),
                column: None,
                // The text is a `str`: no cell can be invalid UTF-8.
                message: format!("not readable as CSV: {e}"),
            })?;
            let cells: Vec<String> = record.iter().map(|c| cell_read(c.trim()).to_owned()).collect();
            if headings.is_none() {
                headings = Some(cells);
            } else if cells.iter().any(|c| !c.is_empty()) {
                rows.push((row, cells));
            }
        }
        let headings = headings.ok_or_else(|| empty("the file has no heading row"))?;
        Ok(Self {
            sheet,
            headings,
            rows,
        })
    }

    /// The column headed by one of `names` (case and spaces ignored).
    fn find(&self, names: &[&str]) -> Option<usize> {
        self.headings.iter().position(|h| heading_is(h, names))
    }

    /// The column headed by `names[0]` (or another of `names`), which the
    /// sheet must have; `hint` says what the sheet needs.
    fn require(&self, names: &[&str], hint: &str) -> Result<usize, SheetError> {
        self.find(names).ok_or_else(|| SheetError {
            sheet: self.sheet,
            row: Some(1),
            column: None,
            message: format!("no \"{}\" column; {hint}", names[0]),
        })
    }

    fn column(&self, index: usize) -> Column {
        Column {
            index,
            heading: self.headings.get(index).cloned().unwrap_or_default(),
        }
    }

    fn error(&self, row: usize, col: usize, message: impl Into<String>) -> SheetError {
        SheetError {
            sheet: self.sheet,
            row: Some(row),
            column: Some(self.column(col)),
            message: message.into(),
        }
    }
}

/// The character between cells: a comma, or what the heading row uses
/// instead (a semicolon where the decimal mark is a comma, as spreadsheet
/// apps in much of Europe write "CSV"; a tab for text copied out of a sheet).
fn delimiter(text: &str) -> u8 {
    let heading = first_line(text);
    let count = |c: char| heading.matches(c).count();
    [b';', b'\t']
        .into_iter()
        .find(|d| count(char::from(*d)) > count(','))
        .unwrap_or(b',')
}

/// How many empty lines `text` starts with (`\n`, `\r\n` or a lone `\r`
/// each end one).
fn empty_lines_at(text: &str) -> usize {
    let breaks = text.bytes().take_while(|b| matches!(b, b'\n' | b'\r'));
    let mut count = 0;
    let mut after_cr = false;
    for b in breaks {
        if !(b == b'\n' && after_cr) {
            count += 1;
        }
        after_cr = b == b'\r';
    }
    count
}

/// The text before the first line break, whichever a file uses (a lone CR
/// is the line break of "CSV (Macintosh)").
fn first_line(text: &str) -> &str {
    text.split(['\r', '\n']).next().unwrap_or("")
}

/// The sheet without a first line `sep=;` (which Excel writes to name the
/// separator, and does not show as a row), and the separator: the one named
/// there, or else [`delimiter`]'s guess.
fn separated(text: &str) -> (&str, u8) {
    let first = first_line(text);
    match first.strip_prefix("sep=").map(str::as_bytes) {
        Some(&[separator]) if separator.is_ascii_punctuation() || separator == b'\t' => {
            let rest = &text[first.len()..];
            let rest = rest
                .strip_prefix("\r\n")
                .or_else(|| rest.strip_prefix(['\r', '\n']))
                .unwrap_or(rest);
            (rest, separator)
        }
        _ => (text, delimiter(text)),
    }
}

/// The ladder's own headings besides the roles', each with the other ways
/// of writing it.
const LADDER_HEADINGS: [&[&str]; 5] = [
    &["Skill", "Skill name"],
    &["Level"],
    &["Description"],
    &["Skill id"],
    &["Summary", "Skill summary"],
];

/// Whether `heading` is one of `names`, case, spaces, dashes and
/// underscores aside.
fn heading_is(heading: &str, names: &[&str]) -> bool {
    let norm = |s: &str| s.to_lowercase().replace([' ', '_', '-'], "");
    names.iter().any(|n| norm(heading) == norm(n))
}

/// The cell at `col` of `cells`, or "" past the end of a short row.
fn cell(cells: &[String], col: Option<usize>) -> &str {
    col.and_then(|c| cells.get(c)).map_or("", String::as_str)
}

/// A level from a cell, or an error for the cell.
fn level_in(table: &Table, row: usize, col: usize, text: &str) -> Result<Level, SheetError> {
    let text = text.trim();
    match level_number(text) {
        Ok(n) => u8::try_from(n).ok().and_then(Level::new).ok_or_else(|| {
            table.error(
                row,
                col,
                format!(
                    "level {n} is out of range; levels run from {} to {}",
                    Level::MIN,
                    Level::MAX
                ),
            )
        }),
        Err(()) if text.is_empty() => Err(table.error(
            row,
            col,
            format!(
                "no level given; use a number from {} to {}",
                Level::MIN,
                Level::MAX
            ),
        )),
        Err(()) => Err(table.error(
            row,
            col,
            format!(
                "`{text}` is not a level; use a number from {} to {}",
                Level::MIN,
                Level::MAX
            ),
        )),
    }
}

/// The number a level cell holds, written as people and spreadsheet apps
/// write it: `3`, `3.0`, `L3`, `Level 3`.
fn level_number(text: &str) -> Result<i64, ()> {
    let lower = text.to_lowercase();
    let number = lower
        .strip_prefix("level")
        .or_else(|| lower.strip_prefix('l'))
        .unwrap_or(&lower)
        .trim();
    if let Ok(n) = number.parse::<i64>() {
        return Ok(n);
    }
    match number.parse::<f64>() {
        // A whole number a spreadsheet wrote as a decimal.
        #[allow(
            clippy::cast_possible_truncation,
            reason = "checked whole and small just before"
        )]
        Ok(f) if f.fract() == 0.0 && f.abs() < 1e6 => Ok(f as i64),
        _ => Err(()),
    }
}

/// Whether a role's cell marks this row's level, or an error for a cell
/// that is neither a mark nor empty.
fn marked(table: &Table, row: usize, col: usize, text: &str, level: Level) -> Result<bool, SheetError> {
    let lower = text.to_lowercase();
    // FALSE and TRUE are what a spreadsheet's tick boxes become in CSV.
    if matches!(lower.as_str(), "" | "-" | "no" | "n" | "0" | "false") {
        return Ok(false);
    }
    if matches!(
        lower.as_str(),
        "x" | "yes" | "y" | "✓" | "✔" | "•" | "*" | "needed" | "required" | "true"
    ) || level_number(&lower) == Ok(i64::from(level.get()))
    {
        return Ok(true);
    }
    Err(table.error(
        row,
        col,
        format!("`{text}` is not a mark; put x in the row of the level this role needs, and leave the others empty"),
    ))
}

/// A yes/no cell; `default` when empty.
fn yes_no(table: &Table, row: usize, col: usize, text: &str, default: bool) -> Result<bool, SheetError> {
    match text.to_lowercase().as_str() {
        "" => Ok(default),
        "yes" | "y" | "x" | "true" | "✓" | "✔" => Ok(true),
        "no" | "n" | "false" | "-" => Ok(false),
        _ => Err(table.error(row, col, format!("`{text}` is not yes or no"))),
    }
}

/// A percentage cell (`40` or `40%`).
fn percent(table: &Table, row: usize, col: usize, text: &str) -> Result<u8, SheetError> {
    text.trim_end_matches('%')
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|p| *p <= 100)
        .ok_or_else(|| {
            table.error(
                row,
                col,
                format!("`{text}` is not a whole percentage from 0 to 100"),
            )
        })
}

/// A source cell: `articles` or `estimate` (empty: estimate).
fn source(table: &Table, row: usize, col: usize, text: &str) -> Result<Source, SheetError> {
    match text.to_lowercase().as_str() {
        "" | "estimate" => Ok(Source::Estimate),
        "articles" | "from the articles" => Ok(Source::Articles),
        _ => Err(table.error(
            row,
            col,
            format!("`{text}` is not a source; use articles or estimate"),
        )),
    }
}

/// An id from its own cell, or made from the name; an error for an id that
/// is not valid.
fn id_from(
    table: &Table,
    row: usize,
    (id_col, name_col): (Option<usize>, usize),
    kind: &str,
    cells: &[String],
) -> Result<String, SheetError> {
    let given = cell(cells, id_col);
    if !given.is_empty() {
        if !is_valid_text_id(given) {
            return Err(table.error(
                row,
                id_col.unwrap_or(name_col),
                format!(
                    "`{given}` is not a valid id (lower-case letters, digits and single dashes, starting with a letter)"
                ),
            ));
        }
        return Ok(given.to_owned());
    }
    made_id(kind, cell(cells, Some(name_col)))
        .ok_or_else(|| table.error(row, name_col, "no letter or digit in the name to make an id from"))
}

/// An id made from a name: its slug, with `KIND-` in front when the name
/// starts with a digit (`360 feedback` is the skill `skill-360-feedback`);
/// `None` for a name with no letter or digit.
pub fn made_id(kind: &str, name: &str) -> Option<String> {
    if !name.chars().any(char::is_alphanumeric) {
        return None;
    }
    let made = slug(name);
    Some(if made.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{kind}-{made}")
    } else {
        made
    })
}

/// The roles of the roles sheet, before the ladder gives their levels.
fn read_roles(text: &str) -> Result<Vec<(usize, RoleDef)>, SheetError> {
    let table = Table::read(Sheet::Roles, text)?;
    let hint = "the roles sheet needs Name, and may have Id, Target, Strategy %, People %, Building %, Levels from, Time from and Summary";
    let name = table.require(&["Name", "Role"], hint)?;
    let id = table.find(&["Id", "Role id"]);
    let target = table.find(&["Target"]);
    let shares = [
        table.find(&["Strategy %", "Strategy"]),
        table.find(&["People %", "People"]),
        table.find(&["Building %", "Building"]),
    ];
    let (levels_from, time_from, summary) = (
        table.find(&["Levels from"]),
        table.find(&["Time from"]),
        table.find(&["Summary"]),
    );
    let mut roles: Vec<(usize, RoleDef)> = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (row, cells) in &table.rows {
        let row = *row;
        let role_id = id_from(&table, row, (id, name), "role", cells)?;
        if let Some(first) = seen.insert(role_id.clone(), row) {
            return Err(table.error(
                row,
                id.unwrap_or(name),
                format!("the role `{role_id}` is listed twice (first on row {first})"),
            ));
        }
        let allocation = if shares.iter().all(Option::is_none) {
            even_split()
        } else {
            let mut values = [0u8; 3];
            for (value, col) in values.iter_mut().zip(shares) {
                if let Some(col) = col {
                    *value = percent(&table, row, col, cell(cells, Some(col)))?;
                }
            }
            let total: u32 = values.iter().map(|v| u32::from(*v)).sum();
            if total != 100 {
                let col = shares.iter().flatten().next().copied().unwrap_or(name);
                return Err(table.error(row, col, format!("the time split adds up to {total}%, not 100%")));
            }
            Allocation {
                strategy: values[0],
                people: values[1],
                building: values[2],
            }
        };
        let role = RoleDef {
            id: RoleId::new(role_id),
            name: cell(cells, Some(name)).to_owned(),
            summary: cell(cells, summary).to_owned(),
            target: match target {
                Some(col) => yes_no(&table, row, col, cell(cells, Some(col)), false)?,
                None => true,
            },
            requires: BTreeMap::new(),
            requires_source: match levels_from {
                Some(col) => source(&table, row, col, cell(cells, Some(col)))?,
                None => Source::Estimate,
            },
            allocation,
            allocation_source: match time_from {
                Some(col) => source(&table, row, col, cell(cells, Some(col)))?,
                None => Source::Estimate,
            },
        };
        roles.push((row, role));
    }
    Ok(roles)
}

/// The time split given to a role no sheet gives one for.
fn even_split() -> Allocation {
    Allocation {
        strategy: 34,
        people: 33,
        building: 33,
    }
}

/// The roles by id and by name (case ignored), to find the role a cell
/// names in one look, however many rows name one.
struct RoleIndex {
    by_id: BTreeMap<String, usize>,
    by_name: BTreeMap<String, usize>,
}

impl RoleIndex {
    fn new(roles: &[RoleDef]) -> Self {
        let mut index = Self {
            by_id: BTreeMap::new(),
            by_name: BTreeMap::new(),
        };
        // The first of two roles with one name wins, as a search would find it.
        for (i, role) in roles.iter().enumerate().rev() {
            index.by_id.insert(role.id.to_string(), i);
            index.by_name.insert(role.name.to_lowercase(), i);
        }
        index
    }

    /// The role a cell names, by id or else by name.
    fn find(&self, text: &str) -> Option<usize> {
        self.by_id
            .get(text)
            .or_else(|| self.by_name.get(&text.to_lowercase()))
            .copied()
    }
}

/// The skill a cell names, by id or by name (case ignored).
fn find_skill(skills: &[SkillDef], text: &str) -> Option<usize> {
    skills
        .iter()
        .position(|s| s.id.as_str() == text)
        .or_else(|| skills.iter().position(|s| s.name.eq_ignore_ascii_case(text)))
}

/// One skill's rows of the ladder as they are read.
struct SkillBlock {
    first_row: usize,
    skill: SkillDef,
    levels: BTreeMap<Level, (usize, String)>,
    /// Per role column: the level marked and its row.
    marks: BTreeMap<usize, (Level, usize)>,
}

/// The ladder's fixed columns.
struct LadderColumns {
    id: Option<usize>,
    name: usize,
    summary: Option<usize>,
    level: usize,
    description: usize,
    /// `(column, index into the roles)`.
    roles: Vec<(usize, usize)>,
}

/// The ladder's columns; roles named by its other headings are matched to
/// `roles` (from the roles sheet) or, without one, added to it.
fn ladder_columns(
    table: &Table,
    roles: &mut Vec<RoleDef>,
    from_sheet: bool,
) -> Result<LadderColumns, SheetError> {
    let hint = "a ladder needs Skill, Level and Description columns, then one column per role";
    let [
        name_names,
        level_names,
        description_names,
        id_names,
        summary_names,
    ] = LADDER_HEADINGS;
    let name = table.require(name_names, hint)?;
    let level = table.require(level_names, hint)?;
    let description = table.require(description_names, hint)?;
    let id = table.find(id_names);
    let summary = table.find(summary_names);
    let fixed: BTreeSet<usize> = [Some(name), Some(level), Some(description), id, summary]
        .into_iter()
        .flatten()
        .collect();
    let mut columns = Vec::new();
    // The roles sheet's roles; without one, the roles are added below.
    let sheet_roles = RoleIndex::new(roles);
    for (col, heading) in table.headings.iter().enumerate() {
        if fixed.contains(&col) {
            continue;
        }
        if let Some(first) = LADDER_HEADINGS
            .iter()
            .find(|names| heading_is(heading, names))
            .and_then(|names| table.find(names))
        {
            let message = format!(
                "a second \"{heading}\" column (the first is column {}); a role's column is headed by the role",
                table.column(first).letters()
            );
            return Err(table.error(1, col, message));
        }
        if heading.is_empty() {
            if table
                .rows
                .iter()
                .any(|(_, cells)| !cell(cells, Some(col)).is_empty())
            {
                return Err(table.error(
                    1,
                    col,
                    "this column has no heading; head it with the role it is for",
                ));
            }
            continue;
        }
        let index = if from_sheet {
            sheet_roles.find(heading).ok_or_else(|| {
                let known: Vec<&str> = roles.iter().map(|r| r.id.as_str()).collect();
                table.error(
                    1,
                    col,
                    format!("unknown role; the roles sheet lists {}", known.join(", ")),
                )
            })?
        } else {
            let Some(role_id) = made_id("role", heading) else {
                return Err(table.error(1, col, "no letter or digit in the heading to make a role id from"));
            };
            if let Some(i) = roles.iter().position(|r| r.id.as_str() == role_id) {
                let message = format!(
                    "the role `{role_id}` has two columns (the other is {})",
                    roles[i].name
                );
                return Err(table.error(1, col, message));
            }
            roles.push(RoleDef {
                id: RoleId::new(role_id),
                name: heading.clone(),
                summary: String::new(),
                target: true,
                requires: BTreeMap::new(),
                requires_source: Source::Estimate,
                allocation: even_split(),
                allocation_source: Source::Estimate,
            });
            roles.len() - 1
        };
        if let Some((other, _)) = columns.iter().find(|(_, i)| *i == index) {
            let message = format!(
                "the role `{}` has two columns (the other is column {})",
                roles[index].id,
                table.column(*other).letters()
            );
            return Err(table.error(1, col, message));
        }
        columns.push((col, index));
    }
    if columns.is_empty() {
        return Err(SheetError {
            sheet: Sheet::Ladder,
            row: Some(1),
            column: None,
            message: "no role columns; add one column per role after Description".into(),
        });
    }
    Ok(LadderColumns {
        id,
        name,
        summary,
        level,
        description,
        roles: columns,
    })
}

/// Checks a finished skill's rows: all five levels, one mark per role.
fn close_block(
    table: &Table,
    block: &SkillBlock,
    cols: &LadderColumns,
    roles: &mut [RoleDef],
) -> Result<(), SheetError> {
    if block.levels.len() != Level::COUNT {
        let have: Vec<String> = block.levels.keys().map(ToString::to_string).collect();
        return Err(table.error(
            block.first_row,
            cols.level,
            format!(
                "{} has levels {}; a skill needs all five, 1 to 5",
                block.skill.name,
                have.join(", ")
            ),
        ));
    }
    for (col, index) in &cols.roles {
        let Some((level, _)) = block.marks.get(col) else {
            let message = format!(
                "no level marked for {} in {}; put x in the row of the level it needs",
                roles[*index].name, block.skill.name
            );
            return Err(table.error(block.first_row, *col, message));
        };
        roles[*index].requires.insert(block.skill.id.clone(), *level);
    }
    Ok(())
}

/// The skills of the ladder sheet; fills in each role's required levels.
fn read_ladder(text: &str, roles: &mut Vec<RoleDef>, from_sheet: bool) -> Result<Vec<SkillDef>, SheetError> {
    let table = Table::read(Sheet::Ladder, text)?;
    let cols = ladder_columns(&table, roles, from_sheet)?;
    // A skill's rows need not be together (a sheet sorted by level is
    // fine): each row goes to its skill's block, in the order skills first
    // appear; a row with no skill named belongs to the skill of the row above.
    let mut done: Vec<SkillBlock> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut current: Option<usize> = None;
    for (row, cells) in &table.rows {
        let row = *row;
        let named = !cell(cells, Some(cols.name)).is_empty() || !cell(cells, cols.id).is_empty();
        let at = if named {
            let id = id_from(&table, row, (cols.id, cols.name), "skill", cells)?;
            if let Some(at) = index.get(&id) {
                *at
            } else {
                // Said here, at the skill past the limit, rather than after
                // reading the rest of a sheet that may be very long.
                let limit = crate::model::limits::MAX_FRAMEWORK_SKILLS;
                if done.len() == limit {
                    let message = format!(
                        "a framework can have at most {limit} skills; this is skill {}",
                        limit + 1
                    );
                    return Err(table.error(row, cols.name, message));
                }
                index.insert(id.clone(), done.len());
                done.push(SkillBlock {
                    first_row: row,
                    skill: SkillDef {
                        id: SkillId::new(id),
                        name: cell(cells, Some(cols.name)).to_owned(),
                        summary: String::new(),
                        levels: Vec::new(),
                    },
                    levels: BTreeMap::new(),
                    marks: BTreeMap::new(),
                });
                done.len() - 1
            }
        } else {
            current.ok_or_else(|| table.error(row, cols.name, "no skill named in this row or above it"))?
        };
        current = Some(at);
        let block = &mut done[at];
        if block.skill.name.is_empty() {
            cell(cells, Some(cols.name)).clone_into(&mut block.skill.name);
        }
        if block.skill.summary.is_empty() {
            cell(cells, cols.summary).clone_into(&mut block.skill.summary);
        }
        let level = level_in(&table, row, cols.level, cell(cells, Some(cols.level)))?;
        if let Some((first, _)) = block.levels.get(&level) {
            let message = format!(
                "{} is listed twice: level {level} is also on row {first}",
                block.skill.name
            );
            return Err(table.error(row, cols.level, message));
        }
        let description = cell(cells, Some(cols.description));
        if description.is_empty() {
            let message = format!("level {level} of {} has no description", block.skill.name);
            return Err(table.error(row, cols.description, message));
        }
        block.levels.insert(level, (row, description.to_owned()));
        for (col, role) in &cols.roles {
            if marked(&table, row, *col, cell(cells, Some(*col)), level)? {
                if let Some((other, first)) = block.marks.get(col) {
                    let message = format!(
                        "{} is marked at level {other} (row {first}) and again here; mark one level per skill",
                        roles[*role].name
                    );
                    return Err(table.error(row, *col, message));
                }
                block.marks.insert(*col, (level, row));
            }
        }
    }
    for block in &done {
        close_block(&table, block, &cols, roles)?;
    }
    if done.is_empty() {
        return Err(SheetError {
            sheet: Sheet::Ladder,
            row: None,
            column: None,
            message: "the ladder has a heading row but no skills".into(),
        });
    }
    Ok(done
        .into_iter()
        .map(|mut block| {
            block.skill.levels = block.levels.into_values().map(|(_, text)| text).collect();
            block.skill
        })
        .collect())
}

/// The library of actions from the actions sheet.
fn read_actions(
    text: &str,
    skills: &[SkillDef],
    roles: &[RoleDef],
) -> Result<Vec<ActionTemplate>, SheetError> {
    let table = Table::read(Sheet::Actions, text)?;
    let hint =
        "the actions sheet needs Title and Skill, and may have Id, Role, From level, To level and Detail";
    let title = table.require(&["Title", "Action"], hint)?;
    let skill = table.require(&["Skill"], hint)?;
    let id = table.find(&["Id", "Action id"]);
    let role = table.find(&["Role"]);
    let (from, to) = (table.find(&["From level"]), table.find(&["To level"]));
    let detail = table.find(&["Detail", "Details", "How"]);
    let mut actions: Vec<ActionTemplate> = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let role_index = RoleIndex::new(roles);
    for (row, cells) in &table.rows {
        let row = *row;
        let action_id = id_from(&table, row, (id, title), "action", cells)?;
        if let Some(first) = seen.insert(action_id.clone(), row) {
            let message = format!("the action `{action_id}` is listed twice (first on row {first})");
            return Err(table.error(row, id.unwrap_or(title), message));
        }
        let skill_text = cell(cells, Some(skill));
        let skill_index = find_skill(skills, skill_text)
            .ok_or_else(|| table.error(row, skill, format!("unknown skill `{skill_text}`")))?;
        let role_text = cell(cells, role);
        let role_id = match (role, role_text.is_empty()) {
            (Some(col), false) => Some(
                roles[role_index
                    .find(role_text)
                    .ok_or_else(|| table.error(row, col, format!("unknown role `{role_text}`")))?]
                .id
                .clone(),
            ),
            _ => None,
        };
        let bound = |col: Option<usize>| -> Result<Option<Level>, SheetError> {
            match col {
                Some(col) if !cell(cells, Some(col)).is_empty() => {
                    level_in(&table, row, col, cell(cells, Some(col))).map(Some)
                }
                _ => Ok(None),
            }
        };
        let levels = match (bound(from)?, bound(to)?) {
            (None, None) => None,
            (min, max) => {
                let band = LevelBand {
                    min: min.unwrap_or(Level::MIN),
                    max: max.unwrap_or(Level::MAX),
                };
                if band.min > band.max {
                    let message = format!("the levels run backwards ({} to {})", band.min, band.max);
                    return Err(table.error(row, from.unwrap_or(title), message));
                }
                Some(band)
            }
        };
        let action = ActionTemplate {
            id: ActionId::new(action_id),
            title: cell(cells, Some(title)).to_owned(),
            detail: cell(cells, detail).to_owned(),
            skill: skills[skill_index].id.clone(),
            role: role_id,
            levels,
        };
        actions.push(action);
    }
    Ok(actions)
}

/// The moves between roles from the moves sheet.
fn read_moves(text: &str, roles: &[RoleDef]) -> Result<Vec<Transition>, SheetError> {
    let table = Table::read(Sheet::Moves, text)?;
    let hint = "the moves sheet needs From and To, and may have Kind (step or lateral)";
    let from = table.require(&["From"], hint)?;
    let to = table.require(&["To"], hint)?;
    let kind = table.find(&["Kind"]);
    let mut moves: Vec<Transition> = Vec::new();
    let mut seen: BTreeMap<(RoleId, RoleId), usize> = BTreeMap::new();
    let role_index = RoleIndex::new(roles);
    for (row, cells) in &table.rows {
        let row = *row;
        let end = |col: usize| -> Result<RoleId, SheetError> {
            let text = cell(cells, Some(col));
            role_index
                .find(text)
                .map(|i| roles[i].id.clone())
                .ok_or_else(|| table.error(row, col, format!("unknown role `{text}`")))
        };
        let (a, b) = (end(from)?, end(to)?);
        if a == b {
            return Err(table.error(row, to, "a move must lead to another role"));
        }
        let kind = match cell(cells, kind).to_lowercase().as_str() {
            "" | "step" | "step up" => MoveKind::Step,
            "lateral" | "sideways" => MoveKind::Lateral,
            other => {
                let message = format!("`{other}` is not a kind of move; use step or lateral");
                return Err(table.error(row, kind.unwrap_or(from), message));
            }
        };
        if let Some(first) = seen.insert((a.clone(), b.clone()), row) {
            return Err(table.error(
                row,
                from,
                format!("the same move is listed twice (first on row {first})"),
            ));
        }
        moves.push(Transition { from: a, to: b, kind });
    }
    Ok(moves)
}

/// The framework's id, name and note from the about sheet.
fn read_about(text: &str) -> Result<(Option<String>, Option<String>, String), SheetError> {
    let table = Table::read(Sheet::About, text)?;
    let id = table.require(&["Id"], "the about sheet needs Id, and may have Name and About")?;
    let (name, about) = (table.find(&["Name"]), table.find(&["About"]));
    let Some((row, cells)) = table.rows.first() else {
        return Ok((None, None, String::new()));
    };
    let given = cell(cells, Some(id));
    if !given.is_empty() && !is_valid_text_id(given) {
        return Err(table.error(
            *row,
            id,
            format!("`{given}` is not a valid id (lower-case letters, digits and single dashes)"),
        ));
    }
    let some = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    Ok((
        some(given),
        some(cell(cells, name)),
        cell(cells, about).to_owned(),
    ))
}

/// Reads a framework from its sheets. `default_id` and `default_name` are
/// used when there is no about sheet (the storage layer makes them from the
/// file name). The framework is checked with [`Framework::validate`].
pub fn import(sheets: &SheetTexts<'_>, default_id: &str, default_name: &str) -> Result<Imported, SheetError> {
    let mut notes = Vec::new();
    let (mut roles, role_rows) = match sheets.roles {
        Some(text) => {
            let (rows, roles): (Vec<usize>, Vec<RoleDef>) = read_roles(text)?.into_iter().unzip();
            (roles, rows)
        }
        None => {
            notes.push(
                "no roles sheet: every role column is a role people aim for, with an even time split marked as an estimate"
                    .to_owned(),
            );
            (Vec::new(), Vec::new())
        }
    };
    let skills = read_ladder(sheets.ladder, &mut roles, sheets.roles.is_some())?;
    for (i, role) in roles.iter().enumerate() {
        if role.requires.is_empty() {
            return Err(SheetError {
                sheet: Sheet::Roles,
                row: role_rows.get(i).copied(),
                column: None,
                message: format!("the role `{}` has no column in the ladder", role.id),
            });
        }
    }
    let actions = match sheets.actions {
        Some(text) => read_actions(text, &skills, &roles)?,
        None => Vec::new(),
    };
    let transitions = match sheets.moves {
        Some(text) => read_moves(text, &roles)?,
        None => Vec::new(),
    };
    let (id, name, about) = match sheets.about {
        Some(text) => read_about(text)?,
        None => (None, None, String::new()),
    };
    let framework = Framework {
        format_version: FRAMEWORK_FORMAT,
        id: id.unwrap_or_else(|| default_id.to_owned()),
        name: name.unwrap_or_else(|| default_name.to_owned()),
        about,
        skills,
        roles,
        transitions,
        actions,
    };
    if let Some(issue) = framework.validate().into_iter().next() {
        let sheet = if issue.place.starts_with("roles") && sheets.roles.is_some() {
            Sheet::Roles
        } else if issue.place == "id" && sheets.about.is_some() {
            Sheet::About
        } else {
            Sheet::Ladder
        };
        return Err(SheetError {
            sheet,
            row: None,
            column: None,
            message: issue.to_string(),
        });
    }
    Ok(Imported { framework, notes })
}

/// The heading of a role's column: its name, or its id where the name would
/// be taken for another role or for one of the ladder's own columns.
fn role_heading(framework: &Framework, role: &RoleDef) -> String {
    let name = role.name.to_lowercase();
    let taken = framework
        .roles
        .iter()
        .any(|o| o.id != role.id && (o.name.to_lowercase() == name || o.id.as_str() == role.name))
        || LADDER_HEADINGS.iter().any(|names| heading_is(&role.name, names))
        || role.name.trim().is_empty();
    if taken {
        role.id.to_string()
    } else {
        role.name.clone()
    }
}

fn owned(headings: &[&str]) -> Vec<String> {
    headings.iter().map(|s| (*s).to_owned()).collect()
}

fn source_text(source: Source) -> String {
    match source {
        Source::Articles => "articles",
        Source::Estimate => "estimate",
    }
    .to_owned()
}

/// The framework as sheets, in the layout [`import`] reads: `(sheet, CSV
/// text)`, the ladder first. Importing them gives the same framework back.
pub fn export(framework: &Framework) -> Vec<(Sheet, String)> {
    let mut ladder = vec![owned(Sheet::Ladder.headings())];
    ladder[0].extend(framework.roles.iter().map(|r| role_heading(framework, r)));
    for skill in &framework.skills {
        for level in Level::all() {
            let mut row = vec![
                skill.id.to_string(),
                skill.name.clone(),
                if level == Level::MIN {
                    skill.summary.clone()
                } else {
                    String::new()
                },
                level.to_string(),
                skill.level_text(level).to_owned(),
            ];
            row.extend(framework.roles.iter().map(|r| {
                if r.required(&skill.id) == Some(level) {
                    "x".to_owned()
                } else {
                    String::new()
                }
            }));
            ladder.push(row);
        }
    }
    let roles = std::iter::once(owned(Sheet::Roles.headings())).chain(framework.roles.iter().map(|r| {
        vec![
            r.id.to_string(),
            r.name.clone(),
            if r.target { "yes" } else { "no" }.to_owned(),
            r.allocation.strategy.to_string(),
            r.allocation.people.to_string(),
            r.allocation.building.to_string(),
            source_text(r.requires_source),
            source_text(r.allocation_source),
            r.summary.clone(),
        ]
    }));
    let actions =
        std::iter::once(owned(Sheet::Actions.headings())).chain(framework.actions.iter().map(|a| {
            vec![
                a.id.to_string(),
                a.title.clone(),
                a.skill.to_string(),
                a.role.as_ref().map(ToString::to_string).unwrap_or_default(),
                a.levels.map(|b| b.min.to_string()).unwrap_or_default(),
                a.levels.map(|b| b.max.to_string()).unwrap_or_default(),
                a.detail.clone(),
            ]
        }));
    let moves =
        std::iter::once(owned(Sheet::Moves.headings())).chain(framework.transitions.iter().map(|t| {
            let kind = match t.kind {
                MoveKind::Step => "step",
                MoveKind::Lateral => "lateral",
            };
            vec![t.from.to_string(), t.to.to_string(), kind.to_owned()]
        }));
    let about = [
        owned(Sheet::About.headings()),
        vec![
            framework.id.clone(),
            framework.name.clone(),
            framework.about.clone(),
        ],
    ];
    vec![
        (Sheet::Ladder, sheet_text(ladder)),
        (Sheet::Roles, sheet_text(roles)),
        (Sheet::Actions, sheet_text(actions)),
        (Sheet::Moves, sheet_text(moves)),
        (Sheet::About, sheet_text(about)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A framework from a ladder sheet with no sheet beside it.
    fn ladder_alone(text: &str) -> Imported {
        let sheets = SheetTexts {
            ladder: text,
            ..SheetTexts::default()
        };
        import(&sheets, "acme", "Acme").expect("imports")
    }

    #[test]
    fn semicolons_and_tabs_separate_cells_when_the_heading_row_uses_them() {
        assert_eq!(delimiter("Skill,Level,Description,Lead\n"), b',');
        assert_eq!(delimiter("Skill;Level;Description;Lead, senior\n"), b';');
        assert_eq!(delimiter("Skill\tLevel\tDescription\tLead\n"), b'\t');
        let text = "Skill;Level;Description;Lead\n".to_owned()
            + &(1..=5)
                .map(|l| {
                    format!(
                        "Writing;{l};Writes, at level {l};{}\n",
                        if l == 3 { "x" } else { "" }
                    )
                })
                .collect::<String>();
        let imported = ladder_alone(&text);
        assert_eq!(imported.framework.skills[0].levels[2], "Writes, at level 3");
    }

    #[test]
    fn levels_and_marks_are_read_as_spreadsheets_write_them() {
        for text in ["3", "3.0", "L3", "Level 3", "level3", " 3 "] {
            assert_eq!(level_number(text.trim()), Ok(3), "{text}");
        }
        for text in ["three", "3.5", "", "L", "x3"] {
            assert!(level_number(text).is_err(), "{text}");
        }
        let text = "Skill,Level,Description,Lead,Manager\n".to_owned()
            + &(1..=5)
                .map(|l| {
                    let lead = if l == 2 { "TRUE" } else { "FALSE" };
                    let manager = if l == 4 { "4" } else { "" };
                    format!("Writing,{l}.0,Writes at {l},{lead},{manager}\n")
                })
                .collect::<String>();
        let f = ladder_alone(&text).framework;
        assert_eq!(f.roles[0].required(&"writing".into()), Level::new(2));
        assert_eq!(f.roles[1].required(&"writing".into()), Level::new(4));
    }

    #[test]
    fn a_sep_line_a_lone_cr_and_a_sheet_saved_again_are_understood() {
        assert_eq!(separated("sep=;\r\nSkill;Level\r\n"), ("Skill;Level\r\n", b';'));
        assert_eq!(
            separated("Skill,Level,Description;x\rA;1;2;3;4\r").1,
            b',',
            "the first line only"
        );
        let again = "\u{feff}Id;Name;Target;Strategy %;People %;Building %;Levels from;Time from;Summary\r\n";
        assert!(Sheet::Roles.made_by_export(again));
        assert!(Sheet::Ladder.made_by_export("\"Skill id\",Skill,Summary,Level,Description,Lead\n"));
        assert!(!Sheet::Ladder.made_by_export("Skill,Level,Description,Lead\n"));
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_numbers_them() {
        // An empty line is a row; a line break inside a quoted cell is not.
        let text = "Skill,Level,Description,Lead\n\nWriting,1,\"two\nlines\",\n\n\nWriting,7,x,\n";
        let sheets = SheetTexts {
            ladder: text,
            ..SheetTexts::default()
        };
        let error = import(&sheets, "a", "A").expect_err("level 7");
        assert_eq!(error.row, Some(6), "{error}");
        let crlf = text.replace('\n', "\r\n");
        let sheets = SheetTexts {
            ladder: &crlf,
            ..SheetTexts::default()
        };
        let error = import(&sheets, "a", "A").expect_err("level 7");
        assert_eq!(error.row, Some(6), "with CR LF: {error}");
        assert_eq!(empty_lines_at("\r\n\n\rx"), 3);
    }

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        let letters = |index| {
            Column {
                index,
                heading: String::new(),
            }
            .letters()
        };
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
        assert_eq!(letters(701), "ZZ");
        assert_eq!(letters(702), "AAA");
    }

    #[test]
    fn a_ladder_alone_makes_a_framework_with_every_role_a_target() {
        let mut text = String::from("Skill,Level,Description,Team Lead,Manager\n");
        for level in 1..=5 {
            let lead = if level == 2 { "x" } else { "" };
            let manager = if level == 4 { "x" } else { "" };
            text.push_str(&format!("Writing,{level},Writes at {level},{lead},{manager}\n"));
        }
        let imported = ladder_alone(&text);
        let f = imported.framework;
        assert_eq!(f.skills.len(), 1);
        assert_eq!(f.skills[0].id.as_str(), "writing");
        assert_eq!(f.roles.len(), 2);
        assert!(f.roles.iter().all(|r| r.target));
        assert_eq!(f.roles[1].required(&"writing".into()), Level::new(4));
        assert_eq!(imported.notes.len(), 1);
    }
}
