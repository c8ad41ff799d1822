//! The report as Markdown (CommonMark with GitHub-style tables and task lists).

use std::fmt::Write as _;

use super::report::{Align, Block, Chart, Inline, Line, ListItem, Report};

/// Escapes text so Markdown shows it as written: punctuation that would start
/// formatting, a link or raw HTML gets a backslash; an ampersand that could
/// start an entity (`&lt;`, `&#60;`) becomes `&amp;`, so the entity shows as
/// typed instead of as the character it names (a lone `&` followed by a
/// space cannot start one and stays as it is). Control characters and
/// noncharacters (`export::is_unprintable`) become U+FFFD; carriage returns
/// are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' if may_start_entity(chars.peek()) => out.push_str("&amp;"),
            '\r' => {}
            c if super::is_unprintable(c) => out.push(char::REPLACEMENT_CHARACTER),
            c => out.push(c),
        }
    }
    out
}

/// Whether an `&` followed by `next` could start an entity (`&lt;`, `&#60;`).
/// At the end of the text too: more text may follow it in the report.
fn may_start_entity(next: Option<&char>) -> bool {
    next.is_none_or(|n| n.is_ascii_alphanumeric() || *n == '#')
}

/// Escapes a character that would turn a line into a heading or a list
/// (`#`, `+`, `-`, or a number and a dot) when it starts the line.
pub fn guard_line_start(line: &str) -> String {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let numbered = digits > 0 && matches!(line[digits..].chars().next(), Some('.' | ')'));
    if line.starts_with(['#', '+', '-', '=']) {
        format!("\\{line}")
    } else if numbered {
        format!("{}\\{}", &line[..digits], &line[digits..])
    } else {
        line.to_owned()
    }
}

/// Escaped text on one line: line breaks become spaces; other spacing is kept.
fn one_line(text: &str) -> String {
    if !text.contains('\n') {
        return escape(text);
    }
    let joined: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    escape(&joined.join(" "))
}

/// Escaped lines of a longer text, each guarded at its start, empty ones dropped.
fn block_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| guard_line_start(&escape(l)))
        .collect()
}

fn inline(line: &Line) -> String {
    let mut out = String::new();
    for piece in line {
        match piece {
            Inline::Text(t) => out.push_str(&one_line(t)),
            Inline::Strong(t) => {
                let _ = write!(out, "**{}**", one_line(t));
            }
            Inline::Struck(t) => {
                let _ = write!(out, "~~{}~~", one_line(t));
            }
            Inline::Badge(b) => {
                let _ = write!(out, " _({})_", b.label());
            }
        }
    }
    out
}

/// How the Markdown refers to the chart images.
#[derive(Clone, Debug)]
pub enum Images<'a> {
    /// Link to `PREFIX-radar.svg` and `PREFIX-ranking.svg` beside the file.
    Beside(&'a str),
    /// No image files: say so where the charts would be.
    None,
}

/// Percent-encodes the characters that would end or break a link target:
/// brackets and spaces, control characters and noncharacters (a file name
/// may hold any of them), and `&`, which would start an entity.
fn link_target(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c == '&' || c.is_control() || super::is_unprintable(c) => {
                for byte in c.encode_utf8(&mut [0; 4]).bytes() {
                    let _ = write!(out, "%{byte:02X}");
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn list(out: &mut String, items: &[ListItem]) {
    for item in items {
        let mark = match item.check {
            Some(true) => "- [x] ",
            Some(false) => "- [ ] ",
            None => "- ",
        };
        let _ = writeln!(out, "{mark}{}", guard_line_start(&inline(&item.line)));
        for (label, text) in &item.details {
            // Paragraphs inside a note become separate lines of the same sub-item.
            let lines = block_lines(text);
            let _ = writeln!(out, "  - {label}: {}", lines.join("  \n    "));
        }
    }
    out.push('\n');
}

fn table(out: &mut String, head: &[String], align: &[Align], rows: &[Vec<Line>]) {
    let cells: Vec<String> = head.iter().map(|h| one_line(h)).collect();
    let _ = writeln!(out, "| {} |", cells.join(" | "));
    let rules: Vec<&str> = align
        .iter()
        .map(|a| match a {
            Align::Left => "---",
            Align::Centre => ":---:",
        })
        .collect();
    let _ = writeln!(out, "|{}|", rules.join("|"));
    for row in rows {
        let cells: Vec<String> = row.iter().map(inline).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

/// Writes `report` as Markdown.
pub fn write(report: &Report, images: &Images<'_>) -> String {
    let mut out = String::new();
    let mut first_chart = true;
    for block in &report.blocks {
        match block {
            Block::Heading(level, text) => {
                let _ = writeln!(out, "{} {}\n", "#".repeat(usize::from(*level)), one_line(text));
            }
            Block::Para(line) => {
                let _ = writeln!(out, "{}\n", guard_line_start(&inline(line)));
            }
            Block::Note(line) | Block::Footer(line) => {
                let _ = writeln!(out, "_{}_\n", inline(line).trim());
            }
            Block::Notice(line) => {
                let _ = writeln!(out, "> **{}**\n", inline(line).trim());
            }
            Block::Facts(facts) => {
                for (label, value) in facts {
                    let _ = writeln!(out, "- **{}:** {}", one_line(label), inline(value));
                }
                out.push('\n');
            }
            Block::Table {
                head,
                align,
                rows,
                highlight: _,
            } => table(&mut out, head, align, rows),
            Block::List(items) => list(&mut out, items),
            Block::Chart(chart) => match images {
                Images::Beside(prefix) => {
                    let (alt, file) = match chart {
                        Chart::Ranking => {
                            ("Readiness for each target role", super::ranking_file_name(prefix))
                        }
                        Chart::Radar => (
                            "Skills compared with the target role",
                            super::radar_file_name(prefix),
                        ),
                    };
                    let _ = writeln!(out, "![{alt}]({})\n", link_target(&file));
                }
                Images::None => {
                    if first_chart {
                        out.push_str(
                            "_The charts are left out: they are written as image files only when the \
                             report goes to a file._\n\n",
                        );
                    }
                    first_chart = false;
                }
            },
            Block::Quote(text) => {
                for paragraph in text.split("\n\n") {
                    let lines = block_lines(paragraph);
                    if !lines.is_empty() {
                        let _ = writeln!(out, "> {}", lines.join("  \n> "));
                        out.push_str(">\n");
                    }
                }
                // Drop the last empty quote line.
                if out.ends_with(">\n") {
                    out.truncate(out.len() - 2);
                }
                out.push('\n');
            }
        }
    }
    // Exactly one newline at the end.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_punctuation() {
        assert_eq!(
            escape("a_b *c* [d](e) <b> | x"),
            "a\\_b \\*c\\* \\[d\\](e) \\<b\\> \\| x"
        );
        assert_eq!(escape("+45 points"), "+45 points");
        assert_eq!(guard_line_start("# not a heading"), "\\# not a heading");
        assert_eq!(guard_line_start("- item"), "\\- item");
        assert_eq!(guard_line_start("2026. A year"), "2026\\. A year");
        assert_eq!(guard_line_start("x - y"), "x - y");
        assert_eq!(guard_line_start("16:12 text"), "16:12 text");
    }

    #[test]
    fn entities_and_unprintable_characters_show_as_written() {
        assert_eq!(
            escape("&lt;b&gt; &#60; &amp;"),
            "&amp;lt;b&amp;gt; &amp;#60; &amp;amp;"
        );
        assert_eq!(escape("Strategy & Alignment"), "Strategy & Alignment");
        assert_eq!(escape("ends with &"), "ends with &amp;");
        assert_eq!(
            escape("a\u{1b}[2J\u{0}\u{9b}\u{fffe}\tb\r"),
            "a\u{fffd}\\[2J\u{fffd}\u{fffd}\u{fffd}\tb"
        );
    }

    #[test]
    fn link_targets_survive_spaces_and_brackets() {
        assert_eq!(
            link_target("my report (v2)-radar.svg"),
            "my%20report%20%28v2%29-radar.svg"
        );
        assert_eq!(
            link_target("a&lt;\u{1b}\u{9b}-radar.svg"),
            "a%26lt;%1B%C2%9B-radar.svg"
        );
    }
}
